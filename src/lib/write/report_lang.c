/* report_lang.c — see include/jz/report_lang.h. The pieces of jz-score's and jz-hours'
 * sentences (src/lib/engine/score.c, hours.c, jz-score.c), as the engine writes them; a piece
 * added there and not here leaves its sentences in English in a Chinese report (and the
 * sample-report test fails on it). */
#include "jz/report_lang.h"
#include "jz/error.h"
#include "jz/i18n.h"

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The pieces. %s stands for any text (not across " -> "); %% is a percent sign. */
static const char *const pieces[] = {
    /* evaluators' scores (value_entered) */
    N_("no evaluator scores"),
    N_("%s evaluator score, fewer than min_evaluators %s"),
    N_("%s evaluator scores, fewer than min_evaluators %s"),
    N_("mean of %s evaluator score = %s"),
    N_("mean of %s evaluator scores = %s"),
    N_("median of %s evaluator score = %s"),
    N_("median of %s evaluator scores = %s"),
    N_("trimmed mean of %s evaluator score = %s"),
    N_("trimmed mean of %s evaluator scores = %s"),
    N_(" (%s/%s exactly)"),
    N_(" (spread %s above tolerance %s: evaluators disagree)"),
    N_("every score is more than %s from the median %s: none dropped; "),
    N_("dropped (more than %s from the median %s):%s; "),
    /* surveys */
    N_("no survey answers"),
    N_("no answers from group %s (weight %s): n/a"),
    N_("group %s has %s respondent, fewer than min_respondents %s: n/a"),
    N_("group %s has %s respondents, fewer than min_respondents %s: n/a"),
    N_("weighted: %s %s x %s"),
    N_(" + %s %s x %s"),
    N_(" = %s of 5 (%s answers)"),
    N_("group %s left out (%s respondent(s), fewer than min_respondents %s); "),
    N_("no group has min_respondents: n/a"),
    N_("%s group, %s answers: mean %s of 5"),
    N_("%s groups, %s answers: mean %s of 5"),
    /* scoring methods */
    N_(" -> proportional, capped at 100 %%"),
    N_(" -> proportional (lower is better), capped at 100 %%"),
    N_(" -> band >= %s"),
    N_(" -> band <= %s"),
    N_(" -> band %s-%s"),
    N_(" -> above %s"),
    N_(" -> below %s"),
    N_(" -> efficacy 60 + 40 x (x - %s) / (%s - %s) = %s"),
    N_(", clamped to %s"),
    N_(" -> threshold >= %s: met"),
    N_(" -> threshold >= %s: not met"),
    N_(" -> threshold <= %s: met"),
    N_(" -> threshold <= %s: not met"),
    N_(" -> threshold >= %s: %s = %s: met"),
    N_(" -> threshold >= %s: %s = %s: not met"),
    N_(" -> threshold <= %s: %s = %s: met"),
    N_(" -> threshold <= %s: %s = %s: not met"),
    N_(" -> piecewise: at or below the first breakpoint %s"),
    N_(" -> piecewise: at or above the last breakpoint %s"),
    N_(" -> piecewise between %s and %s"),
    N_(" -> %s of %s = %s"),
    N_(" -> n/a"),
    /* having: how many keys reach the rule */
    N_("%s of %s clients reach"),
    N_("%s of %s activities reach"),
    N_("%s of %s staff reach"),
    N_("of %s clients, %s reach"),
    N_("of %s activities, %s reach"),
    N_("of %s staff, %s reach"),
    N_(" min_rows %s"),
    N_(" min_sessions %s"),
    N_(" min_attendances %s"),
    N_(", min_sessions %s"),
    N_(", min_attendances %s"),
    N_(" (%s do not): %s clients"),
    N_(" (%s do not): %s activities"),
    N_(" (%s do not): %s staff"),
    N_(" (the %s record of the %s that do not are left out): %s"),
    N_(" (the %s records of the %s that do not are left out): %s"),
    /* values and targets */
    N_("%s points"),
    N_("%s of 5"),
    N_("%s clients"),
    N_("%s activities"),
    N_("%s staff"),
    N_("%s records"),
    N_("%s attendances"),
    N_("%s volunteers"),
    N_("%s h"),
    N_("%s minute"),
    N_("%s minutes"),
    N_("%s / %s"),
    N_("%s %%"),
    N_("%s: %s"),
    N_("not computed"),
    N_("nothing to measure"),
    N_("n/a"),
    N_("the centre's inputs have errors: not scored"),
    N_("no records of centre %s in this run: not scored"),
    N_("; the contract has no target_%s -> n/a"),
    N_(" against a target of 0, lower is better: above it"),
    N_(" against a target of 0 (none allowed, none found: met)"),
    N_(" against a target of 0 (nothing due: met)"),
    N_(" of %s x %s/%s = %s due (%s)"),
    N_(" of %s due (%s)"),
    N_("%s (not verified: no --verification given)"),
    N_("%s (not verified: the verification has no figures for this centre)"),
    N_("%s (not verified: its conservative factor could not be estimated)"),
    N_("%s x verification factor %s (hours, conservative, %s) = %s"),
    N_("%s x verification factor %s (participants, conservative, %s) = %s"),
    /* hours checks (hours.c) */
    N_("service hours %s of %s due by %s (%s)"),
    N_("direct hours %s of %s due by %s (%s)"),
    N_("training hours %s of %s due by %s (%s)"),
    N_("supervision hours %s of %s due by %s (%s)"),
    N_("; left out of these hours: %s h in %s of the centre's records, of staff not in the roster for this centre"),
    N_("; left out of these hours: %s h in %s of the centre's records, of staff listed as not counted (计入工时 no)"),
    N_("nothing due"),
    N_(": short by %s"),
    N_(": short"),
    N_("the contract gives no total_hours: the rule's %s h for %s counted staff is used below"),
    N_("bid total %s h against %s h for %s counted staff (cap %s h = %s)"),
    N_(": over the cap"),
    N_(": below the rule's total"),
    N_("the contract gives no direct_hours: above the base budget the public rule does not say how %s h scales, "
       "so the direct-hours check cannot be made"),
    N_("the contract gives no direct_hours: the rule's %s h is used below"),
    N_("bid direct hours %s h against the minimum %s h"),
    N_(" (the base minimum: the rule for larger contracts is not public)"),
    N_(": below the minimum, the bid is invalid"),
    N_("%s counted professional staff on %s, %s required"),
    N_("%s certified counted staff on %s, %s required"),
    N_("%s staff in all on %s, %s required"),
    N_("a counted post stood vacant on %s day between %s and %s"),
    N_("a counted post stood vacant on %s days between %s and %s"),
    N_("no counted post vacant from %s to %s"),
    N_("direct hours %s delivered; no requirement: the contract (above the base budget) gives no direct_hours "
       "and the public rule does not say how it scales"),
    N_("no service hours yet: the outreach share cannot be computed"),
    N_("outreach %s of service hours (%s of %s h in the community or at home), at least %s required"),
    N_("no records of centre %s were given: delivery not checked"),
    N_("no roster given (--roster): staffing cannot be checked"),
    N_("%s: %s of %s h due from %s to %s (%s)"),
    N_(": under the low mark"),
    N_(": over the high mark"),
    /* notes, deductions and vetoes */
    N_("no records of centre %s were in this run"),
    N_("only %s of the rubric's %s points could be scored (%s %%), below the minimum coverage of %s %%"),
    /* the first problem is FILE:LINE:COL: MESSAGE; the Chinese names its place, and jz-validate
       (in Chinese too) the message: */
    /* xgettext:no-c-format */
    N_("its inputs have %s problem, the first: %s: %s; see them all with: jz-validate %s"),
    /* xgettext:no-c-format */
    N_("its inputs have %s problems, the first: %s: %s; see them all with: jz-validate %s"),
    N_("section %s earned %s, counted at its cap of %s"),
    N_("finding %s (%s:%s): %s"),
    N_("; priced %s by the rubric"),
    N_(", within the code's cap of %s"),
    N_(", within section %s's deduction cap of %s"),
    N_("deductions of %s points capped at %s"),
    N_("%s at %s, below %s"),
    N_("%s of %s checked items not verified (%s): the error rate is at least %s (exact lower bound), at or above %s"),
    N_("indicator %s earned %s, below %s"),
    N_("indicator %s's value %s (%s/%s exactly) is below %s"),
    N_("section %s earned %s of %s applicable points (%s), below %s"),
    N_("coverage %s of %s points (%s), below %s"),
    N_("section %s earned %s of %s applicable points (%s), below its minimum of %s: the grade is at most %s"),
    N_(" and "),
    N_(" or "),
    /* the as-of date's reason */
    N_("contract end"),
    N_("last record"),
    N_("contract end; no records"),
};

/* The pieces of jz-audit's sentences (src/lib/engine/audit.c: its findings' messages and
 * their parts, and the reasons a screen did not run), as it writes them, in English, into
 * its json and csv. Their conversions are printf's (%ld, %.1f, %02d, %.*s): each stands for
 * any text, as %s does above. */
static const char *const audit_pieces[] = {
    N_("entered %s, %ld working days after the service on %s (more than %lld): check that the record was made "
       "at the time"),
    N_("entered %s, before the service began on %s at %.*s: a record of work not yet done"),
    N_("entered %s, before the service day on %s%.*s: a record of work not yet done"),
    N_("entered"),
    N_("modified"),
    N_("%s %s, on or after the notice of %s, for a service on %s (%ld working days earlier)"),
    N_("records of more than %lld service days"),
    N_("keyed in %ld records (%s) on %s%s (limits: %lld records, %lld days); the first is %s:%ld"),
    N_("%ld of %ld records (%.1f %%) entered more than %lld working days after the service (more than "
       "%lld.%02lld %% of a staff member's records)"),
    N_("%ld of %ld sessions (%.1f %%) on holidays, weekends or at night, against %.1f %% for the rest of the "
       "centre (%ld of %ld): z %.2f"),
    N_("on multiples of %lld"),
    N_("participant counts"),
    N_("durations"),
    N_("on whole hours"),
    N_("%.0f of %.0f %s (%.1f %%) %s, where the rest of the centre's rates for the same kinds give %.1f (%.1f "
       "%%): chi-square %.2f, p %.2g"),
    N_("MAD %.1f"),
    N_("MAD 0, mean absolute deviation %.2f"),
    N_("; the district's median %.1f (%s), modified z %.2f"),
    N_("%.1f %s in %s against the centre's staff-month median %.1f (%s): modified z %.2f (above %.1f)%s"),
    N_("; in the centre (median %.1f, %s) its modified z is %.2f, not above"),
    N_("; the centre has too few staff-months to compare (%zu, fewer than %zu)"),
    N_("%.1f %s in %s against the district's staff-month median %.1f (%s): modified z %.2f (above %.1f)%s"),
    N_("client"),
    N_("volunteer"),
    N_("%s %s is in this session from %02d:%02d to %02d:%02d on %s and also in another from %02d:%02d to "
       "%02d:%02d (%s:%ld): %d minutes in two places"),
    N_("no client"),
    N_("note nearly identical (estimated Jaccard %.2f) to the note of %s:%d (%s, %s): cluster %ld of %ld notes"),
    N_("cluster %ld: %ld near-identical notes: "),
    N_("the list of activity %s on %s (%zu people) is near-identical to that of activity %s on %s (%s:%ld, %zu "
       "people): %zu in common, Jaccard %.2f"),
    /* why a screen did not run */
    N_("no record has an entered_at (录入时间) value"),
    N_("no --notice date given"),
    N_("no record has an entered_at (录入时间) or modified_at (修改时间) value"),
    N_("no record has both start and end times"),
    N_("no record has a client and no attendance lists were given"),
    N_("no record has a note (备注)"),
    N_("an attendance list came after records: give the lists first"),
    N_("no attendance lists (签到表) were given"),
    N_("no record has hours, start and end, or participants"),
};

/* jz-audit's words with a context or a plural (translated as audit.c marks them). */
typedef struct piece {
    const char *ctx;   /* the msgctxt, or NULL */
    const char *one;   /* the singular of a plural form s (jz_trn), or NULL */
    const char *s;
} piece;

static const piece audit_words[] = {
    {"audit metric", NULL, "hours"},
    {"audit metric", NULL, "records"},
    {"audit metric", NULL, "participants"},
    {NULL, ", %ld working day before the notice of %s", ", %ld working day before the notice of %s"},
    {NULL, ", %ld working day before the notice of %s", ", %ld working days before the notice of %s"},
    {NULL, "records of %d service day", "records of %d service day"},
    {NULL, "records of %d service day", "records of %d service days"},
};

enum { NPIECES = sizeof pieces / sizeof pieces[0], NAUDIT = sizeof audit_pieces / sizeof audit_pieces[0],
       NAUDITW = sizeof audit_words / sizeof audit_words[0], MAXARGS = 16, MAXDEPTH = 4, MAXLEN = 4096,
       MAXLEN_AUDIT = 1 << 20 };  /* a cluster's message lists every line of it */

/* A set of pieces a sentence is read as, most literal text first (a piece of words before
 * a bare "%s: %s"). Audit sentences also let an argument be empty (%.*s of 0 characters,
 * an empty mark) and leave a tail that is no piece as it is (a cluster's list of lines). */
typedef struct pset {
    piece *v;
    size_t n;
    bool audit;
} pset;

static piece result_set[NPIECES], audit_set[NAUDIT + NAUDITW];
static pset sets[2] = {{result_set, NPIECES, false}, {audit_set, NAUDIT + NAUDITW, true}};

/* The length of the printf conversion at p (p[0] == '%', not "%%"): flags, width,
 * precision, length and the conversion; *pos its argument number (%2$s), else 0. */
static size_t spec_len(const char *p, int *pos)
{
    size_t i = 1, d = 1;
    *pos = 0;
    while (p[d] >= '0' && p[d] <= '9')
        d++;
    if (d > 1 && p[d] == '$' && p[1] != '0') {
        for (size_t k = 1; k < d && *pos < 100; k++)
            *pos = *pos * 10 + (p[k] - '0');
        i = d + 1;
    }
    while (p[i] && strchr("-+ #0", p[i]))
        i++;
    while (p[i] == '*' || (p[i] >= '0' && p[i] <= '9'))
        i++;
    if (p[i] == '.') {
        i++;
        while (p[i] == '*' || (p[i] >= '0' && p[i] <= '9'))
            i++;
    }
    while (p[i] && strchr("hlLqjzt", p[i]))
        i++;
    return p[i] && strchr("diouxXeEfFgGcsp", p[i]) ? i + 1 : 1;
}

static bool is_spec(const char *p)
{
    return p[0] == '%' && p[1] && p[1] != '%';
}

static size_t literal_len(const char *p)
{
    size_t n = 0;
    int pos;
    while (*p)
        if (is_spec(p))
            p += spec_len(p, &pos);
        else
            p += p[0] == '%' && p[1] == '%' ? 2 : 1, n++;
    return n;
}

static int by_literal(const void *a, const void *b)
{
    const piece *x = a, *y = b;
    size_t m = literal_len(x->s), n = literal_len(y->s);
    if (m != n)
        return m > n ? -1 : 1;
    return x < y ? -1 : 1;
}

static void order_pieces(void)
{
    for (size_t i = 0; i < NPIECES; i++)
        result_set[i] = (piece){NULL, NULL, pieces[i]};
    for (size_t i = 0; i < NAUDIT; i++)
        audit_set[i] = (piece){NULL, NULL, audit_pieces[i]};
    for (size_t i = 0; i < NAUDITW; i++)
        audit_set[NAUDIT + i] = audit_words[i];
    qsort(result_set, NPIECES, sizeof result_set[0], by_literal);
    qsort(audit_set, NAUDIT + NAUDITW, sizeof audit_set[0], by_literal);
}

/* A piece in the document language. */
static const char *piece_words(const piece *p)
{
    if (p->ctx)
        return jz_tr_ctx_in(jz_doc_lang_get(), p->ctx, p->s);
    if (p->one)
        return jz_trn_in(jz_doc_lang_get(), p->one, p->s, p->one == p->s ? 1 : 2);
    return D_(p->s);
}

/* A growing string. */
typedef struct sb {
    char *s;
    size_t n, cap;
} sb;

static void sb_put(sb *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = jz_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

typedef struct span {
    const char *s;
    size_t n;
} span;

/* The best reading of a text from a position: the fewest English words left in it. */
typedef struct best {
    bool done;
    int cost;      /* English words left; INT_MAX: does not read as pieces */
    char *s;       /* the translation */
} best;

/* Arguments already read (the same text is an argument of many candidate matches). */
typedef struct argmemo {
    const char *s;
    size_t n;
    int cost;
    char *t;
} argmemo;

typedef struct memo {
    argmemo *v;
    size_t n, cap;
} memo;

typedef struct ctx {
    const char *s;
    size_t n;
    int depth;
    best *at;              /* n + 1 entries */
    memo *m;               /* the whole sentence's */
    const pset *set;
} ctx;

static int english_words(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        bool digit = false;
        while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || s[j] == '_' ||
                         (s[j] >= '0' && s[j] <= '9')))
            digit |= s[j] == '_' || (s[j] >= '0' && s[j] <= '9'), j++;
        if (j - i >= 2 && !digit)
            w++;
        i = j > i ? j : i + 1;
    }
    return w;
}

static bool is_date(const char *s, size_t n)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static const best *read_from(ctx *c, size_t i);

/* A plain number of 4 or more whole digits ("15274", "1013.0") with thousands separators
 * ("15,274", "1,013.0") into a new string *out; false for anything else. */
static bool group_digits(const char *s, size_t n, char **out)
{
    size_t i = s[0] == '-', whole = 0;
    while (i + whole < n && s[i + whole] >= '0' && s[i + whole] <= '9')
        whole++;
    size_t j = i + whole;
    if (j < n && s[j] == '.') {
        j++;
        if (j == n)
            return false;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++;
    }
    if (j != n || whole < 4)
        return false;
    char *t = jz_xmalloc(n + whole / 3 + 1), *p = t;
    if (i)
        *p++ = '-';
    for (size_t k = 0; k < whole; k++) {
        if (k && (whole - k) % 3 == 0)
            *p++ = ',';
        *p++ = s[i + k];
    }
    memcpy(p, s + i + whole, n - i - whole);
    p[n - i - whole] = '\0';
    *out = t;
    return true;
}

/* An argument in the document's words: a date, the best reading of its own, or as it is;
 * *cost: the English words it leaves. The text is owned by the memo. */
static const char *arg_words(ctx *c, span a, int *cost)
{
    memo *m = c->m;
    for (size_t k = 0; k < m->n; k++)
        if (m->v[k].n == a.n && memcmp(m->v[k].s, a.s, a.n) == 0) {
            *cost = m->v[k].cost;
            return m->v[k].t;
        }
    char *t = NULL;
    int w = english_words(a.s, a.n);
    if (jz_doc_lang_get() == JZ_LANG_ZH && !c->set->audit && group_digits(a.s, a.n, &t)) {
        w = 0;
    } else if (!c->set->audit && is_date(a.s, a.n)) {   /* jz-audit's dates stay as it writes them */
        char d[11], buf[40];
        memcpy(d, a.s, 10);
        d[10] = '\0';
        t = jz_xstrdup(jz_doc_date(d, buf, sizeof buf));
        w = 0;
    } else if (w > 0 && c->depth + 1 < MAXDEPTH) {
        ctx sub = {a.s, a.n, c->depth + 1, jz_xcalloc(a.n + 1, sizeof(best)), m, c->set};
        const best *b = read_from(&sub, 0);
        if (b->cost < w) {
            t = jz_xstrdup(b->s);
            w = b->cost;
        }
        for (size_t i = 0; i <= a.n; i++)
            free(sub.at[i].s);
        free(sub.at);
    }
    if (!t) {
        t = jz_xmalloc(a.n + 1);
        memcpy(t, a.s, a.n);
        t[a.n] = '\0';
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->v = jz_xrealloc(m->v, m->cap * sizeof *m->v);
    }
    m->v[m->n++] = (argmemo){a.s, a.n, w, t};
    *cost = w;
    return t;
}

/* The translation of piece p with its arguments (each conversion in order, %N$... by
 * number) into out; returns the English words its arguments leave. */
static int render(ctx *c, sb *out, const piece *p, const span *args, int nargs)
{
    const char *t = piece_words(p);
    int next = 0, cost = 0;
    const char *done[MAXARGS] = {0};
    int dcost[MAXARGS] = {0};
    for (int k = 0; k < nargs; k++) {
        done[k] = arg_words(c, args[k], &dcost[k]);
        cost += dcost[k];
    }
    while (*t) {
        int pos;
        if (t[0] == '%' && t[1] == '%') {
            sb_put(out, "%", 1);
            t += 2;
        } else if (is_spec(t)) {
            t += spec_len(t, &pos);
            int k = pos ? pos - 1 : next++;
            if (k < nargs)
                sb_put(out, done[k], strlen(done[k]));
        } else {
            sb_put(out, t, 1);
            t++;
        }
    }
    return cost;
}

static bool arrow_at(const ctx *c, size_t i)
{
    return i + 4 <= c->n && memcmp(c->s + i, " -> ", 4) == 0;
}

/* Every match of piece p from its position pp at text position si (arguments so far in
 * args[0..k)): the reading of the piece and of the rest, kept in *b when it leaves fewer
 * English words. */
static void match(ctx *c, const piece *pc, size_t pp, size_t si, span *args, int k, best *b)
{
    const char *p = pc->s;
    while (p[pp] && !is_spec(p + pp)) {
        char lit = p[pp];
        pp += p[pp] == '%' && p[pp + 1] == '%' ? 2 : 1;
        if (si >= c->n || c->s[si] != lit)
            return;
        si++;
    }
    if (!p[pp]) {  /* the whole piece: the rest must read too */
        const best *rest = si == c->n ? NULL : read_from(c, si);
        if (rest && rest->cost == INT_MAX)
            return;
        sb out = {0};
        int cost = render(c, &out, pc, args, k);
        if (rest) {
            cost += rest->cost;
            sb_put(&out, rest->s, strlen(rest->s));
        }
        if (cost < b->cost) {
            free(b->s);
            b->s = out.s;
            b->cost = cost;
        } else {
            free(out.s);
        }
        return;
    }
    if (k == MAXARGS)
        return;
    int pos;
    pp += spec_len(p + pp, &pos);
    size_t lim = si;  /* an argument does not run across " -> " */
    while (lim < c->n && !arrow_at(c, lim))
        lim++;
    bool any = !p[pp] || is_spec(p + pp);   /* the end, or another conversion right after */
    char next = p[pp] == '%' && p[pp + 1] == '%' ? '%' : p[pp];
    size_t first = si + !c->set->audit;
    if (p[pp] && any) {  /* two conversions side by side: the first takes the most, at equal cost */
        for (size_t e = lim + 1; e-- > first && b->cost > 0;) {
            args[k] = (span){c->s + si, e - si};
            match(c, pc, pp, e, args, k + 1, b);
        }
        return;
    }
    for (size_t e = first; e <= lim && b->cost > 0; e++) {
        if (!any && (e >= c->n || c->s[e] != next))
            continue;
        args[k] = (span){c->s + si, e - si};
        match(c, pc, pp, e, args, k + 1, b);
    }
}

/* Whether piece pc can match the text from i at all: each of its literal runs occurs in
 * the text after the one before, in order (a filter only: the same readings, but a long
 * sentence is not scanned for a piece whose words are not in it). */
static bool could_match(const ctx *c, const piece *pc, size_t i)
{
    const char *p = pc->s;
    size_t at = i;
    while (*p) {
        int pos;
        if (is_spec(p)) {
            p += spec_len(p, &pos);
            continue;
        }
        char run[256];
        size_t n = 0;
        while (*p && !is_spec(p) && n < sizeof run) {
            run[n++] = *p;
            p += p[0] == '%' && p[1] == '%' ? 2 : 1;
        }
        size_t k = at;
        while (k + n <= c->n && memcmp(c->s + k, run, n) != 0)
            k++;
        if (k + n > c->n)
            return false;
        at = k + n;
    }
    return true;
}

/* The best reading of the text from i to its end as pieces (cost INT_MAX: none). */
static const best *read_from(ctx *c, size_t i)
{
    best *b = &c->at[i];
    if (b->done)
        return b;
    b->done = true;
    b->cost = INT_MAX;
    for (size_t o = 0; o < c->set->n && b->cost > 0; o++) {
        span args[MAXARGS];
        if (could_match(c, &c->set->v[o], i))
            match(c, &c->set->v[o], 0, i, args, 0, b);
    }
    /* an audit sentence's tail that is no piece (a cluster's lines) stays as written */
    if (b->cost == INT_MAX && c->set->audit && c->depth == 0 && i > 0) {
        b->cost = english_words(c->s + i, c->n - i);
        b->s = jz_xmalloc(c->n - i + 1);
        memcpy(b->s, c->s + i, c->n - i);
        b->s[c->n - i] = '\0';
    }
    return b;
}

static bool translate(const pset *set, const char *s, size_t n, sb *out)
{
    if (n == 0 || n > (set->audit ? (size_t)MAXLEN_AUDIT : (size_t)MAXLEN))
        return false;
    memo m = {0};
    ctx c = {s, n, 0, jz_xcalloc(n + 1, sizeof(best)), &m, set};
    const best *b = read_from(&c, 0);
    bool ok = b->cost != INT_MAX;
    if (ok)
        sb_put(out, b->s, strlen(b->s));
    for (size_t i = 0; i <= n; i++)
        free(c.at[i].s);
    free(c.at);
    for (size_t k = 0; k < m.n; k++)
        free(m.v[k].t);
    free(m.v);
    return ok;
}

static const char *doc_text(const pset *set, const char *s, char *buf, size_t cap)
{
    if (jz_doc_lang_get() != JZ_LANG_ZH || !s || !*s)
        return s;
    sb out = {0};
    if (!translate(set, s, strlen(s), &out) || out.n >= cap) {  /* never cut: as written then */
        free(out.s);
        return s;
    }
    snprintf(buf, cap, "%s", out.s);
    free(out.s);
    return buf;
}

static pthread_once_t order_once = PTHREAD_ONCE_INIT;

const char *jz_doc_text(const char *s, char *buf, size_t cap)
{
    pthread_once(&order_once, order_pieces);
    return doc_text(&sets[0], s, buf, cap);
}

const char *jz_doc_audit_text(const char *s, char *buf, size_t cap)
{
    pthread_once(&order_once, order_pieces);
    return doc_text(&sets[1], s, buf, cap);
}

typedef struct pair {
    const char *kind, *code, *words;
} pair;

static const pair codes[] = {
    {"status", "full", N_("full")},
    {"status", "partial", N_("partial")},
    {"status", "zero", N_("zero")},
    {"status", "n/a", N_("n/a")},
    {"hours", "ok", N_("ok")},
    {"hours", "short", N_("short")},
    {"hours", "over", N_("over")},
    {"hours", "n/a", N_("n/a")},
    {"applied", "veto", N_("veto")},
    {"applied", "deduction", N_("deduction")},
    {"applied", "deduction-cap", N_("deduction cap")},
    {"applied", "section-cap", N_("section cap")},
    {"applied", "section-minimum", N_("section minimum")},
    {"party", "third_party", N_("third-party evaluators")},
    {"party", "buyer", N_("buyer")},
    {"party", "supervisor", N_("supervisor")},
    {"party", "finance", N_("financial evaluation")},
    {"party", "community", N_("neighbourhood committees")},
    {"check", "bid_total", N_("bid total hours")},
    {"check", "bid_direct", N_("bid direct hours")},
    {"check", "staff_counted", N_("counted professional staff")},
    {"check", "staff_certified", N_("certified social workers")},
    {"check", "staff_total", N_("staff in all")},
    {"check", "staff_vacancy", N_("counted posts vacant")},
    {"check", "service_hours", N_("service hours")},
    {"check", "direct_hours", N_("direct hours")},
    {"check", "training_hours", N_("training hours")},
    {"check", "supervision_hours", N_("supervision hours")},
    {"check", "outreach_share", N_("community and home share")},
    {"screen", "ran", N_("ran")},
    {"screen", "not-run", N_("not run")},
    {"screen", "not-available", N_("not available")},
};

const char *jz_doc_code(const char *kind, const char *code)
{
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(codes[i].kind, kind) == 0 && strcmp(codes[i].code, code) == 0)
            return jz_doc_lang_get() == JZ_LANG_ZH ? D_(codes[i].words) : code;
    return code;
}

const char *jz_doc_count(long n, char *buf, size_t cap)
{
    snprintf(buf, cap, "%ld", n);
    char *t;
    if (jz_doc_lang_get() == JZ_LANG_ZH && group_digits(buf, strlen(buf), &t)) {
        snprintf(buf, cap, "%s", t);
        free(t);
    }
    return buf;
}

const char *jz_doc_date(const char *iso, char *buf, size_t cap)
{
    if (jz_doc_lang_get() != JZ_LANG_ZH || !iso || !is_date(iso, strlen(iso)))
        return iso;
    int y = 0, m = (iso[5] - '0') * 10 + (iso[6] - '0'), d = (iso[8] - '0') * 10 + (iso[9] - '0');
    for (int i = 0; i < 4; i++)
        y = y * 10 + (iso[i] - '0');
    snprintf(buf, cap, "%d年%d月%d日", y, m, d);
    return buf;
}
