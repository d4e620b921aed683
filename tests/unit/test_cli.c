/* test_cli.c — the front end's output files (cli.h, src/cli/cli_out.c): standard
 * descriptors reopened, temp files removed on signals, outputs committed together, the
 * temp name within NAME_MAX, outputs that are inputs refused. Each test that changes
 * process state (closed descriptors, signal handlers) runs in a child process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jz/cli.h"

/* A fresh directory per test, removed with everything in it. */
static int make_dir(void **state)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = malloc(4096);
    if (!dir)
        return -1;
    snprintf(dir, 4096, "%s/jz-test-cli.XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
    if (!mkdtemp(dir)) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

static int remove_dir(void **state)
{
    char *dir = *state;
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[4096];
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    if (d)
        closedir(d);
    rmdir(dir);
    free(dir);
    return 0;
}

/* Entries in dir, "." and ".." aside. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    return n;
}

static char *path_in(const char *dir, const char *name)
{
    static char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static char *read_file(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Run fn(dir) in a child; its wait status. */
static int in_child(void (*fn)(const char *dir, int arg), const char *dir, int arg)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fn(dir, arg);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

/* ---- standard descriptors ---- */

/* Child: close 0, 1, 2, start, open an output; exit 10 + its fd, or 1 when 0-2 are not
 * /dev/null. */
static void closed_fds_child(const char *dir, int arg)
{
    (void)arg;
    struct stat null_st;
    if (stat("/dev/null", &null_st) != 0)
        _exit(2);
    close(0);
    close(1);
    close(2);
    jz_cli_init("test");
    for (int fd = 0; fd <= 2; fd++) {
        struct stat st;
        if (fstat(fd, &st) != 0 || !S_ISCHR(st.st_mode) || st.st_rdev != null_st.st_rdev)
            _exit(1);
    }
    jz_out out;
    if (!jz_out_open(&out, path_in(dir, "out.csv")))
        _exit(3);
    int fd = fileno(out.fp);
    jz_out_abort(&out);
    _exit(10 + (fd > 2 ? 3 : fd));
}

static void closed_std_fds_get_dev_null_and_the_temp_file_gets_fd_3_or_above(void **state)
{
    int status = in_child(closed_fds_child, *state, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 13);
    assert_int_equal(entries(*state), 0);
}

/* ---- signals ---- */

/* Child: open an output (over an existing file when arg says so), write, then be killed
 * by the signal arg & 0xff before committing. */
static void killed_child(const char *dir, int arg)
{
    jz_cli_init("test");
    jz_out out;
    if (!jz_out_open(&out, path_in(dir, "out.csv")))
        _exit(3);
    fputs("half a file\n", out.fp);
    fflush(out.fp);
    if (entries(dir) != ((arg >> 8) ? 2 : 1))
        _exit(4);  /* the temp file is there before the signal */
    kill(getpid(), arg & 0xff);
    _exit(5);
}

static void assert_killed_leaves_nothing(const char *dir, int sig)
{
    int status = in_child(killed_child, dir, sig);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);
    assert_int_equal(entries(dir), 0);
}

static void sigterm_sigint_sighup_remove_the_pending_temp_file_and_kill(void **state)
{
    assert_killed_leaves_nothing(*state, SIGTERM);
    assert_killed_leaves_nothing(*state, SIGINT);
    assert_killed_leaves_nothing(*state, SIGHUP);
}

static void a_signal_leaves_the_old_target_as_it_was(void **state)
{
    const char *dir = *state;
    write_file(path_in(dir, "out.csv"), "old\n");
    int status = in_child(killed_child, dir, 1 << 8 | SIGTERM);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    assert_int_equal(entries(dir), 1);
    assert_string_equal(read_file(path_in(dir, "out.csv")), "old\n");
}

/* Child: SIGHUP ignored by whoever started us stays ignored (nohup). */
static void nohup_child(const char *dir, int arg)
{
    (void)arg;
    signal(SIGHUP, SIG_IGN);
    jz_cli_init("test");
    jz_out out;
    if (!jz_out_open(&out, path_in(dir, "out.csv")))
        _exit(3);
    fputs("done\n", out.fp);
    kill(getpid(), SIGHUP);
    _exit(jz_out_commit(&out) ? 0 : 6);
}

static void an_ignored_sighup_stays_ignored(void **state)
{
    int status = in_child(nohup_child, *state, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_string_equal(read_file(path_in(*state, "out.csv")), "done\n");
}

/* ---- committing ---- */

static void outputs_are_committed_together_or_not_at_all(void **state)
{
    const char *dir = *state;
    jz_out a, b;
    char pa[4096];
    snprintf(pa, sizeof pa, "%s", path_in(dir, "a.csv"));
    assert_true(jz_out_open(&a, pa));
    assert_true(jz_out_open(&b, "/dev/full"));
    assert_true(b.direct);
    fputs("a\n", a.fp);
    fputs("b\n", b.fp);
    jz_out *both[] = {&a, &b};
    assert_false(jz_out_commit_all(both, 2));
    assert_int_equal(entries(dir), 0);  /* a.csv not published, its temp removed */

    assert_true(jz_out_open(&a, pa));
    assert_true(jz_out_open(&b, path_in(dir, "b.csv")));
    fputs("a\n", a.fp);
    fputs("b\n", b.fp);
    assert_true(jz_out_commit_all(both, 2));
    assert_int_equal(entries(dir), 2);
    assert_string_equal(read_file(pa), "a\n");
    assert_string_equal(read_file(path_in(dir, "b.csv")), "b\n");
}

static void a_target_turned_fifo_meanwhile_is_not_renamed_over(void **state)
{
    const char *dir = *state;
    char p[4096];
    snprintf(p, sizeof p, "%s", path_in(dir, "out.csv"));
    write_file(p, "old\n");
    jz_out out;
    assert_true(jz_out_open(&out, p));
    fputs("new\n", out.fp);
    assert_int_equal(unlink(p), 0);
    assert_int_equal(mkfifo(p, 0600), 0);
    int saved = dup(2), devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    bool committed = jz_out_commit(&out);
    dup2(saved, 2);
    close(saved);
    close(devnull);
    assert_false(committed);
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(entries(dir), 1);  /* the FIFO, no temp file */
}

static void the_temp_name_of_a_255_byte_name_stays_within_name_max(void **state)
{
    const char *dir = *state;
    char name[256];
    memset(name, 'x', 255);
    name[255] = '\0';
    name[0] = '\xE5';  /* a three-byte character at the start, cut nowhere */
    name[1] = '\xAE';
    name[2] = '\xB6';
    jz_out out;
    assert_true(jz_out_open(&out, path_in(dir, name)));
    const char *base = strrchr(out.tmp, '/') + 1;
    assert_true(strlen(base) <= 255);
    assert_int_equal(strncmp(base + strlen(base) - 10, ".tmp", 4), 0);
    fputs("ok\n", out.fp);
    assert_true(jz_out_commit(&out));
    assert_string_equal(read_file(path_in(dir, name)), "ok\n");
    assert_int_equal(entries(dir), 1);
}

/* Child: with umask 027, a new output is 0640 (not mkstemp's 0600); exit 0 if so. */
static void umask_child(const char *dir, int arg)
{
    (void)arg;
    umask(027);
    jz_cli_init("test");
    jz_out out;
    struct stat st;
    if (!jz_out_open(&out, path_in(dir, "new")) || !jz_out_commit(&out) || stat(path_in(dir, "new"), &st) != 0)
        _exit(3);
    _exit((st.st_mode & 07777) == 0640 ? 0 : 1);
}

static void an_existing_files_mode_is_kept_and_a_new_file_follows_the_umask(void **state)
{
    const char *dir = *state;
    char p[4096];
    snprintf(p, sizeof p, "%s", path_in(dir, "private"));
    write_file(p, "old\n");
    assert_int_equal(chmod(p, 0600), 0);
    jz_out out;
    assert_true(jz_out_open(&out, p));
    fputs("new\n", out.fp);
    assert_true(jz_out_commit(&out));
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_string_equal(read_file(p), "new\n");

    int status = in_child(umask_child, dir, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- outputs that are inputs ---- */

static void an_output_that_is_an_input_is_refused_by_inode(void **state)
{
    const char *dir = *state;
    char in[4096], hard[4096], other[4096];
    snprintf(in, sizeof in, "%s", path_in(dir, "in.csv"));
    snprintf(hard, sizeof hard, "%s", path_in(dir, "hard.csv"));
    snprintf(other, sizeof other, "%s", path_in(dir, "other.csv"));
    write_file(in, "x\n");
    write_file(other, "y\n");
    assert_int_equal(link(in, hard), 0);
    int saved = dup(2), devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);  /* the refusal's message */

    jz_io io = {0};
    jz_io_input(&io, "--contracts", in);
    jz_io_output(&io, "-o", hard);
    int refused_link = jz_io_check(&io);

    jz_io_input(&io, NULL, in);
    jz_io_output(&io, "-o", other);
    jz_io_output(&io, "-o", "-");
    int accepted = jz_io_check(&io);

    jz_io_input(&io, NULL, in);
    jz_io_output(&io, "-o", path_in(dir, "new.csv"));
    jz_io_output(&io, "--evidence", path_in(dir, "./new.csv"));
    int refused_twice = jz_io_check(&io);

    jz_io_input(&io, NULL, "/dev/null");
    jz_io_output(&io, "-o", "/dev/null");
    int device = jz_io_check(&io);

    jz_io_output(&io, "-o", "");
    int empty = jz_io_check(&io);

    dup2(saved, 2);
    close(saved);
    close(devnull);
    assert_int_equal(refused_link, 2);
    assert_int_equal(accepted, 0);
    assert_int_equal(refused_twice, 2);
    assert_int_equal(device, 0);  /* written in place, never replaced */
    assert_int_equal(empty, 2);
    assert_string_equal(read_file(in), "x\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(closed_std_fds_get_dev_null_and_the_temp_file_gets_fd_3_or_above, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(sigterm_sigint_sighup_remove_the_pending_temp_file_and_kill, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(a_signal_leaves_the_old_target_as_it_was, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(an_ignored_sighup_stays_ignored, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(outputs_are_committed_together_or_not_at_all, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(a_target_turned_fifo_meanwhile_is_not_renamed_over, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(the_temp_name_of_a_255_byte_name_stays_within_name_max, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(an_existing_files_mode_is_kept_and_a_new_file_follows_the_umask, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(an_output_that_is_an_input_is_refused_by_inode, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
