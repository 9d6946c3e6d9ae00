#include "app/hours.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

static const char *const hours_days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

void hours_always(hours_schedule *h)
{
    memset(h, 0, sizeof *h);
    h->always = true;
}

/* Monday-based weekday of a struct tm (tm_wday counts from Sunday). */
static int weekday(const struct tm *tm) { return (tm->tm_wday + 6) % 7; }

static int day_index(const char *s, size_t n)
{
    for (int d = 0; d < 7; d++)
        if (n == 3 && strncmp(s, hours_days[d], 3) == 0)
            return d;
    return -1;
}

/* "HH:MM" (exactly five characters) as minutes, 0..1440. */
static int parse_time(const char *s, size_t n)
{
    if (n != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int hh = (s[0] - '0') * 10 + (s[1] - '0'), mm = (s[3] - '0') * 10 + (s[4] - '0');
    if (mm > 59 || hh > 24 || (hh == 24 && mm != 0))
        return -1;
    return hh * 60 + mm;
}

/* Next whitespace-separated word of [*p, end): its start and length. */
static bool next_word(const char **p, const char *end, const char **w, size_t *n)
{
    while (*p < end && (**p == ' ' || **p == '\t'))
        (*p)++;
    if (*p >= end)
        return false;
    *w = *p;
    while (*p < end && **p != ' ' && **p != '\t')
        (*p)++;
    *n = (size_t)(*p - *w);
    return true;
}

/* One entry "DAYS TIMES..." or "DAYS closed" of length n. */
static bool parse_entry(hours_schedule *h, bool named[7], const char *s, size_t n, char *err, size_t errlen)
{
    const char *p = s, *end = s + n, *w;
    size_t wn;
    int quoted = n > 60 ? 60 : (int)n;
    if (!next_word(&p, end, &w, &wn)) {
        log_format_err(err, errlen, "empty entry (two commas, or a comma at the end)");
        return false;
    }
    const char *dash = memchr(w, '-', wn);
    int d0 = day_index(w, dash ? (size_t)(dash - w) : wn);
    int d1 = dash ? day_index(dash + 1, wn - (size_t)(dash + 1 - w)) : d0;
    if (d0 < 0 || d1 < 0) {
        log_format_err(err, errlen, "'%.*s': expected a day or days (mon..sun, e.g. mon-fri), got '%.*s'", quoted, s,
                 (int)(wn > 40 ? 40 : wn), w);
        return false;
    }
    hours_span spans[HOURS_MAX_SPANS];
    int ns = 0;
    bool closed = false, any = false;
    while (next_word(&p, end, &w, &wn)) {
        any = true;
        if (wn == 6 && strncmp(w, "closed", 6) == 0 && ns == 0 && !closed) {
            closed = true;
            continue;
        }
        const char *t = memchr(w, '-', wn);
        int a = t ? parse_time(w, (size_t)(t - w)) : -1;
        int b = t ? parse_time(t + 1, wn - (size_t)(t + 1 - w)) : -1;
        if (closed || a < 0 || b < 0) {
            log_format_err(err, errlen, "'%.*s': expected HH:MM-HH:MM (00:00 to 24:00) or 'closed', got '%.*s'",
                     quoted, s, (int)(wn > 40 ? 40 : wn), w);
            return false;
        }
        if (b <= a) {
            log_format_err(err, errlen, "'%.*s': %.*s closes before it opens (a span cannot cross midnight)", quoted,
                     s, (int)wn, w);
            return false;
        }
        if (ns > 0 && a < spans[ns - 1].close) {
            log_format_err(err, errlen, "'%.*s': %.*s overlaps or precedes the span before it", quoted, s, (int)wn, w);
            return false;
        }
        if (ns == HOURS_MAX_SPANS) {
            log_format_err(err, errlen, "'%.*s': more than %d spans a day", quoted, s, HOURS_MAX_SPANS);
            return false;
        }
        spans[ns].open = (short)a;
        spans[ns].close = (short)b;
        ns++;
    }
    if (!any) {
        log_format_err(err, errlen, "'%.*s': expected times (HH:MM-HH:MM) or 'closed' after the days", quoted, s);
        return false;
    }
    for (int d = d0;; d = (d + 1) % 7) {
        if (named[d]) {
            log_format_err(err, errlen, "'%.*s': %s is already given", quoted, s, hours_days[d]);
            return false;
        }
        named[d] = true;
        h->n[d] = ns;
        memcpy(h->span[d], spans, sizeof spans);
        if (d == d1)
            break;
    }
    return true;
}

bool hours_parse(hours_schedule *out, const char *text, char *err, size_t errlen)
{
    hours_schedule h;
    memset(&h, 0, sizeof h);
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t len = strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    if (len == 6 && strncmp(p, "always", 6) == 0) {
        hours_always(out);
        return true;
    }
    if (len == 0) {
        log_format_err(err, errlen, "no hours given (e.g. 'mon-fri 09:00-18:00', or 'always')");
        return false;
    }
    bool named[7] = {false};
    const char *end = p + len;
    while (p <= end) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        size_t n = c ? (size_t)(c - p) : (size_t)(end - p);
        if (!parse_entry(&h, named, p, n, err, errlen))
            return false;
        p += n + 1;
        if (!c)
            break;
    }
    *out = h;
    return true;
}

bool hours_open_at(const hours_schedule *h, time_t t)
{
    if (h->always)
        return true;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return true; /* no calendar for t: never dark by mistake */
    int d = weekday(&tm), m = tm.tm_hour * 60 + tm.tm_min;
    for (int i = 0; i < h->n[d]; i++)
        if (m >= h->span[d][i].open && m < h->span[d][i].close)
            return true;
    return false;
}

/* The wall time of minute `m` of the day `days` after t's local day. */
static time_t at_minute(const struct tm *base, int days, int m)
{
    struct tm tm = *base;
    tm.tm_mday += days;
    tm.tm_hour = m / 60;
    tm.tm_min = m % 60;
    tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

time_t hours_next_change(const hours_schedule *h, time_t t)
{
    if (h->always)
        return HOURS_NEVER;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return HOURS_NEVER;
    bool now_open = hours_open_at(h, t);
    time_t best = HOURS_NEVER;
    for (int k = 0; k <= 8; k++) {
        int d = (weekday(&tm) + k) % 7;
        for (int i = 0; i < h->n[d]; i++) {
            for (int e = 0; e < 2; e++) {
                time_t c = at_minute(&tm, k, e ? h->span[d][i].close : h->span[d][i].open);
                if (c > t && (best == HOURS_NEVER || c < best) && hours_open_at(h, c) != now_open)
                    best = c;
            }
        }
        if (best != HOURS_NEVER)
            return best;
    }
    return best;
}
