/* xlsin.c — see include/jz/xlsin.h. The one file that includes <freexl.h>: libfreexl
 * (Debian libfreexl-dev) reads the BIFF8 records of an .xls (its shared strings, RK and
 * MULRK numbers, dates); it runs in a child process (below), with xlsbiff.c beside it
 * for the formula cells libfreexl does not read. */
#include "jz/xlsin.h"
#include "jz/xlsbiff.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef JZ_NO_XLS

void jz_xls_set_child_start(void (*fn)(void))
{
    (void)fn;
}

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

#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* libfreexl runs in a child process: fuzzing found it reading past a stack buffer on a
 * damaged workbook (libfreexl 1.0.6, Debian 12), so it never runs in the tool's own
 * memory. The child opens the workbook, picks the sheet and writes its rows down a pipe;
 * the tool reads them as it needs them. A child that dies (a signal, or its memory
 * limit) is a damaged workbook, exit 3, not a crash of the tool.
 *
 * The pipe: a status (uint32: 0 the sheet follows, 1 a jz_error follows); then, for the
 * sheet, its name (uint32 length, bytes), then each non-blank row (uint32 line, uint32
 * fields, each field uint32 length and bytes), then uint32 0; a uint32 UINT32_MAX
 * instead of a row: a jz_error follows (a cell that cannot be read); a uint32
 * UINT32_MAX - 1 before a row: one of its cells holds an error value (uint32 line, uint32
 * column, 1-based, and its text as a field), for a cell-error diagnostic as xlsxin.c gives.
 *
 * The child also reads the formula cells' cached values (and the error values typed in
 * as constants) with our own reader, xlsbiff.c (libfreexl 1.0.6 reads a FORMULA record
 * as an empty cell, a BOOLERR boolean or error as the number 1 or 0): they fill the
 * cells libfreexl left empty, and a BOOLERR's TRUE, FALSE or error replaces its number. A workbook xlsbiff.c
 * cannot read (it is stricter than libfreexl) keeps libfreexl's cells. */

#define CHILD_MEMORY (2ull << 30)  /* the child's address space: an .xls is at most 65536 x 256 cells */
/* AddressSanitizer reserves terabytes of address space for its shadow: no limit under it */
#if defined(__SANITIZE_ADDRESS__)
#define NO_MEMORY_LIMIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_MEMORY_LIMIT 1
#endif
#endif
#ifndef NO_MEMORY_LIMIT
#define NO_MEMORY_LIMIT 0
#endif
#define FIELDS_MAX 16384u
#define FIELD_MAX (1u << 20)
#define END_ERROR UINT32_MAX
#define CELL_ERROR (UINT32_MAX - 1)
#define ERROR_TEXT_MAX 64u
#define FILE_MAX (1ull << 30)  /* an .xls read whole for its formulas (xlsbiff.h) */

/* ---- the child ---- */

typedef struct sink_out {
    int fd;
    bool broken;
} pipe_out;

static void put(pipe_out *o, const void *p, size_t n)
{
    const char *b = p;
    while (n && !o->broken) {
        ssize_t w = write(o->fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            o->broken = true;  /* the tool stopped reading */
            return;
        }
        b += w, n -= (size_t)w;
    }
}

static void put32(pipe_out *o, uint32_t v) { put(o, &v, sizeof v); }

static void put_error(pipe_out *o, const jz_error *err) { put(o, err, sizeof *err); }

/* "HH:MM:SS" at the end of s loses ":00" (the form xlsxin gives). */
static size_t drop_zero_seconds(const char *s, size_t n)
{
    return n >= 8 && s[n - 3] == ':' && s[n - 6] == ':' && s[n - 2] == '0' && s[n - 1] == '0' ? n - 3 : n;
}

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
static long choose_sheet(const void *h, const char *path, const char *want, jz_error *err)
{
    unsigned count = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        count = 0;
    if (!want && count > 0)
        return 0;
    for (unsigned i = 0; want && i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)i, &name) == FREEXL_OK && name && strcmp(name, want) == 0)
            return (long)i;
    }
    unsigned long n;
    if (want && parse_index(want, &n) && n >= 1 && n <= count)
        return (long)n - 1;
    char names[400] = "";
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK || !name)
            continue;
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "", name);
    }
    if (want)
        jz_error_set(err, JZ_EINPUT, path, 0, 0, "the workbook has no sheet '%s' (its sheets: %s): give --sheet NAME or --sheet N",
                     want, names[0] ? names : "none");
    else
        jz_error_set(err, JZ_EINPUT, path, 0, 0, "the workbook has no worksheet (its sheets: %s)", names[0] ? names : "none");
    return -1;
}

/* Open the workbook and select the sheet: its handle, dimensions and name; NULL with err. */
static const void *open_sheet(const char *path, const char *sheet, unsigned *rows, unsigned short *cols,
                              const char **name, long *index, jz_error *err)
{
    const void *h = NULL;
    int rc = freexl_open(path, &h);
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
        if (h)
            freexl_close(h);
        return NULL;
    }
    unsigned password = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED) {
        jz_error_set(err, JZ_EINPUT, path, 0, 0,
                     "the workbook is password-protected: save it again without a password, as .xlsx or CSV");
        freexl_close(h);
        return NULL;
    }
    long i = choose_sheet(h, path, sheet, err);
    if (i < 0 || freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
        freexl_get_worksheet_name(h, (unsigned short)i, name) != FREEXL_OK ||
        freexl_worksheet_dimensions(h, rows, cols) != FREEXL_OK) {
        if (i >= 0)
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "cannot read sheet %ld of the workbook: save it again as .xlsx or CSV", i + 1);
        freexl_close(h);
        return NULL;
    }
    *index = i;
    return h;
}

/* The formula cells' cached values (xlsbiff.h), empty if the file cannot be read again
 * or xlsbiff.c refuses it. */
static void read_formulas(const char *path, const char *name, long index, jz_biff_cells *out)
{
    out->cell = NULL, out->n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= FILE_MAX)
                break;
            cap = cap ? cap * 2 : 1u << 16;
            buf = jz_xrealloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    bool whole = !ferror(f) && feof(f);
    fclose(f);
    if (whole)
        jz_biff_read(buf, n, name, index, out, NULL);
    free(buf);
}

/* The child's whole work: the sheet down fd. */
static void child(int fd, const char *path, const char *sheet)
{
    pipe_out o = {fd, false};
    jz_error err;
    jz_error_clear(&err);
    unsigned rows = 0;
    unsigned short cols = 0;
    const char *name = NULL;
    long index = 0;
    const void *h = open_sheet(path, sheet, &rows, &cols, &name, &index, &err);
    if (!h) {
        put32(&o, 1);
        put_error(&o, &err);
        return;
    }
    put32(&o, 0);
    jz_biff_cells fc;
    read_formulas(path, name, index, &fc);
    size_t k = 0;  /* the next of fc's cells, in row order */
    name = name ? name : "Sheet1";
    put32(&o, (uint32_t)strlen(name));
    put(&o, name, strlen(name));
    const char **text = jz_xcalloc(cols ? cols : 1, sizeof *text);
    size_t *lens = jz_xcalloc(cols ? cols : 1, sizeof *lens);
    char (*nums)[32] = jz_xcalloc(cols ? cols : 1, sizeof *nums);
    bool *errs = jz_xcalloc(cols ? cols : 1, sizeof *errs);
    for (unsigned r = 0; r < rows && !o.broken; r++) {
        bool any = false;
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            int rc = freexl_get_cell_value(h, r, c, &v);
            if (rc != FREEXL_OK) {
                jz_error_set(&err, JZ_EINPUT, path, (long)r + 1, (long)c + 1,
                             "cannot read cell %ld of row %u of the workbook (libfreexl error %d): the workbook is "
                             "damaged; save it again as .xlsx or CSV", (long)c + 1, r + 1, rc);
                put32(&o, END_ERROR);
                put_error(&o, &err);
                return;
            }
            text[c] = "", lens[c] = 0, errs[c] = false;
            switch (v.type) {
            case FREEXL_CELL_INT:
                snprintf(nums[c], sizeof nums[c], "%d", v.value.int_value);
                text[c] = nums[c], lens[c] = strlen(nums[c]);
                break;
            case FREEXL_CELL_DOUBLE:
                jz_biff_number_text(v.value.double_value, nums[c], sizeof nums[c]);
                text[c] = nums[c], lens[c] = strlen(nums[c]);
                break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
            case FREEXL_CELL_DATE:
                text[c] = v.value.text_value ? v.value.text_value : "", lens[c] = strlen(text[c]);
                break;
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME:
                text[c] = v.value.text_value ? v.value.text_value : "";
                lens[c] = drop_zero_seconds(text[c], strlen(text[c]));
                break;
            default:
                /* FREEXL_CELL_NULL: empty, and every formula cell too (libfreexl
                 * 1.0.6 skips FORMULA records): fc's value below, if it has one */
                break;
            }
            while (k < fc.n && (fc.cell[k].row < r || (fc.cell[k].row == r && fc.cell[k].col < c)))
                k++;
            if (k < fc.n && fc.cell[k].row == r && fc.cell[k].col == c && (lens[c] == 0 || fc.cell[k].typed)) {
                text[c] = fc.cell[k].text, lens[c] = strlen(text[c]);
                errs[c] = fc.cell[k].error;
            }
            if (lens[c] > FIELD_MAX)
                lens[c] = FIELD_MAX;
            any |= lens[c] > 0;
        }
        if (!any)
            continue;  /* a blank row: skipped, its number counted */
        /* its error cells first, as xlsxin.c reports them while reading the row */
        for (unsigned short c = 0; c < cols; c++)
            if (errs[c] && lens[c] <= ERROR_TEXT_MAX) {
                put32(&o, CELL_ERROR);
                put32(&o, r + 1);
                put32(&o, (uint32_t)c + 1);
                put32(&o, (uint32_t)lens[c]);
                put(&o, text[c], lens[c]);
            }
        put32(&o, r + 1);
        put32(&o, cols);
        for (unsigned short c = 0; c < cols; c++) {
            put32(&o, (uint32_t)lens[c]);
            put(&o, text[c], lens[c]);
        }
    }
    put32(&o, 0);
    /* the child exits at once: nothing is freed */
}

static void (*child_start)(void);

void jz_xls_set_child_start(void (*fn)(void))
{
    child_start = fn;
}

/* ---- the tool's side ---- */

typedef struct xls {
    pid_t pid;
    int fd;
    char *path;
    char *sheet;
    jz_diag *diag;
    bool done;
    char *text;           /* the row's fields, each NUL-terminated */
    size_t captext;
    char **fields;
    size_t *lens, *offs;
    size_t capfields;
} xls;

/* Read n bytes; false at the end of the pipe or on an error. */
static bool get(xls *x, void *p, size_t n)
{
    char *b = p;
    while (n) {
        ssize_t r = read(x->fd, b, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        b += r, n -= (size_t)r;
    }
    return true;
}

static bool get32(xls *x, uint32_t *v) { return get(x, v, sizeof *v); }

/* The child is gone (or must go): reap it; how it ended, for a message. */
static void reap(xls *x, char *how, size_t size)
{
    if (x->fd >= 0)
        close(x->fd), x->fd = -1;
    if (x->pid <= 0) {
        snprintf(how, size, "?");
        return;
    }
    int st = 0;
    pid_t r;
    while ((r = waitpid(x->pid, &st, 0)) < 0 && errno == EINTR)
        ;
    x->pid = 0;
    if (r < 0)
        snprintf(how, size, "lost");
    else if (WIFSIGNALED(st))
        snprintf(how, size, "signal %d", WTERMSIG(st));
    else
        snprintf(how, size, "exit %d", WEXITSTATUS(st));
}

/* The child stopped before the end of what it had to say. */
static void died(xls *x, jz_error *err, long line)
{
    char how[32];
    reap(x, how, sizeof how);
    jz_error_set(err, JZ_EINPUT, x->path, line, 0,
                 "libfreexl failed on this workbook (%s): it is damaged; open it in Excel or WPS and save it again as "
                 ".xlsx or CSV", how);
}

static size_t xls_where(void *impl, const jz_row *row, size_t field, char *buf, size_t size)
{
    xls *x = impl;
    return jz_sheet_cell_name(x->sheet, (long)field + 1, row->line, buf, size);
}

static int xls_next(void *impl, jz_row *row, jz_error *err)
{
    xls *x = impl;
    if (x->done)
        return 0;
    uint32_t line, n;
    if (!get32(x, &line)) {
        died(x, err, 0);
        return -1;
    }
    while (line == CELL_ERROR) {
        /* a cell of the coming row holds an error value: the diagnostic xlsxin.c gives */
        uint32_t at, col, len;
        char v[ERROR_TEXT_MAX + 1], where[160];
        if (!get32(x, &at) || !get32(x, &col) || !get32(x, &len) || len > ERROR_TEXT_MAX || !get(x, v, len) ||
            !get32(x, &line)) {
            died(x, err, 0);
            return -1;
        }
        v[len] = '\0';
        jz_sheet_cell_name(x->sheet, (long)col, (long)at, where, sizeof where);
        jz_diag_emit(x->diag, JZ_ERROR, x->path, (long)at, (long)col, "", "cell-error",
                     "cell %s holds the error value %s (a formula that failed): correct it in the workbook",
                     where, len ? v : "?");
    }
    if (line == 0) {
        char how[32];
        x->done = true;
        reap(x, how, sizeof how);
        return 0;
    }
    if (line == END_ERROR) {
        jz_error e;
        if (!get(x, &e, sizeof e)) {
            died(x, err, 0);
            return -1;
        }
        e.file[sizeof e.file - 1] = e.msg[sizeof e.msg - 1] = '\0';
        *err = e;
        return -1;
    }
    if (!get32(x, &n) || n == 0 || n > FIELDS_MAX) {
        died(x, err, (long)line);
        return -1;
    }
    if (n > x->capfields) {
        x->fields = jz_xrealloc(x->fields, n * sizeof *x->fields);
        x->lens = jz_xrealloc(x->lens, n * sizeof *x->lens);
        x->offs = jz_xrealloc(x->offs, n * sizeof *x->offs);
        x->capfields = n;
    }
    size_t used = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len;
        if (!get32(x, &len) || len > FIELD_MAX) {
            died(x, err, (long)line);
            return -1;
        }
        if (used + len + 1 > x->captext) {
            size_t cap = x->captext ? x->captext : 4096;
            while (cap < used + len + 1)
                cap *= 2;
            x->text = jz_xrealloc(x->text, cap);
            x->captext = cap;
        }
        if (!get(x, x->text + used, len)) {
            died(x, err, (long)line);
            return -1;
        }
        x->offs[i] = used;
        x->lens[i] = len;
        used += len;
        x->text[used++] = '\0';
    }
    for (uint32_t i = 0; i < n; i++)
        x->fields[i] = x->text + x->offs[i];
    row->nfields = n;
    row->fields = x->fields;
    row->lens = x->lens;
    row->line = (long)line;
    return 1;
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
    if (x->pid > 0)
        kill(x->pid, SIGKILL);  /* it may still be writing rows nobody reads */
    char how[32];
    reap(x, how, sizeof how);
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

jz_rowsrc *jz_xls_open(const char *path, const char *sheet, jz_diag *diag, jz_error *err)
{
    jz_error_clear(err);
    int p[2];
    if (pipe(p) != 0) {
        jz_error_sys(err, path, "cannot read the workbook (a pipe to its reader)");
        return NULL;
    }
    fflush(NULL);  /* the child's stdio must not write the tool's buffered output again */
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]), close(p[1]);
        jz_error_sys(err, path, "cannot read the workbook (no process for its reader)");
        return NULL;
    }
    if (pid == 0) {
        close(p[0]);
        signal(SIGPIPE, SIG_DFL);
        /* what the child has to say goes down the pipe; anything libfreexl (or a
         * sanitizer's report of it) would print is not the tool's output */
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, STDERR_FILENO), close(devnull);
        if (child_start)
            child_start();
#if !NO_MEMORY_LIMIT
        struct rlimit lim = {CHILD_MEMORY, CHILD_MEMORY};
        setrlimit(RLIMIT_AS, &lim);
#endif
        child(p[1], path, sheet);
        _exit(0);
    }
    close(p[1]);
    xls *x = jz_xcalloc(1, sizeof *x);
    x->pid = pid;
    x->fd = p[0];
    x->path = jz_xstrdup(path);
    x->diag = diag;
    uint32_t status, len;
    if (!get32(x, &status)) {
        died(x, err, 0);
        xls_close(x);
        return NULL;
    }
    if (status != 0) {
        jz_error e;
        if (!get(x, &e, sizeof e)) {
            died(x, err, 0);
        } else {
            e.file[sizeof e.file - 1] = e.msg[sizeof e.msg - 1] = '\0';
            *err = e;
        }
        xls_close(x);
        return NULL;
    }
    if (!get32(x, &len) || len > 1024) {
        died(x, err, 0);
        xls_close(x);
        return NULL;
    }
    x->sheet = jz_xcalloc(1, len + 1);
    if (!get(x, x->sheet, len)) {
        died(x, err, 0);
        xls_close(x);
        return NULL;
    }
    jz_rowsrc *s = jz_rowsrc_wrap(&xls_ops, x);
    if (!s)
        jz_error_set(err, JZ_ENOMEM, path, 0, 0, "out of memory");
    return s;
}

#endif
