/* opening: the site's opening hours (app/hours.h) in the running kiosk.
 *
 * Checked once a frame against the wall clock (the program's start plus its
 * time, so a headless run's days follow the virtual clock). Entering the
 * closed time stops a reading (no frame runs to stop it later), blanks the
 * panel once, logs and traces "hours"; leaving it sends the exhibit back to
 * its attract loop, drawn again. While closed the program draws nothing and
 * takes only quit (app/app.c); content updates install but wait for the
 * opening (app/trial.h); the metrics file says so (app/telemetry.h). */
#ifndef APP_OPENING_H
#define APP_OPENING_H

#include <stdbool.h>
#include <time.h>

#include "core/trace.h"
#include "platform/display.h"
#include "app/hours.h"
#include "ui/shell.h"

typedef struct {
    /* borrowed, from opening_init */
    const hours_schedule *hours;
    trace *tr;
    ui_shell *shell;
    display *disp;
    time_t wall_start; /* wall clock at program time 0 */
    /* state */
    bool closed; /* outside opening hours: black, nothing drawn */
} opening;

/* Open until the first check says otherwise. */
void opening_init(opening *h, const hours_schedule *hours, time_t wall_start, trace *tr, ui_shell *shell,
                  display *disp);

/* Once a frame: false while closed; a change is acted on (above). */
bool opening_check(opening *h, double now);

#endif
