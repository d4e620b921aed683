/* test_hours_write.c — the hours writers (hours_write.h) on results built by hand:
 *   K1 (C1), as of 2024-06-30, 123 of 251 working days:
 *     service_hours: required 27440 h pro-rated = ceil(1646400 min x 123 / 251) = 806802 min
 *       (1646400 x 123 = 202507200 = 251 x 806801 + 149), 806802 / 60 = 13446.70 h;
 *       delivered 800000 min = 13333.33 h (800000 / 60 = 13333.333...); ratio
 *       800000 / 806802 = 0.99157... -> 9916 basis points = 0.9916; short.
 *     staff_counted: 13 of 14 people, 13 / 14 = 0.92857 -> 0.9286; short.
 *     training_hours: no requirement (n/a): required and ratio empty / null, 600 min = 10.00 h.
 *     left out (roster): 3 records of 1 staff id, 90 min service = 1.5 h, 30 min training.
 *   K2 (C2): no records at all: not checked.
 *   an orphan: 2 records of C9 without a contract, first at records.csv:17.
 * The csv columns, the json fields and the text lines and summary are checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/hours_write.h"

#include "writer_check.h"

static jz_rules rules;
static jz_contract k1, k2;
static jz_check ch1[3], ch2[1];
static jz_hours_result res[2];
static jz_orphan orphans[1];
static jz_hours_report rep;

static int setup(void **state)
{
    (void)state;
    memset(&rules, 0, sizeof rules);
    rules.id = "guangzhou-hours";
    rules.version = "2024";
    rules.prorate = JZ_PRORATE_WORKING_DAYS;
    k1 = (jz_contract){.id = "K1", .centre = "C1", .district = "海珠区", .street = "南洲街",
                       .operator_ = "机构甲", .start = jz_days_from_civil(2024, 1, 1),
                       .end = jz_days_from_civil(2024, 12, 31)};
    k2 = (jz_contract){.id = "K2", .centre = "C2", .district = "", .street = "", .operator_ = "",
                       .start = jz_days_from_civil(2024, 1, 1), .end = jz_days_from_civil(2024, 12, 31)};
    ch1[0] = (jz_check){"service_hours", JZ_UNIT_MINUTES, 806802, 800000, 9916, JZ_ST_SHORT,
                        "13,333.3 h delivered of 13,446.7 h, short by 113.4 h"};
    ch1[1] = (jz_check){"staff_counted", JZ_UNIT_PEOPLE, 14, 13, 9286, JZ_ST_SHORT, "13 of 14, one short"};
    ch1[2] = (jz_check){"training_hours", JZ_UNIT_MINUTES, -1, 600, -1, JZ_ST_NA, "no requirement"};
    res[0] = (jz_hours_result){.contract = &k1, .as_of = jz_days_from_civil(2024, 6, 30), .as_of_reason = "--as-of",
                               .elapsed = 123, .period = 251, .rows = 40, .rows_after = 2,
                               .not_in_roster = {.service = 90, .training = 30, .rows = 3},
                               .staff_not_in_roster = 1, .checks = ch1, .n = 3};
    ch2[0] = (jz_check){"service_hours", JZ_UNIT_MINUTES, 1646400, 0, 0, JZ_ST_NA, "no records"};
    res[1] = (jz_hours_result){.contract = &k2, .as_of = jz_days_from_civil(2024, 12, 31),
                               .as_of_reason = "contract end; no records", .elapsed = 251, .period = 251,
                               .roster_missing = true, .checks = ch2, .n = 1};
    orphans[0] = (jz_orphan){"C9", 2, false, "records.csv", 17};
    rep = (jz_hours_report){&rules, res, 2, orphans, 1, "cn-holidays.csv"};
    return 0;
}

static char *render(const char *name, const jz_hours_report *r)
{
    return render_writer(jz_hours_writers, name, r);
}

static void the_format_table(void **state)
{
    (void)state;
    assert_non_null(jz_writer_find(jz_hours_writers, "text"));
    assert_non_null(jz_writer_find(jz_hours_writers, "csv"));
    assert_non_null(jz_writer_find(jz_hours_writers, "json"));
    assert_null(jz_writer_find(jz_hours_writers, "md"));
    assert_null(jz_writer_find(jz_hours_writers, ""));
}

static void csv_exact(void **state)
{
    (void)state;
    char *s = render("csv", &rep);
    assert_string_equal(s,
        "contract,centre,check,required_hours,delivered_hours,ratio,status,detail\n"
        "K1,C1,service_hours,13446.70,13333.33,0.9916,short,\"13,333.3 h delivered of 13,446.7 h, short by 113.4 h\"\n"
        "K1,C1,staff_counted,14,13,0.9286,short,\"13 of 14, one short\"\n"
        "K1,C1,training_hours,,10.00,,n/a,no requirement\n"
        "K2,C2,service_hours,27440.00,0.00,0.0000,n/a,no records\n"
        ",C9,no_contract,,,,n/a,2 records of centre C9 have no contract in the contracts given "
        "(first at records.csv:17): not counted anywhere\n");
    free(s);
}

static void json_fields(void **state)
{
    (void)state;
    char *s = render("json", &rep);
    assert_has(s, "{\"schema\":\"jiazong-hours/1\",\"tool\":\"jz-hours " JZ_VERSION "\",\"rules\":{\"id\":\"guangzhou-hours\","
                  "\"version\":\"2024\",\"prorate\":\"working_days\"},\"contracts\":[");
    assert_has(s, "{\"contract\":\"K1\",\"centre\":\"C1\",\"district\":\"海珠区\",\"street\":\"南洲街\","
                  "\"operator\":\"机构甲\",\"start\":\"2024-01-01\",\"end\":\"2024-12-31\",\"as_of\":\"2024-06-30\","
                  "\"as_of_reason\":\"--as-of\",\"elapsed\":123,\"period\":251,\"records\":40,\"records_after_as_of\":2,"
                  "\"roster\":true,\"status\":\"failing\",\"left_out\":{\"not_in_roster\":{\"staff\":1,\"records\":3,"
                  "\"service_minutes\":90,\"training_minutes\":30,\"supervision_minutes\":0},\"not_counted\":"
                  "{\"staff\":0,\"records\":0,\"service_minutes\":0,\"training_minutes\":0,\"supervision_minutes\":0}}");
    assert_has(s, "{\"check\":\"service_hours\",\"unit\":\"hours\",\"required\":13446.70,\"delivered\":13333.33,"
                  "\"ratio\":0.9916,\"required_minutes\":806802,\"delivered_minutes\":800000,\"status\":\"short\"");
    /* people: whole numbers, no minutes fields */
    assert_has(s, "{\"check\":\"staff_counted\",\"unit\":\"people\",\"required\":14,\"delivered\":13,\"ratio\":0.9286,"
                  "\"status\":\"short\",\"detail\":\"13 of 14, one short\"}");
    assert_has(s, "{\"check\":\"training_hours\",\"unit\":\"hours\",\"required\":null,\"delivered\":10.00,\"ratio\":null,"
                  "\"required_minutes\":null,\"delivered_minutes\":600,\"status\":\"n/a\"");
    assert_has(s, "\"contract\":\"K2\",\"centre\":\"C2\",\"district\":\"\"");
    assert_has(s, "\"records\":0,\"records_after_as_of\":0,\"roster\":false,\"status\":\"unchecked\"");
    assert_has(s, "],\n\"no_contract\":[{\"centre\":\"C9\",\"records\":2,\"has_contract\":false,"
                  "\"first_file\":\"records.csv\",\"first_line\":17}],\"failing\":1}\n");
    free(s);
}

static void text_lines_and_summary(void **state)
{
    (void)state;
    char *s = render("text", &rep);
    assert_has(s, "contract K1, centre C1 (海珠区 南洲街), 机构甲\n"
                  "  period 2024-01-01 to 2024-12-31, as of 2024-06-30 (--as-of): 123 of 251 working days; 40 records\n"
                  "  2 records after the as-of date are not counted\n"
                  "  left out of the hours: 3 records (1.5 h of service, 0.5 h of training and supervision) "
                  "of 1 staff id not in the roster for this centre\n"
                  "  short  service_hours      13,333.3 h delivered of 13,446.7 h, short by 113.4 h\n"
                  "  short  staff_counted      13 of 14, one short\n"
                  "  n/a    training_hours     no requirement\n"
                  "  => NOT COMPLIANT: 2 checks short or over\n");
    assert_has(s, "\ncontract K2, centre C2\n"
                  "  period 2024-01-01 to 2024-12-31, as of 2024-12-31 (contract end; no records): 251 of 251 working days; 0 records\n"
                  "  no roster: every staff id in the records is counted\n"
                  "  n/a    service_hours      no records\n"
                  "  => NOT CHECKED: no records of this centre were given\n");
    assert_has(s, "\ncentre C9: 2 records without a contract in the contracts given (first at records.csv:17), "
                  "not counted anywhere\n");
    /* K1 failing, K2 not checked: 2 - 1 - 1 = 0 compliant */
    assert_has(s, "\n2 contracts: 0 compliant, 1 not compliant, 1 not checked (no records)\n");
    free(s);
}

static void text_of_one_compliant_contract(void **state)
{
    (void)state;
    jz_check ok = {"service_hours", JZ_UNIT_MINUTES, 600, 660, 11000, JZ_ST_OK, "11.0 h of 10.0 h"};
    jz_hours_result r = res[0];
    r.checks = &ok;
    r.n = 1;
    r.rows_after = 0;
    r.not_in_roster = (jz_hours_sums){0};
    jz_rules months = rules;
    months.prorate = JZ_PRORATE_MONTHS;
    jz_hours_report one = {&months, &r, 1, NULL, 0, NULL};
    char *s = render("text", &one);
    assert_has(s, ": 123 of 251 months; 40 records\n  ok     service_hours      11.0 h of 10.0 h\n  => compliant\n");
    assert_has(s, "\n1 contract: 1 compliant, 0 not compliant\n");
    free(s);
    s = render("csv", &one);
    /* 660 min = 11.00 h, 600 min = 10.00 h, 11000 bp = 1.1000 */
    assert_string_equal(s, "contract,centre,check,required_hours,delivered_hours,ratio,status,detail\n"
                           "K1,C1,service_hours,10.00,11.00,1.1000,ok,11.0 h of 10.0 h\n");
    free(s);
}

static void nothing_to_write(void **state)
{
    (void)state;
    jz_hours_report none = {&rules, NULL, 0, NULL, 0, NULL};
    char *s = render("csv", &none);
    assert_string_equal(s, "contract,centre,check,required_hours,delivered_hours,ratio,status,detail\n");
    free(s);
    s = render("json", &none);
    assert_has(s, "\"contracts\":[],\n\"no_contract\":[],\"failing\":0}\n");
    free(s);
    s = render("text", &none);
    assert_string_equal(s, "\n0 contracts: 0 compliant, 0 not compliant\n");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_format_table),
        cmocka_unit_test(csv_exact),
        cmocka_unit_test(json_fields),
        cmocka_unit_test(text_lines_and_summary),
        cmocka_unit_test(text_of_one_compliant_contract),
        cmocka_unit_test(nothing_to_write),
    };
    return cmocka_run_group_tests_name("hours_write", tests, setup, NULL);
}
