/* lastresult: the last update event in words (update/lastresult.h). */
#include "update/lastresult.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/fileio.h"
#include "core/log.h"

typedef struct {
    long long when;
    const char *text;
} result_line;

static bool write_line(FILE *f, void *ctx)
{
    const result_line *r = ctx;
    fprintf(f, "%lld ", r->when);
    for (const char *p = r->text; *p; p++)
        fputc((unsigned char)*p < ' ' ? ' ' : *p, f);
    fputc('\n', f);
    return !ferror(f);
}

bool lastresult_write(const char *state_dir, const char *text, char *err, size_t errlen)
{
    char *path = file_join(state_dir, LASTRESULT_FILE);
    if (!path) {
        log_format_err(err, errlen, "out of memory");
        return false;
    }
    char cut[LASTRESULT_MAX], why[LOG_ERR_MAX];
    log_format_err(cut, sizeof cut, "%s", text);
    result_line r = {(long long)time(NULL), cut};
    bool ok = file_write_atomic(path, write_line, &r, why, sizeof why);
    if (!ok)
        log_format_err(err, errlen, "%s", why);
    free(path);
    return ok;
}

bool lastresult_read(const char *state_dir, long long *when, char *text, size_t textlen, char *err,
                     size_t errlen)
{
    *when = 0;
    log_format_err(text, textlen, "%s", "");
    char *path = file_join(state_dir, LASTRESULT_FILE);
    if (!path) {
        log_format_err(err, errlen, "out of memory");
        return false;
    }
    struct stat st;
    if (lstat(path, &st) != 0 && errno == ENOENT) {
        free(path);
        return true;
    }
    char why[LOG_ERR_MAX];
    size_t len;
    char *t = file_read_all(path, LASTRESULT_MAX * 4, &len, why, sizeof why);
    int used = 0;
    bool ok = t && strlen(t) == len && len > 0 && t[len - 1] == '\n' && !memchr(t, '\n', len - 1) &&
              sscanf(t, "%lld %n", when, &used) == 1 && used > 0 && *when > 0;
    if (ok) {
        t[len - 1] = '\0';
        log_format_err(text, textlen, "%s", t + used);
    } else {
        *when = 0;
        log_format_err(err, errlen, "%s: %s", path, t ? "not one line 'SECONDS TEXT'" : why);
    }
    free(t);
    free(path);
    return ok;
}
