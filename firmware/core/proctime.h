/* proctime: how long the process has run, in real time, for the boot
 * figure (time to the first frame) of the trace.
 *
 * Two clocks: since the process was created (the kernel's start time in
 * /proc/self/stat, in clock ticks after boot, against CLOCK_BOOTTIME: it
 * includes the dynamic loader and libraries' constructors, with the tick's
 * resolution, 10 ms on Debian's kernels), and since proctime_mark() (called
 * first thing in main; CLOCK_MONOTONIC, exact). Linux only; libc and POSIX. */
#ifndef CORE_PROCTIME_H
#define CORE_PROCTIME_H

/* Remembers now as the start of main. */
void proctime_mark(void);

/* Milliseconds since proctime_mark() (since the first call when it was
 * never called). */
double proctime_since_main_ms(void);

/* Milliseconds since the process was created; < 0 when /proc does not say. */
double proctime_since_exec_ms(void);

#endif
