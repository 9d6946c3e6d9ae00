/* jsonw: a small streaming JSON writer (output only; parsing is libyaml's or
 * cJSON's job). Writes to a FILE or to a caller-owned fixed buffer; a buffer
 * that would overflow sets `overflow` and stops writing, it never allocates.
 *
 * Commas are inserted automatically: call jsonw_key() before each value inside
 * an object. Strings are escaped per RFC 8259; input is trusted to be UTF-8
 * (validated where it entered the program) and is copied as is. */
#ifndef CORE_JSONW_H
#define CORE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSONW_MAX_DEPTH 32

typedef struct {
    FILE *file;  /* sink when non-NULL */
    char *buf;   /* otherwise this buffer, always NUL-terminated */
    size_t cap, len;
    bool overflow;
    int depth;
    bool first[JSONW_MAX_DEPTH]; /* no element written yet at this depth */
    bool after_key;
} jsonw;

void jsonw_init_file(jsonw *w, FILE *f);
void jsonw_init_buf(jsonw *w, char *buf, size_t cap);

void jsonw_obj_begin(jsonw *w);
void jsonw_obj_end(jsonw *w);
void jsonw_arr_begin(jsonw *w);
void jsonw_arr_end(jsonw *w);
void jsonw_key(jsonw *w, const char *key);
void jsonw_str(jsonw *w, const char *s);              /* NULL writes null */
void jsonw_strn(jsonw *w, const char *s, size_t n);
void jsonw_int(jsonw *w, long long v);
void jsonw_fixed(jsonw *w, double v, int decimals);   /* e.g. 1.000 */
void jsonw_bool(jsonw *w, bool v);
void jsonw_null(jsonw *w);
/* Writes `json` verbatim as one value (caller guarantees it is valid JSON). */
void jsonw_raw(jsonw *w, const char *json);

#endif
