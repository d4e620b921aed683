/* test_diag.c — the shared CSV cell writer (diag.h): quoting, and neutralising cells a
 * spreadsheet would run as a formula (CSV injection), numbers left as they are; the
 * reader's undo; the CSV diagnostics printer going through it. Expected strings written
 * by hand from the rule in jiazong(7). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/diag.h"
#include "jz/emit.h"

/* What write(fp, s) writes, as a string (static buffer). */
static const char *written(void (*write)(FILE *, const char *), const char *s)
{
    static char out[256];
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    assert_non_null(fp);
    write(fp, s);
    assert_int_equal(fclose(fp), 0);
    assert_true(n < sizeof out);
    memcpy(out, buf, n + 1);
    free(buf);
    return out;
}

/* jz_csv_field(s), jz_json_string(s) as strings */
static const char *field(const char *s)
{
    return written(jz_csv_field, s);
}

static const char *json(const char *s)
{
    return written(jz_json_string, s);
}

/* RFC 8259 section 7: quote, backslash and the controls U+0000..U+001F escaped; every
 * other byte (UTF-8 included) as it is, runs of them whole. */
static void json_strings_escape_quotes_backslashes_and_controls(void **state)
{
    (void)state;
    assert_string_equal(json(""), "\"\"");
    assert_string_equal(json("HZ-RF 海珠区"), "\"HZ-RF 海珠区\"");
    assert_string_equal(json("\""), "\"\\\"\"");
    assert_string_equal(json("a\\b"), "\"a\\\\b\"");
    assert_string_equal(json("\"\"x\"\""), "\"\\\"\\\"x\\\"\\\"\"");
    assert_string_equal(json("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
    assert_string_equal(json("\x01\x1f\x7f~"), "\"\\u0001\\u001f\x7f~\"");
    assert_string_equal(json("end\\"), "\"end\\\\\"");
}

static void plain_text_is_written_as_it_is(void **state)
{
    (void)state;
    assert_string_equal(field("HZ-RF"), "HZ-RF");
    assert_string_equal(field("海珠区南洲街"), "海珠区南洲街");
    assert_string_equal(field(""), "");
    assert_string_equal(field("a=b"), "a=b");  /* only the first character matters */
}

static void commas_quotes_and_line_ends_are_quoted(void **state)
{
    (void)state;
    assert_string_equal(field("a,b"), "\"a,b\"");
    assert_string_equal(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_string_equal(field("two\nlines"), "\"two\nlines\"");
}

static void formula_leads_get_an_apostrophe(void **state)
{
    (void)state;
    assert_string_equal(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    assert_string_equal(field("=1+1"), "'=1+1");
    assert_string_equal(field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
    assert_string_equal(field("-2+3"), "'-2+3");
    assert_string_equal(field("@SUM(A1:A9)"), "'@SUM(A1:A9)");
    assert_string_equal(field("\tfoo"), "'\tfoo");
    assert_string_equal(field("\rfoo"), "\"'\rfoo\"");  /* CR: neutralised and quoted */
    assert_string_equal(field("-"), "'-");
    assert_string_equal(field("-.5"), "'-.5");
    assert_string_equal(field("1."), "1.");        /* no formula lead: untouched */
    assert_string_equal(field("+1.5e3"), "'+1.5e3"); /* not a plain decimal */
}

static void plain_numbers_stay_numbers(void **state)
{
    (void)state;
    assert_string_equal(field("-3.5"), "-3.5");
    assert_string_equal(field("-1"), "-1");
    assert_string_equal(field("+2"), "+2");
    assert_string_equal(field("0.0001"), "0.0001");
    assert_false(jz_csv_formula_like("-3.5"));
    assert_true(jz_csv_formula_like("-3.5x"));
    assert_true(jz_csv_formula_like("-3."));
}

static void unguard_undoes_only_what_the_writer_added(void **state)
{
    (void)state;
    assert_string_equal(jz_csv_unguard("'=1+1"), "=1+1");
    assert_string_equal(jz_csv_unguard("'@x"), "@x");
    assert_string_equal(jz_csv_unguard("'-3.5"), "'-3.5");  /* the writer never guards a number */
    assert_string_equal(jz_csv_unguard("'abc"), "'abc");
    assert_string_equal(jz_csv_unguard("=x"), "=x");
    assert_string_equal(jz_csv_unguard(""), "");
}

static void the_csv_diagnostics_neutralise_the_file_and_the_message(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    assert_non_null(fp);
    jz_diag_printer pr = {.fp = fp, .format = JZ_DIAG_CSV};
    jz_diag d;
    jz_diag_init(&d, jz_diag_print, &pr);
    jz_diag_emit(&d, JZ_ERROR, "=evil.csv", 3, 2, "centre", "bad-date", "%s", "@SUM(1) is not a date");
    assert_int_equal(fclose(fp), 0);
    assert_string_equal(buf, "'=evil.csv,3,2,centre,error,bad-date,'@SUM(1) is not a date\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_strings_escape_quotes_backslashes_and_controls),
        cmocka_unit_test(plain_text_is_written_as_it_is),
        cmocka_unit_test(commas_quotes_and_line_ends_are_quoted),
        cmocka_unit_test(formula_leads_get_an_apostrophe),
        cmocka_unit_test(plain_numbers_stay_numbers),
        cmocka_unit_test(unguard_undoes_only_what_the_writer_added),
        cmocka_unit_test(the_csv_diagnostics_neutralise_the_file_and_the_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
