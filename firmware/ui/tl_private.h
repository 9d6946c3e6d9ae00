/* tl_private: what the parts of the timeline scene share, and nobody else:
 *
 *   ui/scene_timeline.c  the scene: its view state and input (entering, layout,
 *                        the view's motion, gestures, keys, zoom, pan and
 *                        snapping, the detail card opening and closing), its
 *                        touch targets and the "labels", "view" and "zoom"
 *                        trace events
 *   ui/tl_place.c        label placement (at layout time): the row of each
 *                        marker in its lane, then ui/tllabels.h; and where the
 *                        placed markers are on the picture as the view moves
 *   ui/tl_draw.c         drawing what scrolls: eras (and their sticky labels),
 *                        lanes, "today", markers and labels, the axis
 *   ui/tl_controls.c     drawing what stays: the controls around the view, the
 *                        lanes' names, the detail card
 *
 * Not for other modules: the public interface is ui/scene_timeline.h. Every
 * function here runs on the timeline's own state, reached through
 * scene_state() while the timeline is the shell's scene. Nothing here
 * allocates. */
#ifndef UI_TL_PRIVATE_H
#define UI_TL_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "content/reading.h"
#include "ui/scene_timeline.h"
#include "ui/tllabels.h"
#include "ui/tlview.h"
#include "ui/ui.h"

typedef struct {
    tlview view;
    long selected; /* event on the detail card, or -1 */
    /* the card's date as Listen reads it (ui/listen.h keeps pointers into it) */
    char card_date[READING_DATE_MAX];
    bool settled;                        /* targets traced since the view stopped */
    tllabels place;                      /* labels and clusters (ui/tllabels.h) */
    float placed_scale;                  /* the view's scale when they were placed */
    int item_of[BUNDLE_MAX_EVENTS];      /* each event's item in `place`, or -1 */
    size_t order[BUNDLE_MAX_EVENTS];     /* the shown events in time order */
    ui_rect kept[2 * BUNDLE_MAX_EVENTS]; /* working: the room rows keep (choose_rows, ui/tl_place.c) */
} timeline_state;

/* This scene's state (allocated by the shell for the scene's life). */
static inline timeline_state *scene_state(const ui_ctx *ctx) { return ui_scene_state(ctx, &scene_timeline); }

/* ---- geometry ------------------------------------------------------------
 *
 * The view model (ui/tlview.h) knows one coordinate, along the axis; the
 * scene turns (along, across) into the picture's (x, y): along is x in
 * landscape, y in portrait (ctx->m.timeline.vertical). */

static inline bool tl_vert(const ui_ctx *ctx) { return ctx->m.timeline.vertical; }

static inline void tl_to_xy(const ui_ctx *ctx, float along, float across, float *x, float *y)
{
    *x = tl_vert(ctx) ? across : along;
    *y = tl_vert(ctx) ? along : across;
}

/* A rectangle from its extent along the axis and across it. */
static inline ui_rect tl_rect_of(const ui_ctx *ctx, float a0, float alen, float c0, float clen)
{
    return tl_vert(ctx) ? (ui_rect){c0, a0, clen, alen} : (ui_rect){a0, c0, alen, clen};
}

/* Rectangle r moved by d along the axis. */
static inline ui_rect tl_shifted(const ui_ctx *ctx, ui_rect r, float d)
{
    if (tl_vert(ctx))
        r.y += d;
    else
        r.x += d;
    return r;
}

/* The height of a marker's label: one caption line. */
static inline float tl_label_h(const ui_ctx *ctx)
{
    return (float)ui_text_size(ctx, STYLE_CAPTION) * text_style_line_height(STYLE_CAPTION);
}

/* ---- placement (ui/tl_place.c) --------------------------------------------- */

/* Runs the placement pass (ui/tllabels.h) for the current zoom, filter,
 * language and size: every shown event is an item, the highlights first;
 * may raise year detail (tlview_want_detail) so that close events get a row
 * each. At layout time and when a zoom ends, never per frame. */
void tl_place_labels(ui_ctx *ctx);

/* The places beside a marker for its shortest label, where choose_rows
 * keeps room for it (the rectangles are choose_rows's). */
typedef enum { TL_BELOW, TL_RIGHT, TL_LEFT, TL_ABOVE, TL_SIDES } tl_side;

/* The order in which those places are tried, into sides[]; returns how many
 * (2 to 4). The rule: a label reads on from its marker, so right of it first,
 * then left. A landscape row holds one label line beside its marker, so that
 * is all there. In portrait a label may also go below its marker: last; but
 * first when the next event of the lane is `level` with it (that marker goes
 * in the next column, where a label on the right would be); and at year
 * detail, where every event must be labelled, with that next marker far
 * enough along to reach a label below (`up`, a few days apart), above comes
 * before below, so that both stay single (`level` and `up` count in portrait
 * only). So, case by case:
 *   landscape                  right, left
 *   portrait                   right, left, below
 *   portrait, level            below, right, left
 *   portrait, level and up     above, below, right, left */
int tl_label_sides(bool portrait, bool level, bool up, tl_side sides[TL_SIDES]);

/* Event i's label: its title, led by its bound for an AFTER date (so that
 * a cut label still says it; a span shows itself by its bar). Returns the
 * title itself or buf (len bytes), which it fills. */
const char *tl_event_label(const ui_ctx *ctx, size_t i, char *buf, size_t len);

/* Where the placed unit k (a marker or a cluster of the last pass) is on the
 * picture now: how far it has moved along the axis since the pass (the
 * scroll, and a zoom not yet placed afresh), its marker's box, its marker's
 * centre. Per frame, for the targets and the drawing. */
float tl_unit_delta(const ui_ctx *ctx, size_t k);
ui_rect tl_unit_box(const ui_ctx *ctx, size_t k);
void tl_unit_centre(const ui_ctx *ctx, size_t k, float *x, float *y);

/* ---- drawing (ui/tl_draw.c, ui/tl_controls.c) ------------------------------ */

/* The "today" badge's box, when today is in the view (false otherwise). */
bool tl_today_box(ui_ctx *ctx, ui_rect *box);

/* Era i's label: its layout and its box on the picture now, or false when
 * the era is out of the view. The label sticks to the view's start while the
 * era continues and never runs past the era's end or into the badge. */
bool tl_era_label(ui_ctx *ctx, size_t i, const text_layout **lp, ui_rect *box);

/* The scene's draw operation: the scrolled view, then the controls, the
 * lanes' names and the card, in that order (each covers what came before). */
void tl_draw(ui_ctx *ctx);

/* The controls around the scrolled view: the top bar, the filter chips,
 * the minimap and the zoom buttons, each over a cover of the background so
 * that nothing scrolled beneath shows through. Their places all come from
 * ui/geometry.c (timeline_geometry). */
void tl_draw_controls(ui_ctx *ctx);

/* The lanes' names: over each lane's start in landscape, a row of column
 * heads above the lanes in portrait. */
void tl_draw_lane_labels(ui_ctx *ctx);

/* The detail card of the selected event, over a scrim. */
void tl_draw_card(ui_ctx *ctx);

#endif
