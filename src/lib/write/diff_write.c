/* diff_write.c — see include/jz/diff_write.h: the table of writers. */
#include "jz/diff_write.h"

#include <string.h>

const jz_diff_writer jz_diff_writers[] = {
    {"text", jz_diff_write_text},
    {"md", jz_diff_write_md},
    {"csv", jz_diff_write_csv},
    {"json", jz_diff_write_json},
    {NULL, NULL},
};

const jz_diff_writer *jz_diff_writer_find(const char *name)
{
    for (const jz_diff_writer *w = jz_diff_writers; w->name; w++)
        if (strcmp(w->name, name) == 0)
            return w;
    return NULL;
}
