/* test_table_pipe.c — jz_table_read_piped hands fn exactly the rows jz_table_read_columns
 * does (line, error count, every parsed field and its text), in file order, across many
 * batches; it stops where fn asks; the result, info and diagnostics are those of a read
 * on one thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/diag.h"
#include "jz/strbuf.h"

/* Both texts taken and compared. */
static void same_text(jz_sb *a, jz_sb *b)
{
    char *x = jz_sb_done(a), *y = jz_sb_done(b);
    assert_string_equal(y, x);
    free(x);
    free(y);
}
#include "jz/table.h"

/* A row as fn saw it, written out as text: line, errors, then each field. */
typedef struct seen {
    jz_sb out;
    long rows, stop_at;
    jz_diag *d;         /* fn's own messages go here (as jz-score's duplicate ids do) */
} seen;

static int collect(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerrors)
{
    seen *s = ctx;
    assert_non_null(h->schema);
    jz_sb_add(&s->out, "%ld %d %s:", row->line, nerrors, h->schema->name);
    for (size_t c = 0; c < h->schema->ncols; c++) {
        jz_sb_add(&s->out, " [%d%d %lld ", f[c].present, f[c].ok, (long long)f[c].v.num);
        if (f[c].s) {
            assert_int_equal(f[c].s[f[c].n], '\0');
            jz_sb_add(&s->out, "%.*s", (int)f[c].n, f[c].s);
        }
        jz_sb_add(&s->out, "]");
    }
    jz_sb_add(&s->out, "\n");
    if (row->line % 500 == 0)
        jz_diag_emit(s->d, JZ_WARNING, "t.csv", row->line, 1, "record_id", "fn", "fn's message at line %ld", row->line);
    return ++s->rows == s->stop_at;
}

/* A diagnostic, written into the same text as the rows: the order of both is compared. */
static void diag_to(void *ctx, const jz_diag_msg *m)
{
    seen *s = ctx;
    jz_sb_add(&s->out, "DIAG %d %s:%ld:%ld %s %s: %s\n", (int)m->sev, m->file, m->line, m->col, m->column, m->code,
              m->message);
}

/* 5000 records (many batches; the ring of batches goes round several times), every
 * 97th with a bad date, every 13th with a full-width staff id, notes of varied length. */
static char *make_csv(void)
{
    jz_sb b = {0};
    jz_sb_add(&b, "record_id,centre,date,start,end,staff,activity,kind,mode,client,participants,hours,note\n");
    for (int i = 1; i <= 5000; i++) {
        jz_sb_add(&b, "R%05d,HZ-%c,2024-%02d-%02d,09:00,10:30,%s%d,A%d,case,direct,K%d,%d,1.5,",
                         i, 'A' + i % 3, 1 + i % 12, i % 97 ? 1 + i % 28 : 32, i % 13 ? "S" : "Ｓ", i % 7,
                         i % 50, i % 400, 1 + i % 9);
        for (int k = 0; k < i % 40; k++)
            jz_sb_add(&b, "%s", k % 2 ? "跟进" : "x");
        jz_sb_add(&b, "\n");
    }
    return jz_sb_done(&b);
}

static void read_both(const char *name, long stop_at, seen *one, seen *piped, jz_diag *d1, jz_diag *d2,
                      jz_code *rc1, jz_code *rc2, jz_table_info *i1, jz_table_info *i2)
{
    jz_error e1, e2;
    jz_diag_init(d1, diag_to, one);
    jz_diag_init(d2, diag_to, piped);
    one->out = (jz_sb){0};
    piped->out = (jz_sb){0};
    one->rows = piped->rows = 0;
    one->stop_at = piped->stop_at = stop_at;
    one->d = d1;
    piped->d = d2;
    *rc1 = jz_table_read_columns(name, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, 0, d1, collect, one, i1, &e1);
    *rc2 = jz_table_read_piped(name, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, 0, d2, collect, piped, i2, &e2);
}

static void the_rows_are_those_of_a_read_on_one_thread(void **state)
{
    (void)state;
    char *csv = make_csv();
    jz_rowsrc_mem_add("t.csv", csv, strlen(csv));
    seen one, piped;
    jz_diag d1, d2;
    jz_code rc1, rc2;
    jz_table_info i1, i2;
    read_both("t.csv", 0, &one, &piped, &d1, &d2, &rc1, &rc2, &i1, &i2);
    assert_int_equal(rc1, JZ_OK);
    assert_int_equal(rc2, JZ_OK);
    assert_int_equal(one.rows, 5000);
    assert_int_equal(piped.rows, 5000);
    same_text(&one.out, &piped.out);
    assert_int_equal(i2.rows, i1.rows);
    assert_int_equal(i2.bad_rows, i1.bad_rows);
    assert_int_equal(i1.bad_rows, 51);  /* the bad dates: 5000 / 97 */
    assert_int_equal(i2.type, JZ_FILE_RECORDS);
    assert_int_equal(d2.count[JZ_ERROR], d1.count[JZ_ERROR]);
    assert_int_equal(d1.count[JZ_ERROR], 51);
    assert_int_equal(d1.count[JZ_WARNING], 10);  /* fn's, at lines 500, 1000, ... 5000 */
    jz_sb_free(&one.out);
    jz_sb_free(&piped.out);
    /* fn stops at row 2500: no row after it is handed on */
    read_both("t.csv", 2500, &one, &piped, &d1, &d2, &rc1, &rc2, &i1, &i2);
    assert_int_equal(rc2, rc1);
    assert_int_equal(piped.rows, 2500);
    same_text(&one.out, &piped.out);
    jz_sb_free(&one.out);
    jz_sb_free(&piped.out);
    jz_rowsrc_mem_remove("t.csv");
    free(csv);
}

static void a_header_alone_and_a_missing_file_read_as_on_one_thread(void **state)
{
    (void)state;
    static const char header[] = "record_id,centre,date,staff,kind,mode,hours\n";
    jz_rowsrc_mem_add("h.csv", header, sizeof header - 1);
    seen one, piped;
    jz_diag d1, d2;
    jz_code rc1, rc2;
    jz_table_info i1, i2;
    read_both("h.csv", 0, &one, &piped, &d1, &d2, &rc1, &rc2, &i1, &i2);
    assert_int_equal(rc2, rc1);
    assert_int_equal(piped.rows, 0);
    assert_int_equal(d2.count[JZ_WARNING], d1.count[JZ_WARNING]);
    assert_int_equal(d2.count[JZ_ERROR], d1.count[JZ_ERROR]);
    jz_sb_free(&one.out);
    jz_sb_free(&piped.out);
    jz_rowsrc_mem_remove("h.csv");
    jz_error err;
    jz_table_info info;
    jz_code rc = jz_table_read_piped("no such file.csv", JZ_FILE_UNKNOWN, JZ_ENC_AUTO, 0, NULL, collect, &piped,
                                     &info, &err);
    assert_int_equal(rc, JZ_EIO);
    assert_int_equal(err.code, JZ_EIO);
    assert_true(info.unreadable);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_rows_are_those_of_a_read_on_one_thread),
        cmocka_unit_test(a_header_alone_and_a_missing_file_read_as_on_one_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
