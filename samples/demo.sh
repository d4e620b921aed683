#!/bin/sh
# make demo: the whole pipeline on samples/ — validate -> hours -> score -> report —
# printing each command as a user would type it. Outputs land in BUILD/demo/:
# validate.json, hours.csv, result.json, report.html, district.xlsx, report.md, audit.json,
# draw-HZ-NZ.csv.
BUILD=${1:-build}
PATH="$(pwd)/$BUILD/bin:$PATH"; export PATH
out="$BUILD/demo"
mkdir -p "$out"
status=0

run() { # expected-exit command...
    want=$1; shift
    printf '\n$ %s\n' "$*"
    "$@"; got=$?
    if [ "$got" != "$want" ]; then
        echo "demo: expected exit $want, got $got" >&2
        status=1
    fi
}

HZ="samples/records/HZ-NZ.csv samples/records/HZ-JL.csv samples/records/HZ-BH.csv samples/records/HZ-RF.csv"

echo "== 1. Check the exports: the Haizhu district (records and sign-in lists) is clean; the Panyu export has 14 mistakes =="
# shellcheck disable=SC2086
run 0 jz-validate -q samples/contracts.csv samples/roster.csv $HZ samples/attendance/*.csv
run 1 jz-validate -q samples/contracts.csv samples/roster.csv samples/records/PY-SQ.csv
jz-validate -f json -o "$out/validate.json" samples/contracts.csv samples/roster.csv samples/records/*.csv

echo
echo "== 2. Mid-term hours and staffing: HZ-BH is short on direct hours, HZ-RF had a vacant post =="
# shellcheck disable=SC2086
run 1 jz-hours --contracts samples/contracts.csv --roster samples/roster.csv --as-of 2024-06-30 \
    -C HZ-NZ -C HZ-JL -C HZ-BH -C HZ-RF -f csv -o "$out/hours.csv" $HZ
grep -E ',(short|over),' "$out/hours.csv"

echo
echo "== 3. Score the district by the unified rubric (PY-SQ, whose export is not in the run, is not scored) =="
# shellcheck disable=SC2086
run 0 jz-score -r rubrics/guangzhou-unified.yaml --contracts samples/contracts.csv \
    --roster samples/roster.csv --scores samples/scores.csv --survey samples/survey.csv \
    --findings samples/findings.csv --as-of 2024-06-30 -f json -o "$out/result.json" $HZ

echo
echo "== 4. Reports: the summary table, a printable report, the district workbook =="
run 0 jz-report -f html -o "$out/report.html" "$out/result.json"
run 0 jz-report -f xlsx -o "$out/district.xlsx" "$out/result.json"
run 0 jz-report -f md -o "$out/report.md" "$out/result.json"
jz-report "$out/result.json" | sed -n '1,11p'

echo
echo "== 5. The evaluation timetable around a site visit on 2025-10-13 =="
run 0 jz-days schedule 2025-10-13

echo
echo "== 6. Records made after the fact: the district with its sign-in lists, and HZ-CG, a centre with a fabrication of every kind =="
# shellcheck disable=SC2086
run 1 jz-audit --notice 2024-11-15 -f json -o "$out/audit.json" $HZ samples/attendance/*.csv \
    samples/audit/HZ-CG.csv samples/audit/attendance-HZ-CG.csv
# shellcheck disable=SC2086
jz-audit --notice 2024-11-15 $HZ samples/attendance/*.csv samples/audit/HZ-CG.csv samples/audit/attendance-HZ-CG.csv |
    sed -n '/^screens/,$p'
echo "(HZ-JL's note and warning are honest work: samples/README.md, 'The sample district under jz-audit')"

echo
echo "== 7. A verified figure: the evaluators checked 24 drawn activities of HZ-NZ against the paper =="
run 0 jz-sample activities --seed '南洲街 2024 中期核查 5027-3318-9046' --per 8 --mode direct \
    --from 2024-01-01 --to 2024-06-30 --format csv -o "$out/draw-HZ-NZ.csv" samples/records/HZ-NZ.csv
# (under Chinese messages a .csv output starts with a byte-order mark for Excel: not compared)
bom=$(printf '\357\273\277')
if sed "1s/^$bom//" "$out/draw-HZ-NZ.csv" | cmp -s - samples/verify/draw-HZ-NZ.csv; then
    echo "(the same draw as samples/verify/draw-HZ-NZ.csv, which the evaluators filled in)"
else
    echo "demo: the draw differs from samples/verify/draw-HZ-NZ.csv" >&2
    status=1
fi
run 1 jz-verify --draw samples/verify/draw-HZ-NZ.csv samples/verify/verification-HZ-NZ.csv
run 0 jz-verify plan --rate 10% --precision 3% --population 1495

printf '\ndemo: outputs in %s/ (validate.json, hours.csv, result.json, report.html, district.xlsx, report.md, audit.json, draw-HZ-NZ.csv)\n' "$out"
exit $status
