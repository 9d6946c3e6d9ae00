/* stats_file: the interaction log's file, STATS_FILE_NAME in the state
 * directory (format: stats/stats.h): writing it atomically through
 * core/fileio, when to write it (rarely: SD cards wear out), loading it back
 * with a line-numbered warning for every bad row, keeping a damaged file as
 * .corrupt, and opening, loading and closing a log. Counting in memory is
 * stats/stats.c; both share stats/stats_private.h. */
#include "stats/stats.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/log.h"
#include "core/utf8.h"
#include "stats/stats_private.h"

#define STATS_MAX_LOAD_WARNINGS 20 /* bad rows reported one by one, then a summary */

static char *str_join(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *p = malloc(la + lb + lc + 1);
    if (p) {
        memcpy(p, a, la);
        memcpy(p + la, b, lb);
        memcpy(p + la + lb, c, lc + 1);
    }
    return p;
}

/* ---- writing -------------------------------------------------------- */

/* The rows of day d, in the file's format. False on a write error. */
static bool write_day(const stats_day *d, FILE *out)
{
    for (int j = 0; j < d->n; j++) {
        const stats_entry *e = &d->e[j];
        /* Tenths of a second, printed by hand: independent of the locale. */
        unsigned long long t = (unsigned long long)llround(e->seconds * 10.0);
        char secs[32];
        if (t % 10 == 0)
            snprintf(secs, sizeof secs, "%llu", t / 10);
        else
            snprintf(secs, sizeof secs, "%llu.%llu", t / 10, t % 10);
        if (fprintf(out, "%04d-%02d-%02d,%s,%s,%lu,%s\n", (int)(d->date / 10000),
                    (int)(d->date / 100 % 100), (int)(d->date % 100), stats_kind_name((stats_kind)e->kind),
                    e->key, (unsigned long)e->count, secs) < 0)
            return false;
    }
    return true;
}

bool stats_write_csv(const stats *s, FILE *out)
{
    if (fprintf(out, "%s\n", STATS_HEADER) < 0)
        return false;
    for (int i = 0; s && i < s->ndays; i++)
        if (!write_day(s->days[i], out))
            return false;
    return !ferror(out);
}

/* Appended and synced before the log is rewritten without the day: a power
 * cut in between leaves the day in both files (the same rows twice in the
 * archive after the next start), never in neither. */
void stats_archive_day(stats *s, const stats_day *d)
{
    s->archived_days++;
    if (!s->dir)
        return;
    char *path = file_join(s->dir, STATS_ARCHIVE_NAME);
    const char *why = NULL;
    int fd = path ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644) : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "a") : NULL;
    if (!f) {
        why = path ? strerror(errno) : "out of memory";
        if (fd >= 0)
            close(fd);
    } else {
        struct stat st;
        bool ok = fstat(fd, &st) == 0 && (st.st_size > 0 || fprintf(f, "%s\n", STATS_HEADER) > 0) &&
                  write_day(d, f) && fflush(f) == 0 && fsync(fd) == 0;
        if (!ok)
            why = strerror(errno);
        if (fclose(f) != 0 && ok)
            why = strerror(errno);
    }
    if (why && !s->archive_failing)
        LOG_W("stats", "%s: cannot archive day %d: %s; days beyond the %d kept are lost",
              path ? path : STATS_ARCHIVE_NAME, (int)d->date, why, STATS_MAX_DAYS);
    s->archive_failing = why != NULL;
    if (!why && !s->loading)
        LOG_I("stats", "day %d moved to %s (the log keeps %d days)", (int)d->date, path, STATS_MAX_DAYS);
    free(path);
}

static bool write_rows(FILE *f, void *ctx)
{
    return stats_write_csv(ctx, f);
}

/* The file is replaced atomically (core/fileio: PATH.tmp, fsync, rename,
 * fsync of the directory): a power cut at any point leaves either the old or
 * the new file. A stale .tmp from an earlier crash is simply truncated.
 * (STATS_TMP_SUFFIX of stats/stats.h names core/fileio's FILE_TMP_SUFFIX.) */
static bool write_atomic(const stats *s, char *err, size_t errlen)
{
    char why[LOG_ERR_MAX];
    if (!file_write_atomic(s->path, write_rows, (void *)s, why, sizeof why)) {
        log_format_err(err, errlen, "%s", why);
        return false;
    }
    if (why[0]) /* in place, but the directory could not be synced */
        LOG_W("stats", "%s", why);
    return true;
}

bool stats_flush(stats *s, char *err, size_t errlen)
{
    if (!s || !s->dir || !s->dirty)
        return true;
    if (!write_atomic(s, err, errlen))
        return false;
    s->dirty = false;
    s->flush_failing = false;
    return true;
}

bool stats_maybe_flush(stats *s, time_t now)
{
    if (!s || !s->dir)
        return false;
    int32_t today = stats_date_of(now);
    bool day_changed = today >= 0 && s->seen_date >= 0 && today != s->seen_date;
    if (today >= 0)
        s->seen_date = today;
    if (!s->dirty)
        return false;
    /* A clock stepped backwards (NTP after boot) would otherwise postpone the
     * write by the size of the step. */
    bool due = day_changed || now < s->dirty_since ||
               now - s->dirty_since >= (time_t)STATS_FLUSH_INTERVAL;
    if (!due)
        return false;
    char err[LOG_ERR_MAX];
    if (stats_flush(s, err, sizeof err))
        return true;
    if (!s->flush_failing)
        LOG_W("stats", "cannot write the interaction log: %s (retrying every %d s)", err,
              STATS_FLUSH_INTERVAL);
    s->flush_failing = true;
    s->dirty_since = now; /* retry after another interval, not every second */
    return false;
}

/* ---- loading -------------------------------------------------------- */

typedef struct {
    int32_t date;
    int kind;
    const char *key;
    uint32_t count;
    double seconds;
} stats_row;

static bool parse_uint(const char *p, size_t maxdigits, unsigned long long *v, const char **end)
{
    size_t n = 0;
    unsigned long long x = 0;
    while (p[n] >= '0' && p[n] <= '9') {
        if (n == maxdigits)
            return false;
        x = x * 10 + (unsigned long long)(p[n] - '0');
        n++;
    }
    *v = x;
    *end = p + n;
    return n > 0;
}

static bool parse_date(const char *f, int32_t *date)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(f) != 10 || f[4] != '-' || f[7] != '-')
        return false;
    int v[3] = {0, 0, 0};
    static const int at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < len[i]; j++) {
            char c = f[at[i] + j];
            if (c < '0' || c > '9')
                return false;
            v[i] = v[i] * 10 + (c - '0');
        }
    int y = v[0], m = v[1], d = v[2];
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < STATS_MIN_YEAR || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
        (m == 2 && d == 29 && !leap))
        return false;
    *date = (int32_t)(y * 10000 + m * 100 + d);
    return true;
}

/* Splits one row (modified in place). On failure msg says why. */
static bool parse_row(char *line, stats_row *r, char *msg, size_t msglen)
{
    char *field[6];
    int nf = 0;
    for (char *p = line;;) {
        if (nf == 6)
            break;
        field[nf++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    if (nf != 5) {
        log_format_err(msg, msglen, "expected 5 fields (%s), got %s%d", STATS_HEADER,
                nf > 5 ? "more than " : "", nf > 5 ? 5 : nf);
        return false;
    }
    if (!parse_date(field[0], &r->date)) {
        log_format_err(msg, msglen, "bad date '%.20s' (expected YYYY-MM-DD, %d or later)", field[0],
                STATS_MIN_YEAR);
        return false;
    }
    r->kind = -1;
    for (int k = 0; k < STATS_KIND_COUNT; k++)
        if (strcmp(field[1], stats_kind_name((stats_kind)k)) == 0)
            r->kind = k;
    if (r->kind < 0) {
        log_format_err(msg, msglen, "unknown kind '%.20s'", field[1]);
        return false;
    }
    if (!stats_key_valid(field[2])) {
        log_format_err(msg, msglen, "bad key '%.80s' (expected [a-z0-9-], 1..%d bytes)", field[2],
                STATS_KEY_MAX);
        return false;
    }
    r->key = field[2];
    unsigned long long v;
    const char *end;
    if (!parse_uint(field[3], 10, &v, &end) || *end || v > UINT32_MAX) {
        log_format_err(msg, msglen, "bad count '%.20s' (expected 0..%lu)", field[3],
                (unsigned long)UINT32_MAX);
        return false;
    }
    r->count = (uint32_t)v;
    unsigned long long whole, frac = 0;
    size_t fdigits = 0;
    bool ok = parse_uint(field[4], 10, &whole, &end);
    if (ok && *end == '.') {
        const char *fs = end + 1;
        ok = parse_uint(fs, 6, &frac, &end);
        fdigits = (size_t)(end - fs);
    }
    double secs = 0.0;
    if (ok && !*end)
        secs = (double)whole + (double)frac / pow(10.0, (double)fdigits);
    if (!ok || *end || secs > STATS_SECONDS_MAX) {
        log_format_err(msg, msglen, "bad seconds '%.20s' (expected a number 0..%.0f)", field[4],
                STATS_SECONDS_MAX);
        return false;
    }
    r->seconds = secs;
    return true;
}

static void load_warn(stats *s, const char *path, long line, const char *msg)
{
    s->load_warnings++;
    if (s->load_warnings <= STATS_MAX_LOAD_WARNINGS)
        LOG_W("stats", "%s:%ld: %s", path, line, msg);
}

/* Reads every row of f into s. Each bad line is a warning naming it and is
 * skipped; nothing in the file can stop the load. */
static void load_stream(stats *s, FILE *f, const char *path)
{
    char buf[STATS_LINE_MAX + 2];
    char msg[LOG_ERR_MAX];
    long lineno = 0;
    for (;;) {
        size_t n = 0;
        bool too_long = false, nul = false, newline = false;
        int c;
        while ((c = getc(f)) != EOF) {
            if (c == '\n') {
                newline = true;
                break;
            }
            if (c == '\0')
                nul = true;
            if (n < STATS_LINE_MAX)
                buf[n++] = (char)c;
            else
                too_long = true;
        }
        if (c == EOF && n == 0 && !too_long)
            break;
        lineno++;
        buf[n] = '\0';
        if (n > 0 && buf[n - 1] == '\r')
            buf[--n] = '\0';
        size_t bad;
        if (too_long) {
            snprintf(msg, sizeof msg, "line longer than %d bytes", STATS_LINE_MAX);
            load_warn(s, path, lineno, msg);
        } else if (nul) {
            load_warn(s, path, lineno, "NUL byte in line (damaged file)");
        } else if ((bad = utf8_invalid_offset(buf, n)) != UTF8_VALID) {
            snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu", bad + 1);
            load_warn(s, path, lineno, msg);
        } else if (!newline) {
            load_warn(s, path, lineno, "truncated line (no newline at the end of the file)");
        } else if (n == 0) {
            continue; /* a blank line carries nothing */
        } else if (lineno == 1 && strcmp(buf, STATS_HEADER) == 0) {
            continue;
        } else {
            stats_row r;
            if (!parse_row(buf, &r, msg, sizeof msg)) {
                if (lineno == 1) {
                    snprintf(msg, sizeof msg, "expected the header '%s'", STATS_HEADER);
                }
                load_warn(s, path, lineno, msg);
                if (c == EOF)
                    break;
                continue;
            }
            if (lineno == 1)
                load_warn(s, path, lineno, "missing header line (row kept)");
            stats_day *d = stats_day_get(s, r.date);
            if (!d) {
                load_warn(s, path, lineno, "older than the days kept, or out of memory: skipped");
            } else {
                bool created;
                stats_entry *e = stats_entry_get(d, r.kind, r.key, &created);
                if (!e) {
                    load_warn(s, path, lineno, "out of memory: row skipped");
                } else {
                    if (!created && strcmp(e->key, r.key) == 0) {
                        snprintf(msg, sizeof msg, "duplicate row for %s,%s: added to the first",
                                 stats_kind_name((stats_kind)r.kind), r.key);
                        load_warn(s, path, lineno, msg);
                    }
                    stats_entry_add(e, r.count, r.seconds);
                }
            }
        }
        if (c == EOF)
            break;
    }
    if (s->load_warnings > STATS_MAX_LOAD_WARNINGS)
        LOG_W("stats", "%s: %d more bad lines not shown", path,
              s->load_warnings - STATS_MAX_LOAD_WARNINGS);
}

stats *stats_load(const char *path, char *err, size_t errlen)
{
    stats *s = stats_new();
    if (!s || !(s->path = str_join(path, "", ""))) {
        log_format_err(err, errlen, "out of memory");
        stats_close(s);
        return NULL;
    }
    char why[LOG_ERR_MAX];
    FILE *f = file_open_regular(path, why, sizeof why);
    if (!f) {
        log_format_err(err, errlen, "%s: %s", path, why);
        stats_close(s);
        return NULL;
    }
    s->loading = true;
    load_stream(s, f, path);
    s->loading = false;
    fclose(f);
    if (s->archived_days > 0)
        LOG_W("stats", "%s: more than %d days: the %d oldest are not shown", path, STATS_MAX_DAYS,
              s->archived_days);
    return s;
}

int stats_load_warnings(const stats *s)
{
    return s ? s->load_warnings : 0;
}

/* Makes dir usable for the log: created if missing (one level). */
static bool dir_ready(const char *dir, char *why, size_t whylen)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        log_format_err(why, whylen, "cannot create it: %s", strerror(errno));
        return false;
    }
    if (!file_is_dir(dir)) {
        log_format_err(why, whylen, "not a directory");
        return false;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        log_format_err(why, whylen, "not writable: %s", strerror(errno));
        return false;
    }
    return true;
}

/* The next write replaces the damaged file: keep it (a hard link, no copy
 * written to the card) for whoever inspects, as FILE.corrupt.1, the earlier
 * copies shifted by one; the oldest beyond STATS_MAX_CORRUPT is removed. */
static void keep_damaged(const stats *s)
{
    char *name[STATS_MAX_CORRUPT + 1] = {NULL};
    bool ok = true;
    for (int k = 1; k <= STATS_MAX_CORRUPT; k++) {
        char num[16];
        snprintf(num, sizeof num, ".%d", k);
        name[k] = str_join(s->path, STATS_CORRUPT_SUFFIX, num);
        ok = ok && name[k];
    }
    if (ok) {
        if (unlink(name[STATS_MAX_CORRUPT]) == 0)
            LOG_W("stats", "%s removed: at most %d damaged copies are kept", name[STATS_MAX_CORRUPT],
                  STATS_MAX_CORRUPT);
        for (int k = STATS_MAX_CORRUPT - 1; k >= 1; k--)
            rename(name[k], name[k + 1]); /* ENOENT: fewer copies so far */
        if (link(s->path, name[1]) == 0)
            LOG_W("stats", "%s: damaged; kept as %s", s->path, name[1]);
        else
            LOG_W("stats", "%s: damaged; cannot keep a copy as %s: %s", s->path, name[1], strerror(errno));
    }
    for (int k = 1; k <= STATS_MAX_CORRUPT; k++)
        free(name[k]);
}

stats *stats_open(const char *dir, time_t now, char *err, size_t errlen)
{
    log_format_err(err, errlen, "%s", ""); /* "" unless NULL is returned */
    stats *s = stats_new();
    if (!s) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    s->seen_date = stats_date_of(now);
    char why[LOG_ERR_MAX];
    if (dir && !dir_ready(dir, why, sizeof why)) {
        LOG_W("stats", "state directory '%s': %s; interaction counts are kept in memory only",
              dir, why);
    } else if (dir) {
        s->dir = str_join(dir, "", "");
        s->path = file_join(dir, STATS_FILE_NAME);
        if (!s->dir || !s->path) {
            log_format_err(err, errlen, "out of memory");
            stats_close(s);
            return NULL;
        }
        FILE *f = file_open_regular(s->path, why, sizeof why);
        if (f) {
            s->loading = true;
            load_stream(s, f, s->path);
            s->loading = false;
            fclose(f);
            if (s->load_warnings > 0)
                keep_damaged(s);
            if (s->archived_days > 0) {
                /* Rewritten now, so that the next start does not move the
                 * same days to the archive again. */
                LOG_W("stats", "%s: more than %d days: the %d oldest moved to %s/%s", s->path,
                      STATS_MAX_DAYS, s->archived_days, s->dir, STATS_ARCHIVE_NAME);
                s->dirty = true;
                s->dirty_since = now;
                if (!stats_flush(s, why, sizeof why))
                    LOG_W("stats", "cannot write the interaction log: %s", why);
            }
        } else if (errno != ENOENT) {
            LOG_W("stats", "%s: %s; starting an empty log", s->path, why);
        }
    }
    if (s->seen_date >= 0)
        stats_current_day(s, now); /* preallocate today's table */
    return s;
}

void stats_close(stats *s)
{
    if (!s)
        return;
    char err[LOG_ERR_MAX];
    if (!stats_flush(s, err, sizeof err))
        LOG_W("stats", "cannot write the interaction log: %s", err);
    stats_free(s);
}
