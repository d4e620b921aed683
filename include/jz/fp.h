/* fp.h — fixed-point decimals: the one rounding rule and the one formatter (base layer).
 *
 * Promise: pure functions, no allocation, no locale. A fixed-point value is an int64_t
 * counting units of 10^-scale; JZ_FP values (points, fractions, ratios) have scale 4, so
 * 1.0 == JZ_FP == 10000; basis points are the same numbers (1 % == 100). Rounding is half
 * away from zero, always (-0.25 to one decimal is -0.3). Formatting writes into the
 * caller's buffer of the size the caller passes; JZ_FP_BUF is always enough.
 */
#ifndef JZ_FP_H
#define JZ_FP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JZ_FP 10000   /* fixed point: 1.0 == 10000 */
#define JZ_FP_BUF 32  /* a buffer this size holds any formatted int64_t (26 bytes at most) */

/* Round v (FP) to `decimals` (clamped to 0..4), half away from zero. */
int64_t jz_fp_round(int64_t v, int decimals);

/* v, a count of 10^-scale units (scale 0..18), as decimal text with `decimals` decimals
 * (clamped to 0..scale), rounded half away from zero: (12345, 4, 2) -> "1.23",
 * (-15, 2, 1) -> "-0.2", (-4, 4, 2) -> "0.00" (no "-0"). Returns buf, or NULL when the
 * text and its NUL do not fit in cap bytes (buf then holds "" if cap > 0). */
char *jz_fixed_format(int64_t v, int scale, int decimals, char *buf, size_t cap);

/* jz_fixed_format(v, 4, decimals, buf, cap): v (FP) with `decimals` decimals. */
char *jz_fp_format(int64_t v, int decimals, char *buf, size_t cap);

/* v (10^-scale units) with as many decimals as it needs: (665000, 4) -> "66.5",
 * (1000000, 4) -> "100", (-5, 4) -> "-0.0005". Exact, so never rounds. NULL as above. */
char *jz_fixed_trim(int64_t v, int scale, char *buf, size_t cap);

/* Parse "[-+]digits[.digits]" (no spaces, at most `decimals` (0..4) decimals, within
 * int64_t once scaled) into *out in 10^-decimals units: ("-1.5", 2) -> -150. False and
 * *out untouched on anything else ("", ".", "1.", "1e3", "1.234" with 2 decimals). */
bool jz_fixed_parse(const char *s, int decimals, int64_t *out);

#endif
