#!/bin/sh
# Checks the firmware's #include lines against the layer map (`make layers`).
#
#   make -s layer-map | toolchain/check-layers.sh DIR
#
# DIR is the firmware tree (firmware/). The map comes on stdin, as the
# Makefile prints it from its one definition (LAYERS, USES_*, LIBS_*, HDR_*):
#   layer NAME uses LAYER... libs PKG...     bottom up; "-" for none
#   headers PKG PATTERN...                   #include <...> names, % = anything
# A file of layer L may include
#   - "L/x.h" and "U/x.h" for every layer U that L uses;
#   - <NAME> when every library whose patterns match NAME is one of L's
#     (a header no library claims, such as libc's, is always allowed).
# Files directly in DIR (the programs' entry points) belong to the top layer.
# The map itself is checked too: a layer may use only layers below it, and
# every library a layer uses needs a headers line. Every violation is printed
# as "FILE:LINE: message"; the exit status is 1 when there is any, 2 when
# the map is missing.
set -u
dir=${1:?usage: make -s layer-map | check-layers.sh DIR}
map=$(mktemp)
incs=$(mktemp)
trap 'rm -f "$map" "$incs"' EXIT
cat >"$map"
grep -q '^layer ' "$map" || { echo "check-layers: no layer map on stdin (make -s layer-map)" >&2; exit 2; }

# Every folder and source file of the tree, then every include line as
# "FILE:LINE:#include ...".
{
    for d in "$dir"/*/; do
        [ -d "$d" ] && echo "DIR ${d%/}"
        for sub in "$d"*/; do
            [ -d "$sub" ] && echo "SUBDIR ${sub%/}"
        done
    done
    find "$dir" -maxdepth 2 -name '*.[ch]' | sort | sed 's/^/FILE /'
} >"$incs"
find "$dir" -maxdepth 2 -name '*.[ch]' | sort | xargs grep -Hn '^[[:space:]]*#[[:space:]]*include' \
    /dev/null >>"$incs"

awk -v dir="$dir" '
function glob_match(name, pat,    re) {
    re = pat
    gsub(/[.+?^$(){}|\[\]\\]/, "\\\\&", re)
    gsub(/%/, ".*", re)
    return name ~ ("^" re "$")
}
function report(msg) { print msg; bad = 1 }
function owns(layer, pkg) { return index(" " libs[layer] " ", " " pkg " ") > 0 }
function may_use(layer, other) { return other == layer || index(" " uses[layer] " ", " " other " ") > 0 }
FNR == NR {
    if ($1 == "layer") {
        n++; name[n] = $2; rank[$2] = n
        u = ""; l = ""; mode = ""
        for (i = 3; i <= NF; i++) {
            if ($i == "uses" || $i == "libs") { mode = $i; continue }
            if ($i == "-") continue
            if (mode == "uses") u = u " " $i
            else l = l " " $i
        }
        uses[$2] = substr(u, 2); libs[$2] = substr(l, 2)
    } else if ($1 == "headers") {
        np++; pkg[np] = $2; pats[$2] = ""
        for (i = 3; i <= NF; i++) if ($i != "-") pats[$2] = pats[$2] " " $i
        known_pkg[$2] = 1
    }
    next
}
FNR == 1 && !checked_map {
    checked_map = 1
    order = ""
    for (i = 1; i <= n; i++) order = order (i > 1 ? " " : "") name[i]
    top = name[n]
    for (i = 1; i <= n; i++) {
        k = split(uses[name[i]], us, " ")
        for (j = 1; j <= k; j++) {
            if (!(us[j] in rank)) report("layer map: " name[i] " uses " us[j] ", which is not a layer (" order ")")
            else if (rank[us[j]] >= i) report("layer map: " name[i] " uses " us[j] ", which is not below it (" order ")")
        }
        k = split(libs[name[i]], ls, " ")
        for (j = 1; j <= k; j++)
            if (!(ls[j] in known_pkg) || pats[ls[j]] == "")
                report("layer map: " name[i] " uses library " ls[j] ", which has no headers line (HDR_" ls[j] ")")
    }
}
$1 == "DIR" {
    f = substr($0, 5); sub(/.*\//, "", f)
    if (!(f in rank)) report(substr($0, 5) ": a folder that is not a layer (" order ")")
    else seen_dir[f] = 1
    next
}
$1 == "SUBDIR" { report(substr($0, 8) ": a folder inside a layer (a layer is one folder of files)"); next }
$1 == "FILE" { next }
{
    # FILE:LINE:#include ...
    file = $0; sub(/:.*/, "", file)
    rest = substr($0, length(file) + 2)
    line = rest; sub(/:.*/, "", line)
    text = substr(rest, length(line) + 2)
    rel = substr(file, length(dir) + 2)
    if (index(rel, "/")) { layer = rel; sub(/\/.*/, "", layer) } else layer = top
    if (!(layer in rank)) next   # reported with its folder
    if (match(text, /"[^"]*"/)) {
        inc = substr(text, RSTART + 1, RLENGTH - 2)
        if (!index(inc, "/")) next   # a sibling header by bare name
        other = inc; sub(/\/.*/, "", other)
        if (!(other in rank))
            report(file ":" line ": includes \"" inc "\": '\''" other "'\'' is not a layer (" order ")")
        else if (rank[other] > rank[layer])
            report(file ":" line ": " layer " includes \"" inc "\": " other " is above " layer " (layers bottom up: " order ")")
        else if (!may_use(layer, other))
            report(file ":" line ": " layer " includes \"" inc "\": " layer " may not use " other \
                   " (it uses: " (uses[layer] == "" ? "no other layer" : uses[layer]) ")")
    } else if (match(text, /<[^>]*>/)) {
        inc = substr(text, RSTART + 1, RLENGTH - 2)
        for (p = 1; p <= np; p++) {
            k = split(pats[pkg[p]], ps, " ")
            for (j = 1; j <= k; j++) {
                if (glob_match(inc, ps[j])) {
                    if (!owns(layer, pkg[p])) {
                        owners = ""
                        for (i = 1; i <= n; i++) if (owns(name[i], pkg[p])) owners = owners " " name[i]
                        report(file ":" line ": " layer " includes <" inc ">, a library it may not use (" pkg[p] \
                               "; used by: " (owners == "" ? "tests and tools only" : substr(owners, 2)) ")")
                    }
                    break
                }
            }
        }
    }
}
END {
    for (i = 1; i <= n; i++) if (!(name[i] in seen_dir)) report(dir "/" name[i] ": missing layer folder")
    exit bad
}
' "$map" "$incs"
