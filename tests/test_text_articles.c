/* Every paragraph (non-empty line) of the source articles
 * (support/articles.h: $ARTICLES or ../shared/articles) laid out at five widths, body style 32 px, justified:
 *   - no line but a paragraph's first starts with a line-start-prohibited
 *     character, no line but a paragraph's last ends with a line-end-
 *     prohibited one (a paragraph's own ends are not breaks we chose);
 *   - no line is wider than the box;
 *   - no glyph is .notdef, except for the characters listed in
 *     articles_absent[], which the test also checks are absent from every
 *     font of the chain.
 * Prints paragraphs, lines and glyphs per width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "support/articles.h"
#include "support/subproc.h"
#include "support/texttest.h"
#include "text/charclass.h"
#include "text/fontset.h"
#include "text/layout.h"
#include "text/linebreak.h"

#define ARTICLES_MAX 16 /* files read at most */
#define ARTICLES_SIZE_PX 32
#define ARTICLES_NAME_MAX 256

static const int articles_widths[] = {320, 480, 800, 1080, 1600};
#define ARTICLES_WIDTHS (sizeof articles_widths / sizeof articles_widths[0])

/* Characters no installed font has (private-use leftovers of the PDF
 * extraction of article 003). Drawn as .notdef; listed, and checked. */
static const uint32_t articles_absent[] = {0xE5CE, 0xE5CF, 0xE5D2, 0xE5E5};

static bool articles_is_absent_listed(uint32_t cp)
{
    for (size_t i = 0; i < sizeof articles_absent / sizeof articles_absent[0]; i++)
        if (articles_absent[i] == cp)
            return true;
    return false;
}

static int articles_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The article file names, sorted; returns the count. */
static int articles_list(char names[][ARTICLES_NAME_MAX], int max)
{
    DIR *d = opendir(articles_dir());
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0 && l < ARTICLES_NAME_MAX)
            memcpy(names[n++], e->d_name, l + 1);
    }
    closedir(d);
    qsort(names, (size_t)n, ARTICLES_NAME_MAX, articles_cmp);
    return n;
}

static void test_articles_all_widths(void **state)
{
    (void)state;
    articles_need("the articles' every paragraph laid out at five widths");
    static char names[ARTICLES_MAX][ARTICLES_NAME_MAX];
    int nfiles = articles_list(names, ARTICLES_MAX);
    assert_true(nfiles > 0);
    char *texts[ARTICLES_MAX];
    size_t lens[ARTICLES_MAX];
    for (int f = 0; f < nfiles; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", articles_dir(), names[f]);
        texts[f] = subproc_read_file(path, &lens[f]);
        assert_non_null(texts[f]);
        assert_true(utf8_invalid_offset(texts[f], lens[f]) == UTF8_VALID);
    }
    text_engine *te = texttest_open();
    font_set *fs = text_fontset(te);
    int failures = 0;
    unsigned long absent_seen = 0;
    for (size_t w = 0; w < ARTICLES_WIDTHS; w++) {
        const int width = articles_widths[w];
        unsigned long paras = 0, lines = 0, glyphs = 0;
        text_params p = {.style = STYLE_BODY, .size_px = ARTICLES_SIZE_PX, .width_px = width, .justify = true};
        for (int f = 0; f < nfiles; f++) {
            const char *t = texts[f];
            size_t i = 0, len = lens[f];
            while (i < len) {
                size_t j = i;
                while (j < len && t[j] != '\n')
                    j++;
                size_t n = j - i;
                if (n > 0 && t[j - 1] == '\r')
                    n--;
                const char *para = t + i;
                i = j + 1;
                if (n == 0)
                    continue;
                const text_layout *l = text_lay_out(te, para, n, &p);
                assert_non_null(l);
                paras++;
                lines += l->line_count;
                glyphs += l->glyph_count;
                for (uint32_t k = 0; k < l->line_count; k++) {
                    const text_line *ln = &l->lines[k];
                    const char *s = para + ln->start;
                    size_t sl = ln->end - ln->start;
                    uint32_t first = texttest_first_cp(s, sl), last = texttest_last_cp(s, sl);
                    if (k > 0 && charclass_no_line_start(first)) {
                        failures++;
                        fprintf(stderr, "%s @%d px: line starts with U+%04X: |%.*s|\n", names[f], width, first,
                                (int)sl, s);
                    }
                    /* A URL breaks after "/" (text/linebreak.h): a "/" may end
                     * a line when the URL goes on at the next line's start. */
                    bool url_slash = last == '/' && ln->end < n &&
                                     charclass_is_western(texttest_first_cp(para + ln->end, n - ln->end));
                    if (k + 1 < l->line_count && charclass_no_line_end(last) && !url_slash) {
                        failures++;
                        fprintf(stderr, "%s @%d px: line ends with U+%04X: |%.*s|\n", names[f], width, last,
                                (int)sl, s);
                    }
                    if (ln->x + ln->width > (float)width + 0.01f) {
                        failures++;
                        fprintf(stderr, "%s @%d px: line %.2f px wide: |%.*s|\n", names[f], width,
                                ln->x + ln->width, (int)sl, s);
                    }
                }
                for (uint32_t g = 0; g < l->glyph_count; g++) {
                    if (l->glyphs[g].glyph != 0)
                        continue;
                    uint32_t cp = texttest_first_cp(para + l->glyphs[g].cluster, n - l->glyphs[g].cluster);
                    bool in_no_font = true;
                    for (int font = 0; font < fontset_count(fs); font++)
                        in_no_font = in_no_font && !fontset_has_char(fs, font, cp);
                    if (!articles_is_absent_listed(cp) || !in_no_font) {
                        failures++;
                        fprintf(stderr, "%s @%d px: .notdef for U+%04X (listed: %d, in no font: %d)\n", names[f],
                                width, cp, articles_is_absent_listed(cp), in_no_font);
                    } else {
                        absent_seen++;
                    }
                }
            }
        }
        printf("articles @%4d px: %lu paragraphs, %lu lines, %lu glyphs\n", width, paras, lines, glyphs);
    }
    printf("articles: %lu .notdef glyphs, all for characters absent from every font\n", absent_seen);
    text_close(te);
    for (int f = 0; f < nfiles; f++)
        free(texts[f]);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_articles_all_widths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
