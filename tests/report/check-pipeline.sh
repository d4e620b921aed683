#!/bin/sh
# tests/report/check-pipeline.sh [BUILD] — the whole pipeline on the sample district, as
# an evaluator runs it, with BUILD/bin's tools (default: build):
#   jz-validate  contracts, roster, the four Haizhu exports   -> exit 0 (clean)
#   jz-hours     the same, mid-term (2024-06-30), csv         -> exit 1 (HZ-BH, HZ-RF short)
#   jz-score     the unified rubric, mid-term, json           -> exit 0 (the four pass; PY-SQ,
#                whose export is not given, is not scored)
#   jz-report    html, xlsx and md from that json             -> exit 0
# Each step's exit status is checked, and each output must exist and be non-empty. The
# outputs go to a temporary directory, removed at the end.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 1
case "$BUILD" in /*) BIN=$BUILD/bin ;; *) BIN=$(pwd)/$BUILD/bin ;; esac
export LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR JIAZONG_DATADIR

for t in jz-validate jz-hours jz-score jz-report; do
    [ -x "$BIN/$t" ] || { echo "pipeline: FAIL: $BIN/$t not built (make BUILD=$BUILD all)" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jz-pipeline.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

S=samples
HZ="$S/records/HZ-NZ.csv $S/records/HZ-JL.csv $S/records/HZ-BH.csv $S/records/HZ-RF.csv"
fail=0

# step WANT OUTPUT TOOL ARGS...: run BIN/TOOL ARGS, check its exit status is WANT and
# that OUTPUT (a file it wrote with -o) exists and is not empty.
step() {
    want=$1 out=$2 tool=$3
    shift 3
    "$BIN/$tool" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    got=$?
    if [ "$got" != "$want" ]; then
        echo "pipeline: FAIL: $tool $*: exit $got, expected $want" >&2
        head -n 20 "$tmp/stderr" >&2
        fail=1
    elif [ ! -s "$out" ]; then
        echo "pipeline: FAIL: $tool $*: exit $got but $out is missing or empty" >&2
        fail=1
    else
        printf 'pipeline: ok: %-11s exit %s  %s (%s bytes)\n' "$tool" "$got" "${out##*/}" "$(wc -c <"$out" | tr -d ' ')"
    fi
}

# shellcheck disable=SC2086
step 0 "$tmp/validate.json" jz-validate -f json -o "$tmp/validate.json" $S/contracts.csv $S/roster.csv $HZ
# shellcheck disable=SC2086
step 1 "$tmp/hours.csv" jz-hours --contracts $S/contracts.csv --roster $S/roster.csv --as-of 2024-06-30 \
    -C HZ-NZ -C HZ-JL -C HZ-BH -C HZ-RF -f csv -o "$tmp/hours.csv" $HZ
if [ -s "$tmp/hours.csv" ]; then
    short=$(awk -F, 'NR > 1 && ($7 == "short" || $7 == "over") { print $2 }' "$tmp/hours.csv" | sort -u | tr '\n' ' ')
    if [ "$short" != "HZ-BH HZ-RF " ]; then
        echo "pipeline: FAIL: jz-hours: centres short at mid-term are '$short', expected 'HZ-BH HZ-RF '" >&2
        fail=1
    fi
fi
# shellcheck disable=SC2086
step 0 "$tmp/result.json" jz-score -r rubrics/guangzhou-unified.yaml --contracts $S/contracts.csv \
    --roster $S/roster.csv --scores $S/scores.csv --survey $S/survey.csv --findings $S/findings.csv \
    --as-of 2024-06-30 -f json -o "$tmp/result.json" $HZ
grep -q '"centre":"PY-SQ",[^{]*"scored":false' "$tmp/result.json" ||
    { echo "pipeline: FAIL: PY-SQ (no records given) is not marked scored:false" >&2; fail=1; }
if [ -s "$tmp/result.json" ]; then
    step 0 "$tmp/report.html" jz-report -f html -o "$tmp/report.html" "$tmp/result.json"
    step 0 "$tmp/district.xlsx" jz-report -f xlsx -o "$tmp/district.xlsx" "$tmp/result.json"
    step 0 "$tmp/report.md" jz-report -f md -o "$tmp/report.md" "$tmp/result.json"
    # the right kind of file, not just some bytes
    [ ! -s "$tmp/report.html" ] || head -c 15 "$tmp/report.html" | grep -q '^<!DOCTYPE html>' ||
        { echo "pipeline: FAIL: report.html does not start with <!DOCTYPE html>" >&2; fail=1; }
    [ ! -s "$tmp/district.xlsx" ] || [ "$(head -c 2 "$tmp/district.xlsx")" = PK ] ||
        { echo "pipeline: FAIL: district.xlsx is not a zip file" >&2; fail=1; }
fi

if [ $fail = 0 ]; then
    echo "pipeline: all passed"
else
    echo "pipeline: FAILED" >&2
fi
exit $fail
