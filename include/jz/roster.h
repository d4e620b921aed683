/* roster.h — the staff roster: who works at which centre, qualified how, counted or not,
 * from when to when.
 *
 * Promise: jz_roster_load reads any number of roster files into one roster (memory
 * grows with staff, not with anything else). Rows with errors are reported and left
 * out (the file's problems are counted in the diag sink; callers that must not
 * compute on bad input check the error count). Staff are keyed by (centre, staff id).
 */
#ifndef JZ_ROSTER_H
#define JZ_ROSTER_H

#include <stdbool.h>

#include "jz/rowsrc.h"
#include "jz/date.h"
#include "jz/diag.h"
#include "jz/hash.h"
#include "jz/table.h"


typedef struct jz_staff {
    char *id, *centre, *name;
    int qual;           /* enum jz_qual */
    int prof;           /* enum jz_prof, -1 if not given */
    bool counted;       /* one of the contract's counted professional staff */
    jz_day start, end;  /* JZ_NO_DAY when not given (open-ended) */
    const char *file;   /* the path given (not owned) */
    long line;
} jz_staff;

typedef struct jz_roster {
    jz_staff *v;
    size_t n, cap;
    jz_strmap *keys;    /* "centre\x1fstaff" -> index into v */
    jz_strmap *ids;     /* staff id -> index of its first row (for "wrong centre" hints) */
} jz_roster;

void jz_roster_init(jz_roster *r);
void jz_roster_free(jz_roster *r);

/* Add one roster file; info as jz_table_read. Returns JZ_OK or the reading error. */
jz_code jz_roster_load(jz_roster *r, const char *path, jz_encoding enc, jz_diag *diag,
                       jz_table_info *info, jz_error *err);

/* The staff member with this id at this centre, or NULL. */
const jz_staff *jz_roster_find(const jz_roster *r, const char *centre, const char *id);
/* Any staff member with this id (another centre), or NULL. */
const jz_staff *jz_roster_find_any(const jz_roster *r, const char *id);

/* Whether s is employed on day d (start <= d <= end, open ends allowed). */
bool jz_staff_on(const jz_staff *s, jz_day d);

#endif
