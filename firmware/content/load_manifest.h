/* load_manifest: manifest.yaml, the bundle's settings. Private to content/;
 * called by bundle_load() after the excerpts and the timeline, which its
 * attract loop refers to.
 *
 * Reads the id (check_refs' form, not recorded: it is not an item id),
 * version, {zh, en} title, default language, idle timeout and countdown,
 * the attract loop (dwell times and the order of {excerpt: ID} / {event: ID}
 * items, resolved to indices by check_refs), the theme's colours, the
 * accessibility defaults and the operator PIN. A setting that is absent keeps
 * the default load_manifest_defaults() put there. Strings read are owned by
 * the bundle. */
#ifndef CONTENT_LOAD_MANIFEST_H
#define CONTENT_LOAD_MANIFEST_H

#include "content/load_private.h"
#include "content/model.h"

/* The defaults of the optional settings (idle times, dwell times, the
 * README's example theme), set before any file is read. */
void load_manifest_defaults(bundle_manifest *m);

/* Loads the root mapping of manifest.yaml (L->file) into L->b->manifest. */
void load_manifest(loader *L, const ynode *root);

#endif
