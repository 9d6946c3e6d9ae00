#include "ui/geometry.h"

#include <math.h>
#include <string.h>

/* Smallest text, in millimetres on the panel, whatever the resolution: on
 * the 7" 800x480 display, sizes from the picture height alone would be too
 * small to read at arm's length. */
static const float ui_min_text_mm[STYLE_COUNT] = {
    [STYLE_BODY] = 3.0f, [STYLE_TITLE] = 4.4f, [STYLE_CAPTION] = 2.4f, [STYLE_QUOTE] = 3.2f};

int ui_style_px(text_style_id style, int w, int h, float px_per_mm, bool large_text)
{
    int side = w < h ? w : h;
    int px = text_style_size(style, side, large_text);
    if ((unsigned)style >= STYLE_COUNT)
        return px;
    float min_px = ui_min_text_mm[style] * px_per_mm * (large_text ? TEXT_LARGE_FACTOR : 1.0f);
    if (px < (int)ceilf(min_px))
        px = (int)ceilf(min_px);
    return px;
}

/* Height of `lines` lines of a style at its size in m. */
static float lines_h(const ui_geometry *m, text_style_id s, int lines)
{
    return (float)lines * (float)m->text_px[s] * text_style_line_height(s);
}

static void home_geometry(ui_geometry *m)
{
    float u = m->u, mg = m->margin;
    /* The title is content: in reach mode it may stay above the zone, with
     * the language toggle (the top bar) and the choices below it. */
    m->home.title = (ui_rect){mg, u * 14, m->w - 2 * mg, u * 22};
    float top = fmaxf(m->home.title.y + m->home.title.h, m->reach_top > 0 ? m->top_bar.y + m->top_bar.h : 0) + u * 4;
    float bottom = m->h - mg;
    if (m->w >= m->h) { /* side by side */
        float w = (m->w - 2 * mg - u * 4) / 2;
        m->home.articles = (ui_rect){mg, top, w, bottom - top};
        m->home.timeline = (ui_rect){mg + w + u * 4, top, w, bottom - top};
    } else { /* stacked */
        float h = (bottom - top - u * 4) / 2;
        m->home.articles = (ui_rect){mg, top, m->w - 2 * mg, h};
        m->home.timeline = (ui_rect){mg, top + h + u * 4, m->w - 2 * mg, h};
    }
}

static void reader_geometry(ui_geometry *m)
{
    float u = m->u, mg = m->margin;
    float body = (float)m->text_px[STYLE_BODY];
    m->reader.col_w = fminf(m->w - 2 * mg, body * 40); /* about 40 characters a line */
    m->reader.col_x = (m->w - m->reader.col_w) / 2;
    m->reader.latin_w = body * UI_READER_LATIN_EM;
    float gap = u * 4, half = fminf((m->w - 2 * mg - gap) / 2, body * 40);
    if (half >= body * UI_READER_PAIR_MIN_EM) { /* centred, as the one column is */
        m->reader.pair_w = half;
        m->reader.pair_x[0] = (m->w - 2 * half - gap) / 2;
        m->reader.pair_x[1] = m->reader.pair_x[0] + half + gap;
    }
    /* Footer: two lines of source, then the navigation row. */
    float nav_h = u * 8, nav_w = u * 26;
    float src_h = 2 * m->text_px[STYLE_CAPTION] * text_style_line_height(STYLE_CAPTION);
    float footer_h = u * 2 + src_h + u * 1.5f + nav_h + mg * 0.5f;
    m->reader.footer = (ui_rect){0, m->h - footer_h, (float)m->w, footer_h};
    m->reader.prev = (ui_rect){mg, m->h - mg * 0.5f - nav_h, nav_w, nav_h};
    m->reader.next = (ui_rect){m->w - mg - nav_w, m->h - mg * 0.5f - nav_h, nav_w, nav_h};
    float top = m->chip_row.y + m->chip_row.h + u * 3;
    m->reader.view = (ui_rect){0, top, (float)m->w, m->reader.footer.y - top};
}

static void attract_geometry(ui_geometry *m)
{
    float u = m->u, mg = m->margin, pad = u * 5;
    float prompt_h = u * 12;
    m->attract.prompt = (ui_rect){0, m->h - prompt_h - mg * 0.5f, (float)m->w, prompt_h};
    m->attract.card = (ui_rect){mg, mg, m->w - 2 * mg, m->attract.prompt.y - mg * 1.5f};
    const ui_rect *c = &m->attract.card;
    m->attract.text = (ui_rect){c->x + pad, c->y + pad, c->w - 2 * pad, c->h - 2 * pad};
}

/* Portrait: the axis runs down the picture, between the chip row (and the
 * lanes' names under it) and the zoom buttons at the foot. */
static void timeline_geometry_vertical(ui_geometry *m)
{
    float u = m->u, mg = m->margin;
    float heads_y = m->chip_row.y + m->chip_row.h + u * 2, heads_h = u * 5;
    float top = heads_y + heads_h + u * 2;
    m->timeline.zoom_out = (ui_rect){m->w - mg - u * 22, m->h - mg * 0.6f - u * 8, u * 10, u * 8};
    m->timeline.zoom_in = (ui_rect){m->w - mg - u * 10, m->timeline.zoom_out.y, u * 10, u * 8};
    float bottom = m->timeline.zoom_out.y - u * 2;
    float era_w = u * 20, axis_w = u * 10, mini_w = u * 6;
    m->timeline.eras = (ui_rect){0, top, era_w, bottom - top};
    m->timeline.axis = (ui_rect){era_w, top, axis_w, bottom - top};
    m->timeline.minimap = (ui_rect){m->w - mg * 0.6f - mini_w, top, mini_w, bottom - top};
    float lanes_x = era_w + axis_w + u;
    m->timeline.lanes = (ui_rect){lanes_x, top, m->timeline.minimap.x - u * 2 - lanes_x, bottom - top};
    m->timeline.lane_heads = (ui_rect){lanes_x, heads_y, m->timeline.lanes.w, heads_h};
    m->timeline.lane_h = m->timeline.lanes.w / BUNDLE_TRACK_COUNT;
    m->timeline.view_x = top;
    m->timeline.view_w = bottom - top;
}

static void timeline_geometry(ui_geometry *m)
{
    float u = m->u, mg = m->margin, pad = u * 5;
    const ui_rect *back = &m->back;
    m->timeline.title =
        (ui_rect){back->x + back->w + u * 2, back->y, m->access.x - back->x - back->w - u * 4, back->h};
    m->timeline.vertical = m->h > m->w;
    if (m->timeline.vertical) {
        timeline_geometry_vertical(m);
    } else {
        float mini_h = u * 6, axis_h = u * 9, era_h = u * 7;
        m->timeline.minimap = (ui_rect){mg, m->h - mg * 0.6f - mini_h, m->w - 2 * mg - u * 24, mini_h};
        m->timeline.zoom_out = (ui_rect){m->w - mg - u * 22, m->timeline.minimap.y - u, u * 10, u * 8};
        m->timeline.zoom_in = (ui_rect){m->w - mg - u * 10, m->timeline.minimap.y - u, u * 10, u * 8};
        m->timeline.axis = (ui_rect){0, m->timeline.minimap.y - u * 3 - axis_h, (float)m->w, axis_h};
        m->timeline.eras = (ui_rect){0, m->chip_row.y + m->chip_row.h + u * 3, (float)m->w, era_h};
        float lanes_y = m->timeline.eras.y + era_h;
        m->timeline.lanes = (ui_rect){0, lanes_y, (float)m->w, m->timeline.axis.y - m->timeline.eras.y - era_h};
        m->timeline.lane_h = m->timeline.lanes.h / BUNDLE_TRACK_COUNT;
        m->timeline.view_x = mg;
        m->timeline.view_w = m->w - 2 * mg;
    }
    m->timeline.marker_r = fmaxf(u * 1.4f, 2.0f * m->px_per_mm);

    /* The detail card: a reading width in landscape, the whole width in
     * portrait. */
    float w = m->w >= m->h ? fminf(m->w * 0.72f, (float)m->text_px[STYLE_BODY] * 44) : m->w - 2 * mg;
    float h = m->h - 2 * mg - u * 4;
    m->timeline.card = (ui_rect){(m->w - w) / 2, (m->h - h) / 2, w, h};
    const ui_rect *c = &m->timeline.card;
    float bh = u * 9;
    m->timeline.card_close = (ui_rect){c->x + c->w - u * 18 - u * 3, c->y + u * 3, u * 18, u * 8};
    /* The bottom row: "read excerpts", then Listen and (in reach mode) close at the right. */
    ui_rect low_close = {c->x + c->w - u * 23, c->y + c->h - bh - u * 4, u * 18, bh};
    m->timeline.card_listen = (ui_rect){low_close.x - u * (m->reach_top > 0 ? 20 : 0), low_close.y, u * 18, bh};
    float read_w = fminf(u * 44, m->timeline.card_listen.x - u * 2 - (c->x + u * 5));
    m->timeline.card_read = (ui_rect){c->x + u * 5, low_close.y, read_w, bh};
    if (m->reach_top > 0) /* within reach: on the row of "read excerpts" */
        m->timeline.card_close = low_close;
    m->timeline.card_text = (ui_rect){c->x + pad, c->y + pad, c->w - 2 * pad, c->h - 2 * pad};
    /* The card's column: date (one title line), category and track (one
     * caption line), the title (two lines at most), then the summary, which
     * must end above the button. */
    float y = m->timeline.card_text.y + lines_h(m, STYLE_TITLE, 1) + u + lines_h(m, STYLE_CAPTION, 1) +
              u * 2 + lines_h(m, STYLE_TITLE, 2) + u * 2;
    m->timeline.summary_max_h = m->timeline.card_read.y - u * 3 - y;
}

void ui_geometry_compute(ui_geometry *m, int w, int h, float px_per_mm, bool large_text)
{
    ui_geometry_compute_reach(m, w, h, px_per_mm, large_text, 0);
}

void ui_geometry_compute_reach(ui_geometry *m, int w, int h, float px_per_mm, bool large_text, float reach_top)
{
    memset(m, 0, sizeof *m);
    m->reach_top = reach_top;
    m->w = w;
    m->h = h;
    m->px_per_mm = px_per_mm;
    m->large_text = large_text;
    int side = w < h ? w : h;
    m->u = (float)side / 100.0f;
    float u = m->u;
    m->margin = u * 5;
    for (int s = 0; s < STYLE_COUNT; s++)
        m->text_px[s] = ui_style_px((text_style_id)s, w, h, px_per_mm, large_text);
    m->control_px = m->text_px[STYLE_BODY];

    float t = reach_top;
    m->top_bar = (ui_rect){0, t, (float)w, u * 12};
    float bh = u * 8, bw = u * 22;
    m->back = (ui_rect){m->margin - u, t + u * 2, bw, bh};
    m->lang = (ui_rect){w - m->margin - bw + u, t + u * 2, bw, bh};
    m->chip_row = (ui_rect){m->margin, t + u * 12, w - 2 * m->margin, u * 7};
    m->chip_gap = u * 1.5f;

    home_geometry(m);
    reader_geometry(m);
    m->access = (ui_rect){m->lang.x - u * 2 - u * 16, m->lang.y, u * 16, bh};
    m->reader.listen = (ui_rect){m->access.x - u * 2 - bw, m->lang.y, bw, bh};
    m->home.listen = m->reader.listen;
    attract_geometry(m);
    timeline_geometry(m);
    float iw = fminf(w - 2 * m->margin, u * 110), ih = u * 46;
    m->idle = (ui_rect){(w - iw) / 2, (h - ih) / 2, iw, ih};
}

ui_rect ui_geometry_chip(const ui_geometry *m, size_t n, size_t i)
{
    float gap = m->chip_gap;
    float cw = (m->chip_row.w - gap * (float)(n > 0 ? n - 1 : 0)) / (float)(n ? n : 1);
    return (ui_rect){m->chip_row.x + (float)i * (cw + gap), m->chip_row.y, cw, m->chip_row.h};
}

void ui_geometry_fit(const ui_geometry *m, bundle_fit_areas *areas)
{
    *areas = (bundle_fit_areas){
        .screen_w = m->w,
        .screen_h = m->h,
        .card_w = (int)m->attract.text.w,
        .card_lines = UI_HEADING_LINES,
        .article_lines = UI_ARTICLE_TITLE_LINES,
        .reader_w = (int)m->reader.col_w,
        .reader_max_h = m->h * UI_FIT_SCROLL_SCREENS,
        .detail_w = (int)m->timeline.card_text.w,
        .detail_lines = UI_HEADING_LINES,
        .detail_max_h = (int)m->timeline.summary_max_h,
    };
}
