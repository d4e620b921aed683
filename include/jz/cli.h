/* cli.h — what every tool's front end shares: the option loop with the common options
 * (jz_cli_parse, src/cli/cli_opts.c), output files written atomically, the
 * check that no output is also an input (jz_io), --version text, usage errors, warnings,
 * option-value parsing (numbers, encodings, word choices), bundled data paths, the
 * library-error printer, stdout checked at exit (src/cli/cli.c, cli_out.c).
 *
 * Promise: tools call these instead of fopen/err so the conventions hold everywhere:
 * `-o FILE` is written to a temp file beside FILE and renamed only on success (all the
 * outputs of a run together, or none); "-" or NULL means stdout; an output that is one of
 * the run's inputs is refused before anything is read (src/cli/cli_out.c). Functions that can fail return false and print one line
 * "PROG: message" on stderr; the caller maps that to exit 4 (system error).
 */
#ifndef JZ_CLI_H
#define JZ_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "jz/calendar.h"
#include "jz/diag.h"
#include "jz/error.h"
#include "jz/rules.h"

typedef struct jz_out {
    FILE *fp;         /* write here */
    char *path;       /* the path as given (for messages), NULL for stdout */
    char *target;     /* path with its symbolic links followed: what is replaced */
    char *tmp;        /* temp path, NULL for stdout and for a target written in place */
    char *spool;      /* jz_out_by_name's file for a target written in place, or NULL */
    int slot;         /* in the table of pending temp files, -1 for none */
    bool direct;      /* a device, FIFO or socket: written in place, never renamed over */
    bool existed;     /* the target was a regular file: its mode and owner are kept */
    bool failed;      /* this output could not be written */
    unsigned mode;    /* mode the file gets (the old file's, or 0666 & ~umask) */
    unsigned uid, gid;
} jz_out;

/* The run's inputs and outputs, to refuse an output that would replace an input (see
 * jz_io_check). Zero-initialise; the strings are borrowed (argv's). */
typedef struct jz_io {
    struct jz_io_path *in, *out;
    size_t nin, nout;
} jz_io;

/* The program name used in messages (set once from argv[0] by jz_cli_init). */
extern const char *jz_prog;

/* ---- the options every tool shares (src/cli/cli_opts.c) ----
 * jz_cli_parse is every tool's option loop: it knows the common options (below), and
 * hands each of the tool's own options to the tool's callback. One meaning per letter in
 * every tool: -h --help, -V --version, -o --output FILE, -f --format FMT, -e --encoding ENC,
 * -C --centre ID (repeatable), --calendar FILE with --assume-regular-weeks; -r is
 * --rubric and -R --roster wherever a tool has them; --rules FILE is long only. --lang,
 * --sheet, --bom/--no-bom are taken out before (jz_cli_lang). */

/* Which common options a tool takes, besides -h and -V (every tool has those). */
enum {
    JZ_CLI_OUTPUT = 1u << 0,    /* -o, --output FILE */
    JZ_CLI_FORMAT = 1u << 1,    /* -f, --format FMT */
    JZ_CLI_ENCODING = 1u << 2,  /* -e, --encoding ENC */
    JZ_CLI_CENTRE = 1u << 3,    /* -C, --centre ID, may be repeated */
    JZ_CLI_CALENDAR = 1u << 4,  /* --calendar FILE and --assume-regular-weeks */
};

/* The codes the callback sees for the long-only common options (the others are their
 * letters); a tool's own long-only options use codes from 256 up to 999. */
enum { JZ_CLI_OPT_CALENDAR = 1000, JZ_CLI_OPT_ASSUME };

/* The values of the common options. Zero-initialise; jz_cli_common_free frees the list. */
typedef struct jz_cli_common {
    const char *output;       /* -o, NULL for standard output */
    const char *format;       /* -f as given (checked, see jz_cli_spec), NULL if not given */
    int format_index;         /* its index in spec->formats; 0 if not given */
    int enc;                  /* -e: a jz_encoding (JZ_ENC_AUTO if not given) */
    const char **centres;     /* -C in the order given (argv's strings; the array malloc'd) */
    size_t ncentres;
    const char *calendar;     /* --calendar, NULL for the bundled one */
    bool assume_regular;      /* --assume-regular-weeks */
} jz_cli_common;

/* A tool's options. */
typedef struct jz_cli_spec {
    const char *usage;        /* the tool's usage text: --help prints _(usage), then its examples */
    bool no_examples;         /* --help prints no jz_cli_examples (a sub-command's help) */
    unsigned common;          /* the JZ_CLI_* it takes */
    const char *const *formats;   /* the words -f takes (NULL-terminated), or NULL */
    const struct jz_writer *writers; /* or: -f names a row of this writer table; neither: any word */
    const char *format_error;     /* with formats or writers: the usage error for another
                               * word, one %s; mark it N_() */
    const char *shortopts;    /* the tool's own short options, e.g. "c:R:a:" */
    const struct option *longopts; /* the tool's own long options ({0}-terminated), or NULL */
    /* Called for each of the tool's own options, in order, and after each common option
     * has been stored (then c is its letter or JZ_CLI_OPT_*; return -1 if it is not of
     * interest). name is the option as written ("--per" or "-p"). Returns -1 to go on, or
     * the exit status (a usage error printed: 2). */
    int (*option)(void *ctx, int c, const char *arg, const char *name);
    void *ctx;
    bool in_order;            /* stop at the first operand (a command word, whose own
                               * arguments may start with '-') */
} jz_cli_spec;

/* Parse argv by spec into common (and the tool's own options through spec->option).
 * Returns -1 to go on, optind at the first operand; or the exit status to end with: 0
 * after --help or --version was printed (4 if standard output could not be written), 2
 * after a usage error was printed with the hint to try --help (an unknown option, a
 * missing argument, a bad -f or -e word, or the callback's). Never exits. */
int jz_cli_parse(const jz_cli_spec *spec, int argc, char **argv, jz_cli_common *common);

/* Free what jz_cli_parse allocated in common (the -C list). */
void jz_cli_common_free(jz_cli_common *common);

/* --help: print _(usage) and the examples of jz_prog's man page (examples false: none) to
 * standard output; returns 0, or 4 if standard output could not be written. */
int jz_cli_help(const char *usage, bool examples);

/* Remember argv[0]'s base name as jz_prog, then jz_cli_start(). Every tool calls it first. */
void jz_cli_init(const char *argv0);

/* Every tool's --lang zh|en (or --lang=zh): the language of messages, over the
 * environment's (i18n.h). Taken out of argv (argc lowered) before the tool's own options
 * are parsed, wherever it stands before a "--"; so "--lang" cannot be the value of another
 * option. 0, or 2 after a usage error (a missing or unknown language).
 * Every tool's --sheet NAME|N (or --sheet=NAME) is taken out the same way: the sheet of
 * every workbook (.xlsx) input the tool reads (jz_rowsrc_set_sheet); without it, the
 * first visible worksheet. */
int jz_cli_lang(int *argc, char **argv);
/* The same pass takes out --bom and --no-bom, every tool's choice of a UTF-8 byte-order
 * mark at the start of the CSV it writes (so that Excel on Chinese Windows opens it
 * ungarbled): --bom puts one on each output named *.csv, and on standard output when the
 * run's -f/--format is csv; --no-bom on none; without either, an output named *.csv gets
 * one when messages are in Chinese (jz_out_open writes it). jz_cli_set_bom is how the pass
 * tells jz_out_open (mode 1, 0 or -1 for neither; csv: the format is csv). */
void jz_cli_set_bom(int mode, bool csv);

/* Make the process safe for writing outputs: any of fds 0, 1, 2 that is closed is opened
 * onto /dev/null (so a temp file can never become standard input, output or error);
 * SIGINT, SIGTERM and SIGHUP (unless ignored when we started) remove the pending temp
 * files and then end the process by the same signal, default action; the umask is read. */
void jz_cli_start(void);

/* The end of every --help: two or three examples of the program named jz_prog, each a
 * command of its man page's EXAMPLES (src/cli/cli_examples.c). */
void jz_cli_examples(FILE *fp);

/* Print "PROG (jiazong) VERSION" and the licence line to stdout. */
void jz_cli_version(void);

/* Print "PROG: message" and "Try 'PROG --help'." on stderr; returns 2 (JZ_EXIT_USAGE). */
int jz_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROG: message" on stderr. */
void jz_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open output: path NULL or "-" -> stdout. A symbolic link is followed (the file it names
 * is replaced, the link stays). A device, FIFO or socket is opened and written in place.
 * Otherwise a temp file "BASE.tmpXXXXXX" in the target's directory (BASE shortened when
 * the name would pass NAME_MAX), registered for removal on a signal. The final file keeps
 * an existing file's mode (and owner and group where allowed); a new file gets
 * 0666 & ~umask. Returns false (message printed) on failure. */
bool jz_out_open(jz_out *out, const char *path);

/* For a writer that opens its file by name itself (libxlsxwriter), instead of out->fp:
 * the temp file (out->fp is closed), or for a device or FIFO a spool file in $TMPDIR that
 * commit copies into it (a FIFO cannot be opened twice). NULL for stdout, or on failure
 * (message printed). The writer closes the file before commit. */
const char *jz_out_by_name(jz_out *out);

/* Commit outputs together: each is flushed and closed (fp may be NULL when the writer
 * closed it) and, only if every one succeeded, each temp file is renamed onto its target
 * in order; otherwise every temp file is removed and none is published (a target written
 * in place has had its bytes already). Messages printed; false on any failure. Frees the
 * outs' strings; each out may then be aborted or committed again harmlessly. */
bool jz_out_commit_all(jz_out *const *outs, size_t n);

/* jz_out_commit_all of one output. */
bool jz_out_commit(jz_out *out);

/* Remove the temp file without publishing it (on error paths). Safe to call twice. */
void jz_out_abort(jz_out *out);

/* Note an input of the run (opt: the option that named it, "--contracts", or NULL for an
 * operand; path NULL is ignored; "-" is standard input). */
void jz_io_input(jz_io *io, const char *opt, const char *path);
void jz_io_inputs(jz_io *io, const char *opt, const char *const *paths, size_t n);
/* An input that defaults to a bundled data file (rel as jz_cli_data_path) when given is NULL. */
void jz_io_bundled(jz_io *io, const char *opt, const char *given, const char *rel);
/* Note an output ("-o", path); NULL and "-" (stdout) are ignored. */
void jz_io_output(jz_io *io, const char *opt, const char *path);

/* Before anything is read: refuse (usage error, exit 2) an output that is the same file
 * as one of the inputs (same device and inode, so "./x.csv", "x.csv", a hard link or a
 * symbolic link are all caught), or as another output. A device or FIFO output is never
 * replaced and is not refused. Returns 0 or 2 (message printed); frees io's lists. */
int jz_io_check(jz_io *io);

/* Check stdout for write errors (a full disk) before exit; returns false and prints
 * a message if writing failed. */
bool jz_cli_stdout_ok(void);

/* Parse a non-negative int option value; false if not a plain number. */
bool jz_cli_parse_long(const char *s, long *out);

/* Path of a shipped data file ("rules/guangzhou-hours.yaml"): $JIAZONG_DATADIR/rel if
 * set; else the first that exists of the build-time share directory (JZ_DATADIR), the
 * executable's ../share/jiazong (an install under any prefix), the source tree's
 * rubrics/ seen from build/bin or build/asan/bin, and ./rubrics. Returns a malloc'd path
 * (caller frees) or NULL. */
char *jz_cli_data_path(const char *rel);

/* --encoding: "auto", "utf-8"/"utf8", "gb18030"/"gbk" into *out (a jz_encoding). Returns 0,
 * or prints the usage error and returns 2 (JZ_EXIT_USAGE). */
int jz_cli_encoding(const char *arg, int *out);

/* Index of arg in a NULL-terminated list of words, or -1. */
int jz_cli_choice(const char *arg, const char *const *words);

/* The one printer of a library error, in every tool: "PROG: file:line:col: error: message"
 * with the parts it has (file:line, file, or none: "PROG: error: message"), control
 * characters escaped. Returns jz_error_exit(err): 3 for an input invalid or unreadable,
 * 4 for a write failure or out of memory, 2 for JZ_EUSAGE. */
int jz_cli_error(const jz_error *err);

/* Load the contract rules from path, or from the bundled rules/guangzhou-hours.yaml when
 * path is NULL. Returns JZ_OK or the error (err filled). */
/* The same error for a tool whose output is the run's diagnostics (jz-validate, jz-rubric
 * lint): one error diagnostic at err's file (file when err names none), line and column,
 * code "unreadable" for a file that cannot be read (JZ_EREAD), else invalid_code.
 * Returns jz_error_exit(err). */
int jz_cli_error_diag(jz_diag *diag, const jz_error *err, const char *file, const char *invalid_code);

jz_code jz_cli_load_rules(jz_rules *rules, const char *path, jz_error *err);

/* Load the holiday calendar from path, or the bundled calendar/cn-holidays.csv when path
 * is NULL; assume_regular as jz_calendar_set_assume_regular. NULL with err on failure. */
jz_calendar *jz_cli_load_calendar(const char *path, bool assume_regular, jz_error *err);

#endif
