/* csvin.c — see include/jz/csvin.h. The only file that uses libcsv and iconv. */
#include "jz/csvin.h"
#include "jz/i18n.h"
#include "jz/sha256.h"
#include "jz/simd.h"
#include "jz/text.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { CHUNK = 1 << 20 };

struct jz_csv {
    char *path;
    FILE *fp;             /* NULL when reading a caller's bytes (mem) */
    const unsigned char *mem;       /* jz_csv_open_mem: the bytes, not ours */
    unsigned long long mem_size, mem_pos;
    jz_diag *diag;
    jz_encoding enc;
    const char *reason;
    iconv_t cd;
    unsigned long long bytes;
    bool rereadable;      /* a regular file opened by name: it can be read again */
    bool auto_utf8;       /* UTF-8 chosen by looking (no BOM, not requested): may turn GB18030 */
    unsigned long long first_high;  /* file offset of the first byte >= 0x80 seen (auto_utf8) */
    bool hashing;         /* every byte read goes through sha */
    jz_sha256_ctx sha;

    /* Raw bytes (GB18030 only): [raw_pos, raw_len) not yet decoded. */
    char *raw;
    size_t raw_pos, raw_len, raw_cap;

    /* Decoded UTF-8: [pos, valid) ready; [valid, len) read but not yet validated. */
    char *buf;
    size_t pos, valid, len, cap;
    bool eof;             /* the file is exhausted */
    bool bad;             /* an undecodable byte sits at buf[valid] */
    unsigned char bad_byte;

    /* The row being returned. */
    char **fields;
    size_t *lens;
    size_t nfields, fcap;
    /* libcsv path: fields copied into rowbuf at offsets. */
    struct csv_parser parser;
    char *rowbuf;
    size_t rowlen, rowcap;
    size_t *offs;
    bool in_row, row_done;
    long line, row_line;
    size_t row_pos;               /* buf offset of the first line of the row in libcsv */
    size_t width;                 /* fields of the file's first row (0: not known yet) */
    /* Reading a part of a file (jz_csv_open_at / jz_csv_stop_at). */
    unsigned long long start;     /* file offset of the first byte read */
    long lines_before;            /* a part: the lines before start (-1: not counted yet) */
    long long stop;               /* stop at the first row boundary at or past it; -1 none */
    bool split_failed;            /* that boundary was past it: a row straddled it */
    /* The vector splitter (jz_simd_level() above scalar): masks of the 64-byte blocks of
     * buf[ibase, ilim) (a multiple of 64 from ibase, or up to valid). */
    bool simd;
    jz_csv_masks idx[JZ_CSV_INDEX_BLOCKS];
    size_t ibase, ilim;
    unsigned long long vector_rows;  /* rows the vector splitter gave */
};

const char *jz_encoding_name(jz_encoding e)
{
    return e == JZ_ENC_GB18030 ? "GB18030" : e == JZ_ENC_UTF8 ? "UTF-8" : "auto";
}

jz_encoding jz_csv_encoding(const jz_csv *r) { return r->enc; }
const char *jz_csv_encoding_reason(const jz_csv *r) { return r->reason; }
unsigned long long jz_csv_bytes(const jz_csv *r) { return r->bytes; }
unsigned long long jz_csv_vector_rows(const jz_csv *r) { return r->vector_rows; }

static int never_space(unsigned char c) { (void)c; return 0; }
static int is_lf(unsigned char c) { return c == '\n'; }

static void *(*field_realloc)(void *, size_t) = realloc;

void jz_csv_set_field_realloc(void *(*fn)(void *, size_t))
{
    field_realloc = fn ? fn : realloc;
}

#ifdef _WIN32
#define usable_size(p) _msize(p)
#else
#define usable_size(p) malloc_usable_size(p)
#endif

/* libcsv grows its field buffer 128 bytes at a time (its blk_size), a realloc each time:
 * a field of megabytes would be copied thousands of times by an allocator that moves
 * every realloc (ASan's does). Grown here to the next power of two instead, kept while it
 * is large enough; when that much cannot be had, exactly what libcsv asked for: it fails
 * only when field_realloc cannot give libcsv the size libcsv asked for. */
static void *grow_field(void *p, size_t n)
{
    if (p && usable_size(p) >= n)
        return p;
    size_t cap = 256;
    while (cap < n && cap <= SIZE_MAX / 2)
        cap *= 2;
    void *q = cap > n ? field_realloc(p, cap) : NULL;
    return q ? q : field_realloc(p, n);
}

static void reset_parser(jz_csv *r)
{
    csv_free(&r->parser);
    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_realloc_func(&r->parser, grow_field);
    csv_set_space_func(&r->parser, never_space);
    csv_set_term_func(&r->parser, is_lf);
    r->in_row = false;
    r->nfields = 0;
    r->rowlen = 0;
}

/* Room for `need` fields. */
static void reserve_fields(jz_csv *r, size_t need)
{
    if (need <= r->fcap)
        return;
    while (r->fcap < need)
        r->fcap = r->fcap ? r->fcap * 2 : 32;
    r->fields = jz_xrealloc(r->fields, r->fcap * sizeof *r->fields);
    r->lens = jz_xrealloc(r->lens, r->fcap * sizeof *r->lens);
    r->offs = jz_xrealloc(r->offs, r->fcap * sizeof *r->offs);
}

static void grow_fields(jz_csv *r)
{
    reserve_fields(r, r->nfields + 1);
}

static void on_field(void *s, size_t n, void *data)
{
    jz_csv *r = data;
    grow_fields(r);
    if (r->rowlen + n + 1 > r->rowcap) {
        while (r->rowlen + n + 1 > r->rowcap)
            r->rowcap = r->rowcap ? r->rowcap * 2 : 256;
        r->rowbuf = jz_xrealloc(r->rowbuf, r->rowcap);
    }
    r->offs[r->nfields] = r->rowlen;
    r->lens[r->nfields] = n;
    if (n)
        memcpy(r->rowbuf + r->rowlen, s, n);
    r->rowlen += n;
    r->rowbuf[r->rowlen++] = '\0';
    r->nfields++;
}

static void on_row(int c, void *data)
{
    (void)c;
    ((jz_csv *)data)->row_done = true;
}

/* ---- input and decoding ---- */

static size_t fill(jz_csv *r, char *dst, size_t want)
{
    size_t got;
    if (r->fp) {
        got = fread(dst, 1, want, r->fp);
    } else {
        unsigned long long left = r->mem_size - r->mem_pos;
        got = left < want ? (size_t)left : want;
        if (got)
            memcpy(dst, r->mem + r->mem_pos, got);
        r->mem_pos += got;
    }
    r->bytes += got;
    if (r->hashing)
        jz_sha256_update(&r->sha, dst, got);
    if (got < want)
        r->eof = true;  /* EOF or error; ferror checked by the caller */
    return got;
}

/* Whether reading the file failed (bytes in memory never fail). */
static bool read_failed(const jz_csv *r)
{
    return r->fp && ferror(r->fp);
}

/* Validate [valid, len) as UTF-8; stop at the first bad byte. */
/* A NUL byte is valid UTF-8 but never text in an export: stop there as at a bad byte. */
static void refuse_nul(jz_csv *r, size_t from)
{
    const char *nul = memchr(r->buf + from, '\0', r->valid - from);
    if (nul) {
        r->valid = (size_t)(nul - r->buf);
        r->bad = true;
        r->bad_byte = 0;
    }
}

/* File offset of buf[i] (UTF-8: the buffer holds the file's bytes). */
static unsigned long long file_offset(const jz_csv *r, size_t i)
{
    return r->start + r->bytes - (r->len - i);
}

/* Remember where the first non-ASCII byte is: up to there, UTF-8 and GB18030 agree. */
static void note_first_high(jz_csv *r, size_t from, size_t to)
{
    if (!r->auto_utf8 || r->first_high != UINT64_MAX)
        return;
    size_t i = from;
    for (uint64_t w; i + 8 <= to; i += 8) {  /* ASCII files scan to the end: 8 bytes at a time */
        memcpy(&w, r->buf + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    for (; i < to; i++)
        if ((unsigned char)r->buf[i] >= 0x80) {
            r->first_high = file_offset(r, i);
            return;
        }
}

static void validate_utf8(jz_csv *r)
{
    bool incomplete;
    size_t from = r->valid;
    size_t n = jz_utf8_valid_prefix((unsigned char *)r->buf + r->valid, r->len - r->valid, &incomplete);
    r->valid += n;
    if (r->valid < r->len && (!incomplete || r->eof)) {
        r->bad = true;
        r->bad_byte = (unsigned char)r->buf[r->valid];
    }
    refuse_nul(r, from);
    note_first_high(r, from, r->valid);
}

static void ensure_buf(jz_csv *r, size_t need)
{
    if (need <= r->cap)
        return;
    while (r->cap < need)
        r->cap *= 2;
    r->buf = jz_xrealloc(r->buf, r->cap);
}

/* Decode raw GB18030 bytes into buf. */
static void decode_gb(jz_csv *r)
{
    size_t from = r->valid;
    while (r->raw_pos < r->raw_len) {
        ensure_buf(r, r->len + (r->raw_len - r->raw_pos) * 2 + 16);
        char *in = r->raw + r->raw_pos, *out = r->buf + r->len;
        size_t inleft = r->raw_len - r->raw_pos, outleft = r->cap - r->len;
        size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
        r->raw_pos = (size_t)(in - r->raw);
        r->len = (size_t)(out - r->buf);
        r->valid = r->len;
        if (rc != (size_t)-1)
            continue;
        if (errno == E2BIG)
            continue;
        if (errno == EINVAL && !r->eof)
            break;  /* incomplete sequence: wait for more bytes */
        r->bad = true;
        r->bad_byte = (unsigned char)r->raw[r->raw_pos];
        break;
    }
    refuse_nul(r, from);
}

/* Move unread data to the front and read more. Returns false at EOF with nothing new. */
static bool refill(jz_csv *r, jz_error *err)
{
    if (r->eof && (r->enc != JZ_ENC_GB18030 || r->raw_pos >= r->raw_len))
        return false;
    /* A row in libcsv keeps its lines: if it breaks, the lines after its first are read again. */
    size_t keep = r->in_row ? r->row_pos : r->pos;
    r->ilim = 0;  /* the bytes move */
    memmove(r->buf, r->buf + keep, r->len - keep);
    r->len -= keep;
    r->valid -= keep;
    r->pos -= keep;
    r->row_pos -= r->in_row ? keep : 0;
    size_t before = r->valid;
    if (r->enc == JZ_ENC_GB18030) {
        memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
        r->raw_len -= r->raw_pos;
        r->raw_pos = 0;
        if (!r->eof)
            r->raw_len += fill(r, r->raw + r->raw_len, r->raw_cap - r->raw_len);
        decode_gb(r);
    } else {
        ensure_buf(r, r->len + CHUNK);
        if (!r->eof)
            r->len += fill(r, r->buf + r->len, r->cap - r->len);
        validate_utf8(r);
    }
    if (read_failed(r))
        return jz_error_sys(err, r->path, "read error"), false;
    return r->valid > before || r->bad;
}

static bool looks_utf8(const char *s, size_t n, bool eof)
{
    bool incomplete;
    size_t k = jz_utf8_valid_prefix((const unsigned char *)s, n, &incomplete);
    return k == n || (incomplete && !eof && n - k < 4);
}

static bool start_gb(jz_csv *r, jz_error *err)
{
    r->cd = iconv_open("UTF-8", "GB18030");
    if (r->cd == (iconv_t)-1)
        return jz_error_sys(err, r->path, "cannot convert from GB18030"), false;
    /* What was read so far is raw GB18030: move it to the raw buffer. */
    r->raw_cap = CHUNK;
    r->raw = jz_xmalloc(r->raw_cap);
    memcpy(r->raw, r->buf, r->len);
    r->raw_len = r->len;
    r->raw_pos = 0;
    if (r->raw_len >= 4 && memcmp(r->raw, "\x84\x31\x95\x33", 4) == 0)
        r->raw_pos = 4;  /* GB18030 byte-order mark */
    r->len = r->valid = r->pos = 0;
    decode_gb(r);
    return true;
}

/* Whether the first line of s[0..n) ends with a CR that no LF follows (CR-only line
 * ends): libcsv would take the file for one line of many fields. */
static bool cr_only(const char *s, size_t n)
{
    const char *cr = memchr(s, '\r', n), *lf = memchr(s, '\n', n);
    return cr && (!lf || cr < lf) && (size_t)(cr - s) + 1 < n && cr[1] != '\n';
}

typedef struct mem_in {
    const void *data;
    size_t size;
} mem_in;

static jz_csv *open_reader(const char *path, const mem_in *mem, jz_encoding enc, unsigned long long offset,
                           bool hash, jz_diag *diag, jz_error *err);

jz_csv *jz_csv_open(const char *path, jz_encoding enc, jz_diag *diag, jz_error *err)
{
    return open_reader(path, NULL, enc, 0, false, diag, err);
}

jz_csv *jz_csv_open_hashed(const char *path, jz_encoding enc, jz_diag *diag, jz_error *err)
{
    return open_reader(path, NULL, enc, 0, true, diag, err);
}

jz_csv *jz_csv_open_at(const char *path, jz_encoding enc, unsigned long long offset, jz_diag *diag,
                       jz_error *err)
{
    return open_reader(path, NULL, enc, offset, false, diag, err);
}

jz_csv *jz_csv_open_mem(const char *name, const void *data, size_t size, jz_encoding enc, jz_diag *diag,
                        jz_error *err)
{
    return open_reader(name, &(mem_in){data, size}, enc, 0, false, diag, err);
}

jz_csv *jz_csv_open_mem_at(const char *name, const void *data, size_t size, jz_encoding enc,
                           unsigned long long offset, jz_diag *diag, jz_error *err)
{
    return open_reader(name, &(mem_in){data, size}, enc, offset, false, diag, err);
}

bool jz_csv_rereadable(const jz_csv *r)
{
    return r->rereadable;
}

bool jz_csv_sha256(jz_csv *r, char hex[65])
{
    hex[0] = '\0';
    if (!r->hashing || !r->eof || read_failed(r))
        return false;
    /* What fread has not handed over yet is nothing: eof means every byte went through fill. */
    jz_sha256_final_hex(&r->sha, hex);
    r->hashing = false;
    return true;
}

/* Start reading at byte offset of the file or the bytes; false when there is no such byte. */
static bool seek_to(jz_csv *r, unsigned long long offset)
{
    if (!r->fp) {
        if (offset > r->mem_size)
            return false;
        r->mem_pos = offset;
        return true;
    }
    return fseeko(r->fp, (off_t)offset, SEEK_SET) == 0;
}

static jz_csv *open_reader(const char *path, const mem_in *mem, jz_encoding enc, unsigned long long offset,
                           bool hash, jz_diag *diag, jz_error *err)
{
    jz_error_clear(err);
    jz_csv *r = jz_xcalloc(1, sizeof *r);
    r->path = jz_xstrdup(path);
    r->diag = diag;
    r->cd = (iconv_t)-1;
    r->stop = -1;
    r->simd = jz_simd_level() != JZ_SIMD_SCALAR;
    r->ilim = 0;
    bool is_stdin = !mem && strcmp(path, "-") == 0;
    if (mem) {
        r->mem = mem->data;
        r->mem_size = mem->size;
        r->rereadable = true;  /* the caller's bytes stay: they can be read again */
    } else {
        r->fp = is_stdin ? stdin : fopen(path, "rb");
        if (!r->fp) {
            jz_error_sys(err, path, "cannot open");
            jz_csv_close(r);
            return NULL;
        }
        struct stat st;
        r->rereadable = !is_stdin && fstat(fileno(r->fp), &st) == 0 && S_ISREG(st.st_mode);
    }
    r->hashing = hash && !r->rereadable;
    if (r->hashing)
        jz_sha256_init(&r->sha);
    if (offset && (is_stdin || enc != JZ_ENC_UTF8 || !seek_to(r, offset))) {
        jz_error_set(err, JZ_EUSAGE, path, 0, 0, "cannot start reading at byte %llu", offset);
        jz_csv_close(r);
        return NULL;
    }
    r->start = offset;
    r->lines_before = -1;
    r->cap = CHUNK * 2;
    r->buf = jz_xmalloc(r->cap);
    r->len = fill(r, r->buf, CHUNK);
    if (read_failed(r)) {
        jz_error_sys(err, path, "cannot read");
        jz_csv_close(r);
        return NULL;
    }
    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
    reset_parser(r);
    bool bom = !offset && r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0;
    if (enc == JZ_ENC_AUTO) {
        if (bom) {
            enc = JZ_ENC_UTF8, r->reason = N_("UTF-8 byte-order mark");
        } else if (looks_utf8(r->buf, r->len, r->eof)) {
            enc = JZ_ENC_UTF8, r->reason = N_("valid UTF-8");
            r->auto_utf8 = true;
            r->first_high = UINT64_MAX;
        } else {
            enc = JZ_ENC_GB18030, r->reason = N_("not valid UTF-8");
        }
    } else {
        r->reason = N_("as requested");
    }
    r->enc = enc;
    if (enc == JZ_ENC_GB18030) {
        if (!start_gb(r, err)) {
            jz_csv_close(r);
            return NULL;
        }
    } else {
        r->pos = bom ? 3 : 0;
        r->valid = r->pos;
        validate_utf8(r);
    }
    if (!offset && cr_only(r->buf + r->pos, r->valid - r->pos)) {
        jz_error_set(err, JZ_EINPUT, path, 1, 1, "lines end with CR only (an old Mac format): the whole file "
                     "would read as one line; save it with LF or CRLF line ends");
        jz_csv_close(r);
        return NULL;
    }
    return r;
}

void jz_csv_close(jz_csv *r)
{
    if (!r)
        return;
    if (r->fp && r->fp != stdin)
        fclose(r->fp);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    csv_free(&r->parser);
    jz_sha256_discard(&r->sha);  /* still hashing: nobody asked for the digest */
    free(r->path);
    free(r->raw);
    free(r->buf);
    free(r->fields);
    free(r->lens);
    free(r->offs);
    free(r->rowbuf);
    free(r);
}

/* ---- rows ---- */

/* The field number (1-based) reached at byte `upto` of the current line, for placing an
 * undecodable byte: fields completed so far in a multi-line row, plus commas outside
 * quotes on this line. */
static long field_at(const jz_csv *r, const char *line, size_t upto)
{
    long f = r->in_row ? (long)r->nfields + 1 : 1;
    bool q = r->in_row && r->parser.quoted;
    for (size_t i = 0; i < upto; i++) {
        if (line[i] == '"')
            q = !q;
        else if (line[i] == ',' && !q)
            f++;
    }
    return f;
}

static int decode_failure(jz_csv *r, jz_error *err)
{
    const char *line = r->buf + r->pos;
    long col = field_at(r, line, r->valid - r->pos);
    if (r->bad_byte == 0)
        return jz_error_set(err, JZ_EINPUT, r->path, r->line + 1, col,
                            "a NUL byte (0x00): this is not a text export (a spreadsheet saved in a binary "
                            "format?); save it again as CSV"),
               -1;
    const char *hint = r->enc == JZ_ENC_UTF8
        ? (strcmp(r->reason, "as requested") == 0 ? _("the file is not UTF-8: try --encoding gb18030")
                                                  : _("the file's first MiB is valid UTF-8, and rows with non-ASCII text were already "
                                                      "read as UTF-8, but this byte is not UTF-8: the file mixes encodings; re-export "
                                                      "it in one encoding, or give --encoding gb18030 if it is GB18030"))
        : _("the file is neither GB18030 nor UTF-8: re-export it as CSV UTF-8 from Excel");
    return jz_error_set(err, JZ_EINPUT, r->path, r->line + 1, col,
                        "byte 0x%02X cannot be decoded as %s; %s", r->bad_byte,
                        jz_encoding_name(r->enc), hint),
           -1;
}

/* An undecodable byte in a file taken for UTF-8 by its first MiB: when everything read
 * before the current row is ASCII (the same bytes in both encodings), read on as GB18030
 * from that row, exactly as if the file had been read as GB18030 from the start, and say
 * so in a note. Needs no rewinding, so pipes switch too. False when it cannot switch. */
static bool switch_to_gb(jz_csv *r)
{
    size_t from = r->in_row ? r->row_pos : r->pos;  /* the row libcsv has seen goes again */
    if (!r->auto_utf8 || r->bad_byte == 0 || r->first_high < file_offset(r, from))
        return false;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return false;
    long bad_line = r->line + 1;
    if (r->in_row) {
        r->line = r->row_line - 1;
        reset_parser(r);
    }
    if (r->stop >= 0) {
        r->split_failed = true;  /* offsets of decoded text are not file offsets: read to the end */
        r->stop = -1;
    }
    r->cd = cd;
    size_t n = r->len - from;
    r->raw_cap = n + CHUNK;
    r->raw = jz_xmalloc(r->raw_cap);
    memcpy(r->raw, r->buf + from, n);
    r->raw_len = n;
    r->raw_pos = 0;
    r->len = r->valid = r->pos = r->row_pos = 0;
    r->ilim = 0;
    r->bad = false;
    r->auto_utf8 = false;
    r->enc = JZ_ENC_GB18030;
    r->reason = N_("not valid UTF-8");
    decode_gb(r);
    jz_diag_emit(r->diag, JZ_NOTE, r->path, bad_line, 0, "", "encoding-switch",
                 "byte 0x%02X is not UTF-8 (the first MiB was): everything before this row is ASCII, the same "
                 "in GB18030, so the file is read as GB18030, with the same result as --encoding gb18030",
                 r->bad_byte);
    return true;
}

/* Find the next physical line in buf: sets *start and *n (without LF), advances pos.
 * Returns 1, 0 at EOF, -1 on error. */
static int next_line(jz_csv *r, char **start, size_t *n, jz_error *err)
{
    for (;;) {
        char *s = r->buf + r->pos;
        char *nl = memchr(s, '\n', r->valid - r->pos);
        if (nl) {
            *start = s;
            *n = (size_t)(nl - s);
            r->pos += *n + 1;
            r->line++;
            return 1;
        }
        if (r->bad && switch_to_gb(r))
            continue;
        if (r->bad)
            return decode_failure(r, err);
        if (!refill(r, err)) {
            if (read_failed(r))
                return -1;  /* refill said why; err is the caller's and may hold anything else */
            if (r->valid > r->pos) {  /* last line without LF */
                ensure_buf(r, r->valid + 1);
                *start = r->buf + r->pos;
                *n = r->valid - r->pos;
                r->pos = r->valid;
                r->line++;
                return 1;
            }
            return 0;
        }
    }
}

/* Bytes of w equal to c have their high bit set in the result (exact, no false hits). */
static uint64_t bytes_equal(uint64_t w, uint64_t c)
{
    uint64_t x = w ^ (c * 0x0101010101010101ull);
    return ~(((x & 0x7f7f7f7f7f7f7f7full) + 0x7f7f7f7f7f7f7f7full) | x | 0x7f7f7f7f7f7f7f7full);
}

static void add_field(jz_csv *r, size_t *k, char *start, char *stop)
{
    if (*k == r->fcap) {
        r->nfields = *k;
        grow_fields(r);
    }
    r->fields[*k] = start;
    r->lens[*k] = (size_t)(stop - start);
    (*k)++;
}

/* Split a quote-free line on commas in place, in one pass, 8 bytes at a time. */
static void fast_split(jz_csv *r, char *s, size_t n)
{
    char *end = s + n, *start = s, *p = s;
    size_t k = 0;
    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t hits = bytes_equal(w, ',');
        while (hits) {
            char *comma = p + (__builtin_ctzll(hits) >> 3);
            *comma = '\0';
            add_field(r, &k, start, comma);
            start = comma + 1;
            hits &= hits - 1;
        }
        p += 8;
    }
    for (; p < end; p++) {
        if (*p == ',') {
            *p = '\0';
            add_field(r, &k, start, p);
            start = p + 1;
        }
    }
    *end = '\0';  /* the LF (or the spare byte after the last line) */
    add_field(r, &k, start, end);
    r->nfields = k;
}

/* ---- the vector splitter ----
 * Rows wholly inside the validated bytes are split from structural masks, 64 bytes at a
 * time: a row without quotes at its commas, a row with quotes at the commas and line
 * feeds outside quotes (prefix xor of the quote bits, carried from block to block) when
 * every field is plain or well quoted. Anything else (a row running past the validated
 * bytes, a stray quote) is left untouched for the line-by-line path and libcsv, which
 * stay the reference: the fields are exactly those libcsv gives for the same lines. */

enum { FAST_NO, FAST_ROW, FAST_BLANK };

/* The masks of the block at buf offset b (a multiple of 64 below valid). The index is
 * rebuilt when b is outside it; valid only moves in refill and switch_to_gb, which
 * empty it. */
static inline const jz_csv_masks *block_masks(jz_csv *r, size_t b)
{
    if (b < r->ibase || b >= r->ilim) {
        size_t n = r->valid - b < JZ_CSV_INDEX_BYTES ? r->valid - b : JZ_CSV_INDEX_BYTES;
        jz_simd_csv_index(r->buf + b, n, r->idx);
        r->ibase = b;
        r->ilim = b + n;
    }
    return &r->idx[(b - r->ibase) >> 6];
}

static int fast_done(jz_csv *r, jz_row *row, size_t k, long lines, size_t next)
{
    r->nfields = k;
    row->nfields = k;
    row->fields = r->fields;
    row->lens = r->lens;
    row->line = r->line + 1;
    r->line += lines;
    r->pos = next;
    r->vector_rows++;
    return FAST_ROW;
}

/* Whether a field with a quote reads as libcsv's strict mode reads it: quoted whole, every
 * quote inside doubled. */
static bool well_quoted(const char *f, size_t n)
{
    if (n < 2 || f[0] != '"' || f[n - 1] != '"')
        return false;
    for (size_t i = 1; i < n - 1; i++)
        if (f[i] == '"') {
            if (i + 1 == n - 1 || f[i + 1] != '"')
                return false;
            i++;
        }
    return true;
}

/* Unquote f[0..n) in place (it shrinks): doubled quotes halved, and the CR that ends a
 * line inside the quotes dropped, as the line-by-line path drops it. Returns the length. */
static size_t unquote(char *f, size_t n)
{
    size_t o = 0;
    for (size_t i = 1; i < n - 1; i++) {
        if (f[i] == '"')
            i++;
        else if (f[i] == '\r' && f[i + 1] == '\n')
            continue;
        f[o++] = f[i];
    }
    f[o] = '\0';
    return o;
}

/* A row with quotes from buf[start]: its separators are the commas and line feeds outside
 * quotes. Nothing is written until the whole row is known to be well formed. */
static int quoted_row(jz_csv *r, jz_row *row, size_t start)
{
    char *s = r->buf;
    size_t p = start, fs = start, k = 0;
    uint64_t carry = 0;  /* all ones when the block starts inside quotes */
    long lines = 0;
    while (p < r->valid) {
        size_t b = p & ~(size_t)63;
        const jz_csv_masks *m = block_masks(r, b);
        uint64_t live = ~0ull << (p - b);
        uint64_t inq = jz_prefix_xor(m->quote & live) ^ carry;
        uint64_t sep = (m->comma | m->lf) & live & ~inq;
        for (; sep; sep &= sep - 1) {
            size_t at = b + (size_t)__builtin_ctzll(sep);
            if (s[at] == ',') {
                add_field(r, &k, s + fs, s + at);
                fs = at + 1;
                continue;
            }
            size_t e = at > fs && s[at - 1] == '\r' ? at - 1 : at;
            add_field(r, &k, s + fs, s + e);
            for (size_t i = 0; i < k; i++)
                if (memchr(r->fields[i], '"', r->lens[i]) && !well_quoted(r->fields[i], r->lens[i]))
                    return FAST_NO;
            for (size_t i = 0; i < k; i++) {
                if (r->lens[i] && r->fields[i][0] == '"')
                    r->lens[i] = unquote(r->fields[i], r->lens[i]);
                else
                    r->fields[i][r->lens[i]] = '\0';
            }
            lines += __builtin_popcountll(m->lf & live & (~0ull >> (63 - (at - b))));
            return fast_done(r, row, k, lines, at + 1);
        }
        lines += __builtin_popcountll(m->lf & live);
        carry = 0 - (inq >> 63);
        p = b + 64;
    }
    return FAST_NO;
}

/* Put back the commas of the first k fields split (a row left to the other paths). */
static void unsplit(jz_csv *r, size_t k)
{
    for (size_t i = 0; i < k; i++)
        r->fields[i][r->lens[i]] = ',';
}

/* The row at r->pos: FAST_ROW (row filled), FAST_BLANK (a blank line passed), or FAST_NO
 * (nothing changed: the line-by-line path takes it). */
static int fast_row(jz_csv *r, jz_row *row)
{
    char *s = r->buf;
    size_t p = r->pos, fs = p, k = 0, valid = r->valid;
    while (p < valid) {
        size_t b = p & ~(size_t)63;
        const jz_csv_masks *m = block_masks(r, b);
        uint64_t live = ~0ull << (p - b);
        uint64_t lf = m->lf & live;
        uint64_t before = lf ? (lf & (0 - lf)) - 1 : ~0ull;  /* the bits below the line feed */
        if (m->quote & live & before) {
            unsplit(r, k);
            return quoted_row(r, row, r->pos);
        }
        reserve_fields(r, k + 65);  /* this block's fields and the last one */
        char **fields = r->fields;
        size_t *lens = r->lens;
        for (uint64_t c = m->comma & live & before; c; c &= c - 1) {
            size_t at = b + (size_t)__builtin_ctzll(c);
            s[at] = '\0';
            fields[k] = s + fs;
            lens[k++] = at - fs;
            fs = at + 1;
        }
        if (lf) {
            size_t at = b + (size_t)__builtin_ctzll(lf);
            size_t e = at > fs && s[at - 1] == '\r' ? at - 1 : at;
            if (k == 0 && e == fs) {
                r->line++;
                r->pos = at + 1;
                return FAST_BLANK;
            }
            s[e] = '\0';
            fields[k] = s + fs;
            lens[k++] = e - fs;
            return fast_done(r, row, k, 1, at + 1);
        }
        p = b + 64;
    }
    unsplit(r, k);
    return FAST_NO;
}

static void finish_slow_row(jz_csv *r, jz_row *row)
{
    for (size_t i = 0; i < r->nfields; i++)
        r->fields[i] = r->rowbuf + r->offs[i];
    row->nfields = r->nfields;
    row->fields = r->fields;
    row->lens = r->lens;
    row->line = r->row_line;
    r->in_row = false;
    r->row_done = false;
    r->rowlen = 0;
}

/* ---- broken rows ---- */

/* Whether s[0..n) reads as CSV rows by itself, as libcsv's strict mode reads them: a quote
 * only opens a field, a closing quote is followed by a comma or a line end, every row
 * has `width` fields (0: any) and (unless open_ok: more lines follow) no quote is left
 * open at the end. */
static bool parses_alone(const char *s, size_t n, bool open_ok, size_t width)
{
    enum { START, PLAIN, QUOTED, CLOSED } st = START;
    size_t fields = 1, len = 0;  /* of the row being read; len 0: a blank line so far */
    for (size_t i = 0; i < n; i++, len++) {
        char c = s[i];
        if (st == QUOTED) {
            st = c == '"' ? CLOSED : QUOTED;
            continue;
        }
        if (c == '\n' || (c == '\r' && i + 1 < n && s[i + 1] == '\n')) {
            i += c == '\r';
            if (len && width && fields != width)
                return false;
            st = START, fields = 1, len = (size_t)-1;
        } else if (c == ',') {
            st = START, fields++;
        } else if (c == '"') {
            if (st != START && st != CLOSED)
                return false;  /* a quote inside an unquoted field */
            st = QUOTED;       /* opens a field, or a doubled quote in one */
        } else if (st == CLOSED) {
            return false;      /* text after a closing quote */
        } else {
            st = PLAIN;
        }
    }
    if (st == QUOTED)
        return open_ok && (!width || fields <= width);
    return !len || !width || fields == width;
}

/* The field number (1-based) where the quote left open at the end of s[0..n) opened. */
static long open_quote_field(const char *s, size_t n)
{
    long f = 1, at = 1;
    bool q = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            at = q ? at : f;
            q = !q;
        } else if (s[i] == ',' && !q) {
            f++;
        }
    }
    return at;
}

/* A line number as a message's text gives it: the file's, also in a part read from an
 * offset (whose own lines count from 0 there, and are made the file's by the caller): the
 * lines before the part are counted once, the first time a message needs them (a broken
 * row: rare, so a part never pays for it otherwise). */
static long text_line(jz_csv *r, long line)
{
    if (!r->start)
        return line;
    if (r->lines_before < 0) {
        r->lines_before = 0;
        if (!r->fp) {
            for (const unsigned char *p = r->mem, *e = r->mem + r->start; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
                r->lines_before++;
            return line + r->lines_before;
        }
        FILE *fp = fopen(r->path, "rb");
        char buf[1 << 16];
        unsigned long long left = r->start;
        while (fp && left) {
            size_t n = fread(buf, 1, left < sizeof buf ? (size_t)left : sizeof buf, fp);
            if (!n)
                break;
            for (const char *p = buf, *e = buf + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
                r->lines_before++;
            left -= n;
        }
        if (fp)
            fclose(fp);
    }
    return line + r->lines_before;
}

/* The row begun at row_line broke: libcsv refused a byte on line r->line, or (at_end) a
 * quote was still open at the end of the file. When the lines after the row's first
 * parse on their own, the first line opened a quote it never closed: that quote is
 * reported, only that line is skipped and reading goes on at the next line (returns
 * true). Otherwise the row is reported where it broke and skipped whole. */
static bool broken_row(jz_csv *r, bool at_end)
{
    long first = r->row_line, last = r->line;
    const char *s = r->buf + r->row_pos;
    const char *nl = memchr(s, '\n', r->pos - r->row_pos);
    size_t n1 = nl ? (size_t)(nl - s) : r->pos - r->row_pos;
    size_t next = r->row_pos + n1 + 1;
    long field = (long)r->nfields + 1;  /* where libcsv stopped */
    reset_parser(r);
    if (last > first && nl && parses_alone(r->buf + next, r->pos - next, !at_end, r->width)) {
        jz_diag_emit(r->diag, JZ_ERROR, r->path, first, open_quote_field(s, n1), "", "unterminated-quote",
                     "the quote that opens this field is never closed on its line (the next %s on its "
                     "own): add the closing '\"' or double the quote (\"\"); 1 line skipped, reading goes on "
                     "at line %ld", last - first == 1 ? "line reads" : "lines read", text_line(r, first + 1));
        r->pos = next;
        r->line = first;
        return true;
    }
    if (at_end)
        jz_diag_emit(r->diag, JZ_ERROR, r->path, first, field, "", "unterminated-quote",
                     "a quoted field starts here and is never closed: the rest of the file was read as "
                     "one field; add the closing '\"'; %ld line%s skipped", last - first + 1,
                     last > first ? "s" : "");
    else if (last > first)
        jz_diag_emit(r->diag, JZ_ERROR, r->path, last, field, "", "bad-quote",
                     "a '\"' inside an unquoted field, or text after a closing quote: quote the whole "
                     "field and double any quote inside it (\"\"); row skipped (lines %ld-%ld)", text_line(r, first),
                     text_line(r, last));
    else
        jz_diag_emit(r->diag, JZ_ERROR, r->path, last, field, "", "bad-quote",
                     "a '\"' inside an unquoted field, or text after a closing quote: quote the whole "
                     "field and double any quote inside it (\"\"); row skipped");
    return false;
}

/* At the end of the file: 1 with the last row, 0 at the end, 2 to read on (a broken
 * row's later lines are read again). */
static int at_eof(jz_csv *r, jz_row *row)
{
    if (!r->in_row)
        return 0;
    if (csv_fini(&r->parser, on_field, on_row, r) != 0)
        return broken_row(r, true) ? 2 : 0;
    if (r->row_done && r->nfields) {
        finish_slow_row(r, row);
        return 1;
    }
    return 0;
}

/* libcsv stopped at line r->line: out of memory is fatal (-1, err filled), anything else
 * a broken row (0: read on). */
static int parse_failed(jz_csv *r, jz_error *err)
{
    if (csv_error(&r->parser) == CSV_ENOMEM) {
        jz_error_set(err, JZ_ENOMEM, r->path, r->row_line, (long)r->nfields + 1,
                     "out of memory: a field grew past %zu MiB and cannot grow further",
                     r->parser.entry_size >> 20);
        reset_parser(r);
        return -1;
    }
    broken_row(r, false);
    return 0;
}

unsigned long long jz_csv_offset(const jz_csv *r)
{
    return r->start + r->bytes - (r->len - r->pos);  /* UTF-8: buffered bytes are file bytes */
}

long jz_csv_line(const jz_csv *r)
{
    return r->line;
}

void jz_csv_stop_at(jz_csv *r, unsigned long long offset)
{
    r->stop = offset == JZ_CSV_NO_STOP ? -1 : (long long)offset;
}

void jz_csv_set_width(jz_csv *r, size_t width)
{
    r->width = width;
}

bool jz_csv_split_failed(const jz_csv *r)
{
    return r->split_failed;
}

static int next_row(jz_csv *r, jz_row *row, jz_error *err)
{
    for (;;) {
        char *s;
        size_t n;
        if (r->stop >= 0 && !r->in_row && jz_csv_offset(r) >= (unsigned long long)r->stop) {
            if (jz_csv_offset(r) == (unsigned long long)r->stop)
                return 0;  /* the part ends exactly here */
            r->split_failed = true;  /* a row ran past the split: read on to the end */
            r->stop = -1;
        }
        if (r->simd && !r->in_row) {
            int fast = fast_row(r, row);
            if (fast == FAST_ROW)
                return 1;
            if (fast == FAST_BLANK)
                continue;
        }
        int rc = next_line(r, &s, &n, err);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            if ((rc = at_eof(r, row)) == 2)
                continue;
            return rc;
        }
        if (n && s[n - 1] == '\r')
            n--;
        if (!r->in_row) {
            if (n == 0)
                continue;  /* blank line */
            if (!memchr(s, '"', n)) {
                fast_split(r, s, n);
                row->nfields = r->nfields;
                row->fields = r->fields;
                row->lens = r->lens;
                row->line = r->line;
                return 1;
            }
            r->in_row = true;
            r->row_line = r->line;
            r->row_pos = (size_t)(s - r->buf);
            r->nfields = 0;
        }
        /* The line goes to libcsv unchanged (it may be read again if the row breaks). */
        if (csv_parse(&r->parser, s, n, on_field, on_row, r) != n ||
            csv_parse(&r->parser, "\n", 1, on_field, on_row, r) != 1) {
            if (parse_failed(r, err) < 0)
                return -1;
            continue;
        }
        if (r->row_done) {
            finish_slow_row(r, row);
            return 1;
        }
    }
}

int jz_csv_next(jz_csv *r, jz_row *row, jz_error *err)
{
    int rc = next_row(r, row, err);
    if (rc > 0 && !r->width && !r->start)
        r->width = row->nfields;  /* the header: where a broken row may resume is checked by it */
    if (rc > 0 && row->nfields) {
        /* every path leaves a row's fields in order in one buffer (buf or rowbuf), each
         * followed by its NUL */
        size_t last = row->nfields - 1;
        row->span = row->fields[0];
        row->span_n = (size_t)(row->fields[last] + row->lens[last] + 1 - row->fields[0]);
    } else {
        row->span = NULL;
        row->span_n = 0;
    }
    return rc;
}
