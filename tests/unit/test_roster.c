/* test_roster.c — the roster loader (roster.h) on tests/unit/data/roster.csv: staff keyed
 * by (centre, id), English and Chinese enum words, open-ended dates, the rows refused
 * (duplicate staff, end before start, an unknown qualification) with their line and code,
 * employment on a day, a missing file (read error, exit 3), _free(NULL). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/roster.h"
#include "jz/schema.h"

#define DATA "tests/unit/data/"

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

static jz_roster r;
static seen s;
static jz_diag d;
static jz_table_info info;

static int load(void **state)
{
    (void)state;
    jz_roster_init(&r);
    memset(&s, 0, sizeof s);
    jz_diag_init(&d, collect, &s);
    jz_error err;
    return jz_roster_load(&r, DATA "roster.csv", JZ_ENC_AUTO, &d, &info, &err) == JZ_OK ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    jz_roster_free(&r);
    return 0;
}

static void good_rows_are_kept_with_their_values(void **state)
{
    (void)state;
    /* Rows 2, 3, 4 good; 5 (S1 of C1 again), 6 (dates reversed), 7 (expert) refused. */
    assert_int_equal(info.rows, 6);
    assert_int_equal(r.n, 3);
    const jz_staff *a = jz_roster_find(&r, "C1", "S1");
    assert_non_null(a);
    assert_string_equal(a->name, "张三");
    assert_int_equal(a->qual, JZ_QUAL_SOCIAL_WORKER);
    assert_int_equal(a->prof, JZ_PROF_SOCIAL_WORK);
    assert_true(a->counted);
    assert_int_equal(a->start, jz_days_from_civil(2024, 1, 1));
    assert_int_equal(a->end, jz_days_from_civil(2024, 6, 30));
    assert_string_equal(a->file, DATA "roster.csv");
    assert_int_equal(a->line, 2);

    /* Chinese words: 助理社会工作师 = assistant, 否 = no; empty profession and dates. */
    const jz_staff *b = jz_roster_find(&r, "C1", "S2");
    assert_non_null(b);
    assert_int_equal(b->qual, JZ_QUAL_ASSISTANT);
    assert_int_equal(b->prof, -1);
    assert_false(b->counted);
    assert_int_equal(b->start, JZ_NO_DAY);
    assert_int_equal(b->end, JZ_NO_DAY);

    /* The same id at another centre is another person. */
    const jz_staff *c = jz_roster_find(&r, "C2", "S1");
    assert_non_null(c);
    assert_ptr_not_equal(a, c);
    assert_string_equal(c->name, "王五");
    assert_int_equal(c->qual, JZ_QUAL_SENIOR);
    assert_int_equal(c->prof, JZ_PROF_PSYCHOLOGY);
    assert_int_equal(c->end, JZ_NO_DAY);
    assert_int_equal(c->line, 4);
}

static void lookups(void **state)
{
    (void)state;
    assert_null(jz_roster_find(&r, "C2", "S2"));   /* S2 works at C1 only */
    assert_null(jz_roster_find(&r, "C1", "S3"));   /* refused row */
    assert_null(jz_roster_find(&r, "C1", "S4"));   /* refused row */
    assert_string_equal(jz_roster_find_any(&r, "S2")->centre, "C1");
    assert_string_equal(jz_roster_find_any(&r, "S1")->centre, "C1");  /* the first row */
    assert_null(jz_roster_find_any(&r, "S9"));
}

static void bad_rows_are_reported(void **state)
{
    (void)state;
    assert_int_equal(s.n, 3);
    assert_string_equal(s.v[0], "5:1:error:duplicate-staff");
    assert_string_equal(s.msg[0], "staff S1 of centre C1 is already on the roster at " DATA "roster.csv:2: "
                                  "one row per staff member (a rehire keeps the same row with new dates)");
    assert_string_equal(s.v[1], "6:8:error:date-order");
    assert_string_equal(s.msg[1], "end_date 2024-04-01 is before start_date 2024-05-01");
    assert_int_equal(strncmp(s.v[2], "7:4:error:", 10), 0);  /* qualification expert */
    assert_non_null(strstr(s.msg[2], "expert"));
    assert_int_equal(d.count[JZ_ERROR], 3);
}

static void employment_on_a_day(void **state)
{
    (void)state;
    const jz_staff *a = jz_roster_find(&r, "C1", "S1");  /* 2024-01-01 .. 2024-06-30 */
    assert_false(jz_staff_on(a, jz_days_from_civil(2023, 12, 31)));
    assert_true(jz_staff_on(a, jz_days_from_civil(2024, 1, 1)));
    assert_true(jz_staff_on(a, jz_days_from_civil(2024, 6, 30)));
    assert_false(jz_staff_on(a, jz_days_from_civil(2024, 7, 1)));
    const jz_staff *b = jz_roster_find(&r, "C1", "S2");  /* no dates: always */
    assert_true(jz_staff_on(b, jz_days_from_civil(1990, 1, 1)));
    assert_true(jz_staff_on(b, jz_days_from_civil(2099, 12, 31)));
    const jz_staff *c = jz_roster_find(&r, "C2", "S1");  /* from 2024-03-01, open end */
    assert_false(jz_staff_on(c, jz_days_from_civil(2024, 2, 29)));
    assert_true(jz_staff_on(c, jz_days_from_civil(2030, 1, 1)));
}

static void a_second_file_adds_to_the_roster(void **state)
{
    (void)state;
    /* The same file again: every row is now a duplicate (4 more errors: rows 2, 3, 4, 5
     * duplicate; 6 and 7 refused as before), nothing added. */
    jz_error err;
    jz_table_info i2;
    assert_int_equal(jz_roster_load(&r, DATA "roster.csv", JZ_ENC_AUTO, &d, &i2, &err), JZ_OK);
    assert_int_equal(r.n, 3);
    assert_int_equal(d.count[JZ_ERROR], 3 + 6);
}

static void a_missing_file_is_a_read_error(void **state)
{
    (void)state;
    jz_roster x;
    jz_roster_init(&x);
    jz_error err;
    jz_table_info i2;
    assert_int_equal(jz_roster_load(&x, DATA "no-such-roster.csv", JZ_ENC_AUTO, NULL, &i2, &err), JZ_EREAD);
    assert_int_equal(jz_error_exit(&err), 3);
    assert_string_equal(err.file, DATA "no-such-roster.csv");
    assert_int_equal(x.n, 0);
    jz_roster_free(&x);
    jz_roster_free(&x);    /* freed twice: the first left it empty */
    jz_roster_free(NULL);  /* no-op */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_rows_are_kept_with_their_values),
        cmocka_unit_test(lookups),
        cmocka_unit_test(bad_rows_are_reported),
        cmocka_unit_test(employment_on_a_day),
        cmocka_unit_test(a_second_file_adds_to_the_roster),
        cmocka_unit_test(a_missing_file_is_a_read_error),
    };
    return cmocka_run_group_tests_name("roster", tests, load, unload);
}
