/* check_refs: ids and references between the files (content/check_refs.h). */
#include "content/check_refs.h"

#include <stdlib.h>
#include <string.h>

#include "content/schema.h"
#include "core/utf8.h"

/* An article id this close to an unknown one is suggested as the intended one. */
#define CHECK_REFS_SUGGEST_DISTANCE 2

bool check_refs_id_form(loader *L, const ynode *v, const char *what)
{
    if (v->len == 0) {
        loader_error(L, loader_at(v), "%s: the id is empty", what);
        return false;
    }
    for (size_t i = 0; i < v->len;) {
        uint32_t cp;
        size_t len = utf8_decode(v->str + i, v->len - i, &cp);
        if (len == 0)
            break;
        if (!((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '-')) {
            char cd[32];
            loader_error(L, loader_at(v),
                         "%s: id '%s': character %s is not allowed (ids use a-z, 0-9 and '-')",
                         what, v->str, loader_char_desc(cp, cd, sizeof cd));
            return false;
        }
        i += len;
    }
    if (v->len > BUNDLE_MAX_ID_LEN) {
        loader_error(L, loader_at(v), "%s: id '%s' is longer than %d characters", what, v->str,
                     BUNDLE_MAX_ID_LEN);
        return false;
    }
    return true;
}

char *check_refs_new_id(loader *L, const ynode *map, const char *what)
{
    const ynode *v = schema_field(L, map, "id", true, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, "id", what, NULL) ||
        !check_refs_id_form(L, v, what))
        return NULL;
    for (size_t i = 0; i < L->id_count; i++)
        if (strcmp(L->ids[i].id, v->str) == 0) {
            loader_error(L, loader_at(v), "duplicate id '%s' (already used at %s:%d)", v->str,
                         L->ids[i].file, L->ids[i].line);
            return NULL;
        }
    char *id = loader_strdup(L, v->str);
    if (!id)
        return NULL;
    if (L->id_count == L->id_cap) {
        size_t cap = L->id_cap ? L->id_cap * 2 : 64;
        loader_id *r = realloc(L->ids, cap * sizeof *r);
        if (!r) {
            loader_error(L, loader_at(v), "out of memory");
            return id;
        }
        L->ids = r;
        L->id_cap = cap;
    }
    L->ids[L->id_count++] = (loader_id){id, L->file, v->line};
    return id;
}

long check_refs_article(loader *L, const ynode *map, const char *what)
{
    const ynode *v = schema_field(L, map, "article", true, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, "article", what, " (an article id)"))
        return -1;
    if (!L->have[LOADER_ARTICLES])
        return -1; /* articles.yaml is broken (reported): do not cascade */
    long a = bundle_find_article(L->b, v->str);
    if (a < 0) {
        /* Suggest the closest article id: a typo is the usual cause. */
        const char *best = NULL;
        size_t bestd = (size_t)-1;
        for (size_t i = 0; i < L->b->article_count; i++) {
            if (!L->b->articles[i].id)
                continue;
            size_t d = schema_edit_distance(v->str, L->b->articles[i].id);
            if (d < bestd) {
                bestd = d;
                best = L->b->articles[i].id;
            }
        }
        if (best && bestd <= CHECK_REFS_SUGGEST_DISTANCE)
            loader_error(L, loader_at(v),
                         "%s: article '%s' does not exist in articles.yaml (did you mean '%s'?)",
                         what, v->str, best);
        else
            loader_error(L, loader_at(v), "%s: article '%s' does not exist in articles.yaml",
                         what, v->str);
    }
    return a;
}

/* The index of ref's id, found by `find` among the `kind`s of `file` (named
 * file_name in the message), or -1. */
static long lookup(loader *L, const ynode *ref, const char *what, const char *kind,
                   loader_file file, const char *file_name,
                   long (*find)(const bundle *, const char *))
{
    if (!L->have[file])
        return -1; /* that file is broken (reported): do not cascade */
    long idx = find(L->b, ref->str);
    if (idx < 0)
        loader_error(L, loader_at(ref), "%s: %s '%s' does not exist in %s", what, kind, ref->str,
                     file_name);
    return idx;
}

long check_refs_excerpt(loader *L, const ynode *ref, const char *what)
{
    return lookup(L, ref, what, "excerpt", LOADER_EXCERPTS, "excerpts.yaml",
                  bundle_find_excerpt);
}

long check_refs_event(loader *L, const ynode *ref, const char *what)
{
    return lookup(L, ref, what, "event", LOADER_TIMELINE, "timeline.yaml", bundle_find_event);
}

void check_refs_free(loader *L)
{
    free(L->ids);
    L->ids = NULL;
    L->id_count = L->id_cap = 0;
}
