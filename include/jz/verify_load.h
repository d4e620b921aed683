/* verify_load.h — reading what jz-verify estimates from: a draw made by jz-sample (its csv
 * or json, with the weight fields), the evaluators' verification files (核查结果,
 * jiazong-records(5)) and the rules of rubrics/rules/verify.yaml.
 *
 * Promise: nothing is guessed. Every problem goes to the diag sink with file:line:col and
 * a code (the draw: "not-a-draw", "bad-draw"; the findings: "not-drawn", "duplicate-item",
 * "recount-missing", "recount-not-empty", "recount-disagrees"); the loaders return JZ_EINPUT
 * when they reported an error, JZ_EIO when a file cannot be read (err says why). The draw's
 * strata come out in byte order of centre, then value, their items by rank, whatever the
 * order of the rows. Ownership: jz_vdraw_load fills a jz_vdraw freed by jz_vdraw_free,
 * which owns every string; jz_vrules_load's source string is freed by jz_vrules_free.
 */
#ifndef JZ_VERIFY_LOAD_H
#define JZ_VERIFY_LOAD_H

#include "jz/rowsrc.h"
#include "jz/diag.h"
#include "jz/error.h"
#include "jz/verify.h"

/* Read a draw: a jz-sample clients/activities draw as csv or json (told apart by its first
 * byte). A draw without the weight fields, of another method, or with inconsistent strata
 * (rows deleted, the counts of one stratum differing between rows) is refused. */
jz_code jz_vdraw_load(jz_vdraw *d, const char *path, jz_encoding enc, jz_diag *diag, jz_error *err);

/* Read a verification file into the draw's items: each row must name a drawn item, once
 * over all files; its recounts must fit its result (see jiazong-records(5)). *rows receives
 * the rows read. */
jz_code jz_vdraw_findings_load(jz_vdraw *d, const char *path, jz_encoding enc, jz_diag *diag,
                               long *rows, jz_error *err);
void jz_vdraw_free(jz_vdraw *d);

/* The band and confidence levels from a YAML file (rubrics/rules/verify.yaml). */
jz_code jz_vrules_load(jz_vrules *r, const char *path, jz_error *err);
void jz_vrules_free(jz_vrules *r);

#endif
