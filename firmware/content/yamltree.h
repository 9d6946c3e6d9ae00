/* yamltree: a YAML file as a tree of nodes that remember their line.
 *
 * Bundles are YAML (JSON is accepted too: it is YAML's flow style). libyaml
 * does the parsing; this module only builds a tree from its events so that the
 * bundle validator can say "FILE:LINE: message" for any node, which a DOM
 * parser like cJSON cannot. Every scalar stays a string; the bundle layer
 * decides types, so YAML's implicit typing (yes -> true, 1.10 -> 1.1) never
 * changes what a curator wrote.
 *
 * Input is checked for valid UTF-8 before parsing (the first bad byte's offset
 * is reported). Aliases and tags are refused: a curator's file does not need
 * them and they make line numbers ambiguous.
 *
 * A failure is reported as a record (ydoc_error: line, column, message), never
 * as formatted text: the caller makes it a diagnostic of its own. */
#ifndef CONTENT_YAMLTREE_H
#define CONTENT_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ } ynode_kind;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    int line, col;     /* 1-based position of the node's start */
    /* scalar */
    char *str;         /* NUL-terminated, valid UTF-8 */
    size_t len;
    bool quoted;       /* written '...' or "..." or as a block: surely a string */
    /* map: keys[i] -> vals[i] (keys are scalars); seq: vals[i] */
    ynode **keys;
    ynode **vals;
    size_t count;
};

typedef struct {
    ynode *root;       /* NULL for an empty file */
    char *path;        /* owned copy of the path or name it was read from */
} ydoc;

#define YDOC_ERROR_MAX 320

/* Why a file could not be loaded, and where. */
typedef struct {
    int line;    /* 1-based; 0: the file as a whole (it cannot be read) */
    int column;  /* 1-based, in characters (code points); 0: unknown */
    char message[YDOC_ERROR_MAX]; /* without file or position, e.g.
                                     "syntax error: could not find expected ':'" */
} ydoc_error;

/* Loads and parses `path`. Files larger than max_bytes are refused. On error
 * returns false with the record in *err (line 0 when the file cannot be
 * read: "cannot open: REASON", "file is larger than the limit of N bytes")
 * and *doc empty. Free with ydoc_free() either way. */
bool ydoc_load(const char *path, size_t max_bytes, ydoc *doc, ydoc_error *err);

/* The same from memory; `name` is kept as doc->path. */
bool ydoc_parse(const char *text, size_t len, const char *name, ydoc *doc, ydoc_error *err);

void ydoc_free(ydoc *doc);

/* Value of `key` in a map, or NULL (also when `map` is NULL or not a map). */
ynode *ymap_get(const ynode *map, const char *key);

/* "a string", "a list", "a mapping": for messages. */
const char *ynode_kind_name(ynode_kind k);

#endif
