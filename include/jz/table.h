/* table.h — read one input file as a typed table: open (encoding), header (type
 * detection and column mapping), then every data row parsed into jz_fields and handed
 * to a callback. All tools read their tabular inputs through this, and this reads them
 * through the row-source interface (rowsrc.h) only: a diagnostic about a field ends with
 * the source's description of its place ("Sheet1!C12") when the source gives one (CSV
 * gives none, file:line:col says it all).
 *
 * Promise: problems with the file's structure (empty, header only, unrecognised type,
 * missing columns) and with each row go to the diag sink and reading continues where it
 * can. The return value is JZ_OK when the file was read to its end (even with bad
 * rows), JZ_EIO when it could not be opened or read, JZ_EINPUT when it could not be
 * decoded or its header is unusable (no row was handed on then, or only the rows
 * before the undecodable byte). err says why for both.
 */
#ifndef JZ_TABLE_H
#define JZ_TABLE_H

#include "jz/csvin.h"   /* only for jz-rubric.c's own CSV reader, until it reads through rowsrc.h */
#include "jz/rowsrc.h"  /* jz_encoding, jz_row: every table is read through a row source */
#include "jz/schema.h"

typedef struct jz_table_info {
    jz_filetype type;        /* detected or forced */
    jz_encoding enc;
    const char *enc_reason;  /* static string */
    long header_line;        /* the header's line or row: 1, or below a title row (0: none read) */
    long rows;               /* data rows read */
    long bad_rows;           /* rows with at least one error */
    int unreadable;          /* could not be opened, read or decoded (err says why) */
    char sha256[65];         /* with jz_table_set_hash_streams: the SHA-256 of an input that
                              * cannot be read again, read to its end; "" otherwise */
} jz_table_info;

/* Called for each data row (rows whose fields are all empty, as Excel writes after the
 * data, are skipped like blank lines).  f has schema->ncols entries; nerrors is how many errors
 * the row's fields had (already reported). Return 0 to go on, non-zero to stop. */
typedef int (*jz_table_row_fn)(void *ctx, const jz_header *h, const jz_row *row,
                               const jz_field *f, int nerrors);

/* Read path ("-" = stdin). type JZ_FILE_UNKNOWN means detect from the header.
 * jz_table_read_columns parses only the columns in mask (see jz_header.only). */
jz_code jz_table_read_columns(const char *path, jz_filetype type, jz_encoding enc,
                              unsigned mask, jz_diag *diag, jz_table_row_fn fn, void *ctx,
                              jz_table_info *info, jz_error *err);
jz_code jz_table_read(const char *path, jz_filetype type, jz_encoding enc, jz_diag *diag,
                      jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err);

/* As jz_table_read_columns, with the reading and parsing on a thread of their own while
 * fn runs on this one (a tool whose work on each row costs as much as parsing it uses
 * both cores): fn sees the rows in file order, with h a copy of the header and row giving
 * only its line (fields NULL, nfields 0); f and its texts are copies, valid during the
 * call. The reader's diagnostics are held and given to diag on this thread, each just
 * before the row it came before, so diag sees them in the order of a read on one thread
 * and fn may write to it too. Memory is a few batches of rows (and their diagnostics),
 * whatever the file's length.
 * When no thread can be started, reads on this thread. */
jz_code jz_table_read_piped(const char *path, jz_filetype type, jz_encoding enc, unsigned mask, jz_diag *diag,
                            jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err);

/* As jz_table_read_columns, from a row source the caller opened (and closes; it is read
 * to its end or to where fn stopped): a table held in memory (jz_rowsrc_open_mem), or
 * any other source. `name` is the file name the table's own diagnostics give (those of
 * the source give the name it was opened with). Every read by name above also takes a
 * buffer registered under that name (jz_rowsrc_mem_add). */
jz_code jz_table_read_src(jz_rowsrc *r, const char *name, jz_filetype type, unsigned mask, jz_diag *diag,
                          jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err);

/* Inputs that cannot be read again (standard input, pipes, FIFOs, devices) are hashed as
 * they are read, into jz_table_info.sha256 (off by default: it costs a core's time). */
void jz_table_set_hash_streams(bool on);

/* The header of the table r reads, found as jz_table_read finds it (the first of the
 * first rows that is a header of type want, JZ_FILE_UNKNOWN: of any type; else the first
 * row), for a reader that maps it itself: a copy (jz_row_free), and the rows after it
 * given back to r. NULL when r has no row (err cleared) or a row cannot be read (err). */
jz_row *jz_table_header_row(jz_rowsrc *r, jz_filetype want, jz_error *err);

/* The header of a table whose columns its reader finds itself (jz-sample's teams and
 * --exclude files, jz-verify's draw), found as jz_table_read finds a typed table's: the
 * first of the first rows (10, jiazong-records(5) HEADERS) for which is_header(row, ctx)
 * holds, the rows above it named in a "title-rows" note to diag (under path), as for
 * records. 1: *header is a copy of it (jz_row_free) and the rows after it are given back
 * to r. 0: r has no row, or none of its first rows is a header: every row read is given
 * back (the first row comes next; *header NULL). -1: a row cannot be read before a header
 * is found (err). */
typedef bool (*jz_table_header_fn)(const jz_row *row, void *ctx);
int jz_table_find_header(jz_rowsrc *r, const char *path, jz_table_header_fn is_header, void *ctx, jz_diag *diag,
                         jz_row **header, jz_error *err);

/* Read only the header of a regular file and detect its type (JZ_FILE_UNKNOWN if it
 * cannot tell). For ordering the files of one run; "-", pipes, FIFOs and devices give
 * JZ_FILE_UNKNOWN without reading anything (what is read from a pipe is gone). */
jz_filetype jz_table_peek(const char *path, jz_encoding enc);

/* Read a records file on two cores when it is a large regular UTF-8 file whose header is
 * a records header (else as
 * jz_table_read_columns, with ctx[0] only): rows of the first half go to fn(ctx[0]), rows
 * of the second half to fn(ctx[1]) on another thread, each half's rows in file order.
 * Row line numbers in the second half count from 0 at the split: add *line_base (set on
 * return) to get the file's. Diagnostics reach diag in file order, with real line numbers.
 * *halves says 1 or 2: with 1, nothing was given to ctx[1] — also when a quoted newline
 * straddles the split, in which case the first half simply read on to the end and the
 * second half's rows are to be discarded (the callbacks' ctx[1] state must be dropped). */
jz_code jz_table_read_split(const char *path, jz_filetype type, jz_encoding enc, unsigned mask,
                            jz_diag *diag, jz_table_row_fn fn, void *ctx[2], int *halves,
                            long *line_base, jz_table_info *info, jz_error *err);

/* jz_table_read_split for callers whose second half's findings depend on the first's
 * (jz-validate: duplicates, overlaps, long days). Only a records file is split.
 * - half_diag(ctx[1], d), if given, is called before the second half's first row with the
 *   sink its callback's own messages must go to (held, then given in file order with
 *   line_base added: the lines the callback gives it count from the split, like its rows).
 * - join(ctx, line_base), if given, is called once both halves are read (halves 2), before
 *   any message of the second half is given. It returns how much of the second half must
 *   be read again, into fn(ctx[0]) on this thread with the file's line numbers: 0 nothing;
 *   n > 0 the rows starting on the second half's lines 1..n (their held messages are
 *   dropped, and the rows' messages given as they are read again, before the held rest);
 *   negative every row (the first half's reader reads on to the end, and *halves is 1).
 *   With a join, the second half holds every message (diag->shown_max is not used).
 * - A second half that would hold more than 65536 messages (jz_table_set_split_hold_max)
 *   stops, and the first half's reader reads on to the end (*halves 1): a badly broken
 *   file is read on one core rather than held in memory. */
typedef struct jz_table_split_ops {
    jz_table_row_fn fn;
    void (*half_diag)(void *ctx, jz_diag *diag);
    long (*join)(void *ctx[2], long line_base);
} jz_table_split_ops;

jz_code jz_table_read_split_ops(const char *path, jz_filetype type, jz_encoding enc, unsigned mask,
                                jz_diag *diag, const jz_table_split_ops *ops, void *ctx[2], int *halves,
                                long *line_base, jz_table_info *info, jz_error *err);

/* The smallest file jz_table_read_split reads in two halves (16 MiB; tests set it low,
 * and every tool takes it from $JIAZONG_SPLIT_MIN, in bytes, when that is set). */
void jz_table_set_split_min(unsigned long long bytes);
/* How many messages a second half holds before it gives up (tests set it low). */
void jz_table_set_split_hold_max(size_t n);
/* For tests: how the files read on two threads so far ended. A join that wanted every row
 * again is counted in JZ_SPLIT_REREAD_ALL and in JZ_SPLIT_ONE_CORE. */
enum { JZ_SPLIT_MERGED, JZ_SPLIT_REREAD, JZ_SPLIT_REREAD_ALL, JZ_SPLIT_ONE_CORE, JZ_SPLIT_NSTATS };
void jz_table_split_stats(long out[JZ_SPLIT_NSTATS]);


/* Progress of a long read, for a person at a terminal (the front end decides whether to
 * show it): fn is called from the reading thread every 65536 data rows with the rows read
 * and the bytes consumed so far in path (a split read's two halves summed), once with 0
 * rows when a file's rows start, and once more with done true when a file of 65536 rows
 * or more ends. NULL (the default) turns it off. */
typedef void (*jz_table_progress_fn)(const char *path, long rows, unsigned long long bytes, bool done);
void jz_table_set_progress(jz_table_progress_fn fn);

#endif
