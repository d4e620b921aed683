/* rubric_test.h — a rubric's fixture cases, run like code (jz-rubric test): each case
 * folder RUBRIC-DIR/tests/RUBRIC-ID/CASE/ holds cmd-args, contracts.csv, optional
 * roster.csv, records.csv, scores.csv, survey.csv, findings.csv, and expected.csv
 * (indicator,earned rows; grade and total rows). The case is scored by the scoring engine
 * (its tables fed as jz-score feeds them, score_feed.h) and compared with expected.csv.
 *
 * Promise: a case is PASS (every expected value equals the engine's, exactly, in the
 * rubric's decimals), FAIL (each differing value with the engine's derivation), or
 * INVALID (a case that cannot be run: its reason in `why`, in the words jz-rubric prints).
 * expected.csv is read through the row-source interface (rowsrc.h), never a format's
 * reader. Input problems of a case's tables go to a diag printer copied from the caller's
 * for each case (so its limit counts per case). Nothing here writes the report
 * (rubric_write.h does: jz_rubric_test_write) and nothing exits (out of memory aside).
 * Ownership: a report owns every string in it; free with jz_rubric_test_report_free
 * (NULL-safe). The rules and calendar a case names are loaded by the caller's functions,
 * which know where the bundled ones are (path NULL).
 */
#ifndef JZ_RUBRIC_TEST_H
#define JZ_RUBRIC_TEST_H

#include <stdbool.h>
#include <stddef.h>

#include "jz/calendar.h"
#include "jz/diag.h"
#include "jz/rubric.h"
#include "jz/rules.h"

typedef struct jz_rubric_test_env {
    jz_diag_printer printer;  /* copied for each case: where its input problems are printed */
    /* path NULL: the bundled rules or calendar. Return as jz_rules_load / jz_calendar_load. */
    jz_code (*load_rules)(jz_rules *rules, const char *path, jz_error *err);
    jz_calendar *(*load_calendar)(const char *path, bool assume_regular, jz_error *err);
} jz_rubric_test_env;

typedef struct jz_rubric_test_mismatch {
    char *what;  /* indicator id, "grade" or "total" */
    char *want, *got;
    char *why;   /* the engine's derivation or grade note; may be "" */
} jz_rubric_test_mismatch;

typedef struct jz_rubric_test_case {
    char *dir;
    int status;      /* 0 pass, 1 fail, 3 invalid, 4 out of memory */
    char *why;       /* invalid: what makes the case invalid; else "" */
    long compared;   /* values compared */
    jz_rubric_test_mismatch *mismatches;
    size_t nmismatches;
} jz_rubric_test_case;

typedef struct jz_rubric_test_report {
    jz_rubric_test_case *cases;
    size_t n, passed, failed, invalid;
    int status;      /* the worst case's status (0 when every case passes) */
} jz_rubric_test_report;

/* The file names a case may hold (for refusing an output onto one). */
#define JZ_RUBRIC_TEST_NFILES 8
extern const char *const jz_rubric_test_files[JZ_RUBRIC_TEST_NFILES];

/* RUBRIC-DIR/tests/RUBRIC-ID (malloc'd). */
char *jz_rubric_test_dir(const jz_rubric *r);

/* The case folders under dir (malloc'd paths "dir/name"), sorted by name in bytes, not
 * locale; 0 when there are none or dir cannot be read. */
size_t jz_rubric_test_cases(const char *dir, char ***out);
void jz_rubric_test_cases_free(char **cases, size_t n);

/* Run one case into *out (owned by the caller: jz_rubric_test_case_free); returns its
 * status. */
int jz_rubric_test_case_run(const jz_rubric *r, const char *dir, const jz_rubric_test_env *env,
                            jz_rubric_test_case *out);
void jz_rubric_test_case_free(jz_rubric_test_case *c);

/* Run every case, in order, into rep; returns rep->status. */
int jz_rubric_test_run(const jz_rubric *r, char *const *cases, size_t n, const jz_rubric_test_env *env,
                       jz_rubric_test_report *rep);
void jz_rubric_test_report_free(jz_rubric_test_report *rep);

#endif
