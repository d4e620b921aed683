/* rubric.h — a published scoring rubric, loaded from YAML (jiazong-rubric(5)).
 *
 * Promise: jz_rubric_load reads a rubric file (and, through `extends:`, the file it builds
 * on, with `remove:`, `override:` and `add:` of indicators, `override_sections:` and
 * `remove_vetoes:`) into one checked tree of sections and indicators. Every number is
 * fixed-point: points, fractions and ratios in units of 1/10000 (JZ_FP); nothing is a
 * float. A wrong rubric (unknown key — with "did you mean" —, wrong
 * type, missing value, unknown indicator id, gap or overlap in the grade bands, good == bad)
 * is refused with file:line:col and JZ_EINPUT: never a silent zero.
 * Ownership: the caller frees with jz_rubric_free.
 */
#ifndef JZ_RUBRIC_H
#define JZ_RUBRIC_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/fp.h"
#include "jz/error.h"
#include "jz/schema.h"
#include "jz/strbuf.h"

#define JZ_RUBRIC_MAX_FILES 4  /* a rubric and the files it extends, at most */

/* The evaluating parties: the city's four (DOMAIN.md, the 2019 unified system) and the
 * village or residents' committee, the fifth party of the Nansha 2020 rules. */
typedef enum jz_party { JZ_PARTY_THIRD, JZ_PARTY_BUYER, JZ_PARTY_SUPERVISOR, JZ_PARTY_FINANCE,
                        JZ_PARTY_COMMUNITY, JZ_PARTY_NONE } jz_party;
const char *jz_party_name(jz_party p);

/* A filter on records: all conditions must hold. */
enum { JZ_DAY_WORKING = 1, JZ_DAY_WEEKEND = 2, JZ_DAY_HOLIDAY = 4 };  /* jz_where.days */
typedef struct jz_where jz_where;
struct jz_where {
    unsigned enums[4];          /* kind, mode, place, target: bit masks, 0 = any */
    char **text_vals[4];        /* staff, client, activity, centre: lists, NULL = any */
    size_t ntext[4];
    jz_day date_from, date_to;  /* JZ_NO_DAY = open */
    int64_t hours_min, hours_max;          /* minutes, -1 = open */
    int64_t participants_min, participants_max;  /* -1 = open */
    unsigned weekdays;          /* bit 0 Monday .. bit 6 Sunday; 0 = any */
    unsigned days;              /* JZ_DAY_*: by the holiday calendar; 0 = any */
    int64_t time_from, time_to; /* the row's start, minutes after midnight: from <= start < to; -1 = open */
    unsigned quals;             /* the staff's roster qualification (bits of enum jz_qual); 0 = any */
    int counted;                /* the staff is counted on the roster: 1, not: 0; -1 = any */
    jz_where *not_;             /* records this matches are left out; NULL = none */
    bool any;                   /* true when no condition at all */
    bool enums_only;            /* true when the where (as read from a rubric) has no condition
                                   beyond kind, mode, place and target; false says nothing */
};

typedef enum jz_mkind {
    JZ_M_COUNT,          /* rows */
    JZ_M_SUM,            /* sum of a numeric field */
    JZ_M_DISTINCT,       /* distinct keys (with optional having) */
    JZ_M_SHARE,          /* sum over part / sum over whole */
    JZ_M_RATIO,          /* measure / measure */
    JZ_M_HOURS,          /* a jz-hours check: delivered / required */
    JZ_M_ENTERED,        /* evaluator scores (scores CSV) */
    JZ_M_SURVEY          /* satisfaction survey (survey CSV) */
} jz_mkind;
#define JZ_M_N (JZ_M_SURVEY + 1)  /* how many kinds: the rows of jz_measure_kinds */

typedef enum jz_sumfield { JZ_SUM_HOURS, JZ_SUM_PARTICIPANTS, JZ_SUM_VOLUNTEERS,
                           JZ_SUM_VOLUNTEER_HOURS } jz_sumfield;
typedef enum jz_keyfield { JZ_KEY_CLIENT, JZ_KEY_ACTIVITY, JZ_KEY_STAFF } jz_keyfield;
typedef enum jz_agg { JZ_AGG_MEAN, JZ_AGG_MEDIAN, JZ_AGG_TRIMMED } jz_agg;

typedef struct jz_measure jz_measure;
struct jz_measure {
    jz_mkind kind;
    jz_where where;
    jz_sumfield sum;              /* SUM, SHARE */
    jz_keyfield key;              /* DISTINCT */
    char *key_drop_after;         /* DISTINCT: cut the key after the last of these chars */
    int64_t min_rows, min_sessions, min_attendances;   /* DISTINCT having, -1 = none */
    bool per_key;                 /* COUNT, SUM: having per key (the key's history): only the
                                     rows of keys that reach the having count */
    jz_where part;                /* SHARE: the part (within where) */
    jz_measure *num, *den;        /* RATIO */
    char *hours_check;            /* HOURS: check name, e.g. "direct_hours" */
    jz_agg agg;                   /* ENTERED */
    int64_t tolerance;            /* ENTERED: points (FP) of spread flagged */
    bool drop_outliers;           /* ENTERED: scores more than tolerance from the median are not used */
    int64_t min_evaluators;       /* ENTERED: scores needed before it counts, -1 none */
    char **questions;             /* SURVEY */
    size_t nquestions;
    char **group_names;           /* SURVEY: weighted respondent groups (NULL: each group the same) */
    int64_t *group_weights;       /* FP fractions, adding up to 1 */
    size_t ngroups;
    int64_t min_respondents;      /* SURVEY: per group before it counts, -1 none */
};

/* One measure kind (jz_measure_kinds, in the order of jz_mkind): the table the loader,
 * the checker, the engine and the writers read instead of each keeping names of its own. */
enum {
    JZ_MK_RECORDS = 1,      /* accumulated from the records: takes a where */
    JZ_MK_FRACTION = 2,     /* its value is a fraction (printed as a percentage) */
    JZ_MK_FLAG = 4,         /* written `KEY: true` (true is the only value) */
    JZ_MK_NO_TARGET = 8,    /* takes no target */
    JZ_MK_VERIFIABLE = 16   /* can be `verified:` (discounted by jz-verify's factor) */
};
/* The inputs that can move a kind's value (jz_mkind_def.inputs), for a diff of two results
 * to say why an indicator changed. */
enum {
    JZ_MKIN_RECORDS = 1, JZ_MKIN_ROSTER = 2, JZ_MKIN_CONTRACTS = 4, JZ_MKIN_RULES = 8,
    JZ_MKIN_CALENDAR = 16, JZ_MKIN_SCORES = 32, JZ_MKIN_SURVEY = 64, JZ_MKIN_AS_OF = 128
};
/* The unit a value is shown in: "records", "clients", "h", "points", "of 5" ("" for a
 * fraction, shown as a percentage), and its decimals (-1: a whole count, one decimal when
 * it is not whole, as a pro-rated target can be). */
typedef struct jz_vunit {
    const char *name;
    int decimals;
} jz_vunit;
struct lctx;
struct jz_ynode;
typedef struct jz_mkind_def {
    const char *key;        /* the measure's key in YAML and its name in results: "count_distinct" */
    jz_mkind kind;
    const char *article;    /* "a count_distinct", for messages */
    unsigned flags;         /* JZ_MK_* */
    const char *ratio;      /* what the ratio stands for without a target: "mean ÷ 5" */
    /* the loader's parser of the kind's keys (rubric.c) */
    bool (*parse)(struct lctx *c, const struct jz_ynode *n, const struct jz_ynode *v, jz_measure *m);
    /* the unit of its value and the measure in words (measure.c: lint, show, diff) */
    jz_vunit (*unit)(const jz_measure *m);
    void (*words)(jz_sb *b, const jz_measure *m);
    unsigned inputs;        /* JZ_MKIN_*: what can move its value */
} jz_mkind_def;
extern const jz_mkind_def jz_measure_kinds[JZ_M_N];
const jz_mkind_def *jz_measure_kind(jz_mkind k);
/* The kind whose YAML key is key, or NULL. */
const jz_mkind_def *jz_measure_kind_named(const char *key);

/* The kinds' functions (measure.c), rows of the table. */
void jz_words_count(jz_sb *b, const jz_measure *m);
void jz_words_sum(jz_sb *b, const jz_measure *m);
void jz_words_distinct(jz_sb *b, const jz_measure *m);
void jz_words_share(jz_sb *b, const jz_measure *m);
void jz_words_ratio(jz_sb *b, const jz_measure *m);
void jz_words_hours(jz_sb *b, const jz_measure *m);
void jz_words_entered(jz_sb *b, const jz_measure *m);
void jz_words_survey(jz_sb *b, const jz_measure *m);
jz_vunit jz_unit_count(const jz_measure *m);
jz_vunit jz_unit_sum(const jz_measure *m);
jz_vunit jz_unit_distinct(const jz_measure *m);
jz_vunit jz_unit_fraction(const jz_measure *m);
jz_vunit jz_unit_points(const jz_measure *m);
jz_vunit jz_unit_of_5(const jz_measure *m);

/* "distinct clients with ≥ 6 rows where kind=case, mode=direct" (the caller frees) */
char *jz_measure_words(const jz_measure *m);

/* Where a measure's target comes from (JZ_TARGET_*, apart from the column types JZ_T_* of schema.h). */
typedef enum jz_tkind { JZ_TARGET_NONE, JZ_TARGET_CONST, JZ_TARGET_CONTRACT } jz_tkind;
typedef struct jz_rtarget {
    jz_tkind kind;
    int64_t value;                /* CONST: in the measure's unit, FP */
    char *column;                 /* CONTRACT: "cases" for target_cases */
    bool prorate;                 /* pro-rate to the as-of date */
} jz_rtarget;

typedef enum jz_method { JZ_SC_PROPORTIONAL, JZ_SC_BANDS, JZ_SC_EFFICACY, JZ_SC_THRESHOLD,
                         JZ_SC_DIRECT, JZ_SC_PIECEWISE } jz_method;

typedef struct jz_band {
    int64_t from;                 /* ratio (FP) at or above which it applies */
    int64_t num, den;             /* award as a fraction of the points */
} jz_band;

typedef struct jz_scoring {
    jz_method method;
    bool lower_better;
    jz_band *bands;               /* BANDS: descending by from; PIECEWISE: the breakpoints
                                     (from = x, num/den = f there), ascending by x */
    size_t nbands;
    int64_t below_num, below_den; /* award below the last band */
    int64_t good, bad;            /* EFFICACY: in the measure's unit (FP) */
    int64_t clamp_lo, clamp_hi;   /* EFFICACY: score bounds (FP of 100-point score) */
    int64_t at;                   /* THRESHOLD: the mark (FP) */
    bool at_value;                /* THRESHOLD: at is a value in the measure's unit (written
                                     without %), not a ratio (written as a percentage) */
} jz_scoring;

enum { JZ_VERIFIED_NONE, JZ_VERIFIED_HOURS, JZ_VERIFIED_PARTICIPANTS };

typedef struct jz_indicator {
    char *id, *title;
    jz_party party;
    int64_t points;               /* FP */
    jz_measure m;
    jz_rtarget target;
    jz_scoring score;
    int verified;                 /* JZ_VERIFIED_*: discount the value by the centre's
                                     conservative verification factor (jz-score --verification) */
    long line;                    /* where it is defined */
    const char *file;             /* (owned by the rubric) */
} jz_indicator;

typedef struct jz_section jz_section;
struct jz_section {
    char *id, *title;
    jz_party party;
    int64_t points;               /* FP, as stated */
    jz_section *subs;
    size_t nsubs;
    jz_indicator *ind;
    size_t nind;
    int depth;                    /* 1..3 */
    long line;
    int64_t cap;                  /* the most its earned points count for (FP), -1 none */
    int64_t min_share;            /* minimum: earned / applicable points (FP fraction), -1 none */
    char *min_grade;              /* ... or the grade is at most this one */
    int64_t deduction_cap;        /* the most the findings of codes priced in this section take
                                     off the total (FP), -1 none */
};

typedef struct jz_grade {
    char *name;
    int64_t min;                  /* FP points of the total, inclusive */
} jz_grade;

typedef enum jz_vwhen { JZ_V_FINDING, JZ_V_HOURS_BELOW, JZ_V_INDICATOR_BELOW,
                        JZ_V_VERIFY_ERRORS,  /* jz-verify's error rate: its exact lower bound */
                        JZ_V_SECTION_BELOW,  /* a section's earned / applicable points */
                        JZ_V_VALUE_BELOW,    /* an indicator's exact value, in its measure's unit */
                        JZ_V_COVERAGE_BELOW, /* the points that applied / all points */
                        JZ_V_ALL, JZ_V_ANY   /* every / any one of the conditions in sub */
} jz_vwhen;
typedef struct jz_veto jz_veto;
struct jz_veto {
    char *id, *title;             /* (a condition inside all/any: id "", title NULL) */
    jz_vwhen when;
    char *code;                   /* FINDING: finding code; HOURS: check; INDICATOR, VALUE: id;
                                     SECTION: section id */
    int64_t below;                /* HOURS, SECTION, COVERAGE: fraction FP; INDICATOR: points FP;
                                     VALUE: FP in the measure's unit (a fraction for shares);
                                     VERIFY_ERRORS: the rate (FP) the lower bound must reach */
    char *grade;                  /* force this grade (NULL: none) */
    int64_t cap_total;            /* cap the total (FP), -1 none */
    jz_veto *sub;                 /* ALL, ANY: the conditions (grade NULL, cap_total -1) */
    size_t nsub;
    long line, col;               /* where the condition is written */
    const char *file;             /* (owned by the rubric) */
};

typedef struct jz_rubric {
    char *path, *id, *title, *version;
    char *lang;                   /* lang: "zh" or "en", the language of its titles and of the
                                   * reports rendered from its results; NULL when not given */
    char *issued_by, *document;   /* who issued it and the document it puts into rules (NULL: not said) */
    char *status;                 /* "official", "draft" or "example"; NULL when not given */
    char sha256[65];              /* of the bytes parsed: the file's, then extends' (a rubric
                                   * from standard input or a pipe is hashed as read) */
    int64_t scale;                /* 100 or 1000, FP */
    int ind_decimals, total_decimals;
    jz_grade *grades;             /* descending by min; the last has min 0 */
    size_t ngrades;
    char *pass_grade;             /* lowest passing grade */
    bool na_reweight;             /* true: re-weight the rest; false: score zero */
    int64_t min_coverage;         /* FP fraction of the scale */
    int64_t deduction_cap;        /* FP points, -1 no deductions */
    struct jz_price {             /* deductions.codes: a finding code's price */
        char *code;
        int64_t points;           /* FP, per finding */
        int64_t cap;              /* FP, at most this for all findings of the code; -1 none */
        char *section;            /* the section whose deduction cap it counts against, or NULL */
        long line, col;           /* where the code is priced */
        const char *file;         /* (owned by the rubric) */
    } *prices;
    size_t nprices;
    jz_veto *vetoes;
    size_t nvetoes;
    jz_section root;              /* depth 0: holds the top sections */
    char **files;                 /* the files read (this one, then what it extends) */
    size_t nfiles;
} jz_rubric;

jz_code jz_rubric_load(jz_rubric *r, const char *path, jz_error *err);
/* The same from len bytes of text in memory (tests, fuzzers: no temp file); name stands
 * for the file in r->path, r->files[0] and every message, and r->sha256 hashes text.
 * Its `extends:` names a file on disk, resolved as for a file called name: relative to
 * name's directory, so to the current directory when name has none ("x.yaml"); a file
 * missing there is refused like any missing extends, with its path in the message. */
jz_code jz_rubric_load_buffer(jz_rubric *r, const char *text, size_t len, const char *name, jz_error *err);
void jz_rubric_free(jz_rubric *r);

/* Visit every indicator in order (depth first). */
typedef void (*jz_indicator_fn)(void *ctx, const jz_section *s, const jz_indicator *ind);
void jz_rubric_each(const jz_rubric *r, jz_indicator_fn fn, void *ctx);

/* The indicator with this id, or NULL. */
const jz_indicator *jz_rubric_find(const jz_rubric *r, const char *id);

/* The section with this id (not the root), or NULL. */
const jz_section *jz_rubric_find_section(const jz_rubric *r, const char *id);

/* The grade of a total (FP, already rounded), or NULL if grades are empty. */
const jz_grade *jz_rubric_grade(const jz_rubric *r, int64_t total);

#endif
