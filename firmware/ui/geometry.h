/* geometry: the geometry of every screen, from the picture size alone.
 *
 * One function, ui_geometry_compute(), turns (picture width and height,
 * pixels per millimetre, large-text mode) into the text size of each style
 * and the areas of each screen: the top bar, the home screen's choices, the
 * reader's column and footer, the attract card, the timeline's bands and
 * its detail card, the idle dialog. The scenes lay themselves out from it,
 * and the bundle's fit check measures texts in the very same areas at the
 * smallest supported picture (ui_geometry_fit), so "passes the check" and
 * "fits on the screen" cannot drift apart.
 *
 * Units: `u` is 1/100 of the picture's shorter side; sizes are in u so that
 * every resolution looks alike, except that text never gets smaller than a
 * size in millimetres (UI_MIN_TEXT_MM_*, legible at arm's length on the 7"
 * panel). Pure arithmetic: no text engine, no allocation. */
#ifndef UI_GEOMETRY_H
#define UI_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>

#include "content/load.h"
#include "content/model.h"
#include "text/style.h"

/* The smallest supported picture: the fit check measures at this size
 * (landscape Raspberry Pi 7" display). */
#define UI_FIT_SCREEN_W 800
#define UI_FIT_SCREEN_H 480
#define UI_FIT_SCROLL_SCREENS 6 /* an excerpt may scroll this many screens at most */

/* Lines a heading may take where it is shown whole: an excerpt's heading or
 * an event's title on the attract card and the event card (longer ones are
 * cut with "…", which the fit check rules out at the smallest picture), and
 * an article's title set as a heading. */
#define UI_HEADING_LINES 2
#define UI_ARTICLE_TITLE_LINES 3

/* The narrowest column, in body-text ems, that the reader's English page
 * sets its summary and the Chinese original in side by side: about 26
 * Chinese characters or 55 Latin ones a line. */
#define UI_READER_PAIR_MIN_EM 26
/* The widest measure of the English summary, in body-text ems: about 70
 * Latin characters a line, the comfortable limit of English text (a
 * Chinese column's 40 characters would be 85 of them). */
#define UI_READER_LATIN_EM 34

typedef struct {
    float x, y, w, h;
} ui_rect;

typedef struct {
    int w, h; /* picture, px */
    float px_per_mm;
    bool large_text;
    float u;                  /* layout unit: 1/100 of the shorter side */
    float margin;             /* outer margin, 5u */
    int text_px[STYLE_COUNT]; /* each style's size for this picture */
    int control_px;           /* labels of buttons and chips */
    float reach_top;          /* reach mode (ui/reach.h): the controls' band starts here, px (0: off) */

    ui_rect top_bar, back, lang; /* the bar of back button and language toggle */
    ui_rect access;              /* the visitor's accessibility button, left of lang */
    ui_rect chip_row;            /* filter / article chips, the row as a whole */
    float chip_gap;

    struct {
        ui_rect title, articles, timeline;
        ui_rect listen; /* the Listen button (manifest listen_on_home), in the top bar */
    } home;
    struct {
        float col_x, col_w; /* the passage's column */
        /* In English, the summary's and the original's columns side by side
         * (summary first) when two of at least UI_READER_PAIR_MIN_EM body
         * ems fit: landscape 1920x1080 and wider, not in large-text mode
         * there. pair_w 0: one column (col_x, col_w), the summary above the
         * original; so at the fit check's picture, where the check measures
         * the passage in col_w as the screen shows it. */
        float pair_x[2], pair_w;
        float latin_w;      /* the English summary's measure at most: UI_READER_LATIN_EM body ems */
        ui_rect view;       /* where the passage scrolls */
        ui_rect footer, prev, next;
        ui_rect listen; /* the Listen button, in the top bar */
    } reader;
    struct {
        ui_rect card, prompt;
        ui_rect text; /* inside the card's padding */
    } attract;
    struct {
        /* Landscape: time runs left to right; eras a band above the lanes,
         * the lanes rows, the axis a band below, the minimap a strip at the
         * foot. Portrait (vertical): time runs top to bottom; eras a column
         * at the left, the axis a column beside it, the lanes columns, the
         * minimap a column at the right, and the lanes' names in a row
         * above them (lane_heads). */
        bool vertical;
        ui_rect title, eras, lanes, axis, minimap, zoom_in, zoom_out, lane_heads;
        float lane_h, marker_r; /* lane_h: a lane's thickness across the axis */
        float view_x, view_w;   /* the scrolled axis on screen: its start and length
                                   along the axis (x in landscape, y in portrait) */
        ui_rect card, card_close, card_read;
        ui_rect card_listen; /* Listen, on the row of "read excerpts" (with audio) */
        ui_rect card_text;   /* inside the card's padding */
        float summary_max_h; /* room for an event's summary below a two-line
                                title, above the card's button */
    } timeline;
    ui_rect idle; /* the countdown dialog */
} ui_geometry;

/* Text size of a style for any picture: the style's size from the picture's
 * shorter side, but never below its floor in millimetres. */
int ui_style_px(text_style_id style, int w, int h, float px_per_mm, bool large_text);

/* Every area for a w x h picture. */
void ui_geometry_compute(ui_geometry *m, int w, int h, float px_per_mm, bool large_text);

/* The same in reach mode: the top bar, the chip row and everything below
 * them start at row reach_top (the zone's top, ui/reach.h; the rows above
 * are left to the background), and the event card's close button sits on
 * the row of its other button. reach_top 0 is ui_geometry_compute. */
void ui_geometry_compute_reach(ui_geometry *m, int w, int h, float px_per_mm, bool large_text, float reach_top);

/* Chip i of n laid out along the chip row (equal widths, chip_gap apart). */
ui_rect ui_geometry_chip(const ui_geometry *m, size_t n, size_t i);

/* The areas the bundle's fit check measures texts in (content/load.h), from
 * geometry computed for the smallest picture, UI_FIT_SCREEN_W x
 * UI_FIT_SCREEN_H: the widths in whole pixels as the screens lay text out. */
void ui_geometry_fit(const ui_geometry *m, bundle_fit_areas *areas);

#endif
