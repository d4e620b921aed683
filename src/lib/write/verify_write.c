/* verify_write.c — see include/jz/verify_write.h. One writer per format, chosen from the
 * table at the end. */
#include "jz/verify_write.h"
#include "jz/diag.h"
#include "jz/emit.h"
#include "jz/error.h"
#include "jz/i18n.h"
#include "jz/text.h"
#include "jz/text_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A cell of a text table (text_table.h). */
#define cell jz_ttable_cell

static const char *const level_name[] = {"stratum", "centre", "overall"};

/* A check result (verified, differs...) in the text format: the Chinese value the
 * verification files take (schema.c), or the English one. */
static const char *result_word(int v)
{
    return (jz_lang_get() == JZ_LANG_ZH ? jz_enum_vresult.zh : jz_enum_vresult.en)[v];
}

static const char *reading_word(jz_vreading r)
{
    static const char *const words[] = {N_("n/a"), N_("within"), N_("over-reported"), N_("under-reported")};
    return _(words[r]);
}

static int level(const jz_vestimate *e)
{
    return !e->centre ? 2 : !e->stratum ? 1 : 0;
}

static double hours(double minutes)
{
    return minutes / 60;
}

/* v, or 0 when it would print as zero with k decimals (never "-0.00"). */
static double clean(double v, int k)
{
    return fabs(v) < 0.5 * pow(10, -k) ? 0 : v;
}

/* ---- text ---- */

static char *who(const jz_vestimate *e, int col)
{
    if (col == 0)
        return cell("%s", e->centre ? e->centre : _("(all centres)"));
    return cell("%s", e->stratum ? e->stratum : e->centre ? _("(centre)") : "");
}

static void text_results(FILE *fp, const jz_vreport *r, const jz_vrules *rules)
{
    const char *const head[] = {_("centre"), _("stratum"), _("drawn"), _("checked"), result_word(JZ_VR_VERIFIED),
                                result_word(JZ_VR_DIFFERS), result_word(JZ_VR_NOT_FOUND),
                                result_word(JZ_VR_NOT_CHECKED), _("error rate"), _("interval")};
    jz_ttable t = {10, 0, head, "llrrrrrrrl", 0, NULL};
    for (size_t i = 0; i < r->n; i++) {
        const jz_vestimate *e = &r->v[i];
        bool any = e->checked > 0;
        char *row[10] = {who(e, 0), who(e, 1), cell("%zu", e->items), cell("%zu", e->checked),
                         cell("%zu", e->count[JZ_VR_VERIFIED]), cell("%zu", e->count[JZ_VR_DIFFERS]),
                         cell("%zu", e->count[JZ_VR_NOT_FOUND]), cell("%zu", e->count[JZ_VR_NOT_CHECKED]),
                         any ? cell("%.1f %%", 100.0 * (double)e->errors / (double)e->checked) : cell("%s", _("n/a")),
                         any ? cell(_("%.1f to %.1f %%"), 100 * e->err_lo, 100 * e->err_hi) : cell("-")};
        jz_ttable_row(&t, row);
    }
    fprintf(fp, _("Checks (error rate = differs and not_found of the items checked; exact %g %% interval)\n"),
            100 * rules->confidence);
    jz_ttable_print(fp, &t);
}

static char *factor_cell(const jz_vfactor *f, int what)
{
    if (!f->ok)
        return cell("%s", what == 0 ? _("n/a") : "-");
    if (what == 0)
        return cell("%.4f", clean(f->r, 4));
    if (what == 1)
        return f->ci ? cell(_("%.4f to %.4f"), clean(f->lo, 4), clean(f->hi, 4)) : cell("%s", _("n/a"));
    return cell("%s", reading_word(f->reading));
}

static void text_factors(FILE *fp, const jz_vreport *r, const jz_vrules *rules)
{
    const char *const head[] = {_("centre"), _("stratum"), _("participants"), _("interval"), _("reading"),
                                C_("verification", "hours"), _("interval"), _("reading")};
    jz_ttable t = {8, 0, head, "llrllrll", 0, NULL};
    for (size_t i = 0; i < r->n; i++) {
        const jz_vestimate *e = &r->v[i];
        char *row[8] = {who(e, 0), who(e, 1), factor_cell(&e->participants, 0), factor_cell(&e->participants, 1),
                        factor_cell(&e->participants, 2), factor_cell(&e->hours, 0), factor_cell(&e->hours, 1),
                        factor_cell(&e->hours, 2)};
        jz_ttable_row(&t, row);
    }
    fprintf(fp, _("Verification factors (recounted / reported over the checked items, weighted by 1 / inclusion "
                  "probability; %g %% intervals; within = %.2f to %.2f)\n"), 100 * rules->confidence, rules->low,
            rules->high);
    jz_ttable_print(fp, &t);
}

static void text_hours(FILE *fp, const jz_vreport *r, const jz_vrules *rules)
{
    const char *const head[] = {_("centre"), _("stratum"), _("reported h"), _("estimated true h"), _("overstated h"),
                                _("lower bound")};
    jz_ttable t = {6, 0, head, "llrrrr", 0, NULL};
    for (size_t i = 0; i < r->n; i++) {
        const jz_vestimate *e = &r->v[i];
        char *row[6] = {who(e, 0), who(e, 1), cell("%.2f", clean(hours((double)e->reported_minutes), 2)),
                        e->over_ok ? cell("%.2f", clean(hours(e->true_minutes), 2)) : cell("%s", _("n/a")),
                        e->over_ok ? cell("%.2f", clean(hours(e->over_minutes), 2)) : cell("%s", _("n/a")),
                        e->over_lb_ok ? cell("%.2f", clean(hours(e->over_lb_minutes), 2)) : cell("%s", _("n/a"))};
        jz_ttable_row(&t, row);
    }
    fprintf(fp, _("Overstated hours (reported - estimated true, over the strata checked; lower bound one-sided "
                  "%g %%)\n"), 100 * rules->bound);
    jz_ttable_print(fp, &t);
}

/* The items found wrong, with what the records say and what the paper shows. */
static void text_wrong(FILE *fp, const jz_vdraw *d)
{
    const char *const head[] = {_("centre"), _("stratum"), _("item"), _("result"), _("participants"), C_("verification", "hours"),
                                _("where"), C_("verification", "note")};
    jz_ttable t = {8, 0, head, "lllllllll", 0, NULL};
    for (size_t i = 0; i < d->nitems; i++) {
        const jz_vitem *it = &d->items[i];
        char a[32], b[32];
        if (it->result != JZ_VR_DIFFERS && it->result != JZ_VR_NOT_FOUND)
            continue;
        char *row[8] = {cell("%s", it->centre), cell("%s", d->strata[it->stratum].value), cell("%s", it->id),
                        cell("%s", result_word(it->result)),
                        cell("%lld -> %lld", (long long)it->rep_participants, (long long)it->rc_participants),
                        cell("%s -> %s", jz_minutes_format(it->rep_minutes, 2, false, a),
                             jz_minutes_format(it->rc_minutes, 2, false, b)),
                        cell("%s:%ld", it->file, it->line), cell("%s", it->note)};
        jz_ttable_row(&t, row);
    }
    if (!t.nrows) {
        fputs(_("Not verified: none\n"), fp);
        return;
    }
    fprintf(fp, _("Not verified (%zu: reported -> recounted)\n"), t.nrows);
    jz_ttable_print(fp, &t);
}

static void text_unchecked(FILE *fp, const jz_vdraw *d)
{
    const char *const head[] = {_("centre"), _("stratum"), C_("draw", "rank"), _("item"), _("why")};
    jz_ttable t = {5, 0, head, "llrll", 0, NULL};
    for (size_t i = 0; i < d->nitems; i++) {
        const jz_vitem *it = &d->items[i];
        if (it->result != JZ_VR_NOT_CHECKED)
            continue;
        char *row[5] = {cell("%s", it->centre), cell("%s", d->strata[it->stratum].value), cell("%zu", it->rank),
                        cell("%s", it->id),
                        it->listed ? cell(_("%s (%s:%ld)"), result_word(JZ_VR_NOT_CHECKED), it->file, it->line)
                                   : cell("%s", _("no row in the verification files"))};
        jz_ttable_row(&t, row);
    }
    if (!t.nrows) {
        fputs(_("Not checked: none\n"), fp);
        return;
    }
    fprintf(fp, _("Not checked (%zu, left out of every estimate)\n"), t.nrows);
    jz_ttable_print(fp, &t);
}

static void write_text(FILE *fp, const void *doc)
{
    const jz_vdraw *d = ((const jz_verify_doc *)doc)->draw;
    const jz_vreport *r = ((const jz_verify_doc *)doc)->report;
    const jz_vrules *rules = ((const jz_verify_doc *)doc)->rules;
    const jz_vmeta *m = ((const jz_verify_doc *)doc)->meta;
    fprintf(fp, d->unit[0] == 'c' ? _("draw          %s: clients, %zu drawn in %zu strata\n")
                                  : _("draw          %s: activities, %zu drawn in %zu strata\n"),
            d->path, d->nitems, d->nstrata);
    fprintf(fp, _("seed-sha256   %s (%s)\n"), d->seed_sha256, d->method);
    fputs(_("verification  "), fp);
    for (size_t i = 0; i < m->nfindings; i++)
        fprintf(fp, "%s%s", i ? _(", ") : "", m->findings[i]);
    fprintf(fp, jz_trn(" (%ld row)\n", " (%ld rows)\n", (unsigned long)m->rows), m->rows);
    fprintf(fp, _("band          %.2f to %.2f (%s)\n"), rules->low, rules->high, rules->source);
    fprintf(fp, jz_trn("outside band  %zu factor\n\n", "outside band  %zu factors\n\n", (unsigned long)r->outside),
            r->outside);
    text_results(fp, r, rules);
    fputc('\n', fp);
    text_factors(fp, r, rules);
    fputc('\n', fp);
    text_hours(fp, r, rules);
    fputc('\n', fp);
    text_wrong(fp, d);
    fputc('\n', fp);
    text_unchecked(fp, d);
}

/* ---- csv ---- */

static void csv_num(FILE *fp, bool ok, int decimals, double v)
{
    fputc(',', fp);
    if (ok)
        fprintf(fp, "%.*f", decimals, clean(v, decimals));
}

static void csv_factor(FILE *fp, const jz_vfactor *f)
{
    csv_num(fp, f->ok, 4, f->r);
    csv_num(fp, f->ok && f->ci, 4, f->lo);
    csv_num(fp, f->ok && f->ci, 4, f->hi);
    fprintf(fp, ",%s", f->ok ? jz_vreading_name(f->reading) : "");
}

static void write_csv(FILE *fp, const void *doc)
{
    const jz_vdraw *d = ((const jz_verify_doc *)doc)->draw;
    const jz_vreport *r = ((const jz_verify_doc *)doc)->report;
    const jz_vrules *rules = ((const jz_verify_doc *)doc)->rules;
    const jz_vmeta *m = ((const jz_verify_doc *)doc)->meta;
    (void)rules, (void)m;
    fputs("seed_sha256,level,centre,stratum,drawn,checked,verified,differs,not_found,not_checked,unlisted,"
          "error_rate,error_rate_low,error_rate_high,participants_factor,participants_low,participants_high,"
          "participants_reading,hours_factor,hours_low,hours_high,hours_reading,reported_hours,"
          "estimated_true_hours,overstated_hours,overstated_hours_lower_bound,participants_conservative,"
          "hours_conservative\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        const jz_vestimate *e = &r->v[i];
        fprintf(fp, "%s,%s,", d->seed_sha256, level_name[level(e)]);
        jz_csv_field(fp, e->centre ? e->centre : "");
        fputc(',', fp);
        jz_csv_field(fp, e->stratum ? e->stratum : "");
        fprintf(fp, ",%zu,%zu,%zu,%zu,%zu,%zu,%zu", e->items, e->checked, e->count[JZ_VR_VERIFIED],
                e->count[JZ_VR_DIFFERS], e->count[JZ_VR_NOT_FOUND], e->count[JZ_VR_NOT_CHECKED], e->unlisted);
        double rate = e->checked ? (double)e->errors / (double)e->checked : 0;
        csv_num(fp, e->checked > 0, 4, rate);
        csv_num(fp, e->checked > 0, 4, e->err_lo);
        csv_num(fp, e->checked > 0, 4, e->err_hi);
        csv_factor(fp, &e->participants);
        csv_factor(fp, &e->hours);
        fprintf(fp, ",%.2f", hours((double)e->reported_minutes));
        csv_num(fp, e->over_ok, 2, hours(e->true_minutes));
        csv_num(fp, e->over_ok, 2, hours(e->over_minutes));
        csv_num(fp, e->over_lb_ok, 2, hours(e->over_lb_minutes));
        csv_num(fp, e->participants.ok && e->participants.ci, 4, e->participants.conservative);
        csv_num(fp, e->hours.ok && e->hours.ci, 4, e->hours.conservative);
        fputc('\n', fp);
    }
}

/* ---- json ---- */

static void json_num(FILE *fp, const char *key, bool ok, int decimals, double v)
{
    fprintf(fp, "\"%s\":", key);
    if (ok)
        fprintf(fp, "%.*f", decimals, clean(v, decimals));
    else
        fputs("null", fp);
}

static void json_key_str(FILE *fp, const char *key, const char *v)
{
    fprintf(fp, "\"%s\":", key);
    if (v)
        jz_json_string(fp, v);
    else
        fputs("null", fp);
}

static void json_factor(FILE *fp, const char *key, const jz_vfactor *f)
{
    fprintf(fp, "\"%s\":{", key);
    json_num(fp, "factor", f->ok, 4, f->r);
    fputc(',', fp);
    json_num(fp, "low", f->ok && f->ci, 4, f->lo);
    fputc(',', fp);
    json_num(fp, "high", f->ok && f->ci, 4, f->hi);
    fputc(',', fp);
    json_num(fp, "se", f->ok && f->ci, 6, f->se);
    fputc(',', fp);
    json_num(fp, "df", f->ok && f->ci, 0, f->df);
    fputc(',', fp);
    json_num(fp, "conservative", f->ok && f->ci, 4, f->conservative);
    fprintf(fp, ",\"reading\":\"%s\"}", jz_vreading_name(f->reading));
}

static void json_estimate(FILE *fp, const jz_vestimate *e)
{
    fprintf(fp, "{\"level\":\"%s\",", level_name[level(e)]);
    json_key_str(fp, "centre", e->centre);
    fputc(',', fp);
    json_key_str(fp, "stratum", e->stratum);
    fprintf(fp, ",\"strata\":%zu,\"unchecked_strata\":%zu,\"drawn\":%zu,\"checked\":%zu,\"verified\":%zu,"
                "\"differs\":%zu,\"not_found\":%zu,\"not_checked\":%zu,\"unlisted\":%zu,\"error_rate\":{",
            e->strata, e->unchecked_strata, e->items, e->checked, e->count[JZ_VR_VERIFIED], e->count[JZ_VR_DIFFERS],
            e->count[JZ_VR_NOT_FOUND], e->count[JZ_VR_NOT_CHECKED], e->unlisted);
    bool any = e->checked > 0;
    json_num(fp, "estimate", any, 4, any ? (double)e->errors / (double)e->checked : 0);
    fputc(',', fp);
    json_num(fp, "low", any, 4, e->err_lo);
    fputc(',', fp);
    json_num(fp, "high", any, 4, e->err_hi);
    fputs("},", fp);
    json_factor(fp, "participants", &e->participants);
    fputc(',', fp);
    json_factor(fp, "hours", &e->hours);
    fprintf(fp, ",\"reported_hours\":%.2f,", hours((double)e->reported_minutes));
    json_num(fp, "estimated_true_hours", e->over_ok, 2, hours(e->true_minutes));
    fputc(',', fp);
    json_num(fp, "overstated_hours", e->over_ok, 2, hours(e->over_minutes));
    fputc(',', fp);
    json_num(fp, "overstated_hours_lower_bound", e->over_lb_ok, 2, hours(e->over_lb_minutes));
    fputc('}', fp);
}

static void json_item(FILE *fp, const jz_vdraw *d, const jz_vitem *it)
{
    char a[32], b[32];
    fputc('{', fp);
    json_key_str(fp, "centre", it->centre);
    fputc(',', fp);
    json_key_str(fp, "stratum", d->strata[it->stratum].value);
    fprintf(fp, ",\"rank\":%zu,", it->rank);
    json_key_str(fp, "item", it->id);
    fprintf(fp, ",\"result\":\"%s\",\"listed\":%s,\"reported_participants\":%lld,\"reported_hours\":%s,",
            jz_enum_vresult.en[it->result], it->listed ? "true" : "false", (long long)it->rep_participants,
            jz_minutes_format(it->rep_minutes, 2, false, a));
    bool rc = it->result != JZ_VR_NOT_CHECKED;
    json_num(fp, "recounted_participants", rc, 0, (double)it->rc_participants);
    fprintf(fp, ",\"recounted_hours\":%s,", rc ? jz_minutes_format(it->rc_minutes, 2, false, b) : "null");
    json_key_str(fp, "evaluator", it->listed ? it->evaluator : NULL);
    fputc(',', fp);
    json_key_str(fp, "note", it->listed ? it->note : NULL);
    fputc(',', fp);
    json_key_str(fp, "file", it->listed ? it->file : NULL);
    fputc(',', fp);
    json_num(fp, "line", it->listed, 0, (double)it->line);
    fputc('}', fp);
}

static void write_json(FILE *fp, const void *doc)
{
    const jz_vdraw *d = ((const jz_verify_doc *)doc)->draw;
    const jz_vreport *r = ((const jz_verify_doc *)doc)->report;
    const jz_vrules *rules = ((const jz_verify_doc *)doc)->rules;
    const jz_vmeta *m = ((const jz_verify_doc *)doc)->meta;
    fprintf(fp, "{\"schema\":\"jiazong-verify/1\",\"tool\":\"%s\",\"draw\":{", m->tool);
    json_key_str(fp, "file", d->path);
    fprintf(fp, ",\"seed_sha256\":\"%s\",\"method\":\"%s\",\"unit\":\"%s\",\"strata\":%zu,\"drawn\":%zu},"
                "\"verification\":[", d->seed_sha256, d->method, d->unit, d->nstrata, d->nitems);
    for (size_t i = 0; i < m->nfindings; i++) {
        if (i)
            fputc(',', fp);
        jz_json_string(fp, m->findings[i]);
    }
    fprintf(fp, "],\"rows\":%ld,\"rules\":{\"band\":{\"low\":%.4f,\"high\":%.4f},\"confidence\":%.4f,"
                "\"overstatement_bound\":%.4f,\"bootstrap_resamples\":%zu,", m->rows, rules->low, rules->high,
            rules->confidence, rules->bound, rules->resamples);
    json_key_str(fp, "source", rules->source);
    fprintf(fp, "},\"outside_band\":%zu,\"estimates\":[", r->outside);
    for (size_t i = 0; i < r->n; i++) {
        fputs(i ? ",\n  " : "\n  ", fp);
        json_estimate(fp, &r->v[i]);
    }
    fputs("],\"items\":[", fp);
    for (size_t i = 0; i < d->nitems; i++) {
        fputs(i ? ",\n  " : "\n  ", fp);
        json_item(fp, d, &d->items[i]);
    }
    fputs("]}\n", fp);
}

const jz_writer jz_verify_writers[] = {
    {"text", write_text, NULL},
    {"csv", write_csv, NULL},
    {"json", write_json, NULL},
    {NULL, NULL, NULL},
};

/* ---- plan ---- */

/* The population as given, or "" when it was not. */
static const char *population(const jz_vplan_ask *a, char *pop, size_t cap)
{
    pop[0] = '\0';
    if (a->population > 0)
        snprintf(pop, cap, "%ld", a->population);
    return pop;
}

static void plan_text(FILE *fp, const void *doc)
{
    const jz_vplan_ask *a = ((const jz_verify_plan_doc *)doc)->ask;
    const jz_vplan *p = ((const jz_verify_plan_doc *)doc)->plan;
    char pop[32];
    population(a, pop, sizeof pop);
    fprintf(fp, _("expected error rate  %.2f %%\nprecision            +-%.2f points\nconfidence           %g %% "
                  "(z = %.4f)\npopulation           %s\n\n"), 100 * a->rate, 100 * a->precision,
            100 * a->confidence, p->z, a->population > 0 ? pop : _("not given (infinite)"));
    fprintf(fp, "n0 = z^2 p (1 - p) / e^2 = %.2f\n", p->n0);
    if (a->population > 0)
        fprintf(fp, "n  = n0 / (1 + (n0 - 1) / N) = %.2f\n", p->n);
    fprintf(fp, jz_trn("draw %ld item\n", "draw %ld items\n", (unsigned long)p->draw), p->draw);
}

static void plan_csv(FILE *fp, const void *doc)
{
    const jz_vplan_ask *a = ((const jz_verify_plan_doc *)doc)->ask;
    const jz_vplan *p = ((const jz_verify_plan_doc *)doc)->plan;
    char pop[32];
    population(a, pop, sizeof pop);
    fprintf(fp, "expected_rate,precision,confidence,population,z,n0,n,draw\n%.4f,%.4f,%.4f,%s,%.4f,%.4f,%.4f,%ld\n",
            a->rate, a->precision, a->confidence, pop, p->z, p->n0, p->n, p->draw);
}

static void plan_json(FILE *fp, const void *doc)
{
    const jz_vplan_ask *a = ((const jz_verify_plan_doc *)doc)->ask;
    const jz_vplan *p = ((const jz_verify_plan_doc *)doc)->plan;
    const char *tool = ((const jz_verify_plan_doc *)doc)->tool;
    char pop[32];
    population(a, pop, sizeof pop);
    fprintf(fp, "{\"schema\":\"jiazong-verify/1\",\"tool\":\"%s\",\"plan\":{\"expected_rate\":%.4f,\"precision\":%.4f,"
                "\"confidence\":%.4f,\"population\":%s,\"z\":%.4f,\"n0\":%.4f,\"n\":%.4f,\"draw\":%ld}}\n",
            tool, a->rate, a->precision, a->confidence, a->population > 0 ? pop : "null", p->z, p->n0, p->n,
            p->draw);
}

const jz_writer jz_verify_plan_writers[] = {
    {"text", plan_text, NULL},
    {"csv", plan_csv, NULL},
    {"json", plan_json, NULL},
    {NULL, NULL, NULL},
};
