#include "ui/kinetic.h"

#include <math.h>
#include <string.h>

/* Decay rate of a fling: v(t) = v0 * exp(-fling_k() * t). */
static double fling_k(void) { return -60.0 * log(KINETIC_DECAY); }

static float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

static float clamp_bounds(const kinetic *k, float v) { return clampf(v, k->min, k->max); }

static bool out_of_bounds(const kinetic *k) { return k->pos < k->min || k->pos > k->max; }

float kinetic_rubber(float x, float d)
{
    if (!(x > 0.0f) || !(d > 0.0f))
        return 0.0f;
    return (1.0f - 1.0f / (x * (float)KINETIC_RUBBER_C / d + 1.0f)) * d;
}

/* The finger overshoot that shows as `f` (0 <= f < d). */
static double rubber_inverse(double f, double d)
{
    if (f <= 0.0)
        return 0.0;
    if (f > d * 0.999)
        f = d * 0.999;
    return f * d / ((d - f) * KINETIC_RUBBER_C);
}

/* Where a finger at `raw` shows the content. */
static float drag_view(const kinetic *k, double raw)
{
    if (raw > k->max)
        return k->max + kinetic_rubber((float)(raw - k->max), k->viewport);
    if (raw < k->min)
        return k->min - kinetic_rubber((float)(k->min - raw), k->viewport);
    return (float)raw;
}

/* The hard limit of any overshoot (the rubber band's asymptote). */
static void clamp_overshoot(kinetic *k)
{
    float lo = k->min - k->viewport, hi = k->max + k->viewport;
    if (k->pos < lo || k->pos > hi) {
        k->pos = clampf(k->pos, lo, hi);
        k->vel = 0.0f;
    }
}

void kinetic_init(kinetic *k, float min, float max, float viewport)
{
    memset(k, 0, sizeof *k);
    k->viewport = viewport > 0.0f && isfinite(viewport) ? viewport : KINETIC_DEFAULT_VIEWPORT;
    k->min = isfinite(min) ? min : 0.0f;
    k->max = isfinite(max) && max > k->min ? max : k->min;
    k->pos = k->min;
    k->phase = KINETIC_IDLE;
}

static void stop(kinetic *k)
{
    k->vel = 0.0f;
    k->phase = KINETIC_IDLE;
    k->snapping_fling = false;
}

/* Hands over to the critically damped spring. Velocity away from the target
 * is limited so the bounce peaks (v / (omega e) for a spring starting on its
 * target) within KINETIC_BOUNCE_FRACTION of the viewport. */
static void start_spring(kinetic *k, float target, float vel)
{
    double vmax = KINETIC_BOUNCE_FRACTION * k->viewport * KINETIC_SPRING_OMEGA * exp(1.0);
    float away = k->pos - target; /* velocity with this sign moves away */
    if ((away >= 0.0f && vel > 0.0f) || (away <= 0.0f && vel < 0.0f))
        vel = clampf(vel, (float)-vmax, (float)vmax);
    k->target = target;
    k->vel = vel;
    k->phase = KINETIC_SPRINGING;
    k->snapping_fling = false;
}

void kinetic_set_bounds(kinetic *k, float min, float max)
{
    if (!isfinite(min) || !isfinite(max))
        return;
    k->min = min;
    k->max = max > min ? max : min;
    switch (k->phase) {
    case KINETIC_DRAGGING:
        if (k->reduced_motion)
            k->raw = k->raw < k->min ? k->min : k->raw > k->max ? k->max : k->raw;
        k->pos = drag_view(k, k->raw);
        break;
    case KINETIC_SPRINGING:
        k->target = clamp_bounds(k, k->target);
        break;
    case KINETIC_FLINGING:
        if (k->snapping_fling)
            k->target = clamp_bounds(k, k->target);
        if (out_of_bounds(k))
            start_spring(k, clamp_bounds(k, k->pos), k->vel);
        break;
    case KINETIC_IDLE:
        if (out_of_bounds(k))
            start_spring(k, clamp_bounds(k, k->pos), 0.0f);
        break;
    }
    if (k->reduced_motion && k->phase == KINETIC_SPRINGING) {
        k->pos = k->target;
        stop(k);
    }
    clamp_overshoot(k);
}

bool kinetic_set_snaps(kinetic *k, const float *points, size_t n)
{
    k->nsnaps = 0;
    bool all = true;
    for (size_t i = 0; points && i < n; i++) {
        if (!isfinite(points[i]))
            continue;
        if (k->nsnaps == KINETIC_MAX_SNAPS) {
            all = false;
            break;
        }
        /* Insertion sort (set rarely, at most KINETIC_MAX_SNAPS): ties in
         * kinetic_nearest_snap then go to the lower point, whatever the
         * caller's order. */
        size_t j = k->nsnaps++;
        while (j > 0 && k->snaps[j - 1] > points[i]) {
            k->snaps[j] = k->snaps[j - 1];
            j--;
        }
        k->snaps[j] = points[i];
    }
    return all;
}

float kinetic_nearest_snap(const kinetic *k, float pos)
{
    float c = clamp_bounds(k, isfinite(pos) ? pos : k->pos);
    float best = c, best_d = INFINITY;
    for (size_t i = 0; i < k->nsnaps; i++) {
        float s = clamp_bounds(k, k->snaps[i]);
        float d = fabsf(s - c);
        if (d < best_d) {
            best = s;
            best_d = d;
        }
    }
    return best;
}

void kinetic_jump(kinetic *k, float pos)
{
    if (!isfinite(pos))
        return;
    k->pos = clamp_bounds(k, pos);
    stop(k);
}

void kinetic_grab(kinetic *k)
{
    if (k->phase == KINETIC_DRAGGING)
        return;
    stop(k);
    k->phase = KINETIC_DRAGGING;
    /* Start the finger where the content shows, so catching a bounce does
     * not make it jump. */
    if (k->pos > k->max)
        k->raw = k->max + rubber_inverse(k->pos - k->max, k->viewport);
    else if (k->pos < k->min)
        k->raw = k->min - rubber_inverse(k->min - k->pos, k->viewport);
    else
        k->raw = k->pos;
}

void kinetic_drag(kinetic *k, float delta)
{
    if (!isfinite(delta))
        return;
    kinetic_grab(k);
    k->raw += delta;
    if (k->reduced_motion)
        k->raw = k->raw < k->min ? k->min : k->raw > k->max ? k->max : k->raw;
    /* Far beyond the asymptote nothing changes; keep raw finite and useful. */
    double lim = 1e4 * (double)k->viewport;
    if (k->raw > k->max + lim)
        k->raw = k->max + lim;
    if (k->raw < k->min - lim)
        k->raw = k->min - lim;
    k->pos = drag_view(k, k->raw);
    clamp_overshoot(k);
}

void kinetic_release(kinetic *k, float velocity)
{
    if (!isfinite(velocity))
        velocity = 0.0f;
    stop(k);
    if (k->reduced_motion) {
        k->pos = k->nsnaps ? kinetic_nearest_snap(k, k->pos) : clamp_bounds(k, k->pos);
        return;
    }
    if (out_of_bounds(k)) {
        start_spring(k, clamp_bounds(k, k->pos), velocity);
        return;
    }
    double K = fling_k();
    if (k->nsnaps) {
        double reach = fabs(velocity) > KINETIC_STOP_SPEED
                           ? copysign((fabs(velocity) - KINETIC_STOP_SPEED) / K, velocity)
                           : 0.0;
        k->target = kinetic_nearest_snap(k, (float)(k->pos + reach));
        if (k->target == k->pos)
            return;
        k->vel = (float)((k->target - k->pos) * K);
        k->phase = KINETIC_FLINGING;
        k->snapping_fling = true;
        return;
    }
    if (fabsf(velocity) > KINETIC_STOP_SPEED) {
        k->vel = velocity;
        k->phase = KINETIC_FLINGING;
    }
}

/* Advances a fling in closed form by up to *dt, consuming what it uses;
 * stops at the exact instant the speed reaches KINETIC_STOP_SPEED and hands
 * over to the spring at the exact instant it reaches a bound. */
static void fling_advance(kinetic *k, double *dt)
{
    double K = fling_k(), v = k->vel, speed = fabs(v);
    double t_stop = speed > KINETIC_STOP_SPEED ? log(speed / KINETIC_STOP_SPEED) / K : 0.0;
    double h = *dt < t_stop ? *dt : t_stop;
    double decay = exp(-K * h);
    double disp = v * (1.0 - decay) / K;
    if (!k->snapping_fling) {
        double bound = v > 0 ? k->max : k->min;
        if ((v > 0 && k->pos + disp > bound) || (v < 0 && k->pos + disp < bound)) {
            double frac = (bound - k->pos) * K / v; /* in [0, 1 - decay) */
            double tc = frac > 0.0 ? -log1p(-frac) / K : 0.0;
            k->pos = (float)bound;
            *dt -= tc < h ? tc : h;
            start_spring(k, (float)bound, (float)(v * exp(-K * tc)));
            return;
        }
    }
    k->pos = (float)(k->pos + disp);
    k->vel = (float)(v * decay);
    *dt -= h;
    if (h >= t_stop) {
        if (k->snapping_fling)
            start_spring(k, k->target, k->vel);
        else
            stop(k);
    }
}

/* Critically damped spring in closed form: e(t) = (e0 + (v0 + w e0) t) e^(-wt). */
static void spring_advance(kinetic *k, double dt)
{
    double w = KINETIC_SPRING_OMEGA;
    double e = (double)k->pos - k->target, v = k->vel;
    double c = v + w * e, decay = exp(-w * dt);
    double e1 = (e + c * dt) * decay, v1 = (v - w * c * dt) * decay;
    k->pos = (float)(k->target + e1);
    k->vel = (float)v1;
    if (fabs(e1) < KINETIC_SETTLE_PX && fabs(v1) < KINETIC_SETTLE_SPEED) {
        k->pos = k->target;
        stop(k);
    }
    clamp_overshoot(k);
}

bool kinetic_step(kinetic *k, double dt)
{
    if (k->reduced_motion && (k->phase == KINETIC_FLINGING || k->phase == KINETIC_SPRINGING)) {
        k->pos = k->phase == KINETIC_SPRINGING || k->snapping_fling ? k->target
                                                                     : clamp_bounds(k, k->pos);
        stop(k);
    }
    if (!isfinite(dt) || dt < 0.0)
        dt = 0.0;
    if (dt > KINETIC_MAX_DT)
        dt = KINETIC_MAX_DT;
    /* A fling can end or hit a bound within the step; the rest of the step
     * goes to what follows. Each pass consumes time or changes phase, so
     * this runs at most three times. */
    for (int pass = 0; pass < 4 && dt > 0.0; pass++) {
        if (k->phase == KINETIC_FLINGING) {
            fling_advance(k, &dt);
        } else if (k->phase == KINETIC_SPRINGING) {
            spring_advance(k, dt);
            dt = 0.0;
        } else {
            break;
        }
    }
    return k->phase == KINETIC_FLINGING || k->phase == KINETIC_SPRINGING;
}
