/* fileio: whole-file reads, path helpers and atomic writes (core/fileio.h). */
#include "core/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/faultpoint.h"
#include "core/log.h"

/* What a file that is not a regular one is, for the message. */
static const char *file_kind(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

FILE *file_open_regular(const char *path, char *err, size_t errlen)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
     * writer, for ever. It changes nothing for a regular file, and is
     * cleared before reading anyway. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        log_format_err(err, errlen, "%s", strerror(e));
        errno = e;
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        log_format_err(err, errlen, "%s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        log_format_err(err, errlen, "%s, not a regular file", file_kind(st.st_mode));
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl != -1)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        log_format_err(err, errlen, "%s", strerror(errno));
        close(fd);
    }
    return f;
}

char *file_read_all(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
    FILE *f = file_open_regular(path, err, errlen);
    if (!f)
        return NULL;
    /* The buffer starts at the size the file says it has (a 3 KB file
     * does not cost the 8 MiB limit) and grows if the file is longer than
     * that (st_size is 0 for /proc files), up to one byte past the limit:
     * that byte tells a file of exactly `max` bytes from a larger one. */
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && st.st_size > 0 && (uint64_t)st.st_size < max
                     ? (size_t)st.st_size + 1
                     : max + 1;
    if (cap < 4096 && max + 1 > 4096)
        cap = 4096;
    char *buf = malloc(cap + 1);
    size_t n = 0;
    bool read_failed = false;
    int read_errno = 0;
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (ferror(f)) {
            read_failed = true;
            read_errno = errno;
            break;
        }
        if (n < cap || cap == max + 1)
            break;
        size_t grown = cap > (max + 1) / 2 ? max + 1 : cap * 2;
        char *more = realloc(buf, grown + 1);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap = grown;
    }
    fclose(f);
    if (!buf) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    if (read_failed) {
        free(buf);
        log_format_err(err, errlen, "read error: %s", read_errno ? strerror(read_errno) : "unknown");
        return NULL;
    }
    if (n > max) {
        free(buf);
        log_format_err(err, errlen, "larger than the limit of %zu bytes", max);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *file_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

bool file_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool file_is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The directory holding `path`: what precedes its last '/' ("/" for a file
 * at the root, "." when there is no '/'). Caller frees; NULL: out of memory. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

bool file_write_atomic(const char *path, file_writer write, void *ctx, char *err, size_t errlen)
{
    log_format_err(err, errlen, "%s", "");
    char *tmp = malloc(strlen(path) + sizeof FILE_TMP_SUFFIX);
    char *dir = dir_of(path);
    if (!tmp || !dir) {
        log_format_err(err, errlen, "out of memory");
        free(tmp);
        free(dir);
        return false;
    }
    strcpy(tmp, path);
    strcat(tmp, FILE_TMP_SUFFIX);
    bool ok = false;
    faultpoint("atomic: create");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        log_format_err(err, errlen, "%s: %s", tmp, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        goto out;
    }
    errno = 0;
    bool written = write(f, ctx) && fflush(f) == 0;
    int e = errno;
    if (written && fsync(fileno(f)) != 0) {
        written = false;
        e = errno;
    }
    if (fclose(f) != 0 && written) {
        written = false;
        e = errno;
    }
    if (!written) {
        log_format_err(err, errlen, "%s: %s", tmp, strerror(e ? e : EIO));
        unlink(tmp);
        goto out;
    }
    faultpoint("atomic: rename");
    if (rename(tmp, path) != 0) {
        log_format_err(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    /* The rename is durable only once the directory is synced. Some file
     * systems refuse fsync on a directory (EINVAL): the file is in place. */
    faultpoint("atomic: sync directory");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        if (fsync(dfd) != 0 && errno != EINVAL)
            log_format_err(err, errlen, "%s: sync: %s", dir, strerror(errno));
        close(dfd);
    }
    ok = true;
out:
    free(tmp);
    free(dir);
    return ok;
}
