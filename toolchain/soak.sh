#!/bin/bash
# Soak test (make soak): the kiosk headless on its virtual clock for HOURS
# simulated hours (default 24) of attract loop, with a touch storm every 20
# minutes (ten fingers, each moved four times a frame: 2,400 touch events a
# second), a visitor every 20 minutes, and a signed bundle update dropped
# into its inbox every simulated hour. The kiosk traces a "health" event
# every simulated minute (app/health.h); this script reads them and checks:
#   - the kiosk ends normally (no crash) and showed every update;
#   - resident memory grows by at most 1 MiB over the second half of the
#     run. The first half is the warm-up: random visitors reach the last
#     rarely shown card late (in a 24-hour run new glyphs still arrive in
#     the 14th hour), and each of those caches, the interaction log's keys
#     and the heap's layout after the first bundle swaps settle; a leak
#     shows as growth in the second half, where nothing new is seen;
#   - open file descriptors are the same in every sample taken while no
#     install runs;
#   - the glyph atlas stays within its page limit.
# Prints the figures, one line per simulated hour, and the summary.
#
# Usage: toolchain/soak.sh BUILD [HOURS] [WxH]   (from the repository root)
set -eu
build=${1:?usage: soak.sh BUILD [HOURS] [WxH]}
hours=${2:-24}
size=${3:-800x480}
w=${size%x*}
h=${size#*x}
kiosk=$build/kiosk
tool=$build/kiosk-bundle
atlas_limit=$(sed -n 's/^#define ATLAS_MAX_PAGES \([0-9]*\).*/\1/p' firmware/text/atlas.h)
work=$(mktemp -d "${KIOSK_TMP:-${TMPDIR:-/tmp}}/kiosk-soak.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One package per hour, each a newer version of the default bundle.
"$tool" keygen "$work/op" >/dev/null
mkdir "$work/keys" "$work/inbox" "$work/state" "$work/pkgs"
cp "$work/op.pub" "$work/keys/"
for i in $(seq 1 "$hours"); do
    rm -rf "$work/src"
    cp -r content "$work/src"
    sed -i "s/^version: .*/version: \"1.1.$i\"/" "$work/src/manifest.yaml"
    "$tool" pack "$work/src" -o "$work/pkgs/$i.kbundle" --key "$work/op.key" >/dev/null 2>&1
done

# The input: storms and visitors (platform/script.h).
awk -v hours="$hours" -v w="$w" -v h="$h" 'BEGIN {
    srand(20261201);
    for (base = 0; base < hours * 3600; base += 1200) {
        # A storm: ten fingers pressed, each moved four times a frame for
        # 20 frames, then lifted.
        t = base + 300;
        for (f = 0; f < 10; f++)
            printf "%.3f press %d %d %d\n", t, int(rand() * w), int(rand() * h), f;
        for (k = 1; k <= 20; k++)
            for (f = 0; f < 10; f++)
                for (m = 0; m < 4; m++)
                    printf "%.3f move %d %d %d\n", t + k / 60, int(rand() * w), int(rand() * h), f;
        for (f = 0; f < 10; f++)
            printf "%.3f release %d %d %d\n", t + 21 / 60, int(rand() * w), int(rand() * h), f;
        # A visitor: wakes the screen, taps twice, scrolls, walks away.
        t = base + 600;
        printf "%.3f tap %d %d\n", t, w / 2, h / 2;
        printf "%.3f tap %d %d\n", t + 2, w / 2, h / 2;
        printf "%.3f drag %d %d %d %d 0.4\n", t + 5, w / 2, h * 3 / 4, w / 2, h / 4;
        printf "%.3f tap %d %d\n", t + 9, int(rand() * w), int(rand() * h);
    }
    printf "%.3f quit\n", hours * 3600;
}' > "$work/script.txt"
events=$(grep -c . "$work/script.txt")

echo "soak: $hours simulated hours at $size, $events scripted touch events, an update every hour"
start=$(date +%s)
set +e
"$kiosk" --headless --size "$size" --script "$work/script.txt" --state-dir "$work/state" \
    --inbox "$work/inbox" --trusted-keys "$work/keys" --trace - 2>"$work/stderr" |
awk -v hours="$hours" -v inbox="$work/inbox" -v pkgs="$work/pkgs" -v limit="$atlas_limit" '
function num(key,   m) { return match($0, "\"" key "\":-?[0-9]+") ? substr($0, RSTART + length(key) + 3, RLENGTH - length(key) - 3) + 0 : -1 }
function str(key) { return match($0, "\"" key "\":\"[^\"]*\"") ? substr($0, RSTART + length(key) + 4, RLENGTH - length(key) - 5) : "" }
/"event":"bundle"/ && /"result":"updated"/ { updates++ }
/"event":"update"/ && (/refused/ || /failed/ || /rolled back/) { problems++; if (problems <= 10) print "  update problem: " $0 }
/"event":"health"/ {
    match($0, /"t":[0-9.]+/); t = substr($0, RSTART + 4, RLENGTH - 4) + 0
    rss = num("rss_kb"); fds = num("fds"); pages = num("atlas_pages")
    hour = int(t / 3600)
    # The next package, once an hour (the first hour runs the factory bundle).
    if (hour > dropped && hour < hours) { dropped = hour; system("cp " pkgs "/" hour ".kbundle " inbox "/") }
    warm = hours * 1800
    if (t >= warm) {
        if (!have_base) { have_base = 1; base_rss = rss; base_t = t }
        if (rss - base_rss > max_growth) max_growth = rss - base_rss
        if (!/"updating":true/) { if (fd0 == "") fd0 = fds; else if (fds != fd0) fd_changes++ }
    }
    if (pages > max_pages) max_pages = pages
    if (num("atlas_glyphs") > glyphs) { glyphs = num("atlas_glyphs"); glyphs_t = t }
    if (rss > max_rss) max_rss = rss
    if (t - last_print >= 3600 || t == 0) {
        printf "  t=%6.0f s  rss %6d KiB  fds %3d  atlas pages %d glyphs %5d  bundle %s\n", t, rss, fds, pages, num("atlas_glyphs"), str("version")
        last_print = t
    }
    last_rss = rss; samples++
}
/"event":"quit"/ { quit = 1 }
END {
    printf "soak: %d health samples; rss %d KiB after warm-up (t=%.0f s), %d KiB at the end, growth at most %d KiB; fds %s (%d changes); atlas pages at most %d of %d, its last new glyph at t=%.0f s; %d updates shown\n", samples, base_rss, base_t, last_rss, max_growth, fd0, fd_changes, max_pages, limit, glyphs_t, updates
    bad = 0
    if (!quit) { print "soak: FAIL: the kiosk did not reach the end of the script"; bad = 1 }
    if (max_growth > 1024) { print "soak: FAIL: memory grew by more than 1 MiB after the warm-up"; bad = 1 }
    if (fd_changes > 0) { print "soak: FAIL: the number of open file descriptors changed"; bad = 1 }
    if (max_pages > limit) { print "soak: FAIL: the glyph atlas went over its page limit"; bad = 1 }
    if (updates != hours - 1) { printf "soak: FAIL: %d updates shown, %d expected\n", updates, hours - 1; bad = 1 }
    exit bad
}'
status=("${PIPESTATUS[@]}")
set -e
echo "soak: $(( $(date +%s) - start )) s of real time"
if [ "${status[0]}" -ne 0 ]; then
    echo "soak: FAIL: the kiosk exited with status ${status[0]}:" >&2
    tail -5 "$work/stderr" >&2
    exit 1
fi
[ "${status[1]}" -eq 0 ]
