/* measure.c — what each measure kind means: its unit, its words, the inputs that can move
 * its value; the functions of the kinds' table (jz_measure_kinds in rubric.c, whose
 * parsers live beside the loader). See include/jz/rubric.h. */
#include "jz/rubric.h"
#include "jz/date.h"
#include "jz/fp.h"
#include "jz/strbuf.h"

#include <stdio.h>
#include <stdlib.h>

static char *points_text(int64_t v, char *buf, size_t cap)
{
    return jz_fixed_trim(v, 4, buf, cap);
}

/* ---- a filter in words ---- */


static void list_words(jz_sb *b, const char *key, char *const *vals, size_t n)
{
    jz_sb_add(b, "%s=", key);
    for (size_t i = 0; i < n; i++)
        jz_sb_add(b, "%s%s", i ? "|" : "", vals[i]);
}

static void range_words(jz_sb *b, const char *what, int64_t lo, int64_t hi, bool minutes)
{
    char x[32], y[32];
    const char *unit = minutes ? " h" : "";
    if (minutes) {
        points_text(lo < 0 ? 0 : lo * JZ_FP / 60, x, sizeof x);
        points_text(hi < 0 ? 0 : hi * JZ_FP / 60, y, sizeof y);
    } else {
        snprintf(x, sizeof x, "%lld", (long long)lo);
        snprintf(y, sizeof y, "%lld", (long long)hi);
    }
    if (lo >= 0 && hi >= 0)
        jz_sb_add(b, "%s %s–%s%s", what, x, y, unit);
    else if (lo >= 0)
        jz_sb_add(b, "%s ≥ %s%s", what, x, unit);
    else
        jz_sb_add(b, "%s ≤ %s%s", what, y, unit);
}

/* "kind=case, mode=direct, participants ≥ 200"; "" when w matches every record. */
static void where_words(jz_sb *b, const jz_where *w)
{
    static const jz_enumdef *const enums[4] = {&jz_enum_kind, &jz_enum_mode, &jz_enum_place, &jz_enum_target};
    static const char *const text_keys[4] = {"staff", "client", "activity", "centre"};
    const char *sep = "";
    for (int i = 0; i < 4; i++) {
        if (!w->enums[i])
            continue;
        jz_sb_add(b, "%s%s=", sep, enums[i]->name);
        const char *bar = "";
        for (size_t k = 0; k < enums[i]->n; k++)
            if (w->enums[i] & (1u << k)) {
                jz_sb_add(b, "%s%s", bar, enums[i]->en[k]);
                bar = "|";
            }
        sep = ", ";
    }
    for (int i = 0; i < 4; i++)
        if (w->text_vals[i]) {
            jz_sb_add(b, "%s", sep);
            list_words(b, text_keys[i], w->text_vals[i], w->ntext[i]);
            sep = ", ";
        }
    char d1[11], d2[11];
    if (w->date_from != JZ_NO_DAY && w->date_to != JZ_NO_DAY)
        jz_sb_add(b, "%sdate %s to %s", sep, jz_date_format(w->date_from, d1), jz_date_format(w->date_to, d2));
    else if (w->date_from != JZ_NO_DAY)
        jz_sb_add(b, "%sdate from %s", sep, jz_date_format(w->date_from, d1));
    else if (w->date_to != JZ_NO_DAY)
        jz_sb_add(b, "%sdate to %s", sep, jz_date_format(w->date_to, d2));
    if (w->date_from != JZ_NO_DAY || w->date_to != JZ_NO_DAY)
        sep = ", ";
    if (w->hours_min >= 0 || w->hours_max >= 0) {
        jz_sb_add(b, "%s", sep);
        range_words(b, "hours", w->hours_min, w->hours_max, true);
        sep = ", ";
    }
    if (w->participants_min >= 0 || w->participants_max >= 0) {
        jz_sb_add(b, "%s", sep);
        range_words(b, "participants", w->participants_min, w->participants_max, false);
        sep = ", ";
    }
    static const char *const wd[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const char *const dn[] = {"working", "weekend", "holiday"};
    const char *const *names[] = {wd, dn, jz_enum_qual.en};
    const char *labels[] = {"weekday", "day", "qualification"};
    unsigned masks[] = {w->weekdays, w->days, w->quals};
    size_t counts[] = {7, 3, jz_enum_qual.n};
    for (int i = 0; i < 3; i++) {
        if (!masks[i])
            continue;
        jz_sb_add(b, "%s%s=", sep, labels[i]);
        const char *bar = "";
        for (size_t k = 0; k < counts[i]; k++)
            if (masks[i] & (1u << k)) {
                jz_sb_add(b, "%s%s", bar, names[i][k]);
                bar = "|";
            }
        sep = ", ";
    }
    if (w->time_from >= 0 || w->time_to >= 0) {
        jz_sb_add(b, "%sstart", sep);
        if (w->time_from >= 0)
            jz_sb_add(b, " from %02d:%02d", (int)(w->time_from / 60), (int)(w->time_from % 60));
        if (w->time_to >= 0)
            jz_sb_add(b, " before %02d:%02d", (int)(w->time_to / 60), (int)(w->time_to % 60));
        sep = ", ";
    }
    if (w->counted >= 0) {
        jz_sb_add(b, "%s%s", sep, w->counted ? "counted staff" : "staff not counted");
        sep = ", ";
    }
    if (w->not_) {
        jz_sb_add(b, "%snot (", sep);
        where_words(b, w->not_);
        jz_sb_add(b, ")");
    }
}

static void where_clause(jz_sb *b, const char *lead, const jz_where *w)
{
    jz_sb probe = {0};
    where_words(&probe, w);
    if (probe.n)
        jz_sb_add(b, "%s%s", lead, probe.s);
    free(probe.s);
}

/* ---- each kind in words ---- */

static const char *const key_names[] = {"clients", "activities", "staff"};

/* the having of a count_distinct, or of a count or sum per key */
static void having_words(jz_sb *b, const jz_measure *m)
{
    if (m->key_drop_after)
        jz_sb_add(b, " (ids cut at the last of \"%s\")", m->key_drop_after);
    if (m->kind != JZ_M_DISTINCT && !m->per_key)
        return;
    if (m->per_key)
        jz_sb_add(b, " of the %s", key_names[m->key]);
    const char *sep = m->per_key ? " whose records reach " : " with ";
    if (m->min_rows >= 0)
        jz_sb_add(b, "%s≥ %lld rows", sep, (long long)m->min_rows), sep = " and ";
    if (m->min_sessions >= 0)
        jz_sb_add(b, "%s≥ %lld sessions", sep, (long long)m->min_sessions), sep = " and ";
    if (m->min_attendances >= 0)
        jz_sb_add(b, "%s≥ %lld attendances", sep, (long long)m->min_attendances);
}

void jz_words_count(jz_sb *b, const jz_measure *m)
{
    jz_sb_add(b, "records");
    having_words(b, m);
    where_clause(b, " where ", &m->where);
}

void jz_words_sum(jz_sb *b, const jz_measure *m)
{
    static const char *const sums[] = {"hours", "participants", "volunteers", "volunteer hours"};
    jz_sb_add(b, "sum of %s", sums[m->sum]);
    having_words(b, m);
    where_clause(b, " where ", &m->where);
}

void jz_words_distinct(jz_sb *b, const jz_measure *m)
{
    jz_sb_add(b, "distinct %s", key_names[m->key]);
    having_words(b, m);
    where_clause(b, " where ", &m->where);
}

void jz_words_share(jz_sb *b, const jz_measure *m)
{
    jz_sb_add(b, "share of hours");
    where_clause(b, " with ", &m->part);
    jz_sb_add(b, " among %s", m->where.any ? "all hours" : "hours");
    where_clause(b, " where ", &m->where);
}

void jz_words_ratio(jz_sb *b, const jz_measure *m)
{
    jz_sb_add(b, "ratio of (");
    jz_measure_kind(m->num->kind)->words(b, m->num);
    jz_sb_add(b, ") to (");
    jz_measure_kind(m->den->kind)->words(b, m->den);
    jz_sb_add(b, ")");
}

void jz_words_hours(jz_sb *b, const jz_measure *m)
{
    jz_sb_add(b, "hours check %s (delivered ÷ required by the hours rules)", m->hours_check);
}

void jz_words_entered(jz_sb *b, const jz_measure *m)
{
    static const char *const aggs[] = {"mean", "median", "trimmed mean (highest and lowest dropped)"};
    char t[JZ_FP_BUF];
    jz_sb_add(b, "evaluators' scores, %s, ", aggs[m->agg]);
    if (m->tolerance >= 0)
        jz_sb_add(b, "tolerance %s", points_text(m->tolerance, t, sizeof t));
    else
        jz_sb_add(b, "no tolerance");
    if (m->drop_outliers)
        jz_sb_add(b, ", outliers beyond it from the median dropped");
    if (m->min_evaluators >= 0)
        jz_sb_add(b, ", at least %lld evaluators", (long long)m->min_evaluators);
}

void jz_words_survey(jz_sb *b, const jz_measure *m)
{
    jz_sb_add(b, "survey mean (0–5) of ");
    for (size_t i = 0; i < m->nquestions; i++)
        jz_sb_add(b, "%s%s", i ? ", " : "questions ", m->questions[i]);
    if (!m->nquestions)
        jz_sb_add(b, "every question");
    for (size_t i = 0; i < m->ngroups; i++) {
        char w[JZ_FP_BUF];
        jz_sb_add(b, "%s%s %s %%", i ? ", " : ", groups weighted ", m->group_names[i],
                  points_text(m->group_weights[i] * 100, w, sizeof w));
    }
    if (m->min_respondents >= 0)
        jz_sb_add(b, ", at least %lld respondents a group", (long long)m->min_respondents);
}

char *jz_measure_words(const jz_measure *m)
{
    jz_sb b = {0};
    jz_measure_kind(m->kind)->words(&b, m);
    return jz_sb_done(&b);
}

/* ---- each kind's unit ---- */

jz_vunit jz_unit_count(const jz_measure *m)
{
    (void)m;
    return (jz_vunit){"records", -1};
}

jz_vunit jz_unit_sum(const jz_measure *m)
{
    if (m->sum == JZ_SUM_HOURS || m->sum == JZ_SUM_VOLUNTEER_HOURS)
        return (jz_vunit){"h", 1};
    return (jz_vunit){m->sum == JZ_SUM_PARTICIPANTS ? "attendances" : "volunteers", -1};
}

jz_vunit jz_unit_distinct(const jz_measure *m)
{
    return (jz_vunit){key_names[m->key], -1};
}

jz_vunit jz_unit_fraction(const jz_measure *m)
{
    (void)m;
    return (jz_vunit){"", -1};
}

jz_vunit jz_unit_points(const jz_measure *m)
{
    (void)m;
    return (jz_vunit){"points", 2};
}

jz_vunit jz_unit_of_5(const jz_measure *m)
{
    (void)m;
    return (jz_vunit){"of 5", 2};
}
