"""entry_times.py -- what samples/generate.py adds to the district's records for jz-audit:
when each row was keyed in and last changed (entered_at, modified_at) and the sign-in lists
(签到表) of its group sessions and community events, all honest work.

Each step draws from its own random stream (generate.seeded(code, salt)), after the centre's
simulation has run, so the rows, their order, ids, times, hours and participants -- every
figure jz-hours and jz-score compute -- are those the generator wrote before these were added.

  separate_clients(sim)  a visit or consultation whose client is, at the same time, in another
                         session (the visiting list's elders were drawn per worker, so two
                         workers could visit one elder at once) gets another client of the same
                         list who is free then and already in the centre's records, and only
                         when the old client keeps other rows: the centre's clients stay the
                         same people, and no client is in two places at once
  entry_times(sim)       entered_at: the day of the service (after it ended) about half the
                         time, else 1 to 5 working days later in office hours (a group session's
                         two rows, and a community event's rows, are keyed in once, together);
                         modified_at on about 8 % of rows, within 5 working days of the service
  attendance(sim)        one list per group session (the group's fixed members, those present)
                         and per community event (residents and volunteers), as many clients as
                         the rows' participants and as many volunteers as their volunteers
Standard library only; deterministic.
"""
import datetime as dt
import re

GROUP = re.compile(r"-G\d{3}-\d{2}$")
EVENT = re.compile(r"-E\d{3}$")
MAX_LAG = 5          # working days: rubrics/rules/audit.yaml entry_lag.max_working_days


def _next_working(g, d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if g.is_working(d):
            n -= 1
    return d


def _lag(g, a, b):
    return sum(1 for x in g.drange(a + dt.timedelta(days=1), b) if g.is_working(x)) if b > a else 0


def separate_clients(g, sim):
    rng = g.seeded(sim.code, "clients")
    busy = {}       # (client, day index) -> [(start, end, activity)]
    rows_of = {}    # client -> number of rows
    pool = {}       # kind -> sorted clients of that kind in the records
    for r in sim.rows:
        if r["client"]:
            busy.setdefault((r["client"], r["di"]), []).append((r["start"], r["end"], r["activity"]))
            rows_of[r["client"]] = rows_of.get(r["client"], 0) + 1
            if r["kind"] in ("visit", "consult"):
                pool.setdefault(r["kind"], set()).add(r["client"])
    pool = {k: sorted(v) for k, v in pool.items()}
    moved = 0

    def clash(c, di, a, b, act):
        return any(s < b and a < e and x != act for s, e, x in busy.get((c, di), []))

    for r in sim.rows:
        c = r["client"]
        if not c or r["kind"] not in ("visit", "consult") or not clash(c, r["di"], r["start"], r["end"], r["activity"]):
            continue
        if rows_of[c] < 2:
            continue
        cand = [x for x in pool[r["kind"]] if x != c and not clash(x, r["di"], r["start"], r["end"], r["activity"])]
        new = cand[rng.randrange(len(cand))]
        busy[(c, r["di"])].remove((r["start"], r["end"], r["activity"]))
        busy.setdefault((new, r["di"]), []).append((r["start"], r["end"], r["activity"]))
        rows_of[c] -= 1
        rows_of[new] += 1
        r["client"] = new
        moved += 1
    sim.clients_moved = moved
    return moved


def entry_times(g, sim):
    rng = g.seeded(sim.code, "entry")
    shared = {}   # activity of a group session or community event -> (entered, modified)
    for r in sim.rows:
        d, end = r["date"], r["end"]
        key = r["activity"] if GROUP.search(r["activity"]) or EVENT.search(r["activity"]) else None
        if key in shared:
            r["entered"], r["modified"] = shared[key]
            continue
        x = rng.random()
        if x < 0.5 and end + 10 <= 23 * 60 + 30:
            ed, em = d, min(end + rng.randint(10, 150), 23 * 60 + 30)
        else:
            n = 1 if x < 0.75 else 2 if x < 0.9 else rng.randint(3, 4) if x < 0.98 else MAX_LAG
            ed, em = _next_working(g, d, n), rng.randint(9 * 60, 17 * 60 + 30)
        mod = None
        if rng.random() < 0.08:
            md = ed if rng.random() < 0.5 else _next_working(g, ed, 1)
            mm = em + rng.randint(5, 120) if md == ed else rng.randint(9 * 60, 17 * 60 + 30)
            if _lag(g, d, md) <= MAX_LAG and mm < 24 * 60:
                mod = (md, mm)
        r["entered"], r["modified"] = (ed, em), mod
        if key:
            shared[key] = (r["entered"], r["modified"])
    return sim


def fmt(t, style="iso"):
    """An entry time as a clerk's export writes it: iso '2024-03-05 14:20', 'slash'
    '2024/3/5 14:20', 'zh' '2024年3月5日 14:20', 'serial' Excel's 45356.5972."""
    if not t:
        return ""
    d, m = t
    hm = "%02d:%02d" % (m // 60, m % 60)
    if style == "slash":
        return "%d/%d/%d %s" % (d.year, d.month, d.day, hm)
    if style == "zh":
        return "%d年%d月%d日 %s" % (d.year, d.month, d.day, hm)
    if style == "serial":
        return "%.4f" % ((d - dt.date(1899, 12, 30)).days + m / 1440.0)
    return "%s %s" % (d.isoformat(), hm)


def attendance(g, sim):
    """Lists as rows [centre, activity, date, person, role, signed_at], sorted by date,
    activity, role, person."""
    rng = g.seeded(sim.code, "attendance")
    sessions = {}
    for r in sim.rows:
        if r["kind"] == "group" and GROUP.search(r["activity"]) or r["kind"] == "community" and EVENT.search(r["activity"]):
            sessions.setdefault(r["activity"], r)
    members = {}   # group id -> its fixed members
    nextp = [0]

    def person():
        nextp[0] += 1
        return "%s-P%04d" % (sim.p, nextp[0])
    residents = ["%s-R%04d" % (sim.p, i + 1) for i in range(3000)]
    volunteers = ["%s-V%03d" % (sim.p, i + 1) for i in range(150)]
    busy = {}      # (person, day index) -> [(start, end)]

    def free(p, di, a, b):
        return all(b <= s or e <= a for s, e in busy.get((p, di), []))

    out = []
    for act in sorted(sessions, key=lambda a: (sessions[a]["di"], sessions[a]["start"], a)):
        r = sessions[act]
        di, a, b, part = r["di"], r["start"], r["end"], int(r["participants"])
        if r["kind"] == "group":
            gid = act.rsplit("-", 1)[0]
            if gid not in members:
                members[gid] = [person() for _ in range(12)]   # a closed group: up to 12 members
            present = sorted(rng.sample(members[gid], part))
            for p in present:
                busy.setdefault((p, di), []).append((a, b))
                out.append([sim.code, act, r["date"], p, "client", fmt((r["date"], a - rng.randint(0, 10)))])
            continue
        people = [p for p in rng.sample(residents, min(len(residents), part + 200)) if free(p, di, a, b)][:part]
        vols = [v for v in rng.sample(volunteers, len(volunteers)) if free(v, di, a, b)][:int(r["volunteers"] or 0)]
        assert len(people) == part and len(vols) == int(r["volunteers"] or 0), (sim.code, act)
        for p in people:
            busy.setdefault((p, di), []).append((a, b))
            out.append([sim.code, act, r["date"], p, "client", ""])
        for v in vols:
            busy.setdefault((v, di), []).append((a, b))
            out.append([sim.code, act, r["date"], v, "volunteer", ""])
    out.sort(key=lambda x: (x[2], x[1], x[4], x[3]))
    return [[c, act, d.isoformat(), p, role, s] for c, act, d, p, role, s in out]
