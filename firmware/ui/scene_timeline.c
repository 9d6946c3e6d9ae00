/* Timeline: the dialogues from 1972 to today on one horizontal axis.
 *
 *   top bar    back, title, language
 *   chips      a filter per event category (and "all")
 *   eras       labelled spans of the axis; a label sticks to the left edge
 *              while its era is on screen, so it is legible at every zoom
 *   lanes      one per track (government, Track 2, multilateral); markers
 *              coloured by category, stacked when they would overlap
 *   axis       year ticks, labelled as densely as they fit; "today"
 *   minimap    the whole axis with the visible window; tap to jump
 *
 * The scale compresses empty years (core/timescale.h). Drag pans with
 * inertia and snaps so that an event comes to rest at the centre; pinch (or
 * the +/- buttons) zooms between the overview (everything on screen) and
 * year detail (the busiest year fills most of the width) about the fingers'
 * centre. Tapping a marker opens its detail card: date, title, summary, the
 * supporting quotes with their articles, and "read the article", which opens
 * the reader at that article.
 *
 * Targets (markers move when the view moves) are rebuilt every frame while
 * the view moves and traced once it comes to rest. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "content/timescale.h"
#include "ui/kinetic.h"
#include "ui/scenes.h"
#include "ui/widgets.h"

#define TL_FIRST_YEAR 1972
#define TL_DETAIL_FILL 0.8f     /* the busiest year fills this much of the width at full zoom */
#define TL_ZOOM_STEP 1.8f       /* one press of + or - */
#define TL_ZOOM_ANIM_RATE 10.0  /* 1/s: how fast button zooms ease in */
#define TL_STACK_LEVELS 5       /* markers of a lane stack up to this many rows */
#define TL_QUOTE_LINES 5        /* lines of each quote on the detail card */

static struct {
    timescale ts;
    int today_y, today_m, today_d;
    double today_units;
    float scale, scale_min, scale_max;   /* px per unit */
    float zoom_target;                   /* button zoom: eases scale towards this (0: none) */
    float zoom_cx;                       /* ... about this screen x */
    kinetic pan;                         /* pos = px of the axis left of the view */
    float x0, view_w;                    /* the view on screen */
    bool cat_on[BUNDLE_CAT_COUNT];
    long selected;                       /* event on the detail card, or -1 */
    bool settled;                        /* targets traced since the view stopped */
    /* pinch */
    bool pinching;
    float pinch_scale0, pinch_anchor;
    /* per event, at the current scale */
    double units[BUNDLE_MAX_EVENTS];
    unsigned char level[BUNDLE_MAX_EVENTS];
    /* geometry */
    ui_rect back, lang, title, chips[BUNDLE_CAT_COUNT + 1], eras, lanes, axis, minimap, zin, zout;
    ui_rect card, card_close, card_read;
    float lane_h, marker_r;
} tl;

/* ---- helpers ------------------------------------------------------------ */

static float screen_x(double units) { return tl.x0 + (float)(units * tl.scale) - tl.pan.pos; }

static bool visible(const ui_ctx *ctx, size_t i)
{
    return tl.cat_on[ctx->b->events[i].category];
}

static float lane_y(size_t track) { return tl.lanes.y + tl.lane_h * ((float)track + 0.5f); }

static float marker_y(const ui_ctx *ctx, size_t i)
{
    static const float off[TL_STACK_LEVELS] = {0, -1, 1, -2, 2};
    float step = fminf(tl.marker_r * 2.3f, tl.lane_h / 5.2f);
    return lane_y(ctx->b->events[i].track) + off[tl.level[i] % TL_STACK_LEVELS] * step;
}

/* Stacks markers of a lane that would overlap at this scale. */
static void restack(const ui_ctx *ctx)
{
    double last[BUNDLE_TRACK_COUNT][TL_STACK_LEVELS];
    for (int t = 0; t < BUNDLE_TRACK_COUNT; t++)
        for (int l = 0; l < TL_STACK_LEVELS; l++)
            last[t][l] = -1e9;
    double minsep = tl.marker_r * 2.2 / tl.scale;
    for (size_t i = 0; i < ctx->b->event_count; i++) {
        if (!visible(ctx, i))
            continue;
        int t = ctx->b->events[i].track, l = 0;
        while (l < TL_STACK_LEVELS - 1 && tl.units[i] - last[t][l] < minsep)
            l++;
        tl.level[i] = (unsigned char)l;
        last[t][l] = tl.units[i];
    }
}

static void set_bounds(void)
{
    float max = (float)(timescale_total(&tl.ts) * tl.scale) - tl.view_w;
    kinetic_set_bounds(&tl.pan, 0, max > 0 ? max : 0);
}

/* Snap points: each visible event at the centre of the view. */
static void set_snaps(const ui_ctx *ctx)
{
    static float pts[KINETIC_MAX_SNAPS];
    size_t n = 0;
    for (size_t i = 0; i < ctx->b->event_count && n < KINETIC_MAX_SNAPS; i++)
        if (visible(ctx, i))
            pts[n++] = (float)(tl.units[i] * tl.scale) - tl.view_w / 2;
    kinetic_set_snaps(&tl.pan, pts, n);
}

/* Sets the scale keeping the axis point under screen x `cx` in place. */
static void zoom_about(const ui_ctx *ctx, float scale, float cx)
{
    if (scale < tl.scale_min)
        scale = tl.scale_min;
    if (scale > tl.scale_max)
        scale = tl.scale_max;
    double anchor = (cx - tl.x0 + tl.pan.pos) / tl.scale;
    tl.scale = scale;
    set_bounds();
    kinetic_jump(&tl.pan, (float)(anchor * scale) - (cx - tl.x0));
    restack(ctx);
}

static float zoom_level(void)
{
    if (tl.scale_max <= tl.scale_min)
        return 0;
    return (float)(log(tl.scale / tl.scale_min) / log(tl.scale_max / tl.scale_min));
}

static void trace_zoom(ui_ctx *ctx)
{
    jsonw *w = trace_begin(ctx->tr, ctx->now, "zoom");
    if (w) {
        jsonw_key(w, "level");
        jsonw_fixed(w, zoom_level(), 3);
        jsonw_key(w, "px_per_year");
        jsonw_fixed(w, tl.scale * timescale_widest_year(&tl.ts), 1);
        trace_end(ctx->tr);
    }
}

static void format_date(const ui_ctx *ctx, const bundle_date *d, char *buf, size_t len)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    if (ctx->lang == BUNDLE_ZH) {
        if (d->precision == BUNDLE_YEAR)
            snprintf(buf, len, "%d年", d->year);
        else if (d->precision == BUNDLE_MONTH)
            snprintf(buf, len, "%d年%d月", d->year, d->month);
        else
            snprintf(buf, len, "%d年%d月%d日", d->year, d->month, d->day);
    } else {
        if (d->precision == BUNDLE_YEAR)
            snprintf(buf, len, "%d", d->year);
        else if (d->precision == BUNDLE_MONTH)
            snprintf(buf, len, "%s %d", months[d->month - 1], d->year);
        else
            snprintf(buf, len, "%d %s %d", d->day, months[d->month - 1], d->year);
    }
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

static void add_targets(ui_ctx *ctx)
{
    target_list *tg = &ctx->targets;
    targets_clear(tg);
    if (tl.selected >= 0) {
        targets_add(tg, "close", tl.card_close.x, tl.card_close.y, tl.card_close.w, tl.card_close.h);
        targets_add(tg, "read-article", tl.card_read.x, tl.card_read.y, tl.card_read.w, tl.card_read.h);
        return;
    }
    targets_add(tg, "back", tl.back.x, tl.back.y, tl.back.w, tl.back.h);
    targets_add(tg, "lang", tl.lang.x, tl.lang.y, tl.lang.w, tl.lang.h);
    targets_add(tg, "filter:all", tl.chips[0].x, tl.chips[0].y, tl.chips[0].w, tl.chips[0].h);
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++) {
        char id[TARGETS_ID_MAX];
        snprintf(id, sizeof id, "filter:%s", bundle_category_name((bundle_category)c));
        ui_rect r = tl.chips[c + 1];
        targets_add(tg, id, r.x, r.y, r.w, r.h);
    }
    targets_add(tg, "zoom-out", tl.zout.x, tl.zout.y, tl.zout.w, tl.zout.h);
    targets_add(tg, "zoom-in", tl.zin.x, tl.zin.y, tl.zin.w, tl.zin.h);
    targets_add(tg, "minimap", tl.minimap.x, tl.minimap.y, tl.minimap.w, tl.minimap.h);
    float d = tl.marker_r * 2;
    for (size_t i = 0; i < ctx->b->event_count; i++) {
        if (!visible(ctx, i))
            continue;
        float x = screen_x(tl.units[i]);
        if (x < tl.x0 - d || x > tl.x0 + tl.view_w + d)
            continue;
        targets_add(tg, ctx->b->events[i].id, x - d / 2, marker_y(ctx, i) - d / 2, d, d);
    }
}

/* ---- scene -------------------------------------------------------------- */

static void timeline_enter(ui_ctx *ctx)
{
    time_t now = ui_wall(ctx);
    struct tm tmv;
    gmtime_r(&now, &tmv);
    tl.today_y = tmv.tm_year + 1900;
    tl.today_m = tmv.tm_mon + 1;
    tl.today_d = tmv.tm_mday;
    int last = tl.today_y;
    if (ctx->b->event_count && ctx->b->events[ctx->b->event_count - 1].date.year > last)
        last = ctx->b->events[ctx->b->event_count - 1].date.year;
    int first = TL_FIRST_YEAR;
    if (ctx->b->event_count && ctx->b->events[0].date.year < first)
        first = ctx->b->events[0].date.year;
    timescale_build(&tl.ts, ctx->b, first, last);
    bundle_date td = {tl.today_y, tl.today_m, tl.today_d, BUNDLE_DAY};
    tl.today_units = timescale_units(&tl.ts, timescale_year_of(&td));
    for (size_t i = 0; i < ctx->b->event_count; i++)
        tl.units[i] = timescale_units(&tl.ts, timescale_year_of(&ctx->b->events[i].date));
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        tl.cat_on[c] = true;
    tl.selected = -1;
    tl.scale = 0; /* overview, set in layout once the size is known */
    tl.zoom_target = 0;
    tl.pinching = false;
    kinetic_init(&tl.pan, 0, 0, (float)ctx->w);
}

static void card_layout(ui_ctx *ctx)
{
    float u = ctx->u, m = ui_margin(ctx);
    float w = ctx->w >= ctx->h ? fminf(ctx->w * 0.72f, (float)ui_text_size(ctx, STYLE_BODY) * 44) : ctx->w - 2 * m;
    float h = ctx->h - 2 * m - u * 4;
    tl.card = (ui_rect){(ctx->w - w) / 2, (ctx->h - h) / 2, w, h};
    float bh = u * 9;
    tl.card_close = (ui_rect){tl.card.x + tl.card.w - u * 18 - u * 3, tl.card.y + u * 3, u * 18, u * 8};
    tl.card_read = (ui_rect){tl.card.x + u * 5, tl.card.y + tl.card.h - bh - u * 4, fminf(u * 44, w - u * 10), bh};
}

static void timeline_layout(ui_ctx *ctx)
{
    float u = ctx->u, m = ui_margin(ctx);
    tl.back = ui_back_rect(ctx);
    tl.lang = ui_lang_rect(ctx);
    tl.title = (ui_rect){tl.back.x + tl.back.w + u * 2, tl.back.y, tl.lang.x - tl.back.x - tl.back.w - u * 4, tl.back.h};
    float chip_y = u * 12, chip_h = u * 7, gap = u * 1.5f;
    float cw = (ctx->w - 2 * m - gap * BUNDLE_CAT_COUNT) / (BUNDLE_CAT_COUNT + 1);
    for (int c = 0; c <= BUNDLE_CAT_COUNT; c++)
        tl.chips[c] = (ui_rect){m + c * (cw + gap), chip_y, cw, chip_h};
    float mini_h = u * 6, axis_h = u * 9, era_h = u * 7;
    tl.minimap = (ui_rect){m, ctx->h - m * 0.6f - mini_h, ctx->w - 2 * m - u * 24, mini_h};
    tl.zout = (ui_rect){ctx->w - m - u * 22, tl.minimap.y - u, u * 10, u * 8};
    tl.zin = (ui_rect){ctx->w - m - u * 10, tl.minimap.y - u, u * 10, u * 8};
    tl.axis = (ui_rect){0, tl.minimap.y - u * 3 - axis_h, (float)ctx->w, axis_h};
    tl.eras = (ui_rect){0, chip_y + chip_h + u * 3, (float)ctx->w, era_h};
    tl.lanes = (ui_rect){0, tl.eras.y + era_h, (float)ctx->w, tl.axis.y - tl.eras.y - era_h};
    tl.lane_h = tl.lanes.h / BUNDLE_TRACK_COUNT;
    tl.marker_r = fmaxf(u * 1.4f, 2.0f * ctx->px_per_mm);
    tl.x0 = m;
    tl.view_w = ctx->w - 2 * m;
    tl.pan.viewport = tl.view_w;

    double total = timescale_total(&tl.ts);
    float old_min = tl.scale_min;
    tl.scale_min = (float)(tl.view_w / total);
    tl.scale_max = fmaxf(tl.scale_min * 1.5f, (float)(tl.view_w * TL_DETAIL_FILL / timescale_widest_year(&tl.ts)));
    if (tl.scale <= 0 || tl.scale <= old_min * 1.0001f)
        tl.scale = tl.scale_min; /* first layout, or still at overview: fit */
    zoom_about(ctx, tl.scale, tl.x0);
    set_snaps(ctx);
    card_layout(ctx);
    add_targets(ctx);
    tl.settled = true;
}

static void select_event(ui_ctx *ctx, long i)
{
    if (i == tl.selected)
        return;
    tl.selected = i;
    if (i >= 0) {
        jsonw *w = trace_begin(ctx->tr, ctx->now, "select");
        if (w) {
            jsonw_key(w, "kind");
            jsonw_str(w, "event");
            jsonw_key(w, "id");
            jsonw_str(w, ctx->b->events[i].id);
            trace_end(ctx->tr);
        }
        stats_count(ctx->st, STATS_EVENT, ctx->b->events[i].id, ui_wall(ctx));
    } else {
        ui_trace_str(ctx, "detail", "phase", "close");
    }
    ui_relayout(ctx);
}

static void toggle_filter(ui_ctx *ctx, int c)
{
    if (c < 0) {
        for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
            tl.cat_on[k] = true;
    } else {
        tl.cat_on[c] = !tl.cat_on[c];
        bool any = false;
        for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
            any |= tl.cat_on[k];
        if (!any) /* an empty timeline helps nobody: turning the last one off shows all */
            for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
                tl.cat_on[k] = true;
    }
    jsonw *w = trace_begin(ctx->tr, ctx->now, "filter");
    if (w) {
        jsonw_key(w, "categories");
        jsonw_arr_begin(w);
        for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
            if (tl.cat_on[k])
                jsonw_str(w, bundle_category_name((bundle_category)k));
        jsonw_arr_end(w);
        trace_end(ctx->tr);
    }
    restack(ctx);
    set_snaps(ctx);
    ui_relayout(ctx);
}

static void button_zoom(ui_ctx *ctx, float factor)
{
    float base = tl.zoom_target > 0 ? tl.zoom_target : tl.scale;
    float t = base * factor;
    tl.zoom_target = fminf(fmaxf(t, tl.scale_min), tl.scale_max);
    tl.zoom_cx = tl.x0 + tl.view_w / 2;
    if (ctx->reduced_motion) {
        zoom_about(ctx, tl.zoom_target, tl.zoom_cx);
        tl.zoom_target = 0;
        set_snaps(ctx);
        trace_zoom(ctx);
        ui_relayout(ctx);
    }
    ctx->dirty = true;
}

static void tap(ui_ctx *ctx, float x, float y)
{
    const target *t = targets_hit(&ctx->targets, x, y);
    if (tl.selected >= 0) {
        if (t && strcmp(t->id, "read-article") == 0) {
            const bundle_event *e = &ctx->b->events[tl.selected];
            ui_trace_str(ctx, "read_article", "article", ctx->b->articles[e->sources[0].article].id);
            scene_reader_open_article(e->sources[0].article);
            ui_set_scene(ctx, &scene_reader);
        } else if (t || x < tl.card.x || x > tl.card.x + tl.card.w || y < tl.card.y ||
                   y > tl.card.y + tl.card.h) {
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
        double units = (x - tl.minimap.x) / tl.minimap.w * timescale_total(&tl.ts);
        kinetic_release(&tl.pan, 0);
        kinetic_jump(&tl.pan, (float)(units * tl.scale) - tl.view_w / 2);
        tl.settled = false;
        ctx->dirty = true;
    } else {
        long i = bundle_find_event(ctx->b, t->id);
        if (i >= 0)
            select_event(ctx, i);
    }
}

static void timeline_gesture(ui_ctx *ctx, const gesture_event *g)
{
    switch (g->type) {
    case GESTURE_TAP:
        tap(ctx, g->x, g->y);
        return;
    case GESTURE_PAN_BEGIN:
        if (tl.selected >= 0)
            return;
        kinetic_grab(&tl.pan);
        kinetic_drag(&tl.pan, -g->total_x);
        tl.settled = false;
        break;
    case GESTURE_PAN_MOVE:
        if (tl.selected >= 0)
            return;
        kinetic_drag(&tl.pan, -g->dx);
        break;
    case GESTURE_PAN_END:
        if (tl.selected >= 0)
            return;
        kinetic_drag(&tl.pan, -g->dx);
        kinetic_release(&tl.pan, -g->vx);
        break;
    case GESTURE_PINCH_BEGIN:
        if (tl.selected >= 0)
            return;
        tl.pinching = true;
        tl.zoom_target = 0;
        tl.pinch_scale0 = tl.scale;
        kinetic_grab(&tl.pan);
        tl.settled = false;
        break;
    case GESTURE_PINCH_MOVE:
        if (!tl.pinching)
            return;
        zoom_about(ctx, tl.pinch_scale0 * g->scale, g->x);
        break;
    case GESTURE_PINCH_END:
        if (!tl.pinching)
            return;
        tl.pinching = false;
        set_snaps(ctx);
        kinetic_release(&tl.pan, 0);
        trace_zoom(ctx);
        break;
    case GESTURE_CANCEL:
        tl.pinching = false;
        kinetic_release(&tl.pan, 0);
        break;
    default:
        return;
    }
    ctx->dirty = true;
}

static void timeline_key(ui_ctx *ctx, const char *key)
{
    if (strcmp(key, "escape") == 0 || strcmp(key, "backspace") == 0) {
        if (tl.selected >= 0)
            select_event(ctx, -1);
        else
            ui_set_scene(ctx, &scene_home);
    } else if (strcmp(key, "left") == 0 || strcmp(key, "right") == 0) {
        kinetic_release(&tl.pan, (strcmp(key, "right") == 0 ? 1.0f : -1.0f) * tl.view_w * 1.2f);
        tl.settled = false;
        ctx->dirty = true;
    } else if (strcmp(key, "=") == 0 || strcmp(key, "+") == 0) {
        button_zoom(ctx, TL_ZOOM_STEP);
    } else if (strcmp(key, "-") == 0) {
        button_zoom(ctx, 1 / TL_ZOOM_STEP);
    }
}

static void timeline_update(ui_ctx *ctx)
{
    tl.pan.reduced_motion = ctx->reduced_motion;
    bool moving = kinetic_step(&tl.pan, ctx->dt);
    if (tl.zoom_target > 0) {
        float f = 1.0f - (float)exp(-TL_ZOOM_ANIM_RATE * ctx->dt);
        float s = tl.scale + (tl.zoom_target - tl.scale) * f;
        if (fabsf(s - tl.zoom_target) < tl.zoom_target * 0.002f) {
            s = tl.zoom_target;
            tl.zoom_target = 0;
        }
        zoom_about(ctx, s, tl.zoom_cx);
        if (tl.zoom_target == 0) {
            set_snaps(ctx);
            trace_zoom(ctx);
        }
        moving = true;
    }
    bool busy = moving || tl.pinching || tl.pan.phase == KINETIC_DRAGGING;
    if (busy) {
        ctx->animating = moving;
        ctx->dirty = true;
        tl.settled = false;
        add_targets(ctx); /* hit testing follows the markers */
    } else if (!tl.settled) {
        tl.settled = true;
        add_targets(ctx);
        jsonw *w = trace_begin(ctx->tr, ctx->now, "view");
        if (w) {
            /* Where the view came to rest: the year at its centre, the zoom. */
            jsonw_key(w, "year");
            jsonw_fixed(w, timescale_year_at(&tl.ts, (tl.pan.pos + tl.view_w / 2) / tl.scale), 2);
            jsonw_key(w, "level");
            jsonw_fixed(w, zoom_level(), 3);
            trace_end(ctx->tr);
        }
        targets_trace(&ctx->targets, ctx->tr, ctx->now, "timeline");
        ctx->dirty = true;
    }
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_eras(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (size_t i = 0; i < b->era_count; i++) {
        const bundle_era *e = &b->eras[i];
        float xa = screen_x(timescale_year_start(&tl.ts, e->from.year));
        float xb = screen_x(timescale_year_start(&tl.ts, e->to.year + 1));
        if (xb < 0 || xa > ctx->w)
            continue;
        ui_fill(ctx, (ui_rect){xa, tl.eras.y, xb - xa, tl.eras.h + tl.lanes.h},
                i % 2 ? p->bg : ui_alpha(p->surface, 0.9f));
        /* Sticky label: at the era's start, or held at the left edge of the
         * view while the era continues, and never past the era's end. */
        const text_layout *l = ui_layout(ctx, e->title.s[ctx->lang], fmaxf(xb - xa - ctx->u * 2, ctx->u * 6), &o);
        if (!l)
            continue;
        float lx = fmaxf(xa + ctx->u, tl.x0);
        if (lx + l->max_line_width > xb - ctx->u)
            lx = xb - ctx->u - l->max_line_width;
        ui_draw_layout(ctx, l, lx, tl.eras.y + (tl.eras.h - l->height) / 2, p->accent);
    }
    ui_fill(ctx, (ui_rect){0, tl.eras.y + tl.eras.h - 1, (float)ctx->w, 1 + ctx->u * 0.15f}, p->line);
}

static void draw_lanes(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    for (int t = 1; t < BUNDLE_TRACK_COUNT; t++)
        ui_fill(ctx, (ui_rect){0, tl.lanes.y + tl.lane_h * t, (float)ctx->w, 1}, ui_alpha(p->line, 0.6f));
}

static void draw_axis(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    float u = ctx->u;
    ui_fill(ctx, (ui_rect){0, tl.axis.y, (float)ctx->w, 1 + u * 0.2f}, p->line);
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    float label_w = ui_text_width(ctx, "2000", STYLE_CAPTION, 0);
    float last = -1e9f;
    for (int y = tl.ts.first_year; y <= tl.ts.last_year; y++) {
        float x = screen_x(timescale_year_start(&tl.ts, y));
        float next = screen_x(timescale_year_start(&tl.ts, y + 1));
        if (next < 0 || x > ctx->w)
            continue;
        bool decade = y % 10 == 0;
        float tick = decade ? u * 2 : u;
        if (next - x > 2 || decade)
            ui_fill(ctx, (ui_rect){x, tl.axis.y, 1, tick}, p->muted);
        if (x - last >= label_w * 1.5f && x + label_w <= ctx->w) {
            char s[16];
            snprintf(s, sizeof s, "%d", y);
            ui_text(ctx, s, x + 2, tl.axis.y + u * 2.2f, label_w * 1.4f, &o, decade ? p->text : p->muted);
            last = x;
        }
    }
}

static void draw_today(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    float u = ctx->u, x = screen_x(tl.today_units);
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    const char *label = ui_str(ctx, "today");
    float w = ui_text_width(ctx, label, STYLE_CAPTION, 0);
    if (x > ctx->w - u) {
        /* Off to the right: an edge marker keeps "today" findable. */
        char s[64];
        snprintf(s, sizeof s, "%s →", label);
        float sw = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        ui_text(ctx, s, ctx->w - sw - u, tl.axis.y + u * 2.2f, sw + u, &o, p->accent);
        return;
    }
    for (float y = tl.eras.y; y < tl.axis.y; y += u * 2)
        ui_fill(ctx, (ui_rect){x - 1, y, 2 + u * 0.1f, u}, p->accent);
    /* The label hangs from the line's top, in the era band, on the side of
     * the line with room, clear of the year labels and the markers. */
    float lx = x + u * 0.6f + w + u > ctx->w ? x - u * 0.6f - w : x + u * 0.6f;
    float ly = tl.eras.y + (tl.eras.h - u * 4) / 2;
    ui_round(ctx, (ui_rect){lx - u * 0.5f, ly, w + u, u * 4}, u, p->accent);
    ui_text(ctx, label, lx, ly + (u * 4 - ui_text_size(ctx, STYLE_CAPTION) * 1.5f) / 2, w + u, &o, p->on_accent);
}

static void draw_markers(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    float r = tl.marker_r, u = ctx->u;
    /* Labels where there is room before the next marker of the same row. */
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (size_t i = 0; i < b->event_count; i++) {
        if (!visible(ctx, i))
            continue;
        float x = screen_x(tl.units[i]);
        if (x < -r * 30 || x > ctx->w + r)
            continue;
        float y = marker_y(ctx, i);
        float room = ctx->w - x;
        for (size_t j = i + 1; j < b->event_count; j++) {
            if (visible(ctx, j) && b->events[j].track == b->events[i].track && tl.level[j] == tl.level[i]) {
                room = screen_x(tl.units[j]) - x;
                break;
            }
        }
        room -= r * 2 + u * 2;
        if (room > u * 14) {
            float w = fminf(room, u * 40);
            ui_text(ctx, b->events[i].title.s[ctx->lang], x + r + u, y - ui_text_size(ctx, STYLE_CAPTION) * 0.75f, w,
                    &o, p->text);
        }
    }
    for (size_t i = 0; i < b->event_count; i++) {
        if (!visible(ctx, i))
            continue;
        float x = screen_x(tl.units[i]);
        if (x < -r || x > ctx->w + r)
            continue;
        float y = marker_y(ctx, i);
        if ((long)i == tl.selected)
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
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (int t = 0; t < BUNDLE_TRACK_COUNT; t++) {
        const char *s = ui_str(ctx, track_key((bundle_track)t));
        float w = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        float y = tl.lanes.y + tl.lane_h * t + ctx->u;
        ui_round(ctx, (ui_rect){ctx->u, y, w + ctx->u * 2, ctx->u * 5}, ctx->u, p->bg);
        ui_text(ctx, s, ctx->u * 2, y + ctx->u * 0.6f, w + ctx->u, &o, p->muted);
    }
}

static void draw_minimap(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    ui_rect m = tl.minimap;
    double total = timescale_total(&tl.ts);
    ui_round(ctx, m, ctx->u, p->surface);
    for (size_t i = 0; i < ctx->b->event_count; i++) {
        if (!visible(ctx, i))
            continue;
        float x = m.x + (float)(tl.units[i] / total) * m.w;
        ui_fill(ctx, (ui_rect){x - 1, m.y + m.h * 0.25f, 2 + ctx->u * 0.15f, m.h * 0.5f},
                p->category[ctx->b->events[i].category]);
    }
    float a = (float)(tl.pan.pos / tl.scale / total), b = (float)((tl.pan.pos + tl.view_w) / tl.scale / total);
    a = fmaxf(a, 0);
    b = fminf(b, 1);
    /* The visible window: a frame of four bars over the strip. */
    float t = 2 + ctx->u * 0.2f, wx = m.x + a * m.w, ww = fmaxf((b - a) * m.w, ctx->u * 2);
    ui_fill(ctx, (ui_rect){wx, m.y, ww, t}, p->text);
    ui_fill(ctx, (ui_rect){wx, m.y + m.h - t, ww, t}, p->text);
    ui_fill(ctx, (ui_rect){wx, m.y, t, m.h}, p->text);
    ui_fill(ctx, (ui_rect){wx + ww - t, m.y, t, m.h}, p->text);
    float tx = m.x + (float)(tl.today_units / total) * m.w;
    ui_fill(ctx, (ui_rect){tx - 1, m.y, 2, m.h}, p->accent);
}

static void draw_card(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const bundle_event *e = &b->events[tl.selected];
    float u = ctx->u, pad = u * 5;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->scrim);
    ui_round(ctx, tl.card, u * 2.5f, p->surface);
    if (ctx->high_contrast)
        ui_outline(ctx, tl.card, u * 2.5f, 2, p->line, p->surface);
    ui_button(ctx, tl.card_close, ui_str(ctx, "close"), UI_BUTTON_SECONDARY, 0);
    float x = tl.card.x + pad, w = tl.card.w - 2 * pad, y = tl.card.y + pad;
    char date[64];
    format_date(ctx, &e->date, date, sizeof date);
    ui_text_opts dt = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
    y += ui_text(ctx, date, x, y, tl.card_close.x - x - u * 2, &dt, p->category[e->category]);
    char meta[256];
    snprintf(meta, sizeof meta, "%s · %s", ui_str(ctx, category_key(e->category)), ui_str(ctx, track_key(e->track)));
    ui_text_opts mo = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += u;
    y += ui_text(ctx, meta, x, y, w, &mo, p->muted) + u * 2;
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 2};
    y += ui_text(ctx, e->title.s[ctx->lang], x, y, w, &to, p->text) + u * 2;
    ui_text_opts so = {STYLE_BODY, 0, TEXT_ALIGN_START, true, 0};
    y += ui_text(ctx, e->summary.s[ctx->lang], x, y, w, &so, p->text) + u * 3;
    /* The supporting quotes: the article's own words, with their source. */
    float limit = tl.card_read.y - u * 3;
    for (size_t s = 0; s < e->source_count && y < limit; s++) {
        const bundle_article *a = &b->articles[e->sources[s].article];
        int qs = ui_text_size(ctx, STYLE_QUOTE);
        int lines = (int)floorf((limit - y - ui_text_size(ctx, STYLE_CAPTION) * 2) / (qs * text_style_line_height(STYLE_QUOTE)));
        if (lines > TL_QUOTE_LINES)
            lines = TL_QUOTE_LINES;
        if (lines < 1)
            break;
        ui_fill(ctx, (ui_rect){x, y, u * 0.6f, qs * text_style_line_height(STYLE_QUOTE) * 1.0f}, p->accent);
        ui_text_opts qo = {STYLE_QUOTE, 0, TEXT_ALIGN_START, true, lines};
        const text_layout *l = ui_layout(ctx, e->sources[s].quote, w - u * 3, &qo);
        ui_draw_layout(ctx, l, x + u * 3, y, p->text);
        y += l->height + u;
        char src[512];
        snprintf(src, sizeof src, "——《%s》", a->title.s[ctx->lang]);
        ui_text_opts ao = {STYLE_CAPTION, 0, TEXT_ALIGN_END, false, 1};
        y += ui_text(ctx, src, x, y, w, &ao, p->muted) + u * 2;
    }
    ui_button(ctx, tl.card_read, ui_str(ctx, "read_article"), UI_BUTTON_PRIMARY, 0);
}

static void timeline_draw(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    float u = ctx->u;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);
    draw_eras(ctx);
    draw_lanes(ctx);
    draw_today(ctx);
    draw_markers(ctx);
    draw_axis(ctx);
    draw_lane_labels(ctx);

    /* Top: bar and filter chips over whatever scrolled beneath. */
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, tl.eras.y - u}, p->bg);
    ui_back_button(ctx, tl.back);
    ui_lang_toggle(ctx, tl.lang);
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_CENTRE, false, 1};
    const text_layout *l = ui_layout(ctx, ui_str(ctx, "timeline"), tl.title.w, &to);
    if (l)
        ui_draw_layout(ctx, l, tl.title.x, tl.title.y + (tl.title.h - l->height) / 2, p->text);
    bool all = true;
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        all &= tl.cat_on[c];
    int cs = ui_text_size(ctx, STYLE_CAPTION);
    ui_chip(ctx, tl.chips[0], ui_str(ctx, "all_categories"), p->accent, all, cs);
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        ui_chip(ctx, tl.chips[c + 1], ui_str(ctx, category_key((bundle_category)c)), p->category[c],
                tl.cat_on[c] && !all, cs);

    ui_fill(ctx, (ui_rect){0, tl.minimap.y - u * 2, (float)ctx->w, ctx->h - tl.minimap.y + u * 2}, p->bg);
    draw_minimap(ctx);
    ui_button(ctx, tl.zout, "−", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
    ui_button(ctx, tl.zin, "+", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
    if (tl.selected >= 0)
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
