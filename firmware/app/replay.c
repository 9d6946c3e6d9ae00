/* replay: the script of a scripted run (app/replay.h). */
#include "app/replay.h"

#include <math.h>

bool replay_open(replay *r, const kiosk_options *o, char *err, size_t errlen)
{
    if (!o->script)
        return true;
    int side = o->width > o->height ? o->width : o->height;
    if (!script_load(o->script, side, side, &r->scr, err, errlen))
        return false;
    r->on = true;
    script_player_init(&r->player, &r->scr);
    return true;
}

void replay_pump(replay *r, const display *d, double now)
{
    r->nact = r->on ? script_player_pump(&r->player, d, now, r->act, REPLAY_MAX_ACTIONS) : 0;
}

double replay_due(const replay *r, double now)
{
    return r->on ? script_player_due(&r->player, now) : INFINITY;
}

void replay_free(replay *r) { script_free(&r->scr); }
