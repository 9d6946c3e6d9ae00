/* widgets: the few drawing primitives scenes use, over the text engine
 * (text/layout.h) and the frame's draw list (ui/drawlist.h).
 *
 * Text is laid out through the engine's cache on every call, so a scene can
 * ask for the same text every frame: only the first call shapes and breaks
 * lines, the others cost a hash and allocate nothing. Geometry is in picture
 * pixels; sizes come from ui_text_size() (styles scaled from the picture,
 * large-text mode, a floor in millimetres: ui/geometry.h). */
#ifndef UI_WIDGETS_H
#define UI_WIDGETS_H

#include <stdbool.h>

#include "ui/ui.h"

typedef struct {
    text_style_id style;
    int size_px;        /* 0: ui_text_size(style) */
    text_align align;
    bool justify;
    int max_lines;      /* 0: no limit */
} ui_text_opts;

/* The cached layout of `s` (NULL is ""), `width` px wide. */
const text_layout *ui_layout(ui_ctx *ctx, const char *s, float width, const ui_text_opts *o);

/* Draws a layout with its top-left at (x, y). */
void ui_draw_layout(ui_ctx *ctx, const text_layout *l, float x, float y, dl_colour c);

/* Lays out and draws; returns the height drawn. */
float ui_text(ui_ctx *ctx, const char *s, float x, float y, float width, const ui_text_opts *o,
              dl_colour c);

/* The read-along highlight (ui/listen.h): when the sentence being heard is
 * in `s`, whose layout l is (or will be) drawn with its top-left at (x, y),
 * one band per line of l it covers, from its first glyph to the end of its
 * last, in the accent colour at 30 %, drawn under the text when `draw`
 * (call it before drawing l). Returns whether a band lies in l; then *top
 * and *bottom (either may be NULL) are the rows of its first band's top and
 * its last band's bottom, picture px. Reader and event card share it. */
bool ui_listen_highlight(ui_ctx *ctx, const char *s, const text_layout *l, float x, float y, bool draw,
                         float *top, float *bottom);

/* A label in the accent colour and, after it on the same line when both
 * fit in `width` (else on the next line), a note in the muted colour: both
 * captions, e.g. "Summary" and what kind of text follows. Returns the
 * height; draws at (x, y) when `draw`, each part only when it reaches into
 * the picture. */
float ui_label_note(ui_ctx *ctx, const char *label, const char *note, float x, float y, float width,
                    bool draw);

/* Quotation marks around a title or a quoted Chinese text in an English
 * line. The bundled fonts have no italic, so titles are quoted; and the
 * marks are ASCII, as the bundle's English texts write them, because the
 * fonts' curly quotes are the Chinese full-width forms, which the text
 * engine (shaping for zh-Hans) sets an em wide even between Latin letters. */
#define UI_QUOTE_OPEN "\""
#define UI_QUOTE_CLOSE "\""

/* How an article is cited (ui_cite), in Chinese and in English:
 *   UI_CITE_TITLE   after a quote:    ——《T》                  — "T"
 *   UI_CITE_BY      after a passage:  —— A《T》                — A, "T"
 *   UI_CITE_SOURCE  the source line:  出处：A《T》V · D         Source: A, "T", V, D */
typedef enum { UI_CITE_TITLE, UI_CITE_BY, UI_CITE_SOURCE } ui_cite_form;

/* Article a cited into buf in `lang` and that language's typography. Chinese:
 * title marks 《》, a full-width colon. English: an ASCII colon and space,
 * the title in quotation marks (UI_QUOTE_OPEN), commas between the parts
 * (none after a title ending in ? or !), an em dash and a space before an
 * attribution, and no Chinese word: the article's date
 * (free text as the article gives it) is shown only when it has no Chinese
 * character, except that a date starting with the bundle's Chinese
 * "not_dated" (未注明) reads as its English "not dated". Both leave out a
 * date the venue already states. Cut to fit buf, at a character. */
void ui_cite(const ui_ctx *ctx, const bundle_article *a, bundle_lang lang, ui_cite_form form, char *buf,
             size_t len);

/* Width of `s` on one line. */
float ui_text_width(ui_ctx *ctx, const char *s, text_style_id style, int size_px);

void ui_fill(ui_ctx *ctx, ui_rect r, dl_colour c);
void ui_round(ui_ctx *ctx, ui_rect r, float radius, dl_colour c);
/* A filled circle; nothing when it lies wholly outside the picture. */
void ui_circle(ui_ctx *ctx, float cx, float cy, float radius, dl_colour c);
/* A rounded outline `t` px thick in c, filled with `inside`. */
void ui_outline(ui_ctx *ctx, ui_rect r, float radius, float t, dl_colour c, dl_colour inside);

typedef enum { UI_BUTTON_PRIMARY, UI_BUTTON_SECONDARY, UI_BUTTON_GHOST } ui_button_kind;

/* A button with a centred one-line label (size 0: caption-like UI size). */
void ui_button(ui_ctx *ctx, ui_rect r, const char *label, ui_button_kind kind, int size_px);

/* A pill-shaped chip; `on` chips are filled with `c`, others outlined. */
void ui_chip(ui_ctx *ctx, ui_rect r, const char *label, dl_colour c, bool on, int size_px);

/* The language toggle "中文 | EN" with the current one highlighted. */
void ui_lang_toggle(ui_ctx *ctx, ui_rect r);

/* A back arrow button with a label. */
void ui_back_button(ui_ctx *ctx, ui_rect r);

/* The UI text size for controls (buttons, chips). */
int ui_control_size(const ui_ctx *ctx);

/* Colour with its alpha multiplied by a. */
dl_colour ui_alpha(dl_colour c, float a);

/* Copies `fmt` (a bundle string) into buf with its first "%d" replaced by
 * n. Never used as a printf format: a curator's '%' cannot crash the kiosk. */
void ui_format_int(char *buf, size_t len, const char *fmt, long n);

/* Smoothstep easing of t clamped to [0,1]. */
float ui_ease(float t);

#endif
