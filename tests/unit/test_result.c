/* test_result.c — results read back (result.h): field types refused with their place,
 * grade order and the payment sentence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/result.h"
#include "jz/rules.h"

/* Load text as a result file (from memory, named "result.json"); the code of the load. */
static jz_code load(const char *text, jz_results *r, jz_error *err)
{
    memset(r, 0, sizeof *r);
    return jz_results_load_buffer(r, text, strlen(text), "result.json", err);
}

#define HEAD "{\"schema\":\"jiazong-score/1\",\"rubric\":{\"id\":\"m\",\"scale\":100,\"grades\":" \
             "[{\"grade\":\"good\",\"min\":80},{\"grade\":\"pass\",\"min\":60},{\"grade\":\"fail\",\"min\":0}]," \
             "\"pass_grade\":\"pass\"},\n\"centres\":["

static void a_schema_that_is_a_map_is_refused_not_a_crash(void **state)
{
    (void)state;
    jz_results r;
    jz_error err;
    assert_int_equal(load("{\"schema\": {\"a\": 1}}", &r, &err), JZ_EINPUT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 12);
    assert_non_null(strstr(err.msg, "'schema' is a map, not a schema name"));
    jz_results_free(&r);
    assert_int_equal(load("{\"schema\": [1]}", &r, &err), JZ_EINPUT);
    assert_non_null(strstr(err.msg, "'schema' is a list"));
    jz_results_free(&r);
}

static void a_map_where_text_belongs_is_refused_at_its_place(void **state)
{
    (void)state;
    jz_results r;
    jz_error err;
    assert_int_equal(load(HEAD "{\"centre\":\"C1\",\"grade\":{\"x\":1}}]}", &r, &err), JZ_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 35);  /* after "centres":[{"centre":"C1","grade": */
    assert_non_null(strstr(err.msg, "field 'grade' must be text"));
    jz_results_free(&r);
}

static void numbers_out_of_range_are_refused(void **state)
{
    (void)state;
    jz_results r;
    jz_error err;
    /* 12 digits before the point are fine, 13 are not */
    assert_int_equal(load(HEAD "{\"centre\":\"C1\",\"total\":999999999999.9999}]}", &r, &err), JZ_OK);
    assert_int_equal(r.centres[0].total.fp, INT64_C(9999999999999999));
    jz_results_free(&r);
    assert_int_equal(load(HEAD "{\"centre\":\"C1\",\"total\":1000000000000}]}", &r, &err), JZ_EINPUT);
    assert_non_null(strstr(err.msg, "field 'total' must be a number"));
    jz_results_free(&r);
    assert_int_equal(load(HEAD "{\"centre\":\"C1\",\"records\":-1}]}", &r, &err), JZ_EINPUT);
    assert_non_null(strstr(err.msg, "field 'records' must be a whole number from 0 to 2147483647"));
    jz_results_free(&r);
}

static jz_rules rules_passing_at(char *pass)
{
    jz_rules ru;
    memset(&ru, 0, sizeof ru);
    ru.has_payment = true;
    ru.ninstalments = 4;
    for (int i = 0; i < 4; i++)
        ru.instalment_bp[i] = 2500;
    ru.mid_term_instalment = 3;
    ru.end_term_instalment = 4;
    ru.pass_grade = pass;
    ru.recheck_bp = 9000;
    return ru;
}

static void payment_follows_the_grade_order(void **state)
{
    (void)state;
    jz_results r;
    jz_error err;
    assert_int_equal(load(HEAD "{\"centre\":\"A\",\"grade\":\"good\",\"end\":\"2024-12-31\",\"as_of\":\"2024-12-31\"},"
                               "{\"centre\":\"B\",\"grade\":\"fail\",\"end\":\"2024-12-31\",\"as_of\":\"2024-06-30\"}]}",
                          &r, &err), JZ_OK);
    jz_rules ru = rules_passing_at("pass");
    char buf[512];
    assert_true(jz_payment_sentence(&ru, &r.files[0], &r.centres[0], 0, buf, sizeof buf));
    assert_string_equal(buf, "good (pass or better): instalment 4 (25 % of the contract) is payable");
    assert_true(jz_payment_sentence(&ru, &r.files[0], &r.centres[1], 0, buf, sizeof buf));
    assert_string_equal(buf, "fail (below pass): instalment 3 (25 %) is withheld until the centre rectifies; a "
                             "passed re-check pays 90 % of it (22.50 % of the contract), a second failure nothing");
    jz_results_free(&r);
}

static void a_pass_grade_the_rubric_lacks_leaves_payment_undetermined(void **state)
{
    (void)state;
    jz_results r;
    jz_error err;
    assert_int_equal(load(HEAD "{\"centre\":\"A\",\"grade\":\"fail\"},{\"centre\":\"B\",\"grade\":\"good\"},"
                               "{\"centre\":\"C\",\"grade\":\"excellent\"}]}", &r, &err), JZ_OK);
    jz_rules ru = rules_passing_at("合格");
    char buf[512];
    /* before: "fail" came before the (absent) floor in the list, so it was "payable" */
    assert_false(jz_rfile_grade_at_least(&r.files[0], "fail", "合格"));
    assert_false(jz_rfile_grade_at_least(&r.files[0], "good", "合格"));
    for (size_t i = 0; i < 2; i++) {
        assert_true(jz_payment_sentence(&ru, &r.files[0], &r.centres[i], 0, buf, sizeof buf));
        assert_null(strstr(buf, "payable"));
        assert_string_equal(buf, "payment undetermined: the rules' pass grade 合格 is not one of the rubric's "
                                 "grades (good, pass, fail); use rules whose pass_grade is one of them");
    }
    /* a grade that is not in the list is undetermined too, with known floor */
    ru.pass_grade = "pass";
    assert_true(jz_payment_sentence(&ru, &r.files[0], &r.centres[2], 0, buf, sizeof buf));
    assert_string_equal(buf, "payment undetermined: grade excellent is not one of the rubric's grades (good, pass, "
                             "fail)");
    assert_true(jz_rfile_grade_at_least(&r.files[0], "good", "pass"));
    assert_true(jz_rfile_grade_at_least(&r.files[0], "pass", "pass"));
    assert_false(jz_rfile_grade_at_least(&r.files[0], "fail", "pass"));
    jz_results_free(&r);
}

/* jiazong-score/3 carries the facts behind a total; /2 and /1 are read with them unknown. */
static void facts_are_read_from_version_3_and_unknown_before(void **state)
{
    (void)state;
    jz_results r;
    jz_error err;
    static const char v3[] =
        "{\"schema\":\"jiazong-score/3\",\"rubric\":{\"id\":\"m\",\"scale\":100,\"grades\":"
        "[{\"grade\":\"pass\",\"min\":60},{\"grade\":\"fail\",\"min\":0}],\"pass_grade\":\"pass\"},\n\"centres\":["
        "{\"centre\":\"A\",\"scored\":true,\"total\":59.0,\"grade\":\"fail\",\"facts\":{\"reweighted\":true,"
        "\"reweighted_from\":[\"visits\"],\"na_points\":20.00,\"scale\":100,\"total_exact\":\"325/4\","
        "\"band_total\":59.0,\"grade_of_total\":\"fail\",\"caps\":[{\"what\":\"veto\",\"id\":\"v1\",\"title\":\"T1\","
        "\"cap\":70.0,\"before\":81.3,\"after\":70.0,\"lowered\":true},{\"what\":\"veto\",\"id\":\"v2\",\"title\":\"T2\","
        "\"cap\":59.0,\"before\":70.0,\"after\":59.0,\"lowered\":true}],\"capped_by\":{\"id\":\"v2\",\"title\":\"T2\","
        "\"cap\":59.0},\"grade_rules\":[{\"what\":\"veto\",\"id\":\"v3\",\"title\":\"T3\",\"grade\":\"fail\","
        "\"rows\":\"f.csv:4\",\"decided\":false}],\"grade_forced_by\":null}}]}";
    assert_int_equal(load(v3, &r, &err), JZ_OK);
    const jz_rfacts *f = &r.centres[0].facts;
    assert_true(f->known);
    assert_true(f->reweighted);
    assert_int_equal(f->nfrom, 1);
    assert_string_equal(f->from[0], "visits");
    assert_int_equal(f->na_points.fp, 200000);
    assert_string_equal(f->total_exact, "325/4");
    assert_int_equal(f->band_total.fp, 590000);
    assert_int_equal(f->ncaps, 2);
    assert_ptr_equal(f->capped_by, &f->caps[1]);
    assert_string_equal(f->capped_by->title, "T2");
    assert_int_equal(f->capped_by->cap.fp, 590000);
    assert_int_equal(f->ngrades, 1);
    assert_false(f->grades[0].decided);
    assert_null(f->forced_by);
    jz_results_free(&r);
    /* capped_by must name a cap that lowered the total */
    char *bad = strdup(v3);
    char *at = strstr(bad, "\"capped_by\":{\"id\":\"v2\"");
    memcpy(at + strlen("\"capped_by\":{\"id\":\"v"), "9", 1);
    assert_int_equal(load(bad, &r, &err), JZ_EINPUT);
    assert_non_null(strstr(err.msg, "field 'capped_by' must be one of the caps that lowered the total"));
    jz_results_free(&r);
    free(bad);
    /* version 2 and 1: no facts, known false */
    static const char v2[] = "{\"schema\":\"jiazong-score/2\",\"centres\":[{\"centre\":\"A\",\"total\":59.0}]}";
    assert_int_equal(load(v2, &r, &err), JZ_OK);
    assert_false(r.centres[0].facts.known);
    assert_null(r.centres[0].facts.capped_by);
    jz_results_free(&r);
    assert_int_equal(load(HEAD "{\"centre\":\"A\",\"grade\":\"fail\"}]}", &r, &err), JZ_OK);
    assert_false(r.centres[0].facts.known);
    jz_results_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_schema_that_is_a_map_is_refused_not_a_crash),
        cmocka_unit_test(a_map_where_text_belongs_is_refused_at_its_place),
        cmocka_unit_test(numbers_out_of_range_are_refused),
        cmocka_unit_test(payment_follows_the_grade_order),
        cmocka_unit_test(a_pass_grade_the_rubric_lacks_leaves_payment_undetermined),
        cmocka_unit_test(facts_are_read_from_version_3_and_unknown_before),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
