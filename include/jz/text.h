/* text.h — UTF-8 and the string matching every reader shares.
 *
 * Promise: pure functions over byte ranges, no allocation unless stated. "Normalised"
 * means: surrounding ASCII and ideographic spaces removed, full-width ASCII forms
 * (U+FF01..U+FF5E) folded to ASCII, ASCII letters lower-cased. That is how headers
 * and enumeration values are matched ("Record_ID", "ｒｅｃｏｒｄ＿ｉｄ" and " record_id "
 * are the same column).
 */
#ifndef JZ_TEXT_H
#define JZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Length of the longest valid UTF-8 prefix of s[0..n). If the invalid part is only an
 * incomplete sequence at the very end, *incomplete is set true (more bytes may finish
 * it). */
size_t jz_utf8_valid_prefix(const unsigned char *s, size_t n, bool *incomplete);
/* The same, byte by byte (the reference the vector check is tested against; what
 * jz_utf8_valid_prefix uses when JZ_SIMD=off). */
size_t jz_utf8_valid_prefix_scalar(const unsigned char *s, size_t n, bool *incomplete);

/* Normalise s[0..n) into out (capacity cap, NUL-terminated, truncated if needed).
 * Returns the length written. */
size_t jz_text_norm(const char *s, size_t n, char *out, size_t cap);

/* Copy s[0..n) into out (capacity cap) with full-width ASCII forms (U+FF01..U+FF5E, as
 * Chinese input methods type "１２" and "9：30") folded to ASCII and the ideographic space
 * U+3000 to ' '; nothing else changes (no case folding, no trimming). Returns the length
 * written, or (size_t)-1 when it does not fit in cap - 1 bytes (out is then unspecified).
 * out is NUL-terminated. */
size_t jz_text_fold_width(const char *s, size_t n, char *out, size_t cap);

/* Whether s[0..n) holds a full-width ASCII form or an ideographic space (so that
 * jz_text_fold_width would change it). */
bool jz_text_has_wide_ascii(const char *s, size_t n);

/* Optimal-string-alignment edit distance between two UTF-8 strings, counted in code
 * points (a transposition counts 1). Strings longer than 64 code points return a
 * large number. */
int jz_text_distance(const char *a, const char *b);

/* Display width of a UTF-8 string in a terminal: East Asian wide characters (CJK,
 * full-width forms) count 2, others 1. */
size_t jz_text_width(const char *s);

/* Write s to fp padded with spaces to `width` display columns (not truncated), its
 * control characters escaped as jz_text_show does. */
void jz_text_pad(FILE *fp, const char *s, size_t width);

/* Number of code points in a UTF-8 string. */
size_t jz_utf8_len(const char *s);

/* Strip surrounding ASCII spaces/tabs; returns the new length, *s advanced. */
size_t jz_text_trim(const char **s, size_t n);

/* ---- user data on a terminal: controls escaped, never raw ----
 * A control character (C0 0x00-0x1F including TAB, CR and LF; DEL 0x7F; C1 U+0080-U+009F)
 * is written \xHH (C1: \uHHHH), and so is each byte that is not part of valid UTF-8; all
 * else is copied. So an ESC, BEL or CR in a name cannot move the cursor, retitle the
 * window or hide the rest of a line. Every diagnostic and every text-format output that
 * prints user data goes through these. */

/* Escape s into out (capacity cap; truncated at a whole character, NUL-terminated when
 * cap > 0). Returns the length the whole escaped text needs (without the NUL). */
size_t jz_text_escape(const char *s, char *out, size_t cap);

/* Whether s holds a control character or a byte of no valid UTF-8 sequence. */
bool jz_text_has_controls(const char *s);

enum { JZ_TEXT_SHOW_SLOTS = 16, JZ_TEXT_SHOW_MAX = 2048 };
/* s itself when it has no control characters, else its escaped text (cut at a whole
 * character to JZ_TEXT_SHOW_MAX - 1 bytes) in a per-thread buffer that stays valid for the
 * next JZ_TEXT_SHOW_SLOTS - 1 calls on the thread (so one printf may show several values).
 * NULL gives NULL. */
const char *jz_text_show(const char *s);

/* fputs(jz_text_show(s), fp). */
void jz_text_put(FILE *fp, const char *s);

/* Whether a[0..n) and b[0..n) are the same bytes (true for n 0), for short texts compared on
 * every row (an enumeration's values, a record id's series): overlapping loads of 8 (or
 * 4, 2, 1) bytes, none outside either, instead of a call to memcmp. */
static inline bool jz_same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y, u, v;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8), memcpy(&y, b + i, 8);
            if (x != y)
                return false;
        }
        memcpy(&u, a + n - 8, 8), memcpy(&v, b + n - 8, 8);
        return u == v;
    }
    if (n >= 4) {
        uint32_t x, y, u, v;
        memcpy(&x, a, 4), memcpy(&y, b, 4), memcpy(&u, a + n - 4, 4), memcpy(&v, b + n - 4, 4);
        return x == y && u == v;
    }
    if (n >= 2) {
        uint16_t x, y, u, v;
        memcpy(&x, a, 2), memcpy(&y, b, 2), memcpy(&u, a + n - 2, 2), memcpy(&v, b + n - 2, 2);
        return x == y && u == v;
    }
    return n == 0 || a[0] == b[0];
}

#endif
