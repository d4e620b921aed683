/* audit_rules.c — the audit rules file (rubrics/rules/audit.yaml); see include/jz/audit.h.
 * Strict like rules.c: every key required, unknown keys refused, positions in errors. */
#include "jz/audit.h"
#include "jz/i18n.h"
#include "jz/yaml.h"

#include <stdlib.h>
#include <string.h>

static const char *const codes[JZ_AU_NSCREENS + 1] = {
    "entry-lag", "entry-burst", "after-notice", "entered-before-service", "client-overlap",
    "holiday-session", "cloned-note", "repeated-attendance", "digit-heaping", "outlier", NULL};

const char *jz_audit_code(jz_screen s)
{
    return (unsigned)s < JZ_AU_NSCREENS ? codes[s] : "?";
}

/* A whole number in [lo, hi] under key of map m. */
static bool need_int(const jz_ydoc *d, const jz_ynode *m, const char *w, const char *key, int64_t lo,
                     int64_t hi, int64_t *out, jz_error *err)
{
    jz_ynode *n = jz_y_need(d, m, w, key, err);
    if (!n || !jz_y_int(d, n, key, out, err))
        return false;
    if (*out < lo || *out > hi)
        return jz_y_fail(d, n, err, "%s must be from %lld to %lld", key, (long long)lo, (long long)hi);
    return true;
}

/* A decimal with 2 places -> x100, in [lo, hi] (x100). */
static bool need_fixed(const jz_ydoc *d, const jz_ynode *m, const char *w, const char *key, int64_t lo,
                       int64_t hi, int64_t *out, jz_error *err)
{
    jz_ynode *n = jz_y_need(d, m, w, key, err);
    if (!n || !jz_y_fixed(d, n, key, 2, out, err))
        return false;
    if (*out < lo || *out > hi)
        return jz_y_fail(d, n, err, "%s must be from %lld.%02lld to %lld.%02lld", key, (long long)lo / 100,
                         (long long)lo % 100, (long long)hi / 100, (long long)hi % 100);
    return true;
}

/* A share (80% or 0.8) -> basis points, in (0, 100 %]. */
static bool need_share(const jz_ydoc *d, const jz_ynode *m, const char *w, const char *key, int64_t *out,
                       jz_error *err)
{
    jz_ynode *n = jz_y_need(d, m, w, key, err);
    if (!n || !jz_y_percent(d, n, key, out, err))
        return false;
    if (*out <= 0 || *out > 10000)
        return jz_y_fail(d, n, err, "%s must be more than 0 and at most 100 %%", key);
    return true;
}

static bool need_time(const jz_ydoc *d, const jz_ynode *m, const char *w, const char *key, int *out,
                      jz_error *err)
{
    const char *s;
    jz_ynode *n = jz_y_need(d, m, w, key, err);
    if (!n || !jz_y_string(d, n, key, &s, err))
        return false;
    if (!jz_time_parse(s, strlen(s), out) || *out >= 24 * 60)
        return jz_y_fail(d, n, err, "%s '%s' is not a time of day: write e.g. \"21:00\"", key, s);
    return true;
}

static bool section(const jz_ydoc *d, const char *name, const char *const *keys, const jz_ynode **m,
                    jz_error *err)
{
    *m = jz_y_need(d, d->root, _("the audit rules file"), name, err);
    return *m && jz_y_expect_map(d, *m, name, keys, err);
}

static bool load(jz_audit_rules *r, const jz_ydoc *d, jz_error *err)
{
    static const char *const top[] = {"id", "title", "version", "entry_lag", "entry_burst", "after_notice",
                                      "entered_before_service", "client_overlap", "holiday_session",
                                      "cloned_note", "repeated_attendance", "digit_heaping", "outlier",
                                      "risk", NULL};
    static const char *const k_lag[] = {"max_working_days", "staff_share", "staff_min_rows", NULL};
    static const char *const k_burst[] = {"max_records", "max_service_days", "before_notice_working_days", NULL};
    static const char *const k_notice[] = {"grace_working_days", NULL};
    static const char *const k_before[] = {"tolerance_minutes", NULL};
    static const char *const k_overlap[] = {"min_overlap_minutes", NULL};
    static const char *const k_hol[] = {"night_start", "night_end", "min_sessions", "min_ratio", "min_z", NULL};
    static const char *const k_note[] = {"min_chars", "shingle", "hashes", "bands", "jaccard", NULL};
    static const char *const k_list[] = {"min_people", "jaccard", "kinds", NULL};
    static const char *const k_heap[] = {"min_rows", "note_chi2", "warning_chi2", "participants_multiple", NULL};
    static const char *const k_out[] = {"threshold", "min_staff_months", NULL};
    static const char *const k_risk[] = {"weights", NULL};
    const char *w = "the audit rules file", *id, *title, *version;
    const jz_ynode *m;
    if (!jz_y_expect_map(d, d->root, w, top, err) ||
        !jz_y_string(d, jz_y_need(d, d->root, w, "id", err), "id", &id, err) ||
        !jz_y_string(d, jz_y_need(d, d->root, w, "title", err), "title", &title, err) ||
        !jz_y_string(d, jz_y_need(d, d->root, w, "version", err), "version", &version, err))
        return false;
    r->id = jz_xstrdup(id);
    r->title = jz_xstrdup(title);
    r->version = jz_xstrdup(version);
    if (!section(d, "entry_lag", k_lag, &m, err) ||
        !need_int(d, m, "entry_lag", "max_working_days", 0, 366, &r->lag_days, err) ||
        !need_share(d, m, "entry_lag", "staff_share", &r->lag_staff_bp, err) ||
        !need_int(d, m, "entry_lag", "staff_min_rows", 1, 1000000, &r->lag_staff_min, err))
        return false;
    if (!section(d, "entry_burst", k_burst, &m, err) ||
        !need_int(d, m, "entry_burst", "max_records", 1, 1000000, &r->burst_records, err) ||
        !need_int(d, m, "entry_burst", "max_service_days", 1, 366, &r->burst_days, err) ||
        !need_int(d, m, "entry_burst", "before_notice_working_days", 0, 366, &r->burst_window, err))
        return false;
    if (!section(d, "after_notice", k_notice, &m, err) ||
        !need_int(d, m, "after_notice", "grace_working_days", 0, 366, &r->notice_grace, err))
        return false;
    if (!section(d, "entered_before_service", k_before, &m, err) ||
        !need_int(d, m, "entered_before_service", "tolerance_minutes", 0, 1440, &r->before_tolerance, err))
        return false;
    if (!section(d, "client_overlap", k_overlap, &m, err) ||
        !need_int(d, m, "client_overlap", "min_overlap_minutes", 1, 1440, &r->overlap_min, err))
        return false;
    if (!section(d, "holiday_session", k_hol, &m, err) ||
        !need_time(d, m, "holiday_session", "night_start", &r->night_start, err) ||
        !need_time(d, m, "holiday_session", "night_end", &r->night_end, err) ||
        !need_int(d, m, "holiday_session", "min_sessions", 1, 1000000, &r->holiday_min, err) ||
        !need_fixed(d, m, "holiday_session", "min_ratio", 100, 100000, &r->holiday_ratio_x100, err) ||
        !need_fixed(d, m, "holiday_session", "min_z", 0, 10000, &r->holiday_z_x100, err))
        return false;
    if (r->night_end >= r->night_start)
        return jz_y_fail(d, jz_y_get(m, "night_end"), err, "night_end must come before night_start");
    if (!section(d, "cloned_note", k_note, &m, err) ||
        !need_int(d, m, "cloned_note", "min_chars", 1, 100000, &r->note_chars, err) ||
        !need_int(d, m, "cloned_note", "shingle", 1, 16, &r->shingle, err) ||
        !need_int(d, m, "cloned_note", "hashes", 8, 1024, &r->hashes, err) ||
        !need_int(d, m, "cloned_note", "bands", 1, 1024, &r->bands, err) ||
        !need_share(d, m, "cloned_note", "jaccard", &r->note_jaccard_bp, err))
        return false;
    if (r->hashes % r->bands != 0)
        return jz_y_fail(d, jz_y_get(m, "bands"), err, "bands (%lld) must divide hashes (%lld)",
                         (long long)r->bands, (long long)r->hashes);
    if (!section(d, "repeated_attendance", k_list, &m, err) ||
        !need_int(d, m, "repeated_attendance", "min_people", 2, 100000, &r->list_min, err) ||
        !need_share(d, m, "repeated_attendance", "jaccard", &r->list_jaccard_bp, err))
        return false;
    const jz_ynode *kinds = jz_y_need(d, m, "repeated_attendance", "kinds", err);
    if (!kinds)
        return false;
    if (kinds->kind != JZ_Y_SEQ || kinds->n == 0)
        return jz_y_fail(d, kinds, err, "kinds must be a list of service kinds, e.g. [community]");
    const char *kind_names[JZ_KIND_N + 1];
    for (size_t i = 0; i < JZ_KIND_N; i++)
        kind_names[i] = jz_enum_kind.en[i];
    kind_names[JZ_KIND_N] = NULL;
    for (size_t i = 0; i < kinds->n; i++) {
        int k;
        if (!jz_y_choice(d, kinds->items[i], "kinds", kind_names, &k, err))
            return false;
        r->list_kind[k] = true;
    }
    if (!section(d, "digit_heaping", k_heap, &m, err) ||
        !need_int(d, m, "digit_heaping", "min_rows", 1, 1000000, &r->heap_min, err) ||
        !need_fixed(d, m, "digit_heaping", "note_chi2", 1, 100000000, &r->heap_note_x100, err) ||
        !need_fixed(d, m, "digit_heaping", "warning_chi2", 1, 100000000, &r->heap_warn_x100, err) ||
        !need_int(d, m, "digit_heaping", "participants_multiple", 2, 1000, &r->heap_multiple, err))
        return false;
    if (r->heap_warn_x100 < r->heap_note_x100)
        return jz_y_fail(d, jz_y_get(m, "warning_chi2"), err, "warning_chi2 must not be below note_chi2");
    if (!section(d, "outlier", k_out, &m, err) ||
        !need_fixed(d, m, "outlier", "threshold", 1, 100000, &r->outlier_x100, err) ||
        !need_int(d, m, "outlier", "min_staff_months", 2, 1000000, &r->outlier_min, err))
        return false;
    if (!section(d, "risk", k_risk, &m, err))
        return false;
    const jz_ynode *wm = jz_y_need(d, m, "risk", "weights", err);
    if (!wm || !jz_y_expect_map(d, wm, "weights", codes, err))
        return false;
    for (int s = 0; s < JZ_AU_NSCREENS; s++)
        if (!need_int(d, wm, "weights", codes[s], 0, 1000, &r->weight[s], err))
            return false;
    return true;
}

/* Check the parsed document d (NULL: the parse failed, err says why) into r; path names it. */
static jz_code load_doc(jz_audit_rules *r, jz_ydoc *d, const char *path, jz_error *err)
{
    if (!d)
        return err->code;
    r->path = jz_xstrdup(path);
    bool ok = d->root != NULL && load(r, d, err);
    jz_yaml_free(d);
    if (!ok) {
        if (err->code == JZ_OK)
            jz_error_set(err, JZ_EINPUT, path, 0, 0, "invalid audit rules file (empty?)");
        jz_audit_rules_free(r);
        return err->code;
    }
    return JZ_OK;
}

jz_code jz_audit_rules_load(jz_audit_rules *r, const char *path, jz_error *err)
{
    memset(r, 0, sizeof *r);
    jz_error_clear(err);
    return load_doc(r, jz_yaml_load(path, err), path, err);
}

jz_code jz_audit_rules_load_buffer(jz_audit_rules *r, const char *text, size_t len, const char *name, jz_error *err)
{
    memset(r, 0, sizeof *r);
    jz_error_clear(err);
    return load_doc(r, jz_yaml_parse(text, len, name, err), name, err);
}

void jz_audit_rules_free(jz_audit_rules *r)
{
    if (!r)
        return;
    free(r->path);
    free(r->id);
    free(r->title);
    free(r->version);
    memset(r, 0, sizeof *r);
}
