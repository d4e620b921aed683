/* validate.h — every check jz-validate makes on service records, beyond the per-field
 * checks of schema.h: row rules (mode for service kinds, hours vs end - start, time
 * order), uniqueness of record_id per centre, references to the roster and contracts
 * given in the same run, and plausibility (a staff member's overlapping sessions, too
 * many hours in one day, the same row entered twice).
 *
 * Promise: streaming. State grows with staff and staff-days, plus per-row state only
 * where a check needs it: an 8-byte fingerprint per row for the duplicate-row check, kept
 * with its staff-day (a repeated row is on the same staff-day: two different rows of one
 * staff-day share a fingerprint with odds of about k^2 / 2^65 for its k rows), 4 bytes per
 * timed row for overlaps, and the record ids in runs (record_ids.h). Every finding goes to the diag sink with a stable code.
 * Attendance lists (签到表) are checked against the records read before them: every listed
 * activity must have a record on the list's date (error "unknown-activity"), a person is
 * listed once per list ("duplicate-person"), and jz_validator_finish warns where a record's
 * participants differs from the clients on its list ("participants-mismatch", at the
 * record's line). That needs a table of sessions (centre, activity, date), kept only when
 * jz_validator_keep_sessions was called (the tool does when an attendance file is in the run).
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

/* Its tables grow with staff-days and runs of ids, not with rows: nothing to size. */
jz_validator *jz_validator_new(const jz_validate_opts *opts, const jz_roster *roster,
                               const jz_contracts *contracts, jz_diag *diag);
void jz_validator_free(jz_validator *v);


/* Check one records file (type forced to records when `force` is true, else detected;
 * a roster or contracts file found here is checked for its own rows only).
 * Returns as jz_table_read. */
jz_code jz_validator_file(jz_validator *v, const char *path, jz_filetype type,
                          jz_encoding enc, jz_table_info *info, jz_error *err);

/* Keep the session table that attendance lists are checked against (call before the
 * first records file). */
void jz_validator_keep_sessions(jz_validator *v);
/* Send later findings to another sink (jz-validate counts finish's findings per file). */
void jz_validator_set_diag(jz_validator *v, jz_diag *diag);
/* After the last file: the checks that need every list (participants-mismatch). */
void jz_validator_finish(jz_validator *v);

#endif
