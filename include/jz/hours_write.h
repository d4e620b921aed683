/* hours_write.h — hours results as text, csv or json (the writers layer).
 *
 * Promise: stable machine formats documented in jz-hours(1):
 * csv columns exactly contract,centre,check,required_hours,delivered_hours,ratio,status,detail
 * (hours with 2 decimals; people and days as whole numbers; ratio a decimal fraction with 4
 * places, empty when n/a); json schema "jiazong-hours/1". Deterministic: no time stamps,
 * no locale, results in the order given.
 */
#ifndef JZ_HOURS_WRITE_H
#define JZ_HOURS_WRITE_H

#include <stdio.h>

#include "jz/writer.h"
#include "jz/hours.h"

typedef struct jz_hours_report {
    const jz_rules *rules;
    const jz_hours_result *results;
    size_t n;
    const jz_orphan *orphans;
    size_t norphans;
    const char *calendar;   /* the calendar file used, for the json header */
} jz_hours_report;

/* The formats, doc a jz_hours_report: "text", "csv", "json" (writer.h). */
extern const jz_writer jz_hours_writers[];

#endif
