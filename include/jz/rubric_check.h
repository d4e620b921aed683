/* rubric_check.h — what a loaded rubric says, checked and compared: lint findings, the
 * differences between two rubrics, and each part of a rubric in words.
 *
 * Promise: analysis only, no printing and no exits. Lint reports to a jz_diag sink as
 * warnings and notes with stable codes (listed in jz-rubric(1)), each at the
 * file:line:col of the YAML that says it; the model keeps only indicator and section
 * lines, so lint reads the rubric's files (r->files) again for the other positions, and
 * when that fails a finding names the file alone. Diff compares what changes a score
 * (points, measures, targets, scoring, parties, sections, grades, rounding, the N/A
 * policy, deductions, vetoes), never titles, ids or versions, and lists the differences
 * in rubric order. The words are what `jz-rubric show` prints and what diff compares.
 * Ownership: every char * these functions return is malloc'd and freed by the caller; a
 * jz_rubric_diff is freed with jz_rubric_diff_free.
 */
#ifndef JZ_RUBRIC_CHECK_H
#define JZ_RUBRIC_CHECK_H

#include <stddef.h>

#include "jz/diag.h"
#include "jz/rubric.h"

/* ---- lint ---- */

typedef struct jz_lint_opts {
    const char *const *columns;   /* target_<name> columns of a contracts file, as names
                                     ("cases"); NULL: targets are not checked */
    size_t ncolumns;
    const char *contracts;        /* that file's path, for the messages */
} jz_lint_opts;

/* Report every finding about r to diag: section-sum, total-sum, grade-unreachable,
 * pass-grade-lowest, unknown-column (only with o->columns), no-party, bands-rising,
 * where-ignored, veto-never, veto-always (warnings) and no-tolerance (note). o may be NULL. Returns the
 * number of warnings reported. */
long jz_rubric_lint(const jz_rubric *r, const jz_lint_opts *o, jz_diag *diag);
/* The same for a rubric read by jz_rubric_load_buffer from text (len bytes): the positions
 * in r->files[0] come from text, not from a file of that name (which need not exist); the
 * files it extends are read again as above. */
long jz_rubric_lint_buffer(const jz_rubric *r, const char *text, size_t len, const jz_lint_opts *o, jz_diag *diag);

/* The findings that change a score without a word, for a scorer to report before it
 * scores: section-sum, total-sum and (with o->columns) unknown-column, as lint reports
 * them. Returns the number of warnings. */
long jz_rubric_check_scoring(const jz_rubric *r, const jz_lint_opts *o, jz_diag *diag);

/* ---- diff ---- */

typedef enum jz_rdiff_kind {
    JZ_RD_SCALE, JZ_RD_ROUNDING, JZ_RD_GRADES, JZ_RD_PASS_GRADE, JZ_RD_NOT_APPLICABLE,
    JZ_RD_DEDUCTIONS, JZ_RD_VETO_ADDED, JZ_RD_VETO_REMOVED, JZ_RD_VETO_CHANGED,
    JZ_RD_SECTION_ADDED, JZ_RD_SECTION_REMOVED, JZ_RD_SECTION_POINTS,
    JZ_RD_ADDED, JZ_RD_REMOVED, JZ_RD_POINTS, JZ_RD_PARTY, JZ_RD_SECTION, JZ_RD_MEASURE,
    JZ_RD_TARGET, JZ_RD_SCORING,
    JZ_RD_SECTION_RULES,          /* a section's cap, minimum or deduction_cap */
    JZ_RD_TITLE                   /* a section's or an indicator's title */
} jz_rdiff_kind;

/* The stable word of a kind ("points", "veto-added", ...), as in diff's csv output. */
const char *jz_rdiff_kind_name(jz_rdiff_kind k);

typedef struct jz_rdiff {
    jz_rdiff_kind kind;
    char *subject;     /* indicator, section or veto id; "" for the rubric's header */
    char *a, *b;       /* in words, before (rubric A) and after (rubric B); "" when the
                          thing is absent on that side */
} jz_rdiff;

typedef struct jz_rubric_diff {
    jz_rdiff *v;
    size_t n;
} jz_rubric_diff;

/* Fill out with what scores differently under b than under a: the header first, then
 * vetoes, sections and indicators (in a's order, then what b adds, in b's order).
 * out->n == 0 means the two score alike. */
void jz_rubric_diff_make(const jz_rubric *a, const jz_rubric *b, jz_rubric_diff *out);
void jz_rubric_diff_free(jz_rubric_diff *d);

/* ---- words ---- */

/* Points (FP) with as few decimals as they need: "35", "12.5", into buf of cap bytes
 * (JZ_FP_BUF is enough). Returns buf, or NULL if it does not fit (jz_fixed_trim). */
char *jz_points_text(int64_t v, char *buf, size_t cap);
/* A section's rules in words: "cap 45; minimum 60 % or at most 合格; deductions at most 15",
 * "none" without any. The caller frees. */
char *jz_section_rules_words(const jz_section *s);
/* A ratio (FP) as a percentage with as few decimals as it needs: "60 %", into buf of cap
 * bytes (JZ_FP_BUF is enough); "" if it does not fit. Returns buf. */
char *jz_percent_text(int64_t v, char *buf, size_t cap);

/* jz_measure_words (a measure in words) is in rubric.h, beside the kinds' table. */
/* "contract target_cases, pro-rated", "60", "none" */
char *jz_target_words(const jz_rtarget *t);
/* "bands ≥100 % 1, ≥80 % 2/3, ≥60 % 1/3, below 0" */
char *jz_scoring_words(const jz_indicator *ind);
/* "finding FIN-VETO forces 不合格", "hours check direct_hours below 60 % caps the total at 599" */
char *jz_veto_words(const jz_veto *v);
/* "优秀 ≥ 900, 良好 ≥ 800, 合格 ≥ 600 (pass), 不合格 ≥ 0" */
char *jz_grades_words(const jz_rubric *r);
/* Grade i's totals after rounding: "900.0 – 1000.0", "800.0 – 899.9". */
char *jz_grade_edges(const jz_rubric *r, size_t i);
/* "indicators to 2 decimals, the total to 1, half up" */
char *jz_rounding_words(const jz_rubric *r);
/* "re-weight: ...; no grade below 80 % coverage" */
char *jz_na_words(const jz_rubric *r);
/* "inspection findings, at most 50 points" or "none" */
char *jz_deductions_words(const jz_rubric *r);

#endif
