/* os.h — the platform layer: the few things POSIX and Windows do differently.
 *
 * Promise: this header and src/lib/base/os.c are the only places in jiazong with #ifdef _WIN32.
 * The rest of the code is written for POSIX and reads and writes UTF-8 file names.
 *
 * On POSIX the functions below are thin (rename, /proc/self/exe).
 *
 * On Windows (MinGW-w64, `make windows`) the build force-includes this header into every
 * file it compiles (gcc -include jz/os.h), and links with -Wl,--wrap=main:
 *   - before main runs, os.c replaces argv by the UTF-8 form of the wide command line
 *     (GetCommandLineW, CommandLineToArgvW), so a file named 南洲街.csv reaches the tools
 *     as UTF-8 whatever the system code page; sets the console's output code page to
 *     UTF-8 (SetConsoleOutputCP) so Chinese shows in cmd.exe and PowerShell; and puts
 *     stdin, stdout and stderr in binary mode (no "\n" -> "\r\n": output is byte for byte
 *     the Linux output).
 *   - the POSIX calls that take a file name (fopen, open, stat, access, unlink, chmod,
 *     mkstemp, opendir/readdir, rename) are macros for jz_os_* wrappers that convert the UTF-8
 *     name to UTF-16 and call the wide API (_wfopen, _wopen, _wstat64, ...); open always
 *     adds O_BINARY; getline and open_memstream, which the Windows C library lacks, are
 *     provided (open_memstream wraps fclose, see below); printf and fprintf format with
 *     MinGW's C99 vsnprintf and write with fwrite (see below); so is an
 *     iconv for GB18030 -> UTF-8 (include/jz/win/iconv.h) on MultiByteToWideChar(54936).
 * So library code keeps calling fopen(path, "rb") and works on both systems.
 */
#ifndef JZ_OS_H
#define JZ_OS_H

#include <stdarg.h>
#include <stddef.h>

/* Replace target by tmp, atomically where the system can: POSIX rename(2); Windows
 * MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH), since Windows rename
 * refuses an existing target. 0, or -1 with errno set. */
int jz_os_replace(const char *tmp, const char *target);

/* The folder holding the running executable, UTF-8, newly allocated (free it), without a
 * trailing separator; NULL if the system cannot tell. */
char *jz_os_exe_dir(void);

/* The first of the folders dirs[0..n) (relative to the folder holding the running
 * executable) in which the file rel can be read: "EXE_DIR/dirs[i]", newly allocated;
 * NULL when none holds it or the executable's folder is unknown. How the tools find
 * their bundled data and message catalogue wherever they are installed. */
char *jz_os_dir_beside_exe(const char *const *dirs, size_t n, const char *rel);

/* The program's name for messages, a pointer into argv0: without the folders (either
 * separator on Windows) and, on Windows, without a trailing ".exe", so that messages
 * read "jz-hours: ..." on both systems. */
const char *jz_os_progname(const char *argv0);

/* Run the program at `path` with argv (argv[0] its name, NULL-terminated) and wait for it.
 * When log is not NULL, its standard input is the null device and its standard output and
 * error are appended to the file `log` (created if missing); else all three are this
 * process's.
 * Returns the program's exit status 0..255, 128 + N when signal N ended it, or -1 with
 * errno set when it could not be started. POSIX: posix_spawn; Windows: CreateProcessW with
 * the arguments quoted as the C runtime parses them. */
int jz_os_run(const char *path, char *const argv[], const char *log);

/* Create the folder path (mode 0777 & ~umask where modes exist). 0, or -1 with errno
 * (EEXIST when it exists). */
int jz_os_mkdir(const char *path);

/* Let the calling thread yield its core to the process's other threads: for work off the
 * critical path (jz-score's hashing while the reader and the scorer run). Linux: the
 * thread's nice value 19; Windows: the lowest thread priority; elsewhere nothing. */
void jz_os_thread_background(void);

/* Make gettext look for messages in `lang` ("zh_CN") first, whatever locales the machine
 * has: POSIX takes the user's LC_MESSAGES if it exists, else C.UTF-8 (gettext ignores
 * LANGUAGE under "C"), and sets LANGUAGE; only LC_MESSAGES, so numbers keep the C
 * locale. Windows: nothing (its build reads the catalogue itself, with mo.h). */
void jz_os_messages_prefer(const char *lang);
/* The user's language when no LANGUAGE/LC_ALL/LC_MESSAGES/LANG names one: on Windows
 * "zh" when the user's display language is Chinese (GetUserDefaultUILanguage), else
 * NULL; elsewhere always NULL (POSIX's default is the C locale: English). */
const char *jz_os_user_lang(void);

/* vsnprintf for formats whose conversions all number their arguments (%1$s, %2$.*1$s,
 * %3$ld): the Windows build's snprintf family uses it for such formats (its C library has
 * no numbered arguments); portable C, tested against the C library's printf. -1 for a
 * conversion it does not know or a gap in the numbers. */
int jz_os_vsnprintf_numbered(char *out, size_t size, const char *fmt, va_list ap);

#ifdef _WIN32
#include <dirent.h>
#include <fcntl.h>
#include <io.h>
#include <pthread.h> /* before the macros: it defines its own mkstemp macro */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

FILE *jz_os_fopen(const char *path, const char *mode);
int jz_os_open(const char *path, int flags, ...);
int jz_os_access(const char *path, int mode);
int jz_os_unlink(const char *path);
int jz_os_chmod(const char *path, int mode);
int jz_os_mkstemp(char *tmpl);
char *jz_os_getenv(const char *name);
ssize_t jz_os_getline(char **line, size_t *cap, FILE *fp);

/* open_memstream, which the Windows C library lacks: a delete-on-close temporary file;
 * *buf and *size are set (NUL-terminated, as POSIX says) when the stream is closed with
 * fclose, which is why fclose is wrapped too (other streams close as usual). Unlike
 * POSIX, fflush does not update them: jiazong reads the buffer only after fclose. */
FILE *jz_os_open_memstream(char **buf, size_t *size);
int jz_os_fclose(FILE *fp);

/* printf, fprintf, vfprintf: formatted with MinGW's C99 vsnprintf, written with fwrite.
 * The Windows C library writes formatted output to stdout at once even when stdout is
 * fully buffered (seen under Wine), which puts stdout before stderr in a 2>&1 file and
 * costs a system call per line; fwrite buffers as glibc does. */
int jz_os_printf(const char *fmt, ...) __attribute__((format(gnu_printf, 1, 2)));
int jz_os_fprintf(FILE *fp, const char *fmt, ...) __attribute__((format(gnu_printf, 2, 3)));
int jz_os_vfprintf(FILE *fp, const char *fmt, va_list ap) __attribute__((format(gnu_printf, 2, 0)));
/* snprintf and vsnprintf as C99 says, and with numbered arguments (%2$s, which the
 * Windows C library lacks: a translation may reorder the English arguments). */
int jz_os_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(gnu_printf, 3, 4)));
int jz_os_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __attribute__((format(gnu_printf, 3, 0)));
/* fputc, putc, putchar through fwrite: Wine's C library flushes the stream at every '\n'
 * written by fputc, a buffered stream included. */
int jz_os_fputc(int c, FILE *fp);

/* stat with 64-bit sizes and times, whatever _FILE_OFFSET_BITS says, and a real file
 * identity: st_dev is the volume's serial number and st_ino the file index (Windows' C
 * library leaves st_ino 0, which would make every file "the same file" as every other).
 * The struct and the function share the name, as POSIX's struct stat and stat() do. */
struct jz_os_stat {
    unsigned long long st_dev;
    unsigned long long st_ino;
    unsigned short st_mode;
    short st_nlink;
    short st_uid;
    short st_gid;
    unsigned int st_rdev;
    long long st_size;
    long long st_atime;
    long long st_mtime;
    long long st_ctime;
};
int jz_os_stat(const char *path, struct jz_os_stat *st);

/* readdir with UTF-8 names (up to MAX_PATH UTF-16 units, so up to 3 bytes each). */
struct jz_os_dirent {
    char d_name[260 * 3 + 1];
};
typedef struct jz_os_dir jz_os_dir;
jz_os_dir *jz_os_opendir(const char *path);
struct jz_os_dirent *jz_os_readdir(jz_os_dir *d);
int jz_os_closedir(jz_os_dir *d);

/* The POSIX file and signal calls of the output commit (src/cli), as far as Windows has
 * them: no symbolic links (lstat is stat, S_ISLNK is false, readlink fails with EINVAL),
 * no owners (uid and gid 0, chown does nothing), fcntl only F_GETFD (is fd open?),
 * /dev/null is NUL, sigaction over signal() for the signals Windows has (SIGINT, SIGTERM;
 * SIGHUP fails with EINVAL), pthread_sigmask blocks nothing. Each a thin stand-in, so
 * that the POSIX code compiles and behaves as well as Windows allows. */
#include <signal.h>
#include <limits.h>
typedef _sigset_t sigset_t;
struct sigaction {
    void (*sa_handler)(int);
    sigset_t sa_mask;
    int sa_flags;
};
#ifndef SIGHUP
#define SIGHUP 1
#endif
#ifndef NAME_MAX
#define NAME_MAX 255
#endif
/* MinGW's PATH_MAX is MAX_PATH (260); the wide calls in os.c take long paths (\\?\),
 * so path buffers are sized as on Linux. limits.h is included above: its guard keeps a
 * later include from redefining this. */
#undef PATH_MAX
#define PATH_MAX 4096
#define SA_RESETHAND 0x1 /* what Windows' signal() does anyway */
#define SA_NODEFER 0x2
#define O_NOCTTY 0
#define F_GETFD 1
#define _PC_NAME_MAX 3
#define S_ISLNK(m) ((void)(m), 0)
int jz_os_sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int jz_os_fcntl(int fd, int cmd, ...);
int jz_os_fstat(int fd, struct jz_os_stat *st);
long jz_os_pathconf(const char *path, int name);
ssize_t jz_os_readlink(const char *path, char *buf, size_t n);
static inline int jz_os_sigemptyset(sigset_t *s) { *s = 0; return 0; }
static inline int jz_os_sigaddset(sigset_t *s, int sig) { *s |= (sigset_t)1 << sig; return 0; }
/* Windows delivers a signal to no particular thread's mask: blocking is not possible. */
static inline int jz_os_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    (void)how, (void)set;
    if (old)
        *old = 0;
    return 0;
}
static inline int jz_os_chown(const char *path, int uid, int gid) { (void)path, (void)uid, (void)gid; return 0; }

#ifndef JZ_OS_NO_MACROS /* os.c itself calls the real functions */
#define sigaction(s, a, o) jz_os_sigaction(s, a, o)
#undef pthread_sigmask
#define pthread_sigmask(h, s, o) jz_os_sigmask(h, s, o)
#define sigemptyset(s) jz_os_sigemptyset(s)
#define sigaddset(s, n) jz_os_sigaddset(s, n)
#define fcntl(...) jz_os_fcntl(__VA_ARGS__)
#undef fstat
#define fstat(fd, st) jz_os_fstat(fd, st)
#define lstat(p, st) jz_os_stat(p, st)
#define readlink(p, b, n) jz_os_readlink(p, b, n)
#define pathconf(p, n) jz_os_pathconf(p, n)
#define chown(p, u, g) jz_os_chown(p, u, g)
#define geteuid() 0
#define getegid() 0
#undef fopen
#undef stat
#undef mkstemp
#undef getline
#undef getenv
#undef printf
#undef fprintf
#undef vfprintf
#define printf(...) jz_os_printf(__VA_ARGS__)
#define fprintf(...) jz_os_fprintf(__VA_ARGS__)
#define vfprintf(...) jz_os_vfprintf(__VA_ARGS__)
#undef snprintf
#undef vsnprintf
#define snprintf(...) jz_os_snprintf(__VA_ARGS__)
#define vsnprintf(...) jz_os_vsnprintf(__VA_ARGS__)
#undef fputc
#undef putc
#undef putchar
#define fputc(c, f) jz_os_fputc(c, f)
#define putc(c, f) jz_os_fputc(c, f)
#define putchar(c) jz_os_fputc(c, stdout)
#define fopen jz_os_fopen
#undef rename
#define rename(from, to) jz_os_replace(from, to) /* POSIX rename replaces an existing file */
#define open_memstream(b, n) jz_os_open_memstream(b, n)
#define fclose(f) jz_os_fclose(f)
#define open(...) jz_os_open(__VA_ARGS__)
#define access(p, m) jz_os_access(p, m)
#define unlink(p) jz_os_unlink(p)
#define chmod(p, m) jz_os_chmod(p, m)
#define mkstemp(t) jz_os_mkstemp(t)
#define getenv(n) jz_os_getenv(n)
#define getline(l, c, f) jz_os_getline(l, c, f)
#define stat jz_os_stat
#define DIR jz_os_dir
#define dirent jz_os_dirent
#define opendir(p) jz_os_opendir(p)
#define readdir(d) jz_os_readdir(d)
#define closedir(d) jz_os_closedir(d)
#endif
#endif /* _WIN32 */

#endif
