/* table.c — see include/jz/table.h */
#include "jz/table.h"

#include <string.h>

static jz_code read_header(jz_csv *r, const char *path, jz_filetype *type, jz_header *h,
                           jz_diag *diag, jz_table_info *info, jz_error *err)
{
    jz_row row;
    int rc = jz_csv_next(r, &row, err);
    if (rc < 0) {
        info->unreadable = 1;
        return err->code;
    }
    if (rc == 0) {
        jz_diag_emit(diag, JZ_ERROR, path, 0, 0, "", "empty-file",
                     "the file is empty: export it again with its header row");
        return jz_error_set(err, JZ_EINPUT, path, 0, 0, "the file is empty");
    }
    if (*type == JZ_FILE_UNKNOWN)
        *type = jz_header_detect(&row);
    if (*type == JZ_FILE_UNKNOWN) {
        jz_diag_emit(diag, JZ_ERROR, path, row.line, 0, "", "unknown-type",
                     "cannot tell what this file is from its header (first field '%s'): records "
                     "have a record_id (记录编号) column, a roster staff (社工编号), contracts contract "
                     "(合同编号), evaluators' scores evaluator (评估员), a survey respondent (受访者), "
                     "findings code (代码); or give --type TYPE",
                     row.nfields ? row.fields[0] : "");
        return jz_error_set(err, JZ_EINPUT, path, row.line, 0, "unrecognised header");
    }
    if (!jz_header_map(h, *type, &row, path, diag))
        return jz_error_set(err, JZ_EINPUT, path, row.line, 0, "unusable header");
    return JZ_OK;
}

static bool all_empty(const jz_row *row)
{
    for (size_t i = 0; i < row->nfields; i++)
        for (size_t k = 0; k < row->lens[i]; k++)
            if (row->fields[i][k] != ' ' && row->fields[i][k] != '\t')
                return false;
    return true;
}

jz_code jz_table_read(const char *path, jz_filetype type, jz_encoding enc, jz_diag *diag,
                      jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err)
{
    return jz_table_read_columns(path, type, enc, 0, diag, fn, ctx, info, err);
}

jz_code jz_table_read_columns(const char *path, jz_filetype type, jz_encoding enc,
                              unsigned mask, jz_diag *diag, jz_table_row_fn fn, void *ctx,
                              jz_table_info *info, jz_error *err)
{
    memset(info, 0, sizeof *info);
    jz_error_clear(err);
    jz_csv *r = jz_csv_open(path, enc, diag, err);
    if (!r) {
        info->unreadable = 1;
        return err->code;
    }
    info->enc = jz_csv_encoding(r);
    info->enc_reason = jz_csv_encoding_reason(r);
    jz_header h;
    memset(&h, 0, sizeof h);
    jz_code code = read_header(r, path, &type, &h, diag, info, err);
    h.only = mask;
    info->type = type;
    if (code == JZ_OK) {
        jz_field f[JZ_MAXCOLS];
        jz_row row;
        int rc;
        while ((rc = jz_csv_next(r, &row, err)) > 0) {
            if (all_empty(&row))
                continue;  /* ",,,,": Excel writes these after the data; they say nothing */
            int nerr = jz_row_parse(&h, &row, f, path, diag);
            info->rows++;
            info->bad_rows += nerr > 0;
            if (fn && fn(ctx, &h, &row, f, nerr))
                break;
        }
        if (rc < 0) {
            code = err->code;
            info->unreadable = 1;
        }
        else if (info->rows == 0)
            jz_diag_emit(diag, JZ_WARNING, path, 1, 0, "", "header-only",
                         "the file has a header but no data rows");
    }
    jz_header_free(&h);
    jz_csv_close(r);
    return code;
}

jz_filetype jz_table_peek(const char *path, jz_encoding enc)
{
    if (strcmp(path, "-") == 0)
        return JZ_FILE_UNKNOWN;
    jz_error err;
    jz_error_clear(&err);
    jz_csv *r = jz_csv_open(path, enc, NULL, &err);
    if (!r)
        return JZ_FILE_UNKNOWN;
    jz_row row;
    jz_filetype t = jz_csv_next(r, &row, &err) > 0 ? jz_header_detect(&row) : JZ_FILE_UNKNOWN;
    jz_csv_close(r);
    return t;
}

size_t jz_table_row_bytes(const char *path, jz_encoding enc)
{
    if (strcmp(path, "-") == 0)
        return 0;
    jz_error err;
    jz_error_clear(&err);
    jz_csv *r = jz_csv_open(path, enc, NULL, &err);
    if (!r)
        return 0;
    jz_row row;
    size_t bytes = 0, rows = 0;
    while (rows < 1001 && jz_csv_next(r, &row, &err) > 0) {
        if (rows++ == 0)
            continue;  /* the header */
        for (size_t i = 0; i < row.nfields; i++)
            bytes += row.lens[i] + 1;  /* the field and its comma or newline */
    }
    jz_csv_close(r);
    return rows > 1 ? bytes / (rows - 1) : 0;
}
