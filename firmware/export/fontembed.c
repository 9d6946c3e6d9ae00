/* fontembed: the kiosk's fonts carried inside a page (export/fontembed.h). */
#include "export/fontembed.h"

#include <string.h>

#include <hb-subset.h>
#include <hb.h>

#include "core/log.h"
#include "core/utf8.h"

static const char *const fontembed_family[FONTSET_FAMILIES] = {"Kiosk Sans", "Kiosk Sans", "Kiosk Serif",
                                                               "Kiosk Serif"};

/* A character a page can show: not a control (C0, DEL, C1). */
static bool shown(uint32_t cp) { return cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F); }

/* The characters of page[0..n), and every printable ASCII character (the
 * markup, entities, and what CSS text-transform can make of ASCII). */
static void page_chars(const char *page, size_t n, hb_set_t *set)
{
    hb_set_add_range(set, 0x20, 0x7E);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_next(page + i, n - i, &cp);
        if (shown(cp))
            hb_set_add(set, cp);
    }
}

static void base64(FILE *out, const unsigned char *d, size_t n)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v =
            (uint32_t)d[i] << 16 | (i + 1 < n ? (uint32_t)d[i + 1] << 8 : 0) | (i + 2 < n ? d[i + 2] : 0);
        char q[4] = {digits[v >> 18 & 63], digits[v >> 12 & 63], i + 1 < n ? digits[v >> 6 & 63] : '=',
                     i + 2 < n ? digits[v & 63] : '='};
        fwrite(q, 1, 4, out);
    }
}

/* All of a set of the subset input (features, scripts, name IDs, name
 * languages): hb-subset reads an inverted empty set as "every one". */
static void keep_all(hb_subset_input_t *in, hb_subset_sets_t which)
{
    hb_set_t *s = hb_subset_input_set(in, which);
    hb_set_clear(s);
    hb_set_invert(s);
}

/* Face `index` of the font file `path` subset to `cps`: its data (the
 * caller destroys it), or NULL. */
static hb_blob_t *subset(const char *path, int index, const hb_set_t *cps)
{
    hb_blob_t *file = hb_blob_create_from_file_or_fail(path);
    if (!file)
        return NULL;
    hb_face_t *face = hb_face_create(file, (unsigned)index);
    hb_blob_destroy(file);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_blob_t *data = NULL;
    if (in && hb_face_get_glyph_count(face) > 0) {
        hb_set_union(hb_subset_input_unicode_set(in), cps);
        keep_all(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
        keep_all(in, HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG);
        keep_all(in, HB_SUBSET_SETS_NAME_ID);
        keep_all(in, HB_SUBSET_SETS_NAME_LANG_ID);
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
        hb_face_t *sub = hb_subset_or_fail(face, in);
        if (sub) {
            data = hb_face_reference_blob(sub);
            hb_face_destroy(sub);
        }
    }
    hb_subset_input_destroy(in);
    hb_face_destroy(face);
    if (data && hb_blob_get_length(data) == 0) {
        hb_blob_destroy(data);
        data = NULL;
    }
    return data;
}

/* The @font-face rule of chain font `f`, subset to cps. */
static bool face_rule(FILE *out, font_set *fs, int f, const hb_set_t *cps, fontembed_stats *st, char *err,
                      size_t errlen)
{
    int index = 0;
    const char *path = fontset_path(fs, f, &index);
    hb_blob_t *data = path && index >= 0 ? subset(path, index, cps) : NULL;
    if (!data) {
        log_format_err(err, errlen, "%s (face %d): cannot be read or subset", path ? path : "?", index);
        return false;
    }
    unsigned len = 0;
    const unsigned char *d = (const unsigned char *)hb_blob_get_data(data, &len);
    bool cff = len >= 4 && memcmp(d, "OTTO", 4) == 0;
    if (f < FONTSET_FAMILIES)
        fprintf(out, "@font-face{font-family:\"%s\";font-weight:%d;", fontembed_family[f],
                f == FONTSET_SANS_BOLD || f == FONTSET_SERIF_BOLD ? 700 : 400);
    else
        fprintf(out, "@font-face{font-family:\"Kiosk Fallback %d\";font-weight:100 900;",
                f - FONTSET_FAMILIES + 1);
    fprintf(out, "src:url(data:font/%s;base64,", cff ? "otf" : "ttf");
    base64(out, d, len);
    fprintf(out, ") format(\"%s\")}\n", cff ? "opentype" : "truetype");
    st->faces++;
    st->bytes += len;
    hb_blob_destroy(data);
    return true;
}

/* A font stack: `first`, the fallbacks that are embedded, `other`, `generic`. */
static void stack(FILE *out, const char *var, const char *first, const char *other, const char *generic,
                  hb_set_t *const *sets, int count)
{
    fprintf(out, "%s:\"%s\",", var, first);
    for (int f = FONTSET_FAMILIES; f < count; f++)
        if (!hb_set_is_empty(sets[f]))
            fprintf(out, "\"Kiosk Fallback %d\",", f - FONTSET_FAMILIES + 1);
    fprintf(out, "\"%s\",%s", other, generic);
}

bool fontembed_write(FILE *out, font_set *fs, const char *page, size_t n, fontembed_stats *st, char *err,
                     size_t errlen)
{
    fontembed_stats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    hb_set_t *chars = hb_set_create(), *sets[FONTSET_MAX_FONTS] = {0};
    int count = fs ? fontset_count(fs) : 0;
    for (int f = 0; f < count; f++)
        sets[f] = hb_set_create();
    page_chars(page, n, chars);
    st->chars = hb_set_get_population(chars);
    /* Each character goes to the font the kiosk draws it with, for each
     * family slot as the style's own. */
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(chars, &cp);) {
        bool found = false;
        for (int slot = 0; slot < FONTSET_FAMILIES && fs; slot++) {
            int f = fontset_pick(fs, slot, cp);
            if (fontset_has_char(fs, f, cp)) {
                hb_set_add(sets[f], cp);
                found = true;
            }
        }
        if (!found && st->missing++ < FONTEMBED_MISSING_MAX)
            st->missing_cps[st->missing - 1] = cp;
    }
    bool ok = true;
    for (int f = 0; f < count && ok; f++)
        if (!hb_set_is_empty(sets[f]))
            ok = face_rule(out, fs, f, sets[f], st, err, errlen);
    if (ok) {
        fputs(":root{", out);
        if (fs) {
            stack(out, "--sans", "Kiosk Sans", "Kiosk Serif", "sans-serif", sets, count);
            stack(out, ";--serif", "Kiosk Serif", "Kiosk Sans", "serif", sets, count);
        } else {
            fputs("--sans:\"Noto Sans CJK SC\",sans-serif;--serif:\"Noto Serif CJK SC\",serif", out);
        }
        fputs("}\n", out);
        if (ferror(out)) {
            log_format_err(err, errlen, "writing the fonts failed");
            ok = false;
        }
    }
    for (int f = 0; f < count; f++)
        hb_set_destroy(sets[f]);
    hb_set_destroy(chars);
    return ok;
}
