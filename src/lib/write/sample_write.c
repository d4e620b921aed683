/* sample_write.c — see include/jz/sample_write.h: the draws of jz-sample clients and
 * activities, and the visit plan of jz-sample visits, as text, csv or json. */
#include "jz/sample_write.h"
#include "jz/calendar_write.h"
#include "jz/i18n.h"
#include "jz/emit.h"
#include "jz/date.h"
#include "jz/diag.h"
#include "jz/text.h"
#include "jz/text_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* jz-sample's tables: no trailing blank cells, control characters of the input escaped. */
/* A cell of a text table (text_table.h). */
#define cell jz_ttable_cell

#define TT (JZ_TT_TRIM | JZ_TT_SHOWN)

/* ---- clients and activities ---- */

static const char *file_name(const jz_sample_units_doc *u, unsigned i)
{
    return strcmp(u->files[i], "-") == 0 ? "<stdin>" : u->files[i];
}

static const char *unit_word(const jz_sample_spec *o)
{
    return o->what == JZ_SAMPLE_CLIENTS ? "client" : "activity";
}

static unsigned kinds_of(const jz_sample_spec *o)
{
    return o->kinds ? o->kinds : jz_sample_default_kinds(o->what);
}

/* The chosen kinds as "case, group, community" (or "every kind"). */
static void kinds_text(FILE *fp, const jz_sample_spec *o)
{
    unsigned mask = kinds_of(o);
    if (mask == (1u << JZ_KIND_N) - 1) {
        fputs(_("every kind"), fp);
        return;
    }
    const char *const *names = jz_lang_get() == JZ_LANG_ZH ? jz_enum_kind.zh : jz_enum_kind.en;
    for (size_t k = 0, n = 0; k < jz_enum_kind.n; k++)
        if (mask & 1u << k)
            fprintf(fp, "%s%s", n++ ? C_("list", ", ") : "", names[k]);
}

static void period_text(const jz_sample_spec *o, char *buf, size_t cap)
{
    char a[11], b[11];
    if (o->from == INT32_MIN && o->to == INT32_MAX)
        snprintf(buf, cap, "%s", _("all records"));
    else if (o->to == INT32_MAX)
        snprintf(buf, cap, _("from %s"), jz_date_format(o->from, a));
    else if (o->from == INT32_MIN)
        snprintf(buf, cap, _("to %s"), jz_date_format(o->to, b));
    else
        snprintf(buf, cap, _("%s to %s"), jz_date_format(o->from, a), jz_date_format(o->to, b));
}

static void text_head(FILE *fp, const jz_sample_head *h)
{
    fprintf(fp, _("seed-sha256  %s\n"), h->sha);
    if (h->seed_shown)
        fprintf(fp, _("seed         %s (from the clock)\n"), h->seed_shown);
    fprintf(fp, _("method       %s (see jz-sample(1), ALGORITHM)\n"), h->method);
}

static void text_strata(FILE *fp, const jz_sample_result *res)
{
    const char *const head[] = {_("centre"), _("stratum"), _("population"), _("excluded"), _("available"), _("asked"),
                                _("drawn"), _("short")};
    jz_ttable t = {res->short_strata ? 8 : 7, 0, head, "llrrrrrr", TT, NULL};
    for (size_t i = 0; i < res->nstrata; i++) {
        const jz_sample_stratum *s = &res->strata[i];
        size_t sh = s->share > s->drawn ? s->share - s->drawn : 0;
        char *row[8] = {cell("%s", s->centre), cell("%s", s->value), cell("%zu", s->population),
                        cell("%zu", s->excluded), cell("%zu", s->available), cell("%zu", s->share),
                        cell("%zu", s->drawn), sh ? cell("%zu", sh) : cell("%s", "")};
        if (t.ncols < 8)
            free(row[7]);
        jz_ttable_row(&t, row);
    }
    jz_ttable_print(fp, &t);
}

/* Where the unit's records are: FILE:FIRST..LAST, FILE:LINE for one, F1:L1..F2:L2 across files. */
static char *where(const jz_sample_units_doc *u, const jz_sample_item *it)
{
    const char *a = file_name(u, it->first_file), *b = file_name(u, it->last_file);
    if (it->first_file != it->last_file)
        return cell("%s:%ld..%s:%ld", a, it->first_line, b, it->last_line);
    if (it->first_line != it->last_line)
        return cell("%s:%ld..%ld", a, it->first_line, it->last_line);
    return cell("%s:%ld", a, it->first_line);
}

/* The inclusion probability as a decimal (9 places; exactly 1 for a certainty). */
static char *pi_cell(const jz_sample_item *it)
{
    if (it->pi_num >= it->pi_den)
        return cell("%s", "1");
    return cell("%.9f", (double)it->pi_num / (double)it->pi_den);
}

/* --weights: the measure of size and the inclusion probability of each draw. */
static void text_items_weighted(FILE *fp, const jz_sample_units_doc *u)
{
    const char *const head_c[] = {_("centre"), _("stratum"), _("no"), _("client"), _("records"), _("first"), _("last"),
                                  _("measure"), _("inclusion p"), _("lines (first..last)")};
    const char *const head_a[] = {_("centre"), _("stratum"), _("no"), _("activity"), _("records"), _("first"), _("last"),
                                  _("measure"), _("inclusion p"), _("lines (first..last)")};
    jz_ttable t = {10, 0, u->spec->what == JZ_SAMPLE_CLIENTS ? head_c : head_a, "llrlrllrrl", TT, NULL};
    for (size_t i = 0; i < u->res->nitems; i++) {
        const jz_sample_item *it = &u->res->items[i];
        char a[11], b[11];
        char *row[10] = {cell("%s", it->centre), cell("%s", it->value), cell("%zu", it->rank), cell("%s", it->id),
                         cell("%ld", it->records), cell("%s", jz_date_format(it->first_day, a)),
                         cell("%s", jz_date_format(it->last_day, b)), cell("%llu", (unsigned long long)it->measure),
                         pi_cell(it), where(u, it)};
        jz_ttable_row(&t, row);
    }
    jz_ttable_print(fp, &t);
}

static void text_items(FILE *fp, const jz_sample_units_doc *u)
{
    const char *const head_c[] = {_("centre"), _("stratum"), _("no"), _("client"), _("records"), _("first"), _("last"),
                                  _("lines (first..last)")};
    const char *const head_a[] = {_("centre"), _("stratum"), _("no"), _("activity"), _("records"), _("first"), _("last"),
                                  _("lines (first..last)")};
    if (u->res->weighted) {
        text_items_weighted(fp, u);
        return;
    }
    jz_ttable t = {8, 0, u->spec->what == JZ_SAMPLE_CLIENTS ? head_c : head_a, "llrlrlll", TT, NULL};
    for (size_t i = 0; i < u->res->nitems; i++) {
        const jz_sample_item *it = &u->res->items[i];
        char a[11], b[11];
        char *row[8] = {cell("%s", it->centre), cell("%s", it->value), cell("%zu", it->rank), cell("%s", it->id),
                        cell("%ld", it->records), cell("%s", jz_date_format(it->first_day, a)),
                        cell("%s", jz_date_format(it->last_day, b)), where(u, it)};
        jz_ttable_row(&t, row);
    }
    jz_ttable_print(fp, &t);
}

static void write_units_text(FILE *fp, const void *doc)
{
    const jz_sample_units_doc *u = doc;
    const jz_sample_spec *o = u->spec;
    const jz_sample_result *r = u->res;
    char period[64];
    period_text(o, period, sizeof period);
    text_head(fp, u->head);
    /* TRANSLATORS: what the strata are by (a column of the records) */
    static const char *const by[] = {N_("kind"), N_("target"), N_("place"), N_("mode"), N_("centre"), N_("staff")};
    bool clients = o->what == JZ_SAMPLE_CLIENTS;
    fprintf(fp, clients ? (u->size.per_stratum ? _("draw         clients, %zu from every stratum, strata by %s\n")
                                               : _("draw         clients, %zu in all in proportion to the strata, strata by %s\n"))
                        : (u->size.per_stratum ? _("draw         activities, %zu from every stratum, strata by %s\n")
                                               : _("draw         activities, %zu in all in proportion to the strata, strata by %s\n")),
            u->size.n, _(by[o->by]));
    fputs(_("kinds        "), fp);
    kinds_text(fp, o);
    fprintf(fp, "%s", o->modes == 1u << JZ_MODE_DIRECT ? _("; direct records only")
                      : o->modes ? _("; indirect records only") : "");
    fprintf(fp, _("\nperiod       %s\n"), period);
    fprintf(fp, clients ? _("population   %zu clients, %zu excluded, %zu available\n")
                        : _("population   %zu activities, %zu excluded, %zu available\n"),
            r->population, r->excluded, r->population - r->excluded);
    fprintf(fp, _("drawn        %zu of %zu asked, %llu words of the stream\n\n"), r->drawn, r->asked,
            (unsigned long long)u->head->words);
    text_strata(fp, r);
    fputc('\n', fp);
    if (r->nitems)
        text_items(fp, u);
    else
        fputs(_("(nothing drawn)\n"), fp);
}

/* What jz-verify(1) weighs an item by: its stratum's population, available units and
 * draws, its inclusion probability (drawn / available) and the reported figures of the item
 * and of the stratum's available units. sep "," gives csv fields, anything else json. */
static void weight_fields(FILE *fp, const jz_sample_stratum *s, const jz_sample_item *it, const char *sep)
{
    char a[32], b[32];
    bool csv = strcmp(sep, ",") == 0;
    double pi = s->available ? (double)s->drawn / (double)s->available : 0;
    bool pps = it->pi_den > 0;   /* --weights: the item's own probability, with 9 places */
    if (pps)
        pi = (double)it->pi_num / (double)it->pi_den;
    fprintf(fp, csv ? (pps ? "%zu,%zu,%zu,%.9f,%lld,%s,%lld,%s" : "%zu,%zu,%zu,%.6f,%lld,%s,%lld,%s")
                    : pps ? "\"stratum_population\":%zu,\"stratum_available\":%zu,\"stratum_drawn\":%zu,"
                            "\"inclusion_probability\":%.9f,\"reported_participants\":%lld,\"reported_hours\":%s,"
                            "\"stratum_reported_participants\":%lld,\"stratum_reported_hours\":%s"
                          : "\"stratum_population\":%zu,\"stratum_available\":%zu,\"stratum_drawn\":%zu,"
                            "\"inclusion_probability\":%.6f,\"reported_participants\":%lld,\"reported_hours\":%s,"
                            "\"stratum_reported_participants\":%lld,\"stratum_reported_hours\":%s",
            s->population, s->available, s->drawn, pi, (long long)it->participants,
            jz_minutes_format(it->minutes, 2, false, a), (long long)s->participants,
            jz_minutes_format(s->minutes, 2, false, b));
}

static void write_units_csv(FILE *fp, const void *doc)
{
    const jz_sample_units_doc *u = doc;
    fprintf(fp, "seed_sha256,method,centre,stratum,rank,%s,records,first_date,last_date,first_file,first_line,"
                "last_file,last_line,stratum_population,stratum_available,stratum_drawn,inclusion_probability,"
                "reported_participants,reported_hours,stratum_reported_participants,stratum_reported_hours%s\n",
            unit_word(u->spec), u->res->weighted ? ",measure,inclusion_fraction" : "");
    for (size_t i = 0; i < u->res->nitems; i++) {
        const jz_sample_item *it = &u->res->items[i];
        char a[11], b[11];
        fprintf(fp, "%s,%s,", u->head->sha, u->head->method);
        jz_csv_field(fp, it->centre);
        fputc(',', fp);
        jz_csv_field(fp, it->value);
        fprintf(fp, ",%zu,", it->rank);
        jz_csv_field(fp, it->id);
        fprintf(fp, ",%ld,%s,%s,", it->records, jz_date_format(it->first_day, a), jz_date_format(it->last_day, b));
        jz_csv_field(fp, file_name(u, it->first_file));
        fprintf(fp, ",%ld,", it->first_line);
        jz_csv_field(fp, file_name(u, it->last_file));
        fprintf(fp, ",%ld,", it->last_line);
        weight_fields(fp, &u->res->strata[it->stratum], it, ",");
        if (u->res->weighted)
            fprintf(fp, ",%llu,%llu/%llu", (unsigned long long)it->measure, (unsigned long long)it->pi_num,
                    (unsigned long long)it->pi_den);
        fputc('\n', fp);
    }
}

static void json_str(FILE *fp, const char *key, const char *val)
{
    fprintf(fp, "\"%s\":", key);
    if (val)
        jz_json_string(fp, val);
    else
        fputs("null", fp);
}

static void json_head(FILE *fp, const jz_sample_head *h, const char *draw)
{
    fprintf(fp, "{\"seed_sha256\":\"%s\",\"method\":\"%s\",", h->sha, h->method);
    json_str(fp, "seed", h->seed_shown);
    fprintf(fp, ",\"schema\":\"jiazong-sample/1\",\"tool\":\"jz-sample %s\",\"draw\":\"%s\",\"words\":%llu,",
            JZ_VERSION, draw, (unsigned long long)h->words);
}

static void json_date(FILE *fp, const char *key, jz_day d, bool open)
{
    char b[11];
    fprintf(fp, open ? ",\"%s\":null" : ",\"%s\":\"%s\"", key, open ? "" : jz_date_format(d, b));
}

static void json_strata(FILE *fp, const jz_sample_result *r)
{
    fputs(",\"strata\":[", fp);
    for (size_t i = 0; i < r->nstrata; i++) {
        const jz_sample_stratum *s = &r->strata[i];
        fputs(i ? ",\n  {" : "\n  {", fp);
        json_str(fp, "centre", s->centre);
        fputc(',', fp);
        json_str(fp, "stratum", s->value);
        char h[32];
        fprintf(fp, ",\"population\":%zu,\"excluded\":%zu,\"available\":%zu,\"asked\":%zu,\"drawn\":%zu,\"short\":%zu,"
                    "\"reported_participants\":%lld,\"reported_hours\":%s}",
                s->population, s->excluded, s->available, s->share, s->drawn,
                s->share > s->drawn ? s->share - s->drawn : 0, (long long)s->participants,
                jz_minutes_format(s->minutes, 2, false, h));
    }
    fputs("]", fp);
}

static void json_item(FILE *fp, const jz_sample_units_doc *u, const jz_sample_item *it)
{
    char a[11], b[11];
    json_str(fp, "centre", it->centre);
    fputc(',', fp);
    json_str(fp, "stratum", it->value);
    fprintf(fp, ",\"rank\":%zu,", it->rank);
    json_str(fp, unit_word(u->spec), it->id);
    fprintf(fp, ",\"records\":%ld,\"first_date\":\"%s\",\"last_date\":\"%s\",", it->records,
            jz_date_format(it->first_day, a), jz_date_format(it->last_day, b));
    json_str(fp, "first_file", file_name(u, it->first_file));
    fprintf(fp, ",\"first_line\":%ld,", it->first_line);
    json_str(fp, "last_file", file_name(u, it->last_file));
    fprintf(fp, ",\"last_line\":%ld,", it->last_line);
    weight_fields(fp, &u->res->strata[it->stratum], it, "json");
    if (u->res->weighted)
        fprintf(fp, ",\"measure\":%llu,\"inclusion_fraction\":\"%llu/%llu\"", (unsigned long long)it->measure,
                (unsigned long long)it->pi_num, (unsigned long long)it->pi_den);
}

static void write_units_json(FILE *fp, const void *doc)
{
    const jz_sample_units_doc *u = doc;
    const jz_sample_spec *o = u->spec;
    const jz_sample_result *r = u->res;
    json_head(fp, u->head, o->what == JZ_SAMPLE_CLIENTS ? "clients" : "activities");
    fprintf(fp, "\"by\":\"%s\",\"allocation\":\"%s\",\"n\":%zu,\"kinds\":[", jz_sample_by_names[o->by],
            u->size.per_stratum ? "per_stratum" : "proportional", u->size.n);
    for (size_t k = 0, n = 0; k < jz_enum_kind.n; k++)
        if (kinds_of(o) & 1u << k)
            fprintf(fp, "%s\"%s\"", n++ ? "," : "", jz_enum_kind.en[k]);
    fputs("],", fp);
    json_str(fp, "mode", o->modes ? jz_enum_mode.en[o->modes >> 1] : NULL);
    json_date(fp, "from", o->from, o->from == INT32_MIN);
    json_date(fp, "to", o->to, o->to == INT32_MAX);
    fprintf(fp, ",\"population\":%zu,\"excluded\":%zu,\"available\":%zu,\"asked\":%zu,\"drawn\":%zu,\"short\":%s",
            r->population, r->excluded, r->population - r->excluded, r->asked, r->drawn,
            r->short_total ? "true" : "false");
    json_strata(fp, r);
    fputs(",\"draws\":[", fp);
    for (size_t i = 0; i < r->nitems; i++) {
        fputs(i ? ",\n  {" : "\n  {", fp);
        json_item(fp, u, &r->items[i]);
        fputc('}', fp);
    }
    fputs("]}\n", fp);
}

/* ---- visits ---- */

static const char *const status_name[] = {"drawn", "short", "outside"};

static void parts_text(int per, char *buf, size_t cap)
{
    size_t n = 0;
    for (int p = 1; p <= per && n < cap; p++) {
        int a, b;
        jz_visit_part_months(per, p, &a, &b);
        n += (size_t)snprintf(buf + n, cap - n, a == b ? "%s%d" : "%s%d-%d", p > 1 ? C_("list", ", ") : "", a, b);
    }
}

static void write_visits_text(FILE *fp, const void *doc)
{
    const jz_sample_visits_doc *v = doc;
    const char *const head[] = {_("centre"), _("team"), _("part"), _("months"), _("working days"), _("date"),
                                _("weekday"), _("redraws"), _("contract")};
    char parts[128], d[11];
    parts_text(v->per_centre, parts, sizeof parts);
    text_head(fp, v->head);
    fprintf(fp, _("draw         visits in %d, %d a centre (months %s)\n"), v->year, v->per_centre, parts);
    if (v->teams)
        fprintf(fp, _("teams        %s: never two centres of a team on one day\n"), v->teams);
    else
        fputs(_("teams        none\n"), fp);
    fprintf(fp, jz_trn("visits       %zu drawn for %zu centre, %zu short, %llu words of the stream\n\n",
                       "visits       %zu drawn for %zu centres, %zu short, %llu words of the stream\n\n",
                       (unsigned long)v->plan->centres),
            v->plan->drawn, v->plan->centres, v->plan->short_, (unsigned long long)v->head->words);
    jz_ttable t = {9, 0, head, "llrlrllrl", TT, NULL};
    if (!v->plan->n) {
        fprintf(fp, _("(nothing drawn: no contract runs in %d)\n"), v->year);
        return;
    }
    for (size_t i = 0; i < v->plan->n; i++) {
        const jz_visit *x = &v->plan->v[i];
        bool drawn = x->status == JZ_VISIT_DRAWN;
        char *row[9] = {cell("%s", x->centre), cell("%s", x->team ? x->team : "-"), cell("%d", x->part),
                        cell(x->month_from == x->month_to ? "%d" : "%d-%d", x->month_from, x->month_to),
                        cell("%ld", x->working_days),
                        cell("%s", drawn ? jz_date_format(x->date, d) : x->status == JZ_VISIT_SHORT ? _("none free") : _("no contract")),
                        cell("%s", drawn ? jz_weekday_text(x->date) : "-"), cell("%ld", x->redraws),
                        cell("%s", x->contract ? x->contract : "-")};
        jz_ttable_row(&t, row);
    }
    jz_ttable_print(fp, &t);
}

static void write_visits_csv(FILE *fp, const void *doc)
{
    const jz_sample_visits_doc *v = doc;
    fputs("seed_sha256,method,centre,team,part,part_from,part_to,working_days,status,date,weekday,redraws,contract\n", fp);
    for (size_t i = 0; i < v->plan->n; i++) {
        const jz_visit *x = &v->plan->v[i];
        char a[11], b[11], d[11];
        bool drawn = x->status == JZ_VISIT_DRAWN;
        fprintf(fp, "%s,%s,", v->head->sha, JZ_SAMPLE_METHOD);
        jz_csv_field(fp, x->centre);
        fputc(',', fp);
        jz_csv_field(fp, x->team ? x->team : "");
        fprintf(fp, ",%d,%s,%s,%ld,%s,%s,%s,%ld,", x->part, jz_date_format(x->part_from, a),
                jz_date_format(x->part_to, b), x->working_days, status_name[x->status],
                drawn ? jz_date_format(x->date, d) : "", drawn ? jz_weekday_name(jz_weekday(x->date)) : "", x->redraws);
        jz_csv_field(fp, x->contract ? x->contract : "");
        fputc('\n', fp);
    }
}

static void write_visits_json(FILE *fp, const void *doc)
{
    const jz_sample_visits_doc *v = doc;
    json_head(fp, v->head, "visits");
    fprintf(fp, "\"year\":%d,\"per_centre\":%d,", v->year, v->per_centre);
    json_str(fp, "teams", v->teams);
    fprintf(fp, ",\"centres\":%zu,\"drawn\":%zu,\"short\":%zu,\"visits\":[", v->plan->centres, v->plan->drawn,
            v->plan->short_);
    for (size_t i = 0; i < v->plan->n; i++) {
        const jz_visit *x = &v->plan->v[i];
        char a[11], b[11], d[11];
        bool drawn = x->status == JZ_VISIT_DRAWN;
        fputs(i ? ",\n  {" : "\n  {", fp);
        json_str(fp, "centre", x->centre);
        fputc(',', fp);
        json_str(fp, "team", x->team);
        fprintf(fp, ",\"part\":%d,\"part_from\":\"%s\",\"part_to\":\"%s\",\"working_days\":%ld,\"status\":\"%s\",",
                x->part, jz_date_format(x->part_from, a), jz_date_format(x->part_to, b), x->working_days,
                status_name[x->status]);
        json_str(fp, "date", drawn ? jz_date_format(x->date, d) : NULL);
        fputc(',', fp);
        json_str(fp, "weekday", drawn ? jz_weekday_name(jz_weekday(x->date)) : NULL);
        fprintf(fp, ",\"redraws\":%ld,", x->redraws);
        json_str(fp, "contract", x->contract);
        fputc('}', fp);
    }
    fputs("]}\n", fp);
}

const jz_writer jz_sample_units_writers[] = {
    {"text", write_units_text, NULL},
    {"csv", write_units_csv, NULL},
    {"json", write_units_json, NULL},
    {NULL, NULL, NULL},
};

const jz_writer jz_sample_visits_writers[] = {
    {"text", write_visits_text, NULL},
    {"csv", write_visits_csv, NULL},
    {"json", write_visits_json, NULL},
    {NULL, NULL, NULL},
};
