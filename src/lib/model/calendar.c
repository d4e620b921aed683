/* calendar.c — see include/jz/calendar.h */
#include "jz/calendar.h"
#include "jz/text.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define NFIELDS 4
#define HEADER "date,kind,name,notice"
#define BOM "\xEF\xBB\xBF"
#define SHOWN 40  /* bytes of an offending value quoted in a message */

/* One exception to the regular week. */
typedef struct entry {
    jz_day day;
    bool work;       /* true: make-up working day; false: holiday */
    long line;       /* where it was read, for the duplicate message */
    char *reason;    /* "国庆节" or "make-up working day (国庆节)" */
} entry;

struct jz_calendar {
    entry *v;        /* sorted by day once loaded */
    size_t n, cap;
    int *years;      /* covered years (those with an `off` date), ascending */
    size_t nyears;
    bool assume_regular;
};

/* One record line split into fields. */
typedef struct record {
    const char *file;
    long line;
    const char *f[NFIELDS];
    size_t len[NFIELDS];
} record;

static int year_of(jz_day day)
{
    int y, m, d;
    jz_civil_from_days(day, &y, &m, &d);
    return y;
}

static jz_day min_day(void)
{
    return jz_days_from_civil(1, 1, 1);
}

static jz_day max_day(void)
{
    return jz_days_from_civil(9999, 12, 31);
}

/* Field number (1-based) holding byte offset off of s[0..n). */
static long field_at(const char *s, size_t off)
{
    long col = 1;
    for (size_t i = 0; i < off; i++)
        col += s[i] == ',';
    return col;
}

/* Reject bytes a name or date can never hold: invalid UTF-8 and control characters. */
static jz_code check_bytes(const char *s, size_t n, const char *file, long line, jz_error *err)
{
    bool incomplete;
    size_t ok = jz_utf8_valid_prefix((const unsigned char *)s, n, &incomplete);
    if (ok < n)
        return jz_error_set(err, JZ_EINPUT, file, line, field_at(s, ok),
                            "not valid UTF-8 (save the file as UTF-8)");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return jz_error_set(err, JZ_EINPUT, file, line, field_at(s, i),
                                "control character 0x%02x in the line", c);
    }
    return JZ_OK;
}

/* Split s[0..n) on ',' into exactly NFIELDS unquoted fields. */
static jz_code split(record *r, const char *s, size_t n, jz_error *err)
{
    int nf = 0;
    for (size_t start = 0;; nf++) {
        const char *comma = memchr(s + start, ',', n - start);
        size_t end = comma ? (size_t)(comma - s) : n;
        if (end > start && s[start] == '"')
            return jz_error_set(err, JZ_EINPUT, r->file, r->line, nf + 1,
                                "quoted field: this file format is unquoted "
                                "(write the value without '\"')");
        if (nf < NFIELDS) {
            r->f[nf] = s + start;
            r->len[nf] = end - start;
        }
        if (!comma)
            break;
        start = end + 1;
    }
    nf++;
    if (nf != NFIELDS)
        return jz_error_set(err, JZ_EINPUT, r->file, r->line, nf < NFIELDS ? nf + 1 : NFIELDS + 1,
                            "%d fields, expected %d (" HEADER ")", nf, NFIELDS);
    return JZ_OK;
}

static bool field_is(const record *r, int i, const char *word)
{
    return r->len[i] == strlen(word) && memcmp(r->f[i], word, r->len[i]) == 0;
}

static void push(jz_calendar *cal, entry e)
{
    if (cal->n == cal->cap) {
        cal->cap = cal->cap ? 2 * cal->cap : 512;
        cal->v = jz_xrealloc(cal->v, cal->cap * sizeof *cal->v);
    }
    cal->v[cal->n++] = e;
}

/* Turn a split record into an entry. */
static jz_code add_record(jz_calendar *cal, const record *r, jz_error *err)
{
    entry e = {.line = r->line};
    const char *d = r->f[0];
    if (r->len[0] != 10 || d[4] != '-' || d[7] != '-' || !jz_date_parse(d, 10, &e.day))
        return jz_error_set(err, JZ_EINPUT, r->file, r->line, 1,
                            "bad date '%.*s': expected YYYY-MM-DD",
                            (int)(r->len[0] < SHOWN ? r->len[0] : SHOWN), d);
    if (field_is(r, 1, "work"))
        e.work = true;
    else if (!field_is(r, 1, "off"))
        return jz_error_set(err, JZ_EINPUT, r->file, r->line, 2,
                            "unknown kind '%.*s': expected off or work",
                            (int)(r->len[1] < SHOWN ? r->len[1] : SHOWN), r->f[1]);
    if (r->len[2] == 0)
        return jz_error_set(err, JZ_EINPUT, r->file, r->line, 3, "empty holiday name");
    if (e.work) {
        size_t n = r->len[2] + sizeof "make-up working day ()";
        e.reason = jz_xmalloc(n);
        snprintf(e.reason, n, "make-up working day (%.*s)", (int)r->len[2], r->f[2]);
    } else {
        e.reason = jz_xstrndup(r->f[2], r->len[2]);
    }
    push(cal, e);
    return JZ_OK;
}

/* One physical line: comment, empty, the header, or a record. */
static jz_code parse_line(jz_calendar *cal, const char *s, size_t n, const char *file, long line,
                          bool *header, jz_error *err)
{
    if (n && s[n - 1] == '\n')
        n--;
    if (n && s[n - 1] == '\r')
        n--;
    if (line == 1 && n >= 3 && memcmp(s, BOM, 3) == 0) {
        s += 3;
        n -= 3;
    }
    if (n == 0 || s[0] == '#')
        return JZ_OK;
    jz_code rc = check_bytes(s, n, file, line, err);
    if (rc)
        return rc;
    if (!*header) {
        if (n != strlen(HEADER) || memcmp(s, HEADER, n) != 0)
            return jz_error_set(err, JZ_EINPUT, file, line, 1,
                                "expected the header line '" HEADER "'");
        *header = true;
        return JZ_OK;
    }
    record r = {.file = file, .line = line};
    rc = split(&r, s, n, err);
    return rc ? rc : add_record(cal, &r, err);
}

static int by_day_then_line(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* Sort, reject duplicates (the earliest second occurrence), list the covered years. */
static jz_code finish(jz_calendar *cal, const char *file, jz_error *err)
{
    qsort(cal->v, cal->n, sizeof *cal->v, by_day_then_line);
    const entry *dup = NULL;
    for (size_t i = 1; i < cal->n; i++)
        if (cal->v[i].day == cal->v[i - 1].day && (!dup || cal->v[i].line < dup->line))
            dup = &cal->v[i];
    if (dup) {
        char buf[11];
        long first = dup[-1].line;
        return jz_error_set(err, JZ_EINPUT, file, dup->line, 1,
                            "duplicate date %s (first on line %ld)",
                            jz_date_format(dup->day, buf), first);
    }
    cal->years = jz_xmalloc((cal->n ? cal->n : 1) * sizeof *cal->years);
    for (size_t i = 0; i < cal->n; i++) {
        int y = year_of(cal->v[i].day);
        if (!cal->v[i].work && (cal->nyears == 0 || cal->years[cal->nyears - 1] != y))
            cal->years[cal->nyears++] = y;
    }
    return JZ_OK;
}

/* The state of one read: the calendar so far, the line number and whether the header was
 * seen. jz_calendar_read and jz_calendar_from_buffer feed it the same lines. */
typedef struct reader {
    jz_calendar *cal;
    const char *name;
    long line;
    bool header;
} reader;

/* One physical line, its '\n' included when it has one (as getline gives it). */
static jz_code feed_line(reader *rd, const char *s, size_t len, jz_error *err)
{
    const char *cr = rd->line == 0 ? memchr(s, '\r', len) : NULL;
    if (cr && cr + 1 < s + len && cr[1] != '\n')  /* the first line holds a CR that no LF follows */
        return jz_error_set(err, JZ_EINPUT, rd->name, 1, 1, "lines end with CR only (an old Mac format): save the "
                            "calendar with LF or CRLF line ends");
    return parse_line(rd->cal, s, len, rd->name, ++rd->line, &rd->header, err);
}

/* After the last line: the header check and finish; the calendar, or NULL (freed) on rc. */
static jz_calendar *conclude(reader *rd, jz_code rc, jz_error *err)
{
    if (rc == JZ_OK && !rd->header)
        rc = jz_error_set(err, JZ_EINPUT, rd->name, rd->line, 0,
                          "no header line '" HEADER "': not a holiday calendar");
    if (rc == JZ_OK)
        rc = finish(rd->cal, rd->name, err);
    if (rc != JZ_OK) {
        jz_calendar_free(rd->cal);
        return NULL;
    }
    return rd->cal;
}

jz_calendar *jz_calendar_read(FILE *fp, const char *name, jz_error *err)
{
    reader rd = {jz_xcalloc(1, sizeof *rd.cal), name, 0, false};
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    jz_code rc = JZ_OK;
    while (rc == JZ_OK && (len = getline(&buf, &cap, fp)) >= 0)
        rc = feed_line(&rd, buf, (size_t)len, err);
    free(buf);
    if (rc == JZ_OK && ferror(fp))
        rc = jz_error_sys(err, name, "cannot read the holiday calendar");
    return conclude(&rd, rc, err);
}

jz_calendar *jz_calendar_from_buffer(const char *text, size_t n, const char *name, jz_error *err)
{
    reader rd = {jz_xcalloc(1, sizeof *rd.cal), name, 0, false};
    jz_code rc = JZ_OK;
    for (size_t at = 0; rc == JZ_OK && at < n;) {
        const char *nl = memchr(text + at, '\n', n - at);
        size_t len = nl ? (size_t)(nl - (text + at)) + 1 : n - at;
        rc = feed_line(&rd, text + at, len, err);
        at += len;
    }
    return conclude(&rd, rc, err);
}

jz_calendar *jz_calendar_load(const char *path, jz_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        jz_error_sys(err, path, "cannot open the holiday calendar");
        return NULL;
    }
    jz_calendar *cal = jz_calendar_read(fp, path, err);
    fclose(fp);
    return cal;
}

void jz_calendar_free(jz_calendar *cal)
{
    if (!cal)
        return;
    for (size_t i = 0; i < cal->n; i++)
        free(cal->v[i].reason);
    free(cal->v);
    free(cal->years);
    free(cal);
}

void jz_calendar_set_assume_regular(jz_calendar *cal, bool on)
{
    cal->assume_regular = on;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

bool jz_calendar_covers(const jz_calendar *cal, int y)
{
    return bsearch(&y, cal->years, cal->nyears, sizeof *cal->years, cmp_int) != NULL;
}

static int cmp_day(const void *key, const void *elem)
{
    jz_day d = *(const jz_day *)key, e = ((const entry *)elem)->day;
    return (d > e) - (d < e);
}

int jz_calendar_is_working(const jz_calendar *cal, jz_day day, const char **reason,
                           jz_error *err)
{
    int y = year_of(day);
    bool known = jz_calendar_covers(cal, y);
    if (!known && !cal->assume_regular) {
        jz_error_set(err, JZ_EINPUT, NULL, 0, 0,
                     "%d: no holiday calendar for this year (the State Council notice is not "
                     "in the calendar); give --calendar FILE or --assume-regular-weeks", y);
        return -1;
    }
    const entry *e = bsearch(&day, cal->v, cal->n, sizeof *cal->v, cmp_day);
    int working = e ? e->work : jz_weekday(day) < 5;
    const char *why;
    if (e)
        why = e->reason;
    else if (known)
        why = working ? "working day" : "weekend";
    else
        why = working ? "working day (regular week assumed)" : "weekend (regular week assumed)";
    if (reason)
        *reason = why;
    return working;
}

/* The day after (step 1) or before (step -1) d, unless that leaves the years 1..9999. */
static jz_code step_day(jz_day *d, int step, jz_error *err)
{
    if (step > 0 && *d >= max_day())
        return jz_error_set(err, JZ_EUSAGE, NULL, 0, 0, "the date would be after 9999-12-31");
    if (step < 0 && *d <= min_day())
        return jz_error_set(err, JZ_EUSAGE, NULL, 0, 0, "the date would be before 0001-01-01");
    *d += step;
    return JZ_OK;
}

jz_code jz_calendar_add_working(const jz_calendar *cal, jz_day day, long n, jz_day *out,
                                jz_error *err)
{
    int step = n < 0 ? -1 : 1;
    jz_day d = day;
    while (n != 0) {
        jz_code rc = step_day(&d, step, err);
        if (rc)
            return rc;
        int w = jz_calendar_is_working(cal, d, NULL, err);
        if (w < 0)
            return JZ_EINPUT;
        if (w)
            n -= step;
    }
    *out = d;
    return JZ_OK;
}

jz_code jz_calendar_count(const jz_calendar *cal, jz_day from, jz_day to, long *n,
                          jz_error *err)
{
    long count = 0;
    for (jz_day d = from; d <= to; d++) {
        int w = jz_calendar_is_working(cal, d, NULL, err);
        if (w < 0)
            return JZ_EINPUT;
        count += w;
        if (d == to)  /* no d++ past to: to may be INT32_MAX */
            break;
    }
    *n = count;
    return JZ_OK;
}

jz_code jz_calendar_next_working(const jz_calendar *cal, jz_day day, jz_day *out,
                                 jz_error *err)
{
    jz_day d = day;
    for (;;) {
        int w = jz_calendar_is_working(cal, d, NULL, err);
        if (w < 0)
            return JZ_EINPUT;
        if (w) {
            *out = d;
            return JZ_OK;
        }
        jz_code rc = step_day(&d, 1, err);
        if (rc)
            return rc;
    }
}
