/* emit.h — the cell writers every CSV and JSON output shares (base layer).
 *
 * Promise: one JSON string writer and one CSV field writer, so every file any tool writes
 * escapes and guards text the same way; they write onto the caller's FILE * and report
 * nothing (the caller checks ferror). No allocation.
 */
#ifndef JZ_EMIT_H
#define JZ_EMIT_H

#include <stdbool.h>
#include <stdio.h>

/* Write s as a JSON string literal (with quotes). */
void jz_json_string(FILE *fp, const char *s);

/* Write s as a CSV field: the one cell writer of every CSV any tool writes. Quoted when
 * it holds a comma, quote, CR or LF (quotes doubled). A cell a spreadsheet would run as a
 * formula or a command (CSV injection) is neutralised with a leading apostrophe: one that
 * starts with '=', '+', '-', '@', TAB or CR, unless the whole cell is a plain decimal
 * number ("-3.5", "+2", which a spreadsheet reads as that number). Numbers a writer knows
 * are numbers it prints itself (fprintf) and they are never changed. */
void jz_csv_field(FILE *fp, const char *s);

/* s as HTML text or attribute value: &, <, >, " and ' become entities; all else is
 * copied. NULL writes nothing. */
void jz_html_text(FILE *fp, const char *s);

/* Whether jz_csv_field would neutralise s. */
bool jz_csv_formula_like(const char *s);

/* s without the apostrophe jz_csv_field added (for readers of our own CSV files:
 * "'=x" gives "=x"); any other s unchanged. */
const char *jz_csv_unguard(const char *s);

#endif
