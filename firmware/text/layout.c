/* layout: the text engine (text/layout.h): fonts and shaper, the layout
 * cache, whole texts split into paragraphs (layout_paragraph.c sets each). */
#include "text/layout_private.h"
#include "core/log.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- engine ---------------------------------------------------------- */

text_engine *text_open(const char *fonts_dir, char *err, size_t errlen)
{
    text_engine *te = calloc(1, sizeof *te);
    if (!te) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    te->fs = fontset_open(fonts_dir, err, errlen);
    if (!te->fs) {
        free(te);
        return NULL;
    }
    te->sh = shape_open(te->fs, err, errlen);
    if (!te->sh) {
        fontset_close(te->fs);
        free(te);
        return NULL;
    }
    te->frame_start = ULONG_MAX;
    return te;
}

void text_close(text_engine *te)
{
    if (!te)
        return;
    for (int i = 0; i < TEXT_CACHE_CAPACITY; i++) {
        free(te->cache[i].text);
        free(te->cache[i].glyphs);
        free(te->cache[i].lines);
    }
    shape_result_free(&te->shaped);
    shape_result_free(&te->ell);
    free(te->chars);
    free(te->x);
    free(te->dl);
    free(te->gp);
    free(te->sf);
    free(te->items);
    free(te->next_break);
    free(te->trim_end);
    free(te->brk);
    free(te->brk_cps);
    free(te->disp);
    free(te->dmap);
    shape_close(te->sh);
    fontset_close(te->fs);
    free(te);
}

font_set *text_fontset(text_engine *te) { return te->fs; }

void text_frame_begin(text_engine *te) { te->frame_start = te->tick + 1; }
void text_frame_end(text_engine *te) { te->frame_start = ULONG_MAX; }
text_cache_stats text_stats(const text_engine *te)
{
    text_cache_stats st = te->stats;
    st.cache_bytes = 0;
    for (int i = 0; i < TEXT_CACHE_CAPACITY; i++) {
        const text_cache_entry *e = &te->cache[i];
        st.cache_bytes += e->text_cap + e->glyph_cap * sizeof(text_glyph) + e->line_cap * sizeof(text_line);
    }
    return st;
}
bool text_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}
/* Shrinks *p (an array of *cap elements of `elem` bytes) to `need` elements
 * (at least one) when it holds more; a failed shrink keeps the array. */
static void text_fit(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need == 0)
        need = 1;
    if (!*p || *cap <= need)
        return;
    void *q = realloc(*p, need * elem);
    if (!q)
        return;
    *p = q;
    *cap = need;
}

/* ---- whole text, cache ----------------------------------------------- */

static void text_normalise(const text_params *in, text_params *out)
{
    *out = *in;
    if ((unsigned)out->style >= STYLE_COUNT)
        out->style = STYLE_BODY;
    if (out->size_px <= 0)
        out->size_px = text_style_size(out->style, TEXT_DEFAULT_DISPLAY_H, false);
    if (out->size_px < TEXT_MIN_SIZE_PX)
        out->size_px = TEXT_MIN_SIZE_PX;
    if (out->size_px > TEXT_MAX_SIZE_PX)
        out->size_px = TEXT_MAX_SIZE_PX;
    if (out->width_px < 0)
        out->width_px = 0;
    if (out->max_lines < 0)
        out->max_lines = 0;
}

static bool text_params_equal(const text_params *a, const text_params *b)
{
    return a->style == b->style && a->size_px == b->size_px && a->width_px == b->width_px &&
           a->justify == b->justify && a->align == b->align && a->max_lines == b->max_lines &&
           a->no_han_latin_space == b->no_han_latin_space;
}

static uint64_t text_hash(const char *s, size_t len, const text_params *p)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    const int32_t v[] = {(int32_t)p->style, p->size_px, p->width_px, p->justify, (int32_t)p->align,
                         p->max_lines, p->no_han_latin_space};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        h = (h ^ (uint32_t)v[i]) * 1099511628211ull;
    return h;
}

static bool text_build(text_engine *te, text_cache_entry *ent)
{
    const text_params *p = &ent->p;
    text_layout *l = &ent->layout;
    memset(l, 0, sizeof *l);
    l->width = (float)p->width_px;
    l->size_px = p->size_px;
    layout_out o = {
        .te = te, .ent = ent, .p = p, .size = p->size_px,
        .family = text_style_family(p->style),
        .lh = (float)p->size_px * text_style_line_height(p->style),
    };
    l->line_height = o.lh;
    te->ell.count = 0;
    if (p->max_lines > 0 &&
        !shape_text(te->sh, TEXT_ELLIPSIS, strlen(TEXT_ELLIPSIS), o.family, o.size, &te->ell))
        return false;
    const float spacing = (float)p->size_px * text_style_para_spacing(p->style);
    const char *t = ent->text;
    size_t len = ent->len, i = 0;
    uint32_t para = 0;
    while (i < len) {
        while (i < len && (t[i] == '\n' || t[i] == '\r'))
            i++;
        if (i >= len)
            break;
        size_t j = i;
        while (j < len && t[j] != '\n')
            j++;
        size_t k = j;
        while (k > i && t[k - 1] == '\r')
            k--;
        size_t next = j;
        while (next < len && (t[next] == '\n' || t[next] == '\r'))
            next++;
        if (para > 0)
            o.y += spacing;
        bool go = layout_paragraph(&o, t + i, k - i, (uint32_t)i, para, next < len);
        para++;
        if (!go)
            break;
        i = j;
    }
    if (o.oom)
        return false;
    /* An entry is reused for text after text (least recently used first):
     * its arrays are cut to this layout's size, or every entry would keep the
     * room of the largest layout it ever held, and the cache would creep up
     * for hours towards 512 times the largest (the kiosk's memory grew
     * through a long day of random touches). */
    text_fit((void **)&ent->glyphs, &ent->glyph_cap, l->glyph_count, sizeof(text_glyph));
    text_fit((void **)&ent->lines, &ent->line_cap, l->line_count, sizeof(text_line));
    l->paragraphs = para;
    l->height = o.y;
    l->glyphs = ent->glyphs;
    l->lines = ent->lines;
    return true;
}

const text_layout *text_lay_out(text_engine *te, const char *utf8, size_t len, const text_params *params)
{
    text_params p;
    static const text_params defaults;
    text_normalise(params ? params : &defaults, &p);
    uint64_t h = text_hash(utf8, len, &p);
    te->tick++;
    text_cache_entry *victim = NULL;
    for (int i = 0; i < TEXT_CACHE_CAPACITY; i++) {
        text_cache_entry *e = &te->cache[i];
        if (e->used && e->hash == h && e->len == len && text_params_equal(&e->p, &p) &&
            memcmp(e->text, utf8, len) == 0) {
            e->last_use = te->tick;
            te->stats.hits++;
            return &e->layout;
        }
        if (e->used && e->last_use >= te->frame_start)
            continue; /* pinned: a pending draw list points into it */
        if (!e->used)
            victim = e;
        else if (!victim || (victim->used && e->last_use < victim->last_use))
            victim = e;
    }
    if (!victim) {
        te->stats.frame_full++;
        return NULL;
    }
    te->stats.misses++;
    if (victim->used)
        te->stats.evictions++;
    victim->used = false;
    if (!text_grow((void **)&victim->text, &victim->text_cap, len + 1, 1))
        return NULL;
    text_fit((void **)&victim->text, &victim->text_cap, len + 1, 1); /* see text_build */
    memcpy(victim->text, utf8, len);
    victim->text[len] = '\0';
    victim->len = len;
    victim->p = p;
    victim->hash = h;
    victim->layout.glyph_count = 0;
    victim->layout.line_count = 0;
    if (!text_build(te, victim))
        return NULL;
    victim->used = true;
    victim->last_use = te->tick;
    return &victim->layout;
}

float text_measure(text_engine *te, const char *utf8, size_t len, text_style_id style, int size_px)
{
    text_params p = {.style = style, .size_px = size_px, .width_px = TEXT_UNBOUNDED_WIDTH};
    const text_layout *l = text_lay_out(te, utf8, len, &p);
    return l ? l->max_line_width : 0;
}

uint32_t text_hit_test(const text_layout *l, float x, float y)
{
    if (!l || l->line_count == 0)
        return 0;
    uint32_t li = 0;
    while (li + 1 < l->line_count && y >= l->lines[li + 1].top)
        li++;
    const text_line *ln = &l->lines[li];
    if (ln->glyph_count == 0 || x <= ln->x)
        return ln->start;
    const text_glyph *g = l->glyphs + ln->glyph_start;
    uint32_t n = ln->glyph_count;
    /* Walk cluster starts; pick the boundary nearest to x. */
    for (uint32_t k = 0; k < n; k++) {
        float left = g[k].x;
        float right = ln->x + ln->width;
        uint32_t next_cluster = ln->end;
        for (uint32_t m = k + 1; m < n; m++) {
            if (g[m].cluster != g[k].cluster) {
                right = g[m].x;
                next_cluster = g[m].cluster;
                break;
            }
        }
        if (x < right) {
            if (ln->ellipsis && g[k].cluster >= ln->end)
                return ln->end;
            return x < (left + right) * 0.5f ? g[k].cluster : next_cluster;
        }
        while (k + 1 < n && g[k + 1].cluster == g[k].cluster)
            k++;
    }
    return ln->end;
}
