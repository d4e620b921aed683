/* strbuf.h — a growing string (base layer), for text built in pieces: a measure in words,
 * a lint message, a formula.
 *
 * Promise: jz_sb_add appends printf-formatted text, growing the buffer as needed (out of
 * memory stops the program, as jz_xmalloc does); b->s is NUL-terminated whenever b->n > 0.
 * A zeroed jz_sb is an empty one. jz_sb_done hands the text over (never NULL: "" when
 * nothing was added) and leaves b empty; jz_sb_free drops it.
 */
#ifndef JZ_STRBUF_H
#define JZ_STRBUF_H

#include <stddef.h>

typedef struct jz_sb {
    char *s;
    size_t n, cap;
} jz_sb;

void jz_sb_add(jz_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *jz_sb_done(jz_sb *b);
void jz_sb_free(jz_sb *b);

#endif
