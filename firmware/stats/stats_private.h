/* stats_private: what the two halves of the interaction log share, for
 * stats/stats.c (counting in memory) and stats/stats_file.c (the CSV file). Not for
 * any other module: the public API is stats/stats.h.
 *
 * Ownership: a stats owns its days, each day owns its entry table, and dir
 * and path are owned copies. The day of the last count (`cur`) has the full
 * STATS_DAY_CAP capacity, so counting never allocates within a day. */
#ifndef STATS_STATS_PRIVATE_H
#define STATS_STATS_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "stats/stats.h"

/* Events stamped before this year come from a clock that is not set yet (a
 * Raspberry Pi has no RTC and may boot in 1970 until NTP answers): they would
 * fill the log with meaningless days, so they are not counted. */
#define STATS_MIN_YEAR 2020
/* Room for STATS_MAX_KEYS keys plus one STATS_OTHER_KEY bucket per kind: the
 * current day's table has this capacity, so counting never allocates. */
#define STATS_DAY_CAP (STATS_MAX_KEYS + STATS_KIND_COUNT)
#define STATS_LOAD_FIRST_CAP 16   /* entries of a loaded day, grown by doubling */

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
    bool loading;      /* inside stats_open/stats_load: archived days are summed up */
    int archived_days; /* days moved out by the current load */
    bool archive_failing; /* a failed archive write was logged */
};

/* Day d is about to be dropped (STATS_MAX_DAYS held): appends its rows to
 * STATS_ARCHIVE_NAME in the log's directory (nothing for a log without one)
 * and counts it in archived_days. A failure is logged (once). */
void stats_archive_day(stats *s, const stats_day *d);

/* An empty log (no days, no file), or NULL when out of memory. */
stats *stats_new(void);

/* Frees the days and the log itself, writing nothing. NULL is a no-op. */
void stats_free(stats *s);

/* A valid key: [a-z0-9-], 1..STATS_KEY_MAX bytes, or STATS_OTHER_KEY. */
bool stats_key_valid(const char *key);

/* YYYYMMDD of `now` in local time, or -1 (clock not set, or out of range). */
int32_t stats_date_of(time_t now);

/* The day `date`, created if needed. With STATS_MAX_DAYS held, the oldest is
 * dropped; a date older than every kept day then has no place (NULL). NULL
 * also when out of memory. */
stats_day *stats_day_get(stats *s, int32_t date);

/* Entry (kind, key) of day d, created if needed; *created tells. A day full of
 * keys sends a new key to the kind's STATS_OTHER_KEY bucket (one warning per
 * day). Grows d's table only if it lacks room (never the current day's).
 * NULL when out of memory. */
stats_entry *stats_entry_get(stats_day *d, int kind, const char *key, bool *created);

/* Adds to an entry's count (saturating) and seconds (capped at
 * STATS_SECONDS_MAX, which keeps the file loadable). */
void stats_entry_add(stats_entry *e, uint32_t count, double seconds);

/* The table counts go to for `now`: the current day, switched (and its table
 * preallocated) when the date changes. NULL: nowhere to count. */
stats_day *stats_current_day(stats *s, time_t now);

#endif
