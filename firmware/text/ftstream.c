#include "text/ftstream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include FT_SYSTEM_H

static unsigned long ftstream_read(FT_Stream s, unsigned long offset, unsigned char *buf, unsigned long count)
{
    int fd = (int)s->descriptor.value;
    /* count 0 is a seek: FreeType asks whether offset lies in the file. */
    if (count == 0)
        return offset > s->size ? 1 : 0;
    unsigned long done = 0;
    while (done < count) {
        ssize_t n = pread(fd, buf + done, count - done, (off_t)(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (unsigned long)n;
    }
    return done;
}

static void ftstream_close(FT_Stream s)
{
    close((int)s->descriptor.value);
    free(s);
}

FT_Error ftstream_new_face(FT_Library lib, const char *path, FT_Long index, FT_Face *face)
{
    *face = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return FT_Err_Cannot_Open_Resource;
    struct stat st;
    FT_Stream s = calloc(1, sizeof *s);
    if (!s || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(s);
        close(fd);
        return s ? FT_Err_Cannot_Open_Resource : FT_Err_Out_Of_Memory;
    }
    s->size = (unsigned long)st.st_size;
    s->descriptor.value = fd;
    s->read = ftstream_read;
    s->close = ftstream_close;
    FT_Open_Args args = {.flags = FT_OPEN_STREAM, .stream = s};
    /* FreeType calls close (freeing the stream) when the face goes, and
     * also when opening fails. */
    return FT_Open_Face(lib, &args, index, face);
}
