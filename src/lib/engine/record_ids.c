/* record_ids.c — see include/jz/record_ids.h */
#include "jz/record_ids.h"
#include "jz/hash.h"
#include "jz/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a record was first read, packed in one word: the file as an index into the table's
 * list of names (19 bits) and the line (44 bits); the top bit is the block's "each id has
 * its own line" mark. A run beyond half a million files or 17 trillion lines is refused
 * (the program stops with a message), never mixed up. */
enum { FILE_BITS = 19, LINE_BITS = 44 };
#define LINE_MASK ((((uint64_t)1) << LINE_BITS) - 1)
#define OWN_LINES (((uint64_t)1) << 63)
enum { BLOCK = 64, SHIFT = 6 };

typedef struct idslot {           /* an id without a number: 16 bytes */
    uint64_t fp;                  /* 0: empty */
    uint64_t where;
} idslot;

typedef struct blkslot {          /* 64 numbers of one series: 24 bytes */
    uint64_t key;                 /* hash of (series, n >> 6); 0: empty */
    uint64_t bits;                /* which of the 64 are present */
    uint64_t where;               /* the line of number 0 of the block (+ BLOCK, so never
                                     negative) and its file; with OWN_LINES, the index of
                                     the block's own lines in `own` */
} blkslot;

struct jz_record_ids {
    idslot *v;
    size_t cap, n;                /* cap a power of two */
    blkslot *b;
    size_t bcap, bn;
    uint64_t (*own)[BLOCK];       /* blocks whose lines do not step with their ids */
    size_t nown, owncap;
    const char **files;           /* borrowed names, by index */
    size_t nfiles, filecap;
};

jz_record_ids *jz_record_ids_new(void)
{
    jz_record_ids *t = jz_xcalloc(1, sizeof *t);
    t->cap = 1024;
    t->v = jz_xcalloc(t->cap, sizeof *t->v);
    t->bcap = 256;
    t->b = jz_xcalloc(t->bcap, sizeof *t->b);
    return t;
}

void jz_record_ids_free(jz_record_ids *t)
{
    if (!t)
        return;
    free(t->v);
    free(t->b);
    free(t->own);
    free(t->files);
    free(t);
}

unsigned long long jz_record_ids_bytes(const jz_record_ids *t)
{
    return (unsigned long long)t->cap * sizeof *t->v + (unsigned long long)t->bcap * sizeof *t->b +
           (unsigned long long)t->owncap * sizeof *t->own;
}

static size_t file_index(jz_record_ids *t, const char *file)
{
    size_t f = t->nfiles;
    if (f && t->files[f - 1] == file)
        return f - 1;  /* the file being read: the usual case */
    for (f = 0; f < t->nfiles && t->files[f] != file; f++)
        ;
    if (f == t->nfiles) {
        if (t->nfiles == t->filecap) {
            t->filecap = t->filecap ? t->filecap * 2 : 8;
            t->files = jz_xrealloc(t->files, t->filecap * sizeof *t->files);
        }
        t->files[t->nfiles++] = file;
    }
    return f;
}

static uint64_t pack(jz_record_ids *t, const char *file, long line)
{
    size_t f = file_index(t, file);
    if (f >= ((size_t)1 << FILE_BITS) || line < 0 || (uint64_t)line + BLOCK > LINE_MASK) {
        fprintf(stderr, "jiazong: record ids: more than %lu files or a line beyond %llu in one run: "
                        "check the files in smaller runs\n", (unsigned long)1 << FILE_BITS,
                (unsigned long long)LINE_MASK - BLOCK);
        exit(4);
    }
    return (uint64_t)f << LINE_BITS | (uint64_t)line;
}

static void unpack(const jz_record_ids *t, uint64_t where, const char **file, long *line)
{
    if (file)
        *file = t->files[(where & ~OWN_LINES) >> LINE_BITS];
    if (line)
        *line = (long)(where & LINE_MASK);
}

/* ---- keys ---- */

jz_record_key jz_record_id_key(const jz_field *f)
{
    if (!f[JZ_R_RECORD_ID].present || !f[JZ_R_RECORD_ID].n)
        return (jz_record_key){0, JZ_RECORD_UNNUMBERED};
    const char *s = f[JZ_R_RECORD_ID].s;
    size_t n = f[JZ_R_RECORD_ID].n, d = 0;
    while (d < n && d < 19 && s[n - 1 - d] >= '0' && s[n - 1 - d] <= '9')
        d++;
    const char *cs = f[JZ_R_CENTRE].s;
    size_t cn = f[JZ_R_CENTRE].n;
    if (d == 0 || d > 18)
        return (jz_record_key){jz_hash64(s, n, jz_hash64(cs, cn, 21)), JZ_RECORD_UNNUMBERED};
    uint64_t num = 0;
    for (size_t i = n - d; i < n; i++)
        num = num * 10 + (uint64_t)(s[i] - '0');
    /* the series: the centre, the text before the digits, and how many digits; the last one
     * of this thread kept (an export's ids share their centre and prefix, row after row) */
    static _Thread_local struct {
        size_t cn, pn, d;
        char c[32], p[32];
        uint64_t series;
    } last;
    size_t pn = n - d;
    if (last.d == d && last.cn == cn && last.pn == pn && jz_same_bytes(last.c, cs, cn) && jz_same_bytes(last.p, s, pn))
        return (jz_record_key){last.series, num};
    uint64_t c = jz_hash64(cs, cn, 21);
    uint64_t series = jz_hash64(s, pn, c ^ (0x9e3779b97f4a7c15ull * (d + 1)));
    if (cn <= sizeof last.c && pn <= sizeof last.p) {
        last.cn = cn, last.pn = pn, last.d = d, last.series = series;
        memcpy(last.c, cs, cn);
        memcpy(last.p, s, pn);
    }
    return (jz_record_key){series, num};
}

static uint64_t block_key(jz_record_key k)
{
    uint64_t x = jz_mix64(k.fp ^ ((k.n >> SHIFT) + 0x9e3779b97f4a7c15ull) * 0xbf58476d1ce4e5b9ull);
    return x ? x : 1;
}

/* ---- the two tables ---- */

static idslot *slot(const jz_record_ids *t, uint64_t fp)
{
    size_t i = (size_t)fp & (t->cap - 1);
    while (t->v[i].fp && t->v[i].fp != fp)
        i = (i + 1) & (t->cap - 1);
    return &t->v[i];
}

static blkslot *bslot(const blkslot *b, size_t cap, uint64_t key)
{
    size_t i = (size_t)key & (cap - 1);
    while (b[i].key && b[i].key != key)
        i = (i + 1) & (cap - 1);
    return (blkslot *)&b[i];
}

static uint64_t block_where(const jz_record_ids *t, const blkslot *s, unsigned bit)
{
    if (s->where & OWN_LINES)
        return t->own[s->where & ~OWN_LINES][bit];
    uint64_t w = s->where;
    return (w & ~LINE_MASK) | ((w & LINE_MASK) + bit - BLOCK);
}

bool jz_record_ids_find(const jz_record_ids *t, jz_record_key k, const char **file, long *line)
{
    if (k.n == JZ_RECORD_UNNUMBERED) {
        const idslot *s = slot(t, k.fp);
        if (!s->fp)
            return false;
        unpack(t, s->where, file, line);
        return true;
    }
    const blkslot *s = bslot(t->b, t->bcap, block_key(k));
    unsigned bit = (unsigned)(k.n & (BLOCK - 1));
    if (!s->key || !(s->bits >> bit & 1))
        return false;
    unpack(t, block_where(t, s, bit), file, line);
    return true;
}

static void add_single(jz_record_ids *t, uint64_t fp, uint64_t where)
{
    if (10 * (t->n + 1) > 7 * t->cap) {
        size_t cap = t->cap * 2;
        idslot *v = jz_xcalloc(cap, sizeof *v);
        jz_record_ids grown = {.v = v, .cap = cap};
        for (size_t i = 0; i < t->cap; i++)
            if (t->v[i].fp)
                *slot(&grown, t->v[i].fp) = t->v[i];
        free(t->v);
        t->v = v;
        t->cap = cap;
    }
    *slot(t, fp) = (idslot){fp, where};
    t->n++;
}

/* Number `bit` of the block `key`, read at where (packed); s: its slot if the caller has
 * looked it up (NULL: look it up here). */
static void add_number_at(jz_record_ids *t, blkslot *s, uint64_t key, unsigned bit, uint64_t where)
{
    if (!s)
        s = bslot(t->b, t->bcap, key);
    if (!s->key) {
        if (10 * (t->bn + 1) > 7 * t->bcap) {
            size_t cap = t->bcap * 2;
            blkslot *b = jz_xcalloc(cap, sizeof *b);
            for (size_t i = 0; i < t->bcap; i++)
                if (t->b[i].key)
                    *bslot(b, cap, t->b[i].key) = t->b[i];
            free(t->b);
            t->b = b;
            t->bcap = cap;
            s = bslot(t->b, t->bcap, key);
        }
        /* the block's line of number 0 (+ BLOCK): this row's line less its place */
        *s = (blkslot){key, (uint64_t)1 << bit, where + BLOCK - bit};
        t->bn++;
        return;
    }
    if (!(s->where & OWN_LINES) && block_where(t, s, bit) != where) {
        /* lines that do not step with the ids: the block keeps each id's line */
        if (t->nown == t->owncap) {
            t->owncap = t->owncap ? t->owncap * 2 : 16;
            t->own = jz_xrealloc(t->own, t->owncap * sizeof *t->own);
        }
        uint64_t *own = t->own[t->nown];
        for (unsigned i = 0; i < BLOCK; i++)
            own[i] = s->bits >> i & 1 ? block_where(t, s, i) : 0;
        s->where = OWN_LINES | t->nown++;
    }
    if (s->where & OWN_LINES)
        t->own[s->where & ~OWN_LINES][bit] = where;
    s->bits |= (uint64_t)1 << bit;
}

static void add_number(jz_record_ids *t, uint64_t key, unsigned bit, uint64_t where)
{
    add_number_at(t, NULL, key, bit, where);
}

void jz_record_ids_prefetch(const jz_record_ids *t, jz_record_key k)
{
    if (k.n == JZ_RECORD_UNNUMBERED)
        __builtin_prefetch(&t->v[(size_t)k.fp & (t->cap - 1)]);
    else
        __builtin_prefetch(&t->b[(size_t)block_key(k) & (t->bcap - 1)]);
}

bool jz_record_ids_see(jz_record_ids *t, jz_record_key k, const char *file, long line, const char **first_file,
                       long *first_line)
{
    if (k.n == JZ_RECORD_UNNUMBERED) {
        if (jz_record_ids_find(t, k, first_file, first_line))
            return true;
        add_single(t, k.fp, pack(t, file, line));
        return false;
    }
    uint64_t key = block_key(k);
    unsigned bit = (unsigned)(k.n & (BLOCK - 1));
    blkslot *s = bslot(t->b, t->bcap, key);
    if (s->key && (s->bits >> bit & 1)) {
        unpack(t, block_where(t, s, bit), first_file, first_line);
        return true;
    }
    add_number_at(t, s->key ? s : NULL, key, bit, pack(t, file, line));  /* a new block may grow the table */
    return false;
}

void jz_record_ids_add(jz_record_ids *t, jz_record_key k, const char *file, long line)
{
    uint64_t where = pack(t, file, line);
    if (k.n == JZ_RECORD_UNNUMBERED)
        add_single(t, k.fp, where);
    else
        add_number(t, block_key(k), (unsigned)(k.n & (BLOCK - 1)), where);
}

bool jz_record_ids_overlap(const jz_record_ids *a, const jz_record_ids *b)
{
    const jz_record_ids *x = a->n <= b->n ? a : b, *y = x == a ? b : a;
    for (size_t i = 0; i < x->cap; i++)
        if (x->v[i].fp && slot(y, x->v[i].fp)->fp)
            return true;
    x = a->bn <= b->bn ? a : b, y = x == a ? b : a;
    for (size_t i = 0; i < x->bcap; i++) {
        if (!x->b[i].key)
            continue;
        const blkslot *s = bslot(y->b, y->bcap, x->b[i].key);
        if (s->key && (s->bits & x->b[i].bits))
            return true;
    }
    return false;
}

/* src's where, moved into dst: its file in dst's list, line_base added. */
static uint64_t moved(jz_record_ids *dst, const jz_record_ids *src, uint64_t where, long line_base)
{
    const char *file;
    long line;
    unpack(src, where, &file, &line);
    return pack(dst, file, line + line_base);
}

void jz_record_ids_merge(jz_record_ids *dst, const jz_record_ids *src, long line_base)
{
    for (size_t i = 0; i < src->cap; i++)
        if (src->v[i].fp && !slot(dst, src->v[i].fp)->fp)
            add_single(dst, src->v[i].fp, moved(dst, src, src->v[i].where, line_base));
    for (size_t i = 0; i < src->bcap; i++) {
        const blkslot *s = &src->b[i];
        if (!s->key)
            continue;
        blkslot *d = bslot(dst->b, dst->bcap, s->key);
        unsigned first = (unsigned)__builtin_ctzll(s->bits);
        if (!d->key) {
            /* a block dst lacks (the usual case: a second half's blocks) is moved whole: its
             * first number makes the slot (a new slot may grow the table), then the rest */
            add_number(dst, s->key, first, moved(dst, src, block_where(src, s, first), line_base));
            d = bslot(dst->b, dst->bcap, s->key);
            if (!(s->where & OWN_LINES)) {  /* its lines step with its ids: rebased once */
                d->bits = s->bits;
                continue;
            }
        }
        /* the numbers dst lacks, each with its own line, into the slot found once */
        uint64_t missing = s->bits & ~d->bits;
        while (missing) {
            unsigned bit = (unsigned)__builtin_ctzll(missing);
            missing &= missing - 1;
            add_number_at(dst, d, s->key, bit, moved(dst, src, block_where(src, s, bit), line_base));
        }
    }
}
