/* test_rubric_check.c — lint (rubric_check.h): each warning is triggered by a small rubric
 * (a clean one with one change, read from memory and linted with jz_rubric_lint_buffer) at
 * the line of the YAML that causes it, the same as lint of the same bytes in a file, and a
 * clean rubric has none; diff finds each kind of change and nothing
 * between a rubric and itself; the words jz-rubric show prints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/rubric_check.h"

/* Lines are numbered in comments: lint findings are checked at them. */
static const char clean[] =
    "id: t\n"                                                                   /*  1 */
    "version: \"1\"\n"                                                          /*  2 */
    "scale: 100\n"                                                              /*  3 */
    "rounding: {indicator: 2, total: 1, mode: half_up}\n"                       /*  4 */
    "grades:\n"                                                                 /*  5 */
    "  - {grade: good, min: 80}\n"                                              /*  6 */
    "  - {grade: pass, min: 60}\n"                                              /*  7 */
    "  - {grade: fail, min: 0}\n"                                               /*  8 */
    "pass_grade: pass\n"                                                        /*  9 */
    "not_applicable: {policy: reweight, min_coverage: 50%}\n"                   /* 10 */
    "deductions: {cap: 10}\n"                                                   /* 11 */
    "vetoes:\n"                                                                 /* 12 */
    "  - {id: fraud, finding: FRAUD, grade: fail}\n"                            /* 13 */
    "  - {id: low_files, indicator: files, below: 5, cap_total: 59}\n"          /* 14 */
    "sections:\n"                                                               /* 15 */
    "  - id: outputs\n"                                                         /* 16 */
    "    points: 60\n"                                                          /* 17 */
    "    party: third_party\n"                                                  /* 18 */
    "    indicators:\n"                                                         /* 19 */
    "      - id: cases\n"                                                       /* 20 */
    "        points: 40\n"                                                      /* 21 */
    "        measure: {count_distinct: client, where: {kind: case, mode: direct}, having: {min_rows: 6}}\n"
    "        target: {contract: target_cases, prorate: true}\n"                 /* 23 */
    "        score: {method: bands, bands: [[100%, 1], [80%, 2/3], [60%, 1/3]], below: 0}\n"
    "      - id: visits\n"                                                      /* 25 */
    "        points: 20\n"                                                      /* 26 */
    "        measure: {count: records, where: {kind: visit}}\n"                 /* 27 */
    "        target: 100\n"                                                     /* 28 */
    "        score: proportional\n"                                             /* 29 */
    "  - id: quality\n"                                                         /* 30 */
    "    points: 40\n"                                                          /* 31 */
    "    party: buyer\n"                                                        /* 32 */
    "    sections:\n"                                                           /* 33 */
    "      - id: files_section\n"                                               /* 34 */
    "        points: 40\n"                                                      /* 35 */
    "        indicators:\n"                                                     /* 36 */
    "          - id: files\n"                                                   /* 37 */
    "            points: 40\n"                                                  /* 38 */
    "            measure: {entered: true, tolerance: 5}\n"                      /* 39 */
    "            score: direct\n"                                               /* 40 */
    "lang: zh\n";                                                              /* 41 */

/* ---- helpers ---- */

typedef struct tmpfile_ {
    char path[64];
} tmpfile_;

static void write_file(tmpfile_ *t, const char *text)
{
    snprintf(t->path, sizeof t->path, "/tmp/jz-rubric-check-XXXXXX");
    int fd = mkstemp(t->path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The clean rubric with `from` replaced by `to` (from must occur). Caller frees. */
static char *variant(const char *from, const char *to)
{
    const char *at = strstr(clean, from);
    if (!at)
        print_error("not in the clean rubric: %s\n", from);
    assert_non_null(at);
    size_t n = strlen(clean) - strlen(from) + strlen(to) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%.*s%s%s", (int)(at - clean), clean, to, at + strlen(from));
    return s;
}

/* Load text from memory under name (jz_rubric_load_buffer); it must load. */
static void load_mem(jz_rubric *r, const char *text, const char *name)
{
    jz_error err;
    jz_code code = jz_rubric_load_buffer(r, text, strlen(text), name, &err);
    if (code)
        print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_int_equal(code, JZ_OK);
}

static void load(jz_rubric *r, const char *text, tmpfile_ *t)
{
    jz_error err;
    write_file(t, text);
    jz_code code = jz_rubric_load(r, t->path, &err);
    if (code)
        print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_int_equal(code, JZ_OK);
}

typedef struct seen {
    char codes[32][32];
    long lines[32];
    jz_severity sev[32];
    char msgs[32][300];
    int n;
} seen;

static void collect(void *ctx, const jz_diag_msg *m)
{
    seen *s = ctx;
    if (s->n == 32)
        return;
    snprintf(s->codes[s->n], sizeof s->codes[0], "%s", m->code);
    snprintf(s->msgs[s->n], sizeof s->msgs[0], "%s", m->message);
    s->lines[s->n] = m->line;
    s->sev[s->n++] = m->sev;
}

/* Lint text (with contract columns when cols is not NULL), read from memory as "t.yaml"
 * (jz_rubric_load_buffer, jz_rubric_lint_buffer: no temporary file); returns the warnings. */
static long lint_text(const char *text, const char *const *cols, size_t ncols, seen *s)
{
    jz_rubric r;
    jz_error err;
    jz_code code = jz_rubric_load_buffer(&r, text, strlen(text), "t.yaml", &err);
    if (code)
        print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_int_equal(code, JZ_OK);
    memset(s, 0, sizeof *s);
    jz_diag diag;
    jz_diag_init(&diag, collect, s);
    jz_lint_opts o = {cols, ncols, "contracts.csv"};
    long w = jz_rubric_lint_buffer(&r, text, strlen(text), cols ? &o : NULL, &diag);
    jz_rubric_free(&r);
    return w;
}

/* The same text linted from a file (positions read again from it) and from memory: the
 * same findings at the same lines. */
static void lint_of_a_file_and_of_its_bytes_agree(const char *text)
{
    jz_rubric r;
    tmpfile_ t;
    load(&r, text, &t);
    seen a, b;
    memset(&a, 0, sizeof a);
    jz_diag diag;
    jz_diag_init(&diag, collect, &a);
    long wa = jz_rubric_lint(&r, NULL, &diag);
    jz_rubric_free(&r);
    unlink(t.path);
    long wb = lint_text(text, NULL, 0, &b);
    assert_int_equal(wa, wb);
    assert_int_equal(a.n, b.n);
    for (int i = 0; i < a.n; i++) {
        assert_string_equal(a.codes[i], b.codes[i]);
        assert_int_equal(a.lines[i], b.lines[i]);
        assert_int_equal(a.sev[i], b.sev[i]);
    }
}

/* The only finding is `code` at `line`, and its message contains needle. */
static void assert_one(const seen *s, const char *code, long line, const char *needle)
{
    if (s->n != 1)
        for (int i = 0; i < s->n; i++)
            print_error("finding %d: %s at %ld: %s\n", i, s->codes[i], s->lines[i], s->msgs[i]);
    assert_int_equal(s->n, 1);
    assert_string_equal(s->codes[0], code);
    assert_int_equal(s->lines[0], line);
    if (!strstr(s->msgs[0], needle))
        print_error("message: %s\n", s->msgs[0]);
    assert_non_null(strstr(s->msgs[0], needle));
}

static void lint_variant(const char *from, const char *to, const char *code, long line, const char *needle)
{
    char *text = variant(from, to);
    seen s;
    long w = lint_text(text, NULL, 0, &s);
    assert_one(&s, code, line, needle);
    assert_int_equal(w, s.sev[0] == JZ_WARNING);
    free(text);
}

/* ---- lint ---- */

static void a_clean_rubric_has_no_findings(void **state)
{
    (void)state;
    static const char *const cols[] = {"cases", "groups"};
    seen s;
    assert_int_equal(lint_text(clean, NULL, 0, &s), 0);
    assert_int_equal(s.n, 0);
    assert_int_equal(lint_text(clean, cols, 2, &s), 0);
    assert_int_equal(s.n, 0);
}

/* Without lang: a note at the rubric's id (line 1); with one that is neither zh nor en the
 * rubric is refused at the value. */
static void a_rubric_without_lang_gets_a_note(void **state)
{
    (void)state;
    char *text = variant("lang: zh\n", "");
    seen s;
    assert_int_equal(lint_text(text, NULL, 0, &s), 0);
    assert_one(&s, "no-lang", 1, "reader's locale");
    assert_int_equal(s.sev[0], JZ_NOTE);
    free(text);
    text = variant("lang: zh\n", "lang: fr\n");
    jz_rubric rb;
    jz_error e;
    assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "t.yaml", &e), JZ_EINPUT);
    assert_int_equal(e.line, 41);
    assert_non_null(strstr(e.msg, "lang"));
    jz_rubric_free(&rb);
    free(text);
    /* status is one of official, draft, example; issued_by and document are text */
    text = variant("lang: zh\n", "lang: zh\nstatus: final\n");
    assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "t.yaml", &e), JZ_EINPUT);
    assert_int_equal(e.line, 42);
    assert_non_null(strstr(e.msg, "status"));
    jz_rubric_free(&rb);
    free(text);
    text = variant("lang: zh\n", "lang: zh\nstatus: draft\nissued_by: 区民政局\ndocument: 某某办法（2024）\n");
    assert_int_equal(jz_rubric_load_buffer(&rb, text, strlen(text), "t.yaml", &e), JZ_OK);
    assert_string_equal(rb.status, "draft");
    assert_string_equal(rb.issued_by, "区民政局");
    assert_string_equal(rb.document, "某某办法（2024）");
    assert_string_equal(rb.lang, "zh");
    jz_rubric_free(&rb);
    free(text);
}

static void indicators_that_do_not_add_up_to_their_section_warn_at_its_points(void **state)
{
    (void)state;
    lint_variant("            points: 40\n", "            points: 35\n", "section-sum", 35,
                 "section files_section states 40 points, but its indicators add up to 35");
}

static void sections_that_do_not_add_up_to_their_parent_warn(void **state)
{
    (void)state;
    /* quality says 30: its parts say 40, and the top sections then say 90 */
    char *text = variant("    points: 40\n    party: buyer", "    points: 30\n    party: buyer");
    seen s;
    assert_int_equal(lint_text(text, NULL, 0, &s), 2);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.codes[0], "total-sum");
    assert_int_equal(s.lines[0], 3);
    assert_non_null(strstr(s.msgs[0], "the top sections add up to 90 points, but the scale is 100"));
    assert_string_equal(s.codes[1], "section-sum");
    assert_int_equal(s.lines[1], 31);
    assert_non_null(strstr(s.msgs[1], "section quality states 30 points, but its sections add up to 40"));
    free(text);
}

/* Findings at positions only the YAML holds (a grade, the scale, a section's points): the
 * same from the file as from its bytes. */
static void lint_from_memory_finds_what_lint_of_the_file_finds(void **state)
{
    (void)state;
    char *text = variant("    points: 40\n    party: buyer", "    points: 30\n    party: buyer");
    lint_of_a_file_and_of_its_bytes_agree(text);
    free(text);
    text = variant("  - {grade: good, min: 80}\n", "  - {grade: super, min: 101}\n  - {grade: good, min: 80}\n");
    lint_of_a_file_and_of_its_bytes_agree(text);
    free(text);
    lint_of_a_file_and_of_its_bytes_agree(clean);
}

static void top_sections_that_do_not_add_up_to_the_scale_warn_at_the_scale(void **state)
{
    (void)state;
    char *text = variant("scale: 100", "scale: 1000");
    seen s;
    lint_text(text, NULL, 0, &s);
    assert_one(&s, "total-sum", 3, "the top sections add up to 100 points, but the scale is 1000");
    free(text);
}

static void a_grade_above_the_scale_is_unreachable(void **state)
{
    (void)state;
    lint_variant("  - {grade: good, min: 80}\n", "  - {grade: super, min: 101}\n  - {grade: good, min: 80}\n",
                 "grade-unreachable", 6, "grade super needs 101 points, above the scale of 100");
}

static void a_pass_grade_that_is_the_lowest_warns(void **state)
{
    (void)state;
    lint_variant("pass_grade: pass", "pass_grade: fail", "pass-grade-lowest", 9, "every centre passes");
}

static void a_target_column_the_contracts_lack_warns_with_did_you_mean(void **state)
{
    (void)state;
    static const char *const cols[] = {"case", "groups"};
    seen s;
    lint_text(clean, cols, 2, &s);
    /* the columns the contracts do have are named (issue 11, item 5) */
    assert_one(&s, "unknown-column", 23, "target_cases, which contracts.csv does not have (it has target_case, "
                                         "target_groups): did you mean target_case?");
    static const char *const far[] = {"groups"};
    lint_text(clean, far, 1, &s);
    assert_one(&s, "unknown-column", 23, "(it has target_groups): every centre would be n/a on it");
    lint_text(clean, NULL, 0, &s);   /* without a contracts file: not checked */
    assert_int_equal(s.n, 0);
}

static void an_indicator_no_party_scores_warns(void **state)
{
    (void)state;
    lint_variant("    party: buyer\n", "", "no-party", 36, "indicator files has party none");
    lint_variant("            points: 40\n", "            points: 40\n            party: none\n", "no-party", 39,
                 "no party scores it");
}

static void entered_scores_without_a_tolerance_are_a_note(void **state)
{
    (void)state;
    char *text = variant("{entered: true, tolerance: 5}", "{entered: true}");
    seen s;
    assert_int_equal(lint_text(text, NULL, 0, &s), 0);
    assert_one(&s, "no-tolerance", 39, "no tolerance");
    assert_int_equal(s.sev[0], JZ_NOTE);
    free(text);
}

static void bands_whose_awards_rise_as_the_threshold_falls_warn(void **state)
{
    (void)state;
    lint_variant("[[100%, 1], [80%, 2/3], [60%, 1/3]], below: 0", "[[100%, 1], [80%, 2/3], [60%, 3/4]], below: 0",
                 "bands-rising", 24, "band ≥60 % awards 3/4, more than band ≥80 %'s 2/3");
    lint_variant("[[100%, 1], [80%, 2/3], [60%, 1/3]], below: 0", "[[100%, 1], [80%, 2/3], [60%, 1/3]], below: 1/2",
                 "bands-rising", 24, "below the bands awards 1/2, more than band ≥60 %'s 1/3");
}

static void lower_is_better_bands_must_reward_the_lowest_threshold_most(void **state)
{
    (void)state;
    seen s;
    char *good = variant("below: 0}\n", "below: 0}\n        direction: lower\n");
    char *text = variant("[[100%, 1], [80%, 2/3], [60%, 1/3]], below: 0}\n",
                         "[[100%, 1/3], [80%, 2/3], [60%, 1]], below: 0}\n        direction: lower\n");
    assert_int_equal(lint_text(text, NULL, 0, &s), 0);   /* 60 % or less earns all: fine */
    assert_int_equal(s.n, 0);
    lint_text(good, NULL, 0, &s);                         /* the higher-is-better bands reversed */
    assert_int_equal(s.n, 1);
    assert_string_equal(s.codes[0], "bands-rising");
    assert_non_null(strstr(s.msgs[0], "band ≤80 % awards 2/3, more than band ≤60 %'s 1/3"));
    free(good);
    free(text);
}

static void a_veto_that_can_never_trigger_warns(void **state)
{
    (void)state;
    lint_variant("below: 5, cap_total: 59", "below: 0, cap_total: 59", "veto-never", 14, "it can never trigger");
    lint_variant("{id: fraud, finding: FRAUD, grade: fail}", "{id: fraud, finding: FRAUD, cap_total: 100}",
                 "veto-never", 13, "it never changes a result");
    /* an indicator that earns at least a quarter of its 40 points never falls below 10 */
    char *text = variant("[60%, 1/3]], below: 0}", "[60%, 1/3]], below: 1/4}");
    char *text2 = NULL;
    size_t n = strlen(text) + 64;
    text2 = malloc(n);
    const char *at = strstr(text, "indicator: files, below: 5");
    snprintf(text2, n, "%.*sindicator: cases, below: 10%s", (int)(at - text), text,
             at + strlen("indicator: files, below: 5"));
    seen s;
    lint_text(text2, NULL, 0, &s);
    assert_one(&s, "veto-never", 14, "earns at least 10");
    free(text);
    free(text2);
}

static void a_veto_below_the_indicators_points_always_triggers(void **state)
{
    (void)state;
    lint_variant("below: 5, cap_total: 59", "below: 41, cap_total: 59", "veto-always", 14, "more than its 40 points");
}

static void a_where_on_a_measure_that_reads_no_records_warns(void **state)
{
    (void)state;
    lint_variant("{entered: true, tolerance: 5}", "{entered: true, tolerance: 5, where: {kind: case}}", "where-ignored",
                 39, "an entered measure does not filter records");
}

/* A rubric from memory is the rubric of the same bytes in a file: same indicators and
 * the same SHA-256, under the name given; its extends is a path on disk. */
static void a_rubric_from_memory_is_the_rubric_of_the_same_file(void **state)
{
    (void)state;
    jz_rubric a, b;
    tmpfile_ t;
    load(&a, clean, &t);
    jz_error err;
    assert_int_equal(jz_rubric_load_buffer(&b, clean, strlen(clean), "clean.yaml", &err), JZ_OK);
    assert_string_equal(b.path, "clean.yaml");
    assert_int_equal(b.nfiles, 1);
    assert_string_equal(b.files[0], "clean.yaml");
    assert_string_equal(a.sha256, b.sha256);
    assert_non_null(jz_rubric_find(&b, "visits"));
    jz_rubric_free(&b);
    char text[200];
    snprintf(text, sizeof text, "extends: %s\nid: o\nversion: \"2\"\nremove: [visits]\n", t.path);
    assert_int_equal(jz_rubric_load_buffer(&b, text, strlen(text), "top.yaml", &err), JZ_OK);
    assert_int_equal(b.nfiles, 2);
    assert_null(jz_rubric_find(&b, "visits"));
    jz_rubric_free(&b);
    const char *missing = "extends: no-such-base.yaml\nid: o\nversion: \"2\"\n";
    assert_int_equal(jz_rubric_load_buffer(&b, missing, strlen(missing), "top.yaml", &err), JZ_EIO);
    assert_string_equal(err.file, "no-such-base.yaml");
    jz_rubric_free(&a);
    unlink(t.path);
}

static void an_overlay_is_linted_at_its_own_lines(void **state)
{
    (void)state;
    jz_rubric r;
    tmpfile_ base, top;
    write_file(&base, clean);
    char text[600];
    snprintf(text, sizeof text,
             "extends: %s\n"                                   /* 1 */
             "id: o\n"                                         /* 2 */
             "version: \"2\"\n"                                /* 3 */
             "remove: [visits]\n"                              /* 4 */
             "override:\n"                                     /* 5 */
             "  cases:\n"                                      /* 6 */
             "    score:\n"                                    /* 7 */
             "      method: bands\n"                           /* 8 */
             "      bands: [[100%%, 1/2], [50%%, 1]]\n",       /* 9 */
             base.path);
    load(&r, text, &top);
    seen s;
    memset(&s, 0, sizeof s);
    jz_diag diag;
    jz_diag_init(&diag, collect, &s);
    assert_int_equal(jz_rubric_lint(&r, NULL, &diag), 2);
    assert_int_equal(s.n, 2);
    /* the overlay's finding first (its file first), then the base's */
    assert_string_equal(s.codes[0], "bands-rising");
    assert_int_equal(s.lines[0], 9);
    assert_string_equal(s.codes[1], "section-sum");
    assert_int_equal(s.lines[1], 17);
    assert_non_null(strstr(s.msgs[1], "after the changes in"));
    jz_rubric_free(&r);
    unlink(base.path);
    unlink(top.path);
}

/* ---- diff ---- */

/* Diff the clean rubric against a variant; the one difference must be of kind k. */
static void diff_variant(const char *from, const char *to, jz_rdiff_kind k, const char *subject, const char *a,
                         const char *b)
{
    jz_rubric ra, rb;
    /* both from memory: a diff needs no file */
    char *text = variant(from, to);
    load_mem(&ra, clean, "a.yaml");
    load_mem(&rb, text, "b.yaml");
    jz_rubric_diff d;
    jz_rubric_diff_make(&ra, &rb, &d);
    for (size_t i = 0; d.n != 1 && i < d.n; i++)
        print_error("%s %s: %s -> %s\n", jz_rdiff_kind_name(d.v[i].kind), d.v[i].subject, d.v[i].a, d.v[i].b);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].kind, k);
    assert_string_equal(d.v[0].subject, subject);
    if (strcmp(d.v[0].a, a) != 0 || strcmp(d.v[0].b, b) != 0)
        print_error("got '%s' -> '%s'\n", d.v[0].a, d.v[0].b);
    assert_string_equal(d.v[0].a, a);
    assert_string_equal(d.v[0].b, b);
    jz_rubric_diff_free(&d);
    jz_rubric_free(&ra);
    jz_rubric_free(&rb);
    free(text);
}

static void a_rubric_does_not_differ_from_itself(void **state)
{
    (void)state;
    jz_rubric a, b;
    /* both from memory: a diff needs no file */
    load_mem(&a, clean, "a.yaml");
    load_mem(&b, clean, "b.yaml");
    jz_rubric_diff d;
    jz_rubric_diff_make(&a, &b, &d);
    assert_int_equal(d.n, 0);
    jz_rubric_diff_free(&d);
    jz_rubric_free(&a);
    jz_rubric_free(&b);
}

static void diff_finds_a_new_scale(void **state)
{
    (void)state;
    diff_variant("scale: 100\n", "scale: 1000\n", JZ_RD_SCALE, "", "100", "1000");
}

static void diff_finds_each_header_change(void **state)
{
    (void)state;
    diff_variant("total: 1,", "total: 0,", JZ_RD_ROUNDING, "",
                 "indicators to 2 decimals, the total to 1 decimal, half up",
                 "indicators to 2 decimals, the total to 0 decimals, half up");
    diff_variant("{grade: good, min: 80}", "{grade: good, min: 85}", JZ_RD_GRADES, "",
                 "good ≥ 80, pass ≥ 60 (pass), fail ≥ 0", "good ≥ 85, pass ≥ 60 (pass), fail ≥ 0");
    diff_variant("pass_grade: pass", "pass_grade: good", JZ_RD_PASS_GRADE, "", "pass", "good");
    diff_variant("min_coverage: 50%", "min_coverage: 80%", JZ_RD_NOT_APPLICABLE, "",
                 "re-weight: an indicator that cannot be scored is left out and the rest scaled to the full scale; "
                 "no grade below 50 % coverage",
                 "re-weight: an indicator that cannot be scored is left out and the rest scaled to the full scale; "
                 "no grade below 80 % coverage");
    diff_variant("deductions: {cap: 10}\n", "", JZ_RD_DEDUCTIONS, "",
                 "inspection findings' points, at most 10 off the total", "none: findings are not deducted");
}

static void diff_finds_veto_changes(void **state)
{
    (void)state;
    diff_variant("  - {id: fraud, finding: FRAUD, grade: fail}\n", "", JZ_RD_VETO_REMOVED, "fraud",
                 "a finding FRAUD forces grade fail", "");
    diff_variant("  - {id: fraud, finding: FRAUD, grade: fail}\n",
                 "  - {id: fraud, finding: FRAUD, grade: fail}\n  - {id: late, finding: LATE, cap_total: 70}\n",
                 JZ_RD_VETO_ADDED, "late", "", "a finding LATE caps the total at 70");
    diff_variant("below: 5, cap_total: 59", "below: 8, cap_total: 59", JZ_RD_VETO_CHANGED, "low_files",
                 "indicator files earning below 5 points caps the total at 59",
                 "indicator files earning below 8 points caps the total at 59");
}

static void diff_finds_section_changes(void **state)
{
    (void)state;
    diff_variant("        points: 40\n        indicators:", "        points: 45\n        indicators:",
                 JZ_RD_SECTION_POINTS, "files_section", "40", "45");
    diff_variant("      - id: files_section\n", "      - id: extra\n        points: 0\n        indicators: []\n"
                 "      - id: files_section\n", JZ_RD_SECTION_ADDED, "extra", "", "0 points in quality/extra");
}

static void diff_finds_each_indicator_change(void **state)
{
    (void)state;
    diff_variant("      - id: visits\n        points: 20\n", "      - id: visits\n        points: 25\n", JZ_RD_POINTS,
                 "visits", "20", "25");
    diff_variant("    party: buyer", "    party: supervisor", JZ_RD_PARTY, "files", "buyer", "supervisor");
    diff_variant("{kind: visit}", "{kind: [visit, case]}", JZ_RD_MEASURE, "visits", "records where kind=visit",
                 "records where kind=case|visit");
    diff_variant("target: 100\n", "target: {value: 100, prorate: true}\n", JZ_RD_TARGET, "visits", "100",
                 "100, pro-rated");
    diff_variant("score: proportional", "score: {method: threshold, at: 80%}", JZ_RD_SCORING, "visits",
                 "proportional: (value ÷ target) × points, at most all", "threshold: all the points at ≥ 80 %, else none");
}

static void diff_finds_added_removed_and_moved_indicators(void **state)
{
    (void)state;
    jz_rubric a, b;
    /* both from memory: a diff needs no file */
    /* visits moves into the quality section, cases goes, calls comes */
    char *one = variant("      - id: cases\n        points: 40\n"
                        "        measure: {count_distinct: client, where: {kind: case, mode: direct}, having: {min_rows: 6}}\n"
                        "        target: {contract: target_cases, prorate: true}\n"
                        "        score: {method: bands, bands: [[100%, 1], [80%, 2/3], [60%, 1/3]], below: 0}\n"
                        "      - id: visits\n        points: 20\n"
                        "        measure: {count: records, where: {kind: visit}}\n"
                        "        target: 100\n        score: proportional\n",
                        "      - id: calls\n        points: 20\n"
                        "        measure: {count: records, where: {kind: consult}}\n");
    size_t n = strlen(one) + 200;
    char *two = malloc(n);
    const char *at = strstr(one, "          - id: files\n");
    snprintf(two, n, "%.*s          - id: visits\n            points: 20\n"
                 "            measure: {count: records, where: {kind: visit}}\n"
                 "            target: 100\n            score: proportional\n%s",
            (int)(at - one), one, at);
    load_mem(&a, clean, "a.yaml");
    load_mem(&b, two, "b.yaml");
    jz_rubric_diff d;
    jz_rubric_diff_make(&a, &b, &d);
    int removed = 0, added = 0, moved = 0, party = 0;
    for (size_t i = 0; i < d.n; i++) {
        const jz_rdiff *x = &d.v[i];
        removed += x->kind == JZ_RD_REMOVED && strcmp(x->subject, "cases") == 0 &&
                   strcmp(x->a, "40 points in outputs") == 0;
        added += x->kind == JZ_RD_ADDED && strcmp(x->subject, "calls") == 0;
        moved += x->kind == JZ_RD_SECTION && strcmp(x->subject, "visits") == 0 &&
                 strcmp(x->b, "quality/files_section") == 0;
        party += x->kind == JZ_RD_PARTY && strcmp(x->subject, "visits") == 0;
    }
    assert_int_equal(removed, 1);
    assert_int_equal(added, 1);
    assert_int_equal(moved, 1);
    assert_int_equal(party, 1);   /* it inherits its new section's party */
    jz_rubric_diff_free(&d);
    jz_rubric_free(&a);
    jz_rubric_free(&b);
    free(one);
    free(two);
}

/* ---- words ---- */

static void words_read_as_the_rubric_means(void **state)
{
    (void)state;
    jz_rubric r;
    /* from memory */
    load_mem(&r, clean, "clean.yaml");
    const jz_indicator *cases = jz_rubric_find(&r, "cases"), *visits = jz_rubric_find(&r, "visits");
    char *m = jz_measure_words(&cases->m), *tg = jz_target_words(&cases->target), *sc = jz_scoring_words(cases);
    assert_string_equal(m, "distinct clients with ≥ 6 rows where kind=case, mode=direct");
    assert_string_equal(tg, "contract target_cases, pro-rated");
    assert_string_equal(sc, "bands ≥100 % 1, ≥80 % 2/3, ≥60 % 1/3, below 0");
    free(m);
    free(tg);
    free(sc);
    tg = jz_target_words(&visits->target);
    assert_string_equal(tg, "100");
    free(tg);
    char *e0 = jz_grade_edges(&r, 0), *e1 = jz_grade_edges(&r, 1), *e2 = jz_grade_edges(&r, 2);
    assert_string_equal(e0, "80.0 – 100.0");
    assert_string_equal(e1, "60.0 – 79.9");
    assert_string_equal(e2, "0.0 – 59.9");
    free(e0);
    free(e1);
    free(e2);
    char *v = jz_veto_words(&r.vetoes[1]);
    assert_string_equal(v, "indicator files earning below 5 points caps the total at 59");
    free(v);
    char buf[32];
    assert_string_equal(jz_points_text(125000, buf, sizeof buf), "12.5");
    assert_string_equal(jz_points_text(350000, buf, sizeof buf), "35");
    assert_string_equal(jz_percent_text(6050, buf, sizeof buf), "60.5 %");
    jz_rubric_free(&r);
}

/* The measure-kind table is in the order of the enum, every key is unique, and every
 * kind is documented in jiazong-rubric(5)'s MEASURES (a new kind is one row and its parser:
 * this test fails until its page says what it does). */
static void the_measure_kind_table_is_complete(void **state)
{
    (void)state;
    FILE *fp = fopen("man/jiazong-rubric.5", "r");
    assert_non_null(fp);
    static char page[400000];
    size_t n = fread(page, 1, sizeof page - 1, fp);
    fclose(fp);
    page[n] = '\0';
    const char *measures = strstr(page, ".Sh MEASURES"), *where = strstr(page, ".Sh WHERE");
    assert_non_null(measures);
    assert_non_null(where);
    for (size_t i = 0; i < JZ_M_N; i++) {
        const jz_mkind_def *k = jz_measure_kind((jz_mkind)i);
        assert_int_equal(k->kind, (jz_mkind)i);
        assert_non_null(k->parse);
        assert_non_null(k->article);
        assert_non_null(k->ratio);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(jz_measure_kinds[j].key, k->key);
        char item[64];
        snprintf(item, sizeof item, ".It Li %s", k->key);
        const char *at = strstr(measures, item);
        if (!at || at > where)
            fail_msg("measure kind %s is not documented in MEASURES", k->key);
    }
    /* a measure with none of the keys names all of them, from the table */
    jz_rubric r;
    jz_error err;
    const char *text = "id: t\nversion: \"1\"\nscale: 100\nrounding: {indicator: 2, total: 1, mode: half_up}\n"
                       "grades:\n  - {grade: 合格, min: 60}\n  - {grade: 不合格, min: 0}\npass_grade: 合格\n"
                       "not_applicable: {policy: reweight, min_coverage: 0}\n"
                       "sections:\n  - id: s\n    indicators:\n      - {id: x, points: 1, measure: {where: {kind: case}}}\n";
    assert_int_equal(jz_rubric_load_buffer(&r, text, strlen(text), "t.yaml", &err), JZ_EINPUT);
    assert_string_equal(err.msg, "a measure needs one of: count, sum, count_distinct, share, ratio, hours_check, "
                                 "entered, survey");
}

/* A section's deduction_cap that no priced code counts against, and a veto on a share or
 * the coverage below 0 %, can never do anything: lint says so at the key. */
static void caps_and_vetoes_that_cannot_act_warn(void **state)
{
    (void)state;
    lint_variant("    points: 60\n", "    points: 60\n    deduction_cap: 5\n", "deduction-cap-unused", 18,
                 "no finding code of deductions.codes counts against it");
    lint_variant("  - {id: low_files, indicator: files, below: 5, cap_total: 59}\n",
                 "  - {id: low_files, coverage_below: 0%, cap_total: 59}\n", "veto-never", 14, "can never trigger");
    lint_variant("  - {id: low_files, indicator: files, below: 5, cap_total: 59}\n",
                 "  - {id: low_files, section: outputs, below: 0%, cap_total: 59}\n", "veto-never", 14,
                 "no section's share is below that");
}

/* The kinds' table: a row per kind, in the order of jz_mkind, each with its parser, unit
 * and words; names unique (the loader, checker, engine and diff find a kind there). */
static void every_measure_kind_has_a_full_row(void **state)
{
    (void)state;
    for (size_t i = 0; i < JZ_M_N; i++) {
        const jz_mkind_def *k = &jz_measure_kinds[i];
        assert_int_equal(k->kind, i);
        assert_non_null(k->parse);
        assert_non_null(k->unit);
        assert_non_null(k->words);
        assert_true(k->inputs != 0);
        assert_ptr_equal(jz_measure_kind_named(k->key), k);
    }
    assert_null(jz_measure_kind_named("median_of_something"));
    jz_measure m = {.kind = JZ_M_SUM, .sum = JZ_SUM_HOURS,
                    .where = {.any = true, .date_from = JZ_NO_DAY, .date_to = JZ_NO_DAY, .hours_min = -1,
                              .hours_max = -1, .participants_min = -1, .participants_max = -1,
                              .time_from = -1, .time_to = -1, .counted = -1}};
    assert_string_equal(jz_measure_kind(JZ_M_SUM)->unit(&m).name, "h");
    assert_int_equal(jz_measure_kind(JZ_M_SUM)->unit(&m).decimals, 1);
    char *w = jz_measure_words(&m);
    assert_string_equal(w, "sum of hours");
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_measure_kind_has_a_full_row),
        cmocka_unit_test(a_clean_rubric_has_no_findings),
        cmocka_unit_test(lint_from_memory_finds_what_lint_of_the_file_finds),
        cmocka_unit_test(a_rubric_without_lang_gets_a_note),
        cmocka_unit_test(the_measure_kind_table_is_complete),
        cmocka_unit_test(caps_and_vetoes_that_cannot_act_warn),
        cmocka_unit_test(indicators_that_do_not_add_up_to_their_section_warn_at_its_points),
        cmocka_unit_test(sections_that_do_not_add_up_to_their_parent_warn),
        cmocka_unit_test(top_sections_that_do_not_add_up_to_the_scale_warn_at_the_scale),
        cmocka_unit_test(a_grade_above_the_scale_is_unreachable),
        cmocka_unit_test(a_pass_grade_that_is_the_lowest_warns),
        cmocka_unit_test(a_target_column_the_contracts_lack_warns_with_did_you_mean),
        cmocka_unit_test(an_indicator_no_party_scores_warns),
        cmocka_unit_test(entered_scores_without_a_tolerance_are_a_note),
        cmocka_unit_test(bands_whose_awards_rise_as_the_threshold_falls_warn),
        cmocka_unit_test(lower_is_better_bands_must_reward_the_lowest_threshold_most),
        cmocka_unit_test(a_veto_that_can_never_trigger_warns),
        cmocka_unit_test(a_veto_below_the_indicators_points_always_triggers),
        cmocka_unit_test(a_where_on_a_measure_that_reads_no_records_warns),
        cmocka_unit_test(an_overlay_is_linted_at_its_own_lines),
        cmocka_unit_test(a_rubric_from_memory_is_the_rubric_of_the_same_file),
        cmocka_unit_test(a_rubric_does_not_differ_from_itself),
        cmocka_unit_test(diff_finds_a_new_scale),
        cmocka_unit_test(diff_finds_each_header_change),
        cmocka_unit_test(diff_finds_veto_changes),
        cmocka_unit_test(diff_finds_section_changes),
        cmocka_unit_test(diff_finds_each_indicator_change),
        cmocka_unit_test(diff_finds_added_removed_and_moved_indicators),
        cmocka_unit_test(words_read_as_the_rubric_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
