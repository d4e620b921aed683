/* jz-validate — check exported records, rosters and contracts; every problem as
 * file:line:col: severity: message [code]. See man/jz-validate.1. */
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/text.h"
#include "jz/cli_input.h"
#include "jz/contract.h"
#include "jz/i18n.h"
#include "jz/roster.h"
#include "jz/rowsrc.h"
#include "jz/validate.h"
#include "jz/validate_write.h"
#include "jz/emit.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    N_("Usage: jz-validate [OPTIONS] FILE...\n"
       "Check service records, staff rosters and contracts exported by a centre.\n"
       "Each file's type is read from its header; records are checked against the\n"
       "rosters and contracts given in the same run.\n"
       "\n"
       "  -t, --type TYPE         treat every FILE as records, roster, contracts, scores,\n"
       "                          survey, findings, attendance or verification\n"
       "  -e, --encoding ENC      auto (default), utf-8 or gb18030\n"
       "  -f, --format FMT        text (default), csv or json\n"
       "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
       "  -m, --max-errors N      print at most N problems (all are still counted)\n"
       "      --fail-on LEVEL     exit 1 on problems at LEVEL or above: error (default)\n"
       "                          or warning\n"
       "      --max-day-hours H   warn when one staff member has more than H hours on a\n"
       "                          day (default 12)\n"
       "  -q, --quiet             print problems only: no notes, no summary\n"
       "  -h, --help              show this help and exit\n"
       "  -V, --version           show the version and exit\n"
       "      --sheet NAME|N      .xlsx inputs: the sheet to read (default: the first)\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n"
       "\n"
       "FILE may be - for standard input. Exit status: 0 no problem at or above\n"
       "--fail-on; 1 problems found; 2 usage error; 3 a file cannot be read (missing,\n"
       "unreadable, undecodable); 4 system error (write failed, out of memory).\n");

typedef struct opts {
    jz_filetype type;
    jz_encoding enc;
    jz_diag_format format;
    const char *output;
    long max_errors;
    jz_severity fail_on;
    int64_t max_day_minutes;
    int quiet;
} opts;

typedef jz_validate_file file_result;

/* One of jz-validate's own options (jz_cli_spec.option). */
static int option(void *ctx, int c, const char *arg, const char *name)
{
    opts *o = ctx;
    (void)name;
    switch (c) {
    case 't':
        if ((o->type = jz_filetype_parse(arg)) == JZ_FILE_UNKNOWN)
            return jz_cli_usage_error("--type '%s': use records, roster, contracts, scores, survey, findings, attendance or verification",
                                      arg);
        break;
    case 'm':
        if (!jz_cli_parse_long(arg, &o->max_errors))
            return jz_cli_usage_error("--max-errors '%s': give a whole number", arg);
        break;
    case 'F':
        if (strcmp(arg, "error") == 0) o->fail_on = JZ_ERROR;
        else if (strcmp(arg, "warning") == 0) o->fail_on = JZ_WARNING;
        else return jz_cli_usage_error("--fail-on '%s': use error or warning", arg);
        break;
    case 'H':
        if (!jz_hours_parse(arg, strlen(arg), &o->max_day_minutes) || o->max_day_minutes == 0 ||
            o->max_day_minutes > 24 * 60)
            return jz_cli_usage_error("--max-day-hours '%s': give hours between 0 and 24, e.g. 12", arg);
        break;
    case 'q': o->quiet = 1; break;
    default: break;  /* a common option (jz_cli_common) */
    }
    return -1;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"type", required_argument, NULL, 't'},
        {"max-errors", required_argument, NULL, 'm'}, {"fail-on", required_argument, NULL, 'F'},
        {"max-day-hours", required_argument, NULL, 'H'}, {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    /* in the order of jz_diag_format */
    static const char *const formats[] = {[JZ_DIAG_TEXT] = "text", [JZ_DIAG_CSV] = "csv", [JZ_DIAG_JSON] = "json", NULL};
    const jz_cli_spec spec = {
        .usage = usage_text, .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_ENCODING,
        .formats = formats, .format_error = N_("--format '%s': use text, csv or json"),
        .shortopts = "t:m:q", .longopts = longopts, .option = option, .ctx = o};
    jz_cli_common c = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &c);
    o->enc = (jz_encoding)c.enc;
    o->format = (jz_diag_format)c.format_index;
    o->output = c.output;
    if (rc >= 0)
        return rc;
    if (optind >= argc)
        return jz_cli_usage_error("no input files: give one or more CSV files (- for standard input)");
    jz_cli_inputs in = {0};
    jz_cli_input_add_all(&in, (const char *const *)argv + optind, (size_t)(argc - optind));
    rc = jz_cli_inputs_check(&in);
    return rc ? rc : -1;
}

/* Contracts first, then rosters, then everything else, attendance lists last, so records
 * can be checked against the contracts and rosters, and lists against the records.
 * Stable within each group. */
static int rank(jz_filetype t)
{
    return t == JZ_FILE_CONTRACTS ? 0 : t == JZ_FILE_ROSTER ? 1 : t == JZ_FILE_ATTENDANCE ? 3 : 2;
}

typedef struct finish_ctx {
    jz_diag_fn fn;
    void *ctx;
    file_result *files;
    size_t n;
} finish_ctx;

static void count_by_file(void *ctx, const jz_diag_msg *m)
{
    finish_ctx *fc = ctx;
    for (size_t i = 0; i < fc->n; i++)
        if (strcmp(fc->files[i].path, m->file) == 0) {
            fc->files[i].count[m->sev]++;
            break;
        }
    if (fc->fn)
        fc->fn(fc->ctx, m);
}

/* Returns 0, or JZ_EXIT_SYSTEM (message printed) when memory ran out reading a file. */
static int check_all(const opts *o, file_result *files, size_t n, jz_diag *diag)
{
    int rc = 0;
    jz_roster roster;
    jz_contracts contracts;
    jz_roster_init(&roster);
    jz_contracts_init(&contracts);
    int have_roster = 0, have_contracts = 0;
    jz_validate_opts vo = {o->max_day_minutes, 15};
    bool lists = false;
    for (size_t i = 0; i < n; i++)
        lists |= files[i].type == JZ_FILE_ATTENDANCE;
    jz_validator *v = NULL;
    for (int pass = 0; pass < 4 && !rc; pass++) {
        for (size_t i = 0; i < n && !rc; i++) {
            file_result *fr = &files[i];
            if (rank(fr->type) != pass)
                continue;
            long before[3];
            memcpy(before, diag->count, sizeof before);
            jz_error err;
            jz_error_clear(&err);
            jz_code code;
            if (fr->type == JZ_FILE_CONTRACTS) {
                code = jz_contracts_load(&contracts, fr->path, o->enc, diag, &fr->info, &err);
                have_contracts = 1;
            } else if (fr->type == JZ_FILE_ROSTER) {
                code = jz_roster_load(&roster, fr->path, o->enc, diag, &fr->info, &err);
                have_roster = 1;
            } else {
                if (!v) {
                    v = jz_validator_new(&vo, have_roster ? &roster : NULL,
                                         have_contracts ? &contracts : NULL, diag);
                    if (lists)
                        jz_validator_keep_sessions(v);
                }
                code = jz_validator_file(v, fr->path, o->type, o->enc, &fr->info, &err);
                if (fr->info.type != JZ_FILE_UNKNOWN)
                    fr->type = fr->info.type;
            }
            (void)code;
            if (err.code == JZ_ENOMEM)
                rc = jz_cli_error(&err);  /* not a finding about the file: stop */
            else if (fr->info.unreadable) {
                jz_cli_error_diag(diag, &err, NULL, jz_rowsrc_is_workbook(fr->path) ? "bad-workbook" : "encoding");
                fr->unreadable = 1;
            }
            for (int s = 0; s < 3; s++)
                fr->count[s] = diag->count[s] - before[s];
        }
    }
    if (v && !rc) {
        /* participants-mismatch warnings belong to the records files they point at */
        finish_ctx fc = {diag->fn, diag->ctx, files, n};
        jz_diag fd;
        jz_diag_init(&fd, count_by_file, &fc);
        memcpy(fd.count, diag->count, sizeof fd.count);
        jz_validator_set_diag(v, &fd);
        jz_validator_finish(v);
        memcpy(diag->count, fd.count, sizeof fd.count);
    }
    jz_validator_free(v);
    jz_roster_free(&roster);
    jz_contracts_free(&contracts);
    return rc;
}

/* The summary in the format of the diagnostics (validate_write.h); nothing with --quiet
 * but the json object's end. */
static void print_summary(FILE *fp, const opts *o, const jz_validate_file *files, size_t n,
                          const jz_diag *diag, const jz_diag_printer *pr)
{
    static const char *const format_names[] = {[JZ_DIAG_TEXT] = "text", [JZ_DIAG_CSV] = "csv",
                                               [JZ_DIAG_JSON] = "json"};
    if (o->quiet && o->format != JZ_DIAG_JSON)
        return;
    jz_validate_summary sum = {files, n, diag->count, pr->suppressed, o->max_errors};
    jz_writer_find(jz_validate_summary_writers, format_names[o->format])
        ->write_to_file(o->format == JZ_DIAG_CSV ? stderr : fp, &sum);  /* keep standard output a clean CSV */
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    opts o = {JZ_FILE_UNKNOWN, JZ_ENC_AUTO, JZ_DIAG_TEXT, NULL, 0, JZ_ERROR, 12 * 60, 0};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    size_t n = (size_t)(argc - optind);
    jz_io io = {0};
    jz_io_inputs(&io, NULL, (const char *const *)argv + optind, n);
    jz_io_output(&io, "-o", o.output);
    if ((rc = jz_io_check(&io)))
        return rc;
    file_result *files = jz_xcalloc(n, sizeof *files);
    for (size_t i = 0; i < n; i++) {
        files[i].path = argv[optind + (int)i];
        files[i].type = o.type != JZ_FILE_UNKNOWN ? o.type : jz_table_peek(files[i].path, o.enc);
    }
    jz_out out;
    if (!jz_out_open(&out, o.output)) {
        free(files);
        return JZ_EXIT_SYSTEM;
    }
    jz_diag_printer pr = {.fp = out.fp, .format = o.format, .max = o.max_errors,
                          .min_sev = o.quiet ? JZ_WARNING : JZ_NOTE};
    jz_diag diag;
    jz_diag_init(&diag, jz_diag_print, &pr);
    if (o.format == JZ_DIAG_JSON)
        fputs("{\"schema\":\"jiazong-validate/1\",\"diagnostics\":", out.fp);
    jz_diag_printer_begin(&pr);
    if (check_all(&o, files, n, &diag)) {
        jz_out_abort(&out);
        free(files);
        return JZ_EXIT_SYSTEM;
    }
    if (o.format == JZ_DIAG_JSON)
        fputs(pr.printed ? "\n]" : "]", out.fp);
    else
        jz_diag_printer_end(&pr);
    print_summary(out.fp, &o, files, n, &diag, &pr);
    int unreadable = 0;
    for (size_t i = 0; i < n; i++)
        unreadable |= files[i].unreadable;
    free(files);
    if (!jz_out_commit(&out))
        return JZ_EXIT_SYSTEM;
    if (unreadable)
        return JZ_EXIT_INPUT;
    long failing = diag.count[JZ_ERROR] + (o.fail_on == JZ_WARNING ? diag.count[JZ_WARNING] : 0);
    return failing ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
}
