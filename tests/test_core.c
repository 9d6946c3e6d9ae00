/* Core utilities: the virtual clock, the trace writer, the JSON writer,
 * UTF-8, files (path helpers, atomic writes) and the YAML tree with line
 * numbers and error records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/jsonw.h"
#include "core/log.h"
#include "core/trace.h"
#include "core/utf8.h"
#include "core/vclock.h"
#include "content/yamltree.h"
#include "support/subproc.h"
#include "support/scratch.h"

static double fake_now = 10.0;
static double fake_source(void) { return fake_now; }

static void test_vclock_virtual(void **state)
{
    (void)state;
    vclock c;
    vclock_init_virtual(&c);
    assert_true(vclock_now(&c) == 0.0);
    for (int i = 0; i < 60; i++)
        vclock_tick(&c);
    assert_true(vclock_now(&c) == 1.0);
    /* 10 simulated hours land exactly, with no accumulated drift. */
    for (long i = 60; i < 60L * 3600 * 10; i++)
        vclock_tick(&c);
    assert_true(vclock_now(&c) == 36000.0);
    assert_true(vclock_frame_dt(&c) == 1.0 / 60);
}

static void test_vclock_real(void **state)
{
    (void)state;
    vclock c;
    fake_now = 10.0;
    vclock_init_real(&c, fake_source);
    assert_true(vclock_now(&c) == 0.0);
    vclock_tick(&c); /* ticking does not move real time */
    assert_true(vclock_now(&c) == 0.0);
    fake_now = 12.5;
    assert_true(vclock_now(&c) == 2.5);
}

/* SOURCE_DATE_EPOCH is taken only as digits within the calendar's range;
 * anything else falls back to the clock (a value near the end of time_t
 * overflowed the day arithmetic). */
static void test_vclock_wall_start(void **state)
{
    (void)state;
    static const struct {
        const char *env;
        long long want; /* -1: the clock */
    } cases[] = {
        {"1763800000", 1763800000LL},
        {"253402300799", 253402300799LL},
        {"253402300800", -1},
        {"9223372036854775807", -1},
        {"99999999999999999999999", -1},
        {"-1", -1},
        {"0", -1},
        {" 5", -1},
        {"+5", -1},
        {"5x", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setenv("SOURCE_DATE_EPOCH", cases[i].env, 1);
        time_t before = time(NULL);
        time_t got = vclock_wall_start();
        time_t after = time(NULL);
        if (cases[i].want >= 0 ? (long long)got != cases[i].want : (got < before || got > after))
            fail_msg("SOURCE_DATE_EPOCH='%s': got %lld", cases[i].env, (long long)got);
    }
    unsetenv("SOURCE_DATE_EPOCH");
}

static void test_jsonw_escapes_and_commas(void **state)
{
    (void)state;
    char buf[256];
    jsonw w;
    jsonw_init_buf(&w, buf, sizeof buf);
    jsonw_obj_begin(&w);
    jsonw_key(&w, "s");
    jsonw_str(&w, "a\"b\\c\nd\te\x01 中");
    jsonw_key(&w, "n");
    jsonw_int(&w, -42);
    jsonw_key(&w, "f");
    jsonw_fixed(&w, 1.0 / 3, 3);
    jsonw_key(&w, "a");
    jsonw_arr_begin(&w);
    jsonw_bool(&w, true);
    jsonw_null(&w);
    jsonw_obj_begin(&w);
    jsonw_obj_end(&w);
    jsonw_arr_end(&w);
    jsonw_obj_end(&w);
    assert_false(w.overflow);
    assert_string_equal(buf, "{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001 中\",\"n\":-42,\"f\":0.333,"
                             "\"a\":[true,null,{}]}");
}

static void test_jsonw_overflow(void **state)
{
    (void)state;
    char buf[8];
    jsonw w;
    jsonw_init_buf(&w, buf, sizeof buf);
    jsonw_str(&w, "far too long for the buffer");
    assert_true(w.overflow);
    assert_true(strlen(buf) < sizeof buf);
}

static void test_trace_lines(void **state)
{
    (void)state;
    char buf[4096] = "";
    FILE *f = fmemopen(buf, sizeof buf, "w");
    trace *t = trace_open_stream(f);
    trace_event_str(t, 1.0, "scene", "name", "home");
    jsonw *w = trace_begin(t, 2.5, "tap");
    jsonw_key(w, "x");
    jsonw_int(w, 10);
    trace_end(t);
    trace_event(t, 3.0, "quit");
    trace_close(t);
    fclose(f);
    assert_string_equal(buf, "{\"t\":1.000,\"event\":\"scene\",\"name\":\"home\"}\n"
                             "{\"t\":2.500,\"event\":\"tap\",\"x\":10}\n"
                             "{\"t\":3.000,\"event\":\"quit\"}\n");
    /* A NULL trace swallows everything. */
    assert_null(trace_begin(NULL, 0, "x"));
    trace_end(NULL);
    trace_event(NULL, 0, "x");
    trace_close(NULL);
}

static void test_trace_overflow_is_valid_json(void **state)
{
    (void)state;
    static char big[TRACE_LINE_MAX + 10];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char buf[512] = "";
    FILE *f = fmemopen(buf, sizeof buf, "w");
    trace *t = trace_open_stream(f);
    trace_event_str(t, 1.0, "targets", "k", big);
    trace_close(t);
    fclose(f);
    assert_string_equal(buf, "{\"t\":1.000,\"event\":\"trace_overflow\",\"dropped\":\"targets\"}\n");
}

static void test_trace_open_fails_with_path(void **state)
{
    (void)state;
    char err[256];
    assert_null(trace_open("/nonexistent-dir/t.jsonl", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent-dir/t.jsonl: cannot write trace"));
}

/* An error message longer than its buffer is cut at a character and says
 * so with "…"; one that fits is left as it is. */
static void test_log_format_err_marks_a_cut(void **state)
{
    (void)state;
    char err[LOG_ERR_MAX];
    log_format_err(err, sizeof err, "%s: %d", "short", 1);
    assert_string_equal(err, "short: 1");

    char small[12];
    log_format_err(small, sizeof small, "%s", "0123456789abcdef");
    assert_string_equal(small, "01234567\xE2\x80\xA6"); /* 8 bytes, the mark, the NUL */
    /* Not through the middle of a character: 中 is 3 bytes. */
    log_format_err(small, sizeof small, "%s", "ab中中中中");
    assert_string_equal(small, "ab中中\xE2\x80\xA6");
    assert_int_equal(utf8_invalid_offset(small, strlen(small)), UTF8_VALID);
    /* Exactly full: no mark. */
    log_format_err(small, sizeof small, "%s", "0123456789a");
    assert_string_equal(small, "0123456789a");
    log_format_err(NULL, 0, "%s", "nothing"); /* no buffer: nothing happens */
}

/* The last error is kept whole for the log and by its module for the
 * metrics; warnings and filtered-out levels do not replace it. */
static void test_log_last_error(void **state)
{
    (void)state;
    log_level was = log_get_level();
    log_set_level(LOG_OFF); /* nothing on stderr: the record is kept whatever the filter */
    unsigned long n0, n;
    log_last_error(&n0);
    LOG_E("bundle", "%s:%d: %s", "/srv/b/manifest.yaml", 3, "bad");
    LOG_W("update", "not an error");
    assert_string_equal(log_last_error(&n), "bundle: /srv/b/manifest.yaml:3: bad");
    assert_int_equal(n, n0 + 1);
    assert_string_equal(log_last_error_module(), "bundle");
    LOG_E("update", "another message");
    assert_string_equal(log_last_error_module(), "update");
    log_set_level(was);
}

static void test_utf8(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(utf8_decode("中", 3, &cp), 3);
    assert_int_equal(cp, 0x4E2D);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode("\xC0\x80", 2, &cp), 0);         /* overlong */
    assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* surrogate */
    assert_int_equal(utf8_decode("\xE4\xB8", 2, &cp), 0);         /* truncated */
    assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
    const char bad[] = "ab中\xFF" "cd";
    assert_int_equal(utf8_invalid_offset(bad, sizeof bad - 1), 5);
    assert_true(utf8_invalid_offset("中文", 6) == UTF8_VALID);
    char out[4];
    assert_int_equal(utf8_encode(0x3002, out), 3);
    assert_memory_equal(out, "。", 3);
    int line, col;
    utf8_line_col("a\n中文x", 8, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
}

static void test_utf8_chars(void **state)
{
    (void)state;
    assert_int_equal(utf8_chars(""), 0);
    assert_int_equal(utf8_chars("abc"), 3);
    assert_int_equal(utf8_chars("中文"), 2);          /* 3 bytes each */
    assert_int_equal(utf8_chars("a\xF0\x9F\x98\x80" "b"), 3); /* a 4-byte emoji */
    assert_int_equal(utf8_chars("é。\n"), 3);
}

static void test_file_paths(void **state)
{
    (void)state;
    char *p = file_join("content", "manifest.yaml");
    assert_string_equal(p, "content/manifest.yaml");
    free(p);
    p = file_join("a/", "b");
    assert_string_equal(p, "a//b"); /* nothing simplified */
    free(p);
    assert_true(file_is_dir("firmware"));
    assert_false(file_is_dir("Makefile"));
    assert_false(file_is_dir("no-such-path"));
    assert_true(file_is_regular("Makefile"));
    assert_false(file_is_regular("firmware"));
    assert_false(file_is_regular("no-such-path"));
}

/* Whole reads at the edges of the limit, and of a file whose size stat
 * does not know (/proc: 0 bytes said, more read). */
static void test_file_read_all_limits(void **state)
{
    (void)state;
    char dir[4096], path[4200], err[256];
    assert_true(subproc_tmpdir(dir, sizeof dir));
    snprintf(path, sizeof path, "%s/f", dir);
    static char big[20000];
    memset(big, 'x', sizeof big);
    for (size_t n = 0; n <= 3; n++) {
        /* Files of max - 1, max, max + 1 bytes, for a few limits. */
        size_t max = n == 0 ? 1 : n == 1 ? 4095 : n == 2 ? 4096 : 10000;
        for (size_t k = max - (max > 0); k <= max + 1; k++) {
            assert_true(scratch_write(path, big, k));
            size_t len = 99;
            char *s = file_read_all(path, max, &len, err, sizeof err);
            if (k <= max) {
                assert_non_null(s);
                assert_int_equal(len, k);
                assert_int_equal(strlen(s), k);
            } else {
                assert_null(s);
                assert_non_null(strstr(err, "larger than the limit"));
            }
            free(s);
        }
    }
    size_t len;
    char *s = file_read_all("/proc/self/maps", 1 << 20, &len, err, sizeof err);
    assert_non_null(s);
    assert_true(len > 100);
    assert_int_equal(strlen(s), len);
    free(s);
    assert_null(file_read_all("/proc/self/maps", 10, &len, err, sizeof err));
    assert_non_null(strstr(err, "larger than the limit of 10 bytes"));
    scratch_rm_rf(dir);
}

/* file_write_atomic's writer: writes ctx (a string); "FAIL" fails midway. */
static bool write_text(FILE *f, void *ctx)
{
    const char *text = ctx;
    if (strcmp(text, "FAIL") == 0) {
        fputs("half", f);
        return false;
    }
    return fputs(text, f) >= 0;
}

static void test_file_write_atomic(void **state)
{
    (void)state;
    char dir[4096], path[4200], tmp[4400], err[512];
    assert_true(subproc_tmpdir(dir, sizeof dir));
    snprintf(path, sizeof path, "%s/f.csv", dir);
    snprintf(tmp, sizeof tmp, "%s" FILE_TMP_SUFFIX, path);

    /* A new file, then a replacement; no temporary file left behind. */
    assert_true(file_write_atomic(path, write_text, "one\n", err, sizeof err));
    assert_string_equal(err, "");
    char *text = subproc_read_file(path, NULL);
    assert_string_equal(text, "one\n");
    free(text);
    assert_true(file_write_atomic(path, write_text, "two\n", err, sizeof err));
    text = subproc_read_file(path, NULL);
    assert_string_equal(text, "two\n");
    free(text);
    assert_false(file_is_regular(tmp));

    /* A stale temporary file from a crash is truncated and replaced. */
    assert_true(scratch_write_text(tmp, "torn, and longer than the new content"));
    assert_true(file_write_atomic(path, write_text, "three\n", err, sizeof err));
    text = subproc_read_file(path, NULL);
    assert_string_equal(text, "three\n");
    free(text);
    assert_false(file_is_regular(tmp));

    /* The writer fails: the old file is intact, the temporary file removed,
     * err names the temporary file. */
    assert_false(file_write_atomic(path, write_text, "FAIL", err, sizeof err));
    assert_non_null(strstr(err, tmp));
    text = subproc_read_file(path, NULL);
    assert_string_equal(text, "three\n");
    free(text);
    assert_false(file_is_regular(tmp));

    /* The temporary name is taken by a directory: nothing can be written,
     * the old file is intact and the directory is left alone. */
    assert_int_equal(mkdir(tmp, 0755), 0);
    err[0] = '\0';
    assert_false(file_write_atomic(path, write_text, "four\n", err, sizeof err));
    assert_non_null(strstr(err, tmp));
    assert_non_null(strstr(err, "Is a directory"));
    text = subproc_read_file(path, NULL);
    assert_string_equal(text, "three\n");
    free(text);
    assert_true(file_is_dir(tmp));
    assert_int_equal(rmdir(tmp), 0);

    /* The target is a directory: the rename fails, err names the target,
     * the temporary file is removed. */
    char sub[4300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    char subfile[4400];
    snprintf(subfile, sizeof subfile, "%s/keep", sub);
    assert_true(scratch_write_text(subfile, ""));
    assert_false(file_write_atomic(sub, write_text, "five\n", err, sizeof err));
    assert_non_null(strstr(err, sub));
    assert_true(file_is_regular(subfile));
    snprintf(tmp, sizeof tmp, "%s" FILE_TMP_SUFFIX, sub);
    assert_false(file_is_regular(tmp));

    /* A directory that does not exist: nothing created, err says why. */
    snprintf(path, sizeof path, "%s/missing/f.csv", dir);
    assert_false(file_write_atomic(path, write_text, "six\n", err, sizeof err));
    assert_non_null(strstr(err, "missing/f.csv" FILE_TMP_SUFFIX ": No such file or directory"));
    /* NULL err is allowed. */
    assert_false(file_write_atomic(path, write_text, "six\n", NULL, 0));
    scratch_rm_rf(dir);
}

static void test_yaml_tree_lines(void **state)
{
    (void)state;
    const char *y = "# comment\n"
                    "id: demo\n"
                    "version: 1.10\n"
                    "title:\n"
                    "  zh: 中美\n"
                    "  en: \"US: China\"\n"
                    "list:\n"
                    "  - a\n"
                    "  - {k: v}\n"
                    "text: |-\n"
                    "  第一行\n"
                    "  第二行\n";
    ydoc d;
    ydoc_error err;
    assert_true(ydoc_parse(y, strlen(y), "m.yaml", &d, &err));
    assert_int_equal(d.root->kind, YNODE_MAP);
    ynode *v = ymap_get(d.root, "version");
    assert_string_equal(v->str, "1.10"); /* stays text: no float conversion */
    assert_int_equal(v->line, 3);
    assert_false(v->quoted);
    ynode *en = ymap_get(ymap_get(d.root, "title"), "en");
    assert_string_equal(en->str, "US: China");
    assert_true(en->quoted);
    assert_int_equal(en->line, 6);
    ynode *list = ymap_get(d.root, "list");
    assert_int_equal(list->kind, YNODE_SEQ);
    assert_int_equal(list->count, 2);
    assert_int_equal(list->vals[1]->kind, YNODE_MAP);
    assert_int_equal(list->vals[1]->line, 9);
    assert_string_equal(ymap_get(d.root, "text")->str, "第一行\n第二行");
    assert_null(ymap_get(d.root, "missing"));
    ydoc_free(&d);
}

/* Every failure is a record: line, column (in characters) and message. */
static void test_yaml_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, column;
        const char *expect; /* the message starts with this */
    } cases[] = {
        {"a: 1\nb: [1, 2\n", 3, 1, "syntax error"},
        {"a: 1\n  b: 2\n", 2, 4, "syntax error: mapping values are not allowed in this context"},
        {"a: &x 1\nb: *x\n", 1, 4, "anchors (&name) are not supported"},
        {"a: !!str 1\n", 1, 4, "tags (!name) are not supported"},
        {"{中: !t x}\n", 1, 5, "tags (!name) are not supported"}, /* characters, not bytes */
        {"k:\n  - a\n  - *x\n", 3, 5, "aliases (*name) are not supported"},
        {"a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"},
        {"ok: 1\nbad: \"x\xFFy\"\n", 2, 8, "invalid UTF-8 at byte offset 13"},
        {"? [a]\n: 1\n", 1, 3, "a key must be a plain string"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ydoc d;
        ydoc_error err = {0};
        if (ydoc_parse(cases[i].text, strlen(cases[i].text), "y.yaml", &d, &err))
            fail_msg("case %zu parsed", i);
        if (strncmp(err.message, cases[i].expect, strlen(cases[i].expect)) != 0 ||
            err.line != cases[i].line || err.column != cases[i].column)
            fail_msg("case %zu:\n got    %d:%d '%s'\n wanted %d:%d '%s...'", i, err.line,
                     err.column, err.message, cases[i].line, cases[i].column, cases[i].expect);
        ydoc_free(&d);
    }
    /* A NUL byte: its line and column, from the text before it. */
    static const char nul[] = "a: 1\nb: \"中文\0\"\n";
    ydoc d;
    ydoc_error err = {0};
    assert_false(ydoc_parse(nul, sizeof nul - 1, "y.yaml", &d, &err));
    assert_string_equal(err.message, "NUL byte in text");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 7);
    ydoc_free(&d);
}

static void test_yaml_empty_and_limits(void **state)
{
    (void)state;
    ydoc d;
    ydoc_error err;
    assert_true(ydoc_parse("", 0, "e.yaml", &d, &err));
    assert_null(d.root);
    ydoc_free(&d);
    /* A file that cannot be read is an error of the file as a whole. */
    assert_false(ydoc_load("tests/none.yaml", 100, &d, &err));
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_non_null(strstr(err.message, "cannot open"));
    assert_string_equal(d.path, "tests/none.yaml");
    ydoc_free(&d);
    assert_false(ydoc_load("Makefile", 10, &d, &err));
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_non_null(strstr(err.message, "file is larger than the limit of 10 bytes"));
    ydoc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vclock_virtual),
        cmocka_unit_test(test_vclock_real),
        cmocka_unit_test(test_vclock_wall_start),
        cmocka_unit_test(test_jsonw_escapes_and_commas),
        cmocka_unit_test(test_jsonw_overflow),
        cmocka_unit_test(test_trace_lines),
        cmocka_unit_test(test_trace_overflow_is_valid_json),
        cmocka_unit_test(test_trace_open_fails_with_path),
        cmocka_unit_test(test_log_format_err_marks_a_cut),
        cmocka_unit_test(test_log_last_error),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_utf8_chars),
        cmocka_unit_test(test_file_paths),
        cmocka_unit_test(test_file_read_all_limits),
        cmocka_unit_test(test_file_write_atomic),
        cmocka_unit_test(test_yaml_tree_lines),
        cmocka_unit_test(test_yaml_errors),
        cmocka_unit_test(test_yaml_empty_and_limits),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
