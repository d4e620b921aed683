/* cli_opts.c — see include/jz/cli.h (jz_cli_parse): the one option loop of every tool,
 * the common options in one place and the tool's own handed to its callback. */
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/rowsrc.h"
#include "jz/text.h"
#include "jz/writer.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* The common options: long name, argument, code, the JZ_CLI_* that brings it (0: always). */
static const struct common_opt {
    const char *name;
    int has_arg, code;
    unsigned flag;
} commons[] = {
    {"help", no_argument, 'h', 0},
    {"version", no_argument, 'V', 0},
    {"output", required_argument, 'o', JZ_CLI_OUTPUT},
    {"format", required_argument, 'f', JZ_CLI_FORMAT},
    {"encoding", required_argument, 'e', JZ_CLI_ENCODING},
    {"centre", required_argument, 'C', JZ_CLI_CENTRE},
    {"calendar", required_argument, JZ_CLI_OPT_CALENDAR, JZ_CLI_CALENDAR},
    {"assume-regular-weeks", no_argument, JZ_CLI_OPT_ASSUME, JZ_CLI_CALENDAR},
};
#define NCOMMONS (sizeof commons / sizeof commons[0])

/* The getopt tables of spec: the tool's own options and then the common ones it takes. */
typedef struct tables {
    char shortopts[128];
    struct option *longopts;
} tables;

static void build(const jz_cli_spec *spec, tables *t)
{
    size_t nown = 0;
    while (spec->longopts && spec->longopts[nown].name)
        nown++;
    t->longopts = jz_xcalloc(nown + NCOMMONS + 1, sizeof *t->longopts);
    if (nown)
        memcpy(t->longopts, spec->longopts, nown * sizeof *t->longopts);
    /* '+': stop at the first operand; ':': a missing argument is told apart (we print) */
    snprintf(t->shortopts, sizeof t->shortopts, "%s:%s", spec->in_order ? "+" : "",
             spec->shortopts ? spec->shortopts : "");
    size_t n = nown, k = strlen(t->shortopts);
    for (size_t i = 0; i < NCOMMONS; i++) {
        const struct common_opt *c = &commons[i];
        if (c->flag && !(spec->common & c->flag))
            continue;
        t->longopts[n++] = (struct option){c->name, c->has_arg, NULL, c->code};
        if (c->code < 256 && k + 3 < sizeof t->shortopts) {
            t->shortopts[k++] = (char)c->code;
            if (c->has_arg)
                t->shortopts[k++] = ':';
        }
    }
    t->shortopts[k] = '\0';
}

/* -f WORD: stored if spec knows it (or takes any word); else the usage error. */
static int set_format(const jz_cli_spec *spec, const char *arg, jz_cli_common *common)
{
    int i = 0;
    if (spec->formats)
        i = jz_cli_choice(arg, spec->formats);
    else if (spec->writers && !jz_writer_find(spec->writers, arg))
        i = -1;
    if (i < 0) {
        /* the tool's own message (a literal marked N_() where the tool defines it) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        return jz_cli_usage_error(spec->format_error, arg);
#pragma GCC diagnostic pop
    }
    common->format = arg;
    common->format_index = i;
    return -1;
}

/* Store one common option; -1 to go on, else the exit status. */
static int set_common(const jz_cli_spec *spec, int c, const char *arg, jz_cli_common *common)
{
    switch (c) {
    case 'h': return jz_cli_help(spec->usage, !spec->no_examples);
    case 'V': jz_cli_version(); return jz_cli_stdout_ok() ? JZ_EXIT_OK : JZ_EXIT_SYSTEM;
    case 'o': common->output = arg; return -1;
    case 'f': return set_format(spec, arg, common);
    case 'e': return jz_cli_encoding(arg, &common->enc) ? JZ_EXIT_USAGE : -1;
    case 'C':
        common->centres = jz_xrealloc(common->centres, (common->ncentres + 1) * sizeof *common->centres);
        common->centres[common->ncentres++] = arg;
        return -1;
    case JZ_CLI_OPT_CALENDAR: common->calendar = arg; return -1;
    case JZ_CLI_OPT_ASSUME: common->assume_regular = true; return -1;
    default: return -1;  /* not a common option (is_common said it is) */
    }
}

static bool is_common(const jz_cli_spec *spec, int c)
{
    for (size_t i = 0; i < NCOMMONS; i++)
        if (commons[i].code == c)
            return !commons[i].flag || (spec->common & commons[i].flag);
    return false;
}

/* getopt's '?' and ':' as a usage error: the option as written. */
static int bad_option(int c, char **argv)
{
    const char *a = argv[optind - 1];
    if (c == ':')
        return jz_cli_usage_error("option '%s' needs an argument", a);
    if (optopt && strncmp(a, "--", 2) != 0)
        return jz_cli_usage_error("unknown option '-%c'", optopt);
    return jz_cli_usage_error("unknown option '%s'", a);
}

int jz_cli_parse(const jz_cli_spec *spec, int argc, char **argv, jz_cli_common *common)
{
    tables t;
    build(spec, &t);
    int c, idx, rc = -1;
    opterr = 0;
    optind = 0;  /* 0, not 1: getopt starts afresh (a second parse, the '+' of this one) */
    while (rc < 0 && (idx = -1, c = getopt_long(argc, argv, t.shortopts, t.longopts, &idx)) != -1) {
        if (c == '?' || c == ':') {
            rc = bad_option(c, argv);
            break;
        }
        char name[64];
        if (idx >= 0)
            snprintf(name, sizeof name, "--%s", t.longopts[idx].name);
        else
            snprintf(name, sizeof name, "-%c", c);
        if (is_common(spec, c) && (rc = set_common(spec, c, optarg, common)) >= 0)
            break;
        if (spec->option)
            rc = spec->option(spec->ctx, c, optarg, name);
    }
    free(t.longopts);
    return rc;
}

void jz_cli_common_free(jz_cli_common *common)
{
    free(common->centres);
    common->centres = NULL;
    common->ncentres = 0;
}

int jz_cli_help(const char *usage, bool examples)
{
    fputs(_(usage), stdout);
    if (examples)
        jz_cli_examples(stdout);
    return jz_cli_stdout_ok() ? JZ_EXIT_OK : JZ_EXIT_SYSTEM;
}
