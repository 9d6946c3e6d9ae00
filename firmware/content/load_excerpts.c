/* load_excerpts: excerpts.yaml (content/load_excerpts.h). */
#include "content/load_excerpts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/check_fit.h"
#include "content/check_refs.h"
#include "content/check_verbatim.h"
#include "content/load_audio.h"
#include "content/schema.h"
#include "core/utf8.h"

/* Known keys of each mapping, for the unknown-key warning. */
static const char *const keys_excerpts_root[] = {"excerpts", NULL};
static const char *const keys_excerpt[] = {"id", "article", "section", "notes", "heading",
                                           "summary", "text", "audio", NULL};
static const char *const keys_summary[] = {"en", NULL};

/* Splits cleaned text (paragraphs separated by "\n\n") into owned strings. */
static bool split_paragraphs(const char *s, bundle_excerpt *e)
{
    size_t n = 1;
    for (const char *p = s; (p = strstr(p, "\n\n")); p += 2)
        n++;
    e->paragraphs = calloc(n, sizeof *e->paragraphs);
    if (!e->paragraphs)
        return false;
    const char *p = s;
    for (size_t i = 0; i < n; i++) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        e->paragraphs[i] = strndup(p, len);
        if (!e->paragraphs[i])
            return false;
        e->paragraph_count = i + 1;
        e->chars += utf8_chars(e->paragraphs[i]);
        p = end ? end + 2 : p + len;
    }
    return true;
}

static void load_notes(loader *L, const ynode *item, bundle_excerpt *e, const char *name)
{
    const ynode *v = schema_field(L, item, "notes", false, name);
    if (!v || !schema_want(L, v, YNODE_SEQ, "notes", name, " of note numbers"))
        return;
    if (v->count > BUNDLE_MAX_NOTES) {
        loader_error(L, loader_at(v), "%s: %zu notes, more than the limit of %d", name, v->count,
                     BUNDLE_MAX_NOTES);
        return;
    }
    if (v->count == 0)
        return;
    e->notes = calloc(v->count, sizeof *e->notes);
    if (!e->notes)
        return;
    for (size_t i = 0; i < v->count; i++) {
        const ynode *n = v->vals[i];
        long x;
        if (n->kind != YNODE_SCALAR || !schema_parse_int(n->str, &x) || x < 1 || x > 999) {
            loader_error(L, loader_at(n), "%s: 'notes': expected note numbers 1..999, got %s%s%s",
                         name, n->kind == YNODE_SCALAR ? "'" : "",
                         n->kind == YNODE_SCALAR ? n->str : schema_kind_desc(n),
                         n->kind == YNODE_SCALAR ? "'" : "");
            continue;
        }
        e->notes[e->note_count++] = (int)x;
    }
}

/* `summary: {en: ...}`, required: English visitors read it under the
 * Chinese passage. English only: the passage itself is the Chinese. */
static void load_summary(loader *L, const ynode *item, bundle_excerpt *e, const char *name)
{
    const ynode *v = schema_field(L, item, "summary", true, name);
    if (!v || !schema_want(L, v, YNODE_MAP, "summary", name, " with an 'en' text"))
        return;
    char what[160];
    snprintf(what, sizeof what, "%s: 'summary'", name);
    schema_keys(L, v, keys_summary, what);
    loader_pos at = loader_at(v);
    schema_text_rule rule = {BUNDLE_MAX_EXCERPT_SUMMARY_EN, false, true};
    e->summary_en = schema_text(L, v, "en", true, what, rule, &at);
}

void load_excerpts(loader *L, const ynode *root)
{
    bundle *b = L->b;
    schema_keys(L, root, keys_excerpts_root, "excerpts.yaml");
    const ynode *list =
        schema_root_list(L, root, "excerpts", true, BUNDLE_MAX_EXCERPTS, "excerpts.yaml");
    if (!list) {
        L->have[LOADER_EXCERPTS] = false;
        return;
    }
    if (list->count == 0) {
        loader_error(L, loader_at(list), "the list of excerpts is empty");
        return;
    }
    b->excerpts = calloc(list->count, sizeof *b->excerpts);
    if (!b->excerpts) {
        loader_error(L, loader_at(list), "out of memory");
        return;
    }
    b->excerpt_count = list->count;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->vals[i];
        bundle_excerpt *e = &b->excerpts[i];
        char name[112];
        e->article = (size_t)-1;
        if (!schema_list_item(L, item, i, "excerpt", keys_excerpt, name, sizeof name))
            continue;
        e->id = check_refs_new_id(L, item, name);
        e->line = item->line;
        long a = check_refs_article(L, item, name);
        e->article = a >= 0 ? (size_t)a : (size_t)-1;
        loader_pos at = loader_at(item);
        schema_text_rule section = {BUNDLE_MAX_FIELD_CHARS, true, true};
        e->section = schema_text(L, item, "section", false, name, section, &at);
        if (e->section && a >= 0)
            check_verbatim_text(L, (size_t)a, e->section, at, name, "section", true);
        load_notes(L, item, e, name);
        loader_pos hl[BUNDLE_LANG_COUNT];
        if (schema_text2(L, item, "heading", true, name, BUNDLE_MAX_HEADING_ZH,
                         BUNDLE_MAX_HEADING_EN, &e->heading, hl))
            check_fit_excerpt_heading(L, hl, &e->heading, name);
        load_summary(L, item, e, name);
        at = loader_at(item);
        schema_text_rule body = {0, true, true};
        char *text = schema_text(L, item, "text", true, name, body, &at);
        if (!text)
            continue;
        if (!split_paragraphs(text, e))
            loader_error(L, at, "out of memory");
        if (e->chars > BUNDLE_MAX_EXCERPT_CHARS) {
            /* Reported; neither searched for nor laid out (see schema_text2). */
            loader_error(L, at, "%s: 'text' is %zu characters long, more than the limit of %d",
                         name, e->chars, BUNDLE_MAX_EXCERPT_CHARS);
        } else {
            if (a >= 0)
                check_verbatim_text(L, (size_t)a, text, at, name, "text", false);
            check_fit_excerpt_text(L, at, e, name);
        }
        free(text);
        load_audio_excerpt(L, item, name, e);
    }
}
