/* resources: what the program loads before it can show anything, shared by
 * the kiosk and the command-line modes: the fonts, the text engine with its
 * glyph atlas, and the bundle through every check.
 *
 * The bundle checks need the text engine (content/ cannot see it): font
 * coverage through the engine's font chain, and text height measured
 * exactly as the screens lay text out, in the screens' own areas at the
 * smallest supported picture (ui/geometry.h). The kiosk and --check use the
 * same hooks, so they cannot disagree. */
#ifndef APP_RESOURCES_H
#define APP_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "app/options.h"
#include "content/load.h"
#include "text/atlas.h"
#include "text/layout.h"
#include "ui/geometry.h"

/* Where the program's own files are, never relative to the working
 * directory: $KIOSK_FONTS_DIR for the fonts when set; else NAME beside the
 * directory the executable is in or one above it (<exe dir>/../NAME or
 * <exe dir>/../../NAME, from /proc/self/exe: the source tree when run as
 * build/kiosk or build/rpi/kiosk) when it holds our files; else
 * KIOSK_PREFIX/NAME (compile-time, default /usr/share/kiosk: where the
 * Debian package installs fonts/ and content/). */
#ifndef KIOSK_PREFIX
#define KIOSK_PREFIX "/usr/share/kiosk"
#endif

/* The fonts directory (above). */
const char *app_fonts_dir(void);

/* The default bundle (above, NAME "content"), for a run without --bundle
 * or a `bundle` in the config. */
const char *app_default_bundle(void);

/* Every bundled font is a regular file in `dir`; else false with
 * "bundled font DIR/NAME missing: ..." in err. The text engine would fall
 * back to the system's fonts, which look different: a kiosk does not start
 * on them. */
bool app_check_fonts(const char *dir, char *err, size_t errlen);

/* What the checks measure with: the text engine, and the screens' geometry
 * at the smallest supported picture with the fit areas taken from them. */
typedef struct {
    text_engine *te;
    ui_geometry m;
    bundle_fit_areas fit;
} app_checks;

/* Fills opts->has_char, opts->text_height, opts->fit and opts->ctx, with
 * `c` (filled here) as their context; c and te (not owned) must outlive the
 * checks. te NULL leaves the hooks NULL (font and fit checks skipped). */
void app_bundle_hooks(bundle_check_opts *opts, app_checks *c, text_engine *te);

/* Checks the fonts (app_check_fonts), then opens the text engine on app_fonts_dir() and a glyph atlas over its font
 * chain. On failure returns false with a message in err; whatever was
 * opened is in *te / *at for the caller to close. */
bool app_open_text(text_engine **te, atlas **at, char *err, size_t errlen);

/* Loads the bundle in dir (with o->sources) through the checks --check runs
 * and logs every diagnostic. Returns the bundle, or NULL when it has errors;
 * either way the diagnostics are in *diags (initialised here; the caller
 * frees them). */
bundle *app_load_bundle(const kiosk_options *o, const char *dir, text_engine *te, diag_list *diags);

#endif
