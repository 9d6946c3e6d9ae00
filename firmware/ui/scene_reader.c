/* Reader: the articles' excerpts, one at a time.
 *
 *   top bar   back, language
 *   chips     one per article; the current excerpt's article is lit
 *   column    heading (and its translation), section, the passage: scrolls
 *             vertically with inertia and a rubber band at the ends
 *   footer    the source (authors, article, venue, date), always visible,
 *             and previous / "n / N" / next
 * A horizontal swipe moves to the next or previous excerpt: the page follows
 * the finger and slides on when released past READER_SWIPE_FRACTION of the
 * width or flicked; otherwise it springs back. Excerpts stay in Chinese in
 * both languages; the heading, the source and the controls follow the
 * language. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/kinetic.h"
#include "ui/scenes.h"
#include "ui/widgets.h"

#define READER_SWIPE_FRACTION 0.18f /* of the width, to turn the page */
#define READER_SWIPE_SPEED_MM 90.0f /* a flick this fast turns it whatever the distance */
#define READER_SLIDE_RATE 14.0      /* 1/s: how fast a page slides into place */
#define READER_MAX_CHIPS 16

typedef enum { AXIS_NONE, AXIS_VERTICAL, AXIS_HORIZONTAL } pan_axis;

static struct {
    size_t pending;          /* excerpt to open on enter... */
    long pending_article;    /* ...or the first excerpt of this article (-1: none) */
    size_t cur;
    double since;            /* when cur was opened (reading time) */
    kinetic scroll;          /* pos = px scrolled down */
    pan_axis axis;
    float slide;             /* px the page is displaced horizontally */
    float rested_pos;        /* scroll position last traced at rest */
    float content_h;         /* heading + passage, px */
    ui_rect back, lang, prev, next, view, footer;
    ui_rect chip[READER_MAX_CHIPS];
    size_t chips;
    float col_x, col_w;
} rd;

void scene_reader_open_excerpt(size_t excerpt)
{
    rd.pending = excerpt;
    rd.pending_article = -1;
}

void scene_reader_open_article(size_t article)
{
    rd.pending = 0;
    rd.pending_article = (long)article; /* resolved in enter, when the bundle is at hand */
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
    const bundle_excerpt *e = &ctx->b->excerpts[rd.cur];
    jsonw *w = trace_begin(ctx->tr, ctx->now, "excerpt");
    if (w) {
        jsonw_key(w, "id");
        jsonw_str(w, e->id);
        jsonw_key(w, "index");
        jsonw_int(w, (long long)rd.cur);
        jsonw_key(w, "article");
        jsonw_str(w, ctx->b->articles[e->article].id);
        trace_end(ctx->tr);
    }
    stats_count(ctx->st, STATS_EXCERPT, e->id, ui_wall(ctx));
}

static void end_reading(ui_ctx *ctx)
{
    if (rd.cur < ctx->b->excerpt_count)
        stats_add_seconds(ctx->st, STATS_EXCERPT, ctx->b->excerpts[rd.cur].id, ctx->now - rd.since,
                          ui_wall(ctx));
}

/* Opens excerpt i; `from` is where the new page enters (px, 0: in place). */
static void open_excerpt(ui_ctx *ctx, size_t i, float from)
{
    end_reading(ctx);
    rd.cur = i;
    rd.since = ctx->now;
    rd.slide = ctx->reduced_motion ? 0 : from;
    kinetic_jump(&rd.scroll, 0);
    rd.rested_pos = 0;
    trace_excerpt(ctx);
    ui_relayout(ctx); /* the current excerpt is a target; content height changes */
}

static void reader_enter(ui_ctx *ctx)
{
    const bundle *b = ctx->b;
    size_t p = rd.pending;
    if (rd.pending_article >= 0 && (size_t)rd.pending_article < b->article_count)
        p = first_of_article(b, (size_t)rd.pending_article);
    rd.cur = p < b->excerpt_count ? p : 0;
    rd.pending = 0;
    rd.pending_article = -1;
    rd.since = ctx->now;
    rd.slide = 0;
    rd.axis = AXIS_NONE;
    kinetic_init(&rd.scroll, 0, 0, (float)ctx->h);
    rd.rested_pos = 0;
    trace_excerpt(ctx);
}

static void reader_leave(ui_ctx *ctx) { end_reading(ctx); }

/* Heading block and passage, laid out at the column width; returns the
 * height. With draw, draws them with the top at y. */
static float content(ui_ctx *ctx, float x, float y, bool draw)
{
    const ui_palette *p = &ctx->pal;
    const bundle_excerpt *e = &ctx->b->excerpts[rd.cur];
    bundle_lang other = ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH;
    float u = ctx->u, y0 = y, w = rd.col_w;
    ui_text_opts head = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 0};
    ui_text_opts sub = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 0};
    ui_text_opts body = {STYLE_BODY, 0, TEXT_ALIGN_START, true, 0};
    const text_layout *l = ui_layout(ctx, e->heading.s[ctx->lang], w, &head);
    if (draw)
        ui_draw_layout(ctx, l, x, y, p->text);
    y += l->height + u;
    l = ui_layout(ctx, e->heading.s[other], w, &sub);
    if (draw)
        ui_draw_layout(ctx, l, x, y, p->muted);
    y += l->height;
    if (e->section) {
        char sec[512];
        snprintf(sec, sizeof sec, "%s · %s", ui_str(ctx, "section"), e->section);
        l = ui_layout(ctx, sec, w, &sub);
        y += u;
        if (draw)
            ui_draw_layout(ctx, l, x, y, p->accent);
        y += l->height;
    }
    y += u * 4;
    for (size_t i = 0; i < e->paragraph_count; i++) {
        l = ui_layout(ctx, e->paragraphs[i], w, &body);
        if (draw)
            ui_draw_layout(ctx, l, x, y, p->text);
        y += l->height + (i + 1 < e->paragraph_count ? ui_text_size(ctx, STYLE_BODY) * 0.8f : 0);
    }
    return y - y0 + u * 4;
}

static void reader_layout(ui_ctx *ctx)
{
    const bundle *b = ctx->b;
    float m = ui_margin(ctx), u = ctx->u;
    rd.back = ui_back_rect(ctx);
    rd.lang = ui_lang_rect(ctx);
    float chip_y = u * 12, chip_h = u * 7;
    rd.chips = b->article_count < READER_MAX_CHIPS ? b->article_count : READER_MAX_CHIPS;
    float gap = u * 1.5f, cw = (ctx->w - 2 * m - gap * (float)(rd.chips - 1)) / (float)(rd.chips ? rd.chips : 1);
    for (size_t i = 0; i < rd.chips; i++)
        rd.chip[i] = (ui_rect){m + (float)i * (cw + gap), chip_y, cw, chip_h};

    float body = (float)ui_text_size(ctx, STYLE_BODY);
    rd.col_w = fminf(ctx->w - 2 * m, body * 40);
    rd.col_x = (ctx->w - rd.col_w) / 2;
    /* Footer: two lines of source, then the navigation row. */
    float nav_h = u * 8, nav_w = u * 26;
    float src_h = 2 * ui_text_size(ctx, STYLE_CAPTION) * text_style_line_height(STYLE_CAPTION);
    float footer_h = u * 2 + src_h + u * 1.5f + nav_h + m * 0.5f;
    rd.footer = (ui_rect){0, ctx->h - footer_h, (float)ctx->w, footer_h};
    rd.prev = (ui_rect){m, ctx->h - m * 0.5f - nav_h, nav_w, nav_h};
    rd.next = (ui_rect){ctx->w - m - nav_w, ctx->h - m * 0.5f - nav_h, nav_w, nav_h};
    rd.view = (ui_rect){0, chip_y + chip_h + u * 3, (float)ctx->w, rd.footer.y - (chip_y + chip_h + u * 3)};

    rd.content_h = content(ctx, rd.col_x, 0, false);
    float max = rd.content_h - rd.view.h;
    rd.scroll.viewport = rd.view.h;
    kinetic_set_bounds(&rd.scroll, 0, max > 0 ? max : 0);

    targets_add(&ctx->targets, "back", rd.back.x, rd.back.y, rd.back.w, rd.back.h);
    targets_add(&ctx->targets, "lang", rd.lang.x, rd.lang.y, rd.lang.w, rd.lang.h);
    for (size_t i = 0; i < rd.chips; i++) {
        char id[TARGETS_ID_MAX];
        snprintf(id, sizeof id, "article:%s", b->articles[i].id);
        targets_add(&ctx->targets, id, rd.chip[i].x, rd.chip[i].y, rd.chip[i].w, rd.chip[i].h);
    }
    targets_add(&ctx->targets, b->excerpts[rd.cur].id, rd.view.x, rd.view.y, rd.view.w, rd.view.h);
    if (rd.cur > 0)
        targets_add(&ctx->targets, "prev", rd.prev.x, rd.prev.y, rd.prev.w, rd.prev.h);
    if (rd.cur + 1 < b->excerpt_count)
        targets_add(&ctx->targets, "next", rd.next.x, rd.next.y, rd.next.w, rd.next.h);
}

static void turn(ui_ctx *ctx, int dir)
{
    size_t n = ctx->b->excerpt_count;
    if (dir > 0 && rd.cur + 1 < n)
        open_excerpt(ctx, rd.cur + 1, rd.slide + (float)ctx->w);
    else if (dir < 0 && rd.cur > 0)
        open_excerpt(ctx, rd.cur - 1, rd.slide - (float)ctx->w);
}

static void reader_gesture(ui_ctx *ctx, const gesture_event *g)
{
    switch (g->type) {
    case GESTURE_TAP: {
        const target *t = targets_hit(&ctx->targets, g->x, g->y);
        if (!t)
            return;
        if (strcmp(t->id, "back") == 0) {
            ui_set_scene(ctx, &scene_home);
        } else if (strcmp(t->id, "lang") == 0) {
            ui_set_language(ctx, ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH);
        } else if (strcmp(t->id, "prev") == 0) {
            turn(ctx, -1);
        } else if (strcmp(t->id, "next") == 0) {
            turn(ctx, 1);
        } else if (strncmp(t->id, "article:", 8) == 0) {
            long a = bundle_find_article(ctx->b, t->id + 8);
            if (a >= 0 && ctx->b->excerpts[rd.cur].article != (size_t)a)
                open_excerpt(ctx, first_of_article(ctx->b, (size_t)a), 0);
        }
        return;
    }
    case GESTURE_PAN_BEGIN:
        rd.axis = fabsf(g->total_x) > fabsf(g->total_y) ? AXIS_HORIZONTAL : AXIS_VERTICAL;
        if (rd.axis == AXIS_VERTICAL) {
            kinetic_grab(&rd.scroll);
            kinetic_drag(&rd.scroll, -g->total_y);
        } else {
            rd.slide = g->total_x;
        }
        ctx->dirty = true;
        return;
    case GESTURE_PAN_MOVE:
        if (rd.axis == AXIS_VERTICAL) {
            kinetic_drag(&rd.scroll, -g->dy);
        } else if (rd.axis == AXIS_HORIZONTAL) {
            bool edge = (g->total_x > 0 && rd.cur == 0) ||
                        (g->total_x < 0 && rd.cur + 1 >= ctx->b->excerpt_count);
            float x = g->total_x;
            /* No page beyond the ends: the page resists like the rubber band. */
            rd.slide = edge ? copysignf(kinetic_rubber(fabsf(x), (float)ctx->w), x) : x;
        }
        ctx->dirty = true;
        return;
    case GESTURE_PAN_END:
        if (rd.axis == AXIS_VERTICAL) {
            kinetic_drag(&rd.scroll, -g->dy);
            kinetic_release(&rd.scroll, -g->vy);
        } else if (rd.axis == AXIS_HORIZONTAL) {
            float flick = READER_SWIPE_SPEED_MM * ctx->px_per_mm;
            if (g->total_x < -ctx->w * READER_SWIPE_FRACTION || g->vx < -flick)
                turn(ctx, 1);
            else if (g->total_x > ctx->w * READER_SWIPE_FRACTION || g->vx > flick)
                turn(ctx, -1);
        }
        rd.axis = AXIS_NONE;
        ctx->dirty = true;
        return;
    case GESTURE_CANCEL:
        if (rd.axis == AXIS_VERTICAL)
            kinetic_release(&rd.scroll, 0);
        rd.axis = AXIS_NONE;
        ctx->dirty = true;
        return;
    default:
        return;
    }
}

static void reader_key(ui_ctx *ctx, const char *key)
{
    if (strcmp(key, "right") == 0)
        turn(ctx, 1);
    else if (strcmp(key, "left") == 0)
        turn(ctx, -1);
    else if (strcmp(key, "escape") == 0 || strcmp(key, "backspace") == 0)
        ui_set_scene(ctx, &scene_home);
    else if (strcmp(key, "down") == 0 || strcmp(key, "up") == 0) {
        kinetic_release(&rd.scroll, (strcmp(key, "down") == 0 ? 1 : -1) * ctx->h * 1.5f);
        ctx->dirty = true;
    }
}

static void reader_update(ui_ctx *ctx)
{
    rd.scroll.reduced_motion = ctx->reduced_motion;
    if (kinetic_step(&rd.scroll, ctx->dt)) {
        ctx->animating = true;
        ctx->dirty = true;
    } else if (rd.scroll.phase == KINETIC_IDLE && rd.scroll.pos != rd.rested_pos) {
        rd.rested_pos = rd.scroll.pos;
        jsonw *w = trace_begin(ctx->tr, ctx->now, "scroll");
        if (w) {
            jsonw_key(w, "pos");
            jsonw_int(w, lroundf(rd.scroll.pos));
            jsonw_key(w, "max");
            jsonw_int(w, lroundf(rd.scroll.max));
            trace_end(ctx->tr);
        }
    }
    if (rd.axis != AXIS_HORIZONTAL && rd.slide != 0) {
        rd.slide *= (float)exp(-READER_SLIDE_RATE * ctx->dt);
        if (fabsf(rd.slide) < 0.5f || ctx->reduced_motion)
            rd.slide = 0;
        ctx->animating = true;
        ctx->dirty = true;
    }
}

static void reader_draw(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const bundle_excerpt *e = &b->excerpts[rd.cur];
    const bundle_article *a = &b->articles[e->article];
    float u = ctx->u, m = ui_margin(ctx);
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);

    /* The passage, clipped to its view and displaced by scroll and slide. */
    SDL_Rect clip = {0, (int)rd.view.y, ctx->w, (int)rd.view.h};
    render_set_clip(ctx->rd, &clip);
    content(ctx, rd.col_x + rd.slide, rd.view.y - rd.scroll.pos, true);
    render_set_clip(ctx->rd, NULL);

    /* Bars on top of the passage. */
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, rd.view.y}, p->bg);
    ui_back_button(ctx, rd.back);
    ui_lang_toggle(ctx, rd.lang);
    ui_text_opts ct = {STYLE_CAPTION, 0, TEXT_ALIGN_CENTRE, false, 1};
    for (size_t i = 0; i < rd.chips; i++) {
        bool on = e->article == i;
        ui_chip(ctx, rd.chip[i], b->articles[i].title.s[ctx->lang], on ? p->accent : p->line, on,
                ui_text_size(ctx, STYLE_CAPTION));
    }
    (void)ct;

    ui_fill(ctx, rd.footer, p->surface);
    ui_fill(ctx, (ui_rect){0, rd.footer.y, (float)ctx->w, 1 + u * 0.2f}, p->line);
    char src[1024];
    const char *venue = a->venue.s[ctx->lang] ? a->venue.s[ctx->lang] : "";
    /* The date is often part of the venue ("2025年第13期"): say it once. */
    bool date = a->date && !strstr(venue, a->date);
    snprintf(src, sizeof src, "%s：%s《%s》%s%s%s", ui_str(ctx, "source"),
             a->authors.s[ctx->lang] ? a->authors.s[ctx->lang] : "", a->title.s[ctx->lang], venue,
             date ? " · " : "", date ? a->date : "");
    ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 2};
    ui_text(ctx, src, m, rd.footer.y + u * 2, ctx->w - 2 * m, &so, p->muted);

    if (rd.cur > 0)
        ui_button(ctx, rd.prev, ui_str(ctx, "previous"), UI_BUTTON_SECONDARY, 0);
    if (rd.cur + 1 < b->excerpt_count)
        ui_button(ctx, rd.next, ui_str(ctx, "next"), UI_BUTTON_SECONDARY, 0);
    char page[32];
    snprintf(page, sizeof page, "%zu / %zu", rd.cur + 1, b->excerpt_count);
    ui_text_opts po = {STYLE_BODY, 0, TEXT_ALIGN_CENTRE, false, 1};
    const text_layout *l = ui_layout(ctx, page, (float)ctx->w, &po);
    if (l)
        ui_draw_layout(ctx, l, 0, rd.prev.y + (rd.prev.h - l->height) / 2, p->text);

    /* A hint while more text waits below. */
    if (rd.scroll.max > 0 && rd.scroll.pos < rd.scroll.max - u) {
        ui_text_opts ho = {STYLE_CAPTION, 0, TEXT_ALIGN_CENTRE, false, 1};
        const text_layout *h = ui_layout(ctx, ui_str(ctx, "scroll_hint"), (float)ctx->w, &ho);
        if (h) {
            float y = rd.footer.y - h->height - u;
            ui_fill(ctx, (ui_rect){0, y - u, (float)ctx->w, h->height + u * 2}, ui_alpha(p->bg, 0.85f));
            ui_draw_layout(ctx, h, 0, y, p->accent);
        }
    }
}

const ui_scene scene_reader = {
    .name = "reader",
    .enter = reader_enter,
    .layout = reader_layout,
    .gesture = reader_gesture,
    .key = reader_key,
    .update = reader_update,
    .draw = reader_draw,
    .leave = reader_leave,
};
