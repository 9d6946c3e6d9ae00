/* fileio: reading a whole file within a size limit, for every input the
 * program loads (bundle files, source articles, scripts). */
#ifndef CORE_FILEIO_H
#define CORE_FILEIO_H

#include <stddef.h>

/* Reads `path` whole into a NUL-terminated buffer the caller frees; *len is
 * its size. A file larger than `max` bytes is refused. On failure returns
 * NULL with the reason, without the path ("No such file or directory",
 * "larger than the limit of 1048576 bytes", "out of memory"), in err. */
char *file_read_all(const char *path, size_t max, size_t *len, char *err, size_t errlen);

#endif
