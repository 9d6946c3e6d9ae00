/* slots: which bundle the kiosk shows, kept in its state directory, with
 * A/B slots, a trial period after each switch, and rollback.
 *
 *     STATE/slots/a/, STATE/slots/b/   two bundle directories ("slots")
 *     STATE/slots/state                which one is current (this module)
 * The bundle the program was started with (--bundle, the packaged default)
 * is the third choice, "factory": it is never written to and is what the
 * kiosk shows when no slot is usable.
 *
 * The state file is small text, replaced atomically (core/fileio.h), so a
 * power cut leaves the old or the new state, never a mix:
 *     kiosk-slots 1
 *     current b 1.2.0
 *     previous a 1.1.0
 *     trial 1
 *     tries 2
 * Writing it is THE switch: an installer fills the inactive slot, syncs it,
 * and only then writes a state naming it current (slots_commit), with
 * `trial 1`. Every start during the trial counts a try (slots_begin) before
 * loading anything; a kiosk that reaches its healthy point confirms the
 * slot (slots_confirm: trial 0). A slot that fails to load (slots_fail), or
 * that used up its tries without being confirmed (crashes, hangs the
 * watchdog killed), is replaced by the previous one, which had been
 * confirmed: last-known-good. libc only; errors to a caller's buffer. */
#ifndef UPDATE_SLOTS_H
#define UPDATE_SLOTS_H

#include <stdbool.h>
#include <stddef.h>

#include "content/bundlename.h"

#define SLOTS_FACTORY "factory"
#define SLOTS_MAX_TRIES 3 /* starts a new slot gets to reach its healthy point */

typedef struct {
    char name[8];                      /* "a", "b" or SLOTS_FACTORY */
    char version[BUNDLE_MAX_VERSION + 1]; /* of the package installed there; "" for factory */
} slots_ref;

typedef struct {
    slots_ref current, previous;
    bool trial; /* current not yet confirmed healthy */
    int tries;  /* starts counted during the trial */
} slots_state;

/* The state in state_dir. A missing file is the factory state (true, no
 * error). A damaged one is an error (false, "FILE: line N: reason"), *s
 * then being the factory state. */
bool slots_read(const char *state_dir, slots_state *s, char *err, size_t errlen);

/* Writes s atomically (fsync'ed, with its directory; creates STATE/slots). */
bool slots_write(const char *state_dir, const slots_state *s, char *err, size_t errlen);

/* The directory of slot `name` in state_dir (PATH_MAX buffer), or
 * factory_dir for SLOTS_FACTORY. */
void slots_dir(const char *state_dir, const char *name, const char *factory_dir, char *out, size_t outlen);

/* At start, before loading: reads the state (a damaged one is reported in
 * msg and replaced by the factory state), counts a try when in trial, and
 * rolls back to the previous slot when the tries are used up. *s is then
 * the state to load from. msg (may be "") says what happened, for the log,
 * the trace and the operator menu. False only when the new state could not
 * be written (err; *s is still the state to use). */
bool slots_begin(const char *state_dir, int max_tries, slots_state *s, char *msg, size_t msglen, char *err,
                 size_t errlen);

/* The current slot failed to load: the previous one becomes current (and
 * factory the previous). msg says so. */
bool slots_fail(const char *state_dir, slots_state *s, const char *reason, char *msg, size_t msglen, char *err,
                size_t errlen);

/* The current slot reached its healthy point: the trial ends. */
bool slots_confirm(const char *state_dir, slots_state *s, char *err, size_t errlen);

/* The switch: slot `name`, just installed with `version`, becomes current
 * on trial, the current one previous. */
bool slots_commit(const char *state_dir, slots_state *s, const char *name, const char *version, char *err,
                  size_t errlen);

/* The slot an install may write: the one that is not current. */
const char *slots_inactive(const slots_state *s);

#endif
