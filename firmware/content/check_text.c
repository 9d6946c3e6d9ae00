/* check_text: the characters of the texts (content/check_text.h). */
#include "content/check_text.h"

#include <string.h>

#include "core/utf8.h"
#include "text/charclass.h"

#define CHECK_TEXT_MAX_REPORTED 64 /* distinct missing characters reported per field */

void check_text_fonts(loader *L, loader_pos at, const char *s)
{
    if (!L->opts->has_char)
        return;
    uint32_t seen[CHECK_TEXT_MAX_REPORTED];
    size_t nseen = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            break; /* cannot happen: yamltree validated the file */
        i += len;
        if (cp < 0x20 || cp == ' ' || cp == 0x3000 || cp == 0x00A0)
            continue;
        if (L->opts->has_char(L->opts->ctx, cp))
            continue;
        bool dup = false;
        for (size_t k = 0; k < nseen && !dup; k++)
            dup = seen[k] == cp;
        if (dup)
            continue;
        if (nseen == CHECK_TEXT_MAX_REPORTED)
            break;
        seen[nseen++] = cp;
        char u[5] = {0};
        utf8_encode(cp, u);
        loader_error(L, at, "character '%s' (U+%04X) is not in the fonts", u, (unsigned)cp);
    }
}

void check_text_cjk_space(loader *L, loader_pos at, const char *s, const char *what,
                          const char *key)
{
    uint32_t prev2 = 0, prev = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return;
        i += len;
        if (charclass_is_cjk(cp) && prev == ' ' && charclass_is_cjk(prev2)) {
            char a[5] = {0}, b[5] = {0};
            utf8_encode(prev2, a);
            utf8_encode(cp, b);
            loader_warn(L, at,
                        "%s: '%s': space between the Chinese characters '%s' and '%s' (a folded "
                        "block '>' or a line break in an unquoted value puts one there; use '|-')",
                        what, key, a, b);
            return;
        }
        prev2 = prev;
        prev = cp;
    }
}
