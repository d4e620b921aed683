#!/bin/sh
# deps-windows: set up this machine to cross-build and test the Windows tools.
# Installs MinGW-w64 (the cross compiler), Wine (to run the .exe files in the tests),
# dpkg-dev (apt-get source unpacks with dpkg-source), zip (the release archive), and adds
# deb-src entries for the Debian archive, so that scripts/win-deps.sh can fetch the C
# libraries' Debian source packages. Idempotent: a second run changes nothing.
# Root needed for the first run (apt-get); as for tests/deps.sh, sudo is used if present.
set -e
PKGS="gcc-mingw-w64-x86-64 mingw-w64-x86-64-dev wine wine64 dpkg-dev zip mandoc"
# perl: OpenSSL's Configure (scripts/win-deps.sh builds libcrypto with it).
PKGS="$PKGS perl"
# cmake: libzip's build (scripts/win-deps.sh runs its CMake for the MinGW target).
PKGS="$PKGS cmake"
SRCLIST=/etc/apt/sources.list.d/jiazong-deb-src.sources

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    SUDO="none"
fi
need() {
    if [ "$SUDO" = none ]; then
        echo "deps-windows: $1; run this script as root" >&2
        exit 1
    fi
}

# deb-src: the Debian archive's source packages, same release as the binary entries.
# Only if apt cannot already find the source of libcsv (the test for "entries present").
updated=""
if ! apt-cache showsrc libcsv 2>/dev/null | grep -q '^Version:'; then
    need "no deb-src entry for the Debian archive"
    if [ ! -f "$SRCLIST" ]; then
        codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
        [ -n "$codename" ] || { echo "deps-windows: cannot tell the Debian release" >&2; exit 1; }
        # the archive this machine already installs from: the URIs of the binary entry
        # for the release itself (deb822 .sources first, then a one-line sources.list)
        uri=$(awk -v c="$codename" 'BEGIN { RS = ""; FS = "\n" }
            { t = ""; u = ""; ok = 0
              for (i = 1; i <= NF; i++) {
                  if ($i ~ /^Types:/) t = $i
                  if ($i ~ /^URIs:/) { u = $i; sub(/^URIs:[ \t]*/, "", u); sub(/[ \t].*/, "", u) }
                  if ($i ~ /^Suites:/ && (" " $i " ") ~ (" " c " ")) ok = 1
              }
              if (t ~ /[ \t]deb([ \t]|$)/ && ok && u != "") { print u; exit } }' \
            /etc/apt/sources.list.d/*.sources 2>/dev/null)
        [ -n "$uri" ] || uri=$(awk -v c="$codename" '$1 == "deb" {
                for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) break
                if ($(i + 1) == c) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null)
        [ -n "$uri" ] || { echo "deps-windows: no apt entry for $codename to take the archive from" >&2; exit 1; }
        printf '%s\n' "# Added by jiazong tests/deps-windows.sh: source packages for the Windows build." \
            "Types: deb-src" "URIs: $uri" \
            "Suites: $codename $codename-updates" "Components: main" \
            "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" | $SUDO tee "$SRCLIST" >/dev/null
    fi
    $SUDO apt-get update -qq
    updated=1
fi

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    need "missing Debian packages:$missing"
    echo "deps-windows: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    [ -n "$updated" ] || $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
exit 0
