#include "core/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *file_read_all(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    char *buf = malloc(max + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    /* One read past the limit tells a file of exactly `max` bytes from a
     * larger one without a stat (which a FIFO or /proc file would defeat). */
    size_t n = fread(buf, 1, max + 1, f);
    fclose(f);
    if (n > max) {
        free(buf);
        snprintf(err, errlen, "larger than the limit of %zu bytes", max);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
