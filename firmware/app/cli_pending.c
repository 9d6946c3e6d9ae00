/* Temporary: modes whose modules have not landed yet. */
#include <stdio.h>

#include "app/cli.h"

int cli_check(const kiosk_options *o) { (void)o; fprintf(stderr, "kiosk: --check is not available yet\n"); return 1; }
