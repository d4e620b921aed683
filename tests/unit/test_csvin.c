/* test_csvin.c — the streaming CSV reader (csvin.h): quoting, line numbers, encodings,
 * undecodable bytes, quoting errors and rows or files bigger than its 1 MiB buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/csvin.h"

/* ---- inputs held in memory (jz_csv_open_mem), named in0.csv, in1.csv, ...; freed after
 * each test (even a failed one). A CSV read from memory is read as the same bytes in a
 * file (test_memsrc.c compares the two routes); only the missing-file test opens a path. */

typedef struct input {
    char name[16];
    char *data;
    size_t n;
} input;

static input temps[16];
static int ntemps;

static const char *temp_file(const void *data, size_t n)
{
    assert_true(ntemps < 16);
    input *in = &temps[ntemps];
    snprintf(in->name, sizeof in->name, "in%d.csv", ntemps);
    in->data = malloc(n ? n : 1);
    assert_non_null(in->data);
    if (n)
        memcpy(in->data, data, n);
    in->n = n;
    ntemps++;
    return in->name;
}

static const char *temp_csv(const char *s)
{
    return temp_file(s, strlen(s));
}

static int remove_temps(void **state)
{
    (void)state;
    for (int i = 0; i < ntemps; i++) {
        free(temps[i].data);
        temps[i] = (input){{0}, NULL, 0};
    }
    ntemps = 0;
    return 0;
}

/* Open the input temp_file named `name` from memory. */
static jz_csv *open_input(const char *name, jz_encoding enc, jz_diag *diag, jz_error *err)
{
    for (int i = 0; i < ntemps; i++)
        if (strcmp(temps[i].name, name) == 0)
            return jz_csv_open_mem(name, temps[i].data, temps[i].n, enc, diag, err);
    fail_msg("no input %s", name);
    return NULL;
}

/* ---- a diag sink that records what it is told ---- */

typedef struct sink {
    jz_diag d;
    int n;
    char text[2048];  /* "line:col severity code\n" per message */
} sink;

static void collect(void *ctx, const jz_diag_msg *m)
{
    sink *s = ctx;
    size_t used = strlen(s->text);
    snprintf(s->text + used, sizeof s->text - used, "%ld:%ld %s %s\n", m->line, m->col,
             jz_severity_name(m->sev), m->code);
    s->n++;
}

static void sink_init(sink *s)
{
    memset(s, 0, sizeof *s);
    jz_diag_init(&s->d, collect, s);
}

/* ---- reading ---- */

typedef struct reader {
    jz_csv *r;
    jz_error err;
    jz_row row;
    sink diags;
} reader;

static void open_reader(reader *rd, const char *path, jz_encoding enc)
{
    memset(rd, 0, sizeof *rd);
    sink_init(&rd->diags);
    jz_error_clear(&rd->err);
    rd->r = open_input(path, enc, &rd->diags.d, &rd->err);
    if (!rd->r)
        fail_msg("cannot open %s: %s", path, rd->err.msg);
}

/* Expect the next row to start on `line` and hold exactly the fields given (a
 * NULL-terminated list). */
static void expect_row(reader *rd, long line, ...)
{
    int rc = jz_csv_next(rd->r, &rd->row, &rd->err);
    if (rc != 1)
        fail_msg("expected a row at line %ld, got %d (%s)", line, rc, rd->err.msg);
    assert_int_equal(rd->row.line, line);
    va_list ap;
    va_start(ap, line);
    size_t i = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
        assert_true(i < rd->row.nfields);
        assert_string_equal(rd->row.fields[i], want);
        assert_int_equal(rd->row.lens[i], strlen(want));
    }
    va_end(ap);
    assert_int_equal(rd->row.nfields, i);
    /* the row's span (rowsrc.h): its fields in order inside it, each followed by its NUL,
     * the last one's NUL ending it, whichever path read the row */
    const char *span = rd->row.span;
    assert_non_null(span);
    for (size_t k = 0; k < i; k++) {
        const char *fk = rd->row.fields[k];
        assert_true(fk >= span && fk + rd->row.lens[k] < span + rd->row.span_n);
        assert_int_equal(fk[rd->row.lens[k]], '\0');
        if (k)
            assert_true(fk > rd->row.fields[k - 1] + rd->row.lens[k - 1]);
    }
    assert_ptr_equal(rd->row.fields[i - 1] + rd->row.lens[i - 1] + 1, span + rd->row.span_n);
}

static void expect_end(reader *rd)
{
    assert_int_equal(jz_csv_next(rd->r, &rd->row, &rd->err), 0);
    assert_int_equal(rd->err.code, JZ_OK);
    jz_csv_close(rd->r);
    rd->r = NULL;
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

/* ---- line endings and quoting ---- */

static void lf_file_gives_each_row_with_its_line(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("record_id,centre\nR1,C1\nR2,C2\n"), JZ_ENC_AUTO);
    assert_int_equal(jz_csv_encoding(rd.r), JZ_ENC_UTF8);
    assert_string_equal(jz_csv_encoding_reason(rd.r), "valid UTF-8");
    expect_row(&rd, 1, "record_id", "centre", NULL);
    expect_row(&rd, 2, "R1", "C1", NULL);
    expect_row(&rd, 3, "R2", "C2", NULL);
    expect_end(&rd);
    assert_int_equal(rd.diags.n, 0);
}

static void crlf_file_loses_the_cr(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b\r\nR1,C1\r\n\r\n\"q\",x\r\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 2, "R1", "C1", NULL);
    expect_row(&rd, 4, "q", "x", NULL);  /* line 3 is a blank CRLF line */
    expect_end(&rd);
}

static void utf8_bom_is_skipped(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("\xEF\xBB\xBF记录编号,centre\n1,2\n"), JZ_ENC_AUTO);
    assert_int_equal(jz_csv_encoding(rd.r), JZ_ENC_UTF8);
    assert_string_equal(jz_csv_encoding_reason(rd.r), "UTF-8 byte-order mark");
    expect_row(&rd, 1, "记录编号", "centre", NULL);
    expect_row(&rd, 2, "1", "2", NULL);
    expect_end(&rd);
}

static void quoted_comma_stays_in_its_field(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("x,\"a,b\",y\n\"\",,\"\"\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "x", "a,b", "y", NULL);
    expect_row(&rd, 2, "", "", "", NULL);
    expect_end(&rd);
}

static void quoted_newline_row_starts_at_its_first_line_and_is_counted(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("id,note\n1,\"line one\nline two\n\nline four\"\n2,x\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "id", "note", NULL);
    expect_row(&rd, 2, "1", "line one\nline two\n\nline four", NULL);
    expect_row(&rd, 6, "2", "x", NULL);
    expect_end(&rd);
}

static void quoted_crlf_newline_becomes_lf(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("id,note\r\n1,\"a\r\nb\"\r\n2,x\r\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "id", "note", NULL);
    expect_row(&rd, 2, "1", "a\nb", NULL);
    expect_row(&rd, 4, "2", "x", NULL);
    expect_end(&rd);
}

static void doubled_quotes_are_one_quote(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("\"say \"\"hi\"\"\",z\n\"\"\"\"\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "say \"hi\"", "z", NULL);
    expect_row(&rd, 2, "\"", NULL);
    expect_end(&rd);
}

static void last_line_without_newline_is_read(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b\nc,d"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 2, "c", "d", NULL);
    expect_end(&rd);
    open_reader(&rd, temp_csv("a,b\n\"c\",\"d\""), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 2, "c", "d", NULL);
    expect_end(&rd);
    open_reader(&rd, temp_csv("a,b\r\nc,d\r"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 2, "c", "d", NULL);
    expect_end(&rd);
}

static void blank_lines_are_skipped_but_counted(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("\na,b\n\n\nc,d\n\n"), JZ_ENC_AUTO);
    expect_row(&rd, 2, "a", "b", NULL);
    expect_row(&rd, 5, "c", "d", NULL);
    expect_end(&rd);
}

static void empty_file_has_no_rows(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv(""), JZ_ENC_AUTO);
    expect_end(&rd);
}

/* The jz_error handed to jz_csv_next is the caller's, not necessarily the one the reader
 * was opened with, and may hold an earlier error (rowsrc.h: next returns -1 with err, 0 at
 * the end): the end of the rows is 0 whatever it holds, by every path to the end (a last
 * line with and without LF, a quoted row last, GB18030, an empty file). The reader once
 * took a code left in that error for a read error of its own and returned -1 at the end,
 * the message never set (test_xlsxin's three sources shared one jz_error). */
static void end_of_file_is_0_whatever_the_callers_error_holds(void **state)
{
    (void)state;
    size_t gbn;
    char *gb = to_gb18030("中心,日期\n甲,2024-01-02\n", &gbn);
    const char *names[] = {temp_csv("a,b\nc,d\n"), temp_csv("a,b\nc,d"), temp_csv("a,b\n\"c\nx\",d"),
                           temp_file(gb, gbn), temp_csv("")};
    free(gb);
    const int rows[] = {2, 2, 2, 2, 0};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        jz_error at_open, stale;
        jz_error_clear(&at_open);
        jz_csv *r = open_input(names[k], JZ_ENC_AUTO, NULL, &at_open);
        assert_non_null(r);
        jz_error_set(&stale, JZ_EINPUT, "other.csv", 7, 2, "an earlier error of another input");
        jz_row row;
        int n = 0, rc;
        while ((rc = jz_csv_next(r, &row, &stale)) == 1)
            n++;
        if (rc != 0)
            print_error("%s: %d after %d rows (%s)\n", names[k], rc, n, stale.msg);
        assert_int_equal(rc, 0);
        assert_int_equal(n, rows[k]);
        jz_csv_close(r);
    }
}

static void fields_keep_their_spaces(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv(" a , b ,\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, " a ", " b ", "", NULL);
    expect_end(&rd);
}

static void missing_file_is_an_io_error(void **state)
{
    (void)state;
    jz_error err;
    jz_error_clear(&err);
    assert_null(jz_csv_open("/nonexistent/jz-ut/no.csv", JZ_ENC_AUTO, NULL, &err));
    assert_int_equal(err.code, JZ_EIO);
    assert_string_equal(err.file, "/nonexistent/jz-ut/no.csv");
    jz_csv_close(NULL);
}

/* ---- encodings ---- */

static void gb18030_file_is_detected_and_decoded_exactly(void **state)
{
    (void)state;
    size_t n;
    char *gb = to_gb18030("记录编号,中心编号\n甲,乙\n", &n);
    /* 记 is BC C7 in GB2312: make sure the file really is GB18030. */
    assert_int_equal((unsigned char)gb[0], 0xBC);
    assert_int_equal((unsigned char)gb[1], 0xC7);
    reader rd;
    open_reader(&rd, temp_file(gb, n), JZ_ENC_AUTO);
    free(gb);
    assert_int_equal(jz_csv_encoding(rd.r), JZ_ENC_GB18030);
    assert_string_equal(jz_csv_encoding_reason(rd.r), "not valid UTF-8");
    assert_string_equal(jz_encoding_name(jz_csv_encoding(rd.r)), "GB18030");
    expect_row(&rd, 1, "记录编号", "中心编号", NULL);
    expect_row(&rd, 2, "甲", "乙", NULL);
    expect_end(&rd);
}

static void gb18030_quoted_newline_and_last_line_without_newline(void **state)
{
    (void)state;
    size_t n;
    char *gb = to_gb18030("编号,备注\n1,\"第一行\n第二行\"\n2,完", &n);
    reader rd;
    open_reader(&rd, temp_file(gb, n), JZ_ENC_AUTO);
    free(gb);
    expect_row(&rd, 1, "编号", "备注", NULL);
    expect_row(&rd, 2, "1", "第一行\n第二行", NULL);
    expect_row(&rd, 4, "2", "完", NULL);
    expect_end(&rd);
}

static void forced_utf8_with_ff_in_field_3_of_line_2_fails_there(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b,c\nx,y,z\xFFz\n3,4,5\n"), JZ_ENC_UTF8);
    assert_string_equal(jz_csv_encoding_reason(rd.r), "as requested");
    expect_row(&rd, 1, "a", "b", "c", NULL);
    assert_int_equal(jz_csv_next(rd.r, &rd.row, &rd.err), -1);
    assert_int_equal(rd.err.code, JZ_EINPUT);
    assert_int_equal(rd.err.line, 2);
    assert_int_equal(rd.err.col, 3);
    assert_non_null(strstr(rd.err.msg, "0xFF"));
    jz_csv_close(rd.r);
}

static void undecodable_byte_after_a_quoted_newline_counts_lines_and_fields(void **state)
{
    (void)state;
    reader rd;
    /* The row starts on line 2; the bad byte is on line 3, in field 4 ("q,r" is one field). */
    open_reader(&rd, temp_csv("a,b,c,d\n1,\"x\ny\",\"q,r\",\xFF\n"), JZ_ENC_UTF8);
    expect_row(&rd, 1, "a", "b", "c", "d", NULL);
    assert_int_equal(jz_csv_next(rd.r, &rd.row, &rd.err), -1);
    assert_int_equal(rd.err.code, JZ_EINPUT);
    assert_int_equal(rd.err.line, 3);
    assert_int_equal(rd.err.col, 4);
    jz_csv_close(rd.r);
}

static void gb18030_file_with_a_lone_0x80_fails_at_its_line_and_field(void **state)
{
    (void)state;
    size_t n;
    char *gb = to_gb18030("记录编号,中心编号\n甲,乙\n丙,", &n);
    char *bytes = malloc(n + 3);
    memcpy(bytes, gb, n);
    memcpy(bytes + n, "\x80\n", 2);  /* line 3, field 2 */
    free(gb);
    reader rd;
    open_reader(&rd, temp_file(bytes, n + 2), JZ_ENC_AUTO);
    free(bytes);
    assert_int_equal(jz_csv_encoding(rd.r), JZ_ENC_GB18030);
    expect_row(&rd, 1, "记录编号", "中心编号", NULL);
    expect_row(&rd, 2, "甲", "乙", NULL);
    assert_int_equal(jz_csv_next(rd.r, &rd.row, &rd.err), -1);
    assert_int_equal(rd.err.code, JZ_EINPUT);
    assert_int_equal(rd.err.line, 3);
    assert_int_equal(rd.err.col, 2);
    assert_non_null(strstr(rd.err.msg, "0x80"));
    jz_csv_close(rd.r);
}

static void gb18030_file_cut_inside_a_character_fails_at_the_end(void **state)
{
    (void)state;
    size_t n;
    char *gb = to_gb18030("甲,乙\n丙,丁", &n);
    reader rd;
    open_reader(&rd, temp_file(gb, n - 1), JZ_ENC_AUTO);  /* half of 丁 */
    free(gb);
    expect_row(&rd, 1, "甲", "乙", NULL);
    assert_int_equal(jz_csv_next(rd.r, &rd.row, &rd.err), -1);
    assert_int_equal(rd.err.code, JZ_EINPUT);
    assert_int_equal(rd.err.line, 2);
    assert_int_equal(rd.err.col, 2);
    jz_csv_close(rd.r);
}

/* ---- a GB18030 file whose first MiB is ASCII ---- */

/* `rows` ASCII rows "i,name i", a quoted ASCII field over two lines, then a quoted field
 * whose first line is ASCII and whose second is GB18030, and a GB18030 row. */
static char *ascii_then_gb18030(int rows, size_t *n)
{
    size_t gn;
    char *gb = to_gb18030("9001,第一行\n第二行\"\n9002,名字\n", &gn);
    size_t cap = (size_t)rows * 32 + gn + 16, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "id,name\n");
    for (int i = 1; i <= rows; i++)
        len += (size_t)snprintf(s + len, cap - len, "%d,name %d\n", i, i);
    len += (size_t)snprintf(s + len, cap - len, "8999,\"ascii\nquoted\"\n9000,\"ascii\n");  /* goes on in GB */
    memcpy(s + len, gb + 5, gn - 5);  /* "第一行..." without "9001," */
    *n = len + gn - 5;
    free(gb);
    return s;
}

static void gb18030_after_an_ascii_first_mib_reads_as_gb18030_from_the_start(void **state)
{
    (void)state;
    size_t n;
    char *data = ascii_then_gb18030(120000, &n);  /* ~1.7 MiB of ASCII first */
    const char *path = temp_file(data, n);
    free(data);
    reader a, b;
    open_reader(&a, path, JZ_ENC_AUTO);
    open_reader(&b, path, JZ_ENC_GB18030);
    assert_int_equal(jz_csv_encoding(a.r), JZ_ENC_UTF8);  /* what the first MiB says */
    long rows = 0;
    for (;;) {
        int ra = jz_csv_next(a.r, &a.row, &a.err), rb = jz_csv_next(b.r, &b.row, &b.err);
        assert_int_equal(ra, rb);
        if (ra <= 0)
            break;
        rows++;
        assert_int_equal(a.row.line, b.row.line);
        assert_int_equal(a.row.nfields, b.row.nfields);
        for (size_t i = 0; i < a.row.nfields; i++)
            assert_string_equal(a.row.fields[i], b.row.fields[i]);
    }
    assert_int_equal(rows, 1 + 120000 + 3);
    assert_string_equal(a.row.fields[0], "9002");  /* the last row, as GB18030 gives it */
    assert_int_equal(jz_csv_encoding(a.r), JZ_ENC_GB18030);
    assert_string_equal(jz_csv_encoding_reason(a.r), "not valid UTF-8");
    assert_int_equal(a.err.code, JZ_OK);
    assert_string_equal(a.diags.text, "120005:0 note encoding-switch\n");
    assert_int_equal(b.diags.n, 0);
    jz_csv_close(a.r);
    jz_csv_close(b.r);
}

static void gb18030_after_utf8_chinese_rows_is_an_error_naming_the_option(void **state)
{
    (void)state;
    size_t n;
    char *data = ascii_then_gb18030(120000, &n);
    memcpy(data + 8, "\xe5\x90\x8d", 3);  /* row 1 "1,n..." gets a UTF-8 名 in place of "1,n" */
    const char *path = temp_file(data, n);
    free(data);
    reader rd;
    open_reader(&rd, path, JZ_ENC_AUTO);
    int rc;
    while ((rc = jz_csv_next(rd.r, &rd.row, &rd.err)) > 0)
        ;
    assert_int_equal(rc, -1);
    assert_int_equal(rd.err.code, JZ_EINPUT);
    assert_int_equal(rd.err.line, 120005);
    assert_non_null(strstr(rd.err.msg, "--encoding gb18030"));
    jz_csv_close(rd.r);
}

/* ---- quoting errors ---- */

static void unterminated_quote_at_eof_is_reported_at_the_row_start(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b\nR1,C1\nR2,\"never closed\nmore\nlast\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 2, "R1", "C1", NULL);
    /* "more" and "last" are not rows of two fields: they are the open field's text. */
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "3:2 error unterminated-quote\n");
}

static void unterminated_quote_loses_only_its_line_when_the_next_rows_parse(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b\nR1,C1\nR2,\"never closed\nR3,\"x\"\"y\"\n\nR4,z"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 2, "R1", "C1", NULL);
    expect_row(&rd, 4, "R3", "x\"y", NULL);
    expect_row(&rd, 6, "R4", "z", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "3:2 error unterminated-quote\n");
}

static void unterminated_quote_whose_later_lines_do_not_parse_skips_the_rest(void **state)
{
    (void)state;
    reader rd;
    /* Line 4's doubled quote is a quote inside the open field, but a stray quote on its
     * own: the lines after line 3 do not parse alone. */
    open_reader(&rd, temp_csv("a,b\nR1,C1\nR2,\"never closed\nm\"\"ore\nlast\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 2, "R1", "C1", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "3:2 error unterminated-quote\n");
}

static void quote_left_open_is_reported_where_it_opened_and_the_next_row_survives(void **state)
{
    (void)state;
    reader rd;
    /* Line 3 opens a quote in field 3 and never closes it; line 4 is correctly quoted. */
    open_reader(&rd, temp_csv("a,b,c\nR1,x,y\nR2,z,\"open,w\nR3,\"ok\",v\nR4,1,2\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", "c", NULL);
    expect_row(&rd, 2, "R1", "x", "y", NULL);
    expect_row(&rd, 4, "R3", "ok", "v", NULL);
    expect_row(&rd, 5, "R4", "1", "2", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "3:3 error unterminated-quote\n");
    assert_int_equal(rd.diags.d.count[JZ_ERROR], 1);
}

static void quote_left_open_in_a_crlf_file_keeps_later_line_numbers(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b\r\n\"open,1\r\n\"q\r\nr\",2\r\n\r\nR9,3\r\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    /* Line 2's quote meets line 3's and breaks there; from line 3 on the lines parse
     * alone (line 3's quote closes on line 4). */
    expect_row(&rd, 3, "q\nr", "2", NULL);
    expect_row(&rd, 6, "R9", "3", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "2:1 error unterminated-quote\n");
}

/* Fails every growth past 1 MiB, as a machine out of memory would. */
static void *realloc_up_to_1_mib(void *p, size_t n)
{
    return n > (1u << 20) ? NULL : realloc(p, n);
}

static void out_of_memory_growing_a_field_is_an_error_not_a_bad_quote(void **state)
{
    (void)state;
    size_t big = 3u << 20;
    char *data = malloc(big + 64);
    memcpy(data, "a,b\nR1,\"", 8);
    memset(data + 8, 'x', big);
    memcpy(data + 8 + big, "\"\nR2,y\nR3,z\n", 12);
    const char *path = temp_file(data, big + 20);
    free(data);
    jz_csv_set_field_realloc(realloc_up_to_1_mib);
    reader rd;
    open_reader(&rd, path, JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    int rc = jz_csv_next(rd.r, &rd.row, &rd.err);
    jz_csv_set_field_realloc(NULL);
    assert_int_equal(rc, -1);
    assert_int_equal(rd.err.code, JZ_ENOMEM);
    assert_int_equal(rd.err.line, 2);
    assert_non_null(strstr(rd.err.msg, "out of memory"));
    assert_int_equal(rd.diags.n, 0);  /* no bad-quote, no row errors */
    jz_csv_close(rd.r);
}

static void stray_quote_in_an_unquoted_field_is_bad_quote_and_reading_goes_on(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b,c\nx,ab\"c,y\nR2,C2,z\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", "c", NULL);
    expect_row(&rd, 3, "R2", "C2", "z", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "2:2 error bad-quote\n");
    assert_int_equal(rd.diags.d.count[JZ_ERROR], 1);
}

static void text_after_a_closing_quote_is_bad_quote(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b\n\"x\"y,z\n1,2\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    expect_row(&rd, 3, "1", "2", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "2:1 error bad-quote\n");
}

static void bad_quote_names_the_field_holding_the_quote_not_the_last_one(void **state)
{
    (void)state;
    reader rd;
    open_reader(&rd, temp_csv("a,b,c\nx,ab\"c\"d,e\nR2,\"q\"z,w,v\nok,1,2\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", "c", NULL);
    expect_row(&rd, 4, "ok", "1", "2", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "2:2 error bad-quote\n3:2 error bad-quote\n");
}

static void bad_quote_on_a_later_line_of_a_row_counts_the_rows_fields(void **state)
{
    (void)state;
    reader rd;
    /* Row of line 2 has fields 1, "a\nb", then field 3 "c"x on line 3 breaks it. */
    open_reader(&rd, temp_csv("a,b,c\n1,\"a\nb\",\"c\"x\n2,y,z\n"), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", "c", NULL);
    expect_row(&rd, 4, "2", "y", "z", NULL);
    expect_end(&rd);
    assert_string_equal(rd.diags.text, "3:3 error bad-quote\n");
}

/* ---- sizes beyond the 1 MiB buffer ---- */

enum { MIB = 1 << 20 };

static void three_mib_quoted_field_is_read_whole(void **state)
{
    (void)state;
    size_t big = 3 * MIB;
    const char *head = "id,note,tail\n1,\"", *tail = "\",end\n2,x,y\n";
    size_t hn = strlen(head), tn = strlen(tail);
    char *data = malloc(hn + big + tn);
    memcpy(data, head, hn);
    for (size_t i = 0; i < big; i++)  /* a newline every 1000 bytes, a comma now and then */
        data[hn + i] = i % 1000 == 999 ? '\n' : i % 77 == 0 ? ',' : (char)('a' + i % 26);
    memcpy(data + hn + big, tail, tn);
    reader rd;
    open_reader(&rd, temp_file(data, hn + big + tn), JZ_ENC_AUTO);
    expect_row(&rd, 1, "id", "note", "tail", NULL);
    assert_int_equal(jz_csv_next(rd.r, &rd.row, &rd.err), 1);
    assert_int_equal(rd.row.line, 2);
    assert_int_equal(rd.row.nfields, 3);
    assert_string_equal(rd.row.fields[0], "1");
    assert_int_equal(rd.row.lens[1], big);
    assert_memory_equal(rd.row.fields[1], data + hn, big);
    assert_int_equal(rd.row.fields[1][big], '\0');
    assert_string_equal(rd.row.fields[2], "end");
    /* 3 MiB with a newline every 1000 bytes: 3145 newlines inside the field. */
    expect_row(&rd, 2 + 3145 + 1, "2", "x", "y", NULL);
    expect_end(&rd);
    free(data);
}

static void three_mib_unquoted_line_is_read_whole(void **state)
{
    (void)state;
    size_t big = 3 * MIB;
    char *data = malloc(big + 16);
    memcpy(data, "a,b\n", 4);
    memset(data + 4, 'x', big);
    data[4 + big / 2] = ',';
    memcpy(data + 4 + big, "\nc,d\n", 5);
    reader rd;
    open_reader(&rd, temp_file(data, big + 9), JZ_ENC_AUTO);
    expect_row(&rd, 1, "a", "b", NULL);
    assert_int_equal(jz_csv_next(rd.r, &rd.row, &rd.err), 1);
    assert_int_equal(rd.row.line, 2);
    assert_int_equal(rd.row.nfields, 2);
    assert_int_equal(rd.row.lens[0], big / 2);
    assert_int_equal(rd.row.lens[1], big - big / 2 - 1);
    expect_row(&rd, 3, "c", "d", NULL);
    expect_end(&rd);
    free(data);
}

/* Rows "i,name i,..." with every third one quoted and every 1000th preceded by a blank
 * line; row i (1-based, after the header) is then on line i + 1 + i / 1000. */
static char *many_rows(long nrows, size_t *n)
{
    size_t cap = (size_t)nrows * 64 + 64, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "id,name,pad\n");
    for (long i = 1; i <= nrows; i++) {
        if (i % 1000 == 0)
            s[len++] = '\n';
        len += (size_t)snprintf(s + len, cap - len,
                                i % 3 == 0 ? "%ld,\"name, %ld\",padding-padding-padding-padding\n"
                                           : "%ld,name %ld,padding-padding-padding-padding\n",
                                i, i);
    }
    *n = len;
    return s;
}

static void file_of_50000_rows_yields_every_row_with_its_line(void **state)
{
    (void)state;
    size_t n;
    char *data = many_rows(50000, &n);
    assert_true(n > 2 * MIB);
    reader rd;
    open_reader(&rd, temp_file(data, n), JZ_ENC_AUTO);
    free(data);
    expect_row(&rd, 1, "id", "name", "pad", NULL);
    long count = 0, wrong = 0;
    for (long i = 1; i <= 50000; i++) {
        if (jz_csv_next(rd.r, &rd.row, &rd.err) != 1)
            fail_msg("row %ld missing: %s", i, rd.err.msg);
        count++;
        char id[16], name[32];
        snprintf(id, sizeof id, "%ld", i);
        snprintf(name, sizeof name, i % 3 == 0 ? "name, %ld" : "name %ld", i);
        wrong += rd.row.line != i + 1 + i / 1000 || rd.row.nfields != 3 ||
                 strcmp(rd.row.fields[0], id) != 0 || strcmp(rd.row.fields[1], name) != 0;
        if (i == 1)
            assert_int_equal(rd.row.line, 2);
        if (i == 25000)
            assert_int_equal(rd.row.line, 25026);
        if (i == 50000)
            assert_int_equal(rd.row.line, 50051);
    }
    assert_int_equal(count, 50000);
    assert_int_equal(wrong, 0);
    assert_int_equal(jz_csv_bytes(rd.r), n);
    expect_end(&rd);
    assert_int_equal(rd.diags.n, 0);
}

static void gb18030_file_bigger_than_the_buffer_decodes_across_the_boundary(void **state)
{
    (void)state;
    /* A 6-byte header, then 13-byte rows "d,中心甲乙丙\n": byte 1 MiB, where the first read
     * stops, is the second byte of a character. */
    size_t rows = 100000;
    size_t cap = rows * 32 + 64, len = 0;
    char *utf8 = malloc(cap);
    len += (size_t)snprintf(utf8, cap, "id,编\n");
    for (size_t i = 1; i <= rows; i++)
        len += (size_t)snprintf(utf8 + len, cap - len, "%zu,中心甲乙丙\n", i % 10);
    size_t n;
    char *gb = to_gb18030(utf8, &n);
    free(utf8);
    assert_int_equal(n, 6 + rows * 13);
    assert_int_equal(gb[MIB - 2], ',');
    assert_true((unsigned char)gb[MIB - 1] >= 0x81);
    reader rd;
    open_reader(&rd, temp_file(gb, n), JZ_ENC_AUTO);
    free(gb);
    assert_int_equal(jz_csv_encoding(rd.r), JZ_ENC_GB18030);
    expect_row(&rd, 1, "id", "编", NULL);
    long wrong = 0;
    for (size_t i = 1; i <= rows; i++) {
        if (jz_csv_next(rd.r, &rd.row, &rd.err) != 1)
            fail_msg("row %zu missing: %s", i, rd.err.msg);
        wrong += rd.row.line != (long)i + 1 || rd.row.nfields != 2 ||
                 rd.row.fields[0][0] != (char)('0' + i % 10) ||
                 strcmp(rd.row.fields[1], "中心甲乙丙") != 0;
    }
    assert_int_equal(wrong, 0);
    expect_end(&rd);
}

#define T(f) cmocka_unit_test_teardown(f, remove_temps)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(lf_file_gives_each_row_with_its_line),
        T(crlf_file_loses_the_cr),
        T(utf8_bom_is_skipped),
        T(quoted_comma_stays_in_its_field),
        T(quoted_newline_row_starts_at_its_first_line_and_is_counted),
        T(quoted_crlf_newline_becomes_lf),
        T(doubled_quotes_are_one_quote),
        T(last_line_without_newline_is_read),
        T(blank_lines_are_skipped_but_counted),
        T(empty_file_has_no_rows),
        T(end_of_file_is_0_whatever_the_callers_error_holds),
        T(fields_keep_their_spaces),
        T(missing_file_is_an_io_error),
        T(gb18030_file_is_detected_and_decoded_exactly),
        T(gb18030_quoted_newline_and_last_line_without_newline),
        T(forced_utf8_with_ff_in_field_3_of_line_2_fails_there),
        T(undecodable_byte_after_a_quoted_newline_counts_lines_and_fields),
        T(gb18030_file_with_a_lone_0x80_fails_at_its_line_and_field),
        T(gb18030_file_cut_inside_a_character_fails_at_the_end),
        T(gb18030_after_an_ascii_first_mib_reads_as_gb18030_from_the_start),
        T(gb18030_after_utf8_chinese_rows_is_an_error_naming_the_option),
        T(unterminated_quote_at_eof_is_reported_at_the_row_start),
        T(unterminated_quote_whose_later_lines_do_not_parse_skips_the_rest),
        T(unterminated_quote_loses_only_its_line_when_the_next_rows_parse),
        T(quote_left_open_is_reported_where_it_opened_and_the_next_row_survives),
        T(quote_left_open_in_a_crlf_file_keeps_later_line_numbers),
        T(out_of_memory_growing_a_field_is_an_error_not_a_bad_quote),
        T(stray_quote_in_an_unquoted_field_is_bad_quote_and_reading_goes_on),
        T(text_after_a_closing_quote_is_bad_quote),
        T(bad_quote_names_the_field_holding_the_quote_not_the_last_one),
        T(bad_quote_on_a_later_line_of_a_row_counts_the_rows_fields),
        T(three_mib_quoted_field_is_read_whole),
        T(three_mib_unquoted_line_is_read_whole),
        T(file_of_50000_rows_yields_every_row_with_its_line),
        T(gb18030_file_bigger_than_the_buffer_decodes_across_the_boundary),
    };
    return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
