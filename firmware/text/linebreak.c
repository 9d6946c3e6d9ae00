#include "text/linebreak.h"

#include <linebreak.h>

#include "core/utf8.h"

#define LINEBREAK_LANG "zh"

static bool linebreak_in(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}
#define LINEBREAK_IN(cp, set) linebreak_in((cp), (set), sizeof(set) / sizeof((set)[0]))

/* May not start a line (clreq strict). */
static const uint32_t linebreak_start_set[] = {
    /* pause and stop marks */
    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF61, 0xFF64,
    ',', '.', ':', ';', '!', '?',
    /* closing marks */
    0x201D, 0x2019, 0xFF09, 0xFF3D, 0xFF5D, 0x300B, 0x3009, 0x300D, 0x300F, 0x3011,
    0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0xFF63, ')', ']', '}', 0xFE5A, 0xFE5C,
    /* connectors, two-em units' halves */
    0x2013, 0x2014, 0x2E3A, 0x2E3B, 0x2026, 0x2025, 0xFF5E, 0x301C, 0x30FC,
    /* interpuncts, solidi */
    0x00B7, 0x30FB, 0xFF65, 0x2027, 0xFF0F, '/',
    /* postfix signs */
    '%', 0xFF05, 0x2030, 0x2031, 0x2103, 0x2109, 0x00B0, 0x2032, 0x2033, 0xFFE0,
    /* iteration marks */
    0x3005, 0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE,
};

/* May not end a line (clreq strict). */
static const uint32_t linebreak_end_set[] = {
    /* opening marks */
    0x201C, 0x2018, 0xFF08, 0xFF3B, 0xFF5B, 0x300A, 0x3008, 0x300C, 0x300E, 0x3010,
    0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF62, '(', '[', '{', 0xFE59, 0xFE5B,
    /* solidi */
    0xFF0F, '/',
    /* prefix signs */
    '$', 0xFF04, 0x00A3, 0xFFE1, 0x00A5, 0xFFE5, 0x20AC, 0x20A9, 0xFFE6,
};

bool linebreak_no_start(uint32_t cp) { return LINEBREAK_IN(cp, linebreak_start_set); }
bool linebreak_no_end(uint32_t cp) { return LINEBREAK_IN(cp, linebreak_end_set); }

bool linebreak_is_dash_or_ellipsis(uint32_t cp)
{
    return cp == 0x2014 || cp == 0x2026 || cp == 0x2E3A || cp == 0x2E3B;
}

static bool linebreak_is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool linebreak_is_digit_sep(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == ':' || cp == 0xFF0E || cp == 0xFF0C;
}

static bool linebreak_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0x00A0 ||
           (cp >= 0x2000 && cp <= 0x200B);
}

/* Western: letters, digits and symbols of the alphabetic scripts (below the
 * General Punctuation block), and the full-width Latin letters and digits. */
bool linebreak_is_western(uint32_t cp)
{
    if (linebreak_is_space(cp))
        return false;
    return cp < 0x2000 || (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A);
}

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
            bool forbid = linebreak_no_start(cp) || linebreak_no_end(prev) || linebreak_no_end(solid) ||
                          (linebreak_is_digit(prev) && linebreak_is_digit(cp)) ||
                          (linebreak_is_digit_sep(prev) && linebreak_is_digit(prev2) &&
                           linebreak_is_digit(cp)) ||
                          (linebreak_is_western(prev) && linebreak_is_western(cp));
            if (forbid)
                out[i] = LINEBREAK_NONE;
        }
        for (size_t k = 1; k < n; k++)
            out[i + k] = LINEBREAK_NONE;
        prev2 = prev;
        prev = cp;
        if (!linebreak_is_space(cp))
            solid = cp;
        i += n;
    }
}
