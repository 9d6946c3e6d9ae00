/* layout_private: what the two halves of the text engine share, and nobody
 * else: layout.c (the engine, its cache, whole texts) and
 * layout_paragraph.c (one paragraph set into lines: analysis, breaking,
 * squeezing, justification, glyph output). Not for other modules. */
#ifndef TEXT_LAYOUT_PRIVATE_H
#define TEXT_LAYOUT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/layout.h"
#include "text/shape.h"

#define LAYOUT_EPS 0.01f          /* px of float slack when comparing widths */
#define LAYOUT_ASCENT_EM 0.88f    /* baseline in the ideographic em box */
#define LAYOUT_GAP_EM 0.25f       /* Han–Latin gap */
#define LAYOUT_GAP_MIN_EM 0.125f  /* ... when squeezed */
#define LAYOUT_GAP_MAX_EM (1.0f / 3.0f) /* ... when stretched */
#define LAYOUT_SPACE_MIN_EM 0.25f /* Western word space when squeezed */
#define LAYOUT_SPACE_MAX_EM 0.5f  /* ... when stretched */
#define LAYOUT_FULLWIDTH_TOL 0.05f

/* Character flags. */
enum {
    LC_BREAK = 1 << 0,   /* a break is allowed before this character */
    LC_MUST = 1 << 1,    /* a break is required before it */
    LC_CLUSTER = 1 << 2, /* starts a glyph cluster (a place the line may end) */
    LC_SPACE = 1 << 3,
    LC_WESTERN = 1 << 4,
    LC_DASH = 1 << 5,    /* — or … (halves of the two-em units) */
    LC_HAN = 1 << 6,
    LC_LATIN = 1 << 7,
};

/* Punctuation classes for compression, from the glyph's ink. */
enum {
    PC_NONE,
    PC_CLOSE,      /* closing mark, blank right half */
    PC_STOP,       /* ，、；：。． with a blank right half */
    PC_OPEN,       /* opening mark, blank left half */
    PC_INTERPUNCT, /* full-width centred · ・ */
    PC_OTHER,      /* other full-width punctuation (！？—…) */
};

typedef struct {
    uint32_t byte;   /* offset in the paragraph */
    uint32_t cp;
    uint32_t g0, gn; /* its glyphs in the shape result (gn = 0 inside a cluster) */
    float adv;       /* shaped advance, px */
    float adj;       /* contextual compression (<= 0) */
    float shift;     /* glyph shift for a compressed blank left half (<= 0) */
    float gap;       /* Han–Latin gap before it */
    uint8_t flags;
    uint8_t pc;
    uint8_t right_done, left_done; /* blank half already removed */
} lchar;

typedef struct layout_item {
    size_t i;
    float cap;
    int kind;
} layout_item;

typedef struct {
    bool used;
    uint64_t hash;
    text_params p; /* normalised */
    char *text;
    size_t len, text_cap;
    text_glyph *glyphs;
    size_t glyph_cap;
    text_line *lines;
    size_t line_cap;
    text_layout layout;
    unsigned long last_use;
} text_cache_entry;

struct text_engine {
    font_set *fs;
    shaper *sh;
    shape_result shaped, ell;
    lchar *chars;
    float *x, *dl, *gp, *sf; /* prefix widths; per-line delta, gap, shift */
    layout_item *items; /* squeeze/stretch candidates of a line */
    /* Per character index e of the paragraph: the next index > e where a
     * line may end (a break, or the end), and the end of a line ending at e
     * without its trailing spaces. They keep the line filler linear. */
    uint32_t *next_break, *trim_end;
    size_t chars_cap;
    uint8_t *brk;
    size_t brk_cap;
    uint32_t *brk_cps; /* linebreak_find's working memory */
    size_t brk_cps_cap;
    /* The paragraph's display form (text/punct.h) when it differs from the
     * source, and for each of its bytes the source byte (dmapped true):
     * lines and clusters are reported in source offsets. */
    char *disp;
    size_t disp_cap;
    uint32_t *dmap;
    size_t dmap_cap;
    bool dmapped;
    text_cache_entry cache[TEXT_CACHE_CAPACITY];
    unsigned long tick;
    unsigned long frame_start; /* entries used since this tick are pinned; ULONG_MAX: none */
    text_cache_stats stats;
};

/* Where a paragraph's lines and glyphs go: the cache entry being built. */
typedef struct {
    text_engine *te;
    text_cache_entry *ent;
    const text_params *p;
    int size, family;
    float lh, y;
    bool oom;
} layout_out;

/* Grows *p (an array of *cap elements of `elem` bytes) to hold `need`,
 * doubling. False on out of memory (the array is left as it was). */
bool text_grow(void **p, size_t *cap, size_t need, size_t elem);

/* Sets paragraph text[0..len) (byte `base` of the whole text, paragraph
 * number `para`) into lines appended to o's entry, from o->y down;
 * `more_after` tells that paragraphs follow (for max_lines truncation).
 * Returns false when the text stops here (line limit reached, or out of
 * memory: o->oom). */
bool layout_paragraph(layout_out *o, const char *text, size_t len, uint32_t base, uint32_t para,
                      bool more_after);

#endif
