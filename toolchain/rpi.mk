# The Raspberry Pi (arm64) build, included by the top-level Makefile:
#
#   make deps-rpi   install what the cross-build needs (toolchain/install-deps-rpi.sh)
#   make rpi        cross-build build/rpi/kiosk and kiosk-bundle for the Raspberry Pi
#                   (arm64, Raspberry Pi OS bookworm) with Debian's aarch64 cross compiler
#   make test-rpi   the arm64 build of a subset of the suite under qemu-aarch64-static, and
#                   the default bundle rendered by both builds, compared
#
# The same rules in a sub-make with BUILD=build/rpi, Debian's aarch64-linux-gnu
# cross compiler, and pkg-config reading only the arm64 .pc files of the
# multiarch :arm64 -dev packages (toolchain/deps-rpi.txt, installed by
# toolchain/install-deps-rpi.sh).
RPI_BUILD  := build/rpi
RPI_TRIPLET := aarch64-linux-gnu
# libunibreak is not multiarch in Debian 12: its arm64 packages are unpacked
# into RPI_UNIBREAK (toolchain/install-deps-rpi.sh), whose .pc file comes first.
RPI_UNIBREAK := /usr/local/lib/kiosk-cross/unibreak-arm64
RPI_PKG_CONFIG := env PKG_CONFIG_LIBDIR=$(RPI_UNIBREAK)/usr/lib/pkgconfig:/usr/lib/$(RPI_TRIPLET)/pkgconfig:/usr/share/pkgconfig \
	pkg-config
RPI_MAKE   := $(MAKE) --no-print-directory BUILD=$(RPI_BUILD) CC=$(RPI_TRIPLET)-gcc AR=$(RPI_TRIPLET)-ar \
	PKG_CONFIG="$(RPI_PKG_CONFIG)"
# qemu-user runs the arm64 programs here; no binfmt_misc is needed (a
# container rarely has it): each is started as `qemu-aarch64-static PROG`,
# and the arm64 loader and libraries come from the multiarch packages (and
# libunibreak from RPI_UNIBREAK, through the guest's LD_LIBRARY_PATH only). A
# test that starts the kiosk gets $(RPI_BUILD)/qemu/kiosk, a host script doing
# the same (an arm64 program cannot exec another one without binfmt_misc).
RPI_QEMU   := qemu-aarch64-static -E LD_LIBRARY_PATH=$(RPI_UNIBREAK)/usr/lib
# The suite under qemu, a subset: the whole suite would take about an hour
# there, CI has 25 minutes in all. These cover the layers the architecture
# can change: UTF-8, files and JSON (core), fonts, shaping, breaking, layout
# and the atlas against the golden images (text), the bundle loader (content)
# and signed packages with libsodium and libarchive (update), the UI's draw
# lists, and the kiosk itself rendering scenes end to end against the goldens
# (platform, app). Left out: tests that install packages (the kiosk re-execs
# itself through /proc/self/exe, which needs binfmt_misc under qemu), the
# window tests (Xvfb), the review sheet (chromium) and the slow timing tests.
RPI_TESTS  ?= test_core test_text_units test_text_breaks test_text_golden test_atlas test_fonts \
	test_content test_package test_ui_units test_shell test_e2e test_notify
RPI_JOBS   ?= 2
RPI_SHOT_ARGS := --headless --size 1920x1080 --frames 120

.PHONY: deps-rpi rpi rpi-bins test-rpi

deps-rpi:
	@sh toolchain/install-deps-rpi.sh

rpi: deps-rpi
	@$(RPI_MAKE) -j$(RPI_JOBS) $(RPI_BUILD)/kiosk $(RPI_BUILD)/kiosk-bundle
	@file $(RPI_BUILD)/kiosk $(RPI_BUILD)/kiosk-bundle | sed 's/, BuildID[^,]*//'

rpi-bins: $(RPI_TESTS:%=$(BUILD)/tests/%)

test-rpi: deps deps-rpi
	@$(RPI_MAKE) -j$(RPI_JOBS) $(RPI_BUILD)/kiosk $(RPI_BUILD)/kiosk-bundle rpi-bins
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/tools/golden_compare
	@mkdir -p $(RPI_BUILD)/qemu
	@for p in kiosk kiosk-bundle; do \
		printf '#!/bin/sh\nexec $(RPI_QEMU) "%s" "$$@"\n' "$$(pwd)/$(RPI_BUILD)/$$p" >$(RPI_BUILD)/qemu/$$p; \
		chmod +x $(RPI_BUILD)/qemu/$$p; done
	@echo "test-rpi: $(words $(RPI_TESTS)) of $(words $(TEST_BINS)) test programs under $(RPI_QEMU)"
	@KIOSK_BIN=$(RPI_BUILD)/qemu/kiosk TEST_WRAP="$(RPI_QEMU)" sh toolchain/run-tests.sh $(RPI_BUILD) \
		$(RPI_TESTS:%=$(RPI_BUILD)/tests/%)
	@echo "test-rpi: the default bundle, headless, on both builds"
	@d=$$(mktemp -d) && ./$(BUILD)/kiosk $(RPI_SHOT_ARGS) --bundle content --screenshot $$d/host.png --quiet && \
		$(RPI_QEMU) $(RPI_BUILD)/kiosk $(RPI_SHOT_ARGS) --bundle content --screenshot $$d/arm64.png --quiet && \
		./$(BUILD)/tools/golden_compare $$d/host.png $$d/arm64.png default-bundle-arm64; \
		rc=$$?; rm -rf $$d; exit $$rc
