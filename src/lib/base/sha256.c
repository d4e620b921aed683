/* sha256.c — see include/jz/sha256.h. The only file that uses OpenSSL's libcrypto. */
#include "jz/sha256.h"
#include "jz/error.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libcrypto fails here only when it cannot allocate: the same end as jz_xmalloc's. */
static void crypto_failed(void)
{
    fputs("jiazong: out of memory (libcrypto)\n", stderr);
    exit(JZ_EXIT_SYSTEM);
}

/* ---- SHA-256 ---- */

void jz_sha256_init(jz_sha256_ctx *c)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    if (!m || EVP_DigestInit_ex(m, EVP_sha256(), NULL) != 1)
        crypto_failed();
    c->evp = m;
}

void jz_sha256_update(jz_sha256_ctx *c, const void *data, size_t n)
{
    if (n > 0 && EVP_DigestUpdate(c->evp, data, n) != 1)
        crypto_failed();
}

void jz_sha256_final(jz_sha256_ctx *c, uint8_t out[32])
{
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(c->evp, out, &len) != 1 || len != 32)
        crypto_failed();
    jz_sha256_discard(c);
}

char *jz_sha256_final_hex(jz_sha256_ctx *c, char hex[65])
{
    uint8_t d[32];
    jz_sha256_final(c, d);
    return jz_hex(d, 32, hex);
}

void jz_sha256_discard(jz_sha256_ctx *c)
{
    EVP_MD_CTX_free(c->evp);
    c->evp = NULL;
}

void jz_sha256(const void *data, size_t n, uint8_t out[32])
{
    unsigned int len = 0;
    if (EVP_Digest(data, n, out, &len, EVP_sha256(), NULL) != 1 || len != 32)
        crypto_failed();
}

char *jz_hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
    return out;
}

/* ---- ChaCha20 ---- */

/* EVP_chacha20's 16-byte IV is the RFC's block counter (32-bit little-endian) followed by
 * the 96-bit nonce; encrypting zeros yields the keystream itself. */
void jz_chacha20_keystream(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                           uint8_t *out, size_t nblocks)
{
    uint8_t iv[16] = {(uint8_t)counter, (uint8_t)(counter >> 8), (uint8_t)(counter >> 16),
                      (uint8_t)(counter >> 24)};
    memcpy(iv + 4, nonce, 12);
    memset(out, 0, nblocks * 64);
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int got = 0, tail = 0;
    if (!x || EVP_EncryptInit_ex(x, EVP_chacha20(), NULL, key, iv) != 1 ||
        EVP_EncryptUpdate(x, out, &got, out, (int)(nblocks * 64)) != 1 ||
        EVP_EncryptFinal_ex(x, out + got, &tail) != 1 || (size_t)(got + tail) != nblocks * 64)
        crypto_failed();
    EVP_CIPHER_CTX_free(x);
}
