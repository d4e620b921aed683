/* hours.c — see include/jz/hours.h */
#include "jz/hours.h"
#include "jz/fp.h"
#include "jz/hash.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *jz_status_name(jz_status s)
{
    static const char *const names[] = {"ok", "short", "over", "n/a"};
    return names[s];
}

/* ---- accumulation ---- */

typedef struct contract_acc {
    jz_series staff;      /* the slots of its staff ids of one numbered series (C001-S04) */
    jz_day last;          /* last record date counted, JZ_NO_DAY if none */
    long rows, rows_after;
} contract_acc;

struct jz_hours_acc {
    const jz_rules *rules;
    const jz_contracts *contracts;
    jz_day as_of;
    jz_strmap *staff;         /* "ci\x1fstaff" -> slot */
    size_t *staff_ci;         /* slot -> contract index */
    size_t *staff_idlen;      /* slot -> offset of the id in the key */
    jz_hours_sums *sums;      /* slot -> sums */
    size_t cap;
    contract_acc *per;        /* per contract */
    jz_strmap *orphan_keys;   /* centre -> orphan number */
    jz_orphan *orphans;
    char **orphan_files;
    const jz_contract *last_contract;  /* one-entry caches for runs of rows */
    size_t last_centre_len;
    long last_sums;
    size_t last_staff_len;
};

jz_hours_acc *jz_hours_acc_new(const jz_rules *rules, const jz_contracts *contracts, jz_day as_of)
{
    jz_hours_acc *a = jz_xcalloc(1, sizeof *a);
    a->rules = rules;
    a->contracts = contracts;
    a->as_of = as_of;
    a->staff = jz_strmap_new();
    a->orphan_keys = jz_strmap_new();
    a->per = jz_xcalloc(contracts->n ? contracts->n : 1, sizeof *a->per);
    a->last_sums = -1;
    for (size_t i = 0; i < contracts->n; i++)
        a->per[i].last = JZ_NO_DAY;
    return a;
}

void jz_hours_acc_free(jz_hours_acc *a)
{
    if (!a)
        return;
    jz_strmap_free(a->staff);
    for (size_t i = 0; i < a->contracts->n; i++)
        jz_series_free(&a->per[i].staff);
    free(a->staff_ci);
    free(a->staff_idlen);
    free(a->sums);
    free(a->per);
    size_t n = jz_strmap_count(a->orphan_keys);
    for (size_t i = 0; i < n; i++)
        free(a->orphan_files[i]);
    free(a->orphan_files);
    free(a->orphans);
    jz_strmap_free(a->orphan_keys);
    free(a);
}

static void add_orphan(jz_hours_acc *a, const char *centre, bool has_contract, const char *file, long line)
{
    bool added;
    long i = jz_strmap_put(a->orphan_keys, centre, strlen(centre), &added);
    if (added) {
        a->orphans = jz_xrealloc(a->orphans, ((size_t)i + 1) * sizeof *a->orphans);
        a->orphan_files = jz_xrealloc(a->orphan_files, ((size_t)i + 1) * sizeof *a->orphan_files);
        a->orphan_files[i] = jz_xstrdup(file);
        a->orphans[i] = (jz_orphan){NULL, 0, has_contract, a->orphan_files[i], line};
    }
    a->orphans[i].rows++;
}

/* Key of a staff member within a contract: the contract index's bytes, then the id. */
static size_t staff_key(char *key, size_t cap, size_t ci, const char *id, size_t n)
{
    if (n > cap - sizeof ci - 1)
        n = cap - sizeof ci - 1;
    memcpy(key, &ci, sizeof ci);
    memcpy(key + sizeof ci, id, n);
    key[sizeof ci + n] = '\0';
    return sizeof ci + n;
}

static jz_hours_sums *staff_sums(jz_hours_acc *a, size_t ci, const jz_field *staff)
{
    char key[320];
    size_t kn = staff_key(key, sizeof key, ci, staff->s, staff->n);
    bool added;
    long slot = jz_strmap_put(a->staff, key, kn, &added);
    if (added) {
        if ((size_t)slot >= a->cap) {
            a->cap = a->cap ? a->cap * 2 : 64;
            a->staff_ci = jz_xrealloc(a->staff_ci, a->cap * sizeof *a->staff_ci);
            a->staff_idlen = jz_xrealloc(a->staff_idlen, a->cap * sizeof *a->staff_idlen);
            a->sums = jz_xrealloc(a->sums, a->cap * sizeof *a->sums);
        }
        a->staff_ci[slot] = ci;
        a->staff_idlen[slot] = sizeof ci;
        memset(&a->sums[slot], 0, sizeof a->sums[slot]);
    }
    return &a->sums[slot];
}

const jz_contract *jz_hours_acc_add(jz_hours_acc *a, const jz_field *f, const char *file, long line)
{
    jz_day day = f[JZ_R_DATE].v.day;
    const jz_field *fc = &f[JZ_R_CENTRE];
    const jz_contract *k = a->last_contract;
    /* Exports come in runs of one centre (and one staff member): a one-entry cache
     * saves the lookups for most rows. */
    if (!k || fc->n != a->last_centre_len || memcmp(fc->s, k->centre, fc->n) != 0 || day < k->start ||
        day > k->end) {
        char stack[256], *centre = jz_field_text(fc, stack, sizeof stack);
        bool any;
        k = jz_contracts_for(a->contracts, centre, day, &any);
        if (!k) {
            add_orphan(a, centre, any, file, line);
            if (centre != stack)
                free(centre);
            return NULL;
        }
        /* Cache only a centre's sole contract: with several, which one a date belongs to
         * must not depend on the order of the rows. */
        size_t only = (size_t)(k - a->contracts->v);
        bool sole = a->contracts->next_same[only] < 0 && jz_contracts_first(a->contracts, centre) == k;
        if (centre != stack)
            free(centre);
        a->last_contract = sole ? k : NULL;
        a->last_centre_len = strlen(k->centre);
    }
    size_t ci = (size_t)(k - a->contracts->v);
    contract_acc *pc = &a->per[ci];
    if (a->as_of != JZ_NO_DAY && day > a->as_of) {
        pc->rows_after++;
        return k;
    }
    pc->rows++;
    if (pc->last == JZ_NO_DAY || day > pc->last)
        pc->last = day;
    int64_t m = f[JZ_R_HOURS].ok ? f[JZ_R_HOURS].v.num
                : (f[JZ_R_START].ok && f[JZ_R_END].ok && f[JZ_R_END].v.minute > f[JZ_R_START].v.minute)
                    ? f[JZ_R_END].v.minute - f[JZ_R_START].v.minute : 0;
    const jz_field *fs = &f[JZ_R_STAFF];
    jz_hours_sums *s;
    /* a district's rows alternate staff: an id of the contract's numbered series is found
     * by its number first (the one-entry cache of the last staff member would mostly
     * miss), the others by that cache or in the map */
    long num = jz_series_number(&pc->staff, fs->s, fs->n), slot = jz_series_get(&pc->staff, num);
    if (slot >= 0) {
        s = &a->sums[slot];
    } else if (a->last_sums >= 0 && a->staff_ci[a->last_sums] == ci && fs->n == a->last_staff_len &&
               memcmp(fs->s, jz_strmap_key(a->staff, a->last_sums) + sizeof ci, fs->n) == 0) {
        s = &a->sums[a->last_sums];
    } else {
        s = staff_sums(a, ci, fs);
        if (num >= 0)
            jz_series_set(&pc->staff, num, s - a->sums);
    }
    a->last_sums = s - a->sums;
    a->last_staff_len = fs->n;
    s->rows++;
    int kind = f[JZ_R_KIND].v.e;
    const jz_rules *r = a->rules;
    if (r->service_kind[kind]) {
        s->service += m;
        if (f[JZ_R_MODE].ok && r->direct_mode[f[JZ_R_MODE].v.e])
            s->direct += m;
        if (f[JZ_R_PLACE].ok && r->outreach_place[f[JZ_R_PLACE].v.e])
            s->outreach += m;
    } else if (kind == JZ_KIND_TRAINING) {
        s->training += m;
    } else if (kind == JZ_KIND_SUPERVISION) {
        s->supervision += m;
    }
    return k;
}

void jz_hours_acc_merge(jz_hours_acc *dst, const jz_hours_acc *src, long line_base)
{
    for (size_t i = 0; i < dst->contracts->n; i++) {
        contract_acc *d = &dst->per[i];
        const contract_acc *s = &src->per[i];
        d->rows += s->rows;
        d->rows_after += s->rows_after;
        if (s->last != JZ_NO_DAY && (d->last == JZ_NO_DAY || s->last > d->last))
            d->last = s->last;
    }
    size_t n = jz_strmap_count(src->staff);
    for (size_t slot = 0; slot < n; slot++) {
        const char *key = jz_strmap_key(src->staff, (long)slot);
        size_t ci = src->staff_ci[slot];
        jz_field id = {.s = key + src->staff_idlen[slot]};
        id.n = strlen(id.s);
        jz_hours_sums *d = staff_sums(dst, ci, &id);
        const jz_hours_sums *s = &src->sums[slot];
        d->service += s->service, d->direct += s->direct, d->outreach += s->outreach;
        d->training += s->training, d->supervision += s->supervision, d->rows += s->rows;
    }
    dst->last_sums = -1;  /* the slots may have moved */
    size_t no = jz_strmap_count(src->orphan_keys);
    for (size_t i = 0; i < no; i++) {
        const jz_orphan *o = &src->orphans[i];
        const char *centre = jz_strmap_key(src->orphan_keys, (long)i);
        long before = jz_strmap_get(dst->orphan_keys, centre, strlen(centre));
        if (before < 0) {
            add_orphan(dst, centre, o->has_contract, o->file, o->line + line_base);
            dst->orphans[jz_strmap_get(dst->orphan_keys, centre, strlen(centre))].rows = o->rows;
        } else {
            dst->orphans[before].rows += o->rows;
        }
    }
}

size_t jz_hours_orphans(const jz_hours_acc *a, const jz_orphan **out)
{
    size_t n = jz_strmap_count(a->orphan_keys);
    for (size_t i = 0; i < n; i++)
        a->orphans[i].centre = jz_strmap_key(a->orphan_keys, (long)i);
    *out = a->orphans;
    return n;
}

/* ---- evaluation ---- */

static char *hours_text(int64_t minutes, char *buf)
{
    return jz_minutes_format(minutes, 1, true, buf);
}

/* bp (1/10000) as a percentage to one decimal, half away from zero: 1234 -> "12.3 %". */
static char *pct_text(int64_t bp, char buf[static JZ_FP_BUF])
{
    char t[JZ_FP_BUF];
    snprintf(buf, JZ_FP_BUF, "%s %%", jz_fixed_format(bp, 2, 1, t, sizeof t));
    return buf;
}

static int64_t ratio_bp(int64_t delivered, int64_t required)
{
    if (required <= 0 || delivered < 0)
        return -1;
    return (delivered * 10000 * 2 + required) / (2 * required);
}

/* ceil(y * e / t) */
static int64_t prorate(int64_t yearly, int64_t e, int64_t t)
{
    if (t <= 0)
        return yearly;
    return (yearly * e + t - 1) / t;
}

static jz_check *add_check(jz_hours_result *r, const char *name, jz_unit unit)
{
    r->checks = jz_xrealloc(r->checks, (r->n + 1) * sizeof *r->checks);
    jz_check *c = &r->checks[r->n++];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->unit = unit;
    c->required = c->delivered = c->ratio_bp = -1;
    c->status = JZ_ST_NA;
    return c;
}

static void detail(jz_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void detail(jz_check *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
}

/* A minimum to reach: status, ratio and sentence "LABEL X of Y due by DATE (P): short by Z". */
static void minimum(jz_check *c, const char *label, int64_t required, int64_t delivered,
                    const char *due)
{
    char a[32], b[32], p[32], s[32];
    c->required = required;
    c->delivered = delivered;
    c->ratio_bp = ratio_bp(delivered, required);
    c->status = delivered >= required ? JZ_ST_OK : JZ_ST_SHORT;
    if (c->ratio_bp < 0)
        snprintf(p, sizeof p, "nothing due");
    else
        pct_text(c->ratio_bp, p);
    if (c->status == JZ_ST_SHORT && required - delivered < 6)  /* under 0.1 h: say minutes */
        snprintf(s, sizeof s, "%lld minute%s", (long long)(required - delivered),
                 required - delivered == 1 ? "" : "s");
    else if (c->status == JZ_ST_SHORT)
        snprintf(s, sizeof s, "%s h", hours_text(required - delivered, (char[32]){0}));
    detail(c, "%s %s of %s %s (%s)%s%s", label, hours_text(delivered, a), hours_text(required, b), due, p,
           c->status == JZ_ST_SHORT ? ": short by " : "", c->status == JZ_ST_SHORT ? s : "");
}

typedef struct period {
    jz_day start, as_of, end;
    int64_t e, t;
} period;

static int64_t months_between(jz_day from, jz_day to_exclusive)
{
    int y1, m1, d1, y2, m2, d2;
    jz_civil_from_days(from, &y1, &m1, &d1);
    jz_civil_from_days(to_exclusive, &y2, &m2, &d2);
    int64_t n = (int64_t)(y2 - y1) * 12 + (m2 - m1);
    return d2 < d1 ? n - 1 : n;
}

static jz_code units(const jz_rules *rules, const jz_calendar *cal, jz_day from, jz_day to,
                     int64_t *out, jz_error *err)
{
    if (to < from) {
        *out = 0;
        return JZ_OK;
    }
    switch (rules->prorate) {
    case JZ_PRORATE_WORKING_DAYS: {
        long n;
        jz_code c = jz_calendar_count(cal, from, to, &n, err);
        *out = n;
        return c;
    }
    case JZ_PRORATE_CALENDAR_DAYS: *out = to - from + 1; return JZ_OK;
    case JZ_PRORATE_MONTHS: *out = months_between(from, to + 1); return JZ_OK;
    case JZ_PRORATE_NONE: *out = 1; return JZ_OK;
    }
    return JZ_OK;
}

static bool counted_staff(const jz_roster *roster, const jz_contract *k, const char *id)
{
    if (!roster)
        return true;
    const jz_staff *s = jz_roster_find(roster, k->centre, id);
    return s && s->counted;
}

static void sum_counted(const jz_hours_acc *a, size_t ci, const jz_roster *roster, jz_hours_result *r)
{
    size_t n = jz_strmap_count(a->staff);
    for (size_t slot = 0; slot < n; slot++) {
        if (a->staff_ci[slot] != ci)
            continue;
        const jz_hours_sums *s = &a->sums[slot];
        r->rows += s->rows;
        const char *id = jz_strmap_key(a->staff, (long)slot) + a->staff_idlen[slot];
        if (!counted_staff(roster, r->contract, id)) {
            /* left out, but never silently: how many rows and hours, and why */
            bool listed = jz_roster_find(roster, r->contract->centre, id) != NULL;
            jz_hours_sums *o = listed ? &r->not_counted : &r->not_in_roster;
            *(listed ? &r->staff_not_counted : &r->staff_not_in_roster) += 1;
            o->service += s->service, o->direct += s->direct, o->outreach += s->outreach;
            o->training += s->training, o->supervision += s->supervision, o->rows += s->rows;
            continue;
        }
        r->total.service += s->service;
        r->total.direct += s->direct;
        r->total.outreach += s->outreach;
        r->total.training += s->training;
        r->total.supervision += s->supervision;
        r->total.rows += s->rows;
    }
}

static void check_bid(const jz_rules *rules, const jz_contract *k, jz_hours_result *r)
{
    int64_t budget = k->budget_fen / 100;
    int64_t need_total = jz_rules_total_minutes(rules, budget);
    int64_t cap = (need_total * rules->bid_cap_bp + 9999) / 10000;
    int64_t staff = jz_rules_counted_staff(rules, budget);
    char a[32], b[32], c2[32];
    jz_check *c = add_check(r, "bid_total", JZ_UNIT_MINUTES);
    if (k->total_minutes < 0) {
        detail(c, "the contract gives no total_hours: the rule's %s h for %lld counted staff is used below",
               hours_text(need_total, a), (long long)staff);
    } else {
        c->required = need_total;
        c->delivered = k->total_minutes;
        c->ratio_bp = ratio_bp(k->total_minutes, need_total);
        c->status = k->total_minutes > cap ? JZ_ST_OVER : k->total_minutes < need_total ? JZ_ST_SHORT : JZ_ST_OK;
        detail(c, "bid total %s h against %s h for %lld counted staff (cap %s h = %s)%s",
               hours_text(k->total_minutes, a), hours_text(need_total, b), (long long)staff, hours_text(cap, c2),
               pct_text(rules->bid_cap_bp, (char[32]){0}),
               c->status == JZ_ST_OVER ? ": over the cap" : c->status == JZ_ST_SHORT ? ": below the rule's total" : "");
    }
    c = add_check(r, "bid_direct", JZ_UNIT_MINUTES);
    bool larger = staff > rules->base_counted_staff;
    if (k->direct_minutes < 0) {
        if (larger)
            detail(c, "the contract gives no direct_hours: above the base budget the public rule does not say "
                      "how %s h scales, so the direct-hours check cannot be made", hours_text(rules->base_direct_min, a));
        else
            detail(c, "the contract gives no direct_hours: the rule's %s h is used below",
                   hours_text(rules->base_direct_min, a));
        return;
    }
    c->required = rules->base_direct_min;
    c->delivered = k->direct_minutes;
    c->ratio_bp = ratio_bp(k->direct_minutes, rules->base_direct_min);
    c->status = k->direct_minutes >= rules->base_direct_min ? JZ_ST_OK : JZ_ST_SHORT;
    detail(c, "bid direct hours %s h against the minimum %s h%s%s", hours_text(k->direct_minutes, a),
           hours_text(rules->base_direct_min, b), larger ? " (the base minimum: the rule for larger contracts is not public)" : "",
           c->status == JZ_ST_SHORT ? ": below the minimum, the bid is invalid" : "");
}

static void check_staffing(const jz_rules *rules, const jz_roster *roster, const period *p,
                           jz_hours_result *r)
{
    const jz_contract *k = r->contract;
    int64_t need = jz_rules_counted_staff(rules, k->budget_fen / 100);
    if (k->professional_staff > need)
        need = k->professional_staff;
    size_t first_check = r->n;
    add_check(r, "staff_counted", JZ_UNIT_PEOPLE);
    add_check(r, "staff_certified", JZ_UNIT_PEOPLE);
    add_check(r, "staff_total", JZ_UNIT_PEOPLE);
    add_check(r, "staff_vacancy", JZ_UNIT_DAYS);
    /* Pointers taken after the last add_check (it may move the array). */
    jz_check *cc = &r->checks[first_check], *cq = cc + 1, *ct = cc + 2, *cv = cc + 3;
    if (!roster) {
        const char *why = "no roster given (--roster): staffing cannot be checked";
        detail(cc, "%s", why);
        detail(cq, "%s", why);
        detail(ct, "%s", why);
        detail(cv, "%s", why);
        return;
    }
    /* The centre's staff, once: the vacancy walk below visits them every day. */
    const jz_staff **mine = jz_xmalloc((roster->n ? roster->n : 1) * sizeof *mine);
    size_t nmine = 0;
    for (size_t i = 0; i < roster->n; i++)
        if (strcmp(roster->v[i].centre, k->centre) == 0)
            mine[nmine++] = &roster->v[i];
    int64_t counted = 0, certified = 0, total = 0;
    for (size_t i = 0; i < nmine; i++) {
        const jz_staff *s = mine[i];
        if (!jz_staff_on(s, p->as_of))
            continue;
        total++;
        counted += s->counted;
        certified += s->counted && rules->certified[s->qual];
    }
    char d[11];
    jz_date_format(p->as_of, d);
    struct { jz_check *c; int64_t need, have; const char *what; } rows[] = {
        {cc, need, counted, "counted professional staff"},
        {cq, rules->min_certified, certified, "certified counted staff"},
        {ct, rules->min_total_staff, total, "staff in all"},
    };
    for (size_t i = 0; i < 3; i++) {
        jz_check *c = rows[i].c;
        c->required = rows[i].need;
        c->delivered = rows[i].have;
        c->ratio_bp = ratio_bp(rows[i].have, rows[i].need);
        c->status = rows[i].have >= rows[i].need ? JZ_ST_OK : JZ_ST_SHORT;
        detail(c, "%lld %s on %s, %lld required%s", (long long)rows[i].have, rows[i].what, d,
               (long long)rows[i].need, c->status == JZ_ST_SHORT ? ": short" : "");
    }
    /* Vacancy: days from the start to the as-of date with fewer counted staff than required. */
    int64_t vacant = 0;
    jz_day first = JZ_NO_DAY, last = JZ_NO_DAY;
    for (jz_day day = p->start; day <= p->as_of; day++) {
        int64_t n = 0;
        for (size_t i = 0; i < nmine; i++)
            n += mine[i]->counted && jz_staff_on(mine[i], day);
        if (n < need) {
            vacant++;
            if (first == JZ_NO_DAY)
                first = day;
            last = day;
        }
    }
    free(mine);
    cv->required = 0;
    cv->delivered = vacant;
    cv->status = vacant ? JZ_ST_SHORT : JZ_ST_OK;
    if (vacant)
        detail(cv, "a counted post stood vacant on %lld day%s between %s and %s", (long long)vacant,
               vacant == 1 ? "" : "s", jz_date_format(first, (char[11]){0}), jz_date_format(last, (char[11]){0}));
    else
        detail(cv, "no counted post vacant from %s to %s", jz_date_format(p->start, (char[11]){0}), d);
}

static void check_delivery(const jz_rules *rules, const period *p, jz_hours_result *r)
{
    const jz_contract *k = r->contract;
    char due[40], d[11];
    snprintf(due, sizeof due, "due by %s", jz_date_format(p->as_of, d));
    int64_t budget = k->budget_fen / 100;
    bool larger = jz_rules_counted_staff(rules, budget) > rules->base_counted_staff;
    int64_t total = k->total_minutes >= 0 ? k->total_minutes : jz_rules_total_minutes(rules, budget);
    minimum(add_check(r, "service_hours", JZ_UNIT_MINUTES), "service hours", prorate(total, p->e, p->t),
            r->total.service, due);
    jz_check *c = add_check(r, "direct_hours", JZ_UNIT_MINUTES);
    int64_t direct = k->direct_minutes >= 0 ? k->direct_minutes : larger ? -1 : rules->base_direct_min;
    if (direct < 0) {
        c->delivered = r->total.direct;
        char a[32];
        detail(c, "direct hours %s delivered; no requirement: the contract (above the base budget) gives no "
                  "direct_hours and the public rule does not say how it scales", hours_text(r->total.direct, a));
    } else {
        minimum(c, "direct hours", prorate(direct, p->e, p->t), r->total.direct, due);
    }
    minimum(add_check(r, "training_hours", JZ_UNIT_MINUTES), "training hours",
            prorate(rules->training, p->e, p->t), r->total.training, due);
    minimum(add_check(r, "supervision_hours", JZ_UNIT_MINUTES), "supervision hours",
            prorate(rules->supervision, p->e, p->t), r->total.supervision, due);
    c = add_check(r, "outreach_share", JZ_UNIT_MINUTES);
    int64_t need = (r->total.service * rules->outreach_bp + 9999) / 10000;
    char a[32], b[32], s1[32], s2[32];
    c->required = need;
    c->delivered = r->total.outreach;
    c->ratio_bp = ratio_bp(r->total.outreach, need);
    c->status = r->total.outreach >= need ? JZ_ST_OK : JZ_ST_SHORT;
    if (r->total.service == 0) {
        c->ratio_bp = -1;
        c->status = JZ_ST_NA;
        detail(c, "no service hours yet: the outreach share cannot be computed");
        return;
    }
    detail(c, "outreach %s of service hours (%s of %s h in the community or at home), at least %s required%s",
           pct_text(ratio_bp(r->total.outreach, r->total.service), s1), hours_text(r->total.outreach, a),
           hours_text(r->total.service, b), pct_text(rules->outreach_bp, s2),
           c->status == JZ_ST_SHORT ? ": short" : "");
}

static jz_code check_one_staff(const jz_rules *rules, const jz_calendar *cal, const period *p,
                               const char *id, jz_day from, jz_day to, const jz_hours_sums *s,
                               jz_hours_result *r, jz_error *err)
{
    int64_t e;
    if (from < p->start)
        from = p->start;
    if (to == JZ_NO_DAY || to > p->as_of)
        to = p->as_of;
    if (to < from)
        return JZ_OK;  /* not employed in the period so far */
    jz_code code = units(rules, cal, from, to, &e, err);
    if (code)
        return code;
    char name[80], a[32], b[32], pc[32];
    snprintf(name, sizeof name, "staff_hours:%s", id);
    jz_check *c = add_check(r, name, JZ_UNIT_MINUTES);
    c->required = prorate(rules->per_worker, e, p->t);
    c->delivered = s ? s->service : 0;
    c->ratio_bp = ratio_bp(c->delivered, c->required);
    int64_t low = (c->required * rules->staff_low_bp + 9999) / 10000;
    int64_t high = c->required * rules->staff_high_bp / 10000;
    c->status = c->delivered < low ? JZ_ST_SHORT : c->delivered > high ? JZ_ST_OVER : JZ_ST_OK;
    if (c->ratio_bp < 0)
        snprintf(pc, sizeof pc, "nothing due");
    else
        pct_text(c->ratio_bp, pc);
    detail(c, "%s: %s of %s h due from %s to %s (%s)%s", id, hours_text(c->delivered, a), hours_text(c->required, b),
           jz_date_format(from, (char[11]){0}), jz_date_format(to, (char[11]){0}), pc,
           c->status == JZ_ST_SHORT ? ": under the low mark" : c->status == JZ_ST_OVER ? ": over the high mark" : "");
    return JZ_OK;
}

static const jz_hours_sums *sums_of(const jz_hours_acc *a, size_t ci, const char *id)
{
    char key[320];
    long slot = jz_strmap_get(a->staff, key, staff_key(key, sizeof key, ci, id, strlen(id)));
    return slot < 0 ? NULL : &a->sums[slot];
}

static jz_code check_staff_hours(const jz_hours_acc *a, size_t ci, const jz_roster *roster,
                                 const jz_calendar *cal, const period *p, jz_hours_result *r,
                                 jz_error *err)
{
    jz_code code = JZ_OK;
    if (roster) {
        for (size_t i = 0; i < roster->n && !code; i++) {
            const jz_staff *s = &roster->v[i];
            if (s->counted && strcmp(s->centre, r->contract->centre) == 0)
                code = check_one_staff(a->rules, cal, p, s->id, s->start == JZ_NO_DAY ? p->start : s->start,
                                       s->end, sums_of(a, ci, s->id), r, err);
        }
        return code;
    }
    size_t n = jz_strmap_count(a->staff);
    for (size_t slot = 0; slot < n && !code; slot++)
        if (a->staff_ci[slot] == ci)
            code = check_one_staff(a->rules, cal, p, jz_strmap_key(a->staff, (long)slot) + a->staff_idlen[slot],
                                   p->start, JZ_NO_DAY, &a->sums[slot], r, err);
    return code;
}

jz_code jz_hours_evaluate(const jz_hours_acc *a, size_t ci, const jz_roster *roster,
                          const jz_calendar *cal, jz_day as_of, bool by_staff,
                          jz_hours_result *r, jz_error *err)
{
    memset(r, 0, sizeof *r);
    const jz_contract *k = &a->contracts->v[ci];
    r->contract = k;
    r->roster_missing = roster == NULL;
    r->rows_after = a->per[ci].rows_after;
    period p = {k->start, as_of, k->end, 0, 0};
    if (as_of != JZ_NO_DAY) {
        r->as_of_reason = "--as-of";
    } else if (a->per[ci].last == JZ_NO_DAY) {
        p.as_of = k->end;
        r->as_of_reason = "contract end; no records";
    } else if (a->per[ci].last < k->end) {
        p.as_of = a->per[ci].last;
        r->as_of_reason = "last record";
    } else {
        p.as_of = k->end;
        r->as_of_reason = "contract end";
    }
    if (p.as_of > k->end)
        p.as_of = k->end;
    r->as_of = p.as_of;
    jz_code code = units(a->rules, cal, p.start, p.as_of, &p.e, err);
    if (!code)
        code = units(a->rules, cal, p.start, p.end, &p.t, err);
    if (code)
        return code;
    r->elapsed = p.e;
    r->period = p.t;
    sum_counted(a, ci, roster, r);
    check_bid(a->rules, k, r);
    check_staffing(a->rules, roster, &p, r);
    if (r->rows == 0 && r->rows_after == 0) {
        /* No export of this centre in the run: say so rather than "short by everything". */
        static const char *const names[] = {"service_hours", "direct_hours", "training_hours",
                                            "supervision_hours", "outreach_share"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            detail(add_check(r, names[i], JZ_UNIT_MINUTES),
                   "no records of centre %s were given: delivery not checked", k->centre);
        return JZ_OK;
    }
    check_delivery(a->rules, &p, r);
    if (by_staff)
        code = check_staff_hours(a, ci, roster, cal, &p, r, err);
    return code;
}

void jz_hours_result_free(jz_hours_result *r)
{
    if (!r)
        return;
    free(r->checks);
    r->checks = NULL;
    r->n = 0;
}

bool jz_hours_unchecked(const jz_hours_result *r)
{
    return r->rows == 0 && r->rows_after == 0;
}

bool jz_hours_failing(const jz_hours_result *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->checks[i].status == JZ_ST_SHORT || r->checks[i].status == JZ_ST_OVER)
            return true;
    return false;
}
