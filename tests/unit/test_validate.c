/* test_validate.c — the record checks of jz-validate (validate.h), and the roster and
 * contracts they refer to (roster.h, contract.h), run over small files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/contract.h"
#include "jz/roster.h"
#include "jz/validate.h"

/* ---- inputs held in memory under names in0.csv, in1.csv, ... (rowsrc.h named buffers:
 * the readers take names), removed after each test (even a failed one) ---- */

static char *temps[16], *temp_text[16];
static int ntemps;

static const char *temp_csv(const char *s)
{
    assert_true(ntemps < 16);
    char name[16];
    snprintf(name, sizeof name, "in%d.csv", ntemps);
    temps[ntemps] = strdup(name);
    temp_text[ntemps] = strdup(s);
    jz_rowsrc_mem_add(temps[ntemps], temp_text[ntemps], strlen(s));
    return temps[ntemps++];
}

/* ---- a diag sink that records what it is told ---- */

typedef struct sink {
    jz_diag d;
    int n;
    char text[4096];  /* "line:col severity code [column]\n" per message */
    char msgs[8192];  /* the messages, one a line */
} sink;

static void collect(void *ctx, const jz_diag_msg *m)
{
    sink *s = ctx;
    size_t used = strlen(s->text);
    snprintf(s->text + used, sizeof s->text - used, "%ld:%ld %s %s [%s]\n", m->line, m->col,
             jz_severity_name(m->sev), m->code, m->column);
    used = strlen(s->msgs);
    snprintf(s->msgs + used, sizeof s->msgs - used, "%s\n", m->message);
    s->n++;
}

/* ---- fixture: a sink, and a roster and contracts when a test loads them ---- */

typedef struct fixture {
    sink diags;
    jz_roster roster;
    jz_contracts contracts;
    bool has_roster, has_contracts;
    jz_table_info info;
    jz_error err;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    jz_diag_init(&fx->diags.d, collect, &fx->diags);
    jz_roster_init(&fx->roster);
    jz_contracts_init(&fx->contracts);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    jz_roster_free(&fx->roster);
    jz_contracts_free(&fx->contracts);
    free(fx);
    for (int i = 0; i < ntemps; i++) {
        jz_rowsrc_mem_remove(temps[i]);
        free(temps[i]);
        free(temp_text[i]);
    }
    ntemps = 0;
    return 0;
}

static void clear_diags(fixture *fx)
{
    fx->diags.text[0] = fx->diags.msgs[0] = '\0';
    fx->diags.n = 0;
}

static void load_roster(fixture *fx, const char *csv)
{
    clear_diags(fx);
    assert_int_equal(jz_roster_load(&fx->roster, temp_csv(csv), JZ_ENC_AUTO, &fx->diags.d,
                                    &fx->info, &fx->err), JZ_OK);
    fx->has_roster = true;
}

static void load_contracts(fixture *fx, const char *csv)
{
    clear_diags(fx);
    assert_int_equal(jz_contracts_load(&fx->contracts, temp_csv(csv), JZ_ENC_AUTO, &fx->diags.d,
                                       &fx->info, &fx->err), JZ_OK);
    fx->has_contracts = true;
}

/* Validate one records file with the default options (12 h a day, 15 minutes); returns
 * the diagnostics as "line:col severity code [column]" lines. */
static const char *validate(fixture *fx, const char *csv)
{
    clear_diags(fx);
    jz_validate_opts o = {720, 15};
    jz_validator *v = jz_validator_new(&o, fx->has_roster ? &fx->roster : NULL,
                                       fx->has_contracts ? &fx->contracts : NULL, &fx->diags.d);
    jz_code rc = jz_validator_file(v, temp_csv(csv), JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &fx->info,
                                   &fx->err);
    jz_validator_free(v);
    assert_int_equal(rc, JZ_OK);
    assert_int_equal(fx->info.type, JZ_FILE_RECORDS);
    return fx->diags.text;
}

/* Fields 1..10. */
#define HDR "record_id,centre,date,start,end,staff,kind,mode,hours,client\n"

static const jz_day MAR5 = 19787;  /* 2024-03-05 */

/* ---- row rules ---- */

static void clean_records_give_no_diagnostics(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,09:00,10:00,S1,case,direct,1,K1\n"
        "R2,C1,2024-03-05,10:00,11:30,S1,group,indirect,1.5,\n"
        "R3,C1,2024-03-05,,,S1,training,,2,\n"
        "R4,C1,2024-03-05,13:00,14:00,S1,admin,,,\n"), "");
    assert_int_equal(fx->info.rows, 4);
    assert_int_equal(fx->info.bad_rows, 0);
}

static void same_record_id_twice_in_a_centre_is_duplicate_id(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,09:00,10:00,S1,case,direct,1,K1\n"
        "R1,C2,2024-03-05,09:00,10:00,S2,case,direct,1,K1\n"  /* another centre: fine */
        "R1,C1,2024-03-06,09:00,10:00,S1,case,direct,1,K1\n"),
        "4:1 error duplicate-id [record_id]\n");
    assert_non_null(strstr(fx->diags.msgs, "record_id R1 appears earlier for centre C1"));
}

static void same_work_entered_twice_is_duplicate_row(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,,,S1,case,direct,1,K1\n"
        "R2,C1,2024-03-05,,,S1,case,direct,1,K1\n"
        "R3,C1,2024-03-05,,,S1,case,direct,1,K2\n"     /* another client */
        "R4,C1,2024-03-05,,,S1,group,direct,1,K1\n"    /* another kind */
        "R5,C1,2024-03-06,,,S1,case,direct,1,K1\n"     /* another day */
        "R6,C1,2024-03-05,,,S2,case,direct,1,K1\n"),   /* another staff */
        "3:1 error duplicate-row [record_id]\n");
}

static void touching_sessions_do_not_overlap_but_crossing_ones_do(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,09:00,10:00,S1,case,direct,1,K1\n"
        "R2,C1,2024-03-05,10:00,11:00,S1,case,direct,1,K2\n"   /* touches R1 */
        "R3,C1,2024-03-05,09:00,10:00,S2,case,direct,1,K3\n"   /* another staff */
        "R4,C1,2024-03-06,09:30,10:30,S1,case,direct,1,K4\n"   /* another day */
        "R5,C1,2024-03-05,10:30,11:30,S1,case,direct,1,K5\n"), /* inside R2 */
        "6:4 error overlap [start]\n");
    assert_non_null(strstr(fx->diags.msgs, "session from 10:00 to 11:00"));
}

static void exactly_twelve_hours_in_a_day_is_not_a_long_day(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,,,S1,case,direct,6,K1\n"
        "R2,C1,2024-03-05,,,S1,group,direct,6,K1\n"), "");
}

static void twelve_hours_fifteen_is_a_long_day_warned_once(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,,,S1,case,direct,6,K1\n"
        "R2,C1,2024-03-05,,,S1,group,direct,6.25,K1\n"
        "R3,C1,2024-03-05,,,S1,visit,direct,1,K1\n"
        "R4,C1,2024-03-05,,,S2,visit,direct,12,K1\n"),
        "3:9 warning long-day [hours]\n");
    assert_non_null(strstr(fx->diags.msgs, "12.25 hours"));
}

static void timed_rows_without_hours_count_towards_the_day(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,00:00,12:00,S1,case,direct,,K1\n"
        "R2,C1,2024-03-05,12:00,12:01,S1,case,direct,,K2\n"),
        "3:9 warning long-day [hours]\n");
}

static void hours_fifteen_minutes_off_is_fine_sixteen_is_a_mismatch(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,09:00,10:00,S1,case,direct,1.25,K1\n"  /* +15 */
        "R2,C1,2024-03-05,09:00,10:00,S2,case,direct,0.75,K1\n"  /* -15 */
        "R3,C1,2024-03-05,09:00,10:00,S3,case,direct,1.27,K1\n"  /* 76.2 -> 76: +16 */
        "R4,C1,2024-03-05,09:00,10:00,S4,case,direct,0.73,K1\n"),/* 43.8 -> 44: -16 */
        "4:9 warning hours-mismatch [hours]\n"
        "5:9 warning hours-mismatch [hours]\n");
}

static void end_not_after_start_is_time_order(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,10:00,09:00,S1,training,,,\n"
        "R2,C1,2024-03-05,11:00,11:00,S1,training,,,K2\n"),
        "2:5 error time-order [end]\n"
        "3:5 error time-order [end]\n");
}

static void mode_is_required_for_case_but_not_for_training(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,,,S1,case,,1,K1\n"
        "R2,C1,2024-03-05,,,S1,training,,1,K1\n"
        "R3,C1,2024-03-05,,,S1,consult,,1,K1\n"
        "R4,C1,2024-03-05,,,S1,supervision,,1,K1\n"),
        "2:8 error required [mode]\n"
        "4:8 error required [mode]\n");
}

static void a_file_without_a_mode_column_needs_one_for_service_rows(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx,
        "record_id,centre,date,staff,kind,hours\n"
        "R1,C1,2024-03-05,S1,admin,1\n"
        "R2,C1,2024-03-05,S1,group,1\n"),
        "3:0 error required [mode]\n");
}

static void hours_are_required_unless_start_and_end_are_given(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,,,S1,training,,,K1\n"
        "R2,C1,2024-03-05,09:00,10:00,S1,training,,,K2\n"
        "R3,C1,2024-03-05,09:00,,S1,training,,,K3\n"
        "R4,C1,2024-03-05,,10:00,S1,training,,,K4\n"),
        "2:9 error required [hours]\n"
        "4:9 error required [hours]\n"
        "5:9 error required [hours]\n");
}

static void field_errors_come_from_the_schema_and_skip_dependent_checks(void **state)
{
    fixture *fx = *state;
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-02-30,09:00,10:00,S1,case,direct,1,K1\n"
        "R1,C1,2024-03-05,09:00,10:00,S1,caes,direct,1,K1\n"),
        "2:3 error bad-date [date]\n"
        "3:7 error bad-enum [kind]\n"
        "3:1 error duplicate-id [record_id]\n");
    assert_int_equal(fx->info.bad_rows, 2);
}

static void overlaps_are_found_among_many_sessions_of_many_staff_days(void **state)
{
    fixture *fx = *state;
    /* 300 staff x 3 days x 13 half-hour sessions 08:00-14:30, interleaved, then one more
     * session a day 14:10-14:40 that overlaps only the 13th (stored past the first few). */
    enum { STAFF = 300, DAYS = 3, SESSIONS = 13 };
    size_t cap = (size_t)STAFF * DAYS * (SESSIONS + 1) * 80 + 128, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, "%s", HDR);
    for (int k = 0; k <= SESSIONS; k++)
        for (int d = 0; d < DAYS; d++)
            for (int st = 0; st < STAFF; st++) {
                int start = k < SESSIONS ? 480 + 30 * k : 850;
                len += (size_t)snprintf(csv + len, cap - len,
                                        "R%d-%d-%d,C1,2024-03-0%d,%02d:%02d,%02d:%02d,S%d,case,direct,0.5,K%d\n",
                                        st, d, k, d + 1, start / 60, start % 60, (start + 30) / 60,
                                        (start + 30) % 60, st, k);
            }
    const char *text = validate(fx, csv);
    free(csv);
    assert_int_equal(fx->info.rows, STAFF * DAYS * (SESSIONS + 1));
    assert_int_equal(fx->diags.n, STAFF * DAYS);
    assert_int_equal(fx->diags.d.count[JZ_ERROR], STAFF * DAYS);
    /* The first overlapping row is on line 2 + 13 * 900. */
    assert_memory_equal(text, "11702:4 error overlap [start]\n", 30);
    assert_non_null(strstr(fx->diags.msgs, "session from 14:00 to 14:30 on 2024-03-01"));
}

static void repeated_rows_are_found_among_many_rows_of_many_staff_days(void **state)
{
    fixture *fx = *state;
    /* 200 staff x 2 days x 20 untimed consultations with clients K0..K19, interleaved (the
     * fingerprints of a staff-day go past the slot into a chain of chunks, and the chunks'
     * array grows while chains are open), then a consultation with a new client K99 each
     * staff-day, then each staff-day's K17 again: the last 400 rows, and only they, repeat. */
    enum { STAFF = 200, DAYS = 2, ROWS = 20 };
    size_t cap = (size_t)STAFF * DAYS * (ROWS + 2) * 80 + 128, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, "%s", HDR);
    for (int k = 0; k < ROWS + 2; k++)
        for (int d = 0; d < DAYS; d++)
            for (int st = 0; st < STAFF; st++)
                len += (size_t)snprintf(csv + len, cap - len, "R%d-%d-%d,C1,2024-03-0%d,,,S%d,consult,direct,0.5,K%d\n",
                                        st, d, k, d + 1, st, k < ROWS ? k : k == ROWS ? 99 : 17);
    const char *text = validate(fx, csv);
    free(csv);
    assert_int_equal(fx->info.rows, STAFF * DAYS * (ROWS + 2));
    assert_int_equal(fx->diags.n, STAFF * DAYS);
    assert_int_equal(fx->diags.d.count[JZ_ERROR], STAFF * DAYS);
    /* The first repeat is on line 2 + 21 * 400, of staff S0 on 2024-03-01. */
    assert_memory_equal(text, "8402:1 error duplicate-row [record_id]\n", 39);
    assert_non_null(strstr(fx->diags.msgs, "record R0-0-21 repeats an earlier row (same staff S0, date 2024-03-01"));
    assert_null(strstr(fx->diags.msgs, "client K99"));
}

static void a_2000_byte_centre_is_keyed_without_overflowing(void **state)
{
    fixture *fx = *state;
    char centre[2001];
    memset(centre, 'x', 2000);
    centre[0] = 'C';
    centre[2000] = '\0';
    char *csv = malloc(8192);
    snprintf(csv, 8192, HDR
             "R1,%s,2024-03-05,09:00,10:00,S1,case,direct,1,K1\n"
             "R1,%s,2024-03-06,09:00,10:00,S1,case,direct,1,K1\n"
             "R2,%s,2024-03-05,09:30,10:30,S1,case,direct,1,K1\n",
             centre, centre, centre);
    assert_string_equal(validate(fx, csv),
                        "3:1 error duplicate-id [record_id]\n"
                        "4:4 error overlap [start]\n");
    free(csv);
}

/* ---- the roster ---- */

#define ROSTER \
    "staff,centre,name,qualification,profession,counted,start_date,end_date\n" \
    "S1,C1,张三,social_worker,social_work,yes,2024-01-01,2024-06-30\n" \
    "S2,C2,李四,assistant,,no,,\n" \
    "S3,C1,王五,无,心理学,是,2023-01-01,\n"

static void roster_loads_every_column(void **state)
{
    fixture *fx = *state;
    load_roster(fx, ROSTER);
    assert_string_equal(fx->diags.text, "");
    assert_int_equal(fx->roster.n, 3);
    const jz_staff *s = jz_roster_find(&fx->roster, "C1", "S1");
    assert_non_null(s);
    assert_string_equal(s->name, "张三");
    assert_int_equal(s->qual, JZ_QUAL_SOCIAL_WORKER);
    assert_int_equal(s->prof, JZ_PROF_SOCIAL_WORK);
    assert_true(s->counted);
    assert_int_equal(s->start, jz_days_from_civil(2024, 1, 1));
    assert_int_equal(s->end, jz_days_from_civil(2024, 6, 30));
    assert_int_equal(s->line, 2);
    s = jz_roster_find(&fx->roster, "C2", "S2");
    assert_non_null(s);
    assert_int_equal(s->qual, JZ_QUAL_ASSISTANT);
    assert_int_equal(s->prof, -1);
    assert_false(s->counted);
    assert_int_equal(s->start, JZ_NO_DAY);
    assert_int_equal(s->end, JZ_NO_DAY);
    s = jz_roster_find(&fx->roster, "C1", "S3");
    assert_non_null(s);
    assert_int_equal(s->qual, JZ_QUAL_NONE);
    assert_int_equal(s->prof, JZ_PROF_PSYCHOLOGY);
    assert_true(s->counted);
    assert_int_equal(s->end, JZ_NO_DAY);
    assert_null(jz_roster_find(&fx->roster, "C2", "S1"));
    assert_string_equal(jz_roster_find_any(&fx->roster, "S2")->centre, "C2");
    assert_null(jz_roster_find_any(&fx->roster, "S9"));
}

static void staff_are_employed_from_start_to_end_inclusive(void **state)
{
    fixture *fx = *state;
    load_roster(fx, ROSTER);
    const jz_staff *s = jz_roster_find(&fx->roster, "C1", "S1");
    assert_false(jz_staff_on(s, jz_days_from_civil(2023, 12, 31)));
    assert_true(jz_staff_on(s, jz_days_from_civil(2024, 1, 1)));
    assert_true(jz_staff_on(s, jz_days_from_civil(2024, 6, 30)));
    assert_false(jz_staff_on(s, jz_days_from_civil(2024, 7, 1)));
    assert_true(jz_staff_on(jz_roster_find(&fx->roster, "C2", "S2"), 0));
}

static void bad_roster_rows_are_reported_and_left_out(void **state)
{
    fixture *fx = *state;
    load_roster(fx,
        "staff,centre,qualification,counted,start_date,end_date\n"
        "S1,C1,social_worker,yes,,\n"
        "S2,C1,socail_worker,yes,,\n"          /* bad enum */
        "S1,C1,assistant,no,,\n"               /* same staff, same centre */
        "S1,C2,assistant,no,,\n"               /* same id, other centre: fine */
        "S4,C1,senior,no,2024-05-01,2024-04-30\n");
    assert_string_equal(fx->diags.text,
                        "3:3 error bad-enum [qualification]\n"
                        "4:1 error duplicate-staff [staff]\n"
                        "6:6 error date-order [end_date]\n");
    assert_non_null(strstr(fx->diags.msgs, "did you mean 'social_worker'?"));
    assert_int_equal(fx->roster.n, 2);
    assert_int_equal(fx->info.rows, 5);
    assert_int_equal(fx->info.bad_rows, 1);
    assert_null(jz_roster_find(&fx->roster, "C1", "S2"));
    assert_int_equal(jz_roster_find(&fx->roster, "C1", "S1")->qual, JZ_QUAL_SOCIAL_WORKER);
    assert_non_null(jz_roster_find(&fx->roster, "C2", "S1"));
}

static void two_roster_files_make_one_roster(void **state)
{
    fixture *fx = *state;
    load_roster(fx, "staff,centre,qualification,counted\nS1,C1,senior,yes\n");
    load_roster(fx, "社工编号,中心编号,资质,计入工时\nS9,C9,助理社会工作师,否\n");
    assert_int_equal(fx->roster.n, 2);
    assert_int_equal(jz_roster_find(&fx->roster, "C9", "S9")->qual, JZ_QUAL_ASSISTANT);
    assert_int_equal(jz_roster_find(&fx->roster, "C1", "S1")->qual, JZ_QUAL_SENIOR);
}

static void records_are_checked_against_the_roster(void **state)
{
    fixture *fx = *state;
    load_roster(fx, ROSTER);
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,,,S1,case,direct,1,K1\n"
        "R2,C1,2024-03-05,,,S9,case,direct,1,K1\n"    /* nobody */
        "R3,C1,2024-03-05,,,S2,case,direct,1,K1\n"    /* staff of C2 */
        "R4,C1,2024-07-01,,,S1,case,direct,1,K1\n"    /* left on 2024-06-30 */
        "R5,C1,2024-06-30,,,S1,case,direct,1,K1\n"    /* last day: fine */
        "R6,C1,2023-12-31,,,S1,case,direct,1,K1\n"    /* before joining */
        "R7,C1,2023-12-31,,,S3,case,direct,1,K1\n"),  /* open-ended: fine */
        "3:6 error unknown-staff [staff]\n"
        "4:6 error unknown-staff [staff]\n"
        "5:3 warning not-employed [date]\n"
        "7:3 warning not-employed [date]\n");
    assert_non_null(strstr(fx->diags.msgs, "staff S9 of centre C1 is not on the roster"));
    assert_non_null(strstr(fx->diags.msgs, "staff S2 is on the roster of centre C2"));
    assert_non_null(strstr(fx->diags.msgs, "not employed on 2024-07-01"));
    assert_non_null(strstr(fx->diags.msgs, "from 2024-01-01 to 2024-06-30"));
}

/* ---- the contracts ---- */

#define CONTRACTS \
    "contract,centre,district,start,end,budget,total_hours,direct_hours,professional_staff," \
    "target_cases,target_groups\n" \
    "K2024,C1,天河区,2024-01-01,2024-12-31,\"2,350,000.00\",27440,12000,8,60,12.5\n"

static void contracts_load_money_hours_and_targets_exactly(void **state)
{
    fixture *fx = *state;
    load_contracts(fx, CONTRACTS);
    assert_string_equal(fx->diags.text, "");
    assert_int_equal(fx->contracts.n, 1);
    const jz_contract *k = jz_contracts_first(&fx->contracts, "C1");
    assert_non_null(k);
    assert_string_equal(k->id, "K2024");
    assert_string_equal(k->district, "天河区");
    assert_string_equal(k->street, "");
    assert_int_equal(k->start, jz_days_from_civil(2024, 1, 1));
    assert_int_equal(k->end, jz_days_from_civil(2024, 12, 31));
    assert_int_equal(k->budget_fen, 235000000);
    assert_int_equal(k->total_minutes, 1646400);
    assert_int_equal(k->direct_minutes, 720000);
    assert_int_equal(k->professional_staff, 8);
    assert_int_equal(k->ntargets, 2);
    assert_int_equal(jz_contract_target(k, "cases")->value, 6000);
    assert_int_equal(jz_contract_target(k, "groups")->value, 1250);
    assert_null(jz_contract_target(k, "visits"));
    assert_int_equal(k->line, 2);
}

static void contract_targets_take_up_to_two_decimals(void **state)
{
    fixture *fx = *state;
    load_contracts(fx,
        "contract,centre,start,end,budget,target_a,target_b,target_c,target_d\n"
        "K1,C1,2024-01-01,2024-12-31,100,0.05,12.50,12.500,\n"
        "K2,C2,2024-01-01,2024-12-31,100,1.234,1,1,1\n");
    assert_string_equal(fx->diags.text, "3:6 error bad-number [a]\n");
    assert_int_equal(fx->contracts.n, 1);
    const jz_contract *k = jz_contracts_first(&fx->contracts, "C1");
    assert_int_equal(jz_contract_target(k, "a")->value, 5);
    assert_int_equal(jz_contract_target(k, "b")->value, 1250);
    assert_int_equal(jz_contract_target(k, "c")->value, 1250);  /* a trailing zero is fine */
    assert_int_equal(jz_contract_target(k, "d")->value, -1);    /* empty */
    assert_int_equal(k->professional_staff, -1);
    assert_int_equal(k->total_minutes, -1);
}

static void the_contract_covering_a_date_is_found(void **state)
{
    fixture *fx = *state;
    load_contracts(fx, CONTRACTS);
    load_contracts(fx,
        "contract,centre,start,end,budget\n"
        "K2025,C1,2025-01-01,2025-12-31,100\n"
        "K2023,C1,2023-06-01,2024-01-01,100\n");  /* overlaps K2024 by one day */
    assert_string_equal(fx->diags.text, "3:3 warning contract-overlap [start]\n");
    bool any = false;
    assert_string_equal(jz_contracts_for(&fx->contracts, "C1", MAR5, &any)->id, "K2024");
    assert_string_equal(jz_contracts_for(&fx->contracts, "C1", jz_days_from_civil(2025, 6, 1), &any)->id,
                        "K2025");
    assert_null(jz_contracts_for(&fx->contracts, "C1", jz_days_from_civil(2026, 1, 1), &any));
    assert_true(any);
    assert_null(jz_contracts_for(&fx->contracts, "C9", MAR5, &any));
    assert_false(any);
    assert_string_equal(jz_contracts_first(&fx->contracts, "C1")->id, "K2024");
}

static void bad_contract_rows_are_reported_and_left_out(void **state)
{
    fixture *fx = *state;
    load_contracts(fx,
        "contract,centre,start,end,budget\n"
        "K1,C1,2024-01-01,2024-12-31,\n"            /* no budget */
        "K2,C2,2024-12-31,2024-01-01,100\n"         /* ends before it starts */
        "K3,C3,2024-01-01,2024-12-31,100\n"
        "K3,C4,2024-01-01,2024-12-31,100\n");       /* same id */
    assert_string_equal(fx->diags.text,
                        "2:5 error required [budget]\n"
                        "3:4 error date-order [end]\n"
                        "5:1 error duplicate-id [contract]\n");
    assert_int_equal(fx->contracts.n, 1);
    assert_null(jz_contracts_first(&fx->contracts, "C4"));
}

static void records_are_checked_against_the_contracts(void **state)
{
    fixture *fx = *state;
    load_contracts(fx, CONTRACTS);
    assert_string_equal(validate(fx, HDR
        "R1,C1,2024-03-05,,,S1,case,direct,1,K1\n"
        "R2,C9,2024-03-05,,,S1,case,direct,1,K1\n"    /* no contract at all */
        "R3,C1,2025-01-01,,,S1,case,direct,1,K1\n"    /* after the contract */
        "R4,C1,2024-12-31,,,S1,case,direct,1,K1\n"),  /* its last day: fine */
        "3:2 error unknown-centre [centre]\n"
        "4:3 error outside-contract [date]\n");
    assert_non_null(strstr(fx->diags.msgs, "centre C9 has no contract"));
    assert_non_null(strstr(fx->diags.msgs, "date 2025-01-01 is outside centre C1's contract K2024 "
                                           "(2024-01-01 to 2024-12-31)"));
}

/* A centre id of 300 bytes (and a staff id of 280) is looked up whole on the roster and in
 * the contracts: its rows are fine, and a centre one byte off at the end has neither. */
static void a_300_byte_centre_is_looked_up_whole(void **state)
{
    fixture *fx = *state;
    char centre[301], other[301], staff[281], text[2048];
    memset(centre, 'L', 300), centre[300] = '\0';
    memcpy(other, centre, 301), other[299] = 'M';
    memset(staff, 'S', 280), staff[280] = '\0';
    snprintf(text, sizeof text, "staff,centre,name,qualification,profession,counted,start_date,end_date\n"
                                "%s,%s,张三,social_worker,social_work,yes,2024-01-01,\n", staff, centre);
    load_roster(fx, text);
    snprintf(text, sizeof text, "contract,centre,district,start,end,budget\nK1,%s,天河区,2024-01-01,2024-12-31,2000000\n",
             centre);
    load_contracts(fx, text);
    char *csv = malloc(8192);
    snprintf(csv, 8192, HDR "R1,%s,2024-03-05,,,%s,case,direct,1,K1\n"
                            "R2,%s,2024-03-06,,,%s,case,direct,1,K1\n",
             centre, staff, other, staff);
    assert_string_equal(validate(fx, csv), "3:6 error unknown-staff [staff]\n3:2 error unknown-centre [centre]\n");
    free(csv);
}

static void a_roster_given_to_the_validator_is_checked_for_its_own_rows_only(void **state)
{
    fixture *fx = *state;
    clear_diags(fx);
    jz_validate_opts o = {720, 15};
    jz_validator *v = jz_validator_new(&o, NULL, NULL, &fx->diags.d);
    const char *path = temp_csv("staff,centre,qualification,counted\nS1,C1,senior,maybe\n");
    assert_int_equal(jz_validator_file(v, path, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &fx->info, &fx->err),
                     JZ_OK);
    jz_validator_free(v);
    assert_int_equal(fx->info.type, JZ_FILE_ROSTER);
    assert_string_equal(fx->diags.text, "2:4 error bad-enum [counted]\n");
}

static void an_unreadable_or_headerless_file_is_an_error(void **state)
{
    fixture *fx = *state;
    clear_diags(fx);
    jz_validate_opts o = {720, 15};
    jz_validator *v = jz_validator_new(&o, NULL, NULL, &fx->diags.d);
    assert_int_equal(jz_validator_file(v, "/nonexistent/jz-ut.csv", JZ_FILE_UNKNOWN, JZ_ENC_AUTO,
                                       &fx->info, &fx->err), JZ_EIO);
    assert_int_equal(fx->info.unreadable, 1);
    assert_int_equal(jz_validator_file(v, temp_csv("foo,bar\n1,2\n"), JZ_FILE_UNKNOWN,
                                       JZ_ENC_AUTO, &fx->info, &fx->err), JZ_EINPUT);
    assert_string_equal(fx->diags.text, "1:0 error unknown-type []\n");
    clear_diags(fx);
    assert_int_equal(jz_validator_file(v, temp_csv(""), JZ_FILE_RECORDS, JZ_ENC_AUTO, &fx->info,
                                       &fx->err), JZ_EINPUT);
    assert_string_equal(fx->diags.text, "0:0 error empty-file []\n");
    clear_diags(fx);
    assert_int_equal(jz_validator_file(v, temp_csv(HDR), JZ_FILE_RECORDS, JZ_ENC_AUTO, &fx->info,
                                       &fx->err), JZ_OK);
    assert_string_equal(fx->diags.text, "1:0 warning header-only []\n");
    jz_validator_free(v);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(clean_records_give_no_diagnostics),
        T(same_record_id_twice_in_a_centre_is_duplicate_id),
        T(same_work_entered_twice_is_duplicate_row),
        T(touching_sessions_do_not_overlap_but_crossing_ones_do),
        T(exactly_twelve_hours_in_a_day_is_not_a_long_day),
        T(twelve_hours_fifteen_is_a_long_day_warned_once),
        T(timed_rows_without_hours_count_towards_the_day),
        T(hours_fifteen_minutes_off_is_fine_sixteen_is_a_mismatch),
        T(end_not_after_start_is_time_order),
        T(mode_is_required_for_case_but_not_for_training),
        T(a_file_without_a_mode_column_needs_one_for_service_rows),
        T(hours_are_required_unless_start_and_end_are_given),
        T(field_errors_come_from_the_schema_and_skip_dependent_checks),
        T(overlaps_are_found_among_many_sessions_of_many_staff_days),
        T(repeated_rows_are_found_among_many_rows_of_many_staff_days),
        T(a_2000_byte_centre_is_keyed_without_overflowing),
        T(roster_loads_every_column),
        T(staff_are_employed_from_start_to_end_inclusive),
        T(bad_roster_rows_are_reported_and_left_out),
        T(two_roster_files_make_one_roster),
        T(records_are_checked_against_the_roster),
        T(contracts_load_money_hours_and_targets_exactly),
        T(contract_targets_take_up_to_two_decimals),
        T(the_contract_covering_a_date_is_found),
        T(bad_contract_rows_are_reported_and_left_out),
        T(records_are_checked_against_the_contracts),
        T(a_300_byte_centre_is_looked_up_whole),
        T(a_roster_given_to_the_validator_is_checked_for_its_own_rows_only),
        T(an_unreadable_or_headerless_file_is_an_error),
    };
    return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
