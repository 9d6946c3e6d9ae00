/* tl_draw: the timeline's drawing of what scrolls with the view, clipped to
 * it in portrait: the eras' stripes and their sticky labels, the lanes, the
 * "today" line and badge, the markers (with a span's bar or an AFTER date's
 * tail), their labels and the clusters as the last placement pass left them
 * (ui/tl_place.c), and the axis with its year labels; then the scene's draw
 * operation hands over to ui/tl_controls.c for what stays. Per frame: no
 * allocation; text through the layout cache. Shared with the rest of the
 * scene through ui/tl_private.h. */
#include "ui/tl_private.h"

#include <math.h>
#include <stdio.h>

#include "ui/widgets.h"

static bool in_picture(const ui_ctx *ctx, ui_rect r)
{
    return r.x < ctx->w && r.y < ctx->h && r.x + r.w > 0 && r.y + r.h > 0;
}

/* ---- sticky era labels and the "today" badge ----------------------------- */

bool tl_today_box(ui_ctx *ctx, ui_rect *box)
{
    const tlview *v = &scene_state(ctx)->view;
    const ui_rect *eras = &ctx->m.timeline.eras;
    float u = ctx->m.u, a = tlview_screen_x(v, v->today_units);
    float w = ui_text_width(ctx, ui_str(ctx, "today"), STYLE_CAPTION, 0) + u, h = u * 4;
    if (a < v->x0 - u || a > v->x0 + v->view_w + u)
        return false;
    if (tl_vert(ctx)) {
        /* Under the line's end, in the era column: the axis ends at today. */
        float y = fminf(a + u * 0.6f, v->x0 + v->view_w - h);
        *box = (ui_rect){eras->x + eras->w - w - u, y, w, h};
    } else {
        /* In the era band, on the side of the line with room. */
        float x = a + u * 0.6f + w > ctx->w ? a - u * 0.6f - w : a + u * 0.6f - u * 0.5f;
        *box = (ui_rect){x, eras->y + (eras->h - h) / 2, w, h};
    }
    return true;
}

bool tl_era_label(ui_ctx *ctx, size_t i, const text_layout **lp, ui_rect *box)
{
    const tlview *v = &scene_state(ctx)->view;
    const bundle_era *e = &ctx->b->eras[i];
    const ui_rect *eras = &ctx->m.timeline.eras;
    float u = ctx->m.u;
    float a = tlview_screen_x(v, timescale_year_start(&v->ts, e->from.year));
    float b = tlview_screen_x(v, timescale_year_start(&v->ts, e->to.year + 1));
    /* The badge shortens the last era by a fixed length (so the label's
     * width, and its cached layout, change with the zoom alone). */
    ui_rect badge;
    float badge_len = 0;
    if (tl_today_box(ctx, &badge) && v->today_units <= timescale_year_start(&v->ts, e->to.year + 1) &&
        v->today_units >= timescale_year_start(&v->ts, e->from.year))
        badge_len = tl_vert(ctx) ? badge.h + u * 1.6f : badge.w + u * 1.6f;
    if (b <= v->x0 || a >= v->x0 + v->view_w)
        return false;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, tl_vert(ctx) ? 2 : 1};
    float width = tl_vert(ctx) ? eras->w - u * 2 : fmaxf(b - a - u * 2 - badge_len, u * 6);
    const text_layout *l = ui_layout(ctx, e->title.s[ctx->lang], width, &o);
    if (!l)
        return false;
    float len = tl_vert(ctx) ? l->height : l->max_line_width, end = b - u - badge_len;
    float start = fmaxf(a + u, v->x0);
    if (start + len > end)
        start = end - len;
    if (start + len <= v->x0 || start < a + u - 0.5f)
        return false; /* no room left in the view, or none in the era */
    *lp = l;
    *box = tl_vert(ctx) ? (ui_rect){eras->x + u, start, l->max_line_width, l->height}
                        : (ui_rect){start, eras->y + (eras->h - l->height) / 2, l->max_line_width, l->height};
    return true;
}

/* ---- what scrolls ---------------------------------------------------------- */

static void draw_eras(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const tlview *v = &scene_state(ctx)->view;
    const ui_geometry *m = &ctx->m;
    const ui_rect *eras = &m->timeline.eras;
    float u = m->u;
    for (size_t i = 0; i < b->era_count; i++) {
        const bundle_era *e = &b->eras[i];
        float a = tlview_screen_x(v, timescale_year_start(&v->ts, e->from.year));
        float z = tlview_screen_x(v, timescale_year_start(&v->ts, e->to.year + 1));
        float lim = tl_vert(ctx) ? (float)ctx->h : (float)ctx->w;
        if (z <= 0 || a >= lim)
            continue;
        /* The era's stripe: across the era band and the lanes. */
        ui_rect stripe = tl_vert(ctx) ? (ui_rect){0, a, (float)ctx->w, z - a}
                                      : (ui_rect){a, eras->y, z - a, eras->h + m->timeline.lanes.h};
        ui_fill(ctx, stripe, i % 2 ? p->bg : ui_alpha(p->surface, 0.9f));
        const text_layout *l;
        ui_rect r;
        if (tl_era_label(ctx, i, &l, &r))
            ui_draw_layout(ctx, l, r.x, r.y, p->accent);
    }
    float t = 1 + u * 0.15f;
    ui_fill(ctx,
            tl_vert(ctx) ? (ui_rect){eras->x + eras->w - 1, eras->y, t, eras->h}
                         : (ui_rect){0, eras->y + eras->h - 1, (float)ctx->w, t},
            p->line);
}

static void draw_lanes(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const ui_geometry *m = &ctx->m;
    for (int t = 1; t < BUNDLE_TRACK_COUNT; t++) {
        float c = (tl_vert(ctx) ? m->timeline.lanes.x : m->timeline.lanes.y) + m->timeline.lane_h * t;
        ui_fill(ctx,
                tl_vert(ctx) ? (ui_rect){c, m->timeline.lanes.y, 1, m->timeline.lanes.h}
                             : (ui_rect){0, c, (float)ctx->w, 1},
                ui_alpha(p->line, 0.6f));
    }
}

static void draw_axis(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &scene_state(ctx)->view;
    const ui_rect *axis = &ctx->m.timeline.axis;
    float u = ctx->m.u, lim = tl_vert(ctx) ? (float)ctx->h : (float)ctx->w;
    /* The axis line: along the top of the band (landscape) or down the
     * column's left edge (portrait); ticks and year labels off it. */
    float base = tl_vert(ctx) ? axis->x : axis->y;
    ui_fill(ctx, tl_rect_of(ctx, 0, lim, base, 1 + u * 0.2f), p->line);
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    float label_w = ui_text_width(ctx, "2000", STYLE_CAPTION, 0);
    float label_len = tl_vert(ctx) ? tl_label_h(ctx) : label_w; /* along the axis */
    float last = -1e9f;
    for (int y = v->ts.first_year; y <= v->ts.last_year; y++) {
        float a = tlview_screen_x(v, timescale_year_start(&v->ts, y));
        float next = tlview_screen_x(v, timescale_year_start(&v->ts, y + 1));
        if (next < 0 || a > lim)
            continue;
        bool decade = y % 10 == 0;
        float tick = decade ? u * 2 : u;
        if ((next - a > 2 || decade) && a + 1 > 0)
            ui_fill(ctx, tl_rect_of(ctx, a, 1, base, tick), p->muted);
        if (a - last >= label_len * 1.5f && a + label_len <= lim) {
            /* A label scrolled wholly off the start still spaces the next ones. */
            char s[16];
            snprintf(s, sizeof s, "%d", y);
            const text_layout *l = ui_layout(ctx, s, label_w * 1.4f, &o);
            float x, ly;
            tl_to_xy(ctx, a + 2, base + u * (tl_vert(ctx) ? 2.6f : 2.2f), &x, &ly);
            if (l && a + 2 + label_len > 0)
                ui_draw_layout(ctx, l, x, ly, decade ? p->text : p->muted);
            last = a;
        }
    }
}

static void draw_today(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &scene_state(ctx)->view;
    const ui_geometry *m = &ctx->m;
    float u = m->u, a = tlview_screen_x(v, v->today_units);
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    const char *label = ui_str(ctx, "today");
    if (a < v->x0 - u)
        return; /* before the view: only a future-dated event can put the axis's end there */
    ui_rect badge;
    if (!tl_today_box(ctx, &badge)) {
        /* Beyond the view's end: an edge marker keeps "today" findable. */
        char s[64];
        snprintf(s, sizeof s, "%s %s", label, tl_vert(ctx) ? "↓" : "→");
        float sw = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        if (tl_vert(ctx))
            ui_text(ctx, s, m->timeline.eras.x + u, v->x0 + v->view_w - tl_label_h(ctx), sw + u, &o,
                    p->accent);
        else
            ui_text(ctx, s, ctx->w - sw - u, m->timeline.axis.y + u * 2.2f, sw + u, &o, p->accent);
        return;
    }
    /* The dashed line across the lanes. */
    float c0 = tl_vert(ctx) ? m->timeline.eras.x : m->timeline.eras.y;
    float c1 = tl_vert(ctx) ? m->timeline.lanes.x + m->timeline.lanes.w : m->timeline.axis.y;
    for (float c = c0; c < c1; c += u * 2)
        ui_fill(ctx, tl_rect_of(ctx, a - 1, 2 + u * 0.1f, c, u), p->accent);
    ui_round(ctx, badge, u, p->accent);
    ui_text(ctx, label, badge.x + u * 0.5f, badge.y + (badge.h - tl_label_h(ctx)) / 2, badge.w, &o,
            p->on_accent);
}

/* What a marker cannot say by its place alone: a SPAN's bar across its
 * years, and an AFTER date's open tail onwards, thinning into dots (the
 * event is somewhere later; the card says "after ..."). (x, y) is the
 * marker's centre. */
static void draw_bound(ui_ctx *ctx, size_t i, float x, float y)
{
    const bundle_event *e = &ctx->b->events[i];
    const tlview *v = &scene_state(ctx)->view;
    float r = ctx->m.timeline.marker_r, t = fmaxf(2, r * 0.45f);
    dl_colour c = ctx->pal.category[e->category];
    float along = tl_vert(ctx) ? y : x, across = tl_vert(ctx) ? x : y;
    if (e->when == BUNDLE_WHEN_SPAN) {
        float a0 = tlview_screen_x(v, timescale_units(&v->ts, timescale_date_start(&e->date)));
        float a1 = tlview_screen_x(v, timescale_units(&v->ts, timescale_date_end(&e->date_to)));
        /* Beside the marker's row (below it, or left of it in portrait, clear
         * of its label): a thin bar with end ticks. */
        float bt = fmaxf(2, t * 0.6f), by = tl_vert(ctx) ? across - r * 1.35f : across + r * 1.35f;
        float tick0 = tl_vert(ctx) ? by - bt / 2 : by - r * 0.6f;
        ui_fill(ctx, tl_rect_of(ctx, a0, fmaxf(a1 - a0, bt), by - bt / 2, bt), c);
        ui_fill(ctx, tl_rect_of(ctx, a0, bt, tick0, r * 0.6f + bt / 2), c);
        ui_fill(ctx, tl_rect_of(ctx, a1 - bt, bt, tick0, r * 0.6f + bt / 2), c);
    } else if (e->when == BUNDLE_WHEN_AFTER) {
        float len = r * 2.2f;
        ui_fill(ctx, tl_rect_of(ctx, along, len, across - t / 2, t), c);
        for (int k = 0; k < 3; k++) {
            float cx, cy;
            tl_to_xy(ctx, along + len + t * (1.2f + 2.2f * (float)k), across, &cx, &cy);
            ui_circle(ctx, cx, cy, t * 0.5f, c);
        }
    }
}

static void draw_markers(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const timeline_state *tl = scene_state(ctx);
    const tllabels *pl = &tl->place;
    float r = ctx->m.timeline.marker_r, u = ctx->m.u;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (size_t k = 0; k < pl->units; k++) {
        const tllabels_unit *un = &pl->unit[k];
        if (un->count != 1 || !un->labelled)
            continue;
        ui_rect lr = tl_shifted(ctx, un->label, tl_unit_delta(ctx, k));
        if (!in_picture(ctx, lr))
            continue;
        char buf[BUNDLE_MAX_TITLE_EN * 4 + 128];
        const char *text = tl_event_label(ctx, pl->item[un->first].event, buf, sizeof buf);
        const text_layout *l = ui_layout(ctx, text, un->label.w, &o);
        if (l && lr.x + l->max_line_width > 0 && lr.y + l->height > 0)
            ui_draw_layout(ctx, l, lr.x, lr.y + (lr.h - l->height) / 2, p->text);
    }
    for (size_t k = 0; k < pl->units; k++) {
        const tllabels_unit *un = &pl->unit[k];
        if (!in_picture(ctx, tl_unit_box(ctx, k)))
            continue;
        float x, y;
        tl_unit_centre(ctx, k, &x, &y);
        if (un->count > 1) {
            /* A cluster: one larger marker with the count. */
            char n[16];
            snprintf(n, sizeof n, "%d", un->count);
            ui_circle(ctx, x, y, un->r + 1 + u * 0.2f, p->bg);
            ui_circle(ctx, x, y, un->r, p->text);
            ui_circle(ctx, x, y, un->r * 0.8f, p->surface_hi);
            ui_text_opts co = {STYLE_CAPTION, 0, TEXT_ALIGN_CENTRE, false, 1};
            if (x >= un->r && y >= un->r && x <= ctx->w && y <= ctx->h) /* the count's run starts at x - r */
                ui_text(ctx, n, x - un->r, y - tl_label_h(ctx) / 2, un->r * 2, &co, p->text);
            continue;
        }
        size_t i = pl->item[un->first].event;
        draw_bound(ctx, i, x, y);
        if ((long)i == tl->selected)
            ui_circle(ctx, x, y, r * 1.6f, p->text);
        ui_circle(ctx, x, y, r + 1 + u * 0.2f, p->bg);
        ui_circle(ctx, x, y, r, p->category[b->events[i].category]);
        if (b->events[i].highlight)
            ui_circle(ctx, x, y, r * 0.4f, p->bg);
    }
}

void tl_draw(ui_ctx *ctx)
{
    const ui_geometry *m = &ctx->m;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, ctx->pal.bg);
    /* In portrait what scrolls stays between the lanes' heads and the zoom
     * buttons (the covers of tl_draw_controls hide the rest of it too). */
    if (tl_vert(ctx))
        dl_clip_push(&ctx->dl, 0, m->timeline.view_x, (float)ctx->w, m->timeline.view_w);
    draw_eras(ctx);
    draw_lanes(ctx);
    draw_today(ctx);
    draw_markers(ctx);
    draw_axis(ctx);
    if (tl_vert(ctx))
        dl_clip_pop(&ctx->dl);
    tl_draw_controls(ctx);
    tl_draw_lane_labels(ctx);
    if (scene_state(ctx)->selected >= 0)
        tl_draw_card(ctx);
}
