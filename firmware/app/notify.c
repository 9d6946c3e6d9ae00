#include "app/notify.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

#define NOTIFY_NEVER 1e9 /* notify_due_in() without a watchdog */

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* WATCHDOG_USEC as seconds, 0 when unset, malformed, or meant for another
 * process (WATCHDOG_PID). */
static double watchdog_seconds(void)
{
    const char *pid = getenv("WATCHDOG_PID");
    if (pid && *pid) {
        char *end;
        errno = 0;
        long p = strtol(pid, &end, 10);
        if (errno || *end || p != (long)getpid())
            return 0;
    }
    const char *us = getenv("WATCHDOG_USEC");
    if (!us || !*us)
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(us, &end, 10);
    if (errno || *end || v == 0 || us[0] == '-')
        return 0;
    return (double)v / 1e6;
}

static bool send_msg(notify_state *n, const char *msg)
{
    if (n->fd < 0)
        return false;
    ssize_t r = sendto(n->fd, msg, strlen(msg), MSG_NOSIGNAL | MSG_DONTWAIT, (const struct sockaddr *)&n->addr,
                       n->addrlen);
    if (r < 0) {
        if (!n->warned)
            LOG_W("notify", "cannot notify the service manager: %s", strerror(errno));
        n->warned = true;
        return false;
    }
    return true;
}

bool notify_open(notify_state *n)
{
    memset(n, 0, sizeof *n);
    n->fd = -1;
    const char *path = getenv("NOTIFY_SOCKET");
    double wd = watchdog_seconds();
    size_t len = path ? strlen(path) : 0;
    bool usable = len >= 2 && len < sizeof n->addr.sun_path && (path[0] == '/' || path[0] == '@');
    if (path && !usable)
        LOG_W("notify", "NOTIFY_SOCKET is not a path or an abstract name: ignored");
    if (usable) {
        n->addr.sun_family = AF_UNIX;
        memcpy(n->addr.sun_path, path, len);
        if (path[0] == '@')
            n->addr.sun_path[0] = '\0'; /* abstract namespace */
        n->addrlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + (path[0] == '/' ? 1 : 0));
        n->fd = socket(AF_UNIX, SOCK_DGRAM, 0);
        if (n->fd < 0)
            LOG_W("notify", "socket: %s", strerror(errno));
        else
            fcntl(n->fd, F_SETFD, FD_CLOEXEC);
    }
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    if (n->fd >= 0 && wd > 0) {
        n->watchdog_s = wd / 2;
        n->next_ping = mono_seconds();
        LOG_D("notify", "watchdog: a ping every %.3f s", n->watchdog_s);
    }
    return n->fd >= 0;
}

void notify_ready(notify_state *n)
{
    if (n->ready || n->fd < 0)
        return;
    n->ready = true;
    send_msg(n, "READY=1\nSTATUS=showing the exhibit");
}

void notify_tick(notify_state *n)
{
    if (n->fd < 0 || n->watchdog_s <= 0)
        return;
    double now = mono_seconds();
    if (now < n->next_ping)
        return;
    send_msg(n, "WATCHDOG=1");
    n->next_ping = now + n->watchdog_s;
}

double notify_due_in(const notify_state *n)
{
    if (n->fd < 0 || n->watchdog_s <= 0)
        return NOTIFY_NEVER;
    double d = n->next_ping - mono_seconds();
    return d > 0 ? d : 0;
}

void notify_stopping(notify_state *n)
{
    send_msg(n, "STOPPING=1");
}

void notify_close(notify_state *n)
{
    if (n->fd >= 0)
        close(n->fd);
    n->fd = -1;
}
