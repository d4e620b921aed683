/* test_split.c — reading one records file in two halves on two cores (table.h): records
 * held in memory under file names (rowsrc.h), and one file on disk */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <malloc.h>
#include <string.h>
#include <unistd.h>

#include "jz/table.h"

#define HEAD "record_id,centre,date,start,end,staff,activity,kind,mode,place,target,client,participants,hours,volunteers,volunteer_hours,note\n"

typedef struct seen {
    long rows, first_line, last_line;
    long ids_sum;   /* sum of the numbers in record ids: every row exactly once */
} seen;

static int cb(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    (void)h;
    (void)nerr;
    seen *s = ctx;
    if (!s->rows)
        s->first_line = row->line;
    s->last_line = row->line;
    s->rows++;
    s->ids_sum += strtol(f[JZ_R_RECORD_ID].s + 1, NULL, 10);
    return 0;
}

typedef struct msgs {
    long line[16];
    char code[16][32];
    int n;
} msgs;

static void collect(void *ctx, const jz_diag_msg *m)
{
    msgs *g = ctx;
    if (g->n < 16) {
        g->line[g->n] = m->line;
        snprintf(g->code[g->n], sizeof g->code[0], "%s", m->code);
        g->n++;
    }
}

/* ---- the inputs: records files held in memory (rowsrc.h named buffers, which split
 * across cores as a file does: test_memsrc.c compares the two), named records-N.csv;
 * one test reads a real file, for a file path's split ---- */

typedef struct mem_input {
    char *name;  /* NULL: slot free */
    char *data;
    size_t len;
    FILE *fp;
} mem_input;

static mem_input inputs[4];
static int input_serial;

/* A stream to write a new input's bytes to; mem_done registers them. */
static FILE *mem_begin(int *k)
{
    for (*k = 0; inputs[*k].name; (*k)++)
        assert_true(*k < 3);
    mem_input *m = &inputs[*k];
    m->data = NULL;
    m->fp = open_memstream(&m->data, &m->len);
    assert_non_null(m->fp);
    return m->fp;
}

/* The name the input written since mem_begin is read under (caller drops it: drop_file). */
static char *mem_done(int k)
{
    mem_input *m = &inputs[k];
    assert_int_equal(fclose(m->fp), 0);
    char name[32];
    snprintf(name, sizeof name, "records-%d.csv", ++input_serial);
    m->name = strdup(name);
    jz_rowsrc_mem_add(m->name, m->data, m->len);
    return strdup(name);
}

static void drop_file(char *path)
{
    for (int k = 0; k < 4; k++)
        if (inputs[k].name && strcmp(inputs[k].name, path) == 0) {
            jz_rowsrc_mem_remove(path);
            free(inputs[k].name);
            free(inputs[k].data);
            inputs[k] = (mem_input){NULL, NULL, 0, NULL};
        }
    free(path);
}

static void put_rows(FILE *fp, int n, int bad, int quoted)
{
    fputs(HEAD, fp);
    for (int i = 1; i <= n; i++)
        fprintf(fp, "R%d,C1,%s,09:00,10:00,S%d,,case,direct,home,elderly,K1,1,1,,,%s\n", i,
                i == bad ? "2024-02-30" : "2024-03-05", i, i == quoted ? "\"two\nlines\"" : "");
}

/* n rows R1..Rn; row `bad` (if > 0) gets a bad date; row `quoted` a quoted note with a newline. */
static char *write_file(int n, int bad, int quoted)
{
    int k;
    put_rows(mem_begin(&k), n, bad, quoted);
    return mem_done(k);
}

/* The same rows in a temporary file (caller unlinks and frees the path). */
static char *write_real_file(int n, int bad, int quoted)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/jz-split-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    put_rows(fp, n, bad, quoted);
    assert_int_equal(fclose(fp), 0);
    return strdup(path);
}

static void read_split(const char *path, seen *a, seen *b, int *halves, long *base, msgs *g)
{
    jz_diag d;
    jz_diag_init(&d, collect, g);
    void *ctx[2] = {a, b};
    jz_table_info info;
    jz_error err;
    assert_int_equal(jz_table_read_split(path, JZ_FILE_RECORDS, JZ_ENC_AUTO, 0, &d, cb, ctx, halves, base, &info,
                                         &err), JZ_OK);
    assert_int_equal(info.rows, *halves == 2 ? a->rows + b->rows : a->rows);
}

/* A file on disk (this test keeps its file: the split of a file path, seeking by offset). */
static void a_large_file_is_read_in_two_halves_every_row_once(void **state)
{
    (void)state;
    jz_table_set_split_min(1);
    char *path = write_real_file(2000, 0, 0);
    seen a = {0}, b = {0};
    int halves;
    long base;
    msgs g = {0};
    read_split(path, &a, &b, &halves, &base, &g);
    assert_int_equal(halves, 2);
    assert_int_equal(a.rows + b.rows, 2000);
    assert_int_equal(a.ids_sum + b.ids_sum, 2000L * 2001 / 2);
    assert_int_equal(a.first_line, 2);                /* after the header */
    assert_int_equal(a.last_line + 1, base + b.first_line);  /* contiguous physical lines */
    assert_int_equal(base + b.last_line, 2001);
    assert_int_equal(g.n, 0);
    unlink(path);
    free(path);
}

static void diagnostics_of_the_second_half_come_after_with_real_lines(void **state)
{
    (void)state;
    jz_table_set_split_min(1);
    char *path = write_file(2000, 1900, 0);  /* row 1900 is on line 1901, in the second half */
    char *path2 = write_file(2000, 10, 0);
    seen a = {0}, b = {0};
    int halves;
    long base;
    msgs g = {0};
    read_split(path, &a, &b, &halves, &base, &g);
    assert_int_equal(halves, 2);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.code[0], "bad-date");
    assert_int_equal(g.line[0], 1901);
    seen c = {0}, e = {0};
    msgs g2 = {0};
    read_split(path2, &c, &e, &halves, &base, &g2);
    assert_int_equal(g2.n, 1);
    assert_int_equal(g2.line[0], 11);
    drop_file(path);
    drop_file(path2);
}

static void a_quoted_newline_across_the_middle_falls_back_to_one_reader(void **state)
{
    (void)state;
    jz_table_set_split_min(1);
    /* Find the row whose quoted note straddles the middle: try each row near it. */
    int fallbacks = 0;
    for (int q = 1000; q <= 1030; q++) {
        char *path = write_file(2000, 0, q);
        seen a = {0}, b = {0};
        int halves;
        long base;
        msgs g = {0};
        read_split(path, &a, &b, &halves, &base, &g);
        long rows = a.rows + (halves == 2 ? b.rows : 0);
        long ids = a.ids_sum + (halves == 2 ? b.ids_sum : 0);
        assert_int_equal(rows, 2000);
        assert_int_equal(ids, 2000L * 2001 / 2);
        assert_int_equal(g.n, 0);
        fallbacks += halves == 1;
        drop_file(path);
    }
    assert_true(fallbacks >= 1);  /* at least one note straddled the split and was caught */
}

/* A printer (max 5) behind a sink that also notes the heap in use when the first message
 * from well into the second half (or a bare count) arrives: by then every message the
 * second half held still exists but the first few. */
typedef struct printed {
    jz_diag_printer pr;
    size_t heap_at_release, calls;
    bool measured;
} printed;

static void print_and_measure(void *ctx, const jz_diag_msg *m)
{
    printed *p = ctx;
    p->calls++;
    if (!p->measured && (m->line > 2100 || m->line == 0)) {
        p->heap_at_release = mallinfo2().uordblks;
        p->measured = true;
    }
    jz_diag_print(&p->pr, m);
}

static void read_bad_rows(const char *path, unsigned long long split_min, char **out, size_t *outlen, long count[3],
                          long *suppressed, size_t *heap_growth)
{
    jz_table_set_split_min(split_min);
    FILE *fp = open_memstream(out, outlen);
    printed p = {.pr = {.fp = fp, .format = JZ_DIAG_TEXT, .max = 5, .min_sev = JZ_WARNING}};
    jz_diag d;
    jz_diag_init(&d, print_and_measure, &p);
    d.shown_max = p.pr.max;
    seen a = {0}, b = {0};
    void *ctx[2] = {&a, &b};
    int halves;
    long base;
    jz_table_info info;
    jz_error err;
    size_t before = mallinfo2().uordblks;
    assert_int_equal(jz_table_read_split(path, JZ_FILE_RECORDS, JZ_ENC_AUTO, 0, &d, cb, ctx, &halves, &base, &info,
                                         &err), JZ_OK);
    assert_int_equal(halves, split_min > 1 ? 1 : 2);
    assert_int_equal(info.rows, 4000);
    assert_int_equal(info.bad_rows, 4000);
    fclose(fp);
    memcpy(count, d.count, sizeof d.count);
    *suppressed = p.pr.suppressed;
    assert_true(p.measured);
    *heap_growth = p.heap_at_release > before ? p.heap_at_release - before : 0;
}

static void second_half_keeps_only_what_can_print_and_prints_as_one_reader(void **state)
{
    (void)state;
    int k;
    FILE *fp = mem_begin(&k);
    fputs(HEAD, fp);
    for (int i = 1; i <= 4000; i++)  /* every row has a bad date */
        fprintf(fp, "R%d,C1,2024-02-30,09:00,10:00,S%d,,case,direct,home,elderly,K1,1,1,,,\n", i, i);
    char *path = mem_done(k);
    char *one, *two;
    size_t n1, n2, heap1, heap2;
    long c1[3], c2[3], s1, s2;
    read_bad_rows(path, 1ull << 40, &one, &n1, c1, &s1, &heap1);
    read_bad_rows(path, 1, &two, &n2, c2, &s2, &heap2);
    assert_string_equal(one, two);  /* the same five messages */
    assert_memory_equal(c1, c2, sizeof c1);
    assert_int_equal(c1[JZ_ERROR], 4000);
    assert_int_equal(s1, 4000 - 5);
    assert_int_equal(s2, s1);
    /* Two readers hold two buffers, twice what one reader holds; about 2000 held
     * messages of ~200 bytes would be 400 kB more, five are nothing. (An allocator that
     * mallinfo2 does not see, as under ASan, reports 0 both ways.) */
    assert_true(heap2 < 2 * heap1 + 64 * 1024);
    free(one);
    free(two);
    drop_file(path);
    jz_table_set_split_min(16 << 20);
}

static void gb18030_in_the_second_half_is_read_by_the_first_reader_as_gb18030(void **state)
{
    (void)state;
    jz_table_set_split_min(1);
    int k;
    FILE *fp = mem_begin(&k);
    fputs(HEAD, fp);
    for (int i = 1; i <= 30000; i++)  /* ~2.4 MB of ASCII: the first MiB says UTF-8 */
        fprintf(fp, "R%d,C1,2024-03-05,09:00,10:00,S%d,,case,direct,home,elderly,K1,1,1,,,%s\n", i, i,
                i == 29000 ? "\xb1\xb8\xd7\xa2" : "");  /* 备注 in GB18030, far past the middle */
    char *path = mem_done(k);
    seen a = {0}, b = {0};
    int halves;
    long base;
    msgs g = {0};
    jz_diag d;
    jz_diag_init(&d, collect, &g);
    void *ctx[2] = {&a, &b};
    jz_table_info info;
    jz_error err;
    assert_int_equal(jz_table_read_split(path, JZ_FILE_RECORDS, JZ_ENC_AUTO, 0, &d, cb, ctx, &halves, &base, &info,
                                         &err), JZ_OK);
    assert_int_equal(halves, 1);  /* the second half's rows are dropped */
    assert_int_equal(a.rows, 30000);
    assert_int_equal(a.ids_sum, 30000L * 30001 / 2);
    assert_int_equal(info.rows, 30000);
    assert_int_equal(info.enc, JZ_ENC_GB18030);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.code[0], "encoding-switch");
    assert_int_equal(g.line[0], 29001);
    drop_file(path);
    jz_table_set_split_min(16 << 20);
}

static void *realloc_up_to_1_mib(void *p, size_t n)
{
    return n > (1u << 20) ? NULL : realloc(p, n);
}

/* A 3 MiB quoted note libcsv cannot grow into: out of memory, not a bad quote, and the
 * lines of the field are not read as thousands of broken rows. */
static void out_of_memory_in_a_field_stops_the_file_without_row_errors(void **state)
{
    (void)state;
    int k;
    FILE *fp = mem_begin(&k);
    fputs(HEAD, fp);
    fputs("R1,C1,2024-03-05,09:00,10:00,S1,,case,direct,home,elderly,K1,1,1,,,\"", fp);
    for (int i = 0; i < 60000; i++)
        fputs("a line of the note, 50 bytes long, with a comma\n", fp);
    fputs("\"\nR2,C1,2024-03-05,09:00,10:00,S2,,case,direct,home,elderly,K1,1,1,,,\n", fp);
    char *path = mem_done(k);
    for (int split = 0; split < 2; split++) {
        jz_table_set_split_min(split ? 1 : 1ull << 40);
        jz_csv_set_field_realloc(realloc_up_to_1_mib);
        seen a = {0}, b = {0};
        int halves;
        long base;
        msgs g = {0};
        jz_diag d;
        jz_diag_init(&d, collect, &g);
        void *ctx[2] = {&a, &b};
        jz_table_info info;
        jz_error err;
        jz_code code = jz_table_read_split(path, JZ_FILE_RECORDS, JZ_ENC_AUTO, 0, &d, cb, ctx, &halves, &base,
                                           &info, &err);
        jz_csv_set_field_realloc(NULL);
        assert_int_equal(code, JZ_ENOMEM);
        assert_int_equal(err.code, JZ_ENOMEM);
        assert_int_equal(err.line, 2);
        assert_true(info.unreadable);
        assert_int_equal(halves, 1);
        assert_int_equal(a.rows, 0);
        assert_int_equal(g.n, 0);  /* no bad-quote, no ragged rows */
        assert_int_equal(d.count[JZ_ERROR], 0);
    }
    drop_file(path);
    jz_table_set_split_min(16 << 20);
}

static void a_small_file_is_read_by_one_reader(void **state)
{
    (void)state;
    jz_table_set_split_min(16 << 20);
    char *path = write_file(100, 0, 0);
    seen a = {0}, b = {0};
    int halves;
    long base;
    msgs g = {0};
    read_split(path, &a, &b, &halves, &base, &g);
    assert_int_equal(halves, 1);
    assert_int_equal(a.rows, 100);
    assert_int_equal(b.rows, 0);
    drop_file(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_large_file_is_read_in_two_halves_every_row_once),
        cmocka_unit_test(diagnostics_of_the_second_half_come_after_with_real_lines),
        cmocka_unit_test(a_quoted_newline_across_the_middle_falls_back_to_one_reader),
        cmocka_unit_test(a_small_file_is_read_by_one_reader),
        cmocka_unit_test(out_of_memory_in_a_field_stops_the_file_without_row_errors),
        cmocka_unit_test(gb18030_in_the_second_half_is_read_by_the_first_reader_as_gb18030),
        cmocka_unit_test(second_half_keeps_only_what_can_print_and_prints_as_one_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
