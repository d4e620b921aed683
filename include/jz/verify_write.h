/* verify_write.h — jz-verify's figures as text, csv or json ("jiazong-verify/1"), and the
 * sample size of jz-verify plan; the formats are documented in jz-verify(1).
 *
 * Promise: one writer per format behind one table ({name, write}); the same inputs give
 * the same bytes (fixed decimals, no clock, no locale). Writers only write to the FILE
 * given; checking it for errors is the caller's.
 */
#ifndef JZ_VERIFY_WRITE_H
#define JZ_VERIFY_WRITE_H

#include <stdio.h>

#include "jz/verify.h"

/* What a run read, for the heading. */
typedef struct jz_vmeta {
    const char *const *findings;  /* the verification files, as given */
    size_t nfindings;
    long rows;                    /* their rows */
    const char *tool;             /* "jz-verify 0.1.0" */
} jz_vmeta;

typedef void (*jz_verify_write_fn)(FILE *fp, const jz_vdraw *d, const jz_vreport *r, const jz_vrules *rules,
                                   const jz_vmeta *m);

/* The writer of format name ("text", "csv", "json"), or NULL. */
jz_verify_write_fn jz_verify_writer(const char *name);

/* What plan was asked and what it gives. */
typedef struct jz_vplan_ask {
    double rate, precision, confidence;
    long population;              /* <= 0: not given */
} jz_vplan_ask;

/* Write the plan in format name ("text", "csv", "json"); false for another name. */
bool jz_verify_plan_write(FILE *fp, const char *name, const jz_vplan_ask *a, const jz_vplan *p, const char *tool);

#endif
