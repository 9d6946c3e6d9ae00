/* uistrings: the screens' words, from the bundle's strings.yaml, with the
 * firmware's own text for the keys a bundle may leave out.
 *
 * strings.yaml must define bundle_required_strings (content/model.h); the
 * screens use a few more keys that came with later firmware (the Listen
 * and accessibility buttons, the operator's reach and sound check, the
 * scroll hint, ...). A bundle written before them still loads and shows
 * the text here instead of the bare key; a bundle that defines a key
 * always wins, so a curator can reword any of them. */
#ifndef UI_UISTRINGS_H
#define UI_UISTRINGS_H

#include "content/model.h"

/* The text of `key` in lang: the bundle's, else the firmware's default for
 * an optional key, else the key itself (so a missing text is visible, never
 * blank). */
const char *uistrings_get(const bundle *b, const char *key, bundle_lang lang);

/* The firmware's default text of an optional key, or NULL. */
const char *uistrings_default(const char *key, bundle_lang lang);

#endif
