#!/bin/sh
# Build the libFuzzer harnesses with clang (ASan + UBSan, any UBSan report is fatal)
# straight from the library sources and fuzz each for FUZZ_SECONDS (default 300), one
# after the other:
#   fuzz_csv   the CSV input layer; corpus seeded from samples/ and tests/bad/ (the first
#              64 KiB of each file) plus a few built-in rows;
#   fuzz_yaml  the YAML tree builder, the rubric, rules and audit rules loaders; corpus seeded
#              from rubrics/**/*.yaml, tests/bad/*.yaml, tests/rubrics/*.yaml and
#              rubrics/rules/*.yaml plus a few built-in documents (anchors, aliases);
#   fuzz_verify jz-verify's draw and verification-file loaders, estimates and writers;
#              corpus: the sample draw and verification file and the bad-input cases.
# Exits non-zero when a fuzzer finds a crash, a leak or undefined behaviour; the input is
# left in $OUT/artifacts/NAME/.
#
# Environment: FUZZ_SECONDS (300), FUZZ_BUILD (build/fuzz), CC_FUZZ (clang),
# FUZZ_ARGS (extra libFuzzer options, e.g. -jobs=2 -workers=2), FUZZ_ONLY (csv, yaml or verify:
# build and run that harness alone).
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
        -Iinclude $(pkg-config --cflags yaml-0.1 xlsxwriter) \
        -o "$OUT/$1" "tests/fuzz/$1.c" src/lib/*.c \
        -lcsv $(pkg-config --libs yaml-0.1 xlsxwriter) -lm
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

seed_yaml() {
    mkdir -p "$OUT/corpus/fuzz_yaml"
    [ -d rubrics ] && find rubrics -type f -name '*.yaml' | while read -r f; do seed_files fuzz_yaml "$f"; done
    for f in tests/bad/*.yaml tests/rubrics/*.yaml rubrics/rules/*.yaml; do seed_files fuzz_yaml "$f"; done
    seed fuzz_yaml anchors 'a: &x {k: [1, 2, &y three]}\nb: *x\nc: [*x, *y, *x]\nd: !!str 4\n'
    seed fuzz_yaml laughs 'a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n'
    seed fuzz_yaml merge 'base: &b {points: 10, party: third_party}\nind: {<<: *b, id: x}\n"q": '"'"'s'"'"'\n? complex\n: value\n'
    seed fuzz_yaml docs '%%YAML 1.1\n---\nid: x\n...\n---\n- |\n  literal\n- >-\n  folded\n- "\\u4e2d\\x41"\n'
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
for harness in fuzz_csv fuzz_yaml fuzz_verify; do
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
