/* updater: the kiosk's side of content updates. It watches the inbox
 * directory (inotify, and a scan at start and after each install), and for
 * each new package (*.kbundle, not hidden: sync tools write hidden
 * temporary files and rename them) starts `kiosk --install FILE --inbox
 * DIR` as a separate process (app/cli_install.c), whose progress lines it
 * reads without blocking. The main loop polls it once a frame: a poll with
 * nothing to do is one read() that returns EAGAIN and one waitpid().
 *
 * The install process changes only the state directory; showing the new
 * bundle is the program's decision (at a scene boundary, app/trial.h). One
 * install at a time. Each package is judged once: the install process
 * records its verdict in the state directory (update/verdicts.h), which is
 * read here at start, and a file tried in this run (whatever became of it:
 * a process killed records nothing) is not tried again until it changes,
 * so no number of leftovers or refusals makes the inbox busy; a package
 * put off because the bundle shown was on trial is tried again once it is
 * confirmed. Linux (inotify, posix_spawn of /proc/self/exe). */
#ifndef APP_UPDATER_H
#define APP_UPDATER_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "app/options.h"
#include "update/package.h"
#include "update/verdicts.h"

#define UPDATER_STATUS_MAX 300

typedef enum {
    UPDATER_NOTHING,   /* nothing new this poll */
    UPDATER_PROGRESS,  /* status changed (an install runs) */
    UPDATER_INSTALLED, /* a bundle was installed: slot, version */
    UPDATER_REFUSED,   /* a package was refused or the install failed: status says why */
} updater_event;

typedef struct {
    const kiosk_options *o;
    int ino_fd;  /* inotify, -1 when not watching */
    bool rescan; /* look at the inbox at the next idle poll */
    bool paused; /* no new install (the current bundle is on trial) */
    pid_t child; /* the install process, 0 none */
    int out_fd;  /* its stdout, non-blocking */
    char line[1024];
    size_t line_len;
    char file[PATH_MAX]; /* the package being installed */
    verdict_list known;  /* judged before (the state directory's) or tried in this run */
    verdict trying;      /* the package being installed, as found */
    bool full;           /* known is full: no install until the inbox is emptied (said once) */
    bool scanned;        /* the inbox was scanned once (what was judged before is said then) */
    /* results */
    char status[UPDATER_STATUS_MAX]; /* for the operator menu and the log */
    char slot[8], version[BUNDLE_MAX_VERSION + 1];
    unsigned long installs, refusals;
} updater;

/* Starts watching o->inbox (o->state_dir is where installs go) and reads
 * the verdicts recorded there (damaged lines are logged; their packages
 * are judged again). false with err when the inbox cannot be watched; the
 * kiosk then runs without updates and says so. */
bool updater_open(updater *u, const kiosk_options *o, char *err, size_t errlen);

/* Non-blocking; call once a frame. */
updater_event updater_poll(updater *u);

/* No install starts while paused (installs need a confirmed current slot);
 * resuming rescans the inbox, trying again the packages put off. */
void updater_pause(updater *u, bool paused);

/* True while an install process runs. */
bool updater_busy(const updater *u);

/* Stops watching; an install in progress is left to finish on its own
 * (it only ever leaves a valid state behind). */
void updater_close(updater *u);

#endif
