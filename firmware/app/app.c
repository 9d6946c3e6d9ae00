#include "app/app.h"

#include <SDL.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/health.h"
#include "app/notify.h"
#include "app/promfile.h"
#include "app/resources.h"
#include "app/updater.h"
#include "content/load.h"
#include "update/slots.h"
#include "core/frameprof.h"
#include "core/log.h"
#include "core/proctime.h"
#include "core/vclock.h"
#include "platform/display.h"
#include "platform/input.h"
#include "platform/render.h"
#include "platform/script.h"
#include "platform/script_player.h"
#include "platform/speech.h"
#include "text/atlas.h"
#include "text/layout.h"
#include "ui/scene_attract.h"
#include "ui/scene_error.h"
#include "ui/scene_reader.h"
#include "ui/scene_timeline.h"
#include "ui/shell.h"
#include "ui/uitrace.h"

#define APP_MAX_ACTIONS 16    /* script shots/quits handled per frame */
#define APP_MAX_WAIT_MS 1000  /* longest sleep in real time */
#define APP_STATS_FLUSH_S 1.0 /* how often the log is asked whether a write is due */
#define APP_INSTALL_WAIT_S 120.0 /* headless: longest the virtual clock waits for an install */

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
    bundle *b; /* the bundle on screen (NULL: error screen) */
    /* content updates (update/slots.h, app/updater.h): with --state-dir */
    char bundle_dir[PATH_MAX]; /* where a->b was loaded from */
    bool use_slots;
    slots_state slots;
    updater upd;
    bool have_updater;
    bool pending;      /* a new bundle is installed, waiting for a scene boundary */
    double healthy_at; /* when the bundle on trial is confirmed; <0: not on trial */
    char update_msg[2][1024]; /* the operator menu's update line, see update_message() */
    int update_cur;
    stats *st;
    ui_shell shell;
    unsigned long frames, shots;
    bool shot_failed; /* a script's shot could not be written: the run fails */
    double next_flush;
    double next_health; /* program time of the next "health" trace event and metrics file */
    double last_draw_wall; /* wall clock (s) of the last frame drawn, for the metrics */
    bool metrics_failing;  /* the last metrics write failed (logged once) */
    bool closed;     /* outside opening hours: black, nothing drawn */
    time_t wall_start; /* wall clock at program time 0 */
    bool vsync;      /* presenting is paced by the panel */
    double frame_t0; /* real time the last frame ended */
    notify_state notify; /* the service manager (app/notify.h) */
    frameprof *prof;     /* --profile: where each frame's time goes; NULL: off */
    speech *speech;      /* reading aloud; NULL: no audio (no Listen buttons) */
} app;

static double real_seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

/* The site's settings (config file) over the bundle's manifest: they
 * belong to this kiosk, not to the content, so they hold for every bundle
 * shown, reloaded or installed. */
static void site_overrides(const kiosk_options *o, bundle *b)
{
    if (o->idle_timeout > 0)
        b->manifest.idle_timeout = o->idle_timeout;
    if (o->pin)
        snprintf(b->manifest.pin, sizeof b->manifest.pin, "%s", o->pin);
    if (o->reduced_motion)
        b->manifest.reduced_motion = true;
    if (o->high_contrast)
        b->manifest.high_contrast = true;
}

/* Shows bundle b and frees the one it replaces (after the scenes let go).
 * The old bundle is thousands of small blocks spread through the heap;
 * malloc_trim gives the pages they leave empty back to the system, so a
 * kiosk that takes an update every hour for months does not keep each
 * bundle's high-water mark (glibc; a no-op cost of a few ms per swap). */
static void show_bundle(app *a, bundle *b)
{
    site_overrides(a->o, b);
    bundle *old = a->b;
    a->b = b;
    shell_show_bundle(&a->shell, b);
    if (old) {
        bundle_free(old);
        malloc_trim(0);
    }
}

static void draw(app *a)
{
    SDL_Rect dmg;
    bool partial = shell_damage(&a->shell, &dmg.x, &dmg.y, &dmg.w, &dmg.h);
    const dl_list *l = shell_draw(&a->shell);
    display_begin_frame(a->disp);
    render_begin(a->rd);
    render_drawlist_damage(a->rd, l, partial ? &dmg : NULL);
    frameprof_ours_done(a->prof);
    render_flush(a->rd);
    display_end_frame(a->disp);
    a->last_draw_wall = (double)ui_wall(&a->shell.ui);
    shell_drawn(&a->shell);
}

static bool save_shot(app *a, const char *path)
{
    char err[512];
    if (!display_save_png(a->disp, path, err, sizeof err)) {
        LOG_E("app", "%s", err);
        uitrace_str(a->tr, a->shell.ui.now, "error", "message", err);
        return false;
    }
    uitrace_shot(a->tr, a->shell.ui.now, path, a->frames, a->shell.renders, text_stats(a->te).misses);
    return true;
}

/* ---- what the shell asks of the program --------------------------------- */

/* A message about content updates: log (by the caller), trace, operator
 * menu. The menu keeps the pointer: the text is copied to the other of two
 * buffers, so the one shown never changes under it. */
static void update_message(app *a, const char *msg)
{
    if (!strcmp(msg, a->update_msg[a->update_cur]))
        return;
    a->update_cur ^= 1;
    char *m = a->update_msg[a->update_cur];
    snprintf(m, sizeof a->update_msg[0], "%s", msg);
    uitrace_str(a->tr, a->shell.ui.now, "update", "message", m);
    shell_set_update(&a->shell, m);
}

static void host_reload(void *user)
{
    app *a = user;
    diag_list diags;
    bundle *b = app_load_bundle(a->o, a->bundle_dir, a->te, &diags);
    if (b) {
        uitrace_bundle(a->tr, a->shell.ui.now, a->o->bundle, "reloaded", b, NULL);
        shell_set_message(&a->shell, "reloaded");
        show_bundle(a, b);
    } else {
        /* The exhibit keeps showing the last good content. */
        uitrace_bundle(a->tr, a->shell.ui.now, a->o->bundle, "refused", NULL, &diags);
        shell_set_message(&a->shell, "reload refused: the bundle has errors (see the log)");
    }
    diag_free(&diags);
}

static void host_rotate(void *user)
{
    app *a = user;
    char err[256];
    int r = (display_rotation(a->disp) + 90) % 360;
    if (!display_set_rotation(a->disp, r, err, sizeof err)) {
        LOG_E("app", "%s", err);
        return;
    }
    int w, h;
    display_picture_size(a->disp, &w, &h);
    shell_set_picture(&a->shell, w, h, r);
}

static long host_rss_kb(void *user)
{
    (void)user;
    return health_rss_kb();
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

/* ---- content updates ---------------------------------------------------- */

/* No visitor is engaged: the slideshow or the error screen runs. */
static bool at_scene_boundary(const app *a)
{
    return a->shell.ui.scene == &scene_attract || a->shell.ui.scene == &scene_error;
}

/* The slots say which bundle to show: loads it, falling back (and saying
 * so) to the previous one while a slot does not load. NULL when not even
 * the factory bundle loads; *diags then holds its problems. */
static bundle *load_current(app *a, diag_list *diags)
{
    char err[600], msg[UPDATER_STATUS_MAX];
    for (;;) {
        slots_dir(a->o->state_dir, a->slots.current.name, a->o->bundle, a->bundle_dir, sizeof a->bundle_dir);
        bundle *b = app_load_bundle(a->o, a->bundle_dir, a->te, diags);
        if (b || !strcmp(a->slots.current.name, SLOTS_FACTORY))
            return b;
        if (!slots_fail(a->o->state_dir, &a->slots, "does not load", msg, sizeof msg, err, sizeof err))
            LOG_E("update", "%s", err);
        LOG_W("update", "%s", msg);
        update_message(a, msg);
        diag_free(diags);
    }
}

/* The bundle just installed replaces the one shown (at a scene boundary). */
static void switch_bundle(app *a)
{
    char err[600], msg[UPDATER_STATUS_MAX];
    slots_state s;
    if (!slots_read(a->o->state_dir, &s, err, sizeof err)) {
        LOG_E("update", "%s", err);
        return;
    }
    char dir[PATH_MAX];
    slots_dir(a->o->state_dir, s.current.name, a->o->bundle, dir, sizeof dir);
    diag_list diags;
    bundle *b = app_load_bundle(a->o, dir, a->te, &diags);
    a->slots = s;
    if (b) {
        snprintf(a->bundle_dir, sizeof a->bundle_dir, "%s", dir);
        uitrace_bundle(a->tr, a->shell.ui.now, dir, "updated", b, NULL);
        snprintf(msg, sizeof msg, "now showing version %s (slot %s, on trial)", b->manifest.version, s.current.name);
        show_bundle(a, b);
        update_message(a, msg);
        a->healthy_at = a->shell.ui.now + a->o->healthy_after;
    } else {
        /* Validated by the installer, yet it does not load here: back to
         * what is shown, which stays. */
        uitrace_bundle(a->tr, a->shell.ui.now, dir, "refused", NULL, &diags);
        if (!slots_fail(a->o->state_dir, &a->slots, "does not load", msg, sizeof msg, err, sizeof err))
            LOG_E("update", "%s", err);
        update_message(a, msg);
        updater_pause(&a->upd, false);
    }
    diag_free(&diags);
}

/* Content updates, once a frame. While the exhibit is closed (`open`
 * false) installs still run, but the new bundle is shown, and then kept
 * after its healthy time, only once it is open: a bundle is confirmed by
 * running on the screen, not by a dark night. */
static void updates(app *a, double now, bool open)
{
    char err[600];
    if (open && a->healthy_at >= 0 && now >= a->healthy_at) {
        a->healthy_at = -1;
        if (slots_confirm(a->o->state_dir, &a->slots, err, sizeof err)) {
            uitrace_str(a->tr, now, "update", "confirmed", a->slots.current.name);
            LOG_I("update", "slot %s confirmed healthy", a->slots.current.name);
        } else {
            LOG_E("update", "%s", err);
        }
        updater_pause(&a->upd, false);
    }
    if (!a->have_updater)
        return;
    switch (updater_poll(&a->upd)) {
    case UPDATER_NOTHING: break;
    case UPDATER_PROGRESS:
    case UPDATER_REFUSED: update_message(a, a->upd.status); break;
    case UPDATER_INSTALLED:
        update_message(a, a->upd.status);
        a->pending = true;
        updater_pause(&a->upd, true);
        break;
    }
    if (open && a->pending && at_scene_boundary(a)) {
        a->pending = false;
        switch_bundle(a);
    }
}

/* One "health" event: memory, descriptors, caches, the bundle shown. */
static void trace_health(app *a, double now)
{
    jsonw *j = trace_begin(a->tr, now, "health");
    if (!j)
        return;
    health_sample h = health_read();
    atlas_stats as = atlas_get_stats(a->at);
    text_cache_stats ts = text_stats(a->te);
    jsonw_key(j, "rss_kb");
    jsonw_int(j, h.rss_kb);
    jsonw_key(j, "fds");
    jsonw_int(j, h.fds);
    jsonw_key(j, "atlas_pages");
    jsonw_int(j, as.pages);
    jsonw_key(j, "atlas_glyphs");
    jsonw_int(j, (long long)as.glyphs);
    jsonw_key(j, "layout_misses");
    jsonw_int(j, (long long)ts.misses);
    jsonw_key(j, "renders");
    jsonw_int(j, (long long)a->shell.renders);
    jsonw_key(j, "version");
    jsonw_str(j, a->b ? a->b->manifest.version : "");
    jsonw_key(j, "updating");
    jsonw_bool(j, a->have_updater && updater_busy(&a->upd));
    trace_end(a->tr);
}

/* The metrics file (--metrics-dir), with the figures of the health event. */
static void write_metrics(app *a, double now)
{
    if (!a->o->metrics_dir)
        return;
    health_sample h = health_read();
    time_t wall = ui_wall(&a->shell.ui);
    unsigned long errors;
    const char *last = log_last_error(&errors);
    promfile_sample m = {
        .bundle_id = a->b ? a->b->manifest.id : "",
        .bundle_version = a->b ? a->b->manifest.version : "",
        .uptime_s = now,
        .frames_drawn = a->shell.renders,
        .last_frame_unix = a->last_draw_wall,
        .rss_bytes = h.rss_kb >= 0 ? h.rss_kb * 1024 : -1,
        .last_error = last,
        .errors = errors,
        .sessions_today = stats_today(a->st, STATS_TOTAL, STATS_TOTAL_SESSIONS, wall),
        .touches_today = stats_today(a->st, STATS_TOTAL, STATS_TOTAL_TOUCHES, wall),
        .reader_today = stats_today(a->st, STATS_SCENE, scene_reader.name, wall),
        .timeline_today = stats_today(a->st, STATS_SCENE, scene_timeline.name, wall),
        .open = !a->closed,
        .updates_installed = a->have_updater ? a->upd.installs : 0,
        .updates_refused = a->have_updater ? a->upd.refusals : 0,
    };
    char err[700];
    if (!promfile_write(a->o->metrics_dir, &m, err, sizeof err)) {
        /* Once per failure streak: the log must not fill with it. */
        if (!a->metrics_failing)
            LOG_E("metrics", "%s", err);
        a->metrics_failing = true;
    } else {
        a->metrics_failing = false;
    }
}

/* ---- the loop ----------------------------------------------------------- */

/* The script's shot/quit actions due this frame (after drawing, so a shot
 * shows the state the frame's input produced). */
static void run_actions(app *a, const script_action *act, int n, bool *running)
{
    for (int i = 0; i < n; i++) {
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
    double until = APP_MAX_WAIT_MS / 1000.0;
    if (shell_wake_at(&a->shell) - now < until)
        until = shell_wake_at(&a->shell) - now;
    if (a->have_script && script_player_due(&a->player, now) < until)
        until = script_player_due(&a->player, now);
    if (a->o->frames > 0) {
        double t = (double)a->o->frames / VCLOCK_HZ - now;
        if (t < until)
            until = t;
    }
    if (notify_due_in(&a->notify) < until)
        until = notify_due_in(&a->notify);
    return until > 0 ? (int)ceil(until * 1000.0) : 0;
}

/* Opening hours: false while the exhibit is closed. Entering the closed
 * time blanks the panel once and traces it; leaving it returns the exhibit
 * to its attract loop. */
static bool opening_hours(app *a, double now)
{
    time_t wall = a->wall_start + (time_t)now;
    bool open = hours_open_at(&a->o->hours, wall);
    if (open == !a->closed)
        return open;
    a->closed = !open;
    time_t next = hours_next_change(&a->o->hours, wall);
    char when[32] = "never";
    struct tm tm;
    if (next != HOURS_NEVER && localtime_r(&next, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    uitrace_hours(a->tr, now, open, when);
    if (open) {
        LOG_I("app", "opening hours: open until %s", when);
        shell_reopen(&a->shell);
    } else {
        LOG_I("app", "opening hours: closed until %s; the panel is black", when);
        listen_stop(&a->shell.ui, "closed"); /* no frames run while closed: silence it now */
        display_blank(a->disp);
    }
    return open;
}

/* One frame while closed: only quit is taken (input is dropped, script
 * shots read the black picture), nothing is drawn; in real time the loop
 * sleeps until input, the next second or the opening. */
static void closed_frame(app *a, double now, bool *running)
{
    script_action act[APP_MAX_ACTIONS];
    int nact = a->have_script ? script_player_pump(&a->player, a->disp, now, act, APP_MAX_ACTIONS) : 0;
    bool quit = false;
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        input_event in;
        input_translate(&a->input, a->disp, &ev, now, &in, &quit);
    }
    if (quit)
        *running = false;
    run_actions(a, act, nact, running);
    if (!a->clock.virtual_time && *running) {
        int ms = APP_MAX_WAIT_MS;
        if (a->have_script && script_player_due(&a->player, now) * 1000.0 < ms)
            ms = (int)(script_player_due(&a->player, now) * 1000.0);
        SDL_WaitEventTimeout(NULL, ms > 0 ? ms : 0);
    }
}

static void loop(app *a)
{
    ui_shell *sh = &a->shell;
    bool running = true;
    script_action act[APP_MAX_ACTIONS];
    while (running) {
        double now = vclock_now(&a->clock);
        frameprof_begin(a->prof);
        unsigned long renders0 = sh->renders;
        if (!opening_hours(a, now)) {
            shell_begin_frame(sh, now); /* the clock only: nothing runs */
            closed_frame(a, now, &running);
            if (a->use_slots)
                updates(a, now, false);
            goto frame_end;
        }
        shell_begin_frame(sh, now);
        speech_advance(a->speech, now); /* virtual time: the sound up to this frame */
        int nact = a->have_script ? script_player_pump(&a->player, a->disp, now, act, APP_MAX_ACTIONS) : 0;
        bool quit = false;
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            input_event in;
            if (input_translate(&a->input, a->disp, &ev, now, &in, &quit))
                shell_input(sh, &in);
            if (ev.type == SDL_WINDOWEVENT && (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                                               ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED))
                shell_invalidate(sh);
        }
        if (quit || shell_quit(sh))
            running = false;
        if (a->use_slots)
            updates(a, now, true);
        /* Headless, the clock is virtual but an install process runs in
         * real time: the clock waits for it (at most APP_INSTALL_WAIT_S), so
         * a scripted run sees the new bundle at the same frame however slow
         * the machine (sanitizers, qemu). */
        for (double t0 = real_seconds(); a->clock.virtual_time && a->have_updater && updater_busy(&a->upd) &&
                                         real_seconds() - t0 < APP_INSTALL_WAIT_S;) {
            SDL_Delay(2);
            updates(a, now, true);
        }
        shell_update(sh);
        if (shell_needs_draw(sh)) {
            draw(a);
            if (sh->renders == 1) {
                double ms = proctime_since_exec_ms(), main_ms = proctime_since_main_ms();
                uitrace_first_frame(a->tr, now, ms, main_ms);
                frameprof_first_frame(a->prof);
                LOG_I("app", "first frame %.0f ms after the process started (%.0f ms after main)", ms, main_ms);
            }
        }
        if (sh->renders > 0)
            notify_ready(&a->notify); /* once: the first frame is on the panel */
        run_actions(a, act, nact, &running);

        shell_end_frame(sh);
    frame_end:
        frameprof_end(a->prof, a->frames, now, sh->ui.scene ? sh->ui.scene->name : NULL, sh->renders != renders0);
        notify_tick(&a->notify); /* the watchdog, open or closed */
        if (a->st && now >= a->next_flush) {
            stats_maybe_flush(a->st, ui_wall(&sh->ui));
            a->next_flush = now + APP_STATS_FLUSH_S;
        }
        if (now >= a->next_health) {
            trace_health(a, now);
            write_metrics(a, now);
            a->next_health = now + HEALTH_PERIOD_S;
        }
        a->frames++;
        if (a->o->frames > 0 && a->frames >= (unsigned long)a->o->frames)
            running = false;
        if (a->clock.virtual_time) {
            vclock_tick(&a->clock);
        } else if (a->closed) {
            /* closed_frame() slept */
        } else if (running && !shell_needs_draw(sh)) {
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
}

/* ---- start and stop ----------------------------------------------------- */

/* Audio for Listen: the configured device (none: off). A headless run has
 * audio only when SDL_AUDIODRIVER names a driver (the tests' "disk"), so a
 * test or CI run never plays through the machine's speakers. A missing or
 * failing device is logged once; the exhibit runs without Listen buttons. */
static void open_speech(app *a)
{
    const kiosk_options *o = a->o;
    if ((o->audio_device && strcmp(o->audio_device, "none") == 0) ||
        (o->headless && !SDL_getenv("SDL_AUDIODRIVER")))
        return;
    char err[512];
    speech_config sc = {o->audio_device, o->volume, o->speech_rate, o->headless};
    a->speech = speech_open(&sc, err, sizeof err);
    if (!a->speech)
        LOG_W("speech", "%s: the Listen buttons are hidden", err);
}

/* Everything up to the first frame; false (message printed) when the
 * program cannot run. */
static bool start(app *a, int *status)
{
    const kiosk_options *o = a->o;
    char err[512];
    if (o->trace && !(a->tr = trace_open(o->trace, err, sizeof err))) {
        LOG_E("app", "%s", err);
        return false;
    }
    if (o->profile && !(a->prof = frameprof_open(o->profile, err, sizeof err))) {
        LOG_E("app", "%s", err);
        return false;
    }
    if (o->script) {
        /* Coordinates are checked against the larger side both ways: the
         * operator menu may rotate the picture while the script runs. */
        int side = o->width > o->height ? o->width : o->height;
        if (!script_load(o->script, side, side, &a->scr, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            *status = 2;
            return false;
        }
        a->have_script = true;
        script_player_init(&a->player, &a->scr);
    }
    display_config dc = {o->width, o->height, o->headless, o->fullscreen, o->rotate};
    a->disp = display_open(&dc, err, sizeof err);
    if (!a->disp || !app_open_text(&a->te, &a->at, err, sizeof err) ||
        !(a->rd = render_create(display_renderer(a->disp), a->at, err, sizeof err))) {
        fprintf(stderr, "kiosk: %s\n", err);
        return false;
    }
    if (o->headless)
        vclock_init_virtual(&a->clock);
    else
        vclock_init_real(&a->clock, real_seconds);
    input_init(&a->input);
    a->vsync = display_has_vsync(a->disp);

    open_speech(a);
    shell_config c = {.px_per_mm = display_px_per_mm(a->disp),
                      .listen = speech_backend(a->speech),
                      .reach = (reach_setting)o->reach_mode,
                      .reach_bottom_mm = o->screen_bottom_mm,
                      .rotate = o->rotate,
                      .demo = o->demo,
                      .large_text = o->large_text,
                      .wall_start = vclock_wall_start()};
    a->wall_start = c.wall_start;
    display_picture_size(a->disp, &c.w, &c.h);
    a->use_slots = o->state_dir != NULL;
    a->st = stats_open(o->state_dir, c.wall_start, err, sizeof err);
    if (!a->st)
        LOG_W("stats", "%s", err); /* out of memory: the exhibit runs without counts */
    shell_host host = {a, host_reload, host_rotate, host_screenshot, host_rss_kb};
    if (!shell_init(&a->shell, a->te, a->tr, a->st, &c, &host)) {
        fprintf(stderr, "kiosk: out of memory for the scenes\n");
        return false;
    }
    shell_set_config(&a->shell, o->config_status);
    uitrace_start(a->tr, display_driver(a->disp), display_renderer_name(a->disp), app_fonts_dir(), c.w, c.h, o->rotate, o->headless, c.px_per_mm);

    diag_list diags;
    bundle *b;
    a->healthy_at = -1;
    snprintf(a->bundle_dir, sizeof a->bundle_dir, "%s", o->bundle);
    if (a->use_slots) {
        char msg[UPDATER_STATUS_MAX];
        if (!slots_begin(o->state_dir, SLOTS_MAX_TRIES, &a->slots, msg, sizeof msg, err, sizeof err))
            LOG_E("update", "%s", err);
        if (msg[0]) {
            LOG_W("update", "%s", msg);
            update_message(a, msg);
        }
        b = load_current(a, &diags);
        if (a->slots.trial)
            a->healthy_at = o->healthy_after;
    } else {
        b = app_load_bundle(a->o, a->bundle_dir, a->te, &diags);
    }
    if (b) {
        uitrace_bundle(a->tr, 0, a->bundle_dir, "loaded", b, NULL);
        show_bundle(a, b);
    } else {
        uitrace_bundle(a->tr, 0, a->bundle_dir, "refused", NULL, &diags);
        shell_show_error(&a->shell, a->bundle_dir, &diags);
    }
    diag_free(&diags);
    if (o->inbox) {
        a->have_updater = updater_open(&a->upd, o, err, sizeof err);
        if (!a->have_updater) {
            char msg[sizeof err + 32];
            snprintf(msg, sizeof msg, "updates off: inbox %s", err);
            LOG_E("update", "%s", msg);
            update_message(a, msg);
        }
        updater_pause(&a->upd, a->slots.trial);
    }
    return true;
}

int app_run(const kiosk_options *o)
{
    static app a; /* large (the shell's scenes and draw list): not on the stack */
    memset(&a, 0, sizeof a);
    a.o = o;
    notify_open(&a.notify);
    int status = 1;
    if (start(&a, &status)) {
        status = 0;
        loop(&a);
        notify_stopping(&a.notify);
        if (a.shot_failed)
            status = 1;
        if (o->screenshot) {
            if (!a.closed && (a.shell.renders == 0 || a.shell.ui.dirty))
                draw(&a);
            if (!save_shot(&a, o->screenshot))
                status = 1;
        }
        atlas_stats as = atlas_get_stats(a.at);
        uitrace_counts counts = {a.frames, a.shell.renders, text_stats(a.te).misses,
                                 as.pages, as.glyphs, as.evictions};
        uitrace_quit(a.tr, a.shell.ui.now, &counts);
        /* The atlas's memory: its own (coverage, packer, table) and the
         * renderer's ARGB copy of each page. */
        int side = atlas_page_size(a.at);
        size_t at_bytes = as.bytes + (size_t)as.pages * (size_t)side * (size_t)side * 4;
        char perr[512];
        if (!frameprof_close(a.prof, at_bytes, as.glyphs, perr, sizeof perr)) {
            LOG_E("app", "%s", perr);
            status = 1;
        }
        a.prof = NULL;
        const ui_scene *sc = a.shell.ui.scene;
        if (sc && sc->leave)
            sc->leave(&a.shell.ui);
    }
    char err[512];
    if (a.prof && !frameprof_close(a.prof, 0, 0, err, sizeof err)) /* start() failed */
        LOG_E("app", "%s", err);
    shell_free(&a.shell);
    speech_close(a.speech);
    if (a.have_updater)
        updater_close(&a.upd);
    stats_close(a.st);
    bundle_free(a.b);
    render_destroy(a.rd);
    atlas_close(a.at);
    text_close(a.te);
    display_close(a.disp);
    script_free(&a.scr);
    notify_close(&a.notify);
    if (!trace_finish(a.tr, err, sizeof err)) {
        /* A trace that lost lines is no record of the run: fail it. */
        LOG_E("app", "%s", err);
        status = 1;
    }
    return status;
}
