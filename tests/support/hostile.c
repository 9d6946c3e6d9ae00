#include "support/hostile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

#define T(s) s, sizeof(s) - 1
#define LONG_N 20000

static char long_latin[LONG_N + 1], long_digits[LONG_N + 1], long_han[LONG_N * 3 + 1],
    long_flags[LONG_N * 4 + 1];

static const char *fonts = "is not in the fonts";

static hostile_text table[] = {
    {"regional indicator", T("a\xF0\x9F\x87\xA8" "b"), HOSTILE_VALID, NULL},
    {"flag pair", T("\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3"), HOSTILE_VALID, NULL},
    {"three flags and a half", T("x\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8"
                                 "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5\xF0\x9F\x87\xA8 y"),
     HOSTILE_VALID, NULL},
    {"flag in Chinese", T("中\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3国"), HOSTILE_VALID, NULL},
    {"ZWJ family", T("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"),
     HOSTILE_VALID, NULL},
    {"ZWJ alone", T("\xE2\x80\x8D"), HOSTILE_VALID, NULL},
    {"U+FFFF", T("a\xEF\xBF\xBF" "b"), HOSTILE_VALID, NULL},
    {"U+FFFF alone", T("\xEF\xBF\xBF"), HOSTILE_VALID, NULL},
    {"U+FFFE", T("\xEF\xBF\xBE" "ab"), HOSTILE_VALID, NULL},
    {"U+FDD0", T("\xEF\xB7\x90"), HOSTILE_VALID, NULL},
    {"U+10FFFF", T("a\xF4\x8F\xBF\xBF"), HOSTILE_VALID, NULL},
    {"U+1FFFE", T("\xF0\x9F\xBF\xBE" "z"), HOSTILE_VALID, NULL},
    {"private use", T("\xEE\x80\x80\xF3\xB0\x80\x80"), HOSTILE_VALID, NULL},
    {"combining mark first", T("\xCC\x81" "abc"), HOSTILE_VALID, NULL},
    {"combining marks only", T("\xCC\x81\xCC\x82\xCC\x83"), HOSTILE_VALID, NULL},
    {"BOM", T("\xEF\xBB\xBF" "a\xEF\xBB\xBF"), HOSTILE_VALID, NULL},
    {"NUL", T("a\0b"), HOSTILE_VALID, "holds a NUL character"},
    {"controls", T("a\x01\x02\x1B[31m\x7F" "b"), HOSTILE_VALID, "holds the control character U+0001"},
    {"C1 and NEL", T("a\xC2\x85\xC2\x9B" "b"), HOSTILE_VALID, "holds the control character U+0085"},
    {"line and paragraph separators", T("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c"), HOSTILE_VALID, "needs 3 lines"},
    {"carriage returns", T("a\rb\r\r"), HOSTILE_VALID, NULL},
    {"lone high surrogate", T("a\xED\xA0\x80" "b"), 1, "invalid UTF-8 at byte offset"},
    {"lone low surrogate", T("\xED\xBF\xBF"), 0, "invalid UTF-8 at byte offset"},
    {"beyond U+10FFFF", T("ab\xF4\x90\x80\x80"), 2, "invalid UTF-8 at byte offset"},
    {"truncated sequence", T("ab\xE4\xB8"), 2, "invalid UTF-8 at byte offset"},
    {"long Latin word", long_latin, LONG_N, HOSTILE_VALID, "characters long"},
    {"long number", long_digits, LONG_N, HOSTILE_VALID, "characters long"},
    {"long Han line", long_han, LONG_N * 3, HOSTILE_VALID, "characters long"},
    {"long run of flags", long_flags, LONG_N * 4, HOSTILE_VALID, "characters long"},
};

const hostile_text *hostile_table(size_t *count)
{
    if (!long_latin[0]) {
        memset(long_latin, 'w', LONG_N);
        memset(long_digits, '7', LONG_N);
        for (int i = 0; i < LONG_N; i++) {
            memcpy(long_han + 3 * i, "\xE4\xB8\x80", 3);                  /* 一 */
            memcpy(long_flags + 4 * i, i % 2 ? "\xF0\x9F\x87\xB3" : "\xF0\x9F\x87\xA8", 4);
        }
    }
    /* Characters the fonts lack are errors of the check, at the heading. */
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        hostile_text *t = &table[i];
        if (t->check_error || t->bad_utf8 != HOSTILE_VALID)
            continue;
        for (size_t k = 0; k < t->len;) {
            uint32_t cp = 0;
            size_t n = utf8_decode(t->text + k, t->len - k, &cp);
            if (cp >= 0x1F000 || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE ||
                (cp >= 0xE000 && cp <= 0xF8FF)) {
                t->check_error = fonts;
                break;
            }
            k += n;
        }
    }
    *count = sizeof table / sizeof table[0];
    return table;
}

bool hostile_yaml_value(const hostile_text *t, char *out, size_t cap)
{
    size_t o = 0;
    if (cap < 3)
        return false;
    out[o++] = '"';
    for (size_t k = 0; k < t->len;) {
        char esc[16];
        size_t n;
        uint32_t cp = 0;
        if (t->bad_utf8 != HOSTILE_VALID) {
            esc[0] = t->text[k];
            esc[1] = '\0';
            n = 1;
        } else {
            n = utf8_decode(t->text + k, t->len - k, &cp);
            if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\')
                snprintf(esc, sizeof esc, "%c", (char)cp);
            else
                snprintf(esc, sizeof esc, "\\U%08X", (unsigned)cp);
        }
        size_t e = strlen(esc) ? strlen(esc) : 1;
        if (o + e + 2 > cap)
            return false;
        memcpy(out + o, esc, e);
        o += e;
        k += n;
    }
    out[o++] = '"';
    out[o] = '\0';
    return true;
}
