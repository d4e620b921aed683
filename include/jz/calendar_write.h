/* calendar_write.h — jz-days's answers (add, count, is, schedule) as text, csv or json (the
 * writers layer); the formats are documented in jz-days(1).
 *
 * Promise: one table of formats per answer (writer.h), rows "text", "json", "csv", doc the
 * struct named beside it; the same answer gives the same bytes (no clock, no locale).
 * Writers only write to the FILE given; checking it for errors is the caller's.
 */
#ifndef JZ_CALENDAR_WRITE_H
#define JZ_CALENDAR_WRITE_H

#include <stddef.h>

#include "jz/calendar.h"
#include "jz/writer.h"

/* add: the date n working days after from. */
typedef struct jz_days_add_doc {
    jz_day from, date;
    long n;
} jz_days_add_doc;

/* count: the working days from from to to inclusive. */
typedef struct jz_days_count_doc {
    jz_day from, to;
    long working_days;
} jz_days_count_doc;

/* is: each date, working or not, and why. */
typedef struct jz_days_verdict {
    jz_day day;
    int working;
    const char *reason;
} jz_days_verdict;

typedef struct jz_days_is_doc {
    const jz_days_verdict *v;
    size_t n;
} jz_days_is_doc;

/* schedule: each step's date, `offset` working days from step `base`. */
typedef struct jz_days_step {
    const char *key, *label;
    long offset;
    int base;
} jz_days_step;

typedef struct jz_days_schedule_doc {
    jz_day visit;
    const jz_days_step *steps;
    const jz_day *day;        /* the date of each step */
    size_t nsteps;
    int visit_step;           /* the index of the site visit */
} jz_days_schedule_doc;

/* A day's reason (jz_calendar_is_working: "working day", "weekend", "国庆节",
 * "make-up working day (国庆节)") in the user's language, for text; buf holds it when it
 * had to be composed. The json and csv keep the reason as the calendar gives it. */
const char *jz_days_reason_text(const char *reason, char *buf, size_t cap);

/* The weekday of d by name ("Monday"), in the user's language, for text. */
const char *jz_weekday_text(jz_day d);

extern const jz_writer jz_days_add_writers[];
extern const jz_writer jz_days_count_writers[];
extern const jz_writer jz_days_is_writers[];
extern const jz_writer jz_days_schedule_writers[];

#endif
