/* i18n.h — the user's language for messages (gettext), and the language of documents.
 *
 * Promise:
 * - _("text") is the translation of a human-facing message in the user's language;
 *   N_("text") marks a string for translation where it is defined and translated later.
 * - jz_lang_init() takes the language from LANGUAGE / LC_ALL / LC_MESSAGES / LANG as
 *   gettext does; jz_lang_set("zh"|"en") (every tool's --lang) overrides it. Machine
 *   output (CSV/JSON field names, codes, enumerations) never goes through _().
 * - This is the only header that knows about libintl (i18n.c the only file using it).
 */
#ifndef JZ_I18N_H
#define JZ_I18N_H

typedef enum jz_lang { JZ_LANG_EN = 0, JZ_LANG_ZH } jz_lang;

const char *jz_tr(const char *msgid);
#define _(s) jz_tr(s)
#define N_(s) (s)

/* Read the environment (call once at start; safe to call again). */
void jz_lang_init(void);
/* "zh", "zh_CN", "en" (case-insensitive). 0 on success, -1 for a name it does not know. */
int jz_lang_set(const char *name);
/* The language messages are in now. */
jz_lang jz_lang_get(void);

#endif
