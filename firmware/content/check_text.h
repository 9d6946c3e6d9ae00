/* check_text: checks of the characters of a text the screens show. Private
 * to content/; called by schema_text() as its rule asks.
 *   - font coverage: every character must be drawable by the font chain,
 *     asked through the has_char hook of bundle_check_opts (no hook: not
 *     checked); one error per missing character per text, at most 64;
 *   - Chinese text: a space between two Chinese characters (what a folded
 *     block '>' or a line break in an unquoted value leaves) is a warning,
 *     once per text. "Chinese character" is text/charclass.h's
 *     charclass_is_cjk.
 * Both report at `at`, the position of the text's value. The text is
 * borrowed and valid UTF-8. */
#ifndef CONTENT_CHECK_TEXT_H
#define CONTENT_CHECK_TEXT_H

#include "content/load_private.h"

/* Errors for the characters of s that the fonts cannot draw (spaces and
 * control characters are not asked about). */
void check_text_fonts(loader *L, loader_pos at, const char *s);

/* A warning for the first space between two Chinese characters of s;
 * what/key name the item and field in the message. */
void check_text_cjk_space(loader *L, loader_pos at, const char *s, const char *what,
                          const char *key);

#endif
