#!/usr/bin/env python3
"""check.py BUILD -- jz-audit finds every injected fabrication and warns about nothing else.

Runs on the committed samples/audit/ and on a centre-year freshly generated with another
seed (samples/generate_audit.py --seed, into a temporary directory). For each: every row of
fabrications.csv must be reported (its screen code at its file and line, or naming its staff
member for group findings); every warning must be on an injected row or about a staff member
who fabricated; the honest centre HZ-SG gets no warning at all. Standard library only."""
import csv
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


def check(d, label):
    fabs = list(csv.DictReader(open(os.path.join(d, "fabrications.csv"), encoding="utf-8")))
    cg = audit(os.path.join(d, "HZ-CG.csv"), os.path.join(d, "attendance-HZ-CG.csv"))
    sg = audit(os.path.join(d, "HZ-SG.csv"), os.path.join(d, "attendance-HZ-SG.csv"))
    if cg is None or sg is None:
        return
    warnings = [f for f in cg["findings"] if f["severity"] == "warning"]
    rows = {(os.path.basename(f["file"]), f["line"], f["code"]) for f in warnings if f["file"]}
    staff_codes = {(f["staff"], f["code"]) for f in warnings}
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
    for w in warnings:
        if w["file"]:
            if (os.path.basename(w["file"]), w["line"]) not in injected_rows:
                failures.append("%s: a clean row has a warning: %s:%d %s" % (label, w["file"], w["line"], w["message"]))
        elif w["staff"] not in injected_staff:
            failures.append("%s: a clean staff member has a warning: %s %s" % (label, w["staff"], w["message"]))
    for w in sg["findings"]:
        if w["severity"] == "warning":
            failures.append("%s: the honest centre has a warning: %s" % (label, w["message"]))
    screens = {s["code"]: s["status"] for s in cg["screens"]}
    for code, status in screens.items():
        if status != "ran":
            failures.append("%s: screen %s %s" % (label, code, status))
    print("audit %s: %d of %d fabrications found, %d warnings, %d on the honest centre" % (
        label, found, len(fabs), len(warnings), sum(w["severity"] == "warning" for w in sg["findings"])))


check(os.path.join(ROOT, "samples", "audit"), "samples")
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, os.path.join(ROOT, "samples", "generate_audit.py"), "--out", tmp, "--seed", "7"],
                   check=True)
    check(tmp, "seed 7")
for f in failures:
    print("FAIL " + f, file=sys.stderr)
sys.exit(1 if failures else 0)
