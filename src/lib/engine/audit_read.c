/* audit_read.c — see include/jz/audit_read.h */
#include "jz/audit_read.h"
#include "jz/i18n.h"
#include "jz/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_AUDIT = 256 << 20 };

static bool is_null(const jz_ynode *n)
{
    return n && n->kind == JZ_Y_SCALAR && !n->quoted && strcmp(n->value, "null") == 0;
}

/* A required string (quoted in jz-audit's json; a bare number or null is refused). */
static bool need_str(const jz_ydoc *d, const jz_ynode *m, const char *what, const char *key, char **out,
                     jz_error *err)
{
    const jz_ynode *n = jz_y_need(d, m, what, key, err);
    const char *s;
    if (!n || !jz_y_string(d, n, key, &s, err))
        return false;
    if (!n->quoted)
        return jz_y_fail(d, n, err, "%s: '%s' must be a quoted string, as jz-audit writes it", key, n->value);
    *out = jz_xstrdup(s);
    return true;
}

/* A required string or null (NULL). */
static bool opt_str(const jz_ydoc *d, const jz_ynode *m, const char *what, const char *key, char **out,
                    jz_error *err)
{
    const jz_ynode *n = jz_y_need(d, m, what, key, err);
    if (n && is_null(n)) {
        *out = NULL;
        return true;
    }
    return n && need_str(d, m, what, key, out, err);
}

/* A required whole number >= 0. */
static bool need_count(const jz_ydoc *d, const jz_ynode *m, const char *what, const char *key, long *out,
                       jz_error *err)
{
    const jz_ynode *n = jz_y_need(d, m, what, key, err);
    int64_t v;
    if (!n || !jz_y_int(d, n, key, &v, err))
        return false;
    if (n->quoted || v < 0 || strchr(n->value, ','))
        return jz_y_fail(d, n, err, "%s '%s' must be a whole number of at least 0", key, n->value);
    *out = (long)v;
    return true;
}

static int screen_of(const char *code)
{
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        if (strcmp(jz_audit_code((jz_screen)s), code) == 0)
            return s;
    return -1;
}

/* {"entry-lag":0, ...}: every screen code once, nothing else. */
static bool per_screen(const jz_ydoc *d, const jz_ynode *m, const char *what, const char *key, long *out,
                       jz_error *err)
{
    const jz_ynode *n = jz_y_need(d, m, what, key, err);
    if (!n)
        return false;
    const char *codes[JZ_AU_NSCREENS + 1];
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        codes[s] = jz_audit_code((jz_screen)s);
    codes[JZ_AU_NSCREENS] = NULL;
    if (!jz_y_expect_map(d, n, key, codes, err))
        return false;
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        if (!need_count(d, n, key, codes[s], &out[s], err))
            return false;
    return true;
}

static const jz_ynode *need_list(const jz_ydoc *d, const jz_ynode *m, const char *key, jz_error *err)
{
    const jz_ynode *n = jz_y_need(d, m, _("the audit"), key, err);
    if (n && n->kind != JZ_Y_SEQ)
        return jz_y_fail(d, n, err, "%s must be a list", key), NULL;
    return n;
}

static bool read_screens(const jz_ydoc *d, const jz_ynode *l, jz_audits *a, jz_error *err)
{
    static const char *const keys[] = {"code", "status", "why", "warnings", "notes", "weight", NULL};
    static const char *const statuses[] = {"ran", "not-run", "not-available", NULL};
    bool seen[JZ_AU_NSCREENS] = {false};
    for (size_t k = 0; k < l->n; k++) {
        const jz_ynode *n = l->items[k];
        char *code = NULL;
        if (!jz_y_expect_map(d, n, _("a screen"), keys, err) || !need_str(d, n, _("a screen"), "code", &code, err))
            return false;
        int s = screen_of(code);
        free(code);
        if (s < 0 || seen[s])
            return s < 0 ? jz_y_fail(d, jz_y_get(n, "code"), err, "screen '%s' is not one jz-audit has (see jz-audit(1))",
                                   jz_y_get(n, "code")->value)
                         : jz_y_fail(d, jz_y_get(n, "code"), err, "screen '%s' is listed twice", jz_y_get(n, "code")->value);
        seen[s] = true;
        jz_ascreen *sc = &a->screens[s];
        int st;
        const jz_ynode *sn = jz_y_need(d, n, _("a screen"), "status", err);
        if (!sn || !jz_y_choice(d, sn, "status", statuses, &st, err))
            return false;
        sc->status = jz_xstrdup(statuses[st]);
        if (!need_str(d, n, _("a screen"), "why", &sc->why, err) ||
            !need_count(d, n, _("a screen"), "warnings", &sc->warnings, err) ||
            !need_count(d, n, _("a screen"), "notes", &sc->notes, err) ||
            !need_count(d, n, _("a screen"), "weight", &sc->weight, err))
            return false;
    }
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        if (!seen[s])
            return jz_y_fail(d, l, err, "screen '%s' is missing from screens", jz_audit_code((jz_screen)s));
    return true;
}

/* "5.8": a plain decimal from 0 to 100. */
static bool read_risk(const jz_ydoc *d, const jz_ynode *m, jz_acentre *c, jz_error *err)
{
    const jz_ynode *n = jz_y_need(d, m, _("a centre"), "risk", err);
    int64_t v;
    if (!n || !jz_y_fixed(d, n, "risk", 4, &v, err))
        return false;
    if (n->quoted || v < 0 || v > 1000000 || strchr(n->value, ',') || strchr(n->value, '_'))
        return jz_y_fail(d, n, err, "risk '%s' must be a number from 0 to 100", n->value);
    c->risk_text = jz_xstrdup(n->value);
    c->risk = (double)v / 10000.0;
    return true;
}

static bool read_centres(const jz_ydoc *d, const jz_ynode *l, jz_audits *a, jz_error *err)
{
    static const char *const keys[] = {"centre", "rows", "touched", "touched_share", "risk", "entered", "late",
                                       "lists", "lists_flagged", "staff_members", "warnings", "notes",
                                       "staff_flagged", NULL};
    a->centres = jz_xcalloc(l->n ? l->n : 1, sizeof *a->centres);
    for (size_t k = 0; k < l->n; k++) {
        const jz_ynode *n = l->items[k];
        jz_acentre *c = &a->centres[a->ncentres++];
        long flagged[JZ_AU_NSCREENS];
        int64_t share;
        if (!jz_y_expect_map(d, n, _("a centre"), keys, err) || !need_str(d, n, _("a centre"), "centre", &c->centre, err) ||
            !need_count(d, n, _("a centre"), "rows", &c->rows, err) ||
            !need_count(d, n, _("a centre"), "touched", &c->touched, err) ||
            !jz_y_fixed(d, jz_y_need(d, n, _("a centre"), "touched_share", err), "touched_share", 4, &share, err) ||
            !read_risk(d, n, c, err) || !need_count(d, n, _("a centre"), "entered", &c->entered, err) ||
            !need_count(d, n, _("a centre"), "late", &c->late, err) ||
            !need_count(d, n, _("a centre"), "lists", &c->lists, err) ||
            !need_count(d, n, _("a centre"), "lists_flagged", &c->lists_flagged, err) ||
            !need_count(d, n, _("a centre"), "staff_members", &c->staff_members, err) ||
            !per_screen(d, n, _("a centre"), "warnings", c->warnings, err) ||
            !per_screen(d, n, _("a centre"), "notes", c->notes, err) ||
            !per_screen(d, n, _("a centre"), "staff_flagged", flagged, err))
            return false;
        if (c->touched > c->rows || c->late > c->entered || c->entered > c->rows)
            return jz_y_fail(d, n, err, "centre %s: touched, entered or late exceed its rows: not written by jz-audit",
                             c->centre);
        for (size_t j = 0; j + 1 < a->ncentres; j++)
            if (strcmp(a->centres[j].centre, c->centre) == 0)
                return jz_y_fail(d, jz_y_get(n, "centre"), err, "centre %s is listed twice", c->centre);
    }
    return true;
}

/* Staff entries: who, and the risk (the other figures are checked for shape only). */
static bool read_staff(const jz_ydoc *d, const jz_ynode *l, jz_audits *a, jz_error *err)
{
    static const char *const keys[] = {"centre", "staff", "rows", "touched", "touched_share", "risk", "entered",
                                       "late", "lists", "lists_flagged", "warnings", "notes", "name",
                                       "qualification", "on_roster", NULL};
    a->staff = jz_xcalloc(l->n ? l->n : 1, sizeof *a->staff);
    for (size_t k = 0; k < l->n; k++) {
        jz_astaff *st = &a->staff[a->nstaff++];
        jz_acentre tmp;
        memset(&tmp, 0, sizeof tmp);
        bool ok = jz_y_expect_map(d, l->items[k], _("a staff member"), keys, err) &&
                  need_str(d, l->items[k], _("a staff member"), "centre", &st->centre, err) &&
                  need_str(d, l->items[k], _("a staff member"), "staff", &st->staff, err) &&
                  read_risk(d, l->items[k], &tmp, err);
        st->risk_text = tmp.risk_text;
        st->risk = tmp.risk;
        if (!ok)
            return false;
    }
    return true;
}

static bool read_findings(const jz_ydoc *d, const jz_ynode *l, jz_audits *a, jz_error *err)
{
    static const char *const keys[] = {"severity", "code", "file", "line", "col", "other_file", "other_line",
                                       "centre", "staff", "month", "cluster", "message", NULL};
    static const char *const sevs[] = {"note", "warning", NULL};
    a->findings = jz_xcalloc(l->n ? l->n : 1, sizeof *a->findings);
    for (size_t k = 0; k < l->n; k++) {
        const jz_ynode *n = l->items[k];
        jz_afinding *f = &a->findings[a->nfindings++];
        int sev;
        char *code = NULL;
        const jz_ynode *sn;
        if (!jz_y_expect_map(d, n, _("a finding"), keys, err) ||
            !(sn = jz_y_need(d, n, _("a finding"), "severity", err)) || !jz_y_choice(d, sn, "severity", sevs, &sev, err) ||
            !need_str(d, n, _("a finding"), "code", &code, err))
            return false;
        int s = screen_of(code);
        free(code);
        if (s < 0)
            return jz_y_fail(d, jz_y_get(n, "code"), err, "code '%s' is not a screen of jz-audit (see jz-audit(1))",
                             jz_y_get(n, "code")->value);
        f->warning = sev == 1;
        f->screen = (jz_screen)s;
        if (!opt_str(d, n, _("a finding"), "file", &f->file, err) ||
            !need_count(d, n, _("a finding"), "line", &f->line, err) ||
            !need_count(d, n, _("a finding"), "col", &f->col, err) ||
            !opt_str(d, n, _("a finding"), "other_file", &f->other_file, err) ||
            !need_count(d, n, _("a finding"), "other_line", &f->other_line, err) ||
            !need_str(d, n, _("a finding"), "centre", &f->centre, err) ||
            !opt_str(d, n, _("a finding"), "staff", &f->staff, err) ||
            !opt_str(d, n, _("a finding"), "month", &f->month, err) ||
            !need_count(d, n, _("a finding"), "cluster", &f->cluster, err) ||
            !need_str(d, n, _("a finding"), "message", &f->message, err))
            return false;
    }
    return true;
}

static bool read_root(const jz_ydoc *d, jz_audits *a, jz_error *err)
{
    static const char *const keys[] = {"schema", "rules", "notice", "as_of", "rows", "attendance_rows", "skipped",
                                       "after_as_of", "warnings", "notes", "screens", "centres", "staff",
                                       "findings", "not_audited", NULL};
    static const char *const rkeys[] = {"id", "version", NULL};
    const jz_ynode *root = d->root;
    const jz_ynode *sn = root && root->kind == JZ_Y_MAP ? jz_y_get(root, "schema") : NULL;
    const char *schema = sn && sn->kind == JZ_Y_SCALAR ? sn->value : "";
    if (strcmp(schema, JZ_AUDIT_SCHEMA) != 0) {
        if (strncmp(schema, "jiazong-audit/", 14) == 0)
            return jz_y_fail(d, sn, err, "audit schema %s is a version this tool does not know (it reads %s): use "
                             "the tools of one release", schema, JZ_AUDIT_SCHEMA);
        return jz_y_fail(d, sn ? sn : root, err, "not a result of jz-audit (schema '%s', expected %s): make one with "
                         "jz-audit -f json", schema, JZ_AUDIT_SCHEMA);
    }
    long skip;
    char *notice = NULL, *as_of = NULL;
    const jz_ynode *rules = jz_y_need(d, root, _("the audit"), "rules", err), *l;
    if (!jz_y_expect_map(d, root, _("the audit"), keys, err) || !rules ||
        !jz_y_expect_map(d, rules, "rules", rkeys, err) || !need_str(d, rules, "rules", "id", &a->rules_id, err) ||
        !need_str(d, rules, "rules", "version", &a->rules_version, err) ||
        !opt_str(d, root, _("the audit"), "notice", &notice, err) || !opt_str(d, root, _("the audit"), "as_of", &as_of, err))
        return free(notice), free(as_of), false;
    a->notice = notice ? notice : jz_xstrdup("");
    a->as_of = as_of ? as_of : jz_xstrdup("");
    if (!need_count(d, root, _("the audit"), "rows", &a->rows, err) ||
        !need_count(d, root, _("the audit"), "attendance_rows", &skip, err) ||
        !need_count(d, root, _("the audit"), "skipped", &skip, err) ||
        !need_count(d, root, _("the audit"), "after_as_of", &skip, err) ||
        !need_count(d, root, _("the audit"), "warnings", &a->warnings, err) ||
        !need_count(d, root, _("the audit"), "notes", &a->notes, err))
        return false;
    if (!(l = need_list(d, root, "screens", err)) || !read_screens(d, l, a, err))
        return false;
    if (!(l = need_list(d, root, "centres", err)) || !read_centres(d, l, a, err))
        return false;
    if (!(l = need_list(d, root, "staff", err)) || !read_staff(d, l, a, err))
        return false;
    if (!(l = need_list(d, root, "findings", err)) || !read_findings(d, l, a, err))
        return false;
    const jz_ynode *na = jz_y_get(root, "not_audited");   /* jz-audit given contracts */
    if (na && na->kind != JZ_Y_SEQ)
        return jz_y_fail(d, na, err, "not_audited must be a list");
    for (size_t k = 0; na && k < na->n; k++) {
        static const char *const nkeys[] = {"centre", "contract", NULL};
        char *c = NULL, *id = NULL;
        bool ok = jz_y_expect_map(d, na->items[k], _("a centre not audited"), nkeys, err) &&
                  need_str(d, na->items[k], _("a centre not audited"), "centre", &c, err) &&
                  need_str(d, na->items[k], _("a centre not audited"), "contract", &id, err);
        free(c), free(id);
        if (!ok)
            return false;
    }
    for (size_t k = 0; k < a->nfindings; k++)
        if (!jz_audits_centre(a, a->findings[k].centre))
            return jz_y_fail(d, l->items[k], err, "finding of centre %s, which is not among the centres",
                             a->findings[k].centre);
    return true;
}

jz_code jz_audits_load(jz_audits *a, const char *path, jz_error *err)
{
    jz_error_clear(err);
    size_t n;
    char *text = jz_yaml_read(path, MAX_AUDIT, _("a jz-audit result"), &n, err);
    if (!text)
        return err->code;
    jz_code code = jz_audits_load_buffer(a, text, n, strcmp(path, "-") ? path : "<stdin>", err);
    free(text);
    return code;
}

jz_code jz_audits_load_buffer(jz_audits *a, const char *text, size_t n, const char *name, jz_error *err)
{
    jz_error_clear(err);
    a->path = jz_xstrdup(name);
    jz_ydoc *d = jz_yaml_parse_limit(text, n, name, (size_t)200 << 20, err);
    if (!d)
        return err->code;
    if (!read_root(d, a, err) && !err->code)
        jz_error_set(err, JZ_EINPUT, name, 0, 0, "not a jz-audit result");
    jz_yaml_free(d);
    return err->code;
}

void jz_audits_free(jz_audits *a)
{
    if (!a)
        return;
    free(a->path), free(a->rules_id), free(a->rules_version), free(a->notice), free(a->as_of);
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        free(a->screens[s].status), free(a->screens[s].why);
    for (size_t k = 0; k < a->ncentres; k++)
        free(a->centres[k].centre), free(a->centres[k].risk_text);
    for (size_t k = 0; k < a->nfindings; k++) {
        jz_afinding *f = &a->findings[k];
        free(f->file), free(f->other_file), free(f->centre), free(f->staff), free(f->month), free(f->message);
    }
    for (size_t k = 0; k < a->nstaff; k++)
        free(a->staff[k].centre), free(a->staff[k].staff), free(a->staff[k].risk_text);
    free(a->staff);
    free(a->centres);
    free(a->findings);
    memset(a, 0, sizeof *a);
}

const jz_acentre *jz_audits_centre(const jz_audits *a, const char *id)
{
    for (size_t k = 0; k < a->ncentres; k++)
        if (strcmp(a->centres[k].centre, id) == 0)
            return &a->centres[k];
    return NULL;
}

const jz_astaff *jz_audits_staff(const jz_audits *a, const char *centre, const char *staff)
{
    for (size_t k = 0; k < a->nstaff; k++)
        if (strcmp(a->staff[k].staff, staff) == 0 && strcmp(a->staff[k].centre, centre) == 0)
            return &a->staff[k];
    return NULL;
}

/* Worse first: warning; the first finding of each screen before a screen's second (so the
 * few shown cover the screens hit); the heavier screen; a row finding; the file's order. */
typedef struct ranked {
    size_t k, nth;
    long weight;
    bool warning, row;
} ranked;

static int by_worse(const void *x, const void *y)
{
    const ranked *p = x, *q = y;
    if (p->warning != q->warning)
        return p->warning ? -1 : 1;
    if (p->nth != q->nth)
        return p->nth < q->nth ? -1 : 1;
    if (p->weight != q->weight)
        return p->weight > q->weight ? -1 : 1;
    if (p->row != q->row)
        return p->row ? -1 : 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

size_t jz_audits_worst(const jz_audits *a, const char *centre, size_t *idx, size_t max)
{
    size_t total = 0, seen[2][JZ_AU_NSCREENS] = {{0}};
    ranked *r = jz_xcalloc(a->nfindings ? a->nfindings : 1, sizeof *r);
    for (size_t k = 0; k < a->nfindings; k++) {
        const jz_afinding *f = &a->findings[k];
        if (strcmp(f->centre, centre) != 0)
            continue;
        r[total++] = (ranked){k, seen[f->warning][f->screen]++, a->screens[f->screen].weight, f->warning,
                              f->file != NULL};
    }
    if (total > 1)
        qsort(r, total, sizeof *r, by_worse);
    for (size_t i = 0; i < total && i < max; i++)
        idx[i] = r[i].k;
    free(r);
    return total;
}

/* Centres by risk, highest first (ties: by centre id). */
static const jz_audits *by_risk_audit;
static int by_risk(const void *x, const void *y)
{
    const jz_acentre *a = &by_risk_audit->centres[*(const size_t *)x], *b = &by_risk_audit->centres[*(const size_t *)y];
    if (a->risk != b->risk)
        return a->risk > b->risk ? -1 : 1;
    return strcmp(a->centre, b->centre);
}

size_t *jz_audits_by_risk(const jz_audits *a)
{
    size_t *o = jz_xcalloc(a->ncentres ? a->ncentres : 1, sizeof *o);
    for (size_t i = 0; i < a->ncentres; i++)
        o[i] = i;
    by_risk_audit = a;
    if (a->ncentres > 1)
        qsort(o, a->ncentres, sizeof *o, by_risk);
    return o;
}

