/* audit.h — screens for paperwork made after the fact (jz-audit): entry times, bursts of
 * entry, entries after the evaluation notice, clients in two places at once, sessions on
 * holidays and at night, cloned notes, reused attendance lists, digit heaping and
 * staff-month outliers. The thresholds come from an audit rules file
 * (rubrics/rules/audit.yaml, format in jz-audit(1)); the screens and their codes are
 * documented in jz-audit(1).
 *
 * Promise: pure: no I/O, no printing (the caller reads the files and hands each parsed row
 * to the engine; writers are in audit_write.h). Streaming: rows are handed in once, from any
 * number of files and centres, attendance lists before records (a list after records is
 * not joined to them, and repeated-attendance says so). State grows with centres, staff,
 * clients, staff-months, staff-entry-days and attendance lists (the sessions kept are only
 * those with a list), and per row only where a screen needs it: 48 bytes per timed row
 * with a client (client-overlap), a signature of `hashes` 32-bit values plus 40 bytes per
 * note of at least min_chars characters (cloned-note), and the findings themselves.
 * Measured: 62 MB peak RSS for the 1,000,000-row bench file (bench/gen.c). The same rows
 * in the same order give the same findings in the same order.
 * A screen whose columns are missing from every file is "not run"; the timing screens
 * without entered_at are "not available" — neither is ever reported as "ok".
 * Ownership: jz_audit_new borrows the rules and the calendar for the engine's lifetime;
 * the result (jz_audit_result) belongs to the engine.
 */
#ifndef JZ_AUDIT_H
#define JZ_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/calendar.h"
#include "jz/diag.h"
#include "jz/error.h"
#include "jz/schema.h"

/* The screens, in report order. Codes (jz_audit_code) are stable. */
typedef enum jz_screen {
    JZ_AU_ENTRY_LAG, JZ_AU_ENTRY_BURST, JZ_AU_AFTER_NOTICE, JZ_AU_ENTERED_BEFORE,
    JZ_AU_CLIENT_OVERLAP, JZ_AU_HOLIDAY, JZ_AU_CLONED_NOTE, JZ_AU_REPEATED_ATTENDANCE,
    JZ_AU_DIGIT_HEAPING, JZ_AU_OUTLIER, JZ_AU_NSCREENS
} jz_screen;

/* "entry-lag", ... */
const char *jz_audit_code(jz_screen s);

/* ---- the rules file ---- */
typedef struct jz_audit_rules {
    char *path, *id, *title, *version;
    int64_t lag_days, lag_staff_bp, lag_staff_min;
    int64_t burst_records, burst_days, burst_window;
    int64_t notice_grace;
    int64_t before_tolerance;
    int64_t overlap_min;
    int night_start, night_end;                  /* minutes of the day */
    int64_t holiday_min, holiday_ratio_x100, holiday_z_x100;
    int64_t note_chars, shingle, hashes, bands, note_jaccard_bp;
    int64_t list_min, list_jaccard_bp;
    bool list_kind[JZ_KIND_N];
    int64_t heap_min, heap_note_x100, heap_warn_x100, heap_multiple;
    int64_t outlier_x100, outlier_min;
    int64_t weight[JZ_AU_NSCREENS];
} jz_audit_rules;

/* Load and check an audit rules file: every key required, unknown keys refused (with "did
 * you mean"), wrong types and values out of range refused with file:line:col (JZ_EINPUT). */
jz_code jz_audit_rules_load(jz_audit_rules *r, const char *path, jz_error *err);
/* The same from len bytes of text (tests, fuzzers: no temp file); name stands for the
 * file in r->path and in every message. */
jz_code jz_audit_rules_load_buffer(jz_audit_rules *r, const char *text, size_t len, const char *name, jz_error *err);
void jz_audit_rules_free(jz_audit_rules *r);

/* ---- the engine ---- */
typedef struct jz_audit_opts {
    jz_day notice;   /* --notice, JZ_NO_DAY if not given */
    jz_day as_of;    /* rows dated after it are counted and not screened; JZ_NO_DAY: none */
    long session_limit;  /* sessions held open to share their participants among their rows
                            before the first close (0: 4096, doubling as needed); a test
                            sets it small */
    long overlap_limit;  /* client-overlap entries held before the days done are screened
                            (0: 65536, doubling as needed); a test sets it small */
} jz_audit_opts;

typedef enum jz_screen_status {
    JZ_AU_RAN, JZ_AU_NOT_RUN, JZ_AU_NOT_AVAILABLE
} jz_screen_status;

typedef struct jz_audit_finding {
    jz_screen screen;
    jz_severity sev;
    const char *file;        /* the row's file; NULL for a group finding */
    long line, col;
    const char *other_file;  /* the other row (overlap, clone, list), NULL if none */
    long other_line;
    const char *centre;      /* always set */
    const char *staff;       /* NULL if none */
    int month;               /* y * 12 + (m - 1), -1 if none */
    long cluster;            /* cloned-note / repeated-attendance cluster number (1-based), 0 */
    char *message;
} jz_audit_finding;

/* Counts per centre or per staff member. */
typedef struct jz_audit_tally {
    const char *centre, *staff;    /* staff NULL in a centre tally */
    long rows;                     /* record rows screened */
    long touched;                  /* distinct record rows with a row-level warning */
    long warnings[JZ_AU_NSCREENS], notes[JZ_AU_NSCREENS];
    long staff_flagged[JZ_AU_NSCREENS];  /* centre: staff with a warning of the screen */
    long staff_n;                  /* centre: staff members */
    long lists, lists_flagged;     /* attendance lists; in a repeated pair */
    long entered;                  /* rows with entered_at */
    long late;                     /* entered more than lag_days after the service */
    double risk;                   /* 0..100, jz-audit(1) */
} jz_audit_tally;

typedef struct jz_audit_result {
    jz_screen_status status[JZ_AU_NSCREENS];
    const char *why[JZ_AU_NSCREENS];   /* why not run / not available, "" when it ran */
    jz_audit_finding *findings;        /* row-level first (file order, line), then group */
    size_t nfindings;
    jz_audit_tally *centres;           /* by centre id */
    size_t ncentres;
    jz_audit_tally *staff;             /* by centre, then staff id */
    size_t nstaff;
    long rows, list_rows, skipped, after_as_of;
    long participants_late;  /* rows with participants that came after their centre's
                                sessions of that date were closed: their session's
                                participants may be shared among too few rows */
    long overlaps_late;      /* records with a client that came after their centre's
                                entries of that date were screened: compared only with
                                the rows not screened yet */
    long warnings, notes;
} jz_audit_result;

typedef struct jz_audit jz_audit;

jz_audit *jz_audit_new(const jz_audit_rules *rules, const jz_calendar *cal, const jz_audit_opts *o);
void jz_audit_free(jz_audit *a);

/* Before a file's rows: its name (copied) and header (records or attendance). */
void jz_audit_begin_file(jz_audit *a, const char *file, const jz_header *h);
/* One parsed row of the current file (records or attendance, as its header said); nerrors
 * as the table reader says: a row with errors is counted as skipped. */
void jz_audit_row(jz_audit *a, long line, const jz_field *f, int nerrors);
/* Run the screens that need every row. JZ_EINPUT when the calendar does not cover a year
 * of the data (err names it). After it, jz_audit_get gives the result. */
jz_code jz_audit_finish(jz_audit *a, jz_error *err);
const jz_audit_result *jz_audit_get(const jz_audit *a);

/* ---- building blocks, exposed for their unit tests ---- */

/* MinHash signature (k values) of the character n-gram shingles of UTF-8 text s[0..n)
 * (code points; text shorter than n code points is one shingle). */
void jz_minhash_text(const char *s, size_t len, int ngram, uint32_t *sig, int k);
/* MinHash signature of a set of 32-bit ids. */
void jz_minhash_ids(const uint32_t *ids, size_t n, uint32_t *sig, int k);
/* Share of equal positions of two signatures: the estimate of the Jaccard similarity. */
double jz_minhash_similarity(const uint32_t *a, const uint32_t *b, int k);
/* The same estimate from the low 8 bits of each value (b-bit minwise hashing): the share
 * of equal positions less the 1 in 256 that agree by chance, scaled back (0..1). */
double jz_minhash_similarity8(const uint8_t *a, const uint8_t *b, int k);
/* Median of x[0..n) (x is reordered; linear time on average). */
double jz_median(double *x, size_t n);
/* Median absolute deviation from the median (x is reordered). */
double jz_mad(double *x, size_t n, double *median);
/* Chi-square goodness of fit of `observed` of n against `expected` (2 cells, 1 df), and
 * its upper-tail p value. */
double jz_chi2_binary(double observed, double expected, double n);
double jz_chi2_p1(double chi2);

#endif
