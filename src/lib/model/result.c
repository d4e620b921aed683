/* result.c — see include/jz/result.h */
#include "jz/result.h"
#include "jz/i18n.h"
#include "jz/fp.h"
#include "jz/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_RESULT = 256 << 20 };

/* The first field of the wrong type (a hand-edited or hostile result): the loader refuses
 * the file rather than pass a map where text belongs, or text where a number belongs, on
 * to a report or a spreadsheet. Reset by jz_results_load for each file. */
static struct {
    const char *key, *want;
    long line, col;
} bad_field;

static void refuse(const jz_ynode *n, const char *key, const char *want)
{
    if (bad_field.key)
        return;  /* the first wins */
    bad_field.key = key;
    bad_field.want = want;
    bad_field.line = n ? n->line : 0;
    bad_field.col = n ? n->col : 0;
}

static bool is_null(const jz_ynode *n)
{
    return !n || (n->kind == JZ_Y_SCALAR && !n->quoted && strcmp(n->value, "null") == 0);
}

/* A text field: a single value or null (""); a map or a list is refused. */
static char *str(const jz_ynode *m, const char *key)
{
    const jz_ynode *n = jz_y_get(m, key);
    if (!is_null(n) && n->kind != JZ_Y_SCALAR)
        refuse(n, key, "text");
    return jz_xstrdup(is_null(n) || n->kind != JZ_Y_SCALAR ? "" : n->value);
}

/* The range of a result's numbers (man jz-report, INPUT): a decimal has at most 12 digits
 * before the point (|x| < 10^12, so its x 10000 fixed point and a district's sum of them
 * stay far inside 64 bits); a whole number (records, minutes, people) at most 15. */
enum { MAX_DECIMAL_DIGITS = 12, MAX_WHOLE_DIGITS = 15 };

/* "942.2", "-1.5", "0.6823" -> x 10000 (extra decimals cut, as written by jz-score). The
 * text was checked by plain_number: at most MAX_DECIMAL_DIGITS before the point. */
static int64_t parse_fp(const char *s)
{
    bool neg = *s == '-';
    s += neg;
    int64_t v = 0;
    int frac = -1;
    for (; *s; s++) {
        if (*s == '.') {
            frac = 0;
            continue;
        }
        if (*s < '0' || *s > '9')
            break;
        if (frac >= 4)
            continue;
        v = v * 10 + (*s - '0');
        if (frac >= 0)
            frac++;
    }
    for (int k = frac < 0 ? 0 : frac; k < 4; k++)
        v *= 10;
    return neg ? -v : v;
}

/* An unquoted decimal: digits with at most one point, at most `max_int` digits before it
 * (leading zeros not counted), and no point at all when !point_ok. */
static bool plain_number(const jz_ynode *n, int max_int, bool point_ok)
{
    const char *s = n->value;
    if (n->quoted || !*s)
        return false;
    s += *s == '-';
    bool digits = false, point = false;
    int before = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            digits = true;
            if (!point && (before || *s != '0'))
                before++;
        } else if (*s == '.' && !point && point_ok)
            point = true;
        else
            return false;
    }
    return digits && before <= max_int;
}

static jz_rnum num(const jz_ynode *m, const char *key)
{
    const jz_ynode *n = jz_y_get(m, key);
    jz_rnum r = {jz_xstrdup(""), -1};
    if (is_null(n))
        return r;
    if (n->kind != JZ_Y_SCALAR || !plain_number(n, MAX_DECIMAL_DIGITS, true)) {
        refuse(n, key, "a number (at most 12 digits before the point)");
        return r;
    }
    free(r.text);
    r.text = jz_xstrdup(n->value);
    r.fp = parse_fp(n->value);
    return r;
}

/* A whole number from 0 to max (INT64_MAX: at most 15 digits), or null (-1). */
static int64_t integer(const jz_ynode *m, const char *key, int64_t max)
{
    const jz_ynode *n = jz_y_get(m, key);
    if (is_null(n))
        return -1;
    int64_t v = -1;
    if (n->kind == JZ_Y_SCALAR && n->value[0] != '-' && plain_number(n, MAX_WHOLE_DIGITS, false))
        v = strtoll(n->value, NULL, 10);
    if (v < 0 || v > max) {
        static char want[64];
        if (max == INT64_MAX)
            snprintf(want, sizeof want, "a whole number from 0 (at most 15 digits)");
        else
            snprintf(want, sizeof want, "a whole number from 0 to %lld", (long long)max);
        refuse(n, key, want);
        return -1;
    }
    return v;
}

/* A list, or null (none); anything else is refused. */
static const jz_ynode *list(const jz_ynode *m, const char *key)
{
    const jz_ynode *n = jz_y_get(m, key);
    if (!is_null(n) && n->kind != JZ_Y_SEQ)
        refuse(n, key, "a list");
    return n && n->kind == JZ_Y_SEQ ? n : NULL;
}

/* A map (an object), or null (none); anything else is refused. */
static const jz_ynode *map(const jz_ynode *m, const char *key)
{
    const jz_ynode *n = jz_y_get(m, key);
    if (!is_null(n) && n->kind != JZ_Y_MAP)
        refuse(n, key, "an object");
    return n && n->kind == JZ_Y_MAP ? n : NULL;
}

/* Each item of a list must be an object (a map); returns whether item k is one. */
static bool object(const jz_ynode *l, size_t k, const char *key)
{
    if (l->items[k]->kind == JZ_Y_MAP)
        return true;
    refuse(l->items[k], key, "a list of objects");
    return false;
}

static void free_num(jz_rnum *n)
{
    free(n->text);
}

static void read_ind(const jz_ynode *n, jz_rind *i)
{
    i->id = str(n, "id");
    i->title = str(n, "title");
    i->section = str(n, "section");
    i->party = str(n, "party");
    i->measure = str(n, "measure");
    i->method = str(n, "method");
    i->value_text = str(n, "value_text");
    i->unit = str(n, "unit");
    i->status = str(n, "status");
    i->derivation = str(n, "derivation");
    i->value = num(n, "value");
    i->target = num(n, "target");
    i->ratio = num(n, "ratio");
    i->earned = num(n, "earned");
    i->possible = num(n, "possible");
    i->spread = num(n, "spread");
    i->fraction = num(n, "fraction");
    const jz_ynode *d = jz_y_get(n, "disagreement");
    if (!is_null(d) && (d->kind != JZ_Y_SCALAR || d->quoted ||
                        (strcmp(d->value, "true") != 0 && strcmp(d->value, "false") != 0)))
        refuse(d, "disagreement", "true or false");
    i->disagreement = d && d->kind == JZ_Y_SCALAR && strcmp(d->value, "true") == 0;
    const jz_ynode *sc = list(n, "scores");
    if (sc) {
        i->scores = jz_xcalloc(sc->n ? sc->n : 1, sizeof *i->scores);
        i->nscores = sc->n;
        for (size_t k = 0; k < sc->n; k++) {
            object(sc, k, "scores");
            i->scores[k].evaluator = str(sc->items[k], "evaluator");
            i->scores[k].comment = str(sc->items[k], "comment");
            i->scores[k].score = num(sc->items[k], "score");
        }
    }
}

/* true or false (null or absent: false); anything else is refused. */
static bool boolean(const jz_ynode *m, const char *key)
{
    const jz_ynode *d = jz_y_get(m, key);
    if (!is_null(d) && (d->kind != JZ_Y_SCALAR || d->quoted ||
                        (strcmp(d->value, "true") != 0 && strcmp(d->value, "false") != 0)))
        refuse(d, key, "true or false");
    return d && d->kind == JZ_Y_SCALAR && !d->quoted && strcmp(d->value, "true") == 0;
}

/* "facts" of a jiazong-score/3 centre; absent (an older result): known stays false. */
static void read_facts(const jz_ynode *n, jz_rfacts *f)
{
    const jz_ynode *m = map(n, "facts");
    f->known = m != NULL;
    f->reweighted = boolean(m, "reweighted");
    f->na_points = num(m, "na_points");
    f->scale = num(m, "scale");
    f->total_exact = str(m, "total_exact");
    f->band_total = num(m, "band_total");
    f->grade_of_total = str(m, "grade_of_total");
    const jz_ynode *l;
    if ((l = list(m, "reweighted_from"))) {
        f->from = jz_xcalloc(l->n ? l->n : 1, sizeof *f->from);
        f->nfrom = l->n;
        for (size_t k = 0; k < l->n; k++) {
            if (l->items[k]->kind != JZ_Y_SCALAR)
                refuse(l->items[k], "reweighted_from", "a list of indicator ids");
            f->from[k] = jz_xstrdup(l->items[k]->kind == JZ_Y_SCALAR ? l->items[k]->value : "");
        }
    }
    if ((l = list(m, "caps"))) {
        f->caps = jz_xcalloc(l->n ? l->n : 1, sizeof *f->caps);
        f->ncaps = l->n;
        for (size_t k = 0; k < l->n; k++) {
            jz_rcap *c = &f->caps[k];
            object(l, k, "caps");
            c->what = str(l->items[k], "what");
            c->id = str(l->items[k], "id");
            c->title = str(l->items[k], "title");
            c->cap = num(l->items[k], "cap");
            c->before = num(l->items[k], "before");
            c->after = num(l->items[k], "after");
            c->lowered = boolean(l->items[k], "lowered");
        }
    }
    if ((l = list(m, "grade_rules"))) {
        f->grades = jz_xcalloc(l->n ? l->n : 1, sizeof *f->grades);
        f->ngrades = l->n;
        for (size_t k = 0; k < l->n; k++) {
            jz_rgrule *g = &f->grades[k];
            object(l, k, "grade_rules");
            g->what = str(l->items[k], "what");
            g->id = str(l->items[k], "id");
            g->title = str(l->items[k], "title");
            g->grade = str(l->items[k], "grade");
            g->rows = str(l->items[k], "rows");
            g->decided = boolean(l->items[k], "decided");
        }
    }
    /* capped_by and grade_forced_by name one of the lists' items: point at it (the last
     * veto cap of that id that lowered the total; the first deciding rule of that id) */
    const jz_ynode *cb = map(m, "capped_by"), *gb = map(m, "grade_forced_by");
    char *id = str(cb, "id");
    for (size_t k = 0; cb && k < f->ncaps; k++)
        if (strcmp(f->caps[k].what, "veto") == 0 && strcmp(f->caps[k].id, id) == 0 && f->caps[k].lowered)
            f->capped_by = &f->caps[k];
    if (cb && !f->capped_by)
        refuse(cb, "capped_by", "one of the caps that lowered the total");
    free(id);
    id = str(gb, "id");
    char *what = str(gb, "what");
    for (size_t k = f->ngrades; gb && k-- > 0;)
        if (strcmp(f->grades[k].id, id) == 0 && strcmp(f->grades[k].what, what) == 0 && f->grades[k].decided)
            f->forced_by = &f->grades[k];
    if (gb && !f->forced_by)
        refuse(gb, "grade_forced_by", "one of the grade rules that decided the grade");
    free(id);
    free(what);
}

static void free_facts(jz_rfacts *f)
{
    for (size_t k = 0; k < f->nfrom; k++)
        free(f->from[k]);
    free(f->from);
    free(f->total_exact);
    free(f->grade_of_total);
    free_num(&f->na_points), free_num(&f->scale), free_num(&f->band_total);
    for (size_t k = 0; k < f->ncaps; k++) {
        free(f->caps[k].what), free(f->caps[k].id), free(f->caps[k].title);
        free_num(&f->caps[k].cap), free_num(&f->caps[k].before), free_num(&f->caps[k].after);
    }
    free(f->caps);
    for (size_t k = 0; k < f->ngrades; k++) {
        jz_rgrule *g = &f->grades[k];
        free(g->what), free(g->id), free(g->title), free(g->grade), free(g->rows);
    }
    free(f->grades);
}

/* What both results say of a contract: who, where, when. */
static void read_head(const jz_ynode *n, jz_rcentre *c, size_t file)
{
    c->file = file;
    c->contract = str(n, "contract");
    c->centre = str(n, "centre");
    c->district = str(n, "district");
    c->street = str(n, "street");
    c->operator_ = str(n, "operator");
    c->start = str(n, "start");
    c->end = str(n, "end");
    c->as_of = str(n, "as_of");
    c->as_of_reason = str(n, "as_of_reason");
    c->records = (long)integer(n, "records", INT32_MAX);  /* a long everywhere, 32 bits on Windows */
}

static void read_centre(const jz_ynode *n, jz_rcentre *c, size_t file)
{
    read_head(n, c, file);
    c->grade = str(n, "grade");
    c->grade_note = str(n, "grade_note");
    const jz_ynode *sc = jz_y_get(n, "scored");  /* absent in jiazong-score/1: scored */
    c->scored = !(sc && sc->kind == JZ_Y_SCALAR && strcmp(sc->value, "false") == 0);
    c->total = num(n, "total");
    if (c->scored && !c->grade[0] && !c->total.text[0]) {
        free(c->total.text);
        c->total = num(n, "ungraded_total");
    }  /* the figure of a centre without a grade */
    c->earned = num(n, "earned");
    c->applicable = num(n, "applicable");
    c->coverage = num(n, "coverage");
    c->deductions = num(n, "deductions");
    const jz_ynode *l;
    if ((l = list(n, "sections"))) {
        c->sec = jz_xcalloc(l->n ? l->n : 1, sizeof *c->sec);
        c->nsec = l->n;
        for (size_t k = 0; k < l->n; k++) {
            jz_rsec *s = &c->sec[k];
            object(l, k, "sections");
            s->id = str(l->items[k], "id");
            s->title = str(l->items[k], "title");
            s->party = str(l->items[k], "party");
            s->depth = (int)integer(l->items[k], "depth", 64);
            s->earned = num(l->items[k], "earned");
            s->possible = num(l->items[k], "possible");
            s->points = num(l->items[k], "points");
        }
    }
    if ((l = list(n, "indicators"))) {
        c->ind = jz_xcalloc(l->n ? l->n : 1, sizeof *c->ind);
        c->nind = l->n;
        for (size_t k = 0; k < l->n; k++) {
            object(l, k, "indicators");
            read_ind(l->items[k], &c->ind[k]);
        }
    }
    if ((l = list(n, "hours"))) {
        c->hours = jz_xcalloc(l->n ? l->n : 1, sizeof *c->hours);
        c->nhours = l->n;
        for (size_t k = 0; k < l->n; k++) {
            jz_rcheck *h = &c->hours[k];
            object(l, k, "hours");
            h->check = str(l->items[k], "check");
            h->unit = str(l->items[k], "unit");
            h->status = str(l->items[k], "status");
            h->detail = str(l->items[k], "detail");
            h->required = integer(l->items[k], "required", INT64_MAX);
            h->delivered = integer(l->items[k], "delivered", INT64_MAX);
            h->ratio = num(l->items[k], "ratio");
        }
    }
    if ((l = list(n, "applied"))) {
        c->applied = jz_xcalloc(l->n ? l->n : 1, sizeof *c->applied);
        c->napplied = l->n;
        for (size_t k = 0; k < l->n; k++) {
            object(l, k, "applied");
            c->applied[k].what = str(l->items[k], "what");
            c->applied[k].id = str(l->items[k], "id");
            c->applied[k].title = str(l->items[k], jz_y_get(l->items[k], "title") ? "title" : "id");
            c->applied[k].detail = str(l->items[k], "detail");
            c->applied[k].points = num(l->items[k], "points");
        }
    }    read_facts(n, &c->facts);
}

/* A jz-hours contract: the hours checks, in the units of the score result's "hours". */
static void read_hours_contract(const jz_ynode *n, jz_rcentre *c, size_t file)
{
    read_head(n, c, file);
    c->grade = jz_xstrdup("");
    c->grade_note = jz_xstrdup("");
    c->total = num(n, "no-total");
    c->earned = num(n, "no-earned");
    c->applicable = num(n, "no-applicable");
    c->coverage = num(n, "no-coverage");
    c->deductions = num(n, "no-deductions");
    const jz_ynode *l = list(n, "checks");
    if (!l)
        return;
    c->hours = jz_xcalloc(l->n ? l->n : 1, sizeof *c->hours);
    c->nhours = l->n;
    for (size_t k = 0; k < l->n; k++) {
        const jz_ynode *x = l->items[k];
        jz_rcheck *h = &c->hours[k];
        object(l, k, "checks");
        h->check = str(x, "check");
        h->status = str(x, "status");
        h->detail = str(x, "detail");
        h->ratio = num(x, "ratio");
        char *unit = str(x, "unit");
        bool hours = strcmp(unit, "hours") == 0;
        h->unit = hours ? jz_xstrdup("minutes") : unit;
        if (hours)
            free(unit);
        h->required = integer(x, hours ? "required_minutes" : "required", INT64_MAX);
        h->delivered = integer(x, hours ? "delivered_minutes" : "delivered", INT64_MAX);
    }
}

/* The rules and calendar a score was computed with: {"rules":{"id","version","sha256"}}
 * and {"calendar":{"sha256"}} (or "calendar_sha256"); any of them may be absent. */
static void read_provenance(const jz_ynode *root, jz_rfile *f)
{
    const jz_ynode *rules = jz_y_get(root, "rules"), *cal = jz_y_get(root, "calendar");
    f->rules_id = str(rules, "id");
    f->rules_version = str(rules, "version");
    f->rules_sha256 = str(rules, "sha256");
    f->calendar_sha256 = cal && cal->kind == JZ_Y_MAP ? str(cal, "sha256") : str(root, "calendar_sha256");
}

static void read_file_header(const jz_ynode *root, jz_rfile *f)
{
    const jz_ynode *rb = map(root, "rubric");
    f->tool = str(root, "tool");
    f->rubric_id = str(rb, "id");
    f->rubric_title = str(rb, "title");
    f->rubric_lang = str(rb, "lang");
    f->rubric_issued_by = str(rb, "issued_by");
    f->rubric_document = str(rb, "document");
    f->rubric_status = str(rb, "status");
    f->rubric_version = str(rb, "version");
    f->rubric_sha256 = str(rb, "sha256");
    f->pass_grade = str(rb, "pass_grade");
    f->scale = num(rb, "scale");
    const jz_ynode *g = list(rb, "grades");
    if (g) {
        f->grades = jz_xcalloc(g->n ? g->n : 1, sizeof *f->grades);
        f->ngrades = g->n;
        for (size_t k = 0; k < g->n; k++) {
            object(g, k, "grades");
            f->grades[k].name = str(g->items[k], "grade");
            f->grades[k].min = num(g->items[k], "min");
        }
    }
    read_provenance(root, f);
    const jz_ynode *in = list(root, "inputs");
    if (in) {
        f->ninputs = in->n;
        f->input_files = jz_xcalloc(in->n ? in->n : 1, sizeof *f->input_files);
        f->input_roles = jz_xcalloc(in->n ? in->n : 1, sizeof *f->input_roles);
        f->input_sha256 = jz_xcalloc(in->n ? in->n : 1, sizeof *f->input_sha256);
        for (size_t k = 0; k < in->n; k++) {
            object(in, k, "inputs");
            f->input_files[k] = str(in->items[k], "file");
            f->input_roles[k] = str(in->items[k], "role");
            f->input_sha256[k] = str(in->items[k], "sha256");
        }
    }
}

jz_code jz_results_load(jz_results *r, const char *path, jz_error *err)
{
    jz_error_clear(err);
    size_t n;
    char *text = jz_yaml_read(path, MAX_RESULT, _("a jz-score result"), &n, err);
    if (!text)
        return err->code;
    jz_code code = jz_results_load_buffer(r, text, n, path, err);
    free(text);
    return code;
}

jz_code jz_results_load_buffer(jz_results *r, const char *text, size_t n, const char *path, jz_error *err)
{
    jz_error_clear(err);
    jz_ydoc *d = jz_yaml_parse_limit(text, n, strcmp(path, "-") ? path : "<stdin>", (size_t)200 << 20, err);
    if (!d)
        return err->code;
    const jz_ynode *root = d->root;
    const jz_ynode *sn = root && root->kind == JZ_Y_MAP ? jz_y_get(root, "schema") : NULL;
    /* A schema that is a map or a list is no schema (its value is NULL). */
    const char *schema = sn && sn->kind == JZ_Y_SCALAR ? sn->value : "";
    bool hours_only = strcmp(schema, JZ_HOURS_SCHEMA) == 0;
    if (sn && sn->kind != JZ_Y_SCALAR) {
        jz_error_set(err, JZ_EINPUT, path, sn->line, sn->col, "'schema' is %s, not a schema name (expected %s, %s, "
                     "%s or %s): make one with jz-score --format json", sn->kind == JZ_Y_MAP ? "a map" : "a list",
                     JZ_RESULT_SCHEMA, JZ_RESULT_SCHEMA_2, JZ_RESULT_SCHEMA_1, JZ_HOURS_SCHEMA);
        jz_yaml_free(d);
        return err->code;
    }
    if (strcmp(schema, JZ_RESULT_SCHEMA) != 0 && strcmp(schema, JZ_RESULT_SCHEMA_2) != 0 &&
        strcmp(schema, JZ_RESULT_SCHEMA_1) != 0 && !hours_only) {
        if (strncmp(schema, "jiazong-score/", 14) == 0 || strncmp(schema, "jiazong-hours/", 14) == 0)
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "result schema %s is a version this release of jiazong does "
                         "not read (it reads %s, %s, %s and %s): use the tools of the release that wrote it",
                         schema, JZ_RESULT_SCHEMA, JZ_RESULT_SCHEMA_2, JZ_RESULT_SCHEMA_1, JZ_HOURS_SCHEMA);
        else
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "not a result of jz-score or jz-hours (schema '%s', expected "
                         "%s or %s): make one with jz-score --format json", schema, JZ_RESULT_SCHEMA, JZ_HOURS_SCHEMA);
        jz_yaml_free(d);
        return err->code;
    }
    memset(&bad_field, 0, sizeof bad_field);
    const jz_ynode *centres = list(root, hours_only ? "contracts" : "centres");
    r->files = jz_xrealloc(r->files, (r->nfiles + 1) * sizeof *r->files);
    jz_rfile *f = &r->files[r->nfiles];
    memset(f, 0, sizeof *f);
    f->path = jz_xstrdup(path);
    read_file_header(root, f);
    if (hours_only) {  /* the rules stand where a rubric would */
        const jz_ynode *rules = map(root, "rules");
        f->hours_only = true;
        free(f->rubric_id), free(f->rubric_version), free(f->rubric_title);
        f->rubric_id = str(rules, "id");
        f->rubric_version = str(rules, "version");
        f->rubric_title = jz_xstrdup("");
    }
    size_t add = centres ? centres->n : 0;
    r->centres = jz_xrealloc(r->centres, (r->ncentres + add + 1) * sizeof *r->centres);
    for (size_t k = 0; k < add; k++) {
        memset(&r->centres[r->ncentres + k], 0, sizeof *r->centres);
        object(centres, k, hours_only ? "contracts" : "centres");
        if (hours_only)
            read_hours_contract(centres->items[k], &r->centres[r->ncentres + k], r->nfiles);
        else
            read_centre(centres->items[k], &r->centres[r->ncentres + k], r->nfiles);
    }
    r->ncentres += add;
    r->nfiles++;
    jz_yaml_free(d);
    if (bad_field.key)
        return jz_error_set(err, JZ_EINPUT, path, bad_field.line, bad_field.col, "field '%s' must be %s: this result was "
                            "edited by hand or not written by jz-score; score again", bad_field.key, bad_field.want);
    return JZ_OK;
}

static void free_centre(jz_rcentre *c)
{
    char **strs[] = {&c->contract, &c->centre, &c->district, &c->street, &c->operator_, &c->start, &c->end, &c->as_of,
                     &c->as_of_reason, &c->grade, &c->grade_note};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(*strs[i]);
    jz_rnum *nums[] = {&c->total, &c->earned, &c->applicable, &c->coverage, &c->deductions};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        free_num(nums[i]);
    for (size_t k = 0; k < c->nsec; k++) {
        free(c->sec[k].id), free(c->sec[k].title), free(c->sec[k].party);
        free_num(&c->sec[k].earned), free_num(&c->sec[k].possible), free_num(&c->sec[k].points);
    }
    for (size_t k = 0; k < c->nind; k++) {
        jz_rind *i = &c->ind[k];
        char *s2[] = {i->id, i->title, i->section, i->party, i->measure, i->method, i->value_text, i->status,
                      i->derivation, i->unit};
        for (size_t j = 0; j < sizeof s2 / sizeof s2[0]; j++)
            free(s2[j]);
        jz_rnum *n2[] = {&i->value, &i->target, &i->ratio, &i->earned, &i->possible, &i->spread, &i->fraction};
        for (size_t j = 0; j < sizeof n2 / sizeof n2[0]; j++)
            free_num(n2[j]);
        for (size_t j = 0; j < i->nscores; j++) {
            free(i->scores[j].evaluator), free(i->scores[j].comment);
            free_num(&i->scores[j].score);
        }
        free(i->scores);
    }
    for (size_t k = 0; k < c->nhours; k++) {
        free(c->hours[k].check), free(c->hours[k].unit), free(c->hours[k].status), free(c->hours[k].detail);
        free_num(&c->hours[k].ratio);
    }
    for (size_t k = 0; k < c->napplied; k++) {
        free(c->applied[k].what), free(c->applied[k].id), free(c->applied[k].title), free(c->applied[k].detail);
        free_num(&c->applied[k].points);
    }
    free(c->sec);
    free(c->ind);
    free(c->hours);
    free(c->applied);
    free_facts(&c->facts);
}

void jz_results_free(jz_results *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < r->ncentres; k++)
        free_centre(&r->centres[k]);
    for (size_t k = 0; k < r->nfiles; k++) {
        jz_rfile *f = &r->files[k];
        free(f->path), free(f->tool), free(f->rubric_id), free(f->rubric_title), free(f->rubric_version);
        free(f->rubric_sha256), free(f->pass_grade), free(f->rubric_lang);
        free(f->rubric_issued_by), free(f->rubric_document), free(f->rubric_status);
        free(f->rules_id), free(f->rules_version), free(f->rules_sha256), free(f->calendar_sha256);
        free_num(&f->scale);
        for (size_t g = 0; g < f->ngrades; g++) {
            free(f->grades[g].name);
            free_num(&f->grades[g].min);
        }
        free(f->grades);
        for (size_t i = 0; i < f->ninputs; i++)
            free(f->input_files[i]), free(f->input_roles[i]), free(f->input_sha256[i]);
        free(f->input_files), free(f->input_roles), free(f->input_sha256);
    }
    free(r->files);
    free(r->centres);
    memset(r, 0, sizeof *r);
}

static bool has_grade(const jz_rfile *f, const char *g);

bool jz_rfile_grade_at_least(const jz_rfile *f, const char *g, const char *floor)
{
    if (!g || !*g || !has_grade(f, floor))
        return false;  /* no grade, or a floor the grades do not know: not "at least" */
    for (size_t i = 0; i < f->ngrades; i++) {
        if (strcmp(f->grades[i].name, g) == 0)
            return true;
        if (strcmp(f->grades[i].name, floor) == 0)
            return false;
    }
    return false;
}

static bool has_grade(const jz_rfile *f, const char *g)
{
    for (size_t i = 0; i < f->ngrades; i++)
        if (strcmp(f->grades[i].name, g) == 0)
            return true;
    return false;
}

/* The payment cannot be decided when the rules' pass grade is not one of the rubric's
 * grades (a rubric of other grade names), or the centre's grade is not: say so and why,
 * rather than call every grade payable. */
static bool undetermined(const jz_rules *rules, const jz_rfile *f, const jz_rcentre *c, char *buf, size_t cap)
{
    bool pass_known = has_grade(f, rules->pass_grade);
    if (pass_known && (!c->grade[0] || has_grade(f, c->grade)))
        return false;
    char names[256] = "";
    for (size_t i = 0; i < f->ngrades; i++) {
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", i ? D_(", ") : "", f->grades[i].name);
    }
    if (!pass_known)
        snprintf(buf, cap, D_("payment undetermined: the rules' pass grade %s is not one of the rubric's grades (%s); "
                              "use rules whose pass_grade is one of them"), rules->pass_grade, names[0] ? names : D_("none"));
    else
        snprintf(buf, cap, D_("payment undetermined: grade %s is not one of the rubric's grades (%s)"), c->grade, names);
    return true;
}

/* bp (1/10000) as a percentage, two decimals unless whole: 1250 -> "12.50 %", 1200 -> "12 %". */
static char *bp_text(int64_t bp, char buf[static JZ_FP_BUF])
{
    char t[JZ_FP_BUF];
    snprintf(buf, JZ_FP_BUF, "%s %%", jz_fixed_format(bp, 2, bp % 100 ? 2 : 0, t, sizeof t));
    return buf;
}

int jz_payment_terms(const jz_rules *rules, const jz_rfile *f, const jz_rcentre *c, int instalment, char *payable,
                     char *withheld, size_t cap)
{
    if (!rules->has_payment || f->hours_only || !c->scored)
        return -1;  /* no terms, or no grade to apply them to (a jz-hours result, a centre not scored) */
    /* Unless told, the evaluation decides the instalment of its moment: a result as of a date
     * before the contract's end is the mid-term one (dates compare as YYYY-MM-DD text). */
    bool mid = c->end[0] && strcmp(c->as_of, c->end) < 0;
    int64_t which = instalment > 0 ? instalment : mid ? rules->mid_term_instalment : rules->end_term_instalment;
    int k = which >= 1 && which <= rules->ninstalments ? (int)which - 1 : rules->ninstalments - 1;
    int64_t share = rules->instalment_bp[k];
    char a[32], b[32], d[32];
    if (undetermined(rules, f, c, payable, cap))
        return 0;
    snprintf(payable, cap, D_(": instalment %d (%s of the contract) is payable"), k + 1, bp_text(share, a));
    snprintf(withheld, cap, D_(": instalment %d (%s) is withheld until the centre rectifies; a passed "
                               "re-check pays %s of it (%s of the contract), a second failure %s"), k + 1, bp_text(share, a),
             bp_text(rules->recheck_bp, b), bp_text(share * rules->recheck_bp / 10000, d),
             rules->second_failure_bp ? bp_text(rules->second_failure_bp, (char[32]){0}) : D_("nothing"));
    return 1;
}

bool jz_payment_sentence(const jz_rules *rules, const jz_rfile *f, const jz_rcentre *c, int instalment,
                         char *buf, size_t cap)
{
    char payable[400], withheld[400];
    int t = jz_payment_terms(rules, f, c, instalment, payable, withheld, sizeof payable);
    if (t < 0)
        return false;
    if (t == 0)
        snprintf(buf, cap, "%s", payable);
    else if (jz_rfile_grade_at_least(f, c->grade, rules->pass_grade))
        snprintf(buf, cap, D_("%s (%s or better)%s"), c->grade, rules->pass_grade, payable);
    else
        snprintf(buf, cap, D_("%s (below %s)%s"), c->grade[0] ? c->grade : D_("no grade"), rules->pass_grade, withheld);
    return true;
}

const char *jz_rcentre_hours_status(const jz_rcentre *c)
{
    if (!c->nhours)
        return "n/a";
    for (size_t i = 0; i < c->nhours; i++)  /* no records: delivery was not checked */
        if (strcmp(c->hours[i].check, "service_hours") == 0 && strcmp(c->hours[i].status, "n/a") == 0)
            return "n/a";
    for (size_t i = 0; i < c->nhours; i++)
        if (strcmp(c->hours[i].status, "short") == 0 || strcmp(c->hours[i].status, "over") == 0)
            return "short";
    return "ok";
}
