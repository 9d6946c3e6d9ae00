/* install: a bundle package into the kiosk's state directory, atomically.
 *
 * The steps, each of which may be cut by a power loss without harm:
 *   1. verify: the whole package is read once without writing anything
 *      (signature by a trusted key, every file's hash, every limit); its
 *      version must be newer than the one shown, unless downgrades are
 *      allowed, and (from the inbox) not one rolled back on this kiosk;
 *   2. the inactive slot (update/slots.h) is emptied; if the state still
 *      names it as the previous slot, the state first drops it (so no
 *      rollback can ever point at a half-written slot);
 *   3. the package is read again into the slot: every file created new
 *      (no links followed), written, fsync'ed; then the directories;
 *   4. the slot is validated as a bundle by the caller (the same checks as
 *      --check and the kiosk's start);
 *   5. the state is replaced atomically, naming the slot current on trial.
 * Until step 5 the state names the old bundle; after it, the new one. Each
 * step on the disk passes a fault point (core/faultpoint.h) so that tests can
 * kill the process between any two of them. The caller holds the slots'
 * lock (slots_lock, update/slots.h) throughout. */
#ifndef UPDATE_INSTALL_H
#define UPDATE_INSTALL_H

#include <stdbool.h>
#include <stddef.h>

#include "update/package.h"
#include "update/pkgkey.h"
#include "update/slots.h"

typedef struct {
    const char *state_dir;
    const pkgkey_public *keys; /* trusted */
    int nkeys;
    bool allow_unsigned;       /* development only */
    bool allow_downgrade;      /* an older (or the same) version may replace the shown one */
    bool refuse_rolled_back;   /* (the inbox) a version rolled back on this kiosk is refused */
    const char *shown_version; /* version of the bundle shown now ("" or NULL: none known) */
    /* Validates the bundle in dir as the kiosk would load it; false with the
     * reason in err. NULL: not validated (tests of the mechanics only). */
    bool (*validate)(void *ctx, const char *dir, const pkg_manifest *m, char *err, size_t errlen);
    /* Progress for the operator (may be NULL): percent 0-100 and the step. */
    void (*progress)(void *ctx, int percent, const char *what);
    void *ctx;
} install_opts;

typedef struct {
    char slot[8];
    pkg_manifest m; /* the package's manifest once verified (m.version "" before): what was installed */
    bool is_signed;
    char key_id[PKGKEY_ID_CHARS + 1];
    bool already; /* refused because its version is the one shown (not an error to report loudly) */
    bool later;   /* not tried: the bundle shown is on trial (a verdict on the moment, not the package) */
} install_result;

/* Installs the package file `package`. True when the new bundle is current
 * (on trial). False with the reason in err when it was refused or failed:
 * the state then still names the bundle shown before. */
bool install_package(const char *package, const install_opts *o, install_result *r, char *err, size_t errlen);

/* Removes a directory tree without following links (the inactive slot
 * before it is filled). A missing directory is fine. */
bool install_remove_tree(const char *dir, char *err, size_t errlen);

#endif
