/* utf8: decoding, encoding, validation and counting. Text is validated once
 * where it enters the program (bundle files, stdin of --layout); inner layers
 * trust it. */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..n). Returns its length in bytes (1..4) and
 * stores it in *cp, or returns 0 for an invalid or truncated sequence
 * (overlongs, surrogates and values above U+10FFFF are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* The next character of s[0..n) (n > 0) for code that reads any bytes:
 * utf8_decode, except that a byte starting no valid sequence reads as one
 * U+FFFD. Returns its length in bytes (1..4). */
static inline size_t utf8_next(const char *s, size_t n, uint32_t *cp)
{
    size_t k = utf8_decode(s, n, cp);
    if (k == 0) {
        *cp = 0xFFFD;
        k = 1;
    }
    return k;
}

/* Returns the byte offset of the first invalid sequence, or (size_t)-1 when
 * the whole of s[0..n) is valid UTF-8. */
size_t utf8_invalid_offset(const char *s, size_t n);
#define UTF8_VALID ((size_t)-1)

/* Encodes cp into out (at least 4 bytes); returns the length (0 if invalid). */
size_t utf8_encode(uint32_t cp, char *out);

/* Number of code points in the NUL-terminated string s, which is trusted to
 * be valid UTF-8 (every byte that is not a continuation byte starts one). */
size_t utf8_chars(const char *s);

/* Copies src (NUL-terminated, any bytes) into dst (cap > 0 bytes) as valid
 * UTF-8 that is safe to show: every byte that starts no valid sequence
 * becomes U+FFFD, control characters (C0 but tab, DEL, C1) become a space,
 * and the copy ends before a character that does not fit, never inside one.
 * dst is always NUL-terminated. Returns the bytes written (without NUL). */
size_t utf8_sanitise(char *dst, size_t cap, const char *src);

/* 1-based line and column (in code points) of byte offset `off` in s. */
void utf8_line_col(const char *s, size_t off, int *line, int *col);

#endif
