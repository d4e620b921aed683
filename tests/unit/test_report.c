/* test_report.c — the report writers (report.h) through the table jz_report_writers, on
 * tests/unit/data/result-three.json (three centres, a result written by hand):
 *   HZ-BB 590.0 不合格, hours short; HZ-AA 850.5 良好, hours ok; HZ-CC not scored (no
 *   records), its street "=1+1" (a formula to a spreadsheet) and operator "<b>机构&丙</b>"
 *   (markup to a browser).
 * Worked out by hand: rank by total, highest first: 1 HZ-AA (850.5 > 590.0), 2 HZ-BB,
 * then HZ-CC with no place; grades 优秀 0, 良好 1, 合格 0, 不合格 1, not scored 1; below the
 * pass grade 合格: 1 (HZ-BB; the not scored one is not counted); failing an hours check: 1.
 * Each format keeps the input order for the centres' own parts (HZ-BB first). Checked:
 * text and md lines, every csv row exactly, html rows and escaping, the roll-up numbers
 * directly, refused results (missing file: read error, exit 3; bad schema: input error),
 * the workbook refused with a write error (exit 4) for a directory that does not exist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/report.h"

#include "writer_check.h"

#define DATA "tests/unit/data/"

static jz_results res;
static jz_report_opts opts;

static int setup(void **state)
{
    (void)state;
    memset(&res, 0, sizeof res);
    memset(&opts, 0, sizeof opts);
    jz_error err;
    if (jz_results_load(&res, DATA "result-three.json", &err) != JZ_OK) {
        fprintf(stderr, "%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jz_results_free(&res);
    return 0;
}

static char *render(const char *name)
{
    jz_report_doc doc = {&res, &opts};
    return render_writer(jz_report_writers, name, &doc);
}

/* needle a comes before needle b in hay (both present). */
static void assert_before(const char *hay, const char *a, const char *b)
{
    const char *x = strstr(hay, a), *y = strstr(hay, b);
    if (!x || !y || x >= y)
        fail_msg("'%s' is not before '%s'", a, b);
}

static void the_table_has_every_format_once(void **state)
{
    (void)state;
    static const char *const text_like[] = {"text", "md", "html", "csv"};
    for (size_t i = 0; i < 4; i++) {
        const jz_writer *w = jz_writer_find(jz_report_writers, text_like[i]);
        assert_non_null(w);
        assert_non_null(w->write_to_file);
        assert_null(w->write_to_path);
    }
    const jz_writer *x = jz_writer_find(jz_report_writers, "xlsx");
    assert_non_null(x);
    assert_null(x->write_to_file);
    assert_non_null(x->write_to_path);
    assert_null(jz_writer_find(jz_report_writers, "pdf"));
    size_t n = 0;
    while (jz_report_writers[n].name)
        n++;
    assert_int_equal(n, 5);
}

static void the_rollup_numbers(void **state)
{
    (void)state;
    jz_rollup ru;
    jz_rollup_make(&res, &ru);
    assert_int_equal(ru.n, 3);
    assert_int_equal(ru.ranked, 2);
    /* centres in the file: 0 HZ-BB, 1 HZ-AA, 2 HZ-CC */
    assert_string_equal(res.centres[ru.rank[0]].centre, "HZ-AA");
    assert_string_equal(res.centres[ru.rank[1]].centre, "HZ-BB");
    assert_string_equal(res.centres[ru.rank[2]].centre, "HZ-CC");
    assert_int_equal(ru.ngrades, 5);  /* 4 grades + "no grade" */
    assert_int_equal(ru.grade_count[0], 0);
    assert_int_equal(ru.grade_count[1], 1);
    assert_int_equal(ru.grade_count[2], 0);
    assert_int_equal(ru.grade_count[3], 1);
    assert_int_equal(ru.grade_count[4], 0);
    assert_int_equal(ru.not_scored, 1);
    assert_int_equal(ru.below_pass, 1);
    assert_int_equal(ru.hours_failing, 1);
    assert_int_equal(jz_rcentre_rank_class(&res.centres[0]), 0);
    assert_int_equal(jz_rcentre_rank_class(&res.centres[2]), 2);
    jz_rollup_free(&ru);
    jz_rollup_free(&ru);    /* freed twice: the first left it empty */
    jz_rollup_free(NULL);   /* no-op */
}

static void text_rollup_and_centres(void **state)
{
    (void)state;
    char *s = render("text");
    assert_has(s, "District roll-up: 3 centres, rubric demo 2024.1\n"
                  "  grades: 优秀 0 良好 1 合格 0 不合格 1 not scored 1\n"
                  "  below 合格: 1; failing an hours check: 1\n");
    /* padded by display width: 南洲街 is 6 columns + 8 spaces = 14 */
    assert_has(s, "  1    HZ-AA      南洲街            850.5  良好     ok     \n");
    assert_has(s, "  2    HZ-BB      江南中街          590.0  不合格   short  \n");
    assert_has(s, "  -    HZ-CC      =1+1                  -  not scored n/a    \n");
    assert_has(s, "centre HZ-BB  海珠区 江南中街  机构乙\n  contract K-BB, as of 2024-06-30 (--as-of), 120 records\n"
                  "  TOTAL 590.0 of 1000  不合格\n");
    assert_has(s, "    short service_hours      9,000.0 h of 10,000.0 h\n");
    assert_has(s, "  TOTAL 850.5 of 1000  良好\n");
    assert_has(s, "  NOT SCORED (no total, no grade, no payment): no records of the centre in the run\n");
    assert_has(s, "    cases                       n/a / 1000.00  n/a: no records\n");
    assert_before(s, "centre HZ-BB", "centre HZ-AA");
    assert_before(s, "centre HZ-AA", "centre HZ-CC");
    assert_null(strstr(s, "\033["));  /* no colours unless asked */
    free(s);
    opts.color = true;
    s = render("text");
    /* nobody has the best grade (优秀): 良好 amber, 不合格 (below the pass grade) red, no grade dim */
    assert_null(strstr(s, "\033[32m"));
    assert_has(s, "850.5  \033[33m良好    \033[0m ok");
    assert_has(s, "590.0  \033[31m不合格  \033[0m short");
    assert_has(s, "\033[2mnot scored\033[0m n/a");
    free(s);
    opts.color = false;
}

static void markdown_tables(void **state)
{
    (void)state;
    char *s = render("md");
    assert_has(s, "# District roll-up\n\n3 centres, rubric demo 2024.1. "
                  "Below 合格: 1. Failing an hours check: 1.\n");
    assert_has(s, "| 良好 | 1 |\n| 合格 | 0 |\n| 不合格 | 1 |\n");
    assert_has(s, "| 1 | HZ-AA | 海珠区 | 南洲街 | 850.5 | 良好 | ok |  |\n"
                  "| 2 | HZ-BB | 海珠区 | 江南中街 | 590.0 | 不合格 | short |  |\n");
    assert_has(s, "# HZ-BB 江南中街\n\n**不合格** — total **590.0** of 1000.  \n");
    assert_has(s, "| cases | 85.05 cases | 850.50 | 1000.00 | partial | 85.05 of 100, = 85.1 % |\n");
    /* 600000 min = 10,000.0 h required, 540000 min = 9,000.0 h delivered */
    assert_has(s, "| service_hours | 10,000.0 | 9,000.0 | short | 9,000.0 h of 10,000.0 h |\n");
    free(s);
}

static void csv_rows_exactly(void **state)
{
    (void)state;
    char *s = render("csv");
    assert_string_equal(s,
        "contract,centre,district,street,section,indicator,party,value,target,ratio,earned,possible,status,"
        "total,grade,derivation\n"
        "K-BB,HZ-BB,海珠区,江南中街,pro,cases,third_party,59.0000,100.0000,0.5900,590.00,1000.00,partial,590.0,不合格,"
        "59 of 100 = 59.0 %\n"
        "K-AA,HZ-AA,海珠区,南洲街,pro,cases,third_party,85.0500,100.0000,0.8505,850.50,1000.00,partial,850.5,良好,"
        "\"85.05 of 100, = 85.1 %\"\n"
        "K-CC,HZ-CC,海珠区,'=1+1,pro,cases,third_party,,100.0000,,,1000.00,n/a,,not scored,n/a: no records\n");
    free(s);
    opts.bom = true;
    s = render("csv");
    assert_memory_equal(s, "\xEF\xBB\xBF" "contract,", 12);
    free(s);
    opts.bom = false;
}

static void html_rows_and_escaping(void **state)
{
    (void)state;
    char *s = render("html");
    assert_int_equal(strncmp(s, "<!DOCTYPE html>", 15), 0);
    assert_has(s, "<td class=\"n\">1</td><td class=\"c\">HZ-AA</td><td class=\"c\">海珠区 南洲街</td>"
                  "<td class=\"n\">850.5</td>");
    assert_has(s, "<td class=\"n\">2</td><td class=\"c\">HZ-BB</td><td class=\"c\">海珠区 江南中街</td>"
                  "<td class=\"n\">590.0</td>");
    assert_before(s, "<td class=\"c\">HZ-AA</td>", "<td class=\"c\">HZ-BB</td>");
    assert_has(s, "&lt;b&gt;机构&amp;丙&lt;/b&gt;");
    assert_null(strstr(s, "<b>机构"));
    assert_int_equal(strcmp(s + strlen(s) - 8, "</html>\n"), 0);
    free(s);
}

static void the_same_results_give_the_same_bytes(void **state)
{
    (void)state;
    static const char *const names[] = {"text", "md", "html", "csv"};
    for (size_t i = 0; i < 4; i++) {
        char *a = render(names[i]), *b = render(names[i]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
}

static void bad_results_are_refused(void **state)
{
    (void)state;
    jz_results r;
    memset(&r, 0, sizeof r);
    jz_error err;
    assert_int_equal(jz_results_load(&r, DATA "no-such-result.json", &err), JZ_EREAD);
    assert_int_equal(jz_error_exit(&err), 3);
    assert_string_equal(err.file, DATA "no-such-result.json");
    jz_results_free(&r);
    static const char other[] = "{\"schema\":\"jiazong-other/1\",\"centres\":[]}";
    memset(&r, 0, sizeof r);
    assert_int_equal(jz_results_load_buffer(&r, other, strlen(other), "x.json", &err), JZ_EINPUT);
    assert_int_equal(jz_error_exit(&err), 3);
    assert_string_equal(err.file, "x.json");
    jz_results_free(&r);
    static const char cut[] = "{\"schema\":\"jiazong-score/3\",\"centres\":[";
    memset(&r, 0, sizeof r);
    assert_int_equal(jz_results_load_buffer(&r, cut, strlen(cut), "cut.json", &err), JZ_EINPUT);
    jz_results_free(&r);
    jz_results_free(NULL);
}

static void a_workbook_that_cannot_be_written_is_a_write_error(void **state)
{
    (void)state;
    const jz_writer *x = jz_writer_find(jz_report_writers, "xlsx");
    jz_report_doc doc = {&res, &opts};
    jz_error err;
    jz_error_clear(&err);
    jz_code code = x->write_to_path(DATA "no-such-dir/report.xlsx", &doc, &err);
    assert_int_equal(code, JZ_EWRITE);
    assert_int_equal(err.code, JZ_EWRITE);
    assert_int_equal(jz_error_exit(&err), 4);
    assert_string_equal(err.file, DATA "no-such-dir/report.xlsx");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_table_has_every_format_once),
        cmocka_unit_test(the_rollup_numbers),
        cmocka_unit_test(text_rollup_and_centres),
        cmocka_unit_test(markdown_tables),
        cmocka_unit_test(csv_rows_exactly),
        cmocka_unit_test(html_rows_and_escaping),
        cmocka_unit_test(the_same_results_give_the_same_bytes),
        cmocka_unit_test(bad_results_are_refused),
        cmocka_unit_test(a_workbook_that_cannot_be_written_is_a_write_error),
    };
    return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
