/* cli_out.c — output files for every tool: written to a temp file beside the target and
 * renamed into place only when complete; several outputs committed together; the temp
 * files of a run removed on SIGINT, SIGTERM and SIGHUP; outputs that are the run's own
 * inputs refused. See include/jz/cli.h. */
#include "jz/cli.h"
#include "jz/i18n.h"
#include "jz/error.h"
#include "jz/os.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- start-up: standard descriptors, signals, umask ---- */

/* The temp files not yet renamed or removed. A fixed table, because the signal handler may
 * neither allocate nor take a lock: a slot's name is complete before its flag is set. */
enum { PENDING_MAX = 8 };
static char pending_name[PENDING_MAX][PATH_MAX];
static volatile sig_atomic_t pending_used[PENDING_MAX];

static mode_t file_umask;
static bool umask_known;

static void on_signal(int sig)
{
    for (int i = 0; i < PENDING_MAX; i++)
        if (pending_used[i])
            unlink(pending_name[i]);
    /* SA_RESETHAND restored the default action and SA_NODEFER lets it act now. */
    raise(sig);
}

static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa;
        /* A signal ignored by whoever started us (nohup) stays ignored. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* A closed 0, 1 or 2 would be taken by the next file opened (a temp output receiving
 * what stderr says, "-" reading our own temp): give each closed one /dev/null. */
static void open_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int got = open("/dev/null", O_RDWR);
        if (got != fd) {
            /* Nothing can be printed safely without 0-2; not even an error message. */
            _exit(JZ_EXIT_SYSTEM);
        }
    }
}

static mode_t new_file_mode(void)
{
    if (!umask_known) {
        file_umask = umask(0);
        umask(file_umask);
        umask_known = true;
    }
    return 0666 & ~file_umask;
}

void jz_cli_start(void)
{
    open_std_fds();
    catch_signals();
    umask_known = false;
    (void)new_file_mode();  /* read the umask now, before any thread exists */
}

/* ---- the pending table ---- */

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void release(jz_out *out)
{
    if (out->slot >= 0) {
        pending_used[out->slot] = 0;
        out->slot = -1;
    }
}

/* ---- names ---- */

/* path with its symbolic links followed: the file a write through path replaces (for a
 * dangling link, the file it would create). malloc'd; NULL (errno ELOOP) on a loop. */
static char *follow_links(const char *path)
{
    char *p = jz_xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        char link[PATH_MAX];
        ssize_t n;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode) || (n = readlink(p, link, sizeof link - 1)) < 0)
            return p;
        link[n] = '\0';
        const char *slash = strrchr(p, '/');
        size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - p) + 1;
        char *next = jz_xmalloc(dir + (size_t)n + 1);
        memcpy(next, p, dir);
        memcpy(next + dir, link, (size_t)n + 1);
        free(p);
        p = next;
    }
    free(p);
    errno = ELOOP;
    return NULL;
}

/* The temp name for target into buf: "DIR/BASE.tmpXXXXXX", BASE shortened (at a UTF-8
 * character boundary) when the name would pass the directory's NAME_MAX. */
static bool temp_template(const char *target, char *buf, size_t cap)
{
    static const char suffix[] = ".tmpXXXXXX";
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t dirlen = (size_t)(base - target), keep = strlen(base);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", dirlen ? (int)dirlen : 1, dirlen ? target : ".");
    long name_max = pathconf(dir, _PC_NAME_MAX);
    size_t limit = (size_t)(name_max > 0 ? name_max : NAME_MAX);
    if (keep + sizeof suffix - 1 > limit) {
        keep = limit > sizeof suffix ? limit - (sizeof suffix - 1) : 1;
        while (keep > 1 && ((unsigned char)base[keep] & 0xC0) == 0x80)
            keep--;
    }
    int n = snprintf(buf, cap, "%.*s%.*s%s", (int)dirlen, target, (int)keep, base, suffix);
    if (n < 0 || (size_t)n >= cap) {
        errno = ENAMETOOLONG;
        return false;
    }
    return true;
}

/* ---- opening ---- */

/* Say what failed (unless what is NULL), free out's strings, false. */
static bool open_fail(jz_out *out, const char *what, int e)
{
    if (what)
        jz_cli_warn("%s %s: %s", _(what), out->path, strerror(e));
    free(out->path);
    free(out->target);
    free(out->tmp);
    out->path = out->target = out->tmp = NULL;
    out->fp = NULL;
    return false;
}

/* A device, FIFO or socket: written in place, never renamed over. */
static bool open_direct(jz_out *out)
{
    int fd = open(out->target, O_WRONLY | O_NOCTTY);
    if (fd < 0)
        return open_fail(out, "cannot open", errno);
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        int e = errno;
        close(fd);
        return open_fail(out, "cannot open", e);
    }
    out->direct = true;
    return true;
}

/* mkstemp(templ) registered in a free slot of the pending table (signals blocked in this
 * thread meanwhile, the flag set only once the name is complete). The fd, or -1 (errno);
 * *name receives the malloc'd name. */
static int pending_temp(jz_out *out, const char *templ, char **name)
{
    int slot = -1;
    for (int i = 0; i < PENDING_MAX && slot < 0; i++)
        if (!pending_used[i])
            slot = i;
    if (slot < 0) {
        errno = EMFILE;
        return -1;
    }
    sigset_t old;
    block_signals(&old);
    memcpy(pending_name[slot], templ, strlen(templ) + 1);
    int fd = mkstemp(pending_name[slot]);
    int e = errno;
    if (fd >= 0) {
        atomic_signal_fence(memory_order_seq_cst);
        pending_used[slot] = 1;
        out->slot = slot;
        *name = jz_xstrdup(pending_name[slot]);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return fd;
}

/* A regular file or a new one: a temp file beside it, registered as pending. */
static bool open_temp(jz_out *out)
{
    char name[PATH_MAX];
    if (!temp_template(out->target, name, sizeof name))
        return open_fail(out, N_("cannot create a temporary file for"), errno);
    int fd = pending_temp(out, name, &out->tmp);
    if (fd < 0)
        return open_fail(out, N_("cannot create a temporary file for"), errno);
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        int e = errno;
        close(fd);
        unlink(out->tmp);
        release(out);
        return open_fail(out, "cannot open", e);
    }
    return true;
}

static int bom_mode = -1;   /* --bom 1, --no-bom 0, else -1: by name and language */
static bool format_csv;     /* the run's -f/--format is csv */

void jz_cli_set_bom(int mode, bool csv)
{
    bom_mode = mode;
    format_csv = csv;
}

/* Whether an output at path (NULL or "-": standard output) starts with a BOM. */
static bool bom_wanted(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return bom_mode == 1 && format_csv;
    size_t n = strlen(path);
    bool dot_csv = n > 4 && path[n - 4] == '.' && (path[n - 3] | 0x20) == 'c' && (path[n - 2] | 0x20) == 's' &&
                   (path[n - 1] | 0x20) == 'v';
    if (bom_mode == 1)
        return dot_csv || format_csv;
    return bom_mode == -1 && dot_csv && jz_lang_get() == JZ_LANG_ZH;
}

static bool open_plain(jz_out *out, const char *path);

bool jz_out_open(jz_out *out, const char *path)
{
    if (!open_plain(out, path))
        return false;
    if (bom_wanted(path))
        fputs("\xEF\xBB\xBF", out->fp);
    return true;
}

static bool open_plain(jz_out *out, const char *path)
{
    memset(out, 0, sizeof *out);
    out->slot = -1;
    if (!path || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return true;
    }
    out->path = jz_xstrdup(path);
    if (!*path) {
        jz_cli_warn("cannot write '': an output needs a file name");
        return open_fail(out, NULL, 0);
    }
    if (!(out->target = follow_links(path)))
        return open_fail(out, "cannot write", errno);
    struct stat st;
    if (stat(out->target, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return open_fail(out, "cannot write", EISDIR);
        if (!S_ISREG(st.st_mode))
            return open_direct(out);
        out->mode = st.st_mode & 07777;  /* a private file stays private */
        out->uid = st.st_uid;
        out->gid = st.st_gid;
        out->existed = true;
    } else {
        out->mode = new_file_mode();
    }
    return open_temp(out);
}

const char *jz_out_by_name(jz_out *out)
{
    if (!out->path)
        return NULL;
    if (!out->direct) {
        fclose(out->fp);  /* nothing written yet: the writer rewrites the temp file */
        out->fp = NULL;
        return out->tmp;
    }
    /* A device or FIFO is opened once; the writer's file is copied into it at commit. */
    const char *dir = getenv("TMPDIR");
    char templ[PATH_MAX];
    snprintf(templ, sizeof templ, "%s/jz-spool.XXXXXX", dir && *dir ? dir : P_tmpdir);
    int fd = pending_temp(out, templ, &out->spool);
    if (fd < 0) {
        jz_cli_warn("cannot create a temporary file for %s: %s", out->path, strerror(errno));
        return NULL;
    }
    close(fd);
    return out->spool;
}

/* Copy the spool file into out->fp. */
static bool copy_spool(jz_out *out)
{
    FILE *in = fopen(out->spool, "rb");
    if (!in)
        return false;
    char buf[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out->fp) == n;
    ok = ok && !ferror(in);
    fclose(in);
    return ok;
}

/* ---- committing ---- */

/* The one place a finished temp file replaces its target (a Windows build swaps this for
 * MoveFileEx). Returns 0 or -1 with errno. */
static int replace_file(const char *tmp, const char *target)
{
    return jz_os_replace(tmp, target);
}

/* Only a regular file, or nothing, is ever renamed over: the target may have become a
 * device, FIFO, directory or link since it was opened. */
static bool still_replaceable(const jz_out *out)
{
    struct stat st;
    if (lstat(out->target, &st) != 0 || S_ISREG(st.st_mode))
        return true;
    jz_cli_warn("cannot write %s: it is no longer a regular file; not replaced", out->path);
    return false;
}

/* Flush and close out, give the temp file its mode; false (message printed) on failure. */
static bool finish(jz_out *out)
{
    if (!out->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            jz_cli_warn("write error on standard output: %s", strerror(errno));
            return false;
        }
        return true;
    }
    bool ok = true;
    int e = 0;
    if (out->spool) {
        ok = copy_spool(out);
        e = errno;
    }
    if (out->fp) {
        ok = fflush(out->fp) == 0 && !ferror(out->fp) && ok;
        e = errno;
        if (fclose(out->fp) != 0 && ok) {
            ok = false;
            e = errno;
        }
        out->fp = NULL;
    }
    if (ok && out->tmp) {
        /* Owner and group as before where we may (root, or a group of ours); then the mode,
         * after chown, which may clear set-id bits. */
        if (out->existed && (out->uid != geteuid() || out->gid != getegid()) && chown(out->tmp, out->uid, out->gid) != 0)
            errno = 0;  /* not ours to give away: the file becomes ours, as any rewrite would */
        if (chmod(out->tmp, out->mode) != 0) {
            ok = false;
            e = errno;
        }
    }
    if (!ok) {
        jz_cli_warn("cannot write %s: %s", out->path, strerror(e ? e : EIO));
        out->failed = true;
    }
    return ok;
}

static void forget(jz_out *out)
{
    free(out->spool);
    out->spool = NULL;
    free(out->tmp);
    free(out->path);
    free(out->target);
    out->tmp = out->path = out->target = NULL;
}

bool jz_out_commit_all(jz_out *const *outs, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        ok &= finish(outs[i]);
    for (size_t i = 0; i < n && ok; i++)
        if (outs[i]->tmp && !still_replaceable(outs[i])) {
            outs[i]->failed = true;
            ok = false;
        }
    for (size_t i = 0; i < n && ok; i++) {
        jz_out *out = outs[i];
        if (!out->tmp)
            continue;
        if (replace_file(out->tmp, out->target) != 0) {
            jz_cli_warn("cannot write %s: %s", out->path, strerror(errno));
            out->failed = true;
            ok = false;
            break;
        }
        release(out);
        forget(out);
    }
    for (size_t i = 0; i < n; i++) {
        if (!ok && outs[i]->tmp && !outs[i]->failed)
            jz_cli_warn("%s: not written (another output of this run failed)", outs[i]->path);
        jz_out_abort(outs[i]);
    }
    return ok;
}

bool jz_out_commit(jz_out *out)
{
    jz_out *one[] = {out};
    return jz_out_commit_all(one, 1);
}

void jz_out_abort(jz_out *out)
{
    if (out->fp && out->fp != stdout)
        fclose(out->fp);
    out->fp = NULL;
    if (out->tmp)
        unlink(out->tmp);
    if (out->spool)
        unlink(out->spool);
    release(out);
    forget(out);
}

/* ---- outputs that are inputs ---- */

struct jz_io_path {
    const char *opt;   /* the option naming it ("--contracts", "-o"), NULL for an operand */
    const char *path;
    char *owned;       /* path when it is ours to free (a bundled file's) */
    const char *rel;   /* a bundled file's name under the data directory, else NULL */
};

static void io_push(struct jz_io_path **v, size_t *n, const char *opt, const char *path, char *owned,
                    const char *rel)
{
    *v = jz_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = (struct jz_io_path){opt, path, owned, rel};
}

void jz_io_input(jz_io *io, const char *opt, const char *path)
{
    if (path)
        io_push(&io->in, &io->nin, opt, path, NULL, NULL);
}

void jz_io_inputs(jz_io *io, const char *opt, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        jz_io_input(io, opt, paths[i]);
}

void jz_io_bundled(jz_io *io, const char *opt, const char *given, const char *rel)
{
    if (given) {
        jz_io_input(io, opt, given);
        return;
    }
    char *p = jz_cli_data_path(rel);
    if (p)
        io_push(&io->in, &io->nin, opt, p, p, rel);
}

void jz_io_output(jz_io *io, const char *opt, const char *path)
{
    if (path && strcmp(path, "-") != 0)
        io_push(&io->out, &io->nout, opt, path, NULL, NULL);
}

/* Where a path's bytes live: device and inode (following links; "-" is standard input). */
static bool identity(const char *path, struct stat *st)
{
    return strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, st) == 0 : stat(path, st) == 0;
}

/* An output not yet there is told apart by its directory and its name. */
static bool same_new_file(const char *a, const char *b)
{
    char *ta = follow_links(a), *tb = follow_links(b);
    bool same = false;
    if (ta && tb) {
        const char *sa = strrchr(ta, '/'), *sb = strrchr(tb, '/');
        const char *na = sa ? sa + 1 : ta, *nb = sb ? sb + 1 : tb;
        char da[PATH_MAX], db[PATH_MAX];
        /* the directory without its trailing slash ("/" for the root): Windows' stat
         * refuses "dir/" */
        snprintf(da, sizeof da, "%.*s", sa ? (int)(sa > ta ? sa - ta : 1) : 1, sa ? ta : ".");
        snprintf(db, sizeof db, "%.*s", sb ? (int)(sb > tb ? sb - tb : 1) : 1, sb ? tb : ".");
        struct stat x, y;
        same = strcmp(na, nb) == 0 && stat(da, &x) == 0 && stat(db, &y) == 0 && x.st_dev == y.st_dev &&
               x.st_ino == y.st_ino;
    }
    free(ta);
    free(tb);
    return same;
}

static int io_refuse(const struct jz_io_path *out, const struct jz_io_path *in, bool in_is_output)
{
    if (in_is_output)
        return jz_cli_usage_error("%s %s and %s %s are the same file: give each output its own file",
                                  out->opt, out->path, in->opt, in->path);
    if (in->rel)
        return jz_cli_usage_error("%s %s is the bundled %s (the default of %s): refusing to overwrite an "
                                  "input; write the output elsewhere", out->opt, out->path, in->rel, in->opt);
    return jz_cli_usage_error("%s %s is the input %s%s%s: refusing to overwrite an input; write the output "
                              "elsewhere", out->opt, out->path, in->opt ? in->opt : "", in->opt ? " " : "",
                              strcmp(in->path, "-") == 0 ? _("- (standard input)") : in->path);
}

static int io_check_one(const jz_io *io, size_t k)
{
    const struct jz_io_path *out = &io->out[k];
    struct stat so;
    if (!out->path[0])
        return jz_cli_usage_error("%s '': give a file name (or - for standard output)", out->opt);
    bool exists = stat(out->path, &so) == 0;
    if (exists && !S_ISREG(so.st_mode))
        return 0;  /* a device or FIFO is written in place, never replaced */
    for (size_t i = 0; exists && i < io->nin; i++) {
        struct stat si;
        if (identity(io->in[i].path, &si) && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
            return io_refuse(out, &io->in[i], false);
    }
    for (size_t j = 0; j < k; j++) {
        struct stat sj;
        bool same = exists ? stat(io->out[j].path, &sj) == 0 && sj.st_dev == so.st_dev && sj.st_ino == so.st_ino
                           : same_new_file(out->path, io->out[j].path);
        if (same)
            return io_refuse(out, &io->out[j], true);
    }
    return 0;
}

int jz_io_check(jz_io *io)
{
    int rc = 0;
    for (size_t k = 0; k < io->nout && !rc; k++)
        rc = io_check_one(io, k);
    for (size_t i = 0; i < io->nin; i++)
        free(io->in[i].owned);
    free(io->in);
    free(io->out);
    memset(io, 0, sizeof *io);
    return rc;
}
