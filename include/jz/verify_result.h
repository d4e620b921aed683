/* verify_result.h — jz-verify's figures read back from its json ("jiazong-verify/1"), for
 * the tools that act on them: jz-score discounts a `verified:` measure by a centre's
 * conservative factor and tests vetoes on its error rate.
 *
 * Promise: only the centre-level estimates are kept (one per centre); numbers keep the
 * fixed decimals jz-verify wrote, as fixed point (1.0 = 10000). A file of another schema
 * is refused (JZ_EINPUT naming the schema found). The json is read with the YAML loader.
 * Ownership: jz_vresults_load fills a jz_vresults freed by jz_vresults_free.
 */
#ifndef JZ_VERIFY_RESULT_H
#define JZ_VERIFY_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "jz/error.h"

#define JZ_VERIFY_SCHEMA "jiazong-verify/1"

typedef struct jz_vcentre {
    char *centre;
    long drawn, checked, errors, verified, differs, not_found, not_checked;
    int64_t err_low, err_high;        /* Clopper-Pearson bounds, FP; -1 when nothing checked */
    int64_t hours_cons, part_cons;    /* conservative factors, FP; -1 when not estimated */
    char hours_text[16], part_text[16];  /* as written: "0.9123" */
    /* For reports, as written ("n/a" for null): the factors with their interval and
     * reading, and the hours reported, estimated true, overstated and its lower bound. */
    char hours_fac[3][16], part_fac[3][16], hours_reading[24], part_reading[24];
    char reported_h[24], true_h[24], over_h[24], over_lb_h[24];
} jz_vcentre;

typedef struct jz_vresults {
    char *path;
    jz_vcentre *v;
    size_t n;
} jz_vresults;

jz_code jz_vresults_load(jz_vresults *r, const char *path, jz_error *err);
/* The centre's figures, or NULL. */
const jz_vcentre *jz_vresults_find(const jz_vresults *r, const char *centre);
void jz_vresults_free(jz_vresults *r);

#endif
