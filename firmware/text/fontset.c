#include "text/fontset.h"
#include "text/ftstream.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "core/fileio.h"
#include "core/log.h"

#define FONTSET_CACHE_INITIAL 1024 /* coverage cache slots; power of two */
#define FONTSET_NO_PICK 0xFF
_Static_assert(FONTSET_MAX_FONTS <= 8, "coverage bits are one uint8_t per code point");

/* One cached code point: which fonts were asked (known) and which have it,
 * and the pick for each family slot as primary. */
typedef struct {
    uint32_t cp;
    uint8_t used;
    uint8_t known, has; /* bit per font; FONTSET_MAX_FONTS <= 8 */
    uint8_t pick[FONTSET_FAMILIES];
} fontset_entry;

typedef struct {
    char path[FONTSET_PATH_MAX];
    int face_index;     /* -1: a fallback not opened yet, found by family */
    const char *family; /* a fallback's family in its collection, or NULL */
    bool bundled;
    bool opened;        /* face is what opening gave (NULL: it failed) */
    FT_Face face;
} fontset_font;

struct font_set {
    FT_Library lib;
    fontset_font fonts[FONTSET_MAX_FONTS];
    int count;
    fontset_entry *cache;
    size_t cache_cap, cache_used;
};

static const char *const fontset_bundled_names[FONTSET_FAMILIES] = {
    "NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf",
    "NotoSerifSC-Regular.otf", "NotoSerifSC-Bold.otf",
};
static const char *const fontset_system_names[FONTSET_FAMILIES] = {
    FONTSET_SYSTEM_NOTO_DIR "/NotoSansCJK-Regular.ttc",
    FONTSET_SYSTEM_NOTO_DIR "/NotoSansCJK-Bold.ttc",
    FONTSET_SYSTEM_NOTO_DIR "/NotoSerifCJK-Regular.ttc",
    FONTSET_SYSTEM_NOTO_DIR "/NotoSerifCJK-Bold.ttc",
};
static const char *const fontset_system_families[FONTSET_FAMILIES] = {
    "Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Serif CJK SC",
};

/* Opens face `index` of `path`, or, when `family` is non-NULL, the face of
 * the collection whose family name is `family`. NULL when absent. */
static FT_Face fontset_open_face(FT_Library lib, const char *path, const char *family, int *index)
{
    if (!file_is_regular(path) || access(path, R_OK) != 0)
        return NULL; /* FreeType would block on a FIFO, for ever */
    FT_Face face = NULL;
    if (!family) {
        if (ftstream_new_face(lib, path, 0, &face) != 0)
            return NULL;
        *index = 0;
        return face;
    }
    return ftstream_face_of_family(lib, path, family, index);
}

/* Whether the chain has the face of path found by family (or index 0). */
static bool fontset_contains(const font_set *fs, const char *path, const char *family)
{
    for (int i = 0; i < fs->count; i++) {
        const fontset_font *f = &fs->fonts[i];
        bool same = family ? f->family && strcmp(f->family, family) == 0 : !f->family && f->face_index == 0;
        if (same && strcmp(f->path, path) == 0)
            return true;
    }
    return false;
}

static bool fontset_add(font_set *fs, const char *path, const char *family, bool bundled)
{
    int index = 0;
    FT_Face face = fontset_open_face(fs->lib, path, family, &index);
    if (!face)
        return false;
    fontset_font *f = &fs->fonts[fs->count++];
    snprintf(f->path, sizeof f->path, "%s", path);
    f->face_index = index;
    f->family = family;
    f->bundled = bundled;
    f->opened = true;
    f->face = face;
    return true;
}

/* A fallback, opened at its first use (fontset_face): most screens never
 * need one, and opening the full system collection (ten faces of 65,535
 * glyphs, searched for the SC one) costs more than the rest of the start. */
static void fontset_add_lazy(font_set *fs, const char *path, const char *family)
{
    if (fs->count >= FONTSET_MAX_FONTS || fontset_contains(fs, path, family) || !file_is_regular(path) ||
        access(path, R_OK) != 0)
        return;
    fontset_font *f = &fs->fonts[fs->count++];
    snprintf(f->path, sizeof f->path, "%s", path);
    f->face_index = family ? -1 : 0;
    f->family = family;
}

/* Font i's face, opened now if it is a fallback not yet used; NULL when it
 * does not open (the font then has no characters). */
static FT_Face fontset_face(font_set *fs, int i)
{
    fontset_font *f = &fs->fonts[i];
    if (!f->opened) {
        f->opened = true;
        int index = 0;
        f->face = fontset_open_face(fs->lib, f->path, f->family, &index);
        if (f->face)
            f->face_index = index;
        else
            LOG_W("fontset", "fallback font %s%s%s cannot be opened; not used", f->path, f->family ? ": " : "",
                  f->family ? f->family : "");
    }
    return f->face;
}

const char *fontset_bundled_name(fontset_family fam)
{
    return (unsigned)fam < FONTSET_FAMILIES ? fontset_bundled_names[fam] : "";
}

font_set *fontset_open(const char *fonts_dir, char *err, size_t errlen)
{
    font_set *fs = calloc(1, sizeof *fs);
    if (!fs) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    if (FT_Init_FreeType(&fs->lib) != 0) {
        log_format_err(err, errlen, "FreeType initialisation failed");
        free(fs);
        return NULL;
    }
    fs->cache_cap = FONTSET_CACHE_INITIAL;
    fs->cache = calloc(fs->cache_cap, sizeof *fs->cache);
    if (!fs->cache) {
        log_format_err(err, errlen, "out of memory");
        fontset_close(fs);
        return NULL;
    }
    for (int fam = 0; fam < FONTSET_FAMILIES; fam++) {
        char path[FONTSET_PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", fonts_dir ? fonts_dir : "fonts", fontset_bundled_names[fam]);
        if (fontset_add(fs, path, NULL, true))
            continue;
        if (fontset_add(fs, fontset_system_names[fam], fontset_system_families[fam], false)) {
            LOG_W("fontset", "%s missing or unreadable; using %s (%s)", path,
                  fontset_system_names[fam], fontset_system_families[fam]);
            continue;
        }
        if (fontset_add(fs, FONTSET_SYSTEM_SANS_TTC, "Noto Sans CJK SC", false)) {
            LOG_W("fontset", "%s missing or unreadable; using %s", path, FONTSET_SYSTEM_SANS_TTC);
            continue;
        }
        log_format_err(err, errlen, "no font for %s: %s missing and %s not installed",
                     fontset_bundled_names[fam], path, FONTSET_SYSTEM_SANS_TTC);
        fontset_close(fs);
        return NULL;
    }
    /* Fallbacks: the full system CJK font (covers what a subset dropped),
     * then DejaVu Sans. */
    fontset_add_lazy(fs, FONTSET_SYSTEM_SANS_TTC, "Noto Sans CJK SC");
    fontset_add_lazy(fs, FONTSET_SYSTEM_DEJAVU, NULL);
    return fs;
}

void fontset_close(font_set *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < fs->count; i++)
        if (fs->fonts[i].face)
            FT_Done_Face(fs->fonts[i].face);
    if (fs->lib)
        FT_Done_FreeType(fs->lib);
    free(fs->cache);
    free(fs);
}

int fontset_count(const font_set *fs) { return fs->count; }

const char *fontset_path(const font_set *fs, int font, int *face_index)
{
    if (font < 0 || font >= fs->count)
        return NULL;
    if (face_index)
        *face_index = fs->fonts[font].face_index;
    return fs->fonts[font].path;
}

bool fontset_is_bundled(const font_set *fs, int font)
{
    return font >= 0 && font < fs->count && fs->fonts[font].bundled;
}

void *fontset_ft_face(font_set *fs, int font)
{
    if (font < 0 || font >= fs->count)
        return NULL;
    return fontset_face(fs, font);
}

const char *fontset_family_name(const font_set *fs, int font)
{
    return font >= 0 && font < fs->count ? fs->fonts[font].family : NULL;
}

static size_t fontset_hash(uint32_t cp)
{
    uint32_t h = cp * 2654435761u;
    return h ^ (h >> 16);
}

static bool fontset_grow(font_set *fs)
{
    size_t cap = fs->cache_cap * 2;
    fontset_entry *t = calloc(cap, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < fs->cache_cap; i++) {
        if (!fs->cache[i].used)
            continue;
        size_t j = fontset_hash(fs->cache[i].cp) & (cap - 1);
        while (t[j].used)
            j = (j + 1) & (cap - 1);
        t[j] = fs->cache[i];
    }
    free(fs->cache);
    fs->cache = t;
    fs->cache_cap = cap;
    return true;
}

/* The cache entry of cp, created when absent. NULL only on out of memory
 * while growing (callers then answer uncached). */
static fontset_entry *fontset_entry_of(font_set *fs, uint32_t cp)
{
    size_t mask = fs->cache_cap - 1;
    size_t i = fontset_hash(cp) & mask;
    while (fs->cache[i].used) {
        if (fs->cache[i].cp == cp)
            return &fs->cache[i];
        i = (i + 1) & mask;
    }
    if ((fs->cache_used + 1) * 4 > fs->cache_cap * 3) {
        if (!fontset_grow(fs))
            return NULL;
        return fontset_entry_of(fs, cp);
    }
    fontset_entry *e = &fs->cache[i];
    e->used = 1;
    e->cp = cp;
    e->known = e->has = 0;
    memset(e->pick, FONTSET_NO_PICK, sizeof e->pick);
    fs->cache_used++;
    return e;
}

bool fontset_has_char(font_set *fs, int font, uint32_t cp)
{
    if (font < 0 || font >= fs->count)
        return false;
    fontset_entry *e = fontset_entry_of(fs, cp);
    uint8_t bit = (uint8_t)(1u << font);
    if (e && (e->known & bit))
        return (e->has & bit) != 0;
    FT_Face face = fontset_face(fs, font);
    bool has = face && FT_Get_Char_Index(face, cp) != 0;
    if (e) {
        e->known |= bit;
        if (has)
            e->has |= bit;
    }
    return has;
}

int fontset_pick(font_set *fs, int primary, uint32_t cp)
{
    if (primary < 0 || primary >= FONTSET_FAMILIES)
        primary = FONTSET_SANS;
    fontset_entry *e = fontset_entry_of(fs, cp);
    if (e && e->pick[primary] != FONTSET_NO_PICK)
        return e->pick[primary];
    int pick = primary;
    if (!fontset_has_char(fs, primary, cp)) {
        /* Down the chain: the fallbacks first, then the other families. */
        int order[FONTSET_MAX_FONTS], n = 0;
        for (int i = FONTSET_FAMILIES; i < fs->count; i++)
            order[n++] = i;
        for (int i = 0; i < FONTSET_FAMILIES; i++)
            if (i != primary)
                order[n++] = i;
        for (int k = 0; k < n; k++) {
            if (fontset_has_char(fs, order[k], cp)) {
                pick = order[k];
                break;
            }
        }
    }
    /* has_char may have grown the table: look the entry up again. */
    e = fontset_entry_of(fs, cp);
    if (e)
        e->pick[primary] = (uint8_t)pick;
    return pick;
}
