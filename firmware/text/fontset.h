/* fontset: the font fallback chain, over FreeType (no SDL).
 *
 * The chain, in order (index = `font` in text_glyph and everywhere below):
 *   0 sans regular   FONTS_DIR/NotoSansSC-Regular.otf
 *   1 sans bold      FONTS_DIR/NotoSansSC-Bold.otf
 *   2 serif regular  FONTS_DIR/NotoSerifSC-Regular.otf
 *   3 serif bold     FONTS_DIR/NotoSerifSC-Bold.otf
 *   then, when installed and not already in the chain (opened when first
 *   needed, not at fontset_open()):
 *   4 the full system Noto Sans CJK (.ttc, the SC face, found by family name)
 *   5 DejaVu Sans (Latin, Greek, Cyrillic, symbols the CJK fonts lack)
 * The four family slots always exist (their indices are fixed, so a style maps
 * to a slot without asking). When a bundled subset is missing, its slot falls
 * back, with a warning, to the matching system Noto CJK family (e.g.
 * NotoSerifCJK-Bold.ttc, SC face) and, if that is not installed either, to
 * the system NotoSansCJK-Regular.ttc SC face. Only when nothing can fill a
 * family slot does fontset_open fail.
 *
 * Per-character font choice: the style's family slot first, then the
 * fallbacks (4, 5), then the other family slots. Coverage answers are cached
 * (misses too), so a character missing from the first face is not searched
 * for again. The cache is an open-addressing table that grows at 75 % full;
 * it grows only while text is being laid out, never in a frame.
 *
 * Not thread-safe. */
#ifndef TEXT_FONTSET_H
#define TEXT_FONTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FONTSET_MAX_FONTS 8       /* capacity of the chain */
#define FONTSET_PATH_MAX 512      /* longest font path kept */

/* The family slots, in chain order. */
typedef enum {
    FONTSET_SANS = 0,
    FONTSET_SANS_BOLD = 1,
    FONTSET_SERIF = 2,
    FONTSET_SERIF_BOLD = 3,
    FONTSET_FAMILIES = 4
} fontset_family;

/* System fonts used when the bundled subsets are missing, and as fallbacks. */
#define FONTSET_SYSTEM_NOTO_DIR "/usr/share/fonts/opentype/noto"
#define FONTSET_SYSTEM_SANS_TTC FONTSET_SYSTEM_NOTO_DIR "/NotoSansCJK-Regular.ttc"
#define FONTSET_SYSTEM_DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

typedef struct font_set font_set;

/* The file name of a family's bundled subset in the fonts directory
 * ("NotoSansSC-Regular.otf"). */
const char *fontset_bundled_name(fontset_family fam);

/* Opens the chain with the bundled fonts from `fonts_dir` (e.g. "fonts").
 * Returns NULL with a message in err when no font can fill a family slot.
 * Caller frees with fontset_close(). */
font_set *fontset_open(const char *fonts_dir, char *err, size_t errlen);

/* Frees the set and its FreeType faces. NULL is a no-op. */
void fontset_close(font_set *fs);

/* Number of fonts in the chain (FONTSET_FAMILIES..FONTSET_MAX_FONTS). */
int fontset_count(const font_set *fs);

/* Path of font `font` and, in *face_index (may be NULL), its face index in
 * that file (non-zero for a .ttc; -1 for a fallback found by family name
 * that has not been opened yet: see fontset_family_name). The string is
 * owned by the set and lives until fontset_close(). NULL when `font` is out
 * of range. */
const char *fontset_path(const font_set *fs, int font, int *face_index);

/* The family name a fallback is found by in its collection (the system
 * Noto CJK .ttc), or NULL (the face is at its index). The fallbacks (fonts
 * FONTSET_FAMILIES and up) are opened at their first use, not by
 * fontset_open(). */
const char *fontset_family_name(const font_set *fs, int font);

/* True when the face of `font` has a glyph for code point cp (cached). */
bool fontset_has_char(font_set *fs, int font, uint32_t cp);

/* The font to render cp with when the style's family is `primary`: the first
 * font down the chain that has it, or `primary` when none does (its .notdef
 * is then drawn, and the text does not split into needless runs). Cached. */
int fontset_pick(font_set *fs, int primary, uint32_t cp);

/* True when slot `font` holds the bundled subset (false: a system
 * substitute or a fallback). */
bool fontset_is_bundled(const font_set *fs, int font);

/* For the text layer only (shape.c): the FreeType face of `font` (an
 * FT_Face, typed void * so that this header needs no FreeType include).
 * Owned by the set; the shaper takes its own reference. */
void *fontset_ft_face(font_set *fs, int font);

#endif
