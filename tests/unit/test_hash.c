/* test_hash.c — the string-to-index map, the integer map and the fingerprint set (hash.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/hash.h"

static size_t key_of(long i, char *buf, size_t cap)
{
    return (size_t)snprintf(buf, cap, "centre-%ld\x1fstaff-%ld", i % 97, i);
}

/* ---- jz_hash64 ---- */

static void hash_depends_on_bytes_length_and_seed_and_is_never_zero(void **state)
{
    (void)state;
    assert_int_equal(jz_hash64("abc", 3, 0), jz_hash64("abc", 3, 0));
    assert_int_not_equal(jz_hash64("abc", 3, 0), jz_hash64("abc", 3, 1));
    assert_int_not_equal(jz_hash64("abc", 3, 0), jz_hash64("abd", 3, 0));
    assert_int_not_equal(jz_hash64("abc", 3, 0), jz_hash64("abc\0", 4, 0));
    assert_int_not_equal(jz_hash64("", 0, 0), 0);
    long zero = 0;
    for (uint64_t i = 0; i < 100000; i++)
        zero += jz_hash64(&i, sizeof i, 0) == 0;
    assert_int_equal(zero, 0);
}

/* ---- jz_strmap ---- */

static void strmap_numbers_10000_keys_in_insertion_order_across_growth(void **state)
{
    (void)state;
    jz_strmap *m = jz_strmap_new();
    char key[64];
    long wrong = 0;
    for (long i = 0; i < 10000; i++) {
        bool added = false;
        size_t n = key_of(i, key, sizeof key);
        wrong += jz_strmap_put(m, key, n, &added) != i || !added;
    }
    assert_int_equal(wrong, 0);
    assert_int_equal(jz_strmap_count(m), 10000);
    for (long i = 0; i < 10000; i++) {
        bool added = true;
        size_t n = key_of(i, key, sizeof key);
        wrong += jz_strmap_get(m, key, n) != i;
        wrong += jz_strmap_put(m, key, n, &added) != i || added;
        wrong += strcmp(jz_strmap_key(m, i), key) != 0;
    }
    assert_int_equal(wrong, 0);
    assert_int_equal(jz_strmap_count(m), 10000);
    assert_int_equal(jz_strmap_get(m, "centre-9\x1fstaff-10000", strlen("centre-9\x1fstaff-10000")), -1);
    jz_strmap_free(m);
}

static void strmap_keys_are_byte_ranges_not_c_strings(void **state)
{
    (void)state;
    jz_strmap *m = jz_strmap_new();
    assert_int_equal(jz_strmap_put(m, "abc", 3, NULL), 0);
    assert_int_equal(jz_strmap_put(m, "abcdef", 2, NULL), 1);  /* "ab" */
    assert_int_equal(jz_strmap_put(m, "", 0, NULL), 2);
    assert_int_equal(jz_strmap_get(m, "ab", 2), 1);
    assert_int_equal(jz_strmap_get(m, "abc", 3), 0);
    assert_int_equal(jz_strmap_get(m, "", 0), 2);
    assert_int_equal(jz_strmap_get(m, "a", 1), -1);
    assert_string_equal(jz_strmap_key(m, 1), "ab");
    assert_string_equal(jz_strmap_key(m, 2), "");
    jz_strmap_free(m);
    jz_strmap_free(NULL);
}

/* ---- jz_intmap ---- */

static void intmap_numbers_keys_in_insertion_order_any_value_included(void **state)
{
    (void)state;
    jz_intmap *m = jz_intmap_new();
    assert_int_equal(jz_intmap_get(m, 0), -1);
    assert_int_equal(jz_intmap_put(m, 0, NULL), 0);          /* 0 is a key like any other */
    assert_int_equal(jz_intmap_put(m, UINT64_MAX, NULL), 1);
    assert_int_equal(jz_intmap_put(m, (uint64_t)3 << 32 | 7, NULL), 2);  /* a pair (3, 7) */
    assert_int_equal(jz_intmap_put(m, (uint64_t)7 << 32 | 3, NULL), 3);  /* (7, 3) differs */
    bool added = true;
    assert_int_equal(jz_intmap_put(m, 0, &added), 0);
    assert_false(added);
    assert_int_equal(jz_intmap_put(m, 1, &added), 4);
    assert_true(added);
    assert_int_equal(jz_intmap_get(m, UINT64_MAX), 1);
    assert_int_equal(jz_intmap_get(m, (uint64_t)7 << 32 | 3), 3);
    assert_int_equal(jz_intmap_get(m, 2), -1);
    assert_int_equal(jz_intmap_count(m), 5);
    jz_intmap_free(m);
    jz_intmap_free(NULL);
}

/* 200000 pseudo-random keys drawn from 50000 values (so most repeat), checked against a
 * jz_strmap of the keys' decimal text: the same index for every key, through growth. */
static void intmap_agrees_with_a_strmap_of_the_keys_text(void **state)
{
    (void)state;
    jz_intmap *m = jz_intmap_new();
    jz_strmap *ref = jz_strmap_new();
    uint64_t x = 12345;
    long wrong = 0;
    for (long i = 0; i < 200000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t key = (x >> 33) % 50000;
        key = i % 3 ? key : key << 32 | (key % 17);  /* some packed pairs too */
        char text[32];
        size_t n = (size_t)snprintf(text, sizeof text, "%llu", (unsigned long long)key);
        bool a1 = false, a2 = false;
        long want = jz_strmap_put(ref, text, n, &a2);
        wrong += jz_intmap_put(m, key, &a1) != want || a1 != a2;
        wrong += jz_intmap_get(m, key) != want;
    }
    assert_int_equal(wrong, 0);
    assert_int_equal(jz_intmap_count(m), jz_strmap_count(ref));
    assert_true(jz_intmap_count(m) > 40000);
    jz_intmap_free(m);
    jz_strmap_free(ref);
}

static void strmap_owns_copies_of_its_keys(void **state)
{
    (void)state;
    jz_strmap *m = jz_strmap_new();
    char key[] = "S001";
    jz_strmap_put(m, key, 4, NULL);
    key[3] = '2';
    assert_int_equal(jz_strmap_get(m, "S001", 4), 0);
    assert_int_equal(jz_strmap_get(m, key, 4), -1);
    assert_string_equal(jz_strmap_key(m, 0), "S001");
    jz_strmap_free(m);
}

/* ---- jz_fpset ---- */

static uint64_t fp(uint64_t i)
{
    return jz_hash64(&i, sizeof i, 42);
}

static void fpset_add_and_has(void **state)
{
    (void)state;
    jz_fpset *s = jz_fpset_new(0);
    assert_false(jz_fpset_has(s, 12345));
    assert_true(jz_fpset_add(s, 12345));
    assert_true(jz_fpset_has(s, 12345));
    assert_false(jz_fpset_add(s, 12345));
    assert_false(jz_fpset_has(s, 54321));
    assert_true(jz_fpset_add(s, UINT64_MAX));  /* the last slot's neighbourhood */
    assert_true(jz_fpset_has(s, UINT64_MAX));
    assert_int_equal(jz_fpset_count(s), 2);
    jz_fpset_free(s);
    jz_fpset_free(NULL);
}

static void fpset_finds_duplicates_after_a_million_inserts_and_growth(void **state)
{
    (void)state;
    jz_fpset *s = jz_fpset_new(16);  /* far too small: it must grow many times */
    long refused = 0;
    for (uint64_t i = 0; i < 1000000; i++)
        refused += !jz_fpset_add(s, fp(i));
    assert_int_equal(refused, 0);
    assert_int_equal(jz_fpset_count(s), 1000000);
    const uint64_t again[] = {0, 1, 2, 499999, 777777, 999999};
    for (size_t k = 0; k < sizeof again / sizeof again[0]; k++) {
        assert_true(jz_fpset_has(s, fp(again[k])));
        assert_false(jz_fpset_add(s, fp(again[k])));
    }
    assert_int_equal(jz_fpset_count(s), 1000000);
    long missing = 0, phantom = 0;
    for (uint64_t i = 0; i < 1000000; i += 997)
        missing += !jz_fpset_has(s, fp(i));
    for (uint64_t i = 1000000; i < 1010000; i++)
        phantom += jz_fpset_has(s, fp(i));
    assert_int_equal(missing, 0);
    assert_int_equal(phantom, 0);
    jz_fpset_free(s);
}

static void fpset_sequential_small_values_still_work(void **state)
{
    (void)state;
    /* Not hashes, so they all want slot 0: slow but correct. */
    jz_fpset *s = jz_fpset_new(0);
    long refused = 0;
    for (uint64_t i = 1; i <= 2000; i++)
        refused += !jz_fpset_add(s, i);
    assert_int_equal(refused, 0);
    assert_false(jz_fpset_add(s, 1000));
    assert_true(jz_fpset_has(s, 2000));
    assert_false(jz_fpset_has(s, 2001));
    jz_fpset_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_depends_on_bytes_length_and_seed_and_is_never_zero),
        cmocka_unit_test(strmap_numbers_10000_keys_in_insertion_order_across_growth),
        cmocka_unit_test(strmap_keys_are_byte_ranges_not_c_strings),
        cmocka_unit_test(strmap_owns_copies_of_its_keys),
        cmocka_unit_test(intmap_numbers_keys_in_insertion_order_any_value_included),
        cmocka_unit_test(intmap_agrees_with_a_strmap_of_the_keys_text),
        cmocka_unit_test(fpset_add_and_has),
        cmocka_unit_test(fpset_finds_duplicates_after_a_million_inserts_and_growth),
        cmocka_unit_test(fpset_sequential_small_values_still_work),
    };
    return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
