/* record_ids.c — see include/jz/record_ids.h */
#include "jz/record_ids.h"
#include "jz/hash.h"

#include <stdlib.h>

typedef struct idslot {
    uint64_t fp;                  /* 0: empty */
    const char *file;
    long line;
} idslot;

struct jz_record_ids {
    idslot *v;
    size_t cap, n;                /* cap a power of two */
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
    free(t);
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
        *file = s->file;
    if (line)
        *line = s->line;
    return true;
}

void jz_record_ids_add(jz_record_ids *t, uint64_t fp, const char *file, long line)
{
    if (2 * (t->n + 1) > t->cap) {
        jz_record_ids grown = {jz_xcalloc(t->cap * 2, sizeof *grown.v), t->cap * 2, t->n};
        for (size_t i = 0; i < t->cap; i++)
            if (t->v[i].fp)
                *slot(&grown, t->v[i].fp) = t->v[i];
        free(t->v);
        *t = grown;
    }
    *slot(t, fp) = (idslot){fp, file, line};
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
            jz_record_ids_add(dst, src->v[i].fp, src->v[i].file, src->v[i].line + line_base);
}
