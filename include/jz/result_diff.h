/* result_diff.h — two scored results compared: per centre, per section and per indicator
 * the change in value, fraction and points, and why it changed.
 *
 * Promise: jz_result_diff_make compares result A (the earlier one: mid-term, last year, the
 * city rubric, the export before its correction) with result B, both loaded by
 * jz_results_load (result.h), and computes nothing that the results do not say: every
 * figure is a result's number or the difference of two (fixed point, exact). Centres are
 * paired by contract id, then a contract left over on each side is paired by centre id
 * (this year's contract against last year's); the others are added (only in B) or removed
 * (only in A). Sections and indicators are paired by id.
 * The causes ("why") are read from what both results record: the SHA-256 of every input by
 * role, the rubric's id, version and SHA-256 and its indicator list, the rules' id, version
 * and SHA-256 and the calendar's SHA-256 (when recorded: older results lack the last two,
 * and then they are "not recorded", never "same"), the as-of date and the jz-score version.
 * A cause is named for a figure only when it differs and can move that figure (a survey
 * file cannot move a records count). A change none of them explains is "unexplained".
 * Ownership: the diff points into both results, which must outlive it; free it with
 * jz_result_diff_free (NULL-safe, and safe on a diff that failed to be made).
 */
#ifndef JZ_RESULT_DIFF_H
#define JZ_RESULT_DIFF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "jz/result.h"

#define JZ_DIFF_SCHEMA "jiazong-score-diff/1"

/* Where a thing stands in B against A. */
typedef enum jz_dstate { JZ_D_SAME, JZ_D_CHANGED, JZ_D_ADDED, JZ_D_REMOVED } jz_dstate;

/* A number on both sides (fixed point x 10000), as the results wrote it. */
typedef struct jz_dnum {
    bool has_a, has_b;     /* false: null or absent on that side */
    int64_t a, b;
    int decimals;          /* as written: the larger of the two sides */
} jz_dnum;

/* The causes, as bits of `why`; jz_why_names lists them in this order. */
enum {
    JZ_WHY_AS_OF = 1u << 0,      /* the as-of date differs */
    JZ_WHY_RUBRIC = 1u << 1,     /* the rubric differs (for an indicator: its definition, or its scoring) */
    JZ_WHY_RECORDS = 1u << 2,    /* an input of that role differs */
    JZ_WHY_CONTRACTS = 1u << 3,
    JZ_WHY_ROSTER = 1u << 4,
    JZ_WHY_SCORES = 1u << 5,
    JZ_WHY_SURVEY = 1u << 6,
    JZ_WHY_FINDINGS = 1u << 7,
    JZ_WHY_RULES = 1u << 8,      /* the contract rules differ (id, version or sha256) */
    JZ_WHY_CALENDAR = 1u << 9,   /* the holiday calendar differs (sha256) */
    JZ_WHY_TOOL = 1u << 10,      /* another jz-score version scored it, and nothing else explains it */
    JZ_WHY_UNEXPLAINED = 1u << 11,  /* changed, and nothing recorded explains it */
    JZ_WHY_N = 12
};

/* What differs in an indicator's definition, as far as a result shows it. */
enum { JZ_DEF_POINTS = 1u << 0, JZ_DEF_METHOD = 1u << 1, JZ_DEF_MEASURE = 1u << 2, JZ_DEF_SECTION = 1u << 3,
       JZ_DEF_TITLE = 1u << 4, JZ_DEF_PARTY = 1u << 5 };

typedef struct jz_dind {
    const char *id;
    const jz_rind *a, *b;          /* NULL on the side it is absent from */
    jz_dstate state;
    unsigned defs;                 /* JZ_DEF_* */
    jz_dnum value, target, ratio, fraction, earned, possible;
    bool status_changed;
    unsigned why;
} jz_dind;

typedef struct jz_dsec {
    const char *id;
    const jz_rsec *a, *b;
    jz_dstate state;
    jz_dnum earned, possible;
    unsigned why;
} jz_dsec;

/* A deduction or veto applied on one side or both (paired by what and id). */
typedef struct jz_dapplied {
    const jz_rapplied *a, *b;
    jz_dstate state;
    jz_dnum points;
} jz_dapplied;

typedef struct jz_dcentre {
    const jz_rcentre *a, *b;       /* NULL: added (a) or removed (b) */
    jz_dstate state;
    bool as_of_changed, grade_changed;
    jz_dnum total, earned, applicable, coverage, deductions, records;
    jz_dsec *sec;                  /* in B's order, then those only in A */
    size_t nsec;
    jz_dind *ind;                  /* likewise */
    size_t nind;
    jz_dapplied *applied;
    size_t napplied;
    size_t sec_changed, ind_changed, applied_changed;   /* entries not JZ_D_SAME */
    unsigned why;                  /* of the total: the union over what changed */
} jz_dcentre;

/* An input file of either result, paired by role and content, else by role and name. */
typedef struct jz_dinput {
    const char *role, *file_a, *file_b;    /* file NULL on the side it is absent from */
    const char *sha_a, *sha_b;             /* "" when not recorded (standard input) */
    jz_dstate state;                       /* SAME covers a renamed file of the same bytes */
} jz_dinput;

/* An indicator whose definition differs between the two rubrics. */
typedef struct jz_ddef {
    const char *id;
    const jz_rind *a, *b;
    jz_dstate state;               /* CHANGED (defs say what), ADDED or REMOVED */
    unsigned defs;
} jz_ddef;

/* The provenance of one side's rules or calendar against the other's. */
typedef enum jz_dprov { JZ_P_SAME, JZ_P_CHANGED, JZ_P_NOT_RECORDED } jz_dprov;

typedef struct jz_result_diff {
    const jz_rfile *fa, *fb;       /* each side's (first) file */
    bool rubric_changed;           /* id, version or sha256 */
    bool scale_changed, grades_changed;
    jz_ddef *defs;
    size_t ndefs;
    jz_dprov rules, calendar;      /* rules: CHANGED when id or version differ even unhashed */
    const char *rules_sha[2], *calendar_sha[2];   /* of A and B, from the header or the inputs;
                                                     "" when not recorded */
    jz_dinput *inputs;
    size_t ninputs;
    unsigned roles_changed;        /* JZ_WHY_<role> bits of the inputs whose content differs */
    unsigned roles_unknown;        /* roles with a file of no recorded sha256 */
    bool tool_changed;
    jz_dcentre *centres;           /* B's order, then those only in A */
    size_t ncentres;
    size_t nsame, nchanged, nadded, nremoved;
    size_t nas_of;                 /* paired centres whose as-of date differs */
    unsigned differs;              /* JZ_WHY_* of what differs between the two results: the
                                      as-of date (of any centre), the rubric, an input role,
                                      the rules, the calendar, the tool; 0 none */
    bool different;                /* a figure differs or a centre is added or removed */
} jz_result_diff;

/* Compare a with b into *d. Fails with JZ_EINPUT (err->file naming the file) when either
 * side holds no jz-score result (a jz-hours result has no score to compare). */
jz_code jz_result_diff_make(const jz_results *a, const jz_results *b, jz_result_diff *d, jz_error *err);
void jz_result_diff_free(jz_result_diff *d);

/* The entry of d for centre b of result B (the same pointer), or NULL when none. */
const jz_dcentre *jz_result_diff_centre(const jz_result_diff *d, const jz_rcentre *b);
/* The entry of c for section id, or NULL. */
const jz_dsec *jz_dcentre_section(const jz_dcentre *c, const char *id);

/* Whether the two sides of n differ (one null and not the other, or other values). */
bool jz_dnum_changed(const jz_dnum *n);

/* Side 'a' or 'b' of n, or its change ('d', signed: "+8.8", "-0.50", "0.0"), formatted
 * with n's decimals into buf; "" when that side (either side, for 'd') is null. */
char *jz_dnum_format(const jz_dnum *n, char which, char *buf, size_t cap);

/* The cause names, indexed by bit position: "as-of", "rubric", "records", ..., and a few
 * words for people ("the as-of date", "the rubric", "records", ...). */
extern const char *const jz_why_names[JZ_WHY_N];
extern const char *const jz_why_words[JZ_WHY_N];

/* The bits of why as "name1 name2" (sep between), or "" when none; returns buf. */
char *jz_why_format(unsigned why, bool words, const char *sep, char *buf, size_t cap);

/* The JZ_DEF_* bits as "points, method" (words), or "" when none; returns buf. */
char *jz_defs_format(unsigned defs, char *buf, size_t cap);

/* What differs of an indicator's definition, for people: "points 35.00 -> 45.00; method
 * bands -> proportional; title" (the parts of defs); returns buf. */
char *jz_defs_detail(const jz_rind *a, const jz_rind *b, unsigned defs, char *buf, size_t cap);

/* "same", "changed", "added", "removed". */
const char *jz_dstate_name(jz_dstate s);
/* "same", "changed", "not recorded". */
const char *jz_dprov_name(jz_dprov p);

#endif
