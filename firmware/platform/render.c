#include "platform/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/frameprof.h"
#include "core/log.h"

#define QUARTER_TURN 1.5707963267948966f /* radians */

typedef struct {
    const dl_image *img;   /* NULL: free slot */
    uint32_t generation;
    SDL_Texture *tex;
    int w, h;
    unsigned long used;    /* frame of the last draw */
} render_image_slot;

struct render {
    SDL_Renderer *sdl;
    atlas *atlas;
    int page_size;
    float inv_size;
    SDL_Texture *tex[ATLAS_PAGES_LIMIT];
    uint32_t *staging; /* page_size * RENDER_UPLOAD_ROWS ARGB pixels */

    render_image_slot images[RENDER_MAX_IMAGES];
    unsigned long frame;

    int page; /* texture of the pending batch (kept between batches so
                 rectangles join whatever page the text is on) */
    int nv, ni;
    float alpha;
    render_stats st;
    SDL_Vertex verts[RENDER_BATCH_VERTICES];
    int idx[RENDER_BATCH_INDICES];
};

static bool ensure_texture(render *r, int page)
{
    if (r->tex[page])
        return true;
    SDL_Texture *t = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                       r->page_size, r->page_size);
    if (!t)
        return false;
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    /* Quads are drawn 1:1 at whole pixels; nearest keeps them exact. */
    SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
    r->tex[page] = t;
    return true;
}

static void upload_dirty(render *r)
{
    atlas_rect d;
    while (atlas_take_dirty(r->atlas, &d)) {
        if (!ensure_texture(r, d.page))
            continue; /* nothing to draw into; its glyphs will show empty */
        int stride;
        const uint8_t *src = atlas_page_pixels(r->atlas, d.page, &stride);
        for (int y0 = d.y; y0 < d.y + d.h; y0 += RENDER_UPLOAD_ROWS) {
            int rows = d.y + d.h - y0 < RENDER_UPLOAD_ROWS ? d.y + d.h - y0 : RENDER_UPLOAD_ROWS;
            uint32_t *out = r->staging;
            for (int y = 0; y < rows; y++) {
                const uint8_t *s = src + (size_t)(y0 + y) * (size_t)stride + d.x;
                for (int x = 0; x < d.w; x++)
                    *out++ = (uint32_t)s[x] << 24 | 0x00FFFFFFu;
            }
            SDL_Rect rect = {d.x, y0, d.w, rows};
            frameprof_sdl_enter();
            SDL_UpdateTexture(r->tex[d.page], &rect, r->staging, d.w * 4);
            frameprof_sdl_leave();
            r->st.uploads++;
            r->st.upload_bytes += (long)d.w * rows * 4;
        }
    }
    r->st.atlas_generation = atlas_generation(r->atlas);
}

void render_flush(render *r)
{
    upload_dirty(r);
    if (r->ni == 0)
        return;
    if (r->tex[r->page]) {
        frameprof_sdl_enter();
        SDL_RenderGeometry(r->sdl, r->tex[r->page], r->verts, r->nv, r->idx, r->ni);
        frameprof_sdl_leave();
        r->st.draw_calls++;
        r->st.vertices += r->nv;
        r->st.indices += r->ni;
    }
    r->nv = r->ni = 0;
}

static void on_evict(void *user, int page)
{
    (void)page;
    render *r = user;
    if (r->ni > 0) {
        render_flush(r);
        r->st.evict_flushes++;
    }
}

render *render_create(SDL_Renderer *sdl, atlas *a, char *err, size_t errlen)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(sdl, &info) != 0) {
        log_format_err(err, errlen, "render: %s", SDL_GetError());
        return NULL;
    }
    int size = atlas_page_size(a);
    if ((info.max_texture_width && info.max_texture_width < size) ||
        (info.max_texture_height && info.max_texture_height < size)) {
        log_format_err(err, errlen, "render: %s renderer textures are at most %dx%d, atlas pages are %d px",
                 info.name, info.max_texture_width, info.max_texture_height, size);
        return NULL;
    }
    render *r = calloc(1, sizeof *r);
    if (r)
        r->staging = malloc((size_t)size * RENDER_UPLOAD_ROWS * sizeof *r->staging);
    if (!r || !r->staging) {
        if (r)
            free(r);
        log_format_err(err, errlen, "render: out of memory");
        return NULL;
    }
    r->sdl = sdl;
    r->atlas = a;
    r->page_size = size;
    r->inv_size = 1.0f / (float)size;
    r->alpha = 1;
    if (!ensure_texture(r, 0)) {
        log_format_err(err, errlen, "render: cannot create a %dx%d texture: %s", size, size, SDL_GetError());
        render_destroy(r);
        return NULL;
    }
    /* Pages filled before this drawer existed have to reach its textures. */
    atlas_mark_all_dirty(a);
    atlas_set_evict_hook(a, on_evict, r);
    return r;
}

void render_destroy(render *r)
{
    if (!r)
        return;
    atlas_set_evict_hook(r->atlas, NULL, NULL);
    for (int i = 0; i < ATLAS_PAGES_LIMIT; i++)
        if (r->tex[i])
            SDL_DestroyTexture(r->tex[i]);
    for (int i = 0; i < RENDER_MAX_IMAGES; i++)
        if (r->images[i].tex)
            SDL_DestroyTexture(r->images[i].tex);
    free(r->staging);
    free(r);
}

void render_begin(render *r)
{
    uint64_t gen = r->st.atlas_generation;
    memset(&r->st, 0, sizeof r->st);
    r->st.atlas_generation = gen;
    r->alpha = 1;
    r->frame++;
    atlas_begin_frame(r->atlas);
}

void render_set_alpha(render *r, float alpha)
{
    r->alpha = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
}

void render_set_clip(render *r, const SDL_Rect *clip)
{
    render_flush(r);
    frameprof_sdl_enter();
    SDL_RenderSetClipRect(r->sdl, clip);
    frameprof_sdl_leave();
}

render_stats render_get_stats(const render *r) { return r->st; }

/* Makes room for nv vertices and ni indices on `page`, flushing first when
 * the batch is on another page or full. */
static void reserve(render *r, int page, int nv, int ni)
{
    if (r->ni > 0 && (page != r->page || r->nv + nv > RENDER_BATCH_VERTICES ||
                      r->ni + ni > RENDER_BATCH_INDICES))
        render_flush(r);
    r->page = page;
}

static SDL_Color colour(const render *r, render_colour c)
{
    return (SDL_Color){c.r, c.g, c.b, (uint8_t)lrintf((float)c.a * r->alpha)};
}

static void quad(render *r, int page, float x0, float y0, float x1, float y1,
                 float u0, float v0, float u1, float v1, SDL_Color col)
{
    reserve(r, page, 4, 6);
    SDL_Vertex *v = &r->verts[r->nv];
    v[0] = (SDL_Vertex){{x0, y0}, col, {u0, v0}};
    v[1] = (SDL_Vertex){{x1, y0}, col, {u1, v0}};
    v[2] = (SDL_Vertex){{x1, y1}, col, {u1, v1}};
    v[3] = (SDL_Vertex){{x0, y1}, col, {u0, v1}};
    int *i = &r->idx[r->ni];
    i[0] = r->nv; i[1] = r->nv + 1; i[2] = r->nv + 2;
    i[3] = r->nv; i[4] = r->nv + 2; i[5] = r->nv + 3;
    r->nv += 4;
    r->ni += 6;
    r->st.quads++;
}

/* Texture coordinate of the middle of the white patch: every sample around
 * it is white whatever the filtering. */
static void white_uv(const render *r, float *u, float *v)
{
    atlas_rect w = atlas_white(r->atlas, r->page);
    *u = ((float)w.x + (float)w.w * 0.5f) * r->inv_size;
    *v = ((float)w.y + (float)w.h * 0.5f) * r->inv_size;
}

void render_rect(render *r, float x, float y, float w, float h, render_colour c)
{
    if (w <= 0 || h <= 0)
        return;
    if (w * h >= RENDER_BIG_RECT_PX) {
        /* Large fills (backgrounds, bands, scrims) go through the renderer's
         * own fill: SDL's software renderer fills a rectangle many times
         * faster than it rasterises two textured triangles, and on a GPU one
         * more draw call for a few large rectangles a frame costs nothing.
         * The batch is drawn first, so painter's order is kept. */
        render_flush(r);
        SDL_Color col = colour(r, c);
        SDL_SetRenderDrawColor(r->sdl, col.r, col.g, col.b, col.a);
        SDL_SetRenderDrawBlendMode(r->sdl, col.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_FRect fr = {x, y, w, h};
        frameprof_sdl_enter();
        SDL_RenderFillRectF(r->sdl, &fr);
        frameprof_sdl_leave();
        r->st.draw_calls++;
        return;
    }
    float u, v;
    white_uv(r, &u, &v);
    quad(r, r->page, x, y, x + w, y + h, u, v, u, v, colour(r, c));
}

void render_rounded_rect(render *r, float x, float y, float w, float h, float radius,
                         render_colour c)
{
    if (w <= 0 || h <= 0)
        return;
    float rad = radius < w / 2 ? radius : w / 2;
    rad = rad < h / 2 ? rad : h / 2;
    if (rad < 1) {
        render_rect(r, x, y, w, h, c);
        return;
    }
    /* Middle column, then the two side columns between the corners. Their
     * shared edges are whole pixels: the software rasteriser leaves a
     * one-pixel seam between triangles that meet at a fractional x. */
    x = roundf(x);
    y = roundf(y);
    w = roundf(w);
    h = roundf(h);
    rad = roundf(rad);
    render_rect(r, x + rad, y, w - 2 * rad, h, c);
    render_rect(r, x, y + rad, rad, h - 2 * rad, c);
    render_rect(r, x + w - rad, y + rad, rad, h - 2 * rad, c);
    /* Each corner: a fan around its centre. */
    const float cx[4] = {x + w - rad, x + rad, x + rad, x + w - rad};
    const float cy[4] = {y + rad, y + rad, y + h - rad, y + h - rad};
    SDL_Color col = colour(r, c);
    float u, v;
    white_uv(r, &u, &v);
    for (int k = 0; k < 4; k++) {
        reserve(r, r->page, RENDER_CORNER_SEGMENTS + 2, RENDER_CORNER_SEGMENTS * 3);
        int base = r->nv;
        r->verts[r->nv++] = (SDL_Vertex){{cx[k], cy[k]}, col, {u, v}};
        for (int s = 0; s <= RENDER_CORNER_SEGMENTS; s++) {
            /* Corner k spans angles [k*90°, (k+1)*90°], y pointing down. */
            float a = ((float)k + (float)s / RENDER_CORNER_SEGMENTS) * QUARTER_TURN;
            r->verts[r->nv++] = (SDL_Vertex){{cx[k] + rad * cosf(a), cy[k] - rad * sinf(a)}, col, {u, v}};
        }
        for (int s = 0; s < RENDER_CORNER_SEGMENTS; s++) {
            r->idx[r->ni++] = base;
            r->idx[r->ni++] = base + 1 + s;
            r->idx[r->ni++] = base + 2 + s;
        }
    }
}

void render_glyphs(render *r, const text_glyph *g, size_t n, float ox, float oy, render_colour c)
{
    SDL_Color col = colour(r, c);
    for (size_t i = 0; i < n; i++) {
        /* May rasterise and, if the atlas is full, clear a page: the evict
         * hook draws the pending batch first, so nothing queued goes stale. */
        atlas_glyph ag = atlas_lookup(r->atlas, g[i].font, g[i].glyph, g[i].size_px);
        if (ag.flags & ATLAS_GLYPH_EMPTY)
            continue;
        float x = floorf(ox + g[i].x + 0.5f) + (float)ag.left;
        float y = floorf(oy + g[i].y + 0.5f) - (float)ag.top;
        float u0 = (float)ag.u * r->inv_size, v0 = (float)ag.v * r->inv_size;
        float u1 = (float)(ag.u + ag.w) * r->inv_size, v1 = (float)(ag.v + ag.h) * r->inv_size;
        quad(r, ag.page, x, y, x + (float)ag.w, y + (float)ag.h, u0, v0, u1, v1, col);
    }
}

/* The texture of img, uploaded when new or changed; NULL when SDL cannot
 * make one (the image is then not drawn). */
static SDL_Texture *image_texture(render *r, const dl_image *img)
{
    int slot = -1, oldest = 0;
    for (int i = 0; i < RENDER_MAX_IMAGES; i++) {
        if (r->images[i].img == img) {
            slot = i;
            break;
        }
        if (r->images[i].used < r->images[oldest].used)
            oldest = i;
    }
    if (slot < 0)
        slot = oldest;
    render_image_slot *e = &r->images[slot];
    if (e->img != img || e->generation != img->generation || !e->tex) {
        if (e->tex && (e->w != img->w || e->h != img->h)) {
            SDL_DestroyTexture(e->tex);
            e->tex = NULL;
        }
        if (!e->tex) {
            e->tex = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, img->w, img->h);
            if (!e->tex) {
                e->img = NULL;
                return NULL;
            }
            SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
            e->w = img->w;
            e->h = img->h;
        }
        SDL_UpdateTexture(e->tex, NULL, img->rgba, img->stride);
        r->st.uploads++;
        r->st.upload_bytes += (long)img->w * img->h * 4;
        e->img = img;
        e->generation = img->generation;
    }
    e->used = r->frame;
    return e->tex;
}

void render_image(render *r, const dl_image *img, float x, float y, float w, float h)
{
    if (!img || !img->rgba || w <= 0 || h <= 0)
        return;
    SDL_Texture *t = image_texture(r, img);
    if (!t)
        return;
    render_flush(r); /* painter's order: what is batched goes first */
    SDL_SetTextureAlphaMod(t, (Uint8)lrintf(255.0f * r->alpha));
    SDL_FRect dst = {x, y, w, h};
    frameprof_sdl_enter();
    SDL_RenderCopyF(r->sdl, t, NULL, &dst);
    frameprof_sdl_leave();
    r->st.draw_calls++;
}

static render_colour dl_to_render(dl_colour c) { return (render_colour){c.r, c.g, c.b, c.a}; }

/* A clip of the list as SDL wants it: whole pixels, truncated (as the scenes
 * always clipped). */
static SDL_Rect clip_rect(const dl_cmd *c)
{
    return (SDL_Rect){(int)c->x, (int)c->y, (int)c->w, (int)c->h};
}

/* a ∩ b; an empty result has w or h 0. */
static SDL_Rect meet(SDL_Rect a, SDL_Rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    return (SDL_Rect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

/* Whether command c may paint inside d. Text may reach beyond its box
 * (bearings, accents, the ellipsis): a margin of its own size around it. */
static bool touches(const dl_cmd *c, const SDL_Rect *d)
{
    float m = c->kind == DL_GLYPHS ? 8.0f + c->h * 0.25f : 1.0f;
    if (c->w <= 0 || c->h <= 0)
        return true; /* no box known */
    return c->x - m < (float)(d->x + d->w) && c->x + c->w + m > (float)d->x && c->y - m < (float)(d->y + d->h) &&
           c->y + c->h + m > (float)d->y;
}

void render_drawlist(render *r, const dl_list *l) { render_drawlist_damage(r, l, NULL); }

void render_drawlist_damage(render *r, const dl_list *l, const SDL_Rect *damage)
{
    bool clipped = false;
    if (damage)
        render_set_clip(r, damage);
    for (size_t i = 0; i < l->count; i++) {
        const dl_cmd *c = &l->cmd[i];
        if (damage && (c->kind == DL_RECT || c->kind == DL_ROUND || c->kind == DL_GLYPHS || c->kind == DL_IMAGE) &&
            !touches(c, damage))
            continue;
        if (damage && (c->kind == DL_CLIP_PUSH || c->kind == DL_CLIP_POP)) {
            /* A clip of the list never lets drawing out of the damage. */
            SDL_Rect clip = c->kind == DL_CLIP_POP && c->none ? *damage : meet(clip_rect(c), *damage);
            render_set_clip(r, &clip);
            continue;
        }
        switch (c->kind) {
        case DL_RECT: render_rect(r, c->x, c->y, c->w, c->h, dl_to_render(c->colour)); break;
        case DL_ROUND: render_rounded_rect(r, c->x, c->y, c->w, c->h, c->u.radius, dl_to_render(c->colour)); break;
        case DL_GLYPHS:
            render_glyphs(r, c->u.glyphs.g, c->u.glyphs.n, c->x, c->y, dl_to_render(c->colour));
            break;
        case DL_IMAGE: render_image(r, c->u.image, c->x, c->y, c->w, c->h); break;
        case DL_CLIP_PUSH: {
            SDL_Rect clip = clip_rect(c);
            render_set_clip(r, &clip);
            clipped = true;
            break;
        }
        case DL_CLIP_POP:
            if (c->none) {
                render_set_clip(r, NULL);
                clipped = false;
            } else {
                SDL_Rect clip = clip_rect(c);
                render_set_clip(r, &clip);
            }
            break;
        case DL_ALPHA: render_set_alpha(r, c->u.alpha); break;
        }
    }
    if (clipped || damage) /* an unbalanced list must not clip the next frame */
        render_set_clip(r, NULL);
    if (r->alpha != 1.0f)
        render_set_alpha(r, 1.0f);
}
