/* rubric_write.c — see include/jz/rubric_write.h */
#include "jz/rubric_write.h"
#include "jz/i18n.h"
#include "jz/text.h"
#include "jz/emit.h"

#include <stdlib.h>
#include <string.h>

/* ---- display width ---- */

static bool wide(unsigned long c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Columns the UTF-8 string takes on a terminal (Chinese characters two). */
static size_t width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned long c = *p;
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (len > 1)
            c &= 0x3Fu >> (len - 1);
        for (int k = 1; k < len && p[k]; k++)
            c = (c << 6) | (p[k] & 0x3Fu);
        for (int k = 0; k < len && *p; k++)
            p++;
        w += wide(c) ? 2 : 1;
    }
    return w;
}

/* s, then spaces up to `cols` columns. */
static void pad(FILE *fp, const char *s, size_t cols)
{
    s = jz_text_show(s);
    fputs(s, fp);
    for (size_t w = width(s); w < cols; w++)
        fputc(' ', fp);
}

/* Text safe in Markdown: '<' and '&' (which open HTML tags and entities: a title
 * "<img onerror=...>" would run in a previewer) as entities, '|' (which would split a table
 * cell) escaped, newlines as spaces. */
static void md_text(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", fp);
        else if (*s == '<')
            fputs("&lt;", fp);
        else if (*s == '&')
            fputs("&amp;", fp);
        else
            fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
    }
}

/* A Markdown table cell. */
static void md_cell(FILE *fp, const char *s)
{
    fputs("| ", fp);
    md_text(fp, s);
    fputc(' ', fp);
}

/* ---- show: the header ---- */

typedef struct words {
    char *rounding, *na, *deductions;
} words;

static void header_words(const jz_rubric *r, words *w)
{
    w->rounding = jz_rounding_words(r);
    w->na = jz_na_words(r);
    w->deductions = jz_deductions_words(r);
}

static void free_words(words *w)
{
    free(w->rounding);
    free(w->na);
    free(w->deductions);
}

static bool is_pass(const jz_rubric *r, size_t i)
{
    return strcmp(r->grades[i].name, r->pass_grade) == 0;
}

static void text_files(FILE *fp, const jz_rubric *r)
{
    fprintf(fp, "%-16s%s", "file", jz_text_show(r->files[0]));
    for (size_t i = 1; i < r->nfiles; i++)
        fprintf(fp, ", extending %s", jz_text_show(r->files[i]));
    fputc('\n', fp);
}

static void text_header(FILE *fp, const jz_rubric *r)
{
    words w;
    header_words(r, &w);
    char x[32];
    fprintf(fp, "%s %s: %s\n", jz_text_show(r->id), jz_text_show(r->version), r->title ? jz_text_show(r->title) : jz_text_show(r->id));
    text_files(fp, r);
    fprintf(fp, "%-16s%s points\n%-16s%s\n", "scale", jz_points_text(r->scale, x, sizeof x), "rounding", w.rounding);
    size_t gw = 0;
    for (size_t i = 0; i < r->ngrades; i++)
        gw = width(r->grades[i].name) > gw ? width(r->grades[i].name) : gw;
    for (size_t i = 0; i < r->ngrades; i++) {
        char *edges = jz_grade_edges(r, i);
        fprintf(fp, "%-16s", i ? "" : "grades");
        pad(fp, r->grades[i].name, gw + 2);
        fprintf(fp, "%s%s\n", edges, is_pass(r, i) ? "  (pass grade)" : "");
        free(edges);
    }
    fprintf(fp, "%-16s%s\n%-16s%s\n", "not applicable", w.na, "deductions", w.deductions);
    for (size_t i = 0; i < r->nvetoes; i++) {
        char *v = jz_veto_words(&r->vetoes[i]);
        fprintf(fp, "%-16s%s  %s: %s\n", i ? "" : "vetoes", jz_text_show(r->vetoes[i].id), jz_text_show(r->vetoes[i].title), v);
        free(v);
    }
    if (!r->nvetoes)
        fprintf(fp, "%-16snone\n", "vetoes");
    free_words(&w);
}

/* ---- show: the tree ---- */

static void text_section(FILE *fp, const jz_section *s);

static void text_indicator(FILE *fp, const jz_indicator *ind, int depth)
{
    char p[32];
    char *m = jz_measure_words(&ind->m), *t = jz_target_words(&ind->target), *sc = jz_scoring_words(ind);
    int indent = 2 * depth;
    fprintf(fp, "%7s  %-13s%*s%s  %s\n", jz_points_text(ind->points, p, sizeof p), jz_party_name(ind->party), indent, "",
            jz_text_show(ind->id), jz_text_show(ind->title));
    fprintf(fp, "%22s%*s  measure  %s\n", "", indent, "", m);
    if (ind->target.kind != JZ_TARGET_NONE)
        fprintf(fp, "%22s%*s  target   %s\n", "", indent, "", t);
    fprintf(fp, "%22s%*s  scoring  %s\n", "", indent, "", sc);
    if (ind->verified)
        fprintf(fp, "%22s%*s  verified the value times the centre's conservative %s verification factor (jz-verify)\n",
                "", indent, "", ind->verified == JZ_VERIFIED_HOURS ? "hours" : "participants");
    free(m);
    free(t);
    free(sc);
}

static void text_section(FILE *fp, const jz_section *s)
{
    char p[32];
    if (s->depth > 0)
        fprintf(fp, "%7s  %-13s%*s%s  %s\n", s->points < 0 ? "-" : jz_points_text(s->points, p, sizeof p),
                jz_party_name(s->party), 2 * (s->depth - 1), "", jz_text_show(s->id), jz_text_show(s->title));
    if (s->depth > 0 && (s->cap >= 0 || s->min_share >= 0 || s->deduction_cap >= 0)) {
        char *w = jz_section_rules_words(s);
        fprintf(fp, "%22s%*s  rules    %s\n", "", 2 * (s->depth - 1), "", w);
        free(w);
    }
    for (size_t i = 0; i < s->nind; i++)
        text_indicator(fp, &s->ind[i], s->depth);
    for (size_t i = 0; i < s->nsubs; i++)
        text_section(fp, &s->subs[i]);
}

static size_t count_ind(const jz_section *s)
{
    size_t n = s->nind;
    for (size_t i = 0; i < s->nsubs; i++)
        n += count_ind(&s->subs[i]);
    return n;
}

static void show_text(FILE *fp, const void *doc)
{
    const jz_rubric *r = doc;
    text_header(fp, r);
    fprintf(fp, "\n%7s  %-13s%s\n", "points", "party", "section / indicator");
    text_section(fp, &r->root);
    char p[32];
    fprintf(fp, "%7s  %-13s%zu indicators\n", jz_points_text(r->scale, p, sizeof p), "total", count_ind(&r->root));
}

/* ---- show: Markdown ---- */

static void md_row(FILE *fp, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        md_cell(fp, cells[i]);
    fputs("|\n", fp);
}

static void md_header(FILE *fp, const jz_rubric *r)
{
    words w;
    header_words(r, &w);
    char x[32], scale[48], files[1200] = "";
    size_t used = 0;
    for (size_t i = 0; i < r->nfiles && used < sizeof files; i++)
        used += (size_t)snprintf(files + used, sizeof files - used, "%s%s", i ? ", extending " : "", r->files[i]);
    snprintf(scale, sizeof scale, "%s points", jz_points_text(r->scale, x, sizeof x));
    fputs("# ", fp);
    md_text(fp, r->id);
    fputc(' ', fp);
    md_text(fp, r->version);
    fputs(": ", fp);
    md_text(fp, r->title ? r->title : r->id);
    fputs("\n\n", fp);
    fputs("| | |\n|---|---|\n", fp);
    const char *rows[][2] = {{"File", files}, {"Scale", scale}, {"Rounding", w.rounding},
                             {"Not applicable", w.na}, {"Deductions", w.deductions}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        md_row(fp, rows[i], 2);
    fputs("\n## Grades\n\n| Grade | Total (after rounding) | |\n|---|---|---|\n", fp);
    for (size_t i = 0; i < r->ngrades; i++) {
        char *edges = jz_grade_edges(r, i);
        const char *row[] = {r->grades[i].name, edges, is_pass(r, i) ? "pass grade" : ""};
        md_row(fp, row, 3);
        free(edges);
    }
    fputs("\n## Vetoes\n\n", fp);
    if (!r->nvetoes)
        fputs("None.\n", fp);
    else
        fputs("| Veto | Title | Rule |\n|---|---|---|\n", fp);
    for (size_t i = 0; i < r->nvetoes; i++) {
        char *v = jz_veto_words(&r->vetoes[i]);
        char id[200];
        snprintf(id, sizeof id, "`%s`", r->vetoes[i].id);
        const char *row[] = {id, r->vetoes[i].title, v};
        md_row(fp, row, 3);
        free(v);
    }
    free_words(&w);
}

static void md_section(FILE *fp, const jz_section *s, const char *num)
{
    char p[32], title[600], no[64];
    if (s->depth > 0) {
        snprintf(title, sizeof title, "**%s** (`%s`)", s->title, s->id);
        snprintf(p, sizeof p, "**%s**", s->points < 0 ? "-" : jz_points_text(s->points, (char[32]){0}, 32));
        bool rules = s->cap >= 0 || s->min_share >= 0 || s->deduction_cap >= 0;
        char *w = rules ? jz_section_rules_words(s) : NULL;
        const char *row[] = {num, title, p, jz_party_name(s->party), "", "", w ? w : ""};
        md_row(fp, row, 7);
        free(w);
    }
    size_t k = 0;
    for (size_t i = 0; i < s->nind; i++) {
        const jz_indicator *ind = &s->ind[i];
        snprintf(no, sizeof no, "%s%s%zu", num, num[0] ? "." : "", ++k);
        snprintf(title, sizeof title, "%s (`%s`)", ind->title, ind->id);
        char *m = jz_measure_words(&ind->m), *t = jz_target_words(&ind->target), *sc = jz_scoring_words(ind);
        const char *row[] = {no, title, jz_points_text(ind->points, p, sizeof p), jz_party_name(ind->party), m,
                             ind->target.kind == JZ_TARGET_NONE ? "—" : t, sc};
        md_row(fp, row, 7);
        free(m);
        free(t);
        free(sc);
    }
    for (size_t i = 0; i < s->nsubs; i++) {
        snprintf(no, sizeof no, "%s%s%zu", num, num[0] ? "." : "", ++k);
        md_section(fp, &s->subs[i], no);
    }
}

static void show_md(FILE *fp, const void *doc)
{
    const jz_rubric *r = doc;
    md_header(fp, r);
    char p[32];
    fprintf(fp, "\n## Sections and indicators\n\n%zu indicators, %s points.\n\n", count_ind(&r->root),
            jz_points_text(r->scale, p, sizeof p));
    fputs("| No. | Section / indicator | Points | Party | Measure | Target | Scoring |\n"
          "|---|---|--:|---|---|---|---|\n", fp);
    md_section(fp, &r->root, "");
}

const jz_writer jz_rubric_show_writers[] = {
    {"text", show_text, NULL},
    {"md", show_md, NULL},
    {NULL, NULL, NULL},
};

/* ---- diff ---- */

static void diff_text(FILE *fp, const void *doc)
{
    const jz_rubric *a = ((const jz_rubric_diff_doc *)doc)->a, *b = ((const jz_rubric_diff_doc *)doc)->b;
    const jz_rubric_diff *d = ((const jz_rubric_diff_doc *)doc)->d;
    fprintf(fp, "--- %s  %s %s\n+++ %s  %s %s\n", jz_text_show(a->path), jz_text_show(a->id), jz_text_show(a->version), jz_text_show(b->path), jz_text_show(b->id), jz_text_show(b->version));
    size_t kw = 8, sw = 8;
    for (size_t i = 0; i < d->n; i++) {
        size_t k = strlen(jz_rdiff_kind_name(d->v[i].kind)), s = width(d->v[i].subject);
        kw = k > kw ? k : kw;
        sw = s > sw ? s : sw;
    }
    for (size_t i = 0; i < d->n; i++) {
        const jz_rdiff *x = &d->v[i];
        const char *subject = x->subject[0] ? x->subject : "(rubric)";
        bool inline_ = !x->a[0] || !x->b[0] || width(x->a) + width(x->b) <= 60;
        pad(fp, jz_rdiff_kind_name(x->kind), kw + 2);
        if (!inline_) {
            fprintf(fp, "%s\n    - %s\n    + %s\n", jz_text_show(subject), jz_text_show(x->a), jz_text_show(x->b));
            continue;
        }
        pad(fp, subject, sw + 2);
        if (!x->a[0] || !x->b[0])
            fprintf(fp, "%s\n", x->a[0] ? jz_text_show(x->a) : jz_text_show(x->b));
        else
            fprintf(fp, "%s -> %s\n", jz_text_show(x->a), jz_text_show(x->b));
    }
    if (d->n)
        fprintf(fp, "%zu difference%s\n", d->n, d->n == 1 ? "" : "s");
    else
        fputs("no differences: the two rubrics score alike\n", fp);
}

static void diff_md(FILE *fp, const void *doc)
{
    const jz_rubric *a = ((const jz_rubric_diff_doc *)doc)->a, *b = ((const jz_rubric_diff_doc *)doc)->b;
    const jz_rubric_diff *d = ((const jz_rubric_diff_doc *)doc)->d;
    fprintf(fp, "Differences from `%s` (%s %s) to `%s` (%s %s): %zu.\n\n", a->path, a->id, a->version, b->path,
            b->id, b->version, d->n);
    if (!d->n)
        return;
    fputs("| Change | Subject | Before | After |\n|---|---|---|---|\n", fp);
    for (size_t i = 0; i < d->n; i++) {
        const jz_rdiff *x = &d->v[i];
        const char *row[] = {jz_rdiff_kind_name(x->kind), x->subject[0] ? x->subject : "(rubric)",
                             x->a[0] ? x->a : "—", x->b[0] ? x->b : "—"};
        md_row(fp, row, 4);
    }
}

static void diff_csv(FILE *fp, const void *doc)
{
    const jz_rubric_diff *d = ((const jz_rubric_diff_doc *)doc)->d;
    fputs("kind,subject,before,after\n", fp);
    for (size_t i = 0; i < d->n; i++) {
        const jz_rdiff *x = &d->v[i];
        fprintf(fp, "%s,", jz_rdiff_kind_name(x->kind));
        jz_csv_field(fp, x->subject);
        fputc(',', fp);
        jz_csv_field(fp, x->a);
        fputc(',', fp);
        jz_csv_field(fp, x->b);
        fputc('\n', fp);
    }
}

const jz_writer jz_rubric_diff_writers[] = {
    {"text", diff_text, NULL},
    {"md", diff_md, NULL},
    {"csv", diff_csv, NULL},
    {NULL, NULL, NULL},
};

/* ---- test ---- */

void jz_rubric_test_write(FILE *fp, const jz_rubric_test_report *rep)
{
    for (size_t i = 0; i < rep->n; i++) {
        const jz_rubric_test_case *c = &rep->cases[i];
        if (c->status > JZ_EXIT_FINDINGS) {
            fprintf(fp, "INVALID %s: %s\n", jz_text_show(c->dir), jz_text_show(c->why));
            continue;
        }
        long differ = (long)c->nmismatches;
        /* PASS, FAIL and INVALID stay as they are in every language: scripts look for them */
        fprintf(fp, "%s    %s: ", differ ? "FAIL" : "PASS", jz_text_show(c->dir));
        fprintf(fp, jz_trn("%ld value compared, ", "%ld values compared, ", (unsigned long)c->compared), c->compared);
        fprintf(fp, jz_trn("%ld differs\n", "%ld differ\n", (unsigned long)differ), differ);
        for (size_t k = 0; k < c->nmismatches; k++) {
            const jz_rubric_test_mismatch *m = &c->mismatches[k];
            fprintf(fp, _("        %s: expected %s, got %s\n"), jz_text_show(m->what), jz_text_show(m->want),
                    jz_text_show(m->got));
            if (m->why[0])
                fprintf(fp, "          %s\n", jz_text_show(m->why));
        }
    }
    fprintf(fp, jz_trn("%zu case: %zu passed, %zu failed, %zu invalid\n", "%zu cases: %zu passed, %zu failed, %zu invalid\n",
                       (unsigned long)rep->n), rep->n, rep->passed, rep->failed, rep->invalid);
}
