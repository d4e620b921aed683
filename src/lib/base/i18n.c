/* i18n.c — see include/jz/i18n.h. The one file that uses libintl (glibc's gettext).
 * Two ways to a translation, both from the same jiazong.mo:
 * - messages in Chinese: glibc's dgettext (Linux), or the catalogue read whole with the
 *   reader of mo.h (Windows: MinGW has no libintl);
 * - a Chinese document while the messages are English (jz-report --lang zh in an English
 *   session): the catalogue read whole with mo.h on every platform, so nothing of the
 *   process's locale or environment changes.
 * Messages are translated on every reading thread (a file read in two halves, table.h):
 * the language is atomic, decided from the environment once if nobody set it, and each
 * catalogue is bound once (pthread_once), whichever thread asks first. */
#include "jz/i18n.h"
#include "jz/mo.h"
#include "jz/os.h"

#ifndef _WIN32
#include <libintl.h>
#endif
#include <pthread.h>
#include <stdatomic.h>
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
#define MO_PATH "zh_CN/LC_MESSAGES/" DOMAIN ".mo"

static _Atomic jz_lang cur = JZ_LANG_EN;
static atomic_bool known;    /* cur has been decided (by the environment or jz_lang_set) */
static atomic_bool chosen;   /* cur was set by jz_lang_set */
static _Atomic int doc = -1; /* the document language; -1: the messages' */
static pthread_once_t env_once = PTHREAD_ONCE_INIT, mo_once = PTHREAD_ONCE_INIT;
static jz_mo *catalogue;     /* read whole (set under mo_once) */
#ifndef _WIN32
static pthread_once_t bind_once = PTHREAD_ONCE_INIT;
static atomic_bool have_zh;  /* glibc's catalogue was bound (set under bind_once) */
#endif

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
    jz_lang l = JZ_LANG_EN;
    bool named = false;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            if (from_name(v, &l) != 0)
                l = JZ_LANG_EN;
            named = true;
            break;
        }
    }
    const char *ui = named ? NULL : jz_os_user_lang();  /* Windows: its display language */
    if (ui && from_name(ui, &l) != 0)
        l = JZ_LANG_EN;
    cur = l;
    known = true;
}

static void init_from_env(void) {
    if (!known) jz_lang_init();  /* jz_lang_set may have decided first */
}

int jz_lang_set(const char *name) {
    jz_lang l;
    if (!name || from_name(name, &l) != 0) return -1;
    cur = l;
    known = true;
    chosen = true;
    return 0;
}

jz_lang jz_lang_get(void) {
    if (!known) pthread_once(&env_once, init_from_env);
    return cur;
}

int jz_lang_chosen(void) { return chosen; }

void jz_doc_lang_set(jz_lang l) { doc = (int)l; }

jz_lang jz_doc_lang_get(void) { int d = doc; return d < 0 ? jz_lang_get() : (jz_lang)d; }

const char *jz_lang_name(jz_lang l) { return l == JZ_LANG_ZH ? "zh" : "en"; }

static bool has_catalogue(const char *dir) {
    char p[4096];
    int n = snprintf(p, sizeof p, "%s/" MO_PATH, dir);
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
    return jz_os_dir_beside_exe(rel, sizeof rel / sizeof rel[0], MO_PATH);
}

static void load_mo(void) {
    char *dir = find_localedir();
    if (!dir) return;
    size_t cap = strlen(dir) + sizeof "/" MO_PATH;
    char *path = malloc(cap);
    if (path) {
        snprintf(path, cap, "%s/" MO_PATH, dir);
        catalogue = jz_mo_load(path);
        free(path);
    }
    free(dir);
}

#ifndef _WIN32
static void bind_zh(void) {
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
#endif

const char *jz_tr_in(jz_lang l, const char *msgid) {
    if (!msgid || !*msgid || l != JZ_LANG_ZH) return msgid;
#ifndef _WIN32
    if (jz_lang_get() == JZ_LANG_ZH) {
        pthread_once(&bind_once, bind_zh);
        return have_zh ? dgettext(DOMAIN, msgid) : msgid;
    }
#endif
    pthread_once(&mo_once, load_mo);
    const char *t = jz_mo_find(catalogue, msgid);
    return t ? t : msgid;
}

const char *jz_tr(const char *msgid) { return jz_tr_in(jz_lang_get(), msgid); }

const char *jz_tr_ctx_in(jz_lang l, const char *ctx, const char *msgid) {
    if (!msgid || !*msgid || l != JZ_LANG_ZH) return msgid;
    char key[512];  /* "ctx\004msgid", as msgfmt stores an entry with a msgctxt */
    int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);
    if (n < 0 || (size_t)n >= sizeof key) return msgid;
    const char *t = jz_tr_in(l, key);
    return t == key ? msgid : t;  /* no such entry: gettext and mo.h both answer with the key */
}

const char *jz_trn_in(jz_lang l, const char *one, const char *many, unsigned long n) {
    if (l != JZ_LANG_ZH) return n == 1 ? one : many;
#ifndef _WIN32
    if (jz_lang_get() == JZ_LANG_ZH) {
        pthread_once(&bind_once, bind_zh);
        return have_zh ? dngettext(DOMAIN, one, many, n) : n == 1 ? one : many;
    }
#endif
    /* Chinese has one plural form (nplurals=1): the entry's first form, as mo.h answers */
    pthread_once(&mo_once, load_mo);
    const char *t = jz_mo_find(catalogue, one);
    return t ? t : n == 1 ? one : many;
}

const char *jz_trn(const char *one, const char *many, unsigned long n) { return jz_trn_in(jz_lang_get(), one, many, n); }

const char *jz_trc(const char *ctx, const char *msgid) { return jz_tr_ctx_in(jz_lang_get(), ctx, msgid); }
