/* test_calendar.c — the working-day calendar against the bundled State Council data.
 * Expected values were worked out independently from rubrics/calendar/cn-holidays.csv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/calendar.h"

#define BUNDLED "rubrics/calendar/cn-holidays.csv"

static jz_day day(const char *s)
{
    jz_day d = 0;
    assert_true(jz_date_parse(s, strlen(s), &d));
    return d;
}

static int setup(void **state)
{
    jz_error err;
    jz_error_clear(&err);
    *state = jz_calendar_load(BUNDLED, &err);
    if (!*state)
        print_error("%s: %s\n", err.file, err.msg);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    jz_calendar_free(*state);
    return 0;
}

static void assert_add(const jz_calendar *cal, const char *from, long n, const char *want)
{
    jz_error err;
    jz_day out = 0;
    char buf[11];
    assert_int_equal(jz_calendar_add_working(cal, day(from), n, &out, &err), JZ_OK);
    assert_string_equal(jz_date_format(out, buf), want);
}

static long count(const jz_calendar *cal, const char *from, const char *to)
{
    jz_error err;
    long n = -1;
    assert_int_equal(jz_calendar_count(cal, day(from), day(to), &n, &err), JZ_OK);
    return n;
}

static void assert_is(const jz_calendar *cal, const char *d, int working, const char *reason)
{
    jz_error err;
    const char *why = NULL;
    assert_int_equal(jz_calendar_is_working(cal, day(d), &why, &err), working);
    assert_string_equal(why, reason);
}

/* --- the checks from DOMAIN.md --- */

static void test_ten_working_days_before_2025_10_13_is_2025_09_23(void **state)
{
    assert_add(*state, "2025-10-13", -10, "2025-09-23");
}

static void test_twenty_working_days_after_2025_09_26_is_2025_10_30(void **state)
{
    assert_add(*state, "2025-09-26", 20, "2025-10-30");
}

static void test_ten_working_days_before_2026_02_25_is_2026_02_04(void **state)
{
    assert_add(*state, "2026-02-25", -10, "2026-02-04");
}

static void test_2024_has_251_working_days_2025_and_2026_have_248(void **state)
{
    assert_int_equal(count(*state, "2024-01-01", "2024-12-31"), 251);
    assert_int_equal(count(*state, "2025-01-01", "2025-12-31"), 248);
    assert_int_equal(count(*state, "2026-01-01", "2026-12-31"), 248);
}

static void test_every_year_2008_to_2023_has_249_to_251_working_days(void **state)
{
    static const long want[] = {251, 250, 250, 250, 249, 250, 250, 249,
                                250, 249, 250, 250, 249, 250, 249, 249};
    for (int y = 2008; y <= 2023; y++) {
        char a[24], b[24];
        snprintf(a, sizeof a, "%d-01-01", y);
        snprintf(b, sizeof b, "%d-12-31", y);
        assert_int_equal(count(*state, a, b), want[y - 2008]);
    }
}

/* --- is --- */

static void test_make_up_weekend_days_are_working_and_say_why(void **state)
{
    assert_is(*state, "2025-09-28", 1, "make-up working day (国庆节、中秋节)"); /* Sunday */
    assert_is(*state, "2025-10-11", 1, "make-up working day (国庆节、中秋节)"); /* Saturday */
    assert_is(*state, "2026-02-14", 1, "make-up working day (春节)");          /* Saturday */
}

static void test_a_holiday_monday_is_not_working_and_named(void **state)
{
    assert_is(*state, "2025-10-06", 0, "国庆节、中秋节");
    assert_is(*state, "2025-01-01", 0, "元旦");
}

static void test_plain_days_are_working_day_or_weekend(void **state)
{
    assert_is(*state, "2025-10-13", 1, "working day");
    assert_is(*state, "2025-10-18", 0, "weekend");
}

static void test_early_names_keep_their_curly_quotes(void **state)
{
    assert_is(*state, "2007-10-01", 0, "“十一”");
    assert_is(*state, "2007-04-28", 1, "make-up working day (“五一”)");
}

static void test_reason_may_be_null(void **state)
{
    jz_error err;
    assert_int_equal(jz_calendar_is_working(*state, day("2025-10-01"), NULL, &err), 0);
}

/* --- years the calendar does not cover --- */

static void test_2027_is_an_error_naming_the_year(void **state)
{
    jz_error err;
    jz_error_clear(&err);
    const char *why = "unchanged";
    assert_int_equal(jz_calendar_is_working(*state, day("2027-01-04"), &why, &err), -1);
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(why, "unchanged");
    assert_non_null(strstr(err.msg, "2027: no holiday calendar for this year"));
    assert_non_null(strstr(err.msg, "--assume-regular-weeks"));
}

static void test_a_year_with_only_make_up_days_is_not_covered(void **state)
{
    /* 2006-12-30/31 are listed (make-up days for 元旦 2007) but 2006 has no holidays. */
    assert_false(jz_calendar_covers(*state, 2006));
    assert_true(jz_calendar_covers(*state, 2007));
    assert_true(jz_calendar_covers(*state, 2026));
    assert_false(jz_calendar_covers(*state, 2027));
}

static void test_adding_into_2027_fails_and_leaves_out_alone(void **state)
{
    jz_error err;
    jz_day out = 42;
    assert_int_equal(jz_calendar_add_working(*state, day("2026-12-31"), 1, &out, &err),
                     JZ_EINPUT);
    assert_int_equal(out, 42);
    long n = 7;
    assert_int_equal(jz_calendar_count(*state, day("2026-12-01"), day("2027-01-31"), &n, &err),
                     JZ_EINPUT);
    assert_int_equal(n, 7);
    assert_non_null(strstr(err.msg, "2027"));
}

static void test_assume_regular_makes_2027_a_monday_to_friday_year(void **state)
{
    jz_calendar *cal = *state;
    jz_calendar_set_assume_regular(cal, true);
    assert_is(cal, "2027-01-04", 1, "working day (regular week assumed)");
    assert_is(cal, "2027-01-02", 0, "weekend (regular week assumed)");
    assert_int_equal(count(cal, "2027-01-01", "2027-12-31"), 261);
    assert_add(cal, "2026-12-31", 1, "2027-01-01");
    /* Covered years still use the notices. */
    assert_is(cal, "2026-10-01", 0, "国庆节");
    /* A listed date in an uncovered year still counts. */
    assert_is(cal, "2006-12-30", 1, "make-up working day (元旦)");
    jz_calendar_set_assume_regular(cal, false);
    assert_false(jz_calendar_covers(cal, 2027));
}

/* --- add --- */

static void test_add_crosses_a_year_boundary_both_ways(void **state)
{
    assert_add(*state, "2025-12-30", 3, "2026-01-05");  /* 2026-01-01..03 off */
    assert_add(*state, "2026-01-05", -3, "2025-12-30");
    assert_add(*state, "2024-12-27", 5, "2025-01-06");
    assert_add(*state, "2025-01-02", -2, "2024-12-30");
}

static void test_add_zero_returns_the_date_itself_even_a_holiday(void **state)
{
    assert_add(*state, "2025-10-01", 0, "2025-10-01");
    /* No calendar lookup for n = 0, so even an uncovered year is fine. */
    assert_add(*state, "2027-06-01", 0, "2027-06-01");
}

static void test_add_does_not_count_the_start_day(void **state)
{
    assert_add(*state, "2025-10-13", 1, "2025-10-14");
    assert_add(*state, "2025-10-13", -1, "2025-10-11");  /* a make-up Saturday */
    assert_add(*state, "2025-09-30", 1, "2025-10-09");   /* over the Golden Week */
}

static void test_add_past_year_9999_is_a_usage_error(void **state)
{
    jz_calendar *cal = *state;
    jz_error err;
    jz_day out;
    jz_calendar_set_assume_regular(cal, true);
    assert_int_equal(jz_calendar_add_working(cal, day("9999-12-30"), 5, &out, &err), JZ_EUSAGE);
    assert_int_equal(jz_calendar_add_working(cal, day("0001-01-02"), -5, &out, &err), JZ_EUSAGE);
    jz_calendar_set_assume_regular(cal, false);
}

/* --- count --- */

static void test_count_is_inclusive_at_both_ends(void **state)
{
    assert_int_equal(count(*state, "2025-10-13", "2025-10-13"), 1);
    assert_int_equal(count(*state, "2025-10-13", "2025-10-17"), 5);
    assert_int_equal(count(*state, "2025-09-29", "2025-10-12"), 5);
    assert_int_equal(count(*state, "2025-10-01", "2025-10-08"), 0);
}

static void test_count_from_after_to_is_zero_without_looking_up_years(void **state)
{
    assert_int_equal(count(*state, "2025-10-14", "2025-10-13"), 0);
    assert_int_equal(count(*state, "2028-01-01", "2027-01-01"), 0);
}

/* --- next working --- */

static void test_a_deadline_on_a_holiday_moves_to_the_next_working_day(void **state)
{
    jz_error err;
    jz_day out;
    char buf[11];
    assert_int_equal(jz_calendar_next_working(*state, day("2025-10-01"), &out, &err), JZ_OK);
    assert_string_equal(jz_date_format(out, buf), "2025-10-09");
    assert_int_equal(jz_calendar_next_working(*state, day("2026-02-15"), &out, &err), JZ_OK);
    assert_string_equal(jz_date_format(out, buf), "2026-02-24");
    assert_int_equal(jz_calendar_next_working(*state, day("2025-10-11"), &out, &err), JZ_OK);
    assert_string_equal(jz_date_format(out, buf), "2025-10-11");
    assert_int_equal(jz_calendar_next_working(*state, day("2026-12-31"), &out, &err), JZ_OK);
    assert_int_equal(jz_calendar_next_working(*state, day("2027-01-01"), &out, &err), JZ_EINPUT);
}

/* --- the loader, on inline files --- */

/* text read both ways, from a stream and from the buffer (jz_calendar_from_buffer): the same
 * answer (a calendar, or the same error), the buffer's returned. */
static jz_calendar *read_text(const char *text, jz_error *err)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    jz_error se;
    jz_error_clear(&se);
    jz_calendar *streamed = jz_calendar_read(fp, "t.csv", &se);
    fclose(fp);
    jz_error_clear(err);
    jz_calendar *cal = jz_calendar_from_buffer(text, strlen(text), "t.csv", err);
    assert_int_equal(streamed != NULL, cal != NULL);
    assert_int_equal(se.code, err->code);
    assert_int_equal(se.line, err->line);
    assert_int_equal(se.col, err->col);
    assert_string_equal(se.msg, err->msg);
    jz_calendar_free(streamed);
    return cal;
}

static void test_buffer_needs_no_final_newline_and_refuses_nul(void **state)
{
    (void)state;
    jz_error err;
    static const char last[] = "date,kind,name,notice\n2030-01-01,off,元旦,n";  /* no '\n' at the end */
    jz_calendar *cal = jz_calendar_from_buffer(last, strlen(last), "t.csv", &err);
    assert_non_null(cal);
    assert_true(jz_calendar_covers(cal, 2030));
    assert_is(cal, "2030-01-01", 0, "元旦");
    jz_calendar_free(cal);
    /* a NUL inside the bytes given: a control character at line 2, field 3 */
    static const char nul[] = "date,kind,name,notice\n2030-01-01,off,元\0旦,n\n";
    assert_null(jz_calendar_from_buffer(nul, sizeof nul - 1, "t.csv", &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 3);
    assert_non_null(strstr(err.msg, "control character 0x00"));
    /* nothing at all: no header */
    assert_null(jz_calendar_from_buffer("", 0, "empty.csv", &err));
    assert_string_equal(err.file, "empty.csv");
    assert_non_null(strstr(err.msg, "not a holiday calendar"));
}

static void test_buffer_of_the_bundled_file_is_the_same_calendar(void **state)
{
    jz_error err;
    FILE *fp = fopen(BUNDLED, "rb");
    assert_non_null(fp);
    char *text = NULL;
    size_t cap = 0, n = 0;
    for (size_t got; (text = realloc(text, cap += 65536)) && (got = fread(text + n, 1, cap - n, fp)) > 0;)
        n += got;
    fclose(fp);
    assert_non_null(text);
    jz_calendar *cal = jz_calendar_from_buffer(text, n, BUNDLED, &err);
    free(text);
    assert_non_null(cal);
    for (int y = 2020; y <= 2030; y++)
        assert_int_equal(jz_calendar_covers(cal, y), jz_calendar_covers(*state, y));
    long a, b;
    assert_int_equal(jz_calendar_count(cal, day("2025-01-01"), day("2025-12-31"), &a, &err), JZ_OK);
    assert_int_equal(jz_calendar_count(*state, day("2025-01-01"), day("2025-12-31"), &b, &err), JZ_OK);
    assert_int_equal(a, b);
    jz_calendar_free(cal);
}

static void assert_rejects(const char *text, long line, long col, const char *words)
{
    jz_error err;
    assert_null(read_text(text, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.file, "t.csv");
    assert_int_equal(err.line, line);
    assert_int_equal(err.col, col);
    if (!strstr(err.msg, words))
        fail_msg("message '%s' lacks '%s'", err.msg, words);
}

#define H "date,kind,name,notice\n"

static void test_loader_accepts_bom_crlf_comments_blank_lines_and_any_order(void **state)
{
    (void)state;
    jz_error err;
    jz_calendar *cal = read_text("\xEF\xBB\xBF# c\r\n" "date,kind,name,notice\r\n"
                                 "2030-01-02,off,元旦,\r\n" "\r\n"
                                 "2030-01-01,off,元旦,n\r\n" "2029-12-29,work,元旦,n\r\n", &err);
    assert_non_null(cal);
    assert_true(jz_calendar_covers(cal, 2030));
    assert_false(jz_calendar_covers(cal, 2029));
    assert_is(cal, "2030-01-01", 0, "元旦");
    assert_is(cal, "2030-01-02", 0, "元旦");
    assert_is(cal, "2030-01-03", 1, "working day");
    jz_calendar_free(cal);
}

static void test_loader_rejects_a_quoted_field_naming_its_column(void **state)
{
    (void)state;
    assert_rejects(H "2030-01-01,off,\"元旦, new year\",n\n", 2, 3, "unquoted");
}

static void test_loader_rejects_a_wrong_field_count(void **state)
{
    (void)state;
    assert_rejects(H "2030-01-01,off,元旦\n", 2, 4, "3 fields, expected 4");
    assert_rejects(H "2030-01-01,off,元旦,n,extra\n", 2, 5, "5 fields, expected 4");
}

static void test_loader_rejects_bad_dates(void **state)
{
    (void)state;
    assert_rejects(H "# c\n2030-02-30,off,x,n\n", 3, 1, "bad date '2030-02-30'");
    assert_rejects(H "2030/1/1,off,x,n\n", 2, 1, "expected YYYY-MM-DD");
    assert_rejects(H "45000,off,x,n\n", 2, 1, "bad date");
}

static void test_loader_rejects_an_unknown_kind(void **state)
{
    (void)state;
    assert_rejects(H "2030-01-01,holiday,x,n\n", 2, 2, "unknown kind 'holiday'");
    assert_rejects(H "2030-01-01,OFF,x,n\n", 2, 2, "expected off or work");
}

static void test_loader_rejects_a_duplicate_date_on_its_second_line(void **state)
{
    (void)state;
    assert_rejects(H "2030-01-02,off,a,n\n2030-01-01,off,a,n\n2030-01-02,work,b,n\n", 4, 1,
                   "duplicate date 2030-01-02 (first on line 2)");
}

static void test_loader_rejects_a_missing_header_empty_name_and_bad_utf8(void **state)
{
    (void)state;
    assert_rejects("2030-01-01,off,x,n\n", 1, 1, "expected the header line");
    assert_rejects("# only comments\n", 1, 0, "no header line");
    assert_rejects(H "2030-01-01,off,,n\n", 2, 3, "empty holiday name");
    assert_rejects(H "2030-01-01,off,\xff,n\n", 2, 3, "UTF-8");
}

static void test_loader_reports_an_unreadable_file_as_io(void **state)
{
    (void)state;
    jz_error err;
    jz_error_clear(&err);
    assert_null(jz_calendar_load("tests/unit/no-such-calendar.csv", &err));
    assert_int_equal(err.code, JZ_EIO);
    assert_string_equal(err.file, "tests/unit/no-such-calendar.csv");
    assert_null(jz_calendar_load("tests/unit", &err));  /* a directory */
    assert_int_equal(err.code, JZ_EIO);
    jz_calendar_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ten_working_days_before_2025_10_13_is_2025_09_23),
        cmocka_unit_test(test_twenty_working_days_after_2025_09_26_is_2025_10_30),
        cmocka_unit_test(test_ten_working_days_before_2026_02_25_is_2026_02_04),
        cmocka_unit_test(test_2024_has_251_working_days_2025_and_2026_have_248),
        cmocka_unit_test(test_every_year_2008_to_2023_has_249_to_251_working_days),
        cmocka_unit_test(test_make_up_weekend_days_are_working_and_say_why),
        cmocka_unit_test(test_a_holiday_monday_is_not_working_and_named),
        cmocka_unit_test(test_plain_days_are_working_day_or_weekend),
        cmocka_unit_test(test_early_names_keep_their_curly_quotes),
        cmocka_unit_test(test_reason_may_be_null),
        cmocka_unit_test(test_2027_is_an_error_naming_the_year),
        cmocka_unit_test(test_a_year_with_only_make_up_days_is_not_covered),
        cmocka_unit_test(test_adding_into_2027_fails_and_leaves_out_alone),
        cmocka_unit_test(test_assume_regular_makes_2027_a_monday_to_friday_year),
        cmocka_unit_test(test_add_crosses_a_year_boundary_both_ways),
        cmocka_unit_test(test_add_zero_returns_the_date_itself_even_a_holiday),
        cmocka_unit_test(test_add_does_not_count_the_start_day),
        cmocka_unit_test(test_add_past_year_9999_is_a_usage_error),
        cmocka_unit_test(test_count_is_inclusive_at_both_ends),
        cmocka_unit_test(test_count_from_after_to_is_zero_without_looking_up_years),
        cmocka_unit_test(test_a_deadline_on_a_holiday_moves_to_the_next_working_day),
        cmocka_unit_test(test_loader_accepts_bom_crlf_comments_blank_lines_and_any_order),
        cmocka_unit_test(test_loader_rejects_a_quoted_field_naming_its_column),
        cmocka_unit_test(test_loader_rejects_a_wrong_field_count),
        cmocka_unit_test(test_loader_rejects_bad_dates),
        cmocka_unit_test(test_loader_rejects_an_unknown_kind),
        cmocka_unit_test(test_loader_rejects_a_duplicate_date_on_its_second_line),
        cmocka_unit_test(test_loader_rejects_a_missing_header_empty_name_and_bad_utf8),
        cmocka_unit_test(test_loader_reports_an_unreadable_file_as_io),
        cmocka_unit_test(test_buffer_needs_no_final_newline_and_refuses_nul),
        cmocka_unit_test(test_buffer_of_the_bundled_file_is_the_same_calendar),
    };
    return cmocka_run_group_tests_name("calendar", tests, setup, teardown);
}
