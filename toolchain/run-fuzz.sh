#!/bin/sh
# Runs libFuzzer targets for a fixed time each (`make fuzz`).
#
#   toolchain/run-fuzz.sh BUILD SECONDS NAME...
#
# For each NAME: copies tests/fuzz/corpus/NAME/ to BUILD/corpus/NAME/ (the
# fuzzer adds what it finds there, never to the repository), runs
# BUILD/fuzz/fuzz_NAME on it for SECONDS, and prints libFuzzer's final stats
# as one line
#     FUZZ NAME EXECS execs SECONDS s RATE exec/s
# A crash, leak, timeout or sanitizer report stops that target: its input is
# kept in BUILD/crashes/NAME/ and printed as "FUZZ NAME FAILED: FILE" with the
# end of the log (the whole log is BUILD/fuzz-NAME.log). The other targets
# still run; the exit status is 1 when any failed. Runs from the repository
# root: the targets read tests/bundles/, fonts/ and tests/fuzz/keys/.
set -u
build=${1:?usage: run-fuzz.sh BUILD SECONDS NAME...}
secs=${2:?usage: run-fuzz.sh BUILD SECONDS NAME...}
shift 2
cd "$(dirname "$0")/.."
# The targets write every input as a file in $TMPDIR: on a disk, closing a
# truncated file waits for its blocks (ext4's auto_da_alloc), ten times the
# cost of the code under test. /dev/shm is memory.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi
failed=""
for name in "$@"; do
    bin="$build/fuzz/fuzz_$name"
    corpus="$build/corpus/$name"
    crashes="$build/crashes/$name"
    log="$build/fuzz-$name.log"
    [ -x "$bin" ] || { echo "FUZZ $name FAILED: no $bin"; failed="$failed $name"; continue; }
    rm -rf "$corpus"
    mkdir -p "$corpus" "$crashes"
    if [ -d "tests/fuzz/corpus/$name" ]; then
        cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
    fi
    # -timeout: one input taking this long is a hang, reported like a crash.
    "$bin" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
    if [ "$rc" -ne 0 ]; then
        unit=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        tail -n 30 "$log"
        echo "FUZZ $name FAILED: ${unit:-see $log} (exit $rc; reproduce: $bin ${unit:-FILE})"
        failed="$failed $name"
        continue
    fi
    echo "FUZZ $name ${execs:-?} execs ${took:-$secs} s ${rate:-?} exec/s"
done
if [ -n "$failed" ]; then
    echo "fuzz: failed:$failed"
    exit 1
fi
