# The Debian packages, included by the top-level Makefile (after rpi.mk):
#
#   make deb        build/kiosk_VERSION_arm64.deb (the Pi) and _amd64.deb (the host build,
#                   a desktop preview) with dpkg-deb (toolchain/build-deb.sh, packaging/)
#   make test-deb   the host's package unpacked into a throwaway root: files, modes, lintian,
#                   systemd-analyze verify, and its kiosk's picture against the host build's
#
# The version is packaging/changelog's.
HOST_ARCH := $(shell dpkg --print-architecture 2>/dev/null)

.PHONY: deb test-deb

deb: deps deps-rpi
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/kiosk-bundle
	@$(RPI_MAKE) -j$(RPI_JOBS) $(RPI_BUILD)/kiosk $(RPI_BUILD)/kiosk-bundle
	@HOST_BUILD=$(BUILD) sh toolchain/build-deb.sh arm64 $(RPI_BUILD) build
	@HOST_BUILD=$(BUILD) sh toolchain/build-deb.sh $(HOST_ARCH) $(BUILD) build

test-deb: deb
	@$(MAKE) --no-print-directory $(BUILD)/tools/golden_compare
	@sh toolchain/test-deb.sh $(BUILD)
