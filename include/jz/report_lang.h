/* report_lang.h — the sentences a result carries (derivations, hours details, vetoes,
 * deductions, notes), and its dates and numbers, in the document language of jz-report.
 *
 * Promise: jz-score writes its sentences in English into the json (machine output never
 * changes with the language, and the result's schema is not touched). A report in Chinese
 * translates them when it renders them, through the gettext catalogue: the engine's
 * sentences are made of pieces (one printf format each, "trimmed mean of %s evaluator
 * scores = %s", " -> band >= %s"); the table in report_lang.c holds each piece as its
 * English pattern, marked N_() so that po/zh_CN.po translates it (reordering arguments with
 * %1$s where Chinese needs it). A sentence is read as a sequence of pieces, the arguments
 * are taken out, translated themselves when they are pieces too (a unit, a check's detail)
 * or a date, and put into the translation. A sentence that does not read as pieces is shown
 * as written (English): tests/report/zh-words.sh fails on it for the sample reports.
 * When the document language is English everything comes back as written.
 * In Chinese a plain number of 4 or more whole digits gets thousands separators ("15274
 * attendances" -> "15,274 人次"); English keeps the result's text.
 * Every function returns s itself or buf (cap bytes); none keeps state between calls.
 */
#ifndef JZ_REPORT_LANG_H
#define JZ_REPORT_LANG_H

#include <stddef.h>

/* A sentence of the result (derivation, detail, note, value text, reason) in the document
 * language. */
const char *jz_doc_text(const char *s, char *buf, size_t cap);

/* A sentence of jz-audit (a finding's message, a screen's reason: written in English into
 * its json and csv) in the document language, read as the pieces of audit.c's sentences
 * the same way; a cluster's list of lines after its piece stays as written. */
const char *jz_doc_audit_text(const char *s, char *buf, size_t cap);

/* An enumeration of the result in words: kind "status" (full, partial, zero, n/a), "hours"
 * (ok, short, over, n/a), "applied" (veto, deduction, ...), "party" (third_party, buyer,
 * supervisor, ...), "check" (service_hours, ...), "role" (records, scores, ...): the
 * translation in Chinese, the code itself in English (or when not known). */
const char *jz_doc_code(const char *kind, const char *code);

/* A count as the document writes it: "15,274" in Chinese, "15274" in English (as the
 * result's own texts write counts). */
const char *jz_doc_count(long n, char *buf, size_t cap);

/* "2024-06-30" as the document writes a date: "2024年6月30日" in Chinese, unchanged in
 * English or when it is not a date. */
const char *jz_doc_date(const char *iso, char *buf, size_t cap);

#endif
