/* timescale: the timeline's compressed axis (content/timescale.h). */
#include "content/timescale.h"

#include <math.h>
#include <string.h>

#include "content/date.h"

double timescale_year_of(const bundle_date *d)
{
    switch (d->precision) {
    case BUNDLE_YEAR:
        return d->year + 0.5;
    case BUNDLE_MONTH:
        return d->year + (d->month - 0.5) / 12.0;
    case BUNDLE_DAY:
        return d->year + (d->month - 1 + (d->day - 0.5) / date_days_in_month(d->year, d->month)) / 12.0;
    }
    return d->year;
}

double timescale_date_start(const bundle_date *d)
{
    bundle_date f = date_first_day(d);
    return f.year + (f.month - 1 + (f.day - 1.0) / date_days_in_month(f.year, f.month)) / 12.0;
}

double timescale_date_end(const bundle_date *d)
{
    bundle_date l = date_last_day(d);
    return l.year + (l.month - 1 + (double)l.day / date_days_in_month(l.year, l.month)) / 12.0;
}

double timescale_event_year(const bundle_event *e)
{
    switch (e->when) {
    case BUNDLE_WHEN_AFTER:
        return timescale_date_end(&e->date) + 0.5 / 12.0;
    case BUNDLE_WHEN_SPAN:
        return (timescale_date_start(&e->date) + timescale_date_end(&e->date_to)) / 2;
    case BUNDLE_WHEN_ON:
        break;
    }
    return timescale_year_of(&e->date);
}

void timescale_build(timescale *ts, const bundle *b, int first_year, int last_year)
{
    memset(ts, 0, sizeof *ts);
    if (last_year < first_year)
        last_year = first_year;
    if (last_year - first_year + 1 > TIMESCALE_MAX_YEARS)
        last_year = first_year + TIMESCALE_MAX_YEARS - 1;
    ts->first_year = first_year;
    ts->last_year = last_year;
    int n = last_year - first_year + 1;
    for (size_t i = 0; b && i < b->event_count; i++) {
        int y = (int)floor(timescale_event_year(&b->events[i]));
        if (y >= first_year && y <= last_year)
            ts->events[y - first_year]++;
    }
    ts->start[0] = 0;
    for (int i = 0; i < n; i++) {
        int e = ts->events[i] < TIMESCALE_EVENT_CAP ? ts->events[i] : TIMESCALE_EVENT_CAP;
        ts->start[i + 1] = ts->start[i] + TIMESCALE_EMPTY_YEAR + TIMESCALE_PER_EVENT * e;
    }
}

double timescale_total(const timescale *ts) { return ts->start[ts->last_year - ts->first_year + 1]; }

double timescale_units(const timescale *ts, double year)
{
    int n = ts->last_year - ts->first_year + 1;
    double f = year - ts->first_year;
    if (f <= 0)
        return 0;
    if (f >= n)
        return ts->start[n];
    int i = (int)floor(f);
    return ts->start[i] + (f - i) * (ts->start[i + 1] - ts->start[i]);
}

double timescale_year_at(const timescale *ts, double units)
{
    int n = ts->last_year - ts->first_year + 1;
    if (units <= 0)
        return ts->first_year;
    if (units >= ts->start[n])
        return ts->last_year + 1;
    int lo = 0, hi = n; /* start[lo] <= units < start[hi] */
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (ts->start[mid] <= units)
            lo = mid;
        else
            hi = mid;
    }
    double w = ts->start[lo + 1] - ts->start[lo];
    return ts->first_year + lo + (w > 0 ? (units - ts->start[lo]) / w : 0);
}

double timescale_year_start(const timescale *ts, int year)
{
    return timescale_units(ts, (double)year);
}

double timescale_widest_year(const timescale *ts)
{
    double best = 0;
    for (int i = 0; i <= ts->last_year - ts->first_year; i++)
        if (ts->start[i + 1] - ts->start[i] > best)
            best = ts->start[i + 1] - ts->start[i];
    return best;
}
