#!/bin/sh
# Runs every cmocka test binary given, from the repository root, and prints
# each binary's cmocka summary followed by one closing line for the whole suite:
#   "suite: N passed, N failed"
# and, when tests were skipped (e.g. those that need the source articles,
# tests/support/articles.h), ", N skipped: BIN:TEST BIN:TEST ...".
# Exit status is non-zero when any test failed or a binary crashed; skipped
# tests do not fail the suite.
# Usage: toolchain/run-tests.sh BUILD_DIR BIN...
# With TEST_WRAP set (e.g. "valgrind --error-exitcode=99 ..."), each binary
# runs under that command; its exit status then counts as a crash.
# The tests start $KIOSK_BIN (default BUILD_DIR/kiosk) as the kiosk under test
# and the kiosk-bundle next to it; `make test-rpi` points it at wrappers.
set -u
wrap=${TEST_WRAP:-}
build=$1; shift
passed=0; failed=0; skipped=0; skipped_names=""; crashed=""
export KIOSK_BIN="${KIOSK_BIN:-$build/kiosk}"
export KIOSK_TMP="${TMPDIR:-/tmp}/kiosk-tests.$$"
mkdir -p "$KIOSK_TMP"
for bin in "$@"; do
    name=$(basename "$bin")
    log="$KIOSK_TMP/$name.log"
    $wrap "$bin" >"$log" 2>&1
    rc=$?
    cat "$log"
    # cmocka writes its summary partly to stdout and partly to stderr, so
    # the markers need not start a line in the merged log.
    p=$(grep -o '\[  PASSED  \] [0-9]* test' "$log" | awk '{s+=$4} END {print s+0}')
    f=$(grep -o '\[  FAILED  \] [0-9]* test' "$log" | awk '{s+=$4} END {print s+0}')
    k=$(grep -o '\[  SKIPPED \] [0-9]* test' "$log" | awk '{s+=$4} END {print s+0}')
    # Each skipped test is named twice (when it runs, and in the summary's list).
    names=$(sed -n 's/^.*\[  SKIPPED \] \([A-Za-z0-9_]*\)$/\1/p' "$log" | sort -u | sed "s/^/$name:/" | tr '\n' ' ')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
    skipped_names="$skipped_names$names"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        crashed="$crashed $name(exit $rc)"; failed=$((failed + 1))
    fi
done
rm -rf "$KIOSK_TMP"
[ -n "$crashed" ] && echo "crashed:$crashed"
if [ "$skipped" -gt 0 ]; then
    echo "suite: $passed passed, $failed failed, $skipped skipped: ${skipped_names% }"
else
    echo "suite: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
