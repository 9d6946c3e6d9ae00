#include "app/app.h"

#include <SDL.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/bundle_hooks.h"
#include "content/load.h"
#include "content/diag.h"
#include "core/log.h"
#include "platform/script.h"
#include "ui/stats.h"
#include "core/trace.h"
#include "core/vclock.h"
#include "platform/display.h"
#include "platform/input.h"
#include "platform/render.h"
#include "platform/script_player.h"
#include "text/atlas.h"
#include "text/layout.h"
#include "ui/gesture.h"
#include "ui/overlays.h"
#include "ui/scenes.h"
#include "ui/ui.h"
#include "ui/widgets.h"

#define APP_MAX_ACTIONS 16       /* script shots/quits handled per frame */
#define APP_MAX_WAIT_MS 1000     /* longest sleep in real time */
#define APP_FADE_S 0.3           /* scene change: the new scene fades in */
#define APP_STATS_FLUSH_S 1.0    /* how often the log is asked whether a write is due */
#define APP_DIAG_TEXT_MAX 4096   /* diagnostics shown on the error screen */

typedef struct {
    const kiosk_options *o;
    display *disp;
    trace *tr;
    vclock clock;
    script scr;
    script_player player;
    bool have_script;
    input_state input;
    text_engine *te;
    atlas *at;
    render *rd;
    bundle *b;                   /* the bundle on screen (NULL: error screen) */
    stats *st;
    gesture_state gs;
    idle_overlay idle;
    operator_overlay op;
    ui_ctx ui;
    const ui_scene *shown_scene; /* for the fade-in on scene changes */
    double fade_from;
    unsigned long frames, renders, shots;
    double fps_t0;               /* fps measurement window */
    unsigned long fps_renders;
    double next_flush;
    bool vsync;                  /* presenting is paced by the panel */
    double frame_t0;             /* real time the last frame ended */
} app;

static double real_seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

/* The wall clock at start. SOURCE_DATE_EPOCH (the reproducible-builds
 * convention) pins it, so headless runs and their screenshots do not depend
 * on the day they run (the timeline's "today"). */
static time_t start_wall(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        long long v = strtoll(e, &end, 10);
        if (!*end && v > 0)
            return (time_t)v;
    }
    return time(NULL);
}

/* ---- bundle ------------------------------------------------------------- */

static void trace_bundle(app *a, const char *result, const bundle *b, const char *msg)
{
    jsonw *w = trace_begin(a->tr, a->ui.now, "bundle");
    if (!w)
        return;
    jsonw_key(w, "dir");
    jsonw_str(w, a->o->bundle);
    jsonw_key(w, "result");
    jsonw_str(w, result);
    if (b) {
        jsonw_key(w, "id");
        jsonw_str(w, b->manifest.id);
        jsonw_key(w, "version");
        jsonw_str(w, b->manifest.version);
        jsonw_key(w, "title");
        jsonw_str(w, b->manifest.title.s[BUNDLE_ZH]);
        jsonw_key(w, "excerpts");
        jsonw_int(w, (long long)b->excerpt_count);
        jsonw_key(w, "events");
        jsonw_int(w, (long long)b->event_count);
    }
    if (msg) {
        jsonw_key(w, "message");
        jsonw_str(w, msg);
    }
    trace_end(a->tr);
}

/* Loads the bundle through the same checks as --check. On failure returns
 * NULL and leaves the diagnostics (errors first) in text. */
static bundle *load_bundle(app *a, char *text, size_t len)
{
    bundle_check_opts opts = {.sources = a->o->sources};
    app_bundle_hooks(&opts, a->te);
    diag_list diags;
    diag_init(&diags);
    bundle *b = bundle_load(a->o->bundle, &opts, &diags);
    text[0] = '\0';
    size_t used = 0;
    for (int pass = 0; pass < 2; pass++) { /* errors, then warnings */
        for (size_t i = 0; i < diags.count; i++) {
            const diag *d = &diags.items[i];
            if ((pass == 0) != (d->severity == DIAG_ERROR))
                continue;
            char line[DIAG_MAX_MESSAGE + 256];
            diag_format(d, line, sizeof line);
            if (d->severity == DIAG_ERROR)
                LOG_E("bundle", "%s", line);
            else
                LOG_W("bundle", "%s", line);
            if (used + strlen(line) + 2 < len)
                used += (size_t)snprintf(text + used, len - used, "%s\n", line);
        }
    }
    diag_free(&diags);
    return b;
}

/* ---- ui context --------------------------------------------------------- */

static void apply_bundle(app *a, bundle *b)
{
    bundle *old = a->b;
    a->b = b;
    a->ui.b = b;
    a->ui.lang = b->manifest.default_language;
    a->ui.large_text = b->manifest.large_text || a->o->large_text;
    a->ui.reduced_motion = b->manifest.reduced_motion;
    a->ui.high_contrast = b->manifest.high_contrast;
    ui_update_palette(&a->ui);
    a->ui.last_input = a->ui.now;
    idle_reset(&a->idle);
    ui_set_scene(&a->ui, &scene_attract);
    bundle_free(old); /* after the new scenes entered: nothing points into it */
}

static void reload(app *a)
{
    static char text[APP_DIAG_TEXT_MAX];
    bundle *b = load_bundle(a, text, sizeof text);
    if (!b) {
        /* The exhibit keeps showing the last good content. */
        trace_bundle(a, "refused", NULL, text);
        operator_set_message(&a->op, "reload refused: the bundle has errors (see the log)");
        return;
    }
    trace_bundle(a, "reloaded", b, NULL);
    operator_set_message(&a->op, "reloaded");
    apply_bundle(a, b);
}

static void rotate(app *a)
{
    char err[256];
    int r = (display_rotation(a->disp) + 90) % 360;
    if (!display_set_rotation(a->disp, r, err, sizeof err)) {
        LOG_E("app", "%s", err);
        return;
    }
    display_picture_size(a->disp, &a->ui.w, &a->ui.h);
    a->ui.rotate = r;
    jsonw *w = trace_begin(a->tr, a->ui.now, "rotate");
    if (w) {
        jsonw_key(w, "rotate");
        jsonw_int(w, r);
        jsonw_key(w, "w");
        jsonw_int(w, a->ui.w);
        jsonw_key(w, "h");
        jsonw_int(w, a->ui.h);
        trace_end(a->tr);
    }
    gesture_reset(&a->gs);
    ui_relayout(&a->ui);
}

/* ---- frame -------------------------------------------------------------- */

static void draw(app *a)
{
    ui_ctx *ui = &a->ui;
    display_begin_frame(a->disp);
    render_begin(a->rd);
    if (ui->scene && ui->scene->draw)
        ui->scene->draw(ui);
    if (ui->b) {
        idle_draw(&a->idle, ui);
        operator_draw(&a->op, ui);
    }
    if (a->o->demo)
        demo_draw(ui);
    /* A new scene fades in from the background colour. */
    double f = (ui->now - a->fade_from) / APP_FADE_S;
    if (f < 1 && !ui->reduced_motion) {
        render_colour bg = ui->b ? ui->pal.bg : (render_colour){24, 20, 20, 255};
        ui_fill(ui, (ui_rect){0, 0, (float)ui->w, (float)ui->h}, ui_alpha(bg, 1.0f - ui_ease((float)f)));
    }
    render_flush(a->rd);
    display_end_frame(a->disp);
    a->renders++;
    a->fps_renders++;
    ui->dirty = false;
}

static bool save_shot(app *a, const char *path)
{
    char err[512];
    if (!display_save_png(a->disp, path, err, sizeof err)) {
        LOG_E("app", "%s", err);
        trace_event_str(a->tr, a->ui.now, "error", "message", err);
        return false;
    }
    jsonw *w = trace_begin(a->tr, a->ui.now, "shot");
    if (w) {
        jsonw_key(w, "file");
        jsonw_str(w, path);
        /* Frames run and frames drawn so far: two shots tell whether every
         * frame between them was drawn (a fling) or none was (a still page). */
        jsonw_key(w, "frame");
        jsonw_int(w, (long long)a->frames);
        jsonw_key(w, "renders");
        jsonw_int(w, (long long)a->renders);
        /* Paragraphs shaped and laid out so far: still while nothing new is read. */
        jsonw_key(w, "layouts");
        jsonw_int(w, (long long)text_stats(a->te).misses);
        trace_end(a->tr);
    }
    return true;
}

/* Handles the script's shot/quit actions due this frame (after drawing, so a
 * shot shows the state the frame's input produced). */
static void run_actions(app *a, const script_action *act, int n, bool *running)
{
    for (int i = 0; i < n; i++) {
        if (act[i].kind == SCRIPT_ACTION_QUIT) {
            *running = false;
        } else {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s.png", a->o->shot_dir, act[i].name);
            save_shot(a, path);
        }
    }
}

static void trace_touch(app *a, const input_event *ev)
{
    static const char *const names[] = {"down", "move", "up", "key", "cancel"};
    if (ev->type == INPUT_MOVE)
        return; /* moves are many; gestures trace what they mean */
    jsonw *w = trace_begin(a->tr, ev->t, ev->type == INPUT_KEY ? "key" : "touch");
    if (!w)
        return;
    if (ev->type == INPUT_KEY) {
        jsonw_key(w, "name");
        jsonw_str(w, ev->key);
    } else {
        jsonw_key(w, "phase");
        jsonw_str(w, names[ev->type]);
        jsonw_key(w, "pointer");
        jsonw_int(w, ev->pointer);
        jsonw_key(w, "x");
        jsonw_int(w, (long long)lroundf(ev->x));
        jsonw_key(w, "y");
        jsonw_int(w, (long long)lroundf(ev->y));
    }
    trace_end(a->tr);
}

static void trace_gesture(app *a, const gesture_event *g)
{
    /* Pan and pinch moves are per frame; their begin and end tell the story. */
    if (g->type == GESTURE_PAN_MOVE || g->type == GESTURE_PINCH_MOVE)
        return;
    jsonw *w = trace_begin(a->tr, a->ui.now, g->type == GESTURE_TAP ? "tap" : "gesture");
    if (!w)
        return;
    if (g->type != GESTURE_TAP) {
        jsonw_key(w, "type");
        jsonw_str(w, gesture_type_name(g->type));
    }
    jsonw_key(w, "x");
    jsonw_int(w, (long long)lroundf(g->x));
    jsonw_key(w, "y");
    jsonw_int(w, (long long)lroundf(g->y));
    if (g->type == GESTURE_PAN_END || g->type == GESTURE_SWIPE) {
        jsonw_key(w, "vx");
        jsonw_int(w, (long long)lroundf(g->vx));
        jsonw_key(w, "vy");
        jsonw_int(w, (long long)lroundf(g->vy));
    }
    if (g->type == GESTURE_SWIPE) {
        jsonw_key(w, "dir");
        jsonw_str(w, gesture_dir_name(g->dir));
    }
    if (g->type == GESTURE_PINCH_END) {
        jsonw_key(w, "scale");
        jsonw_fixed(w, g->scale, 2);
    }
    trace_end(a->tr);
}

static void deliver_gestures(app *a, const gesture_event *g, size_t n)
{
    ui_ctx *ui = &a->ui;
    for (size_t i = 0; i < n; i++) {
        trace_gesture(a, &g[i]);
        if (!ui->b)
            continue;
        if (operator_gesture(&a->op, ui, &g[i]))
            continue;
        if (ui->scene && ui->scene->gesture)
            ui->scene->gesture(ui, &g[i]);
    }
}

static void handle_input(app *a, const input_event *in)
{
    ui_ctx *ui = &a->ui;
    trace_touch(a, in);
    if (in->type == INPUT_KEY) {
        if (!ui->b) {
            if (strcmp(in->key, "escape") == 0)
                ui->quit = true;
            return;
        }
        ui->last_input = ui->now;
        if (operator_key(&a->op, ui, in->key))
            return;
        if (ui->scene && ui->scene->key)
            ui->scene->key(ui, in->key);
        return;
    }
    if (in->pointer >= 0 && in->pointer < INPUT_MAX_POINTERS) {
        ui->ptr_down[in->pointer] = in->type == INPUT_DOWN || in->type == INPUT_MOVE;
        ui->ptr_x[in->pointer] = in->x;
        ui->ptr_y[in->pointer] = in->y;
        if (a->o->demo)
            ui->dirty = true;
    }
    if (in->type == INPUT_CANCEL)
        memset(ui->ptr_down, 0, sizeof ui->ptr_down);
    if (in->type == INPUT_DOWN)
        stats_count(a->st, STATS_TOTAL, "touches", ui_wall(ui));
    if (ui->b && in->type == INPUT_DOWN) {
        if (idle_touch(&a->idle, ui)) {
            gesture_reset(&a->gs); /* the touch that cancels the countdown does nothing else */
            return;
        }
        if (!operator_is_open(&a->op) && ui->scene && ui->scene->touch && ui->scene->touch(ui, in)) {
            gesture_reset(&a->gs);
            return;
        }
    } else if (ui->b) {
        ui->last_input = ui->now;
    }
    gesture_event g[GESTURE_MAX_EVENTS_PER_CALL];
    size_t n = gesture_feed(&a->gs, in, g, GESTURE_MAX_EVENTS_PER_CALL);
    deliver_gestures(a, g, n);
}

/* Milliseconds the real-time loop may sleep before the next thing it must do. */
static int wait_ms(const app *a, double now)
{
    double until = APP_MAX_WAIT_MS / 1000.0;
    if (a->ui.wake_at - now < until)
        until = a->ui.wake_at - now;
    if (a->have_script && !script_player_done(&a->player)) {
        /* A scripted gesture under way moves its fingers every frame. */
        size_t next = a->player.next;
        double t = a->player.nactive > 0 ? 1.0 / VCLOCK_HZ
                   : next < a->scr.count ? a->scr.ev[next].t - now
                                         : 0.0;
        if (t < until)
            until = t;
    }
    if (a->o->frames > 0) {
        double t = (double)a->o->frames / VCLOCK_HZ - now;
        if (t < until)
            until = t;
    }
    return until > 0 ? (int)ceil(until * 1000.0) : 0;
}

static void serve_requests(app *a)
{
    ui_ctx *ui = &a->ui;
    if (ui->req.reload) {
        ui->req.reload = false;
        reload(a);
    }
    if (ui->req.rotate) {
        ui->req.rotate = false;
        rotate(a);
    }
    if (ui->req.screenshot) {
        ui->req.screenshot = false;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/operator-%lu.png", a->o->shot_dir, ++a->shots);
        if (ui->dirty || ui->animating)
            draw(a);
        operator_set_message(&a->op, save_shot(a, path) ? "screenshot saved" : "screenshot failed");
        ui->dirty = true;
    }
}

static int loop(app *a)
{
    ui_ctx *ui = &a->ui;
    bool running = true;
    SDL_Event ev;
    script_action act[APP_MAX_ACTIONS];
    while (running) {
        double now = vclock_now(&a->clock);
        ui->dt = now - ui->now;
        ui->now = now;
        ui->wake_at = INFINITY;
        int nact = 0;
        if (a->have_script)
            nact = script_player_pump(&a->player, a->disp, now, act, APP_MAX_ACTIONS);

        bool quit = false;
        while (SDL_PollEvent(&ev)) {
            input_event in;
            if (input_translate(&a->input, a->disp, &ev, now, &in, &quit))
                handle_input(a, &in);
            if (ev.type == SDL_WINDOWEVENT && (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                                               ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED))
                ui->dirty = true;
        }
        if (quit || ui->quit)
            running = false;

        if (ui->b) {
            gesture_event g[GESTURE_MAX_EVENTS_PER_CALL];
            deliver_gestures(a, g, gesture_update(&a->gs, now, g, GESTURE_MAX_EVENTS_PER_CALL));
            operator_update(&a->op, ui, &a->gs);
            serve_requests(a);
        }
        ui->animating = false;
        if (ui->scene && ui->scene->update)
            ui->scene->update(ui);
        if (ui->b) {
            idle_update(&a->idle, ui);
            /* Back in the slideshow (idle return): a menu left open closes,
             * so a visitor never finds it. */
            if (ui->scene == &scene_attract)
                operator_close(&a->op, ui);
        }
        if (ui->scene != a->shown_scene) {
            a->shown_scene = ui->scene;
            a->fade_from = now;
        }
        if (now - a->fade_from < APP_FADE_S && !ui->reduced_motion) {
            ui->animating = true;
            ui->dirty = true;
        }
        if (ui->dirty || ui->animating)
            draw(a);
        run_actions(a, act, nact, &running);

        if (now - a->fps_t0 >= 1.0) {
            ui->fps = a->fps_renders / (now - a->fps_t0);
            a->fps_t0 = now;
            a->fps_renders = 0;
        }
        if (a->st && now >= a->next_flush) {
            stats_maybe_flush(a->st, ui_wall(ui));
            a->next_flush = now + APP_STATS_FLUSH_S;
        }
        a->frames++;
        if (a->o->frames > 0 && a->frames >= (unsigned long)a->o->frames)
            running = false;
        if (a->clock.virtual_time) {
            vclock_tick(&a->clock);
        } else if (running && !ui->dirty && !ui->animating) {
            /* Nothing moves: sleep until input or the next deadline. */
            SDL_WaitEventTimeout(NULL, wait_ms(a, vclock_now(&a->clock)));
        } else if (running && !a->vsync) {
            /* Animating without vertical sync to pace it: hold to 60 Hz
             * instead of spinning a core. */
            double next = a->frame_t0 + 1.0 / VCLOCK_HZ, t = vclock_now(&a->clock);
            if (next > t)
                SDL_Delay((Uint32)((next - t) * 1000.0));
        }
        a->frame_t0 = vclock_now(&a->clock);
        if (!a->clock.virtual_time && a->o->frames > 0)
            a->frames = (unsigned long)(vclock_now(&a->clock) * VCLOCK_HZ);
    }
    return 0;
}

/* ---- start and stop ----------------------------------------------------- */

static bool open_text(app *a, char *err, size_t errlen)
{
    a->te = text_open(app_fonts_dir(), err, errlen);
    if (!a->te)
        return false;
    font_set *fs = text_fontset(a->te);
    atlas_font fonts[FONTSET_MAX_FONTS];
    int n = fontset_count(fs);
    for (int i = 0; i < n; i++)
        fonts[i].path = fontset_path(fs, i, &fonts[i].face_index);
    a->at = atlas_open(fonts, n, NULL, err, errlen);
    if (!a->at)
        return false;
    a->rd = render_create(display_renderer(a->disp), a->at, err, errlen);
    return a->rd != NULL;
}

static void trace_start(app *a)
{
    jsonw *w = trace_begin(a->tr, 0.0, "start");
    if (!w)
        return;
    jsonw_key(w, "driver");
    jsonw_str(w, display_driver(a->disp));
    jsonw_key(w, "w");
    jsonw_int(w, a->ui.w);
    jsonw_key(w, "h");
    jsonw_int(w, a->ui.h);
    jsonw_key(w, "rotate");
    jsonw_int(w, a->o->rotate);
    jsonw_key(w, "headless");
    jsonw_bool(w, a->o->headless);
    jsonw_key(w, "px_per_mm");
    jsonw_fixed(w, a->ui.px_per_mm, 2);
    trace_end(a->tr);
}

int app_run(const kiosk_options *o)
{
    static app a; /* large (gesture and targets state): not on the stack */
    memset(&a, 0, sizeof a);
    a.o = o;
    char err[512];
    int status = 1;
    if (o->trace && !(a.tr = trace_open(o->trace, err, sizeof err))) {
        LOG_E("app", "%s", err);
        return 1;
    }
    if (o->script) {
        /* Coordinates are checked against the larger side both ways: the
         * operator menu may rotate the picture while the script runs. */
        int side = o->width > o->height ? o->width : o->height;
        if (!script_load(o->script, side, side, &a.scr, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            trace_close(a.tr);
            return 2;
        }
        a.have_script = true;
        script_player_init(&a.player, &a.scr);
    }
    display_config dc = {o->width, o->height, o->headless, o->fullscreen, o->rotate};
    a.disp = display_open(&dc, err, sizeof err);
    if (!a.disp) {
        fprintf(stderr, "kiosk: %s\n", err);
        goto out;
    }
    if (o->headless)
        vclock_init_virtual(&a.clock);
    else
        vclock_init_real(&a.clock, real_seconds);
    input_init(&a.input);
    a.vsync = display_has_vsync(a.disp);
    if (!open_text(&a, err, sizeof err)) {
        fprintf(stderr, "kiosk: %s\n", err);
        goto out;
    }

    ui_ctx *ui = &a.ui;
    ui->rd = a.rd;
    ui->te = a.te;
    display_picture_size(a.disp, &ui->w, &ui->h);
    ui->px_per_mm = display_px_per_mm(a.disp);
    ui->rotate = o->rotate;
    ui->tr = a.tr;
    ui->opts = o;
    ui->wall_start = start_wall();
    ui->overlay_layout = operator_layout;
    targets_init(&ui->targets, ui->px_per_mm);
    gesture_init(&a.gs, ui->px_per_mm);
    operator_reset(&a.op);
    a.st = stats_open(o->state_dir, ui->wall_start, err, sizeof err);
    if (o->state_dir && err[0])
        LOG_W("stats", "%s", err);
    ui->st = a.st;
    trace_start(&a);

    static char diag_text[APP_DIAG_TEXT_MAX];
    bundle *b = load_bundle(&a, diag_text, sizeof diag_text);
    if (b) {
        trace_bundle(&a, "loaded", b, NULL);
        apply_bundle(&a, b);
    } else {
        trace_bundle(&a, "refused", NULL, diag_text);
        scene_error_set(o->bundle, diag_text);
        ui_set_scene(ui, &scene_error);
    }
    a.fade_from = -APP_FADE_S; /* the first picture needs no fade */
    a.shown_scene = ui->scene;

    status = loop(&a);
    if (o->screenshot) {
        if (a.renders == 0 || ui->dirty)
            draw(&a);
        if (!save_shot(&a, o->screenshot))
            status = 1;
    }
    jsonw *w = trace_begin(a.tr, ui->now, "quit");
    if (w) {
        jsonw_key(w, "frames");
        jsonw_int(w, (long long)a.frames);
        jsonw_key(w, "renders");
        jsonw_int(w, (long long)a.renders);
        /* What the text path holds at the end: for sizing and the bench. */
        atlas_stats as = atlas_get_stats(a.at);
        jsonw_key(w, "layouts");
        jsonw_int(w, (long long)text_stats(a.te).misses);
        jsonw_key(w, "atlas_pages");
        jsonw_int(w, as.pages);
        jsonw_key(w, "atlas_glyphs");
        jsonw_int(w, (long long)as.glyphs);
        jsonw_key(w, "atlas_evictions");
        jsonw_int(w, (long long)as.evictions);
        trace_end(a.tr);
    }
    if (ui->scene && ui->scene->leave)
        ui->scene->leave(ui);
out:
    stats_close(a.st);
    bundle_free(a.b);
    render_destroy(a.rd);
    atlas_close(a.at);
    text_close(a.te);
    display_close(a.disp);
    script_free(&a.scr);
    trace_close(a.tr);
    return status;
}
