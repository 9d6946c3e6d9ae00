/* glyph: a positioned glyph, the hand-over between layout and drawing.
 * Layout (no SDL) produces arrays of these; the atlas and renderer (SDL)
 * draw them. Neither side needs the other's internals. */
#ifndef TEXT_GLYPH_H
#define TEXT_GLYPH_H

#include <stdint.h>

typedef struct {
    uint16_t font;    /* index of the face in the font set's chain (fontset.h) */
    uint16_t size_px; /* em size in pixels the glyph was shaped at */
    uint32_t glyph;   /* glyph id in that face */
    float x, y;       /* glyph origin on the baseline, px, from the paragraph's top-left */
    uint32_t cluster; /* byte offset in the paragraph text of the glyph's cluster */
} text_glyph;

#endif
