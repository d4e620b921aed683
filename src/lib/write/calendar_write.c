/* calendar_write.c — see include/jz/calendar_write.h. */
#include "jz/calendar_write.h"
#include "jz/emit.h"
#include "jz/date.h"
#include "jz/diag.h"
#include "jz/i18n.h"
#include "jz/text.h"

#include <string.h>

const char *jz_days_reason_text(const char *reason, char *buf, size_t cap)
{
    static const char prefix[] = "make-up working day (";
    size_t n = strlen(reason);
    if (strcmp(reason, "working day") == 0)
        return _("working day");
    if (strcmp(reason, "weekend") == 0)
        return _("weekend");
    if (strncmp(reason, prefix, sizeof prefix - 1) == 0 && n > sizeof prefix - 1 && reason[n - 1] == ')') {
        snprintf(buf, cap, _("make-up working day (%.*s)"), (int)(n - sizeof prefix), reason + sizeof prefix - 1);
        return buf;
    }
    return reason;
}

const char *jz_weekday_text(jz_day d)
{
    static const char *const names[7] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
                                         N_("Friday"), N_("Saturday"), N_("Sunday")};
    int w = jz_weekday(d);
    return w >= 0 && w < 7 ? _(names[w]) : "?";
}

/* ---- add ---- */

static void add_text(FILE *fp, const void *doc)
{
    const jz_days_add_doc *a = doc;
    char b[11];
    fprintf(fp, "%s\n", jz_date_format(a->date, b));
}

static void add_csv(FILE *fp, const void *doc)
{
    const jz_days_add_doc *a = doc;
    char f[11], b[11];
    fprintf(fp, "from,n,date\n%s,%ld,%s\n", jz_date_format(a->from, f), a->n, jz_date_format(a->date, b));
}

static void add_json(FILE *fp, const void *doc)
{
    const jz_days_add_doc *a = doc;
    char f[11], b[11];
    fprintf(fp, "{\"command\":\"add\",\"from\":\"%s\",\"n\":%ld,\"date\":\"%s\"}\n",
            jz_date_format(a->from, f), a->n, jz_date_format(a->date, b));
}

const jz_writer jz_days_add_writers[] = {
    {"text", add_text, NULL}, {"json", add_json, NULL}, {"csv", add_csv, NULL}, {NULL, NULL, NULL}};

/* ---- count ---- */

static void count_text(FILE *fp, const void *doc)
{
    fprintf(fp, "%ld\n", ((const jz_days_count_doc *)doc)->working_days);
}

static void count_csv(FILE *fp, const void *doc)
{
    const jz_days_count_doc *c = doc;
    char a[11], b[11];
    fprintf(fp, "from,to,working_days\n%s,%s,%ld\n", jz_date_format(c->from, a), jz_date_format(c->to, b),
            c->working_days);
}

static void count_json(FILE *fp, const void *doc)
{
    const jz_days_count_doc *c = doc;
    char a[11], b[11];
    fprintf(fp, "{\"command\":\"count\",\"from\":\"%s\",\"to\":\"%s\","
            "\"working_days\":%ld}\n", jz_date_format(c->from, a), jz_date_format(c->to, b), c->working_days);
}

const jz_writer jz_days_count_writers[] = {
    {"text", count_text, NULL}, {"json", count_json, NULL}, {"csv", count_csv, NULL}, {NULL, NULL, NULL}};

/* ---- is ---- */

static void is_text(FILE *fp, const void *doc)
{
    const jz_days_is_doc *is = doc;
    for (size_t i = 0; i < is->n; i++) {
        const jz_days_verdict *v = &is->v[i];
        char d[11];
        char r[256];
        fprintf(fp, "%s  ", jz_date_format(v->day, d));
        jz_text_pad(fp, jz_weekday_text(v->day), 9);
        fputs("  ", fp);
        jz_text_pad(fp, v->working ? _("working") : _("not working"), 11);
        fprintf(fp, "  %s\n", jz_text_show(jz_days_reason_text(v->reason, r, sizeof r)));
    }
}

static void is_csv(FILE *fp, const void *doc)
{
    const jz_days_is_doc *is = doc;
    fputs("date,weekday,working,reason\n", fp);
    for (size_t i = 0; i < is->n; i++) {
        const jz_days_verdict *v = &is->v[i];
        char d[11];
        fprintf(fp, "%s,%s,%s,", jz_date_format(v->day, d), jz_weekday_name(jz_weekday(v->day)),
                v->working ? "true" : "false");
        jz_csv_field(fp, v->reason);
        fputc('\n', fp);
    }
}

static void is_json(FILE *fp, const void *doc)
{
    const jz_days_is_doc *is = doc;
    fputs("{\"command\":\"is\",\"dates\":[", fp);
    for (size_t i = 0; i < is->n; i++) {
        const jz_days_verdict *v = &is->v[i];
        char d[11];
        fprintf(fp, "%s{\"date\":\"%s\",\"weekday\":\"%s\",\"working\":%s,\"reason\":", i ? "," : "",
                jz_date_format(v->day, d), jz_weekday_name(jz_weekday(v->day)), v->working ? "true" : "false");
        jz_json_string(fp, v->reason);
        fputc('}', fp);
    }
    fputs("]}\n", fp);
}

const jz_writer jz_days_is_writers[] = {
    {"text", is_text, NULL}, {"json", is_json, NULL}, {"csv", is_csv, NULL}, {NULL, NULL, NULL}};

/* ---- schedule ---- */

static void schedule_text(FILE *fp, const void *doc)
{
    const jz_days_schedule_doc *sc = doc;
    jz_text_pad(fp, _("step"), 19);
    fputs("  ", fp);
    jz_text_pad(fp, _("date"), 10);
    fputs("  ", fp);
    jz_text_pad(fp, _("weekday"), 9);
    fprintf(fp, "  %s\n", _("working days"));
    for (size_t i = 0; i < sc->nsteps; i++) {
        const jz_days_step *s = &sc->steps[i];
        const char *wd = jz_weekday_text(sc->day[i]);
        char d[11];
        jz_date_format(sc->day[i], d);
        jz_text_pad(fp, _(s->label), 19);
        if (s->offset == 0) {
            fprintf(fp, "  %s  %s\n", d, wd);
            continue;
        }
        fprintf(fp, "  %s  ", d);
        jz_text_pad(fp, wd, 9);
        long k = s->offset < 0 ? -s->offset : s->offset;
        bool visit = s->base == sc->visit_step;
        fputs("  ", fp);
        fprintf(fp, s->offset < 0 ? (visit ? _("%2ld before the visit\n") : _("%2ld before the report\n"))
                                  : (visit ? _("%2ld after the visit\n") : _("%2ld after the report\n")), k);
    }
}

static void schedule_csv(FILE *fp, const void *doc)
{
    const jz_days_schedule_doc *sc = doc;
    fputs("step,date,weekday,working_days,relative_to\n", fp);
    for (size_t i = 0; i < sc->nsteps; i++) {
        const jz_days_step *s = &sc->steps[i];
        char d[11];
        fprintf(fp, "%s,%s,%s,%ld,%s\n", s->key, jz_date_format(sc->day[i], d), jz_weekday_name(jz_weekday(sc->day[i])),
                s->offset, sc->steps[s->base].key);
    }
}

static void schedule_json(FILE *fp, const void *doc)
{
    const jz_days_schedule_doc *sc = doc;
    char v[11];
    fprintf(fp, "{\"command\":\"schedule\",\"visit\":\"%s\",\"steps\":[", jz_date_format(sc->visit, v));
    for (size_t i = 0; i < sc->nsteps; i++) {
        const jz_days_step *s = &sc->steps[i];
        char d[11];
        fprintf(fp, "%s{\"step\":\"%s\",\"date\":\"%s\",\"weekday\":\"%s\","
                "\"working_days\":%ld,\"relative_to\":\"%s\"}",
                i ? "," : "", s->key, jz_date_format(sc->day[i], d), jz_weekday_name(jz_weekday(sc->day[i])), s->offset,
                sc->steps[s->base].key);
    }
    fputs("]}\n", fp);
}

const jz_writer jz_days_schedule_writers[] = {
    {"text", schedule_text, NULL}, {"json", schedule_json, NULL}, {"csv", schedule_csv, NULL}, {NULL, NULL, NULL}};
