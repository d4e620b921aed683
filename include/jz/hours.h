/* hours.h — contract compliance: staffing and service hours of each contract against
 * the contract rules, as of a date.
 *
 * Promise: two halves. The accumulator streams records (any order, many files, many
 * centres) into sums per contract and staff member: memory grows with contracts and
 * staff, never with rows. The evaluator is pure (no I/O): from the sums, the roster, the
 * rules and a calendar it computes each check in integer minutes with requirements
 * pro-rated and rounded up to the whole minute, so 27440 h vs 27439.99 h never flips on
 * a float. Every check carries one sentence a person can read.
 * Ownership: the accumulator borrows rules, contracts and roster (roster may be NULL);
 * results own their checks (jz_hours_result_free).
 */
#ifndef JZ_HOURS_H
#define JZ_HOURS_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/calendar.h"
#include "jz/contract.h"
#include "jz/roster.h"
#include "jz/rules.h"
#include "jz/schema.h"

typedef enum jz_status { JZ_ST_OK, JZ_ST_SHORT, JZ_ST_OVER, JZ_ST_NA } jz_status;
const char *jz_status_name(jz_status s);   /* "ok", "short", "over", "n/a" */

typedef struct jz_hours_sums {
    int64_t service, direct, outreach, training, supervision;  /* minutes */
    long rows;
} jz_hours_sums;

typedef struct jz_hours_acc jz_hours_acc;

/* as_of: only records on or before it count (JZ_NO_DAY: no limit). */
jz_hours_acc *jz_hours_acc_new(const jz_rules *rules, const jz_contracts *contracts,
                               jz_day as_of);
void jz_hours_acc_free(jz_hours_acc *a);

/* Add one record (fields as parsed by jz_row_parse; the row must have had no errors).
 * file/line are remembered for records of centres without a contract. Returns the
 * record's contract (jz_contracts_for its centre and date; a centre id of 256 bytes or
 * more is looked up cut to 255), or NULL when it has none. */
const jz_contract *jz_hours_acc_add(jz_hours_acc *a, const jz_field *f, const char *file, long line);

/* Add everything src accumulated into dst (same rules and contracts): for reading one file
 * in two halves. Lines src remembered (its orphans' first records) get line_base added;
 * dst's first records stay first. src is left as it was. */
void jz_hours_acc_merge(jz_hours_acc *dst, const jz_hours_acc *src, long line_base);

/* Centres that had records but no contract covering them. */
typedef struct jz_orphan {
    const char *centre;
    long rows;             /* records of this centre counted nowhere */
    bool has_contract;     /* true: the centre has a contract, but these dates fall outside it */
    const char *file;      /* first such record */
    long line;
} jz_orphan;
size_t jz_hours_orphans(const jz_hours_acc *a, const jz_orphan **out);

typedef enum jz_unit { JZ_UNIT_MINUTES, JZ_UNIT_PEOPLE, JZ_UNIT_DAYS } jz_unit;

typedef struct jz_check {
    char name[80];           /* bid_total, bid_direct, staff_counted, staff_certified,
                                staff_total, staff_vacancy, service_hours, direct_hours,
                                training_hours, supervision_hours, outreach_share,
                                staff_hours:<id> */
    jz_unit unit;
    int64_t required;        /* -1 when n/a */
    int64_t delivered;       /* -1 when n/a */
    int64_t ratio_bp;        /* delivered / required in basis points, -1 when n/a */
    jz_status status;
    char detail[512];        /* one sentence */
} jz_check;

typedef struct jz_hours_result {
    const jz_contract *contract;
    jz_day as_of;
    const char *as_of_reason;   /* "--as-of", "contract end", "last record", "contract end; no records" */
    int64_t elapsed, period;    /* pro-rating units (days or months); equal for none */
    jz_hours_sums total;        /* counted staff only */
    long rows;                  /* records counted for this contract (all staff) */
    long rows_after;            /* records after the as-of date, not counted */
    bool roster_missing;        /* staff counted from the records */
    /* Records left out of the hours (with a roster): of staff ids the roster does not
     * list for the centre, and of staff it lists as not counted (计入工时 no). */
    jz_hours_sums not_in_roster, not_counted;
    long staff_not_in_roster, staff_not_counted;
    jz_check *checks;
    size_t n;
} jz_hours_result;

/* Evaluate contract number `ci` (index into contracts). as_of JZ_NO_DAY: the contract's
 * end or its last record date if earlier. A contract with no records at all in the run
 * gets its delivery checks as n/a ("no records given"), not as shortfalls. roster may be NULL (staffing checks n/a; every
 * staff id counted). by_staff adds one check per counted staff member. Fails (JZ_EINPUT)
 * only when the calendar does not cover the period. */
jz_code jz_hours_evaluate(const jz_hours_acc *a, size_t ci, const jz_roster *roster,
                          const jz_calendar *cal, jz_day as_of, bool by_staff,
                          jz_hours_result *out, jz_error *err);
void jz_hours_result_free(jz_hours_result *r);

/* Whether any check is short or over. */
bool jz_hours_failing(const jz_hours_result *r);
/* Whether the contract had no records at all in the run (its delivery was not checked). */
bool jz_hours_unchecked(const jz_hours_result *r);

#endif
