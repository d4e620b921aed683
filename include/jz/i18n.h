/* i18n.h — the user's language for messages (GNU gettext), and the language of documents.
 *
 * Promise:
 * - _("text") is the translation of a human-facing message in the user's language;
 *   N_("text") marks a string for translation where it is defined and translated later.
 *   Diagnostics (jz_diag_emit), library errors (jz_error_set, jz_error_sys) and the front
 *   end's usage errors and warnings translate their format strings themselves: xgettext
 *   finds them by those function names (see the Makefile's po rules).
 * - The language: jz_lang_set("zh"|"en") (every tool's --lang) if called, else the first
 *   of LANGUAGE / LC_ALL / LC_MESSAGES / LANG that is set, as gettext reads them; anything
 *   but Chinese is English. Chinese works whether or not a zh_CN locale is installed on
 *   the machine: only LC_MESSAGES is set (numbers, dates and machine output never follow
 *   the locale), and the catalogue is taken from the first of $JIAZONG_LOCALEDIR, the
 *   build-time share/locale, PREFIX/share/locale beside the installed program, and the
 *   build tree's build/locale that holds jiazong.mo.
 * - Machine output (CSV/JSON field names, codes, enumerations) never goes through _().
 * - This header and i18n.c are the only places that know about libintl.
 */
#ifndef JZ_I18N_H
#define JZ_I18N_H

typedef enum jz_lang { JZ_LANG_EN = 0, JZ_LANG_ZH } jz_lang;

const char *jz_tr(const char *msgid) __attribute__((format_arg(1)));
#define _(s) jz_tr(s)
/* The translation of a message with a number in it: one or many by n in English, the
 * catalogue's plural form in Chinese (GNU ngettext; xgettext finds it by its name). */
const char *jz_trn(const char *one, const char *many, unsigned long n) __attribute__((format_arg(1)))
    __attribute__((format_arg(2)));
#define N_(s) (s)
/* C_("context", "text"): _() for a word that means different things in different places
 * (a table's "note" column is not the "note" of a diagnostic): gettext's msgctxt. */
const char *jz_trc(const char *ctx, const char *msgid) __attribute__((format_arg(2)));
#define C_(c, s) jz_trc(c, s)
#define NC_(c, s) (s)  /* N_ with a context: translated later by C_(c, s) */

/* Documents (jz-report's text, Markdown and HTML) have a language of their own, which may
 * differ from the messages': D_("text") is the translation into the document language
 * (jz_doc_lang_set; until it is called, the messages' language), through the same
 * catalogue. jz_tr_in translates into a given language. */
const char *jz_tr_in(jz_lang l, const char *msgid) __attribute__((format_arg(2)));
#define D_(s) jz_tr_in(jz_doc_lang_get(), s)
/* The same word may need two translations ("hours" as a column heading, 时数, and as a
 * unit, 小时): DC_("column", "hours") looks the msgid up in that context (gettext's
 * msgctxt), and is the msgid itself when the catalogue has no such entry. */
const char *jz_tr_ctx_in(jz_lang l, const char *ctx, const char *msgid) __attribute__((format_arg(3)));
#define DC_(c, s) jz_tr_ctx_in(jz_doc_lang_get(), c, s)
/* jz_trn into a given language; DN_(one, many, n) into the document language. */
const char *jz_trn_in(jz_lang l, const char *one, const char *many, unsigned long n) __attribute__((format_arg(2)))
    __attribute__((format_arg(3)));
#define DN_(one, many, n) jz_trn_in(jz_doc_lang_get(), one, many, n)
void jz_doc_lang_set(jz_lang l);
jz_lang jz_doc_lang_get(void);

/* Read the environment (done on first use; call again after changing it). */
void jz_lang_init(void);
/* "zh", "zh_CN", "zh-CN", "en", "C" (case-insensitive). 0 on success, -1 for a name it
 * does not know (the language is unchanged then). */
int jz_lang_set(const char *name);
/* The language messages are in now. */
jz_lang jz_lang_get(void);
/* Whether the language was chosen by jz_lang_set (--lang), not read from the environment. */
int jz_lang_chosen(void);
/* "zh" or "en". */
const char *jz_lang_name(jz_lang l);

#endif
