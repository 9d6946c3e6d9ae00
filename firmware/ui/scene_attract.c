/* Attract loop: cycles the manifest's excerpt cards and timeline highlights,
 * cross-fading between them, with a bilingual "touch to explore" prompt.
 * Any touch-down leaves for the home screen; that touch is consumed, so it
 * does not also press a button there.
 *
 * Redraws: only during a cross-fade (ATTRACT_FADE_S) and when the prompt's
 * breathing changes by one of ATTRACT_PULSE_LEVELS steps (about 10 redraws
 * a second), never a full 60 fps while a card simply stands. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/scenes.h"
#include "ui/widgets.h"

#define ATTRACT_FADE_S 0.9
#define ATTRACT_PULSE_S 3.2     /* one breath of the prompt */
#define ATTRACT_PULSE_LEVELS 16 /* distinct prompt alphas per half breath */

static struct {
    size_t cur, prev;
    double since;     /* when `cur` appeared */
    double dwell;     /* how long `cur` stays */
    bool fading;
    int pulse_level;
    ui_rect card, prompt;
} at;

static size_t item_count(const ui_ctx *ctx) { return ctx->b->manifest.attract_count; }

/* Characters a visitor reads on the card, for its dwell time. */
static size_t item_chars(const ui_ctx *ctx, size_t i)
{
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    if (it->kind == BUNDLE_ATTRACT_EXCERPT)
        return ctx->b->excerpts[it->index].chars;
    const bundle_event *e = &ctx->b->events[it->index];
    size_t n = 0;
    for (const char *s = e->summary.s[BUNDLE_ZH]; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    for (const char *s = e->title.s[BUNDLE_ZH]; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static double dwell_of(const ui_ctx *ctx, size_t i)
{
    const bundle_manifest *m = &ctx->b->manifest;
    double d = m->dwell_min + m->dwell_per_char * (double)item_chars(ctx, i);
    return d > m->dwell_max ? m->dwell_max : d;
}

static void show(ui_ctx *ctx, size_t i)
{
    at.prev = at.cur;
    at.cur = i;
    at.since = ctx->now;
    at.dwell = dwell_of(ctx, i);
    at.fading = !ctx->reduced_motion && item_count(ctx) > 1;
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    jsonw *w = trace_begin(ctx->tr, ctx->now, "attract");
    if (w) {
        jsonw_key(w, "kind");
        jsonw_str(w, it->kind == BUNDLE_ATTRACT_EXCERPT ? "excerpt" : "event");
        jsonw_key(w, "id");
        jsonw_str(w, it->kind == BUNDLE_ATTRACT_EXCERPT ? ctx->b->excerpts[it->index].id
                                                         : ctx->b->events[it->index].id);
        trace_end(ctx->tr);
    }
    ctx->dirty = true;
}

static void attract_enter(ui_ctx *ctx)
{
    at.cur = at.prev = 0;
    at.pulse_level = -1;
    if (item_count(ctx) > 0)
        show(ctx, 0);
    at.fading = false; /* the first card needs no cross-fade: the scene fades in */
}

static void attract_layout(ui_ctx *ctx)
{
    float m = ui_margin(ctx);
    float prompt_h = ctx->u * 12;
    at.prompt = (ui_rect){0, ctx->h - prompt_h - m * 0.5f, (float)ctx->w, prompt_h};
    at.card = (ui_rect){m, m, ctx->w - 2 * m, at.prompt.y - m * 1.5f};
    /* The whole screen wakes the exhibit. */
    targets_add(&ctx->targets, "wake", 0, 0, (float)ctx->w, (float)ctx->h);
}

static bool attract_touch(ui_ctx *ctx, const input_event *ev)
{
    if (ev->type != INPUT_DOWN)
        return false;
    ctx->visits++;
    stats_count(ctx->st, STATS_TOTAL, "sessions", ui_wall(ctx));
    ui_set_scene(ctx, &scene_home);
    return true;
}

static void attract_key(ui_ctx *ctx, const char *key)
{
    (void)key;
    ui_set_scene(ctx, &scene_home);
}

static void attract_update(ui_ctx *ctx)
{
    size_t n = item_count(ctx);
    if (n > 1 && ctx->now - at.since >= at.dwell)
        show(ctx, (at.cur + 1) % n);
    if (n > 1)
        ui_wake_at(ctx, at.since + at.dwell);
    if (at.fading) {
        if (ctx->now - at.since >= ATTRACT_FADE_S)
            at.fading = false;
        ctx->dirty = true;
        ctx->animating = at.fading;
    }
    if (!ctx->reduced_motion) {
        double ph = fmod(ctx->now, ATTRACT_PULSE_S) / ATTRACT_PULSE_S;
        int level = (int)lround((0.5 - 0.5 * cos(ph * 6.283185307179586)) * ATTRACT_PULSE_LEVELS);
        if (level != at.pulse_level) {
            at.pulse_level = level;
            ctx->dirty = true;
        }
        ui_wake_at(ctx, ctx->now + ATTRACT_PULSE_S / (4.0 * ATTRACT_PULSE_LEVELS));
    }
}

/* Height of `lines` lines of a style, px. */
static float lines_h(const ui_ctx *ctx, text_style_id s, int lines)
{
    return (float)lines * (float)ui_text_size(ctx, s) * text_style_line_height(s);
}

static void draw_excerpt(ui_ctx *ctx, const bundle_excerpt *e, float a)
{
    const ui_palette *p = &ctx->pal;
    const bundle_article *ar = &ctx->b->articles[e->article];
    ui_rect r = at.card;
    float pad = ctx->u * 5, x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
    float bottom = r.y + r.h - pad;

    ui_text_opts kicker = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += ui_text(ctx, bundle_string(ctx->b, "articles", BUNDLE_ZH), x, y, w, &kicker, ui_alpha(p->accent, a));
    y += ctx->u * 1.5f;
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 2};
    y += ui_text(ctx, e->heading.s[BUNDLE_ZH], x, y, w, &head, ui_alpha(p->text, a));
    ui_text_opts en = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += ctx->u * 0.5f;
    y += ui_text(ctx, e->heading.s[BUNDLE_EN], x, y, w, &en, ui_alpha(p->muted, a));
    y += ctx->u * 3;

    /* The source line is pinned to the card's foot; the passage takes what
     * is left, whole lines only, ending with "…" when cut. */
    char src[512];
    snprintf(src, sizeof src, "—— %s《%s》", ar->authors.s[BUNDLE_ZH] ? ar->authors.s[BUNDLE_ZH] : "",
             ar->title.s[BUNDLE_ZH]);
    float src_h = lines_h(ctx, STYLE_CAPTION, 1);
    float avail = bottom - src_h - ctx->u * 3 - y;
    int size = ui_text_size(ctx, STYLE_QUOTE);
    int lines = (int)floorf(avail / (size * text_style_line_height(STYLE_QUOTE)));
    /* As many paragraphs as fit; the last one shown is cut with "…". */
    float lh = size * text_style_line_height(STYLE_QUOTE);
    for (size_t i = 0; i < e->paragraph_count && lines > 0; i++) {
        ui_text_opts body = {STYLE_QUOTE, 0, TEXT_ALIGN_START, true, lines};
        float h = ui_text(ctx, e->paragraphs[i], x, y, w, &body, ui_alpha(p->text, a));
        int used = (int)lroundf(h / lh);
        lines -= used + 1; /* one line's gap between paragraphs */
        y += h + lh;
    }
    ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_END, false, 1};
    ui_text(ctx, src, x, bottom - src_h, w, &so, ui_alpha(p->muted, a));
}

static void draw_event(ui_ctx *ctx, const bundle_event *e, float a)
{
    const ui_palette *p = &ctx->pal;
    ui_rect r = at.card;
    float pad = ctx->u * 5, x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
    render_colour cat = p->category[e->category];

    char date[32];
    bundle_format_date(&e->date, date, sizeof date);
    ui_text_opts kicker = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    char kick[256];
    snprintf(kick, sizeof kick, "%s · %s", bundle_string(ctx->b, "timeline", BUNDLE_ZH),
             bundle_string(ctx->b, "timeline", BUNDLE_EN));
    y += ui_text(ctx, kick, x, y, w, &kicker, ui_alpha(p->accent, a));
    y += ctx->u * 1.5f;
    ui_text_opts big = {STYLE_TITLE, (int)(ui_text_size(ctx, STYLE_TITLE) * 1.6f), TEXT_ALIGN_START, false, 1};
    float dh = ui_text(ctx, date, x, y, w, &big, ui_alpha(cat, a));
    y += dh + ctx->u;
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 2};
    y += ui_text(ctx, e->title.s[BUNDLE_ZH], x, y, w, &head, ui_alpha(p->text, a));
    ui_text_opts en = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    y += ctx->u * 0.5f;
    y += ui_text(ctx, e->title.s[BUNDLE_EN], x, y, w, &en, ui_alpha(p->muted, a));
    y += ctx->u * 3;
    float avail = r.y + r.h - pad - y;
    int size = ui_text_size(ctx, STYLE_BODY);
    int lines = (int)floorf(avail / (size * text_style_line_height(STYLE_BODY)));
    if (lines > 0) {
        ui_text_opts body = {STYLE_BODY, 0, TEXT_ALIGN_START, true, lines};
        ui_text(ctx, e->summary.s[BUNDLE_ZH], x, y, w, &body, ui_alpha(p->text, a));
    }
}

static void draw_item(ui_ctx *ctx, size_t i, float a)
{
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    if (it->kind == BUNDLE_ATTRACT_EXCERPT)
        draw_excerpt(ctx, &ctx->b->excerpts[it->index], a);
    else
        draw_event(ctx, &ctx->b->events[it->index], a);
}

static void attract_draw(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);
    ui_round(ctx, at.card, ctx->u * 2, p->surface);
    ui_fill(ctx, (ui_rect){at.card.x, at.card.y + ctx->u * 5, ctx->u * 0.8f, ctx->u * 10}, p->accent);
    if (item_count(ctx) > 0) {
        float f = at.fading ? ui_ease((float)((ctx->now - at.since) / ATTRACT_FADE_S)) : 1.0f;
        if (at.fading)
            draw_item(ctx, at.prev, 1.0f - f);
        draw_item(ctx, at.cur, f);
    }
    /* Bilingual prompt: nobody has chosen a language yet. */
    float breath = ctx->reduced_motion ? 1.0f : 0.55f + 0.45f * (float)at.pulse_level / ATTRACT_PULSE_LEVELS;
    /* On one line when it fits, else the two languages on two lines. */
    char prompt[256];
    snprintf(prompt, sizeof prompt, "%s  ·  %s", bundle_string(ctx->b, "touch_to_explore", BUNDLE_ZH),
             bundle_string(ctx->b, "touch_to_explore", BUNDLE_EN));
    int size = ui_text_size(ctx, STYLE_TITLE);
    if (ui_text_width(ctx, prompt, STYLE_TITLE, size) > at.prompt.w - ctx->u * 16) {
        snprintf(prompt, sizeof prompt, "%s\n%s", bundle_string(ctx->b, "touch_to_explore", BUNDLE_ZH),
                 bundle_string(ctx->b, "touch_to_explore", BUNDLE_EN));
        size = ui_text_size(ctx, STYLE_BODY);
    }
    ui_text_opts po = {STYLE_TITLE, size, TEXT_ALIGN_CENTRE, false, 2};
    const text_layout *l = ui_layout(ctx, prompt, at.prompt.w, &po);
    if (l) {
        float y = at.prompt.y + (at.prompt.h - l->height) / 2;
        float tw = l->max_line_width, cx = ctx->w / 2.0f, ph = l->height + ctx->u * 2;
        ui_round(ctx, (ui_rect){cx - tw / 2 - ctx->u * 4, y - ctx->u, tw + ctx->u * 8, ph},
                 fminf(ph / 2, ctx->u * 4), ui_alpha(p->accent, breath));
        ui_draw_layout(ctx, l, at.prompt.x, y, p->on_accent);
    }
}

const ui_scene scene_attract = {
    .name = "attract",
    .enter = attract_enter,
    .layout = attract_layout,
    .touch = attract_touch,
    .key = attract_key,
    .update = attract_update,
    .draw = attract_draw,
};
