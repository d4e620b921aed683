/* fuzz_yaml.c — libFuzzer harness for the YAML input layer: the YAML tree builder (with
 * its bound on anchors and aliases) straight on the bytes, then the rubric loader (with
 * lint, as `jz-rubric lint` runs it), the rules and the audit rules loaders on the same bytes written to a
 * temporary file (the loaders take a path). Built and run by tests/fuzz/run.sh.
 *
 * The file lives in a private directory, DIR/a/b/input.yaml, beside copies of the rubrics
 * the seeds extend (read from the working directory, the repository root, at start-up):
 * DIR/a/guangzhou-unified.yaml for the district overlays' `../guangzhou-unified.yaml`,
 * DIR/a/b/mini.yaml and DIR/a/rubrics/mini.yaml for the test rubrics' `mini.yaml` and
 * `../rubrics/mini.yaml`. So `remove:` and `override:` get fuzzed, and a relative
 * `extends:` reaches nothing else: runs stay reproducible whatever is in $TMPDIR. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jz/audit.h"
#include "jz/rubric.h"
#include "jz/rubric_check.h"
#include "jz/rules.h"
#include "jz/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[256], path[320];

/* The bases, as (source in the repository, place under dir). */
static const char *const bases[][2] = {
    {"rubrics/guangzhou-unified.yaml", "a/guangzhou-unified.yaml"},
    {"tests/rubrics/mini.yaml", "a/b/mini.yaml"},
    {"tests/rubrics/mini.yaml", "a/rubrics/mini.yaml"},
};

static void in_dir(char *out, size_t cap, const char *rel)
{
    snprintf(out, cap, "%s/%s", dir, rel);
}

static void remove_input(void)
{
    char p[320];
    if (path[0])
        unlink(path);
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        in_dir(p, sizeof p, bases[i][1]);
        unlink(p);
    }
    static const char *const dirs[] = {"a/rubrics", "a/b", "a", ""};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        in_dir(p, sizeof p, dirs[i]);
        rmdir(p);
    }
}

/* Copy from to to, if from can be read (a missing base only loses coverage). */
static void copy(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return;
    FILE *out = fopen(to, "wb");
    char buf[8192];
    size_t n;
    while (out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    if (out)
        fclose(out);
}

/* The temporary file every input is written to, in a directory of its own with the
 * bases beside it, created once per process. */
static const char *input_path(void)
{
    if (path[0])
        return path;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/jz-fuzz-yaml-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    atexit(remove_input);
    static const char *const dirs[] = {"a", "a/b", "a/rubrics"};
    char p[320];
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        in_dir(p, sizeof p, dirs[i]);
        if (mkdir(p, 0700) != 0) {
            perror("mkdir");
            abort();
        }
    }
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        in_dir(p, sizeof p, bases[i][1]);
        copy(bases[i][0], p);
    }
    in_dir(path, sizeof path, "a/b/input.yaml");
    return path;
}

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

    const char *p = input_path();
    FILE *fp = fopen(p, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
        abort();

    jz_rubric r;
    if (jz_rubric_load(&r, p, &err) == JZ_OK) {
        size_t n = 0;
        jz_rubric_each(&r, visit, &n);
        jz_diag diag;
        jz_diag_init(&diag, drop, NULL);
        sum += n + (size_t)jz_rubric_lint(&r, NULL, &diag);
        jz_rubric_free(&r);
    }

    jz_rules rules;
    if (jz_rules_load(&rules, p, &err) == JZ_OK) {
        sum += (size_t)jz_rules_total_minutes(&rules, 2000000);
        jz_rules_free(&rules);
    }

    jz_audit_rules ar;
    if (jz_audit_rules_load(&ar, p, &err) == JZ_OK) {
        sum += strlen(ar.id) + (size_t)ar.hashes + (size_t)ar.weight[JZ_AU_OUTLIER];
        jz_audit_rules_free(&ar);
    }

    (void)sum;
    unlink(p);  /* only a crash leaves the file behind (libFuzzer may _Exit past atexit) */
    return 0;
}
