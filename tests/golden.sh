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
# JZ_GOLDEN_RETRY=WHY: a case whose output differs is run once more before it counts as
# failed, and the retry is reported (tests/windows/check.sh: Wine, which very rarely loses
# a run; a real difference differs twice and still fails).
BUILD=${1:-build}
ROOT=$(pwd)
PATH="$ROOT/$BUILD/bin:$PATH"; export PATH
unset NO_COLOR; export LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; skip=0; retried=0
skipped() { [ -n "$JZ_GOLDEN_SKIP" ] && grep -qxF "$1" "$JZ_GOLDEN_SKIP"; }

run_dir() { # dir: the case's command into $tmp/out, $tmp/err, $tmp/status
    ( sh -c "$(cat "$1/cmd")" >"$tmp/out" 2>"$tmp/err" </dev/null; echo $? >"$tmp/status" )
}
same_dir() { # dir: whether the last run gave the expected files
    cmp -s "$1/stdout" "$tmp/out" && cmp -s "$1/stderr" "$tmp/err" && cmp -s "$1/status" "$tmp/status"
}
run_bad() { # command: stdout+stderr and the exit status into $tmp/all
    ( sh -c "$1" </dev/null >"$tmp/all" 2>&1; echo "exit $?" >>"$tmp/all" )
}
retry_note() { # name
    retried=$((retried + 1))
    echo "golden $1: differed under $JZ_GOLDEN_RETRY; run once more" >&2
}

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
    run_dir "$dir"
    if [ -n "$JZ_GOLDEN_RETRY" ] && [ -z "$UPDATE" ] && ! same_dir "$dir"; then
        retry_note "$name"
        run_dir "$dir"
    fi
    ok=1
    compare "$name" "$dir/stdout" "$tmp/out" || ok=0
    compare "$name" "$dir/stderr" "$tmp/err" || ok=0
    compare "$name" "$dir/status" "$tmp/status" || ok=0
    # A case that feeds jz-score's json to jz-report keeps jz-score's stderr and records
    # its exit status (echo "jz-score: exit $?" >&2), so it fails when jz-score does.
    if grep -q 'jz-score' "$dir/cmd" && grep -q 'jz-report' "$dir/cmd" && grep -q 'json' "$dir/cmd"; then
        if grep -q 'jz-score[^;|]*2>/dev/null' "$dir/cmd" ||
           ! grep -q '^jz-score[^:]*: exit [0-9]' "$tmp/err" "$tmp/out"; then
            echo "--- golden $name: runs jz-score for jz-report but throws away its stderr or exit status" \
                 "(keep its stderr; echo \"jz-score: exit \$?\" >&2 after it)" >&2
            ok=0
        fi
    fi
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
    run_bad "$cmd"
    if [ -n "$JZ_GOLDEN_RETRY" ] && [ -z "$UPDATE" ] && ! cmp -s "$base.expect" "$tmp/all"; then
        retry_note "$(basename "$f")"
        run_bad "$cmd"
    fi
    if compare "$(basename "$f")" "$base.expect" "$tmp/all"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ "$retried" -eq 0 ] || echo "golden: $retried case(s) run twice under $JZ_GOLDEN_RETRY (their first run differed)"
echo "golden: $pass passed, $fail failed${JZ_GOLDEN_SKIP:+, $skip skipped}"
[ "$fail" -eq 0 ]
