/* input_event: what the platform layer hands the UI, free of SDL.
 *
 * Pointers are fingers (slots 0..INPUT_MAX_FINGERS-1) or the mouse
 * (INPUT_MOUSE_POINTER, acting as one finger for desktop preview).
 * Coordinates are pixels of the rotated picture, i.e. what the visitor
 * sees, whatever the panel's native orientation. */
#ifndef UI_INPUT_EVENT_H
#define UI_INPUT_EVENT_H

#define INPUT_MAX_FINGERS 10
#define INPUT_MOUSE_POINTER INPUT_MAX_FINGERS
#define INPUT_MAX_POINTERS (INPUT_MAX_FINGERS + 1)
#define INPUT_KEY_NAME_MAX 16

typedef enum {
    INPUT_DOWN,
    INPUT_MOVE,
    INPUT_UP,
    INPUT_KEY,    /* key pressed; name in `key` (lowercase: "escape", "f1", "a") */
    INPUT_CANCEL, /* all pointers lost (window lost focus, touch reset) */
} input_type;

typedef struct {
    input_type type;
    int pointer;  /* 0..INPUT_MAX_POINTERS-1 */
    float x, y;   /* picture pixels */
    double t;     /* program clock, seconds */
    char key[INPUT_KEY_NAME_MAX];
} input_event;

#endif
