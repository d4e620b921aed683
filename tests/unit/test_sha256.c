/* test_sha256.c — the libcrypto-backed SHA-256 and ChaCha20 keystream (sha256.h), against
 * the published vectors: FIPS 180-4 and RFC 8439 section 2.4.2 (the keystream over two
 * blocks, from the RFC's plaintext and ciphertext). The one-shot digests and the single
 * block vectors are in test_rng.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "jz/sha256.h"

static void final_hex_gives_the_fips_180_4_digest_of_the_pieces(void **state)
{
    (void)state;
    jz_sha256_ctx c;
    char hex[65];
    jz_sha256_init(&c);
    jz_sha256_update(&c, "a", 1);
    jz_sha256_update(&c, "", 0);
    jz_sha256_update(&c, "bc", 2);
    assert_string_equal(jz_sha256_final_hex(&c, hex),
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_null(c.evp);
    /* Ended contexts start again; an empty message is FIPS's e3b0... */
    jz_sha256_init(&c);
    assert_string_equal(jz_sha256_final_hex(&c, hex),
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void discard_ends_a_context_and_twice_does_nothing(void **state)
{
    (void)state;
    jz_sha256_ctx c = {0};
    jz_sha256_discard(&c);  /* zeroed: nothing to free */
    jz_sha256_init(&c);
    jz_sha256_update(&c, "abc", 3);
    jz_sha256_discard(&c);
    assert_null(c.evp);
    jz_sha256_discard(&c);
}

static void keystream_of_two_blocks_matches_rfc8439_section_2_4_2(void **state)
{
    (void)state;
    static const char plain[] = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip "
                                "for the future, sunscreen would be it.";
    static const char want[] =
        "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
        "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
        "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
        "5af90bbf74a35be6b40b8eedf2785e42874d";
    uint8_t key[32], ks[128], ct[114];
    const uint8_t nonce[12] = {0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0};
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    assert_int_equal(strlen(plain), 114);
    jz_chacha20_keystream(key, 1, nonce, ks, 2);
    for (size_t i = 0; i < 114; i++)
        ct[i] = (uint8_t)plain[i] ^ ks[i];
    char hex[229];
    assert_string_equal(jz_hex(ct, 114, hex), want);
}

static void keystream_in_one_run_equals_block_by_block(void **state)
{
    (void)state;
    uint8_t key[32], run[64 * 5], one[64];
    const uint8_t nonce[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)(7 * i + 3);
    jz_chacha20_keystream(key, 41, nonce, run, 5);
    for (uint32_t b = 0; b < 5; b++) {
        jz_chacha20_keystream(key, 41 + b, nonce, one, 1);
        assert_memory_equal(run + 64 * b, one, 64);
    }
}

static void hex_is_lower_case(void **state)
{
    (void)state;
    const uint8_t p[3] = {0x00, 0xab, 0xf0};
    char hex[7];
    assert_string_equal(jz_hex(p, 3, hex), "00abf0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(final_hex_gives_the_fips_180_4_digest_of_the_pieces),
        cmocka_unit_test(discard_ends_a_context_and_twice_does_nothing),
        cmocka_unit_test(keystream_of_two_blocks_matches_rfc8439_section_2_4_2),
        cmocka_unit_test(keystream_in_one_run_equals_block_by_block),
        cmocka_unit_test(hex_is_lower_case),
    };
    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
