/* testfonts: the fonts tests draw with: the committed subsets in fonts/
 * (so tests need no system font package), found by family name rather than
 * by a guessed face index, and glyph ids without HarfBuzz. */
#ifndef TESTS_TESTFONTS_H
#define TESTS_TESTFONTS_H

#include <stdbool.h>
#include <stdint.h>

#define TESTFONTS_CJK "fonts/NotoSansSC-Regular.otf"
#define TESTFONTS_CJK_SC_FAMILY "Noto Sans CJK SC"
#define TESTFONTS_SERIF "fonts/NotoSerifSC-Regular.otf"
#define TESTFONTS_SERIF_FAMILY "Noto Serif CJK SC"

bool testfonts_exists(const char *path);

/* Index of the face of `path` whose family name is `family`, or -1. */
int testfonts_face_index(const char *path, const char *family);

/* The Simplified Chinese face of TESTFONTS_CJK; fails the test if absent. */
int testfonts_cjk_sc(void);

/* Glyph id of code point cp in the face (0 when the face lacks it). */
uint32_t testfonts_glyph(const char *path, int face_index, uint32_t cp);

/* The same for n code points at once (one face opening). */
void testfonts_glyphs(const char *path, int face_index, const uint32_t *cps, uint32_t *out, int n);

#endif
