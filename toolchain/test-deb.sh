#!/bin/sh
# The host's Debian package, installed into a throwaway root: unpacks
# build/kiosk_VERSION_ARCH.deb with dpkg-deb -x into a temporary directory,
# checks its files, modes and control data, runs lintian (no errors allowed)
# and `systemd-analyze verify` on the unit, checks README's paragraph on the
# service against the unit, runs the postinst (it must be quiet) in a mount
# namespace of its own, checks that `make deb-host` needs no cross
# toolchain, then runs the installed kiosk
# headless from outside the source tree with the installed fonts and bundle,
# and compares its picture with the host build's rendering of content/ under
# the golden tolerance (toolchain/golden_compare.c).
# Usage: toolchain/test-deb.sh BUILD_DIR   (run from the repository root)
set -eu
build=$1
arch=$(dpkg --print-architecture)
version=$(dpkg-parsechangelog -l packaging/changelog -S Version)
deb="build/kiosk_${version}_${arch}.deb"
here=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
fail=0
no() { echo "test-deb: FAIL: $*"; fail=1; }

[ -f "$deb" ] || { echo "test-deb: no $deb (make deb)"; exit 1; }
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$tmp/DEBIAN"

# Files and modes: "mode path" for everything the package must hold.
while read -r mode path; do
    [ -e "$root$path" ] || { no "missing $path"; continue; }
    m=$(stat -c %a "$root$path")
    [ "$m" = "$mode" ] || no "$path has mode $m, expected $mode"
done <<'LIST'
755 /usr/bin/kiosk
755 /usr/bin/kiosk-bundle
644 /usr/share/kiosk/fonts/NotoSansSC-Regular.otf
644 /usr/share/kiosk/fonts/NotoSansSC-Bold.otf
644 /usr/share/kiosk/fonts/NotoSerifSC-Regular.otf
644 /usr/share/kiosk/fonts/NotoSerifSC-Bold.otf
644 /usr/share/kiosk/fonts/LICENSE-OFL.txt
644 /usr/share/kiosk/content/manifest.yaml
644 /usr/share/kiosk/content/timeline.yaml
644 /usr/share/man/man1/kiosk.1.gz
644 /usr/share/man/man1/kiosk-bundle.1.gz
644 /etc/kiosk/kiosk.conf
755 /etc/kiosk/keys
644 /lib/systemd/system/kiosk.service
644 /usr/share/doc/kiosk/copyright
644 /usr/share/doc/kiosk/changelog.Debian.gz
LIST
for s in postinst prerm postrm; do
    [ -x "$tmp/DEBIAN/$s" ] || no "DEBIAN/$s is not executable"
    sh -n "$tmp/DEBIAN/$s" || no "DEBIAN/$s: shell syntax"
done
[ "$(cat "$tmp/DEBIAN/conffiles")" = "/etc/kiosk/kiosk.conf" ] || no "conffiles is not /etc/kiosk/kiosk.conf"
owners=$(dpkg-deb -c "$deb" | awk '{print $2}' | sort -u)
[ "$owners" = "root/root" ] || no "files not owned by root/root: $owners"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsdl2-2.0-0 libfreetype6 libharfbuzz0b libunibreak1 libyaml-0-2 libsodium23 libarchive13 libpng16-16 libespeak-ng1 libopusfile0 adduser; do
    echo "$depends" | grep -q "$lib" || no "Depends lacks $lib: $depends"
done
gzip -t "$root/usr/share/man/man1/kiosk.1.gz" "$root/usr/share/doc/kiosk/changelog.Debian.gz" || no "bad gzip"
w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/kiosk.1.gz" 2>&1 >/dev/null) || true
[ -z "$w" ] || no "man kiosk: $w"

if command -v lintian >/dev/null 2>&1; then
    lintian --fail-on error --tag-display-limit 0 "$deb" || no "lintian reports errors"
else
    echo "test-deb: lintian not installed, skipped"
fi

# The unit. Offline, systemd-analyze checks that ExecStart is executable; the
# program is in the throwaway root, so the copy verified points there (the one
# change). The man page is checked above (--man=no: it is not installed here).
if command -v systemd-analyze >/dev/null 2>&1; then
    sed "s|/usr/bin/kiosk|$root/usr/bin/kiosk|" "$root/lib/systemd/system/kiosk.service" >"$tmp/kiosk.service"
    systemd-analyze verify --man=no "$tmp/kiosk.service" || no "systemd-analyze verify kiosk.service"
    echo "test-deb: systemd-analyze verify: ok"
else
    echo "test-deb: systemd-analyze not installed, unit not verified"
fi

# README's paragraph on the service says what the unit does: it quotes the
# unit's ExecStart line, and every other directive it quotes (`Key=value`)
# is a line of the unit.
unit="$root/lib/systemd/system/kiosk.service"
para=$(awk '/^\*\*The service\*\*/ { on = 1 } on && /^$/ { exit } on' README.md | tr '\n' ' ')
[ -n "$para" ] || no "README.md has no paragraph **The service**"
exec_line=$(grep '^ExecStart=' "$unit")
echo "$para" | grep -qF "\`$exec_line\`" || no "README's service paragraph does not quote $exec_line"
for d in $(echo "$para" | grep -o '`[A-Z][a-z][A-Za-z]*=[^`]*`' | tr -d '`' | tr ' ' '~'); do
    line=$(echo "$d" | tr '~' ' ')
    grep -qxF "$line" "$unit" || no "README's service paragraph says $line; the unit has no such line"
done

# The postinst is quiet: run as dpkg runs it on a fresh system (configure,
# then again as an upgrade does), in a mount namespace of its own with a
# copy of /etc (users and groups), empty /var/lib and /var/log, the unit, and
# no systemd to talk to, so the build machine gets no kiosk user. Needs root
# and unshare(1); without them it is said and skipped.
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
    cat >"$tmp/postinst-run.sh" <<'RUN'
set -e
t=$1 root=$2 postinst=$3
cp -a /etc "$t/etc"
mount --bind "$t/etc" /etc
for d in /var/lib /var/log; do
    mkdir -p "$t$d"
    mount --bind "$t$d" "$d"
done
if [ -d /run/systemd ]; then mount -t tmpfs none /run/systemd; fi
mkdir "$t/units"
cp "$root/lib/systemd/system/kiosk.service" "$t/units/"
mount --bind "$t/units" /lib/systemd/system
export DPKG_MAINTSCRIPT_PACKAGE=kiosk DPKG_MAINTSCRIPT_NAME=postinst
"$postinst" configure >"$t/postinst.out" 2>&1
"$postinst" configure 1.0.0-1 >>"$t/postinst.out" 2>&1
getent passwd kiosk | cut -d: -f6 >"$t/home"
stat -c '%n %U:%G %a' /var/lib/kiosk /var/lib/kiosk/inbox >"$t/dirs"
RUN
    mkdir "$tmp/pi"
    if unshare -m sh "$tmp/postinst-run.sh" "$tmp/pi" "$root" "$tmp/DEBIAN/postinst"; then
        [ "$(cat "$tmp/pi/home")" = /var/lib/kiosk ] || no "the postinst made no kiosk user with home /var/lib/kiosk"
        printf '/var/lib/kiosk kiosk:kiosk 750\n/var/lib/kiosk/inbox kiosk:kiosk 750\n' >"$tmp/pi/dirs.want"
        cmp -s "$tmp/pi/dirs" "$tmp/pi/dirs.want" || no "the postinst's directories: $(cat "$tmp/pi/dirs")"
        if [ -s "$tmp/pi/postinst.out" ]; then
            no "the postinst is not quiet: $(cat "$tmp/pi/postinst.out")"
        else
            echo "test-deb: postinst configure (install, then upgrade): quiet"
        fi
    else
        no "the postinst failed: $(cat "$tmp/pi/postinst.out" 2>/dev/null)"
    fi
else
    echo "test-deb: postinst not run (it needs root and unshare -m)"
fi

# The host's package needs no cross toolchain: make deb-host runs nothing
# of the Pi's build.
plan=$(env -u MAKEFLAGS -u MAKELEVEL make -n --no-print-directory deb-host 2>&1) || no "make -n deb-host: $plan"
echo "$plan" | grep -q 'build-deb.sh' || no "make -n deb-host builds no package"
cross=$(echo "$plan" | grep 'aarch64\|install-deps-rpi\|build/rpi' | head -3)
[ -z "$cross" ] || no "make deb-host needs the cross toolchain: $cross"

# The installed program with the installed fonts and bundle, started from
# an empty directory so nothing of the source tree can help it.
mkdir "$tmp/run"
args="--headless --size 1920x1080 --frames 120 --quiet"
(cd "$tmp/run" && KIOSK_FONTS_DIR="$root/usr/share/kiosk/fonts" "$root/usr/bin/kiosk" $args \
    --bundle "$root/usr/share/kiosk/content" --screenshot "$tmp/installed.png") || no "installed kiosk failed"
(cd "$tmp/run" && KIOSK_FONTS_DIR="$root/usr/share/kiosk/fonts" "$root/usr/bin/kiosk" \
    --check "$root/usr/share/kiosk/content" >"$tmp/check.log" 2>&1) ||
    { cat "$tmp/check.log"; no "installed kiosk --check of the installed bundle"; }
# The shipped config is applied without an error (its paths overridden on
# the command line, which wins, so that nothing outside the throwaway root
# is touched).
mkdir "$tmp/state" "$tmp/inbox" "$tmp/keys"
(cd "$tmp/run" && KIOSK_FONTS_DIR="$root/usr/share/kiosk/fonts" "$root/usr/bin/kiosk" --headless --frames 2 \
    --config "$root/etc/kiosk/kiosk.conf" --bundle "$root/usr/share/kiosk/content" --state-dir "$tmp/state" \
    --inbox "$tmp/inbox" --trusted-keys "$tmp/keys" >/dev/null 2>"$tmp/conf.log") || no "installed kiosk with the shipped config failed"
grep -q "kiosk.conf:\|config not applied" "$tmp/conf.log" && no "the shipped kiosk.conf has errors: $(cat "$tmp/conf.log")"
"./$build/kiosk" $args --bundle content --screenshot "$tmp/host.png" || no "host kiosk failed"
"./$build/tools/golden_compare" "$tmp/host.png" "$tmp/installed.png" installed-deb || no "pictures differ"

[ "$fail" -eq 0 ] && echo "test-deb: $deb ok" || echo "test-deb: $deb FAILED"
cd "$here"
exit "$fail"
