#!/bin/sh
# A records file read in two halves on two threads (table.h) gives what one reader gives,
# byte for byte: standard output, standard error and the exit status. Each command runs
# twice, once as the tools run it on these small files (one reader: they are far below the
# 16 MiB a split needs) and once with JIAZONG_SPLIT_MIN=1 (every records file split at its
# middle line). The commands: jz-validate on every sample and every bad input of
# tests/bad (with its .cmd when it has one), the samples in one run, the golden cases that
# run jz-validate, jz-hours or jiazong evaluate, and generated files whose duplicates,
# overlaps and long days straddle the middle (tests/unit/test_validate_split.c checks the
# merge itself, and that the files are really split). A golden case's one-reader run is
# tests/golden.sh's, which checks that it gives the case's expected files: here the split
# run is compared with those files, so the case is not run a second time one-reader.
BUILD=${1:-build}
ROOT=$(pwd)
PATH="$ROOT/$BUILD/bin:$PATH"; export PATH
export LC_ALL=C.UTF-8 TZ=UTC
unset JIAZONG_SPLIT_MIN
tmp=$(mktemp -d) || exit 4
trap 'rm -rf "$tmp"' EXIT
n=0; fail=0

both() { # name command: run it both ways, compare
    n=$((n + 1))
    ( sh -c "$2" >"$tmp/o1" 2>"$tmp/e1" </dev/null; echo $? >"$tmp/s1" )
    ( JIAZONG_SPLIT_MIN=1 sh -c "$2" >"$tmp/o2" 2>"$tmp/e2" </dev/null; echo $? >"$tmp/s2" )
    for k in o e s; do
        if ! cmp -s "$tmp/${k}1" "$tmp/${k}2"; then
            echo "--- split $1: $k differs (one reader, then two halves): $2" >&2
            diff "$tmp/${k}1" "$tmp/${k}2" | head -10 >&2
            fail=$((fail + 1))
            return
        fi
    done
}

for f in samples/records/*.csv samples/audit/*.csv samples/gb18030/*.csv samples/*.csv; do
    both "$f" "jz-validate '$f'"
done
for f in tests/bad/*; do
    case $f in *.expect|*.cmd|*.md) continue ;; esac
    [ -f "$f" ] || continue
    name=${f%.*}
    if [ -f "$name.cmd" ]; then both "$f" "$(cat "$name.cmd")"; else both "$f" "jz-validate '$f'"; fi
done
both samples "jz-validate samples/contracts.csv samples/roster.csv samples/records/*.csv samples/audit/*.csv"
# A golden case's one-reader run is tests/golden.sh's (make test runs both): here only the
# split run, against the case's expected files, in golden.sh's environment.
golden_split() { # dir
    n=$((n + 1))
    ( unset NO_COLOR; JIAZONG_SPLIT_MIN=1 sh -c "$(cat "$1/cmd")" >"$tmp/o2" 2>"$tmp/e2" </dev/null; echo $? >"$tmp/s2" )
    for k in stdout:o stderr:e status:s; do
        if ! cmp -s "$1/${k%:*}" "$tmp/${k#*:}2"; then
            echo "--- split $1: ${k%:*} differs (two halves, then the golden case's expected ${k%:*}," \
                 "which tests/golden.sh checks one reader gives)" >&2
            diff "$1/${k%:*}" "$tmp/${k#*:}2" | head -10 >&2
            fail=$((fail + 1))
            return
        fi
    done
}
for d in tests/golden/*/; do
    [ -f "$d/cmd" ] && grep -q 'jz-validate\|jz-hours\|jiazong evaluate' "$d/cmd" || continue
    golden_split "$d"
done

# Generated: a sample five times over (new record ids: the same staff-days and sessions
# in both halves, so overlaps and long days straddle the middle), and again with the ids
# kept (every row of the second half a duplicate of one of the first).
R=samples/records/HZ-NZ.csv
{ cat $R; for i in 1 2 3 4; do tail -n +2 $R; done; } | awk -F, 'BEGIN { OFS = "," } NR > 1 { $1 = "R" NR } 1' >"$tmp/five.csv"
{ cat $R; tail -n +2 $R; } >"$tmp/twice.csv"
# the second half's sessions an hour later: they overlap the first's, a few long days
{ cat $R; tail -n +2 $R | awk -F, 'BEGIN { OFS = "," } { $1 = $1 "-b"; split($4, s, ":"); split($5, e, ":");
    if (s[1] != "" && e[1] != "") { $4 = sprintf("%02d:%s", s[1] + 1, s[2]); $5 = sprintf("%02d:%s", e[1] + 1, e[2]) } } 1'; } >"$tmp/later.csv"
for f in five twice later; do
    both "$f.csv" "jz-validate samples/contracts.csv samples/roster.csv '$tmp/$f.csv'"
    both "$f.csv -f json -m 5" "jz-validate -f json -m 5 '$tmp/$f.csv'"
    both "$f.csv hours" "jz-hours -c samples/contracts.csv -R samples/roster.csv --skip-invalid -f csv '$tmp/$f.csv'"
done
both "five.csv and twice.csv" "jz-validate '$tmp/five.csv' '$tmp/twice.csv' samples/audit/attendance-HZ-CG.csv"

echo "split: $n commands, $fail differ"
[ "$fail" -eq 0 ]
