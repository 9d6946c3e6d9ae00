#include "app/app.h"

#include <SDL.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/script.h"
#include "core/trace.h"
#include "core/vclock.h"
#include "core/yamltree.h"
#include "platform/display.h"
#include "platform/input.h"
#include "platform/script_player.h"
#include "ui/scene_first.h"
#include "ui/ui.h"

#define APP_MAX_ACTIONS 16     /* script shots/quits handled per frame */
#define APP_MAX_WAIT_MS 1000   /* longest sleep in real time, to notice --frames */
#define APP_BUNDLE_FILE_MAX (1u << 20)

typedef struct {
    const kiosk_options *o;
    display *disp;
    trace *tr;
    vclock clock;
    script scr;
    script_player player;
    bool have_script;
    input_state input;
    ui_ctx ui;
    unsigned long frames, renders;
} app;

static double real_seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

/* First screen content: the bundle title and its first excerpt. */
static void load_first_content(app *a)
{
    char path[PATH_MAX], err[512];
    ydoc man = {0}, ex = {0};
    const char *title = "", *heading = "", *text = "";
    snprintf(path, sizeof path, "%s/manifest.yaml", a->o->bundle);
    if (ydoc_load(path, APP_BUNDLE_FILE_MAX, &man, err, sizeof err)) {
        ynode *t = ymap_get(ymap_get(man.root, "title"), "zh");
        if (t && t->kind == YNODE_SCALAR)
            title = t->str;
    } else {
        LOG_E("bundle", "%s", err);
    }
    snprintf(path, sizeof path, "%s/excerpts.yaml", a->o->bundle);
    if (ydoc_load(path, APP_BUNDLE_FILE_MAX, &ex, err, sizeof err)) {
        ynode *list = ymap_get(ex.root, "excerpts");
        if (list && list->kind == YNODE_SEQ && list->count > 0) {
            ynode *h = ymap_get(ymap_get(list->vals[0], "heading"), "zh");
            ynode *x = ymap_get(list->vals[0], "text");
            if (h && h->kind == YNODE_SCALAR)
                heading = h->str;
            if (x && x->kind == YNODE_SCALAR)
                text = x->str;
        }
    } else {
        LOG_E("bundle", "%s", err);
    }
    scene_first_set_content(title, heading, text);
    jsonw *w = trace_begin(a->tr, vclock_now(&a->clock), "bundle");
    if (w) {
        jsonw_key(w, "dir");
        jsonw_str(w, a->o->bundle);
        jsonw_key(w, "title");
        jsonw_str(w, title);
        trace_end(a->tr);
    }
    ydoc_free(&man);
    ydoc_free(&ex);
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

static void draw(app *a)
{
    display_begin_frame(a->disp);
    if (a->ui.scene && a->ui.scene->draw)
        a->ui.scene->draw(&a->ui);
    display_end_frame(a->disp);
    a->renders++;
    a->ui.dirty = false;
}

static bool save_shot(app *a, const char *path)
{
    char err[512];
    if (!display_save_png(a->disp, path, err, sizeof err)) {
        LOG_E("app", "%s", err);
        trace_event_str(a->tr, a->ui.now, "error", "message", err);
        return false;
    }
    trace_event_str(a->tr, a->ui.now, "shot", "file", path);
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

/* Milliseconds the real-time loop may sleep before the next thing it must do. */
static int wait_ms(const app *a, double now)
{
    double until = APP_MAX_WAIT_MS / 1000.0;
    if (a->have_script && !script_player_done(&a->player)) {
        size_t next = a->player.next;
        double t = next < a->scr.count ? a->scr.ev[next].t - now : 0.0;
        if (a->player.nactive > 0 || t < until)
            until = t > 0 ? t : 0;
    }
    if (a->o->frames > 0) {
        double t = (double)a->o->frames / VCLOCK_HZ - now;
        if (t < until)
            until = t > 0 ? t : 0;
    }
    return (int)ceil(until * 1000.0);
}

static int loop(app *a)
{
    bool running = true;
    SDL_Event ev;
    script_action act[APP_MAX_ACTIONS];
    while (running) {
        double now = vclock_now(&a->clock);
        a->ui.dt = now - a->ui.now;
        a->ui.now = now;
        int nact = 0;
        if (a->have_script)
            nact = script_player_pump(&a->player, a->disp, now, act, APP_MAX_ACTIONS);

        bool quit = false;
        while (SDL_PollEvent(&ev)) {
            input_event in;
            if (input_translate(&a->input, a->disp, &ev, now, &in, &quit)) {
                trace_touch(a, &in);
                if (a->ui.scene && a->ui.scene->input)
                    a->ui.scene->input(&a->ui, &in);
            }
            if (ev.type == SDL_WINDOWEVENT && (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                                               ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED))
                a->ui.dirty = true;
        }
        if (quit || a->ui.quit)
            running = false;
        if (a->ui.scene && a->ui.scene->update)
            a->ui.scene->update(&a->ui);
        if (a->ui.dirty || a->ui.animating)
            draw(a);
        run_actions(a, act, nact, &running);

        a->frames++;
        if (a->o->frames > 0 && a->frames >= (unsigned long)a->o->frames)
            running = false;
        if (a->clock.virtual_time) {
            vclock_tick(&a->clock);
        } else if (running && !a->ui.dirty && !a->ui.animating) {
            /* Nothing moves: sleep until input or the next deadline. */
            SDL_WaitEventTimeout(NULL, wait_ms(a, vclock_now(&a->clock)));
        }
        if (!a->clock.virtual_time && a->o->frames > 0)
            a->frames = (unsigned long)(vclock_now(&a->clock) * VCLOCK_HZ);
    }
    return 0;
}

int app_run(const kiosk_options *o)
{
    app a;
    memset(&a, 0, sizeof a);
    a.o = o;
    char err[512];
    int status = 1;
    if (o->trace && !(a.tr = trace_open(o->trace, err, sizeof err))) {
        LOG_E("app", "%s", err);
        return 1;
    }
    bool swap = o->rotate == 90 || o->rotate == 270;
    if (o->script) {
        if (!script_load(o->script, swap ? o->height : o->width, swap ? o->width : o->height,
                         &a.scr, err, sizeof err)) {
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

    a.ui.renderer = display_renderer(a.disp);
    display_picture_size(a.disp, &a.ui.w, &a.ui.h);
    a.ui.px_per_mm = display_px_per_mm(a.disp);
    a.ui.tr = a.tr;
    a.ui.opts = o;
    jsonw *w = trace_begin(a.tr, 0.0, "start");
    if (w) {
        jsonw_key(w, "driver");
        jsonw_str(w, display_driver(a.disp));
        jsonw_key(w, "w");
        jsonw_int(w, a.ui.w);
        jsonw_key(w, "h");
        jsonw_int(w, a.ui.h);
        jsonw_key(w, "rotate");
        jsonw_int(w, o->rotate);
        jsonw_key(w, "headless");
        jsonw_bool(w, o->headless);
        trace_end(a.tr);
    }
    load_first_content(&a);
    ui_set_scene(&a.ui, &scene_first);

    status = loop(&a);
    if (o->screenshot) {
        if (a.renders == 0)
            draw(&a);
        if (!save_shot(&a, o->screenshot))
            status = 1;
    }
    w = trace_begin(a.tr, a.ui.now, "quit");
    if (w) {
        jsonw_key(w, "frames");
        jsonw_int(w, (long long)a.frames);
        jsonw_key(w, "renders");
        jsonw_int(w, (long long)a.renders);
        trace_end(a.tr);
    }
    if (a.ui.scene && a.ui.scene->leave)
        a.ui.scene->leave(&a.ui);
out:
    display_close(a.disp);
    script_free(&a.scr);
    trace_close(a.tr);
    return status;
}
