/* xlsbiff.c — see include/jz/xlsbiff.h. Written from the public descriptions of the
 * formats ([MS-CFB] Compound File Binary File Format, [MS-XLS] BIFF8); every number read
 * from the file is checked before it is used as an offset, a length or an index. */
#include "jz/xlsbiff.h"
#include "jz/error.h"
#include "jz/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENDOFCHAIN 0xFFFFFFFEu
#define FREESECT 0xFFFFFFFFu
#define MAXREGSECT 0xFFFFFFFAu
#define DIR_ENTRY 128u
#define MINI_SECTOR 64u

/* BIFF8 record types ([MS-XLS] 2.3) */
#define R_FORMULA 0x0006
#define R_EOF 0x000A
#define R_DATEMODE 0x0022
#define R_FILEPASS 0x002F
#define R_CONTINUE 0x003C
#define R_BOUNDSHEET 0x0085
#define R_XF 0x00E0
#define R_BOOLERR 0x0205
#define R_STRING 0x0207
#define R_ARRAY 0x0221
#define R_TABLE 0x0236
#define R_FORMAT 0x041E
#define R_SHRFMLA 0x04BC
#define R_BOF 0x0809

static uint16_t rd16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void jz_biff_number_text(double d, char *buf, size_t size)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

/* ---- the compound file ---- */

typedef struct cfb {
    const unsigned char *d;
    size_t n;
    size_t ssz;       /* sector size: 512 or 4096 */
    uint32_t nsect;   /* sectors (whole or cut short) in the file after the header */
    uint32_t *fat;
    size_t nfat;
    unsigned char *seen;  /* one byte per sector, for chain loops */
} cfb;

/* Sector s's bytes in the file: its start; *avail how many of its ssz are there. */
static const unsigned char *sector(const cfb *c, uint32_t s, size_t *avail)
{
    if (s >= c->nsect)
        return NULL;
    size_t off = ((size_t)s + 1) * c->ssz;
    *avail = c->n - off < c->ssz ? c->n - off : c->ssz;
    return c->d + off;
}

/* The stream of size bytes starting at sector start, FAT chained: a fresh buffer, or NULL
 * (a chain that loops, ends early, or leaves the file or the FAT). size 0 = up to the
 * end of the chain (the directory), *got its length. */
static unsigned char *read_chain(cfb *c, uint32_t start, size_t size, size_t *got)
{
    bool to_end = size == 0;
    if (to_end)
        size = (size_t)c->nsect * c->ssz;
    else if (size > (size_t)c->nsect * c->ssz)
        return NULL;
    unsigned char *buf = jz_xmalloc(size ? size : 1);
    memset(c->seen, 0, c->nsect);
    size_t have = 0;
    uint32_t s = start;
    while (have < size) {
        if (s == ENDOFCHAIN && to_end)
            break;
        size_t avail;
        const unsigned char *p = sector(c, s, &avail);
        if (!p || s >= c->nfat || c->seen[s]) {
            free(buf);
            return NULL;
        }
        c->seen[s] = 1;
        size_t want = size - have < c->ssz ? size - have : c->ssz;
        if (avail < want) {
            free(buf);
            return NULL;
        }
        memcpy(buf + have, p, want);
        have += want;
        s = c->fat[s];
    }
    *got = have;
    return buf;
}

/* FAT sector number `done` of the FAT is file sector s: its entries into c->fat. */
static bool fat_sector(cfb *c, uint32_t s, uint32_t done, const char **why)
{
    size_t avail, per = c->ssz / 4;
    const unsigned char *p = sector(c, s, &avail);
    if (!p || avail < c->ssz) {
        *why = "a FAT sector is out of range";
        return false;
    }
    for (size_t k = 0; k < per; k++)
        c->fat[(size_t)done * per + k] = rd32(p + 4 * k);
    return true;
}

/* The FAT, from the header's 109 DIFAT entries and the DIFAT sectors chained after them. */
static bool load_fat(cfb *c, const char **why)
{
    const unsigned char *h = c->d;
    uint32_t nfatsect = rd32(h + 0x2C), difat = rd32(h + 0x44), ndifat = rd32(h + 0x48);
    if (nfatsect == 0 || nfatsect > c->nsect) {
        *why = "the FAT sector count is out of range";
        return false;
    }
    size_t per = c->ssz / 4;
    c->nfat = (size_t)nfatsect * per;
    c->fat = jz_xmalloc(c->nfat * sizeof *c->fat);
    uint32_t done = 0;
    for (unsigned i = 0; i < 109 && done < nfatsect; i++) {
        if (!fat_sector(c, rd32(h + 0x4C + 4 * i), done++, why))
            return false;
    }
    memset(c->seen, 0, c->nsect);
    for (uint32_t steps = 0; done < nfatsect; steps++) {
        size_t avail;
        const unsigned char *d = sector(c, difat, &avail);
        if (steps >= ndifat || !d || avail < c->ssz || c->seen[difat]) {
            *why = "the DIFAT chain loops, ends early or leaves the file";
            return false;
        }
        c->seen[difat] = 1;
        for (size_t i = 0; i + 1 < per && done < nfatsect; i++) {
            if (!fat_sector(c, rd32(d + 4 * i), done++, why))
                return false;
        }
        difat = rd32(d + 4 * (per - 1));
    }
    return true;
}

/* A directory entry's name is `want` (ASCII, case-insensitive)? */
static bool entry_named(const unsigned char *e, const char *want)
{
    uint16_t len = rd16(e + 0x40);
    size_t n = strlen(want);
    if (len != (n + 1) * 2)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint16_t ch = rd16(e + 2 * i);
        if (ch > 0x7F || (ch | 0x20) != (unsigned)(want[i] | 0x20))
            return false;
    }
    return true;
}

/* The workbook stream of the compound file: a fresh buffer, or NULL with *why. */
static unsigned char *workbook_stream(const unsigned char *data, size_t size, size_t *wlen, const char **why)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (size < 512 || memcmp(data, sig, 8) != 0) {
        *why = "not a compound file (short, or no signature)";
        return NULL;
    }
    uint16_t shift = rd16(data + 0x1E), mshift = rd16(data + 0x20);
    if ((shift != 9 && shift != 12) || mshift != 6 || rd16(data + 0x1C) != 0xFFFE) {
        *why = "the header's sector sizes or byte order are not those of a compound file";
        return NULL;
    }
    cfb c = {data, size, (size_t)1 << shift, 0, NULL, 0, NULL};
    if (size < c.ssz) {
        *why = "the file is shorter than its header";
        return NULL;
    }
    size_t ns = (size - c.ssz + c.ssz - 1) / c.ssz;
    c.nsect = ns > MAXREGSECT ? MAXREGSECT : (uint32_t)ns;
    c.seen = jz_xcalloc(c.nsect ? c.nsect : 1, 1);
    unsigned char *dir = NULL, *minifat = NULL, *ministream = NULL, *out = NULL;
    if (!load_fat(&c, why))
        goto done;
    size_t ndir;
    dir = read_chain(&c, rd32(data + 0x30), 0, &ndir);
    if (!dir || ndir < DIR_ENTRY) {
        *why = "the directory chain loops, ends early or leaves the file";
        goto done;
    }
    const unsigned char *root = dir, *wb = NULL;
    if (root[0x42] != 5) {
        *why = "the directory's first entry is not the root";
        goto done;
    }
    for (size_t off = DIR_ENTRY; off + DIR_ENTRY <= ndir && !wb; off += DIR_ENTRY)
        if (dir[off + 0x42] == 2 && entry_named(dir + off, "Workbook"))
            wb = dir + off;
    for (size_t off = DIR_ENTRY; off + DIR_ENTRY <= ndir && !wb; off += DIR_ENTRY)
        if (dir[off + 0x42] == 2 && entry_named(dir + off, "Book"))
            wb = dir + off;
    if (!wb) {
        *why = "no Workbook stream";
        goto done;
    }
    /* a version 3 file's sizes are 32 bits; the high word may be anything */
    uint64_t wsize = shift == 9 ? rd32(wb + 0x78) : (uint64_t)rd32(wb + 0x78) | (uint64_t)rd32(wb + 0x7C) << 32;
    if (wsize == 0 || wsize > size) {
        *why = "the Workbook stream's size is out of range";
        goto done;
    }
    uint32_t cutoff = rd32(data + 0x38);
    if (wsize >= cutoff) {
        out = read_chain(&c, rd32(wb + 0x74), (size_t)wsize, wlen);
        if (!out)
            *why = "the Workbook stream's chain loops, ends early or leaves the file";
        goto done;
    }
    /* a small stream: in the mini stream (the root entry's stream), chained by the mini FAT */
    uint64_t msize = shift == 9 ? rd32(root + 0x78) : (uint64_t)rd32(root + 0x78) | (uint64_t)rd32(root + 0x7C) << 32;
    uint32_t nminifat = rd32(data + 0x40);
    size_t got;
    if (msize == 0 || msize > size || nminifat == 0 || nminifat > c.nsect) {
        *why = "the mini stream or the mini FAT is out of range";
        goto done;
    }
    ministream = read_chain(&c, rd32(root + 0x74), (size_t)msize, &got);
    minifat = ministream ? read_chain(&c, rd32(data + 0x3C), (size_t)nminifat * c.ssz, &got) : NULL;
    if (!minifat) {
        *why = "the mini stream's or the mini FAT's chain loops, ends early or leaves the file";
        goto done;
    }
    size_t nmini = (size_t)msize / MINI_SECTOR, nmfat = (size_t)nminifat * c.ssz / 4;
    unsigned char *seen = jz_xcalloc(nmini ? nmini : 1, 1);
    out = jz_xmalloc((size_t)wsize);
    size_t have = 0;
    uint32_t s = rd32(wb + 0x74);
    while (have < wsize) {
        if (s >= nmini || s >= nmfat || seen[s]) {
            free(out), out = NULL;
            *why = "the Workbook stream's mini chain loops, ends early or leaves the mini stream";
            break;
        }
        seen[s] = 1;
        size_t want = wsize - have < MINI_SECTOR ? (size_t)(wsize - have) : MINI_SECTOR;
        memcpy(out + have, ministream + (size_t)s * MINI_SECTOR, want);
        have += want;
        s = rd32(minifat + 4 * (size_t)s);
    }
    free(seen);
    *wlen = have;
done:
    free(dir);
    free(minifat);
    free(ministream);
    free(c.fat);
    free(c.seen);
    return out;
}

/* ---- BIFF8 ---- */

typedef struct biff {
    const unsigned char *w;
    size_t n;
} biff;

/* The record at *pos: its type, data and length; false at the end or on a record that
 * runs past the stream. */
static bool record(const biff *b, size_t *pos, uint16_t *type, const unsigned char **data, size_t *len)
{
    if (*pos > b->n || b->n - *pos < 4)
        return false;
    *type = rd16(b->w + *pos);
    *len = rd16(b->w + *pos + 2);
    if (b->n - *pos - 4 < *len)
        return false;
    *data = b->w + *pos + 4;
    *pos += 4 + *len;
    return true;
}

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_byte(sbuf *s, char c)
{
    if (s->n + 2 > s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->p = jz_xrealloc(s->p, s->cap);
    }
    s->p[s->n++] = c;
    s->p[s->n] = '\0';
}

static void sb_utf8(sbuf *s, uint32_t u)
{
    if (u < 0x80) {
        sb_byte(s, (char)u);
    } else if (u < 0x800) {
        sb_byte(s, (char)(0xC0 | u >> 6));
        sb_byte(s, (char)(0x80 | (u & 0x3F)));
    } else if (u < 0x10000) {
        sb_byte(s, (char)(0xE0 | u >> 12));
        sb_byte(s, (char)(0x80 | (u >> 6 & 0x3F)));
        sb_byte(s, (char)(0x80 | (u & 0x3F)));
    } else {
        sb_byte(s, (char)(0xF0 | u >> 18));
        sb_byte(s, (char)(0x80 | (u >> 12 & 0x3F)));
        sb_byte(s, (char)(0x80 | (u >> 6 & 0x3F)));
        sb_byte(s, (char)(0x80 | (u & 0x3F)));
    }
}

/* UTF-16 code units to UTF-8: pairs joined, a lone surrogate U+FFFD. */
typedef struct u16dec {
    uint32_t hi;  /* a high surrogate waiting for its low one, or 0 */
} u16dec;

static void put_unit(sbuf *s, u16dec *d, uint32_t u)
{
    if (d->hi && u >= 0xDC00 && u <= 0xDFFF) {
        sb_utf8(s, 0x10000 + ((d->hi - 0xD800) << 10) + (u - 0xDC00));
        d->hi = 0;
        return;
    }
    if (d->hi)
        sb_utf8(s, 0xFFFD), d->hi = 0;
    if (u >= 0xD800 && u <= 0xDBFF)
        d->hi = u;
    else if (u >= 0xDC00 && u <= 0xDFFF)
        sb_utf8(s, 0xFFFD);
    else
        sb_utf8(s, u);
}

/* cch characters from p (n bytes there), 1 or 2 bytes each: how many bytes were used. */
static size_t put_chars(sbuf *s, u16dec *d, const unsigned char *p, size_t n, bool high, size_t *cch)
{
    size_t used = 0;
    while (*cch && used + (high ? 2 : 1) <= n) {
        put_unit(s, d, high ? rd16(p + used) : p[used]);
        used += high ? 2 : 1;
        (*cch)--;
    }
    return used;
}

/* A short name (BOUNDSHEET: 8-bit count, flags, characters) as UTF-8, or NULL. */
static char *short_string(const unsigned char *p, size_t n)
{
    if (n < 2)
        return NULL;
    size_t cch = p[0];
    bool high = p[1] & 1;
    sbuf s = {0};
    u16dec d = {0};
    sb_byte(&s, 'x'), s.n = 0, s.p[0] = '\0';
    put_chars(&s, &d, p + 2, n - 2, high, &cch);
    if (d.hi)
        sb_utf8(&s, 0xFFFD);
    if (cch) {
        free(s.p);
        return NULL;
    }
    return s.p;
}

/* The STRING record's text at data[0..len), continued by the CONTINUE records from *pos
 * (each starting with a flags byte); NULL if cut short. *pos moves past those used. */
static char *long_string(const biff *b, const unsigned char *data, size_t len, size_t *pos)
{
    if (len < 3)
        return NULL;
    size_t cch = rd16(data);
    bool high = data[2] & 1;
    sbuf s = {0};
    u16dec d = {0};
    sb_byte(&s, 'x'), s.n = 0, s.p[0] = '\0';
    put_chars(&s, &d, data + 3, len - 3, high, &cch);
    while (cch) {
        size_t at = *pos;
        uint16_t type;
        const unsigned char *p;
        size_t n;
        if (!record(b, &at, &type, &p, &n) || type != R_CONTINUE || n < 1) {
            free(s.p);
            return NULL;
        }
        *pos = at;
        high = p[0] & 1;
        put_chars(&s, &d, p + 1, n - 1, high, &cch);
    }
    if (d.hi)
        sb_utf8(&s, 0xFFFD);
    return s.p;
}

static const char *error_text(unsigned code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    case 0x2B: return "#GETTING_DATA";
    default: return "?";
    }
}

typedef struct cells {
    jz_biff_cell *c;
    size_t n, cap;
} cells;

static void add_cell(cells *cs, uint32_t row, uint32_t col, bool error, char *text, bool typed)
{
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 64;
        cs->c = jz_xrealloc(cs->c, cs->cap * sizeof *cs->c);
    }
    cs->c[cs->n] = (jz_biff_cell){row, col, error, typed, text, cs->n};
    cs->n++;
}

static int by_place(const void *a, const void *b)
{
    const jz_biff_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct sheetref {
    uint32_t pos;
    char *name;
} sheetref;

typedef struct fmt {
    uint16_t id;
    unsigned char kind;
} fmt;

/* The number as a cell's text: a date by its XF's kind, else the shortest decimal. */
static char *number_cell(double v, int kind, bool d1904)
{
    char num[40], date[64];
    jz_biff_number_text(v, num, sizeof num);
    if (kind != JZ_NUMFMT_NONE && jz_numfmt_serial_text(num, kind, d1904, date, sizeof date))
        return jz_xstrdup(date);
    return jz_xstrdup(num);
}

bool jz_biff_read(const unsigned char *data, size_t size, const char *name, long index, jz_biff_cells *out,
                  const char **why)
{
    static const char *dummy;
    if (!why)
        why = &dummy;
    out->cell = NULL, out->n = 0;
    size_t wlen = 0;
    unsigned char *w = workbook_stream(data, size, &wlen, why);
    if (!w)
        return false;
    biff b = {w, wlen};
    sheetref *sheets = NULL;
    size_t nsheets = 0;
    fmt *fmts = NULL;
    size_t nfmts = 0;
    uint16_t *xf = NULL;  /* each XF's format id */
    size_t nxf = 0;
    unsigned char *xf_kind = NULL;
    bool d1904 = false, ok = false;
    cells cs = {0};
    size_t pos = 0;
    uint16_t type;
    const unsigned char *p;
    size_t n;
    if (!record(&b, &pos, &type, &p, &n) || type != R_BOF || n < 4 || rd16(p) != 0x0600) {
        *why = "the Workbook stream does not start with a BIFF8 BOF record";
        goto done;
    }
    for (;;) {
        if (!record(&b, &pos, &type, &p, &n)) {
            *why = "the workbook globals end without an EOF record";
            goto done;
        }
        if (type == R_EOF)
            break;
        if (type == R_FILEPASS) {
            *why = "the workbook is encrypted";
            goto done;
        } else if (type == R_DATEMODE && n >= 2) {
            d1904 = rd16(p) == 1;
        } else if (type == R_BOUNDSHEET && n >= 8) {
            sheets = jz_xrealloc(sheets, (nsheets + 1) * sizeof *sheets);
            sheets[nsheets].pos = rd32(p);
            sheets[nsheets++].name = short_string(p + 6, n - 6);
        } else if (type == R_FORMAT && n >= 5) {
            /* the code's characters as bytes, enough for its date and time letters */
            size_t cch = rd16(p + 2), k = 0;
            bool high = p[4] & 1;
            char code[256];
            for (const unsigned char *c = p + 5; cch && k + 1 < sizeof code && c + (high ? 2 : 1) <= p + n; cch--) {
                unsigned u = high ? rd16(c) : *c;
                code[k++] = u < 0x80 ? (char)u : '?';
                c += high ? 2 : 1;
            }
            code[k] = '\0';
            fmts = jz_xrealloc(fmts, (nfmts + 1) * sizeof *fmts);
            fmts[nfmts++] = (fmt){rd16(p), (unsigned char)jz_numfmt_code_kind(code)};
        } else if (type == R_XF && n >= 4) {
            xf = jz_xrealloc(xf, (nxf + 1) * sizeof *xf);
            xf[nxf++] = rd16(p + 2);
        }
    }
    xf_kind = jz_xcalloc(nxf ? nxf : 1, 1);
    for (size_t i = 0; i < nxf; i++) {
        int kind = jz_numfmt_builtin_kind(xf[i]);
        for (size_t k = 0; k < nfmts; k++)
            if (fmts[k].id == xf[i])
                kind = fmts[k].kind;
        xf_kind[i] = (unsigned char)kind;
    }
    const sheetref *sh = NULL;
    for (size_t i = 0; name && i < nsheets && !sh; i++)
        if (sheets[i].name && strcmp(sheets[i].name, name) == 0)
            sh = &sheets[i];
    if (!sh && index >= 0 && (size_t)index < nsheets)
        sh = &sheets[index];
    if (!sh) {
        *why = "no such sheet";
        goto done;
    }
    pos = sh->pos;
    if (!record(&b, &pos, &type, &p, &n) || type != R_BOF) {
        *why = "the sheet's offset is not that of a BOF record";
        goto done;
    }
    int depth = 1;           /* an embedded chart's BOF ... EOF nests inside */
    bool want_string = false;
    uint32_t srow = 0, scol = 0;
    while (depth > 0 && record(&b, &pos, &type, &p, &n)) {
        if (type == R_BOF) {
            depth++;
            continue;
        }
        if (type == R_EOF) {
            depth--;
            continue;
        }
        if (depth != 1)
            continue;
        if (want_string) {
            if (type == R_SHRFMLA || type == R_ARRAY || type == R_TABLE || type == R_CONTINUE)
                continue;
            want_string = false;
            if (type == R_STRING) {
                char *s = long_string(&b, p, n, &pos);
                if (s && *s)
                    add_cell(&cs, srow, scol, false, s, false);
                else
                    free(s);
                continue;
            }
            /* no STRING record: the cell stays empty; this record is read as any other */
        }
        if (type == R_FORMULA && n >= 20) {
            uint32_t row = rd16(p), col = rd16(p + 2);
            uint16_t ixfe = rd16(p + 4);
            const unsigned char *v = p + 6;
            if (rd16(v + 6) == 0xFFFF) {
                if (v[0] == 0)
                    want_string = true, srow = row, scol = col;
                else if (v[0] == 1)
                    add_cell(&cs, row, col, false, jz_xstrdup(v[2] ? "TRUE" : "FALSE"), false);
                else if (v[0] == 2)
                    add_cell(&cs, row, col, true, jz_xstrdup(error_text(v[2])), false);
                /* 3: an empty string, an empty field */
            } else {
                uint64_t bits = (uint64_t)rd32(v + 4) << 32 | rd32(v);
                double d;
                memcpy(&d, &bits, sizeof d);
                if (isfinite(d))
                    add_cell(&cs, row, col, false, number_cell(d, ixfe < nxf ? xf_kind[ixfe] : JZ_NUMFMT_NONE, d1904),
                             false);
            }
        } else if (type == R_BOOLERR && n >= 8) {
            uint32_t row = rd16(p), col = rd16(p + 2);
            if (p[7])
                add_cell(&cs, row, col, true, jz_xstrdup(error_text(p[6])), true);
            else
                add_cell(&cs, row, col, false, jz_xstrdup(p[6] ? "TRUE" : "FALSE"), true);
        }
    }
    /* a sheet cut short keeps the cells read so far */
    if (cs.n > 1) {
        /* of two records for one cell the later counts (seq: the order they came in) */
        qsort(cs.c, cs.n, sizeof *cs.c, by_place);
        size_t k = 0;
        for (size_t i = 0; i < cs.n; i++) {
            if (i + 1 < cs.n && cs.c[i + 1].row == cs.c[i].row && cs.c[i + 1].col == cs.c[i].col) {
                free(cs.c[i].text);
                continue;
            }
            cs.c[k++] = cs.c[i];
        }
        cs.n = k;
    }
    ok = true;
done:
    if (ok) {
        out->cell = cs.c, out->n = cs.n;
    } else {
        for (size_t i = 0; i < cs.n; i++)
            free(cs.c[i].text);
        free(cs.c);
    }
    for (size_t i = 0; i < nsheets; i++)
        free(sheets[i].name);
    free(sheets);
    free(fmts);
    free(xf);
    free(xf_kind);
    free(w);
    return ok;
}

void jz_biff_cells_free(jz_biff_cells *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->cell[i].text);
    free(c->cell);
    c->cell = NULL, c->n = 0;
}
