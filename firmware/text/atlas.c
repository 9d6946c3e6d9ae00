#include "text/atlas.h"
#include "text/ftstream.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "text/skyline.h"

typedef struct {
    uint32_t glyph;
    uint16_t font, size;
    bool used;
    atlas_glyph g;
} slot;

typedef struct {
    uint8_t *pixels;     /* page_size² coverage, NULL until the page is first needed */
    skyline sky;
    uint64_t last_used;  /* frame counter of the last lookup that hit this page */
    atlas_rect dirty[ATLAS_DIRTY_MAX];
    int ndirty;
} atlas_page;

struct atlas {
    FT_Library ft;
    FT_Face faces[ATLAS_MAX_FONTS];  /* NULL: a lazy face not opened yet (or that failed) */
    char *lazy_path[ATLAS_MAX_FONTS]; /* a lazy face's file, until it is opened; else NULL */
    int lazy_index[ATLAS_MAX_FONTS];
    char *lazy_family[ATLAS_MAX_FONTS]; /* found by this family name, or NULL */
    unsigned face_size[ATLAS_MAX_FONTS]; /* size last set on the face, 0: none */
    int nfaces;
    FT_Int32 load_flags;

    int page_size, max_pages;
    atlas_page pages[ATLAS_PAGES_LIMIT];
    int npages;

    slot *slots;
    size_t cap, max_cap, count, nglyphs;

    uint64_t frame, generation, hits, misses, evictions;
    double raster_ms;
    atlas_evict_fn hook;
    void *hook_user;
};

/* ---- cache table ---------------------------------------------------------- */

static uint32_t key_hash(unsigned font, uint32_t glyph, unsigned size)
{
    /* murmur3 finaliser over the packed key: all three fields reach every bit,
     * so consecutive glyph ids and sizes spread across the table. */
    uint32_t h = glyph * 0x9E3779B1u ^ (((uint32_t)font << 16 | size) * 0x85EBCA77u);
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

static size_t slot_home(const atlas *a, const slot *s)
{
    return key_hash(s->font, s->glyph, s->size) & (a->cap - 1);
}

/* Index of the key's slot, or of the empty slot where it would go. */
static size_t find_slot(const atlas *a, unsigned font, uint32_t glyph, unsigned size)
{
    size_t mask = a->cap - 1;
    size_t i = key_hash(font, glyph, size) & mask;
    while (a->slots[i].used) {
        const slot *s = &a->slots[i];
        if (s->glyph == glyph && s->font == font && s->size == size)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

/* Backward-shift deletion: pulls later members of the probe run into the
 * hole so lookups never need tombstones. */
static void delete_slot(atlas *a, size_t hole)
{
    size_t mask = a->cap - 1;
    const slot *gone = &a->slots[hole];
    if (!(gone->g.flags & ATLAS_GLYPH_EMPTY))
        a->nglyphs--;
    for (size_t j = hole;;) {
        j = (j + 1) & mask;
        if (!a->slots[j].used)
            break;
        size_t home = slot_home(a, &a->slots[j]);
        bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
            a->slots[hole] = a->slots[j];
            hole = j;
        }
    }
    a->slots[hole].used = false;
    a->count--;
}

static bool grow_table(atlas *a)
{
    size_t ncap = a->cap * 2;
    slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    slot *old = a->slots;
    size_t ocap = a->cap;
    a->slots = ns;
    a->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].used)
            a->slots[find_slot(a, old[i].font, old[i].glyph, old[i].size)] = old[i];
    free(old);
    return true;
}

/* ---- pages ---------------------------------------------------------------- */

static void dirty_add(atlas_page *p, atlas_rect r)
{
    /* Merge with a rectangle it touches; glyphs packed side by side along the
     * skyline then collapse into one band per upload. */
    for (int i = 0; i < p->ndirty; i++) {
        atlas_rect *d = &p->dirty[i];
        if (r.x <= d->x + d->w && d->x <= r.x + r.w && r.y <= d->y + d->h && d->y <= r.y + r.h) {
            int x0 = r.x < d->x ? r.x : d->x, y0 = r.y < d->y ? r.y : d->y;
            int x1 = r.x + r.w > d->x + d->w ? r.x + r.w : d->x + d->w;
            int y1 = r.y + r.h > d->y + d->h ? r.y + r.h : d->y + d->h;
            *d = (atlas_rect){r.page, x0, y0, x1 - x0, y1 - y0};
            return;
        }
    }
    if (p->ndirty < ATLAS_DIRTY_MAX) {
        p->dirty[p->ndirty++] = r;
        return;
    }
    /* Full: grow the rectangle whose area increases least. */
    int best = 0;
    long best_growth = -1;
    for (int i = 0; i < p->ndirty; i++) {
        atlas_rect *d = &p->dirty[i];
        int x0 = r.x < d->x ? r.x : d->x, y0 = r.y < d->y ? r.y : d->y;
        int x1 = r.x + r.w > d->x + d->w ? r.x + r.w : d->x + d->w;
        int y1 = r.y + r.h > d->y + d->h ? r.y + r.h : d->y + d->h;
        long growth = (long)(x1 - x0) * (y1 - y0) - (long)d->w * d->h;
        if (best_growth < 0 || growth < best_growth) {
            best_growth = growth;
            best = i;
        }
    }
    atlas_rect *d = &p->dirty[best];
    int x0 = r.x < d->x ? r.x : d->x, y0 = r.y < d->y ? r.y : d->y;
    int x1 = r.x + r.w > d->x + d->w ? r.x + r.w : d->x + d->w;
    int y1 = r.y + r.h > d->y + d->h ? r.y + r.h : d->y + d->h;
    *d = (atlas_rect){r.page, x0, y0, x1 - x0, y1 - y0};
}

/* Empties page i: clear coverage, reset the packer, put the white patch back
 * and mark the whole page for upload. */
static void page_clear(atlas *a, int i)
{
    atlas_page *p = &a->pages[i];
    size_t n = (size_t)a->page_size * (size_t)a->page_size;
    memset(p->pixels, 0, n);
    skyline_reset(&p->sky);
    int x, y, side = ATLAS_WHITE_SIZE + 2 * ATLAS_PAD;
    skyline_pack(&p->sky, side, side, &x, &y); /* first rect: always (0, 0) */
    for (int r = 0; r < ATLAS_WHITE_SIZE; r++)
        memset(p->pixels + (size_t)(y + ATLAS_PAD + r) * (size_t)a->page_size + x + ATLAS_PAD, 255,
               ATLAS_WHITE_SIZE);
    /* Only the patch is dirty: the rest of the texture is never sampled
     * until a glyph (with its padding) is packed there and uploaded, so a
     * new or cleared page costs no full-page upload. */
    p->ndirty = 1;
    p->dirty[0] = (atlas_rect){i, x, y, side, side};
    p->last_used = a->frame;
}

static bool page_alloc(atlas *a)
{
    atlas_page *p = &a->pages[a->npages];
    p->pixels = malloc((size_t)a->page_size * (size_t)a->page_size);
    if (!p->pixels || !skyline_init(&p->sky, a->page_size, a->page_size)) {
        free(p->pixels);
        p->pixels = NULL;
        return false;
    }
    page_clear(a, a->npages);
    a->npages++;
    return true;
}

/* Clears page i and forgets the glyphs it held. */
static void evict_page(atlas *a, int i)
{
    if (a->hook)
        a->hook(a->hook_user, i);
    page_clear(a, i);
    for (size_t s = 0; s < a->cap;) {
        if (a->slots[s].used && a->slots[s].g.page == i)
            delete_slot(a, s); /* re-examine s: a later slot may have moved in */
        else
            s++;
    }
    a->generation++;
    a->evictions++;
}

/* Clears every page and the whole table (the table hit its maximum). */
static void evict_all(atlas *a)
{
    if (a->hook)
        a->hook(a->hook_user, -1);
    for (int i = 0; i < a->npages; i++)
        page_clear(a, i);
    memset(a->slots, 0, a->cap * sizeof *a->slots);
    a->count = a->nglyphs = 0;
    a->generation++;
    a->evictions += (uint64_t)a->npages;
}

/* Finds room for a w x h rectangle: first fit over existing pages, then a new
 * page, then the least recently used page is cleared. */
static bool place(atlas *a, int w, int h, int *pg, int *x, int *y)
{
    if (w > a->page_size || h > a->page_size)
        return false;
    for (int i = 0; i < a->npages; i++)
        if (skyline_pack(&a->pages[i].sky, w, h, x, y)) {
            *pg = i;
            return true;
        }
    if (a->npages < a->max_pages && page_alloc(a)) {
        *pg = a->npages - 1;
        return skyline_pack(&a->pages[*pg].sky, w, h, x, y);
    }
    int lru = 0;
    for (int i = 1; i < a->npages; i++)
        if (a->pages[i].last_used < a->pages[lru].last_used)
            lru = i;
    evict_page(a, lru);
    *pg = lru;
    return skyline_pack(&a->pages[lru].sky, w, h, x, y);
}

/* ---- rasterisation -------------------------------------------------------- */

static const char *ft_error(FT_Error e)
{
    const char *s = FT_Error_String(e);
    return s ? s : "FreeType error";
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static atlas_glyph failed(void)
{
    return (atlas_glyph){.page = -1, .flags = ATLAS_GLYPH_EMPTY | ATLAS_GLYPH_FAILED};
}

static atlas_glyph rasterise(atlas *a, unsigned font, uint32_t glyph, unsigned size)
{
    if (font >= (unsigned)a->nfaces || size == 0 || size > ATLAS_MAX_SIZE_PX) {
        LOG_W("atlas", "font %u size %u: no such font or size out of range", font, size);
        return failed();
    }
    if (!a->faces[font] && a->lazy_path[font]) {
        FT_Error le = 0;
        if (a->lazy_family[font]) {
            int index;
            a->faces[font] = ftstream_face_of_family(a->ft, a->lazy_path[font], a->lazy_family[font], &index);
            le = a->faces[font] ? 0 : FT_Err_Cannot_Open_Resource;
        } else {
            le = ftstream_new_face(a->ft, a->lazy_path[font], a->lazy_index[font], &a->faces[font]);
        }
        if (le) {
            LOG_W("atlas", "%s: cannot open face %d: %s; its glyphs stay empty", a->lazy_path[font],
                  a->lazy_index[font], ft_error(le));
            a->faces[font] = NULL;
        }
        free(a->lazy_path[font]);
        free(a->lazy_family[font]);
        a->lazy_path[font] = a->lazy_family[font] = NULL;
    }
    FT_Face face = a->faces[font];
    if (!face)
        return failed();
    double t0 = now_ms();
    FT_Error e = 0;
    if (a->face_size[font] != size) {
        e = FT_Set_Pixel_Sizes(face, 0, size);
        a->face_size[font] = e ? 0 : size;
    }
    if (!e)
        e = FT_Load_Glyph(face, glyph, a->load_flags);
    a->raster_ms += now_ms() - t0;
    if (e) {
        LOG_W("atlas", "font %u glyph %u at %u px: %s", font, glyph, size, ft_error(e));
        return failed();
    }
    const FT_GlyphSlot gs = face->glyph;
    const FT_Bitmap *bm = &gs->bitmap;
    if (bm->width == 0 || bm->rows == 0)
        return (atlas_glyph){.page = -1, .flags = ATLAS_GLYPH_EMPTY};
    if (bm->pixel_mode != FT_PIXEL_MODE_GRAY) {
        LOG_W("atlas", "font %u glyph %u: unsupported bitmap mode %d", font, glyph, bm->pixel_mode);
        return failed();
    }
    int w = (int)bm->width, h = (int)bm->rows, pg, x, y;
    if (!place(a, w + 2 * ATLAS_PAD, h + 2 * ATLAS_PAD, &pg, &x, &y)) {
        LOG_W("atlas", "font %u glyph %u at %u px: %dx%d does not fit a page", font, glyph, size, w, h);
        return failed();
    }
    atlas_page *p = &a->pages[pg];
    int u = x + ATLAS_PAD, v = y + ATLAS_PAD;
    for (int r = 0; r < h; r++) {
        const uint8_t *src = bm->buffer + (ptrdiff_t)r * bm->pitch;
        memcpy(p->pixels + (size_t)(v + r) * (size_t)a->page_size + (size_t)u, src, (size_t)w);
    }
    /* With its padding: a texture may hold stale texels there from before a
     * page clear, and filtering can reach them. */
    dirty_add(p, (atlas_rect){pg, x, y, w + 2 * ATLAS_PAD, h + 2 * ATLAS_PAD});
    p->last_used = a->frame;
    return (atlas_glyph){
        .page = (int16_t)pg,
        .u = (uint16_t)u, .v = (uint16_t)v, .w = (uint16_t)w, .h = (uint16_t)h,
        .left = (int16_t)gs->bitmap_left, .top = (int16_t)gs->bitmap_top,
    };
}

/* ---- public --------------------------------------------------------------- */

atlas *atlas_open(const atlas_font *fonts, int nfonts, const atlas_config *cfg,
                  char *err, size_t errlen)
{
    atlas_config c = cfg ? *cfg : (atlas_config){0};
    if (!c.page_size)
        c.page_size = ATLAS_PAGE_SIZE;
    if (!c.max_pages)
        c.max_pages = ATLAS_MAX_PAGES;
    if (!c.cache_max)
        c.cache_max = ATLAS_CACHE_MAX;
    if (nfonts < 1 || nfonts > ATLAS_MAX_FONTS) {
        log_format_err(err, errlen, "atlas: %d fonts given, expected 1..%d", nfonts, ATLAS_MAX_FONTS);
        return NULL;
    }
    if (c.page_size < 4 * (ATLAS_WHITE_SIZE + 2 * ATLAS_PAD) || c.page_size > UINT16_MAX ||
        c.max_pages < 1 || c.max_pages > ATLAS_PAGES_LIMIT ||
        c.cache_max < ATLAS_CACHE_MIN || (c.cache_max & (c.cache_max - 1))) {
        log_format_err(err, errlen, "atlas: bad configuration (page %d px, %d pages, %d slots)",
                 c.page_size, c.max_pages, c.cache_max);
        return NULL;
    }
    atlas *a = calloc(1, sizeof *a);
    if (!a) {
        log_format_err(err, errlen, "atlas: out of memory");
        return NULL;
    }
    a->page_size = c.page_size;
    a->max_pages = c.max_pages;
    a->max_cap = (size_t)c.cache_max;
    a->load_flags = FT_LOAD_RENDER | FT_LOAD_NO_BITMAP |
                    (c.no_hinting ? FT_LOAD_NO_HINTING : FT_LOAD_TARGET_LIGHT);
    FT_Error e = FT_Init_FreeType(&a->ft);
    if (e) {
        log_format_err(err, errlen, "atlas: cannot start FreeType: %s", ft_error(e));
        free(a);
        return NULL;
    }
    for (int i = 0; i < nfonts; i++) {
        if (fonts[i].lazy) {
            a->lazy_index[i] = fonts[i].face_index;
            if (!(a->lazy_path[i] = strdup(fonts[i].path)) ||
                (fonts[i].family && !(a->lazy_family[i] = strdup(fonts[i].family)))) {
                log_format_err(err, errlen, "atlas: out of memory");
                atlas_close(a);
                return NULL;
            }
            a->nfaces++;
            continue;
        }
        e = ftstream_new_face(a->ft, fonts[i].path, fonts[i].face_index, &a->faces[i]);
        if (e) {
            log_format_err(err, errlen, "%s: cannot open face %d: %s", fonts[i].path,
                     fonts[i].face_index, ft_error(e));
            atlas_close(a);
            return NULL;
        }
        a->nfaces++;
    }
    a->cap = ATLAS_CACHE_INITIAL < a->max_cap ? ATLAS_CACHE_INITIAL : a->max_cap;
    a->slots = calloc(a->cap, sizeof *a->slots);
    if (!a->slots || !page_alloc(a)) {
        log_format_err(err, errlen, "atlas: out of memory");
        atlas_close(a);
        return NULL;
    }
    return a;
}

void atlas_close(atlas *a)
{
    if (!a)
        return;
    for (int i = 0; i < a->npages; i++) {
        free(a->pages[i].pixels);
        skyline_free(&a->pages[i].sky);
    }
    free(a->slots);
    for (int i = 0; i < a->nfaces; i++) {
        if (a->faces[i])
            FT_Done_Face(a->faces[i]);
        free(a->lazy_path[i]);
        free(a->lazy_family[i]);
    }
    if (a->ft)
        FT_Done_FreeType(a->ft);
    free(a);
}

void atlas_begin_frame(atlas *a) { a->frame++; }

atlas_glyph atlas_lookup(atlas *a, unsigned font, uint32_t glyph, unsigned size_px)
{
    /* Keys are stored in 16 bits; anything wider is invalid anyway. */
    if (font > UINT16_MAX || size_px > UINT16_MAX)
        return failed();
    size_t i = find_slot(a, font, glyph, size_px);
    if (a->slots[i].used) {
        a->hits++;
        const atlas_glyph *g = &a->slots[i].g;
        if (g->page >= 0)
            a->pages[g->page].last_used = a->frame;
        return *g;
    }
    a->misses++;
    /* Room in the table first: clearing everything after rasterising would
     * throw the new bitmap away. */
    if ((a->count + 1) * 4 > a->cap * 3 && (a->cap >= a->max_cap || !grow_table(a)))
        evict_all(a);
    /* Rasterising may clear a page, which moves slots: find the insertion
     * point afterwards. */
    atlas_glyph g = rasterise(a, font, glyph, size_px);
    i = find_slot(a, font, glyph, size_px);
    a->slots[i] = (slot){.glyph = glyph, .font = (uint16_t)font, .size = (uint16_t)size_px,
                         .used = true, .g = g};
    a->count++;
    if (!(g.flags & ATLAS_GLYPH_EMPTY))
        a->nglyphs++;
    return g;
}

void atlas_set_evict_hook(atlas *a, atlas_evict_fn fn, void *user)
{
    a->hook = fn;
    a->hook_user = user;
}

uint64_t atlas_generation(const atlas *a) { return a->generation; }

atlas_rect atlas_white(const atlas *a, int page)
{
    (void)a;
    return (atlas_rect){page, ATLAS_PAD, ATLAS_PAD, ATLAS_WHITE_SIZE, ATLAS_WHITE_SIZE};
}

int atlas_page_size(const atlas *a) { return a->page_size; }

int atlas_page_count(const atlas *a) { return a->npages; }

const uint8_t *atlas_page_pixels(const atlas *a, int page, int *stride)
{
    if (page < 0 || page >= a->npages)
        return NULL;
    if (stride)
        *stride = a->page_size;
    return a->pages[page].pixels;
}

bool atlas_take_dirty(atlas *a, atlas_rect *out)
{
    for (int i = 0; i < a->npages; i++) {
        atlas_page *p = &a->pages[i];
        if (p->ndirty > 0) {
            *out = p->dirty[--p->ndirty];
            return true;
        }
    }
    return false;
}

void atlas_mark_all_dirty(atlas *a)
{
    /* Everything packed lies in the rows above the highest skyline segment. */
    for (int i = 0; i < a->npages; i++) {
        atlas_page *p = &a->pages[i];
        int rows = 0;
        for (int n = 0; n < p->sky.count; n++)
            rows = p->sky.nodes[n].y > rows ? p->sky.nodes[n].y : rows;
        p->ndirty = 1;
        p->dirty[0] = (atlas_rect){i, 0, 0, a->page_size, rows};
    }
}

atlas_stats atlas_get_stats(const atlas *a)
{
    atlas_stats s = {
        .glyphs = a->nglyphs,
        .empty = a->count - a->nglyphs,
        .table_slots = a->cap,
        .pages = a->npages,
        .hits = a->hits,
        .misses = a->misses,
        .evictions = a->evictions,
        .raster_ms = a->raster_ms,
    };
    size_t per_page = (size_t)a->page_size * (size_t)a->page_size +
                      ((size_t)a->page_size + 1) * sizeof(skyline_node);
    s.bytes = (size_t)a->npages * per_page + a->cap * sizeof(slot) + sizeof *a;
    return s;
}
