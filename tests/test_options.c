/* Command-line parsing: every option, good and bad values, mode rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/options.h"

static char err[256];

/* Parses the NULL-terminated argument list after "kiosk". */
static options_result parse(kiosk_options *o, ...)
{
    char *argv[32] = {"kiosk"};
    int argc = 1;
    va_list ap;
    va_start(ap, o);
    for (char *a; argc < 32 && (a = va_arg(ap, char *)) != NULL;)
        argv[argc++] = a;
    va_end(ap);
    options_defaults(o);
    return options_parse(o, argc, argv, err, sizeof err);
}
#define PARSE(o, ...) parse(o, __VA_ARGS__, (char *)NULL)

static void test_defaults(void **state)
{
    (void)state;
    kiosk_options o;
    char *argv[] = {"kiosk"};
    options_defaults(&o);
    assert_int_equal(options_parse(&o, 1, argv, err, sizeof err), OPTIONS_OK);
    assert_int_equal(o.mode, MODE_RUN);
    assert_string_equal(o.bundle, "content");
    assert_int_equal(o.width, 1920);
    assert_int_equal(o.height, 1080);
    assert_int_equal(o.rotate, 0);
    assert_false(o.headless);
    assert_int_equal(o.frames, -1);
    assert_string_equal(o.shot_dir, ".");
}

static void test_run_options(void **state)
{
    (void)state;
    kiosk_options o;
    assert_int_equal(PARSE(&o, "--bundle", "b", "--size", "800x480", "--fullscreen", "--rotate",
                           "270", "--headless", "--frames", "120", "--screenshot", "s.png",
                           "--script", "x.txt", "--shot-dir", "shots", "--trace", "t.jsonl",
                           "--state-dir", "st", "--demo", "--sources", "src"),
                     OPTIONS_OK);
    assert_string_equal(o.bundle, "b");
    assert_int_equal(o.width, 800);
    assert_int_equal(o.height, 480);
    assert_true(o.fullscreen);
    assert_int_equal(o.rotate, 270);
    assert_true(o.headless);
    assert_int_equal(o.frames, 120);
    assert_string_equal(o.screenshot, "s.png");
    assert_string_equal(o.script, "x.txt");
    assert_string_equal(o.shot_dir, "shots");
    assert_string_equal(o.trace, "t.jsonl");
    assert_string_equal(o.state_dir, "st");
    assert_true(o.demo);
    assert_string_equal(o.sources, "src");
}

static void test_equals_form(void **state)
{
    (void)state;
    kiosk_options o;
    assert_int_equal(PARSE(&o, "--size=1080x1920", "--rotate=90"), OPTIONS_OK);
    assert_int_equal(o.width, 1080);
    assert_int_equal(o.height, 1920);
    assert_int_equal(o.rotate, 90);
}

static void test_modes(void **state)
{
    (void)state;
    kiosk_options o;
    assert_int_equal(PARSE(&o, "--layout", "800", "--font-size", "32", "--style", "quote",
                           "--no-justify", "--json", "--large-text"),
                     OPTIONS_OK);
    assert_int_equal(o.mode, MODE_LAYOUT);
    assert_int_equal(o.layout_width, 800);
    assert_int_equal(o.font_size, 32);
    assert_int_equal(o.style, STYLE_QUOTE);
    assert_true(o.no_justify && o.json && o.large_text);
    assert_int_equal(PARSE(&o, "--check", "content", "--export"), OPTIONS_OK);
    assert_int_equal(o.mode, MODE_CHECK);
    assert_string_equal(o.check_dir, "content");
    assert_true(o.export_json);
    assert_int_equal(PARSE(&o, "--stats", "st"), OPTIONS_OK);
    assert_int_equal(o.mode, MODE_STATS);
    assert_int_equal(PARSE(&o, "--status", "--json", "--state-dir", "st"), OPTIONS_OK);
    assert_int_equal(o.mode, MODE_STATUS);
    assert_true(o.json);
    assert_int_equal(PARSE(&o, "--rollback"), OPTIONS_OK);
    assert_int_equal(o.mode, MODE_ROLLBACK);
    assert_int_equal(PARSE(&o, "--help"), OPTIONS_HELP);
}

typedef struct {
    const char *a, *b; /* arguments (b may be NULL) */
    const char *msg;   /* expected substring of the message */
} bad_case;

static void test_bad(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"--bogus", NULL, "unknown option '--bogus'"},
        {"stray", NULL, "unexpected argument 'stray'"},
        {"--size", "12", "--size: expected WxH"},
        {"--size", "0x10", "--size: expected WxH"},
        {"--size", "100x", "--size: expected WxH"},
        {"--size", "x100", "--size: expected WxH"},
        {"--size", "99999x10", "--size: expected WxH"},
        {"--size", "8193x10", "--size: expected WxH (each 1..8192), got '8193x10'"},
        {"--rotate", "45", "--rotate: expected 0, 90, 180 or 270, got '45'"},
        {"--rotate", "-90", "--rotate: expected 0, 90, 180 or 270"},
        {"--frames", "0", "--frames: expected a positive number"},
        {"--frames", "ten", "--frames: expected a positive number"},
        {"--frames", " 5", "--frames: expected a positive number of frames, got ' 5'"},
        {"--frames", "+5", "--frames: expected a positive number"},
        {"--frames", "5 ", "--frames: expected a positive number"},
        {"--rotate", "-0", "--rotate: expected 0, 90, 180 or 270, got '-0'"},
        {"--rotate", "+90", "--rotate: expected 0, 90, 180 or 270"},
        {"--size", " 800x480", "--size: expected WxH"},
        {"--size", "800x-480", "--size: expected WxH"},
        {"--layout", "-0", "--layout: expected a width"},
        {"--layout", "wide", "--layout: expected a width"},
        {"--style", "bold", "--style: expected body, title, caption or quote"},
        {"--font-size", "2", "--font-size: expected a size"},
        {"--bundle", NULL, "--bundle: missing value DIR"},
        {"--headless=yes", NULL, "--headless takes no value"},
        {"--export", NULL, "--export needs --check DIR"},
        {"--review", "x.html", "--review needs --check DIR"},
        {"--json", NULL, "--json needs --layout WIDTH or --status"},
        {"--no-justify", NULL, "need --layout WIDTH"},
        {"--rollback", "--status", "separate modes"},
        {"--check", "a", "separate modes"}, /* with --stats below */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kiosk_options o;
        options_defaults(&o);
        char *argv[5] = {"kiosk", (char *)cases[i].a, (char *)cases[i].b, NULL, NULL};
        int argc = cases[i].b ? 3 : 2;
        if (strcmp(cases[i].a, "--check") == 0) {
            argv[3] = "--stats";
            argv[4] = "s";
            argc = 5;
        }
        err[0] = '\0';
        assert_int_equal(options_parse(&o, argc, argv, err, sizeof err), OPTIONS_ERROR);
        if (!strstr(err, cases[i].msg))
            fail_msg("case %zu: message '%s' lacks '%s'", i, err, cases[i].msg);
    }
}

static void test_usage_lists_every_option(void **state)
{
    (void)state;
    char buf[8192];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    options_usage(f);
    fclose(f);
    static const char *const opts[] = {
        "--help", "--bundle", "--size", "--fullscreen", "--rotate", "--headless", "--frames",
        "--screenshot", "--script", "--shot-dir", "--trace", "--state-dir", "--demo",
        "--sources", "--layout", "--font-size", "--style", "--no-justify", "--json",
        "--large-text", "--check", "--export", "--review", "--stats", "--verbose", "--quiet",
        "--inbox", "--trusted-keys", "--allow-unsigned", "--allow-downgrade", "--install", "--healthy-after",
        "--fault-at", "--metrics-dir", "--config", "--status", "--rollback"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (!strstr(buf, opts[i]))
            fail_msg("--help does not list %s", opts[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_run_options),
        cmocka_unit_test(test_equals_form),
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_usage_lists_every_option),
    };
    return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
