/* test_score_where.c — jz-score's where on kind, mode, place and target (score.c): a where
 * made only of those (the loader marks it enums_only) is decided by four bit masks alone;
 * any other where goes through where_match. Both routes, and a reference written here
 * from jiazong-rubric(5)'s words ("every condition given must hold, and a list matches
 * any of its values"; not leaves out what it matches), must pick exactly the same rows.
 *
 * The records are every combination of the four columns: 8 kinds x (2 modes or none) x
 * (5 places or none) x (8 targets or none) = 1296 rows, each fed to the scorer as read
 * and again with its kind marked not read (jz_field.ok false: the masks' "value not
 * read" bit), 2592 rows in all. Each condition is an indicator twice: as written (masks
 * only) and with a date condition every row meets added (date: {from: 2024-01-01}: the
 * where is no longer enums_only, where_match decides). The evidence sink says, row by
 * row, which indicators counted it; those sets are compared with the reference's. A
 * ratio's num and den and a share's whole and part are leaves of their own (one mask
 * each), checked by the evidence's part ("num", "den", "num+den"; "part", "whole").
 * Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/calendar.h"
#include "jz/contract.h"
#include "jz/diag.h"
#include "jz/rubric.h"
#include "jz/rules.h"
#include "jz/score.h"
#include "jz/table.h"

#define CALENDAR "rubrics/calendar/cn-holidays.csv"
#define RULES "rubrics/rules/guangzhou-hours.yaml"

/* The values, in the order of jiazong-records(5) (the man page's lists, not the schema's
 * tables: the reference must not share the code's). "" is an empty (optional) value. */
static const char *const kinds[] = {"case", "group", "community", "visit", "consult", "training",
                                    "supervision", "admin"};
static const char *const modes[] = {"direct", "indirect", ""};
static const char *const places[] = {"centre", "community", "home", "online", "other", ""};
static const char *const targets[] = {"elderly", "youth", "children", "family", "disabled", "migrant",
                                      "community", "other", ""};
#define NK 8
#define NM 3
#define NP 6
#define NT 9
#define NROWS (NK * NM * NP * NT)
#define NFED (2 * NROWS)

/* Row r (0-based, in file order): its values; fed again as row NROWS + r with the kind
 * not read. */
typedef struct rowv {
    const char *v[4];  /* kind, mode, place, target; NULL: not read */
} rowv;

static rowv row_of(int r)
{
    int fed = r;
    r %= NROWS;
    rowv x = {{kinds[r / (NM * NP * NT)], modes[r / (NP * NT) % NM], places[r / NT % NP], targets[r % NT]}};
    if (fed >= NROWS)
        x.v[0] = NULL;
    return x;
}

/* A condition: for each of kind, mode, place, target a space-separated list of values
 * (NULL: no condition), written as a scalar (one value), a [list] or an {in: [list]}. */
typedef struct cond {
    const char *f[4];
    int in_form;         /* 1: {in: [...]} */
} cond;

static const char *const keys[4] = {"kind", "mode", "place", "target"};

static bool in_list(const char *list, const char *v)
{
    size_t n = strlen(v);
    for (const char *s = list; *s;) {
        const char *e = strchr(s, ' ');
        size_t k = e ? (size_t)(e - s) : strlen(s);
        if (k == n && memcmp(s, v, n) == 0)
            return true;
        s += k + (e != NULL);
    }
    return false;
}

/* The reference: every condition given holds; a value not read or empty is in no list. */
static bool ref_match(const cond *c, const rowv *x)
{
    for (int i = 0; i < 4; i++)
        if (c->f[i] && (!x->v[i] || !x->v[i][0] || !in_list(c->f[i], x->v[i])))
            return false;
    return true;
}

/* The where's YAML body (no braces) of c. */
static void yaml_of(const cond *c, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < 4; i++) {
        if (!c->f[i])
            continue;
        const char *sp = strchr(c->f[i], ' ');
        char list[256];
        size_t k = 0;
        for (const char *s = c->f[i]; *s; s++)
            k += (size_t)snprintf(list + k, sizeof list - k, *s == ' ' ? ", " : "%c", *s);
        if (c->in_form)
            n += (size_t)snprintf(buf + n, cap - n, "%s%s: {in: [%s]}", n ? ", " : "", keys[i], list);
        else if (sp)
            n += (size_t)snprintf(buf + n, cap - n, "%s%s: [%s]", n ? ", " : "", keys[i], list);
        else
            n += (size_t)snprintf(buf + n, cap - n, "%s%s: %s", n ? ", " : "", keys[i], list);
    }
}

/* Equality, lists (or), several columns (and), the first and the last value of each
 * enumeration (bits 0 and 7), every value of one (still not an empty or unread value),
 * "community", a value of kind, place and target alike (three different bits), and no
 * condition at all. */
static const cond conds[] = {
    {{"case", NULL, NULL, NULL}, 0},
    {{"admin", NULL, NULL, NULL}, 0},
    {{"case group", NULL, NULL, NULL}, 0},
    {{"visit admin", NULL, NULL, NULL}, 1},
    {{"case group community visit consult training supervision admin", NULL, NULL, NULL}, 0},
    {{NULL, "direct", NULL, NULL}, 0},
    {{NULL, "indirect", NULL, NULL}, 1},
    {{NULL, "direct indirect", NULL, NULL}, 0},
    {{NULL, NULL, "centre", NULL}, 0},
    {{NULL, NULL, "other", NULL}, 0},
    {{NULL, NULL, "home online other", NULL}, 0},
    {{NULL, NULL, NULL, "elderly", }, 0},
    {{NULL, NULL, NULL, "other", }, 0},
    {{NULL, NULL, NULL, "community other"}, 1},
    {{NULL, NULL, NULL, "elderly youth children family disabled migrant community other"}, 0},
    {{"case", "direct", NULL, NULL}, 0},
    {{"case visit", "direct", NULL, NULL}, 0},
    {{"case group", NULL, "home centre", "elderly youth children"}, 0},
    {{"consult training supervision", "indirect", "online", "migrant disabled"}, 1},
    {{NULL, NULL, "community", "community"}, 0},
    {{"community", NULL, "community", "community"}, 0},
    {{"admin", "indirect", "other", "other"}, 0},
    {{NULL, NULL, NULL, NULL}, 0},  /* where: {}: every row */
};
#define NCONDS (sizeof conds / sizeof conds[0])

/* Negations (not: a where of the rows to leave out): where_match's, checked against the
 * reference. outer: the where's own conditions (all NULL: none). */
typedef struct negation {
    cond outer, not_;
    bool twice;          /* not: {not: {...}}: the rows of not_ */
} negation;

static const negation negs[] = {
    {{{NULL, NULL, NULL, NULL}, 0}, {{"case", NULL, NULL, NULL}, 0}, false},
    {{{"case group", NULL, NULL, NULL}, 0}, {{NULL, "indirect", NULL, NULL}, 0}, false},
    {{{NULL, NULL, NULL, NULL}, 0}, {{NULL, NULL, "online", "youth"}, 0}, false},
    {{{NULL, NULL, NULL, NULL}, 0}, {{NULL, "direct", NULL, NULL}, 0}, false},  /* empty modes stay */
    {{{"case", NULL, NULL, NULL}, 0}, {{NULL, NULL, "home", NULL}, 1}, true},
};
#define NNEGS (sizeof negs / sizeof negs[0])

static bool neg_match(const negation *g, const rowv *x)
{
    bool inner = ref_match(&g->not_, x);
    return ref_match(&g->outer, x) && (g->twice ? inner : !inner);
}

/* ---- the run ---- */

/* Indicators: m0.., g0.. (conds, masks and where_match), n0.. (negs), then one ratio
 * (num conds[2], den conds[5]) and one share (part: place community or home, of: kind
 * case group community visit consult). */
#define NIND (2 * NCONDS + NNEGS + 2)
#define RATIO_IND (2 * NCONDS + NNEGS)
#define SHARE_IND (RATIO_IND + 1)
static const cond share_part = {{NULL, NULL, "community home", NULL}, 0};
static const cond share_whole = {{"case group community visit consult", NULL, NULL, NULL}, 0};

typedef struct run {
    jz_scorer *scorer;
    unsigned char seen[NIND][NFED];  /* 1: counted; ratio: 1 num, 2 den, 3 both; share: 1 whole, 3 part */
    long bad_evidence;
} run;

static int ind_number(const char *id)
{
    int n = atoi(id + 1);
    switch (id[0]) {
    case 'm': return n;
    case 'g': return (int)NCONDS + n;
    case 'n': return 2 * (int)NCONDS + n;
    case 'r': return RATIO_IND;
    case 's': return SHARE_IND;
    }
    return -1;
}

static void on_evidence(void *ctx, const jz_evidence_row *e)
{
    run *r = ctx;
    int k = ind_number(e->indicator);
    long row = e->line - 2;  /* line 1 the header; the rows fed again: line + NROWS */
    if (k < 0 || row < 0 || row >= NFED || r->seen[k][row]) {
        r->bad_evidence++;
        return;
    }
    unsigned char v = 1;
    if (k == RATIO_IND)
        v = strcmp(e->part, "num") == 0 ? 1 : strcmp(e->part, "den") == 0 ? 2 : strcmp(e->part, "num+den") == 0 ? 3 : 9;
    else if (k == SHARE_IND)
        v = strcmp(e->part, "whole") == 0 ? 1 : strcmp(e->part, "part") == 0 ? 3 : 9;
    r->seen[k][row] = v;
}

static int on_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    run *r = ctx;
    (void)h;
    assert_int_equal(nerr, 0);
    jz_scorer_record(r->scorer, f, "records.csv", row->line);
    jz_field g[JZ_R_NCOLS];
    memcpy(g, f, sizeof g);
    g[JZ_R_KIND].ok = false;  /* the same row, its kind not read */
    jz_scorer_record(r->scorer, g, "records.csv", row->line + NROWS);
    return 0;
}

typedef struct flags {
    int enums_only[NIND];
} flags;

static void note_flags(void *ctx, const jz_section *sec, const jz_indicator *ind)
{
    (void)sec;
    flags *fl = ctx;
    int k = ind_number(ind->id);
    if (k == RATIO_IND)
        fl->enums_only[k] = ind->m.num->where.enums_only && ind->m.den->where.enums_only;
    else if (k >= 0)
        fl->enums_only[k] = ind->m.where.enums_only;
}

static char *rubric_text(void)
{
    size_t cap = 64 * 1024, n = 0;
    char *t = malloc(cap), w[512], w2[512];
    assert_non_null(t);
    n += (size_t)snprintf(t + n, cap - n,
                          "id: t\nversion: \"1\"\nscale: 100\n"
                          "rounding: {indicator: 2, total: 1, mode: half_up}\n"
                          "grades:\n  - {grade: 优秀, min: 90}\n  - {grade: 良好, min: 80}\n"
                          "  - {grade: 合格, min: 60}\n  - {grade: 不合格, min: 0}\npass_grade: 合格\n"
                          "not_applicable: {policy: reweight, min_coverage: 0}\n"
                          "sections:\n  - id: s\n    points: 100\n    party: third_party\n    indicators:\n");
#define IND(id, measure)                                                                    \
    n += (size_t)snprintf(t + n, cap - n, "      - id: %s\n        points: 1\n        measure: %s\n" \
                          "        target: 1\n", id, measure)
    char id[16], m[1400];
    for (size_t i = 0; i < NCONDS; i++) {
        yaml_of(&conds[i], w, sizeof w);
        snprintf(id, sizeof id, "m%zu", i);
        snprintf(m, sizeof m, "{count: records, where: {%s}}", w);
        IND(id, m);
        snprintf(id, sizeof id, "g%zu", i);
        snprintf(m, sizeof m, "{count: records, where: {%s%sdate: {from: 2024-01-01}}}", w, w[0] ? ", " : "");
        IND(id, m);
    }
    for (size_t i = 0; i < NNEGS; i++) {
        yaml_of(&negs[i].outer, w, sizeof w);
        yaml_of(&negs[i].not_, w2, sizeof w2);
        snprintf(id, sizeof id, "n%zu", i);
        if (negs[i].twice)
            snprintf(m, sizeof m, "{count: records, where: {%s%snot: {not: {%s}}}}", w, w[0] ? ", " : "", w2);
        else
            snprintf(m, sizeof m, "{count: records, where: {%s%snot: {%s}}}", w, w[0] ? ", " : "", w2);
        IND(id, m);
    }
    yaml_of(&conds[2], w, sizeof w);
    yaml_of(&conds[5], w2, sizeof w2);
    snprintf(m, sizeof m, "{ratio: true, num: {count: records, where: {%s}}, den: {count: records, where: {%s}}}", w,
             w2);
    IND("r0", m);
    yaml_of(&share_part, w, sizeof w);
    yaml_of(&share_whole, w2, sizeof w2);
    snprintf(m, sizeof m, "{share: {%s}, of: {%s}}", w, w2);
    IND("s0", m);
#undef IND
    assert_true(n < cap - 1);
    return t;
}

static char *records_text(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    fputs("record_id,centre,date,start,end,staff,activity,kind,mode,place,target,client,"
          "participants,hours,volunteers,volunteer_hours\n", fp);
    for (int r = 0; r < NROWS; r++) {
        rowv x = row_of(r);
        fprintf(fp, "R%05d,A,2024-01-02,,,S1,,%s,%s,%s,%s,C1,1,1,,\n", r, x.v[0], x.v[1], x.v[2], x.v[3]);
    }
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void where_routes_agree_with_each_other_and_the_reference(void **state)
{
    (void)state;
    jz_error err;
    jz_calendar *cal = jz_calendar_load(CALENDAR, &err);
    jz_rules rules;
    if (!cal || jz_rules_load(&rules, RULES, &err))
        fail_msg("%s:%ld: %s (run from the repository root)", err.file, err.line, err.msg);
    char *text = rubric_text();
    jz_rubric rb;
    jz_code code = jz_rubric_load_buffer(&rb, text, strlen(text), "rubric.yaml", &err);
    if (code)
        fail_msg("rubric: %s:%ld:%ld: %s", err.file, err.line, err.col, err.msg);
    free(text);
    /* the loader's marks: the masks route for m, r and s's whole; where_match for g and n */
    flags fl;
    memset(&fl, -1, sizeof fl);
    jz_rubric_each(&rb, note_flags, &fl);
    for (size_t i = 0; i < NCONDS; i++) {
        assert_int_equal(fl.enums_only[i], 1);
        assert_int_equal(fl.enums_only[NCONDS + i], 0);
    }
    for (size_t i = 0; i < NNEGS; i++)
        assert_int_equal(fl.enums_only[2 * NCONDS + i], 0);
    assert_int_equal(fl.enums_only[RATIO_IND], 1);
    assert_int_equal(fl.enums_only[SHARE_IND], 1);

    jz_diag diag;
    jz_diag_init(&diag, NULL, NULL);
    jz_contracts contracts;
    jz_contracts_init(&contracts);
    const char *ctext = "contract,centre,district,street,operator,start,end,budget,professional_staff,total_hours,"
                        "direct_hours\nK1,A,海珠区,南洲街,甲,2024-01-01,2024-12-31,2000000,14,27440,22852\n";
    jz_rowsrc_mem_add("contracts.csv", ctext, strlen(ctext));
    jz_table_info info;
    assert_int_equal(jz_contracts_load(&contracts, "contracts.csv", JZ_ENC_AUTO, &diag, &info, &err), JZ_OK);
    jz_rowsrc_mem_remove("contracts.csv");

    run *r = calloc(1, sizeof *r);
    assert_non_null(r);
    jz_evidence_sink sink = {on_evidence, r};
    jz_score_inputs in = {&rb, &rules, cal, &contracts, NULL, JZ_NO_DAY, &sink, NULL};
    r->scorer = jz_scorer_new(&in);
    char *rec = records_text();
    jz_rowsrc_mem_add("records.csv", rec, strlen(rec));
    code = jz_table_read("records.csv", JZ_FILE_RECORDS, JZ_ENC_AUTO, &diag, on_row, r, &info, &err);
    jz_rowsrc_mem_remove("records.csv");
    assert_int_equal(code, JZ_OK);
    assert_int_equal(r->bad_evidence, 0);

    long wrong = 0, matched = 0;
    for (int row = 0; row < NFED; row++) {
        rowv x = row_of(row);
        for (size_t i = 0; i < NCONDS; i++) {
            int want = ref_match(&conds[i], &x);
            matched += want;
            if (r->seen[i][row] != want || r->seen[NCONDS + i][row] != want) {
                if (wrong++ < 10)
                    print_error("row %d (%s,%s,%s,%s) cond %zu: masks %d, where_match %d, reference %d\n", row,
                                x.v[0] ? x.v[0] : "(not read)", x.v[1], x.v[2], x.v[3], i, r->seen[i][row],
                                r->seen[NCONDS + i][row], want);
            }
        }
        for (size_t i = 0; i < NNEGS; i++) {
            int want = neg_match(&negs[i], &x);
            if (r->seen[2 * NCONDS + i][row] != want && wrong++ < 10)
                print_error("row %d negation %zu: %d, reference %d\n", row, i, r->seen[2 * NCONDS + i][row], want);
        }
        int ratio = ref_match(&conds[2], &x) | ref_match(&conds[5], &x) << 1;
        int share = ref_match(&share_whole, &x) ? (ref_match(&share_part, &x) ? 3 : 1) : 0;
        if (r->seen[RATIO_IND][row] != ratio && wrong++ < 10)
            print_error("row %d ratio: %d, reference %d\n", row, r->seen[RATIO_IND][row], ratio);
        if (r->seen[SHARE_IND][row] != share && wrong++ < 10)
            print_error("row %d share: %d, reference %d\n", row, r->seen[SHARE_IND][row], share);
    }
    assert_int_equal(wrong, 0);
    assert_true(matched > 0);

    /* A few counts by hand, from the products of the columns (read rows only; a row whose
     * kind is not read matches no kind condition and every other one it would):
     * kind case: 1 x 3 x 6 x 9 = 162; mode direct: 8 x 1 x 6 x 9 = 432, read and not read
     * kind alike: 864; every mode (direct or indirect, not empty): 2 x 432 x 2 = 1728;
     * case or visit, direct: 2 x 1 x 6 x 9 = 108; place and target community: 8 x 3 x 1 x
     * 1 = 24, twice: 48; where {}: all 2592; not case: 7 x 162 + 1296 not read = 2430. */
    const struct { int k; long n; } counts[] = {
        {0, 162}, {5, 864}, {7, 1728}, {16, 108}, {19, 48}, {NCONDS - 1, 2592}, {2 * NCONDS, 2430},
    };
    jz_centre_result const *res;
    assert_int_equal(jz_scorer_result(r->scorer, 0, &res, &err), JZ_OK);
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        long n = 0;
        for (int row = 0; row < NFED; row++)
            n += r->seen[counts[c].k][row] != 0;
        assert_int_equal(n, counts[c].n);
        for (size_t i = 0; i < res->nind; i++)  /* and the indicator's value says the same */
            if (ind_number(res->ind[i].ind->id) == counts[c].k)
                assert_int_equal(res->ind[i].value, counts[c].n * JZ_FP);
    }
    jz_scorer_free(r->scorer);
    free(r);
    free(rec);
    jz_contracts_free(&contracts);
    jz_rubric_free(&rb);
    jz_rules_free(&rules);
    jz_calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(where_routes_agree_with_each_other_and_the_reference),
    };
    return cmocka_run_group_tests_name("score_where", tests, NULL, NULL);
}
