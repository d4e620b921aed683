/* test_sample.c — populations, strata, allocation, the draw and visit dates (sample.h).
 * Expected allocations were worked out by hand from the largest-remainder rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/sample.h"

#define CALENDAR "rubrics/calendar/cn-holidays.csv"

static jz_day day(const char *s)
{
    jz_day d = 0;
    assert_true(jz_date_parse(s, strlen(s), &d));
    return d;
}

/* The input `name` held in memory (rowsrc.h named buffers: the readers take names): text
 * is read from there under that name (it must outlive the jz_rowsrc_mem_remove(path)). */
static void mem_file(char path[64], const char *name, const char *text)
{
    snprintf(path, 64, "%s", name);
    jz_rowsrc_mem_add(path, text, strlen(text));
}

static const jz_sample_spec clients_spec = {JZ_SAMPLE_CLIENTS, JZ_BY_KIND, 0, 0, INT32_MIN, INT32_MAX, NULL, 0};

/* A population of one centre: ids C00.. in stratum value, one record each. */
static void add_units(jz_sample_pop *p, const char *value, int from, int count)
{
    for (int i = from; i < from + count; i++) {
        char id[16];
        snprintf(id, sizeof id, "C%02d", i);
        jz_sample_pop_add_record(p, "HZ-NZ", id, value, day("2024-03-01") + i, 0, (long)i + 2);
    }
}

/* ---- allocation ---- */

static void apportion_gives_exact_proportions_when_they_are_whole(void **state)
{
    (void)state;
    size_t pop[] = {10, 20, 30}, share[3], alloc[3];
    assert_int_equal(jz_sample_apportion(6, 3, pop, pop, share, alloc), 6);
    assert_int_equal(alloc[0], 1);
    assert_int_equal(alloc[1], 2);
    assert_int_equal(alloc[2], 3);
    assert_memory_equal(share, alloc, sizeof alloc);
}

static void apportion_gives_the_leftover_to_the_largest_remainders(void **state)
{
    (void)state;
    /* Quotas 2.0, 1.2, 0.8: floors 2, 1, 0; the one left goes to remainder 0.8. */
    size_t pop[] = {5, 3, 2}, share[3], alloc[3];
    assert_int_equal(jz_sample_apportion(4, 3, pop, pop, share, alloc), 4);
    assert_int_equal(alloc[0], 2);
    assert_int_equal(alloc[1], 1);
    assert_int_equal(alloc[2], 1);
}

static void apportion_breaks_ties_in_remainders_by_stratum_order(void **state)
{
    (void)state;
    size_t pop[] = {1, 1, 1}, share[3], alloc[3];
    jz_sample_apportion(2, 3, pop, pop, share, alloc);
    assert_int_equal(alloc[0], 1);
    assert_int_equal(alloc[1], 1);
    assert_int_equal(alloc[2], 0);
    /* Quotas 1.0, 0.5, 0.5: the tie between the second and third goes to the second. */
    size_t pop2[] = {2, 1, 1};
    jz_sample_apportion(2, 3, pop2, pop2, share, alloc);
    assert_int_equal(alloc[0], 1);
    assert_int_equal(alloc[1], 1);
    assert_int_equal(alloc[2], 0);
}

static void a_stratum_smaller_than_its_share_gives_the_rest_to_the_others(void **state)
{
    (void)state;
    /* Shares 5, 3, 2; the third has 1 available (the others were interviewed last time).
     * The 9 left go to the first two in proportion 50:30: 5.625, 3.375 -> 6, 3. */
    size_t pop[] = {50, 30, 20}, avail[] = {50, 30, 1}, share[3], alloc[3];
    assert_int_equal(jz_sample_apportion(10, 3, pop, avail, share, alloc), 10);
    assert_int_equal(share[0], 5);
    assert_int_equal(share[1], 3);
    assert_int_equal(share[2], 2);
    assert_int_equal(alloc[0], 6);
    assert_int_equal(alloc[1], 3);
    assert_int_equal(alloc[2], 1);
}

static void n_larger_than_the_population_draws_everything(void **state)
{
    (void)state;
    size_t pop[] = {3, 2}, share[2], alloc[2];
    assert_int_equal(jz_sample_apportion(10, 2, pop, pop, share, alloc), 5);
    assert_int_equal(share[0], 6);
    assert_int_equal(share[1], 4);
    assert_int_equal(alloc[0], 3);
    assert_int_equal(alloc[1], 2);
}

static void empty_strata_are_asked_nothing(void **state)
{
    (void)state;
    size_t pop[] = {0, 4, 0, 6}, share[4], alloc[4];
    assert_int_equal(jz_sample_apportion(5, 4, pop, pop, share, alloc), 5);
    assert_int_equal(share[0], 0);
    assert_int_equal(alloc[1], 2);
    assert_int_equal(share[2], 0);
    assert_int_equal(alloc[3], 3);
    size_t none[] = {0, 0};
    assert_int_equal(jz_sample_apportion(3, 2, none, none, share, alloc), 0);
    assert_int_equal(jz_sample_apportion(3, 0, NULL, NULL, NULL, NULL), 0);
}

/* ---- the draw ---- */

static void the_draw_reports_the_shortfall_when_n_exceeds_the_population(void **state)
{
    (void)state;
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    add_units(p, "case", 0, 3);
    add_units(p, "visit", 3, 2);
    jz_rng rng;
    jz_rng_init_seed(&rng, "short", 5, NULL);
    jz_sample_result r;
    jz_sample_draw(p, &rng, (jz_sample_size){false, 10}, &r);
    assert_int_equal(r.nstrata, 2);
    assert_int_equal(r.asked, 10);
    assert_int_equal(r.drawn, 5);
    assert_true(r.short_total);
    assert_int_equal(r.short_strata, 2);
    assert_int_equal(r.strata[0].share, 6);
    assert_int_equal(r.strata[0].drawn, 3);
    assert_int_equal(r.strata[1].share, 4);
    assert_int_equal(r.strata[1].drawn, 2);
    jz_sample_result_free(&r);
    jz_sample_pop_free(p);
}

static void per_stratum_draws_n_from_each_and_says_which_is_short(void **state)
{
    (void)state;
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    add_units(p, "consult", 0, 5);
    add_units(p, "case", 5, 2);
    jz_rng rng;
    jz_rng_init_seed(&rng, "per", 3, NULL);
    jz_sample_result r;
    jz_sample_draw(p, &rng, (jz_sample_size){true, 3}, &r);
    assert_int_equal(r.asked, 6);
    assert_string_equal(r.strata[0].value, "case");  /* strata in byte order */
    assert_int_equal(r.strata[0].drawn, 2);
    assert_string_equal(r.strata[1].value, "consult");
    assert_int_equal(r.strata[1].drawn, 3);
    assert_int_equal(r.short_strata, 1);
    assert_true(r.short_total);
    assert_int_equal(rng.words, 5);  /* one word a drawn unit (no rejection at these n) */
    jz_sample_result_free(&r);
    jz_sample_pop_free(p);
}

/* The draw by hand: ids sorted, then the partial Fisher-Yates on a fresh stream. */
static void the_draw_is_a_partial_shuffle_of_the_sorted_ids(void **state)
{
    (void)state;
    static const char *const ids[] = {"b", "d", "a", "e", "c", "f"};  /* inserted unsorted */
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    for (int i = 0; i < 6; i++)
        jz_sample_pop_add_record(p, "X", ids[i], "case", day("2024-01-02"), 0, i + 2);
    jz_rng rng, again;
    jz_rng_init_seed(&rng, "by hand", 7, NULL);
    jz_sample_result r;
    jz_sample_draw(p, &rng, (jz_sample_size){false, 4}, &r);
    const char *sorted[] = {"a", "b", "c", "d", "e", "f"};
    jz_rng_init_seed(&again, "by hand", 7, NULL);
    for (size_t i = 0; i < 4; i++) {
        size_t j = i + (size_t)jz_rng_uniform(&again, 6 - i);
        const char *t = sorted[i];
        sorted[i] = sorted[j];
        sorted[j] = t;
        assert_string_equal(r.items[i].id, sorted[i]);
        assert_int_equal(r.items[i].rank, i + 1);
    }
    assert_int_equal(rng.words, again.words);
    jz_sample_result_free(&r);
    jz_sample_pop_free(p);
}

static void the_first_record_decides_the_stratum_and_both_ends_are_kept(void **state)
{
    (void)state;
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    /* Read out of date order, over two files: the earliest date wins, then file, then line. */
    jz_sample_pop_add_record(p, "HZ-NZ", "C1", "visit", day("2024-05-01"), 0, 10);
    jz_sample_pop_add_record(p, "HZ-NZ", "C1", "consult", day("2024-02-01"), 1, 40);
    jz_sample_pop_add_record(p, "HZ-NZ", "C1", "case", day("2024-02-01"), 0, 90);
    jz_sample_pop_add_record(p, "HZ-NZ", "C1", "case", day("2024-09-30"), 1, 7);
    jz_sample_pop_add_record(p, "HZ-NZ", "C1", "case", day("2024-09-30"), 1, 5);
    jz_sample_pop_add_record(p, "HZ-NZ", "C2", NULL, day("2024-01-03"), 0, 2);
    assert_int_equal(jz_sample_pop_records(p), 6);
    jz_rng rng;
    jz_rng_init_seed(&rng, "ends", 4, NULL);
    jz_sample_result r;
    jz_sample_draw(p, &rng, (jz_sample_size){true, 5}, &r);
    assert_int_equal(r.nstrata, 2);
    assert_string_equal(r.strata[0].value, JZ_SAMPLE_NONE);  /* "(none)" < "case" */
    const jz_sample_item *c1 = &r.items[1];
    assert_string_equal(c1->id, "C1");
    assert_string_equal(c1->value, "case");  /* 2024-02-01 in file 0 comes before file 1 */
    assert_int_equal(c1->records, 5);
    assert_int_equal(c1->first_day, day("2024-02-01"));
    assert_int_equal(c1->first_file, 0);
    assert_int_equal(c1->first_line, 90);
    assert_int_equal(c1->last_day, day("2024-09-30"));
    assert_int_equal(c1->last_file, 1);
    assert_int_equal(c1->last_line, 7);
    jz_sample_result_free(&r);
    jz_sample_pop_free(p);
}

static void excluded_ids_are_counted_but_never_drawn(void **state)
{
    (void)state;
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    add_units(p, "case", 0, 6);
    jz_sample_pop_add_record(p, "PY-SQ", "C01", "case", day("2024-03-01"), 1, 2);
    jz_sample_pop_exclude(p, NULL, "C00");     /* in every centre */
    jz_sample_pop_exclude(p, "HZ-NZ", "C01");  /* only in HZ-NZ */
    jz_sample_pop_exclude(p, "HZ-NZ", "C99");  /* not served: no effect */
    jz_rng rng;
    jz_rng_init_seed(&rng, "excl", 4, NULL);
    jz_sample_result r;
    jz_sample_draw(p, &rng, (jz_sample_size){true, 10}, &r);
    assert_int_equal(r.population, 7);
    assert_int_equal(r.excluded, 2);
    assert_string_equal(r.strata[0].centre, "HZ-NZ");
    assert_int_equal(r.strata[0].available, 4);
    assert_int_equal(r.strata[1].available, 1);  /* PY-SQ's C01 stays */
    for (size_t i = 0; i < r.nitems; i++)
        assert_false(strcmp(r.items[i].centre, "HZ-NZ") == 0 &&
                     (strcmp(r.items[i].id, "C00") == 0 || strcmp(r.items[i].id, "C01") == 0));
    jz_sample_result_free(&r);
    jz_sample_pop_free(p);
}

/* The notes a load gave: "LINE code message" each, one a line. */
static void collect_notes(void *ctx, const jz_diag_msg *m)
{
    char *buf = ctx;
    size_t used = strlen(buf);
    if (m->sev == JZ_NOTE)
        snprintf(buf + used, 512 - used, "%ld %s %s\n", m->line, m->code, m->message);
}

static void title_rows_above_the_header_of_an_exclusion_or_teams_file_are_skipped(void **state)
{
    (void)state;
    char titled[64], list[64], teams[64], late[64], notes[512] = "";
    mem_file(titled, "titled.csv", "中期已访谈名单\n\n中心编号,服务对象编号\nHZ-NZ,C02\n");
    /* twelve ids and no header: more rows than the header is looked for in, all of them ids */
    mem_file(list, "list.txt", "C00\nC01\nC02\nC03\nC04\nC05\nC06\nC07\nC08\nC09\nC10\nC11\n");
    mem_file(teams, "teams.csv", "2024年评估小组分工\n中心编号,评估小组\nHZ-NZ,海珠组\nPY-SQ,番禺组\n");
    /* the header on row 11: beyond the first 10 rows, so row 1 is taken for it and refused */
    mem_file(late, "late.csv", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\ncentre,team\nHZ-NZ,x\n");
    jz_diag d;
    jz_diag_init(&d, collect_notes, notes);
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    jz_error err;
    long count = 0;
    assert_int_equal(jz_sample_exclude_load(p, titled, JZ_ENC_AUTO, &d, &count, &err), JZ_OK);
    assert_int_equal(count, 1);
    assert_int_equal(jz_sample_exclude_load(p, list, JZ_ENC_AUTO, &d, &count, &err), JZ_OK);
    assert_int_equal(count, 12);
    jz_teams *t = jz_teams_new();
    assert_int_equal(jz_teams_load(t, teams, JZ_ENC_AUTO, &d, &err), JZ_OK);
    assert_string_equal(jz_teams_of(t, "HZ-NZ"), "海珠组");
    assert_string_equal(jz_teams_of(t, "PY-SQ"), "番禺组");
    /* the blank row 2 is above the header too: rows 1-2 */
    assert_string_equal(notes, "1 title-rows the header is row 3: skipped rows 1-2 above the header (title/notes)\n"
                               "1 title-rows the header is row 2: skipped row 1 above the header (title/notes)\n");
    assert_int_equal(jz_teams_load(t, late, JZ_ENC_AUTO, &d, &err), JZ_EINPUT);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "the header needs the columns centre and team"));
    jz_teams_free(t);
    jz_sample_pop_free(p);
    jz_rowsrc_mem_remove(titled);
    jz_rowsrc_mem_remove(list);
    jz_rowsrc_mem_remove(teams);
    jz_rowsrc_mem_remove(late);
}

static void an_exclusion_file_is_a_list_of_ids_or_a_csv_with_the_id_column(void **state)
{
    (void)state;
    char list[64], csv[64], bad[64];
    mem_file(list, "interviewed.txt", "# interviewed in 2023\nC00\n\n  C01  \n");
    mem_file(csv, "draw-2023.csv", "seed_sha256,method,centre,stratum,rank,client\nx,m,HZ-NZ,case,1,C02\nx,m,PY-SQ,case,1,C03\n");
    mem_file(bad, "bad.csv", "a,b\nC00,C01\n");
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    add_units(p, "case", 0, 5);
    jz_error err;
    long count = 0;
    assert_int_equal(jz_sample_exclude_load(p, list, JZ_ENC_AUTO, NULL, &count, &err), JZ_OK);
    assert_int_equal(count, 2);
    assert_int_equal(jz_sample_exclude_load(p, csv, JZ_ENC_AUTO, NULL, &count, &err), JZ_OK);
    assert_int_equal(count, 2);
    assert_int_equal(jz_sample_exclude_load(p, bad, JZ_ENC_AUTO, NULL, &count, &err), JZ_EINPUT);
    assert_int_equal(err.line, 1);
    assert_int_equal(jz_sample_exclude_load(p, "/nonexistent/x", JZ_ENC_AUTO, NULL, &count, &err), JZ_EIO);
    jz_rng rng;
    jz_rng_init_seed(&rng, "f", 1, NULL);
    jz_sample_result r;
    jz_sample_draw(p, &rng, (jz_sample_size){false, 5}, &r);
    assert_int_equal(r.excluded, 3);  /* C00, C01 everywhere; C02 in HZ-NZ; C03 only in PY-SQ */
    assert_int_equal(r.drawn, 2);
    jz_sample_result_free(&r);
    jz_sample_pop_free(p);
    jz_rowsrc_mem_remove(list);
    jz_rowsrc_mem_remove(csv);
    jz_rowsrc_mem_remove(bad);
}

/* A record row as jz_row_parse leaves it. */
typedef struct rec {
    jz_field f[JZ_MAXCOLS];
} rec;

static void text_field(jz_field *f, const char *s)
{
    *f = (jz_field){.present = *s != '\0', .ok = *s != '\0', .s = s, .n = strlen(s)};
}

static rec make_rec(const char *centre, const char *date, int kind, const char *client, const char *activity)
{
    rec r;
    memset(&r, 0, sizeof r);
    text_field(&r.f[JZ_R_CENTRE], centre);
    text_field(&r.f[JZ_R_CLIENT], client);
    text_field(&r.f[JZ_R_ACTIVITY], activity);
    text_field(&r.f[JZ_R_STAFF], "S1");
    r.f[JZ_R_DATE] = (jz_field){.present = true, .ok = true, .v.day = day(date)};
    r.f[JZ_R_KIND] = (jz_field){.present = true, .ok = true, .v.e = kind};
    r.f[JZ_R_TARGET] = (jz_field){.present = true, .ok = true, .v.e = JZ_TGT_YOUTH};
    r.f[JZ_R_MODE] = (jz_field){.present = true, .ok = true, .v.e = JZ_MODE_DIRECT};
    return r;
}

static void records_outside_the_spec_are_left_out(void **state)
{
    (void)state;
    const char *centres[] = {"HZ-NZ"};
    jz_sample_spec spec = {JZ_SAMPLE_ACTIVITIES, JZ_BY_TARGET, 0, 1u << JZ_MODE_DIRECT, day("2024-03-01"),
                           day("2024-03-31"), centres, 1};
    jz_sample_pop *p = jz_sample_pop_new(&spec);
    assert_true(jz_sample_pop_add(p, make_rec("HZ-NZ", "2024-03-05", JZ_KIND_GROUP, "", "G1").f, 0, 2));
    assert_false(jz_sample_pop_add(p, make_rec("HZ-NZ", "2024-04-01", JZ_KIND_GROUP, "", "G1").f, 0, 3));
    assert_false(jz_sample_pop_add(p, make_rec("HZ-NZ", "2024-03-05", JZ_KIND_VISIT, "C1", "V1").f, 0, 4));
    assert_false(jz_sample_pop_add(p, make_rec("PY-SQ", "2024-03-05", JZ_KIND_CASE, "C1", "K1").f, 0, 5));
    assert_false(jz_sample_pop_add(p, make_rec("HZ-NZ", "2024-03-06", JZ_KIND_CASE, "C1", "").f, 0, 6));
    rec indirect = make_rec("HZ-NZ", "2024-03-07", JZ_KIND_GROUP, "", "N1");
    indirect.f[JZ_R_MODE] = (jz_field){.present = true, .ok = true, .v.e = JZ_MODE_INDIRECT};
    assert_false(jz_sample_pop_add(p, indirect.f, 0, 7));
    assert_int_equal(jz_sample_pop_records(p), 1);
    assert_int_equal(jz_sample_pop_missing_id(p), 1);
    jz_rng rng;
    jz_rng_init_seed(&rng, "f", 1, NULL);
    jz_sample_result r;
    jz_sample_draw(p, &rng, (jz_sample_size){false, 1}, &r);
    assert_string_equal(r.items[0].id, "G1");
    assert_string_equal(r.items[0].value, "youth");
    jz_sample_result_free(&r);
    jz_sample_pop_free(p);
}

/* Each of 10 clients should be drawn about equally often: 2000 seeds x 3 draws = 6000,
 * 600 expected each; chi-square with 9 degrees of freedom below 27.88 (p = 0.001). The
 * seeds are fixed, so the statistic is too: this cannot flake. */
static void every_client_is_drawn_equally_often_over_2000_seeds(void **state)
{
    (void)state;
    jz_sample_pop *p = jz_sample_pop_new(&clients_spec);
    add_units(p, "case", 0, 10);
    long seen[10] = {0};
    for (int s = 0; s < 2000; s++) {
        char seed[32];
        int n = snprintf(seed, sizeof seed, "chi-square seed %d", s);
        jz_rng rng;
        jz_rng_init_seed(&rng, seed, (size_t)n, NULL);
        jz_sample_result r;
        jz_sample_draw(p, &rng, (jz_sample_size){false, 3}, &r);
        assert_int_equal(r.drawn, 3);
        for (size_t i = 0; i < 3; i++)
            seen[strtol(r.items[i].id + 1, NULL, 10)]++;
        jz_sample_result_free(&r);
    }
    double chi2 = 0;
    for (int i = 0; i < 10; i++)
        chi2 += (seen[i] - 600.0) * (seen[i] - 600.0) / 600.0;
    print_message("chi-square %.2f (9 d.f., 99.9 %% critical value 27.88)\n", chi2);
    assert_true(chi2 < 27.88);
    jz_sample_pop_free(p);
}

/* ---- visits ---- */

static void parts_split_the_year_by_months(void **state)
{
    (void)state;
    int a, b;
    jz_visit_part_months(4, 1, &a, &b);
    assert_true(a == 1 && b == 3);
    jz_visit_part_months(4, 4, &a, &b);
    assert_true(a == 10 && b == 12);
    jz_visit_part_months(12, 7, &a, &b);
    assert_true(a == 7 && b == 7);
    jz_visit_part_months(5, 3, &a, &b);  /* 5: months 1-2, 3-4, 5-7, 8-9, 10-12 */
    assert_true(a == 5 && b == 7);
    jz_visit_part_months(5, 5, &a, &b);
    assert_true(a == 10 && b == 12);
}

typedef struct visit_fixture {
    jz_calendar *cal;
    jz_contracts c;
    char path[64];
} visit_fixture;

static void load_fixture(visit_fixture *f, const char *contracts)
{
    jz_error err;
    jz_table_info info;
    f->cal = jz_calendar_load(CALENDAR, &err);
    assert_non_null(f->cal);
    jz_contracts_init(&f->c);
    mem_file(f->path, "contracts.csv", contracts);
    assert_int_equal(jz_contracts_load(&f->c, f->path, JZ_ENC_AUTO, NULL, &info, &err), JZ_OK);
    jz_rowsrc_mem_remove(f->path);  /* read: the caller's text may go */
}

static void free_fixture(visit_fixture *f)
{
    jz_contracts_free(&f->c);
    jz_calendar_free(f->cal);
}

#define CONTRACT_HEAD "contract,centre,start,end,budget\n"

static void visits_fall_on_working_days_inside_the_part_and_the_contract(void **state)
{
    (void)state;
    visit_fixture f;
    load_fixture(&f, CONTRACT_HEAD "A-1,A,2024-01-01,2024-12-31,2000000\nB-1,B,2024-03-15,2025-03-14,2000000\n"
                                   "C-1,C,2023-01-01,2023-12-31,2000000\n");
    jz_teams *t = jz_teams_new();
    assert_true(jz_teams_set(t, "A", "one"));
    assert_true(jz_teams_set(t, "B", "one"));
    assert_false(jz_teams_set(t, "B", "two"));
    jz_visit_spec spec = {2024, 12, t, NULL, 0};
    jz_rng rng;
    jz_rng_init_seed(&rng, "visits", 6, NULL);
    jz_visit_plan plan;
    jz_error err;
    assert_int_equal(jz_sample_visits(&f.c, f.cal, &spec, &rng, &plan, &err), JZ_OK);
    assert_int_equal(plan.centres, 2);  /* C's contract ended in 2023 */
    assert_int_equal(plan.n, 24);
    assert_string_equal(plan.v[0].centre, "A");
    assert_int_equal(plan.v[12 + 1].status, JZ_VISIT_OUTSIDE);  /* B in February */
    assert_int_equal(plan.v[12 + 2].status, JZ_VISIT_DRAWN);    /* B from 15 March */
    assert_true(plan.v[12 + 2].date >= day("2024-03-15"));
    for (size_t i = 0; i < plan.n; i++) {
        const jz_visit *v = &plan.v[i];
        if (v->status != JZ_VISIT_DRAWN)
            continue;
        assert_true(v->date >= v->part_from && v->date <= v->part_to);
        assert_int_equal(jz_calendar_is_working(f.cal, v->date, NULL, &err), 1);
        for (size_t k = 0; k < i; k++)
            assert_false(plan.v[k].status == JZ_VISIT_DRAWN && plan.v[k].date == v->date);
    }
    assert_int_equal(plan.drawn, 22);
    assert_int_equal(plan.short_, 0);
    jz_visit_plan_free(&plan);
    jz_teams_free(t);
    free_fixture(&f);
}

static void a_part_without_a_free_working_day_is_short(void **state)
{
    (void)state;
    visit_fixture f;
    /* A contract running only over the National Day holidays of 2024. */
    load_fixture(&f, CONTRACT_HEAD "H-1,H,2024-10-01,2024-10-07,2000000\n");
    jz_visit_spec spec = {2024, 4, NULL, NULL, 0};
    jz_rng rng;
    jz_rng_init_seed(&rng, "holiday", 7, NULL);
    jz_visit_plan plan;
    jz_error err;
    assert_int_equal(jz_sample_visits(&f.c, f.cal, &spec, &rng, &plan, &err), JZ_OK);
    assert_int_equal(plan.v[0].status, JZ_VISIT_OUTSIDE);
    assert_int_equal(plan.v[3].status, JZ_VISIT_SHORT);
    assert_string_equal(plan.v[3].contract, "H-1");
    assert_int_equal(plan.v[3].working_days, 0);
    assert_int_equal(plan.short_, 1);
    assert_int_equal(rng.words, 0);
    jz_visit_plan_free(&plan);
    free_fixture(&f);
}

static void a_team_clash_is_redrawn_from_the_same_stream(void **state)
{
    (void)state;
    visit_fixture f;
    /* 25 centres of one team, one visit in a month of about 20 working days: some must
     * redraw, and every date must still differ. Without the team, the first draws stand. */
    char text[4096] = CONTRACT_HEAD;
    for (int i = 0; i < 25; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "K%02d-1,K%02d,2024-01-01,2024-12-31,2000000\n", i, i);
    load_fixture(&f, text);
    jz_teams *t = jz_teams_new();
    for (int i = 0; i < 25; i++) {
        char c[16];
        snprintf(c, sizeof c, "K%02d", i);
        jz_teams_set(t, c, "all");
    }
    jz_visit_spec spec = {2024, 12, t, NULL, 0};
    jz_rng rng;
    jz_rng_init_seed(&rng, "clash", 5, NULL);
    jz_visit_plan plan;
    jz_error err;
    assert_int_equal(jz_sample_visits(&f.c, f.cal, &spec, &rng, &plan, &err), JZ_OK);
    long redraws = 0;
    for (size_t i = 0; i < plan.n; i++)
        redraws += plan.v[i].redraws;
    assert_true(redraws > 0);
    assert_int_equal(rng.words, (uint64_t)(plan.drawn + (size_t)redraws));
    assert_true(plan.short_ > 0);  /* February 2024 has 18 working days for 25 centres */
    jz_visit_plan_free(&plan);
    jz_teams_free(t);
    free_fixture(&f);
}

static void a_year_the_calendar_does_not_cover_fails(void **state)
{
    (void)state;
    visit_fixture f;
    load_fixture(&f, CONTRACT_HEAD "A-1,A,2027-01-01,2027-12-31,2000000\n");
    jz_visit_spec spec = {2027, 4, NULL, NULL, 0};
    jz_rng rng;
    jz_rng_init_seed(&rng, "2027", 4, NULL);
    jz_visit_plan plan;
    jz_error err;
    assert_int_equal(jz_sample_visits(&f.c, f.cal, &spec, &rng, &plan, &err), JZ_EINPUT);
    free_fixture(&f);
}

/* --weights: staff S1..S6 with risks 0, 1.0, 4.0, 0, 19.0, 0 give measures 10, 20, 50, 10,
 * 200, 10 (M = 300). Two to draw: 2 x 200 >= 300, so C5 is certain; then k' = 1, M = 100:
 * inclusion probabilities 10/100, 20/100, 50/100, 10/100, 10/100 (by hand; they add up to
 * 1, and with the certainty to the 2 drawn). */
static uint32_t test_risk(void *ctx, const char *centre, size_t cn, const char *staff, size_t sn)
{
    (void)ctx, (void)centre, (void)cn;
    static const uint32_t r[] = {0, 10, 40, 0, 190, 0};
    assert_int_equal(sn, 2);
    return r[staff[1] - '1'];
}

static jz_sample_pop *weighted_pop(void)
{
    static const jz_sample_spec spec = {JZ_SAMPLE_CLIENTS, JZ_BY_CENTRE, 0, 0, INT32_MIN, INT32_MAX, NULL, 0};
    jz_sample_pop *p = jz_sample_pop_new(&spec);
    jz_sample_pop_set_risk(p, test_risk, NULL);
    static const char *const staff[] = {"S1", "S2", "S3", "S4", "S5", "S6"};
    static const char *const client[] = {"C1", "C2", "C3", "C4", "C5", "C6"};
    for (int i = 0; i < 6; i++) {
        rec r = make_rec("HZ", "2024-03-05", JZ_KIND_CASE, client[i], "K");
        text_field(&r.f[JZ_R_STAFF], staff[i]);
        assert_true(jz_sample_pop_add(p, r.f, 0, i + 2));
    }
    return p;
}

static void weights_draw_with_probability_proportional_to_the_measure(void **state)
{
    (void)state;
    jz_sample_pop *p = weighted_pop();
    static const uint64_t num[] = {10, 20, 50, 10, 1, 10}, den[] = {100, 100, 100, 100, 1, 100};
    long hits[6] = {0};
    enum { RUNS = 4000 };
    for (int run = 0; run < RUNS; run++) {
        char seed[32];
        snprintf(seed, sizeof seed, "seed %d", run);
        jz_rng rng;
        jz_rng_init_seed(&rng, seed, strlen(seed), NULL);
        jz_sample_result res;
        jz_sample_draw_pps(p, &rng, (jz_sample_size){false, 2}, &res);
        assert_true(res.weighted);
        assert_int_equal(res.nitems, 2);
        assert_string_equal(res.items[0].id, "C5");   /* the certainty comes first */
        for (size_t i = 0; i < res.nitems; i++) {
            int c = res.items[i].id[1] - '1';
            hits[c]++;
            assert_int_equal(res.items[i].pi_num, num[c]);
            assert_int_equal(res.items[i].pi_den, den[c]);
            assert_int_equal(res.items[i].measure, jz_sample_measure(test_risk(NULL, "HZ", 2, (char[]){'S', (char)('1' + c)}, 2)));
        }
        assert_string_not_equal(res.items[0].id, res.items[1].id);
        jz_sample_result_free(&res);
    }
    /* frequencies within 4 standard errors of the probabilities */
    for (int c = 0; c < 6; c++) {
        double pi = (double)num[c] / (double)den[c], f = (double)hits[c] / RUNS;
        double se = sqrt(pi * (1 - pi) / RUNS);
        if (fabs(f - pi) > 4 * se + 1e-9)
            fail_msg("C%d drawn %.4f of the runs, inclusion probability %.4f", c + 1, f, pi);
    }
    jz_sample_pop_free(p);
}

static void weights_take_everything_when_all_are_asked(void **state)
{
    (void)state;
    jz_sample_pop *p = weighted_pop();
    jz_rng rng;
    jz_rng_init_seed(&rng, "all", 3, NULL);
    jz_sample_result res;
    jz_sample_draw_pps(p, &rng, (jz_sample_size){false, 6}, &res);
    assert_int_equal(res.nitems, 6);
    for (size_t i = 0; i < 6; i++)
        assert_true(res.items[i].pi_num == 1 && res.items[i].pi_den == 1);
    /* the permutation (6 words) and no systematic start: everything was certain */
    assert_int_equal(rng.words, 6);
    jz_sample_result_free(&res);
    jz_sample_pop_free(p);
}

/* jz-sample -n: one from each stratum with one available, then the rest by Hamilton.
 * pop 75, 2220, 400 and n = 12: 3 go one each; the rest 9 over P = 2695: 9*75/2695 = 0.25,
 * 9*2220/2695 = 7.41, 9*400/2695 = 1.34 -> 0, 7, 1 with one left, whose largest remainder
 * (9*2220 mod 2695 = 1115 against 675 and 905) is the second's: 1, 9, 2. */
static void each_stratum_with_members_gives_at_least_one(void **state)
{
    (void)state;
    size_t pop[] = {75, 2220, 400}, share[3], alloc[3];
    assert_int_equal(jz_sample_apportion_each(12, 3, pop, pop, share, alloc), 12);
    assert_int_equal(alloc[0], 1);
    assert_int_equal(alloc[1], 9);
    assert_int_equal(alloc[2], 2);
    /* fewer asked than strata: one each all the same, 3 in all */
    assert_int_equal(jz_sample_apportion_each(2, 3, pop, pop, share, alloc), 3);
    assert_int_equal(alloc[0] + alloc[1] + alloc[2], 3);
    assert_int_equal(alloc[0], 1);
    /* a stratum whose members are all excluded (0 available) gives none */
    size_t avail[] = {0, 2220, 400};
    assert_int_equal(jz_sample_apportion_each(12, 3, pop, avail, share, alloc), 12);
    assert_int_equal(alloc[0], 0);
    /* the rest 10 over P = 2695 (the first stays open but is given 0): 10*75/2695 = 0.28,
     * 10*2220/2695 = 8.24, 10*400/2695 = 1.48 -> 0, 8, 1 with one left to the largest
     * remainder, 4000 mod 2695 = 1305 (against 750 and 640): 0, 8, 2, plus one: 0, 9, 3 */
    assert_int_equal(alloc[1], 9);
    assert_int_equal(alloc[2], 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(apportion_gives_exact_proportions_when_they_are_whole),
        cmocka_unit_test(each_stratum_with_members_gives_at_least_one),
        cmocka_unit_test(apportion_gives_the_leftover_to_the_largest_remainders),
        cmocka_unit_test(apportion_breaks_ties_in_remainders_by_stratum_order),
        cmocka_unit_test(a_stratum_smaller_than_its_share_gives_the_rest_to_the_others),
        cmocka_unit_test(n_larger_than_the_population_draws_everything),
        cmocka_unit_test(empty_strata_are_asked_nothing),
        cmocka_unit_test(the_draw_reports_the_shortfall_when_n_exceeds_the_population),
        cmocka_unit_test(per_stratum_draws_n_from_each_and_says_which_is_short),
        cmocka_unit_test(the_draw_is_a_partial_shuffle_of_the_sorted_ids),
        cmocka_unit_test(the_first_record_decides_the_stratum_and_both_ends_are_kept),
        cmocka_unit_test(excluded_ids_are_counted_but_never_drawn),
        cmocka_unit_test(an_exclusion_file_is_a_list_of_ids_or_a_csv_with_the_id_column),
        cmocka_unit_test(title_rows_above_the_header_of_an_exclusion_or_teams_file_are_skipped),
        cmocka_unit_test(records_outside_the_spec_are_left_out),
        cmocka_unit_test(every_client_is_drawn_equally_often_over_2000_seeds),
        cmocka_unit_test(parts_split_the_year_by_months),
        cmocka_unit_test(visits_fall_on_working_days_inside_the_part_and_the_contract),
        cmocka_unit_test(a_part_without_a_free_working_day_is_short),
        cmocka_unit_test(a_team_clash_is_redrawn_from_the_same_stream),
        cmocka_unit_test(a_year_the_calendar_does_not_cover_fails),
        cmocka_unit_test(weights_draw_with_probability_proportional_to_the_measure),
        cmocka_unit_test(weights_take_everything_when_all_are_asked),
    };
    return cmocka_run_group_tests_name("sample", tests, NULL, NULL);
}
