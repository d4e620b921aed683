/* simd.h — the vector kernels of the readers, chosen at run time.
 *
 * Promise:
 * - jz_simd_level() is the widest instruction set both this CPU (__builtin_cpu_supports)
 *   and the environment allow: JZ_SIMD=off (or scalar, or 0) forces the scalar code, JZ_SIMD=sse2
 *   caps it at SSE2 (with SSSE3 for the UTF-8 check when the CPU has it), JZ_SIMD=avx2 at
 *   AVX2, anything else or unset lets the CPU decide (AVX-512 needs its F, BW and DQ
 *   parts; a kernel without a 512-bit version runs its AVX2 one there). Outside x86-64 it is always JZ_SIMD_SCALAR. Results never
 *   depend on the level: every kernel gives exactly what its scalar reference gives (the
 *   tests run both); only the speed does.
 * - The kernels are pure functions over bytes: no allocation, no state.
 * Nothing here needs -mavx2: the vector functions carry GCC target attributes.
 */
#ifndef JZ_SIMD_H
#define JZ_SIMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { JZ_SIMD_SCALAR, JZ_SIMD_SSE2, JZ_SIMD_AVX2, JZ_SIMD_AVX512, JZ_SIMD_BEST = JZ_SIMD_AVX512 } jz_simd_level_t;

/* The level in use (decided at the first call from the CPU and JZ_SIMD). */
jz_simd_level_t jz_simd_level(void);

/* For tests: use `level` from now on, capped at what the CPU has. Returns the level
 * now in use. */
jz_simd_level_t jz_simd_set_level(jz_simd_level_t level);

/* "scalar", "sse2", "avx2" or "avx512". */
const char *jz_simd_level_name(jz_simd_level_t level);

/* The structural bytes of CSV, 64 at a time: for each 64-byte block of p[0..n) (n at
 * most JZ_CSV_INDEX_BYTES; a last partial block counts only its bytes), bit i of each
 * mask is set when byte i of the block is '"', ',' or '\n' respectively. Needs a level
 * above scalar. */
typedef struct {
    uint64_t quote, comma, lf;
} jz_csv_masks;
enum { JZ_CSV_INDEX_BLOCKS = 64, JZ_CSV_INDEX_BYTES = 64 * JZ_CSV_INDEX_BLOCKS };
void jz_simd_csv_index(const char *p, size_t n, jz_csv_masks out[JZ_CSV_INDEX_BLOCKS]);

/* Bit i set when an odd number of bits 0..i of x are set (prefix xor: the positions
 * between an opening quote and its closing quote, the opening one included). */
static inline uint64_t jz_prefix_xor(uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

/* How many leading bytes of s[0..n) the vector UTF-8 check (Keiser and Lemire's lookup
 * algorithm) found valid, 64, 32 or 16 at a time: a multiple of the block size, and every
 * character that ends before it is valid UTF-8. The caller finishes the rest with the
 * scalar check from the start of the character the returned offset falls in. 0 at the
 * scalar level. */
size_t jz_simd_utf8_blocks(const unsigned char *s, size_t n);

/* MinHash by mixing (jz-audit's note and attendance signatures): for each value h[j]
 * (j < nh) and each pair p < k/2 (rounded up), m = mix(h[j] ^ keys[p]) with mix the
 * finaliser of splitmix64 (x ^= x >> 30; x *= 0xbf58476d1ce4e5b9; x ^= x >> 27;
 * x *= 0x94d049bb133111eb; x ^= x >> 31), then sig[2p] = min(sig[2p], m >> 32) and, when
 * 2p + 1 < k, sig[2p + 1] = min(sig[2p + 1], m & 0xffffffff). keys has (k + 1) / 2
 * entries. Every level gives the scalar result exactly (AVX2: four mixes at a time;
 * AVX-512: eight, with its 64-bit multiply). */
void jz_simd_minhash_add(uint32_t *sig, size_t k, const uint64_t *keys, const uint64_t *h, size_t nh);

/* How many of the n positions hold the same byte in a and b (jz-audit compares 8-bit
 * MinHash signatures so: 128 bytes in 4 AVX2 compares instead of a byte loop). */
size_t jz_simd_equal_bytes(const uint8_t *a, const uint8_t *b, size_t n);

#endif
