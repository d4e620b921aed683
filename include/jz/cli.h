/* cli.h — what every tool's front end shares: output files written atomically,
 * --version text, usage errors, stdout checked at exit.
 *
 * Promise: tools call these instead of fopen/err so the conventions hold everywhere:
 * `-o FILE` is written to a temp file beside FILE and renamed only on success; "-" or
 * NULL means stdout. Functions that can fail return false and print one line
 * "PROG: message" on stderr; the caller maps that to exit 4 (system error).
 */
#ifndef JZ_CLI_H
#define JZ_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "jz/calendar.h"
#include "jz/error.h"
#include "jz/rules.h"

typedef struct jz_out {
    FILE *fp;         /* write here */
    char *path;       /* final path, NULL for stdout */
    char *tmp;        /* temp path, NULL for stdout */
} jz_out;

/* The program name used in messages (set once from argv[0] by jz_cli_init). */
extern const char *jz_prog;

/* Remember argv[0]'s base name as jz_prog. */
void jz_cli_init(const char *argv0);

/* Print "PROG (jiazong) VERSION" and the licence line to stdout. */
void jz_cli_version(void);

/* Print "PROG: message" and "Try 'PROG --help'." on stderr; returns 2 (JZ_EXIT_USAGE). */
int jz_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROG: message" on stderr. */
void jz_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open output: path NULL or "-" -> stdout; otherwise a temp file in the same directory.
 * binary selects "wb". Returns false (message printed) on failure. */
bool jz_out_open(jz_out *out, const char *path);

/* Flush, check for write errors, fsync-free rename of the temp file onto the final path.
 * Returns false (message printed, temp removed) on any failure. Frees out's strings. */
bool jz_out_commit(jz_out *out);

/* Remove the temp file without publishing it (on error paths). Safe to call twice. */
void jz_out_abort(jz_out *out);

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

/* Print an input error as "PROG: file:line:col: error: message" (the parts it has) and
 * return 3 (JZ_EXIT_INPUT), or 4 (JZ_EXIT_SYSTEM) for JZ_ENOMEM. */
int jz_cli_input_error(const jz_error *err);

/* Load the contract rules from path, or from the bundled rules/guangzhou-hours.yaml when
 * path is NULL. Returns JZ_OK or the error (err filled). */
jz_code jz_cli_load_rules(jz_rules *rules, const char *path, jz_error *err);

/* Load the holiday calendar from path, or the bundled calendar/cn-holidays.csv when path
 * is NULL; assume_regular as jz_calendar_set_assume_regular. NULL with err on failure. */
jz_calendar *jz_cli_load_calendar(const char *path, bool assume_regular, jz_error *err);

#endif
