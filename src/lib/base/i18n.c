/* i18n.c — see include/jz/i18n.h. The one file that uses libintl (glibc's gettext). */
#include "jz/i18n.h"
#include "jz/os.h"

#include <libintl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef JZ_LOCALEDIR
#define JZ_LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "jiazong"

static jz_lang cur = JZ_LANG_EN;
static bool known;      /* cur has been decided (by the environment or jz_lang_set) */
static bool bound;      /* the catalogue for Chinese is set up */
static bool have_zh;    /* ... and was found */

static int from_name(const char *s, jz_lang *out) {
    if (!strncasecmp(s, "zh", 2) && (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.' || s[2] == ':')) {
        *out = JZ_LANG_ZH;
        return 0;
    }
    if (!strncasecmp(s, "en", 2) || !strcmp(s, "C") || !strncmp(s, "C.", 2) || !strcmp(s, "POSIX")) {
        *out = JZ_LANG_EN;
        return 0;
    }
    return -1;
}

void jz_lang_init(void) {
    static const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    known = true;
    cur = JZ_LANG_EN;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            jz_lang l;
            cur = from_name(v, &l) == 0 ? l : JZ_LANG_EN;
            return;
        }
    }
}

int jz_lang_set(const char *name) {
    jz_lang l;
    if (!name || from_name(name, &l) != 0) return -1;
    cur = l;
    known = true;
    return 0;
}

jz_lang jz_lang_get(void) {
    if (!known) jz_lang_init();
    return cur;
}

const char *jz_lang_name(jz_lang l) { return l == JZ_LANG_ZH ? "zh" : "en"; }

static bool has_catalogue(const char *dir) {
    char p[4096];
    int n = snprintf(p, sizeof p, "%s/zh_CN/LC_MESSAGES/" DOMAIN ".mo", dir);
    return n > 0 && (size_t)n < sizeof p && access(p, R_OK) == 0;
}

/* The folder that holds zh_CN/LC_MESSAGES/jiazong.mo (see the header for the order). */
static char *find_localedir(void) {
    const char *env = getenv("JIAZONG_LOCALEDIR");
    if (env && *env) return strdup(env);
    if (has_catalogue(JZ_LOCALEDIR)) return strdup(JZ_LOCALEDIR);
    /* PREFIX/bin -> PREFIX/share/locale; the Windows zip: share\locale beside bin;
     * build/bin and build/asan/bin -> build/locale. */
    static const char *const rel[] = {"../share/locale", "share/locale", "../locale", "../../locale"};
    return jz_os_dir_beside_exe(rel, sizeof rel / sizeof rel[0], "zh_CN/LC_MESSAGES/" DOMAIN ".mo");
}

static void bind_zh(void) {
    bound = true;
    char *dir = find_localedir();
    if (!dir) return;
    jz_os_messages_prefer("zh_CN");
    /* The C library's own messages (strerror) in the same language come in the
     * LC_CTYPE's charset, which is ASCII under the C locale: ask for UTF-8 as for ours. */
    bind_textdomain_codeset("libc", "UTF-8");
    if (bindtextdomain(DOMAIN, dir) && bind_textdomain_codeset(DOMAIN, "UTF-8"))
        have_zh = true;
    free(dir);
}

const char *jz_tr(const char *msgid) {
    if (!msgid || !*msgid || jz_lang_get() != JZ_LANG_ZH) return msgid;
    if (!bound) bind_zh();
    return have_zh ? dgettext(DOMAIN, msgid) : msgid;
}

const char *jz_trn(const char *one, const char *many, unsigned long n) {
    if (jz_lang_get() != JZ_LANG_ZH) return n == 1 ? one : many;
    if (!bound) bind_zh();
    return have_zh ? dngettext(DOMAIN, one, many, n) : n == 1 ? one : many;
}

const char *jz_trc(const char *ctx, const char *msgid) {
    if (!msgid || !*msgid || jz_lang_get() != JZ_LANG_ZH) return msgid;
    if (!bound) bind_zh();
    if (!have_zh) return msgid;
    char key[512];  /* "ctx\004msgid", as xgettext writes a msgctxt */
    int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);
    if (n < 0 || (size_t)n >= sizeof key) return msgid;
    const char *t = dgettext(DOMAIN, key);
    return t == key ? msgid : t;
}
