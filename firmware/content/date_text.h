/* date_text: is a date stated in a text? The check that an event's date is
 * what its article says (content/README.md, "Dates"): the year, and the
 * month and the day where the date's precision gives them, must be written
 * in the quote or the date_quote.
 *
 * The text is read the way the verbatim check reads it (content/verbatim.h):
 * whitespace and private-use characters are ignored (so the extraction's
 * "2 0 0 9年" is 2009), full-width ASCII (U+FF01-FF5E) is folded to ASCII.
 * Two more readings, for dates only: 〇 (U+3007) is the digit 0, and in a
 * number written right before 年, 月 or 日 that has at least one real digit,
 * the letters the OCR of article 003 mistook for digits count as digits
 * (i, I, l as 1; O, o as 0) when they stand apart from other letters, so
 * "2 〇 ｉ ｉ年" is 2011. The forms found:
 *   year   a number of exactly four digits equal to the year: 2015, 2015年,
 *          2015-09-25, "Sept. 25, 2015", "2016~2017";
 *   month  "9月" or "09月"; after a four-digit number and - / or .: "2015-09";
 *          an English month name, full or abbreviated: "September", "Sep.",
 *          "Sept."
 *   day    always with its month: "9月25日" (or 号), "2015-09-25",
 *          "September 25", "Sept. 25", "25 September".
 * Numbers must stand alone: 12015 holds no 2015, 110月 no 10月.
 *
 * No allocation visible to the caller (one temporary buffer), no global
 * state. Offsets are bytes of the text as given, so a caller can mark the
 * evidence in the text it searched. */
#ifndef CONTENT_DATE_TEXT_H
#define CONTENT_DATE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "content/model.h"

typedef enum { DATE_TEXT_YEAR, DATE_TEXT_MONTH, DATE_TEXT_DAY, DATE_TEXT_PARTS } date_text_part;

typedef struct {
    bool found[DATE_TEXT_PARTS];          /* the part was found (only parts the precision asks for) */
    size_t start[DATE_TEXT_PARTS];        /* where: bytes [start, end) of the text */
    size_t end[DATE_TEXT_PARTS];
} date_text_evidence;

/* Looks for the parts of `d` its precision gives in text[0..len) (UTF-8).
 * True when all of them are there; `ev` (may be NULL) says which were found
 * and where, for messages and for marking them. False also when out of
 * memory. */
bool date_text_find(const char *text, size_t len, const bundle_date *d, date_text_evidence *ev);

#endif
