/* fp.c — see include/jz/fp.h */
#include "jz/fp.h"

#include <stdio.h>
#include <string.h>

static uint64_t pow10u(int k)
{
    uint64_t p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

/* |v| without overflow for INT64_MIN. */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

int64_t jz_fp_round(int64_t v, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 4)
        decimals = 4;
    int64_t u = (int64_t)pow10u(4 - decimals);
    int64_t a = v < 0 ? -v : v;
    a = (a + u / 2) / u * u;
    return v < 0 ? -a : a;
}

char *jz_fixed_format(int64_t v, int scale, int decimals, char *buf, size_t cap)
{
    if (scale < 0)
        scale = 0;
    if (scale > 18)
        scale = 18;
    if (decimals < 0)
        decimals = 0;
    if (decimals > scale)
        decimals = scale;
    uint64_t drop = pow10u(scale - decimals), keep = pow10u(decimals);
    uint64_t a = magnitude(v);
    /* Half away from zero on the magnitude; the quotient first, so nothing overflows. */
    uint64_t q = a / drop + (a % drop >= drop - drop / 2 && drop > 1 ? 1 : 0);
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp, "%s%llu", v < 0 && q ? "-" : "", (unsigned long long)(q / keep));
    if (decimals > 0)
        n += snprintf(tmp + n, sizeof tmp - (size_t)n, ".%0*llu", decimals, (unsigned long long)(q % keep));
    if (cap == 0)
        return NULL;
    if ((size_t)n >= cap) {
        buf[0] = '\0';
        return NULL;
    }
    memcpy(buf, tmp, (size_t)n + 1);
    return buf;
}

char *jz_fp_format(int64_t v, int decimals, char *buf, size_t cap)
{
    return jz_fixed_format(v, 4, decimals, buf, cap);
}

char *jz_fixed_trim(int64_t v, int scale, char *buf, size_t cap)
{
    if (scale < 0)
        scale = 0;
    if (scale > 18)
        scale = 18;
    int d = scale;
    uint64_t a = magnitude(v);
    while (d > 0 && a % 10 == 0)
        a /= 10, d--;
    return jz_fixed_format(v, scale, d, buf, cap);
}

bool jz_fixed_parse(const char *s, int decimals, int64_t *out)
{
    if (decimals < 0 || decimals > 4)
        return false;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    int digits = 0, frac = -1;
    for (; *s; s++) {
        if (*s == '.' && frac < 0 && digits > 0) {
            frac = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || (frac >= 0 && frac == decimals))
            return false;
        unsigned dgt = (unsigned)(*s - '0');
        if (v > (limit - dgt) / 10)
            return false;
        v = v * 10 + dgt;
        digits++;
        if (frac >= 0)
            frac++;
    }
    if (digits == 0 || frac == 0)
        return false;
    for (int k = frac < 0 ? 0 : frac; k < decimals; k++) {
        if (v > limit / 10)
            return false;
        v *= 10;
    }
    *out = neg ? (int64_t)((uint64_t)0 - v) : (int64_t)v;
    return true;
}
