/* burnin: keeping a static picture from burning into the panel.
 *
 * The whole picture is drawn shifted by a small offset that changes every
 * BURNIN_STEP_S seconds of program time, walking a fixed ring of
 * BURNIN_STEPS offsets within +-BURNIN_MAX_PX on each axis, so the edge of a
 * static element (a title, the error screen's text, the operator menu) never
 * stays on the same pixels for more than a few minutes. The ring starts at
 * (0, 0), so the first BURNIN_STEP_S seconds of a run are unshifted, and
 * neighbouring offsets are at most 2 px apart, so a step is not noticed.
 *
 * The offset is applied to the frame's draw list (burnin_shift), after the
 * scene built it: nothing is laid out again, and touch targets stay where
 * the scene put them (a 3 px shift is far inside a 9 mm target). A rectangle
 * covering the whole picture (a background) is not shifted, so no strip of
 * the panel's black shows at an edge. Pure functions; no state. */
#ifndef UI_BURNIN_H
#define UI_BURNIN_H

#include "ui/drawlist.h"

#define BURNIN_STEP_S 120.0 /* seconds between two offsets */
#define BURNIN_STEPS 8      /* offsets in the ring */
#define BURNIN_MAX_PX 3     /* largest shift on either axis */

/* The offset at program time t (seconds, >= 0). */
void burnin_offset(double t, int *dx, int *dy);

/* The program time at which the offset after the one at t begins. */
double burnin_next_change(double t);

/* Shifts every command of l by (dx, dy), except rectangles covering the
 * whole w x h picture. */
void burnin_shift(dl_list *l, int dx, int dy, int w, int h);

#endif
