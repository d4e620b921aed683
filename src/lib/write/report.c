/* report.c — see include/jz/report.h: the district roll-up every format shows, and the
 * table of formats (jz_report_writers); each format is its own file, report_<name>.c. */
#include "jz/report.h"
#include "jz/diag.h"
#include "jz/emit.h"
#include "jz/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- roll-up ---- */

static const jz_results *sort_r;

int jz_rcentre_rank_class(const jz_rcentre *c)
{
    return !c->scored ? 2 : c->grade[0] ? 0 : 1;
}

static int by_total(const void *a, const void *b)
{
    const jz_rcentre *x = &sort_r->centres[*(const size_t *)a], *y = &sort_r->centres[*(const size_t *)b];
    int cx = jz_rcentre_rank_class(x), cy = jz_rcentre_rank_class(y);
    if (cx != cy)
        return cx < cy ? -1 : 1;
    if (cx == 0 && x->total.fp != y->total.fp)
        return x->total.fp > y->total.fp ? -1 : 1;
    return strcmp(x->centre, y->centre);
}

void jz_rollup_make(const jz_results *r, jz_rollup *out)
{
    memset(out, 0, sizeof *out);
    out->n = r->ncentres;
    out->rank = jz_xmalloc((r->ncentres ? r->ncentres : 1) * sizeof *out->rank);
    for (size_t i = 0; i < r->ncentres; i++)
        out->rank[i] = i;
    sort_r = r;  /* qsort has no context argument; the roll-up is made on one thread */
    qsort(out->rank, r->ncentres, sizeof *out->rank, by_total);
    sort_r = NULL;
    const jz_rfile *f = r->nfiles ? &r->files[0] : NULL;
    out->ngrades = (f ? f->ngrades : 0) + 1;
    out->grade_count = jz_xcalloc(out->ngrades, sizeof *out->grade_count);
    for (size_t i = 0; i < r->ncentres; i++)
        out->ranked += jz_rcentre_rank_class(&r->centres[i]) == 0;
    for (size_t i = 0; i < r->ncentres; i++) {
        const jz_rcentre *c = &r->centres[i];
        const jz_rfile *cf = &r->files[c->file];
        out->hours_failing += strcmp(jz_rcentre_hours_status(c), "short") == 0;
        if (!c->scored && !cf->hours_only) {
            out->not_scored++;
            continue;
        }
        size_t g = out->ngrades - 1;
        for (size_t k = 0; f && k < f->ngrades; k++)
            if (strcmp(f->grades[k].name, c->grade) == 0)
                g = k;
        out->grade_count[g]++;
        out->below_pass += !jz_rfile_grade_at_least(cf, c->grade, cf->pass_grade);
    }
}

void jz_rollup_free(jz_rollup *r)
{
    if (!r)
        return;
    free(r->rank);
    free(r->grade_count);
    memset(r, 0, sizeof *r);
}

/* ---- the formats ---- */

const jz_writer jz_report_writers[] = {
    {"text", jz_report_text, NULL},
    {"md", jz_report_md, NULL},
    {"html", jz_report_html, NULL},
    {"xlsx", NULL, jz_report_xlsx},
    {"csv", jz_report_csv, NULL},
    {NULL, NULL, NULL},
};
