/* jz-rubric — lint, show, diff and test scoring rubrics. See jz-rubric(1).
 * Options and orchestration only: the checks and the diff are in src/lib/engine/rubric_check.c,
 * the show and diff output in src/lib/write/rubric_write.c, the scoring in src/lib/engine/score.c. */
#include "jz/calendar.h"
#include "jz/cli.h"
#include "jz/cli_input.h"
#include "jz/rubric_write.h"
#include "jz/score.h"
#include "jz/table.h"
#include "jz/text.h"

#include <dirent.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] =
    "Usage: jz-rubric lint [--contracts FILE] [-o FILE] RUBRIC...\n"
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
    "\n"
    "Exit status: 0 clean, identical or all cases pass; 1 warnings, differences or a\n"
    "failed case; 2 usage error; 3 invalid rubric or fixture (nothing checked); 4 system\n"
    "error.\n";

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

static void free_columns(columns *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
}

/* The target_<name> columns of a contracts file's header (the rows are not read). */
static int contract_columns(const char *path, columns *out)
{
    jz_error err;
    jz_error_clear(&err);
    jz_csv *csv = jz_csv_open(path, JZ_ENC_AUTO, NULL, &err);
    if (!csv)
        return jz_cli_error(&err);
    jz_row row;
    int rc = jz_csv_next(csv, &row, &err);
    jz_header h;
    memset(&h, 0, sizeof h);
    if (rc > 0 && (jz_header_detect(&row) != JZ_FILE_CONTRACTS || !jz_header_map(&h, JZ_FILE_CONTRACTS, &row, path, NULL)))
        rc = 0, jz_error_set(&err, JZ_EINPUT, path, row.line, 0, "not a contracts file: its header does not "
                             "start with contract (合同编号) or lacks a required column (jz-validate says which)");
    else if (rc == 0)
        jz_error_set(&err, JZ_EINPUT, path, 0, 0, "the file is empty: a contracts file starts with its header");
    if (rc > 0) {
        out->v = jz_xcalloc(h.ntargets ? h.ntargets : 1, sizeof *out->v);
        for (out->n = 0; out->n < h.ntargets; out->n++)
            out->v[out->n] = jz_xstrdup(h.target_names[out->n]);
    }
    jz_header_free(&h);
    jz_csv_close(csv);
    return rc > 0 ? 0 : jz_cli_error(&err);
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
        jz_diag_emit(diag, JZ_ERROR, err.file[0] ? err.file : path, err.line, err.col, "",
                     err.code == JZ_EIO ? "unreadable" : "invalid-rubric", "%s", err.msg);
        return jz_error_exit(&err);
    }
    if ((rc = refuse_extended(o, &r))) {
        jz_rubric_free(&r);
        return rc;
    }
    long notes = diag->count[JZ_NOTE];
    long warnings = jz_rubric_lint(&r, lo, diag);
    notes = diag->count[JZ_NOTE] - notes;
    fprintf(fp, "%s: rubric %s version %s, %zu indicators: %ld warning%s, %ld note%s\n",
            strcmp(path, "-") == 0 ? "<stdin>" : jz_text_show(path), jz_text_show(r.id), jz_text_show(r.version),
            count_indicators(&r.root), warnings, warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
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

/* ---- test: one fixture case ---- */

typedef struct fixture {
    char *dir;                  /* the case's folder */
    const jz_rubric *rubric;
    jz_day as_of;               /* cmd-args */
    char *centre, *rules_path, *calendar_path;
    bool assume_regular;
    jz_rules rules;
    jz_calendar *cal;
    jz_contracts contracts;
    jz_roster roster;
    bool have_roster;
    jz_scorer *scorer;
    jz_diag diag;               /* input problems, printed on stderr */
    jz_diag_printer pr;
    const char *file;           /* being read */
    char *paths[6];             /* the files read: the scorer may keep pointers to them */
    size_t npaths;
    long bad_rows;
    FILE *fp;                   /* the case's mismatch lines */
    long failures, compared;
    char why[1200];             /* what makes the case invalid */
} fixture;

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = jz_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = jz_xmalloc(4097);
    size_t n = fread(buf, 1, 4096, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

/* A case problem (not a failed comparison): kept for the case's INVALID line; returns 3. */
static int bad_case(fixture *f, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad_case(fixture *f, const char *file, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(f->why, sizeof f->why, "%s%s%s", file, file[0] ? ": " : "", msg);
    return JZ_EXIT_INPUT;
}

/* A library error about a case's file, kept like bad_case's; returns 3 (4 out of memory). */
static int case_error(fixture *f, const jz_error *err)
{
    char where[600] = "";
    if (err->line && err->col)
        snprintf(where, sizeof where, "%s:%ld:%ld", err->file, err->line, err->col);
    else if (err->line)
        snprintf(where, sizeof where, "%s:%ld", err->file, err->line);
    else
        snprintf(where, sizeof where, "%s", err->file);
    bad_case(f, where, "%s", err->msg);
    return jz_error_exit(err) == JZ_EXIT_SYSTEM ? JZ_EXIT_SYSTEM : JZ_EXIT_INPUT;
}

/* One cmd-args option with its value; returns 0 or 3. */
static int case_option(fixture *f, const char *name, const char *value)
{
    if (strcmp(name, "--assume-regular-weeks") == 0) {
        f->assume_regular = true;
        return 0;
    }
    if (!value)
        return bad_case(f, "cmd-args", "%s needs a value", name);
    if (strcmp(name, "--as-of") == 0 || strcmp(name, "-a") == 0) {
        if (!jz_date_parse(value, strlen(value), &f->as_of))
            return bad_case(f, "cmd-args", "--as-of '%s' is not a date: write e.g. 2024-06-30", value);
    } else if (strcmp(name, "--centre") == 0 || strcmp(name, "-C") == 0) {
        free(f->centre);
        f->centre = jz_xstrdup(value);
    } else if (strcmp(name, "--rules") == 0) {
        free(f->rules_path);
        f->rules_path = value[0] == '/' ? jz_xstrdup(value) : join(f->dir, value);
    } else if (strcmp(name, "--calendar") == 0) {
        free(f->calendar_path);
        f->calendar_path = value[0] == '/' ? jz_xstrdup(value) : join(f->dir, value);
    } else {
        return bad_case(f, "cmd-args", "unknown option '%s': a fixture takes --as-of, --centre, --rules, "
                        "--calendar and --assume-regular-weeks", name);
    }
    return 0;
}

/* cmd-args: options separated by white space (no quoting); may be empty or absent. */
static int read_args(fixture *f)
{
    char *path = join(f->dir, "cmd-args"), *text = slurp(path);
    free(path);
    int rc = 0;
    char *save = NULL;
    for (char *w = text ? strtok_r(text, " \t\r\n", &save) : NULL; w && !rc; w = strtok_r(NULL, " \t\r\n", &save)) {
        char *eq = strncmp(w, "--", 2) == 0 ? strchr(w, '=') : NULL, *value = NULL;
        if (eq)
            *eq = '\0', value = eq + 1;
        else if (strcmp(w, "--assume-regular-weeks") != 0)
            value = strtok_r(NULL, " \t\r\n", &save);
        rc = case_option(f, w, value);
    }
    free(text);
    return rc;
}

static int load_reference(fixture *f)
{
    jz_error err;
    if (jz_cli_load_rules(&f->rules, f->rules_path, &err))
        return case_error(f, &err);
    if (!(f->cal = jz_cli_load_calendar(f->calendar_path, f->assume_regular, &err)))
        return case_error(f, &err);
    return 0;
}

/* Read the case's CSV of this role (absent is fine unless required). */
static int read_table(fixture *f, const char *name, bool required,
                      jz_code (*load_fn)(fixture *, const char *, jz_table_info *, jz_error *))
{
    char *path = join(f->dir, name);
    int rc = 0;
    if (!exists(path)) {
        rc = required ? bad_case(f, name, "missing: every case needs its %s", name) : 0;
    } else {
        jz_error err;
        jz_table_info info;
        f->file = path;
        if (load_fn(f, path, &info, &err) && info.unreadable)
            rc = case_error(f, &err);
        if (f->npaths < sizeof f->paths / sizeof f->paths[0]) {
            f->paths[f->npaths++] = path;
            path = NULL;
        }
    }
    free(path);
    return rc;
}

static jz_code load_contracts(fixture *f, const char *path, jz_table_info *info, jz_error *err)
{
    return jz_contracts_load(&f->contracts, path, JZ_ENC_AUTO, &f->diag, info, err);
}

static jz_code load_roster(fixture *f, const char *path, jz_table_info *info, jz_error *err)
{
    f->have_roster = true;
    return jz_roster_load(&f->roster, path, JZ_ENC_AUTO, &f->diag, info, err);
}

static int on_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *fl, int nerr)
{
    fixture *f = ctx;
    if (nerr) {
        f->bad_rows++;
        return 0;
    }
    switch (h->schema->type) {
    case JZ_FILE_RECORDS: jz_scorer_record(f->scorer, fl, f->file, row->line); break;
    case JZ_FILE_SCORES: jz_scorer_entered(f->scorer, fl, f->file, row->line, &f->diag); break;
    case JZ_FILE_SURVEY: jz_scorer_survey(f->scorer, fl, f->file, row->line, &f->diag); break;
    case JZ_FILE_FINDINGS: jz_scorer_finding(f->scorer, fl, f->file, row->line, &f->diag); break;
    default: break;
    }
    return 0;
}

#define TABLE_READER(fn, type)                                                                   \
    static jz_code fn(fixture *f, const char *path, jz_table_info *info, jz_error *err)         \
    {                                                                                            \
        return jz_table_read(path, type, JZ_ENC_AUTO, &f->diag, on_row, f, info, err);          \
    }
TABLE_READER(read_records, JZ_FILE_RECORDS)
TABLE_READER(read_scores, JZ_FILE_SCORES)
TABLE_READER(read_survey, JZ_FILE_SURVEY)
TABLE_READER(read_findings, JZ_FILE_FINDINGS)

/* The one contract the case scores: the only one, or the only one of --centre. */
static int pick_contract(fixture *f, size_t *ci)
{
    size_t n = 0;
    for (size_t i = 0; i < f->contracts.n; i++)
        if (!f->centre || strcmp(f->contracts.v[i].centre, f->centre) == 0)
            *ci = i, n++;
    if (n == 1)
        return 0;
    if (n == 0)
        return bad_case(f, "contracts.csv", "no contract%s%s", f->centre ? " of centre " : "", f->centre ? f->centre : "");
    return bad_case(f, "contracts.csv", "%zu contracts%s%s: a case scores one (give --centre ID in cmd-args)", n,
                    f->centre ? " of centre " : "", f->centre ? f->centre : "");
}

static int read_inputs(fixture *f)
{
    int rc = read_table(f, "contracts.csv", true, load_contracts);
    if (!rc)
        rc = read_table(f, "roster.csv", false, load_roster);
    if (rc || f->diag.count[JZ_ERROR])
        return rc ? rc : JZ_EXIT_INPUT;
    jz_score_inputs si = {f->rubric, &f->rules, f->cal, &f->contracts, f->have_roster ? &f->roster : NULL,
                          f->as_of, NULL, NULL};
    f->scorer = jz_scorer_new(&si);
    static const char *const names[] = {"records.csv", "scores.csv", "survey.csv", "findings.csv"};
    jz_code (*const readers[])(fixture *, const char *, jz_table_info *, jz_error *) = {read_records, read_scores,
                                                                                          read_survey, read_findings};
    for (size_t i = 0; i < 4 && !rc; i++)
        rc = read_table(f, names[i], false, readers[i]);
    if (!rc && (f->bad_rows || f->diag.count[JZ_ERROR]))
        rc = bad_case(f, "", "the inputs have errors (on standard error; jz-validate lists every problem)");
    return rc;
}

/* ---- test: comparing with expected.csv ---- */

/* A decimal with at most `decimals` places -> FP; false if it is not one. */
static bool parse_value(const char *s, int decimals, int64_t *out)
{
    bool neg = *s == '-';
    s += neg;
    int64_t v = 0;
    int places = -1;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s == '.' && places < 0) {
            places = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || v > INT64_MAX / 100 || (places >= 0 && ++places > decimals))
            return false;
        v = v * 10 + (*s - '0');
    }
    for (int k = places < 0 ? 0 : places; k < 4; k++)
        v *= 10;
    *out = neg ? -v : v;
    return true;
}

static const jz_ind_result *result_of(const jz_centre_result *res, const char *id)
{
    for (size_t i = 0; i < res->nind; i++)
        if (strcmp(res->ind[i].ind->id, id) == 0)
            return &res->ind[i];
    return NULL;
}

static void mismatch(fixture *f, const char *what, const char *want, const char *got, const char *why)
{
    fprintf(f->fp, "        %s: expected %s, got %s\n", jz_text_show(what), jz_text_show(want), jz_text_show(got));
    if (why && why[0])
        fprintf(f->fp, "          %s\n", jz_text_show(why));
    f->failures++;
}

static int compare_grade(fixture *f, const jz_centre_result *res, const char *want)
{
    const char *got = res->grade ? res->grade : "";
    if (strcmp(want, got) != 0)
        mismatch(f, "grade", want[0] ? want : "(none)", got[0] ? got : "(none)", res->grade_note);
    return 0;
}

static int compare_total(fixture *f, const jz_centre_result *res, const char *want, long line)
{
    int64_t v;
    char got[32];
    if (!parse_value(want, f->rubric->total_decimals, &v))
        return bad_case(f, "expected.csv", "line %ld: total '%s' is not a number with at most %d decimals", line,
                        want, f->rubric->total_decimals);
    if (v != res->total)
        mismatch(f, "total", want, jz_fp_format(res->total, f->rubric->total_decimals, got, sizeof got), NULL);
    return 0;
}

static void closest_id(void *ctx, const jz_section *s, const jz_indicator *ind)
{
    const char **best = ctx;   /* best[0] the id asked for, best[1] the nearest so far */
    (void)s;
    if (jz_text_distance(best[0], ind->id) < (best[1] ? jz_text_distance(best[0], best[1]) : 3))
        best[1] = ind->id;
}

static int compare_indicator(fixture *f, const jz_centre_result *res, const char *id, const char *want, long line)
{
    const jz_ind_result *r = result_of(res, id);
    int dec = f->rubric->ind_decimals;
    int64_t v = 0;
    char got[32];
    if (!r) {
        const char *best[2] = {id, NULL};
        jz_rubric_each(f->rubric, closest_id, best);
        return bad_case(f, "expected.csv", "line %ld: no indicator '%s' in rubric %s%s%s%s", line, id,
                        f->rubric->id, best[1] ? ": did you mean '" : "", best[1] ? best[1] : "", best[1] ? "'?" : "");
    }
    bool want_na = strcmp(want, "n/a") == 0;
    if (!want_na && !parse_value(want, dec, &v))
        return bad_case(f, "expected.csv", "line %ld: earned '%s' is not n/a or a number with at most %d decimals",
                        line, want, dec);
    const char *have = r->status == JZ_IS_NA ? "n/a" : jz_fp_format(r->earned, dec, got, sizeof got);
    if (want_na != (r->status == JZ_IS_NA) || (!want_na && v != r->earned))
        mismatch(f, id, want, have, r->derivation);
    return 0;
}

static int compare(fixture *f, const jz_centre_result *res)
{
    char *path = join(f->dir, "expected.csv");
    jz_error err;
    jz_error_clear(&err);   /* the reader tells an error from the end of the file by err */
    jz_csv *csv = exists(path) ? jz_csv_open(path, JZ_ENC_AUTO, NULL, &err) : NULL;
    free(path);
    if (!csv)
        return bad_case(f, "expected.csv", "missing or unreadable: every case needs one");
    jz_row row;
    int rc = 0, more;
    while (!rc && (more = jz_csv_next(csv, &row, &err)) > 0) {
        const char *key = row.fields[0], *val = row.nfields > 1 ? row.fields[1] : "";
        if (row.nfields != 2)
            rc = bad_case(f, "expected.csv", "line %ld: %zu fields: write indicator,earned", row.line, row.nfields);
        else if (row.line == 1 && strcmp(key, "indicator") == 0)
            continue;
        else if (strcmp(key, "grade") == 0)
            rc = compare_grade(f, res, val);
        else if (strcmp(key, "total") == 0)
            rc = compare_total(f, res, val, row.line);
        else
            rc = compare_indicator(f, res, key, val, row.line);
        f->compared++;
    }
    if (!rc && more < 0)
        rc = case_error(f, &err);
    jz_csv_close(csv);
    return rc;
}

static void fixture_free(fixture *f)
{
    jz_scorer_free(f->scorer);
    jz_roster_free(&f->roster);
    jz_contracts_free(&f->contracts);
    jz_calendar_free(f->cal);
    if (f->rules.id)
        jz_rules_free(&f->rules);
    for (size_t i = 0; i < f->npaths; i++)
        free(f->paths[i]);
    free(f->centre);
    free(f->rules_path);
    free(f->calendar_path);
}

/* Run one case: 0 pass, 1 fail, 3 invalid. Prints its PASS/FAIL/INVALID line. */
static int run_case(const jz_rubric *r, char *dir, FILE *fp)
{
    fixture f;
    memset(&f, 0, sizeof f);
    f.dir = dir;
    f.rubric = r;
    f.as_of = JZ_NO_DAY;
    f.pr = (jz_diag_printer){.fp = stderr, .format = JZ_DIAG_TEXT, .max = 50, .min_sev = JZ_WARNING, .prog = jz_prog};
    jz_diag_init(&f.diag, jz_diag_print, &f.pr);
    jz_contracts_init(&f.contracts);
    jz_roster_init(&f.roster);
    size_t ci = 0;
    const jz_centre_result *res = NULL;
    jz_error err;
    int rc = read_args(&f);
    if (!rc)
        rc = load_reference(&f);
    if (!rc)
        rc = read_inputs(&f);
    if (!rc)
        rc = pick_contract(&f, &ci);
    if (!rc && jz_scorer_result(f.scorer, ci, &res, &err))
        rc = case_error(&f, &err);
    char *details = NULL;   /* the mismatches, printed under the case's line */
    size_t ndetails = 0;
    f.fp = open_memstream(&details, &ndetails);
    if (!f.fp) {
        rc = JZ_EXIT_SYSTEM;
        jz_cli_warn("out of memory");
    }
    if (!rc)
        rc = compare(&f, res);
    if (f.fp)
        fclose(f.fp);
    if (rc)
        fprintf(fp, "INVALID %s: %s\n", jz_text_show(dir), jz_text_show(f.why));
    else
        fprintf(fp, "%s    %s: %ld value%s compared, %ld differ%s\n%s", f.failures ? "FAIL" : "PASS", jz_text_show(dir),
                f.compared, f.compared == 1 ? "" : "s", f.failures, f.failures == 1 ? "s" : "", details ? details : "");
    free(details);
    fixture_free(&f);
    return rc ? rc : f.failures ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
}

/* ---- test: the cases ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The case folders under dir, sorted by name (bytes, not locale). */
static size_t list_cases(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    *out = NULL;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char *p = join(dir, e->d_name);
        struct stat st;
        if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(p);
            continue;
        }
        *out = jz_xrealloc(*out, (n + 1) * sizeof **out);
        (*out)[n++] = p;
    }
    if (d)
        closedir(d);
    if (n)
        qsort(*out, n, sizeof **out, cmp_str);
    return n;
}

/* RUBRIC-DIR/tests/RUBRIC-ID */
static char *cases_dir(const jz_rubric *r)
{
    const char *slash = strrchr(r->path, '/');
    size_t dn = slash ? (size_t)(slash - r->path + 1) : 0;
    size_t n = dn + strlen("tests/") + strlen(r->id) + 1;
    char *p = jz_xmalloc(n);
    snprintf(p, n, "%.*stests/%s", (int)dn, r->path, r->id);
    return p;
}

/* An output onto one of the cases' files is refused: 2. */
static int refuse_fixture_files(const opts *o, char **cases, size_t n)
{
    static const char *const names[] = {"cmd-args", "contracts.csv", "roster.csv", "records.csv", "scores.csv",
                                        "survey.csv", "findings.csv", "expected.csv"};
    enum { NNAMES = sizeof names / sizeof names[0] };
    if (!o->output)
        return 0;
    char **paths = jz_xcalloc(n * NNAMES + 1, sizeof *paths);
    jz_io io = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < NNAMES; k++) {
            paths[i * NNAMES + k] = join(cases[i], names[k]);
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
    int rc = 0;
    size_t pass = 0, failed = 0, invalid = 0;
    for (size_t i = 0; i < n; i++) {
        int one = run_case(r, cases[i], fp);
        pass += one == 0;
        failed += one == JZ_EXIT_FINDINGS;
        invalid += one > JZ_EXIT_FINDINGS;
        rc = one > rc ? one : rc;
    }
    fprintf(fp, "%zu case%s: %zu passed, %zu failed, %zu invalid\n", n, n == 1 ? "" : "s", pass, failed, invalid);
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
    char *dir = cases_dir(&r), **cases;
    size_t n = list_cases(dir, &cases);
    jz_out out;
    if (!n) {
        fprintf(stderr, "%s: %s: error: no test cases (folders with contracts.csv and expected.csv; see "
                "jz-rubric(1), FIXTURES)\n", jz_prog, dir);
        rc = JZ_EXIT_INPUT;
    } else if ((rc = refuse_fixture_files(o, cases, n))) {
        /* refused: nothing run */
    } else if (!jz_out_open(&out, o->output)) {
        rc = JZ_EXIT_SYSTEM;
    } else {
        rc = finish(&out, run_cases(&r, cases, n, out.fp));
    }
    for (size_t i = 0; i < n; i++)
        free(cases[i]);
    free(cases);
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

static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"contracts", required_argument, NULL, 'c'}, {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},    {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "c:f:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': o->contracts = optarg; break;
        case 'f': o->format = optarg; break;
        case 'o': o->output = optarg; break;
        case 'h': fputs(usage_text, stdout); return jz_cli_stdout_ok() ? -1 : JZ_EXIT_SYSTEM;
        case 'V': jz_cli_version(); return jz_cli_stdout_ok() ? -1 : JZ_EXIT_SYSTEM;
        default: return JZ_EXIT_USAGE;
        }
    }
    return 0;
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
    opts o = {NULL, NULL, NULL};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    return run(&o, argc - optind, argv + optind);
}
