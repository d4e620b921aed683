/* csvin.h — streaming CSV input: bytes -> UTF-8 rows with physical line numbers.
 *
 * Promise:
 * - Memory is bounded by the longest row (plus a 1 MiB buffer), never by the file.
 * - RFC 4180 quoting, quoted newlines, CRLF or LF, UTF-8 with or without BOM, and
 *   GB18030 (which includes GBK and GB2312). JZ_ENC_AUTO reads the first MiB: valid
 *   UTF-8 is taken as UTF-8, anything else as GB18030; jz_csv_encoding_reason() says why.
 *   When a later byte of a file so taken for UTF-8 is not UTF-8 and everything before
 *   the row it is in was ASCII (the same bytes in both), reading goes on as GB18030 from
 *   that row, with a note ("encoding-switch"): the rows are exactly those of reading
 *   the file as GB18030 from the start (pipes too: nothing is read again). If non-ASCII
 *   rows were already read as UTF-8 it is the undecodable-byte error below.
 * - Never lossy: a byte that does not decode stops the file with a JZ_EINPUT error at
 *   its physical line and field number (jz_csv_next returns -1). Nothing is replaced. A
 *   NUL byte (valid UTF-8, but never text) is refused the same way.
 * - Rows: every field is NUL-terminated UTF-8, exactly as in the file (no trimming);
 *   a trailing CR of a CRLF line is removed; blank lines are skipped (counted in line
 *   numbers). `line` is the physical line where the row starts, quoted newlines counted.
 * - Quoting errors (a stray quote inside an unquoted field, text after a closing quote)
 *   and an unterminated quote at the end go to the diag sink as errors ("bad-quote",
 *   "unterminated-quote") and lose only the broken row: when a row spanning several
 *   lines breaks and the lines after its first parse on their own, its first line opened
 *   a quote it never closed; that quote is reported (line and field where it opened), the
 *   line is skipped and the lines after it are read again. Otherwise the row is reported
 *   where it broke and skipped whole. Each message says how many lines were skipped.
 *   The lines of a row being parsed stay in the buffer until it ends (memory: the
 *   longest row, twice).
 * - Out of memory while libcsv grows a field is not a quoting error: jz_csv_next returns
 *   -1 with JZ_ENOMEM ("out of memory").
 * - Lines without any '"' take a fast path that splits on commas in place; everything
 *   else goes through libcsv. With a vector level (simd.h: AVX2 or SSE2, not JZ_SIMD=off),
 *   rows are first split from 64-byte masks of quotes, commas and line feeds, quoted
 *   rows too when every field is plain or well quoted; a row that is not, or that runs
 *   past the bytes read so far, takes the paths above. Callers cannot tell which path a
 *   row took: the rows, diagnostics and errors are the same byte for byte.
 * Ownership: jz_csv_open returns a reader the caller frees with jz_csv_close. A row's
 * pointers stay valid until the next jz_csv_next or jz_csv_close.
 */
#ifndef JZ_CSVIN_H
#define JZ_CSVIN_H

#include <stdbool.h>
#include <stddef.h>

#include "jz/diag.h"
#include "jz/error.h"
#include "jz/rowsrc.h"  /* jz_encoding, jz_row: csvin is one implementation of a row source */

typedef struct jz_csv jz_csv;


/* Open path ("-" = standard input) for reading. Reads ahead to detect the encoding.
 * Returns NULL with err (JZ_EIO: missing/unreadable; JZ_EINPUT: an explicit encoding
 * that the first bytes already contradict) on failure. diag may be NULL. */
jz_csv *jz_csv_open(const char *path, jz_encoding enc, jz_diag *diag, jz_error *err);

/* As jz_csv_open, and when the input cannot be read again (standard input, a pipe, a
 * FIFO, a device: anything but a regular file opened by name) every byte read is hashed
 * as it goes by, for jz_csv_sha256. */
jz_csv *jz_csv_open_hashed(const char *path, jz_encoding enc, jz_diag *diag, jz_error *err);

/* Read `size` bytes at `data` as the CSV file `name`: everything above holds as for a file
 * of those bytes (encoding detection and byte-order mark, NUL and undecodable-byte
 * refusal, quoting, diagnostics, physical lines), and every error and diagnostic names
 * `name`. The bytes are not copied: they must stay unchanged until jz_csv_close. They
 * are read in the same chunks as a file's, so the rows, lines, diagnostics and errors
 * are the file's byte for byte. Never fails with JZ_EIO (nothing to open or read). */
jz_csv *jz_csv_open_mem(const char *name, const void *data, size_t size, jz_encoding enc, jz_diag *diag,
                        jz_error *err);
/* As jz_csv_open_at, on bytes in memory (offset at most size). */
jz_csv *jz_csv_open_mem_at(const char *name, const void *data, size_t size, jz_encoding enc,
                           unsigned long long offset, jz_diag *diag, jz_error *err);

/* Whether the input can be read again: a regular file opened by name, or bytes in memory. */
bool jz_csv_rereadable(const jz_csv *r);

/* The SHA-256 (64 hex digits) of every byte of an input opened with jz_csv_open_hashed
 * that cannot be read again, once it has been read to its end without a read error.
 * False (hex "") otherwise: a regular file (hash it by name), not read to the end, or
 * already asked. */
bool jz_csv_sha256(jz_csv *r, char hex[65]);

/* Next row: 1 with *row filled, 0 at end of file, -1 on a fatal error (err filled:
 * undecodable byte, read error). */
int jz_csv_next(jz_csv *r, jz_row *row, jz_error *err);

/* The encoding in use (never AUTO after open) and a phrase saying why it was chosen
 * ("valid UTF-8", "UTF-8 byte-order mark", "not valid UTF-8", "as requested"). */
jz_encoding jz_csv_encoding(const jz_csv *r);
const char *jz_csv_encoding_reason(const jz_csv *r);
const char *jz_encoding_name(jz_encoding e);

/* Bytes read from the file so far (for throughput figures). */
unsigned long long jz_csv_bytes(const jz_csv *r);

/* Rows so far split by the vector splitter (0 when JZ_SIMD=off or not on x86-64): for
 * tests, which check that it is the path they exercise. */
unsigned long long jz_csv_vector_rows(const jz_csv *r);

/* Reading a file in parts (for parsing one file on two cores; UTF-8 regular files only):
 * jz_csv_open_at starts at byte `offset`, which must be the start of a line (no header
 * or BOM is expected there; line numbers count from 0 at the offset). jz_csv_stop_at makes
 * jz_csv_next end at the first row boundary at or past `offset`: exactly there when the
 * part ends on a row boundary; if a row (a quoted newline) runs past it, the reader reads
 * on to the end of the file and jz_csv_split_failed says so. jz_csv_offset is the file
 * offset of the next unread byte. */
jz_csv *jz_csv_open_at(const char *path, jz_encoding enc, unsigned long long offset, jz_diag *diag,
                       jz_error *err);
void jz_csv_stop_at(jz_csv *r, unsigned long long offset);
/* The header's width, when the header is not the file's first row (a title above it):
 * where a broken row may resume is checked by it (the first row's width until then). */
void jz_csv_set_width(jz_csv *r, size_t width);
#define JZ_CSV_NO_STOP (~0ull)  /* jz_csv_stop_at(r, JZ_CSV_NO_STOP): read on to the end */
bool jz_csv_split_failed(const jz_csv *r);
/* A part read from an offset has no header row: give it the header's number of fields, so
 * that a broken row resumes (or not) where one reader of the whole file would resume. */
void jz_csv_set_width(jz_csv *r, size_t width);
unsigned long long jz_csv_offset(const jz_csv *r);
/* The physical lines read so far (the line number of the last line read). */
long jz_csv_line(const jz_csv *r);

/* For tests: the allocator libcsv grows its field buffer with (NULL: realloc). Applies
 * to readers opened afterwards. */
void jz_csv_set_field_realloc(void *(*fn)(void *, size_t));

/* Close and free. NULL is fine. */
void jz_csv_close(jz_csv *r);

#endif
