/* script_player: replays a parsed script (platform/script.h) as SDL events.
 *
 * Touches are pushed as SDL_FINGERDOWN/MOTION/UP on a virtual touch device,
 * in panel coordinates (the inverse of the display's rotation), so they take
 * exactly the path of a real touchscreen through platform/input. A drag or
 * pinch moves its fingers once per frame, linearly, and lifts them at the
 * end; a tap lifts after SCRIPT_TAP_HOLD seconds. `shot` and `quit` are not
 * input: the player hands them back to the caller as actions. */
#ifndef PLATFORM_SCRIPT_PLAYER_H
#define PLATFORM_SCRIPT_PLAYER_H

#include <stdbool.h>

#include "platform/script.h"
#include "platform/display.h"

#define SCRIPT_TAP_HOLD 0.05         /* seconds between a tap's down and up */
#define SCRIPT_PLAYER_MAX_ACTIVE 16  /* drags/pinches/taps under way at once */
#define SCRIPT_TOUCH_ID 0x5c1      /* the virtual touch device's id */

typedef enum { SCRIPT_ACTION_SHOT, SCRIPT_ACTION_QUIT } script_action_kind;

typedef struct {
    script_action_kind kind;
    const char *name; /* shot name; points into the script */
    int line;
} script_action;

typedef struct {
    const script_event *ev; /* what is being played */
    int fingers;            /* 1, or 2 for a pinch */
} script_active;

typedef struct {
    const script *s;        /* not owned */
    size_t next;            /* index of the next event to start */
    script_active active[SCRIPT_PLAYER_MAX_ACTIVE];
    int nactive;
} script_player;

void script_player_init(script_player *p, const script *s);

/* Pushes the SDL events due at time `now` (start of events with t <= now,
 * moves and lifts of those under way) and returns the actions that became
 * due, at most `max`, in script order. */
int script_player_pump(script_player *p, const display *d, double now, script_action *actions,
                       int max);

/* True when every event has started and finished. */
bool script_player_done(const script_player *p);

/* Seconds from `now` until the player must be pumped again: one frame while
 * a gesture moves its fingers, else until the next event starts; infinity
 * when it is done. */
double script_player_due(const script_player *p, double now);

#endif
