/* diff_write_text.c — see include/jz/diff_write.h: the diff for people, in a terminal.
 * What differs between the results first (rubric, rules, calendar, inputs, as-of dates,
 * jz-score version), then each centre: a line for the unchanged, the changed figures and
 * their causes for the others. */
#include "jz/diff_write.h"
#include "jz/i18n.h"
#include "jz/report_common.h"
#include "jz/text.h"

#include <string.h>

static const char *orna(const char *s, const char *none)
{
    return s && *s ? s : none;
}

/* The first 12 hex digits of a sha256, or "not recorded". */
static const char *short_sha(const char *sha, char *buf)
{
    if (!sha || !sha[0])
        return _("not recorded");
    snprintf(buf, 13, "%s", sha);
    return buf;
}


static const char *state_word(jz_dstate s)
{
    static const char *const words[] = {N_("same"), N_("changed"), N_("added"), N_("removed")};
    return _(words[s]);
}

/* An indicator's status (full, partial...) or an applied rule's what, by its English name. */
static const char *status_word(const char *s)
{
    static const char *const words[] = {N_("full"), N_("partial"), N_("zero"), N_("n/a")};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i], s) == 0)
            return _(words[i]);
    return s;
}

static const char *applied_word(const char *s)
{
    static const char *const words[] = {N_("deduction"), N_("veto"), N_("grade")};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i], s) == 0)
            return _(words[i]);
    return s;
}

/* s right-aligned in width display columns. */
static void rpad(FILE *fp, const char *s, size_t width)
{
    for (size_t w = jz_text_width(s); w < width; w++)
        fputc(' ', fp);
    fputs(s, fp);
}

static void table_head(FILE *fp, const char *what)
{
    fputs("  ", fp);
    jz_text_pad(fp, what, 26);
    fputc(' ', fp);
    rpad(fp, _("points A"), 10);
    fputc(' ', fp);
    rpad(fp, _("points B"), 10);
    fputc(' ', fp);
    rpad(fp, _("change"), 9);
    fprintf(fp, "  %s\n", _("why"));
}

static void head(FILE *fp, const jz_result_diff *d)
{
    const jz_rfile *f[2] = {d->fa, d->fb};
    for (int k = 0; k < 2; k++)
        fprintf(fp, _("%c  %s: rubric %s %s, %s\n"), "AB"[k], f[k]->path, f[k]->rubric_id, f[k]->rubric_version,
                orna(f[k]->tool, _("tool not recorded")));
    fprintf(fp, jz_trn("%zu centre: %zu changed, %zu the same, %zu added, %zu removed\n",
                       "%zu centres: %zu changed, %zu the same, %zu added, %zu removed\n", (unsigned long)d->ncentres),
            d->ncentres, d->nchanged, d->nsame, d->nadded, d->nremoved);
}

static void def_line(FILE *fp, const jz_ddef *x)
{
    char w[512];
    fputs("               ", fp);
    jz_text_pad(fp, x->id, 22);
    if (x->state == JZ_D_ADDED)
        fprintf(fp, _(" added (%s points in %s)\n"), x->b->possible.text, x->b->section);
    else if (x->state == JZ_D_REMOVED)
        fprintf(fp, _(" removed (%s points in %s)\n"), x->a->possible.text, x->a->section);
    else
        fprintf(fp, " %s\n", jz_defs_detail(x->a, x->b, x->defs, w, sizeof w));
}

static void rubric_lines(FILE *fp, const jz_result_diff *d)
{
    char a[16], b[16];
    const jz_rfile *fa = d->fa, *fb = d->fb;
    if (!d->rubric_changed)
        fprintf(fp, _("  rubric     same: %s %s, sha256 %s\n"), fb->rubric_id, fb->rubric_version,
                short_sha(fb->rubric_sha256, b));
    else
        fprintf(fp, _("  rubric     changed: %s %s -> %s %s (sha256 %s -> %s)\n"), fa->rubric_id, fa->rubric_version,
                fb->rubric_id, fb->rubric_version, short_sha(fa->rubric_sha256, a), short_sha(fb->rubric_sha256, b));
    if (d->scale_changed)
        fprintf(fp, _("             scale %s -> %s\n"), fa->scale.text, fb->scale.text);
    if (d->grades_changed) {
        fputs(_("             grades"), fp);
        for (int k = 0; k < 2; k++) {
            const jz_rfile *f = k ? fb : fa;
            fputs(k ? " ->" : "", fp);
            for (size_t g = 0; g < f->ngrades; g++)
                fprintf(fp, "%s %s %s", g ? "," : "", f->grades[g].name, f->grades[g].min.text);
        }
        fputc('\n', fp);
    }
    if (d->ndefs)
        fprintf(fp, jz_trn("             %zu indicator differs:\n", "             %zu indicators differ:\n",
                           (unsigned long)d->ndefs), d->ndefs);
    for (size_t k = 0; k < d->ndefs; k++)
        def_line(fp, &d->defs[k]);
}

static void prov_lines(FILE *fp, const jz_result_diff *d)
{
    char a[16], b[16];
    const jz_rfile *fa = d->fa, *fb = d->fb;
    if (strcmp(fa->rules_id, fb->rules_id) || strcmp(fa->rules_version, fb->rules_version))
        fprintf(fp, _("  rules      changed: %s %s -> %s %s\n"), fa->rules_id, fa->rules_version, fb->rules_id,
                fb->rules_version);
    else if (d->rules == JZ_P_NOT_RECORDED && !d->rules_sha[0][0] && !d->rules_sha[1][0])
        fprintf(fp, _("  rules      %s %s; sha256 not recorded\n"), orna(fb->rules_id, _("(no id)")), fb->rules_version);
    else if (d->rules == JZ_P_NOT_RECORDED)
        fprintf(fp, _("  rules      %s %s; sha256 %s -> %s: not recorded in both\n"), orna(fb->rules_id, _("(no id)")),
                fb->rules_version, short_sha(d->rules_sha[0], a), short_sha(d->rules_sha[1], b));
    else if (d->rules == JZ_P_SAME)
        fprintf(fp, _("  rules      same: %s %s, sha256 %s\n"), fb->rules_id, fb->rules_version,
                short_sha(d->rules_sha[1], b));
    else
        fprintf(fp, _("  rules      changed: %s %s, sha256 %s -> %s\n"), fb->rules_id, fb->rules_version,
                short_sha(d->rules_sha[0], a), short_sha(d->rules_sha[1], b));
    /* TRANSLATORS: how the calendar of B compares with A's */
    static const char *const prov[] = {N_("same"), N_("changed"), N_("not recorded")};
    if (d->calendar == JZ_P_SAME)
        fprintf(fp, _("  calendar   same: sha256 %s\n"), short_sha(d->calendar_sha[1], b));
    else if (d->calendar == JZ_P_CHANGED || d->calendar_sha[0][0] || d->calendar_sha[1][0])
        fprintf(fp, _("  calendar   %s: sha256 %s -> %s\n"), _(prov[d->calendar]), short_sha(d->calendar_sha[0], a),
                short_sha(d->calendar_sha[1], b));
    else
        fputs(_("  calendar   sha256 not recorded\n"), fp);
}

static void input_lines(FILE *fp, const jz_result_diff *d)
{
    char a[16], b[16];
    size_t same = 0;
    for (size_t k = 0; k < d->ninputs; k++)
        same += d->inputs[k].state == JZ_D_SAME;
    fprintf(fp, _("  inputs     %zu the same\n"), same);
    for (size_t k = 0; k < d->ninputs; k++) {
        const jz_dinput *in = &d->inputs[k];
        if (in->state == JZ_D_SAME && strcmp(in->file_a, in->file_b) != 0)
            fprintf(fp, _("             renamed  %-9s %s -> %s (same sha256 %s)\n"), in->role, in->file_a, in->file_b,
                    short_sha(in->sha_b, b));
        else if (in->state == JZ_D_CHANGED)
            fprintf(fp, _("             changed  %-9s %s (sha256 %s -> %s)\n"), in->role, in->file_b,
                    short_sha(in->sha_a, a), short_sha(in->sha_b, b));
        else if (in->state == JZ_D_ADDED)
            fprintf(fp, _("             added    %-9s %s (sha256 %s)\n"), in->role, in->file_b, short_sha(in->sha_b, b));
        else if (in->state == JZ_D_REMOVED)
            fprintf(fp, _("             removed  %-9s %s (sha256 %s)\n"), in->role, in->file_a, short_sha(in->sha_a, a));
    }
}

static void provenance(FILE *fp, const jz_result_diff *d)
{
    fputs(_("\nwhat differs between the results\n"), fp);
    rubric_lines(fp, d);
    prov_lines(fp, d);
    input_lines(fp, d);
    if (d->nas_of)
        fprintf(fp, jz_trn("  as of      differs for %zu centre\n", "  as of      differs for %zu centres\n",
                           (unsigned long)d->nas_of), d->nas_of);
    else
        fputs(_("  as of      the same for every centre in both\n"), fp);
    fputs(d->tool_changed ? _("  jz-score   another version (see A and B above)\n") : _("  jz-score   the same version\n"), fp);
    char w[512];
    if (!d->differs)
        fputs(_("  in short   nothing recorded differs\n"), fp);
    else if (d->differs == JZ_WHY_AS_OF)
        fputs(_("  in short   only the as-of date differs\n"), fp);
    else
        fprintf(fp, _("  in short   different: %s\n"), jz_report_why(d->differs, jz_lang_get(), w, sizeof w));
}

static const char *grade_of(const jz_rcentre *c)
{
    return c->grade[0] ? c->grade : _("no grade");
}

/* "A -> B (change)" of a number, or "A" when the same. */
static void change(FILE *fp, const jz_dnum *n)
{
    char a[40], b[40], c[40];
    jz_dnum_format(n, 'a', a, sizeof a);
    jz_dnum_format(n, 'b', b, sizeof b);
    jz_dnum_format(n, 'd', c, sizeof c);
    if (!jz_dnum_changed(n))
        fputs(orna(a, _("none")), fp);
    else if (c[0])
        fprintf(fp, "%s -> %s (%s)", a, b, c);
    else
        fprintf(fp, "%s -> %s", orna(a, _("none")), orna(b, _("none")));
}

static void why_line(FILE *fp, unsigned why)
{
    char w[512];
    fprintf(fp, _("  why        %s\n"), jz_report_why(why, jz_lang_get(), w, sizeof w));
}

/* One row of the sections or indicators table: earned A, earned B, the change, why. */
static void row(FILE *fp, int indent, const char *id, const jz_dnum *earned, jz_dstate st, unsigned why)
{
    char a[40], b[40], c[40], w[256];
    fprintf(fp, "  %*s", indent, "");
    jz_text_pad(fp, id, (size_t)(26 - indent));
    jz_dnum_format(earned, 'd', c, sizeof c);
    fputc(' ', fp);
    rpad(fp, st == JZ_D_ADDED ? "-" : orna(jz_dnum_format(earned, 'a', a, sizeof a), _("n/a")), 10);
    fputc(' ', fp);
    rpad(fp, st == JZ_D_REMOVED ? "-" : orna(jz_dnum_format(earned, 'b', b, sizeof b), _("n/a")), 10);
    fprintf(fp, " %9s  %s%s%s\n", c, st == JZ_D_ADDED || st == JZ_D_REMOVED ? state_word(st) : "",
            st == JZ_D_ADDED || st == JZ_D_REMOVED ? "; " : "", jz_why_format(why, false, " ", w, sizeof w));
}

static void ind_detail(FILE *fp, const jz_dind *x)
{
    char a[40], b[40], w[512];
    const char *sep = "      ";
    if (!x->a || !x->b)
        return;
    if (jz_dnum_changed(&x->value) || strcmp(x->a->value_text, x->b->value_text) != 0)
        fprintf(fp, _("%svalue %s -> %s"), sep, orna(x->a->value_text, _("none")), orna(x->b->value_text, _("none"))), sep = _("; ");
    if (jz_dnum_changed(&x->target))
        fprintf(fp, _("%starget %s -> %s"), sep, orna(jz_dnum_format(&x->target, 'a', a, sizeof a), _("none")),
                orna(jz_dnum_format(&x->target, 'b', b, sizeof b), _("none"))), sep = _("; ");
    if (jz_dnum_changed(&x->ratio))
        fprintf(fp, _("%sratio %s -> %s"), sep, orna(jz_dnum_format(&x->ratio, 'a', a, sizeof a), _("none")),
                orna(jz_dnum_format(&x->ratio, 'b', b, sizeof b), _("none"))), sep = _("; ");
    if (jz_dnum_changed(&x->fraction))
        fprintf(fp, _("%sfraction %s -> %s"), sep, orna(jz_dnum_format(&x->fraction, 'a', a, sizeof a), _("none")),
                orna(jz_dnum_format(&x->fraction, 'b', b, sizeof b), _("none"))), sep = _("; ");
    if (x->status_changed)
        fprintf(fp, "%s%s -> %s", sep, status_word(x->a->status), status_word(x->b->status)), sep = _("; ");
    if (x->defs & ~(unsigned)JZ_DEF_TITLE)
        fprintf(fp, "%s%s", sep, jz_defs_detail(x->a, x->b, x->defs & ~(unsigned)JZ_DEF_TITLE, w, sizeof w)),
            sep = _("; ");
    if (strcmp(sep, _("; ")) == 0)
        fputc('\n', fp);
}

static int depth_of(const jz_dsec *s)
{
    int depth = s->b ? s->b->depth : s->a->depth;
    return depth > 0 ? (depth - 1) * 2 : 0;
}

static void centre_tables(FILE *fp, const jz_dcentre *c)
{
    if (c->sec_changed)
        table_head(fp, _("section"));
    for (size_t k = 0; k < c->nsec; k++)
        if (c->sec[k].state != JZ_D_SAME)
            row(fp, depth_of(&c->sec[k]), c->sec[k].id, &c->sec[k].earned, c->sec[k].state, c->sec[k].why);
    if (c->ind_changed)
        table_head(fp, _("indicator"));
    for (size_t k = 0; k < c->nind; k++)
        if (c->ind[k].state != JZ_D_SAME) {
            row(fp, 0, c->ind[k].id, &c->ind[k].earned, c->ind[k].state, c->ind[k].why);
            ind_detail(fp, &c->ind[k]);
        }
    for (size_t k = 0; k < c->napplied; k++) {
        const jz_dapplied *x = &c->applied[k];
        if (x->state == JZ_D_SAME)
            continue;
        const jz_rapplied *r = x->b ? x->b : x->a;
        fputs("  ", fp);
        jz_text_pad(fp, applied_word(r->what), 9);
        fprintf(fp, " %-16s ", r->id);
        fprintf(fp, _("%s: "), state_word(x->state));
        change(fp, &x->points);
        fprintf(fp, "\n      %s\n", r->detail);
    }
}

static void centre(FILE *fp, const jz_dcentre *c, bool blank)
{
    const jz_rcentre *a = c->a, *b = c->b, *any = b ? b : a;
    fprintf(fp, _("%scentre %s, contract %s"), blank ? "\n" : "", any->centre, any->contract);
    if (a && b && strcmp(a->contract, b->contract) != 0)
        fprintf(fp, _(" (A: contract %s)"), a->contract);
    if (c->state != JZ_D_CHANGED) {
        fprintf(fp, _(": %s%s, total %s, %s, as of %s\n"), state_word(c->state),
                c->state == JZ_D_ADDED ? _(" (only in B)") : c->state == JZ_D_REMOVED ? _(" (only in A)") : "",
                orna(any->total.text, _("none")), grade_of(any), any->as_of);
        return;
    }
    fputs(_(": changed\n"), fp);
    if (c->as_of_changed)
        fprintf(fp, _("  as of      %s (%s) -> %s (%s)\n"), a->as_of, _(a->as_of_reason), b->as_of, _(b->as_of_reason));
    if (jz_dnum_changed(&c->records))
        fputs(_("  records    "), fp), change(fp, &c->records), fputc('\n', fp);
    fputs(_("  total      "), fp);
    change(fp, &c->total);
    fprintf(fp, "%s%s%s%s\n", C_("after a figure", ", "), grade_of(a), c->grade_changed ? " -> " : "", c->grade_changed ? grade_of(b) : "");
    if (jz_dnum_changed(&c->coverage))
        fputs(_("  coverage   "), fp), change(fp, &c->coverage), fputc('\n', fp);
    if (jz_dnum_changed(&c->deductions))
        fputs(_("  deductions "), fp), change(fp, &c->deductions), fputc('\n', fp);
    why_line(fp, c->why);
    centre_tables(fp, c);
}

void jz_diff_write_text(FILE *fp, const void *doc)
{
    const jz_result_diff *d = doc;
    head(fp, d);
    provenance(fp, d);
    for (size_t k = 0; k < d->ncentres; k++)   /* a changed centre is a block; the others a line each */
        centre(fp, &d->centres[k], !k || d->centres[k].state == JZ_D_CHANGED ||
                                       d->centres[k - 1].state == JZ_D_CHANGED);
}
