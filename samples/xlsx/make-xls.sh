#!/bin/sh
# make-xls.sh [BUILD]: the .xls fixtures of the golden cases, as LibreOffice saves them
# ("MS Excel 97" filter: BIFF8 in an OLE file, what old Excel and WPS write). Run from the
# top of the repository after `make` (BUILD/tests/mkxlsx) with LibreOffice installed
# (Debian: apt-get install --no-install-recommends libreoffice-calc-nogui); the files are
# committed, so the tests need neither. Made with LibreOffice 7.4 (Debian 12).
#   roster.xls          samples/xlsx/roster.xlsx (made by make.py: the roster on sheet
#                       名册, a second sheet 其他), saved as .xls
#   records-title.xls   tests/golden/title-rows-csv/records.csv (two title rows, a bad
#                       date, a bad kind) through mkxlsx --typed (dates and times as date
#                       and time cells, hours as numbers), saved as .xls
#   formulas.xls        formulas.fods (a number, formulas =2*3, =1/0, =#REF!, a text
#                       formula, a boolean, an empty cell; LibreOffice computes the
#                       formulas on loading it), saved as .xls; and formulas.xlsx, the
#                       same saved as .xlsx: test_xlsxin shows what each reader makes of
#                       the cached values (libfreexl 1.0.6 reads no formula; xlsbiff.c
#                       does)
#   records-formulas.xls and .xlsx: records-formulas.fods (made by make-formulas.py
#                       with records-formulas.csv: five records computed by formulas),
#                       saved both ways
set -eu
BUILD=${1:-build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jz-xls.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$BUILD/tests/mkxlsx" "$tmp/records-title.xlsx" --typed tests/golden/title-rows-csv/records.csv
python3 samples/xlsx/make-formulas.py
cp samples/xlsx/roster.xlsx samples/xlsx/formulas.fods samples/xlsx/records-formulas.fods "$tmp/"
# HOME: LibreOffice writes its profile there; a fresh one, not the user's
HOME=$tmp/home soffice --headless --convert-to xls --outdir "$tmp/out" "$tmp/roster.xlsx" "$tmp/records-title.xlsx" \
    "$tmp/formulas.fods" "$tmp/records-formulas.fods" >/dev/null
HOME=$tmp/home soffice --headless --convert-to xlsx --outdir "$tmp/out" "$tmp/formulas.fods" "$tmp/records-formulas.fods" >/dev/null
cp "$tmp/out/roster.xls" "$tmp/out/records-title.xls" "$tmp/out/formulas.xls" "$tmp/out/formulas.xlsx" \
    "$tmp/out/records-formulas.xls" "$tmp/out/records-formulas.xlsx" samples/xlsx/
ls -l samples/xlsx/roster.xls samples/xlsx/records-title.xls samples/xlsx/formulas.xls samples/xlsx/formulas.xlsx \
    samples/xlsx/records-formulas.xls samples/xlsx/records-formulas.xlsx
