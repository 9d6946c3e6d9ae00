/* The visitor's accessibility button and panel (ui/overlays.h). */
#include <math.h>
#include <string.h>

#include "ui/overlays.h"
#include "ui/scene_home.h"
#include "ui/scene_reader.h"
#include "ui/scene_timeline.h"
#include "ui/widgets.h"

static const char *const access_ids[ACCESS_ITEMS] = {"a11y:large-text", "a11y:contrast", "a11y:motion",
                                                     "a11y:close"};
static const char *const access_modes[ACCESS_ITEMS] = {"large_text", "high_contrast", "reduced_motion", "close"};
/* The labels are the operator menu's (strings.yaml). */
static const char *const access_labels[ACCESS_ITEMS] = {"operator_large_text", "operator_high_contrast",
                                                        "operator_reduced_motion", "close"};

/* The scenes a visitor uses (not the slideshow, the error screen), except
 * under the timeline's event card, which is modal. */
static bool has_button(const ui_ctx *ctx)
{
    return ctx->b && (ctx->scene == &scene_home || ctx->scene == &scene_reader ||
                      (ctx->scene == &scene_timeline && !scene_timeline_card_open(ctx)));
}

bool access_is_open(const access_overlay *ac) { return ac->open; }

static void set_open(access_overlay *ac, ui_ctx *ctx, bool open)
{
    ac->open = open;
    ui_trace_str(ctx, "access", "phase", open ? "open" : "close");
    ui_relayout(ctx);
}

/* Flips one mode; the exhibit's own setting is kept for the idle return. */
static void toggle(access_overlay *ac, ui_ctx *ctx, int i)
{
    if (!ac->changed) {
        ac->changed = true;
        ac->base_large_text = ctx->large_text;
        ac->base_high_contrast = ctx->high_contrast;
        ac->base_reduced_motion = ctx->reduced_motion;
    }
    ui_trace_str(ctx, "access", "toggle", access_modes[i]);
    if (i == 0) {
        ctx->large_text = !ctx->large_text;
    } else if (i == 1) {
        ctx->high_contrast = !ctx->high_contrast;
        ui_update_palette(ctx);
    } else {
        ctx->reduced_motion = !ctx->reduced_motion;
    }
    ui_relayout(ctx);
}

bool access_gesture(access_overlay *ac, ui_ctx *ctx, const gesture_event *g)
{
    if (!has_button(ctx) || g->type != GESTURE_TAP) {
        return ac->open; /* modal while open: nothing else moves under it */
    }
    const target *t = targets_hit(&ctx->targets, g->x, g->y);
    if (!ac->open) {
        if (!t || strcmp(t->id, "a11y") != 0)
            return false;
        listen_stop(ctx, "access");
        set_open(ac, ctx, true);
        return true;
    }
    for (int i = 0; t && i < ACCESS_ITEMS; i++)
        if (strcmp(t->id, access_ids[i]) == 0) {
            if (i == ACCESS_ITEMS - 1)
                set_open(ac, ctx, false);
            else
                toggle(ac, ctx, i);
        }
    return true;
}

void access_reset(access_overlay *ac, ui_ctx *ctx)
{
    ac->open = false;
    if (!ac->changed)
        return;
    ac->changed = false;
    ctx->large_text = ac->base_large_text;
    ctx->high_contrast = ac->base_high_contrast;
    ctx->reduced_motion = ac->base_reduced_motion;
    ui_update_palette(ctx);
    ui_trace_str(ctx, "access", "phase", "reset");
    ui_relayout(ctx);
}

void access_layout(access_overlay *ac, ui_ctx *ctx)
{
    if (!has_button(ctx))
        return;
    const ui_rect *b = &ctx->m.access;
    if (!ac->open) {
        targets_add(&ctx->targets, "a11y", b->x, b->y, b->w, b->h);
        return;
    }
    /* The panel: at the bottom of the reachable rows, its buttons stacked. */
    float u = ctx->m.u, bh = u * 10, gap = u * 2;
    float w = fminf(ctx->w - 2 * ctx->m.margin, u * 80);
    float h = u * 14 + ACCESS_ITEMS * (bh + gap) + u * 2;
    float bottom = fminf(ui_reach_zone(ctx).bottom, (float)ctx->h) - ctx->m.margin;
    ac->panel = (ui_rect){(ctx->w - w) / 2, bottom - h, w, h};
    targets_clear(&ctx->targets); /* modal */
    for (int i = 0; i < ACCESS_ITEMS; i++) {
        ac->buttons[i] = (ui_rect){ac->panel.x + u * 4, ac->panel.y + u * 14 + i * (bh + gap), w - u * 8, bh};
        targets_add(&ctx->targets, access_ids[i], ac->buttons[i].x, ac->buttons[i].y, ac->buttons[i].w,
                    ac->buttons[i].h);
    }
}

void access_draw(const access_overlay *ac, ui_ctx *ctx)
{
    if (!has_button(ctx))
        return;
    const ui_palette *p = &ctx->pal;
    ui_button(ctx, ctx->m.access, ui_str(ctx, "accessibility"), ac->open ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
              0);
    if (!ac->open)
        return;
    float u = ctx->m.u;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->scrim);
    ui_round(ctx, ac->panel, u * 2, p->surface);
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
    ui_text(ctx, ui_str(ctx, "accessibility"), ac->panel.x + u * 4, ac->panel.y + u * 3, ac->panel.w - u * 8, &to,
            p->text);
    bool on[ACCESS_ITEMS] = {ctx->large_text, ctx->high_contrast, ctx->reduced_motion, false};
    for (int i = 0; i < ACCESS_ITEMS; i++)
        ui_button(ctx, ac->buttons[i], ui_str(ctx, access_labels[i]), on[i] ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  0);
}
