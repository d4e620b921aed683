/* diff_write_json.c — see include/jz/diff_write.h: schema "jiazong-score-diff/1", as
 * documented in jz-score(1), DIFF. Every centre, section, indicator and input is listed
 * with its state; a number is {"a":..,"b":..,"change":..}, null where a side has none. */
#include "jz/diag.h"
#include "jz/emit.h"
#include "jz/diff_write.h"

#include <string.h>

static void key(FILE *fp, const char *k, bool comma)
{
    fprintf(fp, "%s\"%s\":", comma ? "," : "", k);
}

static void kv(FILE *fp, const char *k, const char *v, bool comma)
{
    key(fp, k, comma);
    jz_json_string(fp, v ? v : "");
}

/* A string, or null when NULL or empty. */
static void kv_null(FILE *fp, const char *k, const char *v, bool comma)
{
    key(fp, k, comma);
    if (v && v[0])
        jz_json_string(fp, v);
    else
        fputs("null", fp);
}

static void number(FILE *fp, const jz_dnum *n, char which)
{
    char b[40];
    jz_dnum_format(n, which, b, sizeof b);
    fputs(b[0] ? b + (b[0] == '+') : "null", fp);
}

static void knum(FILE *fp, const char *k, const jz_dnum *n, bool comma)
{
    key(fp, k, comma);
    fputs("{\"a\":", fp);
    number(fp, n, 'a');
    fputs(",\"b\":", fp);
    number(fp, n, 'b');
    fputs(",\"change\":", fp);
    number(fp, n, 'd');
    fputc('}', fp);
}

/* {"a":"x","b":"y"}, either null when absent or empty. */
static void kpair(FILE *fp, const char *k, const char *a, const char *b, bool comma)
{
    key(fp, k, comma);
    fputc('{', fp);
    kv_null(fp, "a", a, false);
    kv_null(fp, "b", b, true);
    fputc('}', fp);
}

static void why(FILE *fp, unsigned w)
{
    fputs(",\"why\":[", fp);
    bool first = true;
    for (int k = 0; k < JZ_WHY_N; k++)
        if (w & (1u << k)) {
            fputs(first ? "" : ",", fp);
            jz_json_string(fp, jz_why_names[k]);
            first = false;
        }
    fputc(']', fp);
}

static void defs(FILE *fp, unsigned d)
{
    static const char *const names[] = {"points", "method", "measure", "section", "title", "party"};
    fputs(",\"differs\":[", fp);
    bool first = true;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (d & (1u << k)) {
            fprintf(fp, "%s\"%s\"", first ? "" : ",", names[k]);
            first = false;
        }
    fputc(']', fp);
}

static void side(FILE *fp, const char *k, const jz_result_diff *d, int which)
{
    const jz_rfile *f = which ? d->fb : d->fa;
    key(fp, k, true);
    fputc('{', fp);
    kv(fp, "file", f->path, false);
    kv(fp, "tool", f->tool, true);
    fputs(",\"rubric\":{", fp);
    kv(fp, "id", f->rubric_id, false);
    kv(fp, "version", f->rubric_version, true);
    kv_null(fp, "sha256", f->rubric_sha256, true);
    fputs(",\"scale\":", fp);
    fputs(f->scale.text[0] ? f->scale.text : "null", fp);
    fputs("},\"rules\":{", fp);
    kv_null(fp, "id", f->rules_id, false);
    kv_null(fp, "version", f->rules_version, true);
    kv_null(fp, "sha256", d->rules_sha[which], true);
    fputs("},\"calendar\":{", fp);
    kv_null(fp, "sha256", d->calendar_sha[which], false);
    fputs("}}", fp);
}

static void def_of(FILE *fp, const char *k, const jz_rind *i)
{
    key(fp, k, true);
    if (!i) {
        fputs("null", fp);
        return;
    }
    fputc('{', fp);
    kv(fp, "title", i->title, false);
    kv(fp, "section", i->section, true);
    kv(fp, "party", i->party, true);
    kv(fp, "measure", i->measure, true);
    kv(fp, "method", i->method, true);
    fprintf(fp, ",\"points\":%s}", i->possible.text[0] ? i->possible.text : "null");
}

static void provenance(FILE *fp, const jz_result_diff *d)
{
    fputs(",\"provenance\":{", fp);
    kv(fp, "rubric", d->rubric_changed ? "changed" : "same", false);
    kv(fp, "scale", d->scale_changed ? "changed" : "same", true);
    kv(fp, "grades", d->grades_changed ? "changed" : "same", true);
    kv(fp, "rules", jz_dprov_name(d->rules), true);
    kv(fp, "calendar", jz_dprov_name(d->calendar), true);
    kv(fp, "tool", d->tool_changed ? "changed" : "same", true);
    fputs(",\"differs\":[", fp);
    bool first = true;
    for (int k = 0; k < JZ_WHY_N; k++)
        if (d->differs & (1u << k)) {
            fputs(first ? "" : ",", fp);
            jz_json_string(fp, jz_why_names[k]);
            first = false;
        }
    fputs("],\"indicators\":[", fp);
    for (size_t k = 0; k < d->ndefs; k++) {
        const jz_ddef *x = &d->defs[k];
        fputs(k ? ",\n  {" : "\n  {", fp);
        kv(fp, "id", x->id, false);
        kv(fp, "state", jz_dstate_name(x->state), true);
        defs(fp, x->defs);
        def_of(fp, "a", x->a);
        def_of(fp, "b", x->b);
        fputc('}', fp);
    }
    fputs("],\"inputs\":[", fp);
    for (size_t k = 0; k < d->ninputs; k++) {
        const jz_dinput *in = &d->inputs[k];
        fputs(k ? ",\n  {" : "\n  {", fp);
        kv(fp, "role", in->role, false);
        kv(fp, "state", jz_dstate_name(in->state), true);
        fputs(",\"a\":", fp);
        if (in->file_a) {
            fputc('{', fp);
            kv(fp, "file", in->file_a, false);
            kv_null(fp, "sha256", in->sha_a, true);
            fputc('}', fp);
        } else
            fputs("null", fp);
        fputs(",\"b\":", fp);
        if (in->file_b) {
            fputc('{', fp);
            kv(fp, "file", in->file_b, false);
            kv_null(fp, "sha256", in->sha_b, true);
            fputc('}', fp);
        } else
            fputs("null", fp);
        fputc('}', fp);
    }
    fputs("]}", fp);
}

static void sections(FILE *fp, const jz_dcentre *c)
{
    fputs(",\"sections\":[", fp);
    for (size_t k = 0; k < c->nsec; k++) {
        const jz_dsec *s = &c->sec[k];
        fputs(k ? ",{" : "{", fp);
        kv(fp, "id", s->id, false);
        kv(fp, "state", jz_dstate_name(s->state), true);
        knum(fp, "earned", &s->earned, true);
        knum(fp, "possible", &s->possible, true);
        why(fp, s->why);
        fputc('}', fp);
    }
    fputc(']', fp);
}

static void indicators(FILE *fp, const jz_dcentre *c)
{
    fputs(",\"indicators\":[", fp);
    for (size_t k = 0; k < c->nind; k++) {
        const jz_dind *x = &c->ind[k];
        fputs(k ? ",\n   {" : "\n   {", fp);
        kv(fp, "id", x->id, false);
        kv(fp, "state", jz_dstate_name(x->state), true);
        kv(fp, "section", (x->b ? x->b : x->a)->section, true);
        kv(fp, "measure", (x->b ? x->b : x->a)->measure, true);
        defs(fp, x->defs);
        kpair(fp, "status", x->a ? x->a->status : NULL, x->b ? x->b->status : NULL, true);
        kpair(fp, "value_text", x->a ? x->a->value_text : NULL, x->b ? x->b->value_text : NULL, true);
        knum(fp, "value", &x->value, true);
        knum(fp, "target", &x->target, true);
        knum(fp, "ratio", &x->ratio, true);
        knum(fp, "fraction", &x->fraction, true);
        knum(fp, "earned", &x->earned, true);
        knum(fp, "possible", &x->possible, true);
        why(fp, x->why);
        fputc('}', fp);
    }
    fputc(']', fp);
}

static void applied(FILE *fp, const jz_dcentre *c)
{
    fputs(",\"applied\":[", fp);
    for (size_t k = 0; k < c->napplied; k++) {
        const jz_dapplied *x = &c->applied[k];
        const jz_rapplied *r = x->b ? x->b : x->a;
        fputs(k ? ",{" : "{", fp);
        kv(fp, "what", r->what, false);
        kv(fp, "id", r->id, true);
        kv(fp, "state", jz_dstate_name(x->state), true);
        knum(fp, "points", &x->points, true);
        kpair(fp, "detail", x->a ? x->a->detail : NULL, x->b ? x->b->detail : NULL, true);
        fputc('}', fp);
    }
    fputc(']', fp);
}

static void centre(FILE *fp, const jz_dcentre *c)
{
    const jz_rcentre *a = c->a, *b = c->b;
    fputc('{', fp);
    kv(fp, "centre", (b ? b : a)->centre, false);
    kv(fp, "state", jz_dstate_name(c->state), true);
    kpair(fp, "contract", a ? a->contract : NULL, b ? b->contract : NULL, true);
    kpair(fp, "as_of", a ? a->as_of : NULL, b ? b->as_of : NULL, true);
    kpair(fp, "as_of_reason", a ? a->as_of_reason : NULL, b ? b->as_of_reason : NULL, true);
    knum(fp, "records", &c->records, true);
    knum(fp, "total", &c->total, true);
    kpair(fp, "grade", a ? a->grade : NULL, b ? b->grade : NULL, true);
    kpair(fp, "grade_note", a ? a->grade_note : NULL, b ? b->grade_note : NULL, true);
    knum(fp, "earned", &c->earned, true);
    knum(fp, "applicable", &c->applicable, true);
    knum(fp, "coverage", &c->coverage, true);
    knum(fp, "deductions", &c->deductions, true);
    why(fp, c->why);
    sections(fp, c);
    indicators(fp, c);
    applied(fp, c);
    fputc('}', fp);
}

void jz_diff_write_json(FILE *fp, const void *doc)
{
    const jz_result_diff *d = doc;
    fprintf(fp, "{\"schema\":\"%s\",\"tool\":\"jz-score %s\",\"different\":%s", JZ_DIFF_SCHEMA, JZ_VERSION,
            d->different ? "true" : "false");
    side(fp, "a", d, 0);
    side(fp, "b", d, 1);
    provenance(fp, d);
    fprintf(fp, ",\n\"summary\":{\"centres\":%zu,\"same\":%zu,\"changed\":%zu,\"added\":%zu,\"removed\":%zu,"
                "\"as_of_changed\":%zu},\n\"centres\":[",
            d->ncentres, d->nsame, d->nchanged, d->nadded, d->nremoved, d->nas_of);
    for (size_t k = 0; k < d->ncentres; k++) {
        fputs(k ? ",\n  " : "\n  ", fp);
        centre(fp, &d->centres[k]);
    }
    fputs("]}\n", fp);
}
