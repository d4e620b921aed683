/* test_idmap.c — jz_idmap (hash.h), the map of short keys, against jz_strmap: the same
 * keys put in the same order get the same indexes, keys and lengths, whatever their length
 * (the slot holds keys of up to 16 bytes; longer ones are compared through their copy). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/hash.h"

/* Key number i: 0 to 40 bytes, NUL bytes included, many of exactly 16 and 17 bytes (the
 * inline limit), and many sharing their first 16 bytes. */
static size_t key_of(uint64_t i, char *buf)
{
    uint64_t r = jz_mix64(i + 1);
    size_t n = (size_t)(r % 41);
    if (r % 5 == 0)
        n = 16 + (size_t)(r >> 8) % 2;
    memset(buf, 'k', 16);  /* a common prefix */
    for (size_t j = 0; j < n; j++)
        if (j >= 12 || r % 3)
            buf[j] = (char)(jz_mix64(i * 131 + j) % 7 == 0 ? 0 : 'a' + jz_mix64(i * 131 + j) % 26);
    return n;
}

static void short_and_long_keys_get_the_indexes_of_a_strmap(void **state)
{
    (void)state;
    jz_idmap *m = jz_idmap_new();
    jz_strmap *ref = jz_strmap_new();
    char key[64];
    long added_n = 0;
    for (uint64_t i = 0; i < 200000; i++) {
        size_t n = key_of(i % 60000, key);  /* each key comes about 3 times */
        bool a1, a2;
        long x = jz_idmap_put(m, key, n, &a1), y = jz_strmap_put(ref, key, n, &a2);
        assert_int_equal(x, y);
        assert_int_equal(a1, a2);
        added_n += a1;
    }
    assert_int_equal(jz_idmap_count(m), jz_strmap_count(ref));
    assert_int_equal((long)jz_idmap_count(m), added_n);
    for (long i = 0; i < (long)jz_idmap_count(m); i++) {
        assert_int_equal(jz_idmap_key_len(m, i), jz_strmap_key_len(ref, i));
        assert_memory_equal(jz_idmap_key(m, i), jz_strmap_key(ref, i), jz_strmap_key_len(ref, i) + 1);
    }
    jz_strmap_free(ref);
    jz_idmap_free(m);
}

static void the_first_key_is_0_and_a_key_is_found_again(void **state)
{
    (void)state;
    jz_idmap *m = jz_idmap_new();
    bool added;
    assert_int_equal(jz_idmap_put(m, "", 0, &added), 0);
    assert_true(added);
    assert_int_equal(jz_idmap_put(m, "HZ-NZ\0C0001", 11, &added), 1);
    assert_true(added);
    assert_int_equal(jz_idmap_put(m, "HZ-NZ", 5, &added), 2);  /* a prefix is another key */
    assert_true(added);
    assert_int_equal(jz_idmap_put(m, "HZ-NZ\0C0001", 11, &added), 1);
    assert_false(added);
    assert_int_equal(jz_idmap_put(m, "", 0, NULL), 0);
    assert_string_equal(jz_idmap_key(m, 2), "HZ-NZ");
    assert_int_equal(jz_idmap_key_len(m, 1), 11);
    assert_memory_equal(jz_idmap_key(m, 1), "HZ-NZ\0C0001", 12);
    assert_int_equal(jz_idmap_count(m), 3);
    jz_idmap_free(m);
    jz_idmap_free(NULL);
}

/* jz_series: the first id with trailing digits sets the series (prefix, count of digits);
 * ids of it have their number, every other id -1. */
static void a_series_numbers_only_its_own_ids(void **state)
{
    (void)state;
    jz_series s = {0};
    assert_int_equal(jz_series_number(&s, "HZ-NZ", 5), -1);          /* no digits: no series */
    assert_int_equal(s.digits, 0);
    assert_int_equal(jz_series_number(&s, "C001-K0036", 10), 36);      /* sets C001-K, 4 digits */
    assert_int_equal(jz_series_number(&s, "C001-K0000", 10), 0);
    assert_int_equal(jz_series_number(&s, "C001-K9999", 10), 9999);
    assert_int_equal(jz_series_number(&s, "C001-K036", 9), -1);        /* 3 digits */
    assert_int_equal(jz_series_number(&s, "C001-K00036", 11), -1);     /* 5 digits */
    assert_int_equal(jz_series_number(&s, "C002-K0036", 10), -1);      /* another prefix */
    assert_int_equal(jz_series_number(&s, "c001-K0036", 10), -1);
    assert_int_equal(jz_series_number(&s, "C001-K0036x", 11), -1);
    assert_int_equal(jz_series_number(&s, "", 0), -1);
    assert_int_equal(jz_series_number(&s, "C001-K00a6", 10), -1);     /* a letter among the digits */
    assert_int_equal(jz_series_number(&s, "C001-K 036", 10), -1);
    assert_int_equal(jz_series_number(&s, "C001-KK0036", 11), -1);    /* the prefix longer */
    assert_int_equal(jz_series_number(&s, "C001-0036", 9), -1);       /* shorter */
    assert_int_equal(jz_series_number(&s, "C001-K0036", 10), 36);      /* still the series */
    assert_int_equal(jz_series_get(&s, 36), -1);
    jz_series_set(&s, 36, 7);
    jz_series_set(&s, 0, 0);
    jz_series_set(&s, 5000, 123456);  /* past the first 1024: grows */
    assert_int_equal(jz_series_get(&s, 36), 7);
    assert_int_equal(jz_series_get(&s, 0), 0);
    assert_int_equal(jz_series_get(&s, 5000), 123456);
    assert_int_equal(jz_series_get(&s, 37), -1);
    assert_int_equal(jz_series_get(&s, 70000), -1);
    assert_int_equal(jz_series_get(&s, -1), -1);
    jz_series_free(&s);
    assert_int_equal(jz_series_get(&s, 36), -1);
    /* digits alone, up to 9 of them; 10 digits, a 24-byte prefix or a number past 65535: -1 */
    assert_int_equal(jz_series_number(&s, "00042", 5), 42);
    assert_int_equal(jz_series_number(&s, "65535", 5), 65535);
    assert_int_equal(jz_series_number(&s, "65536", 5), -1);
    assert_int_equal(jz_series_number(&s, "0004x", 5), -1);
    assert_int_equal(jz_series_number(&s, "x0042", 5), -1);
    assert_int_equal(jz_series_number(&s, "000042", 6), -1);
    assert_int_equal(jz_series_number(&s, "0042", 4), -1);
    jz_series_free(&s);
    assert_int_equal(jz_series_number(&s, "1234567890", 10), -1);
    assert_int_equal(jz_series_number(&s, "abcdefghijklmnopqrstuvwx1", 25), -1);
    assert_int_equal(s.digits, 0);
    assert_int_equal(jz_series_number(&s, "abcdefghijklmnopqrstuvw1", 24), 1);  /* a 23-byte prefix */
    jz_series_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_first_key_is_0_and_a_key_is_found_again),
        cmocka_unit_test(short_and_long_keys_get_the_indexes_of_a_strmap),
        cmocka_unit_test(a_series_numbers_only_its_own_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
