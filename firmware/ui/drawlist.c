#include "ui/drawlist.h"

#include <string.h>

void dl_reset(dl_list *l)
{
    l->count = 0;
    l->dropped = 0;
    l->depth = 0;
    l->skipped = 0;
    l->underflow = false;
    l->alpha = 1.0f;
}

/* A slot for a command, keeping one free for the pop of every clip in force
 * so that a full list still closes its clips. NULL (counted) when full. */
static dl_cmd *dl_add(dl_list *l, dl_kind kind, int extra_depth)
{
    if (l->count + 1 + (size_t)(l->depth + extra_depth) > DL_MAX_CMDS) {
        l->dropped++;
        return NULL;
    }
    dl_cmd *c = &l->cmd[l->count++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

static void dl_box(dl_cmd *c, float x, float y, float w, float h)
{
    c->x = x;
    c->y = y;
    c->w = w;
    c->h = h;
}

void dl_rect(dl_list *l, float x, float y, float w, float h, dl_colour col)
{
    if (w <= 0 || h <= 0)
        return;
    dl_cmd *c = dl_add(l, DL_RECT, 0);
    if (!c)
        return;
    dl_box(c, x, y, w, h);
    c->colour = col;
}

void dl_round(dl_list *l, float x, float y, float w, float h, float radius, dl_colour col)
{
    if (w <= 0 || h <= 0)
        return;
    dl_cmd *c = dl_add(l, DL_ROUND, 0);
    if (!c)
        return;
    dl_box(c, x, y, w, h);
    c->colour = col;
    c->u.radius = radius;
}

void dl_glyphs(dl_list *l, const text_layout *layout, float x, float y, dl_colour col)
{
    if (!layout || layout->glyph_count == 0)
        return;
    dl_cmd *c = dl_add(l, DL_GLYPHS, 0);
    if (!c)
        return;
    dl_box(c, x, y, layout->max_line_width, layout->height);
    c->colour = col;
    c->u.glyphs.g = layout->glyphs;
    c->u.glyphs.n = layout->glyph_count;
}

void dl_image_draw(dl_list *l, const dl_image *img, float x, float y, float w, float h)
{
    if (!img || !img->rgba || img->w <= 0 || img->h <= 0 || w <= 0 || h <= 0)
        return;
    dl_cmd *c = dl_add(l, DL_IMAGE, 0);
    if (!c)
        return;
    dl_box(c, x, y, w, h);
    c->u.image = img;
}

void dl_clip_push(dl_list *l, float x, float y, float w, float h)
{
    if (l->skipped > 0 || l->depth == DL_MAX_CLIP_DEPTH) {
        l->skipped++;
        l->dropped++;
        return;
    }
    if (l->depth > 0) { /* intersect with the clip in force */
        const float *o = l->clip[l->depth - 1];
        float x1 = x + w < o[0] + o[2] ? x + w : o[0] + o[2];
        float y1 = y + h < o[1] + o[3] ? y + h : o[1] + o[3];
        x = x > o[0] ? x : o[0];
        y = y > o[1] ? y : o[1];
        w = x1 > x ? x1 - x : 0;
        h = y1 > y ? y1 - y : 0;
    }
    dl_cmd *c = dl_add(l, DL_CLIP_PUSH, 1);
    if (!c) {
        l->skipped++;
        return;
    }
    dl_box(c, x, y, w, h);
    float *in = l->clip[l->depth++];
    in[0] = x;
    in[1] = y;
    in[2] = w;
    in[3] = h;
}

void dl_clip_pop(dl_list *l)
{
    if (l->skipped > 0) {
        l->skipped--;
        return;
    }
    if (l->depth == 0) {
        l->underflow = true;
        return;
    }
    l->depth--;
    /* The slot was kept free by dl_add, so this cannot fail. */
    dl_cmd *c = &l->cmd[l->count++];
    memset(c, 0, sizeof *c);
    c->kind = DL_CLIP_POP;
    if (l->depth > 0) {
        const float *o = l->clip[l->depth - 1];
        dl_box(c, o[0], o[1], o[2], o[3]);
    } else {
        c->none = true;
    }
}

void dl_alpha(dl_list *l, float a)
{
    a = a < 0 ? 0 : a > 1 ? 1 : a;
    if (a == l->alpha)
        return;
    dl_cmd *c = dl_add(l, DL_ALPHA, 0);
    if (!c)
        return;
    c->u.alpha = a;
    l->alpha = a;
}

bool dl_balanced(const dl_list *l) { return l->depth == 0 && l->skipped == 0 && !l->underflow; }
