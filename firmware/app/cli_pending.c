/* Temporary stand-ins for modes whose modules have not landed yet, so that
 * build/kiosk links. Delete at merge. */
#include <stdio.h>

#include "app/cli.h"

int cli_layout(const kiosk_options *o)
{
    (void)o;
    fputs("kiosk: --layout is not available yet\n", stderr);
    return 1;
}

int cli_stats(const kiosk_options *o)
{
    (void)o;
    fputs("kiosk: --stats is not available yet\n", stderr);
    return 1;
}
