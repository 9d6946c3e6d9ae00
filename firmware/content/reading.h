/* reading: what Listen reads aloud, as sentences. One definition for the
 * screens that read (ui/listen.h) and for the bundle check of narration
 * files (content/narration.h), whose sentence marks must match it.
 *
 *   an excerpt, zh   the verbatim passage, paragraph by paragraph;
 *   an excerpt, en   the English heading and summary (the passage itself is
 *                    never translated);
 *   an event         its date as the card writes it (date_display), its
 *                    title and its summary, in the language read.
 * No allocation: sentences are byte ranges into the caller's strings. */
#ifndef CONTENT_READING_H
#define CONTENT_READING_H

#include <stddef.h>
#include <stdint.h>

#include "content/model.h"

#define READING_MAX_PARTS 64
#define READING_MAX_SENTENCES 512 /* read of one excerpt or event (the rest is not read) */
#define READING_DATE_MAX 96 /* bytes of an event's date as read (date_display) */

typedef struct {
    const char *text;    /* the string the sentence is in */
    uint32_t start, end; /* byte range in text */
    uint16_t part;       /* index of text among the texts read */
} reading_sentence;

/* Splits UTF-8 text into sentences: each ends after 。！？；!? (and a . or ;
 * followed by a blank, a closing mark or the end: "2.5" does not end one),
 * with the closing quotes and brackets after it; blanks between sentences
 * belong to none. Appends at most `max` to out (part set to `part`);
 * returns the number appended. A NULL text has none. */
size_t reading_split(const char *text, uint16_t part, reading_sentence *out, size_t max);

/* The sentences of texts[0..n) (NULL entries are skipped), at most max. */
size_t reading_split_all(const char *const *texts, size_t n, reading_sentence *out, size_t max);

/* The texts read for excerpt e in lang, in order, into out (at most max;
 * READING_MAX_PARTS is always enough); returns how many. */
size_t reading_excerpt_texts(const bundle_excerpt *e, bundle_lang lang, const char **out, size_t max);

/* The same for event e: date (written into date_buf, READING_DATE_MAX
 * bytes), title, summary; returns 3. */
size_t reading_event_texts(const bundle_event *e, bundle_lang lang, char date_buf[READING_DATE_MAX],
                           const char **out, size_t max);

#endif
