/* score_feed.h — feed a scorer its tables: the one loop that reads records, evaluators'
 * scores, a survey and inspection findings and hands every valid row to the scorer
 * (jz-score and the rubric fixture runner, rubric_test.h, both use it).
 *
 * Promise: every table is read through table.h with the scorer's reading policy (records:
 * every column, and a row whose time gives no hours is refused as jz-validate refuses it,
 * never read as 0 h); a row with errors is counted in bad_rows and never fed; problems go
 * to the feed's diag sink. The return value is table.h's: JZ_OK when the file was read to
 * its end (even with bad rows). A record whose (centre, record_id) was already fed, in
 * this file or an earlier one, is not fed again: it is counted in duplicates and warned
 * about ("duplicate-id", naming the row read first), so a record counts once. Nothing here
 * prints, opens an output or exits.
 * Ownership: the feed borrows the scorer, the sink and the paths; a path must outlive
 * the scorer (the scorer keeps pointers to it for its evidence).
 */
#ifndef JZ_SCORE_FEED_H
#define JZ_SCORE_FEED_H

#include <stdbool.h>

#include "jz/score.h"
#include "jz/table.h"

/* The kinds of table a scorer is fed after its contracts and roster, in the order both
 * tools read them; role is the input's role in the result ("records", "scores", ...). */
typedef struct jz_score_table_kind {
    jz_filetype type;
    const char *role;
} jz_score_table_kind;
extern const jz_score_table_kind jz_score_table_kinds[4];

typedef struct jz_score_feed {
    jz_scorer *scorer;
    jz_diag *diag;          /* row problems, and the scorer's own diagnostics */
    jz_encoding enc;
    const char *file;       /* the file being read (set by jz_score_feed_table) */
    long bad_rows;          /* rows with errors: not fed */
    /* May be NULL: called after every data row, fed or not. nerr is how many errors the
     * row's fields had; fed_errors is how many errors the scorer reported about it. */
    void (*after_row)(void *ctx, const jz_header *h, const jz_field *f, int nerr, long fed_errors);
    void *ctx;
    long duplicates;        /* records not fed: their id was already read (warned) */
    struct jz_record_ids *ids; /* the record ids seen (owned; free with jz_score_feed_done) */
} jz_score_feed;

/* Read path as a table of type (one of jz_score_table_kinds) and feed its valid rows. */
jz_code jz_score_feed_table(jz_score_feed *fd, const char *path, jz_filetype type, jz_table_info *info,
                            jz_error *err);

/* Free what the feed keeps between tables (the record ids seen); the feed can be reused
 * for a new run after it. */
void jz_score_feed_done(jz_score_feed *fd);

#endif
