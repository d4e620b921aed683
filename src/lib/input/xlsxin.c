/* xlsxin.c — see include/jz/xlsxin.h. The one file that includes <zip.h> and <expat.h>. */
#include "jz/xlsxin.h"
#include "jz/date.h"
#include "jz/numfmt.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef JZ_NO_XLSX

jz_rowsrc *jz_xlsx_open(const char *path, const char *sheet, jz_diag *diag, jz_error *err)
{
    (void)sheet;
    (void)diag;
    jz_error_set(err, JZ_EINPUT, path, 0, 0,
                 "this build of jiazong reads no .xlsx workbooks (built without libzip and expat): "
                 "save the sheet as CSV");
    return NULL;
}

jz_rowsrc *jz_xlsx_open_mem(const char *name, const void *data, size_t size, const char *sheet, jz_diag *diag,
                            jz_error *err)
{
    (void)data;
    (void)size;
    return jz_xlsx_open(name, sheet, diag, err);
}

#else

#include <expat.h>
#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

/* Bounds: a workbook part beyond them is refused (a zip bomb, or no sheet of records). */
#define PART_MAX (64ull << 20)       /* workbook.xml, its rels, styles.xml */
#define STRINGS_MAX (1ull << 30)     /* sharedStrings.xml, unpacked */
#define SHEET_MAX (8ull << 30)       /* a sheet's XML, unpacked */
#define RATIO_MIN_SIZE (64ull << 20) /* above this size a part may unpack to at most */
#define RATIO_MAX 200ull             /* ... this many times its compressed size */
#define CELL_MAX (1u << 20)          /* bytes in one cell (Excel allows 32767 characters) */
#define COLS_MAX 16384u              /* Excel's last column, XFD */
#define LOOKAHEAD 32                 /* rows read ahead to learn the table's width */

#define NS_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->p = jz_xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

typedef struct sheet_ent {
    char *name, *rid;
    bool hidden;
} sheet_ent;

typedef struct rel_ent {
    char *id, *target, *type;
} rel_ent;

typedef struct qrow {       /* a row read, waiting to be handed out */
    sbuf text;              /* offset 0 holds the "" of every empty field */
    size_t *off, *len;      /* per column; off 0 = empty */
    size_t ncols;           /* 1 + the last column with a value */
    long line;
} qrow;

typedef struct xl {
    char *path;
    char *sheet;            /* the name of the sheet read */
    jz_diag *diag;
    zip_t *z;
    bool failed;            /* a handler failed: err holds why */
    jz_error err;

    /* workbook.xml and its rels */
    sheet_ent *sheets;
    size_t nsheets;
    rel_ent *rels;
    size_t nrels;
    bool date1904;

    /* styles.xml: custom number formats, then the kind of each cell format */
    long *fmt_id;
    unsigned char *fmt_kind;
    size_t nfmt;
    unsigned char *xf_kind;
    size_t nxf;
    int in_cellxfs;

    /* shared strings */
    sbuf ss;
    size_t *ss_off;
    size_t nss, ss_cap;
    size_t si_start;
    int in_si, in_rph, in_t;

    /* the sheet */
    zip_file_t *zf;
    XML_Parser p;
    unsigned long long read, limit;
    bool eof, suspended;
    char chunk[1 << 16];
    long row_no, cell_col;   /* the row being read; the cell's 1-based column */
    int cell_type;           /* 's', 'b', 'e', 'i' (inline), 't' (str), 'd', 'n' */
    long cell_style;
    int in_c, in_v, in_is;
    sbuf cell;
    qrow cur;                /* the row being built */
    size_t cols_cap;
    qrow q[LOOKAHEAD + 1];   /* rows read, in order: q[qhead .. qhead+nq) */
    size_t qhead, nq;
    size_t width;

    /* the row handed out */
    qrow out;
    char **fields;
    size_t *lens;
    size_t fields_cap;
} xl;

static const char *local(const char *name)
{
    const char *b = strrchr(name, '|');
    return b ? b + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* Fail from inside a handler: the first failure is kept and the parse stops. */
static void fail_parse(xl *x, XML_Parser p)
{
    x->failed = true;
    XML_StopParser(p, XML_FALSE);
}

/* Column letters ("C", "AB") at s -> 1-based column, 0 if none or beyond XFD; *end after them. */
static long col_of(const char *s, const char **end)
{
    long c = 0;
    while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
        c = c * 26 + ((*s | 0x20) - 'a' + 1);
        if (c > (long)COLS_MAX)
            return 0;
        s++;
    }
    *end = s;
    return c;
}

static bool parse_long(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 100000000L)
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

/* Decode the _xHHHH_ escapes of OOXML strings in place from b->p + from. */
static void unescape(sbuf *b, size_t from)
{
    char *s = b->p + from, *w = s, *e = b->p + b->n;
    while (s < e) {
        unsigned v = 0;
        int k = 0;
        if (e - s >= 7 && s[0] == '_' && s[1] == 'x' && s[6] == '_') {
            for (k = 2; k < 6; k++) {
                char c = s[k];
                int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
                if (d < 0)
                    break;
                v = v * 16 + (unsigned)d;
            }
        }
        if (k == 6 && v != 0 && (v < 0xD800 || v > 0xDFFF)) {
            if (v < 0x80) {
                *w++ = (char)v;
            } else if (v < 0x800) {
                *w++ = (char)(0xC0 | (v >> 6));
                *w++ = (char)(0x80 | (v & 0x3F));
            } else {
                *w++ = (char)(0xE0 | (v >> 12));
                *w++ = (char)(0x80 | ((v >> 6) & 0x3F));
                *w++ = (char)(0x80 | (v & 0x3F));
            }
            s += 7;
        } else {
            *w++ = *s++;
        }
    }
    b->n = (size_t)(w - b->p);
    b->p[b->n] = '\0';
}

/* ---- parts of the zip ---- */

static zip_file_t *open_part(xl *x, const char *name, unsigned long long max, jz_error *err,
                             unsigned long long *size)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(x->z, name, 0, &st) != 0) {
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the workbook has no part %s: save it again as .xlsx or CSV", name);
        return NULL;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0,
                     "the workbook is encrypted: save it again without a password, as .xlsx or CSV");
        return NULL;
    }
    unsigned long long sz = (st.valid & ZIP_STAT_SIZE) ? st.size : max;
    unsigned long long comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if (sz > max || (sz > RATIO_MIN_SIZE && (comp == 0 || sz / comp > RATIO_MAX))) {
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0,
                     "the workbook part %s would unpack to %llu bytes from %llu: refused as a likely zip "
                     "bomb (limit %llu bytes, or %llu times its packed size); if the data is real, save it as CSV",
                     name, sz, comp, max, RATIO_MAX);
        return NULL;
    }
    zip_file_t *f = zip_fopen(x->z, name, 0);
    if (!f) {
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "cannot read the workbook part %s (%s): save it again as .xlsx or CSV",
                     name, zip_error_strerror(zip_get_error(x->z)));
        return NULL;
    }
    *size = sz;
    return f;
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    xl *x = ud;
    jz_error_set(&x->err, JZ_EINPUT, x->path, 0, 0, "a workbook part declares a DOCTYPE: not an Excel workbook");
    fail_parse(x, x->p);
}

/* A parser whose user data is x. */
static XML_Parser new_parser(xl *x)
{
    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    if (!p)
        return NULL;
    XML_SetUserData(p, x);  /* handlers reach the parser in use as x->p */
    XML_SetStartDoctypeDeclHandler(p, no_doctype);
    return p;
}

static bool xml_error(xl *x, const char *name, jz_error *err)
{
    if (x->failed) {
        *err = x->err;
        return false;
    }
    jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the workbook part %s is damaged (XML line %lu: %s): save it again as .xlsx or CSV",
                 name, (unsigned long)XML_GetCurrentLineNumber(x->p), XML_ErrorString(XML_GetErrorCode(x->p)));
    return false;
}

/* Parse the whole part `name` with the handlers. */
static bool parse_part(xl *x, const char *name, unsigned long long max, XML_StartElementHandler start,
                       XML_EndElementHandler end, XML_CharacterDataHandler text, jz_error *err)
{
    unsigned long long size, got = 0;
    zip_file_t *f = open_part(x, name, max, err, &size);
    if (!f)
        return false;
    x->p = new_parser(x);
    if (!x->p) {
        zip_fclose(f);
        jz_error_set(err, JZ_ENOMEM, x->path, 0, 0, "out of memory");
        return false;
    }
    XML_SetElementHandler(x->p, start, end);
    if (text)
        XML_SetCharacterDataHandler(x->p, text);
    bool ok = true;
    for (;;) {
        zip_int64_t n = zip_fread(f, x->chunk, sizeof x->chunk);
        if (n < 0) {
            ok = false;
            jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "cannot unpack the workbook part %s (%s): save it again as .xlsx or CSV",
                         name, zip_error_strerror(zip_file_get_error(f)));
            break;
        }
        got += (unsigned long long)n;
        if (got > max) {
            ok = false;
            jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the workbook part %s unpacks beyond %llu bytes: refused as a likely zip bomb",
                         name, max);
            break;
        }
        if (XML_Parse(x->p, x->chunk, (int)n, n == 0) != XML_STATUS_OK) {
            ok = xml_error(x, name, err);
            break;
        }
        if (n == 0)
            break;
    }
    XML_ParserFree(x->p);
    x->p = NULL;
    zip_fclose(f);
    return ok;
}

/* ---- workbook.xml and rels ---- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xl *x = ud;
    const char *l = local(name);
    if (strcmp(l, "workbook") == 0 && strncmp(name, NS_STRICT "|", sizeof NS_STRICT) == 0) {
        jz_error_set(&x->err, JZ_EINPUT, x->path, 0, 0,
                     "a Strict Open XML workbook: save it as an ordinary Excel workbook (.xlsx) or as CSV");
        fail_parse(x, x->p);
    } else if (strcmp(l, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(l, "sheet") == 0) {
        const char *n = attr(atts, "name"), *id = attr(atts, "id"), *st = attr(atts, "state");
        if (!n || !id)
            return;
        x->sheets = jz_xrealloc(x->sheets, (x->nsheets + 1) * sizeof *x->sheets);
        x->sheets[x->nsheets++] = (sheet_ent){jz_xstrdup(n), jz_xstrdup(id), st && strcmp(st, "visible") != 0};
    }
}

static void XMLCALL rel_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xl *x = ud;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *t = attr(atts, "Target"), *ty = attr(atts, "Type");
    if (!id || !t)
        return;
    x->rels = jz_xrealloc(x->rels, (x->nrels + 1) * sizeof *x->rels);
    x->rels[x->nrels++] = (rel_ent){jz_xstrdup(id), jz_xstrdup(t), jz_xstrdup(ty ? ty : "")};
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The zip name of a target of xl/workbook.xml's rels ("worksheets/sheet1.xml" or "/xl/..."). */
static char *part_name(const char *target)
{
    sbuf b = {0};
    if (target[0] == '/')
        sb_add(&b, target + 1, strlen(target + 1));
    else {
        sb_add(&b, "xl/", 3);
        sb_add(&b, target, strlen(target));
    }
    return b.p;
}

static const rel_ent *rel_by_id(const xl *x, const char *id)
{
    for (size_t i = 0; i < x->nrels; i++)
        if (strcmp(x->rels[i].id, id) == 0)
            return &x->rels[i];
    return NULL;
}

static char *part_of_type(const xl *x, const char *type, const char *fallback)
{
    for (size_t i = 0; i < x->nrels; i++)
        if (ends_with(x->rels[i].type, type))
            return part_name(x->rels[i].target);
    return jz_xstrdup(fallback);
}

/* ---- styles.xml ---- */

static void XMLCALL st_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xl *x = ud;
    const char *l = local(name);
    long id;
    if (strcmp(l, "numFmt") == 0) {
        const char *code = attr(atts, "formatCode");
        if (!parse_long(attr(atts, "numFmtId"), &id) || !code)
            return;
        x->fmt_id = jz_xrealloc(x->fmt_id, (x->nfmt + 1) * sizeof *x->fmt_id);
        x->fmt_kind = jz_xrealloc(x->fmt_kind, x->nfmt + 1);
        x->fmt_id[x->nfmt] = id;
        x->fmt_kind[x->nfmt++] = (unsigned char)jz_numfmt_code_kind(code);
    } else if (strcmp(l, "cellXfs") == 0) {
        x->in_cellxfs = 1;
    } else if (strcmp(l, "xf") == 0 && x->in_cellxfs) {
        int kind = JZ_NUMFMT_NONE;
        if (parse_long(attr(atts, "numFmtId"), &id)) {
            kind = jz_numfmt_builtin_kind(id);
            for (size_t i = 0; i < x->nfmt; i++)
                if (x->fmt_id[i] == id)
                    kind = x->fmt_kind[i];
        }
        x->xf_kind = jz_xrealloc(x->xf_kind, x->nxf + 1);
        x->xf_kind[x->nxf++] = (unsigned char)kind;
    }
}

static void XMLCALL st_end(void *ud, const XML_Char *name)
{
    xl *x = ud;
    if (strcmp(local(name), "cellXfs") == 0)
        x->in_cellxfs = 0;
}

/* ---- sharedStrings.xml ---- */

static void XMLCALL ss_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    xl *x = ud;
    const char *l = local(name);
    if (strcmp(l, "si") == 0) {
        x->in_si = 1;
        x->si_start = x->ss.n;
    } else if (strcmp(l, "rPh") == 0) {
        x->in_rph = 1;
    } else if (strcmp(l, "t") == 0 && x->in_si && !x->in_rph) {
        x->in_t = 1;
    }
}

static void XMLCALL ss_end(void *ud, const XML_Char *name)
{
    xl *x = ud;
    const char *l = local(name);
    if (strcmp(l, "si") == 0 && x->in_si) {
        if (x->nss == x->ss_cap) {
            x->ss_cap = x->ss_cap ? x->ss_cap * 2 : 1024;
            x->ss_off = jz_xrealloc(x->ss_off, x->ss_cap * sizeof *x->ss_off);
        }
        sb_add(&x->ss, "", 0);
        unescape(&x->ss, x->si_start);
        x->ss_off[x->nss++] = x->si_start;
        x->ss.n++;  /* keep the NUL */
        x->in_si = 0;
    } else if (strcmp(l, "rPh") == 0) {
        x->in_rph = 0;
    } else if (strcmp(l, "t") == 0) {
        x->in_t = 0;
    }
}

static void XMLCALL ss_text(void *ud, const XML_Char *s, int n)
{
    xl *x = ud;
    if (x->in_t)
        sb_add(&x->ss, s, (size_t)n);
}

/* ---- the sheet ---- */

static void where_cell(const xl *x, long col, long row, char *buf, size_t size)
{
    jz_sheet_cell_name(x->sheet, col, row, buf, size);
}

static void put_cell(xl *x, const char *s, size_t n)
{
    size_t col = (size_t)x->cell_col;
    if (col > x->cols_cap) {
        size_t cap = x->cols_cap ? x->cols_cap : 16;
        while (cap < col)
            cap *= 2;
        x->cur.off = jz_xrealloc(x->cur.off, cap * sizeof *x->cur.off);
        x->cur.len = jz_xrealloc(x->cur.len, cap * sizeof *x->cur.len);
        memset(x->cur.off + x->cols_cap, 0, (cap - x->cols_cap) * sizeof *x->cur.off);
        memset(x->cur.len + x->cols_cap, 0, (cap - x->cols_cap) * sizeof *x->cur.len);
        x->cols_cap = cap;
    }
    if (col > x->cur.ncols) {
        for (size_t i = x->cur.ncols; i < col; i++)
            x->cur.off[i] = 0, x->cur.len[i] = 0;
        x->cur.ncols = col;
    }
    x->cur.off[col - 1] = x->cur.text.n + 1;  /* after the NUL of what is there */
    x->cur.len[col - 1] = n;
    sb_add(&x->cur.text, "", 0);
    x->cur.text.n++;
    sb_add(&x->cur.text, s, n);
}

static void end_cell(xl *x, XML_Parser p)
{
    const char *v = x->cell.p ? x->cell.p : "";
    size_t n = x->cell.n;
    char buf[64], where[160];
    if (x->cell_type == 's') {
        long i;
        if (n == 0)
            return;
        if (!parse_long(v, &i) || (size_t)i >= x->nss) {
            where_cell(x, x->cell_col, x->row_no, where, sizeof where);
            jz_error_set(&x->err, JZ_EINPUT, x->path, x->row_no, x->cell_col,
                         "cell %s refers to shared string %s, and the workbook has %zu: the workbook is damaged; "
                         "save it again as .xlsx or CSV", where, v, x->nss);
            fail_parse(x, p);
            return;
        }
        v = x->ss.p + x->ss_off[i];
        n = strlen(v);
    } else if (x->cell_type == 'b') {
        v = strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v;
        n = strlen(v);
    } else if (x->cell_type == 'e') {
        where_cell(x, x->cell_col, x->row_no, where, sizeof where);
        jz_diag_emit(x->diag, JZ_ERROR, x->path, x->row_no, x->cell_col, "", "cell-error",
                     "cell %s holds the error value %s (a formula that failed): correct it in the workbook",
                     where, n ? v : "?");
    } else if (x->cell_type == 'i') {
        unescape(&x->cell, 0);
        v = x->cell.p ? x->cell.p : "";
        n = x->cell.n;
    } else if (x->cell_type == 'n' && x->cell_style >= 0 && (size_t)x->cell_style < x->nxf &&
               x->xf_kind[x->cell_style] != JZ_NUMFMT_NONE &&
               jz_numfmt_serial_text(v, x->xf_kind[x->cell_style], x->date1904, buf, sizeof buf)) {
        v = buf;
        n = strlen(buf);
    }
    if (n)
        put_cell(x, v, n);
}

static void XMLCALL sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xl *x = ud;
    const char *l = local(name);
    if (strcmp(l, "row") == 0) {
        long r;
        x->row_no = parse_long(attr(atts, "r"), &r) && r > x->row_no ? r : x->row_no + 1;
        x->cur.ncols = 0;
        x->cur.text.n = 0;
        sb_add(&x->cur.text, "", 0);
        x->cell_col = 0;
    } else if (strcmp(l, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s"), *end;
        long c = r ? col_of(r, &end) : 0;
        x->cell_col = c > 0 ? c : x->cell_col + 1;
        if (x->cell_col > (long)COLS_MAX) {
            jz_error_set(&x->err, JZ_EINPUT, x->path, x->row_no, 0, "row %ld has a cell beyond column XFD: the workbook is damaged",
                         x->row_no);
            fail_parse(x, x->p);
            return;
        }
        x->cell_type = !t || strcmp(t, "n") == 0 ? 'n' : strcmp(t, "s") == 0 ? 's' : strcmp(t, "b") == 0 ? 'b'
                     : strcmp(t, "e") == 0 ? 'e' : strcmp(t, "inlineStr") == 0 ? 'i' : strcmp(t, "d") == 0 ? 'd' : 't';
        if (!parse_long(s, &x->cell_style))
            x->cell_style = s ? -1 : 0;
        x->cell.n = 0;
        x->in_c = 1;
    } else if (x->in_c && strcmp(l, "v") == 0) {
        x->in_v = 1;
    } else if (x->in_c && strcmp(l, "is") == 0) {
        x->in_is = 1;
    } else if (x->in_is && strcmp(l, "rPh") == 0) {
        x->in_rph = 1;
    } else if (x->in_is && !x->in_rph && strcmp(l, "t") == 0) {
        x->in_t = 1;
    }
}

static void queue_row(xl *x)
{
    qrow *q = &x->q[(x->qhead + x->nq) % (LOOKAHEAD + 1)];
    q->text.n = 0;
    sb_add(&q->text, x->cur.text.p, x->cur.text.n);
    q->off = jz_xrealloc(q->off, (x->cur.ncols + 1) * sizeof *q->off);
    q->len = jz_xrealloc(q->len, (x->cur.ncols + 1) * sizeof *q->len);
    memcpy(q->off, x->cur.off, x->cur.ncols * sizeof *q->off);
    memcpy(q->len, x->cur.len, x->cur.ncols * sizeof *q->len);
    q->ncols = x->cur.ncols;
    q->line = x->row_no;
    x->nq++;
}

static void XMLCALL sh_end(void *ud, const XML_Char *name)
{
    xl *x = ud;
    XML_Parser p = x->p;
    const char *l = local(name);
    if (strcmp(l, "c") == 0 && x->in_c) {
        x->in_c = x->in_v = x->in_is = x->in_t = x->in_rph = 0;
        end_cell(x, p);
    } else if (strcmp(l, "v") == 0) {
        x->in_v = 0;
    } else if (strcmp(l, "is") == 0) {
        x->in_is = 0;
    } else if (strcmp(l, "rPh") == 0) {
        x->in_rph = 0;
    } else if (strcmp(l, "t") == 0) {
        x->in_t = 0;
    } else if (strcmp(l, "row") == 0 && !x->failed) {
        if (x->cur.ncols == 0)
            return;  /* a blank row: skipped, its number counted */
        queue_row(x);
        XML_StopParser(p, XML_TRUE);
    }
}

static void XMLCALL sh_text(void *ud, const XML_Char *s, int n)
{
    xl *x = ud;
    if (!(x->in_v || x->in_t) || x->failed)
        return;
    if (x->cell.n + (size_t)n > CELL_MAX) {
        jz_error_set(&x->err, JZ_EINPUT, x->path, x->row_no, x->cell_col,
                     "a cell in row %ld holds more than %u bytes: not a table of records", x->row_no, CELL_MAX);
        fail_parse(x, x->p);
        return;
    }
    sb_add(&x->cell, s, (size_t)n);
}

/* Parse on until one more row is queued or the sheet ends: 1, 0 at the end, -1 with err. */
static int pump(xl *x, jz_error *err)
{
    size_t before = x->nq;
    while (x->nq == before) {
        enum XML_Status st;
        if (x->suspended) {
            x->suspended = false;
            st = XML_ResumeParser(x->p);
        } else if (x->eof) {
            return 0;
        } else {
            zip_int64_t n = zip_fread(x->zf, x->chunk, sizeof x->chunk);
            if (n < 0) {
                jz_error_set(err, JZ_EINPUT, x->path, x->row_no, 0,
                             "cannot unpack the sheet after row %ld (%s): save the workbook again as .xlsx or CSV",
                             x->row_no, zip_error_strerror(zip_file_get_error(x->zf)));
                return -1;
            }
            x->read += (unsigned long long)n;
            if (x->read > x->limit) {
                jz_error_set(err, JZ_EINPUT, x->path, x->row_no, 0,
                             "the sheet unpacks beyond %llu bytes: refused as a likely zip bomb", x->limit);
                return -1;
            }
            x->eof = n == 0;
            st = XML_Parse(x->p, x->chunk, (int)n, n == 0);
        }
        if (st == XML_STATUS_ERROR)
            return xml_error(x, "of the sheet", err) ? 0 : -1;
        if (st == XML_STATUS_SUSPENDED)
            x->suspended = true;
    }
    return 1;
}

static int xl_next(void *impl, jz_row *row, jz_error *err)
{
    xl *x = impl;
    if (x->nq == 0) {
        int rc = pump(x, err);
        if (rc <= 0)
            return rc;
    }
    qrow *q = &x->q[x->qhead];
    x->qhead = (x->qhead + 1) % (LOOKAHEAD + 1);
    x->nq--;
    /* hand out q's contents through x->out (q's slot may be refilled by the next pump) */
    qrow t = x->out;
    x->out = *q;
    *q = t;
    size_t w = x->out.ncols > x->width ? x->out.ncols : x->width;
    if (w > x->fields_cap) {
        x->fields = jz_xrealloc(x->fields, w * sizeof *x->fields);
        x->lens = jz_xrealloc(x->lens, w * sizeof *x->lens);
        x->fields_cap = w;
    }
    for (size_t i = 0; i < w; i++) {
        bool has = i < x->out.ncols && x->out.off[i];
        x->fields[i] = x->out.text.p + (has ? x->out.off[i] : 0);
        x->lens[i] = has ? x->out.len[i] : 0;
    }
    row->nfields = w;
    row->fields = x->fields;
    row->lens = x->lens;
    row->line = x->out.line;
    return 1;
}

static size_t xl_where(void *impl, const jz_row *row, size_t field, char *buf, size_t size)
{
    xl *x = impl;
    if (!size)
        return 0;
    where_cell(x, (long)field + 1, row->line, buf, size);
    return strlen(buf);
}

static bool xl_rereadable(void *impl)
{
    (void)impl;
    return true;
}

static unsigned long long xl_bytes(void *impl)
{
    return ((xl *)impl)->read;
}

static void qrow_free(qrow *q)
{
    free(q->text.p);
    free(q->off);
    free(q->len);
}

static void xl_close(void *impl)
{
    xl *x = impl;
    if (!x)
        return;
    if (x->p)
        XML_ParserFree(x->p);
    if (x->zf)
        zip_fclose(x->zf);
    if (x->z)
        zip_discard(x->z);
    for (size_t i = 0; i < x->nsheets; i++)
        free(x->sheets[i].name), free(x->sheets[i].rid);
    for (size_t i = 0; i < x->nrels; i++)
        free(x->rels[i].id), free(x->rels[i].target), free(x->rels[i].type);
    free(x->sheets);
    free(x->rels);
    free(x->fmt_id);
    free(x->fmt_kind);
    free(x->xf_kind);
    free(x->ss.p);
    free(x->ss_off);
    free(x->cell.p);
    qrow_free(&x->cur);
    qrow_free(&x->out);
    for (size_t i = 0; i <= LOOKAHEAD; i++)
        qrow_free(&x->q[i]);
    free(x->fields);
    free(x->lens);
    free(x->path);
    free(x->sheet);
    free(x);
}

static const jz_rowsrc_ops xlsx_ops = {
    .kind = "xlsx", .next = xl_next, .close = xl_close, .where = xl_where,
    .bytes = xl_bytes, .rereadable = xl_rereadable,
};

/* The sheet asked for (or the first visible worksheet); NULL with err. */
static const sheet_ent *choose_sheet(xl *x, const char *want, jz_error *err)
{
    for (size_t i = 0; want && i < x->nsheets; i++)
        if (strcmp(x->sheets[i].name, want) == 0)
            return &x->sheets[i];
    long n;
    if (want && parse_long(want, &n) && n >= 1 && (size_t)n <= x->nsheets)
        return &x->sheets[n - 1];
    for (size_t i = 0; !want && i < x->nsheets; i++) {
        const rel_ent *r = rel_by_id(x, x->sheets[i].rid);
        if (!x->sheets[i].hidden && r && ends_with(r->type, "/worksheet"))
            return &x->sheets[i];
    }
    sbuf names = {0};
    for (size_t i = 0; i < x->nsheets; i++) {
        if (i)
            sb_add(&names, ", ", 2);
        sb_add(&names, x->sheets[i].name, strlen(x->sheets[i].name));
    }
    if (want)
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the workbook has no sheet '%s' (its sheets: %s): give --sheet NAME or --sheet N",
                     want, names.p ? names.p : "none");
    else
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the workbook has no worksheet (its sheets: %s)", names.p ? names.p : "none");
    free(names.p);
    return NULL;
}

static bool open_sheet(xl *x, const char *want, jz_error *err)
{
    if (zip_name_locate(x->z, "xl/workbook.xml", 0) < 0) {
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0,
                     "a zip file but not an Excel workbook (no xl/workbook.xml): save it as .xlsx or CSV");
        return false;
    }
    if (!parse_part(x, "xl/workbook.xml", PART_MAX, wb_start, no_end, NULL, err))
        return false;
    if (zip_name_locate(x->z, "xl/_rels/workbook.xml.rels", 0) >= 0 &&
        !parse_part(x, "xl/_rels/workbook.xml.rels", PART_MAX, rel_start, no_end, NULL, err))
        return false;
    const sheet_ent *s = choose_sheet(x, want, err);
    if (!s)
        return false;
    const rel_ent *r = rel_by_id(x, s->rid);
    if (!r || !ends_with(r->type, "/worksheet")) {
        jz_error_set(err, JZ_EINPUT, x->path, 0, 0, "the sheet '%s' is not a worksheet of cells (a chart?): give --sheet NAME", s->name);
        return false;
    }
    x->sheet = jz_xstrdup(s->name);
    char *styles = part_of_type(x, "/styles", "xl/styles.xml");
    bool ok = zip_name_locate(x->z, styles, 0) < 0 || parse_part(x, styles, PART_MAX, st_start, st_end, NULL, err);
    free(styles);
    char *strings = part_of_type(x, "/sharedStrings", "xl/sharedStrings.xml");
    ok = ok && (zip_name_locate(x->z, strings, 0) < 0 ||
                parse_part(x, strings, STRINGS_MAX, ss_start, ss_end, ss_text, err));
    free(strings);
    x->in_t = x->in_rph = 0;
    if (!ok)
        return false;
    char *sheet = part_name(r->target);
    unsigned long long size;
    x->zf = open_part(x, sheet, SHEET_MAX, err, &size);
    free(sheet);
    if (!x->zf)
        return false;
    x->limit = SHEET_MAX;
    x->p = new_parser(x);
    if (!x->p) {
        jz_error_set(err, JZ_ENOMEM, x->path, 0, 0, "out of memory");
        return false;
    }
    XML_SetElementHandler(x->p, sh_start, sh_end);
    XML_SetCharacterDataHandler(x->p, sh_text);
    return true;
}

/* The zip could not be opened (libzip's error zerr): say why. */
static void zip_refused(const char *path, int zerr, jz_error *err)
{
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    if (zerr == ZIP_ER_NOZIP || zerr == ZIP_ER_INCONS || zerr == ZIP_ER_EOF)
        jz_error_set(err, JZ_EINPUT, path, 0, 0,
                     "the workbook is cut short or damaged (%s: a zip keeps its directory at its end, which this "
                     "one lacks; an incomplete download or copy?): download or copy it again, or save it again "
                     "from Excel as .xlsx",
                     zip_error_strerror(&ze));
    else
        jz_error_set(err, JZ_EINPUT, path, 0, 0, "not a readable workbook (the zip is damaged: %s): save it again as .xlsx or CSV",
                     zip_error_strerror(&ze));
    zip_error_fini(&ze);
}

/* The workbook in z (taken: discarded on failure). */
static jz_rowsrc *open_zip(zip_t *z, const char *path, const char *sheet, jz_diag *diag, jz_error *err)
{
    xl *x = jz_xcalloc(1, sizeof *x);
    x->z = z;
    x->path = jz_xstrdup(path);
    x->diag = diag;
    jz_error_clear(&x->err);
    if (!open_sheet(x, sheet, err)) {
        xl_close(x);
        return NULL;
    }
    /* read ahead: the table's width is the widest of its first rows */
    int rc = 1;
    while (x->nq < LOOKAHEAD && (rc = pump(x, err)) > 0)
        ;
    if (rc < 0) {
        xl_close(x);
        return NULL;
    }
    for (size_t i = 0; i < x->nq; i++)
        if (x->q[i].ncols > x->width)
            x->width = x->q[i].ncols;
    jz_rowsrc *s = jz_rowsrc_wrap(&xlsx_ops, x);
    if (!s)
        jz_error_set(err, JZ_ENOMEM, path, 0, 0, "out of memory");
    return s;
}

jz_rowsrc *jz_xlsx_open(const char *path, const char *sheet, jz_diag *diag, jz_error *err)
{
    jz_error_clear(err);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        jz_error_sys(err, path, "cannot open");
        return NULL;
    }
    int zerr = 0;
    zip_t *z = zip_fdopen(fd, ZIP_RDONLY, &zerr);
    if (!z) {
        close(fd);
        zip_refused(path, zerr, err);
        return NULL;
    }
    return open_zip(z, path, sheet, diag, err);
}

jz_rowsrc *jz_xlsx_open_mem(const char *name, const void *data, size_t size, const char *sheet, jz_diag *diag,
                            jz_error *err)
{
    jz_error_clear(err);
    zip_error_t ze;
    zip_error_init(&ze);
    /* libzip takes an empty buffer for "no data" only with a NULL pointer */
    zip_source_t *src = zip_source_buffer_create(size ? data : NULL, size, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        int zerr = zip_error_code_zip(&ze);
        zip_error_fini(&ze);
        if (src)
            zip_source_free(src);
        if (zerr == ZIP_ER_MEMORY) {
            jz_error_set(err, JZ_ENOMEM, name, 0, 0, "out of memory");
            return NULL;
        }
        zip_refused(name, zerr, err);
        return NULL;
    }
    zip_error_fini(&ze);
    return open_zip(z, name, sheet, diag, err);
}

#endif
