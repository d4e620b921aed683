/* test_strbuf.c — the growing string (include/jz/strbuf.h) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jz/strbuf.h"

static void empty_is_an_empty_string(void **state)
{
    (void)state;
    jz_sb b = {0};
    jz_sb_add(&b, "%s", "");  /* nothing added */
    char *s = jz_sb_done(&b);
    assert_string_equal(s, "");
    assert_null(b.s);
    free(s);
}

static void pieces_join_past_any_first_size(void **state)
{
    (void)state;
    jz_sb b = {0};
    for (int i = 0; i < 1000; i++)
        jz_sb_add(&b, "%d,", i % 10);
    assert_int_equal(b.n, 2000);
    assert_int_equal(strlen(b.s), 2000);
    assert_memory_equal(b.s, "0,1,2,3,4,5,6,7,8,9,0,", 22);
    assert_string_equal(b.s + 1980, "0,1,2,3,4,5,6,7,8,9,");
    char *s = jz_sb_done(&b);
    assert_int_equal(b.n, 0);
    free(s);
    jz_sb c = {0};
    jz_sb_add(&c, "distinct %s with ≥ %lld rows", "clients", 6LL);
    assert_string_equal(c.s, "distinct clients with ≥ 6 rows");
    jz_sb_free(&c);
    assert_null(c.s);
    jz_sb_free(&c);  /* twice: a no-op */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_is_an_empty_string),
        cmocka_unit_test(pieces_join_past_any_first_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
