/* Fuzz target: narration files (content/narration.h): the input is written
 * as a file and opened, measured and decoded to its end the way the bundle
 * check (with audio_decode_all) and the speech worker read it, through our
 * read callbacks over libopusfile. Seeds: a valid one-second file and one
 * cut short (tests/fuzz/corpus/narration/). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "content/narration.h"

static char g_path[512];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_path[0]) {
        const char *t = getenv("TMPDIR"); /* run-fuzz.sh: a memory file system */
        snprintf(g_path, sizeof g_path, "%s/fuzz-narration-%d.opus", t && *t ? t : "/tmp", (int)getpid());
    }
    FILE *f = fopen(g_path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
    char err[256];
    double seconds = 0;
    narration *n = narration_open(g_path, &seconds, err, sizeof err);
    if (n) {
        if (!(seconds > 0))
            abort(); /* an opened file has a length */
        narration_decodes(n, 0, err, sizeof err);
        narration_close(n);
    }
    unlink(g_path);
    return 0;
}
