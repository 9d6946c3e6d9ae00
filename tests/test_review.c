/* The curator's review sheet (`--check DIR --sources DIR --review OUT.html`):
 * it is written for the shipped bundle with one highlighted quote per source
 * and one highlighted passage per excerpt, every date proved; bundle text is
 * escaped (a <script> in a summary stays text); a bundle with errors still
 * gets its sheet, the errors inline, and the check still fails; and headless
 * Chromium renders the page with as many highlighted quotes in its DOM as
 * the bundle has sources, and a screenshot close to the golden one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "support/articles.h"
#include "support/golden.h"
#include "support/subproc.h"
#include "support/testbundles.h"
#include "support/scratch.h"

#define CONTENT "content"
#define CHROMIUM "chromium"
/* The screenshot: the top of the sheet, what a curator sees first. Fonts
 * are hinted a little differently from one FreeType to another. */
#define SHOT_W 1200
#define SHOT_H 1500
#define SHOT_TOLERANCE 48
#define SHOT_MAX_FRACTION 0.03

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Sources and excerpts of a bundle, from --export (an independent parser). */
static void bundle_counts(const char *dir, const char *sources, int *nsources, int *nexcerpts)
{
    char *argv[] = {(char *)subproc_kiosk_bin(), "--check", (char *)dir, "--sources",
                    (char *)sources, "--export", NULL};
    subproc_result r;
    assert_true(subproc_run(argv, &r));
    assert_int_equal(r.status, 0);
    cJSON *doc = cJSON_Parse(r.out);
    assert_non_null(doc);
    const cJSON *ev, *events = cJSON_GetObjectItemCaseSensitive(doc, "events");
    *nsources = 0;
    cJSON_ArrayForEach(ev, events)
        *nsources += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(ev, "sources"));
    *nexcerpts = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "excerpts"));
    cJSON_Delete(doc);
    subproc_free(&r);
}

/* Runs --check DIR --sources SRC --review OUT; the page's text (owned). */
static char *review(const char *dir, const char *sources, const char *out, int *status, char **err)
{
    char *argv[] = {(char *)subproc_kiosk_bin(), "--check", (char *)dir, "--sources",
                    (char *)sources, "--review", (char *)out, NULL};
    subproc_result r;
    assert_true(subproc_run(argv, &r));
    *status = r.status;
    *err = strdup(r.err);
    subproc_free(&r);
    return subproc_read_file(out, NULL);
}

static void test_content_sheet(void **state)
{
    (void)state;
    char out[600], *err;
    snprintf(out, sizeof out, "%s/review.html", subproc_test_dir());
    int status, nsrc, nex;
    articles_need("the content's review sheet (its quotes highlighted in their articles)");
    char *page = review(CONTENT, articles_dir(), out, &status, &err);
    fputs(err, stderr);
    assert_int_equal(status, 0);
    assert_non_null(page);
    bundle_counts(CONTENT, articles_dir(), &nsrc, &nex);
    assert_int_equal(count(page, "<mark class=\"quote\">"), nsrc);
    assert_int_equal(count(page, "<mark class=\"excerpt\">"), nex);
    assert_int_equal(count(page, "<section class=\"item event"), 60);
    assert_null(strstr(page, "NOT stated"));
    assert_non_null(strstr(err, "not proved: 0"));
    /* The bounded date is shown as a bound, in both languages. */
    assert_non_null(strstr(page, "2017年10月4日后"));
    assert_non_null(strstr(page, "after 4 October 2017"));
    assert_non_null(strstr(page, "2016—2017年"));
    /* The OCR'd year of article 003 is marked as the evidence. */
    assert_non_null(strstr(page, "<span class=\"date-ev\">2 〇 ｉ ｉ</span>"));
    /* Nothing is fetched: no script, no link, no remote font. */
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "http://fonts"));
    free(page);
    free(err);
}

static void test_escaped(void **state)
{
    (void)state;
    char tmp[400], dir[500], out[600], path[600];
    testbundles_minimal_copy(tmp, sizeof tmp, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/timeline.yaml", dir);
    assert_int_equal(subproc_shell("sed -i 's|en: Both sides agree to meet regularly.|en: \"Both "
                                   "<script>alert(\\x27x\\x27)</script> \\& <b>agree</b>\"|' '%s'",
                                   path),
                     0);
    snprintf(out, sizeof out, "%s/review.html", tmp);
    int status;
    char *err, *page = review(dir, TESTBUNDLES_MINIMAL "/sources", out, &status, &err);
    fputs(err, stderr);
    assert_int_equal(status, 0);
    assert_non_null(page);
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<b>agree"));
    assert_non_null(strstr(page, "Both &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                 "&lt;b&gt;agree&lt;/b&gt;"));
    free(page);
    free(err);
    scratch_rm_rf(tmp);
}

static void test_broken_bundle_sheet(void **state)
{
    (void)state;
    char out[600];
    snprintf(out, sizeof out, "%s/broken.html", subproc_test_dir());
    int status;
    char *err;
    /* The date 2012 is stated nowhere: the check fails, the sheet says so. */
    char dir[300];
    char *page = review(testbundles_broken("date-not-in-quote", dir, sizeof dir),
                        TESTBUNDLES_MINIMAL "/sources", out, &status, &err);
    assert_int_equal(status, 1);
    assert_non_null(page);
    assert_non_null(strstr(err, "timeline.yaml:12: error: date 2012 is not in the quote or "
                                "date_quote of ev-2013-gge"));
    assert_non_null(strstr(page, "<li class=\"error\">"));
    assert_non_null(strstr(page, "date 2012 is not in the quote or date_quote of ev-2013-gge"));
    assert_non_null(strstr(page, "2012 NOT stated in any quote or date_quote"));
    assert_non_null(strstr(page, "class=\"item event has-error\" id=\"ev-2013-gge\""));
    free(page);
    free(err);
}

static void test_chromium_renders(void **state)
{
    (void)state;
    char out[600], dom[600], shot[600];
    const char *t = subproc_test_dir();
    snprintf(out, sizeof out, "%s/sheet.html", t);
    snprintf(dom, sizeof dom, "%s/sheet.dom", t);
    snprintf(shot, sizeof shot, "%s/sheet.png", t);
    int status, nsrc, nex;
    articles_need("the review sheet as Chromium draws it, against its golden");
    char *err, *page = review(CONTENT, articles_dir(), out, &status, &err);
    assert_int_equal(status, 0);
    free(page);
    free(err);
    bundle_counts(CONTENT, articles_dir(), &nsrc, &nex);
    if (subproc_shell("command -v " CHROMIUM " >/dev/null") != 0)
        fail_msg(CHROMIUM " is not installed: toolchain/install-deps.sh installs it");
    /* What the browser built: the marks are elements of the DOM. */
    assert_int_equal(subproc_shell(CHROMIUM " --headless --no-sandbox --disable-gpu "
                                   "--dump-dom 'file://%s' > '%s' 2>/dev/null",
                                   out, dom),
                     0);
    char *d = subproc_read_file(dom, NULL);
    assert_non_null(d);
    assert_non_null(strstr(d, "</main>"));
    assert_int_equal(count(d, "<mark class=\"quote\">"), nsrc);
    assert_int_equal(count(d, "<mark class=\"excerpt\">"), nex);
    free(d);
    assert_int_equal(subproc_shell(CHROMIUM " --headless --no-sandbox --disable-gpu "
                                   "--hide-scrollbars --window-size=%d,%d --screenshot='%s' "
                                   "'file://%s' >/dev/null 2>&1",
                                   SHOT_W, SHOT_H, shot, out),
                     0);
    char msg[512];
    if (!golden_check_png(shot, "review-sheet", SHOT_TOLERANCE, SHOT_MAX_FRACTION, msg, sizeof msg))
        fail_msg("%s", msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_content_sheet),
        cmocka_unit_test(test_escaped),
        cmocka_unit_test(test_broken_bundle_sheet),
        cmocka_unit_test(test_chromium_renders),
    };
    return cmocka_run_group_tests_name("review", tests, NULL, NULL);
}
