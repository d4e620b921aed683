/* test_audit_read.c — jiazong-audit/1 read back (audit_read.c): a small audit written by
 * hand loads with its figures; every kind of wrong value is refused at its line and column;
 * the worst findings come in the documented order (checked by hand below). Run from the
 * repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jz/audit_read.h"

#define SCREENS(w) \
    "{\"entry-lag\":" w ",\"entry-burst\":0,\"after-notice\":0,\"entered-before-service\":0,\"client-overlap\":0," \
    "\"holiday-session\":0,\"cloned-note\":0,\"repeated-attendance\":0,\"digit-heaping\":0,\"outlier\":0}"
#define SCREEN(c, w) "{\"code\":\"" c "\",\"status\":\"ran\",\"why\":\"\",\"warnings\":0,\"notes\":0,\"weight\":" w "}"

/* Line 1 the head, line 2 the screens, line 3 the centres, line 4 staff, lines 6-10 the findings. */
static const char base[] =
    "{\"schema\":\"jiazong-audit/1\",\"rules\":{\"id\":\"guangzhou-audit\",\"version\":\"2024.1\"},\"notice\":\"2024-11-15\","
    "\"as_of\":null,\"rows\":10,\"attendance_rows\":0,\"skipped\":0,\"after_as_of\":0,\"warnings\":4,\"notes\":1,\n"
    "\"screens\":[" SCREEN("entry-lag", "1") "," SCREEN("entry-burst", "2") "," SCREEN("after-notice", "3") ","
    SCREEN("entered-before-service", "3") "," SCREEN("client-overlap", "3") "," SCREEN("holiday-session", "1") ","
    SCREEN("cloned-note", "3") "," SCREEN("repeated-attendance", "3") "," SCREEN("digit-heaping", "1") ","
    SCREEN("outlier", "2") "],\n"
    "\"centres\":[{\"centre\":\"A\",\"rows\":10,\"touched\":3,\"touched_share\":0.3000,\"risk\":12.5,\"entered\":10,"
    "\"late\":2,\"lists\":0,\"lists_flagged\":0,\"staff_members\":2,\"warnings\":" SCREENS("2") ",\"notes\":" SCREENS("0")
    ",\"staff_flagged\":" SCREENS("1") "}],\n"
    "\"staff\":[{\"centre\":\"A\",\"staff\":\"S1\",\"rows\":5,\"touched\":3,\"touched_share\":0.6000,\"risk\":20.0,"
    "\"entered\":5,\"late\":2,\"lists\":0,\"lists_flagged\":0,\"warnings\":" SCREENS("2") ",\"notes\":" SCREENS("0") "}],\n"
    "\"findings\":[\n"
    "{\"severity\":\"warning\",\"code\":\"entry-lag\",\"file\":\"r.csv\",\"line\":4,\"col\":18,\"other_file\":null,"
    "\"other_line\":0,\"centre\":\"A\",\"staff\":\"S1\",\"month\":null,\"cluster\":0,\"message\":\"late 1\"},\n"
    "{\"severity\":\"warning\",\"code\":\"entry-lag\",\"file\":\"r.csv\",\"line\":6,\"col\":18,\"other_file\":null,"
    "\"other_line\":0,\"centre\":\"A\",\"staff\":\"S1\",\"month\":null,\"cluster\":0,\"message\":\"late 2\"},\n"
    "{\"severity\":\"note\",\"code\":\"cloned-note\",\"file\":\"r.csv\",\"line\":2,\"col\":17,\"other_file\":\"r.csv\","
    "\"other_line\":3,\"centre\":\"A\",\"staff\":\"S2\",\"month\":null,\"cluster\":1,\"message\":\"same note\"},\n"
    "{\"severity\":\"warning\",\"code\":\"outlier\",\"file\":null,\"line\":0,\"col\":0,\"other_file\":null,"
    "\"other_line\":0,\"centre\":\"A\",\"staff\":\"S1\",\"month\":\"2024-05\",\"cluster\":0,\"message\":\"many hours\"},\n"
    "{\"severity\":\"warning\",\"code\":\"after-notice\",\"file\":\"r.csv\",\"line\":9,\"col\":18,\"other_file\":null,"
    "\"other_line\":0,\"centre\":\"A\",\"staff\":\"S1\",\"month\":null,\"cluster\":0,\"message\":\"after notice\"}]}\n";

/* base with the first occurrence of `from` replaced by `to`. */
static jz_code load_edited(const char *from, const char *to, jz_audits *a, jz_error *err)
{
    const char *at = strstr(base, from);
    assert_non_null(at);
    size_t n = strlen(base) + strlen(to) + 1;
    char *t = malloc(n);
    snprintf(t, n, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
    memset(a, 0, sizeof *a);
    jz_code rc = jz_audits_load_buffer(a, t, strlen(t), "audit.json", err);  /* from memory */
    free(t);
    return rc;
}

static void a_hand_written_audit_loads_with_its_figures(void **state)
{
    (void)state;
    jz_audits a;
    jz_error err;
    assert_int_equal(load_edited("\"rows\":10,\"attendance", "\"rows\":10,\"attendance", &a, &err), JZ_OK);
    assert_string_equal(a.rules_id, "guangzhou-audit");
    assert_string_equal(a.notice, "2024-11-15");
    assert_string_equal(a.as_of, "");
    assert_int_equal(a.ncentres, 1);
    const jz_acentre *c = jz_audits_centre(&a, "A");
    assert_non_null(c);
    assert_null(jz_audits_centre(&a, "B"));
    assert_string_equal(c->risk_text, "12.5");
    assert_true(c->risk == 12.5);
    assert_int_equal(c->rows, 10);
    assert_int_equal(c->touched, 3);
    assert_int_equal(c->warnings[JZ_AU_ENTRY_LAG], 2);
    assert_int_equal(c->warnings[JZ_AU_OUTLIER], 0);
    assert_int_equal(a.screens[JZ_AU_AFTER_NOTICE].weight, 3);
    assert_string_equal(a.screens[JZ_AU_OUTLIER].status, "ran");
    assert_int_equal(a.nfindings, 5);
    assert_null(a.findings[3].file);
    assert_string_equal(a.findings[3].month, "2024-05");
    assert_string_equal(a.findings[2].other_file, "r.csv");
    assert_false(a.findings[2].warning);
    jz_audits_free(&a);
}

/* By hand: warnings first (the note, finding 2, last); each screen's first before any
 * second: entry-lag #0 (weight 1), outlier #3 (weight 2), after-notice #4 (weight 3) are
 * firsts, ordered by weight: 4, 3, 0; then entry-lag's second, #1; then the note #2. */
static void the_worst_findings_come_in_the_documented_order(void **state)
{
    (void)state;
    jz_audits a;
    jz_error err;
    assert_int_equal(load_edited("\"rows\":10,\"attendance", "\"rows\":10,\"attendance", &a, &err), JZ_OK);
    size_t idx[5];
    assert_int_equal(jz_audits_worst(&a, "A", idx, 5), 5);
    size_t want[] = {4, 3, 0, 1, 2};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(idx[i], want[i]);
    size_t two[2];
    assert_int_equal(jz_audits_worst(&a, "A", two, 2), 5);
    assert_int_equal(two[0], 4);
    assert_int_equal(two[1], 3);
    assert_int_equal(jz_audits_worst(&a, "B", two, 2), 0);
    jz_audits_free(&a);
}

typedef struct bad {
    const char *from, *to;
    long line;
    const char *says;
} bad;

static void wrong_values_are_refused_at_their_line_and_column(void **state)
{
    (void)state;
    static const bad cases[] = {
        {"jiazong-audit/1", "jiazong-audit/2", 1, "version this tool does not know"},
        {"jiazong-audit/1", "jiazong-score/1", 1, "not a result of jz-audit"},
        {"\"risk\":12.5", "\"risk\":\"high\"", 3, "risk"},
        {"\"risk\":12.5", "\"risk\":120", 3, "from 0 to 100"},
        {"\"touched\":3", "\"touched\":-3", 3, "at least 0"},
        {"\"touched\":3", "\"touched\":30", 3, "exceed its rows"},
        {"\"rows\":10,\"attendance", "\"rows\":1.5,\"attendance", 1, "whole number"},
        {"\"severity\":\"note\"", "\"severity\":\"error\"", 8, "severity"},
        {"\"code\":\"outlier\",\"file\":null", "\"code\":\"outliers\",\"file\":null", 9, "not a screen"},
        {"\"message\":\"late 1\"", "\"message\":7", 6, "quoted string"},
        {"\"cluster\":1,", "\"cluster\":1,\"colour\":2,", 8, "colour"},
        {"\"entry-lag\":2,", "\"entry-lag\":2,\"entry-lags\":1,", 3, "entry-lags"},
        {"\"centre\":\"A\",\"staff\":\"S2\"", "\"centre\":\"Z\",\"staff\":\"S2\"", 8, "not among the centres"},
        {"\"status\":\"ran\"", "\"status\":\"done\"", 2, "status"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jz_audits a;
        jz_error err;
        jz_code rc = load_edited(cases[i].from, cases[i].to, &a, &err);
        if (rc != JZ_EINPUT || err.line != cases[i].line || !strstr(err.msg, cases[i].says) || err.col <= 0)
            fail_msg("case %zu (%s): rc %d at %ld:%ld: %s", i, cases[i].to, rc, err.line, err.col, err.msg);
        jz_audits_free(&a);
    }
}

static void a_missing_file_is_a_system_error(void **state)
{
    (void)state;
    jz_audits a;
    memset(&a, 0, sizeof a);
    jz_error err;
    assert_int_equal(jz_audits_load(&a, "tests/unit/no-such-audit.json", &err), JZ_EIO);
    jz_audits_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_hand_written_audit_loads_with_its_figures),
        cmocka_unit_test(the_worst_findings_come_in_the_documented_order),
        cmocka_unit_test(wrong_values_are_refused_at_their_line_and_column),
        cmocka_unit_test(a_missing_file_is_a_system_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
