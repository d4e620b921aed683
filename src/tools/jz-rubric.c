/* jz-rubric — lint, show, diff and test scoring rubrics. See jz-rubric(1).
 * Options and orchestration only: the checks and the diff are in src/lib/engine/rubric_check.c,
 * the fixture runner in src/lib/engine/rubric_test.c, the show, diff and test output in
 * src/lib/write/rubric_write.c, the scoring in src/lib/engine/score.c. */
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/cli_input.h"
#include "jz/contract.h"
#include "jz/rubric_write.h"
#include "jz/text.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    N_("Usage: jz-rubric lint [--contracts FILE] [-o FILE] RUBRIC...\n"
       "       jz-rubric show [--format text|md] [-o FILE] RUBRIC\n"
       "       jz-rubric diff [--format text|md|csv] [-o FILE] RUBRIC-A RUBRIC-B\n"
       "       jz-rubric test [-o FILE] RUBRIC\n"
       "Check, print, compare and test scoring rubrics (jiazong-rubric(5)).\n"
       "\n"
       "  lint   every error jz-score would refuse the rubric for, and warnings: points that\n"
       "         do not add up, unreachable grades, a pass grade that is the lowest, target\n"
       "         columns the contracts file lacks, indicators no party scores, bands whose\n"
       "         awards rise as the threshold falls, vetoes that never trigger, ...\n"
       "  show   the rubric as a table an NGO can read before the year starts\n"
       "  diff   indicator by indicator, what B scores differently from A\n"
       "  test   run the fixture cases in RUBRIC-DIR/tests/RUBRIC-ID/CASE/ through the\n"
       "         scoring engine and compare with each case's expected.csv\n"
       "\n"
       "  -c, --contracts FILE  lint: check targets against this contracts file's columns\n"
       "  -f, --format FMT      show: text (default) or md; diff: text (default), md or csv\n"
       "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
       "  -h, --help            show this help and exit\n"
       "  -V, --version         show the version and exit\n"
       "      --sheet NAME|N    .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en      messages in Chinese or English (over LANG)\n"
       "\n"
       "Exit status: 0 clean, identical or all cases pass; 1 warnings, differences or a\n"
       "failed case; 2 usage error; 3 invalid rubric or fixture (nothing checked); 4 system\n"
       "error.\n");

typedef struct opts {
    const char *contracts, *output, *format;
} opts;

/* ---- shared ---- */

static int load(jz_rubric *r, const char *path)
{
    jz_error err;
    return jz_rubric_load(r, path, &err) ? jz_cli_error(&err) : 0;
}

/* An output onto a file the rubric extends (known once it is read) is refused: 2. */
static int refuse_extended(const opts *o, const jz_rubric *r)
{
    jz_io io = {0};
    jz_io_inputs(&io, "extends:", (const char *const *)r->files, r->nfiles);
    jz_io_output(&io, "-o", o->output);
    return jz_io_check(&io);
}

/* Finish writing: 4 when the output could not be written, else rc. */
static int finish(jz_out *out, int rc)
{
    return jz_out_commit(out) ? rc : JZ_EXIT_SYSTEM;
}

/* ---- lint ---- */

typedef struct columns {
    char **v;
    size_t n;
} columns;

/* The target_<name> columns of a contracts file's header (the rows are not read). */
static int contract_columns(const char *path, columns *out)
{
    jz_error err;
    return jz_contracts_targets_of(path, JZ_ENC_AUTO, &out->v, &out->n, &err) ? jz_cli_error(&err) : 0;
}

static void free_columns(columns *c)
{
    jz_contracts_targets_free(c->v, c->n);
}

static size_t count_indicators(const jz_section *s)
{
    size_t n = s->nind;
    for (size_t i = 0; i < s->nsubs; i++)
        n += count_indicators(&s->subs[i]);
    return n;
}

/* Lint one rubric onto diag; returns its exit status (0, 1 or 3; 2 when -o is a file
 * it extends). */
static int lint_one(const opts *o, const char *path, const jz_lint_opts *lo, jz_diag *diag, FILE *fp)
{
    jz_rubric r;
    jz_error err;
    int rc;
    if (jz_rubric_load(&r, path, &err)) {
        return jz_cli_error_diag(diag, &err, path, "invalid-rubric");
    }
    if ((rc = refuse_extended(o, &r))) {
        jz_rubric_free(&r);
        return rc;
    }
    long notes = diag->count[JZ_NOTE];
    long warnings = jz_rubric_lint(&r, lo, diag);
    notes = diag->count[JZ_NOTE] - notes;
    fprintf(fp, _("%s: rubric %s version %s, %zu indicators: "), strcmp(path, "-") == 0 ? "<stdin>" : jz_text_show(path),
            jz_text_show(r.id), jz_text_show(r.version), count_indicators(&r.root));
    fprintf(fp, jz_trn("%ld warning, ", "%ld warnings, ", (unsigned long)warnings), warnings);
    fprintf(fp, jz_trn("%ld note\n", "%ld notes\n", (unsigned long)notes), notes);
    jz_rubric_free(&r);
    return warnings ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
}

static int cmd_lint(const opts *o, int argc, char **argv)
{
    columns cols = {NULL, 0};
    int rc = o->contracts ? contract_columns(o->contracts, &cols) : 0;
    jz_out out;
    if (rc || !jz_out_open(&out, o->output)) {
        free_columns(&cols);
        return rc ? rc : JZ_EXIT_SYSTEM;
    }
    jz_lint_opts lo = {(const char *const *)cols.v, cols.n, o->contracts};
    jz_diag_printer pr = {.fp = out.fp, .format = JZ_DIAG_TEXT, .min_sev = JZ_NOTE};
    jz_diag diag;
    jz_diag_init(&diag, jz_diag_print, &pr);
    for (int i = 0; i < argc; i++) {
        int one = lint_one(o, argv[i], o->contracts ? &lo : NULL, &diag, out.fp);
        if (one == JZ_EXIT_USAGE) {  /* nothing is written over an input */
            free_columns(&cols);
            jz_out_abort(&out);
            return one;
        }
        rc = one > rc ? one : rc;
    }
    free_columns(&cols);
    return finish(&out, rc);
}

/* ---- show and diff ---- */

static int cmd_show(const opts *o, int argc, char **argv)
{
    (void)argc;
    const jz_writer *w = jz_writer_find(jz_rubric_show_writers, o->format ? o->format : "text");
    if (!w)
        return jz_cli_usage_error("--format '%s': show writes text or md", o->format);
    jz_rubric r;
    int rc = load(&r, argv[0]);
    if (rc)
        return rc;
    if ((rc = refuse_extended(o, &r))) {
        jz_rubric_free(&r);
        return rc;
    }
    jz_out out;
    rc = JZ_EXIT_SYSTEM;
    if (jz_out_open(&out, o->output)) {
        w->write_to_file(out.fp, &r);
        rc = finish(&out, JZ_EXIT_OK);
    }
    jz_rubric_free(&r);
    return rc;
}

static int cmd_diff(const opts *o, int argc, char **argv)
{
    (void)argc;
    const jz_writer *w = jz_writer_find(jz_rubric_diff_writers, o->format ? o->format : "text");
    if (!w)
        return jz_cli_usage_error("--format '%s': diff writes text, md or csv", o->format);
    jz_rubric a, b;
    int rc = load(&a, argv[0]);
    if (rc)
        return rc;
    if ((rc = load(&b, argv[1])) || (rc = refuse_extended(o, &a)) || (rc = refuse_extended(o, &b))) {
        jz_rubric_free(&a);
        if (b.path)
            jz_rubric_free(&b);
        return rc;
    }
    jz_rubric_diff d;
    jz_rubric_diff_make(&a, &b, &d);
    jz_out out;
    rc = JZ_EXIT_SYSTEM;
    if (jz_out_open(&out, o->output)) {
        jz_rubric_diff_doc doc = {&a, &b, &d};
        w->write_to_file(out.fp, &doc);
        rc = finish(&out, d.n ? JZ_EXIT_FINDINGS : JZ_EXIT_OK);
    }
    jz_rubric_diff_free(&d);
    jz_rubric_free(&a);
    jz_rubric_free(&b);
    return rc;
}

/* ---- test (the runner is in src/lib/engine/rubric_test.c) ---- */

/* An output onto one of the cases' files is refused: 2. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = jz_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int refuse_fixture_files(const opts *o, char **cases, size_t n)
{
    enum { NNAMES = JZ_RUBRIC_TEST_NFILES };
    if (!o->output)
        return 0;
    char **paths = jz_xcalloc(n * NNAMES + 1, sizeof *paths);
    jz_io io = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < NNAMES; k++) {
            paths[i * NNAMES + k] = join(cases[i], jz_rubric_test_files[k]);
            jz_io_input(&io, "a test case's", paths[i * NNAMES + k]);
        }
    jz_io_output(&io, "-o", o->output);
    int rc = jz_io_check(&io);
    for (size_t i = 0; i < n * NNAMES; i++)
        free(paths[i]);
    free(paths);
    return rc;
}

static int run_cases(const jz_rubric *r, char **cases, size_t n, FILE *fp)
{
    jz_rubric_test_env env = {
        .printer = {.fp = stderr, .format = JZ_DIAG_TEXT, .max = 50, .min_sev = JZ_WARNING, .prog = jz_prog},
        .load_rules = jz_cli_load_rules,
        .load_calendar = jz_cli_load_calendar,
    };
    jz_rubric_test_report rep;
    int rc = jz_rubric_test_run(r, cases, n, &env, &rep);
    jz_rubric_test_write(fp, &rep);
    jz_rubric_test_report_free(&rep);
    return rc;
}

static int cmd_test(const opts *o, int argc, char **argv)
{
    (void)argc;
    jz_rubric r;
    int rc = load(&r, argv[0]);
    if (rc)
        return rc;
    if ((rc = refuse_extended(o, &r))) {
        jz_rubric_free(&r);
        return rc;
    }
    char *dir = jz_rubric_test_dir(&r), **cases;
    size_t n = jz_rubric_test_cases(dir, &cases);
    jz_out out;
    if (!n) {
        fprintf(stderr, _("%s: %s: error: no test cases (folders with contracts.csv and expected.csv; see "
                "jz-rubric(1), FIXTURES)\n"), jz_prog, dir);
        rc = JZ_EXIT_INPUT;
    } else if ((rc = refuse_fixture_files(o, cases, n))) {
        /* refused: nothing run */
    } else if (!jz_out_open(&out, o->output)) {
        rc = JZ_EXIT_SYSTEM;
    } else {
        rc = finish(&out, run_cases(&r, cases, n, out.fp));
    }
    jz_rubric_test_cases_free(cases, n);
    free(dir);
    jz_rubric_free(&r);
    return rc;
}

/* ---- main ---- */

static const struct command {
    const char *name;
    int min, max;
    int (*run)(const opts *o, int argc, char **argv);
    const char *args;
} commands[] = {
    {"lint", 1, 1 << 20, cmd_lint, "RUBRIC..."},
    {"show", 1, 1, cmd_show, "RUBRIC"},
    {"diff", 2, 2, cmd_diff, "RUBRIC-A RUBRIC-B"},
    {"test", 1, 1, cmd_test, "RUBRIC"},
};

/* One of jz-rubric's own options (jz_cli_spec.option). */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    opts *o = ctx;
    (void)name;
    if (c == 'c')
        o->contracts = arg;
    return -1;
}

/* Returns -1 to go on, or the exit status. -f takes any word here: which ones depends on
 * the command (checked by each). */
static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {{"contracts", required_argument, NULL, 'c'}, {NULL, 0, NULL, 0}};
    const jz_cli_spec spec = {.usage = usage_text, .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT, .shortopts = "c:",
                              .longopts = longopts, .option = option, .ctx = o};
    jz_cli_common c = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &c);
    o->output = c.output;
    o->format = c.format;
    return rc;
}

static int run(const opts *o, int argc, char **argv)
{
    if (argc == 0)
        return jz_cli_usage_error("no command: give lint, show, diff or test");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const struct command *cmd = &commands[i];
        if (strcmp(argv[0], cmd->name) != 0)
            continue;
        if (argc - 1 < cmd->min || argc - 1 > cmd->max)
            return jz_cli_usage_error("%s takes %s", cmd->name, cmd->args);
        if (o->contracts && strcmp(cmd->name, "lint") != 0)
            return jz_cli_usage_error("--contracts is an option of lint only");
        if (o->format && (strcmp(cmd->name, "lint") == 0 || strcmp(cmd->name, "test") == 0))
            return jz_cli_usage_error("--format is an option of show and diff only");
        jz_cli_inputs in = {0};
        jz_cli_input_add(&in, o->contracts);
        jz_cli_input_add_all(&in, (const char *const *)argv + 1, (size_t)(argc - 1));
        if (jz_cli_inputs_check(&in))
            return JZ_EXIT_USAGE;
        jz_io io = {0};
        jz_io_input(&io, "--contracts", o->contracts);
        jz_io_inputs(&io, NULL, (const char *const *)argv + 1, (size_t)(argc - 1));
        jz_io_output(&io, "-o", o->output);
        int rc = jz_io_check(&io);
        return rc ? rc : cmd->run(o, argc - 1, argv + 1);
    }
    return jz_cli_usage_error("unknown command '%s': give lint, show, diff or test", argv[0]);
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    opts o = {NULL, NULL, NULL};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    return run(&o, argc - optind, argv + optind);
}
