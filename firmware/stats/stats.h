/* stats: the exhibit's anonymous interaction log, counted per local day.
 *
 * What is counted (no personal data: only which content was used, and how
 * often): scene visits by scene name, excerpts read by excerpt id (with the
 * seconds spent reading, accumulated), timeline events opened by event id,
 * language switches (key "zh" or "en") and named totals ("touches",
 * "sessions"; a session is a visitor's stretch from leaving the attract loop
 * to returning to it, decided by the caller).
 *
 * Time: every call takes the caller's wall-clock `time_t now`; the module
 * never reads the clock itself, so tests inject times. The day of an event is
 * localtime_r(now): the kiosk's TZ setting decides where midnight is.
 *
 * Bounds, so the log never grows without limit:
 *   - keys are [a-z0-9-], 1..STATS_KEY_MAX bytes (bundle ids);
 *   - a day holds at most STATS_MAX_KEYS distinct keys; beyond it (and for an
 *     invalid key) the counts go to the kind's STATS_OTHER_KEY bucket, and one
 *     warning is logged per day;
 *   - at most STATS_MAX_DAYS days are kept in the log; a new day moves the
 *     oldest to STATS_ARCHIVE_NAME in the same directory (appended, same
 *     format; nothing is lost, and the log itself stays small);
 *   - counters are 32-bit and saturate instead of wrapping.
 *
 * Persistence: one text file STATS_FILE_NAME in the state directory, a header
 * line then one row per (date, kind, key):
 *     date,kind,key,count,seconds
 *     2024-05-01,excerpt,us-cn-1-p3,4,95.5
 * date is YYYY-MM-DD (local), kind one of the names below, count a decimal
 * integer, seconds a decimal with at most one fractional digit. Rows are
 * sorted by date, then kind name, then key (byte order). The file is written
 * rarely because SD cards wear out (see stats_maybe_flush) and atomically
 * (temporary file, fsync, rename, fsync of the directory): after a power cut
 * the file is the old or the new one, never a torn one.
 *
 * Not thread-safe (the kiosk is single-threaded).
 *
 * Implementation: stats/stats.c counts in memory, stats/stats_file.c owns the file
 * (writing through core/fileio's atomic write); they share
 * stats/stats_private.h. */
#ifndef STATS_STATS_H
#define STATS_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define STATS_FILE_NAME "interactions.csv"
#define STATS_TMP_SUFFIX ".tmp"          /* the file being written */
#define STATS_CORRUPT_SUFFIX ".corrupt"  /* copies of a file that loaded with errors: */
#define STATS_MAX_CORRUPT 5              /* FILE.corrupt.1 (newest) .. FILE.corrupt.5 */
#define STATS_ARCHIVE_NAME "interactions-archive.csv" /* days beyond STATS_MAX_DAYS */
#define STATS_HEADER "date,kind,key,count,seconds"

#define STATS_KEY_MAX 64          /* longest key in bytes (bundle id limit) */
#define STATS_MAX_KEYS 512        /* distinct keys per day, STATS_OTHER_KEY excluded */
#define STATS_MAX_DAYS 400        /* days kept; a little more than a year */
#define STATS_FLUSH_INTERVAL 900  /* seconds: longest time a change stays unwritten */
#define STATS_LINE_MAX 256        /* longest row accepted when loading */
#define STATS_SECONDS_MAX 1e9     /* larger values in a file are corrupt */

/* Bucket of the counts that found no slot of their own. Not a valid bundle id
 * (parentheses), so it never collides with a real key. */
#define STATS_OTHER_KEY "(other)"

/* Keys of STATS_LANG and STATS_TOTAL. */
#define STATS_LANG_ZH "zh"
#define STATS_LANG_EN "en"
#define STATS_TOTAL_TOUCHES "touches"
#define STATS_TOTAL_SESSIONS "sessions"

typedef enum {
    STATS_SCENE,   /* "scene":   scene visits, key = scene name */
    STATS_EXCERPT, /* "excerpt": excerpts read, key = excerpt id; seconds = reading time */
    STATS_EVENT,   /* "event":   timeline events opened, key = event id */
    STATS_LANG,    /* "lang":    language switches, key = the language switched to */
    STATS_TOTAL,   /* "total":   named totals, key = "touches", "sessions", ... */
    STATS_KIND_COUNT
} stats_kind;

typedef struct stats stats;

/* The kind's name in the file ("scene", ...), or NULL for an invalid kind. */
const char *stats_kind_name(stats_kind kind);

/* Opens the log kept in directory `dir` (NULL: in memory only, nothing is
 * ever written). A missing directory is created (one level); if that fails,
 * or it is not a writable directory, the log stays in memory and one warning
 * is logged. An existing file is loaded: bad rows are reported as warnings
 * "FILE:LINE: message" and skipped, the readable rows are kept (a hard link
 * to the damaged file is kept as FILE.corrupt.1 for inspection, earlier
 * copies shifted to .2 and on, at most STATS_MAX_CORRUPT). A file with more
 * than STATS_MAX_DAYS days keeps the newest; the older ones are moved to the
 * archive at once, with a warning. `now` is the
 * time of opening. Returns NULL only when memory runs out (message in err);
 * otherwise err is "" (problems with the directory or the file are logged
 * here, not returned). Caller closes with stats_close. */
stats *stats_open(const char *dir, time_t now, char *err, size_t errlen);

/* Loads one log file read-only, for inspection (--stats): nothing is ever
 * written. Bad rows are warnings as for stats_open. Returns NULL with a
 * message in err when the file cannot be opened or memory runs out.
 * Caller closes with stats_close. */
stats *stats_load(const char *path, char *err, size_t errlen);

/* Number of warnings stats_open/stats_load logged about the file's rows. */
int stats_load_warnings(const stats *s);

/* Adds one to (day of now, kind, key). No allocation unless `now` falls on a
 * different day than the previous call (the day's table is preallocated).
 * NULL s is a no-op; an invalid key counts in STATS_OTHER_KEY. */
void stats_count(stats *s, stats_kind kind, const char *key, time_t now);

/* Adds `seconds` (>= 0; others ignored) to (day of now, kind, key) without
 * touching its count. Same rules as stats_count. */
void stats_add_seconds(stats *s, stats_kind kind, const char *key, double seconds, time_t now);

/* Called by the main loop (e.g. once a second): writes the file when there
 * are unwritten changes and either STATS_FLUSH_INTERVAL has passed since the
 * first of them, or the day of `now` differs from the day seen at the
 * previous call (day change), or the clock went backwards. Returns true when
 * it wrote. A failed write is logged (once until a write succeeds) and
 * retried after the interval. NULL s or an in-memory log: returns false. */
bool stats_maybe_flush(stats *s, time_t now);

/* Writes the file now if anything changed since the last write (clean exit,
 * operator request). Returns false with a message in err if the write failed;
 * the previous file is then intact. In memory or unchanged: returns true. */
bool stats_flush(stats *s, char *err, size_t errlen);

/* Flushes (logging a failure) and frees. NULL is a no-op. */
void stats_close(stats *s);

/* Count of (day of now, kind, key), for the operator menu; 0 if none. Counts
 * above INT_MAX are reported as INT_MAX. */
int stats_today(const stats *s, stats_kind kind, const char *key, time_t now);

/* Accumulated seconds of (day of now, kind, key); 0 if none. */
double stats_today_seconds(const stats *s, stats_kind kind, const char *key, time_t now);

/* Number of days held (<= STATS_MAX_DAYS). */
int stats_day_count(const stats *s);

/* Writes the whole log in the file format above (header included), sorted.
 * Returns false on a write error. */
bool stats_write_csv(const stats *s, FILE *out);

#endif
