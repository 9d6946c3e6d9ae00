/* telemetry: the figures the running kiosk reports about itself.
 *
 * Once a health period (HEALTH_PERIOD_S of program time, the first at the
 * first frame), open or closed:
 *   - the "health" trace event: resident memory and descriptors
 *     (app/health.h), the glyph atlas and the text cache, frames drawn, the
 *     version shown, whether an install runs; a long run's trace (make
 *     soak) shows from it whether anything grows;
 *   - with a metrics directory (--metrics-dir), the Prometheus textfile
 *     (app/promfile.h): the bundle shown, uptime, frames drawn and the wall
 *     clock of the last one, memory, opening hours, errors logged, errors
 *     of the site configuration, updates, today's interaction counts. A write that fails is logged once per
 *     streak of failures.
 * Between periods nothing runs: telemetry_due() is the loop's one test a
 * frame, and the loop notes the wall clock of each frame it draws in
 * last_draw_wall.
 * Besides: the first frame's time since the process started (trace, log,
 * profile), and the run's counts at its end (the "quit" event, and the
 * profile's last line). */
#ifndef APP_TELEMETRY_H
#define APP_TELEMETRY_H

#include <stdbool.h>
#include <stddef.h>

#include "app/shown.h"
#include "app/trial.h"
#include "core/frameprof.h"
#include "core/trace.h"
#include "stats/stats.h"
#include "text/atlas.h"
#include "text/layout.h"
#include "ui/shell.h"

/* What is reported on; borrowed, all must outlive the telemetry. */
typedef struct {
    trace *tr;
    const char *metrics_dir; /* NULL: no file */
    const ui_shell *shell;
    const text_engine *te;
    const atlas *at;
    const stats *st;          /* may be NULL */
    const shown_state *shown; /* the bundle shown */
    const trial *trial;       /* content updates */
    int config_errors;        /* errors of the site configuration (app/config.h) */
} telemetry_sources;

typedef struct {
    telemetry_sources src;
    double next_at;        /* program time of the next report */
    double last_draw_wall; /* wall clock (s) of the last frame drawn; set by the loop */
    bool failing;          /* the last file write failed (logged once) */
} telemetry;

/* The first report is due at once. */
void telemetry_init(telemetry *t, const telemetry_sources *src);

static inline bool telemetry_due(const telemetry *t, double now) { return now >= t->next_at; }

/* The health event and the metrics file at program time `now` (open: within
 * opening hours); the next report is then due a period later. */
void telemetry_report(telemetry *t, double now, bool open);

/* The first frame is on the panel: its time since exec and since main, in
 * the trace ("first_frame"), the log and the profile (may be NULL). */
void telemetry_first_frame(const telemetry *t, double now, frameprof *prof);

/* The run ends after `frames` frames: the "quit" event with its counts,
 * then the profile (may be NULL) is closed with the atlas's memory, its own
 * (coverage, packer, table) and the renderer's ARGB copy of each page.
 * False with err when the profile lost lines. */
bool telemetry_quit(const telemetry *t, double now, unsigned long frames, frameprof *prof, char *err,
                    size_t errlen);

#endif
