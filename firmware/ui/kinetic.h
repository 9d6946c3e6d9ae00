/* kinetic: a one-dimensional inertial scroller (the reader scrolls
 * vertically, the timeline horizontally). No SDL, no allocation, no clock:
 * time advances only through kinetic_step(dt).
 *
 * `pos` is in the same unit and direction as the deltas and velocities the
 * caller passes. For a scroll offset that grows when the content moves up,
 * pass -dy and -vy of the finger.
 *
 *  - Drag: kinetic_drag() follows the finger 1:1 inside [min, max]. Beyond a
 *    bound it resists like iOS: a finger overshoot x shows as
 *    f(x) = (1 - 1 / (x * c / d + 1)) * d, c = KINETIC_RUBBER_C, d = the
 *    viewport length given at init. f(x) < d for every x, so the position
 *    never leaves [min - d, max + d] (it is also clamped there).
 *  - Fling: kinetic_release() launches with the finger's velocity, which
 *    decays exponentially, KINETIC_DECAY per 1/60 s, i.e. v(t) = v0 e^(-kt)
 *    with k = -60 ln(KINETIC_DECAY). Motion is integrated in closed form, so
 *    the path does not depend on the frame length; it stops when the speed
 *    drops under KINETIC_STOP_SPEED (at the exact instant, within a step).
 *    Total distance of a free fling: (|v0| - KINETIC_STOP_SPEED) / k.
 *  - Bounds: a fling that reaches a bound hands its remaining velocity
 *    (limited so the bounce stays under KINETIC_BOUNCE_FRACTION of d) to a
 *    critically damped spring (angular frequency KINETIC_SPRING_OMEGA, also
 *    closed form) that settles on the bound; a release beyond a bound springs
 *    back the same way. The spring lands on its target when within
 *    KINETIC_SETTLE_PX and slower than KINETIC_SETTLE_SPEED; from the
 *    largest possible overshoot this takes under ~0.5 s.
 *  - Snapping (kinetic_set_snaps): at release the fling's natural end point
 *    is computed; the nearest snap point (clamped into the bounds) becomes
 *    the target, and the launch velocity is rescaled to (target - pos) * k so
 *    the same deceleration curve ends there. Because an exponential only
 *    approaches its limit, the last few pixels (once slower than the stop
 *    speed) are finished by the spring, which lands exactly on the point.
 *  - Reduced motion: no inertia. Release stops at once (or jumps to the
 *    nearest snap point), drags are clamped to the bounds (no rubber band),
 *    out-of-bounds positions (after kinetic_set_bounds) jump to the bound.
 *
 * Non-finite arguments are ignored; min > max is treated as min == max. */
#ifndef UI_KINETIC_H
#define UI_KINETIC_H

#include <stdbool.h>
#include <stddef.h>

#define KINETIC_DECAY 0.95            /* velocity kept per 1/60 s of fling */
#define KINETIC_STOP_SPEED 10.0       /* px/s: a fling slower than this has ended */
#define KINETIC_RUBBER_C 0.55         /* iOS's rubber-band constant */
#define KINETIC_SPRING_OMEGA 20.0     /* 1/s: critically damped spring-back */
#define KINETIC_BOUNCE_FRACTION 0.15  /* largest fling bounce past a bound, of d */
#define KINETIC_SETTLE_PX 0.5
#define KINETIC_SETTLE_SPEED 20.0     /* px/s */
#define KINETIC_MAX_SNAPS 256
#define KINETIC_DEFAULT_VIEWPORT 500.0f
#define KINETIC_MAX_DT 1.0            /* longer steps (after a stall) count as this */

typedef enum {
    KINETIC_IDLE,
    KINETIC_DRAGGING,
    KINETIC_FLINGING,
    KINETIC_SPRINGING,
} kinetic_phase;

typedef struct {
    float pos;            /* read freely; change with kinetic_jump */
    float vel;            /* units per second */
    float min, max;
    float viewport;       /* d of the rubber band */
    bool reduced_motion;  /* set freely */
    kinetic_phase phase;
    double raw;           /* dragging: where the finger would have taken pos */
    float target;         /* springing, or a snapping fling: where it ends */
    bool snapping_fling;
    float snaps[KINETIC_MAX_SNAPS];
    size_t nsnaps;
} kinetic;

/* Starts at rest at `min`. viewport <= 0 uses KINETIC_DEFAULT_VIEWPORT. */
void kinetic_init(kinetic *k, float min, float max, float viewport);

/* New content bounds (content grew, screen rotated). A position now out of
 * bounds springs back (jumps with reduced motion); a drag in progress keeps
 * following the finger against the new bounds. */
void kinetic_set_bounds(kinetic *k, float min, float max);

/* Copies up to KINETIC_MAX_SNAPS points (any order; NULL or n = 0 turns
 * snapping off). Returns false when some were left out. */
bool kinetic_set_snaps(kinetic *k, const float *points, size_t n);

/* Puts pos at `pos` clamped into the bounds, at rest. */
void kinetic_jump(kinetic *k, float pos);

/* A finger touched: any motion stops where it is (a fling is caught). */
void kinetic_grab(kinetic *k);

/* The finger moved by `delta`; grabs first if needed. */
void kinetic_drag(kinetic *k, float delta);

/* The finger lifted with `velocity` (units/s, e.g. PAN_END's vx); starts a
 * fling, a spring back or a snap. Without a preceding grab it launches from
 * the current position. */
void kinetic_release(kinetic *k, float velocity);

/* Advances by dt seconds; returns true while it is still moving (keep
 * ctx->animating set). A drag in progress is not moving by itself. */
bool kinetic_step(kinetic *k, double dt);

/* The snap point nearest to `pos` clamped into the bounds, or `pos` clamped
 * into the bounds when there are none. */
float kinetic_nearest_snap(const kinetic *k, float pos);

/* The rubber band: how far an overshoot of `x` (>= 0) shows with dimension d. */
float kinetic_rubber(float x, float d);

#endif
