/* hostile: a table of texts that have broken the program or might, shared
 * by the tests that push them through every way text enters it (the line
 * breaker and layout in process, --layout, --check of a bundle holding one,
 * the kiosk's start and its built-in error screen). */
#ifndef TESTS_SUPPORT_HOSTILE_H
#define TESTS_SUPPORT_HOSTILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *name;
    const char *text; /* the bytes (may hold NUL: see len) */
    size_t len;
    size_t bad_utf8;  /* byte offset of the first invalid sequence, or HOSTILE_VALID */
    /* What --check says of a bundle whose excerpt heading (en, line 7 of
     * excerpts.yaml) is this text, written as a double-quoted YAML string
     * with \U escapes (raw bytes when bad_utf8): a substring of the first
     * error, NULL when the bundle is valid. */
    const char *check_error;
} hostile_text;

#define HOSTILE_VALID ((size_t)-1)

/* The table and its size. Long texts are built on first use. */
const hostile_text *hostile_table(size_t *count);

/* Writes t as the value of a YAML key: a double-quoted string, every byte
 * outside printable ASCII as a \U escape (raw bytes when t is not valid
 * UTF-8). Returns false when it does not fit out[cap]. */
bool hostile_yaml_value(const hostile_text *t, char *out, size_t cap);

#endif
