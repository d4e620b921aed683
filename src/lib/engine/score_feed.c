/* score_feed.c — see include/jz/score_feed.h. */
#include "jz/score_feed.h"
#include "jz/record_ids.h"

const jz_score_table_kind jz_score_table_kinds[4] = {
    {JZ_FILE_RECORDS, "records"},
    {JZ_FILE_SCORES, "scores"},
    {JZ_FILE_SURVEY, "survey"},
    {JZ_FILE_FINDINGS, "findings"},
};

/* Whether this record's id is new for its centre (then it is added); if not, where the
 * row with that id was read first. */
static bool first_id(jz_score_feed *fd, const jz_field *f, long line, const char **ffile, long *fline)
{
    jz_record_key fp = jz_record_id_key(f);
    if (!fp.fp)
        return true;
    if (!fd->ids)
        fd->ids = jz_record_ids_new();
    return !jz_record_ids_see(fd->ids, fp, fd->file, line, ffile, fline);
}

void jz_score_feed_done(jz_score_feed *fd)
{
    if (fd) {
        jz_record_ids_free(fd->ids);
        fd->ids = NULL;
    }
}

static int feed_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    jz_score_feed *fd = ctx;
    long before = fd->diag ? fd->diag->count[JZ_ERROR] : 0;
    if (nerr) {
        fd->bad_rows++;
    } else {
        const char *ffile = NULL;
        long fline = 0;
        switch (h->schema->type) {
        case JZ_FILE_RECORDS:
            if (first_id(fd, f, row->line, &ffile, &fline)) {
                jz_scorer_record(fd->scorer, f, fd->file, row->line);
            } else {
                fd->duplicates++;
                jz_diag_emit(fd->diag, JZ_WARNING, fd->file, row->line, h->idx[JZ_R_RECORD_ID] + 1, "record_id", "duplicate-id",
                             "record_id %.*s of centre %.*s was already read at %s:%ld: this row is not counted "
                             "(a record counts once; give each record its own id)",
                             (int)f[JZ_R_RECORD_ID].n, f[JZ_R_RECORD_ID].s, (int)f[JZ_R_CENTRE].n, f[JZ_R_CENTRE].s,
                             ffile, fline);
            }
            break;
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
    /* The columns a score is computed from (score.c, hours.c, the where filters): a note
     * and the entry times are not read here (jz-validate judges them, jz-audit reads them). */
    enum { NOT_SCORED = 1u << JZ_R_NOTE | 1u << JZ_R_ENTERED_AT | 1u << JZ_R_MODIFIED_AT,
           SCORE_COLUMNS = ((1u << JZ_R_NCOLS) - 1) & ~NOT_SCORED };
    unsigned cols = type == JZ_FILE_RECORDS ? SCORE_COLUMNS | JZ_PARSE_TIME_RULES : 0;
    /* records: parsed on a second thread while this one scores (jz_table_read_piped);
     * a type still to be detected may be records too */
    if (type == JZ_FILE_RECORDS || type == JZ_FILE_UNKNOWN)
        return jz_table_read_piped(path, type, fd->enc, cols, fd->diag, feed_row, fd, info, err);
    return jz_table_read_columns(path, type, fd->enc, cols, fd->diag, feed_row, fd, info, err);
}
