/* statefile: the small text files update/ keeps in the state directory
 * (slots/state, inbox-verdicts, last-update), read and written the one
 * way: read whole, a missing file being no error and anything but a
 * regular file without a NUL byte being one; replaced atomically
 * (core/fileio.h), so that a power cut leaves the old file or the new one.
 * Messages name the file as "STATE_DIR/NAME". libc only. */
#ifndef UPDATE_STATEFILE_H
#define UPDATE_STATEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/fileio.h"

/* The file `name` (a path below state_dir) read whole, at most `max` bytes,
 * NUL-terminated, *len its size; the caller frees it. NULL with *missing
 * when there is none (err ""); NULL with "STATE_DIR/NAME: reason" in err
 * when it cannot be read, is not a regular file (a link included) or holds
 * a NUL byte. */
char *statefile_read(const char *state_dir, const char *name, size_t max, size_t *len, bool *missing,
                     char *err, size_t errlen);

/* Replaces the file `name` below state_dir with what `write` writes
 * (file_write_atomic); false with the reason in err. */
bool statefile_write(const char *state_dir, const char *name, file_writer write, void *ctx, char *err,
                     size_t errlen);

/* Writes s with every C0 control character (a newline included) as a space:
 * a free text kept within its line. */
void statefile_put_text(FILE *f, const char *s);

#endif
