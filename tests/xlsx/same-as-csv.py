#!/usr/bin/python3
"""same-as-csv.py BUILD: every tool that reads records, rosters, contracts or the other
tables gives the same results on workbooks as on the CSV files of the same data.

Each sample CSV the commands below read is turned into a workbook by BUILD/tests/mkxlsx
(libxlsxwriter; dates, times, date-times and numbers as typed cells, each row at the
sheet row of its CSV line, so line numbers agree): samples/X.csv becomes
TMP/samples/X.xlsx; and with JZ_SOFFICE=1 (LibreOffice installed: soffice; not a
dependency, and it takes a minute), that workbook saved by LibreOffice as TMP/samples/X.xls.
Every command is run from the repository root on the CSV files, then on the .xlsx
workbooks (then on the .xls ones). The two runs must give the same exit status and the same
standard output, standard error and output files, after only these differences are
taken out of the workbook run's text: the workbook's path is the CSV's
(TMP/samples/X.xlsx or .xls -> samples/X.csv), a cell's place after a message is dropped
(" (Sheet1!C12)"), an input's SHA-256 (of different bytes) is the CSV's; and in both
runs' text the encoding's reason ("spreadsheet", "UTF-8 byte-order mark") and the width of
text tables' columns (runs of spaces) are left out. Prints one line a command; exits 1
on a difference (with a diff), 2 on usage.
"""
import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

if len(sys.argv) != 2:
    sys.exit("usage: same-as-csv.py BUILD")
BUILD = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(ROOT)
BIN = os.path.join(ROOT, BUILD, "bin")
MKXLSX = os.path.join(ROOT, BUILD, "tests", "mkxlsx")
ENV = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""), LC_ALL="C.UTF-8", TZ="UTC")
ENV.pop("LANGUAGE", None)
ENV.pop("NO_COLOR", None)

HZ = ["samples/records/HZ-NZ.csv", "samples/records/HZ-JL.csv", "samples/records/HZ-BH.csv",
      "samples/records/HZ-RF.csv"]
RUBRIC = "rubrics/guangzhou-unified.yaml"
SEED = "南洲街 2024 中期核查 5027-3318-9046"
EVAL = ["--contracts", "samples/contracts.csv", "--roster", "samples/roster.csv", "--scores", "samples/scores.csv",
        "--survey", "samples/survey.csv", "--findings", "samples/findings.csv", "--as-of", "2024-06-30"]

# (name, argv, output files the command writes under OUT/): OUT/ is a fresh folder each run.
COMMANDS = [
    ("jz-validate", ["jz-validate", "samples/contracts.csv", "samples/roster.csv"] + HZ
     + ["samples/records/PY-SQ.csv"], []),
    ("jz-validate json", ["jz-validate", "-f", "json", "samples/contracts.csv", "samples/roster.csv",
                          "samples/records/PY-SQ.csv"], []),
    ("jz-validate attendance", ["jz-validate", "samples/audit/HZ-CG.csv", "samples/audit/attendance-HZ-CG.csv"], []),
    ("jz-hours", ["jz-hours", "--contracts", "samples/contracts.csv", "--roster", "samples/roster.csv",
                  "--as-of", "2024-06-30", "-f", "csv"] + HZ, []),
    ("jz-hours json", ["jz-hours", "--contracts", "samples/contracts.csv", "--roster", "samples/roster.csv",
                       "--as-of", "2024-06-30", "-f", "json", "-C", "HZ-BH", "samples/records/HZ-BH.csv"], []),
    ("jz-score", ["jz-score", "-r", RUBRIC] + EVAL + ["-f", "json", "--evidence", "OUT/evidence.csv"] + HZ,
     ["evidence.csv"]),
    ("jz-score text", ["jz-score", "-r", RUBRIC] + EVAL + HZ, []),
    ("jz-audit", ["jz-audit", "--notice", "2024-11-15", "-f", "json", "samples/audit/HZ-CG.csv",
                  "samples/audit/attendance-HZ-CG.csv"], []),
    ("jz-audit roster", ["jz-audit", "--notice", "2024-11-15", "-f", "csv", "samples/roster.csv",
                         "samples/contracts.csv", "samples/audit/HZ-SG.csv", "samples/audit/attendance-HZ-SG.csv"], []),
    ("jz-audit text", ["jz-audit", "--notice", "2024-11-15", "samples/audit/HZ-CG.csv",
                       "samples/audit/attendance-HZ-CG.csv"], []),
    ("jz-sample activities", ["jz-sample", "activities", "--seed", SEED, "--per", "8", "--mode", "direct",
                              "--from", "2024-01-01", "--to", "2024-06-30", "--format", "csv",
                              "samples/records/HZ-NZ.csv"], []),
    ("jz-sample clients", ["jz-sample", "clients", "--seed", SEED, "-n", "12", "-f", "json",
                           "samples/records/HZ-NZ.csv", "samples/records/HZ-JL.csv"], []),
    ("jz-sample visits", ["jz-sample", "visits", "--seed", SEED, "--contracts", "samples/contracts.csv",
                          "--year", "2024", "--teams", "samples/teams.csv", "-f", "csv"], []),
    ("jz-verify", ["jz-verify", "--draw", "samples/verify/draw-HZ-NZ.csv",
                   "samples/verify/verification-HZ-NZ.csv"], []),
    ("jz-verify json", ["jz-verify", "--draw", "samples/verify/draw-HZ-NZ.csv", "-f", "json",
                        "samples/verify/verification-HZ-NZ.csv"], []),
]


def run(argv, out):
    argv = [a.replace("OUT/", out + "/") for a in argv]
    p = subprocess.run(argv, env=ENV, stdin=subprocess.DEVNULL, capture_output=True)
    files = {}
    for f in sorted(os.listdir(out)):
        with open(os.path.join(out, f), "rb") as fp:
            files[f] = fp.read()
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), files


def same_form(text):
    """What both runs' text is compared in: the encoding's reason (a workbook's is
    "spreadsheet", a CSV's its BOM or its bytes) and the width of a text table's
    columns (the workbooks' paths are longer before they are renamed) left out."""
    text = re.sub(r"UTF-8 \([^)]*\)", "UTF-8", text)
    return re.sub(r"  +", "  ", text)


def main():
    tmp = tempfile.mkdtemp(prefix="jz-same-")
    try:
        return compare_all(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare_all(tmp):
    inputs = sorted({a for _, argv, _ in COMMANDS for a in argv if a.startswith("samples/") and a.endswith(".csv")})
    digests, xlsx_digest = {}, {}
    for csv in inputs:
        xlsx = os.path.join(tmp, csv[:-4] + ".xlsx")
        os.makedirs(os.path.dirname(xlsx), exist_ok=True)
        subprocess.run([MKXLSX, xlsx, "--typed", csv], check=True)
        with open(csv, "rb") as fp:
            c = hashlib.sha256(fp.read()).hexdigest()
        with open(xlsx, "rb") as fp:
            xlsx_digest[csv] = hashlib.sha256(fp.read()).hexdigest()
            digests[xlsx_digest[csv]] = c

    kinds = ["xlsx"]
    soffice = shutil.which("soffice")
    if soffice and os.environ.get("JZ_SOFFICE"):
        by_dir = {}
        for csv in inputs:
            by_dir.setdefault(os.path.dirname(csv), []).append(os.path.join(tmp, csv[:-4] + ".xlsx"))
        for d, files in sorted(by_dir.items()):
            # HOME: LibreOffice writes its profile there; a fresh one, not the user's
            subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", os.path.join(tmp, d)] + files,
                           check=True, capture_output=True, env=dict(ENV, HOME=os.path.join(tmp, "home")))
        for csv in inputs:
            x = os.path.join(tmp, csv[:-4] + ".xls")
            with open(x, "rb") as fp:
                digests[hashlib.sha256(fp.read()).hexdigest()] = digests[xlsx_digest[csv]]
        kinds.append("xls")
        print("  ..  .xls: the same workbooks saved by LibreOffice (%s)" % soffice)
    else:
        print("  ..  .xls: not compared (JZ_SOFFICE=1 with LibreOffice's soffice installed compares them, "
              "in about a minute; the .xls golden cases read committed files)")

    def as_csv(text):
        text = text.replace(tmp + "/", "")
        text = re.sub(r"(samples/[^\s\",:]*)\.xlsx?", r"\1.csv", text)
        text = re.sub(r" \((?:'[^']*'|[A-Za-z0-9_]+)![A-Z]+[0-9]+\)", "", text)
        for x, c in digests.items():
            text = text.replace(x, c)
        return same_form(text)

    failed = 0
    for kind, (name, argv, outputs) in [(k, c) for k in kinds for c in COMMANDS]:
        o1, o2 = os.path.join(tmp, "out-csv"), os.path.join(tmp, "out-xlsx")
        for o in (o1, o2):
            shutil.rmtree(o, ignore_errors=True)
            os.makedirs(o)
        a = run(argv, o1)
        xargv = [os.path.join(tmp, x[:-4] + "." + kind) if x in inputs else x for x in argv]
        b = run(xargv, o2)
        a = (a[0], same_form(a[1].replace(o1, "OUT")), same_form(a[2].replace(o1, "OUT")),
             {k: same_form(v.decode("utf-8", "replace").replace(o1, "OUT")) for k, v in a[3].items()})
        b = (b[0], as_csv(b[1].replace(o2, "OUT")), as_csv(b[2].replace(o2, "OUT")),
             {k: as_csv(v.decode("utf-8", "replace").replace(o2, "OUT")) for k, v in b[3].items()})
        diffs = []
        if a[0] != b[0]:
            diffs.append("exit %d on the CSV files, %d on the workbooks" % (a[0], b[0]))
        for label, x, y in (("stdout", a[1], b[1]), ("stderr", a[2], b[2])):
            if x != y:
                diffs.append(label + ":\n" + "".join(difflib.unified_diff(
                    x.splitlines(True), y.splitlines(True), "csv", "xlsx", n=1))[:3000])
        for f in outputs:
            if a[3].get(f) != b[3].get(f):
                diffs.append(f + ":\n" + "".join(difflib.unified_diff(
                    (a[3].get(f) or "").splitlines(True), (b[3].get(f) or "").splitlines(True), "csv", "xlsx", n=1))[:3000])
        if not a[1].strip() and not a[3]:
            diffs.append("the command printed nothing on the CSV files (exit %d): %s" % (a[0], a[2][:300]))
        if diffs:
            failed += 1
            print("FAIL: %s: the .%s workbooks give another result:\n%s" % (name, kind, "\n".join(diffs)), file=sys.stderr)
        else:
            print("  ok  %s: the same on %d .%s workbook(s) as on the CSV files (exit %d, %d lines)"
                  % (name, sum(1 for x in argv if x in inputs), kind, a[0], a[1].count("\n")))
    if failed:
        print("same-as-csv: %d command(s) differ" % failed, file=sys.stderr)
        return 1
    print("same-as-csv: every command gives the same results on the workbooks")
    return 0


sys.exit(main())
