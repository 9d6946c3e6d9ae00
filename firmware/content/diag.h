/* diag: a list of diagnostics (errors and warnings), each a record
 * {severity, file, line, column, message}.
 *
 * The bundle validator appends here and the callers print: `--check` prints
 * every entry then a summary line, the kiosk logs them. One line per entry,
 * in the style of a compiler, so editors can jump to it:
 *   content/timeline.yaml:42: error: month 13 is not 1..12
 *   content/excerpts.yaml:7: warning: unknown key 'titel' (did you mean 'title'?)
 * Line 0 means the file (or directory) as a whole. The column is kept in the
 * record for tools (1-based, 0 when unknown) but not printed: the printed
 * form stays FILE:LINE. Tools read the records, never the printed text.
 *
 * The list owns copies of every string. At most DIAG_MAX_ENTRIES are kept (a
 * broken file must not exhaust memory); later ones are only counted. */
#ifndef CONTENT_DIAG_H
#define CONTENT_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DIAG_MAX_ENTRIES 2000
#define DIAG_MAX_MESSAGE 512 /* bytes of one formatted message, longer ones are cut */

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_severity;

typedef struct {
    diag_severity severity;
    char *file; /* owned; "" when the problem has no file */
    int line;   /* 1-based; 0: the file as a whole */
    int column; /* 1-based, in characters (code points); 0: unknown */
    char *message;
} diag;

typedef struct {
    diag *items;      /* owned, `count` entries in the order they were added */
    size_t count, cap;
    size_t errors;    /* all errors added, including dropped ones */
    size_t warnings;  /* all warnings added, including dropped ones */
    size_t dropped;   /* entries counted but not kept (over DIAG_MAX_ENTRIES) */
} diag_list;

/* An empty list. Free with diag_free(). */
void diag_init(diag_list *l);

/* Frees every entry and leaves an empty list. NULL is a no-op. */
void diag_free(diag_list *l);

/* Appends one entry (printf-style message) with column 0. `file` may be
 * NULL. Never fails visibly: when memory runs out the entry is counted but
 * not kept. */
void diag_add(diag_list *l, diag_severity sev, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The same with a column (1-based; 0: unknown). */
void diag_add_at(diag_list *l, diag_severity sev, const char *file, int line, int column,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* "FILE:LINE: error: message" (no newline) into buf; returns buf. The
 * column is not printed. */
char *diag_format(const diag *d, char *buf, size_t len);

/* Every entry, one per line, then a line for dropped entries if any. */
void diag_print(const diag_list *l, FILE *out);

/* The summary line (no newline) into buf, returns buf:
 *   "SUBJECT: 2 errors, 1 warning"             when there are errors
 *   "SUBJECT: ok (OK_DETAIL)"                  when clean
 *   "SUBJECT: ok (OK_DETAIL), 1 warning"       when only warnings
 * OK_DETAIL may be NULL ("SUBJECT: ok"). */
char *diag_summary(const diag_list *l, const char *subject, const char *ok_detail, char *buf,
                   size_t len);

/* True when some entry has this severity, file name suffix (NULL: any), line
 * (negative: any) and message substring (NULL: any). For tests and tools. */
bool diag_has(const diag_list *l, diag_severity sev, const char *file_suffix, int line,
              const char *substring);

#endif
