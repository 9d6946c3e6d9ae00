/* timescale: the timeline's horizontal axis, with empty decades compressed.
 *
 * Every year of the axis gets a width in abstract "units":
 *     TIMESCALE_EMPTY_YEAR + TIMESCALE_PER_EVENT * min(events that year, TIMESCALE_EVENT_CAP)
 * so 1972-2008, with two events in 37 years, takes less room than 2015 alone,
 * while dates inside a year stay in order and proportional. The screen maps
 * units to pixels with one scale (zoom) and one scroll offset; both live in
 * the timeline scene. No SDL, no allocation after timescale_build().
 *
 * Dates are placed at the middle of what they say: a year-precision event at
 * mid-year, a month-precision one at mid-month. An event known only to be
 * after a date sits just past that date (the screens draw it as a bound), one
 * over a span at the span's middle (drawn as a bar across it). */
#ifndef CONTENT_TIMESCALE_H
#define CONTENT_TIMESCALE_H

#include "content/model.h"

#define TIMESCALE_MAX_YEARS 200
#define TIMESCALE_EMPTY_YEAR 0.22
#define TIMESCALE_PER_EVENT 1.0
#define TIMESCALE_EVENT_CAP 6

typedef struct {
    int first_year, last_year;          /* inclusive */
    double start[TIMESCALE_MAX_YEARS + 1]; /* units at the start of each year; [n] = total */
    int events[TIMESCALE_MAX_YEARS];    /* events counted in each year */
} timescale;

/* Builds the axis from first_year to last_year (inclusive, clamped to
 * TIMESCALE_MAX_YEARS years) weighting years by the bundle's events. */
void timescale_build(timescale *ts, const bundle *b, int first_year, int last_year);

/* Total width in units. */
double timescale_total(const timescale *ts);

/* Fractional year of a date, at the middle of its precision. */
double timescale_year_of(const bundle_date *d);

/* Where an event sits, as a fractional year: ON at the middle of its date,
 * AFTER half a month past the last day of its bound (an honest "just after":
 * the article gives nothing later), SPAN at the middle of the span. The axis
 * counts the event in the year this falls in. */
double timescale_event_year(const bundle_event *e);

/* The first and the end of the days a date covers, as fractional years (the
 * ends of a SPAN's bar). */
double timescale_date_start(const bundle_date *d);
double timescale_date_end(const bundle_date *d);

/* Units of a fractional year (clamped to the axis). */
double timescale_units(const timescale *ts, double year);

/* Fractional year at a position in units (clamped to the axis). */
double timescale_year_at(const timescale *ts, double units);

/* Units of the start of a whole year. */
double timescale_year_start(const timescale *ts, int year);

/* Width in units of the busiest year (for the "year detail" zoom). */
double timescale_widest_year(const timescale *ts);

#endif
