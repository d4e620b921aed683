/* error.c — see include/jz/error.h */
#include "jz/error.h"
#include "jz/i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jz_error_clear(jz_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void fill(jz_error *err, jz_code code, const char *file, long line, long col)
{
    err->code = code;
    err->sys_errno = 0;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
}

jz_code jz_error_set(jz_error *err, jz_code code, const char *file, long line, long col,
                     const char *fmt, ...)
{
    if (!err)
        return code;
    fill(err, code, file, line, col);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, jz_tr(fmt), ap);
    va_end(ap);
    return code;
}

/* Fill err with code, errno as saved, and the message followed by ": strerror". */
static jz_code sys(jz_error *err, jz_code code, int saved, const char *file, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    fill(err, code, file, 0, 0);
    err->sys_errno = saved;
    int n = vsnprintf(err->msg, sizeof err->msg, jz_tr(fmt), ap);
    if (n >= 0 && (size_t)n < sizeof err->msg)
        snprintf(err->msg + n, sizeof err->msg - (size_t)n, ": %s", strerror(saved));
    return code;
}

jz_code jz_error_sys(jz_error *err, const char *file, const char *fmt, ...)
{
    int saved = errno;
    va_list ap;
    va_start(ap, fmt);
    jz_code code = sys(err, JZ_EREAD, saved, file, fmt, ap);
    va_end(ap);
    return code;
}

jz_code jz_error_write(jz_error *err, const char *file, const char *fmt, ...)
{
    int saved = errno;
    va_list ap;
    va_start(ap, fmt);
    jz_code code = sys(err, JZ_EWRITE, saved, file, fmt, ap);
    va_end(ap);
    return code;
}

int jz_error_exit(const jz_error *err)
{
    if (!err)
        return JZ_EXIT_OK;
    switch (err->code) {
    case JZ_OK: return JZ_EXIT_OK;
    case JZ_EUSAGE: return JZ_EXIT_USAGE;
    case JZ_EINPUT: return JZ_EXIT_INPUT;
    case JZ_EREAD: return JZ_EXIT_INPUT;
    case JZ_ENOMEM: return JZ_EXIT_SYSTEM;
    case JZ_EWRITE: return JZ_EXIT_SYSTEM;
    }
    return JZ_EXIT_SYSTEM;
}

const char *jz_code_name(jz_code code)
{
    static const char *const names[] = {"ok", "usage", "input", "read", "nomem", "write"};
    return (unsigned)code < sizeof names / sizeof names[0] ? names[code] : "unknown";
}

static void oom(void)
{
    fputs("jiazong: out of memory\n", stderr);
    exit(JZ_EXIT_SYSTEM);
}

void *jz_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *jz_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *jz_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

char *jz_xstrdup(const char *s)
{
    return jz_xstrndup(s, strlen(s));
}

char *jz_xstrndup(const char *s, size_t n)
{
    char *p = jz_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
