#!/bin/sh
# Installs what the arm64 (Raspberry Pi OS bookworm) cross-build needs, from
# toolchain/deps-rpi.txt: Debian's aarch64 cross compiler, qemu-user-static,
# the packaging tools, and the :arm64 -dev packages of the kiosk's libraries
# through multiarch (`dpkg --add-architecture arm64`). Like install-deps.sh it
# does nothing, and never calls apt-get, when everything is already there.
# pkg-config modules are checked against the arm64 .pc files only.
#
# libunibreak is the exception: Debian 12 packages it without multiarch paths
# (/usr/lib), so libunibreak1:arm64 cannot be installed next to the host's.
# Its two arm64 packages, fetched by apt (`apt-get download`, verified like any
# other), are unpacked with dpkg-deb into $UNIBREAK_ROOT, and the .pc file there
# is pointed at that copy; the cross-build links against it and qemu runs use
# its library (the Makefile's RPI_UNIBREAK). On the Pi the kiosk package
# depends on libunibreak1, which apt installs normally.
set -eu
here=$(dirname "$0")
UNIBREAK_ROOT=${UNIBREAK_ROOT:-/usr/local/lib/kiosk-cross/unibreak-arm64}
arm64_pc() { PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig pkg-config "$@"; }
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"

unibreak() {
    [ -e "$UNIBREAK_ROOT/usr/lib/pkgconfig/libunibreak.pc" ] && return 0
    echo "install-deps-rpi: unpacking libunibreak1:arm64 and libunibreak-dev:arm64 into $UNIBREAK_ROOT" >&2
    tmp=$(mktemp -d)
    chmod 755 "$tmp" # apt downloads as _apt
    (cd "$tmp" && apt-get download -qq libunibreak1:arm64 libunibreak-dev:arm64)
    $sudo mkdir -p "$UNIBREAK_ROOT"
    for deb in "$tmp"/*.deb; do $sudo dpkg-deb -x "$deb" "$UNIBREAK_ROOT"; done
    rm -rf "$tmp"
    # The .pc says prefix=/usr; this copy lives under $UNIBREAK_ROOT.
    $sudo sed -i "s|^prefix=.*|prefix=$UNIBREAK_ROOT/usr|" "$UNIBREAK_ROOT/usr/lib/pkgconfig/libunibreak.pc"
    # The linker wants the unversioned name (in the -dev package a link to
    # the library itself, which is in the other package: it resolves here).
    [ -e "$UNIBREAK_ROOT/usr/lib/libunibreak.so" ]
}
missing=""
while read -r pkg mod; do
    case "$pkg" in ''|'#'*) continue ;; esac
    if [ "$mod" = "-" ]; then
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    else
        arm64_pc --exists "$mod" 2>/dev/null || missing="$missing $pkg"
    fi
done < "$here/deps-rpi.txt"
if [ -n "$missing" ]; then
    echo "install-deps-rpi: installing:$missing" >&2
    if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
        echo "install-deps-rpi: need root or sudo to install:$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing
fi
unibreak
