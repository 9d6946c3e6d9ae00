# The Debian packages, included by the top-level Makefile (after rpi.mk):
#
#   make deb        build/kiosk_VERSION_arm64.deb (the Pi) and _amd64.deb (the host build,
#                   a desktop preview) with dpkg-deb (toolchain/build-deb.sh, packaging/)
#   make deb-host   the host's package only: no cross toolchain needed
#   make test-deb   the host's package unpacked into a throwaway root: files, modes, lintian,
#                   systemd-analyze verify, the postinst, and its kiosk's picture against the
#                   host build's
#
# The version is packaging/changelog's.
HOST_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
# The packaging tools (toolchain/deps-rpi.txt has them too, for `make deb`).
DEB_TOOLS := dpkg-dev lintian fakeroot

.PHONY: deb deb-host test-deb

# The Pi's package after the host's: its Depends are computed on the host
# build (toolchain/build-deb.sh).
deb: deb-host deps-rpi
	@$(RPI_MAKE) -j$(RPI_JOBS) $(RPI_BUILD)/kiosk $(RPI_BUILD)/kiosk-bundle
	@HOST_BUILD=$(BUILD) sh toolchain/build-deb.sh arm64 $(RPI_BUILD) build

deb-host: deps
	@sh toolchain/install-deps.sh $(DEB_TOOLS)
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/kiosk-bundle
	@HOST_BUILD=$(BUILD) sh toolchain/build-deb.sh $(HOST_ARCH) $(BUILD) build

test-deb: deb-host
	@$(MAKE) --no-print-directory $(BUILD)/tools/golden_compare
	@sh toolchain/test-deb.sh $(BUILD)
