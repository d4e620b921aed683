/* rubric_write.h — a rubric as a document people read (jz-rubric show) and the
 * differences between two rubrics (jz-rubric diff), as text, Markdown or CSV.
 *
 * Promise: deterministic bytes for the same rubrics (no time stamps, no locale, no file
 * hashes); the words are those of rubric_check.h. Text aligns columns by display width
 * (a Chinese character takes two), Markdown is GitHub-style tables with '|' escaped, CSV
 * quotes only where needed. One table of formats per result kind (writer.h). The writers
 * only write: the caller checks fp for errors.
 */
#ifndef JZ_RUBRIC_WRITE_H
#define JZ_RUBRIC_WRITE_H

#include <stdio.h>

#include "jz/rubric_check.h"
#include "jz/writer.h"

/* show, doc a jz_rubric: the header (scale, rounding, grades with their edges, N/A policy
 * and coverage, deductions, vetoes), then every section and indicator: points, party,
 * measure, target and scoring; "text" or "md". */
extern const jz_writer jz_rubric_show_writers[];

/* diff: the differences d, from jz_rubric_diff_make(a, b, d). */
typedef struct jz_rubric_diff_doc {
    const jz_rubric *a, *b;
    const jz_rubric_diff *d;
} jz_rubric_diff_doc;

/* diff, doc a jz_rubric_diff_doc: "text", "md", or "csv" with the columns
 * kind,subject,before,after. */
extern const jz_writer jz_rubric_diff_writers[];

#endif
