/* load_articles: articles.yaml, the source articles. Private to content/;
 * called by bundle_load() first, since every other file refers to articles.
 *
 * Fills b->articles (one per list item, in file order; an item with errors
 * keeps NULL fields), records their ids for uniqueness (check_refs), reads
 * and normalises each article's source file for the verbatim check
 * (check_verbatim) and checks that titles fit the article list cards
 * (check_fit). When the list itself is unusable, L->have[LOADER_ARTICLES]
 * becomes false so that references to articles are not checked against it.
 * Every string read is owned by the bundle. */
#ifndef CONTENT_LOAD_ARTICLES_H
#define CONTENT_LOAD_ARTICLES_H

#include "content/load_private.h"

/* Loads the root mapping of articles.yaml (L->file) into L->b. */
void load_articles(loader *L, const ynode *root);

#endif
