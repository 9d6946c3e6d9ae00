/* reading: what Listen reads, as sentences (content/reading.h). */
#include "content/reading.h"

#include <string.h>

#include "content/date.h"
#include "core/utf8.h"

/* Marks that end a sentence wherever they stand. */
static bool is_stop(uint32_t c)
{
    return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == 0xFF1B /* ； */ ||
           c == '!' || c == '?';
}

/* Closing marks that stay with the sentence before them. */
static bool is_closing(uint32_t c)
{
    return c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0x300D /* 」 */ || c == 0x300F /* 』 */ ||
           c == 0xFF09 /* ） */ || c == 0x3011 /* 】 */ || c == 0x300B /* 》 */ || c == ')' || c == '"' ||
           c == '\'';
}

static bool is_blank(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

/* The code point at s[*i] (advancing *i); U+FFFD for a bad byte. */
static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    uint32_t c;
    size_t k = utf8_decode(s + *i, len - *i, &c);
    if (k == 0) {
        c = 0xFFFD;
        k = 1;
    }
    *i += k;
    return c;
}

size_t reading_split(const char *text, uint16_t part, reading_sentence *out, size_t max)
{
    size_t n = 0, len = text ? strlen(text) : 0, i = 0;
    while (i < len && n < max) {
        /* Skip the blanks before a sentence. */
        size_t start = i;
        while (start < len) {
            size_t k = start;
            if (!is_blank(next_cp(text, len, &k)))
                break;
            start = k;
        }
        if (start >= len)
            break;
        size_t end = start;
        i = start;
        while (i < len) {
            uint32_t c = next_cp(text, len, &i);
            end = i;
            bool stop = is_stop(c);
            if (c == '.' || c == ';') { /* Latin: before a blank, a closing mark or the end ("3.5" goes on) */
                size_t k = i;
                uint32_t d = i < len ? next_cp(text, len, &k) : ' ';
                stop = is_blank(d) || is_closing(d);
            }
            if (stop) {
                while (i < len) { /* a run of marks and the closing quotes stay with it */
                    size_t k = i;
                    uint32_t d = next_cp(text, len, &k);
                    if (!is_closing(d) && !is_stop(d))
                        break;
                    i = end = k;
                }
                break;
            }
        }
        /* Trailing blanks are not part of the sentence. */
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n'))
            end--;
        out[n++] = (reading_sentence){text, (uint32_t)start, (uint32_t)end, part};
    }
    return n;
}

size_t reading_split_all(const char *const *texts, size_t n, reading_sentence *out, size_t max)
{
    size_t k = 0;
    for (size_t t = 0; t < n && t < READING_MAX_PARTS; t++)
        if (texts[t])
            k += reading_split(texts[t], (uint16_t)t, out + k, max - k);
    return k;
}

size_t reading_excerpt_texts(const bundle_excerpt *e, bundle_lang lang, const char **out, size_t max)
{
    size_t n = 0;
    if (lang == BUNDLE_EN) {
        if (n < max)
            out[n++] = e->heading.s[BUNDLE_EN];
        if (e->summary_en && n < max)
            out[n++] = e->summary_en;
        return n;
    }
    for (size_t i = 0; i < e->paragraph_count && n < max; i++)
        out[n++] = e->paragraphs[i];
    return n;
}

size_t reading_event_texts(const bundle_event *e, bundle_lang lang, char date_buf[READING_DATE_MAX],
                           const char **out, size_t max)
{
    date_display(e->when, &e->date, &e->date_to, lang, date_buf, READING_DATE_MAX);
    const char *t[] = {date_buf, e->title.s[lang], e->summary.s[lang]};
    size_t n = 0;
    for (; n < 3 && n < max; n++)
        out[n] = t[n];
    return n;
}
