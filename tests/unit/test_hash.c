/* test_hash.c — the string-to-index map, the integer map and the fingerprint set (hash.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/resource.h>
#include <sys/wait.h>
#endif

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

/* ---- jz_big_release: the header's promise ----
 * The whole pages of p[from, to) are given back and read as zero after; the bytes around
 * them (the parts of pages at either end, everything outside the range) keep their
 * contents; the block stays usable and free() takes it; the return value is the offset up
 * to which pages went (from if none), so a walk goes on from there. Pages are 4096 bytes
 * (hash.c). Where the system has no MADV_DONTNEED nothing is given back: the function
 * returns from and every byte keeps its value. */

#define PAGE 4096u

static void fill_pattern(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i % 251 + 1);  /* never 0 */
}

/* The bytes of p[0..n) outside [z0, z1) hold the pattern, those inside are 0: how many do
 * not. */
static size_t pattern_wrong(const unsigned char *p, size_t n, size_t z0, size_t z1)
{
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++)
        wrong += p[i] != (i >= z0 && i < z1 ? 0 : (unsigned char)(i % 251 + 1));
    return wrong;
}

/* The offsets of the first and past the last whole page of p[from, to), by division
 * (from p's address, as a count of pages): z0 == z1 when there is none. */
static void whole_pages(const void *p, size_t from, size_t to, size_t *z0, size_t *z1)
{
    uintptr_t a = (uintptr_t)p;
    uintptr_t first = (a + from + PAGE - 1) / PAGE * PAGE, last = (a + to) / PAGE * PAGE;
    *z0 = *z1 = from;
    if (to > from && last > first)
        *z0 = first - a, *z1 = last - a;
}

/* Release [from, to) of a block of n bytes filled with the pattern, and check the promise:
 * returns what the function returned. */
static size_t release_case(unsigned char *p, size_t n, size_t from, size_t to)
{
    fill_pattern(p, n);
    size_t z0, z1;
    whole_pages(p, from, to, &z0, &z1);
    size_t got = jz_big_release(p, from, to);
#ifdef MADV_DONTNEED
    assert_int_equal(got, z1 > z0 ? z1 : from);
    assert_int_equal(pattern_wrong(p, n, z0, z1), 0);
#else
    assert_int_equal(got, from);
    assert_int_equal(pattern_wrong(p, n, 0, 0), 0);
#endif
    /* still ours: written and read back */
    fill_pattern(p, n);
    assert_int_equal(pattern_wrong(p, n, 0, 0), 0);
    return got;
}

static void big_release_zeroes_the_whole_pages_and_keeps_the_rest(void **state)
{
    (void)state;
    size_t n = 8u << 20;  /* big: jz_big_calloc's huge-page advice applies */
    unsigned char *p = jz_big_calloc(n, 1);
    assert_non_null(p);
    size_t z0, z1;
    whole_pages(p, 100, (3u << 20) + 77, &z0, &z1);
    assert_true(z1 - z0 >= (3u << 20) - 2 * PAGE);  /* by hand: about 3 MiB of whole pages */
    release_case(p, n, 0, n);                         /* everything */
    release_case(p, n, 100, (3u << 20) + 77);         /* unaligned at both ends */
    release_case(p, n, 0, 1);                         /* one byte: nothing */
    release_case(p, n, 5000, 5000 + PAGE - 1);        /* less than a page: nothing */
    release_case(p, n, 5000, 5000);                   /* empty */
    release_case(p, n, 5000, 4000);                   /* to before from: nothing */
    release_case(p, n, n - 10, n);                    /* the end of the block */
    free(p);
}

/* A walk as fp_rehash makes it: each call from where the last one stopped, to the end of
 * what has been read; the pages behind the walk read zero, those ahead keep their values. */
static void big_release_walk_gives_back_what_it_has_passed(void **state)
{
    (void)state;
    size_t n = (5u << 20) + 123;
    unsigned char *p = jz_big_calloc(n, 1);
    fill_pattern(p, n);
    size_t released = 0;
    for (size_t at = 7777; at <= n; at += 7777) {
        size_t z0, z1;
        whole_pages(p, 0, at, &z0, &z1);
        released = jz_big_release(p, released, at);
#ifdef MADV_DONTNEED
        assert_int_equal(released, z1);
        assert_int_equal(pattern_wrong(p, n, z0, z1), 0);
#else
        assert_int_equal(released, 0);
#endif
    }
    free(p);
}

/* A small block of malloc (sharing pages with the allocator's other blocks): releasing all
 * of it or a part is harmless, to it (the bytes outside its whole pages) and to the blocks
 * around it, and free() takes it. */
static void big_release_of_small_or_unaligned_malloc_blocks_is_harmless(void **state)
{
    (void)state;
    const size_t sizes[] = {1, 100, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE + 17, 40000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        unsigned char *before = malloc(64), *p = malloc(n), *after = malloc(64);
        assert_non_null(before);
        assert_non_null(p);
        assert_non_null(after);
        fill_pattern(before, 64);
        fill_pattern(after, 64);
        release_case(p, n, 0, n);
        release_case(p, n, 1, n);
        release_case(p, n, 0, n / 2);
        release_case(p, n, n / 3, n - n / 3);
        assert_int_equal(pattern_wrong(before, 64, 0, 0), 0);
        assert_int_equal(pattern_wrong(after, 64, 0, 0), 0);
        free(before);
        free(p);
        free(after);
    }
    /* and a block the allocator hands out again after free: calloc's zeroes, then usable */
    unsigned char *q = calloc(3 * PAGE, 1);
    assert_non_null(q);
    assert_int_equal(pattern_wrong(q, 3 * PAGE, 0, 3 * PAGE), 0);
    free(q);
}

#if defined(__linux__) && defined(MADV_DONTNEED)
/* The pages are given back, not only zeroed: mincore(2) says which pages of the block are
 * in memory. All of them after the pattern is written; after a release, none of its whole
 * pages and every other page. */
static void big_release_gives_the_pages_back(void **state)
{
    (void)state;
    size_t n = 16u << 20;
    unsigned char *p = jz_big_calloc(n, 1);
    fill_pattern(p, n);
    uintptr_t a0 = ((uintptr_t)p + PAGE - 1) / PAGE * PAGE, a1 = ((uintptr_t)p + n) / PAGE * PAGE;
    size_t npages = (a1 - a0) / PAGE;
    unsigned char *vec = malloc(npages);
    assert_int_equal(mincore((void *)a0, a1 - a0, vec), 0);
    size_t resident = 0;
    for (size_t i = 0; i < npages; i++)
        resident += vec[i] & 1;
    assert_int_equal(resident, npages);
    size_t from = (size_t)(a0 - (uintptr_t)p) + 10 * PAGE + 5, to = from + 1000 * PAGE;  /* 999 whole pages */
    size_t z0, z1;
    whole_pages(p, from, to, &z0, &z1);
    assert_int_equal((z1 - z0) / PAGE, 999);
    assert_int_equal(jz_big_release(p, from, to), z1);
    assert_int_equal(mincore((void *)a0, a1 - a0, vec), 0);
    size_t wrong = 0;
    for (size_t i = 0; i < npages; i++) {
        size_t off = (size_t)(a0 - (uintptr_t)p) + i * PAGE;
        wrong += (vec[i] & 1) != !(off >= z0 && off < z1);
    }
    assert_int_equal(wrong, 0);
    assert_int_equal(pattern_wrong(p, n, z0, z1), 0);  /* reading them back: zero pages */
    free(vec);
    free(p);
}
#endif

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
        cmocka_unit_test(big_release_zeroes_the_whole_pages_and_keeps_the_rest),
        cmocka_unit_test(big_release_walk_gives_back_what_it_has_passed),
        cmocka_unit_test(big_release_of_small_or_unaligned_malloc_blocks_is_harmless),
#if defined(__linux__) && defined(MADV_DONTNEED)
        cmocka_unit_test(big_release_gives_the_pages_back),
#endif
    };
    return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
