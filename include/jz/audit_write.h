/* audit_write.h — jz-audit's findings and summary as text, csv or json (the writers layer).
 *
 * Promise: one table of formats (jz_audit_writers, writer.h); stable machine formats documented
 * in jz-audit(1): csv is the per-centre and per-staff summary with the columns
 * kind,centre,staff,rows,touched,touched_share,risk,entered,late,lists,lists_flagged and one
 * warnings column per screen code; json is schema "jiazong-audit/1" (screens, centres,
 * staff, findings). Deterministic: no time stamps, no locale, no paths of the rules file.
 * With a roster, each staff member is shown with the roster's name and qualification, and
 * one not on it is noted (text), or marked (csv columns name, qualification, on_roster;
 * json keys of the same names); with contracts, a contracted centre with no records is
 * listed as not audited (text; csv rows of kind not-audited; json "not_audited"). Without
 * them the output is what it was.
 */
#ifndef JZ_AUDIT_WRITE_H
#define JZ_AUDIT_WRITE_H

#include <stdio.h>

#include "jz/audit.h"
#include "jz/contract.h"
#include "jz/roster.h"
#include "jz/writer.h"

typedef struct jz_audit_report {
    const jz_audit_rules *rules;
    const jz_audit_opts *opts;
    const jz_audit_result *result;
    const jz_roster *roster;        /* NULL: none given (then nothing is said of it) */
    const jz_contracts *contracts;  /* NULL: none given */
} jz_audit_report;

/* The formats, doc a jz_audit_report: "text", "csv", "json". */
extern const jz_writer jz_audit_writers[];

/* "ran", "not-run", "not-available". */
const char *jz_audit_status_name(jz_screen_status s);

#endif
