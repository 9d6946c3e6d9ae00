/* gesture: turns input_events into taps, long presses, pans, swipes and
 * pinches. No SDL, no allocation, no clock of its own: all time comes from
 * the events' `t` and from the `now` given to gesture_update(), so a run is
 * reproducible from its event list.
 *
 * The exhibit is used standing, by strangers, often two at once. The rules:
 *
 *  - One gesture at a time. The first pointer down while no gesture is in
 *    progress owns it. The mouse (INPUT_MOUSE_POINTER) is one more finger.
 *  - Tap: the owner lifts before GESTURE_LONG_PRESS_S without ever moving
 *    more than GESTURE_TAP_SLOP_MM from where it went down.
 *  - Long press: the owner stays within the slop for GESTURE_LONG_PRESS_S.
 *    Emitted by gesture_update() on time (no further event needed), or by the
 *    next event whose `t` is past the threshold. After it the touch is spent:
 *    moving or lifting that finger produces nothing more.
 *  - Pan: the owner leaves the slop. PAN_BEGIN, PAN_MOVE per movement,
 *    PAN_END on lift with the release velocity, estimated over the last
 *    GESTURE_VELOCITY_WINDOW_S of samples; SWIPE follows PAN_END when the
 *    release speed is at least GESTURE_SWIPE_MIN_MM_S.
 *  - Pinch: a second finger that lands within GESTURE_PINCH_MAX_MM of the
 *    owner, while the owner is pending (still inside the slop, before a long
 *    press), or within GESTURE_PINCH_WINDOW_S of the owner's down, or while
 *    the owner is panning but momentarily still (slower than the swipe
 *    speed). A pan in progress first gets PAN_END with zero velocity (a pinch
 *    must not fling). Lifting either pinch finger ends the pinch (PINCH_END);
 *    the other finger is then spent until it lifts: no fling, no tap, no pan.
 *    Why these conditions: two hands of one visitor land close together and
 *    nearly at once, or one hand rests while the other comes; a second
 *    visitor's finger is usually far away, or lands while the first visitor's
 *    finger is travelling.
 *  - Any other finger (far away, a third finger, one that came too late, or
 *    one that landed during a long press) is ignored for its whole life, even
 *    after the owner lifts: it produces no tap, no pan, nothing. So a second
 *    visitor touching the screen while a gesture is in progress neither
 *    disturbs it nor triggers anything; their next touch, once no gesture is
 *    in progress, is served normally.
 *  - INPUT_CANCEL (all pointers lost) emits CANCEL if a gesture was in
 *    progress (it closes an open PAN_BEGIN or PINCH_BEGIN) and forgets every
 *    pointer. INPUT_KEY is not a gesture and is ignored.
 *
 * Garbage is tolerated and ignored, never trusted: pointer ids out of range,
 * moves and ups of pointers never seen down, non-finite coordinates or times
 * (the event is dropped), coordinates beyond +-GESTURE_COORD_LIMIT_PX
 * (clamped), times that run backwards (clamped to the latest time seen), a
 * second DOWN of a pointer already down (treated as a MOVE).
 *
 * Output: each call writes at most GESTURE_MAX_EVENTS_PER_CALL events into
 * the caller's array and returns how many it wrote. An array with room for
 * GESTURE_MAX_EVENTS_PER_CALL never loses anything. With a smaller array,
 * events that do not fit are dropped (counted in `dropped`) while the
 * recogniser's state advances as if they had been delivered: the array is
 * never written past `cap`. */
#ifndef UI_GESTURE_H
#define UI_GESTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/input_event.h"

/* Thresholds, physical so that they hold on any panel. */
#define GESTURE_TAP_SLOP_MM 3.0f          /* a finger rolls ~1-2 mm when pressing */
#define GESTURE_LONG_PRESS_S 0.6
#define GESTURE_SWIPE_MIN_MM_S 80.0f      /* slower releases are a plain pan end */
#define GESTURE_PINCH_MAX_MM 120.0f       /* thumb to fingertip of an open adult hand */
#define GESTURE_PINCH_WINDOW_S 0.5        /* "both fingers at once" */
#define GESTURE_VELOCITY_WINDOW_S 0.08    /* release velocity looks this far back */
#define GESTURE_VELOCITY_MIN_SPAN_S 0.008 /* shorter spans are extended further back */
#define GESTURE_MAX_SPEED_MM_S 4000.0f    /* release speeds are clamped to this */
#define GESTURE_COORD_LIMIT_PX 100000.0f
#define GESTURE_DEFAULT_PX_PER_MM 3.78f   /* 96 dpi, when the caller gives nonsense */

#define GESTURE_HISTORY 32              /* samples of the owner; >80 ms at 300 Hz */
/* Worst case is 3 (a lift that moves: PAN_MOVE, PAN_END, SWIPE); one spare. */
#define GESTURE_MAX_EVENTS_PER_CALL 4

typedef enum {
    GESTURE_TAP,         /* x, y */
    GESTURE_LONG_PRESS,  /* x, y */
    GESTURE_PAN_BEGIN,   /* x, y now; x0, y0 start; dx, dy = total_x, total_y (movement so far) */
    GESTURE_PAN_MOVE,    /* x, y; dx, dy since the previous pan event; total_x, total_y since x0, y0 */
    GESTURE_PAN_END,     /* x, y, total as at the last PAN_MOVE (a lift elsewhere first emits a
                            PAN_MOVE to it), dx = dy = 0; vx, vy, speed: release velocity,
                            px/s (0 when the pan turned into a pinch) */
    GESTURE_SWIPE,       /* dir, vx, vy, speed (px/s); right after a PAN_END */
    GESTURE_PINCH_BEGIN, /* x, y centre; scale 1 */
    GESTURE_PINCH_MOVE,  /* x, y centre; scale = finger distance / distance at begin */
    GESTURE_PINCH_END,   /* x, y, scale as at the last move */
    GESTURE_CANCEL,      /* the gesture in progress is abandoned (input lost) */
} gesture_type;

typedef enum {
    GESTURE_DIR_NONE,
    GESTURE_DIR_LEFT,
    GESTURE_DIR_RIGHT,
    GESTURE_DIR_UP,
    GESTURE_DIR_DOWN,
} gesture_dir;

typedef struct {
    gesture_type type;
    int pointer;            /* the owner pointer */
    double t;               /* time of the input (or update) that produced it */
    float x, y;             /* picture pixels; pinch: centre of the two fingers */
    float x0, y0;           /* where the gesture started (pinch: first centre) */
    float dx, dy;           /* pan: movement since the previous pan event */
    float total_x, total_y; /* pan: x - x0, y - y0 */
    float vx, vy, speed;    /* PAN_END, SWIPE: px/s */
    float scale;            /* pinch */
    gesture_dir dir;        /* SWIPE: the dominant axis of the velocity */
} gesture_event;

typedef enum {
    GESTURE_PHASE_IDLE,     /* no gesture in progress */
    GESTURE_PHASE_PENDING,  /* owner down, inside the slop: tap or long press or pan */
    GESTURE_PHASE_PANNING,
    GESTURE_PHASE_PINCHING,
    GESTURE_PHASE_SPENT,    /* long press fired or pinch ended; wait for the owner to lift */
} gesture_phase;

typedef struct {
    float x, y;
    double t;
} gesture_sample;

typedef struct {
    bool down;
    bool ignored;           /* not part of any gesture until it lifts */
    float x, y;             /* latest position */
    float x0, y0;           /* where it went down */
    double t0;
    float rest_x, rest_y;   /* where it came to rest; reset when it leaves the slop */
    double rest_t;
} gesture_pointer;

typedef struct {
    float px_per_mm;
    float slop_px, pinch_max_px, swipe_min_px_s, max_speed_px_s;
    gesture_pointer p[INPUT_MAX_POINTERS];
    gesture_phase phase;
    int owner, second;      /* pointer ids; second only while pinching */
    float last_x, last_y;   /* pan: position at the previous pan event */
    float pinch_d0, pinch_scale, pinch_x0, pinch_y0;
    gesture_sample hist[GESTURE_HISTORY]; /* the owner's samples, a ring */
    int hist_head, hist_n;
    double now;             /* latest time seen; times never run backwards */
    bool have_now;
    unsigned long dropped;  /* events that did not fit the caller's array */
} gesture_state;

/* px_per_mm <= 0 or non-finite falls back to GESTURE_DEFAULT_PX_PER_MM. */
void gesture_init(gesture_state *g, float px_per_mm);

/* Forgets every pointer and the gesture in progress without emitting
 * anything (scene change). Fingers still on the glass are ignored until
 * they lift, so the new scene does not get half a gesture. */
void gesture_reset(gesture_state *g);

/* Feeds one event; writes up to `cap` events into `out` (may be NULL when
 * cap is 0) and returns how many. */
size_t gesture_feed(gesture_state *g, const input_event *ev, gesture_event *out, size_t cap);

/* Advances time to `now` (from the frame loop): emits LONG_PRESS when due.
 * A `now` earlier than the latest time seen is treated as that time. */
size_t gesture_update(gesture_state *g, double now, gesture_event *out, size_t cap);

/* Seconds pointer `pointer` has been down without leaving a slop-sized
 * circle around where it came to rest, at time `now`; 0 when the pointer
 * is not down or out of range. Counts every finger, ignored ones included
 * (the operator's 5 s corner press must work while visitors touch). */
double gesture_still_for(const gesture_state *g, int pointer, double now);

/* Finds a pointer held still for at least `seconds` at `now` whose rest
 * position is inside the rectangle [x, x+w) x [y, y+h); its id, or -1.
 * For hidden holds such as the operator menu's corner press. */
int gesture_held_in(const gesture_state *g, double now, double seconds,
                    float x, float y, float w, float h);

/* Names for traces and test messages ("tap", "pan_begin", ...). */
const char *gesture_type_name(gesture_type type);
const char *gesture_dir_name(gesture_dir dir);

#endif
