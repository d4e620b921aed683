/* numfmt.c — see include/jz/numfmt.h. */
#include "jz/numfmt.h"
#include "jz/date.h"

#include <stdio.h>
#include <string.h>

int jz_numfmt_builtin_kind(long id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
        return JZ_NUMFMT_DATE;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
        return JZ_NUMFMT_TIME;
    return id == 22 ? JZ_NUMFMT_DATETIME : JZ_NUMFMT_NONE;
}

/* The kind of a custom format code: its first section's date and time letters, outside
 * quotes, escapes, fill/padding characters and [...] (but [h], [m], [s] are elapsed time). */
int jz_numfmt_code_kind(const char *s)
{
    bool date = false, time = false, month = false;
    for (; *s && *s != ';'; s++) {
        char c = (char)(*s | 0x20);
        if (*s == '"') {
            while (s[1] && s[1] != '"')
                s++;
            if (s[1])
                s++;
        } else if (*s == '\\' || *s == '_' || *s == '*') {
            if (s[1])
                s++;
        } else if (*s == '[') {
            if (s[1] && strchr("hmsHMS", s[1]))
                time = true;
            while (s[1] && s[1] != ']')
                s++;
            if (s[1])
                s++;
        } else if (c == 'y' || c == 'd') {
            date = true;
        } else if (c == 'h' || c == 's') {
            time = true;
        } else if (c == 'm') {
            month = true;
        } else if (*s == '0' || *s == '#' || *s == '?') {
            if (!date && !time && !month)
                return JZ_NUMFMT_NONE;  /* a number format ("0.00", "#,##0") */
        }
    }
    if (date)
        return time ? JZ_NUMFMT_DATETIME : JZ_NUMFMT_DATE;
    if (time)
        return JZ_NUMFMT_TIME;
    return month ? JZ_NUMFMT_DATE : JZ_NUMFMT_NONE;
}

/* A serial day number in text -> ISO text by kind; false leaves the cell as it is. */
bool jz_numfmt_serial_text(const char *v, int kind, bool d1904, char *out, size_t cap)
{
    const char *s = v;
    long days = 0;
    double frac = 0, scale = 1;
    if (*s < '0' || *s > '9')
        return false;
    for (; *s >= '0' && *s <= '9'; s++) {
        days = days * 10 + (*s - '0');
        if (days > 2958465)
            return false;
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            if (scale < 1e15)
                frac = frac * 10 + (*s - '0'), scale *= 10;
    if (*s)
        return false;  /* an exponent or anything else: not a plain serial */
    long secs = (long)(frac / scale * 86400.0 + 0.5);
    if (secs >= 86400)
        days++, secs -= 86400;
    jz_day z;
    if (d1904)
        z = jz_days_from_civil(1904, 1, 1) + (jz_day)days;
    else if (days == 60)
        return false;  /* 1900-02-29, which never was */
    else
        z = jz_days_from_civil(1899, 12, days < 60 ? 31 : 30) + (jz_day)days;
    if (secs < 0)
        secs = 0;
    char date[16], time[16];
    jz_date_format(z, date);
    int h = (int)(secs / 3600) % 24, m = (int)(secs / 60 % 60), sec = (int)(secs % 60);
    if (sec)
        snprintf(time, sizeof time, "%02d:%02d:%02d", h, m, sec);
    else
        snprintf(time, sizeof time, "%02d:%02d", h, m);
    if (kind == JZ_NUMFMT_DATE)
        snprintf(out, cap, "%s", date);
    else if (kind == JZ_NUMFMT_TIME)
        snprintf(out, cap, "%s", time);
    else
        snprintf(out, cap, "%s %s", date, time);
    return true;
}
