/* date.c — see include/jz/date.h */
#include "jz/date.h"

#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
jz_day jz_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (jz_day)(era * 146097 + (int)doe - 719468);
}

void jz_civil_from_days(jz_day z0, int *y, int *m, int *d)
{
    int z = z0 + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)yoe + era * 400 + (*m <= 2);
}

/* The days of month m (1..12) of year y. */
static int month_days(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

bool jz_date_valid(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= month_days(y, m);
}

int jz_weekday(jz_day z)
{
    /* 1970-01-01 was a Thursday (3 when Monday = 0). */
    int w = (int)((z % 7 + 7 + 3) % 7);
    return w;
}

const char *jz_weekday_name(int weekday)
{
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return weekday >= 0 && weekday < 7 ? names[weekday] : "?";
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* Read 1..maxd digits at s[*i]; false if none. */
static bool digits(const char *s, size_t n, size_t *i, int maxd, int *out)
{
    int v = 0, k = 0;
    while (*i < n && k < maxd && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *out = v;
    return k > 0;
}

static bool lit(const char *s, size_t n, size_t *i, const char *word)
{
    size_t w = strlen(word);
    if (*i + w > n || memcmp(s + *i, word, w) != 0)
        return false;
    *i += w;
    return true;
}

static bool parse_ymd(const char *s, size_t n, jz_day *out)
{
    size_t i = 0;
    int y, m, d;
    if (!digits(s, n, &i, 4, &y) || i != 4)
        return false;
    if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char sep = s[i++];
        if (!digits(s, n, &i, 2, &m) || i >= n || s[i++] != sep || !digits(s, n, &i, 2, &d))
            return false;
    } else if (lit(s, n, &i, "年")) {
        if (!digits(s, n, &i, 2, &m) || !lit(s, n, &i, "月") || !digits(s, n, &i, 2, &d))
            return false;
        if (!lit(s, n, &i, "日"))
            lit(s, n, &i, "号");  /* spoken form, as clerks type it: 2024年3月5号 */
    } else {
        return false;
    }
    if (i != n || !jz_date_valid(y, m, d))
        return false;
    *out = jz_days_from_civil(y, m, d);
    return true;
}

bool jz_date_parse(const char *s, size_t n, jz_day *out)
{
    trim(&s, &n);
    if (n == 0)
        return false;
    int64_t serial;
    if (n <= 7 && jz_uint_parse(s, n, &serial)) {
        /* Excel 1900 system: serial 1 = 1900-01-01, and Excel counts a fictitious
         * 1900-02-29 as serial 60; serials from 61 on are off by one. */
        if (serial < 1 || serial > 2958465 || serial == 60)
            return false;
        jz_day base = jz_days_from_civil(1899, 12, 31);
        *out = base + (jz_day)serial - (serial > 60);
        return true;
    }
    return parse_ymd(s, n, out);
}

char *jz_date_format(jz_day z, char buf[static JZ_DATE_SIZE])
{
    int y, m, d;
    jz_civil_from_days(z, &y, &m, &d);
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m, ud = (unsigned)d;
    const unsigned v[] = {uy / 1000, uy / 100 % 10, uy / 10 % 10, uy % 10, 10,
                          um / 10, um % 10, 10, ud / 10, ud % 10};
    for (int i = 0; i < 10; i++)
        buf[i] = v[i] == 10 ? '-' : (char)('0' + v[i]);
    buf[10] = '\0';
    return buf;
}

static bool clock24(const char *s, size_t n, int *minutes)
{
    size_t i = 0;
    int h, m, sec = 0;
    if (!digits(s, n, &i, 2, &h) || i >= n)
        return false;
    if (s[i] == ':')
        i++;
    else if (!lit(s, n, &i, "："))  /* full-width colon, as Chinese IMEs type it */
        return false;
    size_t m0 = i;
    if (!digits(s, n, &i, 2, &m) || i - m0 != 2)
        return false;
    if (i < n) {
        size_t s0 = ++i;
        if (s[s0 - 1] != ':' || !digits(s, n, &i, 2, &sec) || i - s0 != 2 || sec != 0)
            return false;
    }
    if (i != n || m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *minutes = h * 60 + m;
    return true;
}

/* A case-insensitive ASCII suffix such as "pm" or "p.m.", after optional spaces. */
static bool ampm_suffix(const char *s, size_t *n, const char *word)
{
    size_t w = strlen(word);
    if (*n < w)
        return false;
    for (size_t k = 0; k < w; k++) {
        char c = s[*n - w + k];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != word[k])
            return false;
    }
    *n -= w;
    while (*n && s[*n - 1] == ' ')
        (*n)--;
    return true;
}

/* Excel's time of day as a fraction of a day, "0.375" = 09:00, "1" = 24:00: rounded to
 * the nearest minute, at most 10 decimals. */
static bool day_fraction(const char *s, size_t n, int *minutes)
{
    if (n == 1 && (s[0] == '0' || s[0] == '1')) {
        *minutes = (s[0] - '0') * 1440;
        return true;
    }
    if (n < 3 || n > 12 || s[0] != '0' || s[1] != '.')
        return false;
    int64_t frac = 0, scale = 1;
    for (size_t k = 2; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return false;
        frac = frac * 10 + (s[k] - '0');
        scale *= 10;
    }
    *minutes = (int)((frac * 1440 * 2 + scale) / (scale * 2));
    return true;
}

bool jz_time_parse(const char *s, size_t n, int *minutes)
{
    trim(&s, &n);
    /* 0 = 24-hour clock, 1 = morning (上午, AM), 2 = afternoon/evening (下午, PM),
     * 3 = noon (中午: 11 and 12 as they are, 1 and 2 in the afternoon). */
    int half = 0;
    size_t i = 0;
    if (lit(s, n, &i, "上午") || lit(s, n, &i, "早上") || lit(s, n, &i, "凌晨"))
        half = 1;
    else if (lit(s, n, &i, "下午") || lit(s, n, &i, "晚上"))
        half = 2;
    else if (lit(s, n, &i, "中午"))
        half = 3;
    if (half) {
        s += i, n -= i;
        while (n && *s == ' ')
            s++, n--;
    } else if (ampm_suffix(s, &n, "am") || ampm_suffix(s, &n, "a.m.")) {
        half = 4;
    } else if (ampm_suffix(s, &n, "pm") || ampm_suffix(s, &n, "p.m.")) {
        half = 5;
    } else {
        return clock24(s, n, minutes) || day_fraction(s, n, minutes);
    }
    int m;
    if (!clock24(s, n, &m))
        return false;
    int h = m / 60;
    switch (half) {
    case 1:  /* 上午9:30; 上午12:xx is refused: noon or midnight? */
        return h < 12 && (*minutes = m, true);
    case 2:  /* 下午2:30 = 14:30; 下午14:30 as written; 下午12:30 is 12:30 */
        if (h == 0 || h > 23)
            return false;
        *minutes = h < 12 ? m + 12 * 60 : m;
        return true;
    case 3:
        if (h == 11 || h == 12)
            return *minutes = m, true;
        if (h == 1 || h == 2)
            return *minutes = m + 12 * 60, true;
        return false;
    case 4:  /* 12:30 AM = 00:30 */
        if (h < 1 || h > 12)
            return false;
        *minutes = h == 12 ? m - 12 * 60 : m;
        return true;
    default:  /* 12:30 PM = 12:30, 2:30 PM = 14:30 */
        if (h < 1 || h > 12)
            return false;
        *minutes = h == 12 ? m : m + 12 * 60;
        return true;
    }
}

bool jz_uint_parse(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || n > 18)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool jz_hours_parse(const char *s, size_t n, int64_t *minutes)
{
    trim(&s, &n);
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    int64_t whole;
    if (i == 0) {
        whole = 0;
        if (n < 2 || s[0] != '.')
            return false;
    } else if (!jz_uint_parse(s, i, &whole) || whole > 100000000) {
        return false;
    }
    int64_t frac = 0, scale = 1;
    if (i < n) {
        if (s[i] != '.' || i + 1 == n || n - i - 1 > 6)
            return false;
        for (size_t k = i + 1; k < n; k++) {
            if (s[k] < '0' || s[k] > '9')
                return false;
            frac = frac * 10 + (s[k] - '0');
            scale *= 10;
        }
    }
    /* minutes = whole*60 + round_half_up(frac*60/scale) */
    *minutes = whole * 60 + (frac * 60 * 2 + scale) / (2 * scale);
    return true;
}

char *jz_minutes_format(int64_t minutes, int decimals, bool thousands, char buf[static JZ_MINUTES_SIZE])
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 2)
        decimals = 2;
    int neg = minutes < 0;
    uint64_t m = neg ? 0 - (uint64_t)minutes : (uint64_t)minutes;  /* INT64_MIN too */
    uint64_t scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    /* value*scale = m*scale/60, rounded half up; m = 60q + r, so that is q*scale plus
     * r*scale/60 rounded (no product that can overflow) */
    uint64_t v = m / 60 * scale + (m % 60 * scale * 2 + 60) / 120;
    uint64_t whole = v / scale, frac = v % scale;
    char digits_buf[32];
    int len = snprintf(digits_buf, sizeof digits_buf, "%llu", (unsigned long long)whole);
    char *p = buf;
    if (neg && v != 0)
        *p++ = '-';
    for (int k = 0; k < len; k++) {
        *p++ = digits_buf[k];
        if (thousands && (len - k - 1) > 0 && (len - k - 1) % 3 == 0)
            *p++ = ',';
    }
    if (decimals)
        p += snprintf(p, 8, ".%0*llu", decimals, (unsigned long long)frac);
    *p = '\0';
    return buf;
}

/* "H:MM", "HH:MM" or "HH:MM:SS" (seconds 00..59, dropped) -> minutes 0..1439. */
static bool clock_part(const char *s, size_t n, int *minutes)
{
    size_t i = 0;
    int h, m, sec = 0;
    if (!digits(s, n, &i, 2, &h) || i >= n || s[i] != ':')
        return false;
    size_t m0 = ++i;
    if (!digits(s, n, &i, 2, &m) || i - m0 != 2)
        return false;
    if (i < n) {
        size_t s0 = ++i;
        if (s[s0 - 1] != ':' || !digits(s, n, &i, 2, &sec) || i - s0 != 2 || sec > 59)
            return false;
    }
    if (i != n || h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

/* Whether s[0..n) holds ':' or a full-width '：'. */
static bool has_colon(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] == ':' || (k + 3 <= n && memcmp(s + k, "：", 3) == 0))
            return true;
    return false;
}

bool jz_datetime_parse(const char *s, size_t n, int64_t *out)
{
    trim(&s, &n);
    if (n == 0)
        return false;
    /* An Excel serial with a fraction: 45356.5972 */
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > 0 && i <= 7 && i < n && s[i] == '.') {
        size_t f0 = i + 1, k = f0;
        int64_t frac = 0, scale = 1;
        while (k < n && s[k] >= '0' && s[k] <= '9' && k - f0 < 10) {
            frac = frac * 10 + (s[k] - '0');
            scale *= 10;
            k++;
        }
        if (k != n || k == f0)
            return false;
        jz_day day;
        if (!jz_date_parse(s, i, &day))
            return false;
        /* round half up to the nearest minute: frac / scale days * 1440 */
        int64_t minutes = (frac * 1440 * 2 + scale) / (scale * 2);
        *out = (int64_t)day * 1440 + minutes;
        return true;
    }
    /* A date, then a space (or several) or 'T', then the clock. "2024年3月5日14:20" too. */
    size_t cut = n;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == ' ' || s[k] == 'T') {
            cut = k;
            break;
        }
        if (k + 3 < n && (memcmp(s + k, "日", 3) == 0 || memcmp(s + k, "号", 3) == 0) &&
            s[k + 3] != ' ') {
            cut = k + 3;
            break;
        }
    }
    if (cut == n)
        return false;
    size_t rest = cut;
    while (rest < n && (s[rest] == ' ' || (rest == cut && s[rest] == 'T')))
        rest++;
    jz_day day;
    int minute;
    /* the date part must not be a bare serial number ("45356 14:20" is not a form) */
    int64_t ignored;
    if (rest == n || jz_uint_parse(s, cut, &ignored) || !jz_date_parse(s, cut, &day))
        return false;
    if (!clock_part(s + rest, n - rest, &minute)) {
        /* 下午2:30, 2:30 PM: the clock forms of jz_time_parse that name the half of the
         * day (a bare fraction of a day is not a clock, and 24:00 is no entry time) */
        const char *c = s + rest;
        size_t cn = n - rest;
        if (!has_colon(c, cn) || !jz_time_parse(c, cn, &minute) ||
            minute >= 1440)
            return false;
    }
    *out = (int64_t)day * 1440 + minute;
    return true;
}

char *jz_datetime_format(int64_t minutes, char buf[static JZ_DATETIME_SIZE])
{
    int64_t day = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    int m = (int)(minutes - day * 1440);
    jz_date_format((jz_day)day, buf);
    buf[10] = ' ';
    buf[11] = (char)('0' + m / 600);
    buf[12] = (char)('0' + m / 60 % 10);
    buf[13] = ':';
    buf[14] = (char)('0' + m % 60 / 10);
    buf[15] = (char)('0' + m % 10);
    buf[16] = '\0';
    return buf;
}

/* ---- fast paths for the canonical spellings ---- */

/* The value of the two ASCII digits at s, or -1 when either is not a digit. */
static int two_digits(const char *s)
{
    unsigned a = (unsigned)(s[0] - '0'), b = (unsigned)(s[1] - '0');
    return a > 9 || b > 9 ? -1 : (int)(a * 10 + b);
}

/* The month of the last YYYY-MM-DD read, per thread: its "YYYY-MM-" bytes, the day number
 * of its first day and its length (0: none yet). Rows come in date order, so the next
 * date is nearly always in the same month: then it is first + day - 1. */
static _Thread_local uint64_t month_key;
static _Thread_local jz_day month_first;
static _Thread_local int month_len;

bool jz_date_parse_iso(const char *s, size_t n, jz_day *out)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int d = two_digits(s + 8);
    uint64_t key;
    memcpy(&key, s, 8);
    if (key != month_key || !month_len) {
        int hi = two_digits(s), lo = two_digits(s + 2), m = two_digits(s + 5), y = hi * 100 + lo;
        if (hi < 0 || lo < 0 || m < 0 || !jz_date_valid(y, m, 1))
            return false;
        month_key = key, month_len = month_days(y, m), month_first = jz_days_from_civil(y, m, 1);
    }
    if (d < 1 || d > month_len)
        return false;
    *out = month_first + d - 1;
    return true;
}

bool jz_time_parse_hhmm(const char *s, size_t n, int *minutes)
{
    int h, m;
    if (n == 5 && s[2] == ':')
        h = two_digits(s), m = two_digits(s + 3);
    else if (n == 4 && s[1] == ':')
        h = (unsigned)(s[0] - '0') > 9 ? -1 : s[0] - '0', m = two_digits(s + 2);
    else
        return false;
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m))
        return false;
    *minutes = h * 60 + m;
    return true;
}

bool jz_datetime_parse_iso(const char *s, size_t n, int64_t *out)
{
    if ((n != 16 && n != 19) || (s[10] != ' ' && s[10] != 'T') || s[13] != ':')
        return false;
    if (n == 19) {
        int sec = s[16] == ':' ? two_digits(s + 17) : -1;
        if (sec < 0 || sec > 59)
            return false;
    }
    jz_day day;
    int h = two_digits(s + 11), m = two_digits(s + 14);
    if (h < 0 || h > 23 || m < 0 || m > 59 || !jz_date_parse_iso(s, 10, &day))
        return false;
    *out = (int64_t)day * 1440 + h * 60 + m;
    return true;
}

bool jz_hours_parse_plain(const char *s, size_t n, int64_t *minutes)
{
    size_t i = 0;
    int64_t whole = 0, frac = 0, scale = 1;
    for (; i < n && i < 9 && (unsigned)(s[i] - '0') <= 9; i++)
        whole = whole * 10 + (s[i] - '0');
    if (i == 0 || i > 8)
        return false;
    if (i < n) {
        size_t f0 = ++i;
        if (s[f0 - 1] != '.' || n - f0 < 1 || n - f0 > 6)
            return false;
        for (; i < n; i++) {
            if ((unsigned)(s[i] - '0') > 9)
                return false;
            frac = frac * 10 + (s[i] - '0');
            scale *= 10;
        }
    }
    *minutes = whole * 60 + (frac * 60 * 2 + scale) / (2 * scale);
    return true;
}
