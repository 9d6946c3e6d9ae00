#include <math.h>
#include <stdio.h>

#include "ui/overlays.h"
#include "ui/scene_attract.h"
#include "ui/scene_error.h"
#include "ui/widgets.h"

void idle_reset(idle_overlay *io)
{
    io->counting = false;
    io->shown = -1;
}

bool idle_touch(idle_overlay *io, ui_ctx *ctx)
{
    ctx->last_input = ctx->now;
    if (!io->counting)
        return false;
    io->counting = false;
    ui_trace_str(ctx, "idle", "phase", "cancel");
    ctx->dirty = true;
    return true;
}

/* Scenes the idle timer watches: a visitor's scenes, not the slideshow. */
static bool watched(const ui_ctx *ctx)
{
    return ctx->scene != &scene_attract && ctx->scene != &scene_error;
}

void idle_update(idle_overlay *io, ui_ctx *ctx)
{
    if (!watched(ctx)) {
        io->counting = false;
        return;
    }
    double timeout = ctx->b->manifest.idle_timeout, countdown = ctx->b->manifest.idle_countdown;
    double idle = ctx->now - ctx->last_input;
    if (!io->counting) {
        if (idle < timeout) {
            ui_wake_at(ctx, ctx->last_input + timeout);
            return;
        }
        io->counting = true;
        io->shown = -1;
        ui_trace_str(ctx, "idle", "phase", "countdown");
    }
    double left = countdown - (idle - timeout);
    if (left <= 0) {
        io->counting = false;
        ui_trace_str(ctx, "idle", "phase", "return");
        /* Forget the visitor: their language and any text-size choice. */
        if (ctx->lang != ctx->b->manifest.default_language) {
            ctx->lang = ctx->b->manifest.default_language;
            ui_trace_str(ctx, "language", "lang", bundle_lang_name(ctx->lang));
        }
        ui_set_scene(ctx, &scene_attract);
        return;
    }
    int secs = (int)ceil(left);
    if (secs != io->shown) {
        io->shown = secs;
        ctx->dirty = true;
    }
    ui_wake_at(ctx, ctx->last_input + timeout + countdown - (secs - 1));
}

void idle_draw(const idle_overlay *io, ui_ctx *ctx)
{
    if (!io->counting)
        return;
    const ui_palette *p = &ctx->pal;
    float u = ctx->m.u;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->scrim);
    ui_rect r = ctx->m.idle;
    ui_round(ctx, r, u * 2.5f, p->surface);
    ui_text_opts t = {STYLE_TITLE, 0, TEXT_ALIGN_CENTRE, false, 1};
    float y = r.y + u * 6;
    y += ui_text(ctx, ui_str(ctx, "idle_title"), r.x, y, r.w, &t, p->text) + u * 3;
    char msg[160];
    ui_format_int(msg, sizeof msg, ui_str(ctx, "idle_countdown"), io->shown);
    ui_text_opts b = {STYLE_BODY, 0, TEXT_ALIGN_CENTRE, false, 2};
    y += ui_text(ctx, msg, r.x, y, r.w, &b, p->accent) + u * 3;
    /* A bar that empties, one step a second. */
    float frac = (float)io->shown / (float)ctx->b->manifest.idle_countdown;
    ui_round(ctx, (ui_rect){r.x + u * 8, y, r.w - u * 16, u * 1.2f}, u * 0.6f, p->surface_hi);
    ui_round(ctx, (ui_rect){r.x + u * 8, y, (r.w - u * 16) * frac, u * 1.2f}, u * 0.6f, p->accent);
    y += u * 4;
    ui_text_opts c = {STYLE_CAPTION, 0, TEXT_ALIGN_CENTRE, false, 1};
    ui_text(ctx, ui_str(ctx, "idle_continue"), r.x, y, r.w, &c, p->muted);
}

void demo_draw(ui_ctx *ctx)
{
    float r = 6.0f * ctx->px_per_mm;
    for (int i = 0; i < INPUT_MAX_POINTERS; i++) {
        if (!ctx->ptr_down[i])
            continue;
        ui_circle(ctx, ctx->ptr_x[i], ctx->ptr_y[i], r, (dl_colour){255, 255, 255, 90});
        ui_circle(ctx, ctx->ptr_x[i], ctx->ptr_y[i], r * 0.35f, (dl_colour){255, 255, 255, 200});
    }
}
