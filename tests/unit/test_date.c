/* test_date.c — dates as day numbers, times and hours as integer minutes (date.h).
 * Every expected value below was worked out by hand, not by calling the library. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/hash.h"
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

/* ---- the fast paths for canonical spellings, against the general parsers ---- */

/* A small deterministic generator (splitmix64) for the random inputs below. */
static uint64_t mix_state = 15;

static uint64_t mix(void)
{
    return jz_mix64(mix_state += UINT64_C(0x9e3779b97f4a7c15));  /* splitmix64 */
}

/* A string of up to max bytes drawn from alphabet, or a mutation of one of the seeds
 * (a byte replaced, dropped or doubled): shapes near the canonical ones. */
static size_t random_text(char *buf, size_t max, const char *alphabet, const char *const *seeds, size_t nseeds)
{
    size_t na = strlen(alphabet), n;
    if (mix() % 2) {
        const char *seed = seeds[mix() % nseeds];
        n = strlen(seed);
        memcpy(buf, seed, n + 1);
        for (int k = (int)(mix() % 3); k >= 0 && n > 0; k--) {
            size_t at = mix() % n;
            switch (mix() % 3) {
            case 0: buf[at] = alphabet[mix() % na]; break;
            case 1: memmove(buf + at, buf + at + 1, n - at), n--; break;
            default:
                if (n + 1 < max)
                    memmove(buf + at + 1, buf + at, n - at + 1), n++;
                break;
            }
        }
    } else {
        n = mix() % max;
        for (size_t k = 0; k < n; k++)
            buf[k] = alphabet[mix() % na];
    }
    buf[n] = '\0';
    return n;
}

static const char *const date_seeds[] = {"2024-03-05", "2024-02-29", "2000-01-01", "2100-12-31", "0001-01-01",
                                         "2024-3-05", "2024/03/05", "45356"};
static const char *const time_seeds[] = {"09:30", "9:30", "24:00", "00:00", "23:59", "09:30:00", "12:05"};
static const char *const datetime_seeds[] = {"2024-03-05 14:20", "2024-03-05T14:20:00", "2024-02-29 23:59:59",
                                             "2024-03-05 9:05", "2024-03-05  14:20", "45356.5972"};
static const char *const hours_seeds[] = {"1.5", "0.25", "8", "001.5", ".5", "12345678.123456", "0.000001"};

/* What the fast path accepts, the general parser accepts with the same value. */
static void fast_date_agrees_with_the_general_parser_on_random_inputs(void **state)
{
    (void)state;
    char buf[32];
    int taken = 0;
    for (int k = 0; k < 200000; k++) {
        size_t n = random_text(buf, 14, "0123456789-/. ", date_seeds, 8);
        jz_day fast = 0, slow = 0;
        if (jz_date_parse_iso(buf, n, &fast)) {
            if (!jz_date_parse(buf, n, &slow) || slow != fast)
                fail_msg("'%s': fast %d, general %d", buf, (int)fast, (int)slow);
            taken++;
        }
    }
    assert_true(taken > 1000);  /* the inputs do reach the fast path */
}

/* Every YYYY-MM-DD of some years, months 00..13 and days 00..32: the fast path takes
 * exactly the ones the general parser takes, with the same day. */
static void fast_date_takes_every_real_iso_date_and_nothing_else(void **state)
{
    (void)state;
    static const int years[] = {1, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999};
    for (size_t y = 0; y < sizeof years / sizeof years[0]; y++)
        for (int m = 0; m <= 13; m++)
            for (int d = 0; d <= 32; d++) {
                char buf[48];
                snprintf(buf, sizeof buf, "%04d-%02d-%02d", years[y], m, d);
                jz_day fast = 0, slow = 0;
                bool f = jz_date_parse_iso(buf, 10, &fast), g = jz_date_parse(buf, 10, &slow);
                if (f != g || (f && fast != slow))
                    fail_msg("'%s': fast %d (%d), general %d (%d)", buf, f, (int)fast, g, (int)slow);
            }
}

static void fast_date_edge_cases(void **state)
{
    (void)state;
    jz_day d = 0;
    /* 2024-01-01 = 10957 (2000-01-01) + 24 * 365 + 6 leap days = 19723; + 31 + 28 */
    assert_true(jz_date_parse_iso("2024-02-29", 10, &d));
    assert_int_equal(d, 19782);
    assert_true(jz_date_parse_iso("2000-01-01", 10, &d));
    assert_int_equal(d, 10957);
    assert_false(jz_date_parse_iso("2023-02-29", 10, &d));  /* not a leap year */
    assert_false(jz_date_parse_iso("2100-02-29", 10, &d));  /* nor is 2100 */
    assert_false(jz_date_parse_iso("2024-04-31", 10, &d));
    assert_false(jz_date_parse_iso("2024-00-10", 10, &d));
    assert_false(jz_date_parse_iso("0000-01-01", 10, &d));
    /* other spellings are the general parser's: it takes them, the fast path does not */
    assert_false(jz_date_parse_iso("2024-3-5", 8, &d));
    assert_false(jz_date_parse_iso(" 2024-03-05", 11, &d));
    assert_false(jz_date_parse_iso("2024/03/05", 10, &d));
    assert_false(jz_date_parse_iso("45356", 5, &d));
    assert_false(jz_date_parse_iso("\xEF\xBC\x92" "024-03-05", 12, &d));  /* a full-width 2 */
    assert_false(jz_date_parse_iso("", 0, &d));
}

/* The fast path keeps the last month it read: a day of that month is still checked
 * against its length, and a new month is read afresh. */
static void fast_date_in_the_same_month_is_still_checked(void **state)
{
    (void)state;
    static const struct { const char *s; jz_day day; } seq[] = {
        {"2024-02-28", 19781}, {"2024-02-29", 19782}, {"2024-02-30", -1}, {"2024-02-00", -1},
        {"2024-02-2x", -1},    {"2024-02-01", 19754}, {"2023-02-28", 19416}, {"2023-02-29", -1},
        {"2024-02-29", 19782}, {"2024-03-31", 19813}, {"2024-03-32", -1},   {"2024-04-31", -1},
        {"2024-04-30", 19843}, {"2024-0x-01", -1},    {"2024-04-01", 19814},
    };
    for (size_t k = 0; k < sizeof seq / sizeof seq[0]; k++) {
        jz_day d = -1;
        bool ok = jz_date_parse_iso(seq[k].s, 10, &d);
        if (ok != (seq[k].day >= 0) || (ok && d != seq[k].day))
            fail_msg("'%s': %d (%d), want %d", seq[k].s, ok, (int)d, (int)seq[k].day);
    }
}

static void fast_time_agrees_with_the_general_parser(void **state)
{
    (void)state;
    /* every H:MM and HH:MM of digits: taken exactly when the general parser takes it */
    for (int h = 0; h <= 99; h++)
        for (int m = 0; m <= 99; m++)
            for (int wide = 0; wide < 2; wide++) {
                char buf[48];
                if (!wide && h > 9)
                    continue;
                snprintf(buf, sizeof buf, wide ? "%02d:%02d" : "%d:%02d", h, m);
                size_t n = strlen(buf);
                int fast = -1, slow = -1;
                bool f = jz_time_parse_hhmm(buf, n, &fast), g = jz_time_parse(buf, n, &slow);
                if (f != g || (f && fast != slow))
                    fail_msg("'%s': fast %d (%d), general %d (%d)", buf, f, fast, g, slow);
            }
    char buf[32];
    int taken = 0;
    for (int k = 0; k < 200000; k++) {
        size_t n = random_text(buf, 10, "0123456789: .APMapm", time_seeds, 7);
        int fast = -1, slow = -1;
        if (jz_time_parse_hhmm(buf, n, &fast)) {
            if (!jz_time_parse(buf, n, &slow) || slow != fast)
                fail_msg("'%s': fast %d, general %d", buf, fast, slow);
            taken++;
        }
    }
    assert_true(taken > 1000);
}

static void fast_time_edge_cases(void **state)
{
    (void)state;
    int m = -1;
    assert_true(jz_time_parse_hhmm("24:00", 5, &m));
    assert_int_equal(m, 1440);
    assert_true(jz_time_parse_hhmm("09:05", 5, &m));
    assert_int_equal(m, 545);
    assert_true(jz_time_parse_hhmm("9:05", 4, &m));
    assert_int_equal(m, 545);
    assert_true(jz_time_parse_hhmm("00:00", 5, &m));
    assert_int_equal(m, 0);
    assert_false(jz_time_parse_hhmm("24:01", 5, &m));
    assert_false(jz_time_parse_hhmm("12:60", 5, &m));
    assert_false(jz_time_parse_hhmm("9:5", 3, &m));
    assert_false(jz_time_parse_hhmm(" 9:30", 5, &m));
    assert_false(jz_time_parse_hhmm("09:30:00", 8, &m));            /* the general parser's */
    assert_false(jz_time_parse_hhmm("9\xEF\xBC\x9A" "30", 6, &m));  /* a full-width colon */
    assert_false(jz_time_parse_hhmm("", 0, &m));
}

static void fast_datetime_agrees_with_the_general_parser(void **state)
{
    (void)state;
    /* days 28..30 of February of a leap and a common year, hours and minutes around their
     * limits, the three separators and seconds: the same answer either way */
    static const char *const dates[] = {"2024-02-28", "2024-02-29", "2023-02-29", "2024-02-30", "1999-12-31"};
    static const int hours[] = {0, 9, 23, 24, 99}, minutes[] = {0, 5, 59, 60, 99};
    static const char *const secs[] = {"", ":00", ":59", ":60", ":5"};
    static const char seps[] = {' ', 'T', '_'};
    for (size_t a = 0; a < 5; a++)
        for (size_t b = 0; b < 5; b++)
            for (size_t c = 0; c < 5; c++)
                for (size_t e = 0; e < 5; e++)
                    for (size_t k = 0; k < 3; k++) {
                        char buf[40];
                        snprintf(buf, sizeof buf, "%s%c%02d:%02d%s", dates[a], seps[k], hours[b], minutes[c], secs[e]);
                        size_t n = strlen(buf);
                        int64_t fast = -1, slow = -1;
                        bool f = jz_datetime_parse_iso(buf, n, &fast), g = jz_datetime_parse(buf, n, &slow);
                        if (f != g || (f && fast != slow))
                            fail_msg("'%s': fast %d (%lld), general %d (%lld)", buf, f, (long long)fast, g,
                                     (long long)slow);
                    }
    char buf[40];
    int taken = 0;
    for (int k = 0; k < 200000; k++) {
        size_t n = random_text(buf, 24, "0123456789-:T ", datetime_seeds, 6);
        int64_t fast = -1, slow = -1;
        if (jz_datetime_parse_iso(buf, n, &fast)) {
            if (!jz_datetime_parse(buf, n, &slow) || slow != fast)
                fail_msg("'%s': fast %lld, general %lld", buf, (long long)fast, (long long)slow);
            taken++;
        }
    }
    assert_true(taken > 1000);
}

static void fast_datetime_edge_cases(void **state)
{
    (void)state;
    int64_t m = -1;
    /* 2024-02-29 is day 19782: 19782 * 1440 + 23 * 60 + 59 */
    assert_true(jz_datetime_parse_iso("2024-02-29 23:59", 16, &m));
    assert_int_equal(m, INT64_C(28487519));
    assert_true(jz_datetime_parse_iso("2024-02-29T23:59:59", 19, &m));
    assert_int_equal(m, INT64_C(28487519));
    assert_false(jz_datetime_parse_iso("2023-02-29 10:00", 16, &m));
    assert_false(jz_datetime_parse_iso("2024-03-05 24:00", 16, &m));  /* no entry time */
    assert_false(jz_datetime_parse_iso("2024-03-05 14:20:60", 19, &m));
    assert_false(jz_datetime_parse_iso("2024-03-05 9:05", 15, &m));    /* the general parser's */
    assert_false(jz_datetime_parse_iso("2024-03-05  14:20", 17, &m));
    assert_false(jz_datetime_parse_iso("2024-03-05 14:20 ", 17, &m));
    assert_false(jz_datetime_parse_iso("45356.5972", 10, &m));
    assert_false(jz_datetime_parse_iso("", 0, &m));
}

static void fast_hours_agree_with_the_general_parser(void **state)
{
    (void)state;
    char buf[32];
    int taken = 0;
    for (int k = 0; k < 300000; k++) {
        size_t n = random_text(buf, 18, "0123456789.. ,-", hours_seeds, 7);
        int64_t fast = -1, slow = -1;
        if (jz_hours_parse_plain(buf, n, &fast)) {
            if (!jz_hours_parse(buf, n, &slow) || slow != fast)
                fail_msg("'%s': fast %lld, general %lld", buf, (long long)fast, (long long)slow);
            taken++;
        }
    }
    assert_true(taken > 1000);
    /* every whole number of hours below 30000, and every value with 1, 2 or 3 decimals
     * below 3000, 300 and 30 h: taken, and the same minutes */
    for (int v = 0; v < 30000; v++) {
        for (int dec = 0; dec <= 3; dec++) {
            int scale = dec == 0 ? 1 : dec == 1 ? 10 : dec == 2 ? 100 : 1000;
            snprintf(buf, sizeof buf, dec ? "%d.%0*d" : "%d", v / scale, dec, v % scale);
            size_t n = strlen(buf);
            int64_t fast = -1, slow = -1;
            assert_true(jz_hours_parse_plain(buf, n, &fast));
            assert_true(jz_hours_parse(buf, n, &slow));
            assert_int_equal(fast, slow);
        }
    }
}

static void fast_hours_edge_cases(void **state)
{
    (void)state;
    int64_t m = -1;
    assert_true(jz_hours_parse_plain("001.5", 5, &m));  /* leading zeros */
    assert_int_equal(m, 90);
    assert_true(jz_hours_parse_plain("0.33", 4, &m));   /* 19.8 min, half up */
    assert_int_equal(m, 20);
    assert_true(jz_hours_parse_plain("0.000001", 8, &m));
    assert_int_equal(m, 0);
    assert_true(jz_hours_parse_plain("99999999", 8, &m));
    assert_int_equal(m, INT64_C(5999999940));
    assert_false(jz_hours_parse_plain("100000000", 9, &m));  /* the general parser's */
    assert_false(jz_hours_parse_plain(".5", 2, &m));
    assert_false(jz_hours_parse_plain("1.", 2, &m));
    assert_false(jz_hours_parse_plain("1.1234567", 9, &m));
    assert_false(jz_hours_parse_plain("1,5", 3, &m));
    assert_false(jz_hours_parse_plain(" 2", 2, &m));
    assert_false(jz_hours_parse_plain("\xEF\xBC\x91", 3, &m));  /* a full-width 1 */
    assert_false(jz_hours_parse_plain("", 0, &m));
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
        cmocka_unit_test(fast_date_agrees_with_the_general_parser_on_random_inputs),
        cmocka_unit_test(fast_date_takes_every_real_iso_date_and_nothing_else),
        cmocka_unit_test(fast_date_edge_cases),
        cmocka_unit_test(fast_date_in_the_same_month_is_still_checked),
        cmocka_unit_test(fast_time_agrees_with_the_general_parser),
        cmocka_unit_test(fast_time_edge_cases),
        cmocka_unit_test(fast_datetime_agrees_with_the_general_parser),
        cmocka_unit_test(fast_datetime_edge_cases),
        cmocka_unit_test(fast_hours_agree_with_the_general_parser),
        cmocka_unit_test(fast_hours_edge_cases),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
