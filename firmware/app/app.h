/* app: the exhibit's main loop (run mode). */
#ifndef APP_APP_H
#define APP_APP_H

#include "core/options.h"

/* Runs the exhibit until it is asked to stop; returns the exit status. */
int app_run(const kiosk_options *o);

#endif
