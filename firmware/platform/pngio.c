#include "platform/pngio.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pngio_write_rgba(const char *path, const uint8_t *rgba, int w, int h, int stride,
                      char *err, size_t errlen)
{
    if (w <= 0 || h <= 0 || stride < 4 * w) {
        snprintf(err, errlen, "%s: bad image geometry %dx%d, stride %d", path, w, h, stride);
        return false;
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = (png_uint_32)w;
    img.height = (png_uint_32)h;
    img.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&img, path, 0, rgba, stride, NULL)) {
        snprintf(err, errlen, "%s: cannot write PNG: %s", path, img.message);
        png_image_free(&img);
        remove(path);
        return false;
    }
    return true;
}

bool pngio_read_rgba(const char *path, uint8_t **rgba_out, int *w, int *h,
                     char *err, size_t errlen)
{
    *rgba_out = NULL;
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) {
        snprintf(err, errlen, "%s: cannot read PNG: %s", path, img.message);
        return false;
    }
    img.format = PNG_FORMAT_RGBA;
    uint8_t *buf = malloc(PNG_IMAGE_SIZE(img));
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory for %ux%u pixels", path, img.width, img.height);
        png_image_free(&img);
        return false;
    }
    if (!png_image_finish_read(&img, NULL, buf, 0, NULL)) {
        snprintf(err, errlen, "%s: cannot decode PNG: %s", path, img.message);
        free(buf);
        return false;
    }
    *rgba_out = buf;
    *w = (int)img.width;
    *h = (int)img.height;
    return true;
}
