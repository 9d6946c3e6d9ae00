/* texttest: helpers shared by the text engine tests. */
#ifndef TESTS_TEXTTEST_H
#define TESTS_TEXTTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/layout.h"

/* The fonts directory the tests use: $KIOSK_FONTS_DIR, else "fonts" (tests
 * run from the repository root; missing subsets fall back to system fonts). */
const char *texttest_fonts_dir(void);

/* Opens an engine on texttest_fonts_dir(); fails the test if it cannot. */
text_engine *texttest_open(void);


/* First code point of s[0..n) (0 when empty). */
uint32_t texttest_first_cp(const char *s, size_t n);

/* Last code point of s[0..n) (0 when empty). */
uint32_t texttest_last_cp(const char *s, size_t n);

#endif
