#include "ui/scene_reader.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/kinetic.h"
#include "ui/listen.h"
#include "ui/scene_home.h"
#include "ui/ui.h"
#include "ui/uitrace.h"
#include "ui/widgets.h"

/* This scene's state (allocated by the shell for the scene's life). */
static reader_state *scene_state(const ui_ctx *ctx) { return ui_scene_state(ctx, &scene_reader); }

#define READER_SWIPE_FRACTION 0.18f /* of the width, to turn the page */
#define READER_SWIPE_SPEED_MM 90.0f /* a flick this fast turns it whatever the distance */
#define READER_SLIDE_RATE 14.0      /* 1/s: how fast a page slides into place */

void scene_reader_open_excerpt(ui_ctx *ctx, size_t excerpt)
{
    reader_state *rd = scene_state(ctx);
    rd->pending = excerpt;
    rd->pending_article = -1;
}

void scene_reader_open_article(ui_ctx *ctx, size_t article)
{
    reader_state *rd = scene_state(ctx);
    rd->pending = 0;
    rd->pending_article = (long)article; /* resolved in enter, when the bundle is at hand */
}

static size_t first_of_article(const bundle *b, size_t article)
{
    for (size_t i = 0; i < b->excerpt_count; i++)
        if (b->excerpts[i].article == article)
            return i;
    return 0;
}

static void trace_excerpt(ui_ctx *ctx)
{
    const reader_state *rd = scene_state(ctx);
    const bundle_excerpt *e = &ctx->b->excerpts[rd->cur];
    uitrace_excerpt(ctx->tr, ctx->now, e->id, rd->cur, ctx->b->articles[e->article].id);
    stats_count(ctx->st, STATS_EXCERPT, e->id, ui_wall(ctx));
}

static void end_reading(ui_ctx *ctx)
{
    reader_state *rd = scene_state(ctx);
    if (rd->cur < ctx->b->excerpt_count)
        stats_add_seconds(ctx->st, STATS_EXCERPT, ctx->b->excerpts[rd->cur].id, ctx->now - rd->since,
                          ui_wall(ctx));
}

/* Opens excerpt i; `from` is where the new page enters (px, 0: in place). */
static void open_excerpt(ui_ctx *ctx, size_t i, float from)
{
    reader_state *rd = scene_state(ctx);
    listen_stop(ctx, "leave"); /* another excerpt is another passage */
    end_reading(ctx);
    rd->cur = i;
    rd->since = ctx->now;
    rd->slide = ctx->reduced_motion ? 0 : from;
    kinetic_jump(&rd->scroll, 0);
    rd->rested_pos = 0;
    trace_excerpt(ctx);
    ui_relayout(ctx); /* the current excerpt is a target; content height changes */
}

static void reader_enter(ui_ctx *ctx)
{
    reader_state *rd = scene_state(ctx);
    const bundle *b = ctx->b;
    size_t p = rd->pending;
    if (rd->pending_article >= 0 && (size_t)rd->pending_article < b->article_count)
        p = first_of_article(b, (size_t)rd->pending_article);
    rd->cur = p < b->excerpt_count ? p : 0;
    rd->pending = 0;
    rd->pending_article = -1;
    rd->since = ctx->now;
    rd->slide = 0;
    rd->axis = READER_AXIS_NONE;
    kinetic_init(&rd->scroll, 0, 0, (float)ctx->h);
    rd->rested_pos = 0;
    rd->heard = -1;
    trace_excerpt(ctx);
}

static void reader_leave(ui_ctx *ctx) { end_reading(ctx); }

static void listen_tapped(ui_ctx *ctx)
{
    const bundle_excerpt *e = &ctx->b->excerpts[scene_state(ctx)->cur];
    const char *texts[LISTEN_MAX_PARTS];
    size_t n = reading_excerpt_texts(e, ctx->lang, texts, LISTEN_MAX_PARTS);
    scene_state(ctx)->heard = -1;
    listen_toggle_narrated(ctx, e->id, texts, n, ctx->lang, &e->audio[ctx->lang]);
}

/* The highlight of the sentence heard behind the text of layout l drawn at
 * (x, y) (ui_listen_highlight); records its extent (relative to y0) for
 * the scroll. */
static void highlight(ui_ctx *ctx, const char *s, const text_layout *l, float x, float y, float y0, bool draw)
{
    reader_state *rd = scene_state(ctx);
    float top, bottom;
    if (!ui_listen_highlight(ctx, s, l, x, y, draw, &top, &bottom))
        return;
    if (rd->hl_top < 0)
        rd->hl_top = top - y0;
    rd->hl_bottom = bottom - y0;
}

/* Draws l at (x, y) when any of it shows in the passage's view: a long
 * passage scrolled, or a page sliding in, is not sent to the drawer whole. */
static void draw_visible(ui_ctx *ctx, const text_layout *l, float x, float y, dl_colour c)
{
    const ui_rect *v = &ctx->m.reader.view;
    if (l && y < v->y + v->h && y + l->height > v->y && x < ctx->w && x + l->max_line_width > 0)
        ui_draw_layout(ctx, l, x, y, c);
}

/* Draws l at (x, y): in the passage's view only what shows there
 * (draw_visible), in the band whole. */
static void draw_head_line(ui_ctx *ctx, const text_layout *l, float x, float y, dl_colour c, bool in_content)
{
    if (in_content)
        draw_visible(ctx, l, x, y, c);
    else if (l)
        ui_draw_layout(ctx, l, x, y, c);
}

/* The English page (english_page): the excerpt's summary first, then the
 * Chinese original. */
static bool english(const ui_ctx *ctx) { return ctx->lang == BUNDLE_EN; }

/* The English page's summary and original stand side by side (the
 * geometry has two columns and the excerpt a summary). */
static bool paired(const ui_ctx *ctx, const bundle_excerpt *e)
{
    return english(ctx) && e->summary_en && ctx->m.reader.pair_w > 0;
}

/* The heading's column: across both columns of a paired page, else the
 * passage's. */
static void head_column(const ui_ctx *ctx, const bundle_excerpt *e, float *x, float *w)
{
    const ui_geometry *m = &ctx->m;
    *x = paired(ctx, e) ? m->reader.pair_x[0] : m->reader.col_x;
    *w = paired(ctx, e) ? m->reader.pair_x[1] + m->reader.pair_w - *x : m->reader.col_w;
}

/* The heading block (heading, the other language's heading, and in Chinese
 * the section), laid out in the heading's column displaced by dx (the page
 * sliding); returns its height. With draw, draws it with the top at y;
 * in_content: it scrolls with the passage (y0 is the content's top, for the
 * highlight's extent), else it stands in the band. */
static float heading_block(ui_ctx *ctx, float dx, float y, float y0, bool draw, bool in_content)
{
    reader_state *rd = scene_state(ctx);
    const ui_palette *p = &ctx->pal;
    const bundle_excerpt *e = &ctx->b->excerpts[rd->cur];
    bundle_lang other = ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH;
    float u = ctx->m.u, top = y, x, w;
    head_column(ctx, e, &x, &w);
    x += dx;
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 0};
    ui_text_opts sub = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 0};
    const text_layout *l = ui_layout(ctx, e->heading.s[ctx->lang], w, &head);
    if (in_content)
        highlight(ctx, e->heading.s[ctx->lang], l, x, y, y0, draw);
    else
        ui_listen_highlight(ctx, e->heading.s[ctx->lang], l, x, y, draw, NULL, NULL);
    if (draw)
        draw_head_line(ctx, l, x, y, p->text, in_content);
    y += (l ? l->height : 0) + u;
    l = ui_layout(ctx, e->heading.s[other], w, &sub);
    if (draw)
        draw_head_line(ctx, l, x, y, p->muted, in_content);
    y += l ? l->height : 0;
    if (e->section && !english(ctx)) {
        char sec[512];
        snprintf(sec, sizeof sec, "%s · %s", ui_str(ctx, "section"), e->section);
        l = ui_layout(ctx, sec, w, &sub);
        y += u;
        if (draw)
            draw_head_line(ctx, l, x, y, p->accent, in_content);
        y += l ? l->height : 0;
    }
    return y - top;
}

/* The passage's paragraphs in a column (x, w) from y; returns their height. */
static float passage(ui_ctx *ctx, const bundle_excerpt *e, float x, float y, float w, float y0, bool draw)
{
    ui_text_opts body = {STYLE_BODY, 0, TEXT_ALIGN_START, true, 0};
    float top = y;
    for (size_t i = 0; i < e->paragraph_count; i++) {
        const text_layout *l = ui_layout(ctx, e->paragraphs[i], w, &body);
        highlight(ctx, e->paragraphs[i], l, x, y, y0, draw);
        if (draw)
            draw_visible(ctx, l, x, y, ctx->pal.text);
        y += (l ? l->height : 0) + (i + 1 < e->paragraph_count ? ui_text_size(ctx, STYLE_BODY) * 0.8f : 0);
    }
    return y - top;
}

/* A label and its note (ui_label_note) in the passage's view. */
static float page_label(ui_ctx *ctx, const char *key, const char *note_key, float x, float y, float w,
                        bool draw)
{
    float h = ui_label_note(ctx, ui_str(ctx, key), ui_str(ctx, note_key), x, y, w, false);
    const ui_rect *v = &ctx->m.reader.view;
    if (draw && y < v->y + v->h && y + h > v->y)
        ui_label_note(ctx, ui_str(ctx, key), ui_str(ctx, note_key), x, y, w, true);
    return h;
}

/* The English page below the heading, from y: the excerpt's summary, which
 * Listen reads, labelled as ours (never a translation), then the Chinese
 * original, labelled as the article's own words, with its section; one
 * above the other, or side by side (paired). Returns the height. */
static float english_page(ui_ctx *ctx, const bundle_excerpt *e, float dx, float y, float y0, bool draw)
{
    const ui_geometry *m = &ctx->m;
    float u = m->u;
    bool pair = paired(ctx, e);
    float sx = (pair ? m->reader.pair_x[0] : m->reader.col_x) + dx,
          w = pair ? m->reader.pair_w : m->reader.col_w;
    float sh = 0;
    if (e->summary_en) {
        sh = page_label(ctx, "summary", "summary_note", sx, y, w, draw) + u;
        ui_text_opts en = {STYLE_BODY, 0, TEXT_ALIGN_START, false, 0};
        const text_layout *l = ui_layout(ctx, e->summary_en, fminf(w, m->reader.latin_w), &en);
        highlight(ctx, e->summary_en, l, sx, y + sh, y0, draw);
        if (draw)
            draw_visible(ctx, l, sx, y + sh, ctx->pal.text);
        sh += l ? l->height : 0;
        if (!pair)
            sh += u * 6;
    }
    float ox = pair ? m->reader.pair_x[1] + dx : sx, oy = pair ? y : y + sh;
    float oh = page_label(ctx, "original", "original_note", ox, oy, w, draw) + u;
    if (e->section) {
        /* The article's own heading: Chinese, so quoted in the English line. */
        char sec[512];
        snprintf(sec, sizeof sec, "%s: " UI_QUOTE_OPEN "%s" UI_QUOTE_CLOSE, ui_str(ctx, "section"),
                 e->section);
        ui_text_opts sub = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 0};
        const text_layout *l = ui_layout(ctx, sec, w, &sub);
        if (draw)
            draw_visible(ctx, l, ox, oy + oh, ctx->pal.muted);
        oh += (l ? l->height : 0) + u * 2;
    }
    oh += passage(ctx, e, ox, oy + oh, w, y0, draw);
    return pair ? fmaxf(sh, oh) : sh + oh;
}

/* Heading block (unless it stands in the band) and the page below it: in
 * Chinese the passage, in English english_page(); laid out in the
 * geometry's columns displaced by dx; returns the height. With draw, draws
 * them with the top at y. */
static float content(ui_ctx *ctx, float dx, float y, bool draw)
{
    reader_state *rd = scene_state(ctx);
    const bundle_excerpt *e = &ctx->b->excerpts[rd->cur];
    rd->hl_top = rd->hl_bottom = -1;
    float u = ctx->m.u, y0 = y;
    if (!rd->head_in_band)
        y += heading_block(ctx, dx, y, y0, draw, true) + u * 4;
    if (english(ctx))
        y += english_page(ctx, e, dx, y, y0, draw);
    else
        y += passage(ctx, e, ctx->m.reader.col_x + dx, y, ctx->m.reader.col_w, y0, draw);
    return y - y0 + u * 4;
}

static void reader_layout(ui_ctx *ctx)
{
    reader_state *rd = scene_state(ctx);
    const bundle *b = ctx->b;
    const ui_geometry *m = &ctx->m;
    rd->chips = b->article_count < READER_MAX_CHIPS ? b->article_count : READER_MAX_CHIPS;
    for (size_t i = 0; i < rd->chips; i++)
        rd->chip[i] = ui_geometry_chip(m, rd->chips, i);

    /* Reach mode leaves a band above the reachable rows: the heading stands
     * there when it fits, and the passage has the view to itself. */
    rd->head_in_band = false;
    rd->head_h = heading_block(ctx, 0, 0, 0, false, false);
    rd->head_in_band = m->reach_top > 0 && rd->head_h + m->u * 8 <= m->reach_top;
    rd->content_h = content(ctx, 0, 0, false);
    float max = rd->content_h - m->reader.view.h;
    rd->scroll.viewport = m->reader.view.h;
    kinetic_set_bounds(&rd->scroll, 0, max > 0 ? max : 0);

    const ui_rect *view = &m->reader.view, *prev = &m->reader.prev, *next = &m->reader.next;
    targets_add(&ctx->targets, "back", m->back.x, m->back.y, m->back.w, m->back.h);
    targets_add(&ctx->targets, "lang", m->lang.x, m->lang.y, m->lang.w, m->lang.h);
    if (listen_available(ctx))
        targets_add(&ctx->targets, "listen", m->reader.listen.x, m->reader.listen.y, m->reader.listen.w,
                    m->reader.listen.h);
    for (size_t i = 0; i < rd->chips; i++) {
        char id[TARGETS_ID_MAX];
        snprintf(id, sizeof id, "article:%s", b->articles[i].id);
        targets_add(&ctx->targets, id, rd->chip[i].x, rd->chip[i].y, rd->chip[i].w, rd->chip[i].h);
    }
    targets_add(&ctx->targets, b->excerpts[rd->cur].id, view->x, view->y, view->w, view->h);
    if (rd->cur > 0)
        targets_add(&ctx->targets, "prev", prev->x, prev->y, prev->w, prev->h);
    if (rd->cur + 1 < b->excerpt_count)
        targets_add(&ctx->targets, "next", next->x, next->y, next->w, next->h);
}

static void turn(ui_ctx *ctx, int dir)
{
    reader_state *rd = scene_state(ctx);
    size_t n = ctx->b->excerpt_count;
    if (dir > 0 && rd->cur + 1 < n)
        open_excerpt(ctx, rd->cur + 1, rd->slide + (float)ctx->w);
    else if (dir < 0 && rd->cur > 0)
        open_excerpt(ctx, rd->cur - 1, rd->slide - (float)ctx->w);
}

static void reader_gesture(ui_ctx *ctx, const gesture_event *g)
{
    reader_state *rd = scene_state(ctx);
    switch (g->type) {
    case GESTURE_TAP: {
        const target *t = targets_hit(&ctx->targets, g->x, g->y);
        if (!t)
            return;
        if (strcmp(t->id, "back") == 0) {
            ui_set_scene(ctx, &scene_home);
        } else if (strcmp(t->id, "lang") == 0) {
            listen_stop(ctx, "language"); /* it read the other language's text */
            ui_set_language(ctx, ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH);
        } else if (strcmp(t->id, "listen") == 0) {
            listen_tapped(ctx);
        } else if (strcmp(t->id, "prev") == 0) {
            turn(ctx, -1);
        } else if (strcmp(t->id, "next") == 0) {
            turn(ctx, 1);
        } else if (strncmp(t->id, "article:", 8) == 0) {
            long a = bundle_find_article(ctx->b, t->id + 8);
            if (a >= 0 && ctx->b->excerpts[rd->cur].article != (size_t)a)
                open_excerpt(ctx, first_of_article(ctx->b, (size_t)a), 0);
        }
        return;
    }
    case GESTURE_PAN_BEGIN:
        rd->axis = fabsf(g->total_x) > fabsf(g->total_y) ? READER_AXIS_HORIZONTAL : READER_AXIS_VERTICAL;
        if (rd->axis == READER_AXIS_VERTICAL) {
            kinetic_grab(&rd->scroll);
            kinetic_drag(&rd->scroll, -g->total_y);
        } else {
            rd->slide = g->total_x;
        }
        ctx->dirty = true;
        return;
    case GESTURE_PAN_MOVE:
        if (rd->axis == READER_AXIS_VERTICAL) {
            kinetic_drag(&rd->scroll, -g->dy);
            ui_damage(ctx, ctx->m.reader.view); /* only the passage moves */
            return;
        } else if (rd->axis == READER_AXIS_HORIZONTAL) {
            bool edge = (g->total_x > 0 && rd->cur == 0) ||
                        (g->total_x < 0 && rd->cur + 1 >= ctx->b->excerpt_count);
            float x = g->total_x;
            /* No page beyond the ends: the page resists like the rubber band. */
            rd->slide = edge ? copysignf(kinetic_rubber(fabsf(x), (float)ctx->w), x) : x;
        }
        ctx->dirty = true;
        return;
    case GESTURE_PAN_END:
        if (rd->axis == READER_AXIS_VERTICAL) {
            kinetic_drag(&rd->scroll, -g->dy);
            kinetic_release(&rd->scroll, -g->vy);
        } else if (rd->axis == READER_AXIS_HORIZONTAL) {
            float flick = READER_SWIPE_SPEED_MM * ctx->px_per_mm;
            if (g->total_x < -ctx->w * READER_SWIPE_FRACTION || g->vx < -flick)
                turn(ctx, 1);
            else if (g->total_x > ctx->w * READER_SWIPE_FRACTION || g->vx > flick)
                turn(ctx, -1);
        }
        rd->axis = READER_AXIS_NONE;
        ctx->dirty = true;
        return;
    case GESTURE_CANCEL:
        if (rd->axis == READER_AXIS_VERTICAL)
            kinetic_release(&rd->scroll, 0);
        rd->axis = READER_AXIS_NONE;
        ctx->dirty = true;
        return;
    default:
        return;
    }
}

static void reader_key(ui_ctx *ctx, const char *key)
{
    reader_state *rd = scene_state(ctx);
    if (strcmp(key, "right") == 0)
        turn(ctx, 1);
    else if (strcmp(key, "left") == 0)
        turn(ctx, -1);
    else if (strcmp(key, "escape") == 0 || strcmp(key, "backspace") == 0)
        ui_set_scene(ctx, &scene_home);
    else if (strcmp(key, "down") == 0 || strcmp(key, "up") == 0) {
        kinetic_release(&rd->scroll, (strcmp(key, "down") == 0 ? 1 : -1) * ctx->h * 1.5f);
        ctx->dirty = true;
    }
}

/* Keeps the sentence being heard in view: when a new sentence starts
 * outside the view (or in its last quarter) and no finger holds the
 * passage, the passage jumps to put it a quarter down the view. */
static void follow_listen(ui_ctx *ctx)
{
    reader_state *rd = scene_state(ctx);
    int cur = ctx->listen.phase != LISTEN_IDLE ? ctx->listen.cur : -1;
    if (cur == rd->heard)
        return;
    rd->heard = cur;
    if (cur < 0 || rd->axis != READER_AXIS_NONE)
        return;
    content(ctx, 0, 0, false);
    float view_h = ctx->m.reader.view.h;
    if (rd->hl_top < 0 || (rd->hl_top >= rd->scroll.pos && rd->hl_bottom <= rd->scroll.pos + view_h * 0.75f))
        return;
    float to = fminf(fmaxf(rd->hl_top - view_h * 0.25f, 0), rd->scroll.max);
    kinetic_jump(&rd->scroll, to);
    ctx->dirty = true;
}

static void reader_update(ui_ctx *ctx)
{
    reader_state *rd = scene_state(ctx);
    follow_listen(ctx);
    rd->scroll.reduced_motion = ctx->reduced_motion;
    if (kinetic_step(&rd->scroll, ctx->dt)) {
        /* Scrolling moves the passage in its view, nothing else (the hint
         * below it is drawn in the view too). */
        ctx->animating = true;
        ui_damage(ctx, ctx->m.reader.view);
    } else if (rd->scroll.phase == KINETIC_IDLE && rd->scroll.pos != rd->rested_pos) {
        rd->rested_pos = rd->scroll.pos;
        uitrace_scroll(ctx->tr, ctx->now, rd->scroll.pos, rd->scroll.max);
    }
    if (rd->axis != READER_AXIS_HORIZONTAL && rd->slide != 0) {
        rd->slide *= (float)exp(-READER_SLIDE_RATE * ctx->dt);
        if (fabsf(rd->slide) < 0.5f || ctx->reduced_motion)
            rd->slide = 0;
        ctx->animating = true;
        ctx->dirty = true;
    }
}

static void reader_draw(ui_ctx *ctx)
{
    const reader_state *rd = scene_state(ctx);
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const bundle_excerpt *e = &b->excerpts[rd->cur];
    const bundle_article *a = &b->articles[e->article];
    const ui_geometry *mt = &ctx->m;
    const ui_rect *view = &mt->reader.view, *footer = &mt->reader.footer;
    float u = mt->u, m = mt->margin;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);

    /* The passage, clipped to its view and displaced by scroll and slide. */
    dl_clip_push(&ctx->dl, 0, view->y, (float)ctx->w, view->h);
    content(ctx, rd->slide, view->y - rd->scroll.pos, true);
    dl_clip_pop(&ctx->dl);

    /* Bars on top of the passage; in reach mode the heading above them,
     * at the foot of the band, sliding with the page. */
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, view->y}, p->bg);
    if (rd->head_in_band) {
        dl_clip_push(&ctx->dl, 0, 0, (float)ctx->w, mt->reach_top);
        heading_block(ctx, rd->slide, mt->reach_top - u * 4 - rd->head_h, 0, true, false);
        dl_clip_pop(&ctx->dl);
    }
    ui_back_button(ctx, mt->back);
    ui_lang_toggle(ctx, mt->lang);
    if (listen_available(ctx)) {
        listen_phase ph = listen_phase_of(ctx, e->id);
        ui_button(ctx, mt->reader.listen, ui_str(ctx, ph == LISTEN_PLAYING ? "pause" : "listen"),
                  ph == LISTEN_IDLE ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY, 0);
    }
    for (size_t i = 0; i < rd->chips; i++) {
        bool on = e->article == i;
        ui_chip(ctx, rd->chip[i], b->articles[i].title.s[ctx->lang], on ? p->accent : p->line, on,
                ui_text_size(ctx, STYLE_CAPTION));
    }

    ui_fill(ctx, *footer, p->surface);
    ui_fill(ctx, (ui_rect){0, footer->y, (float)ctx->w, 1 + u * 0.2f}, p->line);
    char src[1024];
    ui_cite(ctx, a, ctx->lang, UI_CITE_SOURCE, src, sizeof src);
    ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    ui_text(ctx, src, m, footer->y + u * 2, ctx->w - 2 * m, &so, p->muted);

    if (rd->cur > 0)
        ui_button(ctx, mt->reader.prev, ui_str(ctx, "previous"), UI_BUTTON_SECONDARY, 0);
    if (rd->cur + 1 < b->excerpt_count)
        ui_button(ctx, mt->reader.next, ui_str(ctx, "next"), UI_BUTTON_SECONDARY, 0);
    char page[32];
    snprintf(page, sizeof page, "%zu / %zu", rd->cur + 1, b->excerpt_count);
    ui_text_opts po = {STYLE_BODY, 0, TEXT_ALIGN_CENTRE, false, 1};
    const text_layout *l = ui_layout(ctx, page, (float)ctx->w, &po);
    if (l)
        ui_draw_layout(ctx, l, 0, mt->reader.prev.y + (mt->reader.prev.h - l->height) / 2, p->text);

    /* A hint while more text waits below. */
    if (rd->scroll.max > 0 && rd->scroll.pos < rd->scroll.max - u) {
        ui_text_opts ho = {STYLE_CAPTION, 0, TEXT_ALIGN_CENTRE, false, 1};
        const text_layout *h = ui_layout(ctx, ui_str(ctx, "scroll_hint"), (float)ctx->w, &ho);
        if (h) {
            float y = footer->y - h->height - u;
            ui_fill(ctx, (ui_rect){0, y - u, (float)ctx->w, h->height + u * 2}, ui_alpha(p->bg, 0.85f));
            ui_draw_layout(ctx, h, 0, y, p->accent);
        }
    }
}

const ui_scene scene_reader = {
    .name = "reader",
    .state_size = sizeof(reader_state),
    .enter = reader_enter,
    .layout = reader_layout,
    .gesture = reader_gesture,
    .key = reader_key,
    .update = reader_update,
    .draw = reader_draw,
    .leave = reader_leave,
};
