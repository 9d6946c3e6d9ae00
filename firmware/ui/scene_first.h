/* scene_first: the first screen: the bundle's title and one excerpt on a
 * dark background, so the path bundle -> text -> frame -> PNG exists end to
 * end. Tapping it traces the tap. */
#ifndef UI_SCENE_FIRST_H
#define UI_SCENE_FIRST_H

#include "ui/ui.h"

extern const ui_scene scene_first;

/* Content for the scene, set before entering it (strings are copied). */
void scene_first_set_content(const char *title, const char *heading, const char *text);

#endif
