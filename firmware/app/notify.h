/* notify: telling the service manager how the kiosk is doing, with the
 * sd_notify datagram protocol (man sd_notify), without libsystemd.
 *
 * systemd (Type=notify) passes $NOTIFY_SOCKET, an AF_UNIX datagram socket
 * (a path, or an abstract name written with a leading '@'), and with
 * WatchdogSec= also $WATCHDOG_USEC (and $WATCHDOG_PID, the process meant).
 * notify_open() takes them and removes them from the environment, so the
 * processes the kiosk starts (the installer) do not speak for it. Then:
 *   READY=1     once, after the first frame was presented (notify_ready())
 *   WATCHDOG=1  from the main loop, every half WATCHDOG_USEC of real
 *               (monotonic) time, also in headless runs with a virtual
 *               clock (notify_tick()); a loop that hangs stops sending,
 *               and systemd kills and restarts the kiosk
 *   STOPPING=1  when the kiosk shuts down (notify_stopping())
 * Without $NOTIFY_SOCKET every call does nothing. Sending never blocks: a
 * datagram that cannot be sent (the manager's queue full, or gone) is logged
 * once and otherwise dropped, and the exhibit runs on. */
#ifndef APP_NOTIFY_H
#define APP_NOTIFY_H

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/un.h>

typedef struct {
    int fd; /* -1: no service manager listening */
    struct sockaddr_un addr;
    socklen_t addrlen;
    double watchdog_s; /* ping period (half of WATCHDOG_USEC); 0: no watchdog */
    double next_ping;  /* monotonic seconds */
    bool ready;        /* READY=1 sent */
    bool warned;       /* a send failure was logged */
} notify_state;

/* Reads and clears the environment; opens the socket. Returns whether a
 * service manager listens (n->fd >= 0). */
bool notify_open(notify_state *n);

/* READY=1 (once; later calls do nothing). */
void notify_ready(notify_state *n);

/* WATCHDOG=1 when a ping is due. Cheap enough for every frame. */
void notify_tick(notify_state *n);

/* Seconds until the next ping is due (a large number without a watchdog),
 * so a sleeping loop wakes for it. */
double notify_due_in(const notify_state *n);

/* STOPPING=1. */
void notify_stopping(notify_state *n);

void notify_close(notify_state *n);

#endif
