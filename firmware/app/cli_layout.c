/* --layout: lay out UTF-8 paragraphs from stdin (one per line) and print the
 * lines, for checking the text engine from a shell.
 *
 * Fonts come from the directory named by the environment variable
 * KIOSK_FONTS_DIR, else from "fonts" relative to the current directory (so
 * the command works from the repository root); missing bundled fonts fall
 * back to the system Noto CJK fonts with a warning (text/fontset.h).
 *
 * --font-size 0 (or absent) takes the style's size for a 1080-px display;
 * --large-text multiplies the size, given or default, by TEXT_LARGE_FACTOR. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/resources.h"
#include "app/cli.h"
#include "core/jsonw.h"
#include "core/log.h"
#include "core/utf8.h"
#include "text/layout.h"


/* Reads all of stdin into a malloc'd buffer (caller frees); NULL on error. */
static char *layout_cli_slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                return NULL;
            }
            buf = b;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int cli_layout(const kiosk_options *o)
{
    size_t len = 0;
    char *in = layout_cli_slurp(stdin, &len);
    if (!in) {
        fprintf(stderr, "kiosk: --layout: cannot read stdin\n");
        return 1;
    }
    size_t bad = utf8_invalid_offset(in, len);
    if (bad != UTF8_VALID) {
        int line = 0, col = 0;
        utf8_line_col(in, bad, &line, &col);
        fprintf(stderr, "kiosk: --layout: invalid UTF-8 at byte offset %zu of stdin (line %d)\n", bad, line);
        free(in);
        return 1;
    }
    char err[LOG_ERR_MAX];
    text_engine *te = text_open(app_fonts_dir(), err, sizeof err);
    if (!te) {
        fprintf(stderr, "kiosk: --layout: %s\n", err);
        free(in);
        return 1;
    }
    int size = o->font_size > 0 ? o->font_size : text_style_size(o->style, TEXT_DEFAULT_DISPLAY_H, false);
    if (o->large_text)
        size = (int)lroundf((float)size * TEXT_LARGE_FACTOR);
    text_params p = {
        .style = o->style,
        .size_px = size,
        .width_px = o->layout_width,
        .justify = !o->no_justify,
    };
    jsonw w;
    jsonw_init_file(&w, stdout);
    int rc = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && in[j] != '\n')
            j++;
        size_t k = j;
        if (k > i && in[k - 1] == '\r')
            k--;
        const text_layout *l = text_lay_out(te, in + i, k - i, &p);
        if (!l) {
            fprintf(stderr, "kiosk: --layout: out of memory\n");
            rc = 1;
            break;
        }
        for (uint32_t n = 0; n < l->line_count; n++) {
            const text_line *ln = &l->lines[n];
            const char *s = in + i + ln->start;
            size_t sl = ln->end - ln->start;
            if (o->json) {
                jsonw_obj_begin(&w);
                jsonw_key(&w, "text");
                jsonw_strn(&w, s, sl);
                jsonw_key(&w, "width");
                jsonw_fixed(&w, ln->width, 2);
                jsonw_key(&w, "glyphs");
                jsonw_int(&w, ln->glyph_count);
                jsonw_obj_end(&w);
                putchar('\n');
            } else {
                fwrite(s, 1, sl, stdout);
                putchar('\n');
            }
        }
        putchar('\n');
        i = j + 1;
    }
    text_close(te);
    free(in);
    if (fflush(stdout) != 0)
        rc = 1;
    return rc;
}
