/* report_audit.c — see include/jz/report.h: the integrity section (jz-report --audit) of the
 * text, Markdown and csv reports, and the centres' risk in their district roll-up. The html
 * and xlsx sections live in their renderers' files. Only what the audit file says is
 * written: no screen is re-run, no risk recomputed. */
#include "jz/report.h"
#include "jz/diag.h"
#include "jz/emit.h"
#include "jz/text.h"
#include "jz/i18n.h"
#include "jz/report_lang.h"

#include <stdlib.h>
#include <string.h>

char *jz_report_audit_where(const jz_afinding *f, bool doc, char *buf, size_t cap)
{
    jz_lang l = doc ? jz_doc_lang_get() : JZ_LANG_EN;
    if (f->file)
        snprintf(buf, cap, "%s:%ld", f->file, f->line);
    else if (f->staff && f->month)
        snprintf(buf, cap, jz_tr_in(l, N_("staff %s, %s")), f->staff, f->month);
    else if (f->staff)
        snprintf(buf, cap, jz_tr_in(l, N_("staff %s")), f->staff);
    else if (f->month)
        snprintf(buf, cap, "%s", f->month);
    else
        snprintf(buf, cap, jz_tr_in(l, N_("centre %s")), f->centre);
    return buf;
}

/* The words of jz-audit's json in the document language: a finding's message, a screen's
 * status and the reason it did not run (an N_ message of audit.c). */
static const char *message(const jz_afinding *f, char *buf, size_t cap)
{
    return jz_doc_audit_text(f->message, buf, cap);
}

static const char *status_words(const char *st)
{
    return jz_doc_code("screen", st);
}

static const char *why_words(const char *why, char *buf, size_t cap)
{
    return jz_doc_audit_text(why, buf, cap);
}

static bool in_results(const jz_results *r, const char *centre)
{
    for (size_t i = 0; i < r->ncentres; i++)
        if (strcmp(r->centres[i].centre, centre) == 0)
            return true;
    return false;
}

static long centre_warnings(const jz_acentre *c)
{
    long n = 0;
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        n += c->warnings[s];
    return n;
}

static long centre_notes(const jz_acentre *c)
{
    long n = 0;
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        n += c->notes[s];
    return n;
}

static double pct(long n, long of)
{
    return of ? 100.0 * (double)n / (double)of : 0.0;
}

/* ---- text ---- */

void jz_report_text_audit_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    const jz_audits *a = o->audit;
    if (!a)
        return;
    fprintf(fp, D_("  integrity risk (jz-audit %s %s, %s; 0-100, highest first):\n"), a->rules_id, a->rules_version,
            a->path);
    size_t *ord = jz_audits_by_risk(a);
    for (size_t i = 0; i < a->ncentres; i++) {
        const jz_acentre *c = &a->centres[ord[i]];
        fputs("    ", fp);
        jz_text_pad(fp, c->centre, 10);
        fprintf(fp, centre_warnings(c) == 1 ? D_(" %5s  %ld warning, %ld of %ld rows touched%s\n")
                                            : D_(" %5s  %ld warnings, %ld of %ld rows touched%s\n"),
                c->risk_text, centre_warnings(c), c->touched, c->rows,
                in_results(r, c->centre) ? "" : D_(" (not among the results)"));
    }
    for (size_t i = 0; i < r->ncentres; i++)
        if (!jz_audits_centre(a, r->centres[i].centre)) {
            fputs("    ", fp);
            jz_text_pad(fp, r->centres[i].centre, 10);
            fputs(D_("   n/a  not audited\n"), fp);
        }
    fputc('\n', fp);
    free(ord);
}

void jz_report_text_audit(FILE *fp, const jz_rcentre *rc, const jz_report_opts *o)
{
    const jz_audits *a = o->audit;
    if (!a)
        return;
    const jz_acentre *c = jz_audits_centre(a, rc->centre);
    if (!c) {
        fprintf(fp, D_("  integrity: not audited (no rows of %s in %s)\n"), rc->centre, a->path);
        return;
    }
    fprintf(fp, D_("  integrity (jz-audit %s %s%s%s): risk %s of 100; %ld of %ld rows touched (%.1f %%); "),
            a->rules_id, a->rules_version, a->notice[0] ? D_(", notice ") : "", a->notice, c->risk_text, c->touched, c->rows,
            pct(c->touched, c->rows));
    fprintf(fp, DN_("%ld warning, ", "%ld warnings, ", (unsigned long)centre_warnings(c)), centre_warnings(c));
    fprintf(fp, DN_("%ld note\n", "%ld notes\n", (unsigned long)centre_notes(c)), centre_notes(c));
    fputs(D_("    screens hit:"), fp);
    bool any = false;
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        if (c->warnings[s] || c->notes[s]) {
            fprintf(fp, "%s%s %ld", any ? DC_("list", ", ") : " ", jz_audit_code((jz_screen)s), c->warnings[s]);
            if (c->notes[s])
                fprintf(fp, c->notes[s] == 1 ? D_(" (+%ld note)") : D_(" (+%ld notes)"), c->notes[s]);
            any = true;
        }
    fputs(any ? "\n" : D_(" none\n"), fp);
    char t[4096];
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        if (strcmp(a->screens[s].status, "ran") != 0)
            fprintf(fp, "    %s %s%s%s\n", jz_audit_code((jz_screen)s), status_words(a->screens[s].status), D_(": "),
                    why_words(a->screens[s].why, t, sizeof t));
    size_t idx[JZ_REPORT_AUDIT_WORST];
    size_t total = jz_audits_worst(a, c->centre, idx, JZ_REPORT_AUDIT_WORST);
    size_t shown = total < JZ_REPORT_AUDIT_WORST ? total : JZ_REPORT_AUDIT_WORST;
    if (shown)
        fprintf(fp, D_("    worst findings (%zu of %zu):\n"), shown, total);
    for (size_t i = 0; i < shown; i++) {
        const jz_afinding *f = &a->findings[idx[i]];
        char where[1200];
        fprintf(fp, "      %s: %s: %s [%s]\n", jz_report_audit_where(f, true, where, sizeof where),
                f->warning ? D_("warning") : D_("note"), message(f, t, sizeof t), jz_audit_code(f->screen));
    }
}

/* ---- Markdown ---- */

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

void jz_report_md_audit_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    const jz_audits *a = o->audit;
    if (!a)
        return;
    fprintf(fp, D_("Integrity risk (jz-audit %s %s, 0-100), highest first:\n\n| centre | risk | warnings | rows touched |\n"
                   "|---|---:|---:|---:|\n"), a->rules_id, a->rules_version);
    size_t *ord = jz_audits_by_risk(a);
    for (size_t i = 0; i < a->ncentres; i++) {
        const jz_acentre *c = &a->centres[ord[i]];
        fputs("| ", fp);
        md(fp, c->centre);
        fprintf(fp, D_("%s | %s | %ld | %ld of %ld |\n"), in_results(r, c->centre) ? "" : D_(" (not among the results)"),
                c->risk_text, centre_warnings(c), c->touched, c->rows);
    }
    for (size_t i = 0; i < r->ncentres; i++)
        if (!jz_audits_centre(a, r->centres[i].centre)) {
            fputs("| ", fp);
            md(fp, r->centres[i].centre);
            fputs(D_(" | n/a | not audited | |\n"), fp);
        }
    fputc('\n', fp);
    free(ord);
}

void jz_report_md_audit(FILE *fp, const jz_rcentre *rc, const jz_report_opts *o)
{
    const jz_audits *a = o->audit;
    if (!a)
        return;
    const jz_acentre *c = jz_audits_centre(a, rc->centre);
    fputs(D_("\n**Integrity** "), fp);
    if (!c) {
        fputs(D_("— not audited (no rows of "), fp);
        md(fp, rc->centre);
        fputs(D_(" in the audit).\n"), fp);
        return;
    }
    fprintf(fp, D_("(jz-audit %s %s%s%s): risk **%s** of 100; %ld of %ld rows touched (%.1f %%); %ld warnings, %ld notes.\n\n"),
            a->rules_id, a->rules_version, a->notice[0] ? D_(", notice ") : "", a->notice, c->risk_text, c->touched, c->rows,
            pct(c->touched, c->rows), centre_warnings(c), centre_notes(c));
    fputs(D_("| screen | status | warnings | notes |\n|---|---|---:|---:|\n"), fp);
    char t[4096];
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        fprintf(fp, "| %s | %s", jz_audit_code((jz_screen)s), status_words(a->screens[s].status));
        if (a->screens[s].why[0]) {
            fputs(D_(": "), fp);
            md(fp, why_words(a->screens[s].why, t, sizeof t));
        }
        fprintf(fp, " | %ld | %ld |\n", c->warnings[s], c->notes[s]);
    }
    size_t idx[JZ_REPORT_AUDIT_WORST];
    size_t total = jz_audits_worst(a, c->centre, idx, JZ_REPORT_AUDIT_WORST);
    size_t shown = total < JZ_REPORT_AUDIT_WORST ? total : JZ_REPORT_AUDIT_WORST;
    if (shown)
        fprintf(fp, D_("\nWorst findings (%zu of %zu):\n\n"), shown, total);
    for (size_t i = 0; i < shown; i++) {
        const jz_afinding *f = &a->findings[idx[i]];
        char where[1200];
        fputs("- `", fp);
        jz_report_audit_where(f, true, where, sizeof where);
        for (const char *p = where; *p; p++)
            fputc(*p == '`' ? '\'' : *p, fp);
        fprintf(fp, "` %s: ", f->warning ? D_("warning") : D_("note"));
        md(fp, message(f, t, sizeof t));
        fprintf(fp, " \\[%s\\]\n", jz_audit_code(f->screen));
    }
}

/* ---- csv ---- */

/* Every text cell through the one shared writer, which neutralises formulas (diag.h). */
static void csv_cell(FILE *fp, const char *s)
{
    jz_csv_field(fp, s);
}

static void csv_lead(FILE *fp, const jz_rcentre *rc, const char *indicator)
{
    const char *cells[] = {rc->contract, rc->centre, rc->district, rc->street, "integrity", indicator};
    for (size_t j = 0; j < sizeof cells / sizeof cells[0]; j++) {
        csv_cell(fp, cells[j]);
        fputc(',', fp);
    }
}

/* Rows of section "integrity": indicator "risk" (value the risk, status "audited" or
 * "not audited"), one per screen (value its warnings, target its notes, status the
 * screen's status), one per worst finding (indicator "finding", value the line or empty,
 * status warning or note, derivation "where: message [code]"). */
void jz_report_csv_audit(FILE *fp, const jz_rcentre *rc, const jz_report_opts *o)
{
    const jz_audits *a = o->audit;
    if (!a)
        return;
    const jz_acentre *c = jz_audits_centre(a, rc->centre);
    csv_lead(fp, rc, "risk");
    if (!c) {
        fputs(",,,,,,not audited,,,\n", fp);
        return;
    }
    fprintf(fp, ",%s,,%.4f,,,audited,,,", c->risk_text, c->rows ? (double)c->touched / (double)c->rows : 0.0);
    char d[160];
    snprintf(d, sizeof d, "%ld of %ld rows touched; jz-audit %s %s", c->touched, c->rows, a->rules_id,
             a->rules_version);
    csv_cell(fp, d);
    fputc('\n', fp);
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        csv_lead(fp, rc, jz_audit_code((jz_screen)s));
        fprintf(fp, ",%ld,%ld,,,,%s,,,", c->warnings[s], c->notes[s], a->screens[s].status);
        csv_cell(fp, a->screens[s].why);
        fputc('\n', fp);
    }
    size_t idx[JZ_REPORT_AUDIT_WORST];
    size_t total = jz_audits_worst(a, c->centre, idx, JZ_REPORT_AUDIT_WORST);
    for (size_t i = 0; i < total && i < JZ_REPORT_AUDIT_WORST; i++) {
        const jz_afinding *f = &a->findings[idx[i]];
        char where[1200];
        csv_lead(fp, rc, "finding");
        if (f->file)
            fprintf(fp, ",%ld,,,,,", f->line);
        else
            fputs(",,,,,,", fp);
        fprintf(fp, "%s,,,", f->warning ? "warning" : "note");
        size_t n = strlen(f->message) + 1300;
        char *t = jz_xmalloc(n);
        snprintf(t, n, "%s: %s [%s]", jz_report_audit_where(f, false, where, sizeof where), f->message,
                 jz_audit_code(f->screen));
        csv_cell(fp, t);
        free(t);
        fputc('\n', fp);
    }
}
