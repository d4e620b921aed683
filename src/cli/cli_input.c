/* cli_input.c — see include/jz/cli_input.h */
#include "jz/cli_input.h"
#include "jz/cli.h"
#include "jz/i18n.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void jz_cli_input_add(jz_cli_inputs *in, const char *path)
{
    if (!path)
        return;
    in->paths = jz_xrealloc(in->paths, (in->n + 1) * sizeof *in->paths);
    in->paths[in->n++] = path;
}

void jz_cli_input_add_all(jz_cli_inputs *in, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        jz_cli_input_add(in, paths[i]);
}

/* The file behind path ("-": standard input); false if it cannot be looked at (the
 * reading will say why). */
static bool identify(const char *path, struct stat *st)
{
    return strcmp(path, "-") == 0 ? fstat(0, st) == 0 : stat(path, st) == 0;
}

static const char *shown(const char *path)
{
    return strcmp(path, "-") == 0 ? _("standard input (-)") : path;
}

int jz_cli_inputs_check(jz_cli_inputs *in)
{
    int rc = 0;
    for (size_t i = 0; i < in->n && !rc; i++) {
        struct stat a;
        bool is_stdin = strcmp(in->paths[i], "-") == 0, known = identify(in->paths[i], &a);
        for (size_t j = 0; j < i && !rc; j++) {
            struct stat b;
            if (is_stdin && strcmp(in->paths[j], "-") == 0)
                rc = jz_cli_usage_error("standard input (-) can be read only once");
            else if (known && !S_ISREG(a.st_mode) && identify(in->paths[j], &b) && a.st_dev == b.st_dev &&
                     a.st_ino == b.st_ino)
                rc = jz_cli_usage_error("%s and %s are the same pipe, which can be read only once: give one of "
                                        "them as a file", shown(in->paths[j]), shown(in->paths[i]));
        }
    }
    free(in->paths);
    in->paths = NULL;
    in->n = 0;
    return rc;
}
