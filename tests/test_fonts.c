/* test_fonts: the committed font subsets in fonts/ (toolchain/subset-fonts.sh).
 *
 * Each subset must open with FreeType as the expected face, stay under the
 * size budget, map every character the kiosk is known to need (all of GB 2312,
 * every character of the source articles and of the content bundle, ASCII and
 * the punctuation the layout uses) and keep the OpenType features the text
 * engine relies on (halt, palt, vhal, vert, kern). A character that goes
 * missing fails the test and is named in the output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include "core/utf8.h"
#include "support/articles.h"

/* Same budget as toolchain/subset-fonts.sh: the subsets ship on the SD card. */
#define FONTS_MAX_BYTES (8L * 1024 * 1024)
#define CONTENT_DIR "content"
#define CP_LIMIT 0x110000u
/* GB 2312 layout: rows and cells 0xA1..0xFE (rows above 0xF7 are unassigned). */
#define GB_FIRST 0xA1
#define GB_LAST_ROW 0xF7
#define GB_LAST_CELL 0xFE
#define GB2312_HAN 6763
#define GB2312_TOTAL 7445
/* Misses listed before the rest are summarised, to keep a failure readable. */
#define MAX_MISSES_SHOWN 40
#define PATH_CAP 512

typedef struct {
    const char *path;
    const char *family;
    const char *style;
} font_spec;

static const font_spec FONTS[] = {
    { "fonts/NotoSansSC-Regular.otf", "Noto Sans CJK SC", "Regular" },
    { "fonts/NotoSansSC-Bold.otf", "Noto Sans CJK SC", "Bold" },
    { "fonts/NotoSerifSC-Regular.otf", "Noto Serif CJK SC", "Regular" },
    { "fonts/NotoSerifSC-Bold.otf", "Noto Serif CJK SC", "Bold" },
};
#define FONT_COUNT (sizeof FONTS / sizeof FONTS[0])

/* Text characters that the full Noto CJK SC faces lack too, so no subset can
 * have them; anything else missing is a failure. */
static const struct {
    uint32_t first, last;
    const char *why;
} FONTS_EXCLUDED[] = {
    { 0x2075, 0x2078,
      "superscript digits five to eight (footnote markers in article 004): Noto CJK has "
      "U+00B9, U+00B2, U+00B3 and U+2074 but not these; the text engine takes them from "
      "DejaVu Sans" },
    { 0xE000, 0xF8FF,
      "Private Use Area: PDF-extraction artefacts of article 003 (U+E5CE, U+E5CF, U+E5D2, "
      "U+E5E5) that no font defines; excerpts clean them out" },
};
#define EXCLUDED_COUNT (sizeof FONTS_EXCLUDED / sizeof FONTS_EXCLUDED[0])

static const char *excluded_why(uint32_t cp)
{
    for (size_t i = 0; i < EXCLUDED_COUNT; i++)
        if (cp >= FONTS_EXCLUDED[i].first && cp <= FONTS_EXCLUDED[i].last)
            return FONTS_EXCLUDED[i].why;
    return NULL;
}

/* Whitespace and controls have no glyph to check. */
static bool is_blank_or_control(uint32_t cp)
{
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029
        || cp == 0xFEFF;
}

/* ---- code point sets: a bitmap over all of Unicode ---- */

typedef struct {
    uint8_t bits[CP_LIMIT / 8];
    size_t count;
} cp_set;

static cp_set *cp_set_new(void)
{
    cp_set *s = calloc(1, sizeof *s);
    assert_non_null(s);
    return s;
}

static void cp_set_add(cp_set *s, uint32_t cp)
{
    if (cp >= CP_LIMIT || (s->bits[cp / 8] & (1u << (cp % 8))))
        return;
    s->bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
    s->count++;
}

static bool cp_set_has(const cp_set *s, uint32_t cp)
{
    return cp < CP_LIMIT && (s->bits[cp / 8] & (1u << (cp % 8)));
}

static void cp_set_add_utf8(cp_set *s, const char *text, size_t n, const char *origin)
{
    size_t off = 0;
    while (off < n) {
        uint32_t cp;
        size_t len = utf8_decode(text + off, n - off, &cp);
        if (len == 0)
            fail_msg("%s: invalid UTF-8 at byte %zu", origin, off);
        if (!is_blank_or_control(cp))
            cp_set_add(s, cp);
        off += len;
    }
}

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    assert_int_equal(ferror(f), 0);
    fclose(f);
    *len = n;
    return buf;
}

/* Adds every character of the files in `dir` ending in one of `suffixes`
 * (NULL-terminated). Returns the number of files read, -1 if `dir` is absent. */
static int cp_set_add_dir(cp_set *s, const char *dir, const char *const *suffixes)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        bool wanted = false;
        for (const char *const *sfx = suffixes; *sfx; sfx++)
            wanted = wanted || has_suffix(e->d_name, *sfx);
        if (!wanted)
            continue;
        char path[PATH_CAP];
        int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        assert_true(w > 0 && (size_t)w < sizeof path);
        size_t len;
        char *text = read_file(path, &len);
        cp_set_add_utf8(s, text, len, path);
        free(text);
        files++;
    }
    closedir(d);
    return files;
}

/* ---- checking a set against every subset ---- */

/* Counts, over all four subsets, the characters of `s` without a glyph that
 * are not excluded, naming the first of them. Excluded characters that a
 * subset does map are reported too: the exclusion has become stale. */
static size_t count_missing(const cp_set *s, const char *what)
{
    FT_Library lib;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    size_t missing = 0;
    for (size_t i = 0; i < FONT_COUNT; i++) {
        FT_Face face;
        assert_int_equal(FT_New_Face(lib, FONTS[i].path, 0, &face), 0);
        for (uint32_t cp = 0; cp < CP_LIMIT; cp++) {
            if (!cp_set_has(s, cp))
                continue;
            bool mapped = FT_Get_Char_Index(face, cp) != 0;
            const char *why = excluded_why(cp);
            if (why && mapped)
                print_message("note: %s now maps excluded U+%04X; drop it from FONTS_EXCLUDED\n",
                              FONTS[i].path, (unsigned)cp);
            if (why || mapped)
                continue;
            if (missing++ < MAX_MISSES_SHOWN) {
                char utf8[5] = { 0 };
                utf8_encode(cp, utf8);
                print_message("%s: no glyph for U+%04X %s (%s)\n", FONTS[i].path,
                              (unsigned)cp, utf8, what);
            }
        }
        FT_Done_Face(face);
    }
    FT_Done_FreeType(lib);
    if (missing > 0)
        print_message("%zu missing in all (%s); regenerate with `make fonts`\n", missing, what);
    return missing;
}

/* ---- tests ---- */

static void test_files_are_the_expected_faces_within_budget(void **state)
{
    (void)state;
    FT_Library lib;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    for (size_t i = 0; i < FONT_COUNT; i++) {
        struct stat st;
        if (stat(FONTS[i].path, &st) != 0)
            fail_msg("%s: %s", FONTS[i].path, strerror(errno));
        print_message("%s: %lld bytes\n", FONTS[i].path, (long long)st.st_size);
        assert_true(st.st_size > 0);
        assert_true(st.st_size < FONTS_MAX_BYTES);

        FT_Face face;
        assert_int_equal(FT_New_Face(lib, FONTS[i].path, 0, &face), 0);
        assert_int_equal(face->num_faces, 1);
        assert_true(FT_IS_SFNT(face));
        assert_true(FT_IS_SCALABLE(face));
        assert_true(FT_HAS_VERTICAL(face));
        assert_non_null(face->family_name);
        assert_string_equal(face->family_name, FONTS[i].family);
        assert_non_null(face->style_name);
        assert_string_equal(face->style_name, FONTS[i].style);
        FT_Done_Face(face);
    }
    FT_Done_FreeType(lib);
}

/* Decodes every GB 2312 double-byte code with iconv(3), as the script does. */
static void test_all_of_gb2312(void **state)
{
    (void)state;
    iconv_t cd = iconv_open("UTF-32BE", "GB2312");
    assert_true(cd != (iconv_t)-1);
    cp_set *s = cp_set_new();
    int han = 0;
    for (unsigned row = GB_FIRST; row <= GB_LAST_ROW; row++) {
        for (unsigned cell = GB_FIRST; cell <= GB_LAST_CELL; cell++) {
            char in[2] = { (char)row, (char)cell };
            unsigned char out[4];
            char *ip = in, *op = (char *)out;
            size_t il = sizeof in, ol = sizeof out;
            iconv(cd, NULL, NULL, NULL, NULL);
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
                continue; /* unassigned code */
            assert_int_equal(ol, 0);
            uint32_t cp = (uint32_t)out[0] << 24 | (uint32_t)out[1] << 16
                        | (uint32_t)out[2] << 8 | out[3];
            if (cp >= 0x4E00 && cp <= 0x9FFF)
                han++;
            cp_set_add(s, cp);
        }
    }
    iconv_close(cd);
    /* Guards against a decoder that silently yields less (missing gconv). */
    assert_int_equal(han, GB2312_HAN);
    assert_int_equal(s->count, GB2312_TOTAL);
    assert_int_equal(count_missing(s, "GB 2312"), 0);
    free(s);
}

/* The first and last Han characters of each GB 2312 level, written out as an
 * independent check of the decoding above. */
static void test_gb2312_ends(void **state)
{
    (void)state;
    static const char sample[] = "啊阿埃挨哎" /* B0A1.. level 1 starts */
                                 "柞做作坐座" /* ..D7F9 level 1 ends */
                                 "亍丌兀"     /* D8A1.. level 2 starts */
                                 "鼹鼷鼽鼾齄"; /* ..F7FE level 2 ends */
    cp_set *s = cp_set_new();
    cp_set_add_utf8(s, sample, sizeof sample - 1, "sample");
    assert_int_equal(s->count, 18);
    assert_int_equal(count_missing(s, "GB 2312 ends"), 0);
    free(s);
}

static void test_ascii_and_punctuation(void **state)
{
    (void)state;
    static const char punct[] = "“”‘’《》「」『』【】〔〕（），。、；：？！…—·％‰℃";
    cp_set *s = cp_set_new();
    for (uint32_t cp = 0x21; cp <= 0x7E; cp++)
        cp_set_add(s, cp);
    cp_set_add_utf8(s, punct, sizeof punct - 1, "punctuation");
    assert_int_equal(s->count, 94 + 29);
    assert_int_equal(count_missing(s, "ASCII and punctuation"), 0);
    free(s);
}

static void test_every_article_character(void **state)
{
    (void)state;
    static const char *const suffixes[] = { ".txt", NULL };
    articles_need("that the fonts draw every character of the articles");
    cp_set *s = cp_set_new();
    int files = cp_set_add_dir(s, articles_dir(), suffixes);
    assert_true(files > 0);
    print_message("%d articles, %zu distinct non-blank characters\n", files, s->count);
    for (size_t i = 0; i < EXCLUDED_COUNT; i++) {
        bool any = false;
        for (uint32_t cp = FONTS_EXCLUDED[i].first; cp <= FONTS_EXCLUDED[i].last; cp++) {
            if (!cp_set_has(s, cp))
                continue;
            print_message("%sU+%04X", any ? " " : "excluded: ", (unsigned)cp);
            any = true;
        }
        if (any)
            print_message("\n  (%s)\n", FONTS_EXCLUDED[i].why);
    }
    assert_int_equal(count_missing(s, "articles"), 0);
    free(s);
}

/* The bundle is edited after the fonts are made: a new character here means
 * the subsets must be regenerated (`make fonts`) before the bundle ships. */
static void test_every_content_character(void **state)
{
    (void)state;
    static const char *const suffixes[] = { ".yaml", ".md", NULL };
    cp_set *s = cp_set_new();
    int files = cp_set_add_dir(s, CONTENT_DIR, suffixes);
    assert_true(files > 0);
    print_message("%d content files, %zu distinct non-blank characters\n", files, s->count);
    assert_int_equal(count_missing(s, "content"), 0);
    free(s);
}

/* ---- OpenType features, through HarfBuzz as the text engine uses them ---- */

typedef struct {
    hb_codepoint_t gid;
    hb_position_t x_advance, y_advance;
} shaped;

static hb_position_t shape(hb_font_t *font, const char *text, hb_direction_t dir,
                           const char *feature, shaped *first)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_set_direction(buf, dir);
    hb_buffer_set_script(buf, HB_SCRIPT_HAN);
    hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
    hb_feature_t feat;
    unsigned nfeat = 0;
    if (feature) {
        assert_true(hb_feature_from_string(feature, -1, &feat));
        nfeat = 1;
    }
    hb_shape(font, buf, feature ? &feat : NULL, nfeat);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    assert_true(n > 0);
    hb_position_t total = 0;
    for (unsigned i = 0; i < n; i++) {
        assert_int_not_equal(info[i].codepoint, 0);
        total += HB_DIRECTION_IS_HORIZONTAL(dir) ? pos[i].x_advance : pos[i].y_advance;
    }
    if (first)
        *first = (shaped){ info[0].codepoint, pos[0].x_advance, pos[0].y_advance };
    hb_buffer_destroy(buf);
    return total;
}

static void test_layout_features_kept(void **state)
{
    (void)state;
    for (size_t i = 0; i < FONT_COUNT; i++) {
        hb_blob_t *blob = hb_blob_create_from_file(FONTS[i].path);
        assert_true(hb_blob_get_length(blob) > 0);
        hb_face_t *face = hb_face_create(blob, 0);
        hb_font_t *font = hb_font_create(face);
        shaped plain, with;

        /* halt: full-width punctuation set on a half em. */
        shape(font, "，", HB_DIRECTION_LTR, NULL, &plain);
        shape(font, "，", HB_DIRECTION_LTR, "halt", &with);
        assert_true(with.x_advance > 0 && with.x_advance < plain.x_advance);

        /* palt: proportional widths for punctuation. */
        shape(font, "「", HB_DIRECTION_LTR, NULL, &plain);
        shape(font, "「", HB_DIRECTION_LTR, "palt", &with);
        assert_true(with.x_advance < plain.x_advance);

        /* vert: the vertical comma is another glyph; vhal halves its advance
         * (vertical advances are negative in HarfBuzz). */
        shaped horizontal;
        shape(font, "，", HB_DIRECTION_LTR, NULL, &horizontal);
        shape(font, "，", HB_DIRECTION_TTB, NULL, &plain);
        assert_int_not_equal(plain.gid, horizontal.gid);
        shape(font, "，", HB_DIRECTION_TTB, "vhal", &with);
        assert_true(with.y_advance < 0 && with.y_advance > plain.y_advance);

        /* kern: Latin pairs are kerned (on by default). */
        hb_position_t kerned = shape(font, "AVTo", HB_DIRECTION_LTR, NULL, NULL);
        hb_position_t unkerned = shape(font, "AVTo", HB_DIRECTION_LTR, "-kern", NULL);
        assert_true(kerned < unkerned);

        hb_font_destroy(font);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_are_the_expected_faces_within_budget),
        cmocka_unit_test(test_all_of_gb2312),
        cmocka_unit_test(test_gb2312_ends),
        cmocka_unit_test(test_ascii_and_punctuation),
        cmocka_unit_test(test_every_article_character),
        cmocka_unit_test(test_every_content_character),
        cmocka_unit_test(test_layout_features_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
