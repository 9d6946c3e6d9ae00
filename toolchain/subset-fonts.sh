#!/bin/sh
# Regenerates the four subsetted fonts in fonts/ (and fonts/LICENSE-OFL.txt)
# from Debian's fonts-noto-cjk with hb-subset (libharfbuzz-bin).
#
# Coverage: every GB 2312 character (decoded from every GB 2312 double-byte code
# with iconv, so no table is typed by hand), every character of the source
# articles (../shared/articles/*.txt) and of the content bundle (content/*.yaml,
# content/*.md) as they are when the script runs, and the fixed Unicode blocks a
# UI needs (listed in fixed_ranges below). Code points the source font lacks are
# reported, not fatal: the text engine falls back to other fonts for them.
#
# Deterministic: the same inputs give byte-identical outputs (hb-subset copies
# the source head.modified date and writes no timestamp of its own; the code
# point list is sorted in the C locale), so regenerating does not churn git.
#
# Usage: sh toolchain/subset-fonts.sh        (from anywhere; works in the repo root)
# Environment: NOTO_DIR  directory of the Noto CJK .ttc files
#              WORK_DIR  scratch directory (default build/fonts)
set -eu

cd "$(dirname "$0")/.."
NOTO_DIR=${NOTO_DIR:-/usr/share/fonts/opentype/noto}
WORK_DIR=${WORK_DIR:-build/fonts}
OUT_DIR=fonts
ARTICLES_DIR=../shared/articles
CONTENT_DIR=content
NOTO_COPYRIGHT=/usr/share/doc/fonts-noto-cjk/copyright
# Budget per subset: it ships on the kiosk's SD card and is loaded whole.
MAX_BYTES=$((8 * 1024 * 1024))
# GB 2312 facts, used to check that iconv really decoded the whole set.
GB2312_HAN=6763
GB2312_TOTAL=7445

export LC_ALL=C

die() { echo "subset-fonts: $*" >&2; exit 1; }
warn() { echo "subset-fonts: warning: $*" >&2; }

for tool in hb-subset hb-shape fc-scan iconv od awk; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (make fonts installs libharfbuzz-bin, fontconfig)"
done
[ -d "$NOTO_DIR" ] || die "$NOTO_DIR missing (install fonts-noto-cjk)"
mkdir -p "$WORK_DIR" "$OUT_DIR"

# UTF-32BE on stdin -> one code point per line, 6 upper-case hex digits.
utf32_to_hex() {
    od -An -v -tx1 | awk '{
        for (i = 1; i <= NF; i++) {
            b[n % 4] = $i; n++
            if (n % 4 == 0) print toupper(b[1] b[2] b[3])
        }
    }'
}

# Appends the code points of UTF-8 file $1 to $2; a file that is not valid
# UTF-8 is an error (the bundle check would refuse it anyway).
file_code_points() {
    iconv -f UTF-8 -t UTF-32BE "$1" > "$WORK_DIR/utf32.tmp" || die "$1 is not valid UTF-8"
    utf32_to_hex < "$WORK_DIR/utf32.tmp" >> "$2"
}

# --- GB 2312: rows 0xA1..0xF7, cells 0xA1..0xFE, one code per line. Codes
# that GB 2312 leaves unassigned fail to decode and are dropped by iconv -c,
# leaving empty lines (the newline is ASCII, so decoding resynchronises).
gb_raw="$WORK_DIR/gb2312.raw"
gb_cps="$WORK_DIR/gb2312.cps"
# shellcheck disable=SC2059  # the format is the data: octal escapes only
printf "$(awk 'BEGIN { for (r = 161; r <= 247; r++) for (c = 161; c <= 254; c++) printf "\\%o\\%o\\n", r, c }')" > "$gb_raw"
iconv -c -f GB2312 -t UTF-32BE "$gb_raw" > "$WORK_DIR/utf32.tmp" || :
utf32_to_hex < "$WORK_DIR/utf32.tmp" | grep -v '^00000A$' | sort -u > "$gb_cps"
gb_total=$(wc -l < "$gb_cps")
gb_han=$(awk '$1 >= "004E00" && $1 <= "009FFF"' "$gb_cps" | wc -l)
if [ "$gb_total" -ne "$GB2312_TOTAL" ] || [ "$gb_han" -ne "$GB2312_HAN" ]; then
    die "iconv decoded $gb_total GB 2312 characters ($gb_han Han), expected $GB2312_TOTAL ($GB2312_HAN)"
fi

# --- Text: articles and the content bundle, whatever is there now.
text_cps="$WORK_DIR/text.cps"
: > "$text_cps.all"
if [ -d "$ARTICLES_DIR" ]; then
    n=0
    for f in "$ARTICLES_DIR"/*.txt; do
        [ -f "$f" ] || continue
        file_code_points "$f" "$text_cps.all"; n=$((n + 1))
    done
    [ "$n" -gt 0 ] || warn "no articles in $ARTICLES_DIR"
else
    warn "$ARTICLES_DIR absent: article characters not included"
fi
for f in "$CONTENT_DIR"/*.yaml "$CONTENT_DIR"/*.md; do
    if [ -f "$f" ]; then file_code_points "$f" "$text_cps.all"; fi
done
# Controls (C0, DEL, C1) have no glyph and are not asked for.
awk '!($1 < "000020" || ($1 >= "00007F" && $1 <= "00009F"))' "$text_cps.all" | sort -u > "$text_cps"
rm -f "$text_cps.all" "$WORK_DIR/utf32.tmp"

# --- Fixed blocks and symbols (ranges as hb-subset reads them).
fixed_ranges() {
    cat <<'EOF'
0020-007E
00A0-00FF
0100-017F
2000-206F
2070-209F
20A0-20BF
2100-214F
2150-218F
2190-21FF
2200-22FF
2300-23FF
2460-24FF
25A0-25FF
2600-26FF
2700-27BF
3000-303F
FE10-FE1F
FE30-FE4F
FF00-FFEF
FFFD
EOF
}
# Named here too although the ranges hold them: the UI relies on these.
# U+00B7 middle dot, U+2014 em dash, U+2022 bullet, U+2026 ellipsis,
# U+2030 per mille, U+2103 degree Celsius, U+25CC dotted circle (HarfBuzz
# shows it for a broken cluster), U+3001/3002 ideographic comma/full stop.
ui_symbols="00B7 2014 2022 2026 2030 2103 25CC 3001 3002"

unicodes="$WORK_DIR/unicodes.txt"
{ fixed_ranges; tr ' ' '\n' <<EOF
$ui_symbols
EOF
  cat "$gb_cps" "$text_cps"; } | sort -u > "$unicodes"

# --- The Simplified Chinese face of a collection, found by family name.
sc_index() { # file family
    fc-scan --format '%{index}\t%{family}\n' "$1" | awk -F '\t' -v fam="$2" '
        { n = split($2, names, ","); for (i = 1; i <= n; i++) if (names[i] == fam) { print $1; exit } }'
}

# Text code points the subset has no glyph for: one character per line,
# shaped alone; a line that shapes to glyph 0 or to more than one glyph has
# no direct cmap entry.
report_missing() { # font label
    awk 'function hex(s,  i, v) { v = 0; for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1; return v }
         { v = hex($1); if ($1 == "000020") next
           printf "\\0\\%o\\%o\\%o\\0\\0\\0\\12", int(v / 65536) % 256, int(v / 256) % 256, v % 256 }' "$text_cps" > "$WORK_DIR/chars.esc"
    # shellcheck disable=SC2059
    printf "$(cat "$WORK_DIR/chars.esc")" | iconv -f UTF-32BE -t UTF-8 > "$WORK_DIR/chars.txt"
    grep -v '^000020$' "$text_cps" > "$WORK_DIR/chars.cps"
    hb-shape --no-glyph-names --no-positions --no-clusters --text-file="$WORK_DIR/chars.txt" "$1" |
        paste "$WORK_DIR/chars.cps" - | awk -v label="$2" '
        $2 == "[0]" || index($2, "|") { printf "%sU+%s", (n++ ? " " : ""), substr($1, 3) }
        END { if (n) printf "\n"; exit 0 }' > "$WORK_DIR/missing.txt"
    if [ -s "$WORK_DIR/missing.txt" ]; then
        warn "$2 lacks $(wc -w < "$WORK_DIR/missing.txt") text code point(s), left to the fallback fonts: $(cat "$WORK_DIR/missing.txt")"
    fi
}

# subset SOURCE.ttc FAMILY OUTPUT
subset() {
    src="$NOTO_DIR/$1"
    [ -f "$src" ] || die "$src missing (install fonts-noto-cjk)"
    idx=$(sc_index "$src" "$2")
    [ -n "$idx" ] || die "no face named '$2' in $src"
    tmp="$OUT_DIR/.$3.tmp"
    # --layout-features='*': keep every GSUB/GPOS feature (halt, vhal, palt,
    #   vpal, vert, locl, kern ...) so the engine can compress punctuation and
    #   set vertical text; the default list would drop halt/palt/vhal.
    # --name-IDs/--name-languages '*': keep the whole name table (copyright,
    #   licence, trademark and the zh-CN names), a few KiB; the default keeps
    #   only IDs 0-6 in English, losing the OFL notice the licence asks for.
    # --notdef-outline: a missing glyph draws the usual box, not nothing.
    # --drop-tables-=BASE --passthrough-tables: hb-subset 6 cannot subset BASE
    #   and drops it by default; BASE holds baseline positions only (no glyph
    #   ids), so it is copied as is for mixing CJK and Latin baselines. No other
    #   table of these fonts is passed through unsubsetted.
    # Hinting is kept: see fonts/README.md.
    hb-subset --face-index="$idx" --unicodes-file="$unicodes" \
        --layout-features='*' --layout-scripts='*' \
        --name-IDs='*' --name-languages='*' --notdef-outline \
        --drop-tables-=BASE --passthrough-tables \
        --output-file="$tmp" "$src" || die "hb-subset failed on $src"
    size=$(wc -c < "$tmp")
    [ "$size" -lt "$MAX_BYTES" ] || { rm -f "$tmp"; die "$3 is $size bytes, over the $MAX_BYTES budget"; }
    mv "$tmp" "$OUT_DIR/$3"
    echo "subset-fonts: $OUT_DIR/$3: $2 (face $idx of $1), $size bytes"
    report_missing "$OUT_DIR/$3" "$3"
}

subset NotoSansCJK-Regular.ttc  "Noto Sans CJK SC"  NotoSansSC-Regular.otf
subset NotoSansCJK-Bold.ttc     "Noto Sans CJK SC"  NotoSansSC-Bold.otf
subset NotoSerifCJK-Regular.ttc "Noto Serif CJK SC" NotoSerifSC-Regular.otf
subset NotoSerifCJK-Bold.ttc    "Noto Serif CJK SC" NotoSerifSC-Bold.otf

# --- Licence: the OFL text as Debian ships it for fonts-noto-cjk, preceded by
# the upstream copyright notices (as in the fonts' name ID 0) and the Reserved
# Font Name declaration of Source Han, from which Noto CJK derives.
[ -f "$NOTO_COPYRIGHT" ] || die "$NOTO_COPYRIGHT missing"
{
    cat <<'EOF'
Noto Sans CJK:  Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.
Noto Serif CJK: Copyright 2017-2022 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.
Source is a trademark of Adobe in the United States and/or other countries.
Noto is a trademark of Google Inc.

The subsetted fonts in this directory are Modified Versions of Noto Sans CJK SC
and Noto Serif CJK SC (Debian package fonts-noto-cjk) and are distributed under
the licence below. Their names do not use the Reserved Font Name.

EOF
    # The stand-alone "License: SIL-1.1" paragraph (the one starting after a
    # blank line, not the field of the "Files: *" paragraph): one-space
    # indent, "." for a blank line, ends at the next unindented line.
    awk 'prev == "" && /^License: SIL-1.1$/ { on = 1; next }
         { prev = $0 }
         on && /^[^ ]|^$/ { exit }
         on { sub(/^ /, ""); if ($0 == ".") $0 = ""; print }' "$NOTO_COPYRIGHT"
} > "$OUT_DIR/LICENSE-OFL.txt.tmp"
grep -q 'SIL OPEN FONT LICENSE Version 1.1' "$OUT_DIR/LICENSE-OFL.txt.tmp" ||
    die "no OFL text found in $NOTO_COPYRIGHT"
mv "$OUT_DIR/LICENSE-OFL.txt.tmp" "$OUT_DIR/LICENSE-OFL.txt"

echo "subset-fonts: $(wc -l < "$unicodes") code point entries ($gb_total GB 2312, $(wc -l < "$text_cps") from text) in $unicodes"
