/* Fuzz target: line breaking (text/linebreak.h) and layout (text/layout.h
 * text_lay_out) of arbitrary text with the repository's fonts.
 *
 * Input: a first byte of options (style, justification, alignment, line
 * limit), then the text. Text that is not valid UTF-8 is cut at its first
 * invalid byte, as the program validates text where it enters. The text is
 * broken and then laid out at a few widths including 1 px; the break array
 * must keep its contract (NONE inside a sequence, MUST at the end) and every
 * line must lie within the text and the glyph array. Inputs are capped at
 * 4 KiB: longer paragraphs add time, not code.
 *
 * Runs from the repository root (fonts/, or $KIOSK_FONTS_DIR). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/utf8.h"
#include "text/layout.h"
#include "text/linebreak.h"

#define MAX_TEXT 4096

static text_engine *g_te;

static void close_engine(void)
{
    text_close(g_te);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    const char *dir = getenv("KIOSK_FONTS_DIR");
    char err[512] = "";
    g_te = text_open(dir && *dir ? dir : "fonts", err, sizeof err);
    if (!g_te) {
        fprintf(stderr, "fuzz_layout: text_open: %s (run from the repository root)\n", err);
        abort();
    }
    atexit(close_engine);
    return 0;
}

static void check_layout(const text_layout *l, size_t len)
{
    if (!l)
        return;
    for (uint32_t i = 0; i < l->line_count; i++) {
        const text_line *ln = &l->lines[i];
        if (ln->start > ln->end || ln->end > len || ln->glyph_start > l->glyph_count ||
            ln->glyph_count > l->glyph_count - ln->glyph_start)
            abort();
    }
    text_hit_test(l, l->width / 2, l->height / 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > MAX_TEXT + 1)
        return 0;
    uint8_t opt = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    size_t bad = utf8_invalid_offset(text, len);
    if (bad != UTF8_VALID)
        len = bad;

    uint8_t *brk = malloc(len + 1);
    uint32_t *cps = malloc((len + 1) * sizeof *cps);
    if (!brk || !cps) {
        free(brk);
        free(cps);
        return 0;
    }
    linebreak_find(text, len, brk, cps);
    free(cps);
    if (brk[0] != LINEBREAK_NONE || (len > 0 && brk[len] != LINEBREAK_MUST))
        abort();
    for (size_t i = 1; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) == 0x80 && brk[i] != LINEBREAK_NONE)
            abort();
    free(brk);

    static const int widths[] = {1, 37, 320, 1000};
    text_params p = {
        .style = (text_style_id)(opt % STYLE_COUNT),
        .size_px = (opt & 0x10) ? 16 : 0,
        .justify = (opt & 0x20) != 0,
        .align = (text_align)((opt >> 6) % 3),
        .max_lines = (opt & 0x08) ? 2 : 0,
    };
    text_frame_begin(g_te);
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        p.width_px = widths[w];
        check_layout(text_lay_out(g_te, text, len, &p), len);
    }
    text_frame_end(g_te);
    text_measure(g_te, text, len, p.style, 0);
    return 0;
}
