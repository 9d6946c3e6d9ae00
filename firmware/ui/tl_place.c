/* tl_place: the timeline's label placement, at layout time (the zoom, the
 * filter, the language or the size changed), never per frame. Each shown
 * event gets a row in its lane where its marker and its shortest label keep
 * clear of those before (choose_rows), year detail is raised until close
 * events have room for that, then ui/tllabels.h decides which markers carry
 * their label and which gather into a cluster. The result is in rest
 * coordinates; tl_unit_delta() and the functions after it say where a unit
 * is on the picture as the view scrolls. Shared with the rest of the scene
 * through ui/tl_private.h. */
#include "ui/tl_private.h"

#include <math.h>
#include <stdio.h>

#include "content/date.h"
#include "ui/widgets.h"

#define TL_LABEL_MIN_CHARS 6 /* a cut label keeps at least this many characters */

const char *tl_event_label(const ui_ctx *ctx, size_t i, char *buf, size_t len)
{
    const bundle_event *e = &ctx->b->events[i];
    const char *text = e->title.s[ctx->lang];
    if (e->when != BUNDLE_WHEN_AFTER)
        return text;
    char d[96];
    date_display(e->when, &e->date, &e->date_to, ctx->lang, d, sizeof d);
    snprintf(buf, len, "%s · %s", d, text);
    return buf;
}

/* ---- label placement (at layout time) ------------------------------------ */

/* Length of an AFTER marker's tail, beyond the marker's centre. */
static float bound_tail(const ui_ctx *ctx)
{
    float r = ctx->m.timeline.marker_r, t = fmaxf(2, r * 0.45f);
    return r * 2.2f + t * 6.0f - r;
}

/* The narrowest cut of a label: its first few characters (a Latin word to
 * its end) and "…"; the whole label when it is that short. */
static float label_min_w(ui_ctx *ctx, const char *text, float full_w)
{
    char cut[64];
    size_t n = 0, chars = 0;
    while (text[n] && chars < TL_LABEL_MIN_CHARS && n < sizeof cut - 8) {
        n++;
        while ((text[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    while (text[n] && text[n] != ' ' && (unsigned char)text[n] < 0x80 && n < sizeof cut - 8)
        n++;
    if (!text[n])
        return full_w;
    snprintf(cut, sizeof cut, "%.*s…", (int)n, text);
    return fminf(full_w, ui_text_width(ctx, cut, STYLE_CAPTION, 0) + 1);
}

/* Rows a lane has for markers (ui/tllabels.h has the label pass): in
 * landscape rows on both sides of the lane's centre line, as many as its
 * height holds with room for a label line each; in portrait columns from
 * the lane's start rightwards, within its first half. */
static float row_offset(const ui_ctx *ctx, int k)
{
    static const float off_h[TLVIEW_STACK_LEVELS] = {0, -1, 1, -2, 2};
    return tl_vert(ctx) ? (float)k : off_h[k];
}

static float row_step(const ui_ctx *ctx)
{
    const tllabels *p = &scene_state(ctx)->place;
    return tl_vert(ctx) ? 2 * p->r + p->gap * 2 : 2 * fmaxf(p->r, p->label_h / 2) + p->gap * 2;
}

static int row_count(const ui_ctx *ctx)
{
    const tllabels *p = &scene_state(ctx)->place;
    const ui_geometry *m = &ctx->m;
    float step = row_step(ctx), half = fmaxf(p->r, p->label_h / 2);
    int rows = 1;
    while (rows < TLVIEW_STACK_LEVELS) {
        float need = tl_vert(ctx) ? (float)rows * step + 2 * p->r + m->u
                                  : fabsf(row_offset(ctx, rows)) * step + half + p->gap;
        if (need > m->timeline.lane_h * 0.5f)
            break;
        rows++;
    }
    return rows;
}

/* Year detail, the closest zoom, must leave room for every event's marker
 * and shortest label: any `rows + 1` events of a lane in a row of time
 * (in portrait, where a label runs across the lane's columns, any two) span
 * at least a marker and a shortest label (tlview_want_detail bounds it;
 * events on one day stay a cluster). */
static void raise_detail_zoom(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    tlview *v = &tl->view;
    const tllabels *p = &tl->place;
    int group = tl_vert(ctx) ? 1 : row_count(ctx);
    float need = 0;
    for (size_t oa = 0; oa < p->n; oa++) {
        size_t a = tl->order[oa];
        const tllabels_item *ia = &p->item[tl->item_of[a]];
        float room = tl_vert(ctx) ? 2 * fmaxf(p->r, p->label_h / 2) + 2 * p->gap + ia->tail_y
                                  : 2 * p->r + 3 * p->gap + ia->tail_x + ia->min_w;
        /* The group-th next event of the same lane in time. */
        int seen = 0;
        for (size_t ob = oa + 1; ob < p->n; ob++) {
            size_t b = tl->order[ob];
            if (ctx->b->events[b].track != ctx->b->events[a].track || ++seen < group)
                continue;
            double span = v->units[b] - v->units[a];
            if (span > 1e-9)
                need = fmaxf(need, (float)(room / span));
            break;
        }
    }
    tlview_want_detail(v, need);
}

int tl_label_sides(bool portrait, bool level, bool up, tl_side sides[TL_SIDES])
{
    int n = 0;
    bool below_first = portrait && level;
    if (below_first && up)
        sides[n++] = TL_ABOVE;
    if (below_first)
        sides[n++] = TL_BELOW;
    sides[n++] = TL_RIGHT;
    sides[n++] = TL_LEFT;
    if (portrait && !below_first)
        sides[n++] = TL_BELOW;
    return n;
}

/* Chooses each shown event's row in its lane (chronologically): the first
 * row, from the lane's centre line outwards, where its marker and its
 * shortest label keep clear of those before; the centre row when none is
 * free (the pass then gathers it into a cluster). Sets the items' positions
 * and reserves. Rows are as many as the lane has room for. */
static bool room_free(const timeline_state *tl, size_t taken, ui_rect r)
{
    for (size_t j = 0; j < taken; j++)
        if (tllabels_overlap(r, tl->kept[j]))
            return false;
    return true;
}

static void choose_rows(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    const tlview *v = &tl->view;
    const ui_geometry *m = &ctx->m;
    tllabels *p = &tl->place;
    float r = p->r, lh = p->label_h, g = p->gap, half = fmaxf(r, lh / 2);
    float step = row_step(ctx);
    int rows = row_count(ctx);
    bool detail = v->scale >= v->scale_max * 0.999f; /* year detail, the zoom's top */
    size_t taken = 0;
    for (size_t o = 0; o < p->n; o++) {
        size_t i = tl->order[o];
        tllabels_item *it = &p->item[tl->item_of[i]];
        const ui_rect *lanes = &m->timeline.lanes;
        float a = m->timeline.view_x + (float)(v->units[i] * v->scale);
        float base = tl_vert(ctx) ? lanes->x + m->timeline.lane_h * (float)it->lane + r + m->u
                                  : lanes->y + m->timeline.lane_h * ((float)it->lane + 0.5f);
        bool found = false;
        for (int k = 0; k < rows && !found; k++) {
            tl_to_xy(ctx, a, base + row_offset(ctx, k) * step, &it->x, &it->y);
            /* Across the axis a row holds a marker and a label line. */
            float ha = tl_vert(ctx) ? r : half;
            ui_rect mk = {it->x - r - g, it->y - ha - g, 2 * r + it->tail_x + 2 * g,
                          2 * ha + it->tail_y + 2 * g};
            if (!room_free(tl, taken, mk))
                continue;
            /* Its shortest label: in one of the places beside it, in the
             * order tl_label_sides() gives. */
            const ui_rect side[TL_SIDES] = {
                [TL_BELOW] = {it->x - r, it->y + fmaxf(r + it->tail_y, lh / 2) + 2 * g, it->min_w, lh},
                [TL_RIGHT] = {it->x + r + it->tail_x + g, it->y - lh / 2, it->min_w, lh},
                [TL_LEFT] = {it->x - r - g - it->min_w, it->y - lh / 2, it->min_w, lh},
                /* where tllabels tries "above" */
                [TL_ABOVE] = {it->x - r, it->y - r - g - lh, it->min_w, lh},
            };
            bool level = false;
            float ahead = 0; /* how far along the level event is */
            for (size_t o2 = o + 1; tl_vert(ctx) && o2 < p->n && !level; o2++) {
                size_t j = tl->order[o2];
                ahead = (float)((v->units[j] - v->units[i]) * v->scale);
                if (ahead > 2 * r + 2 * g + lh)
                    break;
                level = ctx->b->events[j].track == ctx->b->events[i].track;
            }
            bool up = detail && ahead > fmaxf(r + it->tail_y, lh / 2) - r;
            tl_side tries[TL_SIDES];
            int sides = tl_label_sides(tl_vert(ctx), level, up, tries);
            for (int c = 0; c < sides && !found; c++) {
                ui_rect sd = side[tries[c]];
                ui_rect lb = {sd.x - g, sd.y - g, sd.w + 2 * g, sd.h + 2 * g};
                const ui_rect *ar = &p->area;
                if (lb.x < ar->x || lb.y < ar->y || lb.x + lb.w > ar->x + ar->w ||
                    lb.y + lb.h > ar->y + ar->h)
                    continue;
                if (room_free(tl, taken, lb)) {
                    it->reserve = sd;
                    tl->kept[taken++] = mk;
                    tl->kept[taken++] = lb;
                    found = true;
                }
            }
        }
        if (!found) { /* no free row: the centre one, and no reserve (a cluster, most likely) */
            tl_to_xy(ctx, a, base, &it->x, &it->y);
            it->reserve = (ui_rect){0, 0, 0, 0};
        }
    }
}

/* The shown events in time order (the bundle lists them by date, but a
 * date of year or month precision sits at the middle of its span). */
static void sort_by_time(timeline_state *tl, const bundle *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->event_count; i++) {
        if (tl->item_of[i] < 0)
            continue;
        size_t j = n++;
        while (j > 0 && tl->view.units[tl->order[j - 1]] > tl->view.units[i]) {
            tl->order[j] = tl->order[j - 1];
            j--;
        }
        tl->order[j] = i;
    }
}

void tl_place_labels(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    const tlview *v = &tl->view;
    const ui_geometry *m = &ctx->m;
    tllabels *p = &tl->place;
    float r = m->timeline.marker_r, u = m->u;
    p->n = 0;
    p->r = r;
    p->cluster_r = r * 1.45f;
    p->label_h = tl_label_h(ctx);
    p->gap = u * 0.5f;
    float len = (float)(timescale_total(&v->ts) * v->scale);
    p->area = tl_vert(ctx) ? (ui_rect){m->timeline.lanes.x, m->timeline.view_x, m->timeline.lanes.w, len}
                           : (ui_rect){m->timeline.view_x, m->timeline.lanes.y, len, m->timeline.lanes.h};
    for (size_t i = 0; i < ctx->b->event_count; i++)
        tl->item_of[i] = -1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ctx->b->event_count; i++) {
            if (!tlview_visible(v, i) || ctx->b->events[i].highlight != (pass == 0))
                continue;
            tllabels_item *it = &p->item[p->n];
            float tail = ctx->b->events[i].when == BUNDLE_WHEN_AFTER ? bound_tail(ctx) : 0;
            it->tail_x = tl_vert(ctx) ? 0 : tail;
            it->tail_y = tl_vert(ctx) ? tail : 0;
            char buf[BUNDLE_MAX_TITLE_EN * 4 + 128];
            const char *text = tl_event_label(ctx, i, buf, sizeof buf);
            it->full_w = ui_text_width(ctx, text, STYLE_CAPTION, 0) + 1;
            it->min_w = label_min_w(ctx, text, it->full_w);
            it->lane = (int)ctx->b->events[i].track;
            it->event = i;
            tl->item_of[i] = (int)p->n++;
        }
    }
    sort_by_time(tl, ctx->b);
    raise_detail_zoom(ctx);
    choose_rows(ctx);
    tllabels_place(p);
    tl->placed_scale = v->scale;
}

/* ---- placed units on the picture now ----------------------------------- */

/* Along-axis distance the view is scrolled from its rest position (the
 * axis's start at the view's start): what turns the label pass's rest
 * coordinates into the picture's. */
static float scrolled(const ui_ctx *ctx)
{
    const tlview *v = &scene_state(ctx)->view;
    return v->x0 - tlview_screen_x(v, 0);
}

/* The scroll, and a zoom since the pass (the pass runs again when a zoom
 * ends, so meanwhile the markers and their labels move together). */
float tl_unit_delta(const ui_ctx *ctx, size_t k)
{
    const timeline_state *tl = scene_state(ctx);
    const tllabels_unit *un = &tl->place.unit[k];
    float along = tl_vert(ctx) ? un->y : un->x, x0 = ctx->m.timeline.view_x;
    float ratio = tl->placed_scale > 0 ? tl->view.scale / tl->placed_scale : 1;
    return (along - x0) * (ratio - 1) - scrolled(ctx);
}

ui_rect tl_unit_box(const ui_ctx *ctx, size_t k)
{
    return tl_shifted(ctx, tllabels_marker_box(&scene_state(ctx)->place, k), tl_unit_delta(ctx, k));
}

void tl_unit_centre(const ui_ctx *ctx, size_t k, float *x, float *y)
{
    const tllabels_unit *un = &scene_state(ctx)->place.unit[k];
    float d = tl_unit_delta(ctx, k);
    *x = un->x + (tl_vert(ctx) ? 0 : d);
    *y = un->y + (tl_vert(ctx) ? d : 0);
}
