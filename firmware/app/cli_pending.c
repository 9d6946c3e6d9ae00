/* Temporary stand-ins for entry points written in other branches, so that
 * build/kiosk links for --check. Delete at merge. */
#include <stdio.h>

#include "app/app.h"
#include "app/cli.h"

int app_run(const kiosk_options *o)
{
    (void)o;
    fputs("kiosk: run mode is not built in this branch\n", stderr);
    return 1;
}

int cli_layout(const kiosk_options *o)
{
    (void)o;
    fputs("kiosk: --layout is not built in this branch\n", stderr);
    return 1;
}

int cli_stats(const kiosk_options *o)
{
    (void)o;
    fputs("kiosk: --stats is not built in this branch\n", stderr);
    return 1;
}
