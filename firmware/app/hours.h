/* hours: the exhibit's opening hours, per weekday, in local time.
 *
 * Written as in the config file (app/config.h), comma-separated entries of
 * days and times:
 *     mon-fri 09:00-18:00, sat 10:00-16:00, sun closed
 *     tue-sun 10:00-13:00 14:00-18:00
 *     always
 * A day is mon..sun, a range mon-fri (it may wrap: fri-mon); times are HH:MM,
 * 00:00 to 24:00, each span's close after its open (no span across
 * midnight: write the next day's part as its own span), spans of one day
 * in order and not overlapping. A day not named is closed; a day named
 * twice is an error. "always" (the default without a schedule) never closes.
 *
 * Times are local (localtime_r, TZ), so a change to or from summer time
 * moves nothing on the wall clock. libc only; no global state. */
#ifndef APP_HOURS_H
#define APP_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define HOURS_MAX_SPANS 4  /* spans a day */
#define HOURS_NEVER ((time_t)-1)

typedef struct {
    short open, close; /* minutes since local midnight, open < close <= 1440 */
} hours_span;

typedef struct {
    bool always;                              /* open at every hour */
    int n[7];                                 /* spans a day; 0 = mon .. 6 = sun */
    hours_span span[7][HOURS_MAX_SPANS];
} hours_schedule;

/* The default: open at every hour. */
void hours_always(hours_schedule *h);

/* Parses `text` into *h. On error returns false, *h unchanged, with one
 * line in err naming the entry ("'sat 10:00-25:00': bad time '25:00'"). */
bool hours_parse(hours_schedule *h, const char *text, char *err, size_t errlen);

/* Open at wall time t? */
bool hours_open_at(const hours_schedule *h, time_t t);

/* The first wall time after t at which hours_open_at changes, looking up
 * to 8 days ahead; HOURS_NEVER when it never does (always, or no day open). */
time_t hours_next_change(const hours_schedule *h, time_t t);

#endif
