/* cli_score_diff.c — see include/jz/cli_score_diff.h. Options and orchestration only: the
 * comparison is src/lib/engine/result_diff.c, the writers src/lib/diff_write_*.c. See DIFF in
 * man/jz-score.1. */
#include "jz/cli_score_diff.h"

#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/diff_write.h"
#include "jz/i18n.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
    N_("Usage: jz-score diff [-f text|md|csv|json] [-o FILE] A.json B.json\n"
       "Compare two results of jz-score --format json (mid-term and end-term, two years, two\n"
       "rubrics, a re-run after a corrected export): per centre, section and indicator the\n"
       "change in value, fraction and points, and why (the as-of date, the rubric, an input,\n"
       "the rules or the calendar).\n"
       "\n"
       "  -f, --format FMT        text (default), md, csv or json (jiazong-score-diff/1)\n"
       "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n"
       "\n"
       "A or B may be - for standard input (not both).\n"
       "Exit status: 0 the results score the same; 1 they differ (a figure, or a centre\n"
       "added or removed); 2 usage error; 3 a result unreadable, not a jz-score result or of\n"
       "an unknown schema; 4 system error.\n");

typedef struct diff_opts {
    const jz_writer *writer;   /* a row of jz_diff_writers */
    const char *output;
} diff_opts;

/* Returns -1 to go on, or the exit status. */
static int parse(int argc, char **argv, diff_opts *o)
{
    const jz_cli_spec spec = {
        .usage = usage_text, .no_examples = true, .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT,
        .writers = jz_diff_writers, .format_error = N_("--format '%s': use text, md, csv or json")};
    jz_cli_common c = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &c);
    o->writer = jz_writer_find(jz_diff_writers, c.format ? c.format : "text");
    o->output = c.output;
    if (rc >= 0)
        return rc;
    if (argc - optind != 2)
        return jz_cli_usage_error("give two results, A and B (jz-score --format json), not %d", argc - optind);
    if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
        return jz_cli_usage_error("only one of A and B can be standard input");
    return -1;
}

static int compare(const diff_opts *o, const char *path_a, const char *path_b)
{
    jz_results a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    jz_result_diff d;
    memset(&d, 0, sizeof d);
    jz_error err;
    int rc;
    if (jz_results_load(&a, path_a, &err) || jz_results_load(&b, path_b, &err) ||
        jz_result_diff_make(&a, &b, &d, &err)) {
        rc = jz_cli_error(&err);
    } else {
        jz_out out;
        rc = JZ_EXIT_SYSTEM;
        if (jz_out_open(&out, o->output)) {
            o->writer->write_to_file(out.fp, &d);
            if (jz_out_commit(&out))
                rc = d.different ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
        }
    }
    jz_result_diff_free(&d);
    jz_results_free(&a);
    jz_results_free(&b);
    return rc;
}

int jz_score_diff_main(int argc, char **argv)
{
    static char prog[64];   /* messages and "Try 'jz-score diff --help'" name the sub-command */
    snprintf(prog, sizeof prog, "%s diff", jz_prog);
    jz_prog = prog;
    diff_opts o = {NULL, NULL};
    int rc = parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    return compare(&o, argv[optind], argv[optind + 1]);
}
