/* verify_result.c — see include/jz/verify_result.h. */
#include "jz/verify_result.h"
#include "jz/i18n.h"
#include "jz/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const jz_ynode *get(const jz_ynode *m, const char *key)
{
    return m && m->kind == JZ_Y_MAP ? jz_y_get(m, key) : NULL;
}

/* A fixed decimal with up to 4 places -> FP; -1 for null or absent; false if malformed. */
static bool fixed4(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t *out, char *text, size_t cap,
                   jz_error *err)
{
    *out = -1;
    if (text)
        snprintf(text, cap, "%s", "");
    if (!n || (n->kind == JZ_Y_SCALAR && !n->quoted && strcmp(n->value, "null") == 0))
        return true;
    if (text && n->kind == JZ_Y_SCALAR)
        snprintf(text, cap, "%s", n->value);
    return jz_y_fixed(d, n, what, 4, out, err);
}

static bool count(const jz_ydoc *d, const jz_ynode *n, const char *what, long *out, jz_error *err)
{
    int64_t v = 0;
    if (!jz_y_int(d, jz_y_need(d, n, _("an estimate"), what, err), what, &v, err))
        return false;
    *out = (long)v;
    return true;
}

/* The scalar's text as written, "n/a" for null or absent. */
static void text_of(const jz_ynode *n, char *buf, size_t cap)
{
    bool null = !n || n->kind != JZ_Y_SCALAR || (!n->quoted && strcmp(n->value, "null") == 0);
    snprintf(buf, cap, "%s", null ? "n/a" : n->value);
}

static void factor_texts(const jz_ynode *f, char fac[3][16], char *reading, size_t cap)
{
    static const char *const keys[] = {"factor", "low", "high"};
    for (int i = 0; i < 3; i++)
        text_of(get(f, keys[i]), fac[i], 16);
    text_of(get(f, "reading"), reading, cap);
}

static bool centre_entry(jz_vresults *r, const jz_ydoc *d, const jz_ynode *e, jz_error *err)
{
    const char *centre;
    long differs = 0, not_found = 0;
    jz_vcentre c = {0};
    int64_t rate;
    if (!jz_y_string(d, jz_y_need(d, e, _("an estimate"), "centre", err), "centre", &centre, err) ||
        !count(d, e, "checked", &c.checked, err) || !count(d, e, "differs", &differs, err) ||
        !count(d, e, "not_found", &not_found, err) || !count(d, e, "drawn", &c.drawn, err) ||
        !count(d, e, "verified", &c.verified, err) || !count(d, e, "not_checked", &c.not_checked, err))
        return false;
    c.differs = differs, c.not_found = not_found;
    factor_texts(get(e, "hours"), c.hours_fac, c.hours_reading, sizeof c.hours_reading);
    factor_texts(get(e, "participants"), c.part_fac, c.part_reading, sizeof c.part_reading);
    text_of(get(e, "reported_hours"), c.reported_h, sizeof c.reported_h);
    text_of(get(e, "estimated_true_hours"), c.true_h, sizeof c.true_h);
    text_of(get(e, "overstated_hours"), c.over_h, sizeof c.over_h);
    text_of(get(e, "overstated_hours_lower_bound"), c.over_lb_h, sizeof c.over_lb_h);
    const jz_ynode *er = get(e, "error_rate"), *h = get(e, "hours"), *p = get(e, "participants");
    if (!fixed4(d, get(er, "low"), "error_rate.low", &c.err_low, NULL, 0, err) ||
        !fixed4(d, get(er, "high"), "error_rate.high", &c.err_high, NULL, 0, err) ||
        !fixed4(d, get(er, "estimate"), "error_rate.estimate", &rate, NULL, 0, err) ||
        !fixed4(d, get(h, "conservative"), "hours.conservative", &c.hours_cons, c.hours_text, sizeof c.hours_text, err) ||
        !fixed4(d, get(p, "conservative"), "participants.conservative", &c.part_cons, c.part_text, sizeof c.part_text,
                err))
        return false;
    if (jz_vresults_find(r, centre))
        return jz_y_fail(d, e, err, "centre %s has two estimates: give each centre's verification once", centre);
    c.errors = differs + not_found;
    c.centre = jz_xstrdup(centre);
    r->v = jz_xrealloc(r->v, (r->n + 1) * sizeof *r->v);
    r->v[r->n++] = c;
    return true;
}

jz_code jz_vresults_load(jz_vresults *r, const char *path, jz_error *err)
{
    memset(r, 0, sizeof *r);
    jz_error_clear(err);
    size_t n;
    char *text = jz_yaml_read(path, 0, "", &n, err);
    if (!text)
        return err->code;
    jz_ydoc *d = jz_yaml_parse_limit(text, n, strcmp(path, "-") ? path : "<stdin>", (size_t)50 << 20, err);
    free(text);
    if (!d)
        return err->code;
    const jz_ynode *root = d->root, *schema = get(root, "schema"), *est = get(root, "estimates");
    bool ok = true;
    if (!schema || schema->kind != JZ_Y_SCALAR || strcmp(schema->value, JZ_VERIFY_SCHEMA) != 0 || !est ||
        est->kind != JZ_Y_SEQ) {
        jz_error_set(err, JZ_EINPUT, path, 0, 0, "not a result of jz-verify (schema '%s', expected %s): make one with "
                     "jz-verify --format json", schema && schema->kind == JZ_Y_SCALAR ? schema->value : "",
                     JZ_VERIFY_SCHEMA);
        ok = false;
    }
    for (size_t i = 0; ok && i < est->n; i++) {
        const jz_ynode *e = est->items[i], *level = get(e, "level");
        if (level && level->kind == JZ_Y_SCALAR && strcmp(level->value, "centre") == 0)
            ok = centre_entry(r, d, e, err);
    }
    jz_yaml_free(d);
    if (ok)
        r->path = jz_xstrdup(path);
    else
        jz_vresults_free(r);
    return ok ? JZ_OK : err->code;
}

const jz_vcentre *jz_vresults_find(const jz_vresults *r, const char *centre)
{
    for (size_t i = 0; r && i < r->n; i++)
        if (strcmp(r->v[i].centre, centre) == 0)
            return &r->v[i];
    return NULL;
}

void jz_vresults_free(jz_vresults *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].centre);
    free(r->v);
    free(r->path);
    memset(r, 0, sizeof *r);
}
