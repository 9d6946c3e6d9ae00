/* overlays: what is drawn over any scene.
 *
 * idle      after the manifest's idle timeout without a touch, a visible
 *           countdown; a touch cancels it (and is consumed); at zero the
 *           exhibit returns to the attract loop and forgets the visitor's
 *           choices (language, filters, scroll: scenes reset on enter).
 * operator  a hidden menu for the museum's staff, only through its PIN pad
 *           and the manifest's PIN (tapped, or typed on a keyboard); the pad
 *           opens by holding a finger still in the top-left corner for
 *           OPERATOR_HOLD_S, or by F12 on a keyboard (unless f12_off). It shows the
 *           bundle, uptime, frame rate, memory and today's interactions, and
 *           offers reload, rotation, the accessibility modes, reach mode
 *           (ui/reach.h: switched at once, the screens laid out again), a
 *           screenshot and close.
 * access    the visitor's accessibility button (home, reader, timeline; in
 *           the top bar, so within reach in reach mode) and its panel:
 *           large text, high contrast, reduced motion, close; no PIN. The
 *           exhibit's own settings come back at the idle return.
 * demo      (--demo) touch points as circles, for an audience. */
#ifndef UI_OVERLAYS_H
#define UI_OVERLAYS_H

#include <stdbool.h>

#include "ui/ui.h"

#define OPERATOR_HOLD_S 5.0
#define OPERATOR_CORNER_MM 15.0f
#define OPERATOR_PIN_TIMEOUT_S 30.0 /* an abandoned PIN pad closes itself */

typedef struct {
    bool counting;
    int shown;              /* seconds on screen */
} idle_overlay;

void idle_reset(idle_overlay *io);
/* A touch: restarts the idle timer; returns true when it cancelled a
 * countdown (the touch is then consumed). */
bool idle_touch(idle_overlay *io, ui_ctx *ctx);
void idle_update(idle_overlay *io, ui_ctx *ctx);
void idle_draw(const idle_overlay *io, ui_ctx *ctx);

typedef enum { OPERATOR_CLOSED, OPERATOR_PIN, OPERATOR_MENU } operator_phase;

#define OPERATOR_KEYS 12    /* the PIN pad: 1-9, clear, 0, cancel */
#define OPERATOR_ACTIONS 9  /* the menu's buttons */

typedef struct {
    operator_phase phase;
    char pin[16];
    int npin;
    bool wrong;             /* the last PIN was wrong */
    double opened;
    bool hold_armed;        /* a corner hold may open it (re-armed when released) */
    bool f12_off;           /* F12 opens nothing (the site's operator_f12 = no); set after operator_reset */
    const char *message;    /* last action's result, for the menu */
    const char *config;     /* the site configuration's problems (kept for the whole run), or NULL */
    const char *update;     /* content updates: progress or last result (kept while the menu opens and closes) */
    long rss_kb;            /* the process's resident memory (KiB) for the menu's next picture; <0: unknown */
    /* geometry, from operator_layout */
    ui_rect panel, display, keys[OPERATOR_KEYS], buttons[OPERATOR_ACTIONS];
} operator_overlay;

void operator_reset(operator_overlay *op);
bool operator_is_open(const operator_overlay *op);
/* Keys: F12 opens the PIN pad, or closes the pad or the menu; on the pad,
 * digits (number row or keypad) enter the PIN and backspace takes the last
 * one back; Escape closes. Returns true when consumed (always, while open). */
bool operator_key(operator_overlay *op, ui_ctx *ctx, const char *key);
/* Taps while open; returns true when consumed (always, while open). */
bool operator_gesture(operator_overlay *op, ui_ctx *ctx, const gesture_event *g);
/* Watches for the corner hold; closes an abandoned PIN pad. */
void operator_update(operator_overlay *op, ui_ctx *ctx, const gesture_state *gs);
/* Lays the overlay out and adds its targets (after the scene's: it is
 * modal, so while open it replaces them). */
void operator_layout(operator_overlay *op, ui_ctx *ctx);
void operator_draw(const operator_overlay *op, ui_ctx *ctx);
/* Closes the PIN pad or the menu (the exhibit returned to its slideshow). */
void operator_close(operator_overlay *op, ui_ctx *ctx);
/* Shown in the menu after an action ("reloaded", "reload failed: ..."). */
void operator_set_message(operator_overlay *op, const char *msg);
/* The content update line of the menu (borrowed; NULL: none). */
void operator_set_update(operator_overlay *op, const char *msg);
/* The configuration line of the menu (borrowed; NULL: none). */
void operator_set_config(operator_overlay *op, const char *msg);
/* The memory figure of the menu, in KiB (<0: unknown, shown as 0 MiB): the
 * program's, set before each picture of the menu (the UI reads no file). */
void operator_set_memory(operator_overlay *op, long rss_kb);

#define ACCESS_ITEMS 4 /* large text, high contrast, reduced motion, close */

typedef struct {
    bool open;
    bool changed; /* the visitor changed a mode: base_* hold the exhibit's */
    bool base_large_text, base_high_contrast, base_reduced_motion;
    ui_rect panel, buttons[ACCESS_ITEMS];
} access_overlay;

bool access_is_open(const access_overlay *ac);
/* A tap on the button opens the panel (stopping a reading); while open it is
 * modal. Returns true when consumed. Trace: {"event":"access","phase":...}
 * and {"event":"access","toggle":MODE}. */
bool access_gesture(access_overlay *ac, ui_ctx *ctx, const gesture_event *g);
/* Adds the button's target ("a11y"), or while open the panel's (modal). */
void access_layout(access_overlay *ac, ui_ctx *ctx);
void access_draw(const access_overlay *ac, ui_ctx *ctx);
/* The idle return: closes the panel and restores the exhibit's modes. */
void access_reset(access_overlay *ac, ui_ctx *ctx);

void demo_draw(ui_ctx *ctx);

#endif
