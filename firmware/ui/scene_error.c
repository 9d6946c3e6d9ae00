#include "ui/scene_error.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "ui/ui.h"
#include "ui/widgets.h"

/* This scene's state (allocated by the shell for the scene's life). */
static error_state *scene_state(const ui_ctx *ctx) { return ui_scene_state(ctx, &scene_error); }

#define ERROR_LINE_MAX 512 /* bytes of one diagnostic line on the screen */

static void copy_item(error_item *it, const diag *d)
{
    it->severity = d->severity;
    utf8_sanitise(it->file, sizeof it->file, d->file ? d->file : "");
    it->line = d->line;
    it->column = d->column;
    utf8_sanitise(it->message, sizeof it->message, d->message ? d->message : "");
}

void scene_error_set(ui_ctx *ctx, const char *bundle_dir, const diag_list *diags)
{
    error_state *er = scene_state(ctx);
    utf8_sanitise(er->dir, sizeof er->dir, bundle_dir ? bundle_dir : "");
    er->count = 0;
    er->more = 0;
    for (int pass = 0; pass < 2; pass++) { /* errors, then warnings */
        for (size_t i = 0; diags && i < diags->count; i++) {
            const diag *d = &diags->items[i];
            if ((pass == 0) != (d->severity == DIAG_ERROR))
                continue;
            if (er->count < ERROR_MAX_ITEMS)
                copy_item(&er->items[er->count++], d);
            else
                er->more++;
        }
    }
    if (diags)
        er->more += diags->dropped;
}

/* Cuts a string that snprintf truncated in the middle of a UTF-8 sequence
 * back to the last whole character. */
static void trim_utf8(char *s)
{
    size_t n = strlen(s), k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k == 0)
        return;
    unsigned char lead = (unsigned char)s[k - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (k - 1) < want)
        s[k - 1] = '\0';
}

static void error_draw(ui_ctx *ctx)
{
    const error_state *er = scene_state(ctx);
    const dl_colour bg = {24, 20, 20, 255}, fg = {240, 236, 230, 255}, muted = {170, 164, 158, 255},
                    warn = {230, 120, 90, 255};
    float m = ctx->m.margin, u = ctx->m.u, w = ctx->w - 2 * m, y = m;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, bg);
    ui_fill(ctx, (ui_rect){m, y, u * 10, u * 0.8f}, warn);
    y += u * 3;
    ui_text_opts t = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 2};
    y += ui_text(ctx, "展项暂时无法显示", m, y, w, &t, fg);
    ui_text_opts e = {STYLE_BODY, 0, TEXT_ALIGN_START, false, 2};
    y += ui_text(ctx, "This exhibit is temporarily unavailable", m, y, w, &e, muted);
    y += u * 4;
    char head[400];
    snprintf(head, sizeof head, "内容包未通过检查 / The content bundle failed its check: %s", er->dir);
    trim_utf8(head);
    ui_text_opts c = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 3};
    y += ui_text(ctx, head, m, y, w, &c, warn);
    y += u * 2;
    /* The diagnostics, one each, as many as fit. */
    ui_text_opts d = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    for (size_t i = 0; i < er->count && y < ctx->h - m * 2; i++) {
        const error_item *it = &er->items[i];
        diag rec = {.severity = it->severity,
                    .file = (char *)it->file,
                    .line = it->line,
                    .column = it->column,
                    .message = (char *)it->message};
        char line[ERROR_LINE_MAX];
        diag_format(&rec, line, sizeof line);
        trim_utf8(line);
        y += ui_text(ctx, line, m, y, w, &d, fg) + u;
    }
    ui_text_opts f = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    ui_text(ctx, "运行 kiosk --check 查看全部问题 · Run kiosk --check for the full list", m, ctx->h - m - u * 4, w,
            &f, muted);
}

const ui_scene scene_error = {
    .name = "error",
    .state_size = sizeof(error_state),
    .draw = error_draw,
};
