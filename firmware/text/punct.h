/* punct: display punctuation (no SDL). Text extracted from the PDFs writes
 * ASCII , : ; ? ! ( ) inside Chinese where the author meant the full-width
 * marks ，：；？！（）. The bundle keeps the article's characters (quotes stay
 * verbatim); the screen shows the full-width form, as a typesetter would
 * (GB/T 15834 uses only full-width marks in Chinese text). The layout
 * applies this before shaping and breaking, so the shown mark is compressed,
 * squeezed and kept off line starts like any full-width mark.
 *
 * Rule: one of the seven ASCII marks is shown full-width when it stands in
 * Chinese: the nearest character before it or the nearest after it (looking
 * past other marks of the seven, so "(GDPR),美国" and "共享),并" count) is
 * Chinese (text/charclass.h's charclass_is_cjk, or a full-width form
 * U+FF01-U+FF60). The edge of the paragraph counts as neither side, so
 * "中文?" at its end still converts through its left side. Latin runs keep
 * their ASCII marks: "March 1997, https://..." has no Chinese neighbour; so
 * do digit separators ("1,000", "12:30"). Brackets are decided one by one
 * by the same rule (a pair inside Chinese has Chinese on its outer sides).
 *
 * Pure functions; no state, no allocation. */
#ifndef TEXT_PUNCT_H
#define TEXT_PUNCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most bytes punct_display() writes per input byte (1 ASCII byte -> a
 * 3-byte full-width mark). */
#define PUNCT_GROWTH 3

/* The full-width form of one of the seven ASCII marks, else 0. */
uint32_t punct_fullwidth(uint32_t cp);

/* The ASCII form of one of the seven full-width marks, else 0 (for the
 * verbatim comparison, which treats both forms as one character). */
uint32_t punct_ascii(uint32_t cp);

/* True when s[0..len) (valid UTF-8) holds a mark punct_display() would
 * change: the common case (none) then needs no copy. */
bool punct_display_changes(const char *s, size_t len);

/* Writes the display form of s[0..len) (valid UTF-8) to out, which has room
 * for PUNCT_GROWTH * len bytes, and returns its length (no NUL added). When
 * map is not NULL (room for PUNCT_GROWTH * len + 1 entries) map[d] is the
 * byte of s where the character at output byte d starts, for every
 * character start d and for d = the output length (map[that] = len): the
 * way back to source offsets for line ranges, clusters and hit tests. */
size_t punct_display(const char *s, size_t len, char *out, uint32_t *map);

#endif
