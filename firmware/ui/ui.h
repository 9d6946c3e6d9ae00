/* ui: what every scene sees of the program, and the scene interface.
 *
 * A scene is a table of functions (like SDL's video bootstraps):
 *   enter   the scene becomes current (prepare layouts here, not in draw)
 *   input   one input_event (picture pixels)
 *   update  advance animations to ctx->now; set ctx->dirty when the picture
 *           changed, ctx->animating while something moves every frame
 *   draw    draw the whole picture; must not allocate, shape or lay out
 *   leave   the scene stops being current
 * The main loop draws only when dirty or animating, and otherwise sleeps. */
#ifndef UI_UI_H
#define UI_UI_H

#include <SDL.h>
#include <stdbool.h>

#include "core/input_event.h"
#include "core/options.h"
#include "core/trace.h"

typedef struct ui_ctx ui_ctx;

typedef struct {
    const char *name;
    void (*enter)(ui_ctx *ctx);
    void (*input)(ui_ctx *ctx, const input_event *ev);
    void (*update)(ui_ctx *ctx);
    void (*draw)(ui_ctx *ctx);
    void (*leave)(ui_ctx *ctx);
} ui_scene;

struct ui_ctx {
    SDL_Renderer *renderer;
    int w, h;            /* picture size in pixels */
    float px_per_mm;
    double now, dt;      /* program clock and the last frame's length, s */
    trace *tr;           /* may be NULL */
    const kiosk_options *opts;
    bool dirty;          /* the picture must be redrawn */
    bool animating;      /* redraw every frame until cleared */
    bool quit;           /* a scene asks the program to end */
    const ui_scene *scene;
    void *scene_state;   /* owned by the current scene */
};

/* Leaves the current scene, enters `next`, traces {"event":"scene"}. */
void ui_set_scene(ui_ctx *ctx, const ui_scene *next);

#endif
