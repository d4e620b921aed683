#!/bin/sh
# check-windows: the golden cases (tests/golden.sh: tests/golden/*, tests/bad/*) against
# the Windows .exe files, run under Wine, compared with the same expected stdout, stderr
# and exit status as on Linux. Usage: sh tests/windows/check.sh [WIN]   (default build/win)
#
# How: WIN/wine/bin gets one shell wrapper per tool (jz-hours -> wine WIN/bin/jz-hours.exe),
# and tests/golden.sh runs with that folder first on PATH, so each case's command line is
# the Linux one. One wineserver is kept alive for the whole run (wineserver -p) in a
# prefix of its own under WIN (never $HOME); WINEDEBUG=-all keeps Wine quiet.
# No difference between Linux and Windows output is allowed or normalised: the tools
# print their names without ".exe" and write "\n" in binary mode (src/lib/base/os.c), so each
# case compares byte for byte (README "Windows" says so). Cases of what Windows does not
# have at all (FIFOs, /dev/stdin) are listed with the reason in tests/windows/skip and not
# run. Then a few cases that only
# Windows can get wrong: a Chinese file name, -o over an existing file, the unpacked zip,
# the GB18030 decoder, a path longer than 260 characters.
WIN=${1:-build/win}
ROOT=$(pwd)
[ -d "$WIN/bin" ] || { echo "check-windows: no $WIN/bin: run make windows" >&2; exit 2; }
command -v wine >/dev/null || { echo "check-windows: wine not found: run tests/deps-windows.sh" >&2; exit 2; }

WINEPREFIX="$ROOT/$WIN/wineprefix"
WINEDEBUG=-all
WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"   # no Mono/Gecko prompts, no menu entries
WINEARCH=win64
export WINEPREFIX WINEDEBUG WINEDLLOVERRIDES WINEARCH
mkdir -p "$WINEPREFIX"
start=$(date +%s)
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "check-windows: creating the Wine prefix $WIN/wineprefix (once)"
    wineboot -i >/dev/null 2>&1 </dev/null || true
fi
wineserver -p </dev/null >/dev/null 2>&1 || true   # fails only if one already serves this prefix
trap 'wineserver -k </dev/null >/dev/null 2>&1 || true' EXIT

wrap="$WIN/wine/bin"
rm -rf "$WIN/wine"
mkdir -p "$wrap"
for exe in "$WIN"/bin/*.exe; do
    name=$(basename "$exe" .exe)
    printf '#!/bin/sh\nexec wine "%s" "$@"\n' "$ROOT/$exe" >"$wrap/$name"
    chmod +x "$wrap/$name"
done
# The helpers that make some cases' inputs (BUILD/tests/mkxlsx writes workbooks) are
# Linux programs beside the Linux tools: they make test data, they are not under test.
mkdir -p "$WIN/wine/tests"
for h in "${JZ_LINUX_BUILD:-build}"/tests/mkxlsx; do
    [ -x "$h" ] && cp "$h" "$WIN/wine/tests/"
done

# The wrapped tools must be the ones that run: a case that found the Linux build instead
# would pass without testing Windows at all.
out=$(PATH="$ROOT/$wrap:$PATH" jz-hours --version | head -n 1)
case "$out" in "jz-hours (jiazong) "*) ;; *) echo "check-windows: jz-hours.exe under Wine printed: $out" >&2; exit 1 ;; esac

rc=0
sed -e '/^#/d' -e '/^$/d' -e 's/ .*//' tests/windows/skip >"$WIN/wine/skip"
JZ_GOLDEN_RETRY=Wine JZ_GOLDEN_SKIP="$ROOT/$WIN/wine/skip" sh tests/golden.sh "$WIN/wine" || rc=$?

# What only Windows can get wrong, each checked against the Linux-side expectation.
PATH="$ROOT/$wrap:$PATH"; export PATH
export LC_ALL=C.UTF-8 TZ=UTC
t=$(mktemp -d)
trap 'rm -rf "$t"; wineserver -k </dev/null >/dev/null 2>&1 || true' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "--- windows $1" >&2; }

# 1. A file name in Chinese given on the command line (wide argv -> UTF-8 -> _wfopen):
#    the same report as for the ASCII name, and the name printed back in UTF-8.
cp samples/records/HZ-NZ.csv "$t/南洲街.csv"
cp samples/records/HZ-NZ.csv "$t/nanzhou.csv"
jz-validate "$t/南洲街.csv" >"$t/zh.out" 2>&1; s1=$?
jz-validate "$t/nanzhou.csv" >"$t/en.out" 2>&1; s2=$?
sed "s/nanzhou\.csv/南洲街.csv/" "$t/en.out" >"$t/en-as-zh.out"
if [ $s1 = 0 ] && [ $s2 = 0 ] && cmp -s "$t/zh.out" "$t/en-as-zh.out" && grep -q "南洲街.csv: records, 15973 rows" "$t/zh.out"
then ok; else bad "a Chinese file name: status $s1, output:"; cat "$t/zh.out" >&2; fi

# 2. -o onto an existing file replaces it (MoveFileExW), in a folder with a Chinese name,
#    and leaves no temporary file; the workbook too (libxlsxwriter opens it itself).
mkdir "$t/报告"
echo old >"$t/报告/天数.csv"
jz-days --format csv -o "$t/报告/天数.csv" count 2024-01-01 2024-12-31; s=$?
jz-days --format csv count 2024-01-01 2024-12-31 >"$t/days.csv"
if [ $s = 0 ] && cmp -s "$t/报告/天数.csv" "$t/days.csv" && [ "$(ls "$t/报告")" = "天数.csv" ]
then ok; else bad "-o replacing an existing file: status $s, folder: $(ls "$t/报告")"; fi
jz-score -r rubrics/guangzhou-unified.yaml --contracts samples/contracts.csv --roster samples/roster.csv \
    --as-of 2024-06-30 -f json -o "$t/报告/结果.json" samples/records/HZ-NZ.csv 2>/dev/null
echo old >"$t/报告/区.xlsx"
jz-report -f xlsx -o "$t/报告/区.xlsx" "$t/报告/结果.json"; s=$?
if [ $s = 0 ] && python3 -m zipfile -l "$t/报告/区.xlsx" 2>/dev/null | grep -q 'xl/workbook.xml' &&
   [ "$(ls "$t/报告" | tr '\n' ' ')" = "区.xlsx 天数.csv 结果.json " ]
then ok; else bad "-o workbook with a Chinese name: status $s, folder: $(ls "$t/报告" | tr '\n' ' ')"; fi

# 3. The release zip: unpacked elsewhere, the tools find the shipped calendar and rules
#    beside the .exe files (run from a folder with no rubrics/ in reach).
mkdir "$t/unzip" "$t/elsewhere"
(cd "$t/unzip" && python3 -m zipfile -e "$ROOT/$WIN/jiazong-"*"-win64.zip" .)
pkg=$(ls -d "$t/unzip"/jiazong-*-win64)
expected=$(cat tests/golden/days-count-2024/stdout 2>/dev/null || jz-days count 2024-01-01 2024-12-31)
got=$(cd "$t/elsewhere" && env -u JIAZONG_DATADIR wine "$pkg/jz-days.exe" count 2024-01-01 2024-12-31 2>&1)
if [ "$got" = "$expected" ] && [ -f "$pkg/doc/jz-hours.1.html" ] && [ -f "$pkg/rubrics/guangzhou-unified.yaml" ] &&
   [ -f "$pkg/licenses/openssl-LICENSE.txt" ]
then ok; else bad "the unpacked zip: jz-days printed: $got"; fi
# every library the .exe files link statically (Makefile WIN_LIBS, -l of a built library)
# has its licence in the zip, listed in licenses/README.txt
missing=
for l in $(sed -n 's/^WIN_LIBS *:= *//p' "$ROOT/Makefile"); do
    case $l in -lcsv) n=libcsv ;; -lxlsxwriter) n=libxlsxwriter ;; -lyaml) n=libyaml ;; -lz) n=zlib ;;
               -lcrypto) n=openssl ;; -lzip) n=libzip ;; -lexpat) n=expat ;; -lfreexl) n=freexl ;; *) continue ;; esac
    ls "$pkg/licenses/$n-"* >/dev/null 2>&1 && grep -q "^$n " "$pkg/licenses/README.txt" || missing="$missing $n"
done
if [ -z "$missing" ]; then ok; else bad "the unpacked zip lacks the licence of:$missing"; fi
expected=$(jz-hours --contracts samples/contracts.csv --roster samples/roster.csv --as-of 2024-06-30 \
           samples/records/HZ-NZ.csv 2>&1)
got=$(cd "$pkg/samples" && env -u JIAZONG_DATADIR wine "$pkg/jz-hours.exe" --contracts contracts.csv \
      --roster roster.csv --as-of 2024-06-30 records\\HZ-NZ.csv 2>&1)
if [ "$got" = "$expected" ] && echo "$got" | grep -q '^  ok     service_hours'
then ok; else bad "the unpacked zip, a Windows path (records\\HZ-NZ.csv): jz-hours printed: $got"; fi

# 4. The Windows iconv (GB18030 -> UTF-8) against glibc's, on every 2- and 4-byte
#    sequence one by one (86,946 of them, errors included): the same listing.
wine "$ROOT/$WIN/bin/test/gb18030-all.exe" >"$t/gb-win.txt" 2>&1
if cmp -s "$WIN/gen/gb18030-glibc.txt" "$t/gb-win.txt"
then ok; else bad "GB18030: the Windows iconv differs from glibc's:"; diff "$WIN/gen/gb18030-glibc.txt" "$t/gb-win.txt" | head >&2; fi

# 5. A folder deeper than Windows' classic 260-character limit (MAX_PATH): read a file
#    there and write -o there. os.c gives the wide calls such paths as \\?\ paths; Wine
#    has no such limit, so this shows that the \\?\ form os.c makes works (a wrong one
#    fails here), not the limit itself.
deep="$t"
for i in 1 2 3 4 5 6; do deep="$deep/folder-$i-with-a-long-name-to-pass-the-windows-path-limit"; done
mkdir -p "$deep"
cp samples/contracts.csv "$deep/contracts.csv"
jz-validate "$deep/contracts.csv" >"$t/deep.out" 2>&1; s1=$?
jz-days --format csv -o "$deep/days.csv" count 2024-01-01 2024-12-31; s2=$?
if [ ${#deep} -gt 300 ] && [ $s1 = 0 ] && [ $s2 = 0 ] && cmp -s "$deep/days.csv" "$t/days.csv" &&
   grep -q "contracts.csv: contracts, 5 rows" "$t/deep.out"
then ok; else bad "a path of ${#deep} characters: status $s1 $s2:"; cat "$t/deep.out" >&2; fi

echo "windows: $pass passed, $fail failed"
[ $fail = 0 ] || rc=1
echo "check-windows: $(($(date +%s) - start)) s under Wine"
exit $rc
