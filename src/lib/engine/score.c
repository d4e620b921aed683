/* score.c — see include/jz/score.h */
#include "jz/score.h"
#include "jz/fp.h"
#include "jz/hash.h"
#include "jz/emit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *jz_istatus_name(jz_istatus s)
{
    static const char *const names[] = {"full", "partial", "zero", "n/a"};
    return names[s];
}

/* ---- state ---- */

/* Keys are interned: each contract numbers the ids it meets in a key space (a column,
 * or a column cut by a key_drop_after) once, and a row's id is looked up once per row
 * and space (jz_scorer_record), whatever the number of leaves that use it. The leaves
 * keep sets of those numbers (arrays by number, a jz_intmap for pairs), never strings. */
enum { KS_CLIENT = JZ_KEY_CLIENT, KS_ACTIVITY = JZ_KEY_ACTIVITY, KS_STAFF = JZ_KEY_STAFF, KS_BASE };

typedef struct kspace {           /* a key space: a column, cut after the last of drop's chars */
    jz_keyfield col;
    const char *drop;             /* NULL: the column's id itself (the spaces < KS_BASE) */
} kspace;

/* The numbers are given in order of first sight: 0, 1, 2... An id of the contract's
 * numbered series (C001-K0036) is found by its number in the series, with no hash or probe
 * (their cache misses were a fifth of jz-score's main thread), and is never named; the
 * other ids are named (names), and each name has its number. Whether an id is of the
 * series never changes once the series is set, and the first id that could be of it sets
 * it, so the two kinds never share a string. */
typedef struct kspace_ids {       /* one contract's ids in one key space */
    long count;                   /* numbers given */
    jz_strmap *names;             /* the ids of no series */
    int32_t *number_of;           /* a name's index -> its number */
    size_t nnumber;
    long *of_base;                /* a cut space: the column's number -> this space's, -1 not yet */
    size_t nof;
    jz_series series;             /* an id's number in the series -> its number */
    /* The names' indexes of the ids met last, by a cheap hash of an id's first and last 8
     * bytes and its length (recent_slot): index + 1, 0 none. A hit is a name with exactly
     * the row's bytes, so an id of no series (an activity named in words) is found with no
     * full hash; a miss goes to the names. */
    int32_t *recent;
} kspace_ids;

enum { RECENT = 256 };

static size_t recent_slot(const char *p, size_t n)
{
    uint64_t a = 0, b = 0;
    memcpy(&a, p, n < 8 ? n : 8);
    if (n > 8)
        memcpy(&b, p + n - 8, 8);
    return (size_t)(jz_mix64(a ^ (b * 0x9e3779b97f4a7c15ull) ^ n) >> 56) & (RECENT - 1);
}

typedef struct dgroup {
    int64_t rows, attendances;
    int64_t sum;                  /* SUM with having per key: the key's sum */
    int64_t sessions;             /* the activity ids seen in this group (when needed) */
} dgroup;

typedef struct leaf {             /* the accumulation of one record measure for one contract */
    int64_t a, b;                 /* COUNT/SUM: a; SHARE: a = part, b = whole */
    /* The key numbers are dense (0, 1, 2... per contract and key space): arrays by them. */
    uint64_t *seen;               /* SUM of a per-activity field: the activities counted (bits) */
    size_t nseen;                 /* words */
    int32_t *keys;                /* DISTINCT: key number -> group, -1 none */
    size_t nkeys, ngroups;
    jz_intmap *sessions;          /* having sessions: (group << 32 | activity number) seen */
    dgroup *groups;
    size_t cap;
} leaf;

typedef struct entered {          /* evaluators' scores of one indicator for one contract */
    jz_evaluator_score *v;
    size_t n;
} entered;

typedef struct answers {          /* one (group, question) of a survey */
    int64_t sum, answered, unknown;
} answers;

typedef struct finding {
    char *code, *description, *file;
    int64_t points;
    long line;
} finding;

typedef struct per_contract {
    leaf *leaves;                 /* nleaves */
    kspace_ids *ks;               /* nks */
    entered *entered;             /* nind */
    jz_strmap *survey_keys;       /* "group\x1fquestion" -> index into survey */
    answers *survey;
    size_t survey_cap;
    finding *findings;
    size_t nfindings;
    jz_centre_result result;
    bool done;
    char *excluded;               /* why it is not scored (invalid inputs), or NULL */
    jz_hours_result hours;
    int64_t *xn, *xd;             /* each indicator's exact value (xd 0: n/a), for vetoes on it */
} per_contract;

struct acc_out;

struct jz_scorer {
    jz_score_inputs in;
    const jz_indicator **ind;     /* every indicator, in rubric order */
    const char **ind_section;
    size_t nind;
    const jz_measure **leaves;    /* record measures (ratio parts flattened) */
    size_t nleaves;
    size_t *leaf_of;              /* indicator -> first leaf, or SIZE_MAX */
    per_contract *pc;
    kspace *ks;                   /* the key spaces: KS_BASE columns, then the cut ones */
    size_t nks;
    size_t *leaf_ks;              /* leaf -> its key's space (DISTINCT, per_key), or SIZE_MAX */
    struct enum_gate *gate;       /* leaf -> its where's kind, mode, place and target masks */
    struct enum_gate *part_gate;  /* leaf -> a share's part's masks */
    /* leaf -> its kind's accumulate (engine_kinds) */
    void (**acc)(jz_scorer *s, struct leaf *lf, const jz_measure *m, const jz_field *f, struct acc_out *o);
    uint64_t row, *row_at;        /* the row's count; nks: the row whose number row_ids has */
    long *row_ids;                /* nks: this row's number in each space (row_at: looked up),
                                     -1 the row has no such id */
    per_contract *row_pc;         /* the contract of the row being accumulated */
    jz_hours_acc *hours;
    /* The gate cache: per combination of a row's four enum states (combo_key), the
     * indicators with a leaf whose masks pass, in rubric order: hits[combo_at[key] ..
     * + combo_n[key]), combo_at UINT32_MAX not built yet. */
    uint32_t *combo_at, *combo_n;
    struct gate_hit *hits;
    size_t nhits;
    struct gate_hit *scratch;     /* nind: a row whose enum value is out of range */
};

static void collect(void *vs, const jz_section *sec, const jz_indicator *ind);

/* A where's four enum conditions as masks a row's values are tested against with no
 * branch per condition (row_enum_bits: bit e for value e, bit 32 for a value not read), and
 * whether anything else needs where_match. A row that fails the masks fails where_match;
 * one that passes them matches when rest is false, else where_match decides. */
typedef struct enum_gate {
    uint64_t mask[4];             /* any: every bit; else the where's values */
    bool rest;
} enum_gate;

static const int where_ecol[4] = {JZ_R_KIND, JZ_R_MODE, JZ_R_PLACE, JZ_R_TARGET};

static enum_gate enum_gate_of(const jz_where *w)
{
    enum_gate g;
    for (int i = 0; i < 4; i++)
        g.mask[i] = w->any || !w->enums[i] ? UINT64_MAX : w->enums[i];
    g.rest = !w->any && !w->enums_only;
    return g;
}

static void row_enum_bits(const jz_field *f, uint64_t bits[4])
{
    for (int i = 0; i < 4; i++)
        bits[i] = f[where_ecol[i]].ok ? (uint64_t)1 << f[where_ecol[i]].v.e : (uint64_t)1 << 32;
}

/* One indicator a row's enum values let in: its first leaf, which of its leaves (bit j:
 * leaf l + j; two for a ratio) pass their masks, for a share's, its part's (bit 2 + j),
 * which need where_match too (bit 4 + j: enum_gate.rest), and the indicator's kind as the
 * evidence names its parts. */
typedef struct gate_hit {
    uint32_t ii, l;
    uint8_t pass;
    bool ratio, share;
} gate_hit;

static bool masks_pass(const enum_gate *g, const uint64_t eb[4])
{
    return (g->mask[0] & eb[0]) && (g->mask[1] & eb[1]) && (g->mask[2] & eb[2]) && (g->mask[3] & eb[3]);
}

/* A row's state in each enum column: its value, or ecount[i] when not read; the key of the
 * four mixes them (radix ecount[i] + 1), every state its own key. */
static const unsigned ecount[4] = {JZ_KIND_N, JZ_MODE_N, JZ_PLACE_N, JZ_TGT_N};
enum { NCOMBO = (JZ_KIND_N + 1) * (JZ_MODE_N + 1) * (JZ_PLACE_N + 1) * (JZ_TGT_N + 1) };

/* The combination key of row f, or SIZE_MAX when a value is out of its enum's range. */
static size_t combo_key(const jz_field *f)
{
    size_t key = 0;
    for (int i = 0; i < 4; i++) {
        const jz_field *e = &f[where_ecol[i]];
        unsigned st = e->ok ? (unsigned)e->v.e : ecount[i];
        if (e->ok && st >= ecount[i])
            return SIZE_MAX;
        key = key * (ecount[i] + 1) + st;
    }
    return key;
}

/* The indicators whose leaves' masks pass for enum bits eb, in rubric order, into out
 * (nind); their number. */
static size_t gate_hits(const jz_scorer *s, const uint64_t eb[4], gate_hit *out)
{
    size_t n = 0;
    for (size_t ii = 0; ii < s->nind; ii++) {
        size_t l = s->leaf_of[ii];
        if (l == SIZE_MAX)
            continue;
        bool ratio = s->ind[ii]->m.kind == JZ_M_RATIO;
        unsigned pass = 0;
        for (size_t j = 0; j < (ratio ? 2u : 1u); j++) {
            if (masks_pass(&s->gate[l + j], eb))
                pass |= (1u | (s->gate[l + j].rest ? 16u : 0u)) << j;
            if (s->leaves[l + j]->kind == JZ_M_SHARE && masks_pass(&s->part_gate[l + j], eb))
                pass |= 4u << j;
        }
        if (pass & 3)
            out[n++] = (gate_hit){(uint32_t)ii, (uint32_t)l, (uint8_t)pass, ratio, s->ind[ii]->m.kind == JZ_M_SHARE};
    }
    return n;
}

static size_t add_leaf(jz_scorer *s, const jz_measure *m)
{
    if (m->kind == JZ_M_RATIO) {
        size_t first = add_leaf(s, m->num);
        add_leaf(s, m->den);
        return first;
    }
    if (!(jz_measure_kind(m->kind)->flags & JZ_MK_RECORDS))
        return SIZE_MAX;
    s->leaves = jz_xrealloc(s->leaves, (s->nleaves + 1) * sizeof *s->leaves);
    s->leaf_ks = jz_xrealloc(s->leaf_ks, (s->nleaves + 1) * sizeof *s->leaf_ks);
    s->gate = jz_xrealloc(s->gate, (s->nleaves + 1) * sizeof *s->gate);
    s->gate[s->nleaves] = enum_gate_of(&m->where);
    s->part_gate = jz_xrealloc(s->part_gate, (s->nleaves + 1) * sizeof *s->part_gate);
    s->part_gate[s->nleaves] = enum_gate_of(&m->part);
    s->leaves[s->nleaves] = m;
    size_t sp = SIZE_MAX;
    if (m->kind == JZ_M_DISTINCT || m->per_key) {
        sp = (size_t)m->key;
        if (m->key_drop_after) {
            for (sp = KS_BASE; sp < s->nks; sp++)
                if (s->ks[sp].col == m->key && strcmp(s->ks[sp].drop, m->key_drop_after) == 0)
                    break;
            if (sp == s->nks) {
                s->ks = jz_xrealloc(s->ks, (s->nks + 1) * sizeof *s->ks);
                s->ks[s->nks++] = (kspace){m->key, m->key_drop_after};
            }
        }
    }
    s->leaf_ks[s->nleaves] = sp;
    return s->nleaves++;
}

static void collect(void *vs, const jz_section *sec, const jz_indicator *ind)
{
    jz_scorer *s = vs;
    s->ind = jz_xrealloc(s->ind, (s->nind + 1) * sizeof *s->ind);
    s->ind_section = jz_xrealloc(s->ind_section, (s->nind + 1) * sizeof *s->ind_section);
    s->leaf_of = jz_xrealloc(s->leaf_of, (s->nind + 1) * sizeof *s->leaf_of);
    s->ind[s->nind] = ind;
    s->ind_section[s->nind] = sec->id;
    s->leaf_of[s->nind] = add_leaf(s, &ind->m);
    s->nind++;
}

static void leaf_accs(jz_scorer *s);

jz_scorer *jz_scorer_new(const jz_score_inputs *in)
{
    jz_scorer *s = jz_xcalloc(1, sizeof *s);
    s->in = *in;
    s->nks = KS_BASE;
    s->ks = jz_xcalloc(KS_BASE, sizeof *s->ks);
    for (size_t k = 0; k < KS_BASE; k++)
        s->ks[k] = (kspace){(jz_keyfield)k, NULL};
    jz_rubric_each(in->rubric, collect, s);
    leaf_accs(s);
    s->row_ids = jz_xcalloc(s->nks, sizeof *s->row_ids);
    s->row_at = jz_xcalloc(s->nks, sizeof *s->row_at);
    s->combo_at = jz_xmalloc(NCOMBO * sizeof *s->combo_at);
    s->combo_n = jz_xcalloc(NCOMBO, sizeof *s->combo_n);
    for (size_t c = 0; c < NCOMBO; c++)
        s->combo_at[c] = UINT32_MAX;
    s->scratch = jz_xcalloc(s->nind ? s->nind : 1, sizeof *s->scratch);
    size_t n = in->contracts->n;
    s->pc = jz_xcalloc(n ? n : 1, sizeof *s->pc);
    for (size_t i = 0; i < n; i++) {
        s->pc[i].leaves = jz_xcalloc(s->nleaves ? s->nleaves : 1, sizeof *s->pc[i].leaves);
        s->pc[i].entered = jz_xcalloc(s->nind ? s->nind : 1, sizeof *s->pc[i].entered);
        s->pc[i].survey_keys = jz_strmap_new();
        s->pc[i].ks = jz_xcalloc(s->nks, sizeof *s->pc[i].ks);
    }
    s->hours = jz_hours_acc_new(in->rules, in->contracts, in->as_of);
    return s;
}

static void free_result(jz_centre_result *r)
{
    for (size_t i = 0; i < r->nind; i++)
        free(r->ind[i].scores);  /* the strings belong to the entered lists */
    free(r->ind);
    free(r->sec);
    free(r->applied);
    free(r->facts.from);
    free(r->facts.caps);
    free(r->facts.grades);
}

void jz_scorer_free(jz_scorer *s)
{
    if (!s)
        return;
    for (size_t c = 0; c < s->in.contracts->n; c++) {
        per_contract *p = &s->pc[c];
        for (size_t l = 0; l < s->nleaves; l++) {
            leaf *lf = &p->leaves[l];
            free(lf->groups);
            free(lf->keys);
            free(lf->seen);
            jz_intmap_free(lf->sessions);
        }
        for (size_t k = 0; k < s->nks; k++) {
            jz_strmap_free(p->ks[k].names);
            free(p->ks[k].of_base);
            free(p->ks[k].recent);
            free(p->ks[k].number_of);
            jz_series_free(&p->ks[k].series);
        }
        free(p->ks);
        for (size_t i = 0; i < s->nind; i++) {
            for (size_t k = 0; k < p->entered[i].n; k++) {
                free(p->entered[i].v[k].evaluator);
                free(p->entered[i].v[k].comment);
            }
            free(p->entered[i].v);
        }
        for (size_t k = 0; k < p->nfindings; k++) {
            free(p->findings[k].code);
            free(p->findings[k].description);
            free(p->findings[k].file);
        }
        free(p->findings);
        free(p->excluded);
        free(p->xn);
        free(p->xd);
        free(p->leaves);
        free(p->entered);
        free(p->survey);
        jz_strmap_free(p->survey_keys);
        free_result(&p->result);
        jz_hours_result_free(&p->hours);
    }
    free(s->pc);
    free(s->ks);
    free(s->leaf_ks);
    free(s->gate);
    free(s->part_gate);
    free(s->acc);
    free(s->row_ids);
    free(s->row_at);
    free(s->combo_at);
    free(s->combo_n);
    free(s->hits);
    free(s->scratch);
    free(s->ind);
    free(s->ind_section);
    free(s->leaves);
    free(s->leaf_of);
    jz_hours_acc_free(s->hours);
    free(s);
}

/* ---- records ---- */

static bool text_in(char *const *vals, size_t n, const jz_field *f)
{
    if (!vals)
        return true;
    for (size_t i = 0; i < n; i++)
        if (strlen(vals[i]) == f->n && memcmp(vals[i], f->s, f->n) == 0)
            return true;
    return false;
}

static int64_t row_minutes(const jz_field *f)
{
    if (f[JZ_R_HOURS].ok)
        return f[JZ_R_HOURS].v.num;
    if (f[JZ_R_START].ok && f[JZ_R_END].ok && f[JZ_R_END].v.minute > f[JZ_R_START].v.minute)
        return f[JZ_R_END].v.minute - f[JZ_R_START].v.minute;
    return 0;
}

/* The conditions of a where that need more than the row: the weekday, the holiday
 * calendar, the start time, the staff's roster entry, and not. */
static bool where_more(jz_scorer *s, const jz_where *w, const jz_field *f);

static bool where_match(jz_scorer *s, const jz_where *w, const jz_field *f)
{
    if (w->any)
        return true;
    if ((w->weekdays || w->days || w->time_from >= 0 || w->time_to >= 0 || w->quals || w->counted >= 0 || w->not_) &&
        !where_more(s, w, f))
        return false;
    static const int tcol[4] = {JZ_R_STAFF, JZ_R_CLIENT, JZ_R_ACTIVITY, JZ_R_CENTRE};
    for (int i = 0; i < 4; i++) {
        const jz_field *e = &f[where_ecol[i]];
        if (w->enums[i] && (!e->ok || !(w->enums[i] & (1u << e->v.e))))
            return false;
        if (w->text_vals[i] && !text_in(w->text_vals[i], w->ntext[i], &f[tcol[i]]))
            return false;
    }
    jz_day d = f[JZ_R_DATE].v.day;
    if ((w->date_from != JZ_NO_DAY && d < w->date_from) || (w->date_to != JZ_NO_DAY && d > w->date_to))
        return false;
    int64_t m = row_minutes(f);
    if ((w->hours_min >= 0 && m < w->hours_min) || (w->hours_max >= 0 && m > w->hours_max))
        return false;
    int64_t p = f[JZ_R_PARTICIPANTS].ok ? f[JZ_R_PARTICIPANTS].v.num : 0;
    if ((w->participants_min >= 0 && p < w->participants_min) || (w->participants_max >= 0 && p > w->participants_max))
        return false;
    return true;
}

static bool where_more(jz_scorer *s, const jz_where *w, const jz_field *f)
{
    jz_day d = f[JZ_R_DATE].v.day;
    if (w->weekdays && !(w->weekdays & (1u << jz_weekday(d))))
        return false;
    if (w->days) {
        /* working day, weekend or statutory holiday (a day off the calendar names), by the
         * calendar; a day it does not cover matches none (the score then fails on it) */
        const char *why = NULL;
        jz_error err;
        int working = s->in.cal ? jz_calendar_is_working(s->in.cal, d, &why, &err) : -1;
        unsigned kind = working == 1 ? JZ_DAY_WORKING
                        : working == 0 ? (why && strcmp(why, "weekend") == 0 ? JZ_DAY_WEEKEND : JZ_DAY_HOLIDAY) : 0;
        if (!(w->days & kind))
            return false;
    }
    if (w->time_from >= 0 || w->time_to >= 0) {
        if (!f[JZ_R_START].ok)
            return false;  /* no start time: not within any time of day */
        int64_t m = f[JZ_R_START].v.minute;
        if ((w->time_from >= 0 && m < w->time_from) || (w->time_to >= 0 && m >= w->time_to))
            return false;
    }
    if (w->quals || w->counted >= 0) {
        /* the roster's entry of the staff member at the record's centre; a staff member
         * not on it (or no roster) matches no roster condition */
        char cs[256], ss[256], *centre = jz_field_text(&f[JZ_R_CENTRE], cs, sizeof cs),
                               *staff = jz_field_text(&f[JZ_R_STAFF], ss, sizeof ss);
        const jz_staff *st = s->in.roster ? jz_roster_find(s->in.roster, centre, staff) : NULL;
        if (centre != cs)
            free(centre);
        if (staff != ss)
            free(staff);
        if (!st || (w->quals && !(w->quals & (1u << st->qual))) || (w->counted >= 0 && st->counted != (w->counted == 1)))
            return false;
    }
    if (w->not_ && where_match(s, w->not_, f))
        return false;
    return true;
}

static int64_t sum_value(jz_sumfield which, const jz_field *f)
{
    switch (which) {
    case JZ_SUM_HOURS: return row_minutes(f);
    case JZ_SUM_PARTICIPANTS: return f[JZ_R_PARTICIPANTS].ok ? f[JZ_R_PARTICIPANTS].v.num : 0;
    case JZ_SUM_VOLUNTEERS: return f[JZ_R_VOLUNTEERS].ok ? f[JZ_R_VOLUNTEERS].v.num : 0;
    case JZ_SUM_VOLUNTEER_HOURS: return f[JZ_R_VOLUNTEER_HOURS].ok ? f[JZ_R_VOLUNTEER_HOURS].v.num : 0;
    }
    return 0;
}

/* Participants, volunteers and volunteer hours describe an activity, and every staff row
 * of the activity repeats them (jiazong-records(5)): they count once per activity id.
 * Hours are each staff member's own and count per row. A row without an activity id
 * counts on its own. */
static long key_id_of(jz_scorer *s, size_t sp, const jz_field *f);

/* The row's number in key space sp of the row's contract (interned on first sight), or
 * -1 when the row has no such id; looked up once per row and space (key_id_of). */
static inline long key_id(jz_scorer *s, size_t sp, const jz_field *f)
{
    return s->row_at[sp] == s->row ? s->row_ids[sp] : key_id_of(s, sp, f);
}

static int64_t once_per_activity(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f)
{
    if (m->sum == JZ_SUM_HOURS || !f[JZ_R_ACTIVITY].present)
        return sum_value(m->sum, f);
    size_t id = (size_t)key_id(s, KS_ACTIVITY, f);  /* >= 0: the row has an activity id */
    if (id / 64 >= lf->nseen) {
        size_t n = lf->nseen ? lf->nseen : 4;
        while (n <= id / 64)
            n *= 2;
        lf->seen = jz_xrealloc(lf->seen, n * sizeof *lf->seen);
        memset(lf->seen + lf->nseen, 0, (n - lf->nseen) * sizeof *lf->seen);
        lf->nseen = n;
    }
    uint64_t bit = (uint64_t)1 << (id % 64);
    if (lf->seen[id / 64] & bit)
        return 0;
    lf->seen[id / 64] |= bit;
    return sum_value(m->sum, f);
}

static long key_id_of(jz_scorer *s, size_t sp, const jz_field *f)
{
    s->row_at[sp] = s->row;
    static const int kcol[] = {JZ_R_CLIENT, JZ_R_ACTIVITY, JZ_R_STAFF};
    const kspace *ks = &s->ks[sp];
    const jz_field *k = &f[kcol[ks->col]];
    kspace_ids *ids = &s->row_pc->ks[sp];
    long id = -1, base = -1;
    if (!k->present)
        return s->row_ids[sp] = -1;
    if (ks->drop) {
        base = key_id(s, (size_t)ks->col, f);
        if ((size_t)base < ids->nof && ids->of_base[base] >= 0)
            return s->row_ids[sp] = ids->of_base[base];
    }
    size_t n = k->n;
    if (ks->drop) {  /* NZ-G012-05 -> NZ-G012 */
        for (size_t i = n; i-- > 0;)
            if (strchr(ks->drop, k->s[i])) {
                n = i;
                break;
            }
    }
    long num = ks->drop ? -1 : jz_series_number(&ids->series, k->s, n);
    if (num >= 0) {
        id = jz_series_get(&ids->series, num);
        if (id >= 0)
            return s->row_ids[sp] = id;
        id = ids->count++;
        jz_series_set(&ids->series, num, id);
        return s->row_ids[sp] = id;
    }
    if (!ids->names) {
        ids->names = jz_strmap_new();
        ids->recent = jz_xcalloc(RECENT, sizeof *ids->recent);
    }
    size_t rs = recent_slot(k->s, n);
    long r = (long)ids->recent[rs] - 1;
    if (r < 0 || jz_strmap_key_len(ids->names, r) != n || memcmp(jz_strmap_key(ids->names, r), k->s, n) != 0) {
        bool added;
        r = jz_strmap_put(ids->names, k->s, n, &added);
        ids->recent[rs] = (int32_t)(r + 1);
        if (added) {
            if ((size_t)r >= ids->nnumber) {
                ids->nnumber = ids->nnumber ? ids->nnumber * 2 : 64;
                ids->number_of = jz_xrealloc(ids->number_of, ids->nnumber * sizeof *ids->number_of);
            }
            ids->number_of[r] = (int32_t)ids->count++;
        }
    }
    id = ids->number_of[r];
    if (ks->drop) {
        if ((size_t)base >= ids->nof) {
            size_t nof = ids->nof ? ids->nof : 64;
            while (nof <= (size_t)base)
                nof *= 2;
            ids->of_base = jz_xrealloc(ids->of_base, nof * sizeof *ids->of_base);
            for (size_t i = ids->nof; i < nof; i++)
                ids->of_base[i] = -1;
            ids->nof = nof;
        }
        ids->of_base[base] = id;
    }
    return s->row_ids[sp] = id;
}

static dgroup *add_distinct(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f)
{
    long id = key_id(s, s->leaf_ks[lf - s->row_pc->leaves], f);
    if (id < 0)
        return NULL;
    if ((size_t)id >= lf->nkeys) {
        size_t n = lf->nkeys ? lf->nkeys : 64;
        while (n <= (size_t)id)
            n *= 2;
        lf->keys = jz_xrealloc(lf->keys, n * sizeof *lf->keys);
        memset(lf->keys + lf->nkeys, 0xff, (n - lf->nkeys) * sizeof *lf->keys);  /* -1 */
        lf->nkeys = n;
    }
    long g = lf->keys[id];
    if (g < 0) {
        g = lf->keys[id] = (int32_t)lf->ngroups++;
        if ((size_t)g >= lf->cap) {
            lf->cap = lf->cap ? lf->cap * 2 : 64;
            lf->groups = jz_xrealloc(lf->groups, lf->cap * sizeof *lf->groups);
        }
        memset(&lf->groups[g], 0, sizeof lf->groups[g]);
    }
    dgroup *grp = &lf->groups[g];
    grp->rows++;
    if (m->min_sessions < 0 && m->min_attendances < 0)
        return grp;
    /* Sessions are activity ids; a session's participants count once, whatever its rows. */
    const jz_field *act = &f[JZ_R_ACTIVITY];
    if (!act->present)
        return grp;
    if (!lf->sessions)
        lf->sessions = jz_intmap_new();
    bool fresh;
    jz_intmap_put(lf->sessions, (uint64_t)g << 32 | (uint64_t)key_id(s, KS_ACTIVITY, f), &fresh);
    grp->sessions += fresh;
    if (fresh && f[JZ_R_PARTICIPANTS].ok)
        grp->attendances += f[JZ_R_PARTICIPANTS].v.num;
    return grp;
}

/* The bytes of a, sep and b, NUL-terminated, in stack (cap bytes) when they fit, else in a
 * buffer of their own: no id is ever cut. Free it if it is not stack (one field alone:
 * jz_field_text). */
static char *joined(const jz_field *a, const char *sep, const jz_field *b, char *stack, size_t cap)
{
    size_t ns = strlen(sep), n = a->n + ns + b->n;
    char *t = n < cap ? stack : jz_xmalloc(n + 1);
    memcpy(t, a->s, a->n);
    memcpy(t + a->n, sep, ns);
    memcpy(t + a->n + ns, b->s, b->n);
    t[n] = '\0';
    return t;
}

/* One evidence row to the sink, if there is one. part: for a share "part" (in the
 * numerator and the whole) or "whole" (the denominator only); for a ratio "num", "den" or
 * "num+den"; "" for the other measures. add: what the row added (jz_evidence_row). */
static void evidence(jz_scorer *s, size_t ii, const jz_field *f, const char *file, long line, const char *part,
                     const int64_t add[2])
{
    const jz_evidence_sink *ev = s->in.evidence;
    if (!ev || !ev->row)
        return;
    char cs[256], is[256];
    char *centre = jz_field_text(&f[JZ_R_CENTRE], cs, sizeof cs);
    char *id = jz_field_text(&f[JZ_R_RECORD_ID], is, sizeof is);
    jz_evidence_row r = {s->ind[ii]->id, centre, file, line, id, part, {add[0], add[1]}};
    ev->row(ev->ctx, &r);
    if (centre != cs)
        free(centre);
    if (id != is)
        free(id);
}

/* ---- the measure kinds in the engine: how each accumulates a row and what its exact
 * value is (engine_kinds below, one row per kind of jz_measure_kinds) ---- */

/* What one row added to a leaf: v (a share: its part), a share's whole, whether the row
 * is in a share's part. */
typedef struct acc_out {
    int64_t v, whole;
    bool in_part;
    bool part_masks;              /* given: a share's part's masks pass (gate_hit) */
} acc_out;

static void acc_count(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f, acc_out *o)
{
    lf->a++, o->v = 1;
    if (m->per_key)
        add_distinct(s, lf, m, f);  /* the key's history: its rows */
}

static void acc_sum(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f, acc_out *o)
{
    int64_t x = once_per_activity(s, lf, m, f);
    lf->a += x, o->v = x;
    dgroup *g = m->per_key ? add_distinct(s, lf, m, f) : NULL;
    if (g)
        g->sum += x;
}

static void acc_distinct(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f, acc_out *o)
{
    add_distinct(s, lf, m, f), o->v = 1;
}

static void acc_share(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f, acc_out *o)
{
    o->whole = sum_value(m->sum, f);
    lf->b += o->whole;
    if ((o->in_part = o->part_masks && (!s->part_gate[lf - s->row_pc->leaves].rest || where_match(s, &m->part, f))))
        o->v = o->whole, lf->a += o->v;
}

static bool exact_count(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d);
static bool exact_sum(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d);
static bool exact_distinct(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d);
static bool exact_share(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d);

/* A record kind has both functions; the others (ratio, hours_check, entered, survey) are
 * valued from their leaves, the hours result or the tables they read (kind_value). */
static const struct {
    void (*accumulate)(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f, acc_out *o);
    bool (*exact)(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d);
} engine_kinds[] = {
    [JZ_M_COUNT] = {acc_count, exact_count},       [JZ_M_SUM] = {acc_sum, exact_sum},
    [JZ_M_DISTINCT] = {acc_distinct, exact_distinct}, [JZ_M_SHARE] = {acc_share, exact_share},
    [JZ_M_RATIO] = {NULL, NULL},                   [JZ_M_HOURS] = {NULL, NULL},
    [JZ_M_ENTERED] = {NULL, NULL},                 [JZ_M_SURVEY] = {NULL, NULL},
};
_Static_assert(sizeof engine_kinds / sizeof engine_kinds[0] == JZ_M_N, "one engine row per measure kind");

static void acc_none(jz_scorer *s, leaf *lf, const jz_measure *m, const jz_field *f, acc_out *o)
{
    (void)s, (void)lf, (void)m, (void)f, (void)o;
}

/* Each leaf's accumulate, looked up once. */
static void leaf_accs(jz_scorer *s)
{
    s->acc = jz_xcalloc(s->nleaves ? s->nleaves : 1, sizeof *s->acc);
    for (size_t l = 0; l < s->nleaves; l++)
        s->acc[l] = engine_kinds[s->leaves[l]->kind].accumulate ? engine_kinds[s->leaves[l]->kind].accumulate : acc_none;
}

void jz_scorer_record(jz_scorer *s, const jz_field *f, const char *file, long line)
{
    /* the hours' accumulator finds the row's contract as contract_of would */
    const jz_contract *k = jz_hours_acc_add(s->hours, f, file, line);
    jz_day day = f[JZ_R_DATE].v.day;
    if (!k || (s->in.as_of != JZ_NO_DAY && day > s->in.as_of))
        return;  /* jz_hours_acc reports records without a contract */
    per_contract *p = &s->pc[k - s->in.contracts->v];
    s->row_pc = p;
    s->row++;  /* no id of this row looked up yet (row_at) */
    const gate_hit *h;
    size_t nh, key = combo_key(f);
    if (key == SIZE_MAX || s->combo_at[key] == UINT32_MAX) {
        uint64_t eb[4];
        row_enum_bits(f, eb);
        if (key == SIZE_MAX) {
            h = s->scratch, nh = gate_hits(s, eb, s->scratch);
        } else {  /* the first row of this combination */
            s->hits = jz_xrealloc(s->hits, (s->nhits + s->nind + 1) * sizeof *s->hits);
            s->combo_n[key] = (uint32_t)gate_hits(s, eb, s->hits + s->nhits);
            s->combo_at[key] = (uint32_t)s->nhits;
            s->nhits += s->combo_n[key];
        }
    }
    if (key != SIZE_MAX)
        h = s->hits + s->combo_at[key], nh = s->combo_n[key];
    bool ev = s->in.evidence && s->in.evidence->row;
    for (size_t x = 0; x < nh; x++) {
        size_t ii = h[x].ii, l = h[x].l;
        unsigned bits = h[x].pass;
        bool matched = false, in[2] = {false, false}, in_part = false;
        int64_t add[2] = {0, 0};  /* what the row added, for the evidence */
        for (unsigned pass = bits & 3; pass; pass &= pass - 1) {
            size_t j = pass & 1 ? 0 : 1;
            const jz_measure *m = s->leaves[l + j];
            if ((bits >> (4 + j) & 1) && !where_match(s, &m->where, f))
                continue;
            matched = in[j] = true;
            acc_out o = {0, 0, false, bits >> (2 + j) & 1};
            s->acc[l + j](s, &p->leaves[l + j], m, f, &o);
            if (m->kind == JZ_M_SHARE)
                add[1] = o.whole, in_part = o.in_part;
            add[j] = o.v;  /* a share: its part; its whole is add[1] */
        }
        if (matched && ev)
            evidence(s, ii, f, file, line,
                     h[x].ratio ? (in[0] && in[1] ? "num+den" : in[0] ? "num" : "den")
                     : h[x].share ? (in_part ? "part" : "whole") : "", add);
    }
}

/* ---- scores, survey, findings ---- */

static size_t ind_index(const jz_scorer *s, const char *id, size_t n)
{
    for (size_t i = 0; i < s->nind; i++)
        if (strlen(s->ind[i]->id) == n && memcmp(s->ind[i]->id, id, n) == 0)
            return i;
    return SIZE_MAX;
}

static per_contract *centre_contract(jz_scorer *s, const jz_field *c, jz_day day)
{
    char stack[256], *centre = jz_field_text(c, stack, sizeof stack);
    const jz_contract *k = day == JZ_NO_DAY ? jz_contracts_first(s->in.contracts, centre)
                                            : jz_contracts_for(s->in.contracts, centre, day, NULL);
    if (centre != stack)
        free(centre);
    return k ? &s->pc[k - s->in.contracts->v] : NULL;
}

void jz_scorer_entered(jz_scorer *s, const jz_field *f, const char *file, long line, jz_diag *diag)
{
    size_t ii = ind_index(s, f[JZ_E_INDICATOR].s, f[JZ_E_INDICATOR].n);
    if (ii == SIZE_MAX) {  /* e.g. a district overlay removed it: say so, use the rest */
        jz_diag_emit(diag, JZ_WARNING, file, line, 2, "indicator", "unknown-indicator",
                     "indicator '%.*s' is not in rubric %s: this score is not used", (int)f[JZ_E_INDICATOR].n,
                     f[JZ_E_INDICATOR].s, s->in.rubric->id);
        return;
    }
    if (s->ind[ii]->m.kind != JZ_M_ENTERED) {
        jz_diag_emit(diag, JZ_ERROR, file, line, 2, "indicator", "not-entered",
                     "indicator '%.*s' is computed from records, not entered by evaluators",
                     (int)f[JZ_E_INDICATOR].n, f[JZ_E_INDICATOR].s);
        return;
    }
    if (f[JZ_E_SCORE].v.num > s->ind[ii]->points) {
        char a[32], b[32];
        jz_diag_emit(diag, JZ_ERROR, file, line, 4, "score", "out-of-range",
                     "score %s is above indicator %s's %s points", jz_fp_format(f[JZ_E_SCORE].v.num, 2, a, sizeof a),
                     s->ind[ii]->id, jz_fp_format(s->ind[ii]->points, 2, b, sizeof b));
        return;
    }
    per_contract *p = centre_contract(s, &f[JZ_E_CENTRE], JZ_NO_DAY);
    if (!p) {
        jz_diag_emit(diag, JZ_ERROR, file, line, 1, "centre", "unknown-centre",
                     "centre %.*s has no contract in the contracts given", (int)f[JZ_E_CENTRE].n, f[JZ_E_CENTRE].s);
        return;
    }
    entered *e = &p->entered[ii];
    e->v = jz_xrealloc(e->v, (e->n + 1) * sizeof *e->v);
    e->v[e->n].evaluator = jz_xstrndup(f[JZ_E_EVALUATOR].s, f[JZ_E_EVALUATOR].n);
    e->v[e->n].comment = jz_xstrndup(f[JZ_E_COMMENT].s, f[JZ_E_COMMENT].n);
    e->v[e->n].score = f[JZ_E_SCORE].v.num;
    e->v[e->n].dropped = false;
    e->n++;
}

/* The survey's answer scale: 满意 5, 基本满意 3, 不满意 0; 不了解 scores as the mean of the
 * others (DOMAIN.md), so it is counted apart. English words are accepted too. */
static int answer_points(const jz_field *a)
{
    static const struct { const char *word; int points; } map[] = {
        {"满意", 5}, {"satisfied", 5}, {"基本满意", 3}, {"fairly satisfied", 3},
        {"不满意", 0}, {"dissatisfied", 0}, {"不了解", -1}, {"don't know", -1}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].word) == a->n && memcmp(map[i].word, a->s, a->n) == 0)
            return map[i].points;
    return -2;
}

void jz_scorer_survey(jz_scorer *s, const jz_field *f, const char *file, long line, jz_diag *diag)
{
    int pts = answer_points(&f[JZ_Q_ANSWER]);
    if (pts == -2) {
        jz_diag_emit(diag, JZ_ERROR, file, line, 5, "answer", "bad-enum",
                     "answer '%.*s' is not one of 满意, 基本满意, 不满意, 不了解", (int)f[JZ_Q_ANSWER].n, f[JZ_Q_ANSWER].s);
        return;
    }
    per_contract *p = centre_contract(s, &f[JZ_Q_CENTRE], JZ_NO_DAY);
    if (!p) {
        jz_diag_emit(diag, JZ_ERROR, file, line, 1, "centre", "unknown-centre",
                     "centre %.*s has no contract in the contracts given", (int)f[JZ_Q_CENTRE].n, f[JZ_Q_CENTRE].s);
        return;
    }
    char stack[512], *key = joined(&f[JZ_Q_GROUP], "\x1f", &f[JZ_Q_QUESTION], stack, sizeof stack);
    bool added;
    long i = jz_strmap_put(p->survey_keys, key, f[JZ_Q_GROUP].n + 1 + f[JZ_Q_QUESTION].n, &added);
    if (key != stack)
        free(key);
    if (added) {
        if ((size_t)i >= p->survey_cap) {
            p->survey_cap = p->survey_cap ? p->survey_cap * 2 : 32;
            p->survey = jz_xrealloc(p->survey, p->survey_cap * sizeof *p->survey);
        }
        memset(&p->survey[i], 0, sizeof p->survey[i]);
    }
    if (pts < 0) {
        p->survey[i].unknown++;
    } else {
        p->survey[i].sum += pts;
        p->survey[i].answered++;
    }
}

void jz_scorer_finding(jz_scorer *s, const jz_field *f, const char *file, long line, jz_diag *diag)
{
    per_contract *p = centre_contract(s, &f[JZ_F_CENTRE], f[JZ_F_DATE].v.day);
    if (!p) {
        jz_diag_emit(diag, JZ_ERROR, file, line, 1, "centre", "unknown-centre",
                     "centre %.*s has no contract covering %.*s", (int)f[JZ_F_CENTRE].n, f[JZ_F_CENTRE].s,
                     (int)f[JZ_F_DATE].n, f[JZ_F_DATE].s);
        return;
    }
    p->findings = jz_xrealloc(p->findings, (p->nfindings + 1) * sizeof *p->findings);
    finding *x = &p->findings[p->nfindings++];
    x->code = jz_xstrndup(f[JZ_F_CODE].s, f[JZ_F_CODE].n);
    x->description = jz_xstrndup(f[JZ_F_DESCRIPTION].s, f[JZ_F_DESCRIPTION].n);
    x->file = jz_xstrdup(file);
    x->points = f[JZ_F_POINTS].v.num;
    x->line = line;
}

/* ---- scoring ---- */

static int64_t fp_div(int64_t a, int64_t b)  /* a / b in FP, rounded half up */
{
    if (b == 0)
        return 0;
    __int128 n = (__int128)a * JZ_FP * 2 + b;
    return (int64_t)(n / (2 * (__int128)b));
}

static char *pct(int64_t fpv, char buf[static JZ_FP_BUF])
{
    char t[JZ_FP_BUF];
    snprintf(buf, JZ_FP_BUF, "%s %%", jz_fp_format(fpv * 100, 1, t, sizeof t));
    return buf;
}

static void say(jz_ind_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(jz_ind_result *r, const char *fmt, ...)
{
    size_t n = strlen(r->derivation);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->derivation + n, sizeof r->derivation - n, fmt, ap);
    va_end(ap);
}

static jz_vunit unit_of(const jz_measure *m)
{
    return jz_measure_kind(m->kind)->unit(m);
}

static bool fraction_valued(const jz_measure *m)
{
    return (jz_measure_kind(m->kind)->flags & JZ_MK_FRACTION) != 0;
}

static int64_t gcd64(int64_t a, int64_t b)
{
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* n/d in lowest terms (d > 0). */
static void reduce(int64_t *n, int64_t *d)
{
    int64_t g = gcd64(*n, *d);
    if (g > 1)
        *n /= g, *d /= g;
}

/* The exact value of a record measure, n/d in its natural unit (records, clients, hours
 * as minutes / 60, a share as part / whole); false when there is none (nothing to divide
 * by). Every comparison is made on it: the FP value is for display. */
static bool group_passes(const jz_measure *m, const dgroup *grp)
{
    int64_t sessions = grp->sessions;
    return (m->min_rows < 0 || grp->rows >= m->min_rows) && (m->min_sessions < 0 || sessions >= m->min_sessions) &&
           (m->min_attendances < 0 || grp->attendances >= m->min_attendances);
}

/* A count or sum with having per key: the rows (or the sum) of the keys that pass. */
static int64_t per_key_total(const jz_measure *m, const leaf *lf)
{
    int64_t t = 0;
    size_t ng = lf->ngroups;
    for (size_t g = 0; g < ng; g++)
        if (group_passes(m, &lf->groups[g]))
            t += m->kind == JZ_M_COUNT ? lf->groups[g].rows : lf->groups[g].sum;
    return t;
}

static bool exact_count(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d)
{
    *d = 1;
    *n = m->per_key ? per_key_total(m, lf) : lf->a;
    return true;
}

static bool exact_sum(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d)
{
    *n = m->per_key ? per_key_total(m, lf) : lf->a;
    *d = m->sum == JZ_SUM_HOURS || m->sum == JZ_SUM_VOLUNTEER_HOURS ? 60 : 1;  /* minutes */
    reduce(n, d);
    return true;
}

static bool exact_share(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d)
{
    (void)m;
    if (!lf->b)
        return false;
    *n = lf->a, *d = lf->b;
    reduce(n, d);
    return true;
}

static bool exact_distinct(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d)
{
    int64_t k = 0;
    size_t ng = lf->ngroups;
    for (size_t g = 0; g < ng; g++)
        k += group_passes(m, &lf->groups[g]);
    *n = k, *d = 1;
    return true;
}

static bool leaf_exact(const jz_measure *m, const leaf *lf, int64_t *n, int64_t *d)
{
    *d = 1;
    return engine_kinds[m->kind].exact && engine_kinds[m->kind].exact(m, lf, n, d);
}

/* An exact n/d as FP, rounded half up (display). */
static int64_t exact_fp(int64_t n, int64_t d)
{
    return fp_div(n, d);
}

static void value_text(const jz_measure *m, int64_t v, char *buf)
{
    char t[32];
    jz_vunit u = unit_of(m);
    if (v == JZ_NONE)
        snprintf(buf, 48, "n/a");
    else if (fraction_valued(m))
        pct(v, buf);
    else  /* whole counts; a pro-rated target keeps one decimal (29.4 cases due) */
        snprintf(buf, 48, "%s %s", jz_fp_format(v, u.decimals >= 0 ? u.decimals : v % JZ_FP ? 1 : 0, t, sizeof t),
                 u.name);
}

/* A pro-rated target as the derivation shows it: two decimals (30 x 123/251 = 14.70
 * clients), so an evaluator can recompute it (issue 11 item 14); the value itself keeps
 * the exact fraction. */
static void prorated_text(const jz_measure *m, int64_t v, char *buf)
{
    char t[32];
    if (v == JZ_NONE || fraction_valued(m))
        value_text(m, v, buf);
    else
        snprintf(buf, 48, "%s %s", jz_fp_format(v, 2, t, sizeof t), unit_of(m).name);
}

const char *jz_ind_unit(const jz_indicator *ind)
{
    /* a fraction: 0.648 is 64.8 % */
    return fraction_valued(&ind->m) ? "%" : unit_of(&ind->m).name;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Evaluators' scores -> one value, exactly *n / *d FP points (the mean, the median or the
 * trimmed mean); notes the spread. */
/* Outliers (outliers: drop): the scores more than the tolerance from the median of all
 * of them, decided exactly (the median of an even number is a half), are marked dropped in
 * r->scores and listed in the derivation. If every score would go, none does (said so).
 * Returns how many are kept. */
static size_t drop_outliers(const jz_measure *m, const int64_t *sorted, jz_ind_result *r)
{
    size_t n = r->nscores, kept = 0;
    int64_t med2 = n % 2 ? 2 * sorted[n / 2] : sorted[n / 2 - 1] + sorted[n / 2];  /* twice the median */
    for (size_t i = 0; i < n; i++) {
        int64_t d2 = 2 * r->scores[i].score - med2;
        r->scores[i].dropped = (d2 < 0 ? -d2 : d2) > 2 * m->tolerance;
        kept += !r->scores[i].dropped;
    }
    char a[32], b[32], t[32];
    jz_fp_format(med2 / 2, 2, a, sizeof a);
    if (med2 % 2)
        snprintf(a, sizeof a, "%s", jz_fp_format(med2, 2, t, sizeof t)), snprintf(a + strlen(a), sizeof a - strlen(a), "/2");
    if (!kept) {
        for (size_t i = 0; i < n; i++)
            r->scores[i].dropped = false;
        say(r, "every score is more than %s from the median %s: none dropped; ", jz_fp_format(m->tolerance, 2, b, sizeof b), a);
        return n;
    }
    if (kept == n)
        return n;
    say(r, "dropped (more than %s from the median %s):", jz_fp_format(m->tolerance, 2, b, sizeof b), a);
    const char *sep = " ";
    for (size_t i = 0; i < n; i++)
        if (r->scores[i].dropped) {
            say(r, "%s%s %s", sep, r->scores[i].evaluator, jz_fp_format(r->scores[i].score, 2, t, sizeof t));
            sep = ", ";
        }
    say(r, "; ");
    return kept;
}

static void aggregate(const jz_measure *m, const entered *e, jz_ind_result *r, int64_t *n, int64_t *d)
{
    int64_t *v = jz_xmalloc(e->n * sizeof *v);
    for (size_t i = 0; i < e->n; i++)
        v[i] = e->v[i].score;
    qsort(v, e->n, sizeof *v, cmp_i64);
    r->spread = v[e->n - 1] - v[0];
    r->disagreement = m->tolerance >= 0 && r->spread > m->tolerance;
    size_t cnt = e->n;
    if (m->drop_outliers && drop_outliers(m, v, r) < e->n) {
        cnt = 0;  /* aggregate what is kept */
        for (size_t i = 0; i < e->n; i++)
            if (!r->scores[i].dropped)
                v[cnt++] = r->scores[i].score;
        qsort(v, cnt, sizeof *v, cmp_i64);
    }
    size_t lo = 0, hi = cnt;
    if (m->agg == JZ_AGG_TRIMMED && cnt >= 3)
        lo = 1, hi = cnt - 1;  /* drop the highest and the lowest */
    if (m->agg == JZ_AGG_MEDIAN) {
        *n = cnt % 2 ? v[cnt / 2] : v[cnt / 2 - 1] + v[cnt / 2];
        *d = cnt % 2 ? 1 : 2;
    } else {
        int64_t sum = 0;
        for (size_t i = lo; i < hi; i++)
            sum += v[i];
        *n = sum;
        *d = (int64_t)(hi - lo);
    }
    reduce(n, d);
    free(v);
}

static bool wanted_question(const jz_measure *m, const char *q)
{
    if (!m->nquestions)
        return true;
    for (size_t i = 0; i < m->nquestions; i++)
        if (strcmp(m->questions[i], q) == 0)
            return true;
    return false;
}

/* Survey: item = mean of answered (不了解 scores as that mean, so it leaves the mean as
 * it is); group = mean of its items; total = mean of groups. FP on the 0..5 scale. */
static int64_t div_round(__int128 n, __int128 d);

static bool group_is(const char *key, const char *name)
{
    size_t n = strlen(name);
    return strncmp(key, name, n) == 0 && key[n] == '\x1f';
}

/* A survey's value; -1 when nobody answered, -2 when a rule left it n/a (said in r). With
 * groups weighted, value = sum of weight x group mean, and every weighted group must have
 * answered (and have min_respondents); without, the groups weigh the same and a group
 * under min_respondents does not count. A group's respondents: the most answers (不了解
 * included) any of its questions has. */
typedef struct survey_tally {  /* one per distinct group, as many as there are questions */
    const char **groups;
    int64_t *gsum, *gn, *gresp, *mean;
    int64_t *gans;              /* answers of the group (不了解 included), over its questions */
    size_t *at;                 /* per weighted group of the measure: its index in groups */
} survey_tally;

static int64_t survey_groups(const jz_measure *m, const per_contract *p, jz_ind_result *r, size_t n,
                             const survey_tally *st);

/* Every group counts, however many: the tally grows with the questions. */
static int64_t survey_value(const jz_measure *m, const per_contract *p, jz_ind_result *r)
{
    size_t n = jz_strmap_count(p->survey_keys), k = n ? n : 1;
    survey_tally st = {jz_xcalloc(k, sizeof *st.groups), jz_xcalloc(k, sizeof *st.gsum),
                       jz_xcalloc(k, sizeof *st.gn),     jz_xcalloc(k, sizeof *st.gresp),
                       jz_xcalloc(k, sizeof *st.mean),   jz_xcalloc(k, sizeof *st.gans),
                       jz_xcalloc(m->ngroups ? m->ngroups : 1, sizeof *st.at)};
    int64_t v = survey_groups(m, p, r, n, &st);
    free(st.groups), free(st.gsum), free(st.gn), free(st.gresp), free(st.mean), free(st.gans), free(st.at);
    return v;
}

static int64_t survey_groups(const jz_measure *m, const per_contract *p, jz_ind_result *r, size_t n,
                             const survey_tally *st)
{
    const char **groups = st->groups;
    int64_t *gsum = st->gsum, *gn = st->gn, *gresp = st->gresp, *mean = st->mean, *gans = st->gans;
    size_t *at = st->at;
    size_t ng = 0;
    int64_t nanswers = 0;         /* of the groups that make the value */
    char t[32], u[32];
    for (size_t i = 0; i < n; i++) {
        const char *key = jz_strmap_key(p->survey_keys, (long)i), *sep = strchr(key, '\x1f');
        if (!wanted_question(m, sep + 1) || p->survey[i].answered == 0)
            continue;
        size_t g = 0;
        while (g < ng && (strncmp(groups[g], key, (size_t)(sep - key)) != 0 || groups[g][sep - key] != '\x1f'))
            g++;
        if (g == ng)
            groups[ng++] = key;
        gsum[g] += fp_div(p->survey[i].sum, p->survey[i].answered);
        gn[g]++;
        int64_t resp = p->survey[i].answered + p->survey[i].unknown;
        gresp[g] = resp > gresp[g] ? resp : gresp[g];
        gans[g] += resp;
    }
    if (ng == 0)
        return -1;
    for (size_t g = 0; g < ng; g++)
        mean[g] = (gsum[g] * 2 + gn[g]) / (2 * gn[g]);
    if (m->ngroups) {
        __int128 acc = 0;
        for (size_t w = 0; w < m->ngroups; w++) {
            size_t g = 0;
            while (g < ng && !group_is(groups[g], m->group_names[w]))
                g++;
            if (g == ng) {
                say(r, "no answers from group %s (weight %s): n/a", m->group_names[w], pct(m->group_weights[w], t));
                return -2;
            }
            if (m->min_respondents >= 0 && gresp[g] < m->min_respondents) {
                say(r, "group %s has %lld respondent%s, fewer than min_respondents %lld: n/a", m->group_names[w],
                    (long long)gresp[g], gresp[g] == 1 ? "" : "s", (long long)m->min_respondents);
                return -2;
            }
            at[w] = g;
        }
        for (size_t w = 0; w < m->ngroups; w++) {
            say(r, "%s%s %s x %s", w ? " + " : "weighted: ", m->group_names[w], jz_fp_format(mean[at[w]], 4, t, sizeof t),
                pct(m->group_weights[w], u));
            acc += (__int128)m->group_weights[w] * mean[at[w]];
            nanswers += gans[at[w]];
        }
        int64_t v = div_round(acc, JZ_FP);
        say(r, " = %s of 5 (%lld answers)", jz_fp_format(v, 4, t, sizeof t), (long long)nanswers);
        return v;
    }
    int64_t total = 0;
    size_t used = 0;
    for (size_t g = 0; g < ng; g++) {
        if (m->min_respondents >= 0 && gresp[g] < m->min_respondents) {
            say(r, "group %.*s left out (%lld respondent(s), fewer than min_respondents %lld); ", (int)(strchr(groups[g], '\x1f') - groups[g]),
                groups[g], (long long)gresp[g], (long long)m->min_respondents);
            continue;
        }
        total += mean[g];
        nanswers += gans[g];
        used++;
    }
    if (!used) {
        say(r, "no group has min_respondents: n/a");
        return -2;
    }
    int64_t v = (total * 2 + (int64_t)used) / (2 * (int64_t)used);
    say(r, "%zu group%s, %lld answers: mean %s of 5", used, used == 1 ? "" : "s", (long long)nanswers,
        jz_fp_format(v, 2, t, sizeof t));
    return v;
}

static const jz_check *hours_check(const jz_hours_result *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->checks[i].name, name) == 0)
            return &h->checks[i];
    return NULL;
}

/* n / d rounded half away from zero (d != 0). */
static int64_t div_round(__int128 n, __int128 d)
{
    if (d < 0)
        n = -n, d = -d;
    return (int64_t)(n >= 0 ? (n * 2 + d) / (2 * d) : -((-n * 2 + d) / (2 * d)));
}

/* Whether the exact ratio rn/rd reaches `mark` (FP): at or above it, or at or under it when
 * lower is better. Decided on the exact fraction, never on the ratio rounded to 4 decimals
 * (799.98 h of 1000 h is below 80 %; a check one minute short is below 100 %). */
static bool reaches(int64_t rn, int64_t rd, int64_t mark, bool lower)
{
    __int128 x = (__int128)rn * JZ_FP, m = (__int128)mark * rd;
    return lower ? x <= m : x >= m;
}

/* The fraction of the points earned (num/den, from 0 to 1), by the indicator's method.
 * rn/rd is the exact ratio (value / target, or what the ratio stands for), rd > 0; vn/vd
 * the exact value in the measure's unit. *shown says whether the derivation shows num/den
 * as a fraction (a band's 2/3) rather than a percentage. */
static void method_fraction(const jz_indicator *ind, jz_ind_result *r, int64_t rn, int64_t rd, int64_t vn,
                            int64_t vd, __int128 *num, __int128 *den, bool *shown)
{
    const jz_scoring *sc = &ind->score;
    char a[40], b[40], t[32];
    *num = 0;
    *den = JZ_FP;
    *shown = false;
    switch (sc->method) {
    case JZ_SC_PROPORTIONAL:
        /* min(1, ratio), or min(1, 1 / ratio) when lower is better */
        if (sc->lower_better ? rn <= rd : rn >= rd)
            *num = *den = 1;
        else
            *num = sc->lower_better ? rd : rn, *den = sc->lower_better ? rn : rd;
        say(r, " -> proportional%s, capped at 100 %%", sc->lower_better ? " (lower is better)" : "");
        return;
    case JZ_SC_BANDS: {
        /* Bands are listed from the highest threshold down. Higher is better: the first
         * band reached. Lower is better: the lowest threshold the ratio is at or under. */
        size_t n = sc->nbands;
        for (size_t k = 0; k < n; k++) {
            size_t i = sc->lower_better ? n - 1 - k : k;
            if (!reaches(rn, rd, sc->bands[i].from, sc->lower_better))
                continue;
            *num = sc->bands[i].num;
            *den = sc->bands[i].den;
            *shown = *den != JZ_FP;
            if (!sc->lower_better && i == 0)
                say(r, " -> band >= %s", pct(sc->bands[i].from, a));
            else if (!sc->lower_better)
                say(r, " -> band %s-%s", pct(sc->bands[i].from, a), pct(sc->bands[i - 1].from, b));
            else if (i == n - 1)
                say(r, " -> band <= %s", pct(sc->bands[i].from, a));
            else
                say(r, " -> band %s-%s", pct(sc->bands[i + 1].from, a), pct(sc->bands[i].from, b));
            return;
        }
        *num = sc->below_num;
        *den = sc->below_den;
        *shown = *den != JZ_FP;
        if (sc->lower_better)
            say(r, " -> above %s", pct(sc->bands[0].from, a));
        else
            say(r, " -> below %s", pct(sc->bands[n - 1].from, a));
        return;
    }
    case JZ_SC_EFFICACY: {
        /* s = 60 + 40 x (x - bad) / (good - bad) on a 100-point score, clamped. x is the
         * completion ratio when the indicator has a target (exactly rn/rd), else the
         * measured value itself (exactly vn/vd). s = sn / sd exactly; f = s / 100. */
        __int128 xn = ind->target.kind != JZ_TARGET_NONE ? (__int128)rn * JZ_FP : (__int128)vn * JZ_FP;
        __int128 xd = ind->target.kind != JZ_TARGET_NONE ? rd : vd;
        __int128 gb = (__int128)sc->good - sc->bad;
        __int128 sn = 60 * gb * xd + 40 * (xn - (__int128)sc->bad * xd), sd = gb * xd;
        if (sd < 0)
            sn = -sn, sd = -sd;
        int64_t shown_s = div_round(sn * JZ_FP, sd);
        say(r, " -> efficacy 60 + 40 x (x - %s) / (%s - %s) = %s", jz_fp_format(sc->bad, 2, a, sizeof a),
            jz_fp_format(sc->good, 2, b, sizeof b), jz_fp_format(sc->bad, 2, (char[32]){0}, 32), jz_fp_format(shown_s, 2, t, sizeof t));
        if (sn * JZ_FP < (__int128)sc->clamp_lo * sd) {
            sn = sc->clamp_lo, sd = JZ_FP;
            say(r, ", clamped to %s", jz_fp_format(sc->clamp_lo, 2, t, sizeof t));
        } else if (sn * JZ_FP > (__int128)sc->clamp_hi * sd) {
            sn = sc->clamp_hi, sd = JZ_FP;
            say(r, ", clamped to %s", jz_fp_format(sc->clamp_hi, 2, t, sizeof t));
        }
        *num = sn;
        *den = sd * 100;
        return;
    }
    case JZ_SC_THRESHOLD: {
        bool pass = sc->at_value ? (sc->lower_better ? (__int128)vn * JZ_FP <= (__int128)sc->at * vd
                                                     : (__int128)vn * JZ_FP >= (__int128)sc->at * vd)
                                 : reaches(rn, rd, sc->at, sc->lower_better);
        *num = pass ? JZ_FP : 0;
        if (sc->at_value) {
            /* the mark as written and the exact value it was compared with */
            const char *u = unit_of(&ind->m).name;
            jz_fixed_trim(sc->at, 4, a, sizeof a);
            if (vd > 1)
            {
                int64_t q = div_round((__int128)vn * 1000000, vd);  /* 6 decimals: enough to see the edge */
                say(r, " -> threshold %s %s%s%s: %lld/%lld = %lld.%06lld%s%s%s: %s", sc->lower_better ? "<=" : ">=", a,
                    *u ? " " : "", u, (long long)vn, (long long)vd, (long long)(q / 1000000), (long long)(q % 1000000),
                    (__int128)vn * 1000000 % vd ? "..." : "",
                    *u ? " " : "", u, pass ? "met" : "not met");
            }
            else
                say(r, " -> threshold %s %s%s%s: %s", sc->lower_better ? "<=" : ">=", a, *u ? " " : "", u,
                    pass ? "met" : "not met");
        } else {
            pct(sc->at, a);
            say(r, " -> threshold %s %s: %s", sc->lower_better ? "<=" : ">=", a, pass ? "met" : "not met");
        }
        return;
    }
    case JZ_SC_PIECEWISE: {
        /* f at the breakpoints, linear between (exactly, on x = rn/rd), the end values
         * beyond them. Segment i..i+1 with x_i <= x < x_{i+1}: with f_i = a/b, f_{i+1} = c/d,
         * f = (a d (X1 - X0) rd + (c b - a d)(rn FP - X0 rd)) / (b d (X1 - X0) rd). */
        size_t n = sc->nbands;
        const jz_band *bp = sc->bands;
        __int128 x = (__int128)rn * JZ_FP;  /* x in FP, times rd */
        if (x <= (__int128)bp[0].from * rd) {
            *num = bp[0].num, *den = bp[0].den;
            say(r, " -> piecewise: at or below the first breakpoint %s", pct(bp[0].from, a));
        } else if (x >= (__int128)bp[n - 1].from * rd) {
            *num = bp[n - 1].num, *den = bp[n - 1].den;
            say(r, " -> piecewise: at or above the last breakpoint %s", pct(bp[n - 1].from, a));
        } else {
            size_t i = 0;
            while (i + 2 < n && x >= (__int128)bp[i + 1].from * rd)
                i++;
            __int128 A = bp[i].num, B = bp[i].den, C = bp[i + 1].num, D = bp[i + 1].den;
            __int128 dx = (__int128)bp[i + 1].from - bp[i].from;
            *num = A * D * dx * rd + (C * B - A * D) * (x - (__int128)bp[i].from * rd);
            *den = B * D * dx * rd;
            say(r, " -> piecewise between %s and %s", pct(bp[i].from, a), pct(bp[i + 1].from, b));
        }
        *shown = false;
        return;
    }
    case JZ_SC_DIRECT:
        /* the value is the points (entered: value / points exactly), up to all of them */
        *num = rn < rd ? rn : rd;
        *den = rd;
        return;
    }
}

/* " min_rows 6, min_sessions 4": a having rule as the rubric writes it. */
static void having_rule(jz_ind_result *r, const jz_measure *m)
{
    const char *sep = " ";
    if (m->min_rows >= 0)
        say(r, "%smin_rows %lld", sep, (long long)m->min_rows), sep = ", ";
    if (m->min_sessions >= 0)
        say(r, "%smin_sessions %lld", sep, (long long)m->min_sessions), sep = ", ";
    if (m->min_attendances >= 0)
        say(r, "%smin_attendances %lld", sep, (long long)m->min_attendances);
}

/* "32 of 41 clients reach min_rows 6 (9 do not)": the having rule and how many keys failed
 * it, so that an evaluator can recount. */
static void having_words(jz_ind_result *r, const jz_measure *m, const leaf *lf, int64_t passed)
{
    const char *keys = jz_unit_distinct(m).name;  /* clients, activities, staff */
    int64_t all = (int64_t)lf->ngroups;
    say(r, "%lld of %lld %s reach", (long long)passed, (long long)all, keys);
    having_rule(r, m);
    say(r, " (%lld do not): %lld %s", (long long)(all - passed), (long long)passed, keys);
}

/* "of the 5 clients, 3 reach min_rows 6 (2 do not, their 7 records left out): ": a count
 * or sum over the keys whose history reaches the having rule. */
static void value_text(const jz_measure *m, int64_t v, char *buf);

static void per_key_words(jz_ind_result *r, const jz_measure *m, const leaf *lf, int64_t vn, int64_t vd)
{
    char t[48];
    const char *keys = jz_unit_distinct(m).name;  /* clients, activities, staff */
    int64_t all = (int64_t)lf->ngroups, passed = 0, out = 0;
    for (int64_t g = 0; g < all; g++) {
        bool ok = group_passes(m, &lf->groups[g]);
        passed += ok;
        out += ok ? 0 : lf->groups[g].rows;
    }
    say(r, "of %lld %s, %lld reach", (long long)all, keys, (long long)passed);
    having_rule(r, m);
    value_text(m, exact_fp(vn, vd), t);
    say(r, " (the %lld record%s of the %lld that do not are left out): %s", (long long)out, out == 1 ? "" : "s",
        (long long)(all - passed), t);
}

/* How each measure kind is valued for a contract: one function per kind, in the table
 * below (the order of jz_mkind). Each sets the exact value vn/vd in the kind's natural unit
 * and may start the derivation; false when there is nothing to measure (n/a). */
typedef struct vctx {
    jz_scorer *s;
    size_t ii;
    per_contract *p;
    const jz_hours_result *h;
    jz_ind_result *r;
} vctx;

static bool value_records(const vctx *x, const jz_measure *m, int64_t *vn, int64_t *vd)
{
    size_t l = x->s->leaf_of[x->ii];
    if (!leaf_exact(m, &x->p->leaves[l], vn, vd))
        return false;
    if (m->kind == JZ_M_DISTINCT && (m->min_rows >= 0 || m->min_sessions >= 0 || m->min_attendances >= 0))
        having_words(x->r, m, &x->p->leaves[l], *vn);
    if (m->per_key)
        per_key_words(x->r, m, &x->p->leaves[l], *vn, *vd);
    return true;
}

static bool value_ratio(const vctx *x, const jz_measure *m, int64_t *vn, int64_t *vd)
{
    size_t l = x->s->leaf_of[x->ii];
    char a[48], b[48];
    int64_t nn, nd, dn, dd;
    bool okn = leaf_exact(m->num, &x->p->leaves[l], &nn, &nd), okd = leaf_exact(m->den, &x->p->leaves[l + 1], &dn, &dd);
    if (!okn || !okd || dn <= 0)
        return false;
    *vn = nn * dd, *vd = nd * dn;
    reduce(vn, vd);
    say(x->r, "%s / %s", jz_fp_format(exact_fp(nn, nd), 1, a, sizeof a), jz_fp_format(exact_fp(dn, dd), 1, b, sizeof b));
    return true;
}

/* The hours a roster left out of a delivery check, never silently (issue 11 item 10): the
 * staff ids not in the roster for the centre and those listed as not counted, each with
 * the hours of the check's kind it left out and how many of the centre's records. */
static void left_out(jz_ind_result *r, const jz_hours_result *h, const char *check)
{
    const jz_hours_sums *o[2] = {&h->not_in_roster, &h->not_counted};
    for (int i = 0; i < 2; i++) {
        const jz_hours_sums *x = o[i];
        int64_t minutes = !strcmp(check, "service_hours")      ? x->service
                          : !strcmp(check, "direct_hours")     ? x->direct
                          : !strcmp(check, "outreach_share")   ? x->outreach
                          : !strcmp(check, "training_hours")   ? x->training
                          : !strcmp(check, "supervision_hours") ? x->supervision
                                                                : 0;  /* not a delivery check */
        if (!x->rows || !minutes)
            continue;
        char a[JZ_MINUTES_SIZE];
        const char *hours = jz_minutes_format(minutes, 1, true, a);
        if (i == 0)
            say(r, "; left out of these hours: %s h in %ld of the centre's records, of staff not in the roster "
                   "for this centre", hours, x->rows);
        else
            say(r, "; left out of these hours: %s h in %ld of the centre's records, of staff listed as not "
                   "counted (计入工时 no)", hours, x->rows);
    }
}

static bool value_hours(const vctx *x, const jz_measure *m, int64_t *vn, int64_t *vd)
{
    const jz_check *c = hours_check(x->h, m->hours_check);
    if (!c || c->ratio_bp < 0 || c->required <= 0) {
        say(x->r, "%s: %s", m->hours_check, c ? c->detail : "not computed");
        return false;
    }
    *vn = c->delivered, *vd = c->required;
    reduce(vn, vd);
    say(x->r, "%s", c->detail);
    left_out(x->r, x->h, c->name);
    return true;
}

static bool value_entered(const vctx *x, const jz_measure *m, int64_t *vn, int64_t *vd)
{
    const entered *e = &x->p->entered[x->ii];
    jz_ind_result *r = x->r;
    char a[48], b[48], t[48];
    if (!e->n) {
        say(r, "no evaluator scores");
        return false;
    }
    r->scores = jz_xmalloc(e->n * sizeof *r->scores);
    memcpy(r->scores, e->v, e->n * sizeof *r->scores);
    r->nscores = e->n;
    if (m->min_evaluators >= 0 && (int64_t)e->n < m->min_evaluators) {
        say(r, "%zu evaluator score%s, fewer than min_evaluators %lld", e->n, e->n == 1 ? "" : "s",
            (long long)m->min_evaluators);
        return false;
    }
    int64_t sn, sd;
    aggregate(m, e, r, &sn, &sd);  /* FP points */
    *vn = sn, *vd = sd * JZ_FP;
    reduce(vn, vd);
    static const char *const aggs[] = {"mean", "median", "trimmed mean"};
    size_t used = 0;
    for (size_t i = 0; i < e->n; i++)
        used += !r->scores[i].dropped;
    say(r, "%s of %zu evaluator score%s = %s", aggs[m->agg], used, used == 1 ? "" : "s",
        jz_fp_format(div_round(sn, sd), 2, a, sizeof a));
    if (sd > 1 && sn % sd)
        say(r, " (%s/%lld exactly)", jz_fp_format(sn, 2, t, sizeof t), (long long)sd);
    if (r->disagreement)
        say(r, " (spread %s above tolerance %s: evaluators disagree)", jz_fp_format(r->spread, 2, b, sizeof b),
            jz_fp_format(m->tolerance, 2, t, sizeof t));
    return true;
}

static bool value_survey(const vctx *x, const jz_measure *m, int64_t *vn, int64_t *vd)
{
    /* the survey's means are the published scheme's figures, each to 4 decimals */
    int64_t v = survey_value(m, x->p, x->r);
    if (v < 0) {
        if (v == -1)
            say(x->r, "no survey answers");
        return false;
    }
    *vn = v, *vd = JZ_FP;
    reduce(vn, vd);
    return true;
}

typedef bool (*value_fn)(const vctx *x, const jz_measure *m, int64_t *vn, int64_t *vd);
static const value_fn kind_value[] = {
    [JZ_M_COUNT] = value_records, [JZ_M_SUM] = value_records,    [JZ_M_DISTINCT] = value_records,
    [JZ_M_SHARE] = value_records, [JZ_M_RATIO] = value_ratio,    [JZ_M_HOURS] = value_hours,
    [JZ_M_ENTERED] = value_entered, [JZ_M_SURVEY] = value_survey,
};
_Static_assert(sizeof kind_value / sizeof kind_value[0] == JZ_M_N, "one value function per measure kind");

/* The measurement: r->value (FP, for display) and its exact vn/vd in the measure's natural
 * unit (points for entered, 0..5 for a survey, a fraction for shares, ratios and hours
 * checks). False when there is nothing to measure (n/a). */
static bool measure(jz_scorer *s, size_t ii, per_contract *p, const jz_hours_result *h, jz_ind_result *r,
                    int64_t *vn, int64_t *vd)
{
    const jz_measure *m = &s->ind[ii]->m;
    if (p->excluded) {
        say(r, "the centre's inputs have errors: not scored");
        return false;
    }
    if (!p->result.records && m->kind != JZ_M_ENTERED && m->kind != JZ_M_SURVEY) {
        /* the centre's export was not in this run: nothing was measured, not zero */
        say(r, "no records of centre %s in this run: not scored", p->result.contract->centre);
        return false;
    }
    vctx x = {s, ii, p, h, r};
    if (!kind_value[m->kind](&x, m, vn, vd))
        return false;
    r->value = exact_fp(*vn, *vd);
    return true;
}

/* The ratio of the indicator: value / target (exactly, a pro-rated target as T x e / p),
 * or what the value stands for. Sets rn/rd (rd > 0) and the display fields; false when
 * the indicator is n/a (its contract column is missing or empty). */
static bool ratio_of(jz_scorer *s, const jz_indicator *ind, per_contract *p, const jz_hours_result *h,
                     jz_ind_result *r, int64_t vn, int64_t vd, int64_t *rn, int64_t *rd)
{
    const jz_measure *m = &ind->m;
    const jz_rtarget *tg = &ind->target;
    char a[48], b[48], t[48];
    (void)s;
    if (tg->kind == JZ_TARGET_NONE) {
        if (m->kind == JZ_M_ENTERED)
            *rn = vn * JZ_FP, *rd = vd * ind->points;  /* value / points */
        else if (m->kind == JZ_M_SURVEY)
            *rn = vn, *rd = vd * 5;
        else
            *rn = vn, *rd = vd;  /* fractions (shares, ratios, hours checks) stand for themselves; a
                                    count without a target stands for itself too */
        if (*rd <= 0)  /* an indicator worth 0 points */
            *rn = 0, *rd = 1;
        reduce(rn, rd);
        r->ratio = exact_fp(*rn, *rd);
        return true;
    }
    int64_t target = tg->value;  /* FP in the measure's unit */
    if (tg->kind == JZ_TARGET_CONTRACT) {
        const jz_target *ct = jz_contract_target(p->result.contract, tg->column);
        if (!ct || ct->value < 0) {
            say(r, "; the contract has no target_%s -> n/a", tg->column);
            return false;
        }
        target = ct->value * 100;
    }
    int64_t e = 1, per = 1;
    if (tg->prorate && h->period > 0 && h->elapsed < h->period)
        e = h->elapsed, per = h->period;
    /* shown rounded up in the fourth decimal; compared exactly as target x e / per */
    r->target = (int64_t)(((__int128)target * e + per - 1) / per);
    if (target == 0 && ind->score.lower_better && vn > 0) {
        /* lower is better and nothing was allowed: any value is infinitely above it */
        r->ratio = JZ_NONE;
        *rn = INT32_MAX, *rd = 1;  /* above every band and mark: earns nothing */
        say(r, " against a target of 0, lower is better: above it");
        return true;
    }
    if (target == 0) {
        r->ratio = JZ_FP;
        *rn = *rd = 1;
        say(r, " against a target of 0 (%s: met)", ind->score.lower_better ? "none allowed, none found" : "nothing due");
        return true;
    }
    /* ratio = (vn / vd) / (target / FP x e / per) */
    __int128 n = (__int128)vn * JZ_FP * per, d = (__int128)vd * target * e;
    while (n > INT64_MAX || d > INT64_MAX)  /* cannot happen with real inputs; keep it defined */
        n /= 2, d = d / 2 ? d / 2 : 1;
    *rn = (int64_t)n, *rd = (int64_t)d;
    reduce(rn, rd);
    r->ratio = exact_fp(*rn, *rd);
    value_text(m, r->target, a);
    if (per != 1) {
        value_text(m, target, t);
        prorated_text(m, r->target, a);
        say(r, " of %s x %lld/%lld = %s due (%s)", t, (long long)e, (long long)per, a, pct(r->ratio, b));
    } else {
        say(r, " of %s due (%s)", a, pct(r->ratio, b));
    }
    return true;
}

/* A `verified:` indicator: its exact value times the centre's conservative verification
 * factor (jz-verify(1)), said in the derivation; without a factor the value stands, and
 * the derivation says why. */
static void verify_discount(const jz_scorer *s, const per_contract *p, const jz_indicator *ind, jz_ind_result *r,
                            int64_t *vn, int64_t *vd)
{
    const jz_vresults *vr = s->in.verification;
    const jz_vcentre *v = vr ? jz_vresults_find(vr, p->result.contract->centre) : NULL;
    bool hours = ind->verified == JZ_VERIFIED_HOURS;
    int64_t f = !v ? -1 : hours ? v->hours_cons : v->part_cons;
    char a[48], b[48];
    value_text(&ind->m, r->value, a);
    if (f < 0) {
        say(r, "%s (not verified: %s)", a, !vr ? "no --verification given"
                                          : !v ? "the verification has no figures for this centre"
                                               : "its conservative factor could not be estimated");
        return;
    }
    *vn *= f, *vd *= JZ_FP;  /* exactly: the factor is a fraction of 10000 */
    reduce(vn, vd);
    r->value = exact_fp(*vn, *vd);
    value_text(&ind->m, r->value, b);
    say(r, "%s x verification factor %s (%s, conservative, %s) = %s", a, hours ? v->hours_text : v->part_text,
        hours ? "hours" : "participants", vr->path, b);
}

/* ---- the facts (score.h's jz_result_facts): recorded where the decisions are taken ---- */

static const char *lower_grade(const jz_rubric *rb, const char *a, const char *b);

static __int128 gcd128(__int128 a, __int128 b)
{
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static size_t i128_text(__int128 v, char *buf, size_t cap)
{
    char t[48];
    size_t n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
    do {
        t[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    size_t k = 0;
    if (neg && k + 1 < cap)
        buf[k++] = '-';
    while (n && k + 1 < cap)
        buf[k++] = t[--n];
    buf[k] = '\0';
    return k;
}

/* num/den (den > 0) in lowest terms as "n/d", or "n" when d is 1. */
static void fraction_text(__int128 num, __int128 den, char *buf, size_t cap)
{
    __int128 g = gcd128(num, den);
    if (g > 1)
        num /= g, den /= g;
    size_t k = i128_text(num, buf, cap);
    if (den != 1 && k + 1 < cap) {
        buf[k++] = '/';
        i128_text(den, buf + k, cap - k);
    }
}

/* The total before its rounding, exactly, as num/den points in lowest terms. */
static void fact_total(jz_centre_result *res, __int128 num, __int128 den)
{
    __int128 g = gcd128(num, den);
    if (g > 1)
        num /= g, den /= g;
    while (num > INT64_MAX || num < -INT64_MAX || den > INT64_MAX)  /* cannot happen with real inputs */
        num /= 2, den = den / 2 ? den / 2 : 1;
    res->facts.total_num = (int64_t)num;
    res->facts.total_den = (int64_t)den;
}

static void fact_cap(jz_centre_result *res, const char *what, const char *id, int64_t cap, int64_t before)
{
    jz_result_facts *f = &res->facts;
    f->caps = jz_xrealloc(f->caps, (f->ncaps + 1) * sizeof *f->caps);
    jz_cap_fact *c = &f->caps[f->ncaps++];
    snprintf(c->what, sizeof c->what, "%s", what);
    snprintf(c->id, sizeof c->id, "%s", id);
    c->cap = cap;
    c->before = before;
    c->after = before > cap ? cap : before;
}

static jz_grade_fact *fact_grade(jz_centre_result *res, const char *what, const char *id, const char *grade)
{
    jz_result_facts *f = &res->facts;
    f->grades = jz_xrealloc(f->grades, (f->ngrades + 1) * sizeof *f->grades);
    jz_grade_fact *g = &f->grades[f->ngrades++];
    memset(g, 0, sizeof *g);
    snprintf(g->what, sizeof g->what, "%s", what);
    snprintf(g->id, sizeof g->id, "%s", id);
    snprintf(g->grade, sizeof g->grade, "%s", grade);
    return g;
}

/* What triggered veto w, for its grade fact: the findings of its code (file:line, every
 * one), the indicator, the hours check or the verification file. */
static void veto_rows(const jz_scorer *s, const per_contract *p, const jz_veto *w, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    if (w->when == JZ_V_FINDING) {
        for (size_t i = 0; i < p->nfindings && n + 1 < cap; i++)
            if (strcmp(p->findings[i].code, w->code) == 0) {
                int k = snprintf(buf + n, cap - n, "%s%s:%ld", n ? ", " : "", p->findings[i].file, p->findings[i].line);
                n = k < 0 ? n : n + (size_t)k < cap ? n + (size_t)k : cap - 1;
            }
    } else if (w->when == JZ_V_HOURS_BELOW) {
        snprintf(buf, cap, "hours check %s", w->code);
    } else if (w->when == JZ_V_VERIFY_ERRORS) {
        snprintf(buf, cap, "%s", s->in.verification ? s->in.verification->path : "");
    } else {
        snprintf(buf, cap, "indicator %s", w->code);
    }
}

/* Which indicators' points moved when the total is re-weighted. */
static void fact_reweight(const jz_rubric *rb, jz_centre_result *res, int64_t all)
{
    jz_result_facts *f = &res->facts;
    f->scale = rb->scale;
    if (!(rb->na_reweight && res->applicable > 0 && res->applicable < all))
        return;
    f->reweighted = true;
    f->na_points = all - res->applicable;
    f->from = jz_xcalloc(res->nind ? res->nind : 1, sizeof *f->from);
    for (size_t i = 0; i < res->nind; i++)
        if (res->ind[i].status == JZ_IS_NA)
            f->from[f->nfrom++] = res->ind[i].ind->id;
}

/* After every veto: which grade rules decided the final grade. */
static void facts_decided(const jz_rubric *rb, jz_centre_result *res)
{
    jz_result_facts *f = &res->facts;
    for (size_t i = 0; i < f->ngrades; i++) {
        jz_grade_fact *g = &f->grades[i];
        g->decided = res->grade && strcmp(res->grade, g->grade) == 0 &&
                     (!f->grade_of_total || (strcmp(f->grade_of_total, g->grade) != 0 &&
                                             lower_grade(rb, f->grade_of_total, g->grade) == g->grade));
    }
}

static void score_indicator(jz_scorer *s, size_t ii, per_contract *p, const jz_hours_result *h,
                            jz_ind_result *r)
{
    const jz_indicator *ind = s->ind[ii];
    const jz_measure *m = &ind->m;
    char a[48], b[48], t[48];
    memset(r, 0, sizeof *r);
    r->ind = ind;
    r->section = s->ind_section[ii];
    r->possible = ind->points;
    r->value = r->target = r->ratio = JZ_NONE;
    r->status = JZ_IS_NA;
    int64_t vn = 0, vd = 1, rn, rd;
    bool have = measure(s, ii, p, h, r, &vn, &vd);
    if (have && ind->verified)
        verify_discount(s, p, ind, r, &vn, &vd);
    if (!have) {
        snprintf(r->value_text, sizeof r->value_text, "n/a");
        if (!r->derivation[0])
            say(r, "nothing to measure");
        say(r, " -> n/a");
        return;
    }
    value_text(m, r->value, r->value_text);
    if (!r->derivation[0])
        say(r, "%s", r->value_text);
    if (!ratio_of(s, ind, p, h, r, vn, vd, &rn, &rd)) {
        /* n/a: no value, no target, no ratio (jz-score(1)) */
        r->value = r->target = r->ratio = JZ_NONE;
        snprintf(r->value_text, sizeof r->value_text, "n/a");
        return;
    }
    p->xn[ii] = vn, p->xd[ii] = vd;
    __int128 num = 0, den = JZ_FP;
    bool shown;
    method_fraction(ind, r, rn, rd, vn, vd, &num, &den, &shown);
    /* f = num / den within 0..1 (the loader refuses parameters that leave it): points x f,
     * rounded once to the rubric's decimals */
    if (num < 0)
        num = 0;
    if (num > den)
        num = den;
    int64_t unit = 1;
    for (int d = s->in.rubric->ind_decimals; d < 4; d++)
        unit *= 10;
    r->earned = div_round((__int128)ind->points * num, den * unit) * unit;
    if (shown)
        say(r, " -> %lld/%lld of %s = %s", (long long)num, (long long)den, jz_fp_format(ind->points, 2, b, sizeof b),
            jz_fp_format(r->earned, s->in.rubric->ind_decimals, t, sizeof t));
    else
        say(r, " -> %s of %s = %s", pct(div_round(num * JZ_FP, den), a), jz_fp_format(ind->points, 2, b, sizeof b),
            jz_fp_format(r->earned, s->in.rubric->ind_decimals, t, sizeof t));
    r->status = r->earned >= ind->points ? JZ_IS_FULL : r->earned > 0 ? JZ_IS_PARTIAL : JZ_IS_ZERO;
    fraction_text(num, den, r->fraction, sizeof r->fraction);
}

static void apply(jz_centre_result *res, const char *what, const char *id, const char *title, int64_t points,
                  const char *detail);

static int64_t section_sums(const jz_section *sec, jz_centre_result *res, size_t *next)
{
    size_t me = (*next)++;
    jz_sec_result *sr = &res->sec[me];
    sr->sec = sec;
    for (size_t i = 0; i < res->nind; i++) {
        for (size_t k = 0; k < sec->nind; k++)
            if (res->ind[i].ind == &sec->ind[k] && res->ind[i].status != JZ_IS_NA) {
                sr->earned += res->ind[i].earned;
                sr->possible += res->ind[i].possible;
            }
    }
    for (size_t k = 0; k < sec->nsubs; k++) {
        size_t child = *next;
        section_sums(&sec->subs[k], res, next);
        sr->earned += res->sec[child].earned;
        sr->possible += res->sec[child].possible;
    }
    if (sec->cap >= 0 && sr->earned > sec->cap) {  /* a section cap: its points count up to it */
        char a[32], b[32], msg[400];
        snprintf(msg, sizeof msg, "section %s earned %s, counted at its cap of %s", sec->id,
                 jz_fp_format(sr->earned, 2, a, sizeof a), jz_fp_format(sec->cap, 2, b, sizeof b));
        apply(res, "section-cap", sec->id, sec->title, sec->cap, msg);
        fact_cap(res, "section-cap", sec->id, sec->cap, sr->earned);
        sr->earned = sec->cap;
    }
    return sr->earned;
}

static size_t count_sections(const jz_section *s)
{
    size_t n = 1;
    for (size_t i = 0; i < s->nsubs; i++)
        n += count_sections(&s->subs[i]);
    return n;
}

static void apply(jz_centre_result *res, const char *what, const char *id, const char *title, int64_t points,
                  const char *detail)
{
    res->applied = jz_xrealloc(res->applied, (res->napplied + 1) * sizeof *res->applied);
    jz_applied *x = &res->applied[res->napplied++];
    snprintf(x->what, sizeof x->what, "%s", what);
    snprintf(x->id, sizeof x->id, "%s", id);
    snprintf(x->title, sizeof x->title, "%s", title);
    snprintf(x->detail, sizeof x->detail, "%s", detail);
    x->points = points;
}

/* The lower of two grades in the rubric's order (NULL counts as no grade: the other wins). */
static const char *lower_grade(const jz_rubric *rb, const char *a, const char *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    for (size_t i = 0; i < rb->ngrades; i++) {
        if (strcmp(rb->grades[i].name, a) == 0)
            return b;  /* a comes first (higher): b is the lower */
        if (strcmp(rb->grades[i].name, b) == 0)
            return a;
    }
    return a;
}

/* The points of every indicator of the rubric, n/a or not. */
static int64_t all_points(const jz_centre_result *res)
{
    int64_t all = 0;
    for (size_t i = 0; i < res->nind; i++)
        all += res->ind[i].possible;
    return all;
}

/* Whether the applicable points reach min_coverage of all points, on the exact fraction
 * (66.6666 % rounded is not 66.67 %). */
static bool coverage_reached(const jz_rubric *rb, const jz_centre_result *res)
{
    int64_t all = all_points(res);
    return all > 0 ? reaches(res->applicable, all, rb->min_coverage, false) : rb->min_coverage == 0;
}

/* Whether the condition of veto w holds for the centre; if so, why in buf (without the
 * veto's title): "finding FIN-VETO (findings.csv:3): ...". Every test is on the exact
 * figure: a section's earned / applicable points, an indicator's exact value, the
 * coverage. An n/a indicator, a section with no applicable points, an n/a hours check
 * or no verification does not trigger. all: every condition holds (their reasons joined
 * with "and"); any: at least one (the ones that hold, joined with "or"). */
static bool veto_hit(jz_scorer *s, per_contract *p, const jz_hours_result *h, const jz_veto *w, char *buf,
                     size_t cap)
{
    jz_centre_result *res = &p->result;
    char a[40], b[40], c[40];
    bool hit = false;
    buf[0] = '\0';
    switch (w->when) {
    case JZ_V_FINDING:
        for (size_t i = 0; i < p->nfindings && !hit; i++)
            if (strcmp(p->findings[i].code, w->code) == 0) {
                hit = true;
                snprintf(buf, cap, "finding %s (%s:%ld): %s", w->code, p->findings[i].file, p->findings[i].line,
                         p->findings[i].description);
            }
        return hit;
    case JZ_V_HOURS_BELOW: {
        const jz_check *k = hours_check(h, w->code);
        hit = k && k->ratio_bp >= 0 && !reaches(k->delivered, k->required, w->below, false);
        if (hit)
            snprintf(buf, cap, "%s at %s, below %s", w->code, pct(k->ratio_bp, a), pct(w->below, b));
        return hit;
    }
    case JZ_V_VERIFY_ERRORS: {
        const jz_vcentre *vc = s->in.verification ? jz_vresults_find(s->in.verification, res->contract->centre) : NULL;
        hit = vc && vc->err_low >= 0 && vc->err_low >= w->below;
        if (hit)
            snprintf(buf, cap, "%ld of %ld checked items not verified (%s): the error rate is at least "
                     "%s (exact lower bound), at or above %s", vc->errors, vc->checked,
                     s->in.verification->path, pct(vc->err_low, a), pct(w->below, b));
        return hit;
    }
    case JZ_V_INDICATOR_BELOW:
        for (size_t i = 0; i < res->nind && !hit; i++)
            if (strcmp(res->ind[i].ind->id, w->code) == 0 && res->ind[i].status != JZ_IS_NA &&
                res->ind[i].earned < w->below) {
                hit = true;
                snprintf(buf, cap, "indicator %s earned %s, below %s", w->code,
                         jz_fp_format(res->ind[i].earned, 2, a, sizeof a), jz_fp_format(w->below, 2, b, sizeof b));
            }
        return hit;
    case JZ_V_VALUE_BELOW:
        for (size_t i = 0; i < res->nind && !hit; i++)
            if (strcmp(res->ind[i].ind->id, w->code) == 0 && p->xd[i] > 0 &&
                (__int128)p->xn[i] * JZ_FP < (__int128)w->below * p->xd[i]) {
                hit = true;
                jz_fixed_trim(w->below, 4, b, sizeof b);
                snprintf(buf, cap, "indicator %s's value %s (%lld/%lld exactly) is below %s", w->code,
                         res->ind[i].value_text, (long long)p->xn[i], (long long)p->xd[i], b);
            }
        return hit;
    case JZ_V_SECTION_BELOW:
        for (size_t i = 1; i < res->nsec && !hit; i++) {
            const jz_sec_result *sr = &res->sec[i];
            if (strcmp(sr->sec->id, w->code) != 0 || sr->possible <= 0 ||
                reaches(sr->earned, sr->possible, w->below, false))
                continue;
            hit = true;
            snprintf(buf, cap, "section %s earned %s of %s applicable points (%s), below %s", w->code,
                     jz_fp_format(sr->earned, 2, a, sizeof a), jz_fp_format(sr->possible, 2, b, sizeof b),
                     pct(fp_div(sr->earned, sr->possible), c), pct(w->below, (char[40]){0}));
        }
        return hit;
    case JZ_V_COVERAGE_BELOW: {
        int64_t all = all_points(res);
        hit = all > 0 && !reaches(res->applicable, all, w->below, false);
        if (hit)
            snprintf(buf, cap, "coverage %s of %s points (%s), below %s", jz_fixed_trim(res->applicable, 4, a, sizeof a),
                     jz_fixed_trim(all, 4, b, sizeof b), pct(fp_div(res->applicable, all), c), pct(w->below, (char[40]){0}));
        return hit;
    }
    case JZ_V_ALL:
    case JZ_V_ANY: {
        bool all = w->when == JZ_V_ALL;
        size_t n = 0;
        hit = all;
        for (size_t i = 0; i < w->nsub; i++) {
            char one[360];
            bool h1 = veto_hit(s, p, h, &w->sub[i], one, sizeof one);
            if (all && !h1) {
                buf[0] = '\0';
                return false;
            }
            if (h1) {
                size_t k = strlen(buf);
                snprintf(buf + k, cap - k, "%s%s", n++ ? (all ? " and " : " or ") : "", one);
                hit = true;
            }
        }
        return hit;
    }
    }
    return false;
}

/* What a finding of priced code pr takes (pts, already within the code's cap) within its
 * section's deduction cap: what is left of the cap, counted in by_sec (one per section of
 * res->sec). A code of no section, or of a section without a cap, takes pts. */
static int64_t section_deduction(const jz_centre_result *res, int64_t *by_sec, const struct jz_price *pr, int64_t pts)
{
    if (!pr->section)
        return pts;
    for (size_t i = 1; i < res->nsec; i++) {
        const jz_section *sec = res->sec[i].sec;
        if (strcmp(sec->id, pr->section) != 0)
            continue;
        if (sec->deduction_cap >= 0 && by_sec[i] + pts > sec->deduction_cap)
            pts = sec->deduction_cap > by_sec[i] ? sec->deduction_cap - by_sec[i] : 0;
        by_sec[i] += pts;
        return pts;
    }
    return pts;
}

static void deductions_and_vetoes(jz_scorer *s, per_contract *p, const jz_hours_result *h)
{
    const char *forced = NULL;
    const jz_rubric *rb = s->in.rubric;
    jz_centre_result *res = &p->result;
    char msg[400], a[32], b[32];
    int64_t sum = 0;
    int64_t *by_code = jz_xcalloc(rb->nprices ? rb->nprices : 1, sizeof *by_code);  /* taken per priced code */
    int64_t *by_sec = jz_xcalloc(res->nsec ? res->nsec : 1, sizeof *by_sec);  /* taken per section (sec order) */
    for (size_t i = 0; i < p->nfindings; i++) {
        const finding *f = &p->findings[i];
        bool veto = false;
        for (size_t v = 0; v < rb->nvetoes; v++)
            veto |= rb->vetoes[v].when == JZ_V_FINDING && strcmp(rb->vetoes[v].code, f->code) == 0;
        if (veto || rb->deduction_cap < 0)
            continue;
        /* the rubric's price for the code, when it has one (the findings file's points
         * are then not used), within the code's cap */
        size_t k = 0;
        while (k < rb->nprices && strcmp(rb->prices[k].code, f->code) != 0)
            k++;
        int64_t pts = f->points;
        if (k < rb->nprices) {
            const struct jz_price *pr = &rb->prices[k];
            pts = pr->points;
            if (pr->cap >= 0 && by_code[k] + pts > pr->cap)
                pts = pr->cap > by_code[k] ? pr->cap - by_code[k] : 0;
            int64_t within_code = pts;
            by_code[k] += pts;
            snprintf(msg, sizeof msg, "finding %s (%s:%ld): %s; priced %s by the rubric%s%s", f->code, f->file,
                     f->line, f->description, jz_fp_format(pr->points, 2, a, sizeof a), pts < pr->points ? ", within the code's cap of " : "",
                     pts < pr->points ? jz_fp_format(pr->cap, 2, b, sizeof b) : "");
            pts = section_deduction(res, by_sec, pr, pts);
            if (pts < within_code) {
                size_t m = strlen(msg);
                const jz_section *sec = jz_rubric_find_section(rb, pr->section);
                snprintf(msg + m, sizeof msg - m, ", within section %s's deduction cap of %s", pr->section,
                         jz_fp_format(sec->deduction_cap, 2, a, sizeof a));
            }
        } else {
            snprintf(msg, sizeof msg, "finding %s (%s:%ld): %s", f->code, f->file, f->line, f->description);
        }
        sum += pts;
        apply(res, "deduction", f->code, f->code, pts, msg);
    }
    free(by_code);
    free(by_sec);
    res->deductions = rb->deduction_cap >= 0 && sum > rb->deduction_cap ? rb->deduction_cap : sum;
    if (res->deductions < sum) {
        snprintf(msg, sizeof msg, "deductions of %s points capped at %s", jz_fp_format(sum, 2, a, sizeof a),
                 jz_fp_format(rb->deduction_cap, 2, b, sizeof b));
        apply(res, "deduction-cap", "cap", "deductions.cap", rb->deduction_cap, msg);
        fact_cap(res, "deduction-cap", "cap", rb->deduction_cap, sum);
    }
    /* One rounding, of the exact total: (earned x scale / applicable) - deductions when
     * re-weighted, earned - deductions otherwise (re-weighting rounded to 4 decimals first
     * could move a total across a grade's edge). */
    int64_t unit = 1;
    for (int d = rb->total_decimals; d < 4; d++)
        unit *= 10;
    if (rb->na_reweight && res->applicable > 0 && res->applicable < all_points(res)) {
        res->total = div_round((__int128)res->earned * rb->scale - (__int128)res->deductions * res->applicable,
                               (__int128)res->applicable * unit) * unit;
        fact_total(res, (__int128)res->earned * rb->scale - (__int128)res->deductions * res->applicable,
                   (__int128)res->applicable * JZ_FP);
    } else {
        res->total = div_round((__int128)res->earned - res->deductions, unit) * unit;
        fact_total(res, (__int128)res->earned - res->deductions, JZ_FP);
    }
    if (res->total < 0)
        res->total = 0;
    const jz_grade *g = jz_rubric_grade(rb, res->total);
    if (coverage_reached(rb, res))
        res->grade = g ? g->name : NULL;
    for (size_t v = 0; v < rb->nvetoes; v++) {
        const jz_veto *w = &rb->vetoes[v];
        char why[360];
        bool hit = veto_hit(s, p, h, w, why, sizeof why);
        if (hit)
            snprintf(msg, sizeof msg, "%s: %s", w->title, why);
        if (!hit)
            continue;
        if (w->cap_total >= 0)
            fact_cap(res, "veto", w->id, w->cap_total, res->total);
        if (w->grade) {
            jz_grade_fact *gf = fact_grade(res, "veto", w->id, w->grade);
            veto_rows(s, p, w, gf->rows, sizeof gf->rows);
        }
        if (w->cap_total >= 0 && res->total > w->cap_total) {
            res->total = w->cap_total;
            const jz_grade *cg = jz_rubric_grade(rb, res->total);
            if (res->grade)
                res->grade = cg ? cg->name : NULL;
        }
        if (w->grade)
            forced = lower_grade(rb, forced, w->grade);
        apply(res, "veto", w->id, w->title, w->cap_total >= 0 ? w->cap_total : JZ_NONE, msg);
    }
    /* Forced grades apply after every cap, whatever the order of the vetoes in the rubric:
     * the lowest of them and of the total's grade stands (a veto never raises a grade; it
     * applies even when coverage gave no grade). */
    res->facts.grade_of_total = res->grade;
    if (forced)
        res->grade = lower_grade(rb, res->grade, forced);
    /* Section minimums: a section below its share makes the grade at most its grade
     * (never raises one), decided on the exact fraction. */
    for (size_t i = 1; i < res->nsec; i++) {
        const jz_sec_result *sr = &res->sec[i];
        const jz_section *sec = sr->sec;
        if (sec->min_share < 0 || sr->possible <= 0 || reaches(sr->earned, sr->possible, sec->min_share, false))
            continue;
        snprintf(msg, sizeof msg, "section %s earned %s of %s applicable points (%s), below its minimum of %s: "
                 "the grade is at most %s", sec->id, jz_fp_format(sr->earned, 2, a, sizeof a), jz_fp_format(sr->possible, 2, b, sizeof b),
                 pct(fp_div(sr->earned, sr->possible), (char[40]){0}), pct(sec->min_share, (char[40]){0}),
                 sec->min_grade);
        apply(res, "section-minimum", sec->id, sec->title, JZ_NONE, msg);
        snprintf(fact_grade(res, "section-minimum", sec->id, sec->min_grade)->rows, sizeof res->facts.grades[0].rows,
                 "section %s", sec->id);
        if (res->grade)
            res->grade = lower_grade(rb, res->grade, sec->min_grade);
    }
    facts_decided(rb, res);
}

void jz_scorer_exclude(jz_scorer *s, size_t ci, const char *why)
{
    free(s->pc[ci].excluded);
    s->pc[ci].excluded = jz_xstrdup(why);
}

jz_code jz_scorer_result(jz_scorer *s, size_t ci, const jz_centre_result **out, jz_error *err)
{
    per_contract *p = &s->pc[ci];
    jz_centre_result *res = &p->result;
    if (p->done) {
        *out = res;
        return JZ_OK;
    }
    jz_code code = jz_hours_evaluate(s->hours, ci, s->in.roster, s->in.cal, s->in.as_of, false, &p->hours, err);
    if (code)
        return code;
    const jz_rubric *rb = s->in.rubric;
    res->contract = &s->in.contracts->v[ci];
    res->as_of = p->hours.as_of;
    res->as_of_reason = p->hours.as_of_reason;
    res->records = p->hours.rows;
    res->hours = &p->hours;
    res->nind = s->nind;
    res->ind = jz_xcalloc(s->nind ? s->nind : 1, sizeof *res->ind);
    p->xn = jz_xcalloc(s->nind ? s->nind : 1, sizeof *p->xn);
    p->xd = jz_xcalloc(s->nind ? s->nind : 1, sizeof *p->xd);
    int64_t all = 0;
    for (size_t i = 0; i < s->nind; i++) {
        score_indicator(s, i, p, &p->hours, &res->ind[i]);
        all += res->ind[i].possible;
        if (res->ind[i].status != JZ_IS_NA) {
            res->earned += res->ind[i].earned;
            res->applicable += res->ind[i].possible;
        }
    }
    res->nsec = count_sections(&rb->root);
    res->sec = jz_xcalloc(res->nsec, sizeof *res->sec);
    size_t next = 0;
    section_sums(&rb->root, res, &next);
    res->earned = res->sec[0].earned;  /* the indicators' sum, after any section cap */
    res->coverage = all ? fp_div(res->applicable, all) : 0;
    if (rb->na_reweight && res->applicable > 0 && res->applicable < all)
        res->reweighted = (int64_t)(((__int128)res->earned * rb->scale * 2 + res->applicable) / (2 * (__int128)res->applicable));
    else
        res->reweighted = res->earned;
    if (!res->records || p->excluded) {
        res->scored = false;
        res->total = JZ_NONE;
        if (p->excluded)
            snprintf(res->grade_note, sizeof res->grade_note, "%s", p->excluded);
        else
            snprintf(res->grade_note, sizeof res->grade_note, "no records of centre %s were in this run",
                     res->contract->centre);
        p->done = true;
        *out = res;
        return JZ_OK;
    }
    res->scored = true;
    fact_reweight(rb, res, all);
    if (!coverage_reached(rb, res)) {
        char a[40], b[40], c[40], d[40];
        /* exact figures: 66.665 of 100 points is below 66.67 %, though both print as 66.7 % */
        snprintf(res->grade_note, sizeof res->grade_note, "only %s of the rubric's %s points could be scored (%s %%), "
                 "below the minimum coverage of %s %%", jz_fixed_trim(res->applicable, 4, a, sizeof a), jz_fixed_trim(all, 4, b, sizeof b),
                 jz_fixed_trim(div_round((__int128)res->applicable * 100 * JZ_FP, all ? all : 1), 4, c, sizeof c),
                 jz_fixed_trim(rb->min_coverage * 100, 4, d, sizeof d));
    }
    deductions_and_vetoes(s, p, &p->hours);
    p->done = true;
    *out = res;
    return JZ_OK;
}

bool jz_grade_at_least(const jz_rubric *r, const char *grade, const char *floor)
{
    if (!grade)
        return false;
    for (size_t i = 0; i < r->ngrades; i++) {
        if (strcmp(r->grades[i].name, grade) == 0)
            return true;   /* reached the grade before (or at) the floor */
        if (strcmp(r->grades[i].name, floor) == 0)
            return false;
    }
    return false;
}
