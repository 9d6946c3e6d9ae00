/* check_fit: texts against the screen areas they are shown in
 * (content/check_fit.h). Heights come from the text_height hook, areas from
 * opts->fit (content/load.h). */
#include "content/check_fit.h"

#include <stdio.h>

#include "core/utf8.h"
#include "text/style.h"

#define CHECK_FIT_SAMPLE_CJK 0x56FD /* '国': one line of text */

/* Height of one line at `style` within `width`: one CJK character. */
static int line_height(loader *L, int style, int width)
{
    char one[5] = {0};
    utf8_encode(CHECK_FIT_SAMPLE_CJK, one);
    return L->opts->text_height(L->opts->ctx, one, style, width);
}

/* Each language of t in at most max_lines lines. The callers have checked
 * that the hook and the areas are there (areas()). */
static void fit_lines(loader *L, const loader_pos at[BUNDLE_LANG_COUNT], const bundle_text *t,
                      int style, int width, int max_lines, const char *what, const char *key)
{
    const bundle_fit_areas *fit = L->opts->fit;
    int lh = line_height(L, style, width);
    if (lh <= 0)
        return;
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
        if (!t->s[l])
            continue;
        int h = L->opts->text_height(L->opts->ctx, t->s[l], style, width);
        /* Rounded: n lines may be a little more than n times one line
         * (leading below the last line) without being another line. */
        int lines = (h + lh / 2) / lh;
        if (lines > max_lines)
            loader_error(L, at[l],
                         "%s: '%s' (%s) needs %d lines at the %s size in %d px at %dx%d; at most "
                         "%d fit: shorten it",
                         what, key, bundle_lang_names[l], lines,
                         text_style_name((text_style_id)style), width, fit->screen_w,
                         fit->screen_h, max_lines);
    }
}

/* Paragraphs at the body style, one blank line between them, at most max_h
 * px high. */
static void fit_height(loader *L, loader_pos at, char *const *paras, size_t n, int width,
                       int max_h, const char *what, const char *key, const char *area)
{
    const bundle_fit_areas *fit = L->opts->fit;
    int lh = line_height(L, STYLE_BODY, width);
    if (lh <= 0)
        return;
    long h = 0;
    for (size_t i = 0; i < n; i++)
        h += L->opts->text_height(L->opts->ctx, paras[i], STYLE_BODY, width) + (i ? lh : 0);
    if (h > max_h)
        loader_error(L, at,
                     "%s: '%s' is %ld px high at %dx%d, more than the %s (%d px): shorten it", what,
                     key, h, fit->screen_w, fit->screen_h, area, max_h);
}

/* The areas, or NULL when the check is skipped. */
static const bundle_fit_areas *areas(const loader *L) { return L->opts->text_height ? L->opts->fit : NULL; }

void check_fit_article_title(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                             const bundle_text *title, const char *what)
{
    const bundle_fit_areas *f = areas(L);
    if (f)
        fit_lines(L, at, title, STYLE_TITLE, f->card_w, f->article_lines, what, "title");
}

void check_fit_excerpt_heading(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                               const bundle_text *heading, const char *what)
{
    const bundle_fit_areas *f = areas(L);
    if (f)
        fit_lines(L, at, heading, STYLE_TITLE, f->card_w, f->card_lines, what, "heading");
}

void check_fit_excerpt_text(loader *L, loader_pos at, const bundle_excerpt *e, const char *what)
{
    const bundle_fit_areas *f = areas(L);
    if (f)
        fit_height(L, at, e->paragraphs, e->paragraph_count, f->reader_w, f->reader_max_h, what, "text",
                   "reader's scroll limit");
}

void check_fit_event_title(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                           const bundle_text *title, const char *what)
{
    const bundle_fit_areas *f = areas(L);
    if (f)
        fit_lines(L, at, title, STYLE_TITLE, f->detail_w, f->detail_lines, what, "title");
}

void check_fit_event_summary(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                             const bundle_text *summary, const char *what)
{
    const bundle_fit_areas *f = areas(L);
    for (int l = 0; f && l < BUNDLE_LANG_COUNT; l++) {
        char key[16];
        snprintf(key, sizeof key, "summary.%s", bundle_lang_names[l]);
        fit_height(L, at[l], &summary->s[l], 1, f->detail_w, f->detail_max_h, what, key,
                   "detail card's text area");
    }
}
