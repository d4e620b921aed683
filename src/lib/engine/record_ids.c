/* record_ids.c — see include/jz/record_ids.h */
#include "jz/record_ids.h"
#include "jz/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 16 bytes a slot: the fingerprint, and where it was first read packed in one word, the
 * file as an index into the table's list of names (20 bits) and the line (44 bits). A run
 * beyond a million files or 17 trillion lines is refused (the program stops with a
 * message), never mixed up. The table is kept at most 70 % full: linear probing stays
 * short there, and 10 million records take 16.7 million slots (268 MB; 402 MB while it
 * grows from the half size), where 24-byte slots at half full took 805 MB (1.2 GB). */
enum { FILE_BITS = 20, LINE_BITS = 44 };

typedef struct idslot {
    uint64_t fp;                  /* 0: empty */
    uint64_t where;               /* file index << LINE_BITS | line */
} idslot;

struct jz_record_ids {
    idslot *v;
    size_t cap, n;                /* cap a power of two */
    const char **files;           /* borrowed names, by index */
    size_t nfiles, filecap;
};

jz_record_ids *jz_record_ids_new(void)
{
    jz_record_ids *t = jz_xcalloc(1, sizeof *t);
    t->cap = 1024;
    t->v = jz_xcalloc(t->cap, sizeof *t->v);
    return t;
}

void jz_record_ids_free(jz_record_ids *t)
{
    if (!t)
        return;
    free(t->v);
    free(t->files);
    free(t);
}

static uint64_t pack(jz_record_ids *t, const char *file, long line)
{
    size_t f = t->nfiles;
    if (f && t->files[f - 1] == file)
        f--;  /* the file being read: the usual case */
    else {
        for (f = 0; f < t->nfiles && t->files[f] != file; f++)
            ;
        if (f == t->nfiles) {
            if (t->nfiles == t->filecap) {
                t->filecap = t->filecap ? t->filecap * 2 : 8;
                t->files = jz_xrealloc(t->files, t->filecap * sizeof *t->files);
            }
            t->files[t->nfiles++] = file;
        }
    }
    if (f >= ((size_t)1 << FILE_BITS) || line < 0 || (uint64_t)line >= ((uint64_t)1 << LINE_BITS)) {
        fprintf(stderr, "jiazong: record ids: more than %lu files or a line beyond %llu in one run: "
                        "check the files in smaller runs\n", (unsigned long)1 << FILE_BITS,
                (unsigned long long)1 << LINE_BITS);
        exit(4);
    }
    return (uint64_t)f << LINE_BITS | (uint64_t)line;
}

uint64_t jz_record_id_fp(const jz_field *f)
{
    if (!f[JZ_R_RECORD_ID].present || !f[JZ_R_RECORD_ID].n)
        return 0;
    uint64_t a = jz_hash64(f[JZ_R_CENTRE].s, f[JZ_R_CENTRE].n, 21);
    return jz_hash64(f[JZ_R_RECORD_ID].s, f[JZ_R_RECORD_ID].n, a);
}

static idslot *slot(const jz_record_ids *t, uint64_t fp)
{
    size_t i = (size_t)fp & (t->cap - 1);
    while (t->v[i].fp && t->v[i].fp != fp)
        i = (i + 1) & (t->cap - 1);
    return &t->v[i];
}

bool jz_record_ids_find(const jz_record_ids *t, uint64_t fp, const char **file, long *line)
{
    const idslot *s = slot(t, fp);
    if (!s->fp)
        return false;
    if (file)
        *file = t->files[s->where >> LINE_BITS];
    if (line)
        *line = (long)(s->where & (((uint64_t)1 << LINE_BITS) - 1));
    return true;
}

void jz_record_ids_add(jz_record_ids *t, uint64_t fp, const char *file, long line)
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
    uint64_t where = pack(t, file, line);
    *slot(t, fp) = (idslot){fp, where};
    t->n++;
}

bool jz_record_ids_overlap(const jz_record_ids *a, const jz_record_ids *b)
{
    if (a->n > b->n) {
        const jz_record_ids *x = a;
        a = b, b = x;
    }
    for (size_t i = 0; i < a->cap; i++)
        if (a->v[i].fp && slot(b, a->v[i].fp)->fp)
            return true;
    return false;
}

void jz_record_ids_merge(jz_record_ids *dst, const jz_record_ids *src, long line_base)
{
    for (size_t i = 0; i < src->cap; i++)
        if (src->v[i].fp && !slot(dst, src->v[i].fp)->fp)
            jz_record_ids_add(dst, src->v[i].fp, src->files[src->v[i].where >> LINE_BITS],
                              (long)(src->v[i].where & (((uint64_t)1 << LINE_BITS) - 1)) + line_base);
}
