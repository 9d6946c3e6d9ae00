/* health: what the process uses, sampled for the trace and the soak test:
 * resident memory, open file descriptors. Linux (/proc/self). The kiosk
 * traces one "health" event a minute of program time, with the atlas and
 * text cache figures, so a long run (make soak, or an exhibit's own trace)
 * shows whether anything grows. Sampling reads two small /proc files: no
 * allocation, microseconds. */
#ifndef APP_HEALTH_H
#define APP_HEALTH_H

#define HEALTH_PERIOD_S 60.0

typedef struct {
    long rss_kb; /* resident set, KiB; -1 unknown */
    int fds;     /* open file descriptors; -1 unknown */
} health_sample;

health_sample health_read(void);

/* The resident set alone (KiB; -1 unknown): one small /proc file, for the
 * operator menu's memory figure. */
long health_rss_kb(void);

#endif
