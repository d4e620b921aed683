/* text_table.h — the aligned columns of the text formats (jz-sample, jz-verify): a heading,
 * rows of cells, each column left- or right-aligned and as wide as its widest cell, two
 * spaces between columns, no padding after the last.
 *
 * Promise: one printer for every text table. Width is display width (a Chinese character
 * takes two columns, text.h jz_text_width). JZ_TT_TRIM leaves out a row's trailing empty
 * cells (jz-sample; jz-verify's tables keep them, as its golden bytes do); JZ_TT_SHOWN
 * writes a cell holding control characters escaped (text.h jz_text_escape), never raw. A
 * table owns its cells: jz_ttable_print frees them.
 */
#ifndef JZ_TEXT_TABLE_H
#define JZ_TEXT_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum { JZ_TT_TRIM = 1, JZ_TT_SHOWN = 2 };

typedef struct jz_ttable {
    size_t ncols, nrows;
    const char *const *head;  /* ncols headings */
    const char *align;        /* per column: 'r' right-aligned, anything else left */
    unsigned flags;           /* JZ_TT_* */
    char **cells;             /* nrows * ncols, malloc'd; NULL to start */
} jz_ttable;

/* A cell: the printf of fmt, malloc'd (for jz_ttable_row). */
char *jz_ttable_cell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Append a row of t->ncols cells; the table takes them. */
void jz_ttable_row(jz_ttable *t, char **cells);

/* Print the heading and the rows, then free the cells. */
void jz_ttable_print(FILE *fp, jz_ttable *t);

#endif
