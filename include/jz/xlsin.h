/* xlsin.h — an Excel 97-2003 workbook (.xls, BIFF8 in an OLE compound file, as old Excel
 * and WPS save it) as a row source (rowsrc.h), read through libfreexl.
 *
 * Promise:
 * - One sheet is read, chosen as in xlsxin.h: the one named `sheet`, or when no sheet
 *   has that name and it is a number N, the N-th (1-based); NULL = the first. A missing
 *   sheet is a JZ_EINPUT error listing the sheets there are.
 * - libfreexl runs in a child process (it has read past a stack buffer on a damaged
 *   workbook): it loads the sheet there (an .xls holds at most 65536 rows of 256
 *   columns; the child may use 2 GiB) and hands the rows over a pipe as they are read.
 *   A child that dies is a damaged workbook (JZ_EINPUT), never a crash of the tool.
 * - Values as the workbook stores them, in the forms xlsxin.h gives: text as text
 *   ("007" stays text), numbers as the shortest decimal that is the stored double
 *   ("1.5", not "1.4999999"), a cell whose format is a date or time "YYYY-MM-DD",
 *   "HH:MM[:SS]" or "YYYY-MM-DD HH:MM[:SS]" (seconds only when not zero). Every row has
 *   as many fields as the sheet is wide.
 * - Formulas as their cached values, as xlsxin.h (never evaluated): libfreexl 1.0.6
 *   reads no FORMULA record and reads a BOOLERR error as the number 1, so the child also
 *   reads the file with xlsbiff.h, whose values fill the cells libfreexl left empty (a
 *   number, a date or time by the cell's format, a text, TRUE/FALSE) and replace its
 *   reading of a typed boolean or error (BOOLERR: TRUE, FALSE, "#N/A", as xlsxin.h). A cell holding an error value (#REF!, a formula's or
 *   typed in) is its text ("#REF!") and a JZ_ERROR "cell-error" diagnostic on diag, in
 *   xlsxin.c's words, before its row is returned. A workbook xlsbiff.h refuses keeps
 *   libfreexl's cells (formula cells empty). test_xlsxin shows it on
 *   samples/xlsx/formulas.xls and records-formulas.xls.
 * - row->line is the sheet's row number (blank rows skipped, counted); jz_rowsrc_where
 *   gives "Sheet1!C12".
 * - Refused with JZ_EINPUT and a message saying what to do: a damaged file, an OLE file
 *   that holds no BIFF8 workbook (an encrypted .xlsx, a Word file), a password, and a
 *   workbook libfreexl takes for crafted.
 * - Built with -DJZ_NO_XLS (no libfreexl: the Windows build), opening an .xls is a
 *   JZ_EINPUT error saying to save it as .xlsx or CSV.
 * Ownership: as rowsrc.h (the returned source is closed with jz_rowsrc_close).
 */
#ifndef JZ_XLSIN_H
#define JZ_XLSIN_H

#include "jz/diag.h"
#include "jz/error.h"
#include "jz/rowsrc.h"

/* Open the workbook at path (a regular file; its first bytes are the OLE signature). */
jz_rowsrc *jz_xls_open(const char *path, const char *sheet, jz_diag *diag, jz_error *err);

/* For tests (the fuzzer): fn is called first thing in the child process that runs
 * libfreexl (its standard error already goes nowhere). NULL: nothing. */
void jz_xls_set_child_start(void (*fn)(void));

#endif
