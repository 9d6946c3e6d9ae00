# Exhibit kiosk: top-level build.
#
#   make            build build/kiosk
#   make run        install missing Debian packages, build, start the kiosk with content/
#   make test       install missing packages, build, run the whole cmocka suite
#   make test SAN=1 the same with -fsanitize=address,undefined (in build-san/)
#   make bench      timing figures against a baseline measured in the same run
#
# Layers (bottom up), each a static library so tests link only what they need:
#   firmware/core      UTF-8, logging, trace, clock, JSON writer, files: whole reads, paths,
#                      atomic writes (libc only)
#   firmware/text      fonts, shaping, line breaking, layout, glyph atlas (layout core has no SDL)
#   firmware/content   the bundle: model, dates, YAML tree, field readers, one loader per file,
#                      the checks, diagnostics, export, time scale (no SDL)
#   firmware/platform  SDL: display, PNG, input translation
#   firmware/ui        scenes
#   firmware/app       main loop, the modes of the program
# New .c files are picked up by wildcard: adding a module needs no Makefile edit.

BUILD   ?= build
.DEFAULT_GOAL := all
CC      ?= cc
PKG_CONFIG ?= pkg-config

PKGS      := sdl2 SDL2_ttf freetype2 harfbuzz libunibreak yaml-0.1 libpng
TEST_PKGS := cmocka libcjson

OPT      ?= -O2
CFLAGS   := -std=c11 -Wall -Wextra -Werror $(OPT) -g -D_POSIX_C_SOURCE=200809L \
            -MMD -MP -Ifirmware $(EXTRA_CFLAGS)
LDFLAGS  := $(EXTRA_LDFLAGS)

ifeq ($(SAN),1)
BUILD    := build-san
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif

# pkg-config is asked lazily (=) so `make deps` can install it first.
PKG_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

LAYERS := app platform ui content text core
define layer_rules
SRC_$(1) := $$(sort $$(wildcard firmware/$(1)/*.c))
OBJ_$(1) := $$(SRC_$(1):%.c=$(BUILD)/%.o)
LIB_$(1) := $(BUILD)/lib$(1).a
$(BUILD)/lib$(1).a: $$(OBJ_$(1))
	@mkdir -p $$(@D)
	$$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rules,$(l))))
ALL_LIBS := $(foreach l,$(LAYERS),$(LIB_$(l)))

TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT_SRC := $(sort $(wildcard tests/support/*.c))
TEST_SUPPORT_OBJ := $(TEST_SUPPORT_SRC:%.c=$(BUILD)/%.o)

.PHONY: all deps run test bench fonts clean check-content
include toolchain/fonts.mk
all: $(BUILD)/kiosk

# V=1 shows the full commands.
Q := $(if $(V),,@)
.SECONDARY:

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/kiosk: $(BUILD)/firmware/main.o $(ALL_LIBS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_SUPPORT_OBJ) $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

deps:
	@sh toolchain/install-deps.sh

# Default bundle; --bundle, --size etc. can be passed with ARGS="...".
run: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk
	./$(BUILD)/kiosk --bundle content $(ARGS)

test: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(TEST_BINS)
	@sh toolchain/run-tests.sh $(BUILD) $(TEST_BINS)

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/kiosk $(BUILD)/tools/bench $(BUILD)/tools/bench_frames
	./$(BUILD)/tools/bench
	./$(BUILD)/tools/bench_frames

$(BUILD)/tools/%: $(BUILD)/toolchain/%.o $(ALL_LIBS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

clean:
	rm -rf build build-san

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
