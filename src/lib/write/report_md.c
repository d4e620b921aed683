/* report_md.c — see include/jz/report.h: the report as GitHub-style Markdown, every string
 * from the results escaped for a table cell. */
#include "jz/report_common.h"
#include "jz/i18n.h"
#include "jz/report_lang.h"
#include "jz/text.h"

#include <stdlib.h>
#include <string.h>

/* Hours from minutes, one decimal, thousands separators. */
static char *hours(int64_t minutes, char *buf)
{
    if (minutes < 0) {
        buf[0] = '\0';
        return buf;
    }
    return jz_minutes_format(minutes, 1, true, buf);  /* buf >= 32 */
}

static char *check_amount(const jz_rcheck *h, int64_t v, char *buf)
{
    if (v < 0)
        buf[0] = '\0';
    else if (strcmp(h->unit, "minutes") == 0)
        hours(v, buf);
    else
        snprintf(buf, 32, "%lld", (long long)v);
    return buf;
}

/* Text safe inside a Markdown table cell: | and newlines escaped, markup characters too. */
static void md(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r')
            fputc(' ', fp);
        else if (strchr("|*_`[]<>#\\", *s))
            fprintf(fp, "\\%c", *s);
        else
            fputc(*s, fp);
    }
}

/* A name or code safe in Markdown without changing how it reads: '<' and '&' (which open
 * HTML tags and entities) as entities, '|' (it would split a table cell) escaped, newlines
 * as spaces. Writes into out (when not NULL) and returns the length. */
static size_t md_plain_into(const char *s, char *out)
{
    size_t n = 0;
    for (; *s; s++) {
        const char *rep = *s == '<' ? "&lt;" : *s == '&' ? "&amp;" : *s == '|' ? "\\|" : NULL;
        char one = *s == '\n' || *s == '\r' ? ' ' : *s;
        size_t len = rep ? strlen(rep) : 1;
        if (out)
            memcpy(out + n, rep ? rep : &one, len);
        n += len;
    }
    if (out)
        out[n] = '\0';
    return n;
}

/* md_plain_into a string, for a value inside a printf: it stays valid for the next 7
 * calls (a ring of buffers; the writers run on one thread). */
static const char *mdx(const char *s)
{
    static char *ring[8];
    static size_t next;
    char **slot = &ring[next++ % 8];
    free(*slot);
    *slot = jz_xmalloc(md_plain_into(s, NULL) + 1);
    md_plain_into(s, *slot);
    return *slot;
}

/* previous | change | previous grade | cells of the roll-up (--previous). */
static void md_previous_cells(FILE *fp, const jz_dcentre *d)
{
    char a[40], c[40];
    if (!d || !d->a) {
        fprintf(fp, "— | %s | — | ", D_("new"));
        return;
    }
    fprintf(fp, "%s | %s | ", jz_dnum_format(&d->total, 'a', a, sizeof a), jz_dnum_format(&d->total, 'd', c, sizeof c));
    md(fp, jz_report_grade_of(d->a));
    fputs(" | ", fp);
}

/* Under a centre's heading: the previous result's total and grade, and why it moved. */
static void md_previous(FILE *fp, const jz_report_opts *o, const jz_rcentre *c)
{
    const jz_dcentre *d = jz_result_diff_centre(o->previous, c);
    char a[40], ch[40], w[512];
    char dt[40];
    if (!d || !d->a) {
        fprintf(fp, D_("Previous: not in %s.\n\n"), mdx(o->previous->fa->path));
        return;
    }
    fprintf(fp, D_("Previous: **%s** %s as of %s (%s), change **%s**"), jz_dnum_format(&d->total, 'a', a, sizeof a),
            mdx(jz_report_grade_of(d->a)), jz_doc_date(d->a->as_of, dt, sizeof dt), mdx(o->previous->fa->path),
            jz_report_orblank(jz_dnum_format(&d->total, 'd', ch, sizeof ch)));
    if (d->why) {
        fputs(D_("; why: "), fp);
        md(fp, jz_report_why(d->why, jz_doc_lang_get(), w, sizeof w));
    }
    fputs(D_(".\n\n"), fp);
}

static void md_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    jz_rollup ru;
    jz_rollup_make(r, &ru);
    const jz_rfile *f = &r->files[0];
    fprintf(fp, D_("# District roll-up\n\n%zu centres, rubric %s %s."), r->ncentres, mdx(f->rubric_id), mdx(f->rubric_version));
    fprintf(fp, D_(" Below %s: %zu. Failing an hours check: %zu.\n\n| grade | centres |\n|---|---:|\n"), mdx(f->pass_grade),
            ru.below_pass, ru.hours_failing);
    for (size_t g = 0; g < ru.ngrades; g++)
        if (g + 1 < ru.ngrades || ru.grade_count[g])
            fprintf(fp, "| %s | %zu |\n", g + 1 < ru.ngrades ? mdx(f->grades[g].name) : D_("no grade"), ru.grade_count[g]);
    if (ru.not_scored)
        fprintf(fp, "| %s | %zu |\n", D_("not scored"), ru.not_scored);
    if (o->previous)
        fputs(D_("\n| rank | centre | district | street | total | grade | previous | change | previous grade | hours "
                 "| payment |\n|---:|---|---|---|---:|---|---:|---:|---|---|---|\n"), fp);
    else
        fputs(D_("\n| rank | centre | district | street | total | grade | hours | payment |\n"
                 "|---:|---|---|---|---:|---|---|---|\n"), fp);
    for (size_t i = 0; i < ru.n; i++) {
        const jz_rcentre *c = &r->centres[ru.rank[i]];
        char pay[512] = "";
        if (o->rules)
            jz_payment_sentence(o->rules, &r->files[c->file], c, o->instalment, pay, sizeof pay);
        char place[24];
        fprintf(fp, "| %s | ", jz_report_place_of(&ru, i, place, sizeof place));
        md(fp, c->centre);
        fputs(" | ", fp);
        md(fp, c->district);
        fputs(" | ", fp);
        md(fp, c->street);
        fprintf(fp, " | %s | %s | ", jz_report_total_of(c), mdx(jz_report_grade_of(c)));
        if (o->previous)
            md_previous_cells(fp, jz_result_diff_centre(o->previous, c));
        fprintf(fp, "%s | ", jz_doc_code("hours", jz_rcentre_hours_status(c)));
        md(fp, pay);
        fputs(" |\n", fp);
    }
    fputc('\n', fp);
    jz_report_md_audit_rollup(fp, r, o);
    jz_rollup_free(&ru);
}

static void md_centre(FILE *fp, const jz_results *r, const jz_rcentre *c, const jz_report_opts *o)
{
    const jz_rfile *f = &r->files[c->file];
    fputs("# ", fp);
    md(fp, c->centre);
    fputs(" ", fp);
    md(fp, c->street);
    char t1[4096], dt[40], cnt[32];
    size_t nshort = jz_report_short_checks(c);
    if (f->hours_only)
        fprintf(fp, nshort == 1 ? D_("\n\n**%s** — %zu hours or staffing check short or over")
                                : D_("\n\n**%s** — %zu hours or staffing checks short or over"), jz_report_compliance(c), nshort);
    else if (!c->scored)
        fputs(D_("\n\n**not scored** — no total, no grade, no payment"), fp);
    else if (!c->grade[0])
        fprintf(fp, D_("\n\n**no grade** — re-weighted %s of %s is not a score"), c->total.text, f->scale.text);
    else
        fprintf(fp, D_("\n\n**%s** — total **%s** of %s"), mdx(jz_report_grade_of(c)), c->total.text, f->scale.text);
    if (c->grade_note[0]) {
        fputs(D_(" ("), fp);
        md(fp, jz_doc_text(c->grade_note, t1, sizeof t1));
        fputs(D_(")"), fp);
    }
    fputs(D_(".  \nContract "), fp);
    md(fp, c->contract);
    fputs(D_(", "), fp);
    md(fp, c->district);
    fputs(D_(", "), fp);
    md(fp, c->operator_);
    fprintf(fp, D_("; as of %s (%s); %s records.\n\n"), mdx(jz_doc_date(c->as_of, dt, sizeof dt)),
            mdx(jz_doc_text(c->as_of_reason, t1, sizeof t1)), jz_doc_count(c->records, cnt, sizeof cnt));
    if (!f->hours_only) {
        char iss[1200];
        fprintf(fp, D_("Rubric %s: %s.\n\n"), mdx(f->rubric_title[0] ? f->rubric_title : f->rubric_id),
                mdx(jz_report_issuer(f, iss, sizeof iss)));
    }
    if (o->previous && !f->hours_only)
        md_previous(fp, o, c);
    const jz_dcentre *pd = o->previous ? jz_result_diff_centre(o->previous, c) : NULL;
    if (c->nsec)
        fputs(pd ? D_("| section | earned | possible | previous | change |\n|---|---:|---:|---:|---:|\n")
                 : D_("| section | earned | possible |\n|---|---:|---:|\n"), fp);
    for (size_t s = 0; s < c->nsec; s++) {
        fprintf(fp, "| %s", c->sec[s].depth > 1 ? "↳ " : "");
        md(fp, c->sec[s].title);
        fprintf(fp, " | %s | %s |", c->sec[s].possible.fp > 0 ? c->sec[s].earned.text : D_("n/a"),
                c->sec[s].possible.fp > 0 ? c->sec[s].possible.text : D_("n/a"));
        const jz_dsec *ds = pd ? jz_dcentre_section(pd, c->sec[s].id) : NULL;
        char a[40], d[40];
        if (pd)
            fprintf(fp, " %s | %s |", ds ? jz_report_orblank(jz_dnum_format(&ds->earned, 'a', a, sizeof a)) : "—",
                    ds ? jz_report_orblank(jz_dnum_format(&ds->earned, 'd', d, sizeof d)) : D_("new"));
        fputc('\n', fp);
    }
    if (c->nind)
        fputs(D_("\n| indicator | value | earned | possible | status | derivation |\n|---|---|---:|---:|---|---|\n"), fp);
    for (size_t i = 0; i < c->nind; i++) {
        const jz_rind *ind = &c->ind[i];
        fputs("| ", fp);
        md(fp, ind->id);
        fputs(" | ", fp);
        md(fp, jz_doc_text(ind->value_text, t1, sizeof t1));
        fprintf(fp, " | %s | %s | %s | ", ind->earned.fp >= 0 ? ind->earned.text : D_("n/a"), ind->possible.text,
                mdx(jz_doc_code("status", ind->status)));
        md(fp, jz_doc_text(ind->derivation, t1, sizeof t1));
        fputs(" |\n", fp);
    }
    if (c->napplied) {
        fputs(D_("\n**Vetoes and deductions**\n\n"), fp);
        for (size_t i = 0; i < c->napplied; i++) {
            fprintf(fp, D_("- %s: "), mdx(jz_doc_code("applied", c->applied[i].what)));
            md(fp, jz_doc_text(c->applied[i].detail, t1, sizeof t1));
            fputc('\n', fp);
        }
    }
    if (c->nhours) {
        fputs(D_("\n| hours check | required | delivered | status | detail |\n|---|---:|---:|---|---|\n"), fp);
        for (size_t i = 0; i < c->nhours; i++) {
            char a[32], b[32];
            const jz_rcheck *h = &c->hours[i];
            fprintf(fp, "| %s | %s | %s | %s | ", mdx(h->check), check_amount(h, h->required, a),
                    check_amount(h, h->delivered, b), mdx(jz_doc_code("hours", h->status)));
            md(fp, jz_doc_text(h->detail, t1, sizeof t1));
            fputs(" |\n", fp);
        }
    }
    jz_report_verification_lines(fp, o, c->centre, true);
    char pay[512];
    if (!f->hours_only && o->rules && jz_payment_sentence(o->rules, f, c, o->instalment, pay, sizeof pay)) {
        fputs(D_("\nPayment: "), fp);
        md(fp, pay);
        fputc('\n', fp);
    }
    if (f->hours_only)
        fprintf(fp, D_("\n<sub>rules %s %s; %s</sub>\n"), mdx(f->rubric_id), mdx(f->rubric_version), mdx(f->tool));
    else
        fprintf(fp, D_("\n<sub>rubric %s %s, sha256 %s; %s</sub>\n"), mdx(f->rubric_id), mdx(f->rubric_version), mdx(f->rubric_sha256),
                mdx(f->tool));
}

static void md_hours_rollup(FILE *fp, const jz_results *r)
{
    fprintf(fp, D_("# Hours and staffing\n\n%zu contracts, rules %s %s.\n\n| centre | street | as of | status | short or over |\n"
                   "|---|---|---|---|---|\n"), r->ncentres, mdx(r->files[0].rubric_id), mdx(r->files[0].rubric_version));
    for (size_t i = 0; i < r->ncentres; i++) {
        const jz_rcentre *c = &r->centres[i];
        fputs("| ", fp);
        md(fp, c->centre);
        fputs(" | ", fp);
        md(fp, c->street);
        char dt[40];
        fprintf(fp, " | %s | %s |", mdx(jz_doc_date(c->as_of, dt, sizeof dt)), jz_report_compliance(c));
        for (size_t k = 0; k < c->nhours; k++)
            if (strcmp(c->hours[k].status, "short") == 0 || strcmp(c->hours[k].status, "over") == 0)
                fprintf(fp, " %s", mdx(c->hours[k].check));
        fputs(" |\n", fp);
    }
    fputc('\n', fp);
}

void jz_report_md(FILE *fp, const void *doc)
{
    const jz_results *r = ((const jz_report_doc *)doc)->results;
    const jz_report_opts *o = ((const jz_report_doc *)doc)->opts;
    if (r->ncentres > 1 && jz_report_hours_only(r))
        md_hours_rollup(fp, r);
    else if (r->ncentres > 1)
        md_rollup(fp, r, o);
    for (size_t i = 0; i < r->ncentres; i++) {
        if (i)
            fputc('\n', fp);
        md_centre(fp, r, &r->centres[i], o);
        jz_report_md_audit(fp, &r->centres[i], o);
    }
}
