/* table.h — read one input file as a typed table: open (encoding), header (type
 * detection and column mapping), then every data row parsed into jz_fields and handed
 * to a callback. All tools read their CSV inputs through this.
 *
 * Promise: problems with the file's structure (empty, header only, unrecognised type,
 * missing columns) and with each row go to the diag sink and reading continues where it
 * can. The return value is JZ_OK when the file was read to its end (even with bad
 * rows), JZ_EIO when it could not be opened or read, JZ_EINPUT when it could not be
 * decoded or its header is unusable (no row was handed on then, or only the rows
 * before the undecodable byte). err says why for both.
 */
#ifndef JZ_TABLE_H
#define JZ_TABLE_H

#include "jz/csvin.h"
#include "jz/schema.h"

typedef struct jz_table_info {
    jz_filetype type;        /* detected or forced */
    jz_encoding enc;
    const char *enc_reason;  /* static string */
    long rows;               /* data rows read */
    long bad_rows;           /* rows with at least one error */
    int unreadable;          /* could not be opened, read or decoded (err says why) */
} jz_table_info;

/* Called for each data row (rows whose fields are all empty, as Excel writes after the
 * data, are skipped like blank lines).  f has schema->ncols entries; nerrors is how many errors
 * the row's fields had (already reported). Return 0 to go on, non-zero to stop. */
typedef int (*jz_table_row_fn)(void *ctx, const jz_header *h, const jz_row *row,
                               const jz_field *f, int nerrors);

/* Read path ("-" = stdin). type JZ_FILE_UNKNOWN means detect from the header.
 * jz_table_read_columns parses only the columns in mask (see jz_header.only). */
jz_code jz_table_read_columns(const char *path, jz_filetype type, jz_encoding enc,
                              unsigned mask, jz_diag *diag, jz_table_row_fn fn, void *ctx,
                              jz_table_info *info, jz_error *err);
jz_code jz_table_read(const char *path, jz_filetype type, jz_encoding enc, jz_diag *diag,
                      jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err);

/* Read only the header of a regular file and detect its type (JZ_FILE_UNKNOWN if it
 * cannot tell). For ordering the files of one run; "-" gives JZ_FILE_UNKNOWN. */
jz_filetype jz_table_peek(const char *path, jz_encoding enc);

/* Average bytes per data row over the first 1000 rows of a regular file (0 if it cannot
 * tell): how jz-validate sizes its duplicate tables up front. */
size_t jz_table_row_bytes(const char *path, jz_encoding enc);

#endif
