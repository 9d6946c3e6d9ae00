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

#define TL_ZOOM_STEP 1.8f   /* one press of + or - */
#define TL_QUOTE_LINES 5    /* lines of each quote on the detail card */

/* ---- helpers ------------------------------------------------------------ */

static float lane_y(const ui_ctx *ctx, size_t track)
{
    return ctx->m.timeline.lanes.y + ctx->m.timeline.lane_h * ((float)track + 0.5f);
}

static float marker_y(const ui_ctx *ctx, size_t i)
{
    static const float off[TLVIEW_STACK_LEVELS] = {0, -1, 1, -2, 2};
    const tlview *v = &ctx->sc.timeline.view;
    float step = fminf(ctx->m.timeline.marker_r * 2.3f, ctx->m.timeline.lane_h / 5.2f);
    return lane_y(ctx, ctx->b->events[i].track) + off[v->level[i] % TLVIEW_STACK_LEVELS] * step;
}

static void trace_zoom(ui_ctx *ctx)
{
    const tlview *v = &ctx->sc.timeline.view;
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

/* ---- targets ------------------------------------------------------------ */

static void add_rect(target_list *tg, const char *id, ui_rect r) { targets_add(tg, id, r.x, r.y, r.w, r.h); }

static void add_targets(ui_ctx *ctx)
{
    const timeline_state *tl = &ctx->sc.timeline;
    const tlview *v = &tl->view;
    const ui_metrics *m = &ctx->m;
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
    add_rect(tg, "filter:all", ui_metrics_chip(m, BUNDLE_CAT_COUNT + 1, 0));
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++) {
        char id[TARGETS_ID_MAX];
        snprintf(id, sizeof id, "filter:%s", bundle_category_name((bundle_category)c));
        add_rect(tg, id, ui_metrics_chip(m, BUNDLE_CAT_COUNT + 1, (size_t)c + 1));
    }
    add_rect(tg, "zoom-out", m->timeline.zoom_out);
    add_rect(tg, "zoom-in", m->timeline.zoom_in);
    add_rect(tg, "minimap", m->timeline.minimap);
    float d = m->timeline.marker_r * 2;
    for (size_t i = 0; i < ctx->b->event_count; i++) {
        if (!tlview_visible(v, i))
            continue;
        float x = tlview_screen_x(v, v->units[i]);
        if (x < v->x0 - d || x > v->x0 + v->view_w + d)
            continue;
        targets_add(tg, ctx->b->events[i].id, x - d / 2, marker_y(ctx, i) - d / 2, d, d);
    }
}

/* ---- scene -------------------------------------------------------------- */

static void timeline_enter(ui_ctx *ctx)
{
    timeline_state *tl = &ctx->sc.timeline;
    tlview_init(&tl->view, ctx->b, ui_wall(ctx), (float)ctx->w);
    tl->selected = -1;
}

static void timeline_layout(ui_ctx *ctx)
{
    timeline_state *tl = &ctx->sc.timeline;
    const ui_metrics *m = &ctx->m;
    tlview_resize(&tl->view, m->timeline.view_x, m->timeline.view_w, m->timeline.marker_r);
    add_targets(ctx);
    tl->settled = true;
}

static void select_event(ui_ctx *ctx, long i)
{
    timeline_state *tl = &ctx->sc.timeline;
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
    tlview *v = &ctx->sc.timeline.view;
    tlview_toggle(v, c);
    uitrace_filter(ctx->tr, ctx->now, v->cat_on);
    ui_relayout(ctx);
}

static void button_zoom(ui_ctx *ctx, float factor)
{
    tlview *v = &ctx->sc.timeline.view;
    v->zoom_target = tlview_zoom_goal(v, factor);
    v->zoom_cx = v->x0 + v->view_w / 2;
    if (ctx->reduced_motion) {
        tlview_zoom_about(v, v->zoom_target, v->zoom_cx);
        v->zoom_target = 0;
        tlview_set_snaps(v);
        trace_zoom(ctx);
        ui_relayout(ctx);
    }
    ctx->dirty = true;
}

/* Listen on the event card: its date, title and summary in the language
 * shown (the date as the card writes it, kept in the state while read). */
static void listen_card(ui_ctx *ctx)
{
    timeline_state *tl = &ctx->sc.timeline;
    const bundle_event *e = &ctx->b->events[tl->selected];
    if (listen_phase_of(ctx, e->id) == LISTEN_IDLE)
        date_display(e->when, &e->date, &e->date_to, ctx->lang, tl->card_date, sizeof tl->card_date);
    const char *texts[] = {tl->card_date, e->title.s[ctx->lang], e->summary.s[ctx->lang]};
    listen_toggle(ctx, e->id, texts, 3, ctx->lang);
}

static void tap(ui_ctx *ctx, float x, float y)
{
    timeline_state *tl = &ctx->sc.timeline;
    tlview *v = &tl->view;
    const ui_metrics *m = &ctx->m;
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
        tlview_jump_to(v, (x - m->timeline.minimap.x) / m->timeline.minimap.w);
        tl->settled = false;
        ctx->dirty = true;
    } else {
        long i = bundle_find_event(ctx->b, t->id);
        if (i >= 0)
            select_event(ctx, i);
    }
}

static void timeline_gesture(ui_ctx *ctx, const gesture_event *g)
{
    timeline_state *tl = &ctx->sc.timeline;
    tlview *v = &tl->view;
    switch (g->type) {
    case GESTURE_TAP:
        tap(ctx, g->x, g->y);
        return;
    case GESTURE_PAN_BEGIN:
        if (tl->selected >= 0)
            return;
        kinetic_grab(&v->pan);
        kinetic_drag(&v->pan, -g->total_x);
        tl->settled = false;
        break;
    case GESTURE_PAN_MOVE:
        if (tl->selected >= 0)
            return;
        kinetic_drag(&v->pan, -g->dx);
        break;
    case GESTURE_PAN_END:
        if (tl->selected >= 0)
            return;
        kinetic_drag(&v->pan, -g->dx);
        kinetic_release(&v->pan, -g->vx);
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
        tlview_zoom_about(v, v->pinch_scale0 * g->scale, g->x);
        break;
    case GESTURE_PINCH_END:
        if (!v->pinching)
            return;
        v->pinching = false;
        tlview_set_snaps(v);
        kinetic_release(&v->pan, 0);
        trace_zoom(ctx);
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
    timeline_state *tl = &ctx->sc.timeline;
    if (strcmp(key, "escape") == 0 || strcmp(key, "backspace") == 0) {
        if (tl->selected >= 0)
            select_event(ctx, -1);
        else
            ui_set_scene(ctx, &scene_home);
    } else if (strcmp(key, "left") == 0 || strcmp(key, "right") == 0) {
        kinetic_release(&tl->view.pan, (strcmp(key, "right") == 0 ? 1.0f : -1.0f) * tl->view.view_w * 1.2f);
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
    timeline_state *tl = &ctx->sc.timeline;
    tlview *v = &tl->view;
    bool zoomed;
    bool moving = tlview_step(v, ctx->dt, ctx->reduced_motion, &zoomed);
    if (zoomed)
        trace_zoom(ctx);
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
        ctx->dirty = true;
    }
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_eras(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const tlview *v = &ctx->sc.timeline.view;
    const ui_rect *eras = &ctx->m.timeline.eras;
    float u = ctx->m.u;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (size_t i = 0; i < b->era_count; i++) {
        const bundle_era *e = &b->eras[i];
        float xa = tlview_screen_x(v, timescale_year_start(&v->ts, e->from.year));
        float xb = tlview_screen_x(v, timescale_year_start(&v->ts, e->to.year + 1));
        if (xb <= 0 || xa >= ctx->w)
            continue;
        ui_fill(ctx, (ui_rect){xa, eras->y, xb - xa, eras->h + ctx->m.timeline.lanes.h},
                i % 2 ? p->bg : ui_alpha(p->surface, 0.9f));
        /* Sticky label: at the era's start, or held at the left edge of the
         * view while the era continues, and never past the era's end. */
        const text_layout *l = ui_layout(ctx, e->title.s[ctx->lang], fmaxf(xb - xa - u * 2, u * 6), &o);
        if (!l)
            continue;
        float lx = fmaxf(xa + u, v->x0);
        if (lx + l->max_line_width > xb - u)
            lx = xb - u - l->max_line_width;
        ui_draw_layout(ctx, l, lx, eras->y + (eras->h - l->height) / 2, p->accent);
    }
    ui_fill(ctx, (ui_rect){0, eras->y + eras->h - 1, (float)ctx->w, 1 + u * 0.15f}, p->line);
}

static void draw_lanes(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    for (int t = 1; t < BUNDLE_TRACK_COUNT; t++)
        ui_fill(ctx, (ui_rect){0, ctx->m.timeline.lanes.y + ctx->m.timeline.lane_h * t, (float)ctx->w, 1},
                ui_alpha(p->line, 0.6f));
}

static void draw_axis(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &ctx->sc.timeline.view;
    const ui_rect *axis = &ctx->m.timeline.axis;
    float u = ctx->m.u;
    ui_fill(ctx, (ui_rect){0, axis->y, (float)ctx->w, 1 + u * 0.2f}, p->line);
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    float label_w = ui_text_width(ctx, "2000", STYLE_CAPTION, 0);
    float last = -1e9f;
    for (int y = v->ts.first_year; y <= v->ts.last_year; y++) {
        float x = tlview_screen_x(v, timescale_year_start(&v->ts, y));
        float next = tlview_screen_x(v, timescale_year_start(&v->ts, y + 1));
        if (next < 0 || x > ctx->w)
            continue;
        bool decade = y % 10 == 0;
        float tick = decade ? u * 2 : u;
        if ((next - x > 2 || decade) && x + 1 > 0)
            ui_fill(ctx, (ui_rect){x, axis->y, 1, tick}, p->muted);
        if (x - last >= label_w * 1.5f && x + label_w <= ctx->w) {
            /* A label scrolled wholly off the left still spaces the next ones. */
            char s[16];
            snprintf(s, sizeof s, "%d", y);
            const text_layout *l = ui_layout(ctx, s, label_w * 1.4f, &o);
            if (l && x + 2 + l->max_line_width > 0)
                ui_draw_layout(ctx, l, x + 2, axis->y + u * 2.2f, decade ? p->text : p->muted);
            last = x;
        }
    }
}

static void draw_today(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &ctx->sc.timeline.view;
    const ui_rect *eras = &ctx->m.timeline.eras, *axis = &ctx->m.timeline.axis;
    float u = ctx->m.u, x = tlview_screen_x(v, v->today_units);
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    const char *label = ui_str(ctx, "today");
    float w = ui_text_width(ctx, label, STYLE_CAPTION, 0);
    if (x < -u)
        return; /* left of the view: only a future-dated event can put the axis's end there */
    if (x > ctx->w - u) {
        /* Off to the right: an edge marker keeps "today" findable. */
        char s[64];
        snprintf(s, sizeof s, "%s →", label);
        float sw = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        ui_text(ctx, s, ctx->w - sw - u, axis->y + u * 2.2f, sw + u, &o, p->accent);
        return;
    }
    for (float y = eras->y; y < axis->y; y += u * 2)
        ui_fill(ctx, (ui_rect){x - 1, y, 2 + u * 0.1f, u}, p->accent);
    /* The label hangs from the line's top, in the era band, on the side of
     * the line with room, clear of the year labels and the markers. */
    float lx = x + u * 0.6f + w + u > ctx->w ? x - u * 0.6f - w : x + u * 0.6f;
    float ly = eras->y + (eras->h - u * 4) / 2;
    ui_round(ctx, (ui_rect){lx - u * 0.5f, ly, w + u, u * 4}, u, p->accent);
    ui_text(ctx, label, lx, ly + (u * 4 - ui_text_size(ctx, STYLE_CAPTION) * 1.5f) / 2, w + u, &o, p->on_accent);
}

/* Length of an AFTER marker's tail, right of the marker's centre. */
static float bound_tail(const ui_ctx *ctx)
{
    float r = ctx->m.timeline.marker_r, t = fmaxf(2, r * 0.45f);
    return r * 2.2f + t * 6.0f - r;
}

/* What a marker cannot say by its place alone: a SPAN's bar across its
 * years, and an AFTER date's open tail to the right, thinning into dots (the
 * event is somewhere later; the card says "after ..."). */
static void draw_bound(ui_ctx *ctx, size_t i, float x, float y)
{
    const bundle_event *e = &ctx->b->events[i];
    const tlview *v = &ctx->sc.timeline.view;
    float r = ctx->m.timeline.marker_r, t = fmaxf(2, r * 0.45f);
    dl_colour c = ctx->pal.category[e->category];
    if (e->when == BUNDLE_WHEN_SPAN) {
        float x0 = tlview_screen_x(v, timescale_units(&v->ts, timescale_date_start(&e->date)));
        float x1 = tlview_screen_x(v, timescale_units(&v->ts, timescale_date_end(&e->date_to)));
        /* Under the marker row, clear of its label: a thin bar with end ticks. */
        float by = y + r * 1.35f, bt = fmaxf(2, t * 0.6f);
        ui_fill(ctx, (ui_rect){x0, by - bt / 2, fmaxf(x1 - x0, bt), bt}, c);
        ui_fill(ctx, (ui_rect){x0, by - r * 0.6f, bt, r * 0.6f + bt / 2}, c);
        ui_fill(ctx, (ui_rect){x1 - bt, by - r * 0.6f, bt, r * 0.6f + bt / 2}, c);
    } else if (e->when == BUNDLE_WHEN_AFTER) {
        float len = r * 2.2f;
        ui_fill(ctx, (ui_rect){x, y - t / 2, len, t}, c);
        for (int k = 0; k < 3; k++)
            ui_circle(ctx, x + len + t * (1.2f + 2.2f * (float)k), y, t * 0.5f, c);
    }
}

static void draw_markers(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const timeline_state *tl = &ctx->sc.timeline;
    const tlview *v = &tl->view;
    float r = ctx->m.timeline.marker_r, u = ctx->m.u;
    /* Labels where there is room before the next marker of the same row. */
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (size_t i = 0; i < b->event_count; i++) {
        if (!tlview_visible(v, i))
            continue;
        float x = tlview_screen_x(v, v->units[i]);
        if (x < -r * 30 || x > ctx->w + r)
            continue;
        float y = marker_y(ctx, i);
        float room = ctx->w - x;
        for (size_t j = i + 1; j < b->event_count; j++) {
            if (tlview_visible(v, j) && b->events[j].track == b->events[i].track && v->level[j] == v->level[i]) {
                room = tlview_screen_x(v, v->units[j]) - x;
                break;
            }
        }
        const bundle_event *e = &b->events[i];
        float lead = e->when == BUNDLE_WHEN_AFTER ? bound_tail(ctx) : 0;
        room -= r * 2 + u * 2 + lead;
        if (room > u * 14) {
            /* A bound leads its label, so a cut label still says it (a span
             * shows itself by its bar). */
            char label[BUNDLE_MAX_TITLE_EN * 4 + 128];
            const char *text = e->title.s[ctx->lang];
            if (e->when == BUNDLE_WHEN_AFTER) {
                char d[96];
                date_display(e->when, &e->date, &e->date_to, ctx->lang, d, sizeof d);
                snprintf(label, sizeof label, "%s · %s", d, text);
                text = label;
            }
            const text_layout *l = ui_layout(ctx, text, fminf(room, u * 40), &o);
            if (l && x + r + u + lead + l->max_line_width > 0)
                ui_draw_layout(ctx, l, x + r + u + lead, y - ui_text_size(ctx, STYLE_CAPTION) * 0.75f, p->text);
        }
    }
    for (size_t i = 0; i < b->event_count; i++) {
        if (!tlview_visible(v, i))
            continue;
        float x = tlview_screen_x(v, v->units[i]);
        if (x <= -r || x >= ctx->w + r)
            continue;
        float y = marker_y(ctx, i);
        draw_bound(ctx, i, x, y);
        if ((long)i == tl->selected)
            ui_circle(ctx, x, y, r * 1.6f, p->text);
        ui_circle(ctx, x, y, r + 1 + u * 0.2f, p->bg);
        ui_circle(ctx, x, y, r, p->category[b->events[i].category]);
        if (b->events[i].highlight)
            ui_circle(ctx, x, y, r * 0.4f, p->bg);
    }
}

static void draw_lane_labels(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    float u = ctx->m.u;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (int t = 0; t < BUNDLE_TRACK_COUNT; t++) {
        const char *s = ui_str(ctx, track_key((bundle_track)t));
        float w = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        float y = ctx->m.timeline.lanes.y + ctx->m.timeline.lane_h * t + u;
        ui_round(ctx, (ui_rect){u, y, w + u * 2, u * 5}, u, p->bg);
        ui_text(ctx, s, u * 2, y + u * 0.6f, w + u, &o, p->muted);
    }
}

static void draw_minimap(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &ctx->sc.timeline.view;
    ui_rect m = ctx->m.timeline.minimap;
    float u = ctx->m.u;
    double total = timescale_total(&v->ts);
    ui_round(ctx, m, u, p->surface);
    for (size_t i = 0; i < ctx->b->event_count; i++) {
        if (!tlview_visible(v, i))
            continue;
        float x = m.x + (float)(v->units[i] / total) * m.w;
        ui_fill(ctx, (ui_rect){x - 1, m.y + m.h * 0.25f, 2 + u * 0.15f, m.h * 0.5f},
                p->category[ctx->b->events[i].category]);
    }
    float a = (float)(v->pan.pos / v->scale / total), b = (float)((v->pan.pos + v->view_w) / v->scale / total);
    a = fmaxf(a, 0);
    b = fminf(b, 1);
    /* The visible window: a frame of four bars over the strip. */
    float t = 2 + u * 0.2f, wx = m.x + a * m.w, ww = fmaxf((b - a) * m.w, u * 2);
    ui_fill(ctx, (ui_rect){wx, m.y, ww, t}, p->text);
    ui_fill(ctx, (ui_rect){wx, m.y + m.h - t, ww, t}, p->text);
    ui_fill(ctx, (ui_rect){wx, m.y, t, m.h}, p->text);
    ui_fill(ctx, (ui_rect){wx + ww - t, m.y, t, m.h}, p->text);
    float tx = m.x + (float)(v->today_units / total) * m.w;
    ui_fill(ctx, (ui_rect){tx - 1, m.y, 2, m.h}, p->accent);
}

static void draw_card(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const bundle_event *e = &b->events[ctx->sc.timeline.selected];
    const ui_metrics *m = &ctx->m;
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
    char date[96];
    date_display(e->when, &e->date, &e->date_to, ctx->lang, date, sizeof date);
    ui_text_opts dt = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
    y += ui_text(ctx, date, x, y, m->timeline.card_close.x - x - u * 2, &dt, p->category[e->category]);
    char meta[256];
    snprintf(meta, sizeof meta, "%s · %s", ui_str(ctx, category_key(e->category)), ui_str(ctx, track_key(e->track)));
    ui_text_opts mo = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += u;
    y += ui_text(ctx, meta, x, y, w, &mo, p->muted) + u * 2;
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, UI_HEADING_LINES};
    y += ui_text(ctx, e->title.s[ctx->lang], x, y, w, &to, p->text) + u * 2;
    ui_text_opts so = {STYLE_BODY, 0, TEXT_ALIGN_START, true, 0};
    y += ui_text(ctx, e->summary.s[ctx->lang], x, y, w, &so, p->text) + u * 3;
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

static void timeline_draw(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const ui_metrics *m = &ctx->m;
    const tlview *v = &ctx->sc.timeline.view;
    float u = m->u;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);
    draw_eras(ctx);
    draw_lanes(ctx);
    draw_today(ctx);
    draw_markers(ctx);
    draw_axis(ctx);
    draw_lane_labels(ctx);

    /* Top: bar and filter chips over whatever scrolled beneath. */
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, m->timeline.eras.y - u}, p->bg);
    ui_back_button(ctx, m->back);
    ui_lang_toggle(ctx, m->lang);
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_CENTRE, false, 1};
    const ui_rect *title = &m->timeline.title;
    const text_layout *l = ui_layout(ctx, ui_str(ctx, "timeline"), title->w, &to);
    if (l)
        ui_draw_layout(ctx, l, title->x, title->y + (title->h - l->height) / 2, p->text);
    bool all = tlview_all_shown(v);
    int cs = ui_text_size(ctx, STYLE_CAPTION);
    ui_chip(ctx, ui_metrics_chip(m, BUNDLE_CAT_COUNT + 1, 0), ui_str(ctx, "all_categories"), p->accent, all, cs);
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        ui_chip(ctx, ui_metrics_chip(m, BUNDLE_CAT_COUNT + 1, (size_t)c + 1),
                ui_str(ctx, category_key((bundle_category)c)), p->category[c], v->cat_on[c] && !all, cs);

    float mini_y = m->timeline.minimap.y;
    ui_fill(ctx, (ui_rect){0, mini_y - u * 2, (float)ctx->w, ctx->h - mini_y + u * 2}, p->bg);
    draw_minimap(ctx);
    ui_button(ctx, m->timeline.zoom_out, "−", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
    ui_button(ctx, m->timeline.zoom_in, "+", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
    if (ctx->sc.timeline.selected >= 0)
        draw_card(ctx);
}

const ui_scene scene_timeline = {
    .name = "timeline",
    .enter = timeline_enter,
    .layout = timeline_layout,
    .gesture = timeline_gesture,
    .key = timeline_key,
    .update = timeline_update,
    .draw = timeline_draw,
};
