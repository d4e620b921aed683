/* report_xlsx.c — see include/jz/report.h: the workbook renderer, the only file that
 * includes xlsxwriter.h.
 *
 * Sheets: Summary (one row per centre), Sections (section scores and their chart), Hours
 * (every hours check), then one sheet per centre, and last, when evidence files are
 * given, Evidence (their rows, streamed). Scores stay live: a centre sheet's
 * section subtotals and total are formulas over its indicators' earned column, and the
 * Summary's total and section cells point at them, so correcting an entered score moves
 * every figure that depends on it. The formulas follow the result's facts
 * (jiazong-score/3: re-weighted or not, which caps applied), never a guess from the
 * numbers; a result without facts (an older schema) gets its total as written. Each formula also carries the scored value as its
 * cached result, so a viewer that does not recalculate shows the number jz-score wrote.
 * Strings from the input are only ever written with worksheet_write_string (never as a
 * formula), and formulas refer to input strings through cells, never by quoting them.
 * The creation date is pinned (the latest as-of date), so the same results give the same
 * bytes. libxlsxwriter failures become JZ_EWRITE with its own message.
 * The workbook is a document in the document language (jz_doc_lang_get): sheet names,
 * headings, labels and notes through DC_("workbook", ...) and D_(), the result's English
 * sentences (derivations, details, vetoes, notes) through jz_doc_text, its enumerations
 * through jz_doc_code; ids, codes, dates and numbers are the result's own. Formulas never
 * depend on these words: they refer to cells, and a sheet name in one is always quoted.
 */
#include "jz/i18n.h"
#include "jz/report.h"
#include "jz/report_common.h"
#include "jz/report_lang.h"
#include "jz/csvin.h"  /* jz_csv_unguard only: evidence is read through the row source */
#include "jz/rowsrc.h"
#include "jz/fp.h"
#include "jz/emit.h"

#include <xlsxwriter.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CELL_TEXT = 32767, SHEET_UNITS = 31, NAME_CAP = LXW_MAX_SHEETNAME_LENGTH };

/* Columns of a centre sheet's indicator table (the blocks below reuse A, B, C, H, I, K). */
enum { C_ID, C_TITLE, C_SECTION, C_PARTY, C_VALUE, C_TARGET, C_RATIO, C_EARNED, C_POSSIBLE, C_STATUS,
       C_DERIV, C_UNIT, C_NCOLS };
enum { HDR_ROW = 5, FIRST_IND = 6 };

enum { G_TOP, G_GOOD, G_PASS, G_FAIL, G_NONE, G_N };

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

/* Where a centre's figures live on its sheet. */
typedef struct cpos {
    char name[NAME_CAP];      /* the sheet name */
    char *ref;                /* "'name'!" for formulas */
    lxw_worksheet *ws;
    lxw_row_t total_row, ded_row, appl_row, earned_row;
    lxw_row_t band_row;       /* the first of the grade bands (column B name, H min), 0: none */
    lxw_row_t pass_row;       /* the rules' pass grade (column B), 0: none */
    bool grade_live;          /* the grade cell (total row, column I) is a formula of the total */
    lxw_row_t *sec_row;       /* per c->sec entry */
    lxw_row_t *app_row;       /* per c->applied entry: its points are in column H */
} cpos;

typedef struct xl {
    lxw_workbook *wb;
    const jz_results *r;
    const jz_report_opts *o;
    lxw_error bad;            /* the first libxlsxwriter failure */
    char what[160];           /* what was being written then */
    lxw_format *head, *label, *wrap, *num[5], *pct, *hrs, *grade[G_N], *alert;
    cpos *pos;
    const char **top;         /* ids of the top-level sections over all centres */
    size_t ntop;
    lxw_worksheet *summary, *sections, *hours;
    jz_error *err;            /* an evidence file's failure (then in_failed) */
    bool in_failed;
    size_t ev_ncols;          /* fields of the evidence file being read: 5, or 6 with part */
} xl;

/* ---- small helpers ---- */

static void sb_addf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_addf(sbuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0)
            return;
        if (b->p && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        b->cap = (b->cap ? b->cap : 128) * 2 + (size_t)k;
        b->p = jz_xrealloc(b->p, b->cap);
        if (b->n == 0)
            b->p[0] = '\0';
    }
}

static void sb_reset(sbuf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
}

/* Record the first failure; later calls are skipped once one failed. */
static bool lx(xl *x, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR && x->bad == LXW_NO_ERROR) {
        x->bad = e;
        snprintf(x->what, sizeof x->what, "%s", what);
    }
    return x->bad == LXW_NO_ERROR;
}

/* Whether s starts with an OOXML escape "_xHHHH_", which Excel would turn into one
 * character (libxlsxwriter writes it as it is). */
static bool ooxml_escape_at(const char *s)
{
    if (s[0] != '_' || s[1] != 'x')
        return false;
    for (int i = 2; i < 6; i++)
        if (!s[i] || !strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    return s[6] == '_';
}

/* A string cell, shown as it is: a literal "_xHHHH_" gets its '_' escaped as "_x005F_";
 * longer than Excel's 32,767 characters, it is cut at a character boundary. */
static void put_s(xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    if (x->bad)
        return;
    if (!s || !*s) {
        if (f)
            lx(x, worksheet_write_blank(ws, row, col, f), "a blank cell");
        return;
    }
    size_t n = strlen(s);
    const char *u = strstr(s, "_x");
    while (u && !ooxml_escape_at(u))
        u = strstr(u + 1, "_x");
    if (n <= MAX_CELL_TEXT && !u) {
        lx(x, worksheet_write_string(ws, row, col, s, f), "a text cell");
        return;
    }
    sbuf b = {0};
    sb_addf(&b, "%s", "");
    for (const char *p = s; *p && b.n < MAX_CELL_TEXT; p++)
        sb_addf(&b, ooxml_escape_at(p) ? "_x005F%c" : "%c", *p);
    n = b.n > MAX_CELL_TEXT ? MAX_CELL_TEXT : b.n;
    while (n > 0 && ((unsigned char)b.p[n] & 0xC0) == 0x80)
        n--;
    b.p[n] = '\0';
    lx(x, worksheet_write_string(ws, row, col, b.p, f), "a text cell");
    free(b.p);
}

static void put_n(xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *f)
{
    if (!x->bad)
        lx(x, worksheet_write_number(ws, row, col, v, f), "a number cell");
}

static double fpd(const jz_rnum *n)
{
    return (double)n->fp / 10000.0;
}

/* A number as scored, or a blank cell when it is null. */
static void put_rnum(xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const jz_rnum *n, lxw_format *f)
{
    if (n->text[0])
        put_n(x, ws, row, col, fpd(n), f);
    else if (f && !x->bad)
        lx(x, worksheet_write_blank(ws, row, col, f), "a blank cell");
}

static void put_f(xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *f,
                  double cached)
{
    if (!x->bad)
        lx(x, worksheet_write_formula_num(ws, row, col, formula, f, cached), "a formula cell");
}

static void width(xl *x, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double w)
{
    if (!x->bad)
        lx(x, worksheet_set_column(ws, first, last, w, NULL), "a column width");
}

static char *cell(char buf[16], lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell_abs(buf, row, col, 1, 1);
    return buf;
}

/* A fixed-point number (x 10000) as formula text, from its value, never from the input's
 * text (which could be any string): 5990000 -> "599", 9150500 -> "915.05". */
static char *fp_text(int64_t fp, char buf[static JZ_FP_BUF])
{
    return jz_fixed_trim(fp, 4, buf, JZ_FP_BUF);
}

/* Decimals of a number as jz-score wrote it ("942.2" -> 1). */
static int decimals(const jz_rnum *n)
{
    const char *dot = strchr(n->text, '.');
    size_t d = dot ? strlen(dot + 1) : 0;
    return d > 4 ? 4 : (int)d;
}

/* ---- formats ---- */

static lxw_format *fmt(xl *x, const char *num, lxw_color_t fill, lxw_color_t font, bool bold)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        lx(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "a cell format");
        return NULL;
    }
    if (num)
        format_set_num_format(f, num);
    if (fill)
        format_set_bg_color(f, fill);
    if (font)
        format_set_font_color(f, font);
    if (bold)
        format_set_bold(f);
    return f;
}

static void formats_make(xl *x)
{
    static const char *const nums[5] = {"0", "0.0", "0.00", "0.000", "0.0000"};
    x->head = fmt(x, NULL, 0xDDEBF7, 0, true);
    if (x->head)
        format_set_bottom(x->head, LXW_BORDER_THIN);
    x->label = fmt(x, NULL, 0, 0, true);
    x->wrap = fmt(x, NULL, 0, 0, false);
    if (x->wrap)
        format_set_text_wrap(x->wrap);
    for (int i = 0; i < 5; i++)
        x->num[i] = fmt(x, nums[i], 0, 0, false);
    x->pct = fmt(x, "0.0%", 0, 0, false);
    x->hrs = fmt(x, "#,##0.00", 0, 0, false);
    /* Excel's own Good / Neutral / Bad colours, a lighter green between, grey for none */
    x->grade[G_TOP] = fmt(x, NULL, 0xC6EFCE, 0x006100, true);
    x->grade[G_GOOD] = fmt(x, NULL, 0xE2F0D9, 0x375623, false);
    x->grade[G_PASS] = fmt(x, NULL, 0xFFEB9C, 0x9C5700, false);
    x->grade[G_FAIL] = fmt(x, NULL, 0xFFC7CE, 0x9C0006, true);
    x->grade[G_NONE] = fmt(x, NULL, 0xD9D9D9, 0x404040, false);
    x->alert = fmt(x, NULL, 0xFFC7CE, 0x9C0006, false);
}

/* The colour class of a grade in its file's grade order: the top grade, grades above the
 * pass grade, the pass grade itself, grades below it, and no grade. */
static int grade_class(const jz_rfile *f, const char *g)
{
    size_t at = f->ngrades, pass = f->ngrades;
    for (size_t i = 0; i < f->ngrades; i++) {
        if (strcmp(f->grades[i].name, g) == 0)
            at = i;
        if (strcmp(f->grades[i].name, f->pass_grade) == 0)
            pass = i;
    }
    if (!g[0] || at == f->ngrades)
        return G_NONE;
    if (at == 0)
        return G_TOP;
    if (pass == f->ngrades)
        return at + 1 == f->ngrades ? G_FAIL : G_GOOD;
    return at < pass ? G_GOOD : at == pass ? G_PASS : G_FAIL;
}

static lxw_format *grade_fmt(const xl *x, const jz_rcentre *c)
{
    return x->grade[grade_class(&x->r->files[c->file], c->grade)];
}

static const char *grade_text(const jz_rcentre *c)
{
    return c->grade[0] ? c->grade : c->scored ? DC_("workbook", "no grade") : DC_("workbook", "not scored");
}

/* A sentence of the result in the document language (the text owned by the workbook's
 * buffer ring: valid for the next few calls). */
static const char *said(const char *s)
{
    static char ring[4][8192];
    static unsigned next;
    char *b = ring[next++ % 4];
    return jz_doc_text(s, b, sizeof ring[0]);
}

/* A unit of the result ("points", "clients", "h", "%") in the document's words. */
static const char *unit_words(const char *u)
{
    static const char *const units[] = {NC_("unit", "points"), NC_("unit", "of 5"), NC_("unit", "clients"),
                                        NC_("unit", "activities"), NC_("unit", "staff"), NC_("unit", "records"),
                                        NC_("unit", "attendances"), NC_("unit", "volunteers"), NC_("unit", "h"),
                                        NC_("unit", "hours"), NC_("unit", "minutes"), NC_("unit", "days"),
                                        NC_("unit", "people")};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(units[i], u) == 0)
            return DC_("unit", units[i]);
    return u;
}

/* The sheets of the workbook besides the centres', in the document language. */
enum { SH_SUMMARY, SH_SECTIONS, SH_HOURS, SH_HISTORY, SH_EVIDENCE, SH_VERIFICATION, SH_INTEGRITY, SH_N };
static const char *sheet_of(int k)
{
    static const char *const names[SH_N] = {NC_("sheet", "Summary"), NC_("sheet", "Sections"), NC_("sheet", "Hours"),
                                            NC_("sheet", "History"), NC_("sheet", "Evidence"),
                                            NC_("sheet", "Verification"), NC_("sheet", "Integrity")};
    return DC_("sheet", names[k]);
}

/* ---- sheet names ---- */

static bool name_taken(const xl *x, size_t upto, const char *name)
{
    for (int k = 0; k < SH_N; k++)
        if (strcasecmp(sheet_of(k), name) == 0)
            return true;
    for (size_t i = 0; i < upto; i++)
        if (strcasecmp(x->pos[i].name, name) == 0)
            return true;
    return false;
}

/* Copy id into out as an Excel sheet name of at most `units` UTF-16 units: []:*?/\ and
 * control characters become '_', as does an apostrophe at either end. */
static void name_clean(const char *id, size_t units, char out[NAME_CAP])
{
    const unsigned char *s = (const unsigned char *)id;
    size_t n = 0, used = 0;
    while (*s) {
        size_t len = *s < 0x80 ? 1 : *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 0;
        for (size_t k = 1; k < len; k++)
            if ((s[k] & 0xC0) != 0x80)
                len = 0;
        size_t u = len == 4 ? 2 : 1;
        if (used + u > units)
            break;
        if (len == 0 || (len == 1 && (*s < 0x20 || *s == 0x7F || strchr("[]:*?/\\", *s)))) {
            out[n++] = '_';
            s += len ? len : 1;
        } else {
            memcpy(out + n, s, len);
            n += len;
            s += len;
        }
        used += u;
    }
    out[n] = '\0';
    if (n && out[0] == '\'')
        out[0] = '_';
    if (n && out[n - 1] == '\'')
        out[n - 1] = '_';
}

static void sheet_name(xl *x, size_t i, const char *id)
{
    char *out = x->pos[i].name;
    const char *base_id = id[0] ? id : DC_("workbook", "centre");
    name_clean(base_id, SHEET_UNITS, out);
    for (unsigned k = 2; name_taken(x, i, out) || workbook_validate_sheet_name(x->wb, out) != LXW_NO_ERROR; k++) {
        char suffix[16], base[NAME_CAP];
        snprintf(suffix, sizeof suffix, "~%u", k);
        name_clean(base_id, SHEET_UNITS - strlen(suffix), base);
        size_t n = strlen(base), m = strlen(suffix);   /* at most 31 units of <= 3 bytes, + 15 */
        memcpy(out, base, n);
        memcpy(out + n, suffix, m + 1);
    }
    sbuf b = {0};
    sb_addf(&b, "'");
    for (const char *p = out; *p; p++)
        sb_addf(&b, *p == '\'' ? "''" : "%c", *p);
    sb_addf(&b, "'!");
    x->pos[i].ref = b.p;
}

/* ---- a centre's sheet ---- */

static void centre_header(xl *x, const jz_rcentre *c, lxw_worksheet *ws)
{
    const jz_rfile *f = &x->r->files[c->file];
    static const char *const lab[4][3] = {
        {NC_("workbook", "centre"), NC_("workbook", "district"), NC_("workbook", "street")},
        {NC_("workbook", "contract"), NC_("workbook", "operator"), NC_("workbook", "records")},
        {NC_("workbook", "grade"), NC_("workbook", "grade note"), NC_("workbook", "rubric")},
        {NC_("workbook", "as of"), NC_("workbook", "as of from"), NC_("workbook", "rubric version")}};
    const char *val[4][3] = {{c->centre, c->district, c->street}, {c->contract, c->operator_, NULL},
                             {NULL, said(c->grade_note), f->rubric_id}, {c->as_of, said(c->as_of_reason), f->rubric_version}};
    static const lxw_col_t at[3] = {C_ID, C_PARTY, C_TARGET};
    for (lxw_row_t r = 0; r < 4; r++)
        for (int k = 0; k < 3; k++) {
            put_s(x, ws, r, at[k], DC_("workbook", lab[r][k]), x->label);
            put_s(x, ws, r, at[k] + 1, val[r][k], NULL);
        }
    put_n(x, ws, 1, C_TARGET + 1, (double)c->records, x->num[0]);
    /* the rubric's standing (official, draft, example; who issued it), as the text says it */
    if (!f->hours_only) {
        char who[600];
        put_s(x, ws, 4, C_ID, DC_("workbook", "rubric status"), x->label);
        put_s(x, ws, 4, C_TITLE, jz_report_issuer(f, who, sizeof who), NULL);
    }
}

static void indicator_rows(xl *x, const jz_rcentre *c, lxw_worksheet *ws)
{
    /* figures are numbers, each column's unit in its header: value and target in the
     * indicator's unit (column L: "%" means the value is a fraction, shown as a percentage) */
    static const char *const cols[C_NCOLS] = {
        NC_("workbook", "id"), NC_("workbook", "title"), NC_("workbook", "section"), NC_("workbook", "party"),
        NC_("workbook", "value (in unit)"), NC_("workbook", "target (in unit)"), NC_("workbook", "ratio (%)"),
        NC_("workbook", "earned (points)"), NC_("workbook", "possible (points)"), NC_("workbook", "status"),
        NC_("workbook", "derivation"), NC_("workbook", "unit")};
    for (lxw_col_t k = 0; k < C_NCOLS; k++)
        put_s(x, ws, HDR_ROW, k, DC_("workbook", cols[k]), x->head);
    for (size_t i = 0; i < c->nind; i++) {
        const jz_rind *d = &c->ind[i];
        lxw_row_t r = (lxw_row_t)(FIRST_IND + i);
        put_s(x, ws, r, C_ID, d->id, NULL);
        put_s(x, ws, r, C_TITLE, d->title, NULL);
        put_s(x, ws, r, C_SECTION, d->section, NULL);
        put_s(x, ws, r, C_PARTY, jz_doc_code("party", d->party), NULL);
        if (c->facts.known) {  /* jiazong-score/3 gives the unit: the value is a number */
            lxw_format *u = strcmp(d->unit, "%") == 0 ? x->pct : NULL;
            put_rnum(x, ws, r, C_VALUE, &d->value, u);
            put_rnum(x, ws, r, C_TARGET, &d->target, u);
            put_s(x, ws, r, C_UNIT, strcmp(d->status, "n/a") == 0 ? "" : unit_words(d->unit), NULL);
        } else {  /* an older result: its value as it wrote it, with the unit in the text */
            put_s(x, ws, r, C_VALUE, said(d->value_text), NULL);
            put_rnum(x, ws, r, C_TARGET, &d->target, NULL);
        }
        put_rnum(x, ws, r, C_RATIO, &d->ratio, x->pct);
        put_rnum(x, ws, r, C_EARNED, &d->earned, x->num[2]);
        put_rnum(x, ws, r, C_POSSIBLE, &d->possible, x->num[2]);
        put_s(x, ws, r, C_STATUS, jz_doc_code("status", d->status), strcmp(d->status, "zero") == 0 ? x->alert : NULL);
        put_s(x, ws, r, C_DERIV, said(d->derivation), NULL);
    }
    if (c->nind && !x->bad)
        lx(x, worksheet_autofilter(ws, HDR_ROW, 0, (lxw_row_t)(HDR_ROW + c->nind), C_NCOLS - 1), "an autofilter");
}

/* Whether SUMIF can match section id s exactly: no wildcard or comparison characters and
 * no other section of the centre equal to it ignoring case (SUMIF ignores case). */
static bool sumif_safe(const jz_rcentre *c, size_t k)
{
    const char *s = c->sec[k].id;
    if (!*s || strpbrk(s, "*?~") || strchr("=<>", *s))
        return false;
    for (size_t j = 0; j < c->nsec; j++)
        if (j != k && strcasecmp(c->sec[j].id, s) == 0)
            return false;
    return true;
}

/* The sheet row of applied item what/id (a cap's value is in column I there), 0 when the
 * result lists none. */
static lxw_row_t applied_row(const jz_rcentre *c, const cpos *p, const char *what, const char *id)
{
    for (size_t i = 0; i < c->napplied; i++)
        if (strcmp(c->applied[i].what, what) == 0 && strcmp(c->applied[i].id, id) == 0)
            return p->app_row[i];
    return 0;
}

/* The cap fact of what/id (jiazong-score/3), or NULL: none, or the facts are unknown. */
static const jz_rcap *cap_fact(const jz_rcentre *c, const char *what, const char *id)
{
    for (size_t i = 0; c->facts.known && i < c->facts.ncaps; i++)
        if (strcmp(c->facts.caps[i].what, what) == 0 && strcmp(c->facts.caps[i].id, id) == 0)
            return &c->facts.caps[i];
    return NULL;
}

/* A section's earned points: its own indicators (SUMIF over the earned column by the id in
 * column A, or the cells one by one) plus its direct subsections' subtotals, within the
 * section's cap when the facts say one applied (the cap's cell in the applied block). */
static void section_formula(const jz_rcentre *c, const cpos *p, size_t k, sbuf *b)
{
    char a[16], z[16], e[16], id[16];
    sb_reset(b);
    lxw_row_t cap = cap_fact(c, "section-cap", c->sec[k].id) ? applied_row(c, p, "section-cap", c->sec[k].id) : 0;
    if (cap)
        sb_addf(b, "MIN(");
    lxw_row_t last = (lxw_row_t)(FIRST_IND + c->nind - 1);
    if (c->nind && sumif_safe(c, k)) {
        sb_addf(b, "SUMIF(%s:%s,%s,", cell(a, FIRST_IND, C_SECTION), cell(z, last, C_SECTION),
                cell(id, p->sec_row[k], C_ID));
        sb_addf(b, "%s:%s)", cell(a, FIRST_IND, C_EARNED), cell(z, last, C_EARNED));
    } else {
        sb_addf(b, "0");
        for (size_t i = 0; i < c->nind; i++)
            if (strcmp(c->ind[i].section, c->sec[k].id) == 0)
                sb_addf(b, "+%s", cell(e, (lxw_row_t)(FIRST_IND + i), C_EARNED));
    }
    for (size_t j = k + 1; j < c->nsec && c->sec[j].depth > c->sec[k].depth; j++)
        if (c->sec[j].depth == c->sec[k].depth + 1)
            sb_addf(b, "+%s", cell(e, p->sec_row[j], C_EARNED));
    if (cap)
        sb_addf(b, ",%s)", cell(e, cap, C_POSSIBLE));
}

static lxw_row_t section_rows(xl *x, const jz_rcentre *c, cpos *p, lxw_row_t row, sbuf *b)
{
    static const char *const cols[] = {NC_("workbook", "section"), NC_("workbook", "title"),
                                       NC_("workbook", "parent"), NC_("workbook", "party")};
    for (lxw_col_t k = 0; k < 4; k++)
        put_s(x, p->ws, row, k, DC_("workbook", cols[k]), x->head);
    put_s(x, p->ws, row, C_EARNED, DC_("workbook", "earned (points)"), x->head);
    put_s(x, p->ws, row, C_POSSIBLE, DC_("workbook", "possible (points)"), x->head);
    put_s(x, p->ws, row, C_DERIV, DC_("workbook", "formula"), x->head);
    const char *parent[16] = {NULL};
    for (size_t k = 0; k < c->nsec; k++) {
        const jz_rsec *s = &c->sec[k];
        lxw_row_t r = p->sec_row[k];
        int d = s->depth < 1 ? 1 : s->depth > 15 ? 15 : s->depth;
        parent[d] = s->id;
        put_s(x, p->ws, r, C_ID, s->id, s->depth <= 1 ? x->label : NULL);
        put_s(x, p->ws, r, C_TITLE, s->title, NULL);
        put_s(x, p->ws, r, C_SECTION, d > 1 ? parent[d - 1] : NULL, NULL);
        put_s(x, p->ws, r, C_PARTY, jz_doc_code("party", s->party), NULL);
        section_formula(c, p, k, b);
        put_f(x, p->ws, r, C_EARNED, b->p, x->num[2], fpd(&s->earned));
        put_rnum(x, p->ws, r, C_POSSIBLE, &s->possible, x->num[2]);
        put_s(x, p->ws, r, C_DERIV, strncmp(b->p, "MIN(", 4) == 0 ? D_("its indicators' earned points plus its "
              "subsections, counted up to its cap (in the applied block)") :
              D_("its indicators' earned points plus its subsections"), NULL);
    }
    return (lxw_row_t)(row + c->nsec + 2);
}

/* Where the applied block's rows go (before anything is written: section formulas refer
 * to a section's cap there): deductions first (their rows are the sum's range), then caps,
 * vetoes and section minimums. */
static void applied_layout(const jz_rcentre *c, cpos *p, lxw_row_t row, size_t *nded)
{
    *nded = 0;
    p->app_row = jz_xcalloc(c->napplied ? c->napplied : 1, sizeof *p->app_row);
    lxw_row_t r = row + 1;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->napplied; i++)
            if ((strcmp(c->applied[i].what, "deduction") == 0) == (pass == 0)) {
                *nded += pass == 0;
                p->app_row[i] = r++;
            }
}

static lxw_row_t applied_rows(xl *x, const jz_rcentre *c, cpos *p, lxw_row_t row)
{
    put_s(x, p->ws, row, C_ID, DC_("workbook", "applied"), x->head);
    put_s(x, p->ws, row, C_TITLE, DC_("workbook", "title"), x->head);
    put_s(x, p->ws, row, C_EARNED, DC_("workbook", "points off"), x->head);
    put_s(x, p->ws, row, C_POSSIBLE, DC_("workbook", "cap (points)"), x->head);
    put_s(x, p->ws, row, C_DERIV, DC_("workbook", "detail"), x->head);
    lxw_row_t r = row + 1;
    for (size_t i = 0; i < c->napplied; i++) {
        const jz_rapplied *a = &c->applied[i];
        bool ded = strcmp(a->what, "deduction") == 0;
        lxw_row_t at = p->app_row[i];
        put_s(x, p->ws, at, C_ID, jz_doc_code("applied", a->what), strcmp(a->what, "veto") == 0 ? x->alert : NULL);
        put_s(x, p->ws, at, C_TITLE, a->title, NULL);
        /* a deduction takes points off (summed into the deductions); a veto's, a section's or
         * the deductions' cap is a cap, in its own column */
        put_rnum(x, p->ws, at, ded ? C_EARNED : C_POSSIBLE, &a->points, x->num[2]);
        put_s(x, p->ws, at, C_DERIV, said(a->detail), NULL);
        r = at + 1 > r ? at + 1 : r;
    }
    if (c->napplied == 0)
        put_s(x, p->ws, r++, C_ID, DC_("workbook", "none"), NULL);
    return r + 1;
}

/* The total's formula, from the result's facts (jiazong-score/3): the earned points
 * (re-weighted when the facts say so: x scale / applicable), minus the deductions, rounded
 * as the total was written, never below 0, within every veto's cap (their cells in the
 * applied block); and a sentence saying which rules applied, as the facts state them.
 * False when the facts are unknown (an older result): then the total is the figure
 * jz-score wrote, not a formula, and the note says why. */
static bool total_formula(const jz_rcentre *c, const cpos *p, sbuf *b, sbuf *note)
{
    char e[16], d[16], ap[16], num[JZ_FP_BUF];
    const jz_rfacts *fa = &c->facts;
    int dec = decimals(&c->total);
    sb_reset(b);
    sb_reset(note);
    if (!fa->known) {
        sb_addf(note, "%s", D_("the total as jz-score wrote it: this result (an older schema than jiazong-score/3) does "
                "not record how it came about (re-weighting, caps), so it is not a formula here"));
        return false;
    }
    size_t ncap = 0;
    for (size_t i = 0; i < fa->ncaps; i++)
        ncap += strcmp(fa->caps[i].what, "veto") == 0 && applied_row(c, p, "veto", fa->caps[i].id);
    if (ncap)
        sb_addf(b, "MIN(");
    sb_addf(b, "MAX(0,ROUND(%s", cell(e, p->earned_row, C_EARNED));
    if (fa->reweighted) {
        sb_addf(b, "*%s/%s", fp_text(fa->scale.fp, num), cell(ap, p->appl_row, C_EARNED));
        sbuf from = {0};
        sb_addf(&from, "%s", "");
        for (size_t i = 0; i < fa->nfrom; i++)
            sb_addf(&from, "%s%s", i ? D_(", ") : "", fa->from[i]);
        char cov[32];
        snprintf(cov, sizeof cov, "%.1f", fpd(&c->coverage) * 100.0);
        sb_addf(note, DN_("re-weighted: the points of the n/a indicator %s (%s) moved to the applicable ones: "
                          "earned x %s / %s applicable points (coverage %s %%), ",
                          "re-weighted: the points of the n/a indicators %s (%s) moved to the applicable ones: "
                          "earned x %s / %s applicable points (coverage %s %%), ", fa->nfrom),
                from.p, fa->na_points.text, fa->scale.text, c->applicable.text, cov);
        free(from.p);
    } else {
        sb_addf(note, "%s", D_("the sum of the earned points, "));
    }
    sb_addf(b, "-%s,%d))", cell(d, p->ded_row, C_EARNED), dec);
    sb_addf(note, DN_("minus deductions, rounded to %d decimal, never below 0",
                      "minus deductions, rounded to %d decimals, never below 0", (unsigned long)dec), dec);
    for (size_t i = 0; i < fa->ncaps; i++) {
        const jz_rcap *k = &fa->caps[i];
        if (strcmp(k->what, "veto") == 0) {
            lxw_row_t r = applied_row(c, p, "veto", k->id);
            if (r)
                sb_addf(b, ",%s", cell(d, r, C_POSSIBLE));
            if (k->lowered)
                sb_addf(note, D_("; veto %s caps the total at %s: it lowered %s to %s"), k->title, k->cap.text,
                        k->before.text, k->after.text);
            else
                sb_addf(note, D_("; veto %s caps the total at %s, above the total %s: it took nothing"), k->title,
                        k->cap.text, k->before.text);
        } else if (strcmp(k->what, "deduction-cap") == 0) {
            sb_addf(note, D_("; deductions of %s capped at %s"), k->before.text, k->cap.text);
        } else if (strcmp(k->what, "section-cap") == 0) {
            sb_addf(note, D_("; section %s counted at its cap of %s (it earned %s)"), k->id, k->cap.text,
                    k->before.text);
        }
    }
    if (ncap)
        sb_addf(b, ")");
    if (fa->forced_by)
        sb_addf(note, strcmp(fa->forced_by->what, "veto") == 0 ? D_("; veto %s forced the grade %s (the total alone "
                "gives %s)") : D_("; section minimum %s forced the grade %s (the total alone gives %s)"),
                fa->forced_by->title, fa->forced_by->grade,
                fa->grade_of_total[0] ? fa->grade_of_total : DC_("workbook", "no grade"));
    return true;
}

/* The centre's earned points: its top-level sections' subtotals (within their caps) and
 * any indicator outside every section; without sections, the indicators' sum. */
static void earned_formula(const jz_rcentre *c, const cpos *p, sbuf *b)
{
    char a[16], z[16];
    sb_reset(b);
    if (!c->nsec) {
        sb_addf(b, "SUM(%s:%s)", cell(a, FIRST_IND, C_EARNED), cell(z, (lxw_row_t)(FIRST_IND + c->nind - 1), C_EARNED));
        return;
    }
    for (size_t k = 0; k < c->nsec; k++)
        if (c->sec[k].depth <= 1)
            sb_addf(b, "%s%s", b->n ? "+" : "", cell(a, p->sec_row[k], C_EARNED));
    for (size_t i = 0; i < c->nind; i++) {
        size_t k = 0;
        while (k < c->nsec && strcmp(c->sec[k].id, c->ind[i].section) != 0)
            k++;
        if (k == c->nsec)
            sb_addf(b, "%s%s", b->n ? "+" : "", cell(a, (lxw_row_t)(FIRST_IND + i), C_EARNED));
    }
    if (!b->n)
        sb_addf(b, "0");
}

static lxw_row_t total_rows(xl *x, const jz_rcentre *c, cpos *p, lxw_row_t row, lxw_row_t ded_first, size_t nded,
                            sbuf *b)
{
    char a[16], z[16];
    int dec = decimals(&c->total);
    p->earned_row = row;
    p->appl_row = row + 1;
    p->ded_row = row + 2;
    p->total_row = row + 3;
    put_s(x, p->ws, row, C_ID, DC_("workbook", "earned"), x->label);
    put_s(x, p->ws, row, C_TITLE, D_("the indicators' earned points (points), within any section cap"), NULL);
    if (c->nind) {
        earned_formula(c, p, b);
        put_f(x, p->ws, row, C_EARNED, b->p, x->num[2], fpd(&c->earned));
    } else {
        put_rnum(x, p->ws, row, C_EARNED, &c->earned, x->num[2]);
    }
    put_s(x, p->ws, p->appl_row, C_ID, DC_("workbook", "applicable"), x->label);
    put_s(x, p->ws, p->appl_row, C_TITLE, D_("points of the indicators that applied (not n/a)"), NULL);
    put_rnum(x, p->ws, p->appl_row, C_EARNED, &c->applicable, x->num[2]);
    put_rnum(x, p->ws, p->appl_row, C_POSSIBLE, &c->coverage, x->pct);
    put_s(x, p->ws, p->appl_row, C_STATUS, DC_("workbook", "coverage"), NULL);
    put_s(x, p->ws, p->ded_row, C_ID, DC_("workbook", "deductions"), x->label);
    put_s(x, p->ws, p->ded_row, C_TITLE, D_("inspection findings (applied above)"), NULL);
    if (nded) {
        sb_reset(b);
        lxw_row_t cap = cap_fact(c, "deduction-cap", "cap") ? applied_row(c, p, "deduction-cap", "cap") : 0;
        char capcell[16];
        sb_addf(b, "%sSUM(%s:%s)", cap ? "MIN(" : "", cell(a, ded_first, C_EARNED),
                cell(z, (lxw_row_t)(ded_first + nded - 1), C_EARNED));
        if (cap)
            sb_addf(b, ",%s)", cell(capcell, cap, C_POSSIBLE));
        put_f(x, p->ws, p->ded_row, C_EARNED, b->p, x->num[2], c->deductions.fp > 0 ? fpd(&c->deductions) : 0);
    } else {
        put_n(x, p->ws, p->ded_row, C_EARNED, c->deductions.fp > 0 ? fpd(&c->deductions) : 0, x->num[2]);
    }
    sbuf note = {0};
    bool live = total_formula(c, p, b, &note);
    put_s(x, p->ws, p->total_row, C_ID, DC_("workbook", "total"), x->label);
    put_s(x, p->ws, p->total_row, C_TITLE, live ? D_("the centre's total (points; a formula: correct a score above "
          "and it moves)") : D_("the centre's total (points)"), NULL);
    if (!c->scored)  /* no records in the run: no total, not a 0 */
        put_s(x, p->ws, p->total_row, C_EARNED, DC_("workbook", "not scored"), NULL);
    else if (live)
        put_f(x, p->ws, p->total_row, C_EARNED, b->p, x->num[dec], fpd(&c->total));
    else
        put_rnum(x, p->ws, p->total_row, C_EARNED, &c->total, x->num[dec]);
    put_s(x, p->ws, p->total_row, C_DERIV, note.p, NULL);
    free(note.p);
    return p->total_row + 2;
}

/* A formula's text constant: '"' doubled (our own words only, never an input's). */
static void sb_quoted(sbuf *b, const char *s)
{
    sb_addf(b, "\"");
    for (; *s; s++)
        sb_addf(b, *s == '"' ? "\"\"" : "%c", *s);
    sb_addf(b, "\"");
}

/* The grade as a formula of the total cell: the bands of the result's rubric (their cells
 * in the grades block) as a nested IF, the first band whose min the total reaches, else the
 * last. A rule of the facts that made the grade at most G (a veto's grade, a section
 * minimum) starts the ladder at G: the grade is never above it, and a lower total still
 * lowers it. False (the grade as written) when the facts are unknown, the centre has no
 * grade of its total (not scored, coverage too low: the total does not decide it), or a
 * grade is not one of the bands. */
static bool grade_formula(const jz_rcentre *c, const jz_rfile *f, const cpos *p, sbuf *b)
{
    char t[16], g[16], m[16];
    sb_reset(b);
    if (!c->scored || !c->facts.known || !c->facts.grade_of_total[0] || !p->band_row || !f->ngrades)
        return false;
    size_t from = 0;
    for (size_t i = 0; i < c->facts.ngrades; i++) {
        size_t k = 0;
        while (k < f->ngrades && strcmp(f->grades[k].name, c->facts.grades[i].grade) != 0)
            k++;
        if (k == f->ngrades)
            return false;
        from = k > from ? k : from;
    }
    cell(t, p->total_row, C_EARNED);
    size_t open = 0;
    for (size_t k = from; k + 1 < f->ngrades; k++, open++)
        sb_addf(b, "IF(%s>=%s,%s,", t, cell(m, (lxw_row_t)(p->band_row + k), C_EARNED),
                cell(g, (lxw_row_t)(p->band_row + k), C_TITLE));
    sb_addf(b, "%s", cell(g, (lxw_row_t)(p->band_row + f->ngrades - 1), C_TITLE));
    while (open--)
        sb_addf(b, ")");
    return true;
}

/* The grades block: the rubric's bands (name, min) the grade formula reads, and the rules'
 * pass grade the payment formula reads. */
static lxw_row_t grade_rows(xl *x, const jz_rcentre *c, cpos *p, lxw_row_t row)
{
    const jz_rfile *f = &x->r->files[c->file];
    const jz_rules *rules = x->o ? x->o->rules : NULL;
    if (!f->ngrades || f->hours_only)
        return row;
    put_s(x, p->ws, row, C_ID, DC_("workbook", "grades"), x->head);
    put_s(x, p->ws, row, C_TITLE, DC_("workbook", "grade"), x->head);
    put_s(x, p->ws, row, C_EARNED, DC_("workbook", "min (points)"), x->head);
    put_s(x, p->ws, row, C_DERIV, D_("the rubric's bands: the grade is the first whose min the total reaches"), x->head);
    p->band_row = row + 1;
    for (size_t k = 0; k < f->ngrades; k++) {
        lxw_row_t r = (lxw_row_t)(p->band_row + k);
        put_s(x, p->ws, r, C_ID, DC_("workbook", "band"), NULL);
        put_s(x, p->ws, r, C_TITLE, f->grades[k].name, NULL);
        put_rnum(x, p->ws, r, C_EARNED, &f->grades[k].min, x->num[decimals(&f->grades[k].min)]);
    }
    row = (lxw_row_t)(p->band_row + f->ngrades);
    if (rules && rules->has_payment) {
        p->pass_row = row;
        put_s(x, p->ws, row, C_ID, DC_("workbook", "pass grade"), x->label);
        put_s(x, p->ws, row, C_TITLE, rules->pass_grade, NULL);
        put_s(x, p->ws, row, C_DERIV, D_("the rules' pass grade: a grade at or above it pays the instalment"), NULL);
        row++;
    }
    return row + 1;
}

/* A grade cell that is a formula keeps its colour right when the grade moves: one
 * conditional format per band, "equal to the band's name cell" (ref: "" on the centre's
 * own sheet, its "'name'!" elsewhere), in the band's colour. */
static void grade_colours(xl *x, const jz_rcentre *c, const cpos *p, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *ref)
{
    const jz_rfile *f = &x->r->files[c->file];
    char a[16], v[NAME_CAP * 2 + 40];
    for (size_t k = 0; p->grade_live && k < f->ngrades && !x->bad; k++) {
        lxw_conditional_format cf;
        memset(&cf, 0, sizeof cf);
        snprintf(v, sizeof v, "=%s%s", ref, cell(a, (lxw_row_t)(p->band_row + k), C_TITLE));
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = v;
        cf.format = x->grade[grade_class(f, f->grades[k].name)];
        lx(x, worksheet_conditional_format_cell(ws, row, col, &cf), "a conditional format");
    }
}

/* The grade cell of the total row: a formula of the total when it can be (grade_formula). */
static void grade_cell(xl *x, const jz_rcentre *c, cpos *p, sbuf *b)
{
    const jz_rfile *f = &x->r->files[c->file];
    p->grade_live = grade_formula(c, f, p, b);
    if (p->grade_live && !x->bad)
        lx(x, worksheet_write_formula_str(p->ws, p->total_row, C_POSSIBLE, b->p, grade_fmt(x, c), grade_text(c)),
           "a formula cell");
    else
        put_s(x, p->ws, p->total_row, C_POSSIBLE, grade_text(c), grade_fmt(x, c));
}

static void score_rows(xl *x, const jz_rcentre *c, lxw_worksheet *ws, lxw_row_t row)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nind; i++)
        n += c->ind[i].nscores;
    if (!n)
        return;
    put_s(x, ws, row, C_ID, DC_("workbook", "indicator"), x->head);
    put_s(x, ws, row, C_TITLE, DC_("workbook", "evaluator"), x->head);
    put_s(x, ws, row, C_SECTION, DC_("workbook", "disagreement"), x->head);
    put_s(x, ws, row, C_EARNED, DC_("workbook", "score"), x->head);
    put_s(x, ws, row, C_POSSIBLE, DC_("workbook", "spread"), x->head);
    put_s(x, ws, row, C_DERIV, DC_("workbook", "comment"), x->head);
    lxw_row_t r = row + 1;
    for (size_t i = 0; i < c->nind; i++)
        for (size_t k = 0; k < c->ind[i].nscores; k++, r++) {
            const jz_rind *d = &c->ind[i];
            put_s(x, ws, r, C_ID, d->id, NULL);
            put_s(x, ws, r, C_TITLE, d->scores[k].evaluator, NULL);
            put_s(x, ws, r, C_SECTION, d->disagreement ? DC_("workbook", "yes") : NULL, d->disagreement ? x->alert : NULL);
            put_rnum(x, ws, r, C_EARNED, &d->scores[k].score, x->num[2]);
            put_rnum(x, ws, r, C_POSSIBLE, &d->spread, x->num[2]);
            put_s(x, ws, r, C_DERIV, d->scores[k].comment, NULL);
        }
}

static void centre_sheet(xl *x, size_t ci, sbuf *b)
{
    const jz_rcentre *c = &x->r->centres[ci];
    cpos *p = &x->pos[ci];
    static const double widths[C_NCOLS] = {18, 40, 16, 12, 12, 12, 9, 12, 12, 9, 90, 10};
    for (lxw_col_t k = 0; k < C_NCOLS; k++)
        width(x, p->ws, k, k, widths[k]);
    if (!x->bad)
        worksheet_freeze_panes(p->ws, FIRST_IND, 1);
    centre_header(x, c, p->ws);
    indicator_rows(x, c, p->ws);
    /* the layout first: a section's formula refers to its cap in the applied block below */
    lxw_row_t sec_head = (lxw_row_t)(FIRST_IND + c->nind + 1), app_head = (lxw_row_t)(sec_head + c->nsec + 2);
    p->sec_row = jz_xcalloc(c->nsec ? c->nsec : 1, sizeof *p->sec_row);
    for (size_t k = 0; k < c->nsec; k++)
        p->sec_row[k] = (lxw_row_t)(sec_head + 1 + k);
    size_t nded;
    applied_layout(c, p, app_head, &nded);
    section_rows(x, c, p, sec_head, b);
    lxw_row_t row = applied_rows(x, c, p, app_head);
    row = total_rows(x, c, p, row, app_head + 1, nded, b);
    row = grade_rows(x, c, p, row);
    grade_cell(x, c, p, b);
    /* the header's grade is the total row's */
    char g[16];
    sb_reset(b);
    sb_addf(b, "=%s", cell(g, p->total_row, C_POSSIBLE));
    if (!x->bad)
        lx(x, worksheet_write_formula_str(p->ws, 2, 1, b->p, grade_fmt(x, c), grade_text(c)), "a formula cell");
    grade_colours(x, c, p, p->ws, p->total_row, C_POSSIBLE, "");
    grade_colours(x, c, p, p->ws, 2, 1, "");
    score_rows(x, c, p->ws, row);
}

/* ---- Summary, Sections, Hours ---- */

static const jz_rsec *top_section(const jz_rcentre *c, const char *id, lxw_row_t *row, const cpos *p)
{
    for (size_t k = 0; k < c->nsec; k++)
        if (c->sec[k].depth == 1 && strcmp(c->sec[k].id, id) == 0) {
            *row = p->sec_row[k];
            return &c->sec[k];
        }
    return NULL;
}

static void top_sections(xl *x)
{
    x->top = jz_xcalloc(1, sizeof *x->top);
    for (size_t i = 0; i < x->r->ncentres; i++) {
        const jz_rcentre *c = &x->r->centres[i];
        for (size_t k = 0; k < c->nsec; k++) {
            if (c->sec[k].depth != 1)
                continue;
            size_t j = 0;
            while (j < x->ntop && strcmp(x->top[j], c->sec[k].id) != 0)
                j++;
            if (j == x->ntop) {
                x->top = jz_xrealloc(x->top, (x->ntop + 1) * sizeof *x->top);
                x->top[x->ntop++] = c->sec[k].id;
            }
        }
    }
}

/* "='HZ-NZ'!$H$52" */
static void ref_formula(sbuf *b, const cpos *p, lxw_row_t row, lxw_col_t col)
{
    char a[16];
    sb_reset(b);
    sb_addf(b, "=%s%s", p->ref, cell(a, row, col));
}

/* A sentence template of three plain %s (the grade cell, the pass grade's cell, the
 * terms' text) as a formula: its literal parts quoted, joined with & to the two cells and
 * the terms. False when the template has another shape (then the sentence stays text). */
static bool sentence_formula(sbuf *b, const char *tmpl, const char *g, const char *pass_ref, const char *terms)
{
    const char *args[3] = {g, pass_ref, NULL};
    char part[400];
    int n = 0;
    const char *s = tmpl;
    for (;;) {
        const char *at = strstr(s, "%s");
        size_t len = at ? (size_t)(at - s) : strlen(s);
        if (len >= sizeof part || memchr(s, '%', len))
            return false;
        memcpy(part, s, len);
        part[len] = '\0';
        if (n)
            sb_addf(b, "&");
        sb_quoted(b, part);
        if (!at)
            break;
        if (n == 3)
            return false;
        sb_addf(b, "&");
        if (n < 2)
            sb_addf(b, "%s", args[n]);
        else
            sb_quoted(b, terms);
        n++;
        s = at + 2;
    }
    return n == 3;
}

/* The payment sentence as a formula of the grade cell g (the Summary's, itself the centre
 * sheet's grade): the rules' terms (jz_payment_terms) with the grade names and the pass
 * grade from the centre sheet's grades block, so a grade that moves moves the sentence.
 * False (the sentence as text) when the payment is undetermined or the block is missing. */
static bool payment_formula(xl *x, const jz_rcentre *c, const cpos *p, const char *g, sbuf *b, char *sentence,
                            size_t cap)
{
    const jz_rules *rules = x->o->rules;
    const jz_rfile *f = &x->r->files[c->file];
    char payable[400], withheld[400], a[16];
    if (!jz_payment_sentence(rules, f, c, x->o->instalment, sentence, cap))
        return sentence[0] = '\0', false;
    /* a centre with no grade has no total for a grade formula to follow: its sentence is text */
    if (!c->grade[0] ||
        jz_payment_terms(rules, f, c, x->o->instalment, payable, withheld, sizeof payable) != 1 || !p->band_row ||
        !p->pass_row)
        return false;
    size_t pass = 0;
    while (pass < f->ngrades && strcmp(f->grades[pass].name, rules->pass_grade) != 0)
        pass++;
    if (pass == f->ngrades)
        return false;
    sb_reset(b);
    sb_addf(b, "=IF(OR(");
    for (size_t k = 0; k <= pass; k++)
        sb_addf(b, "%s%s=%s%s", k ? "," : "", g, p->ref, cell(a, (lxw_row_t)(p->band_row + k), C_TITLE));
    char pass_ref[512];  /* a quoted sheet name (31 characters, any of them doubled) and a cell */
    int nref = snprintf(pass_ref, sizeof pass_ref, "%s%s", p->ref, cell(a, p->pass_row, C_TITLE));
    if (nref < 0 || (size_t)nref >= sizeof pass_ref)
        return false;
    sb_addf(b, "),");
    /* the sentence's own words, as jz_payment_sentence puts them in the document language */
    if (!sentence_formula(b, D_("%s (%s or better)%s"), g, pass_ref, payable))
        return false;
    sb_addf(b, ",");
    if (!sentence_formula(b, D_("%s (below %s)%s"), g, pass_ref, withheld))
        return false;
    sb_addf(b, ")");
    return true;
}

/* One row per centre, in the results' order. Only a graded centre has a total and a place
 * here (a centre without a grade is no score to rank: its total cell is blank, never its
 * re-weighted figure, and it has no place): the place is RANK over the graded totals, so
 * a corrected score moves it; tied totals share a place. */
static void summary_sheet(xl *x, sbuf *b)
{
    static const char *const fixed[] = {NC_("workbook", "contract"), NC_("workbook", "centre"),
                                        NC_("workbook", "district"), NC_("workbook", "street"),
                                        NC_("workbook", "operator"), NC_("workbook", "as of"),
                                        NC_("workbook", "total (points)"), NC_("workbook", "grade"),
                                        NC_("workbook", "place")};
    static const double fw[] = {18, 10, 10, 12, 36, 11, 9, 9, 6};
    enum { NFIX = 9, S_TOTAL = 6, S_GRADE = 7, S_PLACE = 8 };
    const jz_rules *rules = x->o ? x->o->rules : NULL;
    bool pay = rules && rules->has_payment;
    lxw_worksheet *ws = x->summary;
    lxw_col_t ncol = (lxw_col_t)(NFIX + x->ntop + 1 + pay);
    for (lxw_col_t k = 0; k < NFIX; k++) {
        put_s(x, ws, 0, k, DC_("workbook", fixed[k]), x->head);
        width(x, ws, k, k, fw[k]);
    }
    for (size_t j = 0; j < x->ntop; j++) {
        sb_reset(b);
        sb_addf(b, D_("%s (points)"), x->top[j]);
        put_s(x, ws, 0, (lxw_col_t)(NFIX + j), b->p, x->head);
    }
    width(x, ws, NFIX, (lxw_col_t)(NFIX + x->ntop), 12);
    put_s(x, ws, 0, (lxw_col_t)(NFIX + x->ntop), DC_("workbook", "hours"), x->head);
    if (pay) {
        put_s(x, ws, 0, (lxw_col_t)(NFIX + 1 + x->ntop), DC_("workbook", "payment"), x->head);
        width(x, ws, (lxw_col_t)(NFIX + 1 + x->ntop), (lxw_col_t)(NFIX + 1 + x->ntop), 90);
    }
    char t0[16], t1[16], g[16];
    cell(t0, 1, S_TOTAL);
    cell(t1, (lxw_row_t)(x->r->ncentres ? x->r->ncentres : 1), S_TOTAL);
    for (size_t i = 0; i < x->r->ncentres; i++) {
        const jz_rcentre *c = &x->r->centres[i];
        const cpos *p = &x->pos[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        bool graded = jz_rcentre_rank_class(c) == 0;
        const char *txt[] = {c->contract, c->centre, c->district, c->street, c->operator_, c->as_of};
        for (lxw_col_t k = 0; k < 6; k++)
            put_s(x, ws, r, k, txt[k], NULL);
        ref_formula(b, p, p->total_row, C_EARNED);
        if (graded) {
            put_f(x, ws, r, S_TOTAL, b->p, x->num[decimals(&c->total)], fpd(&c->total));
            size_t above = 1;
            for (size_t k = 0; k < x->r->ncentres; k++)
                above += jz_rcentre_rank_class(&x->r->centres[k]) == 0 && x->r->centres[k].total.fp > c->total.fp;
            sb_reset(b);
            sb_addf(b, "=RANK(%s,%s:%s)", cell(g, r, S_TOTAL), t0, t1);
            put_f(x, ws, r, S_PLACE, b->p, x->num[0], (double)above);
        } else if (!c->scored) {
            put_s(x, ws, r, S_TOTAL, DC_("workbook", "not scored"), NULL);
        }
        ref_formula(b, p, p->total_row, C_POSSIBLE);
        if (!x->bad)
            lx(x, worksheet_write_formula_str(ws, r, S_GRADE, b->p, grade_fmt(x, c), grade_text(c)), "a formula cell");
        grade_colours(x, c, p, ws, r, S_GRADE, p->ref);
        for (size_t j = 0; j < x->ntop; j++) {
            lxw_row_t sr;
            const jz_rsec *s = top_section(c, x->top[j], &sr, p);
            if (s) {
                ref_formula(b, p, sr, C_EARNED);
                put_f(x, ws, r, (lxw_col_t)(NFIX + j), b->p, x->num[2], fpd(&s->earned));
            }
        }
        const char *hs = jz_rcentre_hours_status(c);
        put_s(x, ws, r, (lxw_col_t)(NFIX + x->ntop), jz_doc_code("hours", hs), strcmp(hs, "short") == 0 ? x->alert : NULL);
        char sentence[600];
        if (!pay)
            continue;
        if (payment_formula(x, c, p, cell(g, r, S_GRADE), b, sentence, sizeof sentence)) {
            if (!x->bad)
                lx(x, worksheet_write_formula_str(ws, r, (lxw_col_t)(NFIX + 1 + x->ntop), b->p, NULL, sentence),
                   "a formula cell");
        } else {
            put_s(x, ws, r, (lxw_col_t)(NFIX + 1 + x->ntop), sentence, NULL);
        }
    }
    if (!x->bad) {
        worksheet_freeze_panes(ws, 1, 2);
        lx(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)x->r->ncentres, (lxw_col_t)(ncol - 1)), "an autofilter");
    }
}

static void sections_sheet(xl *x, sbuf *b)
{
    lxw_worksheet *ws = x->sections;
    size_t n = x->r->ncentres;
    put_s(x, ws, 0, 0, DC_("workbook", "centre"), x->head);
    width(x, ws, 0, 0, 12);
    width(x, ws, 1, (lxw_col_t)(2 * x->ntop), 14);
    for (size_t j = 0; j < x->ntop; j++) {
        sb_reset(b);
        sb_addf(b, D_("%s earned (points)"), x->top[j]);
        put_s(x, ws, 0, (lxw_col_t)(1 + 2 * j), b->p, x->head);
        sb_reset(b);
        sb_addf(b, D_("%s possible (points)"), x->top[j]);
        put_s(x, ws, 0, (lxw_col_t)(2 + 2 * j), b->p, x->head);
    }
    for (size_t i = 0; i < n; i++) {
        const jz_rcentre *c = &x->r->centres[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        put_s(x, ws, r, 0, x->pos[i].name, NULL);
        for (size_t j = 0; j < x->ntop; j++) {
            lxw_row_t sr;
            const jz_rsec *s = top_section(c, x->top[j], &sr, &x->pos[i]);
            if (!s)
                continue;
            ref_formula(b, &x->pos[i], sr, C_EARNED);
            put_f(x, ws, r, (lxw_col_t)(1 + 2 * j), b->p, x->num[2], fpd(&s->earned));
            put_rnum(x, ws, r, (lxw_col_t)(2 + 2 * j), &s->possible, x->num[2]);
        }
    }
    if (!x->bad)
        worksheet_freeze_panes(ws, 1, 1);
    if (!n || !x->ntop || x->bad)
        return;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
    if (!chart) {
        lx(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "the chart");
        return;
    }
    chart_title_set_name(chart, D_("Section scores: earned and possible points"));
    chart_axis_set_name(chart->y_axis, DC_("workbook", "points"));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    for (size_t j = 0; j < 2 * x->ntop; j++) {
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
        if (!s) {
            lx(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "a chart series");
            return;
        }
        lxw_col_t col = (lxw_col_t)(1 + j);
        /* the sheet's name in the document language (libxlsxwriter quotes it in the ranges) */
        chart_series_set_categories(s, sheet_of(SH_SECTIONS), 1, 0, (lxw_row_t)n, 0);
        chart_series_set_values(s, sheet_of(SH_SECTIONS), 1, col, (lxw_row_t)n, col);
        chart_series_set_name_range(s, sheet_of(SH_SECTIONS), 0, col);   /* a cell, never the text: it may start with = */
    }
    double wide = (double)n * (double)x->ntop * 2.0 * 6.0 / 480.0;
    lxw_chart_options opt = {0};
    opt.x_scale = wide < 2.0 ? 2.0 : wide > 40.0 ? 40.0 : wide;
    opt.y_scale = 1.5;
    lx(x, worksheet_insert_chart_opt(ws, (lxw_row_t)(n + 2), 0, chart, &opt), "the chart");
}

static void hours_sheet(xl *x)
{
    static const char *const cols[] = {NC_("workbook", "contract"), NC_("workbook", "centre"),
                                       NC_("workbook", "check"), NC_("workbook", "required (in unit)"),
                                       NC_("workbook", "delivered (in unit)"), NC_("workbook", "unit"),
                                       NC_("workbook", "ratio (%)"), NC_("workbook", "status"),
                                       NC_("workbook", "detail")};
    static const double w[] = {18, 10, 18, 12, 12, 8, 9, 8, 90};
    lxw_worksheet *ws = x->hours;
    for (lxw_col_t k = 0; k < 9; k++) {
        put_s(x, ws, 0, k, DC_("workbook", cols[k]), x->head);
        width(x, ws, k, k, w[k]);
    }
    lxw_row_t r = 1;
    for (size_t i = 0; i < x->r->ncentres; i++) {
        const jz_rcentre *c = &x->r->centres[i];
        for (size_t k = 0; k < c->nhours; k++, r++) {
            const jz_rcheck *h = &c->hours[k];
            bool minutes = strcmp(h->unit, "minutes") == 0;
            put_s(x, ws, r, 0, c->contract, NULL);
            put_s(x, ws, r, 1, c->centre, NULL);
            put_s(x, ws, r, 2, h->check, NULL);
            if (h->required >= 0)
                put_n(x, ws, r, 3, minutes ? (double)h->required / 60.0 : (double)h->required,
                      minutes ? x->hrs : x->num[0]);
            if (h->delivered >= 0)
                put_n(x, ws, r, 4, minutes ? (double)h->delivered / 60.0 : (double)h->delivered,
                      minutes ? x->hrs : x->num[0]);
            put_s(x, ws, r, 5, unit_words(minutes ? "hours" : h->unit), NULL);
            put_rnum(x, ws, r, 6, &h->ratio, x->pct);
            bool fail = strcmp(h->status, "short") == 0 || strcmp(h->status, "over") == 0;
            put_s(x, ws, r, 7, jz_doc_code("hours", h->status), fail ? x->alert : NULL);
            put_s(x, ws, r, 8, said(h->detail), NULL);
        }
    }
    if (!x->bad) {
        worksheet_freeze_panes(ws, 1, 2);
        lx(x, worksheet_autofilter(ws, 0, 0, r - 1, 8), "an autofilter");
    }
}

/* ---- Verification (jz-verify) ---- */

/* A figure as jz-verify wrote it: a number cell, or the text ("n/a", a reading). */
static void put_written(xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    char *end;
    double v = strtod(s, &end);
    if (*s && end != s && *end == '\0')
        put_n(x, ws, row, col, v, f);
    else
        put_s(x, ws, row, col, s, NULL);
}

static void verification_sheet(xl *x, lxw_worksheet *ws)
{
    static const char *const cols[] = {
        NC_("workbook", "centre"), NC_("workbook", "drawn"), NC_("workbook", "checked"), NC_("workbook", "verified"),
        NC_("workbook", "differs"), NC_("workbook", "not_found"), NC_("workbook", "not_checked"),
        NC_("workbook", "error_rate_low"), NC_("workbook", "error_rate_high"), NC_("workbook", "hours_factor"),
        NC_("workbook", "hours_low"), NC_("workbook", "hours_high"), NC_("workbook", "hours_reading"),
        NC_("workbook", "participants_factor"), NC_("workbook", "participants_low"),
        NC_("workbook", "participants_high"), NC_("workbook", "participants_reading"),
        NC_("workbook", "reported_hours"), NC_("workbook", "estimated_true_hours"),
        NC_("workbook", "overstated_hours"), NC_("workbook", "overstated_hours_lower_bound")};
    const jz_vresults *vr = x->o->verification;
    for (lxw_col_t k = 0; k < 21; k++) {
        put_s(x, ws, 0, k, DC_("workbook", cols[k]), x->head);
        width(x, ws, k, k, k == 0 ? 10 : 14);
    }
    lxw_row_t r = 1;
    for (size_t i = 0; i < x->r->ncentres; i++) {
        const jz_vcentre *v = jz_vresults_find(vr, x->r->centres[i].centre);
        if (!v)
            continue;
        const long counts[] = {v->drawn, v->checked, v->verified, v->differs, v->not_found, v->not_checked};
        put_s(x, ws, r, 0, v->centre, NULL);
        for (lxw_col_t k = 0; k < 6; k++)
            put_n(x, ws, r, 1 + k, (double)counts[k], x->num[0]);
        if (v->err_low >= 0) {
            put_n(x, ws, r, 7, (double)v->err_low / 10000, x->pct);
            put_n(x, ws, r, 8, (double)v->err_high / 10000, x->pct);
        }
        for (lxw_col_t k = 0; k < 3; k++) {
            put_written(x, ws, r, 9 + k, v->hours_fac[k], x->num[4]);
            put_written(x, ws, r, 13 + k, v->part_fac[k], x->num[4]);
        }
        put_s(x, ws, r, 12, jz_report_reading(v->hours_reading), strcmp(v->hours_reading, "within") ? x->alert : NULL);
        put_s(x, ws, r, 16, jz_report_reading(v->part_reading), strcmp(v->part_reading, "within") ? x->alert : NULL);
        const char *h[] = {v->reported_h, v->true_h, v->over_h, v->over_lb_h};
        for (lxw_col_t k = 0; k < 4; k++)
            put_written(x, ws, r, 17 + k, h[k], x->hrs);
        r++;
    }
    put_s(x, ws, r + 1, 0, vr->path, x->label);
    if (!x->bad)
        worksheet_freeze_panes(ws, 1, 1);
}

/* ---- Evidence ---- */

static const char *const ev_cols[] = {"indicator", "centre", "file", "line", "record_id", "part"};
/* The Evidence sheet's heading in the document language (ev_cols is the file's header). */
static const char *const ev_heads[] = {NC_("workbook", "indicator"), NC_("workbook", "centre"), NC_("workbook", "file"),
                                       NC_("workbook", "line"), NC_("workbook", "record_id"), NC_("workbook", "part")};
enum { EV_NCOLS = 6, EV_OLD_NCOLS = 5, EV_LINE = 3 };  /* part: added with jiazong-score/2 */

/* The first error the CSV reader reports about an evidence file (a stray or unclosed
 * quote), kept in the workbook's err: the reader itself would skip the row and go on. */
static void ev_diag(void *ctx, const jz_diag_msg *m)
{
    xl *x = ctx;
    if (m->sev == JZ_ERROR && !x->in_failed) {
        x->in_failed = true;
        jz_error_set(x->err, JZ_EINPUT, m->file, m->line, m->col,
                     "evidence: not well-formed CSV (%s): a '\"' inside an unquoted field, text after a closing "
                     "quote or a quote never closed; not as jz-score --evidence writes it", m->code);
    }
}

static bool ev_fail(xl *x, const char *path, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static bool ev_fail(xl *x, const char *path, long line, long col, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!x->in_failed)
        jz_error_set(x->err, JZ_EINPUT, path, line, col, "evidence: %s", msg);
    x->in_failed = true;
    return false;
}

/* A line number: digits only, 1 to 2^53 (exact as a spreadsheet number). */
static bool ev_line(const char *s, double *out)
{
    uint64_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_C(1) << 53) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = (double)v;
    return v >= 1 && v <= UINT64_C(1) << 53;
}

/* The header, exactly; an error points at the first field that differs. */
static bool ev_header(xl *x, const char *path, const jz_row *row)
{
    size_t k = 0;
    while (k < EV_NCOLS && k < row->nfields && strcmp(row->fields[k], ev_cols[k]) == 0)
        k++;
    x->ev_ncols = k;
    return ((k == EV_NCOLS || k == EV_OLD_NCOLS) && row->nfields == k) ||
           ev_fail(x, path, row->line, (long)k + 1,
                   "the header is not indicator,centre,file,line,record_id,part (or without part): not a file of "
                   "jz-score --evidence");
}

/* One data row at sheet row r: every field as text, the line as a number. */
static bool ev_row(xl *x, lxw_worksheet *ws, lxw_row_t r, const char *path, const jz_row *row)
{
    size_t n = x->ev_ncols;
    if (row->nfields != n)   /* at the first extra field, or the first missing one */
        return ev_fail(x, path, row->line, (long)(row->nfields < n ? row->nfields : n) + 1,
                       "%zu fields, expected %zu (indicator,centre,file,line,record_id%s)", row->nfields, n,
                       n == EV_NCOLS ? ",part" : "");
    double line;
    if (!ev_line(row->fields[EV_LINE], &line))
        return ev_fail(x, path, row->line, EV_LINE + 1, "line '%.40s' is not a line number", row->fields[EV_LINE]);
    for (lxw_col_t k = 0; k < n; k++)
        if (k == EV_LINE)
            put_n(x, ws, r, k, line, NULL);
        else
            put_s(x, ws, r, k, jz_csv_unguard(row->fields[k]), NULL);  /* a cell of a sheet is text, not a formula */
    return !x->bad;
}

/* The CSV reader failed (cannot open or read, an undecodable byte) and filled err: say
 * that it was an evidence file. */
static bool ev_reader_failed(xl *x)
{
    char msg[sizeof x->err->msg + 16];
    snprintf(msg, sizeof msg, "evidence: %s", x->err->msg);
    size_t n = strlen(msg) < sizeof x->err->msg ? strlen(msg) : sizeof x->err->msg - 1;
    memcpy(x->err->msg, msg, n);
    x->err->msg[n] = '\0';
    x->in_failed = true;
    return false;
}

/* Stream one evidence file into ws from *next on: a row in, a row out, nothing kept. */
static bool ev_file(xl *x, lxw_worksheet *ws, const char *path, lxw_row_t *next)
{
    jz_diag diag;
    jz_diag_init(&diag, ev_diag, x);
    jz_rowsrc *in = jz_rowsrc_open(path, &(jz_rowsrc_opts){.enc = JZ_ENC_AUTO}, &diag, x->err);
    if (!in)
        return ev_reader_failed(x);
    jz_row row;
    long rows = 0;
    int rc = 0;
    bool ok = true;
    while (ok && (rc = jz_rowsrc_next(in, &row, x->err)) > 0 && !x->in_failed) {
        if (rows++ == 0)
            ok = ev_header(x, path, &row);
        else if (*next == LXW_ROW_MAX)   /* rows 1 .. 1,048,575 below the header */
            ok = ev_fail(x, path, row.line, 0, "more than 1,048,575 rows of evidence, more than a sheet holds: "
                         "give the evidence of fewer centres (jz-score -C) or leave it out");
        else
            ok = ev_row(x, ws, (*next)++, path, &row);
    }
    if (rc < 0 && !x->in_failed)
        ev_reader_failed(x);
    else if (rows == 0 && !x->in_failed)
        ev_fail(x, path, 0, 0, "the file is empty: no header indicator,centre,file,line,record_id");
    jz_rowsrc_close(in);
    return !x->in_failed;
}

static void evidence_sheet(xl *x, lxw_worksheet *ws)
{
    static const double w[EV_NCOLS] = {22, 12, 36, 8, 20, 10};
    for (lxw_col_t k = 0; k < EV_NCOLS; k++) {
        put_s(x, ws, 0, k, DC_("workbook", ev_heads[k]), x->head);
        width(x, ws, k, k, w[k]);
    }
    lxw_row_t next = 1;
    for (size_t i = 0; i < x->o->nevidence && !x->bad; i++)
        if (!ev_file(x, ws, x->o->evidence[i], &next))
            return;
    if (!x->bad) {
        worksheet_freeze_panes(ws, 1, 0);
        lx(x, worksheet_autofilter(ws, 0, 0, next - 1, EV_NCOLS - 1), "an autofilter");
    }
}

/* ---- the workbook ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The creation date: the latest as-of date of the results (midnight UTC), else
 * 2024-01-01, so the bytes depend on the results only. */
static time_t pinned_created(const jz_results *r)
{
    int64_t best = days_from_civil(2024, 1, 1), found = -1;
    for (size_t i = 0; i < r->ncentres; i++) {
        int y, m, d;
        char tail;
        if (sscanf(r->centres[i].as_of, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1980 && y <= 9999 &&
            m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            int64_t t = days_from_civil(y, m, d);
            found = t > found ? t : found;
        }
    }
    return (time_t)((found >= 0 ? found : best) * 86400);
}

static void set_properties(xl *x)
{
    static char author[] = "jiazong jz-report";
    char title[200], subject[200];
    snprintf(title, sizeof title, "%s", D_("jiazong evaluation results"));
    snprintf(subject, sizeof subject, "%s", D_("scored results of family integrated service centres"));
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = title;
    props.subject = subject;
    props.author = author;
    props.created = pinned_created(x->r);
    lx(x, workbook_set_properties(x->wb, &props), "the document properties");
}

/* ---- Integrity (jz-report --audit) ---- */

/* One row per centre of the results (risk, rows touched, warnings per screen; "not
 * audited" when the audit has none of its rows), then each centre's worst findings. */
static void integrity_sheet(xl *x, lxw_worksheet *ws)
{
    const jz_audits *a = x->o->audit;
    static const char *const cols[] = {NC_("workbook", "centre"), NC_("workbook", "risk"), NC_("workbook", "rows"),
                                       NC_("workbook", "touched"), NC_("workbook", "warnings"),
                                       NC_("workbook", "notes")};
    lxw_col_t nc = 6;
    for (lxw_col_t k = 0; k < nc; k++)
        put_s(x, ws, 0, k, DC_("workbook", cols[k]), x->head);
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        put_s(x, ws, 0, (lxw_col_t)(nc + s), jz_audit_code((jz_screen)s), x->head);
        width(x, ws, (lxw_col_t)(nc + s), (lxw_col_t)(nc + s), 12);
    }
    width(x, ws, 0, 0, 28);
    width(x, ws, 1, 5, 10);
    lxw_row_t r = 1;
    for (size_t i = 0; i < x->r->ncentres; i++, r++) {
        const jz_rcentre *rc = &x->r->centres[i];
        const jz_acentre *c = jz_audits_centre(a, rc->centre);
        put_s(x, ws, r, 0, rc->centre, NULL);
        if (!c) {
            put_s(x, ws, r, 1, DC_("workbook", "not audited"), x->alert);
            continue;
        }
        long w = 0, n = 0;
        for (int s = 0; s < JZ_AU_NSCREENS; s++) {
            w += c->warnings[s], n += c->notes[s];
            put_n(x, ws, r, (lxw_col_t)(nc + s), (double)c->warnings[s], x->num[0]);
        }
        put_n(x, ws, r, 1, c->risk, x->num[1]);
        put_n(x, ws, r, 2, (double)c->rows, x->num[0]);
        put_n(x, ws, r, 3, (double)c->touched, x->num[0]);
        put_n(x, ws, r, 4, (double)w, x->num[0]);
        put_n(x, ws, r, 5, (double)n, x->num[0]);
    }
    r++;
    static const char *const fcols[] = {NC_("workbook", "centre"), NC_("workbook", "where"),
                                        NC_("workbook", "severity"), NC_("workbook", "screen"),
                                        NC_("workbook", "message")};
    for (lxw_col_t k = 0; k < 5; k++)
        put_s(x, ws, r, k, DC_("workbook", fcols[k]), x->head);
    r++;
    for (size_t i = 0; i < x->r->ncentres; i++) {
        const jz_rcentre *rc = &x->r->centres[i];
        size_t idx[JZ_REPORT_AUDIT_WORST];
        size_t total = jz_audits_worst(a, rc->centre, idx, JZ_REPORT_AUDIT_WORST);
        for (size_t k = 0; k < total && k < JZ_REPORT_AUDIT_WORST; k++, r++) {
            const jz_afinding *f = &a->findings[idx[k]];
            char where[1200];
            put_s(x, ws, r, 0, rc->centre, NULL);
            put_s(x, ws, r, 1, jz_report_audit_where(f, true, where, sizeof where), NULL);
            put_s(x, ws, r, 2, f->warning ? DC_("workbook", "warning") : DC_("workbook", "note"), f->warning ? x->alert : NULL);
            put_s(x, ws, r, 3, jz_audit_code(f->screen), NULL);
            char t[4096];
            put_s(x, ws, r, 4, jz_doc_audit_text(f->message, t, sizeof t), NULL);
        }
    }
    if (!x->bad)
        worksheet_freeze_panes(ws, 1, 1);
}

static lxw_worksheet *add_sheet(xl *x, const char *name)
{
    if (x->bad)
        return NULL;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        lx(x, LXW_ERROR_SHEETNAME_ALREADY_USED, "a worksheet");
    return ws;
}

static void build(xl *x)
{
    sbuf b = {0};
    formats_make(x);
    set_properties(x);
    top_sections(x);
    x->summary = add_sheet(x, sheet_of(SH_SUMMARY));
    x->sections = add_sheet(x, sheet_of(SH_SECTIONS));
    x->hours = add_sheet(x, sheet_of(SH_HOURS));
    for (size_t i = 0; i < x->r->ncentres && !x->bad; i++) {
        sheet_name(x, i, x->r->centres[i].centre);
        x->pos[i].ws = add_sheet(x, x->pos[i].name);
    }
    lxw_worksheet *evidence = x->o && x->o->nevidence ? add_sheet(x, sheet_of(SH_EVIDENCE)) : NULL;
    lxw_worksheet *verification = x->o && x->o->verification ? add_sheet(x, sheet_of(SH_VERIFICATION)) : NULL;
    lxw_worksheet *integrity = x->o && x->o->audit ? add_sheet(x, sheet_of(SH_INTEGRITY)) : NULL;
    for (size_t i = 0; i < x->r->ncentres && !x->bad; i++)
        centre_sheet(x, i, &b);
    if (!x->bad)
        summary_sheet(x, &b);
    if (!x->bad)
        sections_sheet(x, &b);
    if (!x->bad)
        hours_sheet(x);
    if (evidence && !x->bad)
        evidence_sheet(x, evidence);
    if (verification && !x->bad)
        verification_sheet(x, verification);
    if (integrity && !x->bad)
        integrity_sheet(x, integrity);
    free(b.p);
}

/* Checked before libxlsxwriter opens the file, so an unwritable path gives our message
 * (with errno) instead of its [ERROR] line. Creates the file when it is missing. */
static jz_code can_write(const char *path, bool *created, jz_error *err)
{
    *created = access(path, F_OK) != 0;
    FILE *fp = fopen(path, "ab");
    if (!fp)
        return jz_error_write(err, path, "cannot write the workbook");
    fclose(fp);
    return JZ_OK;
}

jz_code jz_report_xlsx(const char *path, const void *doc, jz_error *err)
{
    const jz_results *r = ((const jz_report_doc *)doc)->results;
    const jz_report_opts *o = ((const jz_report_doc *)doc)->opts;
    jz_error_clear(err);
    bool created;
    if (can_write(path, &created, err))
        return err->code;
    xl x;
    memset(&x, 0, sizeof x);
    x.r = r;
    x.o = o;
    x.err = err;
    x.pos = jz_xcalloc(r->ncentres ? r->ncentres : 1, sizeof *x.pos);
    x.wb = workbook_new(path);
    if (!x.wb)
        lx(&x, LXW_ERROR_MEMORY_MALLOC_FAILED, "the workbook");
    else
        build(&x);
    errno = 0;
    lxw_error closed = x.wb ? workbook_close(x.wb) : LXW_NO_ERROR;   /* frees the workbook even on failure */
    int saved = closed != LXW_NO_ERROR ? errno : 0;
    lx(&x, closed, "the zip file");
    for (size_t i = 0; i < r->ncentres; i++) {
        free(x.pos[i].ref);
        free(x.pos[i].sec_row);
        free(x.pos[i].app_row);
    }
    free(x.pos);
    free(x.top);
    if (x.bad == LXW_NO_ERROR && !x.in_failed)
        return JZ_OK;
    if (created)
        remove(path);
    if (x.in_failed)
        return err->code;   /* an evidence file's error, already in err */
    char *why = lxw_strerror(x.bad);
    size_t n = strlen(why);
    jz_error_set(err, JZ_EWRITE, path, 0, 0, "cannot write the workbook (%s): %.*s%s%s", x.what,
                 (int)(n && why[n - 1] == '.' ? n - 1 : n), why, saved ? ": " : "", saved ? strerror(saved) : "");
    err->sys_errno = saved;
    return err->code;
}
