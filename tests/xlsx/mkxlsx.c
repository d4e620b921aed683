/* mkxlsx.c — a test helper: CSV files into one Excel workbook, with libxlsxwriter (the
 * library jz-report writes its workbooks with), so that the tests read real workbooks
 * made from the same data as the CSV they compare them with.
 *
 *   mkxlsx OUT.xlsx [--sheet NAME] [--title TEXT]... [--typed] CSV [[--sheet NAME] ... CSV]...
 *
 * Each CSV (read through libjz's CSV reader, so UTF-8 or GB18030 with or without BOM)
 * becomes one sheet, in order, each row at the sheet row of its CSV line (a row whose
 * quoted field holds a line break leaves the rows of its other lines blank), so that the
 * workbook's row numbers are the CSV's line numbers and tools must give the same results
 * on both, line numbers included. The options before a CSV apply to its sheet: --sheet
 * its name (else Sheet1, Sheet2, ...); --title a row of one cell above the CSV's rows (as
 * many as given, each in column A: the title rows of exported workbooks; the rows below
 * move down); --typed cells typed as Excel types what a clerk types: YYYY-MM-DD a date
 * cell (format yyyy-mm-dd; a real date only, 2024-13-01 stays text), HH:MM a time cell
 * (hh:mm), YYYY-MM-DD HH:MM a date-time cell, a number whose shortest text is the field
 * (1.5, 12; not 007 or 1.50) a number cell, anything else a text cell. Without --typed
 * every cell is text. Exits 0, or 1 with a message. Built by make into BUILD/tests/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "jz/rowsrc.h"

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

static int real_date(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y >= 1901 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

static void write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *v, size_t n, int typed,
                       lxw_format *date, lxw_format *time, lxw_format *stamp)
{
    if (n == 0)
        return;
    if (typed && n == 16 && v[10] == ' ' && v[13] == ':' && v[4] == '-' && v[7] == '-' && is_digits(v, 4) &&
        is_digits(v + 5, 2) && is_digits(v + 8, 2) && is_digits(v + 11, 2) && is_digits(v + 14, 2) &&
        real_date(atoi(v), atoi(v + 5), atoi(v + 8)) && atoi(v + 11) < 24 && atoi(v + 14) < 60) {
        lxw_datetime dt = {atoi(v), atoi(v + 5), atoi(v + 8), atoi(v + 11), atoi(v + 14), 0};
        worksheet_write_datetime(ws, r, c, &dt, stamp);
        return;
    }
    if (typed && n == 10 && v[4] == '-' && v[7] == '-' && is_digits(v, 4) && is_digits(v + 5, 2) &&
        is_digits(v + 8, 2) && real_date(atoi(v), atoi(v + 5), atoi(v + 8))) {
        lxw_datetime dt = {atoi(v), atoi(v + 5), atoi(v + 8), 0, 0, 0};
        worksheet_write_datetime(ws, r, c, &dt, date);
        return;
    }
    if (typed && n == 5 && v[2] == ':' && is_digits(v, 2) && is_digits(v + 3, 2) && atoi(v) < 24 && atoi(v + 3) < 60) {
        lxw_datetime dt = {0, 0, 0, atoi(v), atoi(v + 3), 0};
        worksheet_write_datetime(ws, r, c, &dt, time);
        return;
    }
    if (typed) {
        char *end, back[64];
        double d = strtod(v, &end);
        if (end == v + n && n < 32 && (v[0] != '0' || n == 1 || v[1] == '.')) {
            snprintf(back, sizeof back, "%.15g", d);
            if (strcmp(back, v) == 0) {
                worksheet_write_number(ws, r, c, d, NULL);
                return;
            }
        }
    }
    worksheet_write_string(ws, r, c, v, NULL);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mkxlsx OUT.xlsx [--sheet NAME] [--title TEXT]... [--typed] CSV...\n");
        return 1;
    }
    lxw_workbook *wb = workbook_new(argv[1]);
    if (!wb) {
        fprintf(stderr, "mkxlsx: cannot create %s\n", argv[1]);
        return 1;
    }
    lxw_format *date = workbook_add_format(wb), *time = workbook_add_format(wb), *stamp = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    format_set_num_format(time, "hh:mm");
    format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
    const char *sheet = NULL, *titles[16];
    int ntitles = 0, typed = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--sheet") == 0 && i + 1 < argc) {
            sheet = argv[++i];
        } else if (strcmp(argv[i], "--title") == 0 && i + 1 < argc && ntitles < 16) {
            titles[ntitles++] = argv[++i];
        } else if (strcmp(argv[i], "--typed") == 0) {
            typed = 1;
        } else {
            lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
            if (!ws) {
                fprintf(stderr, "mkxlsx: cannot add the sheet %s\n", sheet ? sheet : "");
                return 1;
            }
            lxw_row_t top = 0;
            for (int k = 0; k < ntitles; k++)
                worksheet_write_string(ws, top++, 0, titles[k], NULL);
            jz_error err;
            jz_rowsrc *src = jz_rowsrc_open(argv[i], NULL, NULL, &err);
            if (!src) {
                fprintf(stderr, "mkxlsx: %s: %s\n", argv[i], err.msg);
                return 1;
            }
            jz_row row;
            int rc;
            int first = 1;
            while ((rc = jz_rowsrc_next(src, &row, &err)) > 0) {
                lxw_row_t r = top + (lxw_row_t)row.line - 1;  /* the CSV's line: the same numbers */
                for (size_t c = 0; c < row.nfields; c++)
                    write_cell(ws, r, (lxw_col_t)c, row.fields[c], row.lens[c], typed && !first, date, time, stamp);
                first = 0;
            }
            jz_rowsrc_close(src);
            if (rc < 0) {
                fprintf(stderr, "mkxlsx: %s: %s\n", argv[i], err.msg);
                return 1;
            }
            sheet = NULL, ntitles = 0, typed = 0;
        }
    }
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "mkxlsx: %s: %s\n", argv[1], lxw_strerror(e));
        return 1;
    }
    return 0;
}
