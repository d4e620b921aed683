/* test_memsrc.c — the memory row source (rowsrc.h: jz_rowsrc_open_mem, named buffers,
 * jz_table_read_src): the same bytes read from a file and from memory give the same rows,
 * lines, places, diagnostics and errors, the memory route naming the name it was given.
 * This program writes each input to a temporary file on purpose: the file route is the
 * reference the memory route is compared with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/rowsrc.h"
#include "jz/table.h"

#define NAME "records.csv"
#define MIB (1u << 20)

/* ---- a growing text ---- */

typedef struct text {
    char *p;
    size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list aq;
    va_copy(aq, ap);
    int k = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    assert_true(k >= 0);
    if (t->n + (size_t)k + 1 > t->cap) {
        t->cap = (t->n + (size_t)k + 1) * 2;
        t->p = realloc(t->p, t->cap);
        assert_non_null(t->p);
    }
    vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
    t->n += (size_t)k;
    va_end(ap);
}

/* A file name as a transcript shows it: "<F>" for the route's own name. */
static const char *shown(const char *file, const char *own)
{
    return file && strcmp(file, own) == 0 ? "<F>" : file ? file : "(null)";
}

typedef struct sink {
    jz_diag d;
    text *t;
    const char *own;
} sink;

static void collect(void *ctx, const jz_diag_msg *m)
{
    sink *s = ctx;
    put(s->t, "diag %s:%ld:%ld %s %s [%s] %s\n", shown(m->file, s->own), m->line, m->col,
        jz_severity_name(m->sev), m->code, m->column, m->message);
}

/* ---- temporary files: the reference route ---- */

static char tmp_path[512];

static const char *write_temp(const void *data, size_t n)
{
    const char *dir = getenv("TMPDIR");
    snprintf(tmp_path, sizeof tmp_path, "%s/jz-ut-memsrc-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp_path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
    return tmp_path;
}

static int remove_temp(void **state)
{
    (void)state;
    if (tmp_path[0])
        unlink(tmp_path);
    tmp_path[0] = '\0';
    jz_rowsrc_mem_clear();
    return 0;
}

/* ---- one route's transcript: every row, place, diagnostic and the end ---- */

static void transcribe(jz_rowsrc *s, const char *own, sink *k, jz_error *err)
{
    text *t = k->t;
    put(t, "kind %s encoding %d (%s) rereadable %d\n", jz_rowsrc_kind(s), (int)jz_rowsrc_encoding(s),
        jz_rowsrc_encoding_reason(s), (int)jz_rowsrc_rereadable(s));
    jz_row row;
    int rc;
    while ((rc = jz_rowsrc_next(s, &row, err)) > 0) {
        put(t, "row %ld:", row.line);
        for (size_t i = 0; i < row.nfields; i++) {
            char where[64];
            jz_rowsrc_where(s, &row, i, where, sizeof where);
            assert_int_equal(strlen(row.fields[i]), row.lens[i]);
            put(t, " [%s]%s%s", row.fields[i], where[0] ? "@" : "", where);
        }
        put(t, "\n");
    }
    put(t, "end %d code %d %s:%ld:%ld %s\nencoding %d (%s) bytes %llu\n", rc, (int)err->code,
        shown(err->file, own), err->line, err->col, err->msg, (int)jz_rowsrc_encoding(s),
        jz_rowsrc_encoding_reason(s), jz_rowsrc_bytes(s));
}

/* The transcript of opening and reading data: from a file (mem false) or from memory
 * under NAME. Caller frees. */
static char *route(const void *data, size_t n, bool mem, jz_encoding enc)
{
    text t = {0};
    put(&t, "%s", "");
    const char *own = mem ? NAME : write_temp(data, n);
    sink k = {.t = &t, .own = own};
    jz_diag_init(&k.d, collect, &k);
    jz_error err;
    jz_error_clear(&err);
    jz_rowsrc_opts o = {.enc = enc};
    jz_rowsrc *s = mem ? jz_rowsrc_open_mem(NAME, data, n, &o, &k.d, &err) : jz_rowsrc_open(own, &o, &k.d, &err);
    if (!s)
        put(&t, "open failed code %d %s:%ld:%ld %s\n", (int)err.code, shown(err.file, own), err.line, err.col,
            err.msg);
    else
        transcribe(s, own, &k, &err);
    jz_rowsrc_close(s);
    if (!mem) {
        unlink(tmp_path);
        tmp_path[0] = '\0';
    }
    return t.p;
}

/* Both routes agree on data, and the memory route names NAME wherever the file route names
 * its file (the transcripts show both as <F>). Returns the transcript (caller frees). */
static char *same_both_ways(const void *data, size_t n, jz_encoding enc)
{
    char *f = route(data, n, false, enc), *m = route(data, n, true, enc);
    if (strcmp(f, m) != 0)
        fail_msg("file and memory differ:\n--- file\n%.3000s\n--- memory\n%.3000s", f, m);
    free(f);
    return m;
}

static void expect_in(const char *transcript, const char *want)
{
    if (!strstr(transcript, want))
        fail_msg("missing \"%s\" in:\n%.3000s", want, transcript);
}

/* s converted from UTF-8 to GB18030 with iconv(3); caller frees; *n its length. */
static char *to_gb18030(const char *s, size_t *n)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(s), cap = inleft * 2 + 16, outleft = cap;
    char *out = malloc(cap), *in = (char *)s, *o = out;
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *n = cap - outleft;
    return out;
}

/* ---- CSV: every kind of byte the reader treats specially, both ways ---- */

static void small_csv_inputs_read_the_same_from_memory_as_from_a_file(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t n;  /* 0: strlen */
        jz_encoding enc;
        const char *expect;  /* a line of the transcript */
    } cases[] = {
        {"record_id,centre\nR1,C1\nR2,C2\n", 0, JZ_ENC_AUTO, "row 3: [R2] [C2]\n"},
        {"\xEF\xBB\xBF" "记录编号,centre\n1,2\n", 0, JZ_ENC_AUTO, "(UTF-8 byte-order mark)"},
        {"a,b\r\nR1,C1\r\n\r\n\"q\",x\r\n", 0, JZ_ENC_AUTO, "row 4: [q] [x]\n"},
        {"id,note\n1,\"line one\nline two\n\nline four\"\n2,x\n", 0, JZ_ENC_AUTO, "row 6: [2] [x]\n"},
        {"a,b,c\nx,ab\"c,y\nR2,C2,z\n", 0, JZ_ENC_AUTO, "bad-quote"},
        {"a,b\nR1,C1\nR2,\"never closed\nmore\nlast\n", 0, JZ_ENC_AUTO, "unterminated-quote"},
        {"a,b\nR1,x\0y\n", 10, JZ_ENC_AUTO, "a NUL byte"},
        {"a,b,c\nx,y,z\xFFz\n3,4,5\n", 0, JZ_ENC_UTF8, "cannot be decoded as UTF-8"},
        {"a,b\rc,d\re,f\r", 0, JZ_ENC_AUTO, "lines end with CR only"},
        {"a,b\nc,d", 0, JZ_ENC_AUTO, "row 2: [c] [d]\n"},
        {"", 0, JZ_ENC_AUTO, "end 0 code 0"},
        {"\na,b\n\n\nc,d\n\n", 0, JZ_ENC_AUTO, "row 5: [c] [d]\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = cases[i].n ? cases[i].n : strlen(cases[i].bytes);
        char *t = same_both_ways(cases[i].bytes, n, cases[i].enc);
        expect_in(t, cases[i].expect);
        if (strstr(t, "diag ") || !strstr(t, " code 0 ") || strstr(t, "open failed"))
            expect_in(t, "<F>");  /* the message names the file: records.csv from memory */
        free(t);
    }
}

static void gb18030_reads_the_same_from_memory(void **state)
{
    (void)state;
    size_t n;
    char *gb = to_gb18030("编号,中心\n1,海珠\n2,番禺\n", &n);
    char *t = same_both_ways(gb, n, JZ_ENC_AUTO);
    expect_in(t, "row 3: [2] [番禺]\n");
    expect_in(t, "(not valid UTF-8)");
    free(t);
    free(gb);
}

/* Past the first MiB (the first chunk read): the switch to GB18030 and a row longer than
 * the buffer happen at the same bytes from memory as from a file. */
static void bytes_past_the_first_mib_read_the_same_from_memory(void **state)
{
    (void)state;
    text s = {0};
    put(&s, "id,name\n");
    for (int i = 0; s.n < MIB + 4096; i++)
        put(&s, "%d,name-%d\n", i, i);
    size_t gn;
    char *gb = to_gb18030("9001,海珠\n", &gn);
    size_t n = s.n + gn;
    char *data = malloc(n);
    memcpy(data, s.p, s.n);
    memcpy(data + s.n, gb, gn);
    char *t = same_both_ways(data, n, JZ_ENC_AUTO);
    expect_in(t, "encoding-switch");
    expect_in(t, " [9001] [海珠]\n");
    free(t);
    free(data);
    free(gb);

    size_t big = 2 * MIB + 17;
    char *row = malloc(big + 16);
    memcpy(row, "a,b\n\"", 5);
    memset(row + 5, 'x', big);
    memcpy(row + 5 + big, "\",y\nc,d\n", 8);
    t = same_both_ways(row, big + 13, JZ_ENC_AUTO);
    expect_in(t, "row 3: [c] [d]\n");
    free(t);
    free(row);
    free(s.p);
}

/* ---- named buffers: every reader by name reads memory ---- */

static void a_registered_name_is_opened_from_memory_until_removed(void **state)
{
    (void)state;
    static const char csv[] = "a,b\n1,2\n";
    jz_rowsrc_mem_add(NAME, csv, sizeof csv - 1);
    unsigned long long size;
    assert_true(jz_rowsrc_size(NAME, &size));
    assert_int_equal(size, sizeof csv - 1);
    assert_true(jz_rowsrc_can_split(NAME));
    assert_false(jz_rowsrc_is_workbook(NAME));
    jz_error err;
    jz_rowsrc *s = jz_rowsrc_open(NAME, NULL, NULL, &err);
    assert_non_null(s);
    jz_row row;
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 2);
    assert_string_equal(row.fields[1], "2");
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 0);
    jz_rowsrc_close(s);
    jz_rowsrc_mem_remove(NAME);
    assert_false(jz_rowsrc_size(NAME, &size));
    assert_null(jz_rowsrc_open(NAME, NULL, NULL, &err));  /* no such file here */
    assert_int_equal(err.code, JZ_EIO);
}

/* A table's diagnostics from three routes: a file, the same bytes registered under NAME
 * (read by name), and a source opened on them (jz_table_read_src). */
typedef struct tally {
    long rows, bad, lines;
} tally;

static int count_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    (void)h;
    (void)f;
    tally *t = ctx;
    t->rows++;
    t->bad += nerr > 0;
    t->lines += row->line;
    return 0;
}

#define RECORDS_HEAD                                                                        \
    "record_id,centre,date,start,end,staff,activity,kind,mode,place,target,client,"        \
    "participants,hours,volunteers,volunteer_hours\n"

static char *table_route(const char *data, int how)
{
    text t = {0};
    put(&t, "%s", "");
    size_t n = strlen(data);
    const char *own = how == 0 ? write_temp(data, n) : NAME;
    sink k = {.t = &t, .own = own};
    jz_diag_init(&k.d, collect, &k);
    jz_error err;
    jz_table_info info;
    tally c = {0};
    jz_code code;
    if (how == 2) {
        jz_rowsrc *s = jz_rowsrc_open_mem(NAME, data, n, NULL, &k.d, &err);
        assert_non_null(s);
        code = jz_table_read_src(s, NAME, JZ_FILE_UNKNOWN, 0, &k.d, count_row, &c, &info, &err);
        jz_rowsrc_close(s);
    } else {
        if (how == 1)
            jz_rowsrc_mem_add(NAME, data, n);
        code = jz_table_read(own, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &k.d, count_row, &c, &info, &err);
        jz_rowsrc_mem_remove(NAME);
    }
    put(&t, "code %d type %d header %ld rows %ld bad %ld | %ld %ld %ld\n", (int)code, (int)info.type,
        info.header_line, info.rows, info.bad_rows, c.rows, c.bad, c.lines);
    if (how == 0) {
        unlink(tmp_path);
        tmp_path[0] = '\0';
    }
    return t.p;
}

static void a_table_reads_the_same_by_file_by_name_and_from_an_open_source(void **state)
{
    (void)state;
    const char *csv = "Records of centre A\n" RECORDS_HEAD
                      "R1,A,2024-03-04,09:00,10:00,S1,,case,direct,home,elderly,K1,1,1,,\n"
                      "R2,A,2024-02-30,09:00,10:00,S1,,case,direct,home,elderly,K1,1,1,,\n"
                      "R3,A,2024-03-05,09:00,10:00,S1,,case,direct,home,elderly,K1,1,1,,\n";
    char *f = table_route(csv, 0), *byname = table_route(csv, 1), *src = table_route(csv, 2);
    assert_string_equal(byname, f);
    assert_string_equal(src, f);
    expect_in(f, "diag <F>:4:");  /* the bad date, on physical line 4, naming records.csv */
    expect_in(f, "header 2 rows 3 bad 1 | 3 1 12\n");
    free(f);
    free(byname);
    free(src);
}

/* ---- two cores: a registered buffer splits as a file does ---- */

static int split_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    (void)h;
    (void)nerr;
    tally *t = ctx;
    t->rows++;
    t->lines += row->line;
    t->bad += strtol(f[JZ_R_RECORD_ID].s + 1, NULL, 10);
    return 0;
}

static void split_route(const char *data, bool mem, int *halves, long *base, tally c[2], text *t)
{
    size_t n = strlen(data);
    const char *own = mem ? NAME : write_temp(data, n);
    if (mem)
        jz_rowsrc_mem_add(NAME, data, n);
    sink k = {.t = t, .own = own};
    jz_diag_init(&k.d, collect, &k);
    jz_error err;
    jz_table_info info;
    void *ctx[2] = {&c[0], &c[1]};
    assert_int_equal(jz_table_read_split(own, JZ_FILE_RECORDS, JZ_ENC_AUTO, 0, &k.d, split_row, ctx, halves, base,
                                         &info, &err),
                     JZ_OK);
    jz_rowsrc_mem_remove(NAME);
    if (!mem) {
        unlink(tmp_path);
        tmp_path[0] = '\0';
    }
}

static void a_registered_buffer_is_read_in_two_halves_as_its_file(void **state)
{
    (void)state;
    jz_table_set_split_min(1);
    text s = {0};
    put(&s, "%s", RECORDS_HEAD);
    for (int i = 1; i <= 2000; i++)
        put(&s, "R%d,C1,%s,09:00,10:00,S%d,,case,direct,home,elderly,K1,1,1,,\n", i,
            i == 1500 ? "2024-02-30" : "2024-03-05", i);
    int hf, hm;
    long bf, bm;
    tally cf[2] = {{0}}, cm[2] = {{0}};
    text tf = {0}, tm = {0};
    put(&tf, "%s", "");
    put(&tm, "%s", "");
    split_route(s.p, false, &hf, &bf, cf, &tf);
    split_route(s.p, true, &hm, &bm, cm, &tm);
    jz_table_set_split_min(16u << 20);
    assert_int_equal(hf, 2);
    assert_int_equal(hm, 2);
    assert_int_equal(bm, bf);
    assert_memory_equal(cm, cf, sizeof cf);
    assert_int_equal(cm[0].rows + cm[1].rows, 2000);
    assert_int_equal(cm[0].bad + cm[1].bad, 2000 * 2001 / 2);  /* every record id once */
    assert_string_equal(tm.p, tf.p);
    expect_in(tm.p, "diag <F>:1501:");  /* the second half's message, with the file's line */
    free(tf.p);
    free(tm.p);
    free(s.p);
}

/* ---- workbooks ---- */

static char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    text t = {0};
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (t.n + k > t.cap) {
            t.cap = (t.n + k) * 2;
            t.p = realloc(t.p, t.cap);
        }
        memcpy(t.p + t.n, buf, k);
        t.n += k;
    }
    fclose(fp);
    *n = t.n;
    return t.p;
}

static void an_xlsx_reads_the_same_from_memory_and_an_xls_is_refused(void **state)
{
    (void)state;
    size_t n;
    char *x = slurp("samples/xlsx/roster.xlsx", &n);
    char *t = same_both_ways(x, n, JZ_ENC_AUTO);
    expect_in(t, "kind xlsx");
    expect_in(t, "row 2: [NZ-S01]@名册!A2 ");  /* jz_rowsrc_where names the cell, from memory too */
    free(t);
    t = same_both_ways(x, n / 2, JZ_ENC_AUTO);  /* cut short: the same refusal */
    char want[96];
    snprintf(want, sizeof want, "open failed code %d <F>:0:0 the workbook is cut short or damaged", (int)JZ_EINPUT);
    expect_in(t, want);
    free(t);
    free(x);

    char *xls = slurp("samples/xlsx/roster.xls", &n);
    jz_error err;
    assert_null(jz_rowsrc_open_mem(NAME, xls, n, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.file, NAME);
    assert_non_null(strstr(err.msg, "read from a file only"));
    free(xls);

    static const char fake[] = "a,b\n1,2\n";
    assert_null(jz_rowsrc_open_mem("roster.xlsx", fake, sizeof fake - 1, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "named as an Excel workbook, but not one"));
}

#define T(f) cmocka_unit_test_teardown(f, remove_temp)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(small_csv_inputs_read_the_same_from_memory_as_from_a_file),
        T(gb18030_reads_the_same_from_memory),
        T(bytes_past_the_first_mib_read_the_same_from_memory),
        T(a_registered_name_is_opened_from_memory_until_removed),
        T(a_table_reads_the_same_by_file_by_name_and_from_an_open_source),
        T(a_registered_buffer_is_read_in_two_halves_as_its_file),
        T(an_xlsx_reads_the_same_from_memory_and_an_xls_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
