/* test_rules.c — the shipped contract rules load with exactly the published figures, the
 * staffing and hours formulas at their edges, and broken rule files (the shipped text
 * with one change, in a temporary file) are refused at the right line and column.
 * Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jz/rules.h"

#define SHIPPED "rubrics/rules/guangzhou-hours.yaml"

static char *shipped_text;   /* the shipped file, loaded once */

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, (1 << 20) - 1, fp) : 0;
    fclose(fp);
    if (buf)
        buf[n] = '\0';
    return buf;
}

static int setup(void **state)
{
    (void)state;
    shipped_text = slurp(SHIPPED);
    if (!shipped_text)
        print_error("cannot read %s (run from the repository root)\n", SHIPPED);
    return shipped_text ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(shipped_text);
    return 0;
}

/* ---- the shipped file ---- */

static void load_shipped(jz_rules *r)
{
    jz_error err;
    jz_code code = jz_rules_load(r, SHIPPED, &err);
    if (code)
        print_error("%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
    assert_int_equal(code, JZ_OK);
}

static void the_shipped_rules_have_the_published_figures(void **state)
{
    (void)state;
    jz_rules r;
    load_shipped(&r);
    assert_string_equal(r.id, "guangzhou-hours");
    assert_string_equal(r.version, "2024.1");
    assert_string_equal(r.path, SHIPPED);
    assert_non_null(strstr(r.title, "广州市家庭综合服务中心"));
    /* staffing */
    assert_int_equal(r.base_budget, 2000000);
    assert_int_equal(r.base_counted_staff, 14);
    assert_int_equal(r.extra_staff_per, 100000);
    assert_int_equal(r.min_certified, 10);
    assert_int_equal(r.min_total_staff, 20);
    assert_true(r.certified[JZ_QUAL_SENIOR]);
    assert_true(r.certified[JZ_QUAL_SOCIAL_WORKER]);
    assert_true(r.certified[JZ_QUAL_ASSISTANT]);
    assert_false(r.certified[JZ_QUAL_NONE]);
    /* hours, in minutes; shares in basis points */
    assert_int_equal(r.base_total, 27440 * 60);
    assert_int_equal(r.base_total, 1646400);
    assert_int_equal(r.per_worker, 1960 * 60);
    assert_int_equal(r.base_total, r.base_counted_staff * r.per_worker);
    assert_int_equal(r.bid_cap_bp, 11000);
    assert_int_equal(r.base_direct_min, 22852 * 60);
    assert_int_equal(r.training, 1260 * 60);
    assert_int_equal(r.supervision, 1172 * 60);
    assert_int_equal(r.outreach_bp, 6000);
    assert_int_equal(r.staff_low_bp, 8000);
    assert_int_equal(r.staff_high_bp, 11000);
    assert_int_equal(r.prorate, JZ_PRORATE_WORKING_DAYS);
    assert_string_equal(jz_prorate_name(r.prorate), "working_days");
    jz_rules_free(&r);
}

static void service_kinds_are_exactly_the_five_professional_ones(void **state)
{
    (void)state;
    jz_rules r;
    load_shipped(&r);
    static const bool want_kind[JZ_KIND_N] = {
        [JZ_KIND_CASE] = true, [JZ_KIND_GROUP] = true, [JZ_KIND_COMMUNITY] = true,
        [JZ_KIND_VISIT] = true, [JZ_KIND_CONSULT] = true,
        [JZ_KIND_TRAINING] = false, [JZ_KIND_SUPERVISION] = false, [JZ_KIND_ADMIN] = false,
    };
    for (int k = 0; k < JZ_KIND_N; k++)
        assert_int_equal(r.service_kind[k], want_kind[k]);
    static const bool want_place[JZ_PLACE_N] = {
        [JZ_PLACE_CENTRE] = false, [JZ_PLACE_COMMUNITY] = true, [JZ_PLACE_HOME] = true,
        [JZ_PLACE_ONLINE] = false, [JZ_PLACE_OTHER] = false,
    };
    for (int p = 0; p < JZ_PLACE_N; p++)
        assert_int_equal(r.outreach_place[p], want_place[p]);
    assert_true(r.direct_mode[JZ_MODE_DIRECT]);
    assert_false(r.direct_mode[JZ_MODE_INDIRECT]);
    jz_rules_free(&r);
}

static void payment_is_four_quarters_with_a_90_percent_recheck(void **state)
{
    (void)state;
    jz_rules r;
    load_shipped(&r);
    assert_true(r.has_payment);
    assert_int_equal(r.ninstalments, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(r.instalment_bp[i], 2500);
    assert_string_equal(r.pass_grade, "合格");
    assert_int_equal(r.recheck_bp, 9000);
    assert_int_equal(r.second_failure_bp, 0);
    jz_rules_free(&r);
}

static void counted_staff_grow_by_one_per_full_100000_yuan(void **state)
{
    (void)state;
    jz_rules r;
    load_shipped(&r);
    assert_int_equal(jz_rules_counted_staff(&r, 2000000), 14);
    assert_int_equal(jz_rules_counted_staff(&r, 2099999), 14);
    assert_int_equal(jz_rules_counted_staff(&r, 2100000), 15);
    assert_int_equal(jz_rules_counted_staff(&r, 2350000), 17);
    assert_int_equal(jz_rules_counted_staff(&r, 1800000), 14);
    assert_int_equal(jz_rules_counted_staff(&r, 0), 14);
    jz_rules_free(&r);
}

static void total_hours_add_1960_per_extra_counted_worker(void **state)
{
    (void)state;
    jz_rules r;
    load_shipped(&r);
    assert_int_equal(jz_rules_total_minutes(&r, 2000000), 1646400);
    assert_int_equal(jz_rules_total_minutes(&r, 1800000), 1646400);
    assert_int_equal(jz_rules_total_minutes(&r, 2099999), 1646400);
    assert_int_equal(jz_rules_total_minutes(&r, 2350000), (27440 + 3 * 1960) * 60);
    assert_int_equal(jz_rules_total_minutes(&r, 2350000), 1999200);
    jz_rules_free(&r);
}

static void prorate_names_are_the_file_words(void **state)
{
    (void)state;
    assert_string_equal(jz_prorate_name(JZ_PRORATE_WORKING_DAYS), "working_days");
    assert_string_equal(jz_prorate_name(JZ_PRORATE_CALENDAR_DAYS), "calendar_days");
    assert_string_equal(jz_prorate_name(JZ_PRORATE_MONTHS), "months");
    assert_string_equal(jz_prorate_name(JZ_PRORATE_NONE), "none");
}

/* ---- broken files: the shipped text with one change ---- */

typedef struct variant {
    char path[64];
    char *text;
} variant;

/* The shipped text with the first `from` replaced by `to`, written to a temporary file. */
static void make_variant(variant *v, const char *from, const char *to)
{
    const char *at = strstr(shipped_text, from);
    if (!at)
        print_error("'%s' not in %s\n", from, SHIPPED);
    assert_non_null(at);
    size_t pre = (size_t)(at - shipped_text), fl = strlen(from), tl = strlen(to);
    size_t total = strlen(shipped_text) - fl + tl;
    v->text = malloc(total + 1);
    assert_non_null(v->text);
    memcpy(v->text, shipped_text, pre);
    memcpy(v->text + pre, to, tl);
    memcpy(v->text + pre + tl, at + fl, strlen(at + fl) + 1);
    snprintf(v->path, sizeof v->path, "rules-variant.yaml");  /* a name for messages: loaded from the buffer */
}

static void drop_variant(variant *v)
{
    free(v->text);
}

/* 1-based line and column of the first `needle` in v's text (ASCII lines). */
static void position_of(const variant *v, const char *needle, long *line, long *col)
{
    const char *at = strstr(v->text, needle);
    assert_non_null(at);
    *line = 1;
    const char *bol = v->text;
    for (const char *p = v->text; p < at; p++)
        if (*p == '\n')
            *line += 1, bol = p + 1;
    *col = (long)(at - bol) + 1;
}

/* Load v: refused with JZ_EINPUT at the first `where` in its text plus `skip` bytes
 * (on the same line), with `msg`. */
static void assert_refused_skip(const variant *v, const char *where, size_t skip, const char *msg)
{
    long line, col;
    position_of(v, where, &line, &col);
    col += (long)skip;
    jz_rules r;
    jz_error err;
    jz_code code = jz_rules_load_buffer(&r, v->text, strlen(v->text), v->path, &err);
    if (code != JZ_EINPUT || err.line != line || err.col != col || strcmp(err.msg, msg) != 0)
        print_error("got %s:%ld:%ld: %s\nwant line %ld col %ld: %s\n", err.file, err.line, err.col,
                    err.msg, line, col, msg);
    assert_int_equal(code, JZ_EINPUT);
    assert_int_equal(err.code, JZ_EINPUT);
    assert_string_equal(err.file, v->path);
    assert_int_equal(err.line, line);
    assert_int_equal(err.col, col);
    assert_string_equal(err.msg, msg);
    assert_null(r.id);    /* nothing half-loaded is left behind */
    assert_null(r.path);
}

static void assert_refused_at(const variant *v, const char *where, const char *msg)
{
    assert_refused_skip(v, where, 0, msg);
}

/* Refused at the value that follows `key` (e.g. "min_certified: "). */
static void assert_refused_after(const variant *v, const char *key, const char *msg)
{
    assert_refused_skip(v, key, strlen(key), msg);
}

static void a_misspelt_key_gets_did_you_mean_at_its_place(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "  training: 1260", "  trainng: 1260");
    assert_refused_at(&v, "trainng:", "unknown key 'trainng' in hours: did you mean 'training'?");
    long line, col;
    position_of(&v, "trainng:", &line, &col);
    assert_int_equal(line, 33);   /* the shipped file as of version 2024.1 */
    assert_int_equal(col, 3);
    drop_variant(&v);
}

static void a_misspelt_section_gets_did_you_mean(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "\nprorate:", "\nprorata:");
    assert_refused_at(&v, "prorata:", "unknown key 'prorata' in the rules file: did you mean 'prorate'?");
    drop_variant(&v);
}

static void a_list_where_a_number_goes_is_refused(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "base_total: 27440", "base_total: [27440]");
    assert_refused_at(&v, "[27440]", "base_total must be a single value, not a list");
    drop_variant(&v);
}

static void words_where_a_number_goes_are_refused(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "min_certified: 10 ", "min_certified: ten");
    assert_refused_after(&v, "min_certified: ", "min_certified 'ten' is not a number");
    drop_variant(&v);
}

static void a_missing_key_is_named_at_its_map(void **state)
{
    (void)state;
    variant v;
    /* Drop the supervision line: reported at the first key of the hours map. */
    make_variant(&v, "  supervision: 1172 ", "  # supervision removed ");
    assert_refused_at(&v, "per_counted_worker:", "hours needs a 'supervision' key");
    drop_variant(&v);
}

static void a_missing_section_is_named(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "\nprorate:\n  method: working_days          # working_days | calendar_days | months | none\n"
                     "  rounding: up",
                 "\n");
    assert_refused_at(&v, "id: guangzhou-hours", "the rules file needs a 'prorate' key");
    drop_variant(&v);
}

static void a_bad_percentage_is_refused_with_the_forms(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "outreach_share: 60%", "outreach_share: 60 percent");
    assert_refused_at(&v, "60 percent", "outreach_share '60 percent' is not a percentage (at most 2 decimals): "
                                        "write e.g. 60%, 12.5% or 0.6");
    drop_variant(&v);
    make_variant(&v, "staff_low: 80%", "staff_low: -80%");
    assert_refused_at(&v, "-80%", "staff_low '-80%' must not be negative");
    drop_variant(&v);
}

static void instalments_not_adding_to_100_percent_are_refused(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "[25%, 25%, 25%, 25%]", "[25%, 25%, 25%, 20%]");
    assert_refused_at(&v, "[25%, 25%, 25%, 20%]", "instalments add up to 95.00 %, not 100 %");
    drop_variant(&v);
    make_variant(&v, "[25%, 25%, 25%, 25%]", "[30%, 30%, 30%, 10.01%]");
    assert_refused_at(&v, "[30%", "instalments add up to 100.01 %, not 100 %");
    drop_variant(&v);
}

static void an_unknown_service_kind_is_refused_with_the_choices(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "[community, home]", "[community, homes]");
    assert_refused_at(&v, "homes", "outreach_places 'homes' is not one of: centre, community, home, online, other");
    drop_variant(&v);
}

static void extra_staff_per_zero_is_refused(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "extra_staff_per: 100000", "extra_staff_per: 0");
    assert_refused_after(&v, "extra_staff_per: ", "extra_staff_per '0' is out of range: it must be from 1000 to "
                         "10000000000 yuan");
    drop_variant(&v);
}

static void negative_staff_counts_are_refused(void **state)
{
    (void)state;
    static const char *const keys[][3] = {
        {"base_counted_staff: 14", "base_counted_staff: -14", "base_counted_staff '-14'"},
        {"min_certified: 10", "min_certified: -1", "min_certified '-1'"},
        {"min_total_staff: 20", "min_total_staff: -20", "min_total_staff '-20'"},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        variant v;
        make_variant(&v, keys[i][0], keys[i][1]);
        char msg[200];
        snprintf(msg, sizeof msg, "%s is out of range: it must be from 0 to 1000 staff", keys[i][2]);
        size_t k = strcspn(keys[i][0], ":") + 2;
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)k, keys[i][0]);
        assert_refused_after(&v, key, msg);
        drop_variant(&v);
    }
}

static void sixteen_digit_numbers_are_out_of_range_not_wrapped(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "base_budget: 2000000", "base_budget: 9999999999999999");
    assert_refused_after(&v, "base_budget: ", "base_budget '9999999999999999' is out of range: it must be from 0 to "
                         "10000000000 yuan");
    drop_variant(&v);
    /* 1646400 x 9999999999999900 bp wrapped in the bid-cap check (UBSan) */
    make_variant(&v, "bid_cap: 110%", "bid_cap: 99999999999999%");
    assert_refused_after(&v, "bid_cap: ", "bid_cap '99999999999999%' is out of range: a percentage is at most 10000%");
    drop_variant(&v);
    make_variant(&v, "bid_cap: 110%", "bid_cap: 1000.01%");
    assert_refused_after(&v, "bid_cap: ", "bid_cap '1000.01%' is out of range: it must be from 0 to 1000 %");
    drop_variant(&v);
    make_variant(&v, "base_total: 27440", "base_total: 10000001");
    assert_refused_after(&v, "base_total: ", "base_total '10000001' is out of range: it must be from 0 to 10000000 "
                         "hours");
    drop_variant(&v);
    make_variant(&v, "per_counted_worker: 1960", "per_counted_worker: 8785");
    assert_refused_after(&v, "per_counted_worker: ", "per_counted_worker '8785' is out of range: it must be from 0 to "
                         "8784 hours");
    drop_variant(&v);
    make_variant(&v, "recheck_pays: 90%", "recheck_pays: 100.5%");
    assert_refused_after(&v, "recheck_pays: ", "recheck_pays '100.5%' is out of range: it must be from 0 to 100 %");
    drop_variant(&v);
}

static void the_largest_numbers_in_range_are_accepted(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "extra_staff_per: 100000", "extra_staff_per: 1000");
    jz_rules r;
    jz_error err;
    assert_int_equal(jz_rules_load_buffer(&r, v.text, strlen(v.text), v.path, &err), JZ_OK);
    assert_int_equal(r.extra_staff_per, 1000);
    /* the largest budget a contract may have, at the smallest step: 14 + (10^10 - 2,000,000)
     * / 1000 = 9,998,014 staff; 1,646,400 + 9,998,000 x 117,600 minutes, exact */
    assert_int_equal(jz_rules_counted_staff(&r, INT64_C(10000000000)), 9998014);
    assert_int_equal(jz_rules_total_minutes(&r, INT64_C(10000000000)), INT64_C(1175766446400));
    jz_rules_free(&r);
    drop_variant(&v);
    make_variant(&v, "base_budget: 2000000", "base_budget: 10000000000");
    assert_int_equal(jz_rules_load_buffer(&r, v.text, strlen(v.text), v.path, &err), JZ_OK);
    assert_int_equal(r.base_budget, INT64_C(10000000000));
    jz_rules_free(&r);
    drop_variant(&v);
}

static void an_unknown_prorate_method_is_refused(void **state)
{
    (void)state;
    variant v;
    make_variant(&v, "method: working_days", "method: weeks");
    assert_refused_after(&v, "method: ", "method 'weeks' is not one of: working_days, calendar_days, months, none");
    drop_variant(&v);
}

static void payment_is_optional(void **state)
{
    (void)state;
    variant v;
    const char *at = strstr(shipped_text, "\npayment:");
    assert_non_null(at);
    make_variant(&v, at, "\n");
    jz_rules r;
    jz_error err;
    assert_int_equal(jz_rules_load_buffer(&r, v.text, strlen(v.text), v.path, &err), JZ_OK);
    assert_false(r.has_payment);
    assert_int_equal(r.ninstalments, 0);
    assert_null(r.pass_grade);
    assert_int_equal(r.base_total, 1646400);
    jz_rules_free(&r);
    drop_variant(&v);
}

static void a_variant_method_loads(void **state)
{
    (void)state;
    static const struct { const char *word; jz_prorate p; } m[] = {
        {"calendar_days", JZ_PRORATE_CALENDAR_DAYS}, {"months", JZ_PRORATE_MONTHS}, {"none", JZ_PRORATE_NONE},
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        char to[64];
        snprintf(to, sizeof to, "method: %s", m[i].word);
        variant v;
        make_variant(&v, "method: working_days", to);
        jz_rules r;
        jz_error err;
        assert_int_equal(jz_rules_load_buffer(&r, v.text, strlen(v.text), v.path, &err), JZ_OK);
        assert_int_equal(r.prorate, m[i].p);
        jz_rules_free(&r);
        drop_variant(&v);
    }
}

static void a_missing_file_is_an_io_error(void **state)
{
    (void)state;
    jz_rules r;
    jz_error err;
    assert_int_equal(jz_rules_load(&r, "rubrics/rules/no-such-file.yaml", &err), JZ_EIO);
    assert_int_equal(err.code, JZ_EIO);
    assert_string_equal(err.file, "rubrics/rules/no-such-file.yaml");
    jz_rules_free(&r);   /* harmless on a zeroed struct */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_shipped_rules_have_the_published_figures),
        cmocka_unit_test(service_kinds_are_exactly_the_five_professional_ones),
        cmocka_unit_test(payment_is_four_quarters_with_a_90_percent_recheck),
        cmocka_unit_test(counted_staff_grow_by_one_per_full_100000_yuan),
        cmocka_unit_test(total_hours_add_1960_per_extra_counted_worker),
        cmocka_unit_test(prorate_names_are_the_file_words),
        cmocka_unit_test(a_misspelt_key_gets_did_you_mean_at_its_place),
        cmocka_unit_test(a_misspelt_section_gets_did_you_mean),
        cmocka_unit_test(a_list_where_a_number_goes_is_refused),
        cmocka_unit_test(words_where_a_number_goes_are_refused),
        cmocka_unit_test(a_missing_key_is_named_at_its_map),
        cmocka_unit_test(a_missing_section_is_named),
        cmocka_unit_test(a_bad_percentage_is_refused_with_the_forms),
        cmocka_unit_test(instalments_not_adding_to_100_percent_are_refused),
        cmocka_unit_test(an_unknown_service_kind_is_refused_with_the_choices),
        cmocka_unit_test(extra_staff_per_zero_is_refused),
        cmocka_unit_test(negative_staff_counts_are_refused),
        cmocka_unit_test(sixteen_digit_numbers_are_out_of_range_not_wrapped),
        cmocka_unit_test(the_largest_numbers_in_range_are_accepted),
        cmocka_unit_test(an_unknown_prorate_method_is_refused),
        cmocka_unit_test(payment_is_optional),
        cmocka_unit_test(a_variant_method_loads),
        cmocka_unit_test(a_missing_file_is_an_io_error),
    };
    return cmocka_run_group_tests_name("rules", tests, setup, teardown);
}
