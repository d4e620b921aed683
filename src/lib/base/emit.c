/* emit.c — see include/jz/emit.h */
#include "jz/emit.h"

#include <stdint.h>
#include <string.h>

void jz_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    const unsigned char *p = (const unsigned char *)s;
    for (;;) {
        const unsigned char *run = p;  /* a run of bytes written as they are */
        while (*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            fwrite(run, 1, (size_t)(p - run), fp);
        if (!*p)
            break;
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default: fprintf(fp, "\\u%04x", *p);
        }
        p++;
    }
    fputc('"', fp);
}

/* A plain decimal number, optionally signed: "-3.5", "+2", "17". */
static bool plain_number(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.') {
        if (*++s < '0' || *s > '9')
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

bool jz_csv_formula_like(const char *s)
{
    return *s && strchr("=+-@\t\r", *s) && !plain_number(s);
}

const char *jz_csv_unguard(const char *s)
{
    return s[0] == '\'' && jz_csv_formula_like(s + 1) ? s + 1 : s;
}

void jz_csv_field(FILE *fp, const char *s)
{
    bool guard = jz_csv_formula_like(s);
    if (!strpbrk(s, ",\"\r\n")) {
        if (guard)
            fputc('\'', fp);
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    if (guard)
        fputc('\'', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

void jz_html_text(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default: fputc(*s, fp);
        }
    }
}
