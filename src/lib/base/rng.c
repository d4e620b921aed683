/* rng.c — see include/jz/rng.h */
#include "jz/rng.h"

#include <string.h>

/* ---- ChaCha20: libcrypto's (sha256.c) ---- */

void jz_chacha20_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                       uint8_t out[64])
{
    jz_chacha20_keystream(key, counter, nonce, out, 1);
}

/* ---- the stream ---- */

void jz_rng_init(jz_rng *r, const uint8_t key[32])
{
    memset(r, 0, sizeof *r);
    memcpy(r->key, key, 32);
    r->used = sizeof r->block;
}

void jz_rng_init_seed(jz_rng *r, const char *seed, size_t n, uint8_t digest[32])
{
    uint8_t key[32];
    jz_sha256(seed, n, key);
    jz_rng_init(r, key);
    if (digest)
        memcpy(digest, key, 32);
}

/* The next JZ_RNG_BLOCKS blocks from r->counter on. A batch never runs past block
 * 2^32 - 1 in one call: the counter wraps to 0 there, with the nonce unchanged. */
static void refill(jz_rng *r)
{
    static const uint8_t zero_nonce[12];
    uint64_t to_wrap = (1ull << 32) - r->counter;
    size_t first = to_wrap < JZ_RNG_BLOCKS ? (size_t)to_wrap : JZ_RNG_BLOCKS;
    jz_chacha20_keystream(r->key, r->counter, zero_nonce, r->block, first);
    if (first < JZ_RNG_BLOCKS)
        jz_chacha20_keystream(r->key, 0, zero_nonce, r->block + 64 * first, JZ_RNG_BLOCKS - first);
    r->counter += JZ_RNG_BLOCKS;  /* modulo 2^32 */
    r->used = 0;
}

uint64_t jz_rng_next(jz_rng *r)
{
    if (r->used == sizeof r->block)
        refill(r);
    uint64_t w = 0;
    for (int i = 7; i >= 0; i--)
        w = w << 8 | r->block[r->used + (unsigned)i];
    r->used += 8;
    r->words++;
    return w;
}

bool jz_uniform_accept(uint64_t w, uint64_t n, uint64_t *out)
{
    uint64_t rem = (0 - n) % n;   /* 2^64 mod n, in 64-bit arithmetic */
    if (rem != 0 && w >= 0 - rem) /* lim = 2^64 - rem; lim = 2^64 (no rejection) when rem = 0 */
        return false;
    *out = w % n;
    return true;
}

uint64_t jz_rng_uniform(jz_rng *r, uint64_t n)
{
    uint64_t v;
    if (n == 0)
        return 0;
    while (!jz_uniform_accept(jz_rng_next(r), n, &v))
        ;
    return v;
}
