/* Fuzz target: the interaction log reader (stats/stats.h stats_load), with the
 * input as the CSV file, and writing what it kept back out as CSV. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "stats/stats.h"
#include "support/scratch.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = scratch_input("fuzz-stats", data, size);
    if (!path) {
        perror("fuzz_stats: the input file");
        abort();
    }
    char err[512];
    stats *s = stats_load(path, err, sizeof err);
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
