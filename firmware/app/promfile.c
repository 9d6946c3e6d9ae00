/* promfile: the kiosk's health as a Prometheus textfile (app/promfile.h). */
#include "app/promfile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/log.h"

typedef struct {
    char *buf;
    size_t len, n;
    bool overflow;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *o, const char *fmt, ...)
{
    if (o->overflow)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(o->buf + o->n, o->len - o->n, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= o->len - o->n)
        o->overflow = true;
    else
        o->n += (size_t)w;
}

/* A label value with \, " and newlines escaped, cut at 200 bytes (on a
 * UTF-8 character boundary). */
static void put_label(out *o, const char *v)
{
    char esc[420];
    size_t k = 0;
    for (size_t i = 0; v[i] && i < 200 && k + 2 < sizeof esc; i++) {
        unsigned char c = (unsigned char)v[i];
        if (i >= 196 && (c & 0xC0) != 0x80 && c >= 0x80)
            break; /* no multi-byte character started at the very end */
        if (c == '\\' || c == '"') {
            esc[k++] = '\\';
            esc[k++] = (char)c;
        } else if (c == '\n') {
            esc[k++] = '\\';
            esc[k++] = 'n';
        } else if (c >= 0x20 || c == '\t') {
            esc[k++] = (char)c;
        }
    }
    while (k > 0 && ((unsigned char)esc[k - 1] & 0xC0) == 0xC0)
        k--; /* a lead byte without its continuation */
    esc[k] = '\0';
    put(o, "%s", esc);
}

/* A name as a label value: lower-case letters, digits, '_' and '-' of the
 * first LOG_MODULE_MAX - 1 bytes, anything else dropped; so whatever the
 * caller passes, the label is one of a bounded set of short names. */
static void put_name(out *o, const char *v)
{
    char name[LOG_MODULE_MAX];
    size_t k = 0;
    for (size_t i = 0; v[i] && i < sizeof name - 1; i++)
        if ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '_' || v[i] == '-')
            name[k++] = v[i];
    name[k] = '\0';
    put(o, "%s", name);
}

static void metric(out *o, const char *name, const char *type, const char *help, double v)
{
    put(o, "# HELP %s %s\n# TYPE %s %s\n%s %.17g\n", name, help, name, type, name, v);
}

size_t promfile_format(const promfile_sample *m, char *buf, size_t len)
{
    out o = {buf, len, 0, false};
    put(&o, "# HELP kiosk_info The bundle shown (1 when one is shown).\n# TYPE kiosk_info gauge\n");
    put(&o, "kiosk_info{bundle=\"");
    put_label(&o, m->bundle_id);
    put(&o, "\",version=\"");
    put_label(&o, m->bundle_version);
    put(&o, "\"} %d\n", m->bundle_id[0] ? 1 : 0);
    metric(&o, "kiosk_uptime_seconds", "gauge", "Seconds since the kiosk started.", m->uptime_s);
    metric(&o, "kiosk_frames_drawn_total", "counter", "Frames drawn since the start.", (double)m->frames_drawn);
    metric(&o, "kiosk_last_frame_timestamp_seconds", "gauge", "Wall clock of the last frame drawn.",
           m->last_frame_unix);
    metric(&o, "kiosk_resident_memory_bytes", "gauge", "Resident memory of the kiosk process.",
           (double)m->rss_bytes);
    metric(&o, "kiosk_open", "gauge", "1 within opening hours, 0 outside.", m->open ? 1 : 0);
    metric(&o, "kiosk_config_errors", "gauge",
           "Errors in the site configuration at the start (each line with one is not applied).",
           m->config_errors);
    metric(&o, "kiosk_errors_total", "counter", "Errors logged since the start.", (double)m->errors);
    put(&o, "# HELP kiosk_last_error_info The module of the last error logged (its message is in the log).\n"
            "# TYPE kiosk_last_error_info gauge\n");
    put(&o, "kiosk_last_error_info{module=\"");
    put_name(&o, m->last_error_module);
    put(&o, "\"} %d\n", m->last_error_module[0] ? 1 : 0);
    metric(&o, "kiosk_updates_installed_total", "counter", "Content updates installed since the start.",
           (double)m->updates_installed);
    metric(&o, "kiosk_updates_refused_total", "counter", "Content updates refused or failed since the start.",
           (double)m->updates_refused);
    put(&o, "# HELP kiosk_today Today's interaction counts.\n# TYPE kiosk_today gauge\n");
    put(&o, "kiosk_today{count=\"sessions\"} %d\nkiosk_today{count=\"touches\"} %d\n", m->sessions_today,
        m->touches_today);
    put(&o, "kiosk_today{count=\"reader\"} %d\nkiosk_today{count=\"timeline\"} %d\n", m->reader_today,
        m->timeline_today);
    return o.overflow ? 0 : o.n;
}

typedef struct {
    const char *text;
    size_t len;
} text_ref;

static bool write_text(FILE *f, void *ctx)
{
    const text_ref *t = ctx;
    return fwrite(t->text, 1, t->len, f) == t->len;
}

bool promfile_write(const char *dir, const promfile_sample *m, char *err, size_t errlen)
{
    char buf[PROMFILE_MAX_BYTES];
    text_ref t = {buf, promfile_format(m, buf, sizeof buf)};
    if (t.len == 0) {
        log_format_err(err, errlen, "metrics: more than %d bytes", PROMFILE_MAX_BYTES);
        return false;
    }
    char *path = file_join(dir, PROMFILE_NAME);
    if (!path) {
        log_format_err(err, errlen, "out of memory");
        return false;
    }
    char why[LOG_ERR_MAX];
    bool ok = file_write_atomic(path, write_text, &t, why, sizeof why);
    if (!ok)
        log_format_err(err, errlen, "%s", why);
    free(path);
    return ok;
}
