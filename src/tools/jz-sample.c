/* jz-sample — reproducible random samples for evaluators: clients to interview,
 * activities to spot-check, dates of unannounced visits. See man/jz-sample.1.
 * Options and orchestration; the draw is in src/lib/engine/sample.c, the formats in
 * src/lib/write/sample_write.c. */
#include "jz/audit_read.h"
#include "jz/calendar.h"
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/cli_input.h"
#include "jz/i18n.h"
#include "jz/rng.h"
#include "jz/sample_write.h"
#include "jz/table.h"
#include "jz/text.h"
#include "jz/emit.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_text[] =
    N_("Usage: jz-sample clients|activities --seed TEXT (-n N | --per N) [OPTIONS] RECORDS...\n"
       "       jz-sample visits --seed TEXT --contracts FILE --year YEAR [OPTIONS]\n"
       "Draw a random, reproducible sample: service users to interview, activities whose\n"
       "files to check, or dates for unannounced visits. Same seed, same inputs, same draw.\n"
       "\n"
       "  -s, --seed TEXT         the seed (any UTF-8 text; publish its SHA-256 before the\n"
       "                          draw and the text after it); required\n"
       "      --seed-from-time    use the current UTC time as the seed, and print it\n"
       "  -f, --format FMT        text (default), csv or json\n"
       "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
       "  -C, --centre ID         only this centre (may be repeated)\n"
       "  -e, --encoding ENC      auto (default), utf-8 or gb18030\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n"
       "clients and activities:\n"
       "  -n N                    draw N in all, in proportion to the strata\n"
       "  -p, --per N             draw N from every stratum\n"
       "  -b, --by KEY            strata: kind (default), target, place, mode, centre, staff\n"
       "  -k, --kind KIND[,...]   only records of these kinds (clients: every kind;\n"
       "                          activities: case,group,community); may be repeated\n"
       "  -m, --mode MODE         only direct or only indirect records\n"
       "      --from DATE         only records on or after DATE\n"
       "      --to DATE           only records on or before DATE\n"
       "  -x, --exclude FILE      leave out these ids: one a line, or a CSV with a client\n"
       "                          (activity) column, e.g. last year's draw; may be repeated\n"
       "  -w, --weights FILE      draw with probability proportional to the risk of FILE, the\n"
       "                          json of jz-audit (systematic PPS); prints each draw's\n"
       "                          inclusion probability\n"
       "visits:\n"
       "  -c, --contracts FILE    contracts (required; may be given more than once)\n"
       "  -y, --year YEAR         the year to plan (required)\n"
       "      --per-centre N      visits per centre, 1 to 12 (default 4: one a quarter)\n"
       "  -t, --teams FILE        CSV centre,team: never two centres of a team on one day\n"
       "      --calendar FILE     holiday calendar (default: the bundled one)\n"
       "      --assume-regular-weeks  treat a year the calendar lacks as Mon-Fri weeks\n"
       "\n"
       "RECORDS may be - for standard input. Exit status: 0 drawn; 1 fewer available than\n"
       "asked (the draw is still printed); 2 usage error (also: no seed); 3 invalid input\n"
       "(nothing drawn); 4 system error.\n");

enum command { CMD_CLIENTS, CMD_ACTIVITIES, CMD_VISITS };
enum format { FMT_TEXT, FMT_CSV, FMT_JSON };
static const char *const format_names[] = {"text", "csv", "json", NULL};  /* rows of the writer tables */

typedef struct opts {
    enum command cmd;
    const char *seed, *output, *teams, *calendar, *weights;
    bool seed_from_time, assume_regular, have_n, have_per;
    size_t n;
    jz_sample_by by;
    unsigned kinds, modes;
    jz_day from, to;
    const char **excludes, **contracts, **centres;
    size_t nexcludes, ncontracts, ncentres;
    int year, per_centre;
    jz_encoding enc;
    enum format format;
    char unit_option[32], visit_option[32];  /* the first option of each command given */
    char time_seed[32];
} opts;

/* What every output starts with (sample_write.h). */
typedef jz_sample_head header;

static void push(const char ***list, size_t *n, const char *s)
{
    *list = jz_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = s;
}

/* ---- options ---- */

static bool parse_kinds(const char *arg, unsigned *mask)
{
    const char *p = arg;
    while (*p) {
        size_t n = strcspn(p, ",");
        char norm[64];
        jz_text_norm(p, n, norm, sizeof norm);
        int k = -1;
        for (size_t i = 0; i < jz_enum_kind.n; i++)
            if (strcmp(norm, jz_enum_kind.en[i]) == 0 || strcmp(norm, jz_enum_kind.zh[i]) == 0)
                k = (int)i;
        if (k < 0)
            return false;
        *mask |= 1u << k;
        p += n + (p[n] == ',');
    }
    return *mask != 0;
}

static bool parse_count(const char *arg, long lo, long hi, long *out)
{
    return jz_cli_parse_long(arg, out) && *out >= lo && *out <= hi;
}

static int set_option(opts *o, int c, const char *arg, const char *name);

/* jz_cli_spec.option: set_option with the context's type. */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    return set_option(ctx, c, arg, name);
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
    /* Long-only options return letters missing from the short list: S, F, T, P. */
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, 's'},      {"seed-from-time", no_argument, NULL, 'S'},
        {"per", required_argument, NULL, 'p'},       {"by", required_argument, NULL, 'b'},
        {"kind", required_argument, NULL, 'k'},      {"mode", required_argument, NULL, 'm'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},        {"exclude", required_argument, NULL, 'x'},
        {"weights", required_argument, NULL, 'w'},
        {"contracts", required_argument, NULL, 'c'}, {"year", required_argument, NULL, 'y'},
        {"per-centre", required_argument, NULL, 'P'}, {"teams", required_argument, NULL, 't'},
        {NULL, 0, NULL, 0}};
    const jz_cli_spec spec = {
        .usage = usage_text,
        .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_ENCODING | JZ_CLI_CENTRE | JZ_CLI_CALENDAR,
        .formats = format_names, .format_error = N_("--format '%s': use text, csv or json"),
        .shortopts = "s:n:p:b:k:m:x:w:c:y:t:", .longopts = longopts, .option = option, .ctx = o};
    jz_cli_common c = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &c);
    o->output = c.output;
    o->format = (enum format)c.format_index;
    o->enc = (jz_encoding)c.enc;
    o->centres = c.centres;   /* main frees it */
    o->ncentres = c.ncentres;
    o->calendar = c.calendar;
    o->assume_regular = c.assume_regular;
    return rc;
}

static int set_unit_option(opts *o, int c, const char *arg, const char *name)
{
    long v;
    if (!o->unit_option[0])
        snprintf(o->unit_option, sizeof o->unit_option, "%s", name);
    switch (c) {
    case 'n':
    case 'p':
        if (!parse_count(arg, 1, JZ_SAMPLE_MAX_N, &v))
            return jz_cli_usage_error("%s '%s': give a whole number from 1 to %d", name, arg, JZ_SAMPLE_MAX_N);
        o->n = (size_t)v;
        *(c == 'n' ? &o->have_n : &o->have_per) = true;
        return -1;
    case 'b': {
        int b = jz_cli_choice(arg, jz_sample_by_names);
        if (b < 0)
            return jz_cli_usage_error("--by '%s': use kind, target, place, mode, centre or staff", arg);
        o->by = (jz_sample_by)b;
        return -1;
    }
    case 'k':
        if (!parse_kinds(arg, &o->kinds))
            return jz_cli_usage_error("--kind '%s': use case, group, community, visit, consult, training, "
                                      "supervision or admin (or 个案, 小组...), separated by commas", arg);
        return -1;
    case 'm': {
        static const char *const modes[] = {"direct", "indirect", "直接", "间接", NULL};
        int m = jz_cli_choice(arg, modes);
        if (m < 0)
            return jz_cli_usage_error("--mode '%s': use direct or indirect", arg);
        o->modes = 1u << (m % 2);
        return -1;
    }
    case 'x': push(&o->excludes, &o->nexcludes, arg); return -1;
    case 'w':
        if (o->weights)
            return jz_cli_usage_error("--weights is given twice: give the one jz-audit json of the run");
        o->weights = arg;
        return -1;
    default: {
        jz_day *d = c == 'F' ? &o->from : &o->to;
        if (!jz_date_parse(arg, strlen(arg), d))
            return jz_cli_usage_error("%s '%s' is not a date: write e.g. 2024-06-30", name, arg);
        return -1;
    }
    }
}

static int set_visit_option(opts *o, int c, const char *arg, const char *name)
{
    long v;
    if (!o->visit_option[0])
        snprintf(o->visit_option, sizeof o->visit_option, "%s", name);
    switch (c) {
    case 'c': push(&o->contracts, &o->ncontracts, arg); return -1;
    case 'y':
        if (!parse_count(arg, 2000, 2100, &v))
            return jz_cli_usage_error("%s '%s': give a year from 2000 to 2100", name, arg);
        o->year = (int)v;
        return -1;
    case 'P':
        if (!parse_count(arg, 1, 12, &v))
            return jz_cli_usage_error("--per-centre '%s': give 1 to 12 visits a year", arg);
        o->per_centre = (int)v;
        return -1;
    case 't': o->teams = arg; return -1;
    default: return -1;  /* --calendar, --assume-regular-weeks: in the common options */
    }
}

/* Returns -1 to go on, else the exit status. */
static int set_option(opts *o, int c, const char *arg, const char *name)
{
    switch (c) {
    case 's': o->seed = arg; return -1;
    case 'S': o->seed_from_time = true; return -1;
    case 'n': case 'p': case 'b': case 'k': case 'm': case 'x': case 'w': case 'F': case 'T':
        return set_unit_option(o, c, arg, name);
    case 'c': case 'y': case 'P': case 't': case JZ_CLI_OPT_CALENDAR: case JZ_CLI_OPT_ASSUME:
        return set_visit_option(o, c, arg, name);
    default: return -1;  /* a common option, stored by jz_cli_parse */
    }
}

/* The command word and the rules that depend on it. Returns -1 to go on. */
static int check_args(int argc, char **argv, opts *o)
{
    static const char *const commands[] = {"clients", "activities", "visits", NULL};
    if (optind >= argc || jz_cli_choice(argv[optind], commands) < 0)
        return jz_cli_usage_error(optind >= argc ? N_("no command: give clients, activities or visits%s")
                                                 : N_("unknown command '%s': give clients, activities or visits"),
                                  optind >= argc ? "" : argv[optind]);
    o->cmd = (enum command)jz_cli_choice(argv[optind++], commands);
    if (!o->seed && !o->seed_from_time)
        return jz_cli_usage_error("no --seed: a draw without a recorded seed cannot be audited; give --seed "
                                  "TEXT (publish its SHA-256 first, the text after the draw) or --seed-from-time");
    if (o->seed && o->seed_from_time)
        return jz_cli_usage_error("--seed and --seed-from-time: give one of them");
    size_t n = o->seed ? strlen(o->seed) : 0;
    bool incomplete;
    if (o->seed && n == 0)
        return jz_cli_usage_error("--seed is empty: choose a text nobody can guess");
    if (o->seed && jz_utf8_valid_prefix((const unsigned char *)o->seed, n, &incomplete) != n)
        return jz_cli_usage_error("--seed is not valid UTF-8: the same text must give the same bytes everywhere");
    if (o->cmd == CMD_VISITS) {
        if (o->unit_option[0])
            return jz_cli_usage_error("%s is for clients and activities, not visits", o->unit_option);
        if (!o->ncontracts || !o->year)
            return jz_cli_usage_error("visits needs --contracts FILE and --year YEAR");
        if (optind < argc)
            return jz_cli_usage_error("visits reads no records ('%s'): give the contracts with --contracts", argv[optind]);
        return -1;
    }
    if (o->visit_option[0])
        return jz_cli_usage_error("%s is for visits only", o->visit_option);
    if (o->have_n == o->have_per)
        return jz_cli_usage_error("give -n N (a total, in proportion to the strata) or --per N (from every stratum)");
    if (o->from > o->to)
        return jz_cli_usage_error("--from is after --to");
    if (optind >= argc)
        return jz_cli_usage_error("no records files: give one or more (- for standard input)");
    return -1;
}

/* ---- the seed ---- */

static void start_stream(opts *o, jz_rng *rng, header *h)
{
    uint8_t digest[32];
    if (o->seed_from_time) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(o->time_seed, sizeof o->time_seed, "%Y-%m-%dT%H:%M:%SZ", &tm);
        o->seed = o->time_seed;
        h->seed_shown = o->time_seed;
        jz_cli_warn("seed from the clock: %s (printed with the draw: keep it to draw again)", o->time_seed);
    }
    jz_rng_init_seed(rng, o->seed, strlen(o->seed), digest);
    jz_hex(digest, 32, h->sha);
}

/* ---- reading ---- */

typedef struct reader {
    jz_sample_pop *pop;
    jz_diag diag;
    jz_diag_printer pr;
    long bad_rows;
    unsigned file;
    const char *path;
    int id_col;
    bool first_row;
} reader;

static int on_record(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    reader *r = ctx;
    if (r->first_row && h->idx[r->id_col] < 0) {
        const char *col = h->schema->cols[r->id_col].name;
        jz_diag_emit(&r->diag, JZ_ERROR, r->path, 1, 0, col, "missing-column",
                     "the file has no %s column (%s): there is nothing to draw from", col, h->schema->cols[r->id_col].zh);
        return 1;
    }
    r->first_row = false;
    if (nerr)
        r->bad_rows++;
    else if (r->bad_rows == 0)
        jz_sample_pop_add(r->pop, f, r->file, row->line);
    return 0;
}

#define BIT(c) (1u << (c))
enum { SAMPLE_COLUMNS = BIT(JZ_R_CENTRE) | BIT(JZ_R_DATE) | BIT(JZ_R_STAFF) | BIT(JZ_R_ACTIVITY) |
                        BIT(JZ_R_KIND) | BIT(JZ_R_MODE) | BIT(JZ_R_PLACE) | BIT(JZ_R_TARGET) | BIT(JZ_R_CLIENT) |
                        BIT(JZ_R_START) | BIT(JZ_R_END) | BIT(JZ_R_PARTICIPANTS) | BIT(JZ_R_HOURS) };

static int read_excludes(const opts *o, reader *r)
{
    /* jz-validate does not read an exclusion list: its notes (title rows skipped above its
     * header) are shown here, or nowhere */
    r->pr.min_sev = JZ_NOTE;
    for (size_t i = 0; i < o->nexcludes; i++) {
        jz_error err;
        long count;
        if (jz_sample_exclude_load(r->pop, o->excludes[i], o->enc, &r->diag, &count, &err))
            return jz_cli_error(&err);
    }
    r->pr.min_sev = JZ_WARNING;
    if (r->diag.count[JZ_ERROR]) {
        jz_cli_warn("the exclusion list has errors (above): nothing drawn");
        return JZ_EXIT_INPUT;
    }
    return 0;
}

static int read_records(char **files, int n, const opts *o, reader *r)
{
    r->id_col = o->cmd == CMD_CLIENTS ? JZ_R_CLIENT : JZ_R_ACTIVITY;
    for (int i = 0; i < n; i++) {
        jz_error err;
        jz_table_info info;
        r->file = (unsigned)i;
        r->path = files[i];
        r->first_row = true;
        jz_code code = jz_table_read_columns(files[i], JZ_FILE_RECORDS, o->enc, SAMPLE_COLUMNS, &r->diag,
                                             on_record, r, &info, &err);
        if (code && info.unreadable)
            return jz_cli_error(&err);
    }
    if (r->bad_rows) {
        jz_cli_warn("%ld record%s with errors (above; jz-validate lists every problem): nothing drawn",
                    r->bad_rows, r->bad_rows == 1 ? "" : "s");
        return JZ_EXIT_INPUT;
    }
    if (r->diag.count[JZ_ERROR]) {
        jz_cli_warn("the records files have errors (above): nothing drawn");
        return JZ_EXIT_INPUT;
    }
    if (jz_sample_pop_missing_id(r->pop))
        jz_cli_warn("warning: %ld record%s of the chosen kinds have no activity id: they cannot be drawn",
                    jz_sample_pop_missing_id(r->pop), jz_sample_pop_missing_id(r->pop) == 1 ? "" : "s");
    return 0;
}

/* Say every shortfall on standard error too (the csv output has no place for it). */
static void report_short(const opts *o, const jz_sample_result *r)
{
    for (size_t i = 0; i < r->nstrata; i++) {
        const jz_sample_stratum *s = &r->strata[i];
        if (s->drawn < s->share && o->have_n && !r->short_total)
            jz_cli_warn("note: %s %s: %zu asked, %zu available: the other %zu drawn from the other strata", s->centre,
                        s->value, s->share, s->available, s->share - s->drawn);
        else if (s->drawn < s->share)
            jz_cli_warn("%s %s: %zu asked, %zu available: %zu short", s->centre, s->value, s->share, s->available,
                        s->share - s->drawn);
    }
    if (o->have_n && r->drawn > r->asked)
        jz_cli_warn("note: %zu asked, but each stratum with members gives at least one: %zu drawn", r->asked,
                    r->drawn);
    if (r->short_total)
        jz_cli_warn("%zu asked, %zu drawn: fewer %s available than asked", r->asked, r->drawn,
                    o->cmd == CMD_CLIENTS ? "clients" : "activities");
}

/* --weights: a record's risk x 10 is its staff member's (jz-audit's staff table), else its
 * centre's; 0 for a centre the audit lacks (counted, and said on standard error). */
typedef struct weights {
    jz_audits a;
    char last_c[256], last_s[256];          /* the last lookup (rows come in runs) */
    size_t last_cn, last_sn;
    bool have_last;
    uint32_t last;
    const char **unaudited;                 /* centres without an audit entry */
    size_t nunaudited;
} weights;

static uint32_t x10(double risk)
{
    return (uint32_t)(risk * 10.0 + 0.5);
}

static uint32_t risk_of(void *ctx, const char *centre, size_t cn, const char *staff, size_t sn)
{
    weights *w = ctx;
    if (w->have_last && w->last_cn == cn && w->last_sn == sn && memcmp(w->last_c, centre, cn) == 0 &&
        memcmp(w->last_s, staff, sn) == 0)
        return w->last;
    uint32_t r = 0;
    bool found = false;
    for (size_t k = 0; k < w->a.nstaff && !found; k++) {
        const jz_astaff *s = &w->a.staff[k];
        if (strlen(s->staff) == sn && memcmp(s->staff, staff, sn) == 0 && strlen(s->centre) == cn &&
            memcmp(s->centre, centre, cn) == 0)
            r = x10(s->risk), found = true;
    }
    for (size_t k = 0; k < w->a.ncentres && !found; k++)
        if (strlen(w->a.centres[k].centre) == cn && memcmp(w->a.centres[k].centre, centre, cn) == 0)
            r = x10(w->a.centres[k].risk), found = true;
    if (!found) {
        bool known = false;
        for (size_t k = 0; k < w->nunaudited && !known; k++)
            known = strlen(w->unaudited[k]) == cn && memcmp(w->unaudited[k], centre, cn) == 0;
        if (!known) {
            char *c = jz_xmalloc(cn + 1);
            memcpy(c, centre, cn);
            c[cn] = '\0';
            push(&w->unaudited, &w->nunaudited, c);
        }
    }
    /* the strings are the row's: keep copies for the next comparison */
    w->have_last = cn <= sizeof w->last_c && sn <= sizeof w->last_s;
    if (w->have_last) {
        memcpy(w->last_c, centre, cn), memcpy(w->last_s, staff, sn);
        w->last_cn = cn, w->last_sn = sn, w->last = r;
    }
    return r;
}

static int run_units(opts *o, char **files, int nfiles)
{
    header h = {0};
    h.method = o->weights ? JZ_SAMPLE_METHOD_PPS : JZ_SAMPLE_METHOD;
    weights w;
    memset(&w, 0, sizeof w);
    if (o->weights) {
        jz_error err;
        if (jz_audits_load(&w.a, o->weights, &err)) {
            jz_audits_free(&w.a);
            return jz_cli_error(&err);
        }
    }
    jz_rng rng;
    start_stream(o, &rng, &h);
    jz_sample_spec spec = {o->cmd == CMD_CLIENTS ? JZ_SAMPLE_CLIENTS : JZ_SAMPLE_ACTIVITIES, o->by, o->kinds,
                           o->modes, o->from, o->to, o->centres, o->ncentres};
    reader r = {.pop = jz_sample_pop_new(&spec)};
    if (o->weights)
        jz_sample_pop_set_risk(r.pop, risk_of, &w);
    r.pr = (jz_diag_printer){stderr, JZ_DIAG_TEXT, 50, 0, 0, 0, JZ_WARNING, jz_prog};
    jz_diag_init(&r.diag, jz_diag_print, &r.pr);
    int rc = read_excludes(o, &r);
    if (!rc)
        rc = read_records(files, nfiles, o, &r);
    if (!rc) {
        jz_sample_result res;
        (o->weights ? jz_sample_draw_pps : jz_sample_draw)(r.pop, &rng, (jz_sample_size){o->have_per, o->n}, &res);
        for (size_t k = 0; k < w.nunaudited; k++)
            jz_cli_warn("note: centre %s is not in %s: its units have the measure of risk 0 (drawn as if "
                        "unflagged)", w.unaudited[k], o->weights);
        h.words = rng.words;
        jz_sample_units_doc u = {&h, &spec, {o->have_per, o->n}, &res, (const char *const *)files};
        jz_out out;
        if (!jz_out_open(&out, o->output)) {
            rc = JZ_EXIT_SYSTEM;
        } else {
            jz_writer_find(jz_sample_units_writers, format_names[o->format])->write_to_file(out.fp, &u);
            rc = !jz_out_commit(&out) ? JZ_EXIT_SYSTEM : res.short_total ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
        }
        if (rc != JZ_EXIT_SYSTEM)
            report_short(o, &res);
        jz_sample_result_free(&res);
    }
    jz_sample_pop_free(r.pop);
    for (size_t k = 0; k < w.nunaudited; k++)
        free((char *)w.unaudited[k]);
    free(w.unaudited);
    jz_audits_free(&w.a);
    return rc;
}

typedef struct visit_inputs {
    jz_calendar *cal;
    jz_contracts contracts;
    jz_teams *teams;
    jz_diag diag;
    jz_diag_printer pr;
} visit_inputs;

static int load_visit_inputs(const opts *o, visit_inputs *in)
{
    jz_error err;
    if (!(in->cal = jz_cli_load_calendar(o->calendar, o->assume_regular, &err)))
        return jz_cli_error(&err);
    for (size_t i = 0; i < o->ncontracts; i++) {
        jz_table_info info;
        if (jz_contracts_load(&in->contracts, o->contracts[i], o->enc, &in->diag, &info, &err) && info.unreadable)
            return jz_cli_error(&err);
    }
    in->pr.min_sev = JZ_NOTE;  /* jz-validate does not read a teams file: its notes are shown here */
    if (o->teams && jz_teams_load(in->teams, o->teams, o->enc, &in->diag, &err))
        return jz_cli_error(&err);
    in->pr.min_sev = JZ_WARNING;
    if (in->diag.count[JZ_ERROR]) {
        jz_cli_warn("the contracts or teams have errors (above): nothing drawn");
        return JZ_EXIT_INPUT;
    }
    for (size_t i = 0; i < o->ncentres; i++)
        if (!jz_contracts_first(&in->contracts, o->centres[i]))
            return jz_cli_usage_error("--centre %s: no contract of that centre in the contracts given", o->centres[i]);
    return 0;
}

static void report_short_visits(const jz_visit_plan *plan, int year)
{
    char a[11], b[11];
    for (size_t i = 0; i < plan->n; i++)
        if (plan->v[i].status == JZ_VISIT_SHORT)
            jz_cli_warn("%s part %d (%s to %s): no free working day inside its contract", plan->v[i].centre,
                        plan->v[i].part, jz_date_format(plan->v[i].part_from, a), jz_date_format(plan->v[i].part_to, b));
    if (plan->centres == 0)
        jz_cli_warn("no contract of the centres given runs in %d: nothing to draw", year);
}

static int draw_visits(const opts *o, visit_inputs *in, jz_rng *rng, header *h)
{
    jz_error err;
    jz_visit_plan plan;
    jz_visit_spec spec = {o->year, o->per_centre, o->teams ? in->teams : NULL, o->centres, o->ncentres};
    if (jz_sample_visits(&in->contracts, in->cal, &spec, rng, &plan, &err))
        return jz_cli_error(&err);
    h->words = rng->words;
    jz_sample_visits_doc v = {h, o->year, o->per_centre, o->teams, &plan};
    jz_out out;
    int rc = JZ_EXIT_SYSTEM;
    if (jz_out_open(&out, o->output)) {
        jz_writer_find(jz_sample_visits_writers, format_names[o->format])->write_to_file(out.fp, &v);
        rc = !jz_out_commit(&out) ? JZ_EXIT_SYSTEM : plan.short_ || !plan.centres ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
    }
    if (rc != JZ_EXIT_SYSTEM)
        report_short_visits(&plan, o->year);
    jz_visit_plan_free(&plan);
    return rc;
}

static int run_visits(opts *o)
{
    header h = {0};
    h.method = JZ_SAMPLE_METHOD;
    jz_rng rng;
    visit_inputs in = {0};
    in.pr = (jz_diag_printer){stderr, JZ_DIAG_TEXT, 50, 0, 0, 0, JZ_WARNING, jz_prog};
    jz_diag_init(&in.diag, jz_diag_print, &in.pr);
    jz_contracts_init(&in.contracts);
    in.teams = jz_teams_new();
    int rc = load_visit_inputs(o, &in);
    if (!rc) {
        start_stream(o, &rng, &h);
        rc = draw_visits(o, &in, &rng, &h);
    }
    jz_teams_free(in.teams);
    jz_contracts_free(&in.contracts);
    jz_calendar_free(in.cal);
    return rc;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    opts o = {.from = INT32_MIN, .to = INT32_MAX, .per_centre = 4};
    int rc = parse_args(argc, argv, &o);
    if (rc < 0)
        rc = check_args(argc, argv, &o);
    if (rc < 0) {
        jz_cli_inputs in = {0};
        jz_cli_input_add(&in, o.teams);
        jz_cli_input_add(&in, o.calendar);
        jz_cli_input_add(&in, o.weights);
        jz_cli_input_add_all(&in, o.excludes, o.nexcludes);
        jz_cli_input_add_all(&in, o.contracts, o.ncontracts);
        jz_cli_input_add_all(&in, (const char *const *)argv + optind, (size_t)(argc - optind));
        rc = jz_cli_inputs_check(&in) ? JZ_EXIT_USAGE : 0;
        if (rc == 0) {
            jz_io io = {0};
            jz_io_inputs(&io, "--exclude", o.excludes, o.nexcludes);
            jz_io_inputs(&io, "--contracts", o.contracts, o.ncontracts);
            jz_io_input(&io, "--teams", o.teams);
            jz_io_input(&io, "--weights", o.weights);
            if (o.cmd == CMD_VISITS)
                jz_io_bundled(&io, "--calendar", o.calendar, "calendar/cn-holidays.csv");
            jz_io_inputs(&io, NULL, (const char *const *)argv + optind, (size_t)(argc - optind));
            jz_io_output(&io, "-o", o.output);
            rc = jz_io_check(&io);
        }
        rc = rc ? rc : -1;
    }
    if (rc < 0)
        rc = o.cmd == CMD_VISITS ? run_visits(&o) : run_units(&o, argv + optind, argc - optind);
    free(o.excludes);
    free(o.contracts);
    free(o.centres);
    return rc;
}
