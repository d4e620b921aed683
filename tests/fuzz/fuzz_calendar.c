/* fuzz_calendar.c — libFuzzer harness for the holiday calendar reader from memory
 * (jz_calendar_from_buffer) and from a stream (jz_calendar_read, as jz-days, jz-hours and
 * jz-sample read rubrics/calendar/cn-holidays.csv): both must give the same answer (a
 * calendar, or the same error at the same place; abort otherwise), then the queries on
 * what they accept: is-working, count, add and next working day across 2023-2027, with
 * and without assuming regular weeks for years not covered. Built and run by
 * tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/calendar.h"
#include "jz/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void query(jz_calendar *cal, unsigned salt)
{
    jz_error err;
    const char *reason;
    volatile size_t sum = 0;
    jz_day from = jz_days_from_civil(2023, 1, 1), to = jz_days_from_civil(2027, 12, 31);
    for (jz_day d = from; d <= to; d += 7 + (jz_day)(salt % 5)) {
        jz_error_clear(&err);
        if (jz_calendar_is_working(cal, d, &reason, &err) >= 0)
            sum += strlen(reason);
    }
    long n;
    jz_error_clear(&err);
    if (jz_calendar_count(cal, from, to, &n, &err) == JZ_OK)
        sum += (size_t)n;
    jz_day out;
    static const long steps[] = {1, -1, 10, -10, 250, -250, 100000};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        jz_error_clear(&err);
        if (jz_calendar_add_working(cal, jz_days_from_civil(2025, 10, 1), steps[i], &out, &err) == JZ_OK)
            sum += (size_t)out;
    }
    jz_error_clear(&err);
    if (jz_calendar_next_working(cal, jz_days_from_civil(2024, 10, 1), &out, &err) == JZ_OK)
        sum += (size_t)out;
    for (int y = 2020; y <= 2030; y++)
        sum += jz_calendar_covers(cal, y);
    (void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy with one spare byte: fmemopen of 0 bytes is not portable */
    char *copy = malloc(size + 1);
    if (!copy)
        abort();
    memcpy(copy, data, size);
    FILE *fp = fmemopen(copy, size ? size : 1, "rb");
    if (!fp)
        abort();
    if (!size)
        fgetc(fp);  /* consume the spare byte: the stream is empty */
    jz_error err, berr;
    jz_error_clear(&err);
    jz_calendar *cal = jz_calendar_read(fp, "fuzz.csv", &err);
    fclose(fp);
    jz_error_clear(&berr);
    jz_calendar *bcal = jz_calendar_from_buffer((const char *)data, size, "fuzz.csv", &berr);
    if ((cal == NULL) != (bcal == NULL) || err.code != berr.code || err.line != berr.line || err.col != berr.col ||
        strcmp(err.msg, berr.msg) != 0)
        abort();  /* the two readers disagree */
    jz_calendar_free(bcal);
    if (cal) {
        query(cal, (unsigned)size);
        jz_calendar_set_assume_regular(cal, true);
        query(cal, (unsigned)size + 1);
        jz_calendar_free(cal);
    }
    free(copy);
    return 0;
}
