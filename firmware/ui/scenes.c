/* scenes: the registry of the scenes the shell runs (ui/ui.h). A new scene
 * is one line here; the shell allocates its state (state_size) at start. */
#include "ui/scene_attract.h"
#include "ui/scene_error.h"
#include "ui/scene_home.h"
#include "ui/scene_reader.h"
#include "ui/scene_timeline.h"
#include "ui/ui.h"

const ui_scene *const ui_scene_list[] = {
    &scene_attract, &scene_home, &scene_reader, &scene_timeline, &scene_error,
};
const size_t ui_scene_list_count = sizeof ui_scene_list / sizeof ui_scene_list[0];

_Static_assert(sizeof ui_scene_list / sizeof ui_scene_list[0] <= UI_MAX_SCENES, "raise UI_MAX_SCENES");
