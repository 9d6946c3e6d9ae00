/* cli: the program's non-interactive modes, one entry point each.
 * Each returns the process exit status. */
#ifndef APP_CLI_H
#define APP_CLI_H

#include <stddef.h>

#include "app/options.h"

/* --layout WIDTH: lay out UTF-8 paragraphs from stdin, print the lines. */
int cli_layout(const kiosk_options *o);

/* --check DIR [--export]: validate a bundle, print problems or the export. */
int cli_check(const kiosk_options *o);

/* --stats DIR: print the interaction log as CSV. */
int cli_stats(const kiosk_options *o);

/* --install FILE --state-dir DIR: install a bundle package (app/cli_install.c). */
int cli_install(const kiosk_options *o);

/* The version the manifest of the bundle in dir names, as the installer
 * compares with ("" when it does not load). */
void cli_bundle_version(const char *dir, char *out, size_t outlen);

/* --status [--json]: the slots, the last result and the inbox of the state
 * directory, for the operator (app/cli_slots.c). */
int cli_status(const kiosk_options *o);

/* --rollback: back to the previous confirmed slot (app/cli_slots.c). */
int cli_rollback(const kiosk_options *o);

#endif
