/* Unit tests of the text layout core: line-break opportunities, shaping
 * (cluster map, runs, fallback), the font chain's coverage cache, and the
 * engine API (cache, truncation, measure, hit testing, paragraphs, styles). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linebreak.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/texttest.h"
#include "text/charclass.h"
#include "text/fontset.h"
#include "text/layout.h"
#include "text/linebreak.h"
#include "text/punct.h"
#include "text/shape.h"

/* ---- line breaking ---------------------------------------------------- */

/* Opportunities of s rendered as a string: "|" where a break is allowed
 * before a character, e.g. "中|文|，" → "中|文，". */
static void lb_render(const char *s, char *out, size_t cap)
{
    size_t len = strlen(s), o = 0;
    uint8_t *brk = malloc(len + 1);
    uint32_t *cps = malloc((len + 1) * sizeof *cps);
    assert_non_null(brk);
    assert_non_null(cps);
    linebreak_find(s, len, brk, cps);
    free(cps);
    for (size_t i = 0; i < len && o + 2 < cap; i++) {
        if (i > 0 && brk[i] != LINEBREAK_NONE)
            out[o++] = '|';
        out[o++] = s[i];
    }
    out[o] = '\0';
    assert_int_equal(brk[len], LINEBREAK_MUST);
    assert_int_equal(brk[0], LINEBREAK_NONE);
    free(brk);
}

#define LB_EXPECT(in, want)                                         \
    do {                                                            \
        char got_[512];                                             \
        lb_render(in, got_, sizeof got_);                           \
        if (strcmp(got_, want) != 0)                                \
            fail_msg("breaks of \"%s\": got \"%s\", want \"%s\"", in, got_, want); \
    } while (0)

static void test_linebreak_rules(void **state)
{
    (void)state;
    LB_EXPECT("中文", "中|文");
    LB_EXPECT("中，文。", "中，|文。");
    LB_EXPECT("（中）文", "（中）|文");
    LB_EXPECT("中“文”字", "中|“文”|字");
    LB_EXPECT("《书》", "《书》");
    LB_EXPECT("甲——乙", "甲——|乙");
    LB_EXPECT("甲……乙", "甲……|乙");
    LB_EXPECT("3.14", "3.14");           /* libunibreak 1.1 offers 3.|14 at text start */
    LB_EXPECT("约3.14米", "约|3.14|米");
    LB_EXPECT("2015年9月", "2015|年|9|月");
    LB_EXPECT("1,000元", "1,000|元");
    LB_EXPECT("50%的", "50%|的");
    LB_EXPECT("¥100元", "¥100|元");
    LB_EXPECT("25℃", "25℃");
    LB_EXPECT("hello world", "hello |world");
    LB_EXPECT("e-mail", "e-|mail");      /* a Latin word breaks after its hyphen */
    LB_EXPECT("2015-2016", "2015-2016"); /* ... not a number range */
    LB_EXPECT("a.b/c", "a.b/c");         /* not a URL: no breaks inside */
    LB_EXPECT("见http://a.org/b/c页", "见|http://|a.|org/|b/|c|页");
    LB_EXPECT("www.x.cn/?a=1&b=2#c", "www.|x.|cn/?|a=|1&|b=|2#|c");
    LB_EXPECT("http://v1.2/x", "http://|v1.2/|x"); /* digits stay together */
    LB_EXPECT("和/或", "和/或");
    LB_EXPECT("华·斯", "华·|斯");        /* · never starts a line; after it is a break */
    LB_EXPECT("甲／ 乙", "甲／ 乙");        /* a space does not hide the solidus at the line end */
    LB_EXPECT("说：“好”", "说：|“好”");
    LB_EXPECT("。」", "。」");
}

/* The scalar values in [from, to) that text/linebreak.c hands libunibreak
 * as they are (it gives a stand-in only for regional indicators,
 * noncharacters and surrogates), in one text, to the library itself in a
 * child process: true when the child returns. */
static bool library_takes(uint32_t from, uint32_t to)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        static utf32_t cps[0x110000];
        static char brks[0x110000];
        size_t n = 0;
        for (uint32_t cp = from; cp < to; cp++) {
            bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
            bool nonchar = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
            if (!ri && !nonchar && !(cp >= 0xD800 && cp <= 0xDFFF))
                cps[n++] = cp;
        }
        init_linebreak();
        set_linebreaks_utf32(cps, n, "zh", brks);
        _exit(n == 0 || brks[n - 1] == LINEBREAK_MUSTBREAK ? 0 : 1);
    }
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* linebreak_find uses only libunibreak's public interface and decides its
 * stand-ins by code point, assuming the installed library takes every other
 * scalar value (Debian 12's 1.1 aborts on a class its pair table lacks,
 * which in its data is only the regional indicators'). A library whose
 * tables hold another such class fails here, naming its first code point,
 * instead of aborting the kiosk on a text that holds it. */
static void test_linebreak_library_takes_all(void **state)
{
    (void)state;
    if (library_takes(0, 0x110000))
        return;
    uint32_t lo = 0, hi = 0x110000; /* the first failing value is in [lo, hi) */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (!library_takes(lo, mid))
            hi = mid;
        else
            lo = mid;
    }
    fail_msg("libunibreak does not take U+%04X: text/linebreak.c must hand it a stand-in", (unsigned)lo);
}

static void test_linebreak_bytes(void **state)
{
    (void)state;
    const char *s = "中a";
    uint8_t brk[5];
    uint32_t cps[4];
    linebreak_find(s, strlen(s), brk, cps);
    /* Inside the 3-byte sequence of 中 there is never a break. */
    assert_int_equal(brk[1], LINEBREAK_NONE);
    assert_int_equal(brk[2], LINEBREAK_NONE);
    assert_int_equal(brk[3], LINEBREAK_ALLOW);
    assert_int_equal(brk[4], LINEBREAK_MUST);
    assert_true(charclass_no_line_start(0x3002));
    assert_true(charclass_no_line_start('%'));
    assert_false(charclass_no_line_start(0x4E2D));
    assert_true(charclass_no_line_end(0x300A));
    assert_true(charclass_no_line_end('$'));
    assert_false(charclass_no_line_end(0x300B));
}

/* The classes agree with each other: whatever the layout compresses as an
 * opening mark may not end a line, whatever it compresses as a closing or
 * stop mark may not start one, and the two-em halves never start a line. */
static void test_charclass_consistent(void **state)
{
    (void)state;
    int openings = 0, closings = 0, stops = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        if (charclass_is_opening(cp)) {
            openings++;
            if (!charclass_no_line_end(cp) || charclass_no_line_start(cp))
                fail_msg("opening U+%04X: may end a line or may not start one", (unsigned)cp);
        }
        if (charclass_is_closing(cp) || charclass_is_stop(cp) || charclass_is_interpunct(cp) ||
            charclass_is_dash_or_ellipsis(cp)) {
            closings += charclass_is_closing(cp);
            stops += charclass_is_stop(cp);
            if (!charclass_no_line_start(cp) || charclass_no_line_end(cp))
                fail_msg("U+%04X: may start a line or may not end one", (unsigned)cp);
        }
        if (charclass_is_comma(cp) && !charclass_is_stop(cp))
            fail_msg("comma U+%04X is not a stop", (unsigned)cp);
        if (charclass_is_space(cp) && (!charclass_is_break_space(cp) || charclass_is_western(cp)))
            fail_msg("space U+%04X: not blank to the breaker, or western", (unsigned)cp);
        if (charclass_is_digit(cp) && !charclass_is_western(cp))
            fail_msg("digit U+%04X is not western", (unsigned)cp);
    }
    /* Every opening bracket or quote has its closing partner. */
    assert_int_equal(openings, closings);
    assert_int_equal(stops, 6);
    /* The shortcut for ideographs and ASCII letters answers as the tables do. */
    assert_true(charclass_no_line_start('?') && charclass_no_line_start(')') && !charclass_no_line_start('Q'));
    assert_true(charclass_no_line_end('(') && charclass_no_line_end('$') && !charclass_no_line_end('7'));
    assert_true(charclass_no_line_start(0xFE5A) && charclass_no_line_end(0xFE59) && !charclass_no_line_start(0x9FA5));
    assert_true(charclass_is_cjk(0x4E2D));
    assert_true(charclass_is_cjk(0x3002));
    assert_false(charclass_is_cjk('a'));
    assert_false(charclass_is_western(0x4E2D));
    assert_true(charclass_is_western(0xFF21)); /* full-width A */
}

/* ---- shaping and fonts ------------------------------------------------ */

static void test_shape_clusters_and_runs(void **state)
{
    (void)state;
    char err[256];
    font_set *fs = fontset_open(texttest_fonts_dir(), err, sizeof err);
    assert_non_null(fs);
    shaper *sh = shape_open(fs, err, sizeof err);
    assert_non_null(sh);
    shape_result r = {0};
    const char *s = "中a文bc";
    assert_true(shape_text(sh, s, strlen(s), FONTSET_SANS, 32, &r));
    assert_int_equal(r.count, 5);
    const uint32_t clusters[] = {0, 3, 4, 7, 8};
    for (size_t i = 0; i < r.count; i++) {
        assert_int_equal(r.glyphs[i].cluster, clusters[i]);
        assert_true(r.glyphs[i].glyph != 0);
        assert_int_equal(r.glyphs[i].font, FONTSET_SANS);
    }
    /* One run per change of script: Han, Latin, Han, Latin. */
    assert_int_equal(r.runs, 4);
    assert_true(fabsf(r.glyphs[0].x_advance - 32.0f) < 0.01f);
    /* Common punctuation inherits the script around it: one run. */
    const char *p = "中文，好。";
    assert_true(shape_text(sh, p, strlen(p), FONTSET_SERIF_BOLD, 24, &r));
    assert_int_equal(r.runs, 1);
    assert_int_equal(r.count, 5);
    assert_int_equal(r.glyphs[4].cluster, 12);
    assert_int_equal(r.glyphs[0].font, FONTSET_SERIF_BOLD);
    shape_result_free(&r);
    shape_close(sh);
    fontset_close(fs);
}

static void test_shape_fallback(void **state)
{
    (void)state;
    char err[256];
    font_set *fs = fontset_open(texttest_fonts_dir(), err, sizeof err);
    assert_non_null(fs);
    shaper *sh = shape_open(fs, err, sizeof err);
    assert_non_null(sh);
    /* ⁵ (U+2075) is in no Noto CJK font; DejaVu Sans, later in the chain, has it. */
    assert_false(fontset_has_char(fs, FONTSET_SANS, 0x2075));
    int pick = fontset_pick(fs, FONTSET_SANS, 0x2075);
    assert_true(pick >= FONTSET_FAMILIES);
    assert_true(fontset_has_char(fs, pick, 0x2075));
    assert_int_equal(fontset_pick(fs, FONTSET_SANS, 0x2075), pick); /* cached answer */
    const char *path = fontset_path(fs, pick, NULL);
    assert_non_null(strstr(path, "DejaVu"));

    shape_result r = {0};
    const char *s = "注⁵说";
    assert_true(shape_text(sh, s, strlen(s), FONTSET_SANS, 32, &r));
    assert_int_equal(r.count, 3);
    assert_int_equal(r.runs, 3);
    assert_int_equal(r.glyphs[0].font, FONTSET_SANS);
    assert_int_equal(r.glyphs[1].font, pick);
    assert_int_equal(r.glyphs[1].cluster, 3);
    assert_true(r.glyphs[1].glyph != 0);
    assert_int_equal(r.glyphs[2].font, FONTSET_SANS);

    /* A Han character outside GB 2312 and the content: missing from the
     * bundled subset, so it comes from the full system font. */
    const uint32_t rare = 0x9F98; /* 龘 */
    if (fontset_is_bundled(fs, FONTSET_SANS)) {
        assert_false(fontset_has_char(fs, FONTSET_SANS, rare));
        int f = fontset_pick(fs, FONTSET_SANS, rare);
        assert_true(f >= FONTSET_FAMILIES);
        assert_true(fontset_has_char(fs, f, rare));
    } else {
        assert_int_equal(fontset_pick(fs, FONTSET_SANS, rare), FONTSET_SANS);
    }
    /* A character no font has stays with the primary (its .notdef). */
    assert_int_equal(fontset_pick(fs, FONTSET_SERIF, 0xE5CE), FONTSET_SERIF);
    int idx = -1;
    assert_non_null(fontset_path(fs, FONTSET_SANS, &idx));
    assert_true(idx >= 0);
    assert_null(fontset_path(fs, fontset_count(fs), NULL));
    shape_result_free(&r);
    shape_close(sh);
    fontset_close(fs);
    fontset_close(NULL);
    shape_close(NULL);
}

/* The fallbacks are opened at their first use: fontset_open() opens only
 * the four families (the full system collection costs more than the rest
 * of the start); the Noto CJK fallback's face is found then. */
static void test_fontset_fallbacks_open_when_needed(void **state)
{
    (void)state;
    char err[256];
    font_set *fs = fontset_open(texttest_fonts_dir(), err, sizeof err);
    assert_non_null(fs);
    int cjk = -1;
    for (int i = FONTSET_FAMILIES; i < fontset_count(fs); i++)
        if (fontset_family_name(fs, i))
            cjk = i;
    if (cjk < 0) { /* no system Noto CJK here: nothing to open late */
        fontset_close(fs);
        skip();
    }
    int idx = 0;
    fontset_path(fs, cjk, &idx);
    assert_int_equal(idx, -1); /* not opened */
    assert_true(fontset_has_char(fs, cjk, 0x9F98)); /* 龘: only the full font has it */
    fontset_path(fs, cjk, &idx);
    assert_true(idx >= 0);
    fontset_close(fs);
}

static void test_fontset_missing_dir_falls_back(void **state)
{
    (void)state;
    char err[256];
    font_set *fs = fontset_open("/nonexistent-fonts-dir", err, sizeof err);
    assert_non_null(fs); /* system Noto CJK substitutes, with a warning */
    for (int i = 0; i < FONTSET_FAMILIES; i++) {
        int idx = -1;
        const char *p = fontset_path(fs, i, &idx);
        assert_non_null(strstr(p, ".ttc"));
        assert_false(fontset_is_bundled(fs, i));
        assert_true(fontset_has_char(fs, i, 0x4E2D));
    }
    fontset_close(fs);
}

/* Work of laying out text of n units of `unit` (then `tail`) at width_px. */
static unsigned long fill_work(text_engine *te, const char *unit, const char *tail, int n, int width_px)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(ul * (size_t)n + tl + 2);
    assert_non_null(s);
    size_t len = 0;
    s[len++] = 'x';
    for (int i = 0; i < n; i++, len += ul)
        memcpy(s + len, unit, ul);
    memcpy(s + len, tail, tl);
    len += tl;
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = width_px, .justify = true};
    unsigned long before = text_stats(te).fill_steps;
    const text_layout *l = text_lay_out(te, s, len, &p);
    assert_non_null(l);
    assert_true(l->line_count > 0);
    free(s);
    return text_stats(te).fill_steps - before;
}

/* Laying out is linear in the text, whatever its breaks: four times the text
 * costs about four times the work (the engine counts it), not sixteen. An
 * unbreakable run broken anyway (emergency breaks), a long number, runs of
 * spaces (hung at line ends) and ordinary text, at several widths. */
static void test_engine_linear(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    static const struct {
        const char *unit, *tail;
        int width;
    } cases[] = {
        {"a", "", 1},         /* 32,000 letters at width 1 took seconds */
        {"a", "", 320},
        {"7", "", 1},
        {"7", "", 800},       /* 100 kB of digits did not finish in a minute */
        {"一", "", 1},
        {" ", "b", 320},      /* spaces hang at a line end: trimmed each time */
        {"word ", "", 320},
        {"中文，", "", 320},
        {"\xF0\x9F\x87\xA8", "", 1}, /* regional indicators */
    };
    enum { N = 2000 };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned long small = fill_work(te, cases[i].unit, cases[i].tail, N, cases[i].width);
        unsigned long big = fill_work(te, cases[i].unit, cases[i].tail, 4 * N, cases[i].width);
        if (big > 5 * small || big > 64UL * 4 * N)
            fail_msg("case %zu ('%s' at %d px): %lu steps for %d units, %lu for %d", i, cases[i].unit,
                     cases[i].width, small, N, big, 4 * N);
    }
    text_close(te);
}

/* The cache holds what its layouts need, not what the largest layouts each
 * entry ever held needed: after long texts have filled every entry, short
 * ones replacing them leave the cache small again. (Entries kept their
 * largest arrays, and the kiosk's memory crept up for hours.) */
static void test_engine_cache_bytes_bounded(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    text_params p = {.style = STYLE_BODY, .size_px = 24, .width_px = 400, .justify = true};
    char buf[4096];
    for (int i = 0; i < TEXT_CACHE_CAPACITY; i++) {
        size_t n = (size_t)snprintf(buf, sizeof buf, "%d ", i);
        while (n + 3 < 3000) {
            memcpy(buf + n, "网", 3);
            n += 3;
        }
        assert_non_null(text_lay_out(te, buf, n, &p));
    }
    size_t big = text_stats(te).cache_bytes;
    assert_true(big > (size_t)TEXT_CACHE_CAPACITY * 1000 * sizeof(text_glyph));
    for (int i = 0; i < 2 * TEXT_CACHE_CAPACITY; i++) {
        size_t n = (size_t)snprintf(buf, sizeof buf, "label %d", i);
        assert_non_null(text_lay_out(te, buf, n, &p));
    }
    size_t small = text_stats(te).cache_bytes;
    if (small > (size_t)TEXT_CACHE_CAPACITY * (16 + 16 * sizeof(text_glyph) + 2 * sizeof(text_line)))
        fail_msg("the cache holds %zu bytes for %d short labels (%zu when full of long texts)", small,
                 TEXT_CACHE_CAPACITY, big);
    text_close(te);
}

/* ---- engine ------------------------------------------------------------ */

static void test_engine_cache(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    const char *s = "网络空间已成为民族国家争夺影响力的又一新战场。";
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = 320, .justify = true};
    const text_layout *a = text_lay_out(te, s, strlen(s), &p);
    text_cache_stats st = text_stats(te);
    assert_int_equal(st.misses, 1);
    const text_layout *b = text_lay_out(te, s, strlen(s), &p);
    assert_ptr_equal(a, b);
    assert_int_equal(text_stats(te).hits, 1);
    p.width_px = 480;
    const text_layout *c = text_lay_out(te, s, strlen(s), &p);
    assert_ptr_not_equal(a, c);
    assert_true(c->line_count < a->line_count);
    /* Fill the cache: the first layout is evicted, then recomputed equal. */
    uint32_t lines_a = a->line_count;
    for (int i = 0; i < TEXT_CACHE_CAPACITY + 2; i++) {
        p.width_px = 100 + i;
        assert_non_null(text_lay_out(te, s, strlen(s), &p));
    }
    assert_true(text_stats(te).evictions > 0);
    p.width_px = 320;
    const text_layout *d = text_lay_out(te, s, strlen(s), &p);
    assert_int_equal(d->line_count, lines_a);
    text_close(te);
    text_close(NULL);
}

static void test_engine_paragraphs_and_metrics(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    const char *s = "第一段。\n\n第二段文字。\r\n第三段";
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = 800};
    const text_layout *l = text_lay_out(te, s, strlen(s), &p);
    assert_int_equal(l->paragraphs, 3);
    assert_int_equal(l->line_count, 3);
    assert_int_equal(l->lines[1].paragraph, 1);
    assert_memory_equal(s + l->lines[1].start, "第二段文字。", l->lines[1].end - l->lines[1].start);
    float lh = 32 * text_style_line_height(STYLE_BODY), ps = 32 * text_style_para_spacing(STYLE_BODY);
    assert_true(fabsf(l->line_height - lh) < 0.01f);
    assert_true(fabsf(l->height - (3 * lh + 2 * ps)) < 0.01f);
    assert_true(fabsf(l->lines[2].top - (2 * lh + 2 * ps)) < 0.01f);
    /* Glyph clusters are offsets into the whole text. */
    const text_glyph *g = &l->glyphs[l->lines[2].glyph_start];
    assert_int_equal(g->cluster, l->lines[2].start);
    assert_int_equal(g->size_px, 32);
    assert_true(g->y > l->lines[2].top && g->y < l->lines[2].top + lh);
    /* Empty text: no lines, no height. */
    const text_layout *e = text_lay_out(te, "", 0, &p);
    assert_int_equal(e->line_count, 0);
    assert_true(e->height == 0);
    text_close(te);
}

static void test_engine_align_measure(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    const char *s = "中文";
    float w = text_measure(te, s, strlen(s), STYLE_BODY, 32);
    assert_true(fabsf(w - 64) < 0.01f);
    float wl = text_measure(te, "中文abc", strlen("中文abc"), STYLE_BODY, 32);
    assert_true(wl > 64 + 8); /* a quarter-em gap plus the letters */
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = 320, .align = TEXT_ALIGN_CENTRE};
    const text_layout *c = text_lay_out(te, s, strlen(s), &p);
    assert_true(fabsf(c->lines[0].x - 128) < 0.01f);
    assert_true(fabsf(c->glyphs[0].x - 128) < 0.01f);
    p.align = TEXT_ALIGN_END;
    const text_layout *e = text_lay_out(te, s, strlen(s), &p);
    assert_true(fabsf(e->lines[0].x + e->lines[0].width - 320) < 0.01f);
    /* Consecutive marks: 。」 takes 1.5 em. */
    float m = text_measure(te, "。」", strlen("。」"), STYLE_BODY, 32);
    assert_true(fabsf(m - 48) < 0.01f);
    text_close(te);
}

static void test_engine_truncation(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    const char *s = "一二三四五六七八九十一二三四五六七八九十一二三四五";
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = 320, .justify = true, .max_lines = 2};
    const text_layout *l = text_lay_out(te, s, strlen(s), &p);
    assert_int_equal(l->line_count, 2);
    assert_true(l->truncated);
    const text_line *last = &l->lines[1];
    assert_true(last->ellipsis);
    assert_true(last->x + last->width <= 320.01f);
    /* Nine characters and the ellipsis (one em) fill the line. */
    assert_int_equal(last->end - last->start, 9 * 3);
    assert_int_equal(last->glyph_count, 10);
    assert_int_equal(l->glyphs[last->glyph_start + 9].cluster, last->end);
    /* Text that fits is not truncated. */
    p.max_lines = 3;
    l = text_lay_out(te, s, strlen(s), &p);
    assert_false(l->truncated);
    assert_int_equal(l->line_count, 3);
    /* A limit reached at a paragraph end with more paragraphs after. */
    const char *two = "一二三\n四五六";
    p.max_lines = 1;
    l = text_lay_out(te, two, strlen(two), &p);
    assert_int_equal(l->line_count, 1);
    assert_true(l->truncated && l->lines[0].ellipsis);
    text_close(te);
}

static void test_engine_hit_test(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    const char *s = "一二三四五六七八九十一二";
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = 320};
    const text_layout *l = text_lay_out(te, s, strlen(s), &p);
    assert_int_equal(l->line_count, 2);
    assert_int_equal(text_hit_test(l, -5, 5), 0);
    assert_int_equal(text_hit_test(l, 10, 5), 0);   /* left half of 一 */
    assert_int_equal(text_hit_test(l, 20, 5), 3);   /* right half: after 一 */
    assert_int_equal(text_hit_test(l, 100, 5), 9);  /* 三 spans 64..96; 四 at 96..128, left half */
    assert_int_equal(text_hit_test(l, 1000, 5), 30);
    float y2 = l->lines[1].top + 5;
    assert_int_equal(text_hit_test(l, 40, y2), 33);
    assert_int_equal(text_hit_test(l, 500, 9999), strlen(s));
    assert_int_equal(text_hit_test(NULL, 0, 0), 0);
    text_close(te);
}

/* punct_display into a NUL-terminated string, with its map checked: every
 * character start of the output maps to the source character it shows. */
static void punct_show(const char *s, char *out, uint32_t *map)
{
    size_t n = punct_display(s, strlen(s), out, map);
    out[n] = '\0';
    assert_int_equal(map[n], strlen(s));
    assert_int_equal(punct_display_changes(s, strlen(s)), strcmp(out, s) != 0);
}

static void test_punct_display(void **state)
{
    (void)state;
    char out[256];
    uint32_t map[256];
    struct { const char *in, *shown; } cases[] = {
        {"竞技场,网络空间", "竞技场，网络空间"},                /* between Han */
        {"主要包括:1.对一方", "主要包括：1.对一方"},            /* Han, then a digit */
        {"例如,2018年", "例如，2018年"},
        {"谈判》(SALT)上的合作", "谈判》（SALT）上的合作"},      /* a pair around Latin */
        {"条例》(GDPR),美国", "条例》（GDPR），美国"},          /* past the next mark */
        {"分析报告的共享),并共同", "分析报告的共享），并共同"},
        {"中文?", "中文？"},                                   /* at the paragraph's end */
        {"!中文", "！中文"},                                   /* at its start */
        {"地位;2.各自", "地位；2.各自"},
        {"March 1997, https://x", "March 1997, https://x"},  /* Latin keeps ASCII */
        {"约1,000元12:30", "约1,000元12:30"},                  /* digit separators */
        {"a (b) c; d? e!", "a (b) c; d? e!"},
        {"中文 (English) 中文", "中文 (English) 中文"},        /* spaces: not touching */
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        punct_show(cases[i].in, out, map);
        if (strcmp(out, cases[i].shown) != 0)
            fail_msg("punct_display(\"%s\") = \"%s\", expected \"%s\"", cases[i].in, out, cases[i].shown);
    }
    /* The map: "场,网" -> "场，网": ， (output bytes 3..5) is source byte 3. */
    punct_show("场,网", out, map);
    assert_int_equal(map[0], 0);
    assert_int_equal(map[3], 3);
    assert_int_equal(map[6], 4);
    assert_int_equal(punct_fullwidth(','), 0xFF0C);
    assert_int_equal(punct_ascii(0xFF09), ')');
    assert_int_equal(punct_fullwidth('.'), 0);
}

/* The layout shows the full-width mark (same glyphs and advances as text
 * written with it) and reports source offsets (clusters, line ends). */
static void test_engine_display_punct(void **state)
{
    (void)state;
    text_engine *te = texttest_open();
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = 1000};
    const char *src = "竞技场,网络(SALT)上", *full = "竞技场，网络（SALT）上";
    const text_layout *a = text_lay_out(te, src, strlen(src), &p);
    assert_non_null(a);
    text_glyph ga[32];
    uint32_t na = a->glyph_count;
    assert_true(na <= 32);
    memcpy(ga, a->glyphs, na * sizeof *ga);
    float wa = a->lines[0].width;
    assert_int_equal(a->lines[0].end, strlen(src));
    const text_layout *b = text_lay_out(te, full, strlen(full), &p);
    assert_non_null(b);
    assert_int_equal(b->glyph_count, na);
    assert_float_equal(b->lines[0].width, wa, 0.01);
    for (uint32_t g = 0; g < na; g++) {
        assert_int_equal(ga[g].glyph, b->glyphs[g].glyph);
        assert_float_equal(ga[g].x, b->glyphs[g].x, 0.01);
    }
    /* The comma's glyph has the source comma's offset; the glyph after it
     * that of 网 (byte 10 of the source). */
    assert_int_equal(ga[3].cluster, 9);
    assert_int_equal(ga[4].cluster, 10);
    assert_int_equal(text_hit_test(a, 1000, 5), strlen(src));
    /* Latin text keeps its narrow ASCII comma. */
    const char *latin = "March 1997, x";
    const text_layout *c = text_lay_out(te, latin, strlen(latin), &p);
    float narrow = c->lines[0].width;
    const char *latin_full = "March 1997， x";
    const text_layout *d = text_lay_out(te, latin_full, strlen(latin_full), &p);
    assert_true(narrow < d->lines[0].width - 8);
    text_close(te);
}

static void test_style_sizes(void **state)
{
    (void)state;
    assert_int_equal(text_style_size(STYLE_BODY, 1080, false), 32);
    assert_int_equal(text_style_size(STYLE_BODY, 1080, true), 44);
    assert_true(text_style_size(STYLE_TITLE, 1080, false) > text_style_size(STYLE_BODY, 1080, false));
    assert_true(text_style_size(STYLE_CAPTION, 1080, false) < text_style_size(STYLE_BODY, 1080, false));
    assert_int_equal(text_style_family(STYLE_TITLE), FONTSET_SERIF_BOLD);
    assert_int_equal(text_style_family(STYLE_BODY), FONTSET_SANS);
    assert_true(text_style_line_height(STYLE_BODY) >= 1.6f);
    /* A zero size takes the style's default for a 1080-px display. */
    text_engine *te = texttest_open();
    text_params p = {.style = STYLE_TITLE, .width_px = 800};
    const text_layout *l = text_lay_out(te, "标题", strlen("标题"), &p);
    assert_int_equal(l->size_px, text_style_size(STYLE_TITLE, 1080, false));
    assert_int_equal(l->glyphs[0].font, FONTSET_SERIF_BOLD);
    text_close(te);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linebreak_rules),
        cmocka_unit_test(test_linebreak_bytes),
        cmocka_unit_test(test_linebreak_library_takes_all),
        cmocka_unit_test(test_charclass_consistent),
        cmocka_unit_test(test_shape_clusters_and_runs),
        cmocka_unit_test(test_shape_fallback),
        cmocka_unit_test(test_fontset_fallbacks_open_when_needed),
        cmocka_unit_test(test_fontset_missing_dir_falls_back),
        cmocka_unit_test(test_engine_cache),
        cmocka_unit_test(test_engine_paragraphs_and_metrics),
        cmocka_unit_test(test_engine_align_measure),
        cmocka_unit_test(test_engine_truncation),
        cmocka_unit_test(test_engine_hit_test),
        cmocka_unit_test(test_engine_linear),
        cmocka_unit_test(test_engine_cache_bytes_bounded),
        cmocka_unit_test(test_style_sizes),
        cmocka_unit_test(test_punct_display),
        cmocka_unit_test(test_engine_display_punct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
