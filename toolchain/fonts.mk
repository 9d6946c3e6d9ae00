# Regenerates the subsetted fonts in fonts/ (see fonts/README.md).
# Explicit only: it needs the large system fonts (fonts-noto-cjk), hb-subset and
# hb-shape (libharfbuzz-bin) and fc-scan (fontconfig), which the kiosk itself
# does not; normal builds and tests use the committed subsets.

# This file is included before the top-level `all` rule; keep `fonts` from
# becoming the default goal (an empty .DEFAULT_GOAL makes make take the next
# target it parses).
fonts_saved_goal := $(.DEFAULT_GOAL)

fonts:
	@sh toolchain/install-deps.sh fonts-noto-cjk libharfbuzz-bin fontconfig
	sh toolchain/subset-fonts.sh

.DEFAULT_GOAL := $(fonts_saved_goal)
