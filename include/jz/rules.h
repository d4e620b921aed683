/* rules.h — contract rules (staffing and service hours) loaded from YAML; the format is
 * jiazong-rules(5), the shipped file rubrics/rules/guangzhou-hours.yaml.
 *
 * Promise: every domain figure comes from the file; nothing has a default in C. Hours are
 * integer minutes, shares basis points (60 % = 6000), money yuan. A file with an unknown
 * key, a wrong type or a missing value is refused with file:line:col (JZ_EINPUT).
 * Ownership: jz_rules_load fills a caller-owned struct; free with jz_rules_free.
 */
#ifndef JZ_RULES_H
#define JZ_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/error.h"
#include "jz/schema.h"

typedef enum jz_prorate { JZ_PRORATE_WORKING_DAYS, JZ_PRORATE_CALENDAR_DAYS, JZ_PRORATE_MONTHS,
                          JZ_PRORATE_NONE } jz_prorate;

typedef struct jz_rules {
    char *path, *id, *title, *version;
    /* staffing */
    int64_t base_budget, base_counted_staff, extra_staff_per, min_certified, min_total_staff;
    bool certified[JZ_QUAL_N];
    /* hours (minutes) and shares (basis points) */
    int64_t per_worker, base_total, bid_cap_bp, base_direct_min, training, supervision;
    int64_t outreach_bp, staff_low_bp, staff_high_bp;
    bool outreach_place[JZ_PLACE_N];
    bool service_kind[JZ_KIND_N];
    bool direct_mode[JZ_MODE_N];
    /* pro-rating */
    jz_prorate prorate;
    /* payment (basis points); pass_grade as written */
    int64_t instalment_bp[12];
    int ninstalments;
    int64_t mid_term_instalment, end_term_instalment;  /* 1-based: which one each evaluation decides */
    char *pass_grade;
    int64_t recheck_bp, second_failure_bp;
    bool has_payment;
} jz_rules;

/* Load and check a rules file. */
jz_code jz_rules_load(jz_rules *r, const char *path, jz_error *err);
/* The same from len bytes of text (tests, fuzzers: no temp file); name stands for the
 * file in r->path and in every message. */
jz_code jz_rules_load_buffer(jz_rules *r, const char *text, size_t len, const char *name, jz_error *err);
void jz_rules_free(jz_rules *r);

/* Counted professional staff a budget (yuan) requires: base + one per full extra_staff_per
 * above base_budget. */
int64_t jz_rules_counted_staff(const jz_rules *r, int64_t budget_yuan);

/* Yearly total professional service minutes for a budget: base_total + per_worker per
 * extra counted worker. */
int64_t jz_rules_total_minutes(const jz_rules *r, int64_t budget_yuan);

/* "working_days", ... */
const char *jz_prorate_name(jz_prorate p);

#endif
