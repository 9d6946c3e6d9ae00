/* bundle_hooks: what the app layer lends the bundle checks (core/bundle.h
 * cannot see the text engine): font coverage through the engine's font
 * chain, and text height measured exactly as the screens lay text out, at
 * the smallest supported picture (BUNDLE_FIT_SCREEN_W x _H). The kiosk and
 * --check use the same hooks, so they cannot disagree. */
#ifndef APP_BUNDLE_HOOKS_H
#define APP_BUNDLE_HOOKS_H

#include "content/load.h"
#include "text/layout.h"

/* The fonts directory: $KIOSK_FONTS_DIR, else "fonts" (relative to the
 * working directory: the repository root, or the kiosk's install folder). */
const char *app_fonts_dir(void);

/* Fills opts->has_char, opts->text_height and opts->ctx from `te` (not
 * owned; must outlive the checks). te NULL leaves the hooks NULL. */
void app_bundle_hooks(bundle_check_opts *opts, text_engine *te);

#endif
