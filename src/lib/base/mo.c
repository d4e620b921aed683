/* mo.c — see include/jz/mo.h. The .mo layout (GNU gettext manual, "The Format of GNU MO
 * Files"): a 32-bit magic 0x950412de in the writer's byte order, the revision, the number
 * of strings N, the offset of the originals' table and of the translations' table; each
 * table holds N (length, offset) pairs of 32-bit words; each string is NUL-terminated,
 * its length not counting the NUL. The hash table that may follow is not needed here. */
#include "jz/mo.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jz_mo {
    char *buf;        /* the file's bytes */
    size_t n;         /* entries in idx */
    struct ent { const char *id, *str; } *idx; /* sorted by id */
};

static uint32_t word(const unsigned char *p, int swap)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    if (swap)
        v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
    return v;
}

/* The string whose (length, offset) pair is at table + 8 * i, or NULL if it lies outside
 * the buffer or lacks its NUL. */
static const char *str_at(const unsigned char *b, size_t n, uint32_t table, uint32_t i, int swap)
{
    uint64_t at = (uint64_t)table + 8u * (uint64_t)i;
    if (at + 8 > n)
        return NULL;
    uint64_t len = word(b + at, swap), off = word(b + at + 4, swap);
    if (off + len >= n || b[off + len] != '\0')
        return NULL;
    return (const char *)b + off;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct ent *)a)->id, ((const struct ent *)b)->id);
}

jz_mo *jz_mo_from_bytes(const void *data, size_t n)
{
    const unsigned char *b = data;
    if (!data || n < 20) {
        errno = EINVAL;
        return NULL;
    }
    int swap;
    if (word(b, 0) == 0x950412deu)
        swap = 0;
    else if (word(b, 1) == 0x950412deu)
        swap = 1;
    else {
        errno = EINVAL;
        return NULL;
    }
    uint32_t rev = word(b + 4, swap), count = word(b + 8, swap);
    uint32_t otab = word(b + 12, swap), ttab = word(b + 16, swap);
    if ((rev >> 16) != 0 || (uint64_t)count * 8 > n) {
        errno = EINVAL;
        return NULL;
    }
    jz_mo *mo = calloc(1, sizeof *mo);
    if (!mo || !(mo->buf = malloc(n)) || (count && !(mo->idx = malloc(count * sizeof *mo->idx)))) {
        jz_mo_free(mo);
        errno = ENOMEM;
        return NULL;
    }
    memcpy(mo->buf, b, n);
    const unsigned char *c = (const unsigned char *)mo->buf;
    for (uint32_t i = 0; i < count; i++) {
        const char *id = str_at(c, n, otab, i, swap), *str = str_at(c, n, ttab, i, swap);
        if (!id || !str) {
            jz_mo_free(mo);
            errno = EINVAL;
            return NULL;
        }
        mo->idx[mo->n++] = (struct ent){id, str};
    }
    if (mo->n > 1)
        qsort(mo->idx, mo->n, sizeof *mo->idx, by_id);
    return mo;
}

jz_mo *jz_mo_load(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int err = 0;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nb) {
                err = ENOMEM;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0) {
            if (ferror(fp))
                err = EIO;
            break;
        }
    }
    fclose(fp);
    jz_mo *mo = err ? NULL : jz_mo_from_bytes(buf, len);
    free(buf);
    if (err)
        errno = err;
    return mo;
}

const char *jz_mo_find(const jz_mo *mo, const char *msgid)
{
    if (!mo || !msgid || !*msgid)
        return NULL;
    size_t lo = 0, hi = mo->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(msgid, mo->idx[mid].id);
        if (c == 0)
            return mo->idx[mid].str[0] ? mo->idx[mid].str : NULL;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t jz_mo_count(const jz_mo *mo) { return mo ? mo->n : 0; }

void jz_mo_entry(const jz_mo *mo, size_t i, const char **msgid, const char **msgstr)
{
    *msgid = mo->idx[i].id;
    *msgstr = mo->idx[i].str;
}

void jz_mo_free(jz_mo *mo)
{
    if (!mo)
        return;
    free(mo->idx);
    free(mo->buf);
    free(mo);
}
