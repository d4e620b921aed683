/* contract.h — the service contracts: one row per centre per contract year.
 *
 * Promise: jz_contracts_load reads any number of contract files into one set. Money is
 * integer fen, hours integer minutes, targets fixed-point hundredths; nothing is a float.
 * Rows with errors are reported and left out. Several contracts may name one centre
 * (several years): jz_contracts_for finds the one covering a date.
 */
#ifndef JZ_CONTRACT_H
#define JZ_CONTRACT_H

#include <stdbool.h>
#include <stdint.h>

#include "jz/rowsrc.h"
#include "jz/date.h"
#include "jz/diag.h"
#include "jz/hash.h"
#include "jz/table.h"

typedef struct jz_target {
    char *name;          /* "cases" for target_cases */
    int64_t value;       /* hundredths: 60 -> 6000; -1 when the cell is empty */
} jz_target;

typedef struct jz_contract {
    char *id, *centre, *district, *street, *operator_;
    jz_day start, end;
    int64_t budget_fen;
    int64_t professional_staff;   /* -1 when not given */
    int64_t total_minutes;        /* -1 when not given */
    int64_t direct_minutes;       /* -1 when not given */
    jz_target *targets;
    size_t ntargets;
    const char *file;             /* the path given (not owned) */
    long line;
} jz_contract;

typedef struct jz_contracts {
    jz_contract *v;
    size_t n, cap;
    jz_strmap *ids;       /* contract id -> index */
    jz_strmap *centres;   /* centre -> centre number */
    long *heads;          /* centre number -> index of its first contract */
    long *next_same;      /* v[i]'s next contract of the same centre, -1 */
} jz_contracts;

void jz_contracts_init(jz_contracts *c);
void jz_contracts_free(jz_contracts *c);

/* Add one contracts file; info as jz_table_read. Returns JZ_OK or the reading error. */
jz_code jz_contracts_load(jz_contracts *c, const char *path, jz_encoding enc, jz_diag *diag,
                          jz_table_info *info, jz_error *err);

/* The contract of centre covering day d; if none covers it, NULL with *any set to
 * whether the centre has any contract at all. */
const jz_contract *jz_contracts_for(const jz_contracts *c, const char *centre, jz_day d,
                                    bool *any);
/* The first contract of a centre, or NULL. */
const jz_contract *jz_contracts_first(const jz_contracts *c, const char *centre);

/* The target named name ("cases"), or NULL. */
const jz_target *jz_contract_target(const jz_contract *k, const char *name);

#endif
