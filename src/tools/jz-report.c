/* jz-report — render jz-score results as text, Markdown, HTML, XLSX or csv, with a
 * district roll-up when there are several centres. See man/jz-report.1. */
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/cli_input.h"
#include "jz/i18n.h"
#include "jz/report.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    N_("Usage: jz-report [-f text|md|html|xlsx|csv] [-o FILE] [OPTIONS] RESULT...\n"
       "Render the json results of jz-score for people: a report to print, a workbook.\n"
       "\n"
       "  -f, --format FMT        text (default), md, html, xlsx or csv\n"
       "  -o, --output FILE       write to FILE (atomically); required for xlsx\n"
       "      --rules FILE        contract rules with the payment terms (default: the\n"
       "                          bundled rules/guangzhou-hours.yaml)\n"
       "      --instalment N      the instalment this evaluation decides (default: the\n"
       "                          rules' mid_term_decides for a result before the contract's\n"
       "                          end, else end_term_decides)\n"
       "      --bom, --no-bom     a UTF-8 byte-order mark for Excel at the start of csv or\n"
       "                          not (default: on for an output named *.csv in Chinese)\n"
       "      --evidence FILE     xlsx: add an Evidence sheet with the rows of FILE, written\n"
       "                          by jz-score --evidence (may be repeated)\n"
       "      --verification FILE a verification section per centre (a sheet in xlsx), from\n"
       "                          the json of jz-verify\n"
       "      --audit FILE        add an integrity section per centre (screens hit, the\n"
       "                          worst findings with their lines) and each centre's risk\n"
       "                          in the roll-up, from FILE written by jz-audit -f json\n"
       "      --color WHEN        text: auto (default: on a terminal, never with NO_COLOR),\n"
       "                          always or never\n"
       "      --previous FILE     text, md, html: show a previous result (jz-score json) beside\n"
       "                          each centre: its total, grade and the change (jz-score diff)\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages and reports in Chinese or English (over LANG;\n"
       "                          reports: else the rubric's lang)\n"
       "\n"
       "RESULT may be - for standard input (jz-score ... -f json | jz-report -f html -o r.html).\n"
       "Exit status: 0 rendered; 2 usage error; 3 a result unreadable or of an unknown schema,\n"
       "or an evidence or audit file unreadable or malformed; 4 system error (write failed).\n");

typedef struct opts {
    int color;
    const char *rules, *verification;
    long instalment;
    const char **evidence;    /* --evidence, in the order given (the strings are argv's) */
    size_t nevidence;
    const char *previous;     /* --previous FILE */
    const char *audit;        /* --audit */
    jz_cli_common c;          /* -o, -f (a row of jz_report_writers) */
    const jz_writer *format;  /* -f's row (text if not given) */
    const char *output;       /* -o */
} opts;

enum { OPT_RULES = 256, OPT_INST, OPT_COLOR, OPT_EVIDENCE, OPT_VERIFICATION, OPT_AUDIT, OPT_PREVIOUS };

/* One of jz-report's own options (jz_cli_spec.option). */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    static const char *const whens[] = {"auto", "always", "never", NULL};
    opts *o = ctx;
    (void)name;
    switch (c) {
    case OPT_RULES: o->rules = arg; break;
    case OPT_INST:
        if (!jz_cli_parse_long(arg, &o->instalment) || o->instalment < 1)
            return jz_cli_usage_error("--instalment '%s': give 1, 2, 3 ...", arg);
        break;
    case OPT_VERIFICATION: o->verification = arg; break;
    case OPT_EVIDENCE:
        o->evidence = jz_xrealloc(o->evidence, (o->nevidence + 1) * sizeof *o->evidence);
        o->evidence[o->nevidence++] = arg;
        break;
    case OPT_PREVIOUS: o->previous = arg; break;
    case OPT_AUDIT:
        if (o->audit)
            return jz_cli_usage_error("--audit is given twice: give one jz-audit json (audit all centres in one run)");
        o->audit = arg;
        break;
    case OPT_COLOR:
        if ((o->color = jz_cli_choice(arg, whens)) < 0)
            return jz_cli_usage_error("--color '%s': use auto, always or never", arg);
        break;
    default: break;  /* a common option, already stored in o->c */
    }
    return -1;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, OPT_RULES}, {"instalment", required_argument, NULL, OPT_INST},
        {"color", required_argument, NULL, OPT_COLOR},
        {"evidence", required_argument, NULL, OPT_EVIDENCE},
        {"verification", required_argument, NULL, OPT_VERIFICATION},
        {"audit", required_argument, NULL, OPT_AUDIT},
        {"previous", required_argument, NULL, OPT_PREVIOUS},
        {NULL, 0, NULL, 0}};
    const jz_cli_spec spec = {
        .usage = usage_text, .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT,
        .writers = jz_report_writers, .format_error = N_("--format '%s': use text, md, html, xlsx or csv"),
        .longopts = longopts, .option = option, .ctx = o};
    int rc = jz_cli_parse(&spec, argc, argv, &o->c);
    o->format = jz_writer_find(jz_report_writers, o->c.format ? o->c.format : "text");
    o->output = o->c.output;
    if (rc >= 0)
        return rc;
    if (optind >= argc)
        return jz_cli_usage_error("no result files: give the json of jz-score (- for standard input)");
    if (o->previous && (strcmp(o->format->name, "xlsx") == 0 || strcmp(o->format->name, "csv") == 0))
        return jz_cli_usage_error("--previous is shown by -f text, md and html (jz-score diff -f csv|json "
                                  "compares two results for scripts)");
    if (o->format->write_to_path && (!o->output || strcmp(o->output, "-") == 0))
        return jz_cli_usage_error("-f %s needs -o FILE.%s (a workbook is not written to a terminal)",
                                  o->format->name, o->format->name);
    return -1;
}

static int render(const opts *o, const jz_results *res, const jz_report_opts *ro)
{
    jz_report_doc doc = {res, ro};
    jz_out out;
    if (!jz_out_open(&out, o->output))
        return JZ_EXIT_SYSTEM;
    if (o->format->write_to_path) {
        /* libxlsxwriter writes the file itself: into our temp file, renamed on success */
        const char *name = jz_out_by_name(&out);
        jz_error err;
        jz_error_clear(&err);
        if (!name) {
            jz_out_abort(&out);
            return JZ_EXIT_SYSTEM;
        }
        if (o->format->write_to_path(name, &doc, &err)) {
            jz_out_abort(&out);
            if (err.code != JZ_EWRITE)
                return jz_cli_error(&err);   /* an evidence file's fault: 3 */
            jz_cli_warn("cannot write %s: %s", o->output, err.msg);   /* err.file is the temp file */
            return jz_error_exit(&err);
        }
    } else {
        o->format->write_to_file(out.fp, &doc);
    }
    return jz_out_commit(&out) ? JZ_EXIT_OK : JZ_EXIT_SYSTEM;
}

/* The language of the documents: --lang, else the rubric's (the first result that records
 * one), else the messages' (the user's locale). */
static jz_lang doc_lang(const jz_results *res)
{
    if (!jz_lang_chosen())
        for (size_t i = 0; i < res->nfiles; i++) {
            if (strcmp(res->files[i].rubric_lang, "zh") == 0)
                return JZ_LANG_ZH;
            if (strcmp(res->files[i].rubric_lang, "en") == 0)
                return JZ_LANG_EN;
        }
    return jz_lang_get();
}

/* Load the rules and the results, render them; the exit status. */
static int run(const opts *o, int argc, char **argv)
{
    int rc = 0;
    jz_results res;
    memset(&res, 0, sizeof res);
    jz_rules rules;
    memset(&rules, 0, sizeof rules);
    jz_error err;
    if (jz_cli_load_rules(&rules, o->rules, &err))
        return jz_cli_error(&err);
    if (o->instalment > 0 && rules.has_payment && o->instalment > rules.ninstalments) {
        int n = rules.ninstalments;
        jz_rules_free(&rules);
        return jz_cli_usage_error("--instalment %ld: the rules have %d instalments", o->instalment, n);
    }
    jz_vresults ver;
    memset(&ver, 0, sizeof ver);
    if (o->verification && jz_vresults_load(&ver, o->verification, &err))
        rc = jz_cli_error(&err);
    for (int i = optind; i < argc && !rc; i++)
        if (jz_results_load(&res, argv[i], &err)) {
            if (!err.file[0])
                snprintf(err.file, sizeof err.file, "%s", argv[i]);
            rc = jz_cli_error(&err);
        }
    jz_results prev;
    memset(&prev, 0, sizeof prev);
    jz_result_diff diff;
    memset(&diff, 0, sizeof diff);
    if (!rc && o->previous && (jz_results_load(&prev, o->previous, &err) ||
                               jz_result_diff_make(&prev, &res, &diff, &err)))
        rc = jz_cli_error(&err);
    jz_audits audit;
    memset(&audit, 0, sizeof audit);
    if (!rc && o->audit && jz_audits_load(&audit, o->audit, &err))
        rc = jz_cli_error(&err);
    if (!rc) {
        bool tty = (!o->output || strcmp(o->output, "-") == 0) && isatty(STDOUT_FILENO);
        const char *no = getenv("NO_COLOR");
        bool color = o->color == 1 || (o->color == 0 && tty && !(no && *no));
        jz_doc_lang_set(doc_lang(&res));
        jz_report_opts ro = {&rules, (int)o->instalment, color, false, o->evidence, o->nevidence,
                             o->verification ? &ver : NULL, NULL, NULL};
        ro.audit = o->audit ? &audit : NULL;
        ro.previous = o->previous ? &diff : NULL;
        rc = render(o, &res, &ro);
    }
    jz_vresults_free(&ver);
    jz_audits_free(&audit);
    jz_result_diff_free(&diff);
    jz_results_free(&prev);
    jz_results_free(&res);
    jz_rules_free(&rules);
    return rc;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    opts o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc < 0) {
        jz_cli_inputs in = {0};
        jz_cli_input_add(&in, o.rules);
        jz_cli_input_add(&in, o.verification);
        jz_cli_input_add(&in, o.audit);
        jz_cli_input_add_all(&in, o.evidence, o.nevidence);
        jz_cli_input_add_all(&in, (const char *const *)argv + optind, (size_t)(argc - optind));
        rc = jz_cli_inputs_check(&in) ? JZ_EXIT_USAGE : -1;
    }
    if (rc < 0) {
        jz_io io = {0};
        jz_io_inputs(&io, NULL, (const char *const *)argv + optind, (size_t)(argc - optind));
        jz_io_inputs(&io, "--evidence", o.evidence, o.nevidence);
        jz_io_input(&io, "--verification", o.verification);
        jz_io_input(&io, "--audit", o.audit);
        jz_io_bundled(&io, "--rules", o.rules, "rules/guangzhou-hours.yaml");
        jz_io_output(&io, "-o", o.output);
        if (!(rc = jz_io_check(&io)))
            rc = run(&o, argc, argv);
    }
    free(o.evidence);
    return rc;
}
