#!/bin/sh
# win-deps: build the C libraries the Windows tools link (zlib, libcsv, libyaml,
# libxlsxwriter, OpenSSL's libcrypto, expat, libzip) for x86_64-w64-mingw32, from their Debian source
# packages, into build/win/deps/{include,lib}. Nothing is vendored into the repository: each source
# package is fetched with `apt-get source` (needs deb-src entries: tests/deps-windows.sh
# adds them) into build/win/src and compiled with the MinGW-w64 cross compiler.
#
# Usage: sh scripts/win-deps.sh [OUTDIR]      (OUTDIR defaults to build/win)
# Cached: a library whose stamp (build/win/deps/stamp/NAME, holding the Debian source
# version) matches the version apt offers now is not rebuilt. Delete the stamp to force.
#
# Each library is compiled from its own file list instead of its upstream build system:
# the Debian sources ship no configure for libyaml (only configure.ac), zlib's dfsg
# source has no win32/ makefile, and a direct list is quicker on two cores. The defines
# are the ones the upstream CMake files set for a static MinGW build. OpenSSL and libzip
# are the exceptions (their own Configure and CMake: see their blocks).
set -e
OUT=${1:-build/win}
CROSS=${CROSS:-x86_64-w64-mingw32}
CC="$CROSS-gcc"
AR="$CROSS-ar"
mkdir -p "$OUT/src" "$OUT/deps/include" "$OUT/deps/lib" "$OUT/deps/stamp"
OUT=$(cd "$OUT" && pwd)
SRC=$OUT/src
DEPS=$OUT/deps
CFLAGS="-O2 -g0 -w"
command -v "$CC" >/dev/null || { echo "win-deps: $CC not found: run tests/deps-windows.sh" >&2; exit 4; }

# version NAME: the source version apt would fetch now.
version() {
    apt-cache showsrc "$1" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1
}

# fetch NAME: unpack the Debian source package NAME under $SRC; prints its directory.
fetch() {
    v=$(version "$1")
    [ -n "$v" ] || { echo "win-deps: no source package $1: are deb-src entries set? (tests/deps-windows.sh)" >&2; exit 4; }
    upstream=${v#*:}
    upstream=${upstream%-*}
    dir="$SRC/$1-$upstream"
    if [ ! -d "$dir" ]; then
        (cd "$SRC" && apt-get source -qq "$1=$v" >/dev/null 2>"$SRC/$1.log") ||
            { cat "$SRC/$1.log" >&2; echo "win-deps: apt-get source $1 failed" >&2; exit 4; }
    fi
    [ -d "$dir" ] || { echo "win-deps: $dir missing after apt-get source $1" >&2; exit 4; }
    echo "$dir"
}

# RECIPE: bump when the way a library is built here changes, so that caches rebuild.
RECIPE=4

# fresh NAME: true if NAME is already built, by this recipe, from the version apt offers now.
fresh() {
    [ -f "$DEPS/stamp/$1" ] && [ "$(cat "$DEPS/stamp/$1")" = "$(version "$1") recipe $RECIPE" ] &&
        [ -f "$DEPS/lib/$2" ]
}

# build LIB DIR FLAGS FILES...: compile FILES (relative to DIR) into $DEPS/lib/LIB.
build() {
    lib=$1 dir=$2 flags=$3
    shift 3
    obj="$SRC/obj-${lib%.a}"
    rm -rf "$obj"
    mkdir -p "$obj"
    for f in "$@"; do
        o="$obj/$(echo "$f" | tr / _).o"
        # shellcheck disable=SC2086
        (cd "$dir" && $CC $CFLAGS $flags -c -o "$o" "$f") || exit 4
    done
    rm -f "$DEPS/lib/$lib"
    $AR rcs "$DEPS/lib/$lib" "$obj"/*.o
}

done_with() {
    echo "$(version "$1") recipe $RECIPE" >"$DEPS/stamp/$1"
    echo "win-deps: $1 $(version "$1") -> $DEPS/lib/$2"
}

# zlib (needed by libxlsxwriter's minizip).
if ! fresh zlib libz.a; then
    d=$(fetch zlib)
    build libz.a "$d" "" adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c \
        gzwrite.c infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c
    cp "$d/zlib.h" "$d/zconf.h" "$DEPS/include/"
    done_with zlib libz.a
fi

# libcsv: one file.
if ! fresh libcsv libcsv.a; then
    d=$(fetch libcsv)
    build libcsv.a "$d" "" libcsv.c
    cp "$d/csv.h" "$DEPS/include/"
    done_with libcsv libcsv.a
fi

# libyaml: the version macros its CMakeLists.txt defines; YAML_DECLARE_STATIC so yaml.h
# declares no dllimport (jiazong's Windows build defines it too).
if ! fresh libyaml libyaml.a; then
    d=$(fetch libyaml)
    vs=$(sed -n 's/^set (YAML_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\))/\2/p' "$d/CMakeLists.txt" | tr '\n' ' ')
    set -- $vs
    [ $# = 3 ] || { echo "win-deps: cannot read libyaml's version from CMakeLists.txt" >&2; exit 4; }
    build libyaml.a "$d" "-Iinclude -DYAML_DECLARE_STATIC -DYAML_VERSION_MAJOR=$1 -DYAML_VERSION_MINOR=$2 \
        -DYAML_VERSION_PATCH=$3 -DYAML_VERSION_STRING=\"$1.$2.$3\"" \
        src/api.c src/dumper.c src/emitter.c src/loader.c src/parser.c src/reader.c src/scanner.c src/writer.c
    cp "$d/include/yaml.h" "$DEPS/include/"
    done_with libyaml libyaml.a
fi

# libxlsxwriter with its own minizip, tmpfileplus and md5 from third_party/ (Debian's
# Linux build links the system minizip and OpenSSL's md5 instead; neither exists for
# MinGW here). USE_FILE32API as its CMakeLists.txt sets for a static MinGW build.
# Under MinGW it opens the workbook with the narrow fopen (the system code page), so a
# UTF-8 name such as 报告.xlsx would be written under a garbled name: its fopen is mapped
# to jiazong's jz_os_fopen (src/lib/base/os.c: UTF-8 -> _wfopen, other names in the code page
# as before), which every jiazong .exe links. Its md5.c defines MD5_Init/Update/Final,
# as OpenSSL's libcrypto does: they are renamed lxw_MD5_* here, so both link side by side.
if ! fresh libxlsxwriter libxlsxwriter.a; then
    d=$(fetch libxlsxwriter)
    srcs=$(cd "$d" && ls src/*.c)
    printf '%s\n' '/* written by jiazong scripts/win-deps.sh */' '#include <stdio.h>' \
        'FILE *jz_os_fopen(const char *path, const char *mode);' '#undef fopen' '#define fopen jz_os_fopen' \
        >"$SRC/utf8-fopen.h"
    # shellcheck disable=SC2086
    build libxlsxwriter.a "$d" "-Iinclude -I$DEPS/include -DUSE_FILE32API -DNOCRYPT -DNOUNCRYPT -include $SRC/utf8-fopen.h \
        -DMD5_Init=lxw_MD5_Init -DMD5_Update=lxw_MD5_Update -DMD5_Final=lxw_MD5_Final" $srcs \
        third_party/minizip/ioapi.c third_party/minizip/zip.c third_party/minizip/iowin32.c \
        third_party/tmpfileplus/tmpfileplus.c third_party/md5/md5.c
    rm -rf "$DEPS/include/xlsxwriter" "$DEPS/include/xlsxwriter.h"
    cp -R "$d/include/xlsxwriter" "$d/include/xlsxwriter.h" "$DEPS/include/"
    done_with libxlsxwriter libxlsxwriter.a
fi

# OpenSSL's libcrypto (SHA-256 and ChaCha20: src/lib/base/sha256.c), from the openssl
# source package. Unlike the libraries above it goes through its own Configure (perl):
# its generated headers and the provider tables come from there, and a hand list would
# break with every OpenSSL release. Only libcrypto.a is built (no libssl, no apps, no
# tests), static, without assembler, and without what jiazong never calls (engines,
# modules, legacy and other ciphers, TLS extras): about a minute on two cores.
if ! fresh openssl libcrypto.a; then
    d=$(fetch openssl)
    ob="$SRC/obj-openssl"
    rm -rf "$ob"
    mkdir -p "$ob"
    (cd "$ob" && perl "$d/Configure" mingw64 --cross-compile-prefix="$CROSS-" no-shared no-asm \
        no-module no-legacy no-engine no-dso no-tests no-ui-console no-autoload-config no-ssl3 \
        no-comp no-ct no-ocsp no-cms no-ts no-srp no-srtp no-aria no-bf no-camellia no-cast \
        no-des no-dsa no-dh no-ec no-sm2 no-sm3 no-sm4 no-idea no-md4 no-mdc2 no-rc2 no-rc4 \
        no-rc5 no-rmd160 no-seed no-siphash no-whirlpool no-blake2 no-scrypt no-ocb no-siv \
        no-cmac no-rfc3779 no-multiblock no-dtls >"$ob/configure.log" 2>&1) ||
        { tail -n 20 "$ob/configure.log" >&2; echo "win-deps: OpenSSL Configure failed" >&2; exit 4; }
    jobs=$(nproc 2>/dev/null || echo 2)
    (cd "$ob" && make -j"$jobs" build_generated libcrypto.a >"$ob/make.log" 2>&1) ||
        { tail -n 20 "$ob/make.log" >&2; echo "win-deps: OpenSSL libcrypto build failed" >&2; exit 4; }
    rm -rf "$DEPS/include/openssl"
    mkdir -p "$DEPS/include/openssl"
    cp "$d"/include/openssl/*.h "$ob"/include/openssl/*.h "$DEPS/include/openssl/"
    cp "$ob/libcrypto.a" "$DEPS/lib/libcrypto.a"
    # Apache License 2.0: a copy goes with the binaries (the Makefile puts licenses/ in the zip)
    mkdir -p "$DEPS/licenses"
    cp "$d/LICENSE.txt" "$DEPS/licenses/openssl-LICENSE.txt"
    done_with openssl libcrypto.a
fi

# expat (the .xlsx reader streams a sheet's XML through it: src/lib/input/xlsxin.c): its
# three files, with the expat_config.h its configure would write for a little-endian
# Windows target. XML_DTD and XML_NS as Debian builds it (Debian's CVE patches test
# `#if XML_DTD == 1`, so it is defined as 1); XML_STATIC so expat.h declares no
# dllimport (jiazong's Windows build defines it too). Entropy for its hash salt comes
# from rand_s on Windows (xmlparse.c's _WIN32 path), so no getrandom is needed.
if ! fresh expat libexpat.a; then
    d=$(fetch expat)
    mkdir -p "$SRC/expat-config"
    printf '%s\n' '/* written by jiazong scripts/win-deps.sh */' '#define BYTEORDER 1234' \
        '#define XML_CONTEXT_BYTES 1024' '#define XML_DTD 1' '#define XML_NS 1' '#define HAVE_MEMMOVE 1' \
        >"$SRC/expat-config/expat_config.h"
    build libexpat.a "$d/expat/lib" "-I$SRC/expat-config -I. -DXML_STATIC" xmlparse.c xmlrole.c xmltok.c
    cp "$d/expat/lib/expat.h" "$d/expat/lib/expat_external.h" "$DEPS/include/"
    done_with expat libexpat.a
fi

# libzip (the .xlsx reader unpacks the workbook with it) through its own CMake, like
# OpenSSL through its Configure: its config.h and zipconf.h come from CMake's checks of
# the target, and its Windows file and random-number sources are chosen there. Static,
# with the zlib above; no bzip2, lzma, zstd or encryption (a workbook is deflated, and an
# encrypted one is refused before libzip sees it), no tools, tests or documentation.
if ! fresh libzip libzip.a; then
    command -v cmake >/dev/null || { echo "win-deps: cmake not found: run tests/deps-windows.sh" >&2; exit 4; }
    d=$(fetch libzip)
    ob="$SRC/obj-libzip"
    rm -rf "$ob"
    mkdir -p "$ob"
    (cd "$ob" && cmake -S "$d" -B . -DCMAKE_SYSTEM_NAME=Windows -DCMAKE_C_COMPILER="$CC" \
        -DCMAKE_RC_COMPILER="$CROSS-windres" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
        -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DENABLE_OPENSSL=OFF -DENABLE_GNUTLS=OFF \
        -DENABLE_MBEDTLS=OFF -DENABLE_COMMONCRYPTO=OFF -DENABLE_WINDOWS_CRYPTO=OFF -DBUILD_TOOLS=OFF \
        -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF -DZLIB_LIBRARY="$DEPS/lib/libz.a" \
        -DZLIB_INCLUDE_DIR="$DEPS/include" -DCMAKE_FIND_ROOT_PATH="$DEPS" -DCMAKE_INSTALL_PREFIX="$ob/inst" \
        >"$ob/configure.log" 2>&1) ||
        { tail -n 20 "$ob/configure.log" >&2; echo "win-deps: libzip's CMake failed" >&2; exit 4; }
    jobs=$(nproc 2>/dev/null || echo 2)
    (cd "$ob" && make -j"$jobs" install >"$ob/make.log" 2>&1) ||
        { tail -n 20 "$ob/make.log" >&2; echo "win-deps: libzip build failed" >&2; exit 4; }
    cp "$ob/inst/include/zip.h" "$ob/inst/include/zipconf.h" "$DEPS/include/"
    cp "$ob/inst/lib/libzip.a" "$DEPS/lib/libzip.a"
    done_with libzip libzip.a
fi

# The licences of what the .exe files contain, into licenses/ (the Makefile puts it in the
# zip), with README.txt naming each library, its Debian source version and its licence.
# libcsv is LGPL-2.1: a program linked with it statically must ship its licence and let
# the user relink it with a changed libcsv, so README.txt says where both sources are.
# license NAME LICENCE FILE: copy NAME's FILE (a path in its Debian source) as NAME-BASENAME.
license() {
    d=$(fetch "$1")
    [ -f "$d/$3" ] || { echo "win-deps: $1 has no $3 to ship" >&2; exit 4; }
    cp "$d/$3" "$DEPS/licenses/$1-${3##*/}"
    printf '%-14s %-28s %-20s %s\n' "$1" "$(version "$1")" "$2" "$1-${3##*/}" >>"$DEPS/licenses/README.txt.tmp"
}
mkdir -p "$DEPS/licenses"
{
    echo "The jiazong .exe files are statically linked with these libraries, each built from its"
    echo "Debian source package (apt-get source NAME=VERSION) by scripts/win-deps.sh of the"
    echo "jiazong source tree. To relink with a changed library (LGPL-2.1, libcsv): build"
    echo "jiazong from its source with 'make windows' after replacing that library in build/win/deps."
    echo
    printf '%-14s %-28s %-20s %s\n' library version licence file
} >"$DEPS/licenses/README.txt.tmp"
license zlib Zlib LICENSE
license libcsv LGPL-2.1-or-later COPYING.LESSER
license libyaml MIT License
license libxlsxwriter BSD-2-Clause License.txt
license openssl Apache-2.0 LICENSE.txt
license expat MIT expat/COPYING
license libzip BSD-3-Clause LICENSE
mv "$DEPS/licenses/README.txt.tmp" "$DEPS/licenses/README.txt"
