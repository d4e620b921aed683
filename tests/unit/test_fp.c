/* test_fp.c — fixed-point rounding, formatting and parsing (fp.h), values by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "jz/fp.h"

static const char *fmt(int64_t v, int scale, int decimals)
{
    static char buf[JZ_FP_BUF];
    return jz_fixed_format(v, scale, decimals, buf, sizeof buf);
}

static const char *trim(int64_t v)
{
    static char buf[JZ_FP_BUF];
    return jz_fixed_trim(v, 4, buf, sizeof buf);
}

static void round_is_half_away_from_zero(void **state)
{
    (void)state;
    assert_int_equal(jz_fp_round(12345, 3), 12350);   /* 1.2345 -> 1.235 */
    assert_int_equal(jz_fp_round(12344, 3), 12340);
    assert_int_equal(jz_fp_round(-12345, 3), -12350); /* -1.2345 -> -1.235 */
    assert_int_equal(jz_fp_round(-12344, 3), -12340);
    assert_int_equal(jz_fp_round(5000, 0), 10000);    /* 0.5 -> 1 */
    assert_int_equal(jz_fp_round(-5000, 0), -10000);
    assert_int_equal(jz_fp_round(4999, 0), 0);
    assert_int_equal(jz_fp_round(12345, 4), 12345);
    assert_int_equal(jz_fp_round(12345, 9), 12345);   /* clamped to 4 */
    assert_int_equal(jz_fp_round(15000, -1), 20000);  /* clamped to 0 */
}

static void format_rounds_to_the_decimals_asked(void **state)
{
    (void)state;
    assert_string_equal(fmt(12345, 4, 2), "1.23");
    assert_string_equal(fmt(12350, 4, 2), "1.24");
    assert_string_equal(fmt(-12350, 4, 2), "-1.24");
    assert_string_equal(fmt(5990000, 4, 0), "599");
    assert_string_equal(fmt(5995000, 4, 0), "600");
    assert_string_equal(fmt(9150500, 4, 4), "915.0500");
    assert_string_equal(fmt(7, 4, 4), "0.0007");
    assert_string_equal(fmt(-7, 4, 4), "-0.0007");
    assert_string_equal(fmt(0, 4, 1), "0.0");
}

static void format_never_writes_minus_zero(void **state)
{
    (void)state;
    assert_string_equal(fmt(-4, 4, 2), "0.00");
    assert_string_equal(fmt(-49, 4, 2), "0.00");
    assert_string_equal(fmt(-50, 4, 2), "-0.01");
}

static void format_of_basis_points_as_percent(void **state)
{
    (void)state;
    assert_string_equal(fmt(1234, 2, 1), "12.3");  /* 12.34 % */
    assert_string_equal(fmt(1235, 2, 1), "12.4");
    assert_string_equal(fmt(15, 2, 1), "0.2");     /* 0.15 % */
    assert_string_equal(fmt(-15, 2, 1), "-0.2");
    assert_string_equal(fmt(1250, 2, 2), "12.50");
    assert_string_equal(fmt(1200, 2, 0), "12");
}

static void format_handles_the_int64_extremes(void **state)
{
    (void)state;
    assert_string_equal(fmt(INT64_MAX, 4, 4), "922337203685477.5807");
    assert_string_equal(fmt(INT64_MIN, 4, 4), "-922337203685477.5808");
    assert_string_equal(fmt(INT64_MIN, 4, 0), "-922337203685478");
    assert_string_equal(fmt(INT64_MIN, 0, 0), "-9223372036854775808");
}

static void format_refuses_a_buffer_too_small(void **state)
{
    (void)state;
    char buf[5];
    memset(buf, 'x', sizeof buf);
    assert_null(jz_fp_format(123450, 2, buf, sizeof buf));  /* "12.35" needs 6 bytes */
    assert_string_equal(buf, "");
    assert_null(jz_fp_format(1, 0, buf, 0));
    char six[6];
    assert_ptr_equal(jz_fp_format(123450, 2, six, sizeof six), six);
    assert_string_equal(six, "12.35");
}

static void trim_keeps_the_decimals_needed(void **state)
{
    (void)state;
    assert_string_equal(trim(5990000), "599");
    assert_string_equal(trim(9150500), "915.05");
    assert_string_equal(trim(666650), "66.665");
    assert_string_equal(trim(1000000), "100");
    assert_string_equal(trim(5000), "0.5");
    assert_string_equal(trim(-5), "-0.0005");
    assert_string_equal(trim(0), "0");
    assert_string_equal(trim(-100000), "-10");
}

static void parse_reads_signed_decimals(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_true(jz_fixed_parse("-1.5", 2, &v));
    assert_int_equal(v, -150);
    assert_true(jz_fixed_parse("+12", 4, &v));
    assert_int_equal(v, 120000);
    assert_true(jz_fixed_parse("0.0001", 4, &v));
    assert_int_equal(v, 1);
    assert_true(jz_fixed_parse("922337203685477.5807", 4, &v));
    assert_int_equal(v, INT64_MAX);
    assert_true(jz_fixed_parse("-922337203685477.5808", 4, &v));
    assert_int_equal(v, INT64_MIN);
}

static void parse_refuses_what_is_not_a_decimal(void **state)
{
    (void)state;
    int64_t v = 42;
    const char *bad[] = {"", "-", ".", "1.", ".5", "1e3", "1.234", " 1", "1 ", "1..2", "922337203685477.5808",
                         "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_false(jz_fixed_parse(bad[i], 2 + (i == 10 ? 2 : 0), &v));
        assert_int_equal(v, 42);
    }
    assert_false(jz_fixed_parse("1", 5, &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_is_half_away_from_zero),
        cmocka_unit_test(format_rounds_to_the_decimals_asked),
        cmocka_unit_test(format_never_writes_minus_zero),
        cmocka_unit_test(format_of_basis_points_as_percent),
        cmocka_unit_test(format_handles_the_int64_extremes),
        cmocka_unit_test(format_refuses_a_buffer_too_small),
        cmocka_unit_test(trim_keeps_the_decimals_needed),
        cmocka_unit_test(parse_reads_signed_decimals),
        cmocka_unit_test(parse_refuses_what_is_not_a_decimal),
    };
    return cmocka_run_group_tests_name("fp", tests, NULL, NULL);
}
