/* tap: a minimal tap recogniser, per pointer: down and up within
 * TAP_MAX_MOVE_MM and TAP_MAX_SECONDS is a tap. */
#ifndef UI_TAP_H
#define UI_TAP_H

#include <stdbool.h>

#include "core/input_event.h"

#define TAP_MAX_MOVE_MM 4.0f
#define TAP_MAX_SECONDS 0.6

typedef struct {
    bool down[INPUT_MAX_POINTERS];
    float x0[INPUT_MAX_POINTERS], y0[INPUT_MAX_POINTERS];
    double t0[INPUT_MAX_POINTERS];
    float max_move_px;
} tap_state;

void tap_init(tap_state *s, float px_per_mm);

/* Feeds one event; returns true when it completes a tap (at ev->x, ev->y). */
bool tap_feed(tap_state *s, const input_event *ev);

#endif
