/* load_audio: the `audio:` of an excerpt (excerpts.yaml) or an event
 * (timeline.yaml), the bundle's narration files (content/narration.h,
 * content/README.md "Narration"):
 *
 *     audio:
 *       zh: audio/ex-a000.zh.opus              # a file, or
 *       en:
 *         file: audio/ex-a000.en.opus
 *         marks: [0, 3.2, 7.85]                # where each sentence starts, s
 *
 * Each file is checked where the bundle names it (FILE:LINE of its value):
 * a bundle path (content/bundlename.h), a regular file, Ogg Opus, mono or
 * stereo, that decodes (its first 0.1 s here; all of it when
 * opts->audio_decode_all, as `--check` and `kiosk-bundle pack` ask) and
 * lasts a sane time for what Listen reads (content/reading.h) in that
 * language: narration_sane_range around narration_expected_seconds. Marks,
 * when given, are one per sentence read, from 0, rising, within the file. */
#ifndef CONTENT_LOAD_AUDIO_H
#define CONTENT_LOAD_AUDIO_H

#include "content/load_private.h"

/* After the excerpt's texts are read (heading, summary, text). */
void load_audio_excerpt(loader *L, const ynode *item, const char *name, bundle_excerpt *e);

/* After the event's date, title and summary are read. */
void load_audio_event(loader *L, const ynode *item, const char *name, bundle_event *ev, bool dated);

#endif
