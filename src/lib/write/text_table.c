/* text_table.c — see include/jz/text_table.h. */
#include "jz/text_table.h"
#include "jz/error.h"
#include "jz/text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

char *jz_ttable_cell(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = jz_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* s, or s escaped and freed when it holds control characters. */
static char *shown(char *s)
{
    if (!jz_text_has_controls(s))
        return s;
    size_t need = jz_text_escape(s, NULL, 0) + 1;
    char *e = jz_xmalloc(need);
    jz_text_escape(s, e, need);
    free(s);
    return e;
}

void jz_ttable_row(jz_ttable *t, char **cells)
{
    t->cells = jz_xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = t->flags & JZ_TT_SHOWN ? shown(cells[c]) : cells[c];
    t->nrows++;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

static void line(FILE *fp, const jz_ttable *t, const size_t *w, const char *const *row)
{
    size_t ncols = t->ncols;
    while (t->flags & JZ_TT_TRIM && ncols > 1 && !row[ncols - 1][0])
        ncols--;
    for (size_t c = 0; c < ncols; c++) {
        size_t len = jz_text_width(row[c]);
        bool last = c + 1 == ncols;
        if (t->align[c] == 'r')
            pad(fp, w[c] - len);
        fputs(row[c], fp);
        if (!last && t->align[c] != 'r')
            pad(fp, w[c] - len);
        if (!last)
            fputs("  ", fp);
    }
    fputc('\n', fp);
}

void jz_ttable_print(FILE *fp, jz_ttable *t)
{
    size_t *w = jz_xcalloc(t->ncols ? t->ncols : 1, sizeof *w);
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = jz_text_width(t->head[c]);
        for (size_t r = 0; r < t->nrows; r++)
            if (jz_text_width(t->cells[r * t->ncols + c]) > w[c])
                w[c] = jz_text_width(t->cells[r * t->ncols + c]);
    }
    line(fp, t, w, t->head);
    for (size_t r = 0; r < t->nrows; r++)
        line(fp, t, w, (const char *const *)t->cells + r * t->ncols);
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(w);
    t->cells = NULL;
    t->nrows = 0;
}
