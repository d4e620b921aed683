/* score_feed.c — see include/jz/score_feed.h. */
#include "jz/score_feed.h"
#include "jz/hash.h"

#include <stdlib.h>
#include <string.h>

const jz_score_table_kind jz_score_table_kinds[4] = {
    {JZ_FILE_RECORDS, "records"},
    {JZ_FILE_SCORES, "scores"},
    {JZ_FILE_SURVEY, "survey"},
    {JZ_FILE_FINDINGS, "findings"},
};

/* The record ids seen (issue 11, item 10: a duplicated id counted twice): an open table of
 * 64-bit fingerprints of (centre, record_id), each with the file and line it was first
 * read at, so the warning names both rows. 24 bytes a slot, at most half full. */
typedef struct idslot {
    uint64_t fp;                  /* 0: empty */
    const char *file;
    long line;
} idslot;

struct jz_feed_ids {
    idslot *v;
    size_t cap, n;                /* cap a power of two */
};

static uint64_t id_fingerprint(const jz_field *f)
{
    uint64_t a = jz_hash64(f[JZ_R_CENTRE].s, f[JZ_R_CENTRE].n, 21);
    return jz_hash64(f[JZ_R_RECORD_ID].s, f[JZ_R_RECORD_ID].n, a);
}

static idslot *id_slot(struct jz_feed_ids *t, uint64_t fp)
{
    size_t i = (size_t)fp & (t->cap - 1);
    while (t->v[i].fp && t->v[i].fp != fp)
        i = (i + 1) & (t->cap - 1);
    return &t->v[i];
}

/* Whether this record's id is new for its centre; if not, the first row's file and line. */
static bool first_id(jz_score_feed *fd, const jz_field *f, long line, const idslot **first)
{
    if (!f[JZ_R_RECORD_ID].present || !f[JZ_R_RECORD_ID].n)
        return true;
    struct jz_feed_ids *t = fd->ids;
    if (!t)
        t = fd->ids = jz_xcalloc(1, sizeof *t);
    if (2 * (t->n + 1) > t->cap) {
        struct jz_feed_ids grown = {jz_xcalloc(t->cap ? t->cap * 2 : 1024, sizeof *grown.v), t->cap ? t->cap * 2 : 1024, t->n};
        for (size_t i = 0; i < t->cap; i++)
            if (t->v[i].fp)
                *id_slot(&grown, t->v[i].fp) = t->v[i];
        free(t->v);
        *t = grown;
    }
    uint64_t fp = id_fingerprint(f);
    idslot *s = id_slot(t, fp);
    if (s->fp) {
        *first = s;
        return false;
    }
    *s = (idslot){fp, fd->file, line};
    t->n++;
    return true;
}

void jz_score_feed_done(jz_score_feed *fd)
{
    if (fd && fd->ids) {
        free(fd->ids->v);
        free(fd->ids);
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
        const idslot *first;
        switch (h->schema->type) {
        case JZ_FILE_RECORDS:
            if (first_id(fd, f, row->line, &first)) {
                jz_scorer_record(fd->scorer, f, fd->file, row->line);
            } else {
                fd->duplicates++;
                jz_diag_emit(fd->diag, JZ_WARNING, fd->file, row->line, h->idx[JZ_R_RECORD_ID] + 1, "record_id", "duplicate-id",
                             "record_id %.*s of centre %.*s was already read at %s:%ld: this row is not counted "
                             "(a record counts once; give each record its own id)",
                             (int)f[JZ_R_RECORD_ID].n, f[JZ_R_RECORD_ID].s, (int)f[JZ_R_CENTRE].n, f[JZ_R_CENTRE].s,
                             first->file, first->line);
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
    unsigned cols = type == JZ_FILE_RECORDS ? JZ_PARSE_TIME_RULES : 0;
    return jz_table_read_columns(path, type, fd->enc, cols, fd->diag, feed_row, fd, info, err);
}
