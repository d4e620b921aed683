/* record_ids.h — the record ids seen in a run, so that a record counts once.
 *
 * Promise: a set of (centre, record_id) keys, each with the file and line it was first read
 * at, so a duplicate is reported naming both rows (issue 11: a record id used twice
 * counted twice). Its memory grows with the runs of ids, not with the rows, for the ids
 * case-management systems export (a prefix and a serial number, "RF-2024-000123", keyed
 * in one after another): an id that ends in 1 to 18 digits is a number n in its series
 * (the centre, the text before the digits and how many digits there are: "007" and "7"
 * are different ids), and the series' numbers are kept in blocks of 64 — a 64-bit map of
 * which are present and, when the block's ids were read on lines that step with them (the
 * usual export, one after another), one line for the whole block: 24 bytes for up to 64
 * records. A block whose lines do not step with its ids keeps each id's line (512 bytes
 * more); an id without trailing digits is a 64-bit fingerprint of 16 bytes of its own.
 * Both tables stay at most 70 % full. Two different ids colliding has odds of about
 * n^2 / 2^65 (hash.h). A table is used by one thread at a time; looking up in a table no
 * thread writes is safe from several.
 * Ownership: the file names are borrowed (they must outlive the table).
 */
#ifndef JZ_RECORD_IDS_H
#define JZ_RECORD_IDS_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/schema.h"

typedef struct jz_record_ids jz_record_ids;

/* A record's key: fp 0 when the row has no record_id. With n < JZ_RECORD_UNNUMBERED, fp
 * names the id's series and n is its number; otherwise fp is the whole id's fingerprint. */
#define JZ_RECORD_UNNUMBERED UINT64_MAX
typedef struct jz_record_key {
    uint64_t fp;
    uint64_t n;
} jz_record_key;

jz_record_ids *jz_record_ids_new(void);
void jz_record_ids_free(jz_record_ids *t);

/* The key of a record row's (centre, record_id). */
jz_record_key jz_record_id_key(const jz_field *f);

/* Whether k is in t; if so, where it was first read (file and line may be NULL). */
bool jz_record_ids_find(const jz_record_ids *t, jz_record_key k, const char **file, long *line);

/* Add k (fp non-zero, not in t yet), first read at file:line. */
void jz_record_ids_add(jz_record_ids *t, jz_record_key k, const char *file, long line);

/* jz_record_ids_find, and jz_record_ids_add when k is not in t, in one look-up: true (and
 * where it was first read) when k was in t already. */
bool jz_record_ids_see(jz_record_ids *t, jz_record_key k, const char *file, long line, const char **first_file,
                       long *first_line);

/* Start loading k's slot (a look-up soon after then waits less). */
void jz_record_ids_prefetch(const jz_record_ids *t, jz_record_key k);

/* Whether a and b have a key in common. */
bool jz_record_ids_overlap(const jz_record_ids *a, const jz_record_ids *b);

/* Add every entry of src to dst (those already in dst keep dst's place), with line_base
 * added to src's lines (a file's second half, read apart: table.h). */
void jz_record_ids_merge(jz_record_ids *dst, const jz_record_ids *src, long line_base);

/* Bytes the table holds (for the bench and tests: memory grows with runs, not rows). */
unsigned long long jz_record_ids_bytes(const jz_record_ids *t);

#endif
