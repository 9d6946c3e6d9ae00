#include "text/charclass.h"

#include <stddef.h>

static bool charclass_in(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}
#define CHARCLASS_IN(cp, set) charclass_in((cp), (set), sizeof(set) / sizeof((set)[0]))

static const uint32_t charclass_no_start_set[] = {
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

static const uint32_t charclass_no_end_set[] = {
    /* opening marks */
    0x201C, 0x2018, 0xFF08, 0xFF3B, 0xFF5B, 0x300A, 0x3008, 0x300C, 0x300E, 0x3010,
    0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF62, '(', '[', '{', 0xFE59, 0xFE5B,
    /* solidi */
    0xFF0F, '/',
    /* prefix signs */
    '$', 0xFF04, 0x00A3, 0xFFE1, 0x00A5, 0xFFE5, 0x20AC, 0x20A9, 0xFFE6,
};

static const uint32_t charclass_opening_set[] = {0x201C, 0x2018, 0xFF08, 0xFF3B, 0xFF5B, 0x300A, 0x3008,
                                                 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A};

static const uint32_t charclass_closing_set[] = {0x201D, 0x2019, 0xFF09, 0xFF3D, 0xFF5D, 0x300B, 0x3009,
                                                 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B};

/* None of the marks above lies among the ideographs (U+3400-U+FDFF), where
 * most characters of a Chinese text are, nor among the ASCII letters and
 * digits: both are answered without a search (the breaker asks for every
 * character). */
static bool charclass_outside_marks(uint32_t cp)
{
    return (cp >= 0x3400 && cp < 0xFE00) || (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

bool charclass_no_line_start(uint32_t cp)
{
    return !charclass_outside_marks(cp) && CHARCLASS_IN(cp, charclass_no_start_set);
}

bool charclass_no_line_end(uint32_t cp)
{
    return !charclass_outside_marks(cp) && CHARCLASS_IN(cp, charclass_no_end_set);
}
bool charclass_is_opening(uint32_t cp) { return CHARCLASS_IN(cp, charclass_opening_set); }
bool charclass_is_closing(uint32_t cp) { return CHARCLASS_IN(cp, charclass_closing_set); }

bool charclass_is_stop(uint32_t cp)
{
    return cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A || cp == 0x3002 || cp == 0xFF0E;
}

bool charclass_is_comma(uint32_t cp) { return cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A; }

bool charclass_is_interpunct(uint32_t cp) { return cp == 0x00B7 || cp == 0x30FB; }

bool charclass_is_dash_or_ellipsis(uint32_t cp)
{
    return cp == 0x2014 || cp == 0x2026 || cp == 0x2E3A || cp == 0x2E3B;
}

bool charclass_is_digit(uint32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

bool charclass_is_digit_separator(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == ':' || cp == 0xFF0E || cp == 0xFF0C;
}

bool charclass_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A);
}

bool charclass_is_break_space(uint32_t cp)
{
    return charclass_is_space(cp) || cp == '\n' || cp == '\r' || cp == 0x200B;
}

bool charclass_is_western(uint32_t cp)
{
    if (charclass_is_break_space(cp))
        return false;
    return cp < 0x2000 || (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A);
}

bool charclass_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}
