/* trace: one JSON object per line for every state change the program makes.
 *
 *   {"t":1.000,"event":"scene","name":"home"}
 *
 * `t` is the program's clock (virtual time when headless). A line is built in
 * a fixed buffer (no allocation) between trace_begin() and trace_end(), with
 * the jsonw calls on trace_json(); each finished line is flushed so a crash
 * loses nothing. Every function is a no-op on a closed or NULL trace, so
 * callers never test whether tracing is on.
 *
 * Events so far (later modules add theirs, and README.md lists them all):
 *   start, bundle, scene, touch, tap, key, shot, error, quit */
#ifndef CORE_TRACE_H
#define CORE_TRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/jsonw.h"

#define TRACE_LINE_MAX 65536 /* longest line; targets lists are the big ones */

typedef struct trace trace;

/* Opens (truncates) `path`; "-" is stdout. NULL and a message in err on failure.
 * The caller owns the result and frees it with trace_close(). */
trace *trace_open(const char *path, char *err, size_t errlen);
/* Writes to an already open stream it does not close (for tests). */
trace *trace_open_stream(FILE *f);
void trace_close(trace *t); /* NULL is a no-op */
/* trace_close() that says whether every line reached the file: false with
 * "PATH: cannot write trace: REASON" in err when a write, the flush or the
 * close failed (a full disk, /dev/full). After the first failure the trace
 * writes nothing more. NULL is a no-op that succeeds. */
bool trace_finish(trace *t, char *err, size_t errlen);

/* Starts a line with "t" and "event"; returns the writer for more keys, or
 * NULL when tracing is off (the jsonw calls must then be skipped: use the
 * helpers below or test the result). */
jsonw *trace_begin(trace *t, double time, const char *event);
/* Closes the object and writes the line; a line that overflowed
 * TRACE_LINE_MAX is replaced by a trace_overflow event, never truncated JSON. */
void trace_end(trace *t);

/* Shorthands for the common one-field events. */
void trace_event(trace *t, double time, const char *event);
void trace_event_str(trace *t, double time, const char *event, const char *key, const char *val);

#endif
