/* load_private: the state of one bundle_load() (a `loader`) and the
 * reporting functions that the schema readers (schema.c), the file loaders
 * (load_*.c) and the checks (check_*.c) share. Private to content/: other
 * layers use content/load.h. load.c creates the state and runs the loaders;
 * the reporting functions are loader.c's, so that the loaders and checks
 * call down into it and never back into load.c.
 *
 * Reporting: every problem becomes a diagnostic of L->file (the file being
 * read) at a position: the YAML node it is about (loader_at), or
 * LOADER_WHOLE_FILE. The message is the caller's, printf-style; nothing
 * here formats positions into text.
 *
 * Ownership: a loader lives for one bundle_load() call (load.c creates and
 * frees it). It borrows the diag list, the options and the bundle it fills;
 * it owns the paths, the parsed documents, the id table (check_refs.c), the
 * sources directory and the normalised source articles (check_verbatim.c).
 * Strings stored into the bundle are owned by the bundle. */
#ifndef CONTENT_LOAD_PRIVATE_H
#define CONTENT_LOAD_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content/diag.h"
#include "content/load.h"
#include "content/model.h"
#include "content/yamltree.h"

/* The five files of a bundle. */
typedef enum {
    LOADER_MANIFEST,
    LOADER_ARTICLES,
    LOADER_EXCERPTS,
    LOADER_TIMELINE,
    LOADER_STRINGS,
    LOADER_FILE_COUNT
} loader_file;

/* An id seen so far, for uniqueness across the files (check_refs.c). */
typedef struct {
    const char *id;   /* owned by the bundle */
    const char *file; /* one of loader.paths */
    int line;
} loader_id;

typedef struct {
    diag_list *d;                  /* where problems go (borrowed) */
    const bundle_check_opts *opts; /* never NULL (borrowed) */
    bundle *b;                     /* the bundle being filled (borrowed) */
    const char *file;              /* path of the file being read, for diagnostics */
    char *paths[LOADER_FILE_COUNT];
    ydoc docs[LOADER_FILE_COUNT];
    bool have[LOADER_FILE_COUNT];  /* the file parsed and its top is a mapping */
    loader_id *ids;                /* every id so far (check_refs.c) */
    size_t id_count, id_cap;
    char *sources;                 /* directory of the source articles, or NULL: not checked */
    char **article_norm;           /* per article: normalised source text, or NULL
                                      (check_verbatim.c) */
    char **article_norm_lines;     /* the same with number-only lines kept, for date_quotes */
} loader;

/* Where in L->file a problem is: 1-based line and column (characters);
 * line 0 is the file as a whole, column 0 unknown. */
typedef struct {
    int line, col;
} loader_pos;

#define LOADER_WHOLE_FILE ((loader_pos){0, 0})

/* The position of a YAML node. */
static inline loader_pos loader_at(const ynode *n)
{
    return (loader_pos){n->line, n->col};
}

/* An error / a warning about L->file at `at`. */
void loader_error(loader *L, loader_pos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void loader_warn(loader *L, loader_pos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* strdup that reports "out of memory" (as an error of the whole file). */
char *loader_strdup(loader *L, const char *s);

/* "'X' (U+XXXX)" for messages, or "U+XXXX" for a control character; buf
 * at least 32 bytes. Returns buf. */
const char *loader_char_desc(uint32_t cp, char *buf, size_t len);

#endif
