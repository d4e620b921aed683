/* verify_write.h — jz-verify's figures as text, csv or json ("jiazong-verify/1"), and the
 * sample size of jz-verify plan; the formats are documented in jz-verify(1).
 *
 * Promise: one writer per format behind one table per result kind (writer.h); the same inputs give
 * the same bytes (fixed decimals, no clock, no locale). Writers only write to the FILE
 * given; checking it for errors is the caller's.
 */
#ifndef JZ_VERIFY_WRITE_H
#define JZ_VERIFY_WRITE_H

#include <stdio.h>

#include "jz/verify.h"
#include "jz/writer.h"

/* What a run read, for the heading. */
typedef struct jz_vmeta {
    const char *const *findings;  /* the verification files, as given */
    size_t nfindings;
    long rows;                    /* their rows */
    const char *tool;             /* "jz-verify 0.1.0" */
} jz_vmeta;

/* What the figures' writers write. */
typedef struct jz_verify_doc {
    const jz_vdraw *draw;
    const jz_vreport *report;
    const jz_vrules *rules;
    const jz_vmeta *meta;
} jz_verify_doc;

/* The formats of the figures, doc a jz_verify_doc: "text", "csv", "json". */
extern const jz_writer jz_verify_writers[];

/* What plan was asked and what it gives. */
typedef struct jz_vplan_ask {
    double rate, precision, confidence;
    long population;              /* <= 0: not given */
} jz_vplan_ask;

typedef struct jz_verify_plan_doc {
    const jz_vplan_ask *ask;
    const jz_vplan *plan;
    const char *tool;             /* "jz-verify 0.1.0", for json */
} jz_verify_plan_doc;

/* The formats of the plan, doc a jz_verify_plan_doc: "text", "csv", "json". */
extern const jz_writer jz_verify_plan_writers[];

#endif
