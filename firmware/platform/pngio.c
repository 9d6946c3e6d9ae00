#include "platform/pngio.h"
#include "core/log.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool pngio_write_rgba(const char *path, const uint8_t *rgba, int w, int h, int stride,
                      char *err, size_t errlen)
{
    if (w <= 0 || h <= 0 || stride < 4 * w) {
        log_format_err(err, errlen, "%s: bad image geometry %dx%d, stride %d", path, w, h, stride);
        return false;
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = (png_uint_32)w;
    img.height = (png_uint_32)h;
    img.format = PNG_FORMAT_RGBA;
    /* Written through our own stream rather than png_image_write_to_file,
     * which removes the file on failure, whatever it is: run as root,
     * --screenshot /dev/full deleted the device. Only a half-written regular
     * file is removed here. */
    FILE *f = fopen(path, "wb");
    if (!f) {
        log_format_err(err, errlen, "%s: cannot write PNG: %s", path, strerror(errno));
        return false;
    }
    bool ok = png_image_write_to_stdio(&img, f, 0, rgba, stride, NULL) != 0;
    const char *why = ok ? NULL : img.message;
    errno = 0;
    if (ok && (fflush(f) != 0 || ferror(f))) {
        ok = false;
        why = errno ? strerror(errno) : "write error";
    }
    errno = 0;
    if (fclose(f) != 0 && ok) {
        ok = false;
        why = errno ? strerror(errno) : "write error";
    }
    png_image_free(&img);
    if (!ok) {
        log_format_err(err, errlen, "%s: cannot write PNG: %s", path, why);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
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
        log_format_err(err, errlen, "%s: cannot read PNG: %s", path, img.message);
        return false;
    }
    img.format = PNG_FORMAT_RGBA;
    uint8_t *buf = malloc(PNG_IMAGE_SIZE(img));
    if (!buf) {
        log_format_err(err, errlen, "%s: out of memory for %ux%u pixels", path, img.width, img.height);
        png_image_free(&img);
        return false;
    }
    if (!png_image_finish_read(&img, NULL, buf, 0, NULL)) {
        log_format_err(err, errlen, "%s: cannot decode PNG: %s", path, img.message);
        free(buf);
        return false;
    }
    *rgba_out = buf;
    *w = (int)img.width;
    *h = (int)img.height;
    return true;
}
