#!/bin/sh
# jz-verify against an independent Python implementation of its estimates
# (tests/verify/reference.py) on the sample draws, then the coverage simulation
# (tests/verify/simulate.py). Run from the repository root: sh tests/verify/check.sh BUILD
BUILD=${1:-build}
BIN="$(pwd)/$BUILD/bin"
t=$(mktemp -d) || exit 4
trap 'rm -rf "$t"' EXIT
s=0
agree() { # draw verification...
    "$BIN/jz-verify" --draw "$@" -f json -o "$t/r.json"
    rc=$?
    [ $rc -le 1 ] || { echo "verify check: jz-verify exit $rc on $1" >&2; return 1; }
    python3 tests/verify/reference.py check "$t/r.json" "$@"
}
agree samples/verify/draw-HZ-NZ.csv samples/verify/verification-HZ-NZ.csv || s=1
G=tests/golden/verify-two-centres-within-band
agree $G/draw.csv $G/verification.csv || s=1
# plan against the textbook formula (statistics.NormalDist for z)
for a in "0.5 0.05 0.95 1000" "0.1 0.05 0.95 500" "0.2 0.03 0.90 1495" "0.05 0.02 0.99 100000"; do
    set -- $a
    want=$(python3 tests/verify/reference.py plan "$@" | awk '{print $NF}')
    got=$("$BIN/jz-verify" plan --rate "$1" --precision "$2" --confidence "$3" --population "$4" -f csv | tail -n 1 | cut -d, -f8)
    if [ "$want" = "$got" ]; then echo "plan agrees: rate $1 precision $2 confidence $3 N $4: draw $got"
    else echo "plan: rate $1 precision $2 confidence $3 N $4: jz-verify $got, textbook $want" >&2; s=1; fi
done
python3 tests/verify/simulate.py "$BIN" || s=1
exit $s
