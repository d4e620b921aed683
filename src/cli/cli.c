/* cli.c — see include/jz/cli.h */
#include "jz/cli.h"
#include "jz/error.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *jz_prog = "jiazong";

void jz_cli_init(const char *argv0)
{
    if (argv0) {
        const char *slash = strrchr(argv0, '/');
        jz_prog = slash ? slash + 1 : argv0;
    }
}

void jz_cli_version(void)
{
    printf("%s (jiazong) %s\n", jz_prog, JZ_VERSION);
    printf("Licence: BSD-2-Clause. https://opensource.org/licenses/BSD-2-Clause\n");
}

int jz_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", jz_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help'.\n", jz_prog);
    return JZ_EXIT_USAGE;
}

void jz_cli_warn(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", jz_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

bool jz_out_open(jz_out *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return true;
    }
    size_t n = strlen(path);
    out->path = jz_xstrdup(path);
    out->tmp = jz_xmalloc(n + 16);
    snprintf(out->tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        jz_cli_warn("cannot create a temporary file for %s: %s", path, strerror(errno));
        free(out->tmp);
        free(out->path);
        out->tmp = out->path = NULL;
        return false;
    }
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        jz_cli_warn("cannot open %s: %s", out->tmp, strerror(errno));
        close(fd);
        jz_out_abort(out);
        return false;
    }
    return true;
}

bool jz_out_commit(jz_out *out)
{
    if (!out->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            jz_cli_warn("write error on standard output: %s", strerror(errno));
            return false;
        }
        return true;
    }
    bool ok = fflush(out->fp) == 0 && !ferror(out->fp);
    int saved = errno;
    if (fclose(out->fp) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    out->fp = NULL;
    if (ok) {
        /* mkstemp makes 0600; a report is an ordinary file. */
        mode_t mask = umask(0);
        umask(mask);
        if (chmod(out->tmp, 0666 & ~mask) != 0 || rename(out->tmp, out->path) != 0) {
            ok = false;
            saved = errno;
        }
    }
    if (!ok) {
        jz_cli_warn("cannot write %s: %s", out->path, strerror(saved));
        jz_out_abort(out);
        return false;
    }
    free(out->tmp);
    free(out->path);
    out->tmp = out->path = NULL;
    return true;
}

void jz_out_abort(jz_out *out)
{
    if (out->fp && out->fp != stdout)
        fclose(out->fp);
    out->fp = NULL;
    if (out->tmp)
        unlink(out->tmp);
    free(out->tmp);
    free(out->path);
    out->tmp = out->path = NULL;
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
    /* Running from a build tree: build/bin/jz-x -> ../../rubrics/rel */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* Installed under any prefix: PREFIX/bin/jz-x -> PREFIX/share/jiazong/rel */
            char *dir = join(exe, "../share/jiazong");
            p = existing(join(dir, rel));
            free(dir);
            if (p)
                return p;
            dir = join(exe, "../../rubrics");
            p = existing(join(dir, rel));
            free(dir);
            if (p)
                return p;
            /* build/asan/bin -> ../../../rubrics */
            dir = join(exe, "../../../rubrics");
            p = existing(join(dir, rel));
            free(dir);
            if (p)
                return p;
        }
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

int jz_cli_input_error(const jz_error *err)
{
    if (err->line)
        fprintf(stderr, "%s: %s:%ld:%ld: error: %s\n", jz_prog, err->file, err->line, err->col, err->msg);
    else if (err->file[0])
        fprintf(stderr, "%s: %s: error: %s\n", jz_prog, err->file, err->msg);
    else
        fprintf(stderr, "%s: error: %s\n", jz_prog, err->msg);
    return err->code == JZ_ENOMEM ? JZ_EXIT_SYSTEM : JZ_EXIT_INPUT;  /* out of memory is not the input's fault */
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
