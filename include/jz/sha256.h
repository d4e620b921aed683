/* sha256.h — SHA-256 (FIPS 180-4) and the ChaCha20 keystream (RFC 8439), both computed by
 * OpenSSL's libcrypto (EVP), the only cryptographic code jiazong links: no hand-written
 * primitives, and the library uses the CPU's SHA and vector instructions where it can.
 *
 * Promise:
 * - jz_sha256_*: the FIPS 180-4 digest of every byte given, in order, whatever the pieces.
 *   A jz_sha256_ctx holds libcrypto state: jz_sha256_init starts it, jz_sha256_final or
 *   jz_sha256_discard ends it (and frees it); it is not to be copied. Once ended, init it
 *   again before reuse; discarding an ended or zeroed context does nothing.
 * - jz_chacha20_keystream: nblocks consecutive 64-byte ChaCha20 blocks (RFC 8439 section
 *   2.3: 256-bit key, 32-bit block counter starting at counter, 96-bit nonce), serialised
 *   as in the RFC. counter + nblocks must not pass 2^32 (libcrypto would carry into the
 *   nonce; the caller splits a run at the wrap).
 * - jz_hex: lower-case hex.
 * Failure inside libcrypto (out of memory) prints "jiazong: out of memory (libcrypto)" and
 * exits 4, as jz_xmalloc does. No I/O otherwise, no global state of ours.
 */
#ifndef JZ_SHA256_H
#define JZ_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct jz_sha256_ctx {
    void *evp;             /* libcrypto's EVP_MD_CTX; NULL when not started */
} jz_sha256_ctx;

void jz_sha256_init(jz_sha256_ctx *c);
void jz_sha256_update(jz_sha256_ctx *c, const void *data, size_t n);
/* Write the 32-byte digest and end the context. */
void jz_sha256_final(jz_sha256_ctx *c, uint8_t out[32]);
/* End the context without a digest (an error path). */
void jz_sha256_discard(jz_sha256_ctx *c);
/* One-shot digest of data[0..n). */
void jz_sha256(const void *data, size_t n, uint8_t out[32]);
/* jz_sha256_final, the digest written as 64 lower-case hex digits and a NUL. Returns hex. */
char *jz_sha256_final_hex(jz_sha256_ctx *c, char hex[65]);
/* Lower-case hex of p[0..n) into out (2n + 1 bytes, NUL-terminated). Returns out. */
char *jz_hex(const uint8_t *p, size_t n, char *out);

/* nblocks * 64 bytes of keystream into out (see above). */
void jz_chacha20_keystream(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                           uint8_t *out, size_t nblocks);

#endif
