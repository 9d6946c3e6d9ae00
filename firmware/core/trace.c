#include "core/trace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct trace {
    FILE *f;
    bool owns;
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
        snprintf(err, errlen, "%s: cannot write trace: %s", path, strerror(errno));
        return NULL;
    }
    trace *t = make(f, true);
    if (!t) {
        fclose(f);
        snprintf(err, errlen, "out of memory");
    }
    return t;
}

trace *trace_open_stream(FILE *f) { return make(f, false); }

void trace_close(trace *t)
{
    if (!t)
        return;
    if (t->owns)
        fclose(t->f);
    else
        fflush(t->f);
    free(t);
}

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
    if (t->w.overflow) {
        fprintf(t->f, "{\"t\":%.3f,\"event\":\"trace_overflow\",\"dropped\":\"%s\"}\n", t->time,
                t->event);
    } else {
        fputs(t->line, t->f);
        fputc('\n', t->f);
    }
    fflush(t->f);
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
