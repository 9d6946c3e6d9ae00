/* input: the one place where SDL events become input_events.
 *
 * Finger events (a real touchscreen or the script player, which injects the
 * very same SDL_FINGER* events) are remapped from panel coordinates to the
 * rotated picture; SDL finger ids are mapped to small pointer slots. The
 * mouse acts as one more finger (INPUT_MOUSE_POINTER) for desktop preview.
 * A touch storm cannot exhaust anything: fingers beyond INPUT_MAX_FINGERS are
 * ignored until a slot frees. */
#ifndef PLATFORM_INPUT_H
#define PLATFORM_INPUT_H

#include <SDL.h>
#include <stdbool.h>

#include "ui/input_event.h"
#include "platform/display.h"

typedef struct {
    SDL_FingerID finger[INPUT_MAX_FINGERS];
    bool used[INPUT_MAX_FINGERS];
    bool mouse_down;
} input_state;

void input_init(input_state *s);

/* Translates one SDL event. Returns true and fills *out when it is input the
 * UI cares about; false for everything else (window events, unknown fingers,
 * a finger beyond the slots). *quit is set for SDL_QUIT. */
bool input_translate(input_state *s, const display *d, const SDL_Event *ev, double now,
                     input_event *out, bool *quit);

#endif
