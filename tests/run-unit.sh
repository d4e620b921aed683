#!/bin/sh
# Run every cmocka unit test program in BUILD/tests; fail if any fails.
BUILD=${1:-build}
fail=0; n=0
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    n=$((n + 1))
    "$t" || { echo "FAILED: $t" >&2; fail=$((fail + 1)); }
done
echo "unit: $n programs, $fail failed"
[ "$fail" -eq 0 ]
