/* test_simd.c — the vector kernels (simd.h) and the vector paths of the CSV reader and the
 * UTF-8 check, each against its scalar reference on a fixed-seed corpus: quotes, CRLF and
 * multibyte sequences at the 16-, 32- and 64-byte block edges, every truncated sequence,
 * overlongs, surrogates, code points past U+10FFFF, and a few thousand random inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/scan_diff.h"

/* ---- a fixed-seed generator (xorshift64*), so every run tests the same inputs ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static size_t below(size_t n)
{
    return (size_t)(rnd() % n);
}

/* ---- one temporary directory per test program ---- */

/* Every level agrees with the scalar reader on these bytes, in each encoding mode, and
 * read in two parts at a line start near the middle; on a difference, both transcripts
 * are printed. */
static void expect_same_rows(const void *data, size_t n)
{
    static const struct {
        jz_encoding enc;
        bool split;
    } ways[] = { { JZ_ENC_AUTO, false }, { JZ_ENC_UTF8, false }, { JZ_ENC_GB18030, false }, { JZ_ENC_UTF8, true } };
    for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
        unsigned long long split = ways[w].split ? sd_split_point(data, n) : 0;
        if (ways[w].split && !split)
            continue;
        sd_buf ref = { 0 }, got = { 0 };
        jz_simd_level_t bad;
        bool same = sd_same(data, n, ways[w].enc, split, &ref, &got, &bad);
        if (!same)
            print_message("level %s differs on %zu bytes (%s%s):\n--- scalar\n%s--- %s\n%s",
                          jz_simd_level_name(bad), n, jz_encoding_name(ways[w].enc), split ? ", split" : "",
                          ref.s, jz_simd_level_name(bad), got.s);
        free(ref.s);
        free(got.s);
        assert_true(same);
    }
}

static void expect_same_utf8(const unsigned char *s, size_t n)
{
    if (!sd_utf8_same(s, n)) {
        print_message("UTF-8 check differs on %zu bytes:", n);
        for (size_t i = 0; i < n; i++)
            print_message(" %02x", s[i]);
        print_message("\n");
        fail();
    }
}

/* ---- kernels ---- */

static void masks_mark_each_quote_comma_and_line_feed(void **state)
{
    (void)state;
    jz_simd_level_t cpu = jz_simd_set_level(JZ_SIMD_BEST);
    static const char alphabet[] = "\",\n\r a\x80\xff";
    static char text[JZ_CSV_INDEX_BYTES];
    static jz_csv_masks want[JZ_CSV_INDEX_BLOCKS];
    for (int t = 0; t < 200; t++) {
        size_t n = t < 2 ? (size_t)t * JZ_CSV_INDEX_BYTES / 2 : below(JZ_CSV_INDEX_BYTES + 1);
        memset(want, 0, sizeof want);
        for (size_t i = 0; i < n; i++) {
            text[i] = alphabet[below(sizeof alphabet - 1)];
            want[i / 64].quote |= (uint64_t)(text[i] == '"') << i % 64;
            want[i / 64].comma |= (uint64_t)(text[i] == ',') << i % 64;
            want[i / 64].lf |= (uint64_t)(text[i] == '\n') << i % 64;
        }
        for (size_t i = n; i < sizeof text; i++)
            text[i] = '"';  /* past the end: never marked */
        for (jz_simd_level_t lv = JZ_SIMD_SSE2; lv <= cpu; lv++) {
            jz_simd_set_level(lv);
            jz_csv_masks got[JZ_CSV_INDEX_BLOCKS];
            jz_simd_csv_index(text, n, got);
            for (size_t k = 0; k < (n + 63) / 64; k++)
                assert_true(got[k].quote == want[k].quote && got[k].comma == want[k].comma &&
                            got[k].lf == want[k].lf);
        }
    }
    jz_simd_set_level(cpu);
}

static void prefix_xor_marks_what_lies_between_quotes(void **state)
{
    (void)state;
    /* Quotes at 2 and 5: bits 2, 3 and 4 are inside (the closing quote is not). */
    assert_true(jz_prefix_xor(0x24) == 0x1C);
    assert_true(jz_prefix_xor(0) == 0);
    assert_true(jz_prefix_xor(1) == ~0ull);
    assert_true(jz_prefix_xor(1ull << 63) == 1ull << 63);
    for (int t = 0; t < 1000; t++) {
        uint64_t x = rnd() & rnd(), want = 0;
        int in = 0;
        for (int i = 0; i < 64; i++) {
            in ^= (int)(x >> i & 1);
            want |= (uint64_t)in << i;
        }
        assert_true(jz_prefix_xor(x) == want);
    }
}

/* ---- UTF-8 ---- */

/* Valid and invalid sequences; the invalid ones with the prefix length the scalar check
 * gives on them alone (computed by hand from RFC 3629's table). */
static const struct {
    const char *s;
    size_t valid;     /* bytes of s that are valid */
    bool incomplete;  /* the rest is only a truncated sequence */
} seqs[] = {
    { "\xC2\x80", 2, false },           { "\xDF\xBF", 2, false },          { "\xE0\xA0\x80", 3, false },
    { "\xE4\xB8\xAD", 3, false },       { "\xED\x9F\xBF", 3, false },      { "\xEE\x80\x80", 3, false },
    { "\xEF\xBF\xBF", 3, false },       { "\xF0\x90\x80\x80", 4, false },  { "\xF4\x8F\xBF\xBF", 4, false },
    { "\xF3\xBF\xBF\xBF", 4, false },
    /* truncated */
    { "\xC2", 0, true },                { "\xE4", 0, true },               { "\xE4\xB8", 0, true },
    { "\xF0", 0, true },                { "\xF0\x90", 0, true },           { "\xF0\x90\x80", 0, true },
    { "\xF4\x8F\xBF", 0, true },
    /* overlong */
    { "\xC0\x80", 0, false },           { "\xC1\xBF", 0, false },          { "\xE0\x80\x80", 0, false },
    { "\xE0\x9F\xBF", 0, false },       { "\xF0\x80\x80\x80", 0, false },  { "\xF0\x8F\xBF\xBF", 0, false },
    /* surrogates */
    { "\xED\xA0\x80", 0, false },       { "\xED\xBF\xBF", 0, false },
    /* past U+10FFFF */
    { "\xF4\x90\x80\x80", 0, false },   { "\xF5\x80\x80\x80", 0, false },  { "\xF7\xBF\xBF\xBF", 0, false },
    { "\xF8\x88\x80\x80\x80", 0, false },
    /* stray bytes */
    { "\x80", 0, false },               { "\xBF", 0, false },              { "\xFE", 0, false },
    { "\xFF", 0, false },               { "\xC2\x41", 0, false },          { "\xE4\xB8\x41", 0, false },
    { "\xC2\x80\x80", 2, false },       { "\xF0\x90\x80\x80\x80", 4, false },
};

static void utf8_sequences_alone_are_judged_as_by_hand(void **state)
{
    (void)state;
    jz_simd_level_t cpu = jz_simd_set_level(JZ_SIMD_BEST);
    for (size_t k = 0; k < sizeof seqs / sizeof *seqs; k++) {
        size_t n = strlen(seqs[k].s);
        for (jz_simd_level_t l = JZ_SIMD_SCALAR; l <= cpu; l++) {
            jz_simd_set_level(l);
            bool inc;
            assert_int_equal(jz_utf8_valid_prefix((const unsigned char *)seqs[k].s, n, &inc), seqs[k].valid);
            assert_int_equal(inc, seqs[k].incomplete);
        }
    }
    jz_simd_set_level(cpu);
}

/* Each sequence at every offset 0..100 of ASCII or of Chinese text, followed by more text
 * or cut off at the end: the answer moves with it, across every block edge. */
static void utf8_sequences_at_every_block_edge_agree_with_the_scalar_check(void **state)
{
    (void)state;
    unsigned char buf[256];
    static const char *const fill[] = { "abcdefgh", "\xE4\xB8\xAD\xE6\x96\x87", "a\xC3\xA9\xF0\x9F\x98\x80" };
    for (size_t f = 0; f < 3; f++)
        for (size_t k = 0; k < sizeof seqs / sizeof *seqs; k++)
            for (size_t at = 0; at <= 100; at++) {
                size_t n = 0, fl = strlen(fill[f]);
                for (; n < at; n++)
                    buf[n] = (unsigned char)fill[f][n % fl];
                size_t sl = strlen(seqs[k].s);
                memcpy(buf + n, seqs[k].s, sl);
                n += sl;
                expect_same_utf8(buf, n);  /* cut off after it */
                for (size_t i = 0; i < 100; i++)
                    buf[n++] = (unsigned char)"0123456789"[i % 10];
                expect_same_utf8(buf, n);
            }
}

static void utf8_random_bytes_agree_with_the_scalar_check(void **state)
{
    (void)state;
    /* Mostly valid text with now and then a byte of any value, so errors fall anywhere. */
    static const char *const pieces[] = { "a", "0", ",", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80",
                                          "\xED\x9F\xBF", "\xEF\xBF\xBD", "\xF4\x8F\xBF\xBF" };
    unsigned char buf[600];
    for (int t = 0; t < 4000; t++) {
        size_t n = 0, want = below(500);
        while (n < want) {
            if (below(40) == 0) {
                buf[n++] = (unsigned char)below(256);
            } else {
                const char *p = pieces[below(sizeof pieces / sizeof *pieces)];
                memcpy(buf + n, p, strlen(p));
                n += strlen(p);
            }
        }
        expect_same_utf8(buf, n);
    }
}

/* ---- the CSV reader ---- */

static void quoted_rows_take_the_vector_path_with_libcsv_fields(void **state)
{
    (void)state;
    if (jz_simd_set_level(JZ_SIMD_BEST) == JZ_SIMD_SCALAR)
        skip();
    /* Fields as RFC 4180 reads them: the CR before a quoted line feed goes, as the
     * line-by-line path drops it. */
    const char csv[] = "h1,h2,h3\r\na,\"b,\"\"c\"\"\r\nd\",e\r\n\"\",x,\"\"\"\"\n";
    jz_error err;
    jz_csv *r = jz_csv_open_mem("in.csv", csv, sizeof csv - 1, JZ_ENC_AUTO, NULL, &err);  /* from memory */
    assert_non_null(r);
    jz_row row;
    assert_int_equal(jz_csv_next(r, &row, &err), 1);
    assert_int_equal(jz_csv_next(r, &row, &err), 1);
    assert_int_equal(row.line, 2);
    assert_int_equal(row.nfields, 3);
    assert_string_equal(row.fields[0], "a");
    assert_string_equal(row.fields[1], "b,\"c\"\nd");
    assert_int_equal(row.lens[1], 7);  /* b , " c " LF d */
    assert_string_equal(row.fields[2], "e");
    assert_int_equal(jz_csv_next(r, &row, &err), 1);
    assert_int_equal(row.line, 4);
    assert_string_equal(row.fields[0], "");
    assert_string_equal(row.fields[1], "x");
    assert_string_equal(row.fields[2], "\"");
    assert_int_equal(jz_csv_next(r, &row, &err), 0);
    assert_int_equal(jz_csv_vector_rows(r), 3);
    jz_csv_close(r);
    expect_same_rows(csv, sizeof csv - 1);
}

/* Rows built so a quote, a comma, a CR or a line feed falls on each byte 28..36 and
 * 58..68 (the 32- and 64-byte block edges), quoted fields spanning the edge, CRLF split
 * across it. */
static void structure_at_block_edges_reads_as_the_scalar_reader_reads_it(void **state)
{
    (void)state;
    static const char *const tails[] = {
        "\"q\",b\n", "\"q,\"\"x\"\"\",b\r\n", ",\n", "\r\n", "\"a\r\nb\",c\r\n", "\"open\n", "x\"y,z\n",
        "\"a\"b,c\n", "\"\"\n", ",\"\",\r\n", "\r\r\n", "\"a\"\"\n\"\"b\"\n", "\xE4\xB8\xAD,\"\xE4\xB8\xAD\"\n",
        "\xE4\xB8\n", "\xFF,x\n", "a\r", "\"a\n\nb\"\n\n\n",
    };
    char buf[512];
    for (size_t t = 0; t < sizeof tails / sizeof *tails; t++)
        for (size_t lead = 0; lead < 2; lead++)
            for (size_t at = 28; at <= 68; at = at == 36 ? 58 : at + 1) {
                size_t n = 0;
                if (lead)  /* a header line first, so the edge row is not the first */
                    n += (size_t)snprintf(buf, sizeof buf, "h1,h2\n");
                size_t start = n;
                for (; n - start < at; n++)
                    buf[n] = (n - start) % 7 == 6 ? ',' : 'a';
                size_t tl = strlen(tails[t]);
                memcpy(buf + n, tails[t], tl);
                n += tl;
                n += (size_t)snprintf(buf + n, sizeof buf - n, "z,\"y\"\nlast,row\n");
                expect_same_rows(buf, n);
                expect_same_rows(buf, n - 1);  /* no line feed at the end */
            }
}

static void random_csv_reads_as_the_scalar_reader_reads_it(void **state)
{
    (void)state;
    static const char *const pieces[] = { "a", "b", "1", ",", ",", "\"", "\"", "\"\"", "\n", "\r\n", "\r",
                                          " ", "\xE4\xB8\xAD", "\xC3\xA9", "\"x,y\"", "\"p\nq\"", "\xFF",
                                          "\xE4\xB8", "" };
    char buf[1200];
    for (int t = 0; t < 2000; t++) {
        size_t n = 0, want = below(1000);
        size_t np = sizeof pieces / sizeof *pieces - (below(20) ? 3 : 0);  /* mostly valid UTF-8 */
        while (n < want) {
            const char *p = pieces[below(np)];
            if (below(400) == 0)
                p = "\0";
            size_t pl = *p ? strlen(p) : 1;
            memcpy(buf + n, p, pl);
            n += pl;
        }
        expect_same_rows(buf, n);
    }
}

/* Well-formed files bigger than the 1 MiB buffer: rows, quoted or not, cut by a refill. */
static void rows_across_buffer_refills_read_as_the_scalar_reader_reads_them(void **state)
{
    (void)state;
    size_t cap = 3u << 20, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    n += (size_t)snprintf(buf, cap, "id,name,note\r\n");
    for (long i = 0; n + 200 < cap - (1u << 20) / 3; i++) {
        switch (i % 5) {
        case 0: n += (size_t)snprintf(buf + n, cap - n, "%ld,\xE5\xBC\xA0\xE4\xB8\x89,plain\r\n", i); break;
        case 1: n += (size_t)snprintf(buf + n, cap - n, "%ld,\"a, b\",\"say \"\"hi\"\"\"\r\n", i); break;
        case 2: n += (size_t)snprintf(buf + n, cap - n, "%ld,\"two\r\nlines\",x\r\n", i); break;
        case 3: n += (size_t)snprintf(buf + n, cap - n, "\r\n%ld,,\r\n", i); break;
        default: n += (size_t)snprintf(buf + n, cap - n, "%ld,%*s,y\n", i, (int)(i % 97), ""); break;
        }
    }
    expect_same_rows(buf, n);
    buf[n / 2] = '"';  /* a stray quote somewhere in the middle */
    expect_same_rows(buf, n);
    free(buf);
}

/* ---- MinHash by mixing ---- */

static uint64_t ref_mix(uint64_t x) /* splitmix64's finaliser, written out again */
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static void minhash_kernel_gives_the_reference_result_at_every_level(void **state)
{
    (void)state;
    jz_simd_level_t cpu = jz_simd_set_level(JZ_SIMD_BEST);
    /* splitmix64 seeded 0: its first output is 0xe220a8397b1dcdaf (published). */
    uint64_t key0 = 0x9e3779b97f4a7c15ULL, h0 = 0;
    for (int l = JZ_SIMD_SCALAR; l <= (int)cpu; l++) {
        jz_simd_set_level((jz_simd_level_t)l);
        uint32_t sig[2] = {UINT32_MAX, UINT32_MAX};
        jz_simd_minhash_add(sig, 2, &key0, &h0, 1);
        assert_int_equal(sig[0], 0xe220a839u);
        assert_int_equal(sig[1], 0x7b1dcdafu);
    }
    static uint64_t keys[512], h[300];
    static uint32_t init[1024], got[1024], want[1024];
    uint64_t x = 12345;
    for (int round = 0; round < 400; round++) {
        x = ref_mix(x + 1);
        size_t k = 1 + (size_t)(x % 1024);
        size_t nh = (size_t)((x >> 20) % 300);
        if (round < 40)
            k = (size_t)round + 1;      /* every small k: the tails of the vector loop */
        for (size_t p = 0; p < (k + 1) / 2; p++)
            keys[p] = ref_mix(x ^ (p * 7919));
        for (size_t j = 0; j < nh; j++)
            h[j] = ref_mix(x + j * 31);
        for (size_t i = 0; i < k; i++)
            init[i] = round % 3 == 0 ? UINT32_MAX : (uint32_t)ref_mix(x * 3 + i);
        memcpy(want, init, k * sizeof *want);
        for (size_t j = 0; j < nh; j++)
            for (size_t i = 0; i < k; i += 2) {
                uint64_t m = ref_mix(h[j] ^ keys[i / 2]);
                if ((uint32_t)(m >> 32) < want[i])
                    want[i] = (uint32_t)(m >> 32);
                if (i + 1 < k && (uint32_t)m < want[i + 1])
                    want[i + 1] = (uint32_t)m;
            }
        for (int l = JZ_SIMD_SCALAR; l <= (int)cpu; l++) {
            jz_simd_set_level((jz_simd_level_t)l);
            memcpy(got, init, k * sizeof *got);
            got[k < 1024 ? k : 1023] = k < 1024 ? 0xdeadbeefu : got[1023];
            jz_simd_minhash_add(got, k, keys, h, nh);
            assert_memory_equal(got, want, k * sizeof *got);
            if (k < 1024)
                assert_int_equal(got[k], 0xdeadbeefu);   /* nothing written past k */
        }
    }
    jz_simd_set_level(cpu);
}

/* jz_simd_equal_bytes at every level against a byte loop written here: lengths 0..300
 * (every tail of the 16- and 32-byte loops), arrays equal in none, some, or all places,
 * unaligned starts. */
static void equal_bytes_count_as_a_byte_loop_counts(void **state)
{
    (void)state;
    jz_simd_level_t cpu = jz_simd_set_level(JZ_SIMD_BEST);
    static uint8_t a[320], b[320];
    uint64_t x = 777;
    for (int round = 0; round < 2000; round++) {
        x = ref_mix(x + 1);
        size_t n = round < 301 ? (size_t)round : (size_t)(x % 301);
        size_t off = (size_t)(x >> 40) % 16;
        int density = (int)((x >> 20) % 4);  /* 0 none equal, 1 a quarter, 2 half, 3 all */
        size_t want = 0;
        for (size_t i = 0; i < n; i++) {
            uint64_t r = ref_mix(x ^ (i * 131));
            a[off + i] = (uint8_t)r;
            bool same = density == 3 || (density == 1 && (r >> 8) % 4 == 0) || (density == 2 && (r >> 8) % 2);
            b[off + i] = same ? (uint8_t)r : (uint8_t)(r + 1 + (r >> 16) % 255);
            want += a[off + i] == b[off + i];
        }
        for (int l = JZ_SIMD_SCALAR; l <= (int)cpu; l++) {
            jz_simd_set_level((jz_simd_level_t)l);
            assert_int_equal(jz_simd_equal_bytes(a + off, b + off, n), want);
        }
        if (density == 3)
            assert_int_equal(want, n);
        if (density == 0)
            assert_int_equal(want, 0);
    }
    jz_simd_set_level(cpu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(masks_mark_each_quote_comma_and_line_feed),
        cmocka_unit_test(equal_bytes_count_as_a_byte_loop_counts),
        cmocka_unit_test(prefix_xor_marks_what_lies_between_quotes),
        cmocka_unit_test(utf8_sequences_alone_are_judged_as_by_hand),
        cmocka_unit_test(utf8_sequences_at_every_block_edge_agree_with_the_scalar_check),
        cmocka_unit_test(utf8_random_bytes_agree_with_the_scalar_check),
        cmocka_unit_test(quoted_rows_take_the_vector_path_with_libcsv_fields),
        cmocka_unit_test(structure_at_block_edges_reads_as_the_scalar_reader_reads_it),
        cmocka_unit_test(random_csv_reads_as_the_scalar_reader_reads_it),
        cmocka_unit_test(rows_across_buffer_refills_read_as_the_scalar_reader_reads_them),
        cmocka_unit_test(minhash_kernel_gives_the_reference_result_at_every_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
