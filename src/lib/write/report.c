/* report.c — see include/jz/report.h: the district roll-up and the text, Markdown and csv
 * renderers (report_html.c and report_xlsx.c hold the other two). */
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

/* ---- shared bits ---- */

static const char *grade_of(const jz_rcentre *c)
{
    return c->grade[0] ? c->grade : c->scored ? "no grade" : "not scored";
}

/* The veto whose cap is the total, if a veto capped it. */
static const jz_rapplied *capped_veto(const jz_rcentre *c)
{
    const jz_rapplied *low = NULL;
    for (size_t i = 0; i < c->napplied; i++)
        if (strcmp(c->applied[i].what, "veto") == 0 && c->applied[i].points.text[0] &&
            (!low || c->applied[i].points.fp < low->points.fp))
            low = &c->applied[i];
    return low && low->points.fp == c->total.fp ? low : NULL;
}

/* The place and the total as a roll-up shows them: only a graded centre has either. */
static const char *place_of(const jz_rollup *ru, size_t i, char *buf, size_t cap)
{
    if (i < ru->ranked)
        snprintf(buf, cap, "%zu", i + 1);
    else
        snprintf(buf, cap, "-");
    return buf;
}

static const char *total_of(const jz_rcentre *c)
{
    return jz_rcentre_rank_class(c) == 0 ? c->total.text : "-";
}

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

static const char *orblank(const char *s)
{
    return s[0] ? s : "n/a";
}

/* ANSI colour per grade position: best green ... worst red. */
static const char *grade_colour(const jz_results *r, const jz_rcentre *c, const jz_report_opts *o)
{
    if (!o->color)
        return "";
    const jz_rfile *f = &r->files[c->file];
    if (!c->grade[0])
        return "\033[2m";
    if (!jz_rfile_grade_at_least(f, c->grade, f->pass_grade))
        return "\033[31m";
    return f->ngrades && strcmp(f->grades[0].name, c->grade) == 0 ? "\033[32m" : "\033[33m";
}

static const char *reset(const jz_report_opts *o)
{
    return o->color ? "\033[0m" : "";
}

/* Whether every file is a jz-hours result (no scores: a compliance roll-up instead). */
static bool hours_only(const jz_results *r)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (!r->files[i].hours_only)
            return false;
    return r->nfiles > 0;
}

static size_t short_checks(const jz_rcentre *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nhours; i++)
        n += strcmp(c->hours[i].status, "short") == 0 || strcmp(c->hours[i].status, "over") == 0;
    return n;
}

static const char *compliance(const jz_rcentre *c)
{
    const char *s = jz_rcentre_hours_status(c);
    return strcmp(s, "short") == 0 ? "not compliant" : strcmp(s, "ok") == 0 ? "compliant" : "not checked";
}

/* ---- text ---- */

static void text_hours_rollup(FILE *fp, const jz_results *r)
{
    size_t failing = 0, unchecked = 0;
    for (size_t i = 0; i < r->ncentres; i++) {
        failing += strcmp(compliance(&r->centres[i]), "not compliant") == 0;
        unchecked += strcmp(compliance(&r->centres[i]), "not checked") == 0;
    }
    fprintf(fp, "Hours and staffing: %zu contracts, rules %s %s\n  compliant %zu, not compliant %zu, not checked %zu\n\n",
            r->ncentres, r->files[0].rubric_id, r->files[0].rubric_version, r->ncentres - failing - unchecked, failing,
            unchecked);
    fprintf(fp, "  %-10s %-14s %-10s %-14s %s\n", "centre", "street", "as of", "status", "short or over");
    for (size_t i = 0; i < r->ncentres; i++) {
        const jz_rcentre *c = &r->centres[i];
        fputs("  ", fp);
        jz_text_pad(fp, c->centre, 10);
        fputc(' ', fp);
        jz_text_pad(fp, c->street, 14);
        fprintf(fp, " %-10s %-14s", jz_text_show(c->as_of), compliance(c));
        for (size_t k = 0; k < c->nhours; k++)
            if (strcmp(c->hours[k].status, "short") == 0 || strcmp(c->hours[k].status, "over") == 0)
                fprintf(fp, " %s", jz_text_show(c->hours[k].check));
        fputc('\n', fp);
    }
    fputc('\n', fp);
}

/* The previous total, its change and the previous grade, for the roll-up (--previous). */
static void text_previous_cells(FILE *fp, const jz_dcentre *d)
{
    char a[40], c[40];
    if (!d || !d->a) {
        fprintf(fp, " %8s %9s  %-8s", "-", "new", "-");
        return;
    }
    fprintf(fp, " %8s %9s  ", jz_dnum_format(&d->total, 'a', a, sizeof a), jz_dnum_format(&d->total, 'd', c, sizeof c));
    jz_text_pad(fp, grade_of(d->a), 8);
}

/* Under a centre's total: the previous result's total, grade and as-of date, and why it moved. */
static void text_previous(FILE *fp, const jz_report_opts *o, const jz_rcentre *c)
{
    const jz_dcentre *d = jz_result_diff_centre(o->previous, c);
    char a[40], ch[40], w[512];
    if (!d || !d->a) {
        fprintf(fp, "  previous: not in %s\n", o->previous->fa->path);
        return;
    }
    fprintf(fp, "  previous %s %s, as of %s (%s): change %s%s%s\n", jz_dnum_format(&d->total, 'a', a, sizeof a),
            grade_of(d->a), d->a->as_of, o->previous->fa->path, orblank(jz_dnum_format(&d->total, 'd', ch, sizeof ch)),
            d->why ? "; why: " : "", jz_why_format(d->why, true, ", ", w, sizeof w));
}

/* " (previous 553.08, -189.57)" after a section line, when it changed. */
static void text_previous_section(FILE *fp, const jz_report_opts *o, const jz_rcentre *c, const char *id)
{
    const jz_dsec *s = jz_dcentre_section(jz_result_diff_centre(o->previous, c), id);
    char a[40], d[40];
    if (s && s->state == JZ_D_CHANGED)
        fprintf(fp, "  (previous %s, %s)", orblank(jz_dnum_format(&s->earned, 'a', a, sizeof a)),
                orblank(jz_dnum_format(&s->earned, 'd', d, sizeof d)));
    else if (s && s->state == JZ_D_ADDED)
        fputs("  (new)", fp);
}

static void text_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    jz_rollup ru;
    jz_rollup_make(r, &ru);
    const jz_rfile *f = &r->files[0];
    fprintf(fp, "District roll-up: %zu centres, rubric %s %s\n  grades:", r->ncentres, jz_text_show(f->rubric_id),
            jz_text_show(f->rubric_version));
    for (size_t g = 0; g < ru.ngrades; g++)
        if (ru.grade_count[g] || g + 1 < ru.ngrades)
            fprintf(fp, " %s %zu", g + 1 < ru.ngrades ? jz_text_show(f->grades[g].name) : "no grade", ru.grade_count[g]);
    if (ru.not_scored)
        fprintf(fp, " not scored %zu", ru.not_scored);
    fprintf(fp, "\n  below %s: %zu; failing an hours check: %zu\n\n", jz_text_show(f->pass_grade), ru.below_pass, ru.hours_failing);
    if (o->previous)
        fprintf(fp, "  %-4s %-10s %-14s %8s  %-8s %8s %9s  %-8s %-6s %s\n", "rank", "centre", "street", "total",
                "grade", "previous", "change", "grade", "hours", "payment");
    else
        fprintf(fp, "  %-4s %-10s %-14s %8s  %-8s %-6s %s\n", "rank", "centre", "street", "total", "grade", "hours",
                "payment");
    /* padding by display width: Chinese characters take two columns */
    for (size_t i = 0; i < ru.n; i++) {
        const jz_rcentre *c = &r->centres[ru.rank[i]];
        char pay[512] = "";
        if (o->rules)
            jz_payment_sentence(o->rules, &r->files[c->file], c, o->instalment, pay, sizeof pay);
        char place[24];
        fprintf(fp, "  %-4s ", place_of(&ru, i, place, sizeof place));
        jz_text_pad(fp, c->centre, 10);
        fputc(' ', fp);
        jz_text_pad(fp, c->street, 14);
        fprintf(fp, " %8s  %s", total_of(c), grade_colour(r, c, o));
        jz_text_pad(fp, grade_of(c), 8);
        fputs(reset(o), fp);
        if (o->previous)
            text_previous_cells(fp, jz_result_diff_centre(o->previous, c));
        fprintf(fp, " %-6s %s\n", jz_rcentre_hours_status(c), jz_text_show(pay));
    }
    fputc('\n', fp);
    jz_report_text_audit_rollup(fp, r, o);
    jz_rollup_free(&ru);
}

/* FP fraction as a percentage with one decimal ("21.7 %"), "n/a" when negative. */
static char *rate_text(int64_t fp, char *buf)
{
    if (fp < 0)
        snprintf(buf, 32, "n/a");
    else
        snprintf(buf, 32, "%lld.%lld %%", (long long)(fp + 5) / 100, (long long)((fp + 5) / 10) % 10);
    return buf;
}

/* The centre's verification (jz-verify), in lines of text or Markdown. */
static void verification_lines(FILE *fp, const jz_report_opts *o, const char *centre, bool markdown)
{
    const jz_vcentre *v = o->verification ? jz_vresults_find(o->verification, centre) : NULL;
    char a[32], b[32], e[32];
    if (!v)
        return;
    const char *lead = markdown ? "- " : "    ";
    if (markdown)
        fprintf(fp, "\n**Verification** (%s)\n\n", o->verification->path);
    else
        fprintf(fp, "  verification (%s):\n", jz_text_show(o->verification->path));
    fprintf(fp, "%s%ld drawn, %ld checked: %ld verified, %ld differs, %ld not found; %ld not checked\n", lead, v->drawn,
            v->checked, v->verified, v->differs, v->not_found, v->not_checked);
    if (v->checked)
        fprintf(fp, "%serror rate %s (exact interval %s to %s)\n", lead,
                rate_text(v->checked ? (v->errors * 10000 + v->checked / 2) / v->checked : -1, e),
                rate_text(v->err_low, a), rate_text(v->err_high, b));
    fprintf(fp, "%shours factor %s (%s to %s) %s; participants factor %s (%s to %s) %s\n", lead, v->hours_fac[0],
            v->hours_fac[1], v->hours_fac[2], v->hours_reading, v->part_fac[0], v->part_fac[1], v->part_fac[2],
            v->part_reading);
    fprintf(fp, "%shours reported %s, estimated true %s, overstated %s (lower bound %s)\n", lead, v->reported_h,
            v->true_h, v->over_h, v->over_lb_h);
}

static void text_centre(FILE *fp, const jz_results *r, const jz_rcentre *c, const jz_report_opts *o)
{
    const jz_rfile *f = &r->files[c->file];
    fprintf(fp, "centre %s  %s %s  %s\n  contract %s, as of %s (%s), %ld records\n", jz_text_show(c->centre), jz_text_show(c->district), jz_text_show(c->street),
            jz_text_show(c->operator_), jz_text_show(c->contract), jz_text_show(c->as_of), jz_text_show(c->as_of_reason), c->records);
    if (f->hours_only)
        fprintf(fp, "  %s: %zu check%s short or over\n", compliance(c), short_checks(c), short_checks(c) == 1 ? "" : "s");
    else if (!c->scored)
        fprintf(fp, "  NOT SCORED (no total, no grade, no payment): %s\n", c->grade_note);
    else if (!c->grade[0])
        fprintf(fp, "  NO GRADE (re-weighted %s of %s is not a score)%s%s\n", c->total.text, f->scale.text,
                c->grade_note[0] ? " — " : "", c->grade_note);
    else if (capped_veto(c))
        fprintf(fp, "  TOTAL %s of %s (capped by veto %s)  %s%s%s%s%s\n", c->total.text, f->scale.text,
                capped_veto(c)->title, grade_colour(r, c, o), grade_of(c), reset(o), c->grade_note[0] ? " — " : "",
                c->grade_note);
    else
        fprintf(fp, "  TOTAL %s of %s  %s%s%s%s%s\n", c->total.text, f->scale.text, grade_colour(r, c, o), jz_text_show(grade_of(c)),
                reset(o), c->grade_note[0] ? " — " : "", jz_text_show(c->grade_note));
    if (o->previous && !f->hours_only)
        text_previous(fp, o, c);
    for (size_t s = 0; s < c->nsec; s++) {
        const jz_rsec *sec = &c->sec[s];
        fprintf(fp, "  %*s%-24s %8s / %-8s %s", (sec->depth - 1) * 2, "", jz_text_show(sec->id),
                sec->possible.fp > 0 ? sec->earned.text : "n/a", sec->possible.fp > 0 ? sec->possible.text : "n/a",
                jz_text_show(sec->title));
        if (o->previous)
            text_previous_section(fp, o, c, sec->id);
        fputc('\n', fp);
        for (size_t i = 0; i < c->nind; i++) {
            const jz_rind *ind = &c->ind[i];
            if (strcmp(ind->section, sec->id) != 0)
                continue;
            fprintf(fp, "  %*s  %-22s %8s / %-8s %s\n", (sec->depth - 1) * 2, "", jz_text_show(ind->id),
                    ind->earned.fp >= 0 ? ind->earned.text : "n/a", ind->possible.text, jz_text_show(ind->derivation));
        }
    }
    for (size_t i = 0; i < c->napplied; i++) {
        const jz_rapplied *a = &c->applied[i];
        if (strcmp(a->what, "veto") == 0 && a->points.text[0])
            fprintf(fp, "  %-9s %s — the total is capped at %s\n", a->what, jz_text_show(a->detail), a->points.text);
        else if (strcmp(a->what, "deduction") == 0)
            fprintf(fp, "  %-9s -%s points: %s\n", a->what, a->points.text, jz_text_show(a->detail));
        else
            fprintf(fp, "  %-9s %s\n", jz_text_show(a->what), jz_text_show(a->detail));
    }
    for (size_t i = 0; i < c->nind; i++) {
        const jz_rind *ind = &c->ind[i];
        if (!ind->disagreement)
            continue;
        fprintf(fp, "  evaluators disagree on %s (spread %s):", jz_text_show(ind->id), ind->spread.text);
        for (size_t k = 0; k < ind->nscores; k++)
            fprintf(fp, " %s %s%s", jz_text_show(ind->scores[k].evaluator), ind->scores[k].score.text,
                    k + 1 < ind->nscores ? ";" : "");
        fputc('\n', fp);
    }
    if (c->nhours)
        fputs("  hours checks:\n", fp);
    for (size_t i = 0; i < c->nhours; i++)
        fprintf(fp, "    %-5s %-18s %s\n", jz_text_show(c->hours[i].status), jz_text_show(c->hours[i].check),
                jz_text_show(c->hours[i].detail));
    verification_lines(fp, o, c->centre, false);
    char pay[512];
    if (!f->hours_only && o->rules && jz_payment_sentence(o->rules, f, c, o->instalment, pay, sizeof pay))
        fprintf(fp, "  payment: %s\n", jz_text_show(pay));
    if (f->hours_only)
        fprintf(fp, "  rules %s %s; %s\n", jz_text_show(f->rubric_id), jz_text_show(f->rubric_version), jz_text_show(f->tool));
    else
        fprintf(fp, "  rubric %s %s sha256 %s; %s\n", jz_text_show(f->rubric_id), jz_text_show(f->rubric_version), jz_text_show(f->rubric_sha256), jz_text_show(f->tool));
}

void jz_report_text(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    if (r->ncentres > 1 && hours_only(r))
        text_hours_rollup(fp, r);
    else if (r->ncentres > 1)
        text_rollup(fp, r, o);
    for (size_t i = 0; i < r->ncentres; i++) {
        if (i)
            fputc('\n', fp);
        text_centre(fp, r, &r->centres[i], o);
        jz_report_text_audit(fp, &r->centres[i], o);
    }
}

/* ---- Markdown ---- */

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
        fputs("— | new | — | ", fp);
        return;
    }
    fprintf(fp, "%s | %s | ", jz_dnum_format(&d->total, 'a', a, sizeof a), jz_dnum_format(&d->total, 'd', c, sizeof c));
    md(fp, grade_of(d->a));
    fputs(" | ", fp);
}

/* Under a centre's heading: the previous result's total and grade, and why it moved. */
static void md_previous(FILE *fp, const jz_report_opts *o, const jz_rcentre *c)
{
    const jz_dcentre *d = jz_result_diff_centre(o->previous, c);
    char a[40], ch[40], w[512];
    fputs("Previous: ", fp);
    if (!d || !d->a) {
        fputs("not in ", fp);
        md(fp, o->previous->fa->path);
        fputs(".\n\n", fp);
        return;
    }
    fprintf(fp, "**%s** ", jz_dnum_format(&d->total, 'a', a, sizeof a));
    md(fp, grade_of(d->a));
    fprintf(fp, " as of %s (", d->a->as_of);
    md(fp, o->previous->fa->path);
    fprintf(fp, "), change **%s**", orblank(jz_dnum_format(&d->total, 'd', ch, sizeof ch)));
    if (d->why) {
        fputs("; why: ", fp);
        md(fp, jz_why_format(d->why, true, ", ", w, sizeof w));
    }
    fputs(".\n\n", fp);
}

static void md_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    jz_rollup ru;
    jz_rollup_make(r, &ru);
    const jz_rfile *f = &r->files[0];
    fprintf(fp, "# District roll-up\n\n%zu centres, rubric %s %s.", r->ncentres, mdx(f->rubric_id), mdx(f->rubric_version));
    fprintf(fp, " Below %s: %zu. Failing an hours check: %zu.\n\n| grade | centres |\n|---|---:|\n", mdx(f->pass_grade),
            ru.below_pass, ru.hours_failing);
    for (size_t g = 0; g < ru.ngrades; g++)
        if (g + 1 < ru.ngrades || ru.grade_count[g])
            fprintf(fp, "| %s | %zu |\n", g + 1 < ru.ngrades ? mdx(f->grades[g].name) : "no grade", ru.grade_count[g]);
    if (ru.not_scored)
        fprintf(fp, "| not scored | %zu |\n", ru.not_scored);
    if (o->previous)
        fputs("\n| rank | centre | district | street | total | grade | previous | change | previous grade | hours "
              "| payment |\n|---:|---|---|---|---:|---|---:|---:|---|---|---|\n", fp);
    else
        fputs("\n| rank | centre | district | street | total | grade | hours | payment |\n"
              "|---:|---|---|---|---:|---|---|---|\n", fp);
    for (size_t i = 0; i < ru.n; i++) {
        const jz_rcentre *c = &r->centres[ru.rank[i]];
        char pay[512] = "";
        if (o->rules)
            jz_payment_sentence(o->rules, &r->files[c->file], c, o->instalment, pay, sizeof pay);
        char place[24];
        fprintf(fp, "| %s | ", place_of(&ru, i, place, sizeof place));
        md(fp, c->centre);
        fputs(" | ", fp);
        md(fp, c->district);
        fputs(" | ", fp);
        md(fp, c->street);
        fprintf(fp, " | %s | %s | ", total_of(c), mdx(grade_of(c)));
        if (o->previous)
            md_previous_cells(fp, jz_result_diff_centre(o->previous, c));
        fprintf(fp, "%s | ", jz_rcentre_hours_status(c));
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
    if (f->hours_only)
        fprintf(fp, "\n\n**%s** — %zu hours or staffing check%s short or over", compliance(c), short_checks(c),
                short_checks(c) == 1 ? "" : "s");
    else if (!c->scored)
        fputs("\n\n**not scored** — no total, no grade, no payment", fp);
    else if (!c->grade[0])
        fprintf(fp, "\n\n**no grade** — re-weighted %s of %s is not a score", c->total.text, f->scale.text);
    else
        fprintf(fp, "\n\n**%s** — total **%s** of %s", mdx(grade_of(c)), c->total.text, f->scale.text);
    if (c->grade_note[0]) {
        fputs(" (", fp);
        md(fp, c->grade_note);
        fputc(')', fp);
    }
    fputs(".  \nContract ", fp);
    md(fp, c->contract);
    fputs(", ", fp);
    md(fp, c->district);
    fputs(", ", fp);
    md(fp, c->operator_);
    fprintf(fp, "; as of %s (%s); %ld records.\n\n", mdx(c->as_of), mdx(c->as_of_reason), c->records);
    if (o->previous && !f->hours_only)
        md_previous(fp, o, c);
    const jz_dcentre *pd = o->previous ? jz_result_diff_centre(o->previous, c) : NULL;
    if (c->nsec)
        fputs(pd ? "| section | earned | possible | previous | change |\n|---|---:|---:|---:|---:|\n"
                 : "| section | earned | possible |\n|---|---:|---:|\n", fp);
    for (size_t s = 0; s < c->nsec; s++) {
        fprintf(fp, "| %s", c->sec[s].depth > 1 ? "↳ " : "");
        md(fp, c->sec[s].title);
        fprintf(fp, " | %s | %s |", c->sec[s].possible.fp > 0 ? c->sec[s].earned.text : "n/a",
                c->sec[s].possible.fp > 0 ? c->sec[s].possible.text : "n/a");
        const jz_dsec *ds = pd ? jz_dcentre_section(pd, c->sec[s].id) : NULL;
        char a[40], d[40];
        if (pd)
            fprintf(fp, " %s | %s |", ds ? orblank(jz_dnum_format(&ds->earned, 'a', a, sizeof a)) : "—",
                    ds ? orblank(jz_dnum_format(&ds->earned, 'd', d, sizeof d)) : "new");
        fputc('\n', fp);
    }
    if (c->nind)
        fputs("\n| indicator | value | earned | possible | status | derivation |\n|---|---|---:|---:|---|---|\n", fp);
    for (size_t i = 0; i < c->nind; i++) {
        const jz_rind *ind = &c->ind[i];
        fputs("| ", fp);
        md(fp, ind->id);
        fputs(" | ", fp);
        md(fp, ind->value_text);
        fprintf(fp, " | %s | %s | %s | ", ind->earned.fp >= 0 ? ind->earned.text : "n/a", ind->possible.text, mdx(ind->status));
        md(fp, ind->derivation);
        fputs(" |\n", fp);
    }
    if (c->napplied) {
        fputs("\n**Vetoes and deductions**\n\n", fp);
        for (size_t i = 0; i < c->napplied; i++) {
            fprintf(fp, "- %s: ", mdx(c->applied[i].what));
            md(fp, c->applied[i].detail);
            fputc('\n', fp);
        }
    }
    if (c->nhours) {
        fputs("\n| hours check | required | delivered | status | detail |\n|---|---:|---:|---|---|\n", fp);
        for (size_t i = 0; i < c->nhours; i++) {
            char a[32], b[32];
            const jz_rcheck *h = &c->hours[i];
            fprintf(fp, "| %s | %s | %s | %s | ", mdx(h->check), check_amount(h, h->required, a),
                    check_amount(h, h->delivered, b), mdx(h->status));
            md(fp, h->detail);
            fputs(" |\n", fp);
        }
    }
    verification_lines(fp, o, c->centre, true);
    char pay[512];
    if (!f->hours_only && o->rules && jz_payment_sentence(o->rules, f, c, o->instalment, pay, sizeof pay)) {
        fputs("\nPayment: ", fp);
        md(fp, pay);
        fputc('\n', fp);
    }
    if (f->hours_only)
        fprintf(fp, "\n<sub>rules %s %s; %s</sub>\n", mdx(f->rubric_id), mdx(f->rubric_version), mdx(f->tool));
    else
        fprintf(fp, "\n<sub>rubric %s %s, sha256 %s; %s</sub>\n", mdx(f->rubric_id), mdx(f->rubric_version), mdx(f->rubric_sha256),
                mdx(f->tool));
}

static void md_hours_rollup(FILE *fp, const jz_results *r)
{
    fprintf(fp, "# Hours and staffing\n\n%zu contracts, rules %s %s.\n\n| centre | street | as of | status | short or over |\n"
                "|---|---|---|---|---|\n", r->ncentres, mdx(r->files[0].rubric_id), mdx(r->files[0].rubric_version));
    for (size_t i = 0; i < r->ncentres; i++) {
        const jz_rcentre *c = &r->centres[i];
        fputs("| ", fp);
        md(fp, c->centre);
        fputs(" | ", fp);
        md(fp, c->street);
        fprintf(fp, " | %s | %s |", mdx(c->as_of), compliance(c));
        for (size_t k = 0; k < c->nhours; k++)
            if (strcmp(c->hours[k].status, "short") == 0 || strcmp(c->hours[k].status, "over") == 0)
                fprintf(fp, " %s", mdx(c->hours[k].check));
        fputs(" |\n", fp);
    }
    fputc('\n', fp);
}

void jz_report_md(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    if (r->ncentres > 1 && hours_only(r))
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

/* ---- csv ---- */

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

void jz_report_csv(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
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
                                   ind->possible.text, ind->status, c->total.text,
                                   c->scored ? c->grade : "not scored"};
            csv_cells(fp, cells, sizeof cells / sizeof cells[0]);
            jz_csv_field(fp, ind->derivation);
            fputc('\n', fp);
        }
        csv_verification(fp, c, o);
        jz_report_csv_audit(fp, c, o);
    }
}
