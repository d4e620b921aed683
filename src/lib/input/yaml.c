/* yaml.c — see include/jz/yaml.h. The only file that uses libyaml. */
#include "jz/yaml.h"
#include "jz/date.h"
#include "jz/i18n.h"
#include "jz/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

enum { MAX_FILE = 4 << 20, MAX_EXPANDED = 100000, MAX_DEPTH = 64 };

typedef struct anchor {
    char *name;
    jz_ynode *node;
    size_t size;          /* expanded node count of the anchored subtree */
} anchor;

typedef struct builder {
    jz_ydoc *d;
    yaml_parser_t p;
    anchor *anchors;
    size_t nanchors, anchors_cap;  /* anchors grows by doubling: one copy per anchor on average */
    size_t *index;        /* open-addressing hash of anchor names -> anchors[i] + 1 (0 empty) */
    size_t nindex;        /* slots, a power of two, at least twice nanchors */
    size_t expanded;      /* nodes, counting alias expansions */
    size_t max_nodes;
    jz_error *err;
} builder;

static jz_ynode *new_node(builder *b, jz_ykind kind, const yaml_mark_t *m)
{
    jz_ydoc *d = b->d;
    jz_ynode *n = jz_xcalloc(1, sizeof *n);
    n->kind = kind;
    n->line = (long)m->line + 1;
    n->col = (long)m->column + 1;
    if (d->nall == d->capall) {
        d->capall = d->capall ? d->capall * 2 : 64;
        d->all = jz_xrealloc(d->all, d->capall * sizeof *d->all);
    }
    d->all[d->nall++] = n;
    return n;
}

static void push(jz_ynode ***arr, size_t n, jz_ynode *x)
{
    if ((n & (n - 1)) == 0)  /* grow at powers of two */
        *arr = jz_xrealloc(*arr, (n ? n * 2 : 1) * sizeof **arr);
    (*arr)[n] = x;
}

static bool fail_at(builder *b, const yaml_mark_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail_at(builder *b, const yaml_mark_t *m, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, jz_tr(fmt), ap);
    va_end(ap);
    jz_error_set(b->err, JZ_EINPUT, b->d->path, (long)m->line + 1, (long)m->column + 1, "%s", msg);
    return false;
}

static jz_ynode *parse_node(builder *b, yaml_event_t *ev, int depth, size_t *size);

/* FNV-1a of an anchor name. */
static size_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

/* The slot of name in the index: the one holding it, or the empty one where it goes. */
static size_t *slot_of(const builder *b, const char *name)
{
    size_t mask = b->nindex - 1;
    for (size_t i = name_hash(name) & mask;; i = (i + 1) & mask) {
        if (!b->index[i])
            return &b->index[i];
        b->d->name_compares++;
        if (strcmp(b->anchors[b->index[i] - 1].name, name) == 0)
            return &b->index[i];
    }
}

/* Double the index and re-insert every anchor (a redefined name keeps its latest). */
static void grow_index(builder *b)
{
    free(b->index);
    b->nindex = b->nindex ? b->nindex * 2 : 64;
    b->index = jz_xcalloc(b->nindex, sizeof *b->index);
    for (size_t i = 0; i < b->nanchors; i++)
        *slot_of(b, b->anchors[i].name) = i + 1;
}

/* Anchors are indexed by name, so each alias is found in constant time: a document of
 * tens of thousands of aliases parses in linear time (it was a scan per alias). A name
 * defined again points at its latest definition, as YAML says. */
static bool remember(builder *b, const yaml_char_t *name, jz_ynode *n, size_t size)
{
    if (!name)
        return true;
    if (b->nanchors == b->anchors_cap) {
        b->anchors_cap = b->anchors_cap ? 2 * b->anchors_cap : 16;
        b->anchors = jz_xrealloc(b->anchors, b->anchors_cap * sizeof *b->anchors);
    }
    b->anchors[b->nanchors++] = (anchor){jz_xstrdup((const char *)name), n, size};
    if (2 * b->nanchors > b->nindex)
        grow_index(b);
    else
        *slot_of(b, (const char *)name) = b->nanchors;
    return true;
}

static const anchor *find_anchor(const builder *b, const char *name)
{
    if (!b->nindex)
        return NULL;
    size_t k = *slot_of(b, name);
    return k ? &b->anchors[k - 1] : NULL;
}

/* libyaml's commonest problems and contexts, marked for translation (its own words are
 * English; one it has that is not here stays English). */
static const char *const yaml_words[] = {
    N_("mapping values are not allowed in this context"), N_("did not find expected key"),
    N_("did not find expected node content"), N_("found character that cannot start any token"),
    N_("could not find expected ':'"), N_("did not find expected '-' indicator"), N_("found undefined tag handle"),
    N_("found unexpected end of stream"), N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("block sequence entries are not allowed in this context"), N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"), N_("found unknown escape character"),
    N_("while scanning a simple key"), N_("while parsing a block mapping"), N_("while parsing a block collection"),
    N_("while scanning a quoted scalar"), N_("while parsing a flow sequence"), N_("while parsing a flow mapping"),
    N_("while scanning a plain scalar"), N_("while parsing a block node"), N_("while parsing a flow node"),
    N_("while scanning a block scalar"), N_("while scanning an anchor"), N_("while scanning an alias"),
    N_("while scanning a tag"),
};

static const char *yaml_word(const char *w)
{
    for (size_t i = 0; i < sizeof yaml_words / sizeof *yaml_words; i++)
        if (strcmp(yaml_words[i], w) == 0)
            return _(yaml_words[i]);
    return w;
}

static bool next_event(builder *b, yaml_event_t *ev)
{
    if (yaml_parser_parse(&b->p, ev))
        return true;
    jz_error_set(b->err, JZ_EINPUT, b->d->path, (long)b->p.problem_mark.line + 1,
                 (long)b->p.problem_mark.column + 1, "YAML syntax: %s%s%s",
                 b->p.problem ? yaml_word(b->p.problem) : _("error"), b->p.context ? " " : "",
                 b->p.context ? yaml_word(b->p.context) : "");
    return false;
}

static bool same_key(const jz_ynode *a, const jz_ynode *k)
{
    return strcmp(a->value, k->value) == 0;
}

static jz_ynode *parse_collection(builder *b, yaml_event_t *start, int depth, size_t *size)
{
    bool is_map = start->type == YAML_MAPPING_START_EVENT;
    jz_ynode *n = new_node(b, is_map ? JZ_Y_MAP : JZ_Y_SEQ, &start->start_mark);
    const yaml_char_t *anchor_name = is_map ? start->data.mapping_start.anchor : start->data.sequence_start.anchor;
    char *aname = anchor_name ? jz_xstrdup((const char *)anchor_name) : NULL;
    *size = 1;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, &ev))
            goto fail;
        if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        size_t sub = 0;
        jz_ynode *key = NULL;
        if (is_map) {
            yaml_mark_t km = ev.start_mark;
            key = parse_node(b, &ev, depth + 1, &sub);
            if (!key)
                goto fail;
            if (key->kind != JZ_Y_SCALAR) {
                fail_at(b, &km, "a map key must be a plain word");
                goto fail;
            }
            for (size_t i = 0; i < n->n; i++)
                if (same_key(n->keys[i], key)) {
                    fail_at(b, &km, "key '%s' appears twice in this map (first at line %ld)",
                            key->value, n->keys[i]->line);
                    goto fail;
                }
            if (!next_event(b, &ev))
                goto fail;
        }
        jz_ynode *val = parse_node(b, &ev, depth + 1, &sub);
        if (!val)
            goto fail;
        *size += sub;
        if (is_map)
            push(&n->keys, n->n, key);
        push(&n->items, n->n, val);
        n->n++;
    }
    remember(b, (const yaml_char_t *)aname, n, *size);
    free(aname);
    return n;
fail:
    free(aname);
    return NULL;
}

static jz_ynode *parse_node(builder *b, yaml_event_t *ev, int depth, size_t *size)
{
    jz_ynode *n = NULL;
    if (depth > MAX_DEPTH) {
        fail_at(b, &ev->start_mark, "nesting deeper than 64 levels");
        yaml_event_delete(ev);
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = new_node(b, JZ_Y_SCALAR, &ev->start_mark);
        n->value = jz_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
        n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        *size = 1;
        remember(b, ev->data.scalar.anchor, n, 1);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        n = parse_collection(b, ev, depth, size);
        break;
    case YAML_ALIAS_EVENT: {
        const anchor *a = find_anchor(b, (const char *)ev->data.alias.anchor);
        if (a) {
            n = a->node;
            *size = a->size;
        }
        if (!n)
            fail_at(b, &ev->start_mark, "alias *%s names no anchor defined before it",
                    (const char *)ev->data.alias.anchor);
        break;
    }
    default:
        fail_at(b, &ev->start_mark, "unexpected YAML event");
        break;
    }
    if (n) {
        /* Each node counts once; an alias counts as the whole subtree it stands for
         * (adding *size for a collection too would count its children twice). */
        b->expanded += ev->type == YAML_ALIAS_EVENT ? *size : 1;
        if (b->expanded > b->max_nodes) {
            fail_at(b, &ev->start_mark, "aliases expand this document to more than %zu nodes: "
                    "refused (write the values out instead of aliasing them)", b->max_nodes);
            n = NULL;
        }
    }
    yaml_event_delete(ev);
    return n;
}

jz_ydoc *jz_yaml_parse(const char *text, size_t len, const char *name, jz_error *err)
{
    return jz_yaml_parse_limit(text, len, name, MAX_EXPANDED, err);
}

jz_ydoc *jz_yaml_parse_limit(const char *text, size_t len, const char *name, size_t max_nodes,
                             jz_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.err = err;
    b.max_nodes = max_nodes;
    b.d = jz_xcalloc(1, sizeof *b.d);
    b.d->path = jz_xstrdup(name);
    yaml_parser_initialize(&b.p);
    yaml_parser_set_input_string(&b.p, (const unsigned char *)text, len);
    bool ok = true, docs = false;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(&b, &ev)) {
            ok = false;
            break;
        }
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT && docs) {
            ok = fail_at(&b, &ev.start_mark, "only one YAML document per file");
            yaml_event_delete(&ev);
            break;
        }
        docs |= t == YAML_DOCUMENT_START_EVENT;
        if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT ||
            t == YAML_ALIAS_EVENT) {
            size_t size;
            b.d->root = parse_node(&b, &ev, 0, &size);
            if (!b.d->root) {
                ok = false;
                break;
            }
            continue;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&b.p);
    for (size_t i = 0; i < b.nanchors; i++)
        free(b.anchors[i].name);
    free(b.anchors);
    free(b.index);
    if (!ok) {
        jz_yaml_free(b.d);
        return NULL;
    }
    return b.d;
}

jz_ydoc *jz_yaml_load(const char *path, jz_error *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp)
        return jz_error_sys(err, path, "cannot open"), NULL;
    char *buf = jz_xmalloc(MAX_FILE + 1);
    size_t n = fread(buf, 1, MAX_FILE + 1, fp);
    bool bad = ferror(fp);
    if (fp != stdin)
        fclose(fp);
    jz_ydoc *d = NULL;
    if (bad)
        jz_error_sys(err, path, "cannot read");
    else if (n > MAX_FILE)
        jz_error_set(err, JZ_EINPUT, path, 0, 0, "larger than 4 MiB: not a rule or rubric file");
    else
        d = jz_yaml_parse(buf, n, path, err);
    if (d) {
        d->text = buf;
        d->len = n;
    } else {
        free(buf);
    }
    return d;
}

char *jz_yaml_read(const char *path, size_t max, const char *what, size_t *n, jz_error *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp)
        return jz_error_sys(err, path, "cannot open"), NULL;
    size_t cap = 1 << 16, len = 0, got;
    char *buf = jz_xmalloc(cap);
    bool big = false;
    while (!big && (got = fread(buf + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) {
            if (max && cap >= max)
                big = true;
            else
                buf = jz_xrealloc(buf, cap *= 2);
        }
    }
    bool bad = ferror(fp);
    if (fp != stdin)
        fclose(fp);
    if (bad || big) {
        if (bad)
            jz_error_sys(err, path, "cannot read");
        else
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "larger than %zu MiB: not %s", max >> 20, what);
        free(buf);
        return NULL;
    }
    *n = len;
    return buf;
}

void jz_yaml_free(jz_ydoc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nall; i++) {
        free(d->all[i]->value);
        free(d->all[i]->items);
        free(d->all[i]->keys);
        free(d->all[i]);
    }
    free(d->all);
    free(d->path);
    free(d->text);
    free(d);
}

/* ---- accessors ---- */

bool jz_y_fail(const jz_ydoc *d, const jz_ynode *n, jz_error *err, const char *fmt, ...)
{
    if (err && err->code != JZ_OK)
        return false;  /* the first error wins: it is the one at the right place */
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, jz_tr(fmt), ap);
    va_end(ap);
    jz_error_set(err, JZ_EINPUT, d->path, n ? n->line : 0, n ? n->col : 0, "%s", msg);
    return false;
}

jz_ynode *jz_y_get(const jz_ynode *m, const char *key)
{
    if (!m || m->kind != JZ_Y_MAP)
        return NULL;
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->keys[i]->value, key) == 0)
            return m->items[i];
    return NULL;
}

static const char *kind_name(jz_ykind k)
{
    return k == JZ_Y_MAP ? _("a map") : k == JZ_Y_SEQ ? _("a list") : _("a single value");
}

bool jz_y_expect_map(const jz_ydoc *d, const jz_ynode *node, const char *what,
                     const char *const *allowed, jz_error *err)
{
    if (!node || node->kind != JZ_Y_MAP)
        return jz_y_fail(d, node, err, "%s must be a map of keys and values, not %s", what,
                         node ? kind_name(node->kind) : _("empty"));
    for (size_t i = 0; i < node->n; i++) {
        const char *k = node->keys[i]->value;
        const char *best = NULL;
        int bestd = 4;
        bool found = false;
        for (const char *const *a = allowed; *a; a++) {
            if (strcmp(*a, k) == 0) {
                found = true;
                break;
            }
            int dist = jz_text_distance(k, *a);
            if (dist < bestd)
                bestd = dist, best = *a;
        }
        if (found)
            continue;
        char keys[400] = "";
        for (const char *const *a = allowed; *a; a++) {
            size_t len = strlen(keys);
            snprintf(keys + len, sizeof keys - len, "%s%s", a == allowed ? "" : ", ", *a);
        }
        if (best && bestd <= 2)
            return jz_y_fail(d, node->keys[i], err, "unknown key '%s' in %s: did you mean '%s'?", k, what, best);
        return jz_y_fail(d, node->keys[i], err, "unknown key '%s' in %s: the keys are %s", k, what, keys);
    }
    return true;
}

jz_ynode *jz_y_need(const jz_ydoc *d, const jz_ynode *m, const char *what, const char *key,
                    jz_error *err)
{
    jz_ynode *n = jz_y_get(m, key);
    if (!n)
        jz_y_fail(d, m, err, "%s needs a '%s' key", what, key);
    return n;
}

static bool scalar(const jz_ydoc *d, const jz_ynode *n, const char *what, jz_error *err)
{
    if (!n)
        return jz_y_fail(d, n, err, "%s is missing", what);
    if (n->kind != JZ_Y_SCALAR)
        return jz_y_fail(d, n, err, "%s must be a single value, not %s", what, kind_name(n->kind));
    return true;
}

bool jz_y_string(const jz_ydoc *d, const jz_ynode *n, const char *what, const char **out,
                 jz_error *err)
{
    if (!scalar(d, n, what, err))
        return false;
    *out = n->value;
    return true;
}

/* Copy s without '_' and ',' separators (between digits) into buf. */
static bool strip_separators(const char *s, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if ((s[i] == '_' || s[i] == ',') && i > 0 && s[i + 1] >= '0' && s[i + 1] <= '9')
            continue;
        if (o + 1 >= cap)
            return false;
        buf[o++] = s[i];
    }
    buf[o] = '\0';
    return true;
}

bool jz_y_fixed(const jz_ydoc *d, const jz_ynode *n, const char *what, int places,
                int64_t *out, jz_error *err)
{
    if (!scalar(d, n, what, err))
        return false;
    char buf[64];
    if (!strip_separators(n->value, buf, sizeof buf))
        return jz_y_fail(d, n, err, "%s '%s' is not a number", what, n->value);
    const char *s = buf;
    bool neg = *s == '-';
    s += neg || *s == '+';
    int64_t v = 0;
    int digits = 0, frac = -1;
    for (; *s; s++) {
        if (*s == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || digits > 15)
            return jz_y_fail(d, n, err, "%s '%s' is not a number", what, n->value);
        if (frac >= 0 && frac == places) {
            if (*s != '0')
                return jz_y_fail(d, n, err, "%s '%s' has more than %d decimals", what, n->value, places);
            continue;
        }
        v = v * 10 + (*s - '0');
        digits++;
        if (frac >= 0)
            frac++;
    }
    if (digits == 0)
        return jz_y_fail(d, n, err, "%s '%s' is not a number", what, n->value);
    for (int k = frac < 0 ? 0 : frac; k < places; k++)
        if (__builtin_mul_overflow(v, 10, &v))  /* 16 digits and 4 decimals wrapped around */
            return jz_y_fail(d, n, err, "%s '%s' is out of range: far too many digits", what, n->value);
    *out = neg ? -v : v;
    return true;
}

/* v / 10^places as text, without trailing zeros ("1000000", "0.5"). */
static char *fixed_text(int64_t v, int places, char *buf, size_t cap)
{
    int64_t scale = 1;
    for (int k = 0; k < places; k++)
        scale *= 10;
    bool neg = v < 0;
    uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = snprintf(buf, cap, "%s%llu", neg ? "-" : "", (unsigned long long)(a / (uint64_t)scale));
    uint64_t f = a % (uint64_t)scale;
    if (f && n > 0 && (size_t)n < cap) {
        int pl = places;
        while (f % 10 == 0)
            f /= 10, pl--;
        snprintf(buf + n, cap - (size_t)n, ".%0*llu", pl, (unsigned long long)f);
    }
    return buf;
}

bool jz_y_range(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t v, int64_t lo, int64_t hi,
                int places, const char *unit, jz_error *err)
{
    if (v >= lo && v <= hi)
        return true;
    char a[40], b[40];
    return jz_y_fail(d, n, err, "%s '%s' is out of range: it must be from %s to %s%s%s", what,
                     n ? n->value : "", fixed_text(lo, places, a, sizeof a), fixed_text(hi, places, b, sizeof b),
                     unit && *unit ? " " : "", unit ? jz_tr(unit) : "");
}

bool jz_y_int(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t *out, jz_error *err)
{
    if (!scalar(d, n, what, err))
        return false;
    if (strchr(n->value, '.'))
        return jz_y_fail(d, n, err, "%s '%s' must be a whole number", what, n->value);
    return jz_y_fixed(d, n, what, 0, out, err);
}

bool jz_y_minutes(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t *out,
                  jz_error *err)
{
    if (!scalar(d, n, what, err))
        return false;
    char buf[64];
    if (!strip_separators(n->value, buf, sizeof buf) || !jz_hours_parse(buf, strlen(buf), out))
        return jz_y_fail(d, n, err, "%s '%s' is not a number of hours (e.g. 1260 or 27440.5)", what, n->value);
    return true;
}

bool jz_y_percent(const jz_ydoc *d, const jz_ynode *n, const char *what, int64_t *out,
                  jz_error *err)
{
    if (!scalar(d, n, what, err))
        return false;
    const char *v = n->value;
    size_t len = strlen(v);
    while (len && v[len - 1] == ' ')
        len--;
    bool pct = len && v[len - 1] == '%';
    jz_ynode tmp = *n;
    char buf[64];
    if (pct) {
        snprintf(buf, sizeof buf, "%.*s", (int)(len - 1), v);
        size_t k = strlen(buf);
        while (k && buf[k - 1] == ' ')
            buf[--k] = '\0';
        tmp.value = buf;
    }
    /* Parse with a local error: the message must quote the value as written and say
     * what a percentage looks like. */
    jz_error local;
    jz_error_clear(&local);
    if (!jz_y_fixed(d, &tmp, what, pct ? 2 : 4, out, &local))
        return jz_y_fail(d, n, err, "%s '%s' is not a percentage (at most 2 decimals): write e.g. 60%%, "
                         "12.5%% or 0.6", what, n->value);
    if (*out < 0)
        return jz_y_fail(d, n, err, "%s '%s' must not be negative", what, n->value);
    if (*out > 1000000)  /* 10,000 %: no share or threshold is larger; keeps products in 64 bits */
        return jz_y_fail(d, n, err, "%s '%s' is out of range: a percentage is at most 10000%%", what, n->value);
    if (!pct && *out > 10000)  /* "60" is surely not 6000 %: make the writer say which */
        return jz_y_fail(d, n, err, "%s '%s' is ambiguous: write a percentage with %% (e.g. %s%%) or a "
                         "fraction up to 1 (e.g. 0.6)", what, n->value, n->value);
    return true;
}

bool jz_y_choice(const jz_ydoc *d, const jz_ynode *n, const char *what,
                 const char *const *choices, int *out, jz_error *err)
{
    if (!scalar(d, n, what, err))
        return false;
    char list[300] = "";
    for (int i = 0; choices[i]; i++) {
        if (strcmp(n->value, choices[i]) == 0) {
            *out = i;
            return true;
        }
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", choices[i]);
    }
    return jz_y_fail(d, n, err, "%s '%s' is not one of: %s", what, n->value, list);
}

bool jz_y_bool(const jz_ydoc *d, const jz_ynode *n, const char *what, bool *out, jz_error *err)
{
    static const char *const words[] = {"false", "true", "no", "yes", NULL};
    int i;
    if (!jz_y_choice(d, n, what, words, &i, err))
        return false;
    *out = i % 2 == 1;
    return true;
}
