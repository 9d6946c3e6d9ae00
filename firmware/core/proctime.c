#include "core/proctime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct timespec proctime_main;
static int proctime_marked;

static double ms_of(const struct timespec *t) { return (double)t->tv_sec * 1000.0 + (double)t->tv_nsec / 1e6; }

void proctime_mark(void)
{
    clock_gettime(CLOCK_MONOTONIC, &proctime_main);
    proctime_marked = 1;
}

double proctime_since_main_ms(void)
{
    if (!proctime_marked)
        proctime_mark();
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return ms_of(&now) - ms_of(&proctime_main);
}

double proctime_since_exec_ms(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f)
        return -1;
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* "pid (comm) state ppid ...": comm may hold spaces and parentheses, so
     * the fields count from the last ')'; starttime is field 22. */
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    p++;
    for (int field = 3; field <= 22; field++) {
        while (*p == ' ')
            p++;
        if (field == 22)
            break;
        while (*p && *p != ' ')
            p++;
        if (!*p)
            return -1;
    }
    char *end;
    unsigned long long ticks = strtoull(p, &end, 10);
    long hz = sysconf(_SC_CLK_TCK);
    struct timespec now;
    if (end == p || hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    double ms = ms_of(&now) - (double)ticks * 1000.0 / (double)hz;
    return ms >= 0 ? ms : -1;
}
