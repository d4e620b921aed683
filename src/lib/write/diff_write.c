/* diff_write.c — see include/jz/diff_write.h: the table of writers. */
#include "jz/diff_write.h"

const jz_writer jz_diff_writers[] = {
    {"text", jz_diff_write_text, NULL},
    {"md", jz_diff_write_md, NULL},
    {"csv", jz_diff_write_csv, NULL},
    {"json", jz_diff_write_json, NULL},
    {NULL, NULL, NULL},
};
