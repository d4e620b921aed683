/* report_common.h — what the report formats (report_<name>.c) share and nothing outside the
 * report writers uses: how a grade, a place, a total and an hours status are worded, and the
 * verification lines of text and Markdown.
 *
 * Promise: words only, from what the results say (no score is recomputed); every function
 * returns a string it does not own (the result's own, a literal, or buf).
 */
#ifndef JZ_REPORT_COMMON_H
#define JZ_REPORT_COMMON_H

#include <stdio.h>

#include "jz/i18n.h"
#include "jz/report.h"

/* The grade, or "no grade" (scored but below the coverage), or "not scored". */
const char *jz_report_grade_of(const jz_rcentre *c);

/* The place of the i-th of ru->rank as the roll-up shows it: "1", "2" ..., "-" when it has
 * none; into buf of cap bytes. */
const char *jz_report_place_of(const jz_rollup *ru, size_t i, char *buf, size_t cap);

/* The total of a graded centre, else "-". */
const char *jz_report_total_of(const jz_rcentre *c);

/* s, or "n/a" when it is empty. */
const char *jz_report_orblank(const char *s);

/* Whether every file is a jz-hours result (no scores: a compliance roll-up instead). */
bool jz_report_hours_only(const jz_results *r);

/* The centre's hours checks that are short or over. */
size_t jz_report_short_checks(const jz_rcentre *c);

/* "compliant", "not compliant" or "not checked". */
const char *jz_report_compliance(const jz_rcentre *c);

/* The centre's verification (o->verification, jz-verify), as lines of text or Markdown;
 * nothing when there is none for it. */
void jz_report_verification_lines(FILE *fp, const jz_report_opts *o, const char *centre, bool markdown);

/* s right-aligned in `width` display columns (controls escaped). */
void jz_report_pad_left(FILE *fp, const char *s, size_t width);

/* The causes of a change (result_diff.h's why) in the words of language l, joined: the
 * document's (jz_doc_lang_get()) in a report, the user's (jz_lang_get()) in jz-score diff. */
char *jz_report_why(unsigned why, jz_lang l, char *buf, size_t cap);

/* A verification factor's reading (jz-verify: "overstated", ...) in the document's words. */
const char *jz_report_reading(const char *reading);

/* What the result says of its rubric's standing, in the document's words: its status
 * (official, draft, example, or not given), who issued it and the document, e.g.
 * "example, not an official rubric; issued by jiazong; document: ..."; into buf. */
char *jz_report_issuer(const jz_rfile *f, char *buf, size_t cap);

#endif
