/* test_yaml.c — the YAML tree (positions, duplicates, aliases and their bound, one
 * document) and the strict typed accessors (yaml.h). Every document is parsed from a
 * string with jz_yaml_parse under the name "t.yaml". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/yaml.h"

#define NAME "t.yaml"

/* Parse text; the document must load. */
static jz_ydoc *parse_ok(const char *text)
{
    jz_error err;
    jz_error_clear(&err);
    jz_ydoc *d = jz_yaml_parse(text, strlen(text), NAME, &err);
    if (!d)
        print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_non_null(d);
    assert_int_equal(err.code, JZ_OK);
    return d;
}

/* Parse text; the document must be refused with JZ_EINPUT at line:col (col 0: any). */
static void assert_refused(const char *text, long line, long col, const char *needle, jz_error *err)
{
    jz_error_clear(err);
    jz_ydoc *d = jz_yaml_parse(text, strlen(text), NAME, err);
    assert_null(d);
    assert_int_equal(err->code, JZ_EINPUT);
    assert_string_equal(err->file, NAME);
    if (!strstr(err->msg, needle))
        print_error("message: %s\n", err->msg);
    assert_non_null(strstr(err->msg, needle));
    assert_int_equal(err->line, line);
    if (col)
        assert_int_equal(err->col, col);
}

static void assert_msg_has(const jz_error *err, const char *needle)
{
    if (!strstr(err->msg, needle))
        print_error("message '%s' lacks '%s'\n", err->msg, needle);
    assert_non_null(strstr(err->msg, needle));
}

/* One scalar document "v: TEXT": the node of v. */
typedef struct one {
    jz_ydoc *d;
    jz_ynode *v;
} one;

static one value(const char *text)
{
    char buf[256];
    snprintf(buf, sizeof buf, "v: %s\n", text);
    one o;
    o.d = parse_ok(buf);
    o.v = jz_y_get(o.d->root, "v");
    assert_non_null(o.v);
    return o;
}

/* ---- the tree ---- */

static void nodes_carry_their_line_and_column(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("# comment\n"
                          "top:\n"
                          "  inner: 12\n"
                          "  list: [a, \"b\"]\n"
                          "other: x\n");
    jz_ynode *root = d->root;
    assert_int_equal(root->kind, JZ_Y_MAP);
    assert_int_equal(root->n, 2);
    assert_int_equal(root->line, 2);
    assert_int_equal(root->col, 1);
    assert_string_equal(root->keys[0]->value, "top");
    assert_int_equal(root->keys[0]->line, 2);
    assert_int_equal(root->keys[0]->col, 1);
    jz_ynode *top = jz_y_get(root, "top");
    assert_int_equal(top->kind, JZ_Y_MAP);
    assert_int_equal(top->line, 3);
    assert_int_equal(top->col, 3);
    jz_ynode *inner = jz_y_get(top, "inner");
    assert_int_equal(inner->kind, JZ_Y_SCALAR);
    assert_string_equal(inner->value, "12");
    assert_int_equal(inner->line, 3);
    assert_int_equal(inner->col, 10);
    assert_false(inner->quoted);
    jz_ynode *list = jz_y_get(top, "list");
    assert_int_equal(list->kind, JZ_Y_SEQ);
    assert_int_equal(list->n, 2);
    assert_int_equal(list->line, 4);
    assert_int_equal(list->col, 9);
    assert_string_equal(list->items[1]->value, "b");
    assert_true(list->items[1]->quoted);
    assert_int_equal(list->items[1]->line, 4);
    assert_int_equal(list->items[1]->col, 13);
    jz_ynode *other = jz_y_get(root, "other");
    assert_int_equal(other->line, 5);
    assert_int_equal(other->col, 8);
    assert_null(jz_y_get(root, "missing"));
    assert_null(jz_y_get(inner, "inner"));  /* not a map */
    jz_yaml_free(d);
}

static void an_empty_document_has_no_root(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("# nothing here\n");
    assert_null(d->root);
    jz_yaml_free(d);
    jz_yaml_free(NULL);
}

static void a_duplicate_key_is_refused_at_its_second_place(void **state)
{
    (void)state;
    jz_error err;
    assert_refused("a: 1\n"
                   "b:\n"
                   "  x: 1\n"
                   "  y: 2\n"
                   "  x: 3\n",
                   5, 3, "key 'x' appears twice in this map (first at line 3)", &err);
}

static void the_same_key_in_two_maps_is_fine(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("a: {x: 1}\nb: {x: 2}\n");
    assert_string_equal(jz_y_get(jz_y_get(d->root, "b"), "x")->value, "2");
    jz_yaml_free(d);
}

static void a_syntax_error_has_a_position(void **state)
{
    (void)state;
    jz_error err;
    /* The flow list is never closed: libyaml notices at the next key. */
    assert_refused("a: 1\n"
                   "b: [1, 2\n"
                   "c: 3\n",
                   3, 2, "YAML syntax", &err);
    /* A tab cannot indent. */
    assert_refused("a:\n"
                   "\tb: 1\n",
                   2, 1, "YAML syntax", &err);
}

static void a_non_scalar_key_is_refused(void **state)
{
    (void)state;
    jz_error err;
    assert_refused("? [a, b]\n: 1\n", 1, 3, "a map key must be a plain word", &err);
}

static void an_alias_is_shared_not_copied(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("base: &b {x: 1, y: [2, 3]}\n"
                          "copy: *b\n"
                          "word: &w hello\n"
                          "again: *w\n");
    jz_ynode *base = jz_y_get(d->root, "base");
    assert_ptr_equal(jz_y_get(d->root, "copy"), base);
    assert_ptr_equal(jz_y_get(d->root, "again"), jz_y_get(d->root, "word"));
    assert_string_equal(jz_y_get(d->root, "again")->value, "hello");
    /* Shared nodes are stored once: root, 4 keys, base map with 2 keys and 2 values of
     * which one is a list of 2, and the scalar "hello". */
    assert_int_equal(d->nall, 1 + 4 + (1 + 2 + 1 + 1 + 2) + 1);
    jz_yaml_free(d);
}

static void a_billion_laughs_document_is_refused_quickly(void **state)
{
    (void)state;
    static const char *const level[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    char text[4096];
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int l = 1; l < 9; l++) {
        n += (size_t)snprintf(text + n, sizeof text - n, "%s: &%s [", level[l], level[l]);
        for (int k = 0; k < 10; k++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s*%s", k ? ", " : "", level[l - 1]);
        n += (size_t)snprintf(text + n, sizeof text - n, "]\n");
    }
    assert_true(n < sizeof text);
    jz_error err;
    jz_error_clear(&err);
    jz_ydoc *d = jz_yaml_parse(text, n, NAME, &err);
    assert_null(d);
    assert_int_equal(err.code, JZ_EINPUT);
    assert_msg_has(&err, "more than 100000 nodes");
    /* Level e (1 + 10 * 11111 = 111111 nodes) is the first to pass the bound: the
     * document is refused on line 5 without expanding anything. */
    assert_int_equal(err.line, 5);
}

static void many_plain_nodes_without_aliases_are_not_taken_for_an_expansion(void **state)
{
    (void)state;
    /* 40,000 scalars in one list: 40,003 nodes in all, well under 100,000 (the bound
     * is on what aliases expand to, not on the sum of every subtree's size). */
    enum { N = 40000 };
    size_t cap = 16 + (size_t)N * 3;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "v: [");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, cap - n, i ? ",1" : "1");
    n += (size_t)snprintf(text + n, cap - n, "]\n");
    jz_error err;
    jz_error_clear(&err);
    jz_ydoc *d = jz_yaml_parse(text, n, NAME, &err);
    if (!d)
        print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_non_null(d);
    assert_int_equal(jz_y_get(d->root, "v")->n, N);
    assert_int_equal(d->nall, N + 3);
    jz_yaml_free(d);
    free(text);
}

static void aliases_expanding_to_just_over_100000_nodes_are_refused(void **state)
{
    (void)state;
    /* An anchored list of 1000 scalars (1001 nodes) and `uses` aliases to it: the
     * expanded tree has 1 root + (uses + 1) keys + (uses + 1) * 1001 nodes, 99,199 for
     * 98 uses (accepted) and 101,203 for 100 uses (refused). */
    char *text = malloc(200000);
    assert_non_null(text);
    for (int uses = 98; uses <= 100; uses += 2) {
        size_t n = (size_t)snprintf(text, 200000, "k0: &x [");
        for (int i = 0; i < 1000; i++)
            n += (size_t)snprintf(text + n, 200000 - n, i ? ",1" : "1");
        n += (size_t)snprintf(text + n, 200000 - n, "]\n");
        for (int u = 1; u <= uses; u++)
            n += (size_t)snprintf(text + n, 200000 - n, "k%d: *x\n", u);
        jz_error err;
        jz_error_clear(&err);
        jz_ydoc *d = jz_yaml_parse(text, n, NAME, &err);
        /* expanded: root 1 + (uses + 1) keys + (uses + 1) * 1001 */
        long expanded = 1 + (uses + 1) + (long)(uses + 1) * 1001;
        if (expanded <= 100000) {
            if (!d)
                print_error("uses %d: %s\n", uses, err.msg);
            assert_non_null(d);
            jz_yaml_free(d);
        } else {
            assert_null(d);
            assert_msg_has(&err, "more than 100000 nodes");
        }
    }
    free(text);
}

/* 40,000 anchored scalars, then a list of 40,000 aliases to them (last first). */
static char *many_aliases(size_t *len)
{
    enum { N = 40000 };
    size_t cap = (size_t)N * 40, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "a:\n");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, cap - n, "  - &a%d %d\n", i, i);
    n += (size_t)snprintf(text + n, cap - n, "b:\n");
    for (int i = N; i-- > 0;)
        n += (size_t)snprintf(text + n, cap - n, "  - *a%d\n", i);
    assert_true(n < cap);
    *len = n;
    return text;
}

static void forty_thousand_aliases_parse_in_linear_time(void **state)
{
    (void)state;
    enum { N = 40000 };
    size_t na;
    char *ta = many_aliases(&na);
    jz_error err;
    jz_error_clear(&err);
    jz_ydoc *da = jz_yaml_parse(ta, na, NAME, &err);
    assert_non_null(da);
    /* every alias is the anchored node itself: b lists a's items in reverse */
    const jz_ynode *a = jz_y_get(da->root, "a"), *b = jz_y_get(da->root, "b");
    assert_int_equal(a->n, N);
    assert_int_equal(b->n, N);
    for (size_t i = 0; i < N; i++)
        assert_ptr_equal(b->items[i], a->items[N - 1 - i]);
    assert_string_equal(b->items[0]->value, "39999");
    /* The cost is counted, not timed: with the anchors indexed, indexing 40,000 names and
     * resolving 40,000 aliases compares a few names each (a scan per alias compared 8e8). */
    assert_true(da->name_compares < 4 * (size_t)N);
    jz_yaml_free(da);
    free(ta);
}

static void a_redefined_anchor_is_its_latest_definition(void **state)
{
    (void)state;
    static const char text[] = "x: &k one\ny: &k two\nz: *k\n";
    jz_error err;
    jz_error_clear(&err);
    jz_ydoc *d = jz_yaml_parse(text, sizeof text - 1, NAME, &err);
    assert_non_null(d);
    assert_string_equal(jz_y_get(d->root, "z")->value, "two");
    jz_yaml_free(d);
}

static void an_alias_to_an_undefined_anchor_is_refused(void **state)
{
    (void)state;
    jz_error err;
    assert_refused("a: 1\nb: *nowhere\n", 2, 4, "alias *nowhere names no anchor defined before it", &err);
    /* An anchor defined after its alias does not count either. */
    assert_refused("b: *later\na: &later 1\n", 1, 4, "alias *later", &err);
}

static void two_documents_are_refused(void **state)
{
    (void)state;
    jz_error err;
    assert_refused("a: 1\n---\nb: 2\n", 2, 1, "only one YAML document per file", &err);
}

/* ---- maps and keys ---- */

static const char *const KEYS[] = {"training", "supervision", "outreach_share", NULL};

static void expect_map_accepts_known_keys(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("training: 1\nsupervision: 2\n");
    jz_error err;
    jz_error_clear(&err);
    assert_true(jz_y_expect_map(d, d->root, "hours", KEYS, &err));
    assert_int_equal(err.code, JZ_OK);
    jz_yaml_free(d);
}

static void an_unknown_key_near_a_known_one_gets_did_you_mean(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("supervision: 2\n"
                          "trainng: 1\n");
    jz_error err;
    jz_error_clear(&err);
    assert_false(jz_y_expect_map(d, d->root, "hours", KEYS, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.file, NAME);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 1);
    assert_string_equal(err.msg, "unknown key 'trainng' in hours: did you mean 'training'?");
    jz_yaml_free(d);
}

static void an_unknown_key_far_from_all_lists_the_keys(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("training: 1\n"
                          "  # a comment\n"
                          "colour: blue\n");
    jz_error err;
    jz_error_clear(&err);
    assert_false(jz_y_expect_map(d, d->root, "hours", KEYS, &err));
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 1);
    assert_string_equal(err.msg,
                        "unknown key 'colour' in hours: the keys are training, supervision, outreach_share");
    jz_yaml_free(d);
}

static void expect_map_refuses_a_list(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("hours:\n  - 1\n");
    jz_error err;
    jz_error_clear(&err);
    assert_false(jz_y_expect_map(d, jz_y_get(d->root, "hours"), "hours", KEYS, &err));
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 3);
    assert_string_equal(err.msg, "hours must be a map of keys and values, not a list");
    jz_yaml_free(d);
}

static void need_reports_a_missing_key_at_the_map(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("id: x\n"
                          "hours:\n"
                          "    training: 1\n");
    jz_ynode *hours = jz_y_get(d->root, "hours");
    jz_error err;
    jz_error_clear(&err);
    assert_non_null(jz_y_need(d, hours, "hours", "training", &err));
    assert_int_equal(err.code, JZ_OK);
    assert_null(jz_y_need(d, hours, "hours", "supervision", &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 5);
    assert_string_equal(err.msg, "hours needs a 'supervision' key");
    jz_yaml_free(d);
}

static void the_first_error_wins(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("a: 1\n");
    jz_error err;
    jz_error_clear(&err);
    int64_t v = 99;
    assert_false(jz_y_int(d, jz_y_need(d, d->root, "the file", "x", &err), "x", &v, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.msg, "the file needs a 'x' key");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 1);
    assert_int_equal(v, 99);
    /* A later failure does not overwrite it either. */
    assert_false(jz_y_fail(d, jz_y_get(d->root, "a"), &err, "something else"));
    assert_string_equal(err.msg, "the file needs a 'x' key");
    jz_yaml_free(d);
}

static void a_missing_node_without_an_earlier_error_says_missing(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("a: 1\n");
    jz_error err;
    jz_error_clear(&err);
    int64_t v;
    assert_false(jz_y_int(d, NULL, "x", &v, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.msg, "x is missing");
    assert_int_equal(err.line, 0);
    jz_yaml_free(d);
}

/* ---- typed scalars ---- */

static bool as_int(const char *text, int64_t *out, jz_error *err)
{
    one o = value(text);
    jz_error_clear(err);
    bool ok = jz_y_int(o.d, o.v, "n", out, err);
    jz_yaml_free(o.d);
    return ok;
}

static void int_takes_thousands_separators(void **state)
{
    (void)state;
    jz_error err;
    int64_t v = 0;
    assert_true(as_int("27440", &v, &err));
    assert_int_equal(v, 27440);
    assert_true(as_int("27_440", &v, &err));
    assert_int_equal(v, 27440);
    assert_true(as_int("\"27,440\"", &v, &err));
    assert_int_equal(v, 27440);
    assert_true(as_int("27,440", &v, &err));
    assert_int_equal(v, 27440);
    assert_true(as_int("-3", &v, &err));
    assert_int_equal(v, -3);
    assert_true(as_int("2,000,000", &v, &err));
    assert_int_equal(v, 2000000);
}

static void int_refuses_a_fraction_and_words(void **state)
{
    (void)state;
    jz_error err;
    int64_t v = 7;
    assert_false(as_int("27440.5", &v, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 4);
    assert_string_equal(err.msg, "n '27440.5' must be a whole number");
    assert_false(as_int("twelve", &v, &err));
    assert_string_equal(err.msg, "n 'twelve' is not a number");
    assert_false(as_int("12abc", &v, &err));
    assert_false(as_int("\"\"", &v, &err));
    assert_false(as_int("\"-\"", &v, &err));
    assert_false(as_int("[1]", &v, &err));
    assert_string_equal(err.msg, "n must be a single value, not a list");
    assert_int_equal(v, 7);
}

static bool as_minutes(const char *text, int64_t *out, jz_error *err)
{
    one o = value(text);
    jz_error_clear(err);
    bool ok = jz_y_minutes(o.d, o.v, "h", out, err);
    jz_yaml_free(o.d);
    return ok;
}

static void minutes_from_decimal_hours(void **state)
{
    (void)state;
    jz_error err;
    int64_t v = 0;
    assert_true(as_minutes("27440", &v, &err));
    assert_int_equal(v, 1646400);
    assert_true(as_minutes("0.5", &v, &err));
    assert_int_equal(v, 30);
    assert_true(as_minutes("1172", &v, &err));
    assert_int_equal(v, 70320);
    assert_true(as_minutes("27_440", &v, &err));
    assert_int_equal(v, 1646400);
    assert_true(as_minutes("27440.5", &v, &err));
    assert_int_equal(v, 1646430);
    assert_false(as_minutes("-1", &v, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_msg_has(&err, "is not a number of hours");
    assert_false(as_minutes("lots", &v, &err));
}

static bool as_percent(const char *text, int64_t *out, jz_error *err)
{
    one o = value(text);
    jz_error_clear(err);
    bool ok = jz_y_percent(o.d, o.v, "share", out, err);
    jz_yaml_free(o.d);
    return ok;
}

static void percent_in_basis_points(void **state)
{
    (void)state;
    jz_error err;
    int64_t v = 0;
    assert_true(as_percent("60%", &v, &err));
    assert_int_equal(v, 6000);
    assert_true(as_percent("60 %", &v, &err));
    assert_int_equal(v, 6000);
    assert_true(as_percent("0.6", &v, &err));
    assert_int_equal(v, 6000);
    assert_true(as_percent("110%", &v, &err));
    assert_int_equal(v, 11000);
    assert_true(as_percent("12.5%", &v, &err));
    assert_int_equal(v, 1250);
    assert_true(as_percent("0%", &v, &err));
    assert_int_equal(v, 0);
    assert_true(as_percent("1", &v, &err));
    assert_int_equal(v, 10000);
    assert_true(as_percent("0.125", &v, &err));
    assert_int_equal(v, 1250);
}

static bool as_fixed4(const char *text, int64_t *out, jz_error *err)
{
    one o = value(text);
    jz_error_clear(err);
    bool ok = jz_y_fixed(o.d, o.v, "points", 4, out, err);
    jz_yaml_free(o.d);
    return ok;
}

static void fixed_refuses_what_would_wrap_around(void **state)
{
    (void)state;
    jz_error err;
    int64_t v = 0;
    /* 15 digits x 10^4 is 10^19 > 2^63: it wrapped to a negative number before */
    assert_false(as_fixed4("999999999999999", &v, &err));
    assert_string_equal(err.msg, "points '999999999999999' is out of range: far too many digits");
    assert_false(as_fixed4("-9999999999999999", &v, &err));
    /* 11 digits and 4 decimals scale to 15 digits: exact */
    assert_true(as_fixed4("99999999999.9999", &v, &err));
    assert_int_equal(v, INT64_C(999999999999999));
}

static void range_names_the_bounds_as_written(void **state)
{
    (void)state;
    one o = value("1000000000.5");
    jz_error err;
    jz_error_clear(&err);
    int64_t v;
    assert_true(jz_y_fixed(o.d, o.v, "cap", 4, &v, &err));
    assert_false(jz_y_range(o.d, o.v, "cap", v, 0, INT64_C(10000000000000), 4, NULL, &err));
    assert_string_equal(err.msg, "cap '1000000000.5' is out of range: it must be from 0 to 1000000000");
    assert_int_equal(err.line, 1);
    jz_error_clear(&err);
    assert_false(jz_y_range(o.d, o.v, "share", 10001, 50, 10000, 2, "%", &err));
    assert_string_equal(err.msg, "share '1000000000.5' is out of range: it must be from 0.5 to 100 %");
    jz_error_clear(&err);
    assert_true(jz_y_range(o.d, o.v, "x", 5, 5, 5, 0, NULL, &err));
    jz_yaml_free(o.d);
}

static void percent_is_at_most_10000_percent(void **state)
{
    (void)state;
    jz_error err;
    int64_t v;
    assert_true(as_percent("10000%", &v, &err));
    assert_int_equal(v, 1000000);
    assert_false(as_percent("10000.01%", &v, &err));
    assert_string_equal(err.msg, "share '10000.01%' is out of range: a percentage is at most 10000%");
    assert_false(as_percent("99999999999999%", &v, &err));
}

static void percent_refuses_negatives_and_words(void **state)
{
    (void)state;
    jz_error err;
    int64_t v = 0;
    assert_false(as_percent("-5%", &v, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 4);
    assert_string_equal(err.msg, "share '-5%' must not be negative");
    /* Failures quote the value as written (with its '%') and show the accepted forms. */
    assert_false(as_percent("12.345%", &v, &err));
    assert_string_equal(err.msg, "share '12.345%' is not a percentage (at most 2 decimals): "
                                 "write e.g. 60%, 12.5% or 0.6");
    assert_false(as_percent("0.12345", &v, &err));
    assert_false(as_percent("\"%\"", &v, &err));
    assert_false(as_percent("60%%", &v, &err));
    assert_false(as_percent("sixty", &v, &err));
    assert_int_equal(err.col, 4);
    assert_string_equal(err.msg, "share 'sixty' is not a percentage (at most 2 decimals): "
                                 "write e.g. 60%, 12.5% or 0.6");
}

static bool as_fixed(const char *text, int places, int64_t *out, jz_error *err)
{
    one o = value(text);
    jz_error_clear(err);
    bool ok = jz_y_fixed(o.d, o.v, "score", places, out, err);
    jz_yaml_free(o.d);
    return ok;
}

static void fixed_decimals_scale_exactly(void **state)
{
    (void)state;
    jz_error err;
    int64_t v = 0;
    assert_true(as_fixed("89.95", 2, &v, &err));
    assert_int_equal(v, 8995);
    assert_true(as_fixed("-1.5", 1, &v, &err));
    assert_int_equal(v, -15);
    assert_true(as_fixed("90", 2, &v, &err));
    assert_int_equal(v, 9000);
    assert_true(as_fixed("1.230", 2, &v, &err));
    assert_int_equal(v, 123);
    assert_true(as_fixed("+2.5", 2, &v, &err));
    assert_int_equal(v, 250);
    assert_false(as_fixed("1.234", 2, &v, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.msg, "score '1.234' has more than 2 decimals");
    assert_false(as_fixed("1.2.3", 2, &v, &err));
    assert_string_equal(err.msg, "score '1.2.3' is not a number");
    assert_false(as_fixed("1e3", 2, &v, &err));
}

static void choice_gives_the_index_or_lists_the_choices(void **state)
{
    (void)state;
    static const char *const methods[] = {"working_days", "calendar_days", "months", "none", NULL};
    jz_error err;
    int i = -1;
    one o = value("months");
    jz_error_clear(&err);
    assert_true(jz_y_choice(o.d, o.v, "method", methods, &i, &err));
    assert_int_equal(i, 2);
    jz_yaml_free(o.d);
    o = value("Months");
    jz_error_clear(&err);
    assert_false(jz_y_choice(o.d, o.v, "method", methods, &i, &err));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 4);
    assert_string_equal(err.msg, "method 'Months' is not one of: working_days, calendar_days, months, none");
    jz_yaml_free(o.d);
}

static void bool_takes_true_false_yes_no_only(void **state)
{
    (void)state;
    static const struct { const char *text; bool ok, value; } cases[] = {
        {"true", true, true}, {"yes", true, true}, {"false", true, false}, {"no", true, false},
        {"True", false, false}, {"1", false, false}, {"on", false, false},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        one o = value(cases[k].text);
        jz_error err;
        jz_error_clear(&err);
        bool b = !cases[k].value;
        assert_int_equal(jz_y_bool(o.d, o.v, "flag", &b, &err), cases[k].ok);
        if (cases[k].ok)
            assert_int_equal(b, cases[k].value);
        else
            assert_int_equal(err.code, JZ_EINPUT);
        jz_yaml_free(o.d);
    }
}

static void string_gives_the_text_and_refuses_a_map(void **state)
{
    (void)state;
    jz_ydoc *d = parse_ok("version: \"2024.1\"\ntitle: 广州 家综\nm: {a: 1}\n");
    jz_error err;
    jz_error_clear(&err);
    const char *s = NULL;
    assert_true(jz_y_string(d, jz_y_get(d->root, "version"), "version", &s, &err));
    assert_string_equal(s, "2024.1");
    assert_true(jz_y_get(d->root, "version")->quoted);
    assert_true(jz_y_string(d, jz_y_get(d->root, "title"), "title", &s, &err));
    assert_string_equal(s, "广州 家综");
    assert_false(jz_y_string(d, jz_y_get(d->root, "m"), "m", &s, &err));
    assert_string_equal(err.msg, "m must be a single value, not a map");
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 4);
    jz_yaml_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nodes_carry_their_line_and_column),
        cmocka_unit_test(an_empty_document_has_no_root),
        cmocka_unit_test(a_duplicate_key_is_refused_at_its_second_place),
        cmocka_unit_test(the_same_key_in_two_maps_is_fine),
        cmocka_unit_test(a_syntax_error_has_a_position),
        cmocka_unit_test(a_non_scalar_key_is_refused),
        cmocka_unit_test(an_alias_is_shared_not_copied),
        cmocka_unit_test(a_billion_laughs_document_is_refused_quickly),
        cmocka_unit_test(many_plain_nodes_without_aliases_are_not_taken_for_an_expansion),
        cmocka_unit_test(aliases_expanding_to_just_over_100000_nodes_are_refused),
        cmocka_unit_test(forty_thousand_aliases_parse_in_linear_time),
        cmocka_unit_test(a_redefined_anchor_is_its_latest_definition),
        cmocka_unit_test(an_alias_to_an_undefined_anchor_is_refused),
        cmocka_unit_test(two_documents_are_refused),
        cmocka_unit_test(expect_map_accepts_known_keys),
        cmocka_unit_test(an_unknown_key_near_a_known_one_gets_did_you_mean),
        cmocka_unit_test(an_unknown_key_far_from_all_lists_the_keys),
        cmocka_unit_test(expect_map_refuses_a_list),
        cmocka_unit_test(need_reports_a_missing_key_at_the_map),
        cmocka_unit_test(the_first_error_wins),
        cmocka_unit_test(a_missing_node_without_an_earlier_error_says_missing),
        cmocka_unit_test(int_takes_thousands_separators),
        cmocka_unit_test(fixed_refuses_what_would_wrap_around),
        cmocka_unit_test(range_names_the_bounds_as_written),
        cmocka_unit_test(percent_is_at_most_10000_percent),
        cmocka_unit_test(int_refuses_a_fraction_and_words),
        cmocka_unit_test(minutes_from_decimal_hours),
        cmocka_unit_test(percent_in_basis_points),
        cmocka_unit_test(percent_refuses_negatives_and_words),
        cmocka_unit_test(fixed_decimals_scale_exactly),
        cmocka_unit_test(choice_gives_the_index_or_lists_the_choices),
        cmocka_unit_test(bool_takes_true_false_yes_no_only),
        cmocka_unit_test(string_gives_the_text_and_refuses_a_map),
    };
    return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
