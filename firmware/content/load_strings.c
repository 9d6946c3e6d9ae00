/* load_strings: strings.yaml (content/load_strings.h). */
#include "content/load_strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/schema.h"

/* Known keys of each mapping, for the unknown-key warning. */
static const char *const keys_strings_root[] = {"strings", NULL};
static const char *const keys_lang[] = {"zh", "en", NULL};

static int string_cmp(const void *a, const void *b)
{
    return strcmp(((const bundle_string_entry *)a)->key, ((const bundle_string_entry *)b)->key);
}

void load_strings(loader *L, const ynode *root)
{
    bundle *b = L->b;
    schema_keys(L, root, keys_strings_root, "strings.yaml");
    const ynode *map = schema_field(L, root, "strings", true, "strings.yaml");
    if (!map || !schema_want(L, map, YNODE_MAP, "strings", "strings.yaml", " of key: {zh, en}"))
        return;
    if (map->count > BUNDLE_MAX_STRINGS) {
        loader_error(L, loader_at(map), "%zu strings, more than the limit of %d", map->count,
                     BUNDLE_MAX_STRINGS);
        return;
    }
    schema_dup_keys(L, map, "strings"); /* extra keys are allowed */
    b->strings = calloc(map->count ? map->count : 1, sizeof *b->strings);
    if (!b->strings)
        return;
    for (size_t i = 0; i < map->count; i++) {
        const char *key = map->keys[i]->str;
        char what[96];
        snprintf(what, sizeof what, "string '%s'", key);
        bundle_string_entry *e = &b->strings[b->string_count];
        const ynode *v = map->vals[i];
        if (v->kind != YNODE_MAP) {
            loader_error(L, loader_at(v), "%s: expected a mapping with zh and en, got %s", what,
                         schema_kind_desc(v));
            continue;
        }
        schema_keys(L, v, keys_lang, what);
        for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
            schema_text_rule r = {BUNDLE_MAX_STRING_CHARS, l == BUNDLE_ZH, true};
            e->text.s[l] = schema_text(L, v, bundle_lang_names[l], true, what, r, NULL);
        }
        e->key = loader_strdup(L, key);
        if (e->key)
            b->string_count++;
        else
            for (int l = 0; l < BUNDLE_LANG_COUNT; l++)
                free(e->text.s[l]);
    }
    for (size_t i = 0; i < bundle_required_string_count; i++)
        if (!ymap_get(map, bundle_required_strings[i]))
            loader_error(L, schema_key_pos(root, "strings"),
                         "missing required string '%s' (the screens use it)",
                         bundle_required_strings[i]);
    qsort(b->strings, b->string_count, sizeof *b->strings, string_cmp);
}
