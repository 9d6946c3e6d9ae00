#!/bin/sh
# Writes a script (see README "Scripts") of random visitor input to stdout:
# taps, drags and pinches anywhere on a W x H picture, about one every
# INTERVAL seconds for SECONDS seconds of virtual time, with pauses long
# enough for the idle countdown to return the exhibit to the slideshow now
# and then. The same SEED gives the same script. For long headless runs
# (memory, soak):
#   sh toolchain/gen-random-touches.sh 7200 1920 1080 > /tmp/touches.txt
#   build/kiosk --headless --size 1920x1080 --frames 432000 --script /tmp/touches.txt
# Usage: gen-random-touches.sh SECONDS W H [INTERVAL [SEED]]
set -eu
[ $# -ge 3 ] || { echo "usage: $0 SECONDS W H [INTERVAL [SEED]]" >&2; exit 2; }
awk -v secs="$1" -v w="$2" -v h="$3" -v gap="${4:-1.5}" -v seed="${5:-1}" 'BEGIN {
    srand(seed)
    t = 1.0
    while (t < secs) {
        r = rand()
        x = int(rand() * w); y = int(rand() * h)
        if (r < 0.55) {
            printf "%.2f tap %d %d\n", t, x, y
        } else if (r < 0.85) {
            x2 = int(rand() * w); y2 = int(rand() * h)
            printf "%.2f drag %d %d %d %d %.2f\n", t, x, y, x2, y2, 0.1 + rand() * 0.5
            t += 0.7
        } else if (r < 0.97) {
            cx = int(w * (0.3 + rand() * 0.4)); cy = int(h * (0.3 + rand() * 0.4))
            printf "%.2f pinch %d %d %d %d %.2f\n", t, cx, cy, 100 + int(rand() * 200), 100 + int(rand() * 300), 0.2 + rand() * 0.4
            t += 0.7
        } else {
            t += 80 + rand() * 40   # nobody there: idle countdown, back to the slideshow
        }
        t += gap * (0.2 + rand() * 1.6)
    }
    printf "%.2f quit\n", secs
}'
