/* writer_check.h — what the writers' unit programs share (include after cmocka.h):
 * render_writer runs the writer `name` of a result kind's table into a malloc'd string;
 * assert_has fails unless hay holds needle, printing both whole to stderr first (cmocka
 * cuts a long failure message short). */
#ifndef JZ_WRITER_CHECK_H
#define JZ_WRITER_CHECK_H

#include <stdio.h>
#include <string.h>

#include "jz/writer.h"

static char *render_writer(const jz_writer *table, const char *name, const void *doc)
{
    const jz_writer *w = jz_writer_find(table, name);
    assert_non_null(w);
    assert_non_null(w->write_to_file);
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    assert_non_null(fp);
    w->write_to_file(fp, doc);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

#define assert_has(hay, needle)                                                  \
    do {                                                                          \
        if (!strstr((hay), (needle))) {                                           \
            fprintf(stderr, "missing:\n%s\nin:\n%s\n", (needle), (hay));          \
            fail_msg("missing: %.200s", (needle));                                \
        }                                                                         \
    } while (0)

#endif
