/* narration: the bundle's narration files (Ogg Opus), read with libopusfile.
 *
 * A narration file is a recording of what Listen reads (content/reading.h)
 * for one excerpt or event in one language; the kiosk plays it instead of
 * the synthesised voice. Opus because a recorded voice at 24-32 kbit/s is
 * a tenth of the size of the same in WAV (the package limit is 64 MB), and
 * libopusfile (Debian libopusfile-dev) because it reads Ogg Opus whole:
 * pages, chained links, seeking, the exact length from the granule
 * positions, pre-skip and end trimming.
 *
 * Samples come out as 16-bit mono at NARRATION_RATE (Opus decodes at 48 kHz
 * whatever rate the recording had); a stereo file is mixed down, more
 * channels are refused. Files are opened with file_open_regular (a FIFO
 * never blocks) and read as needed: opening and measuring a file reads its
 * headers and its last pages, not the whole file. */
#ifndef CONTENT_NARRATION_H
#define CONTENT_NARRATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content/model.h"
#include "content/reading.h"

#define NARRATION_RATE 48000
#define NARRATION_MAX_SECONDS 1800.0 /* half an hour: no passage is read that long (and the
                                        player keeps a reading whole in memory) */

typedef struct narration narration;

/* Opens `path` as Ogg Opus and measures it: *seconds (when given) is its
 * length. NULL with the reason in err (without the path): "No such file or
 * directory", "a FIFO, not a regular file", "not an Ogg Opus file", "3
 * channels (mono or stereo only)", "its length cannot be read (the file is
 * cut short or damaged)", "it lasts 2000 s, longer than the limit of 1800 s". */
narration *narration_open(const char *path, double *seconds, char *err, size_t errlen);

/* Decodes up to max samples into out; returns how many, 0 at the end, or
 * -1 with the reason in err when the data does not decode (a damaged page
 * in the middle). */
long narration_read(narration *n, int16_t *out, size_t max, char *err, size_t errlen);

/* Closes n (NULL: a no-op). */
void narration_close(narration *n);

/* Decodes the file from its start: the first `seconds` of it (<= 0: all of
 * it). False with the reason and the time it fails at in err: a packet that
 * does not decode, or a page missing or damaged (which narration_read
 * skips, and playing leaves a gap). */
bool narration_decodes(narration *n, double seconds, char *err, size_t errlen);

/* How long reading sentences s[0..n) aloud in lang takes at an unhurried
 * pace: Chinese 4.5 characters a second (letters and digits count as
 * characters, marks and blanks as none), English 2.5 words a second.
 * *units (when given) is the count of characters or words. */
double narration_expected_seconds(const reading_sentence *s, size_t n, bundle_lang lang, size_t *units);

/* The range of lengths a narration of `expected` seconds may have: far
 * shorter or longer is another text (or a recording cut off, or one left
 * running). */
void narration_sane_range(double expected, double *lo, double *hi);

/* The sample at which sentence i of s[0..n) starts in a narration of
 * `samples` samples: from audio->marks when given, else in proportion to the
 * sentences' lengths in characters. */
size_t narration_sentence_start(const bundle_audio *audio, const reading_sentence *s, size_t n, size_t i,
                                size_t samples);

#endif
