/* test_result_diff.c — comparing two results (result_diff.h) and writing the diff
 * (diff_write.h). Each test writes two small jz-score results as temporary files, loads them
 * with the real loader (jz_results_load) and checks the pairing, the changes and the causes
 * against figures worked out by hand:
 *
 *   indicator i1 (count, bands): A 8 of 10 records, 2/3 of 9.00 = 6.00 points, fraction
 *     6.00 / 9.00 = 0.6667 (0.66666.. rounded half up); B 10 of 10, 9.00 points, fraction
 *     1.0000: value +2.0000, fraction +0.3333, points +3.00; the total 60.0 -> 63.0 (+3.0).
 *   sections: s (depth 1) holds s3 (entered i2) and then s2 (i1): s2 and s change by +3.00
 *     and take i1's cause; s3, an earlier sibling of s2, is the same and has none; when i2
 *     changes too (7.00 points by other scores) s3 takes only i2's cause, s both.
 *   causes: a records file with other bytes explains i1 (records) but not i2 (an entered
 *     score: only the scores file moves it); the as-of date explains i1; nothing recorded
 *     explains a change when inputs, rubric, as-of and tool are the same ("unexplained"),
 *     the jz-score version when only that differs.
 * Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/diff_write.h"
#include "jz/result_diff.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

/* What varies between the results of a test; NULL fields take the defaults of side A. */
typedef struct spec {
    const char *tool, *rubric_sha, *rules, *calendar, *records_file, *records_sha, *scores_sha;
    const char *contract, *centre, *as_of, *total;
    const char *i1;       /* the whole indicator object of i1 */
    const char *i1_possible_in_s2;   /* s2's earned/possible */
    const char *i2;       /* i2, or "" to leave it out */
    const char *more;     /* more centres, each starting with ',' */
    const char *inputs;   /* more inputs, each starting with ',' */
} spec;

#define I1_A                                                                                  \
    "{\"id\":\"i1\",\"title\":\"I1\",\"section\":\"s2\",\"party\":\"third_party\",\"measure\":\"count\"," \
    "\"method\":\"bands\",\"value\":8.0000,\"value_text\":\"8 records\",\"target\":10.0000,\"ratio\":0.8000," \
    "\"earned\":6.00,\"possible\":9.00,\"status\":\"partial\",\"derivation\":\"8 of 10\"}"
#define I1_B                                                                                  \
    "{\"id\":\"i1\",\"title\":\"I1\",\"section\":\"s2\",\"party\":\"third_party\",\"measure\":\"count\"," \
    "\"method\":\"bands\",\"value\":10.0000,\"value_text\":\"10 records\",\"target\":10.0000,\"ratio\":1.0000," \
    "\"earned\":9.00,\"possible\":9.00,\"status\":\"full\",\"derivation\":\"10 of 10\"}"
#define I2                                                                                    \
    ",{\"id\":\"i2\",\"title\":\"I2\",\"section\":\"s3\",\"party\":\"third_party\",\"measure\":\"entered\"," \
    "\"method\":\"direct\",\"value\":5.0000,\"value_text\":\"5.00 points\",\"target\":null,\"ratio\":0.5000," \
    "\"earned\":5.00,\"possible\":10.00,\"status\":\"partial\",\"derivation\":\"mean\",\"scores\":[]," \
    "\"disagreement\":false,\"spread\":null}"
#define I2_MORE                                                                               \
    ",{\"id\":\"i2\",\"title\":\"I2\",\"section\":\"s3\",\"party\":\"third_party\",\"measure\":\"entered\"," \
    "\"method\":\"direct\",\"value\":7.0000,\"value_text\":\"7.00 points\",\"target\":null,\"ratio\":0.7000," \
    "\"earned\":7.00,\"possible\":10.00,\"status\":\"partial\",\"derivation\":\"mean\",\"scores\":[]," \
    "\"disagreement\":false,\"spread\":null}"

static const char *or(const char *s, const char *dflt)
{
    return s ? s : dflt;
}

static char *result_text(const spec *s)
{
    static char buf[8192];
    bool b = s->i1 && strcmp(s->i1, I1_B) == 0;
    snprintf(buf, sizeof buf,
             "{\"schema\":\"jiazong-score/1\",\"tool\":\"%s\",\"rubric\":{\"id\":\"t\",\"title\":\"T\","
             "\"version\":\"1\",\"sha256\":\"%s\",\"scale\":100,\"grades\":[{\"grade\":\"合格\",\"min\":60.0},"
             "{\"grade\":\"不合格\",\"min\":0.0}],\"pass_grade\":\"合格\"},\"rules\":%s%s,"
             "\"inputs\":[{\"file\":\"%s\",\"role\":\"records\",\"sha256\":\"%s\"},"
             "{\"file\":\"scores.csv\",\"role\":\"scores\",\"sha256\":\"%s\"}%s],\n\"centres\":["
             "{\"contract\":\"%s\",\"centre\":\"%s\",\"district\":\"\",\"street\":\"\",\"operator\":\"\","
             "\"start\":\"2024-01-01\",\"end\":\"2024-12-31\",\"as_of\":\"%s\",\"as_of_reason\":\"--as-of\","
             "\"records\":10,\"total\":%s,\"grade\":\"合格\",\"grade_note\":\"\",\"earned\":%s,"
             "\"applicable\":19.00,\"coverage\":1.0000,\"deductions\":0.00,"
             "\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"party\":\"third_party\",\"depth\":1,\"earned\":%s,"
             "\"possible\":19.00,\"points\":19.00},"
             "{\"id\":\"s3\",\"title\":\"S3\",\"party\":\"third_party\",\"depth\":2,\"earned\":%s,"
             "\"possible\":10.00,\"points\":10.00},"
             "{\"id\":\"s2\",\"title\":\"S2\",\"party\":\"third_party\",\"depth\":2,\"earned\":%s,"
             "\"possible\":9.00,\"points\":9.00}],"
             "\"indicators\":[%s%s],\"hours\":[],\"applied\":[]}%s]}\n",
             or(s->tool, "jz-score 0.1.0"), or(s->rubric_sha, SHA_A), or(s->rules, "{\"id\":\"r\",\"version\":\"1\"}"),
             or(s->calendar, ""), or(s->records_file, "rec.csv"), or(s->records_sha, SHA_A),
             or(s->scores_sha, SHA_C), or(s->inputs, ""), or(s->contract, "K1"), or(s->centre, "A"), or(s->as_of, "2024-06-30"),
             or(s->total, b ? "63.0" : "60.0"), b ? "14.00" : "11.00", b ? "14.00" : "11.00", s->i2 && strcmp(s->i2, I2_MORE) == 0 ? "7.00" : "5.00",
             b ? "9.00" : "6.00",
             or(s->i1, I1_A), or(s->i2, I2), or(s->more, ""));
    return buf;
}

typedef struct pair {
    jz_results a, b;
    jz_result_diff d;
} pair;

static void load(jz_results *r, const char *text)
{
    jz_error err;
    memset(r, 0, sizeof *r);
    jz_code code = jz_results_load_buffer(r, text, strlen(text), "result.json", &err);
    if (code)
        print_error("%s\n", err.msg);
    assert_int_equal(code, JZ_OK);
}

static pair *compare(const spec *a, const spec *b)
{
    pair *p = calloc(1, sizeof *p);
    assert_non_null(p);
    load(&p->a, result_text(a));
    load(&p->b, result_text(b));
    jz_error err;
    assert_int_equal(jz_result_diff_make(&p->a, &p->b, &p->d, &err), JZ_OK);
    return p;
}

static void done(pair *p)
{
    jz_result_diff_free(&p->d);
    jz_results_free(&p->a);
    jz_results_free(&p->b);
    free(p);
}

static const jz_dind *ind(const jz_dcentre *c, const char *id)
{
    for (size_t k = 0; k < c->nind; k++)
        if (strcmp(c->ind[k].id, id) == 0)
            return &c->ind[k];
    fail_msg("no indicator %s", id);
    return NULL;
}

static const jz_dsec *sec(const jz_dcentre *c, const char *id)
{
    for (size_t k = 0; k < c->nsec; k++)
        if (strcmp(c->sec[k].id, id) == 0)
            return &c->sec[k];
    fail_msg("no section %s", id);
    return NULL;
}

/* ---- tests ---- */

static void test_a_result_against_itself_is_the_same(void **state)
{
    (void)state;
    spec a = {0};
    pair *p = compare(&a, &a);
    assert_false(p->d.different);
    assert_int_equal(p->d.ncentres, 1);
    assert_int_equal(p->d.nsame, 1);
    assert_int_equal(p->d.centres[0].state, JZ_D_SAME);
    assert_int_equal(p->d.centres[0].ind_changed, 0);
    assert_int_equal(p->d.centres[0].sec_changed, 0);
    assert_int_equal(p->d.centres[0].why, 0);
    assert_false(p->d.rubric_changed);
    assert_int_equal(p->d.ndefs, 0);
    assert_int_equal(p->d.ninputs, 2);
    assert_int_equal(p->d.inputs[0].state, JZ_D_SAME);
    assert_int_equal(p->d.roles_changed, 0);
    /* this result records neither the rules' nor the calendar's sha256 */
    assert_int_equal(p->d.rules, JZ_P_NOT_RECORDED);
    assert_int_equal(p->d.calendar, JZ_P_NOT_RECORDED);
    done(p);
}

static void test_changed_records_explain_the_count_and_its_sections(void **state)
{
    (void)state;
    spec a = {0}, b = {.records_sha = SHA_B, .i1 = I1_B};
    pair *p = compare(&a, &b);
    assert_true(p->d.different);
    const jz_dcentre *c = &p->d.centres[0];
    assert_int_equal(c->state, JZ_D_CHANGED);
    const jz_dind *i1 = ind(c, "i1");
    assert_int_equal(i1->state, JZ_D_CHANGED);
    assert_int_equal(i1->value.a, 80000);
    assert_int_equal(i1->value.b, 100000);
    assert_int_equal(i1->fraction.a, 6667);
    assert_int_equal(i1->fraction.b, 10000);
    assert_int_equal(i1->earned.b - i1->earned.a, 30000);
    assert_false(jz_dnum_changed(&i1->target));
    assert_true(i1->status_changed);
    assert_int_equal(i1->why, JZ_WHY_RECORDS);
    assert_int_equal(ind(c, "i2")->state, JZ_D_SAME);
    assert_int_equal(sec(c, "s2")->state, JZ_D_CHANGED);
    assert_int_equal(sec(c, "s2")->why, JZ_WHY_RECORDS);
    assert_int_equal(sec(c, "s")->why, JZ_WHY_RECORDS);
    assert_int_equal(sec(c, "s")->earned.b - sec(c, "s")->earned.a, 30000);
    assert_int_equal(sec(c, "s3")->state, JZ_D_SAME);   /* an earlier sibling, not a parent */
    assert_int_equal(sec(c, "s3")->why, 0);
    assert_int_equal(c->total.a, 600000);
    assert_int_equal(c->total.b, 630000);
    assert_int_equal(c->why, JZ_WHY_RECORDS);
    assert_int_equal(p->d.inputs[0].state, JZ_D_CHANGED);
    assert_int_equal(p->d.inputs[1].state, JZ_D_SAME);
    assert_int_equal(p->d.roles_changed, JZ_WHY_RECORDS);
    char buf[64];
    assert_string_equal(jz_dnum_format(&i1->fraction, 'd', buf, sizeof buf), "+0.3333");
    assert_string_equal(jz_dnum_format(&c->total, 'd', buf, sizeof buf), "+3.0");
    /* what jz-report --previous looks up: B's centre by pointer, a section by id */
    assert_ptr_equal(jz_result_diff_centre(&p->d, &p->b.centres[0]), c);
    assert_null(jz_result_diff_centre(&p->d, &p->a.centres[0]));
    assert_ptr_equal(jz_dcentre_section(c, "s2"), sec(c, "s2"));
    assert_null(jz_dcentre_section(c, "nope"));
    done(p);
}

static void test_records_cannot_explain_an_entered_score(void **state)
{
    (void)state;
    spec a = {0}, b = {.records_sha = SHA_B, .i2 = I2_MORE};
    pair *p = compare(&a, &b);
    const jz_dind *i2 = ind(&p->d.centres[0], "i2");
    assert_int_equal(i2->state, JZ_D_CHANGED);
    assert_int_equal(i2->why, JZ_WHY_UNEXPLAINED);
    done(p);
    spec c = {.scores_sha = SHA_B, .i2 = I2_MORE};
    p = compare(&a, &c);
    assert_int_equal(ind(&p->d.centres[0], "i2")->why, JZ_WHY_SCORES);
    done(p);
    /* both: each section takes the cause of its own indicators, the parent both */
    spec both = {.records_sha = SHA_B, .scores_sha = SHA_B, .i1 = I1_B, .i2 = I2_MORE};
    p = compare(&a, &both);
    const jz_dcentre *x = &p->d.centres[0];
    assert_int_equal(sec(x, "s3")->state, JZ_D_CHANGED);
    assert_int_equal(sec(x, "s3")->why, JZ_WHY_SCORES);
    assert_int_equal(sec(x, "s2")->why, JZ_WHY_RECORDS);
    assert_int_equal(sec(x, "s")->why, JZ_WHY_RECORDS | JZ_WHY_SCORES);
    assert_int_equal(x->why, JZ_WHY_RECORDS | JZ_WHY_SCORES);
    done(p);
}

static void test_the_as_of_date_the_tool_or_nothing(void **state)
{
    (void)state;
    spec a = {0}, b = {.as_of = "2024-12-31", .i1 = I1_B};
    pair *p = compare(&a, &b);
    assert_true(p->d.centres[0].as_of_changed);
    assert_int_equal(p->d.nas_of, 1);
    assert_int_equal(ind(&p->d.centres[0], "i1")->why, JZ_WHY_AS_OF);
    assert_int_equal(p->d.centres[0].why, JZ_WHY_AS_OF);
    done(p);
    spec same = {.i1 = I1_B};
    p = compare(&a, &same);
    assert_int_equal(ind(&p->d.centres[0], "i1")->why, JZ_WHY_UNEXPLAINED);
    done(p);
    spec tool = {.tool = "jz-score 0.2.0", .i1 = I1_B};
    p = compare(&a, &tool);
    assert_true(p->d.tool_changed);
    assert_int_equal(ind(&p->d.centres[0], "i1")->why, JZ_WHY_TOOL);
    done(p);
}

static void test_an_overlay_changes_points_and_removes_an_indicator(void **state)
{
    (void)state;
    spec a = {0};
    spec b = {.rubric_sha = SHA_B, .i2 = "",
              .i1 = "{\"id\":\"i1\",\"title\":\"I1\",\"section\":\"s2\",\"party\":\"third_party\","
                    "\"measure\":\"count\",\"method\":\"bands\",\"value\":8.0000,\"value_text\":\"8 records\","
                    "\"target\":10.0000,\"ratio\":0.8000,\"earned\":8.00,\"possible\":12.00,\"status\":\"partial\","
                    "\"derivation\":\"8 of 10\"}"};
    pair *p = compare(&a, &b);
    assert_true(p->d.rubric_changed);
    assert_int_equal(p->d.ndefs, 2);
    assert_string_equal(p->d.defs[0].id, "i1");
    assert_int_equal(p->d.defs[0].state, JZ_D_CHANGED);
    assert_int_equal(p->d.defs[0].defs, JZ_DEF_POINTS);
    assert_string_equal(p->d.defs[1].id, "i2");
    assert_int_equal(p->d.defs[1].state, JZ_D_REMOVED);
    char buf[128];
    assert_string_equal(jz_defs_detail(p->d.defs[0].a, p->d.defs[0].b, p->d.defs[0].defs, buf, sizeof buf),
                        "points 9.00 -> 12.00");
    const jz_dcentre *c = &p->d.centres[0];
    const jz_dind *i1 = ind(c, "i1");
    assert_int_equal(i1->defs, JZ_DEF_POINTS);
    assert_int_equal(i1->why, JZ_WHY_RUBRIC);
    assert_int_equal(i1->earned.b - i1->earned.a, 20000);   /* 6.00 of 9 -> 8.00 of 12 */
    assert_int_equal(i1->fraction.a, 6667);
    assert_int_equal(i1->fraction.b, 6667);                   /* 8 / 12, the same 2/3 */
    assert_int_equal(ind(c, "i2")->state, JZ_D_REMOVED);
    assert_int_equal(ind(c, "i2")->why, JZ_WHY_RUBRIC);
    done(p);
}

static void test_centres_pair_by_contract_then_by_centre(void **state)
{
    (void)state;
    spec a = {.contract = "K1-2023",
              .more = ",{\"contract\":\"K3\",\"centre\":\"C\",\"as_of\":\"2024-06-30\",\"total\":70.0,\"grade\":\"合格\"}"};
    spec b = {.contract = "K1-2024",
              .more = ",{\"contract\":\"K2\",\"centre\":\"B2\",\"as_of\":\"2024-06-30\",\"total\":50.0,\"grade\":null}"};
    pair *p = compare(&a, &b);
    assert_int_equal(p->d.ncentres, 3);
    const jz_dcentre *c = p->d.centres;
    assert_string_equal(c[0].a->contract, "K1-2023");   /* last year's contract of the same centre */
    assert_string_equal(c[0].b->contract, "K1-2024");
    assert_int_equal(c[0].state, JZ_D_SAME);
    assert_int_equal(c[1].state, JZ_D_ADDED);
    assert_string_equal(c[1].b->centre, "B2");
    assert_string_equal(c[1].b->grade, "");
    assert_int_equal(c[2].state, JZ_D_REMOVED);
    assert_string_equal(c[2].a->centre, "C");
    assert_int_equal(p->d.nadded, 1);
    assert_int_equal(p->d.nremoved, 1);
    assert_true(p->d.different);
    done(p);
}

static void test_a_renamed_input_of_the_same_bytes_is_the_same(void **state)
{
    (void)state;
    spec a = {0}, b = {.records_file = "exports/rec-2.csv"};
    pair *p = compare(&a, &b);
    assert_int_equal(p->d.inputs[0].state, JZ_D_SAME);
    assert_string_equal(p->d.inputs[0].file_a, "rec.csv");
    assert_string_equal(p->d.inputs[0].file_b, "exports/rec-2.csv");
    assert_int_equal(p->d.roles_changed, 0);
    assert_false(p->d.different);
    done(p);
    spec stdin_b = {.records_file = "-", .records_sha = ""};
    p = compare(&a, &stdin_b);   /* standard input has no hash: it cannot be ruled out */
    assert_int_equal(p->d.roles_unknown, JZ_WHY_RECORDS);
    done(p);
}

static void test_rules_and_calendar_when_recorded(void **state)
{
    (void)state;
    spec a = {.rules = "{\"id\":\"r\",\"version\":\"1\",\"sha256\":\"" SHA_A "\"}",
              .calendar = ",\"calendar\":{\"sha256\":\"" SHA_A "\"}"};
    spec b = {.rules = "{\"id\":\"r\",\"version\":\"1\",\"sha256\":\"" SHA_B "\"}",
              .calendar = ",\"calendar\":{\"sha256\":\"" SHA_A "\"}",
              .i1 = "{\"id\":\"i1\",\"title\":\"I1\",\"section\":\"s2\",\"party\":\"third_party\","
                    "\"measure\":\"count\",\"method\":\"bands\",\"value\":8.0000,\"value_text\":\"8 records\","
                    "\"target\":8.0000,\"ratio\":1.0000,\"earned\":9.00,\"possible\":9.00,\"status\":\"full\","
                    "\"derivation\":\"8 of 8\"}"};
    pair *p = compare(&a, &b);
    assert_int_equal(p->d.rules, JZ_P_CHANGED);
    assert_int_equal(p->d.calendar, JZ_P_SAME);
    const jz_dind *i1 = ind(&p->d.centres[0], "i1");
    assert_true(jz_dnum_changed(&i1->target));
    assert_int_equal(i1->why, JZ_WHY_RULES);   /* a pro-rated target: the rules' method */
    done(p);
    spec c = {.rules = "{\"id\":\"r\",\"version\":\"1\",\"sha256\":\"" SHA_A "\"}"};
    p = compare(&a, &c);   /* recorded on one side only */
    assert_int_equal(p->d.rules, JZ_P_SAME);
    assert_int_equal(p->d.calendar, JZ_P_NOT_RECORDED);
    done(p);
}

#define RULES_IN(sha) ",{\"file\":\"rubrics/rules/guangzhou-hours.yaml\",\"role\":\"rules\",\"sha256\":\"" sha "\"}"
#define CAL_IN(sha) ",{\"file\":\"rubrics/calendar/cn-holidays.csv\",\"role\":\"calendar\",\"sha256\":\"" sha "\"}"

static void test_rules_and_calendar_recorded_as_inputs(void **state)
{
    (void)state;
    spec a = {.inputs = RULES_IN(SHA_A) CAL_IN(SHA_A)};
    spec b = {.inputs = RULES_IN(SHA_B) CAL_IN(SHA_A), .i1 = I1_B};
    pair *p = compare(&a, &b);
    assert_int_equal(p->d.rules, JZ_P_CHANGED);
    assert_int_equal(p->d.calendar, JZ_P_SAME);
    assert_string_equal(p->d.rules_sha[0], SHA_A);
    assert_string_equal(p->d.rules_sha[1], SHA_B);
    assert_string_equal(p->d.calendar_sha[1], SHA_A);
    assert_int_equal(p->d.roles_changed, JZ_WHY_RULES);
    /* the rules cannot move a records count whose target stayed: unexplained */
    assert_int_equal(ind(&p->d.centres[0], "i1")->why, JZ_WHY_UNEXPLAINED);
    done(p);
    spec old = {0};   /* a result that does not record them, against one that does */
    p = compare(&old, &a);
    assert_int_equal(p->d.rules, JZ_P_NOT_RECORDED);
    assert_int_equal(p->d.calendar, JZ_P_NOT_RECORDED);
    assert_int_equal(p->d.roles_changed, 0);     /* not known is not a difference */
    assert_int_equal(p->d.inputs[2].state, JZ_D_ADDED);
    assert_false(p->d.different);
    done(p);
}

static void test_an_indicator_that_became_na_has_no_value(void **state)
{
    (void)state;
    spec a = {0};
    spec b = {.records_sha = SHA_B,
              .i1 = "{\"id\":\"i1\",\"title\":\"I1\",\"section\":\"s2\",\"party\":\"third_party\","
                    "\"measure\":\"count\",\"method\":\"bands\",\"value_text\":\"n/a\",\"target\":10.0000,"
                    "\"ratio\":null,\"earned\":null,\"possible\":9.00,\"status\":\"n/a\",\"derivation\":\"n/a\"}"};
    pair *p = compare(&a, &b);
    const jz_dind *i1 = ind(&p->d.centres[0], "i1");
    assert_true(i1->value.has_a);
    assert_false(i1->value.has_b);     /* no value field at all */
    assert_false(i1->earned.has_b);
    assert_false(i1->fraction.has_b);
    assert_true(jz_dnum_changed(&i1->earned));
    char buf[32];
    assert_string_equal(jz_dnum_format(&i1->earned, 'd', buf, sizeof buf), "");
    assert_int_equal(i1->why, JZ_WHY_RECORDS);
    done(p);
}

static void test_a_jz_hours_result_is_refused(void **state)
{
    (void)state;
    pair p;
    memset(&p, 0, sizeof p);
    spec a = {0};
    load(&p.a, result_text(&a));
    const char *path = "hours.json";
    const char *hours = "{\"schema\":\"jiazong-hours/1\",\"tool\":\"jz-hours 0.1.0\",\"rules\":{\"id\":\"r\"},"
                        "\"contracts\":[]}\n";
    jz_error err;
    assert_int_equal(jz_results_load_buffer(&p.b, hours, strlen(hours), path, &err), JZ_OK);
    assert_int_equal(jz_result_diff_make(&p.a, &p.b, &p.d, &err), JZ_EINPUT);
    assert_string_equal(err.file, path);
    assert_non_null(strstr(err.msg, "jz-hours"));
    jz_result_diff_free(&p.d);
    jz_result_diff_free(NULL);
    jz_results_free(&p.a);
    jz_results_free(&p.b);
}

static void test_numbers_format_with_their_decimals(void **state)
{
    (void)state;
    char buf[32];
    jz_dnum n = {true, true, 15000, -5000, 2};
    assert_string_equal(jz_dnum_format(&n, 'a', buf, sizeof buf), "1.50");
    assert_string_equal(jz_dnum_format(&n, 'b', buf, sizeof buf), "-0.50");
    assert_string_equal(jz_dnum_format(&n, 'd', buf, sizeof buf), "-2.00");
    jz_dnum m = {true, true, 0, 9550, 1};   /* 0.955 to one decimal: 1.0, half away from zero */
    assert_string_equal(jz_dnum_format(&m, 'b', buf, sizeof buf), "1.0");
    assert_string_equal(jz_dnum_format(&m, 'd', buf, sizeof buf), "+1.0");
    jz_dnum z = {true, true, 7, 7, 4};
    assert_false(jz_dnum_changed(&z));
    assert_string_equal(jz_dnum_format(&z, 'd', buf, sizeof buf), "0.0000");
    jz_dnum r = {true, true, 80000, 130000, 0};
    assert_string_equal(jz_dnum_format(&r, 'd', buf, sizeof buf), "+5");
    assert_string_equal(jz_why_format(JZ_WHY_AS_OF | JZ_WHY_RECORDS, false, " ", buf, sizeof buf), "as-of records");
}

static void test_the_csv_and_json_writers(void **state)
{
    (void)state;
    assert_non_null(jz_writer_find(jz_diff_writers, "text"));
    assert_non_null(jz_writer_find(jz_diff_writers, "md"));
    assert_null(jz_writer_find(jz_diff_writers, "xml"));
    spec a = {0}, b = {.records_sha = SHA_B, .i1 = I1_B};
    pair *p = compare(&a, &b);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    jz_writer_find(jz_diff_writers, "csv")->write_to_file(fp, &p->d);
    fclose(fp);
    assert_non_null(strstr(buf, "\nK1,K1,A,indicator,i1,changed,2024-06-30,2024-06-30,8.0000,10.0000,+2.0000,"
                                "10.0000,10.0000,0.0000,0.8000,1.0000,+0.2000,0.6667,1.0000,+0.3333,"
                                "6.00,9.00,+3.00,9.00,9.00,0.00,partial,full,records\n"));
    assert_non_null(strstr(buf, "\nK1,K1,A,centre,,changed,2024-06-30,2024-06-30,10,10,0,,,,,,,"
                                "1.0000,1.0000,0.0000,60.0,63.0,+3.0,19.00,19.00,0.00,合格,合格,records\n"));
    free(buf);
    buf = NULL;
    fp = open_memstream(&buf, &len);
    jz_writer_find(jz_diff_writers, "json")->write_to_file(fp, &p->d);
    fclose(fp);
    assert_non_null(strstr(buf, "{\"schema\":\"jiazong-score-diff/1\","));
    assert_non_null(strstr(buf, "\"earned\":{\"a\":6.00,\"b\":9.00,\"change\":3.00}"));
    assert_non_null(strstr(buf, "\"rules\":\"not recorded\""));
    free(buf);
    done(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_result_against_itself_is_the_same),
        cmocka_unit_test(test_changed_records_explain_the_count_and_its_sections),
        cmocka_unit_test(test_records_cannot_explain_an_entered_score),
        cmocka_unit_test(test_the_as_of_date_the_tool_or_nothing),
        cmocka_unit_test(test_an_overlay_changes_points_and_removes_an_indicator),
        cmocka_unit_test(test_centres_pair_by_contract_then_by_centre),
        cmocka_unit_test(test_a_renamed_input_of_the_same_bytes_is_the_same),
        cmocka_unit_test(test_rules_and_calendar_when_recorded),
        cmocka_unit_test(test_rules_and_calendar_recorded_as_inputs),
        cmocka_unit_test(test_an_indicator_that_became_na_has_no_value),
        cmocka_unit_test(test_a_jz_hours_result_is_refused),
        cmocka_unit_test(test_numbers_format_with_their_decimals),
        cmocka_unit_test(test_the_csv_and_json_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
