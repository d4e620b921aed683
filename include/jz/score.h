/* score.h — apply a rubric to the records (and evaluators' scores, a survey, inspection
 * findings) of every contract in the inputs: one scored result per contract.
 *
 * Promise: streaming like jz-hours (state per contract, per indicator, and per distinct key
 * where a count_distinct needs it — never per row; each contract interns the ids it keys
 * on, so a row's id is hashed once, whatever the number of indicators that count it, and
 * the indicators keep sets of small numbers). All arithmetic is fixed point (JZ_FP);
 * the same inputs give the same numbers on any machine. Every indicator result carries a
 * one-line derivation a person can check by hand ("47 cases of 60 due (78.3 %) -> band
 * 60-80 % -> 1/3 of 9 = 3.00"). Findings about the data are results, not errors.
 * The engine never formats or writes a file: the rows behind each computed indicator go
 * to an evidence sink (a callback, like jz_diag), typed; writers format them
 * (evidence_write.h writes jz-score --evidence's CSV).
 * Ownership: the scorer borrows everything in jz_score_inputs; results are owned by the
 * scorer and valid until jz_scorer_free.
 */
#ifndef JZ_SCORE_H
#define JZ_SCORE_H

#include <stdio.h>

#include "jz/hours.h"
#include "jz/rubric.h"
#include "jz/verify_result.h"

/* One record row that counted towards one indicator, as the engine saw it. Every string
 * is NUL-terminated and whole (no id is cut), and lives only for the call. */
typedef struct jz_evidence_row {
    const char *indicator;        /* the indicator's id */
    const char *centre;           /* the record's centre */
    const char *file;             /* the records file, as given */
    long line;                    /* its physical line */
    const char *record_id;        /* "" when the row has none */
    const char *part;             /* a share: "part" (numerator and whole) or "whole"; a ratio:
                                     "num", "den" or "num+den"; "" for the other measures */
    /* What the row added to the measure, in the measure's raw unit (records, clients or
     * activities as rows, minutes for hours, people): [0] the count, sum, share's part or
     * ratio's numerator, [1] the share's whole or the ratio's denominator (0 otherwise).
     * A per-activity figure repeated on an activity's other rows adds 0 there. */
    int64_t contribution[2];
} jz_evidence_row;

/* Where evidence rows go: row(ctx, r) once per (record row, indicator) that counted, in
 * the order the rows were fed. */
typedef struct jz_evidence_sink {
    void (*row)(void *ctx, const jz_evidence_row *r);
    void *ctx;
} jz_evidence_sink;

typedef struct jz_score_inputs {
    const jz_rubric *rubric;
    const jz_rules *rules;        /* for hours checks and pro-rating */
    const jz_calendar *cal;
    const jz_contracts *contracts;
    const jz_roster *roster;      /* may be NULL */
    jz_day as_of;                 /* JZ_NO_DAY: each contract's end or last record */
    const jz_evidence_sink *evidence;  /* may be NULL: no evidence; borrowed, must outlive
                                          the scorer */
    const jz_vresults *verification;  /* may be NULL: jz-verify's figures, for `verified:`
                                         indicators and verification_error_rate vetoes */
} jz_score_inputs;

/* A figure that does not exist (an n/a indicator's value, no target): printed as null in
 * json and empty in csv. Any other number, zero and negative ones included, is printed. */
#define JZ_NONE INT64_MIN

typedef enum jz_istatus { JZ_IS_FULL, JZ_IS_PARTIAL, JZ_IS_ZERO, JZ_IS_NA } jz_istatus;
const char *jz_istatus_name(jz_istatus s);  /* "full", "partial", "zero", "n/a" */

typedef struct jz_evaluator_score {
    char *evaluator;
    int64_t score;                /* FP points */
    char *comment;
    bool dropped;                 /* an outlier, not used (measure outliers: drop) */
} jz_evaluator_score;

typedef struct jz_ind_result {
    const jz_indicator *ind;
    const char *section;          /* id of the innermost section */
    int64_t value;                /* FP in the measure's unit (rounded for display), JZ_NONE n/a */
    char value_text[48];          /* "47 cases", "1,234.5 h", "64.8 %" */
    int64_t target;               /* FP, JZ_NONE none (a pro-rated one rounded up for display) */
    int64_t ratio;                /* FP, JZ_NONE none (display: decisions use the exact fraction) */
    int64_t earned, possible;     /* FP points (earned rounded to the rubric's decimals) */
    jz_istatus status;
    char derivation[512];
    /* The exact share of the points earned before rounding (the band's 2/3, the clamped
     * efficacy, ...): "2/3", "1" or "0", in lowest terms; "" when n/a. */
    char fraction[96];
    jz_evaluator_score *scores;   /* entered indicators: each evaluator's score */
    size_t nscores;
    bool disagreement;            /* spread above tolerance */
    int64_t spread;
} jz_ind_result;

typedef struct jz_sec_result {
    const jz_section *sec;
    int64_t earned, possible;     /* FP, sums of its indicators (N/A left out of possible) */
} jz_sec_result;

typedef struct jz_applied {
    char what[32];                /* "veto", "deduction" */
    char id[64];
    char title[200];              /* the veto's title; the finding's code for a deduction */
    char detail[400];
    int64_t points;               /* deduction points (FP), or the cap (JZ_NONE: a veto without one) */
} jz_applied;

/* ---- the facts behind a total and a grade (issue 9) ----
 * Every decision the engine took on the way from the indicators to the grade, so that a
 * writer states it (or turns it into a formula) without re-deriving anything: filled by
 * the engine only, in jz_centre_result.facts, apart from the figures. */

typedef struct jz_cap_fact {      /* a cap that was applied to a figure */
    char what[32];                /* "section-cap" (a section's earned points), "deduction-cap"
                                     (the sum of the deductions), "veto" (the total) */
    char id[64];                  /* the section, "cap", the veto */
    int64_t cap;                  /* FP */
    int64_t before, after;        /* FP: the figure before and after; before - after is by how
                                     much the cap took (0: a veto's cap above the total) */
} jz_cap_fact;

typedef struct jz_grade_fact {    /* a rule that makes the grade at most `grade` */
    char what[32];                /* "veto", "section-minimum" */
    char id[64];                  /* the veto, the section */
    char grade[64];
    char rows[400];               /* what triggered it: "findings.csv:4" (every finding of the
                                     veto's code, comma-separated), "indicator cases",
                                     "hours check direct_hours", "section professional",
                                     the verification file */
    bool decided;                 /* it lowered the grade the total alone gave: the final grade
                                     is its grade */
} jz_grade_fact;

typedef struct jz_result_facts {
    bool reweighted;              /* total = earned x scale / applicable - deductions */
    const char **from;            /* reweighted: ids of the n/a indicators whose points moved
                                     (borrowed from the rubric); their points, na_points, went
                                     to the applicable ones in proportion to theirs */
    size_t nfrom;
    int64_t na_points;            /* FP, the points of those indicators */
    int64_t scale;                /* FP, the rubric's scale the applicable points stand for */
    int64_t total_num, total_den; /* the total before its one rounding, exactly num/den points
                                     (den > 0, lowest terms); den 0: not scored */
    const char *grade_of_total;   /* the grade of the (capped) total alone, NULL: none */
    jz_cap_fact *caps;            /* in the order applied */
    size_t ncaps;
    jz_grade_fact *grades;        /* in the order tested */
    size_t ngrades;
} jz_result_facts;

typedef struct jz_centre_result {
    const jz_contract *contract;
    jz_day as_of;
    const char *as_of_reason;
    jz_ind_result *ind;
    size_t nind;
    jz_sec_result *sec;           /* every section, depth first (the root first) */
    size_t nsec;
    int64_t earned;               /* FP, sum of indicators */
    int64_t applicable;           /* FP, points of indicators that were not n/a */
    int64_t coverage;             /* FP fraction of the rubric's points that applied */
    int64_t reweighted;           /* FP, before deductions */
    int64_t deductions;           /* FP, after the cap */
    int64_t total;                /* FP, rounded; JZ_NONE when not scored */
    bool scored;                  /* false: no records of the centre were in the run (its
                                     record-based indicators are n/a, no total, no grade) */
    const char *grade;            /* NULL: no grade (coverage too low) */
    char grade_note[256];         /* why there is no grade, "" otherwise */
    jz_applied *applied;
    size_t napplied;
    long records;
    const jz_hours_result *hours; /* the contract's hours checks (owned by the scorer) */
    jz_result_facts facts;        /* how the total and the grade came about */
} jz_centre_result;

typedef struct jz_scorer jz_scorer;

jz_scorer *jz_scorer_new(const jz_score_inputs *in);
void jz_scorer_free(jz_scorer *s);

/* Feed one valid record row (fields as from jz_row_parse). */
void jz_scorer_record(jz_scorer *s, const jz_field *f, const char *file, long line);
/* Feed one evaluator score / survey answer / finding (fields of those schemas). Problems
 * (an unknown indicator id, a score above the indicator's points, an unknown answer) go to
 * diag as errors with file:line:col. */
void jz_scorer_entered(jz_scorer *s, const jz_field *f, const char *file, long line, jz_diag *diag);
void jz_scorer_survey(jz_scorer *s, const jz_field *f, const char *file, long line, jz_diag *diag);
void jz_scorer_finding(jz_scorer *s, const jz_field *f, const char *file, long line, jz_diag *diag);

/* Leave contract ci unscored because its inputs have errors (jz-score --skip-invalid):
 * its result is "not scored", every indicator n/a, with `why` (copied) as the note.
 * Call before jz_scorer_result. */
void jz_scorer_exclude(jz_scorer *s, size_t ci, const char *why);

/* Score contract ci. Fails only when the calendar does not cover the period. */
jz_code jz_scorer_result(jz_scorer *s, size_t ci, const jz_centre_result **out, jz_error *err);

/* The unit of an indicator's value, as its value_text shows it: "records", "clients",
 * "activities", "staff", "h", "attendances", "volunteers", "points" (entered), "of 5"
 * (a survey), "%" (a share or a ratio: the value is the fraction, 0.648 for 64.8 %), or
 * "" (none). */
const char *jz_ind_unit(const jz_indicator *ind);

/* Whether a grade is at or above `grade` in the rubric's order (NULL grade: false). */
bool jz_grade_at_least(const jz_rubric *r, const char *grade, const char *floor);

#endif
