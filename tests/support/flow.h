/* flow: scripted headless runs of build/kiosk for scene tests.
 *
 * A test builds a script step by step: it runs the kiosk, reads the touch
 * targets the scene traced ({"event":"targets"}), appends a tap on the
 * centre of the target it wants ("the Timeline button", "event
 * ev-2015-09-consensus"), and runs again. Runs are deterministic (virtual
 * clock, SOURCE_DATE_EPOCH pinned), so each run replays the previous steps
 * exactly and no coordinate is written into a test. */
#ifndef TESTS_SUPPORT_FLOW_H
#define TESTS_SUPPORT_FLOW_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#define FLOW_EPOCH "1763800000" /* 2025-11-22: the timeline's "today" in tests */
#define FLOW_SCRIPT_MAX 16384

typedef struct {
    cJSON **ev;       /* one parsed object per trace line */
    size_t n;
    int status;       /* the kiosk's exit status */
    char dir[512];    /* where the run's files are (shots, trace) */
} flow_trace;

typedef struct {
    char text[FLOW_SCRIPT_MAX];
    size_t len;
} flow_script;

/* Appends a line (printf-style) to the script. */
void flow_add(flow_script *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The operator PIN of content/, the bundle the flows show (its manifest's). */
#define FLOW_PIN "2468"

/* Appends F12 at time t and then FLOW_PIN typed, a key every 0.1 s: the
 * operator menu opens at the returned time (the last key's), over the
 * scene of time t. */
double flow_f12_pin(flow_script *s, double t);

/* Runs `kiosk --headless --size SIZE --frames FRAMES --script ... --trace
 * ... --shot-dir DIR EXTRA` and parses the trace. Fails the test if the
 * trace cannot be read. Free with flow_free(). */
void flow_run(flow_trace *t, const char *size, long frames, const char *extra, const flow_script *s);
void flow_free(flow_trace *t);

/* Centre of target `id` in the last "targets" event of `scene`; fails the
 * test when there is none. */
void flow_target(const flow_trace *t, const char *scene, const char *id, int *x, int *y);
/* The same, returning false instead of failing. */
bool flow_find_target(const flow_trace *t, const char *scene, const char *id, double *x, double *y,
                      double *w, double *h);

/* Events named `event` whose string field `key` equals `val` (key NULL: all). */
int flow_count(const flow_trace *t, const char *event, const char *key, const char *val);
/* The first / last such event, or NULL. */
const cJSON *flow_first(const flow_trace *t, const char *event, const char *key, const char *val);
const cJSON *flow_last(const flow_trace *t, const char *event, const char *key, const char *val);

/* The scene names in order of the "scene" events, joined by ">" into buf. */
const char *flow_scenes(const flow_trace *t, char *buf, size_t len);

/* A number field of an event (0 when absent). */
double flow_num(const cJSON *ev, const char *key);
const char *flow_str(const cJSON *ev, const char *key);

/* Compares the shot `name` of the run with tests/golden/<golden>.png. */
void flow_golden(const flow_trace *t, const char *name, const char *golden);

/* How a helper runs the script so far: flow_run, or a function taking its
 * arguments that runs the kiosk otherwise (diskaudio_run_targets: with an
 * audio device, so that the Listen buttons are there). */
typedef void flow_runner(flow_trace *t, const char *size, long frames, const char *extra,
                         const flow_script *s);

/* Runs the script so far with `run` for `frames` frames and appends a tap at
 * time t on the centre of target `id` in the last targets `scene` traced;
 * fails the test when there is none. Taps aimed this way never name a
 * coordinate, so they follow the layout wherever it puts the target. */
void flow_tap_target(flow_script *s, flow_runner *run, const char *size, long frames, const char *extra,
                     const char *scene, const char *id, double t);

/* Appends the taps that open event `id` on the timeline from time t: one on
 * its marker, or first one on the cluster the label pass gathered it in (a
 * tapped cluster zooms in). Returns the time of the tap on the marker.
 * extra: more kiosk options, or NULL; shot: a screenshot name for just
 * before that tap, or NULL. */
double flow_tap_event(flow_script *s, const char *size, double t, const char *id, const char *extra,
                      const char *shot);

#endif
