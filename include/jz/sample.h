/* sample.h — reproducible random samples for evaluators: which service users to interview,
 * which activities' files to spot-check, and the dates of unannounced visits.
 *
 * Promise: the same inputs and the same jz_rng give the same draw on any machine; the
 * order in which the stream is consumed is fixed and documented in jz-sample(1), section
 * ALGORITHM, exactly enough for another program to re-draw (tests/sample_reproduce.py
 * does). Nothing here prints or exits (out of memory aside, see jz_xmalloc).
 *
 * Clients and activities (a "unit" is one client id or one activity id of one centre):
 * 1. jz_sample_pop_new, then one jz_sample_pop_add per valid record row (and/or
 *    jz_sample_pop_add_record for other sources). Records outside the period, of kinds
 *    or modes not chosen, without the id, or of a centre not chosen are ignored. Memory grows
 *    with the distinct units (plus 8 bytes per distinct unit and activity, so that an
 *    activity's participants count once), not with the rows.
 * 2. Exclusions: jz_sample_pop_exclude / jz_sample_exclude_load (any time before drawing).
 * 3. jz_sample_draw: strata, allocation, draw. Strata are (centre, value) pairs, processed
 *    in byte order of centre, then value; a unit's value is that of its first record
 *    (earliest date; ties by file order, then line).
 *
 * Visits: jz_sample_visits draws visit dates per centre from contracts and a calendar.
 *
 * Ownership: whoever calls _new / a function filling a result calls the matching _free.
 * Strings in a jz_sample_result point into the population (valid while it lives); in a
 * jz_visit_plan into the contracts and teams passed (valid while they live).
 */
#ifndef JZ_SAMPLE_H
#define JZ_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jz/calendar.h"
#include "jz/contract.h"
#include "jz/rowsrc.h"
#include "jz/error.h"
#include "jz/rng.h"
#include "jz/schema.h"

/* The method's name, printed with every draw; changes whenever a draw would change. */
#define JZ_SAMPLE_METHOD "jz-sample-1"
/* The method with --weights (probability proportional to size, jz_sample_draw_pps). */
#define JZ_SAMPLE_METHOD_PPS "jz-sample-pps-1"
/* The stratum value of a record whose --by column is empty. */
#define JZ_SAMPLE_NONE "(none)"
/* Bounds the tool enforces, so that n * population fits in 64 bits. */
#define JZ_SAMPLE_MAX_N 1000000

typedef enum jz_sample_what { JZ_SAMPLE_CLIENTS, JZ_SAMPLE_ACTIVITIES } jz_sample_what;

typedef enum jz_sample_by {
    JZ_BY_KIND, JZ_BY_TARGET, JZ_BY_PLACE, JZ_BY_MODE, JZ_BY_CENTRE, JZ_BY_STAFF, JZ_BY_N
} jz_sample_by;

/* "kind", "target", "place", "mode", "centre", "staff", NULL (for jz_cli_choice). */
extern const char *const jz_sample_by_names[];

/* Kinds drawn by default: clients every kind (any row with a client), activities case,
 * group and community. As masks of 1u << enum jz_kind. */
unsigned jz_sample_default_kinds(jz_sample_what what);

typedef struct jz_sample_spec {
    jz_sample_what what;
    jz_sample_by by;
    unsigned kinds;            /* mask of 1u << enum jz_kind; 0 = jz_sample_default_kinds */
    unsigned modes;            /* mask of 1u << enum jz_mode; 0 = any (rows without a mode too) */
    jz_day from, to;           /* inclusive; INT32_MIN / INT32_MAX for open ends */
    const char *const *centres;  /* only these centres (not copied); ncentres 0 = all */
    size_t ncentres;
} jz_sample_spec;

typedef struct jz_sample_pop jz_sample_pop;

/* A new, empty population. spec's strings must outlive it. Free with jz_sample_pop_free. */
jz_sample_pop *jz_sample_pop_new(const jz_sample_spec *spec);
void jz_sample_pop_free(jz_sample_pop *p);

/* Add one record row parsed by jz_row_parse (the columns centre, date, start, end, staff,
 * activity, kind, mode, place, target, client, participants and hours must have been
 * parsed, without errors). file is
 * the position of its file in the run (0, 1, ...), line its physical line. Returns true
 * when the row was counted, false when the spec leaves it out. */
bool jz_sample_pop_add(jz_sample_pop *p, const jz_field *f, unsigned file, long line);

/* The primitive behind jz_sample_pop_add, for tests and other sources: one record of
 * unit id in centre, with its stratum value (NULL or "" = JZ_SAMPLE_NONE), date, file
 * and line. No filtering. */
void jz_sample_pop_add_record(jz_sample_pop *p, const char *centre, const char *id,
                              const char *value, jz_day day, unsigned file, long line);

/* --weights: the risk (x 10, 0..1000) of a record of staff in centre (strings not
 * NUL-terminated), e.g. from a jz-audit json. */
typedef uint32_t (*jz_sample_risk_fn)(void *ctx, const char *centre, size_t cn, const char *staff, size_t sn);
/* Before the rows: each unit then keeps the highest risk of its records in the period,
 * its measure of size for jz_sample_draw_pps. */
void jz_sample_pop_set_risk(jz_sample_pop *p, jz_sample_risk_fn fn, void *ctx);
/* A unit's measure of size: 10 + risk x 10, i.e. 1 + the risk in tenths (an unflagged unit
 * keeps a chance: 1 against at most 101). */
uint64_t jz_sample_measure(uint32_t risk_x10);

/* Records counted, and rows of the chosen kinds and period that had no id (activities
 * without an activity id, for instance): those cannot be drawn. */
long jz_sample_pop_records(const jz_sample_pop *p);
long jz_sample_pop_missing_id(const jz_sample_pop *p);

/* Exclude unit id in centre (NULL: in every centre). */
void jz_sample_pop_exclude(jz_sample_pop *p, const char *centre, const char *id);

/* Read an exclusion file: either one id a line (lines starting with '#' and blank lines
 * skipped), or a CSV whose header has a column named like the unit (client / 服务对象编号,
 * activity / 活动编号), and optionally centre / 中心编号 (then pairs are excluded).
 * A jz-sample --format csv output is such a file. *count receives the ids read. Quoting
 * problems go to diag (reading goes on: the caller decides whether to trust the list).
 * JZ_EIO when unreadable, JZ_EINPUT for several columns none of which names the id. */
jz_code jz_sample_exclude_load(jz_sample_pop *p, const char *path, jz_encoding enc,
                               jz_diag *diag, long *count, jz_error *err);

/* How many to draw: n in total, in proportion to the strata, or n from every stratum. */
typedef struct jz_sample_size {
    bool per_stratum;
    size_t n;
} jz_sample_size;

typedef struct jz_sample_stratum {
    const char *centre, *value;
    size_t population;   /* units with a record in the period */
    size_t excluded;     /* of those, excluded */
    size_t available;    /* population - excluded */
    size_t share;        /* asked of this stratum: its proportional share of n, or n */
    size_t drawn;
    size_t first_item;   /* its draws are items[first_item .. first_item + drawn) */
    int64_t minutes, participants;  /* reported by its available units (what a draw stands for) */
} jz_sample_stratum;

typedef struct jz_sample_item {
    const char *centre, *id, *value;
    size_t stratum;      /* index into strata */
    size_t rank;         /* 1-based order of the draw within its stratum */
    long records;        /* records in the period */
    jz_day first_day, last_day;
    unsigned first_file, last_file;
    long first_line, last_line;
    /* Reported by the unit's records: minutes of every row (hours, else end - start), and
     * participants counted once per activity id (every staff row repeats them). */
    int64_t minutes, participants;
    uint64_t measure;    /* jz_sample_draw_pps: its measure of size; 0 otherwise */
    uint64_t pi_num, pi_den;  /* jz_sample_draw_pps: inclusion probability pi_num / pi_den */
} jz_sample_item;

typedef struct jz_sample_result {
    jz_sample_stratum *strata;
    size_t nstrata;
    jz_sample_item *items;
    size_t nitems;
    size_t population, excluded, asked, drawn;
    size_t short_strata;  /* strata that gave fewer than their share */
    bool short_total;     /* fewer drawn than asked in total (exit 1) */
    bool weighted;        /* drawn by jz_sample_draw_pps */
} jz_sample_result;

/* Draw from p with rng (consumed as documented) into *out (free with
 * jz_sample_result_free). Always succeeds; a shortfall is data in the result. */
void jz_sample_draw(const jz_sample_pop *p, jz_rng *rng, jz_sample_size size,
                    jz_sample_result *out);
void jz_sample_result_free(jz_sample_result *r);
/* The same strata and allocation, each stratum drawn with probability proportional to its
 * units' measures (jz_sample_measure): randomized systematic PPS with certainties, the
 * stream consumed as jz-sample(1), ALGORITHM says; each item carries its measure and its
 * exact inclusion probability. */
void jz_sample_draw_pps(const jz_sample_pop *p, jz_rng *rng, jz_sample_size size,
                        jz_sample_result *out);

/* Proportional allocation (largest remainder, Hamilton) of n over k strata with
 * populations pop[] and availabilities avail[] (avail[i] <= pop[i]): share[] receives
 * the first apportionment (what each stratum is asked), alloc[] the final numbers: a
 * stratum with fewer available than its apportionment gives everything it has, and the
 * rest is apportioned again over the others in proportion to their populations. Ties in
 * remainders go to the stratum that comes first. Returns the sum of alloc[] (< n only
 * when fewer than n are available in all). n * pop[i] must fit in 64 bits. */
size_t jz_sample_apportion(size_t n, size_t k, const size_t *pop, const size_t *avail,
                           size_t *share, size_t *alloc);

/* The allocation of jz-sample -n: one from each stratum that has one available, then the
 * rest of n apportioned as jz_sample_apportion does (over populations, each stratum's
 * availability less the one it gave); share[] and alloc[] include the one. So no stratum
 * with members is left without a draw; when n is smaller than the number of such strata,
 * each still gets one and the total passes n. Returns the sum of alloc[]. */
size_t jz_sample_apportion_each(size_t n, size_t k, const size_t *pop, const size_t *avail,
                                size_t *share, size_t *alloc);

/* Partial Fisher-Yates: for i = 0..k-1, j = i + uniform(len - i), swap v[i] and v[j].
 * v[0..k) is then the draw, in order. k <= len. */
void jz_sample_shuffle(jz_rng *rng, size_t *v, size_t len, size_t k);

/* ---- visits ---- */

typedef struct jz_teams jz_teams;

jz_teams *jz_teams_new(void);
void jz_teams_free(jz_teams *t);
/* Put centre in team. false if the centre is already in another team. */
bool jz_teams_set(jz_teams *t, const char *centre, const char *team);
/* The centre's team, or NULL. */
const char *jz_teams_of(const jz_teams *t, const char *centre);
/* Read a CSV with columns centre (中心编号) and team (评估小组, 评估组), header first;
 * other columns are ignored. Quoting problems go to diag. JZ_EIO unreadable; JZ_EINPUT a
 * missing column, an empty value or a centre in two teams (file, line and field set). */
jz_code jz_teams_load(jz_teams *t, const char *path, jz_encoding enc, jz_diag *diag, jz_error *err);

typedef enum jz_visit_status {
    JZ_VISIT_DRAWN,    /* date drawn */
    JZ_VISIT_SHORT,    /* the part overlaps a contract but has no free working day */
    JZ_VISIT_OUTSIDE   /* no contract of the centre runs in the part: nothing asked */
} jz_visit_status;

typedef struct jz_visit {
    const char *centre, *team;  /* team NULL without teams */
    const char *contract;       /* the contract covering date, or the first overlapping */
    int part;                   /* 1..per */
    int month_from, month_to;   /* months of the part */
    jz_day part_from, part_to;
    long working_days;          /* working days of the part inside the centre's contracts */
    long redraws;               /* days drawn but taken by another centre of the team */
    jz_day date;                /* valid when status == JZ_VISIT_DRAWN */
    jz_visit_status status;
} jz_visit;

typedef struct jz_visit_plan {
    jz_visit *v;
    size_t n;
    size_t centres;
    size_t drawn, short_;
} jz_visit_plan;

typedef struct jz_visit_spec {
    int year;
    int per_centre;                /* 1..12 */
    const jz_teams *teams;         /* NULL: no team constraint */
    const char *const *centres;    /* only these; ncentres 0 = every centre */
    size_t ncentres;
} jz_visit_spec;

/* Part p (1-based) of per_centre parts of a year covers months
 * floor(12 (p-1) / per) + 1 .. floor(12 p / per). */
void jz_visit_part_months(int per_centre, int part, int *month_from, int *month_to);

/* Draw the visits of every centre with a contract running in spec->year (centres in byte
 * order; for each, parts 1..per; for each, candidate days = working days of the part
 * inside one of the centre's contracts, ascending; then partial Fisher-Yates until a day
 * not yet taken by another centre of its team). Fills *plan (free with
 * jz_visit_plan_free). Fails (JZ_EINPUT) when the calendar does not cover the year,
 * (JZ_EUSAGE) when per_centre is not 1..12; *plan is then empty. */
jz_code jz_sample_visits(const jz_contracts *c, const jz_calendar *cal, const jz_visit_spec *spec,
                         jz_rng *rng, jz_visit_plan *plan, jz_error *err);
void jz_visit_plan_free(jz_visit_plan *plan);

#endif
