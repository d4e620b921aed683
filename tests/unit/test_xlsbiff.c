/* test_xlsbiff.c — the .xls formula reader (xlsbiff.h) on compound files built here, byte
 * by byte, from the layouts of [MS-CFB] and [MS-XLS]: the cached values it reads, and the
 * damaged files it refuses (a cut header, a FAT chain that loops, sector numbers past the
 * file, a DIFAT chain that loops) without reading out of bounds (run under ASan by make
 * check). Expected dates by hand: serial 45356 is 2024-03-05 (1900 system), 2028-03-06
 * (1904 system). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "jz/xlsbiff.h"

typedef struct buf {
    unsigned char *p;
    size_t n, cap;
} buf;

static void add(buf *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    if (n)
        memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void add8(buf *b, unsigned v) { unsigned char c = (unsigned char)v; add(b, &c, 1); }
static void add16(buf *b, unsigned v) { add8(b, v & 0xFF), add8(b, v >> 8 & 0xFF); }
static void add32(buf *b, uint32_t v) { add16(b, v & 0xFFFF), add16(b, v >> 16); }
static void set32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16), p[3] = (unsigned char)(v >> 24);
}

static void rec(buf *b, unsigned type, const buf *data)
{
    add16(b, type);
    add16(b, (unsigned)data->n);
    add(b, data->p, data->n);
}

static void rec_raw(buf *b, unsigned type, const void *p, size_t n)
{
    add16(b, type);
    add16(b, (unsigned)n);
    add(b, p, n);
}

/* FORMULA: row, col, XF, the 8 value bytes, flags, chn, an empty formula */
static void formula(buf *b, unsigned row, unsigned col, unsigned xf, const unsigned char v[8])
{
    buf d = {0};
    add16(&d, row), add16(&d, col), add16(&d, xf);
    add(&d, v, 8);
    add16(&d, 0), add32(&d, 0), add16(&d, 0);
    rec(b, 0x0006, &d);
    free(d.p);
}

static void formula_number(buf *b, unsigned row, unsigned col, unsigned xf, double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    unsigned char v[8];
    for (int i = 0; i < 8; i++)
        v[i] = (unsigned char)(bits >> (8 * i));
    formula(b, row, col, xf, v);
}

static void formula_special(buf *b, unsigned row, unsigned col, unsigned kind, unsigned value)
{
    unsigned char v[8] = {(unsigned char)kind, 0, (unsigned char)value, 0, 0, 0, 0xFF, 0xFF};
    formula(b, row, col, 0, v);
}

/* The BIFF8 workbook stream: globals (XFs 0 general, 1 custom "yyyy-mm-dd", 2 built-in
 * 22, a BOUNDSHEET "Sheet1", optionally DATEMODE 1904), then the sheet: BOF, body, EOF. */
static buf workbook(const buf *body, int d1904)
{
    buf g = {0}, d = {0};
    static const unsigned char bof_globals[16] = {0x00, 0x06, 0x05, 0x00};
    rec_raw(&g, 0x0809, bof_globals, sizeof bof_globals);
    if (d1904)
        add16(&d, 1), rec(&g, 0x0022, &d), d.n = 0;
    add16(&d, 164), add16(&d, 10), add8(&d, 0), add(&d, "yyyy-mm-dd", 10);
    rec(&g, 0x041E, &d), d.n = 0;
    static const unsigned ifmt[3] = {0, 164, 22};
    for (int i = 0; i < 3; i++) {
        add16(&d, 0), add16(&d, ifmt[i]);
        for (int k = 0; k < 16; k++)
            add8(&d, 0);
        rec(&g, 0x00E0, &d), d.n = 0;
    }
    size_t at = g.n + 4 + 4;  /* where the BOUNDSHEET's offset goes */
    add32(&d, 0), add8(&d, 0), add8(&d, 0), add8(&d, 6), add8(&d, 0), add(&d, "Sheet1", 6);
    rec(&g, 0x0085, &d), d.n = 0;
    rec_raw(&g, 0x000A, "", 0);
    set32(g.p + at - 4, (uint32_t)g.n);
    static const unsigned char bof_sheet[16] = {0x00, 0x06, 0x10, 0x00};
    rec_raw(&g, 0x0809, bof_sheet, sizeof bof_sheet);
    add(&g, body->p, body->n);
    rec_raw(&g, 0x000A, "", 0);
    free(d.p);
    return g;
}

#define SECT 512u
#define ENDC 0xFFFFFFFEu
#define FREE 0xFFFFFFFFu

/* A version 3 compound file: nfat FAT sectors (0..nfat-1; past 109 the DIFAT sectors
 * after them, 127 a sector, list the rest), the directory (root, "Workbook"), the stream padded to 4096 bytes so
 * it is in ordinary sectors. *dir_sector and *stream_sector: where those went. */
static buf compound(const buf *stream, unsigned nfat, uint32_t *dir_sector, uint32_t *stream_sector)
{
    size_t slen = stream->n < 4096 ? 4096 : stream->n;
    uint32_t nstream = (uint32_t)((slen + SECT - 1) / SECT);
    uint32_t ndifat = nfat > 109 ? (nfat - 109 + 126) / 127 : 0;
    uint32_t difat = nfat, dir = nfat + ndifat, first = dir + 1, total = first + nstream;
    assert_true(total <= nfat * (SECT / 4));
    buf f = {0};
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    add(&f, sig, 8);
    for (int i = 0; i < 16; i++)
        add8(&f, 0);
    add16(&f, 0x3E), add16(&f, 3), add16(&f, 0xFFFE), add16(&f, 9), add16(&f, 6);
    for (int i = 0; i < 6; i++)
        add8(&f, 0);
    add32(&f, 0), add32(&f, nfat), add32(&f, dir), add32(&f, 0), add32(&f, 4096);
    add32(&f, ENDC), add32(&f, 0);                       /* no mini FAT */
    add32(&f, ndifat ? difat : ENDC), add32(&f, ndifat);
    for (uint32_t i = 0; i < 109; i++)
        add32(&f, i < nfat ? i : FREE);
    assert_int_equal(f.n, 512);
    for (uint32_t s = 0; s < nfat * (SECT / 4); s++) {
        uint32_t v = FREE;
        if (s < nfat)
            v = 0xFFFFFFFDu;
        else if (s >= difat && s < difat + ndifat)
            v = 0xFFFFFFFCu;
        else if (s == dir)
            v = ENDC;
        else if (s >= first && s < total)
            v = s + 1 == total ? ENDC : s + 1;
        add32(&f, v);
    }
    for (uint32_t k = 0; k < ndifat; k++) {
        for (uint32_t i = 0; i < SECT / 4 - 1; i++)
            add32(&f, 109 + 127 * k + i < nfat ? 109 + 127 * k + i : FREE);
        add32(&f, k + 1 < ndifat ? difat + k + 1 : ENDC);
    }
    static const char *const names[2] = {"Root Entry", "Workbook"};
    for (int e = 0; e < 4; e++) {
        size_t start = f.n;
        const char *nm = e < 2 ? names[e] : "";
        for (size_t i = 0; i < 32; i++)
            add16(&f, i < strlen(nm) ? (unsigned char)nm[i] : 0);
        add16(&f, *nm ? (unsigned)(strlen(nm) + 1) * 2 : 0);
        add8(&f, e == 0 ? 5 : e == 1 ? 2 : 0), add8(&f, 1);
        add32(&f, FREE), add32(&f, FREE), add32(&f, e == 0 ? 1 : FREE);
        while (f.n < start + 0x74)
            add8(&f, 0);
        add32(&f, e == 0 ? ENDC : e == 1 ? first : 0);
        add32(&f, e == 1 ? (uint32_t)slen : 0), add32(&f, 0);
    }
    add(&f, stream->p, stream->n);
    while (f.n < (size_t)(first + 1) * SECT + slen)
        add8(&f, 0);
    *dir_sector = dir, *stream_sector = first;
    return f;
}

static unsigned char *fat_entry(buf *f, uint32_t s) { return f->p + SECT + 4 * (size_t)s; }

/* The cells of the sheet, or the refusal's reason as "!why". */
static const char *cell(const jz_biff_cells *c, unsigned row, unsigned col)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->cell[i].row == row && c->cell[i].col == col)
            return c->cell[i].text;
    return NULL;
}

static buf sample_body(void)
{
    buf b = {0}, d = {0};
    formula_number(&b, 0, 0, 0, 6);
    formula_number(&b, 0, 1, 0, 1.5);
    formula_number(&b, 1, 0, 1, 45356);           /* custom yyyy-mm-dd */
    formula_number(&b, 1, 1, 2, 45356.5);         /* built-in 22 */
    formula_special(&b, 2, 0, 1, 1);              /* TRUE */
    formula_special(&b, 2, 1, 1, 0);              /* FALSE */
    formula_special(&b, 3, 0, 2, 0x2A);           /* #N/A */
    formula_special(&b, 3, 1, 2, 0x07);           /* #DIV/0! */
    formula_special(&b, 4, 0, 0, 0);              /* a string: SHRFMLA, then STRING "abc" */
    add(&d, "\0\0\0\0\0\0", 6);
    rec(&b, 0x04BC, &d), d.n = 0;
    add16(&d, 3), add8(&d, 0), add(&d, "abc", 3);
    rec(&b, 0x0207, &d), d.n = 0;
    formula_special(&b, 4, 1, 0, 0);              /* "ab" then "中文" in UTF-16 in a CONTINUE */
    add16(&d, 4), add8(&d, 0), add(&d, "ab", 2);
    rec(&b, 0x0207, &d), d.n = 0;
    add8(&d, 1), add16(&d, 0x4E2D), add16(&d, 0x6587);
    rec(&b, 0x003C, &d), d.n = 0;
    formula_special(&b, 5, 0, 0, 0);              /* a string whose STRING record is missing */
    formula_number(&b, 5, 1, 0, -2);              /* ... the next record still read */
    formula_special(&b, 6, 0, 3, 0);              /* an empty string: no cell */
    add16(&d, 6), add16(&d, 1), add16(&d, 0), add8(&d, 0x17), add8(&d, 1);
    rec(&b, 0x0205, &d), d.n = 0;                 /* BOOLERR: #REF! typed in */
    formula_number(&b, 7, 0, 0, 1);               /* two records for one cell: the later counts */
    formula_number(&b, 7, 0, 0, 2);
    free(d.p);
    return b;
}

static void cached_values_of_every_kind(void **state)
{
    (void)state;
    buf body = sample_body();
    buf w = workbook(&body, 0);
    uint32_t dir, first;
    buf f = compound(&w, 1, &dir, &first);
    jz_biff_cells c;
    const char *why = NULL;
    assert_true(jz_biff_read(f.p, f.n, "Sheet1", 0, &c, &why));
    assert_string_equal(cell(&c, 0, 0), "6");
    assert_string_equal(cell(&c, 0, 1), "1.5");
    assert_string_equal(cell(&c, 1, 0), "2024-03-05");
    assert_string_equal(cell(&c, 1, 1), "2024-03-05 12:00");
    assert_string_equal(cell(&c, 2, 0), "TRUE");
    assert_string_equal(cell(&c, 2, 1), "FALSE");
    assert_string_equal(cell(&c, 3, 0), "#N/A");
    assert_string_equal(cell(&c, 3, 1), "#DIV/0!");
    assert_string_equal(cell(&c, 4, 0), "abc");
    assert_string_equal(cell(&c, 4, 1), "ab\xE4\xB8\xAD\xE6\x96\x87");
    assert_null(cell(&c, 5, 0));
    assert_string_equal(cell(&c, 5, 1), "-2");
    assert_null(cell(&c, 6, 0));
    assert_string_equal(cell(&c, 6, 1), "#REF!");
    assert_string_equal(cell(&c, 7, 0), "2");
    assert_int_equal(c.n, 13);
    size_t errors = 0;
    for (size_t i = 0; i < c.n; i++) {
        errors += c.cell[i].error;
        if (i)
            assert_true(c.cell[i - 1].row < c.cell[i].row ||
                        (c.cell[i - 1].row == c.cell[i].row && c.cell[i - 1].col < c.cell[i].col));
    }
    assert_int_equal(errors, 3);
    for (size_t i = 0; i < c.n; i++)
        assert_int_equal(c.cell[i].typed, c.cell[i].row == 6 && c.cell[i].col == 1);
    jz_biff_cells_free(&c);
    /* by index when no sheet has the name; none there: refused */
    assert_true(jz_biff_read(f.p, f.n, "other", 0, &c, &why));
    assert_int_equal(c.n, 13);
    jz_biff_cells_free(&c);
    assert_false(jz_biff_read(f.p, f.n, "other", 1, &c, &why));
    assert_string_equal(why, "no such sheet");
    free(f.p), free(w.p);
    /* the 1904 date system */
    w = workbook(&body, 1);
    f = compound(&w, 1, &dir, &first);
    assert_true(jz_biff_read(f.p, f.n, "Sheet1", 0, &c, &why));
    assert_string_equal(cell(&c, 1, 0), "2028-03-06");
    jz_biff_cells_free(&c);
    free(f.p), free(w.p), free(body.p);
}

/* 237 FAT sectors: the 110th to the 237th are listed in two DIFAT sectors, not the header */
static void fat_sectors_past_the_header_come_from_difat_sectors(void **state)
{
    (void)state;
    buf body = {0};
    formula_number(&body, 0, 0, 0, 6);
    buf w = workbook(&body, 0);
    uint32_t dir, first;
    buf f = compound(&w, 237, &dir, &first);
    jz_biff_cells c;
    const char *why = NULL;
    assert_true(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    assert_int_equal(c.n, 1);
    assert_string_equal(c.cell[0].text, "6");
    jz_biff_cells_free(&c);
    /* the first DIFAT sector's next pointing at itself: a loop */
    set32(f.p + (size_t)(237 + 1) * SECT + SECT - 4, 237);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    assert_non_null(strstr(why, "DIFAT"));
    free(f.p), free(w.p), free(body.p);
}

static void damaged_files_are_refused(void **state)
{
    (void)state;
    buf body = sample_body();
    buf w = workbook(&body, 0);
    uint32_t dir, first;
    buf f = compound(&w, 1, &dir, &first);
    jz_biff_cells c;
    const char *why = NULL;
    /* a header cut short, at every length up to a whole one */
    for (size_t n = 0; n < 512 + SECT; n += 37)
        assert_false(jz_biff_read(f.p, n, NULL, 0, &c, &why));
    /* the file cut inside the stream */
    assert_false(jz_biff_read(f.p, f.n - 700, NULL, 0, &c, &why));
    assert_non_null(strstr(why, "Workbook"));
    /* the stream's chain loops back on itself */
    unsigned char save[4];
    memcpy(save, fat_entry(&f, first + 2), 4);
    set32(fat_entry(&f, first + 2), first);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    assert_non_null(strstr(why, "loops"));
    /* ... or to a sector past the end of the file */
    set32(fat_entry(&f, first + 2), 5000);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    memcpy(fat_entry(&f, first + 2), save, 4);
    assert_true(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    jz_biff_cells_free(&c);
    /* the directory's sector out of range; the stream's first sector out of range */
    set32(f.p + 0x30, 0xFFFFFF00u);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    set32(f.p + 0x30, dir);
    unsigned char *entry = f.p + (size_t)(dir + 1) * SECT + 128;
    set32(entry + 0x74, 4000);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    /* a stream size larger than the file */
    set32(entry + 0x74, first);
    set32(entry + 0x78, 0x7FFFFFF0u);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    set32(entry + 0x78, 4096);
    /* a FAT sector number out of range; a FAT sector count larger than the file */
    set32(f.p + 0x4C, 777);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    set32(f.p + 0x4C, 0);
    set32(f.p + 0x2C, 1000);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    set32(f.p + 0x2C, 1);
    /* the sheet's offset past the stream; an encrypted workbook */
    assert_true(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    jz_biff_cells_free(&c);
    unsigned char *stream = f.p + (size_t)(first + 1) * SECT;
    unsigned char *bs = NULL;
    for (size_t i = 0; i + 4 <= w.n && !bs; i++)
        if (memcmp(stream + i, "\x85\x00\x0e\x00", 4) == 0)
            bs = stream + i;
    assert_non_null(bs);
    set32(bs + 4, 0xFFFFFFF0u);
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    bs[0] = 0x2F;  /* the BOUNDSHEET turned into FILEPASS */
    assert_false(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    assert_string_equal(why, "the workbook is encrypted");
    free(f.p), free(w.p), free(body.p);
}

/* A STRING record cut short, its CONTINUE missing; a sheet cut inside a record: the cells
 * before are kept, the cut one left out, nothing read past the stream. */
static void a_string_cut_short_and_a_sheet_cut_short(void **state)
{
    (void)state;
    buf body = {0}, d = {0};
    formula_special(&body, 0, 0, 0, 0);
    add16(&d, 10), add8(&d, 0), add(&d, "abc", 3);
    rec(&body, 0x0207, &d), d.n = 0;  /* 10 characters said, 3 there, no CONTINUE */
    formula_number(&body, 1, 0, 0, 7);
    add16(&d, 2), add16(&d, 0), add16(&d, 0);  /* a FORMULA record too short to hold a value */
    rec(&body, 0x0006, &d), d.n = 0;
    formula_number(&body, 2, 0, 0, 8);
    for (int i = 0; i < 4200; i++)
        add8(&d, 0);
    rec(&body, 0x1234, &d), d.n = 0;  /* filler: the stream is past 4096 bytes, none padded */
    add16(&body, 0x0006), add16(&body, 200);  /* a record running past the stream */
    buf w = workbook(&body, 0);
    w.n -= 4;  /* drop the EOF: the stream ends with the record that runs past it */
    uint32_t dir, first;
    buf f = compound(&w, 1, &dir, &first);
    jz_biff_cells c;
    const char *why = NULL;
    assert_true(jz_biff_read(f.p, f.n, NULL, 0, &c, &why));
    assert_null(cell(&c, 0, 0));
    assert_string_equal(cell(&c, 1, 0), "7");
    assert_string_equal(cell(&c, 2, 0), "8");
    assert_int_equal(c.n, 2);
    jz_biff_cells_free(&c);
    free(f.p), free(w.p), free(body.p), free(d.p);
}

static void number_text_is_the_shortest_that_reads_back(void **state)
{
    (void)state;
    char b[40];
    jz_biff_number_text(0.1, b, sizeof b);
    assert_string_equal(b, "0.1");
    jz_biff_number_text(45356, b, sizeof b);
    assert_string_equal(b, "45356");
    jz_biff_number_text(1.0 / 3, b, sizeof b);
    assert_string_equal(b, "0.3333333333333333");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cached_values_of_every_kind),
        cmocka_unit_test(fat_sectors_past_the_header_come_from_difat_sectors),
        cmocka_unit_test(damaged_files_are_refused),
        cmocka_unit_test(a_string_cut_short_and_a_sheet_cut_short),
        cmocka_unit_test(number_text_is_the_shortest_that_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
