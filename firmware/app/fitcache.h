/* fitcache: a bundle that passed the fit check is not measured again at the
 * next start while nothing the check depends on has changed.
 *
 * The fit check lays out every text of the bundle at the smallest picture
 * (content/check_fit.h): hundreds of layouts, a third of the time from
 * start to the first frame. Its verdict depends only on the bundle's texts,
 * the fonts, the text engine and the areas measured in; the key is the
 * SHA-256 of all of them: the contents of the bundle's YAML files, the
 * size, modification time and inode of each font file in the chain and of
 * the program itself (a rebuilt engine may break lines differently), and
 * the areas. A key is stored only after a load with the check passed; a
 * key that matches skips only the fit check (every other check still runs
 * and still refuses a broken bundle). `--check` never uses the cache.
 *
 * Where: STATE_DIR/fit-cache with --state-dir, else
 * $XDG_CACHE_HOME/kiosk/fit-cache or $HOME/.cache/kiosk/fit-cache; none
 * when none of them is set. The file holds one line, the last key. */
#ifndef APP_FITCACHE_H
#define APP_FITCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "content/load.h"
#include "text/layout.h"

#define FITCACHE_KEY_HEX 65 /* 64 hex digits and NUL */

/* The cache file for these options' state dir (may be NULL) into path;
 * false when there is none (no state dir and no cache directory). */
bool fitcache_path(const char *state_dir, char *path, size_t n);

/* The key of bundle_dir's texts checked with te's fonts in `areas`; false
 * when a file cannot be read (then nothing is cached or skipped). */
bool fitcache_key(const char *bundle_dir, text_engine *te, const bundle_fit_areas *areas,
                  char key[FITCACHE_KEY_HEX]);

/* True when the cache file holds key. */
bool fitcache_hit(const char *path, const char *key);

/* Stores key (creating the cache's directory when it is the user's cache);
 * a failure is logged as a warning, and the next start checks again. */
void fitcache_store(const char *path, const char *key);

#endif
