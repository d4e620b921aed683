/* fuzz_sample.c — libFuzzer harness for jz-sample's two list readers on the same bytes:
 * the teams file (--teams: centre, team) and the exclusion file (--exclude: one id a line,
 * or a CSV with a client or activity column and optionally a centre column), each read
 * from memory (a buffer registered as list.csv, rowsrc.h); then a draw from a small
 * population with the exclusions applied, and the teams looked up. Built and run by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/diag.h"
#include "jz/rng.h"
#include "jz/rowsrc.h"
#include "jz/sample.h"

#include "fuzz_tmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const centres[] = {"PY-SQ", "HZ-NZ", "C1", ""};

static void teams(const char *path, jz_encoding enc)
{
    jz_diag diag;
    jz_diag_init(&diag, fuzz_drop, NULL);
    jz_error err;
    jz_teams *t = jz_teams_new();
    if (jz_teams_load(t, path, enc, &diag, &err) == JZ_OK) {
        volatile size_t n = 0;
        for (size_t i = 0; i < sizeof centres / sizeof centres[0]; i++) {
            const char *team = jz_teams_of(t, centres[i]);
            n += team ? strlen(team) : 0;
        }
        (void)n;
    }
    jz_teams_free(t);
}

static void exclude(const char *path, jz_sample_what what, jz_encoding enc)
{
    jz_sample_spec spec = {what, JZ_BY_KIND, 0, 0, INT32_MIN, INT32_MAX, NULL, 0};
    jz_sample_pop *p = jz_sample_pop_new(&spec);
    for (int i = 0; i < 40; i++) {
        char id[32];
        snprintf(id, sizeof id, "%s-C%04d", i % 2 ? "SQ" : "NZ", i % 17);
        jz_sample_pop_add_record(p, centres[i % 3], id, i % 3 ? "case" : NULL, 19000 + i, 0, i + 2);
    }
    jz_diag diag;
    jz_diag_init(&diag, fuzz_drop, NULL);
    jz_error err;
    long count = 0;
    if (jz_sample_exclude_load(p, path, enc, &diag, &count, &err) == JZ_OK) {
        jz_rng rng;
        uint8_t digest[32];
        jz_rng_init_seed(&rng, "fuzz", 4, digest);
        jz_sample_result res;
        jz_sample_draw(p, &rng, (jz_sample_size){count % 2 == 0, 5}, &res);
        volatile size_t n = 0;
        for (size_t i = 0; i < res.nitems; i++)
            n += strlen(res.items[i].id) + strlen(res.items[i].centre);
        (void)n;
        jz_sample_result_free(&res);
    }
    jz_sample_pop_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = "list.csv";
    jz_rowsrc_mem_add(path, data, size);  /* read from memory by name (rowsrc.h) */
    jz_encoding enc = size % 3 == 0 ? JZ_ENC_AUTO : size % 3 == 1 ? JZ_ENC_UTF8 : JZ_ENC_GB18030;
    teams(path, enc);
    exclude(path, JZ_SAMPLE_CLIENTS, enc);
    exclude(path, JZ_SAMPLE_ACTIVITIES, JZ_ENC_AUTO);
    jz_rowsrc_mem_remove(path);
    return 0;
}
