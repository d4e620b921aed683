/* fuzz_verify.c — libFuzzer harness for jz-verify's input: the draw loader (csv or json),
 * the verification-file loader, the estimates and every writer. An input is split at its
 * first "\n--\n": the part before is the draw, the part after the verification file (no
 * separator: the same bytes are both). Built and run by tests/fuzz/run.sh. Diagnostics
 * are formatted and dropped; the output goes to an in-memory stream. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/verify.h"
#include "jz/verify_load.h"
#include "jz/verify_write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char paths[2][256];

static void remove_inputs(void)
{
    for (int i = 0; i < 2; i++)
        if (paths[i][0])
            unlink(paths[i]);
}

static const char *input_path(int i)
{
    if (paths[i][0])
        return paths[i];
    const char *dir = getenv("TMPDIR");
    snprintf(paths[i], sizeof paths[i], "%s/jz-fuzz-verify-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(paths[i]);
    if (fd < 0) {
        perror("mkstemp");
        abort();
    }
    close(fd);
    if (i == 1)
        atexit(remove_inputs);
    return paths[i];
}

static void put(int i, const uint8_t *data, size_t size)
{
    FILE *fp = fopen(input_path(i), "wb");
    if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp)) {
        perror("write");
        abort();
    }
}

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
    input_path(0), input_path(1);
    put(0, data, sep ? (size_t)(sep - data) : size);
    if (sep)
        put(1, sep + 4, size - (size_t)(sep + 4 - data));
    else
        put(1, data, size);
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
    return 0;
}
