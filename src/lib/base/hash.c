/* hash.c — see include/jz/hash.h */
#include "jz/hash.h"
#include "jz/error.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>


uint64_t jz_hash64(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = jz_mix64(seed ^ 0x9e3779b97f4a7c15ull ^ n);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = jz_mix64(h ^ w) * 0x9e3779b97f4a7c15ull;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = jz_mix64(h ^ w ^ ((uint64_t)n << 56));
    return h ? h : 1;
}

/* ---- string map ---- */

/* A slot holds the entry's index + 1 (0 = empty) and the top 32 bits of its hash, so a
 * probe rejects other keys without touching the entries; an entry keeps its key, length
 * and hash together, so a hit costs the slot, the entry and the key's bytes. */
typedef struct slot {
    uint32_t ix, tag;
} slot;

typedef struct entry {
    char *key;
    size_t len;
    uint64_t hash;
} entry;

/* The keys' bytes live in chunks of at least KEY_CHUNK bytes, a new one when the last is
 * full: a key costs no malloc of its own (maps of sessions or clients take a key for
 * nearly every row), and the map frees its chunks at once. */
enum { KEY_CHUNK = 64 * 1024 };

typedef struct keychunk {
    struct keychunk *prev;
    size_t used, cap;
    char bytes[];
} keychunk;

struct jz_strmap {
    entry *e;          /* by index */
    size_t n, cap;
    slot *slots;       /* open addressing */
    size_t nslots;     /* power of two */
    keychunk *keys;    /* the newest chunk */
};

static char *key_copy(keychunk **chunks, const char *key, size_t n)
{
    keychunk *c = *chunks;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > KEY_CHUNK ? n + 1 : KEY_CHUNK;
        c = jz_xmalloc(sizeof *c + cap);
        c->prev = *chunks;
        c->used = 0;
        c->cap = cap;
        *chunks = c;
    }
    char *k = c->bytes + c->used;
    memcpy(k, key, n);
    k[n] = '\0';
    c->used += n + 1;
    return k;
}

jz_strmap *jz_strmap_new(void)
{
    jz_strmap *m = jz_xcalloc(1, sizeof *m);
    m->nslots = 64;
    m->slots = jz_xcalloc(m->nslots, sizeof *m->slots);
    return m;
}

static void chunks_free(keychunk *c)
{
    for (keychunk *prev; c; c = prev) {
        prev = c->prev;
        free(c);
    }
}

void jz_strmap_free(jz_strmap *m)
{
    if (!m)
        return;
    chunks_free(m->keys);
    free(m->e);
    free(m->slots);
    free(m);
}

static size_t find_slot(const jz_strmap *m, const char *key, size_t n, uint64_t h)
{
    size_t mask = m->nslots - 1, i = h & mask;
    uint32_t tag = (uint32_t)(h >> 32);
    for (;;) {
        slot s = m->slots[i];
        if (s.ix == 0)
            return i;
        if (s.tag == tag) {
            const entry *e = &m->e[s.ix - 1];
            if (e->hash == h && e->len == n && memcmp(e->key, key, n) == 0)
                return i;
        }
        i = (i + 1) & mask;
    }
}

long jz_strmap_get(const jz_strmap *m, const char *key, size_t n)
{
    uint64_t h = jz_hash64(key, n, 0);
    return (long)m->slots[find_slot(m, key, n, h)].ix - 1;
}

static void rehash(jz_strmap *m)
{
    free(m->slots);
    m->nslots *= 2;
    m->slots = jz_xcalloc(m->nslots, sizeof *m->slots);
    for (size_t k = 0; k < m->n; k++) {
        size_t i = m->e[k].hash & (m->nslots - 1);
        while (m->slots[i].ix)
            i = (i + 1) & (m->nslots - 1);
        m->slots[i] = (slot){(uint32_t)k + 1, (uint32_t)(m->e[k].hash >> 32)};
    }
}

long jz_strmap_put(jz_strmap *m, const char *key, size_t n, bool *added)
{
    uint64_t h = jz_hash64(key, n, 0);
    size_t i = find_slot(m, key, n, h);
    if (m->slots[i].ix) {
        if (added)
            *added = false;
        return (long)m->slots[i].ix - 1;
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->e = jz_xrealloc(m->e, m->cap * sizeof *m->e);
    }
    size_t k = m->n++;   /* < 2^32: the entries alone would need over 100 GB before that */
    m->e[k] = (entry){key_copy(&m->keys, key, n), n, h};
    m->slots[i] = (slot){(uint32_t)k + 1, (uint32_t)(h >> 32)};
    if (m->n * 2 > m->nslots)
        rehash(m);
    if (added)
        *added = true;
    return (long)k;
}

const char *jz_strmap_key(const jz_strmap *m, long i)
{
    return m->e[i].key;
}

size_t jz_strmap_count(const jz_strmap *m)
{
    return m->n;
}

size_t jz_strmap_key_len(const jz_strmap *m, long i)
{
    return m->e[i].len;
}

/* ---- map of short keys ----
 * A slot holds the key's whole hash, its index and length, and the key itself when it
 * has at most IDMAP_INLINE bytes: a lookup of a short key reads one 32-byte slot, where
 * jz_strmap reads a slot, an entry and the key's bytes (in a large map, three cache
 * misses). Every key is also copied to the chunks, for jz_idmap_key. */
enum { IDMAP_INLINE = 16 };

typedef struct idslot {
    uint64_t hash;     /* 0: empty (jz_hash64 never returns 0) */
    uint32_t ix, len;
    char s[IDMAP_INLINE];
} idslot;

struct jz_idmap {
    idslot *slots;     /* open addressing, at most half full */
    size_t nslots;     /* power of two */
    const char **key;  /* by index */
    uint32_t *len;
    size_t n, cap;
    keychunk *keys;
};

jz_idmap *jz_idmap_new(void)
{
    jz_idmap *m = jz_xcalloc(1, sizeof *m);
    m->nslots = 64;
    m->slots = jz_xcalloc(m->nslots, sizeof *m->slots);
    return m;
}

void jz_idmap_free(jz_idmap *m)
{
    if (!m)
        return;
    chunks_free(m->keys);
    free(m->slots);
    free(m->key);
    free(m->len);
    free(m);
}

long jz_idmap_put(jz_idmap *m, const char *key, size_t n, bool *added)
{
    uint64_t h = jz_hash64(key, n, 0);   /* n < 2^32 (the header) */
    size_t mask = m->nslots - 1, i = h & mask;
    for (;; i = (i + 1) & mask) {
        const idslot *s = &m->slots[i];
        if (s->hash == 0)
            break;
        if (s->hash == h && s->len == n && memcmp(n <= IDMAP_INLINE ? s->s : m->key[s->ix], key, n) == 0) {
            if (added)
                *added = false;
            return (long)s->ix;
        }
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->key = jz_xrealloc(m->key, m->cap * sizeof *m->key);
        m->len = jz_xrealloc(m->len, m->cap * sizeof *m->len);
    }
    size_t k = m->n++;   /* < 2^32: the keys alone would take over 100 GB before that */
    m->key[k] = key_copy(&m->keys, key, n);
    m->len[k] = (uint32_t)n;
    idslot *s = &m->slots[i];
    s->hash = h;
    s->ix = (uint32_t)k;
    s->len = (uint32_t)n;
    if (n <= IDMAP_INLINE)
        memcpy(s->s, key, n);
    if (m->n * 2 > m->nslots) {
        size_t slots = m->nslots * 2;
        idslot *t = jz_xcalloc(slots, sizeof *t);
        for (size_t a = 0; a < m->nslots; a++) {
            if (!m->slots[a].hash)
                continue;
            size_t b = m->slots[a].hash & (slots - 1);
            while (t[b].hash)
                b = (b + 1) & (slots - 1);
            t[b] = m->slots[a];
        }
        free(m->slots);
        m->slots = t;
        m->nslots = slots;
    }
    if (added)
        *added = true;
    return (long)k;
}

const char *jz_idmap_key(const jz_idmap *m, long i)
{
    return m->key[i];
}

size_t jz_idmap_key_len(const jz_idmap *m, long i)
{
    return m->len[i];
}

size_t jz_idmap_count(const jz_idmap *m)
{
    return m->n;
}

/* ---- integer map ---- */

/* A slot holds its key and its index + 1 (0 = empty): a probe reads one slot, nothing
 * else. Slots are placed by jz_mix64 of the key, so interned indexes 0, 1, 2... (or two of
 * them packed in one word) spread over the table. */
typedef struct islot {
    uint64_t key;
    uint64_t ix;
} islot;

struct jz_intmap {
    islot *slots;
    size_t n, nslots;  /* nslots: a power of two, at least 2 n */
};

jz_intmap *jz_intmap_new(void)
{
    jz_intmap *m = jz_xcalloc(1, sizeof *m);
    m->nslots = 16;
    m->slots = jz_xcalloc(m->nslots, sizeof *m->slots);
    return m;
}

void jz_intmap_free(jz_intmap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

static size_t ifind(const islot *slots, size_t nslots, uint64_t key)
{
    size_t mask = nslots - 1, i = jz_mix64(key) & mask;
    while (slots[i].ix && slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

long jz_intmap_get(const jz_intmap *m, uint64_t key)
{
    return (long)m->slots[ifind(m->slots, m->nslots, key)].ix - 1;
}

long jz_intmap_put(jz_intmap *m, uint64_t key, bool *added)
{
    size_t i = ifind(m->slots, m->nslots, key);
    if (m->slots[i].ix) {
        if (added)
            *added = false;
        return (long)m->slots[i].ix - 1;
    }
    size_t k = m->n++;
    m->slots[i] = (islot){key, k + 1};
    if (m->n * 2 > m->nslots) {
        size_t nslots = m->nslots * 2;
        islot *slots = jz_xcalloc(nslots, sizeof *slots);
        for (size_t j = 0; j < m->nslots; j++)
            if (m->slots[j].ix)
                slots[ifind(slots, nslots, m->slots[j].key)] = m->slots[j];
        free(m->slots);
        m->slots = slots;
        m->nslots = nslots;
    }
    if (added)
        *added = true;
    return (long)k;
}

size_t jz_intmap_count(const jz_intmap *m)
{
    return m->n;
}

/* ---- fingerprint set ---- */

struct jz_fpset {
    uint64_t *slots;  /* 0 = empty */
    size_t cap, n;    /* cap: any size; index by multiply-high */
};

static size_t slot_of(uint64_t fp, size_t cap)
{
    return (size_t)(((unsigned __int128)fp * cap) >> 64);
}

void *jz_big_calloc(size_t n, size_t size)
{
    size_t bytes = n * size;
    char *p = jz_xcalloc(n, size);  /* large: fresh zero pages from mmap, no memset */
    if (bytes >= (4u << 20)) {
        /* Random-access tables: ask for huge pages (fewer TLB misses) on the aligned part. */
        uintptr_t start = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
        uintptr_t end = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
#ifdef MADV_HUGEPAGE
        if (end > start)
            madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
    }
    return p;
}

size_t jz_big_release(void *p, size_t from, size_t to)
{
#ifdef MADV_DONTNEED
    long n = sysconf(_SC_PAGESIZE);  /* 4 KiB here, 16 or 64 KiB elsewhere (callers walk
                                        in steps of 512 KiB, so asking each time is cheap) */
    uintptr_t page = n > 0 && (n & (n - 1)) == 0 ? (uintptr_t)n : 4096;
    uintptr_t start = ((uintptr_t)p + from + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)p + to) & ~(page - 1);
    if (end > start && madvise((void *)start, end - start, MADV_DONTNEED) == 0)
        return end - (uintptr_t)p;
#else
    (void)p;
    (void)to;
#endif
    return from;
}

jz_fpset *jz_fpset_new(size_t expected)
{
    jz_fpset *s = jz_xcalloc(1, sizeof *s);
    s->cap = expected / 4 * 5 + 64;
    s->slots = jz_big_calloc(s->cap, sizeof *s->slots);
    return s;
}

void jz_fpset_free(jz_fpset *s)
{
    if (!s)
        return;
    free(s->slots);
    free(s);
}

static void insert(uint64_t *slots, size_t cap, uint64_t fp)
{
    size_t i = slot_of(fp, cap);
    while (slots[i])
        i = i + 1 == cap ? 0 : i + 1;
    slots[i] = fp;
}

/* Move to cap slots. Both tables are walked in about the same order (a slot's place grows
 * with its fingerprint), so the old one's pages are given back as the walk passes them:
 * the two are not both whole in memory. */
static void fp_rehash(jz_fpset *s, size_t cap)
{
    uint64_t *slots = jz_big_calloc(cap, sizeof *slots);
    size_t released = 0;
    for (size_t i = 0; i < s->cap; i++) {
        if (s->slots[i])
            insert(slots, cap, s->slots[i]);
        if ((i & 0xffff) == 0xffff)
            released = jz_big_release(s->slots, released, (i + 1) * sizeof *s->slots);
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
}

static void grow(jz_fpset *s)
{
    fp_rehash(s, s->cap + s->cap / 2);
}

bool jz_fpset_has(const jz_fpset *s, uint64_t fp)
{
    size_t i = slot_of(fp, s->cap);
    while (s->slots[i]) {
        if (s->slots[i] == fp)
            return true;
        i = i + 1 == s->cap ? 0 : i + 1;
    }
    return false;
}

bool jz_fpset_add(jz_fpset *s, uint64_t fp)
{
    size_t i = slot_of(fp, s->cap);
    while (s->slots[i]) {
        if (s->slots[i] == fp)
            return false;
        i = i + 1 == s->cap ? 0 : i + 1;
    }
    s->slots[i] = fp;
    if (++s->n * 5 > s->cap * 4)
        grow(s);
    return true;
}

size_t jz_fpset_count(const jz_fpset *s)
{
    return s->n;
}

/* Both walk src's slots in order: a slot's place grows with its fingerprint (multiply-high),
 * so the other table is visited in about its own order too. */
/* ---- numbered series ---- */

enum { SERIES_MAX = 1 << 16 };

long jz_series_number(jz_series *s, const char *id, size_t n)
{
    if (s->digits) {
        /* The series is set: its ids are its prefix (which ends in no digit) and exactly
         * its count of digits; any other id is not of it. */
        if (n != s->plen + s->digits || memcmp(id, s->prefix, s->plen) != 0)
            return -1;
        long num = 0;
        for (size_t i = s->plen; i < n; i++) {
            unsigned c = (unsigned char)id[i] - '0';
            if (c > 9)
                return -1;
            num = num * 10 + (long)c;
        }
        return num < SERIES_MAX ? num : -1;
    }
    size_t d = 0;
    while (d < n && d < 9 && id[n - 1 - d] >= '0' && id[n - 1 - d] <= '9')
        d++;
    if (d == 0 || n - d >= sizeof s->prefix || (d < n && id[n - 1 - d] >= '0' && id[n - 1 - d] <= '9'))
        return -1;  /* no digits, a long prefix, or more than 9 digits */
    if (s->digits == 0) {
        memcpy(s->prefix, id, n - d);
        s->plen = n - d;
        s->digits = d;
    }
    if (d != s->digits || n - d != s->plen || memcmp(id, s->prefix, n - d) != 0)
        return -1;
    long num = 0;
    for (size_t i = n - d; i < n; i++)
        num = num * 10 + (id[i] - '0');
    return num < SERIES_MAX ? num : -1;
}

void jz_series_set(jz_series *s, long num, long value)
{
    if ((size_t)num >= s->n) {
        size_t cap = s->n ? s->n : 1024;
        while (cap <= (size_t)num)
            cap *= 2;
        s->v = jz_xrealloc(s->v, cap * sizeof *s->v);
        memset(s->v + s->n, 0, (cap - s->n) * sizeof *s->v);
        s->n = cap;
    }
    s->v[num] = (int32_t)(value + 1);
}

void jz_series_free(jz_series *s)
{
    free(s->v);
    *s = (jz_series){0};
}
