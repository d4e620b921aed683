#!/bin/sh
# layers.sh — the library's dependencies point one way:
#   tools -> cli -> write -> engine -> model -> input -> base
# A library file (src/lib/LAYER/x.c) and its header (include/jz/x.h) may include only
# headers of its own layer or of a layer below it; src/cli only the library and cli
# headers; each third-party library is included by exactly one file.
# Exit 1 with one line per violation.
set -u
cd "$(dirname "$0")/.." || exit 4
rank() {
    case $1 in base) echo 0;; input) echo 1;; model) echo 2;; engine) echo 3;;
               write) echo 4;; cli) echo 5;; *) echo 9;; esac
}
# header basename -> layer: the folder of the .c file of the same name; headers without
# one are named here.
layer_of() {
    f=$(ls src/lib/*/"$1".c 2>/dev/null | head -n 1)
    if [ -n "$f" ]; then basename "$(dirname "$f")"; return; fi
    case $1 in
        cli|cli_input|cli_score_diff|cli_*) echo cli;;
        *) echo unknown;;
    esac
}
bad=0
check_file() { # file layer
    for h in $(sed -n 's/^#include "jz\/\([a-z0-9_]*\)\.h".*/\1/p' "$1"); do
        hl=$(layer_of "$h")
        if [ "$hl" = unknown ]; then
            echo "$1: includes jz/$h.h, which belongs to no layer (add its .c to a layer folder)"
            bad=1
        elif [ "$(rank "$hl")" -gt "$(rank "$2")" ]; then
            echo "$1: a $2 file includes jz/$h.h from the $hl layer above it"
            bad=1
        fi
    done
}
for f in src/lib/*/*.c; do
    l=$(basename "$(dirname "$f")")
    [ "$(rank "$l")" -lt 9 ] || { echo "$f: unknown layer folder $l"; bad=1; continue; }
    check_file "$f" "$l"
    h=include/jz/$(basename "$f" .c).h
    [ -f "$h" ] && check_file "$h" "$l"
done
for f in src/cli/*.c; do check_file "$f" cli; done
# Each third-party library in exactly one file (include/jz/win holds the Windows
# build's stand-ins, not users of the library).
for lib in csv.h yaml.h xlsxwriter.h iconv.h zip.h expat.h freexl.h libintl.h openssl/evp.h; do
    n=$(grep -rl "^#include <$lib>" src include --exclude-dir=win | wc -l)
    if [ "$n" -gt 1 ]; then
        echo "<$lib> is included by $n files (one file per third-party library):"
        grep -rl "^#include <$lib>" src include --exclude-dir=win | sed 's/^/  /'
        bad=1
    fi
done
[ $bad -eq 0 ] && echo "layers: ok ($(ls src/lib/*/*.c | wc -l) library files in $(ls -d src/lib/*/ | wc -l) layers)"
exit $bad
