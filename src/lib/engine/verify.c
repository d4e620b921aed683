/* verify.c — see include/jz/verify.h; the formulas are documented for users in
 * jz-verify(1), section ESTIMATES. */
#include "jz/verify.h"
#include "jz/error.h"

#include <float.h>
#include <math.h>
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

/* The combined ratio estimator over strata s[0..n) and its linearised variance:
 *   w_h = N_h / m_h (N_h available units, m_h checked items),
 *   R = sum_h w_h sum_i y_hi / sum_h w_h sum_i x_hi,
 *   v(R) = 1/X^2 sum_h N_h^2 (1 - m_h/N_h) s_eh^2 / m_h,  e_hi = y_hi - R x_hi,
 * where X is the estimated reported total and s_eh^2 the sample variance of e in h. */
static void ratio(const jz_vdraw *d, const size_t *s, size_t n, bool hours, const jz_vrules *rules,
                  jz_vfactor *f)
{
    double Y = 0, X = 0, var = 0, df = 0;
    bool estimable = true;
    memset(f, 0, sizeof *f);
    for (size_t k = 0; k < n; k++) {
        const jz_vstratum *st = &d->strata[s[k]];
        double m = 0, sy = 0, sx = 0;
        for (size_t i = st->first; i < st->first + st->n; i++)
            if (checked(&d->items[i])) {
                m++;
                sy += fig(&d->items[i], hours, true);
                sx += fig(&d->items[i], hours, false);
            }
        if (m > 0) {
            Y += (double)st->available / m * sy;
            X += (double)st->available / m * sx;
        }
    }
    if (!(X > 0))
        return;
    f->ok = true;
    f->r = Y / X;
    for (size_t k = 0; k < n; k++) {
        const jz_vstratum *st = &d->strata[s[k]];
        double m = 0, se = 0, se2 = 0, Nh = (double)st->available;
        for (size_t i = st->first; i < st->first + st->n; i++)
            if (checked(&d->items[i])) {
                double e = fig(&d->items[i], hours, true) - f->r * fig(&d->items[i], hours, false);
                m++;
                se += e;
                se2 += e * e;
            }
        if (m == 0 || m >= Nh)
            continue;  /* nothing checked (left out), or the whole stratum: no sampling error */
        if (m < 2) {
            estimable = false;  /* one item of many: its spread cannot be estimated */
            continue;
        }
        double s2 = (se2 - se * se / m) / (m - 1);
        var += Nh * Nh * (1 - m / Nh) * (s2 > 0 ? s2 : 0) / m;
        df += m - 1;
    }
    f->se = sqrt(var) / X;
    f->df = df;
    f->ci = estimable;
    if (estimable) {
        double t = df > 0 ? jz_t_quantile(1 - (1 - rules->confidence) / 2, df) : 0;
        f->lo = f->r - t * f->se;
        f->hi = f->r + t * f->se;
        double tb = df > 0 ? jz_t_quantile(rules->bound, df) : 0;
        f->conservative = f->r + tb * f->se < 1 ? f->r + tb * f->se : 1;
    }
    f->reading = f->r < rules->low ? JZ_VF_OVER : f->r > rules->high ? JZ_VF_UNDER : JZ_VF_WITHIN;
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

/* Overstated hours: X (1 - R), and its one-sided lower bound X (1 - R) - t X se(R). */
static void overstatement(jz_vestimate *e, const jz_vrules *rules)
{
    const jz_vfactor *f = &e->hours;
    double X = (double)e->reported_minutes;
    if (!f->ok)
        return;
    e->over_ok = true;
    e->true_minutes = f->r * X;
    e->over_minutes = X - e->true_minutes;
    if (f->ci) {
        double t = f->df > 0 ? jz_t_quantile(rules->bound, f->df) : 0;
        e->over_lb_ok = true;
        e->over_lb_minutes = e->over_minutes - t * X * f->se;
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
