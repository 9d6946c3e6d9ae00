/* pngio: PNG files in and out, 8-bit RGBA (libpng's simplified API).
 * Used for screenshots and by the tests' golden images. */
#ifndef PLATFORM_PNGIO_H
#define PLATFORM_PNGIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes w x h pixels of R,G,B,A bytes; rows are `stride` bytes apart
 * (stride >= 4 * w). Returns false with a message in err on failure; a
 * partly written file is removed. */
bool pngio_write_rgba(const char *path, const uint8_t *rgba, int w, int h, int stride,
                      char *err, size_t errlen);

/* Reads any PNG, converted to 8-bit RGBA rows of 4 * w bytes. On success
 * *rgba_out is a buffer the caller frees with free(). On failure returns
 * false, *rgba_out is NULL and err says why. */
bool pngio_read_rgba(const char *path, uint8_t **rgba_out, int *w, int *h,
                     char *err, size_t errlen);

#endif
