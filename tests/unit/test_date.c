/* test_date.c — dates as day numbers, times and hours as integer minutes (date.h).
 * Every expected value below was worked out by hand, not by calling the library. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/date.h"

/* Parse s (a C string) as a date; fails the test when rejected. */
static jz_day parsed(const char *s)
{
    jz_day d = -1;
    if (!jz_date_parse(s, strlen(s), &d))
        fail_msg("date '%s' was rejected", s);
    return d;
}

static bool date_ok(const char *s)
{
    jz_day d;
    return jz_date_parse(s, strlen(s), &d);
}

static void assert_date(const char *s, const char *want)
{
    char buf[JZ_DATE_SIZE];
    assert_string_equal(jz_date_format(parsed(s), buf), want);
}

static int time_of(const char *s)
{
    int m = -1;
    return jz_time_parse(s, strlen(s), &m) ? m : -1;
}

static int64_t hours_of(const char *s)
{
    int64_t m = -1;
    return jz_hours_parse(s, strlen(s), &m) ? m : -1;
}

static const char *fmt(int64_t minutes, int decimals, bool thousands)
{
    static char buf[JZ_MINUTES_SIZE];
    return jz_minutes_format(minutes, decimals, thousands, buf);
}

/* ---- day numbers ---- */

static void day_zero_is_1970_01_01_and_2000_01_01_is_day_10957(void **state)
{
    (void)state;
    assert_int_equal(jz_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(jz_days_from_civil(1969, 12, 31), -1);
    /* 30 years of 365 days plus 7 leap days (72, 76, ..., 96). */
    assert_int_equal(jz_days_from_civil(2000, 1, 1), 10957);
    assert_int_equal(jz_days_from_civil(2024, 3, 5), 19787);
}

static void civil_and_day_numbers_round_trip_every_day_from_1900_to_2100(void **state)
{
    (void)state;
    jz_day first = jz_days_from_civil(1900, 1, 1), last = jz_days_from_civil(2100, 12, 31);
    /* 201 years; 49 leap years (1904..2096, 2000 included, 1900 and 2100 not). */
    assert_int_equal(last - first + 1, 201 * 365 + 49);
    int py = 1899, pm = 12, pd = 31;
    long bad = 0;
    for (jz_day z = first; z <= last; z++) {
        int y, m, d;
        jz_civil_from_days(z, &y, &m, &d);
        bool next_day = (y == py && m == pm && d == pd + 1) ||
                        (y == py && m == pm + 1 && d == 1) || (y == py + 1 && m == 1 && d == 1);
        if (!jz_date_valid(y, m, d) || jz_days_from_civil(y, m, d) != z || !next_day)
            bad++;
        py = y, pm = m, pd = d;
    }
    assert_int_equal(bad, 0);
    assert_int_equal(py, 2100);
    assert_int_equal(pm, 12);
    assert_int_equal(pd, 31);
}

static void weekday_of_2024_03_05_is_tuesday(void **state)
{
    (void)state;
    assert_int_equal(jz_weekday(parsed("2024-03-05")), 1);
    assert_int_equal(jz_weekday(0), 3);                               /* 1970-01-01 Thursday */
    assert_int_equal(jz_weekday(jz_days_from_civil(1969, 12, 29)), 0); /* a Monday before day 0 */
    assert_int_equal(jz_weekday(jz_days_from_civil(2024, 3, 10)), 6); /* Sunday */
}

static void date_valid_knows_leap_years_and_month_lengths(void **state)
{
    (void)state;
    assert_true(jz_date_valid(2024, 2, 29));
    assert_false(jz_date_valid(2023, 2, 29));
    assert_false(jz_date_valid(1900, 2, 29));
    assert_true(jz_date_valid(2000, 2, 29));
    assert_false(jz_date_valid(2024, 4, 31));
    assert_true(jz_date_valid(2024, 12, 31));
    assert_false(jz_date_valid(2024, 13, 1));
    assert_false(jz_date_valid(2024, 0, 1));
    assert_false(jz_date_valid(2024, 1, 0));
}

/* ---- date parsing ---- */

static void every_documented_spelling_of_2024_03_05_parses_to_the_same_day(void **state)
{
    (void)state;
    jz_day want = 19787;
    assert_int_equal(parsed("2024-03-05"), want);
    assert_int_equal(parsed("2024/3/5"), want);
    assert_int_equal(parsed("2024.3.5"), want);
    assert_int_equal(parsed("2024年3月5日"), want);
    assert_int_equal(parsed("2024年03月05日"), want);
    assert_int_equal(parsed("2024年3月5"), want);  /* the 日 may be left out */
    assert_int_equal(parsed("45356"), want);
    assert_int_equal(parsed("  2024-03-05\t"), want);
}

static void excel_serial_45356_is_2024_03_05(void **state)
{
    (void)state;
    assert_date("45356", "2024-03-05");
}

static void excel_serials_around_the_fictitious_1900_02_29(void **state)
{
    (void)state;
    assert_date("1", "1900-01-01");
    assert_date("59", "1900-02-28");
    assert_false(date_ok("60"));  /* Excel's 1900-02-29, which never was */
    assert_date("61", "1900-03-01");
    assert_date("36526", "2000-01-01");
    assert_date("2958465", "9999-12-31");
    assert_false(date_ok("2958466"));
    assert_false(date_ok("0"));
}

static void leap_day_2024_02_29_is_valid(void **state)
{
    (void)state;
    assert_date("2024-02-29", "2024-02-29");
}

static void impossible_and_malformed_dates_are_rejected(void **state)
{
    (void)state;
    assert_false(date_ok("2024-02-30"));
    assert_false(date_ok("2023-02-29"));
    assert_false(date_ok("2024-3-5x"));
    assert_false(date_ok(""));
    assert_false(date_ok("   "));
    assert_false(date_ok("2024-03/05"));  /* mixed separators */
    assert_false(date_ok("24-03-05"));    /* two-digit year */
    assert_false(date_ok("2024-003-05"));
    assert_false(date_ok("2024-13-01"));
    assert_false(date_ok("2024年3月"));
    assert_false(date_ok("-45356"));
    assert_false(date_ok("45356.5"));
}

static void only_the_first_n_bytes_are_read(void **state)
{
    (void)state;
    jz_day d;
    assert_true(jz_date_parse("2024-03-05junk", 10, &d));
    assert_int_equal(d, 19787);
}

static void date_format_writes_iso_with_leading_zeros(void **state)
{
    (void)state;
    char buf[11];
    assert_string_equal(jz_date_format(jz_days_from_civil(2000, 1, 9), buf), "2000-01-09");
    assert_string_equal(jz_date_format(0, buf), "1970-01-01");
}

/* ---- times ---- */

static void times_0930_and_930_are_570_minutes(void **state)
{
    (void)state;
    assert_int_equal(time_of("09:30"), 570);
    assert_int_equal(time_of("9:30"), 570);
    assert_int_equal(time_of("09:30:00"), 570);
    assert_int_equal(time_of(" 09:30 "), 570);
    assert_int_equal(time_of("00:00"), 0);
    assert_int_equal(time_of("23:59"), 1439);
}

static void midnight_24_00_is_allowed_as_an_end_time(void **state)
{
    (void)state;
    assert_int_equal(time_of("24:00"), 1440);
}

static void full_width_colon_is_accepted(void **state)
{
    (void)state;
    assert_int_equal(time_of("09：30"), 570);
}

static void bad_times_are_rejected(void **state)
{
    (void)state;
    assert_int_equal(time_of("24:01"), -1);
    assert_int_equal(time_of("25:00"), -1);
    assert_int_equal(time_of("9:5"), -1);
    assert_int_equal(time_of("09:30:15"), -1);
    assert_int_equal(time_of("09:60"), -1);
    assert_int_equal(time_of("0930"), -1);
    assert_int_equal(time_of("09:30:"), -1);
    assert_int_equal(time_of(""), -1);
    assert_int_equal(time_of("9.30"), -1);
}

/* ---- hours ---- */

static void hours_become_exact_minutes(void **state)
{
    (void)state;
    assert_int_equal(hours_of("1.5"), 90);
    assert_int_equal(hours_of("0.25"), 15);
    assert_int_equal(hours_of("2"), 120);
    assert_int_equal(hours_of(".5"), 30);
    assert_int_equal(hours_of("0"), 0);
    assert_int_equal(hours_of("27440"), 1646400);
}

static void hours_round_half_up_to_the_minute(void **state)
{
    (void)state;
    assert_int_equal(hours_of("0.33"), 20);   /* 19.8 min */
    assert_int_equal(hours_of("0.325"), 20);  /* 19.5 min rounds up */
    assert_int_equal(hours_of("0.3249"), 19); /* 19.494 min */
    assert_int_equal(hours_of("0.008"), 0);   /* 0.48 min */
    assert_int_equal(hours_of("0.00834"), 1); /* 0.5004 min */
    assert_int_equal(hours_of("1.999999"), 120);
}

static void malformed_hours_are_rejected(void **state)
{
    (void)state;
    assert_int_equal(hours_of("1,5"), -1);
    assert_int_equal(hours_of("-1"), -1);
    assert_int_equal(hours_of("1e3"), -1);
    assert_int_equal(hours_of(""), -1);
    assert_int_equal(hours_of("."), -1);
    assert_int_equal(hours_of("1."), -1);
    assert_int_equal(hours_of("1.5h"), -1);
    assert_int_equal(hours_of("1.0000001"), -1);  /* seven decimals */
}

static void minutes_format_with_thousands_and_two_decimals(void **state)
{
    (void)state;
    assert_string_equal(fmt(1646400, 2, true), "27,440.00");
    assert_string_equal(fmt(1646399, 2, true), "27,439.98");  /* 27439.983 */
    assert_string_equal(fmt(1646400, 2, false), "27440.00");
    assert_string_equal(fmt(90, 1, false), "1.5");
    assert_string_equal(fmt(90, 0, false), "2");              /* 1.5 rounds up */
    assert_string_equal(fmt(20, 2, false), "0.33");           /* 0.3333 */
    assert_string_equal(fmt(1, 2, false), "0.02");            /* 0.01667 */
    assert_string_equal(fmt(0, 2, true), "0.00");
    assert_string_equal(fmt(60000000, 0, true), "1,000,000");
    assert_string_equal(fmt(-90, 1, false), "-1.5");
}

/* INT64_MAX minutes = 153722867280912930 h 7 min (153722867280912930 * 60 = 9223372036854775800),
 * 7/60 h = 0.1167 -> .12; INT64_MIN is one minute more, 8/60 = 0.1333 -> .13. The old
 * formula multiplied the minutes by 200 first and overflowed here. */
static void minutes_format_takes_every_int64_without_overflow(void **state)
{
    (void)state;
    assert_string_equal(fmt(INT64_MAX, 2, true), "153,722,867,280,912,930.12");
    assert_string_equal(fmt(INT64_MIN, 2, true), "-153,722,867,280,912,930.13");
    assert_string_equal(fmt(INT64_MIN, 0, false), "-153722867280912930");
    assert_true(strlen(fmt(INT64_MIN, 2, true)) < JZ_MINUTES_SIZE);
    assert_string_equal(fmt(90, 5, false), "1.50");          /* decimals clamped to 2 */
    assert_string_equal(fmt(90, -1, false), "2");            /* and to 0 */
}

/* Each formatter writes exactly SIZE bytes at most: a buffer of that size with a guard
 * byte after it keeps the guard. */
static void formatters_stay_within_their_named_buffer_sizes(void **state)
{
    (void)state;
    char date[JZ_DATE_SIZE + 1], dt[JZ_DATETIME_SIZE + 1], mins[JZ_MINUTES_SIZE + 1];
    date[JZ_DATE_SIZE] = dt[JZ_DATETIME_SIZE] = mins[JZ_MINUTES_SIZE] = '#';
    assert_int_equal(strlen(jz_date_format(jz_days_from_civil(9999, 12, 31), date)), JZ_DATE_SIZE - 1);
    assert_int_equal(strlen(jz_datetime_format((int64_t)jz_days_from_civil(9999, 12, 31) * 1440 + 1439, dt)),
                     JZ_DATETIME_SIZE - 1);
    assert_string_equal(dt, "9999-12-31 23:59");
    jz_minutes_format(INT64_MIN, 2, true, mins);
    assert_int_equal(date[JZ_DATE_SIZE], '#');
    assert_int_equal(dt[JZ_DATETIME_SIZE], '#');
    assert_int_equal(mins[JZ_MINUTES_SIZE], '#');
}

static void weekday_names_run_monday_to_sunday(void **state)
{
    (void)state;
    assert_string_equal(jz_weekday_name(jz_weekday(parsed("2024-03-05"))), "Tuesday");
    assert_string_equal(jz_weekday_name(0), "Monday");
    assert_string_equal(jz_weekday_name(6), "Sunday");
    assert_string_equal(jz_weekday_name(7), "?");
    assert_string_equal(jz_weekday_name(-1), "?");
}

static void uint_parse_takes_digits_only(void **state)
{
    (void)state;
    int64_t v = -1;
    assert_true(jz_uint_parse("0042", 4, &v));
    assert_int_equal(v, 42);
    assert_false(jz_uint_parse("", 0, &v));
    assert_false(jz_uint_parse("+1", 2, &v));
    assert_false(jz_uint_parse("1 2", 3, &v));
}

/* Minutes since 1970-01-01 computed with python3's datetime: (datetime(2024,3,5,14,20) -
 * datetime(1970,1,1)) // timedelta(minutes=1) = 28494140; datetime(1899,12,30) +
 * timedelta(days=45356.5972) = 2024-03-05 14:19:58.08, to the nearest minute 14:20. */
static void every_documented_entry_time_spelling_is_2024_03_05_14_20(void **state)
{
    (void)state;
    const char *forms[] = {"2024-03-05 14:20", "2024-03-05T14:20:00", "2024/3/5 14:20", "2024年3月5日 14:20",
                           "45356.5972", " 2024-03-05  14:20:37 ", "2024年3月5日14:20"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        int64_t m = -1;
        assert_true(jz_datetime_parse(forms[i], strlen(forms[i]), &m));
        assert_int_equal(m, 28494140);
    }
    char buf[17];
    assert_string_equal(jz_datetime_format(28494140, buf), "2024-03-05 14:20");
}

static void an_excel_fraction_near_midnight_rounds_into_the_next_day(void **state)
{
    (void)state;
    int64_t m;
    /* 45356.99999 = 2024-03-05 23:59:59.136 -> 2024-03-06 00:00 = 28494720 (python3) */
    assert_true(jz_datetime_parse("45356.99999", 11, &m));
    assert_int_equal(m, 28494720);
}

static void entry_times_without_a_time_of_day_or_malformed_are_refused(void **state)
{
    (void)state;
    const char *bad[] = {"2024-03-05", "45356", "45356.", "2024-03-05 24:00", "2024-03-05 14:60",
                         "2024-03-05 1420", "45356 14:20", "2024-02-30 10:00", "2024-03-05 14:20:61",
                         "2024-03-05T", "14:20", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t m;
        if (jz_datetime_parse(bad[i], strlen(bad[i]), &m))
            fail_msg("'%s' was accepted", bad[i]);
    }
}

/* ---- what clerks type (issue 14): halves of the day, Excel fractions ---- */

static void clerk_times_name_the_half_of_the_day_or_a_fraction_of_it(void **state)
{
    (void)state;
    /* 9:30 = 570, 14:30 = 870, 19:00 = 1140, 12:30 = 750, 13:00 = 780, 00:30 = 30 */
    assert_int_equal(time_of("上午9:30"), 570);
    assert_int_equal(time_of("上午 9:30"), 570);
    assert_int_equal(time_of("早上9:30"), 570);
    assert_int_equal(time_of("下午2:30"), 870);
    assert_int_equal(time_of("下午14:30"), 870);
    assert_int_equal(time_of("下午12:30"), 750);
    assert_int_equal(time_of("晚上7:00"), 1140);
    assert_int_equal(time_of("中午12:30"), 750);
    assert_int_equal(time_of("中午1:00"), 780);
    assert_int_equal(time_of("9:30 AM"), 570);
    assert_int_equal(time_of("9:30am"), 570);
    assert_int_equal(time_of("12:30 AM"), 30);
    assert_int_equal(time_of("12:30 PM"), 750);
    assert_int_equal(time_of("2:30 p.m."), 870);
    assert_int_equal(time_of("下午2：30"), 870);
    /* Excel keeps a time of day as a fraction of a day: 0.375 * 1440 = 540 (09:00),
     * 0.6875 * 1440 = 990 (16:30), 0.5 = 720; 0.3958333 * 1440 = 569.99995 -> 570 */
    assert_int_equal(time_of("0.375"), 540);
    assert_int_equal(time_of("0.6875"), 990);
    assert_int_equal(time_of("0.5"), 720);
    assert_int_equal(time_of("0.3958333"), 570);
    assert_int_equal(time_of("0"), 0);
    assert_int_equal(time_of("1"), 1440);
}

static void ambiguous_or_impossible_clerk_times_are_refused(void **state)
{
    (void)state;
    assert_int_equal(time_of("上午12:30"), -1);  /* noon or midnight? */
    assert_int_equal(time_of("下午0:30"), -1);
    assert_int_equal(time_of("下午24:00"), -1);
    assert_int_equal(time_of("中午5:00"), -1);
    assert_int_equal(time_of("13:00 PM"), -1);
    assert_int_equal(time_of("0:30 AM"), -1);
    assert_int_equal(time_of("上午"), -1);
    assert_int_equal(time_of("AM"), -1);
    assert_int_equal(time_of("1.5"), -1);
    assert_int_equal(time_of("0.3.5"), -1);
    assert_int_equal(time_of(".5"), -1);
    assert_int_equal(time_of("0.12345678901"), -1);  /* more than 10 decimals */
}

static void the_spoken_day_hao_is_the_day(void **state)
{
    (void)state;
    assert_date("2024年3月5号", "2024-03-05");
    assert_date("2024年03月05号", "2024-03-05");
    assert_false(date_ok("2024年3月5号日"));
    assert_false(date_ok("45356."));
    assert_false(date_ok("45356.5x"));
}

static void entry_times_with_the_half_of_the_day_are_2024_03_05_14_20(void **state)
{
    (void)state;
    const char *forms[] = {"2024-03-05 下午2:20", "2024年3月5号 下午2:20", "2024/3/5 2:20 PM",
                           "2024年3月5日下午2:20", "2024年3月5号14:20", "2024-03-05 2:20pm"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        int64_t m = -1;
        if (!jz_datetime_parse(forms[i], strlen(forms[i]), &m))
            fail_msg("'%s' was rejected", forms[i]);
        assert_int_equal(m, 28494140);
    }
    int64_t m;
    assert_false(jz_datetime_parse("2024-03-05 0.5", 14, &m));  /* a fraction is no clock */
    assert_false(jz_datetime_parse("2024-03-05 上午12:20", strlen("2024-03-05 上午12:20"), &m));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_zero_is_1970_01_01_and_2000_01_01_is_day_10957),
        cmocka_unit_test(every_documented_entry_time_spelling_is_2024_03_05_14_20),
        cmocka_unit_test(an_excel_fraction_near_midnight_rounds_into_the_next_day),
        cmocka_unit_test(entry_times_without_a_time_of_day_or_malformed_are_refused),
        cmocka_unit_test(civil_and_day_numbers_round_trip_every_day_from_1900_to_2100),
        cmocka_unit_test(weekday_of_2024_03_05_is_tuesday),
        cmocka_unit_test(weekday_names_run_monday_to_sunday),
        cmocka_unit_test(minutes_format_takes_every_int64_without_overflow),
        cmocka_unit_test(formatters_stay_within_their_named_buffer_sizes),
        cmocka_unit_test(date_valid_knows_leap_years_and_month_lengths),
        cmocka_unit_test(every_documented_spelling_of_2024_03_05_parses_to_the_same_day),
        cmocka_unit_test(excel_serial_45356_is_2024_03_05),
        cmocka_unit_test(excel_serials_around_the_fictitious_1900_02_29),
        cmocka_unit_test(leap_day_2024_02_29_is_valid),
        cmocka_unit_test(impossible_and_malformed_dates_are_rejected),
        cmocka_unit_test(only_the_first_n_bytes_are_read),
        cmocka_unit_test(date_format_writes_iso_with_leading_zeros),
        cmocka_unit_test(times_0930_and_930_are_570_minutes),
        cmocka_unit_test(midnight_24_00_is_allowed_as_an_end_time),
        cmocka_unit_test(full_width_colon_is_accepted),
        cmocka_unit_test(bad_times_are_rejected),
        cmocka_unit_test(clerk_times_name_the_half_of_the_day_or_a_fraction_of_it),
        cmocka_unit_test(ambiguous_or_impossible_clerk_times_are_refused),
        cmocka_unit_test(the_spoken_day_hao_is_the_day),
        cmocka_unit_test(entry_times_with_the_half_of_the_day_are_2024_03_05_14_20),
        cmocka_unit_test(hours_become_exact_minutes),
        cmocka_unit_test(hours_round_half_up_to_the_minute),
        cmocka_unit_test(malformed_hours_are_rejected),
        cmocka_unit_test(minutes_format_with_thousands_and_two_decimals),
        cmocka_unit_test(uint_parse_takes_digits_only),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
