/* schema.c — see include/jz/schema.h */
#include "jz/schema.h"
#include "jz/text.h"
#include "jz/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* The lengths of up to 8 string literals, "ab", "c" -> 2, 1 (enum_exact compares lengths
 * first). */
#define NARGS(...) NARGS_(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define NARGS_(a, b, c, d, e, f, g, h, n, ...) n
#define CAT(a, b) CAT_(a, b)
#define CAT_(a, b) a##b
#define LENS(...) CAT(LENS_, NARGS(__VA_ARGS__))(__VA_ARGS__)
#define LENS_1(a) sizeof a - 1
#define LENS_2(a, ...) sizeof a - 1, LENS_1(__VA_ARGS__)
#define LENS_3(a, ...) sizeof a - 1, LENS_2(__VA_ARGS__)
#define LENS_4(a, ...) sizeof a - 1, LENS_3(__VA_ARGS__)
#define LENS_5(a, ...) sizeof a - 1, LENS_4(__VA_ARGS__)
#define LENS_6(a, ...) sizeof a - 1, LENS_5(__VA_ARGS__)
#define LENS_7(a, ...) sizeof a - 1, LENS_6(__VA_ARGS__)
#define LENS_8(a, ...) sizeof a - 1, LENS_7(__VA_ARGS__)

/* ZH(var, ...) the Chinese values, then ENUMDEF(var, name, ...) the English ones, in the
 * same order. */
#define ZH(var, ...) \
    static const char *const var##_zh[] = {__VA_ARGS__}; \
    static const unsigned char var##_zh_len[] = {LENS(__VA_ARGS__)}
#define ENUMDEF(var, nm, ...) \
    static const char *const var##_en[] = {__VA_ARGS__}; \
    static const unsigned char var##_en_len[] = {LENS(__VA_ARGS__)}; \
    _Static_assert(sizeof var##_en / sizeof var##_en[0] == sizeof var##_zh / sizeof var##_zh[0], #var); \
    const jz_enumdef var = {nm, sizeof var##_en / sizeof var##_en[0], var##_en, var##_zh, var##_en_len, \
                            var##_zh_len}

ZH(jz_enum_kind, "个案", "小组", "社区活动", "探访", "咨询", "培训", "督导", "行政");
ENUMDEF(jz_enum_kind, "kind", "case", "group", "community", "visit", "consult", "training",
        "supervision", "admin");
ZH(jz_enum_mode, "直接", "间接");
ENUMDEF(jz_enum_mode, "mode", "direct", "indirect");
ZH(jz_enum_place, "中心", "社区", "入户", "线上", "其他");
ENUMDEF(jz_enum_place, "place", "centre", "community", "home", "online", "other");
ZH(jz_enum_target, "长者", "青少年", "儿童", "家庭", "残障", "来穗人员", "社区", "其他");
ENUMDEF(jz_enum_target, "target", "elderly", "youth", "children", "family", "disabled", "migrant",
        "community", "other");
ZH(jz_enum_qual, "高级社会工作师", "社会工作师", "助理社会工作师", "无");
ENUMDEF(jz_enum_qual, "qualification", "senior", "social_worker", "assistant", "none");
ZH(jz_enum_prof, "社会工作", "心理学", "社会学", "其他");
ENUMDEF(jz_enum_prof, "profession", "social_work", "psychology", "sociology", "other");
ZH(jz_enum_yesno, "是", "否");
ENUMDEF(jz_enum_yesno, "yes/no", "yes", "no");
ZH(jz_enum_role, "服务对象", "义工");
ENUMDEF(jz_enum_role, "role", "client", "volunteer");

ZH(jz_enum_vresult, "属实", "不符", "查无", "未核");
ENUMDEF(jz_enum_vresult, "result", "verified", "differs", "not_found", "not_checked");

static const jz_coldef record_cols[JZ_R_NCOLS] = {
    {"record_id", "记录编号", JZ_T_TEXT, true, NULL},
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"date", "服务日期", JZ_T_DATE, true, NULL},
    {"start", "开始时间", JZ_T_TIME, false, NULL},
    {"end", "结束时间", JZ_T_TIME, false, NULL},
    {"staff", "社工编号", JZ_T_TEXT, true, NULL},
    {"activity", "活动编号", JZ_T_TEXT, false, NULL},
    {"kind", "服务类型", JZ_T_ENUM, true, &jz_enum_kind},
    {"mode", "服务方式", JZ_T_ENUM, false, &jz_enum_mode},
    {"place", "服务地点", JZ_T_ENUM, false, &jz_enum_place},
    {"target", "服务领域", JZ_T_ENUM, false, &jz_enum_target},
    {"client", "服务对象编号", JZ_T_TEXT, false, NULL},
    {"participants", "服务人次", JZ_T_COUNT, false, NULL},
    {"hours", "工时", JZ_T_HOURS, false, NULL},
    {"volunteers", "义工人数", JZ_T_COUNT, false, NULL},
    {"volunteer_hours", "义工时数", JZ_T_DURATION, false, NULL},
    {"note", "备注", JZ_T_TEXT, false, NULL},
    {"entered_at", "录入时间", JZ_T_DATETIME, false, NULL},
    {"modified_at", "修改时间", JZ_T_DATETIME, false, NULL},
};

static const jz_coldef roster_cols[JZ_S_NCOLS] = {
    {"staff", "社工编号", JZ_T_TEXT, true, NULL},
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"name", "姓名", JZ_T_TEXT, false, NULL},
    {"qualification", "资质", JZ_T_ENUM, true, &jz_enum_qual},
    {"profession", "专业", JZ_T_ENUM, false, &jz_enum_prof},
    {"counted", "计入工时", JZ_T_ENUM, true, &jz_enum_yesno},
    {"start_date", "入职日期", JZ_T_DATE, false, NULL},
    {"end_date", "离职日期", JZ_T_DATE, false, NULL},
};

static const jz_coldef contract_cols[JZ_C_NCOLS] = {
    {"contract", "合同编号", JZ_T_TEXT, true, NULL},
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"district", "区", JZ_T_TEXT, false, NULL},
    {"street", "街镇", JZ_T_TEXT, false, NULL},
    {"operator", "承接机构", JZ_T_TEXT, false, NULL},
    {"start", "开始日期", JZ_T_DATE, true, NULL},
    {"end", "结束日期", JZ_T_DATE, true, NULL},
    {"budget", "年度经费", JZ_T_MONEY, true, NULL},
    {"professional_staff", "专业社工人数", JZ_T_COUNT, false, NULL},
    {"total_hours", "总服务时数", JZ_T_DURATION, false, NULL},
    {"direct_hours", "直接服务时数", JZ_T_DURATION, false, NULL},
};

static const jz_coldef score_cols[JZ_E_NCOLS] = {
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"indicator", "指标", JZ_T_TEXT, true, NULL},
    {"evaluator", "评估员", JZ_T_TEXT, true, NULL},
    {"score", "得分", JZ_T_DECIMAL, true, NULL},
    {"comment", "评语", JZ_T_TEXT, false, NULL},
};

static const jz_coldef survey_cols[JZ_Q_NCOLS] = {
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"respondent", "受访者", JZ_T_TEXT, true, NULL},
    {"group", "群体", JZ_T_TEXT, true, NULL},
    {"question", "题目", JZ_T_TEXT, true, NULL},
    {"answer", "回答", JZ_T_TEXT, true, NULL},
};

static const jz_coldef finding_cols[JZ_F_NCOLS] = {
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"date", "日期", JZ_T_DATE, true, NULL},
    {"visit", "察访", JZ_T_TEXT, false, NULL},
    {"code", "代码", JZ_T_TEXT, true, NULL},
    {"points", "扣分", JZ_T_DECIMAL, true, NULL},
    {"description", "说明", JZ_T_TEXT, false, NULL},
};

static const jz_coldef verification_cols[JZ_V_NCOLS] = {
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"item", "抽查项", JZ_T_TEXT, true, NULL},
    {"result", "核查结果", JZ_T_ENUM, true, &jz_enum_vresult},
    {"recounted_participants", "核实人次", JZ_T_COUNT, false, NULL},
    {"recounted_hours", "核实工时", JZ_T_DURATION, false, NULL},
    {"evaluator", "评估员", JZ_T_TEXT, false, NULL},
    {"note", "备注", JZ_T_TEXT, false, NULL},
};

static const jz_coldef attendance_cols[JZ_A_NCOLS] = {
    {"centre", "中心编号", JZ_T_TEXT, true, NULL},
    {"activity", "活动编号", JZ_T_TEXT, true, NULL},
    {"date", "日期", JZ_T_DATE, true, NULL},
    {"person", "人员编号", JZ_T_TEXT, true, NULL},
    {"role", "角色", JZ_T_ENUM, true, &jz_enum_role},
    {"signed_at", "签到时间", JZ_T_DATETIME, false, NULL},
};

/* Each type has a key column the header must name (records: record_id, roster: staff,
 * contracts: contract, scores: evaluator, survey: respondent, findings: code, attendance:
 * person, verification: result): a header
 * must contain it to be taken for that type. */
static const jz_schema schemas[] = {
    {JZ_FILE_RECORDS, "records", record_cols, JZ_R_NCOLS, JZ_R_RECORD_ID},
    {JZ_FILE_ROSTER, "roster", roster_cols, JZ_S_NCOLS, JZ_S_STAFF},
    {JZ_FILE_CONTRACTS, "contracts", contract_cols, JZ_C_NCOLS, JZ_C_CONTRACT},
    {JZ_FILE_SCORES, "scores", score_cols, JZ_E_NCOLS, JZ_E_EVALUATOR},
    {JZ_FILE_SURVEY, "survey", survey_cols, JZ_Q_NCOLS, JZ_Q_RESPONDENT},
    {JZ_FILE_FINDINGS, "findings", finding_cols, JZ_F_NCOLS, JZ_F_CODE},
    {JZ_FILE_ATTENDANCE, "attendance", attendance_cols, JZ_A_NCOLS, JZ_A_PERSON},
    {JZ_FILE_VERIFICATION, "verification", verification_cols, JZ_V_NCOLS, JZ_V_RESULT},
};

const jz_schema *jz_schema_get(jz_filetype t)
{
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
        if (schemas[i].type == t)
            return &schemas[i];
    return NULL;
}

jz_filetype jz_filetype_parse(const char *s)
{
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
        if (strcmp(schemas[i].name, s) == 0)
            return schemas[i].type;
    return JZ_FILE_UNKNOWN;
}

const char *jz_enum_name(const jz_enumdef *e, int i)
{
    return i >= 0 && (size_t)i < e->n ? e->en[i] : "?";
}

/* Column of schema s matching a normalised header, or -1. */
static int find_col(const jz_schema *s, const char *norm)
{
    for (size_t c = 0; c < s->ncols; c++)
        if (strcmp(norm, s->cols[c].name) == 0 || strcmp(norm, s->cols[c].zh) == 0)
            return (int)c;
    return -1;
}

/* "target_cases" or "目标_cases" -> pointer to "cases", else NULL. */
static const char *target_suffix(const char *norm)
{
    if (strncmp(norm, "target_", 7) == 0 && norm[7])
        return norm + 7;
    if (strncmp(norm, "目标_", 7) == 0 && norm[7])
        return norm + 7;
    return NULL;
}

jz_filetype jz_header_detect(const jz_row *header)
{
    jz_filetype best = JZ_FILE_UNKNOWN;
    int best_score = 1, tie = 0;
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
        const jz_schema *s = &schemas[i];
        int score = 0;
        bool first = false;
        for (size_t f = 0; f < header->nfields; f++) {
            char norm[256];
            jz_text_norm(header->fields[f], header->lens[f], norm, sizeof norm);
            int c = find_col(s, norm);
            if (c >= 0) {
                score++;
                first |= (size_t)c == s->key;
            } else if (s->type == JZ_FILE_CONTRACTS && target_suffix(norm)) {
                score++;
            }
        }
        if (!first)
            continue;
        if (score > best_score) {
            best = s->type, best_score = score, tie = 0;
        } else if (score == best_score) {
            tie = 1;
        }
    }
    return tie ? JZ_FILE_UNKNOWN : best;
}

bool jz_header_names_key(const jz_row *header, jz_filetype t)
{
    const jz_schema *s = jz_schema_get(t);
    if (!s)
        return false;
    for (size_t f = 0; f < header->nfields; f++) {
        char norm[256];
        jz_text_norm(header->fields[f], header->lens[f], norm, sizeof norm);
        if (find_col(s, norm) == (int)s->key)
            return true;
    }
    return false;
}

static void append(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    if (n + 1 < cap)
        snprintf(buf + n, cap - n, "%s", s);
}

bool jz_header_map(jz_header *h, jz_filetype t, const jz_row *header, const char *file,
                   jz_diag *diag)
{
    memset(h, 0, sizeof *h);
    h->schema = jz_schema_get(t);
    h->nfields = header->nfields;
    for (int c = 0; c < JZ_MAXCOLS; c++)
        h->idx[c] = -1;
    bool ok = true;
    char unknown[1024] = "";
    size_t nunknown = 0;
    for (size_t f = 0; f < header->nfields; f++) {
        char norm[256];
        jz_text_norm(header->fields[f], header->lens[f], norm, sizeof norm);
        int c = find_col(h->schema, norm);
        const char *tgt = t == JZ_FILE_CONTRACTS ? target_suffix(norm) : NULL;
        if (c >= 0 && h->idx[c] >= 0) {
            jz_diag_emit(diag, JZ_ERROR, file, header->line, (long)f + 1, h->schema->cols[c].name,
                         "duplicate-column", "column '%s' appears twice (fields %d and %zu): keep one",
                         h->schema->cols[c].name, h->idx[c] + 1, f + 1);
            ok = false;
        } else if (c >= 0) {
            h->idx[c] = (int)f;
            const char *sp = header->fields[f];
            size_t spn = jz_text_trim(&sp, header->lens[f]);
            if (strcmp(norm, h->schema->cols[c].name) != 0 && spn < sizeof h->spelled[c]) {
                memcpy(h->spelled[c], sp, spn);
                h->spelled[c][spn] = '\0';
                if (jz_text_has_controls(h->spelled[c]))
                    h->spelled[c][0] = '\0';  /* a header with controls: the plain name */
            }
        } else if (tgt) {
            h->target_names = jz_xrealloc(h->target_names, (h->ntargets + 1) * sizeof *h->target_names);
            h->target_idx = jz_xrealloc(h->target_idx, (h->ntargets + 1) * sizeof *h->target_idx);
            h->target_names[h->ntargets] = jz_xstrdup(tgt);
            h->target_idx[h->ntargets++] = (int)f;
        } else {
            append(unknown, sizeof unknown, nunknown++ ? ", " : "");
            append(unknown, sizeof unknown, header->fields[f][0] ? header->fields[f] : _("(empty)"));
        }
    }
    if (nunknown)
        jz_diag_emit(diag, JZ_NOTE, file, header->line, 0, "", "unknown-column",
                     "%zu column%s kept but not used: %s", nunknown, nunknown > 1 ? "s" : "", unknown);
    for (size_t c = 0; c < h->schema->ncols; c++) {
        if (h->idx[c] >= 0 || !h->schema->cols[c].required)
            continue;
        char found[1024] = "";
        for (size_t f = 0; f < header->nfields; f++) {
            append(found, sizeof found, f ? ", " : "");
            append(found, sizeof found, header->fields[f]);
        }
        jz_diag_emit(diag, JZ_ERROR, file, header->line, 0, h->schema->cols[c].name, "missing-column",
                     "%s file has no '%s' (%s) column, which is required; the header has: %s",
                     h->schema->name, h->schema->cols[c].name, h->schema->cols[c].zh, found);
        ok = false;
    }
    return ok;
}

const char *jz_header_col_name(const jz_header *h, int c)
{
    return h->spelled[c][0] ? h->spelled[c] : h->schema->cols[c].name;
}

void jz_header_free(jz_header *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->ntargets; i++)
        free(h->target_names[i]);
    free(h->target_names);
    free(h->target_idx);
    h->target_names = NULL;
    h->target_idx = NULL;
    h->ntargets = 0;
}

/* ---- field parsing ---- */

static int enum_lookup(const jz_enumdef *e, const char *norm)
{
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(norm, e->en[i]) == 0 || strcmp(norm, e->zh[i]) == 0)
            return (int)i;
    if (e == &jz_enum_place && strcmp(norm, "center") == 0)
        return JZ_PLACE_CENTRE;  /* US spelling */
    return -1;
}

/* Fast path: the value exactly as written (the common case) -> index, or -1. */
static int enum_exact(const jz_enumdef *e, const char *s, size_t n)
{
    /* Length, then first byte, then the bytes (none read past a value). */
    for (size_t i = 0; i < e->n; i++)
        if ((e->en_len[i] == n && e->en[i][0] == s[0] && jz_same_bytes(s, e->en[i], n)) ||
            (e->zh_len[i] == n && e->zh[i][0] == s[0] && jz_same_bytes(s, e->zh[i], n)))
            return (int)i;
    return -1;
}

/* The closest value (English or Chinese) within a small distance, or NULL. */
/* The suggestion for a value that is not known: first a known value the typed text
 * contains ("小组活动" holds 小组: not 社区活动, which is nearer by edits), the longest
 * if several; then the one known value that contains the typed text ("社区" -> 社区活动);
 * then the nearest by edit distance, within 1 edit for short values, 2 for longer. */
static const char *did_you_mean(const jz_enumdef *e, const char *norm)
{
    const char *best = NULL;
    size_t bestlen = 0, len = jz_utf8_len(norm);
    for (size_t i = 0; i < e->n; i++) {
        const char *cands[2] = {e->en[i], e->zh[i]};
        for (int k = 0; k < 2; k++) {
            size_t cl = jz_utf8_len(cands[k]);
            if (cl >= 2 && cl < len && strstr(norm, cands[k]) && cl > bestlen)
                best = cands[k], bestlen = cl;
        }
    }
    if (best)
        return best;
    int holders = 0;
    for (size_t i = 0; i < e->n && len >= 2; i++) {
        const char *cands[2] = {e->en[i], e->zh[i]};
        for (int k = 0; k < 2; k++)
            if (strstr(cands[k], norm) && strcmp(cands[k], norm) != 0)
                best = cands[k], holders++;
    }
    if (holders == 1)
        return best;
    best = NULL;
    int bestd = 3;
    for (size_t i = 0; i < e->n; i++) {
        const char *cands[2] = {e->en[i], e->zh[i]};
        for (int k = 0; k < 2; k++) {
            int d = jz_text_distance(norm, cands[k]);
            int limit = jz_utf8_len(cands[k]) <= 3 || len <= 3 ? 1 : 2;
            if (d <= limit && d < bestd)
                best = cands[k], bestd = d;
        }
    }
    return best;
}

static void list_values(const jz_enumdef *e, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t i = 0; i < e->n; i++) {
        append(buf, cap, i ? ", " : "");
        append(buf, cap, e->en[i]);
        append(buf, cap, " ");
        append(buf, cap, e->zh[i]);
    }
}

static bool parse_money(const char *s, size_t n, int64_t *fen)
{
    int64_t v = 0;
    size_t i = 0, digits = 0, group = 0;
    bool commas = false;
    for (; i < n && s[i] != '.'; i++) {
        if (s[i] == ',') {
            if (digits == 0 || (commas && group != 3) || (!commas && group > 3))
                return false;
            commas = true, group = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || digits >= 15)
            return false;
        v = v * 10 + (s[i] - '0');
        digits++, group++;
    }
    if (digits == 0 || (commas && group != 3))
        return false;
    int64_t f = 0;
    if (i < n) {
        size_t k = n - i - 1;
        if (k < 1 || k > 2)
            return false;
        for (size_t j = i + 1; j < n; j++) {
            if (s[j] < '0' || s[j] > '9')
                return false;
            f = f * 10 + (s[j] - '0');
        }
        if (k == 1)
            f *= 10;
    }
    *fen = v * 100 + f;
    return true;
}

/* The ranges of numbers in a row (jiazong-records(5), NUMBERS). */
#define MAX_COUNT INT64_C(1000000)
#define MAX_MONEY_FEN (INT64_C(10000000000) * 100)
#define MAX_DECIMAL_FP (INT64_C(1000000000) * 10000)

/* Report "<column> '<value>' <what><hint>" as an error; returns 1 (one error). */
/* "7.5" -> 75000 (x 10000); digits, an optional point and up to 4 decimals. */
static bool parse_decimal(const char *s, size_t n, int64_t *out)
{
    int64_t v = 0;
    size_t i = 0, whole = 0, frac = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9' && whole < 12; i++, whole++)
        v = v * 10 + (s[i] - '0');
    if (whole == 0)
        return false;
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9' && frac < 4; i++, frac++)
            v = v * 10 + (s[i] - '0');
        if (frac == 0)
            return false;
    }
    if (i != n)
        return false;
    for (; frac < 4; frac++)
        v *= 10;
    *out = v;
    return true;
}

/* One field's error. col is the column's name (machine outputs), shown the name the message
 * gives it; fmt is a whole sentence (translated here, so the words can take the order the
 * language needs) whose first conversions are that name and the value, "%s '%.*s' ...".
 * Call sites mark fmt with N_(). */
static int bad(jz_diag *d, const char *file, long line, int fno, const char *col, const char *code,
               const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static int bad(jz_diag *d, const char *file, long line, int fno, const char *col, const char *code,
               const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, jz_tr(fmt), ap);
    va_end(ap);
    jz_diag_emit(d, JZ_ERROR, file, line, fno + 1, col, code, "%s", msg);
    return 1;
}

/* Whether s looks like y-m-d, y/m/d or y.m.d with a month 1..12 (the day may not exist). */
static bool date_shaped(const char *s, size_t n)
{
    size_t i = 0, parts = 0, digits = 0;
    int month = 0;
    char sep = 0;
    for (; i <= n; i++) {
        char ch = i < n ? s[i] : '\0';
        if (ch >= '0' && ch <= '9') {
            if (parts == 1 && digits < 2)  /* a longer month is refused below; no overflow */
                month = month * 10 + (ch - '0');
            digits++;
            continue;
        }
        if (digits == 0 || (parts == 0 && digits != 4) || (parts > 0 && digits > 2))
            return false;
        parts++, digits = 0;
        if (i == n)
            break;
        if ((ch != '-' && ch != '/' && ch != '.') || (sep && ch != sep))
            return false;
        sep = ch;
    }
    return parts == 3 && month >= 1 && month <= 12;
}

/* The last valid YYYY-MM-DD date parsed, per thread of reading (tools read one file at a
 * time; _Thread_local keeps the library safe if that ever changes). */
static _Thread_local char last_date[10];
static _Thread_local jz_day last_day;
static _Thread_local bool have_last_date;

static bool date_cache_hit(const char *s, jz_day *out)
{
    if (!have_last_date || memcmp(s, last_date, 10) != 0)
        return false;
    *out = last_day;
    return true;
}

static void date_cache_store(const char *s, jz_day day)
{
    memcpy(last_date, s, 10);
    last_day = day;
    have_last_date = true;
}

/* Whether a time names its half of the day (上午, 下午, AM, PM ...): then a refusal says
 * which hours each half takes. */
static bool names_half_of_day(const char *s, size_t n)
{
    static const char *const words[] = {"上午", "下午", "早上", "晚上", "凌晨", "中午"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        if (n >= 6 && memcmp(s, words[w], 6) == 0)
            return true;
    while (n && s[n - 1] == ' ')
        n--;
    if (n >= 2) {
        char a = (char)(s[n - 2] | 0x20), b = (char)(s[n - 1] | 0x20);
        if ((a == 'a' || a == 'p') && b == 'm')
            return true;
    }
    if (n < 4 || s[n - 3] != '.' || s[n - 1] != '.' || (s[n - 2] | 0x20) != 'm')
        return false;
    char h = (char)(s[n - 4] | 0x20);  /* a.m., p.m. */
    return h == 'a' || h == 'p';
}

static int parse_field(const jz_coldef *c, const char *shown, jz_field *f, const char *file, long line,
                       int fno, jz_diag *d)
{
    const char *s = f->s;
    size_t n = f->n;
    int64_t num;
    /* Full-width digits, colons and points ("１２", "9：30", "２０２４－０３－０５") are
     * parsed as their ASCII forms; messages still quote the field as written. */
    char folded[96];
    const char *as_written = s;
    size_t as_written_n = n;
    if (c->type != JZ_T_TEXT && c->type != JZ_T_ENUM && jz_text_has_wide_ascii(s, n)) {
        size_t fn = jz_text_fold_width(s, n, folded, sizeof folded);
        if (fn != (size_t)-1) {
            const char *t = folded;
            n = jz_text_trim(&t, fn);
            s = t;
        }
    }
    switch (c->type) {
    case JZ_T_TEXT:
        break;
    case JZ_T_DATE:
        if (n == 10 && s[4] == '-' && s[7] == '-' && date_cache_hit(s, &f->v.day))
            break;  /* the same date as the last one parsed (exports run in date order) */
        if (!jz_date_parse(s, n, &f->v.day))
            return date_shaped(s, n)
                ? bad(d, file, line, fno, c->name, "bad-date",
                       N_("%s '%.*s' does not exist: that month has no such day (check the day and the month)"), shown, (int)as_written_n, as_written)
                : bad(d, file, line, fno, c->name, "bad-date",
                       N_("%s '%.*s' is not a date: write 2024-03-05, 2024/3/5 or 2024年3月5日"), shown, (int)as_written_n, as_written);
        if (f->v.day < jz_days_from_civil(2000, 1, 1) || f->v.day > jz_days_from_civil(2100, 12, 31))
            return bad(d, file, line, fno, c->name, "bad-date",
                       N_("%s '%.*s' is not a plausible date: dates must fall between 2000 and 2100 (an Excel serial number "
                          "for 2024-03-05 is 45356)"), shown, (int)as_written_n, as_written);
        if (n == 10 && s[4] == '-' && s[7] == '-')
            date_cache_store(s, f->v.day);
        break;
    case JZ_T_TIME:
        if (!jz_time_parse(s, n, &f->v.minute))
            return names_half_of_day(s, n)
                ? bad(d, file, line, fno, c->name, "bad-time",
                      N_("%s '%.*s' is not a time of day: 上午/AM take 1:00 to 11:59, 下午/PM 1:00 to 12:59 "
                         "(上午12:30 may be noon or midnight: write 00:30 or 12:30)"), shown, (int)as_written_n, as_written)
                : bad(d, file, line, fno, c->name, "bad-time",
                      N_("%s '%.*s' is not a time of day: write 24-hour hh:mm, 00:00 to 24:00, e.g. 09:30"), shown,
                      (int)as_written_n, as_written);
        break;
    case JZ_T_HOURS:
    case JZ_T_DURATION:
        if (!jz_hours_parse(s, n, &num))
            return bad(d, file, line, fno, c->name, "bad-number",
                       N_("%s '%.*s' is not a number of hours: write decimal hours with a point, e.g. 1.5 (no units, no minus)"), shown, (int)as_written_n, as_written);
        if (c->type == JZ_T_HOURS && num > 24 * 60)
            return bad(d, file, line, fno, c->name, "out-of-range",
                       N_("%s '%.*s' is more than 24 hours: one row is one activity on one day (0 to 24 hours)"), shown, (int)as_written_n, as_written);
        f->v.num = num;
        break;
    case JZ_T_COUNT:
        if (!jz_uint_parse(s, n, &num))
            return bad(d, file, line, fno, c->name, s[0] == '-' ? "out-of-range" : "bad-number",
                       N_("%s '%.*s' is not a whole number of 0 or more"), shown, (int)as_written_n, as_written);
        if (num > MAX_COUNT)  /* the sums of a district's rows stay exact */
            return bad(d, file, line, fno, c->name, "out-of-range",
                       N_("%s '%.*s' is more than 1000000: a count on one row is from 0 to 1000000"), shown, (int)as_written_n, as_written);
        f->v.num = num;
        break;
    case JZ_T_MONEY:
        if (!parse_money(s, n, &num))
            return bad(d, file, line, fno, c->name, "bad-number",
                       N_("%s '%.*s' is not an amount in yuan: write digits, e.g. 2350000 or 2,350,000.00"), shown, (int)as_written_n, as_written);
        if (num > MAX_MONEY_FEN)  /* staff and hours derived from it stay inside 64 bits */
            return bad(d, file, line, fno, c->name, "out-of-range",
                       N_("%s '%.*s' is more than 10,000,000,000 yuan: a contract's budget is from 0 to 10000000000 yuan"), shown, (int)as_written_n, as_written);
        f->v.num = num;
        break;
    case JZ_T_DECIMAL:
        if (!parse_decimal(s, n, &num))
            return bad(d, file, line, fno, c->name, "bad-number",
                       N_("%s '%.*s' is not a number: write e.g. 8 or 7.5 (a point as the decimal mark, at most 4 decimals)"), shown, (int)as_written_n, as_written);
        if (num > MAX_DECIMAL_FP)
            return bad(d, file, line, fno, c->name, "out-of-range",
                       N_("%s '%.*s' is more than 1000000000: a score or points value is from 0 to 1000000000"), shown, (int)as_written_n, as_written);
        f->v.num = num;
        break;
    case JZ_T_DATETIME:
        if (!jz_datetime_parse(s, n, &num))
            return bad(d, file, line, fno, c->name, "bad-datetime",
                       N_("%s '%.*s' is not a date and time: write 2024-03-05 14:20, 2024-03-05T14:20:00, 2024/3/5 14:20, "
                          "2024年3月5日 14:20 or an Excel serial number with a fraction (45356.5972)"), shown, (int)as_written_n, as_written);
        if (num < (int64_t)jz_days_from_civil(2000, 1, 1) * 1440 ||
            num >= ((int64_t)jz_days_from_civil(2100, 12, 31) + 1) * 1440)
            return bad(d, file, line, fno, c->name, "bad-datetime",
                       N_("%s '%.*s' is not a plausible date and time: it must fall between 2000 and 2100"), shown, (int)as_written_n, as_written);
        f->v.num = num;
        break;
    case JZ_T_ENUM: {
        char norm[128];
        jz_text_norm(s, n, norm, sizeof norm);
        f->v.e = enum_lookup(c->enumdef, norm);
        if (f->v.e >= 0)
            break;
        const char *guess = did_you_mean(c->enumdef, norm);
        if (guess)
            return bad(d, file, line, fno, c->name, "bad-enum", N_("%s '%.*s' is not a known value: did you mean '%s'?"),
                       shown, (int)as_written_n, as_written, guess);
        char vals[512];
        list_values(c->enumdef, vals, sizeof vals);
        return bad(d, file, line, fno, c->name, "bad-enum", N_("%s '%.*s' is not a known value: use one of %s"),
                   shown, (int)as_written_n, as_written, vals);
    }
    }
    f->ok = true;
    return 0;
}

/* Whether jz_row_parse tries the fast paths (tests turn them off for the reference). */
static bool fast_paths = true;

void jz_row_parse_set_fast(bool on)
{
    fast_paths = on;
}

/* The year of a "YYYY-..." value whose first four bytes are digits. */
static int year_of(const char *s)
{
    return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

/* The common case of parse_field: a trimmed, non-empty value in its canonical spelling
 * that parse_field would accept as it stands. Then f->v and f->ok are set as parse_field
 * sets them and true is returned; false leaves f alone for parse_field (other spellings,
 * full-width characters, and every value it refuses: its messages are its own). */
static bool parse_field_fast(const jz_coldef *c, jz_field *f)
{
    const char *s = f->s;
    size_t n = f->n;
    int64_t num;
    switch (c->type) {
    case JZ_T_TEXT:
        break;
    case JZ_T_DATE:
        if (n != 10 || s[4] != '-' || s[7] != '-')
            return false;
        if (date_cache_hit(s, &f->v.day))
            break;
        if (!jz_date_parse_iso(s, n, &f->v.day) || year_of(s) < 2000 || year_of(s) > 2100)
            return false;
        date_cache_store(s, f->v.day);
        break;
    case JZ_T_TIME:
        if (!jz_time_parse_hhmm(s, n, &f->v.minute))
            return false;
        break;
    case JZ_T_HOURS:
    case JZ_T_DURATION:
        if (!jz_hours_parse_plain(s, n, &num) || (c->type == JZ_T_HOURS && num > 24 * 60))
            return false;
        f->v.num = num;
        break;
    case JZ_T_COUNT:
        if (n > 7 || !jz_uint_parse(s, n, &num) || num > MAX_COUNT)
            return false;
        f->v.num = num;
        break;
    case JZ_T_DATETIME:
        if (!jz_datetime_parse_iso(s, n, &num) || year_of(s) < 2000 || year_of(s) > 2100)
            return false;
        f->v.num = num;
        break;
    case JZ_T_ENUM:
        f->v.e = enum_exact(c->enumdef, s, n);
        if (f->v.e < 0)
            return false;
        break;
    default:  /* money and decimals are rare in the large files: parse_field reads them */
        return false;
    }
    f->ok = true;
    return true;
}

char *jz_field_text(const jz_field *f, char *buf, size_t cap)
{
    char *t = f->n < cap ? buf : jz_xmalloc(f->n + 1);
    memcpy(t, f->s, f->n);
    t[f->n] = '\0';
    return t;
}

int jz_record_time_check(const jz_header *h, const jz_row *row, const jz_field *f, const char *p, jz_diag *diag,
                         bool *timed_out)
{
    long line = row->line;
    int n = 0;
    bool timed = f[JZ_R_START].ok && f[JZ_R_END].ok;
    if (timed && f[JZ_R_END].v.minute <= f[JZ_R_START].v.minute) {
        jz_diag_emit(diag, JZ_ERROR, p, line, h->idx[JZ_R_END] + 1, "end", "time-order",
                     "%s %.*s is not after %s %.*s: a session past midnight is two rows, one per day",
                     jz_header_col_name(h, JZ_R_END), (int)f[JZ_R_END].n, f[JZ_R_END].s,
                     jz_header_col_name(h, JZ_R_START), (int)f[JZ_R_START].n, f[JZ_R_START].s);
        timed = false;
        n++;
    }
    if (!f[JZ_R_HOURS].present && !timed && !(f[JZ_R_START].present && f[JZ_R_END].present)) {
        jz_diag_emit(diag, JZ_ERROR, p, line, h->idx[JZ_R_HOURS] >= 0 ? h->idx[JZ_R_HOURS] + 1 : 0, "hours",
                     "required", "hours is empty and start/end are not both given: give hours (工时) "
                     "or both start and end");
        n++;
    }
    if (timed_out)
        *timed_out = timed;
    return n;
}

int jz_row_parse(const jz_header *h, const jz_row *row, jz_field *f, const char *file,
                 jz_diag *d)
{
    int errors = 0;
    if (row->nfields != h->nfields) {
        jz_diag_emit(d, JZ_ERROR, file, row->line, (long)(row->nfields < h->nfields ? row->nfields + 1 : h->nfields + 1),
                     "", "ragged-row",
                     row->nfields < h->nfields
                         ? N_("row has %zu fields but the header has %zu: a field is missing (or a comma inside an "
                              "unquoted value split it elsewhere)")
                         : N_("row has %zu fields but the header has %zu: an unquoted comma split a value: quote the value"),
                     row->nfields, h->nfields);
        errors++;
    }
    const jz_coldef *cols = h->schema->cols;
    size_t ncols = h->schema->ncols, nfields = row->nfields;
    char *const *fields = row->fields;
    const size_t *lens = row->lens;
    unsigned want = h->only & ~JZ_PARSE_TIME_RULES ? h->only : ~0u;
    bool fast = fast_paths;
    for (size_t c = 0; c < ncols; c++) {
        const jz_coldef *cd = &cols[c];
        jz_field *fc = &f[c];
        int i = h->idx[c];
        if ((size_t)i >= nfields || !(want & (1u << c))) {  /* i < 0 too: (size_t)-1 */
            *fc = (jz_field){.s = ""};
            continue;
        }
        const char *s = fields[i];
        size_t n = lens[i];
        /* blanks are ' ' and '\t': a value that starts and ends above ' ' has none to trim */
        if (n && ((unsigned char)s[0] <= ' ' || (unsigned char)s[n - 1] <= ' '))
            n = jz_text_trim(&s, n);
        *fc = (jz_field){.s = s, .n = n, .present = n > 0};
        if (!n) {
            if (cd->required && row->nfields == h->nfields) {
                jz_diag_emit(d, JZ_ERROR, file, row->line, i + 1, cd->name, "required",
                             "%s is empty: every row needs %s %s (%s)", jz_header_col_name(h, (int)c),
                             strchr("aeiou", cd->name[0]) ? "an" : "a", cd->name, cd->zh);
                errors++;
            }
            continue;
        }
        if (fast && parse_field_fast(cd, fc))
            continue;
        errors += parse_field(cd, jz_header_col_name(h, (int)c), fc, file, row->line, i, d);
    }
    if (!errors && (h->only & JZ_PARSE_TIME_RULES) && h->schema->type == JZ_FILE_RECORDS)
        errors += jz_record_time_check(h, row, f, file, d, NULL);
    return errors;
}
