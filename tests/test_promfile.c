/* The health metrics file (app/promfile.h): Prometheus text format, checked
 * line by line by a strict reader of the exposition format; label values
 * escaped, and bounded (the last error by its module, never its message);
 * written by a running kiosk, atomically. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/promfile.h"
#include "support/subproc.h"
#include "support/scratch.h"

static bool name_ok(const char *s, size_t n)
{
    if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_' || s[0] == ':'))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == ':'))
            return false;
    return true;
}

/* The text exposition format, strictly: every sample's metric has a TYPE
 * line before it, names and labels are well formed, label values use only
 * the three escapes, values are numbers. Returns the number of samples, or
 * fails the test naming the line. */
static int check_exposition(const char *text)
{
    char typed[64][64];
    int ntyped = 0, samples = 0, lineno = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            fail_msg("line %d: no newline at the end", lineno + 1);
        lineno++;
        char line[1024];
        size_t n = (size_t)(nl - p);
        assert_true(n < sizeof line);
        memcpy(line, p, n);
        line[n] = '\0';
        p = nl + 1;
        if (!strncmp(line, "# HELP ", 7))
            continue;
        if (!strncmp(line, "# TYPE ", 7)) {
            char name[64], type[32];
            if (sscanf(line + 7, "%63s %31s", name, type) != 2 || !name_ok(name, strlen(name)) ||
                (strcmp(type, "gauge") && strcmp(type, "counter")))
                fail_msg("line %d: bad TYPE line '%s'", lineno, line);
            strcpy(typed[ntyped++], name);
            continue;
        }
        size_t k = 0;
        while (line[k] && line[k] != '{' && line[k] != ' ')
            k++;
        if (!name_ok(line, k))
            fail_msg("line %d: bad metric name in '%s'", lineno, line);
        bool declared = false;
        for (int i = 0; i < ntyped; i++)
            declared |= strlen(typed[i]) == k && !strncmp(typed[i], line, k);
        if (!declared)
            fail_msg("line %d: no TYPE before '%s'", lineno, line);
        if (line[k] == '{') {
            k++;
            for (;;) {
                size_t b = k;
                while (line[k] && line[k] != '=')
                    k++;
                if (!name_ok(line + b, k - b) || line[k + 1] != '"')
                    fail_msg("line %d: bad label in '%s'", lineno, line);
                k += 2;
                while (line[k] && line[k] != '"') {
                    if (line[k] == '\\') {
                        if (line[k + 1] != '\\' && line[k + 1] != '"' && line[k + 1] != 'n')
                            fail_msg("line %d: bad escape in '%s'", lineno, line);
                        k++;
                    }
                    k++;
                }
                if (line[k] != '"')
                    fail_msg("line %d: unterminated label value", lineno);
                k++;
                if (line[k] == ',') {
                    k++;
                    continue;
                }
                if (line[k] != '}')
                    fail_msg("line %d: expected '}' in '%s'", lineno, line);
                k++;
                break;
            }
        }
        char *end;
        if (line[k] != ' ')
            fail_msg("line %d: no value in '%s'", lineno, line);
        strtod(line + k + 1, &end);
        if (end == line + k + 1 || *end)
            fail_msg("line %d: value is not a number in '%s'", lineno, line);
        samples++;
    }
    return samples;
}

static void test_format(void **state)
{
    (void)state;
    promfile_sample m = {.bundle_id = "us-china",
                         .bundle_version = "1.2.0",
                         .uptime_s = 3600.5,
                         .frames_drawn = 12345,
                         .last_frame_unix = 1763800000,
                         .rss_bytes = 60 << 20,
                         .last_error_module = "update",
                         .errors = 2,
                         .sessions_today = 7,
                         .open = true,
                         .config_errors = 2};
    char buf[PROMFILE_MAX_BYTES];
    size_t n = promfile_format(&m, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(strlen(buf), n);
    assert_int_equal(check_exposition(buf), 15);
    assert_non_null(strstr(buf, "kiosk_info{bundle=\"us-china\",version=\"1.2.0\"} 1\n"));
    assert_non_null(strstr(buf, "# TYPE kiosk_config_errors gauge\nkiosk_config_errors 2\n"));
    assert_non_null(strstr(buf, "kiosk_last_error_info{module=\"update\"} 1\n"));
    assert_non_null(strstr(buf, "kiosk_frames_drawn_total 12345\n"));
    assert_non_null(strstr(buf, "kiosk_today{count=\"sessions\"} 7\n"));
    /* The error screen: no bundle, no error yet. */
    promfile_sample e = {.bundle_id = "", .bundle_version = "", .last_error_module = "", .rss_bytes = -1};
    n = promfile_format(&e, buf, sizeof buf);
    assert_true(n > 0);
    check_exposition(buf);
    assert_non_null(strstr(buf, "kiosk_info{bundle=\"\",version=\"\"} 0\n"));
    assert_non_null(strstr(buf, "kiosk_last_error_info{module=\"\"} 0\n"));
    /* Label values escaped: the bundle's id and version are the curator's. */
    promfile_sample q = {
        .bundle_id = "a \"x\\y\"\nline two 中文", .bundle_version = "1", .last_error_module = ""};
    n = promfile_format(&q, buf, sizeof buf);
    assert_true(n > 0);
    check_exposition(buf);
    assert_non_null(strstr(buf, "kiosk_info{bundle=\"a \\\"x\\\\y\\\"\\nline two 中文\",version=\"1\"} 1\n"));
    /* Too small a buffer is refused, not cut. */
    assert_int_equal(promfile_format(&m, buf, 100), 0);
}

/* The last error's label is a short name from a bounded set, whatever the
 * caller passes: lower-case letters, digits, '_' and '-', at most 31 bytes;
 * never a message, a path or a quote. */
static void test_error_label_bounded(void **state)
{
    (void)state;
    static const struct {
        const char *module, *label;
    } cases[] = {
        {"bundle", "bundle"},
        {"content/manifest.yaml:3: \"bad\"\n中文", "contentmanifestyaml3bad"},
        {"Display", "isplay"},
        {"an_error_module_name_much_longer_than_any", "an_error_module_name_much_longe"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        promfile_sample m = {.bundle_id = "b", .bundle_version = "1", .last_error_module = cases[i].module};
        char buf[PROMFILE_MAX_BYTES], want[128];
        assert_true(promfile_format(&m, buf, sizeof buf) > 0);
        check_exposition(buf);
        snprintf(want, sizeof want, "kiosk_last_error_info{module=\"%s\"} 1\n", cases[i].label);
        if (!strstr(buf, want))
            fail_msg("module '%s': expected %s in\n%s", cases[i].module, want, buf);
    }
}

/* A kiosk showing its error screen: errors logged with paths and messages,
 * the metric names their module only. */
static void test_kiosk_error_metric(void **state)
{
    (void)state;
    char d[512];
    assert_true(subproc_tmpdir(d, sizeof d));
    char bundle[600];
    snprintf(bundle, sizeof bundle, "%s/bad-bundle", d);
    assert_true(subproc_copy_tree("tests/bundles/minimal", bundle));
    assert_int_equal(subproc_shell("echo 'id: [broken' >%s/manifest.yaml", bundle), 0);
    int rc =
        subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --config none --headless --size 800x480 --frames 3700 "
                      "--bundle %s --metrics-dir %s 2>%s/err.txt",
                      subproc_kiosk_bin(), bundle, d, d);
    assert_int_equal(rc, 0);
    char path[700];
    snprintf(path, sizeof path, "%s/err.txt", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "kiosk: [error] bundle: "));
    assert_non_null(strstr(err, "bad-bundle/manifest.yaml"));
    free(err);
    snprintf(path, sizeof path, "%s/kiosk.prom", d);
    char *text = subproc_read_file(path, NULL);
    assert_non_null(text);
    check_exposition(text);
    assert_non_null(strstr(text, "kiosk_last_error_info{module=\"bundle\"} 1\n"));
    assert_null(strstr(text, "bad-bundle"));
    assert_null(strstr(text, "manifest"));
    free(text);
    scratch_rm_rf(d);
}

static void test_kiosk_writes_metrics(void **state)
{
    (void)state;
    char d[512];
    assert_true(subproc_tmpdir(d, sizeof d));
    int rc =
        subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --config none --headless --size 800x480 --frames 3700 "
                      "--metrics-dir %s --state-dir %s 2>/dev/null",
                      subproc_kiosk_bin(), d, d);
    assert_int_equal(rc, 0);
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.prom", d);
    size_t len;
    char *text = subproc_read_file(path, &len);
    assert_non_null(text);
    assert_int_equal(check_exposition(text), 15);
    assert_non_null(strstr(text, "kiosk_info{bundle=\"us-china-cyber-dialogues\",version=\""));
    assert_non_null(strstr(text, "kiosk_config_errors 0\n"));
    assert_non_null(strstr(text, "kiosk_uptime_seconds 60"));
    assert_null(strstr(text, "kiosk_frames_drawn_total 0\n"));
    free(text);
    /* Replaced atomically: no temporary file is left. */
    snprintf(path, sizeof path, "%s/kiosk.prom.tmp", d);
    assert_int_equal(access(path, F_OK), -1);
    scratch_rm_rf(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_error_label_bounded),
        cmocka_unit_test(test_kiosk_error_metric),
        cmocka_unit_test(test_kiosk_writes_metrics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
