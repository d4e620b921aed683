/* record_ids.h — the record ids seen in a run, so that a record counts once.
 *
 * Promise: a table of the 64-bit fingerprints of (centre, record_id), each with the file
 * and line it was first read at, so a duplicate is reported naming both rows (issue 11:
 * a record id used twice counted twice). 16 bytes a slot, the table at most 70 % full.
 * Two different ids colliding has odds of about n^2 / 2^65 (hash.h). A table is used by one
 * thread at a time; looking up in a table no thread writes is safe from several.
 * Ownership: the file names are borrowed (they must outlive the table).
 */
#ifndef JZ_RECORD_IDS_H
#define JZ_RECORD_IDS_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/schema.h"

typedef struct jz_record_ids jz_record_ids;

jz_record_ids *jz_record_ids_new(void);
void jz_record_ids_free(jz_record_ids *t);

/* The fingerprint of a record row's (centre, record_id); 0 when it has no record_id. */
uint64_t jz_record_id_fp(const jz_field *f);

/* Whether fp is in t; if so, where it was first read (file and line may be NULL). */
bool jz_record_ids_find(const jz_record_ids *t, uint64_t fp, const char **file, long *line);

/* Add fp (non-zero, not in t yet), first read at file:line. */
void jz_record_ids_add(jz_record_ids *t, uint64_t fp, const char *file, long line);

/* Whether a and b have a fingerprint in common. */
bool jz_record_ids_overlap(const jz_record_ids *a, const jz_record_ids *b);

/* Add every entry of src to dst (those already in dst keep dst's place), with line_base
 * added to src's lines (a file's second half, read apart: table.h). */
void jz_record_ids_merge(jz_record_ids *dst, const jz_record_ids *src, long line_base);

#endif
