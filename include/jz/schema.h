/* schema.h — the input file types (records, roster, contracts, scores, survey, findings,
 * attendance, verification), their columns and enumerations, and the
 * parsing of one field into a typed value. Documented for users in jiazong-records(5).
 *
 * Promise: header matching ignores case, surrounding spaces and full-width forms, and
 * accepts the canonical English name or the Chinese one. Field parsing is exact: a value
 * either parses completely or is reported (file:line:col, the column, the value and the
 * accepted forms; enumerations get a "did you mean"). Nothing is guessed.
 */
#ifndef JZ_SCHEMA_H
#define JZ_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jz/rowsrc.h"
#include "jz/date.h"
#include "jz/diag.h"

typedef enum jz_filetype {
    JZ_FILE_UNKNOWN = 0, JZ_FILE_RECORDS, JZ_FILE_ROSTER, JZ_FILE_CONTRACTS,
    JZ_FILE_SCORES, JZ_FILE_SURVEY, JZ_FILE_FINDINGS, JZ_FILE_ATTENDANCE,
    JZ_FILE_VERIFICATION   /* 核查结果: evaluators' findings on drawn items (jz-verify) */
} jz_filetype;

typedef enum jz_ctype {
    JZ_T_TEXT,     /* any text */
    JZ_T_DATE,     /* jz_date_parse forms, 2000-01-01 .. 2100-12-31 */
    JZ_T_TIME,     /* 09:30 */
    JZ_T_HOURS,    /* decimal hours 0..24 -> minutes */
    JZ_T_DURATION, /* decimal hours, no upper bound -> minutes */
    JZ_T_COUNT,    /* whole number >= 0 */
    JZ_T_MONEY,    /* yuan, digits with optional thousands commas and .xx -> fen */
    JZ_T_ENUM,     /* one of an enumeration, English or Chinese -> index */
    JZ_T_DECIMAL,  /* a number >= 0 with up to 4 decimals -> fixed point x 10000 */
    JZ_T_DATETIME  /* jz_datetime_parse forms -> minutes since 1970-01-01 00:00 in v.num */
} jz_ctype;

/* Enumerations. Values are indices into the enumeration's English names. */
enum jz_kind { JZ_KIND_CASE, JZ_KIND_GROUP, JZ_KIND_COMMUNITY, JZ_KIND_VISIT, JZ_KIND_CONSULT,
               JZ_KIND_TRAINING, JZ_KIND_SUPERVISION, JZ_KIND_ADMIN, JZ_KIND_N };
enum jz_mode { JZ_MODE_DIRECT, JZ_MODE_INDIRECT, JZ_MODE_N };
enum jz_place { JZ_PLACE_CENTRE, JZ_PLACE_COMMUNITY, JZ_PLACE_HOME, JZ_PLACE_ONLINE,
                JZ_PLACE_OTHER, JZ_PLACE_N };
enum jz_area { JZ_TGT_ELDERLY, JZ_TGT_YOUTH, JZ_TGT_CHILDREN, JZ_TGT_FAMILY, JZ_TGT_DISABLED,
                 JZ_TGT_MIGRANT, JZ_TGT_COMMUNITY, JZ_TGT_OTHER, JZ_TGT_N };
enum jz_qual { JZ_QUAL_SENIOR, JZ_QUAL_SOCIAL_WORKER, JZ_QUAL_ASSISTANT, JZ_QUAL_NONE, JZ_QUAL_N };
enum jz_prof { JZ_PROF_SOCIAL_WORK, JZ_PROF_PSYCHOLOGY, JZ_PROF_SOCIOLOGY, JZ_PROF_OTHER, JZ_PROF_N };
enum jz_yesno { JZ_YES, JZ_NO };
enum jz_vresult { JZ_VR_VERIFIED, JZ_VR_DIFFERS, JZ_VR_NOT_FOUND, JZ_VR_NOT_CHECKED, JZ_VR_N };
enum jz_role { JZ_ROLE_CLIENT, JZ_ROLE_VOLUNTEER, JZ_ROLE_N };

typedef struct jz_enumdef {
    const char *name;             /* "kind" */
    size_t n;
    const char *const *en;        /* canonical English values */
    const char *const *zh;        /* Chinese values, same order */
    const unsigned char *en_len;  /* strlen of each English value */
    const unsigned char *zh_len;  /* and of each Chinese one */
} jz_enumdef;

extern const jz_enumdef jz_enum_kind, jz_enum_mode, jz_enum_place, jz_enum_target,
    jz_enum_qual, jz_enum_prof, jz_enum_yesno, jz_enum_role, jz_enum_vresult;

/* Column indices per file type (the order of jiazong-records(5)). */
enum jz_rcol { JZ_R_RECORD_ID, JZ_R_CENTRE, JZ_R_DATE, JZ_R_START, JZ_R_END, JZ_R_STAFF,
               JZ_R_ACTIVITY, JZ_R_KIND, JZ_R_MODE, JZ_R_PLACE, JZ_R_TARGET, JZ_R_CLIENT,
               JZ_R_PARTICIPANTS, JZ_R_HOURS, JZ_R_VOLUNTEERS, JZ_R_VOLUNTEER_HOURS, JZ_R_NOTE,
               JZ_R_ENTERED_AT, JZ_R_MODIFIED_AT, JZ_R_NCOLS };
enum jz_scol { JZ_S_STAFF, JZ_S_CENTRE, JZ_S_NAME, JZ_S_QUAL, JZ_S_PROF, JZ_S_COUNTED,
               JZ_S_START, JZ_S_END, JZ_S_NCOLS };
enum jz_ccol { JZ_C_CONTRACT, JZ_C_CENTRE, JZ_C_DISTRICT, JZ_C_STREET, JZ_C_OPERATOR, JZ_C_START,
               JZ_C_END, JZ_C_BUDGET, JZ_C_PROF_STAFF, JZ_C_TOTAL_HOURS, JZ_C_DIRECT_HOURS,
               JZ_C_NCOLS };
/* scores: evaluators' points; survey: satisfaction answers; findings: inspection deductions */
enum jz_ecol { JZ_E_CENTRE, JZ_E_INDICATOR, JZ_E_EVALUATOR, JZ_E_SCORE, JZ_E_COMMENT, JZ_E_NCOLS };
enum jz_qcol { JZ_Q_CENTRE, JZ_Q_RESPONDENT, JZ_Q_GROUP, JZ_Q_QUESTION, JZ_Q_ANSWER, JZ_Q_NCOLS };
enum jz_fcol { JZ_F_CENTRE, JZ_F_DATE, JZ_F_VISIT, JZ_F_CODE, JZ_F_POINTS, JZ_F_DESCRIPTION, JZ_F_NCOLS };
/* verification: one row per drawn item, what the evaluators found against the paper */
enum jz_vcol { JZ_V_CENTRE, JZ_V_ITEM, JZ_V_RESULT, JZ_V_RECOUNTED_PARTICIPANTS, JZ_V_RECOUNTED_HOURS,
               JZ_V_EVALUATOR, JZ_V_NOTE, JZ_V_NCOLS };
/* attendance lists (签到表): who signed in at an activity */
enum jz_acol { JZ_A_CENTRE, JZ_A_ACTIVITY, JZ_A_DATE, JZ_A_PERSON, JZ_A_ROLE, JZ_A_SIGNED_AT, JZ_A_NCOLS };
enum { JZ_MAXCOLS = 19 };

typedef struct jz_coldef {
    const char *name;  /* canonical English header */
    const char *zh;    /* Chinese header */
    jz_ctype type;
    bool required;
    const jz_enumdef *enumdef;  /* for JZ_T_ENUM */
} jz_coldef;

typedef struct jz_schema {
    jz_filetype type;
    const char *name;           /* "records", "roster", "contracts" */
    const jz_coldef *cols;
    size_t ncols;
    size_t key;                 /* the column that tells this type from the others */
} jz_schema;

/* The schema of a file type; NULL for JZ_FILE_UNKNOWN. */
const jz_schema *jz_schema_get(jz_filetype t);
/* "records" -> JZ_FILE_RECORDS; JZ_FILE_UNKNOWN if not a type name. */
jz_filetype jz_filetype_parse(const char *s);

/* A header row mapped onto a schema. */
typedef struct jz_header {
    const jz_schema *schema;
    int idx[JZ_MAXCOLS];        /* field index of each column, -1 if absent */
    /* each column as the file's header spells it ("服务类型" for kind), for messages; ""
     * when that is the column's own name up to case and spaces (then messages use it) */
    char spelled[JZ_MAXCOLS][48];
    size_t nfields;             /* fields in the header row */
    unsigned only;              /* 0, or a mask of the columns jz_row_parse should parse */
    size_t ntargets;            /* contracts: target_<name> / 目标_<name> columns */
    char **target_names;        /* "cases" for target_cases (owned) */
    int *target_idx;
} jz_header;

/* Guess a file's type from its header row: the schema whose column names (English or
 * Chinese) match the most fields, provided it matches at least two and its key column
 * (jz_schema.key: record_id, staff, contract, evaluator, respondent, code, person). A tie, or no
 * match, is JZ_FILE_UNKNOWN. */
jz_filetype jz_header_detect(const jz_row *header);

/* Whether the row names type t's key column (for finding the header of a file whose type
 * is given, below a title row). */
bool jz_header_names_key(const jz_row *header, jz_filetype t);

/* Map a header row onto schema type t. Reports to diag: missing required columns
 * (error "missing-column", listing the headers found), duplicate columns (error),
 * unknown columns (one note "unknown-column" naming them all). Returns false when a
 * required column is missing or a column is duplicated. Free with jz_header_free. */
bool jz_header_map(jz_header *h, jz_filetype t, const jz_row *header, const char *file,
                   jz_diag *diag);
void jz_header_free(jz_header *h);

/* Column c as messages name it: the header's own spelling, else the column's name. */
const char *jz_header_col_name(const jz_header *h, int c);

/* One parsed field. */
typedef struct jz_field {
    bool present;    /* column exists and the value is not empty/blank */
    bool ok;         /* present and parsed (false also when absent) */
    const char *s;   /* the raw text (trimmed), NUL-terminated within the row */
    size_t n;
    union { jz_day day; int minute; int64_t num; int e; } v;  /* num: minutes/count/fen */
} jz_field;

/* Parse every schema column of `row` into f[0..ncols). Reports ragged rows, missing
 * required values and every bad value to diag (file, row->line, field number).
 * Returns the number of errors reported for this row. If h->only is non-zero, columns
 * whose bit (1u << column) is clear are left unparsed (present/ok false): a tool that
 * computes from a few columns does not judge the others (jz-validate does). */
int jz_row_parse(const jz_header *h, const jz_row *row, jz_field *f, const char *file,
                 jz_diag *diag);

/* f's text NUL-terminated: in buf (cap bytes) when it fits, else in a buffer of its own
 * (free it when it is not buf), so an id is never cut. */
char *jz_field_text(const jz_field *f, char *buf, size_t cap);

/* Tests only: with false, jz_row_parse reads every value by its general parser, not
 * trying the fast paths for canonical spellings first (the reference those are tested
 * against; the fields and messages must be the same either way). Default true. */
void jz_row_parse_set_fast(bool on);

/* The English value of an enumeration index. */
const char *jz_enum_name(const jz_enumdef *e, int i);

/* The rules of a record row's time that the hours depend on: end after start
 * (time-order), and hours or both start and end given (required). Each broken rule is
 * an error on diag at the row's line; returns their number. *timed (may be NULL) says
 * whether start and end give the row's hours. jz-score and jz-hours refuse such a row as
 * jz-validate does, rather than count it as 0 h. */
int jz_record_time_check(const jz_header *h, const jz_row *row, const jz_field *f, const char *path, jz_diag *diag,
                         bool *timed);

/* In jz_header.only (the columns to parse): also apply jz_record_time_check to a records
 * row that has no other error, counting its errors in jz_row_parse's result. */
#define JZ_PARSE_TIME_RULES (1u << 31)

#endif
