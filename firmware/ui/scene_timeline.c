#include "ui/scene_timeline.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "content/date.h"
#include "ui/kinetic.h"
#include "ui/scene_home.h"
#include "ui/scene_reader.h"
#include "ui/listen.h"
#include "ui/ui.h"
#include "ui/uitrace.h"
#include "ui/widgets.h"

/* This scene's state (allocated by the shell for the scene's life). */
static timeline_state *scene_state(const ui_ctx *ctx) { return ui_scene_state(ctx, &scene_timeline); }

#define TL_ZOOM_STEP 1.8f   /* one press of + or - */
#define TL_QUOTE_LINES 5    /* lines of each quote on the detail card */

/* ---- geometry ------------------------------------------------------------
 *
 * The view model (ui/tlview.h) knows one coordinate, along the axis; the
 * scene turns (along, across) into the picture's (x, y): along is x in
 * landscape, y in portrait (ctx->m.timeline.vertical). */

static bool vert(const ui_ctx *ctx) { return ctx->m.timeline.vertical; }

static void to_xy(const ui_ctx *ctx, float along, float across, float *x, float *y)
{
    *x = vert(ctx) ? across : along;
    *y = vert(ctx) ? along : across;
}

/* A rectangle from its extent along the axis and across it. */
static ui_rect rect_of(const ui_ctx *ctx, float a0, float alen, float c0, float clen)
{
    return vert(ctx) ? (ui_rect){c0, a0, clen, alen} : (ui_rect){a0, c0, alen, clen};
}

/* Along-axis distance the view is scrolled from its rest position (the
 * axis's start at the view's start): what turns the label pass's rest
 * coordinates into the picture's. */
static float scrolled(const ui_ctx *ctx)
{
    const tlview *v = &scene_state(ctx)->view;
    return v->x0 - tlview_screen_x(v, 0);
}

static bool in_picture(const ui_ctx *ctx, ui_rect r)
{
    return r.x < ctx->w && r.y < ctx->h && r.x + r.w > 0 && r.y + r.h > 0;
}

/* The part of the picture where the axis scrolls. */
static ui_rect view_rect(const ui_ctx *ctx)
{
    const ui_geometry *m = &ctx->m;
    return vert(ctx) ? (ui_rect){0, m->timeline.view_x, (float)ctx->w, m->timeline.view_w}
                     : (ui_rect){m->timeline.view_x, 0, m->timeline.view_w, (float)ctx->h};
}

static void trace_zoom(ui_ctx *ctx)
{
    const tlview *v = &scene_state(ctx)->view;
    uitrace_zoom(ctx->tr, ctx->now, tlview_zoom_level(v), tlview_px_per_year(v));
}

static const char *category_key(bundle_category c)
{
    static const char *const k[] = {"category_dialogue", "category_incident", "category_policy",
                                    "category_multilateral"};
    return k[c];
}

static const char *track_key(bundle_track t)
{
    static const char *const k[] = {"track_government", "track_track2", "track_multilateral"};
    return k[t];
}

/* Length of an AFTER marker's tail, beyond the marker's centre. */
static float bound_tail(const ui_ctx *ctx)
{
    float r = ctx->m.timeline.marker_r, t = fmaxf(2, r * 0.45f);
    return r * 2.2f + t * 6.0f - r;
}

/* An event's label: its title, led by its bound for an AFTER date (so that
 * a cut label still says it; a span shows itself by its bar). */
static const char *event_label(const ui_ctx *ctx, size_t i, char *buf, size_t len)
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

#define TL_LABEL_MIN_CHARS 6 /* a cut label keeps at least this many characters */

/* ---- label placement (at layout time) ------------------------------------ */

static float label_h(const ui_ctx *ctx)
{
    return (float)ui_text_size(ctx, STYLE_CAPTION) * text_style_line_height(STYLE_CAPTION);
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
    return vert(ctx) ? (float)k : off_h[k];
}

static float row_step(const ui_ctx *ctx)
{
    const tllabels *p = &scene_state(ctx)->place;
    return vert(ctx) ? 2 * p->r + p->gap * 2 : 2 * fmaxf(p->r, p->label_h / 2) + p->gap * 2;
}

static int row_count(const ui_ctx *ctx)
{
    const tllabels *p = &scene_state(ctx)->place;
    const ui_geometry *m = &ctx->m;
    float step = row_step(ctx), half = fmaxf(p->r, p->label_h / 2);
    int rows = 1;
    while (rows < TLVIEW_STACK_LEVELS) {
        float need = vert(ctx) ? (float)rows * step + 2 * p->r + m->u : fabsf(row_offset(ctx, rows)) * step + half + p->gap;
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
    int group = vert(ctx) ? 1 : row_count(ctx);
    float need = 0;
    for (size_t oa = 0; oa < p->n; oa++) {
        size_t a = tl->order[oa];
        const tllabels_item *ia = &p->item[tl->item_of[a]];
        float room = vert(ctx) ? 2 * fmaxf(p->r, p->label_h / 2) + 2 * p->gap + ia->tail_y
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
        float base = vert(ctx) ? lanes->x + m->timeline.lane_h * (float)it->lane + r + m->u
                               : lanes->y + m->timeline.lane_h * ((float)it->lane + 0.5f);
        bool found = false;
        for (int k = 0; k < rows && !found; k++) {
            to_xy(ctx, a, base + row_offset(ctx, k) * step, &it->x, &it->y);
            /* Across the axis a row holds a marker and a label line. */
            float ha = vert(ctx) ? r : half;
            ui_rect mk = {it->x - r - g, it->y - ha - g, 2 * r + it->tail_x + 2 * g, 2 * ha + it->tail_y + 2 * g};
            if (!room_free(tl, taken, mk))
                continue;
            /* Its shortest label: right of it, left of it, or (portrait)
             * below it, first when the next event of the lane is as good
             * as level with it (its marker goes in the next column, where
             * a label on the right would be). At year detail, where every
             * event must be labelled, above it first when that next marker
             * is far enough along to reach a label below (a few days
             * apart): then both stay single. */
            const ui_rect side[4] = {
                {it->x - r, it->y + fmaxf(r + it->tail_y, lh / 2) + 2 * g, it->min_w, lh},
                {it->x + r + it->tail_x + g, it->y - lh / 2, it->min_w, lh},
                {it->x - r - g - it->min_w, it->y - lh / 2, it->min_w, lh},
                {it->x - r, it->y - r - g - lh, it->min_w, lh}, /* where tllabels tries "above" */
            };
            bool level = false;
            float ahead = 0; /* how far along the level event is */
            for (size_t o2 = o + 1; vert(ctx) && o2 < p->n && !level; o2++) {
                size_t j = tl->order[o2];
                ahead = (float)((v->units[j] - v->units[i]) * v->scale);
                if (ahead > 2 * r + 2 * g + lh)
                    break;
                level = ctx->b->events[j].track == ctx->b->events[i].track;
            }
            static const int order[4][4] = {{1, 2, -1}, {1, 2, 0, -1}, {0, 1, 2, -1}, {3, 0, 1, 2}};
            bool up = detail && ahead > fmaxf(r + it->tail_y, lh / 2) - r;
            int pick = !vert(ctx) ? 0 : !level ? 1 : up ? 3 : 2;
            for (int c = 0; c < 4 && order[pick][c] >= 0 && !found; c++) {
                ui_rect sd = side[order[pick][c]];
                ui_rect lb = {sd.x - g, sd.y - g, sd.w + 2 * g, sd.h + 2 * g};
                const ui_rect *ar = &p->area;
                if (lb.x < ar->x || lb.y < ar->y || lb.x + lb.w > ar->x + ar->w || lb.y + lb.h > ar->y + ar->h)
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
            to_xy(ctx, a, base, &it->x, &it->y);
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

/* Runs the placement pass (ui/tllabels.h) for the current zoom, filter,
 * language and size: every shown event is an item, the highlights first. */
static void place_labels(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    const tlview *v = &tl->view;
    const ui_geometry *m = &ctx->m;
    tllabels *p = &tl->place;
    float r = m->timeline.marker_r, u = m->u;
    p->n = 0;
    p->r = r;
    p->cluster_r = r * 1.45f;
    p->label_h = label_h(ctx);
    p->gap = u * 0.5f;
    float len = (float)(timescale_total(&v->ts) * v->scale);
    p->area = vert(ctx) ? (ui_rect){m->timeline.lanes.x, m->timeline.view_x, m->timeline.lanes.w, len}
                        : (ui_rect){m->timeline.view_x, m->timeline.lanes.y, len, m->timeline.lanes.h};
    for (size_t i = 0; i < ctx->b->event_count; i++)
        tl->item_of[i] = -1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ctx->b->event_count; i++) {
            if (!tlview_visible(v, i) || ctx->b->events[i].highlight != (pass == 0))
                continue;
            tllabels_item *it = &p->item[p->n];
            float tail = ctx->b->events[i].when == BUNDLE_WHEN_AFTER ? bound_tail(ctx) : 0;
            it->tail_x = vert(ctx) ? 0 : tail;
            it->tail_y = vert(ctx) ? tail : 0;
            char buf[BUNDLE_MAX_TITLE_EN * 4 + 128];
            const char *text = event_label(ctx, i, buf, sizeof buf);
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

/* How far unit k has moved along the axis from its rest position: the
 * scroll, and a zoom since the pass (the pass runs again when a zoom ends,
 * so meanwhile the markers and their labels move together). */
static float unit_delta(const ui_ctx *ctx, size_t k)
{
    const timeline_state *tl = scene_state(ctx);
    const tllabels_unit *un = &tl->place.unit[k];
    float along = vert(ctx) ? un->y : un->x, x0 = ctx->m.timeline.view_x;
    float ratio = tl->placed_scale > 0 ? tl->view.scale / tl->placed_scale : 1;
    return (along - x0) * (ratio - 1) - scrolled(ctx);
}

static ui_rect shifted(const ui_ctx *ctx, ui_rect r, float d)
{
    if (vert(ctx))
        r.y += d;
    else
        r.x += d;
    return r;
}

/* Unit k's marker box on the picture now. */
static ui_rect unit_box(const ui_ctx *ctx, size_t k)
{
    return shifted(ctx, tllabels_marker_box(&scene_state(ctx)->place, k), unit_delta(ctx, k));
}

/* Unit k's marker centre on the picture now. */
static void unit_centre(const ui_ctx *ctx, size_t k, float *x, float *y)
{
    const tllabels_unit *un = &scene_state(ctx)->place.unit[k];
    float d = unit_delta(ctx, k);
    *x = un->x + (vert(ctx) ? 0 : d);
    *y = un->y + (vert(ctx) ? d : 0);
}

static bool unit_in_view(const ui_ctx *ctx, size_t k)
{
    return tllabels_overlap(unit_box(ctx, k), view_rect(ctx));
}

/* A cluster's target id: "cluster:" and its first event's id. */
static void cluster_id(const ui_ctx *ctx, size_t k, char *buf, size_t len)
{
    const tllabels *p = &scene_state(ctx)->place;
    snprintf(buf, len, "cluster:%s", ctx->b->events[p->item[p->unit[k].first].event].id);
}

/* ---- sticky era labels and the "today" badge ----------------------------- */

/* The badge's box, when "today" is in the view. */
static bool today_box(ui_ctx *ctx, ui_rect *box)
{
    const tlview *v = &scene_state(ctx)->view;
    const ui_rect *eras = &ctx->m.timeline.eras;
    float u = ctx->m.u, a = tlview_screen_x(v, v->today_units);
    float w = ui_text_width(ctx, ui_str(ctx, "today"), STYLE_CAPTION, 0) + u, h = u * 4;
    if (a < v->x0 - u || a > v->x0 + v->view_w + u)
        return false;
    if (vert(ctx)) {
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

/* Era i's label: its layout and its box on the picture now, or false when
 * the era is out of the view. The label sticks to the view's start while the
 * era continues and never runs past the era's end or into the badge. */
static bool era_label(ui_ctx *ctx, size_t i, const text_layout **lp, ui_rect *box)
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
    if (today_box(ctx, &badge) && v->today_units <= timescale_year_start(&v->ts, e->to.year + 1) &&
        v->today_units >= timescale_year_start(&v->ts, e->from.year))
        badge_len = vert(ctx) ? badge.h + u * 1.6f : badge.w + u * 1.6f;
    if (b <= v->x0 || a >= v->x0 + v->view_w)
        return false;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, vert(ctx) ? 2 : 1};
    float width = vert(ctx) ? eras->w - u * 2 : fmaxf(b - a - u * 2 - badge_len, u * 6);
    const text_layout *l = ui_layout(ctx, e->title.s[ctx->lang], width, &o);
    if (!l)
        return false;
    float len = vert(ctx) ? l->height : l->max_line_width, end = b - u - badge_len;
    float start = fmaxf(a + u, v->x0);
    if (start + len > end)
        start = end - len;
    if (start + len <= v->x0 || start < a + u - 0.5f)
        return false; /* no room left in the view, or none in the era */
    *lp = l;
    *box = vert(ctx) ? (ui_rect){eras->x + u, start, l->max_line_width, l->height}
                     : (ui_rect){start, eras->y + (eras->h - l->height) / 2, l->max_line_width, l->height};
    return true;
}

/* ---- targets ------------------------------------------------------------ */

static void add_rect(target_list *tg, const char *id, ui_rect r) { targets_add(tg, id, r.x, r.y, r.w, r.h); }

static void add_targets(ui_ctx *ctx)
{
    const timeline_state *tl = scene_state(ctx);
    const ui_geometry *m = &ctx->m;
    target_list *tg = &ctx->targets;
    targets_clear(tg);
    if (tl->selected >= 0) {
        add_rect(tg, "close", m->timeline.card_close);
        add_rect(tg, "read-article", m->timeline.card_read);
        if (listen_available(ctx))
            add_rect(tg, "listen", m->timeline.card_listen);
        return;
    }
    add_rect(tg, "back", m->back);
    add_rect(tg, "lang", m->lang);
    add_rect(tg, "filter:all", ui_geometry_chip(m, BUNDLE_CAT_COUNT + 1, 0));
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++) {
        char id[TARGETS_ID_MAX];
        snprintf(id, sizeof id, "filter:%s", bundle_category_name((bundle_category)c));
        add_rect(tg, id, ui_geometry_chip(m, BUNDLE_CAT_COUNT + 1, (size_t)c + 1));
    }
    add_rect(tg, "zoom-out", m->timeline.zoom_out);
    add_rect(tg, "zoom-in", m->timeline.zoom_in);
    add_rect(tg, "minimap", m->timeline.minimap);
    const tllabels *p = &tl->place;
    float d = m->timeline.marker_r * 2;
    for (size_t k = 0; k < p->units; k++) {
        if (!unit_in_view(ctx, k))
            continue;
        float x, y;
        unit_centre(ctx, k, &x, &y);
        if (p->unit[k].count > 1) {
            char id[TARGETS_ID_MAX];
            cluster_id(ctx, k, id, sizeof id);
            float cd = p->cluster_r * 2;
            targets_add(tg, id, x - cd / 2, y - cd / 2, cd, cd);
        } else {
            targets_add(tg, ctx->b->events[p->item[p->unit[k].first].event].id, x - d / 2, y - d / 2, d, d);
        }
    }
}

/* The "labels" trace event: every marker, cluster, label, era label and the
 * badge in the view, as the picture shows them now. */
static void trace_labels(ui_ctx *ctx)
{
    const tllabels *p = &scene_state(ctx)->place;
    uitrace_box boxes[UITRACE_MAX_BOXES];
    const char *members[TLLABELS_MAX];
    size_t n = 0, used = 0;
    for (size_t k = 0; k < p->units && n + 2 <= UITRACE_MAX_BOXES; k++) {
        if (!unit_in_view(ctx, k))
            continue;
        const tllabels_unit *un = &p->unit[k];
        const char *id = ctx->b->events[p->item[un->first].event].id;
        if (un->count > 1) {
            const char *const *mem = members + used;
            for (size_t i = 0; i < p->n; i++)
                if ((size_t)p->item[i].unit == k)
                    members[used++] = ctx->b->events[p->item[i].event].id;
            boxes[n++] = (uitrace_box){"cluster", id, unit_box(ctx, k), un->count, mem, false};
        } else {
            boxes[n++] = (uitrace_box){"marker", id, unit_box(ctx, k), 1, NULL, false};
            if (un->labelled)
                boxes[n++] = (uitrace_box){"label", id, shifted(ctx, un->label, unit_delta(ctx, k)), 1, NULL, un->cut};
        }
    }
    for (size_t i = 0; i < ctx->b->era_count && n < UITRACE_MAX_BOXES; i++) {
        const text_layout *l;
        ui_rect r;
        if (era_label(ctx, i, &l, &r))
            boxes[n++] = (uitrace_box){"era", ctx->b->eras[i].id, r, 1, NULL, false};
    }
    ui_rect badge;
    if (n < UITRACE_MAX_BOXES && today_box(ctx, &badge))
        boxes[n++] = (uitrace_box){"today", "today", badge, 1, NULL, false};
    uitrace_labels(ctx->tr, ctx->now, tlview_zoom_level(&scene_state(ctx)->view), boxes, n);
}

/* ---- scene -------------------------------------------------------------- */

static void timeline_enter(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    tlview_init(&tl->view, ctx->b, ui_wall(ctx), (float)(vert(ctx) ? ctx->h : ctx->w));
    tl->selected = -1;
}

static void timeline_layout(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    const ui_geometry *m = &ctx->m;
    tlview_resize(&tl->view, m->timeline.view_x, m->timeline.view_w, m->timeline.marker_r);
    place_labels(ctx);
    add_targets(ctx);
    trace_labels(ctx);
    tl->settled = true;
}

static void select_event(ui_ctx *ctx, long i)
{
    timeline_state *tl = scene_state(ctx);
    if (i == tl->selected)
        return;
    listen_stop(ctx, "leave"); /* the card it read closed */
    tl->selected = i;
    if (i >= 0) {
        uitrace_select(ctx->tr, ctx->now, "event", ctx->b->events[i].id);
        stats_count(ctx->st, STATS_EVENT, ctx->b->events[i].id, ui_wall(ctx));
    } else {
        ui_trace_str(ctx, "detail", "phase", "close");
    }
    ui_relayout(ctx);
}

static void toggle_filter(ui_ctx *ctx, int c)
{
    tlview *v = &scene_state(ctx)->view;
    tlview_toggle(v, c);
    uitrace_filter(ctx->tr, ctx->now, v->cat_on);
    ui_relayout(ctx);
}

/* A zoom has ended: labels are placed afresh for the new scale. */
static void zoom_ended(ui_ctx *ctx)
{
    trace_zoom(ctx);
    place_labels(ctx);
    scene_state(ctx)->settled = false; /* traced again at rest */
}

/* Zooms (eased, unless motion is reduced) to `scale` about the point `cx`
 * along the axis. */
static void zoom_to(ui_ctx *ctx, float scale, float cx)
{
    tlview *v = &scene_state(ctx)->view;
    v->zoom_target = fminf(fmaxf(scale, v->scale_min), v->scale_max);
    v->zoom_cx = cx;
    if (ctx->reduced_motion) {
        tlview_zoom_about(v, v->zoom_target, v->zoom_cx);
        v->zoom_target = 0;
        tlview_set_snaps(v);
        zoom_ended(ctx);
        ui_relayout(ctx);
    }
    ctx->dirty = true;
}

static void button_zoom(ui_ctx *ctx, float factor)
{
    tlview *v = &scene_state(ctx)->view;
    zoom_to(ctx, tlview_zoom_goal(v, factor), v->x0 + v->view_w / 2);
}

/* A tapped cluster opens: the zoom that spreads its members over half the
 * view, about the cluster (year detail when they share a day). */
static void open_cluster(ui_ctx *ctx, size_t k)
{
    const timeline_state *tl = scene_state(ctx);
    const tlview *v = &tl->view;
    const tllabels *p = &tl->place;
    double lo = 1e300, hi = -1e300;
    for (size_t i = 0; i < p->n; i++) {
        if ((size_t)p->item[i].unit != k)
            continue;
        double un = v->units[p->item[i].event];
        lo = un < lo ? un : lo;
        hi = un > hi ? un : hi;
    }
    float x, y;
    unit_centre(ctx, k, &x, &y);
    float goal = hi - lo > 1e-9 ? (float)(v->view_w * 0.5 / (hi - lo)) : v->scale_max;
    zoom_to(ctx, fmaxf(goal, v->scale * TL_ZOOM_STEP), vert(ctx) ? y : x);
}

/* Listen on the event card: its date, title and summary in the language
 * shown (the date as the card writes it, kept in the state while read). */
static void listen_card(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    const bundle_event *e = &ctx->b->events[tl->selected];
    const char *texts[3] = {tl->card_date, e->title.s[ctx->lang], e->summary.s[ctx->lang]};
    if (listen_phase_of(ctx, e->id) == LISTEN_IDLE)
        reading_event_texts(e, ctx->lang, tl->card_date, texts, 3);
    listen_toggle_narrated(ctx, e->id, texts, 3, ctx->lang, &e->audio[ctx->lang]);
}

static void tap(ui_ctx *ctx, float x, float y)
{
    timeline_state *tl = scene_state(ctx);
    tlview *v = &tl->view;
    const ui_geometry *m = &ctx->m;
    const target *t = targets_hit(&ctx->targets, x, y);
    if (tl->selected >= 0) {
        const ui_rect *card = &m->timeline.card;
        if (t && strcmp(t->id, "listen") == 0) {
            listen_card(ctx);
        } else if (t && strcmp(t->id, "read-article") == 0) {
            const bundle_event *e = &ctx->b->events[tl->selected];
            ui_trace_str(ctx, "read_article", "article", ctx->b->articles[e->sources[0].article].id);
            scene_reader_open_article(ctx, e->sources[0].article);
            ui_set_scene(ctx, &scene_reader);
        } else if (t || x < card->x || x > card->x + card->w || y < card->y || y > card->y + card->h) {
            select_event(ctx, -1); /* close, or a tap beside the card */
        }
        return;
    }
    if (!t)
        return;
    if (strcmp(t->id, "back") == 0) {
        ui_set_scene(ctx, &scene_home);
    } else if (strcmp(t->id, "lang") == 0) {
        ui_set_language(ctx, ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH);
    } else if (strcmp(t->id, "filter:all") == 0) {
        toggle_filter(ctx, -1);
    } else if (strncmp(t->id, "filter:", 7) == 0) {
        for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
            if (strcmp(t->id + 7, bundle_category_name((bundle_category)c)) == 0)
                toggle_filter(ctx, c);
    } else if (strcmp(t->id, "zoom-in") == 0) {
        button_zoom(ctx, TL_ZOOM_STEP);
    } else if (strcmp(t->id, "zoom-out") == 0) {
        button_zoom(ctx, 1 / TL_ZOOM_STEP);
    } else if (strcmp(t->id, "minimap") == 0) {
        const ui_rect *mm = &m->timeline.minimap;
        tlview_jump_to(v, vert(ctx) ? (y - mm->y) / mm->h : (x - mm->x) / mm->w);
        tl->settled = false;
        ctx->dirty = true;
    } else if (strncmp(t->id, "cluster:", 8) == 0) {
        long i = bundle_find_event(ctx->b, t->id + 8);
        if (i >= 0 && tl->item_of[i] >= 0)
            open_cluster(ctx, (size_t)tl->place.item[tl->item_of[i]].unit);
    } else {
        long i = bundle_find_event(ctx->b, t->id);
        if (i >= 0)
            select_event(ctx, i);
    }
}

static void timeline_gesture(ui_ctx *ctx, const gesture_event *g)
{
    timeline_state *tl = scene_state(ctx);
    tlview *v = &tl->view;
    bool vt = vert(ctx);
    switch (g->type) {
    case GESTURE_TAP:
        tap(ctx, g->x, g->y);
        return;
    case GESTURE_PAN_BEGIN:
        if (tl->selected >= 0)
            return;
        kinetic_grab(&v->pan);
        kinetic_drag(&v->pan, -(vt ? g->total_y : g->total_x));
        tl->settled = false;
        break;
    case GESTURE_PAN_MOVE:
        if (tl->selected >= 0)
            return;
        kinetic_drag(&v->pan, -(vt ? g->dy : g->dx));
        break;
    case GESTURE_PAN_END:
        if (tl->selected >= 0)
            return;
        kinetic_drag(&v->pan, -(vt ? g->dy : g->dx));
        kinetic_release(&v->pan, -(vt ? g->vy : g->vx));
        break;
    case GESTURE_PINCH_BEGIN:
        if (tl->selected >= 0)
            return;
        v->pinching = true;
        v->zoom_target = 0;
        v->pinch_scale0 = v->scale;
        kinetic_grab(&v->pan);
        tl->settled = false;
        break;
    case GESTURE_PINCH_MOVE:
        if (!v->pinching)
            return;
        tlview_zoom_about(v, v->pinch_scale0 * g->scale, vt ? g->y : g->x);
        break;
    case GESTURE_PINCH_END:
        if (!v->pinching)
            return;
        v->pinching = false;
        tlview_set_snaps(v);
        kinetic_release(&v->pan, 0);
        zoom_ended(ctx);
        break;
    case GESTURE_CANCEL:
        v->pinching = false;
        kinetic_release(&v->pan, 0);
        break;
    default:
        return;
    }
    ctx->dirty = true;
}

static void timeline_key(ui_ctx *ctx, const char *key)
{
    timeline_state *tl = scene_state(ctx);
    bool fwd = strcmp(key, "right") == 0 || strcmp(key, "down") == 0;
    if (strcmp(key, "escape") == 0 || strcmp(key, "backspace") == 0) {
        if (tl->selected >= 0)
            select_event(ctx, -1);
        else
            ui_set_scene(ctx, &scene_home);
    } else if (fwd || strcmp(key, "left") == 0 || strcmp(key, "up") == 0) {
        kinetic_release(&tl->view.pan, (fwd ? 1.0f : -1.0f) * tl->view.view_w * 1.2f);
        tl->settled = false;
        ctx->dirty = true;
    } else if (strcmp(key, "=") == 0 || strcmp(key, "+") == 0) {
        button_zoom(ctx, TL_ZOOM_STEP);
    } else if (strcmp(key, "-") == 0) {
        button_zoom(ctx, 1 / TL_ZOOM_STEP);
    }
}

static void timeline_update(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    tlview *v = &tl->view;
    bool zoomed;
    bool moving = tlview_step(v, ctx->dt, ctx->reduced_motion, &zoomed);
    if (zoomed)
        zoom_ended(ctx);
    bool busy = moving || v->pinching || v->pan.phase == KINETIC_DRAGGING;
    if (busy) {
        ctx->animating = moving;
        ctx->dirty = true;
        tl->settled = false;
        add_targets(ctx); /* hit testing follows the markers */
    } else if (!tl->settled) {
        tl->settled = true;
        add_targets(ctx);
        /* Where the view came to rest: the year at its centre, the zoom. */
        uitrace_view(ctx->tr, ctx->now, tlview_centre_year(v), tlview_zoom_level(v));
        uitrace_targets(ctx->tr, ctx->now, "timeline", &ctx->targets);
        trace_labels(ctx);
        ctx->dirty = true;
    }
}

/* ---- drawing ------------------------------------------------------------ */

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
        float lim = vert(ctx) ? (float)ctx->h : (float)ctx->w;
        if (z <= 0 || a >= lim)
            continue;
        /* The era's stripe: across the era band and the lanes. */
        ui_rect stripe = vert(ctx) ? (ui_rect){0, a, (float)ctx->w, z - a}
                                   : (ui_rect){a, eras->y, z - a, eras->h + m->timeline.lanes.h};
        ui_fill(ctx, stripe, i % 2 ? p->bg : ui_alpha(p->surface, 0.9f));
        const text_layout *l;
        ui_rect r;
        if (era_label(ctx, i, &l, &r))
            ui_draw_layout(ctx, l, r.x, r.y, p->accent);
    }
    float t = 1 + u * 0.15f;
    ui_fill(ctx, vert(ctx) ? (ui_rect){eras->x + eras->w - 1, eras->y, t, eras->h}
                           : (ui_rect){0, eras->y + eras->h - 1, (float)ctx->w, t},
            p->line);
}

static void draw_lanes(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const ui_geometry *m = &ctx->m;
    for (int t = 1; t < BUNDLE_TRACK_COUNT; t++) {
        float c = (vert(ctx) ? m->timeline.lanes.x : m->timeline.lanes.y) + m->timeline.lane_h * t;
        ui_fill(ctx, vert(ctx) ? (ui_rect){c, m->timeline.lanes.y, 1, m->timeline.lanes.h} : (ui_rect){0, c, (float)ctx->w, 1},
                ui_alpha(p->line, 0.6f));
    }
}

static void draw_axis(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &scene_state(ctx)->view;
    const ui_rect *axis = &ctx->m.timeline.axis;
    float u = ctx->m.u, lim = vert(ctx) ? (float)ctx->h : (float)ctx->w;
    /* The axis line: along the top of the band (landscape) or down the
     * column's left edge (portrait); ticks and year labels off it. */
    float base = vert(ctx) ? axis->x : axis->y;
    ui_fill(ctx, rect_of(ctx, 0, lim, base, 1 + u * 0.2f), p->line);
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    float label_w = ui_text_width(ctx, "2000", STYLE_CAPTION, 0);
    float label_len = vert(ctx) ? label_h(ctx) : label_w; /* along the axis */
    float last = -1e9f;
    for (int y = v->ts.first_year; y <= v->ts.last_year; y++) {
        float a = tlview_screen_x(v, timescale_year_start(&v->ts, y));
        float next = tlview_screen_x(v, timescale_year_start(&v->ts, y + 1));
        if (next < 0 || a > lim)
            continue;
        bool decade = y % 10 == 0;
        float tick = decade ? u * 2 : u;
        if ((next - a > 2 || decade) && a + 1 > 0)
            ui_fill(ctx, rect_of(ctx, a, 1, base, tick), p->muted);
        if (a - last >= label_len * 1.5f && a + label_len <= lim) {
            /* A label scrolled wholly off the start still spaces the next ones. */
            char s[16];
            snprintf(s, sizeof s, "%d", y);
            const text_layout *l = ui_layout(ctx, s, label_w * 1.4f, &o);
            float x, ly;
            to_xy(ctx, a + 2, base + u * (vert(ctx) ? 2.6f : 2.2f), &x, &ly);
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
    if (!today_box(ctx, &badge)) {
        /* Beyond the view's end: an edge marker keeps "today" findable. */
        char s[64];
        snprintf(s, sizeof s, "%s %s", label, vert(ctx) ? "↓" : "→");
        float sw = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        if (vert(ctx))
            ui_text(ctx, s, m->timeline.eras.x + u, v->x0 + v->view_w - label_h(ctx), sw + u, &o, p->accent);
        else
            ui_text(ctx, s, ctx->w - sw - u, m->timeline.axis.y + u * 2.2f, sw + u, &o, p->accent);
        return;
    }
    /* The dashed line across the lanes. */
    float c0 = vert(ctx) ? m->timeline.eras.x : m->timeline.eras.y;
    float c1 = vert(ctx) ? m->timeline.lanes.x + m->timeline.lanes.w : m->timeline.axis.y;
    for (float c = c0; c < c1; c += u * 2)
        ui_fill(ctx, rect_of(ctx, a - 1, 2 + u * 0.1f, c, u), p->accent);
    ui_round(ctx, badge, u, p->accent);
    ui_text(ctx, label, badge.x + u * 0.5f, badge.y + (badge.h - label_h(ctx)) / 2, badge.w, &o, p->on_accent);
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
    float along = vert(ctx) ? y : x, across = vert(ctx) ? x : y;
    if (e->when == BUNDLE_WHEN_SPAN) {
        float a0 = tlview_screen_x(v, timescale_units(&v->ts, timescale_date_start(&e->date)));
        float a1 = tlview_screen_x(v, timescale_units(&v->ts, timescale_date_end(&e->date_to)));
        /* Beside the marker's row (below it, or left of it in portrait, clear
         * of its label): a thin bar with end ticks. */
        float bt = fmaxf(2, t * 0.6f), by = vert(ctx) ? across - r * 1.35f : across + r * 1.35f;
        float tick0 = vert(ctx) ? by - bt / 2 : by - r * 0.6f;
        ui_fill(ctx, rect_of(ctx, a0, fmaxf(a1 - a0, bt), by - bt / 2, bt), c);
        ui_fill(ctx, rect_of(ctx, a0, bt, tick0, r * 0.6f + bt / 2), c);
        ui_fill(ctx, rect_of(ctx, a1 - bt, bt, tick0, r * 0.6f + bt / 2), c);
    } else if (e->when == BUNDLE_WHEN_AFTER) {
        float len = r * 2.2f;
        ui_fill(ctx, rect_of(ctx, along, len, across - t / 2, t), c);
        for (int k = 0; k < 3; k++) {
            float cx, cy;
            to_xy(ctx, along + len + t * (1.2f + 2.2f * (float)k), across, &cx, &cy);
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
        ui_rect lr = shifted(ctx, un->label, unit_delta(ctx, k));
        if (!in_picture(ctx, lr))
            continue;
        char buf[BUNDLE_MAX_TITLE_EN * 4 + 128];
        const char *text = event_label(ctx, pl->item[un->first].event, buf, sizeof buf);
        const text_layout *l = ui_layout(ctx, text, un->label.w, &o);
        if (l && lr.x + l->max_line_width > 0 && lr.y + l->height > 0)
            ui_draw_layout(ctx, l, lr.x, lr.y + (lr.h - l->height) / 2, p->text);
    }
    for (size_t k = 0; k < pl->units; k++) {
        const tllabels_unit *un = &pl->unit[k];
        if (!in_picture(ctx, unit_box(ctx, k)))
            continue;
        float x, y;
        unit_centre(ctx, k, &x, &y);
        if (un->count > 1) {
            /* A cluster: one larger marker with the count. */
            char n[16];
            snprintf(n, sizeof n, "%d", un->count);
            ui_circle(ctx, x, y, un->r + 1 + u * 0.2f, p->bg);
            ui_circle(ctx, x, y, un->r, p->text);
            ui_circle(ctx, x, y, un->r * 0.8f, p->surface_hi);
            ui_text_opts co = {STYLE_CAPTION, 0, TEXT_ALIGN_CENTRE, false, 1};
            if (x >= un->r && y >= un->r && x <= ctx->w && y <= ctx->h) /* the count's run starts at x - r */
                ui_text(ctx, n, x - un->r, y - label_h(ctx) / 2, un->r * 2, &co, p->text);
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

/* The lanes' names: over each lane's start in landscape, a row of column
 * heads above the lanes in portrait. */
static void draw_lane_labels(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const ui_geometry *m = &ctx->m;
    float u = m->u;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (int t = 0; t < BUNDLE_TRACK_COUNT; t++) {
        const char *s = ui_str(ctx, track_key((bundle_track)t));
        if (vert(ctx)) {
            const ui_rect *hd = &m->timeline.lane_heads;
            float x = hd->x + m->timeline.lane_h * t;
            ui_text(ctx, s, x + u, hd->y + (hd->h - label_h(ctx)) / 2, m->timeline.lane_h - u * 2, &o, p->muted);
            continue;
        }
        float w = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        float y = m->timeline.lanes.y + m->timeline.lane_h * t + u;
        ui_round(ctx, (ui_rect){u, y, w + u * 2, u * 5}, u, p->bg);
        ui_text(ctx, s, u * 2, y + u * 0.6f, w + u, &o, p->muted);
    }
}

static void draw_minimap(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &scene_state(ctx)->view;
    ui_rect m = ctx->m.timeline.minimap;
    float u = ctx->m.u;
    double total = timescale_total(&v->ts);
    bool vt = vert(ctx);
    float a0 = vt ? m.y : m.x, alen = vt ? m.h : m.w, c0 = vt ? m.x : m.y, clen = vt ? m.w : m.h;
    ui_round(ctx, m, u, p->surface);
    for (size_t i = 0; i < ctx->b->event_count; i++) {
        if (!tlview_visible(v, i))
            continue;
        float a = a0 + (float)(v->units[i] / total) * alen;
        ui_fill(ctx, rect_of(ctx, a - 1, 2 + u * 0.15f, c0 + clen * 0.25f, clen * 0.5f),
                p->category[ctx->b->events[i].category]);
    }
    float fa = (float)(v->pan.pos / v->scale / total), fb = (float)((v->pan.pos + v->view_w) / v->scale / total);
    fa = fmaxf(fa, 0);
    fb = fminf(fb, 1);
    /* The visible window: a frame of four bars over the strip. */
    float t = 2 + u * 0.2f, wa = a0 + fa * alen, wl = fmaxf((fb - fa) * alen, u * 2);
    ui_fill(ctx, rect_of(ctx, wa, wl, c0, t), p->text);
    ui_fill(ctx, rect_of(ctx, wa, wl, c0 + clen - t, t), p->text);
    ui_fill(ctx, rect_of(ctx, wa, t, c0, clen), p->text);
    ui_fill(ctx, rect_of(ctx, wa + wl - t, t, c0, clen), p->text);
    float ta = a0 + (float)(v->today_units / total) * alen;
    ui_fill(ctx, rect_of(ctx, ta - 1, 2, c0, clen), p->accent);
}
/* Draws text s like ui_text, over the read-along highlight of the sentence
 * Listen reads in it (ui_listen_highlight); returns the height drawn. */
static float heard_text(ui_ctx *ctx, const char *s, float x, float y, float width, const ui_text_opts *o,
                        dl_colour c)
{
    const text_layout *l = ui_layout(ctx, s, width, o);
    if (!l)
        return 0;
    ui_listen_highlight(ctx, s, l, x, y, true, NULL, NULL);
    ui_draw_layout(ctx, l, x, y, c);
    return l->height;
}

static void draw_card(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const bundle_event *e = &b->events[scene_state(ctx)->selected];
    const ui_geometry *m = &ctx->m;
    const ui_rect *card = &m->timeline.card;
    float u = m->u;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->scrim);
    ui_round(ctx, *card, u * 2.5f, p->surface);
    if (ctx->high_contrast)
        ui_outline(ctx, *card, u * 2.5f, 2, p->line, p->surface);
    ui_button(ctx, m->timeline.card_close, ui_str(ctx, "close"), UI_BUTTON_SECONDARY, 0);
    if (listen_available(ctx)) {
        listen_phase ph = listen_phase_of(ctx, e->id);
        ui_button(ctx, m->timeline.card_listen, ui_str(ctx, ph == LISTEN_PLAYING ? "pause" : "listen"),
                  ph == LISTEN_IDLE ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY, 0);
    }
    float x = m->timeline.card_text.x, w = m->timeline.card_text.w, y = m->timeline.card_text.y;
    /* While Listen reads the card, the date is the copy it reads (the
     * highlight finds a text by its pointer). */
    char own[96];
    const char *date = own;
    if (listen_phase_of(ctx, e->id) != LISTEN_IDLE)
        date = scene_state(ctx)->card_date;
    else
        date_display(e->when, &e->date, &e->date_to, ctx->lang, own, sizeof own);
    ui_text_opts dt = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
    y += heard_text(ctx, date, x, y, m->timeline.card_close.x - x - u * 2, &dt, p->category[e->category]);
    char meta[256];
    snprintf(meta, sizeof meta, "%s · %s", ui_str(ctx, category_key(e->category)), ui_str(ctx, track_key(e->track)));
    ui_text_opts mo = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += u;
    y += ui_text(ctx, meta, x, y, w, &mo, p->muted) + u * 2;
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, UI_HEADING_LINES};
    y += heard_text(ctx, e->title.s[ctx->lang], x, y, w, &to, p->text) + u * 2;
    ui_text_opts so = {STYLE_BODY, 0, TEXT_ALIGN_START, true, 0};
    y += heard_text(ctx, e->summary.s[ctx->lang], x, y, w, &so, p->text) + u * 3;
    /* The supporting quotes: the article's own words, with their source. */
    float limit = m->timeline.card_read.y - u * 3;
    for (size_t s = 0; s < e->source_count && y < limit; s++) {
        const bundle_article *a = &b->articles[e->sources[s].article];
        int qs = ui_text_size(ctx, STYLE_QUOTE);
        int lines = (int)floorf((limit - y - ui_text_size(ctx, STYLE_CAPTION) * 2) /
                                (qs * text_style_line_height(STYLE_QUOTE)));
        if (lines > TL_QUOTE_LINES)
            lines = TL_QUOTE_LINES;
        if (lines < 1)
            break;
        ui_fill(ctx, (ui_rect){x, y, u * 0.6f, qs * text_style_line_height(STYLE_QUOTE) * 1.0f}, p->accent);
        ui_text_opts qo = {STYLE_QUOTE, 0, TEXT_ALIGN_START, true, lines};
        y += ui_text(ctx, e->sources[s].quote, x + u * 3, y, w - u * 3, &qo, p->text) + u;
        char src[512];
        snprintf(src, sizeof src, "——《%s》", a->title.s[ctx->lang]);
        ui_text_opts ao = {STYLE_CAPTION, 0, TEXT_ALIGN_END, false, 1};
        y += ui_text(ctx, src, x, y, w, &ao, p->muted) + u * 2;
    }
    ui_button(ctx, m->timeline.card_read, ui_str(ctx, "read_article"), UI_BUTTON_PRIMARY, 0);
}

/* The controls around the scrolled view: the top bar, the filter chips,
 * the minimap and the zoom buttons, each over a cover of the background so
 * that nothing scrolled beneath shows through. Their places all come from
 * ui/geometry.c (timeline_geometry). */

/* The screen's title: in the top bar between Back and the accessibility
 * button; in reach mode, when the band above the reachable rows has room,
 * in that band instead (large, with the other language's name under it),
 * which would otherwise stay empty. */
static void draw_title(ui_ctx *ctx)
{
    const ui_geometry *m = &ctx->m;
    const ui_palette *p = &ctx->pal;
    float u = m->u;
    bundle_lang other = ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH;
    if (m->reach_top > 0) {
        float w = ctx->w - 2 * m->margin;
        ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
        ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
        const text_layout *l = ui_layout(ctx, ui_str(ctx, "timeline"), w, &to);
        const text_layout *sub = ui_layout(ctx, bundle_string(ctx->b, "timeline", other), w, &so);
        float h = (l ? l->height : 0) + u + (sub ? sub->height : 0);
        if (l && sub && h + u * 8 <= m->reach_top) {
            float y = m->reach_top - u * 4 - h;
            ui_draw_layout(ctx, l, m->margin, y, p->text);
            ui_draw_layout(ctx, sub, m->margin, y + l->height + u, p->muted);
            return;
        }
    }
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_CENTRE, false, 1};
    const ui_rect *title = &m->timeline.title;
    const text_layout *l = ui_layout(ctx, ui_str(ctx, "timeline"), title->w, &to);
    if (l && l->truncated) { /* a narrow bar (portrait, with the accessibility button): smaller, whole */
        to.size_px = ui_text_size(ctx, STYLE_BODY);
        to.max_lines = 2;
        l = ui_layout(ctx, ui_str(ctx, "timeline"), title->w, &to);
    }
    if (l)
        ui_draw_layout(ctx, l, title->x, title->y + (title->h - l->height) / 2, p->text);
}

static void draw_controls(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const ui_geometry *m = &ctx->m;
    const tlview *v = &scene_state(ctx)->view;
    float u = m->u;
    if (vert(ctx)) {
        ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, m->timeline.view_x}, p->bg);
        float end = m->timeline.view_x + m->timeline.view_w;
        ui_fill(ctx, (ui_rect){0, end, (float)ctx->w, ctx->h - end}, p->bg);
    } else {
        ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, m->timeline.eras.y - u}, p->bg);
        float mini_y = m->timeline.minimap.y;
        ui_fill(ctx, (ui_rect){0, mini_y - u * 2, (float)ctx->w, ctx->h - mini_y + u * 2}, p->bg);
    }
    ui_back_button(ctx, m->back);
    ui_lang_toggle(ctx, m->lang);
    draw_title(ctx);
    bool all = tlview_all_shown(v);
    int cs = ui_text_size(ctx, STYLE_CAPTION);
    ui_chip(ctx, ui_geometry_chip(m, BUNDLE_CAT_COUNT + 1, 0), ui_str(ctx, "all_categories"), p->accent, all, cs);
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        ui_chip(ctx, ui_geometry_chip(m, BUNDLE_CAT_COUNT + 1, (size_t)c + 1),
                ui_str(ctx, category_key((bundle_category)c)), p->category[c], v->cat_on[c] && !all, cs);
    draw_minimap(ctx);
    ui_button(ctx, m->timeline.zoom_out, "−", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
    ui_button(ctx, m->timeline.zoom_in, "+", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
}

static void timeline_draw(ui_ctx *ctx)
{
    const ui_geometry *m = &ctx->m;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, ctx->pal.bg);
    /* In portrait what scrolls stays between the lanes' heads and the zoom
     * buttons (the covers of draw_controls hide the rest of it too). */
    if (vert(ctx))
        dl_clip_push(&ctx->dl, 0, m->timeline.view_x, (float)ctx->w, m->timeline.view_w);
    draw_eras(ctx);
    draw_lanes(ctx);
    draw_today(ctx);
    draw_markers(ctx);
    draw_axis(ctx);
    if (vert(ctx))
        dl_clip_pop(&ctx->dl);
    draw_controls(ctx);
    draw_lane_labels(ctx);
    if (scene_state(ctx)->selected >= 0)
        draw_card(ctx);
}

bool scene_timeline_card_open(const ui_ctx *ctx) { return scene_state(ctx)->selected >= 0; }

const ui_scene scene_timeline = {
    .name = "timeline",
    .state_size = sizeof(timeline_state),
    .enter = timeline_enter,
    .layout = timeline_layout,
    .gesture = timeline_gesture,
    .key = timeline_key,
    .update = timeline_update,
    .draw = timeline_draw,
};
