/* test_score_write.c — the scored-result writers (score_write.h) on a result built by hand
 * (no scoring run: the writers only format what the engine decided). The rubric is loaded
 * from memory; two contracts:
 *   K1 (C1) scored: cases 48 of target 60 = 80 % -> band 2/3 of 60 points = 40.00;
 *     quality entered by e1 30 and e2 34 (e3's 50 dropped as an outlier): mean
 *     (30 + 34) / 2 = 32.00 of 40, spread 34 - 30 = 4.00;
 *     earned 40 + 32 = 72.00 of 100 applicable (coverage 1), deduction D1 1.50:
 *     72 - 1.5 = 70.5, then veto v1 caps the total at 60.0: total 60.0, exactly 60/1;
 *     grade 合格 (60 <= 60.0 < 80); one hours check service_hours 540 of 600 min,
 *     540 / 600 = 0.9000, short.
 *   K2 (C2) not scored (no records): total and grade null, every indicator n/a.
 * Checked: json fields and numbers (fixed decimals: indicator 2, total 1, ratios 4), csv
 * rows with the total row, text lines, the format table, jz_file_sha256 on known bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/fp.h"
#include "jz/rubric.h"
#include "jz/rules.h"
#include "jz/score_write.h"

#include "writer_check.h"

#define DATA "tests/unit/data/"

static const char rubric_text[] =
    "id: t\nversion: \"1\"\ntitle: 测试细则\nscale: 100\n"
    "rounding: {indicator: 2, total: 1, mode: half_up}\n"
    "grades:\n  - {grade: 优秀, min: 90}\n  - {grade: 良好, min: 80}\n"
    "  - {grade: 合格, min: 60}\n  - {grade: 不合格, min: 0}\npass_grade: 合格\n"
    "not_applicable: {policy: reweight, min_coverage: 0}\n"
    "sections:\n  - id: s\n    title: 服务\n    points: 100\n    party: third_party\n    indicators:\n"
    "      - id: cases\n        title: 个案\n        points: 60\n"
    "        measure: {count: records, where: {kind: case}}\n"
    "        target: {contract: target_cases}\n"
    "        score: {method: bands, bands: [[100%, 1], [80%, 2/3], [60%, 1/3]], below: 0}\n"
    "      - id: quality\n        title: 质量\n        points: 40\n"
    "        measure: {entered: true}\n        score: direct\n";

static jz_rubric rb;
static jz_rules rules;
static jz_contract k1, k2;
static jz_evaluator_score scores[3];
static jz_ind_result ind1[2], ind2[2];
static jz_sec_result sec1[2], sec2[2];
static jz_applied applied1[2];
static jz_cap_fact caps1[1];
static jz_check checks1[1];
static jz_hours_result hours1;
static jz_centre_result c1, c2;
static const jz_centre_result *results[2];
static jz_input_file inputs[2];
static jz_score_report rep;

static int setup(void **state)
{
    (void)state;
    jz_error err;
    if (jz_rubric_load_buffer(&rb, rubric_text, strlen(rubric_text), "rubric.yaml", &err) != JZ_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    memset(&rules, 0, sizeof rules);
    rules.id = "gz";
    rules.version = "2024";

    k1 = (jz_contract){.id = "K1", .centre = "C1", .district = "海珠区", .street = "南洲街",
                       .operator_ = "机构甲", .start = jz_days_from_civil(2024, 1, 1),
                       .end = jz_days_from_civil(2024, 12, 31)};
    k2 = (jz_contract){.id = "K2", .centre = "C2", .district = "", .street = "", .operator_ = "",
                       .start = jz_days_from_civil(2024, 1, 1), .end = jz_days_from_civil(2024, 12, 31)};
    const jz_indicator *cases = jz_rubric_find(&rb, "cases");
    const jz_indicator *quality = jz_rubric_find(&rb, "quality");
    if (!cases || !quality)
        return -1;

    ind1[0] = (jz_ind_result){.ind = cases, .section = "s", .value = 48 * JZ_FP, .target = 60 * JZ_FP,
                              .ratio = 8000, .earned = 40 * JZ_FP, .possible = 60 * JZ_FP,
                              .status = JZ_IS_PARTIAL};
    snprintf(ind1[0].value_text, sizeof ind1[0].value_text, "48 cases");
    snprintf(ind1[0].derivation, sizeof ind1[0].derivation, "48 of 60, 80 %% -> 2/3 of 60.00 = 40.00");
    snprintf(ind1[0].fraction, sizeof ind1[0].fraction, "2/3");
    scores[0] = (jz_evaluator_score){"e1", 30 * JZ_FP, "好", false};
    scores[1] = (jz_evaluator_score){"e2", 34 * JZ_FP, "", false};
    scores[2] = (jz_evaluator_score){"e3", 50 * JZ_FP, "", true};
    ind1[1] = (jz_ind_result){.ind = quality, .section = "s", .value = 32 * JZ_FP, .target = JZ_NONE,
                              .ratio = JZ_NONE, .earned = 32 * JZ_FP, .possible = 40 * JZ_FP,
                              .status = JZ_IS_PARTIAL, .scores = scores, .nscores = 3,
                              .disagreement = false, .spread = 4 * JZ_FP};
    snprintf(ind1[1].value_text, sizeof ind1[1].value_text, "32.00 points");
    snprintf(ind1[1].derivation, sizeof ind1[1].derivation, "mean of 2 evaluators");
    sec1[0] = (jz_sec_result){&rb.root, 72 * JZ_FP, 100 * JZ_FP};
    sec1[1] = (jz_sec_result){&rb.root.subs[0], 72 * JZ_FP, 100 * JZ_FP};
    applied1[0] = (jz_applied){"deduction", "D1", "F1", "D1: 1.50 points (findings.csv:2)", 15000};
    applied1[1] = (jz_applied){"veto", "v1", "虚报", "finding F9 (findings.csv:3)", 60 * JZ_FP};
    caps1[0] = (jz_cap_fact){"veto", "v1", 60 * JZ_FP, 705000, 60 * JZ_FP};
    checks1[0] = (jz_check){"service_hours", JZ_UNIT_MINUTES, 600, 540, 9000, JZ_ST_SHORT, "540 of 600 min"};
    hours1.checks = checks1;
    hours1.n = 1;
    c1 = (jz_centre_result){.contract = &k1, .as_of = jz_days_from_civil(2024, 6, 30), .as_of_reason = "--as-of",
                            .ind = ind1, .nind = 2, .sec = sec1, .nsec = 2, .earned = 72 * JZ_FP,
                            .applicable = 100 * JZ_FP, .coverage = JZ_FP, .reweighted = 72 * JZ_FP,
                            .deductions = 15000, .total = 60 * JZ_FP, .scored = true, .grade = "合格",
                            .applied = applied1, .napplied = 2, .records = 52, .hours = &hours1};
    c1.facts = (jz_result_facts){.scale = 100 * JZ_FP, .total_num = 60, .total_den = 1,
                                 .grade_of_total = "合格", .caps = caps1, .ncaps = 1};

    for (int i = 0; i < 2; i++) {
        ind2[i] = (jz_ind_result){.ind = i ? quality : cases, .section = "s", .value = JZ_NONE, .target = JZ_NONE,
                                  .ratio = JZ_NONE, .earned = 0, .possible = (i ? 40 : 60) * JZ_FP,
                                  .status = JZ_IS_NA};
        snprintf(ind2[i].derivation, sizeof ind2[i].derivation, "n/a: not scored");
    }
    sec2[0] = (jz_sec_result){&rb.root, 0, 0};
    sec2[1] = (jz_sec_result){&rb.root.subs[0], 0, 0};
    c2 = (jz_centre_result){.contract = &k2, .as_of = jz_days_from_civil(2024, 12, 31),
                            .as_of_reason = "contract end; no records", .ind = ind2, .nind = 2, .sec = sec2,
                            .nsec = 2, .earned = 0, .applicable = 0, .coverage = 0, .reweighted = JZ_NONE,
                            .deductions = 0, .total = JZ_NONE, .scored = false, .grade = NULL};
    snprintf(c2.grade_note, sizeof c2.grade_note, "no records of the centre in the run");
    results[0] = &c1;
    results[1] = &c2;
    inputs[0] = (jz_input_file){.path = "records.csv", .role = "records"};
    snprintf(inputs[0].sha256, sizeof inputs[0].sha256, "%s",
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    inputs[1] = (jz_input_file){.path = "-", .role = "scores"};  /* standard input: no hash */
    rep = (jz_score_report){.rubric = &rb, .rules = &rules, .results = results, .n = 2,
                            .inputs = inputs, .ninputs = 2};
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jz_rubric_free(&rb);
    return 0;
}

/* The writer `name` on rep into a malloc'd string. */
static char *render(const char *name, const jz_score_report *r)
{
    return render_writer(jz_score_writers, name, r);
}

static void the_format_table(void **state)
{
    (void)state;
    assert_non_null(jz_writer_find(jz_score_writers, "text"));
    assert_non_null(jz_writer_find(jz_score_writers, "csv"));
    assert_non_null(jz_writer_find(jz_score_writers, "json"));
    assert_null(jz_writer_find(jz_score_writers, "xlsx"));  /* jz-report's, not jz-score's */
    assert_null(jz_writer_find(jz_score_writers, "JSON"));
    assert_null(jz_writer_find(jz_score_writers, NULL));
}

static void json_header_and_inputs(void **state)
{
    (void)state;
    char *s = render("json", &rep);
    assert_int_equal(strncmp(s, "{\"schema\":\"jiazong-score/3\",\"tool\":\"jz-score " JZ_VERSION "\",\"rubric\":{\"id\":\"t\","
                                "\"title\":\"测试细则\",\"lang\":null,\"issued_by\":null,\"document\":null,\"status\":null,"
                                "\"version\":\"1\",\"sha256\":\"", 177), 0);
    /* grade edges with the total's 1 decimal, the scale with none */
    assert_has(s, ",\"scale\":100,\"grades\":[{\"grade\":\"优秀\",\"min\":90.0},{\"grade\":\"良好\",\"min\":80.0},"
                  "{\"grade\":\"合格\",\"min\":60.0},{\"grade\":\"不合格\",\"min\":0.0}],\"pass_grade\":\"合格\"},"
                  "\"rules\":{\"id\":\"gz\",\"version\":\"2024\"},\"inputs\":[{\"file\":\"records.csv\",\"role\":\"records\","
                  "\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"},"
                  "{\"file\":\"-\",\"role\":\"scores\",\"sha256\":null}],\"warnings\":[],");
    /* the rubric's hash is of the bytes parsed: 64 hex digits */
    assert_int_equal(strlen(rb.sha256), 64);
    assert_has(s, rb.sha256);
    assert_int_equal(s[strlen(s) - 1], '\n');
    assert_int_equal(strcmp(s + strlen(s) - 3, "]}\n"), 0);
    free(s);
}

static void json_scored_centre(void **state)
{
    (void)state;
    char *s = render("json", &rep);
    assert_has(s, "{\"contract\":\"K1\",\"centre\":\"C1\",\"district\":\"海珠区\",\"street\":\"南洲街\","
                  "\"operator\":\"机构甲\",\"start\":\"2024-01-01\",\"end\":\"2024-12-31\",\"as_of\":\"2024-06-30\","
                  "\"as_of_reason\":\"--as-of\",\"records\":52,\"scored\":true,\"total\":60.0,\"ungraded_total\":null,\"grade\":\"合格\","
                  "\"grade_note\":\"\",\"earned\":72.00,\"applicable\":100.00,\"coverage\":1.0000,"
                  "\"reweighted\":72.0000,\"deductions\":1.50,\"sections\":[{\"id\":\"s\",\"title\":\"服务\","
                  "\"party\":\"third_party\",\"depth\":1,\"earned\":72.00,\"possible\":100.00,\"points\":100.00}]");
    assert_has(s, "{\"id\":\"cases\",\"title\":\"个案\",\"section\":\"s\",\"party\":\"third_party\","
                  "\"measure\":\"count\",\"method\":\"bands\",\"value\":48.0000,\"value_text\":\"48 cases\","
                  "\"unit\":\"records\",\"target\":60.0000,\"ratio\":0.8000,\"earned\":40.00,\"possible\":60.00,\"status\":\"partial\","
                  "\"derivation\":\"48 of 60, 80 % -> 2/3 of 60.00 = 40.00\"}");
    assert_has(s, "\"method\":\"direct\",\"value\":32.0000,\"value_text\":\"32.00 points\",\"unit\":\"points\",\"target\":null,"
                  "\"ratio\":null,\"earned\":32.00,\"possible\":40.00,\"status\":\"partial\","
                  "\"derivation\":\"mean of 2 evaluators\",\"scores\":[{\"evaluator\":\"e1\",\"score\":30.00,"
                  "\"comment\":\"好\"},{\"evaluator\":\"e2\",\"score\":34.00,\"comment\":\"\"},"
                  "{\"evaluator\":\"e3\",\"score\":50.00,\"comment\":\"\",\"dropped\":true}],"
                  "\"disagreement\":false,\"spread\":4.00}");
    /* minutes as integers, the ratio 540 / 600 = 0.9 with 4 decimals */
    assert_has(s, "\"hours\":[{\"check\":\"service_hours\",\"required\":600,\"delivered\":540,\"unit\":\"minutes\","
                  "\"ratio\":0.9000,\"status\":\"short\",\"detail\":\"540 of 600 min\"}]");
    assert_has(s, "\"applied\":[{\"what\":\"deduction\",\"id\":\"D1\",\"title\":\"F1\",\"points\":1.50,"
                  "\"detail\":\"D1: 1.50 points (findings.csv:2)\"},{\"what\":\"veto\",\"id\":\"v1\",\"title\":\"虚报\","
                  "\"points\":60.00,\"detail\":\"finding F9 (findings.csv:3)\"}]");
    /* facts: 72 - 1.5 = 70.5 capped to 60.0 by v1; exact total 60 */
    assert_has(s, ",\"facts\":{\"reweighted\":false,\"reweighted_from\":[],\"na_points\":null,\"scale\":100,"
                  "\"total_exact\":\"60\",\"band_total\":60.0,\"grade_of_total\":\"合格\",\"caps\":[{\"what\":\"veto\","
                  "\"id\":\"v1\",\"title\":\"虚报\",\"cap\":60.0,\"before\":70.5,\"after\":60.0,\"lowered\":true}],"
                  "\"capped_by\":{\"id\":\"v1\",\"title\":\"虚报\",\"cap\":60.0},\"grade_rules\":[],"
                  "\"grade_forced_by\":null}}");
    free(s);
}

static void json_centre_not_scored(void **state)
{
    (void)state;
    char *s = render("json", &rep);
    assert_has(s, "{\"contract\":\"K2\",\"centre\":\"C2\",\"district\":\"\",\"street\":\"\",\"operator\":\"\","
                  "\"start\":\"2024-01-01\",\"end\":\"2024-12-31\",\"as_of\":\"2024-12-31\","
                  "\"as_of_reason\":\"contract end; no records\",\"records\":0,\"scored\":false,\"total\":null,"
                  "\"ungraded_total\":null,\"grade\":null,\"grade_note\":\"no records of the centre in the run\",\"earned\":0.00,"
                  "\"applicable\":0.00,\"coverage\":0.0000,\"reweighted\":null,\"deductions\":0.00");
    /* n/a: earned null even though the struct holds 0 */
    assert_has(s, "\"value\":null,\"value_text\":\"\",\"unit\":\"records\",\"target\":null,\"ratio\":null,"
                  "\"earned\":null,\"possible\":60.00,\"status\":\"n/a\"");
    /* an entered indicator without scores: no spread */
    assert_has(s, "\"scores\":[],\"disagreement\":false,\"spread\":null}");
    assert_has(s, "\"hours\":[],\"applied\":[],\"facts\":{\"reweighted\":false,\"reweighted_from\":[],"
                  "\"na_points\":null,\"scale\":100,\"total_exact\":null,\"band_total\":null,\"grade_of_total\":null,"
                  "\"caps\":[],\"capped_by\":null,\"grade_rules\":[],\"grade_forced_by\":null}}]}\n");
    free(s);
}

static void csv_rows_and_total_rows(void **state)
{
    (void)state;
    char *s = render("csv", &rep);
    assert_string_equal(s,
        "contract,centre,section,indicator,party,value,target,ratio,earned,possible,status,derivation\n"
        "K1,C1,s,cases,third_party,48.0000,60.0000,0.8000,40.00,60.00,partial,\"48 of 60, 80 % -> 2/3 of 60.00 = 40.00\"\n"
        "K1,C1,s,quality,third_party,32.0000,,,32.00,40.00,partial,mean of 2 evaluators\n"
        "K1,C1,total,total,,60.0,,,60.0,100,合格,\n"
        "K2,C2,s,cases,third_party,,,,,60.00,n/a,n/a: not scored\n"
        "K2,C2,s,quality,third_party,,,,,40.00,n/a,n/a: not scored\n"
        "K2,C2,total,total,,,,,,100,not scored,no records of the centre in the run\n");
    free(s);
}

/* A centre scored on too few points has no grade and so no total (issue 11 item 11): its
 * figure is ungraded_total in json, and the csv total row leaves value and earned empty. */
static void ungraded_centre_has_no_total(void **state)
{
    (void)state;
    jz_centre_result u = c1;
    u.grade = NULL;
    u.facts.grade_of_total = NULL;
    snprintf(u.grade_note, sizeof u.grade_note, "coverage too low");
    const jz_centre_result *one[] = {&u};
    jz_score_report r = rep;
    r.results = one;
    r.n = 1;
    char *s = render("json", &r);
    assert_has(s, "\"records\":52,\"scored\":true,\"total\":null,\"ungraded_total\":60.0,\"grade\":null,"
                  "\"grade_note\":\"coverage too low\",");
    free(s);
    s = render("csv", &r);
    assert_has(s, "\nK1,C1,total,total,,,,,,100,no grade,coverage too low\n");
    free(s);
}

static void text_lines(void **state)
{
    (void)state;
    char *s = render("text", &rep);
    assert_has(s, "centre C1, contract K1 (海珠区 南洲街)\n  rubric t 1, as of 2024-06-30 (--as-of), 52 records\n");
    /* "%-24s %10s / %-8s": "s" and 23 spaces, 5 spaces and 72.00, "100.00" and 2 spaces */
    assert_has(s, "  s                             72.00 / 100.00   服务\n");
    assert_has(s, "    cases                       40.00 / 60.00    partial 48 of 60, 80 % -> 2/3 of 60.00 = 40.00\n");
    assert_has(s, "  deduction -1.50 points: D1: 1.50 points (findings.csv:2)\n");
    assert_has(s, "  veto      finding F9 (findings.csv:3) — the total is capped at 60.0\n");
    assert_has(s, "  TOTAL 60.0 of 100 (capped by veto: 虚报): 合格\n");
    assert_has(s, "\ncentre C2, contract K2\n");  /* no district or street: no parentheses */
    assert_has(s, "    cases                         n/a / 60.00    n/a     n/a: not scored\n");
    assert_has(s, "  NOT SCORED (no total, no grade): no records of the centre in the run\n");
    assert_null(strstr(s, "coverage"));  /* full coverage (C1) and not scored (C2): no coverage line */
    free(s);
}

static void text_explain_one_indicator(void **state)
{
    (void)state;
    jz_score_report one = rep;
    one.n = 1;
    one.explain = "quality";
    char *s = render("text", &one);
    assert_string_equal(s, "C1 quality (质量): K1\n"
                           "  s, 40.00 points, third_party, scored direct\n"
                           "  value 32.00 points\n"
                           "  mean of 2 evaluators\n"
                           "  earned 32.00 of 40.00 (partial)\n"
                           "    evaluator e1: 30.00, 好\n"
                           "    evaluator e2: 34.00\n"
                           "    evaluator e3: 50.00 (dropped: an outlier)\n");
    free(s);
    one.explain = "no-such-indicator";  /* explains nothing */
    s = render("text", &one);
    assert_string_equal(s, "");
    free(s);
}

static void file_sha256_of_known_bytes(void **state)
{
    (void)state;
    char hex[65];
    /* SHA-256 of no bytes (FIPS 180-2 examples) */
    assert_true(jz_file_sha256(DATA "empty.csv", hex));
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* SHA-256("abc") */
    assert_true(jz_file_sha256(DATA "abc.txt", hex));
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_false(jz_file_sha256(DATA "no-such-file", hex));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_format_table),
        cmocka_unit_test(json_header_and_inputs),
        cmocka_unit_test(json_scored_centre),
        cmocka_unit_test(json_centre_not_scored),
        cmocka_unit_test(csv_rows_and_total_rows),
        cmocka_unit_test(ungraded_centre_has_no_total),
        cmocka_unit_test(text_lines),
        cmocka_unit_test(text_explain_one_indicator),
        cmocka_unit_test(file_sha256_of_known_bytes),
    };
    return cmocka_run_group_tests_name("score_write", tests, setup, teardown);
}
