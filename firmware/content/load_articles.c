/* load_articles: articles.yaml (content/load_articles.h). */
#include "content/load_articles.h"

#include <stdlib.h>
#include <string.h>

#include "content/check_fit.h"
#include "content/check_refs.h"
#include "content/check_verbatim.h"
#include "content/schema.h"

/* Known keys of each mapping, for the unknown-key warning. */
static const char *const keys_articles_root[] = {"articles", NULL};
static const char *const keys_article[] = {"id", "file", "title", "authors", "venue", "date", NULL};

void load_articles(loader *L, const ynode *root)
{
    bundle *b = L->b;
    schema_keys(L, root, keys_articles_root, "articles.yaml");
    const ynode *list =
        schema_root_list(L, root, "articles", true, BUNDLE_MAX_ARTICLES, "articles.yaml");
    if (!list) {
        L->have[LOADER_ARTICLES] = false;
        return;
    }
    if (list->count == 0) {
        loader_error(L, loader_at(list), "the list of articles is empty");
        return;
    }
    b->articles = calloc(list->count, sizeof *b->articles);
    if (!b->articles || !check_verbatim_begin(L, list->count)) {
        loader_error(L, loader_at(list), "out of memory");
        return;
    }
    b->article_count = list->count;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->vals[i];
        bundle_article *a = &b->articles[i];
        char name[112];
        if (!schema_list_item(L, item, i, "article", keys_article, name, sizeof name))
            continue;
        a->id = check_refs_new_id(L, item, name);
        loader_pos file_at = loader_at(item);
        schema_text_rule plain = {BUNDLE_MAX_FIELD_CHARS, false, false};
        a->file = schema_text(L, item, "file", true, name, plain, &file_at);
        if (a->file && (strchr(a->file, '/') || a->file[0] == '.')) {
            loader_error(L, file_at,
                         "%s: 'file' must be a file name in the sources directory, got '%s'", name,
                         a->file);
            free(a->file);
            a->file = NULL;
        }
        for (size_t j = 0; a->file && j < i; j++)
            if (b->articles[j].file && strcmp(b->articles[j].file, a->file) == 0)
                loader_error(L, file_at, "%s: file '%s' is already used by article '%s'", name,
                             a->file, b->articles[j].id ? b->articles[j].id : "?");
        loader_pos tl[BUNDLE_LANG_COUNT];
        if (schema_text2(L, item, "title", true, name, BUNDLE_MAX_TITLE_ZH, BUNDLE_MAX_TITLE_EN,
                         &a->title, tl))
            check_fit_article_title(L, tl, &a->title, name);
        schema_text2(L, item, "authors", false, name, BUNDLE_MAX_FIELD_CHARS,
                     BUNDLE_MAX_FIELD_CHARS, &a->authors, NULL);
        schema_text2(L, item, "venue", false, name, BUNDLE_MAX_FIELD_CHARS, BUNDLE_MAX_FIELD_CHARS,
                     &a->venue, NULL);
        schema_text_rule shown = {BUNDLE_MAX_FIELD_CHARS, false, true};
        a->date = schema_text(L, item, "date", false, name, shown, NULL);
        check_verbatim_source(L, i, file_at);
    }
}
