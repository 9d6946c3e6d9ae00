/* Bundle loader and validator: the minimal bundle loads into the model it
 * describes, and every bundle of tests/broken/ is refused (or warned about)
 * with the diagnostic its expected.txt names, at the line it names. Also the
 * content modules on their own: dates (and the dates stated in a text),
 * key distance, verbatim comparison, diagnostics and their columns. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "content/date.h"
#include "content/date_text.h"
#include "content/load.h"
#include "content/diag.h"
#include "content/schema.h"
#include "text/style.h"
#include "content/verbatim.h"
#include "support/subproc.h"
#include "support/testbundles.h"
#include "support/scratch.h"

#define MIN_BROKEN_BUNDLES 32
#define MAX_BROKEN_BUNDLES 200

/* ---- hooks standing in for the text engine ---- */

/* Fonts that lack the supplementary ideographs, the private use area, the
 * emoji and flags (U+1F000 and above) and the noncharacters, as ours do. */
static bool test_has_char(void *ctx, uint32_t cp)
{
    (void)ctx;
    return cp < 0x1F000 && !(cp >= 0xE000 && cp <= 0xF8FF) && !(cp >= 0xFDD0 && cp <= 0xFDEF) &&
           (cp & 0xFFFE) != 0xFFFE;
}

/* A monospace model: CJK one em, other characters half an em, no word
 * breaking; `scale` (ctx) multiplies the font sizes. */
static size_t hook_longest; /* bytes of the longest text the hook was given */

static int test_text_height(void *ctx, const char *utf8, int style, int width_px)
{
    size_t bytes = strlen(utf8);
    if (bytes > hook_longest)
        hook_longest = bytes;
    int scale = ctx ? *(const int *)ctx : 1;
    int size = (style == STYLE_TITLE ? 30 : 20) * scale;
    long x = 0;
    int lines = 1;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        int adv = *p < 0x80 ? size / 2 : size;
        if (x + adv > width_px) {
            lines++;
            x = 0;
        }
        x += adv;
    }
    return lines * (size * 5 / 4);
}

/* Screen areas as the UI gives them (ui_geometry_fit); these are fixed
 * figures so that the expectations below do not move with the layout. */
static const bundle_fit_areas test_areas = {
    .screen_w = 800, .screen_h = 480, .card_w = 640, .card_lines = 2, .article_lines = 3,
    .reader_w = 680, .reader_max_h = 2880, .detail_w = 560, .detail_lines = 2, .detail_max_h = 220,
};

static bundle_check_opts hooks(int *scale)
{
    bundle_check_opts o = {0};
    o.has_char = test_has_char;
    o.text_height = test_text_height;
    o.fit = &test_areas;
    o.ctx = scale;
    return o;
}

static void print_diags(const diag_list *d)
{
    diag_print(d, stderr);
}

/* ---- the minimal bundle ---- */

static void test_minimal_loads(void **state)
{
    (void)state;
    int scale = 1;
    bundle_check_opts o = hooks(&scale);
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(TESTBUNDLES_MINIMAL, &o, &d);
    print_diags(&d);
    assert_non_null(b);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    assert_string_equal(b->dir, TESTBUNDLES_MINIMAL);
    assert_int_equal(b->article_count, 2);
    assert_int_equal(b->excerpt_count, 3);
    assert_int_equal(b->event_count, 3);
    assert_int_equal(b->era_count, 2);
    assert_int_equal(b->string_count, bundle_required_string_count);

    const bundle_manifest *m = &b->manifest;
    assert_string_equal(m->id, "minimal-test");
    assert_string_equal(m->version, "0.1.0");
    assert_string_equal(m->title.s[BUNDLE_ZH], "测试用最小内容包");
    assert_int_equal(m->default_language, BUNDLE_ZH);
    assert_int_equal(m->idle_timeout, 60);
    assert_int_equal(m->idle_countdown, 10);
    assert_true(m->dwell_per_char > 0.059 && m->dwell_per_char < 0.061);
    assert_int_equal(m->attract_count, 3);
    assert_int_equal(m->attract[0].kind, BUNDLE_ATTRACT_EXCERPT);
    assert_string_equal(b->excerpts[m->attract[0].index].id, "ex-origin");
    assert_int_equal(m->attract[1].kind, BUNDLE_ATTRACT_EVENT);
    assert_string_equal(b->events[m->attract[1].index].id, "ev-2013-gge");
    assert_int_equal(m->theme.accent.r, 0xd9);
    assert_int_equal(m->theme.accent.g, 0xa4);
    assert_int_equal(m->theme.accent.b, 0x41);
    assert_int_equal(m->theme.categories[BUNDLE_CAT_POLICY].g, 0xc0);
    assert_false(m->large_text);
    assert_true(m->reduced_motion);
    assert_string_equal(m->pin, "2468");

    const bundle_article *a = &b->articles[1];
    assert_string_equal(a->file, "002_minimal_norms.txt");
    assert_string_equal(a->title.s[BUNDLE_EN], "The evolution of cyberspace rules");
    assert_null(a->venue.s[BUNDLE_ZH]);
    assert_null(a->date);

    /* A literal block: single line breaks joined WITHOUT a space, a blank
     * line separates paragraphs. */
    const bundle_excerpt *e = &b->excerpts[0];
    assert_int_equal(e->paragraph_count, 2);
    assert_string_equal(e->paragraphs[0],
                        "两国政府于2015年建立了网络安全对话机制。双方同意定期会面，讨论打击网络犯罪及相关问题。");
    assert_string_equal(e->paragraphs[1], "对话机制的建立，为管控分歧提供了渠道。");
    assert_string_equal(e->section, "一、对话的起点");
    assert_int_equal(e->article, 0);
    e = &b->excerpts[1];
    assert_int_equal(e->paragraph_count, 1);
    assert_int_equal(e->note_count, 2);
    assert_int_equal(e->notes[1], 2);
    assert_null(e->section);
    assert_int_equal(b->excerpts[2].article, 1);

    const bundle_event *ev = &b->events[2];
    assert_string_equal(ev->id, "ev-2015-12-meeting");
    assert_int_equal(ev->date.year, 2015);
    assert_int_equal(ev->date.month, 12);
    assert_int_equal(ev->date.day, 1);
    assert_int_equal(ev->date.precision, BUNDLE_DAY);
    assert_int_equal(b->events[1].date.precision, BUNDLE_YEAR);
    assert_int_equal(ev->category, BUNDLE_CAT_DIALOGUE);
    assert_int_equal(ev->track, BUNDLE_TRACK_GOVERNMENT);
    assert_false(ev->highlight);
    assert_true(b->events[0].highlight);
    assert_int_equal(b->events[0].category, BUNDLE_CAT_MULTILATERAL);
    assert_int_equal(ev->source_count, 2);
    assert_int_equal(ev->sources[1].article, 0);
    assert_int_equal(b->eras[1].from.year, 2015);
    assert_int_equal(b->eras[1].to.year, 2017);

    assert_int_equal(bundle_find_event(b, "ev-2013-gge"), 0);
    assert_int_equal(bundle_find_excerpt(b, "ex-norms"), 2);
    assert_int_equal(bundle_find_article(b, "a-norms"), 1);
    assert_int_equal(bundle_find_article(b, "ex-norms"), -1);
    bundle_free(b);
    diag_free(&d);
}

static void test_strings(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(TESTBUNDLES_MINIMAL, NULL, &d);
    assert_non_null(b);
    assert_string_equal(bundle_string(b, "timeline", BUNDLE_ZH), "时间线");
    assert_string_equal(bundle_string(b, "timeline", BUNDLE_EN), "Timeline");
    assert_string_equal(bundle_string(b, "app_title", BUNDLE_EN), "US–China Cyberspace Dialogues");
    assert_string_equal(bundle_string(b, "error_title", BUNDLE_ZH), "出现问题");
    /* Never NULL: a missing key shows itself. */
    assert_string_equal(bundle_string(b, "no_such_key", BUNDLE_ZH), "no_such_key");
    assert_string_equal(bundle_string(NULL, "timeline", BUNDLE_EN), "timeline");
    assert_string_equal(bundle_string(b, NULL, BUNDLE_EN), "");
    for (size_t i = 0; i < bundle_required_string_count; i++)
        assert_string_not_equal(bundle_string(b, bundle_required_strings[i], BUNDLE_EN),
                                bundle_required_strings[i]);
    bundle_free(b);
    bundle_free(NULL); /* a no-op */
    diag_free(&d);
}

/* ---- model helpers ---- */

static void test_dates(void **state)
{
    (void)state;
    bundle_date d, e;
    char err[160];
    assert_true(date_parse("2016-02-29", &d, err, sizeof err));
    assert_true(date_parse("2000-02-29", &d, err, sizeof err));
    assert_false(date_parse("2100-02-29", &d, err, sizeof err)); /* not a leap year */
    assert_non_null(strstr(err, "February 2100 has 28 days"));
    assert_false(date_parse("2015-04-31", &d, err, sizeof err));
    assert_false(date_parse("2015-00", &d, err, sizeof err));
    assert_false(date_parse("2015-9-1", &d, err, sizeof err));
    assert_false(date_parse("15", &d, err, sizeof err));
    assert_false(date_parse("2101", &d, err, sizeof err));
    assert_true(date_parse("1900", &d, err, sizeof err));

    /* A coarser date sorts before the finer dates inside it. */
    const char *order[] = {"2014-12-31", "2015", "2015-01", "2015-01-01", "2015-01-02",
                           "2015-02", "2016"};
    for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++) {
        assert_true(date_parse(order[i], &d, err, sizeof err));
        assert_true(date_parse(order[i + 1], &e, err, sizeof err));
        assert_true(date_cmp(&d, &e) < 0);
        assert_true(date_cmp(&e, &d) > 0);
        assert_int_equal(date_cmp(&d, &d), 0);
    }
    char buf[16];
    assert_true(date_parse("2015-09", &d, err, sizeof err));
    assert_int_equal(d.precision, BUNDLE_MONTH);
    date_format(&d, buf, sizeof buf);
    assert_string_equal(buf, "2015-09");
}

static void date_str(const bundle_date *d, char *buf)
{
    date_format(d, buf, 16);
}

/* The date module on its own: every precision, leap years, the span a date
 * covers, and the reasons of a refusal. */
static void test_date_module(void **state)
{
    (void)state;
    bundle_date d, f, l;
    char err[160], buf[16];

    assert_true(date_parse("2008", &d, err, sizeof err));
    assert_int_equal(d.precision, BUNDLE_YEAR);
    assert_int_equal(d.month, 0);
    date_str(&d, buf);
    assert_string_equal(buf, "2008");
    f = date_first_day(&d);
    l = date_last_day(&d);
    date_str(&f, buf);
    assert_string_equal(buf, "2008-01-01");
    date_str(&l, buf);
    assert_string_equal(buf, "2008-12-31");
    assert_int_equal(l.precision, BUNDLE_DAY);

    assert_true(date_parse("2016-02", &d, err, sizeof err));
    l = date_last_day(&d);
    date_str(&l, buf);
    assert_string_equal(buf, "2016-02-29");
    assert_true(date_parse("2015-02", &d, err, sizeof err));
    l = date_last_day(&d);
    date_str(&l, buf);
    assert_string_equal(buf, "2015-02-28");
    f = date_first_day(&d);
    date_str(&f, buf);
    assert_string_equal(buf, "2015-02-01");

    assert_true(date_parse("2015-09-25", &d, err, sizeof err));
    assert_int_equal(d.precision, BUNDLE_DAY);
    f = date_first_day(&d);
    l = date_last_day(&d);
    assert_int_equal(date_cmp(&f, &d), 0);
    assert_int_equal(date_cmp(&l, &d), 0);
    date_str(&d, buf);
    assert_string_equal(buf, "2015-09-25");

    /* A year sorts before its first day, its last day before it ends. */
    assert_true(date_parse("2015", &d, err, sizeof err));
    f = date_first_day(&d);
    l = date_last_day(&d);
    assert_true(date_cmp(&d, &f) < 0);
    assert_true(date_cmp(&f, &l) < 0);

    assert_true(date_is_leap(2016));
    assert_true(date_is_leap(2000));
    assert_false(date_is_leap(1900));
    assert_false(date_is_leap(2015));
    assert_int_equal(date_days_in_month(2016, 2), 29);
    assert_int_equal(date_days_in_month(2100, 2), 28);
    assert_int_equal(date_days_in_month(2015, 4), 30);
    assert_int_equal(date_days_in_month(2015, 12), 31);
    assert_int_equal(date_days_in_month(2015, 0), 0);
    assert_int_equal(date_days_in_month(2015, 13), 0);

    assert_false(date_parse("2015-13", &d, err, sizeof err));
    assert_string_equal(err, "'2015-13': month 13 is not 1..12");
    assert_false(date_parse("2015-02-29", &d, err, sizeof err));
    assert_string_equal(err, "'2015-02-29': day 29 does not exist (February 2015 has 28 days)");
    assert_false(date_parse("1899", &d, err, sizeof err));
    assert_string_equal(err, "'1899': year 1899 is outside 1900..2100");
    assert_false(date_parse("2015/01", &d, err, sizeof err));
    assert_string_equal(err, "'2015/01' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(schema_edit_distance("title", "title"), 0);
    assert_int_equal(schema_edit_distance("titel", "title"), 2);
    assert_int_equal(schema_edit_distance("heading", "headings"), 1);
    assert_int_equal(schema_edit_distance("", "abc"), 3);
}

static void test_verbatim(void **state)
{
    (void)state;
    /* Page-number lines dropped in the article only; whitespace (incl.
     * U+3000, U+00A0) removed; full-width letters and digits folded. */
    const char *article = "第一　句 ， Ｇ Ｇ Ｅ\uE000\n12\n  3 \n第二\u00a0句２０１５\uF8FF";
    char *na = verbatim_normalise(article, strlen(article), true);
    assert_string_equal(na, "第一句,GGE第二句2015"); /* ， read as , */
    char *nq = verbatim_normalise("12\n", 3, false);
    assert_string_equal(nq, "12"); /* not dropped in a quote */
    free(nq);
    verbatim_match m;
    nq = verbatim_normalise("GGE 第二句", strlen("GGE 第二句"), false);
    assert_true(verbatim_find(na, nq, &m));
    assert_true(m.found);
    free(nq);
    /* The ASCII and full-width forms of , : ; ? ! ( ) are one character. */
    nq = verbatim_normalise("一句,GGE", strlen("一句,GGE"), false);
    assert_true(verbatim_find(na, nq, &m));
    assert_true(m.found);
    free(nq);
    char *nb = verbatim_normalise("竞技场,网络(SALT)", strlen("竞技场,网络(SALT)"), true);
    nq = verbatim_normalise("技场，网络（SALT）", strlen("技场，网络（SALT）"), false);
    assert_true(verbatim_find(nb, nq, &m));
    assert_true(m.found);
    free(nq);
    free(nb);
    nq = verbatim_normalise("第一句，GGE第三句", strlen("第一句，GGE第三句"), false);
    assert_true(verbatim_find(na, nq, &m));
    assert_false(m.found);
    assert_int_equal(m.matched_chars, 8);
    assert_int_equal(m.quote_char, 0x4E09);   /* 三 */
    assert_int_equal(m.article_char, 0x4E8C); /* 二 */
    free(nq);
    free(na);
}

static void test_diag(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    char buf[600];
    assert_string_equal(diag_summary(&d, "content", "3 excerpts", buf, sizeof buf),
                        "content: ok (3 excerpts)");
    diag_add(&d, DIAG_WARNING, "content/a.yaml", 3, "unknown key '%s'", "x");
    assert_string_equal(diag_summary(&d, "content", "3 excerpts", buf, sizeof buf),
                        "content: ok (3 excerpts), 1 warning");
    diag_add(&d, DIAG_ERROR, "content/b.yaml", 7, "bad %d", 1);
    diag_add(&d, DIAG_ERROR, "content/b.yaml", 8, "bad %d", 2);
    assert_string_equal(diag_summary(&d, "content", NULL, buf, sizeof buf),
                        "content: 2 errors, 1 warning");
    assert_string_equal(diag_format(&d.items[0], buf, sizeof buf),
                        "content/a.yaml:3: warning: unknown key 'x'");
    assert_string_equal(diag_format(&d.items[2], buf, sizeof buf),
                        "content/b.yaml:8: error: bad 2");
    assert_true(diag_has(&d, DIAG_ERROR, "b.yaml", 7, "bad 1"));
    assert_false(diag_has(&d, DIAG_ERROR, "b.yaml", 8, "bad 1"));
    diag_free(&d);
    diag_free(NULL);
}

/* The column is part of the record, never of the printed line. */
static void test_diag_column(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    diag_add_at(&d, DIAG_ERROR, "content/b.yaml", 7, 12, "bad %d", 1);
    diag_add(&d, DIAG_WARNING, "content/b.yaml", 8, "no column");
    assert_int_equal(d.count, 2);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 7);
    assert_int_equal(d.items[0].column, 12);
    assert_string_equal(d.items[0].message, "bad 1");
    assert_int_equal(d.items[1].column, 0);
    char buf[256];
    assert_string_equal(diag_format(&d.items[0], buf, sizeof buf),
                        "content/b.yaml:7: error: bad 1");
    diag_free(&d);
}

/* ---- options of the checks ---- */

/* The fit check passes once and is then skipped while the texts, fonts and
 * program are the same (app/fitcache.h); a text changed so that it no
 * longer fits is measured again and refused. */
static void test_fit_check_cached(void **state)
{
    (void)state;
    char tmp[4096], copy[4200], st[4200];
    testbundles_minimal_copy(tmp, sizeof tmp, copy, sizeof copy);
    snprintf(st, sizeof st, "%s/state", tmp);
    assert_int_equal(subproc_shell("mkdir -p %s", st), 0);
    char *argv[] = {(char *)subproc_kiosk_bin(), "--headless", "--frames", "2", "--size", "800x480", "--bundle",
                    copy, "--state-dir", st, "--verbose", NULL};
    subproc_result r;
    assert_true(subproc_run(argv, &r));
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.err, "fit check skipped"));
    subproc_free(&r);
    char cache[4300];
    snprintf(cache, sizeof cache, "%s/fit-cache", st);
    assert_int_equal(access(cache, F_OK), 0);

    assert_true(subproc_run(argv, &r));
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "fit check skipped"));
    subproc_free(&r);

    /* An English summary eight times as long: taller than the event card
     * at 800x480 (within the length limit, so only the fit check sees it). */
    const char *one = "The UN Group of Governmental Experts agrees on a consensus report.";
    char longer[1024] = "";
    for (int i = 0; i < 8; i++)
        snprintf(longer + strlen(longer), sizeof longer - strlen(longer), "%s%s", i ? " " : "", one);
    assert_int_equal(subproc_shell("sed -i 's/en: %s/en: %s/' %s/timeline.yaml", one, longer, copy), 0);
    assert_true(subproc_run(argv, &r));
    assert_null(strstr(r.err, "fit check skipped"));
    assert_non_null(strstr(r.err, "timeline.yaml:18: error"));
    assert_non_null(strstr(r.err, "than the detail card's text area"));
    subproc_free(&r);
    scratch_rm_rf(tmp);
}

/* Without --sources and without DIR/sources/ the verbatim check is skipped
 * with ONE warning, and the bundle loads. */
static void test_sources_skipped(void **state)
{
    (void)state;
    char tmp[4096], copy[4200];
    testbundles_minimal_copy(tmp, sizeof tmp, copy, sizeof copy);
    char src[4300];
    snprintf(src, sizeof src, "%s/sources", copy);
    scratch_rm_rf(src);
    /* A quote that is NOT in its article: unnoticed when the check is off. */
    char tl[4300];
    snprintf(tl, sizeof tl, "%s/timeline.yaml", copy);
    char *text = subproc_read_file(tl, NULL);
    assert_non_null(text);
    char *q = strstr(text, "quote: 两国政府于2015年建立");
    assert_non_null(q);
    q = strstr(q, "建立");
    memcpy(q, "成立", strlen("成立"));
    assert_true(scratch_write_text(tl, text));
    free(text);

    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(copy, NULL, &d);
    assert_non_null(b);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
    assert_true(diag_has(&d, DIAG_WARNING, NULL, 0, "the verbatim check of excerpts and quotes is skipped"));
    bundle_free(b);
    diag_free(&d);

    /* With --sources pointing at the articles, the changed quote is found. */
    bundle_check_opts o = {.sources = TESTBUNDLES_MINIMAL "/sources"};
    diag_init(&d);
    b = bundle_load(copy, &o, &d);
    assert_null(b);
    assert_true(diag_has(&d, DIAG_ERROR, "timeline.yaml", -1, "quote not found"));
    diag_free(&d);
    scratch_rm_rf(tmp);
}

static void test_sources_option_missing(void **state)
{
    (void)state;
    bundle_check_opts o = {.sources = "tests/no-such-directory"};
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(TESTBUNDLES_MINIMAL, &o, &d);
    assert_null(b);
    assert_true(diag_has(&d, DIAG_ERROR, NULL, 0, "sources directory 'tests/no-such-directory' does not exist"));
    diag_free(&d);
}

static void test_empty_directory(void **state)
{
    (void)state;
    char tmp[4096];
    assert_true(subproc_tmpdir(tmp, sizeof tmp));
    diag_list d;
    diag_init(&d);
    assert_null(bundle_load(tmp, NULL, &d));
    assert_int_equal(d.errors, 1);
    assert_true(diag_has(&d, DIAG_ERROR, tmp, 0, "is the directory empty?"));
    diag_free(&d);
    scratch_rm_rf(tmp);

    diag_init(&d);
    assert_null(bundle_load("tests/no-such-bundle", NULL, &d));
    assert_true(diag_has(&d, DIAG_ERROR, "tests/no-such-bundle", 0, "cannot open the bundle directory"));
    diag_free(&d);
}

/* Updates compare versions and name bundles by id: a version that is not
 * numbers and an empty id are errors with their line. */
static void test_manifest_version_and_id(void **state)
{
    (void)state;
    static const struct {
        const char *sed;
        int line;
        const char *message;
    } cases[] = {
        {"s/^version: .*/version: \"spring 2025\"/", 3, "version 'spring 2025' is not 1 to 4 numbers"},
        {"s/^id: .*/id: \"\"/", 2, "manifest: the id is empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char tmp[4096], dir[4200], file[4300];
        testbundles_minimal_copy(tmp, sizeof tmp, dir, sizeof dir);
        snprintf(file, sizeof file, "%s/manifest.yaml", dir);
        assert_int_equal(subproc_shell("sed -i '%s' %s", cases[i].sed, file), 0);
        diag_list d;
        diag_init(&d);
        assert_null(bundle_load(dir, NULL, &d));
        if (!diag_has(&d, DIAG_ERROR, file, cases[i].line, cases[i].message)) {
            print_diags(&d);
            fail_msg("case %zu: no '%s'", i, cases[i].message);
        }
        diag_free(&d);
        scratch_rm_rf(tmp);
    }
}

/* The fit check uses the text_height hook: with fonts four times as large,
 * the English heading needs more than two lines of the card. */
static void test_fit(void **state)
{
    (void)state;
    int scale = 4;
    bundle_check_opts o = hooks(&scale);
    diag_list d;
    diag_init(&d);
    assert_null(bundle_load(TESTBUNDLES_MINIMAL, &o, &d));
    /* "Where the dialogue began": 24 half-em characters of 60 px in 640 px. */
    assert_true(diag_has(&d, DIAG_ERROR, "excerpts.yaml", 7, "'heading' (en) needs 3 lines at the title size"));
    assert_false(diag_has(&d, DIAG_ERROR, "excerpts.yaml", -1, "'heading' (zh)"));
    diag_free(&d);

    /* Without hooks the same bundle passes: the checks are skipped. */
    diag_init(&d);
    bundle *b = bundle_load(TESTBUNDLES_MINIMAL, NULL, &d);
    assert_non_null(b);
    bundle_free(b);
    diag_free(&d);
}

/* A text that failed its length check is reported once, at its line, and
 * not laid out: a megabyte-long word would keep the check (and the kiosk's
 * start) busy for minutes. Headings ({zh, en} pairs) and excerpt texts. */
static void test_too_long_not_laid_out(void **state)
{
    (void)state;
    char tmp[4096], copy[4200], path[4300];
    testbundles_minimal_copy(tmp, sizeof tmp, copy, sizeof copy);
    snprintf(path, sizeof path, "%s/excerpts.yaml", copy);
    char *text = subproc_read_file(path, NULL);
    assert_non_null(text);
    enum { HEADING = 600000, BODY = 300000 };
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    int line = 1;
    for (char *p = text; *p;) {
        char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) + 1 : strlen(p);
        if (strncmp(p, "      en: Where the dialogue began", 34) == 0) {
            fputs("      en: ", f);
            for (int i = 0; i < HEADING; i++)
                fputc('a', f);
            fputc('\n', f);
            assert_int_equal(line, 7);
        } else if (strncmp(p, "    text: 专家认为", 22) == 0) {
            fputs("    text: ", f);
            for (int i = 0; i < BODY; i++)
                fputc('7', f);
            fputc('\n', f);
        } else {
            fwrite(p, 1, n, f);
        }
        line++;
        p += n;
    }
    fclose(f);
    free(text);

    int scale = 1;
    bundle_check_opts o = hooks(&scale);
    diag_list d;
    diag_init(&d);
    hook_longest = 0;
    assert_null(bundle_load(copy, &o, &d));
    assert_true(diag_has(&d, DIAG_ERROR, "excerpts.yaml", 7, "is 600000 characters long, more than the limit of 80"));
    assert_true(diag_has(&d, DIAG_ERROR, "excerpts.yaml", -1, "'text' is 300000 characters long"));
    assert_false(diag_has(&d, DIAG_ERROR, "excerpts.yaml", -1, "needs"));   /* no fit diagnostic */
    assert_false(diag_has(&d, DIAG_ERROR, "excerpts.yaml", -1, "not found")); /* nor a verbatim one */
    assert_true(hook_longest > 0);     /* the other texts were laid out ... */
    assert_true(hook_longest < 10000); /* ... but not the long ones */
    diag_free(&d);
    scratch_rm_rf(tmp);
}

/* Diagnostics about a node carry its column, a YAML error its own; a
 * problem of a whole file has column 0. The printed line stays FILE:LINE. */
static void test_diag_columns(void **state)
{
    (void)state;
    static const struct {
        const char *bundle, *file;
        int line, column;
        const char *substring;
    } cases[] = {
        {"yaml-anchor", "articles.yaml", 17, 14, "anchors (&name) are not supported"},
        {"invalid-utf8", "excerpts.yaml", 18, 11, "invalid UTF-8 at byte offset"},
        {"unknown-key-warning", "timeline.yaml", 10, 5, "unknown key 'titel'"}, /* the key */
        {"duplicate-key", "manifest.yaml", 35, 1, "duplicate key 'idle_timeout'"},
        {"date-month-13", "timeline.yaml", 40, 11, "month 13 is not 1..12"}, /* the value */
        {"dangling-excerpt-article", "excerpts.yaml", 21, 14, "article 'a-norm' does not"},
        {"missing-manifest", "manifest.yaml", 0, 0, "missing manifest.yaml"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dir[256], path[400];
        testbundles_broken(cases[i].bundle, dir, sizeof dir);
        snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
        int scale = 1;
        bundle_check_opts o = hooks(&scale);
        diag_list d;
        diag_init(&d);
        bundle_free(bundle_load(dir, &o, &d));
        const diag *found = NULL;
        for (size_t k = 0; k < d.count && !found; k++)
            if (strcmp(d.items[k].file, path) == 0 && d.items[k].line == cases[i].line &&
                strstr(d.items[k].message, cases[i].substring))
                found = &d.items[k];
        if (!found) {
            print_diags(&d);
            fail_msg("%s: no diagnostic %s:%d: ...%s...", cases[i].bundle, path, cases[i].line,
                     cases[i].substring);
        }
        if (found->column != cases[i].column)
            fail_msg("%s: column %d, wanted %d", cases[i].bundle, found->column,
                     cases[i].column);
        char buf[700], prefix[500];
        snprintf(prefix, sizeof prefix, "%s:%d: ", path, cases[i].line);
        assert_int_equal(strncmp(diag_format(found, buf, sizeof buf), prefix, strlen(prefix)), 0);
        diag_free(&d);
    }
}

/* ---- the broken corpus ---- */

static char *broken_names[MAX_BROKEN_BUNDLES];
static size_t broken_count;

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_broken(void)
{
    DIR *d = opendir(TESTBUNDLES_BROKEN);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && broken_count < MAX_BROKEN_BUNDLES) {
        if (e->d_name[0] == '.')
            continue;
        broken_names[broken_count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(broken_names, broken_count, sizeof broken_names[0], name_cmp);
}

/* date_text_find on one text: true/false for d, the evidence of each part. */
static bool stated(const char *text, const char *date)
{
    bundle_date d;
    char why[160];
    assert_true(date_parse(date, &d, why, sizeof why));
    return date_text_find(text, strlen(text), &d, NULL);
}

static void test_date_text(void **state)
{
    (void)state;
    /* The forms the articles write dates in. */
    assert_true(stated("2015年9月25日，中美双方达成共识", "2015-09-25"));
    assert_true(stated("新华网，2015年09月22日，http://x", "2015-09-22"));
    assert_true(stated("http://www.gov.cn/xinwen/2015-09/25/content.htm", "2015-09"));
    assert_true(stated("accessed 2021-05-09.", "2021-05-09"));
    assert_true(stated("Reuters, Sept. 25, 2015, p. 2", "2015-09-25"));
    assert_true(stated("“Third Dialogue,” December 8, 2016, <https://x>", "2016-12-08"));
    assert_true(stated("\"Paris Call,\" 12 November 2018, https://x", "2018-11-12"));
    assert_true(stated("ＦＥＢ． ２３， ２０１２", "2012"));          /* full-width digits */
    assert_true(stated("Ｆｅｂｒｕａｒｙ\n\n2 3 ，\n\n2 0 1 2", "2012-02-23")); /* extraction */
    assert_true(stated("2 0 1 3 年 1 1 月 1 2 日 中 国", "2013-11-12"));
    assert_true(stated("在 2 〇 ｉ ｉ年 ， 中 、 俄", "2011"));          /* the OCR of article 003 */
    assert_true(stated("2016~2017届专家组", "2016"));
    assert_true(stated("2016~2017届专家组", "2017"));
    assert_true(stated("2015年，争端继续恶化。5月16日，张浩被捕", "2015-05-16"));
    /* What is not a statement of the date. */
    assert_false(stated("2017年10月4日举行了首轮对话", "2018"));
    assert_false(stated("2015年9月25日", "2015-10-25"));          /* wrong month */
    assert_false(stated("2015年9月25日", "2015-09-24"));          /* wrong day */
    assert_false(stated("9月25日，中美双方", "2015-09-25"));       /* no year */
    assert_false(stated("2015年，9月", "2015-09-25"));            /* no day */
    assert_false(stated("12015 and 20151", "2015"));
    assert_false(stated("110月", "2015-10"));
    assert_false(stated("Ali 2011", "2011-01"));
    assert_false(stated("in 2011 Oil prices", "2011-01"));
    assert_false(stated("May 2015", "2015-05-20"));
    assert_false(stated("Remember 2015", "2015-11"));
    /* The evidence: where each part is, in bytes of the text. */
    const char *t = "注：2015年12月1日，会面。";
    bundle_date d = {2015, 12, 1, BUNDLE_DAY};
    date_text_evidence ev;
    assert_true(date_text_find(t, strlen(t), &d, &ev));
    assert_int_equal(ev.end[DATE_TEXT_YEAR] - ev.start[DATE_TEXT_YEAR], 4);
    assert_memory_equal(t + ev.start[DATE_TEXT_MONTH], "12月", strlen("12月"));
    assert_memory_equal(t + ev.start[DATE_TEXT_DAY], "1日", strlen("1日"));
}

static void test_date_display(void **state)
{
    (void)state;
    bundle_date a = {2017, 10, 4, BUNDLE_DAY}, y16 = {2016, 0, 0, BUNDLE_YEAR},
                y17 = {2017, 0, 0, BUNDLE_YEAR}, m3 = {2016, 3, 0, BUNDLE_MONTH},
                m5 = {2016, 5, 0, BUNDLE_MONTH};
    char buf[96];
    date_display(BUNDLE_WHEN_ON, &a, &a, BUNDLE_ZH, buf, sizeof buf);
    assert_string_equal(buf, "2017年10月4日");
    date_display(BUNDLE_WHEN_ON, &a, &a, BUNDLE_EN, buf, sizeof buf);
    assert_string_equal(buf, "4 October 2017");
    date_display(BUNDLE_WHEN_AFTER, &a, &a, BUNDLE_ZH, buf, sizeof buf);
    assert_string_equal(buf, "2017年10月4日后");
    date_display(BUNDLE_WHEN_AFTER, &a, &a, BUNDLE_EN, buf, sizeof buf);
    assert_string_equal(buf, "after 4 October 2017");
    date_display(BUNDLE_WHEN_SPAN, &y16, &y17, BUNDLE_ZH, buf, sizeof buf);
    assert_string_equal(buf, "2016—2017年");
    date_display(BUNDLE_WHEN_SPAN, &y16, &y17, BUNDLE_EN, buf, sizeof buf);
    assert_string_equal(buf, "2016–2017");
    date_display(BUNDLE_WHEN_SPAN, &m3, &m5, BUNDLE_ZH, buf, sizeof buf);
    assert_string_equal(buf, "2016年3月—5月");
    date_display(BUNDLE_WHEN_SPAN, &m3, &m5, BUNDLE_EN, buf, sizeof buf);
    assert_string_equal(buf, "March–May 2016");
    date_format_when(BUNDLE_WHEN_AFTER, &a, &a, buf, sizeof buf);
    assert_string_equal(buf, "after 2017-10-04");
    date_format_when(BUNDLE_WHEN_SPAN, &y16, &y17, buf, sizeof buf);
    assert_string_equal(buf, "2016..2017");
    /* An AFTER date orders after an exact date on its bound. */
    assert_true(date_when_cmp(BUNDLE_WHEN_AFTER, &a, BUNDLE_WHEN_ON, &a) > 0);
    assert_true(date_when_cmp(BUNDLE_WHEN_ON, &a, BUNDLE_WHEN_AFTER, &a) < 0);
}

/* A bundle in a fresh directory: the minimal one with `timeline.yaml`
 * replaced by `events` (eras kept out) and manifest lines appended. */
static bundle *load_variant(const char *events, const char *manifest_extra, diag_list *d,
                            char *dir, size_t dirlen)
{
    char tmp[400];
    testbundles_minimal_copy(tmp, sizeof tmp, dir, dirlen);
    char path[600];
    if (events) {
        snprintf(path, sizeof path, "%s/timeline.yaml", dir);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "events:\n%s", events);
        fclose(f);
    }
    if (manifest_extra) {
        snprintf(path, sizeof path, "%s/manifest.yaml", dir);
        FILE *f = fopen(path, "a");
        assert_non_null(f);
        fputs(manifest_extra, f);
        fclose(f);
    }
    diag_init(d);
    return bundle_load(dir, NULL, d);
}

/* Removes a load_variant() bundle with its temporary directory. */
static void drop_variant(char *dir)
{
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    scratch_rm_rf(dir);
}

static void test_date_forms(void **state)
{
    (void)state;
    char dir[512];
    diag_list d;
    /* after: and from/to are read, ordered and checked against the texts. */
    bundle *b = load_variant(
        "  - id: ev-span\n    date: {from: 2013, to: 2015}\n"
        "    title: {zh: 跨度, en: A span}\n    summary: {zh: 跨度。, en: A span.}\n"
        "    category: dialogue\n    track: government\n    sources:\n"
        "      - article: a-dialogue\n        quote: 两国政府于2015年建立了网络安全对话机制。\n"
        "        date_quote: 2013年，联合国政府专家组\n"
        "  - id: ev-after\n    date: {after: 2015}\n"
        "    title: {zh: 之后, en: Later}\n    summary: {zh: 之后。, en: Later.}\n"
        "    category: dialogue\n    track: government\n    sources:\n"
        "      - article: a-dialogue\n        quote: 两国政府于2015年建立了网络安全对话机制。\n"
        "        date_note: The bound only.\n",
        NULL, &d, dir, sizeof dir);
    /* The span's start is in the other article: not proved by this one. */
    assert_true(diag_has(&d, DIAG_ERROR, "timeline.yaml", -1, "date_quote not found"));
    assert_null(b);
    diag_free(&d);
    drop_variant(dir);

    b = load_variant(
        "  - id: ev-after\n    date: {after: 2015}\n"
        "    title: {zh: 之后, en: Later}\n    summary: {zh: 之后。, en: Later.}\n"
        "    category: dialogue\n    track: government\n    sources:\n"
        "      - article: a-dialogue\n        quote: 两国政府于2015年建立了网络安全对话机制。\n"
        "        date_note: The bound only.\n"
        "  - id: ev-span\n    date: {from: 2015, to: 2016}\n"
        "    title: {zh: 跨度, en: A span}\n    summary: {zh: 跨度。, en: A span.}\n"
        "    category: dialogue\n    track: government\n    sources:\n"
        "      - article: a-dialogue\n        quote: 两国政府于2015年建立了网络安全对话机制。\n",
        NULL, &d, dir, sizeof dir);
    /* ev-span sorts before ev-after (2015 < after 2015), and 2016 is in no text. */
    assert_true(diag_has(&d, DIAG_ERROR, "timeline.yaml", 13, "is dated before the event above it"));
    assert_true(diag_has(&d, DIAG_ERROR, "timeline.yaml", 13,
                         "date 2016 is not in the quote or date_quote of ev-span"));
    assert_false(diag_has(&d, DIAG_ERROR, "timeline.yaml", 2, NULL));
    bundle_free(b);
    diag_free(&d);
    drop_variant(dir);

    b = load_variant("  - id: ev-bad\n    date: {after: 2015, to: 2016}\n"
                     "    title: {zh: 坏, en: Bad}\n    summary: {zh: 坏。, en: Bad.}\n"
                     "    category: dialogue\n    track: government\n    sources:\n"
                     "      - article: a-dialogue\n        quote: 两国政府于2015年建立了网络安全对话机制。\n",
                     NULL, &d, dir, sizeof dir);
    assert_true(diag_has(&d, DIAG_ERROR, "timeline.yaml", 3, "write {after: DATE}"));
    bundle_free(b);
    diag_free(&d);
    drop_variant(dir);
}

static void test_published_needs_review(void **state)
{
    (void)state;
    char dir[512];
    diag_list d;
    bundle *b = load_variant(NULL, "status: published\n", &d, dir, sizeof dir);
    assert_null(b);
    assert_true(diag_has(&d, DIAG_ERROR, "manifest.yaml", -1, "'reviewed' is missing"));
    diag_free(&d);
    drop_variant(dir);
    b = load_variant(NULL, "status: published\nreviewed: A. Curator, 2025-06-01\n", &d, dir,
                     sizeof dir);
    assert_non_null(b);
    assert_true(b->manifest.published);
    assert_string_equal(b->manifest.reviewed, "A. Curator, 2025-06-01");
    bundle_free(b);
    diag_free(&d);
    drop_variant(dir);
    b = load_variant(NULL, "status: draft\n", &d, dir, sizeof dir);
    assert_non_null(b);
    assert_false(b->manifest.published);
    bundle_free(b);
    diag_free(&d);
    drop_variant(dir);
}

static void test_broken_corpus_size(void **state)
{
    (void)state;
    assert_true(broken_count >= MIN_BROKEN_BUNDLES);
}

static void test_broken_bundle(void **state)
{
    const char *name = *state;
    char dir[512], exp_path[600];
    snprintf(dir, sizeof dir, TESTBUNDLES_BROKEN "/%s", name);
    snprintf(exp_path, sizeof exp_path, "%s/expected.txt", dir);
    char *exp = subproc_read_file(exp_path, NULL);
    assert_non_null(exp);
    char sev[16], file[128];
    int line, off = 0;
    assert_int_equal(sscanf(exp, "%15s %127s %d %n", sev, file, &line, &off), 3);
    char *msg = exp + off;
    msg[strcspn(msg, "\n")] = '\0';
    assert_true(*msg);
    bool is_error = strcmp(sev, "error") == 0;
    assert_true(is_error || strcmp(sev, "warning") == 0);
    char path[800];
    if (strcmp(file, ".") == 0)
        snprintf(path, sizeof path, "%s", dir);
    else
        snprintf(path, sizeof path, "%s/%s", dir, file);

    int scale = 1;
    bundle_check_opts o = hooks(&scale);
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(dir, &o, &d);
    bool found = false;
    for (size_t i = 0; i < d.count && !found; i++)
        found = d.items[i].severity == (is_error ? DIAG_ERROR : DIAG_WARNING) &&
                strcmp(d.items[i].file, path) == 0 && d.items[i].line == line &&
                strstr(d.items[i].message, msg);
    if (!found) {
        fprintf(stderr, "%s: expected %s %s:%d: ...%s...\ngot:\n", name, sev, path, line, msg);
        print_diags(&d);
    }
    assert_true(found);
    if (is_error) {
        assert_null(b); /* any error refuses the bundle */
    } else {
        assert_non_null(b); /* warnings only: the bundle still loads */
        assert_int_equal(d.errors, 0);
    }
    bundle_free(b);
    diag_free(&d);
    free(exp);
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_minimal_loads),
        cmocka_unit_test(test_manifest_version_and_id),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_date_module),
        cmocka_unit_test(test_date_text),
        cmocka_unit_test(test_date_display),
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_published_needs_review),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_verbatim),
        cmocka_unit_test(test_diag),
        cmocka_unit_test(test_diag_column),
        cmocka_unit_test(test_sources_skipped),
        cmocka_unit_test(test_fit_check_cached),
        cmocka_unit_test(test_sources_option_missing),
        cmocka_unit_test(test_empty_directory),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_too_long_not_laid_out),
        cmocka_unit_test(test_diag_columns),
        cmocka_unit_test(test_broken_corpus_size),
    };
    enum { NFIXED = sizeof fixed / sizeof fixed[0] };
    list_broken();
    /* One test per broken bundle, named after it. */
    static struct CMUnitTest tests[NFIXED + MAX_BROKEN_BUNDLES];
    memcpy(tests, fixed, sizeof fixed);
    for (size_t i = 0; i < broken_count; i++)
        tests[NFIXED + i] = (struct CMUnitTest){.name = broken_names[i],
                                                .test_func = test_broken_bundle,
                                                .initial_state = broken_names[i]};
    int rc = _cmocka_run_group_tests("bundle", tests, NFIXED + broken_count, NULL, NULL);
    for (size_t i = 0; i < broken_count; i++)
        free(broken_names[i]);
    return rc;
}
