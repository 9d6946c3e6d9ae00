/* load_audio: narration files of excerpts and events (content/load_audio.h). */
#include "content/load_audio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/narration.h"
#include "content/bundlename.h"
#include "content/schema.h"
#include "core/fileio.h"
#include "core/log.h"

#define AUDIO_PROBE_S 0.1 /* decoded at every load: the first packets */

static const char *const keys_audio[] = {"zh", "en", NULL};
static const char *const keys_audio_file[] = {"file", "marks", NULL};

/* `marks: [...]` of one file: n sentences, a file of `seconds`. */
static void load_marks(loader *L, const ynode *v, const char *what, bundle_audio *a, size_t sentences)
{
    if (!schema_want(L, v, YNODE_SEQ, "marks", what, " of times in seconds, one per sentence"))
        return;
    if (v->count != sentences) {
        loader_error(L, loader_at(v),
                     "%s: %zu marks for %zu sentences: Listen reads %zu sentences here, one mark each "
                     "(the time, in seconds, at which it starts)",
                     what, v->count, sentences, sentences);
        return;
    }
    a->marks = calloc(v->count ? v->count : 1, sizeof *a->marks);
    if (!a->marks) {
        loader_error(L, loader_at(v), "out of memory");
        return;
    }
    double prev = -1;
    for (size_t i = 0; i < v->count; i++) {
        const ynode *m = v->vals[i];
        double x;
        if (m->kind != YNODE_SCALAR || !schema_parse_number(m->str, &x)) {
            loader_error(L, loader_at(m), "%s: mark %zu: expected a time in seconds, got %s", what, i + 1,
                         m->kind == YNODE_SCALAR ? m->str : schema_kind_desc(m));
            goto bad;
        }
        if (i == 0 && x != 0) {
            loader_error(L, loader_at(m), "%s: mark 1 is %g: the first sentence starts at 0", what, x);
            goto bad;
        }
        if (i > 0 && x <= prev) {
            loader_error(L, loader_at(m), "%s: mark %zu is %g, not after the mark before it (%g)", what, i + 1, x,
                         prev);
            goto bad;
        }
        if (x >= a->seconds && a->seconds > 0) {
            loader_error(L, loader_at(m), "%s: mark %zu is %g s, past the end of the file (%.2f s)", what, i + 1, x,
                         a->seconds);
            goto bad;
        }
        a->marks[i] = prev = x;
    }
    a->mark_count = v->count;
    return;
bad:
    free(a->marks);
    a->marks = NULL;
}

/* One language's narration: the value v (a file name, or {file, marks}),
 * read aloud for the sentences of texts[0..ntexts). */
static void load_one(loader *L, const ynode *v, const char *name, bundle_lang lang, bundle_audio *a,
                     const char *const *texts, size_t ntexts)
{
    char what[160];
    snprintf(what, sizeof what, "%s: 'audio' %s", name, bundle_lang_names[lang]);
    const ynode *file = v, *marks = NULL;
    if (v->kind == YNODE_MAP) {
        schema_keys(L, v, keys_audio_file, what);
        file = schema_field(L, v, "file", true, what);
        marks = schema_field(L, v, "marks", false, what);
        if (!file)
            return;
    }
    if (!schema_want(L, file, YNODE_SCALAR, "file", what, " (a file of the bundle, e.g. audio/x.zh.opus)"))
        return;
    char why[LOG_ERR_MAX];
    if (!bundle_path_ok(file->str, why, sizeof why)) {
        loader_error(L, loader_at(file), "%s: '%s' is not a file of the bundle: %s", what, file->str, why);
        return;
    }
    char *path = file_join(L->b->dir, file->str);
    if (!path) {
        loader_error(L, loader_at(file), "out of memory");
        return;
    }
    double seconds = 0;
    char err[LOG_ERR_MAX];
    narration *nr = narration_open(path, &seconds, err, sizeof err);
    bool ok = nr && narration_decodes(nr, L->opts->audio_decode_all ? 0 : AUDIO_PROBE_S, err, sizeof err);
    narration_close(nr);
    if (!ok) {
        loader_error(L, loader_at(file), "%s: %s: %s", what, file->str, err);
        free(path);
        return;
    }
    reading_sentence sent[READING_MAX_SENTENCES];
    size_t n = reading_split_all(texts, ntexts, sent, READING_MAX_SENTENCES);
    size_t units;
    double expected = narration_expected_seconds(sent, n, lang, &units), lo, hi;
    narration_sane_range(expected, &lo, &hi);
    if (seconds < lo || seconds > hi) {
        loader_error(L, loader_at(file),
                     "%s: %s lasts %.1f s, far too %s for its text (%zu %s, about %.0f s read aloud; "
                     "%.0f to %.0f s expected): is it the recording of this text?",
                     what, file->str, seconds, seconds < lo ? "short" : "long", units,
                     lang == BUNDLE_ZH ? "characters" : "words", expected, lo, hi);
        free(path);
        return;
    }
    a->file = strdup(file->str);
    a->path = path;
    a->seconds = seconds;
    if (!a->file)
        loader_error(L, loader_at(file), "out of memory");
    if (marks)
        load_marks(L, marks, what, a, n);
}

/* `audio:` of item, for the texts read in each language. */
static void load_audio(loader *L, const ynode *item, const char *name, bundle_audio *audio,
                       const char *const texts[BUNDLE_LANG_COUNT][READING_MAX_PARTS],
                       const size_t ntexts[BUNDLE_LANG_COUNT])
{
    const ynode *v = schema_field(L, item, "audio", false, name);
    if (!v || !schema_want(L, v, YNODE_MAP, "audio", name, " with a narration file per language (zh, en)"))
        return;
    char what[160];
    snprintf(what, sizeof what, "%s: 'audio'", name);
    schema_keys(L, v, keys_audio, what);
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
        const ynode *f = schema_field(L, v, bundle_lang_names[l], false, what);
        if (!f)
            continue;
        bool complete = ntexts[l] > 0;
        for (size_t i = 0; i < ntexts[l]; i++)
            complete = complete && texts[l][i];
        if (complete) /* a text missing was reported: its narration is not measured */
            load_one(L, f, name, (bundle_lang)l, &audio[l], texts[l], ntexts[l]);
    }
}

void load_audio_excerpt(loader *L, const ynode *item, const char *name, bundle_excerpt *e)
{
    const char *texts[BUNDLE_LANG_COUNT][READING_MAX_PARTS];
    size_t n[BUNDLE_LANG_COUNT];
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++)
        n[l] = reading_excerpt_texts(e, (bundle_lang)l, texts[l], READING_MAX_PARTS);
    if (e->paragraph_count == 0)
        n[BUNDLE_ZH] = 0;
    load_audio(L, item, name, e->audio, texts, n);
}

void load_audio_event(loader *L, const ynode *item, const char *name, bundle_event *ev, bool dated)
{
    const char *texts[BUNDLE_LANG_COUNT][READING_MAX_PARTS];
    size_t n[BUNDLE_LANG_COUNT];
    char dates[BUNDLE_LANG_COUNT][READING_DATE_MAX];
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++)
        n[l] = dated ? reading_event_texts(ev, (bundle_lang)l, dates[l], texts[l], READING_MAX_PARTS) : 0;
    load_audio(L, item, name, ev->audio, texts, n);
}
