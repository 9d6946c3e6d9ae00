/* tl_controls: the timeline's drawing of what stays in place over the
 * scrolled view (drawn after ui/tl_draw.c, in this order): the controls
 * around the view (top bar, title, filter chips, minimap, zoom buttons),
 * the lanes' names, and the detail card of the selected event. Places come
 * from ui/geometry.c (timeline_geometry); per frame, no allocation. Shared
 * with the rest of the scene through ui/tl_private.h. */
#include "ui/tl_private.h"

#include <math.h>
#include <stdio.h>

#include "content/date.h"
#include "ui/listen.h"
#include "ui/widgets.h"

#define TL_QUOTE_LINES 5     /* lines of each quote on the detail card */
#define TL_SOURCE_LINES_EN 2 /* lines of its source in English, at most */

static const char *category_key(bundle_category c)
{
    static const char *const k[] = {"category_dialogue", "category_incident", "category_policy",
                                    "category_multilateral"};
    return k[c];
}

static const char *track_key(bundle_track t)
{
    static const char *const k[] = {"track_government", "track_track2", "track_multilateral"};
    return k[t];
}

/* ---- the controls ------------------------------------------------------- */

static void draw_minimap(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const tlview *v = &scene_state(ctx)->view;
    ui_rect m = ctx->m.timeline.minimap;
    float u = ctx->m.u;
    double total = timescale_total(&v->ts);
    bool vt = tl_vert(ctx);
    float a0 = vt ? m.y : m.x, alen = vt ? m.h : m.w, c0 = vt ? m.x : m.y, clen = vt ? m.w : m.h;
    ui_round(ctx, m, u, p->surface);
    for (size_t i = 0; i < ctx->b->event_count; i++) {
        if (!tlview_visible(v, i))
            continue;
        float a = a0 + (float)(v->units[i] / total) * alen;
        ui_fill(ctx, tl_rect_of(ctx, a - 1, 2 + u * 0.15f, c0 + clen * 0.25f, clen * 0.5f),
                p->category[ctx->b->events[i].category]);
    }
    float fa = (float)(v->pan.pos / v->scale / total),
          fb = (float)((v->pan.pos + v->view_w) / v->scale / total);
    fa = fmaxf(fa, 0);
    fb = fminf(fb, 1);
    /* The visible window: a frame of four bars over the strip. */
    float t = 2 + u * 0.2f, wa = a0 + fa * alen, wl = fmaxf((fb - fa) * alen, u * 2);
    ui_fill(ctx, tl_rect_of(ctx, wa, wl, c0, t), p->text);
    ui_fill(ctx, tl_rect_of(ctx, wa, wl, c0 + clen - t, t), p->text);
    ui_fill(ctx, tl_rect_of(ctx, wa, t, c0, clen), p->text);
    ui_fill(ctx, tl_rect_of(ctx, wa + wl - t, t, c0, clen), p->text);
    float ta = a0 + (float)(v->today_units / total) * alen;
    ui_fill(ctx, tl_rect_of(ctx, ta - 1, 2, c0, clen), p->accent);
}

/* The screen's title: in the top bar between Back and the accessibility
 * button; in reach mode, when the band above the reachable rows has room,
 * in that band instead (large, with the other language's name under it),
 * which would otherwise stay empty. */
static void draw_title(ui_ctx *ctx)
{
    const ui_geometry *m = &ctx->m;
    const ui_palette *p = &ctx->pal;
    float u = m->u;
    bundle_lang other = ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH;
    if (m->reach_top > 0) {
        float w = ctx->w - 2 * m->margin;
        ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
        ui_text_opts so = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
        const text_layout *l = ui_layout(ctx, ui_str(ctx, "timeline"), w, &to);
        const text_layout *sub = ui_layout(ctx, bundle_string(ctx->b, "timeline", other), w, &so);
        float h = (l ? l->height : 0) + u + (sub ? sub->height : 0);
        if (l && sub && h + u * 8 <= m->reach_top) {
            float y = m->reach_top - u * 4 - h;
            ui_draw_layout(ctx, l, m->margin, y, p->text);
            ui_draw_layout(ctx, sub, m->margin, y + l->height + u, p->muted);
            return;
        }
    }
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_CENTRE, false, 1};
    const ui_rect *title = &m->timeline.title;
    const text_layout *l = ui_layout(ctx, ui_str(ctx, "timeline"), title->w, &to);
    if (l && l->truncated) { /* a narrow bar (portrait, with the accessibility button): smaller, whole */
        to.size_px = ui_text_size(ctx, STYLE_BODY);
        to.max_lines = 2;
        l = ui_layout(ctx, ui_str(ctx, "timeline"), title->w, &to);
    }
    if (l)
        ui_draw_layout(ctx, l, title->x, title->y + (title->h - l->height) / 2, p->text);
}

void tl_draw_controls(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const ui_geometry *m = &ctx->m;
    const tlview *v = &scene_state(ctx)->view;
    float u = m->u;
    if (tl_vert(ctx)) {
        ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, m->timeline.view_x}, p->bg);
        float end = m->timeline.view_x + m->timeline.view_w;
        ui_fill(ctx, (ui_rect){0, end, (float)ctx->w, ctx->h - end}, p->bg);
    } else {
        ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, m->timeline.eras.y - u}, p->bg);
        float mini_y = m->timeline.minimap.y;
        ui_fill(ctx, (ui_rect){0, mini_y - u * 2, (float)ctx->w, ctx->h - mini_y + u * 2}, p->bg);
    }
    ui_back_button(ctx, m->back);
    ui_lang_toggle(ctx, m->lang);
    draw_title(ctx);
    bool all = tlview_all_shown(v);
    int cs = ui_text_size(ctx, STYLE_CAPTION);
    ui_chip(ctx, ui_geometry_chip(m, BUNDLE_CAT_COUNT + 1, 0), ui_str(ctx, "all_categories"), p->accent, all,
            cs);
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        ui_chip(ctx, ui_geometry_chip(m, BUNDLE_CAT_COUNT + 1, (size_t)c + 1),
                ui_str(ctx, category_key((bundle_category)c)), p->category[c], v->cat_on[c] && !all, cs);
    draw_minimap(ctx);
    ui_button(ctx, m->timeline.zoom_out, "−", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
    ui_button(ctx, m->timeline.zoom_in, "+", UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
}

/* ---- the lanes' names --------------------------------------------------- */

void tl_draw_lane_labels(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const ui_geometry *m = &ctx->m;
    float u = m->u;
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    for (int t = 0; t < BUNDLE_TRACK_COUNT; t++) {
        const char *s = ui_str(ctx, track_key((bundle_track)t));
        if (tl_vert(ctx)) {
            const ui_rect *hd = &m->timeline.lane_heads;
            float x = hd->x + m->timeline.lane_h * t;
            ui_text(ctx, s, x + u, hd->y + (hd->h - tl_label_h(ctx)) / 2, m->timeline.lane_h - u * 2, &o,
                    p->muted);
            continue;
        }
        float w = ui_text_width(ctx, s, STYLE_CAPTION, 0);
        float y = m->timeline.lanes.y + m->timeline.lane_h * t + u;
        ui_round(ctx, (ui_rect){u, y, w + u * 2, u * 5}, u, p->bg);
        ui_text(ctx, s, u * 2, y + u * 0.6f, w + u, &o, p->muted);
    }
}

/* ---- the detail card ----------------------------------------------------- */

/* Draws text s like ui_text, over the read-along highlight of the sentence
 * Listen reads in it (ui_listen_highlight); returns the height drawn. */
static float heard_text(ui_ctx *ctx, const char *s, float x, float y, float width, const ui_text_opts *o,
                        dl_colour c)
{
    const text_layout *l = ui_layout(ctx, s, width, o);
    if (!l)
        return 0;
    ui_listen_highlight(ctx, s, l, x, y, true, NULL, NULL);
    ui_draw_layout(ctx, l, x, y, c);
    return l->height;
}

void tl_draw_card(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    const bundle_event *e = &b->events[scene_state(ctx)->selected];
    const ui_geometry *m = &ctx->m;
    const ui_rect *card = &m->timeline.card;
    float u = m->u;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->scrim);
    ui_round(ctx, *card, u * 2.5f, p->surface);
    if (ctx->high_contrast)
        ui_outline(ctx, *card, u * 2.5f, 2, p->line, p->surface);
    ui_button(ctx, m->timeline.card_close, ui_str(ctx, "close"), UI_BUTTON_SECONDARY, 0);
    if (listen_available(ctx)) {
        listen_phase ph = listen_phase_of(ctx, e->id);
        ui_button(ctx, m->timeline.card_listen, ui_str(ctx, ph == LISTEN_PLAYING ? "pause" : "listen"),
                  ph == LISTEN_IDLE ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY, 0);
    }
    float x = m->timeline.card_text.x, w = m->timeline.card_text.w, y = m->timeline.card_text.y;
    /* While Listen reads the card, the date is the copy it reads (the
     * highlight finds a text by its pointer). */
    char own[96];
    const char *date = own;
    if (listen_phase_of(ctx, e->id) != LISTEN_IDLE)
        date = scene_state(ctx)->card_date;
    else
        date_display(e->when, &e->date, &e->date_to, ctx->lang, own, sizeof own);
    ui_text_opts dt = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
    y += heard_text(ctx, date, x, y, m->timeline.card_close.x - x - u * 2, &dt, p->category[e->category]);
    char meta[256];
    snprintf(meta, sizeof meta, "%s · %s", ui_str(ctx, category_key(e->category)),
             ui_str(ctx, track_key(e->track)));
    ui_text_opts mo = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += u;
    y += ui_text(ctx, meta, x, y, w, &mo, p->muted) + u * 2;
    ui_text_opts to = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, UI_HEADING_LINES};
    y += heard_text(ctx, e->title.s[ctx->lang], x, y, w, &to, p->text) + u * 2;
    /* Chinese is justified; English is set ragged right, as English prose
     * in a narrow column is (without hyphenation, justified English opens
     * rivers of space between its words). */
    ui_text_opts so = {STYLE_BODY, 0, TEXT_ALIGN_START, ctx->lang != BUNDLE_EN, 0};
    y += heard_text(ctx, e->summary.s[ctx->lang], x, y, w, &so, p->text) + u * 3;
    /* The supporting quotes: the article's own words, with their source. */
    float limit = m->timeline.card_read.y - u * 3;
    for (size_t s = 0; s < e->source_count && y < limit; s++) {
        /* Its source under it, room kept for it: one line in Chinese, as
         * the card has always had it; up to TL_SOURCE_LINES_EN in English,
         * whose titles run longer. */
        char src[512];
        ui_cite(ctx, &b->articles[e->sources[s].article], ctx->lang, UI_CITE_TITLE, src, sizeof src);
        ui_text_opts ao = {STYLE_CAPTION, 0, TEXT_ALIGN_END, false,
                           ctx->lang == BUNDLE_EN ? TL_SOURCE_LINES_EN : 1};
        const text_layout *sl = ui_layout(ctx, src, w, &ao);
        float src_h = fmaxf(ui_text_size(ctx, STYLE_CAPTION) * 2, sl ? sl->height : 0);
        int qs = ui_text_size(ctx, STYLE_QUOTE);
        int lines = (int)floorf((limit - y - src_h) / (qs * text_style_line_height(STYLE_QUOTE)));
        if (lines > TL_QUOTE_LINES)
            lines = TL_QUOTE_LINES;
        if (lines < 1)
            break;
        ui_fill(ctx, (ui_rect){x, y, u * 0.6f, qs * text_style_line_height(STYLE_QUOTE) * 1.0f}, p->accent);
        ui_text_opts qo = {STYLE_QUOTE, 0, TEXT_ALIGN_START, true, lines};
        y += ui_text(ctx, e->sources[s].quote, x + u * 3, y, w - u * 3, &qo, p->text) + u;
        if (sl) /* still valid: a frame's layouts stay until it is drawn (text/layout.h) */
            ui_draw_layout(ctx, sl, x, y, p->muted);
        y += (sl ? sl->height : 0) + u * 2;
    }
    ui_button(ctx, m->timeline.card_read, ui_str(ctx, "read_article"), UI_BUTTON_PRIMARY, 0);
}
