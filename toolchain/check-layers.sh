#!/bin/sh
# Checks the firmware's layering by its #include lines (`make layers`).
#
#   toolchain/check-layers.sh DIR LAYER...
#
# DIR is the firmware tree (firmware/); the LAYERS are its folders, bottom up
# (the Makefile passes its $(LAYERS)). A file of layer L may include
#   - headers of L and of the layers below it, never of a layer above;
#   - only the library headers L itself may use:
#       text      FreeType, HarfBuzz, libunibreak
#       content   libyaml
#       platform  SDL, libpng
#       app       SDL
#     (core and ui: none: core is libc only, ui is plain C over the layers
#     below it, without SDL); no layer includes the test frameworks.
# DIR/main.c belongs to the top layer. Every violation is printed as
# "FILE:LINE: message"; the exit status is 1 when there is any.
set -u
dir=${1:?usage: check-layers.sh DIR LAYER...}
shift
[ $# -gt 0 ] || { echo "check-layers: no layers given" >&2; exit 2; }
order="$*"
top=$(echo "$order" | awk '{print $NF}')

# Position of a layer in the order (0 when it is not a layer).
rank() {
    i=1
    for l in $order; do
        [ "$l" = "$1" ] && { echo $i; return; }
        i=$((i + 1))
    done
    echo 0
}

# Library headers a layer may include (a shell pattern list).
libs_of() {
    case "$1" in
        text) echo 'ft2build.h freetype/* hb.h hb-*.h linebreak.h linebreakdef.h' ;;
        content) echo 'yaml.h' ;;
        platform) echo 'SDL.h SDL_*.h png.h pngconf.h' ;;
        app) echo 'SDL.h SDL_*.h' ;;
        *) echo '' ;;
    esac
}
# Every library header any layer may include, and the test frameworks.
all_libs='ft2build.h freetype/* hb.h hb-*.h linebreak.h linebreakdef.h yaml.h SDL.h SDL_*.h SDL2/* png.h pngconf.h cmocka.h cjson/* cJSON.h'

matches() { # matches NAME PATTERNS...
    name=$1
    shift
    for p in "$@"; do
        # shellcheck disable=SC2254
        case "$name" in $p) return 0 ;; esac
    done
    return 1
}

bad=0
report() {
    echo "$1"
    bad=1
}

check_file() { # check_file FILE LAYER
    f=$1
    layer=$2
    r=$(rank "$layer")
    # "LINE:kind:name" for every include, kind " or <.
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' "$f" |
        sed 's/^\([0-9]*\):[[:space:]]*#[[:space:]]*include[[:space:]]*\(["<]\)\([^">]*\)[">].*/\1:\2:\3/' >"$tmp"
    while IFS=: read -r line kind name; do
        if [ "$kind" = '"' ]; then
            case "$name" in
                */*) inc=${name%%/*} ;;
                *) continue ;; # a sibling header by bare name
            esac
            ir=$(rank "$inc")
            if [ "$ir" -eq 0 ]; then
                report "$f:$line: includes \"$name\": '$inc' is not a layer ($order)"
            elif [ "$ir" -gt "$r" ]; then
                report "$f:$line: $layer includes \"$name\": $inc is above $layer (layers bottom up: $order)"
            fi
        else
            # shellcheck disable=SC2046
            if matches "$name" $all_libs && ! matches "$name" $(libs_of "$layer"); then
                report "$f:$line: $layer includes <$name>, a library it may not use"
            fi
        fi
    done <"$tmp"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for layer in $order; do
    [ -d "$dir/$layer" ] || { report "$dir/$layer: missing layer folder"; continue; }
    for f in "$dir/$layer"/*.c "$dir/$layer"/*.h; do
        [ -e "$f" ] && check_file "$f" "$layer"
    done
done
[ -f "$dir/main.c" ] && check_file "$dir/main.c" "$top"
for d in "$dir"/*/; do
    d=${d%/}
    [ "$(rank "${d##*/}")" -eq 0 ] && report "$d: a folder that is not a layer ($order)"
done
exit $bad
