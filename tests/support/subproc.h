/* subproc: test helpers to run build/kiosk as a subprocess and read files. */
#ifndef TESTS_SUBPROC_H
#define TESTS_SUBPROC_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int status;  /* exit status, or -1 when it did not exit normally */
    char *out;   /* everything it wrote on stdout (NUL-terminated, owned) */
    char *err;   /* everything it wrote on stderr */
} subproc_result;

/* The kiosk binary under test: $KIOSK_BIN (set by the test runner), else
 * build/kiosk. */
const char *subproc_kiosk_bin(void);

/* The package tool built next to it: DIR/kiosk-bundle. */
const char *subproc_bundle_tool_bin(void);

/* Runs argv (argv[0] is the program path, NULL-terminated) and waits.
 * Returns false when it could not be started. Free with subproc_free(). */
bool subproc_run(char *const argv[], subproc_result *r);
void subproc_free(subproc_result *r);

/* Whole file, NUL-terminated; NULL when unreadable. Caller frees. */
char *subproc_read_file(const char *path, size_t *len);

/* A fresh empty directory under $KIOSK_TMP (or $TMPDIR, /tmp). Caller
 * removes it (scratch_rm_rf, support/scratch.h). Returns false on failure. */
bool subproc_tmpdir(char *buf, size_t len);

/* One private directory for the whole test program (under $KIOSK_TMP or
 * /tmp), made on first use; the same path on every call. */
const char *subproc_test_dir(void);

/* Runs a shell command (printf-style); returns its exit status (128+N for
 * signal N). For pipelines and redirections; subproc_run() otherwise. */
int subproc_shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Lines of `text` containing every one of the NULL-terminated needles (a
 * cheap way to find a trace event without a JSON parser). */
int subproc_count_lines(const char *text, ...);

/* Copies a directory tree (regular files and directories). */
bool subproc_copy_tree(const char *from, const char *to);

#endif
