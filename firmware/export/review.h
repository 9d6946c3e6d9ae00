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
 * The page needs no network and no script: styles are inline, and it
 * carries its fonts, subsets of the kiosk's own font chain as data: URLs
 * (export/fontembed.h), so it looks the same in any browser on any machine,
 * whatever fonts that machine has. A character no font of the chain has is
 * named in a note at the top of the page (and logged): a browser would show
 * it in a font of its own. Every text of the bundle or the articles is escaped
 * (& < > " '), invalid UTF-8 shows as U+FFFD, so any bundle text is inert.
 * The bundle may be partial (loaded with keep_on_error): missing fields are
 * shown as missing, never dereferenced. */
#ifndef EXPORT_REVIEW_H
#define EXPORT_REVIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "content/diag.h"
#include "content/model.h"
#include "text/fontset.h"

/* Counts of the sheet, for the command's summary and the tests. */
typedef struct {
    size_t sources;          /* event sources */
    size_t quotes_found;     /* of them, found in their article (highlighted) */
    size_t dates_by_quote;   /* events whose every date a quote states */
    size_t dates_by_date_quote; /* events that need a date_quote for some date */
    size_t dates_unproved;   /* events with a date no text states */
    size_t font_faces;       /* fonts embedded (@font-face rules) */
    size_t font_bytes;       /* their data, before base64 */
    size_t chars_without_font; /* characters of the page no embedded font has */
} review_stats;

/* Writes the sheet of bundle `b` with the check's diagnostics `d` to `out`,
 * reading the articles from `sources` (NULL: no passages, the quotes are
 * listed alone) and embedding the fonts of `fonts`, the kiosk's font chain
 * (NULL: none, the sheet says so and uses the browser's fonts). `stats` may
 * be NULL. False when writing failed or a font could not be subset (logged). */
bool review_write(const bundle *b, const diag_list *d, const char *sources, font_set *fonts, FILE *out,
                  review_stats *stats);

/* Writes s[0..n) to out escaped for HTML text and attribute values. */
void review_escape(FILE *out, const char *s, size_t n);

#endif
