#!/bin/sh
# Golden end-to-end tests. Two kinds of case, both run from the repository root with
# BUILD/bin first on PATH:
#   tests/golden/NAME/cmd      one shell command line; expected output in the same
#                              folder: stdout, stderr, status (exit code).
#   tests/bad/NAME.EXT         a bad input; the command is in tests/bad/NAME.cmd if present,
#                              else "jz-validate tests/bad/NAME.EXT"; expected diagnostics
#                              (stdout+stderr then "exit N") in tests/bad/NAME.expect.
# UPDATE=1 rewrites the expected files (review the diff before committing).
# JZ_GOLDEN_SKIP=FILE: cases named in FILE (one per line) are not run, and counted as
# skipped (tests/windows/check.sh: cases that cannot exist on Windows, each with a reason).
BUILD=${1:-build}
ROOT=$(pwd)
PATH="$ROOT/$BUILD/bin:$PATH"; export PATH
unset NO_COLOR; export LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; skip=0
skipped() { [ -n "$JZ_GOLDEN_SKIP" ] && grep -qxF "$1" "$JZ_GOLDEN_SKIP"; }

compare() { # name expected actual
    if [ -n "$UPDATE" ]; then cp "$3" "$2"; return 0; fi
    if [ -f "$2" ] && cmp -s "$2" "$3"; then return 0; fi
    echo "--- golden $1: $(basename "$2") differs" >&2
    if [ -f "$2" ]; then diff -u "$2" "$3" | head -40 >&2; else echo "(no $2)" >&2; fi
    return 1
}

for dir in tests/golden/*/; do
    [ -f "$dir/cmd" ] || continue
    name=$(basename "$dir")
    if skipped "$name"; then skip=$((skip + 1)); continue; fi
    ( sh -c "$(cat "$dir/cmd")" >"$tmp/out" 2>"$tmp/err" </dev/null; echo $? >"$tmp/status" )
    ok=1
    compare "$name" "$dir/stdout" "$tmp/out" || ok=0
    compare "$name" "$dir/stderr" "$tmp/err" || ok=0
    compare "$name" "$dir/status" "$tmp/status" || ok=0
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    if [ ! -c /dev/null ]; then  # run as root, a case must never replace the machine's /dev/null
        echo "--- golden $name: /dev/null is no longer a character device (restore it as root:" \
             "rm -f /dev/null; mknod -m 666 /dev/null c 1 3)" >&2
        exit 1
    fi
done

for f in tests/bad/*; do
    case "$f" in *.expect|*.cmd|*/README*) continue ;; esac
    [ -f "$f" ] || continue
    base=${f%.*}
    if skipped "$(basename "$f")"; then skip=$((skip + 1)); continue; fi
    if [ -f "$base.cmd" ]; then cmd=$(cat "$base.cmd"); else cmd="jz-validate $f"; fi
    ( sh -c "$cmd" </dev/null >"$tmp/all" 2>&1; echo "exit $?" >>"$tmp/all" )
    if compare "$(basename "$f")" "$base.expect" "$tmp/all"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "golden: $pass passed, $fail failed${JZ_GOLDEN_SKIP:+, $skip skipped}"
[ "$fail" -eq 0 ]
