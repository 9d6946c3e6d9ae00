/* check_fit: texts fit their place on the smallest supported screen. Private
 * to content/; called by the file loaders.
 *
 * Which style each text is measured at is decided here; the widths, and how
 * many lines or pixels a text may take, are the screens' own (opts->fit,
 * bundle_fit_areas in content/load.h). The measuring itself is the
 * text_height hook of bundle_check_opts (no hook or no areas: nothing is
 * checked).
 * Errors are reported at the text's value; for {zh, en} pairs, at each
 * language's value. The texts are borrowed. */
#ifndef CONTENT_CHECK_FIT_H
#define CONTENT_CHECK_FIT_H

#include "content/load_private.h"
#include "content/model.h"

/* An article's title set as a card heading. */
void check_fit_article_title(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                             const bundle_text *title, const char *what);

/* An excerpt's heading on its attract card. */
void check_fit_excerpt_heading(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                               const bundle_text *heading, const char *what);

/* An excerpt's paragraphs in the reader, within its scroll limit. */
void check_fit_excerpt_text(loader *L, loader_pos at, const bundle_excerpt *e, const char *what);

/* An event's title on the detail card. */
void check_fit_event_title(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                           const bundle_text *title, const char *what);

/* An event's summary in the detail card's text area (each language). */
void check_fit_event_summary(loader *L, const loader_pos at[BUNDLE_LANG_COUNT],
                             const bundle_text *summary, const char *what);

#endif
