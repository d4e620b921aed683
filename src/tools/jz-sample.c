/* jz-sample — reproducible random samples for evaluators: clients to interview,
 * activities to spot-check, dates of unannounced visits. See man/jz-sample.1.
 * Options, orchestration and the three output formats; the draw is in src/lib/engine/sample.c. */
#include "jz/audit_read.h"
#include "jz/calendar.h"
#include "jz/cli.h"
#include "jz/cli_input.h"
#include "jz/rng.h"
#include "jz/sample.h"
#include "jz/table.h"
#include "jz/text.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_text[] =
    "Usage: jz-sample clients|activities --seed TEXT (-n N | --per N) [OPTIONS] RECORDS...\n"
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
    "(nothing drawn); 4 system error.\n";

enum command { CMD_CLIENTS, CMD_ACTIVITIES, CMD_VISITS };
enum format { FMT_TEXT, FMT_CSV, FMT_JSON };

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

/* What every output starts with. */
typedef struct header {
    char sha[65];
    const char *seed_shown;   /* the seed text, printed only when it came from the clock */
    uint64_t words;
    const char *method;       /* JZ_SAMPLE_METHOD, or JZ_SAMPLE_METHOD_PPS with --weights */
} header;

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

static int parse_args(int argc, char **argv, opts *o)
{
    /* Long-only options return letters missing from the short list: S, F, T, P, L, A. */
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, 's'},      {"seed-from-time", no_argument, NULL, 'S'},
        {"per", required_argument, NULL, 'p'},       {"by", required_argument, NULL, 'b'},
        {"kind", required_argument, NULL, 'k'},      {"mode", required_argument, NULL, 'm'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},        {"exclude", required_argument, NULL, 'x'},
        {"weights", required_argument, NULL, 'w'},
        {"contracts", required_argument, NULL, 'c'}, {"year", required_argument, NULL, 'y'},
        {"per-centre", required_argument, NULL, 'P'}, {"teams", required_argument, NULL, 't'},
        {"calendar", required_argument, NULL, 'L'},
        {"assume-regular-weeks", no_argument, NULL, 'A'},
        {"centre", required_argument, NULL, 'C'},    {"encoding", required_argument, NULL, 'e'},
        {"format", required_argument, NULL, 'f'},    {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},            {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c, idx = -1;
    while ((c = getopt_long(argc, argv, "s:n:p:b:k:m:x:w:c:y:t:C:e:f:o:hV", longopts, &idx)) != -1) {
        char name[32];
        if (idx >= 0)
            snprintf(name, sizeof name, "--%s", longopts[idx].name);
        else
            snprintf(name, sizeof name, "-%c", c);
        idx = -1;
        int rc = set_option(o, c, optarg, name);
        if (rc >= 0)
            return rc;
    }
    return -1;
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
    case 'L': o->calendar = arg; return -1;
    default: o->assume_regular = true; return -1;
    }
}

/* Returns -1 to go on, else the exit status. */
static int set_option(opts *o, int c, const char *arg, const char *name)
{
    static const char *const formats[] = {"text", "csv", "json", NULL};
    switch (c) {
    case 's': o->seed = arg; return -1;
    case 'S': o->seed_from_time = true; return -1;
    case 'C': push(&o->centres, &o->ncentres, arg); return -1;
    case 'e':
        {
            int e;
            if (jz_cli_encoding(arg, &e))
                return JZ_EXIT_USAGE;
            o->enc = (jz_encoding)e;
        }
        return -1;
    case 'f':
        if (jz_cli_choice(arg, formats) < 0)
            return jz_cli_usage_error("--format '%s': use text, csv or json", arg);
        o->format = (enum format)jz_cli_choice(arg, formats);
        return -1;
    case 'o': o->output = arg; return -1;
    case 'h': fputs(usage_text, stdout); return jz_cli_stdout_ok() ? 0 : JZ_EXIT_SYSTEM;
    case 'V': jz_cli_version(); return jz_cli_stdout_ok() ? 0 : JZ_EXIT_SYSTEM;
    case 'n': case 'p': case 'b': case 'k': case 'm': case 'x': case 'w': case 'F': case 'T':
        return set_unit_option(o, c, arg, name);
    case 'c': case 'y': case 'P': case 't': case 'L': case 'A':
        return set_visit_option(o, c, arg, name);
    default: return JZ_EXIT_USAGE;
    }
}

/* The command word and the rules that depend on it. Returns -1 to go on. */
static int check_args(int argc, char **argv, opts *o)
{
    static const char *const commands[] = {"clients", "activities", "visits", NULL};
    if (optind >= argc || jz_cli_choice(argv[optind], commands) < 0)
        return jz_cli_usage_error(optind >= argc ? "no command: give clients, activities or visits%s"
                                                 : "unknown command '%s': give clients, activities or visits",
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
    for (size_t i = 0; i < o->nexcludes; i++) {
        jz_error err;
        long count;
        if (jz_sample_exclude_load(r->pop, o->excludes[i], o->enc, &r->diag, &count, &err))
            return jz_cli_error(&err);
    }
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

/* ---- text tables ---- */

typedef struct table {
    size_t ncols, nrows;
    const char *const *head;
    const char *right;        /* per column: 'r' right-aligned, else left */
    char **cells;             /* nrows * ncols, malloc'd */
} table;

static char *cell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *cell(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = jz_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (jz_text_has_controls(s)) {  /* a text table shows ids and names: never raw controls */
        size_t need = jz_text_escape(s, NULL, 0) + 1;
        char *e = jz_xmalloc(need);
        jz_text_escape(s, e, need);
        free(s);
        s = e;
    }
    return s;
}

static void table_row(table *t, char **cells)
{
    t->cells = jz_xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
    memcpy(t->cells + t->nrows * t->ncols, cells, t->ncols * sizeof *cells);
    t->nrows++;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

static void table_line(FILE *fp, const table *t, const size_t *w, const char *const *row)
{
    size_t ncols = t->ncols;
    while (ncols > 1 && !row[ncols - 1][0])  /* no trailing blanks */
        ncols--;
    for (size_t c = 0; c < ncols; c++) {
        size_t len = jz_utf8_len(row[c]);
        bool last = c + 1 == ncols;
        if (t->right[c] == 'r')
            pad(fp, w[c] - len);
        fputs(row[c], fp);
        if (!last && t->right[c] != 'r')
            pad(fp, w[c] - len);
        if (!last)
            fputs("  ", fp);
    }
    fputc('\n', fp);
}

/* Print and free the table. */
static void table_print(FILE *fp, table *t)
{
    size_t w[16] = {0};
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = jz_utf8_len(t->head[c]);
        for (size_t r = 0; r < t->nrows; r++)
            if (jz_utf8_len(t->cells[r * t->ncols + c]) > w[c])
                w[c] = jz_utf8_len(t->cells[r * t->ncols + c]);
    }
    table_line(fp, t, w, t->head);
    for (size_t r = 0; r < t->nrows; r++)
        table_line(fp, t, w, (const char *const *)t->cells + r * t->ncols);
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
}

/* ---- clients and activities: output ---- */

typedef struct unit_report {
    const opts *o;
    const header *h;
    const jz_sample_result *res;
    char **files;
} unit_report;

static const char *file_name(const unit_report *u, unsigned i)
{
    return strcmp(u->files[i], "-") == 0 ? "<stdin>" : u->files[i];
}

static const char *unit_word(const opts *o)
{
    return o->cmd == CMD_CLIENTS ? "client" : "activity";
}

static unsigned kinds_of(const opts *o)
{
    return o->kinds ? o->kinds : jz_sample_default_kinds(o->cmd == CMD_CLIENTS ? JZ_SAMPLE_CLIENTS : JZ_SAMPLE_ACTIVITIES);
}

/* The chosen kinds as "case, group, community" (or "every kind"). */
static void kinds_text(FILE *fp, const opts *o)
{
    unsigned mask = kinds_of(o);
    if (mask == (1u << JZ_KIND_N) - 1) {
        fputs("every kind", fp);
        return;
    }
    for (size_t k = 0, n = 0; k < jz_enum_kind.n; k++)
        if (mask & 1u << k)
            fprintf(fp, "%s%s", n++ ? ", " : "", jz_enum_kind.en[k]);
}

static void period_text(const opts *o, char *buf, size_t cap)
{
    char a[11], b[11];
    if (o->from == INT32_MIN && o->to == INT32_MAX)
        snprintf(buf, cap, "all records");
    else if (o->to == INT32_MAX)
        snprintf(buf, cap, "from %s", jz_date_format(o->from, a));
    else if (o->from == INT32_MIN)
        snprintf(buf, cap, "to %s", jz_date_format(o->to, b));
    else
        snprintf(buf, cap, "%s to %s", jz_date_format(o->from, a), jz_date_format(o->to, b));
}

static void text_head(FILE *fp, const header *h)
{
    fprintf(fp, "seed-sha256  %s\n", h->sha);
    if (h->seed_shown)
        fprintf(fp, "seed         %s (from the clock)\n", h->seed_shown);
    fprintf(fp, "method       %s (see jz-sample(1), ALGORITHM)\n", h->method);
}

static void text_strata(FILE *fp, const jz_sample_result *res)
{
    static const char *const head[] = {"centre", "stratum", "population", "excluded", "available", "asked", "drawn", "short"};
    table t = {res->short_strata ? 8 : 7, 0, head, "llrrrrrr", NULL};
    for (size_t i = 0; i < res->nstrata; i++) {
        const jz_sample_stratum *s = &res->strata[i];
        size_t sh = s->share > s->drawn ? s->share - s->drawn : 0;
        char *row[8] = {cell("%s", s->centre), cell("%s", s->value), cell("%zu", s->population),
                        cell("%zu", s->excluded), cell("%zu", s->available), cell("%zu", s->share),
                        cell("%zu", s->drawn), sh ? cell("%zu", sh) : cell("%s", "")};
        if (t.ncols < 8)
            free(row[7]);
        table_row(&t, row);
    }
    table_print(fp, &t);
}

/* Where the unit's records are: FILE:FIRST..LAST, FILE:LINE for one, F1:L1..F2:L2 across files. */
static char *where(const unit_report *u, const jz_sample_item *it)
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
static void text_items_weighted(FILE *fp, const unit_report *u)
{
    static const char *const head_c[] = {"centre", "stratum", "no", "client", "records", "first", "last",
                                         "measure", "inclusion p", "lines (first..last)"};
    static const char *const head_a[] = {"centre", "stratum", "no", "activity", "records", "first", "last",
                                         "measure", "inclusion p", "lines (first..last)"};
    table t = {10, 0, u->o->cmd == CMD_CLIENTS ? head_c : head_a, "llrlrllrrl", NULL};
    for (size_t i = 0; i < u->res->nitems; i++) {
        const jz_sample_item *it = &u->res->items[i];
        char a[11], b[11];
        char *row[10] = {cell("%s", it->centre), cell("%s", it->value), cell("%zu", it->rank), cell("%s", it->id),
                         cell("%ld", it->records), cell("%s", jz_date_format(it->first_day, a)),
                         cell("%s", jz_date_format(it->last_day, b)), cell("%llu", (unsigned long long)it->measure),
                         pi_cell(it), where(u, it)};
        table_row(&t, row);
    }
    table_print(fp, &t);
}

static void text_items(FILE *fp, const unit_report *u)
{
    static const char *const head_c[] = {"centre", "stratum", "no", "client", "records", "first", "last", "lines (first..last)"};
    static const char *const head_a[] = {"centre", "stratum", "no", "activity", "records", "first", "last", "lines (first..last)"};
    if (u->res->weighted) {
        text_items_weighted(fp, u);
        return;
    }
    table t = {8, 0, u->o->cmd == CMD_CLIENTS ? head_c : head_a, "llrlrlll", NULL};
    for (size_t i = 0; i < u->res->nitems; i++) {
        const jz_sample_item *it = &u->res->items[i];
        char a[11], b[11];
        char *row[8] = {cell("%s", it->centre), cell("%s", it->value), cell("%zu", it->rank), cell("%s", it->id),
                        cell("%ld", it->records), cell("%s", jz_date_format(it->first_day, a)),
                        cell("%s", jz_date_format(it->last_day, b)), where(u, it)};
        table_row(&t, row);
    }
    table_print(fp, &t);
}

static void write_units_text(FILE *fp, const unit_report *u)
{
    const opts *o = u->o;
    const jz_sample_result *r = u->res;
    char period[64];
    period_text(o, period, sizeof period);
    text_head(fp, u->h);
    fprintf(fp, "draw         %s, %zu %s, strata by %s\n", o->cmd == CMD_CLIENTS ? "clients" : "activities", o->n,
            o->have_per ? "from every stratum" : "in all in proportion to the strata", jz_sample_by_names[o->by]);
    fputs("kinds        ", fp);
    kinds_text(fp, o);
    fprintf(fp, "%s\nperiod       %s\n", o->modes == 1u << JZ_MODE_DIRECT ? "; direct records only"
                                     : o->modes ? "; indirect records only" : "", period);
    fprintf(fp, "population   %zu %s, %zu excluded, %zu available\n", r->population,
            o->cmd == CMD_CLIENTS ? "clients" : "activities", r->excluded, r->population - r->excluded);
    fprintf(fp, "drawn        %zu of %zu asked, %llu words of the stream\n\n", r->drawn, r->asked,
            (unsigned long long)u->h->words);
    text_strata(fp, r);
    fputc('\n', fp);
    if (r->nitems)
        text_items(fp, u);
    else
        fputs("(nothing drawn)\n", fp);
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

static void write_units_csv(FILE *fp, const unit_report *u)
{
    fprintf(fp, "seed_sha256,method,centre,stratum,rank,%s,records,first_date,last_date,first_file,first_line,"
                "last_file,last_line,stratum_population,stratum_available,stratum_drawn,inclusion_probability,"
                "reported_participants,reported_hours,stratum_reported_participants,stratum_reported_hours%s\n",
            unit_word(u->o), u->res->weighted ? ",measure,inclusion_fraction" : "");
    for (size_t i = 0; i < u->res->nitems; i++) {
        const jz_sample_item *it = &u->res->items[i];
        char a[11], b[11];
        fprintf(fp, "%s,%s,", u->h->sha, u->h->method);
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

static void json_head(FILE *fp, const header *h, const char *draw)
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

static void json_item(FILE *fp, const unit_report *u, const jz_sample_item *it)
{
    char a[11], b[11];
    json_str(fp, "centre", it->centre);
    fputc(',', fp);
    json_str(fp, "stratum", it->value);
    fprintf(fp, ",\"rank\":%zu,", it->rank);
    json_str(fp, unit_word(u->o), it->id);
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

static void write_units_json(FILE *fp, const unit_report *u)
{
    const opts *o = u->o;
    const jz_sample_result *r = u->res;
    json_head(fp, u->h, o->cmd == CMD_CLIENTS ? "clients" : "activities");
    fprintf(fp, "\"by\":\"%s\",\"allocation\":\"%s\",\"n\":%zu,\"kinds\":[", jz_sample_by_names[o->by],
            o->have_per ? "per_stratum" : "proportional", o->n);
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
        unit_report u = {o, &h, &res, files};
        jz_out out;
        if (!jz_out_open(&out, o->output)) {
            rc = JZ_EXIT_SYSTEM;
        } else {
            (o->format == FMT_TEXT ? write_units_text : o->format == FMT_CSV ? write_units_csv : write_units_json)(out.fp, &u);
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

/* ---- visits ---- */

static const char *const weekday_name[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
static const char *const status_name[] = {"drawn", "short", "outside"};

typedef struct visit_report {
    const opts *o;
    const header *h;
    const jz_visit_plan *plan;
} visit_report;

static void parts_text(int per, char *buf, size_t cap)
{
    size_t n = 0;
    for (int p = 1; p <= per && n < cap; p++) {
        int a, b;
        jz_visit_part_months(per, p, &a, &b);
        n += (size_t)snprintf(buf + n, cap - n, a == b ? "%s%d" : "%s%d-%d", p > 1 ? ", " : "", a, b);
    }
}

static void write_visits_text(FILE *fp, const visit_report *v)
{
    static const char *const head[] = {"centre", "team", "part", "months", "working days", "date", "weekday", "redraws", "contract"};
    char parts[128], d[11];
    parts_text(v->o->per_centre, parts, sizeof parts);
    text_head(fp, v->h);
    fprintf(fp, "draw         visits in %d, %d a centre (months %s)\n", v->o->year, v->o->per_centre, parts);
    if (v->o->teams)
        fprintf(fp, "teams        %s: never two centres of a team on one day\n", v->o->teams);
    else
        fputs("teams        none\n", fp);
    fprintf(fp, "visits       %zu drawn for %zu centre%s, %zu short, %llu words of the stream\n\n", v->plan->drawn,
            v->plan->centres, v->plan->centres == 1 ? "" : "s", v->plan->short_, (unsigned long long)v->h->words);
    table t = {9, 0, head, "llrlrllrl", NULL};
    if (!v->plan->n) {
        fprintf(fp, "(nothing drawn: no contract runs in %d)\n", v->o->year);
        return;
    }
    for (size_t i = 0; i < v->plan->n; i++) {
        const jz_visit *x = &v->plan->v[i];
        bool drawn = x->status == JZ_VISIT_DRAWN;
        char *row[9] = {cell("%s", x->centre), cell("%s", x->team ? x->team : "-"), cell("%d", x->part),
                        cell(x->month_from == x->month_to ? "%d" : "%d-%d", x->month_from, x->month_to),
                        cell("%ld", x->working_days),
                        cell("%s", drawn ? jz_date_format(x->date, d) : x->status == JZ_VISIT_SHORT ? "none free" : "no contract"),
                        cell("%s", drawn ? weekday_name[jz_weekday(x->date)] : "-"), cell("%ld", x->redraws),
                        cell("%s", x->contract ? x->contract : "-")};
        table_row(&t, row);
    }
    table_print(fp, &t);
}

static void write_visits_csv(FILE *fp, const visit_report *v)
{
    fputs("seed_sha256,method,centre,team,part,part_from,part_to,working_days,status,date,weekday,redraws,contract\n", fp);
    for (size_t i = 0; i < v->plan->n; i++) {
        const jz_visit *x = &v->plan->v[i];
        char a[11], b[11], d[11];
        bool drawn = x->status == JZ_VISIT_DRAWN;
        fprintf(fp, "%s,%s,", v->h->sha, JZ_SAMPLE_METHOD);
        jz_csv_field(fp, x->centre);
        fputc(',', fp);
        jz_csv_field(fp, x->team ? x->team : "");
        fprintf(fp, ",%d,%s,%s,%ld,%s,%s,%s,%ld,", x->part, jz_date_format(x->part_from, a),
                jz_date_format(x->part_to, b), x->working_days, status_name[x->status],
                drawn ? jz_date_format(x->date, d) : "", drawn ? weekday_name[jz_weekday(x->date)] : "", x->redraws);
        jz_csv_field(fp, x->contract ? x->contract : "");
        fputc('\n', fp);
    }
}

static void write_visits_json(FILE *fp, const visit_report *v)
{
    json_head(fp, v->h, "visits");
    fprintf(fp, "\"year\":%d,\"per_centre\":%d,", v->o->year, v->o->per_centre);
    json_str(fp, "teams", v->o->teams);
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
        json_str(fp, "weekday", drawn ? weekday_name[jz_weekday(x->date)] : NULL);
        fprintf(fp, ",\"redraws\":%ld,", x->redraws);
        json_str(fp, "contract", x->contract);
        fputc('}', fp);
    }
    fputs("]}\n", fp);
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
    if (o->teams && jz_teams_load(in->teams, o->teams, o->enc, &in->diag, &err))
        return jz_cli_error(&err);
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
    visit_report v = {o, h, &plan};
    jz_out out;
    int rc = JZ_EXIT_SYSTEM;
    if (jz_out_open(&out, o->output)) {
        (o->format == FMT_TEXT ? write_visits_text : o->format == FMT_CSV ? write_visits_csv : write_visits_json)(out.fp, &v);
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
