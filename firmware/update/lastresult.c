/* lastresult: the last update event in words (update/lastresult.h). */
#include "update/lastresult.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "update/statefile.h"

typedef struct {
    long long when;
    const char *text;
} result_line;

static bool write_line(FILE *f, void *ctx)
{
    const result_line *r = ctx;
    fprintf(f, "%lld ", r->when);
    statefile_put_text(f, r->text);
    fputc('\n', f);
    return !ferror(f);
}

bool lastresult_write(const char *state_dir, const char *text, char *err, size_t errlen)
{
    char cut[LASTRESULT_MAX];
    log_format_err(cut, sizeof cut, "%s", text);
    result_line r = {(long long)time(NULL), cut};
    return statefile_write(state_dir, LASTRESULT_FILE, write_line, &r, err, errlen);
}

bool lastresult_read(const char *state_dir, long long *when, char *text, size_t textlen, char *err,
                     size_t errlen)
{
    *when = 0;
    log_format_err(text, textlen, "%s", "");
    size_t len;
    bool missing;
    char *t = statefile_read(state_dir, LASTRESULT_FILE, LASTRESULT_MAX * 4, &len, &missing, err, errlen);
    if (!t)
        return missing;
    int used = 0;
    bool ok = len > 0 && t[len - 1] == '\n' && !memchr(t, '\n', len - 1) &&
              sscanf(t, "%lld %n", when, &used) == 1 && used > 0 && *when > 0;
    if (ok) {
        t[len - 1] = '\0';
        log_format_err(text, textlen, "%s", t + used);
    } else {
        *when = 0;
        log_format_err(err, errlen, "%s/%s: not one line 'SECONDS TEXT'", state_dir, LASTRESULT_FILE);
    }
    free(t);
    return ok;
}
