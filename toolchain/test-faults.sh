#!/bin/bash
# Power-cut test of content updates (make test-faults).
#
# Usage: toolchain/test-faults.sh BUILD [RUNS]   (from the repository root)
#
# A state directory with version 1.1.0 installed and confirmed gets version
# 1.2.0, and the install is killed (SIGKILL, no clean-up) at a random point:
#   - odd runs:  `kiosk --install --fault-at K`, K drawn from every step the
#                install takes on the disk (core/faultpoint.h);
#   - even runs: a running kiosk finds the package in its inbox and the
#                whole process group (kiosk and its install process) is
#                killed after a random delay, as a power cut would.
# Then the kiosk starts again on that state directory and must show a valid
# bundle: 1.1.0 or 1.2.0. The factory bundle (1.0.0), the error screen or a
# bundle that does not load fail the test. Prints the outcomes; exit 1 on
# the first failure (its state directory is kept and named).
# FAULT_SEED=N replays a run.
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

# How many steps a whole install takes.
cp -a "$work/template" "$work/probe"
steps=$("$kiosk" --install "$work/v1.2.0.kbundle" --state-dir "$work/probe" --trusted-keys "$work/keys" 2>/dev/null |
        sed -n 's/^steps //p')
[ -n "$steps" ] && [ "$steps" -gt 5 ] || { echo "test-faults: could not count the install's steps" >&2; exit 1; }

echo "test-faults: $runs runs, seed $seed, an install takes $steps steps"
old=0 new=0 killed_install=0 killed_kiosk=0
for i in $(seq 1 "$runs"); do
    st="$work/st"
    rm -rf "$st"
    cp -a "$work/template" "$st"
    if [ $((i % 2)) -eq 1 ]; then
        k=$((1 + RANDOM % steps))
        what="--fault-at $k"
        # In a subshell that outlives the kiosk (the `exit`), with its stderr
        # closed, so that the shell's "Killed" line is not printed.
        ("$kiosk" --install "$work/v1.2.0.kbundle" --state-dir "$st" --trusted-keys "$work/keys" \
            --fault-at "$k"; exit $?) >/dev/null 2>&1 && rc=0 || rc=$?
        [ "$rc" -eq 137 ] || { echo "test-faults: run $i ($what): the install was not killed (exit $rc)" >&2; keep=1; exit 1; }
        killed_install=$((killed_install + 1))
    else
        ms=$((RANDOM % 900))
        what="kill after $ms ms"
        setsid "$kiosk" --headless --size 320x240 --frames 100000000 --state-dir "$st" --inbox "$work/inbox" \
            --trusted-keys "$work/keys" >/dev/null 2>&1 &
        pid=$!
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        kill -9 -- "-$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        killed_kiosk=$((killed_kiosk + 1))
    fi
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
done
echo "test-faults: $runs runs ($killed_install installs killed at a step, $killed_kiosk kiosks killed at a random time):" \
     "old bundle shown $old times, new bundle $new times, neither 0"
