/* punct: display punctuation (text/punct.h). */
#include "text/punct.h"

#include <string.h>

#include "core/utf8.h"
#include "text/charclass.h"

static const uint32_t punct_pairs[][2] = {
    {',', 0xFF0C}, {':', 0xFF1A}, {';', 0xFF1B}, {'?', 0xFF1F},
    {'!', 0xFF01}, {'(', 0xFF08}, {')', 0xFF09},
};
#define PUNCT_PAIRS (sizeof punct_pairs / sizeof punct_pairs[0])

uint32_t punct_fullwidth(uint32_t cp)
{
    for (size_t i = 0; i < PUNCT_PAIRS; i++)
        if (punct_pairs[i][0] == cp)
            return punct_pairs[i][1];
    return 0;
}

uint32_t punct_ascii(uint32_t cp)
{
    for (size_t i = 0; i < PUNCT_PAIRS; i++)
        if (punct_pairs[i][1] == cp)
            return punct_pairs[i][0];
    return 0;
}

static bool punct_is_mark(uint32_t cp) { return cp < 0x80 && punct_fullwidth(cp) != 0; }

static bool punct_is_chinese(uint32_t cp)
{
    return charclass_is_cjk(cp) || (cp >= 0xFF01 && cp <= 0xFF60);
}

/* Decodes one character of s[i..len) (U+FFFD for an invalid byte). */
static size_t punct_next(const char *s, size_t len, size_t i, uint32_t *cp)
{
    return utf8_next(s + i, len - i, cp);
}

/* Walks s: writes the display form to out (and map) when out is given;
 * with `changes` instead, stops at the first mark that converts. One pass; the character after a run of
 * marks is looked up once per run, so the walk stays linear. */
static size_t punct_walk(const char *s, size_t len, char *out, uint32_t *map, bool *changes)
{
    bool before = false, after = false;
    size_t run_end = 0, o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = punct_next(s, len, i, &cp);
        uint32_t shown = 0;
        if (punct_is_mark(cp)) {
            if (i >= run_end) {
                size_t j = i + k;
                uint32_t nx = 0;
                while (j < len) {
                    j += punct_next(s, len, j, &nx);
                    if (!punct_is_mark(nx))
                        break;
                    nx = 0;
                }
                after = nx != 0 && punct_is_chinese(nx);
                run_end = j;
            }
            if (before || after)
                shown = punct_fullwidth(cp);
        } else {
            before = punct_is_chinese(cp);
        }
        if (shown && changes) {
            *changes = true;
            return 0;
        }
        if (out) {
            size_t w = shown ? utf8_encode(shown, out + o) : k;
            if (!shown)
                memcpy(out + o, s + i, k);
            if (map)
                for (size_t d = 0; d < w; d++)
                    map[o + d] = (uint32_t)i;
            o += w;
        }
        i += k;
    }
    if (map)
        map[o] = (uint32_t)len;
    return o;
}

bool punct_display_changes(const char *s, size_t len)
{
    bool changes = false;
    punct_walk(s, len, NULL, NULL, &changes);
    return changes;
}

size_t punct_display(const char *s, size_t len, char *out, uint32_t *map)
{
    return punct_walk(s, len, out, map, NULL);
}
