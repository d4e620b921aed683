/* audit_write.c — see include/jz/audit_write.h */
#include "jz/audit_write.h"
#include "jz/date.h"
#include "jz/i18n.h"
#include "jz/text.h"
#include "jz/emit.h"
#include "jz/report_lang.h"

#include <stdlib.h>
#include <string.h>

const char *jz_audit_status_name(jz_screen_status s)
{
    return s == JZ_AU_RAN ? "ran" : s == JZ_AU_NOT_RUN ? "not-run" : "not-available";
}

static double share(long a, long b)
{
    return b ? (double)a / (double)b : 0;
}

static void group_prefix(FILE *fp, const jz_audit_finding *f)
{
    fprintf(fp, _("centre %s"), jz_text_show(f->centre));
    if (f->staff)
        fprintf(fp, _(", staff %s"), jz_text_show(f->staff));
    if (f->month >= 0)
        fprintf(fp, "%s%04d-%02d", _(", "), f->month / 12, f->month % 12 + 1);
}

static long screen_total(const jz_audit_result *r, int s, bool warnings)
{
    long n = 0;
    for (size_t c = 0; c < r->ncentres; c++)
        n += warnings ? r->centres[c].warnings[s] : r->centres[c].notes[s];
    return n;
}

/* The roster's entry of a staff tally (NULL: not on it, or no roster). */
static const jz_staff *on_roster(const jz_audit_report *rep, const jz_audit_tally *t)
{
    return rep->roster && t->staff ? jz_roster_find(rep->roster, t->centre, t->staff) : NULL;
}

static bool audited(const jz_audit_result *r, const char *centre)
{
    for (size_t c = 0; c < r->ncentres; c++)
        if (strcmp(r->centres[c].centre, centre) == 0)
            return true;
    return false;
}

/* The contracted centres with no records, in the contracts' order, once each: calls fn. */
static void each_not_audited(const jz_audit_report *rep, void (*fn)(FILE *, const jz_contract *, size_t), FILE *fp)
{
    size_t n = 0;
    for (size_t i = 0; rep->contracts && i < rep->contracts->n; i++) {
        const jz_contract *k = &rep->contracts->v[i];
        if (audited(rep->result, k->centre) || jz_contracts_first(rep->contracts, k->centre) != k)
            continue;
        fn(fp, k, n++);
    }
}

static void text_not_audited(FILE *fp, const jz_contract *k, size_t i)
{
    if (!i)
        fputs(_("\nnot audited:\n"), fp);
    fprintf(fp, _("  %s: not audited (contract %s, %s:%ld; no records of it were given)\n"), k->centre, k->id, k->file,
            k->line);
}

/* Roster notes: the staff of the records who are not on it, with their rows. */
static void text_roster(FILE *fp, const jz_audit_report *rep)
{
    const jz_audit_result *r = rep->result;
    if (!rep->roster)
        return;
    long missing = 0, rows = 0;
    for (size_t i = 0; i < r->nstaff; i++) {
        const jz_audit_tally *t = &r->staff[i];
        if (on_roster(rep, t))
            continue;
        if (!missing++)
            fputs(_("\nnot on the roster:\n"), fp);
        rows += t->rows;
        fprintf(fp, jz_trn("  %s %s: note: %ld record row of a staff member the roster does not list at this centre\n",
                           "  %s %s: note: %ld record rows of a staff member the roster does not list at this centre\n",
                           (unsigned long)t->rows), t->centre, t->staff, t->rows);
    }
    if (!missing)
        fputs(_("\nevery staff member of the records is on the roster\n"), fp);
}

static void write_text(FILE *fp, const void *doc)
{
    const jz_audit_report *rep = doc;
    const jz_audit_result *r = rep->result;
    for (size_t i = 0; i < r->nfindings; i++) {
        const jz_audit_finding *f = &r->findings[i];
        if (f->file)
            fprintf(fp, "%s:%ld:%ld: ", jz_text_show(f->file), f->line, f->col);
        else {
            group_prefix(fp, f);
            fputs(": ", fp);
        }
        /* the message (English in the json and csv) in the user's language; a cluster's
         * message lists all its lines, so the room is the message's own */
        size_t cap = strlen(f->message) * 3 + 256;
        char *t = jz_xmalloc(cap);
        const char *m = jz_doc_audit_text(f->message, t, cap);
        fprintf(fp, "%s: ", jz_severity_label(f->sev));
        jz_text_put(fp, m);
        fprintf(fp, " [%s]\n", jz_audit_code(f->screen));
        free(t);
    }
    if (r->nfindings)
        fputc('\n', fp);
    fprintf(fp, _("screens (%s %s):\n"), jz_text_show(rep->rules->id), jz_text_show(rep->rules->version));
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        fprintf(fp, "  %-24s ", jz_audit_code((jz_screen)s));
        if (r->status[s] == JZ_AU_RAN)
        {
            fprintf(fp, jz_trn("ran: %ld warning, ", "ran: %ld warnings, ", (unsigned long)screen_total(r, s, true)),
                    screen_total(r, s, true));
            fprintf(fp, jz_trn("%ld note\n", "%ld notes\n", (unsigned long)screen_total(r, s, false)),
                    screen_total(r, s, false));
        } else
            fprintf(fp, "%s: %s\n", r->status[s] == JZ_AU_NOT_RUN ? _("not run") : _("not available"),
                    jz_text_show(_(r->why[s])));
    }
    fputs(_("\ncentres:\n"), fp);
    for (size_t c = 0; c < r->ncentres; c++) {
        const jz_audit_tally *t = &r->centres[c];
        fprintf(fp, _("  %s: risk %.1f; %ld of %ld rows touched (%.1f %%); %ld staff"), jz_text_show(t->centre), t->risk,
                t->touched, t->rows, 100 * share(t->touched, t->rows), t->staff_n);
        if (t->entered)
            fprintf(fp, _("; %ld of %ld entered late (%.1f %%)"), t->late, t->entered, 100 * share(t->late, t->entered));
        if (t->lists)
            fprintf(fp, _("; %ld of %ld lists repeated"), t->lists_flagged, t->lists);
        int any = 0;
        for (int s = 0; s < JZ_AU_NSCREENS; s++)
            if (t->warnings[s])
                fprintf(fp, "%s%s %ld", any++ ? _(", ") : _("; warnings: "), jz_audit_code((jz_screen)s), t->warnings[s]);
        fputc('\n', fp);
    }
    int header = 0;
    for (size_t i = 0; i < r->nstaff; i++) {
        const jz_audit_tally *t = &r->staff[i];
        long w = 0;
        for (int s = 0; s < JZ_AU_NSCREENS; s++)
            w += t->warnings[s];
        if (!w)
            continue;
        if (!header++)
            fputs(_("\nstaff with warnings:\n"), fp);
        fprintf(fp, "  %s %s", jz_text_show(t->centre), jz_text_show(t->staff));
        const jz_staff *st = on_roster(rep, t);
        if (st)
            fprintf(fp, " (%s, %s)", jz_text_show(st->name),
                    (jz_lang_get() == JZ_LANG_ZH ? jz_enum_qual.zh : jz_enum_qual.en)[st->qual]);
        else if (rep->roster)
            fputs(_(" (not on the roster)"), fp);
        fprintf(fp, _(": risk %.1f; %ld of %ld rows touched (%.1f %%)"), t->risk, t->touched, t->rows,
                100 * share(t->touched, t->rows));
        if (t->entered)
            fprintf(fp, _("; %ld of %ld entered late"), t->late, t->entered);
        int any = 0;
        for (int s = 0; s < JZ_AU_NSCREENS; s++)
            if (t->warnings[s])
                fprintf(fp, "%s%s %ld", any++ ? _(", ") : _("; "), jz_audit_code((jz_screen)s), t->warnings[s]);
        fputc('\n', fp);
    }
    if (!header)
        fputs(_("\nno staff member has a warning\n"), fp);
    text_roster(fp, rep);
    each_not_audited(rep, text_not_audited, fp);
    fprintf(fp, _("\ntotal: %ld record rows, %ld attendance rows, %ld warning%s, %ld note%s"), r->rows, r->list_rows,
            r->warnings, r->warnings == 1 ? "" : "s", r->notes, r->notes == 1 ? "" : "s");
    if (r->skipped)
        fprintf(fp, jz_trn("; %ld row with errors not screened (run jz-validate)",
                           "; %ld rows with errors not screened (run jz-validate)", (unsigned long)r->skipped),
                r->skipped);
    if (r->after_as_of)
        fprintf(fp, _("; %ld rows after --as-of not screened"), r->after_as_of);
    fputc('\n', fp);
}

static void csv_row(FILE *fp, const jz_audit_report *rep, const char *kind, const jz_audit_tally *t)
{
    fprintf(fp, "%s,", kind);
    jz_csv_field(fp, t->centre);
    fputc(',', fp);
    if (t->staff)
        jz_csv_field(fp, t->staff);
    fprintf(fp, ",%ld,%ld,%.4f,%.1f,%ld,%ld,%ld,%ld", t->rows, t->touched, share(t->touched, t->rows), t->risk,
            t->entered, t->late, t->lists, t->lists_flagged);
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        fprintf(fp, ",%ld", t->warnings[s]);
    if (rep->roster) {
        const jz_staff *st = on_roster(rep, t);
        fputc(',', fp);
        if (st)
            jz_csv_field(fp, st->name);
        fprintf(fp, ",%s,%s", st ? jz_enum_qual.en[st->qual] : "", !t->staff ? "" : st ? "yes" : "no");
    }
    fputc('\n', fp);
}

static bool csv_roster_columns;   /* the not-audited rows' width (set by write_csv) */

static void csv_not_audited(FILE *fp, const jz_contract *k, size_t i)
{
    (void)i;
    fputs("not-audited,", fp);
    jz_csv_field(fp, k->centre);
    fputs(",,,,,,,,,", fp);
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        fputc(',', fp);
    if (csv_roster_columns)
        fputs(",,,", fp);
    fputc('\n', fp);
}

static void write_csv(FILE *fp, const void *doc)
{
    const jz_audit_report *rep = doc;
    const jz_audit_result *r = rep->result;
    fputs("kind,centre,staff,rows,touched,touched_share,risk,entered,late,lists,lists_flagged", fp);
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        fprintf(fp, ",%s", jz_audit_code((jz_screen)s));
    if (rep->roster)
        fputs(",name,qualification,on_roster", fp);
    fputc('\n', fp);
    for (size_t c = 0; c < r->ncentres; c++) {
        csv_row(fp, rep, "centre", &r->centres[c]);
        for (size_t i = 0; i < r->nstaff; i++)
            if (strcmp(r->staff[i].centre, r->centres[c].centre) == 0)
                csv_row(fp, rep, "staff", &r->staff[i]);
    }
    csv_roster_columns = rep->roster != NULL;
    each_not_audited(rep, csv_not_audited, fp);
}

static void json_counts(FILE *fp, const char *name, const long *v)
{
    fprintf(fp, ",\"%s\":{", name);
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        fprintf(fp, "%s\"%s\":%ld", s ? "," : "", jz_audit_code((jz_screen)s), v[s]);
    fputc('}', fp);
}

static void json_tally(FILE *fp, const jz_audit_report *rep, const jz_audit_tally *t, bool centre)
{
    fputs("{\"centre\":", fp);
    jz_json_string(fp, t->centre);
    if (!centre) {
        fputs(",\"staff\":", fp);
        jz_json_string(fp, t->staff);
    }
    fprintf(fp, ",\"rows\":%ld,\"touched\":%ld,\"touched_share\":%.4f,\"risk\":%.1f,\"entered\":%ld,\"late\":%ld,"
                "\"lists\":%ld,\"lists_flagged\":%ld",
            t->rows, t->touched, share(t->touched, t->rows), t->risk, t->entered, t->late, t->lists, t->lists_flagged);
    if (centre)
        fprintf(fp, ",\"staff_members\":%ld", t->staff_n);
    json_counts(fp, "warnings", t->warnings);
    json_counts(fp, "notes", t->notes);
    if (centre)
        json_counts(fp, "staff_flagged", t->staff_flagged);
    if (!centre && rep->roster) {
        const jz_staff *st = on_roster(rep, t);
        fputs(",\"name\":", fp);
        if (st)
            jz_json_string(fp, st->name);
        else
            fputs("null", fp);
        if (st)
            fprintf(fp, ",\"qualification\":\"%s\",\"on_roster\":true", jz_enum_qual.en[st->qual]);
        else
            fputs(",\"qualification\":null,\"on_roster\":false", fp);
    }
    fputc('}', fp);
}

static void json_day(FILE *fp, const char *name, jz_day d)
{
    char b[11];
    if (d == JZ_NO_DAY)
        fprintf(fp, ",\"%s\":null", name);
    else
        fprintf(fp, ",\"%s\":\"%s\"", name, jz_date_format(d, b));
}

static void json_not_audited(FILE *fp, const jz_contract *k, size_t i)
{
    fputs(i ? ",\n {\"centre\":" : "\n {\"centre\":", fp);
    jz_json_string(fp, k->centre);
    fputs(",\"contract\":", fp);
    jz_json_string(fp, k->id);
    fputc('}', fp);
}

static void write_json(FILE *fp, const void *doc)
{
    const jz_audit_report *rep = doc;
    const jz_audit_result *r = rep->result;
    fputs("{\"schema\":\"jiazong-audit/1\",\"rules\":{\"id\":", fp);
    jz_json_string(fp, rep->rules->id);
    fputs(",\"version\":", fp);
    jz_json_string(fp, rep->rules->version);
    fputc('}', fp);
    json_day(fp, "notice", rep->opts->notice);
    json_day(fp, "as_of", rep->opts->as_of);
    fprintf(fp, ",\"rows\":%ld,\"attendance_rows\":%ld,\"skipped\":%ld,\"after_as_of\":%ld,\"warnings\":%ld,"
                "\"notes\":%ld,\n\"screens\":[",
            r->rows, r->list_rows, r->skipped, r->after_as_of, r->warnings, r->notes);
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        fprintf(fp, "%s\n {\"code\":\"%s\",\"status\":\"%s\",\"why\":", s ? "," : "", jz_audit_code((jz_screen)s),
                jz_audit_status_name(r->status[s]));
        jz_json_string(fp, r->why[s]);
        fprintf(fp, ",\"warnings\":%ld,\"notes\":%ld,\"weight\":%lld}", screen_total(r, s, true),
                screen_total(r, s, false), (long long)rep->rules->weight[s]);
    }
    fputs("],\n\"centres\":[", fp);
    for (size_t c = 0; c < r->ncentres; c++) {
        fputs(c ? ",\n " : "\n ", fp);
        json_tally(fp, rep, &r->centres[c], true);
    }
    fputs("],\n\"staff\":[", fp);
    for (size_t i = 0; i < r->nstaff; i++) {
        fputs(i ? ",\n " : "\n ", fp);
        json_tally(fp, rep, &r->staff[i], false);
    }
    fputs("],\n\"findings\":[", fp);
    for (size_t i = 0; i < r->nfindings; i++) {
        const jz_audit_finding *f = &r->findings[i];
        fprintf(fp, "%s{\"severity\":\"%s\",\"code\":\"%s\",\"file\":", i ? ",\n " : "\n ", jz_severity_name(f->sev),
                jz_audit_code(f->screen));
        if (f->file)
            jz_json_string(fp, f->file);
        else
            fputs("null", fp);
        fprintf(fp, ",\"line\":%ld,\"col\":%ld,\"other_file\":", f->file ? f->line : 0, f->file ? f->col : 0);
        if (f->other_file)
            jz_json_string(fp, f->other_file);
        else
            fputs("null", fp);
        fprintf(fp, ",\"other_line\":%ld,\"centre\":", f->other_file ? f->other_line : 0);
        jz_json_string(fp, f->centre);
        fputs(",\"staff\":", fp);
        if (f->staff)
            jz_json_string(fp, f->staff);
        else
            fputs("null", fp);
        if (f->month >= 0)
            fprintf(fp, ",\"month\":\"%04d-%02d\"", f->month / 12, f->month % 12 + 1);
        else
            fputs(",\"month\":null", fp);
        fprintf(fp, ",\"cluster\":%ld,\"message\":", f->cluster);
        jz_json_string(fp, f->message);
        fputc('}', fp);
    }
    fputc(']', fp);
    if (rep->contracts) {
        fputs(",\n\"not_audited\":[", fp);
        each_not_audited(rep, json_not_audited, fp);
        fputc(']', fp);
    }
    fputs("}\n", fp);
}

const jz_writer jz_audit_writers[] = {
    {"text", write_text, NULL},
    {"csv", write_csv, NULL},
    {"json", write_json, NULL},
    {NULL, NULL, NULL},
};
