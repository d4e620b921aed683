/* result_diff.c — see include/jz/result_diff.h */
#include "jz/result_diff.h"
#include "jz/i18n.h"
#include "jz/rubric.h"

#include <stdlib.h>
#include <string.h>

const char *const jz_why_names[JZ_WHY_N] = {"as-of", "rubric", "records", "contracts", "roster", "scores",
                                            "survey", "findings", "rules", "calendar", "tool", "unexplained"};
/* N_: the text diff shows them in the user's language (diff_write_text.c). */
const char *const jz_why_words[JZ_WHY_N] = {
    N_("the as-of date"), N_("the rubric"),   N_("the records"),        N_("the contracts"), N_("the roster"),
    N_("the scores"),     N_("the survey"),   N_("the findings"),       N_("the contract rules"),
    N_("the calendar"),   N_("the jz-score version"), N_("nothing recorded explains it")};

/* The input roles of a result and the cause each stands for. */
static const struct {
    const char *role;
    unsigned why;
} ROLES[] = {{"records", JZ_WHY_RECORDS}, {"contracts", JZ_WHY_CONTRACTS}, {"roster", JZ_WHY_ROSTER},
             {"scores", JZ_WHY_SCORES},   {"survey", JZ_WHY_SURVEY},       {"findings", JZ_WHY_FINDINGS},
             {"rules", JZ_WHY_RULES},     {"calendar", JZ_WHY_CALENDAR}};

/* What can move a target: the contract's column, pro-rating to the as-of date by the rules'
 * method on the calendar, and the rubric's target itself. */
enum { TARGET_WHY = JZ_WHY_CONTRACTS | JZ_WHY_AS_OF | JZ_WHY_RULES | JZ_WHY_CALENDAR | JZ_WHY_RUBRIC };
/* What can move a deduction or veto: the findings, the rubric's prices and vetoes, and the
 * hours a veto may test. */
enum { APPLIED_WHY = JZ_WHY_FINDINGS | JZ_WHY_RUBRIC | JZ_WHY_RECORDS | JZ_WHY_ROSTER | JZ_WHY_CONTRACTS |
                     JZ_WHY_AS_OF | JZ_WHY_RULES | JZ_WHY_CALENDAR };

/* ---- numbers ---- */

static int decimals_of(const char *s)
{
    const char *p = strchr(s, '.');
    return p ? (int)strlen(p + 1) : 0;
}

static jz_dnum dnum(const jz_rnum *a, const jz_rnum *b)
{
    jz_dnum n = {a && a->text[0], b && b->text[0], 0, 0, 0};
    if (n.has_a)
        n.a = a->fp, n.decimals = decimals_of(a->text);
    if (n.has_b) {
        n.b = b->fp;
        if (decimals_of(b->text) > n.decimals)
            n.decimals = decimals_of(b->text);
    }
    return n;
}

static jz_dnum dcount(const jz_rcentre *a, const jz_rcentre *b)
{
    jz_dnum n = {a && a->records >= 0, b && b->records >= 0, 0, 0, 0};
    if (n.has_a)
        n.a = (int64_t)a->records * 10000;
    if (n.has_b)
        n.b = (int64_t)b->records * 10000;
    return n;
}

/* The share of its points an indicator earned: the result's own fraction when it records
 * one, else earned / possible to 4 decimals, half away from zero. */
static bool fraction_of(const jz_rind *i, int64_t *out)
{
    if (!i)
        return false;
    if (i->fraction.text[0]) {
        *out = i->fraction.fp;
        return true;
    }
    if (!i->earned.text[0] || !i->possible.text[0] || i->possible.fp <= 0)
        return false;
    int64_t e = i->earned.fp < 0 ? -i->earned.fp : i->earned.fp;
    int64_t f = (e * 10000 * 2 + i->possible.fp) / (2 * i->possible.fp);
    *out = i->earned.fp < 0 ? -f : f;
    return true;
}

static jz_dnum dfraction(const jz_rind *a, const jz_rind *b)
{
    jz_dnum n = {false, false, 0, 0, 4};
    n.has_a = fraction_of(a, &n.a);
    n.has_b = fraction_of(b, &n.b);
    return n;
}

bool jz_dnum_changed(const jz_dnum *n)
{
    return n->has_a != n->has_b || (n->has_a && n->a != n->b);
}

/* v (x 10000) with `decimals` decimals, rounded half away from zero; a sign when `sign`. */
static char *fixed(int64_t v, int decimals, bool sign, char *buf, size_t cap)
{
    int64_t scale = 1;
    for (int k = decimals; k < 4; k++)
        scale *= 10;
    int64_t a = v < 0 ? -v : v, r = (a + scale / 2) / scale;
    int64_t unit = 1;
    for (int k = 0; k < (decimals < 4 ? decimals : 4); k++)
        unit *= 10;
    const char *s = v < 0 && r ? "-" : sign && r ? "+" : "";
    if (decimals > 0)
        snprintf(buf, cap, "%s%lld.%0*lld", s, (long long)(r / unit), decimals < 4 ? decimals : 4,
                 (long long)(r % unit));
    else
        snprintf(buf, cap, "%s%lld", s, (long long)r);
    return buf;
}

char *jz_dnum_format(const jz_dnum *n, char which, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (which == 'a' && n->has_a)
        return fixed(n->a, n->decimals, false, buf, cap);
    if (which == 'b' && n->has_b)
        return fixed(n->b, n->decimals, false, buf, cap);
    if (which == 'd' && n->has_a && n->has_b)
        return fixed(n->b - n->a, n->decimals, true, buf, cap);
    return buf;
}

/* ---- names ---- */

char *jz_why_format(unsigned why, bool words, const char *sep, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < JZ_WHY_N; k++)
        if (why & (1u << k) && len < cap) {
            int n = snprintf(buf + len, cap - len, "%s%s", len ? sep : "", words ? jz_why_words[k] : jz_why_names[k]);
            len += n > 0 ? (size_t)n : 0;
        }
    return buf;
}

char *jz_defs_format(unsigned defs, char *buf, size_t cap)
{
    static const char *const names[] = {"points", "method", "measure", "section", "title", "party"};
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (defs & (1u << k) && len < cap) {
            int n = snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", names[k]);
            len += n > 0 ? (size_t)n : 0;
        }
    return buf;
}

char *jz_defs_detail(const jz_rind *a, const jz_rind *b, unsigned defs, char *buf, size_t cap)
{
    struct {
        unsigned bit;
        const char *name, *x, *y;
    } parts[] = {{JZ_DEF_POINTS, "points", a->possible.text, b->possible.text},
                 {JZ_DEF_METHOD, "method", a->method, b->method},
                 {JZ_DEF_MEASURE, "measure", a->measure, b->measure},
                 {JZ_DEF_SECTION, "section", a->section, b->section},
                 {JZ_DEF_PARTY, "party", a->party, b->party},
                 {JZ_DEF_TITLE, "title", NULL, NULL}};
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        if (!(defs & parts[k].bit) || len >= cap)
            continue;
        int n = parts[k].x ? snprintf(buf + len, cap - len, "%s%s %s -> %s", len ? "; " : "", parts[k].name,
                                      parts[k].x[0] ? parts[k].x : "none", parts[k].y[0] ? parts[k].y : "none")
                           : snprintf(buf + len, cap - len, "%s%s", len ? "; " : "", parts[k].name);
        len += n > 0 ? (size_t)n : 0;
    }
    return buf;
}

const char *jz_dstate_name(jz_dstate s)
{
    static const char *const names[] = {"same", "changed", "added", "removed"};
    return names[s];
}

const char *jz_dprov_name(jz_dprov p)
{
    static const char *const names[] = {"same", "changed", "not recorded"};
    return names[p];
}

/* ---- provenance ---- */

static unsigned role_why(const char *role)
{
    for (size_t k = 0; k < sizeof ROLES / sizeof ROLES[0]; k++)
        if (strcmp(ROLES[k].role, role) == 0)
            return ROLES[k].why;
    return 0;
}

static bool same_sha(const char *x, const char *y)
{
    return x[0] && y[0] && strcmp(x, y) == 0;
}

static void add_input(jz_result_diff *d, const jz_rfile *fa, size_t ia, const jz_rfile *fb, size_t ib)
{
    jz_dinput *in = &d->inputs[d->ninputs++];
    memset(in, 0, sizeof *in);
    in->role = fb ? fb->input_roles[ib] : fa->input_roles[ia];
    in->file_a = fa ? fa->input_files[ia] : NULL;
    in->sha_a = fa ? fa->input_sha256[ia] : "";
    in->file_b = fb ? fb->input_files[ib] : NULL;
    in->sha_b = fb ? fb->input_sha256[ib] : "";
    in->state = !fa ? JZ_D_ADDED : !fb ? JZ_D_REMOVED : same_sha(in->sha_a, in->sha_b) ? JZ_D_SAME : JZ_D_CHANGED;
    if (in->state != JZ_D_SAME)
        d->roles_changed |= role_why(in->role);
    if (!in->sha_a[0] && fa)
        d->roles_unknown |= role_why(in->role);
    if (!in->sha_b[0] && fb)
        d->roles_unknown |= role_why(in->role);
}

/* Pair the inputs: same role and same bytes (a renamed file is the same), then same role
 * and same name (other bytes: changed); the rest were added or removed. */
static void diff_inputs(jz_result_diff *d)
{
    const jz_rfile *fa = d->fa, *fb = d->fb;
    size_t *pair = jz_xcalloc(fb->ninputs + 1, sizeof *pair);   /* index in A + 1, 0 none */
    bool *used = jz_xcalloc(fa->ninputs + 1, sizeof *used);
    for (int pass = 0; pass < 2; pass++)
        for (size_t j = 0; j < fb->ninputs; j++)
            for (size_t i = 0; i < fa->ninputs && !pair[j]; i++) {
                if (used[i] || strcmp(fa->input_roles[i], fb->input_roles[j]) != 0)
                    continue;
                if (pass == 0 ? same_sha(fa->input_sha256[i], fb->input_sha256[j])
                              : strcmp(fa->input_files[i], fb->input_files[j]) == 0)
                    pair[j] = i + 1, used[i] = true;
            }
    d->inputs = jz_xcalloc(fa->ninputs + fb->ninputs + 1, sizeof *d->inputs);
    for (size_t j = 0; j < fb->ninputs; j++)
        add_input(d, pair[j] ? fa : NULL, pair[j] ? pair[j] - 1 : 0, fb, j);
    for (size_t i = 0; i < fa->ninputs; i++)
        if (!used[i])
            add_input(d, fa, i, NULL, 0);
    free(pair);
    free(used);
}

static void diff_provenance(jz_result_diff *d)
{
    const jz_rfile *fa = d->fa, *fb = d->fb;
    d->rubric_changed = strcmp(fa->rubric_id, fb->rubric_id) || strcmp(fa->rubric_version, fb->rubric_version) ||
                        strcmp(fa->rubric_sha256, fb->rubric_sha256);
    d->scale_changed = fa->scale.fp != fb->scale.fp;
    d->grades_changed = fa->ngrades != fb->ngrades || strcmp(fa->pass_grade, fb->pass_grade) != 0;
    for (size_t g = 0; !d->grades_changed && g < fa->ngrades; g++)
        d->grades_changed = strcmp(fa->grades[g].name, fb->grades[g].name) || fa->grades[g].min.fp != fb->grades[g].min.fp;
    d->tool_changed = strcmp(fa->tool, fb->tool) != 0;
    diff_inputs(d);
    /* the rules: their id and version are always recorded, their sha256 since results record
       it (in "rules" or as an input of role "rules") */
    if (strcmp(fa->rules_id, fb->rules_id) || strcmp(fa->rules_version, fb->rules_version))
        d->rules = JZ_P_CHANGED;
    else if (fa->rules_sha256[0] && fb->rules_sha256[0])
        d->rules = strcmp(fa->rules_sha256, fb->rules_sha256) ? JZ_P_CHANGED : JZ_P_SAME;
    else
        d->rules = JZ_P_NOT_RECORDED;
    if (fa->calendar_sha256[0] && fb->calendar_sha256[0])
        d->calendar = strcmp(fa->calendar_sha256, fb->calendar_sha256) ? JZ_P_CHANGED : JZ_P_SAME;
    else
        d->calendar = JZ_P_NOT_RECORDED;
    d->rules_sha[0] = fa->rules_sha256, d->rules_sha[1] = fb->rules_sha256;
    d->calendar_sha[0] = fa->calendar_sha256, d->calendar_sha[1] = fb->calendar_sha256;
    for (size_t k = 0; k < d->ninputs; k++) {  /* listed as inputs: hashed there */
        const jz_dinput *in = &d->inputs[k];
        bool rules = strcmp(in->role, "rules") == 0;
        if (!rules && strcmp(in->role, "calendar") != 0)
            continue;
        jz_dprov *p = rules ? &d->rules : &d->calendar;
        const char **sha = rules ? d->rules_sha : d->calendar_sha;
        if (!sha[0][0] && in->file_a)
            sha[0] = in->sha_a;
        if (!sha[1][0] && in->file_b)
            sha[1] = in->sha_b;
        if (*p != JZ_P_CHANGED)
            *p = !sha[0][0] || !sha[1][0] ? JZ_P_NOT_RECORDED : strcmp(sha[0], sha[1]) ? JZ_P_CHANGED : JZ_P_SAME;
    }
    /* recorded on one side only is not a difference: it is not known */
    d->roles_changed &= ~(unsigned)(JZ_WHY_RULES | JZ_WHY_CALENDAR);
    d->roles_unknown &= ~(unsigned)(JZ_WHY_RULES | JZ_WHY_CALENDAR);
    if (d->rules == JZ_P_CHANGED)
        d->roles_changed |= JZ_WHY_RULES;
    if (d->calendar == JZ_P_CHANGED)
        d->roles_changed |= JZ_WHY_CALENDAR;
}

/* What of an indicator's definition differs (the title alone is wording, not scoring). */
static unsigned def_bits(const jz_rind *a, const jz_rind *b)
{
    unsigned d = 0;
    if (a->possible.fp != b->possible.fp || !a->possible.text[0] != !b->possible.text[0])
        d |= JZ_DEF_POINTS;
    if (strcmp(a->method, b->method))
        d |= JZ_DEF_METHOD;
    if (strcmp(a->measure, b->measure))
        d |= JZ_DEF_MEASURE;
    if (strcmp(a->section, b->section))
        d |= JZ_DEF_SECTION;
    if (strcmp(a->title, b->title))
        d |= JZ_DEF_TITLE;
    if (strcmp(a->party, b->party))
        d |= JZ_DEF_PARTY;
    return d;
}

static const jz_rind *find_ind(const jz_rcentre *c, const char *id)
{
    for (size_t k = 0; c && k < c->nind; k++)
        if (strcmp(c->ind[k].id, id) == 0)
            return &c->ind[k];
    return NULL;
}

/* The indicators of one side, each id once (its first definition over the centres). */
typedef struct indlist {
    const jz_rind **v;
    size_t n;
} indlist;

static const jz_rind *in_list(const indlist *l, const char *id)
{
    for (size_t k = 0; k < l->n; k++)
        if (strcmp(l->v[k]->id, id) == 0)
            return l->v[k];
    return NULL;
}

static void unique_defs(const jz_results *r, indlist *l)
{
    size_t cap = 0;
    l->v = NULL;
    l->n = 0;
    for (size_t c = 0; c < r->ncentres; c++)
        for (size_t k = 0; k < r->centres[c].nind; k++) {
            const jz_rind *i = &r->centres[c].ind[k];
            if (in_list(l, i->id))
                continue;
            if (l->n == cap)
                l->v = jz_xrealloc(l->v, (cap = cap * 2 + 16) * sizeof *l->v);
            l->v[l->n++] = i;
        }
}

static void add_def(jz_result_diff *d, const jz_rind *a, const jz_rind *b)
{
    unsigned bits = a && b ? def_bits(a, b) : 0;
    if (a && b && !bits)
        return;
    d->defs[d->ndefs++] = (jz_ddef){b ? b->id : a->id, a, b, !a ? JZ_D_ADDED : !b ? JZ_D_REMOVED : JZ_D_CHANGED, bits};
}

/* The indicators whose definition differs, as the indicator lists of the results show them
 * (B's order, then those only in A). */
static void diff_defs(jz_result_diff *d, const jz_results *ra, const jz_results *rb)
{
    indlist la, lb;
    unique_defs(ra, &la);
    unique_defs(rb, &lb);
    d->defs = jz_xcalloc(la.n + lb.n + 1, sizeof *d->defs);
    for (size_t k = 0; k < lb.n; k++)
        add_def(d, in_list(&la, lb.v[k]->id), lb.v[k]);
    for (size_t k = 0; k < la.n; k++)
        if (!in_list(&lb, la.v[k]->id))
            add_def(d, la.v[k], NULL);
    free(la.v);
    free(lb.v);
}

/* ---- one centre ---- */

/* The causes among `could` that did differ between the two results; when none did, the
 * jz-score version if that differs, else "unexplained". */
static unsigned explain(const jz_result_diff *d, const jz_dcentre *c, unsigned could)
{
    unsigned did = d->roles_changed | d->roles_unknown | (d->rubric_changed ? JZ_WHY_RUBRIC : 0) |
                   (c->as_of_changed ? JZ_WHY_AS_OF : 0);
    unsigned why = could & did;
    return why ? why : d->tool_changed ? JZ_WHY_TOOL : JZ_WHY_UNEXPLAINED;
}

/* What can move an indicator's value, by its measure kind (the inputs of jz_measure_kinds);
 * an unknown (newer) measure: anything. */
static unsigned measure_why(const char *measure)
{
    static const struct {
        unsigned in, why;
    } map[] = {{JZ_MKIN_RECORDS, JZ_WHY_RECORDS}, {JZ_MKIN_ROSTER, JZ_WHY_ROSTER},
               {JZ_MKIN_CONTRACTS, JZ_WHY_CONTRACTS}, {JZ_MKIN_RULES, JZ_WHY_RULES},
               {JZ_MKIN_CALENDAR, JZ_WHY_CALENDAR}, {JZ_MKIN_SCORES, JZ_WHY_SCORES},
               {JZ_MKIN_SURVEY, JZ_WHY_SURVEY}, {JZ_MKIN_AS_OF, JZ_WHY_AS_OF}};
    const jz_mkind_def *k = jz_measure_kind_named(measure);
    if (!k)
        return ~0u & ~(JZ_WHY_TOOL | JZ_WHY_UNEXPLAINED);
    unsigned why = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (k->inputs & map[i].in)
            why |= map[i].why;
    return why;
}

static void diff_ind(const jz_result_diff *d, const jz_dcentre *c, jz_dind *x)
{
    const jz_rind *a = x->a, *b = x->b;
    x->id = b ? b->id : a->id;
    x->value = dnum(a ? &a->value : NULL, b ? &b->value : NULL);
    x->target = dnum(a ? &a->target : NULL, b ? &b->target : NULL);
    x->ratio = dnum(a ? &a->ratio : NULL, b ? &b->ratio : NULL);
    x->fraction = dfraction(a, b);
    x->earned = dnum(a ? &a->earned : NULL, b ? &b->earned : NULL);
    x->possible = dnum(a ? &a->possible : NULL, b ? &b->possible : NULL);
    if (!a || !b) {
        x->state = a ? JZ_D_REMOVED : JZ_D_ADDED;
        x->why = explain(d, c, JZ_WHY_RUBRIC);
        return;
    }
    x->defs = def_bits(a, b);
    x->status_changed = strcmp(a->status, b->status) != 0;
    bool value = jz_dnum_changed(&x->value), target = jz_dnum_changed(&x->target);
    bool scored = jz_dnum_changed(&x->ratio) || jz_dnum_changed(&x->fraction) || jz_dnum_changed(&x->earned) ||
                  jz_dnum_changed(&x->possible) || x->status_changed;
    if (!value && !target && !scored && !(x->defs & ~(unsigned)JZ_DEF_TITLE))
        return;
    x->state = JZ_D_CHANGED;
    unsigned could = x->defs & ~(unsigned)JZ_DEF_TITLE ? JZ_WHY_RUBRIC : 0;
    if (value)
        could |= measure_why(b->measure) | JZ_WHY_RUBRIC;  /* the rubric's filters choose what is measured */
    if (target)
        could |= TARGET_WHY;
    if (scored && !value && !target)
        could |= JZ_WHY_RUBRIC;   /* the same figures scored otherwise: bands, thresholds, clamps */
    x->why = explain(d, c, could);
}

static jz_dind *ind_slot(jz_dcentre *c, size_t *cap)
{
    if (c->nind == *cap)
        c->ind = jz_xrealloc(c->ind, (*cap = *cap * 2 + 16) * sizeof *c->ind);
    memset(&c->ind[c->nind], 0, sizeof c->ind[0]);
    return &c->ind[c->nind++];
}

static void diff_inds(const jz_result_diff *d, jz_dcentre *c)
{
    size_t cap = 0;
    for (size_t k = 0; c->b && k < c->b->nind; k++) {
        jz_dind *x = ind_slot(c, &cap);
        x->b = &c->b->ind[k];
        x->a = find_ind(c->a, x->b->id);
    }
    for (size_t k = 0; c->a && k < c->a->nind; k++)
        if (!find_ind(c->b, c->a->ind[k].id))
            ind_slot(c, &cap)->a = &c->a->ind[k];
    for (size_t k = 0; k < c->nind; k++) {
        diff_ind(d, c, &c->ind[k]);
        c->ind_changed += c->ind[k].state != JZ_D_SAME;
    }
}

static const jz_rsec *find_sec(const jz_rcentre *c, const char *id)
{
    for (size_t k = 0; c && k < c->nsec; k++)
        if (strcmp(c->sec[k].id, id) == 0)
            return &c->sec[k];
    return NULL;
}

static jz_dsec *dsec_of(jz_dcentre *c, const char *id)
{
    for (size_t k = 0; k < c->nsec; k++)
        if (strcmp(c->sec[k].id, id) == 0)
            return &c->sec[k];
    return NULL;
}

/* Give why to section `id` of side r and every section above it (sections are listed depth
 * first: the parent is the nearest earlier one of a smaller depth). */
static void why_upwards(jz_dcentre *c, const jz_rcentre *r, const char *id, unsigned why)
{
    if (!r)
        return;
    const jz_rsec *s = find_sec(r, id);
    if (!s)
        return;
    jz_dsec *x = dsec_of(c, s->id);
    if (x)
        x->why |= why;
    for (size_t k = (size_t)(s - r->sec); k-- > 0;) {
        if (r->sec[k].depth >= s->depth)
            continue;   /* an earlier sibling or its children */
        s = &r->sec[k];
        if ((x = dsec_of(c, s->id)))
            x->why |= why;
    }
}

static void diff_secs(const jz_result_diff *d, jz_dcentre *c)
{
    size_t na = c->a ? c->a->nsec : 0, nb = c->b ? c->b->nsec : 0;
    c->sec = jz_xcalloc(na + nb + 1, sizeof *c->sec);
    for (size_t k = 0; k < nb; k++)
        c->sec[c->nsec++] = (jz_dsec){c->b->sec[k].id, find_sec(c->a, c->b->sec[k].id), &c->b->sec[k], 0, {0}, {0}, 0};
    for (size_t k = 0; k < na; k++)
        if (!find_sec(c->b, c->a->sec[k].id))
            c->sec[c->nsec++] = (jz_dsec){c->a->sec[k].id, &c->a->sec[k], NULL, 0, {0}, {0}, 0};
    for (size_t k = 0; k < c->nind; k++) {
        const jz_dind *x = &c->ind[k];
        if (x->state == JZ_D_SAME)
            continue;
        if (x->a)
            why_upwards(c, c->a, x->a->section, x->why);
        if (x->b)
            why_upwards(c, c->b, x->b->section, x->why);
    }
    for (size_t k = 0; k < c->nsec; k++) {
        jz_dsec *s = &c->sec[k];
        s->earned = dnum(s->a ? &s->a->earned : NULL, s->b ? &s->b->earned : NULL);
        s->possible = dnum(s->a ? &s->a->possible : NULL, s->b ? &s->b->possible : NULL);
        if (!s->a || !s->b)
            s->state = s->a ? JZ_D_REMOVED : JZ_D_ADDED;
        else if (jz_dnum_changed(&s->earned) || jz_dnum_changed(&s->possible))
            s->state = JZ_D_CHANGED;
        if (s->state != JZ_D_SAME && !s->why)
            s->why = explain(d, c, s->a && s->b ? 0 : JZ_WHY_RUBRIC);
        if (s->state == JZ_D_SAME)
            s->why = 0;
        c->sec_changed += s->state != JZ_D_SAME;
    }
}

static void diff_applied(const jz_result_diff *d, jz_dcentre *c)
{
    size_t na = c->a ? c->a->napplied : 0, nb = c->b ? c->b->napplied : 0;
    bool *used = jz_xcalloc(na + 1, sizeof *used);
    c->applied = jz_xcalloc(na + nb + 1, sizeof *c->applied);
    for (size_t j = 0; j < nb; j++) {
        jz_dapplied *x = &c->applied[c->napplied++];
        x->b = &c->b->applied[j];
        for (size_t i = 0; i < na && !x->a; i++)
            if (!used[i] && strcmp(c->a->applied[i].what, x->b->what) == 0 && strcmp(c->a->applied[i].id, x->b->id) == 0)
                x->a = &c->a->applied[i], used[i] = true;
    }
    for (size_t i = 0; i < na; i++)
        if (!used[i])
            c->applied[c->napplied++].a = &c->a->applied[i];
    for (size_t k = 0; k < c->napplied; k++) {
        jz_dapplied *x = &c->applied[k];
        x->points = dnum(x->a ? &x->a->points : NULL, x->b ? &x->b->points : NULL);
        x->state = !x->a ? JZ_D_ADDED : !x->b ? JZ_D_REMOVED : jz_dnum_changed(&x->points) ? JZ_D_CHANGED : JZ_D_SAME;
        if (x->state != JZ_D_SAME) {
            c->applied_changed++;
            c->why |= explain(d, c, APPLIED_WHY);
        }
    }
    free(used);
}

static void diff_centre(jz_result_diff *d, jz_dcentre *c)
{
    const jz_rcentre *a = c->a, *b = c->b;
    /* only a graded centre has a total: the figure of one without a grade is no score */
    c->total = dnum(a && a->scored && a->grade[0] ? &a->total : NULL, b && b->scored && b->grade[0] ? &b->total : NULL);
    c->earned = dnum(a ? &a->earned : NULL, b ? &b->earned : NULL);
    c->applicable = dnum(a ? &a->applicable : NULL, b ? &b->applicable : NULL);
    c->coverage = dnum(a ? &a->coverage : NULL, b ? &b->coverage : NULL);
    c->deductions = dnum(a ? &a->deductions : NULL, b ? &b->deductions : NULL);
    c->records = dcount(a, b);
    if (!a || !b) {
        c->state = a ? JZ_D_REMOVED : JZ_D_ADDED;
        return;
    }
    c->as_of_changed = strcmp(a->as_of, b->as_of) != 0;
    c->grade_changed = strcmp(a->grade, b->grade) != 0;
    diff_inds(d, c);
    diff_secs(d, c);
    diff_applied(d, c);
    for (size_t k = 0; k < c->nind; k++)
        c->why |= c->ind[k].why;
    if (c->as_of_changed)
        c->why |= JZ_WHY_AS_OF;
    bool figures = jz_dnum_changed(&c->total) || jz_dnum_changed(&c->earned) || jz_dnum_changed(&c->applicable) ||
                   jz_dnum_changed(&c->coverage) || jz_dnum_changed(&c->deductions);
    if (jz_dnum_changed(&c->records))
        c->why |= explain(d, c, JZ_WHY_RECORDS | JZ_WHY_AS_OF);
    if (c->grade_changed && d->grades_changed)
        c->why |= JZ_WHY_RUBRIC;
    if ((c->grade_changed || figures) && !c->why)   /* the bands, the scale or the cap moved */
        c->why = explain(d, c, JZ_WHY_RUBRIC);
    if (c->why & ~(unsigned)(JZ_WHY_TOOL | JZ_WHY_UNEXPLAINED))
        c->why &= ~(unsigned)(JZ_WHY_TOOL | JZ_WHY_UNEXPLAINED);  /* a named cause covers the rest */
    bool changed = figures || c->grade_changed || c->as_of_changed || jz_dnum_changed(&c->records) ||
                   c->ind_changed || c->sec_changed || c->applied_changed;
    c->state = changed ? JZ_D_CHANGED : JZ_D_SAME;
    if (!changed)
        c->why = 0;
}

/* ---- centres ---- */

static jz_dcentre *pair_centres(const jz_results *ra, const jz_results *rb, size_t *n)
{
    jz_dcentre *out = jz_xcalloc(ra->ncentres + rb->ncentres + 1, sizeof *out);
    bool *used = jz_xcalloc(ra->ncentres + 1, sizeof *used);
    for (size_t j = 0; j < rb->ncentres; j++) {
        out[j].b = &rb->centres[j];
        for (size_t i = 0; i < ra->ncentres && !out[j].a; i++)
            if (!used[i] && strcmp(ra->centres[i].contract, rb->centres[j].contract) == 0)
                out[j].a = &ra->centres[i], used[i] = true;
    }
    for (size_t j = 0; j < rb->ncentres; j++)   /* another contract of the same centre: another year */
        for (size_t i = 0; i < ra->ncentres && !out[j].a; i++)
            if (!used[i] && strcmp(ra->centres[i].centre, rb->centres[j].centre) == 0)
                out[j].a = &ra->centres[i], used[i] = true;
    *n = rb->ncentres;
    for (size_t i = 0; i < ra->ncentres; i++)
        if (!used[i])
            out[(*n)++].a = &ra->centres[i];
    free(used);
    return out;
}

static jz_code check_side(const jz_results *r, const char *which, jz_error *err)
{
    if (!r->nfiles)
        return jz_error_set(err, JZ_EINPUT, NULL, 0, 0, "result %s: no result file loaded", which);
    for (size_t k = 0; k < r->nfiles; k++)
        if (r->files[k].hours_only)
            return jz_error_set(err, JZ_EINPUT, r->files[k].path, 0, 0,
                                "a jz-hours result (%s) has no score to compare: give results of jz-score "
                                "--format json (%s)", JZ_HOURS_SCHEMA, JZ_RESULT_SCHEMA);
    return JZ_OK;
}

jz_code jz_result_diff_make(const jz_results *a, const jz_results *b, jz_result_diff *d, jz_error *err)
{
    memset(d, 0, sizeof *d);
    jz_error_clear(err);
    if (check_side(a, "A", err) || check_side(b, "B", err))
        return err->code;
    d->fa = &a->files[0];
    d->fb = &b->files[0];
    diff_provenance(d);
    diff_defs(d, a, b);
    d->centres = pair_centres(a, b, &d->ncentres);
    for (size_t k = 0; k < d->ncentres; k++) {
        jz_dcentre *c = &d->centres[k];
        diff_centre(d, c);
        d->nsame += c->state == JZ_D_SAME;
        d->nchanged += c->state == JZ_D_CHANGED;
        d->nadded += c->state == JZ_D_ADDED;
        d->nremoved += c->state == JZ_D_REMOVED;
        d->nas_of += c->as_of_changed;
    }
    d->different = d->nchanged || d->nadded || d->nremoved;
    d->differs = d->roles_changed | d->roles_unknown | (d->nas_of ? JZ_WHY_AS_OF : 0) |
                 (d->rubric_changed ? JZ_WHY_RUBRIC : 0) | (d->tool_changed ? JZ_WHY_TOOL : 0);
    return JZ_OK;
}

const jz_dcentre *jz_result_diff_centre(const jz_result_diff *d, const jz_rcentre *b)
{
    for (size_t k = 0; d && b && k < d->ncentres; k++)
        if (d->centres[k].b == b)
            return &d->centres[k];
    return NULL;
}

const jz_dsec *jz_dcentre_section(const jz_dcentre *c, const char *id)
{
    for (size_t k = 0; c && k < c->nsec; k++)
        if (strcmp(c->sec[k].id, id) == 0)
            return &c->sec[k];
    return NULL;
}

void jz_result_diff_free(jz_result_diff *d)
{
    if (!d)
        return;
    for (size_t k = 0; k < d->ncentres; k++) {
        free(d->centres[k].sec);
        free(d->centres[k].ind);
        free(d->centres[k].applied);
    }
    free(d->centres);
    free(d->inputs);
    free(d->defs);
    memset(d, 0, sizeof *d);
}
