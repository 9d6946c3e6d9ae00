/* The service manager's view of the kiosk (app/notify.h): a fake
 * NOTIFY_SOCKET, an AF_UNIX datagram socket this test binds, receives what a
 * headless kiosk started with WATCHDOG_USEC sends: READY=1 once (after its
 * first frame), WATCHDOG=1 pings, STOPPING=1 last; a kiosk that fails before
 * its first frame (here: a script that does not exist) never says READY=1.
 * The socket is read while the kiosk runs, as systemd does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/subproc.h"

#define NOTIFY_MAX_MSGS 4096

typedef struct {
    int status; /* the kiosk's exit status, -1 when killed */
    int n;
    char *msg[NOTIFY_MAX_MSGS];
} received;

static void received_free(received *r)
{
    for (int i = 0; i < r->n; i++)
        free(r->msg[i]);
}

static int count(const received *r, const char *text)
{
    int c = 0;
    for (int i = 0; i < r->n; i++)
        c += strstr(r->msg[i], text) != NULL;
    return c;
}

/* Runs `sh -c cmd` with NOTIFY_SOCKET pointing at a socket bound here (as a
 * path, or with abstract=true as an abstract name) and collects every
 * datagram until the command exits. */
static void run_with_socket(const char *cmd, bool abstract, received *r)
{
    memset(r, 0, sizeof *r);
    char path[256], env[300];
    snprintf(path, sizeof path, "%s/notify-%d.sock", subproc_test_dir(), (int)getpid());
    unlink(path);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    socklen_t alen;
    if (abstract) {
        snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "kiosk-test-%d", (int)getpid());
        alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1));
        snprintf(env, sizeof env, "@%s", a.sun_path + 1);
    } else {
        assert_true(strlen(path) < sizeof a.sun_path);
        memcpy(a.sun_path, path, strlen(path) + 1);
        alen = (socklen_t)sizeof a;
        snprintf(env, sizeof env, "%s", path);
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, alen), 0);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fd);
        setenv("NOTIFY_SOCKET", env, 1);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    bool done = false;
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int k = poll(&p, 1, done ? 0 : 50);
        if (k > 0) {
            char buf[4096];
            ssize_t len = recv(fd, buf, sizeof buf - 1, 0);
            if (len > 0 && r->n < NOTIFY_MAX_MSGS) {
                buf[len] = '\0';
                r->msg[r->n++] = strdup(buf);
            }
            continue;
        }
        if (done)
            break; /* exited, and the queue is drained */
        if (waitpid(pid, &st, WNOHANG) == pid)
            done = true;
    }
    close(fd);
    unlink(path);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_ready_and_watchdog(void **state)
{
    (void)state;
    char cmd[1024];
    /* A ping every 10 ms of real time, whatever the virtual clock does; 50 s
     * of program time last long enough in real time for several. */
    snprintf(cmd, sizeof cmd,
             "WATCHDOG_USEC=20000 %s --headless --size 960x540 --frames 3000 --bundle content --quiet",
             subproc_kiosk_bin());
    received r;
    run_with_socket(cmd, false, &r);
    assert_int_equal(r.status, 0);
    assert_true(r.n >= 3);
    assert_int_equal(count(&r, "READY=1"), 1);
    /* The first frame comes before the loop's first ping. */
    assert_non_null(strstr(r.msg[0], "READY=1"));
    if (count(&r, "WATCHDOG=1") < 2)
        fail_msg("%d WATCHDOG=1 pings, expected several", count(&r, "WATCHDOG=1"));
    assert_int_equal(count(&r, "STOPPING=1"), 1);
    assert_non_null(strstr(r.msg[r.n - 1], "STOPPING=1"));
    received_free(&r);
}

static void test_abstract_socket(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s --headless --size 640x360 --frames 5 --bundle content --quiet",
             subproc_kiosk_bin());
    received r;
    run_with_socket(cmd, true, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(count(&r, "READY=1"), 1);
    /* No WATCHDOG_USEC, no pings. */
    assert_int_equal(count(&r, "WATCHDOG=1"), 0);
    received_free(&r);
}

static void test_watchdog_for_another_pid(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "WATCHDOG_USEC=20000 WATCHDOG_PID=1 %s --headless --size 640x360 --frames 60 --bundle content "
             "--quiet",
             subproc_kiosk_bin());
    received r;
    run_with_socket(cmd, false, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(count(&r, "READY=1"), 1);
    assert_int_equal(count(&r, "WATCHDOG=1"), 0);
    received_free(&r);
}

static void test_no_ready_without_a_frame(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "WATCHDOG_USEC=20000 %s --headless --frames 60 --bundle content --script /nonexistent/script.txt "
             "2>/dev/null",
             subproc_kiosk_bin());
    received r;
    run_with_socket(cmd, false, &r);
    assert_int_not_equal(r.status, 0);
    assert_int_equal(count(&r, "READY=1"), 0);
    received_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ready_and_watchdog),
        cmocka_unit_test(test_abstract_socket),
        cmocka_unit_test(test_watchdog_for_another_pid),
        cmocka_unit_test(test_no_ready_without_a_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
