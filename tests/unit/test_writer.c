/* test_writer.c — the one writer shape (writer.h): every table of formats ends with a NULL
 * row, holds each name once and gives each row exactly one way to write; jz_writer_find
 * finds a row by its exact name and nothing else. And the text tables (text_table.h):
 * columns padded to display width, right alignment, trailing blanks, escaped controls;
 * the expected lines counted by hand. A workbook that cannot be written is a write error
 * (exit 4), never a read error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/audit_write.h"
#include "jz/calendar_write.h"
#include "jz/diff_write.h"
#include "jz/hours_write.h"
#include "jz/report.h"
#include "jz/rubric_write.h"
#include "jz/sample_write.h"
#include "jz/score_write.h"
#include "jz/text_table.h"
#include "jz/validate_write.h"
#include "jz/verify_write.h"

static const struct {
    const char *what;
    const jz_writer *table;
    const char *names;      /* the rows, in order, space-separated */
} tables[] = {
    {"report", jz_report_writers, "text md html xlsx csv"},
    {"score", jz_score_writers, "text csv json"},
    {"score diff", jz_diff_writers, "text md csv json"},
    {"hours", jz_hours_writers, "text csv json"},
    {"audit", jz_audit_writers, "text csv json"},
    {"verify", jz_verify_writers, "text csv json"},
    {"verify plan", jz_verify_plan_writers, "text csv json"},
    {"sample units", jz_sample_units_writers, "text csv json"},
    {"sample visits", jz_sample_visits_writers, "text csv json"},
    {"days add", jz_days_add_writers, "text json csv"},
    {"days count", jz_days_count_writers, "text json csv"},
    {"days is", jz_days_is_writers, "text json csv"},
    {"days schedule", jz_days_schedule_writers, "text json csv"},
    {"rubric show", jz_rubric_show_writers, "text md"},
    {"rubric diff", jz_rubric_diff_writers, "text md csv"},
    {"validate summary", jz_validate_summary_writers, "text csv json"},
};

static void every_table_lists_its_formats_in_order_each_with_one_way_to_write(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        char names[128] = "";
        for (const jz_writer *w = tables[t].table; w->name; w++) {
            assert_true((w->write_to_file != NULL) != (w->write_to_path != NULL));
            assert_ptr_equal(jz_writer_find(tables[t].table, w->name), w);  /* so each name once */
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", names[0] ? " " : "", w->name);
        }
        assert_string_equal(names, tables[t].names);
    }
}

static void only_the_workbook_is_written_to_a_path(void **state)
{
    (void)state;
    assert_non_null(jz_writer_find(jz_report_writers, "xlsx")->write_to_path);
    assert_null(jz_writer_find(jz_report_writers, "xlsx")->write_to_file);
    assert_ptr_equal(jz_writer_find(jz_report_writers, "md")->write_to_file, jz_report_md);
}

static void a_name_is_found_only_exactly(void **state)
{
    (void)state;
    assert_null(jz_writer_find(jz_report_writers, "xml"));
    assert_null(jz_writer_find(jz_report_writers, "TEXT"));
    assert_null(jz_writer_find(jz_report_writers, "tex"));
    assert_null(jz_writer_find(jz_report_writers, "text "));
    assert_null(jz_writer_find(jz_report_writers, ""));
    assert_null(jz_writer_find(jz_report_writers, NULL));
    assert_null(jz_writer_find(jz_rubric_show_writers, "csv"));   /* show has no csv */
}

/* Print t into a string (malloc'd). */
static char *printed(jz_ttable *t)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    assert_non_null(fp);
    jz_ttable_print(fp, t);
    assert_int_equal(fclose(fp), 0);
    assert_null(t->cells);
    return buf;
}

static void columns_are_padded_to_display_width(void **state)
{
    (void)state;
    static const char *const head[] = {"centre", "n", "note"};
    jz_ttable t = {3, 0, head, "lrl", 0, NULL};
    char *r1[] = {jz_ttable_cell("%s", "瑞宝"), jz_ttable_cell("%d", 12), jz_ttable_cell("%s", "a")};
    char *r2[] = {jz_ttable_cell("%s", "HZ-RF-01"), jz_ttable_cell("%d", 7), jz_ttable_cell("%s", "")};
    jz_ttable_row(&t, r1);
    jz_ttable_row(&t, r2);
    char *s = printed(&t);
    /* widths 8, 2, 4: "瑞宝" takes four columns, so four spaces after it; the last column is
     * not padded, and an empty last cell leaves the separator (no JZ_TT_TRIM) */
    assert_string_equal(s, "centre     n  note\n"
                           "瑞宝      12  a\n"
                           "HZ-RF-01   7  \n");
    free(s);
}

static void trim_drops_trailing_blank_cells_and_shown_escapes_controls(void **state)
{
    (void)state;
    static const char *const head[] = {"id", "a", "b"};
    jz_ttable t = {3, 0, head, "lll", JZ_TT_TRIM | JZ_TT_SHOWN, NULL};
    char *r1[] = {jz_ttable_cell("x"), jz_ttable_cell("%s", ""), jz_ttable_cell("%s", "")};
    char *r2[] = {jz_ttable_cell("y\tz"), jz_ttable_cell("1"), jz_ttable_cell("%s", "")};
    jz_ttable_row(&t, r1);
    jz_ttable_row(&t, r2);
    char *s = printed(&t);
    /* "y\tz" is shown as y\x09z (six columns); x's two blanks and y's last are left out */
    assert_string_equal(s, "id      a  b\n"
                           "x\n"
                           "y\\x09z  1\n");
    free(s);
}

static void a_workbook_that_cannot_be_created_is_a_write_error_exit_4(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/jz-test-writer.XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/no-such-folder/x.xlsx", dir);  /* fopen fails: ENOENT */
    jz_results res;
    memset(&res, 0, sizeof res);
    jz_report_opts ro;
    memset(&ro, 0, sizeof ro);
    jz_report_doc doc = {&res, &ro};
    jz_error err;
    assert_int_equal(jz_writer_find(jz_report_writers, "xlsx")->write_to_path(path, &doc, &err), JZ_EWRITE);
    assert_int_equal(err.code, JZ_EWRITE);
    assert_int_equal(jz_error_exit(&err), JZ_EXIT_SYSTEM);
    assert_non_null(strstr(err.msg, "cannot write the workbook"));
    assert_int_equal(rmdir(dir), 0);  /* nothing was created */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_table_lists_its_formats_in_order_each_with_one_way_to_write),
        cmocka_unit_test(only_the_workbook_is_written_to_a_path),
        cmocka_unit_test(a_name_is_found_only_exactly),
        cmocka_unit_test(columns_are_padded_to_display_width),
        cmocka_unit_test(trim_drops_trailing_blank_cells_and_shown_escapes_controls),
        cmocka_unit_test(a_workbook_that_cannot_be_created_is_a_write_error_exit_4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
