/* sys/mman.h for the Windows build only (MinGW-w64 has none). jiazong uses one call from
 * it, madvise(MADV_HUGEPAGE) in hash.c: advice, which a system may ignore; Windows has
 * no such advice for ordinary heap memory, so here madvise accepts and does nothing. */
#ifndef JZ_WIN_SYS_MMAN_H
#define JZ_WIN_SYS_MMAN_H
#include <stddef.h>

#define MADV_HUGEPAGE 14
static inline int madvise(void *addr, size_t len, int advice)
{
    (void)addr, (void)len, (void)advice;
    return 0;
}
#endif
