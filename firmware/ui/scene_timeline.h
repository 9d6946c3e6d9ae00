/* scene_timeline: the dialogues from 1972 to today on one axis: left to
 * right in landscape; top to bottom in portrait (a picture taller than
 * wide), where lanes become columns, eras a column at the left and the
 * minimap a column at the right (ui/geometry.h). Described here as in
 * landscape:
 *
 *   top bar    back, title, language
 *   chips      a filter per event category (and "all")
 *   eras       labelled spans of the axis; a label sticks to the left edge
 *              while its era is on screen, so it is legible at every zoom
 *   lanes      one per track (government, Track 2, multilateral); markers
 *              coloured by category, stacked when they would overlap;
 *              each labelled or gathered into a cluster with a count
 *              (ui/tllabels.h, placed when the zoom, filter, language or
 *              size changes); a tapped cluster zooms in to spread it
 *   axis       year ticks, labelled as densely as they fit; "today"
 *   minimap    the whole axis with the visible window; tap to jump
 *
 * The view (ui/tlview.h) compresses empty years; drag pans with inertia and
 * snaps so that an event comes to rest at the centre; pinch (or the +/-
 * buttons) zooms between the overview and year detail about the fingers'
 * centre. Tapping a marker opens its detail card: date, title, summary, the
 * supporting quotes with their articles, and "read the article", which opens
 * the reader at that article.
 *
 * Targets (markers move when the view moves) are rebuilt every frame while
 * the view moves and traced once it comes to rest, with the "labels" event
 * (every marker, cluster, label, era label and the badge in the view). The
 * controls (bar, chips, minimap, zoom buttons) are drawn by one function,
 * tl_draw_controls(), at the places ui/geometry.c gives them.
 *
 * The scene is four files, which share ui/tl_private.h (the scene's state,
 * timeline_state, is there): ui/scene_timeline.c (view state and input),
 * ui/tl_place.c (label placement), ui/tl_draw.c (what scrolls) and
 * ui/tl_controls.c (what stays: controls, lanes' names, the detail card). */
#ifndef UI_SCENE_TIMELINE_H
#define UI_SCENE_TIMELINE_H

#include <stdbool.h>

typedef struct ui_ctx ui_ctx;
typedef struct ui_scene ui_scene;

extern const ui_scene scene_timeline;

/* True while an event's detail card is open (it is modal: the overlays
 * leave their buttons off it). */
bool scene_timeline_card_open(const ui_ctx *ctx);

#endif
