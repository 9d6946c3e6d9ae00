/* date: the bundle's dates, written "YYYY", "YYYY-MM" or "YYYY-MM-DD" and
 * held as a bundle_date (content/model.h) whose precision says which parts
 * were given.
 *
 * Parsing refuses anything but a real calendar date with a year in
 * BUNDLE_YEAR_MIN..BUNDLE_YEAR_MAX and says why; formatting writes a date
 * back exactly at its precision. The timeline order puts a coarser date
 * before the finer dates inside it (2015 < 2015-01 < 2015-01-01), and a date
 * covers a span of days (2008 covers 2008-01-01..2008-12-31), which is what
 * eras are compared by. Gregorian calendar; no allocation, no global state. */
#ifndef CONTENT_DATE_H
#define CONTENT_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "content/model.h"

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date, year
 * BUNDLE_YEAR_MIN..MAX) into *d. On failure returns false with the reason in
 * err, e.g. "'2015-02-30': day 30 does not exist (February 2015 has 28 days)". */
bool date_parse(const char *s, bundle_date *d, char *err, size_t errlen);

/* Formats a date back at its precision ("2015", "2015-09", "2015-09-25");
 * 16 bytes are enough. */
void date_format(const bundle_date *d, char *buf, size_t len);

/* <0, 0, >0 comparing dates as the timeline orders them: by year, month and
 * day, a part not given counting as before any given one, so a coarser date
 * sorts before the finer dates inside it (2015 < 2015-01 < 2015-01-01). */
int date_cmp(const bundle_date *a, const bundle_date *b);

/* The first and the last day a date covers, at day precision: 2008 covers
 * 2008-01-01..2008-12-31, 2016-02 covers 2016-02-01..2016-02-29, a day
 * covers itself. Compare them with date_cmp. */
bundle_date date_first_day(const bundle_date *d);
bundle_date date_last_day(const bundle_date *d);

/* An event's date as a visitor reads it, in `lang`, at its precision:
 *   ON     "2015年9月25日"       "25 September 2015"
 *   AFTER  "2017年10月4日后"     "after 4 October 2017"
 *   SPAN   "2016—2017年"         "2016–2017"  (same precision and year: "2016年3—5月",
 *                                             "March–May 2016"; otherwise both in full)
 * `to` is read for SPAN only. 96 bytes are enough. */
void date_display(bundle_when_kind when, const bundle_date *d, const bundle_date *to,
                  bundle_lang lang, char *buf, size_t len);

/* The form a curator writes and --export prints: "2015-09-25", "after 2017-10-04",
 * "2016..2017". 40 bytes are enough. */
void date_format_when(bundle_when_kind when, const bundle_date *d, const bundle_date *to,
                      char *buf, size_t len);

/* Timeline order of two events' dates: by `date` (date_cmp); at the same
 * date an AFTER date comes after the others. */
int date_when_cmp(bundle_when_kind wa, const bundle_date *a, bundle_when_kind wb,
                  const bundle_date *b);

/* True for a leap year of the Gregorian calendar. */
bool date_is_leap(int year);

/* Days in `month` (1..12) of `year`; 0 for any other month. */
int date_days_in_month(int year, int month);

#endif
