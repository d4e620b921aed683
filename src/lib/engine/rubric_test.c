/* rubric_test.c — see include/jz/rubric_test.h. Moved out of jz-rubric: the tool only
 * finds the rubric, runs the cases and writes the report. */
#include "jz/rubric_test.h"
#include "jz/i18n.h"
#include "jz/rowsrc.h"
#include "jz/score_feed.h"
#include "jz/text.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const jz_rubric_test_files[JZ_RUBRIC_TEST_NFILES] = {
    "cmd-args", "contracts.csv", "roster.csv", "records.csv", "scores.csv", "survey.csv", "findings.csv",
    "expected.csv"};

typedef struct fixture {
    const char *dir;            /* the case's folder */
    const jz_rubric *rubric;
    const jz_rubric_test_env *env;
    jz_day as_of;               /* cmd-args */
    char *centre, *rules_path, *calendar_path;
    bool assume_regular;
    jz_rules rules;
    jz_calendar *cal;
    jz_contracts contracts;
    jz_roster roster;
    bool have_roster;
    jz_scorer *scorer;
    jz_score_feed feed;
    jz_diag diag;               /* input problems, printed by the caller's printer */
    jz_diag_printer pr;
    char *paths[6];             /* the files read: the scorer may keep pointers to them */
    size_t npaths;
    jz_rubric_test_case *out;
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
    vsnprintf(msg, sizeof msg, jz_tr(fmt), ap);
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
    if (f->env->load_rules(&f->rules, f->rules_path, &err))
        return case_error(f, &err);
    if (!(f->cal = f->env->load_calendar(f->calendar_path, f->assume_regular, &err)))
        return case_error(f, &err);
    return 0;
}

typedef jz_code (*load_fn)(fixture *, const char *, jz_filetype, jz_table_info *, jz_error *);

/* Read the case's table `name` (absent is fine unless required). */
static int read_table(fixture *f, const char *name, bool required, load_fn load, jz_filetype type)
{
    char *path = join(f->dir, name);
    int rc = 0;
    if (!exists(path)) {
        rc = required ? bad_case(f, name, "missing: every case needs its %s", name) : 0;
    } else {
        jz_error err;
        jz_table_info info;
        if (load(f, path, type, &info, &err) && info.unreadable)
            rc = case_error(f, &err);
        if (f->npaths < sizeof f->paths / sizeof f->paths[0]) {
            f->paths[f->npaths++] = path;
            path = NULL;
        }
    }
    free(path);
    return rc;
}

static jz_code load_contracts(fixture *f, const char *path, jz_filetype type, jz_table_info *info, jz_error *err)
{
    (void)type;
    return jz_contracts_load(&f->contracts, path, JZ_ENC_AUTO, &f->diag, info, err);
}

static jz_code load_roster(fixture *f, const char *path, jz_filetype type, jz_table_info *info, jz_error *err)
{
    (void)type;
    f->have_roster = true;
    return jz_roster_load(&f->roster, path, JZ_ENC_AUTO, &f->diag, info, err);
}

static jz_code feed_table(fixture *f, const char *path, jz_filetype type, jz_table_info *info, jz_error *err)
{
    return jz_score_feed_table(&f->feed, path, type, info, err);
}

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
        return f->centre ? bad_case(f, "contracts.csv", "no contract of centre %s", f->centre)
                         : bad_case(f, "contracts.csv", "no contract");
    return f->centre ? bad_case(f, "contracts.csv", "%zu contracts of centre %s: a case scores one (give --centre ID in "
                                "cmd-args)", n, f->centre)
                     : bad_case(f, "contracts.csv", "%zu contracts: a case scores one (give --centre ID in cmd-args)", n);
}

static int read_inputs(fixture *f)
{
    int rc = read_table(f, "contracts.csv", true, load_contracts, JZ_FILE_CONTRACTS);
    if (!rc)
        rc = read_table(f, "roster.csv", false, load_roster, JZ_FILE_ROSTER);
    if (rc || f->diag.count[JZ_ERROR])
        return rc ? rc : JZ_EXIT_INPUT;
    jz_score_inputs si = {f->rubric, &f->rules, f->cal, &f->contracts, f->have_roster ? &f->roster : NULL,
                          f->as_of, NULL, NULL};
    f->scorer = jz_scorer_new(&si);
    f->feed = (jz_score_feed){.scorer = f->scorer, .diag = &f->diag, .enc = JZ_ENC_AUTO};
    for (size_t i = 0; i < 4 && !rc; i++) {
        char name[32];
        snprintf(name, sizeof name, "%s.csv", jz_score_table_kinds[i].role);
        rc = read_table(f, name, false, feed_table, jz_score_table_kinds[i].type);
    }
    if (!rc && (f->feed.bad_rows || f->diag.count[JZ_ERROR]))
        rc = bad_case(f, "", "the inputs have errors (on standard error; jz-validate lists every problem)");
    return rc;
}

/* ---- comparing with expected.csv ---- */

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
    jz_rubric_test_case *c = f->out;
    c->mismatches = jz_xrealloc(c->mismatches, (c->nmismatches + 1) * sizeof *c->mismatches);
    c->mismatches[c->nmismatches++] = (jz_rubric_test_mismatch){jz_xstrdup(what), jz_xstrdup(want), jz_xstrdup(got),
                                                                jz_xstrdup(why ? why : "")};
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
        return best[1] ? bad_case(f, "expected.csv", "line %ld: no indicator '%s' in rubric %s: did you mean '%s'?", line,
                                  id, f->rubric->id, best[1])
                       : bad_case(f, "expected.csv", "line %ld: no indicator '%s' in rubric %s", line, id, f->rubric->id);
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
    jz_rowsrc *src = exists(path) ? jz_rowsrc_open(path, NULL, NULL, &err) : NULL;
    free(path);
    if (!src)
        return bad_case(f, "expected.csv", "missing or unreadable: every case needs one");
    jz_row row;
    int rc = 0, more;
    while (!rc && (more = jz_rowsrc_next(src, &row, &err)) > 0) {
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
        f->out->compared++;
    }
    if (!rc && more < 0)
        rc = case_error(f, &err);
    jz_rowsrc_close(src);
    return rc;
}

static void fixture_free(fixture *f)
{
    jz_score_feed_done(&f->feed);
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

int jz_rubric_test_case_run(const jz_rubric *r, const char *dir, const jz_rubric_test_env *env,
                            jz_rubric_test_case *out)
{
    fixture f;
    memset(&f, 0, sizeof f);
    memset(out, 0, sizeof *out);
    out->dir = jz_xstrdup(dir);
    f.dir = dir;
    f.rubric = r;
    f.env = env;
    f.out = out;
    f.as_of = JZ_NO_DAY;
    f.pr = env->printer;
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
    if (!rc)
        rc = compare(&f, res);
    if (rc) {  /* an invalid case reports no comparisons */
        for (size_t i = 0; i < out->nmismatches; i++) {
            jz_rubric_test_mismatch *m = &out->mismatches[i];
            free(m->what), free(m->want), free(m->got), free(m->why);
        }
        free(out->mismatches);
        out->mismatches = NULL;
        out->nmismatches = 0;
    }
    out->why = jz_xstrdup(rc ? f.why : "");
    out->status = rc ? rc : out->nmismatches ? JZ_EXIT_FINDINGS : JZ_EXIT_OK;
    fixture_free(&f);
    return out->status;
}

void jz_rubric_test_case_free(jz_rubric_test_case *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nmismatches; i++) {
        jz_rubric_test_mismatch *m = &c->mismatches[i];
        free(m->what), free(m->want), free(m->got), free(m->why);
    }
    free(c->mismatches);
    free(c->dir);
    free(c->why);
    memset(c, 0, sizeof *c);
}

/* ---- the cases ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t jz_rubric_test_cases(const char *dir, char ***out)
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

void jz_rubric_test_cases_free(char **cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cases[i]);
    free(cases);
}

char *jz_rubric_test_dir(const jz_rubric *r)
{
    const char *slash = strrchr(r->path, '/');
    size_t dn = slash ? (size_t)(slash - r->path + 1) : 0;
    size_t n = dn + strlen("tests/") + strlen(r->id) + 1;
    char *p = jz_xmalloc(n);
    snprintf(p, n, "%.*stests/%s", (int)dn, r->path, r->id);
    return p;
}

int jz_rubric_test_run(const jz_rubric *r, char *const *cases, size_t n, const jz_rubric_test_env *env,
                       jz_rubric_test_report *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->cases = jz_xcalloc(n ? n : 1, sizeof *rep->cases);
    for (size_t i = 0; i < n; i++) {
        int one = jz_rubric_test_case_run(r, cases[i], env, &rep->cases[i]);
        rep->n++;
        rep->passed += one == 0;
        rep->failed += one == JZ_EXIT_FINDINGS;
        rep->invalid += one > JZ_EXIT_FINDINGS;
        rep->status = one > rep->status ? one : rep->status;
    }
    return rep->status;
}

void jz_rubric_test_report_free(jz_rubric_test_report *rep)
{
    if (!rep)
        return;
    for (size_t i = 0; i < rep->n; i++)
        jz_rubric_test_case_free(&rep->cases[i]);
    free(rep->cases);
    memset(rep, 0, sizeof *rep);
}
