/* targets: the touch targets of the current scene.
 *
 * A scene registers each tappable thing with a stable id (buttons by
 * function: "timeline", "back", "lang"; timeline markers and excerpts by their
 * bundle id) and its rectangle in picture pixels. The same list serves hit
 * testing and the trace: on every scene enter and layout change the list is
 * traced (ui/uitrace.h, uitrace_targets):
 *   {"event":"targets","scene":"home","targets":[{"id":"timeline","x":..,"y":..,"w":..,"h":..}]}
 * so a test can tap "the Timeline button" without hard-coded coordinates.
 * Targets smaller than TARGETS_MIN_MM on a side are grown around their centre
 * for hit testing and reported grown, so no target is below the minimum. */
#ifndef UI_TARGETS_H
#define UI_TARGETS_H

#include <stdbool.h>

#define TARGETS_MAX 256
#define TARGETS_ID_MAX 64
#define TARGETS_MIN_MM 9.0f

typedef struct {
    char id[TARGETS_ID_MAX];
    float x, y, w, h;
} target;

typedef struct {
    target t[TARGETS_MAX];
    int count;
    float min_px; /* TARGETS_MIN_MM in pixels */
} target_list;

void targets_init(target_list *l, float px_per_mm);
void targets_clear(target_list *l);

/* Adds a target (grown to the minimum size); ignored beyond TARGETS_MAX. */
void targets_add(target_list *l, const char *id, float x, float y, float w, float h);

/* The topmost (last added) target containing (x, y), or NULL. */
const target *targets_hit(const target_list *l, float x, float y);

/* The target with this id, or NULL. */
const target *targets_find(const target_list *l, const char *id);

#endif
