/* verdicts: what became of each package found in the inbox, kept in the
 * state directory, so that a package is judged once: installed, refused or
 * found to be the version shown, it is never verified or installed again,
 * at this start or any later one, for as long as it lies in the inbox.
 *
 *     STATE/inbox-verdicts
 *     kiosk-inbox 1
 *     installed 5242880 1763800000123456789 1763800042 1.2.0 exhibit-1.2.0.kbundle
 *     refused 10 1763800000000000000 1763800050 - notes%20copy.kbundle the package is not signed
 *
 * One line a package: the verdict, the file's size and modification time
 * (ns), when it was judged (s since 1970), the version its manifest names
 * ("-" when it was refused before one was read), its name (bytes up to a
 * space, '%' and controls written %XX), and for a refusal the reason.
 *
 * A package is known by its file (name, size, modification time), not by a
 * hash of its content: the inbox is a folder a sync tool fills (rsync -a,
 * Syncthing and cp -p keep all three), so the verdicts stay in the state
 * directory and the inbox is never written to (a receive-only Syncthing
 * folder would download a moved or deleted file again); telling a file
 * needs one stat(), so the kiosk's loop can skip known packages without
 * reading them; and a file copied or touched again is a new package, judged
 * once more: the operator's way to have a refusal looked at again (after
 * adding a key, say). A version that was rolled back is refused by its
 * version (update/slots.h), however its file comes back.
 *
 * The list holds the packages in the inbox: an install process records its
 * verdict and drops the lines of files no longer there (or changed), so it
 * never outgrows the inbox; past VERDICTS_MAX packages nothing more is
 * recorded. The file is replaced atomically (core/fileio.h) by the install
 * process (app/cli_install.c) with the slots' lock held; the kiosk and
 * kiosk --status only read it. libc only; errors to a caller's buffer. */
#ifndef UPDATE_VERDICTS_H
#define UPDATE_VERDICTS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "content/bundlename.h"

#define VERDICTS_FILE "inbox-verdicts"
#define VERDICTS_MAX 4096       /* packages remembered */
#define VERDICTS_REASON_MAX 320 /* a refusal's reason, cut at a character */

typedef enum {
    VERDICT_INSTALLED, /* installed (it may have been rolled back since: slots_was_rolled_back) */
    VERDICT_REFUSED,   /* refused, `reason` says why */
    VERDICT_SHOWN,     /* its version was the one shown: nothing to install */
    /* only in a running kiosk's memory, never in the file: */
    VERDICT_TRIED, /* an install process ran for it this run, without a verdict (killed) */
    VERDICT_LATER, /* not judged: the bundle shown was on trial; tried again after it */
} verdict_kind;

typedef struct {
    char name[NAME_MAX + 1];
    long long size, mtime_ns; /* the file judged */
    long long when;           /* s since 1970 */
    verdict_kind kind;
    char version[BUNDLE_MAX_VERSION + 1]; /* "" when not known */
    char reason[VERDICTS_REASON_MAX];
} verdict;

/* In name order, one entry a name. */
typedef struct {
    verdict *v;
    size_t n, cap;
} verdict_list;

void verdicts_init(verdict_list *l);
void verdicts_free(verdict_list *l);

/* The list in state_dir, replacing *l's entries. A missing file is an empty
 * list (true). A damaged line is skipped and the others kept (false, with
 * "FILE: line N: reason" for the first): its package is judged again; so
 * is every package when the file cannot be read at all (false, "FILE:
 * reason"). */
bool verdicts_load(const char *state_dir, verdict_list *l, char *err, size_t errlen);

/* Writes *l (its file kinds only) atomically. */
bool verdicts_save(const char *state_dir, const verdict_list *l, char *err, size_t errlen);

/* The entry for the file `name` of that size and time, or NULL. */
verdict *verdicts_find(const verdict_list *l, const char *name, long long size, long long mtime_ns);

/* Records v, replacing the entry of the same name. NULL (nothing recorded)
 * when the list holds VERDICTS_MAX entries or memory runs out. */
verdict *verdicts_put(verdict_list *l, const verdict *v);

/* Drops the entries of kind `kind`. */
void verdicts_drop_kind(verdict_list *l, verdict_kind kind);

/* Drops the entries whose file is no longer in `inbox` as it was judged. */
void verdicts_prune(verdict_list *l, const char *inbox);

/* The file `name` in the directory dirfd (not followed if a link): false
 * when it cannot be stat'ed. */
bool verdicts_stat(int dirfd, const char *name, long long *size, long long *mtime_ns);

/* True for a name the inbox takes as a package: *.kbundle (PKG_SUFFIX), not
 * hidden (sync tools write hidden temporary files and rename them). */
bool verdicts_package_name(const char *name);

/* "installed", "refused", "shown", "tried", "later". */
const char *verdict_kind_name(verdict_kind k);

#endif
