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

bool updater_open(updater *u, const kiosk_options *o, char *err, size_t errlen)
{
    memset(u, 0, sizeof *u);
    u->o = o;
    u->out_fd = -1;
    u->rescan = true;
    u->ino_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (u->ino_fd < 0) {
        log_format_err(err, errlen, "inotify: %s", strerror(errno));
        return false;
    }
    if (inotify_add_watch(u->ino_fd, o->inbox, IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR) < 0) {
        log_format_err(err, errlen, "%s: %s", o->inbox, strerror(errno));
        close(u->ino_fd);
        u->ino_fd = -1;
        return false;
    }
    return true;
}

static void set_status(updater *u, const char *fmt, const char *a, const char *b)
{
    snprintf(u->status, sizeof u->status, fmt, a, b);
}

/* ---- which package next ------------------------------------------------ */

static bool is_package_name(const char *n)
{
    size_t l = strlen(n), s = strlen(PKG_SUFFIX);
    return n[0] != '.' && l > s && strcmp(n + l - s, PKG_SUFFIX) == 0;
}

static bool was_seen(const updater *u, const char *name, const struct stat *st)
{
    for (int i = 0; i < u->nseen; i++) {
        const updater_seen *s = &u->seen[i];
        if (s->ino == st->st_ino && s->size == st->st_size &&
            s->mtime_ns == (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec && !strcmp(s->name, name))
            return true;
    }
    return false;
}

static void mark_seen(updater *u, const char *name, const struct stat *st)
{
    updater_seen *s = &u->seen[u->seen_next];
    u->seen_next = (u->seen_next + 1) % UPDATER_MAX_SEEN;
    if (u->nseen < UPDATER_MAX_SEEN)
        u->nseen++;
    snprintf(s->name, sizeof s->name, "%s", name);
    s->ino = st->st_ino;
    s->size = st->st_size;
    s->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* The first package in name order not seen yet, into u->file. */
static bool next_package(updater *u)
{
    DIR *d = opendir(u->o->inbox);
    if (!d)
        return false;
    char best[NAME_MAX + 1] = "";
    struct stat best_st = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_package_name(e->d_name) || (best[0] && strcmp(e->d_name, best) >= 0))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || was_seen(u, e->d_name, &st))
            continue;
        snprintf(best, sizeof best, "%s", e->d_name);
        best_st = st;
    }
    closedir(d);
    if (!best[0])
        return false;
    mark_seen(u, best, &best_st);
    snprintf(u->file, sizeof u->file, "%s/%s", u->o->inbox, best);
    return true;
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
    if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && u->slot[0]) {
        u->installs++;
        LOG_I("update", "%s", u->status);
        return UPDATER_INSTALLED;
    }
    if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 3)
        return UPDATER_NOTHING; /* the package shown: nothing to say */
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
    if (!next_package(u))
        return UPDATER_NOTHING;
    if (!spawn_install(u)) {
        u->refusals++;
        return UPDATER_REFUSED;
    }
    return UPDATER_PROGRESS;
}

void updater_pause(updater *u, bool paused)
{
    if (u->paused && !paused)
        u->rescan = true;
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
}
