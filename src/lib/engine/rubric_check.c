/* rubric_check.c — see include/jz/rubric_check.h */
#include "jz/rubric_check.h"
#include "jz/fp.h"
#include "jz/strbuf.h"
#include "jz/text.h"
#include "jz/yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ---- */

char *jz_points_text(int64_t v, char *buf, size_t cap)
{
    return jz_fixed_trim(v, 4, buf, cap);
}

char *jz_percent_text(int64_t v, char *buf, size_t cap)
{
    char t[JZ_FP_BUF];
    if (snprintf(buf, cap, "%s %%", jz_points_text(v * 100, t, sizeof t)) >= (int)cap && cap)
        buf[0] = '\0';
    return buf;
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* An award num/den: "1", "0", "2/3"; a decimal when the fraction does not reduce to a
 * small denominator, so 0.5 and 1/2 read the same. */
static char *award_text(int64_t num, int64_t den, char *buf)
{
    int64_t g = gcd64(num, den);
    if (g > 1)
        num /= g, den /= g;
    if (den == 1)
        snprintf(buf, 32, "%lld", (long long)num);
    else if (den <= 12)
        snprintf(buf, 32, "%lld/%lld", (long long)num, (long long)den);
    else
        jz_points_text(num * JZ_FP / den, buf, sizeof buf);
    return buf;
}

char *jz_target_words(const jz_rtarget *t)
{
    jz_sb b = {0};
    char v[32];
    if (t->kind == JZ_TARGET_NONE)
        jz_sb_add(&b, "none");
    else if (t->kind == JZ_TARGET_CONST)
        jz_sb_add(&b, "%s", jz_points_text(t->value, v, sizeof v));
    else
        jz_sb_add(&b, "contract target_%s", t->column);
    if (t->kind != JZ_TARGET_NONE && t->prorate)
        jz_sb_add(&b, ", pro-rated");
    return jz_sb_done(&b);
}

/* What the scoring's "ratio" is for this indicator. */
static const char *ratio_words(const jz_indicator *ind)
{
    if (ind->target.kind != JZ_TARGET_NONE)
        return "value ÷ target";
    return jz_measure_kind(ind->m.kind)->ratio;
}

char *jz_scoring_words(const jz_indicator *ind)
{
    const jz_scoring *s = &ind->score;
    const char *cmp = s->lower_better ? "≤" : "≥";
    jz_sb b = {0};
    char x[32], y[32], z[32];
    switch (s->method) {
    case JZ_SC_PROPORTIONAL:
        if (s->lower_better)
            jz_sb_add(&b, "proportional, lower is better: points ÷ (%s), at most all", ratio_words(ind));
        else
            jz_sb_add(&b, "proportional: (%s) × points, at most all", ratio_words(ind));
        break;
    case JZ_SC_BANDS:
        jz_sb_add(&b, "bands%s", s->lower_better ? " (lower is better)" : "");
        for (size_t i = 0; i < s->nbands; i++)
            jz_sb_add(&b, "%s %s%s %s", i ? "," : "", cmp, jz_percent_text(s->bands[i].from, x, sizeof x),
                   award_text(s->bands[i].num, s->bands[i].den, y));
        jz_sb_add(&b, ", %s %s", s->lower_better ? "above" : "below", award_text(s->below_num, s->below_den, x));
        break;
    case JZ_SC_EFFICACY:
        jz_sb_add(&b, "efficacy 60 + 40 × (x − %s) ÷ (%s − %s), clamped to [%s, %s]",
               jz_points_text(s->bad, x, sizeof x), jz_points_text(s->good, y, sizeof y), x, jz_points_text(s->clamp_lo, z, sizeof z),
               jz_points_text(s->clamp_hi, (char[32]){0}, 32));
        break;
    case JZ_SC_THRESHOLD:
        if (s->at_value)
            jz_sb_add(&b, "threshold: all the points at a value %s %s, else none", cmp, jz_points_text(s->at, x, sizeof x));
        else
            jz_sb_add(&b, "threshold: all the points at %s %s, else none", cmp, jz_percent_text(s->at, x, sizeof x));
        break;
    case JZ_SC_PIECEWISE:
        jz_sb_add(&b, "piecewise-linear on (%s):", ratio_words(ind));
        for (size_t i = 0; i < s->nbands; i++)
            jz_sb_add(&b, "%s %s -> %s", i ? "," : "", jz_percent_text(s->bands[i].from, x, sizeof x),
                   award_text(s->bands[i].num, s->bands[i].den, y));
        jz_sb_add(&b, "; linear between, the end values beyond");
        break;
    case JZ_SC_DIRECT:
        if (ind->m.kind == JZ_M_ENTERED)
            jz_sb_add(&b, "direct: the evaluators' points");
        else
            jz_sb_add(&b, "direct: (%s) × points, at most all", ratio_words(ind));
        break;
    }
    if (s->lower_better && (s->method == JZ_SC_EFFICACY || s->method == JZ_SC_DIRECT))
        jz_sb_add(&b, " (direction: lower)");
    return jz_sb_done(&b);
}

/* ---- the header in words ---- */

static void condition_words(jz_sb *b, const jz_veto *v);

char *jz_veto_words(const jz_veto *v)
{
    jz_sb b = {0};
    char x[32];
    condition_words(&b, v);
    if (v->cap_total >= 0)
        jz_sb_add(&b, " caps the total at %s", jz_points_text(v->cap_total, x, sizeof x));
    if (v->grade)
        jz_sb_add(&b, "%s grade %s", v->cap_total >= 0 ? " and forces" : " forces", v->grade);
    return jz_sb_done(&b);
}

/* "a finding FIN-VETO", "all of (section professional below 60 %; coverage below 80 %)" */
static void condition_words(jz_sb *bp, const jz_veto *v)
{
    jz_sb b = *bp;
    char x[32];
    switch (v->when) {
    case JZ_V_FINDING: jz_sb_add(&b, "a finding %s", v->code); break;
    case JZ_V_HOURS_BELOW: jz_sb_add(&b, "hours check %s below %s", v->code, jz_percent_text(v->below, x, sizeof x)); break;
    case JZ_V_INDICATOR_BELOW:
        jz_sb_add(&b, "indicator %s earning below %s points", v->code, jz_points_text(v->below, x, sizeof x));
        break;
    case JZ_V_VERIFY_ERRORS:
        jz_sb_add(&b, "a verification error rate whose exact lower bound reaches %s", jz_percent_text(v->below, x, sizeof x));
        break;
    case JZ_V_SECTION_BELOW:
        jz_sb_add(&b, "section %s earning below %s of its applicable points", v->code, jz_percent_text(v->below, x, sizeof x));
        break;
    case JZ_V_VALUE_BELOW:
        jz_sb_add(&b, "indicator %s valued below %s", v->code, jz_points_text(v->below, x, sizeof x));
        break;
    case JZ_V_COVERAGE_BELOW:
        jz_sb_add(&b, "a coverage below %s", jz_percent_text(v->below, x, sizeof x));
        break;
    case JZ_V_ALL:
    case JZ_V_ANY:
        jz_sb_add(&b, "%s of (", v->when == JZ_V_ALL ? "all" : "any");
        for (size_t i = 0; i < v->nsub; i++) {
            if (i)
                jz_sb_add(&b, "; ");
            condition_words(&b, &v->sub[i]);
        }
        jz_sb_add(&b, ")");
        break;
    }
    *bp = b;
}

char *jz_grades_words(const jz_rubric *r)
{
    jz_sb b = {0};
    char x[32];
    for (size_t i = 0; i < r->ngrades; i++)
        jz_sb_add(&b, "%s%s ≥ %s%s", i ? ", " : "", r->grades[i].name, jz_points_text(r->grades[i].min, x, sizeof x),
               r->pass_grade && strcmp(r->pass_grade, r->grades[i].name) == 0 ? " (pass)" : "");
    return jz_sb_done(&b);
}

char *jz_grade_edges(const jz_rubric *r, size_t i)
{
    static const int64_t unit[] = {10000, 1000, 100, 10, 1};
    jz_sb b = {0};
    char lo[32], hi[32];
    int d = r->total_decimals < 0 ? 0 : r->total_decimals > 4 ? 4 : r->total_decimals;
    int64_t top = i == 0 ? r->scale : r->grades[i - 1].min - unit[d];
    if (r->grades[i].min > top)
        jz_sb_add(&b, "never (above %s)", jz_fp_format(top, d, hi, sizeof hi));
    else
        jz_sb_add(&b, "%s – %s", jz_fp_format(r->grades[i].min, d, lo, sizeof lo), jz_fp_format(top, d, hi, sizeof hi));
    return jz_sb_done(&b);
}

char *jz_rounding_words(const jz_rubric *r)
{
    jz_sb b = {0};
    jz_sb_add(&b, "indicators to %d decimal%s, the total to %d decimal%s, half up", r->ind_decimals,
           r->ind_decimals == 1 ? "" : "s", r->total_decimals, r->total_decimals == 1 ? "" : "s");
    return jz_sb_done(&b);
}

char *jz_na_words(const jz_rubric *r)
{
    jz_sb b = {0};
    char y[32];
    if (r->na_reweight)
        jz_sb_add(&b, "re-weight: an indicator that cannot be scored is left out and the rest scaled to the full scale");
    else
        jz_sb_add(&b, "zero: an indicator that cannot be scored earns 0");
    jz_sb_add(&b, "; no grade below %s coverage", jz_percent_text(r->min_coverage, y, sizeof y));
    return jz_sb_done(&b);
}

char *jz_deductions_words(const jz_rubric *r)
{
    jz_sb b = {0};
    char x[32];
    if (r->deduction_cap < 0)
        jz_sb_add(&b, "none: findings are not deducted");
    else
        jz_sb_add(&b, "inspection findings' points, at most %s off the total", jz_points_text(r->deduction_cap, x, sizeof x));
    for (size_t i = 0; r->deduction_cap >= 0 && i < r->nprices; i++) {  /* the rubric's prices by code */
        jz_sb_add(&b, "%s %s %s", i ? "," : "; priced:", r->prices[i].code, jz_points_text(r->prices[i].points, x, sizeof x));
        if (r->prices[i].cap >= 0)
            jz_sb_add(&b, " (at most %s)", jz_points_text(r->prices[i].cap, x, sizeof x));
        const jz_section *sec = r->prices[i].section ? jz_rubric_find_section(r, r->prices[i].section) : NULL;
        if (sec && sec->deduction_cap >= 0)
            jz_sb_add(&b, " (section %s: at most %s)", sec->id, jz_points_text(sec->deduction_cap, x, sizeof x));
        else if (sec)
            jz_sb_add(&b, " (section %s)", sec->id);
    }
    return jz_sb_done(&b);
}

/* ---- lint: positions ---- */

typedef struct pos {
    const char *file;
    const jz_ynode *n;         /* NULL: at `line` (0: the whole file) */
    long line;
} pos;

typedef struct lint {
    const jz_rubric *r;
    const jz_lint_opts *o;
    jz_diag *diag;
    jz_ydoc **docs;            /* one per r->files; NULL when it cannot be read again */
    struct pos *vetoes;        /* where each r->vetoes[i] is written (n NULL: unknown) */
    struct finding *found;     /* held back to be reported in file order */
    size_t nfound;
    long warnings;
} lint;

typedef struct finding {
    jz_severity sev;
    size_t file;               /* index into r->files */
    long line, col, order;
    const char *code;
    char *msg;
} finding;


static const jz_ynode *root_of(const lint *L, size_t fi)
{
    return L->docs[fi] ? L->docs[fi]->root : NULL;
}

static size_t file_index(const lint *L, const char *file)
{
    for (size_t i = 0; i < L->r->nfiles; i++)
        if (L->r->files[i] == file || strcmp(L->r->files[i], file) == 0)
            return i;
    return 0;
}

/* The map that starts on `line` of file fi and has this id. */
static const jz_ynode *map_at(const lint *L, size_t fi, long line, const char *id)
{
    const jz_ydoc *d = L->docs[fi];
    for (size_t i = 0; d && i < d->nall; i++) {
        const jz_ynode *n = d->all[i], *v;
        if (n->kind == JZ_Y_MAP && n->line == line && (v = jz_y_get(n, "id")) && v->kind == JZ_Y_SCALAR &&
            strcmp(v->value, id) == 0)
            return n;
    }
    return NULL;
}

static const jz_ynode *get(const jz_ynode *m, const char *key)
{
    return m && m->kind == JZ_Y_MAP ? jz_y_get(m, key) : NULL;
}

/* A header key: from the first file (the overlay first) that says it. */
static pos header_pos(const lint *L, const char *key)
{
    for (size_t i = 0; i < L->r->nfiles; i++) {
        const jz_ynode *n = get(root_of(L, i), key);
        if (n)
            return (pos){L->r->files[i], n, 0};
    }
    return (pos){L->r->path, NULL, 0};
}

/* A section's key (NULL: the section itself); sections are all in the last file read. */
static pos section_pos(const lint *L, const jz_section *s, const char *key)
{
    size_t fi = L->r->nfiles - 1;
    const jz_ynode *m = map_at(L, fi, s->line, s->id), *v = key ? get(m, key) : NULL;
    return (pos){L->r->files[fi], v ? v : m, s->line};
}

/* An indicator's key: from the override that last changed it, else from its definition;
 * the definition itself when the key is not written. */
static pos ind_pos(const lint *L, const jz_indicator *ind, const char *key)
{
    for (size_t i = 0; key && i + 1 < L->r->nfiles; i++) {
        const jz_ynode *v = get(get(get(root_of(L, i), "override"), ind->id), key);
        if (v)
            return (pos){L->r->files[i], v, 0};
    }
    size_t fi = file_index(L, ind->file);
    const jz_ynode *m = map_at(L, fi, ind->line, ind->id), *v = key ? get(m, key) : NULL;
    return (pos){L->r->files[fi], v ? v : m, ind->line};
}

/* The position of key in the map at p, or p itself when the key is not written. */
static pos key_of(pos p, const char *key)
{
    const jz_ynode *v = get(p.n, key);
    if (v)
        p.n = v;
    return p;
}

/* Vetoes are read base first, then each overlay's, in file order: match them up. */
static void locate_vetoes(lint *L)
{
    const jz_rubric *r = L->r;
    L->vetoes = jz_xcalloc(r->nvetoes ? r->nvetoes : 1, sizeof *L->vetoes);
    size_t k = 0;
    for (size_t i = r->nfiles; i-- > 0;) {
        const jz_ynode *v = get(root_of(L, i), "vetoes");
        for (size_t j = 0; v && v->kind == JZ_Y_SEQ && j < v->n && k < r->nvetoes; j++)
            L->vetoes[k++] = (pos){r->files[i], v->items[j], 0};
    }
    for (size_t i = 0; k != r->nvetoes && i < r->nvetoes; i++)
        L->vetoes[i] = header_pos(L, "vetoes");
}

static void say(lint *L, jz_severity sev, pos p, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void say(lint *L, jz_severity sev, pos p, const char *code, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->found = jz_xrealloc(L->found, (L->nfound + 1) * sizeof *L->found);
    L->found[L->nfound] = (finding){sev, file_index(L, p.file), p.n ? p.n->line : p.line, p.n ? p.n->col : 0,
                                    (long)L->nfound, code, jz_xstrdup(msg)};
    L->nfound++;
    L->warnings += sev == JZ_WARNING;
}

/* The overlay first (files[0]), then what it extends; by line and column in each. */
static int cmp_finding(const void *a, const void *b)
{
    const finding *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static void report(lint *L)
{
    if (L->nfound)
        qsort(L->found, L->nfound, sizeof *L->found, cmp_finding);
    for (size_t i = 0; i < L->nfound; i++) {
        const finding *f = &L->found[i];
        jz_diag_emit(L->diag, f->sev, L->r->files[f->file], f->line, f->col, "", f->code, "%s", f->msg);
        free(f->msg);
    }
    free(L->found);
}

/* ---- lint: checks ---- */

static const char *after_overlay(const lint *L)
{
    static char buf[600];
    if (L->r->nfiles < 2)
        return "";
    snprintf(buf, sizeof buf, " (after the changes in %s)", L->r->files[0]);
    return buf;
}

/* The points a section stands for (stated, else its parts); warns when the parts differ. */
static int64_t check_section(lint *L, const jz_section *s)
{
    if (s->depth > 0 && s->deduction_cap >= 0) {  /* a cap no priced code counts against */
        bool used = false;
        for (size_t i = 0; i < L->r->nprices && !used; i++)
            used = L->r->prices[i].section && strcmp(L->r->prices[i].section, s->id) == 0;
        if (!used)
            say(L, JZ_WARNING, section_pos(L, s, "deduction_cap"), "deduction-cap-unused",
                "section %s has a deduction_cap, but no finding code of deductions.codes counts against it "
                "(give a code section: %s)", s->id, s->id);
    }
    int64_t sum = 0;
    for (size_t i = 0; i < s->nind; i++)
        sum += s->ind[i].points;
    for (size_t i = 0; i < s->nsubs; i++)
        sum += check_section(L, &s->subs[i]);
    if (s->depth == 0 || s->points < 0 || sum == s->points)
        return s->depth == 0 || s->points < 0 ? sum : s->points;
    char a[32], b[32];
    const char *parts = s->nsubs && s->nind ? "sections and indicators" : s->nsubs ? "sections" : "indicators";
    say(L, JZ_WARNING, section_pos(L, s, "points"), "section-sum",
        "section %s states %s points, but its %s add up to %s%s", s->id, jz_points_text(s->points, a, sizeof a), parts,
        jz_points_text(sum, b, sizeof b), after_overlay(L));
    return s->points;
}

static void check_total(lint *L)
{
    int64_t sum = check_section(L, &L->r->root);
    if (sum == L->r->scale)
        return;
    char a[32], b[32];
    pos p = header_pos(L, "scale");
    say(L, JZ_WARNING, p.n ? p : header_pos(L, "sections"), "total-sum",
        "the top sections add up to %s points, but the scale is %s%s", jz_points_text(sum, a, sizeof a),
        jz_points_text(L->r->scale, b, sizeof b), after_overlay(L));
}

static void check_grades(lint *L)
{
    const jz_rubric *r = L->r;
    pos g = header_pos(L, "grades");
    char a[32], b[32];
    for (size_t i = 0; i < r->ngrades; i++) {
        if (r->grades[i].min <= r->scale)
            continue;
        const jz_ynode *item = g.n && g.n->kind == JZ_Y_SEQ && i < g.n->n ? g.n->items[i] : NULL;
        const jz_ynode *min = get(item, "min");
        say(L, JZ_WARNING, (pos){g.file, min ? min : item ? item : g.n, 0}, "grade-unreachable",
            "grade %s needs %s points, above the scale of %s: no total can reach it", r->grades[i].name,
            jz_points_text(r->grades[i].min, a, sizeof a), jz_points_text(r->scale, b, sizeof b));
    }
    if (!r->lang)
        say(L, JZ_NOTE, header_pos(L, "id"), "no-lang",
            "no lang (zh or en) given: reports of this rubric's results follow the reader's locale");
    if (r->ngrades && strcmp(r->pass_grade, r->grades[r->ngrades - 1].name) == 0)
        say(L, JZ_WARNING, header_pos(L, "pass_grade"), "pass-grade-lowest",
            "pass_grade %s is the lowest grade: every centre passes, whatever its total", r->pass_grade);
}

static void check_column(lint *L, const jz_indicator *ind)
{
    const jz_lint_opts *o = L->o;
    if (!o || !o->columns || ind->target.kind != JZ_TARGET_CONTRACT)
        return;
    const char *best = NULL;
    int dist = 3;
    for (size_t i = 0; i < o->ncolumns; i++) {
        if (strcmp(o->columns[i], ind->target.column) == 0)
            return;
        int d = jz_text_distance(o->columns[i], ind->target.column);
        if (d < dist)
            dist = d, best = o->columns[i];
    }
    pos p = ind_pos(L, ind, "target");
    const jz_ynode *c = get(p.n, "contract");
    if (c)
        p.n = c;
    char hint[300] = "", have[400] = "";
    if (best)
        snprintf(hint, sizeof hint, ": did you mean target_%s?", best);
    size_t n = 0;
    for (size_t i = 0; i < o->ncolumns && n < sizeof have; i++)
        n += (size_t)snprintf(have + n, sizeof have - n, "%starget_%s", i ? ", " : "", o->columns[i]);
    say(L, JZ_WARNING, p, "unknown-column",
        "indicator %s: its target names column target_%s, which %s does not have (it has %s)%s%s", ind->id,
        ind->target.column, o->contracts ? o->contracts : "the contracts file", o->ncolumns ? have : "no target_ columns",
        hint, best ? "" : ": every centre would be n/a on it");
}

static int frac_cmp(int64_t n1, int64_t d1, int64_t n2, int64_t d2)
{
    __int128 x = (__int128)n1 * d2, y = (__int128)n2 * d1;
    return (x > y) - (x < y);
}

/* Step k of a band scoring from the best ratio to the worst: the bands in the order they
 * reward (higher is better: from the highest threshold down; lower is better: from the
 * lowest up), then what is left ("below" or "above" them). */
static void band_step(const jz_scoring *s, size_t k, int64_t *num, int64_t *den, long *band)
{
    size_t n = s->nbands;
    *band = k == n ? -1 : (long)(s->lower_better ? n - 1 - k : k);
    *num = *band < 0 ? s->below_num : s->bands[*band].num;
    *den = *band < 0 ? s->below_den : s->bands[*band].den;
}

static void band_label(const jz_scoring *s, long band, char *buf)
{
    char p[32];
    if (band < 0)
        snprintf(buf, 48, "%s the bands", s->lower_better ? "above" : "below");
    else
        snprintf(buf, 48, "band %s%s", s->lower_better ? "≤" : "≥", jz_percent_text(s->bands[band].from, p, sizeof p));
}

/* Awards must not rise as the ratio gets worse (the threshold falls, or rises when lower
 * is better). */
static void check_bands(lint *L, const jz_indicator *ind)
{
    const jz_scoring *s = &ind->score;
    for (size_t k = 0; s->method == JZ_SC_BANDS && k < s->nbands; k++) {
        int64_t n1, d1, n2, d2;
        long better, worse;
        band_step(s, k, &n1, &d1, &better);
        band_step(s, k + 1, &n2, &d2, &worse);
        if (frac_cmp(n2, d2, n1, d1) <= 0)
            continue;
        pos p = ind_pos(L, ind, "score");
        const jz_ynode *bands = get(p.n, "bands"), *at = worse < 0 ? get(p.n, "below") : NULL;
        if (worse >= 0 && bands && bands->kind == JZ_Y_SEQ && (size_t)worse < bands->n)
            at = bands->items[worse];
        if (at)
            p.n = at;
        char a[32], b[32], lw[48], lb[48];
        band_label(s, worse, lw);
        band_label(s, better, lb);
        say(L, JZ_WARNING, p, "bands-rising", "indicator %s: %s awards %s, more than %s's %s: awards should not "
            "rise as the %s", ind->id, lw, award_text(n2, d2, a), lb, award_text(n1, d1, b),
            s->lower_better ? "ratio rises (lower is better)" : "threshold falls");
        return;
    }
}

/* Only record measures filter records: a where on the others is read and then unused. */
static void check_where(lint *L, const jz_indicator *ind)
{
    jz_mkind k = ind->m.kind;
    if (ind->m.where.any || (jz_measure_kind(k)->flags & JZ_MK_RECORDS))
        return;
    pos p = ind_pos(L, ind, "measure");
    if (get(p.n, "where"))
        p.n = get(p.n, "where");
    say(L, JZ_WARNING, p, "where-ignored", "indicator %s: %s measure does not filter records, so this where "
        "is ignored%s", ind->id, jz_measure_kind(k)->article, k == JZ_M_RATIO ? " (put it in num: and den:)" : "");
}

static void check_indicator(void *ctx, const jz_section *sec, const jz_indicator *ind)
{
    lint *L = ctx;
    (void)sec;
    if (ind->party == JZ_PARTY_NONE)
        say(L, JZ_WARNING, ind_pos(L, ind, "party"), "no-party",
            "indicator %s has party none: no party scores it", ind->id);
    if (ind->m.kind == JZ_M_ENTERED && ind->m.tolerance < 0)
        say(L, JZ_NOTE, ind_pos(L, ind, "measure"), "no-tolerance",
            "indicator %s is entered by evaluators but has no tolerance: their disagreements are not flagged", ind->id);
    check_bands(L, ind);
    check_column(L, ind);
    check_where(L, ind);
}

/* The least an indicator can earn (FP points), whatever the records say. */
static int64_t least_earned(const jz_indicator *ind)
{
    const jz_scoring *s = &ind->score;
    int64_t num = 0, den = 1;
    if (s->method == JZ_SC_BANDS) {
        num = s->below_num, den = s->below_den;
        for (size_t i = 0; i < s->nbands; i++)
            if (frac_cmp(s->bands[i].num, s->bands[i].den, num, den) < 0)
                num = s->bands[i].num, den = s->bands[i].den;
    } else if (s->method == JZ_SC_PIECEWISE) {
        num = s->bands[0].num, den = s->bands[0].den;
        for (size_t i = 1; i < s->nbands; i++)
            if (frac_cmp(s->bands[i].num, s->bands[i].den, num, den) < 0)
                num = s->bands[i].num, den = s->bands[i].den;
    } else if (s->method == JZ_SC_EFFICACY && s->clamp_lo > 0) {
        num = s->clamp_lo, den = 100 * JZ_FP;
    }
    return (int64_t)((__int128)ind->points * num / den);
}

static void check_veto(lint *L, size_t vi)
{
    const jz_veto *v = &L->r->vetoes[vi];
    pos p = L->vetoes[vi];
    char a[32], b[32];
    if (v->when == JZ_V_HOURS_BELOW && v->below <= 0) {
        say(L, JZ_WARNING, key_of(p, "below"), "veto-never",
            "veto %s triggers below %s of %s, and no check is below that: it can never trigger", v->id,
            jz_percent_text(v->below, a, sizeof a), v->code);
    } else if (v->when == JZ_V_INDICATOR_BELOW) {
        const jz_indicator *ind = jz_rubric_find(L->r, v->code);
        pos q = key_of(p, "below");
        int64_t least = ind ? least_earned(ind) : 0;
        if (ind && v->below <= least)
            say(L, JZ_WARNING, q, "veto-never", "veto %s triggers when %s earns below %s points, but it earns at "
                "least %s: it can never trigger", v->id, v->code, jz_points_text(v->below, a, sizeof a), jz_points_text(least, b, sizeof b));
        else if (ind && v->below > ind->points)
            say(L, JZ_WARNING, q, "veto-always", "veto %s triggers when %s earns below %s points, more than its %s "
                "points: it triggers whenever the indicator is scored", v->id, v->code, jz_points_text(v->below, a, sizeof a),
                jz_points_text(ind->points, b, sizeof b));
    }
    if ((v->when == JZ_V_SECTION_BELOW || v->when == JZ_V_COVERAGE_BELOW) && v->below <= 0)
        say(L, JZ_WARNING, key_of(p, v->when == JZ_V_SECTION_BELOW ? "below" : "coverage_below"), "veto-never",
            "veto %s triggers below %s, and no %s is below that: it can never trigger", v->id,
            jz_percent_text(v->below, a, sizeof a), v->when == JZ_V_SECTION_BELOW ? "section's share" : "coverage");
    if (!v->grade && v->cap_total >= L->r->scale)
        say(L, JZ_WARNING, key_of(p, "cap_total"), "veto-never",
            "veto %s caps the total at %s, not below the scale of %s, and forces no grade: it never changes a result",
            v->id, jz_points_text(v->cap_total, a, sizeof a), jz_points_text(L->r->scale, b, sizeof b));
}

/* Lint r; text (len bytes, or NULL) is what r->files[0] was parsed from, parsed again for
 * its positions instead of reading that file. */
static long lint_rubric(const jz_rubric *r, const char *text, size_t len, const jz_lint_opts *o, jz_diag *diag)
{
    lint L = {r, o, diag, NULL, NULL, NULL, 0, 0};
    L.docs = jz_xcalloc(r->nfiles ? r->nfiles : 1, sizeof *L.docs);
    for (size_t i = 0; i < r->nfiles; i++) {
        jz_error err;   /* a file that cannot be read again gives no positions, not an error */
        if (i == 0 && text)
            L.docs[i] = jz_yaml_parse(text, len, r->files[i], &err);
        else if (strcmp(r->files[i], "-") != 0)   /* standard input is read once */
            L.docs[i] = jz_yaml_load(r->files[i], &err);
    }
    locate_vetoes(&L);
    check_total(&L);
    check_grades(&L);
    for (size_t i = 0; i < r->nvetoes; i++)
        check_veto(&L, i);
    jz_rubric_each(r, check_indicator, &L);
    report(&L);
    for (size_t i = 0; i < r->nfiles; i++)
        jz_yaml_free(L.docs[i]);
    free(L.docs);
    free(L.vetoes);
    return L.warnings;
}

long jz_rubric_lint(const jz_rubric *r, const jz_lint_opts *o, jz_diag *diag)
{
    return lint_rubric(r, NULL, 0, o, diag);
}

long jz_rubric_lint_buffer(const jz_rubric *r, const char *text, size_t len, const jz_lint_opts *o, jz_diag *diag)
{
    return lint_rubric(r, text ? text : "", len, o, diag);
}

static void check_column_only(void *ctx, const jz_section *sec, const jz_indicator *ind)
{
    (void)sec;
    check_column(ctx, ind);
}

long jz_rubric_check_scoring(const jz_rubric *r, const jz_lint_opts *o, jz_diag *diag)
{
    lint L = {r, o, diag, NULL, NULL, NULL, 0, 0};
    L.docs = jz_xcalloc(r->nfiles ? r->nfiles : 1, sizeof *L.docs);
    for (size_t i = 0; i < r->nfiles; i++) {
        jz_error err;
        if (strcmp(r->files[i], "-") != 0)
            L.docs[i] = jz_yaml_load(r->files[i], &err);
    }
    check_total(&L);
    jz_rubric_each(r, check_column_only, &L);
    report(&L);
    for (size_t i = 0; i < r->nfiles; i++)
        jz_yaml_free(L.docs[i]);
    free(L.docs);
    return L.warnings;
}

/* ---- diff ---- */

const char *jz_rdiff_kind_name(jz_rdiff_kind k)
{
    static const char *const names[] = {"scale", "rounding", "grades", "pass-grade", "not-applicable",
                                        "deductions", "veto-added", "veto-removed", "veto-changed",
                                        "section-added", "section-removed", "section-points",
                                        "added", "removed", "points", "party", "section", "measure",
                                        "target", "scoring", "section-rules", "title"};
    return names[k];
}

char *jz_section_rules_words(const jz_section *s)
{
    jz_sb b = {0};
    char x[32];
    const char *sep = "";
    if (s->cap >= 0)
        jz_sb_add(&b, "cap %s", jz_points_text(s->cap, x, sizeof x)), sep = "; ";
    if (s->min_share >= 0)
        jz_sb_add(&b, "%sminimum %s or at most %s", sep, jz_percent_text(s->min_share, x, sizeof x), s->min_grade), sep = "; ";
    if (s->deduction_cap >= 0)
        jz_sb_add(&b, "%sdeductions at most %s", sep, jz_points_text(s->deduction_cap, x, sizeof x));
    if (!b.n)
        jz_sb_add(&b, "none");
    return jz_sb_done(&b);
}

/* Takes a and b (malloc'd, or NULL for ""). */
static void add_diff(jz_rubric_diff *d, jz_rdiff_kind kind, const char *subject, char *a, char *b)
{
    d->v = jz_xrealloc(d->v, (d->n + 1) * sizeof *d->v);
    d->v[d->n++] = (jz_rdiff){kind, jz_xstrdup(subject), a ? a : jz_xstrdup(""), b ? b : jz_xstrdup("")};
}

/* Adds a difference when the words differ; frees them otherwise. */
static void differ(jz_rubric_diff *d, jz_rdiff_kind kind, const char *subject, char *a, char *b)
{
    if (strcmp(a, b) != 0) {
        add_diff(d, kind, subject, a, b);
        return;
    }
    free(a);
    free(b);
}

static char *strf(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *strf(const char *f, ...)
{
    char buf[600];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return jz_xstrdup(buf);
}

static void diff_header(const jz_rubric *a, const jz_rubric *b, jz_rubric_diff *d)
{
    char x[32], y[32];
    if (a->scale != b->scale)
        add_diff(d, JZ_RD_SCALE, "", jz_xstrdup(jz_points_text(a->scale, x, sizeof x)), jz_xstrdup(jz_points_text(b->scale, y, sizeof y)));
    differ(d, JZ_RD_ROUNDING, "", jz_rounding_words(a), jz_rounding_words(b));
    char *ga = jz_grades_words(a), *gb = jz_grades_words(b);
    /* the pass mark is its own difference: compare the grades without it */
    jz_rubric a2 = *a, b2 = *b;
    a2.pass_grade = b2.pass_grade = NULL;
    char *ga2 = jz_grades_words(&a2), *gb2 = jz_grades_words(&b2);
    if (strcmp(ga2, gb2) != 0)
        add_diff(d, JZ_RD_GRADES, "", ga, gb);
    else
        free(ga), free(gb);
    free(ga2);
    free(gb2);
    differ(d, JZ_RD_PASS_GRADE, "", jz_xstrdup(a->pass_grade), jz_xstrdup(b->pass_grade));
    differ(d, JZ_RD_NOT_APPLICABLE, "", jz_na_words(a), jz_na_words(b));
    differ(d, JZ_RD_DEDUCTIONS, "", jz_deductions_words(a), jz_deductions_words(b));
}

static const jz_veto *veto_by_id(const jz_rubric *r, const char *id)
{
    for (size_t i = 0; i < r->nvetoes; i++)
        if (strcmp(r->vetoes[i].id, id) == 0)
            return &r->vetoes[i];
    return NULL;
}

static void diff_vetoes(const jz_rubric *a, const jz_rubric *b, jz_rubric_diff *d)
{
    for (size_t i = 0; i < a->nvetoes; i++) {
        const jz_veto *va = &a->vetoes[i], *vb = veto_by_id(b, va->id);
        if (!vb)
            add_diff(d, JZ_RD_VETO_REMOVED, va->id, jz_veto_words(va), NULL);
        else
            differ(d, JZ_RD_VETO_CHANGED, va->id, jz_veto_words(va), jz_veto_words(vb));
    }
    for (size_t i = 0; i < b->nvetoes; i++)
        if (!veto_by_id(a, b->vetoes[i].id))
            add_diff(d, JZ_RD_VETO_ADDED, b->vetoes[i].id, NULL, jz_veto_words(&b->vetoes[i]));
}

/* Every section and indicator of a rubric in order, with its path of section ids. */
typedef struct entry {
    const jz_section *sec;        /* the section, or the indicator's section */
    const jz_indicator *ind;      /* NULL for a section */
    char path[400];
} entry;

typedef struct entries {
    entry *v;
    size_t n;
} entries;

static void flatten(const jz_section *s, const char *path, entries *e)
{
    char here[400];
    if (s->depth == 0)
        here[0] = '\0';
    else
        snprintf(here, sizeof here, "%s%s%s", path, path[0] ? "/" : "", s->id);
    if (s->depth > 0) {
        e->v = jz_xrealloc(e->v, (e->n + 1) * sizeof *e->v);
        e->v[e->n] = (entry){s, NULL, ""};
        snprintf(e->v[e->n++].path, sizeof e->v[0].path, "%s", here);
    }
    for (size_t i = 0; i < s->nind; i++) {
        e->v = jz_xrealloc(e->v, (e->n + 1) * sizeof *e->v);
        e->v[e->n] = (entry){s, &s->ind[i], ""};
        snprintf(e->v[e->n++].path, sizeof e->v[0].path, "%s", here);
    }
    for (size_t i = 0; i < s->nsubs; i++)
        flatten(&s->subs[i], here, e);
}

static const entry *find_entry(const entries *e, const entry *like)
{
    for (size_t i = 0; i < e->n; i++) {
        const entry *x = &e->v[i];
        if (!x->ind != !like->ind)
            continue;
        if (x->ind ? strcmp(x->ind->id, like->ind->id) == 0 : strcmp(x->sec->id, like->sec->id) == 0)
            return x;
    }
    return NULL;
}

static char *placed(const entry *e)
{
    char p[32];
    return strf("%s points in %s", jz_points_text(e->ind ? e->ind->points : e->sec->points, p, sizeof p), e->path);
}

static void diff_indicator(const entry *x, const entry *y, jz_rubric_diff *d)
{
    const jz_indicator *a = x->ind, *b = y->ind;
    char p[32], q[32];
    if (a->points != b->points)
        add_diff(d, JZ_RD_POINTS, a->id, jz_xstrdup(jz_points_text(a->points, p, sizeof p)),
                 jz_xstrdup(jz_points_text(b->points, q, sizeof q)));
    differ(d, JZ_RD_PARTY, a->id, jz_xstrdup(jz_party_name(a->party)), jz_xstrdup(jz_party_name(b->party)));
    differ(d, JZ_RD_SECTION, a->id, jz_xstrdup(x->path), jz_xstrdup(y->path));
    differ(d, JZ_RD_MEASURE, a->id, jz_measure_words(&a->m), jz_measure_words(&b->m));
    differ(d, JZ_RD_TARGET, a->id, jz_target_words(&a->target), jz_target_words(&b->target));
    differ(d, JZ_RD_SCORING, a->id, jz_scoring_words(a), jz_scoring_words(b));
    differ(d, JZ_RD_TITLE, a->id, jz_xstrdup(a->title ? a->title : a->id), jz_xstrdup(b->title ? b->title : b->id));
}

static void diff_tree(const jz_rubric *ra, const jz_rubric *rb, jz_rubric_diff *d, bool sections)
{
    entries ea = {0}, eb = {0};
    flatten(&ra->root, "", &ea);
    flatten(&rb->root, "", &eb);
    char p[32], q[32];
    for (size_t i = 0; i < ea.n; i++) {
        const entry *x = &ea.v[i], *y = find_entry(&eb, x);
        if (sections == !!x->ind)
            continue;
        if (!y)
            add_diff(d, x->ind ? JZ_RD_REMOVED : JZ_RD_SECTION_REMOVED, x->ind ? x->ind->id : x->sec->id,
                     placed(x), NULL);
        else if (x->ind)
            diff_indicator(x, y, d);
        else {
            if (x->sec->points != y->sec->points)
                add_diff(d, JZ_RD_SECTION_POINTS, x->sec->id,
                         jz_xstrdup(x->sec->points < 0 ? "not stated" : jz_points_text(x->sec->points, p, sizeof p)),
                         jz_xstrdup(y->sec->points < 0 ? "not stated" : jz_points_text(y->sec->points, q, sizeof q)));
            differ(d, JZ_RD_SECTION_RULES, x->sec->id, jz_section_rules_words(x->sec), jz_section_rules_words(y->sec));
            differ(d, JZ_RD_TITLE, x->sec->id, jz_xstrdup(x->sec->title ? x->sec->title : x->sec->id),
                   jz_xstrdup(y->sec->title ? y->sec->title : y->sec->id));
        }
    }
    for (size_t i = 0; i < eb.n; i++) {
        const entry *y = &eb.v[i];
        if (sections != !y->ind || find_entry(&ea, y))
            continue;
        add_diff(d, y->ind ? JZ_RD_ADDED : JZ_RD_SECTION_ADDED, y->ind ? y->ind->id : y->sec->id, NULL, placed(y));
    }
    free(ea.v);
    free(eb.v);
}

void jz_rubric_diff_make(const jz_rubric *a, const jz_rubric *b, jz_rubric_diff *out)
{
    memset(out, 0, sizeof *out);
    diff_header(a, b, out);
    diff_vetoes(a, b, out);
    diff_tree(a, b, out, true);
    diff_tree(a, b, out, false);
}

void jz_rubric_diff_free(jz_rubric_diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].subject);
        free(d->v[i].a);
        free(d->v[i].b);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}
