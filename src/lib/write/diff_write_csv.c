/* diff_write_csv.c — see include/jz/diff_write.h: one row per centre, and per centre one
 * per section, indicator and deduction or veto, every one with its state, so a script
 * filters instead of parsing text. The columns (jz-score(1), DIFF):
 *   contract_a,contract_b,centre,level,id,state,as_of_a,as_of_b,
 *   value_a,value_b,value_change,target_a,target_b,target_change,ratio_a,ratio_b,ratio_change,
 *   fraction_a,fraction_b,fraction_change,earned_a,earned_b,earned_change,
 *   possible_a,possible_b,possible_change,status_a,status_b,why
 * A centre row puts the records counted in value, the coverage in fraction, the total in
 * earned, the applicable points in possible and the grade in status. */
#include "jz/diag.h"
#include "jz/emit.h"
#include "jz/diff_write.h"

#include <stdlib.h>
#include <string.h>

static const jz_dnum NONE = {false, false, 0, 0, 0};

/* A text field that a spreadsheet will not run as a formula (=, +, -, @ lead: quoted with
 * '); numbers are written apart, as they are. */
static void text(FILE *fp, const char *s)
{
    s = s ? s : "";
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@') {
        size_t n = strlen(s);
        char *t = jz_xmalloc(n + 2);
        t[0] = '\'';
        memcpy(t + 1, s, n + 1);
        jz_csv_field(fp, t);
        free(t);
    } else
        jz_csv_field(fp, s);
}

static void cell(FILE *fp, const char *s)
{
    fputc(',', fp);
    text(fp, s);
}

static void nums(FILE *fp, const jz_dnum *n)
{
    char a[40], b[40], d[40];
    fprintf(fp, ",%s,%s,%s", jz_dnum_format(n, 'a', a, sizeof a), jz_dnum_format(n, 'b', b, sizeof b),
            jz_dnum_format(n, 'd', d, sizeof d));
}

static void lead(FILE *fp, const jz_dcentre *c, const char *level, const char *id, jz_dstate st)
{
    text(fp, c->a ? c->a->contract : "");
    cell(fp, c->b ? c->b->contract : "");
    cell(fp, (c->b ? c->b : c->a)->centre);
    cell(fp, level);
    cell(fp, id);
    cell(fp, jz_dstate_name(st));
    cell(fp, c->a ? c->a->as_of : "");
    cell(fp, c->b ? c->b->as_of : "");
}

static void tail(FILE *fp, const char *status_a, const char *status_b, unsigned why)
{
    char w[512];
    cell(fp, status_a);
    cell(fp, status_b);
    cell(fp, jz_why_format(why, false, " ", w, sizeof w));
    fputc('\n', fp);
}

static void centre_row(FILE *fp, const jz_dcentre *c)
{
    lead(fp, c, "centre", "", c->state);
    nums(fp, &c->records);
    nums(fp, &NONE);
    nums(fp, &NONE);
    nums(fp, &c->coverage);
    nums(fp, &c->total);
    nums(fp, &c->applicable);
    tail(fp, c->a ? c->a->grade : "", c->b ? c->b->grade : "", c->why);
}

static void rows(FILE *fp, const jz_dcentre *c)
{
    for (size_t k = 0; k < c->nsec; k++) {
        const jz_dsec *s = &c->sec[k];
        lead(fp, c, "section", s->id, s->state);
        for (int i = 0; i < 4; i++)
            nums(fp, &NONE);
        nums(fp, &s->earned);
        nums(fp, &s->possible);
        tail(fp, "", "", s->why);
    }
    for (size_t k = 0; k < c->nind; k++) {
        const jz_dind *x = &c->ind[k];
        lead(fp, c, "indicator", x->id, x->state);
        nums(fp, &x->value);
        nums(fp, &x->target);
        nums(fp, &x->ratio);
        nums(fp, &x->fraction);
        nums(fp, &x->earned);
        nums(fp, &x->possible);
        tail(fp, x->a ? x->a->status : "", x->b ? x->b->status : "", x->why);
    }
    for (size_t k = 0; k < c->napplied; k++) {
        const jz_dapplied *x = &c->applied[k];
        const jz_rapplied *r = x->b ? x->b : x->a;
        lead(fp, c, r->what, r->id, x->state);
        for (int i = 0; i < 4; i++)
            nums(fp, &NONE);
        nums(fp, &x->points);
        nums(fp, &NONE);
        tail(fp, "", "", 0);
    }
}

void jz_diff_write_csv(FILE *fp, const void *doc)
{
    const jz_result_diff *d = doc;
    fputs("contract_a,contract_b,centre,level,id,state,as_of_a,as_of_b,value_a,value_b,value_change,"
          "target_a,target_b,target_change,ratio_a,ratio_b,ratio_change,fraction_a,fraction_b,fraction_change,"
          "earned_a,earned_b,earned_change,possible_a,possible_b,possible_change,status_a,status_b,why\n", fp);
    for (size_t k = 0; k < d->ncentres; k++) {
        centre_row(fp, &d->centres[k]);
        rows(fp, &d->centres[k]);
    }
}
