/* contract.c — see include/jz/contract.h */
#include "jz/contract.h"
#include "jz/rowsrc.h"
#include "jz/schema.h"
#include "jz/table.h"
#include "jz/text.h"

#include <stdlib.h>
#include <string.h>

void jz_contracts_init(jz_contracts *c)
{
    memset(c, 0, sizeof *c);
    c->ids = jz_strmap_new();
    c->centres = jz_strmap_new();
}

void jz_contracts_free(jz_contracts *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        jz_contract *k = &c->v[i];
        free(k->id);
        free(k->centre);
        free(k->district);
        free(k->street);
        free(k->operator_);
        for (size_t t = 0; t < k->ntargets; t++)
            free(k->targets[t].name);
        free(k->targets);
    }
    free(c->v);
    free(c->next_same);
    free(c->heads);
    jz_strmap_free(c->ids);
    jz_strmap_free(c->centres);
    memset(c, 0, sizeof *c);
}

/* A target cell: decimal with up to two places -> hundredths. */
static bool parse_target(const char *s, size_t n, int64_t *out)
{
    int64_t minutes;
    /* jz_hours_parse gives value*60 rounded; use it only for the syntax check. */
    if (!jz_hours_parse(s, n, &minutes))
        return false;
    int64_t whole = 0, frac = 0;
    size_t i = 0, k = 0;
    for (; i < n && s[i] != '.'; i++)
        whole = whole * 10 + (s[i] - '0');
    for (i++; i < n; i++, k++) {
        if (k >= 2 && s[i] != '0')
            return false;  /* a third decimal may only be a trailing zero */
        if (k >= 2)
            continue;
        frac = frac * 10 + (s[i] - '0');
    }
    *out = whole * 100 + (k == 1 ? frac * 10 : frac);
    return true;
}

typedef struct load_ctx {
    jz_contracts *c;
    const char *path;
    jz_diag *diag;
} load_ctx;

static char *dup_field(const jz_field *f)
{
    return jz_xstrndup(f->s, f->n);
}

static bool read_targets(const load_ctx *ctx, const jz_header *h, const jz_row *row, jz_contract *k)
{
    k->ntargets = h->ntargets;
    k->targets = jz_xcalloc(h->ntargets ? h->ntargets : 1, sizeof *k->targets);
    bool ok = true;
    for (size_t t = 0; t < h->ntargets; t++) {
        k->targets[t].name = jz_xstrdup(h->target_names[t]);
        k->targets[t].value = -1;
        int i = h->target_idx[t];
        if ((size_t)i >= row->nfields)
            continue;
        const char *s = row->fields[i];
        size_t n = jz_text_trim(&s, row->lens[i]);
        if (n && !parse_target(s, n, &k->targets[t].value)) {
            jz_diag_emit(ctx->diag, JZ_ERROR, ctx->path, row->line, i + 1, h->target_names[t],
                         "bad-number", "target_%s '%.*s' is not a number: write e.g. 60 or 1250.5",
                         h->target_names[t], (int)n, s);
            ok = false;
        }
    }
    return ok;
}

static void free_contract(jz_contract *k)
{
    for (size_t t = 0; t < k->ntargets; t++)
        free(k->targets[t].name);
    free(k->targets);
}

static int on_contract(void *vctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    load_ctx *ctx = vctx;
    jz_contracts *c = ctx->c;
    jz_contract k;
    memset(&k, 0, sizeof k);
    if (!read_targets(ctx, h, row, &k) || nerr) {
        free_contract(&k);
        return 0;
    }
    if (f[JZ_C_END].v.day < f[JZ_C_START].v.day) {
        jz_diag_emit(ctx->diag, JZ_ERROR, ctx->path, row->line, h->idx[JZ_C_END] + 1, "end",
                     "date-order", "contract end %.*s is before its start %.*s", (int)f[JZ_C_END].n,
                     f[JZ_C_END].s, (int)f[JZ_C_START].n, f[JZ_C_START].s);
        free_contract(&k);
        return 0;
    }
    bool added;
    long dup = jz_strmap_put(c->ids, f[JZ_C_CONTRACT].s, f[JZ_C_CONTRACT].n, &added);
    if (!added) {
        jz_diag_emit(ctx->diag, JZ_ERROR, ctx->path, row->line, h->idx[JZ_C_CONTRACT] + 1, "contract",
                     "duplicate-id", "contract %.*s already appears at %s:%ld: contract ids must be unique",
                     (int)f[JZ_C_CONTRACT].n, f[JZ_C_CONTRACT].s, c->v[dup].file, c->v[dup].line);
        free_contract(&k);
        return 0;
    }
    k.id = dup_field(&f[JZ_C_CONTRACT]);
    k.centre = dup_field(&f[JZ_C_CENTRE]);
    k.district = dup_field(&f[JZ_C_DISTRICT]);
    k.street = dup_field(&f[JZ_C_STREET]);
    k.operator_ = dup_field(&f[JZ_C_OPERATOR]);
    k.start = f[JZ_C_START].v.day;
    k.end = f[JZ_C_END].v.day;
    k.budget_fen = f[JZ_C_BUDGET].v.num;
    k.professional_staff = f[JZ_C_PROF_STAFF].ok ? f[JZ_C_PROF_STAFF].v.num : -1;
    k.total_minutes = f[JZ_C_TOTAL_HOURS].ok ? f[JZ_C_TOTAL_HOURS].v.num : -1;
    k.direct_minutes = f[JZ_C_DIRECT_HOURS].ok ? f[JZ_C_DIRECT_HOURS].v.num : -1;
    k.file = ctx->path;
    k.line = row->line;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->v = jz_xrealloc(c->v, c->cap * sizeof *c->v);
        c->next_same = jz_xrealloc(c->next_same, c->cap * sizeof *c->next_same);
    }
    long me = (long)c->n;
    c->v[c->n] = k;
    c->next_same[c->n++] = -1;
    bool fresh;
    long ci = jz_strmap_put(c->centres, k.centre, strlen(k.centre), &fresh);
    if (fresh) {
        c->heads = jz_xrealloc(c->heads, jz_strmap_count(c->centres) * sizeof *c->heads);
        c->heads[ci] = me;
        return 0;
    }
    long j = c->heads[ci];
    for (;; j = c->next_same[j]) {
        const jz_contract *o = &c->v[j];
        if (k.start <= o->end && o->start <= k.end)
            jz_diag_emit(ctx->diag, JZ_WARNING, ctx->path, row->line, h->idx[JZ_C_START] + 1,
                         "start", "contract-overlap",
                         "contract %s of centre %s overlaps contract %s (%s:%ld) in time",
                         k.id, k.centre, o->id, o->file, o->line);
        if (c->next_same[j] < 0)
            break;
    }
    c->next_same[j] = me;
    return 0;
}

jz_code jz_contracts_load(jz_contracts *c, const char *path, jz_encoding enc, jz_diag *diag,
                          jz_table_info *info, jz_error *err)
{
    load_ctx ctx = {c, path, diag};
    jz_code code = jz_table_read(path, JZ_FILE_CONTRACTS, enc, diag, on_contract, &ctx, info, err);
    return code;
}

static long head_of(const jz_contracts *c, const char *centre)
{
    long ci = jz_strmap_get(c->centres, centre, strlen(centre));
    return ci < 0 ? -1 : c->heads[ci];
}

const jz_contract *jz_contracts_first(const jz_contracts *c, const char *centre)
{
    long i = head_of(c, centre);
    return i < 0 ? NULL : &c->v[i];
}

const jz_contract *jz_contracts_for(const jz_contracts *c, const char *centre, jz_day d, bool *any)
{
    long i = head_of(c, centre);
    if (any)
        *any = i >= 0;
    for (; i >= 0; i = c->next_same[i])
        if (c->v[i].start <= d && d <= c->v[i].end)
            return &c->v[i];
    return NULL;
}

const jz_target *jz_contract_target(const jz_contract *k, const char *name)
{
    for (size_t t = 0; t < k->ntargets; t++)
        if (strcmp(k->targets[t].name, name) == 0)
            return &k->targets[t];
    return NULL;
}

jz_code jz_contracts_targets_of(const char *path, jz_encoding enc, char ***names, size_t *n, jz_error *err)
{
    *names = NULL;
    *n = 0;
    jz_error_clear(err);
    jz_rowsrc_opts o = {.enc = enc};
    jz_rowsrc *src = jz_rowsrc_open(path, &o, NULL, err);
    if (!src)
        return err->code;
    jz_error_clear(err);
    jz_row *hrow = jz_table_header_row(src, JZ_FILE_CONTRACTS, err);  /* below title rows too */
    int rc = hrow ? 1 : err->code ? -1 : 0;
    jz_header h;
    memset(&h, 0, sizeof h);
    if (rc > 0 && (jz_header_detect(hrow) != JZ_FILE_CONTRACTS || !jz_header_map(&h, JZ_FILE_CONTRACTS, hrow, path, NULL)))
        rc = 0, jz_error_set(err, JZ_EINPUT, path, hrow->line, 0, "not a contracts file: its header does not "
                             "start with contract (合同编号) or lacks a required column (jz-validate says which)");
    else if (rc == 0)
        jz_error_set(err, JZ_EINPUT, path, 0, 0, "the file is empty: a contracts file starts with its header");
    jz_row_free(hrow);
    if (rc > 0) {
        *names = jz_xcalloc(h.ntargets ? h.ntargets : 1, sizeof **names);
        for (*n = 0; *n < h.ntargets; (*n)++)
            (*names)[*n] = jz_xstrdup(h.target_names[*n]);
    }
    jz_header_free(&h);
    jz_rowsrc_close(src);
    return rc > 0 ? JZ_OK : err->code;
}

void jz_contracts_targets_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
