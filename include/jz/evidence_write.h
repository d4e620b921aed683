/* evidence_write.h — jz-score --evidence's CSV: the engine's evidence rows (score.h's
 * jz_evidence_sink) written as a file (write layer).
 *
 * Promise: the header indicator,centre,file,line,record_id,part and then one line per
 * row the sink is given, in that order; every text field through jz_csv_field (ids may
 * hold commas, quotes or text a spreadsheet would run), the line as a number, the part as
 * it is. The measure contribution is not written (the file's columns are those of
 * jiazong-score/2 and later). Deterministic bytes; write errors show in ferror(fp).
 * Ownership: the sink borrows fp, which the caller opened and closes.
 */
#ifndef JZ_EVIDENCE_WRITE_H
#define JZ_EVIDENCE_WRITE_H

#include <stdio.h>

#include "jz/score.h"

/* Write the header line to fp. */
void jz_evidence_csv_header(FILE *fp);

/* A sink that writes each row to fp (call jz_evidence_csv_header first). */
jz_evidence_sink jz_evidence_csv_sink(FILE *fp);

#endif
