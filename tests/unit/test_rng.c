/* test_rng.c — SHA-256, the ChaCha20 block function and the uniform draw (rng.h), against
 * the published test vectors: FIPS 180-4 (and its example messages) and RFC 8439. The
 * primitives are libcrypto's (sha256.h, test_sha256.c); these vectors pin them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jz/rng.h"

static void assert_sha256(const char *msg, size_t n, const char *want)
{
    uint8_t d[32];
    char hex[65];
    jz_sha256(msg, n, d);
    assert_string_equal(jz_hex(d, 32, hex), want);
}

static void assert_bytes(const uint8_t *got, size_t n, const char *want_hex)
{
    char hex[129];
    assert_true(n * 2 < sizeof hex);
    assert_string_equal(jz_hex(got, n, hex), want_hex);
}

/* ---- SHA-256 ---- */

static void sha256_of_abc_matches_fips_180_4(void **state)
{
    (void)state;
    assert_sha256("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void sha256_of_the_empty_message(void **state)
{
    (void)state;
    assert_sha256("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void sha256_of_the_448_bit_message_needs_a_second_padding_block(void **state)
{
    (void)state;
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_int_equal(strlen(m) * 8, 448);
    assert_sha256(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void sha256_of_a_million_a_fed_in_uneven_pieces(void **state)
{
    (void)state;
    static char buf[1024];  /* step stays below 1010 */
    memset(buf, 'a', sizeof buf);
    jz_sha256_ctx c;
    jz_sha256_init(&c);
    size_t done = 0, step = 1;
    while (done < 1000000) {
        size_t n = 1000000 - done < step ? 1000000 - done : step;
        jz_sha256_update(&c, buf, n);
        done += n;
        step = step % 997 + 13;  /* pieces of 13..1009 bytes, crossing block edges */
    }
    uint8_t d[32];
    jz_sha256_final(&c, d);
    assert_bytes(d, 32, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void sha256_of_utf8_text_hashes_its_bytes(void **state)
{
    (void)state;
    /* "中" is e4 b8 ad: the digest is that of those three bytes. */
    uint8_t a[32], b[32];
    jz_sha256("中", strlen("中"), a);
    jz_sha256("\xe4\xb8\xad", 3, b);
    assert_memory_equal(a, b, 32);
}

/* ---- ChaCha20 ---- */

static void chacha20_block_matches_rfc8439_section_2_3_2(void **state)
{
    (void)state;
    uint8_t key[32], out[64];
    const uint8_t nonce[12] = {0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0};
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    jz_chacha20_block(key, 1, nonce, out);
    assert_bytes(out, 64,
                 "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                 "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
}

static void chacha20_block_with_zero_key_and_nonce_matches_rfc8439_appendix_a1(void **state)
{
    (void)state;
    const uint8_t key[32] = {0}, nonce[12] = {0};
    uint8_t out[64];
    jz_chacha20_block(key, 0, nonce, out);
    assert_bytes(out, 64,
                 "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                 "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
    jz_chacha20_block(key, 1, nonce, out);
    assert_bytes(out, 64,
                 "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                 "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
}

/* ---- the stream ---- */

static void stream_words_are_the_keystream_as_little_endian_64_bit_words(void **state)
{
    (void)state;
    const uint8_t key[32] = {0};
    jz_rng r;
    jz_rng_init(&r, key);
    /* Block 0 starts 76 b8 e0 ad a0 f1 3d 90, block 1 starts 9f 07 e7 be 55 51 38 7a. */
    assert_true(jz_rng_next(&r) == 0x903df1a0ade0b876ull);
    for (int i = 1; i < 8; i++)
        jz_rng_next(&r);
    assert_true(jz_rng_next(&r) == 0x7a385155bee7079full);
    assert_int_equal(r.words, 9);
}

static void stream_of_a_seed_is_keyed_by_its_sha256(void **state)
{
    (void)state;
    jz_rng a, b;
    uint8_t digest[32], key[32];
    jz_rng_init_seed(&a, "abc", 3, digest);
    jz_sha256("abc", 3, key);
    assert_memory_equal(digest, key, 32);
    jz_rng_init(&b, key);
    for (int i = 0; i < 20; i++)
        assert_true(jz_rng_next(&a) == jz_rng_next(&b));
    /* Cross-checked with tests/sample_reproduce.py: Stream("abc").next(). */
    jz_rng_init_seed(&a, "abc", 3, NULL);
    assert_true(jz_rng_next(&a) == 0x311bb0d42bcd70d7ull);
}

static void stream_crosses_its_batches_of_blocks_without_a_seam(void **state)
{
    (void)state;
    /* Words 8k..8k+7 are block k, whether the stream made it in the first batch or later. */
    const uint8_t key[32] = {0}, nonce[12] = {0};
    jz_rng r;
    jz_rng_init(&r, key);
    for (uint32_t b = 0; b < 3 * JZ_RNG_BLOCKS + 1; b++) {
        uint8_t blk[64];
        jz_chacha20_block(key, b, nonce, blk);
        for (int i = 0; i < 8; i++) {
            uint64_t w = 0;
            for (int j = 7; j >= 0; j--)
                w = w << 8 | blk[8 * i + j];
            assert_true(jz_rng_next(&r) == w);
        }
    }
    assert_int_equal(r.words, 8 * (3 * JZ_RNG_BLOCKS + 1));
}

static void stream_wraps_its_block_counter_to_0_with_the_nonce_unchanged(void **state)
{
    (void)state;
    /* Three blocks before 2^32: block 2^32 - 1 is followed by block 0 (RFC 8439 A.1's
     * 76 b8 e0 ad... for the zero key), as the 32-bit counter of the original code did. */
    const uint8_t key[32] = {0}, nonce[12] = {0};
    jz_rng r;
    jz_rng_init(&r, key);
    r.counter = UINT32_MAX - 2;
    uint8_t last[64];
    jz_chacha20_block(key, UINT32_MAX, nonce, last);
    uint64_t want_last = 0;
    for (int j = 7; j >= 0; j--)
        want_last = want_last << 8 | last[j];
    for (int i = 0; i < 16; i++)
        jz_rng_next(&r);
    assert_true(jz_rng_next(&r) == want_last);  /* block 2^32 - 1's first word */
    for (int i = 0; i < 7; i++)
        jz_rng_next(&r);
    assert_true(jz_rng_next(&r) == 0x903df1a0ade0b876ull);  /* block 0's */
    for (int i = 0; i < 7; i++)
        jz_rng_next(&r);
    assert_true(jz_rng_next(&r) == 0x7a385155bee7079full);  /* block 1's */
}

/* ---- uniform ---- */

static void uniform_of_1_is_0_and_still_takes_one_word(void **state)
{
    (void)state;
    jz_rng r;
    jz_rng_init_seed(&r, "n=1", 3, NULL);
    for (int i = 1; i <= 10; i++) {
        assert_true(jz_rng_uniform(&r, 1) == 0);
        assert_int_equal(r.words, i);
    }
    uint64_t v = 99;
    assert_true(jz_uniform_accept(UINT64_MAX, 1, &v) && v == 0);
}

static void uniform_of_0_takes_nothing(void **state)
{
    (void)state;
    jz_rng r;
    jz_rng_init_seed(&r, "n=0", 3, NULL);
    assert_true(jz_rng_uniform(&r, 0) == 0);
    assert_int_equal(r.words, 0);
}

static void uniform_of_3_rejects_only_the_largest_word(void **state)
{
    (void)state;
    /* 2^64 mod 3 = 1, so lim = 2^64 - 1: only 2^64 - 1 itself is rejected. */
    uint64_t v = 99;
    assert_false(jz_uniform_accept(UINT64_MAX, 3, &v));
    assert_true(jz_uniform_accept(UINT64_MAX - 1, 3, &v) && v == 2);  /* (2^64 - 2) mod 3 */
    assert_true(jz_uniform_accept(0, 3, &v) && v == 0);
    assert_true(jz_uniform_accept(4, 3, &v) && v == 1);
    jz_rng r;
    jz_rng_init_seed(&r, "n=3", 3, NULL);
    long seen[3] = {0};
    for (int i = 0; i < 3000; i++)
        seen[jz_rng_uniform(&r, 3)]++;
    assert_int_equal(r.words, 3000);  /* a rejection here has odds 2^-64 a draw */
    for (int i = 0; i < 3; i++)
        assert_in_range(seen[i], 900, 1100);
}

static void uniform_of_2_to_the_63_plus_1_rejects_almost_half(void **state)
{
    (void)state;
    const uint64_t n = (1ull << 63) + 1;  /* 2^64 mod n = 2^63 - 1, lim = 2^63 + 1 = n */
    uint64_t v = 99;
    assert_true(jz_uniform_accept(0, n, &v) && v == 0);
    assert_true(jz_uniform_accept(1ull << 63, n, &v) && v == 1ull << 63);  /* lim - 1: the largest kept */
    assert_false(jz_uniform_accept((1ull << 63) + 1, n, &v));            /* lim itself */
    assert_false(jz_uniform_accept(UINT64_MAX, n, &v));
    /* In a stream: the result is the first word below lim, after as many words as it took. */
    jz_rng a, b;
    jz_rng_init_seed(&a, "edge", 4, NULL);
    jz_rng_init_seed(&b, "edge", 4, NULL);
    long rejected = 0;
    for (int i = 0; i < 200; i++) {
        uint64_t w;
        while ((w = jz_rng_next(&b)) > 1ull << 63)
            rejected++;
        assert_true(jz_rng_uniform(&a, n) == w);
        assert_int_equal(a.words, b.words);
    }
    assert_in_range(rejected, 120, 300);  /* about one word in two is rejected: ~200 */
}

static void uniform_of_a_power_of_two_never_rejects(void **state)
{
    (void)state;
    uint64_t v;
    assert_true(jz_uniform_accept(UINT64_MAX, 1ull << 63, &v) && v == (1ull << 63) - 1);
    assert_true(jz_uniform_accept(UINT64_MAX, 8, &v) && v == 7);
    assert_false(jz_uniform_accept(UINT64_MAX, UINT64_MAX, &v));  /* 2^64 mod (2^64-1) = 1 */
    assert_true(jz_uniform_accept(UINT64_MAX - 1, UINT64_MAX, &v) && v == UINT64_MAX - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_of_abc_matches_fips_180_4),
        cmocka_unit_test(sha256_of_the_empty_message),
        cmocka_unit_test(sha256_of_the_448_bit_message_needs_a_second_padding_block),
        cmocka_unit_test(sha256_of_a_million_a_fed_in_uneven_pieces),
        cmocka_unit_test(sha256_of_utf8_text_hashes_its_bytes),
        cmocka_unit_test(chacha20_block_matches_rfc8439_section_2_3_2),
        cmocka_unit_test(chacha20_block_with_zero_key_and_nonce_matches_rfc8439_appendix_a1),
        cmocka_unit_test(stream_words_are_the_keystream_as_little_endian_64_bit_words),
        cmocka_unit_test(stream_of_a_seed_is_keyed_by_its_sha256),
        cmocka_unit_test(stream_crosses_its_batches_of_blocks_without_a_seam),
        cmocka_unit_test(stream_wraps_its_block_counter_to_0_with_the_nonce_unchanged),
        cmocka_unit_test(uniform_of_1_is_0_and_still_takes_one_word),
        cmocka_unit_test(uniform_of_0_takes_nothing),
        cmocka_unit_test(uniform_of_3_rejects_only_the_largest_word),
        cmocka_unit_test(uniform_of_2_to_the_63_plus_1_rejects_almost_half),
        cmocka_unit_test(uniform_of_a_power_of_two_never_rejects),
    };
    return cmocka_run_group_tests_name("rng", tests, NULL, NULL);
}
