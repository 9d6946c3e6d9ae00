/* load: reading a bundle directory into the model (content/model.h).
 *
 * Loading IS validating: bundle_load() runs every check and returns NULL when
 * any error was found (warnings are allowed). The kiosk and `--check` call the
 * same function, so a bundle that passes `--check` is exactly a bundle the
 * kiosk accepts. Checks that need other layers (font coverage, text fitting)
 * go through optional hooks in bundle_check_opts; the source articles for the
 * verbatim check are found through opts->sources or DIR/sources/.
 *
 * Inside content/, loading is split by concern around the private per-load
 * state of content/load_private.h: load.c (this function: the directory, parsing,
 * the order of the files), one loader per file (load_articles.c,
 * load_excerpts.c, load_timeline.c, load_manifest.c, load_strings.c), the
 * typed field readers (schema.c) and the checks (check_refs.c,
 * check_verbatim.c, check_text.c, check_fit.c). */
#ifndef CONTENT_LOAD_H
#define CONTENT_LOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "content/diag.h"
#include "content/model.h"

/* The screen areas the fit check measures texts in, at one picture size:
 * the smallest supported one. The UI computes them from the very geometry
 * its screens are laid out with (ui/geometry.h, ui_geometry_fit), so content/
 * holds no figure of its own and "passes the check" means "fits on the
 * screen". Widths and heights in px; "one line" is measured as the height of
 * a single CJK character, so the check holds whatever sizes the engine picks.
 *   - an excerpt's heading and an article's title at the title style in the
 *     attract card's text width, at most card_lines / article_lines lines;
 *   - an excerpt's text at the body style in the reader's column, paragraphs
 *     one blank line apart, at most reader_max_h (a visitor should not
 *     scroll more than a few screens);
 *   - an event's title at the title style in the event card's text width,
 *     at most detail_lines lines, and its summary at the body style within
 *     detail_max_h (the card does not scroll). */
typedef struct {
    int screen_w, screen_h; /* the picture the areas are of (for messages) */
    int card_w, card_lines, article_lines;
    int reader_w, reader_max_h;
    int detail_w, detail_lines, detail_max_h;
} bundle_fit_areas;

/* Options of the checks. A NULL opts is the same as all fields zero. */
typedef struct {
    /* Directory of the source articles for the verbatim check. NULL: DIR/sources/
     * when it exists, else the check is skipped with one warning. A directory
     * given here that does not exist is an error. */
    const char *sources;
    /* No articles at hand is expected, not a warning: the kiosk's own loads
     * of a bundle that was checked with its articles before it came to the
     * kiosk (`--check`, kiosk-bundle pack). The check is then skipped
     * quietly; bundle.verbatim_checked says whether it ran. */
    bool sources_optional;
    /* Font coverage: true when the font chain can draw cp. NULL: not checked. */
    bool (*has_char)(void *ctx, uint32_t cp);
    /* Height in px of utf8 laid out at `style` (a text_style_id of
     * text/style.h) within width_px, as the screens of fit->screen_w x
     * fit->screen_h lay it out. NULL (or fit NULL): the fit check is skipped. */
    int (*text_height)(void *ctx, const char *utf8, int style, int width_px);
    const bundle_fit_areas *fit; /* the areas measured in (borrowed) */
    void *ctx;                   /* passed to both hooks */
    /* Return the bundle even when it has errors, as far as it could be read
     * (fields may be NULL, references unresolved): for the review sheet,
     * which shows a broken bundle with its problems. Never for showing. */
    bool keep_on_error;
    /* Decode every narration file to its end (content/load_audio.h); false:
     * its first packets only, which keeps the kiosk's start fast. */
    bool audio_decode_all;
} bundle_check_opts;

/* Loads and validates the bundle in `dir`. Every problem is appended to
 * `diags` (which must be initialised). Returns the bundle when there is no
 * error (warnings allowed), NULL otherwise (unless opts->keep_on_error).
 * Caller frees with bundle_free(). */
bundle *bundle_load(const char *dir, const bundle_check_opts *opts, diag_list *diags);

#endif
