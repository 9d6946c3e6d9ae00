/* Fuzz target: the interaction log reader (stats/stats.h stats_load), with the
 * input as the CSV file, and writing what it kept back out as CSV. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/log.h"
#include "stats/stats.h"

static char g_path[512];

/* $TMPDIR, else /tmp. Every input is written as a file: run-fuzz.sh points
 * TMPDIR at a memory file system, so a run does not wait on a disk. */
static const char *tmp_dir(void)
{
    const char *t = getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

static void cleanup(void)
{
    unlink(g_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    snprintf(g_path, sizeof g_path, "%s/fuzz-stats-XXXXXX", tmp_dir());
    int fd = mkstemp(g_path);
    if (fd < 0) {
        perror("mkstemp");
        abort();
    }
    close(fd);
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(g_path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(g_path);
        abort();
    }
    char err[512];
    stats *s = stats_load(g_path, err, sizeof err);
    if (!s)
        return 0;
    stats_load_warnings(s);
    FILE *out = fopen("/dev/null", "w");
    if (out) {
        stats_write_csv(s, out);
        fclose(out);
    }
    stats_close(s);
    return 0;
}
