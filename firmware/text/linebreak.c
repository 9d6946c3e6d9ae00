#include "text/linebreak.h"

#include <linebreak.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "text/charclass.h"

#define LINEBREAK_LANG "zh"
#define LINEBREAK_SUBST_ID 0x4E00    /* 一: an ideograph, class ID */
#define LINEBREAK_SUBST_OTHER 0xFFFD /* the replacement character, class AI (ID in "zh") */

static bool linebreak_is_ri(uint32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

/* Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
 * U+FFFF is also the value libunibreak's reader returns for "end of text". */
static bool linebreak_is_nonchar(uint32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* The code point libunibreak is given for cp: cp itself, or a stand-in
 * where the library cannot take it. Only its public interface is used, so
 * the stand-ins are decided by code point, not from its tables: Debian 12's
 * libunibreak 1.1 aborts on a regional indicator (its pair table stops
 * before that class) and its reader takes U+FFFF for the end of the text;
 * every other scalar value is safe with it and with later versions
 * (tests/test_text_units.c hands the installed library every one). */
static uint32_t linebreak_safe_cp(uint32_t cp)
{
    if (linebreak_is_ri(cp))
        return LINEBREAK_SUBST_ID; /* a flag breaks like an ideograph; pairs are kept below */
    if (linebreak_is_nonchar(cp) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return LINEBREAK_SUBST_OTHER;
    return cp;
}

/* libunibreak's opportunities for text[0..len) into out (len + 1 bytes,
 * out[i]: before byte i), through set_linebreaks_utf32 on the text's code
 * points made safe (cps: len entries of working memory). A byte that starts
 * no valid sequence reads as one U+FFFD (linebreak_find's callers validate
 * anyway). */
static void linebreak_library(const char *text, size_t len, uint8_t *out, uint32_t *cps)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        i += utf8_next(text + i, len - i, &cp);
        cps[n++] = linebreak_safe_cp(cp);
    }
    /* The library writes out[k] for the break after code point k (k < n <=
     * len); then cps[k] becomes the byte offset where code point k ends. */
    set_linebreaks_utf32(cps, n, LINEBREAK_LANG, (char *)out);
    size_t end = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t cp = 0;
        end += utf8_next(text + end, len - end, &cp);
        cps[k] = (uint32_t)end;
    }
    /* From the last code point back, its break moves to the byte after it
     * and the bytes inside it get none: every write lands at or after
     * byte k + 1, beyond every out[j] (j < k) still to be read. */
    for (size_t k = n; k-- > 0;) {
        char b = (char)out[k];
        size_t start = k ? cps[k - 1] : 0;
        for (size_t i = start + 1; i < cps[k]; i++)
            out[i] = LINEBREAK_NONE;
        out[cps[k]] = b == LINEBREAK_MUSTBREAK ? LINEBREAK_MUST
                    : b == LINEBREAK_ALLOWBREAK ? LINEBREAK_ALLOW : LINEBREAK_NONE;
    }
    out[0] = LINEBREAK_NONE;
}

/* After these a URL may break (before the next character, unless that is
 * one of them too: "://" and "?=" stay whole). */
static bool linebreak_is_url_mark(uint32_t cp)
{
    return cp == '/' || cp == '-' || cp == '.' || cp == '?' || cp == '&' || cp == '=' || cp == '#';
}

static bool linebreak_is_ascii_letter(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

/* Whether the Western run starting at text[i] (up to the next blank or
 * non-Western character) is a URL: it holds "://" or starts with "www.".
 * Each run is scanned once, so the breaker stays linear. */
static bool linebreak_run_is_url(const char *text, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        uint32_t cp = 0;
        size_t n = utf8_decode(text + j, len - j, &cp);
        if (n == 0 || !charclass_is_western(cp))
            break;
        j += n;
    }
    if (j - i >= 4 && strncasecmp(text + i, "www.", 4) == 0)
        return true;
    for (size_t k = i; k + 3 <= j; k++)
        if (memcmp(text + k, "://", 3) == 0)
            return true;
    return false;
}

void linebreak_find(const char *text, size_t len, uint8_t *out, uint32_t *cps)
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
    if (len > UINT32_MAX) { /* no paragraph is this long: no break but the end */
        memset(out, LINEBREAK_NONE, len);
        out[len] = LINEBREAK_MUST;
        return;
    }
    linebreak_library(text, len, out, cps);
    out[len] = LINEBREAK_MUST;

    /* Tighten with the strict rules, boundary by boundary. */
    uint32_t prev2 = 0, prev = 0, solid = 0; /* solid: last non-space character */
    size_t ri_run = 0; /* regional indicators just before i */
    bool url = false;  /* the Western run i is in is a URL */
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = utf8_next(text + i, len - i, &cp); /* trusted input; be safe anyway */
        if (charclass_is_western(cp) && (i == 0 || !charclass_is_western(prev)))
            url = linebreak_run_is_url(text, len, i);
        else if (!charclass_is_western(cp))
            url = false;
        bool digits = (charclass_is_digit(prev) && charclass_is_digit(cp)) ||
                      (charclass_is_digit_separator(prev) && charclass_is_digit(prev2) &&
                       charclass_is_digit(cp));
        /* Inside Latin: a URL breaks after / - . ? & = # (a "/" may then end
         * the line, as in browsers), a word after its hyphen ("co-|operate"). */
        bool latin_ok = i > 0 && charclass_is_western(cp) && !digits &&
                        !charclass_no_line_start(cp) &&
                        ((url && linebreak_is_url_mark(prev) && !linebreak_is_url_mark(cp)) ||
                         (prev == '-' && linebreak_is_ascii_letter(prev2) &&
                          linebreak_is_ascii_letter(cp)));
        if (latin_ok) {
            out[i] = LINEBREAK_ALLOW;
        } else if (i > 0 && out[i] == LINEBREAK_ALLOW) {
            /* A break after spaces still ends the line with what precedes
             * them ("／ 2014": the line would end with ／). */
            bool forbid = charclass_no_line_start(cp) || charclass_no_line_end(prev) ||
                          charclass_no_line_end(solid) ||
                          digits ||
                          (charclass_is_western(prev) && charclass_is_western(cp)) ||
                          /* UAX #14 LB8a: nothing breaks after a zero-width joiner (emoji
                           * sequences); LB30a: regional indicators go in pairs (flags). */
                          prev == 0x200D ||
                          (linebreak_is_ri(prev) && linebreak_is_ri(cp) && ri_run % 2 == 1);
            if (forbid)
                out[i] = LINEBREAK_NONE;
        }
        for (size_t k = 1; k < n; k++)
            out[i + k] = LINEBREAK_NONE;
        ri_run = linebreak_is_ri(cp) ? ri_run + 1 : 0;
        prev2 = prev;
        prev = cp;
        if (!charclass_is_break_space(cp))
            solid = cp;
        i += n;
    }
}
