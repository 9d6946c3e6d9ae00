/* ui: the context every scene sees, and the scene interface.
 *
 * A scene is a table of functions (like SDL's video bootstraps):
 *   enter    the scene becomes current: reset its state
 *   layout   the picture size, language or text size changed (also called
 *            right after enter): recompute geometry and register targets
 *   touch    a raw touch, before gesture recognition; returning true
 *            consumes it and resets the recogniser, so the fingers on the
 *            glass are ignored until they lift (the attract loop wakes on
 *            touch-down without that touch also pressing a button)
 *   gesture  a recognised gesture (tap, pan, pinch ...; ui/gesture.h)
 *   key      a key press (keyboard attached: desktop preview, operator)
 *   update   advance animations to ctx->now; set ctx->dirty when the picture
 *            changed, ctx->animating while something moves every frame
 *   draw     append the whole picture to ctx->dl through ui/widgets.h; it
 *            asks the text engine for cached layouts and must not allocate
 *   leave    the scene stops being current
 * Any member but name may be NULL. A scene keeps its state in a struct of
 * its own (declared in its header) of state_size bytes, which the shell
 * allocates zeroed for every scene of ui/scenes.c when it starts and frees
 * when it ends; the scene reaches it with ui_scene_state(), never through
 * file-scope variables, so a test can run several contexts side by side.
 * Adding a scene touches that scene and one line of ui/scenes.c.
 *
 * The UI layer is plain C over the text engine and the content model: no
 * SDL (the build compiles it without SDL's headers). Input arrives as
 * ui/input_event.h events, drawing leaves as a ui/drawlist.h list; the
 * shell (ui/shell.h) routes one to the scenes and collects the other. */
#ifndef UI_UI_H
#define UI_UI_H

#include <stdbool.h>
#include <time.h>

#include "content/model.h"
#include "core/trace.h"
#include "text/layout.h"
#include "ui/drawlist.h"
#include "ui/gesture.h"
#include "ui/input_event.h"
#include "ui/listen.h"
#include "ui/geometry.h"
#include "stats/stats.h"
#include "ui/reach.h"
#include "ui/targets.h"

#define UI_MAX_SCENES 8 /* scenes ui/scenes.c may register */

typedef struct ui_scene ui_scene;

struct ui_scene {
    const char *name;
    size_t state_size; /* bytes of the scene's state (ui_scene_state); 0: none */
    void (*enter)(ui_ctx *ctx);
    void (*layout)(ui_ctx *ctx);
    bool (*touch)(ui_ctx *ctx, const input_event *ev);
    void (*gesture)(ui_ctx *ctx, const gesture_event *g);
    void (*key)(ui_ctx *ctx, const char *key);
    void (*update)(ui_ctx *ctx);
    void (*draw)(ui_ctx *ctx);
    void (*leave)(ui_ctx *ctx);
};

typedef struct {
    dl_colour bg, surface, surface_hi, line, text, muted, accent, on_accent, scrim;
    dl_colour category[BUNDLE_CAT_COUNT];
} ui_palette;

/* What a scene or an overlay asks the program to do (outside the frame:
 * they touch the display or the disk). */
typedef struct {
    bool reload;      /* reload the bundle from disk */
    bool rotate;      /* next rotation (operator menu) */
    bool screenshot;  /* save a screenshot */
} ui_requests;

struct ui_ctx {
    text_engine *te;
    dl_list dl;          /* this frame's drawing */
    int w, h;            /* picture size, px */
    float px_per_mm;
    int rotate;          /* the display's rotation, degrees (operator menu) */
    ui_geometry m;        /* geometry for w, h, px_per_mm, large_text (ui_relayout) */
    double now, dt;      /* program clock and the last frame's length, s */
    trace *tr;           /* may be NULL */
    stats *st;           /* may be NULL */
    const bundle *b;     /* never NULL while a scene other than the error screen runs */

    bundle_lang lang;
    bool large_text, reduced_motion, high_contrast;
    reach_setting reach; /* reach mode (ui/reach.h) */
    int reach_bottom_mm; /* the screen's bottom edge above the floor */
    ui_palette pal;

    target_list targets; /* of the current scene (and overlays) */
    bool dirty;          /* the picture must be redrawn */
    bool animating;      /* redraw every frame until cleared */
    /* Only this part of the picture changed (ui_damage): when nothing set
     * `dirty`, the frame is drawn into it alone (the rest of the picture
     * stays from the frame before; see shell_damage()). */
    bool damaged;
    ui_rect damage;
    bool quit;
    ui_requests req;

    const ui_scene *scene;
    double scene_since;  /* ctx->now when the scene was entered */
    double last_input;   /* ctx->now of the last touch (idle timer) */
    unsigned long visits;/* visitor sessions started (attract -> home) */

    /* For --demo and the operator menu. */
    bool ptr_down[INPUT_MAX_POINTERS];
    float ptr_x[INPUT_MAX_POINTERS], ptr_y[INPUT_MAX_POINTERS];
    double fps;          /* frames drawn per second (shell_end_frame) */
    double wake_at;      /* next time something must update (real-time sleep bound) */
    void (*overlay_layout)(ui_ctx *ctx); /* overlays' targets, after the scene's */
    void *overlay_user;  /* for overlay_layout */
    time_t wall_start;   /* wall clock at start; the day for the interaction log */

    listen_state listen; /* reading aloud (ui/listen.h) */

    /* Every registered scene (ui_scene_list, copied by shell_init) and its
     * state (NULL for a scene without state), allocated by shell_init. */
    struct {
        const ui_scene *scene;
        void *state;
    } scenes[UI_MAX_SCENES];
};

/* Every scene the shell runs (ui/scenes.c), and how many. */
extern const ui_scene *const ui_scene_list[];
extern const size_t ui_scene_list_count;

/* The state of scene sc (a registered scene with a state_size) in ctx. */
void *ui_scene_state(const ui_ctx *ctx, const ui_scene *sc);

/* Leaves the current scene and enters `next`: traces {"event":"scene"},
 * counts the visit, lays the scene out and traces its targets. */
void ui_set_scene(ui_ctx *ctx, const ui_scene *next);

/* Recomputes the geometry and re-lays out the current scene after a size,
 * language or text-size change, and traces its targets. */
void ui_relayout(ui_ctx *ctx);

/* Sets the language (instant: layouts are cached per text), traces it. */
void ui_set_language(ui_ctx *ctx, bundle_lang lang);

/* The rows within a seated visitor's reach in reach mode; the whole
 * picture when it is off. Visitor controls lie within it. */
reach_zone ui_reach_zone(const ui_ctx *ctx);

/* Rebuilds the palette from the bundle theme and high_contrast. */
void ui_update_palette(ui_ctx *ctx);

/* The text size of a style for this picture and text mode, px. */
int ui_text_size(const ui_ctx *ctx, text_style_id style);

/* A UI string of the bundle in the current language, or the firmware's
 * default for an optional key the bundle leaves out (ui/uistrings.h). */
const char *ui_str(const ui_ctx *ctx, const char *key);

/* Wall-clock time now: wall_start + ctx->now, so a headless run's days are
 * as reproducible as its frames. */
time_t ui_wall(const ui_ctx *ctx);

/* Asks the program to run update() again no later than time t (for timers:
 * dwell, idle countdown). Cleared every frame. */
void ui_wake_at(ui_ctx *ctx, double t);

/* The picture changed inside r only (a scene's update): it is redrawn
 * there, unless the frame is redrawn whole anyway (ctx->dirty). Calls in
 * one frame add up to the rectangle around them all. */
void ui_damage(ui_ctx *ctx, ui_rect r);

/* Traces {"event":name, key:val} at ctx->now. */
void ui_trace_str(ui_ctx *ctx, const char *event, const char *key, const char *val);

#endif
