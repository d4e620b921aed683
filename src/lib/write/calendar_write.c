/* calendar_write.c — see include/jz/calendar_write.h. */
#include "jz/calendar_write.h"
#include "jz/emit.h"
#include "jz/date.h"
#include "jz/diag.h"
#include "jz/text.h"

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
        fprintf(fp, "%s  %-9s  %-11s  %s\n", jz_date_format(v->day, d), jz_weekday_name(jz_weekday(v->day)),
                v->working ? "working" : "not working", jz_text_show(v->reason));
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
    fprintf(fp, "%-19s  %-10s  %-9s  %s\n", "step", "date", "weekday", "working days");
    for (size_t i = 0; i < sc->nsteps; i++) {
        const jz_days_step *s = &sc->steps[i];
        const char *wd = jz_weekday_name(jz_weekday(sc->day[i]));
        char d[11];
        jz_date_format(sc->day[i], d);
        if (s->offset == 0)
            fprintf(fp, "%-19s  %s  %s\n", s->label, d, wd);
        else
            fprintf(fp, "%-19s  %s  %-9s  %2ld %s the %s\n", s->label, d, wd, s->offset < 0 ? -s->offset : s->offset,
                    s->offset < 0 ? "before" : "after", s->base == sc->visit_step ? "visit" : "report");
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
