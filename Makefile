# Exhibit kiosk: top-level build.
#
#   make            build build/kiosk
#   make run        install missing Debian packages, build, start the kiosk with content/
#   make test       install missing packages, check the layers, build, run the whole cmocka suite
#   make test SAN=1 the same with -fsanitize=address,undefined (in build-san/)
#   make test-valgrind  the suite's test programs under valgrind (slow; not part of make test)
#   make layers     check that no #include crosses a layer the wrong way
#   make bench      timing figures against a baseline measured in the same run
#   make test-faults kill content updates at random points, check what the kiosk shows
#                   after a restart (RUNS=1000 by default)
#   make soak       24 simulated hours headless: storms, hourly updates; memory must stay
#                   flat over the second half, descriptors and the atlas throughout (HOURS=N)
#   make fuzz       clang libFuzzer targets (tests/fuzz/) with ASan+UBSan, built in
#                   build-fuzz/, each run FUZZ_SECONDS (20) from its seed corpus
#   make rpi        cross-build build/rpi/kiosk and kiosk-bundle for the Raspberry Pi
#                   (arm64, Raspberry Pi OS bookworm) with Debian's aarch64 cross compiler
#   make test-rpi   the arm64 build of a subset of the suite under qemu-aarch64-static, and
#                   the default bundle rendered by both builds, compared (see below)
#   make deb        build/kiosk_VERSION_arm64.deb (the Pi) and _amd64.deb (the host build,
#                   a desktop preview) with dpkg-deb (toolchain/build-deb.sh, packaging/)
#   make test-deb   the host's package unpacked into a throwaway root: files, modes, lintian,
#                   systemd-analyze verify, and its kiosk's picture against the host build's
#
# Layers (bottom up); a layer may include itself and the layers below it,
# each is a static library, and each compiles with the flags of only the
# Debian libraries it uses itself (so an SDL include in ui/ does not build):
#   firmware/core      libc only: UTF-8, logging, files (whole reads, paths, atomic writes),
#                      JSON writer, trace, clock
#   firmware/text      FreeType, HarfBuzz, libunibreak: fonts, shaping, breaking, layout, atlas
#   firmware/content   libyaml, libsodium, libarchive: the bundle model, dates (and dates
#                      stated in texts), YAML tree, field readers, one loader per file, the
#                      checks, diagnostics, export, the review sheet, time scale; signed
#                      packages, A/B slots and the installer
#   firmware/ui        plain C: scenes, shell, metrics, gestures, draw list, interaction log
#   firmware/platform  SDL, libpng: display, input translation, drawing the draw list, scripts
#   firmware/app       the main loop, the command-line modes, content updates, the package
#                      tool (entry points firmware/main.c, firmware/kiosk_bundle.c)
# Tests link only the layers they include (and those below them); cmocka and
# cJSON flags are for tests only. New .c files are picked up by wildcard.

BUILD   ?= build
.DEFAULT_GOAL := all
CC      ?= cc
PKG_CONFIG ?= pkg-config

LAYERS       := core text content ui platform app
PKG_core     :=
PKG_text     := freetype2 harfbuzz libunibreak
PKG_content  := yaml-0.1 libsodium libarchive opusfile
PKG_ui       :=
PKG_platform := sdl2 libpng espeak-ng
PKG_app      := sdl2 libsodium
TEST_PKGS    := cmocka libcjson
BENCH_PKGS   := SDL2_ttf

OPT      ?= -O2
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CFLAGS   := -std=c11 $(WARN) $(OPT) -g -D_POSIX_C_SOURCE=200809L -MMD -MP -Ifirmware $(EXTRA_CFLAGS)
LDFLAGS  := $(EXTRA_LDFLAGS)

ifeq ($(SAN),1)
BUILD    := build-san
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif

# The fuzz build (`make fuzz` runs a sub-make with FUZZ=1): every layer with
# clang's coverage instrumentation for libFuzzer and the sanitizers; only the
# targets themselves link libFuzzer's main.
ifeq ($(FUZZ),1)
BUILD    := build-fuzz
CC       := clang
CFLAGS   += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif

# pkg-config is asked lazily, once per module list, so that `make deps` can
# install it first (`make test` and `make run` build in a sub-make).
space := $() $()
pkg_key = $(subst $(space),_,$(strip $(2) $(1)))
pkg_ask = $(if $(strip $(1)),$(if $(filter undefined,$(origin PKG_$(call pkg_key,$(1),$(2)))),$(eval \
    PKG_$(call pkg_key,$(1),$(2)) := $$(shell $(PKG_CONFIG) $(2) $(1) 2>/dev/null)))$(PKG_$(call pkg_key,$(1),$(2))))
pkg_cflags = $(call pkg_ask,$(1),--cflags)
pkg_libs = $(call pkg_ask,$(1),--libs)

# The layers at and below each layer, top first (static link order), and
# the Debian libraries they use.
below = $(if $(1),$(call below_r,$(1),$(LAYERS)))
below_r = $(if $(2),$(if $(filter $(1),$(firstword $(2))),$(1),$(call below_r,$(1),$(wordlist 2,99,$(2))) $(firstword $(2))))
pkgs_below = $(sort $(foreach l,$(call below,$(1)),$(PKG_$(l))))
ALL_PKGS := $(sort $(foreach l,$(LAYERS),$(PKG_$(l))))

define layer_rules
SRC_$(1) := $$(sort $$(wildcard firmware/$(1)/*.c))
OBJ_$(1) := $$(SRC_$(1):%.c=$(BUILD)/%.o)
LIB_$(1) := $(BUILD)/lib$(1).a
$(BUILD)/lib$(1).a: $$(OBJ_$(1))
	@mkdir -p $$(@D)
	$$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^
$(BUILD)/firmware/$(1)/%.o: firmware/$(1)/%.c
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  CC      $$<")
	$$(Q)$$(CC) $$(CFLAGS) $$(call pkg_cflags,$$(PKG_$(1))) -c $$< -o $$@
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rules,$(l))))
ALL_LIBS := $(foreach l,$(call below,app),$(LIB_$(l)))

TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

# What a test links: the support modules it includes (and theirs), and the
# highest layer any of them includes, with every layer below it.
includes_of = $(shell sed -n 's|^\#include "\([a-z0-9_]*\)/\([a-z0-9_]*\)\.h".*|\1/\2|p' $(1) 2>/dev/null)
libs_of = $(shell sed -n 's|^\#include <\([^>]*\)>.*|\1|p' $(1) 2>/dev/null)
support_of = $(patsubst support/%,%,$(filter support/%,$(call includes_of,$(1))))
support_closure = $(sort $(1) $(foreach s,$(1),$(call support_of,tests/support/$(s).c)))
layers_in = $(foreach f,$(1),$(foreach i,$(call includes_of,$(f)),$(firstword $(subst /, ,$(i)))))
top_layer = $(lastword $(foreach l,$(LAYERS),$(if $(filter $(l),$(1)),$(l))))
# Libraries a test uses directly, by their headers.
HDR_freetype2 := ft2build.h
HDR_harfbuzz  := hb.h hb-ft.h
HDR_libunibreak := linebreak.h
HDR_yaml-0.1  := yaml.h
HDR_sdl2      := SDL.h
HDR_libpng    := png.h
HDR_libsodium := sodium.h
HDR_libarchive := archive.h archive_entry.h
HDR_espeak-ng := espeak-ng/speak_lib.h
HDR_opusfile  := opus/opusfile.h
direct_pkgs = $(foreach p,$(ALL_PKGS),$(if $(filter $(HDR_$(p)),$(foreach f,$(1),$(call libs_of,$(f)))),$(p)))
define test_rules
SUP_$(1) := $$(call support_closure,$$(call support_closure,$$(call support_of,tests/$(1).c)))
SRCS_$(1) := tests/$(1).c $$(SUP_$(1):%=tests/support/%.c) $$(SUP_$(1):%=tests/support/%.h)
TOP_$(1) := $$(call top_layer,$$(call layers_in,$$(SRCS_$(1))))
$(BUILD)/tests/$(1): $(BUILD)/tests/$(1).o $$(SUP_$(1):%=$(BUILD)/tests/support/%.o) \
		$$(foreach l,$$(call below,$$(TOP_$(1))),$$(LIB_$$(l)))
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  LINK    $$@")
	$$(Q)$$(CC) $$(LDFLAGS) -o $$@ $$^ \
		$$(call pkg_libs,$$(sort $$(call pkgs_below,$$(TOP_$(1))) $$(call direct_pkgs,$$(SRCS_$(1)))) $(TEST_PKGS)) -lm
endef
$(foreach t,$(TEST_SRC:tests/%.c=%),$(eval $(call test_rules,$(t))))

# Fuzz targets (tests/fuzz/fuzz_NAME.c, one LLVMFuzzerTestOneInput each) link
# like tests: the highest layer they include and the layers below it.
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BINS  := $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_SECONDS ?= 20
FUZZ_TARGETS ?= $(FUZZ_NAMES)
define fuzz_rules
TOP_fuzz_$(1) := $$(call top_layer,$$(call layers_in,tests/fuzz/fuzz_$(1).c))
$(BUILD)/fuzz/fuzz_$(1): $(BUILD)/tests/fuzz/fuzz_$(1).o $$(foreach l,$$(call below,$$(TOP_fuzz_$(1))),$$(LIB_$$(l)))
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  LINK    $$@")
	$$(Q)$$(CC) $$(LDFLAGS) -fsanitize=fuzzer -o $$@ $$^ $$(call pkg_libs,$$(call pkgs_below,$$(TOP_fuzz_$(1)))) -lm
endef
$(foreach t,$(FUZZ_NAMES),$(eval $(call fuzz_rules,$(t))))

.PHONY: all deps run test test-valgrind bench bench-peers fonts clean check-content layers test-faults soak fuzz fuzz-bins \
	deps-rpi rpi rpi-bins test-rpi deb test-deb
include toolchain/fonts.mk
all: $(BUILD)/kiosk $(BUILD)/kiosk-bundle

# V=1 shows the full commands.
Q := $(if $(V),,@)
.SECONDARY:

# The entry points are the app layer's; tests and tools may include any layer.
$(BUILD)/firmware/main.o $(BUILD)/firmware/kiosk_bundle.o: $(BUILD)/firmware/%.o: firmware/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(call pkg_cflags,$(PKG_app)) -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -Itests $(call pkg_cflags,$(ALL_PKGS) $(TEST_PKGS)) -c $< -o $@

$(BUILD)/toolchain/%.o: toolchain/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(call pkg_cflags,$(ALL_PKGS) $(BENCH_PKGS)) -c $< -o $@

$(BUILD)/kiosk: $(BUILD)/firmware/main.o $(ALL_LIBS)
$(BUILD)/kiosk-bundle: $(BUILD)/firmware/kiosk_bundle.o $(ALL_LIBS)
$(BUILD)/kiosk $(BUILD)/kiosk-bundle:
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(ALL_PKGS)) -lm

deps:
	@sh toolchain/install-deps.sh

layers:
	@sh toolchain/check-layers.sh $(or $(FIRMWARE),firmware) $(LAYERS)

# Default bundle; --bundle, --size etc. can be passed with ARGS="...".
run: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk
	./$(BUILD)/kiosk --bundle content $(ARGS)

test: deps
	@sh toolchain/check-layers.sh firmware $(LAYERS)
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/kiosk-bundle $(TEST_BINS)
	@sh toolchain/run-tests.sh $(BUILD) $(TEST_BINS)

# Power cuts during content updates (toolchain/test-faults.sh); RUNS=200 in CI.
test-faults: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/kiosk-bundle
	@bash toolchain/test-faults.sh $(BUILD) $(or $(RUNS),1000)

# HOURS simulated hours of attract loop, touch storms and hourly updates
# (toolchain/soak.sh); HOURS=24 by default.
soak: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/kiosk-bundle
	@bash toolchain/soak.sh $(BUILD) $(or $(HOURS),24)

# Each test program runs under valgrind (memcheck): an invalid read or write,
# a use of uninitialised memory or a definite leak fails it (exit 99). The
# kiosk the tests start as a subprocess runs natively; then the kiosk itself
# runs once under valgrind (a scripted headless run with --state-dir). Slow,
# so not part of `make test`; without SAN=1 (valgrind and ASan do not mix).
VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
	--errors-for-leak-kinds=definite --track-origins=yes --suppressions=toolchain/valgrind.supp
test-valgrind: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(TEST_BINS)
	@TEST_WRAP="$(VALGRIND)" sh toolchain/run-tests.sh $(BUILD) $(TEST_BINS)
	@echo "valgrind: the kiosk itself, a scripted headless run with --state-dir"
	@d=$$(mktemp -d) && $(VALGRIND) $(BUILD)/kiosk --headless --size 960x540 --frames 600 --shot-dir $$d \
		--state-dir $$d --trace $$d/trace.jsonl --script tests/scripts/first.txt --quiet; \
		rc=$$?; rm -rf $$d; [ $$rc -eq 0 ] && echo "valgrind: kiosk clean" || { echo "valgrind: kiosk exit $$rc"; exit 1; }

# Each fuzz target for FUZZ_SECONDS from a copy of its seed corpus
# (toolchain/run-fuzz.sh); fails when any target crashes. FUZZ_TARGETS=NAME
# runs only some.
fuzz: deps
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-bins
	@sh toolchain/run-fuzz.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-bins: $(FUZZ_BINS)

# The figures against the peers, in one run (toolchain/bench.c,
# BENCHMARKS.md). BENCH_ARGS=--no-window skips the two runs in a window.
bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/tools/kiosk-counted $(BUILD)/tools/peer_sdl2ttf \
		$(BUILD)/tools/bench
	./$(BUILD)/tools/bench $(BENCH_ARGS)

# The exhibit against a headless Chromium showing the same reader screen as
# a static page (Debian's chromium, installed by make deps); not in CI.
bench-peers: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/tools/bench
	./$(BUILD)/tools/bench --chromium

# The kiosk with every heap allocation counted (toolchain/alloc_count.c), for
# the bench's allocations per frame; never installed.
$(BUILD)/tools/kiosk-counted: $(BUILD)/firmware/main.o $(BUILD)/toolchain/alloc_count.o $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(ALL_PKGS)) -lm

$(BUILD)/tools/%: $(BUILD)/toolchain/%.o $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(ALL_PKGS) $(BENCH_PKGS)) -lm

# ---- Raspberry Pi (arm64) --------------------------------------------------
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
# and the atlas against the golden images (text), the bundle loader and
# signed packages with libsodium and libarchive (content), the UI's draw
# lists, and the kiosk itself rendering scenes end to end against the goldens
# (platform, app). Left out: tests that install packages (the kiosk re-execs
# itself through /proc/self/exe, which needs binfmt_misc under qemu), the
# window tests (Xvfb), the review sheet (chromium) and the slow timing tests.
RPI_TESTS  ?= test_core test_text_units test_text_breaks test_text_golden test_atlas test_fonts \
	test_content test_package test_ui_units test_shell test_e2e test_notify
RPI_JOBS   ?= 2
RPI_SHOT_ARGS := --headless --size 1920x1080 --frames 120

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

# Debian packages: the version is packaging/changelog's.
HOST_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
deb: deps deps-rpi
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/kiosk-bundle
	@$(RPI_MAKE) -j$(RPI_JOBS) $(RPI_BUILD)/kiosk $(RPI_BUILD)/kiosk-bundle
	@HOST_BUILD=$(BUILD) sh toolchain/build-deb.sh arm64 $(RPI_BUILD) build
	@HOST_BUILD=$(BUILD) sh toolchain/build-deb.sh $(HOST_ARCH) $(BUILD) build

test-deb: deb
	@$(MAKE) --no-print-directory $(BUILD)/tools/golden_compare
	@sh toolchain/test-deb.sh $(BUILD)

$(BUILD)/toolchain/golden_compare.o: toolchain/golden_compare.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -Itests -c $< -o $@

$(BUILD)/tools/golden_compare: $(BUILD)/toolchain/golden_compare.o $(BUILD)/tests/support/golden.o $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(ALL_PKGS)) -lm

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
