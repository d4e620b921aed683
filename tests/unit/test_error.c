/* test_error.c — the error struct and the exit ladder (error.h): every code maps to its exit
 * status by the table in error.h (read errors 3, write errors 4, never guessed from a
 * file name), the short code names, what jz_error_set / _sys / _write fill (code, errno,
 * file, line, column, the formatted message with ": strerror" appended), truncation
 * instead of overflow, and NULL accepted where the header says so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/error.h"

static jz_error with_code(jz_code c)
{
    jz_error e;
    jz_error_clear(&e);
    e.code = c;
    return e;
}

static void each_code_has_its_exit_status(void **state)
{
    (void)state;
    /* The table of error.h: OK 0, USAGE 2, INPUT and READ 3, NOMEM and WRITE 4. */
    jz_error e = with_code(JZ_OK);
    assert_int_equal(jz_error_exit(&e), 0);
    e = with_code(JZ_EUSAGE);
    assert_int_equal(jz_error_exit(&e), 2);
    e = with_code(JZ_EINPUT);
    assert_int_equal(jz_error_exit(&e), 3);
    e = with_code(JZ_EREAD);
    assert_int_equal(jz_error_exit(&e), 3);
    e = with_code(JZ_ENOMEM);
    assert_int_equal(jz_error_exit(&e), 4);
    e = with_code(JZ_EWRITE);
    assert_int_equal(jz_error_exit(&e), 4);
    /* The same numbers under their names in the ladder. */
    assert_int_equal(JZ_EXIT_USAGE, 2);
    assert_int_equal(JZ_EXIT_INPUT, 3);
    assert_int_equal(JZ_EXIT_SYSTEM, 4);
    /* No error at all: 0. */
    assert_int_equal(jz_error_exit(NULL), 0);
    /* A code outside the enum (a corrupted struct): a system error, not success. */
    e = with_code((jz_code)77);
    assert_int_equal(jz_error_exit(&e), 4);
}

static void read_and_write_errors_are_distinct_codes(void **state)
{
    (void)state;
    assert_int_not_equal(JZ_EREAD, JZ_EWRITE);
    assert_int_equal(JZ_EIO, JZ_EREAD);  /* the former name kept for reading */
    jz_error r, w;
    errno = ENOENT;
    assert_int_equal(jz_error_sys(&r, "in.csv", "cannot open %s", "in.csv"), JZ_EREAD);
    errno = ENOSPC;
    assert_int_equal(jz_error_write(&w, "out.json", "cannot write %s", "out.json"), JZ_EWRITE);
    assert_int_equal(jz_error_exit(&r), 3);
    assert_int_equal(jz_error_exit(&w), 4);
}

static void code_names(void **state)
{
    (void)state;
    assert_string_equal(jz_code_name(JZ_OK), "ok");
    assert_string_equal(jz_code_name(JZ_EUSAGE), "usage");
    assert_string_equal(jz_code_name(JZ_EINPUT), "input");
    assert_string_equal(jz_code_name(JZ_EREAD), "read");
    assert_string_equal(jz_code_name(JZ_ENOMEM), "nomem");
    assert_string_equal(jz_code_name(JZ_EWRITE), "write");
    assert_string_equal(jz_code_name((jz_code)6), "unknown");
    assert_string_equal(jz_code_name((jz_code)-1), "unknown");
}

static void set_fills_every_field(void **state)
{
    (void)state;
    jz_error e;
    e.sys_errno = 5;  /* left over from an earlier error: set clears it */
    jz_code c = jz_error_set(&e, JZ_EINPUT, "rubric.yaml", 12, 3, "bad %s: %d", "points", -4);
    assert_int_equal(c, JZ_EINPUT);
    assert_int_equal(e.code, JZ_EINPUT);
    assert_int_equal(e.sys_errno, 0);
    assert_string_equal(e.file, "rubric.yaml");
    assert_int_equal(e.line, 12);
    assert_int_equal(e.col, 3);
    assert_string_equal(e.msg, "bad points: -4");

    /* No file: "" (not NULL). */
    assert_int_equal(jz_error_set(&e, JZ_EUSAGE, NULL, 0, 0, "x"), JZ_EUSAGE);
    assert_string_equal(e.file, "");
    assert_int_equal(e.line, 0);

    /* err NULL: only the code comes back. */
    assert_int_equal(jz_error_set(NULL, JZ_ENOMEM, "f", 1, 1, "y"), JZ_ENOMEM);
    assert_int_equal(jz_error_sys(NULL, "f", "y"), JZ_EREAD);
    assert_int_equal(jz_error_write(NULL, "f", "y"), JZ_EWRITE);
}

static void sys_and_write_append_strerror_and_keep_errno(void **state)
{
    (void)state;
    jz_error e;
    char want[600];
    errno = ENOENT;
    jz_error_sys(&e, "records.csv", "cannot open %s", "records.csv");
    assert_int_equal(e.code, JZ_EREAD);
    assert_int_equal(e.sys_errno, ENOENT);
    assert_string_equal(e.file, "records.csv");
    assert_int_equal(e.line, 0);
    assert_int_equal(e.col, 0);
    snprintf(want, sizeof want, "cannot open records.csv: %s", strerror(ENOENT));
    assert_string_equal(e.msg, want);

    errno = EACCES;
    jz_error_write(&e, "out/report.html", "cannot create %s", "out/report.html");
    assert_int_equal(e.code, JZ_EWRITE);
    assert_int_equal(e.sys_errno, EACCES);
    assert_string_equal(e.file, "out/report.html");
    snprintf(want, sizeof want, "cannot create out/report.html: %s", strerror(EACCES));
    assert_string_equal(e.msg, want);
}

static void long_messages_and_names_are_cut_not_overflowed(void **state)
{
    (void)state;
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    jz_error e;
    jz_error_set(&e, JZ_EINPUT, big, 1, 1, "%s", big);
    /* msg and file are 512 bytes: 511 characters and the NUL. */
    assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
    assert_int_equal(strlen(e.file), sizeof e.file - 1);
    /* A message that fills the buffer gets no strerror tail (nothing is written past it). */
    errno = ENOENT;
    jz_error_sys(&e, "f", "%s", big);
    assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
    assert_int_equal(e.msg[sizeof e.msg - 2], 'x');
}

static void clear_resets_and_accepts_null(void **state)
{
    (void)state;
    jz_error e;
    jz_error_set(&e, JZ_EINPUT, "f", 3, 4, "m");
    jz_error_clear(&e);
    assert_int_equal(e.code, JZ_OK);
    assert_string_equal(e.file, "");
    assert_string_equal(e.msg, "");
    assert_int_equal(e.line, 0);
    assert_int_equal(jz_error_exit(&e), 0);
    jz_error_clear(NULL);  /* no-op */
}

static void x_allocators_copy_and_grow(void **state)
{
    (void)state;
    char *s = jz_xstrdup("南洲街");
    assert_string_equal(s, "南洲街");
    free(s);
    s = jz_xstrndup("HZ-NZ,rest", 5);  /* the first 5 bytes, NUL-terminated */
    assert_string_equal(s, "HZ-NZ");
    free(s);
    int *v = jz_xcalloc(4, sizeof *v);
    for (int i = 0; i < 4; i++)
        assert_int_equal(v[i], 0);
    v = jz_xrealloc(v, 8 * sizeof *v);
    v[7] = 7;
    assert_int_equal(v[7] + v[3], 7);
    free(v);
    void *z = jz_xmalloc(0);  /* size 0: still a pointer that can be freed */
    assert_non_null(z);
    free(z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_code_has_its_exit_status),
        cmocka_unit_test(read_and_write_errors_are_distinct_codes),
        cmocka_unit_test(code_names),
        cmocka_unit_test(set_fills_every_field),
        cmocka_unit_test(sys_and_write_append_strerror_and_keep_errno),
        cmocka_unit_test(long_messages_and_names_are_cut_not_overflowed),
        cmocka_unit_test(clear_resets_and_accepts_null),
        cmocka_unit_test(x_allocators_copy_and_grow),
    };
    return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
