/* fuzz_csv.c — libFuzzer harness for the CSV input layer: the reader (csvin), header
 * detection and mapping, field parsing (schema), the roster and contract loaders and the
 * record validator, all fed the same bytes from memory: a buffer registered under the name
 * records.csv (rowsrc.h), which every loader opens by name.
 * Built and run by tests/fuzz/run.sh. Diagnostics are formatted (so their printf
 * arguments are exercised) and dropped. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/contract.h"
#include "jz/roster.h"
#include "jz/rowsrc.h"
#include "jz/table.h"
#include "jz/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drop(void *ctx, const jz_diag_msg *m)
{
    (void)ctx;
    /* Touch every string so a dangling pointer shows up under ASan. */
    volatile size_t n = strlen(m->file) + strlen(m->column) + strlen(m->code) + strlen(m->message);
    (void)n;
}

/* Read every field of every row, as a tool would. */
static int on_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    size_t *sum = ctx;
    (void)nerr;
    for (size_t i = 0; i < row->nfields; i++)
        *sum += row->lens[i] + (row->lens[i] ? (unsigned char)row->fields[i][row->lens[i] - 1] : 0);
    for (size_t c = 0; c < h->schema->ncols; c++)
        *sum += f[c].n + (f[c].ok ? 1 : 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = "records.csv";
    jz_rowsrc_mem_add(p, data, size);

    jz_diag diag;
    jz_diag_init(&diag, drop, NULL);
    jz_table_info info;
    jz_error err;
    size_t sum = 0;

    /* The reader with type detection, in each encoding mode. */
    jz_table_read(p, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &diag, on_row, &sum, &info, &err);
    jz_table_read(p, JZ_FILE_UNKNOWN, JZ_ENC_UTF8, &diag, on_row, &sum, &info, &err);
    jz_table_read(p, JZ_FILE_RECORDS, JZ_ENC_GB18030, &diag, on_row, &sum, &info, &err);
    (void)jz_table_peek(p, JZ_ENC_AUTO);

    /* The same bytes as a roster and as contracts, then as records checked against them. */
    jz_roster roster;
    jz_contracts contracts;
    jz_roster_init(&roster);
    jz_contracts_init(&contracts);
    jz_roster_load(&roster, p, JZ_ENC_AUTO, &diag, &info, &err);
    jz_contracts_load(&contracts, p, JZ_ENC_AUTO, &diag, &info, &err);

    jz_validate_opts opts = {720, 15};
    jz_validator *v = jz_validator_new(&opts, &roster, &contracts, &diag);
    jz_validator_file(v, p, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &info, &err);
    jz_validator_file(v, p, JZ_FILE_RECORDS, JZ_ENC_AUTO, &info, &err);  /* state carried over */
    jz_validator_free(v);

    jz_roster_free(&roster);
    jz_contracts_free(&contracts);
    jz_rowsrc_mem_remove(p);
    return 0;
}
