/* rng.h — the random numbers behind every jz-sample draw: a stream of uniform integers
 * keyed by a text seed, from SHA-256 and the ChaCha20 block function (both computed by
 * libcrypto, see sha256.h).
 *
 * Promise: bit-exact with the published standards, so any other program can re-draw:
 * - jz_sha256*: SHA-256 as in FIPS 180-4 (declared in sha256.h, included here).
 * - jz_chacha20_block: the ChaCha20 block function of RFC 8439 section 2.3 (256-bit key,
 *   32-bit block counter, 96-bit nonce), serialised little-endian as in the RFC.
 * - jz_rng: key = SHA-256 of the seed's bytes, nonce all zero, block counter 0, 1, 2...;
 *   the keystream (block 0's 64 bytes, then block 1's...) read as consecutive 64-bit
 *   little-endian words. The stream ends after 2^32 blocks (2^35 words, far beyond any
 *   draw); the counter would wrap there.
 * - jz_rng_uniform(n): draw w; lim = 2^64 - (2^64 mod n); reject w >= lim and draw
 *   again; return w mod n. Every call consumes at least one word, also for n = 1.
 * No I/O, no global state; a jz_rng is a plain value the caller owns (it may be copied;
 * the copy continues the same stream). The keystream is made JZ_RNG_BLOCKS blocks at a
 * time (libcrypto allocates and frees its cipher state for each batch); that changes
 * when blocks are computed, never which words come out.
 */
#ifndef JZ_RNG_H
#define JZ_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jz/sha256.h"   /* jz_sha256*, jz_hex: the seed's digest */

/* ---- ChaCha20 (RFC 8439) ---- */

/* The 64-byte keystream block for key, block counter and 96-bit nonce. */
void jz_chacha20_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                       uint8_t out[64]);

/* ---- the draw stream ---- */

enum { JZ_RNG_BLOCKS = 8 };

typedef struct jz_rng {
    uint8_t key[32];
    uint32_t counter;      /* the next block to generate */
    uint8_t block[64 * JZ_RNG_BLOCKS];  /* keystream blocks counter - JZ_RNG_BLOCKS.. */
    unsigned used;         /* bytes of block already taken (sizeof block = none left) */
    uint64_t words;        /* 64-bit words taken so far */
} jz_rng;

/* Start the stream for a 256-bit key (nonce zero, counter 0). */
void jz_rng_init(jz_rng *r, const uint8_t key[32]);
/* Start the stream keyed by SHA-256(seed[0..n)); the seed is taken byte for byte (the
 * caller decides that it is UTF-8 text). digest, if not NULL, receives the key. */
void jz_rng_init_seed(jz_rng *r, const char *seed, size_t n, uint8_t digest[32]);
/* The next 64-bit little-endian word of the keystream. */
uint64_t jz_rng_next(jz_rng *r);
/* A uniform integer in [0, n) by rejection (see above). n must be >= 1; n = 0 returns 0
 * without consuming anything. */
uint64_t jz_rng_uniform(jz_rng *r, uint64_t n);
/* The acceptance step of jz_rng_uniform on its own: true with *out = w mod n when w is
 * below 2^64 - (2^64 mod n), false when w must be rejected. n >= 1. */
bool jz_uniform_accept(uint64_t w, uint64_t n, uint64_t *out);

#endif
