/* Fuzz target: narration files (content/narration.h): the input is written
 * as a file and opened, measured and decoded to its end the way the bundle
 * check (with audio_decode_all) and the speech worker read it, through our
 * read callbacks over libopusfile. Seeds: a valid one-second file and one
 * cut short (tests/fuzz/corpus/narration/). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "content/narration.h"
#include "support/scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = scratch_input("fuzz-narration", data, size);
    if (!path) {
        perror("fuzz_narration: the input file");
        abort();
    }
    char err[256];
    double seconds = 0;
    narration *n = narration_open(path, &seconds, err, sizeof err);
    if (n) {
        if (!(seconds > 0))
            abort(); /* an opened file has a length */
        narration_decodes(n, 0, err, sizeof err);
        narration_close(n);
    }
    return 0;
}
