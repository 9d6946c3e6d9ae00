/* shape: HarfBuzz shaping of one paragraph over the font set (no SDL).
 *
 * Itemisation: each code point gets a font (fontset_pick, from the style's
 * family slot down the fallback chain; combining marks, joiners and variation
 * selectors stay with their base) and a script (hb_unicode_script; Common and
 * Inherited take the script of the text before them, leading ones the first
 * real script after, Han when there is none). Neighbours with the same font
 * and script are merged into one run. Each run is shaped with the whole
 * paragraph added as context (hb_buffer_add_utf8 with item offset and
 * length), language zh-Hans, direction LTR, feature kern on, in ONE
 * hb_buffer_t reused for every run.
 *
 * OpenType features: Noto CJK SC as shipped by Debian 12 has `halt`, `palt`
 * and `kern` in GPOS but no `chws`. Punctuation compression is NOT done with
 * `halt`: the layout adjusts advances itself (layout.h), using the ink side of
 * each punctuation glyph from shape_ink_side(), because it must compress only
 * in some contexts (adjacent marks, a squeezed line end) and must not depend
 * on a subsetter keeping GPOS features.
 *
 * Positions are in pixels (26.6 fixed point from FreeType, unhinted, so that
 * advances are fractional and widths add up exactly). Glyph clusters are byte
 * offsets into the paragraph text; glyphs come out in logical (= visual, LTR)
 * order with non-decreasing clusters.
 *
 * Not thread-safe; one shaper per thread. */
#ifndef TEXT_SHAPE_H
#define TEXT_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/fontset.h"

#define SHAPE_LANGUAGE "zh-Hans"
#define SHAPE_INK_CACHE_SIZE 1024 /* (font, glyph) → ink side entries; power of two */

typedef struct {
    uint32_t glyph;    /* glyph id in font `font` (0: .notdef) */
    uint16_t font;     /* chain index */
    uint32_t cluster;  /* byte offset in the paragraph text */
    float x_advance;   /* px */
    float x_offset, y_offset; /* px, y up (HarfBuzz convention) */
} shape_glyph;

/* The output of shape_text(). Zero-initialise it; shape_text() grows the
 * array as needed and reuses it across calls (so a long-lived result stops
 * allocating). Caller frees with shape_result_free(). */
typedef struct {
    shape_glyph *glyphs;
    size_t count, cap;
    size_t runs; /* number of HarfBuzz runs the paragraph was split into */
} shape_result;

typedef struct shaper shaper;

/* The shaper borrows fs, which must outlive it. Caller frees with
 * shape_close(). NULL with a message in err on failure. */
shaper *shape_open(font_set *fs, char *err, size_t errlen);

/* NULL is a no-op. */
void shape_close(shaper *sh);

/* Shapes text[0..len) (valid UTF-8, one paragraph, no newlines needed) with
 * the family slot `primary` at `size_px`. Replaces the content of out.
 * Returns false only on out of memory. */
bool shape_text(shaper *sh, const char *text, size_t len, int primary, int size_px,
                shape_result *out);

void shape_result_free(shape_result *r);

/* Where the ink of a glyph sits in its em box, for punctuation compression:
 * SHAPE_INK_LEFT when it lies within the left half (the right half is blank:
 * ，。、 and closing marks in SC fonts), SHAPE_INK_RIGHT within the right
 * half (opening marks), SHAPE_INK_OTHER otherwise (centred, wider, or a
 * glyph whose advance is not about one em). Cached per (font, glyph). */
typedef enum { SHAPE_INK_OTHER, SHAPE_INK_LEFT, SHAPE_INK_RIGHT } shape_ink;
shape_ink shape_ink_side(shaper *sh, int font, uint32_t glyph);

/* The font set the shaper was opened with (borrowed). */
font_set *shape_fontset(shaper *sh);

#endif
