/* scene_attract: the slideshow when nobody touches the exhibit.
 *
 * It cycles the manifest's excerpt cards and timeline highlights,
 * cross-fading between them, under a bilingual "touch to explore" prompt.
 * Any touch-down leaves for the home screen; that touch is consumed, so it
 * does not also press a button there. */
#ifndef UI_SCENE_ATTRACT_H
#define UI_SCENE_ATTRACT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ui_scene ui_scene;

typedef struct {
    size_t cur, prev; /* manifest attract items: shown, fading out */
    double since;     /* when `cur` appeared */
    double dwell;     /* how long `cur` stays */
    bool fading;
    int pulse_level; /* the prompt's breathing step last drawn */
} attract_state;

extern const ui_scene scene_attract;

#endif
