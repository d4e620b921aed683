#!/bin/sh
# Build the libFuzzer harnesses with clang (ASan + UBSan, any UBSan report is fatal)
# straight from the library sources and fuzz each for FUZZ_SECONDS (default 300), one
# after the other:
#   fuzz_csv   the CSV input layer; corpus seeded from samples/ and tests/bad/ (the first
#              64 KiB of each file) plus a few built-in rows;
#   fuzz_yaml  the YAML tree builder, the rubric, rules and audit rules loaders; corpus seeded
#              from rubrics/**/*.yaml, tests/bad/*.yaml, tests/rubrics/*.yaml and
#              rubrics/rules/*.yaml plus a few built-in documents (anchors, aliases);
#   fuzz_report   the results loader (jz-score's and jz-hours' json) and every jz-report
#              renderer (text, md, csv, html in memory, xlsx to a temporary file); corpus
#              from tests/bad/report-*.json, tests/golden/*/result.json, tests/fuzz/*.json;
#   fuzz_evidence the evidence reader of jz-report --evidence (into an xlsx of the fixed
#              result tests/fuzz/result-mini.json); corpus from built-in evidence files;
#   fuzz_calendar the holiday calendar reader and its queries; corpus from
#              rubrics/calendar/*.csv and tests/golden/days-calendar-*/holidays.csv;
#   fuzz_sample   jz-sample's teams and exclude readers; corpus from the golden cases'
#              teams and exclusion files plus built-in lists.
#   fuzz_verify jz-verify's draw and verification-file loaders, estimates and writers;
#              corpus: the sample draw and verification file and the bad-input cases.
#   fuzz_xlsx  the .xlsx and .xls row sources behind the table reader and the roster
#              loader: an input is a workbook file (starting "PK", or an .xls: the OLE
#              signature) or the NUL-separated XML parts of one (sheet, shared strings,
#              styles, workbook), stored in a zip by the harness; corpus:
#              samples/xlsx/*.xlsx and *.xls, workbooks made by BUILD/tests/mkxlsx when it
#              is built, and built-in parts (types, title rows, error cells).
#   fuzz_scan  differential: the CSV reader's vector splitter and the vector UTF-8 check
#              (AVX2, SSE2) against the scalar paths and libcsv, rows, fields, diagnostics
#              and errors identical; corpus: fuzz_csv's plus rows built around the 32- and
#              64-byte block edges.
# Exits non-zero when a fuzzer finds a crash, a leak or undefined behaviour; the input is
# left in $OUT/artifacts/NAME/.
#
# Environment: FUZZ_SECONDS (300), FUZZ_BUILD (build/fuzz), CC_FUZZ (clang),
# FUZZ_ARGS (extra libFuzzer options, e.g. -jobs=2 -workers=2), FUZZ_ONLY (csv, yaml,
# report, evidence, calendar, sample, verify, xlsx or scan: build and run that harness alone).
# Run from the repository root: sh tests/fuzz/run.sh   (or make fuzz)
set -eu

SECONDS_TO_RUN=${FUZZ_SECONDS:-300}
OUT=${FUZZ_BUILD:-build/fuzz}
CC_FUZZ=${CC_FUZZ:-clang}
VERSION=$(sed -n 's/^VERSION *:= *//p' Makefile)
PREFIX=${PREFIX:-/usr/local}
ONLY=${FUZZ_ONLY:-}

# build NAME: tests/fuzz/NAME.c with the same -D flags as the Makefile, over the library
# sources directly (not the gcc-built .a).
build() {
    # shellcheck disable=SC2046
    "$CC_FUZZ" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
        -DJZ_VERSION="\"$VERSION\"" -DJZ_DATADIR="\"$PREFIX/share/jiazong\"" \
        -Iinclude $(pkg-config --cflags yaml-0.1 xlsxwriter libzip expat libcrypto freexl) \
        -o "$OUT/$1" "tests/fuzz/$1.c" src/lib/*/*.c \
        -lcsv $(pkg-config --libs yaml-0.1 xlsxwriter libzip expat libcrypto freexl) -lm
}

# (Shell variables are global: the functions' names do not clash with the loop's.)
# seed_files NAME FILE...: copy each file, cut to 64 KiB (the -max_len below), into
# NAME's corpus.
seed_files() {
    corpus="$OUT/corpus/$1"
    shift
    for f in "$@"; do
        [ -f "$f" ] || continue
        seedname=$(printf '%s' "$f" | tr '/ ' '__')
        head -c 65536 "$f" >"$corpus/seed-$seedname"
    done
}

# seed NAME LABEL PRINTF-FORMAT: a built-in seed, so the corpus is never empty.
# shellcheck disable=SC2059  # the seed is a printf format, for its escapes
seed() { printf "$3" >"$OUT/corpus/$1/builtin-$2"; }

seed_csv() {
    mkdir -p "$OUT/corpus/fuzz_csv"
    for dir in samples tests/bad; do
        [ -d "$dir" ] || continue
        find "$dir" -type f | while read -r f; do seed_files fuzz_csv "$f"; done
    done
    seed fuzz_csv records 'record_id,centre,date,start,end,staff,kind,mode,place,target,client,participants,hours,volunteers,volunteer_hours,note\nR1,C1,2024-03-05,09:00,10:30,S1,case,direct,centre,elderly,K1,1,1.5,0,0,\nR2,C1,2024/3/5,10:00,11:00,S1,group,indirect,community,youth,,12,1,2,3.5,"a, b"\nR3,C1,45356,,,S2,training,,online,other,,,2,,,"multi\nline ""quoted"""\n'
    seed fuzz_csv records-zh '\357\273\277记录编号,中心编号,服务日期,开始时间,结束时间,社工编号,服务类型,服务方式,工时\r\nR1,C1,2024年3月5日,09：30,11:00,S1,个案,直接,1.5\r\nR1,C1,2024.3.5,9:00,24:00,S1,探访,间接,15\r\n'
    seed fuzz_csv roster 'staff,centre,name,qualification,profession,counted,start_date,end_date\nS1,C1,张三,social_worker,social_work,yes,2024-01-01,2024-06-30\nS2,C1,李四,助理社会工作师,,否,,\n'
    seed fuzz_csv contracts 'contract,centre,district,street,operator,start,end,budget,professional_staff,total_hours,direct_hours,target_cases,目标_小组\nK1,C1,天河区,石牌街,机构,2024-01-01,2024-12-31,"2,350,000.00",8,27440,12000,60,12.5\n'
    seed fuzz_csv gb18030 '\274\307\302\274\261\340\272\305,\326\320\320\304\261\340\272\305\n\274\327,\322\322\n'
    seed fuzz_csv bad-quote 'record_id,centre\nab"c,d\n"unterminated,x\n'
}

seed_xlsx() {
    c="$OUT/corpus/fuzz_xlsx"
    mkdir -p "$c"
    for f in samples/xlsx/*.xlsx samples/xlsx/*.xls; do seed_files fuzz_xlsx "$f"; done
    if [ -x build/tests/mkxlsx ]; then
        build/tests/mkxlsx "$c/seed-roster-typed.xlsx" --title '名册' --typed samples/roster.csv || true
        head -40 samples/records/HZ-NZ.csv >"$OUT/records-head.csv"
        build/tests/mkxlsx "$c/seed-records-typed.xlsx" --sheet '记录 1' --typed "$OUT/records-head.csv" || true
    fi
    m='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    seed fuzz_xlsx parts "<worksheet $m><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>S_x0031_</t></is></c><c r=\"B3\" s=\"1\"><v>45356.5</v></c><c r=\"C3\" t=\"e\"><v>#REF!</v></c><c r=\"D3\" t=\"b\"><v>1</v></c><c r=\"XFD3\" s=\"2\"><v>0.375</v></c></row></sheetData></worksheet>"
    seed fuzz_xlsx title "<worksheet $m><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c></row><row r=\"2\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row><row><c><v>1.5</v></c><c t=\"str\"><f>A1</f><v>C1</v></c></row></sheetData></worksheet>\000<sst $m><si><t>staff</t></si><si><r><t>cen</t></r><r><t>tre</t></r></si><si><t>name</t><rPh><t>x</t></rPh></si></sst>\000<styleSheet $m><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; h:mm\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"
    seed fuzz_xlsx date1904 "<worksheet $m><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row><row r=\"2\"><c s=\"1\"><v>0</v></c></row></sheetData></worksheet>\000\000\000<workbook $m xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr date1904=\"1\"/><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\" state=\"hidden\"/></sheets></workbook>"
}

seed_scan() {
    seed_csv
    mkdir -p "$OUT/corpus/fuzz_scan"
    cp "$OUT"/corpus/fuzz_csv/* "$OUT/corpus/fuzz_scan/"
    a30=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    seed fuzz_scan quote-at-31 "$a30,\"q\"\"x\",b\r\n$a30$a30,\"z\r\n\"\nend\n"
    seed fuzz_scan crlf-at-63 "$a30$a30,b\r\n\"$a30$a30\r\nz\",\"\"\n"
    seed fuzz_scan utf8-at-32 "$a30\344\270\255\344\270,\"\344\270\255\",\355\240\200,\364\220\200\200\n"
    seed fuzz_scan open-quote "$a30,\"$a30\n$a30\n$a30,\"x\"y\n"
}

seed_yaml() {
    mkdir -p "$OUT/corpus/fuzz_yaml"
    [ -d rubrics ] && find rubrics -type f -name '*.yaml' | while read -r f; do seed_files fuzz_yaml "$f"; done
    for f in tests/bad/*.yaml tests/rubrics/*.yaml rubrics/rules/*.yaml; do seed_files fuzz_yaml "$f"; done
    seed fuzz_yaml anchors 'a: &x {k: [1, 2, &y three]}\nb: *x\nc: [*x, *y, *x]\nd: !!str 4\n'
    seed fuzz_yaml laughs 'a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n'
    seed fuzz_yaml merge 'base: &b {points: 10, party: third_party}\nind: {<<: *b, id: x}\n"q": '"'"'s'"'"'\n? complex\n: value\n'
    seed fuzz_yaml docs '%%YAML 1.1\n---\nid: x\n...\n---\n- |\n  literal\n- >-\n  folded\n- "\\u4e2d\\x41"\n'
}

seed_report() {
    mkdir -p "$OUT/corpus/fuzz_report"
    # shellcheck disable=SC2046
    seed_files fuzz_report tests/bad/report-*.json tests/golden/*/result.json tests/fuzz/*.json
    seed fuzz_report hours '{"schema":"jiazong-hours/1","tool":"jz-hours","rules":{"id":"r","version":"1"},"contracts":[{"contract":"K1","centre":"C1","end":"2024-12-31","as_of":"2024-06-30","records":3,"checks":[{"check":"service_hours","unit":"hours","required_minutes":600,"delivered_minutes":540,"ratio":0.9,"status":"short","detail":"d"}]}]}\n'
    seed fuzz_report score '{"schema":"jiazong-score/1","rubric":{"id":"m","scale":100,"grades":[{"grade":"A","min":60},{"grade":"B","min":0}],"pass_grade":"A"},"centres":[{"centre":"C1","total":61.5,"grade":"A","sections":[{"id":"s","depth":1,"earned":1,"possible":2}],"indicators":[{"id":"i","section":"s","earned":1,"possible":2,"disagreement":true,"scores":[{"evaluator":"e","score":1}]}],"applied":[{"what":"deduction","points":1}]}]}\n'
}

seed_evidence() {
    mkdir -p "$OUT/corpus/fuzz_evidence"
    seed fuzz_evidence plain 'indicator,centre,file,line,record_id\nout_cases,HZ-NZ,samples/records/HZ-NZ.csv,2,NZ-2024-000001\nout_groups,HZ-NZ,samples/records/HZ-NZ.csv,17,"NZ,1"\n'
    seed fuzz_evidence bom '\357\273\277indicator,centre,file,line,record_id\r\nq,HZ-NZ,f.csv,x,=1+1\r\n'
    seed fuzz_evidence bad 'indicator,centre\na,b\n"x\n'
}

seed_calendar() {
    mkdir -p "$OUT/corpus/fuzz_calendar"
    # shellcheck disable=SC2046
    seed_files fuzz_calendar rubrics/calendar/*.csv tests/golden/days-calendar-*/holidays.csv
    seed fuzz_calendar small 'date,kind,name,notice\n2025-10-01,off,国庆节,x\n2025-09-28,work,国庆节,x\n'
}

seed_sample() {
    mkdir -p "$OUT/corpus/fuzz_sample"
    # shellcheck disable=SC2046
    seed_files fuzz_sample tests/golden/sample-*/*.csv tests/golden/sample-*/*.txt
    seed fuzz_sample teams 'centre,team\nPY-SQ,A\nHZ-NZ,B\nC1,A\n'
    seed fuzz_sample ids '# interviewed\nSQ-C0001\n\nNZ-C0003\n'
    seed fuzz_sample pairs 'centre,client,note\nPY-SQ,SQ-C0001,x\nC1,NZ-C0002,"a,b"\n'
}

seed_verify() {
    c="$OUT/corpus/fuzz_verify"
    mkdir -p "$c"
    for v in samples/verify/verification-HZ-NZ.csv tests/bad/verify-*.csv; do
        [ -f "$v" ] || continue
        { cat samples/verify/draw-HZ-NZ.csv; printf '\n--\n'; cat "$v"; } | head -c 65536 >"$c/seed-$(basename "$v")"
    done
    for g in tests/golden/verify-two-centres-within-band; do
        [ -d "$g" ] && { cat "$g/draw.csv"; printf '\n--\n'; cat "$g/verification.csv"; } >"$c/seed-two-centres"
    done
}

# run NAME: fuzz NAME for SECONDS_TO_RUN; 0 when it found nothing.
run() {
    mkdir -p "$OUT/artifacts/$1"
    # shellcheck disable=SC2086  # FUZZ_ARGS is a list of options
    "$OUT/$1" -max_len=65536 -max_total_time="$SECONDS_TO_RUN" -timeout=30 \
        -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$1/" \
        ${FUZZ_ARGS:-} "$OUT/corpus/$1"
}

mkdir -p "$OUT/corpus" "$OUT/artifacts"
failed=""
for harness in fuzz_csv fuzz_yaml fuzz_report fuzz_evidence fuzz_calendar fuzz_sample fuzz_verify fuzz_xlsx fuzz_scan; do
    [ -z "$ONLY" ] || [ "fuzz_$ONLY" = "$harness" ] || continue
    build "$harness"
    "seed_${harness#fuzz_}"
    set +e
    run "$harness"
    rc=$?
    set -e
    if [ "$rc" -ne 0 ]; then
        echo "fuzz: $harness FAILED (exit $rc); inputs in $OUT/artifacts/$harness/" >&2
        failed="$failed $harness"
    else
        echo "fuzz: $harness: no crash in ${SECONDS_TO_RUN}s"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: FAILED:$failed" >&2
    exit 1
fi
echo "fuzz: no crash"
