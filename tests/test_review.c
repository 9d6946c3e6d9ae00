/* The curator's review sheet (`--check DIR --sources DIR --review OUT.html`):
 * it is written for the shipped bundle with one highlighted quote per source
 * and one highlighted passage per excerpt, every date proved; bundle text is
 * escaped (a <script> in a summary stays text); a bundle with errors still
 * gets its sheet, the errors inline, and the check still fails; the sheet
 * carries a font for every character it shows (a character no font has is
 * named on it); and headless Chromium, seeing no font but the project's,
 * renders the page with as many highlighted quotes in its DOM as the bundle
 * has sources, and a screenshot close to the golden one, the same with a
 * decoy font directory ahead of the project's fonts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <hb-ot.h>
#include <hb.h>

#include "content/load.h"
#include "core/log.h"
#include "core/utf8.h"
#include "export/review.h"
#include "text/fontset.h"
#include "support/articles.h"
#include "support/golden.h"
#include "support/subproc.h"
#include "support/testbundles.h"
#include "support/scratch.h"

#define CONTENT "content"
#define CHROMIUM "chromium"
/* The screenshot: the top of the sheet, what a curator sees first. The
 * fonts are the sheet's own and unhinted, but glyphs are still rasterised a
 * little differently from one Chromium (Skia, FreeType) to another. */
#define SHOT_W 1200
#define SHOT_H 1500
#define SHOT_TOLERANCE 48
#define SHOT_MAX_FRACTION 0.03

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Sources and excerpts of a bundle, from --export (an independent parser). */
static void bundle_counts(const char *dir, const char *sources, int *nsources, int *nexcerpts)
{
    char *argv[] = {(char *)subproc_kiosk_bin(), "--check", (char *)dir, "--sources",
                    (char *)sources, "--export", NULL};
    subproc_result r;
    assert_true(subproc_run(argv, &r));
    assert_int_equal(r.status, 0);
    cJSON *doc = cJSON_Parse(r.out);
    assert_non_null(doc);
    const cJSON *ev, *events = cJSON_GetObjectItemCaseSensitive(doc, "events");
    *nsources = 0;
    cJSON_ArrayForEach(ev, events)
        *nsources += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(ev, "sources"));
    *nexcerpts = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "excerpts"));
    cJSON_Delete(doc);
    subproc_free(&r);
}

/* Runs --check DIR --sources SRC --review OUT; the page's text (owned). */
static char *review(const char *dir, const char *sources, const char *out, int *status, char **err)
{
    char *argv[] = {(char *)subproc_kiosk_bin(), "--check", (char *)dir, "--sources",
                    (char *)sources, "--review", (char *)out, NULL};
    subproc_result r;
    assert_true(subproc_run(argv, &r));
    *status = r.status;
    *err = strdup(r.err);
    subproc_free(&r);
    return subproc_read_file(out, NULL);
}

static void test_content_sheet(void **state)
{
    (void)state;
    char out[600], *err;
    snprintf(out, sizeof out, "%s/review.html", subproc_test_dir());
    int status, nsrc, nex;
    articles_need("the content's review sheet (its quotes highlighted in their articles)");
    char *page = review(CONTENT, articles_dir(), out, &status, &err);
    fputs(err, stderr);
    assert_int_equal(status, 0);
    assert_non_null(page);
    bundle_counts(CONTENT, articles_dir(), &nsrc, &nex);
    assert_int_equal(count(page, "<mark class=\"quote\">"), nsrc);
    assert_int_equal(count(page, "<mark class=\"excerpt\">"), nex);
    assert_int_equal(count(page, "<section class=\"item event"), 60);
    assert_null(strstr(page, "NOT stated"));
    assert_non_null(strstr(err, "not proved: 0"));
    /* The bounded date is shown as a bound, in both languages. */
    assert_non_null(strstr(page, "2017年10月4日后"));
    assert_non_null(strstr(page, "after 4 October 2017"));
    assert_non_null(strstr(page, "2016—2017年"));
    /* The OCR'd year of article 003 is marked as the evidence. */
    assert_non_null(strstr(page, "<span class=\"date-ev\">2 〇 ｉ ｉ</span>"));
    /* Nothing is fetched: no script, no link, no remote font. */
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "http://fonts"));
    free(page);
    free(err);
}

/* The sheet of a copy of the minimal bundle whose English summary "Both
 * sides agree to meet regularly." is replaced by `summary` (a YAML scalar,
 * as sed's replacement); tmp gets the copy's directory, which the caller
 * removes. */
static char *review_summary(const char *summary, char *tmp, size_t tmplen, int *status, char **err)
{
    char dir[500], out[600], path[600];
    testbundles_minimal_copy(tmp, tmplen, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/timeline.yaml", dir);
    assert_int_equal(
        subproc_shell("sed -i 's|en: Both sides agree to meet regularly.|en: %s|' '%s'", summary, path), 0);
    snprintf(out, sizeof out, "%s/review.html", tmp);
    return review(dir, TESTBUNDLES_MINIMAL "/sources", out, status, err);
}

static void test_escaped(void **state)
{
    (void)state;
    char tmp[400];
    int status;
    char *err, *page = review_summary("\"Both <script>alert(\\x27x\\x27)</script> \\& <b>agree</b>\"", tmp,
                                      sizeof tmp, &status, &err);
    fputs(err, stderr);
    assert_int_equal(status, 0);
    assert_non_null(page);
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<b>agree"));
    assert_non_null(strstr(page, "Both &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                 "&lt;b&gt;agree&lt;/b&gt;"));
    free(page);
    free(err);
    scratch_rm_rf(tmp);
}

static void test_broken_bundle_sheet(void **state)
{
    (void)state;
    char out[600];
    snprintf(out, sizeof out, "%s/broken.html", subproc_test_dir());
    int status;
    char *err;
    /* The date 2012 is stated nowhere: the check fails, the sheet says so. */
    char dir[300];
    char *page = review(testbundles_broken("date-not-in-quote", dir, sizeof dir),
                        TESTBUNDLES_MINIMAL "/sources", out, &status, &err);
    assert_int_equal(status, 1);
    assert_non_null(page);
    assert_non_null(strstr(err, "timeline.yaml:12: error: date 2012 is not in the quote or "
                                "date_quote of ev-2013-gge"));
    assert_non_null(strstr(page, "<li class=\"error\">"));
    assert_non_null(strstr(page, "date 2012 is not in the quote or date_quote of ev-2013-gge"));
    assert_non_null(strstr(page, "2012 NOT stated in any quote or date_quote"));
    assert_non_null(strstr(page, "class=\"item event has-error\" id=\"ev-2013-gge\""));
    free(page);
    free(err);
}

/* ---- the fonts the sheet carries ------------------------------------------ */

/* One @font-face rule of the page: its family, weight and font. */
typedef struct {
    char family[64];
    char weight[16];
    unsigned char *data;
    size_t len;
    hb_face_t *face;
    hb_set_t *cps;
} page_face;

#define MAX_FACES 16

static int b64(char c)
{
    const char *digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c ? strchr(digits, c) : NULL;
    return p ? (int)(p - digits) : -1;
}

/* Copies the text between `from` and the next `to` after s into buf. */
static const char *field(const char *s, const char *from, const char *to, char *buf, size_t len)
{
    const char *a = strstr(s, from);
    assert_non_null(a);
    a += strlen(from);
    const char *b = strstr(a, to);
    assert_non_null(b);
    assert_true((size_t)(b - a) < len);
    memcpy(buf, a, (size_t)(b - a));
    buf[b - a] = '\0';
    return b;
}

/* The page's @font-face rules, their fonts decoded and opened with
 * HarfBuzz (independently of the code that wrote them). */
static int page_faces(const char *page, page_face *faces)
{
    int n = 0;
    for (const char *p = page; (p = strstr(p, "@font-face{")); n++) {
        assert_true(n < MAX_FACES);
        page_face *f = &faces[n];
        const char *end = strchr(p, '}');
        assert_non_null(end);
        field(p, "font-family:\"", "\"", f->family, sizeof f->family);
        field(p, "font-weight:", ";", f->weight, sizeof f->weight);
        const char *d = strstr(p, ";base64,");
        assert_true(d && d < end);
        d += strlen(";base64,");
        f->data = malloc((size_t)(end - d));
        assert_non_null(f->data);
        f->len = 0;
        uint32_t acc = 0;
        int bits = 0;
        for (; b64(*d) >= 0; d++) {
            acc = acc << 6 | (uint32_t)b64(*d);
            if ((bits += 6) >= 8) {
                bits -= 8;
                f->data[f->len++] = (unsigned char)(acc >> bits);
            }
        }
        hb_blob_t *blob =
            hb_blob_create((const char *)f->data, (unsigned)f->len, HB_MEMORY_MODE_READONLY, NULL, NULL);
        f->face = hb_face_create(blob, 0);
        hb_blob_destroy(blob);
        assert_true(hb_face_get_glyph_count(f->face) > 1);
        f->cps = hb_set_create();
        hb_face_collect_unicodes(f->face, f->cps);
        p = end;
    }
    return n;
}

static void free_faces(page_face *faces, int n)
{
    for (int i = 0; i < n; i++) {
        hb_set_destroy(faces[i].cps);
        hb_face_destroy(faces[i].face);
        free(faces[i].data);
    }
}

/* The characters of the page's body text: tags skipped, the writer's
 * entities decoded, and the capitals CSS text-transform may make. */
static hb_set_t *body_chars(const char *page)
{
    static const char *const ent[][2] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
    hb_set_t *set = hb_set_create();
    const char *s = strstr(page, "<body>");
    assert_non_null(s);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            const char *close = strchr(s + i, '>');
            assert_non_null(close);
            i = (size_t)(close - s) + 1;
            continue;
        }
        uint32_t cp = 0;
        size_t k = 0;
        for (size_t e = 0; e < sizeof ent / sizeof ent[0] && !k; e++)
            if (strncmp(s + i, ent[e][0], strlen(ent[e][0])) == 0)
                cp = (unsigned char)ent[e][1][0], k = strlen(ent[e][0]);
        if (!k)
            k = utf8_next(s + i, n - i, &cp);
        if (cp >= 0x20) {
            hb_set_add(set, cp);
            if (cp >= 'a' && cp <= 'z')
                hb_set_add(set, cp - 'a' + 'A');
        }
        i += k;
    }
    return set;
}

/* The sheet carries a font for every character it shows: each face of the
 * page's own families (Kiosk Sans and Kiosk Serif, regular and bold) has
 * every character of the text, or a fallback face of the page has it; no
 * character is left for a browser to find in the system. The fonts keep
 * their copyright and licence notices, and the Sans faces' half-width forms
 * (hwid, the page's monospace) are all half an em wide. */
static void test_fonts_cover_sheet(void **state)
{
    (void)state;
    char out[600], *err;
    snprintf(out, sizeof out, "%s/fonts.html", subproc_test_dir());
    int status;
    articles_need("the fonts of the content's review sheet");
    char *page = review(CONTENT, articles_dir(), out, &status, &err);
    assert_int_equal(status, 0);
    assert_non_null(page);
    assert_null(strstr(page, "class=\"fontnote\""));
    assert_null(strstr(err, "no font"));
    page_face faces[MAX_FACES];
    int nf = page_faces(page, faces);
    hb_set_t *text = body_chars(page);
    int own = 0;
    for (int i = 0; i < nf; i++) {
        char name[512];
        unsigned len = sizeof name;
        assert_true(
            hb_ot_name_get_utf8(faces[i].face, HB_OT_NAME_ID_COPYRIGHT, HB_LANGUAGE_INVALID, &len, name) > 0);
        len = sizeof name;
        assert_true(
            hb_ot_name_get_utf8(faces[i].face, HB_OT_NAME_ID_LICENSE, HB_LANGUAGE_INVALID, &len, name) > 0);
        if (strncmp(faces[i].family, "Kiosk Fallback ", 15) == 0)
            continue;
        assert_true(strcmp(faces[i].family, "Kiosk Sans") == 0 ||
                    strcmp(faces[i].family, "Kiosk Serif") == 0);
        own++;
        for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(text, &cp);) {
            bool found = hb_set_has(faces[i].cps, cp);
            for (int k = 0; k < nf && !found; k++)
                found = strncmp(faces[k].family, "Kiosk Fallback ", 15) == 0 && hb_set_has(faces[k].cps, cp);
            if (!found)
                fail_msg("U+%04X is in neither %s %s nor a fallback face of the sheet", cp, faces[i].family,
                         faces[i].weight);
        }
        if (strcmp(faces[i].family, "Kiosk Sans") != 0)
            continue;
        hb_font_t *font = hb_font_create(faces[i].face);
        hb_buffer_t *buf = hb_buffer_create();
        const char *mono = "ev-1972-nixon-mao timeline.yaml:37 (WIM)";
        hb_buffer_add_utf8(buf, mono, -1, 0, -1);
        hb_buffer_guess_segment_properties(buf);
        hb_feature_t hwid;
        assert_true(hb_feature_from_string("hwid", -1, &hwid));
        hb_shape(font, buf, &hwid, 1);
        unsigned ng;
        hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &ng);
        assert_int_equal(ng, strlen(mono));
        for (unsigned g = 0; g < ng; g++)
            assert_int_equal(pos[g].x_advance, (int)hb_face_get_upem(faces[i].face) / 2);
        hb_buffer_destroy(buf);
        hb_font_destroy(font);
    }
    /* The four faces of the kiosk; the fallbacks the text needs besides
     * (⁵–⁸ of article 004's footnotes are in DejaVu Sans only). */
    assert_int_equal(own, 4);
    /* The stacks name the embedded families only, a generic one last. */
    char stack[512];
    field(page, ":root{--sans:", ";", stack, sizeof stack);
    assert_non_null(strstr(stack, "\"Kiosk Sans\""));
    assert_null(strstr(page, "Noto Sans CJK SC"));
    assert_null(strstr(page, "DejaVu Sans"));
    hb_set_destroy(text);
    free_faces(faces, nf);
    free(page);
    free(err);
}

/* A character that no font of the kiosk has is named at the top of the
 * sheet, not left to a browser's fallback unsaid. */
static void test_missing_glyph_noted(void **state)
{
    (void)state;
    char tmp[400];
    int status;
    /* U+E5CE, a private-use character: no font defines it. */
    char *err, *page = review_summary("\"Both \\xee\\x97\\x8e agree.\"", tmp, sizeof tmp, &status, &err);
    assert_non_null(page);
    assert_non_null(
        strstr(page, "<p class=\"fontnote\">1 character of this sheet is in no font of the kiosk"));
    assert_non_null(strstr(page, "U+E5CE (\xee\x97\x8e)"));
    assert_non_null(strstr(err, "in no font of the kiosk"));
    free(page);
    free(err);
    scratch_rm_rf(tmp);
}

/* In process: the sheet of the minimal bundle carries the four faces of
 * the font chain and counts them; without the kiosk's fonts it is still
 * written, and says at its top that it is shown in the browser's fonts. */
static void test_sheet_fonts_in_process(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(TESTBUNDLES_MINIMAL, NULL, &d);
    assert_non_null(b);
    char err[LOG_ERR_MAX];
    font_set *fs = fontset_open("fonts", err, sizeof err);
    assert_non_null(fs);
    for (int with_fonts = 1; with_fonts >= 0; with_fonts--) {
        char *page = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&page, &len);
        assert_non_null(out);
        review_stats st;
        assert_true(review_write(b, &d, TESTBUNDLES_MINIMAL "/sources", with_fonts ? fs : NULL, out, &st));
        assert_int_equal(fclose(out), 0);
        assert_int_equal(count(page, "@font-face{"), with_fonts ? 4 : 0);
        assert_int_equal(st.font_faces, with_fonts ? 4 : 0);
        if (with_fonts) {
            assert_true(st.font_bytes > 10000);
            assert_int_equal(st.chars_without_font, 0);
            assert_null(strstr(page, "class=\"fontnote\""));
        } else {
            assert_true(st.chars_without_font > 0);
            assert_non_null(strstr(page, "<p class=\"fontnote\">The kiosk's fonts were not found"));
        }
        free(page);
    }
    fontset_close(fs);
    bundle_free(b);
    diag_free(&d);
}

/* ---- Chromium, isolated from the machine's fonts -------------------------- */

/* Fonts a decoy directory holds: a Latin and a CJK font unlike the sheet's. */
static const char *const decoy_fonts[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",        /* fonts-dejavu-core */
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", /* fonts-noto-cjk */
};

/* Writes a fontconfig file of the test's own: no system configuration, only
 * the project's fonts/, its own cache, one rendering (grey antialiasing, no
 * hinting). With `decoy` (a directory), its fonts come first, renamed at
 * scan into every family the page declares, the families the sheet used to
 * name, and the generic ones' preferred family, so that any text a browser
 * takes from the system is drawn in them. */
static void write_fontconfig(const char *path, const char *cache, const char *decoy, const char *page)
{
    char cwd[400];
    assert_non_null(getcwd(cwd, sizeof cwd));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
               "<fontconfig>\n");
    if (decoy) {
        fprintf(f, "<dir>%s</dir>\n", decoy);
        fprintf(f,
                "<match target=\"scan\"><test name=\"file\" compare=\"contains\"><string>%s/</string></test>"
                "<edit name=\"family\" mode=\"assign_replace\"><string>Decoy</string>",
                decoy);
        for (const char *p = page; (p = strstr(p, "@font-face{font-family:\""));) {
            char family[64];
            p = field(p, "font-family:\"", "\"", family, sizeof family);
            fprintf(f, "<string>%s</string>", family);
        }
        fputs("<string>Noto Sans CJK SC</string><string>Noto Serif CJK SC</string>"
              "<string>DejaVu Sans</string><string>DejaVu Sans Mono</string></edit></match>\n",
              f);
        static const char *const generic[] = {"sans-serif", "serif", "monospace"};
        for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++)
            fprintf(f,
                    "<alias binding=\"strong\"><family>%s</family><prefer><family>Decoy</family></prefer>"
                    "</alias>\n",
                    generic[i]);
    }
    fprintf(f, "<dir>%s/fonts</dir>\n<cachedir>%s</cachedir>\n", cwd, cache);
    fputs("<match target=\"pattern\"><edit name=\"antialias\" mode=\"assign\"><bool>true</bool></edit>"
          "<edit name=\"hinting\" mode=\"assign\"><bool>false</bool></edit>"
          "<edit name=\"hintstyle\" mode=\"assign\"><const>hintnone</const></edit>"
          "<edit name=\"rgba\" mode=\"assign\"><const>none</const></edit>"
          "<edit name=\"lcdfilter\" mode=\"assign\"><const>lcdnone</const></edit>"
          "<edit name=\"embeddedbitmap\" mode=\"assign\"><bool>false</bool></edit></match>\n"
          "</fontconfig>\n",
          f);
    assert_int_equal(fclose(f), 0);
}

/* Runs headless Chromium on `page` with the fontconfig `conf` only, a
 * fresh profile and HOME, the C.UTF-8 locale, device scale 1 and no
 * hinting: with `shot` a screenshot of SHOT_W x SHOT_H, else the DOM into
 * `dom`. */
static void chromium(const char *conf, const char *page, const char *shot, const char *dom)
{
    char home[400];
    assert_true(scratch_dir(home, sizeof home, "chromium-home"));
    char what[700];
    if (shot)
        snprintf(what, sizeof what, "--window-size=%d,%d --screenshot='%s' 'file://%s' >/dev/null", SHOT_W,
                 SHOT_H, shot, page);
    else
        snprintf(what, sizeof what, "--dump-dom 'file://%s' > '%s'", page, dom);
    int rc = subproc_shell("env -u FONTCONFIG_PATH -u FONTCONFIG_SYSFILE HOME='%s' XDG_CONFIG_HOME='%s' "
                           "XDG_CACHE_HOME='%s' LC_ALL=C.UTF-8 LANGUAGE= FONTCONFIG_FILE='%s' " CHROMIUM
                           " --headless --no-sandbox --disable-gpu --user-data-dir='%s/profile' --lang=en-US "
                           "--force-device-scale-factor=1 --font-render-hinting=none --hide-scrollbars %s "
                           "2>/dev/null",
                           home, home, home, conf, home, what);
    scratch_rm_rf(home);
    assert_int_equal(rc, 0);
}

/* Headless Chromium builds the page with as many highlighted quotes in its
 * DOM as the bundle has sources, and draws it like the golden picture. It
 * sees no font but the project's, so the picture cannot depend on the
 * machine; and it draws the same with a decoy directory ahead of those
 * fonts whose fonts take every family name the page declares (a machine
 * with other fonts first): the sheet's text comes from the fonts it
 * carries. The same sheet stripped of its fonts, in the decoy's fonts,
 * does not pass the golden: the check can tell. */
static void test_chromium_renders(void **state)
{
    (void)state;
    char out[600], dom[600], shot[600], decoyed[600], bare[600], bare_shot[600];
    const char *t = subproc_test_dir();
    snprintf(out, sizeof out, "%s/sheet.html", t);
    snprintf(dom, sizeof dom, "%s/sheet.dom", t);
    snprintf(shot, sizeof shot, "%s/sheet.png", t);
    snprintf(decoyed, sizeof decoyed, "%s/sheet-decoy.png", t);
    snprintf(bare, sizeof bare, "%s/sheet-without-fonts.html", t);
    snprintf(bare_shot, sizeof bare_shot, "%s/sheet-without-fonts.png", t);
    int status, nsrc, nex;
    articles_need("the review sheet as Chromium draws it, against its golden");
    char *err, *page = review(CONTENT, articles_dir(), out, &status, &err);
    assert_int_equal(status, 0);
    free(err);
    bundle_counts(CONTENT, articles_dir(), &nsrc, &nex);
    if (subproc_shell("command -v " CHROMIUM " >/dev/null") != 0)
        fail_msg(CHROMIUM " is not installed: toolchain/install-deps.sh installs it");
    char dir[400], conf[500], decoy_conf[500], cache[500], decoy[500];
    assert_true(scratch_dir(dir, sizeof dir, "review-fonts"));
    snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
    snprintf(decoy_conf, sizeof decoy_conf, "%s/decoy.conf", dir);
    snprintf(cache, sizeof cache, "%s/cache", dir);
    snprintf(decoy, sizeof decoy, "%s/decoy", dir);
    assert_int_equal(subproc_shell("mkdir '%s'", decoy), 0);
    for (size_t i = 0; i < sizeof decoy_fonts / sizeof decoy_fonts[0]; i++)
        if (subproc_shell("ln -s '%s' '%s/'", decoy_fonts[i], decoy) != 0 ||
            subproc_shell("test -f '%s'", decoy_fonts[i]) != 0)
            fail_msg("decoy font %s missing: toolchain/install-deps.sh installs it", decoy_fonts[i]);
    write_fontconfig(conf, cache, NULL, page);
    write_fontconfig(decoy_conf, cache, decoy, page);
    /* What the browser built: the marks are elements of the DOM. */
    chromium(conf, out, NULL, dom);
    char *d = subproc_read_file(dom, NULL);
    assert_non_null(d);
    assert_non_null(strstr(d, "</main>"));
    assert_int_equal(count(d, "<mark class=\"quote\">"), nsrc);
    assert_int_equal(count(d, "<mark class=\"excerpt\">"), nex);
    free(d);
    char msg[512], golden[300];
    snprintf(golden, sizeof golden, "%s/review-sheet.png", GOLDEN_DIR);
    chromium(conf, out, shot, NULL);
    if (!golden_check_png(shot, "review-sheet", SHOT_TOLERANCE, SHOT_MAX_FRACTION, msg, sizeof msg))
        fail_msg("%s", msg);
    /* Other fonts first: the same picture, pixel for pixel. */
    chromium(decoy_conf, out, decoyed, NULL);
    if (!golden_compare_files(golden, decoyed, "review-sheet-decoy", SHOT_TOLERANCE, SHOT_MAX_FRACTION, msg,
                              sizeof msg))
        fail_msg("with decoy fonts first: %s", msg);
    if (!golden_compare_files(shot, decoyed, "review-sheet-decoy-exact", 0, 0.0, msg, sizeof msg))
        fail_msg("with decoy fonts first, against the picture without: %s", msg);
    /* The control: without its @font-face rules the sheet takes the
     * decoy's fonts, and the comparison fails. */
    FILE *f = fopen(bare, "w");
    assert_non_null(f);
    for (const char *line = page; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
        if (strncmp(line, "@font-face{", 11) != 0)
            fwrite(line, 1, len, f);
        line += len;
    }
    assert_int_equal(fclose(f), 0);
    chromium(decoy_conf, bare, bare_shot, NULL);
    assert_false(golden_compare_files(golden, bare_shot, "review-sheet-without-fonts", SHOT_TOLERANCE,
                                      SHOT_MAX_FRACTION, msg, sizeof msg));
    scratch_rm_rf(dir);
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_content_sheet),
        cmocka_unit_test(test_escaped),
        cmocka_unit_test(test_broken_bundle_sheet),
        cmocka_unit_test(test_fonts_cover_sheet),
        cmocka_unit_test(test_missing_glyph_noted),
        cmocka_unit_test(test_sheet_fonts_in_process),
        cmocka_unit_test(test_chromium_renders),
    };
    return cmocka_run_group_tests_name("review", tests, NULL, NULL);
}
