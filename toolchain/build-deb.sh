#!/bin/sh
# Builds build/kiosk_VERSION_ARCH.deb from a finished build directory with
# dpkg-deb (no debhelper: the files are few and listed here).
# Usage: toolchain/build-deb.sh ARCH BUILD_DIR OUT_DIR
#   ARCH       the Debian architecture of BUILD_DIR's programs (arm64, amd64)
# VERSION is packaging/changelog's. Depends: what dpkg-shlibdeps computes for
# the programs, from the shlibs/symbols files of the Debian packages they
# link; for the cross-built arm64 programs it is computed on the host build's
# (the same Debian 12 library packages on both architectures; the arm64
# libunibreak is not installed through dpkg here, so dpkg-shlibdeps could not
# name its package), plus adduser and init-system-helpers for the scripts.
set -eu
arch=$1 build=$2 out=$3
here=$(cd "$(dirname "$0")/.." && pwd)
pkgdir="$here/packaging"
version=$(dpkg-parsechangelog -l "$pkgdir/changelog" -S Version)
maintainer=$(dpkg-parsechangelog -l "$pkgdir/changelog" -S Maintainer)
host_arch=$(dpkg --print-architecture)
case "$arch" in
    "$host_arch") strip=strip ;;
    arm64) strip=aarch64-linux-gnu-strip ;;
    *) echo "build-deb: no strip for $arch" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
umask 022

# Programs, stripped as Debian ships them.
for p in kiosk kiosk-bundle; do
    install -D -m 0755 "$build/$p" "$root/usr/bin/$p"
    $strip --remove-section=.comment --remove-section=.note --strip-unneeded "$root/usr/bin/$p"
done
# Fonts and the default bundle (its YAML files; content/README.md is the
# format's documentation and stays in the source).
install -d "$root/usr/share/kiosk/fonts" "$root/usr/share/kiosk/content"
install -m 0644 "$here"/fonts/*.otf "$here/fonts/LICENSE-OFL.txt" "$root/usr/share/kiosk/fonts/"
install -m 0644 "$here"/content/*.yaml "$root/usr/share/kiosk/content/"
# Configuration (a conffile), the trusted-keys folder, the service.
install -D -m 0644 "$pkgdir/kiosk.conf" "$root/etc/kiosk/kiosk.conf"
install -d "$root/etc/kiosk/keys"
install -D -m 0644 "$pkgdir/kiosk.service" "$root/lib/systemd/system/kiosk.service"
# Manual pages and documentation.
install -d "$root/usr/share/man/man1" "$root/usr/share/doc/kiosk"
for m in kiosk kiosk-bundle; do
    gzip -9n -c "$pkgdir/$m.1" >"$root/usr/share/man/man1/$m.1.gz"
done
{
    cat "$pkgdir/copyright"
    sed -n '/^SIL OPEN FONT LICENSE/,$p' "$here/fonts/LICENSE-OFL.txt" | sed 's/^[[:space:]]*$/./; s/^/ /'
} >"$root/usr/share/doc/kiosk/copyright"
gzip -9n -c "$pkgdir/changelog" >"$root/usr/share/doc/kiosk/changelog.Debian.gz"
chmod 0644 "$root/usr/share/man/man1/"* "$root/usr/share/doc/kiosk/"*

# Depends, from the host build's programs (see above).
mkdir -p "$tmp/shlibs/debian"
printf 'Source: kiosk\n\nPackage: kiosk\nArchitecture: any\n' >"$tmp/shlibs/debian/control"
host_build=${HOST_BUILD:-build}
depends=$(cd "$tmp/shlibs" && dpkg-shlibdeps -O "$here/$host_build/kiosk" "$here/$host_build/kiosk-bundle" \
    2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
depends="adduser, init-system-helpers (>= 1.54~), $depends"

install -d -m 0755 "$root/DEBIAN"
for s in postinst prerm postrm; do
    install -m 0755 "$pkgdir/$s" "$root/DEBIAN/$s"
done
echo /etc/kiosk/kiosk.conf >"$root/DEBIAN/conffiles"
chmod 0644 "$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@SIZE@|$size|" -e "s|@DEPENDS@|$depends|" "$pkgdir/control.in" >"$root/DEBIAN/control"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) \
    >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"

mkdir -p "$out"
deb="$out/kiosk_${version}_${arch}.deb"
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(dpkg-parsechangelog -l "$pkgdir/changelog" -S Timestamp)} \
    dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "build-deb: $deb"
