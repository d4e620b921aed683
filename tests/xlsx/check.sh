#!/bin/sh
# tests/xlsx/check.sh BUILD: the workbook renderer end to end.
#
# Scores the sample district with $BUILD/bin/jz-score, derives a second result full of
# traps (ids with leading zeros or looking like dates, names Excel refuses as sheet names,
# duplicate and reserved names, text starting with "=", "+", "@", a veto cap, a deduction
# cap, a centre without a grade, wildcard section ids, a 40,000-character derivation),
# writes each workbook twice with `jz-report -f xlsx` (or, while the tool is not built, a
# small driver calling jz_report_xlsx), checks the two are byte-identical, and runs
# check.py on each. Needs Debian's python3 with python3-openpyxl.
set -eu
BUILD=${1:-build}
PY=${PYTHON:-/usr/bin/python3}
cd "$(dirname "$0")/../.."
here=tests/xlsx
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jz-xlsx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
RULES=rubrics/rules/guangzhou-hours.yaml

"$PY" -c 'import openpyxl' 2>/dev/null || {
    echo "check.sh: $PY has no openpyxl: apt-get install python3-openpyxl" >&2
    exit 1
}

rc=0
"$BUILD/bin/jz-score" -r rubrics/guangzhou-unified.yaml --contracts samples/contracts.csv \
    --roster samples/roster.csv --scores samples/scores.csv --survey samples/survey.csv \
    --findings samples/findings.csv --as-of 2024-06-30 -f json -o "$tmp/sample.json" \
    samples/records/HZ-*.csv samples/records/HZ-NZ.csv 2>"$tmp/score.err" || rc=$?
if [ "$rc" -gt 1 ] || [ ! -s "$tmp/sample.json" ]; then
    echo "check.sh: jz-score failed (exit $rc):" >&2
    cat "$tmp/score.err" >&2
    exit 1
fi

"$PY" - "$tmp/sample.json" "$tmp/traps.json" <<'EOF'
import copy, json, sys
res = json.load(open(sys.argv[1], encoding="utf-8"))
by = {c["centre"]: c for c in res["centres"]}
out = []

def centre(src, cid, **kw):
    c = copy.deepcopy(by[src])
    c["centre"] = cid
    c.update(kw)
    out.append(c)
    return c

centre("HZ-NZ", "007", contract="0012", district='=HYPERLINK("http://example.com","x")',
       street="+1-2", operator="@SUM(A1)")
centre("HZ-JL", "2024-01-02", contract="2024-01-02", as_of="2024-06-30")
centre("HZ-RF", "a/b:c*?[x]\\y")
centre("HZ-RF", "'quoted'")
centre("HZ-NZ", "summary")
centre("HZ-NZ", "HZ-NZ")
centre("HZ-NZ", "HZ-NZ")
centre("HZ-JL", "广州市海珠区南洲街家庭综合服务中心（社工服务站）第二个项目点测试")
centre("HZ-JL", "it's")
centre("HZ-JL", "=1+1")
# comments that must stay text
c = centre("HZ-NZ", "comments")
texts = ["=1+1", "=HYPERLINK(\"http://example.com\")", "+3", "-2+3", "@A1", "_x0041_ stays as typed",
         "_x005F_x0041_ too", "tab\tline\nbell\x07 end", "00123", "2024-01-02"]
k = 0
for ind in c["indicators"]:
    for s in ind.get("scores") or []:
        if k < len(texts):
            s["comment"] = texts[k]
            k += 1
c["indicators"][0]["derivation"] = "x" * 40000
# a veto cap (599) and a deduction cap (10): total = MIN(ROUND(768.03 - 10, 1), 599)
c = centre("HZ-BH", "capped")
c["applied"].append({"what": "deduction-cap", "id": "cap", "points": 10.0,
                     "detail": "deductions of 15.00 points capped at 10.00"})
c["applied"].append({"what": "veto", "id": "direct_hours_veto", "points": 599.0,
                     "detail": "直接服务时数不足六成: direct_hours at 50.0 %, below 60.0 %"})
# (text in a number field is refused by the result loader itself: tests/bad/report-number-field-is-text)
c["deductions"], c["total"], c["grade"] = 10.0, 599.0, "不合格"
# a centre without a grade
centre("PY-SQ", "no-grade", grade="", grade_note="only 91.5 % of the rubric's points could be scored")
# section ids SUMIF would read as patterns: the writer must sum the cells one by one
c = centre("HZ-JL", "wild")
ren = {"pb_service": "pb*service", "basic_setup": "=basic", "outputs": "out?puts"}
for s in c["sections"]:
    s["id"] = ren.get(s["id"], s["id"])
for ind in c["indicators"]:
    ind["section"] = ren.get(ind["section"], ind["section"])
res["centres"] += out
json.dump(res, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF

# render JSON OUT: the workbook of one result
if [ -x "$BUILD/bin/jz-report" ]; then
    how="$BUILD/bin/jz-report"
    render() {
        r=0
        "$BUILD/bin/jz-report" --rules "$RULES" -f xlsx -o "$2" "$1" || r=$?
        [ "$r" -le 1 ] && [ -s "$2" ]
    }
else
    how="a driver calling jz_report_xlsx ($BUILD/bin/jz-report is not built)"
    cat >"$tmp/drv.c" <<'EOF'
#include "jz/report.h"
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    jz_rules rules;
    jz_results res;
    jz_error err;
    memset(&rules, 0, sizeof rules);
    memset(&res, 0, sizeof res);
    if (argc != 4 || jz_rules_load(&rules, argv[1], &err) || jz_results_load(&res, argv[3], &err)) {
        fprintf(stderr, "drv: %s\n", argc != 4 ? "usage: drv RULES OUT JSON" : err.msg);
        return 3;
    }
    jz_report_opts o = {&rules, 0, false, false};
    int rc = jz_report_xlsx(argv[2], &res, &o, &err) ? 4 : 0;
    if (rc)
        fprintf(stderr, "drv: %s\n", err.msg);
    jz_results_free(&res);
    jz_rules_free(&rules);
    return rc;
}
EOF
    # LDFLAGS: the sanitizer build's (make exports command-line variables)
    ${CC:-cc} -std=c11 -Iinclude ${LDFLAGS:-} -o "$tmp/drv" "$tmp/drv.c" "$BUILD/lib/libjz.a" -lcsv \
        $(pkg-config --libs yaml-0.1 xlsxwriter) -lm
    render() { "$tmp/drv" "$RULES" "$2" "$1"; }
fi
echo "check.sh: workbooks by $how"

fails=0
for case in sample traps; do
    json="$tmp/$case.json"
    if ! render "$json" "$tmp/$case-1.xlsx" || ! render "$json" "$tmp/$case-2.xlsx"; then
        echo "FAIL: $case: the workbook was not written" >&2
        fails=$((fails + 1))
        continue
    fi
    if cmp -s "$tmp/$case-1.xlsx" "$tmp/$case-2.xlsx"; then
        echo "  ok  $case: written twice, byte-identical ($(wc -c <"$tmp/$case-1.xlsx") bytes)"
    else
        echo "FAIL: $case: two writes of the same result differ" >&2
        fails=$((fails + 1))
    fi
    "$PY" "$here/check.py" "$json" "$tmp/$case-1.xlsx" || fails=$((fails + 1))
done
[ "$fails" -eq 0 ] && echo "check.sh: xlsx: all passed" || { echo "check.sh: xlsx: $fails failure(s)" >&2; exit 1; }
