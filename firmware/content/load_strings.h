/* load_strings: strings.yaml, the UI strings in zh and en. Private to
 * content/; called by bundle_load() last (it refers to nothing).
 *
 * Every key maps to a {zh, en} pair of at most BUNDLE_MAX_STRING_CHARS
 * characters each (shown, so font coverage is checked); extra keys are
 * allowed, duplicates are not, and every key of bundle_required_strings must
 * be there. Fills b->strings sorted by key (bundle_string() searches them);
 * the strings are owned by the bundle. */
#ifndef CONTENT_LOAD_STRINGS_H
#define CONTENT_LOAD_STRINGS_H

#include "content/load_private.h"

/* Loads the root mapping of strings.yaml (L->file) into L->b. */
void load_strings(loader *L, const ynode *root);

#endif
