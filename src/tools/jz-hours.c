/* jz-hours — service-hour and staffing compliance of contracts against the contract
 * rules. See man/jz-hours.1. */
#include "jz/calendar.h"
#include "jz/cli.h"
#include "jz/cli_input.h"
#include "jz/hours_write.h"
#include "jz/i18n.h"
#include "jz/record_ids.h"
#include "jz/table.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    N_("Usage: jz-hours --contracts FILE [--roster FILE] [--rules FILE] [--as-of DATE]\n"
       "                [OPTIONS] RECORDS...\n"
       "Check every contract's staffing and service hours against the contract rules.\n"
       "\n"
       "  -c, --contracts FILE    contracts (required; may be given more than once)\n"
       "  -R, --roster FILE       staff roster (may be given more than once); without one,\n"
       "                          staffing is not checked and every staff id counts\n"
       "      --rules FILE        contract rules (default: the bundled\n"
       "                          rules/guangzhou-hours.yaml; -r used to mean --rules)\n"
       "  -a, --as-of DATE        check as of DATE (default: each contract's end, or its\n"
       "                          last record date if earlier)\n"
       "  -b, --by staff          add one check per counted staff member\n"
       "  -C, --centre ID         check only this centre's contracts (may be repeated)\n"
       "      --calendar FILE     holiday calendar (default: the bundled one)\n"
       "      --assume-regular-weeks  treat years the calendar lacks as Mon-Fri weeks\n"
       "      --require-records   a contract with no records in the run is an error (exit 3)\n"
       "      --skip-invalid      check the centres whose records are valid; list the others\n"
       "                          as not checked, with their first problem (exit 1)\n"
       "  -e, --encoding ENC      auto (default), utf-8 or gb18030\n"
       "  -f, --format FMT        text (default), csv or json\n"
       "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n"
       "\n"
       "RECORDS may be - for standard input. Exit status: 0 every check ok or n/a (a\n"
       "contract with no records in the run is not checked, and listed); 1 a check is short\n"
       "or over; 2 usage error; 3 invalid input (nothing computed), or a contract with no\n"
       "records with --require-records; 4 system error.\n");

/* The --format names: rows of jz_hours_writers. */
static const char *const format_names[] = {"text", "csv", "json", NULL};

typedef struct opts {
    const char **contracts, **rosters;
    size_t ncontracts, nrosters;
    const char *rules;
    jz_day as_of;
    bool by_staff, require_records, skip_invalid;
    jz_cli_common c;         /* -o, -f (an index of format_names), -e, -C, --calendar */
} opts;

static void push(const char ***list, size_t *n, const char *s)
{
    *list = jz_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = s;
}

enum { OPT_RULES = 256, OPT_REQUIRE, OPT_SKIP };

/* One of jz-hours' own options (jz_cli_spec.option). */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    opts *o = ctx;
    (void)name;
    switch (c) {
    case 'c': push(&o->contracts, &o->ncontracts, arg); break;
    case 'R': push(&o->rosters, &o->nrosters, arg); break;
    case OPT_RULES: o->rules = arg; break;
    case 'r':
        return jz_cli_usage_error("-r is --rubric in every tool, and jz-hours reads no rubric: "
                                  "give the contract rules as --rules FILE (-r used to mean --rules)");
    case 'a':
        if (!jz_date_parse(arg, strlen(arg), &o->as_of))
            return jz_cli_usage_error("--as-of '%s' is not a date: write e.g. 2024-06-30", arg);
        break;
    case 'b':
        if (strcmp(arg, "staff") != 0)
            return jz_cli_usage_error("--by '%s': the only breakdown is --by staff", arg);
        o->by_staff = true;
        break;
    case OPT_REQUIRE: o->require_records = true; break;
    case OPT_SKIP: o->skip_invalid = true; break;
    default: break;  /* a common option, already stored in o->c */
    }
    return -1;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"contracts", required_argument, NULL, 'c'}, {"roster", required_argument, NULL, 'R'},
        {"rules", required_argument, NULL, OPT_RULES}, {"as-of", required_argument, NULL, 'a'},
        {"by", required_argument, NULL, 'b'},
        {"require-records", no_argument, NULL, OPT_REQUIRE},
        {"skip-invalid", no_argument, NULL, OPT_SKIP},
        {NULL, 0, NULL, 0}};
    const jz_cli_spec spec = {
        .usage = usage_text,
        .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_ENCODING | JZ_CLI_CENTRE | JZ_CLI_CALENDAR,
        .formats = format_names, .format_error = N_("--format '%s': use text, csv or json"),
        .shortopts = "c:R:r:a:b:", .longopts = longopts, .option = option, .ctx = o};
    int rc = jz_cli_parse(&spec, argc, argv, &o->c);
    if (rc >= 0)
        return rc;
    if (!o->ncontracts)
        return jz_cli_usage_error("--contracts FILE is required: the contracts say what each centre owes");
    if (optind >= argc)
        return jz_cli_usage_error("no records files: give one or more (- for standard input)");
    jz_cli_inputs in = {0};
    jz_cli_input_add(&in, o->rules);
    jz_cli_input_add(&in, o->c.calendar);
    jz_cli_input_add_all(&in, o->contracts, o->ncontracts);
    jz_cli_input_add_all(&in, o->rosters, o->nrosters);
    jz_cli_input_add_all(&in, (const char *const *)argv + optind, (size_t)(argc - optind));
    rc = jz_cli_inputs_check(&in);
    return rc ? rc : -1;
}

/* Everything read from the inputs. */
typedef struct inputs {
    jz_rules rules;
    jz_calendar *cal;
    jz_contracts contracts;
    jz_roster roster;
    jz_hours_acc *acc;
    jz_record_ids *ids;           /* the record ids of the files read so far */
    jz_diag diag;
    jz_diag_printer pr;
    long bad_rows;
    /* --skip-invalid: the files with bad rows, the first error of each, and the centres
     * each holds (all of them are left unchecked) */
    struct bad_file {
        const char *file;
        char *first;
        long problems;
        char **centres;
        size_t ncentres;
    } *bad;
    size_t nbad;
} inputs;

/* Where one reading thread puts its rows (a large file is read in two halves). */
typedef struct sink {
    jz_hours_acc *acc;
    long bad_rows;
    const char *file;
    bool keep_centres;            /* --skip-invalid: list the centres the rows name */
    char **centres;
    size_t ncentres;
    /* A record id already read (in an earlier file: seen, read only; in this half: mine)
     * is not counted; the warning waits until the file is read (dups), so that the halves'
     * line numbers can be made the file's. */
    const jz_record_ids *seen;
    jz_record_ids *mine;
    struct dup {
        long line, col, first_line;
        const char *first_file;
        bool first_mine;          /* the first row is in this half (its line counts from the split) */
        char *id, *centre;
    } *dups;
    size_t ndups;
} sink;

static bool counted_once(sink *k, const jz_header *h, const jz_row *row, const jz_field *f)
{
    jz_record_key fp = jz_record_id_key(f);
    if (!fp.fp)
        return true;
    const char *ff = NULL;
    long fl = 0;
    bool mine = false;
    if (!jz_record_ids_find(k->seen, fp, &ff, &fl) && !(mine = jz_record_ids_find(k->mine, fp, &ff, &fl))) {
        jz_record_ids_add(k->mine, fp, k->file, row->line);
        return true;
    }
    k->dups = jz_xrealloc(k->dups, (k->ndups + 1) * sizeof *k->dups);
    k->dups[k->ndups++] = (struct dup){row->line, h->idx[JZ_R_RECORD_ID] + 1, fl, ff, mine,
                                       jz_xstrndup(f[JZ_R_RECORD_ID].s, f[JZ_R_RECORD_ID].n),
                                       jz_xstrndup(f[JZ_R_CENTRE].s, f[JZ_R_CENTRE].n)};
    return false;
}

/* Warn about the records not counted (their ids were read before), base added to the lines
 * of a second half; free the list. */
static void warn_dups(sink *k, jz_diag *diag, long base, bool emit)
{
    for (size_t i = 0; i < k->ndups; i++) {
        const struct dup *d = &k->dups[i];
        if (emit)
            jz_diag_emit(diag, JZ_WARNING, k->file, d->line + base, d->col, "record_id", "duplicate-id",
                         "record_id %.*s of centre %.*s was already read at %s:%ld: this row is not counted "
                         "(a record counts once; give each record its own id)", (int)strlen(d->id), d->id,
                         (int)strlen(d->centre), d->centre, d->first_file, d->first_line + (d->first_mine ? base : 0));
        free(d->id);
        free(d->centre);
    }
    free(k->dups);
    k->dups = NULL;
    k->ndups = 0;
}

static void quiet(void *ctx, const jz_diag_msg *m)
{
    (void)ctx;
    (void)m;
}

static void sink_centre(sink *k, const jz_field *c)
{
    if (!c->present)
        return;
    for (size_t i = k->ncentres; i-- > 0;)  /* the last one first: runs of one centre */
        if (strlen(k->centres[i]) == c->n && memcmp(k->centres[i], c->s, c->n) == 0)
            return;
    k->centres = jz_xrealloc(k->centres, (k->ncentres + 1) * sizeof *k->centres);
    k->centres[k->ncentres++] = jz_xstrndup(c->s, c->n);
}

static int on_record(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    sink *k = ctx;
    if (k->keep_centres)
        sink_centre(k, &f[JZ_R_CENTRE]);
    if (nerr)
        k->bad_rows++;
    else if ((k->bad_rows == 0 || k->keep_centres) && counted_once(k, h, row, f))
        jz_hours_acc_add(k->acc, f, k->file, row->line);
    return 0;
}

/* Print a diagnostic; with --skip-invalid remember each file's first error. */
typedef struct printing {
    jz_diag_printer *pr;
    inputs *in;
    char first[600];
    const char *file;             /* the file `first` is of */
} printing;

static void print_diag(void *ctx, const jz_diag_msg *m)
{
    printing *p = ctx;
    jz_diag_print(p->pr, m);
    if (m->sev == JZ_ERROR && (!p->file || strcmp(p->file, m->file) != 0)) {
        p->file = m->file;
        snprintf(p->first, sizeof p->first, "%s:%ld:%ld: %s", m->file, m->line, m->col, m->message);
    }
}

static int load_reference(const opts *o, inputs *in)
{
    jz_error err;
    if (jz_cli_load_rules(&in->rules, o->rules, &err))
        return jz_cli_error(&err);
    if (!(in->cal = jz_cli_load_calendar(o->c.calendar, o->c.assume_regular, &err)))
        return jz_cli_error(&err);
    long before = in->diag.count[JZ_ERROR];
    for (size_t i = 0; i < o->ncontracts; i++) {
        jz_table_info info;
        if (jz_contracts_load(&in->contracts, o->contracts[i], (jz_encoding)o->c.enc, &in->diag, &info, &err) && info.unreadable)
            return jz_cli_error(&err);
    }
    for (size_t i = 0; i < o->nrosters; i++) {
        jz_table_info info;
        if (jz_roster_load(&in->roster, o->rosters[i], (jz_encoding)o->c.enc, &in->diag, &info, &err) && info.unreadable)
            return jz_cli_error(&err);
    }
    if (in->diag.count[JZ_ERROR] > before) {
        fprintf(stderr, _("%s: the contracts or roster have errors (above): nothing computed\n"), jz_prog);
        return JZ_EXIT_INPUT;
    }
    return 0;
}

/* The columns hours are computed from; the others (notes, clients, counts) are not
 * read here: jz-validate judges them. */
#define BIT(c) (1u << (c))
enum { HOURS_COLUMNS = BIT(JZ_R_RECORD_ID) | BIT(JZ_R_CENTRE) | BIT(JZ_R_DATE) | BIT(JZ_R_START) |
                       BIT(JZ_R_END) | BIT(JZ_R_STAFF) | BIT(JZ_R_KIND) | BIT(JZ_R_MODE) |
                       BIT(JZ_R_PLACE) | BIT(JZ_R_HOURS) | JZ_PARSE_TIME_RULES };

static int read_records(char **files, int n, const opts *o, inputs *in)
{
    in->acc = jz_hours_acc_new(&in->rules, &in->contracts, o->as_of);
    in->ids = jz_record_ids_new();
    for (int i = 0; i < n; i++) {
        jz_error err;
        jz_table_info info;
        sink one = {jz_hours_acc_new(&in->rules, &in->contracts, o->as_of), 0, files[i], o->skip_invalid, NULL, 0,
                    in->ids, jz_record_ids_new(), NULL, 0};
        sink two = {jz_hours_acc_new(&in->rules, &in->contracts, o->as_of), 0, files[i], o->skip_invalid, NULL, 0,
                    in->ids, jz_record_ids_new(), NULL, 0};
        printing *pp = in->diag.ctx;
        pp->file = NULL;
        void *ctx[2] = {&one, &two};
        int halves;
        long base;
        jz_code code = jz_table_read_split(files[i], JZ_FILE_RECORDS, (jz_encoding)o->c.enc, HOURS_COLUMNS, &in->diag, on_record,
                                           ctx, &halves, &base, &info, &err);
        long bad = one.bad_rows + (halves == 2 ? two.bad_rows : 0);
        in->bad_rows += bad;
        if (halves == 2 && jz_record_ids_overlap(one.mine, two.mine)) {
            /* an id in both halves: each half counted its row. Rare: read the file again on
             * one core, quietly (its problems are already said), so the first row counts. */
            jz_hours_acc_free(one.acc);
            jz_record_ids_free(one.mine);
            warn_dups(&one, &in->diag, 0, false);
            warn_dups(&two, &in->diag, base, false);
            sink again = {jz_hours_acc_new(&in->rules, &in->contracts, o->as_of), 0, files[i], o->skip_invalid, NULL, 0,
                          in->ids, jz_record_ids_new(), NULL, 0};
            jz_diag silent;
            jz_diag_init(&silent, quiet, NULL);
            jz_table_info info2;
            jz_error err2;
            jz_table_read_columns(files[i], JZ_FILE_RECORDS, (jz_encoding)o->c.enc, HOURS_COLUMNS, &silent, on_record, &again,
                                  &info2, &err2);
            one.acc = again.acc;
            one.mine = again.mine;
            one.dups = again.dups;
            one.ndups = again.ndups;
            for (size_t k = 0; k < again.ncentres; k++)  /* one and two listed them already */
                free(again.centres[k]);
            free(again.centres);
            halves = 1;
        }
        if (halves == 2 && one.bad_rows && !o->skip_invalid) {
            /* one reader counts no row after a bad one (nothing is computed then), so it
             * finds no duplicates after it either: neither does the second half */
            warn_dups(&two, &in->diag, base, false);
        }
        jz_hours_acc_merge(in->acc, one.acc, 0);
        jz_hours_acc_free(one.acc);
        if (i + 1 < n)  /* the next files are checked against this one's ids */
            jz_record_ids_merge(in->ids, one.mine, 0);
        warn_dups(&one, &in->diag, 0, true);
        jz_record_ids_free(one.mine);
        if (halves == 2) {
            jz_hours_acc_merge(in->acc, two.acc, base);
            if (i + 1 < n)
                jz_record_ids_merge(in->ids, two.mine, base);
            warn_dups(&two, &in->diag, base, true);
        } else {
            warn_dups(&two, &in->diag, 0, false);  /* its rows are discarded (table.h) */
        }
        jz_record_ids_free(two.mine);
        jz_hours_acc_free(two.acc);
        for (size_t k = 0; k < two.ncentres; k++)
            sink_centre(&one, &(jz_field){.s = two.centres[k], .n = strlen(two.centres[k]), .present = true});
        for (size_t k = 0; k < two.ncentres; k++)
            free(two.centres[k]);
        free(two.centres);
        if (bad && o->skip_invalid) {
            in->bad = jz_xrealloc(in->bad, (in->nbad + 1) * sizeof *in->bad);
            in->bad[in->nbad++] = (struct bad_file){files[i], jz_xstrdup(pp->file ? pp->first : "?"), bad,
                                                     one.centres, one.ncentres};
        } else {
            for (size_t k = 0; k < one.ncentres; k++)
                free(one.centres[k]);
            free(one.centres);
        }
        if (code && info.unreadable)
            return jz_cli_error(&err);
    }
    if (o->skip_invalid && in->nbad)
        return 0;  /* the centres of those files are left unchecked (report) */
    if (in->bad_rows || in->diag.count[JZ_ERROR]) {
        fprintf(stderr, jz_trn("%s: %ld record with errors (above; jz-validate lists every problem): nothing computed\n",
                               "%s: %ld records with errors (above; jz-validate lists every problem): nothing computed\n",
                               (unsigned long)in->bad_rows), jz_prog, in->bad_rows);
        return JZ_EXIT_INPUT;
    }
    return 0;
}

static bool wanted(const opts *o, const char *centre)
{
    for (size_t i = 0; i < o->c.ncentres; i++)
        if (strcmp(o->c.centres[i], centre) == 0)
            return true;
    return o->c.ncentres == 0;
}

/* The bad file that holds centre's records, or NULL. */
static const struct bad_file *bad_file_of(const inputs *in, const char *centre)
{
    for (size_t b = 0; b < in->nbad; b++)
        for (size_t k = 0; k < in->bad[b].ncentres; k++)
            if (strcmp(in->bad[b].centres[k], centre) == 0)
                return &in->bad[b];
    return NULL;
}

static int report(const opts *o, inputs *in)
{
    size_t n = in->contracts.n;
    jz_hours_result *res = jz_xcalloc(n ? n : 1, sizeof *res);
    int rc = 0;
    bool failing = false;
    size_t nres = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        jz_error err;
        if (!wanted(o, in->contracts.v[i].centre))
            continue;
        const struct bad_file *bf = bad_file_of(in, in->contracts.v[i].centre);
        if (bf) {  /* --skip-invalid: not checked, with the first problem */
            fprintf(stderr, jz_trn("%s: %s not checked: %s has %ld record with errors, the first: %s; see them all with: "
                                   "jz-validate %s\n",
                                   "%s: %s not checked: %s has %ld records with errors, the first: %s; see them all with: "
                                   "jz-validate %s\n", (unsigned long)bf->problems),
                    jz_prog, in->contracts.v[i].id, bf->file, bf->problems, bf->first, bf->file);
            failing = true;
            continue;
        }
        if (jz_hours_evaluate(in->acc, i, o->nrosters ? &in->roster : NULL, in->cal, o->as_of, o->by_staff,
                              &res[nres], &err))
            rc = jz_cli_error(&err);
        else {
            failing |= jz_hours_failing(&res[nres]);
            nres++;
        }
    }
    size_t unchecked = 0;
    for (size_t i = 0; i < nres && !rc; i++)
        unchecked += jz_hours_unchecked(&res[i]);
    if (unchecked && !rc) {
        /* a missing export is not a shortfall: listed, and an error only when asked */
        fprintf(stderr, _("%s: %s%zu of %zu contracts have no records of their centre in this run (delivery not checked):"),
                jz_prog, o->require_records ? _("error: ") : "", unchecked, nres);
        for (size_t i = 0, shown = 0; i < nres && shown < 10; i++)
            if (jz_hours_unchecked(&res[i]))
                fprintf(stderr, "%s%s", shown++ ? C_("list", ", ") : " ", res[i].contract->centre);
        fprintf(stderr, "%s\n", unchecked > 10 ? C_("list", ", ...") : "");
        if (o->require_records) {
            fprintf(stderr, _("%s: --require-records: give every centre's records, or -C the centres given: "
                    "nothing written\n"), jz_prog);
            rc = JZ_EXIT_INPUT;
        }
    }
    for (size_t i = 0; i < o->c.ncentres && !rc; i++)
        if (!jz_contracts_first(&in->contracts, o->c.centres[i]))
            rc = jz_cli_usage_error("--centre %s: no contract of that centre in the contracts given", o->c.centres[i]);
    if (!rc) {
        if (!o->nrosters)
            fprintf(stderr, _("%s: warning: no roster given: staffing not checked, every staff id in the records counted\n"),
                    jz_prog);
        jz_out out;
        if (!jz_out_open(&out, o->c.output)) {
            rc = JZ_EXIT_SYSTEM;
        } else {
            const jz_orphan *orphans;
            size_t norphans = jz_hours_orphans(in->acc, &orphans);
            jz_hours_report rep = {&in->rules, res, nres, orphans, norphans, o->c.calendar};
            jz_writer_find(jz_hours_writers, format_names[o->c.format_index])->write_to_file(out.fp, &rep);
            rc = !jz_out_commit(&out) ? JZ_EXIT_SYSTEM : failing ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
        }
    }
    for (size_t i = 0; i < nres; i++)
        jz_hours_result_free(&res[i]);
    free(res);
    return rc;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    opts o = {0};
    o.as_of = JZ_NO_DAY;
    int rc = parse_args(argc, argv, &o);
    if (rc < 0) {
        jz_io io = {0};
        jz_io_inputs(&io, "--contracts", o.contracts, o.ncontracts);
        jz_io_inputs(&io, "--roster", o.rosters, o.nrosters);
        jz_io_bundled(&io, "--rules", o.rules, "rules/guangzhou-hours.yaml");
        jz_io_bundled(&io, "--calendar", o.c.calendar, "calendar/cn-holidays.csv");
        jz_io_inputs(&io, NULL, (const char *const *)argv + optind, (size_t)(argc - optind));
        jz_io_output(&io, "-o", o.c.output);
        if (!(rc = jz_io_check(&io)))
            rc = -1;
    }
    if (rc >= 0) {  /* after --help, or a usage error */
        free(o.contracts);
        free(o.rosters);
        jz_cli_common_free(&o.c);
        return rc;
    }
    inputs in;
    memset(&in, 0, sizeof in);
    in.pr = (jz_diag_printer){.fp = stderr, .format = JZ_DIAG_TEXT, .max = 50, .min_sev = JZ_WARNING,
                              .prog = jz_prog};
    printing pp = {&in.pr, &in, "", NULL};
    jz_diag_init(&in.diag, print_diag, &pp);
    in.diag.shown_max = in.pr.max;  /* a second reading thread keeps no more than can print */
    jz_contracts_init(&in.contracts);
    jz_roster_init(&in.roster);
    rc = load_reference(&o, &in);
    if (!rc)
        rc = read_records(argv + optind, argc - optind, &o, &in);
    if (!rc)
        rc = report(&o, &in);
    jz_hours_acc_free(in.acc);
    jz_record_ids_free(in.ids);
    for (size_t b = 0; b < in.nbad; b++) {
        for (size_t k = 0; k < in.bad[b].ncentres; k++)
            free(in.bad[b].centres[k]);
        free(in.bad[b].centres);
        free(in.bad[b].first);
    }
    free(in.bad);
    jz_roster_free(&in.roster);
    jz_contracts_free(&in.contracts);
    jz_calendar_free(in.cal);
    jz_rules_free(&in.rules);
    free(o.contracts);
    free(o.rosters);
    jz_cli_common_free(&o.c);
    return rc;
}
