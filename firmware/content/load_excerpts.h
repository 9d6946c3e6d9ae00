/* load_excerpts: excerpts.yaml, the passages the reader and the attract loop
 * show. Private to content/; called by bundle_load() after load_articles().
 *
 * Fills b->excerpts (one per list item, in file order; an excerpt whose
 * article is unknown has article (size_t)-1): ids (check_refs), the article
 * reference, the optional section (a warning when it is not in the article),
 * note numbers, the {zh, en} heading (check_fit), the required English
 * summary (`summary: {en: ...}`, at most BUNDLE_MAX_EXCERPT_SUMMARY_EN
 * characters), and the text, cleaned and
 * split into paragraphs at blank lines, at most BUNDLE_MAX_EXCERPT_CHARS,
 * verbatim from its article (check_verbatim) and within the reader's scroll
 * limit (check_fit). When the list itself is unusable,
 * L->have[LOADER_EXCERPTS] becomes false (the attract loop's references to
 * excerpts are then not checked). Every string read is owned by the bundle. */
#ifndef CONTENT_LOAD_EXCERPTS_H
#define CONTENT_LOAD_EXCERPTS_H

#include "content/load_private.h"

/* Loads the root mapping of excerpts.yaml (L->file) into L->b. */
void load_excerpts(loader *L, const ynode *root);

#endif
