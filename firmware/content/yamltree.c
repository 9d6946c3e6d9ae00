/* yamltree: libyaml's events built into a tree of nodes with their positions
 * (content/yamltree.h). */
#include "content/yamltree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/fileio.h"
#include "core/log.h"
#include "core/utf8.h"

#define YAMLTREE_MAX_DEPTH 64

const char *ynode_kind_name(ynode_kind k)
{
    switch (k) {
    case YNODE_SCALAR: return "a string";
    case YNODE_MAP: return "a mapping";
    case YNODE_SEQ: return "a list";
    }
    return "?";
}

static void node_free(ynode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->count; i++) {
        if (n->keys)
            node_free(n->keys[i]);
        node_free(n->vals[i]);
    }
    free(n->keys);
    free(n->vals);
    free(n->str);
    free(n);
}

void ydoc_free(ydoc *doc)
{
    node_free(doc->root);
    free(doc->path);
    doc->root = NULL;
    doc->path = NULL;
}

ynode *ymap_get(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->keys[i]->str, key) == 0)
            return map->vals[i];
    return NULL;
}

static ynode *node_new(ynode_kind kind, const yaml_mark_t *m)
{
    ynode *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    return n;
}

/* Appends to a map (key != NULL) or a sequence. */
static bool node_add(ynode *parent, ynode *key, ynode *val)
{
    size_t n = parent->count + 1;
    ynode **v = realloc(parent->vals, n * sizeof *v);
    if (!v)
        return false;
    parent->vals = v;
    if (parent->kind == YNODE_MAP) {
        ynode **k = realloc(parent->keys, n * sizeof *k);
        if (!k)
            return false;
        parent->keys = k;
        parent->keys[parent->count] = key;
    }
    parent->vals[parent->count] = val;
    parent->count = n;
    return true;
}

typedef struct {
    ynode *node;
    ynode *pending_key; /* map only: key waiting for its value */
} frame;

static bool fail(ydoc_error *err, int line, int column, const char *msg)
{
    err->line = line;
    err->column = column;
    log_format_err(err->message, sizeof err->message, "%s", msg);
    return false;
}

/* At a libyaml mark (0-based line and column in characters). */
static bool fail_at(ydoc_error *err, const yaml_mark_t *m, const char *msg)
{
    return fail(err, (int)m->line + 1, (int)m->column + 1, msg);
}

bool ydoc_parse(const char *text, size_t len, const char *name, ydoc *doc, ydoc_error *err)
{
    doc->root = NULL;
    doc->path = strdup(name);
    size_t bad = utf8_invalid_offset(text, len);
    if (bad != UTF8_VALID) {
        int line, col;
        utf8_line_col(text, bad, &line, &col);
        char msg[LOG_ERR_MAX];
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte offset %zu", bad);
        return fail(err, line, col, msg);
    }
    if (memchr(text, '\0', len)) {
        size_t off = (size_t)((const char *)memchr(text, '\0', len) - text);
        int line, col;
        utf8_line_col(text, off, &line, &col);
        return fail(err, line, col, "NUL byte in text");
    }

    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return fail(err, 0, 0, "out of memory");
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

    frame stack[YAMLTREE_MAX_DEPTH];
    int depth = 0;
    int documents = 0;
    bool ok = true, done = false;
    ynode *root = NULL;
    char msg[LOG_ERR_MAX];

    while (ok && !done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            if (p.error == YAML_READER_ERROR) {
                /* The reader's problems (a character YAML does not allow,
                 * such as U+FFFE or U+FFFF) have a byte offset, no mark. */
                int line, col;
                utf8_line_col(text, p.problem_offset < len ? p.problem_offset : len, &line, &col);
                if (p.problem_value >= 0)
                    snprintf(msg, sizeof msg, "syntax error: %s (U+%04X)",
                             p.problem ? p.problem : "unknown", (unsigned)p.problem_value);
                else
                    snprintf(msg, sizeof msg, "syntax error: %s", p.problem ? p.problem : "unknown");
                ok = fail(err, line, col, msg);
                break;
            }
            if (p.context)
                snprintf(msg, sizeof msg, "syntax error: %s %s (line %zu)", p.problem, p.context,
                         p.context_mark.line + 1);
            else
                snprintf(msg, sizeof msg, "syntax error: %s", p.problem ? p.problem : "unknown");
            ok = fail_at(err, &p.problem_mark, msg);
            break;
        }
        ynode *made = NULL; /* a node to attach to the current parent */
        bool opened = false;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1)
                ok = fail_at(err, &ev.start_mark,
                             "more than one YAML document ('---'): a file holds one");
            break;
        case YAML_ALIAS_EVENT:
            ok = fail_at(err, &ev.start_mark, "aliases (*name) are not supported");
            break;
        case YAML_SCALAR_EVENT:
            made = node_new(YNODE_SCALAR, &ev.start_mark);
            if (made) {
                made->str = malloc(ev.data.scalar.length + 1);
                if (made->str) {
                    memcpy(made->str, ev.data.scalar.value, ev.data.scalar.length);
                    made->str[ev.data.scalar.length] = '\0';
                }
                made->len = ev.data.scalar.length;
                made->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
                if (!made->str) {
                    node_free(made);
                    made = NULL;
                }
            }
            if (!made)
                ok = fail_at(err, &ev.start_mark, "out of memory");
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            made = node_new(ev.type == YAML_MAPPING_START_EVENT ? YNODE_MAP : YNODE_SEQ,
                            &ev.start_mark);
            opened = true;
            if (!made)
                ok = fail_at(err, &ev.start_mark, "out of memory");
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        default:
            break;
        }
        if (ok && made) {
            const char *tag = ev.type == YAML_SCALAR_EVENT ? (const char *)ev.data.scalar.tag
                              : ev.type == YAML_MAPPING_START_EVENT
                                  ? (const char *)ev.data.mapping_start.tag
                                  : (const char *)ev.data.sequence_start.tag;
            const char *anchor = ev.type == YAML_SCALAR_EVENT
                                     ? (const char *)ev.data.scalar.anchor
                                 : ev.type == YAML_MAPPING_START_EVENT
                                     ? (const char *)ev.data.mapping_start.anchor
                                     : (const char *)ev.data.sequence_start.anchor;
            if (tag || anchor) {
                node_free(made);
                made = NULL;
                ok = fail_at(err, &ev.start_mark,
                             tag ? "tags (!name) are not supported"
                                 : "anchors (&name) are not supported");
            }
        }
        if (ok && made) {
            if (depth == 0) {
                root = made;
            } else {
                frame *top = &stack[depth - 1];
                if (top->node->kind == YNODE_MAP && !top->pending_key) {
                    if (made->kind != YNODE_SCALAR) {
                        node_free(made);
                        made = NULL;
                        ok = fail_at(err, &ev.start_mark, "a key must be a plain string");
                    } else {
                        top->pending_key = made;
                        made = NULL; /* held until its value arrives */
                    }
                } else {
                    ynode *key = top->node->kind == YNODE_MAP ? top->pending_key : NULL;
                    if (!node_add(top->node, key, made)) {
                        node_free(made);
                        node_free(key);
                        made = NULL;
                        ok = fail_at(err, &ev.start_mark, "out of memory");
                    }
                    top->pending_key = NULL;
                }
            }
            if (ok && opened && made) {
                if (depth == YAMLTREE_MAX_DEPTH) {
                    ok = fail_at(err, &ev.start_mark, "nested too deeply");
                } else {
                    stack[depth].node = made;
                    stack[depth].pending_key = NULL;
                    depth++;
                }
            }
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    /* On failure pending keys are owned by nobody: free them. */
    for (int i = 0; i < depth; i++)
        if (stack[i].pending_key && !ok)
            node_free(stack[i].pending_key);
    if (!ok) {
        node_free(root);
        return false;
    }
    doc->root = root;
    return true;
}

bool ydoc_load(const char *path, size_t max_bytes, ydoc *doc, ydoc_error *err)
{
    doc->root = NULL;
    doc->path = NULL;
    char why[LOG_ERR_MAX];
    size_t n;
    char *buf = file_read_all(path, max_bytes, &n, why, sizeof why);
    if (!buf) {
        doc->path = strdup(path);
        err->line = 0;
        err->column = 0;
        log_format_err(err->message, sizeof err->message, "%s%s",
                 strstr(why, "limit") ? "file is " : "cannot open: ", why);
        return false;
    }
    bool ok = ydoc_parse(buf, n, path, doc, err);
    free(buf);
    return ok;
}
