/* verify.h — from a drawn sample and the evaluators' findings to verified figures: error
 * rates with exact (Clopper-Pearson) intervals, verification factors (recounted ÷ reported,
 * a stratified ratio estimator weighted by the draw's inclusion probabilities) with their
 * intervals (bootstrap-t, or linearised with Student's t), the extrapolated overstatement of hours with a one-sided lower bound, and the
 * sample size a desired precision needs. The formulas are in jz-verify(1), ESTIMATES.
 *
 * Promise: pure computation — no I/O, no printing, no exit, no global state; the same
 * inputs give the same doubles on the same machine (sums in a fixed order). Loading the
 * draw and the findings is verify_load.h; writing the figures is verify_write.h.
 * Ownership: jz_verify_estimate fills a jz_vreport the caller frees with
 * jz_vreport_free; its strings point into the jz_vdraw passed (valid while it lives).
 */
#ifndef JZ_VERIFY_H
#define JZ_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jz/schema.h"

/* ---- statistics (exact, double precision) ---- */

/* The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1 (continued
 * fraction, evaluated where it converges fast). */
double jz_betainc(double a, double b, double x);
/* The x with I_x(a, b) = p (bisection to the last bit). */
double jz_beta_quantile(double a, double b, double p);
/* Clopper-Pearson interval for x successes of n at two-sided confidence conf (0.95):
 * lower = beta quantile (1-conf)/2 of (x, n-x+1), 0 when x = 0; upper = quantile
 * (1+conf)/2 of (x+1, n-x), 1 when x = n. n = 0 gives [0, 1]. */
void jz_clopper_pearson(long x, long n, double conf, double *lo, double *hi);
/* Standard normal quantile (bisection on erfc). */
double jz_normal_quantile(double p);
/* Student's t quantile with df > 0 degrees of freedom (bisection on the t distribution,
 * which is an incomplete beta). */
double jz_t_quantile(double p, double df);

/* ---- sizing a draw: jz-verify plan ---- */

typedef struct jz_vplan {
    double z;       /* two-sided normal quantile of the confidence */
    double n0;      /* z^2 p (1-p) / e^2: the size for an infinite population */
    double n;       /* n0 / (1 + (n0 - 1) / N): with the finite-population correction */
    long draw;      /* n rounded up (at most N) */
} jz_vplan;

/* Items to draw to estimate an error rate expected near p (0 < p < 1) within +-e
 * (0 < e < 1) at two-sided confidence conf, from a population of N (N <= 0: infinite,
 * no correction). */
void jz_verify_plan(double p, double e, double conf, long N, jz_vplan *out);

/* ---- the draw and its findings ---- */

typedef struct jz_vitem {
    const char *centre, *id;
    size_t stratum, rank;        /* index into jz_vdraw.strata; 1-based rank of the draw */
    long draw_line;              /* its line in the draw */
    int64_t rep_participants, rep_minutes;  /* reported by the records */
    double pi;                   /* its inclusion probability (pps draws; 0 otherwise) */
    bool listed;                 /* the verification files have a row for it */
    int result;                  /* enum jz_vresult; JZ_VR_NOT_CHECKED when not listed */
    int64_t rc_participants, rc_minutes;    /* recounted (reported for verified, 0 for not_found) */
    const char *file, *evaluator, *note;    /* of its row, when listed ("" when empty) */
    long line;
} jz_vitem;

typedef struct jz_vstratum {
    const char *centre, *value;
    size_t population, available, drawn;
    int64_t rep_participants, rep_minutes;  /* of its available units */
    size_t first, n;                        /* its items: items[first .. first + n) */
} jz_vstratum;

typedef struct jz_vdraw {
    char seed_sha256[65];
    const char *method, *unit;   /* "jz-sample-1" or "jz-sample-pps-1"; "client" or "activity" */
    bool pps;                    /* jz-sample-pps-1: each item weighs 1 / its own pi */
    const char *path;
    jz_vstratum *strata;         /* in byte order of centre, then value */
    size_t nstrata;
    jz_vitem *items;             /* by stratum, then rank */
    size_t nitems;
    void *pool;                  /* owns every string (verify_load.c) */
} jz_vdraw;

/* How the figures are read (rubrics/rules/verify.yaml). */
typedef struct jz_vrules {
    double low, high;            /* the band a verification factor should be in: 0.90, 1.10 */
    double confidence;           /* two-sided, for error rates and factors: 0.95 */
    double bound;                /* one-sided, for the overstatement's lower bound: 0.90 */
    const char *source;          /* where the band comes from, for the output */
    size_t resamples;            /* bootstrap-t resamples for the factors' intervals; 0: the
                                  * linearised interval with Student's t (jz-verify(1)) */
} jz_vrules;

/* ---- estimates ---- */

typedef enum jz_vreading {
    JZ_VF_NONE,      /* no estimate (nothing checked, or nothing reported) */
    JZ_VF_WITHIN,    /* low <= factor <= high */
    JZ_VF_OVER,      /* factor < low: the records report more than the paper shows */
    JZ_VF_UNDER      /* factor > high: the records report less */
} jz_vreading;

typedef struct jz_vfactor {
    bool ok;         /* estimated: some checked item reports a non-zero figure */
    bool ci;         /* its interval could be estimated (see jz-verify(1)) */
    double r;        /* recounted / reported, weighted */
    double se;       /* standard error (linearised, with finite-population correction) */
    double df;       /* degrees of freedom of the t quantile: sum of (checked - 1) */
    double lo, hi;   /* interval at rules.confidence, when ci */
    /* The factor a rubric may apply, when ci: min(1, upper), upper = R + t se with t one-sided at
     * rules.bound — the records overstate at least this much (at that level), and a
     * factor above 1 never credits more than was reported. */
    double conservative;
    double upper;    /* the one-sided upper bound at rules.bound, when ci */
    jz_vreading reading;
} jz_vfactor;

typedef struct jz_vestimate {
    const char *centre;          /* NULL: every centre (overall) */
    const char *stratum;         /* NULL: every stratum of the centre */
    size_t strata, unchecked_strata;        /* strata in it; of those, with nothing checked */
    size_t items, checked, count[JZ_VR_N];  /* items drawn; checked = verified+differs+not_found */
    size_t unlisted;             /* drawn items without a row (counted as not_checked) */
    size_t errors;               /* differs + not_found */
    double err_lo, err_hi;       /* Clopper-Pearson at rules.confidence; valid when checked */
    jz_vfactor participants, hours;
    int64_t reported_minutes;    /* of the available units of the strata with checked items */
    bool over_ok, over_lb_ok;
    double true_minutes, over_minutes, over_lb_minutes;  /* estimated true, overstated, bound */
} jz_vestimate;

typedef struct jz_vreport {
    jz_vestimate *v;             /* per centre: its strata, then the centre; then overall */
    size_t n;
    size_t outside;              /* factors (at any level) outside the band: exit 1 */
} jz_vreport;

/* Estimate over the strata s[0..n) (pointers into d->strata). */
void jz_verify_estimate_strata(const jz_vdraw *d, const size_t *s, size_t n, const jz_vrules *rules,
                               jz_vestimate *out);

/* Every level: per centre each stratum, then the centre, then overall (only when there is
 * more than one centre). */
void jz_verify_estimate(const jz_vdraw *d, const jz_vrules *rules, jz_vreport *out);
void jz_vreport_free(jz_vreport *r);

/* "within", "over-reported", "under-reported", "n/a". */
const char *jz_vreading_name(jz_vreading r);

#endif
