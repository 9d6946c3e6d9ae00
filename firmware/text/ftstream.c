#include "text/ftstream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include FT_SYSTEM_H

/* FreeType reads a field at a time (a table directory, a cmap look-up):
 * small reads are served from a window of the file read ahead, so a
 * character look-up is not a system call. */
#define FTSTREAM_WINDOW (16 * 1024)

typedef struct {
    FT_StreamRec rec; /* first: FreeType's FT_Stream points here */
    int fd;
    unsigned long win_off, win_len;
    unsigned char win[FTSTREAM_WINDOW];
} ftstream;

static unsigned long read_fully(int fd, unsigned long offset, unsigned char *buf, unsigned long count)
{
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

static unsigned long ftstream_read(FT_Stream s, unsigned long offset, unsigned char *buf, unsigned long count)
{
    ftstream *fs = (ftstream *)s;
    /* count 0 is a seek: FreeType asks whether offset lies in the file. */
    if (count == 0)
        return offset > s->size ? 1 : 0;
    if (count > FTSTREAM_WINDOW / 4) /* a glyph program, a table: straight in */
        return read_fully(fs->fd, offset, buf, count);
    if (offset < fs->win_off || offset + count > fs->win_off + fs->win_len) {
        fs->win_off = offset & ~(unsigned long)4095;
        fs->win_len = read_fully(fs->fd, fs->win_off, fs->win, FTSTREAM_WINDOW);
        if (offset + count > fs->win_off + fs->win_len) /* the end of the file */
            count = offset < fs->win_off + fs->win_len ? fs->win_off + fs->win_len - offset : 0;
    }
    memcpy(buf, fs->win + (offset - fs->win_off), count);
    return count;
}

static void ftstream_close(FT_Stream s)
{
    ftstream *fs = (ftstream *)s;
    close(fs->fd);
    free(fs);
}

FT_Error ftstream_new_face(FT_Library lib, const char *path, FT_Long index, FT_Face *face)
{
    *face = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return FT_Err_Cannot_Open_Resource;
    struct stat st;
    ftstream *fs = calloc(1, sizeof *fs);
    if (!fs || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        FT_Error e = fs ? FT_Err_Cannot_Open_Resource : FT_Err_Out_Of_Memory;
        free(fs);
        close(fd);
        return e;
    }
    fs->fd = fd;
    fs->rec.size = (unsigned long)st.st_size;
    fs->rec.descriptor.value = fd;
    fs->rec.read = ftstream_read;
    fs->rec.close = ftstream_close;
    FT_Open_Args args = {.flags = FT_OPEN_STREAM, .stream = &fs->rec};
    /* FreeType calls close (freeing the stream) when the face goes, and
     * also when opening fails. */
    return FT_Open_Face(lib, &args, index, face);
}

FT_Face ftstream_face_of_family(FT_Library lib, const char *path, const char *family, int *index)
{
    FT_Face face = NULL;
    if (ftstream_new_face(lib, path, -1, &face) != 0)
        return NULL;
    long n = face->num_faces;
    FT_Done_Face(face);
    for (long i = 0; i < n; i++) {
        if (ftstream_new_face(lib, path, i, &face) != 0)
            continue;
        if (face->family_name && strcmp(face->family_name, family) == 0) {
            *index = (int)i;
            return face;
        }
        FT_Done_Face(face);
    }
    return NULL;
}
