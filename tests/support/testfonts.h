/* testfonts: system fonts for tests (Debian packages fonts-noto-cjk and
 * fonts-dejavu-core), found by family name rather than by a guessed face
 * index, and glyph ids without HarfBuzz. */
#ifndef TESTS_TESTFONTS_H
#define TESTS_TESTFONTS_H

#include <stdbool.h>
#include <stdint.h>

#define TESTFONTS_CJK "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define TESTFONTS_CJK_SC_FAMILY "Noto Sans CJK SC"
#define TESTFONTS_DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

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
