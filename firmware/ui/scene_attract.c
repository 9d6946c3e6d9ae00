#include "ui/scene_attract.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "content/date.h"
#include "core/utf8.h"
#include "ui/listen.h"
#include "ui/scene_home.h"
#include "ui/ui.h"
#include "ui/uistrings.h"
#include "ui/uitrace.h"
#include "ui/widgets.h"

/* This scene's state (allocated by the shell for the scene's life). */
static attract_state *scene_state(const ui_ctx *ctx) { return ui_scene_state(ctx, &scene_attract); }

/* Redraws: only during a cross-fade (ATTRACT_FADE_S) and when the prompt's
 * breathing changes by one of ATTRACT_PULSE_LEVELS steps (5 redraws a
 * second: alpha steps of 0.056 on an eased 3.2 s breath), never a full
 * 60 fps while a card simply stands; and a breath redraws the prompt's band
 * alone (ui_damage). Each redraw still presents the whole picture: in a
 * window without a GPU (Mesa's llvmpipe) that copy is most of the cost, so
 * the step count is the CPU figure (make bench: attract_cpu_pct). */
#define ATTRACT_FADE_S 0.9
#define ATTRACT_PULSE_S 3.2     /* one breath of the prompt */
#define ATTRACT_PULSE_LEVELS 8 /* distinct prompt alphas per half breath */
#define ATTRACT_GROW_MAX 2.0f  /* a card's main text grows up to this much to fill it */
#define ATTRACT_SUMMARY_LINES 6     /* an excerpt's English summary, at most */
#define ATTRACT_MIN_PASSAGE_LINES 3 /* the Chinese passage keeps at least these */
#define ATTRACT_SOURCE_LINES_EN 2   /* an excerpt's source line in English, at most */
#define ATTRACT_AFTER_READ_S 1.5    /* attract_sound: a card stays this long after its reading */

static int fit_size(ui_ctx *ctx, size_t i);

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

/* With the manifest's attract_sound: reads card i aloud in the language
 * shown, as Listen reads that excerpt or event anywhere (content/reading.h),
 * from its narration file when the bundle has one, replacing the card
 * before's reading. The scene's leaving (a touch) stops it. */
static void read_aloud(ui_ctx *ctx, size_t i)
{
    if (!ctx->b->manifest.attract_sound || !listen_available(ctx))
        return;
    listen_stop(ctx, "replace"); /* never a pause: the same card may come again */
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    const char *texts[LISTEN_MAX_PARTS];
    size_t n;
    const char *owner;
    const bundle_audio *audio;
    if (it->kind == BUNDLE_ATTRACT_EXCERPT) {
        const bundle_excerpt *e = &ctx->b->excerpts[it->index];
        owner = e->id;
        n = reading_excerpt_texts(e, ctx->lang, texts, LISTEN_MAX_PARTS);
        audio = &e->audio[ctx->lang];
    } else {
        const bundle_event *e = &ctx->b->events[it->index];
        owner = e->id;
        n = reading_event_texts(e, ctx->lang, scene_state(ctx)->read_date, texts, LISTEN_MAX_PARTS);
        audio = &e->audio[ctx->lang];
    }
    listen_toggle_narrated(ctx, owner, texts, n, ctx->lang, audio);
}

static void show(ui_ctx *ctx, size_t i)
{
    attract_state *at = scene_state(ctx);
    at->prev = at->cur;
    at->cur = i;
    at->since = ctx->now;
    at->dwell = dwell_of(ctx, i);
    at->fading = !ctx->reduced_motion && item_count(ctx) > 1;
    at->fit_px[1] = at->fit_px[0];
    at->fit_px[0] = fit_size(ctx, i);
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    bool ex = it->kind == BUNDLE_ATTRACT_EXCERPT;
    uitrace_attract(ctx->tr, ctx->now, ex ? "excerpt" : "event",
                    ex ? ctx->b->excerpts[it->index].id : ctx->b->events[it->index].id);
    read_aloud(ctx, i);
    ctx->dirty = true;
}

static void attract_enter(ui_ctx *ctx)
{
    attract_state *at = scene_state(ctx);
    at->cur = at->prev = 0;
    at->pulse_level = -1;
    if (item_count(ctx) > 0)
        show(ctx, 0);
    at->fading = false; /* the first card needs no cross-fade: the scene fades in */
}

static void attract_layout(ui_ctx *ctx)
{
    attract_state *at = scene_state(ctx);
    if (item_count(ctx) > 0) { /* the picture changed: fit again */
        at->fit_px[0] = fit_size(ctx, at->cur);
        at->fit_px[1] = fit_size(ctx, at->prev);
    }
    /* The whole screen wakes the exhibit. */
    targets_add(&ctx->targets, "wake", 0, 0, (float)ctx->w, (float)ctx->h);
}

static bool attract_touch(ui_ctx *ctx, const input_event *ev)
{
    if (ev->type != INPUT_DOWN)
        return false;
    ctx->visits++;
    stats_count(ctx->st, STATS_TOTAL, STATS_TOTAL_SESSIONS, ui_wall(ctx));
    ui_set_scene(ctx, &scene_home);
    return true;
}

static void attract_key(ui_ctx *ctx, const char *key)
{
    (void)key;
    ui_set_scene(ctx, &scene_home);
}

/* The id of attract item i (the owner of its reading). */
static const char *item_id(const ui_ctx *ctx, size_t i)
{
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    return it->kind == BUNDLE_ATTRACT_EXCERPT ? ctx->b->excerpts[it->index].id : ctx->b->events[it->index].id;
}

static void attract_update(ui_ctx *ctx)
{
    attract_state *at = scene_state(ctx);
    size_t n = item_count(ctx);
    /* With attract_sound a card stays while it is read, whatever its dwell,
     * and a moment after: whoever listens hears it whole. */
    if (n > 0 && listen_phase_of(ctx, item_id(ctx, at->cur)) == LISTEN_PLAYING &&
        ctx->now + ATTRACT_AFTER_READ_S > at->since + at->dwell)
        at->dwell = ctx->now + ATTRACT_AFTER_READ_S - at->since;
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
            ui_damage(ctx, ctx->m.attract.prompt); /* only the prompt breathes */
        }
        ui_wake_at(ctx, ctx->now + ATTRACT_PULSE_S / (4.0 * ATTRACT_PULSE_LEVELS));
    }
}

/* Height of `lines` lines of a style, px. */
static float lines_h(const ui_ctx *ctx, text_style_id s, int lines)
{
    return (float)lines * (float)ui_text_size(ctx, s) * text_style_line_height(s);
}

/* Draws layout l of string s at (x, y), behind it the sentence of s that
 * attract_sound is reading (ui_listen_highlight); returns its height. */
static float draw_read(ui_ctx *ctx, const char *s, const text_layout *l, float x, float y, dl_colour c)
{
    if (!l)
        return 0;
    ui_listen_highlight(ctx, s, l, x, y, true, NULL, NULL);
    ui_draw_layout(ctx, l, x, y, c);
    return l->height;
}

/* An excerpt card's head (kicker, heading in both languages) from the
 * top of the card's text; drawn when `draw`; returns where the passage
 * starts. */
static float excerpt_head(ui_ctx *ctx, const bundle_excerpt *e, bool draw)
{
    const ui_palette *p = &ctx->pal;
    const ui_rect *r = &ctx->m.attract.text;
    float x = r->x, w = r->w, y = r->y;
    ui_text_opts kicker = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, UI_HEADING_LINES};
    ui_text_opts en = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    const char *s[3] = {bundle_string(ctx->b, "articles", BUNDLE_ZH), e->heading.s[BUNDLE_ZH], e->heading.s[BUNDLE_EN]};
    const ui_text_opts *o[3] = {&kicker, &head, &en};
    const float after[3] = {1.5f, 0.5f, 3};
    for (int k = 0; k < 3; k++) {
        const text_layout *l = ui_layout(ctx, s[k], w, o[k]);
        if (draw)
            draw_read(ctx, s[k], l, x, y, k == 0 ? p->accent : k == 1 ? p->text : p->muted);
        y += (l ? l->height : 0) + ctx->m.u * after[k];
    }
    return y;
}

/* An excerpt card's source line, pinned to the card's foot: its layout in
 * *l and its height, px. One line in Chinese, as the card has always had
 * it; in English, whose citations run longer (the authors' affiliations,
 * the titles), up to ATTRACT_SOURCE_LINES_EN, so that the title shows. */
static float excerpt_source(ui_ctx *ctx, const bundle_excerpt *e, const text_layout **l)
{
    char src[512];
    ui_cite(ctx, &ctx->b->articles[e->article], ctx->lang, UI_CITE_BY, src, sizeof src);
    int lines = ctx->lang == BUNDLE_EN ? ATTRACT_SOURCE_LINES_EN : 1;
    ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_END, false, lines};
    *l = ui_layout(ctx, src, ctx->m.attract.text.w, &so);
    return lines_h(ctx, STYLE_CAPTION, *l ? (int)(*l)->line_count : 1);
}

/* In English, the excerpt's summary (labelled, never a translation) sits
 * above the source line: at most ATTRACT_SUMMARY_LINES lines, never leaving
 * the passage fewer than ATTRACT_MIN_PASSAGE_LINES at its base size. Its
 * height with its label and a gap (0 in Chinese or without a summary);
 * drawn when `draw`. */
static float excerpt_summary(ui_ctx *ctx, const bundle_excerpt *e, bool draw)
{
    if (ctx->lang != BUNDLE_EN || !e->summary_en)
        return 0;
    const ui_rect *r = &ctx->m.attract.text;
    const char *label = uistrings_get(ctx->b, "summary", BUNDLE_EN);
    const char *note = uistrings_get(ctx->b, "summary_note", BUNDLE_EN);
    const text_layout *src;
    float cap = lines_h(ctx, STYLE_CAPTION, 1), bottom = r->y + r->h, src_h = excerpt_source(ctx, e, &src);
    float lab = ui_label_note(ctx, label, note, r->x, 0, r->w, false);
    float room = bottom - src_h - ctx->m.u * 6 - excerpt_head(ctx, e, false) -
                 lines_h(ctx, STYLE_QUOTE, ATTRACT_MIN_PASSAGE_LINES);
    int sl = (int)floorf((room - lab - ctx->m.u) / cap);
    if (sl > ATTRACT_SUMMARY_LINES)
        sl = ATTRACT_SUMMARY_LINES;
    ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, sl};
    const text_layout *sum = sl > 0 ? ui_layout(ctx, e->summary_en, r->w, &so) : NULL;
    if (!sum)
        return 0;
    if (draw) {
        float sy = bottom - src_h - ctx->m.u * 3 - sum->height;
        draw_read(ctx, e->summary_en, sum, r->x, sy, ctx->pal.muted);
        ui_label_note(ctx, label, note, r->x, sy - lab, r->w, true);
    }
    return sum->height + lab + ctx->m.u;
}

/* Room taken below the passage, above the source line. */
static float excerpt_below_h(ui_ctx *ctx, const bundle_excerpt *e) { return excerpt_summary(ctx, e, false); }

/* The passage's height at text size px: paragraphs one line apart. */
static float passage_h(ui_ctx *ctx, const bundle_excerpt *e, int px)
{
    ui_text_opts body = {STYLE_QUOTE, px, TEXT_ALIGN_START, true, 0};
    float h = 0, lh = (float)px * text_style_line_height(STYLE_QUOTE);
    for (size_t i = 0; i < e->paragraph_count; i++) {
        const text_layout *l = ui_layout(ctx, e->paragraphs[i], ctx->m.attract.text.w, &body);
        h += (l ? l->height : 0) + (i ? lh : 0);
    }
    return h;
}

static float excerpt_room(ui_ctx *ctx, const bundle_excerpt *e)
{
    const ui_rect *r = &ctx->m.attract.text;
    const text_layout *src;
    float src_h = excerpt_source(ctx, e, &src);
    return r->y + r->h - src_h - ctx->m.u * 3 - excerpt_head(ctx, e, false) - excerpt_below_h(ctx, e);
}

/* The largest size, from the style's up to ATTRACT_GROW_MAX times it, at
 * which `h(size)` still fits `room` (the style's when even that does not). */
static int grow_to_fit(ui_ctx *ctx, const void *item, int base, float room,
                       float (*h)(ui_ctx *, const void *, int))
{
    for (int px = (int)((float)base * ATTRACT_GROW_MAX); px > base; px -= px / 24 + 1)
        if (h(ctx, item, px) <= room)
            return px;
    return base;
}

static float passage_h_any(ui_ctx *ctx, const void *e, int px) { return passage_h(ctx, e, px); }

/* An event card's quote size for its summary size px: grown alike. */
static int quote_px(const ui_ctx *ctx, int px)
{
    return (int)lroundf((float)ui_text_size(ctx, STYLE_QUOTE) * (float)px / (float)ui_text_size(ctx, STYLE_BODY));
}

static void draw_quotes(ui_ctx *ctx, const bundle_event *e, float y, int px, bool draw, float *end);

/* An event card's summary and quotes, whole, at summary size px. */
static float event_body_h(ui_ctx *ctx, const void *item, int px)
{
    const bundle_event *e = item;
    ui_text_opts body = {STYLE_BODY, px, TEXT_ALIGN_START, true, 0};
    const text_layout *l = ui_layout(ctx, e->summary.s[BUNDLE_ZH], ctx->m.attract.text.w, &body);
    float end;
    draw_quotes(ctx, e, 0, px, false, &end);
    return (l ? l->height : 0) + ctx->m.u * 3 + end;
}

static float event_head(ui_ctx *ctx, const bundle_event *e, bool draw);

/* Item i's main text size: grown to fill its card. */
static int fit_size(ui_ctx *ctx, size_t i)
{
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    if (it->kind == BUNDLE_ATTRACT_EXCERPT) {
        const bundle_excerpt *e = &ctx->b->excerpts[it->index];
        return grow_to_fit(ctx, e, ui_text_size(ctx, STYLE_QUOTE), excerpt_room(ctx, e), passage_h_any);
    }
    const bundle_event *e = &ctx->b->events[it->index];
    const ui_rect *r = &ctx->m.attract.text;
    return grow_to_fit(ctx, e, ui_text_size(ctx, STYLE_BODY), r->y + r->h - event_head(ctx, e, false), event_body_h);
}

static void draw_excerpt(ui_ctx *ctx, const bundle_excerpt *e, int px)
{
    const ui_palette *p = &ctx->pal;
    const ui_rect *r = &ctx->m.attract.text;
    float x = r->x, w = r->w, y = excerpt_head(ctx, e, true);
    float bottom = r->y + r->h;

    /* The source line is pinned to the card's foot; the passage takes what
     * is left, whole lines only, ending with "…" when cut. */
    const text_layout *src;
    float src_h = excerpt_source(ctx, e, &src);
    excerpt_summary(ctx, e, true);
    float avail = excerpt_room(ctx, e);
    float lh = (float)px * text_style_line_height(STYLE_QUOTE);
    int lines = (int)floorf(avail / lh);
    /* As many paragraphs as fit; the last one shown is cut with "…". */
    for (size_t i = 0; i < e->paragraph_count && lines > 0; i++) {
        ui_text_opts body = {STYLE_QUOTE, px, TEXT_ALIGN_START, true, lines};
        float h = draw_read(ctx, e->paragraphs[i], ui_layout(ctx, e->paragraphs[i], w, &body), x, y, p->text);
        int used = (int)lroundf(h / lh);
        lines -= used + 1; /* one line's gap between paragraphs */
        y += h + lh;
    }
    if (src) /* still valid: a frame's layouts stay until it is drawn (text/layout.h) */
        ui_draw_layout(ctx, src, x, bottom - src_h, p->muted);
}

/* An event card's head (kicker, date, title in both languages); drawn when
 * `draw`; returns where the summary starts. */
static float event_head(ui_ctx *ctx, const bundle_event *e, bool draw)
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
    char kick[256];
    snprintf(kick, sizeof kick, "%s · %s", bundle_string(ctx->b, "timeline", BUNDLE_ZH),
             bundle_string(ctx->b, "timeline", BUNDLE_EN));
    ui_text_opts kicker = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    ui_text_opts big = {STYLE_TITLE, (int)(ui_text_size(ctx, STYLE_TITLE) * 1.6f), TEXT_ALIGN_START, false, 1};
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, UI_HEADING_LINES};
    ui_text_opts en = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    const char *s[4] = {kick, date, e->title.s[BUNDLE_ZH], e->title.s[BUNDLE_EN]};
    const ui_text_opts *o[4] = {&kicker, &big, &head, &en};
    const dl_colour c[4] = {p->accent, cat, p->text, p->muted};
    const float after[4] = {1.5f, 1, 0.5f, 3};
    for (int k = 0; k < 4; k++) {
        const text_layout *l = ui_layout(ctx, s[k], w, o[k]);
        if (draw)
            draw_read(ctx, s[k], l, x, y, c[k]);
        y += (l ? l->height : 0) + ctx->m.u * after[k];
    }
    return y;
}

static void draw_event(ui_ctx *ctx, const bundle_event *e, int px)
{
    const ui_palette *p = &ctx->pal;
    const ui_rect *r = &ctx->m.attract.text;
    float x = r->x, w = r->w, y = event_head(ctx, e, true), bottom = r->y + r->h, u = ctx->m.u;
    float lh = (float)px * text_style_line_height(STYLE_BODY);
    int lines = (int)floorf((bottom - y) / lh);
    if (lines <= 0)
        return;
    ui_text_opts body = {STYLE_BODY, px, TEXT_ALIGN_START, true, lines};
    y += draw_read(ctx, e->summary.s[BUNDLE_ZH], ui_layout(ctx, e->summary.s[BUNDLE_ZH], w, &body), x, y, p->text) +
         u * 3;
    float end;
    draw_quotes(ctx, e, y, px, true, &end);
}

/* Below the summary, from y, the articles' words that support the event, as
 * the event card on the timeline shows them, while whole lines fit the
 * card (all of them when not drawing: to measure); *end: where they end. */
static void draw_quotes(ui_ctx *ctx, const bundle_event *e, float y, int px, bool draw, float *end)
{
    const ui_palette *p = &ctx->pal;
    const ui_rect *r = &ctx->m.attract.text;
    float x = r->x, w = r->w, bottom = r->y + r->h, u = ctx->m.u;
    int qs = quote_px(ctx, px);
    float qlh = (float)qs * text_style_line_height(STYLE_QUOTE), src_h = lines_h(ctx, STYLE_CAPTION, 1);
    for (size_t s = 0; s < e->source_count; s++) {
        int ql = draw ? (int)floorf((bottom - y - src_h - u) / qlh) : 0;
        if (draw && ql < 2)
            break;
        ui_text_opts qo = {STYLE_QUOTE, qs, TEXT_ALIGN_START, true, ql};
        const text_layout *l = ui_layout(ctx, e->sources[s].quote, w - u * 3, &qo);
        if (draw && l) {
            ui_fill(ctx, (ui_rect){x, y, u * 0.6f, qlh}, p->accent);
            ui_draw_layout(ctx, l, x + u * 3, y, p->text);
        }
        y += (l ? l->height : 0) + u;
        if (draw) {
            char src[512];
            /* In Chinese, as the card's summary and quotes are in either language. */
            ui_cite(ctx, &ctx->b->articles[e->sources[s].article], BUNDLE_ZH, UI_CITE_TITLE, src, sizeof src);
            ui_text_opts ao = {STYLE_CAPTION, 0, TEXT_ALIGN_END, false, 1};
            ui_text(ctx, src, x, y, w, &ao, p->muted);
        }
        y += src_h + u * 2;
    }
    *end = y;
}

/* Item i of the attract order, faded to alpha a. */
static void draw_item(ui_ctx *ctx, size_t i, float a, int px)
{
    const bundle_attract_item *it = &ctx->b->manifest.attract[i];
    dl_alpha(&ctx->dl, a);
    if (it->kind == BUNDLE_ATTRACT_EXCERPT)
        draw_excerpt(ctx, &ctx->b->excerpts[it->index], px);
    else
        draw_event(ctx, &ctx->b->events[it->index], px);
    dl_alpha(&ctx->dl, 1);
}

static void attract_draw(ui_ctx *ctx)
{
    const attract_state *at = scene_state(ctx);
    const ui_rect *card = &ctx->m.attract.card, *prompt_r = &ctx->m.attract.prompt;
    const ui_palette *p = &ctx->pal;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);
    ui_round(ctx, *card, ctx->m.u * 2, p->surface);
    ui_fill(ctx, (ui_rect){card->x, card->y + ctx->m.u * 5, ctx->m.u * 0.8f, ctx->m.u * 10}, p->accent);
    if (item_count(ctx) > 0) {
        float f = at->fading ? ui_ease((float)((ctx->now - at->since) / ATTRACT_FADE_S)) : 1.0f;
        if (at->fading)
            draw_item(ctx, at->prev, 1.0f - f, at->fit_px[1]);
        draw_item(ctx, at->cur, f, at->fit_px[0]);
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
    .state_size = sizeof(attract_state),
    .enter = attract_enter,
    .layout = attract_layout,
    .touch = attract_touch,
    .key = attract_key,
    .update = attract_update,
    .draw = attract_draw,
};
