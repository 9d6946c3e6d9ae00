#include "ui/ui.h"

void ui_set_scene(ui_ctx *ctx, const ui_scene *next)
{
    if (ctx->scene && ctx->scene->leave)
        ctx->scene->leave(ctx);
    ctx->scene = next;
    trace_event_str(ctx->tr, ctx->now, "scene", "name", next->name);
    if (next->enter)
        next->enter(ctx);
    ctx->dirty = true;
}
