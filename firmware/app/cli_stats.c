/* --stats DIR: the interaction log of a state directory, as CSV on stdout. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/cli.h"
#include "core/log.h"
#include "stats/stats.h"

int cli_stats(const kiosk_options *o)
{
    const char *dir = o->stats_dir;
    struct stat st;
    if (stat(dir, &st) != 0) {
        fprintf(stderr, "kiosk: --stats: state directory '%s': %s\n", dir, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "kiosk: --stats: state directory '%s': not a directory\n", dir);
        return 1;
    }
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, STATS_FILE_NAME) >= sizeof path) {
        fprintf(stderr, "kiosk: --stats: path too long: '%s'\n", dir);
        return 1;
    }
    char err[LOG_ERR_MAX];
    /* Read-only: inspecting the log never rewrites it. Bad rows are logged as
     * FILE:LINE warnings on stderr; the readable ones are printed. */
    stats *s = stats_load(path, err, sizeof err);
    if (!s) {
        fprintf(stderr, "kiosk: --stats: no interaction log: %s\n", err);
        return 1;
    }
    bool ok = stats_write_csv(s, stdout) && fflush(stdout) == 0;
    stats_close(s);
    if (!ok) {
        fprintf(stderr, "kiosk: --stats: cannot write the output: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
