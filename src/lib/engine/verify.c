/* verify.c — see include/jz/verify.h; the formulas are documented for users in
 * jz-verify(1), section ESTIMATES. */
#include "jz/verify.h"
#include "jz/error.h"
#include "jz/rng.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the incomplete beta function and the quantiles ---- */

/* The continued fraction of I_x(a, b) (its even and odd steps), evaluated by the modified
 * Lentz method; converges fast for x < (a + 1) / (a + b + 2). */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = 1 / (fabs(d) < tiny ? tiny : d);
    double f = d;
    for (int m = 1; m <= 10000; m++) {
        double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));   /* even step */
        d = 1 + num * d;
        c = 1 + num / c;
        d = 1 / (fabs(d) < tiny ? tiny : d);
        c = fabs(c) < tiny ? tiny : c;
        f *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));  /* odd step */
        d = 1 + num * d;
        c = 1 + num / c;
        d = 1 / (fabs(d) < tiny ? tiny : d);
        c = fabs(c) < tiny ? tiny : c;
        double step = d * c;
        f *= step;
        if (fabs(step - 1) < 1e-16)
            break;
    }
    return f;
}

double jz_betainc(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    /* x^a (1-x)^b / (a B(a, b)) times the fraction; by symmetry where it converges */
    double lfront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    if (x < (a + 1) / (a + b + 2))
        return exp(lfront) * beta_cf(a, b, x) / a;
    return 1 - exp(lfront) * beta_cf(b, a, 1 - x) / b;
}

double jz_beta_quantile(double a, double b, double p)
{
    double lo = 0, hi = 1;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    for (int i = 0; i < 200 && hi - lo > DBL_EPSILON * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (jz_betainc(a, b, mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

void jz_clopper_pearson(long x, long n, double conf, double *lo, double *hi)
{
    double alpha = 1 - conf;
    if (n <= 0) {
        *lo = 0, *hi = 1;
        return;
    }
    *lo = x <= 0 ? 0 : jz_beta_quantile((double)x, (double)(n - x + 1), alpha / 2);
    *hi = x >= n ? 1 : jz_beta_quantile((double)(x + 1), (double)(n - x), 1 - alpha / 2);
}

static double normal_cdf(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

double jz_normal_quantile(double p)
{
    double lo = -40, hi = 40;
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (normal_cdf(mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* P(T <= t) for Student's t with df degrees of freedom. */
static double t_cdf(double t, double df)
{
    /* P(|T| > |t|) = I_x(df/2, 1/2), x = df / (df + t^2) = 1 - y; near t = 0 through y,
     * which keeps its digits: I_(1-y)(a, b) = 1 - I_y(b, a) */
    double y = t * t / (df + t * t);
    double tail = y < 0.5 ? 0.5 * (1 - jz_betainc(0.5, df / 2, y)) : 0.5 * jz_betainc(df / 2, 0.5, df / (df + t * t));
    return t >= 0 ? 1 - tail : tail;
}

double jz_t_quantile(double p, double df)
{
    double lo = -1, hi = 1;
    while (t_cdf(lo, df) > p && lo > -1e12)
        lo *= 2;
    while (t_cdf(hi, df) < p && hi < 1e12)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > DBL_EPSILON * fabs(hi); i++) {
        double mid = 0.5 * (lo + hi);
        if (t_cdf(mid, df) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* ---- plan ---- */

void jz_verify_plan(double p, double e, double conf, long N, jz_vplan *out)
{
    out->z = jz_normal_quantile(1 - (1 - conf) / 2);
    out->n0 = out->z * out->z * p * (1 - p) / (e * e);
    out->n = N > 0 ? out->n0 / (1 + (out->n0 - 1) / (double)N) : out->n0;
    /* round up, but a float a hair above a whole number is that number */
    out->draw = (long)ceil(out->n - 1e-9);
    if (N > 0 && out->draw > N)
        out->draw = N;
}

/* ---- estimates ---- */

const char *jz_vreading_name(jz_vreading r)
{
    static const char *const names[] = {"n/a", "within", "over-reported", "under-reported"};
    return names[r];
}

/* The checked items of a stratum and their (x, y) for one figure. */
static bool checked(const jz_vitem *it)
{
    return it->result != JZ_VR_NOT_CHECKED;
}

static double fig(const jz_vitem *it, bool hours, bool recounted)
{
    if (hours)
        return (double)(recounted ? it->rc_minutes : it->rep_minutes);
    return (double)(recounted ? it->rc_participants : it->rep_participants);
}

/* The checked items of stratum st into out (indices into d->items); returns how many. */
static size_t checked_items(const jz_vdraw *d, const jz_vstratum *st, size_t *out)
{
    size_t m = 0;
    for (size_t i = st->first; i < st->first + st->n; i++)
        if (checked(&d->items[i]))
            out[m++] = i;
    return m;
}

static double resid(const jz_vitem *it, bool hours, double R)
{
    return fig(it, hours, true) - R * fig(it, hours, false);
}

/* The checked items, in groups: per group g the items idx[off[g] .. off[g+1]), gN[g] the
 * units the group stands for (a stratum's available units; a pps draw's uncertain items
 * stand for an unbounded number, INFINITY, its certain ones for themselves), w[i] the
 * weight of item i in a pps draw (NULL: N_h / m_h, a stratum per group). */
typedef struct groups {
    size_t n, *idx, *off;
    double *gN, *w;
} groups;

/* One (re)sample of the checked items in groups gr, the items idx[] (gr->idx or a
 * resample of it). Gives R = Y / X and its variance: for a simple draw
 * sum_g N_g^2 c_g s_g^2 / m_g of the residuals e = y - R x with c_g = 1 - m_g/N_g (fpc
 * true) or 1; for a pps draw sum_g m_g/(m_g - 1) sum_i (z_i - mean z)^2, z = w e (the
 * with-replacement approximation, no correction); divided by X^2. Groups with m_g = 0
 * or m_g >= N_g add nothing, groups with m_g = 1 make *one true. False when X <= 0. */
static bool ratio_of(const jz_vdraw *d, const groups *gr, const size_t *idx, bool hours, bool fpc, double *R,
                     double *var, double *df, bool *one)
{
    double Y = 0, X = 0;
    const size_t *off = gr->off;
    for (size_t k = 0; k < gr->n; k++) {
        double m = (double)(off[k + 1] - off[k]), sy = 0, sx = 0;
        for (size_t j = off[k]; j < off[k + 1]; j++) {
            double w = gr->w ? gr->w[idx[j]] : 1;
            sy += w * fig(&d->items[idx[j]], hours, true);
            sx += w * fig(&d->items[idx[j]], hours, false);
        }
        if (m > 0 && !gr->w) {
            Y += gr->gN[k] / m * sy;
            X += gr->gN[k] / m * sx;
        } else if (m > 0) {
            Y += sy;
            X += sx;
        }
    }
    if (!(X > 0))
        return false;
    *R = Y / X;
    *var = 0, *df = 0, *one = false;
    for (size_t k = 0; k < gr->n; k++) {
        double m = (double)(off[k + 1] - off[k]), se = 0, se2 = 0, Nh = gr->gN[k];
        if (m == 0 || m >= Nh)
            continue;  /* nothing checked (left out), or the whole stratum: no sampling error */
        if (m < 2) {
            *one = true;  /* one item of many: its spread cannot be estimated */
            continue;
        }
        /* two passes: the mean, then the squares about it; 0 exactly when every residual
         * is the same (a resample of one item, or of items alike) */
        bool alike = true;
        double w0 = gr->w ? gr->w[idx[off[k]]] : 1, e0 = w0 * resid(&d->items[idx[off[k]]], hours, *R);
        for (size_t j = off[k]; j < off[k + 1]; j++) {
            double e = (gr->w ? gr->w[idx[j]] : 1) * resid(&d->items[idx[j]], hours, *R);
            se += e;
            alike = alike && e == e0;
        }
        for (size_t j = off[k]; j < off[k + 1] && !alike; j++) {
            double e = (gr->w ? gr->w[idx[j]] : 1) * resid(&d->items[idx[j]], hours, *R) - se / m;
            se2 += e * e;
        }
        if (gr->w)
            *var += m / (m - 1) * se2;
        else
            *var += Nh * Nh * (fpc ? 1 - m / Nh : 1) * (se2 / (m - 1)) / m;
        *df += m - 1;
    }
    *var /= X * X;
    return true;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The p quantile of sorted t[0..K): its floor(p (K + 1))-th smallest (1 .. K). */
static double order_stat(const double *t, size_t K, double p)
{
    double k = floor(p * (double)(K + 1) + 1e-9);
    size_t i = k < 1 ? 1 : k > (double)K ? K : (size_t)k;
    return t[i - 1];
}

/* The bootstrap-t quantiles (jz-verify(1), ESTIMATES): rules->resamples resamples, within
 * each group with 2 <= m_g < N_g, of its m_g checked items with replacement (index
 * jz_rng_uniform(m_g), groups in order), keyed by "jz-verify bootstrap " + the draw's seed
 * hash; t* = (R* - R) / se*, se* without the finite-population correction; a resample
 * reporting nothing (X* = 0) or without spread (se* = 0) has no t* and is left out. Fills
 * the quantiles at a/2, 1 - a/2 and 1 - bound; false when no resample has a t*. */
static bool bootstrap_t(const jz_vdraw *d, const groups *gr, bool hours, double R, const jz_vrules *rules,
                        double q[3])
{
    size_t B = rules->resamples, total = gr->off[gr->n], K = 0;
    size_t *bi = jz_xcalloc(total + 1, sizeof *bi);
    double *t = jz_xcalloc(B + 1, sizeof *t);
    char seed[96];
    jz_rng rng;
    snprintf(seed, sizeof seed, "jz-verify bootstrap %s", d->seed_sha256);
    jz_rng_init_seed(&rng, seed, strlen(seed), NULL);
    for (size_t b = 0; b < B; b++) {
        for (size_t k = 0; k < gr->n; k++) {
            size_t o = gr->off[k], m = gr->off[k + 1] - o;
            bool resample = m >= 2 && (double)m < gr->gN[k];
            for (size_t j = 0; j < m; j++)
                bi[o + j] = gr->idx[o + (resample ? (size_t)jz_rng_uniform(&rng, m) : j)];
        }
        double Rb, vb, dfb;
        bool one;
        if (!ratio_of(d, gr, bi, hours, false, &Rb, &vb, &dfb, &one))
            continue;   /* the resample reports nothing: left out */
        double seb = sqrt(vb);
        if (seb > 0)
            t[K++] = (Rb - R) / seb;   /* a resample without spread has no t*: left out */
    }
    bool ok = K > 0;
    if (ok) {
        double a = 1 - rules->confidence;
        qsort(t, K, sizeof *t, cmp_double);
        q[0] = order_stat(t, K, a / 2);
        q[1] = order_stat(t, K, 1 - a / 2);
        q[2] = order_stat(t, K, 1 - rules->bound);
    }
    free(bi);
    free(t);
    return ok;
}

/* The groups of strata s[0..n): for a simple draw one per stratum (its checked items,
 * N_h its available units); for a pps draw two per stratum, its uncertain checked items
 * (pi < 1) and its certain ones, each item weighing 1/pi times the stratum's
 * sum of 1/pi over the drawn items / the same over the checked ones (the items not
 * checked are taken to be like the checked ones of their stratum). */
static void make_groups(const jz_vdraw *d, const size_t *s, size_t n, groups *gr)
{
    size_t total = 0, per = d->pps ? 2 : 1;
    for (size_t k = 0; k < n; k++)
        total += d->strata[s[k]].n;
    gr->n = per * n;
    gr->idx = jz_xcalloc(total + 1, sizeof *gr->idx);
    gr->off = jz_xcalloc(gr->n + 1, sizeof *gr->off);
    gr->gN = jz_xcalloc(gr->n + 1, sizeof *gr->gN);
    gr->w = d->pps ? jz_xcalloc(d->nitems + 1, sizeof *gr->w) : NULL;
    for (size_t k = 0, g = 0; k < n; k++) {
        const jz_vstratum *st = &d->strata[s[k]];
        if (!d->pps) {
            gr->gN[g] = (double)st->available;
            gr->off[g + 1] = gr->off[g] + checked_items(d, st, gr->idx + gr->off[g]);
            g++;
            continue;
        }
        double all = 0, chk = 0;
        for (size_t i = st->first; i < st->first + st->n; i++) {
            all += 1 / d->items[i].pi;
            chk += checked(&d->items[i]) ? 1 / d->items[i].pi : 0;
        }
        for (int certain = 0; certain < 2; certain++, g++) {
            size_t m = 0;
            for (size_t i = st->first; i < st->first + st->n; i++)
                if (checked(&d->items[i]) && (d->items[i].pi >= 1) == certain) {
                    gr->idx[gr->off[g] + m++] = i;
                    gr->w[i] = 1 / d->items[i].pi * (all / chk);
                }
            gr->off[g + 1] = gr->off[g] + m;
            gr->gN[g] = certain ? (double)m : INFINITY;
        }
    }
}

/* The combined ratio estimator over strata s[0..n) and its linearised variance:
 *   w_h = N_h / m_h (N_h available units, m_h checked items),
 *   R = sum_h w_h sum_i y_hi / sum_h w_h sum_i x_hi,
 *   v(R) = 1/X^2 sum_h N_h^2 (1 - m_h/N_h) s_eh^2 / m_h,  e_hi = y_hi - R x_hi,
 * where X is the estimated reported total and s_eh^2 the sample variance of e in h; a
 * pps draw weighs each item by its own 1/pi (make_groups, ratio_of).
 * The interval is R +- t se with Student's t, each end widened to the bootstrap-t one
 * (R - q se .. R - q' se) when the rules ask for resamples. */
static void ratio(const jz_vdraw *d, const size_t *s, size_t n, bool hours, const jz_vrules *rules,
                  jz_vfactor *f)
{
    groups gr;
    memset(f, 0, sizeof *f);
    make_groups(d, s, n, &gr);
    double var = 0, df = 0;
    bool one = false;
    if (ratio_of(d, &gr, gr.idx, hours, true, &f->r, &var, &df, &one)) {
        f->ok = true;
        f->se = sqrt(var);
        f->df = df;
        f->ci = !one;
        if (f->ci) {   /* the linearised interval with Student's t */
            double t = df > 0 ? jz_t_quantile(1 - (1 - rules->confidence) / 2, df) : 0;
            f->lo = f->r - t * f->se;
            f->hi = f->r + t * f->se;
            f->upper = f->r + (df > 0 ? jz_t_quantile(rules->bound, df) : 0) * f->se;
        }
        double q[3] = {0, 0, 0};
        if (f->ci && rules->resamples > 0 && bootstrap_t(d, &gr, hours, f->r, rules, q)) {
            /* each end the wider of the two: the linearised interval is too narrow when the
             * counts are skewed, the bootstrap-t one erratic with few errors */
            f->lo = fmin(f->lo, f->r - q[1] * f->se);
            f->hi = fmax(f->hi, f->r - q[0] * f->se);
            f->upper = fmax(f->upper, f->r - q[2] * f->se);
        }
        if (f->ci && f->lo < 0)
            f->lo = 0;   /* recounts are never negative */
        if (f->ci)
            f->conservative = f->upper < 1 ? f->upper : 1;
        f->reading = f->r < rules->low ? JZ_VF_OVER : f->r > rules->high ? JZ_VF_UNDER : JZ_VF_WITHIN;
    }
    free(gr.idx);
    free(gr.off);
    free(gr.gN);
    free(gr.w);
}

static void count_items(const jz_vdraw *d, const size_t *s, size_t n, jz_vestimate *out)
{
    for (size_t k = 0; k < n; k++) {
        const jz_vstratum *st = &d->strata[s[k]];
        size_t m = 0;
        for (size_t i = st->first; i < st->first + st->n; i++) {
            const jz_vitem *it = &d->items[i];
            out->items++;
            out->count[it->result]++;
            out->unlisted += !it->listed;
            m += checked(it);
        }
        if (m)
            out->reported_minutes += st->rep_minutes;
        else
            out->unchecked_strata++;
    }
    out->strata = n;
    out->checked = out->count[JZ_VR_VERIFIED] + out->count[JZ_VR_DIFFERS] + out->count[JZ_VR_NOT_FOUND];
    out->errors = out->count[JZ_VR_DIFFERS] + out->count[JZ_VR_NOT_FOUND];
}

/* Overstated hours: X (1 - R), and its one-sided lower bound X (1 - U), U the hours
 * factor's one-sided upper bound. */
static void overstatement(jz_vestimate *e, const jz_vrules *rules)
{
    const jz_vfactor *f = &e->hours;
    double X = (double)e->reported_minutes;
    if (!f->ok)
        return;
    e->over_ok = true;
    e->true_minutes = f->r * X;
    e->over_minutes = X - e->true_minutes;
    (void)rules;
    if (f->ci) {
        e->over_lb_ok = true;
        e->over_lb_minutes = X - f->upper * X;
    }
}

void jz_verify_estimate_strata(const jz_vdraw *d, const size_t *s, size_t n, const jz_vrules *rules,
                               jz_vestimate *out)
{
    memset(out, 0, sizeof *out);
    count_items(d, s, n, out);
    jz_clopper_pearson((long)out->errors, (long)out->checked, rules->confidence, &out->err_lo, &out->err_hi);
    ratio(d, s, n, false, rules, &out->participants);
    ratio(d, s, n, true, rules, &out->hours);
    overstatement(out, rules);
}

static void push(jz_vreport *r, const jz_vdraw *d, const size_t *s, size_t n, const char *centre,
                 const char *stratum, const jz_vrules *rules, size_t *cap)
{
    if (r->n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        r->v = jz_xrealloc(r->v, *cap * sizeof *r->v);
    }
    jz_vestimate *e = &r->v[r->n++];
    jz_verify_estimate_strata(d, s, n, rules, e);
    e->centre = centre;
    e->stratum = stratum;
    r->outside += e->participants.reading == JZ_VF_OVER || e->participants.reading == JZ_VF_UNDER;
    r->outside += e->hours.reading == JZ_VF_OVER || e->hours.reading == JZ_VF_UNDER;
}

void jz_verify_estimate(const jz_vdraw *d, const jz_vrules *rules, jz_vreport *out)
{
    size_t cap = 0, *all = jz_xcalloc(d->nstrata + 1, sizeof *all), centres = 0;
    memset(out, 0, sizeof *out);
    for (size_t h = 0; h < d->nstrata; h++)
        all[h] = h;
    for (size_t a = 0, b; a < d->nstrata; a = b) {
        for (b = a; b < d->nstrata && strcmp(d->strata[b].centre, d->strata[a].centre) == 0; b++)
            push(out, d, &all[b], 1, d->strata[b].centre, d->strata[b].value, rules, &cap);
        push(out, d, &all[a], b - a, d->strata[a].centre, NULL, rules, &cap);
        centres++;
    }
    if (centres != 1)
        push(out, d, all, d->nstrata, NULL, NULL, rules, &cap);
    free(all);
}

void jz_vreport_free(jz_vreport *r)
{
    if (!r)
        return;
    free(r->v);
    memset(r, 0, sizeof *r);
}
