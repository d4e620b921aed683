/* fuzz_tmp.h — the private directory a harness writes what must be a file into (inputs
 * are read from memory, rowsrc.h named buffers, but for an .xls, which FreeXL opens by
 * name; and the workbooks jz-report writes to a path): DIR/NAME, with DIR made once per
 * process under $TMPDIR and the files named removed at exit. Only a crash leaves them (libFuzzer may _Exit past atexit). */
#ifndef FUZZ_TMP_H
#define FUZZ_TMP_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/diag.h"

enum { FUZZ_TMP_FILES = 8 };
static char fuzz_dir[256];
static char fuzz_paths[FUZZ_TMP_FILES][320];

__attribute__((unused)) static void fuzz_tmp_clean(void)
{
    for (int i = 0; i < FUZZ_TMP_FILES; i++)
        if (fuzz_paths[i][0])
            unlink(fuzz_paths[i]);
    if (fuzz_dir[0])
        rmdir(fuzz_dir);
}

/* The path of file slot k (0..7) named name, in the harness's directory. */
__attribute__((unused)) static const char *fuzz_tmp(int k, const char *name)
{
    if (!fuzz_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/jz-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(fuzz_dir)) {
            perror("mkdtemp");
            abort();
        }
        atexit(fuzz_tmp_clean);
    }
    snprintf(fuzz_paths[k], sizeof fuzz_paths[k], "%s/%s", fuzz_dir, name);
    return fuzz_paths[k];
}

/* Write data to file slot k named name; abort when that fails (no fuzzing without it). */
__attribute__((unused)) static const char *fuzz_write(int k, const char *name, const uint8_t *data, size_t size)
{
    const char *p = fuzz_tmp(k, name);
    FILE *fp = fopen(p, "wb");
    if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0)
        abort();
    return p;
}

/* A diag sink that reads every string of a message (a dangling one shows under ASan). */
__attribute__((unused)) static void fuzz_drop(void *ctx, const jz_diag_msg *m)
{
    (void)ctx;
    volatile size_t n = strlen(m->file) + strlen(m->column) + strlen(m->code) + strlen(m->message);
    (void)n;
}

#endif
