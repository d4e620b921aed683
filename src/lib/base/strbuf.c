/* strbuf.c — see include/jz/strbuf.h */
#include "jz/strbuf.h"
#include "jz/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void jz_sb_add(jz_sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k <= 0)
        return;
    if (b->n + (size_t)k + 1 > b->cap) {
        b->cap = (b->n + (size_t)k + 1) * 2;
        b->s = jz_xrealloc(b->s, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

char *jz_sb_done(jz_sb *b)
{
    char *s = b->s ? b->s : jz_xstrdup("");
    *b = (jz_sb){0};
    return s;
}

void jz_sb_free(jz_sb *b)
{
    free(b->s);
    *b = (jz_sb){0};
}
