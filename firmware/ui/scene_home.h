/* scene_home: the exhibit's title, two large choices (Articles, Timeline)
 * and the language toggle; when the manifest sets listen_on_home and there
 * is sound, a Listen button in the top bar (so within reach in reach mode)
 * that reads the title and the choices' names in the language shown.
 * Landscape puts the choices side by side, portrait stacks them.
 * Stateless: its geometry is ui/geometry.h's. */
#ifndef UI_SCENE_HOME_H
#define UI_SCENE_HOME_H

typedef struct ui_scene ui_scene;

extern const ui_scene scene_home;

#endif
