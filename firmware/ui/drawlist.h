/* drawlist: what a frame draws, as a list of commands.
 *
 * Scenes, widgets and overlays append commands here; the platform layer
 * (platform/render.h, render_drawlist) walks the list with SDL. So the UI
 * never calls SDL (it is compiled without SDL's headers), and a unit test can
 * run a scene and inspect what it would have drawn.
 *
 * Commands, in painter's order:
 *   rect        a filled rectangle
 *   round       a filled rectangle with rounded corners
 *   glyphs      a glyph run of a laid-out paragraph (text/layout.h), drawn
 *               with its block's top-left at (x, y); the command points into
 *               the layout cache, which keeps every layout asked for since
 *               text_frame_begin() until text_frame_end() (no copy)
 *   image       an RGBA image scaled into a rectangle; the image's pixels
 *               are the caller's and must stay valid while it is drawn
 *   clip_push   clip what follows to a rectangle (intersected with the clip
 *               in force); clip_pop restores the clip before the push
 *   alpha       multiplies the alpha of everything that follows by a in
 *               [0, 1] (cross-fades), until the next alpha command
 * Colours are straight (not premultiplied) RGBA.
 *
 * Capacity is fixed (DL_MAX_CMDS commands, DL_MAX_CLIP_DEPTH nested clips):
 * appending never allocates. Commands beyond the capacity are dropped and
 * counted (dl_list.dropped), a push beyond the depth is dropped together with
 * its pop, so a full list never unbalances the clip stack. Not thread-safe. */
#ifndef UI_DRAWLIST_H
#define UI_DRAWLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/glyph.h"
#include "text/layout.h"

#define DL_MAX_CMDS 8192
#define DL_MAX_CLIP_DEPTH 8

typedef struct {
    uint8_t r, g, b, a;
} dl_colour;

/* An image in memory: w x h pixels of R, G, B, A bytes, rows `stride` bytes
 * apart. `generation` changes whenever the pixels change, so a drawer that
 * keeps a texture of it knows when to upload again. */
typedef struct {
    const uint8_t *rgba;
    int w, h, stride;
    uint32_t generation;
} dl_image;

typedef enum { DL_RECT, DL_ROUND, DL_GLYPHS, DL_IMAGE, DL_CLIP_PUSH, DL_CLIP_POP, DL_ALPHA } dl_kind;

typedef struct {
    dl_kind kind;
    dl_colour colour; /* rect, round, glyphs */
    float x, y, w, h; /* the box; glyphs: block top-left and size; clip: the
                                  clip now in force (w = h = 0 and `none`: no clip) */
    bool none;        /* clip_pop: no clip is in force after it */
    union {
        float radius; /* round */
        float alpha;  /* alpha */
        struct {
            const text_glyph *g;
            uint32_t n;
        } glyphs;
        const dl_image *image; /* image */
    } u;
} dl_cmd;

typedef struct {
    dl_cmd cmd[DL_MAX_CMDS];
    size_t count;
    size_t dropped;                   /* commands that did not fit this frame */
    int depth;                        /* clips pushed and not popped */
    int skipped;                      /* pushes dropped (beyond the depth or capacity) and not popped */
    bool underflow;                   /* a pop without its push */
    float clip[DL_MAX_CLIP_DEPTH][4]; /* the clip in force at each depth: x, y, w, h */
    float alpha;                      /* the alpha in force */
} dl_list;

/* Empties the list for a new frame: no clip, alpha 1. */
void dl_reset(dl_list *l);

void dl_rect(dl_list *l, float x, float y, float w, float h, dl_colour c);
/* radius is clamped by the drawer to half the shorter side. */
void dl_round(dl_list *l, float x, float y, float w, float h, float radius, dl_colour c);
/* The glyphs of `layout` (NULL or empty: nothing). */
void dl_glyphs(dl_list *l, const text_layout *layout, float x, float y, dl_colour c);
void dl_image_draw(dl_list *l, const dl_image *img, float x, float y, float w, float h);
void dl_clip_push(dl_list *l, float x, float y, float w, float h);
void dl_clip_pop(dl_list *l);
void dl_alpha(dl_list *l, float a);

/* True when every pushed clip was popped, and nothing more (the end-of-frame
 * check). */
bool dl_balanced(const dl_list *l);

#endif
