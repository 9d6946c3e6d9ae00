/* frameprof: where each frame's time goes, for `make bench` (--profile FILE).
 *
 * One line per frame, written to a file opened at start with a buffer
 * allocated then, so profiling allocates nothing per frame:
 *   F frame t scene drawn ours_us sdl_us allocs allocs_ours
 *     t        program time, s (virtual time when headless)
 *     drawn    1 when the frame was drawn and presented
 *     ours_us  process CPU time from the frame's start to the end of our
 *              part: input, update, layout look-ups, building and
 *              translating the draw list into vertex batches, less the
 *              calls into the renderer made meanwhile (frameprof_sdl_enter)
 *     sdl_us   process CPU time in the SDL renderer: those calls, flushing
 *              the last batch and presenting
 *     allocs   heap allocations during the frame (all threads), or -1 when
 *              no counter is installed (frameprof_set_alloc_counter)
 *     allocs_ours  those made in our part (before the renderer's)
 * and, once each:
 *   P first_frame_mono_ns          CLOCK_MONOTONIC when the first frame was
 *                                  presented (the bench compares it with the
 *                                  time it started the process)
 *   Q maxrss_kb atlas_bytes glyphs at the end of the run
 * CPU time is CLOCK_PROCESS_CPUTIME_ID: a renderer's own threads (Mesa's
 * llvmpipe in a window) count as the renderer's. */
#ifndef CORE_FRAMEPROF_H
#define CORE_FRAMEPROF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct frameprof frameprof;

/* NULL (message in err) when path cannot be written. */
frameprof *frameprof_open(const char *path, char *err, size_t errlen);

/* A function returning the number of heap allocations made so far by the
 * process; the bench build of the kiosk installs one (toolchain/). */
void frameprof_set_alloc_counter(unsigned long (*count)(void));

/* The frame starts; our part ends (the draw list is built and translated);
 * the frame ends (presented when drawn). All accept NULL. */
void frameprof_begin(frameprof *fp);
void frameprof_ours_done(frameprof *fp);
void frameprof_end(frameprof *fp, unsigned long frame, double t, const char *scene, bool drawn);

/* Bracket a call into the renderer made during our part (platform/render.c
 * flushing a batch mid-list, a fill, a clip): its CPU time and allocations
 * count as the renderer's, not ours. No-ops when no profile is open. */
void frameprof_sdl_enter(void);
void frameprof_sdl_leave(void);

/* Records that the first frame is on the panel now. */
void frameprof_first_frame(frameprof *fp);

/* Writes the Q line and closes; false (message in err) when any line could
 * not be written. Accepts NULL. */
bool frameprof_close(frameprof *fp, size_t atlas_bytes, unsigned long glyphs, char *err, size_t errlen);

#endif
