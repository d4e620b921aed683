#!/bin/sh
# Every shipped rubric must lint clean (against the sample contracts' target columns) and
# pass the fixture cases stored beside it (rubrics/tests/<id>/), like code.
BUILD=${1:-build}
fail=0; n=0
for r in rubrics/*.yaml rubrics/districts/*.yaml; do
    [ -f "$r" ] || continue
    n=$((n + 1))
    "$BUILD/bin/jz-rubric" lint --contracts samples/contracts.csv "$r" >/dev/null 2>&1 || {
        echo "rubrics: $r does not lint clean:" >&2
        "$BUILD/bin/jz-rubric" lint --contracts samples/contracts.csv "$r" >&2
        fail=$((fail + 1))
    }
done
for r in rubrics/*.yaml; do
    id=$(sed -n 's/^id: *//p' "$r" | head -n 1)
    [ -d "rubrics/tests/$id" ] || continue
    "$BUILD/bin/jz-rubric" test "$r" >/dev/null || {
        echo "rubrics: $r fails its fixture cases:" >&2
        "$BUILD/bin/jz-rubric" test "$r" >&2
        fail=$((fail + 1))
    }
done
echo "rubrics: $n linted, $fail failed"
[ "$fail" -eq 0 ]
