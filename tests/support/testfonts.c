#include "support/testfonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

bool testfonts_exists(const char *path) { return access(path, R_OK) == 0; }

int testfonts_face_index(const char *path, const char *family)
{
    FT_Library lib;
    if (FT_Init_FreeType(&lib))
        return -1;
    int found = -1;
    FT_Face face;
    if (FT_New_Face(lib, path, -1, &face) == 0) { /* -1: just count the faces */
        long n = face->num_faces;
        FT_Done_Face(face);
        for (long i = 0; i < n && found < 0; i++) {
            if (FT_New_Face(lib, path, i, &face))
                continue;
            if (face->family_name && strcmp(face->family_name, family) == 0)
                found = (int)i;
            FT_Done_Face(face);
        }
    }
    FT_Done_FreeType(lib);
    return found;
}

int testfonts_cjk_sc(void)
{
    int i = testfonts_face_index(TESTFONTS_CJK, TESTFONTS_CJK_SC_FAMILY);
    if (i < 0)
        fail_msg("%s: no face of family %s", TESTFONTS_CJK, TESTFONTS_CJK_SC_FAMILY);
    return i;
}

void testfonts_glyphs(const char *path, int face_index, const uint32_t *cps, uint32_t *out, int n)
{
    FT_Library lib;
    FT_Face face;
    memset(out, 0, (size_t)n * sizeof *out);
    if (FT_Init_FreeType(&lib))
        return;
    if (FT_New_Face(lib, path, face_index, &face) == 0) {
        for (int i = 0; i < n; i++)
            out[i] = FT_Get_Char_Index(face, cps[i]);
        FT_Done_Face(face);
    }
    FT_Done_FreeType(lib);
}

uint32_t testfonts_glyph(const char *path, int face_index, uint32_t cp)
{
    uint32_t g;
    testfonts_glyphs(path, face_index, &cp, &g, 1);
    return g;
}
