#!/bin/sh
# tests/xlsx/check.sh BUILD: the workbook renderer end to end.
#
# Scores the sample district with $BUILD/bin/jz-score, derives a second result full of
# traps (ids with leading zeros or looking like dates, names Excel refuses as sheet names,
# duplicate and reserved names, text starting with "=", "+", "@", a veto cap, a deduction
# cap, a centre without a grade, wildcard section ids, a 40,000-character derivation),
# writes each workbook twice with `jz-report -f xlsx` (or, while the tool is not built, a
# small driver calling jz_report_xlsx), checks the two are byte-identical, and runs
# check.py on each. The sample's workbook gets the Evidence sheet of jz-score --evidence;
# the traps' one that of two hand-written evidence files (ids looking like numbers,
# dates or formulas, a BOM, CRLF, quoted commas); the sample again without evidence has
# no Evidence sheet. Then evidence files jz-report must refuse (missing, wrong header,
# a bad line number, a stray quote, a sixth field): exit 3, a message naming the file,
# and no workbook. Every case is written and checked in English (--lang en) and, when
# jz-report is built, in Chinese (--lang zh: check.py --lang zh expects the sheet names,
# headings, labels and notes in Chinese, the same formulas and figures; the Chinese
# workbook's words are checked for English by tests/report/zh-words.py). Needs Debian's
# python3 with python3-openpyxl.
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
    --evidence "$tmp/evidence.csv" samples/records/HZ-*.csv samples/records/HZ-NZ.csv \
    2>"$tmp/score.err" || rc=$?
if [ "$rc" -gt 1 ] || [ ! -s "$tmp/sample.json" ] || [ ! -s "$tmp/evidence.csv" ]; then
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
centre("HZ-NZ", "evidence")
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
c["applied"].append({"what": "veto", "id": "direct_hours_veto", "title": "直接服务时数不足六成", "points": 599.0,
                     "detail": "直接服务时数不足六成: direct_hours at 50.0 %, below 60.0 %"})
# the facts that say so (jiazong-score/3): the workbook takes its formulas from them
c["facts"]["caps"] += [
    {"what": "deduction-cap", "id": "cap", "title": "deductions.cap", "cap": 10.0, "before": 15.0, "after": 10.0,
     "lowered": True},
    {"what": "veto", "id": "direct_hours_veto", "title": "直接服务时数不足六成", "cap": 599.0, "before": 758.0,
     "after": 599.0, "lowered": True}]
c["facts"]["capped_by"] = {"id": "direct_hours_veto", "title": "直接服务时数不足六成", "cap": 599.0}
c["facts"]["grade_of_total"] = "不合格"
# (text in a number field is refused by the result loader itself: tests/bad/report-number-field-is-text)
c["deductions"], c["total"], c["grade"] = 10.0, 599.0, "不合格"
# a centre without a grade
c = centre("HZ-RF", "no-grade", grade="", grade_note="only 91.5 % of the rubric's points could be scored")
c["facts"]["grade_of_total"] = None
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

# Evidence files with traps (as jz-score --evidence would write them if its ids and
# centres were like this): a BOM, ids Excel would read as numbers, dates or formulas,
# quoted commas and quotes, spaces, an empty record id; the second with CRLF.
{ printf '\357\273\277indicator,centre,file,line,record_id\n'; printf '%s\n' \
    'cases,007,samples/records/HZ-NZ.csv,2,007' \
    'cases,"a,b",records/x.csv,3,=1+1' \
    'cases,"=HYPERLINK(""http://example.com"",""x"")","dir, with comma/f.csv",4,2024-01-02' \
    'q_share,+1-2,f.csv,5,1e5' \
    'q_share,@SUM(A1),f.csv,6,_x0041_' \
    'q_share,centre,f.csv,7,"quoted ""id"""' \
    'q_share,中心,记录.csv,8,  spaced  ' \
    'q_share,x,f.csv,9,' \
    'q_share,x,f.csv,4294967297,0x1F'; } >"$tmp/traps-evidence.csv"
printf 'indicator,centre,file,line,record_id\r\ncases,HZ-NZ,a.csv,10,TRUE\r\ncases,HZ-NZ,a.csv,11,-0\r\n' \
    >"$tmp/traps-evidence-2.csv"

# render JSON OUT [EVIDENCE...]: the workbook of one result, in the language $lang
lang=en
if [ -x "$BUILD/bin/jz-report" ]; then
    how="$BUILD/bin/jz-report"
    langs="en zh"
    render() {
        json=$1 out=$2
        shift 2
        args=""
        for e in "$@"; do args="$args --evidence $e"; done
        r=0
        # shellcheck disable=SC2086  # $tmp holds no spaces (mktemp)
        "$BUILD/bin/jz-report" --lang "$lang" --rules "$RULES" -f xlsx -o "$out" $args "$json" || r=$?
        [ "$r" -le 1 ] && [ -s "$out" ]
    }
else
    how="a driver calling jz_report_xlsx ($BUILD/bin/jz-report is not built; English only)"
    langs=en
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
    if (argc < 4 || jz_rules_load(&rules, argv[1], &err) || jz_results_load(&res, argv[3], &err)) {
        fprintf(stderr, "drv: %s\n", argc < 4 ? "usage: drv RULES OUT JSON [EVIDENCE...]" : err.msg);
        return 3;
    }
    jz_report_opts o = {&rules, 0, false, false, (const char *const *)argv + 4, (size_t)argc - 4};
    jz_report_doc doc = {&res, &o};
    int rc = jz_report_xlsx(argv[2], &doc, &err) ? 4 : 0;
    if (rc)
        fprintf(stderr, "drv: %s\n", err.msg);
    jz_results_free(&res);
    jz_rules_free(&rules);
    return rc;
}
EOF
    # LDFLAGS: the sanitizer build's (make exports command-line variables)
    ${CC:-cc} -std=c11 -Iinclude ${LDFLAGS:-} -o "$tmp/drv" "$tmp/drv.c" "$BUILD/lib/libjz.a" -lcsv \
        $(pkg-config --libs yaml-0.1 xlsxwriter libcrypto) -lm
    render() {
        json=$1 out=$2
        shift 2
        LANGUAGE=en LC_ALL=C.UTF-8 "$tmp/drv" "$RULES" "$out" "$json" "$@"
    }
fi
echo "check.sh: workbooks by $how"

fails=0
# verdict --lang LANG JSON WORKBOOK [EVIDENCE...]: check.py on a workbook. JZ_CHECK_SHARE=DIR
# (make check: one folder for its Linux and sanitizer runs, made empty when it starts):
# a pass is kept there under the SHA-256 of check.py, the language and the bytes of every
# file check.py reads, and a run given the same bytes again (the other build wrote the
# same workbook) prints that pass instead of reading the workbook again. A failure is
# never kept: each run computes its own.
verdict() {
    if [ -z "${JZ_CHECK_SHARE:-}" ]; then "$PY" "$here/check.py" "$@"; return; fi
    key=$( { cat "$here/check.py"; echo "$2"; shift 2; for f in "$@"; do wc -c <"$f"; cat "$f"; done; } \
           | sha256sum | cut -d " " -f 1)
    if [ -f "$JZ_CHECK_SHARE/xlsx-$key" ]; then
        cat "$JZ_CHECK_SHARE/xlsx-$key"
        echo "  ok  (check.py's pass on the same bytes, shared: $JZ_CHECK_SHARE/xlsx-$key)"
        return 0
    fi
    r=0
    "$PY" "$here/check.py" "$@" >"$tmp/verdict" 2>&1 || r=$?
    cat "$tmp/verdict"
    if [ "$r" -eq 0 ]; then
        cp "$tmp/verdict" "$JZ_CHECK_SHARE/xlsx-$key.$$" && mv "$JZ_CHECK_SHARE/xlsx-$key.$$" "$JZ_CHECK_SHARE/xlsx-$key"
    fi
    return "$r"
}
# check_case NAME JSON [EVIDENCE...]: in each language
check_case() {
    for lang in $langs; do
        check_case_in "$@"
    done
}
check_case_in() {
    case=$1-$lang json=$2
    shift 2
    if ! render "$json" "$tmp/$case-1.xlsx" "$@" || ! render "$json" "$tmp/$case-2.xlsx" "$@"; then
        echo "FAIL: $case: the workbook was not written" >&2
        fails=$((fails + 1))
        return
    fi
    if cmp -s "$tmp/$case-1.xlsx" "$tmp/$case-2.xlsx"; then
        echo "  ok  $case: written twice, byte-identical ($(wc -c <"$tmp/$case-1.xlsx") bytes)"
    else
        echo "FAIL: $case: two writes of the same result differ" >&2
        fails=$((fails + 1))
    fi
    verdict --lang "$lang" "$json" "$tmp/$case-1.xlsx" "$@" || fails=$((fails + 1))
}
# A total re-weighted (an n/a indicator) and capped (a veto), as jz-score computes it
# (tests/xlsx/reweighted-capped.yaml says the figures by hand): the facts must say both,
# and check.py checks that the workbook's total formula is the one the facts describe.
I=tests/golden/score-edge-inputs
rc=0
"$BUILD/bin/jz-score" -r "$here/reweighted-capped.yaml" --contracts $I/contracts.csv -C EA -f json \
    -o "$tmp/rwcap.json" $I/records.csv 2>"$tmp/rwcap.err" || rc=$?
if [ "$rc" -ne 1 ]; then
    echo "check.sh: jz-score on reweighted-capped.yaml: exit $rc, expected 1 (below the pass grade):" >&2
    cat "$tmp/rwcap.err" >&2
    exit 1
fi
"$PY" - "$tmp/rwcap.json" <<'EOF' || fails=$((fails + 1))
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))["centres"][0]
f = c["facts"]
want = {"reweighted": True, "reweighted_from": ["direct_consults"], "na_points": 40.0, "scale": 100,
        "total_exact": "4667/60", "band_total": 59.0, "grade_of_total": "不合格",
        "capped_by": {"id": "low_cases", "title": "个案不足 (too few cases)", "cap": 59.0}}
bad = {k: f.get(k) for k, v in want.items() if f.get(k) != v}
cap = f["caps"] == [{"what": "veto", "id": "low_cases", "title": "个案不足 (too few cases)", "cap": 59.0,
                     "before": 77.8, "after": 59.0, "lowered": True}]
if bad or not cap or (c["total"], c["earned"], c["applicable"]) != (59.0, 46.67, 60.0):
    sys.exit("FAIL: reweighted-capped: the result's facts are not the hand-computed ones: %r %r" % (bad, f["caps"]))
print("  ok  reweighted-capped: the result says re-weighted from direct_consults and capped at 59 (77.8 before)")
EOF
check_case reweighted-capped "$tmp/rwcap.json"
# A veto that forces the grade (合格, though the total 80 alone is 良好) and a veto cap
# above the total (tests/golden/score-facts-json/rubric.yaml): the grade formula starts
# at the forced grade, and the cap takes part in the total's formula without lowering it.
rc=0
"$BUILD/bin/jz-score" -r tests/golden/score-facts-json/rubric.yaml --contracts $I/contracts.csv -C EA -f json \
    -o "$tmp/forced.json" $I/records.csv 2>"$tmp/forced.err" || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "check.sh: jz-score on score-facts-json/rubric.yaml: exit $rc:" >&2
    cat "$tmp/forced.err" >&2
    exit 1
fi
check_case forced-grade "$tmp/forced.json"
# A section counted at its cap (tests/xlsx/section-cap.yaml, by hand: 15 + 60 = 75): the
# section's formula keeps within the cap and the total follows it (check.py evaluates both).
rc=0
"$BUILD/bin/jz-score" -r "$here/section-cap.yaml" --contracts $I/contracts.csv -C EA -f json \
    -o "$tmp/seccap.json" $I/records.csv 2>"$tmp/seccap.err" || rc=$?
if [ "$rc" -ne 0 ] || ! grep -q '"total":75.0,' "$tmp/seccap.json"; then
    echo "check.sh: jz-score on section-cap.yaml: exit $rc, not the total 75.0 computed by hand:" >&2
    cat "$tmp/seccap.err" >&2
    exit 1
fi
check_case section-cap "$tmp/seccap.json"
check_case sample "$tmp/sample.json" "$tmp/evidence.csv"
check_case traps "$tmp/traps.json" "$tmp/traps-evidence.csv" "$tmp/traps-evidence-2.csv"
check_case plain "$tmp/sample.json"
# the same as a jiazong-score/2 result (no facts): totals as written, never a guess
"$PY" - "$tmp/sample.json" "$tmp/v2.json" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1], encoding="utf-8"))
res["schema"] = "jiazong-score/2"
for c in res["centres"]:
    del c["facts"]
json.dump(res, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
check_case v2 "$tmp/v2.json"

# must_refuse NAME EVIDENCE-CONTENT WHAT: jz-report refuses an evidence file with exit 3,
# a message naming it (and WHAT), and leaves no workbook.
must_refuse() {
    ev="$tmp/bad-$1.csv"
    # shellcheck disable=SC2059  # the content is a printf format, for its \n
    [ "$1" = missing ] || printf "$2" >"$ev"
    r=0
    "$BUILD/bin/jz-report" --rules "$RULES" -f xlsx -o "$tmp/bad.xlsx" --evidence "$tmp/evidence.csv" \
        --evidence "$ev" "$tmp/sample.json" 2>"$tmp/bad.err" || r=$?
    left=$(find "$tmp" -name 'bad.xlsx*')
    if [ "$r" -ne 3 ] || ! grep -q "bad-$1.csv.*$3" "$tmp/bad.err" || [ -n "$left" ]; then
        echo "FAIL: evidence $1: exit $r (expected 3), message: $(cat "$tmp/bad.err")" >&2
        fails=$((fails + 1))
    else
        echo "  ok  evidence $1 refused: $(cat "$tmp/bad.err")"
    fi
}
if [ -x "$BUILD/bin/jz-report" ]; then
    H='indicator,centre,file,line,record_id\n'
    must_refuse missing '' 'No such file'
    must_refuse empty '' 'empty'
    must_refuse header 'indicator,centre,file,line\ncases,C,f.csv,2\n' ':1:5: .*header'
    must_refuse line "${H}cases,C,f.csv,2,R1\ncases,C,f.csv,x3,R2\n" ':3:4: .*line'
    must_refuse zero-line "${H}cases,C,f.csv,0,R1\n" ':2:4: .*line'
    must_refuse fields "${H}cases,C,f.csv,2,R1,extra\n" ':2:6: .*6 fields'
    must_refuse quote "${H}cases,C\"D,f.csv,2,R1\n" ':2:.*bad-quote'
    must_refuse unclosed "${H}cases,\"C,f.csv,2,R1\n" ':2:.*unterminated-quote'
fi
[ "$fails" -eq 0 ] && echo "check.sh: xlsx: all passed" || { echo "check.sh: xlsx: $fails failure(s)" >&2; exit 1; }
