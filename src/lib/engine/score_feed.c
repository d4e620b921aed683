/* score_feed.c — see include/jz/score_feed.h. */
#include "jz/score_feed.h"

const jz_score_table_kind jz_score_table_kinds[4] = {
    {JZ_FILE_RECORDS, "records"},
    {JZ_FILE_SCORES, "scores"},
    {JZ_FILE_SURVEY, "survey"},
    {JZ_FILE_FINDINGS, "findings"},
};

static int feed_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    jz_score_feed *fd = ctx;
    long before = fd->diag ? fd->diag->count[JZ_ERROR] : 0;
    if (nerr) {
        fd->bad_rows++;
    } else {
        switch (h->schema->type) {
        case JZ_FILE_RECORDS: jz_scorer_record(fd->scorer, f, fd->file, row->line); break;
        case JZ_FILE_SCORES: jz_scorer_entered(fd->scorer, f, fd->file, row->line, fd->diag); break;
        case JZ_FILE_SURVEY: jz_scorer_survey(fd->scorer, f, fd->file, row->line, fd->diag); break;
        case JZ_FILE_FINDINGS: jz_scorer_finding(fd->scorer, f, fd->file, row->line, fd->diag); break;
        default: break;
        }
    }
    if (fd->after_row)
        fd->after_row(fd->ctx, h, f, nerr, nerr ? 0 : (fd->diag ? fd->diag->count[JZ_ERROR] : 0) - before);
    return 0;
}

jz_code jz_score_feed_table(jz_score_feed *fd, const char *path, jz_filetype type, jz_table_info *info,
                            jz_error *err)
{
    fd->file = path;
    unsigned cols = type == JZ_FILE_RECORDS ? JZ_PARSE_TIME_RULES : 0;
    return jz_table_read_columns(path, type, fd->enc, cols, fd->diag, feed_row, fd, info, err);
}
