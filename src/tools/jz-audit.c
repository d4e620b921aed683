/* jz-audit — screens for paperwork made after the fact: the options, the reading of the
 * files, and the choice of writer. The screens are in src/lib/engine/audit.c, the writers in
 * src/lib/write/audit_write.c. See man/jz-audit.1. */
#include "jz/audit_write.h"
#include "jz/cli.h"
#include "jz/cli_input.h"
#include "jz/contract.h"
#include "jz/i18n.h"
#include "jz/roster.h"
#include "jz/table.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    N_("Usage: jz-audit [--notice DATE] [--as-of DATE] [OPTIONS] FILE...\n"
       "Point at the service records worth checking: entry times, bursts of entry,\n"
       "entries after the evaluation notice, clients in two places at once, holiday and\n"
       "night sessions, cloned notes, reused attendance lists, digit heaping and\n"
       "staff-month outliers. FILEs are service records and attendance lists, and\n"
       "optionally a roster (names and qualifications in the staff summary; staff not on\n"
       "it noted) and contracts (a contracted centre without records: not audited), told\n"
       "apart by their header, of any number of centres.\n"
       "\n"
       "  -n, --notice DATE       the day the centre was told of the evaluation\n"
       "  -a, --as-of DATE        screen rows dated up to DATE (later rows are counted)\n"
       "      --rules FILE        audit rules (default: the bundled rules/audit.yaml;\n"
       "                          -r used to mean --rules)\n"
       "      --calendar FILE     holiday calendar (default: the bundled one)\n"
       "      --assume-regular-weeks  treat years the calendar lacks as Mon-Fri weeks\n"
       "  -e, --encoding ENC      auto (default), utf-8 or gb18030\n"
       "  -f, --format FMT        text (default), csv or json\n"
       "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n"
       "\n"
       "FILE may be - for standard input. Exit status: 0 no warning; 1 warnings (rows\n"
       "worth checking), rows with errors, or rows that came after their date was\n"
       "closed; 2 usage error; 3 invalid input (nothing computed); 4 system error.\n");

typedef struct opts {
    const char *rules;
    jz_audit_opts a;
    jz_cli_common c;           /* -o, -f (a row of jz_audit_writers), -e, --calendar */
} opts;

enum { OPT_RULES = 256 };

/* One of jz-audit's own options (jz_cli_spec.option). */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    opts *o = ctx;
    (void)name;
    switch (c) {
    case 'n':
        if (!jz_date_parse(arg, strlen(arg), &o->a.notice))
            return jz_cli_usage_error("--notice '%s' is not a date: write e.g. 2024-06-28", arg);
        break;
    case 'a':
        if (!jz_date_parse(arg, strlen(arg), &o->a.as_of))
            return jz_cli_usage_error("--as-of '%s' is not a date: write e.g. 2024-06-30", arg);
        break;
    case OPT_RULES: o->rules = arg; break;
    case 'r':
        return jz_cli_usage_error("-r is --rubric in every tool, and jz-audit reads no rubric: "
                                  "give the audit rules as --rules FILE (-r used to mean --rules)");
    default: break;  /* a common option, already stored in o->c */
    }
    return -1;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"notice", required_argument, NULL, 'n'}, {"as-of", required_argument, NULL, 'a'},
        {"rules", required_argument, NULL, OPT_RULES}, {NULL, 0, NULL, 0}};
    const jz_cli_spec spec = {
        .usage = usage_text, .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_ENCODING | JZ_CLI_CALENDAR,
        .writers = jz_audit_writers, .format_error = N_("--format '%s': use text, csv or json"),
        .shortopts = "n:a:r:", .longopts = longopts, .option = option, .ctx = o};
    int rc = jz_cli_parse(&spec, argc, argv, &o->c);
    if (rc >= 0)
        return rc;
    if (optind >= argc)
        return jz_cli_usage_error("no input files: give service records (and attendance lists); - for standard input");
    jz_cli_inputs in = {0};
    jz_cli_input_add(&in, o->rules);
    jz_cli_input_add(&in, o->c.calendar);
    jz_cli_input_add_all(&in, (const char *const *)argv + optind, (size_t)(argc - optind));
    rc = jz_cli_inputs_check(&in);
    return rc ? rc : -1;
}

typedef struct reader {
    jz_audit *audit;
    const char *file;
    bool begun;
} reader;

static int on_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    reader *r = ctx;
    if (!r->begun) {
        jz_audit_begin_file(r->audit, r->file, h);
        r->begun = true;
    }
    jz_audit_row(r->audit, row->line, f, nerr);
    return 0;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    opts o = {NULL, {JZ_NO_DAY, JZ_NO_DAY, 0, 0}, {0}};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    jz_io io = {0};
    jz_io_bundled(&io, "--rules", o.rules, "rules/audit.yaml");
    jz_io_bundled(&io, "--calendar", o.c.calendar, "calendar/cn-holidays.csv");
    jz_io_inputs(&io, NULL, (const char *const *)argv + optind, (size_t)(argc - optind));
    jz_io_output(&io, "-o", o.c.output);
    if ((rc = jz_io_check(&io)))
        return rc;
    jz_error err;
    jz_error_clear(&err);
    jz_audit_rules rules;
    char *bundled = o.rules ? NULL : jz_cli_data_path("rules/audit.yaml");
    if (!o.rules && !bundled) {
        jz_error_set(&err, JZ_EINPUT, "", 0, 0, "the bundled rules/audit.yaml was not found: give --rules FILE");
        return jz_cli_error(&err);
    }
    jz_code code = jz_audit_rules_load(&rules, o.rules ? o.rules : bundled, &err);
    free(bundled);
    if (code != JZ_OK)
        return jz_cli_error(&err);
    jz_calendar *cal = jz_cli_load_calendar(o.c.calendar, o.c.assume_regular, &err);
    if (!cal) {
        jz_audit_rules_free(&rules);
        return jz_cli_error(&err);
    }
    /* problems with the input files go to standard error as file:line:col */
    jz_diag_printer pr = {.fp = stderr, .format = JZ_DIAG_TEXT, .min_sev = JZ_WARNING, .prog = NULL};
    jz_diag diag;
    jz_diag_init(&diag, jz_diag_print, &pr);
    jz_audit *audit = jz_audit_new(&rules, cal, &o.a);
    int status = JZ_EXIT_OK;
    /* the roster and contracts, then attendance lists: the engine keeps only the sessions
     * that have a list; then the records */
    int n = argc - optind;
    char **order = jz_xmalloc((size_t)(n ? n : 1) * sizeof *order);
    int k = 0;
    for (int pass = 0; pass < 3; pass++)
        for (int i = optind; i < argc; i++) {
            jz_filetype t = jz_table_peek(argv[i], (jz_encoding)o.c.enc);
            int want = t == JZ_FILE_ROSTER || t == JZ_FILE_CONTRACTS ? 0 : t == JZ_FILE_ATTENDANCE ? 1 : 2;
            if (want == pass)
                order[k++] = argv[i];
        }
    jz_roster roster;
    jz_contracts contracts;
    jz_roster_init(&roster);
    jz_contracts_init(&contracts);
    bool have_roster = false, have_contracts = false;
    for (int j = 0; j < n && status == JZ_EXIT_OK; j++) {
        char *path = order[j];
        jz_filetype t = jz_table_peek(path, (jz_encoding)o.c.enc);
        if (t == JZ_FILE_ROSTER || t == JZ_FILE_CONTRACTS) {
            jz_table_info info;
            long before = diag.count[JZ_ERROR];
            jz_code c = t == JZ_FILE_ROSTER ? jz_roster_load(&roster, path, (jz_encoding)o.c.enc, &diag, &info, &err)
                                            : jz_contracts_load(&contracts, path, (jz_encoding)o.c.enc, &diag, &info, &err);
            if (c != JZ_OK && info.unreadable) {
                status = jz_cli_error(&err);
            } else if (diag.count[JZ_ERROR] > before) {
                fprintf(stderr, _("%s: %s has errors (above): nothing computed\n"), jz_prog, path);
                status = JZ_EXIT_INPUT;
            }
            *(t == JZ_FILE_ROSTER ? &have_roster : &have_contracts) = true;
            continue;
        }
        if (t != JZ_FILE_UNKNOWN && t != JZ_FILE_RECORDS && t != JZ_FILE_ATTENDANCE) {
            const jz_schema *s = jz_schema_get(t);
            status = jz_cli_usage_error("%s is a %s file: jz-audit reads service records and attendance lists",
                                        path, s->name);
            break;
        }
        reader r = {audit, strcmp(path, "-") ? path : "<stdin>", false};
        jz_table_info info;
        /* every column, and the time rules jz-hours and jz-score apply: a row whose end is not
         * after its start is an error and left out (counted in "skipped"), never 0 h */
        if (jz_table_read_piped(path, JZ_FILE_UNKNOWN, (jz_encoding)o.c.enc, JZ_PARSE_TIME_RULES, &diag, on_row, &r,
                                &info, &err) != JZ_OK ||
            info.unreadable) {
            status = jz_cli_error(&err);
            break;
        }
        if (info.type != JZ_FILE_RECORDS && info.type != JZ_FILE_ATTENDANCE) {
            const jz_schema *s = jz_schema_get(info.type);
            status = jz_cli_usage_error("%s is a %s file: jz-audit reads service records and attendance lists",
                                        path, s ? s->name : "unknown");
        }
    }
    free(order);
    if (status == JZ_EXIT_OK && jz_audit_finish(audit, &err) != JZ_OK)
        status = jz_cli_error(&err);
    if (status == JZ_EXIT_OK) {
        jz_out out;
        if (!jz_out_open(&out, o.c.output)) {
            status = JZ_EXIT_SYSTEM;
        } else {
            const jz_audit_result *res = jz_audit_get(audit);
            if (res->participants_late)
                jz_cli_warn(jz_trn("%ld row with participants came after rows of later dates of its centre had closed "
                                   "that date's sessions: its session's participants may be shared among too few "
                                   "rows (give each centre's rows in date order)",
                                   "%ld rows with participants came after rows of later dates of their centre had "
                                   "closed those dates' sessions: their sessions' participants may be shared among "
                                   "too few rows (give each centre's rows in date order)",
                                   (unsigned long)res->participants_late),
                            res->participants_late);
            if (res->overlaps_late)
                jz_cli_warn(jz_trn("%ld record with a client came after rows of later dates of its centre had "
                                   "closed that date for the client-overlap screen: it was compared only with the "
                                   "rows still open (give each centre's rows in date order)",
                                   "%ld records with a client came after rows of later dates of their centre had "
                                   "closed those dates for the client-overlap screen: they were compared only with "
                                   "the rows still open (give each centre's rows in date order)",
                                   (unsigned long)res->overlaps_late),
                            res->overlaps_late);
            jz_audit_report rep = {&rules, &o.a, res, have_roster ? &roster : NULL,
                                   have_contracts ? &contracts : NULL};
            jz_writer_find(jz_audit_writers, o.c.format ? o.c.format : "text")->write_to_file(out.fp, &rep);
            if (!jz_out_commit(&out))
                status = JZ_EXIT_SYSTEM;
            else if (res->warnings || res->skipped || res->participants_late || res->overlaps_late)
                status = JZ_EXIT_FINDINGS;
        }
    }
    jz_audit_free(audit);
    jz_roster_free(&roster);
    jz_contracts_free(&contracts);
    jz_calendar_free(cal);
    jz_audit_rules_free(&rules);
    return status;
}
