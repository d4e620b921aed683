/* test_score.c — the scoring engine (score.h) at the edges of every method. Each test
 * loads a small rubric from memory (jz_rubric_load_buffer), holds a contracts file (with
 * target_ columns), records and the scores / survey / findings files in memory under file
 * names (rowsrc.h named buffers: the table readers take names), loads them with the real loaders (jz_contracts_load,
 * jz_table_read) and the shipped hours rules and
 * calendar, feeds them to the scorer and checks the earned points (fixed point, JZ_FP =
 * 10000: 6.00 points is 60000) and statuses against numbers worked out by hand:
 *
 *   bands [[100%, 1], [80%, 2/3], [60%, 1/3]] on 9 points: 8 of 10 -> 2/3 -> 6.00;
 *     7 of 10 -> 1/3 -> 3.00; 10 of 10 -> 9.00; 799 h 59 min of 1000 h (79.998 %) is
 *     below 80 % -> 3.00, though the ratio rounded to 4 decimals reads 0.8000.
 *   efficacy 60 + 40 (x - bad) / (good - bad), good 0.85, bad 0.6, 15 points:
 *     x 0.85 -> 100 -> 15.00; x 0.725 -> 80 -> 12.00; x 0.6 -> 60 -> 9.00;
 *     x 0.35 -> 20 -> 3.00; x 0 -> -36 -> clamp [0, 100] -> 0.
 *   pro-rating by working days: 2024 has 251, 2024-01-01..06-30 has 123:
 *     60 cases -> ceil(600000 * 123 / 251) = 294024 (29.4024; 73800000 = 251 * 294023 + 227).
 *   training 1260 h = 75600 min, at 2024-06-30 ceil(75600 * 123 / 251) = 37048 min;
 *     600 h = 36000 min is 9717 basis points -> 10 x 0.9717 = 9.72.
 *   survey: 满意 5, 基本满意 3, 不满意 0 -> (5 + 3 + 0) / 3 = 2.6667; 不了解 leaves it.
 * Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/calendar.h"
#include "jz/contract.h"
#include "jz/diag.h"
#include "jz/rubric.h"
#include "jz/roster.h"
#include "jz/rules.h"
#include "jz/score.h"
#include "jz/table.h"

#define CALENDAR "rubrics/calendar/cn-holidays.csv"
#define RULES "rubrics/rules/guangzhou-hours.yaml"

static jz_calendar *cal;
static jz_rules rules;

/* ---- the pieces of a rubric ---- */

#define HEAD                                                                                \
    "id: t\nversion: \"1\"\nscale: 100\n"                                                  \
    "rounding: {indicator: 2, total: 1, mode: half_up}\n"                                  \
    "grades:\n  - {grade: 优秀, min: 90}\n  - {grade: 良好, min: 80}\n"                    \
    "  - {grade: 合格, min: 60}\n  - {grade: 不合格, min: 0}\npass_grade: 合格\n"
#define NA_ANY "not_applicable: {policy: reweight, min_coverage: 0}\n"
/* One section; indicators follow, each starting "      - id: ". */
#define SEC "sections:\n  - id: s\n    points: 100\n    party: third_party\n    indicators:\n"
#define BANDS "{method: bands, bands: [[100%, 1], [80%, 2/3], [60%, 1/3]], below: 0}"

#define CONTRACTS_HEAD                                                                      \
    "contract,centre,district,street,operator,start,end,budget,professional_staff,total_hours," \
    "direct_hours,target_cases,target_hours,target_zero,target_missing\n"
/* target_cases 10, target_hours 1000, target_zero 0, target_missing empty */
#define CONTRACTS CONTRACTS_HEAD "K1,A,海珠区,南洲街,甲,2024-01-01,2024-12-31,2000000,14,27440,22852,10,1000,0,\n"
#define CONTRACTS_60 CONTRACTS_HEAD "K1,A,海珠区,南洲街,甲,2024-01-01,2024-12-31,2000000,14,27440,22852,60,1000,0,\n"

#define RECORDS_HEAD                                                                        \
    "record_id,centre,date,start,end,staff,activity,kind,mode,place,target,client,"        \
    "participants,hours,volunteers,volunteer_hours\n"

static int setup(void **state)
{
    (void)state;
    jz_error err;
    cal = jz_calendar_load(CALENDAR, &err);
    if (!cal || jz_rules_load(&rules, RULES, &err)) {
        print_error("%s:%ld: %s (run from the repository root)\n", err.file, err.line, err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jz_calendar_free(cal);
    jz_rules_free(&rules);
    return 0;
}

/* The input `name` held in memory (rowsrc.h named buffers): every reader by name reads
 * text from there, and its diagnostics name `name`. jz_rowsrc_mem_remove(path) after. */
static void mem_file(char path[64], const char *name, const char *text)
{
    snprintf(path, 64, "%s", name);
    jz_rowsrc_mem_add(path, text, strlen(text));
}

/* ---- records as CSV text ---- */

typedef struct records {
    char *buf;
    size_t len;
    FILE *fp;
    int next_id;
} records;

static void rec_begin(records *r)
{
    r->buf = NULL;
    r->fp = open_memstream(&r->buf, &r->len);
    assert_non_null(r->fp);
    fputs(RECORDS_HEAD, r->fp);
    r->next_id = 1;
}

/* n rows of centre A: `rest` is date,start,end,staff,activity,kind,mode,place,target,
 * client,participants,hours,volunteers,volunteer_hours. */
static void rows(records *r, int n, const char *rest)
{
    for (int i = 0; i < n; i++)
        fprintf(r->fp, "R%05d,A,%s\n", r->next_id++, rest);
}

/* Hours of training (or any kind) in whole rows of `per` hours from 2024-01-02 on. */
static void hours_rows(records *r, const char *kind, const char *mode, int nrows, const char *per)
{
    jz_day d = jz_days_from_civil(2024, 1, 2);
    char date[11], line[160];
    for (int i = 0; i < nrows; i++) {
        snprintf(line, sizeof line, "%s,,,S1,,%s,%s,centre,,,,%s,,", jz_date_format(d + i, date), kind, mode, per);
        rows(r, 1, line);
    }
}

static char *rec_end(records *r)
{
    assert_int_equal(fclose(r->fp), 0);
    return r->buf;
}

/* ---- one scoring run ---- */

typedef struct spec {
    const char *rubric;      /* whole text */
    const char *contracts;   /* NULL: CONTRACTS */
    const char *records;     /* NULL: none */
    const char *scores, *survey, *findings;
    const char *as_of;       /* NULL: none */
    const char *roster;      /* NULL: no roster */
} spec;

typedef struct run {
    jz_rubric rubric;
    jz_contracts contracts;
    jz_roster roster;
    jz_scorer *scorer;
    jz_diag diag;
    char last_code[32];
    const jz_centre_result *res;
} run;

static void collect(void *ctx, const jz_diag_msg *m)
{
    run *r = ctx;
    if (m->sev == JZ_ERROR)
        snprintf(r->last_code, sizeof r->last_code, "%s", m->code);
}

static int on_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    run *r = ctx;
    assert_int_equal(nerr, 0);  /* a test's own input must be valid */
    switch (h->schema->type) {
    case JZ_FILE_RECORDS: jz_scorer_record(r->scorer, f, "records.csv", row->line); break;
    case JZ_FILE_SCORES: jz_scorer_entered(r->scorer, f, "scores.csv", row->line, &r->diag); break;
    case JZ_FILE_SURVEY: jz_scorer_survey(r->scorer, f, "survey.csv", row->line, &r->diag); break;
    case JZ_FILE_FINDINGS: jz_scorer_finding(r->scorer, f, "findings.csv", row->line, &r->diag); break;
    default: fail_msg("unexpected file type");
    }
    return 0;
}

static void feed(run *r, const char *text)
{
    if (!text)
        return;
    char path[64];
    mem_file(path, "input.csv", text);
    jz_error err;
    jz_table_info info;
    jz_code code = jz_table_read(path, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &r->diag, on_row, r, &info, &err);
    jz_rowsrc_mem_remove(path);
    assert_int_equal(code, JZ_OK);
}

static void load_rubric(jz_rubric *rb, const char *text)
{
    jz_error err;
    jz_code code = jz_rubric_load_buffer(rb, text, strlen(text), "rubric.yaml", &err);
    if (code)
        print_error("rubric: %s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_int_equal(code, JZ_OK);
}

static void score(run *r, const spec *sp)
{
    memset(r, 0, sizeof *r);
    jz_diag_init(&r->diag, collect, r);
    load_rubric(&r->rubric, sp->rubric);
    jz_contracts_init(&r->contracts);
    char path[64];
    mem_file(path, "contracts.csv", sp->contracts ? sp->contracts : CONTRACTS);
    jz_error err;
    jz_table_info info;
    jz_code code = jz_contracts_load(&r->contracts, path, JZ_ENC_AUTO, &r->diag, &info, &err);
    jz_rowsrc_mem_remove(path);
    assert_int_equal(code, JZ_OK);
    assert_int_equal(r->diag.count[JZ_ERROR], 0);
    jz_day as_of = JZ_NO_DAY;
    if (sp->as_of)
        assert_true(jz_date_parse(sp->as_of, strlen(sp->as_of), &as_of));
    jz_roster_init(&r->roster);
    if (sp->roster) {
        mem_file(path, "roster.csv", sp->roster);
        code = jz_roster_load(&r->roster, path, JZ_ENC_AUTO, &r->diag, &info, &err);
        jz_rowsrc_mem_remove(path);
        assert_int_equal(code, JZ_OK);
        assert_int_equal(r->diag.count[JZ_ERROR], 0);
    }
    jz_score_inputs in = {&r->rubric, &rules, cal, &r->contracts, sp->roster ? &r->roster : NULL, as_of, NULL, NULL};
    r->scorer = jz_scorer_new(&in);
    /* A contract with no records in the run is not scored (issue 11, item 9): a case about
     * scores, findings or targets alone gets one admin row on the as-of date or the
     * contract's last day (it leaves the as-of date as it was and matches no measure of
     * these cases). */
    char one[256];
    snprintf(one, sizeof one, RECORDS_HEAD "R00000,A,%s,,,S0,,admin,indirect,centre,other,,0,1,,\n",
             sp->as_of ? sp->as_of : "2024-12-31");
    feed(r, sp->records ? sp->records : one);
    feed(r, sp->scores);
    feed(r, sp->survey);
    feed(r, sp->findings);
    assert_int_equal(jz_scorer_result(r->scorer, 0, &r->res, &err), JZ_OK);
}

static void done(run *r)
{
    jz_scorer_free(r->scorer);
    jz_roster_free(&r->roster);
    jz_contracts_free(&r->contracts);
    jz_rubric_free(&r->rubric);
}

static const jz_ind_result *ind(const run *r, const char *id)
{
    for (size_t i = 0; i < r->res->nind; i++)
        if (strcmp(r->res->ind[i].ind->id, id) == 0)
            return &r->res->ind[i];
    fail_msg("no indicator %s", id);
    return NULL;
}

/* Score one indicator (YAML lines under "indicators:") on the given records. */
static void score_one(run *r, const char *indicator_yaml, const char *records_text, const char *as_of)
{
    char text[4096];
    snprintf(text, sizeof text, HEAD NA_ANY SEC "%s", indicator_yaml);
    spec sp = {.rubric = text, .records = records_text, .as_of = as_of};
    score(r, &sp);
}

#define assert_earned(r, id, want, st)                                                      \
    do {                                                                                     \
        const jz_ind_result *x_ = ind(r, id);                                               \
        if (x_->earned != (want) || x_->status != (st))                                      \
            print_error("%s: %s\n", id, x_->derivation);                                     \
        assert_int_equal(x_->earned, (want));                                                \
        assert_int_equal(x_->status, (st));                                                  \
    } while (0)

/* `n` direct case rows (the measure below counts them). */
static char *cases(int n)
{
    records rc;
    rec_begin(&rc);
    rows(&rc, n, "2024-01-02,,,S1,,case,direct,home,elderly,C1,1,1,,");
    return rec_end(&rc);
}

#define CASES_BANDS                                                                         \
    "      - id: cases\n        points: 9\n"                                                 \
    "        measure: {count: records, where: {kind: case}}\n"                               \
    "        target: {contract: target_cases}\n        score: " BANDS "\n"

/* ---- bands ---- */

static void test_bands_exactly_80(void **state)
{
    (void)state;
    run r;
    char *rec = cases(8);
    score_one(&r, CASES_BANDS, rec, NULL);
    const jz_ind_result *x = ind(&r, "cases");
    assert_int_equal(x->value, 80000);
    assert_int_equal(x->target, 100000);
    assert_int_equal(x->ratio, 8000);
    assert_earned(&r, "cases", 60000, JZ_IS_PARTIAL);  /* 2/3 of 9 = 6.00 */
    assert_non_null(strstr(x->derivation, "2/3 of 9.00 = 6.00"));
    done(&r);
    free(rec);
}

static void test_bands_below_80(void **state)
{
    (void)state;
    run r;
    char *rec = cases(7);
    score_one(&r, CASES_BANDS, rec, NULL);
    assert_earned(&r, "cases", 30000, JZ_IS_PARTIAL);  /* 70 % -> 1/3 of 9 = 3.00 */
    done(&r);
    free(rec);
}

static void test_bands_exactly_100(void **state)
{
    (void)state;
    run r;
    char *rec = cases(10);
    score_one(&r, CASES_BANDS, rec, NULL);
    assert_earned(&r, "cases", 90000, JZ_IS_FULL);
    done(&r);
    free(rec);
    rec = cases(9);
    score_one(&r, CASES_BANDS, rec, NULL);
    assert_earned(&r, "cases", 60000, JZ_IS_PARTIAL);  /* 90 % -> 2/3 */
    done(&r);
    free(rec);
    rec = cases(5);
    score_one(&r, CASES_BANDS, rec, NULL);
    assert_earned(&r, "cases", 0, JZ_IS_ZERO);  /* 50 % -> below 60 % -> 0 */
    done(&r);
    free(rec);
}

#define HOURS_BANDS                                                                         \
    "      - id: h\n        points: 9\n"                                                     \
    "        measure: {sum: hours, where: {kind: case}}\n"                                   \
    "        target: {contract: target_hours}\n        score: " BANDS "\n"

/* 799 h 59 min of 1000 h is 79.998 %: below the 80 % band, though 4 decimals read 0.8000. */
static void test_bands_just_below_80(void **state)
{
    (void)state;
    run r;
    records rc;
    rec_begin(&rc);
    hours_rows(&rc, "case", "direct", 33, "24");                      /* 792 h */
    rows(&rc, 1, "2024-03-01,08:00,15:59,S1,,case,direct,home,,,,,,"); /* 7 h 59 min */
    char *rec = rec_end(&rc);
    score_one(&r, HOURS_BANDS, rec, NULL);
    const jz_ind_result *x = ind(&r, "h");
    assert_int_equal(x->target, 10000000);
    assert_earned(&r, "h", 30000, JZ_IS_PARTIAL);  /* 1/3 of 9 */
    done(&r);
    free(rec);

    /* 79 h 59 min of 100 h: 79.98 % -> 1/3 */
    rec_begin(&rc);
    hours_rows(&rc, "case", "direct", 3, "24");
    rows(&rc, 1, "2024-03-01,08:00,15:59,S1,,case,direct,home,,,,,,");
    rec = rec_end(&rc);
    score_one(&r,
              "      - id: h\n        points: 9\n"
              "        measure: {sum: hours, where: {kind: case}}\n"
              "        target: 100\n        score: " BANDS "\n",
              rec, NULL);
    assert_int_equal(ind(&r, "h")->target, 1000000);
    assert_int_equal(ind(&r, "h")->ratio, 7998);
    assert_earned(&r, "h", 30000, JZ_IS_PARTIAL);
    done(&r);
    free(rec);
}

static void test_target_zero_is_met(void **state)
{
    (void)state;
    run r;
    score_one(&r,
              "      - id: z\n        points: 5\n"
              "        measure: {count: records, where: {kind: case}}\n"
              "        target: {contract: target_zero}\n        score: " BANDS "\n",
              NULL, NULL);
    const jz_ind_result *x = ind(&r, "z");
    assert_int_equal(x->value, 0);
    assert_int_equal(x->target, 0);
    assert_int_equal(x->ratio, JZ_FP);
    assert_earned(&r, "z", 50000, JZ_IS_FULL);
    assert_non_null(strstr(x->derivation, "target of 0"));
    done(&r);
}

/* Lower is better and a target of 0 (no complaints allowed): 3 found earn nothing; the
 * engine used to call any value "met" (issue 11, item 7). */
static void test_target_zero_lower_is_better(void **state)
{
    (void)state;
    run r;
    char *rec = cases(3);
    score_one(&r,
              "      - id: z\n        points: 5\n"
              "        measure: {count: records, where: {kind: case}}\n"
              "        target: {contract: target_zero}\n        direction: lower\n",
              rec, NULL);
    const jz_ind_result *x = ind(&r, "z");
    assert_int_equal(x->value, 30000);
    assert_int_equal(x->target, 0);
    assert_int_equal(x->ratio, JZ_NONE);
    assert_earned(&r, "z", 0, JZ_IS_ZERO);
    assert_non_null(strstr(x->derivation, "against a target of 0, lower is better: above it"));
    done(&r);
    free(rec);
    score_one(&r,
              "      - id: z\n        points: 5\n"
              "        measure: {count: records, where: {kind: visit}}\n"
              "        target: {contract: target_zero}\n        direction: lower\n",
              NULL, NULL);
    assert_earned(&r, "z", 50000, JZ_IS_FULL);  /* none found: met */
    done(&r);
}

/* Piecewise-linear: 7 of 10 cases (70 %) between [60%, 0.5] and [90%, 1]:
 * f = 0.5 + 0.5 x (0.7 - 0.6) / 0.3 = 2/3 exactly -> 2/3 of 9 = 6.00; at or below the
 * first breakpoint its f, above the last the last's. */
static void test_piecewise_is_exact_between_breakpoints(void **state)
{
    (void)state;
    static const int counts[] = {7, 3, 12};
    static const int64_t want[] = {60000, 45000, 90000};  /* 3 of 10 is below 60 %: 0.5 of 9 */
    for (int k = 0; k < 3; k++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml,
                 "      - id: p\n        points: 9\n"
                 "        measure: {count: records, where: {kind: case}}\n"
                 "        target: {contract: target_cases}\n"
                 "        score: {method: piecewise, points: [[60%%, 0.5], [90%%, 1]]}\n");
        run r;
        char *rec = cases(counts[k]);
        score_one(&r, yaml, rec, NULL);
        const jz_ind_result *x = ind(&r, "p");
        if (x->earned != want[k])
            print_error("%d cases: %s\n", counts[k], x->derivation);
        assert_int_equal(x->earned, want[k]);
        done(&r);
        free(rec);
    }
}

static void test_target_missing_is_na(void **state)
{
    (void)state;
    run r;
    char *rec = cases(3);
    score_one(&r,
              "      - id: m\n        points: 5\n"
              "        measure: {count: records, where: {kind: case}}\n"
              "        target: {contract: target_missing}\n"
              "      - id: other\n        points: 5\n"
              "        measure: {count: records, where: {kind: case}}\n"
              "        target: 3\n",
              rec, NULL);
    const jz_ind_result *x = ind(&r, "m");
    assert_int_equal(x->status, JZ_IS_NA);
    assert_non_null(strstr(x->derivation, "no target_missing"));
    assert_int_equal(r.res->applicable, 50000);
    assert_int_equal(r.res->total, 1000000);  /* 5 of 5 applicable, re-weighted to 100.0 */
    done(&r);
    free(rec);
}

/* ---- proportional ---- */

#define CASES_PROP(dir)                                                                     \
    "      - id: p\n        points: 10\n"                                                    \
    "        measure: {count: records, where: {kind: case}}\n"                               \
    "        target: {contract: target_cases}\n" dir

static void test_proportional(void **state)
{
    (void)state;
    run r;
    char *rec = cases(15);
    score_one(&r, CASES_PROP(""), rec, NULL);
    assert_int_equal(ind(&r, "p")->ratio, 15000);
    assert_earned(&r, "p", 100000, JZ_IS_FULL);  /* 150 %, capped at 100 % */
    done(&r);
    free(rec);
    rec = cases(7);
    score_one(&r, CASES_PROP(""), rec, NULL);
    assert_earned(&r, "p", 70000, JZ_IS_PARTIAL);
    done(&r);
    free(rec);
    score_one(&r, CASES_PROP(""), NULL, NULL);
    assert_earned(&r, "p", 0, JZ_IS_ZERO);
    done(&r);
}

/* An entered indicator worth 200 points, scored 133.33 by its one evaluator, earns
 * 133.33: the points must not go through a ratio rounded to 4 decimals (0.6667). */
static void test_direct_keeps_the_points(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text,
             "id: t\nversion: \"1\"\nscale: 1000\nrounding: {indicator: 2, total: 1, mode: half_up}\n"
             "grades:\n  - {grade: 合格, min: 600}\n  - {grade: 不合格, min: 0}\npass_grade: 合格\n" NA_ANY SEC
             "      - id: e\n        points: 200\n        measure: {entered: true}\n        score: direct\n"
             "      - id: s\n        points: 45\n        measure: {survey: true}\n");
    /* survey: 1 满意 + 2 基本满意 + 3 不满意 -> 11/6 = 1.8333 of 5 -> 45 x 11/30 = 16.50 */
    spec sp = {.rubric = text,
               .scores = "centre,indicator,evaluator,score,comment\nA,e,甲,133.33,\n",
               .survey = "centre,respondent,group,question,answer\n"
                         "A,r1,g,q,满意\nA,r2,g,q,基本满意\nA,r3,g,q,基本满意\n"
                         "A,r4,g,q,不满意\nA,r5,g,q,不满意\nA,r6,g,q,不满意\n"};
    run r;
    score(&r, &sp);
    assert_earned(&r, "e", 1333300, JZ_IS_PARTIAL);
    assert_earned(&r, "s", 165000, JZ_IS_PARTIAL);
    done(&r);
}

#define SURVEY_RUBRIC                                                                       \
    "id: t\nversion: \"1\"\nscale: 1000\nrounding: {indicator: 2, total: 1, mode: half_up}\n"   \
    "grades:\n  - {grade: 合格, min: 600}\n  - {grade: 不合格, min: 0}\npass_grade: 合格\n" NA_ANY SEC \
    "      - id: s\n        points: 45\n        measure: {survey: true}\n"

/* 70 groups, 69 all 满意 (5) and the last 不满意 (0): every group counts, none is dropped
 * after the 64th: mean (69 x 5 + 0) / 70 = 4.92857 of 5 -> 45 x 69/70 = 44.357 -> 44.36. */
static void test_survey_counts_every_group_beyond_64(void **state)
{
    (void)state;
    size_t cap = 70 * 40 + 64, n = 0;
    char *survey = malloc(cap);
    n += (size_t)snprintf(survey + n, cap - n, "centre,respondent,group,question,answer\n");
    for (int g = 1; g <= 70; g++)
        n += (size_t)snprintf(survey + n, cap - n, "A,r%d,g%d,q,%s\n", g, g, g == 70 ? "不满意" : "满意");
    spec sp = {.rubric = SURVEY_RUBRIC, .survey = survey};
    run r;
    score(&r, &sp);
    assert_earned(&r, "s", 443600, JZ_IS_PARTIAL);
    done(&r);
    free(survey);
}

/* Two questions whose group and text agree in their first 600 bytes stay two questions:
 * q1 满意 x2 (5), q2 不满意 (0) -> group mean (5 + 0) / 2 = 2.5 of 5 -> 22.50 (cut at 511
 * bytes they merged into one question, (5 + 5 + 0) / 3, 30.00). */
static void test_survey_questions_are_never_cut(void **state)
{
    (void)state;
    char q[601], survey[2048];
    memset(q, 'q', 600);
    q[600] = '\0';
    snprintf(survey, sizeof survey,
             "centre,respondent,group,question,answer\nA,r1,g,%s1,满意\nA,r2,g,%s1,满意\nA,r3,g,%s2,不满意\n", q, q, q);
    spec sp = {.rubric = SURVEY_RUBRIC, .survey = survey};
    run r;
    score(&r, &sp);
    assert_earned(&r, "s", 225000, JZ_IS_PARTIAL);
    done(&r);
}

/* ---- lower is better ---- */

#define LOWER(score_yaml)                                                                   \
    "      - id: lo\n        points: 12\n"                                                   \
    "        measure: {count: records, where: {kind: case}}\n"                               \
    "        target: {contract: target_cases}\n        direction: lower\n" score_yaml

static void test_lower_is_better(void **state)
{
    (void)state;
    run r;
    char *rec = cases(12);  /* 120 % of the target: 1 / 1.2 = 83.33 % -> 10.00 of 12 */
    score_one(&r, LOWER(""), rec, NULL);
    assert_earned(&r, "lo", 100000, JZ_IS_PARTIAL);
    done(&r);
    score_one(&r, LOWER("        score: {method: threshold, at: 100%}\n"), rec, NULL);
    assert_earned(&r, "lo", 0, JZ_IS_ZERO);  /* 120 % is not at or under 100 % */
    done(&r);
    free(rec);
    rec = cases(10);  /* exactly at the mark */
    score_one(&r, LOWER("        score: {method: threshold, at: 100%}\n"), rec, NULL);
    assert_earned(&r, "lo", 120000, JZ_IS_FULL);
    done(&r);
    free(rec);
    rec = cases(4);  /* 40 %: proportional 1 / 0.4, capped */
    score_one(&r, LOWER(""), rec, NULL);
    assert_earned(&r, "lo", 120000, JZ_IS_FULL);
    done(&r);
    free(rec);
    score_one(&r, LOWER(""), NULL, NULL);  /* none at all: the best */
    assert_earned(&r, "lo", 120000, JZ_IS_FULL);
    done(&r);
}

/* Bands for a lower-is-better measure, listed from the highest threshold down: at or
 * under 100 % all the points, under 120 % 2/3, under 150 % 1/3, above nothing. */
static void test_lower_is_better_bands(void **state)
{
    (void)state;
    static const struct { int n; int64_t want; jz_istatus st; } cases_[] = {
        {9, 120000, JZ_IS_FULL},      /* 90 % */
        {10, 120000, JZ_IS_FULL},     /* 100 % */
        {11, 80000, JZ_IS_PARTIAL},   /* 110 % -> 2/3 */
        {12, 80000, JZ_IS_PARTIAL},   /* 120 % exactly -> 2/3 */
        {15, 40000, JZ_IS_PARTIAL},   /* 150 % exactly -> 1/3 */
        {16, 0, JZ_IS_ZERO},          /* 160 % */
    };
    for (size_t i = 0; i < sizeof cases_ / sizeof cases_[0]; i++) {
        run r;
        char *rec = cases(cases_[i].n);
        score_one(&r, LOWER("        score: {method: bands, bands: [[150%, 1/3], [120%, 2/3], [100%, 1]]}\n"), rec,
                  NULL);
        assert_earned(&r, "lo", cases_[i].want, cases_[i].st);
        done(&r);
        free(rec);
    }
}

/* ---- efficacy ---- */

/* direct and indirect case hours, in minutes (rows of at most 10 h) */
static char *share_records(int direct, int indirect)
{
    records rc;
    rec_begin(&rc);
    char line[160];
    for (int i = 0; i < 2; i++)
        for (int left = i ? indirect : direct; left > 0; left -= 600) {
            int m = left > 600 ? 600 : left;
            snprintf(line, sizeof line, "2024-01-02,08:00,%02d:%02d,S1,,case,%s,centre,,,,,,", 8 + m / 60, m % 60,
                     i ? "indirect" : "direct");
            rows(&rc, 1, line);
        }
    return rec_end(&rc);
}

#define EFFICACY(params)                                                                    \
    "      - id: ef\n        points: 15\n"                                                   \
    "        measure:\n          share: {mode: direct}\n          of: {kind: case}\n"        \
    "        score: {method: efficacy, " params "}\n"

static void test_efficacy(void **state)
{
    (void)state;
    static const struct { int direct, indirect; const char *params; int64_t want; jz_istatus st; } c[] = {
        {850, 150, "good: 0.85, bad: 0.6", 150000, JZ_IS_FULL},         /* x = good -> 100 */
        {725, 275, "good: 0.85, bad: 0.6", 120000, JZ_IS_PARTIAL},      /* halfway -> 80 */
        {600, 400, "good: 0.85, bad: 0.6", 90000, JZ_IS_PARTIAL},       /* x = bad -> 60 */
        {350, 650, "good: 0.85, bad: 0.6", 30000, JZ_IS_PARTIAL},       /* below bad: 20, no floor at 60 */
        {950, 50, "good: 0.85, bad: 0.6", 150000, JZ_IS_FULL},          /* above good: 116, clamped to 100 */
        {0, 1000, "good: 0.85, bad: 0.6, clamp: [0, 100]", 0, JZ_IS_ZERO}, /* -36 -> 0 */
        {350, 650, "good: 0.85, bad: 0.6, clamp: [60, 100]", 90000, JZ_IS_PARTIAL}, /* 20 -> 60 */
        /* good below bad: lower is better (here the direct share stands for, say, a
         * complaint rate): 0.1 -> 100, 0.2 -> 80, 0.3 -> 60, 0.4 -> 40 */
        {100, 900, "good: 0.1, bad: 0.3", 150000, JZ_IS_FULL},
        {200, 800, "good: 0.1, bad: 0.3", 120000, JZ_IS_PARTIAL},
        {300, 700, "good: 0.1, bad: 0.3", 90000, JZ_IS_PARTIAL},
        {400, 600, "good: 0.1, bad: 0.3", 60000, JZ_IS_PARTIAL},
        {50, 950, "good: 0.1, bad: 0.3", 150000, JZ_IS_FULL},           /* 110 -> 100 */
        /* x = 0.4875: 60 + 40 x (-0.1125 / 0.25) = 42.00 exactly -> 6.30 */
        {4875, 5125, "good: 0.85, bad: 0.6", 63000, JZ_IS_PARTIAL},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml, EFFICACY("%s"), c[i].params);
        char *rec = share_records(c[i].direct, c[i].indirect);
        run r;
        score_one(&r, yaml, rec, NULL);
        assert_earned(&r, "ef", c[i].want, c[i].st);
        done(&r);
        free(rec);
    }
}

/* With a target, x is the completion ratio: 8 of 10 with good 1, bad 0.6 -> 80. */
static void test_efficacy_on_ratio(void **state)
{
    (void)state;
    run r;
    char *rec = cases(8);
    score_one(&r,
              "      - id: ef\n        points: 20\n"
              "        measure: {count: records, where: {kind: case}}\n"
              "        target: {contract: target_cases}\n"
              "        score: {method: efficacy, good: 1, bad: 0.6}\n",
              rec, NULL);
    assert_earned(&r, "ef", 160000, JZ_IS_PARTIAL);
    done(&r);
    free(rec);
}

/* ---- threshold and share ---- */

#define THRESHOLD                                                                           \
    "      - id: th\n        points: 10\n"                                                   \
    "        measure:\n          share: {mode: direct}\n          of: {kind: case}\n"        \
    "        score: {method: threshold, at: 60%}\n"

static void test_threshold_and_share(void **state)
{
    (void)state;
    run r;
    char *rec = share_records(600, 400);  /* exactly 60 % */
    score_one(&r, THRESHOLD, rec, NULL);
    const jz_ind_result *x = ind(&r, "th");
    assert_int_equal(x->value, 6000);
    assert_string_equal(x->value_text, "60.0 %");
    assert_earned(&r, "th", 100000, JZ_IS_FULL);
    done(&r);
    free(rec);
    rec = share_records(599, 401);  /* 59.9 % */
    score_one(&r, THRESHOLD, rec, NULL);
    assert_earned(&r, "th", 0, JZ_IS_ZERO);
    done(&r);
    free(rec);
    rec = share_records(59999, 40001);  /* 59.999 %: still short of 60 % */
    score_one(&r, THRESHOLD, rec, NULL);
    assert_earned(&r, "th", 0, JZ_IS_ZERO);
    done(&r);
    free(rec);
    /* no case hours at all: the share is n/a, not 0 */
    score_one(&r, THRESHOLD, NULL, NULL);
    assert_int_equal(ind(&r, "th")->status, JZ_IS_NA);
    done(&r);
}

/* A share's part is tested by its enum masks first, then by where_match when it has more
 * (score.c acc_share): here hours at least 2, so only the 3-hour direct row is in the part;
 * a row whose mode is not read is in the whole only. */
static void test_share_part_beyond_enums(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    rows(&rc, 1, "2024-01-02,,,S1,,case,direct,home,elderly,C1,1,1,,");
    rows(&rc, 1, "2024-01-02,,,S1,,case,direct,home,elderly,C1,1,3,,");
    rows(&rc, 1, "2024-01-03,,,S1,,case,indirect,home,elderly,C1,1,4,,");
    rows(&rc, 1, "2024-01-03,,,S1,,case,,home,elderly,C1,1,2,,");
    rows(&rc, 1, "2024-01-04,,,S1,,group,direct,centre,youth,,5,6,,");  /* not in the whole */
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: sh\n        points: 10\n"
              "        measure:\n          share: {mode: direct, hours: {min: 2}}\n          of: {kind: case}\n"
              "        score: {method: threshold, at: 30%}\n",
              rec, NULL);
    assert_int_equal(ind(&r, "sh")->value, 3000);  /* 3 of 1 + 3 + 4 + 2 hours */
    assert_earned(&r, "sh", 100000, JZ_IS_FULL);
    done(&r);
    free(rec);
}

/* ---- count_distinct ---- */

static void test_distinct_min_rows(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    rows(&rc, 5, "2024-01-02,,,S1,,case,direct,home,,C1,1,1,,");  /* 5 contacts: not a case */
    rows(&rc, 6, "2024-01-03,,,S1,,case,direct,home,,C2,1,1,,");  /* 6: a case */
    rows(&rc, 9, "2024-01-04,,,S1,,case,indirect,home,,C3,1,1,,"); /* indirect: not counted */
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: d\n        points: 10\n"
              "        measure:\n          count_distinct: client\n"
              "          where: {kind: case, mode: direct}\n          having: {min_rows: 6}\n"
              "        target: 2\n",
              rec, NULL);
    const jz_ind_result *x = ind(&r, "d");
    assert_int_equal(x->value, 10000);
    assert_string_equal(x->value_text, "1 clients");
    assert_earned(&r, "d", 50000, JZ_IS_PARTIAL);
    done(&r);
    free(rec);
}

/* Client ids of one numbered series are found through the series' table (score.c
 * kspace_ids), the others through the names; either way each distinct string counts
 * once. K0036 twice, K036 and K36 (other digit counts), k0036 (another prefix), K0036x
 * (no trailing digits), K00360 (five digits), 1234567890 (ten digits: no series), and
 * K0001..K0050 with every third written twice: 50 + 6 distinct ids, with a min_rows of 1. */
static void test_distinct_numbered_ids(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    static const char *const odd[] = {"K0036", "K036", "K36", "k0036", "K0036x", "K00360", "1234567890", "K0036"};
    char line[160];
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        snprintf(line, sizeof line, "2024-01-02,,,S1,,case,direct,home,,%s,1,1,,", odd[i]);
        rows(&rc, 1, line);
    }
    for (int i = 1; i <= 50; i++) {
        snprintf(line, sizeof line, "2024-01-03,,,S1,,case,direct,home,,K%04d,1,1,,", i);
        rows(&rc, i % 3 ? 1 : 2, line);
    }
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: d\n        points: 10\n"
              "        measure:\n          count_distinct: client\n"
              "        target: 100\n",
              rec, NULL);
    /* K0036 is also K0036 of 1..50 (the 36th): so 50 + K036, K36, k0036, K0036x, K00360, 1234567890 */
    assert_string_equal(ind(&r, "d")->value_text, "56 clients");
    done(&r);
    free(rec);
}

/* The ids of the series (K0001) and the named ones (X) take their numbers from one count,
 * in order of first sight (score.c kspace_ids): interleaved, each keeps its own rows. */
static void test_distinct_series_and_names_interleaved(void **state)
{
    (void)state;
    static const char *const ids[] = {"K0001", "X", "K0002", "Y", "K0001", "Y", "Z", "K0003", "Z", "Z"};
    records rc;
    rec_begin(&rc);
    char line[160];
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        snprintf(line, sizeof line, "2024-01-02,,,S1,,case,direct,home,,%s,1,1,,", ids[i]);
        rows(&rc, 1, line);
    }
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: two\n        points: 10\n"
              "        measure:\n          count_distinct: client\n          having: {min_rows: 2}\n"
              "        target: 3\n"
              "      - id: three\n        points: 10\n"
              "        measure:\n          count_distinct: client\n          having: {min_rows: 3}\n"
              "        target: 1\n"
              "      - id: all\n        points: 10\n"
              "        measure: {count_distinct: client}\n        target: 6\n",
              rec, NULL);
    assert_int_equal(ind(&r, "two")->value, 30000);   /* K0001, Y, Z */
    assert_int_equal(ind(&r, "three")->value, 10000); /* Z */
    assert_int_equal(ind(&r, "all")->value, 60000);   /* K0001, X, K0002, Y, Z, K0003 */
    done(&r);
    free(rec);
}

/* Groups: sessions T-G1-01.. cut after the last "-"; a group counts with >= 6 sessions and
 * >= 42 attendances, a session's participants once however many staff rows it has. */
static void test_distinct_groups(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    char line[160];
    for (int s = 1; s <= 6; s++)
        for (int staff = 1; staff <= 2; staff++) {
            /* G1: 6 sessions x 7 = 42 attendances exactly (84 if rows were added up) */
            snprintf(line, sizeof line, "2024-02-%02d,,,S%d,T-G1-%02d,group,direct,centre,,,7,2,,", s, staff, s);
            rows(&rc, 1, line);
            /* G2: 6 sessions x 5 = 30 (60 if rows were added up): too few attendances */
            snprintf(line, sizeof line, "2024-03-%02d,,,S%d,T-G2-%02d,group,direct,centre,,,5,2,,", s, staff, s);
            rows(&rc, 1, line);
        }
    for (int s = 1; s <= 5; s++) {  /* G3: 5 sessions x 20: too few sessions */
        snprintf(line, sizeof line, "2024-04-%02d,,,S1,T-G3-%02d,group,direct,centre,,,20,2,,", s, s);
        rows(&rc, 1, line);
    }
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: g\n        points: 10\n"
              "        measure:\n          count_distinct: activity\n          key_drop_after: \"-\"\n"
              "          where: {kind: group, mode: direct}\n"
              "          having: {min_sessions: 6, min_attendances: 42}\n"
              "        target: 1\n"
              "      - id: sessions\n        points: 10\n"
              "        measure: {count_distinct: activity, where: {kind: group}}\n"
              "        target: 17\n",
              rec, NULL);
    assert_int_equal(ind(&r, "g")->value, 10000);
    assert_earned(&r, "g", 100000, JZ_IS_FULL);
    assert_int_equal(ind(&r, "sessions")->value, 170000);  /* 6 + 6 + 5 sessions */
    done(&r);
    free(rec);
}

/* participants, volunteers and volunteer hours describe an activity and are repeated on
 * each of its rows: a sum counts them once per activity id (jiazong-rubric(5)). */
static void test_sum_once_per_activity(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    rows(&rc, 3, "2024-01-05,,,S1,E1,community,direct,community,,,113,2,12,24");  /* 3 staff rows */
    rows(&rc, 1, "2024-01-06,,,S1,E2,community,direct,community,,,50,2,5,7.5");
    rows(&rc, 2, "2024-01-07,,,S1,,community,direct,community,,,10,2,1,1");  /* no activity id: each row */
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: att\n        points: 10\n"
              "        measure: {sum: participants, where: {kind: community}}\n        target: 183\n"
              "      - id: vol\n        points: 10\n"
              "        measure: {sum: volunteers, where: {kind: community}}\n        target: 19\n"
              "      - id: volh\n        points: 10\n"
              "        measure: {sum: volunteer_hours, where: {kind: community}}\n        target: 33.5\n"
              "      - id: h\n        points: 10\n"
              "        measure: {sum: hours, where: {kind: community}}\n        target: 12\n",
              rec, NULL);
    assert_int_equal(ind(&r, "att")->value, 1830000);  /* 113 + 50 + 10 + 10 */
    assert_int_equal(ind(&r, "vol")->value, 190000);   /* 12 + 5 + 1 + 1 */
    assert_int_equal(ind(&r, "volh")->value, 335000);  /* 24 + 7.5 + 1 + 1 */
    assert_int_equal(ind(&r, "h")->value, 120000);     /* hours are each worker's own: 6 x 2 */
    assert_earned(&r, "att", 100000, JZ_IS_FULL);
    done(&r);
    free(rec);
}

/* The rows' enum combinations are looked up once each (score.c's gate cache): a
 * combination seen again after others, one with a column not read (mode empty), one first
 * seen on the last rows, a where with more than enums (participants), and a ratio whose
 * num and den pass different rows must all count as a walk of every indicator does. */
static void test_gate_cache_combinations(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    rows(&rc, 2, "2024-01-02,,,S1,,case,direct,home,elderly,C1,1,1,,");     /* X */
    rows(&rc, 1, "2024-01-02,,,S1,,group,direct,centre,youth,,8,2,,");      /* Y */
    rows(&rc, 1, "2024-01-03,,,S1,,case,,home,elderly,C2,1,6,,");           /* Z: no mode */
    rows(&rc, 1, "2024-01-03,,,S1,,case,direct,home,elderly,C1,3,4,,");     /* X again */
    rows(&rc, 1, "2024-01-04,,,S1,,group,direct,centre,youth,,2,5,,");      /* Y again */
    rows(&rc, 1, "2024-01-04,,,S1,,admin,indirect,centre,other,,1,6,,");    /* first seen last */
    rows(&rc, 1, "2024-01-05,,,S1,,case,direct,home,elderly,C3,5,7,,");     /* X */
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: c\n        points: 10\n"
              "        measure: {count: records, where: {kind: case, mode: direct}}\n        target: 8\n"
              "      - id: big\n        points: 10\n"
              "        measure: {count: records, where: {kind: [case, group], participants: {min: 3}}}\n"
              "        target: 6\n"
              "      - id: r\n        points: 10\n"
              "        measure:\n          ratio: true\n"
              "          num: {sum: hours, where: {kind: case, mode: direct}}\n"
              "          den: {sum: hours, where: {kind: [case, group]}}\n"
              "        score: {method: efficacy, good: 1, bad: 0}\n"
              "      - id: ind\n        points: 10\n"
              "        measure: {count: records, where: {mode: indirect}}\n        target: 2\n"
              "      - id: adm\n        points: 10\n"
              "        measure: {sum: hours, where: {kind: admin}}\n        target: 12\n",
              rec, NULL);
    assert_int_equal(ind(&r, "c")->value, 40000);    /* rows 1, 2, 5, 8 */
    assert_int_equal(ind(&r, "big")->value, 30000);  /* 8, 3 and 5 participants */
    assert_int_equal(ind(&r, "r")->value, 5000);     /* (1 + 1 + 4 + 7) / (1 + 1 + 2 + 6 + 4 + 5 + 7) */
    assert_int_equal(ind(&r, "ind")->value, 10000);  /* the admin row; the case without mode is not */
    assert_int_equal(ind(&r, "adm")->value, 60000);  /* 6 hours */
    done(&r);
    free(rec);
}

/* A leaf keeps its keys and its activities counted in arrays by the contract's key numbers
 * (score.c), which grow as numbers come: numbers far past the first size, and a leaf whose
 * first number is already past it (the group rows' clients and the community rows'
 * activities were numbered by the case rows first). */
static void test_distinct_and_once_per_activity_many_ids(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    char line[160];
    for (int i = 1; i <= 300; i++) {  /* clients K1..K300, activities A1..A300; every third twice */
        snprintf(line, sizeof line, "2024-01-02,,,S1,A%d,case,direct,home,,K%d,1,1,,", i, i);
        rows(&rc, i % 3 ? 1 : 2, line);
    }
    for (int i = 250; i <= 310; i++) {  /* K250..K310: 11 known, 50 new */
        snprintf(line, sizeof line, "2024-01-03,,,S1,,group,direct,centre,,K%d,1,1,,", i);
        rows(&rc, 1, line);
    }
    for (int i = 1; i <= 200; i++) {  /* E1..E200, two staff rows each with i participants */
        snprintf(line, sizeof line, "2024-01-04,,,S1,E%d,community,direct,community,,,%d,1,,", i, i);
        rows(&rc, 2, line);
    }
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: twice\n        points: 10\n"
              "        measure:\n          count_distinct: client\n"
              "          where: {kind: case}\n          having: {min_rows: 2}\n        target: 100\n"
              "      - id: grp\n        points: 10\n"
              "        measure: {count_distinct: client, where: {kind: group}}\n        target: 61\n"
              "      - id: casep\n        points: 10\n"
              "        measure: {sum: participants, where: {kind: case}}\n        target: 300\n"
              "      - id: comp\n        points: 10\n"
              "        measure: {sum: participants, where: {kind: community}}\n        target: 20100\n",
              rec, NULL);
    assert_int_equal(ind(&r, "twice")->value, 1000000);  /* K3, K6, .. K300 */
    assert_int_equal(ind(&r, "grp")->value, 610000);     /* K250..K310 */
    assert_int_equal(ind(&r, "casep")->value, 3000000);  /* one per activity: A3's second row adds none */
    assert_int_equal(ind(&r, "comp")->value, 201000000); /* 1 + 2 + .. + 200 */
    done(&r);
    free(rec);
}

/* Activity ids of no numbered series are found first in a small table by their first and
 * last 8 bytes and their length (score.c key_id's recent): ids alike in those, differing in
 * the middle only, share its entry and must stay apart; ids of under 8 bytes too. */
static void test_ids_alike_at_both_ends(void **state)
{
    (void)state;
    static const char *const acts[] = {"AAAAAAAA-x-BBBBBBBB", "AAAAAAAA-y-BBBBBBBB", "AAAAAAAA-x-BBBBBBBB",
                                       "AAAAAAAA-y-BBBBBBBB", "AAAAAAAA-z-BBBBBBBB", "x", "xx", "x", "xx"};
    static const int parts[] = {10, 20, 10, 20, 40, 100, 200, 100, 200};
    records rc;
    rec_begin(&rc);
    char line[160];
    for (size_t i = 0; i < sizeof acts / sizeof *acts; i++) {
        snprintf(line, sizeof line, "2024-01-02,,,S1,%s,community,direct,community,,,%d,1,,", acts[i], parts[i]);
        rows(&rc, 1, line);
    }
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: n\n        points: 10\n"
              "        measure: {count_distinct: activity}\n        target: 5\n"
              "      - id: att\n        points: 10\n"
              "        measure: {sum: participants, where: {kind: community}}\n        target: 370\n",
              rec, NULL);
    assert_int_equal(ind(&r, "n")->value, 50000);     /* x-, y-, z-, x, xx */
    assert_int_equal(ind(&r, "att")->value, 3700000); /* 10 + 20 + 40 + 100 + 200 */
    done(&r);
    free(rec);
}

/* ---- hours checks ---- */

static void test_hours_check(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    hours_rows(&rc, "training", "indirect", 50, "12");  /* 600 h of 617.47 h due at 06-30 */
    char *rec = rec_end(&rc);
    run r;
    score_one(&r,
              "      - id: tr\n        points: 10\n        measure: {hours_check: training_hours}\n"
              "      - id: trb\n        points: 9\n        measure: {hours_check: training_hours}\n"
              "        score: " BANDS "\n",
              rec, "2024-06-30");
    const jz_ind_result *x = ind(&r, "tr");
    assert_int_equal(x->value, 9717);
    assert_earned(&r, "tr", 97200, JZ_IS_PARTIAL);
    assert_earned(&r, "trb", 60000, JZ_IS_PARTIAL);
    assert_non_null(strstr(x->derivation, "617.5"));
    done(&r);
    free(rec);

    /* one minute short of 617 h 28 min: short in jz-hours, so not the 100 % band */
    rec_begin(&rc);
    hours_rows(&rc, "training", "indirect", 25, "24");                    /* 600 h */
    rows(&rc, 1, "2024-03-01,06:00,23:27,S1,,training,indirect,centre,,,,,,"); /* 17 h 27 min */
    rec = rec_end(&rc);
    score_one(&r,
              "      - id: trb\n        points: 9\n        measure: {hours_check: training_hours}\n"
              "        score: " BANDS "\n",
              rec, "2024-06-30");
    assert_earned(&r, "trb", 60000, JZ_IS_PARTIAL);
    done(&r);
    free(rec);
}

/* ---- entered scores ---- */

static void entered_run(run *r, const char *aggregate, const char *scores_rows)
{
    char text[2048], scores[1024];
    snprintf(text, sizeof text,
             HEAD NA_ANY SEC "      - id: e\n        points: 30\n"
                             "        measure: {entered: true, aggregate: %s, tolerance: 5}\n        score: direct\n",
             aggregate);
    snprintf(scores, sizeof scores, "centre,indicator,evaluator,score,comment\n%s", scores_rows);
    spec sp = {.rubric = text, .scores = scores};
    score(r, &sp);
}

static void test_entered_aggregates(void **state)
{
    (void)state;
    run r;
    /* mean of 10, 11, 12.5 = 11.1667 -> 11.17 */
    entered_run(&r, "mean", "A,e,甲,10,\nA,e,乙,11,\nA,e,丙,12.5,\n");
    const jz_ind_result *x = ind(&r, "e");
    assert_int_equal(x->value, 111667);
    assert_earned(&r, "e", 111700, JZ_IS_PARTIAL);
    assert_int_equal(x->nscores, 3);
    assert_false(x->disagreement);
    assert_int_equal(x->spread, 25000);
    done(&r);
    /* median of an even count: 10, 12, 14, 20 -> (12 + 14) / 2 = 13 */
    entered_run(&r, "median", "A,e,甲,20,\nA,e,乙,12,\nA,e,丙,10,\nA,e,丁,14,\n");
    assert_int_equal(ind(&r, "e")->value, 130000);
    assert_earned(&r, "e", 130000, JZ_IS_PARTIAL);
    assert_true(ind(&r, "e")->disagreement);  /* spread 10 > 5 */
    done(&r);
    /* median of 12 and 12.5: 12.25 */
    entered_run(&r, "median", "A,e,甲,12,\nA,e,乙,12.5,\n");
    assert_int_equal(ind(&r, "e")->value, 122500);
    done(&r);
    /* trimmed mean drops the highest and the lowest: 22, 21.5, 11 -> 21.5 (HZ-BH) */
    entered_run(&r, "trimmed_mean", "A,e,陈敏,22,\nA,e,李婷,21.5,\nA,e,周建国,11,五份个案缺评估\n");
    x = ind(&r, "e");
    assert_int_equal(x->value, 215000);
    assert_earned(&r, "e", 215000, JZ_IS_PARTIAL);
    assert_true(x->disagreement);  /* spread 11 > 5 */
    assert_int_equal(x->spread, 110000);
    assert_non_null(strstr(x->derivation, "evaluators disagree"));
    assert_int_equal(x->nscores, 3);
    assert_string_equal(x->scores[2].comment, "五份个案缺评估");
    done(&r);
    /* ... of 4 scores: 5, 10, 12, 20 -> mean of 10 and 12 = 11 */
    entered_run(&r, "trimmed_mean", "A,e,甲,5,\nA,e,乙,10,\nA,e,丙,12,\nA,e,丁,20,\n");
    assert_int_equal(ind(&r, "e")->value, 110000);
    done(&r);
    /* ... of 2 scores: nothing dropped, the mean */
    entered_run(&r, "trimmed_mean", "A,e,甲,20,\nA,e,乙,25,\n");
    assert_int_equal(ind(&r, "e")->value, 225000);
    assert_false(ind(&r, "e")->disagreement);  /* spread 5 = tolerance: not above it */
    done(&r);
    /* equal scores: spread 0 */
    entered_run(&r, "mean", "A,e,甲,30,\nA,e,乙,30,\n");
    assert_int_equal(ind(&r, "e")->spread, 0);
    assert_false(ind(&r, "e")->disagreement);
    assert_earned(&r, "e", 300000, JZ_IS_FULL);
    done(&r);
    /* no score at all: n/a */
    entered_run(&r, "mean", "");
    assert_int_equal(ind(&r, "e")->status, JZ_IS_NA);
    done(&r);
}

static void test_entered_errors(void **state)
{
    (void)state;
    run r;
    entered_run(&r, "mean", "A,e,甲,30.5,\nA,nope,甲,3,\nB,e,甲,3,\n");
    /* above the points and an unknown centre are errors; an indicator the rubric does not
     * have (a district overlay removed it) is a warning, and the score is not used */
    assert_int_equal(r.diag.count[JZ_ERROR], 2);
    assert_int_equal(r.diag.count[JZ_WARNING], 1);
    assert_string_equal(r.last_code, "unknown-centre");
    assert_int_equal(ind(&r, "e")->status, JZ_IS_NA);
    done(&r);
}

/* ---- survey ---- */

static void survey_run(run *r, const char *answers)
{
    char text[2048], survey[2048];
    snprintf(text, sizeof text, HEAD NA_ANY SEC
             "      - id: sv\n        points: 15\n        measure: {survey: true, questions: [q1, q2]}\n");
    snprintf(survey, sizeof survey, "centre,respondent,group,question,answer\n%s", answers);
    spec sp = {.rubric = text, .survey = survey};
    score(r, &sp);
}

static void test_survey(void **state)
{
    (void)state;
    run r;
    survey_run(&r, "A,r1,用户,q1,满意\nA,r2,用户,q1,基本满意\nA,r3,用户,q1,不满意\n");
    const jz_ind_result *x = ind(&r, "sv");
    assert_int_equal(x->value, 26667);  /* 8 / 3 */
    assert_earned(&r, "sv", 80000, JZ_IS_PARTIAL);  /* 15 x 2.6667 / 5 = 8.00 */
    done(&r);
    /* 不了解 scores as the mean of the others: the mean is unchanged */
    survey_run(&r, "A,r1,用户,q1,满意\nA,r2,用户,q1,基本满意\nA,r3,用户,q1,不满意\nA,r4,用户,q1,不了解\n"
                   "A,r5,用户,q1,不了解\n");
    assert_int_equal(ind(&r, "sv")->value, 26667);
    assert_earned(&r, "sv", 80000, JZ_IS_PARTIAL);
    done(&r);
    /* all 不了解: nothing to score */
    survey_run(&r, "A,r1,用户,q1,不了解\nA,r2,用户,q1,不了解\n");
    assert_int_equal(ind(&r, "sv")->status, JZ_IS_NA);
    done(&r);
    /* a question not in the measure is left out */
    survey_run(&r, "A,r1,用户,q1,满意\nA,r1,用户,q9,不满意\n");
    assert_int_equal(ind(&r, "sv")->value, 50000);
    assert_earned(&r, "sv", 150000, JZ_IS_FULL);
    done(&r);
    /* groups of different sizes weigh the same: (5 + 0) / 2 = 2.5, not 10 / 6 */
    survey_run(&r, "A,s1,街道,q1,满意\nA,s2,街道,q1,满意\n"
                   "A,c1,居委,q1,不满意\nA,c2,居委,q1,不满意\nA,c3,居委,q1,不满意\nA,c4,居委,q1,不满意\n");
    assert_int_equal(ind(&r, "sv")->value, 25000);
    assert_earned(&r, "sv", 75000, JZ_IS_PARTIAL);
    done(&r);
    /* a group's score is the mean of its questions: q1 5, q2 3 -> 4 */
    survey_run(&r, "A,r1,用户,q1,满意\nA,r2,用户,q1,满意\nA,r1,用户,q2,基本满意\n");
    assert_int_equal(ind(&r, "sv")->value, 40000);
    done(&r);
    /* an unknown answer is an error at its line */
    survey_run(&r, "A,r1,用户,q1,很满意\n");
    assert_int_equal(r.diag.count[JZ_ERROR], 1);
    assert_string_equal(r.last_code, "bad-enum");
    done(&r);
}

/* ---- the total: deductions, vetoes, n/a, rounding, grades ---- */

#define ONE_ENTERED SEC "      - id: e\n        points: 100\n        measure: {entered: true}\n        score: direct\n"
#define FINDINGS_HEAD "centre,date,visit,code,points,description\n"

static void total_run(run *r, const char *top, const char *score_text, const char *findings, const char *records_text)
{
    char text[4096], scores[256];
    snprintf(text, sizeof text, HEAD "%s" ONE_ENTERED, top);
    snprintf(scores, sizeof scores, "centre,indicator,evaluator,score,comment\nA,e,甲,%s,\n", score_text);
    spec sp = {.rubric = text, .scores = scores, .findings = findings, .records = records_text, .as_of = "2024-06-30"};
    score(r, &sp);
}

static void test_deductions(void **state)
{
    (void)state;
    const char *f = FINDINGS_HEAD "A,2024-03-01,过程评估1,INS-A,10,无人值守\nA,2024-05-01,过程评估2,INS-B,5,记录不符\n";
    run r;
    total_run(&r, NA_ANY "deductions: {cap: 50}\n", "95", f, NULL);
    assert_int_equal(r.res->deductions, 150000);
    assert_int_equal(r.res->total, 800000);  /* 95 - 15 = 80.0: exactly the 良好 minimum */
    assert_string_equal(r.res->grade, "良好");
    assert_int_equal(r.res->napplied, 2);
    assert_string_equal(r.res->applied[0].what, "deduction");
    assert_int_equal(r.res->applied[0].points, 100000);
    done(&r);
    total_run(&r, NA_ANY "deductions: {cap: 12}\n", "95", f, NULL);
    assert_int_equal(r.res->deductions, 120000);
    assert_int_equal(r.res->total, 830000);
    assert_string_equal(r.res->applied[r.res->napplied - 1].what, "deduction-cap");
    done(&r);
    total_run(&r, NA_ANY, "95", f, NULL);  /* no deductions: in the rubric: not deducted */
    assert_int_equal(r.res->deductions, 0);
    assert_int_equal(r.res->total, 950000);
    done(&r);
    total_run(&r, NA_ANY "deductions: {cap: 50}\n", "10", f, NULL);  /* never below 0 */
    assert_int_equal(r.res->total, 0);
    assert_string_equal(r.res->grade, "不合格");
    done(&r);
}

static void test_finance_veto(void **state)
{
    (void)state;
    run r;
    total_run(&r, NA_ANY "deductions: {cap: 50}\nvetoes:\n  - {id: fin_veto, finding: FIN-VETO, grade: 不合格}\n", "95",
              FINDINGS_HEAD "A,2024-03-29,财务评估,FIN-VETO,0,经费转入个人账户\n", NULL);
    assert_int_equal(r.res->total, 950000);  /* the points stand; the grade does not */
    assert_string_equal(r.res->grade, "不合格");
    assert_int_equal(r.res->napplied, 1);
    assert_string_equal(r.res->applied[0].what, "veto");
    assert_string_equal(r.res->applied[0].id, "fin_veto");
    assert_false(jz_grade_at_least(&r.rubric, r.res->grade, "合格"));
    done(&r);
}

/* A veto that forces a grade is not undone by a later veto that only caps the total: the
 * cap would give 良好 (85), but the forced 不合格 stands, whatever the vetoes' order. */
static void test_forced_grade_survives_a_later_cap(void **state)
{
    (void)state;
    const char *f = FINDINGS_HEAD "A,2024-03-29,财务评估,FIN-VETO,0,经费转入个人账户\nA,2024-04-02,察访,LATE,0,迟报\n";
    run r;
    total_run(&r, NA_ANY "vetoes:\n  - {id: fin_veto, finding: FIN-VETO, grade: 不合格}\n"
                         "  - {id: late, finding: LATE, cap_total: 85}\n", "95", f, NULL);
    assert_int_equal(r.res->total, 850000);
    assert_string_equal(r.res->grade, "不合格");
    done(&r);
    total_run(&r, NA_ANY "vetoes:\n  - {id: late, finding: LATE, cap_total: 85}\n"
                         "  - {id: fin_veto, finding: FIN-VETO, grade: 不合格}\n", "95", f, NULL);
    assert_int_equal(r.res->total, 850000);
    assert_string_equal(r.res->grade, "不合格");
    done(&r);
}

static void test_hours_veto(void **state)
{
    (void)state;
    const char *top = NA_ANY "vetoes:\n  - {id: hv, hours_check: training_hours, below: 60%, cap_total: 59}\n";
    records rc;
    rec_begin(&rc);
    hours_rows(&rc, "training", "indirect", 25, "12");  /* 300 h of 617.47 h: 48.6 % */
    char *rec = rec_end(&rc);
    run r;
    total_run(&r, top, "95", NULL, rec);
    assert_int_equal(r.res->total, 590000);
    assert_string_equal(r.res->grade, "不合格");
    assert_string_equal(r.res->applied[0].id, "hv");
    assert_int_equal(r.res->applied[0].points, 590000);
    done(&r);
    free(rec);
    rec_begin(&rc);
    hours_rows(&rc, "training", "indirect", 31, "12");  /* 372 h: 60.2 % */
    rec = rec_end(&rc);
    total_run(&r, top, "95", NULL, rec);
    assert_int_equal(r.res->total, 950000);
    assert_string_equal(r.res->grade, "优秀");
    assert_int_equal(r.res->napplied, 0);
    done(&r);
    free(rec);
}

/* The veto's "below 60 %" is decided on minutes, not on the rounded ratio: 60 % of
 * 37048 min is 22228.8 min; 22228 min (59.998 %, 6000 basis points when rounded) is below. */
static void test_hours_veto_edge(void **state)
{
    (void)state;
    const char *top = NA_ANY "vetoes:\n  - {id: hv, hours_check: training_hours, below: 60%, cap_total: 59}\n";
    static const struct { const char *end; int64_t total; } c[] = {{"18:28", 590000}, {"18:29", 950000}};
    for (size_t i = 0; i < 2; i++) {
        records rc;
        rec_begin(&rc);
        hours_rows(&rc, "training", "indirect", 15, "24");  /* 360 h = 21600 min */
        char line[128];
        snprintf(line, sizeof line, "2024-03-01,08:00,%s,S1,,training,indirect,centre,,,,,,", c[i].end);
        rows(&rc, 1, line);
        char *rec = rec_end(&rc);
        run r;
        total_run(&r, top, "95", NULL, rec);
        assert_int_equal(r.res->total, c[i].total);
        done(&r);
        free(rec);
    }
}

/* A threshold written without % is a value in the measure's unit: at least 5 cases. */
static void test_threshold_value(void **state)
{
    (void)state;
    static const char yaml[] = "      - id: t5\n        points: 4\n"
                               "        measure: {count: records, where: {kind: case}}\n"
                               "        score: {method: threshold, at: 5}\n";
    run r;
    char *rec = cases(5);
    score_one(&r, yaml, rec, NULL);
    assert_earned(&r, "t5", 40000, JZ_IS_FULL);
    done(&r);
    free(rec);
    rec = cases(4);
    score_one(&r, yaml, rec, NULL);
    assert_earned(&r, "t5", 0, JZ_IS_ZERO);
    done(&r);
    free(rec);
}

static void test_not_applicable(void **state)
{
    (void)state;
    static const char sections[] = SEC "      - id: a\n        points: 60\n        measure: {entered: true}\n"
                                       "        score: direct\n"
                                       "      - id: b\n        points: 40\n        measure: {entered: true}\n"
                                       "        score: direct\n";
    const char *scores = "centre,indicator,evaluator,score,comment\nA,a,甲,45,\n";
    char text[2048];
    run r;
    snprintf(text, sizeof text, HEAD "not_applicable: {policy: reweight, min_coverage: 60%%}\n%s", sections);
    spec sp = {.rubric = text, .scores = scores};
    score(&r, &sp);
    assert_int_equal(ind(&r, "b")->status, JZ_IS_NA);
    assert_int_equal(r.res->earned, 450000);
    assert_int_equal(r.res->applicable, 600000);
    assert_int_equal(r.res->coverage, 6000);
    assert_int_equal(r.res->reweighted, 750000);  /* 45 x 100 / 60 */
    assert_int_equal(r.res->total, 750000);
    assert_string_equal(r.res->grade, "合格");
    assert_string_equal(r.res->grade_note, "");
    done(&r);

    snprintf(text, sizeof text, HEAD "not_applicable: {policy: reweight, min_coverage: 80%%}\n%s", sections);
    score(&r, &sp);
    assert_int_equal(r.res->total, 750000);
    assert_null(r.res->grade);  /* 60 % of the points is below the 80 % minimum */
    assert_string_equal(r.res->grade_note, "only 60 of the rubric's 100 points could be scored (60 %), "
                                           "below the minimum coverage of 80 %");
    assert_false(jz_grade_at_least(&r.rubric, r.res->grade, "不合格"));
    done(&r);

    snprintf(text, sizeof text, HEAD "not_applicable: {policy: zero, min_coverage: 0%%}\n%s", sections);
    score(&r, &sp);
    assert_int_equal(r.res->total, 450000);
    assert_string_equal(r.res->grade, "不合格");
    done(&r);
}

static void test_rounding_and_grades(void **state)
{
    (void)state;
    run r;
    total_run(&r, NA_ANY, "89.95", NULL, NULL);
    assert_int_equal(r.res->earned, 899500);
    assert_int_equal(r.res->total, 900000);  /* 89.95 -> 90.0 */
    assert_string_equal(r.res->grade, "优秀");
    assert_true(jz_grade_at_least(&r.rubric, r.res->grade, "良好"));
    done(&r);
    total_run(&r, NA_ANY, "89.94", NULL, NULL);
    assert_int_equal(r.res->total, 899000);  /* 89.94 -> 89.9 */
    assert_string_equal(r.res->grade, "良好");
    assert_true(jz_grade_at_least(&r.rubric, r.res->grade, "良好"));
    assert_false(jz_grade_at_least(&r.rubric, r.res->grade, "优秀"));
    done(&r);
    total_run(&r, NA_ANY, "59.95", NULL, NULL);
    assert_int_equal(r.res->total, 600000);
    assert_string_equal(r.res->grade, "合格");
    done(&r);
    total_run(&r, NA_ANY, "59.94", NULL, NULL);
    assert_string_equal(r.res->grade, "不合格");
    done(&r);
}

/* ---- pro-rated targets ---- */

/* A contract whose centre has no records in the run is not scored, not scored 0. */
static void test_no_records_is_not_scored(void **state)
{
    (void)state;
    run r;
    score_one(&r,
              "      - id: m\n        points: 10\n"
              "        measure: {count: records, where: {kind: case}}\n"
              "        target: {contract: target_cases}\n",
              RECORDS_HEAD, NULL);
    const jz_ind_result *x = ind(&r, "m");
    assert_int_equal(x->status, JZ_IS_NA);
    assert_int_equal(x->value, JZ_NONE);
    assert_non_null(strstr(x->derivation, "no records of centre A in this run: not scored"));
    assert_false(r.res->scored);
    assert_null(r.res->grade);
    assert_int_equal(r.res->total, JZ_NONE);
    assert_string_equal(r.res->grade_note, "no records of centre A were in this run");
    done(&r);
}

static void test_prorated_target(void **state)
{
    (void)state;
    static const char yaml[] = "      - id: c\n        points: 35\n"
                               "        measure: {count: records, where: {kind: case}}\n"
                               "        target: {contract: target_cases, prorate: true}\n        score: " BANDS "\n"
                               "      - id: k\n        points: 10\n"
                               "        measure: {count: records, where: {kind: case}}\n"
                               "        target: {value: 60, prorate: true}\n";
    char text[4096];
    snprintf(text, sizeof text, HEAD NA_ANY SEC "%s", yaml);
    char *rec = cases(29);
    spec sp = {.rubric = text, .contracts = CONTRACTS_60, .records = rec, .as_of = "2024-06-30"};
    run r;
    score(&r, &sp);
    const jz_ind_result *x = ind(&r, "c");
    assert_int_equal(x->target, 294024);  /* 60 x 123 / 251 = 29.4024, rounded up */
    assert_int_equal(ind(&r, "k")->target, 294024);
    assert_int_equal(x->ratio, 9863);      /* 29 / 29.4024 */
    assert_earned(&r, "c", 233300, JZ_IS_PARTIAL);  /* 2/3 of 35 = 23.33 */
    /* the yearly target and the fraction of the year, as an evaluator recomputes it */
    assert_non_null(strstr(x->derivation, "29 records of 60 records x 123/251 = 29.40 records due (98.6 %)"));
    assert_int_equal(r.res->as_of, jz_days_from_civil(2024, 6, 30));
    done(&r);
    free(rec);
    /* records after the as-of date do not count */
    records rc;
    rec_begin(&rc);
    rows(&rc, 29, "2024-01-02,,,S1,,case,direct,home,elderly,C1,1,1,,");
    rows(&rc, 5, "2024-07-01,,,S1,,case,direct,home,elderly,C1,1,1,,");
    rec = rec_end(&rc);
    sp.records = rec;
    score(&r, &sp);
    assert_int_equal(ind(&r, "c")->value, 290000);
    done(&r);
    /* at the contract's end the whole target is due */
    sp.as_of = "2024-12-31";
    score(&r, &sp);
    assert_int_equal(ind(&r, "c")->target, 600000);
    assert_int_equal(ind(&r, "c")->value, 340000);
    assert_earned(&r, "c", 0, JZ_IS_ZERO);  /* 34 of 60 is 56.7 %: below 60 % */
    done(&r);
    free(rec);
}

/* ---- vetoes on a section's share, an indicator's value, the coverage; all / any ---- */

/* Section pro: cases (60 points, 9 case rows of a target of 10: 90 % -> 54.00); section
 * views: q (40 points, entered; "36" -> 36.00, or n/a without scores). With scores the
 * total is 90.0 (优秀), coverage 100 %; without, coverage 60 % and 54 x 100 / 60 = 90.0. */
static void veto_run(run *r, const char *vetoes, bool with_scores)
{
    char text[4096];
    snprintf(text, sizeof text, HEAD NA_ANY "vetoes:\n%s"
             "sections:\n"
             "  - id: pro\n    points: 60\n    party: third_party\n    indicators:\n"
             "      - id: cases\n        points: 60\n        measure: {count: records, where: {kind: case}}\n"
             "        target: {contract: target_cases}\n"
             "  - id: views\n    points: 40\n    party: buyer\n    indicators:\n"
             "      - id: q\n        points: 40\n        measure: {entered: true}\n        score: direct\n",
             vetoes);
    char *rec = cases(9);
    spec sp = {.rubric = text, .records = rec,
               .scores = with_scores ? "centre,indicator,evaluator,score,comment\nA,q,甲,36,\n" : NULL};
    score(r, &sp);
    free(rec);
}

static const jz_applied *applied(const run *r, const char *id)
{
    for (size_t i = 0; i < r->res->napplied; i++)
        if (strcmp(r->res->applied[i].id, id) == 0)
            return &r->res->applied[i];
    return NULL;
}

static void test_veto_on_a_section_share(void **state)
{
    (void)state;
    run r;
    /* 54 of 60 is exactly 90 %: not below 90 % */
    veto_run(&r, "  - {id: sv, section: pro, below: 90%, grade: 合格}\n", true);
    assert_int_equal(r.res->total, 900000);
    assert_string_equal(r.res->grade, "优秀");
    assert_null(applied(&r, "sv"));
    done(&r);
    /* ... but below 90.01 %: the grade is at most 合格, the total stands */
    veto_run(&r, "  - {id: sv, title: 专业部分不足, section: pro, below: 90.01%, grade: 合格}\n", true);
    assert_int_equal(r.res->total, 900000);
    assert_string_equal(r.res->grade, "合格");
    const jz_applied *a = applied(&r, "sv");
    assert_non_null(a);
    assert_string_equal(a->detail, "专业部分不足: section pro earned 54.00 of 60.00 applicable points (90.0 %), "
                                   "below 90.0 %");
    done(&r);
}

static void test_veto_on_an_indicator_value(void **state)
{
    (void)state;
    run r;
    veto_run(&r, "  - {id: vv, indicator: cases, value_below: 9, cap_total: 50}\n", true);
    assert_null(applied(&r, "vv"));  /* 9 cases are not below 9 */
    assert_int_equal(r.res->total, 900000);
    done(&r);
    veto_run(&r, "  - {id: vv, indicator: cases, value_below: 9.0001, cap_total: 50}\n", true);
    assert_int_equal(r.res->total, 500000);
    assert_string_equal(r.res->grade, "不合格");
    assert_non_null(strstr(applied(&r, "vv")->detail, "indicator cases's value 9 records (9/1 exactly) is below 9.0001"));
    done(&r);
    /* an n/a indicator does not trigger it */
    veto_run(&r, "  - {id: vq, indicator: q, value_below: 40, grade: 不合格}\n", false);
    assert_null(applied(&r, "vq"));
    assert_string_equal(r.res->grade, "优秀");
    done(&r);
}

static void test_veto_on_coverage(void **state)
{
    (void)state;
    run r;
    veto_run(&r, "  - {id: cv, coverage_below: 60%, grade: 良好}\n", false);  /* 60 of 100: not below */
    assert_int_equal(r.res->total, 900000);
    assert_string_equal(r.res->grade, "优秀");
    done(&r);
    veto_run(&r, "  - {id: cv, coverage_below: 60.01%, grade: 良好}\n", false);
    assert_string_equal(r.res->grade, "良好");
    assert_string_equal(applied(&r, "cv")->detail, "cv: coverage 60 of 100 points (60.0 %), below 60.0 %");
    done(&r);
}

static void test_veto_all_and_any(void **state)
{
    (void)state;
    const char *all = "  - id: both\n    all:\n      - {section: pro, below: 95%}\n      - {coverage_below: 100%}\n"
                      "    grade: 不合格\n";
    run r;
    veto_run(&r, all, true);  /* coverage 100 %: only one of the two holds */
    assert_string_equal(r.res->grade, "优秀");
    assert_null(applied(&r, "both"));
    done(&r);
    veto_run(&r, all, false);  /* 90 % < 95 % and 60 % < 100 % */
    assert_int_equal(r.res->total, 900000);
    assert_string_equal(r.res->grade, "不合格");
    assert_string_equal(applied(&r, "both")->detail,
                        "both: section pro earned 54.00 of 60.00 applicable points (90.0 %), below 95.0 % and "
                        "coverage 60 of 100 points (60.0 %), below 100.0 %");
    done(&r);
    const char *any = "  - id: either\n    any:\n      - {indicator: cases, value_below: 5}\n"
                      "      - {section: pro, below: 95%}\n    grade: 良好\n";
    veto_run(&r, any, true);  /* 9 cases are not below 5, but 90 % is below 95 % */
    assert_string_equal(r.res->grade, "良好");
    assert_string_equal(applied(&r, "either")->detail,
                        "either: section pro earned 54.00 of 60.00 applicable points (90.0 %), below 95.0 %");
    done(&r);
}

/* The loader refuses a condition it cannot test, at its line and column. */
static void test_veto_conditions_refused(void **state)
{
    (void)state;
    static const struct { const char *veto; long line, col; const char *msg; } c[] = {
        {"  - {id: x, section: nope, below: 60%, grade: 合格}\n", 13, 5, "names section 'nope', which does not exist"},
        {"  - {id: x, indicator: cases, below: 3, value_below: 5, grade: 合格}\n", 13, 38, "not both"},
        {"  - {id: x, section: pro, value_below: 5, grade: 合格}\n", 13, 40, "value_below goes with indicator"},
        {"  - {id: x, section: pro, below: 60, grade: 合格}\n", 13, 34, "ambiguous"},
        {"  - id: x\n    any: []\n    grade: 合格\n", 14, 10, "any is a list of conditions"},
        {"  - id: x\n    all:\n      - {indicator: nope, below: 1}\n    grade: 合格\n", 15, 9,
         "names indicator 'nope', which does not exist"},
        {"  - id: x\n    all:\n      - {coverage_below: 50%, grade: 合格}\n    grade: 合格\n", 15, 31, "unknown key 'grade'"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char text[4096];
        snprintf(text, sizeof text, HEAD NA_ANY "vetoes:\n%s" SEC
                 "      - id: cases\n        points: 100\n        measure: {count: records}\n        target: 10\n", c[i].veto);
        jz_rubric rb;
        jz_error err;
        assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "rubric.yaml", &err), JZ_EINPUT);
        if (err.line != c[i].line || err.col != c[i].col || !strstr(err.msg, c[i].msg))
            print_error("case %zu: %ld:%ld: %s\n", i, err.line, err.col, err.msg);
        assert_int_equal(err.line, c[i].line);
        assert_int_equal(err.col, c[i].col);
        assert_non_null(strstr(err.msg, c[i].msg));
    }
}

/* Per-section deduction caps: INS-A (10) and INS-B (8) count against section s, which
 * takes at most 15 off the total; INS-C (5) belongs to no section. 10 + min(8, 15 - 10)
 * + 5 = 20 off 95 = 75.0 (合格); without the section's cap 23 off: 72.0. */
static void test_section_deduction_cap(void **state)
{
    (void)state;
    const char *f = FINDINGS_HEAD "A,2024-03-01,过程评估1,INS-A,0,无人值守\nA,2024-05-01,过程评估2,INS-B,0,记录不符\n"
                                  "A,2024-05-02,过程评估2,INS-C,0,台账缺失\n";
    const char *codes = "deductions:\n  cap: 50\n  codes:\n    INS-A: {points: 10, section: s}\n"
                        "    INS-B: {points: 8, section: s}\n    INS-C: 5\n";
    for (int capped = 0; capped < 2; capped++) {
        char text[4096];
        snprintf(text, sizeof text, HEAD NA_ANY "%ssections:\n  - id: s\n    points: 100\n    party: third_party\n%s"
                 "    indicators:\n      - id: e\n        points: 100\n        measure: {entered: true}\n"
                 "        score: direct\n", codes, capped ? "    deduction_cap: 15\n" : "");
        spec sp = {.rubric = text, .scores = "centre,indicator,evaluator,score,comment\nA,e,甲,95,\n", .findings = f,
                   .as_of = "2024-06-30"};
        run r;
        score(&r, &sp);
        assert_int_equal(r.res->deductions, capped ? 200000 : 230000);
        assert_int_equal(r.res->total, capped ? 750000 : 720000);
        assert_int_equal(r.res->napplied, 3);
        assert_int_equal(r.res->applied[1].points, capped ? 50000 : 80000);
        if (capped)
            assert_non_null(strstr(r.res->applied[1].detail, "priced 8.00 by the rubric, within section s's "
                                                             "deduction cap of 15.00"));
        assert_int_equal(r.res->applied[2].points, 50000);
        done(&r);
    }
    /* a code priced against a section that does not exist: refused at its section: */
    char text[4096];
    snprintf(text, sizeof text, HEAD NA_ANY "deductions:\n  cap: 50\n  codes:\n    INS-A: {points: 10, section: t}\n" ONE_ENTERED);
    jz_rubric rb;
    jz_error err;
    assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "rubric.yaml", &err), JZ_EINPUT);
    assert_int_equal(err.line, 15);
    assert_int_equal(err.col, 34);
    assert_non_null(strstr(err.msg, "finding code INS-A counts against section 't', which does not exist"));
}

/* outliers: drop (tolerance 5): a score more than 5 points from the median of all the
 * scores is not used, and the derivation lists it; min_evaluators: fewer scores -> n/a. */
static void test_entered_outliers_and_minimum(void **state)
{
    (void)state;
    run r;
    /* 22, 21.5, 11: median 21.5, 11 is 10.5 away -> dropped; mean of 22 and 21.5 = 21.75 */
    entered_run(&r, "mean, outliers: drop", "A,e,陈敏,22,\nA,e,李婷,21.5,\nA,e,周建国,11,五份个案缺评估\n");
    const jz_ind_result *x = ind(&r, "e");
    assert_int_equal(x->value, 217500);
    assert_earned(&r, "e", 217500, JZ_IS_PARTIAL);
    assert_true(x->scores[2].dropped);
    assert_false(x->scores[0].dropped || x->scores[1].dropped);
    assert_non_null(strstr(x->derivation, "dropped (more than 5.00 from the median 21.50): 周建国 11.00; "
                                          "mean of 2 evaluator scores = 21.75"));
    assert_true(x->disagreement);  /* the spread of all the scores is still flagged */
    done(&r);
    /* 20, 25, 15: exactly 5 from the median 20 is kept: mean 20 */
    entered_run(&r, "mean, outliers: drop", "A,e,甲,20,\nA,e,乙,25,\nA,e,丙,15,\n");
    assert_int_equal(ind(&r, "e")->value, 200000);
    assert_null(strstr(ind(&r, "e")->derivation, "dropped"));
    done(&r);
    /* 10, 12, 14, 30: median (12 + 14) / 2 = 13; 30 is 17 away -> mean of 10, 12, 14 = 12 */
    entered_run(&r, "mean, outliers: drop", "A,e,甲,10,\nA,e,乙,12,\nA,e,丙,14,\nA,e,丁,30,\n");
    assert_int_equal(ind(&r, "e")->value, 120000);
    assert_true(ind(&r, "e")->scores[3].dropped);
    done(&r);
    /* 0 and 20: both 10 from the median 10; none is dropped (nothing would be left) */
    entered_run(&r, "mean, outliers: drop", "A,e,甲,0,\nA,e,乙,20,\n");
    assert_int_equal(ind(&r, "e")->value, 100000);
    assert_non_null(strstr(ind(&r, "e")->derivation, "none dropped"));
    done(&r);
    /* min_evaluators 3: two scores -> n/a with the reason; three -> scored */
    entered_run(&r, "mean, min_evaluators: 3", "A,e,甲,10,\nA,e,乙,12,\n");
    x = ind(&r, "e");
    assert_int_equal(x->status, JZ_IS_NA);
    assert_int_equal(x->value, JZ_NONE);
    assert_non_null(strstr(x->derivation, "2 evaluator scores, fewer than min_evaluators 3 -> n/a"));
    done(&r);
    entered_run(&r, "mean, min_evaluators: 3", "A,e,甲,10,\nA,e,乙,12,\nA,e,丙,14,\n");
    assert_earned(&r, "e", 120000, JZ_IS_PARTIAL);
    done(&r);
    /* outliers: drop needs a tolerance */
    char text[2048];
    snprintf(text, sizeof text, HEAD NA_ANY SEC "      - id: e\n        points: 30\n"
             "        measure: {entered: true, outliers: drop}\n");
    jz_rubric rb;
    jz_error err;
    assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "rubric.yaml", &err), JZ_EINPUT);
    assert_int_equal(err.line, 19);
    assert_int_equal(err.col, 44);
    assert_non_null(strstr(err.msg, "outliers: drop needs a tolerance"));
}

/* Filters by weekday, by the holiday calendar (2024-09-29, a Sunday, is a make-up working
 * day; 2024-10-01 and 2024-10-05, a Saturday, are 国庆节 days off), by the start time, by
 * the staff's roster entry (S1 senior and counted, S2 an assistant not counted, S3 not on
 * the roster), not, and {in: [...]}. Each indicator counts its records against a target
 * of 6 for 6 points, so it earns one point per record. */
static void test_where_filters(void **state)
{
    (void)state;
    static const struct { const char *id, *where; int64_t n; } c[] = {
        {"wk", "{weekday: [sat, sun]}", 3},            /* R1, R3, R5 */
        {"hol", "{day: holiday}", 2},                  /* R4, R5 */
        {"work", "{day: working}", 3},                 /* R2, R3 (make-up), R6 */
        {"wend", "{day: weekend}", 1},                 /* R1 */
        {"eve", "{time: {from: \"18:00\"}}", 2},       /* R2 19:00, R5 18:00 */
        {"morn", "{time: {to: \"10:00\"}}", 3},        /* R1, R3, R6 at 09:00 */
        {"senior", "{qualification: senior}", 2},     /* R1, R2 (S1) */
        {"notcounted", "{counted: false}", 3},         /* R3, R4, R6 (S2; S3 is not on the roster) */
        {"offline", "{not: {place: online}}", 5},      /* all but R6 */
        {"mon", "{weekday: {in: [mon]}}", 1},          /* R2 */
        {"both", "{kind: case, not: {day: holiday, not: {staff: S3}}}", 5},  /* all but R4 */
    };
    char text[8192];
    int n = snprintf(text, sizeof text, HEAD NA_ANY SEC);
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "      - id: %s\n        points: 6\n"
                      "        measure: {count: records, where: %s}\n        target: 6\n", c[i].id, c[i].where);
    const char *rec = RECORDS_HEAD
        "R1,A,2024-03-02,09:00,10:00,S1,,case,direct,home,elderly,C1,1,,,\n"
        "R2,A,2024-03-04,19:00,20:00,S1,,case,direct,home,elderly,C1,1,,,\n"
        "R3,A,2024-09-29,09:00,10:00,S2,,case,direct,home,elderly,C2,1,,,\n"
        "R4,A,2024-10-01,14:00,15:00,S2,,case,direct,home,elderly,C2,1,,,\n"
        "R5,A,2024-10-05,18:00,19:00,S3,,case,direct,home,elderly,C3,1,,,\n"
        "R6,A,2024-03-05,09:00,10:00,S2,,case,direct,online,elderly,C3,1,,,\n";
    const char *roster = "staff,centre,name,qualification,profession,counted,start_date,end_date\n"
                         "S1,A,甲,senior,social_work,yes,2019-07-01,\nS2,A,乙,assistant,social_work,no,2019-07-01,\n";
    spec sp = {.rubric = text, .records = rec, .roster = roster};
    run r;
    score(&r, &sp);
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        const jz_ind_result *x = ind(&r, c[i].id);
        if (x->value != c[i].n * JZ_FP)
            print_error("%s: %s\n", c[i].id, x->derivation);
        assert_int_equal(x->value, c[i].n * JZ_FP);
        assert_int_equal(x->earned, c[i].n * JZ_FP);
    }
    done(&r);
    /* the loader refuses what it cannot test, at the value */
    static const struct { const char *where; long col; const char *msg; } bad[] = {
        {"{weekday: [sat, sunday]}", 58, "sunday"},
        {"{time: {from: \"25:00\"}}", 56, "is not a time of day"},
        {"{time: {from: \"18:00\", to: \"09:00\"}}", 49, "to must be after from"},
        {"{not: {}}", 48, "not is a where map"},
        {"{qualification: master}", 58, "master"},
        /* an empty list: kind's once took every record (an empty mask reads as any), staff's
         * none; the man page's "a list matches any of its values" says none */
        {"{kind: []}", 49, "an empty list"},
        {"{kind: case, mode: {in: []}}", 66, "an empty list"},
        {"{staff: {in: []}}", 55, "an empty list"},
        {"{weekday: []}", 52, "an empty list"},
        {"{qualification: []}", 58, "an empty list"},
        {"{not: {place: []}}", 56, "an empty list"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, HEAD NA_ANY SEC "      - id: x\n        points: 6\n"
                 "        measure: {count: records, where: %s}\n", bad[i].where);
        jz_rubric rb;
        jz_error err;
        assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "rubric.yaml", &err), JZ_EINPUT);
        if (err.line != 19 || err.col != bad[i].col || !strstr(err.msg, bad[i].msg))
            print_error("case %zu: %ld:%ld: %s\n", i, err.line, err.col, err.msg);
        assert_int_equal(err.line, 19);
        assert_int_equal(err.col, bad[i].col);
        assert_non_null(strstr(err.msg, bad[i].msg));
    }
}

/* having per key on a count or a sum: the client's history. Case rows: C1 6, C2 3, C3 4
 * (and 2 group rows, outside the where), 1 row without a client. With min_rows 6 only C1's
 * 6 rows (6 h) count; with min_rows 3: 6 + 3 + 4 = 13. Target 20 for 20 points: one point
 * a record (or an hour). */
static void test_having_per_client(void **state)
{
    (void)state;
    records rc;
    rec_begin(&rc);
    rows(&rc, 6, "2024-01-02,,,S1,,case,direct,home,elderly,C1,1,1,,");
    rows(&rc, 3, "2024-01-03,,,S1,,case,direct,home,elderly,C2,1,1,,");
    rows(&rc, 4, "2024-01-04,,,S1,,case,direct,home,elderly,C3,1,1,,");
    rows(&rc, 2, "2024-01-05,,,S1,,group,direct,centre,elderly,C3,1,1,,");
    rows(&rc, 1, "2024-01-06,,,S1,,case,direct,home,elderly,,1,1,,");
    char *rec = rec_end(&rc);
    static const struct { const char *measure; int64_t n; } c[] = {
        {"{count: records, where: {kind: case}, having: {per: client, min_rows: 6}}", 6},
        {"{sum: hours, where: {kind: case}, having: {per: client, min_rows: 6}}", 6},
        {"{count: records, where: {kind: case}, having: {per: client, min_rows: 3}}", 13},
        {"{count: records, where: {kind: case}}", 14},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char y[512];
        snprintf(y, sizeof y, "      - id: x\n        points: 20\n        measure: %s\n        target: 20\n", c[i].measure);
        run r;
        score_one(&r, y, rec, NULL);
        const jz_ind_result *x = ind(&r, "x");
        if (x->value != c[i].n * JZ_FP)
            print_error("%zu: %s\n", i, x->derivation);
        assert_int_equal(x->value, c[i].n * JZ_FP);
        assert_int_equal(x->earned, c[i].n * JZ_FP);
        if (i == 0)
            assert_non_null(strstr(x->derivation, "of 3 clients, 1 reach min_rows 6 (the 7 records of the 2 that "
                                                  "do not are left out): 6 records of 20 records due"));
        done(&r);
    }
    free(rec);
    /* a having on a count needs per */
    char text[2048];
    snprintf(text, sizeof text, HEAD NA_ANY SEC "      - id: x\n        points: 6\n"
             "        measure: {count: records, having: {min_rows: 6}}\n");
    jz_rubric rb;
    jz_error err;
    assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "rubric.yaml", &err), JZ_EINPUT);
    assert_int_equal(err.line, 19);
    assert_int_equal(err.col, 43);
    assert_non_null(strstr(err.msg, "having on a count needs per"));
}

/* Keys are interned per contract and looked up once per row (score.c): two centres' rows
 * interleaved, the same ids at both, two cuts of one column (key_drop_after "-" and ".")
 * beside the uncut column, and sessions per client (a pair of numbers). Worked by hand:
 *   cases (min_rows 2): A: C1 x 2 -> 1; B: C2, C1, C3 once each -> 0.
 *   activities P-1.a P-1.b P-2.a at A; Q.a P-1.a at B:
 *     cut "-": A {P} 1, B {Q.a, P} 2; cut ".": A {P-1, P-2} 2, B {Q, P-1} 2; uncut: 3, 2.
 *   clients with >= 2 sessions: A: K1 {P-1.a, P-1.b}, K2 {P-2.a (two rows), P-1.a (K1's
 *     too)} -> 2; B: K1 {Q.a, P-1.a} -> 1.
 *   participants once per activity: A 5 + 5 + 7 = 17 (P-1.a's second client adds none),
 *     B 3 + 4 = 7. */
static void test_keys_interned_per_centre(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "R01,A,2024-01-02,,,S1,,case,direct,home,,C1,1,1,,",
        "R02,B,2024-01-02,,,S1,,case,direct,home,,C2,1,1,,",
        "R03,A,2024-01-03,,,S1,,case,direct,home,,C1,1,1,,",
        "R04,B,2024-01-03,,,S1,,case,direct,home,,C1,1,1,,",
        "R05,A,2024-01-04,,,S1,P-1.a,group,direct,centre,,K1,5,2,,",
        "R06,B,2024-01-04,,,S1,Q.a,group,direct,centre,,K1,3,2,,",
        "R07,A,2024-01-05,,,S1,P-1.b,group,direct,centre,,K1,5,2,,",
        "R08,B,2024-01-05,,,S1,,case,direct,home,,C3,1,1,,",
        "R09,A,2024-01-06,,,S1,P-2.a,group,direct,centre,,K2,7,2,,",
        "R10,B,2024-01-06,,,S1,P-1.a,group,direct,centre,,K1,4,2,,",
        "R11,A,2024-01-06,,,S2,P-2.a,group,direct,centre,,K2,7,2,,",
        "R12,A,2024-01-07,,,S1,P-1.a,group,direct,centre,,K2,5,2,,",
    };
    char rec[2048] = RECORDS_HEAD;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        snprintf(rec + strlen(rec), sizeof rec - strlen(rec), "%s\n", lines[i]);
    char text[4096];
    snprintf(text, sizeof text, HEAD NA_ANY SEC
             "      - id: cases\n        points: 10\n        target: 5\n"
             "        measure: {count_distinct: client, where: {kind: case}, having: {min_rows: 2}}\n"
             "      - id: dash\n        points: 10\n        target: 5\n"
             "        measure: {count_distinct: activity, key_drop_after: \"-\", where: {kind: group}}\n"
             "      - id: dot\n        points: 10\n        target: 5\n"
             "        measure: {count_distinct: activity, key_drop_after: \".\", where: {kind: group}}\n"
             "      - id: acts\n        points: 10\n        target: 5\n"
             "        measure: {count_distinct: activity, where: {kind: group}}\n"
             "      - id: regulars\n        points: 10\n        target: 5\n"
             "        measure: {count_distinct: client, where: {kind: group}, having: {min_sessions: 2}}\n"
             "      - id: att\n        points: 10\n        target: 50\n"
             "        measure: {sum: participants, where: {kind: group}}\n");
    spec sp = {.rubric = text, .records = rec,
               .contracts = CONTRACTS "K2,B,海珠区,南洲街,乙,2024-01-01,2024-12-31,2000000,14,27440,22852,10,1000,0,\n"};
    run r;
    score(&r, &sp);
    static const struct { const char *id; int64_t a, b; } want[] = {
        {"cases", 1, 0}, {"dash", 1, 2}, {"dot", 2, 2}, {"acts", 3, 2}, {"regulars", 2, 1}, {"att", 17, 7},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(ind(&r, want[i].id)->value, want[i].a * JZ_FP);
    jz_error err;
    assert_int_equal(jz_scorer_result(r.scorer, 1, &r.res, &err), JZ_OK);
    assert_string_equal(r.res->contract->centre, "B");
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(ind(&r, want[i].id)->value, want[i].b * JZ_FP);
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_records_is_not_scored),
        cmocka_unit_test(test_bands_exactly_80),
        cmocka_unit_test(test_bands_below_80),
        cmocka_unit_test(test_bands_exactly_100),
        cmocka_unit_test(test_bands_just_below_80),
        cmocka_unit_test(test_target_zero_is_met),
        cmocka_unit_test(test_target_zero_lower_is_better),
        cmocka_unit_test(test_piecewise_is_exact_between_breakpoints),
        cmocka_unit_test(test_target_missing_is_na),
        cmocka_unit_test(test_proportional),
        cmocka_unit_test(test_direct_keeps_the_points),
        cmocka_unit_test(test_survey_counts_every_group_beyond_64),
        cmocka_unit_test(test_survey_questions_are_never_cut),
        cmocka_unit_test(test_lower_is_better),
        cmocka_unit_test(test_lower_is_better_bands),
        cmocka_unit_test(test_efficacy),
        cmocka_unit_test(test_efficacy_on_ratio),
        cmocka_unit_test(test_threshold_and_share),
        cmocka_unit_test(test_share_part_beyond_enums),
        cmocka_unit_test(test_distinct_min_rows),
        cmocka_unit_test(test_distinct_numbered_ids),
        cmocka_unit_test(test_distinct_series_and_names_interleaved),
        cmocka_unit_test(test_distinct_groups),
        cmocka_unit_test(test_sum_once_per_activity),
        cmocka_unit_test(test_gate_cache_combinations),
        cmocka_unit_test(test_distinct_and_once_per_activity_many_ids),
        cmocka_unit_test(test_ids_alike_at_both_ends),
        cmocka_unit_test(test_keys_interned_per_centre),
        cmocka_unit_test(test_hours_check),
        cmocka_unit_test(test_entered_aggregates),
        cmocka_unit_test(test_where_filters),
        cmocka_unit_test(test_having_per_client),
        cmocka_unit_test(test_entered_outliers_and_minimum),
        cmocka_unit_test(test_entered_errors),
        cmocka_unit_test(test_survey),
        cmocka_unit_test(test_deductions),
        cmocka_unit_test(test_finance_veto),
        cmocka_unit_test(test_forced_grade_survives_a_later_cap),
        cmocka_unit_test(test_hours_veto),
        cmocka_unit_test(test_hours_veto_edge),
        cmocka_unit_test(test_veto_on_a_section_share),
        cmocka_unit_test(test_section_deduction_cap),
        cmocka_unit_test(test_veto_on_an_indicator_value),
        cmocka_unit_test(test_veto_on_coverage),
        cmocka_unit_test(test_veto_all_and_any),
        cmocka_unit_test(test_veto_conditions_refused),
        cmocka_unit_test(test_threshold_value),
        cmocka_unit_test(test_not_applicable),
        cmocka_unit_test(test_rounding_and_grades),
        cmocka_unit_test(test_prorated_target),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
