#include "app/app.h"

#include <SDL.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/health.h"
#include "app/notify.h"
#include "app/opening.h"
#include "app/output.h"
#include "app/replay.h"
#include "app/resources.h"
#include "app/shown.h"
#include "app/telemetry.h"
#include "app/trial.h"
#include "core/frameprof.h"
#include "core/log.h"
#include "core/vclock.h"
#include "platform/input.h"
#include "ui/shell.h"
#include "ui/uitrace.h"

#define APP_MAX_WAIT_MS 1000  /* longest sleep in real time */
#define APP_STATS_FLUSH_S 1.0 /* how often the log is asked whether a write is due */

typedef struct {
    const kiosk_options *o;
    trace *tr;
    frameprof *prof; /* --profile: where each frame's time goes; NULL: off */
    vclock clock;
    replay replay; /* --script (app/replay.h) */
    input_state input;
    output out;        /* display, text engine, renderer, speech (app/output.h) */
    shown_state shown; /* the bundle on the screen (app/shown.h) */
    trial trial;       /* which bundle, content updates (app/trial.h) */
    telemetry tele;    /* the health event, the metrics file (app/telemetry.h) */
    opening hours;     /* opening hours (app/opening.h) */
    stats *st;
    ui_shell shell;
    unsigned long frames, shots;
    bool shot_failed; /* a script's shot could not be written: the run fails */
    double next_flush;
    double frame_t0;     /* real time the last frame ended */
    notify_state notify; /* the service manager (app/notify.h) */
} app;

static double real_seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

static void draw(app *a)
{
    output_draw(&a->out, &a->shell, a->prof);
    a->tele.last_draw_wall = (double)ui_wall(&a->shell.ui);
    shell_drawn(&a->shell);
}

static bool save_shot(app *a, const char *path)
{
    char err[LOG_ERR_MAX];
    if (!display_save_png(a->out.disp, path, err, sizeof err)) {
        LOG_E("app", "%s", err);
        uitrace_str(a->tr, a->shell.ui.now, "error", "message", err);
        return false;
    }
    uitrace_shot(a->tr, a->shell.ui.now, path, a->frames, a->shell.renders, text_stats(a->out.te).misses);
    return true;
}

/* ---- what the shell asks of the program --------------------------------- */

static void host_reload(void *user) { shown_reload(&((app *)user)->shown); }

static void host_rotate(void *user)
{
    app *a = user;
    output_rotate(&a->out, &a->shell);
}

static void host_screenshot(void *user)
{
    app *a = user;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/operator-%lu.png", a->o->shot_dir, ++a->shots);
    if (shell_needs_draw(&a->shell))
        draw(a);
    shell_set_message(&a->shell, save_shot(a, path) ? "screenshot saved" : "screenshot failed");
}

static long host_rss_kb(void *user)
{
    (void)user;
    return health_rss_kb();
}

/* ---- the loop ----------------------------------------------------------- */

/* The script's shot/quit actions due this frame (after drawing, so a shot
 * shows the state the frame's input produced). */
static void run_actions(app *a, bool *running)
{
    const script_action *act = a->replay.act;
    for (int i = 0; i < a->replay.nact; i++) {
        if (act[i].kind == SCRIPT_ACTION_QUIT) {
            *running = false;
        } else {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s.png", a->o->shot_dir, act[i].name);
            if (!save_shot(a, path))
                a->shot_failed = true;
        }
    }
}

/* Milliseconds the real-time loop may sleep before the next thing it must do. */
static int wait_ms(const app *a, double now)
{
    double until = fmin(APP_MAX_WAIT_MS / 1000.0, shell_wake_at(&a->shell) - now);
    until = fmin(until, replay_due(&a->replay, now));
    if (a->o->frames > 0)
        until = fmin(until, (double)a->o->frames / VCLOCK_HZ - now);
    until = fmin(until, notify_due_in(&a->notify));
    return until > 0 ? (int)ceil(until * 1000.0) : 0;
}

/* One frame while closed: only quit is taken (input is dropped, script
 * shots read the black picture), nothing is drawn; in real time the loop
 * sleeps until input, the next second or the opening. */
static void closed_frame(app *a, double now, bool *running)
{
    replay_pump(&a->replay, a->out.disp, now);
    bool quit = false;
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        input_event in;
        input_translate(&a->input, a->out.disp, &ev, now, &in, &quit);
    }
    if (quit)
        *running = false;
    run_actions(a, running);
    if (!a->clock.virtual_time && *running) {
        int ms = APP_MAX_WAIT_MS;
        if (replay_due(&a->replay, now) * 1000.0 < ms)
            ms = (int)(replay_due(&a->replay, now) * 1000.0);
        SDL_WaitEventTimeout(NULL, ms > 0 ? ms : 0);
    }
}

static void loop(app *a)
{
    ui_shell *sh = &a->shell;
    bool running = true;
    while (running) {
        double now = vclock_now(&a->clock);
        frameprof_begin(a->prof);
        unsigned long renders0 = sh->renders;
        if (!opening_check(&a->hours, now)) {
            shell_begin_frame(sh, now); /* the clock only: nothing runs */
            closed_frame(a, now, &running);
            if (a->trial.use_slots)
                trial_frame(&a->trial, now, false);
            goto frame_end;
        }
        shell_begin_frame(sh, now);
        speech_advance(a->out.speech, now); /* virtual time: the sound up to this frame */
        replay_pump(&a->replay, a->out.disp, now);
        bool quit = false;
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            input_event in;
            if (input_translate(&a->input, a->out.disp, &ev, now, &in, &quit))
                shell_input(sh, &in);
            if (ev.type == SDL_WINDOWEVENT && (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                                               ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED))
                shell_invalidate(sh);
        }
        if (quit || shell_quit(sh))
            running = false;
        if (a->trial.use_slots)
            trial_frame(&a->trial, now, true);
        if (a->clock.virtual_time)
            trial_wait_install(&a->trial, now);
        shell_update(sh);
        if (shell_needs_draw(sh)) {
            draw(a);
            if (sh->renders == 1)
                telemetry_first_frame(&a->tele, now, a->prof);
        }
        if (sh->renders > 0)
            notify_ready(&a->notify); /* once: the first frame is on the panel */
        run_actions(a, &running);

        shell_end_frame(sh);
    frame_end:
        frameprof_end(a->prof, a->frames, now, sh->ui.scene ? sh->ui.scene->name : NULL,
                      sh->renders != renders0);
        notify_tick(&a->notify); /* the watchdog, open or closed */
        if (a->st && now >= a->next_flush) {
            stats_maybe_flush(a->st, ui_wall(&sh->ui));
            a->next_flush = now + APP_STATS_FLUSH_S;
        }
        if (telemetry_due(&a->tele, now))
            telemetry_report(&a->tele, now, !a->hours.closed);
        a->frames++;
        if (a->o->frames > 0 && a->frames >= (unsigned long)a->o->frames)
            running = false;
        if (a->clock.virtual_time) {
            vclock_tick(&a->clock);
        } else if (a->hours.closed) {
            /* closed_frame() slept */
        } else if (running && !shell_needs_draw(sh)) {
            /* Nothing moves: sleep until input or the next deadline. */
            SDL_WaitEventTimeout(NULL, wait_ms(a, vclock_now(&a->clock)));
        } else if (running && !a->out.vsync) {
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
}

/* ---- start and stop ----------------------------------------------------- */

/* Everything up to the first frame; false (message printed) when the
 * program cannot run. */
static bool start(app *a, int *status)
{
    const kiosk_options *o = a->o;
    char err[LOG_ERR_MAX];
    if (o->trace && !(a->tr = trace_open(o->trace, err, sizeof err))) {
        LOG_E("app", "%s", err);
        return false;
    }
    if (o->profile && !(a->prof = frameprof_open(o->profile, err, sizeof err))) {
        LOG_E("app", "%s", err);
        return false;
    }
    if (!replay_open(&a->replay, o, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        *status = 2;
        return false;
    }
    if (!output_open(&a->out, o, err, sizeof err)) {
        LOG_E("app", "%s", err);
        return false;
    }
    if (output_virtual_clock(o))
        vclock_init_virtual(&a->clock);
    else
        vclock_init_real(&a->clock, real_seconds);
    input_init(&a->input);

    display *d = a->out.disp;
    shell_config c = {.px_per_mm = display_px_per_mm(d),
                      .listen = speech_backend(a->out.speech),
                      .reach = (reach_setting)o->reach_mode,
                      .reach_bottom_mm = o->screen_bottom_mm,
                      .rotate = o->rotate,
                      .demo = o->demo,
                      .large_text = o->large_text,
                      .f12_off = !o->operator_f12,
                      .wall_start = vclock_wall_start()};
    display_picture_size(d, &c.w, &c.h);
    a->st = stats_open(o->state_dir, c.wall_start, err, sizeof err);
    if (!a->st)
        LOG_W("stats", "%s", err); /* out of memory: the exhibit runs without counts */
    shell_host host = {a, host_reload, host_rotate, host_screenshot, host_rss_kb};
    if (!shell_init(&a->shell, a->out.te, a->tr, a->st, &c, &host)) {
        LOG_E("app", "out of memory for the scenes");
        return false;
    }
    shell_set_config(&a->shell, o->config_status);
    uitrace_start(a->tr, display_driver(d), display_renderer_name(d), app_fonts_dir(), c.w, c.h, o->rotate,
                  o->headless, c.px_per_mm);

    opening_init(&a->hours, &o->hours, c.wall_start, a->tr, &a->shell, d);
    shown_init(&a->shown, o, a->tr, &a->shell, a->out.te);
    trial_init(&a->trial, o, a->tr, &a->shell, a->out.te, &a->shown);
    telemetry_sources ts = {a->tr, o->metrics_dir, &a->shell, a->out.te,       a->out.at,
                            a->st, &a->shown,      &a->trial, o->config_errors};
    telemetry_init(&a->tele, &ts);
    trial_start(&a->trial);
    return true;
}

/* After the loop: the last screenshot, the run's counts, the profile. */
static int finish(app *a)
{
    int status = a->shot_failed ? 1 : 0;
    if (a->o->screenshot) {
        if (!a->hours.closed && (a->shell.renders == 0 || a->shell.ui.dirty))
            draw(a);
        if (!save_shot(a, a->o->screenshot))
            status = 1;
    }
    char err[LOG_ERR_MAX];
    if (!telemetry_quit(&a->tele, a->shell.ui.now, a->frames, a->prof, err, sizeof err)) {
        LOG_E("app", "%s", err);
        status = 1;
    }
    a->prof = NULL; /* closed */
    const ui_scene *sc = a->shell.ui.scene;
    if (sc && sc->leave)
        sc->leave(&a->shell.ui);
    return status;
}

int app_run(const kiosk_options *o)
{
    static app a; /* large (the shell's scenes and draw list): not on the stack */
    memset(&a, 0, sizeof a);
    a.o = o;
    notify_open(&a.notify);
    int status = 1;
    if (start(&a, &status)) {
        loop(&a);
        notify_stopping(&a.notify);
        status = finish(&a);
    }
    char err[LOG_ERR_MAX];
    if (a.prof && !frameprof_close(a.prof, 0, 0, err, sizeof err)) /* start() failed */
        LOG_E("app", "%s", err);
    shell_free(&a.shell);
    trial_close(&a.trial);
    stats_close(a.st);
    shown_free(&a.shown);
    output_close(&a.out);
    replay_free(&a.replay);
    notify_close(&a.notify);
    if (!trace_finish(a.tr, err, sizeof err)) {
        /* A trace that lost lines is no record of the run: fail it. */
        LOG_E("app", "%s", err);
        status = 1;
    }
    return status;
}
