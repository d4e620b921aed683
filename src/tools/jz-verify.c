/* jz-verify — from a drawn sample and the evaluators' findings to verified figures: error
 * rates, verification factors and overstated hours with their intervals; `plan` sizes a
 * draw. See man/jz-verify.1. Options and orchestration only: reading is verify_load.c,
 * the estimates verify.c, the formats verify_write.c. */
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/cli_input.h"
#include "jz/i18n.h"
#include "jz/verify.h"
#include "jz/verify_load.h"
#include "jz/verify_write.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    N_("Usage: jz-verify --draw DRAW [OPTIONS] VERIFICATION...\n"
       "       jz-verify plan --rate P --precision E [--population N] [OPTIONS]\n"
       "Turn the evaluators' findings on a jz-sample draw into verified figures: error rates\n"
       "(exact intervals), verification factors for participants and hours (recounted /\n"
       "reported, weighted by the draw), and the hours overstated with a lower bound.\n"
       "plan: how many items to draw for a precision, with the finite-population correction.\n"
       "\n"
       "  -d, --draw FILE         the draw: jz-sample clients|activities --format csv or json\n"
       "  -f, --format FMT        text (default), csv or json\n"
       "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
       "  -e, --encoding ENC      auto (default), utf-8 or gb18030\n"
       "      --rules FILE        band and confidence levels (default: rules/verify.yaml)\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n"
       "plan:\n"
       "      --rate P            the error rate expected, e.g. 10% or 0.1\n"
       "      --precision E       the half-width wanted, e.g. 5% (+-5 points) or 0.05\n"
       "      --confidence C      two-sided, e.g. 95% (default: the rules' confidence)\n"
       "      --population N      items in the population (no correction without it)\n"
       "\n"
       "VERIFICATION may be - for standard input. Exit status: 0 every verification factor\n"
       "within the band; 1 one is not; 2 usage error; 3 invalid input (nothing computed);\n"
       "4 system error.\n");

typedef struct opts {
    bool plan;
    const char *draw, *output, *rules, *format;
    jz_encoding enc;
    double rate, precision, confidence;
    long population;
    bool have_rate, have_precision, have_confidence;
} opts;

enum { OPT_RULES = 256, OPT_RATE, OPT_PRECISION, OPT_CONFIDENCE, OPT_POPULATION };

/* "10%", "10 %" or "0.1" -> 0.1; strictly between 0 and 1. */
static bool parse_share(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s)
        return false;
    while (*end == ' ')
        end++;
    if (*end == '%')
        v /= 100, end++;
    *out = v;
    return *end == '\0' && v > 0 && v < 1 && isfinite(v);
}

static int share_opt(const char *name, const char *arg, double *out, bool *have)
{
    if (!parse_share(arg, out))
        return jz_cli_usage_error("--%s '%s': write a percentage above 0 and below 100, e.g. 10%% or 0.1", name, arg);
    *have = true;
    return 0;
}

/* One of jz-verify's own options (jz_cli_spec.option). */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    opts *o = ctx;
    (void)name;
    int rc = 0;
    switch (c) {
    case 'd': o->draw = arg; break;
    case OPT_RULES: o->rules = arg; break;
    case OPT_RATE: rc = share_opt("rate", arg, &o->rate, &o->have_rate); break;
    case OPT_PRECISION: rc = share_opt("precision", arg, &o->precision, &o->have_precision); break;
    case OPT_CONFIDENCE: rc = share_opt("confidence", arg, &o->confidence, &o->have_confidence); break;
    case OPT_POPULATION:
        if (!jz_cli_parse_long(arg, &o->population) || o->population < 1)
            return jz_cli_usage_error("--population '%s': give a whole number of items, 1 or more", arg);
        break;
    default: break;  /* a common option (jz_cli_common) */
    }
    return rc ? rc : -1;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"draw", required_argument, NULL, 'd'},
        {"rules", required_argument, NULL, OPT_RULES}, {"rate", required_argument, NULL, OPT_RATE},
        {"precision", required_argument, NULL, OPT_PRECISION},
        {"confidence", required_argument, NULL, OPT_CONFIDENCE},
        {"population", required_argument, NULL, OPT_POPULATION},
        {NULL, 0, NULL, 0}};
    static const char *const formats[] = {"text", "csv", "json", NULL};
    const jz_cli_spec spec = {
        .usage = usage_text, .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_ENCODING,
        .formats = formats, .format_error = N_("--format '%s': use text, csv or json"),
        .shortopts = "d:", .longopts = longopts, .option = option, .ctx = o};
    jz_cli_common c = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &c);
    o->output = c.output;
    o->format = c.format ? c.format : "text";
    o->enc = (jz_encoding)c.enc;
    return rc;
}

/* The command's own rules: which options belong to which command. */
static int check_args(int argc, char **argv, opts *o)
{
    if (optind < argc && strcmp(argv[optind], "plan") == 0) {
        o->plan = true;
        optind++;
        if (o->draw)
            return jz_cli_usage_error("plan sizes a draw before it is made: --draw belongs to the estimate");
        if (!o->have_rate || !o->have_precision)
            return jz_cli_usage_error("plan needs --rate (the error rate expected) and --precision (e.g. 5%%)");
        if (optind < argc)
            return jz_cli_usage_error("plan takes no files ('%s')", argv[optind]);
        return 0;
    }
    if (o->have_rate || o->have_precision || o->have_confidence || o->population)
        return jz_cli_usage_error("--rate, --precision, --confidence and --population belong to jz-verify plan");
    if (!o->draw)
        return jz_cli_usage_error("--draw FILE is required: the draw tells what each item stands for");
    if (optind >= argc)
        return jz_cli_usage_error("no verification files: give one or more (- for standard input)");
    jz_cli_inputs in = {0};
    jz_cli_input_add(&in, o->rules);
    jz_cli_input_add(&in, o->draw);
    jz_cli_input_add_all(&in, (const char *const *)argv + optind, (size_t)(argc - optind));
    return jz_cli_inputs_check(&in);
}

static int load_rules(const opts *o, jz_vrules *rules)
{
    jz_error err;
    char *bundled = o->rules ? NULL : jz_cli_data_path("rules/verify.yaml");
    if (!o->rules && !bundled) {
        jz_cli_warn("cannot find the bundled rules/verify.yaml: give --rules FILE or set JIAZONG_DATADIR");
        return JZ_EXIT_INPUT;
    }
    jz_code code = jz_vrules_load(rules, o->rules ? o->rules : bundled, &err);
    free(bundled);
    return code ? jz_cli_error(&err) : 0;
}

static int write_out(const opts *o, const jz_vdraw *d, const jz_vreport *r, const jz_vrules *rules,
                     const jz_vmeta *m, const jz_vplan_ask *ask, const jz_vplan *plan)
{
    jz_out out;
    if (!jz_out_open(&out, o->output))
        return JZ_EXIT_SYSTEM;
    jz_verify_doc doc = {d, r, rules, m};
    jz_verify_plan_doc plan_doc = {ask, plan, m->tool};
    if (plan)
        jz_writer_find(jz_verify_plan_writers, o->format)->write_to_file(out.fp, &plan_doc);
    else
        jz_writer_find(jz_verify_writers, o->format)->write_to_file(out.fp, &doc);
    return jz_out_commit(&out) ? 0 : JZ_EXIT_SYSTEM;
}

static int run_plan(const opts *o, const jz_vrules *rules, const char *tool)
{
    jz_vplan_ask ask = {o->rate, o->precision, o->have_confidence ? o->confidence : rules->confidence, o->population};
    jz_vplan plan;
    jz_verify_plan(ask.rate, ask.precision, ask.confidence, ask.population, &plan);
    jz_vmeta m = {NULL, 0, 0, tool};
    return write_out(o, NULL, NULL, rules, &m, &ask, &plan);
}

static int run_estimate(const opts *o, char **files, int nfiles, const jz_vrules *rules, const char *tool)
{
    jz_diag_printer pr = {stderr, JZ_DIAG_TEXT, 50, 0, 0, 0, JZ_WARNING, jz_prog};
    jz_diag diag;
    jz_diag_init(&diag, jz_diag_print, &pr);
    jz_vdraw d;
    jz_error err;
    jz_vmeta m = {(const char *const *)files, (size_t)nfiles, 0, tool};
    int rc = 0;
    pr.min_sev = JZ_NOTE;  /* jz-validate does not read a draw: its notes (title rows) are shown here */
    jz_code code = jz_vdraw_load(&d, o->draw, o->enc, &diag, &err);
    pr.min_sev = JZ_WARNING;
    if (code == JZ_EREAD || (code && !diag.count[JZ_ERROR]))
        rc = jz_cli_error(&err);
    else if (code)
        rc = JZ_EXIT_INPUT;
    for (int i = 0; !rc && i < nfiles; i++) {
        long rows = 0;
        code = jz_vdraw_findings_load(&d, files[i], o->enc, &diag, &rows, &err);
        m.rows += rows;
        if (code == JZ_EREAD)
            rc = jz_cli_error(&err);
    }
    if (!rc && diag.count[JZ_ERROR]) {
        jz_cli_warn("the draw or the verification files have errors (above): nothing computed");
        rc = JZ_EXIT_INPUT;
    } else if (rc == JZ_EXIT_INPUT && diag.count[JZ_ERROR]) {
        jz_cli_warn("the draw cannot be used (above): nothing computed");
    }
    if (!rc) {
        jz_vreport r;
        jz_verify_estimate(&d, rules, &r);
        rc = write_out(o, &d, &r, rules, &m, NULL, NULL);
        if (!rc && r.outside)
            rc = JZ_EXIT_FINDINGS;
        jz_vreport_free(&r);
    }
    jz_vdraw_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    opts o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    if ((rc = check_args(argc, argv, &o)))
        return rc;
    jz_io io = {0};
    jz_io_input(&io, "--draw", o.draw);
    jz_io_bundled(&io, "--rules", o.rules, "rules/verify.yaml");
    jz_io_inputs(&io, NULL, (const char *const *)argv + optind, (size_t)(argc - optind));
    jz_io_output(&io, "-o", o.output);
    if ((rc = jz_io_check(&io)))
        return rc;
    jz_vrules rules;
    if ((rc = load_rules(&o, &rules)))
        return rc;
    const char *tool = "jz-verify " JZ_VERSION;
    rc = o.plan ? run_plan(&o, &rules, tool) : run_estimate(&o, argv + optind, argc - optind, &rules, tool);
    jz_vrules_free(&rules);
    return rc;
}
