/* test_mo.c — the .mo catalogue reader (mo.h): hand-built catalogues in both byte orders,
 * every damaged form refused, and the real catalogue of the build read the same as glibc's
 * gettext reads it (the reader is what the Windows build uses instead of libintl). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/mo.h"

/* A catalogue laid out as msgfmt does: header, the two tables, then the strings; the
 * originals here deliberately unsorted. */
typedef struct { unsigned char b[1024]; size_t n; } img;

static void put32(unsigned char *p, uint32_t v, int be)
{
    for (int i = 0; i < 4; i++)
        p[be ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

static img build(const char *const *ids, const char *const *strs, uint32_t count, int be)
{
    img m;
    memset(&m, 0, sizeof m);
    uint32_t otab = 28, ttab = otab + 8 * count, at = ttab + 8 * count;
    put32(m.b, 0x950412deu, be);
    put32(m.b + 4, 0, be);
    put32(m.b + 8, count, be);
    put32(m.b + 12, otab, be);
    put32(m.b + 16, ttab, be);
    for (int t = 0; t < 2; t++)
        for (uint32_t i = 0; i < count; i++) {
            const char *s = t ? strs[i] : ids[i];
            uint32_t len = (uint32_t)strlen(s);
            put32(m.b + (t ? ttab : otab) + 8 * i, len, be);
            put32(m.b + (t ? ttab : otab) + 8 * i + 4, at, be);
            memcpy(m.b + at, s, len + 1);
            at += len + 1;
        }
    m.n = at;
    return m;
}

static const char *const IDS[] = {"", "zebra", "apple", "empty", "ctx\004apple"};
static const char *const STRS[] = {"Content-Type: text/plain; charset=UTF-8\n", "斑马", "苹果", "", "别的苹果"};

static void finds_each_message_in_both_byte_orders(void **state)
{
    (void)state;
    for (int be = 0; be < 2; be++) {
        img m = build(IDS, STRS, 5, be);
        jz_mo *mo = jz_mo_from_bytes(m.b, m.n);
        assert_non_null(mo);
        assert_int_equal(jz_mo_count(mo), 5);
        assert_string_equal(jz_mo_find(mo, "apple"), "苹果");
        assert_string_equal(jz_mo_find(mo, "zebra"), "斑马");
        assert_null(jz_mo_find(mo, "empty"));   /* untranslated: the caller keeps the msgid */
        assert_null(jz_mo_find(mo, ""));        /* the header is not a message */
        assert_null(jz_mo_find(mo, "appl"));
        assert_null(jz_mo_find(mo, "apples"));
        assert_null(jz_mo_find(mo, "ctx"));     /* a context entry never answers a plain id */
        const char *id, *str;
        jz_mo_entry(mo, 1, &id, &str);         /* sorted: "", "apple", ... */
        assert_string_equal(id, "apple");
        assert_string_equal(str, "苹果");
        /* the catalogue is a copy: the caller's buffer may go */
        memset(m.b, 0, sizeof m.b);
        assert_string_equal(jz_mo_find(mo, "zebra"), "斑马");
        jz_mo_free(mo);
    }
    jz_mo_free(NULL);
    assert_null(jz_mo_find(NULL, "apple"));
}

static void refuses_every_damaged_catalogue(void **state)
{
    (void)state;
    img good = build(IDS, STRS, 5, 0);
    /* every shorter prefix: the last string's NUL or a table is cut off */
    for (size_t n = 0; n < good.n; n++) {
        errno = 0;
        assert_null(jz_mo_from_bytes(good.b, n));
        assert_int_equal(errno, EINVAL);
    }
    img m = good;
    m.b[0] ^= 1;                                 /* magic */
    assert_null(jz_mo_from_bytes(m.b, m.n));
    m = good;
    put32(m.b + 4, 1u << 16, 0);                 /* major revision 1 */
    assert_null(jz_mo_from_bytes(m.b, m.n));
    m = good;
    put32(m.b + 4, 1, 0);                        /* minor revision 1 is still readable */
    jz_mo *ok = jz_mo_from_bytes(m.b, m.n);
    assert_non_null(ok);
    jz_mo_free(ok);
    m = good;
    m.b[m.n - 1] = 'x';                          /* last string loses its NUL */
    assert_null(jz_mo_from_bytes(m.b, m.n));
    m = good;
    put32(m.b + 8, 0x20000000u, 0);              /* more entries than the file can hold */
    assert_null(jz_mo_from_bytes(m.b, m.n));
    m = good;
    put32(m.b + 28 + 4, 0xfffffff0u, 0);         /* an offset far outside */
    assert_null(jz_mo_from_bytes(m.b, m.n));
    m = good;
    put32(m.b + 28, 0xfffffff0u, 0);             /* a length far outside */
    assert_null(jz_mo_from_bytes(m.b, m.n));
    m = good;
    put32(m.b + 16, 0xfffffffcu, 0);             /* translations' table outside */
    assert_null(jz_mo_from_bytes(m.b, m.n));
    assert_null(jz_mo_from_bytes(NULL, 100));
}

static void empty_catalogue_answers_nothing(void **state)
{
    (void)state;
    img m = build(IDS, STRS, 0, 0);
    jz_mo *mo = jz_mo_from_bytes(m.b, m.n);
    assert_non_null(mo);
    assert_int_equal(jz_mo_count(mo), 0);
    assert_null(jz_mo_find(mo, "apple"));
    jz_mo_free(mo);
}

/* The build's jiazong.mo beside this program: BUILD/tests/test_mo -> BUILD/locale. */
static char *locale_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *s = strrchr(exe, '/');
    if (!s)
        return NULL;
    *s = '\0';
    s = strrchr(exe, '/');
    if (!s)
        return NULL;
    *s = '\0';
    size_t cap = strlen(exe) + 16;
    char *d = malloc(cap);
    if (d)
        snprintf(d, cap, "%s/locale", exe);
    return d;
}

static void real_catalogue_reads_as_glibc_reads_it(void **state)
{
    (void)state;
    char *dir = locale_dir();
    assert_non_null(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/zh_CN/LC_MESSAGES/jiazong.mo", dir);
    jz_mo *mo = jz_mo_load(path);
    assert_non_null(mo);
    assert_true(jz_mo_count(mo) > 300);
    setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", "zh_CN", 1);
    assert_non_null(bindtextdomain("jiazong", dir));
    assert_non_null(bind_textdomain_codeset("jiazong", "UTF-8"));
    size_t translated = 0;
    for (size_t i = 0; i < jz_mo_count(mo); i++) {
        const char *id, *str;
        jz_mo_entry(mo, i, &id, &str);
        if (!*id)
            continue;
        const char *g = dgettext("jiazong", id);
        const char *ours = jz_mo_find(mo, id);
        assert_string_equal(ours ? ours : id, g);
        translated += ours != NULL && strcmp(ours, id) != 0;
    }
    assert_true(translated > 300);             /* glibc really read the catalogue too */
    errno = 0;
    assert_null(jz_mo_load("no-such-dir/jiazong.mo"));
    assert_int_equal(errno, ENOENT);
    jz_mo_free(mo);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_each_message_in_both_byte_orders),
        cmocka_unit_test(refuses_every_damaged_catalogue),
        cmocka_unit_test(empty_catalogue_answers_nothing),
        cmocka_unit_test(real_catalogue_reads_as_glibc_reads_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
