/* scratch: temporary directories and files, and files written whole, for
 * the tests and the fuzz targets alike.
 *
 * Nothing here fails a test: a function says it failed by its return value
 * (false or NULL, with errno set by the call that failed), because a fuzz
 * target links this module and must not abort on an ordinary failure while
 * fuzzing. A test asserts what it needs (assert_true(scratch_write_text(...))). */
#ifndef TESTS_SUPPORT_SCRATCH_H
#define TESTS_SUPPORT_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>

/* Where temporary files go: $KIOSK_TMP (set by toolchain/run-tests.sh), else
 * $TMPDIR (toolchain/run-fuzz.sh points it at a memory file system), else
 * /tmp. */
const char *scratch_root(void);

/* A fresh empty directory ROOT/NAME-XXXXXX; its path in buf. The caller
 * removes it. */
bool scratch_dir(char *buf, size_t len, const char *name);

/* A fresh empty file ROOT/NAME-XXXXXX (created, closed); its path in buf.
 * The caller removes it. */
bool scratch_file(char *buf, size_t len, const char *name);

/* Writes len bytes of data as the whole file path (created, or truncated),
 * closed before it returns. */
bool scratch_write(const char *path, const void *data, size_t len);

/* The same for a NUL-terminated text. */
bool scratch_write_text(const char *path, const char *text);

/* Removes path: a file, or a directory with everything below it (links
 * are removed, never followed). For scratch files and directories only. */
void scratch_rm_rf(const char *path);

/* Removes path (scratch_rm_rf) when the program exits normally: for what a
 * program keeps for its whole run, such as a fuzz target's input file.
 * At most SCRATCH_AT_EXIT_MAX paths. */
#define SCRATCH_AT_EXIT_MAX 16
bool scratch_remove_at_exit(const char *path);

/* Writes data as the whole of the scratch file NAME-XXXXXX that the program
 * keeps for its run (made at the first call for that name, removed at
 * exit): where a fuzz target puts each input for the code that reads a
 * file. Returns its path, or NULL on failure. */
const char *scratch_input(const char *name, const void *data, size_t len);

#endif
