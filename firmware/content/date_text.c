/* date_text: finding a date stated in a text (content/date_text.h). */
#include "content/date_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* One character of the text as read: whitespace dropped, folded. */
typedef struct {
    uint32_t cp;
    size_t b0, b1; /* its bytes in the text */
    bool gap;      /* whitespace stood before it */
} dt_char;

/* A number: characters [c0, c1) of the read text. */
typedef struct {
    long value;
    int digits;
    size_t c0, c1;
} dt_num;

typedef struct {
    dt_char *c;
    size_t n;
    dt_num *num;
    size_t nnum;
} dt_text;

static const char *const month_full[12] = {"January", "February", "March",     "April",
                                           "May",     "June",     "July",      "August",
                                           "September", "October", "November", "December"};
static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static bool is_skipped(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0x3000 || cp == 0x00A0 || (cp >= 0xE000 && cp <= 0xF8FF);
}

static uint32_t fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + 0x21;
    if (cp == 0x3007) /* 〇 */
        return '0';
    return cp;
}

static bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }
static bool is_letter(uint32_t cp) { return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'); }
static bool is_ocr_digit(uint32_t cp)
{
    return cp == 'i' || cp == 'I' || cp == 'l' || cp == 'O' || cp == 'o';
}
static int ocr_value(uint32_t cp) { return cp == 'O' || cp == 'o' ? 0 : 1; }

/* The letter at i belongs to a word (letters not parted by whitespace) made
 * only of OCR digit letters. */
static bool ocr_word(const dt_text *t, size_t i)
{
    size_t a = i, b = i + 1;
    while (a > 0 && is_letter(t->c[a - 1].cp) && !t->c[a].gap)
        a--;
    while (b < t->n && is_letter(t->c[b].cp) && !t->c[b].gap)
        b++;
    for (size_t k = a; k < b; k++)
        if (!is_ocr_digit(t->c[k].cp))
            return false;
    return true;
}

static bool is_unit(uint32_t cp) { return cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5; } /* 年月日 */

static void add_num(dt_text *t, size_t c0, size_t c1, bool ocr)
{
    long v = 0;
    int d = 0;
    for (size_t k = c0; k < c1; k++) {
        uint32_t cp = t->c[k].cp;
        v = v * 10 + (is_digit(cp) ? (long)(cp - '0') : ocr && is_ocr_digit(cp) ? ocr_value(cp) : 0);
        if (++d > 9)
            return; /* no date part is that long */
    }
    t->num[t->nnum++] = (dt_num){v, d, c0, c1};
}

/* Reads the text into characters and numbers. */
static bool dt_read(dt_text *t, const char *s, size_t len)
{
    memset(t, 0, sizeof *t);
    t->c = malloc((len + 1) * sizeof *t->c);
    t->num = malloc((len + 1) * sizeof *t->num);
    if (!t->c || !t->num)
        return false;
    bool gap = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = utf8_next(s + i, len - i, &cp); /* an invalid byte: U+FFFD, a barrier */
        if (is_skipped(cp)) {
            gap = true;
        } else {
            t->c[t->n++] = (dt_char){fold(cp), i, i + l, gap};
            gap = false;
        }
        i += l;
    }
    for (size_t i = 0; i < t->n;) {
        bool dig = is_digit(t->c[i].cp), ocr = is_ocr_digit(t->c[i].cp) && ocr_word(t, i);
        if (!dig && !ocr) {
            i++;
            continue;
        }
        size_t j = i;
        bool real = false, letters = false;
        while (j < t->n && (is_digit(t->c[j].cp) || (is_ocr_digit(t->c[j].cp) && ocr_word(t, j)))) {
            real |= is_digit(t->c[j].cp);
            letters |= !is_digit(t->c[j].cp);
            j++;
        }
        if (real && letters && j < t->n && is_unit(t->c[j].cp) && j - i <= 4) {
            add_num(t, i, j, true); /* "2〇ii年" */
        } else {
            for (size_t k = i; k < j;) { /* only the real digits, each run a number */
                if (!is_digit(t->c[k].cp)) {
                    k++;
                    continue;
                }
                size_t e = k;
                while (e < j && is_digit(t->c[e].cp))
                    e++;
                add_num(t, k, e, false);
                k = e;
            }
        }
        i = j;
    }
    return true;
}

static void dt_free(dt_text *t)
{
    free(t->c);
    free(t->num);
}

static uint32_t cp_at(const dt_text *t, size_t i) { return i < t->n ? t->c[i].cp : 0; }

/* The number starting at character i, or NULL. */
static const dt_num *num_at(const dt_text *t, size_t i)
{
    for (size_t k = 0; k < t->nnum; k++)
        if (t->num[k].c0 == i)
            return &t->num[k];
    return NULL;
}

/* The number ending just before character i, or NULL. */
static const dt_num *num_before(const dt_text *t, size_t i)
{
    for (size_t k = 0; k < t->nnum; k++)
        if (t->num[k].c1 == i)
            return &t->num[k];
    return NULL;
}

/* An English month name (full, "Sept", or three letters) as a whole word at
 * character i; its month (1..12) and the end of the word (with a dot after
 * an abbreviation) in *end. 0 when none. */
static int month_word(const dt_text *t, size_t i, size_t *end)
{
    if (!is_letter(cp_at(t, i)) || (i > 0 && is_letter(t->c[i - 1].cp) && !t->c[i].gap))
        return 0;
    size_t j = i;
    char w[16];
    while (j < t->n && is_letter(t->c[j].cp) && (j == i || !t->c[j].gap) && j - i < sizeof w - 1) {
        w[j - i] = (char)t->c[j].cp;
        j++;
    }
    if (j < t->n && is_letter(t->c[j].cp) && !t->c[j].gap)
        return 0; /* a longer word */
    w[j - i] = '\0';
    for (int m = 0; m < 12; m++) {
        bool full = strcmp(w, month_full[m]) == 0;
        bool abbr = strcmp(w, month_abbr[m]) == 0 || (m == 8 && strcmp(w, "Sept") == 0);
        if (full || abbr) {
            *end = j + (abbr && cp_at(t, j) == '.' ? 1 : 0);
            return m + 1;
        }
    }
    return 0;
}

static bool is_sep(uint32_t cp) { return cp == '-' || cp == '/' || cp == '.'; }

static void mark(date_text_evidence *ev, const dt_text *t, date_text_part p, size_t c0, size_t c1)
{
    ev->found[p] = true;
    ev->start[p] = t->c[c0].b0;
    ev->end[p] = t->c[c1 - 1].b1;
}

/* A month written at character i (Chinese, ISO or English): its value, the
 * characters [*c0, *c1) it takes and where a day after it would start
 * (*next) and in which form (*form: 0 Chinese, 1 ISO, 2 English). */
static int month_at(const dt_text *t, size_t i, size_t *c0, size_t *c1, size_t *next, int *form)
{
    const dt_num *n = num_at(t, i);
    if (n && n->digits <= 2 && n->value >= 1 && n->value <= 12) {
        if (cp_at(t, n->c1) == 0x6708) { /* 月 */
            *c0 = n->c0;
            *c1 = n->c1 + 1;
            *next = *c1;
            *form = 0;
            return (int)n->value;
        }
        if (n->c0 >= 2 && is_sep(t->c[n->c0 - 1].cp)) {
            const dt_num *y = num_before(t, n->c0 - 1);
            if (y && y->digits == 4) {
                *c0 = n->c0;
                *c1 = n->c1;
                *next = n->c1 < t->n && t->c[n->c1].cp == t->c[n->c0 - 1].cp ? n->c1 + 1 : (size_t)-1;
                *form = 1;
                return (int)n->value;
            }
        }
        return 0;
    }
    size_t end;
    int m = month_word(t, i, &end);
    if (m) {
        *c0 = i;
        *c1 = end;
        *next = end;
        *form = 2;
    }
    return m;
}

bool date_text_find(const char *text, size_t len, const bundle_date *d, date_text_evidence *ev)
{
    date_text_evidence local;
    if (!ev)
        ev = &local;
    memset(ev, 0, sizeof *ev);
    dt_text t;
    if (!dt_read(&t, text, len)) {
        dt_free(&t);
        return false;
    }
    for (size_t k = 0; k < t.nnum && !ev->found[DATE_TEXT_YEAR]; k++)
        if (t.num[k].digits == 4 && t.num[k].value == d->year)
            mark(ev, &t, DATE_TEXT_YEAR, t.num[k].c0, t.num[k].c1);
    if (d->precision >= BUNDLE_MONTH) {
        for (size_t i = 0; i < t.n; i++) {
            size_t c0 = 0, c1 = 0, next = 0;
            int form = 0;
            if (month_at(&t, i, &c0, &c1, &next, &form) != d->month)
                continue;
            if (!ev->found[DATE_TEXT_MONTH])
                mark(ev, &t, DATE_TEXT_MONTH, c0, c1);
            if (d->precision < BUNDLE_DAY)
                break;
            /* The day after its month: 9月25日, 2015-09-25, Sept. 25. */
            const dt_num *n = next != (size_t)-1 ? num_at(&t, next) : NULL;
            bool day = n && n->digits <= 2 && n->value == d->day &&
                       (form != 0 || cp_at(&t, n->c1) == 0x65E5 || cp_at(&t, n->c1) == 0x53F7);
            if (!day && form == 2) { /* 25 September */
                const dt_num *b = num_before(&t, c0);
                if (b && b->digits <= 2 && b->value == d->day)
                    n = b, day = true;
            }
            if (day) {
                mark(ev, &t, DATE_TEXT_MONTH, c0, c1);
                mark(ev, &t, DATE_TEXT_DAY, n->c0, form == 0 ? n->c1 + 1 : n->c1);
                break;
            }
        }
    }
    dt_free(&t);
    bool ok = ev->found[DATE_TEXT_YEAR];
    if (d->precision >= BUNDLE_MONTH)
        ok = ok && ev->found[DATE_TEXT_MONTH];
    if (d->precision >= BUNDLE_DAY)
        ok = ok && ev->found[DATE_TEXT_DAY];
    return ok;
}
