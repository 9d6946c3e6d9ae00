/* charclass: the Chinese typesetting classes of characters, in one place,
 * for the line breaker (text/linebreak), the spacing and justification of
 * the layout (text/layout) and the bundle's text checks (content/).
 *
 * Sets follow the W3C "Requirements for Chinese Text Layout" (clreq), strict
 * level, as ../shared/TYPOGRAPHY.md summarises them. They are written out
 * here rather than derived from the Unicode line-break classes because
 * Debian 12's libunibreak carries pre-Unicode-15.1 data and the strict rules
 * differ from UAX #14 (e.g. — and … never start a line).
 *
 * Pure functions of a code point; no state, no allocation. */
#ifndef TEXT_CHARCLASS_H
#define TEXT_CHARCLASS_H

#include <stdbool.h>
#include <stdint.h>

/* May not start a line: pause and stop marks (，。、；：！？ and their ASCII
 * forms), closing brackets and quotes, connectors and the halves of the
 * two-em units (— … ～), interpuncts, solidi, postfix signs (% ‰ ℃ °) and
 * iteration marks. */
bool charclass_no_line_start(uint32_t cp);

/* May not end a line: opening brackets and quotes, solidi, prefix signs
 * ($ ￥ £ € ...). */
bool charclass_no_line_end(uint32_t cp);

/* Full-width opening and closing brackets and quotes (“ ‘ （ 《 「 ... and
 * their partners): the marks whose blank half (left for opening, right for
 * closing, in Simplified Chinese fonts) the layout may compress. */
bool charclass_is_opening(uint32_t cp);
bool charclass_is_closing(uint32_t cp);

/* Full-width pause and stop marks with a blank right half: ，、；：。． */
bool charclass_is_stop(uint32_t cp);

/* The stops squeezed inside a line: ，、；： (。 only at a line end). */
bool charclass_is_comma(uint32_t cp);

/* Centred interpuncts: · (U+00B7) and ・ (U+30FB). */
bool charclass_is_interpunct(uint32_t cp);

/* The halves of the two-em units: — (U+2014), … (U+2026), ⸺ ⸻. Never
 * split from each other nor spaced apart. */
bool charclass_is_dash_or_ellipsis(uint32_t cp);

/* ASCII and full-width digits. */
bool charclass_is_digit(uint32_t cp);

/* What separates the digits of one number: . , : and their full-width
 * forms (．，) ("3.14", "1,000", "12:30"). */
bool charclass_is_digit_separator(uint32_t cp);

/* Spaces inside a line, which a line may hang at its end and which
 * justification stretches: space, tab, U+3000, U+00A0, U+2000-U+200A. */
bool charclass_is_space(uint32_t cp);

/* Everything the breaker treats as blank: charclass_is_space plus line
 * ends (\n, \r) and the zero-width space U+200B. */
bool charclass_is_break_space(uint32_t cp);

/* Western: letters, digits and symbols of the alphabetic scripts (below
 * U+2000), and the full-width Latin letters and digits; not blanks. Two in a
 * row are one word: never broken at nor spaced apart by justification. */
bool charclass_is_western(uint32_t cp);

/* CJK ideographs and the CJK symbol and punctuation blocks (U+2E80-U+9FFF,
 * U+F900-U+FAFF, U+20000-U+3FFFF): what counts as "Chinese" for the
 * bundle's spacing check. */
bool charclass_is_cjk(uint32_t cp);

#endif
