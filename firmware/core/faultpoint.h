/* faultpoint: numbered crash points for power-cut tests.
 *
 * Code that changes files on the disk in steps (the content installer, the
 * atomic write) calls faultpoint() before each step. Normally that only
 * counts. A test arms the counter (the kiosk's --fault-at N): the N-th call
 * then kills the process with SIGKILL on the spot, as a power cut or an OOM
 * kill would (no exit handlers, no buffers flushed), so the test can then
 * start the program again and check what it finds on the disk.
 *
 * Process-wide state, on purpose: the steps of one install span several
 * modules. Not thread-safe; the steps it counts run on one thread. */
#ifndef CORE_FAULTPOINT_H
#define CORE_FAULTPOINT_H

/* Kill the process at the n-th step from now (n >= 1); 0 disarms. */
void faultpoint_arm(long n);

/* One step, named for a trace or a debugger (not printed). */
void faultpoint(const char *what);

/* Steps counted since the program started (for tests sizing their range). */
long faultpoint_count(void);

#endif
