/* i18n.c — see include/jz/i18n.h. Until the catalogues exist, messages are the msgids. */
#include "jz/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static jz_lang cur = JZ_LANG_EN;

static jz_lang from_name(const char *s, int *ok) {
    *ok = 1;
    if (!strncasecmp(s, "zh", 2)) return JZ_LANG_ZH;
    if (!strncasecmp(s, "en", 2) || !strcmp(s, "C") || !strcmp(s, "POSIX")) return JZ_LANG_EN;
    *ok = 0;
    return JZ_LANG_EN;
}

void jz_lang_init(void) {
    static const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            int ok;
            cur = from_name(v, &ok);
            return;
        }
    }
    cur = JZ_LANG_EN;
}

int jz_lang_set(const char *name) {
    int ok;
    jz_lang l = from_name(name, &ok);
    if (!ok) return -1;
    cur = l;
    return 0;
}

jz_lang jz_lang_get(void) { return cur; }

const char *jz_tr(const char *msgid) { return msgid; }
