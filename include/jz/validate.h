/* validate.h — every check jz-validate makes on service records, beyond the per-field
 * checks of schema.h: row rules (mode for service kinds, hours vs end - start, time
 * order), uniqueness of record_id per centre, references to the roster and contracts
 * given in the same run, and plausibility (a staff member's overlapping sessions, too
 * many hours in one day, the same row entered twice).
 *
 * Promise: streaming. State grows with staff and staff-days, plus per-row state only
 * where a check needs it: 8-byte fingerprints for the two duplicate checks and 8 bytes
 * per timed row for overlaps. Every finding goes to the diag sink with a stable code.
 * Ownership: the validator borrows roster and contracts (may be NULL) for its lifetime.
 */
#ifndef JZ_VALIDATE_H
#define JZ_VALIDATE_H

#include <stdint.h>

#include "jz/contract.h"
#include "jz/roster.h"
#include "jz/table.h"

typedef struct jz_validate_opts {
    int64_t max_day_minutes;   /* warn above this per staff per day (720 = 12 h) */
    int64_t tolerance_minutes; /* warn when |hours - (end - start)| exceeds this (15) */
} jz_validate_opts;

typedef struct jz_validator jz_validator;

/* expected_rows sizes the duplicate tables (0 if unknown; they grow). */
jz_validator *jz_validator_new(const jz_validate_opts *opts, const jz_roster *roster,
                               const jz_contracts *contracts, size_t expected_rows,
                               jz_diag *diag);
void jz_validator_free(jz_validator *v);


/* Check one records file (type forced to records when `force` is true, else detected;
 * a roster or contracts file found here is checked for its own rows only).
 * Returns as jz_table_read. */
jz_code jz_validator_file(jz_validator *v, const char *path, jz_filetype type,
                          jz_encoding enc, jz_table_info *info, jz_error *err);

#endif
