/* hours_write.c — see include/jz/hours_write.h */
#include "jz/hours_write.h"
#include "jz/fp.h"
#include "jz/i18n.h"
#include "jz/text.h"
#include "jz/diag.h"
#include "jz/emit.h"
#include "jz/report_lang.h"

#include <string.h>

/* A number in its unit: hours with `dec` decimals, or a whole count. */
static char *amount(int64_t v, jz_unit unit, int dec, bool thousands, char *buf)
{
    if (v < 0) {
        buf[0] = '\0';
        return buf;
    }
    if (unit == JZ_UNIT_MINUTES)
        return jz_minutes_format(v, dec, thousands, buf);
    snprintf(buf, 32, "%lld", (long long)v);
    return buf;
}

/* A ratio (1/10000) with four decimals, "" if negative (none). */
static char *ratio(int64_t bp, char buf[static JZ_FP_BUF])
{
    if (bp < 0)
        buf[0] = '\0';
    else
        jz_fp_format(bp, 4, buf, JZ_FP_BUF);
    return buf;
}

static const char *unit_name(jz_unit u)
{
    return u == JZ_UNIT_MINUTES ? "hours" : u == JZ_UNIT_PEOPLE ? "people" : "days";
}

static void write_csv(FILE *fp, const void *doc)
{
    const jz_hours_report *rep = doc;
    fputs("contract,centre,check,required_hours,delivered_hours,ratio,status,detail\n", fp);
    for (size_t i = 0; i < rep->n; i++) {
        const jz_hours_result *r = &rep->results[i];
        for (size_t c = 0; c < r->n; c++) {
            const jz_check *k = &r->checks[c];
            char a[32], b[32], q[32];
            jz_csv_field(fp, r->contract->id);
            fputc(',', fp);
            jz_csv_field(fp, r->contract->centre);
            fprintf(fp, ",%s,%s,%s,%s,%s,", k->name, amount(k->required, k->unit, 2, false, a),
                    amount(k->delivered, k->unit, 2, false, b), ratio(k->ratio_bp, q), jz_status_name(k->status));
            jz_csv_field(fp, k->detail);
            fputc('\n', fp);
        }
    }
    for (size_t i = 0; i < rep->norphans; i++) {
        const jz_orphan *o = &rep->orphans[i];
        char msg[512];
        snprintf(msg, sizeof msg, "%ld record%s of centre %s %s (first at %s:%ld): not counted anywhere",
                 o->rows, o->rows == 1 ? "" : "s", o->centre,
                 o->has_contract ? (o->rows == 1 ? "falls outside its contract's dates" : "fall outside its contract's dates")
                                 : (o->rows == 1 ? "has no contract in the contracts given" : "have no contract in the contracts given"),
                 o->file, o->line);
        fputc(',', fp);
        jz_csv_field(fp, o->centre);
        fputs(",no_contract,,,,n/a,", fp);
        jz_csv_field(fp, msg);
        fputc('\n', fp);
    }
}

static void json_kv(FILE *fp, const char *key, const char *val, bool comma)
{
    fprintf(fp, "%s\"%s\":", comma ? "," : "", key);
    jz_json_string(fp, val);
}

static void json_left_out(FILE *fp, const char *key, long staff, const jz_hours_sums *x)
{
    fprintf(fp, "\"%s\":{\"staff\":%ld,\"records\":%ld,\"service_minutes\":%lld,\"training_minutes\":%lld,"
                "\"supervision_minutes\":%lld}", key, staff, x->rows, (long long)x->service, (long long)x->training,
            (long long)x->supervision);
}

/* The statuses and as-of reasons (json and csv keep these English names), in the text
 * format in the user's language. */
static const char *const text_words[] = {
    N_("ok"), N_("short"), N_("over"), N_("n/a"),
    N_("contract end; no records"), N_("last record"), N_("contract end"),
};

static const char *word(const char *w)
{
    for (size_t i = 0; i < sizeof text_words / sizeof *text_words; i++)
        if (strcmp(text_words[i], w) == 0)
            return _(text_words[i]);
    return jz_text_show(w);
}

/* One line on the records a roster left out of the hours, or nothing. */
static void text_left_out(FILE *fp, const jz_hours_result *r)
{
    const struct { long staff; const jz_hours_sums *x; const char *why; } w[] = {
        {r->staff_not_in_roster, &r->not_in_roster, N_("not in the roster for this centre")},
        {r->staff_not_counted, &r->not_counted, N_("listed as not counted (计入工时 no)")}};
    for (size_t i = 0; i < 2; i++) {
        if (!w[i].x->rows)
            continue;
        char a[32], b[32];
        fprintf(fp, jz_trn("  left out of the hours: %ld record", "  left out of the hours: %ld records",
                           (unsigned long)w[i].x->rows), w[i].x->rows);
        fprintf(fp, jz_trn(" (%s h of service, %s h of training and supervision) of %ld staff id %s\n",
                           " (%s h of service, %s h of training and supervision) of %ld staff ids %s\n",
                           (unsigned long)w[i].staff),
                amount(w[i].x->service, JZ_UNIT_MINUTES, 1, true, a),
                amount(w[i].x->training + w[i].x->supervision, JZ_UNIT_MINUTES, 1, true, b), w[i].staff,
                _(w[i].why));
    }
}

static void write_json(FILE *fp, const void *doc)
{
    const jz_hours_report *rep = doc;
    fprintf(fp, "{\"schema\":\"jiazong-hours/1\",\"tool\":\"jz-hours %s\",\"rules\":{", JZ_VERSION);
    json_kv(fp, "id", rep->rules->id, false);
    json_kv(fp, "version", rep->rules->version, true);
    json_kv(fp, "prorate", jz_prorate_name(rep->rules->prorate), true);
    fputs("},\"contracts\":[", fp);
    size_t failing = 0;
    for (size_t i = 0; i < rep->n; i++) {
        const jz_hours_result *r = &rep->results[i];
        const jz_contract *k = r->contract;
        char d1[11], d2[11], d3[11];
        failing += jz_hours_failing(r);
        fputs(i ? ",\n {" : "\n {", fp);
        json_kv(fp, "contract", k->id, false);
        json_kv(fp, "centre", k->centre, true);
        json_kv(fp, "district", k->district, true);
        json_kv(fp, "street", k->street, true);
        json_kv(fp, "operator", k->operator_, true);
        json_kv(fp, "start", jz_date_format(k->start, d1), true);
        json_kv(fp, "end", jz_date_format(k->end, d2), true);
        json_kv(fp, "as_of", jz_date_format(r->as_of, d3), true);
        json_kv(fp, "as_of_reason", r->as_of_reason, true);
        fprintf(fp, ",\"elapsed\":%lld,\"period\":%lld,\"records\":%ld,\"records_after_as_of\":%ld,"
                    "\"roster\":%s,\"status\":\"%s\",\"left_out\":{",
                (long long)r->elapsed, (long long)r->period, r->rows, r->rows_after,
                r->roster_missing ? "false" : "true",
                jz_hours_failing(r) ? "failing" : jz_hours_unchecked(r) ? "unchecked" : "ok");
        json_left_out(fp, "not_in_roster", r->staff_not_in_roster, &r->not_in_roster);
        fputc(',', fp);
        json_left_out(fp, "not_counted", r->staff_not_counted, &r->not_counted);
        fputs("},\"checks\":[", fp);
        for (size_t c = 0; c < r->n; c++) {
            const jz_check *x = &r->checks[c];
            char a[32], b[32], q[32];
            fputs(c ? ",\n  {" : "\n  {", fp);
            json_kv(fp, "check", x->name, false);
            json_kv(fp, "unit", unit_name(x->unit), true);
            fprintf(fp, ",\"required\":%s,\"delivered\":%s,\"ratio\":%s",
                    x->required < 0 ? "null" : amount(x->required, x->unit, 2, false, a),
                    x->delivered < 0 ? "null" : amount(x->delivered, x->unit, 2, false, b),
                    x->ratio_bp < 0 ? "null" : ratio(x->ratio_bp, q));
            if (x->unit == JZ_UNIT_MINUTES) {
                fputs(",\"required_minutes\":", fp);
                x->required < 0 ? fputs("null", fp) : fprintf(fp, "%lld", (long long)x->required);
                fputs(",\"delivered_minutes\":", fp);
                x->delivered < 0 ? fputs("null", fp) : fprintf(fp, "%lld", (long long)x->delivered);
            }
            json_kv(fp, "status", jz_status_name(x->status), true);
            json_kv(fp, "detail", x->detail, true);
            fputc('}', fp);
        }
        fputs("]}", fp);
    }
    fputs("],\n\"no_contract\":[", fp);
    for (size_t i = 0; i < rep->norphans; i++) {
        const jz_orphan *o = &rep->orphans[i];
        fputs(i ? "," : "", fp);
        fputs("{", fp);
        json_kv(fp, "centre", o->centre, false);
        fprintf(fp, ",\"records\":%ld,\"has_contract\":%s", o->rows, o->has_contract ? "true" : "false");
        json_kv(fp, "first_file", o->file, true);
        fprintf(fp, ",\"first_line\":%ld}", o->line);
    }
    fprintf(fp, "],\"failing\":%zu}\n", failing);
}

static void write_text(FILE *fp, const void *doc)
{
    const jz_hours_report *rep = doc;
    size_t failing = 0, unchecked = 0, failing_norec = 0;  /* failing_norec: not compliant, and no records */
    for (size_t i = 0; i < rep->n; i++) {
        const jz_hours_result *r = &rep->results[i];
        const jz_contract *k = r->contract;
        char d1[11], d2[11], d3[11];
        if (i)
            fputc('\n', fp);
        fprintf(fp, _("contract %s, centre %s"), jz_text_show(k->id), jz_text_show(k->centre));
        if (k->district[0] || k->street[0])
            fprintf(fp, _(" (%s%s%s)"), jz_text_show(k->district), k->district[0] && k->street[0] ? " " : "", jz_text_show(k->street));
        if (k->operator_[0])
            fprintf(fp, _(", %s"), jz_text_show(k->operator_));
        fprintf(fp, jz_trn("\n  period %s to %s, as of %s (%s): %lld of %lld %s; %ld record\n",
                           "\n  period %s to %s, as of %s (%s): %lld of %lld %s; %ld records\n", (unsigned long)r->rows),
                jz_date_format(k->start, d1), jz_date_format(k->end, d2), jz_date_format(r->as_of, d3),
                word(r->as_of_reason), (long long)r->elapsed, (long long)r->period,
                rep->rules->prorate == JZ_PRORATE_WORKING_DAYS ? _("working days")
                : rep->rules->prorate == JZ_PRORATE_CALENDAR_DAYS ? _("days")
                : rep->rules->prorate == JZ_PRORATE_MONTHS ? _("months") : _("(not pro-rated)"),
                r->rows);
        if (r->rows_after)
            fprintf(fp, jz_trn("  %ld record after the as-of date is not counted\n",
                               "  %ld records after the as-of date are not counted\n", (unsigned long)r->rows_after),
                    r->rows_after);
        if (r->roster_missing)
            fputs(_("  no roster: every staff id in the records is counted\n"), fp);
        text_left_out(fp, r);
        size_t bad = 0;
        for (size_t c = 0; c < r->n; c++) {
            const jz_check *x = &r->checks[c];
            bad += x->status == JZ_ST_SHORT || x->status == JZ_ST_OVER;
            fputs("  ", fp);
            jz_text_pad(fp, word(jz_status_name(x->status)), 5);
            char t[4096];  /* the engine's detail (English in the json and csv) in the user's language */
            fprintf(fp, "  %-18s %s\n", jz_text_show(x->name), jz_text_show(jz_doc_text(x->detail, t, sizeof t)));
        }
        failing += bad > 0;
        unchecked += !bad && jz_hours_unchecked(r);
        failing_norec += bad && jz_hours_unchecked(r);
        if (!bad && jz_hours_unchecked(r))
            fputs(_("  => NOT CHECKED: no records of this centre were given\n"), fp);
        else if (bad && jz_hours_unchecked(r))
            fprintf(fp, jz_trn("  => NOT COMPLIANT: %zu check short or over (no records of this centre were given: "
                               "its delivery is not checked)\n",
                               "  => NOT COMPLIANT: %zu checks short or over (no records of this centre were given: "
                               "its delivery is not checked)\n", (unsigned long)bad), bad);
        else if (bad)
            fprintf(fp, jz_trn("  => NOT COMPLIANT: %zu check short or over\n", "  => NOT COMPLIANT: %zu checks short or over\n",
                               (unsigned long)bad), bad);
        else
            fputs(_("  => compliant\n"), fp);
    }
    for (size_t i = 0; i < rep->norphans; i++) {
        const jz_orphan *o = &rep->orphans[i];
        if (o->has_contract)
            fprintf(fp, jz_trn("\ncentre %s: %ld record outside its contract's dates (first at %s:%ld), not counted anywhere\n",
                               "\ncentre %s: %ld records outside its contract's dates (first at %s:%ld), not counted anywhere\n",
                               (unsigned long)o->rows), jz_text_show(o->centre), o->rows, o->file, o->line);
        else
            fprintf(fp, jz_trn("\ncentre %s: %ld record without a contract in the contracts given (first at %s:%ld), "
                               "not counted anywhere\n",
                               "\ncentre %s: %ld records without a contract in the contracts given (first at %s:%ld), "
                               "not counted anywhere\n", (unsigned long)o->rows), jz_text_show(o->centre), o->rows,
                    o->file, o->line);
    }
    fprintf(fp, _("\n%zu contract%s: %zu compliant, %zu not compliant"), rep->n, rep->n == 1 ? "" : "s",
            rep->n - failing - unchecked, failing);
    if (failing_norec)
        fprintf(fp, _(" (%zu without records)"), failing_norec);
    if (unchecked)
        fprintf(fp, _(", %zu not checked (no records)"), unchecked);
    fputc('\n', fp);
}

const jz_writer jz_hours_writers[] = {
    {"text", write_text, NULL},
    {"csv", write_csv, NULL},
    {"json", write_json, NULL},
    {NULL, NULL, NULL},
};
