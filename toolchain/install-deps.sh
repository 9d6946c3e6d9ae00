#!/bin/sh
# Installs the Debian packages listed in toolchain/deps.txt that are missing
# (libraries, fonts, and the tools the tests drive: xvfb, chromium).
# Fast path: when pkg-config finds every module (and dpkg every module-less
# package) nothing is installed and apt-get is never called, so `make run` and
# `make test` cost nothing extra on a machine that is already set up.
# Usage: toolchain/install-deps.sh [extra-package ...]
set -eu
here=$(dirname "$0")
missing=""
while read -r pkg mod; do
    case "$pkg" in ''|'#'*) continue ;; esac
    if [ "$mod" = "-" ]; then
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    else
        pkg-config --exists "$mod" 2>/dev/null || missing="$missing $pkg"
    fi
done < "$here/deps.txt"
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install:$missing" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
