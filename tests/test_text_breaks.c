/* Line-breaking cases from tests/data/breaks.txt (format at its top): each
 * input is laid out and its lines compared with the expected ones; every
 * line must fit the box and every justified line but the last must reach
 * its right edge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/subproc.h"
#include "support/texttest.h"
#include "text/layout.h"

#define BREAKS_FILE "tests/data/breaks.txt"
#define BREAKS_MIN_CASES 45
#define BREAKS_MAX_LINES 32
#define BREAKS_EDGE_TOLERANCE 1.0f /* px */

typedef struct {
    char name[64];
    int width, size;
    bool justify, gap;
    const char *input;
    size_t input_len;
    const char *expect[BREAKS_MAX_LINES];
    size_t expect_len[BREAKS_MAX_LINES];
    int nexpect;
    int line_no;
} breaks_case;

/* Checks one case; returns the number of failures (and prints them). */
static int breaks_check(text_engine *te, const breaks_case *c)
{
    text_params p = {.style = STYLE_BODY, .size_px = c->size, .width_px = c->width,
                     .justify = c->justify, .no_han_latin_space = !c->gap};
    const text_layout *l = text_lay_out(te, c->input, c->input_len, &p);
    assert_non_null(l);
    int failures = 0;
    bool same = (int)l->line_count == c->nexpect;
    for (int i = 0; same && i < c->nexpect; i++) {
        const text_line *ln = &l->lines[i];
        same = ln->end - ln->start == c->expect_len[i] &&
               memcmp(c->input + ln->start, c->expect[i], c->expect_len[i]) == 0;
    }
    if (!same) {
        failures++;
        fprintf(stderr, "%s:%d: case %s: expected %d line(s):\n", BREAKS_FILE, c->line_no, c->name, c->nexpect);
        for (int i = 0; i < c->nexpect; i++)
            fprintf(stderr, "  |%.*s|\n", (int)c->expect_len[i], c->expect[i]);
        fprintf(stderr, "got %u:\n", l->line_count);
        for (uint32_t i = 0; i < l->line_count; i++)
            fprintf(stderr, "  |%.*s| %.2f px\n", (int)(l->lines[i].end - l->lines[i].start),
                    c->input + l->lines[i].start, l->lines[i].width);
    }
    for (uint32_t i = 0; i < l->line_count; i++) {
        const text_line *ln = &l->lines[i];
        if (ln->x + ln->width > (float)c->width + 0.01f) {
            failures++;
            fprintf(stderr, "%s: case %s: line %u is %.2f px wide in a %d px box\n", BREAKS_FILE, c->name,
                    i + 1, ln->x + ln->width, c->width);
        }
        if (c->justify && i + 1 < l->line_count && ln->x + ln->width < (float)c->width - BREAKS_EDGE_TOLERANCE) {
            failures++;
            fprintf(stderr, "%s: case %s: justified line %u ends at %.2f px, not at %d\n", BREAKS_FILE, c->name,
                    i + 1, ln->x + ln->width, c->width);
        }
        /* The glyphs themselves stay in the box too (start of the last one). */
        for (uint32_t g = 0; g < ln->glyph_count; g++) {
            float x = l->glyphs[ln->glyph_start + g].x;
            if (x < -0.01f || x > (float)c->width) {
                failures++;
                fprintf(stderr, "%s: case %s: glyph at x %.2f outside the box\n", BREAKS_FILE, c->name, x);
                break;
            }
        }
    }
    return failures;
}

static void test_break_cases(void **state)
{
    (void)state;
    size_t len = 0;
    char *data = subproc_read_file(BREAKS_FILE, &len);
    assert_non_null(data);
    text_engine *te = texttest_open();
    int cases = 0, failures = 0, line_no = 0;
    breaks_case c;
    bool open = false;
    char *line = data;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        line_no++;
        if (line[0] == '=') {
            if (open) {
                failures += breaks_check(te, &c);
                cases++;
            }
            memset(&c, 0, sizeof c);
            char opt1[32] = "", opt2[32] = "";
            int got = sscanf(line + 1, "%63s %d %d %31s %31s", c.name, &c.width, &c.size, opt1, opt2);
            assert_true(got >= 3);
            c.justify = strcmp(opt1, "nojustify") != 0 && strcmp(opt2, "nojustify") != 0;
            c.gap = strcmp(opt1, "nogap") != 0 && strcmp(opt2, "nogap") != 0;
            c.line_no = line_no;
            open = true;
        } else if (line[0] == '<') {
            assert_true(open);
            c.input = line + 1;
            c.input_len = strlen(line + 1);
        } else if (line[0] == '>') {
            assert_true(open && c.nexpect < BREAKS_MAX_LINES);
            c.expect[c.nexpect] = line + 1;
            c.expect_len[c.nexpect++] = strlen(line + 1);
        } else {
            assert_true(line[0] == '#' || line[0] == '\0');
        }
        line = nl ? nl + 1 : NULL;
    }
    if (open) {
        failures += breaks_check(te, &c);
        cases++;
    }
    printf("breaks: %d cases, %d failure(s)\n", cases, failures);
    text_close(te);
    free(data);
    assert_true(cases >= BREAKS_MIN_CASES);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_break_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
