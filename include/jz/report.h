/* report.h — render scored results (result.h) for people: text, Markdown, HTML, XLSX and
 * csv, each with the district roll-up when there are several centres.
 *
 * Promise: renderers write only what the results say (no recomputation of scores) plus
 * the roll-up below and, given a previous result, its comparison (result_diff.h); the same results give the same bytes (no time stamps; the workbook's
 * creation date is pinned). Each format is its own file (report_<format>.c), one row of
 * jz_report_writers (writer.h): adding a format is that file and that row. Strings from the input are always written as text (never as markup, never as
 * a spreadsheet formula).
 */
#ifndef JZ_REPORT_H
#define JZ_REPORT_H

#include <stdio.h>

#include "jz/audit_read.h"
#include "jz/result.h"
#include "jz/result_diff.h"
#include "jz/rules.h"
#include "jz/verify_result.h"
#include "jz/writer.h"

typedef struct jz_report_opts {
    const jz_rules *rules;    /* payment terms (may lack them: then no payment column) */
    int instalment;           /* the instalment this evaluation decides (1-based); 0: the last */
    bool color;               /* text: ANSI colours (only on a terminal, never with NO_COLOR) */
    bool bom;                 /* csv: a UTF-8 byte-order mark for Excel (the tools leave it false:
                               * their front end writes the mark, see jz_cli_set_bom) */
    const char *const *evidence;  /* xlsx: files of jz-score --evidence, streamed into an
                                     Evidence sheet; one unreadable or malformed fails the
                                     workbook with err->file naming it (JZ_EWRITE: the workbook; JZ_EREAD, JZ_EINPUT: an evidence file) */
    size_t nevidence;
    const jz_vresults *verification;  /* text, md, html: a verification section per centre it has
                                         figures for; xlsx: a Verification sheet (jz-verify's
                                         json; may be NULL) */
    const jz_audits *audit;   /* jz-report --audit: an integrity section per centre and each
                                 centre's risk in the roll-up; NULL: none */
    const jz_result_diff *previous;   /* text, md, html: a previous result (A) against these (B),
                                         shown beside each centre and in the roll-up; NULL none */
} jz_report_opts;

/* Findings shown per centre in the integrity section (the worst, jz_audits_worst). */
#define JZ_REPORT_AUDIT_WORST 5

/* Where an audit finding is: "file:line" of its row, or "staff S, 2024-05" of a group
 * finding (the centre is the section's), into buf: in the document's words when doc is
 * true, else in English (the csv report, machine output). */
char *jz_report_audit_where(const jz_afinding *f, bool doc, char *buf, size_t cap);

/* The integrity section of one centre, and the risk block of the roll-up, of each format
 * (report_audit.c; html and xlsx in their files). Nothing when o->audit is NULL. */
void jz_report_text_audit(FILE *fp, const jz_rcentre *c, const jz_report_opts *o);
void jz_report_text_audit_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o);
void jz_report_md_audit(FILE *fp, const jz_rcentre *c, const jz_report_opts *o);
void jz_report_md_audit_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o);
void jz_report_csv_audit(FILE *fp, const jz_rcentre *c, const jz_report_opts *o);

/* District roll-up, computed once from the results. */
typedef struct jz_rollup {
    size_t *rank;             /* centre indices: the graded by total, highest first (ties: by
                                 centre id), then those with no grade, then those not scored
                                 (each by centre id) */
    size_t n;
    size_t ranked;            /* the first `ranked` of rank have a grade and a place; the others
                                 have no place and no total shown (a re-weighted 1000.0 of a
                                 centre with too little coverage is not a score) */
    size_t not_scored;        /* centres with no records in the run */
    size_t *grade_count;      /* per grade of the first file's grade list, then "no grade" last */
    size_t ngrades;           /* entries in grade_count (grades + 1) */
    size_t hours_failing;     /* centres with a short or over hours check */
    size_t below_pass;        /* centres scored and below the pass grade (or without a grade) */
} jz_rollup;

void jz_rollup_make(const jz_results *r, jz_rollup *out);

/* "graded", "no grade" or "not scored": what a centre's total is. */
int jz_rcentre_rank_class(const jz_rcentre *c);   /* 0 graded, 1 no grade, 2 not scored */
void jz_rollup_free(jz_rollup *r);

/* What every report writer writes: the results, and how. */
typedef struct jz_report_doc {
    const jz_results *results;
    const jz_report_opts *opts;
} jz_report_doc;

/* The formats, doc a jz_report_doc: text, md, html and csv write to a FILE; xlsx to a path
 * (libxlsxwriter writes the zip itself), failing with JZ_EWRITE (exit 4) or, for an evidence file,
 * JZ_EINPUT (err->file names it). Ended by {NULL}; look one up with jz_writer_find. */
extern const jz_writer jz_report_writers[];

/* The rows of jz_report_writers, one file each. */
void jz_report_text(FILE *fp, const void *doc);
void jz_report_md(FILE *fp, const void *doc);
void jz_report_csv(FILE *fp, const void *doc);
void jz_report_html(FILE *fp, const void *doc);
jz_code jz_report_xlsx(const char *path, const void *doc, jz_error *err);

#endif
