/* test_free_null.c — every destructor of the library accepts NULL and does nothing
 * (house style: whoever frees may not know whether the thing was ever made). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "jz/audit.h"
#include "jz/audit_read.h"
#include "jz/calendar.h"
#include "jz/contract.h"
#include "jz/record_ids.h"
#include "jz/score_feed.h"
#include "jz/csvin.h"
#include "jz/hash.h"
#include "jz/hours.h"
#include "jz/report.h"
#include "jz/result.h"
#include "jz/result_diff.h"
#include "jz/roster.h"
#include "jz/rowsrc.h"
#include "jz/rubric.h"
#include "jz/rubric_check.h"
#include "jz/rules.h"
#include "jz/sample.h"
#include "jz/schema.h"
#include "jz/score.h"
#include "jz/validate.h"
#include "jz/verify.h"
#include "jz/verify_load.h"
#include "jz/verify_result.h"
#include "jz/yaml.h"

static void every_free_and_close_of_null_does_nothing(void **state)
{
    (void)state;
    jz_audit_rules_free(NULL);
    jz_audit_free(NULL);
    jz_audits_free(NULL);
    jz_calendar_free(NULL);
    jz_contracts_free(NULL);
    jz_csv_close(NULL);
    jz_strmap_free(NULL);
    jz_intmap_free(NULL);
    jz_fpset_free(NULL);
    jz_hours_acc_free(NULL);
    jz_hours_result_free(NULL);
    jz_rollup_free(NULL);
    jz_results_free(NULL);
    jz_result_diff_free(NULL);
    jz_roster_free(NULL);
    jz_rowsrc_close(NULL);
    jz_rubric_free(NULL);
    jz_rubric_diff_free(NULL);
    jz_rules_free(NULL);
    jz_sample_pop_free(NULL);
    jz_sample_result_free(NULL);
    jz_teams_free(NULL);
    jz_visit_plan_free(NULL);
    jz_header_free(NULL);
    jz_scorer_free(NULL);
    jz_record_ids_free(NULL);
    jz_score_feed_done(NULL);
    jz_validator_free(NULL);
    jz_vreport_free(NULL);
    jz_vdraw_free(NULL);
    jz_vrules_free(NULL);
    jz_vresults_free(NULL);
    jz_yaml_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_free_and_close_of_null_does_nothing),
    };
    return cmocka_run_group_tests_name("free_null", tests, NULL, NULL);
}
