/* jz-score — apply a published YAML rubric to the records of every contract: a scored
 * result with evidence. See man/jz-score.1. */
#include "jz/calendar.h"
#include "jz/cli.h"
#include "jz/cli_score_diff.h"
#include "jz/score_write.h"
#include "jz/table.h"

#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: jz-score -r RUBRIC --contracts FILE [--roster FILE] [--scores FILE]\n"
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
    "                          (indicator,centre,file,line,record_id)\n"
    "      --fail-below GRADE  exit 1 when a centre is graded below GRADE (default:\n"
    "                          the rubric's pass_grade)\n"
    "      --calendar FILE     holiday calendar (default: the bundled one)\n"
    "      --assume-regular-weeks  treat years the calendar lacks as Mon-Fri weeks\n"
    "  -e, --encoding ENC      auto (default), utf-8 or gb18030\n"
    "  -f, --format FMT        text (default), csv or json\n"
    "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
    "  -h, --help              show this help and exit\n"
    "  -V, --version           show the version and exit\n"
    "\n"
    "Exit status: 0 every centre graded at or above --fail-below; 1 a centre below it (or\n"
    "given no grade); 2 usage error; 3 invalid input or rubric (nothing computed);\n"
    "4 system error.\n";

typedef struct list {
    const char **v;
    size_t n;
} list;

typedef struct opts {
    const char *rubric, *rules, *calendar, *output, *explain, *evidence, *fail_below, *verification;
    list contracts, rosters, scores, survey, findings, centres;
    jz_day as_of;
    bool assume_regular;
    jz_encoding enc;
    jz_score_format format;
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
       OPT_CALENDAR, OPT_ASSUME, OPT_VERIFICATION };

static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"rubric", required_argument, NULL, 'r'},     {"contracts", required_argument, NULL, 'c'},
        {"roster", required_argument, NULL, 'R'},     {"scores", required_argument, NULL, OPT_SCORES},
        {"survey", required_argument, NULL, OPT_SURVEY}, {"findings", required_argument, NULL, OPT_FINDINGS},
        {"rules", required_argument, NULL, OPT_RULES}, {"as-of", required_argument, NULL, 'a'},
        {"centre", required_argument, NULL, 'C'},     {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"evidence", required_argument, NULL, OPT_EVIDENCE}, {"fail-below", required_argument, NULL, OPT_FAIL},
        {"calendar", required_argument, NULL, OPT_CALENDAR},
        {"assume-regular-weeks", no_argument, NULL, OPT_ASSUME},
        {"verification", required_argument, NULL, OPT_VERIFICATION},
        {"encoding", required_argument, NULL, 'e'},   {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},     {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},          {NULL, 0, NULL, 0}};
    static const char *const formats[] = {"text", "csv", "json", NULL};
    int c;
    while ((c = getopt_long(argc, argv, "r:c:R:a:C:e:f:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'r': o->rubric = optarg; break;
        case 'c': push(&o->contracts, optarg); break;
        case 'R': push(&o->rosters, optarg); break;
        case OPT_SCORES: push(&o->scores, optarg); break;
        case OPT_SURVEY: push(&o->survey, optarg); break;
        case OPT_FINDINGS: push(&o->findings, optarg); break;
        case OPT_RULES: o->rules = optarg; break;
        case 'a':
            if (!jz_date_parse(optarg, strlen(optarg), &o->as_of))
                return jz_cli_usage_error("--as-of '%s' is not a date: write e.g. 2024-06-30", optarg);
            break;
        case 'C': push(&o->centres, optarg); break;
        case OPT_EXPLAIN: o->explain = optarg; break;
        case OPT_EVIDENCE: o->evidence = optarg; break;
        case OPT_FAIL: o->fail_below = optarg; break;
        case OPT_CALENDAR: o->calendar = optarg; break;
        case OPT_ASSUME: o->assume_regular = true; break;
        case OPT_VERIFICATION: o->verification = optarg; break;
        case 'e':
            {
                int e;
                if (jz_cli_encoding(optarg, &e))
                    return JZ_EXIT_USAGE;
                o->enc = (jz_encoding)e;
            }
            break;
        case 'f':
            if (jz_cli_choice(optarg, formats) < 0)
                return jz_cli_usage_error("--format '%s': use text, csv or json", optarg);
            o->format = (jz_score_format)jz_cli_choice(optarg, formats);
            break;
        case 'o': o->output = optarg; break;
        case 'h': fputs(usage_text, stdout); return jz_cli_stdout_ok() ? -1 : JZ_EXIT_SYSTEM;
        case 'V': jz_cli_version(); return jz_cli_stdout_ok() ? -1 : JZ_EXIT_SYSTEM;
        default: return JZ_EXIT_USAGE;
        }
    }
    if (!o->rubric)
        return jz_cli_usage_error("-r RUBRIC is required: the rubric says what is scored and how");
    if (!o->contracts.n)
        return jz_cli_usage_error("--contracts FILE is required: the contracts hold each centre's targets");
    if (optind >= argc)
        return jz_cli_usage_error("no records files: give one or more (- for standard input)");
    return 0;
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
    const char *file;
    long bad_rows;
    jz_input_file *files;
    size_t nfiles, cap;
    pthread_t *hashers;           /* one per input file, hashing on the other core */
    bool *hashing;
    FILE *evidence;
    jz_out evidence_out;
} inputs;

static void *hash_one(void *arg)
{
    jz_input_file *f = arg;
    jz_file_sha256(f->path, f->sha256);
    return NULL;
}

/* Record an input and start hashing it on another thread (a 1.5 GB export takes seconds
 * to hash: the other core does it while this one parses). The list is allocated once
 * (note_files_reserve) so the threads' pointers stay valid. */
static void note_files_reserve(inputs *in, size_t n)
{
    in->cap = n;
    in->files = jz_xcalloc(n ? n : 1, sizeof *in->files);
    in->hashers = jz_xcalloc(n ? n : 1, sizeof *in->hashers);
    in->hashing = jz_xcalloc(n ? n : 1, sizeof *in->hashing);
}

static void note_file(inputs *in, const char *path, const char *role)
{
    jz_input_file *f = &in->files[in->nfiles];
    f->path = path;
    f->role = role;
    f->sha256[0] = '\0';
    in->hashing[in->nfiles] = pthread_create(&in->hashers[in->nfiles], NULL, hash_one, f) == 0;
    if (!in->hashing[in->nfiles])
        jz_file_sha256(path, f->sha256);
    in->nfiles++;
}

static void hashes_done(inputs *in)
{
    for (size_t i = 0; i < in->nfiles; i++)
        if (in->hashing[i]) {
            pthread_join(in->hashers[i], NULL);
            in->hashing[i] = false;
        }
}

static int load_reference(const opts *o, inputs *in)
{
    jz_error err;
    if (jz_rubric_load(&in->rubric, o->rubric, &err))
        return jz_cli_input_error(&err);
    if (jz_cli_load_rules(&in->rules, o->rules, &err))
        return jz_cli_input_error(&err);
    if (!(in->cal = jz_cli_load_calendar(o->calendar, o->assume_regular, &err)))
        return jz_cli_input_error(&err);
    if (o->verification) {
        if (jz_vresults_load(&in->verification, o->verification, &err))
            return jz_cli_input_error(&err);
        note_file(in, o->verification, "verification");
    }
    for (size_t i = 0; i < o->contracts.n; i++) {
        jz_table_info info;
        if (jz_contracts_load(&in->contracts, o->contracts.v[i], o->enc, &in->diag, &info, &err) && info.unreadable)
            return jz_cli_input_error(&err);
        note_file(in, o->contracts.v[i], "contracts");
    }
    for (size_t i = 0; i < o->rosters.n; i++) {
        jz_table_info info;
        if (jz_roster_load(&in->roster, o->rosters.v[i], o->enc, &in->diag, &info, &err) && info.unreadable)
            return jz_cli_input_error(&err);
        note_file(in, o->rosters.v[i], "roster");
    }
    return in->diag.count[JZ_ERROR] ? JZ_EXIT_INPUT : 0;
}

static int on_record(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    inputs *in = ctx;
    if (nerr) {
        in->bad_rows++;
        return 0;
    }
    switch (h->schema->type) {
    case JZ_FILE_RECORDS: jz_scorer_record(in->scorer, f, in->file, row->line); break;
    case JZ_FILE_SCORES: jz_scorer_entered(in->scorer, f, in->file, row->line, &in->diag); break;
    case JZ_FILE_SURVEY: jz_scorer_survey(in->scorer, f, in->file, row->line, &in->diag); break;
    case JZ_FILE_FINDINGS: jz_scorer_finding(in->scorer, f, in->file, row->line, &in->diag); break;
    default: break;
    }
    return 0;
}

static int read_all(inputs *in, const list *l, jz_filetype type, const char *role, jz_encoding enc)
{
    for (size_t i = 0; i < l->n; i++) {
        jz_error err;
        jz_table_info info;
        in->file = l->v[i];
        note_file(in, l->v[i], role);
        if (jz_table_read(l->v[i], type, enc, &in->diag, on_record, in, &info, &err) && info.unreadable)
            return jz_cli_input_error(&err);
    }
    return 0;
}

static int read_inputs(const opts *o, char **records, int nrecords, inputs *in)
{
    if (o->evidence) {
        if (!jz_out_open(&in->evidence_out, o->evidence))
            return JZ_EXIT_SYSTEM;
        in->evidence = in->evidence_out.fp;
        fputs("indicator,centre,file,line,record_id\n", in->evidence);
    }
    jz_score_inputs si = {&in->rubric, &in->rules, in->cal, &in->contracts, o->rosters.n ? &in->roster : NULL,
                          o->as_of, in->evidence, o->verification ? &in->verification : NULL};
    in->scorer = jz_scorer_new(&si);
    list rec = {(const char **)records, (size_t)nrecords};
    int rc = read_all(in, &rec, JZ_FILE_RECORDS, "records", o->enc);
    if (!rc)
        rc = read_all(in, &o->scores, JZ_FILE_SCORES, "scores", o->enc);
    if (!rc)
        rc = read_all(in, &o->survey, JZ_FILE_SURVEY, "survey", o->enc);
    if (!rc)
        rc = read_all(in, &o->findings, JZ_FILE_FINDINGS, "findings", o->enc);
    if (!rc && (in->bad_rows || in->diag.count[JZ_ERROR])) {
        fprintf(stderr, "%s: the inputs have errors (above; jz-validate lists every problem): nothing computed\n",
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
            return jz_cli_input_error(&err);
        }
        failing |= !jz_grade_at_least(&in->rubric, res[nres]->grade, floor);
        nres++;
    }
    if (failing) {
        size_t below = 0;
        for (size_t i = 0; i < nres; i++)
            below += !jz_grade_at_least(&in->rubric, res[i]->grade, floor);
        fprintf(stderr, "%s: %zu of %zu centres below %s:", jz_prog, below, nres, floor);
        for (size_t i = 0, shown = 0; i < nres && shown < 10; i++)
            if (!jz_grade_at_least(&in->rubric, res[i]->grade, floor)) {
                fprintf(stderr, " %s (%s)%s", res[i]->contract->centre, res[i]->grade ? res[i]->grade : "no grade",
                        below > ++shown ? "," : "");
            }
        fprintf(stderr, "%s\n", below > 10 ? " ..." : "");
    }
    hashes_done(in);
    jz_out out;
    int rc = JZ_EXIT_SYSTEM;
    if (jz_out_open(&out, o->output)) {
        jz_score_report rep = {&in->rubric, &in->rules, res, nres, in->files, in->nfiles, o->explain};
        jz_score_write(out.fp, o->explain ? JZ_SFMT_TEXT : o->format, &rep);
        rc = !jz_out_commit(&out) ? JZ_EXIT_SYSTEM : failing ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
    }
    if (in->evidence && !jz_out_commit(&in->evidence_out))
        rc = JZ_EXIT_SYSTEM;
    in->evidence = NULL;
    free(res);
    return rc;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (argc > 1 && strcmp(argv[1], "diff") == 0)
        return jz_score_diff_main(argc - 1, argv + 1);
    opts o;
    memset(&o, 0, sizeof o);
    o.as_of = JZ_NO_DAY;
    int rc = parse_args(argc, argv, &o);
    if (rc) {
        free_opts(&o);
        return rc < 0 ? 0 : rc;
    }
    inputs in;
    memset(&in, 0, sizeof in);
    in.pr = (jz_diag_printer){.fp = stderr, .format = JZ_DIAG_TEXT, .max = 50, .min_sev = JZ_WARNING, .prog = jz_prog};
    jz_diag_init(&in.diag, jz_diag_print, &in.pr);
    jz_contracts_init(&in.contracts);
    jz_roster_init(&in.roster);
    note_files_reserve(&in, o.contracts.n + o.rosters.n + o.scores.n + o.survey.n + o.findings.n +
                                (size_t)(argc - optind) + (o.verification != NULL));
    rc = load_reference(&o, &in);
    if (!rc)
        rc = read_inputs(&o, argv + optind, argc - optind, &in);
    if (!rc)
        rc = report(&o, &in);
    if (in.evidence)
        jz_out_abort(&in.evidence_out);
    hashes_done(&in);
    jz_scorer_free(in.scorer);
    free(in.files);
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
