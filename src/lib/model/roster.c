/* roster.c — see include/jz/roster.h */
#include "jz/roster.h"
#include "jz/schema.h"
#include "jz/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jz_roster_init(jz_roster *r)
{
    memset(r, 0, sizeof *r);
    r->keys = jz_strmap_new();
    r->ids = jz_strmap_new();
}

void jz_roster_free(jz_roster *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].centre);
        free(r->v[i].name);
    }
    free(r->v);
    jz_strmap_free(r->keys);
    jz_strmap_free(r->ids);
    memset(r, 0, sizeof *r);
}

/* The key "a\x1fb" in buf (cap bytes) when it fits, else in a buffer of its own (free it
 * when it is not buf): two ids are never cut to the same key. */
static char *key2(char *buf, size_t cap, const char *a, size_t an, const char *b, size_t bn, size_t *kn)
{
    char *k = an + bn + 2 <= cap ? buf : jz_xmalloc(an + bn + 2);
    memcpy(k, a, an);
    k[an] = '\x1f';
    memcpy(k + an + 1, b, bn);
    k[an + 1 + bn] = '\0';
    *kn = an + 1 + bn;
    return k;
}

typedef struct load_ctx {
    jz_roster *r;
    const char *path;
    jz_diag *diag;
} load_ctx;

static int on_staff(void *vctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    (void)h;
    load_ctx *ctx = vctx;
    jz_roster *r = ctx->r;
    if (nerr)
        return 0;
    if (f[JZ_S_START].ok && f[JZ_S_END].ok && f[JZ_S_END].v.day < f[JZ_S_START].v.day) {
        jz_diag_emit(ctx->diag, JZ_ERROR, ctx->path, row->line, h->idx[JZ_S_END] + 1, "end_date",
                     "date-order", "end_date %.*s is before start_date %.*s", (int)f[JZ_S_END].n,
                     f[JZ_S_END].s, (int)f[JZ_S_START].n, f[JZ_S_START].s);
        return 0;
    }
    char buf[512];
    size_t kn;
    char *key = key2(buf, sizeof buf, f[JZ_S_CENTRE].s, f[JZ_S_CENTRE].n, f[JZ_S_STAFF].s, f[JZ_S_STAFF].n, &kn);
    bool added;
    long idx = jz_strmap_put(r->keys, key, kn, &added);
    if (key != buf)
        free(key);
    if (!added) {
        const jz_staff *o = &r->v[idx];
        jz_diag_emit(ctx->diag, JZ_ERROR, ctx->path, row->line, h->idx[JZ_S_STAFF] + 1, "staff",
                     "duplicate-staff", "staff %.*s of centre %.*s is already on the roster at %s:%ld: "
                     "one row per staff member (a rehire keeps the same row with new dates)",
                     (int)f[JZ_S_STAFF].n, f[JZ_S_STAFF].s, (int)f[JZ_S_CENTRE].n, f[JZ_S_CENTRE].s,
                     o->file, o->line);
        return 0;
    }
    jz_strmap_put(r->ids, f[JZ_S_STAFF].s, f[JZ_S_STAFF].n, NULL);
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = jz_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    jz_staff *s = &r->v[r->n++];
    s->id = jz_xstrndup(f[JZ_S_STAFF].s, f[JZ_S_STAFF].n);
    s->centre = jz_xstrndup(f[JZ_S_CENTRE].s, f[JZ_S_CENTRE].n);
    s->name = jz_xstrndup(f[JZ_S_NAME].s, f[JZ_S_NAME].n);
    s->qual = f[JZ_S_QUAL].v.e;
    s->prof = f[JZ_S_PROF].ok ? f[JZ_S_PROF].v.e : -1;
    s->counted = f[JZ_S_COUNTED].v.e == JZ_YES;
    s->start = f[JZ_S_START].ok ? f[JZ_S_START].v.day : JZ_NO_DAY;
    s->end = f[JZ_S_END].ok ? f[JZ_S_END].v.day : JZ_NO_DAY;
    s->file = ctx->path;
    s->line = row->line;
    return 0;
}

jz_code jz_roster_load(jz_roster *r, const char *path, jz_encoding enc, jz_diag *diag,
                       jz_table_info *info, jz_error *err)
{
    load_ctx ctx = {r, path, diag};
    jz_code code = jz_table_read(path, JZ_FILE_ROSTER, enc, diag, on_staff, &ctx, info, err);
    return code;
}

const jz_staff *jz_roster_find(const jz_roster *r, const char *centre, const char *id)
{
    char buf[512];
    size_t kn;
    char *key = key2(buf, sizeof buf, centre, strlen(centre), id, strlen(id), &kn);
    long i = jz_strmap_get(r->keys, key, kn);
    if (key != buf)
        free(key);
    return i < 0 ? NULL : &r->v[i];
}

const jz_staff *jz_roster_find_any(const jz_roster *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0)
            return &r->v[i];
    return NULL;
}

bool jz_staff_on(const jz_staff *s, jz_day d)
{
    return (s->start == JZ_NO_DAY || s->start <= d) && (s->end == JZ_NO_DAY || d <= s->end);
}
