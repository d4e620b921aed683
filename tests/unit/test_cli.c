/* test_cli.c — the front end's output files (cli.h, src/cli/cli_out.c): standard
 * descriptors reopened, temp files removed on signals, outputs committed together, the
 * temp name within NAME_MAX, outputs that are inputs refused; and the shared option
 * handler (src/cli/cli_opts.c): every common option parsed, usage errors, --help. Each test that changes
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
#include "jz/i18n.h"
#include "jz/rowsrc.h"

#include <getopt.h>

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

/* ---- the shared option handler ---- */

static const char test_usage[] = "Usage: jz-test [OPTIONS] FILE...\n";

typedef struct seen {
    const char *x;        /* the tool's own -x, --extra */
    int calls;            /* callback calls */
    char last[16];        /* the name of the last option the callback saw */
} seen;

static int own_option(void *ctx, int c, const char *arg, const char *name)
{
    seen *s = ctx;
    s->calls++;
    snprintf(s->last, sizeof s->last, "%s", name);
    if (c == 'x')
        s->x = arg;
    if (c == 'z')
        return jz_cli_usage_error("-z is refused by the tool");
    return -1;
}

static const char *const test_formats[] = {"text", "csv", "json", NULL};

static jz_cli_spec test_spec(seen *s, unsigned common)
{
    static const struct option longopts[] = {{"extra", required_argument, NULL, 'x'}, {NULL, 0, NULL, 0}};
    return (jz_cli_spec){.usage = test_usage, .common = common, .formats = test_formats,
                         .format_error = "--format '%s': use text, csv or json", .shortopts = "x:z",
                         .longopts = longopts, .option = own_option, .ctx = s};
}

/* Parse argv (NULL-terminated) with stdout and stderr into dir's out and err files. */
static int parse_captured(const char *dir, const jz_cli_spec *spec, char **argv, jz_cli_common *c)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    fflush(NULL);
    int o = dup(1), e = dup(2);
    int fo = open(path_in(dir, "out"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int fe = open(path_in(dir, "err"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fo, 1), dup2(fe, 2);
    close(fo), close(fe);
    int rc = jz_cli_parse(spec, argc, argv, c);
    fflush(NULL);
    clearerr(stdout);
    dup2(o, 1), dup2(e, 2);
    close(o), close(e);
    return rc;
}

static char captured[256];

static const char *captured_file(const char *dir, const char *name)
{
    const char *t = read_file(path_in(dir, name));
    snprintf(captured, sizeof captured, "%s", t ? t : "(none)");
    return captured;
}

static void every_common_option_is_parsed_and_the_tools_own_go_to_its_callback(void **state)
{
    const char *dir = *state;
    jz_prog = "jz-test";
    jz_lang_set("en");
    seen s = {0};
    jz_cli_spec spec = test_spec(&s, JZ_CLI_OUTPUT | JZ_CLI_FORMAT | JZ_CLI_ENCODING | JZ_CLI_CENTRE | JZ_CLI_CALENDAR);
    char *argv[] = {"jz-test", "-o", "out.csv", "-f", "csv", "-e", "gb18030", "-C", "HZ-BH", "rec.csv",
                    "--centre=HZ-RF", "--calendar", "cal.csv", "--assume-regular-weeks", "-x", "1", NULL};
    jz_cli_common c = {0};
    assert_int_equal(parse_captured(dir, &spec, argv, &c), -1);
    assert_string_equal(c.output, "out.csv");
    assert_string_equal(c.format, "csv");
    assert_int_equal(c.format_index, 1);
    assert_int_equal(c.enc, JZ_ENC_GB18030);
    assert_int_equal(c.ncentres, 2);
    assert_string_equal(c.centres[0], "HZ-BH");
    assert_string_equal(c.centres[1], "HZ-RF");
    assert_string_equal(c.calendar, "cal.csv");
    assert_true(c.assume_regular);
    assert_string_equal(s.x, "1");
    /* the callback also saw each common option once it was stored: 7 options, then -x */
    assert_int_equal(s.calls, 8);
    assert_string_equal(s.last, "-x");
    assert_string_equal(argv[optind], "rec.csv");  /* operands are gathered at the end */
    assert_int_equal(optind, 15);
    assert_string_equal(captured_file(dir, "err"), "");
    jz_cli_common_free(&c);

    /* the long forms; and a word -f does not know is a usage error */
    char *longs[] = {"jz-test", "--output=-", "--format", "json", "--encoding=utf-8", "--extra", "2", NULL};
    jz_cli_common d = {0};
    assert_int_equal(parse_captured(dir, &spec, longs, &d), -1);
    assert_string_equal(d.output, "-");
    assert_int_equal(d.format_index, 2);
    assert_int_equal(d.enc, JZ_ENC_UTF8);
    assert_string_equal(s.x, "2");
    assert_int_equal(optind, 7);
    char *badf[] = {"jz-test", "-f", "xml", NULL};
    assert_int_equal(parse_captured(dir, &spec, badf, &d), 2);
    assert_string_equal(captured_file(dir, "err"), "jz-test: --format 'xml': use text, csv or json\nTry 'jz-test --help'.\n");
    char *bade[] = {"jz-test", "-e", "latin1", NULL};
    assert_int_equal(parse_captured(dir, &spec, bade, &d), 2);
    assert_string_equal(captured_file(dir, "err"),
                        "jz-test: --encoding 'latin1': use auto, utf-8 or gb18030\nTry 'jz-test --help'.\n");
    jz_cli_common_free(&d);
}

static void an_unknown_option_gives_exit_2_with_the_usage_hint(void **state)
{
    const char *dir = *state;
    jz_prog = "jz-test";
    jz_lang_set("en");
    seen s = {0};
    jz_cli_spec spec = test_spec(&s, JZ_CLI_OUTPUT);
    jz_cli_common c = {0};
    char *lng[] = {"jz-test", "--frobnicate", "a.csv", NULL};
    assert_int_equal(parse_captured(dir, &spec, lng, &c), 2);
    assert_string_equal(captured_file(dir, "err"), "jz-test: unknown option '--frobnicate'\nTry 'jz-test --help'.\n");
    char *shrt[] = {"jz-test", "-q", NULL};
    assert_int_equal(parse_captured(dir, &spec, shrt, &c), 2);
    assert_string_equal(captured_file(dir, "err"), "jz-test: unknown option '-q'\nTry 'jz-test --help'.\n");
    /* a common option the tool does not take is unknown to it */
    char *centre[] = {"jz-test", "-C", "HZ-BH", NULL};
    assert_int_equal(parse_captured(dir, &spec, centre, &c), 2);
    assert_string_equal(captured_file(dir, "err"), "jz-test: unknown option '-C'\nTry 'jz-test --help'.\n");
    char *missing[] = {"jz-test", "a.csv", "-o", NULL};
    assert_int_equal(parse_captured(dir, &spec, missing, &c), 2);
    assert_string_equal(captured_file(dir, "err"), "jz-test: option '-o' needs an argument\nTry 'jz-test --help'.\n");
    /* the tool's callback refusing an option ends the parse with its status */
    char *refused[] = {"jz-test", "-z", "-x", "1", NULL};
    s.x = NULL;
    assert_int_equal(parse_captured(dir, &spec, refused, &c), 2);
    assert_string_equal(captured_file(dir, "err"), "jz-test: -z is refused by the tool\nTry 'jz-test --help'.\n");
    assert_null(s.x);  /* nothing after it was parsed */
    assert_string_equal(captured_file(dir, "out"), "");
    jz_cli_common_free(&c);
}

static void help_and_version_return_0_without_exiting(void **state)
{
    const char *dir = *state;
    jz_prog = "jz-test";  /* a program without examples: the usage alone */
    jz_lang_set("en");
    seen s = {0};
    jz_cli_spec spec = test_spec(&s, 0);
    jz_cli_common c = {0};
    char *help[] = {"jz-test", "-x", "1", "-h", "-x", "2", NULL};
    assert_int_equal(parse_captured(dir, &spec, help, &c), 0);
    assert_string_equal(captured_file(dir, "out"), test_usage);
    assert_string_equal(captured_file(dir, "err"), "");
    assert_string_equal(s.x, "1");  /* the parse stopped at -h */
    char *lng[] = {"jz-test", "--help", NULL};
    assert_int_equal(parse_captured(dir, &spec, lng, &c), 0);
    assert_string_equal(captured_file(dir, "out"), test_usage);
    char *version[] = {"jz-test", "-V", NULL};
    assert_int_equal(parse_captured(dir, &spec, version, &c), 0);
    assert_string_equal(captured_file(dir, "out"),
                        "jz-test (jiazong) " JZ_VERSION "\nLicence: BSD-2-Clause. https://opensource.org/licenses/BSD-2-Clause\n");
    /* a tool with examples prints them after the usage */
    jz_prog = "jz-days";
    assert_int_equal(parse_captured(dir, &spec, lng, &c), 0);
    const char *out = captured_file(dir, "out");
    assert_memory_equal(out, test_usage, strlen(test_usage));
    assert_non_null(strstr(out, "\nExamples (anywhere; man jz-days shows what they print):\n  jz-days add 2025-10-13 -10\n"));
    jz_prog = "jz-test";
}

static void help_on_a_full_standard_output_is_exit_4(void **state)
{
    (void)state;
    int out = open("/dev/full", O_WRONLY);
    if (out < 0)
        skip();
    jz_prog = "jz-test";
    jz_lang_set("en");
    seen s = {0};
    jz_cli_spec spec = test_spec(&s, 0);
    jz_cli_common c = {0};
    char *help[] = {"jz-test", "--help", NULL};
    fflush(NULL);
    int o = dup(1), e = dup(2), null = open("/dev/null", O_WRONLY);
    dup2(out, 1), dup2(null, 2);
    int rc = jz_cli_parse(&spec, 2, help, &c);
    clearerr(stdout);
    dup2(o, 1), dup2(e, 2);
    close(o), close(e), close(out), close(null);
    assert_int_equal(rc, 4);
}

static void in_order_stops_at_the_command_so_its_arguments_may_start_with_a_dash(void **state)
{
    const char *dir = *state;
    jz_prog = "jz-test";
    seen s = {0};
    jz_cli_spec spec = test_spec(&s, JZ_CLI_FORMAT);
    spec.in_order = true;
    jz_cli_common c = {0};
    char *argv[] = {"jz-test", "-f", "json", "add", "2025-10-13", "-10", NULL};
    assert_int_equal(parse_captured(dir, &spec, argv, &c), -1);
    assert_int_equal(optind, 3);
    assert_string_equal(argv[optind + 2], "-10");
    assert_string_equal(c.format, "json");
    /* and a parse after it is not in order: operands are gathered */
    spec.in_order = false;
    char *perm[] = {"jz-test", "a.csv", "-f", "csv", NULL};
    assert_int_equal(parse_captured(dir, &spec, perm, &c), -1);
    assert_string_equal(c.format, "csv");
    assert_int_equal(optind, 3);
    assert_string_equal(perm[optind], "a.csv");
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
        cmocka_unit_test_setup_teardown(every_common_option_is_parsed_and_the_tools_own_go_to_its_callback, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(an_unknown_option_gives_exit_2_with_the_usage_hint, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(help_and_version_return_0_without_exiting, make_dir, remove_dir),
        cmocka_unit_test(help_on_a_full_standard_output_is_exit_4),
        cmocka_unit_test_setup_teardown(in_order_stops_at_the_command_so_its_arguments_may_start_with_a_dash, make_dir,
                                        remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
