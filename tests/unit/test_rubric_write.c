/* test_rubric_write.c — the rubric writers (rubric_write.h): show as text and Markdown, diff
 * as text, Markdown and csv, and the fixture-case report, on tests/unit/data/rubric-small.yaml
 * (a: read from the file) and a copy changed in memory (b: read from a buffer):
 *   cases 60 -> 50 points, quality 40 -> 50, the pass grade 合格 from 60 to 65: 3 differences.
 * Grade edges with the total's 1 decimal: 优秀 90.0 – 100.0 (the scale), 合格 60.0 – 89.9
 * (90 - 0.1), 不合格 0.0 – 59.9. The buffer loader hashes the bytes it parsed: the file's
 * SHA-256 (sha256sum gave 960098586b...) is the rubric's, and a buffer's is its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/rubric_write.h"
#include "jz/yaml.h"
#include "jz/score_write.h"  /* jz_file_sha256 */

#include "writer_check.h"

#define SMALL "tests/unit/data/rubric-small.yaml"
#define SMALL_SHA256 "960098586befd3e5d626521811121d79a23f07c370b2c8432189cc8a4505a06b"

static jz_rubric a, b;
static char *btext;

static int setup(void **state)
{
    (void)state;
    jz_error err;
    if (jz_rubric_load(&a, SMALL, &err) != JZ_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    size_t n;
    btext = jz_yaml_read(SMALL, 0, "a rubric", &n, &err);
    if (!btext)
        return -1;
    char *p = strstr(btext, "points: 60");
    memcpy(p, "points: 50", 10);
    p = strstr(btext, "points: 40");
    memcpy(p, "points: 50", 10);
    p = strstr(btext, "min: 60");
    memcpy(p, "min: 65", 7);
    if (jz_rubric_load_buffer(&b, btext, n, "b.yaml", &err) != JZ_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jz_rubric_free(&a);
    jz_rubric_free(&b);
    free(btext);
    return 0;
}

static char *render(const jz_writer *table, const char *name, const void *doc)
{
    return render_writer(table, name, doc);
}

static void the_format_tables(void **state)
{
    (void)state;
    assert_non_null(jz_writer_find(jz_rubric_show_writers, "text"));
    assert_non_null(jz_writer_find(jz_rubric_show_writers, "md"));
    assert_null(jz_writer_find(jz_rubric_show_writers, "csv"));   /* show has no csv */
    assert_non_null(jz_writer_find(jz_rubric_diff_writers, "text"));
    assert_non_null(jz_writer_find(jz_rubric_diff_writers, "md"));
    assert_non_null(jz_writer_find(jz_rubric_diff_writers, "csv"));
    assert_null(jz_writer_find(jz_rubric_diff_writers, "json"));
}

static void hashes_are_of_the_bytes_parsed(void **state)
{
    (void)state;
    /* the file: what sha256sum says of it */
    assert_string_equal(a.sha256, SMALL_SHA256);
    assert_string_equal(a.path, SMALL);
    /* the same bytes from a buffer under another name: the same hash */
    size_t n;
    jz_error err;
    char *text = jz_yaml_read(SMALL, 0, "a rubric", &n, &err);
    assert_non_null(text);
    jz_rubric c;
    assert_int_equal(jz_rubric_load_buffer(&c, text, n, "copy.yaml", &err), JZ_OK);
    assert_string_equal(c.sha256, SMALL_SHA256);
    assert_string_equal(c.path, "copy.yaml");
    jz_rubric_free(&c);
    free(text);
    /* the changed copy: another hash (of its own bytes, not of the file it came from) */
    assert_int_equal(strlen(b.sha256), 64);
    assert_string_not_equal(b.sha256, SMALL_SHA256);
    assert_string_equal(b.path, "b.yaml");
}

static void a_buffer_that_is_no_rubric_is_refused(void **state)
{
    (void)state;
    jz_rubric r;
    jz_error err;
    static const char no_id[] = "version: \"1\"\nscale: 100\n";
    assert_int_equal(jz_rubric_load_buffer(&r, no_id, strlen(no_id), "bad.yaml", &err), JZ_EINPUT);
    assert_string_equal(err.file, "bad.yaml");
    assert_int_equal(jz_error_exit(&err), 3);
    static const char broken[] = "id: [unclosed\n";
    assert_int_equal(jz_rubric_load_buffer(&r, broken, strlen(broken), "broken.yaml", &err), JZ_EINPUT);
    assert_string_equal(err.file, "broken.yaml");
    assert_true(err.line >= 1);
    /* extends: a file missing next to the buffer's name is a read error naming it */
    static const char ext[] = "extends: no-such-base.yaml\nid: x\n";
    assert_int_equal(jz_rubric_load_buffer(&r, ext, strlen(ext), "tests/unit/data/top.yaml", &err), JZ_EREAD);
    assert_string_equal(err.file, "tests/unit/data/no-such-base.yaml");  /* resolved next to the name */
    assert_int_equal(jz_error_exit(&err), 3);
    assert_int_equal(jz_rubric_load(&r, "tests/unit/data/no-such-rubric.yaml", &err), JZ_EREAD);
    jz_rubric_free(NULL);
}

static void show_text(void **state)
{
    (void)state;
    char *s = render(jz_rubric_show_writers, "text", &a);
    assert_has(s, "t 1: 测试细则\nfile            " SMALL "\nscale           100 points\n"
                  "rounding        indicators to 2 decimals, the total to 1 decimal, half up\n"
                  "grades          优秀    90.0 – 100.0\n"
                  "                合格    60.0 – 89.9  (pass grade)\n"
                  "                不合格  0.0 – 59.9\n");
    assert_has(s, "deductions      none: findings are not deducted\nvetoes          none\n");
    assert_has(s, "    100  third_party  s  服务|质量\n"
                  "     60  third_party    cases  个案<b>\n"
                  "                          measure  records where kind=case\n"
                  "                          target   contract target_cases\n"
                  "                          scoring  bands ≥100 % 1, ≥80 % 2/3, ≥60 % 1/3, below 0\n"
                  "     40  third_party    quality  质量\n");
    /* 60 + 40 = 100 */
    assert_has(s, "    100  total        2 indicators\n");
    free(s);
    /* b: 50 + 50 = 100, the pass edge 65.0 */
    s = render(jz_rubric_show_writers, "text", &b);
    assert_has(s, "                合格    65.0 – 89.9  (pass grade)\n                不合格  0.0 – 64.9\n");
    assert_has(s, "     50  third_party    cases  个案<b>\n");
    free(s);
}

static void show_markdown_escapes_cells(void **state)
{
    (void)state;
    char *s = render(jz_rubric_show_writers, "md", &a);
    assert_has(s, "# t 1: 测试细则\n");
    assert_has(s, "| 合格 | 60.0 – 89.9 | pass grade |\n");
    assert_has(s, "2 indicators, 100 points.\n");
    /* '|' escaped in a cell, '<' as an entity */
    assert_has(s, "| 1 | **服务\\|质量** (`s`) | **100** | third_party |  |  |  |\n");
    assert_has(s, "| 1.1 | 个案&lt;b> (`cases`) | 60 | third_party | records where kind=case | contract target_cases |");
    assert_null(strstr(s, "个案<b>"));
    free(s);
}

static void diff_in_every_format(void **state)
{
    (void)state;
    jz_rubric_diff d;
    jz_rubric_diff_make(&a, &b, &d);
    assert_int_equal(d.n, 3);
    jz_rubric_diff_doc doc = {&a, &b, &d};
    char *s = render(jz_rubric_diff_writers, "text", &doc);
    assert_string_equal(s, "--- " SMALL "  t 1\n+++ b.yaml  t 1\n"
                           "grades    (rubric)\n"
                           "    - 优秀 ≥ 90, 合格 ≥ 60 (pass), 不合格 ≥ 0\n"
                           "    + 优秀 ≥ 90, 合格 ≥ 65 (pass), 不合格 ≥ 0\n"
                           "points    cases     60 -> 50\n"
                           "points    quality   40 -> 50\n"
                           "3 differences\n");
    free(s);
    s = render(jz_rubric_diff_writers, "md", &doc);
    assert_has(s, "Differences from `" SMALL "` (t 1) to `b.yaml` (t 1): 3.\n");
    assert_has(s, "| points | cases | 60 | 50 |\n| points | quality | 40 | 50 |\n");
    free(s);
    s = render(jz_rubric_diff_writers, "csv", &doc);
    assert_string_equal(s, "kind,subject,before,after\n"
                           "grades,,\"优秀 ≥ 90, 合格 ≥ 60 (pass), 不合格 ≥ 0\",\"优秀 ≥ 90, 合格 ≥ 65 (pass), 不合格 ≥ 0\"\n"
                           "points,cases,60,50\n"
                           "points,quality,40,50\n");
    free(s);
    jz_rubric_diff_free(&d);
    /* a rubric against itself: nothing */
    jz_rubric_diff_make(&a, &a, &d);
    assert_int_equal(d.n, 0);
    jz_rubric_diff_doc same = {&a, &a, &d};
    s = render(jz_rubric_diff_writers, "csv", &same);
    assert_string_equal(s, "kind,subject,before,after\n");
    free(s);
    jz_rubric_diff_free(&d);
    jz_rubric_diff_free(NULL);
}

static void fixture_report(void **state)
{
    (void)state;
    jz_rubric_test_mismatch m[2] = {{"cases", "40.00", "30.00", "7 of 10 = 70.0 % -> 1/3 of 60.00 = 20.00"},
                                    {"grade", "合格", "不合格", ""}};
    jz_rubric_test_case cases[3] = {
        {"tests/t/pass-1", 0, "", 1, NULL, 0},
        {"tests/t/fail-2", 1, "", 2, m, 2},
        {"tests/t/bad-3", 3, "expected.yaml: no 'total'", 0, NULL, 0},
    };
    jz_rubric_test_report rep = {cases, 3, 1, 1, 1, 3};
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    jz_rubric_test_write(fp, &rep);
    assert_int_equal(fclose(fp), 0);
    assert_string_equal(buf, "PASS    tests/t/pass-1: 1 value compared, 0 differ\n"
                             "FAIL    tests/t/fail-2: 2 values compared, 2 differ\n"
                             "        cases: expected 40.00, got 30.00\n"
                             "          7 of 10 = 70.0 % -> 1/3 of 60.00 = 20.00\n"
                             "        grade: expected 合格, got 不合格\n"
                             "INVALID tests/t/bad-3: expected.yaml: no 'total'\n"
                             "3 cases: 1 passed, 1 failed, 1 invalid\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_format_tables),
        cmocka_unit_test(hashes_are_of_the_bytes_parsed),
        cmocka_unit_test(a_buffer_that_is_no_rubric_is_refused),
        cmocka_unit_test(show_text),
        cmocka_unit_test(show_markdown_escapes_cells),
        cmocka_unit_test(diff_in_every_format),
        cmocka_unit_test(fixture_report),
    };
    return cmocka_run_group_tests_name("rubric_write", tests, setup, teardown);
}
