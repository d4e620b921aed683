#!/bin/sh
# deps: install the Debian packages jiazong needs to build and test, if missing.
# As root: apt-get; otherwise sudo if available; otherwise print the command and stop.
# Extra packages can be named in $JZ_EXTRA_DEPS (make bench adds miller, sqlite3).
# python3-openpyxl reads the workbooks back; chromium and fonts-noto-cjk render the HTML
# report (with Chinese glyphs) to PNG and PDF in the tests.
PKGS="gcc make libc6-dev pkg-config libcsv-dev libyaml-dev libxlsxwriter-dev libcmocka-dev mandoc python3
      python3-openpyxl chromium fonts-noto-cjk $JZ_EXTRA_DEPS"
# man-db: make lint-man reads every page with man -l, which must print no troff warning.
PKGS="$PKGS man-db"
# gettext: xgettext and msgfmt build and check the Chinese message catalogue (po/).
PKGS="$PKGS gettext"
# libzip-dev, libexpat1-dev: .xlsx workbooks read as row sources (src/lib/input/xlsxin.c:
# libzip unpacks the zip, expat streams the sheet XML row by row).
PKGS="$PKGS libzip-dev libexpat1-dev"
# libfreexl-dev: Excel 97-2003 workbooks (.xls, as old Excel and WPS save them) read as
# row sources (src/lib/input/xlsin.c, the one file that uses it).
PKGS="$PKGS libfreexl-dev"
# libssl-dev: OpenSSL's libcrypto computes SHA-256 (input and rubric digests, the draw's
# seed) and the ChaCha20 keystream of jz-sample (src/lib/base/sha256.c), instead of
# hand-written code: a maintained library, with the CPU's SHA instructions.
PKGS="$PKGS libssl-dev"
# The Windows build that make check tests under Wine: MinGW-w64, Wine, deb-src entries
# (tests/deps-windows.sh, idempotent). make check sets JZ_WINDOWS=1; make demo does not.
if [ -n "$JZ_WINDOWS" ] && [ -z "$JZ_SKIP_WINDOWS" ]; then
    sh "$(dirname "$0")/deps-windows.sh" || exit 1
fi
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "deps: missing Debian packages. Run, as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || exit 1
$SUDO apt-get install -y -qq --no-install-recommends $missing || exit 1
