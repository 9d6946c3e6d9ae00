/* layout_paragraph: one paragraph set into lines, by the rules text/layout.h
 * states: analysis (shaping, break opportunities, punctuation classes),
 * greedy filling with squeezing before pushing, justification, glyph output. */
#include "text/layout_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "core/utf8.h"
#include "text/charclass.h"
#include "text/linebreak.h"
#include "text/punct.h"

static bool text_reserve_chars(text_engine *te, size_t n)
{
    if (n <= te->chars_cap)
        return true;
    size_t c = te->chars_cap ? te->chars_cap : 256;
    while (c < n)
        c *= 2;
    lchar *ch = realloc(te->chars, c * sizeof *ch);
    if (!ch)
        return false;
    te->chars = ch;
    float **arrays[] = {&te->x, &te->dl, &te->gp, &te->sf};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
        float *f = realloc(*arrays[i], c * sizeof **arrays[i]);
        if (!f)
            return false;
        *arrays[i] = f;
    }
    layout_item *it = realloc(te->items, c * sizeof *it);
    if (!it)
        return false;
    te->items = it;
    uint32_t **idx[] = {&te->next_break, &te->trim_end};
    for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) {
        uint32_t *u = realloc(*idx[i], (c + 1) * sizeof **idx[i]);
        if (!u)
            return false;
        *idx[i] = u;
    }
    te->chars_cap = c;
    return true;
}
/* ---- paragraph analysis ---------------------------------------------- */

static uint8_t layout_char_flags(hb_unicode_funcs_t *uf, uint32_t cp)
{
    uint8_t f = 0;
    if (charclass_is_space(cp))
        f |= LC_SPACE;
    else if (charclass_is_western(cp))
        f |= LC_WESTERN;
    if (charclass_is_dash_or_ellipsis(cp))
        f |= LC_DASH;
    hb_script_t sc = hb_unicode_script(uf, cp);
    hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
    bool letter = gc == HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER ||
                  gc == HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER ||
                  gc == HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER ||
                  gc == HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER ||
                  gc == HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER;
    if (letter && (sc == HB_SCRIPT_HAN || sc == HB_SCRIPT_HIRAGANA || sc == HB_SCRIPT_KATAKANA ||
                   sc == HB_SCRIPT_BOPOMOFO))
        f |= LC_HAN;
    if ((cp < 0x80 && ((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))) ||
        (letter && (sc == HB_SCRIPT_LATIN || sc == HB_SCRIPT_GREEK || sc == HB_SCRIPT_CYRILLIC)))
        f |= LC_LATIN;
    return f;
}

/* Decodes, shapes and classifies paragraph text[0..len); fills te->chars
 * and the prefix widths te->x. Returns the character count, or -1 on out
 * of memory. */
static long layout_analyse(text_engine *te, const char *text, size_t len, int family, int size,
                           bool gap_on)
{
    const float em = (float)size;
    if (!text_grow((void **)&te->brk, &te->brk_cap, len + 1, 1) ||
        !text_grow((void **)&te->brk_cps, &te->brk_cps_cap, len + 1, sizeof *te->brk_cps))
        return -1;
    linebreak_find(text, len, te->brk, te->brk_cps);
    if (!shape_text(te->sh, text, len, family, size, &te->shaped))
        return -1;
    if (!text_reserve_chars(te, len + 1))
        return -1;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    const shape_result *sr = &te->shaped;

    size_t n = 0, g = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t k = utf8_next(text + i, len - i, &cp);
        lchar *c = &te->chars[n++];
        memset(c, 0, sizeof *c);
        c->byte = (uint32_t)i;
        c->cp = cp;
        c->flags = layout_char_flags(uf, cp);
        if (te->brk[i] == LINEBREAK_ALLOW)
            c->flags |= LC_BREAK;
        else if (te->brk[i] == LINEBREAK_MUST && i > 0)
            c->flags |= LC_MUST | LC_BREAK;
        /* Glyphs whose cluster starts here (clusters are non-decreasing). */
        c->g0 = (uint32_t)g;
        while (g < sr->count && sr->glyphs[g].cluster < i + k && sr->glyphs[g].cluster >= i) {
            c->adv += sr->glyphs[g].x_advance;
            g++;
        }
        c->gn = (uint32_t)(g - c->g0);
        if (c->gn > 0 || n == 1)
            c->flags |= LC_CLUSTER;
        else
            c->flags &= (uint8_t)~(LC_BREAK | LC_MUST); /* never split a cluster */
        i += k;
    }
    /* Glyphs of a cluster starting inside a multi-byte char cannot happen,
     * but keep any leftovers with the last character. */
    if (n > 0 && g < sr->count) {
        lchar *c = &te->chars[n - 1];
        for (; g < sr->count; g++, c->gn++)
            c->adv += sr->glyphs[g].x_advance;
    }

    /* Punctuation classes, from the ink of single-glyph full-width marks. */
    for (size_t i = 0; i < n; i++) {
        lchar *c = &te->chars[i];
        if (c->gn != 1 || fabsf(c->adv - em) > LAYOUT_FULLWIDTH_TOL * em)
            continue;
        const shape_glyph *sg = &sr->glyphs[c->g0];
        bool punct = charclass_no_line_start(c->cp) || charclass_no_line_end(c->cp) ||
                     charclass_is_opening(c->cp) || charclass_is_closing(c->cp);
        if (!punct)
            continue;
        shape_ink ink = shape_ink_side(te->sh, sg->font, sg->glyph);
        if (charclass_is_closing(c->cp) && ink == SHAPE_INK_LEFT)
            c->pc = PC_CLOSE;
        else if (charclass_is_stop(c->cp) && ink == SHAPE_INK_LEFT)
            c->pc = PC_STOP;
        else if (charclass_is_opening(c->cp) && ink == SHAPE_INK_RIGHT)
            c->pc = PC_OPEN;
        else if (charclass_is_interpunct(c->cp))
            c->pc = PC_INTERPUNCT;
        else
            c->pc = PC_OTHER;
    }
    /* Contextual compression of adjacent full-width marks. */
    const float half = em * 0.5f;
    for (size_t i = 0; i + 1 < n; i++) {
        lchar *a = &te->chars[i], *b = &te->chars[i + 1];
        if ((a->pc == PC_CLOSE || a->pc == PC_STOP) && b->pc != PC_NONE) {
            a->adj -= half;
            a->right_done = 1;
        }
        if (b->pc == PC_OPEN && a->pc != PC_NONE && !a->right_done) {
            b->adj -= half;
            b->shift -= half;
            b->left_done = 1;
        }
    }
    /* Han–Latin gaps where the source has no space. */
    for (size_t i = 1; gap_on && i < n; i++) {
        uint8_t fa = te->chars[i - 1].flags, fb = te->chars[i].flags;
        if (((fa & LC_HAN) && (fb & LC_LATIN)) || ((fa & LC_LATIN) && (fb & LC_HAN)))
            te->chars[i].gap = em * LAYOUT_GAP_EM;
    }
    te->x[0] = 0;
    for (size_t i = 0; i < n; i++)
        te->x[i + 1] = te->x[i] + (i > 0 ? te->chars[i].gap : 0) + te->chars[i].adv + te->chars[i].adj;
    te->trim_end[0] = 0;
    for (size_t e = 1; e <= n; e++)
        te->trim_end[e] = (te->chars[e - 1].flags & LC_SPACE) ? te->trim_end[e - 1] : (uint32_t)e;
    te->next_break[n] = (uint32_t)n;
    for (size_t e = n; e-- > 0;)
        te->next_break[e] = e + 1 == n || (te->chars[e + 1].flags & LC_BREAK) ? (uint32_t)(e + 1)
                                                                              : te->next_break[e + 1];
    te->stats.fill_steps += n;
    return (long)n;
}

/* End of the content of line [s, e): trailing spaces hang. */
static size_t layout_trim(const text_engine *te, size_t s, size_t e)
{
    size_t t = te->trim_end[e];
    return t > s ? t : s;
}

/* Natural width of line [s, e). */
static float layout_width(const text_engine *te, size_t s, size_t e)
{
    e = layout_trim(te, s, e);
    if (e <= s)
        return 0;
    return te->x[e] - te->x[s] - te->chars[s].gap;
}

/* ---- squeezing and stretching ---------------------------------------- */

enum { ADJ_RIGHT, ADJ_LEFT, ADJ_CENTRE, ADJ_GAP };


/* What character i of line [s, e) (content end e) may give up at priority
 * `level` (0..5, see layout.h): true and *item set when it has something. */
static bool layout_shrink_char(const text_engine *te, size_t i, size_t s, size_t e, int level, float em,
                               layout_item *item)
{
    const float half = em * 0.5f;
    const lchar *c = &te->chars[i];
    bool last = i + 1 == e;
    float cap = 0;
    int kind = ADJ_RIGHT;
    switch (level) {
    case 0:
        if (last && (c->pc == PC_CLOSE || c->pc == PC_STOP) && !c->right_done)
            cap = half;
        break;
    case 1:
        if (i > s && (c->flags & LC_SPACE) && c->gn > 0)
            cap = fmaxf(0, c->adv - em * LAYOUT_SPACE_MIN_EM);
        break;
    case 2:
        if (c->pc == PC_INTERPUNCT)
            cap = half, kind = ADJ_CENTRE;
        break;
    case 3:
        if (c->pc == PC_OPEN && !c->left_done && !c->right_done)
            cap = half, kind = ADJ_LEFT;
        else if (c->pc == PC_CLOSE && !c->right_done && !last)
            cap = half;
        break;
    case 4:
        if (c->pc == PC_STOP && charclass_is_comma(c->cp) && !c->right_done && !last)
            cap = half;
        break;
    case 5:
        if (i > s && c->gap > 0)
            cap = c->gap - em * LAYOUT_GAP_MIN_EM, kind = ADJ_GAP;
        break;
    }
    if (cap <= 0)
        return false;
    *item = (layout_item){i, cap, kind};
    return true;
}

/* Shrinkable items of line [s, e) (content end e) at priority `level`;
 * returns the count written to items (capacity e-s). */
static size_t layout_shrink_items(text_engine *te, size_t s, size_t e, int level, float em,
                                  layout_item *items)
{
    size_t n = 0;
    for (size_t i = s; i < e; i++)
        n += layout_shrink_char(te, i, s, e, level, em, &items[n]);
    te->stats.fill_steps += e - s;
    return n;
}
#define LAYOUT_SHRINK_LEVELS 6

/* Whether line [s, over) (content end ce) fits width W once squeezed at
 * every level. Character by character, each one's advance less what the
 * levels may take from it (never more than its own advance and gap), so the
 * running width only grows and the walk stops once it passes W: the cost is
 * that of a line, not of the rest of an unbreakable run (a 100 kB number). */
static bool layout_squeeze_fits(text_engine *te, size_t s, size_t ce, float em, float W)
{
    layout_item one;
    float w = 0;
    for (size_t i = s; i < ce; i++) {
        te->stats.fill_steps++;
        w += te->x[i + 1] - te->x[i] - (i == s ? te->chars[i].gap : 0);
        for (int level = 0; level < LAYOUT_SHRINK_LEVELS; level++)
            if (layout_shrink_char(te, i, s, ce, level, em, &one))
                w -= one.cap;
        if (w > W + LAYOUT_EPS)
            return false;
    }
    return true;
}

/* Applies `amount` (> 0 shrinks, < 0 grows) spread over items in
 * proportion to their capacity. */
static void layout_apply(text_engine *te, const layout_item *items, size_t n, float used, float total)
{
    for (size_t k = 0; k < n; k++) {
        float t = items[k].cap * used / total;
        size_t i = items[k].i;
        switch (items[k].kind) {
        case ADJ_RIGHT: te->dl[i] -= t; break;
        case ADJ_LEFT: te->dl[i] -= t; te->sf[i] -= t; break;
        case ADJ_CENTRE: te->dl[i] -= t; te->sf[i] -= t * 0.5f; break;
        case ADJ_GAP: te->gp[i] -= t; break;
        }
    }
}

static void layout_squeeze(text_engine *te, size_t s, size_t e, float deficit, float em, layout_item *items)
{
    for (int level = 0; level < LAYOUT_SHRINK_LEVELS && deficit > 0; level++) {
        size_t n = layout_shrink_items(te, s, e, level, em, items);
        float total = 0;
        for (size_t k = 0; k < n; k++)
            total += items[k].cap;
        if (total <= 0)
            continue;
        float used = fminf(deficit, total);
        layout_apply(te, items, n, used, total);
        deficit -= used;
    }
}

static bool layout_slot(const text_engine *te, size_t k, bool any)
{
    const lchar *a = &te->chars[k - 1], *b = &te->chars[k];
    if (!(b->flags & LC_CLUSTER))
        return false;
    if ((a->flags & LC_DASH) && (b->flags & LC_DASH))
        return false;
    if (any)
        return true;
    if ((a->flags & LC_SPACE) || (b->flags & LC_SPACE))
        return false;
    return !((a->flags & LC_WESTERN) && (b->flags & LC_WESTERN));
}

static void layout_stretch(text_engine *te, size_t s, size_t e, float surplus, float em, layout_item *items)
{
    /* Western word spaces, then the Han–Latin gap. */
    for (int level = 0; level < 2 && surplus > 0; level++) {
        size_t n = 0;
        for (size_t i = s + 1; i < e; i++) {
            const lchar *c = &te->chars[i];
            if (level == 0 && (c->flags & LC_SPACE) && c->gn > 0 && c->adv < em * LAYOUT_SPACE_MAX_EM)
                items[n++] = (layout_item){i, em * LAYOUT_SPACE_MAX_EM - c->adv, ADJ_RIGHT};
            else if (level == 1 && c->gap > 0)
                items[n++] = (layout_item){i, em * (LAYOUT_GAP_MAX_EM - LAYOUT_GAP_EM), ADJ_GAP};
        }
        float total = 0;
        for (size_t k = 0; k < n; k++)
            total += items[k].cap;
        if (total <= 0)
            continue;
        float used = fminf(surplus, total);
        layout_apply(te, items, n, -used, total);
        surplus -= used;
    }
    if (surplus <= 0)
        return;
    /* Then equal space between characters; letter-spacing as a last resort. */
    for (int any = 0; any < 2; any++) {
        size_t slots = 0;
        for (size_t k = s + 1; k < e; k++)
            slots += layout_slot(te, k, any);
        if (slots == 0)
            continue;
        float each = surplus / (float)slots;
        for (size_t k = s + 1; k < e; k++)
            if (layout_slot(te, k, any))
                te->dl[k - 1] += each;
        return;
    }
}
static text_line *layout_new_line(layout_out *o)
{
    text_layout *l = &o->ent->layout;
    if (!text_grow((void **)&o->ent->lines, &o->ent->line_cap, l->line_count + 1, sizeof(text_line))) {
        o->oom = true;
        return NULL;
    }
    text_line *ln = &o->ent->lines[l->line_count++];
    memset(ln, 0, sizeof *ln);
    return ln;
}

static bool layout_push_glyph(layout_out *o, const shape_glyph *sg, float x, float baseline, uint32_t cluster)
{
    text_layout *l = &o->ent->layout;
    if (!text_grow((void **)&o->ent->glyphs, &o->ent->glyph_cap, l->glyph_count + 1, sizeof(text_glyph))) {
        o->oom = true;
        return false;
    }
    text_glyph *g = &o->ent->glyphs[l->glyph_count++];
    g->font = sg->font;
    g->size_px = (uint16_t)o->size;
    g->glyph = sg->glyph;
    g->x = x + sg->x_offset;
    g->y = baseline - sg->y_offset;
    g->cluster = cluster;
    return true;
}

/* The source offset (in the paragraph) of display offset d. */
static uint32_t layout_src(const text_engine *te, uint32_t d) { return te->dmapped ? te->dmap[d] : d; }

static uint32_t layout_cp_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Emits line [s, e) (content end e) of the paragraph at byte `base`, with
 * the per-character dl/gp/sf already set. `natural` is the final width;
 * `fill` true for justified lines (placed at x 0). */
static void layout_emit(layout_out *o, size_t s, size_t e, uint32_t base, uint32_t para, float width,
                        bool fill, bool ellipsis)
{
    text_engine *te = o->te;
    text_line *ln = layout_new_line(o);
    if (!ln)
        return;
    float box = (float)o->p->width_px;
    float x0 = 0;
    if (!fill && o->p->align == TEXT_ALIGN_CENTRE)
        x0 = (box - width) * 0.5f;
    else if (!fill && o->p->align == TEXT_ALIGN_END)
        x0 = box - width;
    if (x0 < 0)
        x0 = 0;
    ln->top = o->y;
    ln->baseline = o->y + (o->lh - (float)o->size) * 0.5f + (float)o->size * LAYOUT_ASCENT_EM;
    ln->x = x0;
    ln->paragraph = para;
    ln->start = base + layout_src(te, te->chars[s].byte); /* s < paragraph length */
    ln->glyph_start = o->ent->layout.glyph_count;
    float pen = 0;
    for (size_t i = s; i < e; i++) {
        const lchar *c = &te->chars[i];
        if (i > s)
            pen += te->gp[i];
        for (uint32_t k = 0; k < c->gn; k++) {
            const shape_glyph *sg = &te->shaped.glyphs[c->g0 + k];
            if (!layout_push_glyph(o, sg, x0 + pen + te->sf[i], ln->baseline, base + layout_src(te, sg->cluster)))
                return;
            pen += sg->x_advance;
        }
        pen += te->dl[i];
    }
    ln->width = pen;
    ln->end = e > s ? base + layout_src(te, te->chars[e - 1].byte + layout_cp_len(te->chars[e - 1].cp))
                     : ln->start;
    if (ellipsis) {
        /* The … belongs to no source text: its cluster is the cut. */
        for (size_t k = 0; k < te->ell.count; k++) {
            if (!layout_push_glyph(o, &te->ell.glyphs[k], x0 + pen, ln->baseline, ln->end))
                return;
            pen += te->ell.glyphs[k].x_advance;
        }
        ln->width = pen;
        ln->ellipsis = true;
    }
    ln->glyph_count = o->ent->layout.glyph_count - ln->glyph_start;
    if (ln->width > o->ent->layout.max_line_width)
        o->ent->layout.max_line_width = ln->width;
    o->y += o->lh;
}

static void layout_line_reset(text_engine *te, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        te->dl[i] = te->chars[i].adj;
        te->gp[i] = te->chars[i].gap;
        te->sf[i] = te->chars[i].shift;
    }
}

/* Next cluster boundary after character s. */
static size_t layout_next_cluster(const text_engine *te, size_t s, size_t n)
{
    size_t k = s + 1;
    while (k < n && !(te->chars[k].flags & LC_CLUSTER))
        k++;
    return k;
}

/* Lays out one paragraph (text at byte `base` of the whole text). Returns
 * false when max_lines was reached (stop). */
bool layout_paragraph(layout_out *o, const char *text, size_t len, uint32_t base, uint32_t para,
                      bool more_after)
{
    text_engine *te = o->te;
    const text_params *p = o->p;
    const float em = (float)o->size;
    const float W = (float)p->width_px;
    /* Shaped and broken in its display form (full-width marks in Chinese),
     * reported in source offsets. */
    te->dmapped = false;
    if (punct_display_changes(text, len)) {
        if (!text_grow((void **)&te->disp, &te->disp_cap, PUNCT_GROWTH * len, 1) ||
            !text_grow((void **)&te->dmap, &te->dmap_cap, PUNCT_GROWTH * len + 1, sizeof *te->dmap)) {
            o->oom = true;
            return false;
        }
        len = punct_display(text, len, te->disp, te->dmap);
        text = te->disp;
        te->dmapped = true;
    }
    long nl = layout_analyse(te, text, len, o->family, o->size, !p->no_han_latin_space);
    if (nl < 0) {
        o->oom = true;
        return false;
    }
    size_t n = (size_t)nl;
    layout_item *items = te->items;
    size_t s = 0;
    bool go_on = true;
    while (s < n) {
        long best = -1, over = -1;
        for (size_t e = te->next_break[s]; e <= n; e = te->next_break[e]) {
            bool end = e == n;
            te->stats.fill_steps++;
            if (layout_width(te, s, e) <= W + LAYOUT_EPS) {
                best = (long)e;
                if (end || (te->chars[e].flags & LC_MUST))
                    break;
            } else {
                over = (long)e;
                break;
            }
        }
        size_t e;
        bool squeeze = false;
        if (over < 0) {
            e = (size_t)best;
        } else {
            size_t chunk = best >= 0 ? (size_t)best : s;
            bool multi = layout_next_cluster(te, chunk, n) < (size_t)over;
            size_t ce = layout_trim(te, s, (size_t)over);
            if (multi && layout_squeeze_fits(te, s, ce, em, W)) {
                e = (size_t)over;
                squeeze = true;
            } else if (best >= 0 && layout_width(te, (size_t)best, (size_t)over) <= W + LAYOUT_EPS) {
                e = (size_t)best;
            } else {
                /* The chunk alone is wider than a line: it is broken
                 * anyway, so start it here rather than leave a short,
                 * letter-spaced line behind. */
                /* Emergency: the last cluster boundary that fits, at least
                 * one cluster; one that keeps the prohibition rules if any. */
                size_t any = layout_next_cluster(te, s, n), ok = 0;
                for (size_t k = any; k < (size_t)over && layout_width(te, s, k) <= W + LAYOUT_EPS;
                     k = layout_next_cluster(te, k, n)) {
                    te->stats.fill_steps++;
                    any = k;
                    if (!charclass_no_line_start(te->chars[k].cp) && !charclass_no_line_end(te->chars[k - 1].cp))
                        ok = k;
                }
                e = ok > s ? ok : any;
            }
        }
        size_t ce = layout_trim(te, s, e);
        bool last_line = e >= n;
        bool last_allowed = p->max_lines > 0 && o->ent->layout.line_count + 1 >= (uint32_t)p->max_lines;
        if (last_allowed && (!last_line || more_after)) {
            /* Truncate: keep what fits with the ellipsis after it. */
            float ell = 0;
            for (size_t k = 0; k < te->ell.count; k++)
                ell += te->ell.glyphs[k].x_advance;
            size_t k = ce;
            while (k > s && (layout_width(te, s, k) + ell > W + LAYOUT_EPS ||
                             !(k == n || (te->chars[k].flags & LC_CLUSTER))))
                k--;
            k = layout_trim(te, s, k);
            layout_line_reset(te, s, k);
            layout_emit(o, s, k, base, para, layout_width(te, s, k) + ell, false, true);
            o->ent->layout.truncated = true;
            go_on = false;
            break;
        }
        layout_line_reset(te, s, ce);
        float natural = layout_width(te, s, e);
        float width = natural;
        bool fill = false;
        if (squeeze && natural > W) {
            layout_squeeze(te, s, ce, natural - W, em, items);
            width = W;
            fill = p->justify;
        } else if (p->justify && !last_line && !(e < n && (te->chars[e].flags & LC_MUST)) && natural < W) {
            layout_stretch(te, s, ce, W - natural, em, items);
            width = W;
            fill = true;
        }
        layout_emit(o, s, ce, base, para, width, fill, false);
        if (o->oom)
            break;
        s = e;
    }
    return go_on && !o->oom;
}
