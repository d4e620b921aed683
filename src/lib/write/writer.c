/* writer.c — see include/jz/writer.h. */
#include "jz/writer.h"

#include <string.h>

const jz_writer *jz_writer_find(const jz_writer *table, const char *name)
{
    for (const jz_writer *w = table; name && w->name; w++)
        if (strcmp(w->name, name) == 0)
            return w;
    return NULL;
}
