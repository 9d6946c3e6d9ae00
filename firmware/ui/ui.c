#include "ui/ui.h"

#include <math.h>

#include "ui/uistrings.h"
#include "ui/uitrace.h"

int ui_text_size(const ui_ctx *ctx, text_style_id style)
{
    return (unsigned)style < STYLE_COUNT ? ctx->m.text_px[style] : ctx->m.text_px[STYLE_BODY];
}

void *ui_scene_state(const ui_ctx *ctx, const ui_scene *sc)
{
    for (size_t i = 0; i < UI_MAX_SCENES && ctx->scenes[i].scene; i++)
        if (ctx->scenes[i].scene == sc)
            return ctx->scenes[i].state;
    return NULL;
}

time_t ui_wall(const ui_ctx *ctx) { return ctx->wall_start + (time_t)ctx->now; }

const char *ui_str(const ui_ctx *ctx, const char *key) { return uistrings_get(ctx->b, key, ctx->lang); }

void ui_trace_str(ui_ctx *ctx, const char *event, const char *key, const char *val)
{
    uitrace_str(ctx->tr, ctx->now, event, key, val);
}

static dl_colour rgb(bundle_rgb c, uint8_t a) { return (dl_colour){c.r, c.g, c.b, a}; }

static dl_colour mix(dl_colour a, dl_colour b, float t)
{
    return (dl_colour){(uint8_t)lroundf(a.r + (b.r - a.r) * t), (uint8_t)lroundf(a.g + (b.g - a.g) * t),
                       (uint8_t)lroundf(a.b + (b.b - a.b) * t), 255};
}

void ui_update_palette(ui_ctx *ctx)
{
    ui_palette *p = &ctx->pal;
    const bundle_theme *t = &ctx->b->manifest.theme;
    if (ctx->high_contrast) {
        /* Black and white with a saturated yellow accent: WCAG AAA contrast
         * for every text colour; categories brightened to stay apart. */
        p->bg = (dl_colour){0, 0, 0, 255};
        p->surface = (dl_colour){0, 0, 0, 255};
        p->surface_hi = (dl_colour){40, 40, 40, 255};
        p->line = (dl_colour){255, 255, 255, 255};
        p->text = (dl_colour){255, 255, 255, 255};
        p->muted = (dl_colour){230, 230, 230, 255};
        p->accent = (dl_colour){255, 214, 0, 255};
        p->on_accent = (dl_colour){0, 0, 0, 255};
        for (int i = 0; i < BUNDLE_CAT_COUNT; i++)
            p->category[i] = mix(rgb(t->categories[i], 255), (dl_colour){255, 255, 255, 255}, 0.35f);
    } else {
        p->bg = rgb(t->background, 255);
        p->surface = rgb(t->surface, 255);
        p->surface_hi = mix(p->surface, rgb(t->text, 255), 0.10f);
        p->line = mix(p->surface, rgb(t->text, 255), 0.22f);
        p->text = rgb(t->text, 255);
        p->muted = rgb(t->muted, 255);
        p->accent = rgb(t->accent, 255);
        p->on_accent = rgb(t->background, 255);
        for (int i = 0; i < BUNDLE_CAT_COUNT; i++)
            p->category[i] = rgb(t->categories[i], 255);
    }
    p->scrim = (dl_colour){0, 0, 0, 200};
}

reach_zone ui_reach_zone(const ui_ctx *ctx)
{
    if (!reach_mode_on(ctx->reach, ctx->w, ctx->h))
        return (reach_zone){0, (float)ctx->h};
    return reach_zone_for(ctx->h, ctx->px_per_mm, ctx->reach_bottom_mm);
}

void ui_wake_at(ui_ctx *ctx, double t)
{
    if (t < ctx->wake_at)
        ctx->wake_at = t;
}

void ui_damage(ui_ctx *ctx, ui_rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (ctx->damaged) {
        float x1 = fmaxf(ctx->damage.x + ctx->damage.w, r.x + r.w), y1 = fmaxf(ctx->damage.y + ctx->damage.h, r.y + r.h);
        r.x = fminf(ctx->damage.x, r.x);
        r.y = fminf(ctx->damage.y, r.y);
        r.w = x1 - r.x;
        r.h = y1 - r.y;
    }
    ctx->damage = r;
    ctx->damaged = true;
}

void ui_relayout(ui_ctx *ctx)
{
    ui_geometry_compute_reach(&ctx->m, ctx->w, ctx->h, ctx->px_per_mm, ctx->large_text, ui_reach_zone(ctx).top);
    targets_clear(&ctx->targets);
    if (ctx->scene && ctx->scene->layout)
        ctx->scene->layout(ctx);
    if (ctx->overlay_layout)
        ctx->overlay_layout(ctx);
    uitrace_targets(ctx->tr, ctx->now, ctx->scene ? ctx->scene->name : "", &ctx->targets);
    ctx->dirty = true;
}

void ui_set_scene(ui_ctx *ctx, const ui_scene *next)
{
    listen_stop(ctx, "leave"); /* leaving a screen (the idle return too) silences it */
    if (ctx->scene && ctx->scene->leave)
        ctx->scene->leave(ctx);
    ctx->scene = next;
    ctx->scene_since = ctx->now;
    uitrace_str(ctx->tr, ctx->now, "scene", "name", next->name);
    stats_count(ctx->st, STATS_SCENE, next->name, ui_wall(ctx));
    if (next->enter)
        next->enter(ctx);
    ui_relayout(ctx);
}

void ui_set_language(ui_ctx *ctx, bundle_lang lang)
{
    if (ctx->lang == lang)
        return;
    ctx->lang = lang;
    ui_trace_str(ctx, "language", "lang", bundle_lang_name(lang));
    stats_count(ctx->st, STATS_LANG, bundle_lang_name(lang), ui_wall(ctx));
    ui_relayout(ctx);
}
