/* Hostile text through every way text enters the program: the line breaker
 * and the layout in process, `--layout`, `--check` of a bundle holding it
 * and the kiosk's start with that bundle (refused: the built-in error screen,
 * which quotes the character). Nothing may abort; bad UTF-8 is an error with
 * its byte offset, other problems errors at the text's line. The table is
 * tests/support/hostile.c; test_shell.c puts it on the error screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "support/hostile.h"
#include "support/subproc.h"
#include "support/texttest.h"
#include "support/scratch.h"
#include "text/layout.h"
#include "text/linebreak.h"

#define MINIMAL "tests/bundles/minimal"
#define HEADING_LINE "      en: Where the dialogue began"

/* Breaks of a valid text: none inside a character, a must at the end, none
 * inside a flag (a pair of regional indicators) nor after a ZWJ. */
static void check_breaks(const hostile_text *t)
{
    uint8_t *out = malloc(t->len + 1);
    uint32_t *cps = malloc((t->len + 1) * sizeof *cps);
    assert_non_null(out);
    assert_non_null(cps);
    linebreak_find(t->text, t->len, out, cps);
    free(cps);
    if (t->len > 0)
        assert_int_equal(out[t->len], LINEBREAK_MUST);
    size_t ri_run = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < t->len;) {
        uint32_t cp = 0;
        size_t n = utf8_decode(t->text + i, t->len - i, &cp);
        assert_true(n > 0);
        for (size_t k = 1; k < n; k++)
            assert_int_equal(out[i + k], LINEBREAK_NONE);
        bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
        if (ri && ri_run % 2 == 1)
            assert_int_equal(out[i], LINEBREAK_NONE);
        if (prev == 0x200D)
            assert_int_equal(out[i], LINEBREAK_NONE);
        ri_run = ri ? ri_run + 1 : 0;
        prev = cp;
        i += n;
    }
    free(out);
}

static void test_breaker(void **state)
{
    (void)state;
    size_t n;
    const hostile_text *tab = hostile_table(&n);
    for (size_t i = 0; i < n; i++)
        if (tab[i].bad_utf8 == HOSTILE_VALID)
            check_breaks(&tab[i]);
    /* A flag pair breaks as a unit, between flags. */
    const char *flags = "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";
    uint8_t out[17];
    uint32_t cps[16];
    linebreak_find(flags, 16, out, cps);
    assert_int_equal(out[4], LINEBREAK_NONE);
    assert_int_equal(out[8], LINEBREAK_ALLOW);
    assert_int_equal(out[12], LINEBREAK_NONE);
}

/* Every scalar value once, in one text, as the breaker meets them. */
static void test_breaker_every_code_point(void **state)
{
    (void)state;
    char *text = malloc(0x110000 * 4);
    assert_non_null(text);
    size_t len = 0;
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++)
        len += utf8_encode(cp, text + len);
    uint8_t *out = malloc(len + 1);
    uint32_t *cps = malloc((len + 1) * sizeof *cps);
    assert_non_null(out);
    assert_non_null(cps);
    linebreak_find(text, len, out, cps);
    assert_int_equal(out[len], LINEBREAK_MUST);
    free(cps);
    free(out);
    free(text);
}

/* The engine lays every valid text out at several widths: lines in order,
 * from the first byte to the last, none starting inside a character. */
static void test_layout(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    size_t n;
    const hostile_text *tab = hostile_table(&n);
    static const int widths[] = {0, 1, 40, 320, 800};
    for (size_t i = 0; i < n; i++) {
        const hostile_text *t = &tab[i];
        if (t->bad_utf8 != HOSTILE_VALID)
            continue;
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
            text_params p = {.size_px = 32, .width_px = widths[w], .justify = true};
            const text_layout *l = text_lay_out(te, t->text, t->len, &p);
            if (!l)
                fail_msg("%s at %d px: no layout", t->name, widths[w]);
            uint32_t end = 0;
            for (uint32_t k = 0; k < l->line_count; k++) {
                const text_line *ln = &l->lines[k];
                assert_true(ln->start >= end && ln->end >= ln->start && ln->end <= t->len);
                assert_true(ln->start == t->len || ((unsigned char)t->text[ln->start] & 0xC0) != 0x80);
                end = ln->end;
            }
        }
    }
    text_close(te);
}

/* --layout: valid text exits 0 with every non-newline byte printed; invalid
 * UTF-8 exits 1 naming the byte offset. */
static void test_cli_layout(void **state)
{
    (void)state;
    size_t n;
    const hostile_text *tab = hostile_table(&n);
    const char *dir = subproc_test_dir();
    for (size_t i = 0; i < n; i++) {
        const hostile_text *t = &tab[i];
        char in[512], out[512], err[512];
        snprintf(in, sizeof in, "%s/in.txt", dir);
        snprintf(out, sizeof out, "%s/out.txt", dir);
        snprintf(err, sizeof err, "%s/err.txt", dir);
        FILE *f = fopen(in, "wb");
        assert_non_null(f);
        fwrite(t->text, 1, t->len, f);
        fputc('\n', f);
        fclose(f);
        int rc = subproc_shell("%s --layout 800 --font-size 32 <%s >%s 2>%s", subproc_kiosk_bin(), in, out, err);
        char *e = subproc_read_file(err, NULL);
        assert_non_null(e);
        if (t->bad_utf8 == HOSTILE_VALID) {
            if (rc != 0)
                fail_msg("%s: --layout exit %d: %s", t->name, rc, e);
        } else {
            char want[64];
            snprintf(want, sizeof want, "invalid UTF-8 at byte offset %zu", t->bad_utf8);
            if (rc != 1 || !strstr(e, want))
                fail_msg("%s: --layout exit %d, wanted 1 and '%s': %s", t->name, rc, want, e);
        }
        free(e);
    }
}

/* A copy of the minimal bundle with t as the English heading of the first
 * excerpt (excerpts.yaml, line 7). */
static void make_bundle(const hostile_text *t, const char *dir)
{
    assert_true(subproc_copy_tree(MINIMAL, dir));
    char path[700];
    snprintf(path, sizeof path, "%s/excerpts.yaml", dir);
    char *yaml = subproc_read_file(path, NULL);
    assert_non_null(yaml);
    char *at = strstr(yaml, HEADING_LINE);
    assert_non_null(at);
    size_t cap = t->len * 10 + 16;
    char *value = malloc(cap);
    assert_non_null(value);
    assert_true(hostile_yaml_value(t, value, cap));
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(yaml, 1, (size_t)(at - yaml), f);
    fprintf(f, "      en: %s", value);
    fputs(strchr(at, '\n'), f);
    fclose(f);
    free(value);
    free(yaml);
}

/* --check of a bundle holding each text: no abort; the expected error at
 * excerpts.yaml:7, or a clean pass. Then the kiosk starts with it: a refused
 * bundle shows the error screen, which quotes the text, and the run ends
 * normally. */
static void test_check_and_start(void **state)
{
    (void)state;
    size_t n;
    const hostile_text *tab = hostile_table(&n);
    char tmp[512];
    assert_true(subproc_tmpdir(tmp, sizeof tmp));
    for (size_t i = 0; i < n; i++) {
        const hostile_text *t = &tab[i];
        char dir[560];
        snprintf(dir, sizeof dir, "%s/b%zu", tmp, i);
        make_bundle(t, dir);
        char *argv[] = {(char *)subproc_kiosk_bin(), "--check", dir, NULL};
        subproc_result r;
        assert_true(subproc_run(argv, &r));
        if (t->check_error) {
            char want[700];
            snprintf(want, sizeof want, "%s/excerpts.yaml:7:", dir);
            const char *diags = r.err; /* --check prints its diagnostics on stderr */
            if (r.status != 1 || !strstr(diags, want) || !strstr(diags, t->check_error))
                fail_msg("%s: --check exit %d, wanted 1 and '%s' ... '%s':\n%s%s", t->name, r.status, want,
                         t->check_error, r.out, r.err);
        } else if (r.status != 0) {
            fail_msg("%s: --check exit %d:\n%s%s", t->name, r.status, r.out, r.err);
        }
        subproc_free(&r);

        char *run[] = {(char *)subproc_kiosk_bin(), "--headless", "--size", "800x480", "--frames", "3",
                       "--bundle", dir, "--trace", "-", NULL};
        assert_true(subproc_run(run, &r));
        if (r.status != 0)
            fail_msg("%s: the kiosk exited %d:\n%s", t->name, r.status, r.err);
        const char *scene = t->check_error ? "\"name\":\"error\"" : "\"name\":\"attract\"";
        if (!strstr(r.out, scene))
            fail_msg("%s: no scene %s in the trace", t->name, scene);
        subproc_free(&r);
    }
    scratch_rm_rf(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breaker),
        cmocka_unit_test(test_breaker_every_code_point),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_cli_layout),
        cmocka_unit_test(test_check_and_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
