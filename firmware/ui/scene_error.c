/* Built-in error screen, shown when the kiosk starts and its bundle cannot be
 * loaded (a bundle that fails later, on reload, is refused and the last good
 * one stays on screen). It needs nothing from any bundle: colours and words
 * are built in, bilingual, and it names the problem for the operator. */
#include <stdio.h>
#include <string.h>

#include "ui/scenes.h"
#include "ui/widgets.h"

#define ERROR_TEXT_MAX 4096
#define ERROR_MAX_LINES 12

static struct {
    char dir[256];
    char text[ERROR_TEXT_MAX];
} er;

void scene_error_set(const char *bundle_dir, const char *diagnostics)
{
    snprintf(er.dir, sizeof er.dir, "%s", bundle_dir);
    snprintf(er.text, sizeof er.text, "%s", diagnostics);
}

static void error_draw(ui_ctx *ctx)
{
    const render_colour bg = {24, 20, 20, 255}, fg = {240, 236, 230, 255}, muted = {170, 164, 158, 255},
                        warn = {230, 120, 90, 255};
    float m = ui_margin(ctx), u = ctx->u, w = ctx->w - 2 * m, y = m;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, bg);
    ui_fill(ctx, (ui_rect){m, y, u * 10, u * 0.8f}, warn);
    y += u * 3;
    ui_text_opts t = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 2};
    y += ui_text(ctx, "展项暂时无法显示", m, y, w, &t, fg);
    ui_text_opts e = {STYLE_BODY, 0, TEXT_ALIGN_START, false, 2};
    y += ui_text(ctx, "This exhibit is temporarily unavailable", m, y, w, &e, muted);
    y += u * 4;
    char head[400];
    snprintf(head, sizeof head, "内容包未通过检查 / The content bundle failed its check: %s", er.dir);
    ui_text_opts c = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 3};
    y += ui_text(ctx, head, m, y, w, &c, warn);
    y += u * 2;
    /* The diagnostics, one per line, as many as fit. */
    const char *p = er.text;
    int lines = 0;
    while (*p && lines < ERROR_MAX_LINES && y < ctx->h - m * 2) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, p, n);
        line[n] = '\0';
        ui_text_opts d = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
        y += ui_text(ctx, line, m, y, w, &d, fg) + u;
        lines++;
        p = nl ? nl + 1 : p + n;
    }
    ui_text_opts f = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    ui_text(ctx, "运行 kiosk --check 查看全部问题 · Run kiosk --check for the full list", m,
            ctx->h - m - u * 4, w, &f, muted);
}

const ui_scene scene_error = {
    .name = "error",
    .draw = error_draw,
};
