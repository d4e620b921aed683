#!/usr/bin/env python3
"""check.py BUILD -- jz-audit finds every injected fabrication and warns about nothing else.

Runs on the committed samples/audit/ and on a centre-year freshly generated with another
seed (samples/generate_audit.py --seed, into a temporary directory). For each: every row of
fabrications.csv must be reported (its screen code at its file and line, or naming its staff
member for group findings); every warning must be on an injected row or about a staff member
who fabricated; the honest centre HZ-SG gets no warning at all -- alone, and audited together
with HZ-CG (two centres: every staff-month is also compared with the district's). Then the
sample district's own records and sign-in lists with HZ-CG (check_district). Standard library
only."""
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
TOOL = os.path.join(ROOT, BUILD, "bin", "jz-audit")
NOTICE = "2024-11-15"
failures = []


def audit(*files):
    p = subprocess.run([TOOL, "--notice", NOTICE, "-f", "json"] + list(files), capture_output=True, text=True)
    if p.returncode not in (0, 1):
        failures.append("jz-audit exited %d: %s" % (p.returncode, p.stderr.strip()))
        return None
    return json.loads(p.stdout)


def judge(cg, fabs, label, honest=()):
    """cg: an audit that includes HZ-CG; every fabrication found, every HZ-CG warning on an
    injected row or fabricating staff member, no warning at all on the centres in honest."""
    warnings = [f for f in cg["findings"] if f["severity"] == "warning"]
    mine = [f for f in warnings if f["centre"] == "HZ-CG"]
    rows = {(os.path.basename(f["file"]), f["line"], f["code"]) for f in mine if f["file"]}
    staff_codes = {(f["staff"], f["code"]) for f in mine}
    injected_rows = {(f["file"], int(f["line"])) for f in fabs if f["kind"] == "row"}
    injected_staff = {f["staff"] for f in fabs if f["staff"]}
    found = 0
    for f in fabs:
        if f["kind"] == "row":
            ok = (f["file"], int(f["line"]), f["screen"]) in rows
        else:
            ok = (f["staff"], f["screen"]) in staff_codes
        found += ok
        if not ok:
            failures.append("%s: not found: %s %s %s:%s %s (%s)" % (label, f["kind"], f["screen"], f["file"], f["line"],
                                                                   f["staff"], f["what"]))
    for w in mine:
        if w["file"]:
            if (os.path.basename(w["file"]), w["line"]) not in injected_rows:
                failures.append("%s: a clean row has a warning: %s:%d %s" % (label, w["file"], w["line"], w["message"]))
        elif w["staff"] not in injected_staff:
            failures.append("%s: a clean staff member has a warning: %s %s" % (label, w["staff"], w["message"]))
    for w in warnings:
        if w["centre"] in honest:
            failures.append("%s: the honest centre %s has a warning: %s" % (label, w["centre"], w["message"]))
    for x in cg["screens"]:
        if x["status"] != "ran":
            failures.append("%s: screen %s %s" % (label, x["code"], x["status"]))
    return found, len(mine)


def check(d, label):
    fabs = list(csv.DictReader(open(os.path.join(d, "fabrications.csv"), encoding="utf-8")))
    cgf = [os.path.join(d, "HZ-CG.csv"), os.path.join(d, "attendance-HZ-CG.csv")]
    sgf = [os.path.join(d, "HZ-SG.csv"), os.path.join(d, "attendance-HZ-SG.csv")]
    cg, sg = audit(*cgf), audit(*sgf)
    both = audit(*(cgf + sgf))   # two centres: each staff-month compared with the district's too
    if cg is None or sg is None or both is None:
        return
    found, n = judge(cg, fabs, label)
    check_participants(cgf[:1], cg, label)
    check_participants(cgf[:1] + sgf[:1], both, label + " (with HZ-SG)")
    judge(both, fabs, label + " (with HZ-SG)", honest=("HZ-SG",))
    for w in sg["findings"]:
        if w["severity"] == "warning":
            failures.append("%s: the honest centre has a warning: %s" % (label, w["message"]))
    print("audit %s: %d of %d fabrications found, %d warnings, %d on the honest centre" % (
        label, found, len(fabs), n, sum(w["severity"] == "warning" for w in sg["findings"])))


def check_district():
    """The sample district (its records with entry times, its sign-in lists) audited with HZ-CG:
    HZ-CG's fabrications are all found as when it is audited alone, and the honest centres get
    no warning at all (samples/README.md, "The sample district under jz-audit"). JL-S09 staffed
    four of January's large community events; before a session's participants were shared
    among its staff rows that month stood out as 1160 participants, a false alarm."""
    s = os.path.join(ROOT, "samples")
    hz = ["HZ-NZ", "HZ-JL", "HZ-BH", "HZ-RF"]
    files = [os.path.join(s, "records", c + ".csv") for c in hz] + [os.path.join(s, "attendance", c + ".csv") for c in hz]
    d = audit(*(files + [os.path.join(s, "audit", "HZ-CG.csv"), os.path.join(s, "audit", "attendance-HZ-CG.csv")]))
    if d is None:
        return
    fabs = list(csv.DictReader(open(os.path.join(s, "audit", "fabrications.csv"), encoding="utf-8")))
    warnings = [f for f in d["findings"] if f["severity"] == "warning"]
    rows = {(os.path.basename(f["file"]), f["line"], f["code"]) for f in warnings if f["file"] and f["centre"] == "HZ-CG"}
    staff_codes = {(f["staff"], f["code"]) for f in warnings if f["centre"] == "HZ-CG"}
    found = 0
    for f in fabs:
        ok = (f["file"], int(f["line"]), f["screen"]) in rows if f["kind"] == "row" else (f["staff"], f["screen"]) in staff_codes
        found += ok
        if not ok:
            failures.append("district: not found: %s %s %s:%s %s" % (f["kind"], f["screen"], f["file"], f["line"], f["staff"]))
    honest = sorted((f["centre"], f["staff"], f["month"], f["code"], f["message"].split(" in ")[0])
                    for f in warnings if f["centre"] != "HZ-CG")
    want = []
    if honest != want:
        failures.append("district: the honest centres' warnings are %s, not the documented %s" % (honest, want))
    for x in d["screens"]:
        if x["status"] != "ran":
            failures.append("district: screen %s %s" % (x["code"], x["status"]))
    print("audit district: %d of %d fabrications of HZ-CG found, %d warnings on the honest centres (documented: %d)" % (
        found, len(fabs), len(honest), len(want)))
    check_participants(files + [os.path.join(s, "audit", "HZ-CG.csv")], d, "district")


def median(x):
    x = sorted(x)
    n = len(x)
    return x[n // 2] if n % 2 else (x[n // 2 - 1] + x[n // 2]) / 2


def iso_date(text):
    """The sample records' dates: ISO, or an Excel serial number (days from 1899-12-30)."""
    text = text.strip()
    if text.isdigit():
        return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(text))).isoformat()
    return datetime.date.fromisoformat(text).isoformat()


def shared_participants(files):
    """Each staff-month's participants, each row's figure divided by the number of rows of
    its session (centre, activity, date) that give participants; a share rounded to
    millionths as jz-audit(1) documents. {(centre, staff, 'YYYY-MM'): participants}."""
    sessions, months = {}, {}
    for path in files:
        with open(path, encoding="utf-8-sig", newline="") as fp:
            rows = list(csv.DictReader(fp))
        if not rows or "participants" not in rows[0]:
            continue   # an attendance list
        for r in rows:
            date = iso_date(r["date"])
            key = (r["centre"], r["staff"], date[:7])
            months.setdefault(key, 0)
            part = int(r["participants"]) if r["participants"].strip() else 0
            if part <= 0:
                continue
            act = r.get("activity", "").strip()
            sess = (r["centre"], act, date) if act else ("row", path, id(r))
            sessions.setdefault(sess, []).append((key, part))
    micro = dict.fromkeys(months, 0)
    for items in sessions.values():
        k = len(items)
        for key, part in items:
            micro[key] += (part * 1000000 + k // 2) // k
    return {key: v / 1e6 for key, v in micro.items()}


def zscores(values):
    med = median(values)
    dev = [abs(v - med) for v in values]
    mad = median(dev)
    meanad = sum(dev) / len(dev)
    if mad > 0:
        return lambda x: 0.6745 * (x - med) / mad
    return lambda x: (x - med) / (1.253314 * meanad) if meanad > 0 else 0.0


def check_participants(files, result, label):
    """The participants outliers jz-audit reports are those of an independent computation
    of every staff-month's shared participants and its modified z-scores (centre and
    district; threshold 3.5, at least 8 staff-months: rubrics/rules/audit.yaml)."""
    months = shared_participants(files)
    centres = sorted({k[0] for k in months})
    zc = {c: zscores([v for k, v in months.items() if k[0] == c]) for c in centres}
    zd = zscores(list(months.values())) if len(centres) > 1 and len(months) >= 8 else None
    want = set()
    for key, v in months.items():
        n = sum(1 for k in months if k[0] == key[0])
        if (n >= 8 and zc[key[0]](v) > 3.5) or (zd and zd(v) > 3.5):
            want.add((key[0], key[1], key[2], "%.1f" % v))
    got = {(f["centre"], f["staff"], f["month"], f["message"].split(" ")[0]) for f in result["findings"]
           if f["code"] == "outlier" and " participants in " in f["message"]}
    if got != want:
        failures.append("%s: participants outliers %s, an independent computation gives %s" % (
            label, sorted(got ^ want), sorted(want - got)))
    print("audit %s: %d participants outliers, the same as an independent computation" % (label, len(got))
          if got == want else "audit %s: participants outliers differ" % label)


check(os.path.join(ROOT, "samples", "audit"), "samples")
check_district()
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, os.path.join(ROOT, "samples", "generate_audit.py"), "--out", tmp, "--seed", "7"],
                   check=True)
    check(tmp, "seed 7")
for f in failures:
    print("FAIL " + f, file=sys.stderr)
sys.exit(1 if failures else 0)
