/* yaml.h — YAML files (rules, rubrics) as a small tree with positions, plus strict
 * typed accessors that report file:line:col.
 *
 * Promise: the only user of libyaml. A document is loaded whole (rule and rubric files
 * are small: at most 4 MiB); every node keeps its line and column (1-based). Anchors and
 * aliases are allowed but bounded: a document whose aliases would expand to more than
 * 100,000 nodes is refused (no "billion laughs"); an alias is shared, never copied.
 * Accessors never guess: a wrong type, an unknown key (with a "did you mean") or a
 * missing required key fills err with JZ_EINPUT and the node's position.
 * Ownership: jz_yaml_load returns a document freed by jz_yaml_free; nodes belong to it.
 */
#ifndef JZ_YAML_H
#define JZ_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jz/error.h"

typedef enum jz_ykind { JZ_Y_SCALAR, JZ_Y_SEQ, JZ_Y_MAP } jz_ykind;

typedef struct jz_ynode jz_ynode;
struct jz_ynode {
    jz_ykind kind;
    long line, col;
    char *value;          /* scalar text (NUL-terminated) */
    bool quoted;          /* scalar was quoted ('...' or "...") */
    size_t n;             /* items (seq) or pairs (map) */
    jz_ynode **items;     /* seq items; map values */
    jz_ynode **keys;      /* map keys (scalars) */
};

typedef struct jz_ydoc {
    char *path;
    jz_ynode *root;       /* NULL for an empty document */
    jz_ynode **all;       /* every node, for freeing */
    size_t nall, capall;
    char *text;           /* the bytes jz_yaml_load read (NULL from jz_yaml_parse): a file */
    size_t len;           /* read from a pipe can be hashed without reading it again */
    size_t name_compares; /* anchor names compared while indexing and resolving aliases: the
                           * lookups' cost, which a unit test bounds (no clock involved) */
} jz_ydoc;

/* Load path ("-" = stdin). NULL with err on a syntax error, a non-scalar map key, a
 * duplicate key, too large a file, or too many alias expansions. */
jz_ydoc *jz_yaml_load(const char *path, jz_error *err);
/* The whole of path ("-" = stdin) in a malloc'd buffer (caller frees), its length in *n,
 * for loaders of machine-written documents (results, audits, verifications) that parse
 * with their own node bound. max: refuse a file of max bytes or more ("larger than N MiB:
 * not WHAT", JZ_EINPUT), 0 for no bound. NULL with err when it cannot be opened or read. */
char *jz_yaml_read(const char *path, size_t max, const char *what, size_t *n, jz_error *err);
/* Same from a string (name is used in messages). */
jz_ydoc *jz_yaml_parse(const char *text, size_t len, const char *name, jz_error *err);
/* Same with another bound on nodes (for large machine-written documents: results). */
jz_ydoc *jz_yaml_parse_limit(const char *text, size_t len, const char *name, size_t max_nodes,
                             jz_error *err);
void jz_yaml_free(jz_ydoc *d);

/* ---- strict accessors; all fill err (JZ_EINPUT with d->path and the node's position) ---- */

/* The value of key in map m, or NULL. */
jz_ynode *jz_y_get(const jz_ynode *m, const char *key);
/* Fail unless node is a map whose keys are all in `allowed` (NULL-terminated); an unknown
 * key gets "did you mean". `what` names the map in messages ("hours"). */
bool jz_y_expect_map(const jz_ydoc *d, const jz_ynode *node, const char *what,
                     const char *const *allowed, jz_error *err);
/* Fail unless key is present in m. Returns the node. */
jz_ynode *jz_y_need(const jz_ydoc *d, const jz_ynode *m, const char *what, const char *key,
                    jz_error *err);
bool jz_y_string(const jz_ydoc *d, const jz_ynode *n, const char *what, const char **out,
                 jz_error *err);
/* A whole number (optionally with '_' or ',' thousands separators). */
bool jz_y_int(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t *out,
              jz_error *err);
/* A decimal number of hours -> minutes (exact, rounded half up to the minute). */
bool jz_y_minutes(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t *out,
                  jz_error *err);
/* A percentage "60%" or "60 %" or a fraction 0.6 -> basis points (6000). Up to 2 decimals
 * of a percent; from 0 to 10000 %. */
bool jz_y_percent(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t *out,
                  jz_error *err);
/* A fixed decimal with up to `places` decimals -> value * 10^places (e.g. "89.95", 2 ->
 * 8995). Negative allowed. A value that does not fit 64 bits once scaled is refused ("far
 * too large"), never wrapped; callers check their domain's range with jz_y_range. */
bool jz_y_fixed(const jz_ydoc *d, const jz_ynode *n, const char *what, int places,
                int64_t *out, jz_error *err);
/* Fail unless lo <= v <= hi, where v was read from n: "what 'TEXT' is out of range: it
 * must be from LO to HI UNIT", the bounds printed as v is (value / 10^places: 0 for whole
 * numbers, 4 for fixed points, 2 for basis points shown as percent). unit may be NULL. */
bool jz_y_range(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t v, int64_t lo,
                int64_t hi, int places, const char *unit, jz_error *err);
/* One of `choices` (NULL-terminated); returns its index via out. */
bool jz_y_choice(const jz_ydoc *d, const jz_ynode *n, const char *what,
                 const char *const *choices, int *out, jz_error *err);
bool jz_y_bool(const jz_ydoc *d, const jz_ynode *n, const char *what, bool *out,
               jz_error *err);

/* Fill err at node n with a formatted message; returns false. If err already holds an
 * error it is kept (the first error wins), so chained accessors report the real cause. */
bool jz_y_fail(const jz_ydoc *d, const jz_ynode *n, jz_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
