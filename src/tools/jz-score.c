/* jz-score — apply a published YAML rubric to the records of every contract: a scored
 * result with evidence. See man/jz-score.1. */
#include "jz/calendar.h"
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/os.h"
#include "jz/text.h"
#include "jz/cli_input.h"
#include "jz/cli_score_diff.h"
#include "jz/evidence_write.h"
#include "jz/i18n.h"
#include "jz/rubric_check.h"
#include "jz/score_feed.h"
#include "jz/score_write.h"
#include "jz/table.h"

#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] =
    N_("Usage: jz-score -r RUBRIC --contracts FILE [--roster FILE] [--scores FILE]\n"
       "                [--survey FILE] [--findings FILE] [--as-of DATE] [OPTIONS] RECORDS...\n"
       "Score every contract's centre by one published rubric.\n"
       "   or: jz-score diff [-f FMT] [-o FILE] A.json B.json  (compare two results: jz-score diff -h)\n"
       "\n"
       "  -r, --rubric FILE       the rubric (YAML; see jiazong-rubric(5)); required\n"
       "  -c, --contracts FILE    contracts (required; may be repeated)\n"
       "  -R, --roster FILE       staff roster (may be repeated)\n"
       "      --scores FILE       evaluators' scores: centre,indicator,evaluator,score,comment\n"
       "      --survey FILE       survey answers: centre,respondent,group,question,answer\n"
       "      --findings FILE     inspection findings: centre,date,visit,code,points,description\n"
       "      --verification FILE jz-verify's json: discounts verified: indicators by the\n"
       "                          centre's conservative factor; verification vetoes\n"
       "      --rules FILE        contract rules (default: the bundled rules/guangzhou-hours.yaml)\n"
       "  -a, --as-of DATE        score as of DATE (targets pro-rated); default: each\n"
       "                          contract's end, or its last record date if earlier\n"
       "  -C, --centre ID         score only this centre (may be repeated)\n"
       "      --explain ID        print one indicator's derivation in full (text)\n"
       "      --evidence FILE     write the rows behind each computed indicator\n"
       "                          (indicator,centre,file,line,record_id,part)\n"
       "      --fail-below GRADE  exit 1 when a centre is graded below GRADE (default:\n"
       "                          the rubric's pass_grade)\n"
       "      --calendar FILE     holiday calendar (default: the bundled one)\n"
       "      --assume-regular-weeks  treat years the calendar lacks as Mon-Fri weeks\n"
       "      --strict            refuse to score (exit 3) when the rubric names a contract\n"
       "                          column no contract has or its points do not add up\n"
       "      --skip-invalid      score the centres whose inputs are valid; list the others\n"
       "                          as not scored, with their first problem (exit 1)\n"
       "      --require-records   a contract with no records in the run is an error (exit 3);\n"
       "                          without it, such a contract is listed as not scored\n"
       "  -e, --encoding ENC      auto (default), utf-8 or gb18030\n"
       "  -f, --format FMT        text (default), csv or json\n"
       "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n"
       "\n"
       "Exit status: 0 every centre scored is graded at or above --fail-below; 1 a centre\n"
       "below it (or given no grade); 2 usage error; 3 invalid input or rubric (nothing\n"
       "computed), or a contract not scored with --require-records;\n"
       "4 system error.\n");

typedef struct list {
    const char **v;
    size_t n;
} list;

/* The --format names: rows of jz_score_writers. */
static const char *const format_names[] = {"text", "csv", "json", NULL};

typedef struct opts {
    const char *rubric, *rules, *calendar, *output, *explain, *evidence, *fail_below, *verification;
    list contracts, rosters, scores, survey, findings, centres;
    jz_day as_of;
    bool assume_regular, strict, require_records, skip_invalid;
    jz_encoding enc;
    int format;              /* an index of format_names */
} opts;

static void push(list *l, const char *s)
{
    l->v = jz_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = s;
}

static void free_opts(opts *o)
{
    list *ls[] = {&o->contracts, &o->rosters, &o->scores, &o->survey, &o->findings, &o->centres};
    for (size_t i = 0; i < sizeof ls / sizeof ls[0]; i++)
        free(ls[i]->v);
}

enum { OPT_SCORES = 256, OPT_SURVEY, OPT_FINDINGS, OPT_RULES, OPT_EXPLAIN, OPT_EVIDENCE, OPT_FAIL,
       OPT_STRICT, OPT_REQUIRE, OPT_SKIP, OPT_VERIFICATION };

/* One of jz-score's own options (jz_cli_spec.option). */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    opts *o = ctx;
    (void)name;
    switch (c) {
    case 'r': o->rubric = arg; break;
    case 'c': push(&o->contracts, arg); break;
    case 'R': push(&o->rosters, arg); break;
    case OPT_SCORES: push(&o->scores, arg); break;
    case OPT_SURVEY: push(&o->survey, arg); break;
    case OPT_FINDINGS: push(&o->findings, arg); break;
    case OPT_RULES: o->rules = arg; break;
    case 'a':
        if (!jz_date_parse(arg, strlen(arg), &o->as_of))
            return jz_cli_usage_error("--as-of '%s' is not a date: write e.g. 2024-06-30", arg);
        break;
    case OPT_EXPLAIN: o->explain = arg; break;
    case OPT_EVIDENCE: o->evidence = arg; break;
    case OPT_FAIL: o->fail_below = arg; break;
    case OPT_STRICT: o->strict = true; break;
    case OPT_REQUIRE: o->require_records = true; break;
    case OPT_SKIP: o->skip_invalid = true; break;
    case OPT_VERIFICATION: o->verification = arg; break;
    default: break;  /* a common option (jz_cli_common) */
    }
    return -1;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"rubric", required_argument, NULL, 'r'},     {"contracts", required_argument, NULL, 'c'},
        {"roster", required_argument, NULL, 'R'},     {"scores", required_argument, NULL, OPT_SCORES},
        {"survey", required_argument, NULL, OPT_SURVEY}, {"findings", required_argument, NULL, OPT_FINDINGS},
        {"rules", required_argument, NULL, OPT_RULES}, {"as-of", required_argument, NULL, 'a'},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"evidence", required_argument, NULL, OPT_EVIDENCE}, {"fail-below", required_argument, NULL, OPT_FAIL},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"require-records", no_argument, NULL, OPT_REQUIRE},
        {"skip-invalid", no_argument, NULL, OPT_SKIP},
        {"verification", required_argument, NULL, OPT_VERIFICATION},
        {NULL, 0, NULL, 0}};
    const jz_cli_spec spec = {
        .usage = usage_text,
        .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_ENCODING | JZ_CLI_CENTRE | JZ_CLI_CALENDAR,
        .formats = format_names, .format_error = N_("--format '%s': use text, csv or json"),
        .shortopts = "r:c:R:a:", .longopts = longopts, .option = option, .ctx = o};
    jz_cli_common c = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &c);
    o->output = c.output;
    o->format = c.format_index;
    o->enc = (jz_encoding)c.enc;
    o->centres = (list){c.centres, c.ncentres};   /* free_opts frees it */
    o->calendar = c.calendar;
    o->assume_regular = c.assume_regular;
    if (rc >= 0)
        return rc;
    if (!o->rubric)
        return jz_cli_usage_error("-r RUBRIC is required: the rubric says what is scored and how");
    if (!o->contracts.n)
        return jz_cli_usage_error("--contracts FILE is required: the contracts hold each centre's targets");
    if (optind >= argc)
        return jz_cli_usage_error("no records files: give one or more (- for standard input)");
    jz_cli_inputs in = {0};
    jz_cli_input_add(&in, o->rubric);
    jz_cli_input_add(&in, o->rules);
    jz_cli_input_add(&in, o->calendar);
    jz_cli_input_add(&in, o->verification);
    const list *ls[] = {&o->contracts, &o->rosters, &o->scores, &o->survey, &o->findings};
    for (size_t i = 0; i < sizeof ls / sizeof ls[0]; i++)
        jz_cli_input_add_all(&in, ls[i]->v, ls[i]->n);
    jz_cli_input_add_all(&in, (const char *const *)argv + optind, (size_t)(argc - optind));
    rc = jz_cli_inputs_check(&in);
    return rc ? rc : -1;
}

typedef struct inputs {
    jz_rubric rubric;
    jz_rules rules;
    jz_calendar *cal;
    jz_contracts contracts;
    jz_roster roster;
    jz_vresults verification;
    jz_scorer *scorer;
    jz_diag diag;
    jz_diag_printer pr;
    jz_score_feed feed;           /* reads the tables into the scorer */
    const char *file;
    jz_input_file *files;
    size_t nfiles, cap;
    pthread_t *hashers;           /* one per input file, hashing on the other core */
    bool *hashing;
    FILE *evidence;
    jz_out evidence_out;
    jz_evidence_sink evidence_sink;   /* writes to evidence */
    char **owned;                 /* paths of bundled files read */
    size_t nowned;
    jz_score_warning *warnings;   /* about the rubric: in the result as well as on stderr */
    size_t nwarnings;
    char last_error[600];         /* the last error printed: "file:line:col: message" */
    struct bad_centre {           /* --skip-invalid: a centre whose inputs have errors */
        char *centre, *first, *file;
        long problems;
    } *bad;
    size_t nbad;
    struct seen_in {              /* which centres each input file holds (to skip them all
                                     when a bad row names no centre) */
        const char *file;
        char *centre;
    } *seen;
    size_t nseen;
    long unattributed;            /* bad rows of files that hold no valid row to tell the centre */
} inputs;

static void *hash_one(void *arg)
{
    jz_input_file *f = arg;
    /* The digest is wanted only at the end: the reader and the scorer go first on the
     * cores, the hashing fills the time they wait (10M rows: 3.55 -> 3.3 s here). */
    jz_os_thread_background();
    jz_file_sha256(f->read_path ? f->read_path : f->path, f->sha256);
    return NULL;
}

/* Record an input and, when it is a regular file, start hashing it on another thread (a
 * 1.5 GB export takes seconds to hash: the other core does it while this one parses).
 * Anything else (standard input, a pipe, a FIFO) can be read only once: the reader
 * hashes it as it parses it (note_stream_hash), or its hash stays null. The list is
 * allocated once (note_files_reserve) so the threads' pointers stay valid. */
static void note_files_reserve(inputs *in, size_t n)
{
    in->cap = n;
    in->files = jz_xcalloc(n ? n : 1, sizeof *in->files);
    in->hashers = jz_xcalloc(n ? n : 1, sizeof *in->hashers);
    in->hashing = jz_xcalloc(n ? n : 1, sizeof *in->hashing);
}

static size_t note_file_as(inputs *in, const char *path, const char *read_path, const char *role)
{
    size_t i = in->nfiles++;
    jz_input_file *f = &in->files[i];
    f->path = path;
    f->read_path = read_path;
    f->role = role;
    f->sha256[0] = '\0';
    struct stat st;
    const char *at = read_path ? read_path : path;
    if (strcmp(at, "-") == 0 || stat(at, &st) != 0 || !S_ISREG(st.st_mode))
        return i;  /* never opened twice: another reader would take the parser's bytes */
    in->hashing[i] = pthread_create(&in->hashers[i], NULL, hash_one, f) == 0;
    if (!in->hashing[i])
        hash_one(f);
    return i;
}

/* The hash the reader computed of input i when it could not be read again. */
static void note_stream_hash(inputs *in, size_t i, const jz_table_info *info)
{
    if (!in->hashing[i] && !in->files[i].sha256[0])
        memcpy(in->files[i].sha256, info->sha256, sizeof info->sha256);
}

static size_t note_file(inputs *in, const char *path, const char *role)
{
    return note_file_as(in, path, NULL, role);
}

/* The rules and the calendar change a score as much as the rubric: they are inputs of
 * the result too. A bundled file is named by its place in rubrics/ (the same on every
 * machine) and hashed where it was read. */
static void note_reference(inputs *in, const char *given, const char *bundled_rel, const char *shown,
                           const char *role)
{
    if (given) {
        note_file(in, given, role);
        return;
    }
    char *p = jz_cli_data_path(bundled_rel);
    if (!p)
        return;
    in->owned = jz_xrealloc(in->owned, (in->nowned + 1) * sizeof *in->owned);
    in->owned[in->nowned++] = p;
    note_file_as(in, shown, p, role);
}

static void hashes_done(inputs *in)
{
    for (size_t i = 0; i < in->nfiles; i++)
        if (in->hashing[i]) {
            pthread_join(in->hashers[i], NULL);
            in->hashing[i] = false;
        }
}

/* The files a rubric extends are known once it is read: an output onto one of them is
 * refused too, before any record is read or anything written. */
static int refuse_extended(const opts *o, const jz_rubric *r)
{
    jz_io io = {0};
    jz_io_inputs(&io, "extends:", (const char *const *)r->files, r->nfiles);
    jz_io_output(&io, "-o", o->output);
    jz_io_output(&io, "--evidence", o->evidence);
    return jz_io_check(&io);
}

static int check_rubric(const opts *o, inputs *in);

static int load_reference(const opts *o, inputs *in)
{
    jz_error err;
    int rc;
    if (jz_rubric_load(&in->rubric, o->rubric, &err))
        return jz_cli_error(&err);
    if ((rc = refuse_extended(o, &in->rubric)))
        return rc;
    if (jz_cli_load_rules(&in->rules, o->rules, &err))
        return jz_cli_error(&err);
    if (!(in->cal = jz_cli_load_calendar(o->calendar, o->assume_regular, &err)))
        return jz_cli_error(&err);
    note_reference(in, o->rules, "rules/guangzhou-hours.yaml", "rules/guangzhou-hours.yaml (bundled)", "rules");
    note_reference(in, o->calendar, "calendar/cn-holidays.csv", "calendar/cn-holidays.csv (bundled)", "calendar");
    if (o->verification) {
        if (jz_vresults_load(&in->verification, o->verification, &err))
            return jz_cli_error(&err);
        note_file(in, o->verification, "verification");
    }
    for (size_t i = 0; i < o->contracts.n; i++) {
        jz_table_info info;
        if (jz_contracts_load(&in->contracts, o->contracts.v[i], o->enc, &in->diag, &info, &err) && info.unreadable)
            return jz_cli_error(&err);
        note_stream_hash(in, note_file(in, o->contracts.v[i], "contracts"), &info);
    }
    for (size_t i = 0; i < o->rosters.n; i++) {
        jz_table_info info;
        if (jz_roster_load(&in->roster, o->rosters.v[i], o->enc, &in->diag, &info, &err) && info.unreadable)
            return jz_cli_error(&err);
        note_stream_hash(in, note_file(in, o->rosters.v[i], "roster"), &info);
    }
    if (in->diag.count[JZ_ERROR])
        return JZ_EXIT_INPUT;
    return check_rubric(o, in);
}

static void keep_warning(void *ctx, const jz_diag_msg *m)
{
    inputs *in = ctx;
    jz_diag_print(&in->pr, m);
    in->warnings = jz_xrealloc(in->warnings, (in->nwarnings + 1) * sizeof *in->warnings);
    in->warnings[in->nwarnings++] = (jz_score_warning){jz_xstrdup(m->file), jz_xstrdup(m->code),
                                                       jz_xstrdup(m->message), m->line, m->col};
}

/* A rubric that names a contract column no contract has, or whose points do not add up,
 * changes every score without a word: say so (file:line:col of the rubric), in the
 * result too; --strict refuses to score. */
static int check_rubric(const opts *o, inputs *in)
{
    const char **cols = NULL;
    size_t n = 0;
    for (size_t c = 0; c < in->contracts.n; c++)
        for (size_t t = 0; t < in->contracts.v[c].ntargets; t++) {
            const char *name = in->contracts.v[c].targets[t].name;
            size_t k = 0;
            while (k < n && strcmp(cols[k], name) != 0)
                k++;
            if (k == n) {
                cols = jz_xrealloc(cols, (n + 1) * sizeof *cols);
                cols[n++] = name;
            }
        }
    char where[512];
    if (o->contracts.n == 1)
        snprintf(where, sizeof where, "%s", o->contracts.v[0]);
    else
        snprintf(where, sizeof where, "%s", _("the contracts files"));
    jz_lint_opts lo = {cols, n, where};
    jz_diag d;
    jz_diag_init(&d, keep_warning, in);
    long w = jz_rubric_check_scoring(&in->rubric, &lo, &d);
    free(cols);
    if (w && o->strict) {
        fprintf(stderr, jz_trn("%s: --strict: the rubric has %ld warning (above) that would change the scores: "
                               "nothing computed\n",
                               "%s: --strict: the rubric has %ld warnings (above) that would change the scores: "
                               "nothing computed\n", (unsigned long)w), jz_prog, w);
        return JZ_EXIT_INPUT;
    }
    return 0;
}

/* Print a diagnostic and remember the last error, to name it as a centre's first problem. */
static void print_diag(void *ctx, const jz_diag_msg *m)
{
    inputs *in = ctx;
    jz_diag_print(&in->pr, m);
    if (m->sev == JZ_ERROR)
        snprintf(in->last_error, sizeof in->last_error, "%s:%ld:%ld: %s", m->file, m->line, m->col, m->message);
}

static void note_bad(inputs *in, const char *centre, size_t n, const char *file)
{
    size_t i = 0;
    while (i < in->nbad && !(strlen(in->bad[i].centre) == n && memcmp(in->bad[i].centre, centre, n) == 0))
        i++;
    if (i == in->nbad) {
        in->bad = jz_xrealloc(in->bad, (in->nbad + 1) * sizeof *in->bad);
        in->bad[in->nbad++] = (struct bad_centre){jz_xstrndup(centre, n), jz_xstrdup(in->last_error),
                                                   jz_xstrdup(file), 0};
    }
    in->bad[i].problems++;
}

static void note_seen(inputs *in, const char *centre, size_t n)
{
    if (in->nseen && in->seen[in->nseen - 1].file == in->file && strlen(in->seen[in->nseen - 1].centre) == n &&
        memcmp(in->seen[in->nseen - 1].centre, centre, n) == 0)
        return;  /* runs of one centre: the common case */
    for (size_t i = 0; i < in->nseen; i++)
        if (in->seen[i].file == in->file && strlen(in->seen[i].centre) == n && memcmp(in->seen[i].centre, centre, n) == 0)
            return;
    in->seen = jz_xrealloc(in->seen, (in->nseen + 1) * sizeof *in->seen);
    in->seen[in->nseen++] = (struct seen_in){in->file, jz_xstrndup(centre, n)};
}

/* --skip-invalid: which centres each file holds and which have bad rows (the feed,
 * score_feed.h, reads the rows and gives the good ones to the scorer). */
static void after_row(void *ctx, const jz_header *h, const jz_field *f, int nerr, long fed_errors)
{
    inputs *in = ctx;
    const jz_field *centre = &f[h->schema->type == JZ_FILE_RECORDS ? JZ_R_CENTRE : 0];
    if (nerr) {
        if (centre->present && centre->n)
            note_bad(in, centre->s, centre->n, in->file);
        else
            note_bad(in, "", 0, in->file);  /* no centre: every centre of this file is skipped */
        return;
    }
    if (centre->present)
        note_seen(in, centre->s, centre->n);
    if (fed_errors > 0 && centre->present)
        note_bad(in, centre->s, centre->n, in->file);
}

/* --skip-invalid: every centre with a bad row (or in a file with a bad row that names no
 * centre) is left unscored with its first problem and the jz-validate command that lists
 * them all. False when an error cannot be put on any centre (nothing to skip it by). */
static bool skip_bad(const opts *o, inputs *in)
{
    size_t nb = in->nbad;
    for (size_t b = 0; b < nb; b++) {
        if (in->bad[b].centre[0])
            continue;
        bool any = false;
        for (size_t i = 0; i < in->nseen; i++)
            if (strcmp(in->seen[i].file, in->bad[b].file) == 0) {
                char *first = in->bad[b].first;
                in->bad[b].first = NULL;
                const char *c = in->seen[i].centre;
                snprintf(in->last_error, sizeof in->last_error, "%s", first ? first : "");
                note_bad(in, c, strlen(c), in->bad[b].file);
                in->bad[b].first = first;
                any = true;
            }
        if (!any)
            return false;
    }
    for (size_t b = 0; b < in->nbad; b++) {
        if (!in->bad[b].centre[0])
            continue;
        char why[sizeof ((jz_centre_result *)0)->grade_note];
        snprintf(why, sizeof why,
                 jz_trn("its inputs have %ld problem, the first: %s; see them all with: jz-validate %s",
                        "its inputs have %ld problems, the first: %s; see them all with: jz-validate %s",
                        (unsigned long)in->bad[b].problems),
                 in->bad[b].problems, in->bad[b].first, in->bad[b].file);
        for (size_t c = 0; c < in->contracts.n; c++)
            if (strcmp(in->contracts.v[c].centre, in->bad[b].centre) == 0)
                jz_scorer_exclude(in->scorer, c, why);
    }
    (void)o;
    return true;
}

static int read_all(inputs *in, const list *l, jz_filetype type, const char *role)
{
    for (size_t i = 0; i < l->n; i++) {
        jz_error err;
        jz_table_info info;
        in->file = l->v[i];
        size_t k = note_file(in, l->v[i], role);
        if (jz_score_feed_table(&in->feed, l->v[i], type, &info, &err) && info.unreadable)
            return jz_cli_error(&err);
        note_stream_hash(in, k, &info);
    }
    return 0;
}

static int read_inputs(const opts *o, char **records, int nrecords, inputs *in)
{
    if (o->evidence) {
        if (!jz_out_open(&in->evidence_out, o->evidence))
            return JZ_EXIT_SYSTEM;
        in->evidence = in->evidence_out.fp;
        jz_evidence_csv_header(in->evidence);
        in->evidence_sink = jz_evidence_csv_sink(in->evidence);
    }
    jz_score_inputs si = {&in->rubric, &in->rules, in->cal, &in->contracts, o->rosters.n ? &in->roster : NULL,
                          o->as_of, in->evidence ? &in->evidence_sink : NULL, o->verification ? &in->verification : NULL};
    in->scorer = jz_scorer_new(&si);
    in->feed = (jz_score_feed){.scorer = in->scorer, .diag = &in->diag, .enc = o->enc,
                               .after_row = o->skip_invalid ? after_row : NULL, .ctx = in};
    list rec = {(const char **)records, (size_t)nrecords};
    const list *lists[] = {&rec, &o->scores, &o->survey, &o->findings};
    int rc = 0;
    for (size_t k = 0; k < 4 && !rc; k++)
        rc = read_all(in, lists[k], jz_score_table_kinds[k].type, jz_score_table_kinds[k].role);
    if (!rc && o->skip_invalid && in->nbad && skip_bad(o, in))
        return 0;
    if (!rc && (in->feed.bad_rows || in->diag.count[JZ_ERROR])) {
        fprintf(stderr, _("%s: the inputs have errors (above; jz-validate lists every problem): nothing computed\n"),
                jz_prog);
        rc = JZ_EXIT_INPUT;
    }
    return rc;
}

static bool wanted(const opts *o, const char *centre)
{
    for (size_t i = 0; i < o->centres.n; i++)
        if (strcmp(o->centres.v[i], centre) == 0)
            return true;
    return o->centres.n == 0;
}

static bool is_bad(const inputs *in, const char *centre)
{
    for (size_t i = 0; i < in->nbad; i++)
        if (strcmp(in->bad[i].centre, centre) == 0)
            return true;
    return false;
}

static int report(const opts *o, inputs *in)
{
    const char *floor = o->fail_below ? o->fail_below : in->rubric.pass_grade;
    bool known = false;
    for (size_t g = 0; g < in->rubric.ngrades; g++)
        known |= strcmp(in->rubric.grades[g].name, floor) == 0;
    if (!known)
        return jz_cli_usage_error("--fail-below '%s' is not a grade of rubric %s", floor, in->rubric.id);
    if (o->explain && !jz_rubric_find(&in->rubric, o->explain))
        return jz_cli_usage_error("--explain %s: no such indicator in rubric %s", o->explain, in->rubric.id);
    for (size_t i = 0; i < o->centres.n; i++)
        if (!jz_contracts_first(&in->contracts, o->centres.v[i]))
            return jz_cli_usage_error("--centre %s: no contract of that centre in the contracts given",
                                      o->centres.v[i]);
    size_t n = in->contracts.n, nres = 0;
    const jz_centre_result **res = jz_xcalloc(n ? n : 1, sizeof *res);
    bool failing = false;
    for (size_t i = 0; i < n; i++) {
        jz_error err;
        if (!wanted(o, in->contracts.v[i].centre))
            continue;
        if (jz_scorer_result(in->scorer, i, &res[nres], &err)) {
            free(res);
            return jz_cli_error(&err);
        }
        failing |= res[nres]->scored && !jz_grade_at_least(&in->rubric, res[nres]->grade, floor);
        nres++;
    }
    size_t unscored = 0, skipped = 0;
    for (size_t i = 0; i < nres; i++) {
        bool bad = is_bad(in, res[i]->contract->centre);
        skipped += bad;
        unscored += !res[i]->scored && !bad;
        if (bad)  /* with its first problem, on stderr too */
            fprintf(stderr, _("%s: %s not scored: %s\n"), jz_prog, res[i]->contract->centre, res[i]->grade_note);
    }
    failing |= skipped > 0;
    if (unscored) {
        /* like jz-hours' "not checked": a centre whose export was not given is not scored 0 */
        fprintf(stderr, _("%s: %s%zu of %zu contracts not scored (no records of the centre in this run):"), jz_prog, o->require_records ? _("error: ") : "", unscored, nres);
        for (size_t i = 0, shown = 0; i < nres && shown < 10; i++)
            if (!res[i]->scored && !is_bad(in, res[i]->contract->centre))
                fprintf(stderr, "%s%s", shown++ ? C_("list", ", ") : " ", jz_text_show(res[i]->contract->centre));
        fprintf(stderr, "%s\n", unscored > 10 ? C_("list", ", ...") : "");
        if (o->require_records) {
            fprintf(stderr, _("%s: --require-records: give every centre's records, or -C the centres given: "
                    "nothing written\n"), jz_prog);
            free(res);
            return JZ_EXIT_INPUT;
        }
    }
    size_t below = 0;
    for (size_t i = 0; i < nres; i++)
        below += res[i]->scored && !jz_grade_at_least(&in->rubric, res[i]->grade, floor);
    if (below) {
        fprintf(stderr, _("%s: %zu of %zu centres below %s:"), jz_prog, below, nres - unscored, floor);
        for (size_t i = 0, shown = 0; i < nres && shown < 10; i++)
            if (res[i]->scored && !jz_grade_at_least(&in->rubric, res[i]->grade, floor)) {
                fputs(shown++ ? C_("list", ", ") : " ", stderr);
                fprintf(stderr, _("%s (%s)"), jz_text_show(res[i]->contract->centre),
                        res[i]->grade ? jz_text_show(res[i]->grade) : _("no grade"));
            }
        fprintf(stderr, "%s\n", below > 10 ? C_("list", ", ...") : "");
    }
    hashes_done(in);
    jz_out out;
    int rc = JZ_EXIT_SYSTEM;
    if (jz_out_open(&out, o->output)) {
        jz_score_report rep = {&in->rubric, &in->rules, res, nres, in->files, in->nfiles, o->explain,
                               in->warnings, in->nwarnings};
        jz_writer_find(jz_score_writers, o->explain ? "text" : format_names[o->format])->write_to_file(out.fp, &rep);
        /* the result and its evidence are published together or not at all */
        jz_out *outs[] = {&out, &in->evidence_out};
        rc = !jz_out_commit_all(outs, in->evidence ? 2 : 1) ? JZ_EXIT_SYSTEM : failing ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
        in->evidence = NULL;
    } else if (in->evidence) {
        jz_cli_warn("%s: not written (another output of this run failed)", o->evidence);  /* main removes it */
    }
    free(res);
    return rc;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    jz_table_set_hash_streams(true);  /* an input read once is hashed as it is parsed */
    if (argc > 1 && strcmp(argv[1], "diff") == 0)
        return jz_score_diff_main(argc - 1, argv + 1);
    opts o;
    memset(&o, 0, sizeof o);
    o.as_of = JZ_NO_DAY;
    int rc = parse_args(argc, argv, &o);
    if (rc < 0) {
        jz_io io = {0};
        jz_io_input(&io, "-r", o.rubric);
        const list *ls[] = {&o.contracts, &o.rosters, &o.scores, &o.survey, &o.findings};
        const char *names[] = {"--contracts", "--roster", "--scores", "--survey", "--findings"};
        for (size_t i = 0; i < sizeof ls / sizeof ls[0]; i++)
            jz_io_inputs(&io, names[i], ls[i]->v, ls[i]->n);
        jz_io_bundled(&io, "--rules", o.rules, "rules/guangzhou-hours.yaml");
        jz_io_bundled(&io, "--calendar", o.calendar, "calendar/cn-holidays.csv");
        jz_io_inputs(&io, NULL, (const char *const *)argv + optind, (size_t)(argc - optind));
        jz_io_input(&io, "--verification", o.verification);
        jz_io_output(&io, "-o", o.output);
        jz_io_output(&io, "--evidence", o.evidence);
        if (!(rc = jz_io_check(&io)))
            rc = -1;
    }
    if (rc >= 0) {  /* after --help, or a usage error */
        free_opts(&o);
        return rc;
    }
    inputs in;
    memset(&in, 0, sizeof in);
    in.pr = (jz_diag_printer){.fp = stderr, .format = JZ_DIAG_TEXT, .max = 50, .min_sev = JZ_WARNING, .prog = jz_prog};
    jz_diag_init(&in.diag, print_diag, &in);
    jz_contracts_init(&in.contracts);
    jz_roster_init(&in.roster);
    note_files_reserve(&in, o.contracts.n + o.rosters.n + o.scores.n + o.survey.n + o.findings.n +
                                (size_t)(argc - optind) + 2 + (o.verification != NULL));  /* + rules, calendar */
    rc = load_reference(&o, &in);
    if (!rc)
        rc = read_inputs(&o, argv + optind, argc - optind, &in);
    if (!rc)
        rc = report(&o, &in);
    if (in.evidence)
        jz_out_abort(&in.evidence_out);
    hashes_done(&in);
    jz_score_feed_done(&in.feed);
    jz_scorer_free(in.scorer);
    free(in.files);
    for (size_t i = 0; i < in.nowned; i++)
        free(in.owned[i]);
    for (size_t i = 0; i < in.nwarnings; i++) {
        free(in.warnings[i].file);
        free(in.warnings[i].code);
        free(in.warnings[i].message);
    }
    free(in.warnings);
    for (size_t i = 0; i < in.nbad; i++) {
        free(in.bad[i].centre);
        free(in.bad[i].first);
        free(in.bad[i].file);
    }
    free(in.bad);
    for (size_t i = 0; i < in.nseen; i++)
        free(in.seen[i].centre);
    free(in.seen);
    free(in.owned);
    free(in.hashers);
    free(in.hashing);
    jz_roster_free(&in.roster);
    jz_contracts_free(&in.contracts);
    jz_calendar_free(in.cal);
    jz_vresults_free(&in.verification);
    jz_rules_free(&in.rules);
    if (in.rubric.path)
        jz_rubric_free(&in.rubric);
    free_opts(&o);
    return rc;
}
