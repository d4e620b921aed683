/* test_rubric_test.c — the rubric fixture runner (rubric_test.h) on the test rubrics'
 * own cases in tests/rubrics/tests/ (read, never written): PASS, FAIL with the values
 * and derivations, INVALID with its reason; and the text report (rubric_write.h). The
 * expected values are those written by hand in each case's expected.csv and NOTES. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/rubric_test.h"
#include "jz/rubric_write.h"

static jz_code load_rules(jz_rules *rules, const char *path, jz_error *err)
{
    return jz_rules_load(rules, path ? path : "rubrics/rules/guangzhou-hours.yaml", err);
}

static jz_calendar *load_calendar(const char *path, bool assume_regular, jz_error *err)
{
    jz_calendar *cal = jz_calendar_load(path ? path : "rubrics/calendar/cn-holidays.csv", err);
    if (cal)
        jz_calendar_set_assume_regular(cal, assume_regular);
    return cal;
}

/* Where the cases' input problems go (they have none). */
static char *diag_buf;
static size_t diag_len;
static FILE *null_out(void)
{
    return open_memstream(&diag_buf, &diag_len);
}
static void null_close(FILE *fp)
{
    fclose(fp);
    assert_int_equal(diag_len, 0);
    free(diag_buf);
    diag_buf = NULL;
}

static jz_rubric_test_env env(FILE *diag)
{
    return (jz_rubric_test_env){.printer = {.fp = diag, .format = JZ_DIAG_TEXT, .min_sev = JZ_WARNING},
                                .load_rules = load_rules, .load_calendar = load_calendar};
}

static void the_cases_folder_is_beside_the_rubric_sorted(void **state)
{
    (void)state;
    jz_rubric r;
    jz_error err;
    assert_int_equal(jz_rubric_load(&r, "tests/rubrics/mini-failing.yaml", &err), JZ_OK);
    char *dir = jz_rubric_test_dir(&r);
    assert_string_equal(dir, "tests/rubrics/tests/mini-failing");
    char **cases;
    size_t n = jz_rubric_test_cases(dir, &cases);
    assert_int_equal(n, 3);
    assert_string_equal(cases[0], "tests/rubrics/tests/mini-failing/two-centres");
    assert_string_equal(cases[1], "tests/rubrics/tests/mini-failing/unknown-indicator");
    assert_string_equal(cases[2], "tests/rubrics/tests/mini-failing/wrong-expectations");
    jz_rubric_test_cases_free(cases, n);
    free(dir);
    char **none;
    assert_int_equal(jz_rubric_test_cases("tests/rubrics/tests/no-such-rubric", &none), 0);
    jz_rubric_free(&r);
}

static void a_passing_case_compares_every_row(void **state)
{
    (void)state;
    jz_rubric r;
    jz_error err;
    assert_int_equal(jz_rubric_load(&r, "tests/rubrics/mini.yaml", &err), JZ_OK);
    FILE *d = null_out();
    jz_rubric_test_env e = env(d);
    jz_rubric_test_case c;
    /* expected.csv: 5 indicators, total and grade */
    assert_int_equal(jz_rubric_test_case_run(&r, "tests/rubrics/tests/mini/full-year", &e, &c), 0);
    assert_int_equal(c.compared, 7);
    assert_int_equal(c.nmismatches, 0);
    assert_string_equal(c.why, "");
    jz_rubric_test_case_free(&c);
    jz_rubric_test_case_free(NULL);
    null_close(d);
    jz_rubric_free(&r);
}

static void failures_and_invalid_cases_say_why(void **state)
{
    (void)state;
    jz_rubric r;
    jz_error err;
    assert_int_equal(jz_rubric_load(&r, "tests/rubrics/mini-failing.yaml", &err), JZ_OK);
    char **cases;
    size_t n = jz_rubric_test_cases("tests/rubrics/tests/mini-failing", &cases);
    FILE *d = null_out();
    jz_rubric_test_env e = env(d);
    jz_rubric_test_report rep;
    assert_int_equal(jz_rubric_test_run(&r, cases, n, &e, &rep), 3);
    assert_int_equal(rep.n, 3);
    assert_int_equal(rep.passed, 0);
    assert_int_equal(rep.failed, 1);
    assert_int_equal(rep.invalid, 2);
    assert_int_equal(rep.cases[0].status, 3);
    assert_string_equal(rep.cases[0].why, "contracts.csv: 2 contracts: a case scores one (give --centre ID in cmd-args)");
    assert_string_equal(rep.cases[1].why, "expected.csv: line 2: no indicator 'case' in rubric mini-failing: "
                                          "did you mean 'cases'?");
    const jz_rubric_test_case *w = &rep.cases[2];
    assert_int_equal(w->status, 1);
    assert_int_equal(w->compared, 6);
    assert_int_equal(w->nmismatches, 4);
    assert_string_equal(w->mismatches[0].what, "cases");
    assert_string_equal(w->mismatches[0].want, "30.00");
    assert_string_equal(w->mismatches[0].got, "10.00");  /* 1/3 of 30.00: band 60-80 % */
    assert_string_equal(w->mismatches[1].got, "0.00");
    assert_string_equal(w->mismatches[2].what, "total");
    assert_string_equal(w->mismatches[2].got, "49.9");
    assert_string_equal(w->mismatches[2].why, "");
    assert_string_equal(w->mismatches[3].want, "pass");
    assert_string_equal(w->mismatches[3].got, "fail");

    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    jz_rubric_test_write(fp, &rep);
    fclose(fp);
    const char *lines[] = {
        "INVALID tests/rubrics/tests/mini-failing/two-centres: contracts.csv: 2 contracts: a case scores one "
        "(give --centre ID in cmd-args)\n",
        "FAIL    tests/rubrics/tests/mini-failing/wrong-expectations: 6 values compared, 4 differ\n",
        "        cases: expected 30.00, got 10.00\n          2 of 4 clients reach min_rows 2",
        "        total: expected 52.9, got 49.9\n        grade: expected pass, got fail\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        assert_non_null(strstr(buf, lines[i]));
    assert_non_null(strstr(buf, "\n3 cases: 0 passed, 1 failed, 2 invalid\n"));
    free(buf);
    jz_rubric_test_report_free(&rep);
    jz_rubric_test_report_free(NULL);
    jz_rubric_test_cases_free(cases, n);
    null_close(d);
    jz_rubric_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_cases_folder_is_beside_the_rubric_sorted),
        cmocka_unit_test(a_passing_case_compares_every_row),
        cmocka_unit_test(failures_and_invalid_cases_say_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
