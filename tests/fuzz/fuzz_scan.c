/* fuzz_scan.c — libFuzzer harness for the vector paths: the CSV reader's vector splitter
 * and the vector UTF-8 check against their scalar references (scan_diff.h). The input is
 * read from memory (no temporary file), whole, with every level this CPU has, in each
 * encoding mode and in two parts split near the middle; any difference in rows, fields, diagnostics or the final error (its
 * line, field and message) aborts with both transcripts. Built and run by
 * tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "scan_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void differ(const char *what, jz_simd_level_t level, const sd_buf *ref, const sd_buf *got)
{
    fprintf(stderr, "fuzz_scan: %s: level %s differs from the scalar path\n--- scalar\n%.*s--- %s\n%.*s", what,
            jz_simd_level_name(level), (int)ref->n, ref->s, jz_simd_level_name(level), (int)got->n, got->s);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sd_utf8_same(data, size)) {
        fprintf(stderr, "fuzz_scan: the UTF-8 check differs from the scalar check\n");
        abort();
    }
    static sd_buf ref, got;
    jz_simd_level_t bad;
    static const jz_encoding encs[] = { JZ_ENC_AUTO, JZ_ENC_UTF8, JZ_ENC_GB18030 };
    for (size_t e = 0; e < sizeof encs / sizeof *encs; e++)
        if (!sd_same(data, size, encs[e], 0, &ref, &got, &bad))
            differ(jz_encoding_name(encs[e]), bad, &ref, &got);
    unsigned long long split = sd_split_point((const char *)data, size);
    if (split && !sd_same(data, size, JZ_ENC_UTF8, split, &ref, &got, &bad))
        differ("UTF-8 in two parts", bad, &ref, &got);
    return 0;
}
