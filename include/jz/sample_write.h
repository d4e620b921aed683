/* sample_write.h — jz-sample's draws (clients, activities) and visit plans as text, csv or
 * json (the writers layer); the formats are documented in jz-sample(1).
 *
 * Promise: one table of formats per result kind (writer.h): jz_sample_units_writers (doc a
 * jz_sample_units_doc) and jz_sample_visits_writers (doc a jz_sample_visits_doc), rows
 * "text", "csv", "json". The same draw gives the same bytes (no clock, no locale: the seed
 * shown is the one given in the head). json is schema "jiazong-sample/1". Writers only
 * write to the FILE given; checking it for errors is the caller's.
 */
#ifndef JZ_SAMPLE_WRITE_H
#define JZ_SAMPLE_WRITE_H

#include <stdint.h>

#include "jz/sample.h"
#include "jz/writer.h"

/* What every output starts with. */
typedef struct jz_sample_head {
    char sha[65];             /* the seed's SHA-256, hex */
    const char *seed_shown;   /* the seed text, printed only when it came from the clock; or NULL */
    uint64_t words;           /* words of the stream the draw used */
    const char *method;       /* JZ_SAMPLE_METHOD, or JZ_SAMPLE_METHOD_PPS with --weights */
} jz_sample_head;

/* A draw of clients or activities: what was asked and what came out. */
typedef struct jz_sample_units_doc {
    const jz_sample_head *head;
    const jz_sample_spec *spec;    /* clients or activities, strata, kinds, modes, period */
    jz_sample_size size;
    const jz_sample_result *res;
    const char *const *files;      /* the records files as given ("-": standard input) */
} jz_sample_units_doc;

/* A plan of visits. */
typedef struct jz_sample_visits_doc {
    const jz_sample_head *head;
    int year, per_centre;
    const char *teams;             /* the teams file as given, or NULL */
    const jz_visit_plan *plan;
} jz_sample_visits_doc;

extern const jz_writer jz_sample_units_writers[];
extern const jz_writer jz_sample_visits_writers[];

#endif
