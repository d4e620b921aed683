/* validate.c — see include/jz/validate.h */
#include "jz/validate.h"
#include "jz/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One staff member on one day. */
typedef struct staffday {
    uint64_t key;       /* staff number << 32 | day, +1 so that 0 means empty */
    int64_t minutes;    /* hours recorded that day */
    int32_t head;       /* first interval, -1 */
    int32_t warned;     /* the long-day warning was given */
} staffday;

typedef struct interval {
    uint16_t start, end;
    int32_t next;
} interval;

struct jz_validator {
    jz_validate_opts o;
    const jz_roster *roster;
    const jz_contracts *contracts;
    jz_diag *diag;
    jz_fpset *seen;            /* record ids and row fingerprints */
    jz_strmap *staff;          /* "centre\x1fstaff" -> staff number */
    staffday *days;
    size_t ndays, dcap;        /* open addressing, dcap a power of two */
    interval *iv;
    size_t niv, ivcap;
    const char *path;          /* the file being read */
};

jz_validator *jz_validator_new(const jz_validate_opts *opts, const jz_roster *roster,
                               const jz_contracts *contracts, size_t expected_rows,
                               jz_diag *diag)
{
    jz_validator *v = jz_xcalloc(1, sizeof *v);
    v->o = *opts;
    v->roster = roster;
    v->contracts = contracts;
    v->diag = diag;
    v->seen = jz_fpset_new(expected_rows * 2);
    v->staff = jz_strmap_new();
    v->dcap = 1024;
    v->days = jz_xcalloc(v->dcap, sizeof *v->days);
    return v;
}

void jz_validator_free(jz_validator *v)
{
    if (!v)
        return;
    jz_fpset_free(v->seen);
    jz_strmap_free(v->staff);
    free(v->days);
    free(v->iv);
    free(v);
}

static staffday *day_slot(staffday *days, size_t cap, uint64_t key)
{
    size_t i = (size_t)(jz_hash64(&key, sizeof key, 7) & (cap - 1));
    while (days[i].key && days[i].key != key)
        i = (i + 1) & (cap - 1);
    return &days[i];
}

static staffday *staff_day(jz_validator *v, long staff, jz_day day)
{
    uint64_t key = ((uint64_t)staff << 32 | (uint32_t)day) + 1;
    staffday *d = day_slot(v->days, v->dcap, key);
    if (d->key)
        return d;
    if ((v->ndays + 1) * 10 > v->dcap * 7) {
        size_t cap = v->dcap * 2;
        staffday *nd = jz_xcalloc(cap, sizeof *nd);
        for (size_t i = 0; i < v->dcap; i++)
            if (v->days[i].key)
                *day_slot(nd, cap, v->days[i].key) = v->days[i];
        free(v->days);
        v->days = nd;
        v->dcap = cap;
        d = day_slot(v->days, v->dcap, key);
    }
    v->ndays++;
    d->key = key;
    d->minutes = 0;
    d->head = -1;
    d->warned = 0;
    return d;
}

static void fmt_time(int m, char *buf)
{
    snprintf(buf, 6, "%02d:%02d", (m / 60) % 100, m % 60);
}

#define COL(f) (h->idx[f] + 1)

/* Row rules that need no other row. */
static void check_row(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f)
{
    const char *p = v->path;
    long line = row->line;
    bool service = f[JZ_R_KIND].ok && f[JZ_R_KIND].v.e <= JZ_KIND_CONSULT;
    if (service && !f[JZ_R_MODE].present && (size_t)h->idx[JZ_R_MODE] < row->nfields)
        jz_diag_emit(v->diag, JZ_ERROR, p, line, h->idx[JZ_R_MODE] >= 0 ? COL(JZ_R_MODE) : 0, "mode",
                     "required", "mode is empty on a %s row: service rows need mode direct (直接) or "
                     "indirect (间接)", jz_enum_name(&jz_enum_kind, f[JZ_R_KIND].v.e));
    else if (service && h->idx[JZ_R_MODE] < 0)
        jz_diag_emit(v->diag, JZ_ERROR, p, line, 0, "mode", "required",
                     "the file has no mode (服务方式) column, which %s rows need",
                     jz_enum_name(&jz_enum_kind, f[JZ_R_KIND].v.e));
    bool timed = f[JZ_R_START].ok && f[JZ_R_END].ok;
    if (timed && f[JZ_R_END].v.minute <= f[JZ_R_START].v.minute) {
        jz_diag_emit(v->diag, JZ_ERROR, p, line, COL(JZ_R_END), "end", "time-order",
                     "end %.*s is not after start %.*s: a session past midnight is two rows, one per day",
                     (int)f[JZ_R_END].n, f[JZ_R_END].s, (int)f[JZ_R_START].n, f[JZ_R_START].s);
        timed = false;
    }
    if (!f[JZ_R_HOURS].present && !timed && !(f[JZ_R_START].present && f[JZ_R_END].present))
        jz_diag_emit(v->diag, JZ_ERROR, p, line, h->idx[JZ_R_HOURS] >= 0 ? COL(JZ_R_HOURS) : 0, "hours",
                     "required", "hours is empty and start/end are not both given: give hours (工时) "
                     "or both start and end");
    if (timed && f[JZ_R_HOURS].ok) {
        int64_t span = f[JZ_R_END].v.minute - f[JZ_R_START].v.minute;
        int64_t diff = f[JZ_R_HOURS].v.num - span;
        if (diff > v->o.tolerance_minutes || -diff > v->o.tolerance_minutes) {
            char a[32], b[32];
            jz_diag_emit(v->diag, JZ_WARNING, p, line, COL(JZ_R_HOURS), "hours", "hours-mismatch",
                         "hours %s differ from end - start (%.*s to %.*s = %s h) by more than %lld "
                         "minutes: correct one of them",
                         jz_minutes_format(f[JZ_R_HOURS].v.num, 2, false, a), (int)f[JZ_R_START].n,
                         f[JZ_R_START].s, (int)f[JZ_R_END].n, f[JZ_R_END].s,
                         jz_minutes_format(span, 2, false, b), (long long)v->o.tolerance_minutes);
        }
    }
}

static void check_id(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f)
{
    char key[1024];
    int n = snprintf(key, sizeof key, "%.*s\x1f%.*s", (int)f[JZ_R_CENTRE].n, f[JZ_R_CENTRE].s,
                     (int)f[JZ_R_RECORD_ID].n, f[JZ_R_RECORD_ID].s);
    if (n > 0 && !jz_fpset_add(v->seen, jz_hash64(key, (size_t)n < sizeof key ? (size_t)n : sizeof key - 1, 1)))
        jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_RECORD_ID), "record_id",
                     "duplicate-id", "record_id %.*s appears earlier for centre %.*s: each record needs "
                     "its own id", (int)f[JZ_R_RECORD_ID].n, f[JZ_R_RECORD_ID].s,
                     (int)f[JZ_R_CENTRE].n, f[JZ_R_CENTRE].s);
}

static void check_duplicate(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f)
{
    char key[1024];
    int n = snprintf(key, sizeof key, "%.*s\x1f%.*s\x1f%d\x1f%d\x1f%d\x1f%.*s", (int)f[JZ_R_CENTRE].n,
                 f[JZ_R_CENTRE].s, (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s, (int)f[JZ_R_DATE].v.day,
                 f[JZ_R_START].ok ? f[JZ_R_START].v.minute : -1, f[JZ_R_KIND].v.e,
                 (int)f[JZ_R_CLIENT].n, f[JZ_R_CLIENT].s);
    if (n > 0 && !jz_fpset_add(v->seen, jz_hash64(key, (size_t)n < sizeof key ? (size_t)n : sizeof key - 1, 2)))
        jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_RECORD_ID), "record_id",
                     "duplicate-row", "record %.*s repeats an earlier row (same staff %.*s, date %.*s, "
                     "start %.*s, kind %s, client %.*s): the same work entered twice counts twice",
                     (int)f[JZ_R_RECORD_ID].n, f[JZ_R_RECORD_ID].s, (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s,
                     (int)f[JZ_R_DATE].n, f[JZ_R_DATE].s, (int)f[JZ_R_START].n, f[JZ_R_START].s,
                     jz_enum_name(&jz_enum_kind, f[JZ_R_KIND].v.e),
                     f[JZ_R_CLIENT].n ? (int)f[JZ_R_CLIENT].n : 1, f[JZ_R_CLIENT].n ? f[JZ_R_CLIENT].s : "-");
}

static void check_refs(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f)
{
    char centre[256], staff[256], d[11];
    snprintf(centre, sizeof centre, "%.*s", (int)f[JZ_R_CENTRE].n, f[JZ_R_CENTRE].s);
    snprintf(staff, sizeof staff, "%.*s", (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s);
    jz_day day = f[JZ_R_DATE].v.day;
    if (v->roster) {
        const jz_staff *s = jz_roster_find(v->roster, centre, staff);
        if (!s) {
            const jz_staff *o = jz_roster_find_any(v->roster, staff);
            if (o)
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_STAFF), "staff",
                             "unknown-staff", "staff %s is on the roster of centre %s (%s:%ld), not of "
                             "centre %s", staff, o->centre, o->file, o->line, centre);
            else
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_STAFF), "staff",
                             "unknown-staff", "staff %s of centre %s is not on the roster: add them to "
                             "the roster or correct the id", staff, centre);
        } else if (!jz_staff_on(s, day)) {
            jz_diag_emit(v->diag, JZ_WARNING, v->path, row->line, COL(JZ_R_DATE), "date",
                         "not-employed", "staff %s was not employed on %s (roster %s:%ld: from %s to %s)",
                         staff, jz_date_format(day, d), s->file, s->line,
                         s->start == JZ_NO_DAY ? "-" : jz_date_format(s->start, (char[11]){0}),
                         s->end == JZ_NO_DAY ? "-" : jz_date_format(s->end, (char[11]){0}));
        }
    }
    if (v->contracts) {
        bool any;
        if (!jz_contracts_for(v->contracts, centre, day, &any)) {
            if (!any) {
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_CENTRE), "centre",
                             "unknown-centre", "centre %s has no contract in the contracts given", centre);
            } else {
                const jz_contract *k = jz_contracts_first(v->contracts, centre);
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_DATE), "date",
                             "outside-contract", "date %s is outside centre %s's contract %s (%s to %s)",
                             jz_date_format(day, d), centre, k->id, jz_date_format(k->start, (char[11]){0}),
                             jz_date_format(k->end, (char[11]){0}));
            }
        }
    }
}

static void check_day(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f)
{
    char key[512];
    int n = snprintf(key, sizeof key, "%.*s\x1f%.*s", (int)f[JZ_R_CENTRE].n, f[JZ_R_CENTRE].s,
                     (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s);
    long staff = jz_strmap_put(v->staff, key, (size_t)n < sizeof key ? (size_t)n : sizeof key - 1, NULL);
    staffday *d = staff_day(v, staff, f[JZ_R_DATE].v.day);
    bool timed = f[JZ_R_START].ok && f[JZ_R_END].ok && f[JZ_R_END].v.minute > f[JZ_R_START].v.minute;
    int64_t minutes = f[JZ_R_HOURS].ok ? f[JZ_R_HOURS].v.num
                      : timed ? f[JZ_R_END].v.minute - f[JZ_R_START].v.minute : 0;
    d->minutes += minutes;
    if (d->minutes > v->o.max_day_minutes && !d->warned) {
        char a[32], b[32];
        d->warned = 1;
        jz_diag_emit(v->diag, JZ_WARNING, v->path, row->line, COL(JZ_R_HOURS), "hours", "long-day",
                     "staff %.*s has %s hours of records on %.*s with this row, more than %s: check "
                     "that these records were made at the time", (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s,
                     jz_minutes_format(d->minutes, 2, false, a), (int)f[JZ_R_DATE].n, f[JZ_R_DATE].s,
                     jz_minutes_format(v->o.max_day_minutes, 0, false, b));
    }
    if (!timed)
        return;
    uint16_t s = (uint16_t)f[JZ_R_START].v.minute, e = (uint16_t)f[JZ_R_END].v.minute;
    for (int32_t i = d->head; i >= 0; i = v->iv[i].next) {
        if (s < v->iv[i].end && v->iv[i].start < e) {
            char a[6], b[6];
            fmt_time(v->iv[i].start, a);
            fmt_time(v->iv[i].end, b);
            jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_START), "start", "overlap",
                         "staff %.*s already has a session from %s to %s on %.*s, overlapping this one "
                         "(%.*s to %.*s): one person cannot serve in two places at once",
                         (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s, a, b, (int)f[JZ_R_DATE].n, f[JZ_R_DATE].s,
                         (int)f[JZ_R_START].n, f[JZ_R_START].s, (int)f[JZ_R_END].n, f[JZ_R_END].s);
            break;
        }
    }
    if (v->niv == v->ivcap) {
        v->ivcap = v->ivcap ? v->ivcap * 2 : 4096;
        v->iv = jz_xrealloc(v->iv, v->ivcap * sizeof *v->iv);
    }
    v->iv[v->niv] = (interval){s, e, d->head};
    d->head = (int32_t)v->niv++;
}

static int on_record(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    jz_validator *v = ctx;
    (void)nerr;
    if (h->schema->type != JZ_FILE_RECORDS)
        return 0;
    check_row(v, h, row, f);
    /* Each cross-row check runs when the fields it keys on are valid. */
    bool who = f[JZ_R_CENTRE].ok && f[JZ_R_STAFF].ok && f[JZ_R_DATE].ok;
    if (f[JZ_R_CENTRE].ok && f[JZ_R_RECORD_ID].ok)
        check_id(v, h, row, f);
    if (who && f[JZ_R_KIND].ok)
        check_duplicate(v, h, row, f);
    if (who) {
        check_refs(v, h, row, f);
        check_day(v, h, row, f);
    }
    return 0;
}

jz_code jz_validator_file(jz_validator *v, const char *path, jz_filetype type, jz_encoding enc,
                          jz_table_info *info, jz_error *err)
{
    v->path = path;
    return jz_table_read(path, type, enc, v->diag, on_record, v, info, err);
}
