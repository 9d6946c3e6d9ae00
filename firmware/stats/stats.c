/* stats: the interaction log's counting in memory: days, their entries and
 * keys, the bounds on both, and today's counts for the operator menu. The
 * file (format, loading, writing, when to write) is stats/stats_file.c; both
 * share stats/stats_private.h. */
#include "stats/stats.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "stats/stats_private.h"

static const char *const kind_names[STATS_KIND_COUNT] = {"scene", "excerpt", "event", "lang",
                                                          "total"};

const char *stats_kind_name(stats_kind kind)
{
    return (unsigned)kind < STATS_KIND_COUNT ? kind_names[kind] : NULL;
}

/* ---- keys, dates ---------------------------------------------------- */

bool stats_key_valid(const char *key)
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
int32_t stats_date_of(time_t now)
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
 * moved to the archive; a date older than every kept day then has no place
 * (NULL). */
stats_day *stats_day_get(stats *s, int32_t date)
{
    int i = day_search(s, date);
    if (i >= 0)
        return s->days[i];
    int at = -i - 1;
    if (s->ndays == STATS_MAX_DAYS) {
        if (at == 0)
            return NULL;
        stats_archive_day(s, s->days[0]);
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
stats_entry *stats_entry_get(stats_day *d, int kind, const char *key, bool *created)
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

void stats_entry_add(stats_entry *e, uint32_t count, double seconds)
{
    e->count = count > UINT32_MAX - e->count ? UINT32_MAX : e->count + count;
    e->seconds += seconds;
    if (e->seconds > STATS_SECONDS_MAX) /* keeps the file loadable */
        e->seconds = STATS_SECONDS_MAX;
}

/* The table counts go to for `now`: the current day, switched (and its table
 * preallocated) when the date changes. NULL: nowhere to count. */
stats_day *stats_current_day(stats *s, time_t now)
{
    int32_t date = stats_date_of(now);
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
    stats_day *d = stats_day_get(s, date);
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
    if (!stats_key_valid(key)) {
        if (!s->warned_key) {
            s->warned_key = true;
            LOG_W("stats", "invalid key '%.80s' (expected [a-z0-9-], 1..%d bytes): counted as '%s'",
                  key ? key : "(null)", STATS_KEY_MAX, STATS_OTHER_KEY);
        }
        key = STATS_OTHER_KEY;
    }
    stats_day *d = stats_current_day(s, now);
    if (!d)
        return;
    bool created;
    stats_entry *e = stats_entry_get(d, kind, key, &created);
    if (!e)
        return;
    stats_entry_add(e, count, seconds);
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
    int32_t date = stats_date_of(now);
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

stats *stats_new(void)
{
    stats *s = calloc(1, sizeof *s);
    if (s)
        s->seen_date = -1;
    return s;
}

void stats_free(stats *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->ndays; i++)
        day_free(s->days[i]);
    free(s->dir);
    free(s->path);
    free(s);
}
