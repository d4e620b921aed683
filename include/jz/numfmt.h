/* numfmt.h — what a spreadsheet's number format says of a number: a date, a time, a date
 * and time, or none; and a serial day number as the ISO text the workbook readers give.
 * Shared by the .xlsx reader (xlsxin.c) and the .xls formula reader (xlsbiff.c), so both
 * decide date-ness and write dates the same way.
 *
 * Promise:
 * - jz_numfmt_builtin_kind: the kind of a built-in format id (14-17 dates, 18-21 times, 22
 *   date and time, and the East Asian ids 27-36, 45-47, 50-58), JZ_NUMFMT_NONE for others.
 * - jz_numfmt_code_kind: the kind of a format code ("yyyy-mm-dd", "[h]:mm"): its first
 *   section's letters outside quotes, escapes and [...] ([h] [m] [s] are time).
 * - jz_numfmt_serial_text: v, a serial number in plain decimal text ("45356.5"), as
 *   "YYYY-MM-DD", "HH:MM[:SS]" or "YYYY-MM-DD HH:MM[:SS]" by kind (1900 or 1904 date
 *   system; Excel's 1900-02-29 and anything not a plain serial: false, out untouched).
 */
#ifndef JZ_NUMFMT_H
#define JZ_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

enum { JZ_NUMFMT_NONE = 0, JZ_NUMFMT_DATE, JZ_NUMFMT_TIME, JZ_NUMFMT_DATETIME };

int jz_numfmt_builtin_kind(long id);
int jz_numfmt_code_kind(const char *code);
bool jz_numfmt_serial_text(const char *v, int kind, bool d1904, char *out, size_t cap);

#endif
