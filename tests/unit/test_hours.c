/* test_hours.c — contract compliance (hours.h, hours_write.h): contracts, roster and
 * records held in memory as CSV files (rowsrc.h named buffers), loaded through the real
 * readers and fed to the accumulator row by row, then evaluated against the shipped rules
 * (or a variant of them) and the bundled calendar. Every expected number was worked out by hand from
 * rubrics/rules/guangzhou-hours.yaml and rubrics/calendar/cn-holidays.csv:
 *
 *   2024 has 251 working days; 2024-01-01..06-30 has 123, 07-01..12-31 has 128.
 *   service 27440 h = 1646400 min; at 06-30: ceil(1646400 * 123 / 251) = 806802
 *     (1646400 * 123 = 202507200 = 251 * 806801 + 149)
 *   direct 22852 h = 1371120 min; at 06-30: ceil(1371120 * 123 / 251) = 671904
 *     (168647760 = 251 * 671903 + 107)
 *   training 1260 h = 75600 min; at 06-30: ceil(9298800 / 251) = 37048 (251 * 37047 + 3)
 *   supervision 1172 h = 70320 min; at 06-30: ceil(8649360 / 251) = 34460 (251 * 34459 + 151)
 *   calendar days: 2024-01-01..06-30 is 182 of 366 days: ceil(1646400 * 182 / 366) = 818702
 *     (299644800 = 366 * 818701 + 234)
 *   per worker 1960 h = 117600 min; 80 % = 94080, 110 % = 129360;
 *     07-01..12-31: ceil(117600 * 128 / 251) = 59972 (15052800 = 251 * 59971 + 79)
 *   bid cap ceil(1646400 * 11000 / 10000) = 1811040 min = 30184 h exactly.
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
#include "jz/hours.h"
#include "jz/hours_write.h"
#include "jz/roster.h"
#include "jz/rules.h"
#include "jz/table.h"

#define CALENDAR "rubrics/calendar/cn-holidays.csv"
#define RULES "rubrics/rules/guangzhou-hours.yaml"

#define CONTRACTS_HEAD "contract,centre,district,street,operator,start,end,budget,professional_staff,total_hours,direct_hours\n"
#define ROSTER_HEAD "staff,centre,name,qualification,profession,counted,start_date,end_date\n"
#define RECORDS_HEAD "record_id,centre,date,start,end,staff,kind,mode,place,hours\n"

/* A base contract of centre A for 2024, nothing but the budget given. */
#define BASE_2024 CONTRACTS_HEAD "K1,A,番禺区,大石街,启航社工,2024-01-01,2024-12-31,2000000,,,\n"

static jz_calendar *cal;
static jz_rules shipped;

static jz_day day(const char *s)
{
    jz_day d = 0;
    assert_true(jz_date_parse(s, strlen(s), &d));
    return d;
}

/* The input `name` held in memory (rowsrc.h named buffers): the readers read a copy of
 * text (*keep, freed by run_free) under that name, which their diagnostics give. */
static void mem_file(char path[64], char **keep, const char *name, const char *text)
{
    snprintf(path, 64, "%s", name);
    *keep = strdup(text);
    assert_non_null(*keep);
    jz_rowsrc_mem_add(path, *keep, strlen(*keep));
}

/* The shipped rules with `method: working_days` replaced by `method: <method>`. */
static void load_variant(jz_rules *r, const char *method)
{
    FILE *fp = fopen(RULES, "rb");
    assert_non_null(fp);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    const char *at = strstr(text, "method: working_days");
    assert_non_null(at);
    char *out = malloc(n + 64);
    assert_non_null(out);
    snprintf(out, n + 64, "%.*smethod: %s%s", (int)(at - text), text, method, at + strlen("method: working_days"));
    jz_error err;
    jz_code code = jz_rules_load_buffer(r, out, strlen(out), "rules-variant.yaml", &err);
    free(out);
    if (code)
        print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_int_equal(code, JZ_OK);
}

static int setup(void **state)
{
    (void)state;
    jz_error err;
    cal = jz_calendar_load(CALENDAR, &err);
    if (!cal || jz_rules_load(&shipped, RULES, &err)) {
        print_error("%s:%ld: %s (run from the repository root)\n", err.file, err.line, err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jz_calendar_free(cal);
    jz_rules_free(&shipped);
    return 0;
}

/* ---- records as CSV text ---- */

typedef struct records {
    char *buf;
    size_t len;
    FILE *fp;
    int next_id;
} records;

static void records_begin(records *r)
{
    r->buf = NULL;
    r->fp = open_memstream(&r->buf, &r->len);
    assert_non_null(r->fp);
    fputs(RECORDS_HEAD, r->fp);
    r->next_id = 1;
}

/* `minutes` of one kind/mode/place by one staff member on one date: rows of 24 h (the
 * hours column), then the rest as one row timed by start and end. */
static void add(records *r, const char *centre, const char *date, const char *staff, const char *kind,
                const char *mode, const char *place, int64_t minutes)
{
    for (; minutes >= 1440; minutes -= 1440)
        fprintf(r->fp, "R%d,%s,%s,,,%s,%s,%s,%s,24\n", r->next_id++, centre, date, staff, kind, mode, place);
    if (minutes > 0)
        fprintf(r->fp, "R%d,%s,%s,00:00,%02d:%02d,%s,%s,%s,%s,\n", r->next_id++, centre, date,
                (int)(minutes / 60), (int)(minutes % 60), staff, kind, mode, place);
}

/* Professional service (a case, direct, in the community) of centre A. */
static void service(records *r, const char *date, const char *staff, int64_t minutes)
{
    add(r, "A", date, staff, "case", "direct", "community", minutes);
}

static char *records_end(records *r)
{
    assert_int_equal(fclose(r->fp), 0);
    return r->buf;
}

/* ---- one run: files, loaded inputs, the accumulator and one result ---- */

typedef struct run {
    char cpath[64], spath[64], rpath[64];
    char *ctext, *stext, *rtext;  /* the bytes held under those names */
    bool has_roster;
    jz_contracts contracts;
    jz_roster roster;
    jz_diag diag;
    jz_hours_acc *acc;
    jz_hours_result res;
    bool evaluated;
} run;

static void print_diag(void *ctx, const jz_diag_msg *m)
{
    (void)ctx;
    if (m->sev == JZ_ERROR)
        print_error("%s:%ld:%ld: %s [%s]\n", m->file, m->line, m->col, m->message, m->code);
}

typedef struct feed {
    jz_hours_acc *acc;
    const char *file;
    int bad;
    const jz_contracts *contracts;
} feed;

static int on_record(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    feed *fd = ctx;
    (void)h;
    if (nerr)
        fd->bad++;
    else {
        /* the contract it returns is the one jz_contracts_for gives the row's centre and date */
        const jz_contract *k = jz_hours_acc_add(fd->acc, f, fd->file, row->line);
        char *centre = strndup(f[JZ_R_CENTRE].s, f[JZ_R_CENTRE].n);
        assert_non_null(centre);
        assert_ptr_equal(k, jz_contracts_for(fd->contracts, centre, f[JZ_R_DATE].v.day, NULL));
        free(centre);
    }
    return 0;
}

/* Load contracts, roster (NULL: none) and records (freed here) and accumulate with as_of. */
static void run_start(run *x, const jz_rules *rules, const char *contracts, const char *roster,
                      char *records_text, jz_day as_of)
{
    memset(x, 0, sizeof *x);
    jz_diag_init(&x->diag, print_diag, NULL);
    jz_error err;
    jz_table_info info;
    mem_file(x->cpath, &x->ctext, "contracts.csv", contracts);
    jz_contracts_init(&x->contracts);
    assert_int_equal(jz_contracts_load(&x->contracts, x->cpath, JZ_ENC_AUTO, &x->diag, &info, &err), JZ_OK);
    jz_roster_init(&x->roster);
    if (roster) {
        x->has_roster = true;
        mem_file(x->spath, &x->stext, "roster.csv", roster);
        assert_int_equal(jz_roster_load(&x->roster, x->spath, JZ_ENC_AUTO, &x->diag, &info, &err), JZ_OK);
    }
    mem_file(x->rpath, &x->rtext, "records.csv", records_text);
    free(records_text);
    x->acc = jz_hours_acc_new(rules, &x->contracts, as_of);
    feed fd = {x->acc, x->rpath, 0, &x->contracts};
    assert_int_equal(jz_table_read(x->rpath, JZ_FILE_RECORDS, JZ_ENC_AUTO, &x->diag, on_record, &fd, &info, &err),
                     JZ_OK);
    assert_int_equal(fd.bad, 0);
    assert_int_equal(x->diag.count[JZ_ERROR], 0);
}

/* Evaluate contract ci; the evaluation must succeed. */
static jz_hours_result *run_eval(run *x, size_t ci, jz_day as_of, bool by_staff)
{
    jz_error err;
    jz_error_clear(&err);
    if (x->evaluated)
        jz_hours_result_free(&x->res);
    jz_code code = jz_hours_evaluate(x->acc, ci, x->has_roster ? &x->roster : NULL, cal, as_of, by_staff,
                                     &x->res, &err);
    if (code)
        print_error("%s\n", err.msg);
    assert_int_equal(code, JZ_OK);
    x->evaluated = true;
    return &x->res;
}

static void run_free(run *x)
{
    if (x->evaluated)
        jz_hours_result_free(&x->res);
    jz_hours_acc_free(x->acc);
    jz_contracts_free(&x->contracts);
    jz_roster_free(&x->roster);
    jz_rowsrc_mem_remove(x->cpath);
    jz_rowsrc_mem_remove(x->rpath);
    if (x->has_roster)
        jz_rowsrc_mem_remove(x->spath);
    free(x->ctext);
    free(x->rtext);
    free(x->stext);
}

/* One shot: contracts + records, evaluate contract 0 (roster NULL). */
static jz_hours_result *simple(run *x, const jz_rules *rules, const char *contracts, records *r, const char *as_of)
{
    jz_day d = as_of ? day(as_of) : JZ_NO_DAY;
    run_start(x, rules, contracts, NULL, records_end(r), d);
    return run_eval(x, 0, d, false);
}

static const jz_check *check(const jz_hours_result *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->checks[i].name, name) == 0)
            return &r->checks[i];
    print_error("no check %s\n", name);
    fail();
    return NULL;
}

static void assert_check(const jz_hours_result *r, const char *name, int64_t required, int64_t delivered,
                         jz_status status)
{
    const jz_check *c = check(r, name);
    if (c->required != required || c->delivered != delivered || c->status != status)
        print_error("%s: required %lld delivered %lld %s (%s)\n", name, (long long)c->required,
                    (long long)c->delivered, jz_status_name(c->status), c->detail);
    assert_int_equal(c->required, required);
    assert_int_equal(c->delivered, delivered);
    assert_int_equal(c->status, status);
}

static void assert_detail(const jz_hours_result *r, const char *name, const char *want)
{
    assert_string_equal(check(r, name)->detail, want);
}

static void assert_detail_has(const jz_hours_result *r, const char *name, const char *needle)
{
    const char *d = check(r, name)->detail;
    if (!strstr(d, needle))
        print_error("%s: '%s' lacks '%s'\n", name, d, needle);
    assert_non_null(strstr(d, needle));
}

/* ---- pro-rating ---- */

static void at_mid_year_requirements_are_123_of_251_working_days_rounded_up(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 806802);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2024-06-30");
    assert_int_equal(res->as_of, day("2024-06-30"));
    assert_string_equal(res->as_of_reason, "--as-of");
    assert_int_equal(res->elapsed, 123);
    assert_int_equal(res->period, 251);
    assert_int_equal(res->total.service, 806802);
    assert_check(res, "service_hours", 806802, 806802, JZ_ST_OK);
    assert_int_equal(check(res, "service_hours")->ratio_bp, 10000);
    assert_detail(res, "service_hours", "service hours 13,446.7 of 13,446.7 due by 2024-06-30 (100.0 %)");
    assert_check(res, "direct_hours", 671904, 806802, JZ_ST_OK);
    assert_check(res, "training_hours", 37048, 0, JZ_ST_SHORT);
    assert_detail(res, "training_hours", "training hours 0.0 of 617.5 due by 2024-06-30 (0.0 %): short by 617.5 h");
    assert_check(res, "supervision_hours", 34460, 0, JZ_ST_SHORT);
    assert_true(jz_hours_failing(res));
    run_free(&x);
}

/* A centre id of 300 bytes is looked up whole: its records count for its contract, and a
 * centre that differs from it only in the last byte has none. */
static void a_300_byte_centre_id_finds_its_contract(void **state)
{
    (void)state;
    char longc[301], other[301], contracts[1024];
    memset(longc, 'L', 300), longc[300] = '\0';
    memcpy(other, longc, 301);
    other[299] = 'M';
    snprintf(contracts, sizeof contracts, CONTRACTS_HEAD "K1,%s,番禺区,大石街,启航社工,2024-01-01,2024-12-31,2000000,,,\n",
             longc);
    records r;
    records_begin(&r);
    add(&r, longc, "2024-03-01", "S1", "case", "direct", "community", 90);
    add(&r, other, "2024-03-01", "S1", "case", "direct", "community", 60);
    add(&r, longc, "2024-03-02", "S1", "case", "direct", "community", 30);
    run x;
    jz_hours_result *res = simple(&x, &shipped, contracts, &r, "2024-12-31");
    assert_int_equal(res->total.service, 120);
    const jz_orphan *o;
    assert_int_equal(jz_hours_orphans(x.acc, &o), 1);
    assert_int_equal(o[0].rows, 1);
    run_free(&x);
}

static void at_mid_year_one_minute_less_is_short(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 806801);
    add(&r, "A", "2024-03-02", "S1", "training", "", "centre", 37048);
    add(&r, "A", "2024-03-02", "S1", "supervision", "", "centre", 34460);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2024-06-30");
    assert_check(res, "service_hours", 806802, 806801, JZ_ST_SHORT);
    assert_detail_has(res, "service_hours", ": short by ");
    assert_check(res, "training_hours", 37048, 37048, JZ_ST_OK);
    assert_check(res, "supervision_hours", 34460, 34460, JZ_ST_OK);
    /* Training and supervision are not service. */
    assert_int_equal(res->total.service, 806801);
    run_free(&x);
}

static void at_year_end_one_minute_under_27440_hours_is_short(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 1646399);   /* 27439.98 h */
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2024-12-31");
    assert_int_equal(res->elapsed, 251);
    assert_int_equal(res->period, 251);
    assert_check(res, "service_hours", 1646400, 1646399, JZ_ST_SHORT);
    assert_check(res, "direct_hours", 1371120, 1646399, JZ_ST_OK);
    assert_check(res, "training_hours", 75600, 0, JZ_ST_SHORT);
    assert_check(res, "supervision_hours", 70320, 0, JZ_ST_SHORT);
    run_free(&x);
}

static void at_year_end_exactly_27440_hours_is_ok(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 1646400);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2024-12-31");
    assert_check(res, "service_hours", 1646400, 1646400, JZ_ST_OK);
    assert_detail(res, "service_hours", "service hours 27,440.0 of 27,440.0 due by 2024-12-31 (100.0 %)");
    run_free(&x);
}

static void a_record_on_the_last_day_makes_the_contract_end_the_as_of_date(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-12-31", "S1", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, NULL);
    assert_int_equal(res->as_of, day("2024-12-31"));
    assert_string_equal(res->as_of_reason, "contract end");
    assert_int_equal(res->elapsed, 251);
    assert_check(res, "service_hours", 1646400, 60, JZ_ST_SHORT);
    run_free(&x);
}

static void without_as_of_the_last_record_date_is_used(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-06-30", "S1", 60);
    service(&r, "2024-02-01", "S2", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, NULL);
    assert_int_equal(res->as_of, day("2024-06-30"));
    assert_string_equal(res->as_of_reason, "last record");
    assert_int_equal(res->elapsed, 123);
    assert_int_equal(res->period, 251);
    assert_int_equal(res->rows, 2);
    assert_check(res, "service_hours", 806802, 120, JZ_ST_SHORT);
    run_free(&x);
}

static void an_as_of_after_the_end_is_held_at_the_end(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2025-03-31");
    assert_int_equal(res->as_of, day("2024-12-31"));
    assert_int_equal(res->elapsed, 251);
    assert_check(res, "service_hours", 1646400, 60, JZ_ST_SHORT);
    run_free(&x);
}

static void calendar_days_prorate_182_of_366(void **state)
{
    (void)state;
    jz_rules rules;
    load_variant(&rules, "calendar_days");
    assert_int_equal(rules.prorate, JZ_PRORATE_CALENDAR_DAYS);
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 818702);
    run x;
    jz_hours_result *res = simple(&x, &rules, BASE_2024, &r, "2024-06-30");
    assert_int_equal(res->elapsed, 182);
    assert_int_equal(res->period, 366);
    assert_check(res, "service_hours", 818702, 818702, JZ_ST_OK);
    run_free(&x);
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 818701);
    res = simple(&x, &rules, BASE_2024, &r, "2024-06-30");
    assert_check(res, "service_hours", 818702, 818701, JZ_ST_SHORT);
    run_free(&x);
    jz_rules_free(&rules);
}

static void months_prorate_whole_months_only(void **state)
{
    (void)state;
    jz_rules rules;
    load_variant(&rules, "months");
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 60);
    run x;
    jz_hours_result *res = simple(&x, &rules, BASE_2024, &r, "2024-06-30");
    assert_int_equal(res->elapsed, 6);
    assert_int_equal(res->period, 12);
    assert_check(res, "service_hours", 1646400 / 2, 60, JZ_ST_SHORT);          /* 823200 */
    assert_check(res, "training_hours", 75600 / 2, 0, JZ_ST_SHORT);
    /* 2024-06-15: five whole months (Jan..May) have passed. */
    res = run_eval(&x, 0, day("2024-06-15"), false);
    assert_int_equal(res->elapsed, 5);
    assert_check(res, "service_hours", 1646400 * 5 / 12, 60, JZ_ST_SHORT);     /* 686000 */
    assert_check(res, "supervision_hours", 29300, 0, JZ_ST_SHORT);   /* 70320 * 5 / 12 */
    run_free(&x);
    /* A contract year from the 15th: a month is complete on the 14th of the next. */
    records_begin(&r);
    service(&r, "2024-04-01", "S1", 60);
    simple(&x, &rules, CONTRACTS_HEAD "K9,A,,,,2024-03-15,2025-03-14,2000000,,,\n", &r, "2024-06-14");
    res = &x.res;
    assert_int_equal(res->elapsed, 3);
    assert_int_equal(res->period, 12);
    assert_check(res, "service_hours", 1646400 / 4, 60, JZ_ST_SHORT);
    res = run_eval(&x, 0, day("2024-06-13"), false);
    assert_int_equal(res->elapsed, 2);
    assert_check(res, "service_hours", 1646400 / 6, 60, JZ_ST_SHORT);
    run_free(&x);
    jz_rules_free(&rules);
}

static void none_requires_the_whole_year_at_any_date(void **state)
{
    (void)state;
    jz_rules rules;
    load_variant(&rules, "none");
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 806802);
    run x;
    jz_hours_result *res = simple(&x, &rules, BASE_2024, &r, "2024-06-30");
    assert_int_equal(res->elapsed, 1);
    assert_int_equal(res->period, 1);
    assert_check(res, "service_hours", 1646400, 806802, JZ_ST_SHORT);
    assert_check(res, "direct_hours", 1371120, 806802, JZ_ST_SHORT);
    run_free(&x);
    jz_rules_free(&rules);
}

/* ---- direct hours and the bid ---- */

static void a_base_contract_without_direct_hours_uses_22852(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 1371120);
    add(&r, "A", "2024-03-01", "S2", "group", "indirect", "centre", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2024-12-31");
    assert_check(res, "direct_hours", 1371120, 1371120, JZ_ST_OK);
    assert_int_equal(res->total.service, 1371180);
    assert_int_equal(res->total.direct, 1371120);
    assert_check(res, "bid_total", -1, -1, JZ_ST_NA);
    assert_detail(res, "bid_total",
                  "the contract gives no total_hours: the rule's 27,440.0 h for 14 counted staff is used below");
    assert_check(res, "bid_direct", -1, -1, JZ_ST_NA);
    assert_detail(res, "bid_direct", "the contract gives no direct_hours: the rule's 22,852.0 h is used below");
    run_free(&x);
}

static void a_larger_contract_without_direct_hours_has_no_direct_requirement(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 600);
    run x;
    jz_hours_result *res = simple(&x, &shipped,
                                  CONTRACTS_HEAD "K2,A,,,,2024-01-01,2024-12-31,\"2,350,000\",,,\n", &r,
                                  "2024-12-31");
    assert_int_equal(x.contracts.v[0].budget_fen, 235000000);
    /* 17 counted staff: 27440 + 3 * 1960 = 33320 h */
    assert_check(res, "service_hours", 1999200, 600, JZ_ST_SHORT);
    const jz_check *c = check(res, "direct_hours");
    assert_int_equal(c->status, JZ_ST_NA);
    assert_int_equal(c->required, -1);
    assert_int_equal(c->delivered, 600);
    assert_int_equal(c->ratio_bp, -1);
    assert_detail_has(res, "direct_hours", "no requirement");
    assert_detail_has(res, "direct_hours", "gives no direct_hours");
    assert_detail_has(res, "direct_hours", "does not say how it scales");
    assert_check(res, "bid_direct", -1, -1, JZ_ST_NA);
    assert_detail_has(res, "bid_direct", "cannot be made");
    assert_detail_has(res, "bid_total", "33,320.0 h for 17 counted staff");
    run_free(&x);
}

static void a_larger_contract_with_direct_hours_uses_them(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 600);
    run x;
    jz_hours_result *res = simple(&x, &shipped,
                                  CONTRACTS_HEAD "K2,A,,,,2024-01-01,2024-12-31,2350000,17,33320,25000\n", &r,
                                  "2024-12-31");
    assert_check(res, "direct_hours", 1500000, 600, JZ_ST_SHORT);
    assert_check(res, "bid_total", 1999200, 1999200, JZ_ST_OK);
    assert_check(res, "bid_direct", 1371120, 1500000, JZ_ST_OK);
    assert_detail_has(res, "bid_direct", "the rule for larger contracts is not public");
    run_free(&x);
}

static void bid_total_over_the_110_percent_cap_is_over(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped,
                                  CONTRACTS_HEAD "K1,A,,,,2024-01-01,2024-12-31,2000000,,30185,22852\n", &r,
                                  "2024-12-31");
    assert_check(res, "bid_total", 1646400, 1811100, JZ_ST_OVER);
    assert_detail(res, "bid_total", "bid total 30,185.0 h against 27,440.0 h for 14 counted staff "
                                    "(cap 30,184.0 h = 110.0 %): over the cap");
    assert_check(res, "bid_direct", 1371120, 1371120, JZ_ST_OK);
    /* The contract's own total is what is due. */
    assert_check(res, "service_hours", 1811100, 60, JZ_ST_SHORT);
    run_free(&x);
}

static void bid_total_exactly_at_the_cap_is_ok(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped,
                                  CONTRACTS_HEAD "K1,A,,,,2024-01-01,2024-12-31,2000000,,30184,22851\n", &r,
                                  "2024-12-31");
    assert_check(res, "bid_total", 1646400, 1811040, JZ_ST_OK);
    assert_detail(res, "bid_total", "bid total 30,184.0 h against 27,440.0 h for 14 counted staff "
                                    "(cap 30,184.0 h = 110.0 %)");
    /* 22851 h direct is below the minimum: the bid is invalid. */
    assert_check(res, "bid_direct", 1371120, 1371060, JZ_ST_SHORT);
    assert_detail_has(res, "bid_direct", "below the minimum, the bid is invalid");
    run_free(&x);
}

static void bid_total_below_the_rule_is_short(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped,
                                  CONTRACTS_HEAD "K1,A,,,,2024-01-01,2024-12-31,2000000,,27439.5,\n", &r,
                                  "2024-12-31");
    assert_check(res, "bid_total", 1646400, 1646370, JZ_ST_SHORT);
    assert_detail_has(res, "bid_total", ": below the rule's total");
    run_free(&x);
}

/* ---- staffing ---- */

/* 14 counted at centre A on 2024-06-30 (W14 left 2024-02-29, W15 came 2024-05-01), 11 of
 * them certified, 6 more not counted: 20 in all. One counted worker of centre B. */
static const char STAFF_ROSTER[] =
    ROSTER_HEAD
    "W01,A,甲,assistant,social_work,yes,2023-01-01,\n"
    "W02,A,,assistant,social_work,yes,,\n"
    "W03,A,,assistant,social_work,yes,,\n"
    "W04,A,,assistant,social_work,yes,,\n"
    "W05,A,,assistant,social_work,yes,,\n"
    "W06,A,,assistant,social_work,yes,,\n"
    "W07,A,,assistant,social_work,yes,,\n"
    "W08,A,,assistant,social_work,yes,,\n"
    "W09,A,,assistant,social_work,yes,,\n"
    "W10,A,,social_worker,social_work,yes,,\n"
    "W11,A,,none,psychology,yes,,\n"
    "W12,A,,none,sociology,yes,,\n"
    "W13,A,,none,psychology,yes,,\n"
    "W14,A,,senior,social_work,yes,2023-06-01,2024-02-29\n"
    "W15,A,,assistant,social_work,yes,2024-05-01,\n"
    "U01,A,,none,,no,,\n"
    "U02,A,,none,,no,,\n"
    "U03,A,,none,,no,,\n"
    "U04,A,,none,,no,,\n"
    "U05,A,,none,,no,,\n"
    "U06,A,,none,,no,,\n"
    "X01,B,,assistant,social_work,yes,,\n";

static void staffing_counts_on_the_as_of_date_and_vacancy_days_exactly(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "W01", 60);
    run x;
    run_start(&x, &shipped, BASE_2024, STAFF_ROSTER, records_end(&r), day("2024-06-30"));
    jz_hours_result *res = run_eval(&x, 0, day("2024-06-30"), false);
    assert_false(res->roster_missing);
    assert_check(res, "staff_counted", 14, 14, JZ_ST_OK);
    assert_detail(res, "staff_counted", "14 counted professional staff on 2024-06-30, 14 required");
    assert_check(res, "staff_certified", 10, 11, JZ_ST_OK);
    assert_check(res, "staff_total", 20, 20, JZ_ST_OK);
    /* 2024-03-01 .. 2024-04-30: 31 + 30 days with 13 counted. */
    assert_check(res, "staff_vacancy", 0, 61, JZ_ST_SHORT);
    assert_detail(res, "staff_vacancy", "a counted post stood vacant on 61 days between 2024-03-01 and 2024-04-30");
    assert_int_equal(check(res, "staff_counted")->unit, JZ_UNIT_PEOPLE);
    assert_int_equal(check(res, "staff_vacancy")->unit, JZ_UNIT_DAYS);
    run_free(&x);
}

static void staffing_during_the_vacancy_is_short(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "W01", 60);
    run x;
    run_start(&x, &shipped, BASE_2024, STAFF_ROSTER, records_end(&r), day("2024-04-15"));
    jz_hours_result *res = run_eval(&x, 0, day("2024-04-15"), false);
    assert_check(res, "staff_counted", 14, 13, JZ_ST_SHORT);
    assert_detail(res, "staff_counted", "13 counted professional staff on 2024-04-15, 14 required: short");
    assert_check(res, "staff_certified", 10, 10, JZ_ST_OK);
    assert_check(res, "staff_total", 20, 19, JZ_ST_SHORT);
    assert_check(res, "staff_vacancy", 0, 46, JZ_ST_SHORT);   /* 31 + 15 */
    assert_detail_has(res, "staff_vacancy", "between 2024-03-01 and 2024-04-15");
    /* Before the vacancy nothing is missing. */
    res = run_eval(&x, 0, day("2024-02-29"), false);
    assert_check(res, "staff_counted", 14, 14, JZ_ST_OK);
    assert_check(res, "staff_vacancy", 0, 0, JZ_ST_OK);
    assert_detail(res, "staff_vacancy", "no counted post vacant from 2024-01-01 to 2024-02-29");
    run_free(&x);
}

static void the_contracts_professional_staff_raise_the_count_required(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "W01", 60);
    run x;
    run_start(&x, &shipped, CONTRACTS_HEAD "K1,A,,,,2024-01-01,2024-12-31,2000000,15,,\n", STAFF_ROSTER,
              records_end(&r), day("2024-06-30"));
    jz_hours_result *res = run_eval(&x, 0, day("2024-06-30"), false);
    assert_check(res, "staff_counted", 15, 14, JZ_ST_SHORT);
    /* Never 15 counted: every day of the half year is a vacancy day. */
    assert_check(res, "staff_vacancy", 0, 182, JZ_ST_SHORT);
    run_free(&x);
}

static void without_a_roster_staffing_is_na(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 60);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2024-06-30");
    assert_true(res->roster_missing);
    static const char *const names[] = {"staff_counted", "staff_certified", "staff_total", "staff_vacancy"};
    for (size_t i = 0; i < 4; i++) {
        assert_check(res, names[i], -1, -1, JZ_ST_NA);
        assert_detail(res, names[i], "no roster given (--roster): staffing cannot be checked");
    }
    run_free(&x);
}

static void only_counted_staff_hours_count(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "W01", 600);
    service(&r, "2024-03-01", "U01", 120);     /* on the roster, not counted */
    service(&r, "2024-03-01", "NOBODY", 30);   /* not on the roster */
    run x;
    run_start(&x, &shipped, BASE_2024, STAFF_ROSTER, records_end(&r), day("2024-06-30"));
    jz_hours_result *res = run_eval(&x, 0, day("2024-06-30"), false);
    assert_int_equal(res->rows, 3);
    assert_int_equal(res->total.rows, 1);
    assert_int_equal(res->total.service, 600);
    assert_check(res, "service_hours", 806802, 600, JZ_ST_SHORT);
    run_free(&x);
}

/* ---- outreach ---- */

static jz_hours_result *outreach_run(run *x, int64_t community, int64_t home, int64_t centre, int64_t online)
{
    records r;
    records_begin(&r);
    add(&r, "A", "2024-03-01", "S1", "community", "direct", "community", community);
    add(&r, "A", "2024-03-01", "S2", "visit", "direct", "home", home);
    add(&r, "A", "2024-03-01", "S3", "case", "direct", "centre", centre);
    add(&r, "A", "2024-03-01", "S4", "consult", "direct", "online", online);
    /* Training in the community is not service, so not outreach either. */
    add(&r, "A", "2024-03-01", "S1", "training", "", "community", 600);
    return simple(x, &shipped, BASE_2024, &r, "2024-12-31");
}

static void outreach_at_exactly_60_percent_is_ok(void **state)
{
    (void)state;
    run x;
    jz_hours_result *res = outreach_run(&x, 900, 0, 600, 0);   /* 15 of 25 h */
    assert_check(res, "outreach_share", 900, 900, JZ_ST_OK);
    assert_detail(res, "outreach_share", "outreach 60.0 % of service hours (15.0 of 25.0 h in the community or at "
                                         "home), at least 60.0 % required");
    run_free(&x);
    res = outreach_run(&x, 500, 400, 300, 300);                 /* home counts, online does not */
    assert_check(res, "outreach_share", 900, 900, JZ_ST_OK);
    run_free(&x);
}

static void outreach_one_minute_under_60_percent_is_short(void **state)
{
    (void)state;
    run x;
    jz_hours_result *res = outreach_run(&x, 899, 0, 601, 0);
    assert_check(res, "outreach_share", 900, 899, JZ_ST_SHORT);
    assert_detail_has(res, "outreach_share", "at least 60.0 % required: short");
    run_free(&x);
    /* 60 % of 1501 min is 900.6: 901 are needed. */
    res = outreach_run(&x, 900, 0, 601, 0);
    assert_check(res, "outreach_share", 901, 900, JZ_ST_SHORT);
    run_free(&x);
}

static void outreach_without_service_is_na(void **state)
{
    (void)state;
    run x;
    jz_hours_result *res = outreach_run(&x, 0, 0, 0, 0);   /* only the training row */
    assert_int_equal(res->total.training, 600);
    const jz_check *c = check(res, "outreach_share");
    assert_int_equal(c->status, JZ_ST_NA);
    assert_int_equal(c->ratio_bp, -1);
    assert_detail(res, "outreach_share", "no service hours yet: the outreach share cannot be computed");
    run_free(&x);
}

/* ---- per staff ---- */

static void per_staff_marks_are_inclusive_at_80_and_110_percent(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "LOW_OK", 94080);     /* exactly 80 % of 1960 h */
    service(&r, "2024-03-01", "LOW_SHORT", 94079);
    service(&r, "2024-03-01", "HIGH_OK", 129360);   /* exactly 110 % */
    service(&r, "2024-03-01", "HIGH_OVER", 129361);
    run x;
    run_start(&x, &shipped, BASE_2024, NULL, records_end(&r), day("2024-12-31"));
    jz_hours_result *res = run_eval(&x, 0, day("2024-12-31"), true);
    assert_check(res, "staff_hours:LOW_OK", 117600, 94080, JZ_ST_OK);
    assert_check(res, "staff_hours:LOW_SHORT", 117600, 94079, JZ_ST_SHORT);
    assert_detail_has(res, "staff_hours:LOW_SHORT", ": under the low mark");
    assert_check(res, "staff_hours:HIGH_OK", 117600, 129360, JZ_ST_OK);
    assert_check(res, "staff_hours:HIGH_OVER", 117600, 129361, JZ_ST_OVER);
    assert_detail_has(res, "staff_hours:HIGH_OVER", ": over the high mark");
    assert_detail(res, "staff_hours:LOW_OK", "LOW_OK: 1,568.0 of 1,960.0 h due from 2024-01-01 to 2024-12-31 (80.0 %)");
    /* Without by_staff there are no such checks. */
    res = run_eval(&x, 0, day("2024-12-31"), false);
    for (size_t i = 0; i < res->n; i++)
        assert_null(strstr(res->checks[i].name, "staff_hours:"));
    run_free(&x);
}

static void per_staff_requirements_follow_the_roster_dates(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-08-01", "P", 59972);
    service(&r, "2024-03-01", "U", 600);
    run x;
    run_start(&x, &shipped, BASE_2024,
              ROSTER_HEAD "P,A,,assistant,,yes,2024-07-01,\n"
                          "Q,A,,assistant,,yes,,2024-06-30\n"
                          "U,A,,none,,no,,\n",
              records_end(&r), day("2024-12-31"));
    jz_hours_result *res = run_eval(&x, 0, day("2024-12-31"), true);
    /* P: 128 working days of 251; Q: 123; U is not counted and gets no check. */
    assert_check(res, "staff_hours:P", 59972, 59972, JZ_ST_OK);
    assert_detail_has(res, "staff_hours:P", "due from 2024-07-01 to 2024-12-31");
    assert_check(res, "staff_hours:Q", 57629, 0, JZ_ST_SHORT);
    assert_detail_has(res, "staff_hours:Q", "due from 2024-01-01 to 2024-06-30");
    for (size_t i = 0; i < res->n; i++)
        assert_string_not_equal(res->checks[i].name, "staff_hours:U");
    assert_int_equal(res->total.service, 59972);
    run_free(&x);
}

/* ---- which records count ---- */

static void records_after_the_as_of_date_are_not_counted(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-06-30", "S1", 60);
    service(&r, "2024-07-01", "S1", 120);
    service(&r, "2024-12-31", "S2", 180);
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, "2024-06-30");
    assert_int_equal(res->rows, 1);
    assert_int_equal(res->rows_after, 2);
    assert_int_equal(res->total.service, 60);
    assert_check(res, "service_hours", 806802, 60, JZ_ST_SHORT);
    run_free(&x);
}

static void records_without_a_contract_become_orphans(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 60);                                        /* line 2 */
    add(&r, "Z", "2024-03-01", "S9", "case", "direct", "community", 60);         /* line 3 */
    add(&r, "Z", "2024-03-02", "S9", "case", "direct", "community", 60);         /* line 4 */
    service(&r, "2025-02-01", "S1", 60);                                        /* line 5: after K1 */
    run x;
    jz_hours_result *res = simple(&x, &shipped, BASE_2024, &r, NULL);
    assert_int_equal(res->rows, 1);
    const jz_orphan *o;
    size_t n = jz_hours_orphans(x.acc, &o);
    assert_int_equal(n, 2);
    assert_string_equal(o[0].centre, "Z");
    assert_int_equal(o[0].rows, 2);
    assert_false(o[0].has_contract);
    assert_string_equal(o[0].file, x.rpath);
    assert_int_equal(o[0].line, 3);
    assert_string_equal(o[1].centre, "A");
    assert_int_equal(o[1].rows, 1);
    assert_true(o[1].has_contract);
    assert_int_equal(o[1].line, 5);
    run_free(&x);
}

static void a_contract_without_records_gets_na_delivery_checks(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    add(&r, "B", "2024-03-01", "S1", "case", "direct", "community", 60);
    run x;
    run_start(&x, &shipped, CONTRACTS_HEAD "K1,A,,,,2024-01-01,2024-12-31,2000000,,,\n"
                                           "K2,B,,,,2024-01-01,2024-12-31,2000000,,,\n",
              NULL, records_end(&r), JZ_NO_DAY);
    jz_hours_result *res = run_eval(&x, 0, JZ_NO_DAY, true);
    assert_int_equal(res->rows, 0);
    assert_int_equal(res->as_of, day("2024-12-31"));
    assert_string_equal(res->as_of_reason, "contract end; no records");
    static const char *const names[] = {"service_hours", "direct_hours", "training_hours", "supervision_hours",
                                        "outreach_share"};
    for (size_t i = 0; i < 5; i++) {
        assert_check(res, names[i], -1, -1, JZ_ST_NA);
        assert_detail(res, names[i], "no records of centre A were given: delivery not checked");
    }
    for (size_t i = 0; i < res->n; i++)
        assert_null(strstr(res->checks[i].name, "staff_hours:"));
    assert_false(jz_hours_failing(res));
    /* Centre B's contract has its record, which sets its as-of date: 2024-01-01..03-01 is
     * 22 + 18 + 1 = 41 working days; ceil(1646400 * 41 / 251) = 268934 (251 * 268933 + 217). */
    res = run_eval(&x, 1, JZ_NO_DAY, false);
    assert_int_equal(res->rows, 1);
    assert_string_equal(res->as_of_reason, "last record");
    assert_int_equal(res->elapsed, 41);
    assert_check(res, "service_hours", 268934, 60, JZ_ST_SHORT);
    run_free(&x);
}

static void a_year_the_calendar_does_not_cover_is_an_error(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2027-03-01", "S1", 60);
    run x;
    run_start(&x, &shipped, CONTRACTS_HEAD "K1,A,,,,2027-01-01,2027-12-31,2000000,,,\n", NULL, records_end(&r),
              JZ_NO_DAY);
    jz_error err;
    jz_error_clear(&err);
    assert_int_equal(jz_hours_evaluate(x.acc, 0, NULL, cal, JZ_NO_DAY, false, &x.res, &err), JZ_EINPUT);
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "2027"));
    jz_hours_result_free(&x.res);
    run_free(&x);
}

static void status_names(void **state)
{
    (void)state;
    assert_string_equal(jz_status_name(JZ_ST_OK), "ok");
    assert_string_equal(jz_status_name(JZ_ST_SHORT), "short");
    assert_string_equal(jz_status_name(JZ_ST_OVER), "over");
    assert_string_equal(jz_status_name(JZ_ST_NA), "n/a");
}

/* ---- the csv writer ---- */

static void assert_has_line(const char *out, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = out; (p = strstr(p, line)) != NULL; p++)
        if ((p == out || p[-1] == '\n') && p[n] == '\n')
            return;
    print_error("output:\n%s\nlacks the line:\n%s\n", out, line);
    fail();
}

static void csv_output_has_the_documented_columns_and_rows(void **state)
{
    (void)state;
    records r;
    records_begin(&r);
    service(&r, "2024-03-01", "S1", 90);
    add(&r, "Z", "2024-03-01", "S9", "case", "direct", "community", 60);   /* line 3 */
    run x;
    jz_hours_result *res = simple(&x, &shipped,
                                  CONTRACTS_HEAD "K1,A,番禺区,,\"社工, 中心\",2024-01-01,2024-12-31,2000000,,30185,22852\n",
                                  &r, "2024-12-31");
    const jz_orphan *o;
    size_t norphans = jz_hours_orphans(x.acc, &o);
    jz_hours_report rep = {&shipped, res, 1, o, norphans, CALENDAR};
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    assert_non_null(fp);
    jz_writer_find(jz_hours_writers, "csv")->write_to_file(fp, &rep);
    assert_int_equal(fclose(fp), 0);
    const char *head = "contract,centre,check,required_hours,delivered_hours,ratio,status,detail\n";
    assert_memory_equal(out, head, strlen(head));
    assert_has_line(out, "K1,A,bid_total,27440.00,30185.00,1.1000,over,\"bid total 30,185.0 h against 27,440.0 h "
                         "for 14 counted staff (cap 30,184.0 h = 110.0 %): over the cap\"");
    assert_has_line(out, "K1,A,staff_counted,,,,n/a,no roster given (--roster): staffing cannot be checked");
    assert_has_line(out, "K1,A,service_hours,30185.00,1.50,0.0000,short,\"service hours 1.5 of 30,185.0 due by "
                         "2024-12-31 (0.0 %): short by 30,183.5 h\"");
    char orphan[256];
    snprintf(orphan, sizeof orphan, ",Z,no_contract,,,,n/a,1 record of centre Z has no contract in the contracts "
                                    "given (first at %s:3): not counted anywhere", x.rpath);
    assert_has_line(out, orphan);
    /* One line per check plus the header and the orphan. */
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1 + res->n + 1);
    free(out);
    run_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(at_mid_year_requirements_are_123_of_251_working_days_rounded_up),
        cmocka_unit_test(at_mid_year_one_minute_less_is_short),
        cmocka_unit_test(a_300_byte_centre_id_finds_its_contract),
        cmocka_unit_test(at_year_end_one_minute_under_27440_hours_is_short),
        cmocka_unit_test(at_year_end_exactly_27440_hours_is_ok),
        cmocka_unit_test(a_record_on_the_last_day_makes_the_contract_end_the_as_of_date),
        cmocka_unit_test(without_as_of_the_last_record_date_is_used),
        cmocka_unit_test(an_as_of_after_the_end_is_held_at_the_end),
        cmocka_unit_test(calendar_days_prorate_182_of_366),
        cmocka_unit_test(months_prorate_whole_months_only),
        cmocka_unit_test(none_requires_the_whole_year_at_any_date),
        cmocka_unit_test(a_base_contract_without_direct_hours_uses_22852),
        cmocka_unit_test(a_larger_contract_without_direct_hours_has_no_direct_requirement),
        cmocka_unit_test(a_larger_contract_with_direct_hours_uses_them),
        cmocka_unit_test(bid_total_over_the_110_percent_cap_is_over),
        cmocka_unit_test(bid_total_exactly_at_the_cap_is_ok),
        cmocka_unit_test(bid_total_below_the_rule_is_short),
        cmocka_unit_test(staffing_counts_on_the_as_of_date_and_vacancy_days_exactly),
        cmocka_unit_test(staffing_during_the_vacancy_is_short),
        cmocka_unit_test(the_contracts_professional_staff_raise_the_count_required),
        cmocka_unit_test(without_a_roster_staffing_is_na),
        cmocka_unit_test(only_counted_staff_hours_count),
        cmocka_unit_test(outreach_at_exactly_60_percent_is_ok),
        cmocka_unit_test(outreach_one_minute_under_60_percent_is_short),
        cmocka_unit_test(outreach_without_service_is_na),
        cmocka_unit_test(per_staff_marks_are_inclusive_at_80_and_110_percent),
        cmocka_unit_test(per_staff_requirements_follow_the_roster_dates),
        cmocka_unit_test(records_after_the_as_of_date_are_not_counted),
        cmocka_unit_test(records_without_a_contract_become_orphans),
        cmocka_unit_test(a_contract_without_records_gets_na_delivery_checks),
        cmocka_unit_test(a_year_the_calendar_does_not_cover_is_an_error),
        cmocka_unit_test(status_names),
        cmocka_unit_test(csv_output_has_the_documented_columns_and_rows),
    };
    return cmocka_run_group_tests_name("hours", tests, setup, teardown);
}
