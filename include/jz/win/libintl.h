/* libintl.h — the Windows build's stand-in: MinGW has no gettext, and this build reads no
 * catalogue yet, so a message is its English text (src/lib/base/i18n.c is the only user). */
#ifndef JZ_WIN_LIBINTL_H
#define JZ_WIN_LIBINTL_H
static inline char *bindtextdomain(const char *d, const char *dir) { (void)d; return (char *)dir; }
static inline char *bind_textdomain_codeset(const char *d, const char *c) { (void)d; return (char *)c; }
static inline char *dgettext(const char *d, const char *m) { (void)d; return (char *)m; }
#endif
