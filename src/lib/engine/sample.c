/* sample.c — see include/jz/sample.h. The algorithm is documented for users in
 * jz-sample(1), section ALGORITHM; tests/sample_reproduce.py implements it again. */
#include "jz/sample.h"
#include "jz/hash.h"
#include "jz/text.h"
#include "jz/emit.h"
#include "jz/table.h"

#include <stdlib.h>
#include <string.h>

const char *const jz_sample_by_names[] = {"kind", "target", "place", "mode", "centre", "staff", NULL};

unsigned jz_sample_default_kinds(jz_sample_what what)
{
    if (what == JZ_SAMPLE_ACTIVITIES)
        return 1u << JZ_KIND_CASE | 1u << JZ_KIND_GROUP | 1u << JZ_KIND_COMMUNITY;
    return (1u << JZ_KIND_N) - 1;
}

/* ---- the population ---- */

/* One unit (client or activity of a centre): its records in the period. */
typedef struct unit {
    uint32_t value;                 /* stratum value of its first record (index in values) */
    uint32_t first_file, last_file;
    jz_day first_day, last_day;
    long first_line, last_line;
    long records;
    int64_t minutes, participants;  /* reported: hours of its rows; attendances once per activity */
    uint32_t risk;                  /* --weights: the highest risk x 10 of its records (0..1000) */
} unit;

typedef struct centre_units {
    jz_strmap *ids;                 /* unit id -> index into v */
    unit *v;
    size_t cap;
} centre_units;

struct jz_sample_pop {
    jz_sample_spec spec;
    jz_strmap *centres;             /* centre -> index into cu */
    centre_units *cu;
    size_t cucap;
    jz_strmap *values;              /* stratum values */
    jz_strmap *excl_any;            /* ids excluded in every centre */
    jz_strmap *excl_pair;           /* pair_key(centre, id) */
    jz_fpset *seen_activity;        /* (centre, unit, activity) whose participants are counted */
    long records, missing_id;
    long last_centre, last_value;   /* rows come in runs: the last lookups, -1 = none */
    jz_sample_risk_fn risk_fn;      /* --weights, NULL: none */
    void *risk_ctx;
};

jz_sample_pop *jz_sample_pop_new(const jz_sample_spec *spec)
{
    jz_sample_pop *p = jz_xcalloc(1, sizeof *p);
    p->spec = *spec;
    if (!p->spec.kinds)
        p->spec.kinds = jz_sample_default_kinds(spec->what);
    p->centres = jz_strmap_new();
    p->values = jz_strmap_new();
    p->excl_any = jz_strmap_new();
    p->excl_pair = jz_strmap_new();
    p->seen_activity = jz_fpset_new(1024);
    p->last_centre = p->last_value = -1;
    return p;
}

void jz_sample_pop_free(jz_sample_pop *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < jz_strmap_count(p->centres); i++) {
        jz_strmap_free(p->cu[i].ids);
        free(p->cu[i].v);
    }
    free(p->cu);
    jz_strmap_free(p->centres);
    jz_strmap_free(p->values);
    jz_strmap_free(p->excl_any);
    jz_strmap_free(p->excl_pair);
    jz_fpset_free(p->seen_activity);
    free(p);
}

/* "5:HZ-NZ" followed by the id: a key no other (centre, id) pair can produce. malloc'd. */
static char *pair_key(const char *centre, size_t cn, const char *id, size_t in, size_t *len)
{
    char *k = jz_xmalloc(cn + in + 24);
    int head = snprintf(k, 24, "%zu:", cn);
    memcpy(k + head, centre, cn);
    memcpy(k + (size_t)head + cn, id, in);
    *len = (size_t)head + cn + in;
    k[*len] = '\0';
    return k;
}

/* Index of s[0..n) in m, added if new; *last caches the previous answer. */
static long cached_put(jz_strmap *m, long *last, const char *s, size_t n, bool *added)
{
    *added = false;
    if (*last >= 0) {
        const char *k = jz_strmap_key(m, *last);
        if (strlen(k) == n && memcmp(k, s, n) == 0)
            return *last;
    }
    return *last = jz_strmap_put(m, s, n, added);
}

static centre_units *centre_of(jz_sample_pop *p, const char *s, size_t n)
{
    bool added;
    long c = cached_put(p->centres, &p->last_centre, s, n, &added);
    if (added) {
        if ((size_t)c >= p->cucap) {
            p->cucap = p->cucap ? 2 * p->cucap : 8;
            p->cu = jz_xrealloc(p->cu, p->cucap * sizeof *p->cu);
        }
        p->cu[c] = (centre_units){jz_strmap_new(), NULL, 0};
    }
    return &p->cu[c];
}

/* Is record (day, file, line) before the unit's first / after its last? */
static bool before(jz_day d, unsigned f, long l, jz_day d2, unsigned f2, long l2)
{
    return d != d2 ? d < d2 : f != f2 ? f < f2 : l < l2;
}

static unit *add_record(jz_sample_pop *p, const char *centre, size_t cn, const char *id, size_t in,
                        const char *value, size_t vn, jz_day day, unsigned file, long line)
{
    centre_units *cu = centre_of(p, centre, cn);
    bool added;
    long i = jz_strmap_put(cu->ids, id, in, &added);
    bool vadded;
    uint32_t v = (uint32_t)cached_put(p->values, &p->last_value, value, vn, &vadded);
    p->records++;
    if (added) {
        if ((size_t)i >= cu->cap) {
            cu->cap = cu->cap ? 2 * cu->cap : 64;
            cu->v = jz_xrealloc(cu->v, cu->cap * sizeof *cu->v);
        }
        cu->v[i] = (unit){v, file, file, day, day, line, line, 1, 0, 0, 0};
        return &cu->v[i];
    }
    unit *u = &cu->v[i];
    u->records++;
    if (before(day, file, line, u->first_day, u->first_file, u->first_line)) {
        u->first_day = day, u->first_file = file, u->first_line = line;
        u->value = v;
    }
    if (before(u->last_day, u->last_file, u->last_line, day, file, line))
        u->last_day = day, u->last_file = file, u->last_line = line;
    return u;
}

void jz_sample_pop_add_record(jz_sample_pop *p, const char *centre, const char *id,
                              const char *value, jz_day day, unsigned file, long line)
{
    if (!value || !*value)
        value = JZ_SAMPLE_NONE;
    (void)add_record(p, centre, strlen(centre), id, strlen(id), value, strlen(value), day, file, line);
}

/* The row's time as every tool counts it: hours, else end - start. */
static int64_t row_minutes(const jz_field *f)
{
    if (f[JZ_R_HOURS].ok)
        return f[JZ_R_HOURS].v.num;
    if (f[JZ_R_START].ok && f[JZ_R_END].ok && f[JZ_R_END].v.minute > f[JZ_R_START].v.minute)
        return f[JZ_R_END].v.minute - f[JZ_R_START].v.minute;
    return 0;
}

/* Participants describe an activity and every staff row repeats them: they count once per
 * activity id of the unit (a row without an activity id counts on its own). */
static int64_t new_participants(jz_sample_pop *p, const jz_field *f)
{
    const jz_field *pa = &f[JZ_R_PARTICIPANTS], *act = &f[JZ_R_ACTIVITY];
    if (!pa->ok || !pa->v.num)
        return 0;
    if (!act->present)
        return pa->v.num;
    const jz_field *id = &f[p->spec.what == JZ_SAMPLE_CLIENTS ? JZ_R_CLIENT : JZ_R_ACTIVITY];
    uint64_t h = jz_hash64(f[JZ_R_CENTRE].s, f[JZ_R_CENTRE].n, 0x6a7a);
    h = jz_hash64(id->s, id->n, h);
    return jz_fpset_add(p->seen_activity, jz_hash64(act->s, act->n, h)) ? pa->v.num : 0;
}

static bool centre_wanted(const jz_sample_pop *p, const char *s, size_t n)
{
    for (size_t i = 0; i < p->spec.ncentres; i++)
        if (strlen(p->spec.centres[i]) == n && memcmp(p->spec.centres[i], s, n) == 0)
            return true;
    return p->spec.ncentres == 0;
}

/* The record's stratum value: an enumeration's English name, a centre or staff id. */
static const char *value_of(const jz_sample_pop *p, const jz_field *f, size_t *n)
{
    static const struct { int col; const jz_enumdef *e; } cols[JZ_BY_N] = {
        [JZ_BY_KIND] = {JZ_R_KIND, &jz_enum_kind},     [JZ_BY_TARGET] = {JZ_R_TARGET, &jz_enum_target},
        [JZ_BY_PLACE] = {JZ_R_PLACE, &jz_enum_place},  [JZ_BY_MODE] = {JZ_R_MODE, &jz_enum_mode},
        [JZ_BY_CENTRE] = {JZ_R_CENTRE, NULL},          [JZ_BY_STAFF] = {JZ_R_STAFF, NULL},
    };
    const jz_field *v = &f[cols[p->spec.by].col];
    const char *s = JZ_SAMPLE_NONE;
    *n = strlen(s);
    if (v->present && v->ok && cols[p->spec.by].e)
        *n = strlen(s = jz_enum_name(cols[p->spec.by].e, v->v.e));
    else if (v->present && v->ok)
        s = v->s, *n = v->n;
    return s;
}

bool jz_sample_pop_add(jz_sample_pop *p, const jz_field *f, unsigned file, long line)
{
    const jz_field *kind = &f[JZ_R_KIND], *date = &f[JZ_R_DATE], *centre = &f[JZ_R_CENTRE];
    const jz_field *id = &f[p->spec.what == JZ_SAMPLE_CLIENTS ? JZ_R_CLIENT : JZ_R_ACTIVITY];
    if (!kind->ok || !(p->spec.kinds & 1u << kind->v.e) || !date->ok || !centre->present)
        return false;
    if (p->spec.modes && !(f[JZ_R_MODE].ok && p->spec.modes & 1u << f[JZ_R_MODE].v.e))
        return false;
    if (date->v.day < p->spec.from || date->v.day > p->spec.to || !centre_wanted(p, centre->s, centre->n))
        return false;
    if (!id->present) {
        p->missing_id += p->spec.what == JZ_SAMPLE_ACTIVITIES;
        return false;
    }
    size_t vn;
    const char *v = value_of(p, f, &vn);
    unit *u = add_record(p, centre->s, centre->n, id->s, id->n, v, vn, date->v.day, file, line);
    u->minutes += row_minutes(f);
    u->participants += new_participants(p, f);
    if (p->risk_fn) {
        const jz_field *st = &f[JZ_R_STAFF];
        uint32_t r = p->risk_fn(p->risk_ctx, centre->s, centre->n, st->present ? st->s : "", st->present ? st->n : 0);
        if (r > u->risk)
            u->risk = r;
    }
    return true;
}

void jz_sample_pop_set_risk(jz_sample_pop *p, jz_sample_risk_fn fn, void *ctx)
{
    p->risk_fn = fn;
    p->risk_ctx = ctx;
}

long jz_sample_pop_records(const jz_sample_pop *p)
{
    return p->records;
}

long jz_sample_pop_missing_id(const jz_sample_pop *p)
{
    return p->missing_id;
}

void jz_sample_pop_exclude(jz_sample_pop *p, const char *centre, const char *id)
{
    if (!centre) {
        jz_strmap_put(p->excl_any, id, strlen(id), NULL);
        return;
    }
    size_t n;
    char *k = pair_key(centre, strlen(centre), id, strlen(id), &n);
    jz_strmap_put(p->excl_pair, k, n, NULL);
    free(k);
}

static bool excluded(const jz_sample_pop *p, const char *centre, const char *id)
{
    size_t in = strlen(id), n;
    if (jz_strmap_get(p->excl_any, id, in) >= 0)
        return true;
    if (jz_strmap_count(p->excl_pair) == 0)
        return false;
    char *k = pair_key(centre, strlen(centre), id, in, &n);
    bool hit = jz_strmap_get(p->excl_pair, k, n) >= 0;
    free(k);
    return hit;
}

/* ---- exclusion and team files ---- */

/* Index of the first field whose normalised text is one of names, or -1. */
static int find_column(const jz_row *row, const char *const *names)
{
    char norm[128];
    for (size_t i = 0; i < row->nfields; i++) {
        jz_text_norm(row->fields[i], row->lens[i], norm, sizeof norm);
        for (size_t k = 0; names[k]; k++)
            if (strcmp(norm, names[k]) == 0)
                return (int)i;
    }
    return -1;
}

static const char *const centre_names[] = {"centre", "center", "中心编号", NULL};

/* The field i of row, trimmed, copied (NULL when empty or absent). */
static char *field_dup(const jz_row *row, int i)
{
    if (i < 0 || (size_t)i >= row->nfields)
        return NULL;
    const char *s = row->fields[i];
    size_t n = jz_text_trim(&s, row->lens[i]);
    return n ? jz_xstrndup(s, n) : NULL;
}

static void exclude_row(jz_sample_pop *p, const jz_row *row, int id_col, int centre_col, bool csv, long *count)
{
    char *id = field_dup(row, id_col), *centre = field_dup(row, centre_col);
    /* a jz-sample csv output: its writer neutralised ids like "=x" as "'=x" */
    if (csv && id && jz_csv_unguard(id) != id)
        memmove(id, id + 1, strlen(id));
    if (csv && centre && jz_csv_unguard(centre) != centre)
        memmove(centre, centre + 1, strlen(centre));
    if (id && !(centre_col < 0 && id[0] == '#')) {
        jz_sample_pop_exclude(p, centre, id);
        ++*count;
    }
    free(id);
    free(centre);
}

/* An --exclude file's header: a row naming its id column (ctx: the names of it). */
static bool is_exclude_header(const jz_row *row, void *ctx)
{
    return find_column(row, ctx) >= 0;
}

jz_code jz_sample_exclude_load(jz_sample_pop *p, const char *path, jz_encoding enc, jz_diag *diag,
                               long *count, jz_error *err)
{
    static const char *const client_names[] = {"client", "服务对象编号", NULL};
    static const char *const activity_names[] = {"activity", "活动编号", NULL};
    const char *const *names = p->spec.what == JZ_SAMPLE_CLIENTS ? client_names : activity_names;
    jz_error_clear(err);  /* the reader tells end of file from failure by err->code */
    jz_rowsrc *r = jz_rowsrc_open(path, &(jz_rowsrc_opts){.enc = enc}, diag, err);
    jz_row row, *header = NULL;
    int rc, id_col = 0, centre_col = -1;
    bool csv = false;
    *count = 0;
    if (!r)
        return err->code;
    /* a CSV with a header naming the id column, below title rows too; else one id a line */
    rc = jz_table_find_header(r, path, is_exclude_header, (void *)names, diag, &header, err);
    if (rc > 0) {
        csv = true;
        id_col = find_column(header, names);
        centre_col = find_column(header, centre_names);
        jz_row_free(header);
    }
    while (rc >= 0 && (rc = jz_rowsrc_next(r, &row, err)) > 0) {
        if (!csv && row.fields[0][0] == '#')
            continue;  /* a comment, commas and all */
        if (!csv && row.nfields > 1) {
            jz_rowsrc_close(r);
            return jz_error_set(err, JZ_EINPUT, path, row.line, 0,
                                "%zu fields but no header naming a %s column: give one id a line, or a CSV "
                                "with a %s column", row.nfields, names[0], names[0]);
        }
        exclude_row(p, &row, csv ? id_col : 0, centre_col, csv, count);
    }
    jz_rowsrc_close(r);
    return rc < 0 ? err->code : JZ_OK;
}

struct jz_teams {
    jz_strmap *centres;   /* centre -> index into team */
    jz_strmap *names;     /* team names */
    long *team;
    size_t cap;
};

jz_teams *jz_teams_new(void)
{
    jz_teams *t = jz_xcalloc(1, sizeof *t);
    t->centres = jz_strmap_new();
    t->names = jz_strmap_new();
    return t;
}

void jz_teams_free(jz_teams *t)
{
    if (!t)
        return;
    jz_strmap_free(t->centres);
    jz_strmap_free(t->names);
    free(t->team);
    free(t);
}

bool jz_teams_set(jz_teams *t, const char *centre, const char *team)
{
    bool added;
    long c = jz_strmap_put(t->centres, centre, strlen(centre), &added);
    long k = jz_strmap_put(t->names, team, strlen(team), NULL);
    if (!added)
        return t->team[c] == k;
    if ((size_t)c >= t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->team = jz_xrealloc(t->team, t->cap * sizeof *t->team);
    }
    t->team[c] = k;
    return true;
}

const char *jz_teams_of(const jz_teams *t, const char *centre)
{
    long c = t ? jz_strmap_get(t->centres, centre, strlen(centre)) : -1;
    return c < 0 ? NULL : jz_strmap_key(t->names, t->team[c]);
}

/* One data row of a teams file. */
static jz_code team_row(jz_teams *t, const jz_row *row, int cc, int tc, const char *path, jz_error *err)
{
    char *centre = field_dup(row, cc), *team = field_dup(row, tc);
    jz_code code = JZ_OK;
    if (!centre || !team)
        code = jz_error_set(err, JZ_EINPUT, path, row->line, (centre ? tc : cc) + 1,
                            "%s is empty: every row needs a centre and its team", centre ? "team" : "centre");
    else if (!jz_teams_set(t, centre, team))
        code = jz_error_set(err, JZ_EINPUT, path, row->line, tc + 1,
                            "centre %s is already in team %s: a centre belongs to one team", centre,
                            jz_teams_of(t, centre));
    free(centre);
    free(team);
    return code;
}

static const char *const team_names[] = {"team", "评估小组", "评估组", NULL};

/* A teams file's header: a row naming both its columns. */
static bool is_teams_header(const jz_row *row, void *ctx)
{
    (void)ctx;
    return find_column(row, centre_names) >= 0 && find_column(row, team_names) >= 0;
}

jz_code jz_teams_load(jz_teams *t, const char *path, jz_encoding enc, jz_diag *diag, jz_error *err)
{
    jz_error_clear(err);
    jz_rowsrc *r = jz_rowsrc_open(path, &(jz_rowsrc_opts){.enc = enc}, diag, err);
    jz_row row, *header = NULL;
    int rc, cc = -1, tc = -1;
    jz_code code = JZ_OK;
    if (!r)
        return err->code;
    /* the header, below title rows too; none in the first rows: the first row is refused */
    rc = jz_table_find_header(r, path, is_teams_header, NULL, diag, &header, err);
    if (rc > 0) {
        cc = find_column(header, centre_names);
        tc = find_column(header, team_names);
        jz_row_free(header);
    } else if (rc == 0 && (rc = jz_rowsrc_next(r, &row, err)) > 0) {
        code = jz_error_set(err, JZ_EINPUT, path, row.line, 0,
                            "the header needs the columns centre and team (found %zu field%s)",
                            row.nfields, row.nfields == 1 ? "" : "s");
    }
    while (!code && rc > 0 && (rc = jz_rowsrc_next(r, &row, err)) > 0)
        code = team_row(t, &row, cc, tc, path, err);
    jz_rowsrc_close(r);
    return code ? code : rc < 0 ? err->code : JZ_OK;
}

/* ---- allocation and the shuffle ---- */

typedef struct remainder {
    uint64_t rem;
    size_t i;
} remainder;

/* Larger remainder first; ties: the stratum that comes first. */
static int cmp_remainder(const void *a, const void *b)
{
    const remainder *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Largest-remainder apportionment of n over the open strata (P = their population). */
static void hamilton(size_t n, size_t k, const size_t *pop, const bool *open, uint64_t P, size_t *g,
                     remainder *tmp)
{
    size_t given = 0, m = 0;
    for (size_t i = 0; i < k; i++) {
        g[i] = 0;
        if (!open[i])
            continue;
        uint64_t q = (uint64_t)n * pop[i];
        g[i] = (size_t)(q / P);
        given += g[i];
        tmp[m++] = (remainder){q % P, i};
    }
    qsort(tmp, m, sizeof *tmp, cmp_remainder);
    for (size_t j = 0; j < n - given; j++)  /* n - given < m */
        g[tmp[j].i]++;
}

size_t jz_sample_apportion(size_t n, size_t k, const size_t *pop, const size_t *avail,
                           size_t *share, size_t *alloc)
{
    bool *open = jz_xcalloc(k ? k : 1, sizeof *open);
    size_t *g = jz_xcalloc(k ? k : 1, sizeof *g), left = n, total = 0;
    remainder *tmp = jz_xcalloc(k ? k : 1, sizeof *tmp);
    for (size_t i = 0; i < k; i++) {
        open[i] = pop[i] > 0;
        share[i] = alloc[i] = 0;
    }
    for (bool first = true, over = true; over && left > 0; first = false) {
        uint64_t P = 0;
        for (size_t i = 0; i < k; i++)
            P += open[i] ? pop[i] : 0;
        if (P == 0)
            break;
        hamilton(left, k, pop, open, P, g, tmp);
        over = false;
        for (size_t i = 0; i < k; i++) {
            if (first)
                share[i] = g[i];
            if (open[i] && g[i] > avail[i]) {  /* gives all it has; the rest goes round again */
                alloc[i] = avail[i];
                left -= avail[i];
                open[i] = false;
                over = true;
            }
        }
        for (size_t i = 0; i < k && !over; i++)
            alloc[i] += open[i] ? g[i] : 0;
    }
    for (size_t i = 0; i < k; i++)
        total += alloc[i];
    free(open);
    free(g);
    free(tmp);
    return total;
}

size_t jz_sample_apportion_each(size_t n, size_t k, const size_t *pop, const size_t *avail, size_t *share,
                                size_t *alloc)
{
    size_t *rest_avail = jz_xcalloc(k ? k : 1, sizeof *rest_avail), m = 0;
    for (size_t i = 0; i < k; i++) {
        m += avail[i] > 0;
        rest_avail[i] = avail[i] > 0 ? avail[i] - 1 : 0;
    }
    size_t total = jz_sample_apportion(n > m ? n - m : 0, k, pop, rest_avail, share, alloc);
    for (size_t i = 0; i < k; i++) {
        share[i] += avail[i] > 0;
        alloc[i] += avail[i] > 0;
    }
    free(rest_avail);
    return total + m;
}

void jz_sample_shuffle(jz_rng *rng, size_t *v, size_t len, size_t k)
{
    for (size_t i = 0; i < k && i < len; i++) {
        size_t j = i + (size_t)jz_rng_uniform(rng, len - i);
        size_t t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

/* ---- the draw ---- */

typedef struct entry {
    const char *centre, *value, *id;
    const unit *u;
    bool excluded;
} entry;

/* Byte order of centre, then stratum value, then id: strata become runs, ids sorted. */
static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->centre, y->centre);
    if (!c)
        c = strcmp(x->value, y->value);
    return c ? c : strcmp(x->id, y->id);
}

static entry *collect(const jz_sample_pop *p, size_t *n)
{
    size_t total = 0, m = 0;
    for (size_t c = 0; c < jz_strmap_count(p->centres); c++)
        total += jz_strmap_count(p->cu[c].ids);
    entry *e = jz_xcalloc(total ? total : 1, sizeof *e);
    for (size_t c = 0; c < jz_strmap_count(p->centres); c++) {
        const centre_units *cu = &p->cu[c];
        const char *centre = jz_strmap_key(p->centres, (long)c);
        for (size_t i = 0; i < jz_strmap_count(cu->ids); i++) {
            const char *id = jz_strmap_key(cu->ids, (long)i);
            e[m++] = (entry){centre, jz_strmap_key(p->values, cu->v[i].value), id, &cu->v[i],
                             excluded(p, centre, id)};
        }
    }
    qsort(e, total, sizeof *e, cmp_entry);
    *n = total;
    return e;
}

/* Group the sorted entries into strata; start[s] is the first entry of stratum s. */
static jz_sample_stratum *make_strata(const entry *e, size_t n, size_t *nstrata, size_t **start)
{
    jz_sample_stratum *s = jz_xcalloc(n ? n : 1, sizeof *s);
    size_t k = 0;
    *start = jz_xcalloc(n + 1, sizeof **start);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(e[i].centre, e[i - 1].centre) || strcmp(e[i].value, e[i - 1].value)) {
            (*start)[k] = i;
            s[k++] = (jz_sample_stratum){.centre = e[i].centre, .value = e[i].value};
        }
        s[k - 1].population++;
        s[k - 1].excluded += e[i].excluded;
        if (!e[i].excluded) {
            s[k - 1].minutes += e[i].u->minutes;
            s[k - 1].participants += e[i].u->participants;
        }
    }
    (*start)[k] = n;
    for (size_t i = 0; i < k; i++)
        s[i].available = s[i].population - s[i].excluded;
    *nstrata = k;
    return s;
}

static void allocate(jz_sample_result *r, jz_sample_size size, size_t *alloc)
{
    size_t k = r->nstrata;
    size_t *pop = jz_xcalloc(k ? k : 1, sizeof *pop), *avail = jz_xcalloc(k ? k : 1, sizeof *avail);
    size_t *share = jz_xcalloc(k ? k : 1, sizeof *share);
    for (size_t i = 0; i < k; i++) {
        pop[i] = r->strata[i].population;
        avail[i] = r->strata[i].available;
    }
    if (size.per_stratum) {
        for (size_t i = 0; i < k; i++) {
            share[i] = size.n;
            alloc[i] = size.n < avail[i] ? size.n : avail[i];
        }
        r->asked = size.n * k;
    } else {
        jz_sample_apportion_each(size.n, k, pop, avail, share, alloc);
        r->asked = size.n;
    }
    for (size_t i = 0; i < k; i++)
        r->strata[i].share = share[i];
    free(pop);
    free(avail);
    free(share);
}

static jz_sample_item item_of(const entry *e, size_t stratum, size_t rank)
{
    const unit *u = e->u;
    return (jz_sample_item){e->centre, e->id, e->value, stratum, rank, u->records,
                            u->first_day, u->last_day, u->first_file, u->last_file,
                            u->first_line, u->last_line, u->minutes, u->participants, 0, 0, 0};
}

/* Draw alloc[s] of stratum s's available entries (in id order) into r->items. */
static void draw_stratum(jz_sample_result *r, size_t s, const entry *e, size_t from, size_t to,
                         size_t k, jz_rng *rng, size_t *cand)
{
    size_t len = 0;
    for (size_t i = from; i < to; i++)
        if (!e[i].excluded)
            cand[len++] = i;
    jz_sample_shuffle(rng, cand, len, k);
    r->strata[s].first_item = r->nitems;
    r->strata[s].drawn = k;
    for (size_t i = 0; i < k; i++)
        r->items[r->nitems++] = item_of(&e[cand[i]], s, i + 1);
}

/* Probability proportional to size, in stratum s (jz-sample(1), ALGORITHM, --weights): a
 * full random permutation of the available entries (jz_sample_shuffle with k = len; none
 * when nothing is to be drawn from the stratum); the
 * certainties (k' m_i >= M over what is left, repeated until none) in permuted order; then
 * systematic selection over the permuted rest: u = uniform(M), unit i taken when a point
 * u + j M (j = 0..k'-1) falls in [k' (m_1 + ... + m_{i-1}), k' (m_1 + ... + m_i)), so that
 * its inclusion probability is exactly k' m_i / M. */
static void draw_stratum_pps(jz_sample_result *r, size_t s, const entry *e, size_t from, size_t to, size_t k,
                             jz_rng *rng, size_t *cand)
{
    size_t len = 0;
    for (size_t i = from; i < to; i++)
        if (!e[i].excluded)
            cand[len++] = i;
    if (k > 0)
        jz_sample_shuffle(rng, cand, len, len);
    r->strata[s].first_item = r->nitems;
    r->strata[s].drawn = k;
    bool *sure = jz_xcalloc(len + 1, sizeof *sure);
    size_t left = k, rank = 0;
    uint64_t M = 0;
    for (size_t i = 0; i < len; i++)
        M += jz_sample_measure(e[cand[i]].u->risk);
    /* passes with k' and M fixed at the start of each: the certainties do not depend on the
     * order (each has m >= M / k', so there are at most k' of them) */
    for (bool again = left > 0; again && left > 0;) {
        again = false;
        uint64_t k0 = left, M0 = M;
        for (size_t i = 0; i < len; i++) {
            uint64_t m = jz_sample_measure(e[cand[i]].u->risk);
            if (!sure[i] && k0 * m >= M0) {
                sure[i] = true;
                again = true;
                left--;
                M -= m;
                jz_sample_item it = item_of(&e[cand[i]], s, ++rank);
                it.measure = m, it.pi_num = 1, it.pi_den = 1;
                r->items[r->nitems++] = it;
            }
        }
    }
    if (left > 0 && M > 0) {
        uint64_t point = jz_rng_uniform(rng, M), kk = left, cum = 0;
        size_t taken = 0;
        for (size_t i = 0; i < len && taken < kk; i++) {
            if (sure[i])
                continue;
            uint64_t m = jz_sample_measure(e[cand[i]].u->risk);
            cum += kk * m;
            if (point < cum) {
                jz_sample_item it = item_of(&e[cand[i]], s, ++rank);
                it.measure = m, it.pi_num = kk * m, it.pi_den = M;
                r->items[r->nitems++] = it;
                taken++;
                point += M;
            }
        }
    }
    free(sure);
}

uint64_t jz_sample_measure(uint32_t risk_x10)
{
    return 10 + (uint64_t)risk_x10;
}

/* Both draws: strata, allocation, then each stratum drawn by simple random sampling or
 * by probability proportional to size (pps). */
static void draw(const jz_sample_pop *p, jz_rng *rng, jz_sample_size size, jz_sample_result *out, bool pps)
{
    size_t n, *start;
    memset(out, 0, sizeof *out);
    entry *e = collect(p, &n);
    out->strata = make_strata(e, n, &out->nstrata, &start);
    size_t *alloc = jz_xcalloc(out->nstrata + 1, sizeof *alloc), *cand = jz_xcalloc(n + 1, sizeof *cand);
    allocate(out, size, alloc);
    out->items = jz_xcalloc(n + 1, sizeof *out->items);
    out->weighted = pps;
    for (size_t s = 0; s < out->nstrata; s++) {
        if (pps)
            draw_stratum_pps(out, s, e, start[s], start[s + 1], alloc[s], rng, cand);
        else
            draw_stratum(out, s, e, start[s], start[s + 1], alloc[s], rng, cand);
        out->population += out->strata[s].population;
        out->excluded += out->strata[s].excluded;
        out->short_strata += out->strata[s].drawn < out->strata[s].share;
    }
    out->drawn = out->nitems;
    out->short_total = size.per_stratum ? out->short_strata > 0 : out->drawn < size.n;
    free(alloc);
    free(cand);
    free(start);
    free(e);
}

void jz_sample_draw_pps(const jz_sample_pop *p, jz_rng *rng, jz_sample_size size, jz_sample_result *out)
{
    draw(p, rng, size, out, true);
}

void jz_sample_draw(const jz_sample_pop *p, jz_rng *rng, jz_sample_size size, jz_sample_result *out)
{
    draw(p, rng, size, out, false);
}

void jz_sample_result_free(jz_sample_result *r)
{
    if (!r)
        return;
    free(r->strata);
    free(r->items);
    memset(r, 0, sizeof *r);
}

/* ---- visits ---- */

void jz_visit_part_months(int per_centre, int part, int *month_from, int *month_to)
{
    *month_from = 12 * (part - 1) / per_centre + 1;
    *month_to = 12 * part / per_centre;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool overlaps_year(const jz_contracts *c, const char *centre, jz_day y0, jz_day y1)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].centre, centre) == 0 && c->v[i].start <= y1 && c->v[i].end >= y0)
            return true;
    return false;
}

static bool visit_centre_wanted(const jz_visit_spec *spec, const char *centre)
{
    for (size_t i = 0; i < spec->ncentres; i++)
        if (strcmp(spec->centres[i], centre) == 0)
            return true;
    return spec->ncentres == 0;
}

/* The centres to visit, in byte order. */
static const char **visit_centres(const jz_contracts *c, const jz_visit_spec *spec, jz_day y0,
                                  jz_day y1, size_t *n)
{
    size_t total = c->centres ? jz_strmap_count(c->centres) : 0, m = 0;
    const char **v = jz_xcalloc(total + 1, sizeof *v);
    for (size_t i = 0; i < total; i++) {
        const char *centre = jz_strmap_key(c->centres, (long)i);
        if (visit_centre_wanted(spec, centre) && overlaps_year(c, centre, y0, y1))
            v[m++] = centre;
    }
    qsort(v, m, sizeof *v, cmp_str);
    *n = m;
    return v;
}

/* Is day already the visit of another centre of team? */
static bool taken(const jz_visit_plan *plan, const char *team, jz_day day)
{
    for (size_t i = 0; team && i < plan->n; i++)
        if (plan->v[i].status == JZ_VISIT_DRAWN && plan->v[i].team && plan->v[i].date == day &&
            strcmp(plan->v[i].team, team) == 0)
            return true;
    return false;
}

/* Candidates of one part: working days inside one of the centre's contracts, ascending. */
static size_t part_days(const jz_contracts *c, const char *centre, const signed char *working, jz_day y0,
                        jz_visit *v, jz_day *cand)
{
    size_t len = 0;
    for (jz_day d = v->part_from; d <= v->part_to; d++) {
        const jz_contract *k = jz_contracts_for(c, centre, d, NULL);
        if (k && !v->contract)
            v->contract = k->id;
        if (k && working[d - y0])
            cand[len++] = d;
    }
    return len;
}

static void draw_part(jz_visit_plan *plan, jz_visit *v, const jz_contracts *c, const signed char *working,
                      jz_day y0, jz_rng *rng)
{
    jz_day cand[32 * 12];
    size_t len = part_days(c, v->centre, working, y0, v, cand);
    v->working_days = (long)len;
    v->status = v->contract ? JZ_VISIT_SHORT : JZ_VISIT_OUTSIDE;
    for (size_t i = 0; i < len; i++) {
        size_t j = i + (size_t)jz_rng_uniform(rng, len - i);
        jz_day t = cand[i];
        cand[i] = cand[j];
        cand[j] = t;
        if (!taken(plan, v->team, cand[i])) {
            v->date = cand[i];
            v->status = JZ_VISIT_DRAWN;
            v->contract = jz_contracts_for(c, v->centre, v->date, NULL)->id;
            return;
        }
        v->redraws++;
    }
}

/* working[d - y0]: 1 when day d of the year is a working day. */
static jz_code working_days(const jz_calendar *cal, jz_day y0, jz_day y1, signed char *working, jz_error *err)
{
    for (jz_day d = y0; d <= y1; d++) {
        int w = jz_calendar_is_working(cal, d, NULL, err);
        if (w < 0)
            return err->code;
        working[d - y0] = (signed char)w;
    }
    return JZ_OK;
}

jz_code jz_sample_visits(const jz_contracts *c, const jz_calendar *cal, const jz_visit_spec *spec,
                         jz_rng *rng, jz_visit_plan *plan, jz_error *err)
{
    jz_day y0 = jz_days_from_civil(spec->year, 1, 1), y1 = jz_days_from_civil(spec->year, 12, 31);
    signed char working[366];
    size_t ncentres;
    memset(plan, 0, sizeof *plan);
    if (spec->per_centre < 1 || spec->per_centre > 12)
        return jz_error_set(err, JZ_EUSAGE, NULL, 0, 0, "%d visits a year: give 1 to 12", spec->per_centre);
    const char **centres = visit_centres(c, spec, y0, y1, &ncentres);
    if (ncentres && working_days(cal, y0, y1, working, err)) {
        free(centres);
        return err->code;
    }
    plan->v = jz_xcalloc(ncentres * (size_t)spec->per_centre + 1, sizeof *plan->v);
    plan->centres = ncentres;
    for (size_t i = 0; i < ncentres; i++) {
        for (int part = 1; part <= spec->per_centre; part++) {
            jz_visit *v = &plan->v[plan->n];
            *v = (jz_visit){.centre = centres[i], .team = jz_teams_of(spec->teams, centres[i]), .part = part};
            jz_visit_part_months(spec->per_centre, part, &v->month_from, &v->month_to);
            v->part_from = jz_days_from_civil(spec->year, v->month_from, 1);
            v->part_to = v->month_to == 12 ? y1 : jz_days_from_civil(spec->year, v->month_to + 1, 1) - 1;
            draw_part(plan, v, c, working, y0, rng);
            plan->drawn += v->status == JZ_VISIT_DRAWN;
            plan->short_ += v->status == JZ_VISIT_SHORT;
            plan->n++;
        }
    }
    free(centres);
    return JZ_OK;
}

void jz_visit_plan_free(jz_visit_plan *plan)
{
    if (!plan)
        return;
    free(plan->v);
    memset(plan, 0, sizeof *plan);
}
