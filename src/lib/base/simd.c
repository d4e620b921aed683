/* simd.c — see include/jz/simd.h. The x86 intrinsics live here and only here, each
 * vector function compiled for its own target so the rest of the build stays baseline
 * x86-64 (or any other architecture: then only the scalar level exists). */
#include "jz/simd.h"
#include "jz/hash.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define JZ_X86 1
#include <immintrin.h>
#endif

/* -1: not decided yet. Atomic: the readers of two threads may ask first at once (both
 * decide the same). */
static _Atomic int level = -1;
#ifdef JZ_X86
static _Atomic bool has_ssse3;  /* the 16-byte UTF-8 check needs PSHUFB */
#endif

static jz_simd_level_t cpu_level(void)
{
#ifdef JZ_X86
    __builtin_cpu_init();
    has_ssse3 = __builtin_cpu_supports("ssse3");
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
        return JZ_SIMD_AVX512;  /* libgcc also checks that the system saves the 512-bit state */
    if (__builtin_cpu_supports("avx2"))
        return JZ_SIMD_AVX2;
    return JZ_SIMD_SSE2;  /* every x86-64 CPU has SSE2 */
#else
    return JZ_SIMD_SCALAR;
#endif
}

jz_simd_level_t jz_simd_set_level(jz_simd_level_t want)
{
    jz_simd_level_t cpu = cpu_level();
    jz_simd_level_t use = want < cpu ? want : cpu;
    atomic_store_explicit(&level, (int)use, memory_order_relaxed);
    return use;
}

jz_simd_level_t jz_simd_level(void)
{
    int l = atomic_load_explicit(&level, memory_order_relaxed);
    if (l >= 0)
        return (jz_simd_level_t)l;
    const char *env = getenv("JZ_SIMD");
    jz_simd_level_t want = JZ_SIMD_BEST;
    if (env && (strcmp(env, "off") == 0 || strcmp(env, "scalar") == 0 || strcmp(env, "0") == 0))
        want = JZ_SIMD_SCALAR;
    else if (env && strcmp(env, "sse2") == 0)
        want = JZ_SIMD_SSE2;
    else if (env && strcmp(env, "avx2") == 0)
        want = JZ_SIMD_AVX2;
    return jz_simd_set_level(want);
}

const char *jz_simd_level_name(jz_simd_level_t l)
{
    return l == JZ_SIMD_AVX512 ? "avx512" : l == JZ_SIMD_AVX2 ? "avx2" : l == JZ_SIMD_SSE2 ? "sse2" : "scalar";
}

/* ---- structural masks ---- */

#ifdef JZ_X86
__attribute__((target("avx2"))) static void index_avx2(const char *p, size_t blocks, jz_csv_masks *m)
{
    const __m256i q = _mm256_set1_epi8('"'), c = _mm256_set1_epi8(','), l = _mm256_set1_epi8('\n');
#define JZ_M256(v, x) ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, x)))
    for (size_t k = 0; k < blocks; k++, p += 64) {
        __m256i lo = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i hi = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
        m[k].quote = JZ_M256(lo, q) | JZ_M256(hi, q) << 32;
        m[k].comma = JZ_M256(lo, c) | JZ_M256(hi, c) << 32;
        m[k].lf = JZ_M256(lo, l) | JZ_M256(hi, l) << 32;
    }
#undef JZ_M256
}

__attribute__((target("avx512f,avx512bw"))) static void index_avx512(const char *p, size_t blocks, jz_csv_masks *m)
{
    const __m512i q = _mm512_set1_epi8('"'), c = _mm512_set1_epi8(','), l = _mm512_set1_epi8('\n');
    for (size_t k = 0; k < blocks; k++, p += 64) {
        __m512i v = _mm512_loadu_si512((const void *)p);
        m[k].quote = _mm512_cmpeq_epi8_mask(v, q);
        m[k].comma = _mm512_cmpeq_epi8_mask(v, c);
        m[k].lf = _mm512_cmpeq_epi8_mask(v, l);
    }
}

/* One 16-byte quarter's bits for x. */
static inline uint64_t mask16(__m128i v, __m128i x, int shift)
{
    return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, x)) << shift;
}

static void index_sse2(const char *p, size_t blocks, jz_csv_masks *m)
{
    const __m128i q = _mm_set1_epi8('"'), c = _mm_set1_epi8(','), l = _mm_set1_epi8('\n');
    for (size_t k = 0; k < blocks; k++, p += 64) {
        uint64_t mq = 0, mc = 0, ml = 0;
        for (int i = 0; i < 4; i++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
            mq |= mask16(v, q, 16 * i);
            mc |= mask16(v, c, 16 * i);
            ml |= mask16(v, l, 16 * i);
        }
        m[k].quote = mq, m[k].comma = mc, m[k].lf = ml;
    }
}
#endif

void jz_simd_csv_index(const char *p, size_t n, jz_csv_masks out[JZ_CSV_INDEX_BLOCKS])
{
#ifdef JZ_X86
    int l = atomic_load_explicit(&level, memory_order_relaxed);
    void (*index)(const char *, size_t, jz_csv_masks *) =
        l == JZ_SIMD_AVX512 ? index_avx512 : l == JZ_SIMD_AVX2 ? index_avx2 : index_sse2;
    size_t whole = n / 64;
    index(p, whole, out);
    if (n % 64) {
        char tail[64] = { 0 };  /* no structural byte past the end */
        memcpy(tail, p + 64 * whole, n % 64);
        index(tail, 1, out + whole);
    }
#else
    (void)p;
    (void)n;
    (void)out;
    abort();  /* never called at the scalar level */
#endif
}

/* ---- UTF-8: Keiser and Lemire, "Validating UTF-8 in less than one instruction per byte"
 * (2021). Each byte is classified by three 16-entry tables (the high nibble of the byte
 * before it, the low nibble of the byte before it, its own high nibble); the three
 * entries ANDed together are non-zero exactly when the pair of bytes is an error of the
 * kind named by the bit. A continuation after a continuation (TWO_CONTS) is an error
 * unless the byte two or three back was a 3- or 4-byte lead: that is checked apart. */

#ifdef JZ_X86
enum {
    TOO_SHORT = 1 << 0,   /* a lead or ASCII byte after a lead byte */
    TOO_LONG = 1 << 1,    /* a continuation after an ASCII byte */
    OVERLONG_3 = 1 << 2,  /* E0 80..9F */
    TOO_LARGE = 1 << 3,   /* F4 90..BF, F5..FF then 90..BF */
    SURROGATE = 1 << 4,   /* ED A0..BF */
    OVERLONG_2 = 1 << 5,  /* C0 or C1 then a continuation */
    TOO_LARGE_1000 = 1 << 6, /* F5..FF 80..8F */
    OVERLONG_4 = 1 << 6,  /* F0 80..8F */
    TWO_CONTS = 1 << 7,   /* a continuation after a continuation */
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

#define JZ_T1 TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, \
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT,            \
    TOO_SHORT | OVERLONG_3 | SURROGATE, TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4
#define JZ_T2 CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,        \
    CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,     \
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,                        \
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,                        \
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,                        \
    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,            \
    CARRY | TOO_LARGE | TOO_LARGE_1000
#define JZ_T3 TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, \
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,                    \
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                                      \
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                                       \
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT

static const uint8_t table1[16] = { JZ_T1 }, table2[16] = { JZ_T2 }, table3[16] = { JZ_T3 };
/* A lead byte in the last three places of a block that still wants continuations:
 * subtracting these (saturating) leaves a non-zero byte there. */
static const uint8_t tail_max[32] = {
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1,
};
#define JZ_LOAD128(p) _mm_loadu_si128((const __m128i *)(const void *)(p))

/* The 32 bytes before each byte of in, n back (prev: the block before). */
#define JZ_PREV256(in, prev, n) \
    _mm256_alignr_epi8(in, _mm256_permute2x128_si256(prev, in, 0x21), 16 - (n))

__attribute__((target("avx2"))) static size_t utf8_avx2(const unsigned char *s, size_t n)
{
    const __m256i t1 = _mm256_broadcastsi128_si256(JZ_LOAD128(table1)),
                  t2 = _mm256_broadcastsi128_si256(JZ_LOAD128(table2)),
                  t3 = _mm256_broadcastsi128_si256(JZ_LOAD128(table3)), nib = _mm256_set1_epi8(0x0F),
                  tail = _mm256_loadu_si256((const __m256i *)(const void *)tail_max);
    __m256i prev = _mm256_setzero_si256(), pending = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        if (!_mm256_movemask_epi8(in)) {  /* ASCII: fine unless a sequence was left open */
            if (!_mm256_testz_si256(pending, pending))
                break;
            prev = in;
            continue;
        }
        __m256i p1 = JZ_PREV256(in, prev, 1);
        __m256i sc = _mm256_and_si256(
            _mm256_and_si256(_mm256_shuffle_epi8(t1, _mm256_and_si256(_mm256_srli_epi16(p1, 4), nib)),
                             _mm256_shuffle_epi8(t2, _mm256_and_si256(p1, nib))),
            _mm256_shuffle_epi8(t3, _mm256_and_si256(_mm256_srli_epi16(in, 4), nib)));
        __m256i third = _mm256_subs_epu8(JZ_PREV256(in, prev, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
        __m256i fourth = _mm256_subs_epu8(JZ_PREV256(in, prev, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
        __m256i must = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
        __m256i err = _mm256_xor_si256(must, sc);
        if (!_mm256_testz_si256(err, err))
            break;
        pending = _mm256_subs_epu8(in, tail);
        prev = in;
    }
    return i;
}

/* The 64 bytes before each byte of in, n back: each 128-bit lane with the lane before it
 * (the last of prev for the first), shifted by n bytes. */
#define JZ_PREV512(in, prev, n) _mm512_alignr_epi8(in, _mm512_alignr_epi64(in, prev, 6), 16 - (n))

static const uint8_t tail_max64[64] = {
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1,
};

__attribute__((target("avx512f,avx512bw"))) static size_t utf8_avx512(const unsigned char *s, size_t n)
{
    const __m512i t1 = _mm512_broadcast_i32x4(JZ_LOAD128(table1)), t2 = _mm512_broadcast_i32x4(JZ_LOAD128(table2)),
                  t3 = _mm512_broadcast_i32x4(JZ_LOAD128(table3)), nib = _mm512_set1_epi8(0x0F),
                  tail = _mm512_loadu_si512((const void *)tail_max64);
    __m512i prev = _mm512_setzero_si512(), pending = _mm512_setzero_si512();
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512i in = _mm512_loadu_si512((const void *)(s + i));
        if (!_mm512_movepi8_mask(in)) {  /* ASCII: fine unless a sequence was left open */
            if (_mm512_test_epi8_mask(pending, pending))
                break;
            prev = in;
            continue;
        }
        __m512i p1 = JZ_PREV512(in, prev, 1);
        __m512i sc = _mm512_and_si512(
            _mm512_and_si512(_mm512_shuffle_epi8(t1, _mm512_and_si512(_mm512_srli_epi16(p1, 4), nib)),
                             _mm512_shuffle_epi8(t2, _mm512_and_si512(p1, nib))),
            _mm512_shuffle_epi8(t3, _mm512_and_si512(_mm512_srli_epi16(in, 4), nib)));
        __m512i third = _mm512_subs_epu8(JZ_PREV512(in, prev, 2), _mm512_set1_epi8((char)(0xE0 - 0x80)));
        __m512i fourth = _mm512_subs_epu8(JZ_PREV512(in, prev, 3), _mm512_set1_epi8((char)(0xF0 - 0x80)));
        __m512i must = _mm512_and_si512(_mm512_or_si512(third, fourth), _mm512_set1_epi8((char)0x80));
        __m512i err = _mm512_xor_si512(must, sc);
        if (_mm512_test_epi8_mask(err, err))
            break;
        pending = _mm512_subs_epu8(in, tail);
        prev = in;
    }
    return i;
}

#define JZ_PREV128(in, prev, n) _mm_alignr_epi8(in, prev, 16 - (n))

__attribute__((target("ssse3"))) static size_t utf8_ssse3(const unsigned char *s, size_t n)
{
    const __m128i t1 = JZ_LOAD128(table1), t2 = JZ_LOAD128(table2), t3 = JZ_LOAD128(table3),
                  nib = _mm_set1_epi8(0x0F), tail = JZ_LOAD128(tail_max + 16);
    __m128i prev = _mm_setzero_si128(), pending = _mm_setzero_si128();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i in = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (!_mm_movemask_epi8(in)) {
            if (_mm_movemask_epi8(_mm_cmpeq_epi8(pending, _mm_setzero_si128())) != 0xFFFF)
                break;
            prev = in;
            continue;
        }
        __m128i p1 = JZ_PREV128(in, prev, 1);
        __m128i sc = _mm_and_si128(_mm_and_si128(_mm_shuffle_epi8(t1, _mm_and_si128(_mm_srli_epi16(p1, 4), nib)),
                                                 _mm_shuffle_epi8(t2, _mm_and_si128(p1, nib))),
                                   _mm_shuffle_epi8(t3, _mm_and_si128(_mm_srli_epi16(in, 4), nib)));
        __m128i third = _mm_subs_epu8(JZ_PREV128(in, prev, 2), _mm_set1_epi8((char)(0xE0 - 0x80)));
        __m128i fourth = _mm_subs_epu8(JZ_PREV128(in, prev, 3), _mm_set1_epi8((char)(0xF0 - 0x80)));
        __m128i must = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
        __m128i err = _mm_xor_si128(must, sc);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) != 0xFFFF)
            break;
        pending = _mm_subs_epu8(in, tail);
        prev = in;
    }
    return i;
}
#endif

size_t jz_simd_utf8_blocks(const unsigned char *s, size_t n)
{
#ifdef JZ_X86
    jz_simd_level_t l = jz_simd_level();
    if (l == JZ_SIMD_AVX512)
        return utf8_avx512(s, n);
    if (l == JZ_SIMD_AVX2)
        return utf8_avx2(s, n);
    if (l == JZ_SIMD_SSE2 && has_ssse3)
        return utf8_ssse3(s, n);
#else
    (void)s;
    (void)n;
#endif
    return 0;
}

/* ---- MinHash by mixing ---- */


static void minhash_scalar(uint32_t *sig, size_t k, size_t from, const uint64_t *keys, uint64_t h)
{
    for (size_t i = from; i < k; i += 2) {
        uint64_t m = jz_mix64(h ^ keys[i / 2]);
        uint32_t hi = (uint32_t)(m >> 32), lo = (uint32_t)m;
        if (hi < sig[i])
            sig[i] = hi;
        if (i + 1 < k && lo < sig[i + 1])
            sig[i + 1] = lo;
    }
}

#ifdef JZ_X86
/* x * c for four 64-bit lanes, the low 64 bits of each product, from 32x32->64
 * multiplies: lo(x)lo(c) + (hi(x)lo(c) + lo(x)hi(c)) << 32. */
__attribute__((target("avx2"))) static inline __m256i mul64_avx2(__m256i x, __m256i clo, __m256i chi)
{
    __m256i ll = _mm256_mul_epu32(x, clo);
    __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), clo), _mm256_mul_epu32(x, chi));
    return _mm256_add_epi64(ll, _mm256_slli_epi64(cross, 32));
}

__attribute__((target("avx2"))) static void minhash_avx2(uint32_t *sig, size_t k, const uint64_t *keys,
                                                         const uint64_t *h, size_t nh)
{
    const __m256i c1lo = _mm256_set1_epi64x(0xbf58476d1ce4e5b9ULL & 0xffffffffULL),
                  c1hi = _mm256_set1_epi64x(0xbf58476d1ce4e5b9ULL >> 32),
                  c2lo = _mm256_set1_epi64x(0x94d049bb133111ebULL & 0xffffffffULL),
                  c2hi = _mm256_set1_epi64x(0x94d049bb133111ebULL >> 32);
    size_t vec = k / 8 * 8;  /* signature slots done eight (four pairs) at a time */
    for (size_t j = 0; j < nh; j++) {
        __m256i hv = _mm256_set1_epi64x((long long)h[j]);
        for (size_t i = 0; i < vec; i += 8) {
            __m256i x = _mm256_xor_si256(hv, _mm256_loadu_si256((const __m256i *)(keys + i / 2)));
            x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 30));
            x = mul64_avx2(x, c1lo, c1hi);
            x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 27));
            x = mul64_avx2(x, c2lo, c2hi);
            x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 31));
            /* in memory a lane is (lo, hi); the signature wants (hi, lo) */
            x = _mm256_shuffle_epi32(x, 0xB1);
            __m256i *at = (__m256i *)(sig + i);
            _mm256_storeu_si256(at, _mm256_min_epu32(_mm256_loadu_si256(at), x));
        }
        if (vec < k)
            minhash_scalar(sig, k, vec, keys, h[j]);
    }
}

__attribute__((target("avx512f,avx512dq"))) static void minhash_avx512(uint32_t *sig, size_t k, const uint64_t *keys,
                                                                      const uint64_t *h, size_t nh)
{
    const __m512i c1 = _mm512_set1_epi64((long long)0xbf58476d1ce4e5b9ULL),
                  c2 = _mm512_set1_epi64((long long)0x94d049bb133111ebULL);
    size_t vec = k / 16 * 16;  /* signature slots done sixteen (eight pairs) at a time */
    for (size_t j = 0; j < nh; j++) {
        __m512i hv = _mm512_set1_epi64((long long)h[j]);
        for (size_t i = 0; i < vec; i += 16) {
            __m512i x = _mm512_xor_si512(hv, _mm512_loadu_si512((const void *)(keys + i / 2)));
            x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 30));
            x = _mm512_mullo_epi64(x, c1);
            x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 27));
            x = _mm512_mullo_epi64(x, c2);
            x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 31));
            x = _mm512_shuffle_epi32(x, (_MM_PERM_ENUM)0xB1);  /* (lo, hi) in memory: (hi, lo) wanted */
            void *at = sig + i;
            _mm512_storeu_si512(at, _mm512_min_epu32(_mm512_loadu_si512(at), x));
        }
        if (vec < k)
            minhash_scalar(sig, k, vec, keys, h[j]);
    }
}
#endif

void jz_simd_minhash_add(uint32_t *sig, size_t k, const uint64_t *keys, const uint64_t *h, size_t nh)
{
#ifdef JZ_X86
    jz_simd_level_t l = jz_simd_level();
    if (l == JZ_SIMD_AVX512) {
        minhash_avx512(sig, k, keys, h, nh);
        return;
    }
    if (l == JZ_SIMD_AVX2) {
        minhash_avx2(sig, k, keys, h, nh);
        return;
    }
#endif
    for (size_t j = 0; j < nh; j++)
        minhash_scalar(sig, k, 0, keys, h[j]);
}

/* ---- equal bytes ---- */

static size_t equal_scalar(const uint8_t *a, const uint8_t *b, size_t from, size_t n)
{
    size_t eq = 0;
    for (size_t i = from; i < n; i++)
        eq += a[i] == b[i];
    return eq;
}

#ifdef JZ_X86
__attribute__((target("avx2,popcnt"))) static size_t equal_avx2(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t eq = 0, i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(a + i)), y = _mm256_loadu_si256((const __m256i *)(b + i));
        eq += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, y)));
    }
    return eq + equal_scalar(a, b, i, n);
}

static size_t equal_sse2(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t eq = 0, i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(a + i)), y = _mm_loadu_si128((const __m128i *)(b + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y));
        m = m - ((m >> 1) & 0x5555u);  /* popcount of 16 bits without the POPCNT instruction */
        m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
        m = (m + (m >> 4)) & 0x0f0fu;
        eq += (m + (m >> 8)) & 0x1fu;
    }
    return eq + equal_scalar(a, b, i, n);
}
#endif

size_t jz_simd_equal_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
#ifdef JZ_X86
    jz_simd_level_t l = jz_simd_level();
    if (l >= JZ_SIMD_AVX2)
        return equal_avx2(a, b, n);
    if (l == JZ_SIMD_SSE2)
        return equal_sse2(a, b, n);
#endif
    return equal_scalar(a, b, 0, n);
}
