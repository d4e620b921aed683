/* xlsbiff.h — the cached values of an .xls sheet's formula cells (and its error and
 * boolean constants), read by our own bounds-checked reader: libfreexl 1.0.6 (xlsin.c)
 * reads every FORMULA record as an empty cell and a BOOLERR error as the number 1.
 *
 * Promise:
 * - jz_biff_read takes the whole file in memory: an OLE compound file ([MS-CFB]: the
 *   header, its DIFAT and the DIFAT sectors chained after it, the FAT, the directory,
 *   and for a stream under the cutoff the mini FAT and the mini stream), finds its
 *   "Workbook" stream ("Book" if none), and walks its BIFF8 records ([MS-XLS]): the
 *   globals (BOUNDSHEET, FORMAT, XF, DATEMODE), then the chosen sheet's substream.
 * - The sheet: the BOUNDSHEET named `name` (UTF-8), else the index-th (0-based).
 * - One jz_biff_cell per FORMULA record with a cached value, and per BOOLERR record:
 *     a number: the shortest decimal that is the double ("6", "1.5"), or, when the
 *       cell's XF has a date or time format (numfmt.h, as xlsxin.c decides), its ISO
 *       text ("2024-03-05", "08:30", "2024-03-05 08:30");
 *     a string: the STRING record after the FORMULA (past SHRFMLA, ARRAY and TABLE
 *       records), its CONTINUE records joined, compressed or UTF-16, as UTF-8;
 *     a boolean: "TRUE" or "FALSE";
 *     an error: its text ("#DIV/0!", "#REF!", "#N/A", ...; "?" for an unknown code),
 *       with error = true.
 *   An empty string result, and a string result whose STRING record is missing or cut
 *   short, give no cell (the field stays empty, as libfreexl has it). Cells are sorted by
 *   (row, col), 0-based; of two records for one cell the later one counts.
 * - Bounds-checked throughout: every offset, count and length from the file is checked
 *   against the file; a sector chain that loops, or points past the file or the FAT, is
 *   refused; so are an encrypted workbook (FILEPASS), a workbook that is not BIFF8, and a
 *   sheet that is not there. A refusal returns false and leaves out empty, with a short
 *   reason in *why (a static string, for tests): the caller then keeps what it had.
 *   The cells are copied out: nothing points into data.
 * - jz_biff_number_text: the shortest "%.17g"-style decimal that reads back as d.
 * Ownership: out is the caller's; jz_biff_cells_free frees what jz_biff_read put in it.
 */
#ifndef JZ_XLSBIFF_H
#define JZ_XLSBIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct jz_biff_cell {
    uint32_t row, col;  /* 0-based */
    bool error;         /* an error value: text is "#REF!" etc. */
    bool typed;         /* a BOOLERR record (a boolean or error typed in), not a FORMULA */
    char *text;         /* UTF-8, NUL-terminated, never empty */
    size_t seq;         /* the record's place among the sheet's (the reader's own use) */
} jz_biff_cell;

typedef struct jz_biff_cells {
    jz_biff_cell *cell;
    size_t n;
} jz_biff_cells;

bool jz_biff_read(const unsigned char *data, size_t size, const char *name, long index, jz_biff_cells *out,
                  const char **why);
void jz_biff_cells_free(jz_biff_cells *c);
void jz_biff_number_text(double d, char *buf, size_t size);

#endif
