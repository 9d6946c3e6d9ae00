/* tlview: the timeline's view model, apart from its drawing.
 *
 * The axis runs from TLVIEW_FIRST_YEAR (or the first event, if earlier) to
 * today (or the last event, if later), with empty years compressed
 * (content/timescale.h). The view maps axis units to screen x with one
 * scale (px per unit, the zoom) and one scroll offset (a kinetic scroller:
 * drag, fling, snapping). Zoom runs between the overview (the whole axis in
 * the view) and year detail (the busiest year fills TLVIEW_DETAIL_FILL of
 * the view), always about a point of the screen that stays in place.
 *
 * Markers of a lane that would overlap at the current scale are stacked on
 * up to TLVIEW_STACK_LEVELS rows; snap points put each visible event at the
 * centre of the view. Both are recomputed when the scale or the filter
 * changes, never per frame. No drawing, no allocation: the scene
 * (ui/scene_timeline.c) draws from this state, and tests drive it alone. */
#ifndef UI_TLVIEW_H
#define UI_TLVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "content/model.h"
#include "content/timescale.h"
#include "ui/kinetic.h"

#define TLVIEW_FIRST_YEAR 1972
#define TLVIEW_DETAIL_FILL 0.8f    /* the busiest year fills this much of the view at full zoom */
#define TLVIEW_STACK_LEVELS 5      /* markers of a lane stack up to this many rows */
#define TLVIEW_ZOOM_ANIM_RATE 10.0 /* 1/s: how fast a button zoom eases in */
#define TLVIEW_DETAIL_MAX 4.0f     /* detail_want raises year detail this many times at most */

typedef struct {
    const bundle *b; /* borrowed */
    timescale ts;
    double today_units;                /* "today" on the axis */
    float scale, scale_min, scale_max; /* px per unit */
    float detail_fill;                 /* scale_max from the busiest year alone */
    float detail_want;                 /* what the scene wants year detail to reach (0: nothing more) */
    float zoom_target;                 /* a button zoom eases scale towards this (0: none) */
    float zoom_cx;                     /* ... about this screen x */
    bool pinching;
    float pinch_scale0;                     /* scale when the pinch began */
    kinetic pan;                            /* pos = px of the axis left of the view */
    float x0, view_w;                       /* the view on screen */
    float marker_r;                         /* markers closer than about 2.2 r stack */
    bool cat_on[BUNDLE_CAT_COUNT];          /* categories shown */
    double units[BUNDLE_MAX_EVENTS];        /* each event on the axis */
    unsigned char level[BUNDLE_MAX_EVENTS]; /* its stacking row, 0 = the lane's centre */
} tlview;

/* A fresh view of bundle b: the axis up to the day of `today` (wall clock),
 * every category on, no zoom yet (set by the first tlview_resize). */
void tlview_init(tlview *v, const bundle *b, time_t today, float viewport);

/* The view is x0 .. x0 + view_w on screen with markers of radius r. The
 * first call, or a call while at the overview, fits the whole axis; other
 * calls keep the zoom and the axis point at the view's left edge. */
void tlview_resize(tlview *v, float x0, float view_w, float marker_r);

/* Year detail must reach at least `want` px per unit (so that close
 * events have room, ui/tl_place.c), up to TLVIEW_DETAIL_MAX times the
 * busiest year's fill; kept over later resizes. */
void tlview_want_detail(tlview *v, float want);

/* Screen position of an axis position, along the axis (x in landscape). */
float tlview_screen_x(const tlview *v, double units);

/* Event i's category is shown. */
bool tlview_visible(const tlview *v, size_t i);

/* Every category is shown. */
bool tlview_all_shown(const tlview *v);

/* Sets the scale (clamped to the zoom range) keeping the axis point under
 * screen x `cx` in place; restacks. */
void tlview_zoom_about(tlview *v, float scale, float cx);

/* 0 at the overview .. 1 at year detail (logarithmic in the scale). */
float tlview_zoom_level(const tlview *v);

/* The scale a zoom by `factor` from the current one (or from the zoom under
 * way) aims at, clamped. */
float tlview_zoom_goal(const tlview *v, float factor);

/* Toggles category c (c < 0: show all). Turning off the last shown one shows
 * all again: an empty timeline helps nobody. Restacks and resnaps. */
void tlview_toggle(tlview *v, int c);

/* Recomputes the stacking rows / the snap points at the current scale. */
void tlview_restack(tlview *v);
void tlview_set_snaps(tlview *v);

/* Advances the pan and an eased button zoom by dt. Returns true while
 * something moved; *zoom_done is set when a button zoom reached its target
 * in this step. */
bool tlview_step(tlview *v, double dt, bool reduced_motion, bool *zoom_done);

/* The fractional year at the centre of the view. */
double tlview_centre_year(const tlview *v);

/* Scrolls so that the point at fraction f (0..1) of the whole axis is at
 * the centre of the view (a tap on the minimap). */
void tlview_jump_to(tlview *v, double f);

/* Pixels per year of the busiest year at the current scale. */
double tlview_px_per_year(const tlview *v);

#endif
