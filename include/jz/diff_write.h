/* diff_write.h — a result diff (result_diff.h) written for people (text, Markdown) and for
 * scripts (csv, json "jiazong-score-diff/1", documented in jz-score(1), DIFF).
 *
 * Promise: one file per format (diff_write_<name>.c) behind one table (writer.h); the same diff gives
 * the same bytes (no time stamps, no locale); every number is one of the results' or the
 * difference of two, with the decimals the results wrote. Strings from the results are
 * escaped for the format (JSON string, CSV field, Markdown cell); nothing is recomputed.
 * Text and Markdown list what changed; csv and json list everything, with its state.
 */
#ifndef JZ_DIFF_WRITE_H
#define JZ_DIFF_WRITE_H

#include <stdio.h>

#include "jz/result_diff.h"
#include "jz/writer.h"

/* The writers, doc a jz_result_diff: "text", "md", "csv", "json"; ended by {NULL}. */
extern const jz_writer jz_diff_writers[];

/* The rows of jz_diff_writers, one file each. */
void jz_diff_write_text(FILE *fp, const void *doc);
void jz_diff_write_md(FILE *fp, const void *doc);
void jz_diff_write_csv(FILE *fp, const void *doc);
void jz_diff_write_json(FILE *fp, const void *doc);

#endif
