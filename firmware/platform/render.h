/* render: batched 2D drawing of rectangles and atlas glyphs with SDL.
 *
 * Everything drawn goes into one fixed-capacity vertex/index batch that is
 * sent with SDL_RenderGeometry. The texture of a batch is one atlas page;
 * rectangles sample that page's white patch, so text and shapes of a frame
 * usually go out in one draw call (a new call starts only when the page
 * changes, the batch is full, the clip changes, or at render_flush()).
 * Draw order is kept exactly (painter's order), which is why batches are not
 * regrouped per page.
 *
 * Textures: one SDL_PIXELFORMAT_ARGB8888 texture per atlas page, white with
 * the coverage as alpha, blend mode BLEND, so the vertex colour tints it and
 * its alpha fades it. Only the atlas's dirty regions are uploaded
 * (SDL_UpdateTexture), just before a batch is drawn.
 *
 * Eviction safety: when the atlas must clear a page to make room (only on a
 * glyph miss), its evict hook makes this drawer upload and draw the pending
 * batch first, while the page still holds the glyphs the batch refers to.
 * A batch therefore never refers to a cleared page.
 *
 * No allocation after render_create(): the batch, the upload staging rows
 * and the textures (created when a page first appears) are the only memory.
 * Not thread-safe; one renderer per atlas. */
#ifndef PLATFORM_RENDER_H
#define PLATFORM_RENDER_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/atlas.h"
#include "text/glyph.h"
#include "ui/drawlist.h"

#define RENDER_BATCH_VERTICES 16384 /* vertices per draw call (4 per quad) */
#define RENDER_BATCH_INDICES 24576  /* indices per draw call (6 per quad) */
#define RENDER_UPLOAD_ROWS 64       /* rows converted per SDL_UpdateTexture call */
#define RENDER_CORNER_SEGMENTS 8    /* triangles per rounded corner */
#define RENDER_BIG_RECT_PX 65536    /* rectangles this large (px²) are filled directly */
#define RENDER_MAX_IMAGES 8         /* image textures kept (least recently drawn replaced) */

typedef struct {
    uint8_t r, g, b, a; /* straight (not premultiplied) alpha */
} render_colour;

typedef struct {
    int draw_calls;        /* SDL_RenderGeometry calls since render_begin() */
    long vertices, indices;
    long quads;            /* glyph and rectangle quads */
    int uploads;           /* SDL_UpdateTexture calls */
    long upload_bytes;
    int evict_flushes;     /* batches drawn early because the atlas cleared a page */
    uint64_t atlas_generation; /* generation the textures reflect */
} render_stats;

typedef struct render render;

/* A drawer for `sdl` using `atlas`; neither is owned, both must outlive the
 * drawer. Installs itself as the atlas's evict hook. Fails (NULL, message in
 * err) when the renderer cannot hold an atlas page as a texture. Free with
 * render_destroy(). */
render *render_create(SDL_Renderer *sdl, atlas *atlas, char *err, size_t errlen);

/* NULL is a no-op. Removes the atlas's evict hook. */
void render_destroy(render *r);

/* Starts a frame: resets the per-frame statistics, advances the atlas's LRU
 * clock and resets the global alpha to 1. */
void render_begin(render *r);

/* Global alpha multiplier in [0, 1] applied to every colour drawn after it
 * (cross-fades). Values outside the range are clamped. */
void render_set_alpha(render *r, float alpha);

/* Clip rectangle for what follows, or NULL for none. Flushes the batch. */
void render_set_clip(render *r, const SDL_Rect *clip);

void render_rect(render *r, float x, float y, float w, float h, render_colour c);

/* A filled rectangle with corners of the given radius (clamped to half the
 * shorter side), without anti-aliasing of the curve. */
void render_rounded_rect(render *r, float x, float y, float w, float h, float radius,
                         render_colour c);

/* Draws n glyphs of a laid-out paragraph whose top-left is at (ox, oy).
 * Each origin is rounded to a whole pixel so stems stay crisp. Glyphs not
 * cached are rasterised now. */
void render_glyphs(render *r, const text_glyph *g, size_t n, float ox, float oy, render_colour c);

/* Draws an image scaled into (x, y, w, h), faded by the global alpha. The
 * image's texture is made on its first draw and kept (RENDER_MAX_IMAGES of
 * them, by image address and generation), so a still image costs no upload. */
void render_image(render *r, const dl_image *img, float x, float y, float w, float h);

/* Draws a frame's draw list (ui/drawlist.h) in order: the one place where
 * the UI's drawing meets SDL. Leaves no clip set and the alpha at 1. */
void render_drawlist(render *r, const dl_list *l);

/* The same, drawing only inside damage (when not NULL): commands that
 * cannot reach it are skipped and everything is clipped to it, so the rest
 * of the target keeps what it held (the frame before). An empty clip of the
 * list (w or h 0) then draws nothing. */
void render_drawlist_damage(render *r, const dl_list *l, const SDL_Rect *damage);

/* Uploads dirty atlas regions and draws the pending batch. Call before
 * SDL_RenderPresent or reading pixels back. */
void render_flush(render *r);

/* Statistics of the current frame. */
render_stats render_get_stats(const render *r);

#endif
