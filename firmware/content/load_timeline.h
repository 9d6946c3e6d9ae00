/* load_timeline: timeline.yaml, eras and events. Private to content/; called
 * by bundle_load() after load_articles().
 *
 * Eras (optional) are listed in order and do not overlap: an era ends no
 * earlier than it begins, and begins after the last day of the era above it
 * (content/date.h's first/last day). Events are listed in date order (the
 * first event out of order is reported, not the ones after it); each has a
 * {zh, en} title and summary that fit the detail card (check_fit), a category
 * and track from model.h's names, and 1..BUNDLE_MAX_SOURCES_PER_EVENT sources,
 * each an article reference with a verbatim quote (check_refs,
 * check_verbatim). Fills b->eras and b->events in file order; when the event
 * list itself is unusable, L->have[LOADER_TIMELINE] becomes false (the
 * attract loop's references to events are then not checked). Every string
 * read is owned by the bundle. */
#ifndef CONTENT_LOAD_TIMELINE_H
#define CONTENT_LOAD_TIMELINE_H

#include "content/load_private.h"

/* Loads the root mapping of timeline.yaml (L->file) into L->b. */
void load_timeline(loader *L, const ynode *root);

#endif
