/* uitrace: the exhibit's trace events, one function per event, so that the
 * format README.md documents ("Trace") is written in this one place.
 *
 * Each call writes one JSON line through core/trace.h at time `t` (the
 * program clock) and is a no-op when tracing is off (tr NULL). Coordinates
 * are picture pixels, rounded to whole pixels. */
#ifndef UI_UITRACE_H
#define UI_UITRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "content/diag.h"
#include "content/model.h"
#include "core/trace.h"
#include "ui/gesture.h"
#include "ui/input_event.h"
#include "ui/listen.h"
#include "ui/geometry.h"
#include "ui/targets.h"

#define UITRACE_MESSAGE_MAX 4096 /* diagnostics quoted in a "bundle" event */

/* {"event":E, key:val}: the one-field events (scene, language, idle,
 * operator, operator_action, tap_target, detail, read_article, error). */
void uitrace_str(trace *tr, double t, const char *event, const char *key, const char *val);

/* start: driver, w, h (picture), rotate, headless, px_per_mm. */
void uitrace_start(trace *tr, const char *driver, const char *renderer, const char *fonts, int w, int h, int rotate,
                   bool headless, float px_per_mm);

/* "first_frame": the first frame is on the panel; ms: real milliseconds
 * since the process was created (-1: unknown), main_ms: since main began. */
void uitrace_first_frame(trace *tr, double t, double ms, double main_ms);

/* bundle: dir, result ("loaded", "reloaded", "refused"); with b: id,
 * version, title, excerpts, events; with diags (refused): message, every
 * diagnostic formatted, errors first, one a line, within UITRACE_MESSAGE_MAX. */
void uitrace_bundle(trace *tr, double t, const char *dir, const char *result, const bundle *b,
                    const diag_list *diags);

/* rotate: rotate, w, h. */
void uitrace_rotate(trace *tr, double t, int rotate, int w, int h);

/* shot: file, frame (frames run so far), renders (frames drawn so far),
 * layouts (paragraphs shaped and laid out so far). */
void uitrace_shot(trace *tr, double t, const char *file, unsigned long frames, unsigned long renders,
                  unsigned long layouts);

/* quit: the run's counts; what the text path holds at the end. */
typedef struct {
    unsigned long frames, renders, layouts;
    int atlas_pages;
    size_t atlas_glyphs;
    unsigned long atlas_evictions;
} uitrace_counts;
void uitrace_quit(trace *tr, double t, const uitrace_counts *c);

/* touch (phase down/up/cancel, pointer, x, y) or key (name); moves are many
 * and not traced (the gestures say what they meant). */
void uitrace_input(trace *tr, const input_event *ev);

/* tap (x, y) or gesture (type, x, y; vx, vy for pan_end and swipe; dir for
 * swipe; scale for pinch_end); pan and pinch moves are not traced. */
void uitrace_gesture(trace *tr, double t, const gesture_event *g);

/* targets: scene and every target {id, x, y, w, h}. */
void uitrace_targets(trace *tr, double t, const char *scene, const target_list *l);

/* attract: kind ("excerpt" or "event"), id of the card shown. */
void uitrace_attract(trace *tr, double t, const char *kind, const char *id);

/* excerpt: id, index, article: the reader shows it. */
void uitrace_excerpt(trace *tr, double t, const char *id, size_t index, const char *article);

/* scroll: pos, max: where the reader's passage came to rest. */
void uitrace_scroll(trace *tr, double t, float pos, float max);

/* select: kind, id of the event whose card opened. */
void uitrace_select(trace *tr, double t, const char *kind, const char *id);

/* filter: categories shown on the timeline. */
void uitrace_filter(trace *tr, double t, const bool shown[BUNDLE_CAT_COUNT]);

/* zoom: level (0 overview .. 1 year detail), px_per_year. */
void uitrace_zoom(trace *tr, double t, float level, double px_per_year);

/* view: year at the centre and level, when the timeline comes to rest. */
void uitrace_view(trace *tr, double t, double year, float level);

/* One box of the timeline's "labels" event. */
#define UITRACE_MAX_BOXES 512
typedef struct {
    const char *kind; /* "marker", "cluster", "label", "era", "today" */
    const char *id;   /* the event's (a cluster: its first event's), the era's */
    ui_rect box;
    int count;        /* a cluster's members */
    const char *const *members; /* a cluster's: their event ids */
    bool cut;         /* a label cut short with "…" */
} uitrace_box;

/* labels: level (zoom) and boxes [{kind, id, x, y, w, h[, n, members][, cut]}]: what
 * the timeline shows in its view, when it comes to rest. */
void uitrace_labels(trace *tr, double t, float level, const uitrace_box *boxes, size_t n);

/* "hours": the exhibit opens or closes (opening hours), and until when
 * (local "YYYY-MM-DD HH:MM", or "never"). */
void uitrace_hours(trace *tr, double t, bool open, const char *until);

/* listen: phase ("start", "sentence", "pause", "resume", "stop"), id (the
 * excerpt or event read); start: sentences; sentence: sentence (index),
 * part (which text), from, to (the highlighted byte range); stop: reason. */
typedef struct {
    const char *phase, *id, *reason; /* reason may be NULL */
    long sentence;                   /* -1: none */
    long sentences;                  /* -1: none */
    const listen_sentence *s;        /* the highlighted sentence, may be NULL */
} uitrace_listen;
void uitrace_listen_event(trace *tr, double t, const uitrace_listen *l);

#endif
