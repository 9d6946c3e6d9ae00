/* Script parser: every event kind, and every error with its line number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "platform/script.h"
#include "support/subproc.h"
#include "support/scratch.h"

static void test_every_kind(void **state)
{
    (void)state;
    const char *text = "# comment\n"
                       "\n"
                       "1.0 tap 960 540\n"
                       "2.0 press 100 100        # finger down, held\n"
                       "2.2 move 120 100\n"
                       "2.5 release 100 100\n"
                       "3.0 drag 1500 540 300 540 0.25     # then lift\n"
                       "3.1 drag 10 20 30 40 0.5 3\n"
                       "4.0 pinch 960 540 200 400 0.5\n"
                       "5.0 key escape\n"
                       "5.5 key f1\n"
                       "6.0 shot after-drag\n"
                       "6.0 tap 1 2 7\n"
                       "9.0 quit\n";
    script s;
    char err[256] = "";
    assert_true(script_parse(text, "t.txt", 1920, 1080, &s, err, sizeof err));
    assert_int_equal(s.count, 12);
    const script_event *e = s.ev;
    assert_int_equal(e[0].kind, SCRIPT_TAP);
    assert_true(e[0].t == 1.0 && e[0].x1 == 960 && e[0].y1 == 540 && e[0].finger == 0);
    assert_int_equal(e[0].line, 3);
    assert_int_equal(e[1].kind, SCRIPT_PRESS);
    assert_int_equal(e[2].kind, SCRIPT_MOVE);
    assert_true(e[2].x1 == 120);
    assert_int_equal(e[3].kind, SCRIPT_RELEASE);
    assert_int_equal(e[4].kind, SCRIPT_DRAG);
    assert_true(e[4].x1 == 1500 && e[4].y1 == 540 && e[4].x2 == 300 && e[4].y2 == 540);
    assert_true(e[4].dur == 0.25);
    assert_int_equal(e[5].finger, 3);
    assert_int_equal(e[6].kind, SCRIPT_PINCH);
    assert_true(e[6].x1 == 960 && e[6].y1 == 540 && e[6].x2 == 200 && e[6].y2 == 400);
    assert_true(e[6].dur == 0.5);
    assert_int_equal(e[7].kind, SCRIPT_KEY);
    assert_string_equal(e[7].name, "escape");
    assert_string_equal(e[8].name, "f1");
    assert_int_equal(e[9].kind, SCRIPT_SHOT);
    assert_string_equal(e[9].name, "after-drag");
    assert_int_equal(e[10].finger, 7);
    assert_int_equal(e[11].kind, SCRIPT_QUIT);
    assert_int_equal(e[11].line, 14);
    script_free(&s);
}

typedef struct {
    const char *text;
    const char *expect; /* the whole message */
} err_case;

static void test_errors(void **state)
{
    (void)state;
    static const err_case cases[] = {
        {"1.0 tapp 1 2\n", "s.txt:1: unknown event 'tapp' (tap, press, move, release, drag, pinch, key, shot, quit)"},
        {"# c\nabc tap 1 2\n", "s.txt:2: time: expected a number, got 'abc'"},
        {"-1 tap 1 2\n", "s.txt:1: time must not be negative, got '-1'"},
        {"1.0\n", "s.txt:1: missing event after time '1.0'"},
        {"1 tap 1\n", "s.txt:1: too few arguments: usage: tap X Y [FINGER]"},
        {"1 tap 1 2 3 4\n", "s.txt:1: too many arguments: usage: tap X Y [FINGER]"},
        {"1 tap x 2\n", "s.txt:1: x: expected a number, got 'x'"},
        {"1 tap 2000 2\n", "s.txt:1: x is outside the screen (0..1920)"},
        {"1 tap 10 1080\n", "s.txt:1: y is outside the screen (0..1080)"},
        {"1 press -5 2\n", "s.txt:1: x is outside the screen (0..1920)"},
        {"1 tap 1 2 a\n", "s.txt:1: finger must be a number 0..9, got 'a'"},
        {"1 tap 1 2 12\n", "s.txt:1: finger must be a number 0..9, got '12'"},
        {"1 drag 1 2 3 4\n", "s.txt:1: too few arguments: usage: drag X1 Y1 X2 Y2 DURATION [FINGER]"},
        {"1 drag 1 2 3 4 0\n", "s.txt:1: duration must be > 0 and <= 3600 s, got '0'"},
        {"1 drag 1 2 3 4 zz\n", "s.txt:1: duration: expected a number, got 'zz'"},
        {"1 pinch 5 5 0 100 1\n", "s.txt:1: pinch distances must be > 0, got '0' and '100'"},
        {"1 pinch 5 5 10 100 1 2\n", "s.txt:1: too many arguments: usage: pinch CX CY D1 D2 DURATION"},
        {"1 key banana\n", "s.txt:1: unknown key 'banana' (escape, return, space, left, f1, a ...)"},
        {"1 key\n", "s.txt:1: too few arguments: usage: key NAME"},
        {"1 shot a/b\n", "s.txt:1: shot name 'a/b' may use only letters, digits, '-', '_' and '.'"},
        {"1 shot .hidden\n", "s.txt:1: shot name '.hidden' must not start with '.'"},
        {"1 quit now\n", "s.txt:1: too many arguments: usage: quit"},
        {"2 tap 1 1\n\n1 tap 1 1\n", "s.txt:3: time 1 is before the previous event's 2: times must not decrease"},
        {"1 tap 1 1\n1 tap 1e999 1\n", "s.txt:2: x: expected a number, got '1e999'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        script s;
        char err[256] = "";
        if (script_parse(cases[i].text, "s.txt", 1920, 1080, &s, err, sizeof err))
            fail_msg("case %zu parsed: %s", i, cases[i].text);
        assert_null(s.ev);
        if (strcmp(err, cases[i].expect) != 0)
            fail_msg("case %zu:\n got    '%s'\n wanted '%s'", i, err, cases[i].expect);
    }
}

static void test_no_bounds_without_size(void **state)
{
    (void)state;
    script s;
    char err[256];
    assert_true(script_parse("1 tap 5000 5000\n", "s", 0, 0, &s, err, sizeof err));
    script_free(&s);
}

static void test_load_missing_file(void **state)
{
    (void)state;
    script s;
    char err[256];
    assert_false(script_load("tests/does-not-exist.txt", 0, 0, &s, err, sizeof err));
    assert_non_null(strstr(err, "tests/does-not-exist.txt: cannot open script"));
}

/* A NUL byte is named by its line, like every other script error. */
static void test_load_nul_byte(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/nul.txt", subproc_test_dir());
    assert_true(scratch_write(path, "0.5 tap 1 1\n# a comment\n1.0 key\0 escape\n", 40));
    script s;
    char err[700], want[700];
    assert_false(script_load(path, 0, 0, &s, err, sizeof err));
    snprintf(want, sizeof want, "%s:3: NUL byte in the script (byte offset 31)", path);
    assert_string_equal(err, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_nul_byte),
        cmocka_unit_test(test_every_kind),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_no_bounds_without_size),
        cmocka_unit_test(test_load_missing_file),
    };
    return cmocka_run_group_tests_name("script", tests, NULL, NULL);
}
