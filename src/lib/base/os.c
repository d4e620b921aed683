/* os.c — see include/jz/os.h. The only file with Windows API calls. */
#define JZ_OS_NO_MACROS
#include "jz/os.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <unistd.h>
#endif

char *jz_os_dir_beside_exe(const char *const *dirs, size_t n, const char *rel)
{
    char *exe = jz_os_exe_dir();
    if (!exe)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t dn = strlen(exe) + strlen(dirs[i]) + 2, pn = dn + strlen(rel) + 1;
        char *d = malloc(dn), *p = malloc(pn);
        if (!d || !p) {
            free(d), free(p);
            break;
        }
        snprintf(d, dn, "%s/%s", exe, dirs[i]);
        snprintf(p, pn, "%s/%s", d, rel);
#ifdef _WIN32
        bool found = jz_os_access(p, 4 /* R_OK */) == 0;
#else
        bool found = access(p, R_OK) == 0;
#endif
        free(p);
        if (found) {
            free(exe);
            return d;
        }
        free(d);
    }
    free(exe);
    return NULL;
}

const char *jz_os_progname(const char *argv0)
{
    if (!argv0)
        return NULL;
    const char *base = argv0;
    for (const char *p = argv0; *p; p++)
#ifdef _WIN32
        if (*p == '/' || *p == '\\' || *p == ':')
#else
        if (*p == '/')
#endif
            base = p + 1;
#ifdef _WIN32
    /* "jz-hours.exe" -> "jz-hours": a copy made once per run, kept for the program's life. */
    size_t n = strlen(base);
    if (n > 4 && _stricmp(base + n - 4, ".exe") == 0) {
        char *s = malloc(n - 3);
        if (s) {
            memcpy(s, base, n - 4);
            s[n - 4] = '\0';
            return s;
        }
    }
#endif
    return base;
}

#ifndef _WIN32
#include <locale.h>
void jz_os_messages_prefer(const char *lang)
{
    const char *loc = setlocale(LC_MESSAGES, "");
    if (!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
        setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", lang, 1);
}
const char *jz_os_user_lang(void) { return NULL; }
#else
#include <windows.h>
void jz_os_messages_prefer(const char *lang) { (void)lang; }
const char *jz_os_user_lang(void)
{
    /* The primary language is the low 10 bits of a LANGID; LANG_CHINESE covers zh-CN,
     * zh-TW, zh-HK, zh-SG and zh-MO alike (the catalogue is Simplified Chinese). */
    return PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_CHINESE ? "zh" : NULL;
}
#endif

#ifndef _WIN32

#include <limits.h>
#include <unistd.h>

int jz_os_replace(const char *tmp, const char *target)
{
    return rename(tmp, target);
}

char *jz_os_exe_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return strdup(exe);
}

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>

int jz_os_mkdir(const char *path)
{
    return mkdir(path, 0777);
}

#include <sys/wait.h>

extern char **environ;

int jz_os_run(const char *path, char *const argv[], const char *log)
{
    posix_spawn_file_actions_t fa;
    if ((errno = posix_spawn_file_actions_init(&fa)) != 0)
        return -1;
    int e = 0;
    if (log) {
        e = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        if (!e)
            e = posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0666);
        if (!e)
            e = posix_spawn_file_actions_adddup2(&fa, 1, 2);
    }
    pid_t pid;
    if (!e)
        e = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e) {
        errno = e;
        return -1;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

#else /* _WIN32 */

#include <windows.h> /* first: shellapi.h needs its macros */

#include <shellapi.h>
#include <stdarg.h>
#include <wchar.h>

/* A path too long for the classic API (MAX_PATH, 260 units with the drive and the NUL) as
 * an absolute \\?\ path, which the wide calls take up to 32,767 units; others as they are.
 * Takes w (allocated) and returns the path to use (allocated). */
static wchar_t *long_path(wchar_t *w)
{
    if (wcslen(w) < MAX_PATH - 12 || wcsncmp(w, L"\\\\?\\", 4) == 0)
        return w;
    DWORD n = GetFullPathNameW(w, 0, NULL, NULL);
    wchar_t *full = n ? malloc((n + 8) * sizeof *full) : NULL;
    if (!full)
        return w;
    wchar_t *at = full + 4;
    wcscpy(full, L"\\\\?\\");
    DWORD got = GetFullPathNameW(w, n, at, NULL);
    if (got == 0 || got >= n) {
        free(full);
        return w;
    }
    if (at[0] == L'\\' && at[1] == L'\\') { /* \\server\share -> \\?\UNC\server\share */
        memmove(full + 8, at + 2, (wcslen(at + 2) + 1) * sizeof *full);
        memcpy(full + 4, L"UNC\\", 4 * sizeof *full);
    }
    free(w);
    return full;
}

/* UTF-8 -> newly allocated UTF-16; NULL (errno EILSEQ or ENOMEM) if it cannot. A name
 * that is not UTF-8 is taken in the ANSI code page, as the narrow C library would. */
static wchar_t *wide(const char *s)
{
    UINT cp = CP_UTF8;
    int n = MultiByteToWideChar(cp, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0) {
        cp = CP_ACP;
        n = MultiByteToWideChar(cp, 0, s, -1, NULL, 0);
    }
    if (n <= 0) {
        errno = EILSEQ;
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(cp, 0, s, -1, w, n);
    return long_path(w);
}

/* UTF-16 -> newly allocated UTF-8, or NULL. */
static char *narrow(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return NULL;
    char *s = malloc((size_t)n);
    if (s)
        WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    return s;
}

static int from_win_error(DWORD e)
{
    switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return EACCES;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return EEXIST;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    case ERROR_INVALID_NAME:
        return EINVAL;
    default:
        return EIO;
    }
}

int jz_os_replace(const char *tmp, const char *target)
{
    wchar_t *wt = wide(tmp), *wd = wide(target);
    int rc = -1;
    if (wt && wd) {
        if (MoveFileExW(wt, wd, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            rc = 0;
        else
            errno = from_win_error(GetLastError());
    }
    free(wt);
    free(wd);
    return rc;
}

char *jz_os_exe_dir(void)
{
    DWORD cap = 1024;
    for (;;) {
        wchar_t *w = malloc(cap * sizeof *w);
        if (!w)
            return NULL;
        DWORD n = GetModuleFileNameW(NULL, w, cap);
        if (n == 0) {
            free(w);
            return NULL;
        }
        if (n < cap) {
            wchar_t *sep = NULL;
            for (wchar_t *p = w; *p; p++)
                if (*p == L'\\' || *p == L'/')
                    sep = p;
            if (sep)
                *sep = L'\0';
            char *s = sep ? narrow(w) : NULL;
            free(w);
            return s;
        }
        free(w);
        if (cap >= 32768)
            return NULL;
        cap *= 2;
    }
}

/* The start: UTF-8 argv from the wide command line, UTF-8 console, binary stdio. */
int __real_main(int argc, char **argv, char **envp);
int __wrap_main(int argc, char **argv, char **envp);

static UINT console_cp; /* the console's output code page before ours, restored at exit */

static void restore_console(void)
{
    SetConsoleOutputCP(console_cp);
}

int __wrap_main(int argc, char **argv, char **envp)
{
    console_cp = GetConsoleOutputCP(); /* 0: no console (output redirected, or none) */
    if (console_cp && console_cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8))
        atexit(restore_console);
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    /* Buffer as glibc does: stdout fully when not a terminal (the Windows C library may
     * write it unbuffered, which reorders it against stderr and fails `| head` early),
     * stderr not at all. */
    if (!_isatty(_fileno(stdout)))
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    setvbuf(stderr, NULL, _IONBF, 0);
    int n = 0;
    wchar_t **w = CommandLineToArgvW(GetCommandLineW(), &n);
    if (w && n > 0) {
        char **v = calloc((size_t)n + 1, sizeof *v);
        int i = 0;
        for (; v && i < n; i++)
            if (!(v[i] = narrow(w[i])))
                break;
        if (v && i == n) {
            argc = n;
            argv = v; /* kept for the program's life, as the C library's argv is */
        }
        LocalFree(w);
    }
    return __real_main(argc, argv, envp);
}

/* "/dev/null" is NUL on Windows. */
static const char *devnull(const char *path)
{
    return strcmp(path, "/dev/null") == 0 ? "NUL" : path;
}

FILE *jz_os_fopen(const char *path, const char *mode)
{
    wchar_t *wp = wide(devnull(path)), *wm = wide(mode);
    FILE *fp = wp && wm ? _wfopen(wp, wm) : NULL;
    free(wp);
    free(wm);
    return fp;
}

int jz_os_open(const char *path, int flags, ...)
{
    int mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    wchar_t *wp = wide(devnull(path));
    int fd = wp ? _wopen(wp, flags | O_BINARY, mode) : -1;
    free(wp);
    return fd;
}

int jz_os_access(const char *path, int mode)
{
    wchar_t *wp = wide(path);
    /* Windows' access knows no X_OK (1): ask for existence instead. */
    int rc = wp ? _waccess(wp, mode & ~1) : -1;
    free(wp);
    return rc;
}

int jz_os_unlink(const char *path)
{
    wchar_t *wp = wide(path);
    int rc = wp ? _wunlink(wp) : -1;
    free(wp);
    return rc;
}

int jz_os_chmod(const char *path, int mode)
{
    wchar_t *wp = wide(path);
    /* Windows keeps one bit: read-only unless the owner may write. */
    int rc = wp ? _wchmod(wp, (mode & 0200) ? _S_IREAD | _S_IWRITE : _S_IREAD) : -1;
    free(wp);
    return rc;
}

/* The volume serial number and file id of an open handle: the file's identity. FileIdInfo
 * first (Windows 8 on; the one Wine answers for an inherited standard handle), then the
 * older GetFileInformationByHandle. */
static void identity(HANDLE h, struct jz_os_stat *st)
{
    FILE_ID_INFO id;
    BY_HANDLE_FILE_INFORMATION info;
    if (h == INVALID_HANDLE_VALUE)
        return;
    if (GetFileInformationByHandleEx(h, FileIdInfo, &id, sizeof id)) {
        unsigned long long lo;
        memcpy(&lo, id.FileId.Identifier, sizeof lo); /* the low 64 bits: NTFS's file index */
        st->st_dev = id.VolumeSerialNumber;
        st->st_ino = lo;
    } else if (GetFileInformationByHandle(h, &info)) {
        st->st_dev = info.dwVolumeSerialNumber;
        st->st_ino = (unsigned long long)info.nFileIndexHigh << 32 | info.nFileIndexLow;
    }
}

int jz_os_stat(const char *path, struct jz_os_stat *st)
{
    wchar_t *wp = wide(path);
    struct _stat64 s;
    int rc = wp ? _wstat64(wp, &s) : -1;
    if (rc == 0) {
        memset(st, 0, sizeof *st);
        /* FILE_FLAG_BACKUP_SEMANTICS: folders open too; no access asked, all sharing. */
        HANDLE h = CreateFileW(wp, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
        identity(h, st);
        if (h != INVALID_HANDLE_VALUE)
            CloseHandle(h);
    }
    free(wp);
    if (rc == 0) {
        st->st_mode = s.st_mode;
        st->st_nlink = s.st_nlink;
        st->st_uid = s.st_uid;
        st->st_gid = s.st_gid;
        st->st_rdev = (unsigned)s.st_rdev;
        st->st_size = s.st_size;
        st->st_atime = s.st_atime;
        st->st_mtime = s.st_mtime;
        st->st_ctime = s.st_ctime;
    }
    return rc;
}

int jz_os_fstat(int fd, struct jz_os_stat *st)
{
    struct _stat64 s;
    int rc = _fstat64(fd, &s);
    if (rc == 0) {
        memset(st, 0, sizeof *st);
        identity((HANDLE)_get_osfhandle(fd), st);
        st->st_mode = s.st_mode;
        st->st_nlink = s.st_nlink;
        st->st_rdev = (unsigned)s.st_rdev;
        st->st_size = s.st_size;
        st->st_atime = s.st_atime;
        st->st_mtime = s.st_mtime;
        st->st_ctime = s.st_ctime;
    }
    return rc;
}

int jz_os_fcntl(int fd, int cmd, ...)
{
    if (cmd != F_GETFD) {
        errno = EINVAL;
        return -1;
    }
    if (_get_osfhandle(fd) == -1) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

long jz_os_pathconf(const char *path, int name)
{
    (void)path;
    if (name == _PC_NAME_MAX)
        return 255; /* NTFS: 255 UTF-16 units in a name */
    errno = EINVAL;
    return -1;
}

ssize_t jz_os_readlink(const char *path, char *buf, size_t n)
{
    (void)path, (void)buf, (void)n;
    errno = EINVAL; /* not a symbolic link: the tools treat none as one on Windows */
    return -1;
}

int jz_os_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    if (sig != SIGINT && sig != SIGTERM && sig != SIGABRT) {
        errno = EINVAL;
        return -1;
    }
    void (*prev)(int) = signal(sig, act ? act->sa_handler : SIG_IGN);
    if (prev == SIG_ERR)
        return -1;
    if (!act)
        signal(sig, prev); /* only asked: put it back */
    if (old) {
        memset(old, 0, sizeof *old);
        old->sa_handler = prev;
    }
    return 0;
}

/* mkstemp: the trailing XXXXXX replaced until _wopen(O_CREAT | O_EXCL) succeeds; extra
 * open flags (delete-on-close for open_memstream). */
static int make_temp(char *tmpl, int extra)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    static unsigned long long counter;
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    unsigned long long x = (unsigned long long)t.QuadPart ^ ((unsigned long long)GetCurrentProcessId() << 32);
    for (int attempt = 0; attempt < 1000; attempt++) {
        unsigned long long v = x + ++counter * 0x9E3779B97F4A7C15ull;
        v ^= v >> 29;
        for (int i = 0; i < 6; i++, v /= 36)
            tmpl[n - 6 + i] = digits[v % 36];
        wchar_t *wp = wide(tmpl);
        if (!wp)
            return -1;
        int fd = _wopen(wp, _O_RDWR | _O_CREAT | _O_EXCL | _O_BINARY | extra, _S_IREAD | _S_IWRITE);
        free(wp);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

int jz_os_mkstemp(char *tmpl)
{
    return make_temp(tmpl, 0);
}

/* getenv with UTF-8 values; each distinct value is kept for the program's life. */
char *jz_os_getenv(const char *name)
{
    wchar_t *wn = wide(name);
    const wchar_t *wv = wn ? _wgetenv(wn) : NULL;
    free(wn);
    return wv ? narrow(wv) : NULL;
}

ssize_t jz_os_getline(char **line, size_t *cap, FILE *fp)
{
    if (!line || !cap || !fp) {
        errno = EINVAL;
        return -1;
    }
    size_t n = 0;
    int c;
    while ((c = getc(fp)) != EOF) {
        if (n + 2 > *cap || !*line) {
            size_t nc = *cap < 128 ? 128 : *cap * 2;
            char *p = realloc(*line, nc);
            if (!p) {
                errno = ENOMEM;
                return -1;
            }
            *line = p;
            *cap = nc;
        }
        (*line)[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (n == 0)
        return -1;
    (*line)[n] = '\0';
    return (ssize_t)n;
}

int jz_os_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (strchr(fmt, '$'))
        return jz_os_vsnprintf_numbered(buf, size, fmt, ap);
    return __mingw_vsnprintf(buf, size, fmt, ap);
}

int jz_os_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = jz_os_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int jz_os_vfprintf(FILE *fp, const char *fmt, va_list ap)
{
    char small[1024];
    va_list again;
    va_copy(again, ap);
    int n = jz_os_vsnprintf(small, sizeof small, fmt, ap);
    char *p = small;
    if (n >= 0 && (size_t)n >= sizeof small) {
        p = malloc((size_t)n + 1);
        if (p)
            jz_os_vsnprintf(p, (size_t)n + 1, fmt, again);
        else
            n = -1;
    }
    va_end(again);
    if (n < 0)
        return -1;
    size_t w = fwrite(p, 1, (size_t)n, fp);
    if (p != small)
        free(p);
    return w == (size_t)n ? n : -1;
}

int jz_os_fputc(int c, FILE *fp)
{
    unsigned char ch = (unsigned char)c;
    return fwrite(&ch, 1, 1, fp) == 1 ? ch : EOF;
}

int jz_os_fprintf(FILE *fp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = jz_os_vfprintf(fp, fmt, ap);
    va_end(ap);
    return n;
}

int jz_os_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = jz_os_vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

/* open_memstream: the open streams, so that fclose can fill in the caller's buffer. */
typedef struct memstream {
    FILE *fp;
    char **buf;
    size_t *size;
    struct memstream *next;
} memstream;
static memstream *memstreams;
static pthread_mutex_t memstreams_lock = PTHREAD_MUTEX_INITIALIZER;

FILE *jz_os_open_memstream(char **buf, size_t *size)
{
    wchar_t dir[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, dir);
    char *d = n > 0 && n <= MAX_PATH ? narrow(dir) : NULL;
    if (!d) {
        errno = ENOENT;
        return NULL;
    }
    size_t len = strlen(d) + 32;
    char *path = malloc(len);
    memstream *m = malloc(sizeof *m);
    FILE *fp = NULL;
    if (path && m) {
        snprintf(path, len, "%sjiazong-mem-XXXXXX", d);
        int fd = make_temp(path, _O_TEMPORARY | _O_SHORT_LIVED);
        if (fd >= 0 && !(fp = _fdopen(fd, "w+b")))
            _close(fd);
    }
    free(d);
    free(path);
    if (!fp) {
        free(m);
        return NULL;
    }
    m->fp = fp;
    m->buf = buf;
    m->size = size;
    *buf = NULL;
    *size = 0;
    pthread_mutex_lock(&memstreams_lock);
    m->next = memstreams;
    memstreams = m;
    pthread_mutex_unlock(&memstreams_lock);
    return fp;
}

int jz_os_fclose(FILE *fp)
{
    memstream *m = NULL;
    pthread_mutex_lock(&memstreams_lock);
    for (memstream **p = &memstreams; *p; p = &(*p)->next)
        if ((*p)->fp == fp) {
            m = *p;
            *p = m->next;
            break;
        }
    pthread_mutex_unlock(&memstreams_lock);
    if (!m)
        return fclose(fp);
    int rc = 0;
    long long n = fflush(fp) == 0 ? _ftelli64(fp) : -1;
    char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (b && _fseeki64(fp, 0, SEEK_SET) == 0 && fread(b, 1, (size_t)n, fp) == (size_t)n) {
        b[n] = '\0';
        *m->buf = b;
        *m->size = (size_t)n;
    } else {
        free(b);
        errno = n < 0 ? EIO : ENOMEM;
        rc = EOF;
    }
    if (fclose(fp) != 0)
        rc = EOF;
    free(m);
    return rc;
}

struct jz_os_dir {
    _WDIR *d;
    struct jz_os_dirent e;
};

jz_os_dir *jz_os_opendir(const char *path)
{
    wchar_t *wp = wide(path);
    _WDIR *wd = wp ? _wopendir(wp) : NULL;
    free(wp);
    if (!wd)
        return NULL;
    jz_os_dir *d = calloc(1, sizeof *d);
    if (!d) {
        _wclosedir(wd);
        errno = ENOMEM;
        return NULL;
    }
    d->d = wd;
    return d;
}

struct jz_os_dirent *jz_os_readdir(jz_os_dir *d)
{
    struct _wdirent *w = _wreaddir(d->d);
    if (!w)
        return NULL;
    int n = WideCharToMultiByte(CP_UTF8, 0, w->d_name, -1, d->e.d_name, (int)sizeof d->e.d_name, NULL, NULL);
    if (n <= 0)
        d->e.d_name[0] = '\0';
    return &d->e;
}

int jz_os_closedir(jz_os_dir *d)
{
    int rc = _wclosedir(d->d);
    free(d);
    return rc;
}

/* iconv, the one conversion jiazong needs (include/jz/win/iconv.h): GB18030 -> UTF-8, one
 * character at a time so that the errors are iconv's: EILSEQ at a byte sequence that is
 * not GB18030, EINVAL at an incomplete one at the end of the input, E2BIG when the output
 * is full. The tables (gb18030.h, made by scripts/gen-gb18030.py into the build folder)
 * are glibc's mapping, so Windows decodes as Linux does; Windows' code page 54936 is not
 * used (Wine lacks it, and its mapping differs between Windows versions). */
#include "jz/win/iconv.h"
#include "gb18030.h"

struct jz_os_iconv {
    int unused;
};

iconv_t iconv_open(const char *to, const char *from)
{
    if ((_stricmp(to, "UTF-8") != 0 && _stricmp(to, "UTF8") != 0) || _stricmp(from, "GB18030") != 0) {
        errno = EINVAL;
        return (iconv_t)-1;
    }
    iconv_t cd = calloc(1, sizeof *cd);
    if (!cd) {
        errno = ENOMEM;
        return (iconv_t)-1;
    }
    return cd;
}

int iconv_close(iconv_t cd)
{
    free(cd);
    return 0;
}

/* Length of the GB18030 character at s (n bytes available): 1, 2 or 4; 0 if incomplete;
 * -1 if not GB18030. */
static int gb_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] == 0x80 || s[0] == 0xFF)
        return -1;
    if (n < 2)
        return 0;
    if ((s[1] >= 0x40 && s[1] <= 0x7E) || (s[1] >= 0x80 && s[1] <= 0xFE))
        return 2;
    if (s[1] < 0x30 || s[1] > 0x39)
        return -1;
    if (n < 3)
        return 0;
    if (s[2] < 0x81 || s[2] > 0xFE)
        return -1;
    if (n < 4)
        return 0;
    if (s[3] < 0x30 || s[3] > 0x39)
        return -1;
    return 4;
}

/* The code point of a 2- or 4-byte sequence (gb_len said k), 0 if none. */
static unsigned long gb_code(const unsigned char *s, int k)
{
    if (k == 2)
        return gb2[(s[0] - 0x81) * 191 + (s[1] - 0x40)];
    unsigned long lin = (s[1] - 0x30) * 1260ul + (s[2] - 0x81) * 10ul + (s[3] - 0x30);
    if (s[0] >= 0x90) {
        unsigned long cp = 0x10000 + (s[0] - 0x90) * 12600ul + lin;
        return cp <= 0x10FFFF ? cp : 0;
    }
    lin += (s[0] - 0x81) * 12600ul;
    size_t lo = 0, hi = sizeof gb4 / sizeof gb4[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lin < gb4[mid].lin)
            hi = mid;
        else if (lin >= (unsigned long)gb4[mid].lin + gb4[mid].n)
            lo = mid + 1;
        else
            return gb4[mid].cp + (lin - gb4[mid].lin);
    }
    return 0;
}

size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out, size_t *outleft)
{
    (void)cd;
    if (!in || !*in)
        return 0; /* no shift state to reset */
    const unsigned char *s = (const unsigned char *)*in;
    size_t left = *inleft;
    while (left) {
        int k = gb_len(s, left);
        if (k <= 0) {
            errno = k == 0 ? EINVAL : EILSEQ;
            break;
        }
        unsigned char u[4];
        size_t nu;
        unsigned long c = k == 1 ? s[0] : gb_code(s, k);
        if (k > 1 && c == 0) {
            errno = EILSEQ;
            break;
        }
        if (c < 0x80) {
            u[0] = (unsigned char)c, nu = 1;
        } else if (c < 0x800) {
            u[0] = (unsigned char)(0xC0 | c >> 6), u[1] = (unsigned char)(0x80 | (c & 0x3F)), nu = 2;
        } else if (c < 0x10000) {
            u[0] = (unsigned char)(0xE0 | c >> 12), u[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
            u[2] = (unsigned char)(0x80 | (c & 0x3F)), nu = 3;
        } else {
            u[0] = (unsigned char)(0xF0 | c >> 18), u[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
            u[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F)), u[3] = (unsigned char)(0x80 | (c & 0x3F)), nu = 4;
        }
        if (nu > *outleft) {
            errno = E2BIG;
            break;
        }
        memcpy(*out, u, nu);
        *out += nu;
        *outleft -= nu;
        s += k;
        left -= (size_t)k;
    }
    *in = (char *)s;
    *inleft = left;
    return left ? (size_t)-1 : 0;
}


/* Append arg to the command line at *cl (grown as needed) quoted as the C runtime's
 * argument parser reads it back: backslashes doubled only before a quote. */
static bool cmdline_add(wchar_t **cl, size_t *len, size_t *cap, const wchar_t *arg)
{
    size_t need = *len + 2 * wcslen(arg) + 4;
    if (need > *cap) {
        size_t ncap = need * 2;
        wchar_t *p = realloc(*cl, ncap * sizeof *p);
        if (!p)
            return false;
        *cl = p, *cap = ncap;
    }
    wchar_t *o = *cl + *len;
    if (*len)
        *o++ = L' ';
    *o++ = L'"';
    for (const wchar_t *a = arg;; a++) {
        size_t bs = 0;
        while (*a == L'\\')
            a++, bs++;
        if (!*a) {
            for (size_t k = 0; k < 2 * bs; k++)
                *o++ = L'\\';
            break;
        }
        for (size_t k = 0; k < (*a == L'"' ? 2 * bs + 1 : bs); k++)
            *o++ = L'\\';
        *o++ = *a;
    }
    *o++ = L'"';
    *o = 0;
    *len = (size_t)(o - *cl);
    return true;
}

int jz_os_run(const char *path, char *const argv[], const char *log)
{
    wchar_t *cl = NULL, *wpath = wide(path);
    size_t len = 0, cap = 0;
    bool ok = wpath != NULL;
    for (size_t i = 0; ok && argv[i]; i++) {
        wchar_t *w = wide(argv[i]);
        ok = w && cmdline_add(&cl, &len, &cap, w);
        free(w);
    }
    if (!ok || !cl) {
        free(cl), free(wpath);
        errno = ENOMEM;
        return -1;
    }
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE in = log ? CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL)
                    : INVALID_HANDLE_VALUE;
    HANDLE out = INVALID_HANDLE_VALUE;
    if (log) {
        wchar_t *wlog = wide(log);
        out = wlog ? CreateFileW(wlog, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_ALWAYS,
                                 FILE_ATTRIBUTE_NORMAL, NULL)
                   : INVALID_HANDLE_VALUE;
        free(wlog);
        if (out == INVALID_HANDLE_VALUE) {
            if (in != INVALID_HANDLE_VALUE)
                CloseHandle(in);
            free(cl), free(wpath);
            errno = EACCES;
            return -1;
        }
    }
    STARTUPINFOW si = {0};
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = log ? in : GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = log ? out : GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = log ? out : GetStdHandle(STD_ERROR_HANDLE);
    PROCESS_INFORMATION pi;
    BOOL started = CreateProcessW(wpath, cl, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    if (in != INVALID_HANDLE_VALUE)
        CloseHandle(in);
    if (out != INVALID_HANDLE_VALUE)
        CloseHandle(out);
    free(cl), free(wpath);
    if (!started) {
        errno = ENOENT;
        return -1;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return (int)(code & 0xFF);
}


int jz_os_mkdir(const char *path)
{
    wchar_t *w = wide(path);
    int rc = w ? _wmkdir(w) : -1;
    free(w);
    return rc;
}
#endif /* _WIN32 */

#ifdef _WIN32
void jz_os_thread_background(void)
{
    SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_LOWEST);
}
#elif defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
void jz_os_thread_background(void)
{
    /* On Linux a thread id names the thread alone (POSIX would mean the process). */
    (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
}
#else
void jz_os_thread_background(void)
{
}
#endif

/* ---- printf with numbered arguments (%2$s), for the Windows C library, which has none:
 * a translation may put the arguments in another order than the English. Portable C, so
 * the tests run it on every platform against the C library's own printf. */

#ifdef _WIN32
#define POS_SNPRINTF __mingw_snprintf  /* the C99 one: snprintf itself is our wrapper there */
#else
#define POS_SNPRINTF snprintf
#endif

enum { POS_MAX = 32 };
typedef enum { PT_NONE, PT_INT, PT_LONG, PT_LLONG, PT_SIZE, PT_INTMAX, PT_PTRDIFF, PT_DOUBLE, PT_LDOUBLE, PT_PTR } pos_type;

typedef struct {
    const char *at, *end;   /* the conversion, '%' to its letter */
    int arg, warg, parg;    /* 1-based argument numbers; 0 none */
    char flags[8], len[3], conv;
    int width, prec;        /* literal; -1 none */
} pos_spec;

/* Parse the conversion at s ('%'); false for one this formatter does not know. */
static bool pos_parse(const char *s, pos_spec *c)
{
    memset(c, 0, sizeof *c);
    c->at = s++;
    c->width = c->prec = -1;
    int n = 0;
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (*s++ - '0');
    if (*s != '$' || n < 1 || n > POS_MAX)
        return false;
    c->arg = n;
    s++;
    size_t nf = 0;
    while (strchr("-+ #0'", *s) && *s && nf < sizeof c->flags - 1)
        c->flags[nf++] = *s++;
    if (*s == '*') {
        s++;
        for (n = 0; *s >= '0' && *s <= '9';)
            n = n * 10 + (*s++ - '0');
        if (*s++ != '$' || n < 1 || n > POS_MAX)
            return false;
        c->warg = n;
    } else if (*s >= '0' && *s <= '9') {
        for (c->width = 0; *s >= '0' && *s <= '9';)
            c->width = c->width * 10 + (*s++ - '0');
    }
    if (*s == '.') {
        s++;
        if (*s == '*') {
            s++;
            for (n = 0; *s >= '0' && *s <= '9';)
                n = n * 10 + (*s++ - '0');
            if (*s++ != '$' || n < 1 || n > POS_MAX)
                return false;
            c->parg = n;
        } else
            for (c->prec = 0; *s >= '0' && *s <= '9';)
                c->prec = c->prec * 10 + (*s++ - '0');
    }
    size_t nl = 0;
    while (strchr("hlLzjt", *s) && *s && nl < 2)
        c->len[nl++] = *s++;
    if (!*s || !strchr("diouxXeEfFgGaAcsp", *s))
        return false;
    c->conv = *s;
    c->end = s + 1;
    return true;
}

static pos_type pos_type_of(const pos_spec *c)
{
    if (strchr("eEfFgGaA", c->conv))
        return c->len[0] == 'L' ? PT_LDOUBLE : PT_DOUBLE;
    if (c->conv == 's' || c->conv == 'p')
        return PT_PTR;
    if (c->conv == 'c')
        return PT_INT;
    if (!strcmp(c->len, "l"))
        return PT_LONG;
    if (!strcmp(c->len, "ll"))
        return PT_LLONG;
    if (!strcmp(c->len, "z"))
        return PT_SIZE;
    if (!strcmp(c->len, "j"))
        return PT_INTMAX;
    if (!strcmp(c->len, "t"))
        return PT_PTRDIFF;
    return PT_INT;  /* int, and the h and hh that promote to it */
}

typedef union {
    long long ll;
    long l;
    int i;
    size_t z;
    intmax_t j;
    ptrdiff_t t;
    double d;
    long double ld;
    const void *p;
} pos_val;

typedef struct {
    char *p;
    size_t n, cap;
    bool oom;
} pos_buf;

static void pos_put(pos_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            b->oom = true;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int jz_os_vsnprintf_numbered(char *out, size_t size, const char *fmt, va_list ap)
{
    pos_type types[POS_MAX + 1] = {PT_NONE};
    int top = 0;
    for (const char *s = fmt; *s; s++) {
        if (*s != '%')
            continue;
        if (s[1] == '%') {
            s++;
            continue;
        }
        pos_spec c;
        if (!pos_parse(s, &c))
            return -1;
        types[c.arg] = pos_type_of(&c);
        if (c.warg)
            types[c.warg] = PT_INT;
        if (c.parg)
            types[c.parg] = PT_INT;
        int m = c.arg > c.warg ? c.arg : c.warg;
        m = m > c.parg ? m : c.parg;
        top = top > m ? top : m;
        s = c.end - 1;
    }
    pos_val v[POS_MAX + 1];
    for (int k = 1; k <= top; k++) {
        switch (types[k]) {
        case PT_NONE: return -1;  /* a gap: its type is unknown, so nothing after it can be read */
        case PT_INT: v[k].i = va_arg(ap, int); break;
        case PT_LONG: v[k].l = va_arg(ap, long); break;
        case PT_LLONG: v[k].ll = va_arg(ap, long long); break;
        case PT_SIZE: v[k].z = va_arg(ap, size_t); break;
        case PT_INTMAX: v[k].j = va_arg(ap, intmax_t); break;
        case PT_PTRDIFF: v[k].t = va_arg(ap, ptrdiff_t); break;
        case PT_DOUBLE: v[k].d = va_arg(ap, double); break;
        case PT_LDOUBLE: v[k].ld = va_arg(ap, long double); break;
        case PT_PTR: v[k].p = va_arg(ap, const void *); break;
        }
    }
    pos_buf b = {0};
    const char *lit = fmt;
    for (const char *s = fmt; *s; s++) {
        if (*s != '%')
            continue;
        pos_put(&b, lit, (size_t)(s - lit));
        if (s[1] == '%') {
            pos_put(&b, "%", 1);
            lit = ++s + 1;
            continue;
        }
        pos_spec c;
        pos_parse(s, &c);
        /* the same conversion without numbers: widths and precisions as literals */
        char one[64], piece[512];
        int width = c.warg ? v[c.warg].i : c.width, prec = c.parg ? v[c.parg].i : c.prec;
        char flags[10];
        POS_SNPRINTF(flags, sizeof flags, "%s%s", c.flags, width < 0 && c.warg ? "-" : "");
        if (width < 0 && c.warg)
            width = -width;
        int k = POS_SNPRINTF(one, sizeof one, "%%%s", flags);
        if (width >= 0)
            k += POS_SNPRINTF(one + k, sizeof one - (size_t)k, "%d", width);
        if (prec >= 0)
            k += POS_SNPRINTF(one + k, sizeof one - (size_t)k, ".%d", prec);
        POS_SNPRINTF(one + k, sizeof one - (size_t)k, "%s%c", c.len, c.conv);
        const pos_val *x = &v[c.arg];
        char *big = NULL;
        int n;
#define POS_FMT(val)                                                        \
        do {                                                                \
            n = POS_SNPRINTF(piece, sizeof piece, one, val);                    \
            if (n >= (int)sizeof piece && (big = malloc((size_t)n + 1)))    \
                POS_SNPRINTF(big, (size_t)n + 1, one, val);                     \
        } while (0)
        switch (types[c.arg]) {
        case PT_INT: POS_FMT(x->i); break;
        case PT_LONG: POS_FMT(x->l); break;
        case PT_LLONG: POS_FMT(x->ll); break;
        case PT_SIZE: POS_FMT(x->z); break;
        case PT_INTMAX: POS_FMT(x->j); break;
        case PT_PTRDIFF: POS_FMT(x->t); break;
        case PT_DOUBLE: POS_FMT(x->d); break;
        case PT_LDOUBLE: POS_FMT(x->ld); break;
        default: POS_FMT(x->p); break;
        }
#undef POS_FMT
        if (n < 0) {
            free(big);
            free(b.p);
            return -1;
        }
        if (n >= (int)sizeof piece && !big)
            b.oom = true;
        pos_put(&b, big ? big : piece, (size_t)n);
        free(big);
        s = c.end - 1;
        lit = c.end;
    }
    pos_put(&b, lit, strlen(lit));
    if (b.oom) {
        free(b.p);
        return -1;
    }
    size_t total = b.n;
    if (size) {
        size_t k = total < size - 1 ? total : size - 1;
        if (k)
            memcpy(out, b.p, k);
        out[k] = '\0';
    }
    free(b.p);
    return total > INT_MAX ? -1 : (int)total;
}
#pragma GCC diagnostic pop
