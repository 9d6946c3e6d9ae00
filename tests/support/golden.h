/* golden: compare a rendered RGBA image with a reference PNG.
 *
 * References live in GOLDEN_DIR ("tests/golden", relative to the repository
 * root, where tests run) as <name>.png.
 *
 * Environment:
 *   KIOSK_UPDATE_GOLDEN=1  golden_check() (re)writes GOLDEN_DIR/<name>.png
 *                          from the image instead of comparing, and passes.
 *                          Look at the written file before committing it.
 *
 * On a mismatch the actual image and a diff image are written to
 * $TMPDIR/kiosk-golden/ (TMPDIR defaults to /tmp) as <name>.actual.png and
 * <name>.diff.png (differing pixels red over a faded copy of the reference),
 * and the message gives the counts and the paths. */
#ifndef TESTS_GOLDEN_H
#define TESTS_GOLDEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GOLDEN_DIR "tests/golden"
#define GOLDEN_ENV_UPDATE "KIOSK_UPDATE_GOLDEN"

/* A pixel differs when any channel differs by more than `tolerance`; the
 * check passes when at most `max_fraction` (0..1) of the pixels differ and
 * the sizes match. rgba rows are `stride` bytes apart. On failure (or an
 * unreadable/unwritable file) returns false with the reason in msg. */
bool golden_check(const char *name, const uint8_t *rgba, int w, int h, int stride,
                  int tolerance, double max_fraction, char *msg, size_t msglen);

/* The same for a PNG file on disk (a screenshot the kiosk wrote). */
bool golden_check_png(const char *path, const char *name, int tolerance, double max_fraction, char *msg,
                      size_t msglen);

/* Two PNG files: `actual` against `reference` with the same rule (and the
 * same files written on a mismatch, named after `name`); never rewrites
 * anything. For images rendered elsewhere, e.g. on another architecture. */
bool golden_compare_files(const char *reference, const char *actual, const char *name, int tolerance,
                          double max_fraction, char *msg, size_t msglen);

/* The tolerance of the end-to-end screenshots (tests/test_e2e.c) and of the
 * comparisons across builds: per channel out of 255, and the fraction of
 * pixels allowed beyond it. */
#define GOLDEN_SHOT_TOLERANCE 16
#define GOLDEN_SHOT_MAX_FRACTION 0.002

#endif
