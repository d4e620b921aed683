/* validate_write.h — the summary jz-validate writes after its diagnostics (the writers
 * layer): per file its type, encoding, rows and problems, then the totals; the formats are
 * documented in jz-validate(1).
 *
 * Promise: one table of formats (writer.h), doc a jz_validate_summary: "text" and "csv"
 * write the same lines for people (jz-validate sends csv's to standard error, keeping its
 * output a clean CSV), "json" the "files" array and the totals that close the
 * "jiazong-validate/1" object. Same inputs, same bytes. Writers only write to the FILE given.
 */
#ifndef JZ_VALIDATE_WRITE_H
#define JZ_VALIDATE_WRITE_H

#include <stddef.h>

#include "jz/diag.h"
#include "jz/table.h"
#include "jz/writer.h"

/* What one file gave. */
typedef struct jz_validate_file {
    const char *path;          /* as given; "-" standard input */
    jz_filetype type;
    jz_table_info info;
    long count[3];             /* its problems, by jz_severity */
    int unreadable;
} jz_validate_file;

typedef struct jz_validate_summary {
    const jz_validate_file *files;
    size_t n;
    const long *count;         /* the run's problems, by jz_severity (jz_diag.count) */
    long not_printed;          /* problems past --max-errors */
    long max_errors;
} jz_validate_summary;

extern const jz_writer jz_validate_summary_writers[];

#endif
