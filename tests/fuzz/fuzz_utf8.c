/* Fuzz target: UTF-8 decoding (core/utf8.h). Checks the functions against
 * each other on any bytes: utf8_decode walks exactly the valid prefix that
 * utf8_invalid_offset reports, every decoded code point is a scalar value
 * that utf8_encode gives back as the same bytes, and counting and
 * line/column agree on the valid prefix. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t bad = utf8_invalid_offset(s, size);
    size_t valid = bad == UTF8_VALID ? size : bad;
    if (valid > size)
        abort();

    size_t i = 0, chars = 0;
    while (i < size) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + i, size - i, &cp);
        if (n == 0)
            break;
        if (n > 4 || n > size - i || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            abort();
        char enc[4];
        if (utf8_encode(cp, enc) != n || memcmp(enc, s + i, n) != 0)
            abort();
        i += n;
        chars++;
    }
    if (i != valid)
        abort();

    /* The valid prefix as a C string (no NUL inside: cut at the first). */
    char *copy = malloc(valid + 1);
    if (!copy)
        return 0;
    memcpy(copy, s, valid);
    copy[valid] = '\0';
    size_t clen = strlen(copy);
    if (clen == valid && utf8_chars(copy) != chars)
        abort();
    int line = 0, col = 0;
    utf8_line_col(copy, clen, &line, &col);
    if (line < 1 || col < 1)
        abort();
    free(copy);
    return 0;
}
