/* verify_load.c — see include/jz/verify_load.h. The draw's fields are documented in
 * jz-sample(1), OUTPUT FORMATS; the verification file in jiazong-records(5). */
#include "jz/verify_load.h"
#include "jz/i18n.h"
#include "jz/date.h"
#include "jz/hash.h"
#include "jz/sample.h"
#include "jz/table.h"
#include "jz/text.h"
#include "jz/yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a jz_vdraw owns besides its arrays. */
typedef struct pool {
    char **s;
    size_t n, cap;
    jz_strmap *strata;   /* centre \x1f value -> raw stratum index (while loading) */
    jz_strmap *items;    /* centre \x1f id -> item index (after sorting) */
} pool;

static const char *keep(pool *p, const char *s, size_t n)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->s = jz_xrealloc(p->s, p->cap * sizeof *p->s);
    }
    return p->s[p->n++] = jz_xstrndup(s, n);
}

/* "centre\x1fid": ids and centres are text without control characters. malloc'd. */
static char *pair(const char *a, const char *b, size_t *len)
{
    size_t na = strlen(a), nb = strlen(b);
    char *k = jz_xmalloc(na + nb + 2);
    memcpy(k, a, na);
    k[na] = '\x1f';
    memcpy(k + na + 1, b, nb + 1);
    *len = na + nb + 1;
    return k;
}

void jz_vdraw_free(jz_vdraw *d)
{
    if (!d)
        return;
    pool *p = d->pool;
    if (p) {
        for (size_t i = 0; i < p->n; i++)
            free(p->s[i]);
        free(p->s);
        jz_strmap_free(p->strata);
        jz_strmap_free(p->items);
        free(p);
    }
    free(d->strata);
    free(d->items);
    memset(d, 0, sizeof *d);
}

/* ---- one drawn item, from a csv row or a json object ---- */

enum dcol { D_SHA, D_METHOD, D_CENTRE, D_STRATUM, D_RANK, D_ID, D_SPOP, D_SAVAIL, D_SDRAWN, D_RPART,
            D_RHOURS, D_SRPART, D_SRHOURS, D_N, D_FRAC = D_N, D_ALL };   /* D_FRAC: pps draws only */
static const char *const dcol_name[D_ALL] = {
    "seed_sha256", "method", "centre", "stratum", "rank", "client", "stratum_population",
    "stratum_available", "stratum_drawn", "reported_participants", "reported_hours",
    "stratum_reported_participants", "stratum_reported_hours", "inclusion_fraction"};

typedef struct dfield {
    const char *s;       /* NULL when absent */
    size_t n;
    long line, col;
} dfield;

typedef struct loader {
    jz_vdraw *d;
    pool *p;
    jz_diag *diag;
    const char *path;
    size_t item_cap, stratum_cap;
    long errors;
} loader;

static bool bad(loader *l, const dfield *f, long line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static bool bad(loader *l, const dfield *f, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    jz_diag_emit(l->diag, JZ_ERROR, l->path, f ? f->line : line, f ? f->col : 0, "", "bad-draw", "%s", msg);
    l->errors++;
    return false;
}

static bool num(loader *l, const dfield *f, int c, bool hours, int64_t *out)
{
    if (hours ? jz_hours_parse(f->s, f->n, out) : jz_uint_parse(f->s, f->n, out))
        return true;
    return bad(l, f, 0, "%s '%s' is not a number of 0 or more: the draw was edited; draw again or restore it",
               dcol_name[c], f->s);
}

static bool head_fields(loader *l, const dfield *f)
{
    jz_vdraw *d = l->d;
    bool hex = f[D_SHA].n == 64;
    for (size_t i = 0; i < f[D_SHA].n && hex; i++)
        hex = strchr("0123456789abcdef", f[D_SHA].s[i]) != NULL;
    if (!hex)
        return bad(l, &f[D_SHA], 0, "seed_sha256 '%s' is not a SHA-256 in hex", f[D_SHA].s);
    if (!d->seed_sha256[0])
        memcpy(d->seed_sha256, f[D_SHA].s, 65);
    else if (strcmp(d->seed_sha256, f[D_SHA].s) != 0)
        return bad(l, &f[D_SHA], 0, "seed_sha256 %s differs from the first row's %s: one draw per run",
                   f[D_SHA].s, d->seed_sha256);
    bool pps = strcmp(f[D_METHOD].s, JZ_SAMPLE_METHOD_PPS) == 0;
    if (!pps && strcmp(f[D_METHOD].s, JZ_SAMPLE_METHOD) != 0)
        return bad(l, &f[D_METHOD], 0, "method '%s' is not %s or %s: this jz-verify weighs draws of those methods only",
                   f[D_METHOD].s, JZ_SAMPLE_METHOD, JZ_SAMPLE_METHOD_PPS);
    if (!d->nitems)
        d->pps = pps, d->method = pps ? JZ_SAMPLE_METHOD_PPS : JZ_SAMPLE_METHOD;
    else if (pps != d->pps)
        return bad(l, &f[D_METHOD], 0, "method %s differs from the first row's %s: one draw per run", f[D_METHOD].s,
                   d->method);
    return true;
}

static size_t stratum_of(loader *l, const dfield *f, const int64_t *v, bool *ok)
{
    jz_vdraw *d = l->d;
    size_t n;
    char *k = pair(f[D_CENTRE].s, f[D_STRATUM].s, &n);
    bool added;
    size_t s = (size_t)jz_strmap_put(l->p->strata, k, n, &added);
    free(k);
    *ok = true;
    if (added) {
        if (s >= l->stratum_cap) {
            l->stratum_cap = l->stratum_cap ? 2 * l->stratum_cap : 16;
            d->strata = jz_xrealloc(d->strata, l->stratum_cap * sizeof *d->strata);
        }
        d->strata[s] = (jz_vstratum){keep(l->p, f[D_CENTRE].s, f[D_CENTRE].n), keep(l->p, f[D_STRATUM].s, f[D_STRATUM].n),
                                     (size_t)v[D_SPOP], (size_t)v[D_SAVAIL], (size_t)v[D_SDRAWN], v[D_SRPART],
                                     v[D_SRHOURS], 0, 0};
        d->nstrata++;
        if (v[D_SAVAIL] > v[D_SPOP] || v[D_SDRAWN] > v[D_SAVAIL] || v[D_SDRAWN] == 0)
            *ok = bad(l, &f[D_SDRAWN], 0, "stratum %s: drawn, available and population do not fit (0 < drawn <= "
                      "available <= population): the draw was edited", d->strata[s].value);
        return s;
    }
    const jz_vstratum *st = &d->strata[s];
    if ((size_t)v[D_SPOP] != st->population || (size_t)v[D_SAVAIL] != st->available ||
        (size_t)v[D_SDRAWN] != st->drawn || v[D_SRPART] != st->rep_participants || v[D_SRHOURS] != st->rep_minutes)
        *ok = bad(l, &f[D_SPOP], 0, "the stratum fields of %s %s differ from its first row's: the draw was edited",
                  st->centre, st->value);
    return s;
}

static void add_item(loader *l, const dfield *f, long line)
{
    int64_t v[D_N] = {0};
    for (int c = 0; c < D_N; c++)
        if (!f[c].s || !f[c].n) {
            bad(l, f[c].s ? &f[c] : NULL, line, "%s is empty: every drawn item has one (jz-sample wrote it)",
                dcol_name[c]);
            return;
        }
    if (!head_fields(l, f))
        return;
    static const int numeric[] = {D_RANK, D_SPOP, D_SAVAIL, D_SDRAWN, D_RPART, D_SRPART};
    for (size_t i = 0; i < sizeof numeric / sizeof *numeric; i++)
        if (!num(l, &f[numeric[i]], numeric[i], false, &v[numeric[i]]))
            return;
    if (!num(l, &f[D_RHOURS], D_RHOURS, true, &v[D_RHOURS]) || !num(l, &f[D_SRHOURS], D_SRHOURS, true, &v[D_SRHOURS]))
        return;
    /* a pps draw: the unit's own inclusion probability, exactly, from its fraction k'm/M */
    double pi = 0;
    if (l->d->pps) {
        const dfield *q = &f[D_FRAC];
        const char *slash = q->s ? memchr(q->s, '/', q->n) : NULL;
        int64_t a = 0, b = 0;
        if (!slash || !jz_uint_parse(q->s, (size_t)(slash - q->s), &a) ||
            !jz_uint_parse(slash + 1, q->n - (size_t)(slash + 1 - q->s), &b) || a <= 0 || b <= 0 || a > b) {
            bad(l, q->s ? q : NULL, line, "inclusion_fraction '%.*s' is not a fraction 0 < k'm/M <= 1: a %s draw "
                "carries each unit's (jz-sample --weights wrote it)", q->s ? (int)q->n : 0, q->s ? q->s : "",
                JZ_SAMPLE_METHOD_PPS);
            return;
        }
        pi = (double)a / (double)b;
    }
    bool ok;
    size_t s = stratum_of(l, f, v, &ok);
    if (!ok)
        return;
    jz_vdraw *d = l->d;
    if (d->nitems == l->item_cap) {
        l->item_cap = l->item_cap ? 2 * l->item_cap : 64;
        d->items = jz_xrealloc(d->items, l->item_cap * sizeof *d->items);
    }
    jz_vitem *it = &d->items[d->nitems++];
    memset(it, 0, sizeof *it);
    it->centre = d->strata[s].centre;
    it->id = keep(l->p, f[D_ID].s, f[D_ID].n);
    it->stratum = s;
    it->rank = (size_t)v[D_RANK];
    it->draw_line = line;
    it->rep_participants = v[D_RPART];
    it->rep_minutes = v[D_RHOURS];
    it->result = JZ_VR_NOT_CHECKED;
    it->pi = pi;
    it->file = it->evaluator = it->note = "";
}

/* ---- csv ---- */

static int find(const jz_row *row, const char *name)
{
    char norm[128];
    for (size_t i = 0; i < row->nfields; i++) {
        jz_text_norm(row->fields[i], row->lens[i], norm, sizeof norm);
        if (strcmp(norm, name) == 0)
            return (int)i;
    }
    return -1;
}

/* Whether row names every column of a draw (the header, below title rows too). */
static bool is_draw_header(const jz_row *row, void *ctx)
{
    (void)ctx;
    if (find(row, dcol_name[D_ID]) < 0 && find(row, "activity") < 0)
        return false;
    for (int c = 0; c < D_N; c++)
        if (c != D_ID && find(row, dcol_name[c]) < 0)
            return false;
    return true;
}

static bool csv_header(loader *l, const jz_row *row, int *idx)
{
    for (int c = 0; c < D_ALL; c++)
        idx[c] = find(row, dcol_name[c]);
    if (idx[D_ID] < 0 && (idx[D_ID] = find(row, "activity")) >= 0)
        l->d->unit = "activity";
    for (int c = 0; c < D_N; c++)
        if (idx[c] < 0) {
            jz_diag_emit(l->diag, JZ_ERROR, l->path, row->line, 0, "", "not-a-draw",
                         "no %s column: this is not a draw of clients or activities by jz-sample --format csv "
                         "(one that carries the weight fields; draw again with this release)",
                         c == D_ID ? "client or activity" : dcol_name[c]);
            l->errors++;
            return false;
        }
    return true;
}

static void csv_row(loader *l, const jz_row *row, const int *idx)
{
    dfield f[D_ALL];
    for (int c = 0; c < D_ALL; c++) {
        const char *s = idx[c] >= 0 && (size_t)idx[c] < row->nfields ? row->fields[idx[c]] : NULL;
        size_t n = s ? row->lens[idx[c]] : 0;
        if (s)
            n = jz_text_trim(&s, n);
        f[c] = (dfield){s, n, row->line, idx[c] + 1};
    }
    add_item(l, f, row->line);
}

static jz_code load_csv(loader *l, jz_encoding enc, jz_error *err)
{
    jz_rowsrc *r = jz_rowsrc_open(l->path, &(jz_rowsrc_opts){.enc = enc}, l->diag, err);
    if (!r)
        return err->code;
    jz_row row, *header = NULL;
    int idx[D_ALL];
    l->d->unit = "client";
    /* none of the first rows names a draw's columns: the first row is refused (not-a-draw) */
    int rc = jz_table_find_header(r, l->path, is_draw_header, NULL, l->diag, &header, err);
    if (rc == 0 && (rc = jz_rowsrc_next(r, &row, err)) > 0)
        header = jz_row_copy(&row);
    bool read = rc >= 0, ok = rc > 0 && csv_header(l, header, idx);
    jz_row_free(header);
    while (ok && (rc = jz_rowsrc_next(r, &row, err)) > 0)
        csv_row(l, &row, idx);
    jz_rowsrc_close(r);
    if (rc < 0 && (ok || !read))
        return err->code;
    return JZ_OK;
}

/* ---- json ---- */

static dfield yfield(const jz_ynode *m, const char *key)
{
    const jz_ynode *v = m && m->kind == JZ_Y_MAP ? jz_y_get(m, key) : NULL;
    if (!v || v->kind != JZ_Y_SCALAR || (!v->quoted && strcmp(v->value, "null") == 0))
        return (dfield){NULL, 0, m ? m->line : 0, 0};
    return (dfield){v->value, strlen(v->value), v->line, v->col};
}

static jz_code load_json(loader *l, const char *text, size_t len, jz_error *err)
{
    jz_ydoc *doc = jz_yaml_parse_limit(text, len, l->path, (size_t)200 << 20, err);
    if (!doc)
        return err->code;
    const jz_ynode *root = doc->root;
    dfield schema = yfield(root, "schema"), what = yfield(root, "draw");
    const jz_ynode *draws = root && root->kind == JZ_Y_MAP ? jz_y_get(root, "draws") : NULL;
    bool units = what.s && (strcmp(what.s, "clients") == 0 || strcmp(what.s, "activities") == 0);
    if (!schema.s || strcmp(schema.s, "jiazong-sample/1") != 0 || !units || !draws || draws->kind != JZ_Y_SEQ) {
        jz_diag_emit(l->diag, JZ_ERROR, l->path, 1, 0, "", "not-a-draw",
                     "not a draw of clients or activities by jz-sample --format json (schema jiazong-sample/1)");
        l->errors++;
        jz_yaml_free(doc);
        return JZ_OK;
    }
    l->d->unit = what.s[0] == 'c' ? "client" : "activity";
    for (size_t i = 0; i < draws->n; i++) {
        const jz_ynode *o = draws->items[i];
        dfield f[D_ALL];
        for (int c = 0; c < D_ALL; c++)
            f[c] = yfield(c <= D_METHOD ? root : o, c == D_ID ? l->d->unit : dcol_name[c]);
        add_item(l, f, o->line);
        if (l->errors && !f[D_SPOP].s)
            break;  /* an old draw without the weights: once is enough */
    }
    jz_yaml_free(doc);
    return JZ_OK;
}

/* ---- order and integrity ---- */

static const jz_vdraw *sort_draw;
static int cmp_stratum(const void *a, const void *b)
{
    const jz_vstratum *x = &sort_draw->strata[*(const size_t *)a], *y = &sort_draw->strata[*(const size_t *)b];
    int c = strcmp(x->centre, y->centre);
    return c ? c : strcmp(x->value, y->value);
}

static const size_t *sort_rank;
static int cmp_item(const void *a, const void *b)
{
    const jz_vitem *x = a, *y = b;
    if (sort_rank[x->stratum] != sort_rank[y->stratum])
        return sort_rank[x->stratum] < sort_rank[y->stratum] ? -1 : 1;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Strata in byte order, items by stratum and rank; every stratum lists as many items as
 * it says were drawn, ranks 1..drawn, no item twice. */
static void finish(loader *l)
{
    jz_vdraw *d = l->d;
    size_t k = d->nstrata, *order = jz_xcalloc(k + 1, sizeof *order), *rank = jz_xcalloc(k + 1, sizeof *rank);
    for (size_t i = 0; i < k; i++)
        order[i] = i;
    sort_draw = d;
    qsort(order, k, sizeof *order, cmp_stratum);
    for (size_t i = 0; i < k; i++)
        rank[order[i]] = i;
    sort_rank = rank;
    qsort(d->items, d->nitems, sizeof *d->items, cmp_item);
    jz_vstratum *s = jz_xcalloc(k + 1, sizeof *s);
    unsigned char *ranks_bad = jz_xcalloc(k + 1, 1);  /* said once per stratum */
    for (size_t i = 0; i < k; i++)
        s[i] = d->strata[order[i]];
    free(d->strata);
    d->strata = s;
    for (size_t i = 0; i < d->nitems; i++) {
        jz_vitem *it = &d->items[i];
        it->stratum = rank[it->stratum];
        if (!s[it->stratum].n)
            s[it->stratum].first = i;
        if (it->rank != ++s[it->stratum].n && !ranks_bad[it->stratum]++)
            bad(l, NULL, it->draw_line, "%s %s: the ranks of a stratum run 1, 2, 3...: a row was deleted, added or "
                "duplicated; draw again or restore the draw", it->centre, s[it->stratum].value);
        size_t n;
        char *key = pair(it->centre, it->id, &n);
        bool added;
        jz_strmap_put(l->p->items, key, n, &added);
        free(key);
        if (!added)
            bad(l, NULL, it->draw_line, "%s %s is drawn twice: the draw was edited", it->centre, it->id);
    }
    for (size_t i = 0; i < k; i++)
        if (s[i].n != s[i].drawn) {
            char counts[64];
            snprintf(counts, sizeof counts, "%zu drawn, %zu listed", s[i].drawn, s[i].n);
            bad(l, NULL, 0, "%s %s: %s: a row was deleted or added; draw again or restore the draw", s[i].centre,
                s[i].value, counts);
        }
    free(ranks_bad);
    free(order);
    free(rank);
}

jz_code jz_vdraw_load(jz_vdraw *d, const char *path, jz_encoding enc, jz_diag *diag, jz_error *err)
{
    memset(d, 0, sizeof *d);
    jz_error_clear(err);
    pool *p = jz_xcalloc(1, sizeof *p);
    p->strata = jz_strmap_new();
    p->items = jz_strmap_new();
    d->pool = p;
    d->method = JZ_SAMPLE_METHOD;
    d->path = keep(p, path, strlen(path));
    loader l = {d, p, diag, d->path, 0, 0, 0};
    size_t len;
    const void *mem;
    size_t mem_len;
    char *text;
    if (strcmp(path, "-") != 0 && jz_rowsrc_mem_get(path, &mem, &mem_len)) {  /* a named buffer (rowsrc.h) */
        text = jz_xmalloc(mem_len + 1);
        if (mem_len)
            memcpy(text, mem, mem_len);
        text[mem_len] = '\0';
        len = mem_len;
    } else if (!(text = jz_yaml_read(path, 0, "", &len, err))) {
        return err->code;
    }
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && strchr(" \t\r\n", text[i]))
        i++;
    jz_code code;
    if (i < len && text[i] == '{') {
        code = load_json(&l, text, len, err);
    } else {
        /* csv goes through the csv reader, which reads the file itself (stdin: once) */
        if (strcmp(path, "-") == 0) {
            free(text);
            return jz_error_set(err, JZ_EINPUT, path, 0, 0, "a csv draw cannot come from standard input: give its file");
        }
        code = load_csv(&l, enc, err);
    }
    free(text);
    if (code)
        return code;
    if (!l.errors && d->nitems)
        finish(&l);  /* (qsort of nothing is undefined; a fuzzer found it) */
    if (!l.errors && !d->nitems) {
        jz_diag_emit(diag, JZ_ERROR, l.path, 0, 0, "", "bad-draw", "the draw lists no item: nothing to verify");
        l.errors++;
    }
    return l.errors ? jz_error_set(err, JZ_EINPUT, path, 0, 0, "the draw cannot be used") : JZ_OK;
}

/* ---- verification files ---- */

typedef struct finder {
    jz_vdraw *d;
    jz_diag *diag;
    const char *path;
    long rows;
} finder;

static long col_of(const jz_header *h, int c)
{
    return h->idx[c] + 1;
}

/* The recounts must fit the result; returns false after reporting. */
static bool recounts_fit(finder *fd, const jz_header *h, const jz_row *row, const jz_field *f, jz_vitem *it)
{
    const jz_field *rp = &f[JZ_V_RECOUNTED_PARTICIPANTS], *rh = &f[JZ_V_RECOUNTED_HOURS];
    int r = f[JZ_V_RESULT].v.e;
    char a[32], b[32];
    if (r == JZ_VR_DIFFERS && (!rp->ok || !rh->ok)) {
        int c = rp->ok ? JZ_V_RECOUNTED_HOURS : JZ_V_RECOUNTED_PARTICIPANTS;
        jz_diag_emit(fd->diag, JZ_ERROR, fd->path, row->line, h->idx[c] < 0 ? 0 : col_of(h, c), h->schema->cols[c].name,
                     "recount-missing", "%s %s differs: write what the paper shows in recounted_participants and "
                     "recounted_hours (reported: %lld participants, %s h)", it->centre, it->id,
                     (long long)it->rep_participants, jz_minutes_format(it->rep_minutes, 2, false, a));
        return false;
    }
    if ((r == JZ_VR_NOT_CHECKED && (rp->ok || rh->ok)) ||
        (r == JZ_VR_NOT_FOUND && ((rp->ok && rp->v.num) || (rh->ok && rh->v.num)))) {
        int c = (r == JZ_VR_NOT_CHECKED ? rp->ok : rp->ok && rp->v.num) ? JZ_V_RECOUNTED_PARTICIPANTS : JZ_V_RECOUNTED_HOURS;
        jz_diag_emit(fd->diag, JZ_ERROR, fd->path, row->line, col_of(h, c), h->schema->cols[c].name, "recount-not-empty",
                     "%s %s is %s but has a recount: %s", it->centre, it->id, jz_enum_vresult.en[r],
                     r == JZ_VR_NOT_CHECKED ? "leave it empty, or give the result found" : "leave it empty or 0, or write differs");
        return false;
    }
    if (r == JZ_VR_VERIFIED && ((rp->ok && rp->v.num != it->rep_participants) || (rh->ok && rh->v.num != it->rep_minutes))) {
        bool part = rp->ok && rp->v.num != it->rep_participants;
        int c = part ? JZ_V_RECOUNTED_PARTICIPANTS : JZ_V_RECOUNTED_HOURS;
        if (part)
            snprintf(a, sizeof a, "%lld participants", (long long)it->rep_participants);
        else
            snprintf(a, sizeof a, "%s h", jz_minutes_format(it->rep_minutes, 2, false, b));
        jz_diag_emit(fd->diag, JZ_ERROR, fd->path, row->line, col_of(h, c), h->schema->cols[c].name, "recount-disagrees",
                     "%s %s is verified but its recount '%s' is not the reported %s: write differs, or leave the "
                     "recount empty", it->centre, it->id, f[c].s, a);
        return false;
    }
    return true;
}

static void take(jz_vitem *it, const jz_field *f, const char *path, long line, pool *p)
{
    int r = f[JZ_V_RESULT].v.e;
    const jz_field *rp = &f[JZ_V_RECOUNTED_PARTICIPANTS], *rh = &f[JZ_V_RECOUNTED_HOURS];
    it->listed = true;
    it->result = r;
    it->rc_participants = r == JZ_VR_NOT_FOUND ? 0 : rp->ok ? rp->v.num : it->rep_participants;
    it->rc_minutes = r == JZ_VR_NOT_FOUND ? 0 : rh->ok ? rh->v.num : it->rep_minutes;
    it->file = path;
    it->line = line;
    it->evaluator = f[JZ_V_EVALUATOR].present ? keep(p, f[JZ_V_EVALUATOR].s, f[JZ_V_EVALUATOR].n) : "";
    it->note = f[JZ_V_NOTE].present ? keep(p, f[JZ_V_NOTE].s, f[JZ_V_NOTE].n) : "";
}

static int on_finding(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    finder *fd = ctx;
    pool *p = fd->d->pool;
    fd->rows++;
    if (nerr)
        return 0;
    char *c = jz_xstrndup(f[JZ_V_CENTRE].s, f[JZ_V_CENTRE].n), *id = jz_xstrndup(f[JZ_V_ITEM].s, f[JZ_V_ITEM].n);
    size_t n;
    char *key = pair(c, id, &n);
    long i = jz_strmap_get(p->items, key, n);
    free(key);
    if (i < 0) {
        jz_diag_emit(fd->diag, JZ_ERROR, fd->path, row->line, col_of(h, JZ_V_ITEM), "item", "not-drawn",
                     "%s %s was not drawn: %s lists no such %s of that centre (check the id, or give the draw it "
                     "belongs to)", c, id, fd->d->path, fd->d->unit);
    } else if (fd->d->items[i].listed) {
        jz_diag_emit(fd->diag, JZ_ERROR, fd->path, row->line, col_of(h, JZ_V_ITEM), "item", "duplicate-item",
                     "%s %s is already listed at %s:%ld: one row per item", c, id, fd->d->items[i].file,
                     fd->d->items[i].line);
    } else if (recounts_fit(fd, h, row, f, &fd->d->items[i])) {
        take(&fd->d->items[i], f, fd->path, row->line, p);
    }
    free(c);
    free(id);
    return 0;
}

jz_code jz_vdraw_findings_load(jz_vdraw *d, const char *path, jz_encoding enc, jz_diag *diag, long *rows,
                               jz_error *err)
{
    pool *p = d->pool;
    finder fd = {d, diag, keep(p, strcmp(path, "-") ? path : "<stdin>", strlen(strcmp(path, "-") ? path : "<stdin>")), 0};
    jz_table_info info;
    long before = diag->count[JZ_ERROR];
    jz_code code = jz_table_read(path, JZ_FILE_VERIFICATION, enc, diag, on_finding, &fd, &info, err);
    *rows = fd.rows;
    if (code)
        return code;
    return diag->count[JZ_ERROR] > before ? jz_error_set(err, JZ_EINPUT, path, 0, 0, "the verification file has errors")
                                          : JZ_OK;
}

/* ---- rules ---- */

jz_code jz_vrules_load(jz_vrules *r, const char *path, jz_error *err)
{
    static const char *const top[] = {"band", "confidence", "overstatement_bound", "bootstrap_resamples", "source", NULL};
    static const char *const band[] = {"low", "high", NULL};
    memset(r, 0, sizeof *r);
    jz_error_clear(err);
    jz_ydoc *d = jz_yaml_load(path, err);
    if (!d)
        return err->code;
    const jz_ynode *root = d->root, *b;
    int64_t low = 0, high = 0, conf = 0, bound = 0;
    const char *source = NULL;
    bool ok = jz_y_expect_map(d, root, _("verification rules"), top, err) &&
              (b = jz_y_need(d, root, _("verification rules"), "band", err)) &&
              jz_y_expect_map(d, b, "band", band, err) &&
              jz_y_fixed(d, jz_y_need(d, b, "band", "low", err), "band.low", 4, &low, err) &&
              jz_y_fixed(d, jz_y_need(d, b, "band", "high", err), "band.high", 4, &high, err) &&
              jz_y_percent(d, jz_y_need(d, root, _("verification rules"), "confidence", err), "confidence", &conf, err) &&
              jz_y_percent(d, jz_y_need(d, root, _("verification rules"), "overstatement_bound", err),
                           "overstatement_bound", &bound, err) &&
              jz_y_string(d, jz_y_need(d, root, _("verification rules"), "source", err), "source", &source, err);
    const jz_ynode *bs = ok ? jz_y_get(root, "bootstrap_resamples") : NULL;
    int64_t resamples = 0;
    if (ok && bs)   /* optional: without it, the linearised interval */
        ok = jz_y_int(d, bs, "bootstrap_resamples", &resamples, err) &&
             jz_y_range(d, bs, "bootstrap_resamples", resamples, 99, 1000000, 0, N_("resamples"), err);
    if (ok && !(low > 0 && low <= 10000 && high >= 10000 && high > low))
        ok = jz_y_fail(d, b, err, "the band must hold 1: 0 < low <= 1 <= high, low < high");
    if (ok && !(conf > 5000 && conf < 10000 && bound > 5000 && bound < 10000))
        ok = jz_y_fail(d, root, err, "confidence levels must be above 50 %% and below 100 %%");
    if (ok) {
        r->low = (double)low / 10000, r->high = (double)high / 10000;
        r->confidence = (double)conf / 10000, r->bound = (double)bound / 10000;
        r->source = jz_xstrdup(source);
        r->resamples = (size_t)resamples;
    }
    jz_yaml_free(d);
    return ok ? JZ_OK : err->code;
}

void jz_vrules_free(jz_vrules *r)
{
    if (r)
        free((char *)r->source);
}
