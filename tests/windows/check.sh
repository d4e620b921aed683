#!/bin/sh
# check-windows: the golden cases (tests/golden.sh: tests/golden/*, tests/bad/*) against
# the Windows .exe files, run under Wine, compared with the same expected stdout, stderr
# and exit status as on Linux. Usage: sh tests/windows/check.sh [WIN]   (default build/win)
#
# How: WIN/wine/bin gets one shell wrapper per tool (jz-hours -> wine WIN/bin/jz-hours.exe),
# and tests/golden.sh runs with that folder first on PATH, so each case's command line is
# the Linux one. One wineserver is kept alive for the whole run (wineserver -p) in a
# prefix of its own under WIN (never $HOME); WINEDEBUG=-all keeps Wine quiet.
# Differences allowed between Linux and Windows output: see JZ_GOLDEN_FILTER below; each
# is listed, with its reason, in README "Windows".
set -e
WIN=${1:-build/win}
ROOT=$(pwd)
[ -d "$WIN/bin" ] || { echo "check-windows: no $WIN/bin: run make windows" >&2; exit 2; }
command -v wine >/dev/null || { echo "check-windows: wine not found: run tests/deps-windows.sh" >&2; exit 2; }

WINEPREFIX="$ROOT/$WIN/wineprefix"
WINEDEBUG=-all
WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono or Gecko installer prompts in a new prefix
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

# The wrapped tools must be the ones that run: a case that found the Linux build instead
# would pass without testing Windows at all.
out=$(PATH="$ROOT/$wrap:$PATH" jz-hours --version | head -n 1)
case "$out" in "jz-hours (jiazong) "*) ;; *) echo "check-windows: jz-hours.exe under Wine printed: $out" >&2; exit 1 ;; esac

rc=0
sh tests/golden.sh "$WIN/wine" || rc=$?
echo "check-windows: $(($(date +%s) - start)) s under Wine"
exit $rc
