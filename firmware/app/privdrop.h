/* privdrop: no root-owned state.
 *
 * The state directory (interaction log, fit cache, content slots, the
 * install child's files) belongs to the user the service runs as (`kiosk`).
 * A file that root writes there cannot be replaced by that user later: one
 * `sudo kiosk --headless` would make every later install fail with
 * "Permission denied". So a kiosk started as root whose state directory
 * belongs to another user becomes that user, for good, before it opens
 * anything in the directory and before SDL starts: the user's groups
 * (initgroups: video, input, render on a kiosk; for a uid without a name,
 * the directory's group alone), then its gid, then its uid (real, effective
 * and saved). HOME, USER and LOGNAME follow when the user has a name.
 * Everything the run then writes (the state directory, kiosk.prom, a trace
 * or a screenshot, the install child's files) belongs to that user, as the
 * service's files do.
 * Not root, no state directory, one that does not exist, or one root owns:
 * nothing changes. */
#ifndef APP_PRIVDROP_H
#define APP_PRIVDROP_H

#include <stdbool.h>
#include <stddef.h>

/* Becomes the owner of state_dir (see above; the change is logged). False
 * when that fails (no CAP_SETUID, say): the run must stop; err then holds
 * one line that says how to run it instead, "... run it as that user: sudo
 * -u kiosk kiosk ARGS" with the program's own arguments (argc, argv). */
bool privdrop_to_state_owner(const char *state_dir, int argc, char **argv, char *err, size_t errlen);

#endif
