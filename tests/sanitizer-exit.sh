#!/bin/sh
# The sanitizer pass of `make check` must never let a sanitizer abort pass for exit
# status 1 (what golden cases of "findings" expect). Run with the same UBSAN_OPTIONS and
# ASAN_OPTIONS as that pass: a signed overflow must exit 99 and a heap overflow 98.
# Usage: sh tests/sanitizer-exit.sh CC
CC=${1:-cc}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/ub.c" <<'C'
#include <limits.h>
#include <stdlib.h>
int main(int argc, char **argv) { (void)argv; volatile int x = INT_MAX - 1 + argc; int y = x + 1; return y == 0; }
C
cat >"$tmp/asan.c" <<'C'
#include <stdlib.h>
int main(int argc, char **argv) { (void)argv; char *p = malloc(4); p[argc + 3] = 1; free(p); return 0; }
C
fail=0
for t in ub:99 asan:98; do
    name=${t%:*} want=${t#*:}
    "$CC" -O0 -g -fsanitize=address,undefined -fno-sanitize-recover=all -o "$tmp/$name" "$tmp/$name.c" || exit 1
    "$tmp/$name" 2>"$tmp/$name.err"; got=$?
    if [ "$got" != "$want" ]; then
        echo "sanitizer-exit: $name exited $got, not $want (UBSAN_OPTIONS='${UBSAN_OPTIONS:-}' ASAN_OPTIONS='${ASAN_OPTIONS:-}')" >&2
        fail=1
    fi
done
[ $fail = 0 ] && echo "sanitizer-exit: UBSan exits 99, ASan 98"
exit $fail
