/* atlas: glyph rasterisation (FreeType) into A8 texture pages, with a glyph
 * cache. No SDL: the drawer (platform/render.h) uploads the pages.
 *
 * Pages are ATLAS_PAGE_SIZE² 8-bit coverage bitmaps (0 = transparent,
 * 255 = full ink), filled by a skyline packer (text/skyline.h) with
 * ATLAS_PAD px of empty border around every glyph so bilinear sampling never
 * bleeds a neighbour in. Every page starts with a solid white patch
 * (atlas_white()) so rectangles batch with glyphs in one texture, whichever
 * page the batch is on.
 *
 * Cache: keyed by (font, glyph id, size_px); open addressing with linear
 * probing in a power-of-two table that doubles at 75 % load up to
 * cfg.cache_max slots. Glyphs without a bitmap (spaces, empty or failed
 * glyphs) are cached too, so they are not rasterised again every frame.
 * Looking up a cached glyph never allocates and never calls FreeType.
 *
 * Eviction (nothing grows without bound): when a new glyph fits in no page
 * and all cfg.max_pages pages exist, the least recently used page (by the
 * frame counter of atlas_begin_frame) is cleared and its glyphs dropped from
 * the cache; they are rasterised again on their next lookup. Clearing one
 * page rather than all keeps the glyphs of the current screen, which are on
 * recently used pages; the cost is one memset of the page, one scan of the
 * cache table (O(capacity)); the drawer re-uploads only what is packed anew. When the
 * cache table itself is full at cfg.cache_max, everything is cleared (rare:
 * the default maximum holds far more glyphs than the pages do).
 * Before any page is cleared the evict hook (atlas_set_evict_hook) runs so
 * a drawer can first draw what it has batched with the old contents; every
 * clear increments atlas_generation().
 *
 * Hinting: FT_LOAD_TARGET_LIGHT by default. Light hinting moves outlines
 * only vertically, so glyph advances and horizontal positions stay those
 * HarfBuzz computed from the unhinted font, while the many horizontal strokes
 * of CJK glyphs are snapped to whole rows: visibly crisper at 24-32 px and
 * harmless at 96 px. cfg.no_hinting renders the exact outlines instead.
 *
 * Not thread-safe. */
#ifndef TEXT_ATLAS_H
#define TEXT_ATLAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ATLAS_PAGE_SIZE 1024      /* default page side, px: a page is 1 MiB of coverage and 4 MiB of
                                     texture, made when needed (one holds a screen of 1080p text) */
#define ATLAS_MAX_PAGES 16        /* default page limit: 16 x 1 MiB of coverage */
#define ATLAS_PAGES_LIMIT 16      /* hard upper bound for cfg.max_pages */
#define ATLAS_MAX_FONTS 16        /* faces in one atlas */
#define ATLAS_PAD 1               /* empty px around every glyph */
#define ATLAS_WHITE_SIZE 4        /* side of the white patch, px (inside its padding) */
#define ATLAS_CACHE_INITIAL 1024  /* initial cache table slots (power of two) */
#define ATLAS_CACHE_MAX 65536     /* default table slot limit (power of two) */
#define ATLAS_CACHE_MIN 16        /* smallest accepted cfg.cache_max */
#define ATLAS_MAX_SIZE_PX 512     /* largest size_px rasterised; larger is cached empty */
#define ATLAS_DIRTY_MAX 8         /* dirty rectangles tracked per page before merging */

typedef struct {
    const char *path; /* font file; copied by atlas_open() */
    int face_index;   /* face in a collection (.ttc), 0 otherwise */
    /* Opened at its first glyph, not by atlas_open() (a fallback most
     * screens never need: the full system CJK collection costs tens of ms
     * and MBs to open). A lazy face that does not open then gives empty
     * glyphs, logged once. */
    bool lazy;
    const char *family; /* lazy and not NULL: the face of the collection with
                           this family name (face_index is then ignored) */
} atlas_font;

typedef struct {
    int page_size;  /* page side, px; 0: ATLAS_PAGE_SIZE */
    int max_pages;  /* 0: ATLAS_MAX_PAGES; at most ATLAS_PAGES_LIMIT */
    int cache_max;  /* table slot limit, power of two >= ATLAS_CACHE_MIN; 0: ATLAS_CACHE_MAX */
    bool no_hinting;
} atlas_config;

enum {
    ATLAS_GLYPH_EMPTY = 1,  /* nothing to draw (space, empty outline) */
    ATLAS_GLYPH_FAILED = 2, /* FreeType error or too large; also EMPTY */
};

typedef struct {
    int16_t page;       /* page holding the bitmap; -1 when EMPTY */
    uint16_t u, v;      /* top-left of the bitmap in the page, px (padding excluded) */
    uint16_t w, h;      /* bitmap size, px */
    int16_t left, top;  /* bitmap offset from the glyph origin: left edge is at
                           origin.x + left, top edge at origin.y - top (y down) */
    uint8_t flags;      /* ATLAS_GLYPH_* */
} atlas_glyph;

typedef struct {
    int page;
    int x, y, w, h; /* px, in that page */
} atlas_rect;

typedef struct {
    size_t glyphs;        /* cached glyphs with a bitmap */
    size_t empty;         /* cached glyphs without one (spaces, failures) */
    size_t table_slots;   /* current cache table capacity */
    int pages;            /* pages allocated */
    size_t bytes;         /* page bitmaps + packer + cache table */
    uint64_t hits, misses; /* lookups answered from the cache / rasterised */
    uint64_t evictions;    /* page clears (one per page; a full clear counts each page) */
    double raster_ms;      /* total time spent in FreeType on misses */
} atlas_stats;

typedef struct atlas atlas;

/* Runs before a page is cleared; `page` is -1 when all pages are cleared. */
typedef void (*atlas_evict_fn)(void *user, int page);

/* Opens the nfonts faces (1..ATLAS_MAX_FONTS) with a private FreeType library
 * and allocates the first page. cfg may be NULL for the defaults. The font
 * index of atlas_lookup() is the position in `fonts`. Returns NULL with a
 * message in err ("path: cannot open face 2: ...") on failure.
 * Free with atlas_close(). */
atlas *atlas_open(const atlas_font *fonts, int nfonts, const atlas_config *cfg,
                  char *err, size_t errlen);

/* NULL is a no-op. */
void atlas_close(atlas *a);

/* Advances the frame counter that decides which page is least recently used. */
void atlas_begin_frame(atlas *a);

/* Returns the glyph, rasterising and packing it on a miss. Never fails: an
 * invalid font index, a FreeType error or a glyph larger than a page gives
 * EMPTY|FAILED (logged once, then cached). On a miss a page may be cleared
 * (see eviction above): results of earlier lookups may then be stale, which
 * the evict hook is for. A hit does not allocate. */
atlas_glyph atlas_lookup(atlas *a, unsigned font, uint32_t glyph, unsigned size_px);

/* The evict hook, or NULL for none. */
void atlas_set_evict_hook(atlas *a, atlas_evict_fn fn, void *user);

/* Incremented every time pages are cleared. */
uint64_t atlas_generation(const atlas *a);

/* The white patch (ATLAS_WHITE_SIZE px square, every coverage 255) of a page;
 * it is at the same place on every page. */
atlas_rect atlas_white(const atlas *a, int page);

int atlas_page_size(const atlas *a);
int atlas_page_count(const atlas *a);   /* pages allocated so far */

/* Coverage of page `page` (page_size rows of `stride` bytes); owned by the
 * atlas, valid until atlas_close(). NULL for a page not allocated. */
const uint8_t *atlas_page_pixels(const atlas *a, int page, int *stride);

/* Pops one changed region (of any page) that has not been uploaded yet;
 * false when there is none left. Regions cover every texel a drawer can
 * sample (glyphs with their padding, the white patch); the rest of a page is
 * never sampled, so a new or cleared page does not need a full upload. */
bool atlas_take_dirty(atlas *a, atlas_rect *out);

/* Marks everything packed so far as dirty (the used rows of every page), for
 * a drawer created after the atlas was filled or whose textures were lost. */
void atlas_mark_all_dirty(atlas *a);

atlas_stats atlas_get_stats(const atlas *a);

#endif
