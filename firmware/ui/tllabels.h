/* tllabels: which timeline markers carry a label and which are gathered
 * into a cluster, so that no label overlaps another label or a marker.
 *
 * The caller (ui/tl_place.c) fills in one item per event shown: its
 * marker's centre in "rest" coordinates (the picture's coordinates with the
 * view scrolled to the axis's start, so the result holds for every scroll
 * position and only a zoom, filter, language or size change calls for a new
 * pass), the width of its whole label on one line and the width of its
 * shortest acceptable cut (about six characters and "…"), and its lane.
 * tllabels_place() then decides, in item order (the caller puts the
 * highlights first):
 *
 *   1. markers that overlap (with a gap) become one cluster, drawn as one
 *      larger marker with a count, at the members' mean position;
 *   2. each single marker gets a label beside it: right, left, below or
 *      above, the first place where the whole label fits; if none does, the
 *      place with the widest cut that is at least min_w wide; the room an
 *      item reserved for its shortest label (the caller chose its row so
 *      that it had some) is kept free until the item is placed;
 *   3. a single marker with no place at all joins the nearest marker or
 *      cluster of its lane (of any lane when it has none), and 1-2 run again.
 *
 * So every item ends labelled or in a cluster; labels stay inside `area`
 * and off every marker, cluster and other label. The areas where the era
 * labels and the "today" badge are drawn are disjoint from `area` (the scene
 * sees to that), so they need no place here. No allocation; O(n^2) per
 * round, at layout time only, never per frame. */
#ifndef UI_TLLABELS_H
#define UI_TLLABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "content/model.h"
#include "ui/geometry.h"

#define TLLABELS_MAX BUNDLE_MAX_EVENTS

typedef struct {
    /* in */
    float x, y;          /* marker centre, rest coordinates */
    float tail_x, tail_y; /* the marker reaches this much further right / down (an "after" tail) */
    float full_w, min_w; /* the whole label's width / the narrowest cut allowed */
    int lane;
    ui_rect reserve;     /* room kept for its shortest label until it is placed (w 0: none) */
    size_t event;        /* the caller's index, carried through */
    /* out */
    int unit;            /* the unit (marker or cluster) it belongs to */
    int group;           /* working: the first item of its group */
} tllabels_item;

typedef struct {
    float x, y, r; /* centre and radius of the marker drawn */
    int count;     /* members: 1 a single marker, more a cluster */
    int first;     /* its first item */
    bool labelled, cut;
    ui_rect label; /* when labelled */
} tllabels_unit;

typedef struct {
    /* in: set by the caller before tllabels_place() */
    size_t n;
    tllabels_item item[TLLABELS_MAX];
    float r;         /* a marker's radius */
    float cluster_r; /* a cluster's radius */
    float label_h;   /* a label's height (one caption line) */
    float gap;       /* clear space kept around markers and labels */
    ui_rect area;    /* labels stay inside, rest coordinates */
    /* out */
    size_t units;
    tllabels_unit unit[TLLABELS_MAX];
} tllabels;

/* Places the labels of p->item[0 .. n) (see above). */
void tllabels_place(tllabels *p);

/* The box a unit's marker covers (its circle's square, and a tail). */
ui_rect tllabels_marker_box(const tllabels *p, size_t unit);

/* Rectangles overlap (touching edges do not). */
bool tllabels_overlap(ui_rect a, ui_rect b);

#endif
