/* shown: the bundle on the screen, owned here, and the directory it came
 * from (app/trial.h decides which: the slots or --bundle).
 *
 * Each bundle shown gets the site's settings over its manifest: the config
 * file's idle timeout, PIN, reduced motion and high contrast belong to this
 * kiosk, not to the content, so they hold for every bundle shown, reloaded
 * or installed. The bundle it replaces is freed after the scenes let go of
 * it, and malloc_trim gives the pages its thousands of small blocks leave
 * empty back to the system, so a kiosk that takes an update every hour for
 * months does not keep each bundle's high-water mark (glibc; a few ms per
 * swap).
 *
 * The operator menu's reload loads the same directory again through every
 * check: a bundle with errors is refused (traced, and said in the menu) and
 * the last good one stays. */
#ifndef APP_SHOWN_H
#define APP_SHOWN_H

#include <limits.h>

#include "app/options.h"
#include "content/diag.h"
#include "content/model.h"
#include "core/trace.h"
#include "text/layout.h"
#include "ui/shell.h"

typedef struct {
    /* borrowed, from shown_init */
    const kiosk_options *o;
    trace *tr;
    ui_shell *shell;
    text_engine *te;
    /* state */
    bundle *b;          /* the bundle on the screen; NULL: the error screen */
    char dir[PATH_MAX]; /* where it was loaded from (or refused) */
} shown_state;

/* Borrows what showing needs (all must outlive s); nothing is shown yet. */
void shown_init(shown_state *s, const kiosk_options *o, trace *tr, ui_shell *shell, text_engine *te);

/* Shows b (owned from then on), loaded from dir (may be s->dir), in place of
 * what was shown. */
void shown_bundle(shown_state *s, bundle *b, const char *dir);

/* Shows the error screen for dir's diagnostics (a bundle shown before is
 * kept until the next shown_bundle or shown_free). */
void shown_error(shown_state *s, const char *dir, const diag_list *diags);

/* The operator menu's reload (above). */
void shown_reload(shown_state *s);

/* Frees the bundle shown (after the scenes let go of it). */
void shown_free(shown_state *s);

#endif
