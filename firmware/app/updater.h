/* updater: the kiosk's side of content updates. It watches the inbox
 * directory (inotify, and a scan at start and after each install), and for
 * each new package (*.kbundle, not hidden: sync tools write hidden
 * temporary files and rename them) starts `kiosk --install` as a separate
 * process (app/cli_install.c), whose progress lines it reads without
 * blocking. The main loop polls it once a frame: a poll with nothing to do
 * is one read() that returns EAGAIN and one waitpid().
 *
 * The install process changes only the state directory; showing the new
 * bundle is the program's decision (at a scene boundary, app/trial.h). One
 * install at a time; a package whose name, size, inode and time were seen
 * already is not tried again until it changes. Linux (inotify, posix_spawn
 * of /proc/self/exe). */
#ifndef APP_UPDATER_H
#define APP_UPDATER_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "app/options.h"
#include "update/package.h"

#define UPDATER_MAX_SEEN 64
#define UPDATER_STATUS_MAX 300

typedef enum {
    UPDATER_NOTHING,   /* nothing new this poll */
    UPDATER_PROGRESS,  /* status changed (an install runs) */
    UPDATER_INSTALLED, /* a bundle was installed: slot, version */
    UPDATER_REFUSED,   /* a package was refused or the install failed: status says why */
} updater_event;

typedef struct {
    char name[NAME_MAX + 1];
    ino_t ino;
    off_t size;
    long long mtime_ns;
} updater_seen;

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
    updater_seen seen[UPDATER_MAX_SEEN];
    int nseen, seen_next;
    /* results */
    char status[UPDATER_STATUS_MAX]; /* for the operator menu and the log */
    char slot[8], version[BUNDLE_MAX_VERSION + 1];
    unsigned long installs, refusals;
} updater;

/* Starts watching o->inbox (o->state_dir is where installs go). false with
 * err when the inbox cannot be watched; the kiosk then runs without
 * updates and says so. */
bool updater_open(updater *u, const kiosk_options *o, char *err, size_t errlen);

/* Non-blocking; call once a frame. */
updater_event updater_poll(updater *u);

/* No install starts while paused (installs need a confirmed current slot);
 * resuming rescans the inbox. */
void updater_pause(updater *u, bool paused);

/* True while an install process runs. */
bool updater_busy(const updater *u);

/* Stops watching; an install in progress is left to finish on its own
 * (it only ever leaves a valid state behind). */
void updater_close(updater *u);

#endif
