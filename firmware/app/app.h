/* app: TEMPORARY stand-in so the entry point compiles on this branch; the
 * real header comes with the application module and replaces this file. */
#ifndef APP_APP_H
#define APP_APP_H

#include "core/options.h"

int app_run(const kiosk_options *o);

#endif
