/* report_text.c — see include/jz/report.h: the report as plain text for a terminal or a
 * printer, columns padded by display width, ANSI colours only when asked. */
#include "jz/report_common.h"
#include "jz/text.h"

#include <string.h>

/* The veto whose cap lowered the total, as the result's facts say (jiazong-score/3); none
 * when they are unknown (an older result): the veto's own line still gives its cap. */
static const jz_rcap *capped_veto(const jz_rcentre *c)
{
    return c->facts.known ? c->facts.capped_by : NULL;
}

/* Whether the facts say veto id's cap was above the total (it took nothing). */
static bool cap_took_nothing(const jz_rcentre *c, const char *id)
{
    for (size_t i = 0; c->facts.known && i < c->facts.ncaps; i++)
        if (strcmp(c->facts.caps[i].what, "veto") == 0 && strcmp(c->facts.caps[i].id, id) == 0)
            return !c->facts.caps[i].lowered;
    return false;
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

static void text_hours_rollup(FILE *fp, const jz_results *r)
{
    size_t failing = 0, unchecked = 0;
    for (size_t i = 0; i < r->ncentres; i++) {
        failing += strcmp(jz_report_compliance(&r->centres[i]), "not compliant") == 0;
        unchecked += strcmp(jz_report_compliance(&r->centres[i]), "not checked") == 0;
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
        fprintf(fp, " %-10s %-14s", jz_text_show(c->as_of), jz_report_compliance(c));
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
    jz_text_pad(fp, jz_report_grade_of(d->a), 8);
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
            jz_report_grade_of(d->a), d->a->as_of, o->previous->fa->path, jz_report_orblank(jz_dnum_format(&d->total, 'd', ch, sizeof ch)),
            d->why ? "; why: " : "", jz_why_format(d->why, true, ", ", w, sizeof w));
}

/* " (previous 553.08, -189.57)" after a section line, when it changed. */
static void text_previous_section(FILE *fp, const jz_report_opts *o, const jz_rcentre *c, const char *id)
{
    const jz_dsec *s = jz_dcentre_section(jz_result_diff_centre(o->previous, c), id);
    char a[40], d[40];
    if (s && s->state == JZ_D_CHANGED)
        fprintf(fp, "  (previous %s, %s)", jz_report_orblank(jz_dnum_format(&s->earned, 'a', a, sizeof a)),
                jz_report_orblank(jz_dnum_format(&s->earned, 'd', d, sizeof d)));
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
        fprintf(fp, "  %-4s ", jz_report_place_of(&ru, i, place, sizeof place));
        jz_text_pad(fp, c->centre, 10);
        fputc(' ', fp);
        jz_text_pad(fp, c->street, 14);
        fprintf(fp, " %8s  %s", jz_report_total_of(c), grade_colour(r, c, o));
        jz_text_pad(fp, jz_report_grade_of(c), 8);
        fputs(reset(o), fp);
        if (o->previous)
            text_previous_cells(fp, jz_result_diff_centre(o->previous, c));
        fprintf(fp, " %-6s %s\n", jz_rcentre_hours_status(c), jz_text_show(pay));
    }
    fputc('\n', fp);
    jz_report_text_audit_rollup(fp, r, o);
    jz_rollup_free(&ru);
}

static void text_centre(FILE *fp, const jz_results *r, const jz_rcentre *c, const jz_report_opts *o)
{
    const jz_rfile *f = &r->files[c->file];
    fprintf(fp, "centre %s  %s %s  %s\n  contract %s, as of %s (%s), %ld records\n", jz_text_show(c->centre), jz_text_show(c->district), jz_text_show(c->street),
            jz_text_show(c->operator_), jz_text_show(c->contract), jz_text_show(c->as_of), jz_text_show(c->as_of_reason), c->records);
    if (f->hours_only)
        fprintf(fp, "  %s: %zu check%s short or over\n", jz_report_compliance(c), jz_report_short_checks(c), jz_report_short_checks(c) == 1 ? "" : "s");
    else if (!c->scored)
        fprintf(fp, "  NOT SCORED (no total, no grade, no payment): %s\n", c->grade_note);
    else if (!c->grade[0])
        fprintf(fp, "  NO GRADE (re-weighted %s of %s is not a score)%s%s\n", c->total.text, f->scale.text,
                c->grade_note[0] ? " — " : "", c->grade_note);
    else if (capped_veto(c))
        fprintf(fp, "  TOTAL %s of %s (capped by veto %s)  %s%s%s%s%s\n", c->total.text, f->scale.text,
                capped_veto(c)->title, grade_colour(r, c, o), jz_report_grade_of(c), reset(o), c->grade_note[0] ? " — " : "",
                c->grade_note);
    else
        fprintf(fp, "  TOTAL %s of %s  %s%s%s%s%s\n", c->total.text, f->scale.text, grade_colour(r, c, o), jz_text_show(jz_report_grade_of(c)),
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
        if (strcmp(a->what, "veto") == 0 && a->points.text[0] && cap_took_nothing(c, a->id))
            fprintf(fp, "  %-9s %s — its cap of %s is above the total: the total is not capped\n", a->what,
                    jz_text_show(a->detail), a->points.text);
        else if (strcmp(a->what, "veto") == 0 && a->points.text[0])
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
    jz_report_verification_lines(fp, o, c->centre, false);
    char pay[512];
    if (!f->hours_only && o->rules && jz_payment_sentence(o->rules, f, c, o->instalment, pay, sizeof pay))
        fprintf(fp, "  payment: %s\n", jz_text_show(pay));
    if (f->hours_only)
        fprintf(fp, "  rules %s %s; %s\n", jz_text_show(f->rubric_id), jz_text_show(f->rubric_version), jz_text_show(f->tool));
    else
        fprintf(fp, "  rubric %s %s sha256 %s; %s\n", jz_text_show(f->rubric_id), jz_text_show(f->rubric_version), jz_text_show(f->rubric_sha256), jz_text_show(f->tool));
}

void jz_report_text(FILE *fp, const void *doc)
{
    const jz_results *r = ((const jz_report_doc *)doc)->results;
    const jz_report_opts *o = ((const jz_report_doc *)doc)->opts;
    if (r->ncentres > 1 && jz_report_hours_only(r))
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
