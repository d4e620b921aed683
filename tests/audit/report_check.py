#!/usr/bin/env python3
"""report_check.py BUILD -- jz-report --audit shows what the audit json says.

Audits samples/audit/ (jz-audit -f json), scores the two centres (jz-score), renders the
report as text, csv and xlsx with --audit, and checks by an independent route (python's json
module and its own ranking of the findings) that each centre's risk, rows touched, warnings
per screen and worst findings appear as jz-audit wrote them, in every format; the roll-up
lists the centres by risk, highest first. Needs Debian's python3 with python3-openpyxl
(tests/deps.sh) for the xlsx part."""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
BIN = os.path.join(ROOT, BUILD, "bin")
WORST = 5  # JZ_REPORT_AUDIT_WORST, jz-report(1)
failures = []


def run(args, ok=(0, 1)):
    p = subprocess.run([os.path.join(BIN, args[0])] + args[1:], capture_output=True, cwd=ROOT)
    if p.returncode not in ok:
        sys.exit("report_check: %s exited %d: %s" % (args[0], p.returncode, p.stderr.decode()))
    return p.stdout.decode("utf-8")


def worst(audit, centre):
    """The ranking of jz-report(1), written again: warnings first; each screen's first finding
    before any screen's second; heavier screen; row before group finding; file order."""
    weight = {s["code"]: s["weight"] for s in audit["screens"]}
    seen, ranked = {}, []
    for k, f in enumerate(audit["findings"]):
        if f["centre"] != centre:
            continue
        key = (f["severity"], f["code"])
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        ranked.append(((0 if f["severity"] == "warning" else 1, nth, -weight[f["code"]],
                        0 if f["file"] else 1, k), f))
    ranked.sort(key=lambda x: x[0])
    return [f for _, f in ranked[:WORST]], len(ranked)


def where(f):
    if f["file"]:
        return "%s:%d" % (f["file"], f["line"])
    if f["staff"] and f["month"]:
        return "staff %s, %s" % (f["staff"], f["month"])
    return "staff %s" % f["staff"] if f["staff"] else f["month"] or "centre " + f["centre"]


with tempfile.TemporaryDirectory() as tmp:
    a_json, s_json = os.path.join(tmp, "a.json"), os.path.join(tmp, "s.json")
    au = ["samples/audit/" + n for n in ("attendance-HZ-SG.csv", "attendance-HZ-CG.csv", "HZ-SG.csv", "HZ-CG.csv")]
    run(["jz-audit", "-f", "json", "--notice", "2024-11-15", "-o", a_json] + au)
    run(["jz-score", "-r", "rubrics/guangzhou-unified.yaml", "--contracts",
         "tests/golden/report-audit-text/contracts.csv", "-f", "json", "-o", s_json,
         "samples/audit/HZ-SG.csv", "samples/audit/HZ-CG.csv"])
    audit = json.load(open(a_json, encoding="utf-8"))
    centres = {c["centre"]: c for c in audit["centres"]}
    if set(centres) != {"HZ-SG", "HZ-CG"}:
        failures.append("audit centres %s" % sorted(centres))

    text = run(["jz-report", "--lang", "en", "--audit", a_json, s_json], ok=(0,))
    # roll-up: by risk, highest first, each with its risk as written
    block = text.split("integrity risk (", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    order = sorted(centres.values(), key=lambda c: (-c["risk"], c["centre"]))
    got = [ln.split()[:2] for ln in block]
    want = [[c["centre"], "%.1f" % c["risk"]] for c in order]
    if got != want:
        failures.append("text roll-up risk %s, want %s" % (got, want))
    for cid, c in centres.items():
        sec = text.split("centre %s " % cid, 1)[1].split("\ncentre ", 1)[0]
        head = "risk %.1f of 100; %d of %d rows touched" % (c["risk"], c["touched"], c["rows"])
        if head not in sec:
            failures.append("text %s: no '%s'" % (cid, head))
        hits = [(k, v) for k, v in c["warnings"].items() if v or c["notes"][k]]
        for k, v in hits:
            if " %s %d" % (k, v) not in sec.split("screens hit:", 1)[1].split("\n", 1)[0]:
                failures.append("text %s: screen %s %d not in screens hit" % (cid, k, v))
        if not hits and "screens hit: none" not in sec:
            failures.append("text %s: no 'screens hit: none'" % cid)
        top, total = worst(audit, cid)
        if top:
            lines = sec.split("worst findings (%d of %d):\n" % (len(top), total), 1)
            if len(lines) < 2:
                failures.append("text %s: no 'worst findings (%d of %d)'" % (cid, len(top), total))
                continue
            shown = lines[1].splitlines()[:len(top)]
            for ln, f in zip(shown, top):
                want = "      %s: %s: %s [%s]" % (where(f), f["severity"], f["message"], f["code"])
                if ln != want:
                    failures.append("text %s: finding line\n  %s\nwant\n  %s" % (cid, ln, want))
        if cid == "HZ-CG" and len({f["code"] for f in top}) < min(WORST, len([v for v in c["warnings"].values() if v])):
            failures.append("text HZ-CG: the worst findings repeat a screen while others were hit")

    rows = list(csv.reader(io.StringIO(run(["jz-report", "-f", "csv", "--audit", a_json, s_json], ok=(0,)))))
    hdr = rows[0]
    col = {h: i for i, h in enumerate(hdr)}
    for cid, c in centres.items():
        mine = [r for r in rows[1:] if r[col["centre"]] == cid and r[col["section"]] == "integrity"]
        risk = [r for r in mine if r[col["indicator"]] == "risk"]
        if len(risk) != 1 or risk[0][col["value"]] != "%.1f" % c["risk"] or risk[0][col["status"]] != "audited":
            failures.append("csv %s: risk row %s" % (cid, risk))
        for k, v in c["warnings"].items():
            r = [r for r in mine if r[col["indicator"]] == k]
            if len(r) != 1 or r[0][col["value"]] != str(v) or r[0][col["target"]] != str(c["notes"][k]):
                failures.append("csv %s: screen %s row %s, want %d warnings %d notes" % (cid, k, r, v, c["notes"][k]))
        top, _ = worst(audit, cid)
        fr = [r for r in mine if r[col["indicator"]] == "finding"]
        want = ["%s: %s [%s]" % (where(f), f["message"], f["code"]) for f in top]
        if [r[col["derivation"]] for r in fr] != want:
            failures.append("csv %s: findings %s, want %s" % (cid, [r[col["derivation"]] for r in fr], want))

    try:
        import openpyxl
    except ImportError:
        sys.exit("report_check: %s has no openpyxl: apt-get install python3-openpyxl" % sys.executable)
    if True:
        x = os.path.join(tmp, "r.xlsx")
        run(["jz-report", "--lang", "en", "-f", "xlsx", "-o", x, "--audit", a_json, s_json], ok=(0,))
        ws = openpyxl.load_workbook(x)["Integrity"]
        vals = [[c.value for c in r] for r in ws.iter_rows()]
        codes = [s["code"] for s in audit["screens"]]
        if vals[0][:6 + len(codes)] != ["centre", "risk", "rows", "touched", "warnings", "notes"] + codes:
            failures.append("xlsx header %s" % vals[0])
        for r in vals[1:3]:
            c = centres[r[0]]
            want = [c["centre"], c["risk"], c["rows"], c["touched"], sum(c["warnings"].values()),
                    sum(c["notes"].values())] + [c["warnings"][k] for k in codes]
            if r[:len(want)] != want:
                failures.append("xlsx row %s, want %s" % (r[:len(want)], want))
        fstart = next(i for i, r in enumerate(vals) if r[1] == "where") + 1
        got = [(r[0], r[1], r[2], r[3], r[4]) for r in vals[fstart:] if r[0]]
        want = []
        for cid in ("HZ-SG", "HZ-CG"):  # the results' order
            want += [(cid, where(f), f["severity"], f["code"], f["message"]) for f in worst(audit, cid)[0]]
        if got != want:
            failures.append("xlsx findings %s, want %s" % (got, want))

for f in failures:
    print("report_check: FAIL: " + f)
print("report_check: %s" % ("ok" if not failures else "%d failures" % len(failures)))
sys.exit(1 if failures else 0)
