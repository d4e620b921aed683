/* audit_read.h — jz-audit's json ("jiazong-audit/1") read back, for jz-report's integrity
 * section and jz-sample --weights.
 *
 * Promise: jz_audits_load reads one audit file (or standard input) with the YAML loader
 * (JSON is YAML's flow style, so no JSON library) and checks it as strictly as a rules file:
 * the schema must be jiazong-audit/1 (another is refused naming the one found); every key
 * the schema has is required, unknown keys are refused, and a value of the wrong type
 * (a count that is not a whole number, a risk that is not a number from 0 to 100, a
 * severity or screen code jz-audit does not write) is refused with file:line:col
 * (JZ_EINPUT). Numbers keep their text ("5.8") next to their value, so a report prints
 * what jz-audit wrote. Nothing is recomputed.
 * Ownership: the caller frees with jz_audits_free; everything points into it.
 */
#ifndef JZ_AUDIT_READ_H
#define JZ_AUDIT_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "jz/audit.h"
#include "jz/error.h"

#define JZ_AUDIT_SCHEMA "jiazong-audit/1"

typedef struct jz_ascreen {
    char *status, *why;            /* "ran", "not-run", "not-available"; why "" when it ran */
    long warnings, notes, weight;
} jz_ascreen;

typedef struct jz_acentre {
    char *centre;
    long rows, touched, staff_members, lists, lists_flagged, entered, late;
    char *risk_text;               /* as written ("5.8") */
    double risk;                   /* 0..100 */
    long warnings[JZ_AU_NSCREENS], notes[JZ_AU_NSCREENS];
} jz_acentre;

typedef struct jz_astaff {
    char *centre, *staff;
    char *risk_text;
    double risk;                   /* 0..100 */
} jz_astaff;

typedef struct jz_afinding {
    bool warning;                  /* else a note */
    jz_screen screen;
    char *file;                    /* NULL for a group finding */
    long line, col;
    char *other_file;              /* NULL if none */
    long other_line;
    char *centre, *staff;          /* staff NULL if none */
    char *month;                   /* "2024-05" or NULL */
    long cluster;
    char *message;
} jz_afinding;

typedef struct jz_audits {
    char *path;                    /* as given ("<stdin>" for -) */
    char *rules_id, *rules_version;
    char *notice, *as_of;          /* "YYYY-MM-DD" or "" */
    long rows, warnings, notes;
    jz_ascreen screens[JZ_AU_NSCREENS];   /* in jz_screen order */
    jz_acentre *centres;
    size_t ncentres;
    jz_astaff *staff;              /* by centre, then staff id, as jz-audit wrote them */
    size_t nstaff;
    jz_afinding *findings;         /* in the file's order */
    size_t nfindings;
} jz_audits;

/* Read an audit file ("-" = standard input) into a (zeroed by the caller). */
jz_code jz_audits_load(jz_audits *a, const char *path, jz_error *err);
/* The same from n bytes at text (not kept), named `name` in messages and in a->path. */
jz_code jz_audits_load_buffer(jz_audits *a, const char *text, size_t n, const char *name, jz_error *err);
void jz_audits_free(jz_audits *a);

/* The centre called id, or NULL (not in the audit). */
const jz_acentre *jz_audits_centre(const jz_audits *a, const char *id);

/* The staff member of a centre, or NULL. */
const jz_astaff *jz_audits_staff(const jz_audits *a, const char *centre, const char *staff);

/* The worst findings of a centre, at most max of them, as indices into a->findings:
 * warnings before notes; then each screen's first finding before any screen's second
 * (so a few cover the screens hit), its second before any third, and so on; then by the
 * screen's risk weight (highest first); then row findings before group findings; then the
 * file's order. Returns how many the centre has
 * in all (may be more than max). */
size_t jz_audits_worst(const jz_audits *a, const char *centre, size_t *idx, size_t max);

/* The indices of a->centres by risk, highest first (ties: by centre id); free() it. */
size_t *jz_audits_by_risk(const jz_audits *a);

#endif
