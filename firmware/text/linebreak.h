/* linebreak: where a paragraph may be broken into lines (no SDL).
 *
 * UAX #14 opportunities come from libunibreak (set_linebreaks_utf8, language
 * "zh", so that “‘ are opening and ”’ closing marks). Debian 12 ships an old
 * libunibreak with pre-Unicode-15.1 data, so the result is then tightened by
 * the clreq "strict" rules (../shared/TYPOGRAPHY.md), whose character classes
 * text/charclass.h states explicitly rather than trusting the library's tables:
 *   - no break before a line-start-prohibited character (charclass_no_line_start:
 *     pause/stop and closing marks, connectors, interpuncts, solidi, postfix
 *     signs, and — … so that —— and …… neither split nor start a line);
 *   - no break after a line-end-prohibited character (charclass_no_line_end:
 *     opening marks, solidi, prefix signs);
 *   - no break between digits, nor around a separator between digits
 *     ("3.14", "1,000", "12:30"; libunibreak 1.1 offers "3.|14" when a number
 *     starts the text);
 *   - no break between two Western (non-CJK, non-space) characters: Latin
 *     words and numbers break only at spaces, with two exceptions, as
 *     browsers have them (UAX #14 tailoring): a URL (a Western run holding
 *     "://" or starting with "www.") may break after / - . ? & = or #
 *     unless another of them follows ("https://|www.|example.|org/|a"; a
 *     "/" may end the line there, which the strict level otherwise forbids),
 *     and a Latin word may break after its hyphen ("co-|constructed"; not
 *     between digits: "2015-2016"). A piece wider than the line is broken
 *     anywhere by the layout (emergency break), not here.
 * Breaks between Han and digits remain allowed: "2015年9月25日" may break
 * between characters, never inside "2015". As UAX #14 (LB8a, LB30a) has it
 * and libunibreak 1.1 does not: nothing breaks after a zero-width joiner
 * (emoji sequences), and regional indicators pair into flags.
 *
 * Any text is safe here, since text enters the engine through this one
 * function. Only libunibreak's public interface is used (set_linebreaks_utf32
 * over our own decoding), never its internal tables, so the build does not
 * depend on one version of it. The code points are handed over with a
 * stand-in where the library cannot take them (libunibreak 1.1 aborts on a
 * regional indicator, and reads U+FFFF as the end of the text): an
 * ideograph for a regional indicator, U+FFFD for noncharacters, surrogates
 * and values beyond U+10FFFF; tests/test_text_units.c checks that the
 * installed library takes every other scalar value. Invalid UTF-8 reads as
 * U+FFFD, one byte at a time.
 *
 * Pure functions; the only state is libunibreak's one-time initialisation. */
#ifndef TEXT_LINEBREAK_H
#define TEXT_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    LINEBREAK_NONE = 0,  /* no break here (also: inside a UTF-8 sequence) */
    LINEBREAK_ALLOW = 1, /* a line may end before this byte */
    LINEBREAK_MUST = 2   /* a line must end before this byte (after a newline, at the end) */
};

/* Computes the break opportunities of text[0..len) (valid UTF-8). out must
 * hold len + 1 bytes, owned by the caller: out[i] is the opportunity between
 * the character ending at byte i-1 and the one starting at byte i. out[0] is
 * LINEBREAK_NONE and out[len] is LINEBREAK_MUST (for len > 0). cps is
 * working memory of len code points, owned by the caller (the text engine
 * keeps it with its other paragraph buffers), so nothing is allocated. */
void linebreak_find(const char *text, size_t len, uint8_t *out, uint32_t *cps);

#endif
