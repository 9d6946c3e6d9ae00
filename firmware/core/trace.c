#include "core/trace.h"
#include "core/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct trace {
    FILE *f;
    bool owns;
    int write_errno; /* first failed write (-1: failed, errno unknown); 0: none */
    char path[256];
    bool open_line;
    double time;
    const char *event;
    jsonw w;
    char line[TRACE_LINE_MAX];
};

static trace *make(FILE *f, bool owns)
{
    trace *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->f = f;
    t->owns = owns;
    return t;
}

trace *trace_open(const char *path, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0)
        return make(stdout, false);
    FILE *f = fopen(path, "w");
    if (!f) {
        log_format_err(err, errlen, "%s: cannot write trace: %s", path, strerror(errno));
        return NULL;
    }
    trace *t = make(f, true);
    if (!t) {
        fclose(f);
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(t->path, sizeof t->path, "%s", path);
    return t;
}

trace *trace_open_stream(FILE *f) { return make(f, false); }

static void note_write(trace *t, bool ok)
{
    if (!ok && t->write_errno == 0)
        t->write_errno = errno ? errno : -1;
}

bool trace_finish(trace *t, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!t)
        return true;
    errno = 0;
    note_write(t, fflush(t->f) == 0);
    if (t->owns) {
        errno = 0;
        note_write(t, fclose(t->f) == 0);
    }
    bool ok = t->write_errno == 0;
    if (!ok && err)
        log_format_err(err, errlen, "%s: cannot write trace: %s", t->path[0] ? t->path : "stdout",
                 t->write_errno > 0 ? strerror(t->write_errno) : "write error");
    free(t);
    return ok;
}

void trace_close(trace *t) { trace_finish(t, NULL, 0); }

jsonw *trace_begin(trace *t, double time, const char *event)
{
    if (!t)
        return NULL;
    t->open_line = true;
    t->time = time;
    t->event = event;
    jsonw_init_buf(&t->w, t->line, sizeof t->line);
    jsonw_obj_begin(&t->w);
    jsonw_key(&t->w, "t");
    jsonw_fixed(&t->w, time, 3);
    jsonw_key(&t->w, "event");
    jsonw_str(&t->w, event);
    return &t->w;
}

void trace_end(trace *t)
{
    if (!t || !t->open_line)
        return;
    t->open_line = false;
    jsonw_obj_end(&t->w);
    if (t->write_errno)
        return; /* the first failure is what trace_finish reports */
    errno = 0;
    bool ok;
    if (t->w.overflow) {
        ok = fprintf(t->f, "{\"t\":%.3f,\"event\":\"trace_overflow\",\"dropped\":\"%s\"}\n", t->time,
                     t->event) > 0;
    } else {
        ok = fputs(t->line, t->f) != EOF && fputc('\n', t->f) != EOF;
    }
    note_write(t, ok && fflush(t->f) == 0);
}

void trace_event(trace *t, double time, const char *event)
{
    if (trace_begin(t, time, event))
        trace_end(t);
}

void trace_event_str(trace *t, double time, const char *event, const char *key, const char *val)
{
    jsonw *w = trace_begin(t, time, event);
    if (!w)
        return;
    jsonw_key(w, key);
    jsonw_str(w, val);
    trace_end(t);
}
