/* review: the curator's review sheet (export/review.h). */
#include "export/review.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "content/date.h"
#include "content/date_text.h"
#include "content/verbatim.h"
#include "core/fileio.h"
#include "core/log.h"
#include "core/utf8.h"
#include "export/fontembed.h"

/* Context shown around a quote: at least this many characters before and
 * after when the paragraph is shorter (the PDF extraction breaks every
 * line), at most REVIEW_CONTEXT_MAX, cut at a sentence end when possible. */
#define REVIEW_CONTEXT_MIN 60
#define REVIEW_CONTEXT_MAX 240
#define REVIEW_MAX_MARKS 8

/* ---- escaping ------------------------------------------------------------- */

void review_escape(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; s && i < n;) {
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        if (l == 0) {
            fputs("\xEF\xBF\xBD", out); /* U+FFFD for a byte that is not UTF-8 */
            i++;
            continue;
        }
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (cp >= 0x20 || cp == '\n' || cp == '\t')
                fwrite(s + i, 1, l, out);
        }
        i += l;
    }
}

static void esc(FILE *out, const char *s)
{
    if (s)
        review_escape(out, s, strlen(s));
    else
        fputs("<span class=\"missing\">(missing)</span>", out);
}

/* Article text for reading: whitespace runs (and the extraction's private-use
 * characters) become one space. */
static void esc_passage(FILE *out, const char *s, size_t n)
{
    bool space = false;
    size_t run = 0; /* start of the pending run of plain characters */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1, cp = 0xFFFD;
        bool ws = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 ||
                  cp == 0xA0 || (cp >= 0xE000 && cp <= 0xF8FF);
        if (ws) {
            review_escape(out, s + run, i - run);
            space = true;
            run = i + l;
        } else if (space) {
            fputc(' ', out);
            space = false;
        }
        i += l;
    }
    review_escape(out, s + run, n - run);
    if (space)
        fputc(' ', out);
}

/* ---- passages ------------------------------------------------------------- */

typedef struct {
    char *text;
    size_t len;
} review_article;

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* A paragraph break (a blank line) starts at s[i] == '\n'. */
static bool para_break_at(const char *s, size_t n, size_t i)
{
    if (s[i] != '\n')
        return false;
    for (size_t k = i + 1; k < n && is_ws(s[k]); k++)
        if (s[k] == '\n')
            return true;
    return false;
}

static bool sentence_end(const char *s, size_t i, size_t n)
{
    uint32_t cp;
    size_t l = utf8_decode(s + i, n - i, &cp);
    return l && (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B);
}

/* Bytes [*p0, *p1) of the context around [q0, q1). */
static void context(const char *s, size_t n, size_t q0, size_t q1, size_t *p0, size_t *p1, bool *cut0,
                    bool *cut1)
{
    size_t i = q0, chars = 0;
    *cut0 = false;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
        if (chars >= REVIEW_CONTEXT_MIN && para_break_at(s, n, j))
            break;
        if (!is_ws(s[j]))
            chars++;
        if (chars > REVIEW_CONTEXT_MAX) {
            *cut0 = true;
            for (size_t k = i; k < q0; k++) /* begin after a sentence end when one is near */
                if (sentence_end(s, k, n)) {
                    size_t e = k;
                    uint32_t cp;
                    e += utf8_decode(s + k, n - k, &cp);
                    i = e;
                    *cut0 = false;
                    break;
                }
            break;
        }
        i = j;
    }
    *p0 = i;
    i = q1, chars = 0;
    *cut1 = false;
    while (i < n) {
        if (chars >= REVIEW_CONTEXT_MIN && para_break_at(s, n, i))
            break;
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        if (!l)
            l = 1;
        if (!is_ws(s[i]))
            chars++;
        i += l;
        if (chars >= REVIEW_CONTEXT_MIN && sentence_end(s, i - l, n) && chars >= REVIEW_CONTEXT_MAX / 2)
            break;
        if (chars > REVIEW_CONTEXT_MAX) {
            *cut1 = true;
            break;
        }
    }
    *p1 = i;
}

typedef struct {
    size_t start, end;
} review_span;

static int span_cmp(const void *a, const void *b)
{
    const review_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The parts of the event's dates the article text [q0, q1) states, when it
 * states a date whole; appended to marks. Returns true when it states all
 * of the event's dates. */
static bool date_marks(const bundle_event *ev, const char *s, size_t q0, size_t q1,
                       review_span *marks, size_t *nmarks)
{
    const bundle_date *dates[2] = {&ev->date, &ev->date_to};
    int nd = ev->when == BUNDLE_WHEN_SPAN ? 2 : 1;
    bool all = true;
    for (int k = 0; k < nd; k++) {
        date_text_evidence e;
        if (!date_text_find(s + q0, q1 - q0, dates[k], &e)) {
            all = false;
            continue;
        }
        for (int p = 0; p < DATE_TEXT_PARTS; p++)
            if (e.found[p] && *nmarks < REVIEW_MAX_MARKS)
                marks[(*nmarks)++] = (review_span){q0 + e.start[p], q0 + e.end[p]};
    }
    return all;
}

/* One passage: the context, the highlighted text (class `cls`) with the date
 * evidence marked inside it. */
static void passage(FILE *out, const char *s, size_t n, size_t q0, size_t q1, const char *cls,
                    review_span *marks, size_t nmarks)
{
    size_t p0, p1;
    bool cut0, cut1;
    context(s, n, q0, q1, &p0, &p1, &cut0, &cut1);
    if (nmarks > 1) /* marks may be NULL when there are none (qsort must not see it) */
        qsort(marks, nmarks, sizeof *marks, span_cmp);
    fputs("<blockquote class=\"passage\" lang=\"zh-Hans\">", out);
    if (cut0 || p0 > 0)
        fputs("<span class=\"cut\">… </span>", out);
    esc_passage(out, s + p0, q0 - p0);
    fprintf(out, "<mark class=\"%s\">", cls);
    size_t at = q0;
    for (size_t m = 0; m < nmarks; m++) {
        if (marks[m].start < at || marks[m].end > q1)
            continue; /* overlapping another mark, or outside */
        esc_passage(out, s + at, marks[m].start - at);
        fputs("<span class=\"date-ev\">", out);
        esc_passage(out, s + marks[m].start, marks[m].end - marks[m].start);
        fputs("</span>", out);
        at = marks[m].end;
    }
    esc_passage(out, s + at, q1 - at);
    fputs("</mark>", out);
    esc_passage(out, s + q1, p1 - q1);
    if (cut1 || p1 < n)
        fputs("<span class=\"cut\"> …</span>", out);
    fputs("</blockquote>\n", out);
}

/* ---- diagnostics ---------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0 && (a == b || s[a - b - 1] == '/');
}

/* One diagnostic as a list item, opening the list on the first (*any). */
static void problem_item(FILE *out, const diag *g, bool *any)
{
    if (!*any)
        fputs("<ul class=\"problems\">", out);
    *any = true;
    char buf[DIAG_MAX_MESSAGE + 512];
    fprintf(out, "<li class=\"%s\">", g->severity == DIAG_ERROR ? "error" : "warning");
    esc(out, diag_format(g, buf, sizeof buf));
    fputs("</li>", out);
}

/* Diagnostics of `file` with lines in [from, to); `used` marks those shown. */
static void problems(FILE *out, const diag_list *d, const char *file, int from, int to, bool *used)
{
    bool any = false;
    for (size_t i = 0; d && i < d->count; i++) {
        const diag *g = &d->items[i];
        if (used[i] || !ends_with(g->file, file) || g->line < from || g->line >= to)
            continue;
        used[i] = true;
        problem_item(out, g, &any);
    }
    if (any)
        fputs("</ul>\n", out);
}

/* ---- the page ------------------------------------------------------------- */

/* The page's style. Its fonts are var(--sans) and var(--serif), the stacks
 * of the embedded fonts (export/fontembed.h), in weights 400 and 700 (600
 * picks 700, 500 picks 400). Monospace (code, problems) is the Sans faces'
 * half-width forms, `hwid`: Noto Sans CJK's Latin at half an em, the glyphs
 * of Noto Sans Mono CJK, so the page needs no other font. */
static const char *const style =
    "<style>\n"
    ":root{--ink:#1d1f23;--muted:#5d6670;--line:#d9d4c7;--paper:#fbf9f4;--card:#fff;"
    "--quote:#ffe9a8;--date:#b5361c;--ok:#2f6b3a;--bad:#b5361c}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--paper);color:var(--ink);font:15px/1.6 var(--sans)}\n"
    "header{padding:24px 40px 16px;border-bottom:3px solid var(--ink);background:var(--card)}\n"
    "h1{font:600 26px/1.3 var(--serif);margin:0 0 4px}\n"
    "h2{font:600 20px/1.3 var(--serif);margin:28px 40px 8px;padding-bottom:4px;"
    "border-bottom:1px solid var(--line)}\n"
    ".facts{color:var(--muted);margin:0}.facts b{color:var(--ink)}\n"
    ".tally{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0 0;padding:0;list-style:none}\n"
    ".tally li{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:4px 10px}\n"
    ".tally .bad{border-color:var(--bad);color:var(--bad)}\n"
    ".item{display:grid;grid-template-columns:minmax(280px,2fr) 3fr;gap:24px;margin:12px 40px;"
    "padding:16px 20px;background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "border-left:6px solid var(--cat,#888);break-inside:avoid}\n"
    ".item.has-error{outline:2px solid var(--bad)}\n"
    ".date{font:600 19px/1.3 var(--serif);color:var(--ink)}\n"
    ".date .en{font-size:15px;color:var(--muted);font-weight:400;margin-left:8px}\n"
    ".meta{color:var(--muted);font-size:12.5px;margin:2px 0 8px}\n"
    "code{font-family:var(--sans);font-feature-settings:\"hwid\"}.meta code{font-size:12px}\n"
    "h3{font-size:17px;margin:4px 0 0;line-height:1.4}h3.en{font-size:14px;font-weight:500;"
    "color:var(--muted);margin:0 0 8px}\n"
    "p.zh{margin:6px 0}p.en{margin:6px 0;color:#333;font-size:14px}\n"
    ".proof{font-size:13px;margin:8px 0 0;padding:4px 8px;border-radius:4px}\n"
    ".proof.ok{background:#e6f1e7;color:var(--ok)}.proof.bad{background:#f8e1dc;color:var(--bad)}\n"
    ".src{margin:0 0 12px}.src:last-child{margin-bottom:0}\n"
    ".src h4{font-size:12.5px;font-weight:500;color:var(--muted);margin:0 0 2px}\n"
    "blockquote.passage{margin:0 0 6px;padding:8px 12px;background:var(--paper);border-radius:6px;"
    "font:15px/1.75 var(--serif);color:#444}\n"
    "mark.quote,mark.excerpt{background:var(--quote);color:var(--ink);padding:1px 0}\n"
    "mark.date-quote{background:#dfe9f7;color:var(--ink)}\n"
    ".date-ev{color:var(--date);font-weight:700;text-decoration:underline 2px}\n"
    ".cut{color:var(--muted)}\n"
    ".note{font-size:13px;color:var(--muted);margin:0 0 6px}\n"
    ".label{display:inline-block;font-size:11px;letter-spacing:.04em;text-transform:uppercase;"
    "color:var(--muted);margin-right:6px}\n"
    "ul.problems{margin:8px 0 0;padding:0;list-style:none;font:12.5px/1.5 var(--sans);"
    "font-feature-settings:\"hwid\"}\n"
    "ul.problems li{padding:3px 8px;margin:2px 0;border-radius:4px;white-space:pre-wrap}\n"
    "li.error{background:#f8e1dc;color:var(--bad)}li.warning{background:#fbf0d0;color:#7a5a00}\n"
    ".missing{color:var(--bad);font-style:italic}\n"
    ".fontnote{margin:0;padding:8px 40px;background:#f8e1dc;color:var(--bad)}\n"
    "footer{margin:32px 40px;color:var(--muted);font-size:13px}\n"
    "@media print{.item{margin:8px 0}h2{margin:16px 0 4px}}\n"
    "</style>\n";

static const char *article_file(const bundle *b, size_t a)
{
    return a < b->article_count ? b->articles[a].file : NULL;
}

static void text2(FILE *out, const char *tag, const char *cls, const bundle_text *t)
{
    fprintf(out, "<%s class=\"%s zh\" lang=\"zh-Hans\">", tag, cls);
    esc(out, t->s[BUNDLE_ZH]);
    fprintf(out, "</%s><%s class=\"%s en\" lang=\"en\">", tag, tag, cls);
    esc(out, t->s[BUNDLE_EN]);
    fprintf(out, "</%s>\n", tag);
}

/* 0: every date by a quote, 1: some by a date_quote only, 2: not proved. */
static int date_proof(const bundle_event *ev, char *how, size_t howlen)
{
    const bundle_date *dates[2] = {&ev->date, &ev->date_to};
    int nd = ev->when == BUNDLE_WHEN_SPAN ? 2 : 1, worst = 0;
    how[0] = '\0';
    for (int k = 0; k < nd; k++) {
        int got = 2;
        size_t by = 0;
        for (size_t s = 0; s < ev->source_count && got > 0; s++) {
            const bundle_source *src = &ev->sources[s];
            if (src->quote && date_text_find(src->quote, strlen(src->quote), dates[k], NULL))
                got = 0, by = s;
            else if (got > 1 && src->date_quote &&
                     date_text_find(src->date_quote, strlen(src->date_quote), dates[k], NULL))
                got = 1, by = s;
        }
        char d[16];
        date_format(dates[k], d, sizeof d);
        size_t used = strlen(how);
        snprintf(how + used, howlen - used, "%s%s %s", used ? "; " : "", d,
                 got == 0   ? "stated in the quote of source "
                 : got == 1 ? "stated in the date_quote of source "
                            : "NOT stated in any quote or date_quote");
        if (got < 2) {
            used = strlen(how);
            snprintf(how + used, howlen - used, "%zu", by + 1);
        }
        if (got > worst)
            worst = got;
    }
    return worst;
}

static void colour_var(FILE *out, bundle_rgb c)
{
    fprintf(out, " style=\"--cat:#%02x%02x%02x\"", c.r, c.g, c.b);
}

static void write_event(FILE *out, const bundle *b, size_t i, const review_article *arts,
                        const diag_list *d, bool *used, review_stats *st)
{
    const bundle_event *ev = &b->events[i];
    int next = i + 1 < b->event_count && b->events[i + 1].line > 0 ? b->events[i + 1].line : INT_MAX;
    char how[256];
    int proof = date_proof(ev, how, sizeof how);
    if (proof == 0)
        st->dates_by_quote++;
    else if (proof == 1)
        st->dates_by_date_quote++;
    else
        st->dates_unproved++;
    bool err = false;
    for (size_t k = 0; d && k < d->count; k++)
        err |= d->items[k].severity == DIAG_ERROR && ends_with(d->items[k].file, "timeline.yaml") &&
               d->items[k].line >= ev->line && d->items[k].line < next;
    fprintf(out, "<section class=\"item event%s\" id=\"", err ? " has-error" : "");
    esc(out, ev->id);
    fputc('"', out);
    colour_var(out, b->manifest.theme.categories[ev->category % BUNDLE_CAT_COUNT]);
    fputs(">\n<div class=\"screen\">\n", out);
    char zh[96], en[96], iso[40];
    date_display(ev->when, &ev->date, &ev->date_to, BUNDLE_ZH, zh, sizeof zh);
    date_display(ev->when, &ev->date, &ev->date_to, BUNDLE_EN, en, sizeof en);
    date_format_when(ev->when, &ev->date, &ev->date_to, iso, sizeof iso);
    fputs("<div class=\"date\">", out);
    esc(out, zh);
    fputs("<span class=\"en\">", out);
    esc(out, en);
    fputs("</span></div>\n<p class=\"meta\"><code>", out);
    esc(out, ev->id);
    fprintf(out, "</code> · timeline.yaml:%d · date: <code>", ev->line);
    esc(out, iso);
    fprintf(out, "</code> · %s · %s%s</p>\n", bundle_category_name(ev->category),
            bundle_track_name(ev->track), ev->highlight ? " · highlight" : "");
    text2(out, "h3", "title", &ev->title);
    text2(out, "p", "summary", &ev->summary);
    fprintf(out, "<p class=\"proof %s\">Date: ", proof < 2 ? "ok" : "bad");
    esc(out, how);
    fputs("</p>\n", out);
    problems(out, d, "timeline.yaml", ev->line, next, used);
    fputs("</div>\n<div class=\"sources\">\n", out);
    for (size_t s = 0; s < ev->source_count; s++) {
        const bundle_source *src = &ev->sources[s];
        const bundle_article *a = src->article < b->article_count ? &b->articles[src->article] : NULL;
        st->sources++;
        fprintf(out, "<div class=\"src\"><h4>Source %zu · ", s + 1);
        esc(out, a ? a->id : NULL);
        fputs(" 《", out);
        esc(out, a ? a->title.s[BUNDLE_ZH] : NULL);
        fputs("》 · ", out);
        esc(out, article_file(b, src->article));
        fputs("</h4>\n", out);
        const review_article *ra = a ? &arts[src->article] : NULL;
        size_t q0, q1;
        if (ra && ra->text && src->quote && verbatim_locate(ra->text, ra->len, src->quote, &q0, &q1)) {
            review_span marks[REVIEW_MAX_MARKS];
            size_t nm = 0;
            date_marks(ev, ra->text, q0, q1, marks, &nm);
            passage(out, ra->text, ra->len, q0, q1, "quote", marks, nm);
            st->quotes_found++;
        } else {
            fputs("<p class=\"missing\">Quote not found in the article: ", out);
            esc(out, src->quote);
            fputs("</p>\n", out);
        }
        if (src->date_quote) {
            fputs("<p class=\"note\"><span class=\"label\">date_quote</span></p>\n", out);
            if (ra && ra->text && verbatim_locate(ra->text, ra->len, src->date_quote, &q0, &q1)) {
                review_span marks[REVIEW_MAX_MARKS];
                size_t nm = 0;
                date_marks(ev, ra->text, q0, q1, marks, &nm);
                passage(out, ra->text, ra->len, q0, q1, "date-quote", marks, nm);
            } else {
                fputs("<p class=\"missing\">date_quote not found in the article: ", out);
                esc(out, src->date_quote);
                fputs("</p>\n", out);
            }
        }
        if (src->date_note) {
            fputs("<p class=\"note\"><span class=\"label\">date note</span>", out);
            esc(out, src->date_note);
            fputs("</p>\n", out);
        }
        fputs("</div>\n", out);
    }
    fputs("</div>\n</section>\n", out);
}

static void write_excerpt(FILE *out, const bundle *b, size_t i, const review_article *arts,
                          const diag_list *d, bool *used)
{
    const bundle_excerpt *e = &b->excerpts[i];
    int next = i + 1 < b->excerpt_count && b->excerpts[i + 1].line > 0 ? b->excerpts[i + 1].line : INT_MAX;
    fputs("<section class=\"item excerpt\" id=\"", out);
    esc(out, e->id);
    fputs("\">\n<div class=\"screen\">\n<p class=\"meta\"><code>", out);
    esc(out, e->id);
    fprintf(out, "</code> · excerpts.yaml:%d · ", e->line);
    esc(out, article_file(b, e->article));
    fprintf(out, " · %zu characters</p>\n", e->chars);
    text2(out, "h3", "heading", &e->heading);
    if (e->section) {
        fputs("<p class=\"note\"><span class=\"label\">section</span>", out);
        esc(out, e->section);
        fputs("</p>\n", out);
    }
    problems(out, d, "excerpts.yaml", e->line, next, used);
    fputs("</div>\n<div class=\"sources\">\n", out);
    const review_article *ra = e->article < b->article_count ? &arts[e->article] : NULL;
    /* The passage is located by its first paragraph; a text of several
     * paragraphs is highlighted from its first to its last. */
    size_t a0, a1, z0, z1;
    bool found = ra && ra->text && e->paragraph_count > 0 && e->paragraphs[0] &&
                 verbatim_locate(ra->text, ra->len, e->paragraphs[0], &a0, &a1) &&
                 verbatim_locate(ra->text + a0, ra->len - a0, e->paragraphs[e->paragraph_count - 1],
                                 &z0, &z1);
    if (found)
        passage(out, ra->text, ra->len, a0, a0 + z1, "excerpt", NULL, 0);
    else
        fputs("<p class=\"missing\">Text not found in the article (see the problems).</p>\n", out);
    fputs("</div>\n</section>\n", out);
}

/* The fonts' note at the top of the body, when the sheet does not carry a
 * font for every character it shows. */
static void font_note(FILE *out, const font_set *fonts, const fontembed_stats *fe)
{
    if (!fonts) {
        fputs("<p class=\"fontnote\">The kiosk's fonts were not found when this sheet was written: it "
              "is shown in this browser's fonts and looks different on every machine.</p>\n",
              out);
        LOG_W("review", "the kiosk's fonts are not at hand: the sheet is shown in each browser's fonts");
        return;
    }
    if (fe->missing == 0)
        return;
    fprintf(out,
            "<p class=\"fontnote\">%zu character%s of this sheet %s in no font of the kiosk, so a "
            "browser shows %s in a font of its own:",
            fe->missing, fe->missing == 1 ? "" : "s", fe->missing == 1 ? "is" : "are",
            fe->missing == 1 ? "it" : "them");
    for (size_t i = 0; i < fe->missing && i < FONTEMBED_MISSING_MAX; i++) {
        char c[4];
        size_t l = utf8_encode(fe->missing_cps[i], c);
        fprintf(out, " U+%04X (", (unsigned)fe->missing_cps[i]);
        review_escape(out, c, l);
        fputc(')', out);
    }
    if (fe->missing > FONTEMBED_MISSING_MAX)
        fprintf(out, " and %zu more", fe->missing - FONTEMBED_MISSING_MAX);
    fputs("</p>\n", out);
    LOG_W("review", "%zu characters of the sheet are in no font of the kiosk (the first: U+%04X)",
          fe->missing, (unsigned)fe->missing_cps[0]);
}

/* From the doctype to the <body> tag (and the fonts' note): the kiosk's
 * fonts subset to the characters of page[0..n), then the page's style. */
static bool write_head(FILE *out, const bundle_manifest *m, font_set *fonts, const char *page, size_t n,
                       review_stats *st)
{
    fputs("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Review: ",
          out);
    esc(out, m->id);
    fputs("</title>\n<style>\n", out);
    fontembed_stats fe;
    char err[LOG_ERR_MAX];
    if (!fontembed_write(out, fonts, page, n, &fe, err, sizeof err)) {
        LOG_E("review", "the sheet's fonts: %s", err);
        return false;
    }
    st->font_faces = fe.faces;
    st->font_bytes = fe.bytes;
    st->chars_without_font = fe.missing;
    fputs("</style>\n", out);
    fputs(style, out);
    fputs("</head>\n<body>\n", out);
    font_note(out, fonts, &fe);
    return true;
}

/* What the <body> holds: the header with the tally, the items, the footer. */
static bool write_body(FILE *out, const bundle *b, const diag_list *d, const char *sources,
                       const review_article *arts, bool *used, review_stats *st)
{
    const bundle_manifest *m = &b->manifest;
    fputs("<header>\n<h1>", out);
    esc(out, m->title.s[BUNDLE_ZH]);
    fputs(" · ", out);
    esc(out, m->title.s[BUNDLE_EN]);
    fputs("</h1>\n<p class=\"facts\">Curator's review sheet · bundle <b>", out);
    esc(out, m->id);
    fputs("</b> version <b>", out);
    esc(out, m->version);
    fprintf(out, "</b> · status <b>%s</b> · reviewed: <b>", m->published ? "published" : "draft");
    if (m->reviewed)
        esc(out, m->reviewed);
    else
        fputs("not yet", out);
    fputs("</b> · ", out);
    esc(out, b->dir);
    fputs("</p>\n", out);
    /* The tally is written after the items are counted: into a buffer first. */
    char *body = NULL;
    size_t body_len = 0;
    FILE *bf = open_memstream(&body, &body_len);
    if (!bf)
        return false;
    fputs("<h2>Timeline · 时间线</h2>\n", bf);
    for (size_t i = 0; i < b->event_count; i++)
        write_event(bf, b, i, arts, d, used, st);
    fputs("<h2>Excerpts · 摘录</h2>\n", bf);
    for (size_t i = 0; i < b->excerpt_count; i++)
        write_excerpt(bf, b, i, arts, d, used);
    fclose(bf);
    size_t errors = d ? d->errors : 0, warnings = d ? d->warnings : 0;
    fprintf(out,
            "<ul class=\"tally\"><li>%zu events</li><li>%zu excerpts</li><li>%zu sources, %zu "
            "quotes found</li><li>dates proved by a quote: %zu</li><li>by a date_quote: %zu</li>"
            "<li%s>not proved: %zu</li><li%s>%zu errors</li><li>%zu warnings</li></ul>\n",
            b->event_count, b->excerpt_count, st->sources, st->quotes_found, st->dates_by_quote,
            st->dates_by_date_quote, st->dates_unproved ? " class=\"bad\"" : "", st->dates_unproved,
            errors ? " class=\"bad\"" : "", errors, warnings);
    if (!sources)
        fputs("<p class=\"missing\">No source articles: the passages are not shown.</p>\n", out);
    /* Problems no event or excerpt claims. */
    bool any = false;
    for (size_t i = 0; d && i < d->count; i++) {
        bool mine = false;
        const diag *g = &d->items[i];
        for (size_t e = 0; e < b->event_count && !mine; e++) {
            int next = e + 1 < b->event_count ? b->events[e + 1].line : INT_MAX;
            mine = b->events[e].line > 0 && ends_with(g->file, "timeline.yaml") &&
                   g->line >= b->events[e].line && g->line < next;
        }
        for (size_t e = 0; e < b->excerpt_count && !mine; e++) {
            int next = e + 1 < b->excerpt_count ? b->excerpts[e + 1].line : INT_MAX;
            mine = b->excerpts[e].line > 0 && ends_with(g->file, "excerpts.yaml") &&
                   g->line >= b->excerpts[e].line && g->line < next;
        }
        if (mine)
            continue;
        problem_item(out, g, &any);
    }
    if (any)
        fputs("</ul>\n", out);
    fputs("</header>\n<main>\n", out);
    fwrite(body, 1, body_len, out);
    free(body);
    fputs("</main>\n<footer>Every quote is shown in its article's passage; the date as the screen "
          "shows it is checked against the words marked in red. Sign off by setting "
          "<code>reviewed:</code> (who, when) and <code>status: published</code> in "
          "manifest.yaml.</footer>\n",
          out);
    return !ferror(out);
}

bool review_write(const bundle *b, const diag_list *d, const char *sources, font_set *fonts, FILE *out,
                  review_stats *stats)
{
    review_stats local;
    review_stats *st = stats ? stats : &local;
    memset(st, 0, sizeof *st);
    review_article *arts = calloc(b->article_count + 1, sizeof *arts);
    bool *used = calloc((d ? d->count : 0) + 1, sizeof *used);
    if (!arts || !used) {
        free(arts);
        free(used);
        return false;
    }
    for (size_t i = 0; sources && i < b->article_count; i++) {
        char *path = b->articles[i].file ? file_join(sources, b->articles[i].file) : NULL;
        char why[LOG_ERR_MAX];
        if (path)
            arts[i].text = file_read_all(path, BUNDLE_MAX_SOURCE_BYTES, &arts[i].len, why, sizeof why);
        free(path);
    }
    /* The body first, into a buffer: the fonts in the head are subset to
     * the characters it shows. */
    char *page = NULL;
    size_t page_len = 0;
    FILE *pf = open_memstream(&page, &page_len);
    bool ok = pf && write_body(pf, b, d, sources, arts, used, st);
    if (pf)
        ok = fclose(pf) == 0 && ok;
    if (ok)
        ok = write_head(out, &b->manifest, fonts, page, page_len, st);
    if (ok)
        fwrite(page, 1, page_len, out);
    fputs("</body>\n</html>\n", out);
    free(page);
    for (size_t i = 0; i < b->article_count; i++)
        free(arts[i].text);
    free(arts);
    free(used);
    return ok && !ferror(out);
}
