#!/bin/sh
# Build the libFuzzer harness for the CSV input layer with clang (ASan + UBSan, any
# UBSan report is fatal) straight from the library sources, seed a corpus from
# samples/ and tests/bad/ (the first 64 KiB of each file) plus a few built-in rows,
# and fuzz for FUZZ_SECONDS (default 300). Exits non-zero when the fuzzer finds a
# crash, a leak or undefined behaviour; the input is left in $OUT/artifacts/.
#
# Environment: FUZZ_SECONDS (300), FUZZ_BUILD (build/fuzz), CC_FUZZ (clang),
# FUZZ_ARGS (extra libFuzzer options, e.g. -jobs=2 -workers=2).
# Run from the repository root: sh tests/fuzz/run.sh   (or make fuzz)
set -eu

SECONDS_TO_RUN=${FUZZ_SECONDS:-300}
OUT=${FUZZ_BUILD:-build/fuzz}
CC_FUZZ=${CC_FUZZ:-clang}
VERSION=$(sed -n 's/^VERSION *:= *//p' Makefile)
PREFIX=${PREFIX:-/usr/local}

mkdir -p "$OUT/corpus" "$OUT/artifacts"

# The same -D flags as the Makefile; the library sources directly, not the gcc-built .a.
# shellcheck disable=SC2046
"$CC_FUZZ" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -DJZ_VERSION="\"$VERSION\"" -DJZ_DATADIR="\"$PREFIX/share/jiazong\"" \
    -Iinclude $(pkg-config --cflags yaml-0.1 xlsxwriter) \
    -o "$OUT/fuzz_csv" tests/fuzz/fuzz_csv.c src/lib/*.c \
    -lcsv $(pkg-config --libs yaml-0.1 xlsxwriter) -lm

# Seeds: every file under samples/ and tests/bad/, cut to 64 KiB (the -max_len below).
for dir in samples tests/bad; do
    [ -d "$dir" ] || continue
    find "$dir" -type f | while read -r f; do
        name=$(printf '%s' "$f" | tr '/ ' '__')
        head -c 65536 "$f" >"$OUT/corpus/seed-$name"
    done
done

# A few built-in seeds so the corpus is never empty.
seed() { printf "$2" >"$OUT/corpus/builtin-$1"; }
seed records 'record_id,centre,date,start,end,staff,kind,mode,place,target,client,participants,hours,volunteers,volunteer_hours,note\nR1,C1,2024-03-05,09:00,10:30,S1,case,direct,centre,elderly,K1,1,1.5,0,0,\nR2,C1,2024/3/5,10:00,11:00,S1,group,indirect,community,youth,,12,1,2,3.5,"a, b"\nR3,C1,45356,,,S2,training,,online,other,,,2,,,"multi\nline ""quoted"""\n'
seed records-zh '\357\273\277记录编号,中心编号,服务日期,开始时间,结束时间,社工编号,服务类型,服务方式,工时\r\nR1,C1,2024年3月5日,09：30,11:00,S1,个案,直接,1.5\r\nR1,C1,2024.3.5,9:00,24:00,S1,探访,间接,15\r\n'
seed roster 'staff,centre,name,qualification,profession,counted,start_date,end_date\nS1,C1,张三,social_worker,social_work,yes,2024-01-01,2024-06-30\nS2,C1,李四,助理社会工作师,,否,,\n'
seed contracts 'contract,centre,district,street,operator,start,end,budget,professional_staff,total_hours,direct_hours,target_cases,目标_小组\nK1,C1,天河区,石牌街,机构,2024-01-01,2024-12-31,"2,350,000.00",8,27440,12000,60,12.5\n'
seed gb18030 '\274\307\302\274\261\340\272\305,\326\320\320\304\261\340\272\305\n\274\327,\322\322\n'
seed bad-quote 'record_id,centre\nab"c,d\n"unterminated,x\n'

set +e
"$OUT/fuzz_csv" -max_len=65536 -max_total_time="$SECONDS_TO_RUN" -timeout=30 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/" \
    ${FUZZ_ARGS:-} "$OUT/corpus"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
    echo "fuzz: FAILED (exit $rc); inputs in $OUT/artifacts/" >&2
    exit 1
fi
echo "fuzz: no crash in ${SECONDS_TO_RUN}s"
