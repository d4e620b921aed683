/* rowsrc.h — a source of rows: the one interface everything above the input layer reads
 * tabular input through (table.c, sample.c, the rubric fixture runner, the evidence reader).
 *
 * Promise:
 * - jz_rowsrc_open picks the implementation from a regular file's first bytes, never from
 *   its name: "PK\3\4" is an Excel workbook (xlsxin.h), the OLE signature D0 CF 11 E0 an
 *   Excel 97-2003 workbook (xlsin.h; a password-protected .xlsx is one too, and refused
 *   there), anything else (and standard input, pipes) CSV (csvin.h). The name only
 *   refuses: a file named *.xlsx or *.xlsm (any case) that does not start as a zip is a
 *   JZ_EINPUT error (damaged, or another file renamed), never read as CSV.
 * - jz_rowsrc_next hands rows in file order: every field NUL-terminated UTF-8 exactly as
 *   the source holds it, row->line the physical location of the row (a CSV's physical
 *   line, a sheet's row number), 1-based. Blank rows are skipped but counted.
 * - jz_rowsrc_where describes the location of one field for a diagnostic beyond
 *   file:line:col — "Sheet1!C12" for a sheet — and writes "" for a source whose
 *   file:line:col says it all (CSV). It never writes more than `size` bytes, NUL included.
 * - Errors: open returns NULL with err (JZ_EIO: missing or unreadable; JZ_EINPUT: not a
 *   readable source of its kind); next returns -1 with err, 0 at the end, 1 with a row.
 *   Problems that lose a row but let reading go on go to the diag sink.
 * - Bytes in memory (jz_rowsrc_open_mem, or a buffer registered under a name with
 *   jz_rowsrc_mem_add) are read as a regular file of those bytes would be: the same
 *   choice of implementation by the first bytes (and the same refusal of a non-zip named
 *   .xlsx), and for CSV and .xlsx the same rows, lines, where, diagnostics and errors,
 *   naming the name given, never a path of the machine's. Only an Excel 97-2003 workbook
 *   (OLE) is refused from memory (JZ_EINPUT: FreeXL reads files by name only). Such a
 *   source never fails with JZ_EIO, can be read again (jz_rowsrc_rereadable), hashes
 *   nothing (jz_rowsrc_sha256 false), and a CSV one splits into byte ranges as a file does.
 * - Optional abilities, asked, never assumed: hashing of an input that cannot be read
 *   again, and reading a byte range for a second core (jz_rowsrc_can_split). A source
 *   that cannot do one says so (false / 0) instead of doing something else.
 * Ownership: the caller closes what it opened; a row's pointers live until the next
 * jz_rowsrc_next or jz_rowsrc_close. jz_rowsrc_close(NULL) is a no-op.
 */
#ifndef JZ_ROWSRC_H
#define JZ_ROWSRC_H

#include <stdbool.h>
#include <stddef.h>

#include "jz/diag.h"
#include "jz/error.h"

typedef enum jz_encoding { JZ_ENC_AUTO = 0, JZ_ENC_UTF8, JZ_ENC_GB18030 } jz_encoding;

typedef struct jz_row {
    size_t nfields;
    char **fields;        /* NUL-terminated UTF-8 */
    const size_t *lens;   /* byte length of each field */
    long line;            /* physical line (CSV) or row number (sheet) where the row starts, 1-based */
    const char *span;     /* when not NULL: every field lies in span[0..span_n), which ends with
                             the last field's NUL (a CSV row, in its reader's buffer), so a copy
                             of the row is one copy of the span */
    size_t span_n;
} jz_row;

typedef struct jz_rowsrc_opts {
    jz_encoding enc;      /* text sources: JZ_ENC_AUTO detects */
    bool hash_streams;    /* hash an input that cannot be read again (jz_rowsrc_sha256) */
    const char *sheet;    /* spreadsheet sources: the sheet by name; NULL = the first */
} jz_rowsrc_opts;

typedef struct jz_rowsrc jz_rowsrc;

/* The operations one implementation provides (rowsrc.c holds the table of them). Every
 * member but next and close may be NULL: the wrappers below then answer for it. */
typedef struct jz_rowsrc_ops {
    const char *kind;                                    /* "csv", "xlsx", ... */
    int (*next)(void *impl, jz_row *row, jz_error *err);
    void (*close)(void *impl);
    size_t (*where)(void *impl, const jz_row *row, size_t field, char *buf, size_t size);
    jz_encoding (*encoding)(void *impl);
    const char *(*encoding_reason)(void *impl);
    unsigned long long (*bytes)(void *impl);
    bool (*sha256)(void *impl, char hex[65]);
    bool (*rereadable)(void *impl);
} jz_rowsrc_ops;

/* Whether jz_rowsrc_open would take path for a workbook (its first bytes, or an .xlsx
 * name): for the code of a message about a file that cannot be read. */
bool jz_rowsrc_is_workbook(const char *path);

/* Open path ("-" = standard input; a name registered with jz_rowsrc_mem_add: its buffer).
 * o may be NULL (auto encoding, no hashing, first sheet). */
jz_rowsrc *jz_rowsrc_open(const char *path, const jz_rowsrc_opts *o, jz_diag *diag, jz_error *err);

/* Open `size` bytes at `data` as the input named `name` (the name every diagnostic and
 * error gives). The bytes are not copied: they stay unchanged until jz_rowsrc_close. */
jz_rowsrc *jz_rowsrc_open_mem(const char *name, const void *data, size_t size, const jz_rowsrc_opts *o,
                              jz_diag *diag, jz_error *err);

/* Named buffers, for unit tests and fuzzers: while `name` is registered, every open of that
 * name through this interface — jz_rowsrc_open, jz_rowsrc_open_at, jz_rowsrc_can_split,
 * jz_rowsrc_size, and so every reader of tables by name above it (jz_table_read, the
 * contract, roster, teams, exclusion, draw and evidence loaders) — reads the buffer
 * instead of a file, as jz_rowsrc_open_mem does. Registering a name again replaces its
 * buffer; "-" is never looked up. The bytes are not copied (they must outlive the
 * registration and every source opened on them); the name is. Not thread-safe: register
 * and remove while no other thread opens inputs (reading them on two cores is fine). */
void jz_rowsrc_mem_add(const char *name, const void *data, size_t size);
void jz_rowsrc_mem_remove(const char *name);  /* a name not registered: nothing happens */
void jz_rowsrc_mem_clear(void);               /* every name */
/* The buffer registered under name: true with *data and *size, false when none is. For a
 * loader that reads a whole input by name before choosing how to read it (jz-verify's
 * draw: JSON or CSV). */
bool jz_rowsrc_mem_get(const char *name, const void **data, size_t *size);

/* Whether path is an input that can be read again without reading it now — a regular file
 * or a registered buffer — and its size in bytes (*size 0 when not). */
bool jz_rowsrc_size(const char *path, unsigned long long *size);

/* The sheet a spreadsheet source reads when its opts name none (every tool's --sheet,
 * set once before any input is opened); NULL = the first. The string must outlive the run. */
void jz_rowsrc_set_sheet(const char *sheet);

/* Wrap an implementation (for the implementations and for tests). Takes impl; on
 * failure (out of memory) closes it with ops->close and returns NULL. */
jz_rowsrc *jz_rowsrc_wrap(const jz_rowsrc_ops *ops, void *impl);

int jz_rowsrc_next(jz_rowsrc *s, jz_row *row, jz_error *err);
/* Give rows back: the next jz_rowsrc_next calls hand out copies of the rows given back,
 * in the order given, before reading on (table.c reads a few rows ahead to find the
 * header below a title row). At most JZ_ROWSRC_UNREAD_MAX rows wait at a time: false
 * (nothing kept) beyond. Their where (jz_rowsrc_where) is the same as the originals'. */
#define JZ_ROWSRC_UNREAD_MAX 16
bool jz_rowsrc_unread(jz_rowsrc *s, const jz_row *row);
/* Tell the source which row is the header (a CSV checks a broken row's width by it). */
void jz_rowsrc_set_header(jz_rowsrc *s, const jz_row *header);
/* A copy of a row in one block (jz_xmalloc: never NULL); jz_row_free(NULL) is a no-op. */
jz_row *jz_row_copy(const jz_row *row);
void jz_row_free(jz_row *row);
size_t jz_rowsrc_where(const jz_rowsrc *s, const jz_row *row, size_t field, char *buf, size_t size);
/* A spreadsheet cell's place as the spreadsheet sources describe it: "Sheet1!C12", the
 * sheet name quoted ('my sheet'!C12) when it holds an ASCII character other than a
 * letter, digit or underscore; col and row 1-based. For the sheet sources (xlsxin.c,
 * xlsin.c). Returns strlen(buf); writes at most size bytes, NUL included. */
size_t jz_sheet_cell_name(const char *sheet, long col, long row, char *buf, size_t size);
const char *jz_rowsrc_kind(const jz_rowsrc *s);
/* Text sources: the encoding in use and why; others: JZ_ENC_UTF8 and "spreadsheet". */
jz_encoding jz_rowsrc_encoding(const jz_rowsrc *s);
const char *jz_rowsrc_encoding_reason(const jz_rowsrc *s);
unsigned long long jz_rowsrc_bytes(const jz_rowsrc *s);
bool jz_rowsrc_sha256(jz_rowsrc *s, char hex[65]);
bool jz_rowsrc_rereadable(const jz_rowsrc *s);
void jz_rowsrc_close(jz_rowsrc *s);

/* Reading a byte range on another core: only sources that can (a regular UTF-8 CSV file,
 * or UTF-8 CSV bytes in memory). jz_rowsrc_can_split says whether path is such a source,
 * without reading rows. The range functions mirror csvin.h's jz_csv_open_at / stop_at /
 * split_failed / offset / line, and fail (NULL, false, 0) on a source that cannot. */
bool jz_rowsrc_can_split(const char *path);
jz_rowsrc *jz_rowsrc_open_at(const char *path, unsigned long long offset, jz_diag *diag, jz_error *err);
jz_rowsrc *jz_rowsrc_open_mem_at(const char *name, const void *data, size_t size, unsigned long long offset,
                                 jz_diag *diag, jz_error *err);
/* Where a second core may start on path: the start of the first line after the middle of
 * its bytes (0: none, or path is not a regular file or a registered buffer). */
unsigned long long jz_rowsrc_split_point(const char *path);
void jz_rowsrc_stop_at(jz_rowsrc *s, unsigned long long offset);
bool jz_rowsrc_split_failed(const jz_rowsrc *s);
void jz_rowsrc_set_width(jz_rowsrc *s, size_t width);  /* jz_csv_set_width */
unsigned long long jz_rowsrc_offset(const jz_rowsrc *s);
long jz_rowsrc_line(const jz_rowsrc *s);

#endif
