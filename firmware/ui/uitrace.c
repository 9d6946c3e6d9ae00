#include "ui/uitrace.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void uitrace_str(trace *tr, double t, const char *event, const char *key, const char *val)
{
    trace_event_str(tr, t, event, key, val);
}

void uitrace_start(trace *tr, const char *driver, const char *renderer, const char *fonts, int w, int h, int rotate,
                   bool headless, float px_per_mm)
{
    jsonw *j = trace_begin(tr, 0.0, "start");
    if (!j)
        return;
    jsonw_key(j, "driver");
    jsonw_str(j, driver);
    jsonw_key(j, "renderer");
    jsonw_str(j, renderer);
    jsonw_key(j, "fonts");
    jsonw_str(j, fonts);
    jsonw_key(j, "w");
    jsonw_int(j, w);
    jsonw_key(j, "h");
    jsonw_int(j, h);
    jsonw_key(j, "rotate");
    jsonw_int(j, rotate);
    jsonw_key(j, "headless");
    jsonw_bool(j, headless);
    jsonw_key(j, "px_per_mm");
    jsonw_fixed(j, px_per_mm, 2);
    trace_end(tr);
}

/* Every diagnostic, errors first then warnings, one a line, as many whole
 * lines as fit in len. */
static void diag_text(const diag_list *diags, char *text, size_t len)
{
    size_t used = 0;
    text[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < diags->count; i++) {
            const diag *d = &diags->items[i];
            if ((pass == 0) != (d->severity == DIAG_ERROR))
                continue;
            char line[DIAG_MAX_MESSAGE + 256];
            diag_format(d, line, sizeof line);
            if (used + strlen(line) + 2 < len)
                used += (size_t)snprintf(text + used, len - used, "%s\n", line);
        }
    }
}

void uitrace_bundle(trace *tr, double t, const char *dir, const char *result, const bundle *b,
                    const diag_list *diags)
{
    jsonw *j = trace_begin(tr, t, "bundle");
    if (!j)
        return;
    jsonw_key(j, "dir");
    jsonw_str(j, dir);
    jsonw_key(j, "result");
    jsonw_str(j, result);
    if (b) {
        jsonw_key(j, "id");
        jsonw_str(j, b->manifest.id);
        jsonw_key(j, "version");
        jsonw_str(j, b->manifest.version);
        jsonw_key(j, "title");
        jsonw_str(j, b->manifest.title.s[BUNDLE_ZH]);
        jsonw_key(j, "excerpts");
        jsonw_int(j, (long long)b->excerpt_count);
        jsonw_key(j, "events");
        jsonw_int(j, (long long)b->event_count);
    }
    if (diags) {
        static char text[UITRACE_MESSAGE_MAX]; /* a refused bundle is rare: not on the stack */
        diag_text(diags, text, sizeof text);
        jsonw_key(j, "message");
        jsonw_str(j, text);
    }
    trace_end(tr);
}

void uitrace_rotate(trace *tr, double t, int rotate, int w, int h)
{
    jsonw *j = trace_begin(tr, t, "rotate");
    if (!j)
        return;
    jsonw_key(j, "rotate");
    jsonw_int(j, rotate);
    jsonw_key(j, "w");
    jsonw_int(j, w);
    jsonw_key(j, "h");
    jsonw_int(j, h);
    trace_end(tr);
}

void uitrace_shot(trace *tr, double t, const char *file, unsigned long frames, unsigned long renders,
                  unsigned long layouts)
{
    jsonw *j = trace_begin(tr, t, "shot");
    if (!j)
        return;
    jsonw_key(j, "file");
    jsonw_str(j, file);
    /* Two shots tell whether every frame between them was drawn (a fling)
     * or none was (a still page); layouts stay still while nothing new is read. */
    jsonw_key(j, "frame");
    jsonw_int(j, (long long)frames);
    jsonw_key(j, "renders");
    jsonw_int(j, (long long)renders);
    jsonw_key(j, "layouts");
    jsonw_int(j, (long long)layouts);
    trace_end(tr);
}

void uitrace_quit(trace *tr, double t, const uitrace_counts *c)
{
    jsonw *j = trace_begin(tr, t, "quit");
    if (!j)
        return;
    jsonw_key(j, "frames");
    jsonw_int(j, (long long)c->frames);
    jsonw_key(j, "renders");
    jsonw_int(j, (long long)c->renders);
    jsonw_key(j, "layouts");
    jsonw_int(j, (long long)c->layouts);
    jsonw_key(j, "atlas_pages");
    jsonw_int(j, c->atlas_pages);
    jsonw_key(j, "atlas_glyphs");
    jsonw_int(j, (long long)c->atlas_glyphs);
    jsonw_key(j, "atlas_evictions");
    jsonw_int(j, (long long)c->atlas_evictions);
    trace_end(tr);
}

void uitrace_input(trace *tr, const input_event *ev)
{
    static const char *const names[] = {"down", "move", "up", "key", "cancel"};
    if (ev->type == INPUT_MOVE)
        return;
    jsonw *j = trace_begin(tr, ev->t, ev->type == INPUT_KEY ? "key" : "touch");
    if (!j)
        return;
    if (ev->type == INPUT_KEY) {
        jsonw_key(j, "name");
        jsonw_str(j, ev->key);
    } else {
        jsonw_key(j, "phase");
        jsonw_str(j, names[ev->type]);
        jsonw_key(j, "pointer");
        jsonw_int(j, ev->pointer);
        jsonw_key(j, "x");
        jsonw_int(j, (long long)lroundf(ev->x));
        jsonw_key(j, "y");
        jsonw_int(j, (long long)lroundf(ev->y));
    }
    trace_end(tr);
}

void uitrace_gesture(trace *tr, double t, const gesture_event *g)
{
    if (g->type == GESTURE_PAN_MOVE || g->type == GESTURE_PINCH_MOVE)
        return;
    jsonw *j = trace_begin(tr, t, g->type == GESTURE_TAP ? "tap" : "gesture");
    if (!j)
        return;
    if (g->type != GESTURE_TAP) {
        jsonw_key(j, "type");
        jsonw_str(j, gesture_type_name(g->type));
    }
    jsonw_key(j, "x");
    jsonw_int(j, (long long)lroundf(g->x));
    jsonw_key(j, "y");
    jsonw_int(j, (long long)lroundf(g->y));
    if (g->type == GESTURE_PAN_END || g->type == GESTURE_SWIPE) {
        jsonw_key(j, "vx");
        jsonw_int(j, (long long)lroundf(g->vx));
        jsonw_key(j, "vy");
        jsonw_int(j, (long long)lroundf(g->vy));
    }
    if (g->type == GESTURE_SWIPE) {
        jsonw_key(j, "dir");
        jsonw_str(j, gesture_dir_name(g->dir));
    }
    if (g->type == GESTURE_PINCH_END) {
        jsonw_key(j, "scale");
        jsonw_fixed(j, g->scale, 2);
    }
    trace_end(tr);
}

void uitrace_targets(trace *tr, double t, const char *scene, const target_list *l)
{
    jsonw *j = trace_begin(tr, t, "targets");
    if (!j)
        return;
    jsonw_key(j, "scene");
    jsonw_str(j, scene);
    jsonw_key(j, "targets");
    jsonw_arr_begin(j);
    for (int i = 0; i < l->count; i++) {
        const target *g = &l->t[i];
        jsonw_obj_begin(j);
        jsonw_key(j, "id");
        jsonw_str(j, g->id);
        jsonw_key(j, "x");
        jsonw_int(j, lroundf(g->x));
        jsonw_key(j, "y");
        jsonw_int(j, lroundf(g->y));
        jsonw_key(j, "w");
        jsonw_int(j, lroundf(g->w));
        jsonw_key(j, "h");
        jsonw_int(j, lroundf(g->h));
        jsonw_obj_end(j);
    }
    jsonw_arr_end(j);
    trace_end(tr);
}

/* {"event":E, "kind":kind, "id":id}. */
static void kind_and_id(trace *tr, double t, const char *event, const char *kind, const char *id)
{
    jsonw *j = trace_begin(tr, t, event);
    if (!j)
        return;
    jsonw_key(j, "kind");
    jsonw_str(j, kind);
    jsonw_key(j, "id");
    jsonw_str(j, id);
    trace_end(tr);
}

void uitrace_attract(trace *tr, double t, const char *kind, const char *id)
{
    kind_and_id(tr, t, "attract", kind, id);
}

void uitrace_excerpt(trace *tr, double t, const char *id, size_t index, const char *article)
{
    jsonw *j = trace_begin(tr, t, "excerpt");
    if (!j)
        return;
    jsonw_key(j, "id");
    jsonw_str(j, id);
    jsonw_key(j, "index");
    jsonw_int(j, (long long)index);
    jsonw_key(j, "article");
    jsonw_str(j, article);
    trace_end(tr);
}

void uitrace_scroll(trace *tr, double t, float pos, float max)
{
    jsonw *j = trace_begin(tr, t, "scroll");
    if (!j)
        return;
    jsonw_key(j, "pos");
    jsonw_int(j, lroundf(pos));
    jsonw_key(j, "max");
    jsonw_int(j, lroundf(max));
    trace_end(tr);
}

void uitrace_select(trace *tr, double t, const char *kind, const char *id)
{
    kind_and_id(tr, t, "select", kind, id);
}

void uitrace_filter(trace *tr, double t, const bool shown[BUNDLE_CAT_COUNT])
{
    jsonw *j = trace_begin(tr, t, "filter");
    if (!j)
        return;
    jsonw_key(j, "categories");
    jsonw_arr_begin(j);
    for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
        if (shown[k])
            jsonw_str(j, bundle_category_name((bundle_category)k));
    jsonw_arr_end(j);
    trace_end(tr);
}

void uitrace_zoom(trace *tr, double t, float level, double px_per_year)
{
    jsonw *j = trace_begin(tr, t, "zoom");
    if (!j)
        return;
    jsonw_key(j, "level");
    jsonw_fixed(j, level, 3);
    jsonw_key(j, "px_per_year");
    jsonw_fixed(j, px_per_year, 1);
    trace_end(tr);
}

void uitrace_view(trace *tr, double t, double year, float level)
{
    jsonw *j = trace_begin(tr, t, "view");
    if (!j)
        return;
    jsonw_key(j, "year");
    jsonw_fixed(j, year, 2);
    jsonw_key(j, "level");
    jsonw_fixed(j, level, 3);
    trace_end(tr);
}

void uitrace_labels(trace *tr, double t, float level, const uitrace_box *boxes, size_t n)
{
    jsonw *j = trace_begin(tr, t, "labels");
    if (!j)
        return;
    jsonw_key(j, "level");
    jsonw_fixed(j, level, 3);
    jsonw_key(j, "boxes");
    jsonw_arr_begin(j);
    for (size_t i = 0; i < n; i++) {
        const uitrace_box *b = &boxes[i];
        jsonw_obj_begin(j);
        jsonw_key(j, "kind");
        jsonw_str(j, b->kind);
        jsonw_key(j, "id");
        jsonw_str(j, b->id);
        jsonw_key(j, "x");
        jsonw_int(j, lroundf(b->box.x));
        jsonw_key(j, "y");
        jsonw_int(j, lroundf(b->box.y));
        jsonw_key(j, "w");
        jsonw_int(j, lroundf(b->box.w));
        jsonw_key(j, "h");
        jsonw_int(j, lroundf(b->box.h));
        if (b->count > 1) {
            jsonw_key(j, "n");
            jsonw_int(j, b->count);
            jsonw_key(j, "members");
            jsonw_arr_begin(j);
            for (int m = 0; b->members && m < b->count; m++)
                jsonw_str(j, b->members[m]);
            jsonw_arr_end(j);
        }
        if (b->cut) {
            jsonw_key(j, "cut");
            jsonw_bool(j, true);
        }
        jsonw_obj_end(j);
    }
    jsonw_arr_end(j);
    trace_end(tr);
}

void uitrace_hours(trace *tr, double t, bool open, const char *until)
{
    jsonw *j = trace_begin(tr, t, "hours");
    if (!j)
        return;
    jsonw_key(j, "phase");
    jsonw_str(j, open ? "open" : "closed");
    jsonw_key(j, "until");
    jsonw_str(j, until);
    trace_end(tr);
}

void uitrace_first_frame(trace *tr, double t, double ms, double main_ms)
{
    jsonw *j = trace_begin(tr, t, "first_frame");
    if (!j)
        return;
    jsonw_key(j, "ms");
    jsonw_fixed(j, ms, 1);
    jsonw_key(j, "main_ms");
    jsonw_fixed(j, main_ms, 1);
    trace_end(tr);
}

void uitrace_listen_event(trace *tr, double t, const uitrace_listen *l)
{
    jsonw *j = trace_begin(tr, t, "listen");
    if (!j)
        return;
    jsonw_key(j, "phase");
    jsonw_str(j, l->phase);
    jsonw_key(j, "id");
    jsonw_str(j, l->id);
    if (l->reason) {
        jsonw_key(j, "reason");
        jsonw_str(j, l->reason);
    }
    if (l->sentences >= 0) {
        jsonw_key(j, "sentences");
        jsonw_int(j, l->sentences);
    }
    if (l->sentence >= 0) {
        jsonw_key(j, "sentence");
        jsonw_int(j, l->sentence);
    }
    if (l->s) {
        jsonw_key(j, "part");
        jsonw_int(j, l->s->part);
        jsonw_key(j, "from");
        jsonw_int(j, l->s->start);
        jsonw_key(j, "to");
        jsonw_int(j, l->s->end);
    }
    trace_end(tr);
}
