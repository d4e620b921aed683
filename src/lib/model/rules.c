/* rules.c — see include/jz/rules.h */
#include "jz/rules.h"
#include "jz/i18n.h"
#include "jz/yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const prorate_names[] = {"working_days", "calendar_days", "months", "none", NULL};

const char *jz_prorate_name(jz_prorate p)
{
    return prorate_names[p];
}

/* A list of enumeration values -> flags. */
static bool enum_list(const jz_ydoc *d, const jz_ynode *n, const char *what, const jz_enumdef *e,
                      bool *flags, jz_error *err)
{
    if (!n || n->kind != JZ_Y_SEQ || n->n == 0)
        return jz_y_fail(d, n, err, "%s must be a list, e.g. [%s, %s]", what, e->en[0], e->en[1]);
    const char *choices[16];
    for (size_t i = 0; i < e->n && i < 15; i++)
        choices[i] = e->en[i];
    choices[e->n < 15 ? e->n : 15] = NULL;
    for (size_t i = 0; i < n->n; i++) {
        int k;
        if (!jz_y_choice(d, n->items[i], what, choices, &k, err))
            return false;
        flags[k] = true;
    }
    return true;
}

/* ---- numbers with their ranges (jiazong-rules(5), RANGES): wide enough for any centre,
 * narrow enough that every product the hours checks form stays inside 64 bits. ---- */

enum { MAX_STAFF = 1000, MAX_HOURS = 10000000, MAX_WORKER_HOURS = 8784 };
#define MAX_YUAN INT64_C(10000000000)

static bool int_in(const jz_ydoc *d, const jz_ynode *m, const char *w, const char *key, int64_t lo, int64_t hi,
                   const char *unit, int64_t *out, jz_error *err)
{
    return jz_y_int(d, jz_y_need(d, m, w, key, err), key, out, err) &&
           jz_y_range(d, jz_y_get(m, key), key, *out, lo, hi, 0, unit, err);
}

static bool hours_in(const jz_ydoc *d, const jz_ynode *m, const char *w, const char *key, int64_t hi_hours,
                     int64_t *out, jz_error *err)
{
    if (!jz_y_minutes(d, jz_y_need(d, m, w, key, err), key, out, err))
        return false;
    /* compared in minutes, said in hours */
    return *out <= hi_hours * 60 || jz_y_range(d, jz_y_get(m, key), key, hi_hours + 1, 0, hi_hours, 0, N_("hours"), err);
}

static bool percent_in(const jz_ydoc *d, const jz_ynode *n, const char *key, int64_t hi_bp, int64_t *out,
                       jz_error *err)
{
    return jz_y_percent(d, n, key, out, err) && jz_y_range(d, n, key, *out, 0, hi_bp, 2, "%", err);
}

static bool load_staffing(jz_rules *r, const jz_ydoc *d, const jz_ynode *m, jz_error *err)
{
    static const char *const keys[] = {"base_budget", "base_counted_staff", "extra_staff_per",
                                       "min_certified", "certified", "min_total_staff", NULL};
    const char *w = "staffing";
    return jz_y_expect_map(d, m, w, keys, err) &&
           int_in(d, m, w, "base_budget", 0, MAX_YUAN, N_("yuan"), &r->base_budget, err) &&
           int_in(d, m, w, "base_counted_staff", 0, MAX_STAFF, N_("staff"), &r->base_counted_staff, err) &&
           int_in(d, m, w, "extra_staff_per", 1000, MAX_YUAN, N_("yuan"), &r->extra_staff_per, err) &&
           int_in(d, m, w, "min_certified", 0, MAX_STAFF, N_("staff"), &r->min_certified, err) &&
           int_in(d, m, w, "min_total_staff", 0, MAX_STAFF, N_("staff"), &r->min_total_staff, err) &&
           enum_list(d, jz_y_need(d, m, w, "certified", err), "certified", &jz_enum_qual, r->certified, err);
}

static bool load_hours(jz_rules *r, const jz_ydoc *d, const jz_ynode *m, jz_error *err)
{
    static const char *const keys[] = {"per_counted_worker", "base_total", "bid_cap", "base_direct_min",
                                       "direct_for_larger", "training", "supervision", "outreach_share",
                                       "outreach_places", "service_kinds", "direct_modes", "staff_low",
                                       "staff_high", NULL};
    static const char *const larger[] = {"contract", NULL};
    const char *w = "hours";
    int dummy;
    return jz_y_expect_map(d, m, w, keys, err) &&
           hours_in(d, m, w, "per_counted_worker", MAX_WORKER_HOURS, &r->per_worker, err) &&
           hours_in(d, m, w, "base_total", MAX_HOURS, &r->base_total, err) &&
           percent_in(d, jz_y_need(d, m, w, "bid_cap", err), "bid_cap", 100000, &r->bid_cap_bp, err) &&
           hours_in(d, m, w, "base_direct_min", MAX_HOURS, &r->base_direct_min, err) &&
           jz_y_choice(d, jz_y_need(d, m, w, "direct_for_larger", err), "direct_for_larger", larger, &dummy, err) &&
           hours_in(d, m, w, "training", MAX_HOURS, &r->training, err) &&
           hours_in(d, m, w, "supervision", MAX_HOURS, &r->supervision, err) &&
           percent_in(d, jz_y_need(d, m, w, "outreach_share", err), "outreach_share", 10000, &r->outreach_bp, err) &&
           enum_list(d, jz_y_need(d, m, w, "outreach_places", err), "outreach_places", &jz_enum_place, r->outreach_place, err) &&
           enum_list(d, jz_y_need(d, m, w, "service_kinds", err), "service_kinds", &jz_enum_kind, r->service_kind, err) &&
           enum_list(d, jz_y_need(d, m, w, "direct_modes", err), "direct_modes", &jz_enum_mode, r->direct_mode, err) &&
           percent_in(d, jz_y_need(d, m, w, "staff_low", err), "staff_low", 100000, &r->staff_low_bp, err) &&
           percent_in(d, jz_y_need(d, m, w, "staff_high", err), "staff_high", 100000, &r->staff_high_bp, err);
}

static bool load_prorate(jz_rules *r, const jz_ydoc *d, const jz_ynode *m, jz_error *err)
{
    static const char *const keys[] = {"method", "rounding", NULL};
    static const char *const rounding[] = {"up", NULL};
    int method, rnd;
    if (!jz_y_expect_map(d, m, "prorate", keys, err) ||
        !jz_y_choice(d, jz_y_need(d, m, "prorate", "method", err), "method", prorate_names, &method, err) ||
        !jz_y_choice(d, jz_y_need(d, m, "prorate", "rounding", err), "rounding", rounding, &rnd, err))
        return false;
    r->prorate = (jz_prorate)method;
    return true;
}

static bool load_payment(jz_rules *r, const jz_ydoc *d, const jz_ynode *m, jz_error *err)
{
    static const char *const keys[] = {"instalments", "mid_term_decides", "end_term_decides", "pass_grade",
                                       "recheck_pays", "second_failure_pays", NULL};
    const char *w = "payment", *grade;
    if (!jz_y_expect_map(d, m, w, keys, err))
        return false;
    jz_ynode *inst = jz_y_need(d, m, w, "instalments", err);
    if (!inst || inst->kind != JZ_Y_SEQ || inst->n == 0 || inst->n > 12)
        return jz_y_fail(d, inst ? inst : m, err, "instalments must be a list of 1 to 12 shares, e.g. [25%%, 25%%, 25%%, 25%%]");
    int64_t sum = 0;
    for (size_t i = 0; i < inst->n; i++) {
        if (!percent_in(d, inst->items[i], "instalment", 10000, &r->instalment_bp[i], err))
            return false;
        sum += r->instalment_bp[i];
    }
    if (sum != 10000)
        return jz_y_fail(d, inst, err, "instalments add up to %lld.%02lld %%, not 100 %%", (long long)sum / 100,
                         (long long)sum % 100);
    r->ninstalments = (int)inst->n;
    const char *const which[2] = {"mid_term_decides", "end_term_decides"};
    int64_t *dest[2] = {&r->mid_term_instalment, &r->end_term_instalment};
    for (int k = 0; k < 2; k++) {
        if (!jz_y_int(d, jz_y_need(d, m, w, which[k], err), which[k], dest[k], err))
            return false;
        if (*dest[k] < 1 || *dest[k] > r->ninstalments)
            return jz_y_fail(d, jz_y_get(m, which[k]), err, "%s must name one of the %d instalments", which[k],
                             r->ninstalments);
    }
    if (!jz_y_string(d, jz_y_need(d, m, w, "pass_grade", err), "pass_grade", &grade, err) ||
        !percent_in(d, jz_y_need(d, m, w, "recheck_pays", err), "recheck_pays", 10000, &r->recheck_bp, err) ||
        !percent_in(d, jz_y_need(d, m, w, "second_failure_pays", err), "second_failure_pays", 10000,
                    &r->second_failure_bp, err))
        return false;
    r->pass_grade = jz_xstrdup(grade);
    r->has_payment = true;
    return true;
}

static bool load_top(jz_rules *r, const jz_ydoc *d, jz_error *err)
{
    static const char *const keys[] = {"id", "title", "version", "staffing", "hours", "prorate", "payment", NULL};
    const jz_ynode *m = d->root;
    const char *id, *title, *version;
    if (!jz_y_expect_map(d, m, _("the rules file"), keys, err) ||
        !jz_y_string(d, jz_y_need(d, m, _("the rules file"), "id", err), "id", &id, err) ||
        !jz_y_string(d, jz_y_need(d, m, _("the rules file"), "title", err), "title", &title, err) ||
        !jz_y_string(d, jz_y_need(d, m, _("the rules file"), "version", err), "version", &version, err))
        return false;
    r->id = jz_xstrdup(id);
    r->title = jz_xstrdup(title);
    r->version = jz_xstrdup(version);
    if (!load_staffing(r, d, jz_y_need(d, m, _("the rules file"), "staffing", err), err) ||
        !load_hours(r, d, jz_y_need(d, m, _("the rules file"), "hours", err), err) ||
        !load_prorate(r, d, jz_y_need(d, m, _("the rules file"), "prorate", err), err))
        return false;
    const jz_ynode *pay = jz_y_get(m, "payment");
    return !pay || load_payment(r, d, pay, err);
}

/* Check the parsed document d (NULL: parsing failed, err says why) into r; frees d. */
static jz_code load_doc(jz_rules *r, jz_ydoc *d, const char *path, jz_error *err)
{
    if (!d)
        return err->code;
    r->path = jz_xstrdup(path);
    bool ok = load_top(r, d, err);
    jz_yaml_free(d);
    if (!ok) {
        if (err->code == JZ_OK)
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "invalid rules file");
        jz_rules_free(r);
        return err->code;
    }
    return JZ_OK;
}

jz_code jz_rules_load(jz_rules *r, const char *path, jz_error *err)
{
    memset(r, 0, sizeof *r);
    jz_error_clear(err);
    return load_doc(r, jz_yaml_load(path, err), path, err);
}

jz_code jz_rules_load_buffer(jz_rules *r, const char *text, size_t len, const char *name, jz_error *err)
{
    memset(r, 0, sizeof *r);
    jz_error_clear(err);
    return load_doc(r, jz_yaml_parse(text, len, name, err), name, err);
}

void jz_rules_free(jz_rules *r)
{
    if (!r)
        return;
    free(r->path);
    free(r->id);
    free(r->title);
    free(r->version);
    free(r->pass_grade);
    memset(r, 0, sizeof *r);
}

int64_t jz_rules_counted_staff(const jz_rules *r, int64_t budget)
{
    int64_t extra = budget > r->base_budget ? (budget - r->base_budget) / r->extra_staff_per : 0;
    return r->base_counted_staff + extra;
}

int64_t jz_rules_total_minutes(const jz_rules *r, int64_t budget)
{
    return r->base_total + (jz_rules_counted_staff(r, budget) - r->base_counted_staff) * r->per_worker;
}
