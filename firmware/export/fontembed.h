/* fontembed: the kiosk's fonts carried inside a self-contained HTML page.
 *
 * A page that names its fonts by family looks different on every machine:
 * the browser takes whatever the system (fontconfig, Windows, macOS) offers
 * under that name and falls back, character by character, to yet other
 * fonts. A page written with fontembed_write() carries its fonts instead,
 * the very ones the kiosk draws with: for every character of the page and
 * every family slot of the font chain (text/fontset.h), the font the kiosk
 * would draw it with (fontset_pick); each font of the chain that draws any
 * of them is subset to the page's characters with hb-subset and written as
 * an @font-face rule with a data: URL. Nothing is fetched and no system
 * font is named before the embedded ones.
 *
 * The page names its fonts only through two custom properties, var(--sans)
 * and var(--serif) (font stacks: the slot's own family, the chain's
 * fallbacks, the other family, a generic family last), and weights 400 and
 * 700 (a weight between picks one of them, as CSS matching does; no bold is
 * synthesised). Every OpenType layout feature is kept: a browser compresses
 * CJK punctuation with `halt`, and Noto Sans CJK's `hwid` gives its
 * half-width Latin (the glyphs of Noto Sans Mono CJK), the page's monospace.
 * The subsets keep the whole `name` table, so every embedded font still
 * carries its copyright and licence notices.
 *
 * Families: "Kiosk Sans" (slots FONTSET_SANS, FONTSET_SANS_BOLD), "Kiosk
 * Serif" (FONTSET_SERIF, FONTSET_SERIF_BOLD), "Kiosk Fallback N" (the chain's
 * fallback fonts, N from 1, any weight). The output is deterministic: the
 * same page and fonts give the same bytes. */
#ifndef EXPORT_FONTEMBED_H
#define EXPORT_FONTEMBED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "text/fontset.h"

#define FONTEMBED_MISSING_MAX 16 /* characters without a font listed */

typedef struct {
    size_t faces;                                /* @font-face rules written */
    size_t bytes;                                /* font data embedded (before base64) */
    size_t chars;                                /* distinct characters of the page */
    size_t missing;                              /* of them, in no font of the chain */
    uint32_t missing_cps[FONTEMBED_MISSING_MAX]; /* the first of those, ascending */
} fontembed_stats;

/* Writes to `out` (inside a <style> element) the @font-face rules for the
 * characters of page[0..n) (UTF-8 as the page holds it; its markup is
 * printable ASCII, which is always included, so the page's text may be
 * passed with its tags) and a :root rule defining --sans and --serif.
 * fs NULL (the kiosk's fonts are not at hand): no @font-face, the stacks
 * name Noto CJK SC and the generic families, and every character counts as
 * missing. `st` may be NULL. False with a message in err when a font cannot
 * be read or subset, or writing failed. */
bool fontembed_write(FILE *out, font_set *fs, const char *page, size_t n, fontembed_stats *st, char *err,
                     size_t errlen);

#endif
