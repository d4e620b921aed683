#!/usr/bin/env python3
"""tests/report/zh-words.py [BUILD] — the sample reports in Chinese have no English in them.

Scores the sample district (mid-term and year-end, a verified sample, a rubric whose grades
the rules do not know, the contracts' hours alone), renders each result with jz-report in
Chinese (the rubric's lang, and --lang zh under an English locale) as text, Markdown and
HTML (and two centres with jz-audit's findings, --audit), and fails on every run of ASCII letters that is not one of the allowed tokens:

  - the ids and codes the results themselves carry (centres, contracts, sections,
    indicators, hours checks, vetoes, finding codes, evaluators, grades, rubric and rules
    ids): data, not words, and the same in every language;
  - a token with a digit, an underscore, a dot or a slash in it (keys such as min_rows,
    file names, versions, sha256 digests), an option (--as-of), an all-capital code (RMB,
    FIN-VETO, HZ-NZ);
  - ALLOWED below: tool and schema names, and the few Latin symbols of the reports.

In HTML only the text is read (not the tags, the style sheet or attribute values). The
workbooks (jz-report -f xlsx: mid-term with its evidence, year-end, hours, verified) are
read with openpyxl: every sheet name, every cell as a viewer shows it (a formula's cached
value: the payment sentence, the grade), the chart's title and axis, the document's title
and subject; the Evidence sheet's rows are the evidence file's own fields (data), only its
heading is read.
Also: the csv and json of jz-score, jz-report and jz-audit (its findings' messages
included) are the same bytes under a Chinese locale
and language as under C.UTF-8 (machine formats never follow the language or setlocale).
Prints each offending line once and exits 1 if there is any.
"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

# Tokens that are neither data of the results nor English words of a sentence.
ALLOWED = {
    # the tools and the programs named in provenance lines
    "jz-score", "jz-report", "jz-hours", "jz-verify", "jz-audit", "jz-validate", "jiazong",
    # schema names and formats
    "jiazong-score", "jiazong-hours", "json", "csv", "sha256", "SHA-256",
    # units and symbols, and the similarity index jz-audit names (Jaccard 系数)
    "RMB", "h", "Jaccard",
}

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
BIN = BUILD if os.path.isabs(BUILD) else os.path.join(ROOT, BUILD)
BIN = os.path.join(BIN, "bin")

S = "samples"
HZ = [f"{S}/records/{c}.csv" for c in ("HZ-NZ", "HZ-JL", "HZ-BH", "HZ-RF")]
SCORE = ["-r", "rubrics/guangzhou-unified.yaml", "--contracts", f"{S}/contracts.csv", "--roster", f"{S}/roster.csv",
         "--scores", f"{S}/scores.csv", "--survey", f"{S}/survey.csv", "--findings", f"{S}/findings.csv"]


def run(args, env, ok=(0, 1)):
    p = subprocess.run([os.path.join(BIN, args[0])] + args[1:], cwd=ROOT, env=env, capture_output=True)
    if p.returncode not in ok:
        sys.stderr.write(f"zh-words: FAIL: {' '.join(args)}: exit {p.returncode}\n{p.stderr.decode(errors='replace')}")
        sys.exit(1)
    return p.stdout.decode("utf-8")


def data_tokens(obj, out):
    """Every string of a result that is an id or a name (not a sentence)."""
    keys = {"id", "centre", "contract", "section", "check", "code", "evaluator", "grade", "pass_grade",
            "district", "street", "operator", "group", "staff"}
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, str) and k in keys:
                for t in re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", v):
                    out.add(t)
            else:
                data_tokens(v, out)
    elif isinstance(obj, list):
        for v in obj:
            data_tokens(v, out)


def html_text(s):
    s = re.sub(r"<style.*?</style>", " ", s, flags=re.S)
    s = re.sub(r"<title>.*?</title>", " ", s, flags=re.S)
    s = re.sub(r"<!DOCTYPE[^>]*>", " ", s)
    s = re.sub(r"<[^>]*>", " ", s)
    return html.unescape(s)


def offending(line, allowed):
    line = re.sub(r"--[a-z][a-z\-]*", " ", line)           # options
    line = line.replace("\\", "")                         # Markdown escapes
    bad = []
    for tok in re.findall(r"[A-Za-z0-9_./\-]*[A-Za-z][A-Za-z0-9_./\-]*", line):
        tok = tok.strip(".-/")
        if not tok or not re.search(r"[A-Za-z]", tok):
            continue
        if re.search(r"[0-9_./]", tok) or tok.upper() == tok or tok in allowed:
            continue
        bad.append(tok)
    return bad


def workbook_lines(path):
    """The words of a workbook, one (where, text) per string a reader sees."""
    wb = openpyxl.load_workbook(path, data_only=True)   # formulas as their cached values
    out = [("sheet names", " ".join(wb.sheetnames))]
    evidence = wb.sheetnames[-1] if wb.sheetnames[-1] in ("证据", "Evidence") else None
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=1 if ws.title == evidence else None):
            for c in row:
                if isinstance(c.value, str):
                    for line in c.value.splitlines():
                        out.append(("%s!%s" % (ws.title, c.coordinate), line))
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/charts/") or name == "docProps/core.xml":
                xml = z.read(name).decode("utf-8")
                for t in re.findall(r"<(?:a:t|dc:title|dc:subject)>([^<]*)<", xml):
                    out.append((name, html.unescape(t)))
    return out


def main():
    for t in ("jz-score", "jz-report", "jz-hours"):
        if not os.access(os.path.join(BIN, t), os.X_OK):
            sys.stderr.write(f"zh-words: FAIL: {BIN}/{t} not built\n")
            return 1
    tmp = tempfile.mkdtemp(prefix="jz-zh-words.")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update({"LC_ALL": "C.UTF-8", "TZ": "UTC"})
    env.pop("NO_COLOR", None)
    results = {}
    evidence = os.path.join(tmp, "evidence.csv")
    results["mid-term"] = run(["jz-score"] + SCORE + ["-a", "2024-06-30", "-f", "json", "--evidence", evidence] + HZ, env)
    results["year-end"] = run(["jz-score"] + SCORE + ["--skip-invalid", "-f", "json"] + HZ + [f"{S}/records/PY-SQ.csv"], env)
    results["verified"] = run(["jz-score", "-r", "tests/golden/score-verified/rubric.yaml", "--contracts",
                               f"{S}/contracts.csv", "--verification", "tests/golden/score-verified/verify.json",
                               "-C", "HZ-NZ", "-f", "json", f"{S}/records/HZ-NZ.csv"], env)
    audited = ["samples/audit/HZ-SG.csv", "samples/audit/HZ-CG.csv"]
    results["audited"] = run(["jz-score", "-r", "rubrics/guangzhou-unified.yaml", "--contracts",
                              "tests/golden/report-audit-text/contracts.csv", "-f", "json"] + audited, env)
    audit = ["jz-audit", "-f", "json", "--notice", "2024-11-15", "samples/audit/attendance-HZ-SG.csv",
             "samples/audit/attendance-HZ-CG.csv"] + audited
    audit_json = os.path.join(tmp, "audit.json")
    with open(audit_json, "w", encoding="utf-8") as f:
        f.write(run(audit, env))
    results["hours"] = run(["jz-hours", "--contracts", f"{S}/contracts.csv", "--roster", f"{S}/roster.csv",
                            "--as-of", "2024-06-30", "-f", "json"] + HZ, env)
    paths = {}
    allowed = set(ALLOWED)
    for name, text in results.items():
        paths[name] = os.path.join(tmp, name + ".json")
        with open(paths[name], "w", encoding="utf-8") as f:
            f.write(text)
        data_tokens(json.loads(text), allowed)
    with open(audit_json, encoding="utf-8") as f:  # its screens' codes, rules, staff and centres
        data_tokens(json.load(f), allowed)
    renders = []
    for fmt in ("text", "md", "html"):
        for name in ("mid-term", "year-end", "hours"):
            renders.append((f"{name} {fmt}", ["jz-report", "-f", fmt, paths[name]]))
        renders.append((f"previous {fmt}", ["jz-report", "-f", fmt, "--previous", paths["mid-term"], paths["year-end"]]))
        renders.append((f"verified {fmt}", ["jz-report", "-f", fmt, "--verification",
                                            "tests/golden/score-verified/verify.json", paths["verified"]]))
        renders.append((f"audited {fmt}", ["jz-report", "-f", fmt, "--audit", audit_json, paths["audited"]]))
    # a result without a rubric (jz-hours) follows the messages: --lang zh; a scored one its rubric's
    # lang, and --lang zh under an English locale gives the same bytes
    env_en = dict(env, LC_ALL="en_GB.UTF-8", LANGUAGE="en")
    fails = 0
    for label, args in renders:
        hours = label.startswith("hours")
        out = run(args + (["--lang", "zh"] if hours else []), env, ok=(0,))
        if not hours and run(args + ["--lang", "zh"], env_en, ok=(0,)) != out:
            fails += 1
            print(f"zh-words: {label}: --lang zh under an English locale differs from the rubric's lang")
        fmt = args[args.index("-f") + 1]
        text = html_text(out) if fmt == "html" else re.sub(r"</?sub>", " ", out) if fmt == "md" else out
        seen = set()
        for line in text.splitlines():
            bad = offending(line, allowed)
            if bad and line not in seen:
                seen.add(line)
                fails += 1
                print(f"zh-words: {label}: {', '.join(sorted(set(bad)))}: {line.strip()[:300]}")
    # the workbooks: sheet names, headings, labels, notes, the result's sentences, the chart
    rules = ["--rules", "rubrics/rules/guangzhou-hours.yaml"]
    books = [("mid-term xlsx", rules + ["--evidence", evidence, paths["mid-term"]]),
             ("year-end xlsx", rules + [paths["year-end"]]),
             ("hours xlsx", ["--lang", "zh", paths["hours"]]),
             ("verified xlsx", ["--verification", "tests/golden/score-verified/verify.json", paths["verified"]]),
             ("audited xlsx", ["--audit", audit_json, paths["audited"]])]
    for label, args in books:
        book = os.path.join(tmp, label.replace(" ", "-") + ".xlsx")
        run(["jz-report", "-f", "xlsx", "-o", book] + args, env, ok=(0,))
        renders.append((label, None))
        seen = set()
        for where, line in workbook_lines(book):
            bad = offending(line, allowed)
            if bad and line not in seen:
                seen.add(line)
                fails += 1
                print(f"zh-words: {label}: {where}: {', '.join(sorted(set(bad)))}: {line.strip()[:300]}")
        os.unlink(book)
    # machine formats do not change with the language or the locale (numbers, dates, codes)
    env_zh = dict(env, LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN", LANG="zh_CN.UTF-8")
    for args in (["jz-score"] + SCORE + ["-a", "2024-06-30", "-f", "json"] + HZ,
                 ["jz-score"] + SCORE + ["-a", "2024-06-30", "-f", "csv"] + HZ,
                 ["jz-report", "-f", "csv", paths["mid-term"]],
                 ["jz-report", "-f", "csv", "--lang", "zh", paths["mid-term"]],
                 ["jz-report", "-f", "csv", "--audit", audit_json, paths["audited"]],
                 audit, audit[:2] + ["csv"] + audit[3:]):
        if run(args, env) != run(args, env_zh):
            fails += 1
            print(f"zh-words: {' '.join(args[:1] + args[-3:])}: the machine format changes with the language or locale")
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)
    if fails:
        print(f"zh-words: {fails} line(s) with English in a Chinese report")
        return 1
    print(f"zh-words: {len(renders)} Chinese reports, no English")
    return 0


if __name__ == "__main__":
    sys.exit(main())
