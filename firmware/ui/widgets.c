#include "ui/widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "text/charclass.h"
#include "ui/uistrings.h"

const text_layout *ui_layout(ui_ctx *ctx, const char *s, float width, const ui_text_opts *o)
{
    if (!s)
        s = "";
    text_params p = {0};
    p.style = o->style;
    p.size_px = o->size_px > 0 ? o->size_px : ui_text_size(ctx, o->style);
    p.width_px = width > 1 ? (int)width : 1;
    p.justify = o->justify;
    p.align = o->align;
    p.max_lines = o->max_lines;
    return text_lay_out(ctx->te, s, strlen(s), &p);
}

void ui_draw_layout(ui_ctx *ctx, const text_layout *l, float x, float y, dl_colour c)
{
    dl_glyphs(&ctx->dl, l, x, y, c);
}

float ui_text(ui_ctx *ctx, const char *s, float x, float y, float width, const ui_text_opts *o,
              dl_colour c)
{
    const text_layout *l = ui_layout(ctx, s, width, o);
    if (!l)
        return 0;
    ui_draw_layout(ctx, l, x, y, c);
    return l->height;
}

float ui_label_note(ui_ctx *ctx, const char *label, const char *note, float x, float y, float width,
                    bool draw)
{
    ui_text_opts o = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 0};
    const text_layout *l = ui_layout(ctx, label, width, &o);
    float h = l ? l->height : 0, gap = (float)ui_text_size(ctx, STYLE_CAPTION);
    float lw = l && l->line_count == 1 ? l->max_line_width + gap : -1;
    bool beside = lw > 0 && note && lw + ui_text_width(ctx, note, STYLE_CAPTION, 0) <= width;
    const text_layout *n = note ? ui_layout(ctx, note, beside ? width - lw : width, &o) : NULL;
    float nx = beside ? x + lw : x;
    if (draw) { /* each part only when it reaches into the picture (a page sliding in) */
        if (l && x < ctx->w && x + l->max_line_width > 0)
            ui_draw_layout(ctx, l, x, y, ctx->pal.accent);
        if (n && nx < ctx->w && nx + n->max_line_width > 0)
            ui_draw_layout(ctx, n, nx, beside ? y : y + h, ctx->pal.muted);
    }
    return beside || !n ? h : h + n->height;
}

/* Appends s to buf (len bytes, *at used), whole characters only. */
static void cite_put(char *buf, size_t len, size_t *at, const char *s)
{
    size_t n = strlen(s);
    if (*at + n >= len) {
        n = len - 1 - *at;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* s[n] continues a character */
            n--;
    }
    memcpy(buf + *at, s, n);
    *at += n;
    buf[*at] = '\0';
}

static bool has_han(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += utf8_next(s + i, n - i, &c);
        if (charclass_is_cjk(c))
            return true;
    }
    return false;
}

/* The date a citation gives (ui_cite), or NULL. */
static const char *cite_date(const ui_ctx *ctx, const bundle_article *a, bundle_lang lang, const char *venue)
{
    const char *d = a->date;
    if (!d || !*d)
        return NULL;
    if (lang == BUNDLE_EN) {
        const char *none = uistrings_get(ctx->b, "not_dated", BUNDLE_ZH);
        if (*none && strncmp(d, none, strlen(none)) == 0)
            return uistrings_get(ctx->b, "not_dated", BUNDLE_EN);
        if (has_han(d))
            return NULL;
    }
    /* The date is often part of the venue ("2025年第13期"): say it once. */
    return strstr(venue, d) ? NULL : d;
}

void ui_cite(const ui_ctx *ctx, const bundle_article *a, bundle_lang lang, ui_cite_form form, char *buf,
             size_t len)
{
    size_t at = 0;
    if (len == 0)
        return;
    buf[0] = '\0';
    bool en = lang == BUNDLE_EN;
    const char *authors = a->authors.s[lang] ? a->authors.s[lang] : "";
    const char *title = a->title.s[lang] ? a->title.s[lang] : "";
    const char *venue = a->venue.s[lang] ? a->venue.s[lang] : "";
    if (form == UI_CITE_SOURCE) {
        cite_put(buf, len, &at, uistrings_get(ctx->b, "source", lang));
        cite_put(buf, len, &at, en ? ": " : "：");
    } else {
        cite_put(buf, len, &at, en ? "— " : form == UI_CITE_BY ? "—— " : "——");
    }
    if (form != UI_CITE_TITLE && (*authors || !en)) {
        cite_put(buf, len, &at, authors);
        cite_put(buf, len, &at, en ? ", " : "");
    }
    cite_put(buf, len, &at, en ? UI_QUOTE_OPEN : "《");
    cite_put(buf, len, &at, title);
    cite_put(buf, len, &at, en ? UI_QUOTE_CLOSE : "》");
    if (form != UI_CITE_SOURCE)
        return;
    const char *date = cite_date(ctx, a, lang, venue);
    if (!en) {
        cite_put(buf, len, &at, venue);
        cite_put(buf, len, &at, date ? " · " : "");
        cite_put(buf, len, &at, date ? date : "");
        return;
    }
    size_t tl = strlen(title);
    bool asks = tl > 0 && (title[tl - 1] == '?' || title[tl - 1] == '!'); /* "…possible?" World …: no comma */
    const char *rest[] = {venue, date ? date : ""};
    for (size_t i = 0; i < 2; i++) {
        if (!*rest[i])
            continue;
        cite_put(buf, len, &at, asks ? " " : ", ");
        cite_put(buf, len, &at, rest[i]);
        asks = false;
    }
}

float ui_text_width(ui_ctx *ctx, const char *s, text_style_id style, int size_px)
{
    if (!s)
        return 0;
    return text_measure(ctx->te, s, strlen(s), style, size_px > 0 ? size_px : ui_text_size(ctx, style));
}

void ui_fill(ui_ctx *ctx, ui_rect r, dl_colour c) { dl_rect(&ctx->dl, r.x, r.y, r.w, r.h, c); }

void ui_round(ui_ctx *ctx, ui_rect r, float radius, dl_colour c)
{
    dl_round(&ctx->dl, r.x, r.y, r.w, r.h, radius, c);
}

void ui_circle(ui_ctx *ctx, float cx, float cy, float radius, dl_colour c)
{
    if (cx + radius <= 0 || cx - radius >= ctx->w || cy + radius <= 0 || cy - radius >= ctx->h)
        return; /* wholly outside the picture (a marker scrolled off) */
    dl_round(&ctx->dl, cx - radius, cy - radius, 2 * radius, 2 * radius, radius, c);
}

void ui_outline(ui_ctx *ctx, ui_rect r, float radius, float t, dl_colour c, dl_colour inside)
{
    /* A filled shape with the inside painted over: clean corners at any radius. */
    ui_round(ctx, r, radius, c);
    ui_rect in = {r.x + t, r.y + t, r.w - 2 * t, r.h - 2 * t};
    float ir = radius - t;
    if (in.w > 0 && in.h > 0)
        ui_round(ctx, in, ir > 0 ? ir : 0, inside);
}

int ui_control_size(const ui_ctx *ctx) { return ctx->m.control_px; }

bool ui_listen_highlight(ui_ctx *ctx, const char *s, const text_layout *l, float x, float y, bool draw,
                         float *top, float *bottom)
{
    uint32_t a, b;
    if (!l || !listen_highlight(ctx, s, &a, &b))
        return false;
    bool any = false;
    for (uint32_t i = 0; i < l->line_count; i++) {
        const text_line *ln = &l->lines[i];
        if (ln->end <= a || ln->start >= b)
            continue;
        float x0 = ln->x + ln->width, x1 = ln->x;
        for (uint32_t g = ln->glyph_start; g < ln->glyph_start + ln->glyph_count; g++) {
            const text_glyph *gl = &l->glyphs[g];
            if (gl->cluster < a || gl->cluster >= b)
                continue;
            float next = g + 1 < ln->glyph_start + ln->glyph_count ? l->glyphs[g + 1].x : ln->x + ln->width;
            x0 = fminf(x0, gl->x);
            x1 = fmaxf(x1, next);
        }
        if (x1 <= x0)
            continue;
        if (!any && top)
            *top = y + ln->top;
        if (bottom)
            *bottom = y + ln->top + l->line_height;
        any = true;
        if (draw)
            ui_fill(ctx, (ui_rect){x + x0, y + ln->top, x1 - x0, l->line_height},
                    ui_alpha(ctx->pal.accent, 0.3f));
    }
    return any;
}

dl_colour ui_alpha(dl_colour c, float a)
{
    if (a < 0)
        a = 0;
    if (a > 1)
        a = 1;
    c.a = (uint8_t)lroundf(c.a * a);
    return c;
}

static void centred_label(ui_ctx *ctx, ui_rect r, const char *label, int size_px, dl_colour c)
{
    ui_text_opts o = {STYLE_BODY, size_px > 0 ? size_px : ui_control_size(ctx), TEXT_ALIGN_CENTRE, false, 1};
    const text_layout *l = ui_layout(ctx, label, r.w - ctx->m.u * 2, &o);
    if (!l)
        return;
    ui_draw_layout(ctx, l, r.x + ctx->m.u, r.y + (r.h - l->height) / 2, c);
}

void ui_button(ui_ctx *ctx, ui_rect r, const char *label, ui_button_kind kind, int size_px)
{
    float radius = r.h * 0.22f;
    const ui_palette *p = &ctx->pal;
    switch (kind) {
    case UI_BUTTON_PRIMARY:
        ui_round(ctx, r, radius, p->accent);
        centred_label(ctx, r, label, size_px, p->on_accent);
        break;
    case UI_BUTTON_SECONDARY:
        ui_round(ctx, r, radius, p->surface_hi);
        if (ctx->high_contrast)
            ui_outline(ctx, r, radius, 2, p->line, p->surface_hi);
        centred_label(ctx, r, label, size_px, p->text);
        break;
    case UI_BUTTON_GHOST:
        centred_label(ctx, r, label, size_px, p->muted);
        break;
    }
}

void ui_chip(ui_ctx *ctx, ui_rect r, const char *label, dl_colour c, bool on, int size_px)
{
    float radius = r.h / 2;
    if (on) {
        ui_round(ctx, r, radius, c);
        centred_label(ctx, r, label, size_px, ctx->pal.on_accent);
    } else {
        ui_outline(ctx, r, radius, ctx->m.u * 0.25f + 1, c, ctx->pal.bg);
        centred_label(ctx, r, label, size_px, ctx->pal.muted);
    }
}

void ui_lang_toggle(ui_ctx *ctx, ui_rect r)
{
    const ui_palette *p = &ctx->pal;
    ui_round(ctx, r, r.h / 2, p->surface_hi);
    ui_rect half = {r.x, r.y, r.w / 2, r.h};
    ui_rect on = ctx->lang == BUNDLE_ZH ? half : (ui_rect){r.x + r.w / 2, r.y, r.w / 2, r.h};
    ui_round(ctx, on, r.h / 2, p->accent);
    int size = ui_control_size(ctx);
    centred_label(ctx, half, bundle_string(ctx->b, "language_zh", ctx->lang), size,
                  ctx->lang == BUNDLE_ZH ? p->on_accent : p->muted);
    centred_label(ctx, (ui_rect){r.x + r.w / 2, r.y, r.w / 2, r.h},
                  bundle_string(ctx->b, "language_en", ctx->lang), size,
                  ctx->lang == BUNDLE_EN ? p->on_accent : p->muted);
}

void ui_back_button(ui_ctx *ctx, ui_rect r)
{
    const ui_palette *p = &ctx->pal;
    ui_round(ctx, r, r.h / 2, p->surface_hi);
    /* A chevron drawn from two bars of small squares. */
    float cx = r.x + r.h * 0.55f, cy = r.y + r.h / 2, s = r.h * 0.18f, t = ctx->m.u * 0.5f + 1;
    for (int k = 0; k <= 8; k++) {
        float f = (float)k / 8.0f;
        dl_rect(&ctx->dl, cx + f * s - t / 2, cy - f * s - t / 2, t, t, p->text);
        dl_rect(&ctx->dl, cx + f * s - t / 2, cy + f * s - t / 2, t, t, p->text);
    }
    ui_rect lab = {r.x + r.h * 0.7f, r.y, r.w - r.h * 0.8f, r.h};
    centred_label(ctx, lab, ui_str(ctx, "back"), ui_control_size(ctx), p->text);
}

void ui_format_int(char *buf, size_t len, const char *fmt, long n)
{
    const char *d = strstr(fmt, "%d");
    if (!d) {
        snprintf(buf, len, "%s", fmt);
        return;
    }
    snprintf(buf, len, "%.*s%ld%s", (int)(d - fmt), fmt, n, d + 2);
}

float ui_ease(float t)
{
    if (t <= 0)
        return 0;
    if (t >= 1)
        return 1;
    return t * t * (3 - 2 * t);
}
