/* TEMPORARY definitions so build/kiosk links on this branch; delete at merge
 * (app.h above is the application module's header, copied unchanged). */
#include <stdio.h>

#include "app/app.h"
#include "app/cli.h"

int app_run(const kiosk_options *o) { (void)o; fprintf(stderr, "kiosk: run mode is not on this branch\n"); return 1; }
int cli_check(const kiosk_options *o) { (void)o; fprintf(stderr, "kiosk: --check is not on this branch\n"); return 1; }
int cli_stats(const kiosk_options *o) { (void)o; fprintf(stderr, "kiosk: --stats is not on this branch\n"); return 1; }
