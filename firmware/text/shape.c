#include "text/shape.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include "core/log.h"
#include "core/utf8.h"

/* Ink may overhang the half of the em box it sits in by this fraction of an
 * em and still count as "within the half" (antialiasing margins, SC commas). */
#define SHAPE_INK_TOLERANCE 0.04f
/* A glyph is full-width when its advance is within this fraction of an em. */
#define SHAPE_FULLWIDTH_TOLERANCE 0.05f

typedef struct {
    uint32_t key; /* font << 24 | glyph, +1 so that 0 means empty */
    uint8_t side;
} shape_ink_entry;

struct shaper {
    font_set *fs;
    hb_buffer_t *buf;
    hb_font_t *fonts[FONTSET_MAX_FONTS]; /* created on first use */
    int font_size[FONTSET_MAX_FONTS];    /* px the FT face is set to; 0: unset */
    hb_language_t lang;
    shape_ink_entry ink[SHAPE_INK_CACHE_SIZE];
};

shaper *shape_open(font_set *fs, char *err, size_t errlen)
{
    shaper *sh = calloc(1, sizeof *sh);
    if (!sh) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    sh->fs = fs;
    sh->buf = hb_buffer_create();
    if (!hb_buffer_allocation_successful(sh->buf)) {
        log_format_err(err, errlen, "HarfBuzz buffer allocation failed");
        shape_close(sh);
        return NULL;
    }
    sh->lang = hb_language_from_string(SHAPE_LANGUAGE, -1);
    return sh;
}

void shape_close(shaper *sh)
{
    if (!sh)
        return;
    for (int i = 0; i < FONTSET_MAX_FONTS; i++)
        if (sh->fonts[i])
            hb_font_destroy(sh->fonts[i]);
    hb_buffer_destroy(sh->buf);
    free(sh);
}

font_set *shape_fontset(shaper *sh) { return sh->fs; }

void shape_result_free(shape_result *r)
{
    if (!r)
        return;
    free(r->glyphs);
    memset(r, 0, sizeof *r);
}

/* The HarfBuzz font of `font` with its FreeType face set to size_px.
 * Switching sizes is cheap for these unhinted CFF/TrueType faces. */
static hb_font_t *shape_font(shaper *sh, int font, int size_px)
{
    FT_Face face = fontset_ft_face(sh->fs, font);
    if (!face)
        return NULL;
    if (sh->font_size[font] != size_px) {
        FT_Set_Pixel_Sizes(face, 0, (FT_UInt)size_px);
        sh->font_size[font] = size_px;
        if (sh->fonts[font])
            hb_ft_font_changed(sh->fonts[font]);
    }
    if (!sh->fonts[font]) {
        /* References the face (FT_Reference_Face); released on destroy. */
        sh->fonts[font] = hb_ft_font_create_referenced(face);
        hb_ft_font_set_load_flags(sh->fonts[font], FT_LOAD_DEFAULT | FT_LOAD_NO_HINTING);
    }
    return sh->fonts[font];
}

static bool shape_reserve(shape_result *r, size_t n)
{
    if (n <= r->cap)
        return true;
    size_t cap = r->cap ? r->cap : 256;
    while (cap < n)
        cap *= 2;
    shape_glyph *g = realloc(r->glyphs, cap * sizeof *g);
    if (!g)
        return false;
    r->glyphs = g;
    r->cap = cap;
    return true;
}

static bool shape_is_weak_script(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

/* Code points that belong with the character before them (same font). */
static bool shape_is_extender(hb_unicode_funcs_t *uf, uint32_t cp)
{
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
        return true;
    hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK;
}

static bool shape_run(shaper *sh, const char *text, size_t len, size_t start, size_t end, int font,
                      hb_script_t script, int size_px, shape_result *out)
{
    hb_font_t *hf = shape_font(sh, font, size_px);
    if (!hf)
        return true;
    hb_buffer_clear_contents(sh->buf);
    hb_buffer_add_utf8(sh->buf, text, (int)len, (unsigned)start, (int)(end - start));
    hb_buffer_set_direction(sh->buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(sh->buf, script);
    hb_buffer_set_language(sh->buf, sh->lang);
    static const hb_feature_t features[] = {
        {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    };
    hb_shape(hf, sh->buf, features, sizeof features / sizeof features[0]);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
    if (!shape_reserve(out, out->count + n))
        return false;
    for (unsigned i = 0; i < n; i++) {
        shape_glyph *g = &out->glyphs[out->count++];
        g->glyph = info[i].codepoint;
        g->font = (uint16_t)font;
        g->cluster = info[i].cluster;
        g->x_advance = (float)pos[i].x_advance / 64.0f;
        g->x_offset = (float)pos[i].x_offset / 64.0f;
        g->y_offset = (float)pos[i].y_offset / 64.0f;
    }
    out->runs++;
    return true;
}

bool shape_text(shaper *sh, const char *text, size_t len, int primary, int size_px,
                shape_result *out)
{
    out->count = 0;
    out->runs = 0;
    if (len == 0)
        return true;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();

    /* The first strong script, for leading Common/Inherited characters. */
    hb_script_t script = HB_SCRIPT_HAN;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (n == 0)
            n = 1;
        hb_script_t s = hb_unicode_script(uf, cp);
        if (!shape_is_weak_script(s)) {
            script = s;
            break;
        }
        i += n;
    }

    size_t run_start = 0;
    int run_font = -1;
    hb_script_t run_script = script;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = utf8_next(text + i, len - i, &cp); /* trusted input; be safe anyway */
        hb_script_t s = hb_unicode_script(uf, cp);
        if (shape_is_weak_script(s))
            s = run_font < 0 ? script : run_script;
        int font = (run_font >= 0 && shape_is_extender(uf, cp)) ? run_font : fontset_pick(sh->fs, primary, cp);
        if (run_font < 0) {
            run_font = font;
            run_script = s;
        } else if (font != run_font || s != run_script) {
            if (!shape_run(sh, text, len, run_start, i, run_font, run_script, size_px, out))
                return false;
            run_start = i;
            run_font = font;
            run_script = s;
        }
        i += n;
    }
    return shape_run(sh, text, len, run_start, len, run_font, run_script, size_px, out);
}

shape_ink shape_ink_side(shaper *sh, int font, uint32_t glyph)
{
    uint32_t key = (((uint32_t)font << 24) | (glyph & 0xFFFFFF)) + 1;
    size_t mask = SHAPE_INK_CACHE_SIZE - 1;
    size_t i = (key * 2654435761u) & mask, probes = 0;
    while (sh->ink[i].key && sh->ink[i].key != key && probes < SHAPE_INK_CACHE_SIZE) {
        i = (i + 1) & mask;
        probes++;
    }
    if (sh->ink[i].key == key)
        return (shape_ink)sh->ink[i].side;

    /* Measure at a fixed size so the answer does not depend on the caller's. */
    const int size = sh->font_size[font] > 0 ? sh->font_size[font] : 64;
    hb_font_t *hf = shape_font(sh, font, size);
    shape_ink side = SHAPE_INK_OTHER;
    hb_glyph_extents_t ext;
    if (hf && hb_font_get_glyph_extents(hf, glyph, &ext)) {
        float em = (float)size * 64.0f;
        float adv = (float)hb_font_get_glyph_h_advance(hf, glyph) / em;
        float x0 = (float)ext.x_bearing / em, x1 = (float)(ext.x_bearing + ext.width) / em;
        if (adv > 1.0f - SHAPE_FULLWIDTH_TOLERANCE && adv < 1.0f + SHAPE_FULLWIDTH_TOLERANCE && ext.width > 0) {
            if (x1 <= 0.5f + SHAPE_INK_TOLERANCE && x0 >= -SHAPE_INK_TOLERANCE)
                side = SHAPE_INK_LEFT;
            else if (x0 >= 0.5f - SHAPE_INK_TOLERANCE && x1 <= 1.0f + SHAPE_INK_TOLERANCE)
                side = SHAPE_INK_RIGHT;
        }
    }
    if (probes < SHAPE_INK_CACHE_SIZE && !sh->ink[i].key) {
        sh->ink[i].key = key;
        sh->ink[i].side = (uint8_t)side;
    }
    return side;
}
