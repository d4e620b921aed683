/* scan_diff.h — differential reading, shared by tests/fuzz/fuzz_scan.c and
 * tests/unit/test_simd.c: one CSV file's bytes, held in memory (jz_csv_open_mem: read as
 * a file of them is), read with the vector paths (AVX2, SSE2) and with
 * the scalar reference (the byte-at-a-time splitter and libcsv for quoted rows), every
 * row, field, diagnostic and the final error written into a transcript; the transcripts
 * must be identical. The same for the UTF-8 check on a byte string. */
#ifndef SCAN_DIFF_H
#define SCAN_DIFF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/csvin.h"
#include "jz/simd.h"
#include "jz/text.h"

typedef struct sd_buf {
    char *s;
    size_t n, cap;
} sd_buf;

__attribute__((format(printf, 2, 3))) static void sd_printf(sd_buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0)
            abort();
        if (b->s && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        b->cap = (b->cap + (size_t)k + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
}

static void sd_put_bytes(sd_buf *b, const char *s, size_t n)
{
    sd_printf(b, "%zu:", n);
    for (size_t i = 0; i < n; i++)
        sd_printf(b, "%02x", (unsigned char)s[i]);
    sd_printf(b, "\n");
}

static void sd_diag(void *ctx, const jz_diag_msg *m)
{
    sd_printf(ctx, "diag %ld:%ld %s %s %s\n", m->line, m->col, jz_severity_name(m->sev), m->code,
              m->message);
}

/* Every row of r into out, then how it ended. */
static void sd_rows(jz_csv *r, sd_buf *out)
{
    jz_row row;
    jz_error err;
    jz_error_clear(&err);  /* jz_csv_next tells a read error from the end by err.code */
    int rc;
    while ((rc = jz_csv_next(r, &row, &err)) > 0) {
        sd_printf(out, "row %ld, %zu fields\n", row.line, row.nfields);
        for (size_t i = 0; i < row.nfields; i++) {
            if (strlen(row.fields[i]) != row.lens[i])
                sd_printf(out, "field %zu: not NUL-terminated at its length\n", i);
            sd_put_bytes(out, row.fields[i], row.lens[i]);
        }
    }
    sd_printf(out, "end %d", rc);
    if (rc < 0)
        sd_printf(out, " error %d %ld:%ld %s", (int)err.code, err.line, err.col, err.msg);
    sd_printf(out, " at byte %llu line %ld, split %s\n", jz_csv_offset(r), jz_csv_line(r),
              jz_csv_split_failed(r) ? "failed" : "fine");
}

/* The transcript of reading the n bytes at data (a file named in.csv) as enc at level
 * (which is left in use). With split > 0 (the offset of a line start, UTF-8 only), the
 * file is read in two parts as jz-hours reads it on two cores: up to the first row
 * boundary at or past split, then from split. */
static void sd_read(const void *data, size_t n, jz_encoding enc, unsigned long long split, jz_simd_level_t level,
                    sd_buf *out)
{
    jz_simd_set_level(level);
    out->n = 0;
    sd_printf(out, "%s", "");
    jz_diag diag;
    jz_diag_init(&diag, sd_diag, out);
    jz_error err;
    jz_csv *r = jz_csv_open_mem("in.csv", data, n, enc, &diag, &err);
    if (!r) {
        sd_printf(out, "open failed %d %ld:%ld %s\n", (int)err.code, err.line, err.col, err.msg);
        return;
    }
    sd_printf(out, "encoding %s (%s)\n", jz_encoding_name(jz_csv_encoding(r)), jz_csv_encoding_reason(r));
    if (split)
        jz_csv_stop_at(r, split);
    sd_rows(r, out);
    jz_csv_close(r);
    if (!split)
        return;
    if (!(r = jz_csv_open_mem_at("in.csv", data, n, enc, split, &diag, &err))) {
        sd_printf(out, "open at %llu failed %d %ld:%ld %s\n", split, (int)err.code, err.line, err.col, err.msg);
        return;
    }
    sd_rows(r, out);
    jz_csv_close(r);
}

/* Read the n bytes at data as enc (split as sd_read) with every level this CPU has; false
 * (with the two transcripts in *ref and *got and the level in *bad) at the first that
 * differs from the scalar one. */
static bool sd_same(const void *data, size_t n, jz_encoding enc, unsigned long long split, sd_buf *ref, sd_buf *got,
                    jz_simd_level_t *bad)
{
    jz_simd_level_t cpu = jz_simd_set_level(JZ_SIMD_BEST);
    sd_read(data, n, enc, split, JZ_SIMD_SCALAR, ref);
    for (jz_simd_level_t l = JZ_SIMD_SSE2; l <= cpu; l++) {
        sd_read(data, n, enc, split, l, got);
        if (got->n != ref->n || memcmp(got->s, ref->s, ref->n) != 0) {
            *bad = l;
            jz_simd_set_level(cpu);
            return false;
        }
    }
    jz_simd_set_level(cpu);
    return true;
}

/* A line start near the middle of s[0..n) for sd_read's split, or 0 when there is none. */
static unsigned long long sd_split_point(const char *s, size_t n)
{
    const char *nl = n > 1 ? memchr(s + n / 2, '\n', n - n / 2) : NULL;
    return nl && (size_t)(nl - s) + 1 < n ? (unsigned long long)(nl - s) + 1 : 0;
}

/* Whether jz_utf8_valid_prefix gives the scalar answer (length and incompleteness) for
 * s[0..n) at every level this CPU has. */
static bool sd_utf8_same(const unsigned char *s, size_t n)
{
    jz_simd_level_t cpu = jz_simd_set_level(JZ_SIMD_BEST);
    bool inc_ref, inc;
    size_t ref = jz_utf8_valid_prefix_scalar(s, n, &inc_ref);
    bool ok = true;
    for (jz_simd_level_t l = JZ_SIMD_SCALAR; l <= cpu && ok; l++) {
        jz_simd_set_level(l);
        ok = jz_utf8_valid_prefix(s, n, &inc) == ref && inc == inc_ref;
    }
    jz_simd_set_level(cpu);
    return ok;
}

#endif
