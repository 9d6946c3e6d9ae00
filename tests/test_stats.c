/* Interaction log: counting per local day, the write policy (rare, at day
 * change, at close), atomic writes, the bounds on days and keys, tolerant
 * loading of damaged files, round trip, and --stats as a subprocess.
 * Times are injected; nothing here depends on how fast the machine is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "stats/stats.h"
#include "support/subproc.h"
#include "support/scratch.h"

static char err[512];

/* ---- helpers -------------------------------------------------------- */

static void set_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

/* A local time in the current TZ. */
static time_t at(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* A fresh directory path (not created) for one test. */
static const char *fresh_dir(const char *name)
{
    static char path[8][512];
    static int next;
    char *p = path[next++ % 8];
    snprintf(p, 512, "%s/%s", subproc_test_dir(), name);
    subproc_shell("rm -rf '%s'", p);
    return p;
}

static const char *file_in(const char *dir, const char *name)
{
    static char path[4][600];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 600, "%s/%s", dir, name);
    return p;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The whole log as the CSV text. Caller frees. */
static char *csv_of(const stats *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(stats_write_csv(s, f));
    fclose(f);
    return buf;
}

/* Captures what is written to stderr (the log) between begin and end. */
static int saved_stderr = -1;
static char capture_path[600];

static void capture_begin(void)
{
    fflush(stderr);
    snprintf(capture_path, sizeof capture_path, "%s/stderr.txt", subproc_test_dir());
    int fd = open(capture_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    saved_stderr = dup(2);
    dup2(fd, 2);
    close(fd);
}

static char *capture_end(void)
{
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    char *text = subproc_read_file(capture_path, NULL);
    assert_non_null(text);
    return text;
}

static int count_substr(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* On success stats_open leaves err empty, whatever was in it: the kiosk
 * printed a buffer stats_open never wrote as a warning at every start with
 * --state-dir. In memory, with a fresh directory and with a loaded file. */
static void test_open_clears_err(void **state)
{
    (void)state;
    const char *dir = fresh_dir("open-err");
    for (int k = 0; k < 3; k++) {
        memset(err, 'X', sizeof err - 1);
        err[sizeof err - 1] = '\0';
        stats *s = stats_open(k == 0 ? NULL : dir, at(2024, 5, 1, 9, 0), err, sizeof err);
        assert_non_null(s);
        assert_string_equal(err, "");
        stats_count(s, STATS_SCENE, "home", at(2024, 5, 1, 9, 1));
        stats_close(s); /* writes the file the third open loads */
    }
}

/* ---- counting ------------------------------------------------------- */

static void test_count_and_days(void **state)
{
    (void)state;
    stats *s = stats_open(NULL, at(2024, 5, 1, 9, 0), err, sizeof err);
    assert_non_null(s);
    time_t before = at(2024, 5, 1, 23, 59), after = at(2024, 5, 2, 0, 1);
    stats_count(s, STATS_SCENE, "home", before);
    stats_count(s, STATS_SCENE, "home", before);
    stats_count(s, STATS_SCENE, "home", after);
    stats_count(s, STATS_EXCERPT, "us-cn-1-p3", before);
    stats_add_seconds(s, STATS_EXCERPT, "us-cn-1-p3", 30.5, before);
    stats_add_seconds(s, STATS_EXCERPT, "us-cn-1-p3", 12.0, before);
    stats_add_seconds(s, STATS_EXCERPT, "us-cn-1-p3", -5.0, before); /* ignored */
    stats_count(s, STATS_EVENT, "2015-agreement", after);
    stats_count(s, STATS_LANG, STATS_LANG_EN, before);
    stats_count(s, STATS_LANG, STATS_LANG_ZH, after);
    stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, after);
    stats_count(s, STATS_TOTAL, STATS_TOTAL_SESSIONS, after);
    stats_count(s, STATS_SCENE, "home", at(2024, 5, 1, 0, 0)); /* back to day 1 */

    assert_int_equal(stats_today(s, STATS_SCENE, "home", before), 3);
    assert_int_equal(stats_today(s, STATS_SCENE, "home", after), 1);
    assert_int_equal(stats_today(s, STATS_EXCERPT, "us-cn-1-p3", before), 1);
    assert_int_equal(stats_today(s, STATS_EXCERPT, "us-cn-1-p3", after), 0);
    assert_true(stats_today_seconds(s, STATS_EXCERPT, "us-cn-1-p3", before) == 42.5);
    assert_int_equal(stats_today(s, STATS_EVENT, "2015-agreement", before), 0);
    assert_int_equal(stats_today(s, STATS_EVENT, "2015-agreement", after), 1);
    assert_int_equal(stats_today(s, STATS_SCENE, "timeline", after), 0);
    assert_int_equal(stats_today(s, STATS_EVENT, "home", before), 0); /* kinds are separate */
    assert_int_equal(stats_day_count(s), 2);

    char *csv = csv_of(s);
    assert_string_equal(csv, "date,kind,key,count,seconds\n"
                             "2024-05-01,excerpt,us-cn-1-p3,1,42.5\n"
                             "2024-05-01,lang,en,1,0\n"
                             "2024-05-01,scene,home,3,0\n"
                             "2024-05-02,event,2015-agreement,1,0\n"
                             "2024-05-02,lang,zh,1,0\n"
                             "2024-05-02,scene,home,1,0\n"
                             "2024-05-02,total,sessions,1,0\n"
                             "2024-05-02,total,touches,1,0\n");
    free(csv);
    stats_close(s);
    stats_count(NULL, STATS_SCENE, "home", before); /* NULL is a no-op */
    stats_close(NULL);
}

/* The day is the local day of the injected time: with UTC+8, 20:00 UTC is
 * already the next day. */
static void test_local_day(void **state)
{
    (void)state;
    time_t evening_utc = at(2024, 5, 1, 20, 0); /* TZ is UTC here */
    time_t afternoon_utc = at(2024, 5, 1, 15, 0);
    set_tz("CST-8");
    stats *s = stats_open(NULL, evening_utc, err, sizeof err);
    stats_count(s, STATS_SCENE, "home", evening_utc);
    stats_count(s, STATS_SCENE, "timeline", afternoon_utc);
    char *csv = csv_of(s);
    set_tz("UTC0");
    assert_non_null(strstr(csv, "2024-05-02,scene,home,1,0\n"));
    assert_non_null(strstr(csv, "2024-05-01,scene,timeline,1,0\n"));
    free(csv);
    stats_close(s);
}

static void test_clock_not_set(void **state)
{
    (void)state;
    stats *s = stats_open(NULL, 0, err, sizeof err);
    capture_begin();
    stats_count(s, STATS_SCENE, "home", 0);
    stats_count(s, STATS_SCENE, "home", 1000);
    char *log = capture_end();
    assert_int_equal(count_substr(log, "clock is not set"), 1);
    assert_int_equal(stats_day_count(s), 0);
    free(log);
    stats_count(s, STATS_SCENE, "home", at(2024, 5, 1, 12, 0)); /* once NTP answered */
    assert_int_equal(stats_today(s, STATS_SCENE, "home", at(2024, 5, 1, 12, 0)), 1);
    stats_close(s);
}

/* ---- bounds --------------------------------------------------------- */

static void test_days_bound(void **state)
{
    (void)state;
    time_t first = at(2023, 1, 1, 12, 0);
    stats *s = stats_open(NULL, first, err, sizeof err);
    for (int i = 0; i <= STATS_MAX_DAYS; i++)
        stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, at(2023, 1, 1 + i, 12, 0));
    assert_int_equal(stats_day_count(s), STATS_MAX_DAYS);
    assert_int_equal(stats_today(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, first), 0); /* dropped */
    assert_int_equal(stats_today(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, at(2023, 1, 2, 12, 0)), 1);
    assert_int_equal(
        stats_today(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, at(2023, 1, 1 + STATS_MAX_DAYS, 12, 0)),
        1);
    /* A date older than every day kept has no place. */
    stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, first);
    assert_int_equal(stats_today(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, first), 0);
    assert_int_equal(stats_day_count(s), STATS_MAX_DAYS);
    char *csv = csv_of(s);
    assert_int_equal(subproc_count_lines(csv, "touches", NULL), STATS_MAX_DAYS);
    assert_null(strstr(csv, "2023-01-01,"));
    free(csv);
    stats_close(s);
}

static void test_keys_bound(void **state)
{
    (void)state;
    time_t t = at(2024, 5, 1, 12, 0);
    stats *s = stats_open(NULL, t, err, sizeof err);
    char key[32];
    capture_begin();
    for (int i = 0; i < STATS_MAX_KEYS; i++) {
        snprintf(key, sizeof key, "k%d", i);
        stats_count(s, i % 2 ? STATS_EXCERPT : STATS_EVENT, key, t);
    }
    for (int i = 0; i < 3; i++) {
        snprintf(key, sizeof key, "extra%d", i);
        stats_count(s, STATS_EVENT, key, t);
    }
    stats_add_seconds(s, STATS_EXCERPT, "extra-read", 7.0, t);
    stats_count(s, STATS_EXCERPT, "k1", t); /* an existing key still has its slot */
    char *log = capture_end();
    assert_int_equal(count_substr(log, "distinct keys"), 1);
    free(log);
    assert_int_equal(stats_today(s, STATS_EVENT, STATS_OTHER_KEY, t), 3);
    assert_int_equal(stats_today(s, STATS_EVENT, "extra0", t), 0);
    assert_true(stats_today_seconds(s, STATS_EXCERPT, STATS_OTHER_KEY, t) == 7.0);
    assert_int_equal(stats_today(s, STATS_EXCERPT, "k1", t), 2);
    char *csv = csv_of(s);
    assert_int_equal(subproc_count_lines(csv, "2024-05-01,", NULL), STATS_MAX_KEYS + 2);
    free(csv);

    /* Invalid keys (they would break the file) go to the other bucket too. */
    capture_begin();
    stats_count(s, STATS_SCENE, "Bad,Key", t);
    stats_count(s, STATS_SCENE, NULL, t);
    stats_count(s, STATS_SCENE, "", t);
    char longkey[STATS_KEY_MAX + 2];
    memset(longkey, 'a', sizeof longkey - 1);
    longkey[sizeof longkey - 1] = '\0';
    stats_count(s, STATS_SCENE, longkey, t);
    longkey[STATS_KEY_MAX] = '\0'; /* exactly the limit: valid, but the day is full */
    stats_count(s, STATS_SCENE, longkey, t);
    log = capture_end();
    assert_int_equal(count_substr(log, "invalid key"), 1);
    free(log);
    assert_int_equal(stats_today(s, STATS_SCENE, STATS_OTHER_KEY, t), 5);

    /* A new day has room again. */
    time_t next = at(2024, 5, 2, 12, 0);
    stats_count(s, STATS_EVENT, "extra0", next);
    stats_count(s, STATS_SCENE, longkey, next);
    assert_int_equal(stats_today(s, STATS_EVENT, "extra0", next), 1);
    assert_int_equal(stats_today(s, STATS_SCENE, longkey, next), 1);
    stats_close(s);
}

/* ---- writing policy ------------------------------------------------- */

static void test_flush_interval(void **state)
{
    (void)state;
    const char *dir = fresh_dir("interval");
    const char *path = file_in(dir, STATS_FILE_NAME);
    time_t t0 = at(2024, 5, 1, 10, 0);
    stats *s = stats_open(dir, t0, err, sizeof err);
    assert_non_null(s);
    assert_true(exists(dir)); /* created */
    assert_false(stats_maybe_flush(s, t0 + 60)); /* nothing changed */
    stats_count(s, STATS_SCENE, "home", t0 + 100);
    for (time_t t = t0 + 100; t < t0 + 100 + STATS_FLUSH_INTERVAL; t += 1)
        assert_false(stats_maybe_flush(s, t)); /* called every second: no write */
    assert_false(exists(path));
    stats_count(s, STATS_SCENE, "home", t0 + 200); /* does not postpone the write */
    assert_true(stats_maybe_flush(s, t0 + 100 + STATS_FLUSH_INTERVAL));
    char *text = subproc_read_file(path, NULL);
    assert_non_null(text);
    assert_string_equal(text, STATS_HEADER "\n2024-05-01,scene,home,2,0\n");
    free(text);
    assert_false(stats_maybe_flush(s, t0 + 10 * STATS_FLUSH_INTERVAL)); /* clean again */

    /* The next change waits for its own interval. */
    time_t t1 = t0 + 2000;
    stats_count(s, STATS_SCENE, "home", t1);
    assert_false(stats_maybe_flush(s, t1 + STATS_FLUSH_INTERVAL - 1));
    text = subproc_read_file(path, NULL);
    assert_non_null(strstr(text, "home,2,0"));
    free(text);
    /* A clock stepped backwards does not hold the write back. */
    assert_true(stats_maybe_flush(s, t1 - 3600));
    text = subproc_read_file(path, NULL);
    assert_non_null(strstr(text, "home,3,0"));
    free(text);
    stats_close(s);
}

static void test_flush_at_day_change(void **state)
{
    (void)state;
    const char *dir = fresh_dir("daychange");
    const char *path = file_in(dir, STATS_FILE_NAME);
    time_t late = at(2024, 5, 1, 23, 50);
    stats *s = stats_open(dir, late, err, sizeof err);
    stats_count(s, STATS_EVENT, "e1", late);
    assert_false(stats_maybe_flush(s, late + 5 * 60));
    assert_false(exists(path));
    /* 11 minutes after the change, well within the interval, but a new day. */
    stats_count(s, STATS_EVENT, "e1", late + 11 * 60);
    assert_true(stats_maybe_flush(s, late + 11 * 60));
    char *text = subproc_read_file(path, NULL);
    assert_string_equal(text, STATS_HEADER "\n2024-05-01,event,e1,1,0\n"
                                           "2024-05-02,event,e1,1,0\n");
    free(text);
    stats_close(s);
}

static void test_flush_on_close_and_round_trip(void **state)
{
    (void)state;
    const char *dir = fresh_dir("close");
    const char *path = file_in(dir, STATS_FILE_NAME);
    time_t t = at(2024, 6, 30, 15, 0), t2 = at(2024, 7, 1, 9, 30);
    stats *s = stats_open(dir, t, err, sizeof err);
    stats_count(s, STATS_SCENE, "home", t);
    stats_count(s, STATS_EXCERPT, "a-1", t);
    stats_add_seconds(s, STATS_EXCERPT, "a-1", 61.3, t);
    stats_add_seconds(s, STATS_EXCERPT, "a-1", 0.4, t);
    stats_count(s, STATS_LANG, STATS_LANG_ZH, t2);
    stats_count(s, STATS_TOTAL, STATS_TOTAL_SESSIONS, t2);
    stats_add_seconds(s, STATS_TOTAL, STATS_TOTAL_SESSIONS, 125.0, t2);
    char *mem = csv_of(s);
    assert_false(exists(path));
    stats_close(s); /* clean exit writes */
    char *text = subproc_read_file(path, NULL);
    assert_non_null(text);
    assert_string_equal(text, mem);
    assert_non_null(strstr(text, "2024-06-30,excerpt,a-1,1,61.7\n"));

    /* Loaded back, it is the same log, and counting continues from it. */
    s = stats_open(dir, t2, err, sizeof err);
    assert_int_equal(stats_load_warnings(s), 0);
    char *again = csv_of(s);
    assert_string_equal(again, mem);
    assert_int_equal(stats_today(s, STATS_SCENE, "home", t), 1);
    assert_true(stats_today_seconds(s, STATS_EXCERPT, "a-1", t) > 61.69 &&
                stats_today_seconds(s, STATS_EXCERPT, "a-1", t) < 61.71);
    struct stat st1, st2;
    assert_int_equal(stat(path, &st1), 0);
    stats_close(s); /* nothing changed: the file is not rewritten */
    assert_int_equal(stat(path, &st2), 0);
    assert_true(st1.st_ino == st2.st_ino);

    s = stats_open(dir, t2, err, sizeof err);
    stats_count(s, STATS_LANG, STATS_LANG_ZH, t2);
    assert_int_equal(stats_today(s, STATS_LANG, STATS_LANG_ZH, t2), 2);
    assert_true(stats_flush(s, err, sizeof err)); /* explicit flush */
    assert_int_equal(stat(path, &st2), 0);
    assert_true(st1.st_ino != st2.st_ino); /* replaced by rename, not rewritten in place */
    stats_close(s);
    free(text);
    text = subproc_read_file(path, NULL);
    assert_non_null(strstr(text, "2024-07-01,lang,zh,2,0\n"));
    free(text);
    free(mem);
    free(again);
}

/* A .tmp left by a crash during a write is not read, and is replaced. */
static void test_stale_tmp(void **state)
{
    (void)state;
    const char *dir = fresh_dir("staletmp");
    const char *path = file_in(dir, STATS_FILE_NAME);
    const char *tmp = file_in(dir, STATS_FILE_NAME STATS_TMP_SUFFIX);
    assert_int_equal(mkdir(dir, 0755), 0);
    static const char good[] = STATS_HEADER "\n2024-05-01,scene,home,4,0\n";
    static const char torn[] = STATS_HEADER "\n2024-05-01,scene,home,9999,0\n2024-05-0";
    assert_true(scratch_write(path, good, sizeof good - 1));
    assert_true(scratch_write(tmp, torn, sizeof torn - 1));
    time_t t = at(2024, 5, 2, 8, 0);
    capture_begin();
    stats *s = stats_open(dir, t, err, sizeof err);
    char *log = capture_end();
    assert_string_equal(log, "");
    free(log);
    assert_int_equal(stats_today(s, STATS_SCENE, "home", at(2024, 5, 1, 8, 0)), 4);
    stats_count(s, STATS_SCENE, "home", t);
    assert_true(stats_flush(s, err, sizeof err));
    assert_false(exists(tmp));
    stats_close(s);

    /* The written file parses completely, every row kept. */
    capture_begin();
    s = stats_load(path, err, sizeof err);
    log = capture_end();
    assert_non_null(s);
    assert_string_equal(log, "");
    assert_int_equal(stats_load_warnings(s), 0);
    char *csv = csv_of(s);
    char *text = subproc_read_file(path, NULL);
    assert_string_equal(csv, text);
    assert_string_equal(text, STATS_HEADER "\n2024-05-01,scene,home,4,0\n"
                                           "2024-05-02,scene,home,1,0\n");
    free(text);
    free(csv);
    free(log);
    stats_close(s);
}

static void test_write_failure_keeps_counts(void **state)
{
    (void)state;
    const char *dir = fresh_dir("vanish");
    time_t t = at(2024, 5, 1, 10, 0);
    stats *s = stats_open(dir, t, err, sizeof err);
    stats_count(s, STATS_SCENE, "home", t);
    assert_int_equal(rmdir(dir), 0); /* the card's directory disappears */
    err[0] = '\0';
    assert_false(stats_flush(s, err, sizeof err));
    assert_non_null(strstr(err, STATS_FILE_NAME STATS_TMP_SUFFIX));
    capture_begin();
    assert_false(stats_maybe_flush(s, t + STATS_FLUSH_INTERVAL));
    assert_false(stats_maybe_flush(s, t + STATS_FLUSH_INTERVAL + 1)); /* not retried yet */
    assert_false(stats_maybe_flush(s, t + 2 * STATS_FLUSH_INTERVAL)); /* retried, quietly */
    char *log = capture_end();
    assert_int_equal(count_substr(log, "cannot write the interaction log"), 1);
    free(log);
    /* The directory comes back: the counts were kept and are written. */
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_true(stats_maybe_flush(s, t + 3 * STATS_FLUSH_INTERVAL));
    char *text = subproc_read_file(file_in(dir, STATS_FILE_NAME), NULL);
    assert_non_null(strstr(text, "2024-05-01,scene,home,1,0\n"));
    free(text);
    stats_close(s);
}

static void test_state_dir_unusable(void **state)
{
    (void)state;
    const char *base = fresh_dir("notadir");
    assert_true(scratch_write(base, "x", 1)); /* a regular file where a directory is expected */
    const char *dir = file_in(base, "state");
    time_t t = at(2024, 5, 1, 10, 0);
    capture_begin();
    stats *s = stats_open(dir, t, err, sizeof err);
    char *log = capture_end();
    assert_non_null(s);
    assert_int_equal(count_substr(log, "in memory only"), 1);
    assert_non_null(strstr(log, dir));
    free(log);
    stats_count(s, STATS_SCENE, "home", t);
    assert_int_equal(stats_today(s, STATS_SCENE, "home", t), 1);
    assert_false(stats_maybe_flush(s, t + 10 * STATS_FLUSH_INTERVAL));
    assert_true(stats_flush(s, err, sizeof err));
    stats_close(s);
}

/* ---- loading damaged files ------------------------------------------ */

static void test_corrupt_file(void **state)
{
    (void)state;
    const char *dir = fresh_dir("corrupt");
    const char *path = file_in(dir, STATS_FILE_NAME);
    assert_int_equal(mkdir(dir, 0755), 0);
    static const char text[] = STATS_HEADER "\n"                  /* 1 */
                               "2024-05-01,scene,home,3,0\n"      /* 2 */
                               "this is not a row\n"              /* 3 garbage */
                               "2024-05-01,scene,map,many,0\n"    /* 4 bad number */
                               "2024-05-01,scene,map,1,0,extra\n" /* 5 too many fields */
                               "2024-05-01,scene,m\xc3\x28p,1,0\n" /* 6 invalid UTF-8 */
                               "2024-05-01,event,e1,2,1.5\r\n"    /* 7 CRLF: fine */
                               "2024-02-30,scene,home,1,0\n"      /* 8 no such date */
                               "2024-05-01,mood,home,1,0\n"       /* 9 unknown kind */
                               "2024-05-01,scene,Home,1,0\n"      /* 10 bad key */
                               "2024-05-01,scene,home,4294967296,0\n" /* 11 over 32 bits */
                               "2024-05-01,excerpt,a,1,-2\n"      /* 12 negative seconds */
                               "\n"                               /* 13 blank: skipped */
                               "2024-05-01,scene,nul\0,1,0\n"     /* 14 NUL byte */
                               "2024-05-01,scene,home,2,0\n"      /* 15 duplicate: added */
                               "2024-05-02,total,touches,7,0\n"   /* 16 */
                               "2024-05-02,total,sess";           /* 17 truncated */
    assert_true(scratch_write(path, text, sizeof text - 1));
    time_t t = at(2024, 5, 2, 9, 0);
    capture_begin();
    stats *s = stats_open(dir, t, err, sizeof err);
    char *log = capture_end();
    assert_non_null(s);
    static const struct {
        int line;
        const char *msg;
    } expect[] = {
        {3, "expected 5 fields"}, {4, "bad count 'many'"}, {5, "more than 5"},
        {6, "invalid UTF-8"},     {8, "bad date"},         {9, "unknown kind 'mood'"},
        {10, "bad key 'Home'"},   {11, "bad count"},       {12, "bad seconds '-2'"},
        {14, "NUL byte"},         {15, "duplicate row"},   {17, "truncated line"},
    };
    char needle[700];
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        snprintf(needle, sizeof needle, "%s:%d: ", path, expect[i].line);
        const char *at_line = strstr(log, needle);
        if (!at_line)
            fail_msg("no warning for line %d in:\n%s", expect[i].line, log);
        const char *eol = strchr(at_line, '\n');
        const char *m = strstr(at_line, expect[i].msg);
        if (!m || (eol && m > eol))
            fail_msg("line %d: expected '%s' in:\n%s", expect[i].line, expect[i].msg, log);
    }
    for (int line = 1; line <= 17; line++) { /* good lines are not reported */
        if (line == 2 || line == 7 || line == 13 || line == 16) {
            snprintf(needle, sizeof needle, "%s:%d: ", path, line);
            assert_null(strstr(log, needle));
        }
    }
    int n = (int)(sizeof expect / sizeof expect[0]);
    assert_int_equal(stats_load_warnings(s), n);
    assert_non_null(strstr(log, "kept as"));
    free(log);
    assert_true(exists(file_in(dir, STATS_FILE_NAME STATS_CORRUPT_SUFFIX ".1")));

    /* The readable rows are kept. */
    time_t day1 = at(2024, 5, 1, 9, 0);
    assert_int_equal(stats_today(s, STATS_SCENE, "home", day1), 5);
    assert_int_equal(stats_today(s, STATS_EVENT, "e1", day1), 2);
    assert_true(stats_today_seconds(s, STATS_EVENT, "e1", day1) == 1.5);
    assert_int_equal(stats_today(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, t), 7);
    assert_int_equal(stats_today(s, STATS_SCENE, "map", day1), 0);
    char *csv = csv_of(s);
    assert_int_equal(subproc_count_lines(csv, "2024-", NULL), 3);
    free(csv);

    /* The next write leaves a clean file. */
    stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, t);
    stats_close(s);
    capture_begin();
    s = stats_load(path, err, sizeof err);
    log = capture_end();
    assert_string_equal(log, "");
    assert_int_equal(stats_today(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, t), 8);
    free(log);
    stats_close(s);
}

/* Each damaged file is kept (FILE.corrupt.1 the newest), not only the last
 * one, and at most STATS_MAX_CORRUPT of them. */
static void test_damaged_copies_kept(void **state)
{
    (void)state;
    const char *dir = fresh_dir("damaged-copies");
    const char *path = file_in(dir, STATS_FILE_NAME);
    assert_int_equal(mkdir(dir, 0755), 0);
    enum { N = STATS_MAX_CORRUPT + 2 };
    for (int i = 1; i <= N; i++) {
        char text[128];
        int n = snprintf(text, sizeof text, STATS_HEADER "\n2024-05-01,scene,home,%d,0\ndamage %d\n", i, i);
        assert_true(scratch_write(path, text, (size_t)n));
        capture_begin();
        stats *s = stats_open(dir, at(2024, 5, 2, 9, 0), err, sizeof err);
        char *log = capture_end();
        assert_non_null(s);
        assert_non_null(strstr(log, "damaged; kept as"));
        if (i > STATS_MAX_CORRUPT)
            assert_non_null(strstr(log, "at most 5 damaged copies are kept"));
        free(log);
        stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, at(2024, 5, 2, 9, 1));
        stats_close(s); /* the log is rewritten clean */
    }
    for (int k = 1; k <= STATS_MAX_CORRUPT + 1; k++) {
        char name[64], want[64];
        snprintf(name, sizeof name, STATS_FILE_NAME STATS_CORRUPT_SUFFIX ".%d", k);
        char *text = subproc_read_file(file_in(dir, name), NULL);
        if (k > STATS_MAX_CORRUPT) {
            assert_null(text);
            continue;
        }
        assert_non_null(text);
        snprintf(want, sizeof want, "damage %d\n", N + 1 - k); /* .1 is the newest */
        if (!strstr(text, want))
            fail_msg("%s: wanted '%s' in:\n%s", name, want, text);
        free(text);
    }
}

/* A file with more days than the log keeps: the newest are kept, the older
 * ones are moved to the archive with a warning (they were dropped without a
 * word), and the log is rewritten at once; a new day moves the next oldest. */
static void test_more_days_than_kept(void **state)
{
    (void)state;
    const char *dir = fresh_dir("more-days");
    const char *path = file_in(dir, STATS_FILE_NAME);
    const char *archive = file_in(dir, STATS_ARCHIVE_NAME);
    assert_int_equal(mkdir(dir, 0755), 0);
    enum { EXTRA = 10, DAYS = STATS_MAX_DAYS + EXTRA };
    size_t cap = (size_t)DAYS * 64 + 64, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "%s\n", STATS_HEADER);
    for (int i = 0; i < DAYS; i++) {
        time_t t = at(2023, 1, 1 + i, 12, 0);
        struct tm tm;
        localtime_r(&t, &tm);
        char date[16];
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        len += (size_t)snprintf(text + len, cap - len, "%s,total,touches,%d,0\n", date, i + 1);
    }
    assert_true(scratch_write(path, text, len));
    free(text);
    time_t last = at(2023, 1, DAYS, 12, 0);
    capture_begin();
    stats *s = stats_open(dir, last, err, sizeof err);
    char *log = capture_end();
    assert_non_null(s);
    if (!strstr(log, "more than 400 days: the 10 oldest moved to"))
        fail_msg("no warning about the days beyond the limit:\n%s", log);
    free(log);
    assert_int_equal(stats_day_count(s), STATS_MAX_DAYS);
    char *arch = subproc_read_file(archive, NULL);
    assert_non_null(arch);
    assert_int_equal(strncmp(arch, STATS_HEADER "\n2023-01-01,total,touches,1,0\n", strlen(STATS_HEADER) + 30), 0);
    assert_int_equal(subproc_count_lines(arch, ",total,touches,", NULL), EXTRA);
    assert_non_null(strstr(arch, "2023-01-10,total,touches,10,0\n"));
    free(arch);
    /* Rewritten already: loading it again moves nothing. */
    capture_begin();
    stats *again = stats_load(path, err, sizeof err);
    log = capture_end();
    assert_non_null(again);
    assert_string_equal(log, "");
    free(log);
    stats_close(again);
    /* A new day moves the oldest kept one. */
    stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, at(2023, 1, DAYS + 1, 12, 0));
    arch = subproc_read_file(archive, NULL);
    assert_int_equal(subproc_count_lines(arch, ",total,touches,", NULL), EXTRA + 1);
    assert_non_null(strstr(arch, "2023-01-11,total,touches,11,0\n"));
    free(arch);
    stats_close(s);
}

static void test_corrupt_header_and_binary(void **state)
{
    (void)state;
    const char *dir = fresh_dir("binary");
    const char *path = file_in(dir, STATS_FILE_NAME);
    assert_int_equal(mkdir(dir, 0755), 0);

    /* A row where the header should be is kept, with a warning. */
    static const char nohead[] = "2024-05-01,scene,home,3,0\n";
    assert_true(scratch_write(path, nohead, sizeof nohead - 1));
    capture_begin();
    stats *s = stats_load(path, err, sizeof err);
    char *log = capture_end();
    assert_non_null(strstr(log, STATS_FILE_NAME ":1: missing header"));
    assert_int_equal(stats_today(s, STATS_SCENE, "home", at(2024, 5, 1, 9, 0)), 3);
    free(log);
    stats_close(s);

    /* A file of noise (as after a card failure): warnings, bounded, no crash. */
    char noise[20000];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (char)(x >> 16);
    }
    assert_true(scratch_write(path, noise, sizeof noise));
    capture_begin();
    s = stats_load(path, err, sizeof err);
    log = capture_end();
    assert_non_null(s);
    assert_true(stats_load_warnings(s) > 20);
    assert_non_null(strstr(log, "more bad lines not shown"));
    assert_true(subproc_count_lines(log, "[warn]", NULL) <= 22);
    assert_int_equal(stats_day_count(s), 0);
    free(log);
    stats_close(s);

    /* An empty file (or none) is an empty log. */
    assert_true(scratch_write(path, "", 0));
    s = stats_load(path, err, sizeof err);
    assert_int_equal(stats_load_warnings(s), 0);
    assert_int_equal(stats_day_count(s), 0);
    stats_close(s);
    assert_null(stats_load(file_in(dir, "missing.csv"), err, sizeof err));
    assert_non_null(strstr(err, "missing.csv"));
}

/* Counters saturate instead of wrapping; stats_today caps at INT_MAX. */
static void test_saturation(void **state)
{
    (void)state;
    const char *dir = fresh_dir("saturate");
    const char *path = file_in(dir, STATS_FILE_NAME);
    assert_int_equal(mkdir(dir, 0755), 0);
    static const char text[] = STATS_HEADER "\n2024-05-01,total,touches,4294967295,0\n";
    assert_true(scratch_write(path, text, sizeof text - 1));
    time_t t = at(2024, 5, 1, 9, 0);
    stats *s = stats_open(dir, t, err, sizeof err);
    assert_int_equal(stats_load_warnings(s), 0);
    stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, t);
    assert_int_equal(stats_today(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, t), INT_MAX);
    char *csv = csv_of(s);
    assert_non_null(strstr(csv, ",touches,4294967295,0\n"));
    free(csv);
    stats_close(s);
}

/* ---- --stats -------------------------------------------------------- */

static void test_cli(void **state)
{
    (void)state;
    const char *dir = fresh_dir("cli");
    const char *out = file_in(subproc_test_dir(), "cli-out.txt");
    const char *errf = file_in(subproc_test_dir(), "cli-err.txt");
    const char *bin = subproc_kiosk_bin();

    /* Missing directory, then missing file: exit 1 with a message naming it. */
    assert_int_equal(subproc_shell("%s --stats %s >%s 2>%s", bin, dir, out, errf), 1);
    char *e = subproc_read_file(errf, NULL);
    assert_non_null(strstr(e, dir));
    free(e);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(subproc_shell("%s --stats %s >%s 2>%s", bin, dir, out, errf), 1);
    e = subproc_read_file(errf, NULL);
    assert_non_null(strstr(e, STATS_FILE_NAME));
    free(e);

    /* A log written by the module, printed sorted. */
    time_t t = at(2024, 5, 2, 9, 0);
    stats *s = stats_open(dir, t, err, sizeof err);
    stats_count(s, STATS_TOTAL, STATS_TOTAL_TOUCHES, t);
    stats_count(s, STATS_SCENE, "home", t);
    stats_count(s, STATS_SCENE, "home", at(2024, 5, 1, 9, 0));
    char *expected = csv_of(s);
    stats_close(s);
    assert_int_equal(subproc_shell("%s --stats %s >%s 2>%s", bin, dir, out, errf), 0);
    char *o = subproc_read_file(out, NULL);
    assert_string_equal(o, expected);
    free(o);
    free(expected);

    /* A hand-edited, unsorted, damaged file: warnings name FILE:LINE, the
     * readable rows are printed sorted by date, kind, key; exit 0. */
    static const char text[] = STATS_HEADER "\n"
                               "2024-05-02,total,touches,5,0\n"
                               "2024-05-02,scene,timeline,2,0\n"
                               "2024-05-01,scene,home,1,0\n"
                               "2024-05-02,excerpt,a-2,1,30\n"
                               "2024-05-02,scene,home,3,0\n"
                               "garbage\n"
                               "2024-05-01,scene,x,1,1,1\n";
    assert_true(scratch_write(file_in(dir, STATS_FILE_NAME), text, sizeof text - 1));
    assert_int_equal(subproc_shell("%s --stats %s >%s 2>%s", bin, dir, out, errf), 0);
    o = subproc_read_file(out, NULL);
    assert_string_equal(o, STATS_HEADER "\n"
                           "2024-05-01,scene,home,1,0\n"
                           "2024-05-02,excerpt,a-2,1,30\n"
                           "2024-05-02,scene,home,3,0\n"
                           "2024-05-02,scene,timeline,2,0\n"
                           "2024-05-02,total,touches,5,0\n");
    free(o);
    e = subproc_read_file(errf, NULL);
    assert_non_null(strstr(e, STATS_FILE_NAME ":7: "));
    assert_non_null(strstr(e, STATS_FILE_NAME ":8: "));
    assert_int_equal(subproc_count_lines(e, "[warn]", NULL), 2);
    free(e);
    /* Inspecting never writes: no copy of the damaged file, no .tmp. */
    assert_false(exists(file_in(dir, STATS_FILE_NAME STATS_CORRUPT_SUFFIX)));
    assert_false(exists(file_in(dir, STATS_FILE_NAME STATS_TMP_SUFFIX)));
}

int main(void)
{
    set_tz("UTC0");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_clears_err),
        cmocka_unit_test(test_count_and_days),
        cmocka_unit_test(test_local_day),
        cmocka_unit_test(test_clock_not_set),
        cmocka_unit_test(test_days_bound),
        cmocka_unit_test(test_keys_bound),
        cmocka_unit_test(test_flush_interval),
        cmocka_unit_test(test_flush_at_day_change),
        cmocka_unit_test(test_flush_on_close_and_round_trip),
        cmocka_unit_test(test_stale_tmp),
        cmocka_unit_test(test_write_failure_keeps_counts),
        cmocka_unit_test(test_state_dir_unusable),
        cmocka_unit_test(test_corrupt_file),
        cmocka_unit_test(test_damaged_copies_kept),
        cmocka_unit_test(test_more_days_than_kept),
        cmocka_unit_test(test_corrupt_header_and_binary),
        cmocka_unit_test(test_saturation),
        cmocka_unit_test(test_cli),
    };
    int rc = cmocka_run_group_tests_name("stats", tests, NULL, NULL);
    subproc_shell("rm -rf '%s'", subproc_test_dir());
    return rc;
}
