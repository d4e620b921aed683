/* test_text.c — UTF-8 validation, header/enum normalisation, edit distance (text.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "jz/text.h"

static size_t prefix(const char *s, size_t n, bool *incomplete)
{
    *incomplete = !*incomplete;  /* make sure the function writes it */
    return jz_utf8_valid_prefix((const unsigned char *)s, n, incomplete);
}

static const char *norm(const char *s)
{
    static char out[256];
    jz_text_norm(s, strlen(s), out, sizeof out);
    return out;
}

/* ---- UTF-8 ---- */

static void valid_utf8_is_valid_to_the_end(void **state)
{
    (void)state;
    bool inc = false;
    const char *s = "记录编号,centre,2024年3月5日";
    assert_int_equal(prefix(s, strlen(s), &inc), strlen(s));
    assert_false(inc);
    assert_int_equal(prefix("", 0, &inc), 0);
    assert_false(inc);
}

static void overlong_c0_80_stops_before_it(void **state)
{
    (void)state;
    bool inc = true;
    assert_int_equal(prefix("a\xC0\x80z", 4, &inc), 1);
    assert_false(inc);
    /* An overlong three-byte NUL too. */
    assert_int_equal(prefix("ab\xE0\x80\x80", 5, &inc), 2);
    assert_false(inc);
}

static void surrogate_ed_a0_80_is_invalid(void **state)
{
    (void)state;
    bool inc = true;
    assert_int_equal(prefix("\xED\xA0\x80", 3, &inc), 0);
    assert_false(inc);
    /* U+D7FF, just below the surrogates, is fine. */
    assert_int_equal(prefix("\xED\x9F\xBF", 3, &inc), 3);
}

static void truncated_tail_is_flagged_incomplete(void **state)
{
    (void)state;
    bool inc = false;
    /* "记" is E8 AE B0: the last byte is missing. */
    assert_int_equal(prefix("ab\xE8\xAE", 4, &inc), 2);
    assert_true(inc);
    /* The same bytes followed by ASCII are simply invalid, not incomplete. */
    assert_int_equal(prefix("ab\xE8\xAEz", 5, &inc), 2);
    assert_false(inc);
}

static void four_byte_emoji_is_valid(void **state)
{
    (void)state;
    bool inc = true;
    assert_int_equal(prefix("\xF0\x9F\x98\x80", 4, &inc), 4);  /* U+1F600 */
    assert_false(inc);
    assert_int_equal(prefix("\xF4\x90\x80\x80", 4, &inc), 0);  /* U+110000: too big */
    assert_false(inc);
}

static void invalid_byte_after_eight_ascii_bytes_is_found(void **state)
{
    (void)state;
    bool inc = true;
    /* Past the 8-byte fast path. */
    assert_int_equal(prefix("12345678abc\xFF" "def", 15, &inc), 11);
    assert_false(inc);
    assert_int_equal(prefix("1234567\xFF", 8, &inc), 7);
}

/* ---- normalisation ---- */

static void record_id_with_spaces_and_capitals_normalises_to_record_id(void **state)
{
    (void)state;
    assert_string_equal(norm("  Record_ID "), "record_id");
    assert_string_equal(norm("\tCENTRE\t"), "centre");
}

static void full_width_record_id_normalises_to_ascii(void **state)
{
    (void)state;
    assert_string_equal(norm("ｒｅｃｏｒｄ＿ｉｄ"), "record_id");
    assert_string_equal(norm("ＲＥＣＯＲＤ＿ＩＤ"), "record_id");
}

static void ideographic_spaces_around_are_trimmed(void **state)
{
    (void)state;
    assert_string_equal(norm("\xE3\x80\x80记录编号\xE3\x80\x80"), "记录编号");
    assert_string_equal(norm(" \xE3\x80\x80 hours \xE3\x80\x80"), "hours");
}

static void chinese_is_unchanged_and_inner_spaces_kept(void **state)
{
    (void)state;
    assert_string_equal(norm("服务类型"), "服务类型");
    assert_string_equal(norm("Service Kind"), "service kind");
}

static void norm_returns_the_length_and_truncates_to_capacity(void **state)
{
    (void)state;
    char out[5];
    assert_int_equal(jz_text_norm(" ABC ", 5, out, sizeof out), 3);
    assert_string_equal(out, "abc");
    assert_int_equal(jz_text_norm("abcdefgh", 8, out, sizeof out), 4);
    assert_string_equal(out, "abcd");
    assert_int_equal(jz_text_norm("   ", 3, out, sizeof out), 0);
    assert_string_equal(out, "");
}

/* ---- distance ---- */

static void caes_is_one_transposition_from_case(void **state)
{
    (void)state;
    assert_int_equal(jz_text_distance("caes", "case"), 1);
}

static void chinese_is_counted_in_code_points(void **state)
{
    (void)state;
    assert_int_equal(jz_text_distance("个按", "个案"), 1);
    assert_int_equal(jz_text_distance("个案", "小组"), 2);
}

static void distance_from_empty_is_the_length(void **state)
{
    (void)state;
    assert_int_equal(jz_text_distance("", "abc"), 3);
    assert_int_equal(jz_text_distance("abc", ""), 3);
    assert_int_equal(jz_text_distance("", ""), 0);
    assert_int_equal(jz_text_distance("kitten", "sitting"), 3);
}

static void strings_over_64_code_points_are_far_apart(void **state)
{
    (void)state;
    char a[70];
    memset(a, 'a', 65);
    a[65] = '\0';
    assert_true(jz_text_distance(a, "a") > 64);
}

static void utf8_len_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(jz_utf8_len("个案"), 2);
    assert_int_equal(jz_utf8_len("case"), 4);
    assert_int_equal(jz_utf8_len("\xF0\x9F\x98\x80"), 1);
}

static void trim_strips_ascii_spaces_and_tabs_only(void **state)
{
    (void)state;
    const char *s = " \t ab c\t ";
    size_t n = jz_text_trim(&s, strlen(s));
    assert_int_equal(n, 4);
    assert_memory_equal(s, "ab c", 4);
}

/* ---- controls escaped for a terminal ---- */

static const char *shown(const char *s)
{
    static char out[256];
    jz_text_escape(s, out, sizeof out);
    return out;
}

static void esc_bel_cr_del_are_escaped_as_hex(void **state)
{
    (void)state;
    assert_string_equal(shown("a\x1b]0;pwned\x07" "b"), "a\\x1b]0;pwned\\x07b");
    assert_string_equal(shown("ok\rfake"), "ok\\x0dfake");
    assert_string_equal(shown("x\x7fy\tz\n"), "x\\x7fy\\x09z\\x0a");
}

static void c1_controls_are_escaped_as_code_points(void **state)
{
    (void)state;
    /* U+009B (CSI) in UTF-8 is C2 9B; U+00A0 (no-break space) is not a control */
    assert_string_equal(shown("a\xc2\x9b" "31mb\xc2\xa0"), "a\\u009b31mb\xc2\xa0");
    assert_string_equal(shown("\xc2\x80"), "\\u0080");
}

static void chinese_and_plain_text_are_copied(void **state)
{
    (void)state;
    assert_string_equal(shown("海珠区 南洲街 \\ 100%"), "海珠区 南洲街 \\ 100%");
    assert_false(jz_text_has_controls("海珠区 南洲街"));
    assert_true(jz_text_has_controls("a\x1b"));
    const char *s = "no controls";
    assert_ptr_equal(jz_text_show(s), s);
}

static void invalid_utf8_bytes_are_escaped(void **state)
{
    (void)state;
    /* a lone 0x9B (8-bit CSI), a lone continuation byte, a truncated sequence */
    assert_string_equal(shown("a\x9b" "b\xe6\xb5"), "a\\x9bb\\xe6\\xb5");
}

static void escape_reports_the_length_needed_and_truncates_whole(void **state)
{
    (void)state;
    assert_int_equal(jz_text_escape("a\x1b", NULL, 0), 5);
    char out[4];
    assert_int_equal(jz_text_escape("ab\x1b", out, sizeof out), 6);
    assert_string_equal(out, "ab");  /* \x1b does not fit: not cut in the middle */
}

static void show_keeps_several_values_at_once(void **state)
{
    (void)state;
    const char *a = jz_text_show("1\x1b");
    const char *b = jz_text_show("2\x07");
    assert_string_equal(a, "1\\x1b");
    assert_string_equal(b, "2\\x07");
}

/* ---- width folding for values (issue 14: what clerks type) ---- */

static const char *folded(const char *s)
{
    static char out[64];
    size_t n = jz_text_fold_width(s, strlen(s), out, sizeof out);
    return n == (size_t)-1 ? "(too long)" : out;
}

static void full_width_digits_colons_and_dashes_fold_to_ascii_and_nothing_else(void **state)
{
    (void)state;
    assert_string_equal(folded("１２"), "12");
    assert_string_equal(folded("9：30"), "9:30");
    assert_string_equal(folded("２０２４－０３－０５"), "2024-03-05");
    assert_string_equal(folded("１．５"), "1.5");
    assert_string_equal(folded("下午２：３０"), "下午2:30");
    assert_string_equal(folded("ＡＭ"), "AM");  /* no case folding */
    assert_string_equal(folded("1\xe3\x80\x80"), "1 ");  /* U+3000 -> space, not trimmed */
    assert_string_equal(folded("社区"), "社区");
    assert_true(jz_text_has_wide_ascii("１", 3));
    assert_true(jz_text_has_wide_ascii("a\xe3\x80\x80", 4));
    assert_true(jz_text_has_wide_ascii("～", 3));   /* U+FF5E, the last form */
    assert_false(jz_text_has_wide_ascii("｟", 3));  /* U+FF5F is not ASCII's twin */
    assert_false(jz_text_has_wide_ascii("社区12", 8));
    char small[3];
    assert_int_equal(jz_text_fold_width("１２３", 9, small, sizeof small), (size_t)-1);
    assert_int_equal(jz_text_fold_width("１２", 6, small, sizeof small), 2);
    assert_string_equal(small, "12");
}

/* jz_text_has_wide_ascii skips ASCII 8 bytes at a time: at every offset, after short and
 * long runs of ASCII, it still says exactly whether jz_text_fold_width changes the text. */
static void wide_ascii_is_found_wherever_it_starts(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a", "1", " ", "-", ":", "abcdefgh", "0123456789",
                                         "１", "～", "ｐ", "｟", "\xe3\x80\x80", "、", "社", "￥", "é"};
    uint64_t x = 15;
    for (int k = 0; k < 100000; k++) {
        char buf[256], out[256];
        size_t n = 0;
        int parts = (int)(x % 7);
        for (int p = 0; p < parts; p++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            const char *piece = pieces[(x >> 33) % (sizeof pieces / sizeof pieces[0])];
            memcpy(buf + n, piece, strlen(piece));
            n += strlen(piece);
        }
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t fn = jz_text_fold_width(buf, n, out, sizeof out);
        bool changes = fn != n || memcmp(out, buf, n) != 0;
        if (jz_text_has_wide_ascii(buf, n) != changes)
            fail_msg("'%.*s': has_wide_ascii %d, fold changes it %d", (int)n, buf, !changes, changes);
    }
    assert_true(jz_text_has_wide_ascii("0123456789abcdef１", 19));
    assert_false(jz_text_has_wide_ascii("0123456789abcdef", 16));
    assert_false(jz_text_has_wide_ascii("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_utf8_is_valid_to_the_end),
        cmocka_unit_test(overlong_c0_80_stops_before_it),
        cmocka_unit_test(surrogate_ed_a0_80_is_invalid),
        cmocka_unit_test(truncated_tail_is_flagged_incomplete),
        cmocka_unit_test(four_byte_emoji_is_valid),
        cmocka_unit_test(invalid_byte_after_eight_ascii_bytes_is_found),
        cmocka_unit_test(record_id_with_spaces_and_capitals_normalises_to_record_id),
        cmocka_unit_test(full_width_record_id_normalises_to_ascii),
        cmocka_unit_test(full_width_digits_colons_and_dashes_fold_to_ascii_and_nothing_else),
        cmocka_unit_test(wide_ascii_is_found_wherever_it_starts),
        cmocka_unit_test(ideographic_spaces_around_are_trimmed),
        cmocka_unit_test(chinese_is_unchanged_and_inner_spaces_kept),
        cmocka_unit_test(norm_returns_the_length_and_truncates_to_capacity),
        cmocka_unit_test(caes_is_one_transposition_from_case),
        cmocka_unit_test(chinese_is_counted_in_code_points),
        cmocka_unit_test(distance_from_empty_is_the_length),
        cmocka_unit_test(strings_over_64_code_points_are_far_apart),
        cmocka_unit_test(utf8_len_counts_code_points),
        cmocka_unit_test(trim_strips_ascii_spaces_and_tabs_only),
        cmocka_unit_test(esc_bel_cr_del_are_escaped_as_hex),
        cmocka_unit_test(c1_controls_are_escaped_as_code_points),
        cmocka_unit_test(chinese_and_plain_text_are_copied),
        cmocka_unit_test(invalid_utf8_bytes_are_escaped),
        cmocka_unit_test(escape_reports_the_length_needed_and_truncates_whole),
        cmocka_unit_test(show_keeps_several_values_at_once),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
