/* pngio: PNG files through libpng's simplified API (png_image_*). */
#ifndef PLATFORM_PNGIO_H
#define PLATFORM_PNGIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes 8-bit RGBA rows (stride bytes apart) as an RGBA PNG. */
bool pngio_write_rgba(const char *path, const uint8_t *rgba, int w, int h, int stride, char *err,
                      size_t errlen);

/* Reads any PNG as 8-bit RGBA (stride w*4). The caller frees *rgba_out. */
bool pngio_read_rgba(const char *path, uint8_t **rgba_out, int *w, int *h, char *err,
                     size_t errlen);

#endif
