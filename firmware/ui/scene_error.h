/* scene_error: the built-in error screen, shown when the kiosk starts and its
 * bundle cannot be loaded (a bundle that fails later, on reload, is refused
 * and the last good one stays on screen). It needs nothing from any bundle:
 * colours and words are built in, bilingual, and it names the problem for
 * the operator: the bundle and its first diagnostics, errors first. */
#ifndef UI_SCENE_ERROR_H
#define UI_SCENE_ERROR_H

#include <stddef.h>

#include "content/diag.h"

#define ERROR_MAX_ITEMS 12 /* diagnostics kept for the screen */
#define ERROR_DIR_MAX 256
#define ERROR_FILE_MAX 512

typedef struct ui_ctx ui_ctx;
typedef struct ui_scene ui_scene;

/* One diagnostic, copied (the list it came from is freed after loading). */
typedef struct {
    diag_severity severity;
    char file[ERROR_FILE_MAX];
    int line, column;
    char message[DIAG_MAX_MESSAGE];
} error_item;

typedef struct {
    char dir[ERROR_DIR_MAX];
    error_item items[ERROR_MAX_ITEMS];
    size_t count;
    size_t more; /* diagnostics not kept */
} error_state;

extern const ui_scene scene_error;

/* The screen's content: the bundle directory and the diagnostics of its
 * load, errors first, then warnings, as many as ERROR_MAX_ITEMS (copied;
 * `diags` is not kept). Call before switching to the scene. Any bytes are
 * accepted: the copies are made valid, printable UTF-8 (utf8_sanitise), cut
 * at a character, because this screen is what the exhibit falls back to and
 * a message may quote the very character that made the bundle fail. */
void scene_error_set(ui_ctx *ctx, const char *bundle_dir, const diag_list *diags);

#endif
