/* replay: the script of a scripted run (--script FILE, platform/script.h).
 *
 * Loaded at start, its coordinates checked against the picture's larger
 * side both ways (the operator menu may rotate the picture while it runs).
 * Each frame the input that came due goes into SDL's queue before the loop
 * reads its events, as a touchscreen's would (platform/script_player.h);
 * the actions that came due (`shot NAME`, `quit`) are kept in act[] for the
 * loop to do after the frame is drawn, so a shot shows what the frame's
 * input produced. Without a script every call does nothing. */
#ifndef APP_REPLAY_H
#define APP_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "app/options.h"
#include "platform/display.h"
#include "platform/script.h"
#include "platform/script_player.h"

#define REPLAY_MAX_ACTIONS 16 /* shots and quits done per frame */

typedef struct {
    bool on; /* a script runs */
    script scr;
    script_player player;
    script_action act[REPLAY_MAX_ACTIONS]; /* due this frame, from replay_pump() */
    int nact;
} replay;

/* Loads o->script, if any; false with "FILE:LINE: reason" in err. */
bool replay_open(replay *r, const kiosk_options *o, char *err, size_t errlen);

/* The script's input due at `now` into SDL's queue (d maps it to the
 * panel); its actions due into act[]. */
void replay_pump(replay *r, const display *d, double now);

/* Seconds from `now` until the script has something due; infinity when it
 * has nothing more (or there is none). */
double replay_due(const replay *r, double now);

void replay_free(replay *r);

#endif
