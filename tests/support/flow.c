#include "support/flow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/golden.h"
#include "support/subproc.h"
#include "support/scratch.h"

#define FLOW_GOLDEN_TOLERANCE 24
#define FLOW_GOLDEN_FRACTION 0.003

void flow_add(flow_script *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->text + s->len, sizeof s->text - s->len - 1, fmt, ap);
    va_end(ap);
    if (n < 0 || s->len + (size_t)n + 2 >= sizeof s->text)
        fail_msg("flow script too long");
    s->len += (size_t)n;
    s->text[s->len++] = '\n';
    s->text[s->len] = '\0';
}

double flow_f12_pin(flow_script *s, double t)
{
    flow_add(s, "%.3f key f12", t);
    for (int i = 0; FLOW_PIN[i]; i++) {
        t += 0.1;
        flow_add(s, "%.3f key %c", t, FLOW_PIN[i]);
    }
    return t;
}

void flow_run(flow_trace *t, const char *size, long frames, const char *extra, const flow_script *s)
{
    static int runs;
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "%s/flow%d", subproc_test_dir(), ++runs);
    subproc_shell("mkdir -p %s", t->dir);
    char path[600];
    snprintf(path, sizeof path, "%s/script.txt", t->dir);
    assert_true(scratch_write_text(path, s ? s->text : ""));
    t->status = subproc_shell("SOURCE_DATE_EPOCH=%s %s --headless --size %s --frames %ld --script %s "
                          "--trace %s/trace.jsonl --shot-dir %s %s 2>%s/stderr.txt",
                          FLOW_EPOCH, subproc_kiosk_bin(), size, frames, path, t->dir, t->dir,
                          extra ? extra : "", t->dir);
    snprintf(path, sizeof path, "%s/trace.jsonl", t->dir);
    char *text = subproc_read_file(path, NULL);
    if (!text)
        fail_msg("no trace from the run in %s (exit %d)", t->dir, t->status);
    size_t cap = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *ev = cJSON_Parse(line);
        if (!ev)
            fail_msg("%s: a trace line is not JSON: %.200s", path, line);
        if (t->n == cap) {
            cap = cap ? cap * 2 : 256;
            t->ev = realloc(t->ev, cap * sizeof *t->ev);
        }
        t->ev[t->n++] = ev;
    }
    free(text);
}

void flow_free(flow_trace *t)
{
    for (size_t i = 0; i < t->n; i++)
        cJSON_Delete(t->ev[i]);
    free(t->ev);
    t->ev = NULL;
    t->n = 0;
}

const char *flow_str(const cJSON *ev, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

double flow_num(const cJSON *ev, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static bool matches(const cJSON *ev, const char *event, const char *key, const char *val)
{
    const char *e = flow_str(ev, "event");
    if (!e || strcmp(e, event) != 0)
        return false;
    if (!key)
        return true;
    const char *v = flow_str(ev, key);
    return v && strcmp(v, val) == 0;
}

int flow_count(const flow_trace *t, const char *event, const char *key, const char *val)
{
    int n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += matches(t->ev[i], event, key, val);
    return n;
}

const cJSON *flow_first(const flow_trace *t, const char *event, const char *key, const char *val)
{
    for (size_t i = 0; i < t->n; i++)
        if (matches(t->ev[i], event, key, val))
            return t->ev[i];
    return NULL;
}

const cJSON *flow_last(const flow_trace *t, const char *event, const char *key, const char *val)
{
    for (size_t i = t->n; i-- > 0;)
        if (matches(t->ev[i], event, key, val))
            return t->ev[i];
    return NULL;
}

bool flow_find_target(const flow_trace *t, const char *scene, const char *id, double *x, double *y,
                      double *w, double *h)
{
    const cJSON *ev = flow_last(t, "targets", "scene", scene);
    if (!ev)
        return false;
    const cJSON *tg;
    cJSON_ArrayForEach(tg, cJSON_GetObjectItemCaseSensitive(ev, "targets"))
    {
        const char *tid = flow_str(tg, "id");
        if (tid && strcmp(tid, id) == 0) {
            *x = flow_num(tg, "x");
            *y = flow_num(tg, "y");
            *w = flow_num(tg, "w");
            *h = flow_num(tg, "h");
            return true;
        }
    }
    return false;
}

void flow_target(const flow_trace *t, const char *scene, const char *id, int *x, int *y)
{
    double tx, ty, tw, th;
    if (!flow_find_target(t, scene, id, &tx, &ty, &tw, &th))
        fail_msg("no target '%s' in the last targets of scene '%s' (run in %s)", id, scene, t->dir);
    *x = (int)(tx + tw / 2);
    *y = (int)(ty + th / 2);
}

void flow_tap_target(flow_script *s, flow_runner *run, const char *size, long frames, const char *extra,
                     const char *scene, const char *id, double t)
{
    flow_trace tr;
    run(&tr, size, frames, extra, s);
    int x, y;
    flow_target(&tr, scene, id, &x, &y);
    flow_free(&tr);
    flow_add(s, "%.3f tap %d %d", t, x, y);
}

const char *flow_scenes(const flow_trace *t, char *buf, size_t len)
{
    buf[0] = '\0';
    for (size_t i = 0; i < t->n; i++) {
        if (!matches(t->ev[i], "scene", NULL, NULL))
            continue;
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, "%s%s", n ? ">" : "", flow_str(t->ev[i], "name"));
    }
    return buf;
}

void flow_golden(const flow_trace *t, const char *name, const char *golden)
{
    char path[700], msg[600];
    snprintf(path, sizeof path, "%s/%s.png", t->dir, name);
    if (!golden_check_png(path, golden, FLOW_GOLDEN_TOLERANCE, FLOW_GOLDEN_FRACTION, msg, sizeof msg))
        fail_msg("%s: %s", path, msg);
}

/* Appends the taps that open event `id` on the timeline, from time t: one on
 * its marker, or first one on the cluster that holds it (a tapped cluster
 * zooms in) for as long as the label pass gathers it. Returns the time of
 * the tap on the marker. `extra`: more kiosk options (or NULL); `shot` (or
 * NULL): a screenshot just before it. */
double flow_tap_event(flow_script *s, const char *size, double t, const char *id, const char *extra, const char *shot)
{
    for (int round = 0; round < 4; round++, t += 1.5) {
        flow_trace tr;
        flow_run(&tr, size, (long)(t * 60), extra, s);
        double x, y, w, h;
        if (flow_find_target(&tr, "timeline", id, &x, &y, &w, &h)) {
            flow_free(&tr);
            if (shot)
                flow_add(s, "%.3f shot %s", t - 0.2, shot);
            flow_add(s, "%.3f tap %d %d", t, (int)(x + w / 2), (int)(y + h / 2));
            return t;
        }
        const cJSON *l = flow_last(&tr, "labels", NULL, NULL), *box = NULL, *b;
        assert_non_null(l);
        cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(l, "boxes"))
        {
            const cJSON *m;
            cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(b, "members"))
            if (cJSON_IsString(m) && strcmp(m->valuestring, id) == 0)
                box = b;
        }
        if (!box)
            fail_msg("event %s is neither a marker nor in a cluster (run in %s)", id, tr.dir);
        flow_add(s, "%.3f tap %d %d", t, (int)(flow_num(box, "x") + flow_num(box, "w") / 2),
                 (int)(flow_num(box, "y") + flow_num(box, "h") / 2));
        flow_free(&tr);
    }
    fail_msg("event %s still in a cluster after three taps", id);
    return t;
}
