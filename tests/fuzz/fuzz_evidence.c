/* fuzz_evidence.c — libFuzzer harness for the evidence reader of jz-report --evidence:
 * the input is one evidence file (as jz-score --evidence writes: indicator, centre, file,
 * line, record_id), streamed into the Evidence sheet of a workbook made from a fixed
 * result, tests/fuzz/result-mini.json (read from the working directory, the repository
 * root, at start-up). The evidence is read from memory (a buffer registered as
 * evidence.csv, rowsrc.h); the workbook still goes to a temporary file: libxlsxwriter
 * 1.1.4, the installed one, writes to a path only (output_buffer came with 1.1.5).
 * Built and run by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/diag.h"
#include "jz/report.h"
#include "jz/result.h"
#include "jz/rowsrc.h"

#include "fuzz_tmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jz_results res;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jz_error err;
    if (!loaded) {
        if (jz_results_load(&res, "tests/fuzz/result-mini.json", &err) != JZ_OK) {
            fprintf(stderr, "fuzz_evidence: %s: %s\n", err.file, err.msg);
            abort();
        }
        loaded = 1;
    }
    const char *ev = "evidence.csv";
    jz_rowsrc_mem_add(ev, data, size);  /* the evidence read from memory by name (rowsrc.h) */
    const char *const files[2] = {ev, ev};
    /* an even-sized input is given twice: the second file's rows follow the first's */
    jz_report_opts o = {NULL, 0, false, false, files, size % 2 ? 1 : 2};
    const char *xlsx = fuzz_tmp(1, "report.xlsx");
    jz_report_doc doc = {&res, &o};
    jz_report_xlsx(xlsx, &doc, &err);
    unlink(xlsx);
    jz_rowsrc_mem_remove(ev);
    return 0;
}
