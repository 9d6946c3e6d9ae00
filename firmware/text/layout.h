/* layout: the text engine the UI uses (no SDL). Paragraph text + style +
 * width → lines of positioned glyphs (text/glyph.h). Screens never call
 * HarfBuzz or FreeType; they call text_lay_out() every frame and draw the
 * glyphs. Shaping and line breaking happen only when the text, the
 * parameters or the size change: results are cached.
 *
 * Pipeline per paragraph: shape (shape.h: font fallback, runs by font and
 * script) → break opportunities (linebreak.h: UAX #14 + clreq strict) →
 * greedy line filling with the shaped advances → punctuation compression,
 * squeezing, justification → glyph positions.
 *
 * Paragraphs: the text is split at newlines; a run of newlines ("\n",
 * "\n\n", "\r\n") is one paragraph break, empty paragraphs are dropped.
 * Paragraphs are stacked with the style's paragraph spacing between them.
 *
 * Typography (see ../shared/TYPOGRAPHY.md; numbers in em of the font size):
 *   - Full-width punctuation is compressed when consecutive: a closing or
 *     stop mark (，。、；：and closing brackets; not ！？) followed by another
 *     full-width mark loses its blank right half ("。」", "），" take 1.5 em);
 *     an opening mark after a full-width mark that kept its width loses its
 *     blank left half ("（「"). The blank half is found from the glyph's ink
 *     (shape_ink_side), so it follows the font, not a table. We do this
 *     ourselves instead of OpenType `halt`/`chws`: Debian 12's Noto CJK has
 *     `halt` but no `chws`, and `halt` cannot be applied by context.
 *   - A quarter em is added between Han and Latin letters/digits where the
 *     source has no space (never at a line start or end). Off with
 *     text_params.no_han_latin_space.
 *   - Line filling is greedy over the break opportunities. When the chunk
 *     that overflows holds a prohibited break (e.g. "字。", "字」。": the
 *     break before the mark is not allowed), we follow clreq's order of
 *     remedies: first try to SQUEEZE the line so that the whole chunk fits,
 *     then PUSH (oikomi: carry the chunk to the next line and justify the
 *     shorter line). Squeezing takes, in order and only as much as needed:
 *     the line-end mark to half an em, Western word spaces to ¼ em,
 *     interpuncts, brackets, commas/colons/semicolons to half an em, the
 *     Han–Latin gap to ⅛ em. Why this order: it keeps pushed characters
 *     rare (pushing leaves wide gaps on short lines) and compresses first
 *     what readers notice least. A chunk alone wider than the line is
 *     broken anywhere (emergency break).
 *   - Justified paragraphs: every line but the last reaches the right edge,
 *     stretching in order Western word spaces (to ½ em), the Han–Latin gap
 *     (to ⅓ em), then equal space between characters (never inside a Western
 *     word, nor inside —— or ……). The last line is aligned like an
 *     unjustified one. A line with no place to stretch (one long word) is
 *     letter-spaced.
 *   - Trailing spaces of a line hang: they are not part of its width.
 *
 * Vertical metrics: the line box is size × style line height; the baseline
 * sits at half-leading + 0.88 em (the ideographic em box of Noto CJK).
 *
 * Not thread-safe; one engine per thread. */
#ifndef TEXT_LAYOUT_H
#define TEXT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/fontset.h"
#include "text/glyph.h"
#include "text/style.h"

#define TEXT_CACHE_CAPACITY 512           /* layouts kept; least recently used is evicted */
#define TEXT_UNBOUNDED_WIDTH 1000000      /* width_px used by text_measure() */
#define TEXT_ELLIPSIS "\xE2\x80\xA6"      /* … appended to truncated text */
#define TEXT_DEFAULT_DISPLAY_H 1080       /* display height for size_px == 0 */

typedef enum { TEXT_ALIGN_START, TEXT_ALIGN_CENTRE, TEXT_ALIGN_END } text_align;

/* Zero-initialised params are valid: body style, its default size for a
 * 1080-px display, width 0 (one character per line), not justified,
 * start-aligned, no line limit, Han–Latin gap on. */
typedef struct {
    text_style_id style;
    int size_px;            /* 0: text_style_size(style, TEXT_DEFAULT_DISPLAY_H, false) */
    int width_px;           /* box width */
    bool justify;           /* CJK justification of all but each paragraph's last line */
    text_align align;       /* unjustified lines and last lines */
    int max_lines;          /* 0: no limit; else truncate and end the last line with … */
    bool no_han_latin_space;/* true: no quarter-em gap between Han and Latin/digits */
} text_params;

typedef struct {
    uint32_t start, end;     /* byte range of the line's text (trailing spaces excluded) */
    uint32_t glyph_start, glyph_count; /* into text_layout.glyphs */
    float x;                 /* left edge of the first glyph's advance, px */
    float width;             /* advance width of the line's content, px */
    float top, baseline;     /* px from the top of the block */
    uint32_t paragraph;      /* index of the paragraph the line belongs to */
    bool ellipsis;           /* the line ends with an added … glyph (cluster = end) */
} text_line;

typedef struct {
    const text_glyph *glyphs;
    uint32_t glyph_count;
    const text_line *lines;
    uint32_t line_count;
    uint32_t paragraphs;     /* non-empty paragraphs laid out (before truncation) */
    float width;             /* the box width asked for */
    float max_line_width;    /* widest line */
    float height;            /* of the whole block, px */
    float line_height;       /* px */
    int size_px;             /* the size used */
    bool truncated;          /* max_lines cut the text */
} text_layout;

typedef struct text_engine text_engine;

/* Opens the fonts (fontset_open(fonts_dir)) and the shaper. NULL with a
 * message in err on failure. Caller frees with text_close(). */
text_engine *text_open(const char *fonts_dir, char *err, size_t errlen);

/* Frees the engine and every layout it returned. NULL is a no-op. */
void text_close(text_engine *te);

/* The font chain (owned by the engine), for the atlas: fontset_path() etc. */
font_set *text_fontset(text_engine *te);

/* Lays out utf8[0..len) (valid UTF-8) with p. Returns a layout owned by the
 * engine, or NULL only on out of memory. A cache hit (same text, style,
 * size, width, justify, align, max_lines, gap) costs a hash of the text and
 * allocates nothing. LIFETIME: the pointer stays valid until the entry is
 * evicted, i.e. for at least the next TEXT_CACHE_CAPACITY - 1 calls that
 * ask for other layouts, and until text_close(); screens ask again every
 * frame instead of keeping it. Between text_frame_begin() and
 * text_frame_end() nothing asked for is evicted (see there), so NULL is
 * also returned when the frame has asked for TEXT_CACHE_CAPACITY layouts. */
const text_layout *text_lay_out(text_engine *te, const char *utf8, size_t len, const text_params *p);

/* A frame's draw list points into the cache until it has been drawn: every
 * layout returned from text_frame_begin() until text_frame_end() stays valid
 * until text_frame_end(). A frame that asks for more than
 * TEXT_CACHE_CAPACITY distinct layouts gets NULL for the excess (a screen
 * with that much text is a bug; nothing already handed out is freed). */
void text_frame_begin(text_engine *te);
void text_frame_end(text_engine *te);

/* Width in px of utf8[0..len) set on one line (no breaking; the widest line
 * if it holds newlines) in `style` at size_px (0: style default). */
float text_measure(text_engine *te, const char *utf8, size_t len, text_style_id style, int size_px);

/* The byte offset in the laid-out text nearest to point (x, y) (px, from the
 * block's top-left): the line under y (nearest line above/below outside the
 * block), then the cluster boundary nearest to x. 0 for an empty layout. */
uint32_t text_hit_test(const text_layout *l, float x, float y);

/* Cache counters since text_open (for tests and the bench). */
typedef struct {
    unsigned long hits, misses, evictions;
    unsigned long frame_full; /* layouts refused because a frame held the whole cache */
    /* Work of setting paragraphs into lines: characters analysed plus break
     * opportunities and characters the line filler examined. Linear in the
     * text, whatever its breaks (a test holds it to that). */
    unsigned long fill_steps;
    /* Bytes the cache holds now (texts, glyphs and lines of every entry):
     * what its layouts need, not what the largest ones it ever held needed. */
    size_t cache_bytes;
} text_cache_stats;
text_cache_stats text_stats(const text_engine *te);

#endif
