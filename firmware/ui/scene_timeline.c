/* scene_timeline: the timeline scene itself (ui/scene_timeline.h says what
 * it shows): its view state and input. Entering it, its layout, the view's
 * motion frame by frame, taps (markers, clusters, chips, the minimap, the
 * card's buttons), drags and flings that pan and snap, pinches, buttons and
 * keys that zoom; its touch targets, rebuilt every frame while the view
 * moves; and the trace events that say where it is ("targets", "labels",
 * "view", "zoom"). Label placement is ui/tl_place.c, drawing ui/tl_draw.c
 * and ui/tl_controls.c; they share ui/tl_private.h. */
#include "ui/scene_timeline.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/kinetic.h"
#include "ui/scene_home.h"
#include "ui/scene_reader.h"
#include "ui/listen.h"
#include "ui/tl_private.h"
#include "ui/ui.h"
#include "ui/uitrace.h"
#include "ui/widgets.h"

#define TL_ZOOM_STEP 1.8f /* one press of + or - */

/* ---- targets ------------------------------------------------------------ */

/* The part of the picture where the axis scrolls. */
static ui_rect view_rect(const ui_ctx *ctx)
{
    const ui_geometry *m = &ctx->m;
    return tl_vert(ctx) ? (ui_rect){0, m->timeline.view_x, (float)ctx->w, m->timeline.view_w}
                        : (ui_rect){m->timeline.view_x, 0, m->timeline.view_w, (float)ctx->h};
}

static bool unit_in_view(const ui_ctx *ctx, size_t k)
{
    return tllabels_overlap(tl_unit_box(ctx, k), view_rect(ctx));
}

/* A cluster's target id: "cluster:" and its first event's id. */
static void cluster_id(const ui_ctx *ctx, size_t k, char *buf, size_t len)
{
    const tllabels *p = &scene_state(ctx)->place;
    snprintf(buf, len, "cluster:%s", ctx->b->events[p->item[p->unit[k].first].event].id);
}

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
        tl_unit_centre(ctx, k, &x, &y);
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
            boxes[n++] = (uitrace_box){"cluster", id, tl_unit_box(ctx, k), un->count, mem, false};
        } else {
            boxes[n++] = (uitrace_box){"marker", id, tl_unit_box(ctx, k), 1, NULL, false};
            if (un->labelled) {
                ui_rect lr = tl_shifted(ctx, un->label, tl_unit_delta(ctx, k));
                boxes[n++] = (uitrace_box){"label", id, lr, 1, NULL, un->cut};
            }
        }
    }
    for (size_t i = 0; i < ctx->b->era_count && n < UITRACE_MAX_BOXES; i++) {
        const text_layout *l;
        ui_rect r;
        if (tl_era_label(ctx, i, &l, &r))
            boxes[n++] = (uitrace_box){"era", ctx->b->eras[i].id, r, 1, NULL, false};
    }
    ui_rect badge;
    if (n < UITRACE_MAX_BOXES && tl_today_box(ctx, &badge))
        boxes[n++] = (uitrace_box){"today", "today", badge, 1, NULL, false};
    uitrace_labels(ctx->tr, ctx->now, tlview_zoom_level(&scene_state(ctx)->view), boxes, n);
}

/* ---- scene -------------------------------------------------------------- */

static void timeline_enter(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    tlview_init(&tl->view, ctx->b, ui_wall(ctx), (float)(tl_vert(ctx) ? ctx->h : ctx->w));
    tl->selected = -1;
}

static void timeline_layout(ui_ctx *ctx)
{
    timeline_state *tl = scene_state(ctx);
    const ui_geometry *m = &ctx->m;
    tlview_resize(&tl->view, m->timeline.view_x, m->timeline.view_w, m->timeline.marker_r);
    tl_place_labels(ctx);
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

static void trace_zoom(ui_ctx *ctx)
{
    const tlview *v = &scene_state(ctx)->view;
    uitrace_zoom(ctx->tr, ctx->now, tlview_zoom_level(v), tlview_px_per_year(v));
}

/* A zoom has ended: labels are placed afresh for the new scale. */
static void zoom_ended(ui_ctx *ctx)
{
    trace_zoom(ctx);
    tl_place_labels(ctx);
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
    tl_unit_centre(ctx, k, &x, &y);
    float goal = hi - lo > 1e-9 ? (float)(v->view_w * 0.5 / (hi - lo)) : v->scale_max;
    zoom_to(ctx, fmaxf(goal, v->scale * TL_ZOOM_STEP), tl_vert(ctx) ? y : x);
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
        tlview_jump_to(v, tl_vert(ctx) ? (y - mm->y) / mm->h : (x - mm->x) / mm->w);
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
    bool vt = tl_vert(ctx);
    switch (g->type) {
    case GESTURE_TAP: tap(ctx, g->x, g->y); return;
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
    default: return;
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

bool scene_timeline_card_open(const ui_ctx *ctx) { return scene_state(ctx)->selected >= 0; }

const ui_scene scene_timeline = {
    .name = "timeline",
    .state_size = sizeof(timeline_state),
    .enter = timeline_enter,
    .layout = timeline_layout,
    .gesture = timeline_gesture,
    .key = timeline_key,
    .update = timeline_update,
    .draw = tl_draw,
};
