/* fileio: files as whole units, for every file the program reads or writes.
 *   - reading a whole file within a size limit (bundle files, source
 *     articles, scripts);
 *   - path helpers: a directory joined with a name, "is it a directory",
 *     "is it a regular file";
 *   - writing a whole file atomically (the interaction log): after a power
 *     cut at any moment the file is the old one or the new one, never a mix.
 * libc and POSIX only; no global state. Strings returned are owned by the
 * caller; error messages go to a caller's buffer ("char *err, size_t
 * errlen": err NULL or errlen 0 discards them). */
#ifndef CORE_FILEIO_H
#define CORE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Opens `path` for reading only if it is a regular file, without blocking
 * on the way (a FIFO would wait for a writer for ever; a directory would
 * read as empty). NULL with the reason, without the path, in err: the
 * errno text, or e.g. "a FIFO, not a regular file" (errno is then the
 * open's error, e.g. ENOENT, or EINVAL for a file that is not regular).
 * Every file the program reads goes through this. */
FILE *file_open_regular(const char *path, char *err, size_t errlen);

/* Reads `path` whole into a NUL-terminated buffer the caller frees; *len is
 * its size. Only a regular file is read (file_open_regular). A file larger
 * than `max` bytes is refused. On failure returns NULL with the reason,
 * without the path ("No such file or directory", "a directory, not a
 * regular file", "read error: Input/output error", "larger than the limit of
 * 1048576 bytes", "out of memory"), in err. */
char *file_read_all(const char *path, size_t max, size_t *len, char *err, size_t errlen);

/* "DIR/NAME" in a new string the caller frees; NULL when out of memory.
 * Nothing is simplified: "a/" and "b" give "a//b". */
char *file_join(const char *dir, const char *name);

/* True when `path` exists (symbolic links followed) and is a directory,
 * respectively a regular file. False for anything that cannot be stat'ed. */
bool file_is_dir(const char *path);
bool file_is_regular(const char *path);

/* Name of the temporary file of file_write_atomic(): PATH followed by this. */
#define FILE_TMP_SUFFIX ".tmp"

/* The caller's part of an atomic write: writes the whole content to f and
 * returns false on a write error (errno then says why, when it is set). */
typedef bool (*file_writer)(FILE *f, void *ctx);

/* Replaces the file `path` atomically: `write` fills PATH.tmp (created, or
 * truncated when a stale one is left from a crash; mode 0644 less the umask),
 * which is flushed and fsync'ed, then renamed over `path`; then the directory
 * holding `path` is fsync'ed so that the rename itself is durable.
 *
 * Returns true when the new file is in place. Returns false when anything up
 * to the rename failed (PATH.tmp cannot be created, `write` returned false,
 * flush, fsync, close or rename failed), with "FILE: reason" in err, FILE
 * being the file that failed (PATH.tmp, or PATH for the rename); `path` then
 * still holds the old file (or still does not exist) and PATH.tmp has been
 * removed (a PATH.tmp that could not be opened, e.g. a directory, is left
 * alone).
 *
 * A directory that cannot be synced does not undo the rename, so it is not a
 * failure: EINVAL (file systems that do not sync directories) is ignored,
 * any other error returns true with "DIR: sync: reason" in err for the
 * caller to report as a warning. On every other success err is "". */
bool file_write_atomic(const char *path, file_writer write, void *ctx, char *err, size_t errlen);

#endif
