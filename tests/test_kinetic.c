/* Kinetic scroller: fling deceleration and distance, determinism, frame-rate
 * independence, rubber band, spring back, snapping, reduced motion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "ui/kinetic.h"

#define VIEWPORT 600.0f
#define MAX_SIM_S 20.0

/* The fling's decay rate and free distance, from the documented model. */
static double decay_rate(void) { return -60.0 * log(KINETIC_DECAY); }
static double free_distance(double v)
{
    double s = fabs(v) > KINETIC_STOP_SPEED ? (fabs(v) - KINETIC_STOP_SPEED) / decay_rate() : 0;
    return copysign(s, v);
}

/* Steps at dt until at rest; returns the simulated time. */
static double settle(kinetic *k, double dt)
{
    double t = 0;
    while (kinetic_step(k, dt)) {
        t += dt;
        assert_true(t < MAX_SIM_S);
        assert_true(isfinite(k->pos) && isfinite(k->vel));
    }
    return t;
}

static void test_fling_decelerates_and_stops(void **state)
{
    (void)state;
    static const float velocities[] = {300, 1000, -2500, 5000, -12, 8};
    for (size_t i = 0; i < sizeof velocities / sizeof velocities[0]; i++) {
        kinetic k;
        kinetic_init(&k, 0, 1e4f, VIEWPORT);
        kinetic_jump(&k, 2000); /* small numbers: float steps add up exactly enough */
        float start = k.pos, v = velocities[i];
        kinetic_release(&k, v);
        float prev_pos = k.pos, prev_speed = fabsf(k.vel);
        double t = 0;
        while (kinetic_step(&k, 1 / 60.0)) {
            t += 1 / 60.0;
            assert_true(t < MAX_SIM_S);
            assert_true(fabsf(k.vel) < prev_speed); /* decelerates */
            assert_true(v > 0 ? k.pos > prev_pos : k.pos < prev_pos);
            prev_pos = k.pos;
            prev_speed = fabsf(k.vel);
        }
        assert_int_equal(k.phase, KINETIC_IDLE);
        assert_true(k.vel == 0);
        assert_float_equal(k.pos - start, free_distance(v), 0.25);
        /* It ends about when the speed model says it crosses the stop speed. */
        if (fabsf(v) > KINETIC_STOP_SPEED)
            assert_float_equal(t, log(fabs(v) / KINETIC_STOP_SPEED) / decay_rate(), 1 / 60.0);
        else
            assert_true(t == 0);
    }
}

/* The same velocity gives the same path, bit for bit, every time. */
static void test_fling_deterministic(void **state)
{
    (void)state;
    float path[2][600];
    for (int run = 0; run < 2; run++) {
        kinetic k;
        kinetic_init(&k, 0, 3000, VIEWPORT);
        kinetic_jump(&k, 1000);
        kinetic_drag(&k, 120.5f);
        kinetic_release(&k, 2345.6f);
        for (int s = 0; s < 600; s++) {
            kinetic_step(&k, 1 / 60.0);
            path[run][s] = k.pos;
        }
    }
    assert_memory_equal(path[0], path[1], sizeof path[0]);
}

typedef struct {
    const char *name;
    float min, max, start, drag, velocity;
    bool snaps;
} scenario;

static float run_scenario(const scenario *s, double dt, float *peak)
{
    static const float snap_points[] = {0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000};
    kinetic k;
    kinetic_init(&k, s->min, s->max, VIEWPORT);
    kinetic_jump(&k, s->start);
    if (s->snaps)
        kinetic_set_snaps(&k, snap_points, sizeof snap_points / sizeof snap_points[0]);
    kinetic_drag(&k, s->drag);
    kinetic_release(&k, s->velocity);
    *peak = k.pos;
    double t = 0;
    while (kinetic_step(&k, dt)) {
        t += dt;
        assert_true(t < MAX_SIM_S);
        if (fabsf(k.pos - (s->min + s->max) / 2) > fabsf(*peak - (s->min + s->max) / 2))
            *peak = k.pos;
    }
    return k.pos;
}

static const scenario scenarios[] = {
    {"free fling", 0, 1e5f, 5e4f, 0, 1500, false},
    {"fling into the max bound", 0, 2000, 1800, 0, 3000, false},
    {"fling into the min bound", 0, 2000, 300, 0, -4000, false},
    {"spring back from a drag beyond", 0, 2000, 2000, 900, 0, false},
    {"fling back from a drag beyond", 0, 2000, 0, -500, 2500, false},
    {"snapping fling", 0, 2000, 600, 0, 1400, true},
    {"snapping, slow", 0, 2000, 600, 90, 50, true},
};

static void test_frame_rate_independence(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        float p60, p30, p144;
        float e60 = run_scenario(&scenarios[i], 1 / 60.0, &p60);
        float e30 = run_scenario(&scenarios[i], 1 / 30.0, &p30);
        float e144 = run_scenario(&scenarios[i], 1 / 144.0, &p144);
        if (fabsf(e60 - e30) > 2.0f || fabsf(e60 - e144) > 2.0f)
            fail_msg("%s: ends at %.2f (60 Hz), %.2f (30 Hz), %.2f (144 Hz)", scenarios[i].name,
                     e60, e30, e144);
        /* Bounces peak alike too (sampled at frames, so a little looser). */
        if (fabsf(p60 - p30) > 10.0f)
            fail_msg("%s: peaks at %.2f (60 Hz), %.2f (30 Hz)", scenarios[i].name, p60, p30);
    }
}

static void test_rubber_band(void **state)
{
    (void)state;
    kinetic k;
    kinetic_init(&k, 0, 1000, VIEWPORT);
    kinetic_jump(&k, 500);
    kinetic_drag(&k, 100); /* inside: 1:1 */
    assert_true(k.pos == 600);
    kinetic_drag(&k, 400); /* to the bound exactly */
    assert_true(k.pos == 1000);
    float prev = k.pos, prev_step = INFINITY;
    double pulled = 0;
    for (int i = 0; i < 2000; i++) {
        kinetic_drag(&k, 50);
        pulled += 50;
        float step = k.pos - prev;
        assert_true(step >= 0 && step <= prev_step + 1e-3f); /* the further out, the less */
        assert_true(k.pos - k.max < VIEWPORT);        /* never past the asymptote */
        prev_step = step;
        prev = k.pos;
        if (i == 19) /* the documented curve */
            assert_float_equal(k.pos - k.max, kinetic_rubber((float)pulled, VIEWPORT), 0.01);
    }
    assert_true(k.pos - k.max > 0.9f * VIEWPORT);
    /* Dragging back in retraces the curve: the finger is tracked, not pos. */
    kinetic_drag(&k, (float)-pulled);
    assert_float_equal(k.pos, 1000, 0.01);
    /* Below the minimum alike. */
    for (int i = 0; i < 100; i++) {
        kinetic_drag(&k, -1e4f);
        assert_true(k.pos > k.min - VIEWPORT);
    }
    assert_true(k.pos < k.min);
    /* A fling into a bound bounces no further than the documented fraction. */
    static const float throws[] = {500, 3000, 20000, 1e6f};
    for (size_t i = 0; i < sizeof throws / sizeof throws[0]; i++) {
        scenario s = {"throw", 0, 1000, 990, 0, throws[i], false};
        float peak;
        float end = run_scenario(&s, 1 / 60.0, &peak);
        assert_true(end == 1000);
        assert_true(peak - 1000 <= KINETIC_BOUNCE_FRACTION * VIEWPORT + 0.5f);
    }
}

static void test_spring_back(void **state)
{
    (void)state;
    static const struct { float drag, velocity; } sb[] = {
        {1e6f, 0}, {-1e6f, 0}, {2000, 0}, {200, 0}, {5000, -3000}, {-5000, 800},
    };
    for (size_t i = 0; i < sizeof sb / sizeof sb[0]; i++) {
        kinetic k;
        kinetic_init(&k, 0, 1000, VIEWPORT);
        kinetic_jump(&k, sb[i].drag > 0 ? 1000 : 0);
        kinetic_drag(&k, sb[i].drag);
        float bound = sb[i].drag > 0 ? 1000 : 0;
        assert_true(k.pos != bound);
        kinetic_release(&k, sb[i].velocity);
        double t = settle(&k, 1 / 60.0);
        if (t > 0.5 + 1e-9)
            fail_msg("case %zu: back in bounds after %.3f s", i, t);
        assert_true(k.pos == bound);
    }
}

static void test_snapping(void **state)
{
    (void)state;
    static const float points[] = {2000, 0, 250, 500, 750, 1000, 1250, 1500, 1750, 2600};
    static const float velocities[] = {0, 40, -40, 300, 800, -800, 1900, 4000, -9000, 9000};
    static const float starts[] = {600, 1010, 1124, 1126, 0};
    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
        for (size_t i = 0; i < sizeof velocities / sizeof velocities[0]; i++) {
            kinetic k;
            kinetic_init(&k, 0, 2000, VIEWPORT);
            assert_true(kinetic_set_snaps(&k, points, sizeof points / sizeof points[0]));
            kinetic_jump(&k, starts[s]);
            float expect = kinetic_nearest_snap(&k, (float)(starts[s] + free_distance(velocities[i])));
            kinetic_release(&k, velocities[i]);
            double t = 0;
            while (kinetic_step(&k, 1 / 60.0)) {
                t += 1 / 60.0;
                assert_true(t < MAX_SIM_S);
                assert_true(k.pos >= k.min - 0.5f && k.pos <= k.max + 0.5f);
            }
            if (k.pos != expect)
                fail_msg("start %.0f, v %.0f: rests at %.3f, expected %.0f", starts[s],
                         velocities[i], k.pos, expect);
            /* ... which is one of the points, clamped into the bounds */
            bool found = false;
            for (size_t p = 0; p < sizeof points / sizeof points[0]; p++)
                found |= k.pos == fminf(fmaxf(points[p], 0), 2000);
            assert_true(found);
        }
    }
    /* Nearest: ties go to the lower point; no points means the clamp. */
    kinetic k;
    kinetic_init(&k, 0, 2000, VIEWPORT);
    assert_true(kinetic_nearest_snap(&k, 2500) == 2000);
    kinetic_set_snaps(&k, points, sizeof points / sizeof points[0]);
    assert_true(kinetic_nearest_snap(&k, 125) == 0);
    assert_true(kinetic_nearest_snap(&k, 126) == 250);
    float many[KINETIC_MAX_SNAPS + 5];
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = (float)i;
    assert_false(kinetic_set_snaps(&k, many, sizeof many / sizeof many[0]));
    assert_int_equal(k.nsnaps, KINETIC_MAX_SNAPS);
}

static void test_reduced_motion(void **state)
{
    (void)state;
    kinetic k;
    kinetic_init(&k, 0, 1000, VIEWPORT);
    k.reduced_motion = true;
    kinetic_jump(&k, 500);
    kinetic_drag(&k, 30);
    kinetic_release(&k, 3000);
    assert_false(kinetic_step(&k, 1 / 60.0));
    assert_true(k.pos == 530);
    /* No rubber band: the drag stops at the bound. */
    kinetic_drag(&k, 900);
    assert_true(k.pos == 1000);
    kinetic_release(&k, 0);
    /* Bounds shrinking under the position: it jumps. */
    kinetic_set_bounds(&k, 0, 700);
    assert_true(k.pos == 700);
    assert_false(kinetic_step(&k, 1 / 60.0));
    /* ... also while a finger is down. */
    kinetic_drag(&k, 0);
    kinetic_set_bounds(&k, 0, 650);
    assert_true(k.pos == 650);
    kinetic_release(&k, 0);
    kinetic_set_bounds(&k, 0, 700);
    /* Snapping: straight to the nearest point. */
    static const float pts[] = {0, 300, 600};
    kinetic_set_snaps(&k, pts, 3);
    kinetic_jump(&k, 420);
    kinetic_release(&k, 5000);
    assert_true(k.pos == 300);
    assert_false(kinetic_step(&k, 1 / 60.0));
    /* Turned on in the middle of a fling: the next step ends it. */
    kinetic_set_snaps(&k, NULL, 0);
    k.reduced_motion = false;
    kinetic_jump(&k, 100);
    kinetic_release(&k, 1000);
    assert_true(kinetic_step(&k, 1 / 60.0));
    float at = k.pos;
    k.reduced_motion = true;
    assert_false(kinetic_step(&k, 1 / 60.0));
    assert_true(k.pos == at);
}

static void test_grab_bounds_jump_and_garbage(void **state)
{
    (void)state;
    kinetic k;
    kinetic_init(&k, 0, 1000, VIEWPORT);
    /* A grab catches a fling where it is. */
    kinetic_release(&k, 2000);
    for (int i = 0; i < 10; i++)
        kinetic_step(&k, 1 / 60.0);
    float at = k.pos;
    kinetic_grab(&k);
    assert_true(k.pos == at && k.vel == 0);
    assert_false(kinetic_step(&k, 1 / 60.0));
    /* Catching a spring-back mid-way does not make the content jump. */
    kinetic_drag(&k, 5000);
    kinetic_release(&k, 0);
    kinetic_step(&k, 1 / 60.0);
    at = k.pos;
    assert_true(at > 1000);
    kinetic_drag(&k, 0);
    assert_float_equal(k.pos, at, 0.01);
    kinetic_release(&k, 0);
    settle(&k, 1 / 60.0);
    assert_true(k.pos == 1000);
    /* Content shrinks: spring back to the new end. */
    kinetic_set_bounds(&k, 0, 400);
    assert_true(kinetic_step(&k, 1 / 60.0));
    settle(&k, 1 / 60.0);
    assert_true(k.pos == 400);
    /* Jump clamps and stops. */
    kinetic_release(&k, -900);
    kinetic_jump(&k, 9999);
    assert_true(k.pos == 400);
    assert_false(kinetic_step(&k, 1 / 60.0));
    /* Garbage is ignored. */
    kinetic_jump(&k, NAN);
    kinetic_drag(&k, INFINITY);
    kinetic_set_bounds(&k, NAN, 5);
    assert_true(k.pos == 400 && k.min == 0 && k.max == 400);
    kinetic_release(&k, NAN);
    assert_false(kinetic_step(&k, NAN));
    assert_true(k.pos == 400);
    kinetic_set_bounds(&k, 300, 100); /* min > max: one point */
    assert_true(k.min == 300 && k.max == 300);
    settle(&k, 1 / 60.0);
    assert_true(k.pos == 300);
    kinetic_release(&k, 500);
    assert_true(kinetic_step(&k, -1.0)); /* no time passes, still under way */
    assert_true(k.pos == 300);
    settle(&k, 1 / 60.0);
    assert_true(k.pos == 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fling_decelerates_and_stops),
        cmocka_unit_test(test_fling_deterministic),
        cmocka_unit_test(test_frame_rate_independence),
        cmocka_unit_test(test_rubber_band),
        cmocka_unit_test(test_spring_back),
        cmocka_unit_test(test_snapping),
        cmocka_unit_test(test_reduced_motion),
        cmocka_unit_test(test_grab_bounds_jump_and_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
