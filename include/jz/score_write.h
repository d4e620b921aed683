/* score_write.h — scored results as json (the stable result jz-report reads), text and csv.
 *
 * Promise: deterministic bytes for the same results (no time stamps, no locale, results in
 * contract order, decimals fixed by the rubric's rounding). json schema "jiazong-score/3"
 * is documented in jz-score(1); csv has one row per centre per indicator with columns
 * contract,centre,section,indicator,party,value,target,ratio,earned,possible,status,derivation.
 */
#ifndef JZ_SCORE_WRITE_H
#define JZ_SCORE_WRITE_H

#include <stdio.h>

#include "jz/writer.h"
#include "jz/score.h"

/* The result's schema: 2 since a contract with no records in the run is "not scored"
 * (scored false, total and grade null) and results carry warnings; 3 since every centre
 * carries the facts behind its total and grade ("facts": re-weighting, caps, the grade
 * rules that decided, the exact total; jz-score(1)). */
#define JZ_SCORE_SCHEMA "jiazong-score/3"

typedef struct jz_input_file {
    const char *path;          /* as given; "rules/guangzhou-hours.yaml (bundled)" for a bundled file */
    const char *role;          /* "records", "contracts", "roster", "scores", "survey", "findings", "rules",
                                  "calendar" */
    char sha256[65];           /* "" when not computed (standard input) */
    const char *read_path;     /* the file hashed when it differs from path (a bundled file), else NULL */
} jz_input_file;

typedef struct jz_score_warning {  /* a finding about the rubric that changes the score */
    char *file, *code, *message;
    long line, col;
} jz_score_warning;

typedef struct jz_score_report {
    const jz_rubric *rubric;
    const jz_rules *rules;
    const jz_centre_result *const *results;
    size_t n;
    const jz_input_file *inputs;
    size_t ninputs;
    const char *explain;       /* an indicator id: print only its full derivation (text) */
    const jz_score_warning *warnings;
    size_t nwarnings;
} jz_score_report;

/* The formats, doc a jz_score_report: "text", "csv", "json" (writer.h). */
extern const jz_writer jz_score_writers[];

/* SHA-256 of a file as 64 hex digits; false if it cannot be read. Thread-safe. */
bool jz_file_sha256(const char *path, char hex[65]);

#endif
