/* cli_input.h — inputs that can be read only once (standard input, pipes, FIFOs).
 *
 * Promise: a tool hands every input path of a run to one jz_cli_inputs; it refuses, as a
 * usage error, standard input ("-") named twice in any combination of options, and any
 * other input that is not a regular file (a pipe, a FIFO, /dev/stdin) named twice or
 * together with "-" when it is the same pipe: the second reading would find it empty.
 * Regular files may be named twice (they are read again from the start).
 */
#ifndef JZ_CLI_INPUT_H
#define JZ_CLI_INPUT_H

#include <stddef.h>

typedef struct jz_cli_inputs {
    const char **paths;
    size_t n;
} jz_cli_inputs;

/* Add path (NULL is ignored) to the run's inputs. */
void jz_cli_input_add(jz_cli_inputs *in, const char *path);
void jz_cli_input_add_all(jz_cli_inputs *in, const char *const *paths, size_t n);

/* 0 when every input can be read; else prints the usage error and returns 2
 * (JZ_EXIT_USAGE). Frees the list either way. */
int jz_cli_inputs_check(jz_cli_inputs *in);

#endif
