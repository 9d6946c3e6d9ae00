#include "ui/scene_attract.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "content/date.h"
#include "core/utf8.h"
#include "ui/scene_home.h"
#include "ui/ui.h"
#include "ui/uitrace.h"
#include "ui/widgets.h"

/* Redraws: only during a cross-fade (ATTRACT_FADE_S) and when the prompt's
 * breathing changes by one of ATTRACT_PULSE_LEVELS steps (about 10 redraws
 * a second), never a full 60 fps while a card simply stands. */
#define ATTRACT_FADE_S 0.9
#define ATTRACT_PULSE_S 3.2     /* one breath of the prompt */
#define ATTRACT_PULSE_LEVELS 16 /* distinct prompt alphas per half breath */
#define ATTRACT_SUMMARY_LINES 6      /* an excerpt's English summary, at most */
#define ATTRACT_MIN_PASSAGE_LINES 3  /* the Chinese passage keeps at least these */

static size_t item_count(const ui_ctx *ctx) { return ctx->b->manifest.attract_count; }

/* Characters a visitor reads on the card, for its dwell time. */
static size_t item_chars(const ui_ctx *ctx, size_t i)
{
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    if (it->kind == BUNDLE_ATTRACT_EXCERPT)
        return ctx->b->excerpts[it->index].chars;
    const bundle_event *e = &ctx->b->events[it->index];
    return utf8_chars(e->summary.s[BUNDLE_ZH]) + utf8_chars(e->title.s[BUNDLE_ZH]);
}

static double dwell_of(const ui_ctx *ctx, size_t i)
{
    const bundle_manifest *m = &ctx->b->manifest;
    double d = m->dwell_min + m->dwell_per_char * (double)item_chars(ctx, i);
    return d > m->dwell_max ? m->dwell_max : d;
}

static void show(ui_ctx *ctx, size_t i)
{
    attract_state *at = &ctx->sc.attract;
    at->prev = at->cur;
    at->cur = i;
    at->since = ctx->now;
    at->dwell = dwell_of(ctx, i);
    at->fading = !ctx->reduced_motion && item_count(ctx) > 1;
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    bool ex = it->kind == BUNDLE_ATTRACT_EXCERPT;
    uitrace_attract(ctx->tr, ctx->now, ex ? "excerpt" : "event",
                    ex ? ctx->b->excerpts[it->index].id : ctx->b->events[it->index].id);
    ctx->dirty = true;
}

static void attract_enter(ui_ctx *ctx)
{
    attract_state *at = &ctx->sc.attract;
    at->cur = at->prev = 0;
    at->pulse_level = -1;
    if (item_count(ctx) > 0)
        show(ctx, 0);
    at->fading = false; /* the first card needs no cross-fade: the scene fades in */
}

static void attract_layout(ui_ctx *ctx)
{
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
    attract_state *at = &ctx->sc.attract;
    size_t n = item_count(ctx);
    if (n > 1 && ctx->now - at->since >= at->dwell)
        show(ctx, (at->cur + 1) % n);
    if (n > 1)
        ui_wake_at(ctx, at->since + at->dwell);
    if (at->fading) {
        if (ctx->now - at->since >= ATTRACT_FADE_S)
            at->fading = false;
        ctx->dirty = true;
        ctx->animating = at->fading;
    }
    if (!ctx->reduced_motion) {
        double ph = fmod(ctx->now, ATTRACT_PULSE_S) / ATTRACT_PULSE_S;
        int level = (int)lround((0.5 - 0.5 * cos(ph * 6.283185307179586)) * ATTRACT_PULSE_LEVELS);
        if (level != at->pulse_level) {
            at->pulse_level = level;
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

static void draw_excerpt(ui_ctx *ctx, const bundle_excerpt *e)
{
    const ui_palette *p = &ctx->pal;
    const bundle_article *ar = &ctx->b->articles[e->article];
    const ui_rect *r = &ctx->m.attract.text;
    float x = r->x, w = r->w, y = r->y;
    float bottom = r->y + r->h;

    ui_text_opts kicker = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += ui_text(ctx, bundle_string(ctx->b, "articles", BUNDLE_ZH), x, y, w, &kicker, p->accent);
    y += ctx->m.u * 1.5f;
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, UI_HEADING_LINES};
    y += ui_text(ctx, e->heading.s[BUNDLE_ZH], x, y, w, &head, p->text);
    ui_text_opts en = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += ctx->m.u * 0.5f;
    y += ui_text(ctx, e->heading.s[BUNDLE_EN], x, y, w, &en, p->muted);
    y += ctx->m.u * 3;

    /* The source line is pinned to the card's foot; the passage takes what
     * is left, whole lines only, ending with "…" when cut. */
    char src[512];
    snprintf(src, sizeof src, "—— %s《%s》", ar->authors.s[BUNDLE_ZH] ? ar->authors.s[BUNDLE_ZH] : "",
             ar->title.s[BUNDLE_ZH]);
    float src_h = lines_h(ctx, STYLE_CAPTION, 1);
    /* In English, the excerpt's summary (labelled, never a translation)
     * sits above the source line; the passage keeps what is left, and at
     * least ATTRACT_MIN_PASSAGE_LINES lines. */
    float reserve = 0;
    if (ctx->lang == BUNDLE_EN && e->summary_en) {
        float qh = lines_h(ctx, STYLE_QUOTE, 1);
        float room = bottom - src_h - ctx->m.u * 6 - y - qh * ATTRACT_MIN_PASSAGE_LINES;
        int sl = (int)floorf((room - lines_h(ctx, STYLE_CAPTION, 1) - ctx->m.u) / lines_h(ctx, STYLE_CAPTION, 1));
        if (sl > ATTRACT_SUMMARY_LINES)
            sl = ATTRACT_SUMMARY_LINES;
        if (sl > 0) {
            ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, sl};
            const text_layout *sum = ui_layout(ctx, e->summary_en, w, &so);
            float sh = sum ? sum->height : 0;
            float sy = bottom - src_h - ctx->m.u * 3 - sh;
            if (sum)
                ui_draw_layout(ctx, sum, x, sy, p->muted);
            ui_text_opts lo = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
            float lh1 = lines_h(ctx, STYLE_CAPTION, 1);
            ui_text(ctx, bundle_string(ctx->b, "summary", BUNDLE_EN), x, sy - lh1, w, &lo, p->accent);
            reserve = sh + lh1 + ctx->m.u;
        }
    }
    float avail = bottom - src_h - ctx->m.u * 3 - y - reserve;
    int size = ui_text_size(ctx, STYLE_QUOTE);
    int lines = (int)floorf(avail / (size * text_style_line_height(STYLE_QUOTE)));
    /* As many paragraphs as fit; the last one shown is cut with "…". */
    float lh = size * text_style_line_height(STYLE_QUOTE);
    for (size_t i = 0; i < e->paragraph_count && lines > 0; i++) {
        ui_text_opts body = {STYLE_QUOTE, 0, TEXT_ALIGN_START, true, lines};
        float h = ui_text(ctx, e->paragraphs[i], x, y, w, &body, p->text);
        int used = (int)lroundf(h / lh);
        lines -= used + 1; /* one line's gap between paragraphs */
        y += h + lh;
    }
    ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_END, false, 1};
    ui_text(ctx, src, x, bottom - src_h, w, &so, p->muted);
}

static void draw_event(ui_ctx *ctx, const bundle_event *e)
{
    const ui_palette *p = &ctx->pal;
    const ui_rect *r = &ctx->m.attract.text;
    float x = r->x, w = r->w, y = r->y;
    dl_colour cat = p->category[e->category];

    /* The card is bilingual: the date in figures, a bound in both languages. */
    char date[64], iso[16];
    date_format(&e->date, iso, sizeof iso);
    if (e->when == BUNDLE_WHEN_AFTER) {
        snprintf(date, sizeof date, "%s 之后 · after", iso);
    } else if (e->when == BUNDLE_WHEN_SPAN) {
        char to[16];
        date_format(&e->date_to, to, sizeof to);
        snprintf(date, sizeof date, "%s–%s", iso, to);
    } else {
        snprintf(date, sizeof date, "%s", iso);
    }
    ui_text_opts kicker = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    char kick[256];
    snprintf(kick, sizeof kick, "%s · %s", bundle_string(ctx->b, "timeline", BUNDLE_ZH),
             bundle_string(ctx->b, "timeline", BUNDLE_EN));
    y += ui_text(ctx, kick, x, y, w, &kicker, p->accent);
    y += ctx->m.u * 1.5f;
    ui_text_opts big = {STYLE_TITLE, (int)(ui_text_size(ctx, STYLE_TITLE) * 1.6f), TEXT_ALIGN_START, false, 1};
    float dh = ui_text(ctx, date, x, y, w, &big, cat);
    y += dh + ctx->m.u;
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, UI_HEADING_LINES};
    y += ui_text(ctx, e->title.s[BUNDLE_ZH], x, y, w, &head, p->text);
    ui_text_opts en = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    y += ctx->m.u * 0.5f;
    y += ui_text(ctx, e->title.s[BUNDLE_EN], x, y, w, &en, p->muted);
    y += ctx->m.u * 3;
    float avail = r->y + r->h - y;
    int size = ui_text_size(ctx, STYLE_BODY);
    int lines = (int)floorf(avail / (size * text_style_line_height(STYLE_BODY)));
    if (lines > 0) {
        ui_text_opts body = {STYLE_BODY, 0, TEXT_ALIGN_START, true, lines};
        ui_text(ctx, e->summary.s[BUNDLE_ZH], x, y, w, &body, p->text);
    }
}

/* Item i of the attract order, faded to alpha a. */
static void draw_item(ui_ctx *ctx, size_t i, float a)
{
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    dl_alpha(&ctx->dl, a);
    if (it->kind == BUNDLE_ATTRACT_EXCERPT)
        draw_excerpt(ctx, &ctx->b->excerpts[it->index]);
    else
        draw_event(ctx, &ctx->b->events[it->index]);
    dl_alpha(&ctx->dl, 1);
}

static void attract_draw(ui_ctx *ctx)
{
    const attract_state *at = &ctx->sc.attract;
    const ui_rect *card = &ctx->m.attract.card, *prompt_r = &ctx->m.attract.prompt;
    const ui_palette *p = &ctx->pal;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);
    ui_round(ctx, *card, ctx->m.u * 2, p->surface);
    ui_fill(ctx, (ui_rect){card->x, card->y + ctx->m.u * 5, ctx->m.u * 0.8f, ctx->m.u * 10}, p->accent);
    if (item_count(ctx) > 0) {
        float f = at->fading ? ui_ease((float)((ctx->now - at->since) / ATTRACT_FADE_S)) : 1.0f;
        if (at->fading)
            draw_item(ctx, at->prev, 1.0f - f);
        draw_item(ctx, at->cur, f);
    }
    /* Bilingual prompt: nobody has chosen a language yet. */
    float breath = ctx->reduced_motion ? 1.0f : 0.55f + 0.45f * (float)at->pulse_level / ATTRACT_PULSE_LEVELS;
    /* On one line when it fits, else the two languages on two lines. */
    char prompt[256];
    snprintf(prompt, sizeof prompt, "%s  ·  %s", bundle_string(ctx->b, "touch_to_explore", BUNDLE_ZH),
             bundle_string(ctx->b, "touch_to_explore", BUNDLE_EN));
    int size = ui_text_size(ctx, STYLE_TITLE);
    if (ui_text_width(ctx, prompt, STYLE_TITLE, size) > prompt_r->w - ctx->m.u * 16) {
        snprintf(prompt, sizeof prompt, "%s\n%s", bundle_string(ctx->b, "touch_to_explore", BUNDLE_ZH),
                 bundle_string(ctx->b, "touch_to_explore", BUNDLE_EN));
        size = ui_text_size(ctx, STYLE_BODY);
    }
    ui_text_opts po = {STYLE_TITLE, size, TEXT_ALIGN_CENTRE, false, 2};
    const text_layout *l = ui_layout(ctx, prompt, prompt_r->w, &po);
    if (l) {
        float y = prompt_r->y + (prompt_r->h - l->height) / 2;
        float tw = l->max_line_width, cx = ctx->w / 2.0f, ph = l->height + ctx->m.u * 2;
        ui_round(ctx, (ui_rect){cx - tw / 2 - ctx->m.u * 4, y - ctx->m.u, tw + ctx->m.u * 8, ph},
                 fminf(ph / 2, ctx->m.u * 4), ui_alpha(p->accent, breath));
        ui_draw_layout(ctx, l, prompt_r->x, y, p->on_accent);
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
