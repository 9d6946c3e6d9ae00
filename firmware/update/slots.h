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
 *     rolled-back 1.1.5 1.2.1
 * (the last line only when a version was ever rolled back.) Writing it is
 * THE switch: an installer fills the inactive slot, syncs it,
 * and only then writes a state naming it current (slots_commit), with
 * `trial 1`. Every start during the trial counts a try (slots_begin) before
 * loading anything; a kiosk that reaches its healthy point confirms the
 * slot (slots_confirm: trial 0). A slot that fails to load (slots_fail), or
 * that used up its tries without being confirmed (crashes, hangs the
 * watchdog killed), is replaced by the previous one, which had been
 * confirmed: last-known-good. The operator can do the same at any time
 * (kiosk --rollback). The versions rolled back are kept (the newest
 * SLOTS_MAX_ROLLED_BACK), in the same write as the switch, so that the
 * inbox never installs one of them again (update/install.h); installing a
 * version by hand takes it off the list.
 *
 * More than one process writes the state: the kiosk (starts, confirmation,
 * a slot that does not load), its install processes, and the operator's
 * kiosk --install and --rollback. Each reads, changes and writes it under
 * slots_lock(), and the kiosk's later writes re-read the state first, so
 * that no process writes back a state another one has replaced. libc only;
 * errors to a caller's buffer. */
#ifndef UPDATE_SLOTS_H
#define UPDATE_SLOTS_H

#include <stdbool.h>
#include <stddef.h>

#include "content/bundlename.h"

#define SLOTS_FACTORY "factory"
#define SLOTS_MAX_TRIES 3       /* starts a new slot gets to reach its healthy point */
#define SLOTS_MAX_ROLLED_BACK 8 /* versions remembered as rolled back */
#define SLOTS_BUSY (-2)         /* slots_lock(): another process holds the lock */

typedef struct {
    char name[8];                      /* "a", "b" or SLOTS_FACTORY */
    char version[BUNDLE_MAX_VERSION + 1]; /* of the package installed there; "" for factory */
} slots_ref;

typedef struct {
    slots_ref current, previous;
    bool trial; /* current not yet confirmed healthy */
    int tries;  /* starts counted during the trial */
    /* versions rolled back, oldest first (unused entries all zero) */
    char rolled_back[SLOTS_MAX_ROLLED_BACK][BUNDLE_MAX_VERSION + 1];
    int nrolled_back;
} slots_state;

/* The lock every change of the state is made under: an exclusive flock()
 * on the state directory itself (so no lock file is created, and a process
 * that dies releases it). Waits up to wait_ms for another process to
 * release it (0: not at all). Returns the descriptor to pass to
 * slots_unlock(); SLOTS_BUSY when another process still holds it (err says
 * so); -1 with err when the directory cannot be opened. */
int slots_lock(const char *state_dir, int wait_ms, char *err, size_t errlen);
void slots_unlock(int fd);

/* True when another process holds the lock now (an install or a rollback
 * is under way); takes nothing. */
bool slots_locked_elsewhere(const char *state_dir);

/* Which version of the state file was seen last: a change (a write by any
 * process replaces the file) is noticed with one stat() and no read. */
typedef struct {
    unsigned long long ino;
    long long size, mtime_ns;
} slots_stamp;

/* True when the state file is not the one *st names (including one that
 * appeared or went away); *st then names the file now. */
bool slots_stamp_changed(const char *state_dir, slots_stamp *st);

/* "slot b (version 1.2.0)" or "the factory bundle", for messages. */
void slots_describe(const slots_ref *r, char *out, size_t outlen);

/* Two references name the same slot with the same version. */
bool slots_ref_same(const slots_ref *a, const slots_ref *b);

/* True when `version` was rolled back (a newer version than the one shown
 * still installs). */
bool slots_was_rolled_back(const slots_state *s, const char *version);

/* The state in state_dir. A missing file is the factory state (true, no
 * error). A damaged one is an error (false, "FILE: line N: reason"), *s
 * then being the factory state. */
bool slots_read(const char *state_dir, slots_state *s, char *err, size_t errlen);

/* Writes s atomically (fsync'ed, with its directory; creates STATE/slots). */
bool slots_write(const char *state_dir, const slots_state *s, char *err, size_t errlen);

/* The directory of slot `name` in state_dir (PATH_MAX buffer), or
 * factory_dir for SLOTS_FACTORY. */
void slots_dir(const char *state_dir, const char *name, const char *factory_dir, char *out, size_t outlen);

/* At start, before loading (with the lock held): reads the state (a damaged one is reported in
 * msg and replaced by the factory state), counts a try when in trial, and
 * rolls back to the previous slot when the tries are used up. *s is then
 * the state to load from. msg (may be "") says what happened, for the log,
 * the trace and the operator menu. False only when the new state could not
 * be written (err; *s is still the state to use). */
bool slots_begin(const char *state_dir, int max_tries, slots_state *s, char *msg, size_t msglen, char *err,
                 size_t errlen);

/* The current slot s->current failed to load, or the operator withdrew it
 * (kiosk --rollback): the previous one becomes current (and factory the
 * previous), and the version goes on the list of those rolled back. msg
 * says so: "rolled back to TO: FROM REASON". The state is read again
 * first: when its current slot is no longer s->current (another process
 * switched meanwhile), *s becomes the state read, nothing is written and
 * msg is "". With the lock held. */
bool slots_fail(const char *state_dir, slots_state *s, const char *reason, char *msg, size_t msglen, char *err,
                size_t errlen);

/* The current slot s->current reached its healthy point: the trial ends.
 * The state is read again first: when its current slot is no longer
 * s->current on trial (another process switched meanwhile), *s becomes the
 * state read and nothing is written. With the lock held. */
bool slots_confirm(const char *state_dir, slots_state *s, char *err, size_t errlen);

/* The switch: slot `name`, just installed with `version`, becomes current
 * on trial, the current one previous; `version` leaves the list of those
 * rolled back. */
bool slots_commit(const char *state_dir, slots_state *s, const char *name, const char *version, char *err,
                  size_t errlen);

/* The slot an install may write: the one that is not current. */
const char *slots_inactive(const slots_state *s);

#endif
