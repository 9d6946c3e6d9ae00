#!/bin/bash
# Power-cut test of content updates (make test-faults).
#
# Usage: toolchain/test-faults.sh BUILD [RUNS]   (from the repository root)
#
# A state directory with version 1.1.0 installed and confirmed gets version
# 1.2.0, or gives it up, and the process doing it is killed (SIGKILL, no
# clean-up) at a random point; three kinds of run, in turn:
#   - install:  `kiosk --install --inbox --fault-at K`, as the kiosk starts
#               it for its inbox, K drawn from every step the install takes
#               on the disk (core/faultpoint.h): the slots, then the inbox's
#               verdicts and the last result, each an atomic write;
#   - kiosk:    a running kiosk finds the package in its inbox and the
#               whole process group (kiosk and its install process) is
#               killed after a random delay, as a power cut would;
#   - rollback: with 1.2.0 installed and on trial, `kiosk --rollback
#               --fault-at K`, K drawn from the steps a rollback takes (the
#               state, the last result).
# Then, on that state directory:
#   1. the kiosk starts again and must show a valid bundle: 1.1.0 or 1.2.0.
#      The factory bundle (1.0.0), the error screen or a bundle that does
#      not load fail the test;
#   2. `kiosk --status` must find no damaged file;
#   3. a kiosk with the inbox runs (it installs, or judges, what the cut
#      left undone), and the next start must start no install process at
#      all: each package is judged once, whatever point the cut came at;
#      after a rollback that went through, it shows 1.1.0.
# Prints the outcomes; exit 1 on the first failure (its state directory is
# kept and named). FAULT_SEED=N replays a run.
set -eu
build=${1:?usage: test-faults.sh BUILD [RUNS]}
runs=${2:-1000}
kiosk=$build/kiosk
tool=$build/kiosk-bundle
seed=${FAULT_SEED:-$$}
RANDOM=$seed
work=$(mktemp -d "${KIOSK_TMP:-${TMPDIR:-/tmp}}/kiosk-faults.XXXXXX")
keep=""
cleanup() { [ -n "$keep" ] || rm -rf "$work"; }
trap cleanup EXIT

"$tool" keygen "$work/op" >/dev/null
mkdir "$work/keys" "$work/inbox"
cp "$work/op.pub" "$work/keys/"
for v in 1.1.0 1.2.0; do
    cp -r content "$work/v$v"
    sed -i "s/^version: .*/version: \"$v\"/" "$work/v$v/manifest.yaml"
    "$tool" pack "$work/v$v" -o "$work/v$v.kbundle" --key "$work/op.key" >/dev/null 2>&1
done
cp "$work/v1.2.0.kbundle" "$work/inbox/"

# The template: 1.1.0 installed, then confirmed by a run past its healthy point.
mkdir "$work/template"
"$kiosk" --install "$work/v1.1.0.kbundle" --state-dir "$work/template" --trusted-keys "$work/keys" >/dev/null 2>&1
"$kiosk" --headless --size 320x240 --frames 70 --healthy-after 1 --state-dir "$work/template" 2>/dev/null
grep -q "^trial 0" "$work/template/slots/state" || { echo "test-faults: the template was not confirmed" >&2; exit 1; }

# How many steps a whole install from the inbox takes (the probe: 1.2.0
# installed, on trial, the template for the rollback runs).
cp -a "$work/template" "$work/probe"
steps=$("$kiosk" --install "$work/inbox/v1.2.0.kbundle" --inbox "$work/inbox" --state-dir "$work/probe" \
        --trusted-keys "$work/keys" 2>/dev/null | sed -n 's/^steps //p')
[ -n "$steps" ] && [ "$steps" -gt 5 ] || { echo "test-faults: could not count the install's steps" >&2; exit 1; }
rm -f "$work/probe/inbox-verdicts" # the inbox's package is not judged yet in the rollback runs
# How many a rollback takes: the first K at which it is not killed, less one.
rollback_steps=0
while :; do
    rm -rf "$work/rb" && cp -a "$work/probe" "$work/rb"
    ("$kiosk" --config none --rollback --state-dir "$work/rb" --fault-at $((rollback_steps + 1)); exit $?) \
        >/dev/null 2>&1 && break
    rollback_steps=$((rollback_steps + 1))
    [ "$rollback_steps" -lt 100 ] || { echo "test-faults: could not count the rollback's steps" >&2; exit 1; }
done
[ "$rollback_steps" -gt 1 ] || { echo "test-faults: could not count the rollback's steps" >&2; exit 1; }

echo "test-faults: $runs runs, seed $seed, an install takes $steps steps, a rollback $rollback_steps"
old=0 new=0 killed_install=0 killed_kiosk=0 killed_rollback=0
for i in $(seq 1 "$runs"); do
    st="$work/st"
    rm -rf "$st"
    if [ $((i % 3)) -eq 1 ]; then
        cp -a "$work/template" "$st"
        k=$((1 + RANDOM % steps))
        what="install --fault-at $k"
        # In a subshell that outlives the kiosk (the `exit`), with its stderr
        # closed, so that the shell's "Killed" line is not printed.
        ("$kiosk" --install "$work/inbox/v1.2.0.kbundle" --inbox "$work/inbox" --state-dir "$st" \
            --trusted-keys "$work/keys" --fault-at "$k"; exit $?) >/dev/null 2>&1 && rc=0 || rc=$?
        [ "$rc" -eq 137 ] || { echo "test-faults: run $i ($what): the install was not killed (exit $rc)" >&2; keep=1; exit 1; }
        killed_install=$((killed_install + 1))
    elif [ $((i % 3)) -eq 0 ]; then
        cp -a "$work/probe" "$st"
        k=$((1 + RANDOM % rollback_steps))
        what="rollback --fault-at $k"
        ("$kiosk" --config none --rollback --state-dir "$st" --fault-at "$k"; exit $?) >/dev/null 2>&1 && rc=0 || rc=$?
        [ "$rc" -eq 137 ] || { echo "test-faults: run $i ($what): the rollback was not killed (exit $rc)" >&2; keep=1; exit 1; }
        killed_rollback=$((killed_rollback + 1))
    else
        cp -a "$work/template" "$st"
        ms=$((RANDOM % 900))
        what="kill after $ms ms"
        setsid "$kiosk" --headless --size 320x240 --frames 100000000 --state-dir "$st" --inbox "$work/inbox" \
            --trusted-keys "$work/keys" >/dev/null 2>&1 &
        pid=$!
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        # The group (the kiosk and its install process), or the kiosk alone
        # when the kill came before setsid made the group (a delay of 0 ms).
        kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        killed_kiosk=$((killed_kiosk + 1))
    fi
    rolled_back=$(grep -c '^rolled-back 1.2.0$' "$st/slots/state" || true)
    "$kiosk" --headless --size 320x240 --frames 1 --state-dir "$st" --trace "$work/trace" 2>/dev/null || {
        echo "test-faults: run $i ($what): the kiosk did not start again" >&2; keep=1; exit 1; }
    shown=$(grep '"event":"bundle"' "$work/trace" | grep '"result":"loaded"' | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')
    case "$shown" in
    1.1.0) old=$((old + 1)) ;;
    1.2.0) new=$((new + 1)) ;;
    *)
        echo "test-faults: run $i ($what): shows '${shown:-nothing}', neither 1.1.0 nor 1.2.0; state kept in $st" >&2
        keep=1
        exit 1
        ;;
    esac
    "$kiosk" --config none --status --state-dir "$st" --inbox "$work/inbox" >"$work/status" 2>&1 || {
        echo "test-faults: run $i ($what): kiosk --status finds a problem; state kept in $st:" >&2
        grep problem "$work/status" >&2
        keep=1
        exit 1
    }
    # The cut's work finished by a kiosk with the inbox, then a start that
    # judges nothing again.
    for pass in settle quiet; do
        "$kiosk" --headless --size 320x240 --frames 5 --state-dir "$st" --inbox "$work/inbox" \
            --trusted-keys "$work/keys" --trace "$work/trace" 2>/dev/null || {
            echo "test-faults: run $i ($what): the kiosk with its inbox did not run; state kept in $st" >&2
            keep=1
            exit 1
        }
    done
    if grep -q '"event":"update".*: starting"' "$work/trace"; then
        echo "test-faults: run $i ($what): the inbox's package was judged again; state kept in $st" >&2
        keep=1
        exit 1
    fi
    shown=$(grep '"event":"bundle"' "$work/trace" | tail -1 | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')
    if [ "$rolled_back" -gt 0 ] && [ "$shown" != 1.1.0 ]; then
        echo "test-faults: run $i ($what): 1.2.0 was rolled back, yet '$shown' is shown; state kept in $st" >&2
        keep=1
        exit 1
    fi
done
echo "test-faults: $runs runs ($killed_install installs and $killed_rollback rollbacks killed at a step," \
     "$killed_kiosk kiosks killed at a random time): old bundle shown $old times, new bundle $new times, neither 0;" \
     "no package judged twice"
