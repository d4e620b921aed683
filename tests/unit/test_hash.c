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

/* ---- jz_fpset_merge_free, against a naive reference ----
 * The reference is a sorted array of the values without repeats (qsort, then drop equal
 * neighbours): the union of two sets is the sorted, deduplicated concatenation. */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t sorted_unique(uint64_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || v[k - 1] != v[i])
            v[k++] = v[i];
    return k;
}

/* Whether x is in the sorted v[0..n). */
static bool ref_has(const uint64_t *v, size_t n, uint64_t x)
{
    return bsearch(&x, v, n, sizeof *v, cmp_u64) != NULL;
}

/* A: fp(a0 .. a1), B: fp(b0 .. b1) (ranges of i, so their overlap is known by hand), each
 * set made with `ea` / `eb` expected entries (small: it grows while filled). Merged B into
 * A, A is checked against the reference union and against one set that was given every
 * value of both in turn: the same count, the same answers for every member and for
 * 20000 values of neither. Returns the union's size. */
static size_t merge_case(uint64_t a0, uint64_t a1, size_t ea, uint64_t b0, uint64_t b1, size_t eb)
{
    jz_fpset *a = jz_fpset_new(ea), *b = jz_fpset_new(eb), *one = jz_fpset_new(0);
    size_t na = (size_t)(a1 - a0), nb = (size_t)(b1 - b0);
    uint64_t *ref = malloc((na + nb + 1) * sizeof *ref);
    assert_non_null(ref);
    size_t n = 0;
    long wrong = 0;
    for (uint64_t i = a0; i < a1; i++) {
        wrong += !jz_fpset_add(a, fp(i));
        jz_fpset_add(one, fp(i));
        ref[n++] = fp(i);
    }
    for (uint64_t i = b0; i < b1; i++) {
        wrong += !jz_fpset_add(b, fp(i));
        jz_fpset_add(one, fp(i));
        ref[n++] = fp(i);
    }
    assert_int_equal(wrong, 0);
    n = sorted_unique(ref, n);
    /* what jz-validate asks before merging: a fingerprint in both halves */
    bool overlap = a0 < b1 && b0 < a1 && na && nb;
    assert_int_equal(jz_fpset_intersects(a, b), overlap);
    assert_int_equal(jz_fpset_intersects(b, a), overlap);
    jz_fpset_merge_free(a, b);  /* b is gone: ASan and the leak check see to it */
    assert_int_equal(jz_fpset_count(a), n);
    assert_int_equal(jz_fpset_count(one), n);
    long missing = 0, phantom = 0, differ = 0;
    for (size_t k = 0; k < n; k++)
        missing += !jz_fpset_has(a, ref[k]);
    uint64_t hi = a1 > b1 ? a1 : b1;
    for (uint64_t i = a0; i < a1; i++)  /* every value of either: the merged set has it */
        missing += !jz_fpset_has(a, fp(i));
    for (uint64_t i = b0; i < b1; i++)
        missing += !jz_fpset_has(a, fp(i));
    for (uint64_t i = 0; i < 20000; i++) {
        uint64_t x = fp(hi + 1000000 + i);  /* of neither */
        phantom += jz_fpset_has(a, x) || ref_has(ref, n, x);
        differ += jz_fpset_has(a, x) != jz_fpset_has(one, x);
    }
    for (size_t k = 0; k < n; k++)
        differ += jz_fpset_has(one, ref[k]) != jz_fpset_has(a, ref[k]);
    assert_int_equal(missing, 0);
    assert_int_equal(phantom, 0);
    assert_int_equal(differ, 0);
    /* adding a value of either again is a duplicate, as jz-validate's next rows see it */
    long accepted = 0;
    for (uint64_t i = a0; i < a1; i += 1 + na / 5000)
        accepted += jz_fpset_add(a, fp(i));
    for (uint64_t i = b0; i < b1; i += 1 + nb / 5000)
        accepted += jz_fpset_add(a, fp(i));
    assert_int_equal(accepted, 0);
    assert_int_equal(jz_fpset_count(a), n);
    /* and the merged set goes on growing as any set does */
    for (uint64_t i = 0; i < 1000; i++)
        accepted += jz_fpset_add(a, fp(hi + 5000000 + i));
    assert_int_equal(accepted, 1000);
    assert_int_equal(jz_fpset_count(a), n + 1000);
    free(ref);
    jz_fpset_free(a);
    jz_fpset_free(one);
    return n;
}

static void fpset_merge_of_empty_and_one_element_sets(void **state)
{
    (void)state;
    assert_int_equal(merge_case(0, 0, 0, 0, 0, 0), 0);   /* empty into empty */
    assert_int_equal(merge_case(0, 5, 0, 0, 0, 0), 5);   /* empty into five */
    assert_int_equal(merge_case(0, 0, 0, 0, 5, 0), 5);   /* five into empty */
    assert_int_equal(merge_case(0, 1, 0, 1, 2, 0), 2);   /* one and another one */
    assert_int_equal(merge_case(7, 8, 0, 7, 8, 0), 1);   /* the same one in both */
    assert_int_equal(merge_case(0, 1, 0, 0, 0, 0), 1);
    assert_int_equal(merge_case(0, 0, 0, 3, 4, 0), 1);
    /* UINT64_MAX (the last slot) and 1 (the first) in either set */
    jz_fpset *a = jz_fpset_new(0), *b = jz_fpset_new(0);
    jz_fpset_add(a, UINT64_MAX);
    jz_fpset_add(b, 1);
    jz_fpset_add(b, UINT64_MAX);
    jz_fpset_merge_free(a, b);
    assert_int_equal(jz_fpset_count(a), 2);
    assert_true(jz_fpset_has(a, 1));
    assert_true(jz_fpset_has(a, UINT64_MAX));
    assert_false(jz_fpset_has(a, 2));
    jz_fpset_free(a);
}

/* Duplicates across the two halves: the union counts each once (by hand: 0..1000 and
 * 600..1500 is 1500 values, 400 of them in both). */
static void fpset_merge_counts_values_in_both_once(void **state)
{
    (void)state;
    assert_int_equal(merge_case(0, 1000, 0, 600, 1500, 0), 1500);
    assert_int_equal(merge_case(600, 1500, 0, 0, 1000, 0), 1500);
    assert_int_equal(merge_case(0, 1000, 1000, 0, 1000, 1000), 1000);  /* the same set twice */
    assert_int_equal(merge_case(0, 1000, 0, 200, 300, 0), 1000);      /* b inside a */
    assert_int_equal(merge_case(200, 300, 0, 0, 1000, 0), 1000);      /* a inside b */
    assert_int_equal(merge_case(0, 1000, 0, 1000, 2000, 0), 2000);    /* side by side */
}

/* Large sets, grown many times from 16 expected entries (1.5 x each time: from 84 slots to
 * past 375000 for 300000 values) and so walked past several 64 Ki-slot stretches whose
 * pages the merge gives back as it goes; a destination sized for everything (no rehash)
 * and one too small (rehashed once, before the walk). */
static void fpset_merge_of_large_grown_sets(void **state)
{
    (void)state;
    /* 0..300000 and 250000..600000: 600000 values, 50000 in both */
    assert_int_equal(merge_case(0, 300000, 16, 250000, 600000, 16), 600000);
    assert_int_equal(merge_case(0, 300000, 700000, 250000, 600000, 16), 600000);
    assert_int_equal(merge_case(0, 300000, 16, 250000, 600000, 700000), 600000);
    assert_int_equal(merge_case(0, 10, 16, 10, 400000, 16), 400000);   /* a big src into a tiny dst */
    assert_int_equal(merge_case(0, 400000, 16, 0, 10, 16), 400000);    /* a tiny src into a big dst */
}

/* Sequential small values (not hashes: all want the first slots, long runs that wrap
 * round the end of the table) merge as well. */
static void fpset_merge_of_clustered_values(void **state)
{
    (void)state;
    jz_fpset *a = jz_fpset_new(0), *b = jz_fpset_new(0);
    for (uint64_t i = 1; i <= 3000; i++)
        jz_fpset_add(a, i);
    for (uint64_t i = 2001; i <= 5000; i++)
        jz_fpset_add(b, i);
    for (uint64_t i = UINT64_MAX - 99; i != 0; i++)  /* the last 100 values: the last slots, wrapping */
        jz_fpset_add(b, i);
    jz_fpset_merge_free(a, b);
    assert_int_equal(jz_fpset_count(a), 5100);
    long missing = 0, phantom = 0;
    for (uint64_t i = 1; i <= 5000; i++)
        missing += !jz_fpset_has(a, i);
    for (uint64_t i = UINT64_MAX - 99; i != 0; i++)
        missing += !jz_fpset_has(a, i);
    for (uint64_t i = 5001; i <= 6000; i++)
        phantom += jz_fpset_has(a, i);
    phantom += jz_fpset_has(a, UINT64_MAX - 100);
    assert_int_equal(missing, 0);
    assert_int_equal(phantom, 0);
    jz_fpset_free(a);
}

#if defined(__linux__) && defined(MADV_DONTNEED)
/* The peak resident memory (ru_maxrss, KiB) of this process so far. */
static long peak_kib(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

/* The resident memory (KiB) of this process now (proc(5): statm's second field, pages). */
static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = -1;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = -1;
        fclose(f);
    }
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* "its memory is given back as the merge walks it, so the peak is about dst's final size,
 * not that and src's" (hash.h). In a child process (its own peak from here on): src gets 3
 * million values (grown from 16 expected entries), dst none (made with 0 expected: it is
 * rehashed to the final size at the merge, its pages touched as the values arrive). By
 * hash.h's "8 bytes per slot, at most 80 % full", each table of 3 million values holds at
 * least 3.75 million slots, 29.3 MiB. Merging raises the peak by dst's table unless src's
 * pages go as dst's come: then by a few MiB (the stretch walked between two releases, huge
 * pages), never by a third of that. (What filling src adds to the resident memory is
 * printed on failure only: the allocator may reuse pages freed by the tests before.) The
 * child writes the figures to a pipe; the parent checks them. */
static void fpset_merge_gives_back_the_source_as_it_walks(void **state)
{
    (void)state;
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fd[0]);
        long k[4];
        jz_fpset *dst = jz_fpset_new(0), *src = jz_fpset_new(16);
        long rss0 = rss_kib();
        for (uint64_t i = 0; i < 3000000; i++)
            jz_fpset_add(src, fp(i));
        k[0] = rss_kib() - rss0;
        k[1] = peak_kib();
        jz_fpset_merge_free(dst, src);
        k[2] = peak_kib();
        k[3] = (long)jz_fpset_count(dst);
        jz_fpset_free(dst);
        _exit(write(fd[1], k, sizeof k) == (ssize_t)sizeof k ? 0 : 1);
    }
    close(fd[1]);
    long k[4] = {0};
    ssize_t got = read(fd[0], k, sizeof k);
    close(fd[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(got, sizeof k);
    assert_int_equal(k[3], 3000000);
    long table = 3750000L * 8 / 1024, merged = k[2] - k[1];  /* KiB */
    if (merged * 3 > table)
        print_error("resident: +%ld KiB filling src; peak %ld KiB, +%ld merging\n", k[0], k[1], merged);
    assert_true(merged * 3 <= table);
}
#endif

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
        cmocka_unit_test(fpset_merge_of_empty_and_one_element_sets),
        cmocka_unit_test(fpset_merge_counts_values_in_both_once),
        cmocka_unit_test(fpset_merge_of_large_grown_sets),
        cmocka_unit_test(fpset_merge_of_clustered_values),
#if defined(__linux__) && defined(MADV_DONTNEED)
        cmocka_unit_test(fpset_merge_gives_back_the_source_as_it_walks),
#endif
        cmocka_unit_test(big_release_zeroes_the_whole_pages_and_keeps_the_rest),
        cmocka_unit_test(big_release_walk_gives_back_what_it_has_passed),
        cmocka_unit_test(big_release_of_small_or_unaligned_malloc_blocks_is_harmless),
#if defined(__linux__) && defined(MADV_DONTNEED)
        cmocka_unit_test(big_release_gives_the_pages_back),
#endif
    };
    return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
