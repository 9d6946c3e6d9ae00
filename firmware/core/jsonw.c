#include "core/jsonw.h"

#include <math.h>
#include <string.h>

static void put(jsonw *w, const char *s, size_t n)
{
    if (w->file) {
        fwrite(s, 1, n, w->file);
        return;
    }
    if (w->overflow)
        return;
    if (w->len + n + 1 > w->cap) {
        w->overflow = true;
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static void puts_(jsonw *w, const char *s) { put(w, s, strlen(s)); }

/* Separator before a value or key at the current depth. */
static void sep(jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (!w->first[w->depth - 1])
            put(w, ",", 1);
        w->first[w->depth - 1] = false;
    }
}

static void init_common(jsonw *w)
{
    w->len = 0;
    w->overflow = false;
    w->depth = 0;
    w->after_key = false;
}

void jsonw_init_file(jsonw *w, FILE *f)
{
    w->file = f;
    w->buf = NULL;
    w->cap = 0;
    init_common(w);
}

void jsonw_init_buf(jsonw *w, char *buf, size_t cap)
{
    w->file = NULL;
    w->buf = buf;
    w->cap = cap;
    init_common(w);
    if (cap > 0)
        buf[0] = '\0';
}

static void open_(jsonw *w, char c)
{
    sep(w);
    put(w, &c, 1);
    if (w->depth < JSONW_MAX_DEPTH)
        w->first[w->depth] = true;
    w->depth++;
}

static void close_(jsonw *w, char c)
{
    if (w->depth > 0)
        w->depth--;
    put(w, &c, 1);
}

void jsonw_obj_begin(jsonw *w) { open_(w, '{'); }
void jsonw_obj_end(jsonw *w) { close_(w, '}'); }
void jsonw_arr_begin(jsonw *w) { open_(w, '['); }
void jsonw_arr_end(jsonw *w) { close_(w, ']'); }

static void escaped(jsonw *w, const char *s, size_t n)
{
    put(w, "\"", 1);
    size_t run = 0; /* bytes copied verbatim in one put */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char hex[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (c < 0x20) {
                snprintf(hex, sizeof hex, "\\u%04x", c);
                esc = hex;
            }
        }
        if (esc) {
            put(w, s + i - run, run);
            run = 0;
            puts_(w, esc);
        } else {
            run++;
        }
    }
    put(w, s + n - run, run);
    put(w, "\"", 1);
}

void jsonw_key(jsonw *w, const char *key)
{
    sep(w);
    escaped(w, key, strlen(key));
    put(w, ":", 1);
    w->after_key = true;
}

void jsonw_strn(jsonw *w, const char *s, size_t n)
{
    sep(w);
    escaped(w, s, n);
}

void jsonw_str(jsonw *w, const char *s)
{
    if (!s) {
        jsonw_null(w);
        return;
    }
    jsonw_strn(w, s, strlen(s));
}

void jsonw_int(jsonw *w, long long v)
{
    char tmp[32];
    sep(w);
    snprintf(tmp, sizeof tmp, "%lld", v);
    puts_(w, tmp);
}

void jsonw_fixed(jsonw *w, double v, int decimals)
{
    char tmp[64];
    sep(w);
    if (!isfinite(v)) { /* JSON has no NaN or infinity */
        puts_(w, "null");
        return;
    }
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    puts_(w, tmp);
}

void jsonw_bool(jsonw *w, bool v)
{
    sep(w);
    puts_(w, v ? "true" : "false");
}

void jsonw_null(jsonw *w)
{
    sep(w);
    puts_(w, "null");
}

void jsonw_raw(jsonw *w, const char *json)
{
    sep(w);
    puts_(w, json);
}
