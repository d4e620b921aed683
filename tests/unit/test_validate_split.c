/* test_validate_split.c — jz-validate's checks of a records file read in two halves on two
 * threads (validate.c over table.h's split) say exactly what one reader says: the same
 * messages, in the same order, with the same line numbers. The files are generated so
 * that duplicates, overlaps and long days straddle the split; the expected findings at
 * the straddling rows are also written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/validate.h"

#define HEAD "record_id,centre,date,start,end,staff,activity,kind,mode,place,target,client,participants,hours," \
             "volunteers,volunteer_hours,note\n"
#define NROWS 2000

/* ---- one row per entry; every field can be changed before the file is written ---- */

typedef struct row {
    char id[16], date[16], start[8], end[8], staff[16], client[16], activity[16], hours[8];
} row;

static row rows[NROWS];

/* Row i (0-based; on line i + 2): its own staff member, client and activity, one hour. */
static void default_rows(void)
{
    for (int i = 0; i < NROWS; i++) {
        row *r = &rows[i];
        snprintf(r->id, sizeof r->id, "R%05d", i + 1);
        snprintf(r->date, sizeof r->date, "2024-03-%02d", 1 + i % 28);
        snprintf(r->start, sizeof r->start, "09:00");
        snprintf(r->end, sizeof r->end, "10:00");
        snprintf(r->staff, sizeof r->staff, "S%04d", i + 1);
        snprintf(r->client, sizeof r->client, "K%05d", i + 1);
        snprintf(r->activity, sizeof r->activity, "A%05d", i + 1);
        snprintf(r->hours, sizeof r->hours, "1");
    }
}

static void set_session(int i, const char *staff, const char *date, const char *start, const char *end,
                        const char *hours)
{
    snprintf(rows[i].staff, sizeof rows[i].staff, "%s", staff);
    snprintf(rows[i].date, sizeof rows[i].date, "%s", date);
    snprintf(rows[i].start, sizeof rows[i].start, "%s", start);
    snprintf(rows[i].end, sizeof rows[i].end, "%s", end);
    snprintf(rows[i].hours, sizeof rows[i].hours, "%s", hours);
}

/* Inputs held in memory under names in0.csv, in1.csv, ... (rowsrc.h named buffers, which
 * split across cores as a file does), removed after each test. */
static char *temps[8], *temp_text[8];
static size_t temp_len[8];
static int ntemps;

static FILE *temp_begin(void)
{
    assert_true(ntemps < 8);
    FILE *fp = open_memstream(&temp_text[ntemps], &temp_len[ntemps]);
    assert_non_null(fp);
    return fp;
}

static const char *temp_done(FILE *fp)
{
    assert_int_equal(fclose(fp), 0);
    char name[16];
    snprintf(name, sizeof name, "in%d.csv", ntemps);
    temps[ntemps] = strdup(name);
    jz_rowsrc_mem_add(temps[ntemps], temp_text[ntemps], temp_len[ntemps]);
    return temps[ntemps++];
}

static const char *write_rows(void)
{
    FILE *fp = temp_begin();
    fputs(HEAD, fp);
    for (int i = 0; i < NROWS; i++) {
        const row *r = &rows[i];
        fprintf(fp, "%s,C1,%s,%s,%s,%s,%s,case,direct,home,elderly,%s,1,%s,,,\n", r->id, r->date, r->start, r->end,
                r->staff, r->activity, r->client, r->hours);
    }
    return temp_done(fp);
}

static const char *write_text(const char *s)
{
    FILE *fp = temp_begin();
    fputs(s, fp);
    return temp_done(fp);
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < ntemps; i++) {
        jz_rowsrc_mem_remove(temps[i]);
        free(temps[i]);
        free(temp_text[i]);
    }
    ntemps = 0;
    jz_table_set_split_min(16 << 20);
    jz_table_set_split_hold_max(1 << 16);
    return 0;
}

/* ---- everything the validator says, one message a line ---- */

typedef struct said {
    char *text;
    size_t n, cap;
} said;

static void collect(void *ctx, const jz_diag_msg *m)
{
    said *s = ctx;
    char line[1400];
    int k = snprintf(line, sizeof line, "%ld:%ld %s %s %s\n", m->line, m->col, jz_severity_name(m->sev), m->code,
                     m->message);
    assert_true(k > 0 && (size_t)k < sizeof line);
    if (s->n + (size_t)k + 1 > s->cap) {
        s->cap = (s->n + (size_t)k + 1) * 2;
        s->text = realloc(s->text, s->cap);
        assert_non_null(s->text);
    }
    memcpy(s->text + s->n, line, (size_t)k + 1);
    s->n += (size_t)k;
}

/* Run the validator over files (attendance lists last, as the tool orders them), on one
 * reader or with every records file split; what it said, and the split statistics' change. */
static char *run(const char *const *files, int nfiles, bool split, long delta[JZ_SPLIT_NSTATS])
{
    long before[JZ_SPLIT_NSTATS], after[JZ_SPLIT_NSTATS];
    jz_table_split_stats(before);
    jz_table_set_split_min(split ? 1 : ULLONG_MAX);
    said s = {calloc(1, 1), 0, 1};
    jz_diag d;
    jz_diag_init(&d, collect, &s);
    jz_validate_opts o = {720, 15};
    jz_validator *v = jz_validator_new(&o, NULL, NULL, &d);
    jz_validator_keep_sessions(v);
    for (int i = 0; i < nfiles; i++) {
        jz_table_info info;
        jz_error err;
        jz_validator_file(v, files[i], JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &info, &err);
        char count[64];
        snprintf(count, sizeof count, "rows %ld bad %ld\n", info.rows, info.bad_rows);
        jz_diag_msg m = {JZ_NOTE, "", 0, 0, "", "info", count};
        collect(&s, &m);
    }
    jz_validator_finish(v);
    jz_validator_free(v);
    jz_table_split_stats(after);
    for (int k = 0; k < JZ_SPLIT_NSTATS; k++)
        delta[k] = after[k] - before[k];
    return s.text;
}

static void same_both_ways(const char *const *files, int nfiles, long want[JZ_SPLIT_NSTATS], char **out)
{
    long d1[JZ_SPLIT_NSTATS], d2[JZ_SPLIT_NSTATS];
    char *one = run(files, nfiles, false, d1);
    char *two = run(files, nfiles, true, d2);
    for (int k = 0; k < JZ_SPLIT_NSTATS; k++) {
        assert_int_equal(d1[k], 0);
        assert_int_equal(d2[k], want[k]);
    }
    assert_string_equal(two, one);
    free(two);
    *out = one;
}

static bool has(const char *text, const char *what)
{
    return strstr(text, what) != NULL;
}

/* Rows at 45 % and 55 % of the file are on either side of the split. */
enum { BEFORE = NROWS * 45 / 100, AFTER = NROWS * 55 / 100 };

static void staff_days_across_the_split_are_read_again_up_to_their_last_row(void **state)
{
    (void)state;
    default_rows();
    /* SX: 09:00-12:00 before the split, 11:00-13:00 after: an overlap at the second */
    set_session(BEFORE, "SX", "2024-03-05", "09:00", "12:00", "3");
    set_session(AFTER, "SX", "2024-03-05", "11:00", "13:00", "2");
    /* SY: 7 h before, 6 h after: a long day (13 h > 12 h) at the second */
    set_session(BEFORE + 1, "SY", "2024-03-06", "08:00", "15:00", "7");
    set_session(AFTER + 1, "SY", "2024-03-06", "15:00", "21:00", "6");
    /* SZ: an overlap wholly in the second half, after the rows read again */
    set_session(1600, "SZ", "2024-03-07", "09:00", "11:00", "2");
    set_session(1601, "SZ", "2024-03-07", "10:00", "12:00", "2");
    snprintf(rows[1700].date, sizeof rows[1700].date, "2024-02-30");  /* a bad date, held */
    const char *rec = write_rows();
    /* an attendance list of a session first recorded in the second half: participants 1,
     * two clients listed: the mismatch is at the record's line */
    char list[512];
    snprintf(list, sizeof list, "centre,activity,date,person,role\nC1,%s,%s,P1,client\nC1,%s,%s,P2,client\n",
             rows[1800].activity, rows[1800].date, rows[1800].activity, rows[1800].date);
    const char *att = write_text(list);
    const char *files[] = {rec, att};
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_REREAD] = 1};
    char *out;
    same_both_ways(files, 2, want, &out);
    char expect[256];
    snprintf(expect, sizeof expect, "%d:4 error overlap staff SX already has a session from 09:00 to 12:00", AFTER + 2);
    assert_true(has(out, expect));
    snprintf(expect, sizeof expect, "%d:14 warning long-day staff SY has 13.00 hours", AFTER + 3);
    assert_true(has(out, expect));
    assert_true(has(out, "1603:4 error overlap staff SZ already has a session from 09:00 to 11:00"));
    assert_true(has(out, "1702:3 error bad-date"));
    assert_true(has(out, "1802:13 warning participants-mismatch participants 1 differ from the 2 clients"));
    assert_true(has(out, "rows 2000 bad 1\n"));
    free(out);
}

static void a_duplicate_across_the_split_has_the_second_half_read_again(void **state)
{
    (void)state;
    default_rows();
    snprintf(rows[AFTER].id, sizeof rows[AFTER].id, "%s", rows[BEFORE].id);
    rows[1500] = rows[400];  /* the same row entered twice, 1100 rows apart */
    snprintf(rows[1500].id, sizeof rows[1500].id, "R99999");
    const char *rec = write_rows();
    const char *files[] = {rec};
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_REREAD_ALL] = 1, [JZ_SPLIT_ONE_CORE] = 1};
    char *out;
    same_both_ways(files, 1, want, &out);
    char expect[128];
    snprintf(expect, sizeof expect, "%d:1 error duplicate-id record_id R%05d appears earlier", AFTER + 2, BEFORE + 1);
    assert_true(has(out, expect));
    assert_true(has(out, "1502:1 error duplicate-row record R99999 repeats an earlier row"));
    free(out);
}

static void a_repeated_row_across_the_split_has_the_second_half_read_again_up_to_it(void **state)
{
    (void)state;
    default_rows();
    rows[1500] = rows[400];  /* the same row entered twice, 1100 rows apart, ids apart */
    snprintf(rows[1500].id, sizeof rows[1500].id, "R99999");
    const char *rec = write_rows();
    const char *files[] = {rec};
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_REREAD] = 1};
    char *out;
    same_both_ways(files, 1, want, &out);
    assert_true(has(out, "1502:1 error duplicate-row record R99999 repeats an earlier row"));
    assert_false(has(out, "overlap"));  /* said once, as the duplicate */
    free(out);
}

static void a_clean_file_is_merged_without_reading_again(void **state)
{
    (void)state;
    default_rows();
    const char *rec = write_rows();
    const char *files[] = {rec};
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_MERGED] = 1};
    char *out;
    same_both_ways(files, 1, want, &out);
    assert_string_equal(out, "0:0 note info rows 2000 bad 0\n\n");
    free(out);
}

static void a_second_file_is_checked_against_the_first(void **state)
{
    (void)state;
    default_rows();
    const char *first = write_rows();
    /* the second file: new ids, but its row 1500 repeats the first file's row 1500 (a
     * duplicate row across files, in the second half), and staff S0300's day of the first
     * file gets an overlapping session at row 1200 */
    for (int i = 0; i < NROWS; i++)
        snprintf(rows[i].id, sizeof rows[i].id, "B%05d", i + 1);
    for (int i = 0; i < NROWS; i++)
        if (i != 1500)
            snprintf(rows[i].client, sizeof rows[i].client, "KB%05d", i + 1);
    for (int i = 0; i < NROWS; i++)
        if (i != 1500)
            snprintf(rows[i].staff, sizeof rows[i].staff, "SB%04d", i + 1);
    set_session(1200, "S0300", rows[299].date, "09:30", "10:30", "1");
    const char *second = write_rows();
    const char *files[] = {first, second};
    /* both rows are on staff-days of the first file: the second file's second half is read
     * again up to them (a repeated row is always on a staff-day of both), not whole */
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_MERGED] = 1, [JZ_SPLIT_REREAD] = 1};
    char *out;
    same_both_ways(files, 2, want, &out);
    assert_true(has(out, "1502:1 error duplicate-row record B01501 repeats an earlier row"));
    assert_true(has(out, "1202:4 error overlap staff S0300 already has a session from 09:00 to 10:00"));
    free(out);
}

static void only_a_staff_day_of_an_earlier_file_is_read_again_in_part(void **state)
{
    (void)state;
    default_rows();
    const char *first = write_rows();
    for (int i = 0; i < NROWS; i++) {
        snprintf(rows[i].id, sizeof rows[i].id, "B%05d", i + 1);
        snprintf(rows[i].client, sizeof rows[i].client, "KB%05d", i + 1);
        snprintf(rows[i].staff, sizeof rows[i].staff, "SB%04d", i + 1);
    }
    /* in the second half, a session overlapping the first file's row 299 (S0300) */
    set_session(AFTER, "S0300", rows[299].date, "09:30", "10:30", "1");
    const char *second = write_rows();
    const char *files[] = {first, second};
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_MERGED] = 1, [JZ_SPLIT_REREAD] = 1};
    char *out;
    same_both_ways(files, 2, want, &out);
    char expect[128];
    snprintf(expect, sizeof expect, "%d:4 error overlap staff S0300 already has a session from 09:00 to 10:00",
             AFTER + 2);
    assert_true(has(out, expect));
    free(out);
}

static void long_staff_days_of_a_second_half_are_merged_whole_for_the_next_file(void **state)
{
    (void)state;
    default_rows();
    /* rows 1200..1599, in the first file's second half: 20 staff members with 20 half-hour
     * sessions each on 2024-03-05, 08:00 to 18:00 (their sessions and fingerprints go past
     * the staff-day into chains of chunks, which the merge moves over whole, after the
     * first half's own: rows 200..599 are 20 others' such days, from 07:00 to 17:00) */
    char start[8], end[8];
    for (int i = 200; i < 1600; i++) {
        if (i == 600)
            i = 1200;
        int k = (i % 200) % 20, m = (i < 1200 ? 420 : 480) + 30 * k;  /* SD from 07:00 */
        char staff[16];
        snprintf(staff, sizeof staff, "%s%02d", i < 1200 ? "SD" : "SC", (i % 400) / 20);
        snprintf(start, sizeof start, "%02d:%02d", m / 60, m % 60);
        snprintf(end, sizeof end, "%02d:%02d", (m + 30) / 60, (m + 30) % 60);
        set_session(i, staff, "2024-03-05", start, end, "0.5");
    }
    const char *first = write_rows();
    row sc00_17 = rows[1217], sc03_18 = rows[1278];
    for (int i = 0; i < NROWS; i++) {
        snprintf(rows[i].id, sizeof rows[i].id, "B%05d", i + 1);
        snprintf(rows[i].client, sizeof rows[i].client, "KB%05d", i + 1);
        snprintf(rows[i].staff, sizeof rows[i].staff, "SB%04d", i + 1);
        snprintf(rows[i].start, sizeof rows[i].start, "09:00");
        snprintf(rows[i].end, sizeof rows[i].end, "10:00");
        snprintf(rows[i].date, sizeof rows[i].date, "2024-03-%02d", 1 + i % 28);
        snprintf(rows[i].hours, sizeof rows[i].hours, "1");
    }
    rows[10] = sc00_17;  /* SC00's 18th row again (16:30 to 17:00, client K01218) */
    snprintf(rows[10].id, sizeof rows[10].id, "B99999");
    set_session(20, "SC03", "2024-03-05", "17:10", "17:20", "0.25");  /* inside SC03's 19th */
    const char *second = write_rows();
    const char *files[] = {first, second};
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_MERGED] = 2};
    char *out;
    same_both_ways(files, 2, want, &out);
    assert_true(has(out, "12:1 error duplicate-row record B99999 repeats an earlier row (same staff SC00, date "
                         "2024-03-05, start 16:30, kind case, client K01218)"));
    assert_true(has(out, "22:4 error overlap staff SC03 already has a session from 17:00 to 17:30 on 2024-03-05"));
    assert_string_equal(sc03_18.start, "17:00");
    free(out);
}

static void a_second_half_with_too_many_messages_gives_up(void **state)
{
    (void)state;
    default_rows();
    for (int i = 0; i < NROWS; i += 3)
        snprintf(rows[i].date, sizeof rows[i].date, "2024-02-31");
    const char *rec = write_rows();
    jz_table_set_split_hold_max(10);
    const char *files[] = {rec};
    long want[JZ_SPLIT_NSTATS] = {[JZ_SPLIT_ONE_CORE] = 1};
    char *out;
    same_both_ways(files, 1, want, &out);
    assert_true(has(out, "2000:3 error bad-date"));  /* i = 1998, the last multiple of 3 */
    assert_true(has(out, "rows 2000 bad 667\n"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(staff_days_across_the_split_are_read_again_up_to_their_last_row, teardown),
        cmocka_unit_test_teardown(a_duplicate_across_the_split_has_the_second_half_read_again, teardown),
        cmocka_unit_test_teardown(a_repeated_row_across_the_split_has_the_second_half_read_again_up_to_it, teardown),
        cmocka_unit_test_teardown(a_clean_file_is_merged_without_reading_again, teardown),
        cmocka_unit_test_teardown(a_second_file_is_checked_against_the_first, teardown),
        cmocka_unit_test_teardown(only_a_staff_day_of_an_earlier_file_is_read_again_in_part, teardown),
        cmocka_unit_test_teardown(long_staff_days_of_a_second_half_are_merged_whole_for_the_next_file, teardown),
        cmocka_unit_test_teardown(a_second_half_with_too_many_messages_gives_up, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
