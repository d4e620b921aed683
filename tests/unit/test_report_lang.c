/* test_report_lang.c — the result's English sentences in a Chinese document (report_lang.h):
 * read as the engine's pieces, arguments reordered as the translation says, a piece inside
 * an argument translated too, dates and long numbers the Chinese way; English unchanged;
 * a sentence that is not made of pieces comes back as written. The expected Chinese is
 * po/zh_CN.po's, written out here by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/i18n.h"
#include "jz/report_lang.h"

static char buf[4096];

static const char *zh(const char *s)
{
    jz_doc_lang_set(JZ_LANG_ZH);
    return jz_doc_text(s, buf, sizeof buf);
}

static const char *zh_audit(const char *s)
{
    jz_doc_lang_set(JZ_LANG_ZH);
    return jz_doc_audit_text(s, buf, sizeof buf);
}

/* jz-audit's messages: printf conversions of any kind (%ld, %02d), arguments numbered past
 * 9 in the translation (%10$02d), an empty argument (no mark), a plural piece inside an
 * argument; its dates stay ISO, its numbers without separators (lines of files). */
static void audit_messages_read_as_audit_pieces(void **state)
{
    (void)state;
    assert_string_equal(zh_audit("volunteer V1 is in this session from 10:00 to 12:00 on 2024-03-09 and also in "
                                 "another from 09:00 to 11:00 (a.csv:5): 60 minutes in two places"),
                        "志愿者 V1 在 2024-03-09 10:00 至 12:00 参加本节服务，同时又在 09:00 至 11:00 参加另一节"
                        "（a.csv:5）：有 60 分钟同时在两处");
    assert_string_equal(zh_audit("keyed in 40 records (records of 12 service days) on 2024-11-18 (limits: 30 "
                                 "records, 10 days); the first is a.csv:2480"),
                        "于 2024-11-18 录入 40 条服务记录（12 个服务日的记录）（上限：30 条，10 天）；第一条为 a.csv:2480");
    assert_string_equal(zh_audit("keyed in 40 records (records of 12 service days) on 2024-11-18, 1 working day "
                                 "before the notice of 2024-11-19 (limits: 30 records, 10 days); the first is "
                                 "a.csv:2480"),
                        "于 2024-11-18 录入 40 条服务记录（12 个服务日的记录），在 2024-11-19 通知前 1 个工作日"
                        "（上限：30 条，10 天）；第一条为 a.csv:2480");
    assert_string_equal(zh_audit("no --notice date given"), "没有给出 --notice 日期");
    /* a cluster's list of lines stays as written after its translated piece, however long */
    static char in[60000], want[60000], out[70000];
    size_t n = (size_t)snprintf(in, sizeof in, "cluster 3: 2000 near-identical notes: ");
    size_t m = (size_t)snprintf(want, sizeof want, "第 3 组：2000 条几乎相同的备注：");
    for (int i = 0; i < 2000; i++) {
        n += (size_t)snprintf(in + n, sizeof in - n, "%sn.csv:%d", i ? ", " : "", i + 2);
        m += (size_t)snprintf(want + m, sizeof want - m, "%sn.csv:%d", i ? ", " : "", i + 2);
    }
    jz_doc_lang_set(JZ_LANG_ZH);
    assert_string_equal(jz_doc_audit_text(in, out, sizeof out), want);
    /* a translation that does not fit is never cut: the sentence comes back as written */
    assert_ptr_equal(jz_doc_audit_text(in, out, 100), in);
    jz_doc_lang_set(JZ_LANG_EN);
    const char *s = "no --notice date given";
    assert_ptr_equal(jz_doc_audit_text(s, buf, sizeof buf), s);
}

static void english_comes_back_as_written(void **state)
{
    (void)state;
    jz_doc_lang_set(JZ_LANG_EN);
    const char *s = "trimmed mean of 3 evaluator scores = 23.00 -> 92.0 % of 25.00 = 23.00";
    assert_ptr_equal(jz_doc_text(s, buf, sizeof buf), s);
    assert_string_equal(jz_doc_date("2024-06-30", buf, sizeof buf), "2024-06-30");
    assert_string_equal(jz_doc_count(15274, buf, sizeof buf), "15274");
    assert_string_equal(jz_doc_code("hours", "short"), "short");
}

static void a_derivation_reads_as_pieces_with_arguments_reordered(void **state)
{
    (void)state;
    assert_string_equal(zh("trimmed mean of 3 evaluator scores = 23.00 -> 92.0 % of 25.00 = 23.00"),
                        "3 位评估员评分的截尾平均值 = 23.00 → 25.00 分的 92.0 % = 23.00");
    assert_string_equal(zh("40 clients of 60 clients x 123/251 = 29.4 clients due (136.0 %) -> band >= 100.0 %"),
                        "40 名服务对象，应完成 60 名服务对象 × 123/251 = 29.4 名服务对象（完成 136.0 %） → 档位 ≥ 100.0 %");
}

static void a_check_inside_a_derivation_is_translated_with_its_date(void **state)
{
    (void)state;
    assert_string_equal(zh("direct hours 9,224.5 of 11,198.4 due by 2024-06-30 (82.4 %): short by 1,973.9 h"),
                        "直接服务时数 9,224.5，截至 2024年6月30日 应完成 11,198.4（82.4 %）：差 1,973.9 小时");
}

static void long_numbers_get_separators(void **state)
{
    (void)state;
    assert_string_equal(zh("15274 attendances"), "15,274 人次");
    assert_string_equal(zh("1013.0 h"), "1,013.0 小时");
    assert_string_equal(zh("692 records"), "692 条记录");
    jz_doc_lang_set(JZ_LANG_ZH);
    assert_string_equal(jz_doc_count(1234567, buf, sizeof buf), "1,234,567");
    assert_string_equal(jz_doc_date("2024-01-05", buf, sizeof buf), "2024年1月5日");
    assert_string_equal(jz_doc_date("not a date", buf, sizeof buf), "not a date");
}

static void the_first_problem_is_named_by_its_place(void **state)
{
    (void)state;
    assert_string_equal(zh("its inputs have 6 problems, the first: samples/records/PY-SQ.csv:38:5: end '25:00' is "
                           "not a time of day: write 24-hour hh:mm; see them all with: jz-validate samples/records/PY-SQ.csv"),
                        "其输入有 6 处问题，第一处在 samples/records/PY-SQ.csv:38:5；用 jz-validate "
                        "samples/records/PY-SQ.csv 查看全部（含说明）");
}

static void a_sentence_not_made_of_pieces_is_kept(void **state)
{
    (void)state;
    const char *s = "something jz-score never writes";
    assert_ptr_equal(zh(s), s);
    assert_string_equal(jz_doc_code("hours", "short"), "未达标");
    assert_string_equal(jz_doc_code("hours", "unknown-code"), "unknown-code");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english_comes_back_as_written),
        cmocka_unit_test(a_derivation_reads_as_pieces_with_arguments_reordered),
        cmocka_unit_test(a_check_inside_a_derivation_is_translated_with_its_date),
        cmocka_unit_test(long_numbers_get_separators),
        cmocka_unit_test(audit_messages_read_as_audit_pieces),
        cmocka_unit_test(the_first_problem_is_named_by_its_place),
        cmocka_unit_test(a_sentence_not_made_of_pieces_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
