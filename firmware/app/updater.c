/* updater: inbox watching and install processes (app/updater.h). */
#define _GNU_SOURCE /* pipe2, inotify_init1 flags */
#include "app/updater.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/log.h"

extern char **environ;

/* Exit statuses of `kiosk --install` (app/cli_install.c). */
#define INSTALL_EXIT_CURRENT 3 /* the version shown: nothing to do */
#define INSTALL_EXIT_LATER 4   /* not tried: the bundle shown is on trial */

bool updater_open(updater *u, const kiosk_options *o, char *err, size_t errlen)
{
    memset(u, 0, sizeof *u);
    u->o = o;
    u->out_fd = -1;
    u->rescan = true;
    verdicts_init(&u->known);
    u->ino_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (u->ino_fd < 0) {
        log_format_err(err, errlen, "inotify: %s", strerror(errno));
        return false;
    }
    if (inotify_add_watch(u->ino_fd, o->inbox, IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB | IN_ONLYDIR) < 0) {
        log_format_err(err, errlen, "%s: %s", o->inbox, strerror(errno));
        close(u->ino_fd);
        u->ino_fd = -1;
        return false;
    }
    char why[LOG_ERR_MAX];
    if (!verdicts_load(o->state_dir, &u->known, why, sizeof why))
        LOG_W("update", "%s", why);
    return true;
}

static void set_status(updater *u, const char *fmt, const char *a, const char *b)
{
    snprintf(u->status, sizeof u->status, fmt, a, b);
}

/* ---- which package next ------------------------------------------------ */

typedef enum { NEXT_NONE, NEXT_FOUND, NEXT_FULL } next_result;

/* The first package in name order not known yet, into u->file and
 * u->trying (recorded as tried); NEXT_FULL (once) when one is there but
 * the list of known packages is full. */
static next_result next_package(updater *u)
{
    DIR *d = opendir(u->o->inbox);
    if (!d)
        return NEXT_NONE;
    verdict best = {.kind = VERDICT_TRIED};
    size_t judged = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        /* After the first scan, names past the best so far need no stat. */
        if (!verdicts_package_name(n) || (u->scanned && best.name[0] && strcmp(n, best.name) >= 0))
            continue;
        long long size, mtime;
        if (!verdicts_stat(dirfd(d), n, &size, &mtime))
            continue;
        const verdict *k = verdicts_find(&u->known, n, size, mtime);
        if (k) {
            judged += k->kind == VERDICT_INSTALLED || k->kind == VERDICT_REFUSED || k->kind == VERDICT_SHOWN;
        } else if (!best.name[0] || strcmp(n, best.name) < 0) {
            snprintf(best.name, sizeof best.name, "%s", n);
            best.size = size;
            best.mtime_ns = mtime;
        }
    }
    closedir(d);
    if (!u->scanned && judged > 0)
        LOG_I("update", "inbox %s: %zu package%s judged before, left alone (kiosk --status lists them)",
              u->o->inbox, judged, judged == 1 ? "" : "s");
    u->scanned = true;
    if (!best.name[0] || u->full)
        return NEXT_NONE;
    if (!verdicts_put(&u->known, &best)) {
        u->full = true;
        snprintf(u->status, sizeof u->status,
                 "update: the inbox holds over %d packages: no more are tried until old ones are removed",
                 VERDICTS_MAX);
        LOG_E("update", "%s", u->status);
        return NEXT_FULL;
    }
    u->trying = best;
    snprintf(u->file, sizeof u->file, "%s/%s", u->o->inbox, best.name);
    return NEXT_FOUND;
}

/* ---- the install process ------------------------------------------------ */

static bool spawn_install(updater *u)
{
    const kiosk_options *o = u->o;
    char fault[32];
    const char *argv[20];
    int n = 0;
    argv[n++] = "kiosk";
    argv[n++] = "--install";
    argv[n++] = u->file;
    argv[n++] = "--state-dir";
    argv[n++] = o->state_dir;
    argv[n++] = "--bundle";
    argv[n++] = o->bundle;
    argv[n++] = "--inbox"; /* a package of the inbox: its verdict is recorded */
    argv[n++] = o->inbox;
    if (o->trusted_keys) {
        argv[n++] = "--trusted-keys";
        argv[n++] = o->trusted_keys;
    }
    if (o->sources) {
        argv[n++] = "--sources";
        argv[n++] = o->sources;
    }
    if (o->allow_unsigned)
        argv[n++] = "--allow-unsigned";
    if (o->allow_downgrade)
        argv[n++] = "--allow-downgrade";
    if (o->fault_at) {
        snprintf(fault, sizeof fault, "%ld", o->fault_at);
        argv[n++] = "--fault-at";
        argv[n++] = fault;
    }
    argv[n] = NULL;

    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        set_status(u, "update: cannot start the install: %s%s", strerror(errno), "");
        return false;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    int rc = posix_spawn(&u->child, "/proc/self/exe", &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    if (rc != 0) {
        close(p[0]);
        u->child = 0;
        set_status(u, "update: cannot start the install: %s%s", strerror(rc), "");
        return false;
    }
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    u->out_fd = p[0];
    u->line_len = 0;
    const char *base = strrchr(u->file, '/');
    set_status(u, "update %.80s: starting%s", base ? base + 1 : u->file, "");
    LOG_I("update", "installing %s", u->file);
    return true;
}

/* One line of the install's output; returns the event it makes. */
static updater_event on_line(updater *u, char *line)
{
    const char *base = strrchr(u->file, '/');
    base = base ? base + 1 : u->file;
    if (!strncmp(line, "progress ", 9)) {
        char *what = strchr(line + 9, ' ');
        snprintf(u->status, sizeof u->status, "update %.80s: %.*s%% %.80s", base, what ? (int)(what - line - 9) : 3,
                 line + 9, what ? what + 1 : "");
        return UPDATER_PROGRESS;
    }
    if (!strncmp(line, "installed ", 10)) {
        char id[PKG_MAX_ID + 1] = "", key[32] = "";
        if (sscanf(line + 10, "%7s %64s %32s %31s", u->slot, id, u->version, key) == 4) {
            snprintf(u->status, sizeof u->status, "update %.80s: version %s installed (%s%s), shown at the next idle moment",
                     base, u->version, strcmp(key, "unsigned") ? "signed by " : "", key);
            return UPDATER_PROGRESS; /* the result counts once the process has exited */
        }
    }
    if (!strncmp(line, "current ", 8)) {
        snprintf(u->status, sizeof u->status, "update %.80s: already shown", base);
        return UPDATER_NOTHING;
    }
    if (!strncmp(line, "later ", 6)) {
        snprintf(u->status, sizeof u->status, "update %.80s: put off: %.200s", base, line + 6);
        return UPDATER_NOTHING;
    }
    if (!strncmp(line, "refused ", 8)) {
        snprintf(u->status, sizeof u->status, "update refused: %.260s", line + 8);
        return UPDATER_PROGRESS;
    }
    return UPDATER_NOTHING;
}

static updater_event read_output(updater *u)
{
    updater_event ev = UPDATER_NOTHING;
    for (;;) {
        ssize_t n = read(u->out_fd, u->line + u->line_len, sizeof u->line - 1 - u->line_len);
        if (n <= 0)
            break;
        u->line_len += (size_t)n;
        char *nl;
        while ((nl = memchr(u->line, '\n', u->line_len)) != NULL) {
            *nl = '\0';
            updater_event e = on_line(u, u->line);
            if (e != UPDATER_NOTHING)
                ev = e;
            size_t rest = u->line_len - (size_t)(nl + 1 - u->line);
            memmove(u->line, nl + 1, rest);
            u->line_len = rest;
        }
        if (u->line_len == sizeof u->line - 1)
            u->line_len = 0; /* an over-long line is dropped */
    }
    return ev;
}

/* What became of u->trying, in u->known for the rest of the run. */
static void remember(updater *u, verdict_kind kind)
{
    u->trying.kind = kind;
    verdicts_put(&u->known, &u->trying); /* replaces its entry: never full */
}

static updater_event reap(updater *u)
{
    int status;
    pid_t r = waitpid(u->child, &status, WNOHANG);
    if (r == 0)
        return UPDATER_NOTHING;
    read_output(u);
    close(u->out_fd);
    u->out_fd = -1;
    u->child = 0;
    u->rescan = true; /* another package may have arrived meanwhile */
    int code = r > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0 && u->slot[0]) {
        remember(u, VERDICT_INSTALLED);
        u->installs++;
        LOG_I("update", "%s", u->status);
        return UPDATER_INSTALLED;
    }
    if (code == INSTALL_EXIT_CURRENT) {
        remember(u, VERDICT_SHOWN);
        return UPDATER_NOTHING; /* the package shown: nothing to say */
    }
    if (code == INSTALL_EXIT_LATER) {
        remember(u, VERDICT_LATER);
        LOG_I("update", "%s", u->status);
        return UPDATER_NOTHING;
    }
    remember(u, code == 1 ? VERDICT_REFUSED : VERDICT_TRIED);
    if (r > 0 && WIFSIGNALED(status))
        snprintf(u->status, sizeof u->status, "update failed: the install process was killed (signal %d); the bundle shown is unchanged",
                 WTERMSIG(status));
    else if (strncmp(u->status, "update refused", 14) != 0)
        snprintf(u->status, sizeof u->status, "update failed: the install process ended without a result");
    u->refusals++;
    LOG_W("update", "%s", u->status);
    return UPDATER_REFUSED;
}

updater_event updater_poll(updater *u)
{
    if (u->ino_fd >= 0) {
        char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
        while (read(u->ino_fd, buf, sizeof buf) > 0)
            u->rescan = true; /* any change (or an overflow): look again */
    }
    if (u->child) {
        updater_event ev = read_output(u);
        updater_event done = reap(u);
        return done != UPDATER_NOTHING ? done : ev;
    }
    if (!u->rescan || u->paused || u->ino_fd < 0)
        return UPDATER_NOTHING;
    u->rescan = false;
    u->slot[0] = '\0';
    switch (next_package(u)) {
    case NEXT_NONE: return UPDATER_NOTHING;
    case NEXT_FULL: return UPDATER_REFUSED;
    case NEXT_FOUND: break;
    }
    if (!spawn_install(u)) {
        u->refusals++;
        return UPDATER_REFUSED;
    }
    return UPDATER_PROGRESS;
}

void updater_pause(updater *u, bool paused)
{
    if (u->paused && !paused) {
        u->rescan = true;
        verdicts_drop_kind(&u->known, VERDICT_LATER);
    }
    u->paused = paused;
}

bool updater_busy(const updater *u)
{
    return u->child != 0;
}

void updater_close(updater *u)
{
    if (u->child) {
        /* A killed install leaves the old state or the new one (the
         * fault-injection tests prove it); never wait for one at exit. */
        kill(u->child, SIGKILL);
        waitpid(u->child, NULL, 0);
        u->child = 0;
    }
    if (u->out_fd >= 0)
        close(u->out_fd);
    if (u->ino_fd >= 0)
        close(u->ino_fd);
    u->out_fd = u->ino_fd = -1;
    verdicts_free(&u->known);
}
