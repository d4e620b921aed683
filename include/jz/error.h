/* error.h — one error struct passed last; the exit-status ladder every tool keeps.
 *
 * Promise: library functions that can fail take `jz_error *err` last, fill it on
 * failure and return its code; they never print and never exit. Findings about the
 * data (a short check, a bad row) are not errors: they go to a jz_diag sink.
 */
#ifndef JZ_ERROR_H
#define JZ_ERROR_H

#include <stddef.h>

/* The exit ladder, the same in every tool (documented in every man page). */
enum jz_exit {
    JZ_EXIT_OK = 0,       /* all good */
    JZ_EXIT_FINDINGS = 1, /* the data fails a check or the rubric */
    JZ_EXIT_USAGE = 2,    /* usage error */
    JZ_EXIT_INPUT = 3,    /* input invalid or unreadable, nothing computed */
    JZ_EXIT_SYSTEM = 4    /* write failed, out of memory */
};

typedef enum jz_code {
    JZ_OK = 0,
    JZ_EUSAGE,   /* bad argument from the caller */
    JZ_EINPUT,   /* input invalid (syntax, encoding, schema) */
    JZ_EREAD,    /* cannot open or read an input file (errno saved): exit 3 */
    JZ_ENOMEM,   /* allocation failed */
    JZ_EWRITE,   /* cannot write an output (errno saved): exit 4 */
    JZ_EIO = JZ_EREAD /* the former name of JZ_EREAD (it meant reading everywhere it was set) */
} jz_code;

typedef struct jz_error {
    jz_code code;
    int sys_errno;      /* errno at the failure, 0 if none */
    char file[512];     /* "" when not about a file */
    long line;          /* 1-based physical line, 0 if unknown */
    long col;           /* 1-based field/column, 0 if unknown */
    char msg[512];
} jz_error;

/* Clear *err to JZ_OK. err may be NULL. */
void jz_error_clear(jz_error *err);

/* Fill err (may be NULL) and return code, so `return jz_error_set(...)` reads in one line.
 * file may be NULL. The message is printf-formatted and truncated to fit. */
jz_code jz_error_set(jz_error *err, jz_code code, const char *file, long line, long col,
                     const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Like jz_error_set with code JZ_EREAD and sys_errno = errno; appends strerror. For a
 * file that cannot be opened or read. */
jz_code jz_error_sys(jz_error *err, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same with code JZ_EWRITE: an output that cannot be created or written. */
jz_code jz_error_write(jz_error *err, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The exit status for an error, computed from its code alone: JZ_OK 0, JZ_EUSAGE 2,
 * JZ_EINPUT and JZ_EREAD 3 (input invalid or unreadable), JZ_ENOMEM and JZ_EWRITE 4
 * (system error). err NULL: 0. */
int jz_error_exit(const jz_error *err);

/* Short name of a code: "usage", "input", "read", "nomem", "write". */
const char *jz_code_name(jz_code code);

/* Allocation that never returns NULL: on failure prints "out of memory" and exits 4.
 * (The one exception to "the library never exits", as in cmark and mandoc.) */
void *jz_xmalloc(size_t n);
void *jz_xcalloc(size_t n, size_t size);
void *jz_xrealloc(void *p, size_t n);
char *jz_xstrdup(const char *s);
char *jz_xstrndup(const char *s, size_t n);

#endif
