#include "ui/tap.h"

#include <string.h>

void tap_init(tap_state *s, float px_per_mm)
{
    memset(s, 0, sizeof *s);
    s->max_move_px = TAP_MAX_MOVE_MM * px_per_mm;
}

bool tap_feed(tap_state *s, const input_event *ev)
{
    int p = ev->pointer;
    switch (ev->type) {
    case INPUT_DOWN:
        s->down[p] = true;
        s->x0[p] = ev->x;
        s->y0[p] = ev->y;
        s->t0[p] = ev->t;
        return false;
    case INPUT_MOVE: {
        float dx = ev->x - s->x0[p], dy = ev->y - s->y0[p];
        if (s->down[p] && dx * dx + dy * dy > s->max_move_px * s->max_move_px)
            s->down[p] = false; /* became a drag */
        return false;
    }
    case INPUT_UP: {
        bool was = s->down[p];
        s->down[p] = false;
        float dx = ev->x - s->x0[p], dy = ev->y - s->y0[p];
        return was && ev->t - s->t0[p] <= TAP_MAX_SECONDS &&
               dx * dx + dy * dy <= s->max_move_px * s->max_move_px;
    }
    case INPUT_CANCEL:
        memset(s->down, 0, sizeof s->down);
        return false;
    default:
        return false;
    }
}
