/* check_refs: ids and the references between the bundle's files. Private to
 * content/; called by the file loaders.
 *   - an id is [a-z0-9-], 1..BUNDLE_MAX_ID_LEN characters;
 *   - an id is unique in the whole bundle, across files: the loader keeps a
 *     table of the ids read so far (L->ids), in the order the files are
 *     loaded, so the second use is the one reported;
 *   - `article: ID` names an article of articles.yaml (a typo gets the
 *     closest id); the attract loop's excerpt and event ids exist in
 *     excerpts.yaml and timeline.yaml. A reference into a file that is
 *     broken (L->have false) is not checked: its error is already reported
 *     and would only cascade.
 * Errors are reported at the id's or reference's node. */
#ifndef CONTENT_CHECK_REFS_H
#define CONTENT_CHECK_REFS_H

#include <stdbool.h>

#include "content/load_private.h"

/* True when the scalar v is a well-formed id; an error otherwise. */
bool check_refs_id_form(loader *L, const ynode *v, const char *what);

/* The required `id` of map, well-formed and not used before in the bundle.
 * Returns a new string (the caller stores it in the bundle, which owns it;
 * the loader's table points to it until loading ends) or NULL (reported). */
char *check_refs_new_id(loader *L, const ynode *map, const char *what);

/* The required `article: ID` of map: the article's index, or -1 (reported,
 * or not checked). */
long check_refs_article(loader *L, const ynode *map, const char *what);

/* The excerpt / event whose id is the scalar ref: its index, or -1
 * (reported, or not checked). */
long check_refs_excerpt(loader *L, const ynode *ref, const char *what);
long check_refs_event(loader *L, const ynode *ref, const char *what);

/* Frees the loader's id table (not the ids: the bundle owns them). */
void check_refs_free(loader *L);

#endif
