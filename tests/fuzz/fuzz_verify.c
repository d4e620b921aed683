/* fuzz_verify.c — libFuzzer harness for jz-verify's input: the draw loader (csv or json),
 * the verification-file loader, the estimates and every writer. An input is split at its
 * first "\n--\n": the part before is the draw, the part after the verification file (no
 * separator: the same bytes are both), each read from memory under a name (draw.csv,
 * verification.csv: rowsrc.h named buffers). Built and run by tests/fuzz/run.sh. Diagnostics
 * are formatted and dropped; the output goes to an in-memory stream. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/rowsrc.h"
#include "jz/verify.h"
#include "jz/verify_load.h"
#include "jz/verify_write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The draw and the verification file, read from memory under these names (rowsrc.h). */
static const char *const paths[2] = {"draw.csv", "verification.csv"};

static void drop(void *ctx, const jz_diag_msg *m)
{
    (void)ctx;
    volatile size_t n = strlen(m->file) + strlen(m->column) + strlen(m->code) + strlen(m->message);
    (void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *sep = NULL;
    for (size_t i = 0; i + 4 <= size && !sep; i++)
        if (memcmp(data + i, "\n--\n", 4) == 0)
            sep = data + i;
    jz_rowsrc_mem_add(paths[0], data, sep ? (size_t)(sep - data) : size);
    if (sep)
        jz_rowsrc_mem_add(paths[1], sep + 4, size - (size_t)(sep + 4 - data));
    else
        jz_rowsrc_mem_add(paths[1], data, size);
    jz_diag diag;
    jz_diag_init(&diag, drop, NULL);
    jz_vdraw d;
    jz_error err;
    if (jz_vdraw_load(&d, paths[0], JZ_ENC_AUTO, &diag, &err) == JZ_OK) {
        long rows;
        if (jz_vdraw_findings_load(&d, paths[1], JZ_ENC_AUTO, &diag, &rows, &err) == JZ_OK) {
            jz_vrules rules = {0.9, 1.1, 0.95, 0.9, "fuzz", 99};
            jz_vreport r;
            jz_verify_estimate(&d, &rules, &r);
            static const char *const formats[] = {"text", "csv", "json"};
            const char *files[] = {paths[1]};
            jz_vmeta m = {files, 1, rows, "jz-verify fuzz"};
            for (int f = 0; f < 3; f++) {
                char *buf = NULL;
                size_t len = 0;
                FILE *fp = open_memstream(&buf, &len);
                if (fp) {
                    jz_verify_doc doc = {&d, &r, &rules, &m};
                    jz_writer_find(jz_verify_writers, formats[f])->write_to_file(fp, &doc);
                    fclose(fp);
                }
                free(buf);
            }
            jz_vreport_free(&r);
        }
    }
    jz_vdraw_free(&d);
    jz_rowsrc_mem_clear();
    return 0;
}
