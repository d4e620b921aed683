/* xlsxin.h — an Excel workbook (.xlsx, Office Open XML) as a row source (rowsrc.h).
 *
 * Promise:
 * - One sheet is read: the one named `sheet`, or when no sheet has that name and it is a
 *   number N, the N-th sheet (1-based); NULL = the first visible worksheet. A missing
 *   sheet is a JZ_EINPUT error listing the sheets there are.
 * - Streaming: the shared strings are read once (memory bounded by them and the styles),
 *   then the sheet's XML row by row; memory never grows with the number of rows. The
 *   first 32 non-blank rows are read ahead to learn the table's width: every row has as
 *   many fields as the widest of them (cells Excel leaves out are empty fields), more
 *   when a later row has a value further right.
 * - Values as the workbook stores them: text (shared or inline, rich text runs joined,
 *   phonetic guides dropped, _xHHHH_ escapes decoded), numbers as their stored decimal
 *   text ("1.5", "007" stays text when it is a text cell), booleans TRUE / FALSE,
 *   formulas as their cached values (never evaluated). A number cell whose format is a
 *   date or time (built-in formats 14-22, 27-36, 45-47, 50-58, or a custom format with
 *   y/m/d/h/s) becomes "YYYY-MM-DD", "HH:MM[:SS]" or "YYYY-MM-DD HH:MM[:SS]" (1900 or
 *   1904 date system as the workbook says). A cell holding an error value (#N/A, #REF!)
 *   keeps that text and is an error diagnostic ("cell-error") naming the cell.
 * - row->line is the sheet's row number; jz_rowsrc_where gives "Sheet1!C12".
 * - Refused with JZ_EINPUT and a message saying what to do: a zip that is not a workbook,
 *   a damaged zip or XML part, encrypted parts, Strict Open XML, a shared-string index out
 *   of range, and parts that would unpack beyond fixed bounds (zip bombs).
 * - Built with -DJZ_NO_XLSX (a port without libzip / expat; no shipped build, the Windows
 *   one included, is made so), opening a workbook is a JZ_EINPUT error saying this build
 *   reads no workbooks.
 * Ownership: as rowsrc.h (the returned source is closed with jz_rowsrc_close).
 */
#ifndef JZ_XLSXIN_H
#define JZ_XLSXIN_H

#include "jz/diag.h"
#include "jz/error.h"
#include "jz/rowsrc.h"

/* Open the workbook at path (a regular file; its first bytes are "PK\3\4"). */
jz_rowsrc *jz_xlsx_open(const char *path, const char *sheet, jz_diag *diag, jz_error *err);
/* The workbook held in `size` bytes at `data` (not copied: they stay unchanged until the
 * source is closed), read exactly as the same bytes in a file named `name` would be. */
jz_rowsrc *jz_xlsx_open_mem(const char *name, const void *data, size_t size, const char *sheet, jz_diag *diag,
                            jz_error *err);

#endif
