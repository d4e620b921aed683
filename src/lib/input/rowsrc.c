/* rowsrc.c — see include/jz/rowsrc.h. The table of implementations: CSV (csvin.c), Excel
 * workbooks (xlsxin.c) and Excel 97-2003 workbooks (xlsin.c), told apart by the file's
 * first bytes, never by its name. */
#include "jz/rowsrc.h"
#include "jz/csvin.h"
#include "jz/xlsin.h"
#include "jz/xlsxin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct jz_rowsrc {
    const jz_rowsrc_ops *ops;
    void *impl;
    jz_csv *csv;  /* the same as impl when the source is a CSV reader (for byte ranges) */
    jz_row *back[JZ_ROWSRC_UNREAD_MAX];  /* rows given back (jz_rowsrc_unread), oldest first */
    size_t nback, backpos;
    jz_row *handed;  /* the given-back row last handed out (freed on the next call) */
};

/* ---- CSV ---- */
static int csv_next(void *impl, jz_row *row, jz_error *err) { return jz_csv_next(impl, row, err); }
static void csv_close(void *impl) { jz_csv_close(impl); }
static jz_encoding csv_encoding(void *impl) { return jz_csv_encoding(impl); }
static const char *csv_reason(void *impl) { return jz_csv_encoding_reason(impl); }
static unsigned long long csv_bytes(void *impl) { return jz_csv_bytes(impl); }
static bool csv_sha256(void *impl, char hex[65]) { return jz_csv_sha256(impl, hex); }
static bool csv_rereadable(void *impl) { return jz_csv_rereadable(impl); }

static const jz_rowsrc_ops csv_ops = {
    .kind = "csv", .next = csv_next, .close = csv_close, .where = NULL,
    .encoding = csv_encoding, .encoding_reason = csv_reason, .bytes = csv_bytes,
    .sha256 = csv_sha256, .rereadable = csv_rereadable,
};

/* r opened (or NULL, err already filled); NULL with err on out of memory (r closed). */
static jz_rowsrc *wrap_csv(jz_csv *r, const char *path, jz_error *err) {
    if (!r) return NULL;
    jz_rowsrc *s = jz_rowsrc_wrap(&csv_ops, r);
    if (!s) {
        jz_error_set(err, JZ_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    s->csv = r;
    return s;
}

/* ---- named buffers (jz_rowsrc_mem_add) ---- */
typedef struct mem_file {
    struct mem_file *next;
    char *name;
    const void *data;
    size_t size;
} mem_file;

static mem_file *mem_files;

static const mem_file *mem_find(const char *name)
{
    for (const mem_file *m = mem_files; m; m = m->next)
        if (strcmp(m->name, name) == 0)
            return m;
    return NULL;
}

void jz_rowsrc_mem_add(const char *name, const void *data, size_t size)
{
    jz_rowsrc_mem_remove(name);
    mem_file *m = jz_xmalloc(sizeof *m);
    *m = (mem_file){.next = mem_files, .name = jz_xstrdup(name), .data = data, .size = size};
    mem_files = m;
}

void jz_rowsrc_mem_remove(const char *name)
{
    for (mem_file **p = &mem_files; *p; p = &(*p)->next)
        if (strcmp((*p)->name, name) == 0) {
            mem_file *m = *p;
            *p = m->next;
            free(m->name);
            free(m);
            return;
        }
}

bool jz_rowsrc_mem_get(const char *name, const void **data, size_t *size)
{
    const mem_file *m = mem_find(name);
    if (!m)
        return false;
    *data = m->data;
    *size = m->size;
    return true;
}

void jz_rowsrc_mem_clear(void)
{
    while (mem_files)
        jz_rowsrc_mem_remove(mem_files->name);
}

/* ---- which kind of source: the first bytes of a regular file ---- */
typedef enum { SRC_TEXT, SRC_ZIP, SRC_OLE, SRC_NOT_ZIP } src_kind;

/* Whether path's name ends in .xlsx or .xlsm, any case. */
static bool named_xlsx(const char *path)
{
    size_t n = strlen(path);
    if (n < 5 || path[n - 5] != '.')
        return false;
    char ext[5];
    for (int i = 0; i < 4; i++)
        ext[i] = (char)(path[n - 4 + i] | 0x20);
    ext[4] = '\0';
    return strcmp(ext, "xlsx") == 0 || strcmp(ext, "xlsm") == 0;
}

/* The kind of a source whose first bytes are b[0..n) (at most 8 looked at). */
static src_kind kind_of_bytes(const char *path, const unsigned char *b, size_t n)
{
    if (n >= 4 && memcmp(b, "PK\3\4", 4) == 0)
        return SRC_ZIP;
    if (n == 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return SRC_OLE;
    if (named_xlsx(path))
        return SRC_NOT_ZIP;  /* an .xlsx is a zip: this one is something else (or damaged) */
    return SRC_TEXT;
}

static src_kind kind_of(const char *path)
{
    const mem_file *m = strcmp(path, "-") == 0 ? NULL : mem_find(path);
    if (m)
        return kind_of_bytes(path, m->data, m->size < 8 ? m->size : 8);
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return SRC_TEXT;  /* a pipe is read once, by the CSV reader */
    FILE *f = fopen(path, "rb");
    if (!f)
        return SRC_TEXT;  /* the CSV reader says why it cannot be opened */
    unsigned char b[8] = {0};
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    return kind_of_bytes(path, b, n);
}

bool jz_rowsrc_is_workbook(const char *path)
{
    return kind_of(path) != SRC_TEXT;
}

static const char *default_sheet;

void jz_rowsrc_set_sheet(const char *sheet) { default_sheet = sheet; }

/* ---- the interface ---- */
jz_rowsrc *jz_rowsrc_wrap(const jz_rowsrc_ops *ops, void *impl) {
    jz_rowsrc *s = calloc(1, sizeof *s);
    if (!s) {
        ops->close(impl);
        return NULL;
    }
    s->ops = ops;
    s->impl = impl;
    return s;
}

static void not_a_workbook(const char *path, jz_error *err)
{
    jz_error_set(err, JZ_EINPUT, path, 0, 0,
                 "named as an Excel workbook, but not one: an .xlsx file is a zip file, and this one does not "
                 "start as a zip does (it is damaged, or another kind of file renamed): if it is a CSV file, "
                 "rename it to .csv; else open it in Excel or WPS and save it again as .xlsx");
}

jz_rowsrc *jz_rowsrc_open_mem(const char *name, const void *data, size_t size, const jz_rowsrc_opts *o,
                              jz_diag *diag, jz_error *err)
{
    jz_rowsrc_opts none = {0};
    if (!o) o = &none;
    switch (kind_of_bytes(name, data, size < 8 ? size : 8)) {
    case SRC_ZIP:
        return jz_xlsx_open_mem(name, data, size, o->sheet ? o->sheet : default_sheet, diag, err);
    case SRC_OLE:
        jz_error_set(err, JZ_EINPUT, name, 0, 0,
                     "an Excel 97-2003 workbook (.xls) is read from a file only, not from memory (FreeXL opens "
                     "files by name): write it to a file first, or save it as .xlsx or CSV");
        return NULL;
    case SRC_NOT_ZIP:
        not_a_workbook(name, err);
        return NULL;
    case SRC_TEXT:
        break;
    }
    return wrap_csv(jz_csv_open_mem(name, data, size, o->enc, diag, err), name, err);
}

jz_rowsrc *jz_rowsrc_open(const char *path, const jz_rowsrc_opts *o, jz_diag *diag, jz_error *err) {
    jz_rowsrc_opts none = {0};
    if (!o) o = &none;
    const mem_file *m = strcmp(path, "-") == 0 ? NULL : mem_find(path);
    if (m)
        return jz_rowsrc_open_mem(path, m->data, m->size, o, diag, err);
    switch (kind_of(path)) {
    case SRC_ZIP:
        return jz_xlsx_open(path, o->sheet ? o->sheet : default_sheet, diag, err);
    case SRC_OLE:
        return jz_xls_open(path, o->sheet ? o->sheet : default_sheet, diag, err);
    case SRC_NOT_ZIP:
        not_a_workbook(path, err);
        return NULL;
    case SRC_TEXT:
        break;
    }
    jz_csv *r = o->hash_streams ? jz_csv_open_hashed(path, o->enc, diag, err)
                                : jz_csv_open(path, o->enc, diag, err);
    return wrap_csv(r, path, err);
}

/* ---- rows given back ---- */
jz_row *jz_row_copy(const jz_row *row)
{
    size_t text = 0;
    for (size_t i = 0; i < row->nfields; i++)
        text += row->lens[i] + 1;
    /* one block: the row, its field pointers, lengths, then the text */
    size_t head = sizeof(jz_row) + row->nfields * (sizeof(char *) + sizeof(size_t));
    char *b = jz_xmalloc(head + text + 1);
    jz_row *c = (jz_row *)(void *)b;
    char **fields = (char **)(void *)(b + sizeof(jz_row));
    size_t *lens = (size_t *)(void *)(fields + row->nfields);
    char *t = b + head;
    for (size_t i = 0; i < row->nfields; i++) {
        memcpy(t, row->fields[i], row->lens[i]);
        t[row->lens[i]] = '\0';
        fields[i] = t;
        lens[i] = row->lens[i];
        t += row->lens[i] + 1;
    }
    *c = (jz_row){.nfields = row->nfields, .fields = fields, .lens = lens, .line = row->line};
    return c;
}

void jz_row_free(jz_row *row) { free(row); }

bool jz_rowsrc_unread(jz_rowsrc *s, const jz_row *row)
{
    if (s->nback == JZ_ROWSRC_UNREAD_MAX)
        return false;
    s->back[s->nback++] = jz_row_copy(row);
    return true;
}

int jz_rowsrc_next(jz_rowsrc *s, jz_row *row, jz_error *err)
{
    jz_row_free(s->handed);
    s->handed = NULL;
    if (s->backpos < s->nback) {
        s->handed = s->back[s->backpos++];
        *row = *s->handed;
        if (s->backpos == s->nback)
            s->backpos = s->nback = 0;
        return 1;
    }
    row->span = NULL;  /* the readers that know their rows' span set it */
    row->span_n = 0;
    return s->ops->next(s->impl, row, err);
}

void jz_rowsrc_set_header(jz_rowsrc *s, const jz_row *header)
{
    if (s->csv) jz_csv_set_width(s->csv, header->nfields);
}

size_t jz_rowsrc_where(const jz_rowsrc *s, const jz_row *row, size_t field, char *buf, size_t size) {
    if (s->ops->where) return s->ops->where(s->impl, row, field, buf, size);
    if (size) buf[0] = '\0';
    return 0;
}

const char *jz_rowsrc_kind(const jz_rowsrc *s) { return s->ops->kind; }
jz_encoding jz_rowsrc_encoding(const jz_rowsrc *s) {
    return s->ops->encoding ? s->ops->encoding(s->impl) : JZ_ENC_UTF8;
}
const char *jz_rowsrc_encoding_reason(const jz_rowsrc *s) {
    return s->ops->encoding_reason ? s->ops->encoding_reason(s->impl) : "spreadsheet";
}
unsigned long long jz_rowsrc_bytes(const jz_rowsrc *s) { return s->ops->bytes ? s->ops->bytes(s->impl) : 0; }
bool jz_rowsrc_sha256(jz_rowsrc *s, char hex[65]) {
    hex[0] = '\0';
    return s->ops->sha256 ? s->ops->sha256(s->impl, hex) : false;
}
bool jz_rowsrc_rereadable(const jz_rowsrc *s) { return s->ops->rereadable ? s->ops->rereadable(s->impl) : false; }

void jz_rowsrc_close(jz_rowsrc *s) {
    if (!s) return;
    jz_row_free(s->handed);
    for (size_t i = s->backpos; i < s->nback; i++)
        jz_row_free(s->back[i]);
    s->ops->close(s->impl);
    free(s);
}

/* ---- byte ranges: CSV only ---- */
bool jz_rowsrc_can_split(const char *path) {
    return kind_of(path) == SRC_TEXT;  /* csvin refuses the text it cannot split */
}
jz_rowsrc *jz_rowsrc_open_at(const char *path, unsigned long long offset, jz_diag *diag, jz_error *err) {
    const mem_file *m = strcmp(path, "-") == 0 ? NULL : mem_find(path);
    if (m)
        return jz_rowsrc_open_mem_at(path, m->data, m->size, offset, diag, err);
    jz_csv *r = jz_csv_open_at(path, JZ_ENC_UTF8, offset, diag, err);
    return wrap_csv(r, path, err);
}
jz_rowsrc *jz_rowsrc_open_mem_at(const char *name, const void *data, size_t size, unsigned long long offset,
                                 jz_diag *diag, jz_error *err) {
    if (kind_of_bytes(name, data, size < 8 ? size : 8) != SRC_TEXT) {
        jz_error_set(err, JZ_EUSAGE, name, 0, 0, "cannot start reading at byte %llu", offset);
        return NULL;
    }
    return wrap_csv(jz_csv_open_mem_at(name, data, size, JZ_ENC_UTF8, offset, diag, err), name, err);
}

bool jz_rowsrc_size(const char *path, unsigned long long *size)
{
    const mem_file *m = strcmp(path, "-") == 0 ? NULL : mem_find(path);
    struct stat st;
    if (m)
        *size = m->size;
    else if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
        *size = (unsigned long long)st.st_size;
    else
        return *size = 0, false;
    return true;
}

unsigned long long jz_rowsrc_split_point(const char *path)
{
    unsigned long long size, at, found = 0;
    if (!jz_rowsrc_size(path, &size))
        return 0;
    at = size / 2;
    const mem_file *m = mem_find(path);
    char buf[1 << 16];
    size_t n = 0;
    if (m) {
        n = size - at < sizeof buf ? (size_t)(size - at) : sizeof buf;
        if (n)
            memcpy(buf, (const char *)m->data + at, n);
    } else {
        FILE *fp = fopen(path, "rb");
        if (!fp)
            return 0;
        if (fseeko(fp, (off_t)at, SEEK_SET) == 0)
            n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
    }
    const char *nl = memchr(buf, '\n', n);
    if (nl && at + (unsigned long long)(nl - buf) + 1 < size)
        found = at + (unsigned long long)(nl - buf) + 1;
    return found;
}
void jz_rowsrc_stop_at(jz_rowsrc *s, unsigned long long offset) {
    if (s->csv) jz_csv_stop_at(s->csv, offset);
}
void jz_rowsrc_set_width(jz_rowsrc *s, size_t width) {
    if (s->csv) jz_csv_set_width(s->csv, width);
}
bool jz_rowsrc_split_failed(const jz_rowsrc *s) { return s->csv ? jz_csv_split_failed(s->csv) : true; }
unsigned long long jz_rowsrc_offset(const jz_rowsrc *s) { return s->csv ? jz_csv_offset(s->csv) : 0; }
long jz_rowsrc_line(const jz_rowsrc *s) { return s->csv ? jz_csv_line(s->csv) : 0; }

size_t jz_sheet_cell_name(const char *sheet, long col, long row, char *buf, size_t size)
{
    if (!size)
        return 0;
    char tmp[8], c[8];
    int n = 0;
    while (col > 0 && n < 7) {  /* bijective base 26: 1 A, 26 Z, 27 AA */
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (int i = 0; i < n; i++)
        c[i] = tmp[n - 1 - i];
    c[n] = '\0';
    bool quote = false;
    for (const char *s = sheet; *s; s++)
        quote |= (unsigned char)*s < 0x80 && !((*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || *s == '_');
    snprintf(buf, size, quote ? "'%s'!%s%ld" : "%s!%s%ld", sheet, c, row);
    return strlen(buf);
}
