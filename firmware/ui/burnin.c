#include "ui/burnin.h"

#include <math.h>

/* Around the origin, each step at most 2 px from the one before (the last
 * wraps to the first). */
static const signed char burnin_ring[BURNIN_STEPS][2] = {
    {0, 0}, {2, 1}, {3, -1}, {1, -3}, {-1, -2}, {-3, 0}, {-2, 2}, {0, 2},
};

void burnin_offset(double t, int *dx, int *dy)
{
    double k = t > 0 ? floor(t / BURNIN_STEP_S) : 0;
    int i = (int)fmod(k, BURNIN_STEPS);
    *dx = burnin_ring[i][0];
    *dy = burnin_ring[i][1];
}

double burnin_next_change(double t)
{
    double k = t > 0 ? floor(t / BURNIN_STEP_S) : 0;
    return (k + 1) * BURNIN_STEP_S;
}

void burnin_shift(dl_list *l, int dx, int dy, int w, int h)
{
    if (dx == 0 && dy == 0)
        return;
    for (size_t i = 0; i < l->count; i++) {
        dl_cmd *c = &l->cmd[i];
        if (c->kind == DL_ALPHA)
            continue;
        if ((c->kind == DL_CLIP_PUSH || c->kind == DL_CLIP_POP) && c->none)
            continue;
        if (c->kind == DL_RECT && c->x <= 0 && c->y <= 0 && c->x + c->w >= (float)w && c->y + c->h >= (float)h)
            continue;
        c->x += (float)dx;
        c->y += (float)dy;
    }
}
