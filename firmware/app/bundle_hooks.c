#include "app/bundle_hooks.h"

#include <stdlib.h>
#include <string.h>

#include "platform/panel.h"
#include "ui/metrics.h"

const char *app_fonts_dir(void)
{
    const char *d = getenv("KIOSK_FONTS_DIR");
    return d && *d ? d : "fonts";
}

static bool hook_has_char(void *ctx, uint32_t cp)
{
    font_set *fs = text_fontset(ctx);
    int f = fontset_pick(fs, FONTSET_SANS, cp);
    return fontset_has_char(fs, f, cp);
}

static int hook_text_height(void *ctx, const char *utf8, int style, int width_px)
{
    text_params p = {0};
    p.style = (text_style_id)style;
    p.size_px = ui_style_px((text_style_id)style, BUNDLE_FIT_SCREEN_W, BUNDLE_FIT_SCREEN_H,
                            panel_assumed_px_per_mm(BUNDLE_FIT_SCREEN_W, BUNDLE_FIT_SCREEN_H), false);
    p.width_px = width_px;
    p.justify = style == STYLE_BODY || style == STYLE_QUOTE;
    const text_layout *l = text_lay_out(ctx, utf8, strlen(utf8), &p);
    return l ? (int)(l->height + 0.5f) : 0;
}

void app_bundle_hooks(bundle_check_opts *opts, text_engine *te)
{
    if (!te)
        return;
    opts->has_char = hook_has_char;
    opts->text_height = hook_text_height;
    opts->ctx = te;
}
