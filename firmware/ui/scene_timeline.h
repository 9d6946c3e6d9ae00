/* scene_timeline: the dialogues from 1972 to today on one horizontal axis.
 *
 *   top bar    back, title, language
 *   chips      a filter per event category (and "all")
 *   eras       labelled spans of the axis; a label sticks to the left edge
 *              while its era is on screen, so it is legible at every zoom
 *   lanes      one per track (government, Track 2, multilateral); markers
 *              coloured by category, stacked when they would overlap
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
 * the view moves and traced once it comes to rest. */
#ifndef UI_SCENE_TIMELINE_H
#define UI_SCENE_TIMELINE_H

#include <stdbool.h>

#include "ui/tlview.h"

typedef struct ui_scene ui_scene;

typedef struct {
    tlview view;
    long selected; /* event on the detail card, or -1 */
    char card_date[96]; /* the card's date as Listen reads it (ui/listen.h keeps pointers into it) */
    bool settled;  /* targets traced since the view stopped */
} timeline_state;

extern const ui_scene scene_timeline;

#endif
