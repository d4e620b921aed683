/* test_record_ids.c — the record-id table (record_ids.h): a (centre, record_id) is found
 * with the file and line it was first read at, the same id of another centre is another
 * record, the table grows past its first 1024 slots without losing one, two tables overlap
 * exactly when they share an id, and a merge adds the second half's line base. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/record_ids.h"

static uint64_t fp_of(const char *centre, const char *id)
{
    jz_field f[JZ_R_NCOLS];
    memset(f, 0, sizeof f);
    f[JZ_R_CENTRE] = (jz_field){.s = centre, .n = strlen(centre), .present = true};
    f[JZ_R_RECORD_ID] = (jz_field){.s = id, .n = strlen(id), .present = *id != '\0'};
    return jz_record_id_fp(f);
}

static void ids_are_per_centre_and_keep_their_first_row(void **state)
{
    (void)state;
    jz_record_ids *t = jz_record_ids_new();
    assert_int_equal(fp_of("A", ""), 0);  /* no id: nothing to check */
    uint64_t a1 = fp_of("A", "R1"), b1 = fp_of("B", "R1");
    assert_true(a1 != 0 && a1 != b1);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_are_per_centre_and_keep_their_first_row),
        cmocka_unit_test(halves_overlap_and_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
