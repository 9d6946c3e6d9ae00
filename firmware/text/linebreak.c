#include "text/linebreak.h"

#include <linebreak.h>
#include <linebreakdef.h>
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

/* The library's own class of cp, from its own tables: the "zh" tailoring,
 * then the default table (sorted, ended by an LBP_Undefined entry). */
static const struct LineBreakProperties *linebreak_default;
static size_t linebreak_default_n;
static const struct LineBreakProperties *linebreak_zh;

static void linebreak_tables_init(void)
{
    if (linebreak_default)
        return;
    for (const struct LineBreakPropertiesLang *m = lb_prop_lang_map; m->lang; m++)
        if (strncmp(LINEBREAK_LANG, m->lang, m->namelen) == 0) {
            linebreak_zh = m->lbp;
            break;
        }
    linebreak_default = lb_prop_default;
    while (linebreak_default[linebreak_default_n].prop != LBP_Undefined)
        linebreak_default_n++;
}

static enum LineBreakClass linebreak_lib_class(uint32_t cp)
{
    for (const struct LineBreakProperties *p = linebreak_zh; p && p->prop != LBP_Undefined; p++)
        if (cp >= p->start && cp <= p->end)
            return p->prop;
    size_t lo = 0, hi = linebreak_default_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct LineBreakProperties *p = &linebreak_default[mid];
        if (cp < p->start)
            hi = mid;
        else if (cp > p->end)
            lo = mid + 1;
        else
            return p->prop;
    }
    return LBP_XX;
}

/* Classes libunibreak 1.1 (Debian 12) can take: those of its pair table, up
 * to LBP_JT (it asserts lbc <= LBP_JT), and those it resolves to them itself
 * before the table (AI, CJ, SA, SG, XX) or handles apart (BK, CB, CR, LF,
 * NL, SP). Its header lists LBP_RI among the pair-table classes, but the
 * compiled table stops before it: a regional indicator aborts the program. */
static bool linebreak_lib_takes(enum LineBreakClass c)
{
    if (c >= LBP_OP && c <= LBP_JT)
        return true;
    switch (c) {
    case LBP_AI: case LBP_BK: case LBP_CB: case LBP_CJ: case LBP_CR: case LBP_LF:
    case LBP_NL: case LBP_SA: case LBP_SG: case LBP_SP: case LBP_XX:
        return true;
    default:
        return false;
    }
}

/* The code point libunibreak is given for cp: cp itself, or a stand-in of a
 * class it takes. */
static uint32_t linebreak_safe_cp(uint32_t cp)
{
    if (cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FFF))
        return cp; /* ASCII and the common ideographs: always known classes */
    if (linebreak_is_ri(cp))
        return LINEBREAK_SUBST_ID; /* a flag breaks like an ideograph; pairs are kept below */
    if (linebreak_is_nonchar(cp) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return LINEBREAK_SUBST_OTHER;
    if (!linebreak_default)
        linebreak_tables_init();
    return linebreak_lib_takes(linebreak_lib_class(cp)) ? cp : LINEBREAK_SUBST_OTHER;
}

/* libunibreak's character reader (get_next_char_t): our decoder, with every
 * code point made safe for the library's tables. A byte that starts no valid
 * sequence reads as one U+FFFD (linebreak_find's callers validate anyway).
 * The library asks again at the end and expects EOS there and only there. */
static utf32_t linebreak_next_char(const void *s, size_t len, size_t *ip)
{
    if (*ip >= len)
        return EOS;
    uint32_t cp = 0;
    size_t n = utf8_decode((const char *)s + *ip, len - *ip, &cp);
    if (n == 0) {
        n = 1;
        cp = 0xFFFD;
    }
    *ip += n;
    return linebreak_safe_cp(cp);
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
    set_linebreaks(text, len, LINEBREAK_LANG, (char *)out, linebreak_next_char);
    for (size_t i = len; i > 0; i--) {
        char b = (char)out[i - 1];
        out[i] = b == LINEBREAK_MUSTBREAK ? LINEBREAK_MUST
               : b == LINEBREAK_ALLOWBREAK ? LINEBREAK_ALLOW : LINEBREAK_NONE;
    }
    out[0] = LINEBREAK_NONE;
    out[len] = LINEBREAK_MUST;

    /* Tighten with the strict rules, boundary by boundary. */
    uint32_t prev2 = 0, prev = 0, solid = 0; /* solid: last non-space character */
    size_t ri_run = 0; /* regional indicators just before i */
    bool url = false;  /* the Western run i is in is a URL */
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (n == 0) { /* trusted input; be safe anyway */
            n = 1;
            cp = 0xFFFD;
        }
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
