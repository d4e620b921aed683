/* cli.c — see include/jz/cli.h */
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/error.h"
#include "jz/os.h"
#include "jz/rowsrc.h"
#include "jz/table.h"
#include "jz/text.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *jz_prog = "jiazong";

/* ---- progress on a terminal ---- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double progress_start, progress_last, progress_after = 1.0;
static const char *progress_path;
static bool progress_shown;

/* One line on standard error, rewritten in place: the file, rows and MB read, the rate
 * and the time so far. Shown only once a file has taken a second, at most twice a second;
 * at the file's end the line is completed if it was shown. */
static void show_progress(const char *path, long rows, unsigned long long bytes, bool done)
{
    double t = now_s();
    if (path != progress_path) {
        progress_path = path;
        progress_start = t;
        progress_last = 0;
        progress_shown = false;
    }
    double el = t - progress_start;
    if (rows == 0 && !done)
        return;  /* the start of a file */
    if (!done && (el < progress_after || t - progress_last < 0.5))
        return;
    if (done && !progress_shown)
        return;
    progress_last = t;
    progress_shown = true;
    double mb = (double)bytes / 1e6;
    char line[512];
    snprintf(line, sizeof line, _("%s: %s: %ld rows, %.1f MB, %.0f MB/s, %.1f s"), jz_prog, jz_text_show(path),
             rows, mb, el > 0 ? mb / el : 0.0, el);
    fprintf(stderr, "\r%s\033[K%s", line, done ? "\n" : "");
    fflush(stderr);
}

void jz_cli_init(const char *argv0)
{
    if (argv0)
        jz_prog = jz_os_progname(argv0);
    jz_cli_start();
}

int jz_cli_lang(int *argc, char **argv)
{
    int out = 1, bom = -1;
    bool csv = false, quiet = false;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (strcmp(a, "--") == 0) {  /* operands from here on: copied as they are */
            for (; i < *argc; i++)
                argv[out++] = argv[i];
            break;
        }
        if (strcmp(a, "--sheet") == 0) {
            if (i + 1 >= *argc || !argv[i + 1][0])
                return jz_cli_usage_error("option '--sheet' needs an argument: a sheet's name or number");
            jz_rowsrc_set_sheet(argv[++i]);
            continue;
        } else if (strncmp(a, "--sheet=", 8) == 0) {
            if (!a[8])
                return jz_cli_usage_error("option '--sheet' needs an argument: a sheet's name or number");
            jz_rowsrc_set_sheet(a + 8);
            continue;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            quiet = true;
        if (strcmp(a, "--bom") == 0 || strcmp(a, "--no-bom") == 0) {
            bom = a[2] == 'b';
            continue;
        }
        if (((strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) && i + 1 < *argc && strcmp(argv[i + 1], "csv") == 0) ||
            strcmp(a, "-fcsv") == 0 || strcmp(a, "--format=csv") == 0)
            csv = true;
        if (strcmp(a, "--lang") == 0) {
            if (i + 1 >= *argc)
                return jz_cli_usage_error("option '--lang' needs an argument: zh or en");
            v = argv[++i];
        } else if (strncmp(a, "--lang=", 7) == 0) {
            v = a + 7;
        } else {
            argv[out++] = argv[i];
            continue;
        }
        if (jz_lang_set(v) != 0)
            return jz_cli_usage_error("--lang '%s': use zh or en", v);
    }
    argv[out] = NULL;
    *argc = out;
    jz_cli_set_bom(bom, csv);
    /* progress on long runs: for a person at a terminal, never in pipelines or CI */
    jz_table_set_progress(!quiet && isatty(2) && !getenv("CI") ? show_progress : NULL);
    /* the smallest records file read on two cores (table.h); tests set it low to force a split */
    const char *smin = getenv("JIAZONG_SPLIT_MIN");
    if (smin && *smin) {
        char *end;
        unsigned long long v = strtoull(smin, &end, 10);
        if (!*end)
            jz_table_set_split_min(v);
    }
    const char *after = getenv("JIAZONG_PROGRESS_AFTER");  /* seconds; tests set 0 */
    if (after && *after) {
        char *end;
        double v = strtod(after, &end);
        if (!*end && v >= 0)
            progress_after = v;
    }
    return 0;
}

void jz_cli_version(void)
{
    printf("%s (jiazong) %s\n", jz_prog, JZ_VERSION);
    printf("Licence: BSD-2-Clause. https://opensource.org/licenses/BSD-2-Clause\n");
}

/* Print "prog: MESSAGE" with the message's control characters escaped (it quotes
 * arguments and file contents). */
static void say(const char *fmt, va_list ap)
{
    char msg[2048];
    vsnprintf(msg, sizeof msg, jz_tr(fmt), ap);
    fprintf(stderr, "%s: %s", jz_prog, jz_text_show(msg));
}

int jz_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
    fprintf(stderr, _("\nTry '%s --help'.\n"), jz_prog);
    return JZ_EXIT_USAGE;
}

void jz_cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

bool jz_cli_stdout_ok(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        jz_cli_warn("write error on standard output");
        return false;
    }
    return true;
}

bool jz_cli_parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0)
        return false;
    *out = v;
    return true;
}

static char *join(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = jz_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static char *existing(char *p)
{
    if (p && access(p, R_OK) == 0)
        return p;
    free(p);
    return NULL;
}

char *jz_cli_data_path(const char *rel)
{
    const char *env = getenv("JIAZONG_DATADIR");
    if (env && *env)
        return join(env, rel);
    char *p = existing(join(JZ_DATADIR, rel));
    if (p)
        return p;
    /* Installed under any prefix: PREFIX/bin/jz-x -> PREFIX/share/jiazong/rel; the Windows
     * zip: rubrics\ beside the .exe files; a build tree: build/bin and build/asan/bin ->
     * the repository's rubrics/. */
    static const char *const dirs[] = {"../share/jiazong", "rubrics", "../../rubrics", "../../../rubrics"};
    char *dir = jz_os_dir_beside_exe(dirs, sizeof dirs / sizeof dirs[0], rel);
    if (dir) {
        p = join(dir, rel);
        free(dir);
        return p;
    }
    return existing(join("rubrics", rel));
}

int jz_cli_encoding(const char *arg, int *out)
{
    static const char *const words[] = {"auto", "utf-8", "gb18030", "utf8", "gbk", NULL};
    int i = jz_cli_choice(arg, words);
    if (i < 0)
        return jz_cli_usage_error("--encoding '%s': use auto, utf-8 or gb18030", arg);
    *out = i < 3 ? i : i - 2;
    return 0;
}

int jz_cli_choice(const char *arg, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(arg, words[i]) == 0)
            return i;
    return -1;
}

int jz_cli_error(const jz_error *err)
{
    const char *file = jz_text_show(err->file), *msg = jz_text_show(err->msg);
    const char *word = jz_severity_label(JZ_ERROR);  /* "error", 错误 */
    if (err->line && err->col)
        fprintf(stderr, "%s: %s:%ld:%ld: %s: %s\n", jz_prog, file, err->line, err->col, word, msg);
    else if (err->line)
        fprintf(stderr, "%s: %s:%ld: %s: %s\n", jz_prog, file, err->line, word, msg);
    else if (err->file[0])
        fprintf(stderr, "%s: %s: %s: %s\n", jz_prog, file, word, msg);
    else
        fprintf(stderr, "%s: %s: %s\n", jz_prog, word, msg);
    return jz_error_exit(err);
}

int jz_cli_error_diag(jz_diag *diag, const jz_error *err, const char *file, const char *invalid_code)
{
    jz_diag_emit(diag, JZ_ERROR, err->file[0] || !file ? err->file : file, err->line, err->col, "",
                 err->code == JZ_EREAD ? "unreadable" : invalid_code, "%s", err->msg);
    return jz_error_exit(err);
}

jz_code jz_cli_load_rules(jz_rules *rules, const char *path, jz_error *err)
{
    char *bundled = path ? NULL : jz_cli_data_path("rules/guangzhou-hours.yaml");
    if (!path && !bundled) {
        memset(rules, 0, sizeof *rules);
        return jz_error_set(err, JZ_EINPUT, "", 0, 0,
                            "the bundled rules/guangzhou-hours.yaml was not found: give --rules FILE");
    }
    jz_code code = jz_rules_load(rules, path ? path : bundled, err);
    free(bundled);
    return code;
}

jz_calendar *jz_cli_load_calendar(const char *path, bool assume_regular, jz_error *err)
{
    char *bundled = path ? NULL : jz_cli_data_path("calendar/cn-holidays.csv");
    if (!path && !bundled) {
        jz_error_set(err, JZ_EINPUT, "", 0, 0,
                     "the bundled calendar/cn-holidays.csv was not found: give --calendar FILE");
        return NULL;
    }
    jz_calendar *cal = jz_calendar_load(path ? path : bundled, err);
    free(bundled);
    if (cal)
        jz_calendar_set_assume_regular(cal, assume_regular);
    return cal;
}
