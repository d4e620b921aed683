/* result.h — scored results read back from jz-score's json ("jiazong-score/3", and the
 * older "jiazong-score/2", without the facts behind a total, and "jiazong-score/1", whose
 * contracts were all scored besides), the input of jz-report, plus the district roll-up
 * and payment consequences.
 *
 * Promise: jz_results_load reads one or more result files (or standard input) into one
 * list of centres: jz-score's results, or jz-hours' ("jiazong-hours/1": contracts with
 * their hours checks, no score or grade). A file of another schema or another version is
 * refused (JZ_EINPUT, naming the schema found and the ones expected). Numbers keep the text jz-score wrote
 * ("942.2") next to their fixed-point value, so a report prints exactly what was scored.
 * The json is read with the YAML loader (JSON is YAML's flow style), so no JSON library.
 * Ownership: the caller frees with jz_results_free; everything points into it.
 */
#ifndef JZ_RESULT_H
#define JZ_RESULT_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/error.h"
#include "jz/rules.h"

#define JZ_RESULT_SCHEMA "jiazong-score/3"
#define JZ_RESULT_SCHEMA_2 "jiazong-score/2"   /* read too: no "facts" (jz_rfacts.known false) */
#define JZ_RESULT_SCHEMA_1 "jiazong-score/1"   /* read too: as /2, every contract scored */
#define JZ_HOURS_SCHEMA "jiazong-hours/1"

typedef struct jz_rnum {
    char *text;          /* as written ("942.2"); "" when null */
    int64_t fp;          /* fixed point x 10000; -1 when null */
} jz_rnum;

typedef struct jz_rscore {
    char *evaluator, *comment;
    jz_rnum score;
} jz_rscore;

typedef struct jz_rind {
    char *id, *title, *section, *party, *measure, *method, *value_text, *status, *derivation;
    char *unit;          /* of value and target ("%": a fraction); "" unknown (before jiazong-score/3) */
    jz_rnum value, target, ratio, earned, possible;
    jz_rnum fraction;    /* the share of the points earned, when the result records it */
    jz_rscore *scores;
    size_t nscores;
    bool disagreement;
    jz_rnum spread;
} jz_rind;

typedef struct jz_rsec {
    char *id, *title, *party;
    int depth;
    jz_rnum earned, possible, points;
} jz_rsec;

typedef struct jz_rcheck {
    char *check, *unit, *status, *detail;
    int64_t required, delivered;   /* in unit (minutes, people, days); -1 n/a */
    jz_rnum ratio;
} jz_rcheck;

typedef struct jz_rapplied {
    char *what, *id, *title, *detail;   /* title: the veto's (jiazong-score/1: the id) */
    jz_rnum points;
} jz_rapplied;

/* A cap applied to a figure (jiazong-score/3 "facts"."caps"). */
typedef struct jz_rcap {
    char *what;          /* "section-cap", "deduction-cap", "veto" (the total) */
    char *id, *title;    /* the section, "cap", the veto; the section's or veto's title */
    jz_rnum cap, before, after;
    bool lowered;        /* the cap took something (after < before) */
} jz_rcap;

/* A rule that made the grade at most `grade` ("facts"."grade_rules"). */
typedef struct jz_rgrule {
    char *what;          /* "veto", "section-minimum" */
    char *id, *title, *grade, *rows;
    bool decided;        /* it lowered the grade the total alone gave: the final grade is its grade */
} jz_rgrule;

/* The facts behind a centre's total and grade, as the engine took them (jz-score(1),
 * "facts"). A result of jiazong-score/2 or /1 has none: known is false and every other
 * field is empty; a writer then states the figures as scored, never a guess at them. */
typedef struct jz_rfacts {
    bool known;
    bool reweighted;               /* total = earned x scale / applicable - deductions */
    char **from;                   /* reweighted: the n/a indicators whose points moved */
    size_t nfrom;
    jz_rnum na_points, scale;
    char *total_exact;             /* the total before its rounding, "num/den" points; "" none */
    jz_rnum band_total;            /* the figure the grade bands were compared with */
    char *grade_of_total;          /* the grade of the (capped) total alone; "" none */
    jz_rcap *caps;                 /* in the order applied */
    size_t ncaps;
    const jz_rcap *capped_by;      /* the veto cap that lowered the total, or NULL */
    jz_rgrule *grades;             /* in the order tested */
    size_t ngrades;
    const jz_rgrule *forced_by;    /* the rule that decided the grade, or NULL */
} jz_rfacts;

typedef struct jz_rcentre {
    char *contract, *centre, *district, *street, *operator_, *start, *end, *as_of, *as_of_reason,
        *grade, *grade_note;
    long records;
    bool scored;                   /* false: no records in the run (no total, grade or payment) */
    jz_rnum total, earned, applicable, coverage, deductions;
    jz_rsec *sec;
    size_t nsec;
    jz_rind *ind;
    size_t nind;
    jz_rcheck *hours;
    size_t nhours;
    jz_rapplied *applied;
    size_t napplied;
    jz_rfacts facts;               /* jiazong-score/3; facts.known false for older results */
    size_t file;                   /* index of the result file it came from (jz_results.files) */
} jz_rcentre;

typedef struct jz_rgrade {
    char *name;
    jz_rnum min;
} jz_rgrade;

typedef struct jz_rfile {
    char *path, *tool;
    bool hours_only;   /* a jz-hours result: centres carry hours checks, no score or grade
                          (rubric_id/version then name the contract rules) */
    char *rubric_id, *rubric_title, *rubric_version, *rubric_sha256, *pass_grade;
    char *rubric_lang;   /* the rubric's lang ("zh", "en"); "" when the result does not say */
    char *rubric_issued_by, *rubric_document, *rubric_status;  /* "" when not said; status
                                                                  "official", "draft", "example" */
    jz_rnum scale;
    jz_rgrade *grades;
    size_t ngrades;
    char **input_files, **input_roles, **input_sha256;   /* sha256 "" when null */
    size_t ninputs;
    /* The contract rules and the holiday calendar of a jz-score result: "" when the result
       does not record them (older results carry no sha256 of either). */
    char *rules_id, *rules_version, *rules_sha256, *calendar_sha256;
} jz_rfile;

typedef struct jz_results {
    jz_rfile *files;
    size_t nfiles;
    jz_rcentre *centres;
    size_t ncentres;
} jz_results;

/* Read a result file ("-" = standard input) and append its centres. */
jz_code jz_results_load(jz_results *r, const char *path, jz_error *err);
/* The same from n bytes of text already in memory (tests, fuzzers: no temp file); name
 * stands for the file in messages and in the appended jz_rfile's path. No size bound
 * (the caller already holds the bytes); the node bound is the file's. */
jz_code jz_results_load_buffer(jz_results *r, const char *text, size_t n, const char *name, jz_error *err);
void jz_results_free(jz_results *r);

/* Whether grade g is at or above `floor` in the file's grade order; false when g is empty
 * or either is not one of the file's grades. */
bool jz_rfile_grade_at_least(const jz_rfile *f, const char *g, const char *floor);

/* The payment consequence of a centre's grade under the rules' payment terms: one
 * sentence, e.g. "合格 or better: the instalment (25 %) is payable" or "below 合格: the
 * instalment (25 %) is withheld until rectified; a passed re-check pays 90 % of it
 * (22.5 %), a second failure nothing". `instalment` is 1-based; 0 means the one the
 * evaluation decides: the rules' mid_term_decides when the result is as of a date before the
 * contract's end, else end_term_decides.
 * When the rules' pass_grade is not one of the result's grades (a rubric of other grade
 * names), or the centre's grade is not, the sentence says "payment undetermined" and why:
 * never "payable".
 * Fails (returns false) when the rules carry no payment terms, the result is a jz-hours
 * one, or the centre was not scored (no grade to apply them to). */
bool jz_payment_sentence(const jz_rules *rules, const jz_rfile *f, const jz_rcentre *c,
                         int instalment, char *buf, size_t cap);

/* The parts of that sentence, for a writer that rebuilds it from a grade (a spreadsheet
 * formula of the total): -1 when jz_payment_sentence fails; 0 when the payment is
 * undetermined (then `payable` holds the whole sentence, whatever the grade); 1 otherwise:
 * the sentence is GRADE " (" PASS " or better)" payable when the grade is at least the
 * rules' pass grade, else GRADE-or-"no grade" " (below " PASS ")" withheld. Neither part
 * holds text from the inputs (only the rules' numbers). Each buffer has cap bytes. */
int jz_payment_terms(const jz_rules *rules, const jz_rfile *f, const jz_rcentre *c, int instalment, char *payable,
                     char *withheld, size_t cap);

/* The status of a centre's hours checks: "ok", "short" (any short/over) or "n/a" (no
 * checks, or service hours not checked: no records of the centre were scored). */
const char *jz_rcentre_hours_status(const jz_rcentre *c);

#endif
