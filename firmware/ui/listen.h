/* listen: the Listen (朗读) button's logic, without any audio code.
 *
 * A scene hands listen_toggle() the texts it shows (bundle strings, in the
 * order they are read: content/reading.h) and an owner id (the excerpt or
 * event), and the bundle's narration file when there is one. The texts are
 * split into sentences (reading_split) and given to a listen_backend, which
 * synthesises or decodes them off the main loop and plays them; each frame
 * listen_update() asks the backend which sentence is being heard, traces it
 * and marks the picture dirty, so the scene can highlight that sentence
 * (listen_highlight: a byte range of one of the texts, found by the text's
 * pointer, so any layout of that string can draw it).
 *
 * Rules: a second tap on the same owner pauses, a third resumes; a tap for
 * another owner starts that one. Leaving the scene (ui_set_scene), the idle
 * return (which leaves the scene) and opening the operator menu stop it
 * (listen_stop); while it plays, the visitor counts as present (no idle
 * countdown), so only a paused reading meets the idle return. Without a backend (no audio device) listen_available() is
 * false and the scenes show no button.
 *
 * The trace gets {"event":"listen","phase":P,"id":OWNER,...}: phase "start"
 * (sentences), "sentence" (sentence, part: which text, from, to: the
 * highlighted byte range), "pause", "resume", "stop" (reason: "tap",
 * "leave", "operator", "end", "replace"). No allocation: the sentences are
 * ranges into the caller's strings, which must outlive the utterance (bundle
 * strings do; a reload leaves the scene first). */
#ifndef UI_LISTEN_H
#define UI_LISTEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content/model.h"
#include "content/reading.h"

#define LISTEN_MAX_SENTENCES READING_MAX_SENTENCES
#define LISTEN_MAX_PARTS READING_MAX_PARTS
#define LISTEN_OWNER_MAX 64

typedef struct ui_ctx ui_ctx;

/* A sentence read (content/reading.h): its text pointer is the identity the
 * highlight is found by. */
typedef reading_sentence listen_sentence;

/* What plays the sound (platform/speech.h implements it over SDL audio and
 * espeak-ng; tests use a fake). Every call is from the main loop and must
 * return at once (the work runs elsewhere). */
typedef struct {
    void *user;
    /* Starts reading the sentences in the voice of lang, replacing anything
     * playing; now is the program time of the tap. audio (or NULL): the
     * bundle's narration file of these sentences, played instead of the
     * synthesised voice. false: it cannot. */
    bool (*start)(void *user, const listen_sentence *s, size_t n, bundle_lang lang,
                  const bundle_audio *audio, double now);
    void (*pause)(void *user, bool paused, double now);
    void (*stop)(void *user, double now);
    /* The sentence being heard (-1: none yet) and whether the end was heard. */
    void (*poll)(void *user, int *sentence, bool *done);
    /* Plays a short test tone at the configured volume (the operator's
     * sound check), replacing anything playing. */
    void (*tone)(void *user, double now);
} listen_backend;

typedef enum { LISTEN_IDLE, LISTEN_PLAYING, LISTEN_PAUSED } listen_phase;

typedef struct {
    const listen_backend *be; /* NULL: no audio, no button */
    listen_phase phase;
    char owner[LISTEN_OWNER_MAX];
    listen_sentence sent[LISTEN_MAX_SENTENCES];
    size_t n;
    int cur; /* sentence heard (-1: none yet) */
} listen_state;

/* The exhibit can read aloud (a backend is set). */
bool listen_available(const ui_ctx *ctx);

/* The Listen button of `owner` was tapped: start (texts: NULL entries are
 * skipped), pause or resume, per the rules above. */
void listen_toggle(ui_ctx *ctx, const char *owner, const char *const *texts, size_t ntexts, bundle_lang lang);

/* listen_toggle with the bundle's narration file of these texts (audio NULL
 * or without a file: the synthesised voice). */
void listen_toggle_narrated(ui_ctx *ctx, const char *owner, const char *const *texts, size_t ntexts,
                            bundle_lang lang, const bundle_audio *audio);

/* Stops whatever plays (no-op when idle); reason goes to the trace. */
void listen_stop(ui_ctx *ctx, const char *reason);

/* Each frame: follows the backend's sentence; wakes the loop while playing. */
void listen_update(ui_ctx *ctx);

/* The phase for this owner (LISTEN_IDLE when another owner plays). */
listen_phase listen_phase_of(const ui_ctx *ctx, const char *owner);

/* The highlighted byte range in `text` (the sentence being heard), or false. */
bool listen_highlight(const ui_ctx *ctx, const char *text, uint32_t *start, uint32_t *end);

#endif
