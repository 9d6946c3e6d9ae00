/* scene_home: the exhibit's title, two large choices (Articles, Timeline)
 * and the language toggle. Landscape puts the choices side by side,
 * portrait stacks them. Stateless: its geometry is the metrics' (ui/metrics.h). */
#ifndef UI_SCENE_HOME_H
#define UI_SCENE_HOME_H

typedef struct ui_scene ui_scene;

extern const ui_scene scene_home;

#endif
