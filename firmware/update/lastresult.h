/* lastresult: the last thing that happened to the content updates, in
 * words, for the operator (kiosk --status): an install, a refusal, a
 * rollback, a confirmation, with when it happened.
 *
 *     STATE/last-update
 *     1763800042 version 1.2.0 installed in slot b from exhibit-1.2.0.kbundle (on trial)
 *
 * One line: seconds since 1970, a space, the text. Whoever does the thing
 * writes it (an install process, the kiosk, kiosk --rollback), atomically
 * (core/fileio.h); the last write wins, which is the meaning of the file,
 * so no lock is needed. libc only; errors to a caller's buffer. */
#ifndef UPDATE_LASTRESULT_H
#define UPDATE_LASTRESULT_H

#include <stdbool.h>
#include <stddef.h>

#define LASTRESULT_FILE "last-update"
#define LASTRESULT_MAX 1024 /* the text, cut at a character */

/* Replaces the file with `text` (control characters written as spaces),
 * stamped with the time now. */
bool lastresult_write(const char *state_dir, const char *text, char *err, size_t errlen);

/* The last result: *when 0 and text "" when there is none (true). False
 * with err when the file cannot be read or is damaged. */
bool lastresult_read(const char *state_dir, long long *when, char *text, size_t textlen, char *err,
                     size_t errlen);

#endif
