/* Gesture recogniser: scripted event sequences (a table: steps in
 * millimetres and seconds, the expected event names), release velocity,
 * pinch scale, holds, a full caller array and a random touch storm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/gesture.h"

#define MOUSE INPUT_MOUSE_POINTER
#define PI 3.14159265358979323846
#define LOG_MAX 1024
#define NAMES_MAX 512

/* --- scripted sequences --------------------------------------------------- */

typedef enum { S_END, S_DOWN, S_MOVE, S_UP, S_CANCEL, S_KEY, S_UPDATE, S_RESET } step_kind;

typedef struct {
    step_kind kind;
    int pointer;
    float x_mm, y_mm; /* converted with the case's px_per_mm */
    double t;
} step;

typedef struct {
    const char *name;
    float px_per_mm;
    step steps[40];
    const char *expect; /* event names, space-separated; swipes as "swipe:dir" */
} script_case;

typedef struct {
    gesture_event ev[LOG_MAX];
    size_t n;
} event_log;

static void log_add(event_log *log, const gesture_event *ev, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_true(log->n < LOG_MAX);
        log->ev[log->n++] = ev[i];
    }
}

static input_event make_input(input_type type, int pointer, float x, float y, double t)
{
    input_event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.pointer = pointer;
    e.x = x;
    e.y = y;
    e.t = t;
    return e;
}

static void feed(gesture_state *g, event_log *log, input_type type, int pointer, float x, float y,
                 double t)
{
    gesture_event out[GESTURE_MAX_EVENTS_PER_CALL];
    input_event e = make_input(type, pointer, x, y, t);
    size_t n = gesture_feed(g, &e, out, GESTURE_MAX_EVENTS_PER_CALL);
    assert_true(n <= GESTURE_MAX_EVENTS_PER_CALL);
    log_add(log, out, n);
}

static void update(gesture_state *g, event_log *log, double now)
{
    gesture_event out[GESTURE_MAX_EVENTS_PER_CALL];
    size_t n = gesture_update(g, now, out, GESTURE_MAX_EVENTS_PER_CALL);
    log_add(log, out, n);
}

static void run_steps(gesture_state *g, event_log *log, float ppm, const step *steps)
{
    for (const step *s = steps; s->kind != S_END; s++) {
        float x = s->x_mm * ppm, y = s->y_mm * ppm;
        switch (s->kind) {
        case S_DOWN: feed(g, log, INPUT_DOWN, s->pointer, x, y, s->t); break;
        case S_MOVE: feed(g, log, INPUT_MOVE, s->pointer, x, y, s->t); break;
        case S_UP: feed(g, log, INPUT_UP, s->pointer, x, y, s->t); break;
        case S_CANCEL: feed(g, log, INPUT_CANCEL, 0, 0, 0, s->t); break;
        case S_KEY: feed(g, log, INPUT_KEY, 0, 0, 0, s->t); break;
        case S_UPDATE: update(g, log, s->t); break;
        case S_RESET: gesture_reset(g); break;
        case S_END: break;
        }
    }
}

static void log_names(const event_log *log, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < log->n; i++) {
        const gesture_event *e = &log->ev[i];
        int w = e->type == GESTURE_SWIPE
                    ? snprintf(buf + used, len - used, "%s%s:%s", used ? " " : "",
                               gesture_type_name(e->type), gesture_dir_name(e->dir))
                    : snprintf(buf + used, len - used, "%s%s", used ? " " : "",
                               gesture_type_name(e->type));
        assert_true(w > 0 && (size_t)w < len - used);
        used += (size_t)w;
    }
}

#define D(p, x, y, t) {S_DOWN, p, x, y, t}
#define M(p, x, y, t) {S_MOVE, p, x, y, t}
#define U(p, x, y, t) {S_UP, p, x, y, t}
#define CANCEL(t) {S_CANCEL, 0, 0, 0, t}
#define KEY(t) {S_KEY, 0, 0, 0, t}
#define UPDATE(t) {S_UPDATE, 0, 0, 0, t}
#define RESET {S_RESET, 0, 0, 0, 0}

/* A steady 600 mm/s stroke of pointer p from (x, y) by (dx, dy) mm per 1/60 s. */
#define STROKE(p, x, y, dx, dy)                                                                   \
    D(p, x, y, 0.0), M(p, x + dx, y + dy, 1 / 60.0), M(p, x + 2 * dx, y + 2 * dy, 2 / 60.0),      \
        M(p, x + 3 * dx, y + 3 * dy, 3 / 60.0), M(p, x + 4 * dx, y + 4 * dy, 4 / 60.0),           \
        M(p, x + 5 * dx, y + 5 * dy, 5 / 60.0), U(p, x + 5 * dx, y + 5 * dy, 5 / 60.0)

static const script_case cases[] = {
    /* Tap against drag: just under and just over the slop, at two densities. */
    {"tap, 2.9 mm at 4 px/mm", 4.0f,
     {D(0, 50, 50, 0), M(0, 52.9f, 50, 0.1), U(0, 52.9f, 50, 0.2)}, "tap"},
    {"tap, 2.9 mm at 9 px/mm", 9.0f,
     {D(0, 50, 50, 0), M(0, 50, 52.9f, 0.1), U(0, 50, 52.9f, 0.2)}, "tap"},
    {"drag, 3.1 mm at 4 px/mm", 4.0f,
     {D(0, 50, 50, 0), M(0, 53.1f, 50, 0.1), U(0, 53.1f, 50, 0.4)}, "pan_begin pan_end"},
    {"drag, 3.1 mm at 9 px/mm", 9.0f,
     {D(0, 50, 50, 0), M(0, 50, 53.1f, 0.1), U(0, 50, 53.1f, 0.4)}, "pan_begin pan_end"},
    {"slide out of the slop on the lift", 4.0f,
     {D(0, 50, 50, 0), U(0, 60, 50, 0.3)}, "pan_begin pan_end"},
    {"wobble within the slop is a tap", 4.0f,
     {D(0, 50, 50, 0), M(0, 52, 51, 0.05), M(0, 48, 49, 0.1), M(0, 51, 52, 0.15),
      U(0, 50, 50, 0.2)}, "tap"},
    /* Long press. */
    {"long press by update, no events", 4.0f,
     {D(0, 50, 50, 0), UPDATE(0.3), UPDATE(0.59), UPDATE(0.61), UPDATE(0.7), U(0, 50, 50, 2.0)},
     "long_press"},
    {"long press due at the lift", 4.0f, {D(0, 50, 50, 0), U(0, 50, 50, 0.7)}, "long_press"},
    {"a slow tap is still a tap", 4.0f, {D(0, 50, 50, 0), U(0, 50, 50, 0.55)}, "tap"},
    {"moving after a long press does nothing", 4.0f,
     {D(0, 50, 50, 0), UPDATE(0.65), M(0, 90, 50, 0.7), M(0, 130, 50, 0.72), U(0, 130, 50, 0.73)},
     "long_press"},
    {"a finger landing during a long press is ignored", 4.0f,
     {D(0, 50, 50, 0), UPDATE(0.65), D(1, 60, 50, 0.7), M(1, 90, 50, 0.8), U(1, 90, 50, 0.9),
      U(0, 50, 50, 1.0)},
     "long_press"},
    /* Pan and swipe, steady 600 mm/s strokes in each direction. */
    {"swipe right", 4.0f, {STROKE(0, 50, 50, 10, 0)},
     "pan_begin pan_move pan_move pan_move pan_move pan_end swipe:right"},
    {"swipe left", 4.0f, {STROKE(0, 150, 50, -10, 1)},
     "pan_begin pan_move pan_move pan_move pan_move pan_end swipe:left"},
    {"swipe up", 6.0f, {STROKE(0, 50, 150, 2, -10)},
     "pan_begin pan_move pan_move pan_move pan_move pan_end swipe:up"},
    {"swipe down", 6.0f, {STROKE(0, 50, 50, -3, 10)},
     "pan_begin pan_move pan_move pan_move pan_move pan_end swipe:down"},
    {"a pan that stops before the lift is no swipe", 4.0f,
     {D(0, 50, 50, 0), M(0, 60, 50, 0.02), M(0, 70, 50, 0.04), U(0, 70, 50, 0.5)},
     "pan_begin pan_move pan_end"},
    {"duplicate moves emit nothing", 4.0f,
     {D(0, 50, 50, 0), M(0, 60, 50, 0.1), M(0, 60, 50, 0.2), M(0, 60, 50, 0.3),
      U(0, 60, 50, 0.6)},
     "pan_begin pan_end"},
    /* Mouse: one more finger. */
    {"mouse tap", 4.0f, {D(MOUSE, 50, 50, 0), U(MOUSE, 50, 50, 0.1)}, "tap"},
    {"mouse swipe", 4.0f, {STROKE(MOUSE, 50, 50, 10, 0)},
     "pan_begin pan_move pan_move pan_move pan_move pan_end swipe:right"},
    {"mouse hover moves are nothing", 4.0f,
     {M(MOUSE, 10, 10, 0), M(MOUSE, 90, 10, 0.1), D(MOUSE, 50, 50, 0.2), U(MOUSE, 50, 50, 0.3)},
     "tap"},
    /* Two visitors: a far finger is not part of the gesture. */
    {"far finger during a pan: ignored, no tap", 4.0f,
     {D(0, 50, 50, 0), M(0, 60, 50, 0.1), D(1, 250, 50, 0.15), M(0, 70, 50, 0.2),
      U(1, 250, 50, 0.25), M(0, 80, 50, 0.3), U(0, 80, 50, 0.8)},
     "pan_begin pan_move pan_move pan_end"},
    {"far finger during a pending tap: only the owner taps", 4.0f,
     {D(0, 50, 50, 0), D(1, 200, 150, 0.05), U(1, 200, 150, 0.1), U(0, 50, 50, 0.2)}, "tap"},
    {"far finger outliving the owner stays ignored", 4.0f,
     {D(0, 50, 50, 0), D(1, 250, 50, 0.05), U(0, 50, 50, 0.1), M(1, 280, 50, 0.2),
      U(1, 280, 50, 0.3), D(2, 100, 100, 0.4), U(2, 100, 100, 0.5)},
     "tap tap"},
    /* Pinch. */
    {"pinch out", 4.0f,
     {D(0, 100, 100, 0), D(1, 120, 100, 0.1), M(1, 130, 100, 0.2), M(0, 90, 100, 0.25),
      U(0, 90, 100, 0.3), U(1, 130, 100, 0.35)},
     "pinch_begin pinch_move pinch_move pinch_end"},
    {"near finger turns a pan into a pinch", 4.0f,
     {D(0, 100, 100, 0), M(0, 110, 100, 0.1), M(0, 120, 100, 0.2), D(1, 150, 100, 0.3),
      M(1, 160, 100, 0.35), U(1, 160, 100, 0.4), M(0, 60, 100, 0.45), U(0, 60, 100, 0.46)},
     "pan_begin pan_move pan_end pinch_begin pinch_move pinch_end"},
    {"near finger while the owner pans fast, late: ignored", 4.0f,
     {D(0, 100, 100, 0), M(0, 115, 100, 0.1), M(0, 130, 100, 0.2), M(0, 145, 100, 0.3),
      M(0, 160, 100, 0.4), M(0, 175, 100, 0.5), M(0, 190, 100, 0.6), M(0, 197.5f, 100, 0.65),
      D(1, 210, 100, 0.66), M(0, 205, 100, 0.7), M(0, 212.5f, 100, 0.75), U(0, 214, 100, 0.76),
      M(1, 230, 100, 0.78), U(1, 230, 100, 0.8)},
     "pan_begin pan_move pan_move pan_move pan_move pan_move pan_move pan_move pan_move pan_move "
     "pan_end swipe:right"},
    {"near finger while the owner rests, late: pinch", 4.0f,
     {D(0, 100, 100, 0), M(0, 110, 100, 0.2), M(0, 120, 100, 0.4), D(1, 150, 100, 1.5),
      M(1, 170, 100, 1.6), U(0, 120, 100, 1.7), U(1, 170, 100, 1.8)},
     "pan_begin pan_move pan_end pinch_begin pinch_move pinch_end"},
    {"the finger left after a pinch neither pans nor taps", 4.0f,
     {D(0, 100, 100, 0), D(1, 130, 100, 0.05), M(1, 150, 100, 0.1), U(1, 150, 100, 0.15),
      M(0, 140, 100, 0.16), M(0, 180, 100, 0.17), U(0, 200, 100, 0.18)},
     "pinch_begin pinch_move pinch_end"},
    {"a third finger during a pinch is ignored", 4.0f,
     {D(0, 100, 100, 0), D(1, 130, 100, 0.05), D(2, 110, 110, 0.1), M(2, 190, 110, 0.15),
      U(2, 190, 110, 0.2), M(1, 140, 100, 0.25), U(1, 140, 100, 0.3), U(0, 100, 100, 0.35)},
     "pinch_begin pinch_move pinch_end"},
    /* Cancel, reset, keys and garbage. */
    {"cancel during a pan", 4.0f,
     {D(0, 50, 50, 0), M(0, 70, 50, 0.1), CANCEL(0.2), M(0, 90, 50, 0.3), U(0, 90, 50, 0.4)},
     "pan_begin cancel"},
    {"cancel during a pinch", 4.0f,
     {D(0, 100, 100, 0), D(1, 130, 100, 0.05), CANCEL(0.2), U(1, 130, 100, 0.3)},
     "pinch_begin cancel"},
    {"cancel with nothing in progress is silent", 4.0f, {CANCEL(0.1), CANCEL(0.2)}, ""},
    {"reset: the finger on the glass is ignored until it lifts", 4.0f,
     {D(0, 50, 50, 0), M(0, 70, 50, 0.1), RESET, M(0, 90, 50, 0.2), UPDATE(2.0),
      U(0, 90, 50, 2.1), D(0, 50, 50, 2.2), U(0, 50, 50, 2.3)},
     "pan_begin tap"},
    {"keys are not gestures", 4.0f, {KEY(0), D(0, 50, 50, 0.1), KEY(0.15), U(0, 50, 50, 0.2)},
     "tap"},
    {"unmatched ups and moves, out-of-range ids", 4.0f,
     {U(3, 50, 50, 0), M(4, 60, 60, 0.01), D(-1, 50, 50, 0.02), D(11, 50, 50, 0.03),
      D(1000, 50, 50, 0.04), U(-7, 50, 50, 0.05), D(0, 50, 50, 0.1), U(5, 50, 50, 0.12),
      U(0, 50, 50, 0.2), U(0, 50, 50, 0.25)},
     "tap"},
    {"a repeated down is a move", 4.0f,
     {D(0, 50, 50, 0), D(0, 50, 50, 0.05), D(0, 70, 50, 0.1), U(0, 70, 50, 0.5)},
     "pan_begin pan_end"},
    {"time running backwards is clamped", 4.0f,
     {D(0, 50, 50, 1.0), U(0, 50, 50, 0.2)}, "tap"},
};

static void test_scripts(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const script_case *c = &cases[i];
        gesture_state g;
        event_log log = {.n = 0};
        char got[NAMES_MAX];
        gesture_init(&g, c->px_per_mm);
        run_steps(&g, &log, c->px_per_mm, c->steps);
        log_names(&log, got, sizeof got);
        if (strcmp(got, c->expect) != 0) {
            print_error("case \"%s\":\n  expected \"%s\"\n  got      \"%s\"\n", c->name, c->expect,
                        got);
            failures++;
        }
        assert_int_equal(g.dropped, 0);
    }
    assert_int_equal(failures, 0);
}

/* --- numbers carried by the events ------------------------------------------ */

static const gesture_event *find(const event_log *log, gesture_type type, size_t nth)
{
    for (size_t i = 0; i < log->n; i++)
        if (log->ev[i].type == type && nth-- == 0)
            return &log->ev[i];
    return NULL;
}

static void test_tap_and_long_press_positions(void **state)
{
    (void)state;
    gesture_state g;
    event_log log = {.n = 0};
    gesture_init(&g, 5.0f);
    feed(&g, &log, INPUT_DOWN, 2, 100, 200, 0);
    feed(&g, &log, INPUT_UP, 2, 104, 203, 0.1);
    const gesture_event *tap = find(&log, GESTURE_TAP, 0);
    assert_non_null(tap);
    assert_int_equal(tap->pointer, 2);
    assert_true(tap->x == 104 && tap->y == 203 && tap->x0 == 100 && tap->y0 == 200);

    feed(&g, &log, INPUT_DOWN, 3, 300, 400, 1.0);
    feed(&g, &log, INPUT_MOVE, 3, 302, 401, 1.2);
    update(&g, &log, 1.5);
    assert_null(find(&log, GESTURE_LONG_PRESS, 0));
    update(&g, &log, 1.0 + GESTURE_LONG_PRESS_S);
    const gesture_event *lp = find(&log, GESTURE_LONG_PRESS, 0);
    assert_non_null(lp);
    assert_true(lp->x == 302 && lp->y == 401 && lp->pointer == 3);
    update(&g, &log, 3.0);
    assert_null(find(&log, GESTURE_LONG_PRESS, 1)); /* once */
}

/* A steady drag at `speed` px/s along (cos a, sin a), sampled at `hz`;
 * `final`: 0 lifts one sample after the last move, 1 lifts at the same time
 * and place (dt = 0), 2 lifts at the same time 2 px further (dt = 0, moved:
 * timestamps in whole milliseconds). */
typedef struct {
    float ppm, speed, angle_deg, hz;
    int final;
} release_case;

static void test_release_velocity(void **state)
{
    (void)state;
    static const release_case rc[] = {
        {4.0f, 1000, 0, 60, 0},   {4.0f, 1000, 0, 60, 1},   {4.0f, 1000, 0, 60, 2},
        {4.0f, 1000, 180, 120, 1}, {8.0f, 1000, 90, 120, 2}, {8.0f, 1000, 30, 240, 1},
        {4.0f, 1000, -60, 90, 0},  {6.0f, 2500, 45, 60, 1},
    };
    for (size_t i = 0; i < sizeof rc / sizeof rc[0]; i++) {
        const release_case *c = &rc[i];
        gesture_state g;
        event_log log = {.n = 0};
        gesture_init(&g, c->ppm);
        double a = c->angle_deg * PI / 180.0;
        float ux = (float)cos(a), uy = (float)sin(a);
        float x0 = 800, y0 = 800;
        double dt = 1.0 / c->hz, t = 2.0;
        int samples = (int)(0.3 * c->hz);
        feed(&g, &log, INPUT_DOWN, 0, x0, y0, t);
        float x = x0, y = y0;
        for (int s = 1; s <= samples; s++) {
            x = x0 + ux * c->speed * (float)(s * dt);
            y = y0 + uy * c->speed * (float)(s * dt);
            feed(&g, &log, INPUT_MOVE, 0, x, y, t + s * dt);
        }
        double tl = t + samples * dt;
        if (c->final == 0) {
            tl += dt;
            x += ux * c->speed * (float)dt;
            y += uy * c->speed * (float)dt;
        } else if (c->final == 2) {
            x += ux * 2.0f;
            y += uy * 2.0f;
        }
        feed(&g, &log, INPUT_UP, 0, x, y, tl);
        const gesture_event *end = find(&log, GESTURE_PAN_END, 0);
        assert_non_null(end);
        float ex = ux * c->speed, ey = uy * c->speed;
        float err = hypotf(end->vx - ex, end->vy - ey);
        if (!(err <= 0.1f * c->speed))
            fail_msg("case %zu: v = (%.1f, %.1f), expected (%.1f, %.1f)", i, end->vx, end->vy,
                     ex, ey);
        assert_true(fabsf(end->speed - hypotf(end->vx, end->vy)) < 1e-3f * c->speed);
        /* The pan's dx, dy add up to its total. */
        float sx = 0, sy = 0;
        for (size_t k = 0; k < log.n; k++) {
            sx += log.ev[k].type <= GESTURE_PAN_END ? log.ev[k].dx : 0;
            sy += log.ev[k].type <= GESTURE_PAN_END ? log.ev[k].dy : 0;
        }
        assert_float_equal(sx, end->total_x, 0.01f);
        assert_float_equal(sy, end->total_y, 0.01f);
        assert_float_equal(end->total_x, x - x0, 0.01f);
        assert_non_null(find(&log, GESTURE_SWIPE, 0));
    }
    /* Everything in the same instant: no history to divide by, no velocity. */
    gesture_state g;
    event_log log = {.n = 0};
    gesture_init(&g, 4.0f);
    feed(&g, &log, INPUT_DOWN, 0, 100, 100, 1.0);
    feed(&g, &log, INPUT_MOVE, 0, 300, 100, 1.0);
    feed(&g, &log, INPUT_UP, 0, 500, 100, 1.0);
    const gesture_event *end = find(&log, GESTURE_PAN_END, 0);
    assert_non_null(end);
    assert_true(end->vx == 0 && end->vy == 0);
    assert_null(find(&log, GESTURE_SWIPE, 0));
}

/* Swipes just under and just over the minimum speed, at two densities. */
static void test_swipe_threshold(void **state)
{
    (void)state;
    static const struct { float ppm, mm_s; bool swipe; } sc[] = {
        {4.0f, GESTURE_SWIPE_MIN_MM_S * 0.9f, false}, {4.0f, GESTURE_SWIPE_MIN_MM_S * 1.1f, true},
        {9.0f, GESTURE_SWIPE_MIN_MM_S * 0.9f, false}, {9.0f, GESTURE_SWIPE_MIN_MM_S * 1.1f, true},
    };
    for (size_t i = 0; i < sizeof sc / sizeof sc[0]; i++) {
        gesture_state g;
        event_log log = {.n = 0};
        gesture_init(&g, sc[i].ppm);
        float v = sc[i].mm_s * sc[i].ppm;
        feed(&g, &log, INPUT_DOWN, 0, 100, 100, 0);
        for (int s = 1; s <= 60; s++)
            feed(&g, &log, INPUT_MOVE, 0, 100, 100 + v * s / 60.0f, s / 60.0);
        feed(&g, &log, INPUT_UP, 0, 100, 100 + v, 1.0);
        assert_non_null(find(&log, GESTURE_PAN_END, 0));
        const gesture_event *w = find(&log, GESTURE_SWIPE, 0);
        if (sc[i].swipe) {
            assert_non_null(w);
            assert_int_equal(w->dir, GESTURE_DIR_DOWN);
            assert_float_equal(w->vy, v, 0.05f * v);
        } else {
            assert_null(w);
        }
    }
}

static void test_pinch_scale(void **state)
{
    (void)state;
    static const struct { float d0, d1; } pc[] = {{100, 200}, {200, 100}, {60, 240}};
    for (size_t i = 0; i < sizeof pc / sizeof pc[0]; i++) {
        gesture_state g;
        event_log log = {.n = 0};
        gesture_init(&g, 4.0f);
        float cx = 500, cy = 300;
        feed(&g, &log, INPUT_DOWN, 4, cx - pc[i].d0 / 2, cy, 0);
        feed(&g, &log, INPUT_DOWN, 7, cx + pc[i].d0 / 2, cy, 0.1);
        /* Both fingers move symmetrically in four steps. */
        for (int s = 1; s <= 4; s++) {
            float d = pc[i].d0 + (pc[i].d1 - pc[i].d0) * s / 4.0f;
            feed(&g, &log, INPUT_MOVE, 4, cx - d / 2, cy, 0.1 + s * 0.02);
            feed(&g, &log, INPUT_MOVE, 7, cx + d / 2, cy, 0.11 + s * 0.02);
        }
        feed(&g, &log, INPUT_UP, 7, cx + pc[i].d1 / 2, cy, 0.3);
        const gesture_event *b = find(&log, GESTURE_PINCH_BEGIN, 0);
        const gesture_event *e = find(&log, GESTURE_PINCH_END, 0);
        assert_non_null(b);
        assert_non_null(e);
        assert_float_equal(b->scale, 1.0f, 1e-6f);
        assert_float_equal(e->scale, pc[i].d1 / pc[i].d0, 1e-4f);
        assert_float_equal(e->x, cx, 0.01f);
        assert_float_equal(e->y, cy, 0.01f);
        assert_int_equal(e->pointer, 4);
        assert_null(find(&log, GESTURE_PAN_BEGIN, 0));
    }
}

/* Turning a pan into a pinch: PAN_END carries no fling. */
static void test_pan_to_pinch_has_no_fling(void **state)
{
    (void)state;
    gesture_state g;
    event_log log = {.n = 0};
    gesture_init(&g, 4.0f);
    feed(&g, &log, INPUT_DOWN, 0, 100, 100, 0);
    for (int s = 1; s <= 10; s++) /* 1200 px/s */
        feed(&g, &log, INPUT_MOVE, 0, 100 + 20.0f * s, 100, s / 60.0);
    feed(&g, &log, INPUT_DOWN, 1, 400, 120, 10 / 60.0);
    const gesture_event *end = find(&log, GESTURE_PAN_END, 0);
    assert_non_null(end);
    assert_true(end->vx == 0 && end->vy == 0 && end->speed == 0);
    assert_null(find(&log, GESTURE_SWIPE, 0));
    assert_non_null(find(&log, GESTURE_PINCH_BEGIN, 0));
    /* Lifting the owner ends the pinch; the other finger then flings nothing. */
    feed(&g, &log, INPUT_UP, 0, 300, 100, 0.2);
    for (int s = 1; s <= 10; s++)
        feed(&g, &log, INPUT_MOVE, 1, 400 + 30.0f * s, 120, 0.2 + s / 60.0);
    feed(&g, &log, INPUT_UP, 1, 700, 120, 0.2 + 10 / 60.0);
    assert_non_null(find(&log, GESTURE_PINCH_END, 0));
    assert_null(find(&log, GESTURE_PAN_END, 1));
    assert_null(find(&log, GESTURE_SWIPE, 0));
    assert_int_equal(g.phase, GESTURE_PHASE_IDLE);
}

/* The operator's corner press: a still finger is found while a visitor pans. */
static void test_held_still(void **state)
{
    (void)state;
    gesture_state g;
    event_log log = {.n = 0};
    gesture_init(&g, 4.0f);
    feed(&g, &log, INPUT_DOWN, 0, 500, 500, 0);
    feed(&g, &log, INPUT_DOWN, 5, 10, 10, 0.1); /* far: ignored by the gesture */
    for (int s = 1; s <= 300; s++) {
        feed(&g, &log, INPUT_MOVE, 0, 500 + (float)(s % 50) * 4, 500, s / 60.0);
        if (s % 60 == 0) /* the corner finger trembles within the slop */
            feed(&g, &log, INPUT_MOVE, 5, 10 + (float)(s % 120 ? 2 : 0), 11, s / 60.0);
    }
    assert_float_equal(gesture_still_for(&g, 5, 5.2), 5.1, 1e-9);
    assert_true(gesture_still_for(&g, 0, 5.0) < 0.1);
    assert_int_equal(gesture_held_in(&g, 5.2, 5.0, 0, 0, 50, 50), 5);
    assert_int_equal(gesture_held_in(&g, 5.0, 5.0, 0, 0, 50, 50), -1);
    assert_int_equal(gesture_held_in(&g, 5.2, 5.0, 100, 0, 50, 50), -1);
    /* Moving out of the slop restarts the count. */
    feed(&g, &log, INPUT_MOVE, 5, 30, 11, 5.3);
    assert_float_equal(gesture_still_for(&g, 5, 5.5), 0.2, 1e-9);
    feed(&g, &log, INPUT_UP, 5, 30, 11, 5.6);
    assert_true(gesture_still_for(&g, 5, 9.0) == 0.0);
    assert_true(gesture_still_for(&g, -1, 9.0) == 0.0 && gesture_still_for(&g, 99, 9.0) == 0.0);
    assert_null(find(&log, GESTURE_TAP, 0));
    assert_null(find(&log, GESTURE_LONG_PRESS, 0));
}

/* A caller array that is too small is never written past its end; what does
 * not fit is counted, and the state advances all the same. */
static void test_full_array(void **state)
{
    (void)state;
    for (size_t cap = 0; cap <= 2; cap++) {
        gesture_state g;
        gesture_init(&g, 4.0f);
        gesture_event out[4];
        memset(out, 0xA5, sizeof out);
        unsigned char canary[sizeof out];
        memcpy(canary, out, sizeof out);
        size_t total = 0;
        input_event seq[] = {
            make_input(INPUT_DOWN, 0, 100, 100, 0), make_input(INPUT_MOVE, 0, 150, 100, 0.02),
            make_input(INPUT_MOVE, 0, 200, 100, 0.04), make_input(INPUT_UP, 0, 250, 100, 0.06),
        };
        for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++) {
            size_t n = gesture_feed(&g, &seq[i], cap ? out : NULL, cap);
            assert_true(n <= cap);
            total += n;
            assert_memory_equal((unsigned char *)&out[cap], canary + cap * sizeof out[0],
                                (sizeof out / sizeof out[0] - cap) * sizeof out[0]);
        }
        /* pan_begin; pan_move; pan_move, pan_end, swipe (the lift moved). */
        assert_int_equal(total + g.dropped, 5);
        assert_int_equal(g.dropped, cap == 0 ? 5 : cap == 1 ? 2 : 1);
        assert_int_equal(g.phase, GESTURE_PHASE_IDLE);
    }
}

/* --- the touch storm ---------------------------------------------------------- */

static uint64_t rng_state;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}
static float rngf(float lo, float hi) { return lo + (hi - lo) * (float)(rng() % 100000) / 100000.0f; }

typedef enum { OPEN_NONE, OPEN_PAN, OPEN_PINCH } open_kind;

typedef struct {
    open_kind open;
    gesture_type prev;
    bool have_prev;
    size_t counts[GESTURE_CANCEL + 1];
} checker;

/* Every event well-formed and every begin closed before another opens. */
static void check_event(checker *c, const gesture_event *e, float max_speed)
{
    assert_true((unsigned)e->type <= GESTURE_CANCEL);
    assert_true(e->pointer >= 0 && e->pointer < INPUT_MAX_POINTERS);
    const float f[] = {e->x, e->y, e->x0, e->y0, e->dx, e->dy, e->total_x, e->total_y,
                       e->vx, e->vy, e->speed, e->scale};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        assert_true(isfinite(f[i]));
        assert_true(fabsf(f[i]) <= 4 * GESTURE_COORD_LIMIT_PX);
    }
    assert_true(isfinite(e->t));
    assert_true(e->scale > 0);
    assert_true(e->speed <= max_speed * 1.001f);
    switch (e->type) {
    case GESTURE_TAP:
    case GESTURE_LONG_PRESS:
        assert_int_equal(c->open, OPEN_NONE);
        break;
    case GESTURE_PAN_BEGIN:
    case GESTURE_PINCH_BEGIN:
        assert_int_equal(c->open, OPEN_NONE);
        c->open = e->type == GESTURE_PAN_BEGIN ? OPEN_PAN : OPEN_PINCH;
        break;
    case GESTURE_PAN_MOVE:
        assert_int_equal(c->open, OPEN_PAN);
        break;
    case GESTURE_PAN_END:
        assert_int_equal(c->open, OPEN_PAN);
        c->open = OPEN_NONE;
        break;
    case GESTURE_PINCH_MOVE:
        assert_int_equal(c->open, OPEN_PINCH);
        break;
    case GESTURE_PINCH_END:
        assert_int_equal(c->open, OPEN_PINCH);
        c->open = OPEN_NONE;
        break;
    case GESTURE_SWIPE:
        assert_true(c->have_prev && c->prev == GESTURE_PAN_END);
        assert_true(e->dir >= GESTURE_DIR_LEFT && e->dir <= GESTURE_DIR_DOWN);
        break;
    case GESTURE_CANCEL:
        c->open = OPEN_NONE;
        break;
    }
    c->prev = e->type;
    c->have_prev = true;
    c->counts[e->type]++;
}

static float storm_coord(void)
{
    switch (rng() % 50) {
    case 0: return NAN;
    case 1: return INFINITY;
    case 2: return -1e30f;
    case 3: return 1e30f;
    default: return rngf(-50, 1200);
    }
}

static void run_storm(uint64_t seed, size_t cap, checker *c)
{
    gesture_state g;
    gesture_init(&g, 4.0f);
    rng_state = seed;
    double t = 100.0;
    float last_x[INPUT_MAX_POINTERS] = {0}, last_y[INPUT_MAX_POINTERS] = {0};
    gesture_event out[GESTURE_MAX_EVENTS_PER_CALL + 2];
    for (int i = 0; i < 10000; i++) {
        input_event e;
        memset(&e, 0, sizeof e);
        uint32_t r = rng() % 100;
        e.type = r < 30 ? INPUT_DOWN : r < 70 ? INPUT_MOVE : r < 96 ? INPUT_UP
               : r < 97 ? INPUT_CANCEL : r < 98 ? INPUT_KEY : (input_type)(rng() % 1000);
        uint32_t pr = rng() % 20;
        e.pointer = pr < 16 ? (int)pr - 2 : pr < 18 ? (int)(rng() % 4000000000u) : -1000000;
        /* Half the time near the pointer's last place, so taps happen too. */
        int slot = e.pointer >= 0 && e.pointer < INPUT_MAX_POINTERS ? e.pointer : 0;
        if (rng() % 2) {
            e.x = last_x[slot] + rngf(-2, 2);
            e.y = last_y[slot] + rngf(-2, 2);
        } else {
            e.x = storm_coord();
            e.y = storm_coord();
            if (isfinite(e.x) && isfinite(e.y) && fabsf(e.x) < 1e4f && fabsf(e.y) < 1e4f) {
                last_x[slot] = e.x;
                last_y[slot] = e.y;
            }
        }
        /* Time moves on, mostly; sometimes stands, runs back, or is garbage. */
        uint32_t tr = rng() % 40;
        t += tr == 0 ? -0.5 : tr == 1 ? 0.0 : rngf(0.0f, 0.05f);
        e.t = tr == 2 ? NAN : t;
        memset(out, 0x5A, sizeof out);
        gesture_event guard = out[cap];
        size_t n = gesture_feed(&g, &e, out, cap);
        assert_true(n <= cap && n <= GESTURE_MAX_EVENTS_PER_CALL);
        assert_memory_equal(&out[cap], &guard, sizeof guard);
        if (cap >= GESTURE_MAX_EVENTS_PER_CALL)
            for (size_t k = 0; k < n; k++)
                check_event(c, &out[k], g.max_speed_px_s);
        if (rng() % 8 == 0) {
            n = gesture_update(&g, t + rngf(-0.1f, 0.8f), out, cap);
            assert_true(n <= cap);
            if (cap >= GESTURE_MAX_EVENTS_PER_CALL)
                for (size_t k = 0; k < n; k++)
                    check_event(c, &out[k], g.max_speed_px_s);
        }
        if (rng() % 2000 == 0) {
            /* A scene change: by contract the begin it leaves open went to
             * the scene that is gone. */
            gesture_reset(&g);
            c->open = OPEN_NONE;
        }
    }
    input_event cancel = make_input(INPUT_CANCEL, 0, 0, 0, t + 1);
    size_t n = gesture_feed(&g, &cancel, out, cap);
    if (cap >= GESTURE_MAX_EVENTS_PER_CALL) {
        for (size_t k = 0; k < n; k++)
            check_event(c, &out[k], g.max_speed_px_s);
        assert_int_equal(c->open, OPEN_NONE);
        assert_int_equal(g.dropped, 0);
    }
    assert_int_equal(g.phase, GESTURE_PHASE_IDLE);
}

static void test_touch_storm(void **state)
{
    (void)state;
    static const uint64_t seeds[] = {0x9E3779B97F4A7C15ull, 12345, 0xDEADBEEFull, 777};
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        checker c;
        memset(&c, 0, sizeof c);
        run_storm(seeds[s], GESTURE_MAX_EVENTS_PER_CALL, &c);
        /* The storm must have exercised the recogniser, or it proves nothing. */
        assert_true(c.counts[GESTURE_TAP] > 0);
        assert_true(c.counts[GESTURE_PAN_BEGIN] > 0);
        assert_true(c.counts[GESTURE_PINCH_BEGIN] > 0);
        assert_true(c.counts[GESTURE_CANCEL] > 0);
        /* Small arrays: only the bounds are checked. */
        for (size_t cap = 0; cap < 3; cap++) {
            checker unused;
            memset(&unused, 0, sizeof unused);
            run_storm(seeds[s], cap, &unused);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_tap_and_long_press_positions),
        cmocka_unit_test(test_release_velocity),
        cmocka_unit_test(test_swipe_threshold),
        cmocka_unit_test(test_pinch_scale),
        cmocka_unit_test(test_pan_to_pinch_has_no_fling),
        cmocka_unit_test(test_held_still),
        cmocka_unit_test(test_full_array),
        cmocka_unit_test(test_touch_storm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
