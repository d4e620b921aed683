/* rubric.c — see include/jz/rubric.h */
#include "jz/rubric.h"
#include "jz/i18n.h"
#include "jz/fp.h"
#include "jz/sha256.h"
#include "jz/text.h"
#include "jz/yaml.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const party_names[] = {"third_party", "buyer", "supervisor", "finance", "community", "none", NULL};

const char *jz_party_name(jz_party p)
{
    return party_names[p];
}

/* ---- parsing helpers ---- */

typedef struct lctx {
    const jz_ydoc *d;
    jz_error *err;
    jz_rubric *r;
    const char *file;    /* owned by r->files */
} lctx;

/* Every decimal of a rubric (points, grade minimums, deduction caps, targets, tolerances,
 * clamps) is within +-1,000,000,000 (jiazong-rubric(5), NUMBERS): 15-16 digit points
 * wrapped around in the fixed point and in the sums and products scoring forms. */
#define MAX_DECIMAL (INT64_C(1000000000) * JZ_FP)

static bool fp(lctx *c, const jz_ynode *n, const char *what, int64_t *out)
{
    return jz_y_fixed(c->d, n, what, 4, out, c->err) &&
           jz_y_range(c->d, n, what, *out, -MAX_DECIMAL, MAX_DECIMAL, 4, NULL, c->err);
}

/* A whole number of a rubric (min_rows, min_sessions, min_attendances, a range's min and
 * max, a fraction's parts): from 0 to 1,000,000,000. */
static bool whole(lctx *c, const jz_ynode *n, const char *what, int64_t *out)
{
    return jz_y_int(c->d, n, what, out, c->err) &&
           jz_y_range(c->d, n, what, *out, 0, INT64_C(1000000000), 0, NULL, c->err);
}

/* A number in the measure's unit, or a percentage ("80%": a ratio, FP 0.8). *pct says which. */
static bool fp_or_percent(lctx *c, const jz_ynode *n, const char *what, int64_t *out, bool *pct)
{
    const char *s;
    if (!jz_y_string(c->d, n, what, &s, c->err))
        return false;
    *pct = strchr(s, '%') != NULL;
    return *pct ? jz_y_percent(c->d, n, what, out, c->err) : fp(c, n, what, out);
}

/* A fraction "2/3", "1", "0", "0.5" -> num/den. */
static bool fraction(lctx *c, const jz_ynode *n, const char *what, int64_t *num, int64_t *den)
{
    const char *s;
    if (!jz_y_string(c->d, n, what, &s, c->err))
        return false;
    const char *slash = strchr(s, '/');
    if (slash) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%.*s", (int)(slash - s), s);
        snprintf(b, sizeof b, "%s", slash + 1);
        jz_ynode na = *n, nb = *n;
        na.value = a;
        nb.value = b;
        if (!whole(c, &na, what, num) || !whole(c, &nb, what, den))
            return false;
        if (*den <= 0 || *num < 0 || *num > *den)
            return jz_y_fail(c->d, n, c->err, "%s '%s' must be a fraction between 0 and 1, e.g. 2/3", what, s);
        return true;
    }
    if (!fp(c, n, what, num))
        return false;
    *den = JZ_FP;
    if (*num < 0 || *num > JZ_FP)
        return jz_y_fail(c->d, n, c->err, "%s '%s' must be between 0 and 1", what, s);
    return true;
}

static char *dupstr(const jz_ynode *n)
{
    return jz_xstrdup(n && n->kind == JZ_Y_SCALAR ? n->value : "");
}

/* ---- where ---- */

static const jz_enumdef *const where_enums[4] = {&jz_enum_kind, &jz_enum_mode, &jz_enum_place, &jz_enum_target};
static const char *const where_enum_keys[4] = {"kind", "mode", "place", "target"};
static const char *const where_text_keys[4] = {"staff", "client", "activity", "centre"};

static bool enum_mask(lctx *c, const jz_ynode *n, const jz_enumdef *e, const char *what, unsigned *mask)
{
    const jz_ynode *one[1] = {n};
    const jz_ynode *const *items = n->kind == JZ_Y_SEQ ? (const jz_ynode *const *)n->items : one;
    size_t count = n->kind == JZ_Y_SEQ ? n->n : 1;
    const char *choices[16];
    for (size_t i = 0; i < e->n; i++)
        choices[i] = e->en[i];
    choices[e->n] = NULL;
    for (size_t i = 0; i < count; i++) {
        int k;
        if (!jz_y_choice(c->d, items[i], what, choices, &k, c->err))
            return false;
        *mask |= 1u << k;
    }
    return true;
}

static bool range(lctx *c, const jz_ynode *n, const char *what, bool minutes, int64_t *lo, int64_t *hi)
{
    static const char *const keys[] = {"min", "max", NULL};
    if (!jz_y_expect_map(c->d, n, what, keys, c->err))
        return false;
    const jz_ynode *a = jz_y_get(n, "min"), *b = jz_y_get(n, "max");
    if (a && !(minutes ? jz_y_minutes(c->d, a, what, lo, c->err) : whole(c, a, what, lo)))
        return false;
    if (b && !(minutes ? jz_y_minutes(c->d, b, what, hi, c->err) : whole(c, b, what, hi)))
        return false;
    return true;
}

static bool date_of(lctx *c, const jz_ynode *n, const char *what, jz_day *out)
{
    const char *s;
    if (!jz_y_string(c->d, n, what, &s, c->err))
        return false;
    if (!jz_date_parse(s, strlen(s), out))
        return jz_y_fail(c->d, n, c->err, "%s '%s' is not a date (write 2024-06-30)", what, s);
    return true;
}

static const char *const weekday_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
static const char *const day_names[] = {"working", "weekend", "holiday", NULL};

/* A list of choices (or one) -> a bit mask. */
static bool choice_mask(lctx *c, const jz_ynode *n, const char *what, const char *const *choices, unsigned *mask)
{
    const jz_ynode *one[1] = {n};
    const jz_ynode *const *items = n->kind == JZ_Y_SEQ ? (const jz_ynode *const *)n->items : one;
    size_t count = n->kind == JZ_Y_SEQ ? n->n : 1;
    for (size_t i = 0; i < count; i++) {
        int k;
        if (!jz_y_choice(c->d, items[i], what, choices, &k, c->err))
            return false;
        *mask |= 1u << k;
    }
    return true;
}

static bool time_of(lctx *c, const jz_ynode *n, const char *what, int64_t *out)
{
    const char *s;
    int m;
    if (!jz_y_string(c->d, n, what, &s, c->err))
        return false;
    if (!jz_time_parse(s, strlen(s), &m))
        return jz_y_fail(c->d, n, c->err, "%s '%s' is not a time of day (write 24-hour hh:mm, e.g. 18:00)", what, s);
    *out = m;
    return true;
}

/* {in: [a, b]} is the same as [a, b] (a list matches any of its values). An empty list
 * is refused: it would match no record, and an enumeration's empty mask reads as "any". */
static const jz_ynode *in_list(lctx *c, const char *key, const jz_ynode *v)
{
    static const char *const keys[] = {"in", NULL};
    if (v && v->kind == JZ_Y_MAP) {
        if (!jz_y_expect_map(c->d, v, _("a list"), keys, c->err))
            return NULL;
        v = jz_y_need(c->d, v, _("a list"), "in", c->err);
    }
    if (v && v->kind == JZ_Y_SEQ && v->n == 0)
        return jz_y_fail(c->d, v, c->err, "%s: an empty list matches no record: give at least one value, or "
                         "leave %s out to take every record", key, key), NULL;
    return v;
}

static void free_where(jz_where *w);

static bool parse_where_depth(lctx *c, const jz_ynode *n, jz_where *w, int depth);

static bool parse_where(lctx *c, const jz_ynode *n, jz_where *w)
{
    return parse_where_depth(c, n, w, 0);
}

static bool parse_where_depth(lctx *c, const jz_ynode *n, jz_where *w, int depth)
{
    static const char *const keys[] = {"kind", "mode", "place", "target", "staff", "client", "activity",
                                       "centre", "date", "hours", "participants", "weekday", "day", "time",
                                       "qualification", "counted", "not", NULL};
    memset(w, 0, sizeof *w);
    w->date_from = w->date_to = JZ_NO_DAY;
    w->hours_min = w->hours_max = w->participants_min = w->participants_max = -1;
    w->time_from = w->time_to = -1;
    w->counted = -1;
    w->any = true;
    if (!n)
        return true;
    if (!jz_y_expect_map(c->d, n, "where", keys, c->err))
        return false;
    w->any = n->n == 0;
    w->enums_only = true;
    for (size_t i = 0; i < n->n; i++) {
        bool e = false;
        for (int k = 0; k < 4; k++)
            e |= strcmp(n->keys[i]->value, where_enum_keys[k]) == 0;
        w->enums_only &= e;
    }
    const jz_ynode *x;
    if ((x = jz_y_get(n, "weekday")) && (!(x = in_list(c, "weekday", x)) || !choice_mask(c, x, "weekday", weekday_names, &w->weekdays)))
        return false;
    if ((x = jz_y_get(n, "day")) && (!(x = in_list(c, "day", x)) || !choice_mask(c, x, "day", day_names, &w->days)))
        return false;
    if ((x = jz_y_get(n, "time"))) {
        static const char *const tkeys[] = {"from", "to", NULL};
        if (!jz_y_expect_map(c->d, x, "time", tkeys, c->err) ||
            (jz_y_get(x, "from") && !time_of(c, jz_y_get(x, "from"), "from", &w->time_from)) ||
            (jz_y_get(x, "to") && !time_of(c, jz_y_get(x, "to"), "to", &w->time_to)))
            return false;
        if (w->time_from >= 0 && w->time_to >= 0 && w->time_to <= w->time_from)
            return jz_y_fail(c->d, x, c->err, "time: to must be after from (a record starts at or after from and "
                             "before to)");
    }
    if ((x = jz_y_get(n, "qualification"))) {
        const char *choices[16];
        for (size_t i = 0; i < jz_enum_qual.n; i++)
            choices[i] = jz_enum_qual.en[i];
        choices[jz_enum_qual.n] = NULL;
        if (!(x = in_list(c, "qualification", x)) || !choice_mask(c, x, "qualification", choices, &w->quals))
            return false;
    }
    if ((x = jz_y_get(n, "counted"))) {
        bool on;
        if (!jz_y_bool(c->d, x, "counted", &on, c->err))
            return false;
        w->counted = on;
    }
    if ((x = jz_y_get(n, "not"))) {
        if (depth >= 4)
            return jz_y_fail(c->d, x, c->err, "not nests at most 4 levels deep");
        if (x->kind != JZ_Y_MAP || x->n == 0)
            return jz_y_fail(c->d, x, c->err, "not is a where map of the records to leave out, e.g. {place: online}");
        w->not_ = jz_xcalloc(1, sizeof *w->not_);
        if (!parse_where_depth(c, x, w->not_, depth + 1))
            return false;
    }
    for (int i = 0; i < 4; i++) {
        const jz_ynode *v = jz_y_get(n, where_enum_keys[i]);
        if (v && !(v = in_list(c, where_enum_keys[i], v)))
            return false;
        if (v && !enum_mask(c, v, where_enums[i], where_enum_keys[i], &w->enums[i]))
            return false;
        v = jz_y_get(n, where_text_keys[i]);
        if (!v)
            continue;
        if (!(v = in_list(c, where_text_keys[i], v)))
            return false;
        size_t cnt = v->kind == JZ_Y_SEQ ? v->n : 1;
        w->text_vals[i] = jz_xcalloc(cnt, sizeof *w->text_vals[i]);
        w->ntext[i] = cnt;
        for (size_t k = 0; k < cnt; k++) {
            const jz_ynode *it = v->kind == JZ_Y_SEQ ? v->items[k] : v;
            const char *s;
            if (!jz_y_string(c->d, it, where_text_keys[i], &s, c->err))
                return false;
            w->text_vals[i][k] = jz_xstrdup(s);
        }
    }
    const jz_ynode *dt = jz_y_get(n, "date");
    if (dt) {
        static const char *const dkeys[] = {"from", "to", NULL};
        if (!jz_y_expect_map(c->d, dt, "date", dkeys, c->err))
            return false;
        if (jz_y_get(dt, "from") && !date_of(c, jz_y_get(dt, "from"), "from", &w->date_from))
            return false;
        if (jz_y_get(dt, "to") && !date_of(c, jz_y_get(dt, "to"), "to", &w->date_to))
            return false;
    }
    const jz_ynode *h = jz_y_get(n, "hours");
    if (h && !range(c, h, "hours", true, &w->hours_min, &w->hours_max))
        return false;
    const jz_ynode *p = jz_y_get(n, "participants");
    if (p && !range(c, p, "participants", false, &w->participants_min, &w->participants_max))
        return false;
    return true;
}

static void free_where(jz_where *w)
{
    if (w->not_) {
        free_where(w->not_);
        free(w->not_);
    }
    for (int i = 0; i < 4; i++) {
        for (size_t k = 0; k < w->ntext[i]; k++)
            free(w->text_vals[i][k]);
        free(w->text_vals[i]);
    }
}

/* ---- measures ---- */

static const char *const hours_checks[] = {"service_hours", "direct_hours", "training_hours",
                                            "supervision_hours", "outreach_share", NULL};
static const char *const sum_names[] = {"hours", "participants", "volunteers", "volunteer_hours", NULL};
static const char *const key_names[] = {"client", "activity", "staff", NULL};
static const char *const agg_names[] = {"mean", "median", "trimmed_mean", NULL};

static bool parse_measure(lctx *c, const jz_ynode *n, jz_measure *m);

static bool parse_having(lctx *c, const jz_ynode *n, jz_measure *m)
{
    static const char *const keys[] = {"per", "min_rows", "min_sessions", "min_attendances", NULL};
    if (!n)
        return true;
    if (!jz_y_expect_map(c->d, n, "having", keys, c->err))
        return false;
    const jz_ynode *v = jz_y_get(n, "per");
    if (m->kind == JZ_M_DISTINCT && v)
        return jz_y_fail(c->d, v, c->err, "a count_distinct's having is per its own key: leave per out");
    if (m->kind != JZ_M_DISTINCT) {  /* count or sum: the rows of the keys whose history reaches it */
        int k;
        if (!v)
            return jz_y_fail(c->d, n, c->err, "having on a %s needs per: client, activity or staff (whose "
                             "records must reach it)", m->kind == JZ_M_COUNT ? "count" : "sum");
        if (!jz_y_choice(c->d, v, "per", key_names, &k, c->err))
            return false;
        m->key = (jz_keyfield)k;
        m->per_key = true;
    }
    if ((v = jz_y_get(n, "min_rows")) && !whole(c, v, "min_rows", &m->min_rows))
        return false;
    if ((v = jz_y_get(n, "min_sessions")) && !whole(c, v, "min_sessions", &m->min_sessions))
        return false;
    if ((v = jz_y_get(n, "min_attendances")) && !whole(c, v, "min_attendances", &m->min_attendances))
        return false;
    return true;
}

/* ---- the measure kinds: one row each (jz_measure_kinds), one parser each ---- */

/* Each parser reads the keys of its kind from the measure map n, whose kind key is v. */
static bool parse_count(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    static const char *const what[] = {"records", NULL};
    int k;
    return jz_y_choice(c->d, v, "count", what, &k, c->err) && parse_having(c, jz_y_get(n, "having"), m);
}

static bool parse_sum(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    int k;
    if (!jz_y_choice(c->d, v, "sum", sum_names, &k, c->err))
        return false;
    m->sum = (jz_sumfield)k;
    return parse_having(c, jz_y_get(n, "having"), m);
}

static bool parse_distinct(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    int k;
    if (!jz_y_choice(c->d, v, "count_distinct", key_names, &k, c->err))
        return false;
    m->key = (jz_keyfield)k;
    const jz_ynode *drop = jz_y_get(n, "key_drop_after");
    const char *s;
    if (drop && !jz_y_string(c->d, drop, "key_drop_after", &s, c->err))
        return false;
    m->key_drop_after = drop ? jz_xstrdup(s) : NULL;
    return parse_having(c, jz_y_get(n, "having"), m);
}

static bool parse_share(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    const jz_ynode *of = jz_y_get(n, "of");
    if (of && jz_y_get(n, "where"))
        return jz_y_fail(c->d, jz_y_get(n, "where"), c->err, "a share takes its whole from of:, not where:");
    if (!parse_where(c, v, &m->part))
        return false;
    if (of) {  /* share: {part where}, of: {whole where} */
        free_where(&m->where);
        if (!parse_where(c, of, &m->where))
            return false;
    }
    m->sum = JZ_SUM_HOURS;
    return true;
}

static bool parse_ratio(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    (void)v;  /* the value of ratio: is not read */
    m->num = jz_xcalloc(1, sizeof *m->num);
    m->den = jz_xcalloc(1, sizeof *m->den);
    return parse_measure(c, jz_y_need(c->d, n, "ratio", "num", c->err), m->num) &&
           parse_measure(c, jz_y_need(c->d, n, "ratio", "den", c->err), m->den);
}

static bool parse_hours(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    int k;
    (void)n;
    if (!jz_y_choice(c->d, v, "hours_check", hours_checks, &k, c->err))
        return false;
    m->hours_check = jz_xstrdup(hours_checks[k]);
    return true;
}

static bool parse_entered(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    int k;
    (void)v;
    m->agg = JZ_AGG_MEAN;
    const jz_ynode *a = jz_y_get(n, "aggregate"), *t = jz_y_get(n, "tolerance");
    if (a && !jz_y_choice(c->d, a, "aggregate", agg_names, &k, c->err))
        return false;
    if (a)
        m->agg = (jz_agg)k;
    m->tolerance = -1;
    if (t && !fp(c, t, "tolerance", &m->tolerance))
        return false;
    if (t && m->tolerance < 0)
        return jz_y_fail(c->d, t, c->err, "tolerance must not be negative");
    const jz_ynode *o = jz_y_get(n, "outliers"), *me = jz_y_get(n, "min_evaluators");
    if (o) {  /* drop scores more than the tolerance from the median */
        static const char *const what[] = {"keep", "drop", NULL};
        if (!jz_y_choice(c->d, o, "outliers", what, &k, c->err))
            return false;
        m->drop_outliers = k == 1;
        if (m->drop_outliers && !t)
            return jz_y_fail(c->d, o, c->err, "outliers: drop needs a tolerance (the most a score may be from "
                             "the median and still count)");
    }
    if (me && !whole(c, me, "min_evaluators", &m->min_evaluators))
        return false;
    return true;
}

static bool parse_survey(lctx *c, const jz_ynode *n, const jz_ynode *v, jz_measure *m)
{
    (void)v;
    const jz_ynode *g = jz_y_get(n, "groups"), *mr = jz_y_get(n, "min_respondents");
    if (mr && !jz_y_int(c->d, mr, "min_respondents", &m->min_respondents, c->err))
        return false;
    if (g) {  /* respondent group -> weight, the weights adding up to 100 % */
        if (g->kind != JZ_Y_MAP || g->n == 0)
            return jz_y_fail(c->d, g, c->err, "groups is a map of respondent group -> weight, e.g. "
                                              "{服务对象: 50%%, 社区居委: 30%%, 街道: 20%%}");
        m->group_names = jz_xcalloc(g->n, sizeof *m->group_names);
        m->group_weights = jz_xcalloc(g->n, sizeof *m->group_weights);
        int64_t total = 0;
        for (size_t i = 0; i < g->n; i++, m->ngroups++) {
            m->group_names[i] = jz_xstrdup(g->keys[i]->value);
            if (!jz_y_percent(c->d, g->items[i], "weight", &m->group_weights[i], c->err))
                return m->ngroups++, false;
            total += m->group_weights[i];
        }
        if (total != JZ_FP)
            return jz_y_fail(c->d, g, c->err, "the groups' weights add up to %lld.%02lld %%, not 100 %%",
                             (long long)(total / 100), (long long)(total % 100));
    }
    const jz_ynode *q = jz_y_get(n, "questions");
    if (!q)
        return true;  /* every question */
    if (q->kind != JZ_Y_SEQ)
        return jz_y_fail(c->d, q, c->err, "questions must be a list of question ids");
    m->questions = jz_xcalloc(q->n ? q->n : 1, sizeof *m->questions);
    m->nquestions = q->n;
    for (size_t i = 0; i < q->n; i++)
        m->questions[i] = dupstr(q->items[i]);
    return true;
}

/* The table every layer reads: the loader (the key and its parser), the checker and the
 * writers (key, article, flags, what the ratio stands for, its words), the engine (flags,
 * unit), jz-score diff (inputs). In the order of jz_mkind; a new kind is a row here, its
 * parser, its words and unit (measure.c), and in the engine how it is accumulated and
 * valued (score.c). Sized by its rows: a row missing conflicts with rubric.h's
 * [JZ_M_N] and fails the build. */
enum {
    ON_RECORDS = JZ_MKIN_RECORDS | JZ_MKIN_AS_OF,
    ON_HOURS = JZ_MKIN_RECORDS | JZ_MKIN_ROSTER | JZ_MKIN_CONTRACTS | JZ_MKIN_AS_OF | JZ_MKIN_RULES | JZ_MKIN_CALENDAR
};
const jz_mkind_def jz_measure_kinds[] = {
    {"count", JZ_M_COUNT, "a count", JZ_MK_RECORDS | JZ_MK_VERIFIABLE, "the value", parse_count,
     jz_unit_count, jz_words_count, ON_RECORDS},
    {"sum", JZ_M_SUM, "a sum", JZ_MK_RECORDS | JZ_MK_VERIFIABLE, "the value", parse_sum,
     jz_unit_sum, jz_words_sum, ON_RECORDS},
    {"count_distinct", JZ_M_DISTINCT, "a count_distinct", JZ_MK_RECORDS | JZ_MK_VERIFIABLE, "the value", parse_distinct,
     jz_unit_distinct, jz_words_distinct, ON_RECORDS},
    {"share", JZ_M_SHARE, "a share", JZ_MK_RECORDS | JZ_MK_FRACTION, "the value", parse_share,
     jz_unit_fraction, jz_words_share, ON_RECORDS},
    {"ratio", JZ_M_RATIO, "a ratio", JZ_MK_FRACTION, "the value", parse_ratio,
     jz_unit_fraction, jz_words_ratio, ON_RECORDS},
    {"hours_check", JZ_M_HOURS, "an hours_check", JZ_MK_FRACTION, "delivered ÷ required", parse_hours,
     jz_unit_fraction, jz_words_hours, ON_HOURS},
    {"entered", JZ_M_ENTERED, "an entered", JZ_MK_FLAG | JZ_MK_NO_TARGET, "score ÷ points", parse_entered,
     jz_unit_points, jz_words_entered, JZ_MKIN_SCORES},
    {"survey", JZ_M_SURVEY, "a survey", JZ_MK_FLAG | JZ_MK_NO_TARGET, "mean ÷ 5", parse_survey,
     jz_unit_of_5, jz_words_survey, JZ_MKIN_SURVEY},
};

const jz_mkind_def *jz_measure_kind_named(const char *key)
{
    for (size_t i = 0; i < JZ_M_N; i++)
        if (strcmp(jz_measure_kinds[i].key, key) == 0)
            return &jz_measure_kinds[i];
    return NULL;
}

const jz_mkind_def *jz_measure_kind(jz_mkind k)
{
    return &jz_measure_kinds[k];
}

static bool parse_measure(lctx *c, const jz_ynode *n, jz_measure *m)
{
    static const char *const keys[] = {"count", "sum", "count_distinct", "key_drop_after", "having", "where",
                                       "share", "of", "ratio", "num", "den", "hours_check", "entered",
                                       "aggregate", "tolerance", "survey", "questions", "groups",
                                       "min_respondents", "outliers", "min_evaluators", NULL};
    memset(m, 0, sizeof *m);
    m->min_rows = m->min_sessions = m->min_attendances = m->min_respondents = m->min_evaluators = -1;
    if (!jz_y_expect_map(c->d, n, "measure", keys, c->err) || !parse_where(c, jz_y_get(n, "where"), &m->where))
        return false;
    const jz_mkind_def *kind = NULL;
    for (size_t i = 0; i < JZ_M_N; i++) {
        if (!jz_y_get(n, jz_measure_kinds[i].key))
            continue;
        if (kind)
            return jz_y_fail(c->d, n, c->err, "a measure is one thing: it has both %s and %s", kind->key,
                             jz_measure_kinds[i].key);
        kind = &jz_measure_kinds[i];
    }
    for (size_t i = 0; i < JZ_M_N; i++) {
        const jz_ynode *flag = jz_y_get(n, jz_measure_kinds[i].key);
        bool on;
        if (flag && (jz_measure_kinds[i].flags & JZ_MK_FLAG) &&
            (!jz_y_bool(c->d, flag, jz_measure_kinds[i].key, &on, c->err) || !on))
            return jz_y_fail(c->d, flag, c->err, "%s: true is the only value (leave the key out otherwise)",
                             jz_measure_kinds[i].key);
    }
    if (!kind) {
        char list[200];
        size_t o = 0;
        for (size_t i = 0; i < JZ_M_N; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", jz_measure_kinds[i].key);
        return jz_y_fail(c->d, n, c->err, "a measure needs one of: %s", list);
    }
    m->kind = kind->kind;
    return kind->parse(c, n, jz_y_get(n, kind->key), m);
}

static void free_measure(jz_measure *m)
{
    free_where(&m->where);
    free_where(&m->part);
    free(m->key_drop_after);
    free(m->hours_check);
    if (m->num) {
        free_measure(m->num);
        free(m->num);
    }
    if (m->den) {
        free_measure(m->den);
        free(m->den);
    }
    for (size_t i = 0; i < m->nquestions; i++)
        free(m->questions[i]);
    free(m->questions);
    for (size_t i = 0; i < m->ngroups; i++)
        free(m->group_names[i]);
    free(m->group_names);
    free(m->group_weights);
}

/* ---- targets and scoring ---- */

static bool parse_target(lctx *c, const jz_ynode *n, jz_rtarget *t)
{
    static const char *const keys[] = {"value", "contract", "prorate", NULL};
    free(t->column);
    memset(t, 0, sizeof *t);
    if (!n)
        return true;
    if (n->kind == JZ_Y_SCALAR) {
        t->kind = JZ_TARGET_CONST;
        return fp(c, n, "target", &t->value);
    }
    if (!jz_y_expect_map(c->d, n, "target", keys, c->err))
        return false;
    const jz_ynode *v = jz_y_get(n, "value"), *col = jz_y_get(n, "contract"), *pr = jz_y_get(n, "prorate");
    if (pr && !jz_y_bool(c->d, pr, "prorate", &t->prorate, c->err))
        return false;
    if (v && col)
        return jz_y_fail(c->d, n, c->err, "a target is either a value or a contract column, not both");
    if (v) {
        t->kind = JZ_TARGET_CONST;
        return fp(c, v, "target value", &t->value);
    }
    const char *s;
    if (!col)
        return jz_y_fail(c->d, n, c->err, "a target needs a value or a contract column (e.g. contract: target_cases)");
    if (!jz_y_string(c->d, col, "contract", &s, c->err))
        return false;
    if (strncmp(s, "target_", 7) != 0 || !s[7])
        return jz_y_fail(c->d, col, c->err, "contract column '%s' must be a target_<name> column", s);
    t->kind = JZ_TARGET_CONTRACT;
    t->column = jz_xstrdup(s + 7);
    return true;
}

static const char *const method_names[] = {"proportional", "bands", "efficacy", "threshold", "direct", "piecewise",
                                           NULL};

/* Piecewise-linear breakpoints [[x, f], ...]: x a percentage of the ratio, strictly
 * rising; f a fraction of the points (0..1) at x. */
static bool parse_breakpoints(lctx *c, const jz_ynode *n, jz_scoring *s)
{
    if (!n || n->kind != JZ_Y_SEQ || n->n < 2)
        return jz_y_fail(c->d, n, c->err, "points must be a list of at least two [x, f] breakpoints, e.g. "
                                          "[[60%%, 0], [100%%, 1]]");
    s->bands = jz_xcalloc(n->n, sizeof *s->bands);
    s->nbands = n->n;
    for (size_t i = 0; i < n->n; i++) {
        const jz_ynode *b = n->items[i];
        if (b->kind != JZ_Y_SEQ || b->n != 2)
            return jz_y_fail(c->d, b, c->err, "a breakpoint is [x, f], e.g. [80%%, 2/3]");
        if (!jz_y_percent(c->d, b->items[0], _("breakpoint x"), &s->bands[i].from, c->err) ||
            !fraction(c, b->items[1], "breakpoint f", &s->bands[i].num, &s->bands[i].den))
            return false;
        if (i && s->bands[i].from <= s->bands[i - 1].from)
            return jz_y_fail(c->d, b->items[0], c->err, "breakpoints must be listed with x rising");
    }
    return true;
}

static bool parse_bands(lctx *c, const jz_ynode *n, jz_scoring *s)
{
    if (!n || n->kind != JZ_Y_SEQ || n->n == 0)
        return jz_y_fail(c->d, n, c->err, "bands must be a list like [[100%%, 1], [80%%, 2/3], [60%%, 1/3]]");
    s->bands = jz_xcalloc(n->n, sizeof *s->bands);
    s->nbands = n->n;
    for (size_t i = 0; i < n->n; i++) {
        const jz_ynode *b = n->items[i];
        if (b->kind != JZ_Y_SEQ || b->n != 2)
            return jz_y_fail(c->d, b, c->err, "a band is [from, award], e.g. [80%%, 2/3]");
        if (!jz_y_percent(c->d, b->items[0], _("band from"), &s->bands[i].from, c->err) ||
            !fraction(c, b->items[1], "band award", &s->bands[i].num, &s->bands[i].den))
            return false;
        if (i && s->bands[i].from >= s->bands[i - 1].from)
            return jz_y_fail(c->d, b, c->err, "bands must be listed from the highest threshold down");
    }
    return true;
}

static bool parse_scoring(lctx *c, const jz_ynode *n, const jz_ynode *dir, jz_scoring *s)
{
    static const char *const keys[] = {"method", "bands", "below", "good", "bad", "clamp", "at", "points", NULL};
    static const char *const dirs[] = {"higher", "lower", NULL};
    free(s->bands);
    memset(s, 0, sizeof *s);
    s->below_den = 1;
    s->clamp_lo = 0;
    s->clamp_hi = 100 * JZ_FP;
    int k;
    if (dir) {
        if (!jz_y_choice(c->d, dir, "direction", dirs, &k, c->err))
            return false;
        s->lower_better = k == 1;
    }
    if (!n) {
        s->method = JZ_SC_PROPORTIONAL;
        return true;
    }
    if (n->kind == JZ_Y_SCALAR) {
        if (!jz_y_choice(c->d, n, "score", method_names, &k, c->err))
            return false;
        s->method = (jz_method)k;
        if (s->method == JZ_SC_BANDS || s->method == JZ_SC_EFFICACY || s->method == JZ_SC_PIECEWISE)
            return jz_y_fail(c->d, n, c->err, "score '%s' needs its parameters: write it as a map", n->value);
        if (s->method == JZ_SC_THRESHOLD)
            s->at = JZ_FP;
        return true;
    }
    if (!jz_y_expect_map(c->d, n, "score", keys, c->err) ||
        !jz_y_choice(c->d, jz_y_need(c->d, n, "score", "method", c->err), "method", method_names, &k, c->err))
        return false;
    s->method = (jz_method)k;
    const jz_ynode *v;
    bool p1, p2;  /* not after the case label: C11 allows no declaration there (clang refuses) */
    switch (s->method) {
    case JZ_SC_BANDS:
        if (!parse_bands(c, jz_y_get(n, "bands"), s))
            return false;
        s->below_num = 0;
        if ((v = jz_y_get(n, "below")) && !fraction(c, v, "below", &s->below_num, &s->below_den))
            return false;
        return true;
    case JZ_SC_EFFICACY:
        if (!fp_or_percent(c, jz_y_need(c->d, n, "efficacy", "good", c->err), "good", &s->good, &p1) ||
            !fp_or_percent(c, jz_y_need(c->d, n, "efficacy", "bad", c->err), "bad", &s->bad, &p2))
            return false;
        if (s->good == s->bad)
            return jz_y_fail(c->d, n, c->err, "efficacy needs good and bad to differ (both %s)",
                             jz_y_get(n, "good")->value);
        if ((v = jz_y_get(n, "clamp"))) {
            if (v->kind != JZ_Y_SEQ || v->n != 2 || !fp(c, v->items[0], "clamp", &s->clamp_lo) ||
                !fp(c, v->items[1], "clamp", &s->clamp_hi))
                return jz_y_fail(c->d, v, c->err, "clamp is [low, high] on the 100-point score, e.g. [0, 100]");
            /* An indicator earns between none and all of its points: a clamp outside
             * 0..100 would give more than the points, or fewer than none. */
            if (s->clamp_lo < 0 || s->clamp_hi > 100 * JZ_FP || s->clamp_lo > s->clamp_hi)
                return jz_y_fail(c->d, s->clamp_lo < 0 ? v->items[0] : v->items[1], c->err,
                                 "clamp [%s, %s] leaves 0..100: an indicator earns from none to all of its "
                                 "points; write low and high within [0, 100], low <= high",
                                 v->items[0]->value, v->items[1]->value);
        }
        return true;
    case JZ_SC_PIECEWISE:
        return parse_breakpoints(c, jz_y_get(n, "points"), s);
    case JZ_SC_THRESHOLD: {
        bool pct = true;
        s->at = JZ_FP;
        if ((v = jz_y_get(n, "at")) && !fp_or_percent(c, v, "at", &s->at, &pct))
            return false;
        s->at_value = !pct;
        return true;
    }
    default:
        return true;
    }
}

/* ---- indicators and sections ---- */

static const char *const ind_keys[] = {"id", "title", "points", "party", "measure", "target", "score",
                                       "direction", "verified", NULL};

static bool parse_party(lctx *c, const jz_ynode *n, jz_party inherit, jz_party *out)
{
    int k;
    *out = inherit;
    if (!n)
        return true;
    if (!jz_y_choice(c->d, n, "party", party_names, &k, c->err))
        return false;
    *out = (jz_party)k;
    return true;
}

/* Apply the keys present in n onto ind (all keys for a new indicator). */
static bool indicator_keys(lctx *c, const jz_ynode *n, jz_indicator *ind, jz_party inherit, bool fresh)
{
    const jz_ynode *v;
    if ((v = jz_y_get(n, "title"))) {
        free(ind->title);
        ind->title = dupstr(v);
    }
    if ((v = jz_y_get(n, "points")) && !fp(c, v, "points", &ind->points))
        return false;
    if (v && ind->points < 0)
        return jz_y_fail(c->d, v, c->err, "points must not be negative");
    if (fresh && !v)
        return jz_y_fail(c->d, n, c->err, "indicator %s needs points", ind->id);
    if ((fresh || jz_y_get(n, "party")) && !parse_party(c, jz_y_get(n, "party"), inherit, &ind->party))
        return false;
    if ((v = jz_y_get(n, "measure"))) {
        if (!fresh)
            free_measure(&ind->m);
        if (!parse_measure(c, v, &ind->m))
            return false;
    } else if (fresh) {
        return jz_y_fail(c->d, n, c->err, "indicator %s needs a measure", ind->id);
    }
    if ((fresh || jz_y_get(n, "target")) && !parse_target(c, jz_y_get(n, "target"), &ind->target))
        return false;
    if (fresh || jz_y_get(n, "score")) {
        bool lower = ind->score.lower_better;
        if (!parse_scoring(c, jz_y_get(n, "score"), jz_y_get(n, "direction"), &ind->score))
            return false;
        if (!fresh && !jz_y_get(n, "direction"))
            ind->score.lower_better = lower;  /* an override of the method keeps the direction */
    } else if (jz_y_get(n, "direction")) {
        static const char *const dirs[] = {"higher", "lower", NULL};
        int k;
        if (!jz_y_choice(c->d, jz_y_get(n, "direction"), "direction", dirs, &k, c->err))
            return false;
        ind->score.lower_better = k == 1;
    }
    if ((jz_measure_kind(ind->m.kind)->flags & JZ_MK_NO_TARGET) && ind->target.kind != JZ_TARGET_NONE)
        return jz_y_fail(c->d, n, c->err, "indicator %s: entered and survey indicators take no target", ind->id);
    if ((v = jz_y_get(n, "verified"))) {
        static const char *const figs[] = {"none", "hours", "participants", NULL};
        if (!jz_y_choice(c->d, v, "verified", figs, &ind->verified, c->err))
            return false;
        if (ind->verified && !(jz_measure_kind(ind->m.kind)->flags & JZ_MK_VERIFIABLE))
            return jz_y_fail(c->d, v, c->err, "indicator %s: verified: applies to counts and sums of records "
                             "(a share, ratio or hours check would be discounted twice or not at all)", ind->id);
    }
    return true;
}

static bool parse_indicator(lctx *c, const jz_ynode *n, jz_indicator *ind, jz_party inherit)
{
    const char *id;
    memset(ind, 0, sizeof *ind);
    if (!jz_y_expect_map(c->d, n, _("an indicator"), ind_keys, c->err) ||
        !jz_y_string(c->d, jz_y_need(c->d, n, _("an indicator"), "id", c->err), "id", &id, c->err))
        return false;
    ind->id = jz_xstrdup(id);
    ind->title = jz_xstrdup(id);
    ind->line = n->line;
    ind->file = c->file;
    return indicator_keys(c, n, ind, inherit, true);
}

static void free_indicator(jz_indicator *ind)
{
    free(ind->id);
    free(ind->title);
    free_measure(&ind->m);
    free(ind->target.column);
    free(ind->score.bands);
}

/* A section's cap, deduction_cap and minimum (in a section, or an overlay's
 * override_sections: a key given replaces the base's). */
static bool section_rules(lctx *c, const jz_ynode *n, jz_section *s)
{
    const jz_ynode *v;
    if ((v = jz_y_get(n, "cap")) && !fp(c, v, "cap", &s->cap))
        return false;
    if (v && s->cap < 0)
        return jz_y_fail(c->d, v, c->err, "cap must not be negative");
    if ((v = jz_y_get(n, "deduction_cap")) && !fp(c, v, "deduction_cap", &s->deduction_cap))
        return false;
    if (v && s->deduction_cap < 0)
        return jz_y_fail(c->d, v, c->err, "deduction_cap must not be negative");
    if ((v = jz_y_get(n, "minimum"))) {
        static const char *const mkeys[] = {"share", "grade_at_most", NULL};
        const char *g;
        const jz_ynode *gn;
        if (!jz_y_expect_map(c->d, v, "minimum", mkeys, c->err) ||
            !jz_y_percent(c->d, jz_y_need(c->d, v, "minimum", "share", c->err), "share", &s->min_share, c->err) ||
            !(gn = jz_y_need(c->d, v, "minimum", "grade_at_most", c->err)) || !jz_y_string(c->d, gn, "grade", &g, c->err))
            return false;
        bool known = false;
        for (size_t i = 0; i < c->r->ngrades; i++)
            known |= strcmp(c->r->grades[i].name, g) == 0;
        if (!known)
            return jz_y_fail(c->d, gn, c->err, "grade_at_most '%s' is not one of the grades", g);
        free(s->min_grade);
        s->min_grade = jz_xstrdup(g);
    }
    return true;
}

static bool parse_section(lctx *c, const jz_ynode *n, jz_section *s, jz_party inherit, int depth)
{
    static const char *const keys[] = {"id", "title", "points", "party", "sections", "indicators", "cap",
                                       "minimum", "deduction_cap", NULL};
    const char *id;
    memset(s, 0, sizeof *s);
    s->depth = depth;
    s->cap = s->min_share = s->deduction_cap = -1;
    if (depth > 3)
        return jz_y_fail(c->d, n, c->err, "sections nest at most three levels deep");
    if (!jz_y_expect_map(c->d, n, _("a section"), keys, c->err) ||
        !jz_y_string(c->d, jz_y_need(c->d, n, _("a section"), "id", c->err), "id", &id, c->err))
        return false;
    s->id = jz_xstrdup(id);
    s->title = jz_y_get(n, "title") ? dupstr(jz_y_get(n, "title")) : jz_xstrdup(id);
    s->line = n->line;
    const jz_ynode *v;
    s->points = -1;
    if ((v = jz_y_get(n, "points")) && !fp(c, v, "points", &s->points))
        return false;
    if (!parse_party(c, jz_y_get(n, "party"), inherit, &s->party))
        return false;
    if (!section_rules(c, n, s))
        return false;
    const jz_ynode *subs = jz_y_get(n, "sections"), *inds = jz_y_get(n, "indicators");
    if (subs) {
        if (subs->kind != JZ_Y_SEQ)
            return jz_y_fail(c->d, subs, c->err, "sections must be a list");
        s->subs = jz_xcalloc(subs->n ? subs->n : 1, sizeof *s->subs);
        for (size_t i = 0; i < subs->n; i++, s->nsubs++)
            if (!parse_section(c, subs->items[i], &s->subs[i], s->party, depth + 1))
                return s->nsubs++, false;
    }
    if (inds) {
        if (inds->kind != JZ_Y_SEQ)
            return jz_y_fail(c->d, inds, c->err, "indicators must be a list");
        s->ind = jz_xcalloc(inds->n ? inds->n : 1, sizeof *s->ind);
        for (size_t i = 0; i < inds->n; i++, s->nind++)
            if (!parse_indicator(c, inds->items[i], &s->ind[i], s->party))
                return s->nind++, false;
    }
    if (!subs && !inds)
        return jz_y_fail(c->d, n, c->err, "section %s has neither sections nor indicators", s->id);
    return true;
}

static void free_section(jz_section *s)
{
    for (size_t i = 0; i < s->nsubs; i++)
        free_section(&s->subs[i]);
    for (size_t i = 0; i < s->nind; i++)
        free_indicator(&s->ind[i]);
    free(s->subs);
    free(s->ind);
    free(s->id);
    free(s->title);
    free(s->min_grade);
}

/* ---- header: scale, rounding, grades, policies ---- */

static bool parse_grades(lctx *c, const jz_ynode *n)
{
    jz_rubric *r = c->r;
    if (!n || n->kind != JZ_Y_SEQ || n->n == 0)
        return jz_y_fail(c->d, n, c->err, "grades must be a list of {grade: NAME, min: POINTS}, highest first");
    for (size_t i = 0; i < r->ngrades; i++)
        free(r->grades[i].name);
    free(r->grades);
    r->grades = jz_xcalloc(n->n, sizeof *r->grades);
    r->ngrades = 0;
    static const char *const keys[] = {"grade", "min", NULL};
    for (size_t i = 0; i < n->n; i++) {
        const jz_ynode *g = n->items[i];
        const char *name;
        if (!jz_y_expect_map(c->d, g, _("a grade"), keys, c->err) ||
            !jz_y_string(c->d, jz_y_need(c->d, g, _("a grade"), "grade", c->err), "grade", &name, c->err) ||
            !fp(c, jz_y_need(c->d, g, _("a grade"), "min", c->err), "min", &r->grades[i].min))
            return false;
        r->grades[i].name = jz_xstrdup(name);
        r->ngrades++;
        if (i && r->grades[i].min >= r->grades[i - 1].min)
            return jz_y_fail(c->d, g, c->err, "grade %s: grades go from the highest minimum down, without overlap", name);
    }
    if (r->grades[r->ngrades - 1].min != 0)
        return jz_y_fail(c->d, n->items[n->n - 1], c->err,
                         "the lowest grade must have min 0, so every total has a grade (no gap at the bottom)");
    return true;
}

static bool parse_prices(lctx *c, const jz_ynode *n);

static bool parse_header(lctx *c, const jz_ynode *m, bool base)
{
    jz_rubric *r = c->r;
    const jz_ynode *v;
    const char *s;
    if ((v = jz_y_get(m, "id")) || base) {
        if (!jz_y_string(c->d, jz_y_need(c->d, m, _("the rubric"), "id", c->err), "id", &s, c->err))
            return false;
        free(r->id);
        r->id = jz_xstrdup(s);
    }
    if ((v = jz_y_get(m, "title"))) {
        free(r->title);
        r->title = dupstr(v);
    }
    if ((v = jz_y_get(m, "lang"))) {
        static const char *const langs[] = {"zh", "en", NULL};
        int k;
        if (!jz_y_choice(c->d, v, "lang", langs, &k, c->err))
            return false;
        free(r->lang);
        r->lang = jz_xstrdup(langs[k]);
    }
    if ((v = jz_y_get(m, "issued_by"))) {
        if (!jz_y_string(c->d, v, "issued_by", &s, c->err))
            return false;
        free(r->issued_by);
        r->issued_by = jz_xstrdup(s);
    }
    if ((v = jz_y_get(m, "document"))) {
        if (!jz_y_string(c->d, v, "document", &s, c->err))
            return false;
        free(r->document);
        r->document = jz_xstrdup(s);
    }
    if ((v = jz_y_get(m, "status"))) {
        static const char *const statuses[] = {"official", "draft", "example", NULL};
        int k;
        if (!jz_y_choice(c->d, v, "status", statuses, &k, c->err))
            return false;
        free(r->status);
        r->status = jz_xstrdup(statuses[k]);
    }
    if ((v = jz_y_get(m, "version")) || base) {
        if (!jz_y_string(c->d, jz_y_need(c->d, m, _("the rubric"), "version", c->err), "version", &s, c->err))
            return false;
        free(r->version);
        r->version = jz_xstrdup(s);
    }
    if ((v = jz_y_get(m, "scale")) || base) {
        int64_t scale;
        if (!jz_y_int(c->d, jz_y_need(c->d, m, _("the rubric"), "scale", c->err), "scale", &scale, c->err))
            return false;
        if (scale != 100 && scale != 1000)
            return jz_y_fail(c->d, v, c->err, "scale must be 100 or 1000");
        r->scale = scale * JZ_FP;
    }
    if ((v = jz_y_get(m, "rounding")) || base) {
        static const char *const keys[] = {"indicator", "total", "mode", NULL};
        static const char *const modes[] = {"half_up", NULL};
        int64_t a, b;
        int k;
        v = jz_y_need(c->d, m, _("the rubric"), "rounding", c->err);
        if (!jz_y_expect_map(c->d, v, "rounding", keys, c->err) ||
            !jz_y_int(c->d, jz_y_need(c->d, v, "rounding", "indicator", c->err), "indicator", &a, c->err) ||
            !jz_y_int(c->d, jz_y_need(c->d, v, "rounding", "total", c->err), "total", &b, c->err) ||
            !jz_y_choice(c->d, jz_y_need(c->d, v, "rounding", "mode", c->err), "mode", modes, &k, c->err))
            return false;
        if (a > 4 || b > 4)
            return jz_y_fail(c->d, v, c->err, "rounding keeps at most 4 decimals");
        r->ind_decimals = (int)a;
        r->total_decimals = (int)b;
    }
    if (((v = jz_y_get(m, "grades")) || base) && !parse_grades(c, jz_y_need(c->d, m, _("the rubric"), "grades", c->err)))
        return false;
    if ((v = jz_y_get(m, "pass_grade")) || base) {
        if (!jz_y_string(c->d, jz_y_need(c->d, m, _("the rubric"), "pass_grade", c->err), "pass_grade", &s, c->err))
            return false;
        free(r->pass_grade);
        r->pass_grade = jz_xstrdup(s);
    }
    if ((v = jz_y_get(m, "not_applicable")) || base) {
        static const char *const keys[] = {"policy", "min_coverage", NULL};
        static const char *const pol[] = {"reweight", "zero", NULL};
        int k;
        v = jz_y_need(c->d, m, _("the rubric"), "not_applicable", c->err);
        if (!jz_y_expect_map(c->d, v, "not_applicable", keys, c->err) ||
            !jz_y_choice(c->d, jz_y_need(c->d, v, "not_applicable", "policy", c->err), "policy", pol, &k, c->err) ||
            !jz_y_percent(c->d, jz_y_need(c->d, v, "not_applicable", "min_coverage", c->err), "min_coverage",
                          &r->min_coverage, c->err))
            return false;
        r->na_reweight = k == 0;
    }
    if ((v = jz_y_get(m, "deductions"))) {
        static const char *const keys[] = {"cap", "codes", NULL};
        if (!jz_y_expect_map(c->d, v, "deductions", keys, c->err) ||
            !fp(c, jz_y_need(c->d, v, "deductions", "cap", c->err), "cap", &r->deduction_cap))
            return false;
        if (jz_y_get(v, "codes") && !parse_prices(c, jz_y_get(v, "codes")))
            return false;
    }
    return true;
}

/* deductions.codes: code -> points, or code -> {points, cap}. Replaces the base's table. */
static bool parse_prices(lctx *c, const jz_ynode *n)
{
    jz_rubric *r = c->r;
    if (n->kind != JZ_Y_MAP)
        return jz_y_fail(c->d, n, c->err, "codes is a map of finding code -> points, e.g. {INS-CLOSED: 10}");
    for (size_t i = 0; i < r->nprices; i++) {
        free(r->prices[i].code);
        free(r->prices[i].section);
    }
    free(r->prices);
    r->prices = jz_xcalloc(n->n ? n->n : 1, sizeof *r->prices);
    r->nprices = 0;
    for (size_t i = 0; i < n->n; i++) {
        struct jz_price *pr = &r->prices[r->nprices++];
        pr->code = jz_xstrdup(n->keys[i]->value);
        pr->cap = -1;
        pr->line = n->keys[i]->line;
        pr->col = n->keys[i]->col;
        pr->file = c->file;
        const jz_ynode *v = n->items[i], *sec;
        if (v->kind == JZ_Y_MAP) {
            static const char *const keys[] = {"points", "cap", "section", NULL};
            const char *sid;
            if (!jz_y_expect_map(c->d, v, _("a code's price"), keys, c->err) ||
                !fp(c, jz_y_need(c->d, v, _("a code's price"), "points", c->err), "points", &pr->points) ||
                (jz_y_get(v, "cap") && !fp(c, jz_y_get(v, "cap"), "cap", &pr->cap)))
                return false;
            if ((sec = jz_y_get(v, "section"))) {  /* checked against the sections once all are read */
                if (!jz_y_string(c->d, sec, "section", &sid, c->err))
                    return false;
                pr->section = jz_xstrdup(sid);
                pr->line = sec->line;
                pr->col = sec->col;
            }
        } else if (!fp(c, v, "points", &pr->points)) {
            return false;
        }
        if (pr->points < 0 || (jz_y_get(v, "cap") && pr->cap < 0))
            return jz_y_fail(c->d, v, c->err, "a finding's price and its cap must not be negative");
    }
    return true;
}

/* The condition of a finding, hours or indicator veto: its code and, but for findings,
 * its below (an indicator's value_below for a veto on its value). */
static bool veto_condition(lctx *c, const jz_ynode *v, const jz_ynode *x, jz_veto *w)
{
    const char *s;
    if (!jz_y_string(c->d, x, _("veto condition"), &s, c->err))
        return false;
    if (w->when == JZ_V_HOURS_BELOW) {
        int k;
        if (!jz_y_choice(c->d, x, "hours_check", hours_checks, &k, c->err))
            return false;
    }
    w->code = jz_xstrdup(s);
    if (w->when == JZ_V_INDICATOR_BELOW && jz_y_get(v, "value_below")) {
        /* an indicator's value (exact, in its measure's unit; a percentage for a share) */
        bool pct;
        if (jz_y_get(v, "below"))
            return jz_y_fail(c->d, jz_y_get(v, "below"), c->err, "a veto on indicator %s tests its points (below) "
                             "or its value (value_below), not both", s);
        w->when = JZ_V_VALUE_BELOW;
        return fp_or_percent(c, jz_y_get(v, "value_below"), "value_below", &w->below, &pct);
    }
    if (w->when != JZ_V_FINDING) {
        const jz_ynode *b = jz_y_need(c->d, v, _("a veto"), "below", c->err);
        if (!(w->when == JZ_V_HOURS_BELOW || w->when == JZ_V_SECTION_BELOW
                  ? jz_y_percent(c->d, b, "below", &w->below, c->err)
                  : fp(c, b, "below", &w->below)))
            return false;
    }
    return true;
}

static const char *const veto_cond_keys[] = {"finding", "hours_check", "indicator", "below", "value_below",
                                             "verification_error_rate", "section", "coverage_below", "all",
                                             "any", NULL};

static void free_veto(jz_veto *w)
{
    free(w->id);
    free(w->title);
    free(w->code);
    free(w->grade);
    for (size_t i = 0; i < w->nsub; i++)
        free_veto(&w->sub[i]);
    free(w->sub);
}

/* The condition of veto w (or of one condition inside all/any) from the map v: the first
 * of finding, hours_check, indicator, verification_error_rate, section, coverage_below,
 * all, any. depth: how deep in all/any it is (at most 4). */
static bool parse_condition(lctx *c, const jz_ynode *v, jz_veto *w, const char *id, int depth)
{
    const jz_ynode *x;
    w->line = v->line;
    w->col = v->col;
    w->file = c->file;
    if ((x = jz_y_get(v, "finding"))) {
        w->when = JZ_V_FINDING;
    } else if ((x = jz_y_get(v, "hours_check"))) {
        w->when = JZ_V_HOURS_BELOW;
    } else if ((x = jz_y_get(v, "indicator"))) {
        w->when = JZ_V_INDICATOR_BELOW;
    } else if ((x = jz_y_get(v, "verification_error_rate"))) {
        /* "at least 20 % of the checked files do not exist": the exact lower bound reaches it */
        w->when = JZ_V_VERIFY_ERRORS;
        w->code = jz_xstrdup("error_rate");
        return jz_y_percent(c->d, x, "verification_error_rate", &w->below, c->err);
    } else if ((x = jz_y_get(v, "section"))) {
        w->when = JZ_V_SECTION_BELOW;
    } else if ((x = jz_y_get(v, "coverage_below"))) {
        w->when = JZ_V_COVERAGE_BELOW;
        w->code = jz_xstrdup("coverage");
        return jz_y_percent(c->d, x, "coverage_below", &w->below, c->err);
    } else if ((x = jz_y_get(v, "all")) || (x = jz_y_get(v, "any"))) {
        w->when = jz_y_get(v, "all") ? JZ_V_ALL : JZ_V_ANY;
        const char *word = w->when == JZ_V_ALL ? "all" : "any";
        if (x->kind != JZ_Y_SEQ || x->n == 0)
            return jz_y_fail(c->d, x, c->err, "%s is a list of conditions, e.g. [{section: professional, below: 60%%}, "
                             "{coverage_below: 80%%}]", word);
        if (depth >= 4)
            return jz_y_fail(c->d, x, c->err, "all and any nest at most 4 levels deep");
        w->code = jz_xstrdup(word);
        w->sub = jz_xcalloc(x->n, sizeof *w->sub);
        for (size_t i = 0; i < x->n; i++) {
            jz_veto *u = &w->sub[w->nsub++];
            u->cap_total = -1;
            u->id = jz_xstrdup("");
            if (!jz_y_expect_map(c->d, x->items[i], _("a veto condition"), veto_cond_keys, c->err) ||
                !parse_condition(c, x->items[i], u, id, depth + 1))
                return false;
        }
        return true;
    } else {
        return jz_y_fail(c->d, v, c->err, "veto %s needs a condition: finding, hours_check, indicator, "
                         "verification_error_rate, section, coverage_below, all or any", id);
    }
    if (jz_y_get(v, "value_below") && w->when != JZ_V_INDICATOR_BELOW)
        return jz_y_fail(c->d, jz_y_get(v, "value_below"), c->err, "value_below goes with indicator:");
    return veto_condition(c, v, x, w);
}

static bool parse_vetoes(lctx *c, const jz_ynode *n)
{
    static const char *const keys[] = {"id", "title", "finding", "hours_check", "indicator", "below", "value_below",
                                       "grade", "cap_total", "verification_error_rate", "section", "coverage_below",
                                       "all", "any", NULL};
    jz_rubric *r = c->r;
    if (!n)
        return true;
    if (n->kind != JZ_Y_SEQ)
        return jz_y_fail(c->d, n, c->err, "vetoes must be a list");
    r->vetoes = jz_xrealloc(r->vetoes, (r->nvetoes + n->n + 1) * sizeof *r->vetoes);
    for (size_t i = 0; i < n->n; i++) {
        const jz_ynode *v = n->items[i], *x;
        jz_veto *w = &r->vetoes[r->nvetoes];
        memset(w, 0, sizeof *w);
        w->cap_total = -1;
        const char *s;
        if (!jz_y_expect_map(c->d, v, _("a veto"), keys, c->err) ||
            !jz_y_string(c->d, jz_y_need(c->d, v, _("a veto"), "id", c->err), "id", &s, c->err))
            return false;
        for (size_t k = 0; k < r->nvetoes; k++)
            if (strcmp(r->vetoes[k].id, s) == 0)
                return jz_y_fail(c->d, jz_y_get(v, "id"), c->err, "veto id '%s' is used twice: give each veto "
                                 "its own id", s);
        w->id = jz_xstrdup(s);
        r->nvetoes++;
        if ((x = jz_y_get(v, "title")) && !jz_y_string(c->d, x, "title", &s, c->err))
            return false;
        w->title = jz_xstrdup(s);
        if (!parse_condition(c, v, w, w->id, 0))
            return false;
        if ((x = jz_y_get(v, "grade")))
            w->grade = dupstr(x);
        if ((x = jz_y_get(v, "cap_total")) && !fp(c, x, "cap_total", &w->cap_total))
            return false;
        if (!w->grade && w->cap_total < 0)
            return jz_y_fail(c->d, v, c->err, "veto %s must force a grade or cap the total", w->id);
    }
    return true;
}

/* ---- overlays ---- */

static jz_indicator *find_mut(jz_section *s, const char *id, jz_section **owner)
{
    for (size_t i = 0; i < s->nind; i++)
        if (strcmp(s->ind[i].id, id) == 0) {
            if (owner)
                *owner = s;
            return &s->ind[i];
        }
    for (size_t i = 0; i < s->nsubs; i++) {
        jz_indicator *x = find_mut(&s->subs[i], id, owner);
        if (x)
            return x;
    }
    return NULL;
}

typedef struct nearest {
    const char *id, *best;
    int dist;
} nearest;

static void near_fn(void *vctx, const jz_section *s, const jz_indicator *ind)
{
    nearest *n = vctx;
    (void)s;
    int d = jz_text_distance(n->id, ind->id);
    if (d < n->dist)
        n->dist = d, n->best = ind->id;
}

static bool unknown_id(lctx *c, const jz_ynode *n, const char *id)
{
    nearest near = {id, NULL, 3};
    jz_rubric_each(c->r, near_fn, &near);
    if (near.best)
        return jz_y_fail(c->d, n, c->err, "no indicator '%s' in the rubric this one extends: did you mean '%s'?",
                         id, near.best);
    return jz_y_fail(c->d, n, c->err, "no indicator '%s' in the rubric this one extends", id);
}

/* The section id nearest to id (at most 2 edits), for "did you mean"; NULL if none. */
static void near_section(const jz_section *s, const char *id, const char **best, int *dist)
{
    if (s->depth > 0) {
        int d = jz_text_distance(id, s->id);
        if (d < *dist)
            *dist = d, *best = s->id;
    }
    for (size_t i = 0; i < s->nsubs; i++)
        near_section(&s->subs[i], id, best, dist);
}

static const char *nearest_section(const jz_rubric *r, const char *id)
{
    const char *best = NULL;
    int dist = 3;
    near_section(&r->root, id, &best, &dist);
    return best;
}

static jz_section *find_section_mut(jz_section *s, const char *id)
{
    if (s->depth > 0 && strcmp(s->id, id) == 0)
        return s;
    for (size_t i = 0; i < s->nsubs; i++) {
        jz_section *x = find_section_mut(&s->subs[i], id);
        if (x)
            return x;
    }
    return NULL;
}

static bool unknown_section(lctx *c, const jz_ynode *n, const char *id)
{
    const char *near = nearest_section(c->r, id);
    if (near)
        return jz_y_fail(c->d, n, c->err, "no section '%s' in the rubric this one extends: did you mean '%s'?", id, near);
    return jz_y_fail(c->d, n, c->err, "no section '%s' in the rubric this one extends", id);
}

/* remove_vetoes: ids of the base's vetoes to take out (before the overlay's own vetoes are
 * added, so a veto can be replaced under its id). */
static bool remove_vetoes(lctx *c, const jz_ynode *n)
{
    jz_rubric *r = c->r;
    if (!n)
        return true;
    if (n->kind != JZ_Y_SEQ)
        return jz_y_fail(c->d, n, c->err, "remove_vetoes must be a list of veto ids");
    for (size_t i = 0; i < n->n; i++) {
        const char *id;
        if (!jz_y_string(c->d, n->items[i], "remove_vetoes", &id, c->err))
            return false;
        size_t k = 0;
        while (k < r->nvetoes && strcmp(r->vetoes[k].id, id) != 0)
            k++;
        if (k == r->nvetoes)
            return jz_y_fail(c->d, n->items[i], c->err, "no veto '%s' in the rubric this one extends", id);
        free_veto(&r->vetoes[k]);
        memmove(&r->vetoes[k], &r->vetoes[k + 1], (r->nvetoes - k - 1) * sizeof *r->vetoes);
        r->nvetoes--;
    }
    return true;
}

/* add: section id -> indicators to add to it (checked like the base's: ids unique). */
static bool add_indicators(lctx *c, const jz_ynode *n)
{
    if (!n)
        return true;
    if (n->kind != JZ_Y_MAP)
        return jz_y_fail(c->d, n, c->err, "add maps section ids to the indicators added to them");
    for (size_t i = 0; i < n->n; i++) {
        jz_section *sec = find_section_mut(&c->r->root, n->keys[i]->value);
        const jz_ynode *list = n->items[i];
        if (!sec)
            return unknown_section(c, n->keys[i], n->keys[i]->value);
        if (list->kind != JZ_Y_SEQ || list->n == 0)
            return jz_y_fail(c->d, list, c->err, "add: %s is a list of indicators", sec->id);
        sec->ind = jz_xrealloc(sec->ind, (sec->nind + list->n) * sizeof *sec->ind);
        for (size_t k = 0; k < list->n; k++, sec->nind++)
            if (!parse_indicator(c, list->items[k], &sec->ind[sec->nind], sec->party))
                return sec->nind++, false;
    }
    return true;
}

/* override_sections: section id -> {title, points, cap, minimum, deduction_cap}. */
static bool override_sections(lctx *c, const jz_ynode *n)
{
    static const char *const keys[] = {"title", "points", "cap", "minimum", "deduction_cap", NULL};
    if (!n)
        return true;
    if (n->kind != JZ_Y_MAP)
        return jz_y_fail(c->d, n, c->err, "override_sections maps section ids to the keys they change");
    for (size_t i = 0; i < n->n; i++) {
        jz_section *sec = find_section_mut(&c->r->root, n->keys[i]->value);
        const jz_ynode *o = n->items[i], *v;
        if (!sec)
            return unknown_section(c, n->keys[i], n->keys[i]->value);
        if (!jz_y_expect_map(c->d, o, _("a section override"), keys, c->err))
            return false;
        if ((v = jz_y_get(o, "title"))) {
            free(sec->title);
            sec->title = dupstr(v);
        }
        if ((v = jz_y_get(o, "points")) && !fp(c, v, "points", &sec->points))
            return false;
        if (!section_rules(c, o, sec))
            return false;
    }
    return true;
}

static bool apply_overlay(lctx *c, const jz_ynode *m)
{
    if (!add_indicators(c, jz_y_get(m, "add")))
        return false;
    const jz_ynode *rm = jz_y_get(m, "remove"), *ov = jz_y_get(m, "override");
    if (rm) {
        if (rm->kind != JZ_Y_SEQ)
            return jz_y_fail(c->d, rm, c->err, "remove must be a list of indicator ids");
        for (size_t i = 0; i < rm->n; i++) {
            jz_section *owner;
            const char *id;
            if (!jz_y_string(c->d, rm->items[i], "remove", &id, c->err))
                return false;
            jz_indicator *ind = find_mut(&c->r->root, id, &owner);
            if (!ind)
                return unknown_id(c, rm->items[i], id);
            size_t k = (size_t)(ind - owner->ind);
            free_indicator(ind);
            memmove(&owner->ind[k], &owner->ind[k + 1], (owner->nind - k - 1) * sizeof *owner->ind);
            owner->nind--;
        }
    }
    if (ov) {
        if (ov->kind != JZ_Y_MAP)
            return jz_y_fail(c->d, ov, c->err, "override maps indicator ids to the keys they change");
        for (size_t i = 0; i < ov->n; i++) {
            jz_indicator *ind = find_mut(&c->r->root, ov->keys[i]->value, NULL);
            if (!ind)
                return unknown_id(c, ov->keys[i], ov->keys[i]->value);
            if (!jz_y_expect_map(c->d, ov->items[i], _("an override"), ind_keys, c->err))
                return false;
            if (jz_y_get(ov->items[i], "id"))
                return jz_y_fail(c->d, ov->items[i], c->err, "an override cannot change an indicator's id");
            if (!indicator_keys(c, ov->items[i], ind, ind->party, false))
                return false;
        }
    }
    return override_sections(c, jz_y_get(m, "override_sections"));
}

/* ---- loading ---- */

/* SHA-256 over the bytes of every file read (the rubric, then what it extends), fed by
 * load_into with the bytes it parsed: standard input or a pipe is hashed too, never
 * opened again. One per thread, so rubrics load on several threads at once. */
static _Thread_local jz_sha256_ctx *loading_hash;

static bool load_into(jz_rubric *r, const char *path, int depth, const jz_ydoc *from, const jz_ynode *at,
                      jz_error *err);


static char *sibling(const char *path, const char *rel)
{
    if (rel[0] == '/')
        return jz_xstrdup(rel);
    const char *slash = strrchr(path, '/');
    size_t dn = slash ? (size_t)(slash - path + 1) : 0;
    char *p = jz_xmalloc(dn + strlen(rel) + 1);
    memcpy(p, path, dn);
    memcpy(p + dn, rel, strlen(rel) + 1);
    return p;
}

/* path with "." and "dir/.." taken out, so that a loop written as ../x/a.yaml is seen
 * (a lexical check: the same file reached through a symbolic link is caught by the depth
 * limit instead). The caller frees. */
static char *normal_path(const char *path)
{
    size_t n = strlen(path);
    char *out = jz_xmalloc(n + 2);
    size_t *starts = jz_xmalloc((n / 2 + 2) * sizeof *starts);  /* where each kept part begins */
    size_t o = 0, parts = 0, ups = 0;  /* ups: leading ".." that cannot be taken out */
    if (path[0] == '/')
        out[o++] = '/';
    size_t base = o;
    for (const char *p = path; *p;) {
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/");
        if (len == 0)
            break;
        bool dot = len == 1 && p[0] == '.', dotdot = len == 2 && p[0] == '.' && p[1] == '.';
        if (dotdot && parts > ups) {
            o = starts[--parts];
            o = o > base ? o - 1 : o;  /* the separator before it */
        } else if (!dot) {
            if (o > base)
                out[o++] = '/';
            starts[parts++] = o;
            ups += dotdot;
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
    out[o] = '\0';
    free(starts);
    return out;
}

/* "a.yaml -> b.yaml -> a.yaml": the files read so far and the next one. */
static void chain_text(const jz_rubric *r, const char *next, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < r->nfiles && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s -> ", r->files[i]);
    if (n < cap)
        snprintf(buf + n, cap - n, "%s", next);
}

/* Whether path names a file already in the chain of extends. */
static bool in_chain(const jz_rubric *r, const char *path)
{
    char *a = normal_path(path);
    bool found = false;
    for (size_t i = 0; i < r->nfiles && !found; i++) {
        char *b = normal_path(r->files[i]);
        found = strcmp(a, b) == 0;
        free(b);
    }
    free(a);
    return found;
}

/* Every section id once in the rubric: overlays, vetoes and finding prices name sections
 * by id, and two sections of one id would make each of those mean either. */
static bool section_ids_unique(const jz_rubric *r, const jz_section *s, const char *path, jz_error *err)
{
    for (size_t i = 0; i < s->nsubs; i++) {
        const jz_section *x = &s->subs[i], *first = jz_rubric_find_section(r, x->id);
        if (first != x)
            return jz_error_set(err, JZ_EINPUT, path, x->line, 0,
                                "section id '%s' is used twice (also at line %ld): give each section its own id",
                                x->id, first->line),
                   false;
        if (!section_ids_unique(r, x, path, err))
            return false;
    }
    return true;
}

static bool load_doc(jz_rubric *r, jz_ydoc *d, int depth, jz_error *err)
{
    static const char *const keys[] = {"id", "title", "lang", "issued_by", "document", "status", "version", "scale", "rounding", "grades", "pass_grade",
                                       "not_applicable", "deductions", "vetoes", "sections", "extends",
                                       "remove", "override", "add", "override_sections", "remove_vetoes", NULL};
    lctx c = {d, err, r, r->files[r->nfiles - 1]};
    const jz_ynode *m = d->root;
    if (!jz_y_expect_map(d, m, _("the rubric"), keys, err))
        return false;
    const jz_ynode *ext = jz_y_get(m, "extends");
    if (ext) {
        const char *rel;
        if (!jz_y_string(d, ext, "extends", &rel, err))
            return false;
        if (jz_y_get(m, "sections"))
            return jz_y_fail(d, jz_y_get(m, "sections"), err,
                             "a rubric that extends another changes it with remove: and override:, not sections:");
        char *base = sibling(d->path, rel);
        char chain[400];
        chain_text(r, base, chain, sizeof chain);
        if (in_chain(r, base)) {
            free(base);
            return jz_y_fail(d, ext, err, "extends makes a loop: %s", chain);
        }
        if (depth + 1 >= JZ_RUBRIC_MAX_FILES) {
            free(base);
            return jz_y_fail(d, ext, err, "extends goes more than %d files deep: %s", JZ_RUBRIC_MAX_FILES, chain);
        }
        bool ok = load_into(r, base, depth + 1, d, ext, err);
        free(base);
        c.file = r->files[0];
        if (!ok)
            return false;
        return parse_header(&c, m, false) && remove_vetoes(&c, jz_y_get(m, "remove_vetoes")) &&
               parse_vetoes(&c, jz_y_get(m, "vetoes")) && apply_overlay(&c, m);
    }
    static const char *const overlay_keys[] = {"remove", "override", "add", "override_sections", "remove_vetoes"};
    for (size_t i = 0; i < sizeof overlay_keys / sizeof overlay_keys[0]; i++)
        if (jz_y_get(m, overlay_keys[i]))
            return i < 2 ? jz_y_fail(d, jz_y_get(m, overlay_keys[i]), err, "remove: and override: need extends:")
                         : jz_y_fail(d, jz_y_get(m, overlay_keys[i]), err, "%s: needs extends:", overlay_keys[i]);
    r->deduction_cap = -1;
    if (!parse_header(&c, m, true) || !parse_vetoes(&c, jz_y_get(m, "vetoes")))
        return false;
    const jz_ynode *secs = jz_y_need(d, m, _("the rubric"), "sections", err);
    if (!secs)
        return false;
    if (secs->kind != JZ_Y_SEQ || secs->n == 0)
        return jz_y_fail(d, secs, err, "sections must be a non-empty list");
    r->root.subs = jz_xcalloc(secs->n, sizeof *r->root.subs);
    r->root.id = jz_xstrdup("total");
    r->root.title = jz_xstrdup(r->title ? r->title : "total");
    r->root.points = r->scale;
    r->root.cap = r->root.min_share = r->root.deduction_cap = -1;  /* the whole rubric: no cap, no minimum */
    for (size_t i = 0; i < secs->n; i++, r->root.nsubs++)
        if (!parse_section(&c, secs->items[i], &r->root.subs[i], JZ_PARTY_NONE, 1))
            return r->root.nsubs++, false;
    return section_ids_unique(r, &r->root, c.file, err);
}

/* Whether a document extended by another looks like a rubric at all: a map with an id
 * and sections (or an extends of its own). Anything else is not quoted back: `extends:
 * /etc/shadow` must not print the file's first line as an "unknown key". */
static bool looks_like_rubric(const jz_ynode *root)
{
    return root && root->kind == JZ_Y_MAP && jz_y_get(root, "id") &&
           (jz_y_get(root, "sections") || jz_y_get(root, "extends"));
}

/* The parsed document d of path (its bytes text, len, hashed) into r; frees d. */
static bool load_parsed(jz_rubric *r, jz_ydoc *d, const char *path, const char *text, size_t len, int depth,
                        jz_error *err)
{
    if (loading_hash)
        jz_sha256_update(loading_hash, text, len);
    r->files = jz_xrealloc(r->files, (r->nfiles + 1) * sizeof *r->files);
    r->files[r->nfiles++] = jz_xstrdup(path);
    bool ok = load_doc(r, d, depth, err);
    jz_yaml_free(d);
    return ok;
}

/* Load the rubric at path into r. `from` and `at` are the document and the extends: node
 * that named it (NULL for the rubric given): a file that is not a rubric is then refused
 * at the extends, without a word of its content. */
static bool load_into(jz_rubric *r, const char *path, int depth, const jz_ydoc *from, const jz_ynode *at,
                      jz_error *err)
{
    jz_ydoc *d = jz_yaml_load(path, err);
    if (from && (d ? !looks_like_rubric(d->root) : err->code == JZ_EINPUT)) {
        long line = d ? 0 : err->line, col = d ? 0 : err->col;
        jz_yaml_free(d);
        jz_error_clear(err);
        if (line)
            return jz_y_fail(from, at, err, "extends: %s is not a rubric (not valid YAML at line %ld, column %ld; "
                             "check it with jz-rubric lint)", path, line, col);
        return jz_y_fail(from, at, err, "extends: %s is not a rubric (a rubric is a map with id: and sections:): "
                         "name a jiazong rubric file", path);
    }
    return d && load_parsed(r, d, path, d->text, d->len, depth, err);
}

/* Every indicator id unique; pass_grade and veto grades name real grades; the
 * indicators of a veto exist. */
static bool check_ids(jz_rubric *r, const jz_section *s, jz_error *err)
{
    for (size_t i = 0; i < s->nind; i++) {
        jz_section *owner;
        jz_indicator *first = find_mut(&r->root, s->ind[i].id, &owner);
        if (first != &s->ind[i])
            return jz_error_set(err, JZ_EINPUT, s->ind[i].file, s->ind[i].line, 0,
                                "indicator id '%s' is used twice (also at line %ld)", s->ind[i].id, first->line),
                   false;
    }
    for (size_t i = 0; i < s->nsubs; i++)
        if (!check_ids(r, &s->subs[i], err))
            return false;
    return true;
}

static bool grade_known(const jz_rubric *r, const char *g)
{
    for (size_t i = 0; i < r->ngrades; i++)
        if (strcmp(r->grades[i].name, g) == 0)
            return true;
    return false;
}

static const jz_section *find_section(const jz_section *s, const char *id)
{
    if (s->id && strcmp(s->id, id) == 0)
        return s;
    for (size_t i = 0; i < s->nsubs; i++) {
        const jz_section *x = find_section(&s->subs[i], id);
        if (x)
            return x;
    }
    return NULL;
}

const jz_section *jz_rubric_find_section(const jz_rubric *r, const char *id)
{
    for (size_t i = 0; i < r->root.nsubs; i++) {
        const jz_section *x = find_section(&r->root.subs[i], id);
        if (x)
            return x;
    }
    return NULL;
}

/* The sections and indicators a veto's conditions name exist (at the condition's line;
 * a top-level veto on an indicator's points keeps its message of the file alone). */
static bool check_condition(const jz_rubric *r, const jz_veto *w, jz_error *err)
{
    const char *file = w->file ? w->file : r->path;
    if (w->when == JZ_V_SECTION_BELOW && !jz_rubric_find_section(r, w->code)) {
        const char *near = nearest_section(r, w->code), *id = *w->id ? w->id : "condition";
        if (near)
            return jz_error_set(err, JZ_EINPUT, file, w->line, w->col,
                                "veto %s names section '%s', which does not exist: did you mean '%s'?", id, w->code,
                                near), false;
        return jz_error_set(err, JZ_EINPUT, file, w->line, w->col, "veto %s names section '%s', which does not exist",
                            id, w->code), false;
    }
    if ((w->when == JZ_V_VALUE_BELOW || (w->when == JZ_V_INDICATOR_BELOW && !*w->id)) && !jz_rubric_find(r, w->code))
        return jz_error_set(err, JZ_EINPUT, file, w->line, w->col, "veto %s names indicator '%s', which does not exist",
                            *w->id ? w->id : "condition", w->code), false;
    for (size_t i = 0; i < w->nsub; i++)
        if (!check_condition(r, &w->sub[i], err))
            return false;
    return true;
}

/* The rubric given (text NULL: read from path; else len bytes of text named path). */
static jz_code load_rubric(jz_rubric *r, const char *path, const char *text, size_t len, jz_error *err)
{
    memset(r, 0, sizeof *r);
    jz_error_clear(err);
    r->path = jz_xstrdup(path);
    jz_sha256_ctx hash;
    jz_sha256_init(&hash);
    loading_hash = &hash;
    bool ok;
    if (text) {
        jz_ydoc *d = jz_yaml_parse(text, len, path, err);
        ok = d && load_parsed(r, d, path, text, len, 0, err);
    } else
        ok = load_into(r, path, 0, NULL, NULL, err);
    loading_hash = NULL;
    ok = ok && check_ids(r, &r->root, err);
    if (ok && !grade_known(r, r->pass_grade)) {
        jz_error_set(err, JZ_EINPUT, path, 0, 0, "pass_grade '%s' is not one of the grades", r->pass_grade);
        ok = false;
    }
    for (size_t i = 0; ok && i < r->nvetoes; i++)
        ok = check_condition(r, &r->vetoes[i], err);
    for (size_t i = 0; ok && i < r->nprices; i++)
        if (r->prices[i].section && !jz_rubric_find_section(r, r->prices[i].section)) {
            const struct jz_price *pr = &r->prices[i];
            const char *near = nearest_section(r, pr->section), *pf = pr->file ? pr->file : path;
            if (near)
                jz_error_set(err, JZ_EINPUT, pf, pr->line, pr->col, "finding code %s counts against section '%s', "
                             "which does not exist: did you mean '%s'?", pr->code, pr->section, near);
            else
                jz_error_set(err, JZ_EINPUT, pf, pr->line, pr->col, "finding code %s counts against section '%s', "
                             "which does not exist", pr->code, pr->section);
            ok = false;
        }
    for (size_t i = 0; ok && i < r->nvetoes; i++) {
        const jz_veto *w = &r->vetoes[i];
        if (w->grade && !grade_known(r, w->grade)) {
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "veto %s forces grade '%s', which is not one of the grades",
                         w->id, w->grade);
            ok = false;
        } else if (w->when == JZ_V_INDICATOR_BELOW && !jz_rubric_find(r, w->code)) {
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "veto %s names indicator '%s', which does not exist",
                         w->id, w->code);
            ok = false;
        }
    }
    if (!ok) {
        if (err->code == JZ_OK)
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "invalid rubric");
        jz_sha256_discard(&hash);
        jz_rubric_free(r);
        return err->code;
    }
    jz_sha256_final_hex(&hash, r->sha256);
    return JZ_OK;
}

jz_code jz_rubric_load(jz_rubric *r, const char *path, jz_error *err)
{
    return load_rubric(r, path, NULL, 0, err);
}

jz_code jz_rubric_load_buffer(jz_rubric *r, const char *text, size_t len, const char *name, jz_error *err)
{
    return load_rubric(r, name, text ? text : "", len, err);
}

void jz_rubric_free(jz_rubric *r)
{
    if (!r)
        return;
    free_section(&r->root);
    for (size_t i = 0; i < r->ngrades; i++)
        free(r->grades[i].name);
    free(r->grades);
    for (size_t i = 0; i < r->nvetoes; i++)
        free_veto(&r->vetoes[i]);
    free(r->vetoes);
    for (size_t i = 0; i < r->nprices; i++) {
        free(r->prices[i].code);
        free(r->prices[i].section);
    }
    free(r->prices);
    for (size_t i = 0; i < r->nfiles; i++)
        free(r->files[i]);
    free(r->files);
    free(r->path);
    free(r->id);
    free(r->title);
    free(r->lang);
    free(r->issued_by);
    free(r->document);
    free(r->status);
    free(r->version);
    free(r->pass_grade);
    memset(r, 0, sizeof *r);
}

static void each(const jz_section *s, jz_indicator_fn fn, void *arg)
{
    for (size_t i = 0; i < s->nind; i++)
        fn(arg, s, &s->ind[i]);
    for (size_t i = 0; i < s->nsubs; i++)
        each(&s->subs[i], fn, arg);
}

void jz_rubric_each(const jz_rubric *r, jz_indicator_fn fn, void *arg)
{
    each(&r->root, fn, arg);
}

const jz_indicator *jz_rubric_find(const jz_rubric *r, const char *id)
{
    return find_mut((jz_section *)&r->root, id, NULL);
}

const jz_grade *jz_rubric_grade(const jz_rubric *r, int64_t total)
{
    for (size_t i = 0; i < r->ngrades; i++)
        if (total >= r->grades[i].min)
            return &r->grades[i];
    return r->ngrades ? &r->grades[r->ngrades - 1] : NULL;
}
