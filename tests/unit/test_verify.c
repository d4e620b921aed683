/* test_verify.c — the statistics and estimates of verify.h against values computed by
 * other routes: closed forms where they exist (Clopper-Pearson with 0 or n successes:
 * (a/2)^(1/n)), exact binomial tails (tests/verify/reference.py cp 3 30, which agrees with
 * published tables: 0.0211, 0.2653), printed t tables, and a stratified ratio example
 * worked by hand in fractions (below). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jz/verify.h"

static const jz_vrules rules = {0.90, 1.10, 0.95, 0.90, "test", 0};   /* linearised intervals */

#define near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void clopper_pearson_0_of_30_is_0_to_one_minus_0025_to_the_1_30th(void **state)
{
    (void)state;
    double lo, hi;
    jz_clopper_pearson(0, 30, 0.95, &lo, &hi);
    assert_true(lo == 0);
    near(hi, 1 - pow(0.025, 1.0 / 30), 1e-12);   /* 0.1157033082 */
    near(hi, 0.1157033082, 1e-10);
}

static void clopper_pearson_3_of_30_matches_the_binomial_tails(void **state)
{
    (void)state;
    double lo, hi;
    jz_clopper_pearson(3, 30, 0.95, &lo, &hi);
    near(lo, 0.0211171370, 1e-9);
    near(hi, 0.2652884505, 1e-9);
}

static void clopper_pearson_30_of_30_is_0025_to_the_1_30th_to_1(void **state)
{
    (void)state;
    double lo, hi;
    jz_clopper_pearson(30, 30, 0.95, &lo, &hi);
    near(lo, pow(0.025, 1.0 / 30), 1e-12);        /* 0.8842966918 */
    assert_true(hi == 1);
}

static void clopper_pearson_of_one_item_is_0025_or_0975(void **state)
{
    (void)state;
    double lo, hi;
    jz_clopper_pearson(0, 1, 0.95, &lo, &hi);
    assert_true(lo == 0);
    near(hi, 0.975, 1e-12);
    jz_clopper_pearson(1, 1, 0.95, &lo, &hi);
    near(lo, 0.025, 1e-12);
    assert_true(hi == 1);
    jz_clopper_pearson(0, 0, 0.95, &lo, &hi);     /* nothing checked: no information */
    assert_true(lo == 0 && hi == 1);
}

static void incomplete_beta_has_its_closed_forms(void **state)
{
    (void)state;
    /* I_x(1, b) = 1 - (1-x)^b; I_x(a, 1) = x^a; I_x(2, 2) = 3x^2 - 2x^3 */
    near(jz_betainc(1, 7, 0.3), 1 - pow(0.7, 7), 1e-14);
    near(jz_betainc(4.5, 1, 0.6), pow(0.6, 4.5), 1e-14);
    near(jz_betainc(2, 2, 0.8), 3 * 0.64 - 2 * 0.512, 1e-14);
    assert_true(jz_betainc(3, 3, 0) == 0 && jz_betainc(3, 3, 1) == 1);
    near(jz_beta_quantile(2, 2, 3 * 0.64 - 2 * 0.512), 0.8, 1e-12);
}

static void quantiles_match_the_printed_tables(void **state)
{
    (void)state;
    near(jz_normal_quantile(0.975), 1.959964, 1e-6);
    near(jz_normal_quantile(0.95), 1.644854, 1e-6);
    near(jz_t_quantile(0.975, 3), 3.182446, 1e-6);
    near(jz_t_quantile(0.90, 3), 1.637744, 1e-6);
    near(jz_t_quantile(0.975, 10), 2.228139, 1e-6);
    near(jz_t_quantile(0.975, 1), 12.706205, 1e-5);
    near(jz_t_quantile(0.5, 7), 0, 1e-12);
}

static void plan_is_cochrans_formula_with_the_correction(void **state)
{
    (void)state;
    jz_vplan p;
    /* p = 0.5, e = 0.05, 95 %: n0 = 1.959964^2 / 4 / 0.0025 = 384.146; N = 1000: 277.73 -> 278 */
    jz_verify_plan(0.5, 0.05, 0.95, 1000, &p);
    near(p.n0, 384.1459, 1e-4);
    near(p.n, 384.1459 / (1 + 383.1459 / 1000), 1e-4);
    assert_int_equal(p.draw, 278);
    jz_verify_plan(0.5, 0.05, 0.95, 0, &p);       /* no population: no correction */
    assert_int_equal(p.draw, 385);
    jz_verify_plan(0.1, 0.05, 0.95, 500, &p);     /* 138.29 -> 108.50 -> 109 */
    near(p.n0, 138.2925, 1e-4);
    assert_int_equal(p.draw, 109);
    jz_verify_plan(0.3, 0.01, 0.95, 40, &p);      /* never more than the population */
    assert_int_equal(p.draw, 40);
}

/* ---- a hand-worked stratified example ----
 * Stratum A: N = 10 available, checked (x, y) = (2, 2), (4, 3), (6, 6)   (reported, recounted)
 * Stratum B: N = 5, checked (10, 8), (10, 10), and one not_checked (7, 7).
 * Y = 10/3 * 11 + 5/2 * 18 = 245/3; X = 10/3 * 12 + 5/2 * 20 = 90; R = 49/54 = 0.907407.
 * A: e = y - R x = 5/27, -17/27, 15/27; mean 1/27; s^2 = 536/729 / 2 = 268/729;
 *    term N^2 (1 - m/N) s^2 / m = 100 * 7/10 * 268/729 / 3 = 18760/2187.
 * B: e = -29/27, 25/27; s^2 = 2; term 25 * 3/5 * 2 / 2 = 15.
 * v(R) = (18760/2187 + 15) / 90^2 = 51565 / 17714700; se = 0.0539525; df = 2 + 1 = 3;
 * interval R +- 3.182446 se. Reported hours of the strata 100 h (6000 min):
 * overstated 6000 (1 - R) = 555.556 min, bound 555.556 - 1.637744 * 6000 se. */

static jz_vitem item(const char *id, size_t s, size_t rank, int64_t x, int64_t y, int result)
{
    jz_vitem it = {0};
    it.centre = "C1", it.id = id, it.stratum = s, it.rank = rank;
    it.rep_participants = x, it.rep_minutes = x;
    it.rc_participants = y, it.rc_minutes = y;
    it.result = result, it.listed = true;
    return it;
}

static void example(jz_vdraw *d, jz_vstratum *st, jz_vitem *it)
{
    it[0] = item("a1", 0, 1, 2, 2, JZ_VR_VERIFIED);
    it[1] = item("a2", 0, 2, 4, 3, JZ_VR_DIFFERS);
    it[2] = item("a3", 0, 3, 6, 6, JZ_VR_VERIFIED);
    it[3] = item("b1", 1, 1, 10, 8, JZ_VR_DIFFERS);
    it[4] = item("b2", 1, 2, 10, 10, JZ_VR_VERIFIED);
    it[5] = item("b3", 1, 3, 7, 7, JZ_VR_NOT_CHECKED);
    st[0] = (jz_vstratum){"C1", "A", 12, 10, 3, 0, 2500, 0, 3};
    st[1] = (jz_vstratum){"C1", "B", 5, 5, 3, 0, 3500, 3, 3};
    memset(d, 0, sizeof *d);
    d->strata = st, d->nstrata = 2, d->items = it, d->nitems = 6;
}

static void ratio_estimate_matches_the_hand_worked_example(void **state)
{
    (void)state;
    jz_vdraw d;
    jz_vstratum st[2];
    jz_vitem it[6];
    example(&d, st, it);
    size_t both[] = {0, 1};
    jz_vestimate e;
    jz_verify_estimate_strata(&d, both, 2, &rules, &e);
    double R = 49.0 / 54, se = sqrt(51565.0 / 17714700);
    near(e.hours.r, R, 1e-12);
    near(e.hours.se, se, 1e-12);
    near(e.hours.df, 3, 0);
    assert_true(e.hours.ci);
    near(e.hours.lo, R - 3.182446 * se, 1e-6);
    near(e.hours.hi, R + 3.182446 * se, 1e-6);
    assert_int_equal(e.hours.reading, JZ_VF_WITHIN);    /* 0.9074 is inside 0.90..1.10 */
    near(e.participants.r, R, 1e-12);                   /* the same figures */
    assert_int_equal(e.reported_minutes, 6000);
    near(e.over_minutes, 6000 * (1 - R), 1e-9);
    near(e.over_lb_minutes, 6000 * (1 - R) - 1.637744 * 6000 * se, 1e-3);
    near(e.hours.conservative, R + 1.637744 * se, 1e-6);   /* what a rubric applies */
    /* counts: 5 checked, 2 errors (differs), 1 not_checked */
    assert_int_equal(e.checked, 5);
    assert_int_equal(e.errors, 2);
    assert_int_equal(e.count[JZ_VR_NOT_CHECKED], 1);
}

static void one_stratum_is_a_simple_ratio(void **state)
{
    (void)state;
    jz_vdraw d;
    jz_vstratum st[2];
    jz_vitem it[6];
    example(&d, st, it);
    size_t a[] = {0};
    jz_vestimate e;
    jz_verify_estimate_strata(&d, a, 1, &rules, &e);
    near(e.hours.r, 11.0 / 12, 1e-12);  /* the weights cancel */
    /* e = y - 11/12 x: 1/6, -2/3, 1/2: mean 0; s^2 = (1/36 + 16/36 + 9/36) / 2 = 13/36 */
    near(e.hours.se, sqrt(100 * 0.7 * (13.0 / 36) / 3) / 40, 1e-12);
    near(e.hours.df, 2, 0);
}

static void one_checked_item_of_many_has_no_interval(void **state)
{
    (void)state;
    jz_vdraw d;
    jz_vstratum st[2];
    jz_vitem it[6];
    example(&d, st, it);
    it[4].result = JZ_VR_NOT_CHECKED;   /* B: only b1 checked, of 5 */
    size_t both[] = {0, 1};
    jz_vestimate e;
    jz_verify_estimate_strata(&d, both, 2, &rules, &e);
    assert_true(e.hours.ok);
    assert_false(e.hours.ci);
    assert_true(e.over_ok);
    assert_false(e.over_lb_ok);
}

static void a_stratum_checked_whole_has_no_sampling_error(void **state)
{
    (void)state;
    jz_vdraw d;
    jz_vstratum st[2];
    jz_vitem it[6];
    example(&d, st, it);
    st[0].available = 3;                /* A: every unit drawn and checked */
    size_t a[] = {0};
    jz_vestimate e;
    jz_verify_estimate_strata(&d, a, 1, &rules, &e);
    assert_true(e.hours.ci);
    assert_true(e.hours.se == 0);
    near(e.hours.lo, 11.0 / 12, 1e-12);
    near(e.hours.hi, 11.0 / 12, 1e-12);
    near(e.hours.conservative, 11.0 / 12, 1e-12);
    assert_int_equal(e.hours.reading, JZ_VF_WITHIN);
}

static void factors_below_the_band_are_over_reported_and_make_the_run_fail(void **state)
{
    (void)state;
    jz_vdraw d;
    jz_vstratum st[2];
    jz_vitem it[6];
    example(&d, st, it);
    it[2].rc_minutes = it[2].rc_participants = 0;   /* a3 not found: A's factor 5/12 */
    it[2].result = JZ_VR_NOT_FOUND;
    jz_vreport r;
    jz_verify_estimate(&d, &rules, &r);
    assert_int_equal(r.n, 3);                       /* A, B, the centre; no overall for one centre */
    assert_string_equal(r.v[0].stratum, "A");
    assert_null(r.v[2].stratum);
    assert_int_equal(r.v[0].hours.reading, JZ_VF_OVER);
    near(r.v[0].hours.r, 5.0 / 12, 1e-12);
    assert_int_equal(r.v[1].hours.reading, JZ_VF_WITHIN);   /* B: 18/20 = 0.90, at the edge */
    assert_true(r.outside >= 2);
    jz_vreport_free(&r);
}

static void nothing_reported_gives_no_factor(void **state)
{
    (void)state;
    jz_vdraw d;
    jz_vstratum st[2];
    jz_vitem it[6];
    example(&d, st, it);
    for (int i = 0; i < 3; i++)
        it[i].rep_participants = it[i].rc_participants = 0;
    size_t a[] = {0};
    jz_vestimate e;
    jz_verify_estimate_strata(&d, a, 1, &rules, &e);
    assert_false(e.participants.ok);
    assert_int_equal(e.participants.reading, JZ_VF_NONE);
    assert_true(e.hours.ok);
}

/* With resamples, each end is the wider of the linearised and the bootstrap-t one: never
 * narrower than the hand-worked interval, the same on every run, and a census stratum or a
 * stratum without spread keeps its point interval. */
static void bootstrap_only_widens_and_is_reproducible(void **state)
{
    (void)state;
    jz_vdraw d;
    jz_vstratum st[2];
    jz_vitem it[6];
    example(&d, st, it);
    memcpy(d.seed_sha256, "ab", 3);
    jz_vrules boot = rules;
    boot.resamples = 999;
    size_t both[] = {0, 1};
    jz_vestimate lin, e, again;
    jz_verify_estimate_strata(&d, both, 2, &rules, &lin);
    jz_verify_estimate_strata(&d, both, 2, &boot, &e);
    jz_verify_estimate_strata(&d, both, 2, &boot, &again);
    near(e.hours.r, 49.0 / 54, 1e-12);
    near(e.hours.se, lin.hours.se, 0);
    assert_true(e.hours.ci);
    assert_true(e.hours.lo <= lin.hours.lo && e.hours.hi >= lin.hours.hi);
    assert_true(e.hours.upper >= lin.hours.upper);
    assert_true(e.hours.lo == again.hours.lo && e.hours.hi == again.hours.hi);
    for (int i = 0; i < 3; i++)       /* A all verified: no spread, R = 1 */
        it[i].rc_minutes = it[i].rep_minutes, it[i].result = JZ_VR_VERIFIED;
    size_t a[] = {0};
    jz_verify_estimate_strata(&d, a, 1, &boot, &e);
    assert_true(e.hours.ci);
    assert_true(e.hours.lo == 1 && e.hours.hi == 1 && e.hours.conservative == 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clopper_pearson_0_of_30_is_0_to_one_minus_0025_to_the_1_30th),
        cmocka_unit_test(clopper_pearson_3_of_30_matches_the_binomial_tails),
        cmocka_unit_test(clopper_pearson_30_of_30_is_0025_to_the_1_30th_to_1),
        cmocka_unit_test(clopper_pearson_of_one_item_is_0025_or_0975),
        cmocka_unit_test(incomplete_beta_has_its_closed_forms),
        cmocka_unit_test(quantiles_match_the_printed_tables),
        cmocka_unit_test(plan_is_cochrans_formula_with_the_correction),
        cmocka_unit_test(ratio_estimate_matches_the_hand_worked_example),
        cmocka_unit_test(one_stratum_is_a_simple_ratio),
        cmocka_unit_test(one_checked_item_of_many_has_no_interval),
        cmocka_unit_test(a_stratum_checked_whole_has_no_sampling_error),
        cmocka_unit_test(factors_below_the_band_are_over_reported_and_make_the_run_fail),
        cmocka_unit_test(nothing_reported_gives_no_factor),
        cmocka_unit_test(bootstrap_only_widens_and_is_reproducible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
