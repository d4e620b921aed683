/* fuzz_yaml.c — libFuzzer harness for the YAML input layer: the YAML tree builder (with
 * its bound on anchors and aliases) straight on the bytes, then the rubric loader (with
 * lint, as `jz-rubric lint` runs it, its positions from the same bytes), the rules and the
 * audit rules loaders on the same bytes, all from memory (the _load_buffer entry points and
 * jz_rubric_lint_buffer: no temporary file). Built and run by tests/fuzz/run.sh from the
 * repository root.
 *
 * The rubric's name places it for `extends:` (resolved next to the name, as for a file):
 * an even-sized input is tests/rubrics/fuzz-input.yaml, so the test rubrics' `mini.yaml`
 * and `../rubrics/mini.yaml` reach tests/rubrics/mini.yaml; an odd-sized one
 * rubrics/districts/fuzz-input.yaml, so the district overlays' `../guangzhou-unified.yaml`
 * reaches the bundled rubric. So `remove:` and `override:` get fuzzed; what a relative
 * `extends:` can reach is the checked-out repository only (read, never written): runs stay
 * reproducible whatever is in $TMPDIR. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/audit.h"
#include "jz/rubric.h"
#include "jz/rubric_check.h"
#include "jz/rules.h"
#include "jz/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drop(void *ctx, const jz_diag_msg *m)
{
    (void)ctx;
    /* Touch every string so a dangling pointer shows up under ASan. */
    volatile size_t n = strlen(m->file) + strlen(m->column) + strlen(m->code) + strlen(m->message);
    (void)n;
}

/* Visit every indicator, reading its strings, as a writer would. */
static void visit(void *ctx, const jz_section *s, const jz_indicator *ind)
{
    size_t *sum = ctx;
    *sum += strlen(s->id) + strlen(ind->id) + strlen(ind->title) + (size_t)ind->points;
}

/* Walk a YAML tree, touching every scalar. */
static size_t walk(const jz_ynode *n, int depth)
{
    if (!n || depth > 200)
        return 0;
    size_t sum = 1;
    if (n->kind == JZ_Y_SCALAR)
        return sum + strlen(n->value);
    for (size_t i = 0; i < n->n; i++) {
        sum += walk(n->items[i], depth + 1);
        if (n->kind == JZ_Y_MAP)
            sum += walk(n->keys[i], depth + 1);
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jz_error err;
    volatile size_t sum = 0;

    /* The tree builder on the bytes themselves (not NUL-terminated). */
    jz_ydoc *d = jz_yaml_parse((const char *)data, size, "fuzz.yaml", &err);
    if (d) {
        sum += walk(d->root, 0);
        jz_yaml_free(d);
    }

    const char *text = (const char *)data;
    const char *name = size % 2 ? "rubrics/districts/fuzz-input.yaml" : "tests/rubrics/fuzz-input.yaml";

    jz_rubric r;
    if (jz_rubric_load_buffer(&r, text, size, name, &err) == JZ_OK) {
        size_t n = 0;
        jz_rubric_each(&r, visit, &n);
        jz_diag diag;
        jz_diag_init(&diag, drop, NULL);
        sum += n + (size_t)jz_rubric_lint_buffer(&r, text, size, NULL, &diag);
        jz_rubric_free(&r);
    }

    jz_rules rules;
    if (jz_rules_load_buffer(&rules, text, size, "fuzz-rules.yaml", &err) == JZ_OK) {
        sum += (size_t)jz_rules_total_minutes(&rules, 2000000);
        jz_rules_free(&rules);
    }

    jz_audit_rules ar;
    if (jz_audit_rules_load_buffer(&ar, text, size, "fuzz-audit.yaml", &err) == JZ_OK) {
        sum += strlen(ar.id) + (size_t)ar.hashes + (size_t)ar.weight[JZ_AU_OUTLIER];
        jz_audit_rules_free(&ar);
    }

    (void)sum;
    return 0;
}
