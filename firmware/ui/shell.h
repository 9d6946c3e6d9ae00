/* shell: the exhibit's UI as one object, the same in the kiosk and in a test.
 *
 * It owns the scene context (ui/ui.h), the gesture recogniser and the
 * overlays, and decides who gets an input:
 *   1. every input is traced; keys go to the operator overlay (F12 opens
 *      its PIN pad, the PIN may be typed), then the scene; without a bundle
 *      (the error screen) only Escape, which quits;
 *   2. a touch-down while the idle countdown runs cancels it and does
 *      nothing else; a touch-down a scene consumes (the attract loop) resets
 *      the recogniser, so that finger presses nothing until it lifts;
 *   3. other touches feed the gesture recogniser; its gestures go to the
 *      operator menu while it is open (it is modal), else to the scene.
 * Each frame it advances the overlays and the scene, serves what they
 * requested through the host (reload, rotate, screenshot: they touch the
 * disk or the display, which the shell does not own), fades a new scene in
 * from the background colour, and when the picture changed builds the draw
 * list; the operator menu's memory figure comes from the host too (the UI
 * reads no file).
 *
 * The program (app/app.c) and the tests drive it alike:
 *     shell_begin_frame(now); shell_input(ev)...; shell_update();
 *     if (shell_needs_draw()) { list = shell_draw(); <draw it>; shell_drawn(); }
 *     shell_end_frame();
 * Every frame is drawn shifted by the burn-in offset (ui/burnin.h), which
 * also wakes the program when it changes.
 * No SDL, no allocation after shell_init (the draw list lives in the shell,
 * every scene's state is allocated there). Not thread-safe. */
#ifndef UI_SHELL_H
#define UI_SHELL_H

#include <stdbool.h>
#include <time.h>

#include "content/diag.h"
#include "content/model.h"
#include "core/trace.h"
#include "text/layout.h"
#include "ui/gesture.h"
#include "ui/overlays.h"
#include "stats/stats.h"
#include "ui/ui.h"

#define SHELL_FADE_S 0.3 /* scene change: the new scene fades in */

/* What the shell asks of the program. Any callback may be NULL (the request
 * is then dropped). */
typedef struct {
    void *user;
    void (*reload)(void *user);     /* load the bundle again: shell_show_bundle or a message */
    void (*rotate)(void *user);     /* rotate the display: shell_set_picture */
    void (*screenshot)(void *user); /* save the picture: shell_draw may be called */
    long (*rss_kb)(void *user);     /* resident memory, KiB (<0: unknown): asked for each picture of the
                                       operator menu, never otherwise */
} shell_host;

typedef struct {
    int w, h; /* picture, px */
    float px_per_mm;
    int rotate;        /* degrees, for the operator menu */
    bool demo;         /* draw the touch points (--demo) */
    bool large_text;   /* start in large-text mode whatever the bundle says */
    time_t wall_start; /* wall clock at start (SOURCE_DATE_EPOCH in tests) */
    const listen_backend *listen; /* reads aloud (ui/listen.h); NULL: no Listen buttons */
    reach_setting reach;          /* reach mode (ui/reach.h); REACH_AUTO: on in portrait */
    int reach_bottom_mm;          /* the screen's bottom edge above the floor; 0: REACH_DEFAULT_BOTTOM_MM */
    bool f12_off;                 /* F12 does not open the operator's PIN pad (operator_f12 = no) */
} shell_config;

typedef struct {
    ui_ctx ui;
    gesture_state gs;
    idle_overlay idle;
    operator_overlay op;
    access_overlay access;
    shell_host host;
    bool demo, force_large_text;
    bool started;                /* the first frame has begun */
    const ui_scene *shown_scene; /* for the fade-in on scene changes */
    double fade_from;
    unsigned long renders;       /* frames drawn since shell_init */
    double fps_t0;               /* the frame-rate window (operator menu) */
    unsigned long fps_renders;
    int drift_dx, drift_dy;      /* the burn-in offset of the last frame drawn (ui/burnin.h) */
} ui_shell;

/* Sets up the shell for a picture; te (required), tr and st (may be NULL)
 * are borrowed and must outlive it. No scene runs until shell_show_bundle
 * or shell_show_error. False when memory for the scenes' state runs out
 * (nothing is then held). Free with shell_free(). */
bool shell_init(ui_shell *s, text_engine *te, trace *tr, stats *st, const shell_config *c,
                const shell_host *host);

/* Frees the scenes' state; the shell is not used again (a scene's leave(),
 * when the caller wants it, comes first). */
void shell_free(ui_shell *s);

/* Shows bundle b (borrowed; it must outlive its use: the caller frees the
 * previous one only after this returns): default language and
 * accessibility modes from its manifest, the attract loop. */
void shell_show_bundle(ui_shell *s, const bundle *b);

/* Shows the built-in error screen with the first diagnostics (copied). */
void shell_show_error(ui_shell *s, const char *bundle_dir, const diag_list *diags);

/* The picture changed size or rotation: the fingers on the glass are
 * forgotten and the scene is laid out again; traces "rotate". */
void shell_set_picture(ui_shell *s, int w, int h, int rotate);

/* Starts a frame at program time `now`. */
void shell_begin_frame(ui_shell *s, double now);

/* Routes one input (see above). */
void shell_input(ui_shell *s, const input_event *in);

/* The picture must be drawn again (a window was exposed). */
void shell_invalidate(ui_shell *s);

/* Advances gestures, overlays and the scene to the frame's time and serves
 * their requests. */
void shell_update(ui_shell *s);

/* True when the frame must be drawn: something changed or moves. */
bool shell_needs_draw(const ui_shell *s);

/* True when the next frame need only be drawn into the rectangle (x, y, w,
 * h) of the picture (px, the list's own coordinates after burn-in): the
 * scene said only that part changed (ui_damage) and nothing asks for the
 * whole frame. The rest of the picture must still hold the last frame. */
bool shell_damage(const ui_shell *s, int *x, int *y, int *w, int *h);

/* Builds the frame's draw list (owned by the shell, valid until
 * shell_drawn()); the layouts it points to stay in the text cache until
 * then. */
const dl_list *shell_draw(ui_shell *s);

/* The list has been drawn: releases the layouts, clears `dirty`, counts
 * the frame. */
void shell_drawn(ui_shell *s);

/* Ends the frame: once a second, the frames drawn per second for the
 * operator menu. */
void shell_end_frame(ui_shell *s);

/* The result of a request, shown in the operator menu ("reloaded"). */
void shell_set_message(ui_shell *s, const char *msg);

/* The content update line of the operator menu (borrowed: the caller keeps
 * msg alive and unchanged until the next call); redrawn when the menu is open. */
void shell_set_update(ui_shell *s, const char *msg);

/* The exhibit opens again after its closing hours (the program stopped
 * driving the shell meanwhile): back to the attract loop in the default
 * language, as after idle, and drawn again. */
void shell_reopen(ui_shell *s);

/* The configuration line of the operator menu (borrowed: the caller keeps
 * msg alive and unchanged for the shell's life; NULL: none): the config
 * file's errors (lines not applied), or a file that could not be read. */
void shell_set_config(ui_shell *s, const char *msg);

/* Earliest time something must update (for the program's sleep); infinity
 * when nothing waits. */
double shell_wake_at(const ui_shell *s);

/* The exhibit asked to quit (Escape on the error screen). */
bool shell_quit(const ui_shell *s);

#endif
