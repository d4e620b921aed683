/* iconv.h for the Windows build only (the Makefile's `windows` target puts this folder on
 * the include path; MinGW-w64 has no iconv and Debian ships no iconv for it). Implemented
 * in src/lib/base/os.c on Windows' code page 54936, for the one conversion jiazong makes:
 * iconv_open("UTF-8", "GB18030"). Any other pair fails with EINVAL. Promise: the errno
 * values of POSIX iconv (EILSEQ, EINVAL at an incomplete end, E2BIG). */
#ifndef JZ_WIN_ICONV_H
#define JZ_WIN_ICONV_H
#include <stddef.h>

typedef struct jz_os_iconv *iconv_t;
iconv_t iconv_open(const char *to, const char *from);
size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out, size_t *outleft);
int iconv_close(iconv_t cd);
#endif
