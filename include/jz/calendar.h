/* calendar.h — the mainland China working-day calendar: which days are working days,
 * N working days after a date, working days in a range.
 *
 * Promise: a calendar is the regular Monday–Friday week, minus the `off` dates (statutory
 * holidays) and plus the `work` dates (make-up working days on weekends, 调休上班) of a
 * holiday file in the format of rubrics/calendar/cn-holidays.csv:
 *
 *     # comment lines start with '#'
 *     date,kind,name,notice                        (header line, required)
 *     2025-10-01,off,国庆节,https://...             (kind is "off" or "work")
 *
 * The format is deliberately unquoted: one record a line, exactly four fields split on
 * ',', no field starting with '"'. UTF-8 with or without a BOM, LF or CRLF line ends;
 * empty lines are skipped. A year is covered when the file has at least one `off` date in
 * it; a query touching a year that is not covered fails (an unknown year is never taken
 * as "no holidays") unless jz_calendar_set_assume_regular() was called, in which case such
 * a year is a regular week plus whatever dates the file does list for it.
 *
 * Ownership: jz_calendar_load()/jz_calendar_read()/jz_calendar_from_buffer() return a calendar the caller frees with
 * jz_calendar_free(). Reason strings handed out point into the calendar (or are static) and
 * stay valid until it is freed. Queries do not modify the calendar.
 *
 * Failure: functions that can fail take `jz_error *err` last, fill it and return its code
 * (or NULL / -1 where stated). Loading: an unreadable file is JZ_EIO; a malformed line is
 * JZ_EINPUT with file, line and field number (col) set. Queries: a year not covered is
 * JZ_EINPUT naming the year; a walk past 9999-12-31 or before 0001-01-01 is JZ_EUSAGE.
 * The library never prints and never exits (out of memory aside, see jz_xmalloc).
 */
#ifndef JZ_CALENDAR_H
#define JZ_CALENDAR_H

#include <stdbool.h>
#include <stdio.h>

#include "jz/date.h"
#include "jz/error.h"

typedef struct jz_calendar jz_calendar;

/* Load the holiday file at path. Returns a new calendar (free with jz_calendar_free), or
 * NULL with err set: JZ_EIO if the file cannot be opened or read, JZ_EINPUT with
 * path:line:col for a missing header, a '"'-quoted field, a wrong field count, a bad date
 * (must be YYYY-MM-DD), an unknown kind, an empty name, invalid UTF-8 or a duplicate date
 * (reported on its second occurrence). The dates need not be sorted. */
jz_calendar *jz_calendar_load(const char *path, jz_error *err);

/* Like jz_calendar_load, from an open stream (not closed here); name is used in errors. */
jz_calendar *jz_calendar_read(FILE *fp, const char *name, jz_error *err);

/* The same from n bytes of text in memory (tests, fuzzers: no temporary file, no
 * fmemopen); name stands for the file in errors. The bytes need not end in '\n' nor be
 * NUL-terminated; a NUL byte is refused as a control character, as from a file. */
jz_calendar *jz_calendar_from_buffer(const char *text, size_t n, const char *name, jz_error *err);

/* Free a calendar and everything it owns. NULL does nothing. */
void jz_calendar_free(jz_calendar *cal);

/* When on, a year the file does not cover counts as a regular Monday–Friday week (plus any
 * dates the file lists for it) instead of being an error. Off after loading. */
void jz_calendar_set_assume_regular(jz_calendar *cal, bool on);

/* true when the file has at least one `off` date in year y. */
bool jz_calendar_covers(const jz_calendar *cal, int y);

/* Is day a working day? Returns 1 (working) or 0 (not), or -1 with err set (JZ_EINPUT) when
 * day's year is not covered. If reason is not NULL it receives why: the holiday name as
 * the file spells it ("国庆节", "“十一”"), "make-up working day (NAME)", "weekend" or
 * "working day" (with " (regular week assumed)" appended for a year not covered when
 * assuming regular weeks). The string lives as long as the calendar. */
int jz_calendar_is_working(const jz_calendar *cal, jz_day day, const char **reason,
                           jz_error *err);

/* The date n working days after day (n < 0: -n working days before). The start day is
 * not counted ("periods start the day after the event"), so for n != 0 the result is
 * always a working day; n == 0 gives day itself, whatever it is, without consulting the
 * calendar (use jz_calendar_next_working for the deadline rule). Writes *out and returns
 * JZ_OK, or returns the error (a year not covered on the way: JZ_EINPUT; leaving the years
 * 1..9999: JZ_EUSAGE) and leaves *out alone. */
jz_code jz_calendar_add_working(const jz_calendar *cal, jz_day day, long n, jz_day *out,
                                jz_error *err);

/* Number of working days in the inclusive range [from, to] into *n. from > to is an empty
 * range: *n = 0 and no year is consulted. Fails like jz_calendar_is_working for any year
 * in the range that is not covered (*n untouched). */
jz_code jz_calendar_count(const jz_calendar *cal, jz_day from, jz_day to, long *n,
                          jz_error *err);

/* day itself if it is a working day, else the first working day after it (a deadline on a
 * holiday moves to the next working day). Fails like jz_calendar_add_working. */
jz_code jz_calendar_next_working(const jz_calendar *cal, jz_day day, jz_day *out,
                                 jz_error *err);

#endif
