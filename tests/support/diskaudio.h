/* diskaudio: scripted runs of the kiosk with SDL's disk audio driver, and
 * what they wrote.
 *
 * With SDL_AUDIODRIVER=disk the kiosk's virtual clock mixes exactly
 * floor(t * 48000) samples by time t, so sample k of the file is virtual
 * time k / 48000, after the whole device buffers of silence SDL writes
 * while the device opens (the lead, found from the first sound after a
 * reading started: diskaudio_find_lead). */
#ifndef TESTS_SUPPORT_DISKAUDIO_H
#define TESTS_SUPPORT_DISKAUDIO_H

#include <stddef.h>
#include <stdint.h>

#include "support/flow.h"

#define DISKAUDIO_RATE 48000
#define DISKAUDIO_BUFFER 2048 /* platform/speech.c's device buffer, samples */

typedef struct {
    int16_t *pcm;
    size_t n;
    size_t lead; /* samples of silence before virtual time 0 */
    size_t want; /* samples of the run's virtual time (to its last frame) */
} diskaudio_sound;

/* flow_run with the disk driver; fails the test when the kiosk fails or
 * wrote no sound file or less than the run's virtual time of sound. Free
 * out->pcm with free(). */
void diskaudio_run(flow_trace *t, const char *size, long frames, const char *extra, const flow_script *s,
                   diskaudio_sound *out);

/* diskaudio_run with the same checks, the sound dropped: a flow_runner for
 * flow_tap_target, for the targets only an audio device shows (Listen). */
void diskaudio_run_targets(flow_trace *t, const char *size, long frames, const char *extra,
                           const flow_script *s);

/* The sample at virtual time t (the trace's times are whole frames). */
size_t diskaudio_at(double t);

/* Sets s->lead from the first sound at or after virtual time t0 (a reading
 * started then); fails the test when there is none, or when the file holds
 * more than the lead, the run and a few buffers SDL writes while the
 * device closes. */
void diskaudio_find_lead(diskaudio_sound *s, double t0);

/* Non-silent samples in [t0, t1) of virtual time. */
size_t diskaudio_loud(const diskaudio_sound *s, double t0, double t1);

/* The first non-silent sample at or after index `from` of the file / the
 * last of the file; (size_t)-1 when there is none. */
size_t diskaudio_first_loud(const diskaudio_sound *s, size_t from);
size_t diskaudio_last_loud(const diskaudio_sound *s);

#endif
