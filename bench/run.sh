#!/bin/sh
# bench/run.sh BUILD — time jiazong's tools against wc, Miller, SQLite and DuckDB on
# generated service records, print one table per input file, then check the speed and
# memory goals.
# Usage: sh bench/run.sh [BUILD]   (make bench calls it with $(BUILD))
# Environment:
#   BENCH_QUICK=1       only the 1,000,000-row file
#   BENCH_ROWS="1m 10m" the files to run, smallest first (suffix k or m, or a plain count)
#   BENCH_SEED=N        generator seed (default 20240101); data is regenerated when it or
#                       bench/gen.c changes
#   BENCH_RUNS=N        runs of each command; the row shows the median run (default 3)
#   BENCH_DUCKDB=0      leave the DuckDB peer out (it is installed from npm into
#                       BUILD/bench/duckdb on first use; without npm or the network the
#                       bench says "duckdb: not available" and goes on)
#   BENCH_CALLGRIND=0   leave out the instructions per byte (valgrind's callgrind, on the
#                       first 100,000 rows of each file)
# Exit status: 0 all goals met, 1 a goal failed or a tool failed, 2 setup failed.
# Data goes to bench/data/ (gitignored); the tables also to BUILD/bench/results.txt.
# The per-tool figures are set through eval, which shellcheck cannot follow:
# shellcheck disable=SC2154
BUILD=${1:-build}
CC=${CC:-cc}
SEED=${BENCH_SEED:-20240101}
DATA=bench/data
GEN=$BUILD/bench/gen
RES=$BUILD/bench/results.txt
if [ -n "$BENCH_QUICK" ] && [ "$BENCH_QUICK" != 0 ]; then
    ROWS=1m
else
    ROWS=${BENCH_ROWS:-1m 10m}
fi

# Goals (MB = 10^6 bytes, for speeds and for peak RSS alike).
# Issue 15 raised the speeds (issues 3, 4 and 12 had asked 150, 150, 100 and 150 MB/s).
VALIDATE_MBPS=600 VALIDATE_RSS=400
HOURS_MBPS=1000 HOURS_RSS=64 HOURS_VS_MLR=5
SCORE_MBPS=600    # the unified rubric over the 10M-row file for 200 centres
SCORE_RSS=128
REPORT_SECONDS=5  # issue 5: a district workbook for 200 centres
AUDIT_MBPS=300 AUDIT_RSS=1000   # jz-audit over the 10M-row file
VS_DUCKDB=1.5     # issue 15: each tool at least 1.5x faster than DuckDB doing its work
RUNS=${BENCH_RUNS:-3}
# The DuckDB peer: its Node API from the npm registry, this exact version.
DUCKDB_NPM=@duckdb/node-api@1.5.6-r.1

JZ_EXTRA_DEPS="miller sqlite3 time" sh tests/deps.sh || exit 2
for t in mlr sqlite3 /usr/bin/time; do
    command -v "$t" >/dev/null 2>&1 || { echo "bench: $t not found" >&2; exit 2; }
done

mkdir -p "$BUILD/bench" "$DATA" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
: >"$RES" || exit 2

out() {
    printf '%s\n' "$*" | tee -a "$RES"
}

# row TOOL SECONDS MBPS RSS INSTR/B [NOTE]: one aligned table row.
row() {
    out "$(printf '%-28s %9s %9s %11s %8s  %s' "$@" "" | sed 's/ *$//')"
}

# ---- generator and data ----

# newer A B: true when file A was modified after file B (find -newer: POSIX, unlike -nt).
newer() {
    [ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]
}

if [ ! -x "$GEN" ] || newer bench/gen.c "$GEN"; then
    echo "  CC      bench/gen.c"
    $CC -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gen.c || exit 2
fi

# make_data FILE ARGS...: run the generator into FILE unless FILE is up to date
# (made from the same gen.c with the same seed, as recorded in FILE.seed).
make_data() {
    f=$1; shift
    if [ -s "$f" ] && ! newer bench/gen.c "$f" && [ "$(cat "$f.seed" 2>/dev/null)" = "$SEED" ]; then
        return 0
    fi
    echo "bench: generating $f"
    start=$(date +%s)
    if ! "$GEN" "$@" >"$f.tmp" || ! mv "$f.tmp" "$f"; then
        rm -f "$f.tmp"; echo "bench: generating $f failed" >&2; exit 2
    fi
    echo "$SEED" >"$f.seed"
    echo "bench: $f: $(wc -c <"$f" | tr -d ' ') bytes in $(( $(date +%s) - start )) s"
}

# rows_of SPEC: "1m" -> 1000000, "250k" -> 250000, "5000" -> 5000.
rows_of() {
    awk -v s="$1" 'BEGIN {
        m = 1; u = substr(s, length(s)); n = s
        if (u == "k" || u == "K") { m = 1000; n = substr(s, 1, length(s) - 1) }
        if (u == "m" || u == "M") { m = 1000000; n = substr(s, 1, length(s) - 1) }
        if (n !~ /^[0-9]+$/ || n * m < 1) exit 1
        printf "%d\n", n * m }'
}

make_data "$DATA/contracts.csv" contracts "$SEED"
make_data "$DATA/roster.csv" roster "$SEED"
for spec in $ROWS; do
    n=$(rows_of "$spec") || { echo "bench: bad BENCH_ROWS entry '$spec'" >&2; exit 2; }
    make_data "$DATA/records-$spec.csv" records "$n" "$SEED"
done

# ---- timing ----

failed=0

# instr CMD...: instructions per byte of the current file's sample ($sample, $sample_size
# bytes) under valgrind's callgrind, all threads together: stable where wall time is not.
# Prints "-" when callgrind is off or unavailable.
instr() {
    if [ -z "$sample" ]; then echo -; return; fi
    n=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" 2>&1 >/dev/null </dev/null |
        sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' | tail -n 1)
    rm -f "$tmp"/cg.out*
    if [ -n "$n" ]; then awk -v n="$n" -v b="$sample_size" 'BEGIN { printf "%.1f", n / b }'; else echo -; fi
}

# measure KEY LABEL FINDINGS [instr] CMD...: run CMD on the current file $RUNS times with
# /usr/bin/time, output to /dev/null; print a table row for the median run (by wall
# time) and keep its figures in sec_KEY, mbps_KEY, rss_KEY, ok_KEY (0, or the failing
# exit status). FINDINGS is an exit status that means "ran fine, reported findings"
# (jz-hours: 1, a check is short), or - for none. With "instr", the row also gets the
# instructions per byte of CMD run on the sample (the file replaced by the sample, an
# output in $tmp by another file).
measure() {
    key=$1 label=$2 findings=$3; shift 3
    want_instr=""
    if [ "$1" = instr ]; then want_instr=1; shift; fi
    : >"$tmp/runs"
    i=0
    while [ $i -lt "$RUNS" ]; do
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" </dev/null
        echo "$(tail -n 1 "$tmp/time") $?" >>"$tmp/runs"
        i=$((i + 1))
    done
    # shellcheck disable=SC2046 # split "SECONDS KIB STATUS" into $1 $2 $3
    med=$(sort -n "$tmp/runs" | sed -n "$(( (RUNS + 1) / 2 ))p")
    ipb=-
    if [ -n "$want_instr" ]; then
        cmd=""
        for a in "$@"; do
            case $a in
            "$f") a=$sample ;;
            "$tmp"/*) a=$tmp/sample-out.${a##*.} ;;   # never over a timed run's output
            esac
            cmd="$cmd '$a'"
        done
        ipb=$(eval "instr $cmd")
    fi
    set -- $med 0 0 0
    status=$3
    sec=$1 rss=$(awk -v k="$2" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
    # %e has 1/100 s resolution: below that, speed is shown as a lower bound.
    mbps=$(awk -v b="$size" -v s="$sec" 'BEGIN { if (s < 0.01) s = 0.01; printf "%.1f", b / s / 1e6 }')
    shown=$mbps
    awk -v s="$sec" 'BEGIN { exit !(s < 0.01) }' && shown=">$mbps"
    note=""
    if [ "$status" -eq 0 ]; then
        :
    elif [ "$status" = "$findings" ]; then
        note="exit $status: findings"
        status=0
    else
        note="exit $status"
        failed=1
        sed -n '1,5s/^/    /p' "$tmp/err" >&2
    fi
    eval "sec_$key=\$sec mbps_$key=\$mbps rss_$key=\$rss ok_$key=\$status"
    row "$label" "$sec" "$shown" "$rss" "$ipb" "$note"
}

# not_built KEY LABEL: a jiazong tool that does not exist yet.
not_built() {
    eval "ok_$1=absent"
    row "$2" - - - - "not built"
}

# ---- the DuckDB peer (bench/duckdb.mjs), from npm into BUILD/bench/duckdb ----

DUCK=$BUILD/bench/duckdb
duckdb=""
duckdb_why="BENCH_DUCKDB=0"
if [ "${BENCH_DUCKDB:-1}" != 0 ]; then
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        duckdb_why="node or npm not found"
    elif [ -f "$DUCK/node_modules/@duckdb/node-api/package.json" ] &&
         [ "$(cat "$DUCK/installed" 2>/dev/null)" = "$DUCKDB_NPM" ]; then
        duckdb=1
    else
        echo "bench: installing $DUCKDB_NPM from npm into $DUCK"
        rm -rf "$DUCK" && mkdir -p "$DUCK" && echo '{"private": true}' >"$DUCK/package.json"
        if (cd "$DUCK" && npm install --no-audit --no-fund --loglevel=error "$DUCKDB_NPM") >"$tmp/npm" 2>&1; then
            echo "$DUCKDB_NPM" >"$DUCK/installed"
            duckdb=1
        else
            duckdb_why="npm install $DUCKDB_NPM failed: $(grep -m 1 . "$tmp/npm")"
        fi
    fi
fi
# Node resolves @duckdb/node-api from the script's folder: the script runs from there.
[ -n "$duckdb" ] && cp bench/duckdb.mjs "$DUCK/duckdb.mjs"
[ -n "$duckdb" ] || echo "duckdb: not available ($duckdb_why)"
callgrind=""
if [ "${BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null 2>&1; then
    callgrind=1
fi

# peer KEY LABEL JOB AGAINST: DuckDB doing JOB on the current file; timed only after its
# figures agree with jiazong's output AGAINST (bench/duckdb.mjs compares them).
peer() {
    if [ -z "$duckdb" ]; then
        eval "ok_$1=absent"
        row "$2" - - - - "duckdb: not available"
    elif [ ! -s "$4" ]; then
        eval "ok_$1=absent"
        row "$2" - - - - "no jiazong output to compare with"
    elif ! node "$DUCK/duckdb.mjs" "$3" "$f" "$DATA/contracts.csv" "$DATA/roster.csv" "$4" >"$tmp/agree" 2>&1; then
        eval "ok_$1=differs"
        sed 's/^/    /' "$tmp/agree" >&2
        row "$2" - - - - "figures differ from jiazong's: not timed"
        failed=1
    else
        measure "$1" "$2" - node "$DUCK/duckdb.mjs" "$3" "$f" "$DATA/contracts.csv" "$DATA/roster.csv"
    fi
}

out "jiazong bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc 2>/dev/null || echo '?') CPUs," \
    "$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null), seed $SEED"
out "MB = 10^6 bytes; seconds = wall clock, the median of $RUNS runs; RSS = peak resident set (GNU time %M)"
out "of that run; instr/B = instructions per byte under callgrind, all threads, on the file's first"
out "100,000 rows. DuckDB: $DUCKDB_NPM from npm, in Node (its start-up included), 2 threads."

for spec in $ROWS; do
    f=$DATA/records-$spec.csv
    size=$(wc -c <"$f" | tr -d ' ')
    lines=$(($(wc -l <"$f") - 1))
    cat "$f" >/dev/null   # into the page cache, so the first tool pays no extra disk read
    sample="" sample_size=0
    if [ -n "$callgrind" ]; then
        sample=$tmp/sample.csv
        head -n 100001 "$f" >"$sample"
        sample_size=$(wc -c <"$sample" | tr -d ' ')
    fi
    # jiazong's outputs, once, for the DuckDB peer to agree with
    rm -f "$tmp/hours.csv" "$tmp/validate.txt" "$tmp/score.json"
    if [ -n "$duckdb" ]; then
        [ -x "$BUILD/bin/jz-hours" ] && "$BUILD/bin/jz-hours" --contracts "$DATA/contracts.csv" \
            --roster "$DATA/roster.csv" --format csv -o "$tmp/hours.csv" "$f" 2>/dev/null
        [ -x "$BUILD/bin/jz-validate" ] && "$BUILD/bin/jz-validate" -o "$tmp/validate.txt" "$f" 2>/dev/null
    fi
    out ""
    out "$f: $lines rows, $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
    row tool seconds MB/s 'peak RSS MB' instr/B
    measure wc "wc -l" - wc -l "$f"
    measure mlr "mlr stats1" - mlr --icsv --ojson stats1 -a sum,count -f hours -g centre "$f"
    if [ -x "$BUILD/bin/jz-validate" ]; then
        measure validate "jz-validate" - instr "$BUILD/bin/jz-validate" "$f"
    else
        not_built validate "jz-validate"
    fi
    if [ -x "$BUILD/bin/jz-hours" ]; then
        measure hours "jz-hours" 1 instr "$BUILD/bin/jz-hours" --contracts "$DATA/contracts.csv" \
            --roster "$DATA/roster.csv" --format csv "$f"
    else
        not_built hours "jz-hours"
    fi
    if [ -x "$BUILD/bin/jz-score" ]; then
        measure score "jz-score (unified)" 1 instr "$BUILD/bin/jz-score" -r rubrics/guangzhou-unified.yaml \
            --contracts "$DATA/contracts.csv" --roster "$DATA/roster.csv" --format json -o "$tmp/score.json" "$f"
    else
        not_built score "jz-score"
    fi
    if [ -x "$BUILD/bin/jz-report" ] && [ -s "$tmp/score.json" ]; then
        measure report "jz-report xlsx (200 centres)" - "$BUILD/bin/jz-report" -f xlsx -o "$tmp/district.xlsx" \
            "$tmp/score.json"
    else
        not_built report "jz-report"
    fi
    if [ -x "$BUILD/bin/jz-audit" ]; then
        # the generated records carry entered_at/modified_at and long notes with a few
        # near-copies: every screen that needs no --notice or attendance lists runs
        measure audit "jz-audit" 1 instr "$BUILD/bin/jz-audit" -f csv -o "$tmp/audit.csv" "$f"
    else
        not_built audit "jz-audit"
    fi
    measure sqlite "sqlite3" - sqlite3 -batch -cmd '.mode csv' -cmd ".import $f r" :memory: \
        'SELECT centre, sum(hours) FROM r GROUP BY centre;'
    peer duck_hours "duckdb: hours" hours "$tmp/hours.csv"
    peer duck_validate "duckdb: validate" validate "$tmp/validate.txt"
    peer duck_score "duckdb: score" score "$tmp/score.json"
    goal_file=$f
done

# ---- goals, on the largest file run ----

# goal DESCRIPTION AWK-CONDITION: print PASS or FAIL; a FAIL fails the run.
goal() {
    if awk "BEGIN { exit !($2) }"; then
        out "PASS  $1"
    else
        out "FAIL  $1"
        failed=1
    fi
}

out ""
out "goals on $goal_file:"
case $ok_validate in
absent) out "SKIP  jz-validate: not built" ;;
0)  goal "jz-validate >= $VALIDATE_MBPS MB/s ($mbps_validate)" "$mbps_validate >= $VALIDATE_MBPS"
    goal "jz-validate peak RSS < $VALIDATE_RSS MB ($rss_validate)" "$rss_validate < $VALIDATE_RSS" ;;
*)  out "FAIL  jz-validate exited with status $ok_validate"; failed=1 ;;
esac
case $ok_hours in
absent) out "SKIP  jz-hours: not built" ;;
0)  goal "jz-hours >= $HOURS_MBPS MB/s ($mbps_hours)" "$mbps_hours >= $HOURS_MBPS"
    goal "jz-hours peak RSS < $HOURS_RSS MB ($rss_hours)" "$rss_hours < $HOURS_RSS"
    if [ "$ok_mlr" = 0 ]; then
        goal "jz-hours >= ${HOURS_VS_MLR}x Miller's speed ($mbps_hours vs $mbps_mlr MB/s)" \
            "$mbps_hours >= $HOURS_VS_MLR * $mbps_mlr"
    else
        out "SKIP  jz-hours vs Miller: mlr failed"
    fi ;;
*)  out "FAIL  jz-hours exited with status $ok_hours"; failed=1 ;;
esac
case $ok_score in
absent) out "SKIP  jz-score: not built" ;;
0)  goal "jz-score >= $SCORE_MBPS MB/s ($mbps_score)" "$mbps_score >= $SCORE_MBPS"
    goal "jz-score peak RSS < $SCORE_RSS MB ($rss_score)" "$rss_score < $SCORE_RSS" ;;
*)  out "FAIL  jz-score exited with status $ok_score"; failed=1 ;;
esac
case $ok_report in
absent) out "SKIP  jz-report: not built" ;;
0)  goal "jz-report district workbook for 200 centres < $REPORT_SECONDS s ($sec_report)" "$sec_report < $REPORT_SECONDS" ;;
*)  out "FAIL  jz-report exited with status $ok_report"; failed=1 ;;
esac
case $ok_audit in
absent) out "SKIP  jz-audit: not built" ;;
0)  goal "jz-audit >= $AUDIT_MBPS MB/s ($mbps_audit)" "$mbps_audit >= $AUDIT_MBPS"
    goal "jz-audit peak RSS < $AUDIT_RSS MB ($rss_audit)" "$rss_audit < $AUDIT_RSS" ;;
*)  out "FAIL  jz-audit exited with status $ok_audit"; failed=1 ;;
esac
# vs_duckdb TOOL KEY PEER: the goal that jiazong's tool is VS_DUCKDB times faster.
vs_duckdb() {
    eval "a=\$ok_$2 b=\$ok_$3 ta=\$sec_$2 tb=\$sec_$3"
    if [ "$a" != 0 ] || [ "$b" != 0 ]; then
        out "SKIP  $1 vs DuckDB: $([ "$b" = absent ] && echo "duckdb: not available" || echo "not both timed")"
    else
        goal "$1 >= ${VS_DUCKDB}x faster than DuckDB doing its work ($ta s vs $tb s: $(awk -v a="$ta" -v b="$tb" \
            'BEGIN { if (a < 0.01) a = 0.01; printf "%.2f", b / a }')x)" "$tb >= $VS_DUCKDB * ($ta < 0.01 ? 0.01 : $ta)"
    fi
}
vs_duckdb jz-hours hours duck_hours
vs_duckdb jz-validate validate duck_validate
vs_duckdb jz-score score duck_score
case $goal_file in
*-10m.csv) ;;
*) out "note: goals are set for the 10M-row file; this run checked them on a smaller one." ;;
esac
echo "bench: results in $RES"
exit $failed
