/* statefile: the state directory's small files (update/statefile.h). */
#include "update/statefile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/log.h"

char *statefile_read(const char *state_dir, const char *name, size_t max, size_t *len, bool *missing,
                     char *err, size_t errlen)
{
    *missing = false;
    log_format_err(err, errlen, "%s", "");
    char *path = file_join(state_dir, name);
    if (!path) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    char why[LOG_ERR_MAX] = "";
    char *text = NULL;
    struct stat st;
    if (lstat(path, &st) != 0 && errno == ENOENT)
        *missing = true;
    else if (lstat(path, &st) != 0)
        log_format_err(why, sizeof why, "%s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        log_format_err(why, sizeof why, "not a regular file");
    else if ((text = file_read_all(path, max, len, why, sizeof why)) != NULL && strlen(text) != *len) {
        log_format_err(why, sizeof why, "NUL byte");
        free(text);
        text = NULL;
    }
    if (!text && !*missing)
        log_format_err(err, errlen, "%s: %s", path, why);
    free(path);
    return text;
}

bool statefile_write(const char *state_dir, const char *name, file_writer write, void *ctx, char *err,
                     size_t errlen)
{
    char *path = file_join(state_dir, name);
    if (!path) {
        log_format_err(err, errlen, "out of memory");
        return false;
    }
    char why[LOG_ERR_MAX];
    bool ok = file_write_atomic(path, write, ctx, why, sizeof why);
    if (!ok)
        log_format_err(err, errlen, "%s", why);
    free(path);
    return ok;
}

void statefile_put_text(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < ' ' ? ' ' : *s, f);
}
