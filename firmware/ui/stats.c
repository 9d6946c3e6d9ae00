#include "ui/stats.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/utf8.h"

/* Events stamped before this year come from a clock that is not set yet (a
 * Raspberry Pi has no RTC and may boot in 1970 until NTP answers): they would
 * fill the log with meaningless days, so they are not counted. */
#define STATS_MIN_YEAR 2020
/* Room for STATS_MAX_KEYS keys plus one STATS_OTHER_KEY bucket per kind: the
 * current day's table has this capacity, so counting never allocates. */
#define STATS_DAY_CAP (STATS_MAX_KEYS + STATS_KIND_COUNT)
#define STATS_LOAD_FIRST_CAP 16   /* entries of a loaded day, grown by doubling */
#define STATS_MAX_LOAD_WARNINGS 20 /* bad rows reported one by one, then a summary */
#define STATS_ERR_MAX 512

typedef struct {
    uint8_t kind;
    char key[STATS_KEY_MAX + 1];
    uint32_t count;
    double seconds;
} stats_entry;

typedef struct {
    int32_t date;     /* YYYYMMDD, local time */
    int n;            /* entries used, other buckets included */
    int nkeys;        /* entries used by real keys (<= STATS_MAX_KEYS) */
    int cap;
    bool warned_full; /* the "too many keys" warning was logged for this day */
    stats_entry *e;   /* sorted by (kind name, key) */
} stats_day;

struct stats {
    char *dir;  /* NULL: nothing is written */
    char *path; /* the log file (also set for a read-only stats_load) */
    stats_day *days[STATS_MAX_DAYS]; /* sorted by date, oldest first */
    int ndays;
    stats_day *cur;     /* the day of the last count: full capacity */
    bool dirty;         /* changes not yet written */
    time_t dirty_since; /* time of the first unwritten change */
    int32_t seen_date;  /* day seen by the previous stats_maybe_flush */
    bool flush_failing; /* a failed write was logged; quiet until success */
    bool warned_key, warned_clock, warned_oom;
    int load_warnings;
};

static const char *const kind_names[STATS_KIND_COUNT] = {"scene", "excerpt", "event", "lang",
                                                          "total"};

const char *stats_kind_name(stats_kind kind)
{
    return (unsigned)kind < STATS_KIND_COUNT ? kind_names[kind] : NULL;
}

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

/* ---- keys, dates ---------------------------------------------------- */

static bool key_valid(const char *key)
{
    if (!key)
        return false;
    if (strcmp(key, STATS_OTHER_KEY) == 0)
        return true;
    size_t n = 0;
    for (const char *p = key; *p; p++, n++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
        if (!ok || n >= STATS_KEY_MAX)
            return false;
    }
    return n > 0;
}

/* YYYYMMDD of `now` in local time, or -1 (clock not set, or out of range). */
static int32_t date_of(time_t now)
{
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return -1;
    long y = (long)tm.tm_year + 1900;
    if (y < STATS_MIN_YEAR || y > 9999)
        return -1;
    return (int32_t)(y * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

/* Entry order: kind name, then key, both in byte order (the file's order). */
static int entry_cmp(int kind_a, const char *key_a, int kind_b, const char *key_b)
{
    if (kind_a != kind_b)
        return strcmp(kind_names[kind_a], kind_names[kind_b]);
    return strcmp(key_a, key_b);
}

/* ---- days ----------------------------------------------------------- */

static void day_free(stats_day *d)
{
    if (d) {
        free(d->e);
        free(d);
    }
}

static bool day_reserve(stats_day *d, int cap)
{
    if (d->cap >= cap)
        return true;
    stats_entry *e = realloc(d->e, (size_t)cap * sizeof *e);
    if (!e)
        return false;
    d->e = e;
    d->cap = cap;
    return true;
}

/* A past day keeps only the entries it uses. */
static void day_shrink(stats_day *d)
{
    if (d->n == 0) {
        free(d->e);
        d->e = NULL;
        d->cap = 0;
    } else if (d->n < d->cap) {
        stats_entry *e = realloc(d->e, (size_t)d->n * sizeof *e);
        if (e) {
            d->e = e;
            d->cap = d->n;
        }
    }
}

/* Index of `date` in s->days, or -(insertion point) - 1. */
static int day_search(const stats *s, int32_t date)
{
    int lo = 0, hi = s->ndays;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (s->days[mid]->date < date)
            lo = mid + 1;
        else if (s->days[mid]->date > date)
            hi = mid;
        else
            return mid;
    }
    return -lo - 1;
}

static void day_remove(stats *s, int i)
{
    if (s->days[i] == s->cur)
        s->cur = NULL;
    day_free(s->days[i]);
    memmove(&s->days[i], &s->days[i + 1], (size_t)(s->ndays - i - 1) * sizeof s->days[0]);
    s->ndays--;
}

/* The day `date`, created if needed. With STATS_MAX_DAYS held, the oldest is
 * dropped; a date older than every kept day then has no place (NULL). */
static stats_day *day_get(stats *s, int32_t date)
{
    int i = day_search(s, date);
    if (i >= 0)
        return s->days[i];
    int at = -i - 1;
    if (s->ndays == STATS_MAX_DAYS) {
        if (at == 0)
            return NULL;
        day_remove(s, 0);
        at--;
    }
    stats_day *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->date = date;
    memmove(&s->days[at + 1], &s->days[at], (size_t)(s->ndays - at) * sizeof s->days[0]);
    s->days[at] = d;
    s->ndays++;
    return d;
}

/* Entry (kind, key) of day d, created if needed; *created tells. A day full of
 * keys sends a new key to the kind's STATS_OTHER_KEY bucket (one warning per
 * day). Grows d's table only if it lacks room (never the current day's). */
static stats_entry *entry_get(stats_day *d, int kind, const char *key, bool *created)
{
    *created = false;
    for (int pass = 0; pass < 2; pass++) {
        int lo = 0, hi = d->n;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            int c = entry_cmp(d->e[mid].kind, d->e[mid].key, kind, key);
            if (c < 0)
                lo = mid + 1;
            else if (c > 0)
                hi = mid;
            else
                return &d->e[mid];
        }
        bool other = strcmp(key, STATS_OTHER_KEY) == 0;
        if (!other && d->nkeys >= STATS_MAX_KEYS) {
            if (!d->warned_full) {
                d->warned_full = true;
                LOG_W("stats", "%04d-%02d-%02d has %d distinct keys: further ones count as '%s'",
                      (int)(d->date / 10000), (int)(d->date / 100 % 100), (int)(d->date % 100),
                      STATS_MAX_KEYS, STATS_OTHER_KEY);
            }
            key = STATS_OTHER_KEY;
            continue;
        }
        if (d->n == d->cap) {
            int cap = d->cap ? d->cap * 2 : STATS_LOAD_FIRST_CAP;
            if (cap > STATS_DAY_CAP)
                cap = STATS_DAY_CAP;
            if (!day_reserve(d, cap))
                return NULL;
        }
        memmove(&d->e[lo + 1], &d->e[lo], (size_t)(d->n - lo) * sizeof d->e[0]);
        stats_entry *e = &d->e[lo];
        memset(e, 0, sizeof *e);
        e->kind = (uint8_t)kind;
        snprintf(e->key, sizeof e->key, "%s", key);
        d->n++;
        if (!other)
            d->nkeys++;
        *created = true;
        return e;
    }
    return NULL; /* not reached: the other bucket always finds room */
}

static void add_to(stats_entry *e, uint32_t count, double seconds)
{
    e->count = count > UINT32_MAX - e->count ? UINT32_MAX : e->count + count;
    e->seconds += seconds;
    if (e->seconds > STATS_SECONDS_MAX) /* keeps the file loadable */
        e->seconds = STATS_SECONDS_MAX;
}

/* The table counts go to for `now`: the current day, switched (and its table
 * preallocated) when the date changes. NULL: nowhere to count. */
static stats_day *current_day(stats *s, time_t now)
{
    int32_t date = date_of(now);
    if (date < 0) {
        if (!s->warned_clock) {
            s->warned_clock = true;
            LOG_W("stats", "the clock is not set (before %d): interactions are not counted",
                  STATS_MIN_YEAR);
        }
        return NULL;
    }
    if (s->cur && s->cur->date == date)
        return s->cur;
    stats_day *d = day_get(s, date);
    if (d && !day_reserve(d, STATS_DAY_CAP)) {
        if (!s->warned_oom) {
            s->warned_oom = true;
            LOG_W("stats", "out of memory: interactions are not counted");
        }
        return NULL;
    }
    if (s->cur && s->cur != d) {
        int i = day_search(s, s->cur->date);
        if (s->cur->n == 0 && i >= 0)
            day_remove(s, i); /* an empty day is no day of the log */
        else
            day_shrink(s->cur);
    }
    s->cur = d;
    return d;
}

static void record(stats *s, stats_kind kind, const char *key, uint32_t count, double seconds,
                   time_t now)
{
    if (!s || (unsigned)kind >= STATS_KIND_COUNT)
        return;
    if (!key_valid(key)) {
        if (!s->warned_key) {
            s->warned_key = true;
            LOG_W("stats", "invalid key '%.80s' (expected [a-z0-9-], 1..%d bytes): counted as '%s'",
                  key ? key : "(null)", STATS_KEY_MAX, STATS_OTHER_KEY);
        }
        key = STATS_OTHER_KEY;
    }
    stats_day *d = current_day(s, now);
    if (!d)
        return;
    bool created;
    stats_entry *e = entry_get(d, kind, key, &created);
    if (!e)
        return;
    add_to(e, count, seconds);
    if (!s->dirty) {
        s->dirty = true;
        s->dirty_since = now;
    }
}

void stats_count(stats *s, stats_kind kind, const char *key, time_t now)
{
    record(s, kind, key, 1, 0.0, now);
}

void stats_add_seconds(stats *s, stats_kind kind, const char *key, double seconds, time_t now)
{
    if (!(seconds > 0.0) || !isfinite(seconds))
        return;
    record(s, kind, key, 0, seconds, now);
}

static const stats_entry *find_today(const stats *s, stats_kind kind, const char *key,
                                     time_t now)
{
    if (!s || (unsigned)kind >= STATS_KIND_COUNT || !key)
        return NULL;
    int32_t date = date_of(now);
    int i = date < 0 ? -1 : day_search(s, date);
    if (i < 0)
        return NULL;
    const stats_day *d = s->days[i];
    for (int lo = 0, hi = d->n; lo < hi;) {
        int mid = (lo + hi) / 2;
        int c = entry_cmp(d->e[mid].kind, d->e[mid].key, kind, key);
        if (c == 0)
            return &d->e[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int stats_today(const stats *s, stats_kind kind, const char *key, time_t now)
{
    const stats_entry *e = find_today(s, kind, key, now);
    return !e ? 0 : e->count > INT_MAX ? INT_MAX : (int)e->count;
}

double stats_today_seconds(const stats *s, stats_kind kind, const char *key, time_t now)
{
    const stats_entry *e = find_today(s, kind, key, now);
    return e ? e->seconds : 0.0;
}

int stats_day_count(const stats *s)
{
    int n = 0;
    for (int i = 0; s && i < s->ndays; i++)
        n += s->days[i]->n > 0;
    return n;
}

/* ---- writing -------------------------------------------------------- */

bool stats_write_csv(const stats *s, FILE *out)
{
    if (fprintf(out, "%s\n", STATS_HEADER) < 0)
        return false;
    for (int i = 0; s && i < s->ndays; i++) {
        const stats_day *d = s->days[i];
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
                        (int)(d->date / 100 % 100), (int)(d->date % 100), kind_names[e->kind],
                        e->key, (unsigned long)e->count, secs) < 0)
                return false;
        }
    }
    return !ferror(out);
}

/* Writes path.tmp, syncs it, renames it over path and syncs the directory: a
 * power cut at any point leaves either the old or the new file. A stale
 * .tmp from an earlier crash is simply truncated. */
static bool write_atomic(const stats *s, char *err, size_t errlen)
{
    char *tmp = str_join(s->path, STATS_TMP_SUFFIX, "");
    if (!tmp) {
        log_format_err(err, errlen, "out of memory");
        return false;
    }
    bool ok = false;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        log_format_err(err, errlen, "%s: %s", tmp, strerror(errno));
        if (fd >= 0)
            close(fd);
        goto out;
    }
    bool written = stats_write_csv(s, f) && fflush(f) == 0;
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
    if (rename(tmp, s->path) != 0) {
        log_format_err(err, errlen, "%s: %s", s->path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    /* The rename is durable only once the directory is synced. Some file
     * systems refuse fsync on a directory (EINVAL): the file is in place. */
    int dfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        if (fsync(dfd) != 0 && errno != EINVAL)
            LOG_W("stats", "%s: sync: %s", s->dir, strerror(errno));
        close(dfd);
    }
    ok = true;
out:
    free(tmp);
    return ok;
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
    int32_t today = date_of(now);
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
    char err[STATS_ERR_MAX];
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
        if (strcmp(field[1], kind_names[k]) == 0)
            r->kind = k;
    if (r->kind < 0) {
        log_format_err(msg, msglen, "unknown kind '%.20s'", field[1]);
        return false;
    }
    if (!key_valid(field[2])) {
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
    char msg[STATS_ERR_MAX];
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
            stats_day *d = day_get(s, r.date);
            if (!d) {
                load_warn(s, path, lineno, "older than the days kept, or out of memory: skipped");
            } else {
                bool created;
                stats_entry *e = entry_get(d, r.kind, r.key, &created);
                if (!e) {
                    load_warn(s, path, lineno, "out of memory: row skipped");
                } else {
                    if (!created && strcmp(e->key, r.key) == 0) {
                        snprintf(msg, sizeof msg, "duplicate row for %s,%s: added to the first",
                                 kind_names[r.kind], r.key);
                        load_warn(s, path, lineno, msg);
                    }
                    add_to(e, r.count, r.seconds);
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

static stats *stats_new(void)
{
    stats *s = calloc(1, sizeof *s);
    if (s)
        s->seen_date = -1;
    return s;
}

stats *stats_load(const char *path, char *err, size_t errlen)
{
    stats *s = stats_new();
    if (!s || !(s->path = str_join(path, "", ""))) {
        log_format_err(err, errlen, "out of memory");
        stats_close(s);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        log_format_err(err, errlen, "%s: %s", path, strerror(errno));
        stats_close(s);
        return NULL;
    }
    load_stream(s, f, path);
    fclose(f);
    return s;
}

int stats_load_warnings(const stats *s)
{
    return s ? s->load_warnings : 0;
}

/* Makes dir usable for the log: created if missing (one level). */
static bool dir_ready(const char *dir, char *why, size_t whylen)
{
    struct stat st;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        log_format_err(why, whylen, "cannot create it: %s", strerror(errno));
        return false;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        log_format_err(why, whylen, "not a directory");
        return false;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        log_format_err(why, whylen, "not writable: %s", strerror(errno));
        return false;
    }
    return true;
}

stats *stats_open(const char *dir, time_t now, char *err, size_t errlen)
{
    stats *s = stats_new();
    if (!s) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    s->seen_date = date_of(now);
    char why[STATS_ERR_MAX];
    if (dir && !dir_ready(dir, why, sizeof why)) {
        LOG_W("stats", "state directory '%s': %s; interaction counts are kept in memory only",
              dir, why);
    } else if (dir) {
        s->dir = str_join(dir, "", "");
        s->path = str_join(dir, "/", STATS_FILE_NAME);
        if (!s->dir || !s->path) {
            log_format_err(err, errlen, "out of memory");
            stats_close(s);
            return NULL;
        }
        FILE *f = fopen(s->path, "rb");
        if (f) {
            load_stream(s, f, s->path);
            fclose(f);
            if (s->load_warnings > 0) {
                /* The next write replaces the damaged file: keep it (a hard
                 * link, no copy written to the card) for whoever inspects. */
                char *keep = str_join(s->path, STATS_CORRUPT_SUFFIX, "");
                if (keep) {
                    unlink(keep);
                    if (link(s->path, keep) == 0)
                        LOG_W("stats", "%s: damaged; kept as %s", s->path, keep);
                    free(keep);
                }
            }
        } else if (errno != ENOENT) {
            LOG_W("stats", "%s: %s; starting an empty log", s->path, strerror(errno));
        }
    }
    if (s->seen_date >= 0)
        current_day(s, now); /* preallocate today's table */
    return s;
}

void stats_close(stats *s)
{
    if (!s)
        return;
    char err[STATS_ERR_MAX];
    if (!stats_flush(s, err, sizeof err))
        LOG_W("stats", "cannot write the interaction log: %s", err);
    for (int i = 0; i < s->ndays; i++)
        day_free(s->days[i]);
    free(s->dir);
    free(s->path);
    free(s);
}
