/* diag.h — the one diagnostic sink: findings about input files, as
 * `file:line:col: severity: message [code]`.
 *
 * Promise: library code reports problems with jz_diag_emit(); it never prints. A sink
 * counts every message by severity (counting never stops) and forwards each to its
 * callback (which may print, collect or drop it). Codes are stable short words
 * ("bad-date", "duplicate-id"), documented in jiazong-records(5); tools and scripts may
 * rely on them.
 */
#ifndef JZ_DIAG_H
#define JZ_DIAG_H

#include <stdbool.h>
#include <stdio.h>

typedef enum jz_severity { JZ_NOTE = 0, JZ_WARNING = 1, JZ_ERROR = 2 } jz_severity;

typedef struct jz_diag_msg {
    jz_severity sev;
    const char *file;    /* as given on the command line; "-" is shown as "<stdin>" */
    long line;           /* physical line, 0 = the whole file */
    long col;            /* field number, 0 = the whole line */
    const char *column;  /* canonical column name, "" if none */
    const char *code;    /* stable code word */
    const char *message; /* one sentence naming the value and the fix */
} jz_diag_msg;

typedef void (*jz_diag_fn)(void *ctx, const jz_diag_msg *m);

typedef struct jz_diag {
    jz_diag_fn fn;       /* may be NULL: count only */
    void *ctx;
    long count[3];       /* notes, warnings, errors seen */
    long shown_max;      /* 0, or: fn shows only the first shown_max warnings and errors it
                          * is given and counts every later one, whatever it says (as
                          * jz_diag_print with max = shown_max and min_sev <= JZ_WARNING).
                          * A sink that holds messages for later (jz_table_read_split)
                          * then keeps only that many, plus counts. */
} jz_diag;

/* Initialise a sink. */
void jz_diag_init(jz_diag *d, jz_diag_fn fn, void *ctx);

/* Count and forward one message (printf-formatted). d may be NULL (dropped). */
void jz_diag_emit(jz_diag *d, jz_severity sev, const char *file, long line, long col,
                  const char *column, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* "note", "warning", "error": the stable word of machine output (CSV, JSON). */
const char *jz_severity_name(jz_severity s);
/* The same word in the user's language (提示, 警告, 错误), for text meant to be read. */
const char *jz_severity_label(jz_severity s);

/* A printing sink (the writer side): formats text, csv or json onto fp. */
typedef enum jz_diag_format { JZ_DIAG_TEXT, JZ_DIAG_CSV, JZ_DIAG_JSON } jz_diag_format;

typedef struct jz_diag_printer {
    FILE *fp;
    jz_diag_format format;
    long max;            /* stop printing after this many (0 = no limit); counting goes on */
    long printed;        /* messages printed */
    long limited;        /* warnings and errors printed (what max counts) */
    long suppressed;
    jz_severity min_sev; /* messages below this are counted but not printed */
    const char *prog;    /* prefix for text lines, NULL for none */
} jz_diag_printer;

/* Start the output (csv header, json "[" ...). */
void jz_diag_printer_begin(jz_diag_printer *p);
/* The jz_diag_fn to pass to jz_diag_init with ctx = printer. */
void jz_diag_print(void *printer, const jz_diag_msg *m);
/* Close the output (json "]"). */
void jz_diag_printer_end(jz_diag_printer *p);

#endif
