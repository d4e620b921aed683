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
    };
    int rc = cmocka_run_group_tests_name("os", tests, NULL, NULL);
    rmdir(dir);
    return rc;
}
