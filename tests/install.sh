#!/bin/sh
# install.sh BUILD: `make install` into a scratch DESTDIR puts the tools, the man pages (the
# translations under share/man/LANG/manN), the rubrics and the message catalogues where they
# belong, man finds the Chinese page there, and `make uninstall` takes every file away again.
BUILD=${1:-build}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
prefix=/usr/local
dest=$tmp/root
share=$dest$prefix/share
fail=0
no() { echo "install: $*" >&2; fail=1; }

make --no-print-directory -s BUILD="$BUILD" DESTDIR="$dest" install >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; no "make install failed"; exit 1; }
for t in "$BUILD"/bin/*; do [ -x "$dest$prefix/bin/${t##*/}" ] || no "bin/${t##*/} not installed"; done
n=0
for m in man/*.[157] man/*/*.[157]; do
    [ -f "$m" ] || continue
    s=${m##*.}; b=${m##*/}; d=${m%/*}; l=${d#man}; l=${l#/}
    f=$share/man/${l:+$l/}man$s/$b
    if cmp -s "$m" "$f"; then n=$((n + 1)); else no "$m is not installed as ${f#$dest}"; fi
done
[ -f "$share/locale/zh_CN/LC_MESSAGES/jiazong.mo" ] || no "share/locale/zh_CN/LC_MESSAGES/jiazong.mo not installed"
[ -f "$share/jiazong/guangzhou-unified.yaml" ] || no "share/jiazong/guangzhou-unified.yaml not installed"
# what a reader types (README): with the tools on PATH, man finds PREFIX/share/man beside
# them (man-db maps DIR/bin to DIR/share/man) and -L zh_CN its zh_CN subfolder; or MANPATH
if [ -f man/zh_CN/jz-score.1 ]; then
    for how in path manpath; do
        if [ $how = path ]; then
            out=$(unset MANPATH; PATH="$dest$prefix/bin:$PATH" LC_ALL=C.UTF-8 MANWIDTH=80 man -L zh_CN jz-score 2>&1)
        else
            out=$(MANPATH="$share/man" LC_ALL=C.UTF-8 MANWIDTH=80 man -L zh_CN jz-score 2>&1)
        fi
        case $out in *"描述"*"选项"*) ;; *) no "man -L zh_CN jz-score ($how) does not show the Chinese page: $(printf '%s\n' "$out" | sed -n 4p)" ;; esac
    done
fi

make --no-print-directory -s BUILD="$BUILD" DESTDIR="$dest" uninstall >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; no "make uninstall failed"; }
left=$(find "$dest" -type f | sed "s|^$dest||")
[ -z "$left" ] || no "files left after make uninstall: $left"
[ $fail = 0 ] && echo "install: $n man pages, tools, rubrics and catalogues installed and uninstalled"
exit $fail
