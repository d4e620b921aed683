/* writer.h — the one shape of an output format (the writers layer): a row {name,
 * write_to_file, write_to_path} of the table its result kind exports (jz_report_writers,
 * jz_score_writers, jz_sample_units_writers, ...), looked up by the name a tool's --format
 * gives.
 *
 * Promise: a table is an array of jz_writer ended by a row whose name is NULL; each row has
 * exactly one of the two functions: write_to_file for a format written as a stream into a
 * FILE the caller opened (and checks for errors and closes), write_to_path for a format a
 * library must write itself into a named file (a workbook); that one returns a jz_code and
 * fills err. doc is the document of the table's result kind, the struct its header names
 * (jz_report_doc for jz_report_writers, ...); a writer only reads it. Adding a format is one
 * file of its own plus one row in its kind's table.
 */
#ifndef JZ_WRITER_H
#define JZ_WRITER_H

#include <stdio.h>

#include "jz/error.h"

typedef struct jz_writer {
    const char *name;                                               /* "text", "csv", ... */
    void (*write_to_file)(FILE *fp, const void *doc);               /* or NULL */
    jz_code (*write_to_path)(const char *path, const void *doc, jz_error *err);  /* or NULL */
} jz_writer;

/* The row of table called name, or NULL (also for a NULL name). */
const jz_writer *jz_writer_find(const jz_writer *table, const char *name);

#endif
