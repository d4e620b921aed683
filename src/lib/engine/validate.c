/* validate.c — see include/jz/validate.h */
#include "jz/validate.h"
#include "jz/record_ids.h"
#include "jz/i18n.h"
#include "jz/hash.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One staff member on one day: its hours so far, its timed sessions and the fingerprints
 * of its rows. A row repeats an earlier one only on the same staff-day, so the duplicate
 * check looks in the slot the overlap check loads anyway, not in a table of every row
 * (whose look-ups were each a cache miss). The first few sessions and fingerprints live
 * in the staff-day itself (64 bytes); more go to overflow chunks. */
enum { INLINE_IV = 4, CHUNK_IV = 8, INLINE_FP = 2, CHUNK_FP = 3 };

typedef struct staffday {
    uint32_t staff;     /* staff number + 1 */
    int32_t day;
    int32_t minutes;    /* hours recorded that day */
    uint16_t n;         /* sessions stored */
    uint8_t warned;     /* the long-day warning was given */
    uint8_t shared;     /* a second half's: the first half has this staff-day too (join) */
    uint16_t iv[INLINE_IV][2];
    int32_t more;       /* first overflow chunk, -1 */
    uint32_t nfp;       /* fingerprints stored */
    int32_t fmore;      /* first overflow chunk of fingerprints, -1 */
    uint64_t fp[INLINE_FP];
} staffday;

_Static_assert(sizeof(staffday) == 64, "a staff-day is 64 bytes");

typedef struct dayslot {
    uint32_t tag;       /* the low 32 bits of the key's hash */
    uint32_t idx;       /* index + 1 in the dense array; 0 = empty slot */
} dayslot;

typedef struct ivchunk {
    uint16_t iv[CHUNK_IV][2];
    int32_t next;
} ivchunk;

typedef struct fpchunk {
    uint64_t fp[CHUNK_FP];
    int32_t next;
} fpchunk;

struct jz_validator {
    jz_validate_opts o;
    const jz_roster *roster;
    const jz_contracts *contracts;
    jz_diag *diag;
    jz_record_ids *ids;        /* record ids (by series, in blocks: record_ids.h) */
    jz_strmap *staff;          /* "centre\x1fstaff" -> staff number */
    staffday *days;            /* dense, in the order they were met */
    size_t ndays, dcap;
    dayslot *tab;              /* finds them: open addressing, tcap a power of two */
    size_t tcap;
    uint32_t *last;            /* a second half's: by staff-day, the line of its last row
                                * (UINT32_MAX: beyond), for the join */
    ivchunk *chunks;
    size_t nchunks, ccap;
    fpchunk *fchunks;
    size_t nfchunks, fccap;
    struct staffref *refs;     /* staff number -> its roster row and last contract */
    size_t nrefs;
    const char *path;          /* the file being read */
    /* attendance lists: sessions (centre, activity, date) and activities (centre, activity) */
    jz_strmap *sessions, *activities;
    struct session_info *sinfo;
    size_t nsinfo;
    jz_fpset *listed;          /* (session, person) already on a list */
    long list_rows;
    bool keep_sessions;
    /* A records file read in two halves (table.h): the second half is checked by a
     * validator of its own (no tables until a split starts), merged into this one after. */
    struct jz_validator *half;
    bool is_half;
};

/* A session of the records: its first row (where a participants mismatch is reported)
 * and the clients counted on its attendance lists. */
typedef struct session_info {
    const char *file;
    long line;
    long col;                  /* the participants column, 0 if none */
    int64_t participants;      /* -1: not given on the first row */
    long clients;              /* clients on its lists */
    bool listed;               /* it has a list */
} session_info;

/* What the reference checks learnt about a staff member, so that later rows of the same
 * person need no lookups. */
typedef struct staffref {
    bool looked_up;
    const jz_staff *roster;    /* NULL: not on the roster (or no roster) */
    const jz_contract *last;   /* the contract that covered this person's last row */
} staffref;

jz_validator *jz_validator_new(const jz_validate_opts *opts, const jz_roster *roster,
                               const jz_contracts *contracts, jz_diag *diag)
{
    jz_validator *v = jz_xcalloc(1, sizeof *v);
    v->o = *opts;
    v->roster = roster;
    v->contracts = contracts;
    v->diag = diag;
    v->ids = jz_record_ids_new();
    v->staff = jz_strmap_new();
    v->tcap = 1024;
    v->tab = jz_big_calloc(v->tcap, sizeof *v->tab);
    return v;
}

void jz_validator_free(jz_validator *v)
{
    if (!v)
        return;
    jz_validator_free(v->half);
    jz_record_ids_free(v->ids);
    jz_strmap_free(v->staff);
    free(v->days);
    free(v->tab);
    free(v->last);
    free(v->chunks);
    free(v->fchunks);
    free(v->refs);
    jz_strmap_free(v->sessions);
    jz_strmap_free(v->activities);
    jz_fpset_free(v->listed);
    free(v->sinfo);
    free(v);
}

/* ---- the staff-days: a dense array in the order they were met, found through a table of
 * slots (8 bytes: the index + 1 and 32 bits of the key's hash, so a probe rarely loads a
 * staff-day that is not the one looked for). The table is at most 70 % full; growing it
 * moves no staff-day. */

static uint64_t day_key_hash(uint32_t staff, int32_t day)
{
    uint64_t key = (uint64_t)staff << 32 | (uint32_t)day;
    return jz_hash64(&key, sizeof key, 7);
}

/* The home slot: the top bits of the hash (multiply-high); the tag: its low 32 bits. */
static size_t day_home(uint64_t hash, size_t cap)
{
    return (size_t)(((unsigned __int128)hash * cap) >> 64);
}

/* The slot of (staff, day) in v's table: its own, or the empty one where it would go. */
static dayslot *day_find(const jz_validator *v, uint32_t staff, int32_t day, uint64_t hash)
{
    size_t i = day_home(hash, v->tcap);
    uint32_t tag = (uint32_t)hash;
    for (;; i = (i + 1) & (v->tcap - 1)) {
        dayslot *t = &v->tab[i];
        if (!t->idx)
            return t;
        if (t->tag == tag && v->days[t->idx - 1].staff == staff && v->days[t->idx - 1].day == day)
            return t;
    }
}

/* A table of cap slots for the staff-days there are. */
static void rehash_days(jz_validator *v, size_t cap)
{
    free(v->tab);
    v->tab = jz_big_calloc(cap, sizeof *v->tab);
    v->tcap = cap;
    for (size_t j = 0; j < v->ndays; j++) {
        uint64_t hash = day_key_hash(v->days[j].staff, v->days[j].day);
        dayslot *t = day_find(v, v->days[j].staff, v->days[j].day, hash);
        *t = (dayslot){(uint32_t)hash, (uint32_t)j + 1};
    }
}

/* Room for n staff-days without growing the table. */
static void reserve_days(jz_validator *v, size_t n)
{
    size_t cap = v->tcap;
    while (n * 10 > cap * 7)
        cap *= 2;
    if (cap != v->tcap)
        rehash_days(v, cap);
}

static staffday *find_day(const jz_validator *v, uint32_t staff, int32_t day)
{
    dayslot *t = day_find(v, staff, day, day_key_hash(staff, day));
    return t->idx ? &v->days[t->idx - 1] : NULL;
}

/* (staff_number, day)'s staff-day, made empty if it is new. A new one may move the others
 * (the dense array grows): a pointer to one lasts until the next call. */
static staffday *staff_day(jz_validator *v, long staff_number, jz_day day)
{
    uint32_t staff = (uint32_t)staff_number + 1;
    uint64_t hash = day_key_hash(staff, day);
    dayslot *t = day_find(v, staff, day, hash);
    if (t->idx)
        return &v->days[t->idx - 1];
    if (v->ndays >= UINT32_MAX - 1) {
        fprintf(stderr, "jiazong: validate: more than %lu staff-days in one run: check the files in "
                        "smaller runs\n", (unsigned long)UINT32_MAX - 1);
        exit(4);
    }
    if ((v->ndays + 1) * 10 > v->tcap * 7) {
        rehash_days(v, v->tcap * 2);
        t = day_find(v, staff, day, hash);
    }
    if (v->ndays == v->dcap) {
        v->dcap = v->dcap ? v->dcap * 2 : 1024;
        v->days = jz_xrealloc(v->days, v->dcap * sizeof *v->days);
        if (v->last)
            v->last = jz_xrealloc(v->last, v->dcap * sizeof *v->last);
    }
    *t = (dayslot){(uint32_t)hash, (uint32_t)v->ndays + 1};
    staffday *d = &v->days[v->ndays++];
    memset(d, 0, sizeof *d);
    d->staff = staff;
    d->day = day;
    d->more = -1;
    d->fmore = -1;
    return d;
}

/* The i-th session of d. */
static const uint16_t *session(const jz_validator *v, const staffday *d, size_t i)
{
    if (i < INLINE_IV)
        return d->iv[i];
    i -= INLINE_IV;
    int32_t c = d->more;
    while (i >= CHUNK_IV) {
        c = v->chunks[c].next;
        i -= CHUNK_IV;
    }
    return v->chunks[c].iv[i];
}

/* A new chunk at the end of v's array (which may move: callers keep indexes, not
 * pointers), linked from nothing yet. */
static int32_t new_ivchunk(jz_validator *v)
{
    if (v->nchunks == v->ccap) {
        v->ccap = v->ccap ? v->ccap * 2 : 1024;
        v->chunks = jz_xrealloc(v->chunks, v->ccap * sizeof *v->chunks);
    }
    v->chunks[v->nchunks].next = -1;
    return (int32_t)v->nchunks++;
}

static int32_t new_fpchunk(jz_validator *v)
{
    if (v->nfchunks == v->fccap) {
        v->fccap = v->fccap ? v->fccap * 2 : 1024;
        v->fchunks = jz_xrealloc(v->fchunks, v->fccap * sizeof *v->fchunks);
    }
    v->fchunks[v->nfchunks].next = -1;
    return (int32_t)v->nfchunks++;
}

static void add_session(jz_validator *v, staffday *d, uint16_t s, uint16_t e)
{
    size_t i = d->n;
    if (i == UINT16_MAX)
        return;  /* 65535 sessions in a day: the long-day warning has said enough */
    d->n++;
    uint16_t *slot;
    if (i < INLINE_IV) {
        slot = d->iv[i];
    } else {
        i -= INLINE_IV;
        int32_t c = d->more, last = -1;  /* the chunk that holds i, and the one before it */
        for (size_t k = i / CHUNK_IV; k > 0; k--)
            last = c, c = v->chunks[c].next;
        if (i % CHUNK_IV == 0) {  /* a new chunk at the end of the chain */
            c = new_ivchunk(v);
            if (last < 0)
                d->more = c;
            else
                v->chunks[last].next = c;
        }
        slot = v->chunks[c].iv[i % CHUNK_IV];
    }
    slot[0] = s;
    slot[1] = e;
}

/* Whether d has fingerprint fp already; if not, fp is added. */
static bool day_fp_seen(jz_validator *v, staffday *d, uint64_t fp)
{
    uint32_t n = d->nfp;
    for (uint32_t i = 0; i < n && i < INLINE_FP; i++)
        if (d->fp[i] == fp)
            return true;
    int32_t last = -1;  /* the chain's last chunk */
    for (uint32_t i = INLINE_FP, c = (uint32_t)d->fmore; i < n; c = (uint32_t)v->fchunks[c].next) {
        for (uint32_t k = 0; k < CHUNK_FP && i < n; k++, i++)
            if (v->fchunks[c].fp[k] == fp)
                return true;
        last = (int32_t)c;
    }
    /* not there: at index n, inline, in the last chunk, or in a new one after it */
    if (n < INLINE_FP) {
        d->fp[n] = fp;
    } else if ((n - INLINE_FP) % CHUNK_FP) {
        v->fchunks[last].fp[(n - INLINE_FP) % CHUNK_FP] = fp;
    } else {
        int32_t c = new_fpchunk(v);
        if (last < 0)
            d->fmore = c;
        else
            v->fchunks[last].next = c;
        v->fchunks[c].fp[0] = fp;
    }
    if (d->nfp < UINT32_MAX)
        d->nfp++;
    return false;
}

static void fmt_time(int m, char *buf)
{
    snprintf(buf, 6, "%02d:%02d", (m / 60) % 100, m % 60);
}

#define COL(f) (h->idx[f] + 1)

/* Keys for the hash tables, built without printf (this runs for every row). */
typedef struct keybuf {
    char b[1024];
    size_t n;
} keybuf;

/* A field and a separator. A value over 255 bytes goes in as its 64-bit hash, so a key
 * (at most three texts and three ints) never overflows b nor gets cut short. */
static void key_text(keybuf *k, const jz_field *f)
{
    if (f->n > 255) {
        uint64_t h = jz_hash64(f->s, f->n, 3);
        memcpy(k->b + k->n, &h, sizeof h);
        k->n += sizeof h;
    } else {
        memcpy(k->b + k->n, f->s, f->n);
        k->n += f->n;
    }
    k->b[k->n++] = '\x1f';
}

static void key_int(keybuf *k, int32_t v)
{
    if (k->n + sizeof v <= sizeof k->b) {
        memcpy(k->b + k->n, &v, sizeof v);
        k->n += sizeof v;
    }
}

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
    bool timed;
    jz_record_time_check(h, row, f, p, v->diag, &timed);
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

/* What makes a row a copy of another on the same staff-day (the staff-day is the centre,
 * staff and date). Never 0. */
static uint64_t row_fingerprint(const jz_field *f)
{
    keybuf k = {.n = 0};
    key_int(&k, f[JZ_R_START].ok ? f[JZ_R_START].v.minute : -1);
    key_int(&k, f[JZ_R_KIND].v.e);
    key_text(&k, &f[JZ_R_CLIENT]);
    uint64_t fp = jz_hash64(k.b, k.n, 2);
    return fp ? fp : 1;
}

static void check_id(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f, jz_record_key k)
{
    if (!k.fp)
        return;
    if (jz_record_ids_see(v->ids, k, v->path, row->line, NULL, NULL))
        jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_RECORD_ID), "record_id",
                     "duplicate-id", "record_id %.*s appears earlier for centre %.*s: each record needs "
                     "its own id", (int)f[JZ_R_RECORD_ID].n, f[JZ_R_RECORD_ID].s,
                     (int)f[JZ_R_CENTRE].n, f[JZ_R_CENTRE].s);
}

static bool check_duplicate(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f,
                            staffday *d, uint64_t fp)
{
    if (!day_fp_seen(v, d, fp))
        return false;
    jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_RECORD_ID), "record_id",
                 "duplicate-row", "record %.*s repeats an earlier row (same staff %.*s, date %.*s, "
                 "start %.*s, kind %s, client %.*s): the same work entered twice counts twice",
                 (int)f[JZ_R_RECORD_ID].n, f[JZ_R_RECORD_ID].s, (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s,
                 (int)f[JZ_R_DATE].n, f[JZ_R_DATE].s, (int)f[JZ_R_START].n, f[JZ_R_START].s,
                 jz_enum_name(&jz_enum_kind, f[JZ_R_KIND].v.e),
                 f[JZ_R_CLIENT].n ? (int)f[JZ_R_CLIENT].n : 1, f[JZ_R_CLIENT].n ? f[JZ_R_CLIENT].s : "-");
    return true;
}

/* The centre's and the staff member's texts of a row, made when a look-up or a message
 * needs them (most rows need neither: their staff member was looked up before). */
typedef struct rowtexts {
    const jz_field *f;
    char cbuf[256], sbuf[256];
    char *centre, *staff;
} rowtexts;

static void texts_make(rowtexts *t)
{
    if (!t->centre) {
        t->centre = jz_field_text(&t->f[JZ_R_CENTRE], t->cbuf, sizeof t->cbuf);
        t->staff = jz_field_text(&t->f[JZ_R_STAFF], t->sbuf, sizeof t->sbuf);
    }
}

static void texts_free(rowtexts *t)
{
    if (t->centre && t->centre != t->cbuf)
        free(t->centre);
    if (t->staff && t->staff != t->sbuf)
        free(t->staff);
}

static staffref *staff_ref(jz_validator *v, long staff, rowtexts *t)
{
    if ((size_t)staff >= v->nrefs) {
        size_t n = v->nrefs ? v->nrefs * 2 : 256;
        while (n <= (size_t)staff)
            n *= 2;
        v->refs = jz_xrealloc(v->refs, n * sizeof *v->refs);
        memset(v->refs + v->nrefs, 0, (n - v->nrefs) * sizeof *v->refs);
        v->nrefs = n;
    }
    staffref *r = &v->refs[staff];
    if (!r->looked_up) {
        r->looked_up = true;
        if (v->roster) {
            texts_make(t);
            r->roster = jz_roster_find(v->roster, t->centre, t->staff);
        }
    }
    return r;
}

static void check_refs(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f,
                       long staff_number)
{
    char d[11];
    rowtexts t;  /* not zeroed whole: its buffers are written only when used */
    t.f = f;
    t.centre = t.staff = NULL;
    jz_day day = f[JZ_R_DATE].v.day;
    staffref *ref = staff_ref(v, staff_number, &t);
    if (v->roster) {
        const jz_staff *s = ref->roster;
        if (!s) {
            texts_make(&t);
            const jz_staff *o = jz_roster_find_any(v->roster, t.staff);
            if (o)
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_STAFF), "staff",
                             "unknown-staff", "staff %s is on the roster of centre %s (%s:%ld), not of "
                             "centre %s", t.staff, o->centre, o->file, o->line, t.centre);
            else
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_STAFF), "staff",
                             "unknown-staff", "staff %s of centre %s is not on the roster: add them to "
                             "the roster or correct the id", t.staff, t.centre);
        } else if (!jz_staff_on(s, day)) {
            texts_make(&t);
            jz_diag_emit(v->diag, JZ_WARNING, v->path, row->line, COL(JZ_R_DATE), "date",
                         "not-employed", "staff %s was not employed on %s (roster %s:%ld: from %s to %s)",
                         t.staff, jz_date_format(day, d), s->file, s->line,
                         s->start == JZ_NO_DAY ? "-" : jz_date_format(s->start, (char[11]){0}),
                         s->end == JZ_NO_DAY ? "-" : jz_date_format(s->end, (char[11]){0}));
        }
    }
    if (v->contracts && !(ref->last && ref->last->start <= day && day <= ref->last->end)) {
        bool any;
        texts_make(&t);
        if ((ref->last = jz_contracts_for(v->contracts, t.centre, day, &any)) == NULL) {
            if (!any) {
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_CENTRE), "centre",
                             "unknown-centre", "centre %s has no contract in the contracts given", t.centre);
            } else {
                const jz_contract *k = jz_contracts_first(v->contracts, t.centre);
                jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_DATE), "date",
                             "outside-contract", "date %s is outside centre %s's contract %s (%s to %s)",
                             jz_date_format(day, d), t.centre, k->id, jz_date_format(k->start, (char[11]){0}),
                             jz_date_format(k->end, (char[11]){0}));
            }
        }
    }
    texts_free(&t);
}

static void check_day(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f,
                      staffday *d, bool duplicate)
{
    bool timed = f[JZ_R_START].ok && f[JZ_R_END].ok && f[JZ_R_END].v.minute > f[JZ_R_START].v.minute;
    int64_t minutes = f[JZ_R_HOURS].ok ? f[JZ_R_HOURS].v.num
                      : timed ? f[JZ_R_END].v.minute - f[JZ_R_START].v.minute : 0;
    d->minutes += (int32_t)minutes;
    if (v->last)
        v->last[d - v->days] = row->line > 0 && (unsigned long)row->line < UINT32_MAX ? (uint32_t)row->line : UINT32_MAX;
    if (d->minutes > v->o.max_day_minutes && !d->warned) {
        char a[32], b[32];
        d->warned = 1;
        jz_diag_emit(v->diag, JZ_WARNING, v->path, row->line, COL(JZ_R_HOURS), "hours", "long-day",
                     "staff %.*s has %s hours of records on %.*s with this row, more than %s: check "
                     "that these records were made at the time", (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s,
                     jz_minutes_format(d->minutes, 2, false, a), (int)f[JZ_R_DATE].n, f[JZ_R_DATE].s,
                     jz_minutes_format(v->o.max_day_minutes, 2, false, b));
    }
    if (!timed)
        return;
    uint16_t s = (uint16_t)f[JZ_R_START].v.minute, e = (uint16_t)f[JZ_R_END].v.minute;
    /* A duplicate row (already reported) overlaps its twin by definition: say it once. */
    for (size_t i = 0; !duplicate && i < d->n; i++) {
        const uint16_t *o = session(v, d, i);
        if (s < o[1] && o[0] < e) {
            char a[6], b[6];
            fmt_time(o[0], a);
            fmt_time(o[1], b);
            jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_R_START), "start", "overlap",
                         "staff %.*s already has a session from %s to %s on %.*s, overlapping this one "
                         "(%.*s to %.*s): one person cannot serve in two places at once",
                         (int)f[JZ_R_STAFF].n, f[JZ_R_STAFF].s, a, b, (int)f[JZ_R_DATE].n, f[JZ_R_DATE].s,
                         (int)f[JZ_R_START].n, f[JZ_R_START].s, (int)f[JZ_R_END].n, f[JZ_R_END].s);
            break;
        }
    }
    add_session(v, d, s, e);
}

static void session_key(keybuf *k, const jz_field *centre, const jz_field *activity, jz_day day)
{
    k->n = 0;
    key_text(k, centre);
    key_text(k, activity);
    if (day != JZ_NO_DAY)
        key_int(k, day);
}

static void note_session(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f)
{
    if (!f[JZ_R_CENTRE].ok || !f[JZ_R_ACTIVITY].ok || !f[JZ_R_DATE].ok)
        return;
    if (!v->sessions) {
        v->sessions = jz_strmap_new();
        v->activities = jz_strmap_new();
        v->listed = jz_fpset_new(1024);
    }
    keybuf k;
    session_key(&k, &f[JZ_R_CENTRE], &f[JZ_R_ACTIVITY], JZ_NO_DAY);
    jz_strmap_put(v->activities, k.b, k.n, NULL);
    session_key(&k, &f[JZ_R_CENTRE], &f[JZ_R_ACTIVITY], f[JZ_R_DATE].v.day);
    bool added;
    long i = jz_strmap_put(v->sessions, k.b, k.n, &added);
    if (!added)
        return;
    if ((size_t)i >= v->nsinfo) {
        size_t n = v->nsinfo ? v->nsinfo * 2 : 1024;
        v->sinfo = jz_xrealloc(v->sinfo, n * sizeof *v->sinfo);
        v->nsinfo = n;
    }
    session_info *si = &v->sinfo[i];
    memset(si, 0, sizeof *si);
    si->file = v->path;
    si->line = row->line;
    si->col = h->idx[JZ_R_PARTICIPANTS] >= 0 ? COL(JZ_R_PARTICIPANTS) : 0;
    si->participants = f[JZ_R_PARTICIPANTS].ok ? f[JZ_R_PARTICIPANTS].v.num : -1;
}

/* One row of an attendance list. */
static void check_listed(jz_validator *v, const jz_header *h, const jz_row *row, const jz_field *f)
{
    if (!f[JZ_A_CENTRE].ok || !f[JZ_A_ACTIVITY].ok || !f[JZ_A_DATE].ok || !f[JZ_A_PERSON].ok)
        return;
    v->list_rows++;
    if (!v->sessions) {
        if (v->list_rows == 1)
            jz_diag_emit(v->diag, JZ_NOTE, v->path, row->line, 0, "activity", "no-records",
                         "no service records were given before this attendance list: its activities "
                         "are not checked (give the records files in the same run)");
        return;
    }
    keybuf k;
    session_key(&k, &f[JZ_A_CENTRE], &f[JZ_A_ACTIVITY], f[JZ_A_DATE].v.day);
    long i = jz_strmap_get(v->sessions, k.b, k.n);
    if (i < 0) {
        session_key(&k, &f[JZ_A_CENTRE], &f[JZ_A_ACTIVITY], JZ_NO_DAY);
        bool other_day = jz_strmap_get(v->activities, k.b, k.n) >= 0;
        jz_diag_emit(v->diag, JZ_ERROR, v->path, row->line, COL(JZ_A_ACTIVITY), "activity",
                     "unknown-activity", other_day
                         ? N_("activity %.*s of centre %.*s has no record on %.*s: correct the date or the activity")
                         : N_("activity %.*s of centre %.*s is in none of the records given%.*s: correct the id "
                              "or give the records of that centre"),
                     (int)f[JZ_A_ACTIVITY].n, f[JZ_A_ACTIVITY].s, (int)f[JZ_A_CENTRE].n, f[JZ_A_CENTRE].s,
                     other_day ? (int)f[JZ_A_DATE].n : 0, f[JZ_A_DATE].s);
        return;
    }
    keybuf p;
    p.n = 0;
    key_int(&p, (int32_t)i);
    key_text(&p, &f[JZ_A_PERSON]);
    if (!jz_fpset_add(v->listed, jz_hash64(p.b, p.n, 11))) {
        jz_diag_emit(v->diag, JZ_WARNING, v->path, row->line, COL(JZ_A_PERSON), "person",
                     "duplicate-person", "person %.*s is already on the list of activity %.*s on %.*s: "
                     "each person signs once", (int)f[JZ_A_PERSON].n, f[JZ_A_PERSON].s,
                     (int)f[JZ_A_ACTIVITY].n, f[JZ_A_ACTIVITY].s, (int)f[JZ_A_DATE].n, f[JZ_A_DATE].s);
        return;
    }
    v->sinfo[i].listed = true;
    if (f[JZ_A_ROLE].ok && f[JZ_A_ROLE].v.e == JZ_ROLE_CLIENT)
        v->sinfo[i].clients++;
}

void jz_validator_keep_sessions(jz_validator *v)
{
    v->keep_sessions = true;
}

void jz_validator_set_diag(jz_validator *v, jz_diag *diag)
{
    v->diag = diag;
}

void jz_validator_finish(jz_validator *v)
{
    if (!v || !v->sessions)
        return;
    size_t n = jz_strmap_count(v->sessions);
    for (size_t i = 0; i < n; i++) {
        const session_info *si = &v->sinfo[i];
        if (!si->listed || si->participants < 0 || si->participants == si->clients)
            continue;
        const char *key = jz_strmap_key(v->sessions, (long)i);
        const char *sep = strchr(key, '\x1f');
        const char *act = sep ? sep + 1 : key;
        const char *end = strchr(act, '\x1f');
        jz_diag_emit(v->diag, JZ_WARNING, si->file, si->line, si->col, "participants",
                     "participants-mismatch", "participants %lld differ from the %ld client%s on the "
                     "attendance list of activity %.*s: correct the count or the list",
                     (long long)si->participants, si->clients, si->clients == 1 ? "" : "s",
                     end ? (int)(end - act) : (int)strlen(act), act);
    }
}

static int on_record(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    jz_validator *v = ctx;
    (void)nerr;
    if (h->schema->type == JZ_FILE_ATTENDANCE) {
        check_listed(v, h, row, f);
        return 0;
    }
    if (h->schema->type != JZ_FILE_RECORDS)
        return 0;
    if (v->keep_sessions)
        note_session(v, h, row, f);
    /* Each cross-row check runs when the fields it keys on are valid. The hash-table slots
     * they need are prefetched first, so the memory loads overlap the row checks. */
    bool who = f[JZ_R_CENTRE].ok && f[JZ_R_STAFF].ok && f[JZ_R_DATE].ok;
    bool has_id = f[JZ_R_CENTRE].ok && f[JZ_R_RECORD_ID].ok;
    jz_record_key id = has_id ? jz_record_id_key(f) : (jz_record_key){0, JZ_RECORD_UNNUMBERED};
    if (id.fp)
        jz_record_ids_prefetch(v->ids, id);
    /* Same staff, date, start, kind and client. An untimed row without a client (a group
     * or community session) says too little to be called a copy of another. */
    uint64_t fp_row = who && f[JZ_R_KIND].ok && (f[JZ_R_START].ok || f[JZ_R_CLIENT].present)
                          ? row_fingerprint(f) : 0;
    long staff = -1;
    if (who) {
        keybuf k = {.n = 0};
        key_text(&k, &f[JZ_R_CENTRE]);
        key_text(&k, &f[JZ_R_STAFF]);
        staff = jz_strmap_put(v->staff, k.b, k.n, NULL);
        __builtin_prefetch(&v->tab[day_home(day_key_hash((uint32_t)staff + 1, f[JZ_R_DATE].v.day), v->tcap)]);
    }
    if (row->nfields >= h->nfields)  /* a short row already has its ragged-row error */
        check_row(v, h, row, f);
    if (who)
        check_refs(v, h, row, f, staff);
    if (has_id)
        check_id(v, h, row, f, id);
    if (who) {
        staffday *d = staff_day(v, staff, f[JZ_R_DATE].v.day);
        check_day(v, h, row, f, d, fp_row && check_duplicate(v, h, row, f, d, fp_row));
    }
    return 0;
}

/* ---- a records file on two cores ----
 * The second half is checked by v->half from empty state while the first half is checked
 * by v. Its findings are those of one reader but where they depend on rows before the
 * split: a duplicate of a row of the first half (or of an earlier file), and the overlap
 * and long-day checks of a staff-day the first half has too. The join finds those: a
 * fingerprint in both (rare) has the whole second half read again into v; staff-days in
 * both have the second half's rows up to the last row of any of them read again into v
 * (a file in date order: the rest of the day at the split). The rows after that depend on
 * nothing before the split, so their held findings stand, and merge() adds the second
 * half's state for them to v. */

/* Give the second half its tables, sized for the rest of the file (table.h half_diag). */
static void half_begin(void *ctx, jz_diag *diag)
{
    jz_validator *h = ctx;
    h->diag = diag;
    h->ids = jz_record_ids_new();
    h->staff = jz_strmap_new();
    h->tcap = 1024;
    h->tab = jz_big_calloc(h->tcap, sizeof *h->tab);
    h->last = jz_xcalloc(1, sizeof *h->last);  /* grows with the staff-days (staff_day) */
}

/* The record ids' part of the join and of the merge, on a thread of its own while the
 * caller does the staff-days' part (the two touch different tables); run here when no
 * thread can be had. */
typedef struct ids_job {
    jz_validator *v, *h;
    long line_base;
    bool merge;        /* merge h's ids into v's (else: whether they overlap) */
    bool overlap;
    pthread_t t;
    bool threaded;
} ids_job;

static void *ids_work(void *arg)
{
    ids_job *j = arg;
    if (j->merge) {
        jz_record_ids_merge(j->v->ids, j->h->ids, j->line_base);
        jz_record_ids_free(j->h->ids);
        j->h->ids = NULL;
    } else {
        j->overlap = jz_record_ids_overlap(j->h->ids, j->v->ids);
    }
    return NULL;
}

static void ids_start(ids_job *j)
{
    j->threaded = pthread_create(&j->t, NULL, ids_work, j) == 0;
    if (!j->threaded)
        ids_work(j);
}

static void ids_wait(ids_job *j)
{
    if (j->threaded)
        pthread_join(j->t, NULL);
}

static long half_join(void *ctx[2], long line_base)
{
    jz_validator *v = ctx[0], *h = ctx[1];
    (void)line_base;
    ids_job ids = {.v = v, .h = h};
    ids_start(&ids);
    /* A row repeating one before the split is on a staff-day of both: read again below. */
    /* v's number of each staff member of the second half, -1 when v has not seen them */
    size_t nstaff = jz_strmap_count(h->staff);
    long *to = jz_xcalloc(nstaff ? nstaff : 1, sizeof *to);
    for (size_t i = 0; i < nstaff; i++)
        to[i] = jz_strmap_get(v->staff, jz_strmap_key(h->staff, (long)i), jz_strmap_key_len(h->staff, (long)i));
    long redo = 0;
    for (size_t i = 0; i < h->ndays && redo >= 0; i++) {
        staffday *d = &h->days[i];
        long s = to[d->staff - 1];
        if (s < 0 || !find_day(v, (uint32_t)s + 1, d->day))
            continue;
        d->shared = 1;
        if (h->last[i] == UINT32_MAX)
            redo = -1;
        else if ((long)h->last[i] > redo)
            redo = h->last[i];
    }
    free(to);
    ids_wait(&ids);
    return ids.overlap ? -1 : redo;  /* an id in both: which row is first is the first half's to say */
}

/* Append src's n chunks of size bytes to *dst (n_dst used of cap_dst), giving back src's
 * pages as they are copied, so the two arrays are not both whole at once. Returns where
 * they start in *dst. */
static size_t adopt(void **dst, size_t *n_dst, size_t *cap_dst, void *src, size_t n, size_t size)
{
    size_t at = *n_dst;
    if (at + n > *cap_dst) {
        size_t cap = *cap_dst ? *cap_dst : 1024;
        while (cap < at + n)
            cap *= 2;
        *dst = jz_xrealloc(*dst, cap * size);
        *cap_dst = cap;
    }
    size_t bytes = n * size, step = 1 << 20, released = 0;
    for (size_t off = 0; off < bytes; off += step) {
        size_t k = bytes - off < step ? bytes - off : step;
        memcpy((char *)*dst + at * size + off, (char *)src + off, k);
        released = jz_big_release(src, released, off + k);
    }
    *n_dst = at + n;
    return at;
}

/* Add the second half's state to v (after the join's rows read again): its fingerprints,
 * its staff-days but those the first half had (v holds them whole now), its sessions. */
static void merge(jz_validator *v, jz_validator *h, long line_base)
{
    /* Each of h's tables is freed once merged, so the peak is not both validators' tables
     * whole at once. */
    ids_job ids = {.v = v, .h = h, .line_base = line_base, .merge = true};
    ids_start(&ids);
    size_t nstaff = jz_strmap_count(h->staff);
    long *to = jz_xcalloc(nstaff ? nstaff : 1, sizeof *to);
    for (size_t i = 0; i < nstaff; i++)
        to[i] = jz_strmap_put(v->staff, jz_strmap_key(h->staff, (long)i), jz_strmap_key_len(h->staff, (long)i), NULL);
    size_t more = 0;
    for (size_t i = 0; i < h->ndays; i++)
        more += !h->days[i].shared;
    reserve_days(v, v->ndays + more);
    /* h's overflow chunks go over whole, their links moved by where they land (those of a
     * staff-day of both halves are left unused: v has that day whole already) */
    size_t ioff = adopt((void **)&v->chunks, &v->nchunks, &v->ccap, h->chunks, h->nchunks, sizeof *h->chunks);
    for (size_t i = ioff; i < v->nchunks; i++)
        if (v->chunks[i].next >= 0)
            v->chunks[i].next += (int32_t)ioff;
    size_t foff = adopt((void **)&v->fchunks, &v->nfchunks, &v->fccap, h->fchunks, h->nfchunks, sizeof *h->fchunks);
    for (size_t i = foff; i < v->nfchunks; i++)
        if (v->fchunks[i].next >= 0)
            v->fchunks[i].next += (int32_t)foff;
    if (v->nchunks > INT32_MAX || v->nfchunks > INT32_MAX) {
        fprintf(stderr, "jiazong: validate: more than %d overflow chunks in one run: check the files in "
                        "smaller runs\n", INT32_MAX);
        exit(4);
    }
    size_t released = 0;
    for (size_t i = 0; i < h->ndays; i++) {
        const staffday *e = &h->days[i];
        if ((i & 0x3fff) == 0 && i)
            released = jz_big_release(h->days, released, i * sizeof *h->days);
        if (e->shared)
            continue;
        staffday *d = staff_day(v, to[e->staff - 1], e->day);  /* new, or made by the rows read again */
        uint32_t staff = d->staff;
        int32_t day = d->day;
        *d = *e;  /* its whole state: the rows read again are among its rows */
        d->staff = staff;
        d->day = day;
        d->shared = 0;
        d->more = e->more >= 0 ? e->more + (int32_t)ioff : -1;
        d->fmore = e->fmore >= 0 ? e->fmore + (int32_t)foff : -1;
    }
    free(to);
    free(h->days);
    free(h->tab);
    free(h->last);
    free(h->chunks);
    free(h->fchunks);
    h->tab = NULL;
    h->tcap = 0;
    h->days = NULL;
    h->last = NULL;
    h->chunks = NULL;
    h->fchunks = NULL;
    h->dcap = h->ndays = h->nchunks = h->ccap = h->nfchunks = h->fccap = 0;
    size_t nsessions = h->sessions ? jz_strmap_count(h->sessions) : 0;
    for (size_t i = 0; i < nsessions; i++) {
        if (!v->sessions) {
            v->sessions = jz_strmap_new();
            v->activities = jz_strmap_new();
            v->listed = jz_fpset_new(1024);
        }
        bool added;
        long k = jz_strmap_put(v->sessions, jz_strmap_key(h->sessions, (long)i), jz_strmap_key_len(h->sessions, (long)i),
                               &added);
        if (!added)
            continue;  /* first read before the split, or again by the join */
        if ((size_t)k >= v->nsinfo) {
            size_t n = v->nsinfo ? v->nsinfo * 2 : 1024;
            v->sinfo = jz_xrealloc(v->sinfo, n * sizeof *v->sinfo);
            v->nsinfo = n;
        }
        v->sinfo[k] = h->sinfo[i];
        v->sinfo[k].line += line_base;
    }
    size_t nact = h->activities ? jz_strmap_count(h->activities) : 0;
    for (size_t i = 0; i < nact; i++)
        jz_strmap_put(v->activities, jz_strmap_key(h->activities, (long)i), jz_strmap_key_len(h->activities, (long)i), NULL);
    ids_wait(&ids);
}

jz_code jz_validator_file(jz_validator *v, const char *path, jz_filetype type, jz_encoding enc,
                          jz_table_info *info, jz_error *err)
{
    v->path = path;
    if (v->is_half)
        return jz_table_read(path, type, enc, v->diag, on_record, v, info, err);
    jz_validator *h = jz_xcalloc(1, sizeof *h);  /* its tables come with a split (half_begin) */
    h->o = v->o;
    h->roster = v->roster;
    h->contracts = v->contracts;
    h->path = path;
    h->keep_sessions = v->keep_sessions;
    h->is_half = true;
    jz_validator_free(v->half);
    v->half = h;
    const jz_table_split_ops ops = {.fn = on_record, .half_diag = half_begin, .join = half_join};
    void *ctx[2] = {v, h};
    int halves;
    long base;
    jz_code code = jz_table_read_split_ops(path, type, enc, 0, v->diag, &ops, ctx, &halves, &base, info, err);
    if (halves == 2)
        merge(v, h, base);
    jz_validator_free(h);
    v->half = NULL;
    return code;
}
