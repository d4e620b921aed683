/* test_record_ids.c — the record-id table (record_ids.h): a (centre, record_id) is found
 * with the file and line it was first read at, the same id of another centre is another
 * record, the table grows past its first 1024 slots without losing one, two tables overlap
 * exactly when they share an id, and a merge adds the second half's line base; numbered
 * ids by series, in blocks whose memory grows with the runs of ids, not the rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/record_ids.h"

static jz_record_key fp_of(const char *centre, const char *id)
{
    jz_field f[JZ_R_NCOLS];
    memset(f, 0, sizeof f);
    f[JZ_R_CENTRE] = (jz_field){.s = centre, .n = strlen(centre), .present = true};
    f[JZ_R_RECORD_ID] = (jz_field){.s = id, .n = strlen(id), .present = *id != '\0'};
    return jz_record_id_key(f);
}

/* The series of the last id is kept (exports repeat it row after row): ids one byte apart
 * in the centre or the prefix, at every place and for lengths 1 to 20, asked one after
 * another, are of different series, and asking again gives the same key. */
static void a_series_is_told_from_one_a_byte_apart(void **state)
{
    (void)state;
    for (size_t len = 1; len <= 20; len++)
        for (size_t at = 0; at < len; at++) {
            char c1[24], c2[24], p1[32], p2[32];
            memset(c1, 'C', len), c1[len] = '\0';
            memcpy(c2, c1, len + 1);
            c2[at] = 'D';
            snprintf(p1, sizeof p1, "%s0042", c1);  /* the prefix is the same text */
            snprintf(p2, sizeof p2, "%s0042", c2);
            jz_record_key a = fp_of(c1, p1), b = fp_of(c2, p1), c = fp_of(c1, p2), a2 = fp_of(c1, p1);
            assert_true(a.n == 42 && b.n == 42 && c.n == 42);
            assert_true(a.fp != b.fp && a.fp != c.fp && b.fp != c.fp);
            assert_true(a2.fp == a.fp);
        }
}

static void ids_are_per_centre_and_keep_their_first_row(void **state)
{
    (void)state;
    jz_record_ids *t = jz_record_ids_new();
    assert_int_equal(fp_of("A", "").fp, 0);  /* no id: nothing to check */
    jz_record_key a1 = fp_of("A", "R1"), b1 = fp_of("B", "R1");
    assert_true(a1.fp != 0 && a1.fp != b1.fp);
    jz_record_ids_add(t, a1, "a.csv", 2);
    const char *file = NULL;
    long line = 0;
    assert_true(jz_record_ids_find(t, a1, &file, &line));
    assert_string_equal(file, "a.csv");
    assert_int_equal(line, 2);
    assert_false(jz_record_ids_find(t, b1, NULL, NULL));
    /* 5000 more: the table grows, and every one is still found where it was read */
    char id[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "X%d", i);
        jz_record_ids_add(t, fp_of("A", id), "a.csv", 10 + i);
    }
    for (int i = 0; i < 5000; i += 499) {
        snprintf(id, sizeof id, "X%d", i);
        assert_true(jz_record_ids_find(t, fp_of("A", id), &file, &line));
        assert_int_equal(line, 10 + i);
    }
    assert_true(jz_record_ids_find(t, a1, NULL, &line));
    assert_int_equal(line, 2);
    jz_record_ids_free(t);
    jz_record_ids_free(NULL);
}

static void halves_overlap_and_merge(void **state)
{
    (void)state;
    jz_record_ids *one = jz_record_ids_new(), *two = jz_record_ids_new();
    jz_record_ids_add(one, fp_of("A", "R1"), "f.csv", 2);
    jz_record_ids_add(two, fp_of("A", "R2"), "f.csv", 1);  /* line 1 of the second half */
    assert_false(jz_record_ids_overlap(one, two));
    jz_record_ids_merge(one, two, 1000);  /* the second half starts after line 1000 */
    long line = 0;
    assert_true(jz_record_ids_find(one, fp_of("A", "R2"), NULL, &line));
    assert_int_equal(line, 1001);
    jz_record_ids_add(two, fp_of("A", "R1"), "f.csv", 7);
    assert_true(jz_record_ids_overlap(one, two));
    assert_true(jz_record_ids_overlap(two, one));
    jz_record_ids_merge(one, two, 1000);  /* R1 keeps its first row */
    assert_true(jz_record_ids_find(one, fp_of("A", "R1"), NULL, &line));
    assert_int_equal(line, 2);
    jz_record_ids_free(one);
    jz_record_ids_free(two);
}

/* Numbered ids: the series is the centre, the text before the digits and their count. */
static void numbers_are_ids_of_their_series(void **state)
{
    (void)state;
    jz_record_ids *t = jz_record_ids_new();
    const char *ids[] = {"007", "7", "R7", "S7", "R-7", "R07", "12345678901234567890", "X"};
    for (int i = 0; i < 8; i++) {
        jz_record_key k = fp_of("A", ids[i]);
        assert_false(jz_record_ids_find(t, k, NULL, NULL));
        jz_record_ids_add(t, k, "a.csv", 100 + i);
    }
    assert_false(jz_record_ids_find(t, fp_of("B", "007"), NULL, NULL));
    assert_false(jz_record_ids_find(t, fp_of("A", "8"), NULL, NULL));
    assert_int_equal(fp_of("A", "12345678901234567890").n, JZ_RECORD_UNNUMBERED);  /* 20 digits */
    assert_int_equal(fp_of("A", "R999999999999999999").n, 999999999999999999ull);    /* 18 */
    for (int i = 0; i < 8; i++) {
        long line = 0;
        assert_true(jz_record_ids_find(t, fp_of("A", ids[i]), NULL, &line));
        assert_int_equal(line, 100 + i);
    }
    jz_record_ids_free(t);
}

/* An export's ids one after another on lines one after another: every id found at its
 * line, in far less than the 16 bytes a fingerprint of its own took (24 bytes per 64). */
static void a_run_of_ids_takes_a_block_not_a_slot_each(void **state)
{
    (void)state;
    jz_record_ids *t = jz_record_ids_new();
    char id[32];
    enum { N = 200000 };
    for (int i = 1; i <= N; i++) {
        snprintf(id, sizeof id, "RF-2024-%06d", i);
        jz_record_ids_add(t, fp_of("HZ-RF", id), "r.csv", i + 1);
    }
    for (int i = 1; i <= N; i += 997) {
        long line = 0;
        const char *file = NULL;
        snprintf(id, sizeof id, "RF-2024-%06d", i);
        assert_true(jz_record_ids_find(t, fp_of("HZ-RF", id), &file, &line));
        assert_int_equal(line, i + 1);
        assert_string_equal(file, "r.csv");
    }
    snprintf(id, sizeof id, "RF-2024-%06d", N + 1);
    assert_false(jz_record_ids_find(t, fp_of("HZ-RF", id), NULL, NULL));
    /* 3125 blocks in a table of 8192 slots of 24 bytes, and the 1024 empty single slots */
    assert_true(jz_record_ids_bytes(t) <= 8192 * 24 + 1024 * 16);
    jz_record_ids_free(t);
}

/* Lines that do not step with the ids (two centres interleaved, ids in reverse, a second
 * file): each id keeps its own line and file. */
static void ids_out_of_step_keep_their_own_lines(void **state)
{
    (void)state;
    jz_record_ids *t = jz_record_ids_new();
    char id[32];
    for (int i = 300; i >= 1; i--) {
        snprintf(id, sizeof id, "K%d", i);
        jz_record_ids_add(t, fp_of("A", id), i % 2 ? "odd.csv" : "even.csv", 1000 - 3 * i);
    }
    for (int i = 1; i <= 300; i++) {
        long line = 0;
        const char *file = NULL;
        snprintf(id, sizeof id, "K%d", i);
        assert_true(jz_record_ids_find(t, fp_of("A", id), &file, &line));
        assert_int_equal(line, 1000 - 3 * i);
        assert_string_equal(file, i % 2 ? "odd.csv" : "even.csv");
    }
    jz_record_ids_free(t);
}

/* Halves of numbered ids: overlap exactly when they share one, a merge adds the line base
 * to regular and own-line blocks alike, and keeps the first row of an id in both. */
static void numbered_halves_overlap_and_merge(void **state)
{
    (void)state;
    jz_record_ids *one = jz_record_ids_new(), *two = jz_record_ids_new();
    char id[32];
    for (int i = 1; i <= 100; i++) {
        snprintf(id, sizeof id, "R%04d", i);
        jz_record_ids_add(one, fp_of("A", id), "f.csv", i + 1);
    }
    for (int i = 101; i <= 200; i++) {
        snprintf(id, sizeof id, "R%04d", i);
        jz_record_ids_add(two, fp_of("A", id), "f.csv", i % 3 ? i - 100 : 500 + i);  /* out of step */
    }
    for (int i = 300; i < 450; i++) {  /* blocks in step, one of them whole: moved as blocks */
        snprintf(id, sizeof id, "R%04d", i);
        jz_record_ids_add(two, fp_of("A", id), "g.csv", i - 290);
    }
    assert_false(jz_record_ids_overlap(one, two));
    jz_record_ids_merge(one, two, 1000);
    for (int i = 300; i < 450; i++) {
        long line = 0;
        const char *file = NULL;
        snprintf(id, sizeof id, "R%04d", i);
        assert_true(jz_record_ids_find(one, fp_of("A", id), &file, &line));
        assert_int_equal(line, 1000 + i - 290);
        assert_string_equal(file, "g.csv");
    }
    assert_false(jz_record_ids_find(one, fp_of("A", "R0450"), NULL, NULL));
    assert_false(jz_record_ids_find(one, fp_of("A", "R0299"), NULL, NULL));
    for (int i = 101; i <= 200; i++) {
        long line = 0;
        snprintf(id, sizeof id, "R%04d", i);
        assert_true(jz_record_ids_find(one, fp_of("A", id), NULL, &line));
        assert_int_equal(line, 1000 + (i % 3 ? i - 100 : 500 + i));
    }
    jz_record_ids_add(two, fp_of("A", "R0050"), "f.csv", 7);
    assert_true(jz_record_ids_overlap(one, two));
    assert_true(jz_record_ids_overlap(two, one));
    jz_record_ids_merge(one, two, 1000);
    long line = 0;
    assert_true(jz_record_ids_find(one, fp_of("A", "R0050"), NULL, &line));
    assert_int_equal(line, 51);
    jz_record_ids_free(one);
    jz_record_ids_free(two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_are_per_centre_and_keep_their_first_row),
        cmocka_unit_test(a_series_is_told_from_one_a_byte_apart),
        cmocka_unit_test(halves_overlap_and_merge),
        cmocka_unit_test(numbers_are_ids_of_their_series),
        cmocka_unit_test(a_run_of_ids_takes_a_block_not_a_slot_each),
        cmocka_unit_test(ids_out_of_step_keep_their_own_lines),
        cmocka_unit_test(numbered_halves_overlap_and_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
