/* test_xlsxin.c — the .xlsx row source (xlsxin.h, through rowsrc.h and table.h), and the
 * .xls one (xlsin.h) on the committed files LibreOffice saved: cell
 * types, the sheet chosen, the header below title rows, and the workbooks it must refuse
 * (not a zip, cut short, a missing sheet, a shared-string index out of range, zip bombs
 * by their declared size and by their ratio, a DOCTYPE) or report (a cell holding an error
 * value). Each workbook is written part by part with libzip into memory and read from
 * there by name (rowsrc.h named buffers); only the cut-short .xls goes into a folder of
 * this program's own build folder (BUILD/tests/xlsxin-XXXXXX), removed at the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "jz/rowsrc.h"
#include "jz/table.h"
#include "jz/xlsin.h"
#include "jz/xlsxin.h"

static char dir[1024];

/* Workbooks held in memory under their names (rowsrc.h named buffers: every reader by
 * name opens them, as it would the same bytes in a file): paths[i] and its bytes. An
 * .xls is read from a file only (FreeXL opens files by name): disk_path gives one. */
static char paths[32][1100];
static unsigned char *bytes[32];
static bool on_disk[32];
static int npaths;

static const char *temp_path(const char *name)
{
    assert_true(npaths < 32);
    snprintf(paths[npaths], sizeof paths[npaths], "%s", name);
    bytes[npaths] = NULL;
    on_disk[npaths] = false;
    return paths[npaths++];
}

static const char *disk_path(const char *name)
{
    assert_true(npaths < 32);
    snprintf(paths[npaths], sizeof paths[npaths], "%s/%s", dir, name);
    bytes[npaths] = NULL;
    on_disk[npaths] = true;
    return paths[npaths++];
}

static int remove_temps(void **state)
{
    (void)state;
    for (int i = 0; i < npaths; i++) {
        if (on_disk[i])
            unlink(paths[i]);
        else
            jz_rowsrc_mem_remove(paths[i]);
        free(bytes[i]);
        bytes[i] = NULL;
    }
    npaths = 0;
    return 0;
}

static void spit(const char *path, const unsigned char *b, size_t n);

/* jz_xlsx_open on a workbook held in memory (jz_xlsx_open_mem), or on a file. */
static jz_rowsrc *open_xlsx(const char *path, const char *sheet, jz_diag *diag, jz_error *err)
{
    const void *mem;
    size_t n;
    if (jz_rowsrc_mem_get(path, &mem, &n))
        return jz_xlsx_open_mem(path, mem, n, sheet, diag, err);
    return jz_xlsx_open(path, sheet, diag, err);
}

/* ---- workbooks, part by part ---- */

#define MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define RELS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char WORKBOOK[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" MAIN "\" xmlns:r=\"" RELS "\">"
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"数据 2\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char WB_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RELS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RELS "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" RELS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" RELS "/styles\" Target=\"styles.xml\"/></Relationships>";
/* style 1: a date (built-in format 14), 2: a time (20), 3: a custom "yyyy年m月d日" */
static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" MAIN "\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"20\"/><xf numFmtId=\"164\"/></cellXfs>"
    "</styleSheet>";
/* 0 record_id, 1 centre, 2 date, 3 start, 4 end, 5 staff, 6 kind, 7 mode, 8 hours, 9 the title */
static const char STRINGS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" MAIN "\" count=\"10\" uniqueCount=\"10\">"
    "<si><t>record_id</t></si><si><t>centre</t></si><si><t>date</t></si><si><t>start</t></si>"
    "<si><t>end</t></si><si><t>staff</t></si><si><t>kind</t></si><si><t>mode</t></si>"
    "<si><r><t>ho</t></r><r><t>urs</t></r></si>"
    "<si><t>南洲街家综 服务记录</t><rPh><t>ナン</t></rPh></si></sst>";

static const char SHEET2[] =
    "<worksheet xmlns=\"" MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>second</t></is></c></row>"
    "</sheetData></worksheet>";

/* The header row of STRINGS at row r. */
#define HEADER_ROW(r)                                                                              \
    "<row r=\"" #r "\"><c r=\"A" #r "\" t=\"s\"><v>0</v></c><c r=\"B" #r "\" t=\"s\"><v>1</v></c>"   \
    "<c r=\"C" #r "\" t=\"s\"><v>2</v></c><c r=\"D" #r "\" t=\"s\"><v>3</v></c><c r=\"E" #r "\" t=\"s\"><v>4</v></c>" \
    "<c r=\"F" #r "\" t=\"s\"><v>5</v></c><c r=\"G" #r "\" t=\"s\"><v>6</v></c><c r=\"H" #r "\" t=\"s\"><v>7</v></c>" \
    "<c r=\"I" #r "\" t=\"s\"><v>8</v></c></row>"

#define SHEET(rows) "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" MAIN "\"><sheetData>" rows "</sheetData></worksheet>"

/* A data row at row r: record id 007 (inline text), centre C1, the date 45356 (2024-03-05)
 * as a date cell, 09:00 and 10:30 as time cells, staff S1, case, direct, 1.5 hours. */
#define DATA_ROW(r)                                                                                   \
    "<row r=\"" #r "\"><c r=\"A" #r "\" t=\"inlineStr\"><is><t>007</t></is></c>"                        \
    "<c r=\"B" #r "\" t=\"inlineStr\"><is><t>C1</t></is></c><c r=\"C" #r "\" s=\"1\"><v>45356</v></c>"  \
    "<c r=\"D" #r "\" s=\"2\"><v>0.375</v></c><c r=\"E" #r "\" s=\"2\"><v>0.4375</v></c>"              \
    "<c r=\"F" #r "\" t=\"str\"><f>\"S\"&amp;1</f><v>S1</v></c><c r=\"G" #r "\" t=\"inlineStr\"><is><t>case</t></is></c>" \
    "<c r=\"H" #r "\" t=\"inlineStr\"><is><t>direct</t></is></c><c r=\"I" #r "\"><v>1.5</v></c></row>"

typedef struct part {
    const char *name;
    const char *text;
    size_t len;  /* 0: strlen(text) */
} part;

/* Write a zip of the parts (deflated), in memory, as a new input named name. */
static const char *write_zip(const char *name, const part *parts, size_t n)
{
    const char *path = temp_path(name);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(buf);
    zip_source_keep(buf);  /* it holds the zip once zip_close has written it */
    zip_t *z = zip_open_from_source(buf, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].text);
        zip_source_t *src = zip_source_buffer(z, parts[i].text, len, 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(buf, &st), 0);
    assert_int_equal(zip_source_open(buf), 0);
    unsigned char *b = malloc(st.size);
    assert_non_null(b);
    assert_int_equal(zip_source_read(buf, b, st.size), (zip_int64_t)st.size);
    zip_source_close(buf);
    zip_source_free(buf);
    zip_error_fini(&ze);
    spit(path, b, st.size);
    free(b);
    return path;
}

/* A workbook whose first sheet is sheet (strings: STRINGS, or strings when not NULL). */
static const char *workbook(const char *name, const char *sheet, const char *strings)
{
    part parts[] = {
        {"xl/workbook.xml", WORKBOOK, 0},     {"xl/_rels/workbook.xml.rels", WB_RELS, 0},
        {"xl/styles.xml", STYLES, 0},         {"xl/sharedStrings.xml", strings ? strings : STRINGS, 0},
        {"xl/worksheets/sheet1.xml", sheet, 0}, {"xl/worksheets/sheet2.xml", SHEET2, 0},
    };
    return write_zip(name, parts, sizeof parts / sizeof parts[0]);
}

/* The bytes of path: an input held in memory, or a file. Caller frees. */
static unsigned char *slurp(const char *path, size_t *n)
{
    const void *mem;
    if (jz_rowsrc_mem_get(path, &mem, n)) {
        unsigned char *c = malloc(*n ? *n : 1);
        assert_non_null(c);
        memcpy(c, mem, *n);
        return c;
    }
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    assert_true(size > 0);
    rewind(fp);
    unsigned char *b = malloc((size_t)size);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    *n = (size_t)size;
    return b;
}

/* Make b[0..n) the bytes of path: in memory for a temp_path, in the file of a disk_path. */
static void spit(const char *path, const unsigned char *b, size_t n)
{
    for (int i = 0; i < npaths; i++)
        if (!on_disk[i] && paths[i] == path) {
            unsigned char *c = malloc(n ? n : 1);
            assert_non_null(c);
            memcpy(c, b, n);
            free(bytes[i]);
            bytes[i] = c;
            jz_rowsrc_mem_add(path, c, n);
            return;
        }
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(b, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16), p[3] = (unsigned char)(v >> 24);
}

/* Rewrite the uncompressed size the zip's central directory declares for part `name`
 * (as a zip bomb's header would declare it); the data stays as it is. */
static void declare_size(const char *path, const char *name, uint32_t size)
{
    size_t n, len = strlen(name);
    unsigned char *b = slurp(path, &n);
    int found = 0;
    for (size_t i = 0; i + 46 + len <= n; i++)
        if (memcmp(b + i, "PK\1\2", 4) == 0 && (size_t)(b[i + 28] | b[i + 29] << 8) == len &&
            memcmp(b + i + 46, name, len) == 0) {
            put32(b + i + 24, size);
            found = 1;
        }
    assert_true(found);
    spit(path, b, n);
    free(b);
}

/* ---- a diag sink that records what it is told ---- */

typedef struct sink {
    jz_diag d;
    char text[4096];  /* "line:col severity code: message\n" per message */
} sink;

static void collect(void *ctx, const jz_diag_msg *m)
{
    sink *s = ctx;
    size_t used = strlen(s->text);
    snprintf(s->text + used, sizeof s->text - used, "%ld:%ld %s %s: %s\n", m->line, m->col,
             jz_severity_name(m->sev), m->code, m->message);
}

static void sink_init(sink *s)
{
    memset(s, 0, sizeof *s);
    jz_diag_init(&s->d, collect, s);
}

/* ---- good workbooks ---- */

static void cells_keep_their_types_and_places(void **state)
{
    (void)state;
    const char *p = workbook("types.xlsx", SHEET(HEADER_ROW(1) DATA_ROW(2)
        "<row r=\"4\"><c r=\"A4\" t=\"b\"><v>1</v></c><c r=\"C4\" s=\"3\"><v>45357</v></c>"
        "<c r=\"D4\" s=\"2\"><v>0.999999999</v></c><c r=\"I4\"><v>0.1</v></c></row>"), NULL);
    jz_error err;
    jz_rowsrc *s = jz_rowsrc_open(p, NULL, NULL, &err);
    assert_non_null(s);
    assert_string_equal(jz_rowsrc_kind(s), "xlsx");
    jz_row row;
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 1);
    assert_int_equal(row.nfields, 9);
    assert_string_equal(row.fields[0], "record_id");
    assert_string_equal(row.fields[8], "hours");  /* rich text runs joined */
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 2);
    assert_string_equal(row.fields[0], "007");         /* a text id stays text */
    assert_string_equal(row.fields[2], "2024-03-05");  /* serial 45356 in a date format */
    assert_string_equal(row.fields[3], "09:00");
    assert_string_equal(row.fields[4], "10:30");
    assert_string_equal(row.fields[5], "S1");          /* a formula's cached value */
    assert_string_equal(row.fields[8], "1.5");         /* the stored decimal, exactly */
    assert_int_equal(row.lens[8], 3);
    char where[64];
    jz_rowsrc_where(s, &row, 2, where, sizeof where);
    assert_string_equal(where, "Sheet1!C2");
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 4);  /* row 3 is missing: skipped, counted */
    assert_int_equal(row.nfields, 9);
    assert_string_equal(row.fields[0], "TRUE");
    assert_string_equal(row.fields[1], "");
    assert_string_equal(row.fields[2], "2024-03-06");  /* a custom date format */
    assert_string_equal(row.fields[3], "00:00");       /* 23:59:59.9999 rounds to the next day's 00:00 */
    assert_string_equal(row.fields[8], "0.1");
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 0);
    jz_rowsrc_close(s);
}

static void a_sheet_by_name_or_number(void **state)
{
    (void)state;
    const char *p = workbook("sheets.xlsx", SHEET(HEADER_ROW(1)), NULL);
    jz_error err;
    jz_row row;
    const char *want[] = {"数据 2", "2"};
    for (int i = 0; i < 2; i++) {
        jz_rowsrc *s = open_xlsx(p, want[i], NULL, &err);
        assert_non_null(s);
        assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
        assert_string_equal(row.fields[0], "second");
        char where[64];
        jz_rowsrc_where(s, &row, 0, where, sizeof where);
        assert_string_equal(where, "'数据 2'!A1");  /* a name with a space is quoted */
        jz_rowsrc_close(s);
    }
}

static int count_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerrors)
{
    (void)h, (void)f, (void)nerrors;
    long *lines = ctx;
    lines[++lines[0]] = row->line;
    return 0;
}

static void the_header_below_two_title_rows(void **state)
{
    (void)state;
    const char *p = workbook("title.xlsx", SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>9</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>单位：小时</t></is></c></row>"
        HEADER_ROW(3) DATA_ROW(4) DATA_ROW(6)), NULL);
    sink k;
    sink_init(&k);
    jz_table_info info;
    jz_error err;
    long lines[8] = {0};
    assert_int_equal(jz_table_read(p, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &k.d, count_row, lines, &info, &err), JZ_OK);
    assert_int_equal(info.type, JZ_FILE_RECORDS);
    assert_int_equal(info.header_line, 3);
    assert_int_equal(info.rows, 2);
    assert_int_equal(lines[0], 2);
    assert_int_equal(lines[1], 4);
    assert_int_equal(lines[2], 6);
    assert_string_equal(k.text, "1:0 note title-rows: the header is row 3: skipped rows 1-2 above the header (title/notes)\n");
}

/* ---- bad workbooks ---- */

static void not_a_zip_named_xlsx(void **state)
{
    (void)state;
    const char *p = temp_path("records.xlsx");
    spit(p, (const unsigned char *)"record_id,centre\n", 17);
    jz_error err;
    assert_null(jz_rowsrc_open(p, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_int_equal(jz_error_exit(&err), 3);
    assert_string_equal(err.file, p);
    assert_non_null(strstr(err.msg, "not start as a zip"));
    assert_non_null(strstr(err.msg, "rename it to .csv"));
    assert_true(jz_rowsrc_is_workbook(p));
}

static void a_zip_cut_short(void **state)
{
    (void)state;
    const char *p = workbook("whole.xlsx", SHEET(HEADER_ROW(1) DATA_ROW(2)), NULL);
    size_t n;
    unsigned char *b = slurp(p, &n);
    const char *q = temp_path("cut.xlsx");
    spit(q, b, n / 2);
    free(b);
    jz_error err;
    assert_null(jz_rowsrc_open(q, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "cut short or damaged"));
    assert_non_null(strstr(err.msg, "download or copy it again"));
}

static void a_zip_that_is_no_workbook(void **state)
{
    (void)state;
    part parts[] = {{"readme.txt", "hello", 0}};
    const char *p = write_zip("other.zip", parts, 1);
    jz_error err;
    assert_null(jz_rowsrc_open(p, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "no xl/workbook.xml"));
}

static void a_missing_sheet_lists_the_sheets(void **state)
{
    (void)state;
    const char *p = workbook("nosheet.xlsx", SHEET(HEADER_ROW(1)), NULL);
    jz_rowsrc_set_sheet("汇总");
    jz_error err;
    jz_rowsrc *s = jz_rowsrc_open(p, NULL, NULL, &err);
    jz_rowsrc_set_sheet(NULL);
    assert_null(s);
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.msg, "the workbook has no sheet '汇总' (its sheets: Sheet1, 数据 2): give --sheet NAME or --sheet N");
    assert_null(open_xlsx(p, "3", NULL, &err));  /* there is no third sheet */
    assert_non_null(strstr(err.msg, "its sheets: Sheet1, 数据 2"));
}

static void a_shared_string_index_out_of_range(void **state)
{
    (void)state;
    const char *p = workbook("sst.xlsx", SHEET(HEADER_ROW(1)
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>R1</t></is></c><c r=\"B2\" t=\"s\"><v>10</v></c></row>"), NULL);
    jz_error err;
    assert_null(jz_rowsrc_open(p, NULL, NULL, &err));  /* the first rows are read ahead when it opens */
    assert_int_equal(err.code, JZ_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
    assert_non_null(strstr(err.msg, "cell Sheet1!B2 refers to shared string 10, and the workbook has 10"));
    /* through the table reader: exit 3, nothing read */
    jz_table_info info;
    assert_int_equal(jz_table_read(p, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, NULL, NULL, NULL, &info, &err), JZ_EINPUT);
    assert_true(info.unreadable);
    assert_int_equal(jz_error_exit(&err), 3);
}

static void a_shared_string_index_out_of_range_far_down(void **state)
{
    (void)state;
    /* beyond the rows read ahead: the error comes from jz_rowsrc_next, at its row */
    char sheet[16384] = "<?xml version=\"1.0\"?><worksheet xmlns=\"" MAIN "\"><sheetData>" HEADER_ROW(1);
    for (int r = 2; r <= 40; r++) {
        size_t used = strlen(sheet);
        snprintf(sheet + used, sizeof sheet - used, "<row r=\"%d\"><c r=\"A%d\" t=\"s\"><v>%d</v></c></row>", r, r,
                 r == 40 ? 99 : 0);
    }
    strcat(sheet, "</sheetData></worksheet>");
    const char *p = workbook("sst-far.xlsx", sheet, NULL);
    jz_error err;
    jz_rowsrc *s = jz_rowsrc_open(p, NULL, NULL, &err);
    assert_non_null(s);
    jz_row row;
    int rc, rows = 0;
    while ((rc = jz_rowsrc_next(s, &row, &err)) > 0)
        rows++;
    assert_int_equal(rc, -1);
    assert_int_equal(rows, 39);
    assert_int_equal(err.line, 40);
    assert_non_null(strstr(err.msg, "Sheet1!A40 refers to shared string 99"));
    jz_rowsrc_close(s);
}

static void a_part_declaring_a_huge_size_is_a_zip_bomb(void **state)
{
    (void)state;
    const char *p = workbook("bomb-size.xlsx", SHEET(HEADER_ROW(1)), NULL);
    declare_size(p, "xl/sharedStrings.xml", 0xF0000000u);  /* 3.75 GiB, the limit is 1 GiB */
    jz_error err;
    assert_null(jz_rowsrc_open(p, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "xl/sharedStrings.xml would unpack to 4026531840 bytes"));
    assert_non_null(strstr(err.msg, "zip bomb (limit 1073741824 bytes"));
}

static void a_sheet_packed_too_tightly_is_a_zip_bomb(void **state)
{
    (void)state;
    /* 65 MiB of blanks inside the sheet: packs to well under 1/200 of that */
    size_t pad = (65u << 20);
    const char *head = "<?xml version=\"1.0\"?><worksheet xmlns=\"" MAIN "\"><sheetData>";
    const char *tail = "</sheetData></worksheet>";
    size_t n = strlen(head) + pad + strlen(tail);
    char *sheet = malloc(n + 1);
    assert_non_null(sheet);
    memcpy(sheet, head, strlen(head));
    memset(sheet + strlen(head), ' ', pad);
    memcpy(sheet + strlen(head) + pad, tail, strlen(tail) + 1);
    part parts[] = {
        {"xl/workbook.xml", WORKBOOK, 0},
        {"xl/_rels/workbook.xml.rels", WB_RELS, 0},
        {"xl/worksheets/sheet1.xml", sheet, n},
    };
    const char *p = write_zip("bomb-ratio.xlsx", parts, 3);
    free(sheet);
    jz_error err;
    assert_null(jz_rowsrc_open(p, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "xl/worksheets/sheet1.xml would unpack to"));
    assert_non_null(strstr(err.msg, "or 200 times its packed size"));
}

static void a_cell_holding_an_error_value(void **state)
{
    (void)state;
    const char *p = workbook("cellerr.xlsx", SHEET(HEADER_ROW(1) DATA_ROW(2)
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>R3</t></is></c><c r=\"I3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
        "<c r=\"C3\" t=\"e\"><v>#REF!</v></c></row>"), NULL);
    sink k;
    sink_init(&k);
    jz_error err;
    jz_rowsrc *s = jz_rowsrc_open(p, NULL, &k.d, &err);
    assert_non_null(s);
    assert_string_equal(k.text,
        "3:9 error cell-error: cell Sheet1!I3 holds the error value #DIV/0! (a formula that failed): correct it in the workbook\n"
        "3:3 error cell-error: cell Sheet1!C3 holds the error value #REF! (a formula that failed): correct it in the workbook\n");
    jz_row row;
    for (int i = 0; i < 3; i++)
        assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 3);
    assert_string_equal(row.fields[2], "#REF!");  /* kept as its text */
    jz_rowsrc_close(s);
}

static void a_doctype_is_refused(void **state)
{
    (void)state;
    const char *p = workbook("doctype.xlsx",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]><worksheet xmlns=\"" MAIN "\"><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>", NULL);
    jz_error err;
    assert_null(jz_rowsrc_open(p, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "DOCTYPE"));
}

static void damaged_xml_names_the_part(void **state)
{
    (void)state;
    const char *p = workbook("badxml.xlsx", SHEET(HEADER_ROW(1)), "<sst><si><t>x</si></sst>");
    jz_error err;
    assert_null(jz_rowsrc_open(p, NULL, NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_non_null(strstr(err.msg, "the workbook part xl/sharedStrings.xml is damaged (XML line 1"));
}

/* ---- .xls (xlsin.h), from the fixtures LibreOffice saved (samples/xlsx/make-xls.sh);
 * the tests run from the top of the repository ---- */

static void xls_cells_as_an_xlsx_gives_them(void **state)
{
    (void)state;
    jz_error err;
    jz_rowsrc *s = jz_rowsrc_open("samples/xlsx/records-title.xls", NULL, NULL, &err);
    assert_non_null(s);
    assert_string_equal(jz_rowsrc_kind(s), "xls");
    jz_row row;
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 1);
    assert_string_equal(row.fields[0], "海珠区南洲街家庭综合服务中心 2024年上半年服务记录");
    for (int i = 0; i < 2; i++)
        assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 3);
    assert_string_equal(row.fields[0], "record_id");
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(row.line, 4);
    assert_int_equal(row.nfields, 9);
    assert_string_equal(row.fields[2], "2024-03-05");  /* a date cell */
    assert_string_equal(row.fields[3], "09:00");       /* a time cell, no ":00" seconds */
    assert_string_equal(row.fields[4], "10:30");
    assert_string_equal(row.fields[8], "1.5");         /* a number cell, the shortest decimal */
    char where[64];
    jz_rowsrc_where(s, &row, 2, where, sizeof where);
    assert_string_equal(where, "Sheet1!C4");
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_string_equal(row.fields[2], "2024-13-01");  /* no date: stays text */
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 0);
    jz_rowsrc_close(s);
}

static void xls_missing_sheet_lists_the_sheets(void **state)
{
    (void)state;
    jz_error err;
    jz_rowsrc *s = jz_xls_open("samples/xlsx/roster.xls", "2", NULL, &err);
    assert_non_null(s);
    jz_row row;
    assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
    assert_string_equal(row.fields[0], "not the roster");
    jz_rowsrc_close(s);
    assert_null(jz_xls_open("samples/xlsx/roster.xls", "名单", NULL, &err));
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.msg, "the workbook has no sheet '名单' (its sheets: 名册, 其他): give --sheet NAME or --sheet N");
}

static void xls_cut_short_is_refused(void **state)
{
    (void)state;
    size_t n;
    unsigned char *b = slurp("samples/xlsx/roster.xls", &n);
    const char *p = disk_path("cut.xls");  /* an .xls is read from a file only */
    spit(p, b, n / 3);
    free(b);
    jz_error err;
    jz_table_info info;
    assert_int_equal(jz_table_read(p, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, NULL, NULL, NULL, &info, &err), JZ_EINPUT);
    assert_true(info.unreadable);
    assert_int_equal(jz_error_exit(&err), 3);
    assert_non_null(strstr(err.msg, "Excel 97-2003 workbook"));
}

/* samples/xlsx/formulas.xls and .xlsx: one sheet LibreOffice saved both ways
 * (samples/xlsx/make-xls.sh), column B: 1.5, =2*3, =1/0, =#REF!, ="ab"&"c", TRUE, empty.
 * The .xls holds each formula's cached value in its FORMULA record (6, the errors 0x07
 * #DIV/0! and 0x17 #REF!, and a STRING record "abc"); libfreexl 1.0.6 reads no FORMULA
 * record, xlsbiff.c does: both files give the same fields, and each error cell the same
 * cell-error diagnostic. */
static void xls_formula_cells_read_their_cached_values_as_xlsx(void **state)
{
    (void)state;
    static const char *const want[] = {"value", "1.5", "6", "#DIV/0!", "#REF!", "abc", "1", ""};
    const char *files[] = {"samples/xlsx/formulas.xlsx", "samples/xlsx/formulas.xls"};
    for (int k = 0; k < 2; k++) {
        sink d;
        sink_init(&d);
        jz_error err;
        jz_rowsrc *s = jz_rowsrc_open(files[k], NULL, &d.d, &err);
        assert_non_null(s);
        jz_row row;
        for (int i = 0; i < 8; i++) {
            assert_int_equal(jz_rowsrc_next(s, &row, &err), 1);
            assert_int_equal(row.line, i + 1);
            assert_int_equal(row.nfields, 2);
            assert_string_equal(row.fields[1], want[i]);
        }
        assert_int_equal(jz_rowsrc_next(s, &row, &err), 0);
        jz_rowsrc_close(s);
        assert_string_equal(d.text,
            "4:2 error cell-error: cell Sheet1!B4 holds the error value #DIV/0! (a formula that failed): correct it in the workbook\n"
            "5:2 error cell-error: cell Sheet1!B5 holds the error value #REF! (a formula that failed): correct it in the workbook\n");
    }
}

/* samples/xlsx/records-formulas.{csv,fods,xls,xlsx} (make-formulas.py, make-xls.sh):
 * five records, in the workbooks computed by formulas (a text result, dates, times, a
 * date and time, numbers): the .xls reads field for field as the .xlsx, and both as the
 * CSV (its hours "2.0" being the number 2). */
static void xls_formula_records_read_as_the_xlsx_and_the_csv(void **state)
{
    (void)state;
    const char *files[] = {"samples/xlsx/records-formulas.csv", "samples/xlsx/records-formulas.xlsx",
                           "samples/xlsx/records-formulas.xls"};
    jz_rowsrc *s[3];
    sink d[3];
    for (int k = 0; k < 3; k++) {
        jz_error err;
        sink_init(&d[k]);
        s[k] = jz_rowsrc_open(files[k], NULL, &d[k].d, &err);
        assert_non_null(s[k]);
    }
    for (int i = 0; i < 7; i++) {
        jz_row row[3];
        jz_error err[3];
        int rc[3];
        for (int k = 0; k < 3; k++) {
            jz_error_clear(&err[k]);
            rc[k] = jz_rowsrc_next(s[k], &row[k], &err[k]);
        }
        assert_int_equal(rc[0], i < 6 ? 1 : 0);
        assert_int_equal(rc[1], rc[0]);
        assert_int_equal(rc[2], rc[0]);
        if (rc[0] == 0)
            break;
        for (int k = 1; k < 3; k++) {
            assert_int_equal(row[k].line, row[0].line);
            assert_int_equal(row[k].nfields, row[0].nfields);
            for (size_t f = 0; f < row[0].nfields; f++) {
                if (strcmp(row[k].fields[f], row[0].fields[f]) != 0 && i > 0 && f == 13) {
                    assert_true(strtod(row[k].fields[f], NULL) == strtod(row[0].fields[f], NULL));
                    continue;
                }
                assert_string_equal(row[k].fields[f], row[0].fields[f]);
            }
            assert_string_equal(row[2].fields[13], row[1].fields[13]);
        }
    }
    for (int k = 0; k < 3; k++) {
        assert_string_equal(d[k].text, "");
        jz_rowsrc_close(s[k]);
    }
    /* The jz_error given to next is the caller's and may hold anything (here an earlier
     * error): each source still ends its rows with 0. The CSV reader once took such a code
     * for a read error of its own: -1 at the end, the message never set (this test, its
     * three sources sharing one jz_error, failed so under ASan). */
    for (int k = 0; k < 3; k++) {
        jz_error err;
        jz_error_clear(&err);
        jz_rowsrc *r = jz_rowsrc_open(files[k], NULL, NULL, &err);
        assert_non_null(r);
        jz_error_set(&err, JZ_EINPUT, "other.csv", 3, 1, "an earlier error");
        jz_row row;
        int n = 0, rc;
        while ((rc = jz_rowsrc_next(r, &row, &err)) == 1)
            n++;
        if (rc != 0)
            print_error("%s: %d after %d rows\n", files[k], rc, n);
        assert_int_equal(rc, 0);
        assert_int_equal(n, 6);
        jz_rowsrc_close(r);
    }
}

/* The fuzzer's tests/fuzz/crashes/xls-freexl-stack-overread.xls (records-title.xls with
 * a few bytes changed): libfreexl 1.0.6 reads past a stack buffer while opening it. It
 * runs in a child process, so the tool only sees a workbook it cannot read: libfreexl's
 * error code in an ordinary build, the child's death under AddressSanitizer. */
static void xls_libfreexl_failing_is_a_refusal_not_a_crash(void **state)
{
    (void)state;
    jz_error err;
    jz_table_info info;
    assert_int_equal(jz_table_read("tests/fuzz/crashes/xls-freexl-stack-overread.xls", JZ_FILE_UNKNOWN, JZ_ENC_AUTO,
                                   NULL, NULL, NULL, &info, &err), JZ_EINPUT);
    assert_true(info.unreadable);
    assert_int_equal(jz_error_exit(&err), 3);
    assert_true(strstr(err.msg, "not a readable Excel 97-2003 workbook (libfreexl error") ||
                strstr(err.msg, "libfreexl failed on this workbook"));
}

int main(int argc, char **argv)
{
    (void)argc;
    /* the folder of this program (BUILD/tests): the workbooks go into a folder of it */
    char self[1024];
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(dir, sizeof dir, "%s/xlsxin-XXXXXX", dirname(self));
    if (!mkdtemp(dir)) {
        perror(dir);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(cells_keep_their_types_and_places, remove_temps),
        cmocka_unit_test_teardown(a_sheet_by_name_or_number, remove_temps),
        cmocka_unit_test_teardown(the_header_below_two_title_rows, remove_temps),
        cmocka_unit_test_teardown(not_a_zip_named_xlsx, remove_temps),
        cmocka_unit_test_teardown(a_zip_cut_short, remove_temps),
        cmocka_unit_test_teardown(a_zip_that_is_no_workbook, remove_temps),
        cmocka_unit_test_teardown(a_missing_sheet_lists_the_sheets, remove_temps),
        cmocka_unit_test_teardown(a_shared_string_index_out_of_range, remove_temps),
        cmocka_unit_test_teardown(a_shared_string_index_out_of_range_far_down, remove_temps),
        cmocka_unit_test_teardown(a_part_declaring_a_huge_size_is_a_zip_bomb, remove_temps),
        cmocka_unit_test_teardown(a_sheet_packed_too_tightly_is_a_zip_bomb, remove_temps),
        cmocka_unit_test_teardown(a_cell_holding_an_error_value, remove_temps),
        cmocka_unit_test_teardown(a_doctype_is_refused, remove_temps),
        cmocka_unit_test_teardown(damaged_xml_names_the_part, remove_temps),
        cmocka_unit_test_teardown(xls_cells_as_an_xlsx_gives_them, remove_temps),
        cmocka_unit_test_teardown(xls_missing_sheet_lists_the_sheets, remove_temps),
        cmocka_unit_test_teardown(xls_cut_short_is_refused, remove_temps),
        cmocka_unit_test_teardown(xls_libfreexl_failing_is_a_refusal_not_a_crash, remove_temps),
        cmocka_unit_test_teardown(xls_formula_cells_read_their_cached_values_as_xlsx, remove_temps),
        cmocka_unit_test_teardown(xls_formula_records_read_as_the_xlsx_and_the_csv, remove_temps),
    };
    int failed = cmocka_run_group_tests_name("xlsxin", tests, NULL, NULL);
    rmdir(dir);
    return failed;
}
