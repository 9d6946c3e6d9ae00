/* scene_attract: the slideshow when nobody touches the exhibit.
 *
 * It cycles the manifest's excerpt cards and timeline highlights,
 * cross-fading between them, under a bilingual "touch to explore" prompt.
 * Any touch-down leaves for the home screen; that touch is consumed, so it
 * does not also press a button there. It is silent, unless the manifest
 * sets attract_sound: then each card is read aloud as it is shown
 * (ui/listen.h), with the sentence heard highlighted, and stays until its
 * reading ends (then ATTRACT_AFTER_READ_S more) even past its dwell; a
 * touch stops it.
 *
 * A card uses its height: an excerpt's passage (an event's summary) is set
 * larger, up to ATTRACT_GROW_MAX times its style's size, when it would
 * leave the card's foot empty (on a portrait picture most of all), and an
 * event card shows the article quotes that support it below its summary.
 * The size is chosen when the card is shown or the picture changes, never
 * per frame. */
#ifndef UI_SCENE_ATTRACT_H
#define UI_SCENE_ATTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "content/reading.h"

typedef struct ui_scene ui_scene;

typedef struct {
    size_t cur, prev; /* manifest attract items: shown, fading out */
    double since;     /* when `cur` appeared */
    double dwell;     /* how long `cur` stays */
    bool fading;
    int pulse_level; /* the prompt's breathing step last drawn */
    int fit_px[2];   /* text size of `cur`'s / `prev`'s main text, grown to fill the card */
    char read_date[READING_DATE_MAX]; /* an event's date as read aloud (ui/listen.h keeps pointers into it) */
} attract_state;

extern const ui_scene scene_attract;

#endif
