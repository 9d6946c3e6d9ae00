/* verbatim: normalising both sides and searching (content/verbatim.h). */
#include "content/verbatim.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "text/punct.h"

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0x3000 || cp == 0x00A0;
}

/* Removed like whitespace: the PDF extraction leaves private-use characters
 * (U+E000-F8FF) at line ends of the articles. */
static bool is_ignored(uint32_t cp)
{
    return is_space(cp) || (cp >= 0xE000 && cp <= 0xF8FF);
}

static uint32_t fold(uint32_t cp)
{
    if (cp >= 0xFF10 && cp <= 0xFF19)
        return '0' + (cp - 0xFF10);
    if (cp >= 0xFF21 && cp <= 0xFF3A)
        return 'A' + (cp - 0xFF21);
    if (cp >= 0xFF41 && cp <= 0xFF5A)
        return 'a' + (cp - 0xFF41);
    uint32_t ascii = punct_ascii(cp); /* the screen shows either form (text/punct.h) */
    return ascii ? ascii : cp;
}

/* A page-number line: only ASCII digits and whitespace (an empty line too,
 * which normalising would drop anyway). */
static bool page_number_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return false;
        if (!(cp >= '0' && cp <= '9') && !is_space(cp))
            return false;
        i += len;
    }
    return true;
}

/* Normalises s[0..n); with `map`, map[o] is the offset in s of the
 * character that output byte o came from. */
static char *normalise(const char *s, size_t n, bool article, size_t *map)
{
    /* Folding never lengthens: a full-width letter (3 bytes) becomes 1 byte. */
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < n) {
        size_t eol = i;
        while (eol < n && s[eol] != '\n')
            eol++;
        if (!article || !page_number_line(s + i, eol - i)) {
            while (i < eol) {
                uint32_t cp;
                size_t len = utf8_decode(s + i, eol - i, &cp);
                if (len == 0) { /* invalid input is skipped byte by byte */
                    i++;
                    continue;
                }
                size_t from = i;
                i += len;
                if (is_ignored(cp))
                    continue;
                size_t w = utf8_encode(fold(cp), out + o);
                for (size_t k = 0; map && k < w; k++)
                    map[o + k] = from;
                o += w;
            }
        }
        i = eol + 1;
    }
    out[o] = '\0';
    return out;
}

char *verbatim_normalise(const char *s, size_t n, bool article)
{
    return normalise(s, n, article, NULL);
}

static bool locate(const char *article, size_t len, const char *text, bool article_rule,
                   size_t *start, size_t *end);

bool verbatim_locate(const char *article, size_t len, const char *text, size_t *start,
                     size_t *end)
{
    /* First as the verbatim check reads the article, then with its number-only
     * lines kept (a date_quote may need a footnote's year on a line of its own). */
    for (int pass = 0; pass < 2; pass++)
        if (locate(article, len, text, pass == 0, start, end))
            return true;
    return false;
}

static bool locate(const char *article, size_t len, const char *text, bool article_rule,
                   size_t *start, size_t *end)
{
    size_t *map = malloc((len + 1) * sizeof *map);
    char *a = map ? normalise(article, len, article_rule, map) : NULL;
    char *q = a ? normalise(text, strlen(text), false, NULL) : NULL;
    bool found = false;
    if (q && *q) {
        const char *at = strstr(a, q);
        if (at) {
            size_t o0 = (size_t)(at - a), o1 = o0 + strlen(q) - 1;
            *start = map[o0];
            uint32_t cp;
            size_t l = utf8_decode(article + map[o1], len - map[o1], &cp);
            *end = map[o1] + (l ? l : 1);
            found = true;
        }
    }
    free(q);
    free(a);
    free(map);
    return found;
}

/* Byte length of the first `chars` code points of s. */
static size_t prefix_bytes(const char *s, size_t chars)
{
    size_t i = 0;
    while (chars-- > 0 && s[i]) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

static uint32_t char_at(const char *s)
{
    uint32_t cp = 0;
    if (!*s || utf8_decode(s, strlen(s), &cp) == 0)
        return 0;
    return cp;
}

bool verbatim_find(const char *article, const char *quote, verbatim_match *m)
{
    memset(m, 0, sizeof *m);
    if (strstr(article, quote)) {
        m->found = true;
        return true;
    }
    size_t qlen = strlen(quote);
    char *buf = malloc(qlen + 1);
    if (!buf)
        return false;
    /* Occurrence of a prefix is monotone in its length: binary search the
     * longest one found. lo is found, hi is not. */
    size_t lo = 0, hi = utf8_chars(quote);
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        size_t nb = prefix_bytes(quote, mid);
        memcpy(buf, quote, nb);
        buf[nb] = '\0';
        if (strstr(article, buf))
            lo = mid;
        else
            hi = mid;
    }
    size_t nb = prefix_bytes(quote, lo);
    m->matched_chars = lo;
    m->quote_char = char_at(quote + nb);
    if (lo > 0) {
        memcpy(buf, quote, nb);
        buf[nb] = '\0';
        const char *at = strstr(article, buf);
        if (at)
            m->article_char = char_at(at + nb);
    }
    free(buf);
    return true;
}
