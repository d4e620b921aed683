/* test_contract.c — the contracts loader (contract.h) on the small files of tests/unit/data:
 * money in fen, hours in minutes and targets in hundredths (each computed by hand below),
 * several contracts of one centre found by date, the rows refused with their code and
 * line (bad target, end before start, duplicate id) and the overlap warning, the header
 * reader jz_contracts_targets_of, a missing file (read error, exit 3), _free(NULL). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/contract.h"

#define DATA "tests/unit/data/"

/* The diagnostics a load gave, one "line:col:severity:code" per entry. */
typedef struct seen {
    char v[16][96];
    char msg[16][512];
    int n;
} seen;

static void collect(void *ctx, const jz_diag_msg *m)
{
    seen *s = ctx;
    if (s->n >= 16)
        return;
    snprintf(s->v[s->n], sizeof s->v[0], "%ld:%ld:%s:%s", m->line, m->col, jz_severity_name(m->sev), m->code);
    snprintf(s->msg[s->n], sizeof s->msg[0], "%s", m->message);
    s->n++;
}

static void good_file_gives_exact_integers(void **state)
{
    (void)state;
    jz_contracts c;
    jz_contracts_init(&c);
    seen s = {0};
    jz_diag d;
    jz_diag_init(&d, collect, &s);
    jz_table_info info;
    jz_error err;
    assert_int_equal(jz_contracts_load(&c, DATA "contracts.csv", JZ_ENC_AUTO, &d, &info, &err), JZ_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(c.n, 3);
    assert_int_equal(info.rows, 3);
    assert_int_equal(info.bad_rows, 0);

    const jz_contract *k = &c.v[0];
    assert_string_equal(k->id, "K1");
    assert_string_equal(k->centre, "C1");
    assert_string_equal(k->district, "海珠区");
    assert_string_equal(k->street, "南洲街");
    assert_string_equal(k->operator_, "机构甲");
    assert_int_equal(k->start, jz_days_from_civil(2024, 1, 1));
    assert_int_equal(k->end, jz_days_from_civil(2024, 12, 31));
    assert_int_equal(k->budget_fen, 235000050);       /* 2,350,000.50 yuan * 100 */
    assert_int_equal(k->professional_staff, 8);
    assert_int_equal(k->total_minutes, 1646400);      /* 27440 h * 60 */
    assert_int_equal(k->direct_minutes, 720000);      /* 12000 h * 60 */
    assert_int_equal(k->ntargets, 2);
    assert_string_equal(k->targets[0].name, "cases");
    assert_int_equal(k->targets[0].value, 6000);      /* 60 * 100 */
    assert_string_equal(jz_contract_target(k, "groups")->name, "groups");
    assert_int_equal(jz_contract_target(k, "groups")->value, 1250);  /* 12.5 * 100 */
    assert_null(jz_contract_target(k, "volunteers"));
    assert_string_equal(k->file, DATA "contracts.csv");
    assert_int_equal(k->line, 2);

    /* K2: every optional cell empty: -1, targets -1. */
    k = &c.v[1];
    assert_int_equal(k->budget_fen, 100000000);       /* 1,000,000 yuan * 100 */
    assert_int_equal(k->professional_staff, -1);
    assert_int_equal(k->total_minutes, -1);
    assert_int_equal(k->direct_minutes, -1);
    assert_int_equal(jz_contract_target(k, "cases")->value, -1);
    assert_int_equal(jz_contract_target(k, "groups")->value, -1);

    /* K3: 100.25 h = 100*60 + 15 = 6015 min; 50 h = 3000 min. */
    k = &c.v[2];
    assert_int_equal(k->total_minutes, 6015);
    assert_int_equal(k->direct_minutes, 3000);
    assert_int_equal(jz_contract_target(k, "cases")->value, 700);
    assert_int_equal(k->line, 4);
    jz_contracts_free(&c);
}

static void contracts_of_a_centre_are_found_by_date(void **state)
{
    (void)state;
    jz_contracts c;
    jz_contracts_init(&c);
    jz_error err;
    jz_table_info info;
    assert_int_equal(jz_contracts_load(&c, DATA "contracts.csv", JZ_ENC_AUTO, NULL, &info, &err), JZ_OK);
    bool any = false;
    const jz_contract *k = jz_contracts_for(&c, "C1", jz_days_from_civil(2024, 12, 31), &any);
    assert_non_null(k);
    assert_string_equal(k->id, "K1");  /* the last day is inside */
    assert_true(any);
    k = jz_contracts_for(&c, "C1", jz_days_from_civil(2025, 1, 1), &any);
    assert_string_equal(k->id, "K2");
    /* 2023: before both contracts of C1: none, but the centre has some. */
    any = false;
    assert_null(jz_contracts_for(&c, "C1", jz_days_from_civil(2023, 12, 31), &any));
    assert_true(any);
    /* An unknown centre: none and no contract at all. */
    any = true;
    assert_null(jz_contracts_for(&c, "C9", jz_days_from_civil(2024, 6, 1), &any));
    assert_false(any);
    assert_null(jz_contracts_for(&c, "C9", jz_days_from_civil(2024, 6, 1), NULL));
    assert_string_equal(jz_contracts_first(&c, "C1")->id, "K1");
    assert_string_equal(jz_contracts_first(&c, "C2")->id, "K3");
    assert_null(jz_contracts_first(&c, "C9"));
    jz_contracts_free(&c);
}

static void bad_rows_are_reported_and_left_out(void **state)
{
    (void)state;
    jz_contracts c;
    jz_contracts_init(&c);
    seen s = {0};
    jz_diag d;
    jz_diag_init(&d, collect, &s);
    jz_error err;
    jz_table_info info;
    assert_int_equal(jz_contracts_load(&c, DATA "contracts-bad.csv", JZ_ENC_AUTO, &d, &info, &err), JZ_OK);
    /* Lines 2 (abc), 3 (end before start), 4 (1.234: a third decimal), 6 (K4 again) are
     * refused; K4 (line 5) and K5 (line 7, overlapping K4 at C2: a warning) kept. */
    assert_int_equal(s.n, 5);
    assert_string_equal(s.v[0], "2:6:error:bad-number");
    assert_string_equal(s.msg[0], "target_cases 'abc' is not a number: write e.g. 60 or 1250.5");
    assert_string_equal(s.v[1], "3:4:error:date-order");
    assert_string_equal(s.msg[1], "contract end 2024-01-01 is before its start 2024-12-31");
    assert_string_equal(s.v[2], "4:6:error:bad-number");
    assert_string_equal(s.v[3], "6:1:error:duplicate-id");
    assert_string_equal(s.msg[3], "contract K4 already appears at " DATA "contracts-bad.csv:5: contract ids must be unique");
    assert_string_equal(s.v[4], "7:3:warning:contract-overlap");
    assert_string_equal(s.msg[4], "contract K5 of centre C2 overlaps contract K4 (" DATA "contracts-bad.csv:5) in time");
    assert_int_equal(d.count[JZ_ERROR], 4);
    assert_int_equal(d.count[JZ_WARNING], 1);
    assert_int_equal(info.rows, 6);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.v[0].id, "K4");
    assert_int_equal(c.v[0].targets[0].value, 123);  /* 1.230: a trailing zero is allowed */
    assert_string_equal(c.v[1].id, "K5");
    /* Both are C2's, in file order. */
    assert_string_equal(jz_contracts_for(&c, "C2", jz_days_from_civil(2025, 5, 31), NULL)->id, "K5");
    jz_contracts_free(&c);
}

static void targets_of_reads_the_header_alone(void **state)
{
    (void)state;
    char **names;
    size_t n;
    jz_error err;
    assert_int_equal(jz_contracts_targets_of(DATA "contracts.csv", JZ_ENC_AUTO, &names, &n, &err), JZ_OK);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "cases");
    assert_string_equal(names[1], "groups");
    jz_contracts_targets_free(names, n);

    assert_int_equal(jz_contracts_targets_of(DATA "not-contracts.csv", JZ_ENC_AUTO, &names, &n, &err), JZ_EINPUT);
    assert_null(names);
    assert_int_equal(n, 0);
    assert_string_equal(err.file, DATA "not-contracts.csv");
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "not a contracts file"));
    assert_int_equal(jz_error_exit(&err), 3);

    assert_int_equal(jz_contracts_targets_of(DATA "empty.csv", JZ_ENC_AUTO, &names, &n, &err), JZ_EINPUT);
    assert_string_equal(err.msg, "the file is empty: a contracts file starts with its header");
    jz_contracts_targets_free(NULL, 0);
}

static void a_missing_file_is_a_read_error(void **state)
{
    (void)state;
    jz_contracts c;
    jz_contracts_init(&c);
    jz_error err;
    jz_table_info info;
    jz_code code = jz_contracts_load(&c, DATA "no-such-contracts.csv", JZ_ENC_AUTO, NULL, &info, &err);
    assert_int_equal(code, JZ_EREAD);
    assert_int_equal(err.code, JZ_EREAD);
    assert_int_equal(jz_error_exit(&err), 3);
    assert_string_equal(err.file, DATA "no-such-contracts.csv");
    assert_non_null(strstr(err.msg, "No such file"));
    assert_int_equal(c.n, 0);
    char **names;
    size_t n;
    assert_int_equal(jz_contracts_targets_of(DATA "no-such-contracts.csv", JZ_ENC_AUTO, &names, &n, &err), JZ_EREAD);
    jz_contracts_free(&c);
    jz_contracts_free(&c);   /* freed twice: the first left it empty */
    jz_contracts_free(NULL); /* no-op */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_file_gives_exact_integers),
        cmocka_unit_test(contracts_of_a_centre_are_found_by_date),
        cmocka_unit_test(bad_rows_are_reported_and_left_out),
        cmocka_unit_test(targets_of_reads_the_header_alone),
        cmocka_unit_test(a_missing_file_is_a_read_error),
    };
    return cmocka_run_group_tests_name("contract", tests, NULL, NULL);
}
