/* Files that are not what they claim: a FIFO or a directory where a file is
 * read (no blocking, a message naming what it is), read errors reported as
 * such, and writes that fail (the trace, screenshots) failing the run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "support/subproc.h"
#include "support/scratch.h"

#define MINIMAL "tests/bundles/minimal"
#define TIMEOUT "timeout 30" /* a blocked open fails the test instead of hanging it */

static char tmp[512];

static int setup(void **state)
{
    (void)state;
    return subproc_tmpdir(tmp, sizeof tmp) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    scratch_rm_rf(tmp);
    return 0;
}

/* Runs the kiosk with `args` (a shell fragment) under a timeout; stderr in
 * *err (caller frees). Returns the exit status (124: timed out). */
static int kiosk(char **err, const char *args)
{
    char path[600];
    snprintf(path, sizeof path, "%s/stderr.txt", tmp);
    int rc = subproc_shell(TIMEOUT " %s >/dev/null %s 2>%s", subproc_kiosk_bin(), args, path);
    *err = subproc_read_file(path, NULL);
    assert_non_null(*err);
    return rc;
}

static void test_read_all_refuses_special_files(void **state)
{
    (void)state;
    char fifo[600], why[256];
    snprintf(fifo, sizeof fifo, "%s/fifo", tmp);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    size_t n;
    alarm(30); /* the old blocking open waited for a writer for ever */
    assert_null(file_read_all(fifo, 1024, &n, why, sizeof why));
    assert_string_equal(why, "a FIFO, not a regular file");
    assert_null(file_open_regular(fifo, why, sizeof why));
    alarm(0);
    assert_null(file_read_all(tmp, 1024, &n, why, sizeof why));
    assert_string_equal(why, "a directory, not a regular file");
    assert_null(file_read_all("/dev/null", 1024, &n, why, sizeof why));
    assert_string_equal(why, "a character device, not a regular file");
    /* A regular file whose read fails (EIO at offset 0). */
    assert_null(file_read_all("/proc/self/mem", 1024, &n, why, sizeof why));
    assert_non_null(strstr(why, "read error: "));
    unlink(fifo);
}

/* A FIFO and a directory in place of the source articles: --check reports
 * both at their articles' lines and ends. */
static void test_check_special_sources(void **state)
{
    (void)state;
    char b[600], p[700];
    snprintf(b, sizeof b, "%s/bundle", tmp);
    assert_true(subproc_copy_tree(MINIMAL, b));
    snprintf(p, sizeof p, "%s/sources/001_minimal_dialogue.txt", b);
    assert_int_equal(unlink(p), 0);
    assert_int_equal(mkfifo(p, 0600), 0);
    snprintf(p, sizeof p, "%s/sources/002_minimal_norms.txt", b);
    assert_int_equal(unlink(p), 0);
    assert_int_equal(mkdir(p, 0700), 0);
    char *err;
    char args[700];
    snprintf(args, sizeof args, "--check %s", b);
    int rc = kiosk(&err, args);
    char want[2000];
    snprintf(want, sizeof want,
             "%s/articles.yaml:3: error: source file '001_minimal_dialogue.txt' cannot be read in %s/sources: a "
             "FIFO, not a regular file", b, b);
    if (rc != 1 || !strstr(err, want))
        fail_msg("exit %d, wanted 1 and\n%s\n:\n%s", rc, want, err);
    snprintf(want, sizeof want, "%s/articles.yaml:15: error: source file '002_minimal_norms.txt' cannot be read in %s/sources: a directory", b, b);
    assert_non_null(strstr(err, want));
    free(err);
    /* The kiosk starts with it too: refused, not blocked. */
    snprintf(args, sizeof args, "--headless --frames 2 --size 800x480 --bundle %s", b);
    rc = kiosk(&err, args);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(err, "a FIFO, not a regular file"));
    free(err);
    scratch_rm_rf(b);
}

/* A FIFO where a narration file should be: refused at its line in the
 * YAML, never opened for reading (which would wait for a writer). */
static void test_narration_fifo(void **state)
{
    (void)state;
    char b[600], p[700];
    snprintf(b, sizeof b, "%s/narrated", tmp);
    assert_true(subproc_copy_tree(MINIMAL, b));
    snprintf(p, sizeof p, "%s/audio", b);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/audio/ex-origin.zh.opus", b);
    assert_int_equal(mkfifo(p, 0600), 0);
    assert_int_equal(subproc_shell("sed -i '0,/^    summary:/{/^    summary:/a\\\n    audio: {zh: audio/ex-origin.zh.opus}\n}' "
                                   "%s/excerpts.yaml", b),
                     0);
    char *err, args[700], want[1600];
    snprintf(args, sizeof args, "--check %s", b);
    int rc = kiosk(&err, args);
    snprintf(want, sizeof want,
             "%s/excerpts.yaml:14: error: excerpt 'ex-origin': 'audio' zh: audio/ex-origin.zh.opus: a FIFO, not a "
             "regular file", b);
    if (rc != 1 || !strstr(err, want))
        fail_msg("exit %d, wanted 1 and\n%s\n:\n%s", rc, want, err);
    free(err);
    scratch_rm_rf(b);
}

/* --script DIR is an error of the command line (2), not an empty script. */
static void test_script_directory(void **state)
{
    (void)state;
    char *err, args[700];
    snprintf(args, sizeof args, "--headless --frames 2 --script %s", tmp);
    int rc = kiosk(&err, args);
    char want[700];
    snprintf(want, sizeof want, "%s: cannot open script: a directory, not a regular file", tmp);
    if (rc != 2 || !strstr(err, want))
        fail_msg("exit %d, wanted 2 and '%s':\n%s", rc, want, err);
    free(err);
}

/* A trace or a screenshot that cannot be written fails the run, saying so;
 * and a failed screenshot never removes what was at its path. */
static void test_failed_writes(void **state)
{
    (void)state;
    char *err;
    int rc = kiosk(&err, "--headless --frames 2 --size 320x240 --trace /dev/full");
    if (rc != 1 || !strstr(err, "/dev/full: cannot write trace: No space left on device"))
        fail_msg("trace: exit %d:\n%s", rc, err);
    free(err);
    rc = kiosk(&err, "--headless --frames 2 --size 320x240 --trace - >/dev/full");
    if (rc != 1 || !strstr(err, "stdout: cannot write trace"))
        fail_msg("trace on stdout: exit %d:\n%s", rc, err);
    free(err);
    rc = kiosk(&err, "--headless --frames 2 --size 320x240 --screenshot /dev/full");
    if (rc != 1 || !strstr(err, "/dev/full: cannot write PNG"))
        fail_msg("screenshot: exit %d:\n%s", rc, err);
    free(err);
    struct stat st;
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* A script's shot into a directory that does not exist. */
    char script[600], args[1400];
    snprintf(script, sizeof script, "%s/shot.txt", tmp);
    assert_true(scratch_write_text(script, "0.1 shot first\n"));
    snprintf(args, sizeof args, "--headless --frames 20 --size 320x240 --script %s --shot-dir %s/none", script, tmp);
    rc = kiosk(&err, args);
    if (rc != 1 || !strstr(err, "none/first.png: cannot write PNG"))
        fail_msg("script shot: exit %d:\n%s", rc, err);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_all_refuses_special_files),
        cmocka_unit_test(test_check_special_sources),
        cmocka_unit_test(test_narration_fifo),
        cmocka_unit_test(test_script_directory),
        cmocka_unit_test(test_failed_writes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
