#!/usr/bin/env python3
"""generate.py -- the sample data every jiazong test and demo runs on.

Standard library only, one fixed seed, deterministic: running it twice gives
byte-identical files.  Run from anywhere:

    python3 samples/generate.py

Writes (all paths relative to this directory):
    contracts.csv, roster.csv                 UTF-8, LF, no BOM
    records/HZ-NZ.csv HZ-BH.csv HZ-RF.csv     UTF-8, LF, no BOM
    records/HZ-JL.csv                         UTF-8 *with* BOM, CRLF, ~1 % Excel serial dates
    records/PY-SQ.csv                         UTF-8, LF, deliberate mistakes (see README.md)
    PY-SQ-mistakes.csv                        machine-readable list of those mistakes
    gb18030/HZ-NZ.csv roster.csv contracts.csv  Chinese headers and values, GB18030, CRLF
    expected-hours.md                         figures recomputed from the written files
    audit/                                    jz-audit's samples (samples/generate_audit.py)
    README.md                                 description of every file (generated, so the
                                              line numbers in it can never drift)

Nothing here uses hash() of strings, set iteration order or the clock.
"""
import csv
import datetime as dt
import io
import os
import random
import sys
import zlib

SEED = 20240630
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import entry_times as et  # noqa: E402
YEAR_START = dt.date(2024, 1, 1)
YEAR_END = dt.date(2024, 12, 31)

# ---------------------------------------------------------------- working days
HOLIDAY_RANGES = [("2024-01-01", "2024-01-01"), ("2024-02-10", "2024-02-17"),
                  ("2024-04-04", "2024-04-06"), ("2024-05-01", "2024-05-05"),
                  ("2024-06-10", "2024-06-10"), ("2024-09-15", "2024-09-17"),
                  ("2024-10-01", "2024-10-07")]
MAKEUP_DAYS = ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28",
               "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"]


def drange(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


OFF = set()
for _a, _b in HOLIDAY_RANGES:
    OFF.update(drange(dt.date.fromisoformat(_a), dt.date.fromisoformat(_b)))
WORK = {dt.date.fromisoformat(x) for x in MAKEUP_DAYS}


def is_working(d):
    if d in WORK:
        return True
    return d.weekday() < 5 and d not in OFF


def working_days(a, b):
    return [d for d in drange(a, b) if is_working(d)]


# ---------------------------------------------------------------- vocabulary
KINDS = ["case", "group", "community", "visit", "consult", "training", "supervision", "admin"]
SERVICE_KINDS = ["case", "group", "community", "visit", "consult"]
ZH_KIND = {"case": "个案", "group": "小组", "community": "社区活动", "visit": "探访",
           "consult": "咨询", "training": "培训", "supervision": "督导", "admin": "行政"}
ZH_MODE = {"direct": "直接", "indirect": "间接"}
ZH_PLACE = {"centre": "中心", "community": "社区", "home": "入户", "online": "线上", "other": "其他"}
ZH_TARGET = {"elderly": "长者", "youth": "青少年", "children": "儿童", "family": "家庭",
             "disabled": "残障", "migrant": "来穗人员", "community": "社区", "other": "其他"}
ZH_QUAL = {"senior": "高级社会工作师", "social_worker": "社会工作师",
           "assistant": "助理社会工作师", "none": "无"}
ZH_PROF = {"social_work": "社会工作", "psychology": "心理学", "sociology": "社会学", "other": "其他"}
ZH_YESNO = {"yes": "是", "no": "否"}

REC_HEADER = ["record_id", "centre", "date", "start", "end", "staff", "activity", "kind", "mode",
              "place", "target", "client", "participants", "hours", "volunteers",
              "volunteer_hours", "note", "entered_at", "modified_at"]
ZH_REC_HEADER = ["记录编号", "中心编号", "服务日期", "开始时间", "结束时间", "社工编号", "活动编号",
                 "服务类型", "服务方式", "服务地点", "服务领域", "服务对象编号", "服务人次", "工时",
                 "义工人数", "义工时数", "备注", "录入时间", "修改时间"]
LIST_HEADER = ["centre", "activity", "date", "person", "role", "signed_at"]
ROSTER_HEADER = ["staff", "centre", "name", "qualification", "profession", "counted",
                 "start_date", "end_date"]
ZH_ROSTER_HEADER = ["社工编号", "中心编号", "姓名", "资质", "专业", "计入工时", "入职日期", "离职日期"]
TARGET_KEYS = ["cases", "groups", "group_sessions", "community", "attendances", "volunteers",
               "volunteer_hours"]
CONTRACT_HEADER = ["contract", "centre", "district", "street", "operator", "start", "end", "budget",
                   "professional_staff", "total_hours", "direct_hours"] + \
                  ["target_" + k for k in TARGET_KEYS]
ZH_CONTRACT_HEADER = ["合同编号", "中心编号", "区", "街镇", "承接机构", "开始日期", "结束日期",
                      "年度经费", "专业社工人数", "总服务时数", "直接服务时数"] + \
                     ["目标_" + k for k in TARGET_KEYS]

SURNAMES = list("张李陈黄王刘林吴梁何周郑罗谢许邓冯曾彭萧蔡潘苏卢钟叶骆邱莫温")
GIVEN = list("晓丽敏婷嘉欣伟俊杰志强文华静怡颖琳思雅慧芳子涵浩然宇航泽楠梓诗佳美玉明辉建国秀兰凤霞海燕丹")

# ---------------------------------------------------------------- centres
# Per-centre knobs for the simulator.  See README.md for what each centre is meant to show.
CENTRES = [
    dict(code="HZ-NZ", p="NZ", district="海珠区", street="南洲街",
         operator="广州市海珠区澄溪社会工作服务中心", contract="HZ-NZ-2024-01",
         budget=2000000, prof=14, total=27440, direct=22852,
         targets=dict(cases=60, groups=24, group_sessions=180, community=100, attendances=24000,
                      volunteers=700, volunteer_hours=1800),
         rec_start=YEAR_START, rec_end=YEAR_END, asof=YEAR_END,
         counted_quals=["senior"] + ["social_worker"] * 4 + ["assistant"] * 6 + ["none"] * 3,
         noncounted=6, leave=5, svc=(510, 570), indirect=0.10, ind_min=240, ind_cap=240, caseload=[2, 2, 2] + [1] * 11,
         groups=30, events=56, ext_training=2, elders=400,
         w=dict(visit=60, consult=20, solo=0.6)),
    dict(code="HZ-JL", p="JL", district="海珠区", street="江南中街",
         operator="广州市溪岸社会工作服务中心", contract="HZ-JL-2024-01",
         budget=2350000, prof=17, total=33320, direct=27750,
         targets=dict(cases=72, groups=28, group_sessions=210, community=120, attendances=29000,
                      volunteers=850, volunteer_hours=2200),
         rec_start=YEAR_START, rec_end=dt.date(2024, 6, 30), asof=dt.date(2024, 6, 30),
         counted_quals=["senior"] * 2 + ["social_worker"] * 4 + ["assistant"] * 6 + ["none"] * 5,
         noncounted=6, leave=3, svc=(540, 600), indirect=0.10, caseload=[2, 2, 2, 2] + [1] * 13,
         groups=18, events=34, ext_training=1, elders=300,
         w=dict(visit=60, consult=20, solo=0.6)),
    dict(code="HZ-BH", p="BH", district="海珠区", street="滨江街",
         operator="广州市晴木社会工作发展中心", contract="HZ-BH-2024-01",
         budget=2000000, prof=14, total=27440, direct=22852,
         targets=dict(cases=60, groups=24, group_sessions=180, community=100, attendances=24000,
                      volunteers=700, volunteer_hours=1800),
         rec_start=YEAR_START, rec_end=dt.date(2024, 6, 30), asof=dt.date(2024, 6, 30),
         counted_quals=["social_worker"] * 3 + ["assistant"] * 7 + ["none"] * 4,
         noncounted=6, leave=3, svc=(540, 600), indirect=0.33, ind_cap=210, ind_first=1.0, caseload=[2, 2] + [1] * 12,
         groups=14, events=26, ext_training=1, elders=250,
         w=dict(visit=66, consult=18, solo=0.6), direct_outreach=True),
    dict(code="HZ-RF", p="RF", district="海珠区", street="瑞宝街",
         operator="广州市青朴社会工作服务社", contract="HZ-RF-2024-01",
         budget=2000000, prof=14, total=27440, direct=22852,
         targets=dict(cases=60, groups=24, group_sessions=180, community=100, attendances=24000,
                      volunteers=700, volunteer_hours=1800),
         rec_start=YEAR_START, rec_end=dt.date(2024, 6, 30), asof=dt.date(2024, 6, 30),
         counted_quals=["senior"] + ["social_worker"] * 4 + ["assistant"] * 6 + ["none"] * 3,
         noncounted=6, leave=2, svc=(570, 630), indirect=0.10, caseload=[2, 2] + [1] * 12,
         groups=14, events=26, ext_training=1, elders=250,
         w=dict(visit=60, consult=20, solo=0.6), vacancy=True),
    dict(code="PY-SQ", p="SQ", district="番禺区", street="市桥街",
         operator="广州市番禺区禾叶社会工作服务中心", contract="PY-SQ-2024-01",
         budget=2000000, prof=14, total=27440, direct=22852,
         targets=dict(cases=60, groups=24, group_sessions=180, community=100, attendances=24000,
                      volunteers=700, volunteer_hours=1800),
         rec_start=dt.date(2024, 3, 1), rec_end=dt.date(2024, 3, 31), asof=dt.date(2024, 3, 31),
         counted_quals=["senior"] + ["social_worker"] * 3 + ["assistant"] * 8 + ["none"] * 2,
         noncounted=6, leave=1, svc=(480, 525), indirect=0.10, caseload=[3, 3, 3, 3], ongoing=True,
         groups=2, events=2, ext_training=0, elders=40,
         w=dict(visit=50, consult=30, solo=5), team_only=3),
]

# ---------------------------------------------------------------- helpers


def hm(m):
    return "%02d:%02d" % (m // 60, m % 60)


def hours_str(m):
    """Minutes (multiple of 15) -> '1.5', '2.0', '0.75'."""
    h, r = divmod(m, 60)
    frac = {0: "0", 15: "25", 30: "5", 45: "75"}[r]
    return "%d.%s" % (h, frac)


def r15(x):
    return int(round(x / 15.0)) * 15


def seeded(code, salt=""):
    return random.Random(SEED ^ zlib.crc32((code + salt).encode("utf-8")))


def wchoice(rng, weights):
    """weights: list of (value, weight); deterministic order."""
    tot = sum(w for _, w in weights)
    x = rng.random() * tot
    for v, w in weights:
        x -= w
        if x < 0:
            return v
    return weights[-1][0]


# ---------------------------------------------------------------- notes (free text)
NOTE_VISIT = ["独居长者，精神尚可", "血压偏高，已提醒按时服药", "协助联系社区医院上门随访",
              "长者反映家中灯泡坏了，已转介义工维修", "家属在场, 情况稳定", "讲解防诈骗知识",
              "天气炎热，提醒防暑", "送上慰问品", "长者情绪低落，下周加密探访"]
NOTE_CASE = ["评估家庭支持系统", "制定服务计划", "跟进就学问题", "亲子沟通辅导",
             "链接街道救助资源", "陪同办理残疾证年审", "情绪疏导", "与学校老师沟通, 了解在校表现",
             "结案评估"]
NOTE_CONSULT = {"elderly": ["咨询长者饭堂报名", "咨询居家养老补贴"], "migrant": ["咨询来穗人员积分入学政策"],
                "family": ["电话咨询亲子课程", "咨询家庭教育讲座报名"], "children": ["咨询四点半课堂报名"],
                "youth": ["咨询心理援助热线", "咨询青少年暑期活动"], "disabled": ["咨询残疾人辅具申领"],
                "other": ["咨询社区服务信息"]}
NOTE_GROUP = {"elderly": ["长者健康操小组", "长者智能手机学习小组", "怀旧手工小组"],
              "youth": ["青少年情绪管理小组", "青少年生涯规划小组"],
              "children": ["儿童绘本阅读小组", "儿童安全教育小组", "四点半课堂"],
              "family": ["亲子沟通小组", "新手父母成长小组"],
              "disabled": ["残障人士康乐小组", "照顾者减压小组"],
              "migrant": ["来穗妇女互助小组", "来穗家庭融入小组"]}
EVENTS_FIXED = [("2024-03-05", "学雷锋志愿服务日"), ("2024-03-08", "三八妇女节手工坊"),
                ("2024-04-03", "清明文明祭扫宣传"), ("2024-05-31", "六一儿童游园会"),
                ("2024-06-07", "端午包粽子邻里活动"), ("2024-08-09", "七夕亲子手作"),
                ("2024-09-13", "中秋邻里游园会"), ("2024-10-11", "重阳敬老千叟宴"),
                ("2024-12-05", "国际志愿者日义工嘉许"), ("2024-11-15", "社区消防安全演练"),
                ("2024-01-26", "迎春写挥春送祝福"), ("2024-02-08", "新春慰问独居长者")]
EVENT_TOPICS = ["社区义诊", "垃圾分类宣传", "防诈骗讲座", "邻里节", "社区跳蚤市场", "亲子运动会",
                "长者生日会", "社区电影夜", "健康讲座", "义剪服务", "家庭教育讲座", "社区环保行动"]
TRAINING_TOPICS = ["个案管理实务", "小组工作技巧", "危机介入", "社区需求评估", "服务记录规范",
                   "长者照护知识", "儿童保护政策", "心理急救", "项目评估方法", "反家暴法解读",
                   "社工伦理", "志愿者管理"]


# ---------------------------------------------------------------- the simulator
class Sim:
    def __init__(self, cfg):
        self.cfg = cfg
        self.code = cfg["code"]
        self.p = cfg["p"]
        self.rng = seeded(self.code)
        self.days = working_days(cfg["rec_start"], cfg["rec_end"])
        self.nd = len(self.days)
        self.occ = {}     # (sid, di) -> list of (start, end)
        self.tot = {}     # (sid, di) -> minutes booked
        self.train = {}   # (sid, di) -> training/supervision minutes
        self.rows = []
        self.seq = {}
        self.leave = {}
        self.weeks = []
        wk = None
        for i, d in enumerate(self.days):
            key = d.isocalendar()[:2]
            if key != wk:
                self.weeks.append([])
                wk = key
            self.weeks[-1].append(i)
        self.make_roster()

    # ----- ids
    def next_id(self, letter, width=5):
        self.seq[letter] = self.seq.get(letter, 0) + 1
        return "%s-%s%0*d" % (self.p, letter, width, self.seq[letter])

    # ----- roster
    def make_roster(self):
        cfg, rng = self.cfg, seeded(self.code, "roster")
        used = set()
        staff = []

        def name():
            while True:
                n = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
                if n not in used:
                    used.add(n)
                    return n

        def hired():
            y = rng.choice([2016, 2018, 2019, 2020, 2021, 2022, 2023])
            return dt.date(y, rng.choice([1, 3, 4, 7, 9]), 1)

        quals = cfg["counted_quals"]
        for i, q in enumerate(quals):
            prof = "social_work" if q != "none" else ["psychology", "sociology", "social_work", "psychology", "sociology"][i % 5]
            if q != "none" and i % 7 == 3:
                prof = "sociology"
            staff.append(dict(sid="%s-S%02d" % (self.p, i + 1), name=name(), qual=q, prof=prof,
                              counted=True, start=hired(), end=None, role="worker"))
        base = len(staff)
        roles = ["admin", "admin", "support", "support", "support", "support"][:cfg["noncounted"]]
        nc_quals = ["none", "none", "assistant", "none", "none", "none"]
        nc_prof = ["other", "other", "social_work", "social_work", "other", "sociology"]
        for j, role in enumerate(roles):
            staff.append(dict(sid="%s-S%02d" % (self.p, base + j + 1), name=name(), qual=nc_quals[j],
                              prof=nc_prof[j], counted=False, start=hired(), end=None, role=role))
        if cfg.get("vacancy"):
            # counted worker S05 leaves 2024-02-29; replacement starts 2024-05-01
            s5 = staff[4]
            s5["end"] = dt.date(2024, 2, 29)
            staff.append(dict(sid="%s-S%02d" % (self.p, len(staff) + 1), name=name(), qual="social_worker",
                              prof="social_work", counted=True, start=dt.date(2024, 5, 1), end=None,
                              role="worker"))
        self.staff = staff
        self.by_id = {s["sid"]: s for s in staff}
        team_only = cfg.get("team_only")
        if team_only:
            self.rec_staff = [s for s in staff if s["counted"]][:team_only] + \
                             [s for s in staff if s["role"] == "support"][:1]
        else:
            self.rec_staff = list(staff)
        self.counted = [s for s in self.rec_staff if s["counted"]]
        self.support = [s for s in self.rec_staff if s["role"] == "support"]
        self.admins = [s for s in self.rec_staff if s["role"] == "admin"]
        # leave days (no rows at all)
        for s in self.rec_staff:
            act = [i for i in range(self.nd) if self.employed(s, i)]
            k = min(cfg["leave"], len(act) // 20)
            self.leave[s["sid"]] = set(rng.sample(act, k)) if k else set()
        # teams of counted staff
        order = list(self.counted)
        rng.shuffle(order)
        self.teams = [order[t::3] for t in range(3)] if len(order) >= 6 else [order]

    def employed(self, s, di):
        d = self.days[di]
        return s["start"] <= d and (s["end"] is None or d <= s["end"])

    def active(self, s, di):
        return self.employed(s, di) and di not in self.leave[s["sid"]]

    def can(self, s, di, a, b, cap=600):
        if not self.active(s, di):
            return False
        key = (s["sid"], di)
        if self.tot.get(key, 0) + (b - a) > cap:
            return False
        for x, y in self.occ.get(key, ()):
            if a < y and x < b:
                return False
        return True

    def book(self, s, di, a, b, kind, activity, mode="", place="centre", target="other", client="",
             participants=0, volunteers=None, vmin=None, note=""):
        key = (s["sid"], di)
        assert self.can(s, di, a, b), (self.code, key, a, b, kind)
        self.occ.setdefault(key, []).append((a, b))
        self.tot[key] = self.tot.get(key, 0) + (b - a)
        if kind in ("training", "supervision"):
            self.train[key] = self.train.get(key, 0) + (b - a)
        row = dict(di=di, date=self.days[di], start=a, end=b, staff=s["sid"], activity=activity,
                   kind=kind, mode=mode, place=place, target=target, client=client,
                   participants=participants, volunteers=volunteers, vmin=vmin, note=note)
        self.rows.append(row)
        return row

    def unbook(self, row):
        key = (row["staff"], row["di"])
        self.occ[key].remove((row["start"], row["end"]))
        self.tot[key] -= row["end"] - row["start"]
        self.rows.remove(row)

    # ----- training and supervision (counted staff only)
    def schedule_training(self):
        rng = seeded(self.code, "training")
        # monthly all-staff training, 14:00-17:00, around the 8th working day of the month
        months = []
        for i, d in enumerate(self.days):
            if not months or months[-1][0] != d.month:
                months.append((d.month, []))
            months[-1][1].append(i)
        for m, idx in months:
            if len(idx) < 10:
                continue
            aid = self.next_id("T", 3)
            topic = TRAINING_TOPICS[(m - 1) % len(TRAINING_TOPICS)]
            for di in idx[7:]:
                n = [s for s in self.counted if self.can(s, di, 840, 1020)]
                if len(n) >= len(self.counted) * 0.7:
                    for s in n:
                        self.book(s, di, 840, 1020, "training", aid, place="centre",
                                  note="全体社工培训：" + topic)
                    break
        # per team: alternate weeks team training (2 h) and group supervision (2 h)
        for wi, week in enumerate(self.weeks):
            if len(week) < 3:
                continue
            for t, team in enumerate(self.teams):
                if (wi + t) % 2 == 0:
                    kind, a, b, letter, place = "training", 570, 690, "T", "centre"
                    note = "团队个案研讨：" + rng.choice(TRAINING_TOPICS)
                    pos = t
                else:
                    kind, a, b, letter, place = "supervision", 840, 1020, "D", "centre"
                    note = "外聘督导小组督导"
                    pos = t + 2
                aid = self.next_id(letter, 4 if letter == "D" else 3)
                for k in range(len(week)):
                    di = week[(pos + k) % len(week)]
                    n = [s for s in team if self.can(s, di, a, b)]
                    if len(n) >= max(2, len(team) - 1):
                        for s in n:
                            self.book(s, di, a, b, kind, aid, place=place, note=note)
                        break
        # individual supervision, 2 h every fifth week
        for j, s in enumerate(self.counted):
            for wi, week in enumerate(self.weeks):
                if (wi + j) % 5 or len(week) < 2:
                    continue
                slots = [(570, 690), (870, 990), (930, 1050)]
                done = False
                for di in rng.sample(week, len(week)):
                    for a, b in slots:
                        if self.can(s, di, a, b):
                            self.book(s, di, a, b, "supervision", self.next_id("D", 4), place="centre",
                                      note="个别督导")
                            done = True
                            break
                    if done:
                        break
        # external training days: two 3-hour rows with one activity id
        for s in self.counted:
            for _ in range(self.cfg["ext_training"]):
                for _try in range(40):
                    di = rng.randrange(self.nd)
                    if self.can(s, di, 540, 720) and self.can(s, di, 810, 990) and \
                            self.tot.get((s["sid"], di), 0) == 0:
                        aid = self.next_id("T", 3)
                        topic = rng.choice(TRAINING_TOPICS)
                        self.book(s, di, 540, 720, "training", aid, place="other", note="外出培训：" + topic)
                        self.book(s, di, 810, 990, "training", aid, place="other", note="外出培训：" + topic)
                        break

    # ----- groups: 6-10 weekly sessions, two counted staff each
    def schedule_groups(self):
        rng = seeded(self.code, "groups")
        G = self.cfg["groups"]
        W = len(self.weeks)
        slots = {"elderly": [(570, 660), (570, 690)], "children": [(960, 1050)], "youth": [(990, 1080)],
                 "family": [(1140, 1230), (870, 990)], "disabled": [(870, 990)], "migrant": [(870, 960), (1140, 1230)]}
        tw = [("elderly", 30), ("children", 20), ("youth", 15), ("family", 15), ("disabled", 10), ("migrant", 10)]
        self.groups = []
        gno = 0
        for g in range(G):
            target = wchoice(rng, tw)
            n = rng.randint(6, 10)
            a, b = rng.choice(slots[target])
            place = wchoice(rng, [("centre", 15), ("community", 85)] if self.cfg.get("direct_outreach")
                            else [("centre", 55), ("community", 45)])
            team = self.teams[g % len(self.teams)]
            pair = rng.sample(team, 2) if len(team) >= 2 else rng.sample(self.counted, 2)
            span = max(1, W - n - 2)
            sw = min(W - 1, int(g * span / max(1, G)) + rng.randint(0, 1))
            pos = rng.randint(0, 4)
            gno += 1
            gid = "%s-G%03d" % (self.p, gno)
            title = rng.choice(NOTE_GROUP[target])
            booked = []
            sess_days = []
            w = sw
            while len(sess_days) < n and w < W:
                week = self.weeks[w]
                for k in range(len(week)):
                    di = week[min(pos, len(week) - 1) + k] if min(pos, len(week) - 1) + k < len(week) else None
                    if di is None:
                        break
                    if all(self.can(s, di, a, b, cap=480) for s in pair):
                        sess_days.append(di)
                        break
                w += 1
            if len(sess_days) < 6:
                gno -= 1
                continue
            for k, di in enumerate(sess_days):
                part = rng.randint(6, 12)
                aid = "%s-%02d" % (gid, k + 1)
                for s in pair:
                    note = "%s 第%d节" % (title, k + 1) if s is pair[0] else ""
                    booked.append(self.book(s, di, a, b, "group", aid, mode="direct", place=place,
                                            target=target, participants=part, note=note))
            self.groups.append(dict(gid=gid, target=target, staff=[s["sid"] for s in pair],
                                    days=sess_days))

    # ----- community events: many participants, several staff, volunteers
    def schedule_events(self):
        rng = seeded(self.code, "events")
        slots = [(540, 720), (870, 1050), (570, 720), (1140, 1260), (900, 1020)]
        plan = []
        for ds, title in EVENTS_FIXED:
            d = dt.date.fromisoformat(ds)
            while not is_working(d):
                d -= dt.timedelta(days=1)
            if self.days[0] <= d <= self.days[-1]:
                plan.append((self.days.index(d), title))
        extra = self.cfg["events"] - len(plan)
        for e in range(max(0, extra)):
            di = int((e + rng.random()) * self.nd / max(1, extra))
            plan.append((min(di, self.nd - 1), rng.choice(EVENT_TOPICS)))
        plan.sort()
        self.events = []
        eno = 0
        for di0, title in plan:
            done = False
            for shift in range(0, 4):
                di = di0 + shift
                if di >= self.nd:
                    break
                for a, b in rng.sample(slots, len(slots)):
                    free = [s for s in self.counted if self.can(s, di, a, b, cap=480)]
                    k = rng.randint(3, 6)
                    if len(free) < min(3, len(self.counted)):
                        continue
                    pick = rng.sample(free, min(k, len(free)))
                    sup = [s for s in self.support if self.can(s, di, a, b)]
                    sup = rng.sample(sup, min(len(sup), rng.randint(0, 2)))
                    eno += 1
                    aid = "%s-E%03d" % (self.p, eno)
                    part = rng.randint(40, 300)
                    vol = rng.randint(5, 30)
                    vmin = vol * (b - a)
                    target = wchoice(rng, [("community", 60), ("elderly", 15), ("children", 10), ("family", 15)])
                    for j, s in enumerate(pick + sup):
                        self.book(s, di, a, b, "community", aid, mode="direct", place="community",
                                  target=target, participants=part, volunteers=vol, vmin=vmin,
                                  note=title if j == 0 else "")
                    self.events.append(dict(aid=aid, di=di, staff=[s["sid"] for s in pick]))
                    done = True
                    break
                if done:
                    break

    # ----- daily fill for counted staff
    def fill(self):
        cfg = self.cfg
        rng = seeded(self.code, "fill")
        lo, hi = cfg["svc"]
        share = cfg["indirect"]
        place_w = {
            "case": [("home", 45), ("community", 25), ("centre", 30)],
            "consult": [("centre", 45), ("community", 35), ("online", 20)],
        }
        if cfg.get("direct_outreach"):
            place_w = {"case": [("home", 65), ("community", 30), ("centre", 5)],
                       "consult": [("community", 90), ("centre", 5), ("online", 5)]}
        elders = []
        for k in range(cfg["elders"]):
            elders.append(("%s-C%04d" % (self.p, 501 + k), "elderly" if k % 7 else "disabled"))
        self.case_no = 0
        consult_no = [1000]
        consult_pool = []
        cases = {s["sid"]: [] for s in self.counted}
        ready = {s["sid"]: rng.randint(0, 8) for s in self.counted}
        caseload = {s["sid"]: cfg["caseload"][j % len(cfg["caseload"])] for j, s in enumerate(self.counted)}
        self.cases = []
        debt = {s["sid"]: 0.0 for s in self.counted}
        last = {s["sid"]: max(i for i in range(self.nd) if self.employed(s, i)) for s in self.counted}
        if cfg.get("ongoing"):
            # a one-month export: cases were opened before the export starts
            for s in self.counted:
                for _ in range(caseload[s["sid"]]):
                    self.case_no += 1
                    prior = rng.randint(1, 8)
                    target = wchoice(rng, [("family", 30), ("youth", 15), ("children", 15), ("elderly", 20),
                                           ("disabled", 10), ("migrant", 10)])
                    c = dict(client="%s-C%04d" % (self.p, self.case_no), target=target,
                             n=prior + rng.randint(4, 9), done=prior, due=rng.randint(0, 3),
                             interval=rng.randint(2, 4), staff=s["sid"], place=wchoice(rng, place_w["case"]))
                    cases[s["sid"]].append(c)
                    self.cases.append(c)
                ready[s["sid"]] = self.nd
        group_days = {}
        for g in self.groups:
            for sid in g["staff"]:
                for di in g["days"]:
                    group_days.setdefault(sid, []).append((di, g))
        event_days = {}
        for e in self.events:
            for sid in e["staff"]:
                event_days.setdefault(sid, []).append(e["di"])
        for di in range(self.nd):
            for s in self.counted:
                sid = s["sid"]
                if not self.active(s, di):
                    continue
                key = (sid, di)
                T = self.train.get(key, 0)
                F = self.tot.get(key, 0) - T
                S = rng.randrange(lo, hi + 1, 15)
                S = min(S, 600 - T) if T < 300 else 0     # an external training day: no service
                R = S - F
                # open new cases
                while len(cases[sid]) < caseload[sid] and di >= ready[sid]:
                    interval = rng.randint(3, 6)
                    n = rng.randint(6, 15)
                    left = last[sid] - di
                    n = min(n, (left - 8) // (interval + 1))
                    if n < 6:
                        ready[sid] = self.nd
                        break
                    self.case_no += 1
                    target = wchoice(rng, [("family", 30), ("youth", 15), ("children", 15), ("elderly", 20),
                                           ("disabled", 10), ("migrant", 10)])
                    c = dict(client="%s-C%04d" % (self.p, self.case_no), target=target, n=n, done=0,
                             due=di, interval=interval, staff=sid,
                             place=wchoice(rng, place_w["case"]))
                    cases[sid].append(c)
                    self.cases.append(c)
                if R < 30:
                    continue
                debt[sid] += share * S
                I = 0
                if debt[sid] >= cfg.get("ind_min", 120) or (share > 0.2 and debt[sid] >= 90):
                    I = max(0, min(r15(debt[sid]), cfg.get("ind_cap", 180), R - 60))
                    debt[sid] -= I
                D = R - I
                due = [c for c in cases[sid] if c["due"] <= di]
                ind_first = rng.random() < cfg.get("ind_first", 0.4)   # indirect after the first block, else last
                start = wchoice(rng, [(510, 60), (480, 30), (540, 10)])
                lunch = (720, 780) if start <= 510 else (750, 810)
                busy = sorted(self.occ.get(key, []) + [lunch])
                gaps = []
                cur = start
                for x, y in busy + [(1140, 1140)]:
                    if x > cur:
                        gaps.append((cur, x))
                    cur = max(cur, y)
                seen_cases = []
                placed = 0
                for g0, g1 in gaps:
                    pos = g0
                    while True:
                        room = min(g1 - pos, 600 - self.tot.get(key, 0))
                        if room < 45:
                            break
                        c = None
                        if I and (D < 60 or (ind_first and placed >= 1)):
                            kind, dur = "indirect", I
                        elif due and D >= 60:
                            c = due.pop(0)
                            kind, dur = "case", min(D, rng.choice([90, 90, 105, 120, 120, 150]))
                        elif D >= 60:
                            kind = wchoice(rng, [("visit", cfg["w"]["visit"]), ("consult", cfg["w"]["consult"]),
                                                 ("solo", cfg["w"]["solo"])])
                            dur = {"visit": rng.choice([90, 120, 135, 150, 165, 180]),
                                   "consult": rng.choice([60, 90, 90, 105, 120]),
                                   "solo": rng.choice([150, 180, 210])}[kind]
                            dur = min(dur, D)
                            if D - dur < 60:
                                dur = D if D <= 180 else dur
                        else:
                            break
                        if dur > room:
                            if room < (60 if kind == "case" else 45):
                                if c is not None:
                                    due.insert(0, c)
                                break
                            dur = room
                        elif kind not in ("indirect", "case") and room - dur < 75 and D >= room \
                                and room <= {"visit": 180, "consult": 150, "solo": 240}[kind]:
                            dur = room       # no small holes
                        if kind == "visit" and dur < 60:
                            kind = "consult"
                        self.emit(s, di, pos, pos + dur, kind, c, rng, elders, consult_no, consult_pool,
                                  place_w, seen_cases, cases, group_days, event_days)
                        placed += 1
                        if kind == "indirect":
                            I -= dur
                        else:
                            D -= dur
                        pos += dur
                        if kind in ("visit", "case") and rng.random() < 0.25 and g1 - pos >= 75:
                            pos += 15
                if I:
                    debt[sid] += I
                # close finished cases
                for c in list(cases[sid]):
                    if c["done"] >= c["n"]:
                        cases[sid].remove(c)
                        ready[sid] = di + rng.randint(1, 6)

    def emit(self, s, di, a, b, kind, c, rng, elders, consult_no, consult_pool, place_w, seen_cases,
             cases, group_days, event_days):
        sid = s["sid"]
        if kind == "case":
            c["done"] += 1
            c["due"] = di + c["interval"] + rng.randint(0, 1)
            part = 1 if c["target"] not in ("family",) else rng.randint(2, 3)
            self.book(s, di, a, b, "case", "%s-K%s-%02d" % (self.p, c["client"][-4:], c["done"]),
                      mode="direct", place=c["place"], target=c["target"], client=c["client"],
                      participants=part,
                      note=(NOTE_CASE[-1] if c["done"] == c["n"] else
                            (rng.choice(NOTE_CASE[:-1]) if rng.random() < 0.3 else "")))
            seen_cases.append(c)
        elif kind == "visit":
            client, target = elders[rng.randrange(len(elders))]
            self.book(s, di, a, b, "visit", self.next_id("V"), mode="direct", place="home",
                      target=target, client=client, participants=rng.choice([1, 1, 1, 2]),
                      note=rng.choice(NOTE_VISIT) if rng.random() < 0.3 else "")
        elif kind == "consult":
            if consult_pool and rng.random() < 0.3:
                client, target = consult_pool[rng.randrange(len(consult_pool))]
            else:
                consult_no[0] += 1
                target = wchoice(rng, [("family", 30), ("youth", 15), ("children", 15), ("elderly", 15),
                                       ("migrant", 15), ("disabled", 5), ("other", 5)])
                client = "%s-C%04d" % (self.p, consult_no[0])
                consult_pool.append((client, target))
            self.book(s, di, a, b, "consult", self.next_id("Q"), mode="direct",
                      place=wchoice(rng, place_w["consult"]), target=target, client=client,
                      participants=rng.choice([1, 1, 1, 2]),
                      note=rng.choice(NOTE_CONSULT[target]) if rng.random() < 0.25 else "")
        elif kind == "solo":
            vol = rng.choice([0, 0, 0, 1, 2])
            self.book(s, di, a, b, "community", self.next_id("W"), mode="direct", place="community",
                      target="community", participants=rng.randint(5, 30), volunteers=vol,
                      vmin=vol * (b - a),
                      note=rng.choice(["社区走访", "楼栋走访，了解居民需求", "社区需求调研", "社区资源链接",
                                       "走访辖区商户, 链接爱心资源"]))
        else:  # indirect
            sid_groups = [g for (d, g) in group_days.get(sid, []) if di <= d <= di + 5]
            sid_events = [d for d in event_days.get(sid, []) if di <= d <= di + 10]
            opts = []
            if seen_cases:
                opts.append("case_seen")
            if sid_groups:
                opts.append("group")
            if sid_events:
                opts.append("event")
            if cases[sid]:
                opts.append("case_any")
            if not opts:
                opts = ["community"]
            o = opts[rng.randrange(len(opts))]
            aid = self.next_id("N")
            if o in ("case_seen", "case_any"):
                c = seen_cases[-1] if o == "case_seen" else cases[sid][rng.randrange(len(cases[sid]))]
                self.book(s, di, a, b, "case", aid, mode="indirect", place="centre", target=c["target"],
                          client=c["client"], note=rng.choice(["个案记录整理", "撰写个案评估报告",
                                                               "个案转介联络", "个案服务计划修订"]))
            elif o == "group":
                g = sid_groups[0]
                self.book(s, di, a, b, "group", aid, mode="indirect", place="centre", target=g["target"],
                          note=rng.choice(["小组活动筹备", "小组物资准备", "小组过程记录整理"]))
            else:
                self.book(s, di, a, b, "community", aid, mode="indirect", place="centre",
                          target="community", note=rng.choice(["社区活动策划", "活动宣传海报制作",
                                                               "与街道、居委会沟通协调", "活动总结撰写"]))

    # ----- non-counted staff: admin rows
    def admin(self):
        rng = seeded(self.code, "admin")
        notes = ["行政事务", "财务报销整理", "物资采购登记", "前台接待", "档案归档", "场地安排", "考勤统计"]
        for s in self.admins + self.support:
            for di in range(self.nd):
                if not self.active(s, di):
                    continue
                if rng.random() > (0.08 if s["role"] == "support" else 0.35):
                    continue
                for a, b in rng.sample([(540, 720), (840, 1050), (840, 1020)], 3):
                    if self.can(s, di, a, b):
                        self.book(s, di, a, b, "admin", self.next_id("M"), place="centre",
                                  note=rng.choice(notes) if rng.random() < 0.5 else "")
                        break

    def run(self):
        self.schedule_training()
        self.schedule_groups()
        self.schedule_events()
        self.fill()
        self.admin()
        # order: date, start, staff, activity; then record ids
        self.rows.sort(key=lambda r: (r["di"], r["start"], r["staff"], r["activity"]))
        for k, r in enumerate(self.rows):
            r["record_id"] = "%s-2024-%06d" % (self.p, k + 1)
        # a few notes exercising CSV quoting: commas, quotes, an embedded newline
        rng = seeded(self.code, "quoting")
        specials = [
            ("家属在场, 长者情绪稳定, 下次带血压计", lambda r: r["kind"] == "visit"),
            ('长者说："社工来了就安心"', lambda r: r["kind"] == "visit" and r["target"] == "elderly"),
            ("第一次面谈：\n案主同意签署服务协议",
             lambda r: r["kind"] == "case" and r["mode"] == "direct" and r["activity"].endswith("-01")),
            ("转介至街道办, 已电话跟进", lambda r: r["kind"] == "case" and r["mode"] == "indirect"),
            ('活动主题"邻里守望", 需准备签到表', lambda r: r["kind"] == "community" and r["mode"] == "indirect"),
            ("上午电话联系未接通\n下午上门补访", lambda r: r["kind"] == "visit"),
        ]
        n = len(self.rows)
        for k, (text, pred) in enumerate(specials):
            if self.cfg.get("team_only"):
                text = text.replace("\n", "；")   # PY-SQ: keep physical line = record number + 1
            lo = n * k // len(specials)
            cand = [r for r in self.rows[lo:] if pred(r)] or [r for r in self.rows if pred(r)] or \
                [r for r in self.rows if r["kind"] in ("visit", "consult") and r["mode"] == "direct"]
            cand[rng.randrange(len(cand))]["note"] = text
        return self


# ---------------------------------------------------------------- output
def row_fields(r, datefmt=None, tstyle="iso"):
    d = r["date"]
    date = datefmt(r) if datefmt else d.isoformat()
    if r.get("date_serial"):
        tstyle = "serial"   # HZ-JL: a row whose date Excel wrote as a number has its times so too
    vol = "" if r["volunteers"] is None else str(r["volunteers"])
    vh = "" if r["vmin"] is None else hours_str(r["vmin"])
    start = r.get("start_s") or hm(r["start"])
    end = r.get("end_s") or hm(r["end"])
    hours = r.get("hours_s") or hours_str(r["end"] - r["start"])
    return [r["record_id"], r.get("centre", ""), date, start, end, r["staff"], r["activity"], r["kind"],
            r["mode"], r["place"], r["target"], r["client"], str(r["participants"]), hours, vol, vh,
            r["note"], et.fmt(r.get("entered"), tstyle), et.fmt(r.get("modified"), tstyle)]


def write_csv(path, header, rows, crlf=False, bom=False, encoding="utf-8"):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def excel_serial(d):
    return (d - dt.date(1899, 12, 30)).days


# ---------------------------------------------------------------- PY-SQ mistakes
def inject_mistakes(sim):
    """Returns (rows as field lists, list of mistake dicts with 'idx' into rows)."""
    rng = seeded(sim.code, "mistakes")
    rows = sim.rows
    for r in rows:
        r["centre"] = sim.code
    solo = ("visit", "consult")
    used_days = set()   # (staff, di) already carrying a mistake
    used_rows = set()

    def pick(pred, lo=0, hi=None):
        cand = [i for i, r in enumerate(rows[lo:hi], lo) if i not in used_rows and pred(r)
                and (r["staff"], r["di"]) not in used_days]
        i = cand[rng.randrange(len(cand))]
        used_rows.add(i)
        used_days.add((rows[i]["staff"], rows[i]["di"]))
        return i

    def day_total(staff, di):
        return sum(r["end"] - r["start"] for r in rows if r["staff"] == staff and r["di"] == di)

    n = len(rows)
    tenth = n // 10
    M = []  # (anchor row object, kind, extra)
    # 1. modifications of clean rows (spread through the month)
    i = pick(lambda r: r["kind"] in solo, 1 * tenth, 2 * tenth)
    rows[i]["end_s"] = "25:00"
    M.append(dict(row=rows[i], what="impossible time", field="end", value="25:00", meant=hm(rows[i]["end"]),
                  expect="error: end time 25:00 is not a valid time (00:00-24:00); the row cannot be used for hours or overlap checks"))
    i = pick(lambda r: r["kind"] == "case" and r["mode"] == "direct", 2 * tenth, 3 * tenth)
    rows[i]["kind"] = "caes"
    M.append(dict(row=rows[i], what="kind typo (English)", field="kind", value="caes",
                  expect="error: unknown kind 'caes' (did you mean 'case'?)"))
    i = pick(lambda r: r["kind"] == "case" and r["mode"] == "direct", 3 * tenth, 4 * tenth)
    rows[i]["kind"] = "个按"
    M.append(dict(row=rows[i], what="kind typo (Chinese)", field="kind", value="个按",
                  expect="error: unknown kind '个按' (did you mean '个案' = case?)"))
    i = pick(lambda r: r["kind"] in solo + ("case",) and r["mode"] == "direct" and r["end"] - r["start"] == 90
             and day_total(r["staff"], r["di"]) <= 510, 3 * tenth, 6 * tenth)
    rows[i]["hours_s"] = "3.0"
    M.append(dict(row=rows[i], what="hours disagree with times", field="hours", value="3.0",
                  expect="error: hours 3.0 but %s-%s is 1.5 h" % (hm(rows[i]["start"]), hm(rows[i]["end"]))))
    i = pick(lambda r: r["kind"] in solo, 5 * tenth, 6 * tenth)
    rows[i]["date_s"] = "2024-02-30"
    M.append(dict(row=rows[i], what="impossible date", field="date", value="2024-02-30",
                  expect="error: date 2024-02-30 does not exist"))
    i = pick(lambda r: r["kind"] in solo, 6 * tenth, 7 * tenth)
    rows[i]["date_s"] = "2023-12-15"
    M.append(dict(row=rows[i], what="date outside the contract", field="date", value="2023-12-15",
                  expect="error (or warning): date 2023-12-15 is outside contract PY-SQ-2024-01 (2024-01-01..2024-12-31)"))
    i = pick(lambda r: r["kind"] in solo, 7 * tenth, 8 * tenth)
    rows[i]["participants"] = -3
    M.append(dict(row=rows[i], what="negative participants", field="participants", value="-3",
                  expect="error: participants -3 is negative (must be an integer >= 0)"))
    i = pick(lambda r: r["kind"] in solo, 8 * tenth, 9 * tenth)
    rows[i]["staff"] = ""
    M.append(dict(row=rows[i], what="empty required field", field="staff", value="",
                  expect="error: required field 'staff' is empty"))
    i = pick(lambda r: r["kind"] == "case" and r["mode"] == "direct", 4 * tenth, 9 * tenth)
    rows[i]["mode"] = ""
    M.append(dict(row=rows[i], what="missing mode on a case row", field="mode", value="",
                  expect="error: mode is required for kind 'case' (direct or indirect)"))

    # 2. inserted rows
    def clone(r, **kw):
        x = dict(r)
        for k in ("start_s", "end_s", "hours_s", "date_s"):
            x.pop(k, None)
        x.update(kw)
        return x

    inserts = []  # (after row object, new row)
    # overlap: a consult overlapping an existing visit/consult by 45 min on a light day
    i = pick(lambda r: r["kind"] in solo and r["end"] - r["start"] >= 60 and r["start"] >= 600
             and day_total(r["staff"], r["di"]) <= 540, 1 * tenth, 5 * tenth)
    base = rows[i]
    a = base["start"] + 15
    new = clone(base, start=a, end=a + 60, kind="consult", activity="SQ-Q09001", mode="direct",
                place="centre", target="family", client="SQ-C1901", participants=1, note="")
    inserts.append((base, new))
    M.append(dict(row=new, what="overlapping sessions", field="start,end", value="%s-%s" % (hm(a), hm(a + 60)),
                  other=base,
                  expect="warning: %s has overlapping rows on %s: %s-%s (line %%d) and %s-%s" % (
                      base["staff"], base["date"].isoformat(), hm(base["start"]), hm(base["end"]), hm(a), hm(a + 60))))
    # unknown staff
    i = pick(lambda r: r["kind"] in solo, 4 * tenth, 5 * tenth)
    base = rows[i]
    new = clone(base, staff="SQ-S99", activity="SQ-V09002", kind="visit", place="home", target="elderly",
                client="SQ-C0531", participants=1, note="")
    inserts.append((base, new))
    M.append(dict(row=new, what="staff id not in roster", field="staff", value="SQ-S99",
                  expect="error: staff SQ-S99 is not in the roster of centre PY-SQ"))
    # the same row entered twice under two record ids
    i = pick(lambda r: r["kind"] == "case" and r["mode"] == "direct"
             and day_total(r["staff"], r["di"]) + (r["end"] - r["start"]) <= 600, 5 * tenth, 7 * tenth)
    base = rows[i]
    new = clone(base)
    inserts.append((base, new))
    M.append(dict(row=new, what="same row entered twice", field="(whole row)", value="copy of the row above", other=base,
                  expect="warning: possible duplicate entry: same staff, date, start, kind and client as the row at line %d (entered twice under two record ids); it also overlaps that row"))
    # duplicate record_id: handled after numbering (row picked now)
    i_dup = pick(lambda r: r["kind"] in solo, 9 * tenth, n)
    dup_row = rows[i_dup]
    # 14-hour day: pick a staff-day with only single-staff rows, extend to 840 minutes
    sd = {}
    for r in rows:
        sd.setdefault((r["staff"], r["di"]), []).append(r)
    mrows = [m["row"] for m in M]
    cands = [k for k, v in sd.items() if k not in used_days and k[0]
             and all(r["kind"] in ("visit", "consult", "case") and not any(r is x for x in mrows) for r in v)
             and 2 * tenth <= rows.index(v[0]) <= 8 * tenth]
    cands.sort(key=lambda k: (k[1], k[0]))
    long_key = cands[rng.randrange(len(cands))]
    used_days.add(long_key)
    day_rows = sorted(sd[long_key], key=lambda r: r["start"])
    busy = sorted((r["start"], r["end"]) for r in day_rows)
    total = sum(b - a for a, b in busy)
    need = 840 - total
    extra = []
    a = 420
    while need > 0 and a < 1320:
        b = min(a + min(120, need), 1320)
        clash = [y for x, y in busy if x < b and a < y]
        if clash:
            if b - a > 30 and not [y for x, y in busy if x < a + 30 and a < y]:
                # shorten to the next busy start
                nxt = min(x for x, y in busy if x >= a)
                b = nxt
            else:
                a = max(clash)
                continue
        busy.append((a, b))
        need -= b - a
        extra.append((a, b))
        a = b
    assert need == 0, need
    base = day_rows[0]
    for k, (a, b) in enumerate(sorted(extra)):
        kind = "visit" if k % 2 == 0 else "consult"
        new = clone(base, start=a, end=b, kind=kind, activity="SQ-%s%05d" % ("V" if kind == "visit" else "Q", 9010 + k),
                    mode="direct", place="home" if kind == "visit" else "community",
                    target="elderly" if kind == "visit" else "family",
                    client="SQ-C%04d" % (520 + k if kind == "visit" else 1950 + k), participants=1,
                    note="加班" if k == 0 else "")
        inserts.append((None, new))
    long_staff, long_di = long_key
    # merge inserts
    for anchor, new in inserts:
        if anchor is None:
            # keep sorted by (date, start, staff)
            pos = 0
            keyn = (new["di"], new["start"], new["staff"])
            while pos < len(rows) and (rows[pos]["di"], rows[pos]["start"], rows[pos]["staff"]) <= keyn:
                pos += 1
            rows.insert(pos, new)
        else:
            rows.insert(rows.index(anchor) + 1, new)
    for k, r in enumerate(rows):
        r["record_id"] = "SQ-2024-%06d" % (k + 1)
    # duplicate record id: a late row reuses the id of a row early in the month
    first = rows[rng.randrange(20, 60)]
    dup_row["record_id"] = first["record_id"]
    M.append(dict(row=dup_row, what="duplicate record_id", field="record_id", value=first["record_id"], other=first,
                  expect="error: record_id %s already used at line %%d" % first["record_id"]))
    long_rows = [r for r in rows if r["staff"] == long_staff and r["di"] == long_di]
    M.append(dict(row=long_rows[0], what="14-hour day", field="hours (day total)", value="14.0",
                  group=long_rows,
                  expect="warning: %s worked 14.0 h on %s (more than 10 h)" % (long_staff, sim.days[long_di].isoformat())))
    for m in M:
        m["line"] = rows.index(m["row"]) + 2
        if "other" in m:
            m["other_line"] = rows.index(m["other"]) + 2
            m["expect"] = m["expect"].replace("%d", str(m["other_line"]))
        if "group" in m:
            m["lines"] = [rows.index(r) + 2 for r in m["group"]]
    M.sort(key=lambda m: m["line"])

    def datefmt(r):
        return r.get("date_s") or r["date"].isoformat()
    return [row_fields(r, datefmt) for r in rows], M


# ---------------------------------------------------------------- independent re-read & check
def read_records(path, encoding="utf-8"):
    with open(path, "rb") as f:
        data = f.read()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:], bom, b"\r\n" in data


def parse_date(s):
    s = s.strip()
    if s.isdigit():
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(s))
    if "年" in s:
        y, rest = s.split("年")
        m, rest = rest.split("月")
        return dt.date(int(y), int(m), int(rest.rstrip("日")))
    if "/" in s:
        y, m, d = s.split("/")
        return dt.date(int(y), int(m), int(d))
    return dt.date.fromisoformat(s)


def tmin(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def hmin(s):
    if "." in s:
        a, b = s.split(".")
    else:
        a, b = s, "0"
    frac = int(b) * 60
    den = 10 ** len(b)
    assert frac % den == 0, s
    return int(a) * 60 + frac // den


def check_clean(records, roster_ids, period=(YEAR_START, YEAR_END)):
    """A small independent validator; returns sorted (line, problem) pairs ([] for a clean file).
    records: list of (line, fields)."""
    probs = []
    ids = {}
    days = {}
    entries = {}
    for ln, r in records:
        rec = dict(zip(REC_HEADER, r))
        if rec["record_id"] in ids:
            probs.append((ln, "duplicate record_id"))
        ids.setdefault(rec["record_id"], ln)
        for fld in ("record_id", "centre", "date", "start", "end", "staff", "activity", "kind", "place",
                    "participants", "hours"):
            if not rec[fld]:
                probs.append((ln, "empty " + fld))
        try:
            d = parse_date(rec["date"])
        except ValueError:
            probs.append((ln, "bad date"))
            continue
        if not period[0] <= d <= period[1]:
            probs.append((ln, "date outside contract"))
        elif not is_working(d):
            probs.append((ln, "not a working day"))
        a, b = tmin(rec["start"]), tmin(rec["end"])
        if a > 1440 or b > 1440 or int(rec["start"][-2:]) > 59 or int(rec["end"][-2:]) > 59:
            probs.append((ln, "bad time"))
            continue
        if hmin(rec["hours"]) != b - a or a % 15 or b % 15 or b <= a:
            probs.append((ln, "hours != end - start"))
        if rec["staff"] and rec["staff"] not in roster_ids:
            probs.append((ln, "unknown staff"))
        if rec["kind"] not in KINDS:
            probs.append((ln, "unknown kind"))
        if rec["kind"] in SERVICE_KINDS and rec["mode"] not in ("direct", "indirect"):
            probs.append((ln, "missing mode"))
        if rec["kind"] in KINDS and rec["kind"] not in SERVICE_KINDS and rec["mode"]:
            probs.append((ln, "mode on non-service row"))
        if int(rec["participants"]) < 0:
            probs.append((ln, "negative participants"))
        if rec["kind"] in ("case", "visit", "consult") and not rec["client"]:
            probs.append((ln, "missing client"))
        if not rec["staff"]:
            continue
        ek = (rec["staff"], d, rec["start"], rec["kind"], rec["client"])
        if ek in entries:
            probs.append((ln, "same entry twice"))
        entries.setdefault(ek, ln)
        days.setdefault((rec["staff"], d), []).append((a, b, ln))
    for k, v in days.items():
        v.sort()
        if sum(b - a for a, b, _ in v) > 600:
            probs.append((v[0][2], "day over 10 h"))
        for i, x in enumerate(v):
            for y in v[i + 1:]:
                if y[0] < x[1]:
                    probs.append((y[2], "overlap"))
    return sorted(set(probs))


def compute(cfg, records, roster):
    """Integer-minute figures for expected-hours.md, from the rows as written."""
    counted = {s["staff"] for s in roster if s["centre"] == cfg["code"] and s["counted"] == "yes"}
    allstaff = {s["staff"] for s in roster if s["centre"] == cfg["code"]}
    asof = cfg["asof"]
    f = dict(total=0, direct=0, indirect=0, training=0, supervision=0, outreach=0, outreach_direct=0,
             nc_service=0, all_service=0, all_outreach=0, admin=0)
    per_staff = {}
    acts = {}
    case_contacts = {}
    for r in records:
        rec = dict(zip(REC_HEADER, r))
        d = parse_date(rec["date"])
        if d > asof or rec["staff"] not in allstaff:
            continue
        m = tmin(rec["end"]) - tmin(rec["start"])
        k, s = rec["kind"], rec["staff"]
        if k in SERVICE_KINDS:
            f["all_service"] += m
            if rec["place"] in ("community", "home"):
                f["all_outreach"] += m
            if s in counted:
                f["total"] += m
                per_staff.setdefault(s, [0, 0])
                per_staff[s][0] += m
                if rec["mode"] == "direct":
                    f["direct"] += m
                    per_staff[s][1] += m
                    if rec["place"] in ("community", "home"):
                        f["outreach_direct"] += m
                else:
                    f["indirect"] += m
                if rec["place"] in ("community", "home"):
                    f["outreach"] += m
            else:
                f["nc_service"] += m
            if rec["mode"] == "direct":
                acts.setdefault(rec["activity"], (k, int(rec["participants"]),
                                                  int(rec["volunteers"] or 0),
                                                  hmin(rec["volunteer_hours"]) if rec["volunteer_hours"] else 0))
                if k == "case":
                    case_contacts.setdefault(rec["client"], set()).add(rec["activity"])
        elif k in ("training", "supervision") and s in counted:
            f[k] += m
        elif k == "admin":
            f["admin"] += m
    out = dict(cases=sum(1 for v in case_contacts.values() if len(v) >= 6),
               cases_any=len(case_contacts),
               group_sessions=sum(1 for a, v in acts.items() if v[0] == "group"),
               groups=len({a.rsplit("-", 1)[0] for a, v in acts.items() if v[0] == "group"}),
               community=sum(1 for v in acts.values() if v[0] == "community"),
               attendances=sum(v[1] for v in acts.values()),
               volunteers=sum(v[2] for v in acts.values()),
               volunteer_minutes=sum(v[3] for v in acts.values()))
    return f, out, per_staff


def staffing(cfg, roster, d):
    rs = [s for s in roster if s["centre"] == cfg["code"]]

    def on(s):
        return s["start_date"] <= d.isoformat() and (not s["end_date"] or d.isoformat() <= s["end_date"])
    inpost = [s for s in rs if on(s)]
    cnt = [s for s in inpost if s["counted"] == "yes"]
    cert = [s for s in cnt if s["qualification"] in ("assistant", "social_worker", "senior")]
    return len(inpost), len(cnt), len(cert)


def ceil_div(a, b):
    return -(-a // b)


# ---------------------------------------------------------------- main
def main():
    sims = [Sim(cfg).run() for cfg in CENTRES]
    # for jz-audit: no client in two places, entry times, sign-in lists (samples/entry_times.py;
    # their own random streams, after the simulation: no figure of the rows changes)
    for sim in sims:
        et.separate_clients(sys.modules[__name__], sim)
        et.entry_times(sys.modules[__name__], sim)
        if sim.code != "PY-SQ":   # the Panyu export is one team's month with mistakes: no lists
            sim.lists = et.attendance(sys.modules[__name__], sim)
            sim.list_groups = len({x[1] for x in sim.lists if "-G" in x[1]})
            sim.list_events = len({x[1] for x in sim.lists if "-E" in x[1]})
            write_csv(os.path.join(HERE, "attendance", sim.code + ".csv"), LIST_HEADER, sim.lists)
    # contracts & roster
    contracts = []
    for cfg in CENTRES:
        contracts.append([cfg["contract"], cfg["code"], cfg["district"], cfg["street"], cfg["operator"],
                          "2024-01-01", "2024-12-31", str(cfg["budget"]), str(cfg["prof"]), str(cfg["total"]),
                          str(cfg["direct"])] + [str(cfg["targets"][k]) for k in TARGET_KEYS])
    write_csv(os.path.join(HERE, "contracts.csv"), CONTRACT_HEADER, contracts)
    roster = []
    for sim in sims:
        for s in sim.staff:
            roster.append([s["sid"], sim.code, s["name"], s["qual"], s["prof"], "yes" if s["counted"] else "no",
                           s["start"].isoformat(), s["end"].isoformat() if s["end"] else ""])
    write_csv(os.path.join(HERE, "roster.csv"), ROSTER_HEADER, roster)

    # records
    mistakes = None
    for sim in sims:
        for r in sim.rows:
            r["centre"] = sim.code
        path = os.path.join(HERE, "records", sim.code + ".csv")
        if sim.code == "HZ-JL":
            rng = seeded(sim.code, "serial")

            sim.serial_count = 0
            sim.serial_examples = []

            def fmt(r, rng=rng, sim=sim):
                if rng.random() < 0.01:
                    r["date_serial"] = True
                    sim.serial_count += 1
                    if len(sim.serial_examples) < 3:
                        sim.serial_examples.append(("%s `%d`" % (r["record_id"], excel_serial(r["date"])),
                                                    r["date"].isoformat()))
                    return str(excel_serial(r["date"]))
                return r["date"].isoformat()
            write_csv(path, REC_HEADER, [row_fields(r, fmt) for r in sim.rows], crlf=True, bom=True)
        elif sim.code == "PY-SQ":
            rows, mistakes = inject_mistakes(sim)
            write_csv(path, REC_HEADER, rows)
        else:
            write_csv(path, REC_HEADER, [row_fields(r) for r in sim.rows])

    # machine-readable mistake list
    ml = []
    for m in mistakes:
        lines = m.get("lines") or [m["line"]]
        if "other_line" in m:
            lines = sorted(set(lines + [m["other_line"]]))
        ml.append([str(m["line"]), m["row"]["record_id"], m["what"], m["field"], m["value"],
                   " ".join(map(str, lines)), m["expect"]])
    write_csv(os.path.join(HERE, "PY-SQ-mistakes.csv"),
              ["line", "record_id", "mistake", "field", "value", "lines_involved", "validator_should_say"], ml)

    # GB18030 copy of HZ-NZ
    nz = sims[0]
    rng = seeded("gb18030")

    def zhdate(d, rng=rng):
        if rng.random() < 0.3:
            return "%d年%d月%d日" % (d.year, d.month, d.day)
        return "%d/%d/%d" % (d.year, d.month, d.day)
    zrows = []
    for r in nz.rows:
        f = row_fields(r)
        f[2] = zhdate(r["date"])
        f[7] = ZH_KIND[f[7]]
        f[8] = ZH_MODE.get(f[8], "")
        f[9] = ZH_PLACE[f[9]]
        f[10] = ZH_TARGET[f[10]]
        style = "zh" if "年" in f[2] else "slash"
        f[17], f[18] = et.fmt(r.get("entered"), style), et.fmt(r.get("modified"), style)
        zrows.append(f)
    write_csv(os.path.join(HERE, "gb18030", "HZ-NZ.csv"), ZH_REC_HEADER, zrows, crlf=True, encoding="gb18030")
    zr = []
    for x in roster:
        if x[1] != "HZ-NZ":
            continue
        zr.append([x[0], x[1], x[2], ZH_QUAL[x[3]], ZH_PROF[x[4]], ZH_YESNO[x[5]],
                   zhdate(dt.date.fromisoformat(x[6])), zhdate(dt.date.fromisoformat(x[7])) if x[7] else ""])
    write_csv(os.path.join(HERE, "gb18030", "roster.csv"), ZH_ROSTER_HEADER, zr, crlf=True, encoding="gb18030")
    zc = [list(contracts[0])]
    zc[0][5] = "2024年1月1日"
    zc[0][6] = "2024/12/31"
    write_csv(os.path.join(HERE, "gb18030", "contracts.csv"), ZH_CONTRACT_HEADER, zc, crlf=True,
              encoding="gb18030")

    report(sims, mistakes)
    # jz-audit's samples (entry times, notes, attendance lists) in samples/audit/, and their
    # section of README.md; no other sample file changes
    import generate_audit
    sg, cg, fab, staff_fabs = generate_audit.build(os.path.join(HERE, "audit"), 20241115)
    with open(os.path.join(HERE, "README.md"), "a", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(generate_audit.readme(sg, cg, fab, staff_fabs)))


# ---------------------------------------------------------------- reports
def check_audit_inputs(sim, hdr, recs):
    """Re-read: every row entered after its session ended and within 5 working days of it
    (modified too), no client in two sessions at once, and every sign-in list as long as its
    rows' participants and volunteers say."""
    col = {k: i for i, k in enumerate(hdr)}

    def when(s):
        if not s:
            return None
        if " " not in s:   # an Excel serial with a fraction
            v = float(s)
            day = dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
            return day, int(round((v - int(v)) * 1440))
        day, hhmm = s.split(" ")
        return dt.date.fromisoformat(day), tmin(hhmm)
    spans = {}
    for r in recs:
        d = parse_date(r[col["date"]])
        end = tmin(r[col["end"]])
        for k in ("entered_at", "modified_at"):
            t = when(r[col[k]])
            if t is None:
                assert k == "modified_at", (sim.code, r[0])
                continue
            assert (t[0], t[1]) > (d, end) or t[0] > d, (sim.code, r[0], k)
            assert et._lag(sys.modules[__name__], d, t[0]) <= et.MAX_LAG, (sim.code, r[0], k)
        if r[col["client"]]:
            spans.setdefault((r[col["client"]], d), []).append((tmin(r[col["start"]]), end, r[col["activity"]]))
    for (c, d), xs in spans.items():
        xs.sort()
        for (a1, b1, x1), (a2, b2, x2) in zip(xs, xs[1:]):
            assert a2 >= b1 or x1 == x2, (sim.code, c, d)
    if sim.code == "PY-SQ":
        return
    want = {}
    for r in recs:
        want[r[col["activity"]]] = (int(r[col["participants"]]), int(r[col["volunteers"]] or 0))
    _, lists, _, _ = read_records(os.path.join(HERE, "attendance", sim.code + ".csv"))
    got = {}
    for centre, act, day, person, role, signed in lists:
        n = got.setdefault(act, [0, 0])
        n[role == "volunteer"] += 1
    for act, (p, v) in got.items():
        assert want[act] == (p, v), (sim.code, act, want[act], p, v)


def report(sims, mistakes):
    rpath = os.path.join(HERE, "roster.csv")
    _, rrows, _, _ = read_records(rpath)
    roster = [dict(zip(ROSTER_HEADER, r)) for r in rrows]
    roster_ids = {s["staff"] for s in roster}
    year_wd = len(working_days(YEAR_START, YEAR_END))
    res = {}
    for sim in sims:
        cfg = sim.cfg
        hdr, recs, bom, crlf = read_records(os.path.join(HERE, "records", sim.code + ".csv"))
        assert hdr == REC_HEADER
        if sim.code != "PY-SQ":
            probs = check_clean(list(enumerate(recs, 2)), roster_ids)
            assert not probs, (sim.code, probs[:10])
            f, out, per = compute(cfg, recs, roster)
            check_audit_inputs(sim, hdr, recs)
            # verify each case client has 6..15 direct contacts
        else:
            probs = check_clean(list(enumerate(recs, 2)), roster_ids)
            want = {"impossible time": "bad time", "kind typo (English)": "unknown kind",
                    "kind typo (Chinese)": "unknown kind", "hours disagree with times": "hours != end - start",
                    "impossible date": "bad date", "date outside the contract": "date outside contract",
                    "negative participants": "negative participants", "empty required field": "empty staff",
                    "missing mode on a case row": "missing mode", "overlapping sessions": "overlap",
                    "staff id not in roster": "unknown staff", "same row entered twice": "same entry twice",
                    "duplicate record_id": "duplicate record_id", "14-hour day": "day over 10 h"}
            expected = {(m["line"], want[m["what"]]) for m in mistakes}
            expected.add((next(m for m in mistakes if m["what"] == "same row entered twice")["line"], "overlap"))
            assert set(probs) == expected, (sorted(set(probs) ^ expected))
            bad = set()
            for m in mistakes:
                bad.add(m["line"])
                bad.update(m.get("lines", []))
                if "other_line" in m:
                    bad.add(m["other_line"])
            clean = [r for ln, r in enumerate(recs, 2) if ln not in bad]
            f, out, per = compute(cfg, clean, roster)
            sim.excluded = [(ln, r) for ln, r in enumerate(recs, 2) if ln in bad]
        res[sim.code] = (f, out, per, len(recs), bom, crlf)
    # gb18030 copy must give the same figures as HZ-NZ
    hdr, zrecs, bom, crlf = read_records(os.path.join(HERE, "gb18030", "HZ-NZ.csv"), "gb18030")
    assert hdr == ZH_REC_HEADER and not bom and crlf
    inv = [{v: k for k, v in t.items()} for t in (ZH_KIND, ZH_MODE, ZH_PLACE, ZH_TARGET)]
    back = []
    for r in zrecs:
        r = list(r)
        r[2] = parse_date(r[2]).isoformat()
        r[7] = inv[0][r[7]]
        r[8] = inv[1].get(r[8], "")
        r[9] = inv[2][r[9]]
        r[10] = inv[3][r[10]]
        for k in (17, 18):   # entered_at, modified_at in the row's date style
            if r[k]:
                day, hhmm = r[k].rsplit(" ", 1)
                r[k] = "%s %s" % (parse_date(day).isoformat(), hhmm)
        back.append(r)
    _, nzrecs, _, _ = read_records(os.path.join(HERE, "records", "HZ-NZ.csv"))
    assert back == nzrecs, "gb18030 copy differs from HZ-NZ"

    write_expected(sims, res, roster, year_wd)
    write_readme(sims, res, roster, mistakes, year_wd)


def H(m):
    """integer minutes -> hours with 2 decimals, rounded half up"""
    q, r = divmod(m * 100, 60)
    if 2 * r >= 60:
        q += 1
    return "%d.%02d" % (q // 100, q % 100)


def pct(a, b):
    if b == 0:
        return "n/a"
    q, r = divmod(a * 10000, b)
    if 2 * r >= b:
        q += 1
    return "%d.%02d %%" % (q // 100, q % 100)


def requirements(cfg, year_wd):
    elapsed = len(working_days(YEAR_START, cfg["asof"]))
    req = {}
    for k, yearly in (("total", cfg["total"]), ("direct", cfg["direct"]), ("training", 1260),
                      ("supervision", 1172)):
        req[k] = ceil_div(yearly * 60 * elapsed, year_wd)
    return elapsed, req


def write_expected(sims, res, roster, year_wd):
    L = []
    w = L.append
    w("# Expected hours outcome of each sample contract")
    w("")
    w("Generated by `samples/generate.py` from the CSV files as written (it re-reads them; it does not")
    w("reuse the simulator's own counters). Every figure is summed as **integer minutes** and shown as")
    w("hours with 2 decimals (minutes / 60, rounded half up). The C tool's output is compared with these.")
    w("")
    w("## Definitions")
    w("")
    w("- **Delivered (total) professional service** = sum of (end − start) over rows with kind in")
    w("  {case, group, community, visit, consult} whose staff is `counted=yes` in `roster.csv`, dated")
    w("  on or before the as-of date. Every row counts separately: a group session run by 2 staff is")
    w("  2 rows and counts twice (each worker's own hours). In every clean file `hours` = end − start.")
    w("- **Direct** = the same, restricted to `mode=direct`. **Indirect** = `mode=indirect`.")
    w("- **Training** / **supervision** = rows of kind `training` / `supervision` by counted staff (only")
    w("  counted staff have such rows in the samples, so \"by counted staff\" changes nothing).")
    w("- **Outreach share** = service minutes (counted staff, all service kinds, direct + indirect) with")
    w("  `place` in {community, home} ÷ all service minutes of counted staff. Also shown: the same share")
    w("  of direct minutes only, and the share over all staff (incl. non-counted).")
    w("- Service rows by **non-counted** staff (support staff helping at community events) are excluded")
    w("  from every hours figure; their minutes are listed so a tool that wrongly includes them shows up.")
    w("- **Working days**: Mon–Fri minus the 2024 holidays plus the 8 make-up days (list in README.md).")
    w("  2024 has %d working days; 2024-01-01..2024-06-30 has %d; 2024-01-01..2024-03-31 has %d." % (
        year_wd, len(working_days(YEAR_START, dt.date(2024, 6, 30))), len(working_days(YEAR_START, dt.date(2024, 3, 31)))))
    w("- **Pro-rated requirement** as of date A for a yearly figure Y (hours), contract period")
    w("  2024-01-01..2024-12-31:")
    w("")
    w("      required_minutes = ceil( Y × 60 × wd(2024-01-01..A) / wd(2024-01-01..2024-12-31) )")
    w("")
    w("  where wd(a..b) counts working days with both ends inclusive. At the year end the factor is 1.")
    w("  Y is the contract's `total_hours` / `direct_hours`; training Y = 1260, supervision Y = 1172.")
    w("- **Counted staff on a date** = roster rows of the centre with `counted=yes`, start_date ≤ date and")
    w("  (end_date empty or end_date ≥ date). Required = contract `professional_staff`")
    w("  (14 + one per full 100,000 above 2,000,000). Staff in post = same without the counted filter.")
    w("- **Outputs** (counted over all staff, once per activity id, direct rows only): cases = client ids")
    w("  with ≥ 6 distinct direct case activities; groups = distinct group ids (activity id without its")
    w("  final `-NN` session suffix) of kind group; group sessions = distinct activity ids of kind group;")
    w("  community = distinct activity ids of kind community; attendances = sum of `participants` once per")
    w("  direct activity id (rows of one activity repeat the same value); volunteers = sum of `volunteers`")
    w("  once per community activity (volunteer attendances, not distinct people); volunteer hours likewise.")
    w("")
    w("## Summary")
    w("")
    w("| centre | as of | wd elapsed | total delivered / required | direct delivered / required | training | supervision | outreach | counted staff 06-30 / 12-31 (req.) | hours verdict |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for sim in sims:
        cfg = sim.cfg
        f, out, per, n, _, _ = res[sim.code]
        el, req = requirements(cfg, year_wd)
        ok = [f["total"] >= req["total"], f["direct"] >= req["direct"], f["training"] >= req["training"],
              f["supervision"] >= req["supervision"], f["outreach"] * 100 >= 60 * f["total"]]
        names = ["total", "direct", "training", "supervision", "outreach"]
        verdict = "passes all" if all(ok) else "FAILS " + ", ".join(nm for nm, o in zip(names, ok) if not o)
        if sim.code == "PY-SQ":
            verdict = "n/a (partial export, validation sample)"
        c1 = staffing(cfg, roster, dt.date(2024, 6, 30))[1]
        c2 = staffing(cfg, roster, dt.date(2024, 12, 31))[1]
        w("| %s | %s | %d / %d | %s / %s | %s / %s | %s / %s | %s / %s | %s | %d / %d (%d) | %s |" % (
            sim.code, cfg["asof"].isoformat(), el, year_wd, H(f["total"]), H(req["total"]), H(f["direct"]),
            H(req["direct"]), H(f["training"]), H(req["training"]), H(f["supervision"]), H(req["supervision"]),
            pct(f["outreach"], f["total"]), c1, c2, cfg["prof"], verdict))
    w("")
    for sim in sims:
        cfg = sim.cfg
        f, out, per, n, bom, crlf = res[sim.code]
        el, req = requirements(cfg, year_wd)
        w("## %s — %s%s" % (sim.code, cfg["district"], cfg["street"]))
        w("")
        if sim.code == "PY-SQ":
            w("PY-SQ is a validation sample (one month of one team: 3 counted workers and one support worker).")
            w("The figures below are over the **untouched rows only**: every line named in")
            w("`PY-SQ-mistakes.csv` (column lines_involved: each mistake row, all rows of the 14-hour day, and")
            w("the partner rows of the overlap, the double entry and the duplicate record_id) is left out. The")
            w("left-out rows are listed after the tables with their minutes, so the figures for any other")
            w("policy (e.g. keeping rows that only carry a warning) can be derived by adding them back. The")
            w("hours are far below any requirement either way.")
            w("")
        w("- records file: `records/%s.csv`, %d rows; contract %s, budget %s, professional_staff %d, "
          "total_hours %d, direct_hours %d" % (sim.code, n, cfg["contract"], cfg["budget"], cfg["prof"], cfg["total"], cfg["direct"]))
        w("- as of %s: %d of %d working days elapsed" % (cfg["asof"].isoformat(), el, year_wd))
        w("")
        w("| figure | minutes | hours | required (minutes) | required (hours) | % of required | result |")
        w("|---|---:|---:|---:|---:|---:|---|")
        for k, label in (("total", "professional service, counted staff"), ("direct", "direct"),
                         ("training", "training"), ("supervision", "supervision")):
            w("| %s | %d | %s | %d | %s | %s | %s |" % (label, f[k], H(f[k]), req[k], H(req[k]), pct(f[k], req[k]),
                                                        "pass" if f[k] >= req[k] else "**short by %s h**" % H(req[k] - f[k])))
        w("| indirect | %d | %s | | | | |" % (f["indirect"], H(f["indirect"])))
        w("| outreach (community+home), counted staff | %d | %s | 60 %% of total | | %s of total | %s |" % (
            f["outreach"], H(f["outreach"]), pct(f["outreach"], f["total"]),
            "pass" if f["outreach"] * 100 >= 60 * f["total"] else "**below 60 %**"))
        w("| outreach share of direct minutes only | %d | %s | | | %s of direct | |" % (
            f["outreach_direct"], H(f["outreach_direct"]), pct(f["outreach_direct"], f["direct"])))
        w("| outreach share over all staff's service | %d | %s | | | %s of %s h | |" % (
            f["all_outreach"], H(f["all_outreach"]), pct(f["all_outreach"], f["all_service"]), H(f["all_service"])))
        w("| service by non-counted staff (excluded) | %d | %s | | | | |" % (f["nc_service"], H(f["nc_service"])))
        w("| admin (all staff, not service) | %d | %s | | | | |" % (f["admin"], H(f["admin"])))
        w("")
        w("Staffing (required: ≥ 20 in post, counted ≥ %d, ≥ 10 of counted certified):" % cfg["prof"])
        w("")
        w("| date | staff in post | counted | certified among counted |")
        w("|---|---:|---:|---:|")
        dates = [dt.date(2024, 1, 1), dt.date(2024, 3, 31), dt.date(2024, 6, 30), dt.date(2024, 12, 31)]
        for d in dates:
            a, b, c = staffing(cfg, roster, d)
            w("| %s | %d | %d | %d |" % (d.isoformat(), a, b, c))
        w("")
        w("Outputs against the (annual) contract targets, as of %s:" % cfg["asof"].isoformat())
        w("")
        w("| output | delivered | annual target | % |")
        w("|---|---:|---:|---:|")
        t = cfg["targets"]
        for k, v in (("cases", out["cases"]), ("groups", out["groups"]), ("group_sessions", out["group_sessions"]),
                     ("community", out["community"]), ("attendances", out["attendances"]),
                     ("volunteers", out["volunteers"])):
            w("| %s | %d | %d | %s |" % (k, v, t[k], pct(v, t[k])))
        w("| volunteer_hours | %s | %d | %s |" % (H(out["volunteer_minutes"]), t["volunteer_hours"],
                                                  pct(out["volunteer_minutes"], t["volunteer_hours"] * 60)))
        w("")
        w("(case clients with any direct case contact: %d; all of them have ≥ 6.)" % out["cases_any"]
          if out["cases_any"] == out["cases"] else
          "(case clients with any direct case contact: %d; those below 6 contacts do not count.)" % out["cases_any"])
        w("")
        if sim.code == "PY-SQ":
            w("Rows left out of the figures above (minutes = end − start where both times are valid; counted =")
            w("staff is counted in the roster):")
            w("")
            w("| line | record_id | date | staff | counted | kind | mode | place | start–end | minutes | hours column |")
            w("|---:|---|---|---|---|---|---|---|---|---:|---:|")
            cset = {r["staff"] for r in roster if r["centre"] == cfg["code"] and r["counted"] == "yes"}
            for ln, r in sim.excluded:
                rec = dict(zip(REC_HEADER, r))
                a, b = tmin(rec["start"]), tmin(rec["end"])
                mins = str(b - a) if a <= 1440 and b <= 1440 else "n/a"
                w("| %d | %s | %s | %s | %s | %s | %s | %s | %s–%s | %s | %s |" % (
                    ln, rec["record_id"], rec["date"], rec["staff"] or "(empty)",
                    "yes" if rec["staff"] in cset else "no", rec["kind"], rec["mode"] or "(empty)", rec["place"],
                    rec["start"], rec["end"], mins, rec["hours"]))
            w("")
        w("Per counted worker (service minutes total / direct):")
        w("")
        w("| staff | total min | total h | direct min | direct h |")
        w("|---|---:|---:|---:|---:|")
        for sid in sorted(per):
            a, b = per[sid]
            w("| %s | %d | %s | %d | %s |" % (sid, a, H(a), b, H(b)))
        w("")
    with open(os.path.join(HERE, "expected-hours.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(L))


def write_readme(sims, res, roster, mistakes, year_wd):
    L = []
    w = L.append
    byc = {s.code: s for s in sims}

    def roster_of(code):
        return [r for r in roster if r["centre"] == code]

    w("# samples/ — the data every jiazong test and demo runs on")
    w("")
    w("**Generated file — do not edit by hand.** Everything in this directory except `generate.py` and the")
    w("two modules it calls (`entry_times.py`, `generate_audit.py`) is written by `python3 samples/generate.py`")
    w("(Python 3 standard library only, fixed seed %d)." % SEED)
    w("Running it twice gives byte-identical files; it never reads the clock or string hashes. To change")
    w("the data or this text, edit `generate.py` and re-run it. The generator also re-reads every file it")
    w("wrote and checks it (clean files have no findings; PY-SQ has exactly the findings listed below;")
    w("the GB18030 copy decodes to the same rows as HZ-NZ; in the HZ files every entry time lies after its")
    w("session and within 5 working days, no client is in two sessions at once and every sign-in list is as")
    w("long as its rows say) before it writes `expected-hours.md`.")
    w("")
    w("All people, names, client ids and operators are invented. Streets are real Guangzhou streets; the")
    w("centre codes are labels, not official codes.")
    w("")
    w("## Files")
    w("")
    w("| file | encoding, line ends | rows | what |")
    w("|---|---|---:|---|")
    w("| `contracts.csv` | UTF-8, LF, no BOM | %d | one contract per centre (all 5) |" % len(sims))
    w("| `roster.csv` | UTF-8, LF, no BOM | %d | every staff member of all 5 centres |" % len(roster))
    for sim in sims:
        f, out, per, n, bom, crlf = res[sim.code]
        enc = "UTF-8%s, %s%s" % (" **with BOM**" if bom else ", no BOM", "**CRLF**" if crlf else "LF",
                                 ", ~1 % Excel serial dates" if sim.code == "HZ-JL" else "")
        what = {"HZ-NZ": "a full clean year 2024; passes every hours check",
                "HZ-JL": "a bigger contract (17 counted), clean, 2024-01..06, on track at mid-term",
                "HZ-BH": "clean, 2024-01..06, direct hours short at mid-term (too much indirect work)",
                "HZ-RF": "clean, 2024-01..06, one counted post vacant 2024-03-01..04-30",
                "PY-SQ": "one month (2024-03), one team, %d deliberate mistakes" % len(mistakes)}[sim.code]
        w("| `records/%s.csv` | %s | %d | %s |" % (sim.code, enc, n, what))
    w("| `gb18030/HZ-NZ.csv` | **GB18030**, **CRLF**, no BOM | %d | HZ-NZ's records as Excel on Chinese Windows exports them: Chinese headers and values |" % res["HZ-NZ"][3])
    w("| `gb18030/roster.csv` | GB18030, CRLF | %d | HZ-NZ's roster, Chinese headers and values |" % len(roster_of("HZ-NZ")))
    w("| `gb18030/contracts.csv` | GB18030, CRLF | 1 | HZ-NZ's contract, Chinese headers |")
    for sim in sims:
        if sim.code != "PY-SQ":
            w("| `attendance/%s.csv` | UTF-8, LF, no BOM | %d | %s's sign-in lists (签到表): %d group sessions and %d community events |"
              % (sim.code, len(sim.lists), sim.code, sim.list_groups, sim.list_events))
    w("| `PY-SQ-mistakes.csv` | UTF-8, LF | %d | machine-readable list of the PY-SQ mistakes (line, record_id, mistake, field, value, lines involved, what a validator should say) |" % len(mistakes))
    w("| `expected-hours.md` | UTF-8 | | the hours outcome of every contract, recomputed from the files, with the formulas |")
    w("| `generate.py` | | | the generator |")
    w("| `entry_times.py` | | | the generator's entry times, sign-in lists and client check (see *Entry times and sign-in lists*) |")
    w("")
    w("Row counts exclude the header. \"line\" in this README always means the **physical line** of the")
    w("file, header = line 1. In PY-SQ no field contains a newline, so line = record number + 1. The other")
    w("record files each contain two notes with an embedded newline (see *CSV details*), so there the")
    w("physical line of later records is larger than record number + 1.")
    w("")
    w("## The record format, as used here")
    w("")
    w("Header (canonical English): `%s`." % ",".join(REC_HEADER))
    w("")
    w("- `record_id` `XX-2024-NNNNNN`, unique within the file (except the one deliberate PY-SQ duplicate),")
    w("  numbered in file order; rows are sorted by date, start, staff.")
    w("- `date` ISO `2024-03-05` (HZ-JL: also Excel serial day numbers; GB18030 copy: `2024/3/5` and")
    w("  `2024年3月5日`). Rows fall on working days only, including the make-up days")
    w("  %s; never on the holidays %s." % (", ".join(MAKEUP_DAYS),
                                           ", ".join(a if a == b else a + ".." + b[5:] for a, b in HOLIDAY_RANGES)))
    w("- `start`/`end` `HH:MM`, all on quarter hours; `hours` = end − start written as `1.5`, `2.0`,")
    w("  `0.75`, `1.25`. A staff member's rows on one day never overlap and add up to ≤ 10 h.")
    w("- `kind`/`mode`: service kinds case, group, community, visit, consult always have mode `direct` or")
    w("  `indirect`; training, supervision and admin have an empty mode. `place`, `target` and")
    w("  `participants` are filled on every row (`target=other`, `participants=0` for training,")
    w("  supervision, admin and all indirect rows).")
    w("- `client` is set on every case, visit and consult row (also on indirect case rows: the case notes")
    w("  belong to a client), empty otherwise.")
    w("- `volunteers`/`volunteer_hours` are filled on community rows with mode direct (possibly `0`),")
    w("  empty on every other row.")
    w("- **One activity, several rows.** Rows of one session share `activity`; `participants`,")
    w("  `volunteers` and `volunteer_hours` describe the session and are **repeated on each of its rows**")
    w("  (count them once per activity id, not per row). Hours are per row (each worker's own time).")
    w("- `entered_at`/`modified_at` (录入时间/修改时间): when the row was keyed in and last changed, on every")
    w("  row (`modified_at` on a few); see *Entry times and sign-in lists*. HZ-JL writes them as Excel serial")
    w("  numbers with a fraction on the rows whose date is a serial day, the GB18030 copy in the row's date style.")
    w("")
    w("Activity ids (XX = NZ, JL, BH, RF, SQ):")
    w("")
    w("| id | kind | rows | meaning |")
    w("|---|---|---|---|")
    w("| `XX-G012-05` | group, direct | 2 (two counted workers) | group 12, session 5; a group has 6–10 weekly sessions, 6–12 participants |")
    w("| `XX-K0042-03` | case, direct | 1 | 3rd contact with case client `XX-C0042`; every case client in HZ-* has 6–15 contacts, one worker, every 3–7 working days |")
    w("| `XX-E023` | community, direct | 3–8 | community event 23: 3–6 counted workers plus 0–2 non-counted support staff, 40–300 participants, 5–30 volunteers; `volunteer_hours` = volunteers × duration |")
    w("| `XX-W00012` | community, direct | 1 | one worker's community work (楼栋走访, needs survey), 5–30 participants |")
    w("| `XX-V00456` | visit, direct | 1 | home visit (place home) to an elder or disabled person on the visiting list `XX-C0501`.. |")
    w("| `XX-Q00123` | consult, direct | 1 | consultation (centre, community or online), clients `XX-C1001`.. |")
    w("| `XX-N00077` | case / group / community, **indirect** | 1 | case notes, group preparation, event planning; place centre |")
    w("| `XX-T012` | training | 1 per attendee | monthly all-staff training (3 h), fortnightly team case conference (2 h); an external training day is two rows (09:00–12:00, 13:30–16:30) with one id, place other |")
    w("| `XX-D0034` | supervision | 1 per attendee | fortnightly group supervision by the external supervisor (3 h), individual supervision (2 h) every fifth week |")
    w("| `XX-M00001` | admin | 1 | admin by non-counted staff |")
    w("")
    w("Only counted staff have training and supervision rows. Non-counted staff have admin rows and help at")
    w("community events (community, direct rows that must **not** count as professional service).")
    w("")
    w("## Entry times and sign-in lists")
    w("")
    w("Written by `entry_times.py` (called by `generate.py`) after each centre's simulation, each from its own")
    w("random stream, so no row, time, hour or participant count changes: every figure of `expected-hours.md`")
    w("and every score is what it was without them. All of it is honest work, for jz-audit(1):")
    w("")
    w("- **Entry times.** About half the rows are keyed in on the day of the service, after it ended; the")
    w("  others 1 to 5 working days later, in office hours (never more than 5: `entry_lag.max_working_days`")
    w("  in `rubrics/rules/audit.yaml`). A group session's two rows and a community event's rows are keyed in")
    w("  once, together. About 8 % of rows were changed afterwards, within 5 working days of the service.")
    w("")
    w("| centre | rows | same day | 1 day | 2 days | 3-4 days | 5 days | modified |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for sim in sims:
        lag = [0] * 5
        for r in sim.rows:
            n = et._lag(sys.modules[__name__], r["date"], r["entered"][0])
            lag[0 if n == 0 else 1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4] += 1
        w("| %s | %d | %s | %d |" % (sim.code, len(sim.rows), " | ".join(str(x) for x in lag),
                                     sum(1 for r in sim.rows if r["modified"])))
    w("")
    w("- **Sign-in lists** (`attendance/`, HZ-* only: PY-SQ is one team's month kept for its mistakes). Each")
    w("  group session lists the members present, out of the group's 12 fixed members (`XX-P0001`..), with")
    w("  `signed_at` up to 10 minutes before the start; each community event lists as many residents")
    w("  (`XX-R0001`..) as its `participants` and as many volunteers (`XX-V001`..) as its `volunteers`, no")
    w("  one at two overlapping sessions. The other community rows (楼栋走访) have no list. jz-validate checks")
    w("  the lists against the records: no finding.")
    w("- **No client in two places.** The simulation drew each visit's elder and each consultation's client")
    w("  per worker, so two workers could see one client at the same time; such a row's client is replaced by")
    w("  another client of the same list who is free then and already in the centre's records, only when the")
    w("  old one keeps other rows (%s). This changes the" % ", ".join("%s %d" % (sim.code, sim.clients_moved) for sim in sims))
    w("  number of rows of some clients (jz-sample's client draws), never an hour, a case or a score.")
    w("")
    w("## CSV details exercised")
    w("")
    w("RFC 4180 quoting (fields quoted only when needed, `\"\"` inside quotes). Every records file has notes")
    w("with ASCII commas (quoted), and two with embedded `\"` characters; HZ-NZ, HZ-JL, HZ-BH and HZ-RF each")
    w("have two notes containing a newline inside quotes (a bare LF, as Excel writes Alt+Enter, also in the")
    w("CRLF files):")
    w("")
    for sim in sims:
        nl = [r["record_id"] for r in sim.rows if "\n" in r["note"]]
        q = [r["record_id"] for r in sim.rows if '"' in r["note"]]
        w("- %s: newline in note of %s; `\"` in note of %s" % (sim.code, ", ".join(nl) or "none", ", ".join(q)))
    jl = byc["HZ-JL"]
    w("")
    w("HZ-JL is written with a UTF-8 BOM and CRLF line ends, and %d of its %d rows give the date as an" % (
        jl.serial_count, len(jl.rows)))
    w("Excel serial day number (1900 date system: 45356 = 2024-03-05, i.e. days since 1899-12-30), e.g.")
    w("%s." % ", ".join("%s → %s" % x for x in jl.serial_examples))
    w("")
    w("The GB18030 copy (`gb18030/`) is HZ-NZ exported the Excel-on-Chinese-Windows way: GB18030 bytes,")
    w("CRLF, no BOM, Chinese headers, Chinese enumerations, dates as `2024/3/5` (about 70 %) or")
    w("`2024年3月5日` (about 30 %, chosen per row; also in the roster and contract). Mapping used:")
    w("")
    w("- records: %s" % ", ".join("%s %s" % x for x in zip(REC_HEADER, ZH_REC_HEADER)))
    w("- roster: %s" % ", ".join("%s %s" % x for x in zip(ROSTER_HEADER, ZH_ROSTER_HEADER)))
    w("- contracts: %s" % ", ".join("%s %s" % x for x in zip(CONTRACT_HEADER, ZH_CONTRACT_HEADER)))
    w("  (the target columns keep their English suffix: `目标_cases` etc.)")
    for nm, t in (("kind", ZH_KIND), ("mode", ZH_MODE), ("place", ZH_PLACE), ("target", ZH_TARGET),
                  ("qualification", ZH_QUAL), ("profession", ZH_PROF), ("counted", ZH_YESNO)):
        w("- %s: %s" % (nm, ", ".join("%s %s" % x for x in t.items())))
    w("")
    w("Decoded and mapped back, it is row for row identical to `records/HZ-NZ.csv`, so every figure for")
    w("HZ-NZ in `expected-hours.md` holds for it too.")
    w("")
    w("## The centres")
    w("")
    w("All contracts run 2024-01-01..2024-12-31. Base contract: budget 2,000,000, 14 counted staff,")
    w("total 27440 h, direct 22852 h; one more counted worker per full 100,000 above 2,000,000 and 1960 h")
    w("more total per extra worker. Requirements everywhere: ≥ 20 staff, counted ≥ required, ≥ 10 of")
    w("the counted certified (assistant, social_worker or senior), training 1260 h and supervision 1172 h")
    w("a year, ≥ 60 %% outreach. 2024 has %d working days, 2024-01-01..06-30 has %d." % (
        year_wd, len(working_days(YEAR_START, dt.date(2024, 6, 30)))))
    w("")
    w("| centre | street | operator | budget | counted req. | total_hours | direct_hours | records | as of | expected outcome |")
    w("|---|---|---|---:|---:|---:|---:|---|---|---|")
    for sim in sims:
        c = sim.cfg
        f = res[sim.code][0]
        el, req = requirements(c, year_wd)
        fails = [k for k in ("total", "direct", "training", "supervision") if f[k] < req[k]]
        if f["outreach"] * 100 < 60 * f["total"]:
            fails.append("outreach")
        outcome = "passes every hours check" if not fails else "fails: " + ", ".join(fails)
        if sim.code == "HZ-RF":
            outcome += "; staffing gap 03-01..04-30"
        if sim.code == "PY-SQ":
            outcome = "validation sample (hours n/a)"
        w("| %s | %s%s | %s | %s | %d | %d | %d | %s..%s | %s | %s |" % (
            sim.code, c["district"], c["street"], c["operator"], format(c["budget"], ","), c["prof"], c["total"],
            c["direct"], c["rec_start"].isoformat()[5:], c["rec_end"].isoformat()[5:], c["asof"].isoformat(), outcome))
    w("")
    w("Targets (annual; outputs in `expected-hours.md`):")
    w("")
    w("| centre | " + " | ".join(TARGET_KEYS) + " |")
    w("|---|" + "---:|" * len(TARGET_KEYS))
    for sim in sims:
        w("| %s | %s |" % (sim.code, " | ".join(str(sim.cfg["targets"][k]) for k in TARGET_KEYS)))
    w("")

    def roster_summary(sim):
        rs = roster_of(sim.code)
        cnt = [r for r in rs if r["counted"] == "yes"]
        cert = [r for r in cnt if r["qualification"] != "none"]
        nc = [r for r in rs if r["counted"] == "no"]
        qual = {}
        for r in cnt:
            qual[r["qualification"]] = qual.get(r["qualification"], 0) + 1
        ids = "%s–%s" % (cnt[0]["staff"], cnt[-1]["staff"])
        if sim.code == "HZ-RF":
            ids = "%s–%s and %s (%d rows for 14 posts" % (cnt[0]["staff"], cnt[-2]["staff"], cnt[-1]["staff"], len(cnt))
        else:
            ids += " (%d" % len(cnt)
        w("- Roster: %d rows. Counted: %s; %s). Not counted: %s." % (
            len(rs), ids,
            ", ".join("%d %s" % (v, k) for k, v in sorted(qual.items())),
            ", ".join("%s (%s%s)" % (r["staff"], {"admin": "admin", "support": "support"}[sim.by_id[r["staff"]]["role"]],
                                      ", certified " + r["qualification"] if r["qualification"] != "none" else "")
                      for r in nc)))
        return cnt, cert

    for sim in sims:
        c = sim.cfg
        f, out, per, n, bom, crlf = res[sim.code]
        el, req = requirements(c, year_wd)
        w("### %s — %s%s (%s)" % (sim.code, c["district"], c["street"], c["operator"]))
        w("")
        if sim.code == "HZ-NZ":
            w("The main realistic centre: the whole of 2024, %d rows. 20 staff: 14 counted (11 certified)," % n)
            w("2 admin and 4 support staff not counted. Each counted worker has about 8 h of service on a working")
            w("day (visits to elders on a visiting list of 400, consultations, case work, groups, community")
            w("events, about 10 % indirect work) plus training and supervision on top, 5 days of leave (days")
            w("without rows). Clean: a validator must report **no errors and no warnings**.")
        elif sim.code == "HZ-JL":
            w("Budget 2,350,000 → 3 full 100,000 above the base → 17 counted staff required, total_hours 33320")
            w("(= 27440 + 3 × 1960), direct_hours 27750 (the contract's own figure, not derived). 23 staff (17")
            w("counted, 12 of them certified; 6 not counted). Records 2024-01-01..06-30 only, checked as of")
            w("2024-06-30: on track. Clean (no errors, no warnings); UTF-8 BOM, CRLF and serial dates must be")
            w("accepted silently.")
        elif sim.code == "HZ-BH":
            w("Base contract, records 2024-01-01..06-30. Total hours are on track but about a third of the")
            w("service time is indirect (case notes, preparation), so direct hours are **%s of the pro-rated" % pct(f["direct"], req["direct"]))
            w("direct requirement** (%s h of %s h) at mid-term. Outreach still passes (%s). Exactly 10 of" % (
                H(f["direct"]), H(req["direct"]), pct(f["outreach"], f["total"])))
            w("the 14 counted staff are certified (the minimum). Clean records (no errors, no warnings).")
        elif sim.code == "HZ-RF":
            rs = roster_of(sim.code)
            leaver = [r for r in rs if r["end_date"]][0]
            new = [r for r in rs if r["start_date"] >= "2024-01-02"][0]
            gap_wd = len(working_days(dt.date(2024, 3, 1), dt.date(2024, 4, 30)))
            w("Base contract, records 2024-01-01..06-30. One counted post is vacant for two months: %s (%s," % (
                leaver["staff"], leaver["name"]))
            w("%s) has end_date %s; the replacement %s (%s, %s) has start_date %s. Neither" % (
                leaver["qualification"], leaver["end_date"], new["staff"], new["name"], new["qualification"],
                new["start_date"]))
            w("has rows outside their employment. From 2024-03-01 to 2024-04-30 (%d working days) the centre" % gap_wd)
            a, b, cc = staffing(c, roster, dt.date(2024, 3, 31))
            w("has %d counted staff (required 14), %d staff in post (required 20) and %d certified counted" % (b, a, cc))
            w("staff; on 2024-06-30 and 2024-12-31 it is back to 14 counted / 20 in post. A staffing check should")
            w("report the gap; the records themselves are clean. The other workers absorb the hours, so hours")
            w("still pass pro-rated at mid-term (%s of the total requirement)." % pct(f["total"], req["total"]))
        else:
            w("Base contract; 20 staff in the roster (14 counted). The file is a partial export: March 2024 of")
            w("one team (%s), %d rows, otherwise clean, with the mistakes below, each on its own" % (
                ", ".join(s["sid"] for s in sim.rec_staff), n))
            w("row. Its cases were opened before March, so their contact numbers continue (`SQ-K0005-07`).")
            w("Not meant for hours compliance.")
        w("")
        roster_summary(sim)
        w("- Expected (as of %s; full table in `expected-hours.md`): total %s h (required %s), direct %s h" % (
            c["asof"].isoformat(), H(f["total"]), H(req["total"]), H(f["direct"])))
        w("  (required %s), training %s h (required %s), supervision %s h (required %s), outreach %s." % (
            H(req["direct"]), H(f["training"]), H(req["training"]), H(f["supervision"]), H(req["supervision"]),
            pct(f["outreach"], f["total"])))
        w("")
    w("## PY-SQ: the deliberate mistakes")
    w("")
    w("`records/PY-SQ.csv` (UTF-8, LF, no embedded newlines: line = record number + 1). Each mistake is")
    w("on its own row; everything else in the file is clean. The wording in the last column is the")
    w("meaning a validator should convey, not an exact message. The same list is in `PY-SQ-mistakes.csv`.")
    w("")
    w("| # | file:line | record_id | mistake | what a validator should say |")
    w("|---|---|---|---|---|")
    for k, m in enumerate(mistakes, 1):
        extra = ""
        if m.get("lines"):
            extra = " (the day's rows: lines %s)" % ", ".join(map(str, m["lines"]))
        elif "other_line" in m:
            extra = " (with line %d)" % m["other_line"]
        val = m["value"] if m["value"] != "" else "(empty)"
        w("| %d | records/PY-SQ.csv:%d%s | %s | %s: `%s` = `%s` | %s |" % (
            k, m["line"], extra, m["row"]["record_id"], m["what"], m["field"], val, m["expect"]))
    w("")
    w("Notes on the mistakes:")
    w("")
    w("- The duplicate record_id row is otherwise a normal row; the record number it should have had is")
    w("  simply missing from the sequence. The row entered twice is identical to the one above it except")
    w("  for its record_id, so it also overlaps it: a validator may report the overlap as well.")
    lm = [m for m in mistakes if m["what"] == "14-hour day"][0]
    tm = [m for m in mistakes if m["what"] == "impossible time"][0]
    w("- The 14-hour day (%s, %s) consists of individually valid, non-overlapping rows (from %s to" % (
        lm["group"][0]["staff"], lm["group"][0]["date"].isoformat(), hm(min(r["start"] for r in lm["group"]))))
    w("  %s, 840 minutes in all); only the day total is wrong. The `hours` = 3.0 row, the overlap and" %
      hm(max(r["end"] for r in lm["group"])))
    w("  the duplicate entry were put on days light enough that no day goes above 10 h whichever of")
    w("  `hours` or end − start a tool sums.")
    w("- `个按` is a Chinese kind typo (for 个案) in an English-header file; `caes` an English one.")
    w("- The 25:00 row keeps `hours` %s (the intended %s–%s was mistyped), so only the time is bad." % (
        tm["row"].get("hours_s") or hours_str(tm["row"]["end"] - tm["row"]["start"]), hm(tm["row"]["start"]),
        tm["meant"]))
    w("")
    w("## Open points")
    w("")
    w("- Training and supervision hours are counted for counted staff only; non-counted staff have none,")
    w("  so the samples do not decide whether they would count.")
    w("- Outreach is computed over all service rows of counted staff, direct and indirect;")
    w("  `expected-hours.md` also gives the direct-only and all-staff shares; every centre is above")
    w("  60 %% under each of the three (lowest: HZ-BH, %s)." % pct(res["HZ-BH"][0]["outreach"], res["HZ-BH"][0]["total"]))
    w("- Pro-rating uses working days as specified. The mid-term centres that should pass (HZ-JL,")
    w("  HZ-RF) and HZ-BH's total also pass under a plain 50 % (half-year) or calendar-day (182/366)")
    w("  pro-rating, so a tool using either would not flip their verdicts; HZ-BH's direct hours fail")
    w("  under all three.")
    w("- Outputs counted from records are a sketch (see the definitions in `expected-hours.md`); only the")
    w("  hours figures are meant to be compared exactly.")
    w("")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(L))


if __name__ == "__main__":
    main()
