#!/usr/bin/env python3
"""generate_audit.py -- the samples of jz-audit: two centre-years with entry times, notes and
attendance lists (签到表).

    python3 samples/generate_audit.py [--out DIR] [--seed N] [--readme FILE]

Writes into DIR (default samples/audit):
    HZ-SG.csv, attendance-HZ-SG.csv   沙园 (fictitious): honest work only -- entry lags of a few
                                      days, weekend community events, round durations for
                                      groups, one note shared by the staff of one group session
    HZ-CG.csv, attendance-HZ-CG.csv   昌岗 (fictitious): the same kind of year, plus one
                                      fabrication of every kind jz-audit screens for
    fabrications.csv                  every injected fabrication: kind (row or staff), the
                                      screen code jz-audit must report, the file and line (rows)
                                      or the staff member (group findings), what was done
With --readme FILE it appends a section describing them to FILE (samples/generate.py does,
for samples/README.md). Standard library only, deterministic for a seed. The other sample
files are never touched: existing golden outputs do not read these.
"""
import argparse
import csv
import datetime as dt
import io
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate as g  # noqa: E402  (the working-day calendar of 2024)

NOTICE = dt.date(2024, 11, 15)   # the day the centres were told of the end-term evaluation
HEADER = ["record_id", "centre", "date", "start", "end", "staff", "activity", "kind", "mode", "place",
          "target", "client", "participants", "hours", "volunteers", "volunteer_hours", "note",
          "entered_at", "modified_at"]
LIST_HEADER = ["centre", "activity", "date", "person", "role", "signed_at"]

S1 = ["情绪较上次平稳，自评{a}分", "睡眠约{a}小时，夜间醒来{b}次", "本月已{a}天未出门，需跟进",
      "与家人关系紧张，本周争吵{a}次", "按时服药，血压{a}/{b}", "提到经济压力，月支出约{a}元",
      "对小组活动有兴趣，愿意参加{a}次试听", "照顾负担重，每天照护约{a}小时", "就业意愿增强，已投简历{a}份",
      "孩子学习成绩下降，数学{a}分"]
S2 = ["社工运用倾听与同理回应", "社工协助梳理问题优先次序", "社工与其讨论可用的社区资源",
      "社工示范放松训练{a}分钟", "社工链接街道救助政策", "社工与家属电话沟通{a}分钟",
      "社工肯定其近期的改变", "社工评估风险为{c}", "社工介绍志愿者探访安排", "社工共同制定{a}项小目标"]
S3 = ["约定{d}后再次面谈", "下次跟进重点为作息安排", "建议转介心理咨询", "计划邀请参加下月长者生日会",
      "需与居委核实住房情况", "拟于{d}进行家访", "继续观察服药依从性", "下次讨论求职面试准备",
      "建议家属参加照顾者小组", "案主表示满意，评分{a}分"]
S4 = ["记录人已核对", "案主签名确认", "附评估表{a}页", "已录入个案系统", "备忘：带资料{a}份",
      "下次需带同意书", "已告知隐私保护", "联系电话已更新", "家属在场", "无特殊情况"]
GROUP_TOPICS = ["情绪管理", "压力舒缓", "沟通技巧", "亲子关系", "自我照顾", "社区资源", "回顾与展望",
                "兴趣分享", "健康饮食", "防骗知识", "手工制作", "结业准备"]
COMMUNITY = ["长者生日会", "社区义诊", "亲子游园", "防诈骗宣传", "垃圾分类宣传", "邻里节", "义剪服务"]


def hm(m):
    return "%02d:%02d" % (m // 60, m % 60)


def dtm(d, m):
    return "%s %s" % (d.isoformat(), hm(m))


def next_working(d, n):
    """The n-th working day after d (n >= 1)."""
    while n > 0:
        d += dt.timedelta(days=1)
        if g.is_working(d):
            n -= 1
    return d


def working_between(a, b):
    """Working days in (a, b]."""
    return sum(1 for x in g.drange(a + dt.timedelta(days=1), b) if g.is_working(x)) if b > a else 0


class Centre:
    def __init__(self, code, prefix, seed, nstaff=10):
        self.code, self.p = code, prefix
        self.rng = random.Random(seed)
        self.staff = ["%s-S%02d" % (prefix, i + 1) for i in range(nstaff)]
        self.clients = ["%s-C%04d" % (prefix, i + 1) for i in range(420)]
        self.volunteers = ["%s-V%03d" % (prefix, i + 1) for i in range(60)]
        self.rows = []        # dicts; "fab" names the fabrication a row belongs to
        self.lists = []       # (activity, date, person, role, signed_at, fab)
        self.busy = {}        # (person, date) -> [(start, end)]
        self.seq = 0
        self.counter = {}

    def free(self, person, d, s, e):
        return all(e <= a or b <= s for a, b in self.busy.get((person, d), []))

    def take(self, person, d, s, e):
        self.busy.setdefault((person, d), []).append((s, e))

    def pick_client(self, d, s, e):
        for _ in range(50):
            c = self.rng.choice(self.clients)
            if self.free(c, d, s, e):
                self.take(c, d, s, e)
                return c
        return None

    def note(self, client, d):
        r = self.rng
        k = self.counter[client] = self.counter.get(client, 0) + 1
        vals = dict(a=r.randint(2, 95), b=r.randint(1, 9), c=r.choice(["低", "中", "较低", "中等"]),
                    d=r.choice(["两周", "一周", "十天", "下周三", "月底", "三天"]))
        s1, s2 = r.sample(S1, 2)
        return "%d月%d日第%d次面谈。%s，%s；%s；%s。%s" % (
            d.month, d.day, k, s1.format(**vals), s2.format(a=r.randint(2, 95), b=r.randint(1, 9)),
            r.choice(S2).format(**vals), r.choice(S3).format(**vals), r.choice(S4).format(**vals))

    def entry(self, d, end):
        """Honest entry and modification times: the same day, or 1-4 working days later."""
        r = self.rng
        x = r.random()
        if x < 0.55:
            ed, em = d, min(end + r.randint(10, 180), 23 * 60)
        else:
            ed = next_working(d, 1 if x < 0.75 else 2 if x < 0.9 else r.randint(3, 4))
            em = r.randint(9 * 60, 18 * 60)
        entered = (ed, em)
        modified = None
        if r.random() < 0.1:
            md = ed if r.random() < 0.5 else next_working(ed, 1)
            if working_between(d, md) > 5:
                md = ed
            mm = em + r.randint(5, 120) if md == ed else r.randint(9 * 60, 18 * 60)
            if mm < 24 * 60:
                modified = (md, mm)
        return entered, modified

    def add(self, d, s, e, staff, activity, kind, mode, place, target, client="", part="", note="",
            entered=None, modified=None, fab="", vol=""):
        self.seq += 1
        if entered is None:
            entered, m2 = self.entry(d, e)
            modified = m2 if modified is None else modified
        row = dict(id="%s-2024-%06d" % (self.p, self.seq), d=d, s=s, e=e, staff=staff, act=activity, kind=kind,
                   mode=mode, place=place, target=target, client=client, part=part, note=note,
                   entered=entered, modified=modified, fab=fab, vol=vol)
        self.rows.append(row)
        return row

    def simulate(self):
        r = self.rng
        groups = []   # closed groups: members fixed, weekly, 2 staff
        for gi in range(6):
            members = r.sample(self.clients, 8)
            groups.append(dict(id="%s-G%02d" % (self.p, gi + 1), members=members, wd=gi % 5,
                               staff=(self.staff[(2 * gi) % len(self.staff)], self.staff[(2 * gi + 1) % len(self.staff)]),
                               n=0, name=["照顾者减压小组", "长者健康小组", "青少年成长小组", "亲子沟通小组",
                                          "新市民融入小组", "残障人士互助小组"][gi]))
        rota = 0
        for d in g.drange(g.YEAR_START, g.YEAR_END):
            if d.weekday() == 5 and g.is_working(d) is False and d.month not in (2,) and d.isocalendar()[1] % 2 == 0:
                # a Saturday community event every other week, two staff by rota
                a, b = self.staff[rota % len(self.staff)], self.staff[(rota + 1) % len(self.staff)]
                rota += 2
                self.community(d, 9 * 60 + 30, 12 * 60, (a, b))
            if not g.is_working(d):
                continue
            # groups meeting today
            for gr in groups:
                if gr["wd"] == d.weekday() and d.month not in (2, 8):
                    gr["n"] += 1
                    self.group(d, gr)
            for st in self.staff:
                slots = [(9 * 60, None), (10 * 60 + 45, None), (14 * 60, None), (15 * 60 + 45, None)]
                busy = [(a, b) for (a, b) in self.busy.get((st, d), [])]
                chosen = r.sample(slots, 3)
                for s0, _ in sorted(chosen):
                    dur = r.choice([45, 60, 75, 90, 105])
                    s, e = s0, s0 + dur
                    if any(not (e <= a or b <= s) for a, b in busy):
                        continue
                    self.take(st, d, s, e)
                    k = r.random()
                    if k < 0.45:
                        kind, place = "case", r.choice(["centre", "home"])
                    elif k < 0.65:
                        kind, place = "visit", "home"
                    elif k < 0.8:
                        kind, place = "consult", "centre"
                    else:
                        kind, place = "admin", "centre"
                    if kind == "admin":
                        self.add(d, s, e, st, "%s-A%05d" % (self.p, self.seq + 1), "admin", "", "centre", "other")
                        continue
                    c = self.pick_client(d, s, e)
                    if c is None:
                        continue
                    note = self.note(c, d) if kind == "case" and r.random() < 0.6 else ""
                    self.add(d, s, e, st, "%s-K%05d" % (self.p, self.seq + 1), kind, "direct", place,
                             r.choice(["elderly", "family", "youth", "disabled"]), client=c, part="1", note=note)

    def group(self, d, gr):
        s, e = 14 * 60, 16 * 60
        for st in gr["staff"]:
            if not self.free(st, d, s, e):
                return
        present = [m for m in gr["members"] if self.rng.random() < 0.85 and self.free(m, d, s, e)]
        if len(present) < 3:
            return
        act = "%s-%02d" % (gr["id"], gr["n"])
        topic = GROUP_TOPICS[(gr["n"] - 1) % len(GROUP_TOPICS)]
        r = self.rng
        note = "%s第%d节（%d月%d日）：主题为%s，%d名组员出席。%s；%s。" % (
            gr["name"], gr["n"], d.month, d.day, topic, len(present),
            r.choice(S1).format(a=r.randint(2, 95), b=r.randint(1, 9)),
            r.choice(S3).format(a=r.randint(2, 95), d=r.choice(["两周", "一周", "下周三", "月底"])))
        entered, modified = self.entry(d, e)
        for st in gr["staff"]:
            self.take(st, d, s, e)
            # both staff rows of one session share its note and its entry time
            self.add(d, s, e, st, act, "group", "direct", "centre", "family", part=str(len(present)), note=note,
                     entered=entered, modified=modified or False)
        for m in present:
            self.take(m, d, s, e)
            self.lists.append([act, d, m, "client", dtm(d, s - self.rng.randint(0, 10)), ""])

    def community(self, d, s, e, staff, fab="", people=None):
        for st in staff:
            self.take(st, d, s, e)
        if people is None:
            n = self.rng.randint(15, 28)
            people = []
            for c in self.rng.sample(self.clients, 60):
                if len(people) == n:
                    break
                if self.free(c, d, s, e):
                    people.append(c)
            vols = [v for v in self.rng.sample(self.volunteers, 6) if self.free(v, d, s, e)][:self.rng.randint(2, 4)]
        else:
            people, vols = people
        act = "%s-E%05d" % (self.p, self.seq + 1)
        name = self.rng.choice(COMMUNITY)
        entered, modified = self.entry(d, e)
        for st in staff:
            self.add(d, s, e, st, act, "community", "direct", "community", "community", part=str(len(people)),
                     note="", entered=entered, modified=modified or False, fab=fab, vol=str(len(vols)))
        for p in people:
            self.take(p, d, s, e)
            self.lists.append([act, d, p, "client", "", fab])
        for v in vols:
            self.take(v, d, s, e)
            self.lists.append([act, d, v, "volunteer", "", fab])
        return act, name, (people, vols)

    # ---------------------------------------------------------------- output
    def write(self, out):
        self.rows.sort(key=lambda x: (x["d"], x["s"], x["staff"], x["id"]))
        lines = {}
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(HEADER)
        for i, x in enumerate(self.rows):
            x["line"] = i + 2
            hours = "%.2f" % ((x["e"] - x["s"]) / 60)
            hours = hours.rstrip("0").rstrip(".") if "." in hours else hours
            if "." not in hours:
                hours += ".0"
            ent = dtm(*x["entered"]) if x["entered"] else ""
            mod = dtm(*x["modified"]) if x["modified"] else ""
            w.writerow([x["id"], self.code, x["d"].isoformat(), hm(x["s"]), hm(x["e"]), x["staff"], x["act"], x["kind"],
                        x["mode"], x["place"], x["target"], x["client"], x["part"], hours, x["vol"], "", x["note"],
                        ent, mod])
        with open(os.path.join(out, self.code + ".csv"), "w", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
        self.lists.sort(key=lambda x: (x[1], x[0], x[3], x[2]))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(LIST_HEADER)
        for i, x in enumerate(self.lists):
            x.append(i + 2)
            w.writerow([self.code, x[0], x[1].isoformat(), x[2], x[3], x[4]])
        with open(os.path.join(out, "attendance-" + self.code + ".csv"), "w", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
        return lines


def fabricate(c):
    """Inject one fabrication of every kind into centre c; returns the staff-level list."""
    r = c.rng
    staff_fabs = []
    # 1. written up after the notice: 36 visits of May-June keyed in on 2024-11-18 by S05
    st = c.staff[4]
    days = [d for d in g.drange(dt.date(2024, 5, 6), dt.date(2024, 6, 28)) if g.is_working(d)][:18]
    k = 0
    for d in days:
        for s in (18 * 60 + 30, 19 * 60 + 30):
            cl = c.pick_client(d, s, s + 60)
            k += 1
            c.add(d, s, s + 60, st, "%s-K9%04d" % (c.p, k), "visit", "direct", "home", "elderly", client=cl, part="1",
                  entered=(dt.date(2024, 11, 18), 9 * 60 + k), modified=False, fab="after-notice")
    staff_fabs.append((st, "entry-burst", "36 records of 18 service days keyed in on 2024-11-18"))
    # 2. written up in the run-up: 34 consultations of September-October keyed in on 2024-11-07 by S06
    st = c.staff[5]
    days = [d for d in g.drange(dt.date(2024, 9, 2), dt.date(2024, 10, 25)) if g.is_working(d)][::2][:17]
    for d in days:
        for s in (18 * 60 + 30, 19 * 60 + 30):
            cl = c.pick_client(d, s, s + 60)
            k += 1
            c.add(d, s, s + 60, st, "%s-K9%04d" % (c.p, k), "consult", "direct", "centre", "family", client=cl,
                  part="1", entered=(dt.date(2024, 11, 7), 14 * 60 + k), modified=False, fab="backfill")
    staff_fabs.append((st, "entry-burst", "34 records of 17 service days keyed in on 2024-11-07, 6 working days before the notice"))
    # 3. entered before the service: five of S02's case rows pre-filled the evening before
    st = c.staff[1]
    mine = [x for x in c.rows if x["staff"] == st and x["kind"] == "case" and not x["fab"] and x["d"].month == 3]
    for x in mine[:5]:
        x["entered"] = (x["d"] - dt.timedelta(days=1), 20 * 60)
        x["modified"] = None
        x["fab"] = "entered-before-service"
    # 4. a client in two places: four home visits by S03 that start inside another session of the client
    st = c.staff[2]
    honest = [x for x in c.rows if x["client"] and not x["fab"] and x["staff"] != st and x["d"].month == 4
              and x["e"] - x["s"] >= 60]
    for x in honest[:4]:
        s = x["s"] + 15
        c.add(x["d"], s, s + 60, st, "%s-K9%04d" % (c.p, 9000 + len(c.rows)), "visit", "direct", "home", "elderly",
              client=x["client"], part="1", fab="client-overlap")
    # 5. sessions on holidays: 30 sessions of S07 on the National Day holiday and on Sundays
    st = c.staff[6]
    hol = [d for d in g.drange(dt.date(2024, 7, 1), dt.date(2024, 12, 31)) if not g.is_working(d) and d.weekday() != 5]
    assert len(hol) >= 30
    for d in hol[-30:]:
        cl = c.pick_client(d, 10 * 60, 11 * 60 + 30)
        c.add(d, 10 * 60, 11 * 60 + 30, st, "%s-K9%04d" % (c.p, 9000 + len(c.rows)), "visit", "direct", "home",
              "elderly", client=cl, part="1", fab="holiday-session")
    staff_fabs.append((st, "holiday-session", "30 home visits on holidays and Sundays"))
    # 6. cloned notes: S04 copies one case note onto eight records of other clients and dates
    st = c.staff[3]
    mine = [x for x in c.rows if x["staff"] == st and x["kind"] == "case" and not x["fab"] and x["d"].month in (6, 7)]
    body = "案主情绪低落，近期睡眠欠佳，社工运用倾听与同理回应，协助其梳理家庭支持网络，并约定下周继续跟进服药及作息情况。"
    for i, x in enumerate(mine[:8]):
        x["note"] = body if i % 2 == 0 else body.replace("下周", "下星期")
        x["fab"] = "cloned-note"
    # 7. a reused sign-in list: the list of one community event copied onto three later ones
    events = sorted({(x["d"], x["act"]) for x in c.rows if x["kind"] == "community" and not x["fab"]
                     and x["d"].month in (9, 10, 11)})
    if len(events) >= 4:
        first = [l for l in c.lists if l[0] == events[0][1]]
        people = [l[2] for l in first if l[3] == "client"]
        vols = [l[2] for l in first if l[3] == "volunteer"]
        for d, act in events[1:4]:
            c.lists = [l for l in c.lists if l[0] != act]
            for p in people:
                c.lists.append([act, d, p, "client", "", "repeated-attendance"])
            for v in vols:
                c.lists.append([act, d, v, "volunteer", "", "repeated-attendance"])
            for x in c.rows:
                if x["act"] == act:
                    x["part"] = str(len(people))
                    x["vol"] = str(len(vols))
    # 8. digit heaping: S08 writes every duration as whole hours
    st = c.staff[7]
    for x in c.rows:
        if x["staff"] == st and x["kind"] in ("case", "visit", "consult", "admin") and (x["e"] - x["s"]) % 60:
            x["e"] = x["s"] + max(60, (x["e"] - x["s"]) // 60 * 60)
    staff_fabs.append((st, "digit-heaping", "every case, visit, consultation and admin duration rounded to whole hours"))
    # 9. an inflated month: S09 adds 44 evening sessions in May 2024
    st = c.staff[8]
    may = [d for d in g.drange(dt.date(2024, 5, 1), dt.date(2024, 5, 31)) if g.is_working(d)]
    for d in may:
        for s in (18 * 60 + 30, 19 * 60 + 30):
            cl = c.pick_client(d, s, s + 60)
            if cl:
                c.add(d, s, s + 60, st, "%s-K9%04d" % (c.p, 9000 + len(c.rows)), "consult", "direct", "centre",
                      "family", client=cl, part="1", fab="outlier")
    staff_fabs.append((st, "outlier", "two extra evening consultations a working day in 2024-05"))
    # 10. round head-counts: S10 writes 5 participants on every consultation it had with one client,
    # and 20 in June, a month whose records and hours are ordinary
    st = c.staff[9]
    for x in c.rows:
        if x["staff"] == st and x["kind"] == "consult" and not x["fab"]:
            x["part"] = "20" if x["d"].month == 6 else "5"
    staff_fabs.append((st, "digit-heaping", "every one-client consultation written with 5 participants (20 in 2024-06)"))
    staff_fabs.append((st, "outlier", "2024-06: only its participants stand out (its consultations written with 20)"))
    # 11. a volunteer in two places: a second Saturday event, invented by S10, whose sign-in list
    # has three volunteers of the real event held at the same time
    real = sorted({(x["d"], x["act"]) for x in c.rows if x["kind"] == "community" and not x["fab"] and x["d"].month == 3})
    if real:
        d, act = real[0]
        vols = sorted(l[2] for l in c.lists if l[0] == act and l[3] == "volunteer")[:3]
        people = []
        for p in r.sample(c.clients, 80):
            if len(people) == 12:
                break
            if c.free(p, d, 10 * 60, 11 * 60 + 30):
                people.append(p)
        c.community(d, 10 * 60, 11 * 60 + 30, (st,), fab="", people=(people, []))
        new = c.rows[-1]["act"]
        for v in vols:
            c.lists.append([new, d, v, "volunteer", "", "volunteer-overlap"])
        for x in c.rows:
            if x["act"] == new:
                x["vol"] = str(len(vols))
    return staff_fabs


ROW_EXPECT = {
    "after-notice": ["entry-lag", "after-notice"],
    "backfill": ["entry-lag"],
    "entered-before-service": ["entered-before-service"],
    "client-overlap": ["client-overlap"],
    "cloned-note": ["cloned-note"],
}


def build(out, seed):
    os.makedirs(out, exist_ok=True)
    sg = Centre("HZ-SG", "SG", seed)
    sg.simulate()
    sg.write(out)
    cg = Centre("HZ-CG", "CG", seed + 1)
    cg.simulate()
    staff_fabs = fabricate(cg)
    cg.write(out)
    fab = []
    for x in cg.rows:
        for code in ROW_EXPECT.get(x["fab"], []):
            fab.append(["row", code, "HZ-CG.csv", str(x["line"]), x["staff"], x["fab"]])
    for l in cg.lists:
        if l[5] == "volunteer-overlap":
            fab.append(["row", "client-overlap", "attendance-HZ-CG.csv", str(l[6]), "", "volunteer signed in at two events at once"])
    seen = set()
    for l in cg.lists:
        if l[5] == "repeated-attendance" and l[0] not in seen:
            seen.add(l[0])
            fab.append(["row", "repeated-attendance", "attendance-HZ-CG.csv", str(l[6]), "", "list copied from another event"])
    for st, code, what in staff_fabs:
        fab.append(["staff", code, "", "", st, what])
    with open(os.path.join(out, "fabrications.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["kind", "screen", "file", "line", "staff", "what"])
        w.writerows(fab)
    return sg, cg, fab, staff_fabs


def readme(sg, cg, fab, staff_fabs):
    L = ["", "## samples/audit/: entry times, notes and attendance lists (jz-audit)", "",
         "Written by `samples/generate_audit.py` (called by `generate.py`); no golden output of the other tools",
         "reads them. Two fictitious Haizhu centres with `entered_at`/`modified_at`, notes and attendance lists",
         "(签到表); the evaluation notice is %s (`--notice %s`)." % (NOTICE.isoformat(), NOTICE.isoformat()), "",
         "- `HZ-SG.csv` (%d rows), `attendance-HZ-SG.csv` (%d rows): honest work only. Entries on the day or 1-4"
         % (len(sg.rows), len(sg.lists)),
         "  working days later, a tenth modified within the week; a community event every other Saturday, staffed",
         "  by rota; closed groups meeting weekly for two hours (round durations) with the same members; the two",
         "  staff rows of a group session share one note. `jz-audit --notice %s` gives no warning." % NOTICE.isoformat(),
         "- `HZ-CG.csv` (%d rows), `attendance-HZ-CG.csv` (%d rows): a year of the same kind with these" % (
             len(cg.rows), len(cg.lists)),
         "  fabrications (every one in `fabrications.csv`, with the code jz-audit reports and its line):", ""]
    counts = {}
    for f in fab:
        counts[(f[1], f[5])] = counts.get((f[1], f[5]), 0) + 1
    desc = {
        "after-notice": "visits of May-June 2024 keyed in by %s on 2024-11-18, after the notice" % cg.staff[4],
        "backfill": "consultations of September-October keyed in by %s on 2024-11-07" % cg.staff[5],
        "entered-before-service": "case records of %s entered the evening before the session" % cg.staff[1],
        "client-overlap": "home visits by %s starting inside another session of the same client" % cg.staff[2],
        "cloned-note": "one case note copied by %s onto records of other clients and dates" % cg.staff[3],
        "list copied from another event": "community events whose sign-in list is copied from an earlier one",
        "volunteer signed in at two events at once": "volunteers of a real Saturday event also on the sign-in list of one %s invented at the same time" % cg.staff[9],
    }
    L.append("| fabrication | rows | jz-audit says |")
    L.append("|---|---|---|")
    for (code, what), n in sorted(counts.items(), key=lambda x: (x[0][1], x[0][0])):
        if what in desc:
            L.append("| %s | %d | `%s` warning on each |" % (desc[what], n, code))
    for st, code, what in staff_fabs:
        L.append("| %s: %s | - | `%s` warning naming %s |" % (st, what, code, st))
    L += ["", "The rows CG-S05 and CG-S09 made up also lift their staff-months: jz-audit adds `outlier` warnings",
          "for them (and for CG-S06's September, where its backfilled rows fall). `tests/golden/audit-samples`",
          "holds jz-audit's whole report on HZ-CG, `audit-samples-honest` the one on HZ-SG.", "",
          "`tests/audit/check.py` runs jz-audit on these files (and on a freshly generated year with another",
          "seed) and checks that every fabrication is found and that no other row or staff member gets a warning.",
          "",
          "### The sample district under jz-audit", "",
          "The district's own records (`records/HZ-*.csv`, with `entered_at`/`modified_at`) and sign-in lists",
          "(`attendance/`) are honest work (*Entry times and sign-in lists* above). Audited together with HZ-CG,",
          "as `make demo` does and `tests/golden/audit-district` keeps:", "",
          "    jz-audit --notice %s samples/records/HZ-*.csv samples/attendance/*.csv \\" % NOTICE.isoformat(),
          "        samples/audit/HZ-CG.csv samples/audit/attendance-HZ-CG.csv", "",
          "The district's honest variety: entry lags of up to 5 working days, modifications within the week,",
          "group sessions of 1.5 or a round 2 hours, one entry for a session's rows; it has no weekend rows and",
          "its group notes are too short to compare (either would change rows the other tools read), so weekend",
          "community events and one note shared by a group session's staff are HZ-SG's. Then",
          "every screen runs; HZ-CG is caught on every screen with the same findings as alone (its staff-months",
          "are compared with the district's too, and stand out only in their centre); HZ-NZ, HZ-BH and HZ-RF",
          "get nothing; HZ-JL gets one note and one warning:", "",
          "- note, `digit-heaping`, JL-S01: 282 of 584 durations on whole hours where the rest of the centre's",
          "  rates give 242.7 (41.6 %); chi-square 10.91, just past the note level 10.83 and far below the",
          "  warning level 30. One worker's sessions are more often whole hours than colleagues': the kind of",
          "  honest variety a note is for (context, not a finding to check).",
          "- warning, `outlier`, JL-S09 2024-01: 1160 participants against the district's staff-month median",
          "  (modified z about 3.8; 3.48 in its own centre). JL-S09 staffed four of January's community events",
          "  (296, 297, 288 and 174 participants), and an event's participants stand on each of its workers'",
          "  rows, so a worker who staffs several large events in a month stands out. This is a **false",
          "  alarm** of the participants metric, kept here on purpose and pinned by `tests/audit/check.py`",
          "  (as the only warning on the district's honest centres) until the screen shares a session's",
          "  participants among its workers.", ""]
    return L


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "audit"))
    ap.add_argument("--seed", type=int, default=20241115)
    ap.add_argument("--readme")
    a = ap.parse_args()
    sg, cg, fab, staff_fabs = build(a.out, a.seed)
    if a.readme:
        with open(a.readme, "a", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(readme(sg, cg, fab, staff_fabs)))


if __name__ == "__main__":
    main()
