/* fuzz_xlsx.c — libFuzzer harness for the .xlsx and .xls row sources (xlsxin.c, xlsin.c) behind the table
 * reader (header search, field parsing) and the roster loader. An input is one of two
 * kinds:
 *   - starting with "PK": the bytes are the workbook file itself (the zip layer and
 *     everything behind it); starting with the OLE signature: an .xls (xlsin.c);
 *   - anything else: the parts of a workbook, separated by NUL bytes — the sheet XML,
 *     then (optional) the shared strings, the styles and the workbook XML — stored
 *     uncompressed in a zip made here with libzip, so that the fuzzer reaches the XML
 *     handlers instead of spending itself on deflate and zip headers. Missing parts are
 *     (or empty ones after the sheet) are filled in with a small valid one (the
 *     workbook names two sheets).
 * Each workbook is read as a table of any type, as records, sheet 2 by number, and row by
 * row through the row-source interface with every cell's place (jz_rowsrc_where). An
 * .xls is read by libfreexl in a child process (xlsin.c): the harness checks that its
 * failures (libfreexl 1.0.6 reads out of bounds on some) stay there, as refusals;
 * libFuzzer sees no coverage from the child. So an OLE input also goes, in this process
 * (coverage and sanitizers on it), through xlsbiff.c, the formula reader that runs in
 * that child, by the sheet's name and by its index.
 * Workbooks are read from memory (a named buffer, rowsrc.h), the zip built here too; only
 * an .xls goes through a temporary file (FreeXL reads files by name only).
 * Built and run by tests/fuzz/run.sh (FUZZ_ONLY=xlsx). Diagnostics are formatted and dropped. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <sanitizer/common_interface_defs.h>

#include "fuzz_tmp.h"
#include "jz/roster.h"
#include "jz/rowsrc.h"
#include "jz/table.h"
#include "jz/xlsbiff.h"
#include "jz/xlsin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char OLE[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";  /* an .xls (xlsin.c, libfreexl) */

#define MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define RELS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char WORKBOOK[] =
    "<workbook xmlns=\"" MAIN "\" xmlns:r=\"" RELS "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"S 2\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char WB_RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RELS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RELS "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" RELS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" RELS "/styles\" Target=\"styles.xml\"/></Relationships>";
static const char STRINGS[] =
    "<sst xmlns=\"" MAIN "\"><si><t>staff</t></si><si><t>centre</t></si><si><t>name</t></si></sst>";
static const char STYLES[] =
    "<styleSheet xmlns=\"" MAIN "\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"20\"/></cellXfs>"
    "</styleSheet>";

/* Store the parts of data (NUL-separated) as a workbook, in memory: its bytes (malloc'd)
 * and *out_size. */
static uint8_t *build_workbook(const uint8_t *data, size_t size, size_t *out_size)
{
    const char *names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"};
    const char *fill[] = {"", STRINGS, STYLES, WORKBOOK};
    const void *at[4];
    size_t len[4];
    size_t pos = 0;  /* where the next part starts; size + 1 once the data is used up */
    for (int k = 0; k < 4; k++) {
        at[k] = fill[k];
        len[k] = strlen(fill[k]);
        if (pos > size || (k > 0 && pos == size))
            continue;  /* not given: the filler */
        const uint8_t *e = memchr(data + pos, 0, size - pos);
        size_t n = e ? (size_t)(e - (data + pos)) : size - pos;
        if (k == 0 || n > 0)  /* an empty part after the sheet: the filler */
            at[k] = data + pos, len[k] = n;
        pos += n + 1;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!buf)
        abort();
    zip_source_keep(buf);  /* it holds the zip once zip_close has written it */
    zip_t *z = zip_open_from_source(buf, ZIP_TRUNCATE, &ze);
    if (!z)
        abort();
    for (int k = 0; k < 5; k++) {
        const char *name = k < 4 ? names[k] : "xl/_rels/workbook.xml.rels";
        zip_source_t *src = zip_source_buffer(z, k < 4 ? at[k] : WB_RELS, k < 4 ? len[k] : strlen(WB_RELS), 0);
        zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) : -1;
        if (i < 0 || zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) != 0)
            abort();
    }
    if (zip_close(z) != 0)
        abort();
    zip_stat_t st;
    if (zip_source_stat(buf, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(buf) != 0)
        abort();
    uint8_t *out = malloc(st.size ? st.size : 1);
    if (!out || zip_source_read(buf, out, st.size) != (zip_int64_t)st.size)
        abort();
    zip_source_close(buf);
    zip_source_free(buf);
    zip_error_fini(&ze);
    *out_size = st.size;
    return out;
}

static int on_row(void *ctx, const jz_header *h, const jz_row *row, const jz_field *f, int nerr)
{
    size_t *sum = ctx;
    (void)nerr;
    for (size_t i = 0; i < row->nfields; i++)
        *sum += row->lens[i] + (row->lens[i] ? (unsigned char)row->fields[i][row->lens[i] - 1] : 0);
    for (size_t c = 0; c < h->schema->ncols; c++)
        *sum += f[c].n + (f[c].ok ? 1 : 0);
    return 0;
}

/* In the child that runs libfreexl (xlsin.c): its death is the tool's refusal, not a
 * finding; libFuzzer's callback would write the input out as a crash. */
static void quiet_child(void)
{
    __sanitizer_set_death_callback(NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jz_xls_set_child_start(quiet_child);
    const char *p = "in.xlsx";
    uint8_t *built = NULL;
    bool on_disk = size >= 8 && memcmp(data, OLE, 8) == 0;
    if (on_disk) {
        /* an OLE file is read as .xls, whatever its name, and only from a file (FreeXL opens
         * files by name; rowsrc.h refuses one in memory) */
        p = fuzz_write(0, "in.xlsx", data, size);
        jz_biff_cells fc;
        const char *why;
        for (long i = 0; i < 2; i++)
            if (jz_biff_read(data, size, i ? NULL : "Sheet1", i, &fc, &why)) {
                for (size_t k = 0; k < fc.n; k++)
                    if (!fc.cell[k].text[0] || (k && fc.cell[k - 1].row == fc.cell[k].row &&
                                                fc.cell[k - 1].col >= fc.cell[k].col))
                        __builtin_trap();  /* xlsbiff.h: never empty, sorted, one per cell */
                jz_biff_cells_free(&fc);
            }
    } else if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        jz_rowsrc_mem_add(p, data, size);  /* the workbook read from memory (rowsrc.h) */
    } else {
        size_t n;
        built = build_workbook(data, size, &n);
        jz_rowsrc_mem_add(p, built, n);
    }
    jz_diag diag;
    jz_diag_init(&diag, fuzz_drop, NULL);
    jz_table_info info;
    jz_error err;
    size_t sum = 0;

    jz_table_read(p, JZ_FILE_UNKNOWN, JZ_ENC_AUTO, &diag, on_row, &sum, &info, &err);
    jz_table_read(p, JZ_FILE_RECORDS, JZ_ENC_AUTO, &diag, on_row, &sum, &info, &err);
    (void)jz_table_peek(p, JZ_ENC_AUTO);

    jz_roster roster;
    jz_roster_init(&roster);
    jz_roster_load(&roster, p, JZ_ENC_AUTO, &diag, &info, &err);
    jz_roster_free(&roster);

    jz_rowsrc_set_sheet("2");  /* sheet 2 by number, through rowsrc as --sheet 2 does */
    jz_rowsrc *s = jz_rowsrc_open(p, NULL, &diag, &err);
    jz_rowsrc_set_sheet(NULL);
    if (s) {
        jz_row row;
        char where[128];
        while (jz_rowsrc_next(s, &row, &err) > 0)
            for (size_t i = 0; i < row.nfields; i++)
                sum += jz_rowsrc_where(s, &row, i, where, sizeof where) + strlen(row.fields[i]);
        jz_rowsrc_close(s);
    }
    volatile size_t keep = sum;
    (void)keep;
    jz_rowsrc_mem_remove("in.xlsx");
    free(built);
    if (on_disk)
        unlink(p);  /* only a crash leaves the file behind (libFuzzer may _Exit past atexit) */
    return 0;
}
