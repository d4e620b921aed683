/* gen.c — seeded generator of benchmark inputs for jiazong.
 *
 *   gen records N SEED     N valid service-record rows (CSV) on stdout
 *   gen contracts SEED     the 200 centres' contracts
 *   gen roster SEED        20 staff per centre
 *
 * Same arguments, same bytes: the only randomness is splitmix64 seeded from SEED.
 * Every records row is valid by jiazong-records(5) as the benchmark assumes it
 * (see bench/README.md): record_id unique per centre, hours == end - start, one
 * staff member's rows on one day never overlap and total at most 10 h, no two rows
 * share (staff, date, start, kind, client). Dates are the Monday-to-Friday days of
 * 2024 that are not statutory holidays, so no row falls on a day off.
 * Records also carry entered_at / modified_at (keyed in the same day or a few working
 * days later, some staff-months keyed in one burst) and, on some rows, Chinese notes of
 * 20-200 characters, a few of them near-copies of an earlier note of the centre; these
 * come from a second splitmix64 stream, so every other column is what it was before.
 * Standalone on purpose: it links nothing from libjz, so a bug there cannot hide
 * in the data used to measure it.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCENTRES     200
#define NDISTRICTS   11
#define NSTAFF       20
#define DAY_START    (8 * 60 + 30)  /* first slot of a staff day: 08:30 */
#define DAY_BUDGET   600            /* at most 10 h of records per staff day */
#define MAX_GAPS     180            /* breaks between slots, so a day ends by 21:30 */
#define SLOT         15             /* durations are whole quarters of an hour */
#define KMAX         24             /* rows per staff day: 24 x 15 min fits the budget */
#define OUTBUF       (4u << 20)

/* ---- randomness: splitmix64 (Steele, Lea, Flood 2014) ---- */

static uint64_t rng, seed0, rng_aux;

static uint64_t rnd64(void)
{
    uint64_t z = (rng += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0; the bias of the multiply-shift is below 2^-32. */
static uint32_t below(uint32_t n)
{
    return (uint32_t)(((rnd64() >> 32) * n) >> 32);
}

static const char *pick(const char *const *list, size_t n)
{
    return list[below((uint32_t)n)];
}

#define PICK(a) pick((a), sizeof(a) / sizeof((a)[0]))

/* below() on the second stream (entry times and long notes). */
static uint32_t aux_below(uint32_t n)
{
    uint64_t saved = rng;
    rng = rng_aux;
    uint32_t v = below(n);
    rng_aux = rng;
    rng = saved;
    return v;
}

#define AUX_PICK(a) ((a)[aux_below((uint32_t)(sizeof(a) / sizeof((a)[0])))])

/* ---- output: rows are built in one large buffer and written in big blocks ---- */

static char out[OUTBUF];
static size_t outlen;

static void flush_out(void)
{
    if (outlen && fwrite(out, 1, outlen, stdout) != outlen) {
        perror("gen: write");
        exit(1);
    }
    outlen = 0;
}

static void put(const char *s, size_t n)
{
    memcpy(out + outlen, s, n);
    outlen += n;
}

static void puts_(const char *s)
{
    put(s, strlen(s));
}

static void putc_(char c)
{
    out[outlen++] = c;
}

/* Decimal, zero-padded to at least `width` digits. */
static void putu(uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        out[outlen++] = tmp[--n];
}

static void put_hhmm(int minutes)
{
    putu((uint64_t)(minutes / 60), 2);
    putc_(':');
    putu((uint64_t)(minutes % 60), 2);
}

/* Minutes that are whole quarters as decimal hours: 90 -> "1.5", 135 -> "2.25". */
static void put_hours(int minutes)
{
    static const char *const frac[] = { "", ".25", ".5", ".75" };
    putu((uint64_t)(minutes / 60), 1);
    puts_(frac[(minutes % 60) / 15]);
}

static void end_row(void)
{
    putc_('\n');
    if (outlen > OUTBUF - 4096)
        flush_out();
}

/* ---- the fixed world: districts, centres, calendar ---- */

static const char *const districts[NDISTRICTS] = {
    "越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区",
    "番禺区", "花都区", "南沙区", "从化区", "增城区",
};

/* A few streets and towns per district; centre c is in district c % 11. */
static const char *const streets[NDISTRICTS][6] = {
    { "北京街道", "人民街道", "六榕街道", "流花街道", "东山街道", "大塘街道" },
    { "赤岗街道", "新港街道", "昌岗街道", "滨江街道", "琶洲街道", "南洲街道" },
    { "沙面街道", "逢源街道", "多宝街道", "彩虹街道", "冲口街道", "东漖街道" },
    { "五山街道", "员村街道", "车陂街道", "石牌街道", "林和街道", "猎德街道" },
    { "三元里街道", "松洲街道", "景泰街道", "同和街道", "京溪街道", "人和镇" },
    { "黄埔街道", "红山街道", "鱼珠街道", "大沙街道", "萝岗街道", "九龙镇" },
    { "市桥街道", "沙头街道", "东环街道", "桥南街道", "石楼镇", "化龙镇" },
    { "新华街道", "秀全街道", "花城街道", "新雅街道", "花东镇", "炭步镇" },
    { "南沙街道", "珠江街道", "龙穴街道", "黄阁镇", "横沥镇", "大岗镇" },
    { "街口街道", "江埔街道", "城郊街道", "温泉镇", "良口镇", "鳌头镇" },
    { "荔城街道", "增江街道", "朱村街道", "新塘镇", "石滩镇", "中新镇" },
};

static const char *const operators[] = {
    "广州市启明社会工作服务中心", "广州市同心社会工作服务社",
    "广州市康和社会工作服务中心", "广州市悦邻社会工作服务社",
    "广州市仁爱社会工作发展中心", "广州市明德社会工作服务中心",
    "广州市和谐家园社工服务社", "广州市启航社会工作服务中心",
};

/* 2024 statutory holidays that fall Monday to Friday (State Council notice for 2024,
 * as in shared/data/cn-holidays.csv); the weekend make-up days are not used. */
static const int holidays[][2] = {
    { 1, 1 }, { 2, 12 }, { 2, 13 }, { 2, 14 }, { 2, 15 }, { 2, 16 }, { 4, 4 },
    { 4, 5 }, { 5, 1 }, { 5, 2 }, { 5, 3 }, { 6, 10 }, { 9, 16 }, { 9, 17 },
    { 10, 1 }, { 10, 2 }, { 10, 3 }, { 10, 4 }, { 10, 7 },
};

static char workdays[366][11];
static int nworkdays;

static int is_holiday(int m, int d)
{
    for (size_t i = 0; i < sizeof(holidays) / sizeof(holidays[0]); i++)
        if (holidays[i][0] == m && holidays[i][1] == d)
            return 1;
    return 0;
}

/* Fill workdays[] with "2024-MM-DD"; 2024-01-01 was a Monday. */
static void init_calendar(void)
{
    static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int doy = 0;
    for (int m = 1; m <= 12; m++) {
        for (int d = 1; d <= mdays[m - 1]; d++, doy++) {
            if (doy % 7 >= 5 || is_holiday(m, d))
                continue;
            char *w = workdays[nworkdays++];
            memcpy(w, "2024-00-00", 11);
            w[5] = (char)('0' + m / 10); w[6] = (char)('0' + m % 10);
            w[8] = (char)('0' + d / 10); w[9] = (char)('0' + d % 10);
        }
    }
}

/* ---- one service record ---- */

enum kind { K_CASE, K_GROUP, K_COMMUNITY, K_VISIT, K_CONSULT, K_TRAINING, K_SUPERVISION,
            K_ADMIN, NKINDS };

static const char *const kind_names[NKINDS] = {
    "case", "group", "community", "visit", "consult", "training", "supervision", "admin",
};

/* Cumulative weights out of 100: case 30, group 14, community 10, visit 12,
 * consult 10, training 8, supervision 7, admin 9. */
static const int kind_cum[NKINDS] = { 30, 44, 54, 66, 76, 84, 91, 100 };

static const char *const activities[NKINDS][6] = {
    { "个案跟进面谈：家庭关系与照顾压力的评估", "个案电话跟进：了解近况并链接社区支援资源",
      "个案危机介入：情绪疏导与安全计划的制定", "个案结案评估：回顾服务目标与阶段成效",
      "个案接案会谈：收集背景资料与进行需求评估", "个案资源链接：协助申请低保与医疗救助" },
    { "长者健康互助小组：慢性病管理经验分享", "青少年情绪管理小组：认识与表达自己的情绪",
      "亲子沟通成长小组：学习积极倾听与回应技巧", "妇女互助支持小组：压力舒缓与自我照顾",
      "残障人士康乐小组：手工制作与社交技巧练习", "新市民融入小组：认识社区资源与结交朋友" },
    { "社区防诈骗宣传活动：识别常见的电信诈骗", "邻里守望社区嘉年华：游园与爱心义卖活动",
      "长者健康义诊活动：血压血糖免费检测", "社区环保创意市集：旧物改造与垃圾分类宣传",
      "儿童暑期兴趣班：绘画手工与安全教育", "重阳敬老社区活动：文艺表演与慰问困难长者" },
    { "独居长者入户探访：了解起居情况与安全隐患", "困境家庭入户探访：评估生活状况与实际需要",
      "残障人士家庭探访：跟进康复训练与照顾安排", "高龄长者关怀探访：送上节日慰问物资" },
    { "家庭关系咨询：夫妻沟通与子女教育问题", "政策咨询服务：解答社会救助的申请流程",
      "心理情绪咨询：倾听困扰并提供情绪支持", "就业信息咨询：介绍岗位信息与技能培训机会" },
    { "社工专业能力培训：个案管理实务与记录", "社工专业能力培训：小组工作带领技巧",
      "安全与风险管理培训：服务场所应急疏散演练", "继续教育课程：社会工作伦理与相关法规" },
    { "个案督导会议：疑难个案讨论与跟进建议", "小组工作督导：方案设计与带领过程反思",
      "外部专家督导：社区项目成效评估与改进" },
    { "中心例会：工作进度汇报与下月工作计划", "档案整理：服务记录与评估材料归档",
      "月度报表填写：服务数据统计与交叉核对", "项目评估准备：自评报告与佐证材料整理" },
};
static const int nactivities[NKINDS] = { 6, 6, 6, 4, 4, 4, 3, 4 };

static const char *const targets[] = {
    "elderly", "elderly", "elderly", "youth", "children", "family", "family",
    "disabled", "migrant", "community", "other",
};

static const char *const notes_cn[] = {
    "已电话跟进", "家属陪同", "服务对象情绪稳定", "下次面谈改期", "已转介社区医院",
    "需持续关注", "活动顺利完成",
};
static const char *const notes_en[] = {
    "follow-up booked", "rescheduled", "family present", "referred to clinic",
    "interpreter needed",
};
static const char *const notes_comma[] = {
    "\"已联系居委会,待回复\"", "\"family present, client calm\"",
    "\"rain, moved indoors\"", "\"家属陪同,情绪稳定\"",
};

static enum kind pick_kind(void)
{
    int r = (int)below(100);
    int k = 0;
    while (r >= kind_cum[k])
        k++;
    return (enum kind)k;
}

static const char *pick_place(enum kind k)
{
    static const char *const case_p[] = { "centre", "centre", "home", "online" };
    static const char *const group_p[] = { "centre", "centre", "community" };
    static const char *const comm_p[] = { "community", "community", "centre", "other" };
    static const char *const cons_p[] = { "centre", "centre", "online", "other" };
    static const char *const train_p[] = { "centre", "online", "other" };
    static const char *const sup_p[] = { "centre", "online" };
    switch (k) {
    case K_CASE:        return PICK(case_p);
    case K_GROUP:       return PICK(group_p);
    case K_COMMUNITY:   return PICK(comm_p);
    case K_VISIT:       return "home";
    case K_CONSULT:     return PICK(cons_p);
    case K_TRAINING:    return PICK(train_p);
    case K_SUPERVISION: return PICK(sup_p);
    default:            return "centre";
    }
}

static uint32_t pick_participants(enum kind k)
{
    switch (k) {
    case K_CASE:        return 1;
    case K_GROUP:       return 6 + below(10);
    case K_COMMUNITY:   return 10 + below(51);
    case K_VISIT:       return 1 + below(3);
    case K_CONSULT:     return 1 + below(2);
    case K_TRAINING:    return 1 + below(20);
    case K_SUPERVISION: return 1 + below(5);
    default:            return 0;
    }
}

static void put_note(void)
{
    uint32_t r = below(1000);
    if (r == 0)
        puts_(PICK(notes_comma));
    else if (r < 100)
        puts_(PICK(notes_cn));
    else if (r < 150)
        puts_(PICK(notes_en));
}

/* ---- long notes: clauses of case and activity write-ups, 20-200 characters ---- */

static const char *const clauses[] = {
    "服务对象独居，子女在外地工作", "社工上门了解其近期生活状况", "老人反映夜间睡眠不好",
    "已协助联系社区卫生服务中心预约体检", "家属表示愿意配合后续跟进", "本次面谈约一小时",
    "服务对象情绪较上次稳定", "讨论了用药安排和饮食注意事项", "小组成员分享了本周的变化",
    "活动以游戏破冰，气氛较好", "部分组员迟到，下次提前提醒", "义工协助签到和场地布置",
    "居委会工作人员到场支持", "社区长者参与积极", "结合节日开展手工制作",
    "青少年对职业体验环节兴趣较高", "家长反映孩子作业压力大", "已转介心理咨询师跟进",
    "评估结果显示风险等级下降", "约定两周后再次电话回访", "服务计划目标已部分达成",
    "服务对象提出申请临时救助", "协助填写低保复核材料", "邻里关系有所改善",
    "下次活动改在社区广场举行", "督导建议加强个案记录的完整性", "本月走访楼栋共十二户",
    "发现一户长者家中存在安全隐患", "已联系物业更换楼道照明", "新来的志愿者完成岗前培训",
};

#define NRECENT 8
static char recent_note[NCENTRES + 1][NRECENT][640];

static size_t utf8_chars(const char *p)
{
    size_t n = 0;
    for (; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    return n;
}

/* About one row in eight carries a long note; one in twenty of those is an earlier note
 * of the same centre with one clause changed (the near-copies cloned-note looks for). */
static int put_long_note(int centre)
{
    char buf[640];
    size_t len = 0, chars = 0;
    if (aux_below(8) != 0)
        return 0;
    char (*recent)[640] = recent_note[centre];
    if (aux_below(20) == 0 && recent[0][0]) {
        const char *src = recent[aux_below(NRECENT)];
        if (!src[0])
            src = recent[0];
        /* keep the note, replace its last clause */
        const char *cut = strrchr(src, '\xef');   /* the last full-width comma's lead byte */
        size_t keep = cut ? (size_t)(cut - src) : strlen(src);
        memcpy(buf, src, keep);
        len = keep;
        const char *c = AUX_PICK(clauses);
        memcpy(buf + len, "\xef\xbc\x8c", 3);   /* ， */
        memcpy(buf + len + 3, c, strlen(c));
        len += 3 + strlen(c);
        buf[len] = '\0';
        if (utf8_chars(buf) > 200)
            len = 0;   /* too long with the new clause: a fresh note instead */
    }
    if (len == 0) {
        size_t want = 20 + (aux_below(4) == 0 ? aux_below(181) : aux_below(60));
        while (chars < want) {
            const char *c = AUX_PICK(clauses);
            size_t n = strlen(c);
            if (len + n + 3 >= sizeof buf - 4 || chars + 1 + utf8_chars(c) > 199)
                break;
            if (len) {
                memcpy(buf + len, "\xef\xbc\x8c", 3);
                len += 3, chars++;
            }
            memcpy(buf + len, c, n);
            len += n, chars += utf8_chars(c);
        }
        memcpy(buf + len, "\xe3\x80\x82", 3);   /* 。 */
        len += 3;
        buf[len] = '\0';
        memmove(recent[1], recent[0], sizeof recent[0] * (NRECENT - 1));
        memcpy(recent[0], buf, len + 1);
    }
    put(buf, len);
    return 1;
}

/* ---- entry times: when the row was keyed in and last changed ---- */

static void put_stamp(int day, int minute)
{
    put(workdays[day], 10);
    putc_(' ');
    put_hhmm(minute);
}

/* A staff member keys in a whole month at once in about one staff-month of 40: a
 * function of the seed, centre, staff and month alone. */
static int burst_month(int centre, int staff, int month)
{
    uint64_t saved = rng;
    rng = seed0 ^ UINT64_C(0x6a09e667f3bcc908) ^ ((uint64_t)centre << 20) ^ ((uint64_t)staff << 8)
          ^ (uint64_t)month;
    int b = below(40) == 0;
    rng = saved;
    return b;
}

/* entered_at and modified_at of a row of workday `day` ending at minute `end`: the same
 * evening, or 1-4 working days later, sometimes 5-15; never before the service. */
static void put_entry_times(int day, int end, int centre, int staff)
{
    int month = (workdays[day][5] - '0') * 10 + (workdays[day][6] - '0');
    int eday = day, emin;
    uint32_t r = aux_below(100);
    if (burst_month(centre, staff, month)) {
        /* the first working day after the 3rd of the next month, in the afternoon */
        eday = day;
        while (eday < nworkdays - 1 &&
               ((workdays[eday][5] - '0') * 10 + (workdays[eday][6] - '0') == month ||
                (workdays[eday][8] - '0') * 10 + (workdays[eday][9] - '0') < 3))
            eday++;
        emin = 14 * 60 + (int)aux_below(180);
    } else if (r < 60) {
        emin = end + 5 + (int)aux_below(150);
    } else {
        eday = day + (r < 92 ? 1 + (int)aux_below(4) : 5 + (int)aux_below(11));
        emin = 9 * 60 + (int)aux_below(9 * 60);
    }
    if (eday >= nworkdays)
        eday = day, emin = end + 5 + (int)aux_below(60);
    if (eday == day && emin > 23 * 60 + 59)
        emin = 23 * 60 + 59;
    if (eday == day && emin <= end)
        emin = end + 1;
    put_stamp(eday, emin);
    putc_(',');
    if (aux_below(5) == 0) {   /* changed later: 1-20 working days on */
        int mday = eday + 1 + (int)aux_below(20);
        if (mday < nworkdays)
            put_stamp(mday, 9 * 60 + (int)aux_below(9 * 60));
    }
}

/* A slot of one staff member's day, before it becomes a row. */
struct slot {
    uint16_t start;  /* minutes since midnight */
    uint16_t dur;    /* minutes, a multiple of SLOT */
    uint16_t staff;  /* 1..NSTAFF */
};

static void put_record(int day, int centre, uint64_t id, const struct slot *s)
{
    const char *date = workdays[day];
    enum kind k = pick_kind();
    int with_client = k == K_CASE || k == K_VISIT || k == K_CONSULT;

    putc_('R'); putu(id, 6); putc_(',');
    putc_('C'); putu((uint64_t)centre, 3); putc_(',');
    put(date, 10); putc_(',');
    put_hhmm(s->start); putc_(',');
    put_hhmm(s->start + s->dur); putc_(',');
    putc_('C'); putu((uint64_t)centre, 3); puts_("-S"); putu(s->staff, 2); putc_(',');
    puts_(activities[k][below((uint32_t)nactivities[k])]); putc_(',');
    puts_(kind_names[k]); putc_(',');
    if (k <= K_CONSULT)
        puts_(below(100) < 85 ? "direct" : "indirect");
    putc_(',');
    puts_(pick_place(k)); putc_(',');
    puts_(k >= K_TRAINING ? "other" : PICK(targets)); putc_(',');
    if (with_client) {
        putc_('C'); putu((uint64_t)centre, 3); puts_("-K"); putu(1 + below(900), 4);
    }
    putc_(',');
    putu(pick_participants(k), 1); putc_(',');
    put_hours(s->dur); putc_(',');
    if ((k == K_GROUP || k == K_COMMUNITY) && below(100) < 40) {
        uint32_t v = 1 + below(6);
        putu(v, 1); putc_(',');
        put_hours((int)v * s->dur);
    } else {
        putc_(',');
    }
    putc_(',');
    size_t before = outlen;
    put_note();
    if (outlen == before)
        put_long_note(centre);
    putc_(',');
    put_entry_times(day, s->start + s->dur, centre, s->staff);
    end_row();
}

/* ---- records: the schedule ---- */

/* Lay out k non-overlapping slots for one staff day from 08:30, at most DAY_BUDGET
 * minutes in all, with a few short breaks. Returns the next free index in slots. */
static int lay_out_day(struct slot *slots, int n, int staff, int k)
{
    int t = DAY_START, used = 0, gaps = 0;
    for (int i = 0; i < k; i++) {
        int rows_left = k - i;
        int left = DAY_BUDGET - used;
        int cap = left - SLOT * (rows_left - 1);   /* leave 15 min for each later row */
        int fair2 = 2 * left / rows_left;
        if (cap > fair2) cap = fair2;
        if (cap > 240) cap = 240;
        int dur = SLOT * (1 + (int)below((uint32_t)(cap / SLOT)));
        if (i > 0 && below(4) == 0) {
            int g = SLOT * (1 + (int)below(2));
            if (gaps + g <= MAX_GAPS) {
                t += g;
                gaps += g;
            }
        }
        slots[n].start = (uint16_t)t;
        slots[n].dur = (uint16_t)dur;
        slots[n].staff = (uint16_t)staff;
        n++;
        t += dur;
        used += dur;
    }
    return n;
}

static int slot_cmp(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->staff < y->staff ? -1 : x->staff > y->staff;
}

/* Rows for staff-day pair p of npairs, so that the running total tracks p * N / npairs
 * with some jitter and ends at exactly N. */
static int rows_for_pair(uint64_t p, uint64_t npairs, uint64_t n, uint64_t emitted)
{
    int64_t target = (int64_t)((p + 1) * n / npairs);
    int64_t want = target - (int64_t)emitted + (int64_t)below(5) - 2;
    int64_t left = (int64_t)(n - emitted);
    int64_t must = left - (int64_t)(npairs - p - 1) * KMAX;
    if (want < must) want = must;
    if (want > KMAX) want = KMAX;
    if (want > left) want = left;
    if (want < 0) want = 0;
    return (int)want;
}

static int gen_records(uint64_t n)
{
    static struct slot slots[NSTAFF * KMAX];
    static uint64_t next_id[NCENTRES + 1];
    uint64_t npairs = (uint64_t)nworkdays * NCENTRES * NSTAFF, p = 0, emitted = 0;

    if (n > npairs * KMAX) {
        fprintf(stderr, "gen: at most %" PRIu64 " rows\n", npairs * KMAX);
        return 2;
    }
    puts_("record_id,centre,date,start,end,staff,activity,kind,mode,place,target,client,"
          "participants,hours,volunteers,volunteer_hours,note,entered_at,modified_at\n");
    /* Day by day, and within a day centre by centre, as a district export is sorted. */
    for (int d = 0; d < nworkdays; d++) {
        for (int c = 1; c <= NCENTRES; c++) {
            int ns = 0;
            for (int s = 1; s <= NSTAFF; s++, p++) {
                int k = rows_for_pair(p, npairs, n, emitted);
                ns = lay_out_day(slots, ns, s, k);
                emitted += (uint64_t)k;
            }
            qsort(slots, (size_t)ns, sizeof(slots[0]), slot_cmp);
            for (int i = 0; i < ns; i++)
                put_record(d, c, ++next_id[c], &slots[i]);
        }
    }
    return 0;
}

/* ---- contracts and roster ---- */

/* Extra professional staff above 14 for centre c: most contracts have none. A function
 * of the seed and c alone, so contracts and roster agree whatever else was drawn. */
static int extra_staff(int c)
{
    uint64_t saved = rng;
    rng = seed0 ^ ((uint64_t)c * UINT64_C(0x2545f4914f6cdd1d));
    int extra = below(100) < 85 ? 0 : 1 + (int)below(5);
    rng = saved;
    return extra;
}

static void gen_contracts(void)
{
    puts_("contract,centre,district,street,operator,start,end,budget,professional_staff,"
          "total_hours,direct_hours,target_cases,target_groups,target_community\n");
    for (int c = 1; c <= NCENTRES; c++) {
        int x = extra_staff(c), dist = (c - 1) % NDISTRICTS;
        puts_("GZ2024-"); putc_('C'); putu((uint64_t)c, 3); putc_(',');
        putc_('C'); putu((uint64_t)c, 3); putc_(',');
        puts_(districts[dist]); putc_(',');
        puts_(streets[dist][((c - 1) / NDISTRICTS) % 6]); putc_(',');
        puts_(PICK(operators)); putc_(',');
        puts_("2024-01-01,2024-12-31,");
        putu(2000000 + 100000 * (uint64_t)x, 1); putc_(',');
        putu(14 + (uint64_t)x, 1); putc_(',');
        putu(27440 + 1960 * (uint64_t)x, 1); putc_(',');
        putu(22852 + 1633 * (uint64_t)x + (below(4) == 0 ? 100 * below(5) : 0), 1);
        putc_(',');
        putu(80 + 6 * (uint64_t)x + below(20), 1); putc_(',');
        putu(30 + 2 * (uint64_t)x + below(10), 1); putc_(',');
        putu(40 + 3 * (uint64_t)x + below(15), 1);
        end_row();
    }
}

static void gen_roster(void)
{
    static const char *const surnames[] = {
        "陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "何", "郑", "谢",
        "冯", "邓", "曾", "彭", "肖", "蔡", "潘", "钟", "欧阳", "司徒",
    };
    static const char *const given[] = {
        "伟", "芳", "敏", "静", "丽", "强", "磊", "洁", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀", "霞", "平", "嘉", "颖", "俊", "志", "婷",
        "欣", "慧", "文", "华", "玲", "晓",
    };
    static const char *const cert[] = { "senior", "social_worker", "social_worker",
                                        "assistant", "assistant" };
    static const char *const related[] = { "psychology", "sociology" };
    static const char *const uncounted_q[] = { "assistant", "none", "none" };

    puts_("staff,centre,name,qualification,profession,counted,start_date,end_date\n");
    for (int c = 1; c <= NCENTRES; c++) {
        int counted = 14 + extra_staff(c);
        for (int s = 1; s <= NSTAFF; s++) {
            putc_('C'); putu((uint64_t)c, 3); puts_("-S"); putu((uint64_t)s, 2); putc_(',');
            putc_('C'); putu((uint64_t)c, 3); putc_(',');
            puts_(PICK(surnames)); puts_(PICK(given));
            if (below(3)) puts_(PICK(given));
            putc_(',');
            if (s <= 10) {                      /* at least 10 certified social workers */
                puts_(PICK(cert)); puts_(",social_work,yes,");
            } else if (s <= counted) {          /* the rest of the counted: related fields */
                puts_(below(2) ? "assistant," : "none,");
                puts_(PICK(related)); puts_(",yes,");
            } else {
                puts_(PICK(uncounted_q)); puts_(",other,no,");
            }
            puts_("2023-"); putu(1 + below(12), 2); putc_('-'); putu(1 + below(28), 2);
            putc_(',');
            end_row();
        }
    }
}

/* ---- command line ---- */

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return 0;
    *v = strtoull(s, &end, 10);
    return *end == '\0';
}

static int usage(void)
{
    fputs("usage: gen records N SEED\n"
          "       gen contracts SEED\n"
          "       gen roster SEED\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    static char stdio_buf[1 << 20];
    uint64_t n = 0, seed;
    int rc = 0;

    if (argc < 3)
        return usage();
    int is_records = strcmp(argv[1], "records") == 0;
    if (argc != (is_records ? 4 : 3) || (is_records && !parse_u64(argv[2], &n))
        || !parse_u64(argv[argc - 1], &seed))
        return usage();
    setvbuf(stdout, stdio_buf, _IOFBF, sizeof(stdio_buf));
    rng = seed0 = seed;
    rng_aux = seed ^ UINT64_C(0xbb67ae8584caa73b);
    init_calendar();
    if (is_records)
        rc = gen_records(n);
    else if (strcmp(argv[1], "contracts") == 0)
        gen_contracts();
    else if (strcmp(argv[1], "roster") == 0)
        gen_roster();
    else
        return usage();
    flush_out();
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen: write");
        return 1;
    }
    return rc;
}
