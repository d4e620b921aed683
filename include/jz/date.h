/* date.h — civil dates as day numbers, times and durations as integer minutes.
 *
 * Promise: no floats anywhere. A date is an int32 day number (1970-01-01 = 0,
 * proleptic Gregorian). Parsers accept exactly the spellings documented in
 * jiazong-records(5) and return false on anything else (no partial parses).
 */
#ifndef JZ_DATE_H
#define JZ_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t jz_day;  /* days since 1970-01-01 */
#define JZ_NO_DAY INT32_MIN  /* "no date": an open end, a missing value */

/* y-m-d -> day number. No validation: call jz_date_valid first. */
jz_day jz_days_from_civil(int y, int m, int d);
/* day number -> y, m, d. */
void jz_civil_from_days(jz_day z, int *y, int *m, int *d);
/* true when y-m-d is a real date (1 <= m <= 12, day within the month). */
bool jz_date_valid(int y, int m, int d);
/* 0 = Monday ... 6 = Sunday. */
int jz_weekday(jz_day z);
/* "Monday" ... "Sunday" for jz_weekday's 0 ... 6 (the English name the writers print;
 * a static string), "?" for any other number. */
const char *jz_weekday_name(int weekday);

/* Parse "2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日" (or 5号) or an Excel serial day
 * number ("45356": 1900 date system, 60 = the fictitious 1900-02-29 is rejected).
 * s need not be NUL-terminated; leading/trailing ASCII spaces allowed.
 * Serial numbers are accepted only in [1, 2958465]. */
bool jz_date_parse(const char *s, size_t n, jz_day *out);

/* Parse a date and time of day into minutes since 1970-01-01 00:00: "2024-03-05 14:20",
 * "2024-03-05T14:20:00", "2024/3/5 14:20", "2024年3月5日 14:20" (the date in any
 * jz_date_parse spelling, then a space or 'T', then H:MM, HH:MM or HH:MM:SS; seconds are
 * dropped, 24:00 is refused; or a clock naming its half of the day as jz_time_parse reads
 * it: "2024-03-05 下午2:20", "2024/3/5 2:20 PM"), or an Excel serial number with a fraction of a day
 * ("45356.5972", 1 to 10 decimals, rounded to the nearest minute). A date alone, or an
 * integer serial, is refused: an entry time needs its time of day. */
bool jz_datetime_parse(const char *s, size_t n, int64_t *out);

/* The buffers the formatters below write into, terminating NUL included. The
 * parameters are declared [static SIZE]: a caller's array known to be smaller is a
 * compile-time error (-Wstringop-overflow), not a silent overrun. */
#define JZ_DATE_SIZE 11      /* "YYYY-MM-DD" */
#define JZ_DATETIME_SIZE 17  /* "YYYY-MM-DD HH:MM" */
#define JZ_MINUTES_SIZE 32   /* INT64_MIN: "-153,722,867,280,912,930.13" (27 bytes) */

/* Write "YYYY-MM-DD HH:MM" for minutes since 1970-01-01 into buf. Returns buf. */
char *jz_datetime_format(int64_t minutes, char buf[static JZ_DATETIME_SIZE]);

/* Write "YYYY-MM-DD" into buf (the year's last four digits: years 0 to 9999 print as
 * themselves). Returns buf. */
char *jz_date_format(jz_day z, char buf[static JZ_DATE_SIZE]);

/* Parse "9:30", "09:30" or "09:30:00" (seconds must be 00; the colon may be full-width)
 * into minutes since midnight, 0..1440 ("24:00" allowed as an end time). Also what clerks
 * type: the half of the day before the clock ("上午9:30", "早上", "凌晨" = morning;
 * "下午2:30", "晚上" = afternoon/evening, "下午14:30" as written; "中午" = 11:xx-12:xx or
 * 1:xx-2:xx after noon) or AM/PM after it ("9:30 AM", "2:30pm", "p.m."; 12 AM = 00:xx), and
 * Excel's fraction of a day ("0.375" = 09:00, "1" = 24:00, at most 10 decimals, rounded to
 * the nearest minute). "上午12:30" is refused: noon or midnight cannot be told. */
bool jz_time_parse(const char *s, size_t n, int *minutes);

/* Parse a decimal hour count ("1.5", "2", "0.25", "1,5" is rejected) into integer
 * minutes, rounding half up to the whole minute (0.33 h = 19.8 min -> 20).
 * Negative values are rejected. At most 6 decimals. */
bool jz_hours_parse(const char *s, size_t n, int64_t *minutes);

/* Format minutes as hours with `decimals` decimals (0..2; others are clamped), e.g. 90 ->
 * "1.5" with 1. Rounded half up (away from zero for negatives); uses no floats; every
 * int64_t fits. `thousands` inserts ',' separators. Returns buf. */
char *jz_minutes_format(int64_t minutes, int decimals, bool thousands, char buf[static JZ_MINUTES_SIZE]);

/* Parse a non-negative decimal integer (no sign, no spaces inside) into *out. */
bool jz_uint_parse(const char *s, size_t n, int64_t *out);

/* Fast paths for the canonical spellings, which nearly every export uses. Each takes
 * exactly one form, with no spaces around it, and returns true only when that form is
 * there and the general parser named accepts it: then *out is what the general parser
 * gives. False says nothing about the value (the general parser must judge it). */
/* "YYYY-MM-DD", a real date (jz_date_parse). */
bool jz_date_parse_iso(const char *s, size_t n, jz_day *out);
/* "H:MM" or "HH:MM", 00:00 to 24:00 (jz_time_parse). */
bool jz_time_parse_hhmm(const char *s, size_t n, int *minutes);
/* "YYYY-MM-DD HH:MM", 'T' for the space too, ":SS" after it (jz_datetime_parse). */
bool jz_datetime_parse_iso(const char *s, size_t n, int64_t *out);
/* Up to 8 digits, then optionally a point and 1 to 6 digits (jz_hours_parse). */
bool jz_hours_parse_plain(const char *s, size_t n, int64_t *minutes);

#endif
