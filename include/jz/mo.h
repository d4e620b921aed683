/* mo.h — a reader of GNU gettext's compiled catalogues (.mo files), for the build that has
 * no libintl (Windows: MinGW ships no gettext). Base layer; src/lib/base/i18n.c is its user.
 *
 * Promise:
 * - jz_mo_from_bytes takes a copy of a whole .mo file and checks it before use: the magic
 *   number in either byte order, major revision 0, both string tables and every string
 *   inside the buffer and NUL-terminated. Anything else is refused (NULL, errno EINVAL;
 *   ENOMEM when out of memory); a catalogue is never read in part.
 * - jz_mo_find returns the translation of msgid, or NULL when the catalogue has none (an
 *   absent msgid, an empty translation, the header entry ""), so the caller falls back
 *   to the msgid as gettext does. jiazong uses no plural forms and no contexts: as in
 *   gettext, an entry with a context is never matched by a plain msgid, and a plural
 *   entry answers with its first form. The lookup is a binary search over the originals, sorted at load
 *   (msgfmt writes them sorted, but the reader does not rely on it).
 * - jz_mo_count / jz_mo_entry list the entries in sorted order (for tests).
 * - jz_mo_load reads a file with the platform's fopen (UTF-8 names on Windows, os.h);
 *   NULL with errno set when it cannot be read or is not a catalogue.
 * - Read-only after loading: safe to share between threads.
 */
#ifndef JZ_MO_H
#define JZ_MO_H

#include <stddef.h>

typedef struct jz_mo jz_mo;

jz_mo *jz_mo_from_bytes(const void *buf, size_t n);
jz_mo *jz_mo_load(const char *path);
const char *jz_mo_find(const jz_mo *mo, const char *msgid);
size_t jz_mo_count(const jz_mo *mo);
/* Entry i (0 <= i < count) in sorted order: its msgid and translation. */
void jz_mo_entry(const jz_mo *mo, size_t i, const char **msgid, const char **msgstr);
void jz_mo_free(jz_mo *mo);

#endif
