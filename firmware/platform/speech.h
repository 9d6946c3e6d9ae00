/* speech: reading aloud through SDL audio, the listen_backend of ui/listen.h.
 *
 * Sentences are synthesised offline by espeak-ng (voices "cmn" for Chinese,
 * "en" for English) on a worker thread, one job at a time: a new start
 * abandons the old job at its next chunk (a generation counter, no queue to
 * drain). The samples go into one growing buffer the audio callback plays
 * from, so the first sentence is heard as soon as its first chunk exists
 * (espeak-ng makes 15 s of Mandarin in about 15 ms here); the main loop
 * never waits, and each call of the backend only takes a mutex.
 *
 * Two clocks:
 *   real time     SDL's audio thread pulls samples from the player (pause,
 *                 stop and the sentence heard follow what it played);
 *   virtual time  (a headless run on the virtual clock, app/output.h, which
 *                 advances 1/60 s a frame whatever the real time) the main loop mixes exactly
 *                 floor(now * rate) samples by speech_advance() into a ring
 *                 the audio callback drains, blocking until they exist; a
 *                 start waits until its sentences are synthesised. So with
 *                 SDL's disk driver (SDL_AUDIODRIVER=disk) sample k of the
 *                 file is virtual time k / rate, and a scripted run gives the
 *                 same file every time (the tests' harness).
 * A narration file of the bundle (content/narration.h) is decoded on the
 * same worker, chunk by chunk, instead of synthesised; its sentences start at
 * the bundle's marks. The device runs at the narration's 48 kHz, so a
 * narration file is played sample for sample (at volume 100); espeak-ng's
 * sound is resampled to it (SDL_AudioStream) on the worker.
 * The normal rate is espeak-ng's 160 words a minute for English and 300 for
 * Mandarin (where its "word" is a syllable: about 4.5 characters a second,
 * an unhurried reading voice; its own default of 175 drawls at 2.5).
 * The sound is 16-bit mono at 48 kHz; SDL converts for the device. A device that cannot be opened is reported by speech_open()
 * (the caller logs it once and runs without Listen buttons). */
#ifndef PLATFORM_SPEECH_H
#define PLATFORM_SPEECH_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/listen.h"

#define SPEECH_JOB_MAX (256 * 1024) /* bytes of text one utterance may hold */

typedef struct {
    const char *device; /* SDL audio device name; NULL: the default */
    int volume;         /* 0..100 */
    int rate_pct;       /* speaking rate, percent of the normal one (50..200) */
    bool virtual_time;  /* the virtual clock: see above */
} speech_config;

typedef struct speech speech;

/* Opens the audio device and the synthesiser and starts the worker. NULL and
 * a one-line message in err when either is missing. */
speech *speech_open(const speech_config *c, char *err, size_t errlen);

/* Stops the sound and the worker, closes the device. NULL is a no-op. */
void speech_close(speech *sp);

/* The backend the shell is given (valid until speech_close). */
const listen_backend *speech_backend(speech *sp);

/* Virtual time only: mixes the sound up to program time now (call once a
 * frame before the input, so a tap's effect starts at its frame's sample). */
void speech_advance(speech *sp, double now);

/* The sample rate of the sound, Hz. */
int speech_rate(const speech *sp);

/* Real milliseconds from the last start to the moment its first non-silent
 * sample was handed to the device (-1: not yet). For the benchmark. */
double speech_first_sound_ms(speech *sp);

#endif
