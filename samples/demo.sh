#!/bin/sh
# make demo: the main job on samples/, printing each command as a user would type it.
# Today the pipeline is jz-validate -> jz-hours; the outputs land in BUILD/demo/.
# Both tools are expected to find problems in the samples (exit 1): the Panyu export has
# 14 deliberate mistakes and two Haizhu centres miss a check at mid-term.
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

echo "== 1. Check the exports of the district (5 centres) =="
run 1 jz-validate samples/contracts.csv samples/roster.csv samples/records/HZ-NZ.csv \
    samples/records/HZ-JL.csv samples/records/HZ-BH.csv samples/records/HZ-RF.csv samples/records/PY-SQ.csv
run 0 jz-validate -q samples/gb18030/contracts.csv samples/gb18030/roster.csv samples/gb18030/HZ-NZ.csv
jz-validate -f json -o "$out/validate.json" samples/contracts.csv samples/roster.csv samples/records/*.csv

echo
echo "== 2. Mid-term hours and staffing of the four Haizhu contracts =="
run 1 jz-hours --contracts samples/contracts.csv --roster samples/roster.csv --as-of 2024-06-30 \
    --centre HZ-JL --centre HZ-BH --centre HZ-RF samples/records/HZ-JL.csv \
    samples/records/HZ-BH.csv samples/records/HZ-RF.csv
run 0 jz-hours --contracts samples/contracts.csv --roster samples/roster.csv --centre HZ-NZ \
    samples/records/HZ-NZ.csv
jz-hours -f csv -o "$out/hours.csv" --contracts samples/contracts.csv --roster samples/roster.csv \
    --as-of 2024-06-30 samples/records/HZ-*.csv

echo
echo "== 3. The evaluation timetable around a site visit on 2025-10-13 =="
run 0 jz-days schedule 2025-10-13

printf '\ndemo: outputs in %s/ (validate.json, hours.csv)\n' "$out"
exit $status
