/* review: the curator's review sheet, one self-contained HTML page that a
 * curator reads to sign off a bundle (`--check DIR --review OUT.html`).
 *
 * For every event: what the screen shows (the date as displayed in zh and en,
 * titles, summaries, category and track) beside each source's article
 * passage around the quote, the quote highlighted (<mark class="quote">, one
 * per source found in its article) and the date evidence marked
 * (<span class="date-ev">); a date_quote is shown the same way in its own
 * passage (<mark class="date-quote">), with its note; whether the date is
 * proved, by which text. For every excerpt: heading, section and the passage
 * highlighted (<mark class="excerpt">). The diagnostics of the check appear
 * inline under the event or excerpt whose lines they name, the others at the
 * top.
 *
 * The page needs no network and no script: styles are inline, fonts are the
 * system's (Noto CJK). Every text of the bundle or the articles is escaped
 * (& < > " '), invalid UTF-8 shows as U+FFFD, so any bundle text is inert.
 * The bundle may be partial (loaded with keep_on_error): missing fields are
 * shown as missing, never dereferenced. */
#ifndef EXPORT_REVIEW_H
#define EXPORT_REVIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "content/diag.h"
#include "content/model.h"

/* Counts of the sheet, for the command's summary and the tests. */
typedef struct {
    size_t sources;          /* event sources */
    size_t quotes_found;     /* of them, found in their article (highlighted) */
    size_t dates_by_quote;   /* events whose every date a quote states */
    size_t dates_by_date_quote; /* events that need a date_quote for some date */
    size_t dates_unproved;   /* events with a date no text states */
} review_stats;

/* Writes the sheet of bundle `b` with the check's diagnostics `d` to `out`,
 * reading the articles from `sources` (NULL: no passages, the quotes are
 * listed alone). `stats` may be NULL. False when writing failed. */
bool review_write(const bundle *b, const diag_list *d, const char *sources, FILE *out,
                  review_stats *stats);

/* Writes s[0..n) to out escaped for HTML text and attribute values. */
void review_escape(FILE *out, const char *s, size_t n);

#endif
