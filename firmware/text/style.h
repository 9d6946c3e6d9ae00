/* style: the four text styles the exhibit sets, and their typographic
 * figures (no SDL, no FreeType).
 *
 *   body     sans regular   display_h / 34 (32 px at 1080)   line 1.7 em, paragraphs 0.8 em
 *   title    serif bold     display_h / 20                   line 1.3 em, paragraphs 0.4 em
 *   caption  sans regular   display_h / 45                   line 1.5 em, paragraphs 0.5 em
 *   quote    serif regular  display_h / 30                   line 1.8 em, paragraphs 0.8 em
 *
 * A Song-style (serif) bold face sets titles apart from the sans body, the
 * usual choice in Chinese print; quotes are set in the serif regular so that
 * an article's own words look like print. Large-text mode multiplies every
 * size by TEXT_LARGE_FACTOR. The screens' floors in millimetres are the UI's
 * business (ui/geometry.h), not the text engine's. */
#ifndef TEXT_STYLE_H
#define TEXT_STYLE_H

#include <stdbool.h>

#include "text/fontset.h"

#define TEXT_LARGE_FACTOR 1.4f /* large-text mode scale */
#define TEXT_MAX_SIZE_PX 512   /* sizes are clamped to [TEXT_MIN_SIZE_PX, this] */
#define TEXT_MIN_SIZE_PX 4

typedef enum { STYLE_BODY, STYLE_TITLE, STYLE_CAPTION, STYLE_QUOTE, STYLE_COUNT } text_style_id;

/* Default size in px of `style` on a display `display_h` px high, clamped to
 * [TEXT_MIN_SIZE_PX, TEXT_MAX_SIZE_PX]. An id out of range is body. */
int text_style_size(text_style_id style, int display_h, bool large_text);

/* The family slot of the font chain a style is set in. */
fontset_family text_style_family(text_style_id style);

/* Line height and paragraph spacing of a style, in em. */
float text_style_line_height(text_style_id style);
float text_style_para_spacing(text_style_id style);

/* "body", "title", "caption", "quote" (the --style names); "?" out of range. */
const char *text_style_name(text_style_id style);

#endif
