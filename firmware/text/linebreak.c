#include "text/linebreak.h"

#include <linebreak.h>

#include "core/utf8.h"
#include "text/charclass.h"

#define LINEBREAK_LANG "zh"

void linebreak_find(const char *text, size_t len, uint8_t *out)
{
    static bool initialised = false;
    if (!initialised) {
        init_linebreak();
        initialised = true;
    }
    if (len == 0) {
        out[0] = LINEBREAK_NONE;
        return;
    }
    /* libunibreak writes brks[i] for the break after the code unit at i; use
     * out as its buffer, then shift by one byte so that out[i] is "before i". */
    set_linebreaks_utf8((const utf8_t *)text, len, LINEBREAK_LANG, (char *)out);
    for (size_t i = len; i > 0; i--) {
        char b = (char)out[i - 1];
        out[i] = b == LINEBREAK_MUSTBREAK ? LINEBREAK_MUST
               : b == LINEBREAK_ALLOWBREAK ? LINEBREAK_ALLOW : LINEBREAK_NONE;
    }
    out[0] = LINEBREAK_NONE;
    out[len] = LINEBREAK_MUST;

    /* Tighten with the strict rules, boundary by boundary. */
    uint32_t prev2 = 0, prev = 0, solid = 0; /* solid: last non-space character */
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (n == 0) { /* trusted input; be safe anyway */
            n = 1;
            cp = 0xFFFD;
        }
        if (i > 0 && out[i] == LINEBREAK_ALLOW) {
            /* A break after spaces still ends the line with what precedes
             * them ("／ 2014": the line would end with ／). */
            bool forbid = charclass_no_line_start(cp) || charclass_no_line_end(prev) ||
                          charclass_no_line_end(solid) ||
                          (charclass_is_digit(prev) && charclass_is_digit(cp)) ||
                          (charclass_is_digit_separator(prev) && charclass_is_digit(prev2) &&
                           charclass_is_digit(cp)) ||
                          (charclass_is_western(prev) && charclass_is_western(cp));
            if (forbid)
                out[i] = LINEBREAK_NONE;
        }
        for (size_t k = 1; k < n; k++)
            out[i + k] = LINEBREAK_NONE;
        prev2 = prev;
        prev = cp;
        if (!charclass_is_break_space(cp))
            solid = cp;
        i += n;
    }
}
