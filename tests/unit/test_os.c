/* test_os.c — the platform layer's POSIX side (os.h): replace a file, the executable's
 * folder, the program name. Its Windows side runs under Wine in make check-windows
 * (tests/windows/check.sh): Chinese file names, -o over an existing file, the zip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jz/os.h"

static char dir[4096];

static char *path_in(const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static void assert_file(const char *path, const char *want)
{
    char buf[64] = {0};
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    assert_string_equal(buf, want);
}

/* Replacing an existing target: the target has the new text, the temp name is gone. */
static void replace_existing(void **state)
{
    (void)state;
    char *tmp = path_in("out.tmpABC"), *target = path_in("报告.csv");
    put(target, "old\n");
    put(tmp, "new\n");
    assert_int_equal(jz_os_replace(tmp, target), 0);
    assert_file(target, "new\n");
    assert_int_equal(access(tmp, F_OK), -1);
    unlink(target);
    free(tmp);
    free(target);
}

/* A missing source fails with ENOENT and leaves the target alone. */
static void replace_missing(void **state)
{
    (void)state;
    char *tmp = path_in("absent"), *target = path_in("kept.csv");
    put(target, "kept\n");
    errno = 0;
    assert_int_equal(jz_os_replace(tmp, target), -1);
    assert_int_equal(errno, ENOENT);
    assert_file(target, "kept\n");
    unlink(target);
    free(tmp);
    free(target);
}

/* The test program's own folder: where argv[0] says it is (make runs it by path). */
static void exe_dir(void **state)
{
    const char *argv0 = *state;
    char *d = jz_os_exe_dir();
    assert_non_null(d);
    char *real_want = realpath(argv0, NULL);
    assert_non_null(real_want);
    *strrchr(real_want, '/') = '\0';
    assert_string_equal(d, real_want);
    free(real_want);
    free(d);
}

static void progname(void **state)
{
    (void)state;
    assert_string_equal(jz_os_progname("build/bin/jz-hours"), "jz-hours");
    assert_string_equal(jz_os_progname("/usr/local/bin/jz-score"), "jz-score");
    assert_string_equal(jz_os_progname("jz-days"), "jz-days");
    /* POSIX: a backslash and .exe are part of the name. */
    assert_string_equal(jz_os_progname("a\\jz-days.exe"), "a\\jz-days.exe");
}

/* ---- numbered printf arguments, against the C library's own (glibc has them) ---- */

static int numbered(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = jz_os_vsnprintf_numbered(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat"
static int libc(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
#pragma GCC diagnostic pop

#define SAME(size, ...)                                                   \
    do {                                                                  \
        char a[256], b[256];                                              \
        memset(a, 'x', sizeof a), memset(b, 'x', sizeof b);               \
        int na = numbered(a, size, __VA_ARGS__), nb = libc(b, size, __VA_ARGS__); \
        assert_int_equal(na, nb);                                         \
        assert_memory_equal(a, b, sizeof a);                              \
    } while (0)

static void numbered_arguments_print_as_the_c_library_prints_them(void **state)
{
    (void)state;
    const char *name = "南洲街", *id = "HZ-NZ-2024-01";
    SAME(256, "%2$s 的 %1$s", id, name);
    SAME(256, "中心 %4$.*3$s 的活动 %2$.*1$s 在 %6$.*5$s 没有记录", 2, "G1x", 2, "C1y", 10, "2024-03-06!!");
    SAME(256, "%3$ld / %1$d / %2$s", 7, "x", 123456789012L);
    SAME(256, "%1$8.2f|%2$-8s|%3$zu|%4$lld|%5$c|%6$x|%7$05d", 3.14159, "ab", (size_t)42, -9LL, 'Q', 255u, 42);
    SAME(256, "%2$*1$d|%3$-*1$s|%4$.*1$f", 6, 12, "ab", 2.5);
    SAME(256, "%2$*1$d", -6, 12);                /* a negative width: left-justified */
    SAME(256, "100 %% of %1$s %%", "合同");
    SAME(256, "%1$s%1$s %2$g", "re", 1e-7);       /* one argument twice */
    SAME(8, "%2$s and %1$s", "first", "second");  /* cut short: the length still counted */
    SAME(0, "%2$s and %1$s", "first", "second");
    char buf[16];
    assert_int_equal(numbered(buf, sizeof buf, "%3$s %1$s", "a", "b", "c"), -1);  /* %2$ never typed */
    assert_int_equal(numbered(buf, sizeof buf, "%1$q", 1), -1);                  /* unknown conversion */
    assert_int_equal(numbered(buf, sizeof buf, "%33$s", "x"), -1);               /* beyond 32 */
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/jz-test-os-XXXXXX", base && *base ? base : P_tmpdir);
    if (!mkdtemp(dir))
        return 1;
    void *state = argv[0];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replace_existing),
        cmocka_unit_test(replace_missing),
        cmocka_unit_test_prestate(exe_dir, state),
        cmocka_unit_test(progname),
        cmocka_unit_test(numbered_arguments_print_as_the_c_library_prints_them),
    };
    int rc = cmocka_run_group_tests_name("os", tests, NULL, NULL);
    rmdir(dir);
    return rc;
}
