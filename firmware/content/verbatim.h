/* verbatim: "is this quote the article's own words?", the comparison that
 * content/README.md ("Text") defines. Both sides are normalised the same way:
 *   - all whitespace removed: space, tab, CR, LF, VT, FF, U+3000, U+00A0, and
 *     the private-use characters U+E000-F8FF (extraction debris at line ends);
 *   - full-width digits and Latin letters (U+FF10-FF19, U+FF21-FF3A,
 *     U+FF41-FF5A) folded to ASCII, and so are the seven full-width marks
 *     ，：；？！（） (text/punct.h): the screen shows the ASCII marks of the
 *     PDFs inside Chinese in their full-width form, so either form of a
 *     mark is the article's;
 *   - in the article only: lines holding nothing but ASCII digits and
 *     whitespace (page numbers of the extraction) are dropped.
 * The quote must then be a substring of the article. Nothing else is folded:
 * other punctuation, quote marks and characters must be the article's. */
#ifndef CONTENT_VERBATIM_H
#define CONTENT_VERBATIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Normalised copy of s[0..n) (valid UTF-8), NUL-terminated; `article`
 * selects the article-only rule. Caller frees; NULL when out of memory. */
char *verbatim_normalise(const char *s, size_t n, bool article);

typedef struct {
    bool found;            /* the whole quote is in the article */
    size_t matched_chars;  /* when not found: code points of the longest prefix found */
    uint32_t quote_char;   /* when not found: the quote's first character that differs */
    uint32_t article_char; /* what the article has there at the prefix's first
                              occurrence (0: prefix empty or at the article's end) */
} verbatim_match;

/* Searches normalised `quote` in normalised `article` (both from
 * verbatim_normalise). An empty quote is found. Returns false only when
 * out of memory. */
bool verbatim_find(const char *article, const char *quote, verbatim_match *m);

/* Where `text` (as written, not normalised) is in the raw `article` text
 * [0..len): the bytes [*start, *end) of the article its normalised match
 * covers (first occurrence), read first with the article-only rule, then
 * without it (number-only lines kept). False when it is not there, is empty,
 * or memory ran out. For showing a quote in its context (export/review.h). */
bool verbatim_locate(const char *article, size_t len, const char *text, size_t *start,
                     size_t *end);

#endif
