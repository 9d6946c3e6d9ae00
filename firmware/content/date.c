/* date: parsing, formatting and ordering the bundle's dates (content/date.h). */
#include "content/date.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};

bool date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && date_is_leap(year) ? 29 : dm[month - 1];
}

/* n decimal digits at s into *v. */
static bool digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

bool date_parse(const char *s, bundle_date *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    size_t n = strlen(s);
    bool shape = (n == 4 || n == 7 || n == 10) && digits(s, 4, &d->year) &&
                 (n < 7 || (s[4] == '-' && digits(s + 5, 2, &d->month))) &&
                 (n < 10 || (s[7] == '-' && digits(s + 8, 2, &d->day)));
    if (!shape) {
        log_format_err(err, errlen, "'%s' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD", s);
        return false;
    }
    d->precision = n == 4 ? BUNDLE_YEAR : n == 7 ? BUNDLE_MONTH : BUNDLE_DAY;
    if (d->year < BUNDLE_YEAR_MIN || d->year > BUNDLE_YEAR_MAX) {
        log_format_err(err, errlen, "'%s': year %d is outside %d..%d", s, d->year, BUNDLE_YEAR_MIN,
                 BUNDLE_YEAR_MAX);
        return false;
    }
    if (n >= 7 && (d->month < 1 || d->month > 12)) {
        log_format_err(err, errlen, "'%s': month %d is not 1..12", s, d->month);
        return false;
    }
    if (n == 10) {
        int dim = date_days_in_month(d->year, d->month);
        if (d->day < 1 || d->day > dim) {
            log_format_err(err, errlen, "'%s': day %d does not exist (%s %d has %d days)", s, d->day,
                     month_names[d->month - 1], d->year, dim);
            return false;
        }
    }
    return true;
}

void date_format(const bundle_date *d, char *buf, size_t len)
{
    if (d->precision == BUNDLE_YEAR)
        snprintf(buf, len, "%04d", d->year);
    else if (d->precision == BUNDLE_MONTH)
        snprintf(buf, len, "%04d-%02d", d->year, d->month);
    else
        snprintf(buf, len, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/* One number per date in timeline order: a missing month or day is 0, before
 * every real one. */
static long date_key(const bundle_date *d)
{
    return ((long)d->year * 13 + d->month) * 32 + d->day;
}

int date_cmp(const bundle_date *a, const bundle_date *b)
{
    long ka = date_key(a), kb = date_key(b);
    return ka < kb ? -1 : ka > kb;
}

bundle_date date_first_day(const bundle_date *d)
{
    return (bundle_date){d->year, d->month ? d->month : 1, d->day ? d->day : 1, BUNDLE_DAY};
}

bundle_date date_last_day(const bundle_date *d)
{
    int m = d->month ? d->month : 12;
    return (bundle_date){d->year, m, d->day ? d->day : date_days_in_month(d->year, m),
                         BUNDLE_DAY};
}

/* One date in words at its precision; `year` false leaves the year out (the
 * first half of a span within one year). */
static void display_one(const bundle_date *d, bundle_lang lang, bool year, char *buf, size_t len)
{
    if (lang == BUNDLE_ZH) {
        char y[16] = "";
        if (year)
            snprintf(y, sizeof y, "%d年", d->year);
        if (d->precision == BUNDLE_YEAR)
            snprintf(buf, len, "%s", y);
        else if (d->precision == BUNDLE_MONTH)
            snprintf(buf, len, "%s%d月", y, d->month);
        else
            snprintf(buf, len, "%s%d月%d日", y, d->month, d->day);
    } else {
        char y[16] = "";
        if (year)
            snprintf(y, sizeof y, "%s%d", d->precision == BUNDLE_YEAR ? "" : " ", d->year);
        if (d->precision == BUNDLE_YEAR)
            snprintf(buf, len, "%s", y);
        else if (d->precision == BUNDLE_MONTH)
            snprintf(buf, len, "%s%s", month_names[d->month - 1], y);
        else
            snprintf(buf, len, "%d %s%s", d->day, month_names[d->month - 1], y);
    }
}

void date_display(bundle_when_kind when, const bundle_date *d, const bundle_date *to,
                  bundle_lang lang, char *buf, size_t len)
{
    char a[48], b[48];
    if (when == BUNDLE_WHEN_AFTER) {
        display_one(d, lang, true, a, sizeof a);
        snprintf(buf, len, lang == BUNDLE_ZH ? "%s后" : "after %s", a);
    } else if (when == BUNDLE_WHEN_SPAN) {
        bool one_year = d->year == to->year && d->precision == to->precision &&
                        d->precision != BUNDLE_YEAR;
        if (lang == BUNDLE_ZH && d->precision == BUNDLE_YEAR && to->precision == BUNDLE_YEAR) {
            snprintf(buf, len, "%d—%d年", d->year, to->year);
        } else if (one_year && lang == BUNDLE_ZH) {
            display_one(d, lang, true, a, sizeof a);
            display_one(to, lang, false, b, sizeof b);
            snprintf(buf, len, "%s—%s", a, b);
        } else if (one_year) {
            display_one(d, lang, false, a, sizeof a);
            display_one(to, lang, true, b, sizeof b);
            snprintf(buf, len, "%s–%s", a, b);
        } else {
            display_one(d, lang, true, a, sizeof a);
            display_one(to, lang, true, b, sizeof b);
            bool short_form = d->precision == BUNDLE_YEAR && to->precision == BUNDLE_YEAR;
            snprintf(buf, len, lang == BUNDLE_ZH ? "%s—%s" : short_form ? "%s–%s" : "%s – %s", a,
                     b);
        }
    } else {
        display_one(d, lang, true, buf, len);
    }
}

void date_format_when(bundle_when_kind when, const bundle_date *d, const bundle_date *to,
                      char *buf, size_t len)
{
    char a[16], b[16];
    date_format(d, a, sizeof a);
    if (when == BUNDLE_WHEN_AFTER) {
        snprintf(buf, len, "after %s", a);
    } else if (when == BUNDLE_WHEN_SPAN) {
        date_format(to, b, sizeof b);
        snprintf(buf, len, "%s..%s", a, b);
    } else {
        snprintf(buf, len, "%s", a);
    }
}

int date_when_cmp(bundle_when_kind wa, const bundle_date *a, bundle_when_kind wb,
                  const bundle_date *b)
{
    int c = date_cmp(a, b);
    if (c != 0)
        return c;
    return (wa == BUNDLE_WHEN_AFTER) - (wb == BUNDLE_WHEN_AFTER);
}
