/* vclock: the program's notion of time, in seconds since start.
 *
 * Virtual mode (headless): time is frame / 60 exactly, computed from an integer
 * frame count so hours of simulated time never drift and a scripted run gives
 * the same pixels every time. Real mode: a caller-supplied monotonic source. */
#ifndef CORE_VCLOCK_H
#define CORE_VCLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define VCLOCK_HZ 60

typedef double (*vclock_source)(void); /* monotonic seconds */

typedef struct {
    bool virtual_time;
    uint64_t frame;       /* frames ticked so far */
    vclock_source source; /* real mode only */
    double start;         /* real mode: source() at init */
} vclock;

void vclock_init_virtual(vclock *c);
void vclock_init_real(vclock *c, vclock_source source);

/* Seconds since init. */
double vclock_now(const vclock *c);

/* Ends a frame: in virtual mode advances time by exactly 1/VCLOCK_HZ s. */
void vclock_tick(vclock *c);

/* Length of one frame in seconds (1/VCLOCK_HZ in virtual mode). */
double vclock_frame_dt(const vclock *c);

/* The latest SOURCE_DATE_EPOCH taken: 9999-12-31 23:59:59 UTC. */
#define VCLOCK_MAX_EPOCH 253402300799LL

/* The wall clock at start: SOURCE_DATE_EPOCH (seconds since 1970, the
 * reproducible-builds convention) when set to digits from 1 to
 * VCLOCK_MAX_EPOCH, else time(NULL), with a warning when it is set but not
 * taken. Pinned, a headless run's days are as reproducible as its frames. */
time_t vclock_wall_start(void);

#endif
