/* run: helpers for tests that run build/kiosk as a subprocess.
 * Paths are relative to the repository root (the test runner's cwd). */
#ifndef TESTS_SUPPORT_RUN_H
#define TESTS_SUPPORT_RUN_H

#include <stddef.h>

/* The kiosk binary: $KIOSK_BIN, else build/kiosk. */
const char *run_kiosk_bin(void);

/* A fresh private directory for this test program's files (under
 * $KIOSK_TMP or /tmp); the same path on every call. */
const char *run_tmpdir(void);

/* Runs `cmd` with /bin/sh; returns its exit status (128+N for signal N). */
int run_shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole file, NUL-terminated; NULL if it cannot be read. Caller frees. */
char *run_read_file(const char *path, size_t *len);

/* Number of lines of `text` that contain every one of the NULL-terminated
 * needles (a cheap way to find a trace event without a JSON parser). */
int run_count_lines(const char *text, ...);

#endif
