/* fuzz_report.c — libFuzzer harness for the results loader (jz_results_load: jz-score's
 * and jz-hours' json) and every jz-report renderer on what it accepts: text (with and
 * without colour), md, csv (with and without BOM) and html into memory, xlsx into a
 * temporary file; with the bundled rules, so payment sentences are made. An odd-sized
 * input is loaded twice, as two result files, for the district roll-up. Built and run by
 * tests/fuzz/run.sh from the repository root. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/diag.h"
#include "jz/report.h"
#include "jz/result.h"
#include "jz/rules.h"

#include "fuzz_tmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jz_rules rules;
static int have_rules = -1;

static void render(const char *format, const jz_results *r, const jz_report_opts *o)
{
    jz_report_doc doc = {r, o};
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        abort();
    jz_writer_find(jz_report_writers, format)->write_to_file(m, &doc);
    fclose(m);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jz_error err;
    if (have_rules < 0)  /* once: the bundled rules, read from the working directory */
        have_rules = jz_rules_load(&rules, "rubrics/rules/guangzhou-hours.yaml", &err) == JZ_OK;
    const char *in = (const char *)data;
    jz_results r;
    memset(&r, 0, sizeof r);
    if (jz_results_load_buffer(&r, in, size, "result.json", &err) == JZ_OK &&
        (size % 2 == 0 || jz_results_load_buffer(&r, in, size, "result.json", &err) == JZ_OK)) {
        jz_report_opts o = {have_rules ? &rules : NULL, (int)(size % 6), size % 3 == 0, size % 5 == 0, NULL, 0};
        static const char *const fns[] = {"text", "md", "csv", "html"};
        for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
            render(fns[i], &r, &o);
        o.color = !o.color;
        render("text", &r, &o);
        const char *xlsx = fuzz_tmp(1, "report.xlsx");
        jz_report_doc doc = {&r, &o};
        jz_report_xlsx(xlsx, &doc, &err);
        unlink(xlsx);
    }
    jz_results_free(&r);
    return 0;
}
