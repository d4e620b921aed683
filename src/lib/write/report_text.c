/* report_text.c — see include/jz/report.h: the report as plain text for a terminal or a
 * printer, columns padded by display width, ANSI colours only when asked. */
#include "jz/report_common.h"
#include "jz/i18n.h"
#include "jz/report_lang.h"
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
        failing += strcmp(jz_rcentre_hours_status(&r->centres[i]), "short") == 0;
        unchecked += strcmp(jz_rcentre_hours_status(&r->centres[i]), "n/a") == 0;
    }
    fprintf(fp, D_("Hours and staffing: %zu contracts, rules %s %s\n  compliant %zu, not compliant %zu, not checked %zu\n\n"),
            r->ncentres, r->files[0].rubric_id, r->files[0].rubric_version, r->ncentres - failing - unchecked, failing,
            unchecked);
    fputs("  ", fp);
    jz_text_pad(fp, D_("centre"), 10), fputc(' ', fp), jz_text_pad(fp, D_("street"), 14), fputc(' ', fp);
    jz_text_pad(fp, D_("as of"), 10), fputc(' ', fp), jz_text_pad(fp, D_("status"), 14);
    fprintf(fp, " %s\n", D_("short or over"));
    for (size_t i = 0; i < r->ncentres; i++) {
        const jz_rcentre *c = &r->centres[i];
        char d[40];
        fputs("  ", fp);
        jz_text_pad(fp, c->centre, 10);
        fputc(' ', fp);
        jz_text_pad(fp, c->street, 14);
        fputc(' ', fp);
        jz_text_pad(fp, jz_doc_date(jz_text_show(c->as_of), d, sizeof d), 10);
        fputc(' ', fp);
        jz_text_pad(fp, jz_report_compliance(c), 14);
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
        fprintf(fp, " %8s ", "-");
        jz_report_pad_left(fp, D_("new"), 9);
        fprintf(fp, "  %-8s", "-");
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
        fprintf(fp, D_("  previous: not in %s\n"), o->previous->fa->path);
        return;
    }
    char dt[40];
    fprintf(fp, D_("  previous %s %s, as of %s (%s): change %s"), jz_dnum_format(&d->total, 'a', a, sizeof a),
            jz_report_grade_of(d->a), jz_doc_date(d->a->as_of, dt, sizeof dt), o->previous->fa->path,
            jz_report_orblank(jz_dnum_format(&d->total, 'd', ch, sizeof ch)));
    if (d->why)
        fprintf(fp, D_("; why: %s"), jz_report_why(d->why, jz_doc_lang_get(), w, sizeof w));
    fputc('\n', fp);
}

/* " (previous 553.08, -189.57)" after a section line, when it changed. */
static void text_previous_section(FILE *fp, const jz_report_opts *o, const jz_rcentre *c, const char *id)
{
    const jz_dsec *s = jz_dcentre_section(jz_result_diff_centre(o->previous, c), id);
    char a[40], d[40];
    if (s && s->state == JZ_D_CHANGED)
        fprintf(fp, D_("  (previous %s, %s)"), jz_report_orblank(jz_dnum_format(&s->earned, 'a', a, sizeof a)),
                jz_report_orblank(jz_dnum_format(&s->earned, 'd', d, sizeof d)));
    else if (s && s->state == JZ_D_ADDED)
        fputs(D_("  (new)"), fp);
}

static void text_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    jz_rollup ru;
    jz_rollup_make(r, &ru);
    const jz_rfile *f = &r->files[0];
    fprintf(fp, D_("District roll-up: %zu centres, rubric %s %s\n  grades:"), r->ncentres, jz_text_show(f->rubric_id),
            jz_text_show(f->rubric_version));
    for (size_t g = 0; g < ru.ngrades; g++)
        if (ru.grade_count[g] || g + 1 < ru.ngrades)
            fprintf(fp, " %s %zu", g + 1 < ru.ngrades ? jz_text_show(f->grades[g].name) : D_("no grade"), ru.grade_count[g]);
    if (ru.not_scored)
        fprintf(fp, " %s %zu", D_("not scored"), ru.not_scored);
    fputc('\n', fp);
    fprintf(fp, D_("  below %s: %zu; failing an hours check: %zu\n\n"), jz_text_show(f->pass_grade), ru.below_pass, ru.hours_failing);
    fputs("  ", fp);
    jz_text_pad(fp, D_("rank"), 4), fputc(' ', fp), jz_text_pad(fp, D_("centre"), 10), fputc(' ', fp);
    jz_text_pad(fp, D_("street"), 14), fputc(' ', fp), jz_report_pad_left(fp, D_("total"), 8), fputs("  ", fp);
    jz_text_pad(fp, D_("grade"), 8);
    if (o->previous) {
        fputc(' ', fp), jz_report_pad_left(fp, D_("previous"), 8), fputc(' ', fp), jz_report_pad_left(fp, D_("change"), 9);
        fputs("  ", fp), jz_text_pad(fp, D_("grade"), 8);
    }
    fputc(' ', fp), jz_text_pad(fp, DC_("column", "hours"), 6);
    fprintf(fp, " %s\n", D_("payment"));
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
        fputc(' ', fp);
        jz_text_pad(fp, jz_doc_code("hours", jz_rcentre_hours_status(c)), 6);
        fprintf(fp, " %s\n", jz_text_show(pay));
    }
    fputc('\n', fp);
    jz_report_text_audit_rollup(fp, r, o);
    jz_rollup_free(&ru);
}

static void text_centre(FILE *fp, const jz_results *r, const jz_rcentre *c, const jz_report_opts *o)
{
    const jz_rfile *f = &r->files[c->file];
    char t1[4096], t2[4096], dt[40], cnt[32];
    fprintf(fp, D_("centre %s  %s %s  %s\n  contract %s, as of %s (%s), %s records\n"), jz_text_show(c->centre), jz_text_show(c->district), jz_text_show(c->street),
            jz_text_show(c->operator_), jz_text_show(c->contract), jz_doc_date(jz_text_show(c->as_of), dt, sizeof dt),
            jz_doc_text(jz_text_show(c->as_of_reason), t1, sizeof t1), jz_doc_count(c->records, cnt, sizeof cnt));
    const char *note = jz_doc_text(jz_text_show(c->grade_note), t2, sizeof t2);
    size_t nshort = jz_report_short_checks(c);
    if (f->hours_only)
        fprintf(fp, nshort == 1 ? D_("  %s: %zu check short or over\n") : D_("  %s: %zu checks short or over\n"),
                jz_report_compliance(c), nshort);
    else if (!c->scored)
        fprintf(fp, D_("  NOT SCORED (no total, no grade, no payment): %s\n"), note);
    else if (!c->grade[0])
        fprintf(fp, D_("  NO GRADE (re-weighted %s of %s is not a score)%s%s\n"), c->total.text, f->scale.text,
                c->grade_note[0] ? " — " : "", note);
    else if (capped_veto(c))
        fprintf(fp, D_("  TOTAL %s of %s (capped by veto %s)  %s%s%s%s%s\n"), c->total.text, f->scale.text,
                capped_veto(c)->title, grade_colour(r, c, o), jz_report_grade_of(c), reset(o), c->grade_note[0] ? " — " : "",
                note);
    else
        fprintf(fp, D_("  TOTAL %s of %s  %s%s%s%s%s\n"), c->total.text, f->scale.text, grade_colour(r, c, o), jz_text_show(jz_report_grade_of(c)),
                reset(o), c->grade_note[0] ? " — " : "", note);
    if (!f->hours_only) {
        char iss[1200];
        fprintf(fp, D_("  rubric %s: %s\n"), jz_text_show(f->rubric_title[0] ? f->rubric_title : f->rubric_id),
                jz_text_show(jz_report_issuer(f, iss, sizeof iss)));
    }
    if (o->previous && !f->hours_only)
        text_previous(fp, o, c);
    for (size_t s = 0; s < c->nsec; s++) {
        const jz_rsec *sec = &c->sec[s];
        fprintf(fp, "  %*s%-24s %8s / %-8s %s", (sec->depth - 1) * 2, "", jz_text_show(sec->id),
                sec->possible.fp > 0 ? sec->earned.text : D_("n/a"), sec->possible.fp > 0 ? sec->possible.text : D_("n/a"),
                jz_text_show(sec->title));
        if (o->previous)
            text_previous_section(fp, o, c, sec->id);
        fputc('\n', fp);
        for (size_t i = 0; i < c->nind; i++) {
            const jz_rind *ind = &c->ind[i];
            if (strcmp(ind->section, sec->id) != 0)
                continue;
            fprintf(fp, "  %*s  %-22s %8s / %-8s %s\n", (sec->depth - 1) * 2, "", jz_text_show(ind->id),
                    ind->earned.fp >= 0 ? ind->earned.text : D_("n/a"), ind->possible.text,
                    jz_doc_text(jz_text_show(ind->derivation), t1, sizeof t1));
        }
    }
    for (size_t i = 0; i < c->napplied; i++) {
        const jz_rapplied *a = &c->applied[i];
        const char *detail = jz_doc_text(jz_text_show(a->detail), t1, sizeof t1);
        fputs("  ", fp);
        jz_text_pad(fp, jz_doc_code("applied", a->what), 9);
        if (strcmp(a->what, "veto") == 0 && a->points.text[0] && cap_took_nothing(c, a->id))
            fprintf(fp, D_(" %s — its cap of %s is above the total: the total is not capped\n"), detail, a->points.text);
        else if (strcmp(a->what, "veto") == 0 && a->points.text[0])
            fprintf(fp, D_(" %s — the total is capped at %s\n"), detail, a->points.text);
        else if (strcmp(a->what, "deduction") == 0)
            fprintf(fp, D_(" -%s points: %s\n"), a->points.text, detail);
        else
            fprintf(fp, " %s\n", detail);
    }
    for (size_t i = 0; i < c->nind; i++) {
        const jz_rind *ind = &c->ind[i];
        if (!ind->disagreement)
            continue;
        fprintf(fp, D_("  evaluators disagree on %s (spread %s):"), jz_text_show(ind->id), ind->spread.text);
        for (size_t k = 0; k < ind->nscores; k++)
            fprintf(fp, " %s %s%s", jz_text_show(ind->scores[k].evaluator), ind->scores[k].score.text,
                    k + 1 < ind->nscores ? ";" : "");
        fputc('\n', fp);
    }
    if (c->nhours)
        fprintf(fp, "  %s\n", D_("hours checks:"));
    for (size_t i = 0; i < c->nhours; i++) {
        fputs("    ", fp);
        jz_text_pad(fp, jz_doc_code("hours", c->hours[i].status), 5);
        fputc(' ', fp);
        jz_text_pad(fp, c->hours[i].check, 18);
        fprintf(fp, " %s\n", jz_doc_text(jz_text_show(c->hours[i].detail), t1, sizeof t1));
    }
    jz_report_verification_lines(fp, o, c->centre, false);
    char pay[512];
    if (!f->hours_only && o->rules && jz_payment_sentence(o->rules, f, c, o->instalment, pay, sizeof pay))
        fprintf(fp, D_("  payment: %s\n"), jz_text_show(pay));
    if (f->hours_only)
        fprintf(fp, D_("  rules %s %s; %s\n"), jz_text_show(f->rubric_id), jz_text_show(f->rubric_version), jz_text_show(f->tool));
    else
        fprintf(fp, D_("  rubric %s %s sha256 %s; %s\n"), jz_text_show(f->rubric_id), jz_text_show(f->rubric_version), jz_text_show(f->rubric_sha256), jz_text_show(f->tool));
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
