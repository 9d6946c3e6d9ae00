/* golden_compare: compares a PNG with a reference PNG under the golden
 * tolerance of the end-to-end screenshots (tests/support/golden.h), e.g. the
 * arm64 build's rendering of the default bundle with the host build's.
 * Usage: golden_compare REFERENCE.png ACTUAL.png NAME
 * Exit 0 when they match, 1 (with the reason on stderr) when not. */
#include <stdio.h>

#include "support/golden.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: golden_compare REFERENCE.png ACTUAL.png NAME\n");
        return 2;
    }
    char msg[4096];
    if (!golden_compare_files(argv[1], argv[2], argv[3], GOLDEN_SHOT_TOLERANCE, GOLDEN_SHOT_MAX_FRACTION, msg,
                              sizeof msg)) {
        fprintf(stderr, "golden_compare: %s\n", msg);
        return 1;
    }
    printf("golden_compare: %s matches %s (tolerance %d, at most %.2f %% of pixels)\n", argv[2], argv[1],
           GOLDEN_SHOT_TOLERANCE, 100.0 * GOLDEN_SHOT_MAX_FRACTION);
    return 0;
}
