/* table.c — see include/jz/table.h */
#include "jz/table.h"
#include "jz/i18n.h"

#include <pthread.h>
#include <stdatomic.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define NO_STOP (~0ull)  /* jz_rowsrc_stop_at(r, NO_STOP): read on to the end */

/* A sink in front of the caller's while one row is parsed: a message about a field gets
 * the source's description of the field's place appended ("Sheet1!C12"); a source whose
 * file:line:col says it all (CSV) describes none, and the message goes on unchanged. */
typedef struct where_sink {
    jz_diag d;
    jz_diag *to;
    const jz_rowsrc *src;
    const jz_row *row;
} where_sink;

static void add_where(void *ctx, const jz_diag_msg *m)
{
    where_sink *w = ctx;
    char where[128] = "";
    if (m->col > 0)
        jz_rowsrc_where(w->src, w->row, (size_t)(m->col - 1), where, sizeof where);
    jz_diag_emit(w->to, m->sev, m->file, m->line, m->col, m->column, m->code,
                 where[0] ? "%s (%s)" : "%s", m->message, where);
}

/* jz_row_parse, its field messages described by src. */
static int parse_row(const jz_header *h, const jz_rowsrc *src, const jz_row *row, jz_field *f,
                     const char *path, jz_diag *to)
{
    where_sink w = {.to = to, .src = src, .row = row};
    jz_diag_init(&w.d, add_where, &w);
    return jz_row_parse(h, row, f, path, to ? &w.d : NULL);
}

/* The separator a header that was read as commas was really written with: tab or ';'
 * when splitting its one field on it gives a header of a known type, else 0. */
static char other_separator(const jz_row *row)
{
    static const char seps[] = {'\t', ';', '|'};
    if (row->nfields != 1)
        return 0;
    for (size_t k = 0; k < sizeof seps; k++) {
        enum { MAXF = 64 };
        char buf[2048], *fields[MAXF];
        size_t lens[MAXF], n = 0, len = row->lens[0];
        if (len >= sizeof buf || !memchr(row->fields[0], seps[k], len))
            continue;
        memcpy(buf, row->fields[0], len + 1);
        char *p = buf;
        while (n < MAXF) {
            char *e = strchr(p, seps[k]);
            fields[n] = p;
            lens[n] = e ? (size_t)(e - p) : strlen(p);
            n++;
            if (!e)
                break;
            *e = '\0';
            p = e + 1;
        }
        jz_row split = {.nfields = n, .fields = fields, .lens = lens, .line = row->line};
        if (jz_header_detect(&split) != JZ_FILE_UNKNOWN)
            return seps[k];
    }
    return 0;
}

static bool all_empty(const jz_row *row)
{
    for (size_t i = 0; i < row->nfields; i++)
        for (size_t k = 0; k < row->lens[i]; k++)
            if (row->fields[i][k] != ' ' && row->fields[i][k] != '\t')
                return false;
    return true;
}

/* How far down the header is looked for: a title row, a blank form's heading or notes
 * may stand above it (exported workbooks and CSVs have them). Not a domain number: a
 * reading convention, documented in jiazong-records(5) (HEADERS). */
enum { HEADER_SEARCH_ROWS = 10 };

/* Whether row is the header of a file of type *want (JZ_FILE_UNKNOWN: of any type). */
static bool is_typed_header(const jz_row *row, void *ctx)
{
    jz_filetype want = *(const jz_filetype *)ctx;
    return want == JZ_FILE_UNKNOWN ? jz_header_detect(row) != JZ_FILE_UNKNOWN : jz_header_names_key(row, want);
}

/* Read the first rows until one is a header by is_header (at most HEADER_SEARCH_ROWS of
 * them). *got holds the rows read (copies), *found says whether one is a header and
 * *header indexes it among them (0 when none is: the first row). A row that cannot be
 * read stops the search: its error goes to *stop (cleared otherwise). Nothing is given
 * back to r: the caller gives back what it does not keep. 1, 0 when the file has no row,
 * -1 with err when its first row cannot be read. */
static int find_header(jz_rowsrc *r, jz_table_header_fn is_header, void *ctx, jz_row *got[HEADER_SEARCH_ROWS],
                       size_t *ngot, size_t *header, bool *found, jz_error *stop, jz_error *err)
{
    jz_row row;
    *ngot = *header = 0;
    jz_error_clear(stop);
    int rc = jz_rowsrc_next(r, &row, err);
    if (rc <= 0)
        return rc;
    got[(*ngot)++] = jz_row_copy(&row);
    *found = is_header(&row, ctx);
    while (!*found && *ngot < HEADER_SEARCH_ROWS) {
        if (jz_rowsrc_next(r, &row, stop) <= 0)
            break;  /* the end, or a row that cannot be read */
        got[(*ngot)++] = jz_row_copy(&row);
        *found = !all_empty(&row) && is_header(&row, ctx);
        if (*found)
            *header = *ngot - 1;
    }
    return 1;
}

/* The note naming the rows above the header (first: the first row read). */
static void title_note(jz_diag *diag, const char *path, long first, long header_line)
{
    long last = header_line - 1;
    if (first == last)
        jz_diag_emit(diag, JZ_NOTE, path, first, 0, "", "title-rows",
                     "the header is row %ld: skipped row %ld above the header (title/notes)", header_line, first);
    else
        jz_diag_emit(diag, JZ_NOTE, path, first, 0, "", "title-rows",
                     "the header is row %ld: skipped rows %ld-%ld above the header (title/notes)", header_line,
                     first, last);
}

/* find_header for a typed table: the header is the row found, or the first row when none
 * is (it is then refused by the caller); the rows after it are given back to r. */
static int find_typed_header(jz_rowsrc *r, jz_filetype want, jz_row *got[HEADER_SEARCH_ROWS], size_t *ngot,
                             size_t *header, jz_error *err)
{
    bool found;
    jz_error stop;
    int rc = find_header(r, is_typed_header, &want, got, ngot, header, &found, &stop, err);
    for (size_t i = *header + 1; rc > 0 && i < *ngot; i++)
        jz_rowsrc_unread(r, got[i]);
    return rc;
}

int jz_table_find_header(jz_rowsrc *r, const char *path, jz_table_header_fn is_header, void *ctx, jz_diag *diag,
                         jz_row **header, jz_error *err)
{
    jz_row *got[HEADER_SEARCH_ROWS];
    size_t ngot, at;
    bool found = false;
    jz_error stop;
    *header = NULL;
    jz_error_clear(err);
    int rc = find_header(r, is_header, ctx, got, &ngot, &at, &found, &stop, err);
    if (rc <= 0)
        return rc;
    if (!found && stop.code) {
        *err = stop;
        rc = -1;
    } else if (found) {
        if (at > 0)
            title_note(diag, path, got[0]->line, got[at]->line);
        for (size_t i = at + 1; i < ngot; i++)
            jz_rowsrc_unread(r, got[i]);
        *header = got[at];
    } else {
        for (size_t i = 0; i < ngot; i++)
            jz_rowsrc_unread(r, got[i]);
        rc = 0;
    }
    for (size_t i = 0; i < ngot; i++)
        if (got[i] != *header)
            jz_row_free(got[i]);
    return rc;
}

jz_row *jz_table_header_row(jz_rowsrc *r, jz_filetype want, jz_error *err)
{
    jz_row *got[HEADER_SEARCH_ROWS];
    size_t ngot, at;
    if (find_typed_header(r, want, got, &ngot, &at, err) <= 0)
        return NULL;
    for (size_t i = 0; i < ngot; i++)
        if (i != at)
            jz_row_free(got[i]);
    return got[at];
}

static jz_code read_header(jz_rowsrc *r, const char *path, jz_filetype *type, jz_header *h,
                           jz_diag *diag, jz_table_info *info, jz_error *err)
{
    jz_row *got[HEADER_SEARCH_ROWS];
    size_t ngot, at;
    int rc = find_typed_header(r, *type, got, &ngot, &at, err);
    if (rc < 0) {
        info->unreadable = 1;
        return err->code;
    }
    if (rc == 0) {
        jz_diag_emit(diag, JZ_ERROR, path, 0, 0, "", "empty-file",
                     "the file is empty: export it again with its header row");
        return jz_error_set(err, JZ_EINPUT, path, 0, 0, "the file is empty");
    }
    jz_row row = *got[at];
    jz_code code = JZ_OK;
    if (at == 0 && *type == JZ_FILE_UNKNOWN && jz_header_detect(&row) == JZ_FILE_UNKNOWN)
        for (size_t i = 0; i < ngot; i++)
            if (other_separator(got[i])) {
                row = *got[i];  /* a tab- or semicolon-separated header below a title: say so there */
                break;
            }
    if (at > 0)
        title_note(diag, path, got[0]->line, row.line);
    if (*type == JZ_FILE_UNKNOWN)
        *type = jz_header_detect(&row);
    char sep = *type == JZ_FILE_UNKNOWN || row.nfields == 1 ? other_separator(&row) : 0;
    if (sep) {
        jz_diag_emit(diag, JZ_ERROR, path, row.line, 0, "", "wrong-separator",
                     "the columns are separated by %s, not commas: save the file as CSV "
                     "(comma-separated; in Excel: Save As, CSV UTF-8)",
                     sep == '\t' ? _("tabs") : sep == ';' ? _("semicolons") : "'|'");
        code = jz_error_set(err, JZ_EINPUT, path, row.line, 0, "not comma-separated");
    } else if (*type == JZ_FILE_UNKNOWN) {
        jz_diag_emit(diag, JZ_ERROR, path, row.line, 0, "", "unknown-type",
                     "cannot tell what this file is from its header (first field '%s'): records "
                     "have a record_id (记录编号) column, a roster staff (社工编号), contracts contract "
                     "(合同编号), evaluators' scores evaluator (评估员), a survey respondent (受访者), "
                     "findings code (代码), attendance lists person (人员编号), a verification result (核查结果); or give --type TYPE",
                     row.nfields ? row.fields[0] : "");
        code = jz_error_set(err, JZ_EINPUT, path, row.line, 0, "unrecognised header");
    } else if (!jz_header_map(h, *type, &row, path, diag)) {
        code = jz_error_set(err, JZ_EINPUT, path, row.line, 0, "unusable header");
    } else {
        jz_rowsrc_set_header(r, &row);
    }
    info->header_line = row.line;
    for (size_t i = 0; i < ngot; i++)
        jz_row_free(got[i]);
    return code;
}

jz_code jz_table_read(const char *path, jz_filetype type, jz_encoding enc, jz_diag *diag,
                      jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err)
{
    return jz_table_read_columns(path, type, enc, 0, diag, fn, ctx, info, err);
}

static bool hash_streams;

void jz_table_set_hash_streams(bool on)
{
    hash_streams = on;
}

/* Whether path names a regular file or a registered buffer (it can be read twice: once
 * to peek, once for real). */
static bool regular_file(const char *path)
{
    unsigned long long size;
    return jz_rowsrc_size(path, &size);
}

/* The start both readers share: open path and read its header. NULL when the file cannot
 * be opened (info->unreadable set, *code and err say why); else *code says whether the
 * header is usable, *h is filled (free it) and info has the type and encoding. */
static jz_code header_of(jz_rowsrc *r, const char *path, jz_filetype *type, unsigned mask, jz_header *h,
                         jz_diag *diag, jz_table_info *info, jz_error *err);

static jz_rowsrc *open_with_header(const char *path, jz_filetype *type, jz_encoding enc, bool hashed,
                                   unsigned mask, jz_header *h, jz_diag *diag, jz_table_info *info,
                                   jz_error *err, jz_code *code)
{
    memset(info, 0, sizeof *info);
    memset(h, 0, sizeof *h);
    jz_error_clear(err);
    jz_rowsrc *r = jz_rowsrc_open(path, &(jz_rowsrc_opts){.enc = enc, .hash_streams = hashed}, diag, err);
    if (!r) {
        info->unreadable = 1;
        *code = err->code;
        return NULL;
    }
    *code = header_of(r, path, type, mask, h, diag, info, err);
    return r;
}

static jz_code header_of(jz_rowsrc *r, const char *path, jz_filetype *type, unsigned mask, jz_header *h,
                         jz_diag *diag, jz_table_info *info, jz_error *err)
{
    jz_code code;
    info->enc = jz_rowsrc_encoding(r);
    info->enc_reason = jz_rowsrc_encoding_reason(r);
    code = read_header(r, path, type, h, diag, info, err);
    h->only = mask;
    info->type = *type;
    return code;
}

static jz_table_progress_fn progress;

void jz_table_set_progress(jz_table_progress_fn fn)
{
    progress = fn;
}

enum { PROGRESS_ROWS = 65536 };

static jz_code read_rows(jz_rowsrc *r, const char *path, jz_header *h, jz_code code, jz_diag *diag,
                         jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err);

jz_code jz_table_read_columns(const char *path, jz_filetype type, jz_encoding enc,
                              unsigned mask, jz_diag *diag, jz_table_row_fn fn, void *ctx,
                              jz_table_info *info, jz_error *err)
{
    jz_header h;
    jz_code code;
    jz_rowsrc *r = open_with_header(path, &type, enc, hash_streams, mask, &h, diag, info, err, &code);
    if (!r)
        return code;
    code = read_rows(r, path, &h, code, diag, fn, ctx, info, err);
    jz_rowsrc_close(r);
    return code;
}

jz_code jz_table_read_src(jz_rowsrc *r, const char *name, jz_filetype type, unsigned mask, jz_diag *diag,
                          jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err)
{
    jz_header h;
    memset(info, 0, sizeof *info);
    memset(&h, 0, sizeof h);
    jz_error_clear(err);
    jz_code code = header_of(r, name, &type, mask, &h, diag, info, err);
    return read_rows(r, name, &h, code, diag, fn, ctx, info, err);
}

/* The rows after the header h (code: whether it is usable); frees h, not r. */
static jz_code read_rows(jz_rowsrc *r, const char *path, jz_header *h, jz_code code, jz_diag *diag,
                         jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err)
{
    if (code == JZ_OK) {
        jz_field f[JZ_MAXCOLS];
        jz_row row;
        int rc;
        if (progress)
            progress(path, 0, 0, false);
        while ((rc = jz_rowsrc_next(r, &row, err)) > 0) {
            if (all_empty(&row))
                continue;  /* ",,,,": Excel writes these after the data; they say nothing */
            int nerr = parse_row(h, r, &row, f, path, diag);
            info->rows++;
            info->bad_rows += nerr > 0;
            if (progress && info->rows % PROGRESS_ROWS == 0)
                progress(path, info->rows, jz_rowsrc_bytes(r), false);
            if (fn && fn(ctx, h, &row, f, nerr))
                break;
        }
        if (progress && info->rows >= PROGRESS_ROWS)
            progress(path, info->rows, jz_rowsrc_bytes(r), true);
        if (rc < 0) {
            code = err->code;
            info->unreadable = 1;
        }
        else if (info->rows == 0)
            jz_diag_emit(diag, JZ_WARNING, path, info->header_line, 0, "", "header-only",
                         "the file has a header but no data rows");
        if (rc == 0)
            jz_rowsrc_sha256(r, info->sha256);
        info->enc = jz_rowsrc_encoding(r);  /* a file taken for UTF-8 may have turned GB18030 */
        info->enc_reason = jz_rowsrc_encoding_reason(r);
    }
    jz_header_free(h);
    return code;
}

jz_filetype jz_table_peek(const char *path, jz_encoding enc)
{
    if (!regular_file(path))
        return JZ_FILE_UNKNOWN;  /* a pipe read here would be gone for the real reading */
    jz_error err;
    jz_error_clear(&err);
    jz_rowsrc *r = jz_rowsrc_open(path, &(jz_rowsrc_opts){.enc = enc}, NULL, &err);
    if (!r)
        return JZ_FILE_UNKNOWN;
    jz_row row;
    jz_filetype t = JZ_FILE_UNKNOWN;
    for (int n = 0; t == JZ_FILE_UNKNOWN && n < HEADER_SEARCH_ROWS && jz_rowsrc_next(r, &row, &err) > 0; n++)
        t = jz_header_detect(&row);  /* the header may stand below a title row (read_header) */
    jz_rowsrc_close(r);
    return t;
}

/* ---- two halves on two cores ---- */

static unsigned long long split_min = 16 << 20;  /* below this a second thread is not worth it */

void jz_table_set_split_min(unsigned long long bytes)
{
    split_min = bytes;
}

/* A message of the second half, held until the first half's are given; row is the line
 * the row it is about starts on (LONG_MAX: after the last row), for a join that reads some
 * rows again (jz_table_split_ops). */
typedef struct heldmsg {
    jz_severity sev;
    long line, col, row;
    char *column, *code, *message;
} heldmsg;

/* Held messages before the second half gives up (the file is read again on one core): a
 * second half with this many problems would otherwise keep a message a row. */
static size_t hold_max = 1 << 16;

void jz_table_set_split_hold_max(size_t n)
{
    hold_max = n;
}

static long stats[JZ_SPLIT_NSTATS];

void jz_table_split_stats(long out[JZ_SPLIT_NSTATS])
{
    memcpy(out, stats, sizeof stats);
}

typedef struct half {
    const char *path;
    jz_rowsrc *r;
    const jz_header *h;
    jz_table_row_fn fn;
    void *ctx;
    jz_diag diag;                 /* the second half holds its messages until the first is done */
    heldmsg *held;
    size_t nheld, capheld;
    bool overflow;                /* held hold_max messages: stop, the first half reads on */
    long shown_max;               /* 0, or: hold at most this many problems ... */
    long problems, dropped[3];    /* ... and only count the ones after them */
    long rows, bad_rows;
    int rc;
    jz_error err;
    struct half *peer;            /* the first half reports progress for both */
    long every;                   /* progress: rows between reports (a half: half as many) */
    _Atomic long seen_rows;       /* progress: rows and bytes so far, for the other thread */
    _Atomic unsigned long long seen_bytes;
} half;

static void hold(void *ctx, const jz_diag_msg *m)
{
    half *hf = ctx;
    if (m->sev != JZ_NOTE && hf->shown_max > 0 && hf->problems++ >= hf->shown_max) {
        hf->dropped[m->sev]++;  /* could never be shown: the first shown_max come before it */
        return;
    }
    if (hf->nheld == hf->capheld) {
        hf->capheld = hf->capheld ? hf->capheld * 2 : 16;
        hf->held = jz_xrealloc(hf->held, hf->capheld * sizeof *hf->held);
    }
    hf->held[hf->nheld++] = (heldmsg){m->sev, m->line, m->col, LONG_MAX, jz_xstrdup(m->column), jz_xstrdup(m->code),
                                      jz_xstrdup(m->message)};
    if (hf->nheld >= hold_max)
        hf->overflow = true;
}

/* Give the held messages (line_base added to their lines), but those about rows starting
 * on the second half's lines up to skip (they were read again); or drop them all. */
static void release(half *hf, jz_diag *to, long line_base, bool emit, long skip)
{
    for (size_t i = 0; i < hf->nheld; i++) {
        heldmsg *m = &hf->held[i];
        if (emit && m->row > skip)
            jz_diag_emit(to, m->sev, hf->path, m->line ? m->line + line_base : 0, m->col, m->column, m->code,
                         "%s", m->message);
        free(m->column), free(m->code), free(m->message);
    }
    /* Problems past what the sink shows: counted there as if given (they say nothing). */
    for (int s = 0; emit && s < 3; s++)
        for (long i = 0; i < hf->dropped[s]; i++)
            jz_diag_emit(to, (jz_severity)s, hf->path, 0, 0, "", "", "%s", "");
    free(hf->held);
    hf->held = NULL;
    hf->nheld = hf->capheld = 0;
}

/* The messages held since *mark are about the row starting on line. */
static void mark_row(half *hf, size_t *mark, long line)
{
    for (size_t i = *mark; i < hf->nheld; i++)
        hf->held[i].row = line;
    *mark = hf->nheld;
}

static void run_rows(half *hf)
{
    jz_field f[JZ_MAXCOLS];
    jz_row row;
    int rc;
    size_t mark = hf->nheld;
    while ((rc = jz_rowsrc_next(hf->r, &row, &hf->err)) > 0) {
        if (all_empty(&row)) {
            mark_row(hf, &mark, row.line);
            continue;
        }
        int nerr = parse_row(hf->h, hf->r, &row, f, hf->path, &hf->diag);
        hf->rows++;
        hf->bad_rows += nerr > 0;
        if (progress && hf->rows % hf->every == 0) {
            atomic_store(&hf->seen_rows, hf->rows);
            atomic_store(&hf->seen_bytes, jz_rowsrc_bytes(hf->r));
            if (hf->peer)
                progress(hf->path, hf->rows + atomic_load(&hf->peer->seen_rows),
                         jz_rowsrc_bytes(hf->r) + atomic_load(&hf->peer->seen_bytes), false);
        }
        int stop = hf->fn ? hf->fn(hf->ctx, hf->h, &row, f, nerr) : 0;
        mark_row(hf, &mark, row.line);
        if (stop || hf->overflow)
            break;
    }
    hf->rc = rc;
}

static void *run_half(void *arg)
{
    run_rows(arg);
    return NULL;
}

/* Read the second half's rows that start on its lines up to redo again, from offset split,
 * into fn(ctx) on this thread with the file's line numbers, every message given to diag as
 * it comes (line_base added). */
static void reread(const char *path, unsigned long long split, long redo, long line_base, const jz_header *h,
                   jz_table_row_fn fn, void *ctx, jz_diag *diag)
{
    half rr = {.path = path, .every = PROGRESS_ROWS};
    jz_diag_init(&rr.diag, hold, &rr);
    jz_error err;
    jz_error_clear(&err);
    jz_rowsrc *r = jz_rowsrc_open_at(path, split, &rr.diag, &err);
    if (r)
        jz_rowsrc_set_width(r, h->nfields);
    jz_field f[JZ_MAXCOLS];
    jz_row row;
    while (r && jz_rowsrc_next(r, &row, &err) > 0 && row.line <= redo) {
        release(&rr, diag, line_base, true, LONG_MIN);  /* what reading the row said */
        if (all_empty(&row))
            continue;
        jz_row real = row;
        real.line += line_base;
        int nerr = parse_row(h, r, &real, f, path, diag);
        if (fn)
            fn(ctx, h, &real, f, nerr);
    }
    release(&rr, diag, line_base, false, 0);
    jz_rowsrc_close(r);
}

/* The start of the first line after the middle of the file, or 0 if none. */
jz_code jz_table_read_split(const char *path, jz_filetype type, jz_encoding enc, unsigned mask,
                            jz_diag *diag, jz_table_row_fn fn, void *ctx[2], int *halves,
                            long *line_base, jz_table_info *info, jz_error *err)
{
    jz_table_split_ops ops = {.fn = fn};
    return jz_table_read_split_ops(path, type, enc, mask, diag, &ops, ctx, halves, line_base, info, err);
}

jz_code jz_table_read_split_ops(const char *path, jz_filetype type, jz_encoding enc, unsigned mask,
                                jz_diag *diag, const jz_table_split_ops *ops, void *ctx[2], int *halves,
                                long *line_base, jz_table_info *info, jz_error *err)
{
    jz_table_row_fn fn = ops->fn;
    unsigned long long size;
    *halves = 1;
    *line_base = 0;
    if (!jz_rowsrc_size(path, &size) || size < split_min || !jz_rowsrc_can_split(path))
        return jz_table_read_columns(path, type, enc, mask, diag, fn, ctx[0], info, err);
    jz_header h;
    jz_code code;
    jz_rowsrc *r = open_with_header(path, &type, enc, false, mask, &h, diag, info, err, &code);
    if (!r)
        return code;
    unsigned long long split = info->enc == JZ_ENC_UTF8 && !code && type == JZ_FILE_RECORDS
                               ? jz_rowsrc_split_point(path) : 0;
    half one = {.path = path, .r = r, .h = &h, .fn = fn, .ctx = ctx[0], .diag = *diag, .every = PROGRESS_ROWS / 2};
    /* With a join that may read rows again, every message is held (it may be dropped). */
    half two = {.path = path, .h = &h, .fn = fn, .ctx = ctx[1], .shown_max = ops->join ? 0 : diag->shown_max,
                .every = PROGRESS_ROWS / 2};
    one.peer = &two;
    one.diag = *diag;  /* the first half reports straight away (it comes first) */
    one.diag.count[0] = one.diag.count[1] = one.diag.count[2] = 0;
    pthread_t thread;
    bool threaded = false;
    if (split && split > jz_rowsrc_offset(r)) {
        jz_diag_init(&two.diag, hold, &two);
        two.r = jz_rowsrc_open_at(path, split, &two.diag, &two.err);
        if (two.r)
            jz_rowsrc_set_width(two.r, h.nfields);
        if (two.r && ops->half_diag)
            ops->half_diag(ctx[1], &two.diag);
        threaded = two.r && pthread_create(&thread, NULL, run_half, &two) == 0;
        if (threaded)
            jz_rowsrc_stop_at(r, split);
    }
    if (progress)
        progress(path, 0, 0, false);
    if (!code)
        run_rows(&one);
    if (threaded)
        pthread_join(thread, NULL);
    bool two_threads = threaded;
    if (threaded && !code && one.rc == 0 && !jz_rowsrc_split_failed(r) && (two.rc < 0 || two.overflow) &&
        info->enc == JZ_ENC_UTF8) {
        /* The second half could not be read (as UTF-8, which it was told), or held too many
         * messages: the first reader reads it instead, taking the file for GB18030 if it has
         * to (csvin.h, the CSV row source). */
        jz_rowsrc_stop_at(r, NO_STOP);
        run_rows(&one);
        threaded = false;
    }
    bool use_two = threaded && !jz_rowsrc_split_failed(r) && one.rc == 0 && !code;
    long redo = 0;
    if (use_two && ops->join && (redo = ops->join(ctx, jz_rowsrc_line(r))) < 0) {
        jz_rowsrc_stop_at(r, NO_STOP);  /* the join wants every row of the second half again */
        run_rows(&one);
        use_two = false;
        stats[JZ_SPLIT_REREAD_ALL]++;
    }
    if (two_threads)
        stats[!use_two ? JZ_SPLIT_ONE_CORE : redo > 0 ? JZ_SPLIT_REREAD : JZ_SPLIT_MERGED]++;
    long all_rows = one.rows + (use_two ? two.rows : 0);
    if (progress && all_rows >= PROGRESS_ROWS)  /* the bytes read: one's up to the split and two's after */
        progress(path, all_rows, jz_rowsrc_offset(r) + (use_two ? jz_rowsrc_offset(two.r) - split : 0), true);
    info->enc = jz_rowsrc_encoding(r);
    info->enc_reason = jz_rowsrc_encoding_reason(r);
    for (int s = 0; s < 3; s++)
        diag->count[s] += one.diag.count[s];
    *line_base = use_two ? jz_rowsrc_line(r) : 0;
    if (use_two && redo > 0)
        reread(path, split, redo, *line_base, &h, fn, ctx[0], diag);
    release(&two, diag, *line_base, use_two, use_two ? redo : 0);
    *halves = use_two ? 2 : 1;
    info->rows = one.rows + (use_two ? two.rows : 0);
    info->bad_rows = one.bad_rows + (use_two ? two.bad_rows : 0);
    if (!code && one.rc < 0) {
        code = one.err.code;
        *err = one.err;
        info->unreadable = 1;
    } else if (!code && use_two && two.rc < 0) {
        code = two.err.code;
        *err = two.err;
        err->line += *line_base;
        info->unreadable = 1;
    }
    if (!code && info->rows == 0)
        jz_diag_emit(diag, JZ_WARNING, path, info->header_line, 0, "", "header-only", "the file has a header but no data rows");
    jz_rowsrc_close(two.r);
    jz_header_free(&h);
    jz_rowsrc_close(r);
    return code;
}
