/* audit.c — the audit engine; see include/jz/audit.h. */
#include "jz/audit.h"
#include "jz/simd.h"
#include "jz/hash.h"
#include "jz/i18n.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- building blocks */


static void sig_init(uint32_t *sig, int k)
{
    for (int i = 0; i < k; i++)
        sig[i] = UINT32_MAX;
}

/* Hash function i of a signature: one half of jz_mix64(h ^ c_(i/2)), the high half for even i,
 * the low half for odd i (one mix gives two 32-bit values), c_p = 0x9e3779b97f4a7c15 (p + 1);
 * the mixing is jz_simd_minhash_add's, four mixes at a time where the CPU can. */
static void sig_keys(uint64_t *keys, int k)
{
    for (int p = 0; p < (k + 1) / 2; p++)
        keys[p] = 0x9e3779b97f4a7c15ULL * (uint64_t)(p + 1);
}

/* Shingle hashes are gathered and handed to the kernel this many at a time. */
enum { SIG_BATCH = 256, SIG_KMAX = 1024 };

static size_t utf8_next(const char *s, size_t n, size_t i)
{
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

void jz_minhash_text(const char *s, size_t len, int ngram, uint32_t *sig, int k)
{
    uint64_t keys[SIG_KMAX / 2], hs[SIG_BATCH];
    size_t nh = 0;
    sig_init(sig, k);
    sig_keys(keys, k);
    /* the start of each of the ngram code points of the window */
    size_t starts[17];
    int have = 0;
    size_t i = 0;
    bool any = false;
    while (i < len) {
        if (have == ngram) {
            memmove(starts, starts + 1, (size_t)(ngram - 1) * sizeof *starts);
            have--;
        }
        starts[have++] = i;
        i = utf8_next(s, len, i);
        if (have == ngram) {
            hs[nh++] = jz_hash64(s + starts[0], i - starts[0], 17);
            if (nh == SIG_BATCH) {
                jz_simd_minhash_add(sig, (size_t)k, keys, hs, nh);
                nh = 0;
            }
            any = true;
        }
    }
    if (!any && len)
        hs[nh++] = jz_hash64(s, len, 17);
    jz_simd_minhash_add(sig, (size_t)k, keys, hs, nh);
}

void jz_minhash_ids(const uint32_t *ids, size_t n, uint32_t *sig, int k)
{
    uint64_t keys[SIG_KMAX / 2], hs[SIG_BATCH];
    sig_init(sig, k);
    sig_keys(keys, k);
    for (size_t i = 0; i < n; i += SIG_BATCH) {
        size_t nh = n - i < SIG_BATCH ? n - i : SIG_BATCH;
        for (size_t j = 0; j < nh; j++)
            hs[j] = jz_mix64((uint64_t)ids[i + j] + 0x51ed27ULL);
        jz_simd_minhash_add(sig, (size_t)k, keys, hs, nh);
    }
}

double jz_minhash_similarity(const uint32_t *a, const uint32_t *b, int k)
{
    int eq = 0;
    for (int i = 0; i < k; i++)
        eq += a[i] == b[i];
    return (double)eq / k;
}

double jz_minhash_similarity8(const uint8_t *a, const uint8_t *b, int k)
{
    size_t eq = jz_simd_equal_bytes(a, b, (size_t)k);
    /* two different minima agree in their low 8 bits once in 256: the share of equal
     * positions is J + (1 - J)/256, whence J (Li and König, b-bit minwise hashing) */
    double j = ((double)eq / k - 1.0 / 256) / (1 - 1.0 / 256);
    return j < 0 ? 0 : j > 1 ? 1 : j;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* x[k] becomes the value a sort would put there, with nothing larger before it and
 * nothing smaller after it (quickselect; a range that splits badly too often is sorted). */
static void select_kth(double *x, size_t n, size_t k)
{
    size_t lo = 0, hi = n, budget = 64;
    while (hi - lo > 16) {
        if (budget-- == 0) {
            qsort(x + lo, hi - lo, sizeof *x, cmp_double);
            return;
        }
        size_t mid = lo + (hi - lo) / 2;
        double a = x[lo], b = x[mid], c = x[hi - 1];
        double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        /* three ways: < pivot, == pivot, > pivot */
        size_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            if (x[i] < pivot) {
                double t = x[i]; x[i] = x[lt]; x[lt] = t;
                lt++, i++;
            } else if (x[i] > pivot) {
                gt--;
                double t = x[i]; x[i] = x[gt]; x[gt] = t;
            } else
                i++;
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return;
    }
    qsort(x + lo, hi - lo, sizeof *x, cmp_double);
}

double jz_median(double *x, size_t n)
{
    if (n == 0)
        return 0;
    select_kth(x, n, n / 2);
    if (n % 2)
        return x[n / 2];
    double below = x[0];  /* the largest of x[0 .. n/2): the other middle value */
    for (size_t i = 1; i < n / 2; i++)
        if (x[i] > below)
            below = x[i];
    return (below + x[n / 2]) / 2;
}

double jz_mad(double *x, size_t n, double *median)
{
    double m = jz_median(x, n);
    if (median)
        *median = m;
    for (size_t i = 0; i < n; i++)
        x[i] = fabs(x[i] - m);
    return jz_median(x, n);
}

double jz_chi2_binary(double o, double e, double n)
{
    if (e <= 0 || n - e <= 0)
        return 0;
    double d = o - e;
    return d * d / e + d * d / (n - e);
}

double jz_chi2_p1(double chi2)
{
    return erfc(sqrt(chi2 / 2));
}

/* ---------------------------------------------------------------- engine state */

typedef struct tallyx {
    long rows, entered, late, off, sessions;
    long dur_n[JZ_KIND_N], dur_round[JZ_KIND_N], part_n[JZ_KIND_N], part_mult[JZ_KIND_N];
} tallyx;

typedef struct staffx {
    long centre;
    const char *id;
    tallyx t;
    int month, mindex;  /* its last row's staff-month and its index (-1: none yet) */
} staffx;

typedef struct centrex {
    const char *id;
    tallyx t;
    long lists;
    jz_day pclosed;    /* the latest date of its sessions closed early (psess_close) */
    jz_day rlast;      /* the latest date of its records (JZ_NO_DAY: none): the dates before
                          it are done, so psess_close and overlaps_flush may close them */
    jz_day oclosed;    /* the latest date of its client-overlap entries screened early */
} centrex;

typedef struct month_t {
    long staff;
    int month;
    int64_t minutes, records;
    int64_t participants;   /* in millionths: each row's share of its session's (psess_t) */
} month_t;

/* ---- a session's participants, shared among its rows ----
 * A session's participants stand on each of its staff's rows (two workers at one event of
 * 30 write 30 each), so the participants metric of the outlier screen gives each row its
 * figure divided by the number of the session's rows that give one: 15 each. The rows of
 * a session are not adjacent (an export is in time order within a day), so a session
 * waits in a table until the end. To keep the table bounded on a long file, a full table
 * closes the sessions dated before their centre's latest date (a centre's rows come in
 * date order in the exports we know) and doubles if that frees less than half; a row that
 * comes later for a date already closed starts a session of its own, and is counted
 * (participants_late in the result) because its session may have been split. A share is
 * rounded to millionths and summed as an integer, so that the sums do not depend on the
 * order sessions close in: a centre gives the same figures alone and in a district. */
typedef struct psess_t {
    uint64_t key;      /* the session's skey; 0 an empty slot */
    int32_t centre;
    jz_day day;
    int32_t rows;      /* its rows with participants */
    int32_t first;     /* their items (pitem_t), a list through next; -1 none */
} psess_t;

typedef struct pitem_t {
    int64_t part;      /* the row's participants */
    int32_t month;     /* its staff-month */
    int32_t next;      /* the next item of its session (or of the free list); -1 none */
} pitem_t;

enum { PSESS_LIMIT = 1 << 12 };

/* The client-overlap screen compares a person's sessions within a day, so its entries
 * (one a record with a client and times, one a listed person) need not wait for the end:
 * at OVERLAP_LIMIT entries (2.6 MB; it doubles when a flush frees less than half) the days
 * before each centre's latest date are screened and let go, and memory stays with the days
 * still open rather than the rows of the file. A record that comes later for a date
 * already screened is counted (overlaps_late in the result): it was compared only with
 * the rows that had not been screened yet. */
enum { OVERLAP_LIMIT = 1 << 16 };
static void overlaps_flush(jz_audit *a, bool all);  /* open sessions before the first close (jz_audit_opts.session_limit) */

/* What one staff member keyed in on one calendar day: one for every (staff, day) with an
 * entry time, so kept small (a district's year has millions): the first distinct service
 * days inline, the rest (up to the screen's limit + 1) only when there are more. */
enum { BURST_FEW = 4 };
typedef struct burst_t {
    int32_t staff;
    jz_day day;
    int32_t count;
    int32_t ndays;
    int32_t file;
    int32_t line;
    jz_day few[BURST_FEW];
    jz_day *more;           /* days BURST_FEW.. (burst_days + 1 - BURST_FEW of them) */
} burst_t;

typedef struct session_t {
    long centre;
    jz_day day;
    int start, end;         /* -1: untimed */
    int kind;               /* -1: no record */
    int file;
    long line, staff;
    int listfile;           /* first attendance line */
    long listline;
    int listcol;            /* ... and its activity column */
    long npeople;
    bool flagged;
    const char *activity;   /* points into the map key */
} session_t;

/* One a row (a record's client, a listed person): 40 bytes, the column of its person
 * kept once per file (fcol_person) rather than on every row. */
typedef struct overlap_t {
    uint64_t skey;          /* the session (centre, activity, date) hashed; 0: the row alone */
    int32_t centre, person, day, session;
    int16_t start, end;
    uint32_t file : 24;     /* fewer than MAX_FILES files (jz_audit_begin_file) */
    uint32_t role : 8;      /* 0 a record's client, 1 a listed client, 2 a listed volunteer */
    int32_t line, staff;
} overlap_t;

typedef struct note_t {     /* its column: fcol_note of its file */
    uint64_t skey;
    int32_t centre, file, line, person, day, staff;
} note_t;

enum { MAX_FILES = 1 << 24 };

typedef struct listed_t {
    uint64_t skey;
    int32_t session, person, file, line, col;  /* col: the person's column of the list */
    uint8_t role;
    bool moved;        /* already among the client-overlap entries (overlaps_flush) */
} listed_t;

/* The last lookup of a map, to skip the hash table when rows repeat a key (exports come
 * in runs of one centre, often of one staff member). */
typedef struct lastkey {
    long scope, index;
    size_t n;
    char s[64];
} lastkey;

/* Signatures in blocks of `per` signatures of k values: the table grows a block at a time,
 * never copied, so its peak is what it holds (a realloc of one array would need the old
 * and the new at once). Signature i: sig_at(t, i). Each value is the low 8 bits of its
 * 32-bit minimum (b-bit minwise hashing, Li and König 2010): a note's 128 values take
 * 128 bytes instead of 512, and jz_minhash_similarity8 corrects the estimate for the
 * 1 in 256 chance that two different minima agree in those bits (its standard error at
 * the threshold 0.8 is 0.0355 against 0.0354 with the whole values). */
enum { SIGS_PER_BLOCK = 4096 };

typedef struct sigtab {
    uint8_t **blk;
    size_t nblk, per;
    int k;
} sigtab;

/* The low 8 bits of each of k values. */
static void sig_narrow(uint8_t *to, const uint32_t *from, size_t k)
{
    for (size_t i = 0; i < k; i++)
        to[i] = (uint8_t)from[i];
}

static inline uint8_t *sig_at(const sigtab *t, size_t i)
{
    return t->blk[i / t->per] + (i % t->per) * (size_t)t->k;
}

/* ---- the notes' signatures on the second core ----
 * The reader copies each long note into a batch; a full batch goes to a worker thread
 * that computes its signatures while the reader fills the other batch; the results are
 * copied into a->sigs (which only the reader touches) when the batch comes back. With no
 * thread (pthread_create failed) a batch is computed where it is handed over. The
 * signatures are the same either way: jz_minhash_text on the same bytes. */
enum { PIPE_NOTES = 1024, PIPE_TEXT = 1 << 20 };

/* A row's entry for the entry-burst tally, done on the worker too (burst_note). */
typedef struct burstev {
    int32_t staff, file, line;
    jz_day eday, service;
} burstev;

enum { PIPE_EVENTS = 1 << 14 };

typedef struct sigbatch {
    burstev *ev;        /* the batch's rows for the entry-burst tally, in file order */
    size_t nev, evcap;
    char *text;
    size_t tlen, tcap;
    size_t *off;        /* note i is text[off[i] .. off[i + 1]) */
    size_t n;
    size_t first;       /* its first note's index in a->notes */
    uint32_t *sig;      /* n x k results */
} sigbatch;

typedef struct sigpipe {
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    sigbatch b[2];
    int fill;           /* b[fill]: being filled by the reader; b[!fill]: the worker's */
    bool busy;          /* the worker has b[!fill] */
    bool ready;         /* b[!fill] holds results not yet copied */
    bool quit;
    int k, ngram;
    struct jz_audit *a; /* the bursts' tables: the worker's until pipe_drain */
} sigpipe;

typedef struct findingx {
    jz_audit_finding f;
    long ci, si;
    int fileidx;
    bool record;
    size_t order;
} findingx;

struct jz_audit {
    const jz_audit_rules *r;
    const jz_calendar *cal;
    jz_audit_opts o;
    jz_error err;
    bool failed;
    char **files;
    int32_t *fcol_person, *fcol_note;  /* per file: the column of the client (records) or the
                                          listed person (lists), and of the note */
    size_t nfiles;
    int cur;
    jz_filetype curtype;
    int idx[JZ_MAXCOLS];
    jz_strmap *centres, *staffmap, *sessions, *months;
    jz_idmap *people;          /* (centre, person): person_of */
    uint32_t *bslot;           /* the bursts by (staff, day): index + 1 into bs, 0 empty */
    size_t nbursts, bslots;    /* bslots a power of two, at most 70 % used */
    centrex *cs;
    size_t ccap;
    staffx *ss;
    size_t scap;
    month_t *ms;
    size_t mcap;
    burst_t *bs;
    size_t bcap;
    session_t *sess;
    size_t sesscap;
    psess_t *pt;               /* the open sessions of psess_t: pslots (a power of two), */
    size_t pslots, plive, plimit;  /* plive of them used, at most plimit (half of pslots) */
    pitem_t *pi;
    size_t npi, picap;
    int32_t pfree;             /* the free items, a list; -1 none */
    overlap_t *ov;
    size_t nov, ovcap, ovlimit;  /* at ovlimit entries, overlaps_flush screens the days done */
    note_t *notes;
    sigtab sigs;               /* the notes' signatures, in blocks */
    size_t nnotes, notecap;
    sigpipe *pipe;             /* the notes' signatures, computed on the second core */
    listed_t *lists;
    size_t nlists, listcap;
    findingx *fs;
    size_t nfs, fcap;
    bool have_entered, have_modified, have_times, have_client, have_note, have_lists, have_dur;
    bool have_part, have_activity;
    lastkey last_centre, last_staff;
    long nlisted;              /* attendance rows read (before the records: see begin_file) */
    bool lists_late;           /* an attendance list came after records */
    int8_t *wk;          /* working(day) for days wk_base .. wk_base + wk_len - 1: 1, 0, or -1 not asked yet */
    jz_day wk_base;
    size_t wk_len;
    jz_audit_result res;
};

static void pipe_drain(jz_audit *a);

/* grow for the arrays of one entry a row (overlaps, notes, lists, bursts), whose every
 * entry is written in full when it is added: the new part is not zeroed, so the pages
 * beyond the last entry are never touched (a large block grows in place, by mremap) and
 * the memory is what the entries take, not the doubled capacity. */
static void grow_rows(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    *p = jz_xrealloc(*p, n * size);
    *cap = n;
}

/* grow_rows, the new part zeroed. */
static void grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t old = *cap;
    grow_rows(p, cap, need, size);
    if (*cap > old)
        memset((char *)*p + old * size, 0, (*cap - old) * size);
}

jz_audit *jz_audit_new(const jz_audit_rules *r, const jz_calendar *cal, const jz_audit_opts *o)
{
    jz_audit *a = jz_xcalloc(1, sizeof *a);
    a->r = r;
    a->cal = cal;
    a->o = *o;
    jz_error_clear(&a->err);
    a->centres = jz_strmap_new();
    a->staffmap = jz_strmap_new();
    a->people = jz_idmap_new();
    a->sessions = jz_strmap_new();
    a->months = jz_strmap_new();
    a->cur = -1;
    a->last_centre.index = a->last_staff.index = -1;
    a->plimit = o->session_limit > 0 ? (size_t)o->session_limit : PSESS_LIMIT;
    a->ovlimit = o->overlap_limit > 0 ? (size_t)o->overlap_limit : OVERLAP_LIMIT;
    a->pfree = -1;
    return a;
}

void jz_audit_free(jz_audit *a)
{
    if (!a)
        return;
    pipe_drain(a);
    free(a->wk);
    for (size_t i = 0; i < a->nfiles; i++)
        free(a->files[i]);
    free(a->files);
    free(a->fcol_person);
    free(a->fcol_note);
    jz_strmap_free(a->centres);
    jz_strmap_free(a->staffmap);
    jz_idmap_free(a->people);
    jz_strmap_free(a->sessions);
    jz_strmap_free(a->months);
    for (size_t i = 0; i < a->nbursts; i++)
        free(a->bs[i].more);
    free(a->bslot);
    free(a->cs);
    free(a->ss);
    free(a->ms);
    free(a->bs);
    free(a->sess);
    free(a->pt);
    free(a->pi);
    free(a->ov);
    free(a->notes);
    for (size_t i = 0; i < a->sigs.nblk; i++)
        free(a->sigs.blk[i]);
    free(a->sigs.blk);
    free(a->lists);
    for (size_t i = 0; i < a->nfs; i++)
        free(a->fs[i].f.message);
    free(a->fs);
    free(a->res.findings);
    free(a->res.centres);
    free(a->res.staff);
    free(a);
}

static int col_of(const jz_audit *a, int c);

void jz_audit_begin_file(jz_audit *a, const char *file, const jz_header *h)
{
    if (a->nfiles + 1 >= MAX_FILES) {
        fprintf(stderr, "jiazong: jz-audit: more than %d files in one run: audit them in smaller runs\n",
                MAX_FILES - 1);
        exit(4);
    }
    a->files = jz_xrealloc(a->files, (a->nfiles + 1) * sizeof *a->files);
    a->fcol_person = jz_xrealloc(a->fcol_person, (a->nfiles + 1) * sizeof *a->fcol_person);
    a->fcol_note = jz_xrealloc(a->fcol_note, (a->nfiles + 1) * sizeof *a->fcol_note);
    a->files[a->nfiles] = jz_xstrdup(file);
    a->cur = (int)a->nfiles++;
    a->curtype = h->schema->type;
    memcpy(a->idx, h->idx, sizeof a->idx);
    bool records = a->curtype == JZ_FILE_RECORDS;
    a->fcol_person[a->cur] = records ? col_of(a, JZ_R_CLIENT)
                             : a->curtype == JZ_FILE_ATTENDANCE ? col_of(a, JZ_A_PERSON) : 0;
    a->fcol_note[a->cur] = records ? col_of(a, JZ_R_NOTE) : 0;
    if (a->curtype == JZ_FILE_RECORDS) {
        /* the screens' inputs are judged by the values seen (record_row), not by the header:
         * an entered_at column left empty is no entry time */
    } else if (a->curtype == JZ_FILE_ATTENDANCE) {
        a->have_lists = true;
        a->lists_late |= a->res.rows > 0;
    }
}

static void fail_cal(jz_audit *a, const jz_error *e)
{
    if (!a->failed) {
        a->err = *e;
        a->failed = true;
    }
}

/* 1 working, 0 not, -1 error (kept). Each day is asked of the calendar once: the answers
 * are kept in a window of days that grows to cover every day asked (at most the 3.65
 * million days of the years 1..9999, one byte each). */
static int working(jz_audit *a, jz_day d)
{
    if (a->wk && d >= a->wk_base && (size_t)((int64_t)d - a->wk_base) < a->wk_len) {
        int8_t w = a->wk[(int64_t)d - a->wk_base];
        if (w >= 0)
            return w;
    }
    jz_error e;
    jz_error_clear(&e);
    int w = jz_calendar_is_working(a->cal, d, NULL, &e);
    if (w < 0) {
        fail_cal(a, &e);
        return -1;
    }
    if (!a->wk || d < a->wk_base || (size_t)((int64_t)d - a->wk_base) >= a->wk_len) {
        int64_t lo = a->wk ? (d < a->wk_base ? d : a->wk_base) : d;
        int64_t hi = a->wk ? ((int64_t)a->wk_base + (int64_t)a->wk_len > (int64_t)d + 1
                                  ? (int64_t)a->wk_base + (int64_t)a->wk_len : (int64_t)d + 1)
                           : (int64_t)d + 1;
        /* room for a year on the growing side, so a run of new days does not copy each time */
        if (lo == d && a->wk)
            lo -= 366;
        else if (a->wk)
            hi += 366;
        size_t len = (size_t)(hi - lo);
        int8_t *nw = jz_xmalloc(len);
        memset(nw, -1, len);
        if (a->wk)
            memcpy(nw + ((int64_t)a->wk_base - lo), a->wk, a->wk_len);
        free(a->wk);
        a->wk = nw;
        a->wk_base = (jz_day)lo;
        a->wk_len = len;
    }
    a->wk[(int64_t)d - a->wk_base] = (int8_t)w;
    return w;
}

/* Working days in (from, to]; 0 when to <= from; -1 on a calendar error (the first day
 * the calendar cannot answer, as jz_calendar_count reports it). */
static long lag_days(jz_audit *a, jz_day from, jz_day to)
{
    if (to <= from)
        return 0;
    long n = 0;
    for (jz_day d = from + 1;; d++) {
        int w = working(a, d);
        if (w < 0)
            return -1;
        n += w;
        if (d == to)
            break;
    }
    return n;
}

/* A map key: scope's bytes, then s (an s too long for the key is known by its hash). */
enum { KEY_MAX = 600 };
static size_t scoped_key(char *key, const void *scope, size_t sn, const char *s, size_t n)
{
    memcpy(key, scope, sn);
    if (n > KEY_MAX - sn - 1) {
        uint64_t h = jz_hash64(s, n, 5);
        memcpy(key + sn, &h, sizeof h);
        return sn + sizeof h;
    }
    memcpy(key + sn, s, n);
    return sn + n;
}

static long intern(jz_strmap *m, long scope, const char *s, size_t n, bool *added)
{
    char key[KEY_MAX];
    return jz_strmap_put(m, key, scoped_key(key, &scope, sizeof scope, s, n), added);
}

/* The index of a person (a client, a listed person) of a centre: the centre's index as 4
 * bytes and the id, so that a district's client ids (about 14 bytes) fit in an idmap slot. */
static long person_of(jz_audit *a, long centre, const char *s, size_t n)
{
    char key[KEY_MAX];
    int32_t c = (int32_t)centre;
    return jz_idmap_put(a->people, key, scoped_key(key, &c, sizeof c, s, n), NULL);
}

static const char *person_text(const jz_audit *a, long i)
{
    return jz_idmap_key(a->people, i) + sizeof(int32_t);
}

static const char *key_text(const jz_strmap *m, long i)
{
    return jz_strmap_key(m, i) + sizeof(long);
}

static bool last_hit(const lastkey *k, long scope, const char *s, size_t n)
{
    return k->index >= 0 && k->scope == scope && k->n == n && memcmp(k->s, s, n) == 0;
}

static void last_set(lastkey *k, long scope, const char *s, size_t n, long index)
{
    k->index = n <= sizeof k->s ? index : -1;
    k->scope = scope;
    k->n = n;
    if (n <= sizeof k->s)
        memcpy(k->s, s, n);
}

static long centre_of(jz_audit *a, const jz_field *f)
{
    if (last_hit(&a->last_centre, 0, f->s, f->n))
        return a->last_centre.index;
    bool added;
    long c = intern(a->centres, 0, f->s, f->n, &added);
    if (added) {
        grow((void **)&a->cs, &a->ccap, (size_t)c + 1, sizeof *a->cs);
        a->cs[c].id = key_text(a->centres, c);
        a->cs[c].pclosed = a->cs[c].rlast = a->cs[c].oclosed = JZ_NO_DAY;
    }
    last_set(&a->last_centre, 0, f->s, f->n, c);
    return c;
}

static long staff_of(jz_audit *a, long centre, const jz_field *f)
{
    if (last_hit(&a->last_staff, centre, f->s, f->n))
        return a->last_staff.index;
    bool added;
    long s = intern(a->staffmap, centre, f->s, f->n, &added);
    if (added) {
        grow((void **)&a->ss, &a->scap, (size_t)s + 1, sizeof *a->ss);
        a->ss[s].centre = centre;
        a->ss[s].id = key_text(a->staffmap, s);
        a->ss[s].mindex = -1;
    }
    last_set(&a->last_staff, centre, f->s, f->n, s);
    return s;
}

/* The key of a session: centre, date, activity (cut at 255 bytes). */
static size_t session_key(char *key, long centre, const jz_field *act, jz_day day)
{
    size_t n = act->n > 255 ? 255 : act->n;
    memcpy(key, &centre, sizeof centre);
    memcpy(key + sizeof centre, &day, sizeof day);
    memcpy(key + sizeof centre + sizeof day, act->s, n);
    return sizeof centre + sizeof day + n;
}

static long session_of(jz_audit *a, long centre, const jz_field *act, jz_day day, uint64_t *skey)
{
    char key[300];
    size_t n = session_key(key, centre, act, day);
    bool added;
    *skey = jz_hash64(key, n, 23);
    long i = jz_strmap_put(a->sessions, key, n, &added);
    if (added) {
        grow((void **)&a->sess, &a->sesscap, (size_t)i + 1, sizeof *a->sess);
        session_t *s = &a->sess[i];
        s->centre = centre;
        s->day = day;
        s->start = s->end = -1;
        s->kind = -1;
        s->file = s->listfile = -1;
        s->staff = -1;
        s->activity = jz_strmap_key(a->sessions, i) + sizeof centre + sizeof day;
    }
    return i;
}

/* The slot of a session in the table of psess_t, or the empty slot where it goes. */
static psess_t *psess_slot(psess_t *t, size_t slots, uint64_t key, int32_t centre, jz_day day)
{
    size_t mask = slots - 1;
    for (size_t i = (size_t)jz_mix64(key) & mask;; i = (i + 1) & mask) {
        psess_t *p = &t[i];
        if (p->key == 0 || (p->key == key && p->centre == centre && p->day == day))
            return p;
    }
}

/* A session's rows get their shares; its items go back to the free list. */
static void psess_credit(jz_audit *a, const psess_t *p)
{
    int64_t rows = p->rows;
    int32_t i = p->first, last = -1;
    while (i >= 0) {
        pitem_t *it = &a->pi[i];
        a->ms[it->month].participants += (it->part * 1000000 + rows / 2) / rows;
        last = i;
        i = it->next;
    }
    if (last >= 0) {
        a->pi[last].next = a->pfree;
        a->pfree = p->first;
    }
}

/* Close the sessions dated before their centre's latest date (all of them when all is
 * set); the others move to a table of pslots (twice plimit). */
static void psess_close(jz_audit *a, bool all)
{
    size_t keep = 0;
    for (size_t i = 0; i < a->pslots; i++) {
        psess_t *p = &a->pt[i];
        if (p->key == 0)
            continue;
        centrex *c = &a->cs[p->centre];
        if (all || p->day < c->rlast) {
            psess_credit(a, p);
            if (!all && (c->pclosed == JZ_NO_DAY || p->day > c->pclosed))
                c->pclosed = p->day;
            p->key = 0;
        } else {
            keep++;
        }
    }
    if (all)
        return;
    if (keep > a->plimit / 2)
        a->plimit *= 2;
    size_t slots = 2 * a->plimit;
    psess_t *t = jz_xcalloc(slots, sizeof *t);
    for (size_t i = 0; i < a->pslots; i++)
        if (a->pt[i].key)
            *psess_slot(t, slots, a->pt[i].key, a->pt[i].centre, a->pt[i].day) = a->pt[i];
    free(a->pt);
    a->pt = t;
    a->pslots = slots;
    a->plive = keep;
}

/* A row's participants (part > 0) in its session (key: the session's skey, never 0). */
static void psess_add(jz_audit *a, long centre, uint64_t key, jz_day day, long month, int64_t part)
{
    centrex *c = &a->cs[centre];
    if (c->pclosed != JZ_NO_DAY && day <= c->pclosed)
        a->res.participants_late++;
    if (a->pslots == 0) {
        a->pslots = 2 * a->plimit;
        a->pt = jz_xcalloc(a->pslots, sizeof *a->pt);
    }
    psess_t *p = psess_slot(a->pt, a->pslots, key, (int32_t)centre, day);
    if (p->key == 0) {
        if (a->plive == a->plimit) {
            psess_close(a, false);
            p = psess_slot(a->pt, a->pslots, key, (int32_t)centre, day);
        }
        p->key = key;
        p->centre = (int32_t)centre;
        p->day = day;
        p->rows = 0;
        p->first = -1;
        a->plive++;
    }
    int32_t i = a->pfree;
    if (i >= 0) {
        a->pfree = a->pi[i].next;
    } else {
        grow_rows((void **)&a->pi, &a->picap, a->npi + 1, sizeof *a->pi);
        i = (int32_t)a->npi++;
    }
    a->pi[i].part = part;
    a->pi[i].month = (int32_t)month;
    a->pi[i].next = p->first;
    p->first = i;
    p->rows++;
}

static findingx *add_finding(jz_audit *a, jz_screen scr, jz_severity sev, long ci, long si, int month,
                             const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static findingx *add_finding(jz_audit *a, jz_screen scr, jz_severity sev, long ci, long si, int month,
                             const char *fmt, ...)
{
    grow((void **)&a->fs, &a->fcap, a->nfs + 1, sizeof *a->fs);
    findingx *x = &a->fs[a->nfs];
    memset(x, 0, sizeof *x);
    x->order = a->nfs++;
    x->f.screen = scr;
    x->f.sev = sev;
    x->f.month = month;
    x->ci = ci;
    x->si = si;
    x->f.centre = a->cs[ci].id;
    x->f.staff = si >= 0 ? a->ss[si].id : NULL;
    x->fileidx = -1;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);   /* in English: the json and csv are machine output */
    va_end(ap);
    x->f.message = jz_xstrdup(buf);
    return x;
}

static void at_row(jz_audit *a, findingx *x, int file, long line, long col, bool record)
{
    x->fileidx = file;
    x->f.file = a->files[file];
    x->f.line = line;
    x->f.col = col;
    x->record = record;
}

static int col_of(const jz_audit *a, int c)
{
    return a->idx[c] >= 0 ? a->idx[c] + 1 : 0;
}

static int minutes_of(const jz_field *f)
{
    if (f[JZ_R_HOURS].ok)
        return (int)f[JZ_R_HOURS].v.num;
    if (f[JZ_R_START].ok && f[JZ_R_END].ok && f[JZ_R_END].v.minute > f[JZ_R_START].v.minute)
        return f[JZ_R_END].v.minute - f[JZ_R_START].v.minute;
    return -1;
}

static size_t cp_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static size_t burst_home(long staff, jz_day day, size_t slots)
{
    /* mixed, not multiplied: a product's bits below 32 depend on the day alone, and a year
     * has only a few hundred days, so the staff-days of a centre piled up in long runs */
    return (size_t)jz_mix64((uint64_t)(uint32_t)staff << 32 | (uint32_t)day) & (slots - 1);
}

/* The burst of (staff, day): its index in bs, added (zeroed, *added) when new. */
static size_t burst_of(jz_audit *a, long staff, jz_day day, bool *added)
{
    if (10 * (a->nbursts + 1) > 7 * a->bslots) {
        size_t slots = a->bslots ? a->bslots * 2 : 1024;
        uint32_t *v = jz_xcalloc(slots, sizeof *v);
        for (size_t b = 0; b < a->nbursts; b++) {
            size_t i = burst_home(a->bs[b].staff, a->bs[b].day, slots);
            while (v[i])
                i = (i + 1) & (slots - 1);
            v[i] = (uint32_t)(b + 1);
        }
        free(a->bslot);
        a->bslot = v;
        a->bslots = slots;
    }
    size_t i = burst_home(staff, day, a->bslots);
    for (; a->bslot[i]; i = (i + 1) & (a->bslots - 1)) {
        const burst_t *b = &a->bs[a->bslot[i] - 1];
        if (b->staff == staff && b->day == day) {
            *added = false;
            return a->bslot[i] - 1;
        }
    }
    if (a->nbursts >= UINT32_MAX - 1) {
        fprintf(stderr, "jiazong: jz-audit: more than %lu staff-days of entries in one run: audit the files in "
                        "smaller runs\n", (unsigned long)UINT32_MAX - 1);
        exit(4);
    }
    grow_rows((void **)&a->bs, &a->bcap, a->nbursts + 1, sizeof *a->bs);
    a->bslot[i] = (uint32_t)(a->nbursts + 1);
    *added = true;
    return a->nbursts++;
}

/* A row of staff keyed in on eday for a service on service day (on the notes' worker
 * thread, which alone touches the bursts until pipe_drain: see pipe_burst). */
static void burst_note(jz_audit *a, long staff, jz_day eday, jz_day service, int file, long line)
{
    bool added;
    size_t b = burst_of(a, staff, eday, &added);  /* may move bs */
    burst_t *x = &a->bs[b];
    if (added)
        *x = (burst_t){.staff = (int32_t)staff, .day = eday, .file = file, .line = (int32_t)line};
    x->count++;
    if (x->ndays <= a->r->burst_days) {
        int k = 0;
        while (k < x->ndays && (k < BURST_FEW ? x->few[k] : x->more[k - BURST_FEW]) != service)
            k++;
        if (k < x->ndays)
            return;
        if (k < BURST_FEW) {
            x->few[k] = service;
        } else {
            if (!x->more)
                x->more = jz_xmalloc((size_t)(a->r->burst_days + 1 - BURST_FEW) * sizeof *x->more);
            x->more[k - BURST_FEW] = service;
        }
        x->ndays++;
    }
}

static void burst_note(jz_audit *a, long staff, jz_day eday, jz_day service, int file, long line);

static void batch_compute(sigpipe *p, sigbatch *b)
{
    for (size_t i = 0; i < b->nev; i++)
        burst_note(p->a, b->ev[i].staff, b->ev[i].eday, b->ev[i].service, b->ev[i].file, b->ev[i].line);
    b->nev = 0;
    for (size_t i = 0; i < b->n; i++)
        jz_minhash_text(b->text + b->off[i], b->off[i + 1] - b->off[i], p->ngram, b->sig + i * (size_t)p->k, p->k);
}

static void *pipe_worker(void *arg)
{
    sigpipe *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->busy && !p->quit)
            pthread_cond_wait(&p->cv, &p->mu);
        if (!p->busy)
            break;
        sigbatch *b = &p->b[!p->fill];
        pthread_mutex_unlock(&p->mu);
        batch_compute(p, b);
        pthread_mutex_lock(&p->mu);
        p->busy = false;
        p->ready = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static sigpipe *pipe_new(jz_audit *a, int k, int ngram)
{
    sigpipe *p = jz_xcalloc(1, sizeof *p);
    p->a = a;
    p->k = k;
    p->ngram = ngram;
    for (int i = 0; i < 2; i++) {
        p->b[i].off = jz_xmalloc((PIPE_NOTES + 1) * sizeof *p->b[i].off);
        p->b[i].sig = jz_xmalloc((size_t)PIPE_NOTES * (size_t)k * sizeof *p->b[i].sig);
        p->b[i].off[0] = 0;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->started = pthread_create(&p->thread, NULL, pipe_worker, p) == 0;
    return p;
}

static void batch_collect(jz_audit *a, sigbatch *b)
{
    size_t k = (size_t)a->pipe->k;
    for (size_t i = 0; i < b->n; i++)
        sig_narrow(sig_at(&a->sigs, b->first + i), b->sig + i * k, k);
    b->n = 0;
    b->tlen = 0;
}

/* Hand the batch being filled to the worker (after collecting the one it had), or, with
 * no worker, compute it here. */
static void pipe_submit(jz_audit *a)
{
    sigpipe *p = a->pipe;
    sigbatch *f = &p->b[p->fill];
    if (!p->started) {
        batch_compute(p, f);
        batch_collect(a, f);
        f->first = a->nnotes;
        return;
    }
    pthread_mutex_lock(&p->mu);
    while (p->busy)
        pthread_cond_wait(&p->cv, &p->mu);
    if (p->ready) {
        batch_collect(a, &p->b[!p->fill]);
        p->ready = false;
    }
    if (f->n || f->nev) {
        p->fill = !p->fill;
        p->busy = true;
        pthread_cond_broadcast(&p->cv);
    }
    p->b[p->fill].first = a->nnotes;
    pthread_mutex_unlock(&p->mu);
}

/* Every signature in a->sigs, and the worker stopped. */
static void pipe_drain(jz_audit *a)
{
    sigpipe *p = a->pipe;
    if (!p)
        return;
    pipe_submit(a);
    if (p->started) {
        pipe_submit(a);  /* waits for the batch just handed over and collects it */
        pthread_mutex_lock(&p->mu);
        p->quit = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->thread, NULL);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
    }
    for (int i = 0; i < 2; i++) {
        free(p->b[i].ev);
        free(p->b[i].text);
        free(p->b[i].off);
        free(p->b[i].sig);
    }
    free(p);
    a->pipe = NULL;
}

/* Queue a row for the entry-burst tally. */
static void pipe_burst(jz_audit *a, long staff, int64_t entered, jz_day service, long line)
{
    if (!a->pipe)
        a->pipe = pipe_new(a, (int)a->r->hashes, (int)a->r->shingle);
    sigpipe *p = a->pipe;
    sigbatch *b = &p->b[p->fill];
    if (b->nev == PIPE_EVENTS) {
        pipe_submit(a);
        b = &p->b[p->fill];
    }
    grow_rows((void **)&b->ev, &b->evcap, b->nev + 1, sizeof *b->ev);
    b->ev[b->nev++] = (burstev){(int32_t)staff, a->cur, (int32_t)line, (jz_day)(entered / 1440), service};
}

/* Queue note number a->nnotes (text s[0..n)) for its signature. */
static void pipe_note(jz_audit *a, const char *s, size_t n)
{
    if (!a->pipe)
        a->pipe = pipe_new(a, (int)a->r->hashes, (int)a->r->shingle);
    sigpipe *p = a->pipe;
    sigbatch *b = &p->b[p->fill];
    if (b->n == PIPE_NOTES || (b->n && b->tlen + n > PIPE_TEXT)) {
        pipe_submit(a);
        b = &p->b[p->fill];
    }
    if (b->n == 0)
        b->first = a->nnotes;
    if (b->tlen + n > b->tcap) {
        size_t cap = b->tcap ? b->tcap : 4096;
        while (cap < b->tlen + n)
            cap *= 2;
        b->text = jz_xrealloc(b->text, cap);
        b->tcap = cap;
    }
    memcpy(b->text + b->tlen, s, n);
    b->tlen += n;
    b->off[++b->n] = b->tlen;
}

static void record_row(jz_audit *a, long line, const jz_field *f)
{
    char d1[11], t1[17];
    long c = centre_of(a, &f[JZ_R_CENTRE]);
    long s = staff_of(a, c, &f[JZ_R_STAFF]);
    jz_day day = f[JZ_R_DATE].v.day;
    if (a->o.as_of != JZ_NO_DAY && day > a->o.as_of) {
        a->res.after_as_of++;
        return;
    }
    a->res.rows++;
    if (a->cs[c].rlast == JZ_NO_DAY || day > a->cs[c].rlast)
        a->cs[c].rlast = day;
    tallyx *ct = &a->cs[c].t, *st = &a->ss[s].t;
    ct->rows++, st->rows++;
    a->have_entered |= f[JZ_R_ENTERED_AT].ok;
    a->have_modified |= f[JZ_R_MODIFIED_AT].ok;
    a->have_times |= f[JZ_R_START].ok && f[JZ_R_END].ok;
    a->have_client |= f[JZ_R_CLIENT].ok;
    a->have_note |= f[JZ_R_NOTE].ok;
    a->have_dur |= f[JZ_R_HOURS].ok || (f[JZ_R_START].ok && f[JZ_R_END].ok);
    a->have_part |= f[JZ_R_PARTICIPANTS].ok;
    int start = f[JZ_R_START].ok ? f[JZ_R_START].v.minute : -1;
    int end = f[JZ_R_END].ok ? f[JZ_R_END].v.minute : -1;
    int kind = f[JZ_R_KIND].ok ? f[JZ_R_KIND].v.e : JZ_KIND_ADMIN;
    /* A session is an activity on a date. Only sessions with an attendance list (read
     * before the records) are kept; the others are known by their hash. */
    long sess = -1;
    uint64_t skey = 0;
    if (f[JZ_R_ACTIVITY].ok) {
        char key[300];
        size_t n = session_key(key, c, &f[JZ_R_ACTIVITY], day);
        skey = jz_hash64(key, n, 23);
        sess = a->nlisted ? jz_strmap_get(a->sessions, key, n) : -1;
        if (sess >= 0) {
            session_t *ss = &a->sess[sess];
            if (ss->kind < 0) {
                ss->kind = kind;
                ss->start = start;
                ss->end = end > start ? end : -1;
                ss->file = a->cur;
                ss->line = line;
                ss->staff = s;
            }
        }
    }
    /* entry times */
    const jz_field *en = &f[JZ_R_ENTERED_AT], *mo = &f[JZ_R_MODIFIED_AT];
    if (en->ok) {
        ct->entered++, st->entered++;
        jz_day eday = (jz_day)(en->v.num / 1440);
        long lag = lag_days(a, day, eday);
        if (lag > a->r->lag_days) {
            ct->late++, st->late++;
            findingx *x = add_finding(a, JZ_AU_ENTRY_LAG, JZ_WARNING, c, s, -1,
                                      "entered %s, %ld working days after the service on %s (more than %lld): "
                                      "check that the record was made at the time",
                                      jz_datetime_format(en->v.num, t1), lag, jz_date_format(day, d1),
                                      (long long)a->r->lag_days);
            at_row(a, x, a->cur, line, col_of(a, JZ_R_ENTERED_AT), true);
        }
        pipe_burst(a, s, en->v.num, day, line);
        int64_t begins = (int64_t)day * 1440 + (start >= 0 ? start : 0);
        if (en->v.num < begins - a->r->before_tolerance) {
            findingx *x = add_finding(a, JZ_AU_ENTERED_BEFORE, JZ_WARNING, c, s, -1,
                                      start >= 0 ? N_("entered %s, before the service began on %s at %.*s: a record "
                                                      "of work not yet done")
                                                 : N_("entered %s, before the service day on %s%.*s: a record of work "
                                                      "not yet done"),
                                      jz_datetime_format(en->v.num, t1), jz_date_format(day, d1),
                                      start >= 0 ? (int)f[JZ_R_START].n : 0, f[JZ_R_START].s);
            at_row(a, x, a->cur, line, col_of(a, JZ_R_ENTERED_AT), true);
        }
    }
    if (a->o.notice != JZ_NO_DAY && day < a->o.notice) {
        const jz_field *which[2] = {en, mo};
        const int cols[2] = {JZ_R_ENTERED_AT, JZ_R_MODIFIED_AT};
        /* TRANSLATORS: the two words begin the after-notice message: "entered 2024-11-20 10:00, on or after ..." */
        const char *verb[2] = {N_("entered"), N_("modified")};
        for (int k = 0; k < 2; k++) {
            if (!which[k]->ok)
                continue;
            jz_day wday = (jz_day)(which[k]->v.num / 1440);
            if (wday < a->o.notice)
                continue;
            long lag = lag_days(a, day, wday);
            if (lag <= a->r->notice_grace)
                continue;
            char d2[11];
            findingx *x = add_finding(a, JZ_AU_AFTER_NOTICE, JZ_WARNING, c, s, -1,
                                      "%s %s, on or after the notice of %s, for a service on %s (%ld working "
                                      "days earlier)", verb[k], jz_datetime_format(which[k]->v.num, t1),
                                      jz_date_format(a->o.notice, d2), jz_date_format(day, d1), lag);
            at_row(a, x, a->cur, line, col_of(a, cols[k]), true);
            break;  /* one finding a row: entered or, if not, modified */
        }
    }
    /* holidays, weekends, nights */
    int w = working(a, day);
    bool off = w == 0 || (start >= 0 && start < a->r->night_end) || (end >= 0 && end > a->r->night_start);
    ct->sessions++, st->sessions++;
    ct->off += off, st->off += off;
    /* digit heaping */
    int mins = minutes_of(f);
    if (mins > 0) {
        ct->dur_n[kind]++, st->dur_n[kind]++;
        ct->dur_round[kind] += mins % 60 == 0, st->dur_round[kind] += mins % 60 == 0;
    }
    int64_t part = f[JZ_R_PARTICIPANTS].ok ? f[JZ_R_PARTICIPANTS].v.num : 0;
    if (part > 0) {
        bool mult = part % a->r->heap_multiple == 0;
        ct->part_n[kind]++, st->part_n[kind]++;
        ct->part_mult[kind] += mult, st->part_mult[kind] += mult;
    }
    /* staff-month */
    int y, m, dd;
    jz_civil_from_days(day, &y, &m, &dd);
    int month = y * 12 + m - 1;
    bool added = false;
    staffx *sx = &a->ss[s];
    long mi = sx->mindex;
    if (mi < 0 || sx->month != month) {  /* a staff member's rows come in date order: rarely */
        char mk[4];
        memcpy(mk, &month, 4);
        mi = intern(a->months, s, mk, 4, &added);
        sx->month = month;
        sx->mindex = (int)mi;
    }
    if (added) {
        grow((void **)&a->ms, &a->mcap, (size_t)mi + 1, sizeof *a->ms);
        a->ms[mi].staff = s;
        a->ms[mi].month = month;
    }
    a->ms[mi].records++;
    a->ms[mi].minutes += mins > 0 ? mins : 0;
    if (part > 0 && skey)
        psess_add(a, c, skey, day, mi, part);
    else if (part > 0)
        a->ms[mi].participants += part * 1000000;  /* a row of no session: its own */
    /* a client in two places */
    centrex *cx = &a->cs[c];
    long person = -1;  /* the row's client, looked up once for both screens below */
    if (f[JZ_R_CLIENT].ok && start >= 0 && end > start) {
        if (cx->oclosed != JZ_NO_DAY && day <= cx->oclosed)
            a->res.overlaps_late++;
        if (a->nov >= a->ovlimit)
            overlaps_flush(a, false);
        grow_rows((void **)&a->ov, &a->ovcap, a->nov + 1, sizeof *a->ov);
        overlap_t *o = &a->ov[a->nov++];
        o->centre = (int32_t)c;
        o->person = (int32_t)(person = person_of(a, c, f[JZ_R_CLIENT].s, f[JZ_R_CLIENT].n));
        o->day = day;
        o->session = (int32_t)sess;
        o->skey = skey;
        o->start = (int16_t)start;
        o->end = (int16_t)end;
        o->file = a->cur;
        o->line = (int32_t)line;
        o->staff = (int32_t)s;
        o->role = 0;
    }
    /* notes */
    if (f[JZ_R_NOTE].ok && (int64_t)cp_count(f[JZ_R_NOTE].s, f[JZ_R_NOTE].n) >= a->r->note_chars) {
        int k = (int)a->r->hashes;
        grow_rows((void **)&a->notes, &a->notecap, a->nnotes + 1, sizeof *a->notes);
        if (a->nnotes == a->sigs.nblk * SIGS_PER_BLOCK) {
            a->sigs.k = k;
            a->sigs.per = SIGS_PER_BLOCK;
            a->sigs.blk = jz_xrealloc(a->sigs.blk, (a->sigs.nblk + 1) * sizeof *a->sigs.blk);
            a->sigs.blk[a->sigs.nblk++] = jz_xmalloc((size_t)SIGS_PER_BLOCK * (size_t)k);
        }
        note_t *n = &a->notes[a->nnotes];
        n->centre = (int32_t)c;
        n->file = a->cur;
        n->line = (int32_t)line;
        if (person < 0 && f[JZ_R_CLIENT].ok)
            person = person_of(a, c, f[JZ_R_CLIENT].s, f[JZ_R_CLIENT].n);
        n->person = (int32_t)person;
        n->day = day;
        n->skey = skey;
        n->staff = (int32_t)s;
        pipe_note(a, f[JZ_R_NOTE].s, f[JZ_R_NOTE].n);
        a->nnotes++;
    }
}

static void list_row(jz_audit *a, long line, const jz_field *f)
{
    long c = centre_of(a, &f[JZ_A_CENTRE]);
    jz_day day = f[JZ_A_DATE].v.day;
    if (a->o.as_of != JZ_NO_DAY && day > a->o.as_of) {
        a->res.after_as_of++;
        return;
    }
    a->res.list_rows++;
    a->nlisted++;
    uint64_t skey;
    long sess = session_of(a, c, &f[JZ_A_ACTIVITY], day, &skey);
    session_t *s = &a->sess[sess];
    if (s->listfile < 0) {
        s->listfile = a->cur;
        s->listline = line;
        s->listcol = col_of(a, JZ_A_ACTIVITY);
        a->cs[c].lists++;
    }
    s->npeople++;
    grow_rows((void **)&a->lists, &a->listcap, a->nlists + 1, sizeof *a->lists);
    listed_t *l = &a->lists[a->nlists++];
    l->session = (int32_t)sess;
    l->skey = skey;
    l->person = (int32_t)person_of(a, c, f[JZ_A_PERSON].s, f[JZ_A_PERSON].n);
    l->file = a->cur;
    l->line = (int32_t)line;
    l->col = col_of(a, JZ_A_PERSON);
    l->role = f[JZ_A_ROLE].ok && f[JZ_A_ROLE].v.e == JZ_ROLE_VOLUNTEER ? 2 : 1;
    l->moved = false;
}

void jz_audit_row(jz_audit *a, long line, const jz_field *f, int nerrors)
{
    if (nerrors) {
        a->res.skipped++;
        return;
    }
    if (a->curtype == JZ_FILE_RECORDS && f[JZ_R_CENTRE].ok && f[JZ_R_STAFF].ok && f[JZ_R_DATE].ok)
        record_row(a, line, f);
    else if (a->curtype == JZ_FILE_ATTENDANCE && f[JZ_A_CENTRE].ok && f[JZ_A_ACTIVITY].ok && f[JZ_A_DATE].ok &&
             f[JZ_A_PERSON].ok)
        list_row(a, line, f);
    else
        a->res.skipped++;
}

/* ---------------------------------------------------------------- screens at the end */

static void format_month(int month, char *buf)
{
    snprintf(buf, 12, "%04d-%02d", (month / 12) % 10000, (month % 12 + 12) % 12 + 1);
}

static void screen_bursts(jz_audit *a)
{
    for (size_t i = 0; i < a->nbursts; i++) {
        burst_t *b = &a->bs[i];
        bool days = b->ndays > a->r->burst_days;
        if (b->count <= a->r->burst_records && !days)
            continue;
        char d1[11], d2[11], mark[160] = "";
        if (a->o.notice != JZ_NO_DAY && b->day <= a->o.notice) {
            long before = lag_days(a, b->day, a->o.notice);
            if (before >= 0 && before <= a->r->burst_window)
                snprintf(mark, sizeof mark, jz_trn_in(JZ_LANG_EN, ", %ld working day before the notice of %s",
                                                   ", %ld working days before the notice of %s", (unsigned long)before),
                         before, jz_date_format(a->o.notice, d2));
        }
        int y, m, d;
        jz_civil_from_days(b->day, &y, &m, &d);
        char what[96];
        if (days)
            snprintf(what, sizeof what, "records of more than %lld service days", (long long)a->r->burst_days);
        else
            snprintf(what, sizeof what, jz_trn_in(JZ_LANG_EN, "records of %d service day", "records of %d service days",
                                               (unsigned long)b->ndays), b->ndays);
        findingx *x = add_finding(a, JZ_AU_ENTRY_BURST, JZ_WARNING, a->ss[b->staff].centre, b->staff, y * 12 + m - 1,
                                  "keyed in %ld records (%s) on %s%s (limits: %lld records, %lld days); the first "
                                  "is %s:%ld", (long)b->count, what, jz_date_format(b->day, d1), mark,
                                  (long long)a->r->burst_records, (long long)a->r->burst_days,
                                  a->files[b->file], (long)b->line);
        (void)x;
    }
}

static void screen_lag_share(jz_audit *a)
{
    size_t ns = jz_strmap_count(a->staffmap);
    for (size_t s = 0; s < ns; s++) {
        const tallyx *t = &a->ss[s].t;
        if (t->entered < a->r->lag_staff_min || t->late * 10000 <= t->entered * a->r->lag_staff_bp)
            continue;
        add_finding(a, JZ_AU_ENTRY_LAG, JZ_WARNING, a->ss[s].centre, (long)s, -1,
                    "%ld of %ld records (%.1f %%) entered more than %lld working days after the service "
                    "(more than %lld.%02lld %% of a staff member's records)", t->late, t->entered,
                    100.0 * (double)t->late / (double)t->entered, (long long)a->r->lag_days,
                    (long long)a->r->lag_staff_bp / 100, (long long)a->r->lag_staff_bp % 100);
    }
}

static void screen_holiday(jz_audit *a)
{
    size_t ns = jz_strmap_count(a->staffmap);
    for (size_t s = 0; s < ns; s++) {
        const tallyx *t = &a->ss[s].t, *ct = &a->cs[a->ss[s].centre].t;
        long n1 = t->sessions, o1 = t->off, n2 = ct->sessions - n1, o2 = ct->off - o1;
        if (n1 < a->r->holiday_min || n2 <= 0 || o1 == 0)
            continue;
        double p1 = (double)o1 / (double)n1, p2 = (double)o2 / (double)n2;
        double p = (double)(o1 + o2) / (double)(n1 + n2);
        double se = sqrt(p * (1 - p) * (1.0 / (double)n1 + 1.0 / (double)n2));
        double z = se > 0 ? (p1 - p2) / se : 0;
        if (p1 * 100 < p2 * (double)a->r->holiday_ratio_x100 || z * 100 < (double)a->r->holiday_z_x100)
            continue;
        add_finding(a, JZ_AU_HOLIDAY, JZ_WARNING, a->ss[s].centre, (long)s, -1,
                    "%ld of %ld sessions (%.1f %%) on holidays, weekends or at night, against %.1f %% for the "
                    "rest of the centre (%ld of %ld): z %.2f", o1, n1, 100 * p1, 100 * p2, o2, n2, z);
    }
}

static void screen_heaping(jz_audit *a)
{
    size_t ns = jz_strmap_count(a->staffmap);
    for (size_t s = 0; s < ns; s++) {
        const tallyx *t = &a->ss[s].t, *ct = &a->cs[a->ss[s].centre].t;
        for (int which = 0; which < 2; which++) {
            const long *sn = which ? t->part_n : t->dur_n, *so = which ? t->part_mult : t->dur_round;
            const long *cn = which ? ct->part_n : ct->dur_n, *co = which ? ct->part_mult : ct->dur_round;
            double n = 0, o = 0, e = 0, half = 0;
            for (int k = 0; k < JZ_KIND_N; k++) {
                long rest_n = cn[k] - sn[k], rest_o = co[k] - so[k];
                if (sn[k] == 0 || rest_n <= 0)
                    continue;  /* nothing of this kind to compare with */
                n += (double)sn[k];
                o += (double)so[k];
                e += (double)sn[k] * (double)rest_o / (double)rest_n;
                half += (double)sn[k] * 0.5 / ((double)rest_n + 1);
            }
            /* The rest of the centre has none at all: an expected count of 0 would make
             * the test say nothing however many this member has, so the rest's rate is
             * taken as half a value in one more (the add-half rule) instead of 0. */
            if (e == 0)
                e = half;
            if (n < (double)a->r->heap_min || o <= e)
                continue;
            double chi2 = jz_chi2_binary(o, e, n);
            if (chi2 * 100 < (double)a->r->heap_note_x100)
                continue;
            jz_severity sev = chi2 * 100 >= (double)a->r->heap_warn_x100 ? JZ_WARNING : JZ_NOTE;
            char mult[48];
            snprintf(mult, sizeof mult, "on multiples of %lld", (long long)a->r->heap_multiple);
            add_finding(a, JZ_AU_DIGIT_HEAPING, sev, a->ss[s].centre, (long)s, -1,
                        "%.0f of %.0f %s (%.1f %%) %s, where the rest of the centre's rates for the same "
                        "kinds give %.1f (%.1f %%): chi-square %.2f, p %.2g",
                        o, n, which ? "participant counts" : "durations", 100 * o / n,
                        which ? mult : "on whole hours", e, 100 * e / n, chi2, jz_chi2_p1(chi2));
        }
    }
}

/* The spread of a set of staff-months: median, median absolute deviation and mean absolute
 * deviation from the median, and whether there are enough of them to compare with. */
typedef struct spread_t {
    double med, mad, meanad;
    size_t n;
} spread_t;

static spread_t spread_of(double *x, size_t n)
{
    spread_t s = {0, 0, 0, n};
    s.mad = jz_mad(x, n, &s.med);  /* x now holds |x - median| */
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    s.meanad = n ? sum / (double)n : 0;
    return s;
}

/* The modified z-score of Iglewicz and Hoaglin, 0.6745 (x - median) / MAD. When more than
 * half of the staff-months have the median's value the MAD is 0 and that score has no
 * value; the score then uses the mean absolute deviation, (x - median) / (1.253314 MeanAD)
 * (1.253314 = sqrt(pi/2) makes it estimate the standard deviation as 0.6745 / MAD does), so
 * a month far above months that are nearly all alike still stands out. All equal: 0. */
static double modified_z(const spread_t *s, double x)
{
    if (s->mad > 0)
        return 0.6745 * (x - s->med) / s->mad;
    if (s->meanad > 0)
        return (x - s->med) / (1.253314 * s->meanad);
    return 0;
}

/* "MAD 1.5", or with a MAD of 0 "MAD 0, mean absolute deviation 2.62" */
static const char *spread_words(const spread_t *s, char *buf, size_t size)
{
    if (s->mad > 0 || s->meanad == 0)
        snprintf(buf, size, "MAD %.1f", s->mad);
    else
        snprintf(buf, size, "MAD 0, mean absolute deviation %.2f", s->meanad);
    return buf;
}

static double month_value(const month_t *m, int metric)
{
    return metric == 0 ? (double)m->minutes / 60 : metric == 1 ? (double)m->records : (double)m->participants / 1e6;
}

static void screen_outliers(jz_audit *a)
{
    size_t nm = jz_strmap_count(a->months), nc = jz_strmap_count(a->centres);
    if (nm == 0)
        return;
    double *buf = jz_xmalloc(nm * sizeof *buf);
    spread_t *cs = jz_xmalloc(nc * 3 * sizeof *cs), ds[3];
    size_t *cn = jz_xcalloc(nc, sizeof *cn);
    for (size_t i = 0; i < nm; i++)
        cn[a->ss[a->ms[i].staff].centre]++;
    /* the staff-months of each centre together: by[from[c] .. from[c + 1]) */
    size_t *from = jz_xcalloc(nc + 1, sizeof *from), *by = jz_xmalloc(nm * sizeof *by);
    for (size_t c = 0; c < nc; c++)
        from[c + 1] = from[c] + cn[c];
    size_t *at = jz_xmalloc((nc + 1) * sizeof *at);
    memcpy(at, from, (nc + 1) * sizeof *at);
    for (size_t i = 0; i < nm; i++)
        by[at[a->ss[a->ms[i].staff].centre]++] = i;
    free(at);
    for (int metric = 0; metric < 3; metric++) {
        for (size_t c = 0; c < nc; c++) {
            size_t k = 0;
            for (size_t j = from[c]; j < from[c + 1]; j++)
                buf[k++] = month_value(&a->ms[by[j]], metric);
            cs[c * 3 + metric] = spread_of(buf, k);
        }
        for (size_t i = 0; i < nm; i++)
            buf[i] = month_value(&a->ms[i], metric);
        ds[metric] = spread_of(buf, nm);
    }
    size_t min = (size_t)a->r->outlier_min;
    /* the district: every centre given, when there are several */
    bool district = nc > 1 && nm >= min;
    static const char *const names[3] = {NC_("audit metric", "hours"), NC_("audit metric", "records"),
                                         NC_("audit metric", "participants")};
    double t = (double)a->r->outlier_x100 / 100;
    for (size_t i = 0; i < nm; i++) {
        const month_t *m = &a->ms[i];
        size_t c = (size_t)a->ss[m->staff].centre;
        for (int metric = 0; metric < 3; metric++) {
            if (metric == 0 && !a->have_dur)
                continue;
            if (metric == 2 && !a->have_part)
                continue;
            double x = month_value(m, metric);
            const spread_t *sc = &cs[c * 3 + metric], *sd = &ds[metric];
            bool centre_ok = sc->n >= min;
            double zc = centre_ok ? modified_z(sc, x) : 0, zd = district ? modified_z(sd, x) : 0;
            if (!(zc > t) && !(zd > t))
                continue;
            char mon[12], w1[96], w2[96], other[256] = "";
            format_month(m->month, mon);
            const char *what = names[metric];
            if (zc > t) {  /* stands out in its centre; the district's figures beside */
                if (district)
                    snprintf(other, sizeof other, "; the district's median %.1f (%s), modified z %.2f", sd->med,
                             spread_words(sd, w2, sizeof w2), zd);
                add_finding(a, JZ_AU_OUTLIER, JZ_WARNING, (long)c, m->staff, m->month,
                            "%.1f %s in %s against the centre's staff-month median %.1f (%s): modified z %.2f "
                            "(above %.1f)%s", x, what, mon, sc->med, spread_words(sc, w1, sizeof w1), zc, t, other);
                continue;
            }
            /* stands out only against the district */
            if (centre_ok)
                snprintf(other, sizeof other, "; in the centre (median %.1f, %s) its modified z is %.2f, not above",
                         sc->med, spread_words(sc, w2, sizeof w2), zc);
            else
                snprintf(other, sizeof other, "; the centre has too few staff-months to compare (%zu, fewer than %zu)",
                         sc->n, min);
            add_finding(a, JZ_AU_OUTLIER, JZ_WARNING, (long)c, m->staff, m->month,
                        "%.1f %s in %s against the district's staff-month median %.1f (%s): modified z %.2f "
                        "(above %.1f)%s", x, what, mon, sd->med, spread_words(sd, w1, sizeof w1), zd, t, other);
        }
    }
    free(buf);
    free(cs);
    free(cn);
    free(from);
    free(by);
}

/* Listed people join the client-overlap screen with their sessions' times. */
static void lists_to_overlaps(jz_audit *a, bool all)
{
    for (size_t i = 0; i < a->nlists; i++) {
        listed_t *l = &a->lists[i];
        const session_t *s = &a->sess[l->session];
        if (l->moved || (!all && !(s->day < a->cs[s->centre].rlast)))
            continue;
        l->moved = true;
        if (s->start < 0 || s->end <= s->start || s->file < 0)
            continue;
        grow_rows((void **)&a->ov, &a->ovcap, a->nov + 1, sizeof *a->ov);
        overlap_t *o = &a->ov[a->nov++];
        o->centre = (int32_t)s->centre;
        o->person = l->person;
        o->day = s->day;
        o->session = l->session;
        o->skey = l->skey;
        o->start = (int16_t)s->start;
        o->end = (int16_t)s->end;
        o->file = l->file;
        o->line = l->line;
        o->staff = (int32_t)s->staff;
        o->role = l->role;
    }
}

static int cmp_ov_dedupe(const void *x, const void *y)
{
    const overlap_t *p = x, *q = y;
#define CMP(f) if (p->f != q->f) return p->f < q->f ? -1 : 1
    CMP(centre); CMP(person); CMP(day); CMP(skey); CMP(role); CMP(file); CMP(line);
    return 0;
}

static int cmp_ov_time(const void *x, const void *y)
{
    const overlap_t *p = x, *q = y;
    CMP(centre); CMP(person); CMP(day); CMP(start); CMP(file); CMP(line);
#undef CMP
    return 0;
}

/* Screen the entries ov[0..n) (whole days of their centres); they are reordered. */
static void overlaps_screen(jz_audit *a, overlap_t *ov, size_t n)
{
    if (n == 0)
        return;
    qsort(ov, n, sizeof *ov, cmp_ov_dedupe);
    /* one entry per person and session (the staff rows of one activity are one session; a
     * client both on the record and on its list is there once) */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const overlap_t *o = &ov[i];
        if (k && o->skey) {
            const overlap_t *p = &ov[k - 1];
            if (p->centre == o->centre && p->person == o->person && p->day == o->day && p->skey == o->skey)
                continue;
        }
        ov[k++] = *o;
    }
    n = k;
    qsort(ov, n, sizeof *ov, cmp_ov_time);
    static const char *const role[3] = {N_("client"), N_("client"), N_("volunteer")};
    for (size_t i = 0; i < n; i++) {
        const overlap_t *o = &ov[i];
        for (size_t j = i + 1; j < n; j++) {
            const overlap_t *q = &ov[j];
            if (q->centre != o->centre || q->person != o->person || q->day != o->day || q->start >= o->end)
                break;
            int shared = (q->end < o->end ? q->end : o->end) - q->start;
            if (shared < a->r->overlap_min || (q->skey && q->skey == o->skey))
                continue;
            char d1[11];
            const char *who = person_text(a, q->person);
            findingx *x = add_finding(a, JZ_AU_CLIENT_OVERLAP, JZ_WARNING, o->centre, q->staff, -1,
                                      "%s %s is in this session from %02d:%02d to %02d:%02d on %s and also in "
                                      "another from %02d:%02d to %02d:%02d (%s:%ld): %d minutes in two places",
                                      role[q->role], who, q->start / 60, q->start % 60, q->end / 60,
                                      q->end % 60, jz_date_format(q->day, d1), o->start / 60, o->start % 60,
                                      o->end / 60, o->end % 60, a->files[o->file], (long)o->line, shared);
            at_row(a, x, q->file, q->line, a->fcol_person[q->file], q->role == 0);
            x->f.other_file = a->files[o->file];
            x->f.other_line = o->line;
        }
    }
}

/* Screen the entries of the days before their centre's latest date (all of them when all
 * is set) and keep the others. */
static void overlaps_flush(jz_audit *a, bool all)
{
    lists_to_overlaps(a, all);
    size_t lo = 0, hi = a->nov;  /* partition: the days done first */
    while (lo < hi) {
        const overlap_t *o = &a->ov[lo];
        if (all || o->day < a->cs[o->centre].rlast) {
            lo++;
        } else {
            overlap_t t = a->ov[lo];
            a->ov[lo] = a->ov[--hi];
            a->ov[hi] = t;
        }
    }
    for (size_t i = 0; !all && i < lo; i++) {
        centrex *c = &a->cs[a->ov[i].centre];
        if (c->oclosed == JZ_NO_DAY || a->ov[i].day > c->oclosed)
            c->oclosed = a->ov[i].day;
    }
    overlaps_screen(a, a->ov, lo);
    memmove(a->ov, a->ov + lo, (a->nov - lo) * sizeof *a->ov);
    a->nov -= lo;
    if (a->nov > a->ovlimit / 2)
        a->ovlimit *= 2;
}

static void screen_overlaps(jz_audit *a)
{
    overlaps_flush(a, true);
}

/* union-find */
static long uf_find(long *p, long i)
{
    while (p[i] != i) {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

static void uf_union(long *p, long i, long j)
{
    i = uf_find(p, i);
    j = uf_find(p, j);
    if (i != j) {
        if (i < j)
            p[j] = i;
        else
            p[i] = j;
    }
}

typedef struct bandkey {
    uint64_t h;
    long i;
} bandkey;

static int cmp_band(const void *x, const void *y)
{
    const bandkey *p = x, *q = y;
    if (p->h != q->h)
        return p->h < q->h ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

static bool notes_qualify(const note_t *p, const note_t *q)
{
    if (p->skey && p->skey == q->skey)
        return false;  /* one session: its staff share one note */
    if (p->day != q->day)
        return true;
    return p->person >= 0 && q->person >= 0 && p->person != q->person;
}

/* LSH: items whose signatures agree on a whole band are candidates; each candidate is
 * compared with its bucket's first member and with the one before it (so a bucket of n
 * costs n comparisons), and joined when the estimate reaches the threshold. Buckets are
 * found with a hash table per band, in input order: the same comparisons as sorting the
 * band's keys would give (which pairs are compared, never the order, decides the
 * clusters: a union-find's components do not depend on the order of its unions).
 * Items of different scopes are never compared, so the work goes scope by scope (items
 * kept in input order within their scope): each scope's signatures are copied together
 * and its tables are sized to it, so the band passes stay in cache however many items
 * the run holds (one table over a million notes missed the cache on every probe). */
typedef struct bucket {
    uint64_t h;
    long first, last;  /* first < 0: empty */
} bucket;

static void lsh_scope(const uint8_t *sig, const long *item, size_t m, int k, int bands, int32_t scope,
                      double jmin, bool (*ok)(void *, long, long), void *ctx, long *parent, bucket *tab,
                      size_t cap)
{
    int rows = k / bands;
    for (int b = 0; b < bands; b++) {
        for (size_t t = 0; t < cap; t++)
            tab[t].first = -1;
        for (size_t j = 0; j < m; j++) {
            const uint8_t *band = sig + j * (size_t)k + (size_t)b * (size_t)rows;
            uint64_t h;
            if (rows <= 4) {
                /* a band of at most 4 bytes and its scope in one word, mixed by a bijection
                 * (jz_mix64): distinct (band, scope) never share a bucket */
                uint32_t v = 0;
                memcpy(&v, band, (size_t)rows);
                h = jz_mix64(((uint64_t)(uint32_t)scope << 32 | v) ^ ((uint64_t)b * 0x9e3779b97f4a7c15ull));
            } else {
                h = jz_hash64(band, (size_t)rows, (uint64_t)b * 131 + (uint64_t)scope * 7919 + 1);
            }
            size_t at = (size_t)h & (cap - 1);
            while (tab[at].first >= 0 && tab[at].h != h)
                at = (at + 1) & (cap - 1);
            bucket *q = &tab[at];
            if (q->first < 0) {
                *q = (bucket){h, (long)j, (long)j};
                continue;
            }
            long cands[2] = {q->first, q->last};
            q->last = (long)j;
            for (int c = 0; c < 2; c++) {
                long y = cands[c];
                if (c == 1 && y == cands[0])
                    break;
                if (uf_find(parent, item[j]) == uf_find(parent, item[y]))
                    continue;
                if (jz_minhash_similarity8(sig + j * (size_t)k, sig + (size_t)y * (size_t)k, k) >= jmin &&
                    ok(ctx, item[j], item[y]))
                    uf_union(parent, item[j], item[y]);
            }
        }
    }
}

/* The scopes [from, to) of lsh_link, on one thread. */
typedef struct lsh_part {
    const sigtab *sigs;
    const size_t *start;
    const long *item;
    int32_t from, to;
    int bands;
    double jmin;
    bool (*ok)(void *, long, long);
    void *ctx;
    long *parent;
} lsh_part;

static void *lsh_scopes(void *arg)
{
    const lsh_part *w = arg;
    int k = w->sigs->k;
    size_t most = 0;
    for (int32_t c = w->from; c < w->to; c++)
        if (w->start[c + 1] - w->start[c] > most)
            most = w->start[c + 1] - w->start[c];
    size_t capmax = 16;
    while (capmax < 2 * most)
        capmax *= 2;
    bucket *tab = jz_xmalloc(capmax * sizeof *tab);
    uint8_t *sig = jz_xmalloc(most * (size_t)k + 1);
    for (int32_t c = w->from; c < w->to; c++) {
        size_t m = w->start[c + 1] - w->start[c];
        if (m < 2)
            continue;
        const long *it = w->item + w->start[c];
        for (size_t j = 0; j < m; j++)
            memcpy(sig + j * (size_t)k, sig_at(w->sigs, (size_t)it[j]), (size_t)k);
        size_t cap = 16;
        while (cap < 2 * m)
            cap *= 2;
        lsh_scope(sig, it, m, k, w->bands, c, w->jmin, w->ok, w->ctx, w->parent, tab, cap);
    }
    free(sig);
    free(tab);
    return NULL;
}

/* The scopes go to two threads, about half the items each: a scope's unions touch only
 * its own items' parents, and ok() only reads, so the components are those of one. */
static void lsh_link(const sigtab *sigs, size_t n, int bands, const int32_t *scope, double jmin,
                     bool (*ok)(void *, long, long), void *ctx, long *parent)
{
    /* the items of each scope, in input order (a counting sort on the scope) */
    int32_t nscope = 0;
    for (size_t i = 0; i < n; i++)
        if (scope[i] >= nscope)
            nscope = scope[i] + 1;
    size_t *start = jz_xcalloc((size_t)nscope + 1, sizeof *start);
    for (size_t i = 0; i < n; i++)
        start[scope[i] + 1]++;
    for (int32_t c = 0; c < nscope; c++)
        start[c + 1] += start[c];
    long *item = jz_xmalloc(n * sizeof *item);
    size_t *fill = jz_xmalloc(((size_t)nscope + 1) * sizeof *fill);
    memcpy(fill, start, ((size_t)nscope + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        item[fill[scope[i]]++] = (long)i;
    free(fill);
    int32_t half = 0;
    while (half < nscope && start[half] < n / 2)
        half++;
    lsh_part w[2] = {{sigs, start, item, 0, half, bands, jmin, ok, ctx, parent},
                     {sigs, start, item, half, nscope, bands, jmin, ok, ctx, parent}};
    pthread_t t;
    bool threaded = half > 0 && half < nscope && pthread_create(&t, NULL, lsh_scopes, &w[1]) == 0;
    lsh_scopes(&w[0]);
    if (threaded)
        pthread_join(t, NULL);
    else
        lsh_scopes(&w[1]);
    free(item);
    free(start);
}

static bool note_ok(void *ctx, long x, long y)
{
    const jz_audit *a = ctx;
    return notes_qualify(&a->notes[x], &a->notes[y]);
}

static void screen_notes(jz_audit *a)
{
    size_t n = a->nnotes;
    if (n < 2)
        return;
    int k = (int)a->r->hashes;
    long *parent = jz_xmalloc(n * sizeof *parent);
    int32_t *scope = jz_xmalloc(n * sizeof *scope);
    for (size_t i = 0; i < n; i++) {
        parent[i] = (long)i;
        scope[i] = a->notes[i].centre;
    }
    lsh_link(&a->sigs, n, (int)a->r->bands, scope, (double)a->r->note_jaccard_bp / 10000, note_ok, a, parent);
    /* Clusters, numbered by their first member in input order: a union's root is its
     * smallest member, so sorting (root, member) lists each cluster in order. */
    long *size = jz_xcalloc(n, sizeof *size), *number = jz_xcalloc(n, sizeof *number);
    bandkey *members = jz_xmalloc(n * sizeof *members);
    for (size_t i = 0; i < n; i++) {
        long root = uf_find(parent, (long)i);
        size[root]++;
        members[i].h = (uint64_t)root;
        members[i].i = (long)i;
    }
    qsort(members, n, sizeof *members, cmp_band);
    long clusters = 0;
    for (size_t g = 0; g < n;) {
        size_t e = g + 1;
        while (e < n && members[e].h == members[g].h)
            e++;
        long root = (long)members[g].h;
        if (e - g < 2) {
            g = e;
            continue;
        }
        number[root] = ++clusters;
        long first = members[g].i, second = members[g + 1].i;
        for (size_t m = g; m < e; m++) {
            long j = members[m].i;
            long other = j == first ? second : first;
            const note_t *p = &a->notes[j], *q = &a->notes[other];
            char d1[11];
            double sim = jz_minhash_similarity8(sig_at(&a->sigs, (size_t)j), sig_at(&a->sigs, (size_t)other), k);
            findingx *x = add_finding(a, JZ_AU_CLONED_NOTE, JZ_WARNING, p->centre, p->staff, -1,
                                      "note nearly identical (estimated Jaccard %.2f) to the note of %s:%d (%s, %s): "
                                      "cluster %ld of %ld notes", sim, a->files[q->file], q->line,
                                      q->person >= 0 ? person_text(a, q->person) : "no client",
                                      jz_date_format(q->day, d1), clusters, size[root]);
            at_row(a, x, p->file, p->line, a->fcol_note[p->file], true);
            x->f.other_file = a->files[q->file];
            x->f.other_line = q->line;
            x->f.cluster = clusters;
        }
        /* one note listing every line of the cluster, however long */
        size_t cap = 64, used;
        for (size_t m = g; m < e; m++)
            cap += strlen(a->files[a->notes[members[m].i].file]) + 16;
        char *msg = jz_xmalloc(cap);
        used = (size_t)snprintf(msg, cap, "cluster %ld: %ld near-identical notes: ", clusters, size[root]);
        for (size_t m = g; m < e && used < cap; m++)
            used += (size_t)snprintf(msg + used, cap - used, "%s%s:%d", m > g ? ", " : "",
                                     a->files[a->notes[members[m].i].file], a->notes[members[m].i].line);
        findingx *x = add_finding(a, JZ_AU_CLONED_NOTE, JZ_NOTE, a->notes[first].centre, -1, -1, "%s", "");
        free(x->f.message);
        x->f.message = msg;
        x->f.cluster = clusters;
        g = e;
    }
    free(members);
    free(size);
    free(number);
    free(parent);
    free(scope);
}

typedef struct listsig {
    long session;
    uint32_t *ids;
    size_t n;
} listsig;

static int cmp_u32(const void *x, const void *y)
{
    uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
    return p < q ? -1 : p > q;
}

static int cmp_listed(const void *x, const void *y)
{
    const listed_t *p = x, *q = y;
    if (p->session != q->session)
        return p->session < q->session ? -1 : 1;
    return p->person < q->person ? -1 : p->person > q->person;
}

typedef struct listctx {
    jz_audit *a;
    listsig *ls;
    double jmin;
} listctx;

static double exact_jaccard(const listsig *p, const listsig *q)
{
    size_t i = 0, j = 0, both = 0;
    while (i < p->n && j < q->n) {
        if (p->ids[i] == q->ids[j])
            both++, i++, j++;
        else if (p->ids[i] < q->ids[j])
            i++;
        else
            j++;
    }
    size_t uni = p->n + q->n - both;
    return uni ? (double)both / (double)uni : 0;
}

static bool list_ok(void *ctx, long x, long y)
{
    listctx *c = ctx;
    const session_t *p = &c->a->sess[c->ls[x].session], *q = &c->a->sess[c->ls[y].session];
    return p->day != q->day && strcmp(p->activity, q->activity) != 0 &&
           exact_jaccard(&c->ls[x], &c->ls[y]) >= c->jmin;
}

static void screen_lists(jz_audit *a)
{
    if (a->nlists == 0)
        return;
    qsort(a->lists, a->nlists, sizeof *a->lists, cmp_listed);
    uint32_t *ids = jz_xmalloc(a->nlists * sizeof *ids);
    listsig *ls = NULL;
    size_t nls = 0, cap = 0;
    for (size_t i = 0; i < a->nlists;) {
        size_t e = i;
        size_t k = 0;
        while (e < a->nlists && a->lists[e].session == a->lists[i].session) {
            if (k == 0 || ids[i + k - 1] != (uint32_t)a->lists[e].person)
                ids[i + k++] = (uint32_t)a->lists[e].person;
            e++;
        }
        const session_t *s = &a->sess[a->lists[i].session];
        if ((int64_t)k >= a->r->list_min && (s->kind < 0 || a->r->list_kind[s->kind])) {
            grow((void **)&ls, &cap, nls + 1, sizeof *ls);
            ls[nls].session = a->lists[i].session;
            ls[nls].ids = ids + i;
            ls[nls].n = k;
            qsort(ls[nls].ids, k, sizeof *ids, cmp_u32);
            nls++;
        }
        i = e;
    }
    int kk = 64;
    uint8_t *sigs = jz_xmalloc((nls ? nls : 1) * (size_t)kk);
    uint32_t *whole = jz_xmalloc((size_t)kk * sizeof *whole);
    long *parent = jz_xmalloc((nls ? nls : 1) * sizeof *parent);
    int32_t *scope = jz_xmalloc((nls ? nls : 1) * sizeof *scope);
    for (size_t i = 0; i < nls; i++) {
        jz_minhash_ids(ls[i].ids, ls[i].n, whole, kk);
        sig_narrow(sigs + i * (size_t)kk, whole, (size_t)kk);
        parent[i] = (long)i;
        scope[i] = (int32_t)a->sess[ls[i].session].centre;
    }
    double jmin = (double)a->r->list_jaccard_bp / 10000;
    listctx ctx = {a, ls, jmin};
    /* 16 bands of 4: the minhash estimate only proposes; the exact Jaccard decides (a
     * candidate's estimate may fall 0.2 below the threshold) */
    free(whole);
    uint8_t *one[1] = {sigs};
    sigtab tab = {one, 1, nls ? nls : 1, kk};
    lsh_link(&tab, nls, 16, scope, jmin - 0.2, list_ok, &ctx, parent);
    /* report each list joined to another, against the first list of its cluster */
    long *first = jz_xmalloc((nls ? nls : 1) * sizeof *first);
    for (size_t i = 0; i < nls; i++)
        first[i] = -1;
    long clusters = 0;
    long *number = jz_xcalloc(nls ? nls : 1, sizeof *number);
    /* order lists by their first attendance line, so clusters and their first members read in file order */
    for (size_t i = 0; i < nls; i++) {
        long root = uf_find(parent, (long)i);
        if (first[root] < 0) {
            first[root] = (long)i;
            continue;
        }
        if (!number[root])
            number[root] = ++clusters;
        const listsig *p = &ls[i], *q = &ls[first[root]];
        session_t *ps = &a->sess[p->session], *qs = &a->sess[q->session];
        ps->flagged = qs->flagged = true;
        char d1[11], d2[11];
        size_t both = (size_t)(exact_jaccard(p, q) * (double)(p->n + q->n) / (1 + exact_jaccard(p, q)) + 0.5);
        findingx *x = add_finding(a, JZ_AU_REPEATED_ATTENDANCE, JZ_WARNING, ps->centre, ps->staff, -1,
                                  "the list of activity %s on %s (%zu people) is near-identical to that of "
                                  "activity %s on %s (%s:%ld, %zu people): %zu in common, Jaccard %.2f",
                                  ps->activity, jz_date_format(ps->day, d1), p->n, qs->activity,
                                  jz_date_format(qs->day, d2), a->files[qs->listfile], qs->listline, q->n, both,
                                  exact_jaccard(p, q));
        at_row(a, x, ps->listfile, ps->listline, ps->listcol, false);
        x->f.other_file = a->files[qs->listfile];
        x->f.other_line = qs->listline;
        x->f.cluster = number[root];
    }
    free(number);
    free(first);
    free(parent);
    free(scope);
    free(sigs);
    free(ls);
    free(ids);
}

/* ---------------------------------------------------------------- result */

static int cmp_finding(const void *x, const void *y)
{
    const findingx *p = x, *q = y;
    bool pr = p->f.file != NULL, qr = q->f.file != NULL;
    if (pr != qr)
        return pr ? -1 : 1;
    if (pr) {
        if (p->fileidx != q->fileidx)
            return p->fileidx < q->fileidx ? -1 : 1;
        if (p->f.line != q->f.line)
            return p->f.line < q->f.line ? -1 : 1;
        if (p->f.screen != q->f.screen)
            return p->f.screen < q->f.screen ? -1 : 1;
    } else {
        int c = strcmp(p->f.centre, q->f.centre);
        if (c)
            return c;
        c = strcmp(p->f.staff ? p->f.staff : "", q->f.staff ? q->f.staff : "");
        if (c)
            return c;
        if (p->f.month != q->f.month)
            return p->f.month < q->f.month ? -1 : 1;
        if (p->f.screen != q->f.screen)
            return p->f.screen < q->f.screen ? -1 : 1;
    }
    return p->order < q->order ? -1 : p->order > q->order;
}

static int cmp_tally(const void *x, const void *y)
{
    const jz_audit_tally *p = x, *q = y;
    int c = strcmp(p->centre, q->centre);
    if (c)
        return c;
    return strcmp(p->staff ? p->staff : "", q->staff ? q->staff : "");
}

static bool row_screen(jz_screen s)
{
    return s == JZ_AU_ENTRY_LAG || s == JZ_AU_AFTER_NOTICE || s == JZ_AU_ENTERED_BEFORE ||
           s == JZ_AU_CLIENT_OVERLAP || s == JZ_AU_CLONED_NOTE;
}

static void set_status(jz_audit *a)
{
    jz_audit_result *r = &a->res;
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        r->status[s] = JZ_AU_RAN;
        r->why[s] = "";
    }
    const char *no_entry = N_("no record has an entered_at (录入时间) value");
    if (!a->have_entered) {
        r->status[JZ_AU_ENTRY_LAG] = r->status[JZ_AU_ENTRY_BURST] = r->status[JZ_AU_ENTERED_BEFORE] =
            JZ_AU_NOT_AVAILABLE;
        r->why[JZ_AU_ENTRY_LAG] = r->why[JZ_AU_ENTRY_BURST] = r->why[JZ_AU_ENTERED_BEFORE] = no_entry;
    }
    if (a->o.notice == JZ_NO_DAY) {
        r->status[JZ_AU_AFTER_NOTICE] = JZ_AU_NOT_RUN;
        r->why[JZ_AU_AFTER_NOTICE] = N_("no --notice date given");
    } else if (!a->have_entered && !a->have_modified) {
        r->status[JZ_AU_AFTER_NOTICE] = JZ_AU_NOT_AVAILABLE;
        r->why[JZ_AU_AFTER_NOTICE] = N_("no record has an entered_at (录入时间) or modified_at (修改时间) value");
    }
    if (!a->have_times || (!a->have_client && !a->have_lists)) {
        r->status[JZ_AU_CLIENT_OVERLAP] = JZ_AU_NOT_RUN;
        r->why[JZ_AU_CLIENT_OVERLAP] = !a->have_times ? N_("no record has both start and end times")
                                                      : N_("no record has a client and no attendance lists were given");
    }
    if (!a->have_note) {
        r->status[JZ_AU_CLONED_NOTE] = JZ_AU_NOT_RUN;
        r->why[JZ_AU_CLONED_NOTE] = N_("no record has a note (备注)");
    }
    if (a->lists_late) {
        r->status[JZ_AU_REPEATED_ATTENDANCE] = JZ_AU_NOT_RUN;
        r->why[JZ_AU_REPEATED_ATTENDANCE] = N_("an attendance list came after records: give the lists first");
    } else if (!a->have_lists) {
        r->status[JZ_AU_REPEATED_ATTENDANCE] = JZ_AU_NOT_RUN;
        r->why[JZ_AU_REPEATED_ATTENDANCE] = N_("no attendance lists (签到表) were given");
    }
    if (!a->have_dur && !a->have_part) {
        r->status[JZ_AU_DIGIT_HEAPING] = JZ_AU_NOT_RUN;
        r->why[JZ_AU_DIGIT_HEAPING] = N_("no record has hours, start and end, or participants");
    }
}

/* The risk score: 100 x sum(w_s x share_s) / sum(w_s) over the screens that ran. */
static double risk_of(const jz_audit *a, const double *share)
{
    double num = 0, den = 0;
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        if (a->res.status[s] != JZ_AU_RAN)
            continue;
        num += (double)a->r->weight[s] * share[s];
        den += (double)a->r->weight[s];
    }
    return den > 0 ? 100 * num / den : 0;
}

static void build_result(jz_audit *a)
{
    jz_audit_result *r = &a->res;
    if (a->nfs > 1)
        qsort(a->fs, a->nfs, sizeof *a->fs, cmp_finding);
    size_t nc = jz_strmap_count(a->centres), ns = jz_strmap_count(a->staffmap);
    r->ncentres = nc;
    r->nstaff = ns;
    r->centres = jz_xcalloc(nc ? nc : 1, sizeof *r->centres);
    r->staff = jz_xcalloc(ns ? ns : 1, sizeof *r->staff);
    /* touched rows per screen: distinct record rows; findings are sorted by file, line, screen */
    long (*ctouch)[JZ_AU_NSCREENS] = jz_xcalloc(nc ? nc : 1, sizeof *ctouch);
    long (*stouch)[JZ_AU_NSCREENS] = jz_xcalloc(ns ? ns : 1, sizeof *stouch);
    bool (*sflag)[JZ_AU_NSCREENS] = jz_xcalloc(ns ? ns : 1, sizeof *sflag);
    long *slists = jz_xcalloc(ns ? ns : 1, sizeof *slists), *sflist = jz_xcalloc(ns ? ns : 1, sizeof *sflist);
    for (size_t c = 0; c < nc; c++) {
        r->centres[c].centre = a->cs[c].id;
        r->centres[c].rows = a->cs[c].t.rows;
        r->centres[c].entered = a->cs[c].t.entered;
        r->centres[c].late = a->cs[c].t.late;
        r->centres[c].lists = a->cs[c].lists;
    }
    for (size_t s = 0; s < ns; s++) {
        r->staff[s].centre = a->cs[a->ss[s].centre].id;
        r->staff[s].staff = a->ss[s].id;
        r->staff[s].rows = a->ss[s].t.rows;
        r->staff[s].entered = a->ss[s].t.entered;
        r->staff[s].late = a->ss[s].t.late;
        r->centres[a->ss[s].centre].staff_n++;
    }
    size_t nsess = jz_strmap_count(a->sessions);
    for (size_t i = 0; i < nsess; i++) {
        const session_t *se = &a->sess[i];
        if (se->listfile < 0 || se->staff < 0)
            continue;
        slists[se->staff]++;
        sflist[se->staff] += se->flagged;
        r->centres[se->centre].lists_flagged += se->flagged;
    }
    r->findings = jz_xcalloc(a->nfs ? a->nfs : 1, sizeof *r->findings);
    r->nfindings = a->nfs;
    int lastfile = -1;
    long lastline = -1;
    bool lastscreen[JZ_AU_NSCREENS] = {false};
    for (size_t i = 0; i < a->nfs; i++) {
        findingx *x = &a->fs[i];
        r->findings[i] = x->f;
        int s = x->f.screen;
        if (x->f.sev == JZ_WARNING)
            r->warnings++, r->centres[x->ci].warnings[s]++;
        else
            r->notes++, r->centres[x->ci].notes[s]++;
        if (x->si >= 0) {
            if (x->f.sev == JZ_WARNING) {
                r->staff[x->si].warnings[s]++;
                if (!x->f.file || !row_screen(x->f.screen))
                    sflag[x->si][s] = true;
            } else {
                r->staff[x->si].notes[s]++;
            }
        }
        if (!x->f.file || !x->record || x->f.sev != JZ_WARNING)
            continue;
        bool newrow = x->fileidx != lastfile || x->f.line != lastline;
        if (newrow) {
            memset(lastscreen, 0, sizeof lastscreen);
            lastfile = x->fileidx;
            lastline = x->f.line;
            r->centres[x->ci].touched++;
            if (x->si >= 0)
                r->staff[x->si].touched++;
        }
        if (!lastscreen[s]) {
            lastscreen[s] = true;
            ctouch[x->ci][s]++;
            if (x->si >= 0)
                stouch[x->si][s]++;
        }
    }
    for (size_t s = 0; s < ns; s++)
        for (int k = 0; k < JZ_AU_NSCREENS; k++)
            r->centres[a->ss[s].centre].staff_flagged[k] += sflag[s][k];
    for (size_t c = 0; c < nc; c++) {
        jz_audit_tally *t = &r->centres[c];
        double share[JZ_AU_NSCREENS] = {0};
        for (int k = 0; k < JZ_AU_NSCREENS; k++) {
            if (k == JZ_AU_REPEATED_ATTENDANCE)
                share[k] = t->lists ? (double)t->lists_flagged / (double)t->lists : 0;
            else if (row_screen((jz_screen)k))
                share[k] = t->rows ? (double)ctouch[c][k] / (double)t->rows : 0;
            else
                share[k] = t->staff_n ? (double)t->staff_flagged[k] / (double)t->staff_n : 0;
        }
        t->risk = risk_of(a, share);
    }
    for (size_t s = 0; s < ns; s++) {
        jz_audit_tally *t = &r->staff[s];
        t->lists = slists[s];
        t->lists_flagged = sflist[s];
        double share[JZ_AU_NSCREENS] = {0};
        for (int k = 0; k < JZ_AU_NSCREENS; k++) {
            if (k == JZ_AU_REPEATED_ATTENDANCE)
                share[k] = t->lists ? (double)t->lists_flagged / (double)t->lists : 0;
            else if (row_screen((jz_screen)k))
                share[k] = t->rows ? (double)stouch[s][k] / (double)t->rows : 0;
            else
                share[k] = sflag[s][k];
            t->staff_flagged[k] = sflag[s][k];
        }
        t->risk = risk_of(a, share);
    }
    qsort(r->centres, nc, sizeof *r->centres, cmp_tally);
    qsort(r->staff, ns, sizeof *r->staff, cmp_tally);
    free(ctouch);
    free(stouch);
    free(sflag);
    free(slists);
    free(sflist);
}

jz_code jz_audit_finish(jz_audit *a, jz_error *err)
{
    set_status(a);
    jz_audit_result *r = &a->res;
    pipe_drain(a);  /* every signature, and the bursts' tally */
    if (r->status[JZ_AU_ENTRY_BURST] == JZ_AU_RAN)
        screen_bursts(a);
    if (r->status[JZ_AU_ENTRY_LAG] == JZ_AU_RAN)
        screen_lag_share(a);
    if (r->status[JZ_AU_CLIENT_OVERLAP] == JZ_AU_RAN)
        screen_overlaps(a);
    screen_holiday(a);
    if (r->status[JZ_AU_CLONED_NOTE] == JZ_AU_RAN)
        screen_notes(a);
    if (r->status[JZ_AU_REPEATED_ATTENDANCE] == JZ_AU_RAN)
        screen_lists(a);
    if (r->status[JZ_AU_DIGIT_HEAPING] == JZ_AU_RAN)
        screen_heaping(a);
    psess_close(a, true);
    screen_outliers(a);
    if (a->failed) {
        if (err)
            *err = a->err;
        return a->err.code ? a->err.code : JZ_EINPUT;
    }
    build_result(a);
    return JZ_OK;
}

const jz_audit_result *jz_audit_get(const jz_audit *a)
{
    return &a->res;
}
