/* jz-days — working days in mainland China: add, count, is, schedule. See jz-days(1).
 * Options and orchestration only; the calendar itself is in src/lib/model/calendar.c, the
 * formats in src/lib/write/calendar_write.c. */
#include "jz/calendar_write.h"
#include "jz/cli.h"
#include "jz/text.h"
#include "jz/diag.h"
#include "jz/emit.h"
#include "jz/error.h"
#include "jz/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define BUNDLED "calendar/cn-holidays.csv"
#define DATE_FORMS "YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or an Excel serial day number"

static const char usage_text[] =
    N_("usage: jz-days [--calendar FILE] [--assume-regular-weeks] [--format text|json|csv]\n"
       "               [-o FILE] COMMAND ARGS\n"
       "\n"
       "commands:\n"
       "  add DATE N            the date N working days after DATE (N<0: before);\n"
       "                        the start day is not counted, N=0 gives DATE\n"
       "  count FROM TO         working days from FROM to TO inclusive (0 if FROM > TO)\n"
       "  is DATE...            working day or not, and why\n"
       "  schedule VISIT-DATE   the evaluation timetable around a site visit\n"
       "\n"
       "options (before COMMAND):\n"
       "  --calendar FILE          holiday file (default: the bundled calendar/cn-holidays.csv)\n"
       "  --assume-regular-weeks   a year the calendar does not cover is a Mon-Fri week\n"
       "  -f, --format FMT         output format: text (default), json or csv\n"
       "  -o, --output FILE        write to FILE, replaced only on success\n"
       "  -h, --help               show this help\n"
       "  -V, --version            show the version\n"
       "  --sheet NAME|N           .xlsx inputs: the sheet to read (default: the first)\n"
       "  --lang zh|en             messages in Chinese or English (over LANG)\n"
       "\n"
       "Dates: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or an Excel serial day number.\n"
       "Exit status: 0 ok; 1 'is' was given a date that is not a working day; 2 usage;\n"
       "3 calendar invalid or unreadable, or a year it does not cover; 4 write error.\n");

enum format { FMT_TEXT, FMT_JSON, FMT_CSV };
static const char *const format_names[] = {"text", "json", "csv", NULL};  /* rows of the writer tables */

typedef struct ctx {
    const char *calendar;    /* --calendar, NULL for the bundled one */
    bool assume_regular;
    enum format format;
    const char *output;      /* -o, NULL for stdout */
    jz_calendar *cal;        /* loaded by need_calendar() */
} ctx;

static const char *option_hint(const char *arg)
{
    return arg[0] == '-' && arg[1] == '-' ? " (options go before COMMAND)" : "";
}

static bool arg_date(const char *arg, const char *name, jz_day *out)
{
    if (jz_date_parse(arg, strlen(arg), out))
        return true;
    jz_cli_usage_error("bad date '%s' for %s: use %s%s", arg, name, DATE_FORMS, option_hint(arg));
    return false;
}

static bool arg_count(const char *arg, const char *name, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    bool starts_ok = arg[0] == '-' || arg[0] == '+' || (arg[0] >= '0' && arg[0] <= '9');
    if (starts_ok && errno == 0 && end != arg && *end == '\0') {
        *out = v;
        return true;
    }
    jz_cli_usage_error("bad number '%s' for %s: give a whole number of working days, "
                       "like 10 or -10%s", arg, name, option_hint(arg));
    return false;
}

/* Load the calendar (once the arguments are known to be good). */
static int need_calendar(ctx *c)
{
    char *bundled = NULL;
    const char *path = c->calendar;
    if (!path && !(path = bundled = jz_cli_data_path(BUNDLED))) {
        jz_cli_warn("cannot find the bundled calendar %s; set JIAZONG_DATADIR or give "
                    "--calendar FILE", BUNDLED);
        return JZ_EXIT_INPUT;
    }
    jz_error err;
    jz_error_clear(&err);
    c->cal = jz_calendar_load(path, &err);
    free(bundled);
    if (!c->cal)
        return jz_cli_error(&err);
    jz_calendar_set_assume_regular(c->cal, c->assume_regular);
    return JZ_EXIT_OK;
}

/* Write doc in the format asked, from table; status unless writing failed. */
static int write_out(const ctx *c, const jz_writer *table, const void *doc, int status)
{
    jz_out out;
    if (!jz_out_open(&out, c->output))
        return JZ_EXIT_SYSTEM;
    jz_writer_find(table, format_names[c->format])->write_to_file(out.fp, doc);
    return jz_out_commit(&out) ? status : JZ_EXIT_SYSTEM;
}

static int cmd_add(ctx *c, int argc, char **argv)
{
    (void)argc;
    jz_day from, to;
    long n;
    if (!arg_date(argv[0], "DATE", &from) || !arg_count(argv[1], "N", &n))
        return JZ_EXIT_USAGE;
    int rc = need_calendar(c);
    jz_error err;
    if (rc || jz_calendar_add_working(c->cal, from, n, &to, &err))
        return rc ? rc : jz_cli_error(&err);
    jz_days_add_doc doc = {from, to, n};
    return write_out(c, jz_days_add_writers, &doc, JZ_EXIT_OK);
}

static int cmd_count(ctx *c, int argc, char **argv)
{
    (void)argc;
    jz_day from, to;
    long n;
    if (!arg_date(argv[0], "FROM", &from) || !arg_date(argv[1], "TO", &to))
        return JZ_EXIT_USAGE;
    int rc = need_calendar(c);
    jz_error err;
    if (rc || jz_calendar_count(c->cal, from, to, &n, &err))
        return rc ? rc : jz_cli_error(&err);
    jz_days_count_doc doc = {from, to, n};
    return write_out(c, jz_days_count_writers, &doc, JZ_EXIT_OK);
}

/* Answer every date before printing any, so a bad one leaves no partial output. */
static int judge_all(ctx *c, int argc, char **argv, jz_days_verdict *v)
{
    for (int i = 0; i < argc; i++)
        if (!arg_date(argv[i], "DATE", &v[i].day))
            return JZ_EXIT_USAGE;
    int rc = need_calendar(c);
    jz_error err;
    for (int i = 0; rc == 0 && i < argc; i++)
        if ((v[i].working = jz_calendar_is_working(c->cal, v[i].day, &v[i].reason, &err)) < 0)
            rc = jz_cli_error(&err);
    return rc;
}

static int cmd_is(ctx *c, int argc, char **argv)
{
    jz_days_verdict *v = jz_xcalloc((size_t)argc, sizeof *v);
    int rc = judge_all(c, argc, argv, v);
    int status = JZ_EXIT_OK;
    for (int i = 0; !rc && i < argc; i++)
        if (!v[i].working)
            status = JZ_EXIT_FINDINGS;
    jz_days_is_doc doc = {v, (size_t)argc};
    if (!rc)
        rc = write_out(c, jz_days_is_writers, &doc, status);
    free(v);
    return rc;
}

/* The evaluation timetable: each step is `offset` working days from step `base`. */
static const jz_days_step steps[] = {
    {"self_evaluation_due", N_("self-evaluation due"), -10, 2},
    {"evaluators_review", N_("evaluators' review"), -5, 2},
    {"site_visit", N_("site visit"), 0, 2},
    {"report_due", N_("report due"), 20, 2},
    {"feedback_due", N_("feedback due"), 5, 3},
};
#define NSTEPS (sizeof steps / sizeof steps[0])
#define VISIT 2

/* Compute every step's date; warn when the visit itself is not on a working day. */
static int plan(ctx *c, jz_day visit, jz_day *day)
{
    jz_error err;
    const char *why;
    int w = jz_calendar_is_working(c->cal, visit, &why, &err);
    if (w < 0)
        return jz_cli_error(&err);
    if (!w) {
        char d[11];
        char r[256];
        jz_cli_warn("warning: the visit date %s is not a working day (%s)",
                    jz_date_format(visit, d), jz_days_reason_text(why, r, sizeof r));
    }
    day[VISIT] = visit;
    for (size_t i = 0; i < NSTEPS; i++)
        if (i != VISIT &&
            jz_calendar_add_working(c->cal, day[steps[i].base], steps[i].offset, &day[i], &err))
            return jz_cli_error(&err);
    return JZ_EXIT_OK;
}

static int cmd_schedule(ctx *c, int argc, char **argv)
{
    (void)argc;
    jz_day visit, day[NSTEPS];
    if (!arg_date(argv[0], "VISIT-DATE", &visit))
        return JZ_EXIT_USAGE;
    int rc = need_calendar(c);
    if (rc || (rc = plan(c, visit, day)))
        return rc;
    jz_days_schedule_doc doc = {visit, steps, day, NSTEPS, VISIT};
    return write_out(c, jz_days_schedule_writers, &doc, JZ_EXIT_OK);
}

static const struct command {
    const char *name, *args;
    int min, max;
    int (*run)(ctx *c, int argc, char **argv);
} commands[] = {
    {"add", "DATE N", 2, 2, cmd_add},
    {"count", "FROM TO", 2, 2, cmd_count},
    {"is", "DATE...", 1, INT_MAX, cmd_is},
    {"schedule", "VISIT-DATE", 1, 1, cmd_schedule},
};

static int run_command(ctx *c, int argc, char **argv)
{
    if (argc == 0)
        return jz_cli_usage_error("no command: give add, count, is or schedule");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const struct command *cmd = &commands[i];
        if (strcmp(argv[0], cmd->name) != 0)
            continue;
        if (argc - 1 < cmd->min || argc - 1 > cmd->max)
            return jz_cli_usage_error("%s takes %s (got %d argument%s)", cmd->name, cmd->args,
                                      argc - 1, argc == 2 ? "" : "s");
        return cmd->run(c, argc - 1, argv + 1);
    }
    return jz_cli_usage_error("unknown command '%s': give add, count, is or schedule", argv[0]);
}

/* Parse options into c; returns -1 to go on, else the exit status. The options stop at
 * COMMAND, so "add 2025-10-13 -10" keeps its negative number. */
static int parse_options(ctx *c, int argc, char **argv)
{
    const jz_cli_spec spec = {
        .usage = usage_text, .common = JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_CALENDAR,
        .formats = format_names, .format_error = N_("bad --format '%s': give text, json or csv"),
        .in_order = true};
    jz_cli_common common = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &common);
    c->calendar = common.calendar;
    c->assume_regular = common.assume_regular;
    c->format = (enum format)common.format_index;
    c->output = common.output;
    return rc;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    if (jz_cli_lang(&argc, argv))
        return JZ_EXIT_USAGE;
    ctx c = {0};
    int rc = parse_options(&c, argc, argv);
    if (rc >= 0)
        return rc;
    jz_io io = {0};
    jz_io_bundled(&io, "--calendar", c.calendar, "calendar/cn-holidays.csv");
    jz_io_output(&io, "-o", c.output);
    if ((rc = jz_io_check(&io)))
        return rc;
    rc = run_command(&c, argc - optind, argv + optind);
    jz_calendar_free(c.cal);
    return rc;
}
