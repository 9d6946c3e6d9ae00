# Exhibit kiosk: top-level build.
#
#   make            build build/kiosk
#   make run        install missing Debian packages, build, start the kiosk with content/
#   make test       install missing packages, check the layers, build, run the whole cmocka suite
#   make test SAN=1 the same with -fsanitize=address,undefined (in build-san/)
#   make test-valgrind  the suite's test programs under valgrind (slow; not part of make test)
#   make layers     check every #include against the layer map below
#   make layer-map  print the layer map (what `make layers` and tests/test_layers.c read)
#   make bench      timing figures against a baseline measured in the same run
#   make test-faults kill content updates at random points, check what the kiosk shows
#                   after a restart (RUNS=1000 by default)
#   make soak       24 simulated hours headless: storms, hourly updates; memory must stay
#                   flat over the second half, descriptors and the atlas throughout (HOURS=N)
#   make fuzz       clang libFuzzer targets (tests/fuzz/) with ASan+UBSan, built in
#                   build-fuzz/, each run FUZZ_SECONDS (20) from its seed corpus
#   make rpi, make test-rpi, make deps-rpi   the Raspberry Pi build (toolchain/rpi.mk)
#   make deb, make test-deb                  the Debian packages (toolchain/deb.mk)
#   make fonts      regenerate the font subsets (toolchain/fonts.mk)
#
# New .c files are picked up by wildcard; tests and fuzz targets link what
# their compiler's dependency files say they include (below).

BUILD   ?= build
.DEFAULT_GOAL := all
CC      ?= cc
PKG_CONFIG ?= pkg-config

# ---- The layer map -----------------------------------------------------------
# The one statement of the firmware's layering. Every folder of firmware/ is a
# layer and a static library; `make layers` (toolchain/check-layers.sh) checks
# every #include of firmware/ against this map, each layer compiles with the
# flags of its own libraries only, and programs, tests and fuzz targets link
# the layers they reach through it. README.md describes the layers and points
# here for the rules.
#
#   LAYERS   the layers, bottom up (programs link them top first)
#   USES_l   the layers l may include besides itself; each is named (the
#            relation is not taken as transitive for the check), and none may
#            be above l in LAYERS
#   LIBS_l   the Debian libraries (pkg-config modules) l may use: their
#            headers may be included in l and in no layer that does not list them
#   HDR_p    how library p's headers are included: #include <NAME> patterns
#            (% matches anything). Every library the project links has one,
#            the test and benchmark libraries too (which no layer may use).
LAYERS        := core stats text content update export ui platform app

USES_core     :=
USES_stats    := core
USES_text     := core
USES_content  := text core
USES_update   := content core
USES_export   := text content core
USES_ui       := content text stats core
USES_platform := ui content text core
USES_app      := platform ui export update content text stats core

LIBS_core     :=
LIBS_stats    :=
LIBS_text     := freetype2 harfbuzz libunibreak
LIBS_content  := yaml-0.1 opusfile
LIBS_update   := libsodium libarchive
LIBS_export   := harfbuzz harfbuzz-subset
LIBS_ui       :=
LIBS_platform := sdl2 libpng espeak-ng
LIBS_app      := sdl2 libsodium

TEST_PKGS     := cmocka libcjson
BENCH_PKGS    := SDL2_ttf

HDR_freetype2   := ft2build.h freetype/%
HDR_harfbuzz    := hb.h hb-%.h
HDR_harfbuzz-subset := hb-subset.h
HDR_libunibreak := linebreak.h linebreakdef.h wordbreak.h graphemebreak.h unibreakbase.h unibreakdef.h
HDR_yaml-0.1    := yaml.h
HDR_opusfile    := opus/opusfile.h opusfile.h opus/opus%.h
HDR_libsodium   := sodium.h sodium/%
HDR_libarchive  := archive.h archive_entry.h
HDR_sdl2        := SDL.h SDL_%.h SDL2/%
HDR_libpng      := png.h pngconf.h pnglibconf.h
HDR_espeak-ng   := espeak-ng/% espeak/% speak_lib.h espeak_ng.h
HDR_cmocka      := cmocka.h cmocka_pbc.h
HDR_libcjson    := cjson/% cJSON.h
HDR_SDL2_ttf    := SDL_ttf.h SDL2/SDL_ttf.h

reverse = $(if $(1),$(call reverse,$(wordlist 2,$(words $(1)),$(1))) $(firstword $(1)))
# The layers l reaches: itself and, through USES, every layer below it.
reach = $(sort $(1) $(foreach u,$(USES_$(1)),$(call reach,$(u))))
reach_all = $(sort $(foreach l,$(1),$(call reach,$(l))))
# A set of layers top first (the static link order).
link_order = $(strip $(foreach l,$(call reverse,$(LAYERS)),$(filter $(l),$(1))))
pkgs_of = $(sort $(foreach l,$(1),$(LIBS_$(l))))
ALL_PKGS := $(call pkgs_of,$(LAYERS))
MAP_PKGS := $(ALL_PKGS) $(TEST_PKGS) $(BENCH_PKGS)

# The map as text, one record a line (`make layer-map`):
#   layer NAME uses LAYER... libs PKG...    ("-" for none)
#   headers PKG PATTERN...
LAYER_MAP = $(foreach l,$(LAYERS),layer $(l) uses $(or $(USES_$(l)),-) libs $(or $(LIBS_$(l)),-);) \
	$(foreach p,$(MAP_PKGS),headers $(p) $(or $(HDR_$(p)),-);)

# ---- Flags -------------------------------------------------------------------
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

# V=1 shows the full commands.
Q := $(if $(V),,@)
.SECONDARY:

# ---- The layers --------------------------------------------------------------
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
	$$(Q)$$(CC) $$(CFLAGS) $$(call pkg_cflags,$$(LIBS_$(1))) -c $$< -o $$@
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rules,$(l))))
ALL_LIBS := $(foreach l,$(call link_order,$(LAYERS)),$(LIB_$(l)))

# ---- Link sets from dependency files -------------------------------------------
# Tests, fuzz targets and tools compile with every library's flags and with
# -MD, so their dependency file (.d) names every header they include,
# directly or not: firmware/LAYER/x.h, tests/support/x.h and the libraries'
# own. A program links the support modules whose headers it includes (and
# theirs, from their own .d), the layers of the firmware headers and all they
# reach through the map, and the libraries of those layers and of the
# library headers it includes itself. Read when the link runs, after the
# objects (so their .d) are made.
dep_words = $(patsubst %:,%,$(subst \, ,$(file <$(1))))
sup_in = $(sort $(patsubst tests/support/%.h,%,$(filter tests/support/%.h,$(foreach f,$(1),$(call dep_words,$(f))))))
sup_close = $(if $(filter-out $(2),$(1)),$(call sup_close,$(sort $(1) \
	$(call sup_in,$(patsubst %,$(BUILD)/tests/support/%.d,$(filter-out $(2),$(1))))),$(1)),$(1))
# The support modules, layers and libraries of the objects whose .d files are $(1).
link_sup = $(call sup_close,$(call sup_in,$(1)),)
link_deps = $(1) $(patsubst %,$(BUILD)/tests/support/%.d,$(call link_sup,$(1)))
link_layers = $(call link_order,$(call reach_all,$(sort $(foreach h,$(filter firmware/%.h,$(foreach f,$(call \
	link_deps,$(1)),$(call dep_words,$(f)))),$(word 2,$(subst /, ,$(h)))))))
link_direct = $(foreach p,$(ALL_PKGS) $(BENCH_PKGS),$(if $(filter $(filter-out %/%,$(HDR_$(p))),$(notdir \
	$(filter /%,$(foreach f,$(call link_deps,$(1)),$(call dep_words,$(f)))))),$(p)))
# The linker's inputs after the program's own objects.
link_args = $(patsubst %,$(BUILD)/tests/support/%.o,$(call link_sup,$(1))) \
	$(foreach l,$(call link_layers,$(1)),$(LIB_$(l))) \
	$(call pkg_libs,$(sort $(call pkgs_of,$(call link_layers,$(1))) $(call link_direct,$(1)) $(2))) -lm

TEST_CFLAGS = $(filter-out -MMD,$(CFLAGS)) -MD -Itests $(call pkg_cflags,$(ALL_PKGS) $(TEST_PKGS))
SUPPORT_SRC  := $(sort $(wildcard tests/support/*.c))
SUPPORT_OBJS := $(SUPPORT_SRC:%.c=$(BUILD)/%.o)
TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(TEST_CFLAGS) -c $< -o $@

# Every test waits for every support object and layer (their .d files are
# read when it links) but links only what it includes.
$(TEST_BINS): $(BUILD)/tests/%: $(BUILD)/tests/%.o $(SUPPORT_OBJS) $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(call link_args,$(BUILD)/tests/$*.d,$(TEST_PKGS))

# Fuzz targets (tests/fuzz/fuzz_NAME.c, one LLVMFuzzerTestOneInput each) link
# like tests, and may use tests/support (built with the same instrumentation).
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BINS  := $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_SECONDS ?= 20
FUZZ_TARGETS ?= $(FUZZ_NAMES)
$(FUZZ_BINS): $(BUILD)/fuzz/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(SUPPORT_OBJS) $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(call link_args,$(BUILD)/tests/fuzz/fuzz_$*.d,$(TEST_PKGS))

# Tools (toolchain/NAME.c): benchmarks and the golden comparison, linked the
# same way (the SDL2_ttf peer and the bench use the benchmark library).
$(BUILD)/toolchain/%.o: toolchain/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(TEST_CFLAGS) $(call pkg_cflags,$(BENCH_PKGS)) -c $< -o $@

$(BUILD)/tools/%: $(BUILD)/toolchain/%.o $(SUPPORT_OBJS) $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(call link_args,$(BUILD)/toolchain/$*.d,$(TEST_PKGS))

# The kiosk with every heap allocation counted (toolchain/alloc_count.c), for
# the bench's allocations per frame; never installed.
$(BUILD)/tools/kiosk-counted: $(BUILD)/firmware/main.o $(BUILD)/toolchain/alloc_count.o $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(ALL_PKGS)) -lm

# ---- The programs ------------------------------------------------------------
.PHONY: all deps run test test-valgrind bench bench-peers clean layers layer-map test-faults soak fuzz fuzz-bins
all: $(BUILD)/kiosk $(BUILD)/kiosk-bundle

# The entry points are the app layer's.
$(BUILD)/firmware/main.o $(BUILD)/firmware/kiosk_bundle.o: $(BUILD)/firmware/%.o: firmware/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(call pkg_cflags,$(LIBS_app)) -c $< -o $@

$(BUILD)/kiosk: $(BUILD)/firmware/main.o $(ALL_LIBS)
$(BUILD)/kiosk-bundle: $(BUILD)/firmware/kiosk_bundle.o $(ALL_LIBS)
$(BUILD)/kiosk $(BUILD)/kiosk-bundle:
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(ALL_PKGS)) -lm

deps:
	@sh toolchain/install-deps.sh

layer-map:
	@printf '%s' '$(strip $(LAYER_MAP))' | tr ';' '\n' | sed 's/^ *//'

layers:
	@printf '%s' '$(strip $(LAYER_MAP))' | tr ';' '\n' | sed 's/^ *//' | \
		sh toolchain/check-layers.sh $(or $(FIRMWARE),firmware)

# Default bundle; --bundle, --size etc. can be passed with ARGS="...". The
# kiosk's own lines say what it does (and, without a display, why it cannot):
# the command is not echoed. A kiosk that cannot run fails the target, so make
# adds its "*** [run] Error 1" for scripts and CI to see.
run: deps
	@$(MAKE) --no-print-directory -s $(BUILD)/kiosk
	@./$(BUILD)/kiosk --bundle content $(ARGS)

test: deps
	@$(MAKE) --no-print-directory layers
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

include toolchain/fonts.mk
include toolchain/rpi.mk
include toolchain/deb.mk

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
