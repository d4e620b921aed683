/* evidence_write.c — see include/jz/evidence_write.h */
#include "jz/evidence_write.h"
#include "jz/emit.h"

void jz_evidence_csv_header(FILE *fp)
{
    fputs("indicator,centre,file,line,record_id,part\n", fp);
}

static void csv_row(void *ctx, const jz_evidence_row *r)
{
    FILE *fp = ctx;
    jz_csv_field(fp, r->indicator);
    fputc(',', fp);
    jz_csv_field(fp, r->centre);
    fputc(',', fp);
    jz_csv_field(fp, r->file);
    fprintf(fp, ",%ld,", r->line);
    jz_csv_field(fp, r->record_id);
    fputc(',', fp);
    fputs(r->part, fp);
    fputc('\n', fp);
}

jz_evidence_sink jz_evidence_csv_sink(FILE *fp)
{
    return (jz_evidence_sink){csv_row, fp};
}
