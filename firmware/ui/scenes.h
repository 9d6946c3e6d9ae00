/* scenes: every scene of the exhibit, and the overlays drawn over them. */
#ifndef UI_SCENES_H
#define UI_SCENES_H

#include "ui/ui.h"

extern const ui_scene scene_attract;  /* the slideshow when nobody touches */
extern const ui_scene scene_home;     /* Articles, Timeline, language */
extern const ui_scene scene_reader;   /* excerpts of the articles */
extern const ui_scene scene_timeline; /* the dialogue timeline */
extern const ui_scene scene_error;    /* built-in: the bundle could not be loaded */

/* Reader entry points: open at an excerpt, or at the first excerpt of an
 * article (from the timeline's "read the article"). Call before switching. */
void scene_reader_open_excerpt(size_t excerpt);
void scene_reader_open_article(size_t article);

/* The error screen's content: a title line and the diagnostics text (copied). */
void scene_error_set(const char *bundle_dir, const char *diagnostics);

#endif
