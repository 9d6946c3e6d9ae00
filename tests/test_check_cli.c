/* `kiosk --check DIR [--export]` as a curator runs it: exit status, the
 * FILE:LINE lines and summary on stderr, and the JSON export on stdout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "support/subproc.h"
#include "support/testbundles.h"

static void run_check(const char *dir, bool export_json, subproc_result *r)
{
    char *argv[5];
    int n = 0;
    argv[n++] = (char *)subproc_kiosk_bin();
    argv[n++] = "--check";
    argv[n++] = (char *)dir;
    if (export_json)
        argv[n++] = "--export";
    argv[n] = NULL;
    assert_true(subproc_run(argv, r));
}

/* The last non-empty line of s (copied into buf). */
static const char *last_line(const char *s, char *buf, size_t len)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '\n')
        n--;
    size_t start = n;
    while (start > 0 && s[start - 1] != '\n')
        start--;
    snprintf(buf, len, "%.*s", (int)(n - start), s + start);
    return buf;
}

static void test_clean_bundle(void **state)
{
    (void)state;
    subproc_result r;
    run_check(TESTBUNDLES_MINIMAL, false, &r);
    fputs(r.err, stderr);
    assert_int_equal(r.status, 0);
    char line[512];
    assert_string_equal(last_line(r.err, line, sizeof line),
                        TESTBUNDLES_MINIMAL ": ok (3 excerpts, 3 events, 2 articles)");
    /* Nothing but the summary: no problems to report. */
    size_t lines = 0;
    for (const char *p = r.err; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1);
    assert_string_equal(r.out, ""); /* no --export: stdout stays empty */
    subproc_free(&r);
}

static void test_broken_bundle(void **state)
{
    (void)state;
    char dir[300], exp_path[400];
    testbundles_broken("dangling-excerpt-article", dir, sizeof dir);
    snprintf(exp_path, sizeof exp_path, "%s/expected.txt", dir);
    /* The expected diagnostic comes from the corpus, not from here. */
    char *exp = subproc_read_file(exp_path, NULL);
    assert_non_null(exp);
    char sev[16], file[128];
    int line;
    assert_int_equal(sscanf(exp, "%15s %127s %d", sev, file, &line), 3);
    free(exp);
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s/%s:%d: %s: ", dir, file, line, sev);

    subproc_result r;
    run_check(dir, true, &r);
    fputs(r.err, stderr);
    assert_int_equal(r.status, 1);
    /* The FILE:LINE: line starts a line of stderr. */
    char *at = strstr(r.err, prefix);
    assert_non_null(at);
    assert_true(at == r.err || at[-1] == '\n');
    char last[512];
    char summary[400];
    snprintf(summary, sizeof summary, "%s: 1 error", dir);
    assert_string_equal(last_line(r.err, last, sizeof last), summary);
    assert_string_equal(r.out, ""); /* a refused bundle is not exported */
    subproc_free(&r);
}

static void test_missing_directory(void **state)
{
    (void)state;
    subproc_result r;
    run_check("tests/no-such-bundle", false, &r);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "tests/no-such-bundle:0: error: cannot open the bundle directory"));
    subproc_free(&r);
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void assert_bilingual(const cJSON *o, const char *key)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, key);
    assert_true(cJSON_IsObject(t));
    assert_non_null(str_of(t, "zh"));
    assert_non_null(str_of(t, "en"));
    assert_true(*str_of(t, "zh") && *str_of(t, "en"));
}

static void test_export(void **state)
{
    (void)state;
    subproc_result r;
    run_check(TESTBUNDLES_MINIMAL, true, &r);
    assert_int_equal(r.status, 0);
    cJSON *doc = cJSON_Parse(r.out);
    assert_non_null(doc); /* ONE JSON document on stdout */

    const cJSON *b = cJSON_GetObjectItemCaseSensitive(doc, "bundle");
    assert_true(cJSON_IsObject(b));
    assert_string_equal(str_of(b, "id"), "minimal-test");
    assert_string_equal(str_of(b, "version"), "0.1.0");
    assert_string_equal(str_of(b, "default_language"), "zh");
    assert_bilingual(b, "title");
    assert_null(cJSON_GetObjectItemCaseSensitive(b, "pin"));

    const cJSON *arts = cJSON_GetObjectItemCaseSensitive(doc, "articles");
    assert_int_equal(cJSON_GetArraySize(arts), 2);
    const cJSON *a;
    cJSON_ArrayForEach(a, arts) {
        assert_non_null(str_of(a, "id"));
        assert_non_null(strstr(str_of(a, "file"), ".txt"));
        assert_bilingual(a, "title");
    }
    assert_string_equal(str_of(cJSON_GetArrayItem(arts, 0), "file"), "001_minimal_dialogue.txt");
    assert_string_equal(str_of(cJSON_GetArrayItem(arts, 0), "date"), "2020年第1期");
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(arts, 1), "venue")));

    const cJSON *exs = cJSON_GetObjectItemCaseSensitive(doc, "excerpts");
    assert_int_equal(cJSON_GetArraySize(exs), 3);
    const cJSON *e;
    cJSON_ArrayForEach(e, exs) {
        assert_non_null(str_of(e, "id"));
        assert_bilingual(e, "heading");
        assert_non_null(str_of(e, "text"));
        assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(e, "notes")));
        /* The English summary: {"en": ...} only (the passage is the Chinese). */
        const cJSON *sum = cJSON_GetObjectItemCaseSensitive(e, "summary");
        assert_true(cJSON_IsObject(sum));
        assert_int_equal(cJSON_GetArraySize(sum), 1);
        assert_string_equal(str_of(sum, "en"), "A passage of the test bundle, summarised.");
    }
    const cJSON *e0 = cJSON_GetArrayItem(exs, 0);
    /* `article` is the source FILE NAME; paragraphs joined by a blank line. */
    assert_string_equal(str_of(e0, "article"), "001_minimal_dialogue.txt");
    assert_string_equal(str_of(e0, "section"), "一、对话的起点");
    assert_string_equal(str_of(e0, "text"),
                        "两国政府于2015年建立了网络安全对话机制。双方同意定期会面，讨论打击网络犯罪及相关问题。"
                        "\n\n对话机制的建立，为管控分歧提供了渠道。");
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(exs, 1), "section")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(exs, 1), "notes")), 2);
    assert_string_equal(str_of(cJSON_GetArrayItem(exs, 2), "article"), "002_minimal_norms.txt");

    const cJSON *evs = cJSON_GetObjectItemCaseSensitive(doc, "events");
    assert_int_equal(cJSON_GetArraySize(evs), 3);
    const cJSON *ev;
    cJSON_ArrayForEach(ev, evs) {
        assert_non_null(str_of(ev, "id"));
        assert_bilingual(ev, "title");
        assert_bilingual(ev, "summary");
        assert_non_null(str_of(ev, "category"));
        assert_non_null(str_of(ev, "track"));
        const cJSON *srcs = cJSON_GetObjectItemCaseSensitive(ev, "sources");
        assert_true(cJSON_GetArraySize(srcs) >= 1);
        const cJSON *s;
        cJSON_ArrayForEach(s, srcs) {
            assert_non_null(strstr(str_of(s, "article"), ".txt"));
            assert_non_null(str_of(s, "quote"));
        }
    }
    const cJSON *ev2 = cJSON_GetArrayItem(evs, 2);
    assert_string_equal(str_of(ev2, "date"), "2015-12-01");
    assert_string_equal(str_of(ev2, "precision"), "day");
    assert_string_equal(str_of(cJSON_GetArrayItem(evs, 0), "precision"), "year");
    assert_string_equal(str_of(cJSON_GetArrayItem(evs, 0), "category"), "multilateral");
    assert_string_equal(str_of(ev2, "track"), "government");
    assert_string_equal(str_of(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(ev2, "sources"), 1), "article"),
                        "001_minimal_dialogue.txt");

    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "eras")), 2);
    const cJSON *strings = cJSON_GetObjectItemCaseSensitive(doc, "strings");
    assert_bilingual(strings, "touch_to_explore");
    cJSON_Delete(doc);
    subproc_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_bundle),
        cmocka_unit_test(test_broken_bundle),
        cmocka_unit_test(test_missing_directory),
        cmocka_unit_test(test_export),
    };
    return cmocka_run_group_tests_name("check_cli", tests, NULL, NULL);
}
