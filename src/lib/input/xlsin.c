/* xlsin.c — see include/jz/xlsin.h. The one file that includes <freexl.h>: libfreexl
 * (Debian libfreexl-dev) reads the BIFF8 records of an .xls, a format too intricate
 * (OLE sectors, FAT chains, SST continuation records) to parse here by hand. */
#include "jz/xlsin.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef JZ_NO_XLS

jz_rowsrc *jz_xls_open(const char *path, const char *sheet, jz_diag *diag, jz_error *err)
{
    (void)sheet;
    (void)diag;
    jz_error_set(err, JZ_EINPUT, path, 0, 0,
                 "an Excel 97-2003 workbook (.xls), which this build of jiazong does not read (built without "
                 "libfreexl): open it in Excel or WPS and save it as .xlsx or CSV");
    return NULL;
}

#else

#include <freexl.h>

typedef struct xls {
    const void *h;
    char *path;
    char *sheet;
    unsigned rows;        /* rows in the sheet */
    unsigned short cols;  /* columns */
    unsigned next;        /* the next row to read, 0-based */
    char *text;           /* the row's fields, NUL-separated */
    size_t ntext, captext;
    char **fields;
    size_t *lens;
    size_t *offs;
} xls;

static void add(xls *x, const char *s, size_t n)
{
    if (x->ntext + n + 1 > x->captext) {
        size_t cap = x->captext ? x->captext : 1024;
        while (cap < x->ntext + n + 1)
            cap *= 2;
        x->text = jz_xrealloc(x->text, cap);
        x->captext = cap;
    }
    memcpy(x->text + x->ntext, s, n);
    x->ntext += n;
    x->text[x->ntext++] = '\0';
}

/* The shortest decimal that reads back as d ("1.5", "0.1", "45356"). */
static void number_text(double d, char *buf, size_t size)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

/* "HH:MM:SS" at the end of s loses ":00" (the form xlsxin gives). */
static size_t drop_zero_seconds(const char *s, size_t n)
{
    return n >= 8 && s[n - 3] == ':' && s[n - 6] == ':' && s[n - 2] == '0' && s[n - 1] == '0' ? n - 3 : n;
}

static void col_name(long c, char out[8])
{
    char tmp[8];
    int n = 0;
    while (c > 0 && n < 7) {
        c--;
        tmp[n++] = (char)('A' + c % 26);
        c /= 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static size_t xls_where(void *impl, const jz_row *row, size_t field, char *buf, size_t size)
{
    xls *x = impl;
    if (!size)
        return 0;
    char c[8];
    col_name((long)field + 1, c);
    bool quote = false;
    for (const char *s = x->sheet; *s; s++)
        quote |= (unsigned char)*s < 0x80 && !((*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || *s == '_');
    snprintf(buf, size, quote ? "'%s'!%s%ld" : "%s!%s%ld", x->sheet, c, row->line);
    return strlen(buf);
}

static int xls_next(void *impl, jz_row *row, jz_error *err)
{
    xls *x = impl;
    while (x->next < x->rows) {
        unsigned r = x->next++;
        bool any = false;
        x->ntext = 0;
        for (unsigned short c = 0; c < x->cols; c++) {
            FreeXL_CellValue v;
            int rc = freexl_get_cell_value(x->h, r, c, &v);
            if (rc != FREEXL_OK) {
                jz_error_set(err, JZ_EINPUT, x->path, (long)r + 1, (long)c + 1,
                             "cannot read cell %ld of row %u of the workbook (libfreexl error %d): the workbook is "
                             "damaged; save it again as .xlsx or CSV", (long)c + 1, r + 1, rc);
                return -1;
            }
            char buf[64];
            const char *s = "";
            size_t n = 0;
            switch (v.type) {
            case FREEXL_CELL_INT:
                snprintf(buf, sizeof buf, "%d", v.value.int_value);
                s = buf, n = strlen(buf);
                break;
            case FREEXL_CELL_DOUBLE:
                number_text(v.value.double_value, buf, sizeof buf);
                s = buf, n = strlen(buf);
                break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
            case FREEXL_CELL_DATE:
                s = v.value.text_value ? v.value.text_value : "", n = strlen(s);
                break;
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME:
                s = v.value.text_value ? v.value.text_value : "", n = drop_zero_seconds(s, strlen(s));
                break;
            default:
                break;
            }
            x->offs[c] = x->ntext;
            x->lens[c] = n;
            add(x, s, n);
            any |= n > 0;
        }
        if (!any)
            continue;  /* a blank row: skipped, its number counted */
        for (unsigned short c = 0; c < x->cols; c++)
            x->fields[c] = x->text + x->offs[c];
        row->nfields = x->cols;
        row->fields = x->fields;
        row->lens = x->lens;
        row->line = (long)r + 1;
        return 1;
    }
    return 0;
}

static bool xls_rereadable(void *impl)
{
    (void)impl;
    return true;
}

static void xls_close(void *impl)
{
    xls *x = impl;
    if (!x)
        return;
    if (x->h)
        freexl_close(x->h);
    free(x->path);
    free(x->sheet);
    free(x->text);
    free(x->fields);
    free(x->lens);
    free(x->offs);
    free(x);
}

static const jz_rowsrc_ops xls_ops = {
    .kind = "xls", .next = xls_next, .close = xls_close, .where = xls_where, .rereadable = xls_rereadable,
};

static bool parse_index(const char *s, unsigned long *out)
{
    if (!s || !*s)
        return false;
    unsigned long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 100000)
            return false;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    *out = v;
    return true;
}

/* The sheet asked for (or the first): its 0-based index; -1 with err. */
static long choose_sheet(xls *x, const char *want, jz_error *err)
{
    unsigned count = 0;
    if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        count = 0;
    if (!want && count > 0)
        return 0;
    for (unsigned i = 0; want && i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) == FREEXL_OK && name && strcmp(name, want) == 0)
            return (long)i;
    }
    unsigned long n;
    if (want && parse_index(want, &n) && n >= 1 && n <= count)
        return (long)n - 1;
    char names[400] = "";
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) != FREEXL_OK || !name)
            continue;
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "", name);
    }
    if (want)
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the workbook has no sheet '%s' (its sheets: %s): give --sheet NAME or --sheet N",
                     want, names[0] ? names : "none");
    else
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the workbook has no worksheet (its sheets: %s)", names[0] ? names : "none");
    return -1;
}

jz_rowsrc *jz_xls_open(const char *path, const char *sheet, jz_diag *diag, jz_error *err)
{
    (void)diag;
    jz_error_clear(err);
    xls *x = jz_xcalloc(1, sizeof *x);
    x->path = jz_xstrdup(path);
    int rc = freexl_open(path, &x->h);
    if (rc != FREEXL_OK) {
        if (rc == FREEXL_FILE_NOT_FOUND)
            jz_error_sys(err, path, "cannot open");
        else if (rc == FREEXL_INSUFFICIENT_MEMORY)
            jz_error_set(err, JZ_ENOMEM, path, 0, 0, "out of memory");
        else if (rc == FREEXL_BIFF_WORKBOOK_NOT_FOUND)
            jz_error_set(err, JZ_EINPUT, path, 0, 0,
                         "an OLE file that holds no Excel 97-2003 workbook (a password-protected .xlsx, or another "
                         "Office file?): open it in Excel or WPS and save it, without a password, as .xlsx or CSV");
        else if (rc == FREEXL_CRAFTED_FILE)
            jz_error_set(err, JZ_EINPUT, path, 0, 0,
                         "the workbook is severely damaged (libfreexl takes it for crafted): save it again as .xlsx or CSV");
        else
            jz_error_set(err, JZ_EINPUT, path, 0, 0,
                         "not a readable Excel 97-2003 workbook (libfreexl error %d: damaged or cut short?): open it in "
                         "Excel or WPS and save it again as .xlsx or CSV", rc);
        xls_close(x);
        return NULL;
    }
    unsigned password = 0;
    if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED) {
        jz_error_set(err, JZ_EINPUT, path, 0, 0,
                     "the workbook is password-protected: save it again without a password, as .xlsx or CSV");
        xls_close(x);
        return NULL;
    }
    long i = choose_sheet(x, sheet, err);
    const char *name = NULL;
    if (i < 0 || freexl_select_active_worksheet(x->h, (unsigned short)i) != FREEXL_OK ||
        freexl_get_worksheet_name(x->h, (unsigned short)i, &name) != FREEXL_OK ||
        freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK) {
        if (i >= 0)
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "cannot read sheet %ld of the workbook: save it again as .xlsx or CSV", i + 1);
        xls_close(x);
        return NULL;
    }
    x->sheet = jz_xstrdup(name ? name : "Sheet1");
    size_t w = x->cols ? x->cols : 1;
    x->fields = jz_xcalloc(w, sizeof *x->fields);
    x->lens = jz_xcalloc(w, sizeof *x->lens);
    x->offs = jz_xcalloc(w, sizeof *x->offs);
    jz_rowsrc *s = jz_rowsrc_wrap(&xls_ops, x);
    if (!s)
        jz_error_set(err, JZ_ENOMEM, path, 0, 0, "out of memory");
    return s;
}

#endif
