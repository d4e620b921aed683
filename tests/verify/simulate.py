#!/usr/bin/env python3
"""Coverage of jz-verify's intervals on a generated centre whose truth is known.

A centre SIM with 500 activities (case, group, community) is generated with a fixed
random seed; for each activity the records report participants and hours, and the truth
(what the paper would show) is known: most are right, some inflated, some do not exist,
a few under-reported. Then 100 times, with seeds sim-1 .. sim-100: jz-sample draws 30
activities per kind, the evaluators' findings are faked from the truth (one drawn item
left not_checked at random), jz-verify estimates, and we count how often

  - the 95 % interval of the centre's hours factor covers the true factor,
  - the 95 % interval of the participants factor covers its true factor,
  - the one-sided 90 % lower bound on overstated hours is at or below the truth.

Asserts at least 93 of 100 for both factors' 95 % intervals (the issue's bar; the
overstatement is computed from the hours one) and at least 84 of 100 for the 90 % bound
(its nominal 90 less two standard deviations of a binomial count). The participants
factor is the hard one: attendance counts of community events run from 20 to 200 and a
few large events do not exist, so the residuals are skewed and a linearised interval
from 30 items is too narrow exactly when the sample missed those events (it covered 86
of these 100, 267 of 300). The bootstrap-t widening of jz-verify(1), ESTIMATES, covers
94 of 100 (291 of 300).
Usage: simulate.py BUILD_BIN_DIR
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile


def generate(rng, path):
    truth = {}
    rows = []
    n = 0
    kinds = [("case", 300, (1, 1), (1, 1)), ("group", 120, (2, 2), (6, 12)), ("community", 80, (1, 4), (20, 200))]
    for kind, count, (r0, r1), (p0, p1) in kinds:
        for a in range(count):
            act = f"SIM-{kind[:3].upper()}{a:04d}"
            nrows = rng.randint(r0, r1)
            part = rng.randint(p0, p1)
            row_minutes = [rng.choice([45, 60, 90, 105, 120, 150]) for _ in range(nrows)]
            for k in range(nrows):
                n += 1
                day = 1 + (n % 28)
                rows.append([f"SIM-{n:06d}", "SIM", f"2024-03-{day:02d}", f"SIM-S{k + 1:02d}", act, kind, "direct",
                             str(part), f"{row_minutes[k] / 60:.2f}"])
            rep_h, u = sum(row_minutes), rng.random()
            if u < 0.72:
                true_p, true_h = part, rep_h
            elif u < 0.87:   # inflated: fewer people, or a staff row that was not there
                true_p = max(1, int(part * rng.uniform(0.5, 0.9))) if part > 1 else part
                true_h = rep_h - row_minutes[0] if nrows > 1 else int(rep_h * rng.choice([0.5, 0.75]))
            elif u < 0.95:   # no paper at all
                true_p, true_h = 0, 0
            else:            # under-reported
                true_p, true_h = part + rng.randint(1, 3), rep_h + 30
            truth[act] = (part, rep_h, true_p, true_h)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "centre", "date", "staff", "activity", "kind", "mode", "participants", "hours"])
        w.writerows(rows)
    return truth


def findings(rng, draw_path, truth, out_path):
    with open(draw_path, encoding="utf-8", newline="") as f:
        items = [r["activity"] for r in csv.DictReader(f)]
    skip = rng.randrange(len(items))
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["centre", "item", "result", "recounted_participants", "recounted_hours", "evaluator", "note"])
        for i, act in enumerate(items):
            rp, rh, tp, th = truth[act]
            if i == skip:
                w.writerow(["SIM", act, "not_checked", "", "", "sim", ""])
            elif (tp, th) == (rp, rh):
                w.writerow(["SIM", act, "verified", "", "", "sim", ""])
            elif (tp, th) == (0, 0):
                w.writerow(["SIM", act, "not_found", "", "", "sim", ""])
            else:
                w.writerow(["SIM", act, "differs", tp, f"{th / 60:.2f}", "sim", ""])


def main(bindir):
    rng = random.Random(20241203)
    tmp = tempfile.mkdtemp(prefix="jz-verify-sim-")
    records = os.path.join(tmp, "SIM.csv")
    truth = generate(rng, records)
    X_h = sum(t[1] for t in truth.values())
    T_h = sum(t[3] for t in truth.values())
    X_p = sum(t[0] for t in truth.values())
    T_p = sum(t[2] for t in truth.values())
    R_h, R_p, over = T_h / X_h, T_p / X_p, (X_h - T_h) / 60
    cover_h = cover_p = cover_lb = 0
    reps = 100
    for rep in range(1, reps + 1):
        draw, ver, res = (os.path.join(tmp, n) for n in ("draw.csv", "ver.csv", "res.json"))
        subprocess.run([os.path.join(bindir, "jz-sample"), "activities", "--seed", f"sim-{rep}", "--per", "30",
                        "--format", "csv", "-o", draw, records], check=True)
        findings(rng, draw, truth, ver)
        rc = subprocess.run([os.path.join(bindir, "jz-verify"), "--draw", draw, "--format", "json", "-o", res, ver]).returncode
        if rc not in (0, 1):
            print(f"simulate: jz-verify exit {rc} on repetition {rep}", file=sys.stderr)
            return 1
        est = [e for e in json.load(open(res, encoding="utf-8"))["estimates"] if e["level"] == "centre"][0]
        h, p = est["hours"], est["participants"]
        cover_h += h["low"] <= R_h <= h["high"]
        cover_p += p["low"] <= R_p <= p["high"]
        cover_lb += est["overstated_hours_lower_bound"] <= over
    for n in ("draw.csv", "ver.csv", "res.json", "SIM.csv"):
        os.remove(os.path.join(tmp, n))
    os.rmdir(tmp)
    print(f"simulate: true hours factor {R_h:.4f}, participants {R_p:.4f}, overstated {over:.1f} h of "
          f"{X_h / 60:.1f}; covered in {reps} draws: hours {cover_h}, participants {cover_p}, "
          f"90 % lower bound at or below the truth {cover_lb}")
    ok = cover_h >= 93 and cover_lb >= 84 and cover_p >= 93
    if not ok:
        print("simulate: coverage below the bar (hours and participants 93 of 100, the 90 % bound 84)",
              file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/bin"))
