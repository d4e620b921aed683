/* hash.h — a string-to-index map and a set of 64-bit fingerprints.
 *
 * Promise: jz_strmap owns copies of its keys and numbers them 0, 1, 2... in insertion
 * order (so callers keep parallel arrays indexed by them); jz_intmap does the same for
 * 64-bit integer keys (an interned string's index, or two of them in one word) with no
 * string hashed or compared, 16 bytes a slot, at most half full; jz_idmap does what
 * jz_strmap does with short keys in its slots (one cache line a lookup), and jz_series
 * numbers the ids of one numbered series so that they need no map at all. jz_fpset keeps 8 bytes per
 * slot, at most 80 % full (a list's persons seen, a sample's activities counted).
 * Fingerprints are 64-bit hashes; two different keys colliding has odds of about
 * n^2 / 2^65 (for 10 million rows, 3 in a million).
 */
#ifndef JZ_HASH_H
#define JZ_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* splitmix64's finaliser: a bijection of 64-bit words that mixes every bit into every
 * other (Steele, Lea and Flood 2014); the one mixer of the project (hashes, MinHash,
 * buckets). */
static inline uint64_t jz_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* A 64-bit hash of s[0..n) mixed with seed (never returns 0). */
uint64_t jz_hash64(const void *s, size_t n, uint64_t seed);

typedef struct jz_strmap jz_strmap;

jz_strmap *jz_strmap_new(void);
void jz_strmap_free(jz_strmap *m);
/* Index of key, or -1. */
long jz_strmap_get(const jz_strmap *m, const char *key, size_t n);
/* Index of key, adding it with the next index if absent (*added says which; may be NULL). */
long jz_strmap_put(jz_strmap *m, const char *key, size_t n, bool *added);
/* The key with index i (NUL-terminated, owned by the map). */
const char *jz_strmap_key(const jz_strmap *m, long i);
size_t jz_strmap_count(const jz_strmap *m);
/* The length of the key with index i (a key may hold NUL bytes). */
size_t jz_strmap_key_len(const jz_strmap *m, long i);

/* A map like jz_strmap for short keys looked up at random in a large map (a district's
 * clients): a key of at most 16 bytes lives in its slot too (32 bytes a slot, at most half
 * full), so a lookup reads one slot where jz_strmap reads a slot, an entry and the key. */
typedef struct jz_idmap jz_idmap;

jz_idmap *jz_idmap_new(void);
void jz_idmap_free(jz_idmap *m);
/* Index of key (n < 2^32), adding it with the next index if absent (*added says which;
 * may be NULL). */
long jz_idmap_put(jz_idmap *m, const char *key, size_t n, bool *added);
/* The key with index i (NUL-terminated, owned by the map), and its length. */
const char *jz_idmap_key(const jz_idmap *m, long i);
size_t jz_idmap_key_len(const jz_idmap *m, long i);
size_t jz_idmap_count(const jz_idmap *m);

/* The ids of one numbered series, by their number: the first id asked about that ends in
 * 1 to 9 digits after a prefix of fewer than 24 bytes (C001-K + 4 digits) sets the
 * series; an id of it (the same prefix and count of digits) then has a number, and a
 * value stored for that number is found again with no hash and no probe. Numbers from
 * 65536 on are not kept (at most 256 KB a series). Ids of the series are distinct exactly
 * when their numbers are. A zeroed jz_series is empty. For the ids of a centre's clients
 * and staff, which exports number. */
typedef struct jz_series {
    char prefix[24];
    size_t plen, digits;  /* digits 0: no series yet */
    int32_t *v;           /* by number: the value + 1, 0 none */
    size_t n;
} jz_series;

/* The number of id[0..n) in s's series (s takes its series from id when it has none), or
 * -1 when id is not of it or its number is too large to keep. */
long jz_series_number(jz_series *s, const char *id, size_t n);
/* The value stored for num (a number jz_series_number gave), or -1. */
static inline long jz_series_get(const jz_series *s, long num)
{
    return num >= 0 && (size_t)num < s->n && s->v[num] ? (long)s->v[num] - 1 : -1;
}
/* Store value (0 <= value < 2^31 - 1) for num (>= 0). */
void jz_series_set(jz_series *s, long num, long value);
void jz_series_free(jz_series *s);

/* A map of 64-bit keys (any value) to indexes 0, 1, 2... in insertion order. */
typedef struct jz_intmap jz_intmap;

jz_intmap *jz_intmap_new(void);
void jz_intmap_free(jz_intmap *m);
/* Index of key, or -1. */
long jz_intmap_get(const jz_intmap *m, uint64_t key);
/* Index of key, adding it with the next index if absent (*added says which; may be NULL). */
long jz_intmap_put(jz_intmap *m, uint64_t key, bool *added);
size_t jz_intmap_count(const jz_intmap *m);

typedef struct jz_fpset jz_fpset;

/* A set sized for about `expected` entries (it grows as needed). */
jz_fpset *jz_fpset_new(size_t expected);
void jz_fpset_free(jz_fpset *s);
/* Add fp (non-zero); true if it was not there before. */
bool jz_fpset_add(jz_fpset *s, uint64_t fp);
/* Whether fp is present. */
bool jz_fpset_has(const jz_fpset *s, uint64_t fp);
size_t jz_fpset_count(const jz_fpset *s);

/* calloc for large tables (huge pages where the kernel allows); free() releases it. */
void *jz_big_calloc(size_t n, size_t size);
/* Give back to the system the whole pages of p[from, to) of a block of jz_big_calloc
 * (or malloc) whose contents there are no longer needed (they read as zero after); p + from
 * must be the first byte or a value this returned before. Returns the offset up to which
 * pages are given back (from if none), for the next call of a walk. */
size_t jz_big_release(void *p, size_t from, size_t to);

#endif
