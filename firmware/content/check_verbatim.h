/* check_verbatim: excerpt texts, sections and quotes are the articles' own
 * words. Private to content/; called by the file loaders.
 *
 * The source article of every article is read from the sources directory
 * (L->sources, decided by load.c; NULL: the check is skipped) and normalised
 * once (content/verbatim.h); each text is then normalised the same way and
 * searched in it. A text that is not found is reported with how far it
 * matched and the first character that differs.
 *
 * Ownership: the normalised articles are the loader's (L->article_norm), from
 * check_verbatim_begin() to check_verbatim_end(). */
#ifndef CONTENT_CHECK_VERBATIM_H
#define CONTENT_CHECK_VERBATIM_H

#include <stdbool.h>
#include <stddef.h>

#include "content/load_private.h"

/* Room for the sources of `count` articles (the bundle's articles, before
 * they are read). False when out of memory (not reported). */
bool check_verbatim_begin(loader *L, size_t count);

/* Reads and normalises the source file of article i (its `file` is read);
 * a missing, unreadable or invalid source is an error at `at`, the position
 * of the article's `file`. Nothing when sources are not checked. */
void check_verbatim_source(loader *L, size_t i, loader_pos at);

/* Checks that `text` is in article a's source; `label` names the field in
 * the message ("text", "section", "quote"). Not found is an error, or a
 * warning when `soft`. Nothing when that source was not read. */
void check_verbatim_text(loader *L, size_t a, const char *text, loader_pos at, const char *what,
                         const char *label, bool soft);

/* The same check for an event's date_quote, which may also be found with
 * the article's number-only lines kept: the extraction drops page numbers
 * that way, and a footnote's year can stand alone on a line ("2 0 1 2"). */
void check_verbatim_date_quote(loader *L, size_t a, const char *text, loader_pos at,
                               const char *what);

/* Frees the normalised sources. */
void check_verbatim_end(loader *L);

#endif
