/* table_pipe.c — jz_table_read_piped (table.h): the reading and parsing of a table on a
 * thread of its own, its rows handed in batches to the caller's thread.
 *
 * The reader thread runs jz_table_read_columns; its callback copies each row (its line,
 * its error count, its parsed fields and their texts) into the batch being filled, one of
 * PIPE_SLOTS. A row whose fields lie in one span of the reader's buffer (jz_row.span: a
 * CSV row) has its texts copied in one piece, else field by field. A batch's text buffer
 * never moves once it holds a row (a row that would not fit publishes the batch first),
 * so the copies' pointers are final when made. A full batch is published to the caller, which calls fn on its rows in file
 * order and gives the batch back. So the reader parses batch k + 1 while the caller works
 * on batch k, and memory is PIPE_SLOTS batches whatever the length of the file.
 * The reader's diagnostics are held in the batch too, each with the row it came before,
 * and given to the caller's sink on the caller's thread just before that row: the sink
 * sees every message in the order of a read on one thread, and fn may write to it. */
#include "jz/table.h"
#include "jz/error.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { PIPE_ROWS = 1024, PIPE_SLOTS = 4, PIPE_TEXT = 1 << 20 };

typedef struct pmsg {
    jz_severity sev;
    size_t before;      /* the batch's row it came before (n: after the last) */
    long line, col;
    char *file, *column, *code, *message;
} pmsg;

typedef struct pbatch {
    size_t n;
    pmsg *msg;          /* the reader's diagnostics, in order */
    size_t nmsg, capmsg;
    long line[PIPE_ROWS];
    int nerr[PIPE_ROWS];
    jz_field *f;        /* PIPE_ROWS x ncols, their texts in text */
    char *text;
    size_t tlen, tcap;
    bool last;          /* the read is over: no batch after this one */
} pbatch;

typedef struct tpipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pbatch b[PIPE_SLOTS];
    size_t fill, take, ready;  /* the batch being filled, the next to take, published ones */
    jz_header h;               /* the table's header, copied at its first row */
    size_t ncols;
    size_t nread, read[JZ_MAXCOLS];  /* the columns jz_row_parse reads (h.only): the only
                                        ones copied; the others stay jz_row_parse's "" */
    atomic_bool stop;          /* fn asked to stop: the reader stops at its next row */
    /* the reader's arguments and result */
    const char *path;
    jz_filetype type;
    jz_encoding enc;
    unsigned mask;
    jz_diag *diag;      /* the caller's sink: given the held messages on its thread */
    jz_diag rdiag;      /* the reader's: holds them in the batch being filled */
    jz_table_info *info;
    jz_error err;
    jz_code rc;
} tpipe;

/* A row's fields into the batch. The caller's thread read these lines a few batches ago:
 * streaming stores write them whole without first taking them back from its cache. */
static void store_fields(jz_field *to, const jz_field *from, size_t n)
{
#ifdef __SSE2__
    if (((uintptr_t)to & 15) == 0 && sizeof *to % 16 == 0) {
        const __m128i *src = (const __m128i *)from;
        __m128i *dst = (__m128i *)to;
        for (size_t i = 0; i < n * sizeof *to / 16; i++)
            _mm_stream_si128(dst + i, _mm_loadu_si128(src + i));
        return;
    }
#endif
    memcpy(to, from, n * sizeof *to);
}

/* Publish the batch being filled and wait for a free one to fill next. */
static void publish(tpipe *p, bool last)
{
    pbatch *b = &p->b[p->fill];
#ifdef __SSE2__
    _mm_sfence();  /* the streaming stores are seen before the batch is */
#endif
    b->last = last;
    pthread_mutex_lock(&p->mu);
    p->ready++;
    pthread_cond_broadcast(&p->cv);
    p->fill = (p->fill + 1) % PIPE_SLOTS;
    while (!last && p->ready == PIPE_SLOTS)
        pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (!last) {
        b = &p->b[p->fill];
        b->n = 0;
        b->tlen = 0;
        b->nmsg = 0;
    }
}

static void hold(void *ctx, const jz_diag_msg *m)
{
    tpipe *p = ctx;
    pbatch *b = &p->b[p->fill];
    if (b->nmsg == b->capmsg) {
        b->capmsg = b->capmsg ? b->capmsg * 2 : 16;
        b->msg = jz_xrealloc(b->msg, b->capmsg * sizeof *b->msg);
    }
    b->msg[b->nmsg++] = (pmsg){m->sev, b->n, m->line, m->col, jz_xstrdup(m->file ? m->file : ""),
                               jz_xstrdup(m->column ? m->column : ""), jz_xstrdup(m->code ? m->code : ""),
                               jz_xstrdup(m->message ? m->message : "")};
}

/* Give the caller's sink the batch's messages held before row `upto` from *k on; drop
 * them once fn has stopped (a read on one thread would not have read on). */
static void give(tpipe *p, pbatch *b, size_t *k, size_t upto, bool drop)
{
    for (; *k < b->nmsg && b->msg[*k].before <= upto; ++*k) {
        pmsg *m = &b->msg[*k];
        if (!drop)
            jz_diag_emit(p->diag, m->sev, m->file, m->line, m->col, m->column, m->code, "%s", m->message);
        free(m->file), free(m->column), free(m->code), free(m->message);
    }
}

/* The batch to fill, with room for need more bytes of text: the batch being filled, or
 * (when they would not fit) the next one, the full one published first. Text grows only
 * in an empty batch, so no pointer into it ever moves. */
static inline pbatch *room(tpipe *p, size_t need)
{
    pbatch *b = &p->b[p->fill];
    if (b->n && b->tlen + need > b->tcap) {
        publish(p, false);
        b = &p->b[p->fill];
    }
    if (b->tlen + need > b->tcap) {
        size_t cap = b->tcap ? b->tcap : PIPE_TEXT;
        while (cap < need)
            cap *= 2;
        free(b->text);
        b->text = jz_xmalloc(cap);
        b->tcap = cap;
    }
    return b;
}

/* The row's fields into b, their texts as one copy of the row's span (b has room for it);
 * false, with nothing added, if a field with text lies outside the span (none does: the
 * others are jz_row_parse's "" of a column not read, static, kept as they are). */
static bool copy_span(const tpipe *p, pbatch *b, const jz_row *row, const jz_field *f)
{
    char *text = b->text + b->tlen;
    uintptr_t base = (uintptr_t)row->span;
    size_t n = row->span_n;
    bool outside = false;
    jz_field x[JZ_MAXCOLS];
    memcpy(x, f, p->ncols * sizeof *x);
    for (size_t k = 0; k < p->nread; k++) {
        size_t c = p->read[k];
        uintptr_t off = (uintptr_t)x[c].s - base;
        if (off < n)
            x[c].s = text + off;
        else
            outside |= x[c].n != 0;
    }
    if (outside)
        return false;
    store_fields(&b->f[b->n * p->ncols], x, p->ncols);
    memcpy(text, row->span, n);
    b->tlen += n;
    return true;
}

static int on_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerrors)
{
    tpipe *p = ctx;
    if (atomic_load_explicit(&p->stop, memory_order_relaxed))
        return 1;
    if (p->ncols == 0) {  /* the first row: the header, and the batches' field arrays */
        p->h = *h;
        p->ncols = h->schema->ncols ? (size_t)h->schema->ncols : 1;
        unsigned want = h->only & ~JZ_PARSE_TIME_RULES ? h->only : ~0u;  /* as jz_row_parse */
        for (size_t c = 0; c < p->ncols; c++)
            if (c >= 32 || want & (1u << c))
                p->read[p->nread++] = c;
        for (int k = 0; k < PIPE_SLOTS; k++) {
            p->b[k].f = jz_xmalloc(PIPE_ROWS * p->ncols * sizeof *p->b[k].f);
            for (size_t i = 0; i < PIPE_ROWS * p->ncols; i++)
                p->b[k].f[i] = (jz_field){.s = ""};
        }
    }
    pbatch *b = room(p, row->span ? row->span_n : 0);
    if (!row->span || !copy_span(p, b, row, f)) {
        size_t need = 0;
        for (size_t k = 0; k < p->nread; k++)
            if (f[p->read[k]].s)
                need += f[p->read[k]].n + 1;
        b = room(p, need);
        jz_field *to = &b->f[b->n * p->ncols];
        char *text = b->text + b->tlen;
        for (size_t k = 0; k < p->nread; k++) {
            size_t c = p->read[k];
            to[c] = f[c];
            if (f[c].s) {
                memcpy(text, f[c].s, f[c].n);
                text[f[c].n] = '\0';
                to[c].s = text;
                text += f[c].n + 1;
            }
        }
        b->tlen += need;
    }
    b->line[b->n] = row->line;
    b->nerr[b->n] = nerrors;
    if (++b->n == PIPE_ROWS)
        publish(p, false);
    return 0;
}

static void *reader(void *arg)
{
    tpipe *p = arg;
    p->rc = jz_table_read_columns(p->path, p->type, p->enc, p->mask, &p->rdiag, on_row, p, p->info, &p->err);
    publish(p, true);
    return NULL;
}

jz_code jz_table_read_piped(const char *path, jz_filetype type, jz_encoding enc, unsigned mask, jz_diag *diag,
                            jz_table_row_fn fn, void *ctx, jz_table_info *info, jz_error *err)
{
    tpipe *p = jz_xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    atomic_init(&p->stop, false);
    p->path = path;
    p->type = type;
    p->enc = enc;
    p->mask = mask;
    p->diag = diag;
    jz_diag_init(&p->rdiag, hold, p);
    p->info = info;
    jz_error_clear(&p->err);
    pthread_t t;
    jz_code rc;
    if (pthread_create(&t, NULL, reader, p) != 0) {
        free(p);  /* no second thread: read here */
        return jz_table_read_columns(path, type, enc, mask, diag, fn, ctx, info, err);
    }
    bool stopped = false;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->ready == 0)
            pthread_cond_wait(&p->cv, &p->mu);
        pbatch *b = &p->b[p->take];
        pthread_mutex_unlock(&p->mu);
        size_t k = 0;
        for (size_t i = 0; i < b->n && !stopped; i++) {
            give(p, b, &k, i, false);
            jz_row row = {.line = b->line[i]};
            if (fn(ctx, &p->h, &row, &b->f[i * p->ncols], b->nerr[i]) != 0) {
                stopped = true;
                atomic_store_explicit(&p->stop, true, memory_order_relaxed);
            }
        }
        give(p, b, &k, b->n, stopped);  /* the messages after the batch's last row */
        bool last = b->last;
        pthread_mutex_lock(&p->mu);
        p->ready--;
        p->take = (p->take + 1) % PIPE_SLOTS;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (last)
            break;
    }
    pthread_join(t, NULL);
    rc = p->rc;
    if (err && rc != JZ_OK)
        *err = p->err;
    for (int k = 0; k < PIPE_SLOTS; k++) {
        free(p->b[k].f);
        free(p->b[k].text);
        free(p->b[k].msg);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
    return rc;
}
