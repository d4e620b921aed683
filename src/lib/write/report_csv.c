/* report_csv.c — see include/jz/report.h: the report as csv, one row per centre per
 * indicator (per check of a jz-hours result), cells through the shared writer (diag.h). */
#include "jz/report_common.h"
#include "jz/emit.h"
#include "jz/diag.h"
#include "jz/text.h"

#include <string.h>

/* For csv: hours with two decimals and no thousands separators; counts as they are. */
static char *plain_amount(const jz_rcheck *h, int64_t v, char *buf)
{
    if (v < 0)
        buf[0] = '\0';
    else if (strcmp(h->unit, "minutes") == 0)
        jz_minutes_format(v, 2, false, buf);
    else
        snprintf(buf, 32, "%lld", (long long)v);
    return buf;
}

/* Cells through the shared writer, which neutralises formulas (diag.h), each followed by
 * a comma. Numbers go through it too: a plain number is written as it is, anything else a
 * result file may hold in its place is neutralised. */
static void csv_cells(FILE *fp, const char *const *cells, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        jz_csv_field(fp, cells[j] ? cells[j] : "");
        fputc(',', fp);
    }
}

/* A fixed-point fraction (x 10000) as "0.2174", or "" when there is none (-1). */
static const char *fp4(int64_t v, char *buf, size_t cap)
{
    if (v < 0)
        snprintf(buf, cap, "%s", "");
    else
        snprintf(buf, cap, "%lld.%04lld", (long long)(v / 10000), (long long)(v % 10000));
    return buf;
}

/* Rows of section "verification" (--verification): indicator error_rate (value the
 * share of checked items not verified, status "checked" or "none checked", derivation
 * the counts and the exact interval), hours_factor and participants_factor (value the
 * factor, status its reading, derivation the interval and the conservative factor), and
 * overstated_hours (value the hours overstated, target the hours reported, derivation the
 * estimate and its one-sided lower bound). A centre the file has no figures for gets one
 * row, status "not verified". Figures as jz-verify wrote them ("n/a" where it had none). */
static void csv_verification(FILE *fp, const jz_rcentre *c, const jz_report_opts *o)
{
    if (!o->verification)
        return;
    const jz_vcentre *v = jz_vresults_find(o->verification, c->centre);
    char d[512], x[32], lo[32], hi[32], cons[32];
    if (!v) {
        const char *cells[] = {c->contract, c->centre, c->district, c->street, "verification", "verification", "",
                               "", "", "", "", "", "not verified", "", ""};
        csv_cells(fp, cells, sizeof cells / sizeof cells[0]);
        jz_csv_field(fp, "");
        fputc('\n', fp);
        return;
    }
    int64_t rate = v->checked ? (v->errors * 10000 + v->checked / 2) / v->checked : -1;
    snprintf(d, sizeof d, "%ld drawn, %ld checked: %ld verified, %ld differs, %ld not found; %ld not checked; "
             "exact 95 %% interval %s to %s", v->drawn, v->checked, v->verified, v->differs, v->not_found,
             v->not_checked, fp4(v->err_low, lo, sizeof lo), fp4(v->err_high, hi, sizeof hi));
    const char *er[] = {c->contract, c->centre, c->district, c->street, "verification", "error_rate", "",
                        fp4(rate, x, sizeof x), "", "", "", "", v->checked ? "checked" : "none checked", "", ""};
    csv_cells(fp, er, sizeof er / sizeof er[0]);
    jz_csv_field(fp, d);
    fputc('\n', fp);
    for (int k = 0; k < 2; k++) {
        const char (*fac)[16] = k ? v->part_fac : v->hours_fac;
        snprintf(d, sizeof d, "interval %s to %s; conservative factor %s", fac[1], fac[2],
                 fp4(k ? v->part_cons : v->hours_cons, cons, sizeof cons));
        const char *row[] = {c->contract, c->centre, c->district, c->street, "verification",
                             k ? "participants_factor" : "hours_factor", "", fac[0], "", "", "", "",
                             k ? v->part_reading : v->hours_reading, "", ""};
        csv_cells(fp, row, sizeof row / sizeof row[0]);
        jz_csv_field(fp, d);
        fputc('\n', fp);
    }
    snprintf(d, sizeof d, "reported %s h, estimated true %s h, overstated %s h (one-sided 90 %% lower bound %s h)",
             v->reported_h, v->true_h, v->over_h, v->over_lb_h);
    const char *ov[] = {c->contract, c->centre, c->district, c->street, "verification", "overstated_hours", "",
                        v->over_h, v->reported_h, "", "", "", "estimated", "", ""};
    csv_cells(fp, ov, sizeof ov / sizeof ov[0]);
    jz_csv_field(fp, d);
    fputc('\n', fp);
}

void jz_report_csv(FILE *fp, const void *doc)
{
    const jz_results *r = ((const jz_report_doc *)doc)->results;
    const jz_report_opts *o = ((const jz_report_doc *)doc)->opts;
    if (o->bom)
        fputs("\xEF\xBB\xBF", fp);
    fputs("contract,centre,district,street,section,indicator,party,value,target,ratio,earned,possible,status,"
          "total,grade,derivation\n", fp);
    for (size_t i = 0; i < r->ncentres; i++) {
        const jz_rcentre *c = &r->centres[i];
        for (size_t k = 0; r->files[c->file].hours_only && k < c->nhours; k++) {
            /* a jz-hours result: one row per check, required as target, delivered as value */
            const jz_rcheck *h = &c->hours[k];
            char a[32], b[32];
            const char *cells[] = {c->contract, c->centre, c->district, c->street, "hours", h->check, "",
                                   plain_amount(h, h->delivered, a), plain_amount(h, h->required, b), h->ratio.text,
                                   "", "", h->status, "", ""};
            csv_cells(fp, cells, sizeof cells / sizeof cells[0]);
            jz_csv_field(fp, h->detail);
            fputc('\n', fp);
        }
        for (size_t k = 0; k < c->nind; k++) {
            const jz_rind *ind = &c->ind[k];
            const char *cells[] = {c->contract, c->centre, c->district, c->street, ind->section, ind->id, ind->party,
                                   ind->value.text, ind->target.text, ind->ratio.text, ind->earned.text,
                                   ind->possible.text, ind->status, jz_rcentre_rank_class(c) == 0 ? c->total.text : "",
                                   c->grade[0] ? c->grade : c->scored ? "no grade" : "not scored"};
            csv_cells(fp, cells, sizeof cells / sizeof cells[0]);
            jz_csv_field(fp, ind->derivation);
            fputc('\n', fp);
        }
        csv_verification(fp, c, o);
        jz_report_csv_audit(fp, c, o);
    }
}
