/* diff_write_md.c — see include/jz/diff_write.h: the diff as Markdown, for a report or an
 * issue: what differs between the results, a table of every centre's total and grade, and
 * for each changed centre its changed sections and indicators with their causes. */
#include "jz/diff_write.h"

#include <string.h>

/* Text safe inside a Markdown table cell: | and newlines escaped, markup characters too. */
static void md(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\n' || *s == '\r')
            fputc(' ', fp);
        else if (strchr("|*_`[]<>#\\", *s))
            fprintf(fp, "\\%c", *s);
        else
            fputc(*s, fp);
    }
}

static const char *orna(const char *s, const char *none)
{
    return s && *s ? s : none;
}

static void sha(FILE *fp, const char *s)
{
    if (s && s[0])
        fprintf(fp, "`%.12s`", s);
    else
        fputs("not recorded", fp);
}

/* "a → b (change)" or the one value when the same; — when absent. */
static void change(FILE *fp, const jz_dnum *n)
{
    char a[40], b[40], c[40];
    jz_dnum_format(n, 'a', a, sizeof a);
    jz_dnum_format(n, 'b', b, sizeof b);
    jz_dnum_format(n, 'd', c, sizeof c);
    if (!jz_dnum_changed(n))
        fputs(orna(a, "—"), fp);
    else if (c[0])
        fprintf(fp, "%s → %s (%s)", a, b, c);
    else
        fprintf(fp, "%s → %s", orna(a, "—"), orna(b, "—"));
}

static void why(FILE *fp, unsigned w)
{
    char b[512];
    md(fp, jz_why_format(w, true, ", ", b, sizeof b));
}

/* One cell of the A/B table: what side `k` (0 A, 1 B) records of `what`. */
static void side_cell(FILE *fp, const jz_result_diff *d, int k, const char *what)
{
    const jz_rfile *f = k ? d->fb : d->fa;
    if (strcmp(what, "file") == 0)
        md(fp, f->path);
    else if (strcmp(what, "rubric") == 0)
        md(fp, f->rubric_id), fputc(' ', fp), md(fp, f->rubric_version), fputc(' ', fp), sha(fp, f->rubric_sha256);
    else if (strcmp(what, "rules") == 0)
        md(fp, f->rules_id), fputc(' ', fp), md(fp, f->rules_version), fputs(", sha256 ", fp), sha(fp, d->rules_sha[k]);
    else if (strcmp(what, "calendar") == 0)
        fputs("sha256 ", fp), sha(fp, d->calendar_sha[k]);
    else
        md(fp, f->tool);
}

static void rubric(FILE *fp, const jz_result_diff *d)
{
    static const char *const rows[] = {"file", "rubric", "rules", "calendar", "tool"};
    char w[512];
    fputs("| | A | B |\n|---|---|---|\n", fp);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        fprintf(fp, "| %s | ", rows[r]);
        side_cell(fp, d, 0, rows[r]);
        fputs(" | ", fp);
        side_cell(fp, d, 1, rows[r]);
        fputs(" |\n", fp);
    }
    fprintf(fp, "\nRubric %s; rules %s; calendar %s. ", d->rubric_changed ? "**changed**" : "the same",
            d->rules == JZ_P_CHANGED ? "**changed**" : jz_dprov_name(d->rules),
            d->calendar == JZ_P_CHANGED ? "**changed**" : jz_dprov_name(d->calendar));
    if (!d->differs)
        fputs("Nothing recorded differs.\n", fp);
    else if (d->differs == JZ_WHY_AS_OF)
        fputs("Only the as-of date differs.\n", fp);
    else
        fputs("Different: ", fp), why(fp, d->differs), fputs(".\n", fp);
    if (d->ndefs)
        fputs("\n| indicator | in the rubric of B |\n|---|---|\n", fp);
    for (size_t k = 0; k < d->ndefs; k++) {
        const jz_ddef *x = &d->defs[k];
        fputs("| ", fp);
        md(fp, x->id);
        fputs(" | ", fp);
        if (x->state == JZ_D_CHANGED)
            md(fp, jz_defs_detail(x->a, x->b, x->defs, w, sizeof w));
        else
            fprintf(fp, "%s (%s points)", jz_dstate_name(x->state), (x->b ? x->b : x->a)->possible.text);
        fputs(" |\n", fp);
    }
}

static void inputs(FILE *fp, const jz_result_diff *d)
{
    size_t same = 0;
    for (size_t k = 0; k < d->ninputs; k++)
        same += d->inputs[k].state == JZ_D_SAME && strcmp(d->inputs[k].file_a, d->inputs[k].file_b) == 0;
    fprintf(fp, "\nInputs: %zu of %zu the same file with the same bytes.\n", same, d->ninputs);
    if (same == d->ninputs)
        return;
    fputs("\n| input | role | A | B |\n|---|---|---|---|\n", fp);
    for (size_t k = 0; k < d->ninputs; k++) {
        const jz_dinput *in = &d->inputs[k];
        if (in->state == JZ_D_SAME && strcmp(in->file_a, in->file_b) == 0)
            continue;
        fprintf(fp, "| %s | ", in->state == JZ_D_SAME ? "renamed" : jz_dstate_name(in->state));
        md(fp, in->role);
        fputs(" | ", fp);
        if (in->file_a)
            md(fp, in->file_a), fputc(' ', fp), sha(fp, in->sha_a);
        fputs(" | ", fp);
        if (in->file_b)
            md(fp, in->file_b), fputc(' ', fp), sha(fp, in->sha_b);
        fputs(" |\n", fp);
    }
}

static const char *grade_of(const jz_rcentre *c)
{
    return !c ? "—" : c->grade[0] ? c->grade : "no grade";
}

static void summary(FILE *fp, const jz_result_diff *d)
{
    fprintf(fp, "\n## Centres\n\n%zu changed, %zu the same, %zu added, %zu removed.\n\n"
                "| centre | state | as of | total | grade | why |\n|---|---|---|---:|---|---|\n",
            d->nchanged, d->nsame, d->nadded, d->nremoved);
    for (size_t k = 0; k < d->ncentres; k++) {
        const jz_dcentre *c = &d->centres[k];
        const jz_rcentre *any = c->b ? c->b : c->a;
        fputs("| ", fp);
        md(fp, any->centre);
        fprintf(fp, " | %s | ", jz_dstate_name(c->state));
        if (c->as_of_changed)
            fprintf(fp, "%s → %s", c->a->as_of, c->b->as_of);
        else
            fputs(any->as_of, fp);
        fputs(" | ", fp);
        change(fp, &c->total);
        fputs(" | ", fp);
        md(fp, grade_of(c->a));
        if (c->a && c->b && c->grade_changed)
            fputs(" → ", fp), md(fp, grade_of(c->b));
        else if (!c->a)
            fputs(" → ", fp), md(fp, grade_of(c->b));
        fputs(" | ", fp);
        why(fp, c->why);
        fputs(" |\n", fp);
    }
}

static void ind_row(FILE *fp, const jz_dind *x)
{
    char a[40], b[40], w[512];
    fputs("| ", fp);
    md(fp, x->id);
    fputs(" | ", fp);
    md(fp, x->a ? orna(x->a->value_text, "—") : "—");
    fputs(" → ", fp);
    md(fp, x->b ? orna(x->b->value_text, "—") : "—");
    fprintf(fp, " | %s → %s | ", orna(jz_dnum_format(&x->target, 'a', a, sizeof a), "—"),
            orna(jz_dnum_format(&x->target, 'b', b, sizeof b), "—"));
    fprintf(fp, "%s → %s | ", orna(jz_dnum_format(&x->fraction, 'a', a, sizeof a), "—"),
            orna(jz_dnum_format(&x->fraction, 'b', b, sizeof b), "—"));
    change(fp, &x->earned);
    fputs(" | ", fp);
    if (x->state != JZ_D_CHANGED)
        fputs(jz_dstate_name(x->state), fp);
    else if (x->status_changed)
        fprintf(fp, "%s → %s", x->a->status, x->b->status);
    else
        fputs(x->b->status, fp);
    if (x->defs & ~(unsigned)JZ_DEF_TITLE)
        fputs("; ", fp), md(fp, jz_defs_detail(x->a, x->b, x->defs & ~(unsigned)JZ_DEF_TITLE, w, sizeof w));
    fputs(" | ", fp);
    why(fp, x->why);
    fputs(" |\n", fp);
}

static void centre(FILE *fp, const jz_dcentre *c)
{
    fputs("\n### ", fp);
    md(fp, c->b->centre);
    fputs(" (", fp);
    md(fp, c->b->contract);
    fputs(")\n\nTotal ", fp);
    change(fp, &c->total);
    fputs(", ", fp);
    md(fp, grade_of(c->a));
    if (c->grade_changed)
        fputs(" → ", fp), md(fp, grade_of(c->b));
    fprintf(fp, "; as of %s", c->a->as_of);
    if (c->as_of_changed)
        fprintf(fp, " → %s", c->b->as_of);
    fputs("; records ", fp);
    change(fp, &c->records);
    fputs(".  \nWhy: ", fp);
    why(fp, c->why);
    fputs(".\n", fp);
    if (c->sec_changed)
        fputs("\n| section | points | why |\n|---|---:|---|\n", fp);
    for (size_t k = 0; k < c->nsec; k++) {
        const jz_dsec *s = &c->sec[k];
        if (s->state == JZ_D_SAME)
            continue;
        fputs("| ", fp);
        md(fp, s->id);
        fputs(" | ", fp);
        change(fp, &s->earned);
        fputs(" | ", fp);
        why(fp, s->why);
        fputs(" |\n", fp);
    }
    if (c->ind_changed)
        fputs("\n| indicator | value | target | fraction | points | status | why |\n"
              "|---|---|---:|---:|---:|---|---|\n", fp);
    for (size_t k = 0; k < c->nind; k++)
        if (c->ind[k].state != JZ_D_SAME)
            ind_row(fp, &c->ind[k]);
    for (size_t k = 0; k < c->napplied; k++) {
        const jz_dapplied *x = &c->applied[k];
        if (x->state == JZ_D_SAME)
            continue;
        const jz_rapplied *r = x->b ? x->b : x->a;
        fprintf(fp, "%s- %s %s ", k && c->applied[k - 1].state != JZ_D_SAME ? "" : "\n", jz_dstate_name(x->state),
                r->what);
        md(fp, r->id);
        fputs(": ", fp);
        change(fp, &x->points);
        fputs(" — ", fp);
        md(fp, r->detail);
        fputc('\n', fp);
    }
}

void jz_diff_write_md(FILE *fp, const void *doc)
{
    const jz_result_diff *d = doc;
    fputs("# Result diff\n\n", fp);
    rubric(fp, d);
    inputs(fp, d);
    summary(fp, d);
    for (size_t k = 0; k < d->ncentres; k++)
        if (d->centres[k].state == JZ_D_CHANGED)
            centre(fp, &d->centres[k]);
}
