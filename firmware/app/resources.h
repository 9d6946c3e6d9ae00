/* resources: what the program loads before it can show anything, shared by
 * the kiosk and the command-line modes: the fonts, the text engine with its
 * glyph atlas, and the bundle through every check.
 *
 * The bundle checks need the text engine (content/ cannot see it): font
 * coverage through the engine's font chain, and text height measured
 * exactly as the screens lay text out, in the screens' own areas at the
 * smallest supported picture (ui/metrics.h). The kiosk and --check use the
 * same hooks, so they cannot disagree. */
#ifndef APP_RESOURCES_H
#define APP_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "app/options.h"
#include "content/load.h"
#include "text/atlas.h"
#include "text/layout.h"
#include "ui/metrics.h"

/* The fonts directory: $KIOSK_FONTS_DIR, else "fonts" (relative to the
 * working directory: the repository root, or the kiosk's install folder). */
const char *app_fonts_dir(void);

/* What the checks measure with: the text engine, and the screens' metrics
 * at the smallest supported picture with the fit areas taken from them. */
typedef struct {
    text_engine *te;
    ui_metrics m;
    bundle_fit_areas fit;
} app_checks;

/* Fills opts->has_char, opts->text_height, opts->fit and opts->ctx, with
 * `c` (filled here) as their context; c and te (not owned) must outlive the
 * checks. te NULL leaves the hooks NULL (font and fit checks skipped). */
void app_bundle_hooks(bundle_check_opts *opts, app_checks *c, text_engine *te);

/* Opens the text engine on app_fonts_dir() and a glyph atlas over its font
 * chain. On failure returns false with a message in err; whatever was
 * opened is in *te / *at for the caller to close. */
bool app_open_text(text_engine **te, atlas **at, char *err, size_t errlen);

/* Loads the bundle in dir (with o->sources) through the checks --check runs
 * and logs every diagnostic. Returns the bundle, or NULL when it has errors;
 * either way the diagnostics are in *diags (initialised here; the caller
 * frees them). */
bundle *app_load_bundle(const kiosk_options *o, const char *dir, text_engine *te, diag_list *diags);

#endif
