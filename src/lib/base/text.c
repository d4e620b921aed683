/* text.c — see include/jz/text.h */
#include "jz/text.h"
#include "jz/simd.h"

#include <stdint.h>
#include <string.h>

/* A 3-byte sequence in the common CJK range: E1..EC or EE..EF and two continuation bytes
 * (E0 and ED have narrower second bytes and take the general path). */
static bool cjk3(const unsigned char *p)
{
    unsigned c = p[0];
    return ((c >= 0xE1 && c <= 0xEC) || (c >= 0xEE && c <= 0xEF)) && (p[1] & 0xC0) == 0x80 &&
           (p[2] & 0xC0) == 0x80;
}

size_t jz_utf8_valid_prefix_scalar(const unsigned char *s, size_t n, bool *incomplete)
{
    size_t i = 0;
    *incomplete = false;
    while (i < n) {
        /* ASCII 8 bytes at a time, jumping straight to the first byte with its high bit set. */
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t high = w & 0x8080808080808080ull;
            if (!high) {
                i += 8;
                continue;
            }
            i += (size_t)__builtin_ctzll(high) >> 3;  /* little-endian: lowest byte first */
        } else if (s[i] < 0x80) {
            i++;
            continue;
        }
        while (i + 3 <= n && cjk3(s + i))  /* runs of Chinese text */
            i += 3;
        if (i >= n)
            break;
        unsigned c = s[i];
        size_t len;
        uint32_t cp, min;
        if (c < 0x80) {
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        for (size_t k = 1; k < len; k++) {
            if (i + k >= n) {
                *incomplete = true;
                return i;
            }
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return i;
}

/* The vector check vouches for whole blocks; the scalar one goes on from the start of the
 * character the first unchecked block falls in (the one before it may still want
 * continuations), so the answer and *incomplete are the scalar check's. */
size_t jz_utf8_valid_prefix(const unsigned char *s, size_t n, bool *incomplete)
{
    size_t i = jz_simd_utf8_blocks(s, n), back = 0;
    while (i > 0 && back < 4) {
        i--, back++;
        if ((s[i] & 0xC0) != 0x80)
            break;
    }
    return i + jz_utf8_valid_prefix_scalar(s + i, n - i, incomplete);
}

size_t jz_text_trim(const char **s, size_t n)
{
    while (n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        n--;
    }
    while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t'))
        n--;
    return n;
}

/* Decode one code point at s (valid UTF-8 assumed, else returns the byte). */
static uint32_t decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    if (c < 0x80 || n < 2) {
        *len = 1;
        return c;
    }
    if ((c & 0xE0) == 0xC0) {
        *len = 2;
        return ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    }
    if ((c & 0xF0) == 0xE0 && n >= 3) {
        *len = 3;
        return ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    }
    if ((c & 0xF8) == 0xF0 && n >= 4) {
        *len = 4;
        return ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    }
    *len = 1;
    return c;
}

/* The index of the first byte of s[0..n) at or above 0x80, or n (8 bytes at a time). */
static size_t ascii_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

bool jz_text_has_wide_ascii(const char *s0, size_t n)
{
    const unsigned char *s = (const unsigned char *)s0;
    /* every form below starts with a byte above 0x7F: the ASCII before it holds none */
    for (size_t i = ascii_prefix(s, n); i + 2 < n; i++) {
        /* U+FF01..U+FF3F = EF BC 81..BF, U+FF40..U+FF5E = EF BD 80..9E, U+3000 = E3 80 80 */
        if (s[i] == 0xEF && ((s[i + 1] == 0xBC && s[i + 2] >= 0x81 && s[i + 2] <= 0xBF) ||
                             (s[i + 1] == 0xBD && s[i + 2] >= 0x80 && s[i + 2] <= 0x9E)))
            return true;
        if (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
            return true;
    }
    return false;
}

size_t jz_text_fold_width(const char *s0, size_t n, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)s0;
    size_t o = 0, i = 0;
    while (i < n) {
        size_t len;
        uint32_t cp = decode(s + i, n - i, &len);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            if (o + 1 >= cap)
                return (size_t)-1;
            out[o++] = (char)(cp - 0xFF01 + 0x21);
        } else if (cp == 0x3000) {
            if (o + 1 >= cap)
                return (size_t)-1;
            out[o++] = ' ';
        } else {
            if (o + len >= cap)
                return (size_t)-1;
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    if (cap == 0)
        return (size_t)-1;
    out[o] = '\0';
    return o;
}

size_t jz_text_norm(const char *s0, size_t n, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)s0;
    size_t o = 0, i = 0, last_nonspace = 0;
    bool started = false;
    if (cap == 0)
        return 0;
    while (i < n) {
        size_t len;
        uint32_t cp = decode(s + i, n - i, &len);
        const unsigned char *src = s + i;
        unsigned char ch;
        size_t outlen = len;
        if (cp >= 0xFF01 && cp <= 0xFF5E) {  /* full-width ASCII */
            ch = (unsigned char)(cp - 0xFF01 + 0x21);
            src = &ch;
            outlen = 1;
        } else if (cp == 0x3000) {  /* ideographic space */
            ch = ' ';
            src = &ch;
            outlen = 1;
        }
        i += len;
        bool space = outlen == 1 && (src[0] == ' ' || src[0] == '\t' || src[0] == '\r' || src[0] == '\n');
        if (space && !started)
            continue;
        if (o + outlen >= cap)
            break;
        for (size_t k = 0; k < outlen; k++) {
            unsigned char b = src[k];
            out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        started = true;
        if (!space)
            last_nonspace = o;
    }
    out[last_nonspace] = '\0';
    return last_nonspace;
}

size_t jz_utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int to_points(const char *s, uint32_t *cps, int max)
{
    size_t n = strlen(s), i = 0;
    int k = 0;
    while (i < n) {
        if (k == max)
            return -1;
        size_t len;
        cps[k++] = decode((const unsigned char *)s + i, n - i, &len);
        i += len;
    }
    return k;
}

int jz_text_distance(const char *a, const char *b)
{
    enum { MAX = 64 };
    uint32_t x[MAX], y[MAX];
    int n = to_points(a, x, MAX), m = to_points(b, y, MAX);
    if (n < 0 || m < 0)
        return 1000;
    int d[MAX + 1][MAX + 1];
    for (int i = 0; i <= n; i++)
        d[i][0] = i;
    for (int j = 0; j <= m; j++)
        d[0][j] = j;
    for (int i = 1; i <= n; i++) {
        for (int j = 1; j <= m; j++) {
            int cost = x[i - 1] != y[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[n][m];
}

static bool wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t jz_text_width(const char *s)
{
    size_t n = strlen(s), i = 0, w = 0;
    while (i < n) {
        size_t len;
        uint32_t cp = decode((const unsigned char *)s + i, n - i, &len);
        w += wide(cp) ? 2 : 1;
        i += len;
    }
    return w;
}

void jz_text_pad(FILE *fp, const char *s, size_t width)
{
    s = jz_text_show(s);
    fputs(s, fp);
    for (size_t w = jz_text_width(s); w < width; w++)
        fputc(' ', fp);
}

/* Length of the valid UTF-8 sequence at s (1..4), 0 when the bytes there are not one. */
static size_t utf8_seq(const unsigned char *s)
{
    bool inc;
    size_t n = s[0] < 0xC0 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    for (size_t k = 1; k < n; k++)
        if (!s[k])
            return 0;
    return jz_utf8_valid_prefix_scalar(s, n, &inc) == n ? n : 0;
}

/* Whether the code point of the n-byte sequence at s is a control: C0, DEL, C1. */
static bool control_at(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0] < 0x20 || s[0] == 0x7F;
    return n == 2 && s[0] == 0xC2 && s[1] < 0xA0;  /* U+0080..U+009F */
}

size_t jz_text_escape(const char *s, char *out, size_t cap)
{
    size_t o = 0, w = 0;  /* needed, written */
    bool full = false;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = utf8_seq(p);
        char esc[16];
        size_t len;
        if (n && !control_at(p, n)) {
            len = n;
            memcpy(esc, p, n);
        } else if (n == 2) {  /* a C1 control */
            len = (size_t)snprintf(esc, sizeof esc, "\\u%04x", (unsigned)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F)));
        } else {  /* a C0 control, DEL or a byte of no valid sequence */
            n = 1;
            len = (size_t)snprintf(esc, sizeof esc, "\\x%02x", p[0]);
        }
        if (!full && w + len < cap) {
            memcpy(out + w, esc, len);
            w += len;
        } else {
            full = true;  /* truncate at a whole character: nothing more is copied */
        }
        o += len;
        p += n;
    }
    if (cap)
        out[w] = '\0';
    return o;
}

bool jz_text_has_controls(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_seq(p);
        if (!n || control_at(p, n))
            return true;
        p += n;
    }
    return false;
}

const char *jz_text_show(const char *s)
{
    /* A ring of fixed buffers per thread (no heap: a reading thread that shows a value
     * leaves nothing behind when it ends); a printf may show several values at once. */
    static _Thread_local char ring[JZ_TEXT_SHOW_SLOTS][JZ_TEXT_SHOW_MAX];
    static _Thread_local size_t next;
    if (!s || !jz_text_has_controls(s))
        return s;
    char *out = ring[next++ % JZ_TEXT_SHOW_SLOTS];
    jz_text_escape(s, out, JZ_TEXT_SHOW_MAX);
    return out;
}

void jz_text_put(FILE *fp, const char *s)
{
    fputs(jz_text_show(s), fp);
}
